/* app/player/player.h - the lesson player's state, shared by player.c (the
 * lesson being followed: host, narration panel, keys) and player_browser.c
 * (the lesson browser). Not for views: the shell reaches both through
 * frame.h. */
#ifndef NNLAB_PLAYER_H
#define NNLAB_PLAYER_H

#include <SDL.h>

#include "lesson/lesson.h"
#include "lesson/lesson_session.h"
#include "shell/app.h"

/* ---- what the shell, main() and views call ---- */
/* The lesson player (player/player.c). Open a lesson file (errors become a
 * toast and the browser shows them); close it. */
void player_open(app *a, const char *path);
void player_close(app *a);
/* The lesson browser (player/player_browser.c): open or close it (the Lessons
 * button, L, --lessons); is it open; its keys (Up/Down, Esc) and wheel, taken
 * before anything else while it is open (returns 1 if used). */
void player_browse(app *a);
int  player_browsing(const app *a);
int  player_event(app *a, const SDL_Event *e);
/* What the browser lists (for tests): the entries and where each card was
 * drawn last frame (w = 0: scrolled out of view). Returns the count, 0 when closed. */
struct lesson_entry;
int  player_browser_list(const app *a, const struct lesson_entry **entries, const SDL_Rect **cards);
/* Clicker keys while a lesson is open; returns 1 if used. */
int  player_key(app *a, const SDL_KeyboardEvent *k);
/* Advance the lesson's own work (runs, waits) once per frame. */
void player_tick(app *a);
/* Draw the narration panel (or the browser) and return the area left for the
 * view (empty while the browser covers it: the view is then not drawn). */
SDL_Rect player_panel(app *a, SDL_Rect area);

/* 1 while a lesson is open and followed (views that drive their own runs
 * stand back then). */
int  player_lesson_open(const app *a);

/* ---- the player's own state (player.c and player_browser.c; white-box tests) ---- */
#define PLAYER_MAX_LESSONS 32

/* The lesson browser: every *.lesson of the lessons folder, by order. */
typedef struct player_browser {
    int          open;
    int          n;                               /* entries listed (-1: the folder cannot be read) */
    lesson_entry entries[PLAYER_MAX_LESSONS];
    SDL_Rect     cards[PLAYER_MAX_LESSONS];       /* where each was drawn last frame (w = 0: scrolled away) */
    int          scroll;                          /* pixels the list is scrolled by */
    int          want_focus;                      /* card to focus and scroll into view next frame, or -1 */
    char         dir[4096];
} player_browser;

typedef struct player {
    lesson         *L;                /* the open lesson (NULL: none) */
    lesson_session *ls;
    lesson_host     host;
    char            path[512];
    struct race    *race;             /* the comparison, when a step compares runs */
    int             racing;
    int             scroll;           /* narration */
    player_browser  browser;
} player;

/* The player, created on first use (NULL if out of memory). */
player *player_get(app *a);
/* The settings key under which a lesson's progress (steps seen) is kept. */
void player_progress_key(const char *path, char *key, size_t n);
/* The lessons folder: --lessons-dir, $NNLAB_LESSONS, ./lessons, an
 * installation's share/nnlab/lessons, the source tree's (build tree only). */
const char *player_lessons_dir(const app *a);
/* A lesson named without a folder that is not in the current folder
 * ("05_l2_regularisation.lesson" or "05_l2_regularisation"): that file of the
 * lessons folder, written into out. Anything else comes back as given. */
const char *player_find_lesson(const app *a, const char *given, char *out, size_t n);
/* A paragraph with the lesson's *emphasis* as the text drawing's **bold**. */
void player_emphasis(const char *para, char *out, size_t n);
/* What a waiting step asks, in the words on the screen: "set **Hidden
 * layers** to 0 (no hidden layer)" for `layers == none`, "bring **Learning
 * rate** below 0.05" for `lr < 0.05`; in plain words when it is not about
 * one control ("make the dev accuracy at least 0.9", lesson_cond_goal). */
void player_wait_prompt(const lesson_cond *c, char *out, size_t n);
/* Draw the browser over the area; may open a lesson (which closes the browser). */
void player_browser_draw(app *a, SDL_Rect area);

#endif
