/* tests/app/robot.h - a robot that uses the program as a person would.
 *
 * It runs the real frame (frame_run: events, keys, training, widgets,
 * pictures, overlays) on the fixture's software renderer and feeds it SDL
 * events through SDL's own queue, so every key and click takes the same path
 * as in the window. It finds the controls through the UI kit's list of what
 * it drew last frame (ui_widgets), never through coordinates written here:
 * it clicks each button and toggle, opens each dropdown and picks each item,
 * drags each slider to both ends and the middle, types into each number
 * field, presses every documented key.
 *
 * After every frame it checks that nothing drawn showed a non-finite number
 * (gfx_text_nonfinite). A crash or a sanitizer report ends the test program
 * itself; a hang is caught by the alarm each test sets (robot_watchdog).
 * Header-only: each tests/app/test_robot_*.c is its own program.
 */
#ifndef NNLAB_TEST_ROBOT_H
#define NNLAB_TEST_ROBOT_H

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app_fixture.h"
#include "lesson/lesson.h"
#include "player/player.h"

typedef struct robot {
    fixture     f;
    app        *a;
    float       scale;
    long        frames, events;
    char        where[160];       /* what the robot is doing, for failure messages */
    int         failed;
    int         light;            /* lists: the first, a middle and the last item only */
    const char *skip[5];          /* buttons robot_use_all leaves alone (e.g. a lesson's Close) */
} robot;

/* ---- a watchdog: a frame that never returns is a failure, not a stuck CI ---- */

static char robot_doing[200];
static void robot_on_alarm(int sig)
{
    (void)sig;
    static const char msg[] = "robot: no progress for the watchdog's time (a hang) while: ";
    ssize_t ignored = write(2, msg, sizeof msg - 1);
    ignored = write(2, robot_doing, strnlen(robot_doing, sizeof robot_doing));
    ignored = write(2, "\n", 1);
    (void)ignored;
    _exit(3);
}

/* Each call re-arms the alarm: `seconds` without a call ends the test. */
static inline void robot_watchdog(int seconds)
{
    signal(SIGALRM, robot_on_alarm);
    alarm((unsigned)seconds);
}

/* ---- set-up --------------------------------------------------------------------- */

/* A temporary working directory (F12 writes screenshots into it; settings go
 * to its cfg/), the lessons found by absolute path. */
static inline int robot_sandbox(char *lessons_dir, size_t n)
{
    char cwd[1024];
    if (!getcwd(cwd, sizeof cwd)) return 1;
    snprintf(lessons_dir, n, "%s/lessons", cwd);
    char tmpl[] = "/tmp/nnlab_robot.XXXXXX";
    const char *dir = mkdtemp(tmpl);
    if (!dir || chdir(dir) != 0) return 1;
    setenv("XDG_CONFIG_HOME", dir, 1);
    return 0;
}

static inline int robot_open(robot *R, int w, int h, float scale, const char *lessons_dir)
{
    memset(R, 0, sizeof *R);
    if (open_fixture(&R->f, scale, w, h) != 0) return 1;
    R->a = R->f.a;
    R->scale = scale;
    R->a->opt.lessons_dir = lessons_dir;
    R->a->opt.width = w;
    R->a->opt.height = h;
    return 0;
}

static inline void robot_close(robot *R)
{
    SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
    close_fixture(&R->f);
}

static inline void robot_where(robot *R, const char *fmt, const char *s, int i)
{
    /* (a long label is cut: the checks of the return value say so to the compiler) */
    if (snprintf(R->where, sizeof R->where, fmt, s, i) >= (int)sizeof R->where) R->where[sizeof R->where - 2] = '~';
    if (snprintf(robot_doing, sizeof robot_doing, "%s (view %s, %dx%d, zoom %.2f)", R->where,
                 VIEWS[R->a->view]->id, R->f.w, R->f.h, (double)R->scale) >= (int)sizeof robot_doing)
        robot_doing[sizeof robot_doing - 2] = '~';
    if (getenv("NNLAB_ROBOT_TRACE")) printf("    robot: %s\n", robot_doing);   /* what it does, step by step */
}

/* ---- one frame -------------------------------------------------------------------- */

/* Runs one whole frame; returns 1 (and says where) when a non-finite number
 * was drawn. */
static inline int robot_frame(robot *R)
{
    const long before = gfx_text_nonfinite(R->a->fonts, NULL);
    R->a->time += 1.0 / 60;
    frame_run(R->a);
    R->frames++;
    /* Two controls with one id would share their state (one opens the other's list). */
    const ui_widget_info *w;
    const int n = ui_widgets(R->a->ui, &w);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (w[i].id == w[j].id && w[i].kind == w[j].kind && w[i].index == w[j].index) {
                fprintf(stderr, "robot: two controls '%s' and '%s' share an id while %s (view %s)\n", w[i].label,
                        w[j].label, R->where, VIEWS[R->a->view]->id);
                R->failed = 1;
                return 1;
            }
    const char *last = NULL;
    if (gfx_text_nonfinite(R->a->fonts, &last) != before) {
        fprintf(stderr, "robot: drew \"%s\" while %s (view %s, %dx%d, zoom %.2f)\n", last, R->where,
                VIEWS[R->a->view]->id, R->f.w, R->f.h, (double)R->scale);
        R->failed = 1;
        return 1;
    }
    return 0;
}

static inline int robot_frames(robot *R, int n)
{
    for (int i = 0; i < n; i++) if (robot_frame(R)) return 1;
    return 0;
}

/* ---- events through SDL's queue ------------------------------------------------- */

static inline void robot_push(robot *R, SDL_Event *e)
{
    SDL_PushEvent(e);
    R->events++;
}

static inline void robot_move(robot *R, int x, int y)
{
    SDL_Event e = { .motion = { .type = SDL_MOUSEMOTION, .x = x, .y = y } };
    robot_push(R, &e);
}

static inline void robot_button(robot *R, int x, int y, int down)
{
    SDL_Event e = { .button = { .type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP,
                                .button = SDL_BUTTON_LEFT, .state = down ? SDL_PRESSED : SDL_RELEASED,
                                .clicks = 1, .x = x, .y = y } };
    robot_push(R, &e);
}

static inline void robot_wheel(robot *R, int x, int y, int dy)
{
    robot_move(R, x, y);
    SDL_Event e = { .wheel = { .type = SDL_MOUSEWHEEL, .y = dy, .direction = SDL_MOUSEWHEEL_NORMAL } };
    robot_push(R, &e);
}

static inline void robot_key_mod(robot *R, SDL_Keycode k, Uint16 mod)
{
    SDL_Event e = { .key = { .type = SDL_KEYDOWN, .state = SDL_PRESSED,
                             .keysym = { .scancode = SDL_GetScancodeFromKey(k), .sym = k, .mod = mod } } };
    robot_push(R, &e);
    e.key.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    robot_push(R, &e);
}

static inline void robot_key(robot *R, SDL_Keycode k) { robot_key_mod(R, k, KMOD_NONE); }

/* A printable key as a keyboard sends it: the key press, then its text. */
static inline void robot_type(robot *R, const char *s)
{
    for (const char *c = s; *c; c++) {
        SDL_Keycode k = (SDL_Keycode)(unsigned char)*c;
        SDL_Event down = { .key = { .type = SDL_KEYDOWN, .state = SDL_PRESSED,
                                    .keysym = { .scancode = SDL_GetScancodeFromKey(k), .sym = k } } };
        robot_push(R, &down);
        SDL_Event text = { .text = { .type = SDL_TEXTINPUT } };
        text.text.text[0] = *c;
        robot_push(R, &text);
    }
}

/* A click as a hand makes it: press, a frame, release, a frame. */
static inline int robot_click(robot *R, int x, int y)
{
    robot_move(R, x, y);
    robot_button(R, x, y, 1);
    if (robot_frame(R)) return 1;
    robot_button(R, x, y, 0);
    return robot_frame(R);
}

/* ---- finding controls ------------------------------------------------------------- */

static inline int robot_cx(SDL_Rect r) { return r.x + r.w / 2; }
static inline int robot_cy(SDL_Rect r) { return r.y + r.h / 2; }

/* The widget drawn last frame with this id, kind and index, or NULL. */
static inline const ui_widget_info *robot_find(const robot *R, ui_id id, int kind, int index)
{
    const ui_widget_info *w;
    const int n = ui_widgets(R->a->ui, &w);
    for (int i = 0; i < n; i++)
        if (w[i].id == id && w[i].kind == kind && w[i].index == index) return &w[i];
    return NULL;
}

/* A widget with this label (and kind, -1 any) drawn last frame, or NULL. */
static inline const ui_widget_info *robot_find_label(const robot *R, const char *label, int kind)
{
    const ui_widget_info *w;
    const int n = ui_widgets(R->a->ui, &w);
    for (int i = 0; i < n; i++)
        if ((kind < 0 || w[i].kind == kind) && strcmp(w[i].label, label) == 0) return &w[i];
    return NULL;
}

/* 1 when a widget is on screen (not clipped away to nothing). */
static inline int robot_visible(const robot *R, SDL_Rect r)
{
    return r.w > 0 && r.h > 0 && r.x + r.w > 0 && r.y + r.h > 0 && r.x < R->f.w && r.y < R->f.h;
}

/* The top bar's view tabs are the strip whose labels are the views' titles
 * (or their short tab labels, in a narrow bar). */
static inline int robot_is_view_tab(const ui_widget_info *w)
{
    return w->kind == UI_W_TAB && w->id == ui_label_id("views");
}

/* The view a top-bar tab shows (by its label), or -1. */
static inline int robot_tab_view(const ui_widget_info *w)
{
    if (!robot_is_view_tab(w)) return -1;
    for (int v = 0; v < VIEW_COUNT; v++)
        if (!strcmp(w->label, VIEWS[v]->title) || (VIEWS[v]->tab && !strcmp(w->label, VIEWS[v]->tab))) return v;
    return -1;
}

/* Back to a known state after using a control: no help overlay, no lesson
 * browser, the same view, the configured zoom, not quitting. */
static inline int robot_settle(robot *R, int view)
{
    app *a = R->a;
    if (a->show_help) { robot_key(R, SDLK_ESCAPE); if (robot_frame(R)) return 1; }
    if (player_browsing(a)) { robot_key(R, SDLK_ESCAPE); if (robot_frame(R)) return 1; }
    if (a->quit) a->quit = 0;
    if (a->scale != R->scale) {
        a->scale = R->scale;
        ui_set_scale(a->ui, R->scale);
    }
    if (a->fullscreen) a->fullscreen = 0;
    if (a->view != view) {
        a->view = view;
        if (robot_frame(R)) return 1;
    }
    return 0;
}

/* ---- using one control --------------------------------------------------------------- */

static inline int robot_use_slider(robot *R, const ui_widget_info *w0)
{
    const ui_widget_info w = *w0;
    const int y = robot_cy(w.rect), x0 = w.rect.x, x1 = w.rect.x + w.rect.w;
    robot_where(R, "dragging slider '%s'", w.label, 0);
    /* press on the knob's track, drag past the right end, past the left end,
     * to the middle, release */
    robot_move(R, robot_cx(w.rect), y);
    robot_button(R, robot_cx(w.rect), y, 1);
    if (robot_frame(R)) return 1;
    const int xs[] = { x1 + 40, x1, x0 - 40, x0, (x0 + x1) / 2 };
    for (int i = 0; i < 5; i++) {
        robot_move(R, xs[i], y);
        if (robot_frames(R, 2)) return 1;
    }
    robot_button(R, (x0 + x1) / 2, y, 0);
    return robot_frames(R, 2);
}

/* Frames until no data set is loading in the background (at most max_frames). */
static inline int robot_wait_loaded(robot *R, int max_frames)
{
    for (int i = 0; i < max_frames && R->a->s.loading; i++) {
        if (robot_frame(R)) return 1;
        SDL_Delay(2);
    }
    return 0;
}

/* Opens the dropdown (a click on its box); 1 when its list shows. */
static inline int robot_open_list(robot *R, ui_id id)
{
    const ui_widget_info *w = robot_find(R, id, UI_W_DROPDOWN, 0);
    if (!w || w->locked || !robot_visible(R, w->rect)) return 0;
    if (robot_click(R, robot_cx(w->rect), robot_cy(w->rect))) return -1;
    return ui_open_list(R->a->ui, NULL, NULL, NULL, NULL, NULL);
}

/* Picks item i of the dropdown: by a click on its row when it shows, else
 * with the keys (Home, Down x i, Enter), as a keyboard user would. */
static inline int robot_pick(robot *R, ui_id id, int i, int by_keys)
{
    const int open = robot_open_list(R, id);
    if (open < 0) return 1;
    if (!open) return 0;
    SDL_Rect list;
    int first, rows, n, rh;
    ui_open_list(R->a->ui, &list, &first, &rows, &n, &rh);
    if (i >= n) i = n - 1;
    if (!by_keys && i >= first && i < first + rows) {
        const int y = list.y + (i - first) * rh + rh / 2;
        robot_move(R, list.x + list.w / 3, y);
        if (robot_frame(R)) return 1;
        return robot_click(R, list.x + list.w / 3, y);
    }
    robot_key(R, SDLK_HOME);
    for (int k = 0; k < i; k++) robot_key(R, SDLK_DOWN);
    if (robot_frame(R)) return 1;
    robot_key(R, SDLK_RETURN);
    return robot_frame(R);
}

static inline int robot_use_dropdown(robot *R, const ui_widget_info *w0)
{
    const ui_widget_info w = *w0;
    if (w.locked) {   /* a locked list must not open */
        robot_where(R, "clicking locked list '%s'", w.label, 0);
        if (robot_click(R, robot_cx(w.rect), robot_cy(w.rect))) return 1;
        if (ui_open_list(R->a->ui, NULL, NULL, NULL, NULL, NULL)) {
            fprintf(stderr, "robot: locked list '%s' opened\n", w.label);
            return 1;
        }
        return 0;
    }
    /* the first and the last by the keyboard, then each item in turn by the mouse */
    const int n = w.n;
    for (int k = -2; k < n; k++) {
        if (R->light && k >= 0 && k != n / 2) continue;
        const int i = k == -2 ? 0 : k == -1 ? n - 1 : k;
        robot_where(R, "picking item %2$d of list '%1$s'", w.label, i);
        if (robot_pick(R, w.id, i, k < 0)) return 1;
        if (robot_frames(R, 2)) return 1;   /* training goes on with the new choice */
        /* some items open another list or close this one's panel: it may be gone */
        if (!robot_find(R, w.id, UI_W_DROPDOWN, 0)) break;
    }
    /* close with Esc */
    if (robot_open_list(R, w.id) > 0) {
        robot_key(R, SDLK_ESCAPE);
        if (robot_frame(R)) return 1;
    }
    /* and put the first choice back, as a teacher would before going on (a
     * dataset still loading refuses the pick: wait for it) */
    for (int tries = 0; tries < 3; tries++) {
        if (robot_wait_loaded(R, 3000)) return 1;
        const ui_widget_info *now = robot_find(R, w.id, UI_W_DROPDOWN, 0);
        if (!now || now->selected == w.selected) break;
        robot_where(R, "putting list '%s' back to item %d", w.label, w.selected);
        if (robot_pick(R, w.id, w.selected, 1)) return 1;
    }
    return robot_wait_loaded(R, 3000);
}

static inline int robot_use_number(robot *R, const ui_widget_info *w0)
{
    const ui_widget_info w = *w0;
    static const char *const TYPED[] = { "7", "99999999", "abc", "-1e30", "", "3" };
    for (int i = 0; i < 6; i++) {
        robot_where(R, "typing into number field '%s' (entry %d)", w.label, i);
        const ui_widget_info *now = robot_find(R, w.id, UI_W_NUMBER, 0);
        if (!now || !robot_visible(R, now->rect)) return 0;
        if (robot_click(R, robot_cx(now->rect), robot_cy(now->rect))) return 1;
        robot_type(R, TYPED[i]);
        if (robot_frame(R)) return 1;
        robot_key(R, i == 4 ? SDLK_ESCAPE : SDLK_RETURN);
        if (robot_frames(R, 2)) return 1;
    }
    return 0;
}

/* Uses one widget as a person would. */
static inline int robot_use(robot *R, const ui_widget_info *w0, int view)
{
    const ui_widget_info w = *w0;
    if (!robot_visible(R, w.rect)) return 0;
    int rc = 0;
    switch (w.kind) {
    case UI_W_BUTTON:
    case UI_W_STEP:
        robot_where(R, "clicking button '%s'", w.label, 0);
        rc = robot_click(R, robot_cx(w.rect), robot_cy(w.rect)) || robot_frames(R, 2);
        break;
    case UI_W_CHECKBOX:
    case UI_W_SWITCH:
        robot_where(R, "flipping '%s' on and back", w.label, 0);
        rc = robot_click(R, robot_cx(w.rect), robot_cy(w.rect)) || robot_frames(R, 2);
        if (!rc) {
            const ui_widget_info *again = robot_find(R, w.id, w.kind, 0);
            if (again) rc = robot_click(R, robot_cx(again->rect), robot_cy(again->rect)) || robot_frame(R);
        }
        break;
    case UI_W_SLIDER: rc = robot_use_slider(R, &w); break;
    case UI_W_DROPDOWN: rc = robot_use_dropdown(R, &w); break;
    case UI_W_NUMBER: rc = robot_use_number(R, &w); break;
    case UI_W_TEXT:
        robot_where(R, "scrolling text '%s'", w.label, 0);
        robot_wheel(R, robot_cx(w.rect), robot_cy(w.rect), -5);
        rc = robot_frame(R);
        robot_wheel(R, robot_cx(w.rect), robot_cy(w.rect), 5);
        rc = rc || robot_frame(R);
        break;
    default: break;
    }
    return rc || robot_settle(R, view);
}

/* Uses every control on the screen (not tabs): each widget of the first
 * frame's list that is still drawn when its turn comes. */
static inline int robot_use_all(robot *R, int view)
{
    const ui_widget_info *list;
    if (robot_frame(R)) return 1;
    const int n = ui_widgets(R->a->ui, &list);
    ui_widget_info *snap = malloc((size_t)(n > 0 ? n : 1) * sizeof *snap);
    if (!snap) return 1;
    memcpy(snap, list, (size_t)n * sizeof *snap);
    int rc = 0;
    for (int i = 0; i < n && !rc; i++) {
        if (snap[i].kind == UI_W_TAB) continue;
        int skip = 0;
        for (int k = 0; k < 5; k++) skip |= snap[i].kind == UI_W_BUTTON && R->skip[k] && !strcmp(snap[i].label, R->skip[k]);
        if (skip) continue;
        const ui_widget_info *now = robot_find(R, snap[i].id, snap[i].kind, snap[i].index);
        if (!now) continue;
        robot_watchdog(300);
        rc = robot_use(R, now, view);
    }
    free(snap);
    return rc;
}

/* Every tab of every panel (the top bar's view tabs aside): a click on each
 * tab, then every control it shows. Then the first tab again. */
static inline int robot_use_tabs(robot *R, int view)
{
    if (robot_frame(R)) return 1;
    const ui_widget_info *list;
    int n = ui_widgets(R->a->ui, &list);
    ui_widget_info tabs[64];
    int nt = 0;
    for (int i = 0; i < n && nt < 64; i++)
        if (list[i].kind == UI_W_TAB && !robot_is_view_tab(&list[i])) tabs[nt++] = list[i];
    if (nt == 0) return robot_use_all(R, view);
    for (int t = 0; t < nt; t++) {
        const ui_widget_info *now = robot_find(R, tabs[t].id, UI_W_TAB, tabs[t].index);
        if (!now || !robot_visible(R, now->rect)) continue;
        robot_where(R, "opening tab '%s'", now->label, 0);
        if (robot_click(R, robot_cx(now->rect), robot_cy(now->rect))) return 1;
        if (robot_use_all(R, view)) return 1;
    }
    const ui_widget_info *first = robot_find(R, tabs[0].id, UI_W_TAB, tabs[0].index);
    if (first && robot_visible(R, first->rect)) return robot_click(R, robot_cx(first->rect), robot_cy(first->rect));
    return 0;
}

/* Selects a view by clicking its tab in the top bar; returns its index or -1. */
static inline int robot_go_view(robot *R, int v)
{
    if (robot_frame(R)) return -1;
    const ui_widget_info *list;
    const int n = ui_widgets(R->a->ui, &list);
    for (int i = 0; i < n; i++) {
        if (robot_tab_view(&list[i]) != v) continue;
        robot_where(R, "clicking the view tab '%s'", list[i].label, v);
        const SDL_Rect r = list[i].rect;
        if (robot_click(R, robot_cx(r), robot_cy(r))) return -1;
        if (R->a->view != v) {
            fprintf(stderr, "robot: clicking the tab '%s' left view %s on screen\n", VIEWS[v]->title,
                    VIEWS[R->a->view]->id);
            return -1;
        }
        return v;
    }
    for (int k = 0; k < R->a->n_more_views; k++) {   /* no tab at this width and zoom: the More list */
        if (R->a->more_views[k] != v) continue;
        robot_where(R, "picking view '%s' from More", VIEWS[v]->title, v);
        if (robot_pick(R, ui_label_id("##more views"), k + 1, 0)) return -1;
        if (R->a->view != v) {
            fprintf(stderr, "robot: picking '%s' from More left view %s on screen\n", VIEWS[v]->title,
                    VIEWS[R->a->view]->id);
            return -1;
        }
        return v;
    }
    fprintf(stderr, "robot: view %s has neither a tab nor a More item at %dx%d zoom %.2f\n", VIEWS[v]->id, R->f.w,
            R->f.h, (double)R->scale);
    return -1;
}

/* ---- keys ------------------------------------------------------------------------------ */

/* Every documented key (the help overlay's list), each followed by a frame. */
static inline int robot_press_every_key(robot *R, int view)
{
    static const struct { SDL_Keycode k; Uint16 mod; } KEYS[] = {
        { SDLK_SPACE, 0 }, { SDLK_s, 0 }, { SDLK_RIGHT, 0 }, { SDLK_e, 0 }, { SDLK_r, 0 }, { SDLK_n, 0 },
        { SDLK_PLUS, 0 }, { SDLK_EQUALS, 0 }, { SDLK_MINUS, 0 }, { SDLK_KP_PLUS, 0 }, { SDLK_KP_MINUS, 0 },
        { SDLK_LEFT, 0 }, { SDLK_PAGEDOWN, 0 }, { SDLK_PAGEUP, 0 }, { SDLK_TAB, 0 }, { SDLK_TAB, KMOD_LSHIFT },
        { SDLK_SPACE, 0 }, { SDLK_RETURN, 0 }, { SDLK_ESCAPE, 0 },
        { SDLK_EQUALS, KMOD_LCTRL }, { SDLK_MINUS, KMOD_LCTRL }, { SDLK_MINUS, KMOD_LCTRL }, { SDLK_0, KMOD_LCTRL },
        { SDLK_F11, 0 }, { SDLK_F11, 0 }, { SDLK_F12, 0 }, { SDLK_F9, 0 }, { SDLK_F9, 0 }, { SDLK_F1, 0 }, { SDLK_F1, 0 },
        { SDLK_QUESTION, 0 }, { SDLK_ESCAPE, 0 }, { SDLK_SLASH, KMOD_LSHIFT }, { SDLK_ESCAPE, 0 },
        { SDLK_l, 0 }, { SDLK_DOWN, 0 }, { SDLK_UP, 0 }, { SDLK_ESCAPE, 0 }, { SDLK_q, KMOD_LCTRL },
        { SDLK_SPACE, 0 },
        /* save and open a setup (into the sandbox: the path bar's default is in the current folder) */
        { SDLK_s, KMOD_LCTRL }, { SDLK_RETURN, 0 }, { SDLK_o, KMOD_LCTRL }, { SDLK_RETURN, 0 },
        { SDLK_o, KMOD_LCTRL }, { SDLK_ESCAPE, 0 },
    };
    for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++) {
        robot_where(R, "pressing key %s (mod %d)", SDL_GetKeyName(KEYS[i].k), KEYS[i].mod);
        robot_key_mod(R, KEYS[i].k, KEYS[i].mod);
        if (robot_frames(R, 2)) return 1;
        if (KEYS[i].k == SDLK_q && R->a->quit != 1) {
            fprintf(stderr, "robot: Ctrl+Q did not quit\n");
            return 1;
        }
        R->a->quit = 0;
    }
    return robot_settle(R, view);
}

/* Trains until the session has loaded and made `steps` updates (or frames run out). */
static inline int robot_train(robot *R, int steps, int max_frames)
{
    R->a->s.playing = 1;
    for (int i = 0; i < max_frames; i++) {
        robot_watchdog(300);
        if (robot_frame(R)) return 1;
        if (!R->a->s.loading && R->a->s.open && !R->a->s.playing) R->a->s.playing = 1;
        if (!R->a->s.loading && R->a->s.open && session_state(&R->a->s).steps >= steps) return 0;
    }
    return 0;
}

/* ---- a seeded random walk of events ------------------------------------------------------ */

static inline uint32_t robot_rand(uint64_t *s)
{
    /* PCG32 (O'Neill), the same generator the engine uses in spirit */
    uint64_t old = *s;
    *s = old * 6364136223846793005ULL + 1442695040888963407ULL;
    uint32_t xs = (uint32_t)(((old >> 18u) ^ old) >> 27u), rot = (uint32_t)(old >> 59u);
    return (xs >> rot) | (xs << ((-rot) & 31));
}

/* `count` random events, 1-4 per frame: clicks and drags mostly on controls
 * (a random point of a random widget drawn last frame), anywhere otherwise;
 * wheel; documented keys and random letters; typed text. */
static inline int robot_random(robot *R, uint64_t seed, long count)
{
    static const SDL_Keycode KEYS[] = {
        SDLK_SPACE, SDLK_s, SDLK_RIGHT, SDLK_LEFT, SDLK_e, SDLK_r, SDLK_n, SDLK_PLUS, SDLK_MINUS, SDLK_l,
        SDLK_PAGEDOWN, SDLK_PAGEUP, SDLK_TAB, SDLK_RETURN, SDLK_ESCAPE, SDLK_UP, SDLK_DOWN, SDLK_HOME,
        SDLK_END, SDLK_F1, SDLK_QUESTION, SDLK_BACKSPACE, SDLK_0, SDLK_5, SDLK_PERIOD, SDLK_a, SDLK_z,
    };
    const int nkeys = (int)(sizeof KEYS / sizeof KEYS[0]);
    uint64_t s = seed * 2654435761u + 1;
    int down = 0, mx = 0, my = 0;
    const int view0 = R->a->view;
    for (long e = 0; e < count;) {
        robot_watchdog(300);
        const int batch = 1 + (int)(robot_rand(&s) % 4);
        for (int b = 0; b < batch; b++, e++) {
            const uint32_t kind = robot_rand(&s) % 100;
            const ui_widget_info *list;
            const int n = ui_widgets(R->a->ui, &list);
            if (kind < 55) {          /* the mouse on a control, or anywhere */
                if (n > 0 && robot_rand(&s) % 4 != 0) {
                    const SDL_Rect r = list[robot_rand(&s) % (uint32_t)n].rect;
                    mx = r.x + (r.w > 0 ? (int)(robot_rand(&s) % (uint32_t)r.w) : 0);
                    my = r.y + (r.h > 0 ? (int)(robot_rand(&s) % (uint32_t)r.h) : 0);
                } else {
                    mx = (int)(robot_rand(&s) % (uint32_t)R->f.w);
                    my = (int)(robot_rand(&s) % (uint32_t)R->f.h);
                }
                robot_move(R, mx, my);
                const uint32_t what = robot_rand(&s) % 3;
                if (what == 0 || (what == 1 && !down)) { robot_button(R, mx, my, !down); down = !down; }
            } else if (kind < 62) {
                robot_wheel(R, mx, my, (int)(robot_rand(&s) % 7) - 3);
            } else if (kind < 92) {
                const SDL_Keycode k = KEYS[robot_rand(&s) % (uint32_t)nkeys];
                Uint16 mod = robot_rand(&s) % 12 == 0 ? KMOD_LSHIFT : 0;
                robot_key_mod(R, k, mod);
            } else if (kind < 97) {
                char t[2] = { "0123456789.-eE xq"[robot_rand(&s) % 17], 0 };
                robot_type(R, t);
            } else if (kind < 99) {
                robot_key_mod(R, robot_rand(&s) % 2 ? SDLK_EQUALS : SDLK_MINUS, KMOD_LCTRL);   /* zoom */
            } else {
                /* another view, as a click on its tab would do */
                R->a->view = (int)(robot_rand(&s) % (uint32_t)VIEW_COUNT);
            }
        }
        if (snprintf(R->where, sizeof R->where, "random event %ld of %ld (seed %llu)", e, count,
                     (unsigned long long)seed) < 0)
            R->where[0] = 0;
        snprintf(robot_doing, sizeof robot_doing, "%s", R->where);
        if (robot_frame(R)) return 1;
        if (R->a->quit) R->a->quit = 0;
        if (R->a->scale < 0.5f || R->a->scale > 4.0f) {
            fprintf(stderr, "robot: zoom %.3f out of range\n", (double)R->a->scale);
            return 1;
        }
    }
    if (down) robot_button(R, mx, my, 0);
    (void)view0;
    return robot_frame(R);
}

#endif
