/* app/shell/frame.h - one frame of the program, and the pieces main() calls. */
#ifndef NNLAB_FRAME_H
#define NNLAB_FRAME_H

#include "shell/app.h"

/* Events, training, widgets, pictures, overlays, present. */
void frame_run(app *a);
/* Draw the current state without events, training or present (for --screenshot). */
void frame_render_only(app *a);
void frame_apply_theme(app *a);
/* --check-lesson / --run-lesson: exit code. */
int  frame_headless_lesson(const app_options *o);
/* The lesson player (shell/player.c). Open a lesson file (errors become a
 * toast and the browser shows them); close it. */
void frame_player_open(app *a, const char *path);
void frame_player_close(app *a);
/* The lesson browser (shell/player_browser.c): open or close it (the Lessons
 * button, L, --lessons); is it open; its keys (Up/Down, Esc) and wheel, taken
 * before anything else while it is open (returns 1 if used). */
void frame_player_browse(app *a);
int  frame_player_browsing(const app *a);
int  frame_player_event(app *a, const SDL_Event *e);
/* What the browser lists (for tests): the entries and where each card was
 * drawn last frame (w = 0: scrolled out of view). Returns the count, 0 when closed. */
struct lesson_entry;
int  frame_player_browser_list(const app *a, const struct lesson_entry **entries, const SDL_Rect **cards);
/* Clicker keys while a lesson is open; returns 1 if used. */
int  frame_player_key(app *a, const SDL_KeyboardEvent *k);
/* Advance the lesson's own work (runs, waits) once per frame. */
void frame_player_tick(app *a);
/* Draw the narration panel (or the browser) and return the area left for the
 * view (empty while the browser covers it: the view is then not drawn). */
SDL_Rect frame_player_panel(app *a, SDL_Rect area);

#endif
