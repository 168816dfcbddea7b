/* app/shell/frame.c - events, the top bar, overlays, and the frame itself. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "draw/prim.h"
#include "player/player.h"
#include "record/record.h"
#include "shell/file_menu.h"
#include "shell/frame.h"
#include "shell/fullscreen.h"
#include "shell/help_overlay.h"
#include "shell/screenshot.h"
#include "ui/ui.h"
#include "views/view.h"

static int px(const app *a, float v) { return (int)(v * a->scale + 0.5f); }

void frame_apply_theme(app *a)
{
    const ui_theme t = a->light ? ui_theme_light() : ui_theme_dark();
    ui_set_theme(a->ui, &t);
    a->style = t.plot;
}

static void set_scale(app *a, float s)
{
    if (s < 0.5f) s = 0.5f;
    if (s > 4.0f) s = 4.0f;
    a->scale = s;
    ui_set_scale(a->ui, s);
    app_toast(a, "Zoom %.0f%%", s * 100.0);
}

/* F12: a PNG in the working directory, named by the time. */
static void screenshot_now(app *a)
{
    char name[64], err[512];
    const time_t now = time(NULL);
    strftime(name, sizeof name, "nnlab-%Y%m%d-%H%M%S.png", localtime(&now));
    if (shell_screenshot(a->r, name, err, sizeof err) == 0) {
        char cwd[512] = ".";
        const char *pwd = SDL_getenv("PWD");
        if (pwd) snprintf(cwd, sizeof cwd, "%s", pwd);
        app_toast(a, "Screenshot saved to %s/%s", cwd, name);
    } else {
        app_toast(a, "%s", err);
    }
}

static void toggle_fullscreen(app *a)
{
    a->fullscreen = !a->fullscreen;
    shell_fullscreen(a->win, a->fullscreen);
}

/* Keys the whole program understands; returns 1 when the key was used. */
static int global_key(app *a, const SDL_KeyboardEvent *k, int *want_shot)
{
    const SDL_Keycode key = k->keysym.sym;
    const int ctrl = (k->keysym.mod & KMOD_CTRL) != 0;
    if (file_menu_key(a, k)) return 1;     /* Ctrl+S, Ctrl+O; Enter / Esc in the path bar */
    if (key == SDLK_F11) { toggle_fullscreen(a); return 1; }
    if (key == SDLK_F12) { *want_shot = 1; return 1; }
    if (key == SDLK_F9) { record_toggle(a); return 1; }   /* start / stop a recording (record/record.h) */
    if (key == SDLK_F1 || key == SDLK_QUESTION || (key == SDLK_SLASH && (k->keysym.mod & KMOD_SHIFT))) {
        a->show_help = !a->show_help;
        return 1;
    }
    if (ctrl && (key == SDLK_EQUALS || key == SDLK_PLUS || key == SDLK_KP_PLUS)) { set_scale(a, a->scale * 1.25f); return 1; }
    if (ctrl && (key == SDLK_MINUS || key == SDLK_KP_MINUS)) { set_scale(a, a->scale / 1.25f); return 1; }
    if (ctrl && key == SDLK_0) { set_scale(a, 1.0f); return 1; }
    if (key == SDLK_l && !ctrl && !(k->keysym.mod & KMOD_ALT)) { player_browse(a); return 1; }
    /* Esc backs out of things but never quits: a stray press (some clickers
     * send it) must not end a class's training run. Ctrl+Q quits. */
    if (key == SDLK_ESCAPE) {
        if (a->show_help) a->show_help = 0;
        else if (a->fullscreen) toggle_fullscreen(a);
        return 1;
    }
    if (ctrl && key == SDLK_q) { a->quit = 1; return 1; }
    return 0;
}

/* A file dropped on the window goes to the view on screen if it opens files,
 * else to the first view that does, brought forward. */
static void drop_file(app *a, const char *path)
{
    int v = VIEWS[a->view]->drop ? a->view : -1;
    for (int i = 0; v < 0 && i < VIEW_COUNT; i++) if (VIEWS[i]->drop) v = i;
    void *self = v >= 0 ? app_view_state(a, v) : NULL;
    if (!self) { app_toast(a, "Dropped files cannot be opened here."); return; }
    if (player_browsing(a)) player_browse(a);   /* show the view that opens it */
    if (v != a->view) app_set_view(a, VIEWS[v]->id);
    VIEWS[v]->drop(self, a, path);
}

static void handle_events(app *a, int *want_shot)
{
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
        if (e.type == SDL_QUIT) { a->quit = 1; continue; }
        if (e.type == SDL_DROPFILE) {
            if (e.drop.file) drop_file(a, e.drop.file);
            SDL_free(e.drop.file);
            continue;
        }
        if (!a->show_help && player_event(a, &e)) continue;   /* the lesson browser, when open */
        /* Esc closes the help overlay whatever has the focus. */
        if (e.type == SDL_KEYDOWN && a->show_help && e.key.keysym.sym == SDLK_ESCAPE) { a->show_help = 0; continue; }
        /* A control focused by a click takes no keys: Space, S, E, R, +/- and the
         * clicker's keys keep working; a number being typed takes its characters. */
        if (e.type == SDL_KEYDOWN && !ui_wants_key(a->ui, &e.key.keysym)) {
            if (global_key(a, &e.key, want_shot)) continue;
            if (player_key(a, &e.key)) continue;
            const view_def *v = VIEWS[a->view];
            if (!player_browsing(a) && v->key && v->key(app_view_state(a, a->view), a, &e.key)) continue;
        }
        ui_handle_event(a->ui, &e);
    }
}

/* The strip at the top: the name, one tab per view, the lesson and help buttons. */
static SDL_Rect top_bar(app *a, int w)
{
    const int h = px(a, 52);
    const SDL_Rect bar = { 0, 0, w, h };
    ui_panel(a->ui, bar, NULL);
    /* The buttons take the width of their words; the view tabs take the rest.
     * In a narrow window at a projector's zoom the name goes first, so the
     * tabs keep their labels whole. */
    const int lessons_w = gfx_text_width(a->fonts, GFX_FONT_BODY, "Lessons") + px(a, 28);
    const int light_w = gfx_text_width(a->fonts, GFX_FONT_BODY, "Light") + px(a, 44);
    const int file_w = file_menu_width(a);
    const int help_w = px(a, 44), buttons = file_w + lessons_w + light_w + help_w + px(a, 32);
    /* Tabs with the views' titles; where those do not fit, their short
     * labels; where those do not fit even without the name, as many tabs as
     * fit (the current view always among them) and a "More" list with the
     * rest, so each tab still reads as a word rather than a cut one. */
    const int n_views = VIEW_COUNT < APP_MAX_VIEWS ? VIEW_COUNT : APP_MAX_VIEWS;
    int full_w[APP_MAX_VIEWS], short_w[APP_MAX_VIEWS], need_full = 0, need_short = 0;
    for (int i = 0; i < n_views; i++) {
        const char *brief = VIEWS[i]->tab ? VIEWS[i]->tab : VIEWS[i]->title;
        full_w[i] = gfx_text_width(a->fonts, GFX_FONT_BOLD, VIEWS[i]->title) + px(a, 16);
        short_w[i] = gfx_text_width(a->fonts, GFX_FONT_BOLD, brief) + px(a, 16);
        need_full += full_w[i];
        need_short += short_w[i];
    }
    int name_w = gfx_text_width(a->fonts, GFX_FONT_TITLE, "nnlab") + px(a, 32);
    const int narrow = w - px(a, 16) - buttons < need_full;
    const int *tab_w = narrow ? short_w : full_w;
    const int need = narrow ? need_short : need_full;
    if (w - name_w - buttons < need) name_w = px(a, 8);
    else gfx_text(a->fonts, GFX_FONT_TITLE, px(a, 16), (h - gfx_text_height(a->fonts, GFX_FONT_TITLE)) / 2,
                  a->style.text, GFX_ALIGN_LEFT, "nnlab");
    int shown[APP_MAX_VIEWS], n_shown = 0, more[APP_MAX_VIEWS], n_more = 0;
    const int avail = w - name_w - buttons;
    const int more_w = need <= avail ? 0 : gfx_text_width(a->fonts, GFX_FONT_BODY, "More") + px(a, 56);
    for (int i = 0, used = 0; i < n_views; i++) {
        if (more_w == 0 || (n_more == 0 && used + tab_w[i] <= avail - more_w)) {
            shown[n_shown++] = i;
            used += tab_w[i];
        } else more[n_more++] = i;
    }
    if (n_shown == 0) shown[n_shown++] = more[--n_more];          /* never no tab at all */
    for (int k = 0; k < n_more; k++)                              /* the current view keeps its tab */
        if (more[k] == a->view) { more[k] = shown[n_shown - 1]; shown[n_shown - 1] = a->view; }
    const char *labels[APP_MAX_VIEWS], *items[APP_MAX_VIEWS + 1] = { "More" };
    int sel = 0;
    for (int k = 0; k < n_shown; k++) {
        const view_def *v = VIEWS[shown[k]];
        labels[k] = narrow && v->tab ? v->tab : v->title;
        if (shown[k] == a->view) sel = k;
    }
    for (int k = 0; k < n_more; k++) items[k + 1] = VIEWS[more[k]]->title;
    memcpy(a->more_views, more, sizeof more);
    a->n_more_views = n_more;
    ui_layout_begin(a->ui, (SDL_Rect){ name_w, px(a, 8), w - name_w - px(a, 8), h - px(a, 16) });
    const int widths[6] = { 0, (int)(more_w / a->scale), (int)(file_w / a->scale), (int)(lessons_w / a->scale),
                            (int)(light_w / a->scale), (int)(help_w / a->scale) };   /* unscaled: the layout scales them */
    const int *row = n_more ? widths : (const int[5]){ 0, widths[2], widths[3], widths[4], widths[5] };
    ui_layout_row_widths(a->ui, n_more ? 6 : 5, row, (int)((h - px(a, 16)) / a->scale));
    const int old = sel;
    if (ui_tabs(a->ui, "views", labels, n_shown, &sel) && sel != old) {
        app_set_view(a, VIEWS[shown[sel]]->id);
        if (player_browsing(a)) player_browse(a);   /* show the view asked for */
    }
    ui_tooltip(a->ui, VIEWS[a->view]->teaches);
    if (n_more) {
        int pick = 0;
        if (ui_dropdown(a->ui, "##more views", &pick, items, n_more + 1) && pick > 0) {
            app_set_view(a, VIEWS[more[pick - 1]]->id);
            if (player_browsing(a)) player_browse(a);
        }
        ui_tooltip(a->ui, "The views that have no tab at this width and zoom.");
    }
    file_menu_list(a);
    if (ui_button(a->ui, "Lessons")) player_browse(a);
    ui_tooltip(a->ui, "Guided lessons (L): open one and follow it step by step (arrow keys or a clicker).");
    int light = a->light;
    if (ui_checkbox(a->ui, "Light", &light)) {
        a->light = light;
        frame_apply_theme(a);
    }
    ui_tooltip(a->ui, "High-contrast light theme for bright rooms and projectors.");
    if (ui_button(a->ui, "?")) a->show_help = !a->show_help;
    ui_tooltip(a->ui, "Keys and mouse: what every key does (F1).");
    return (SDL_Rect){ 0, h, w, 0 };
}

static void draw_toast(app *a, int w, int h)
{
    if (a->time > a->toast_until || !a->toast[0]) return;
    const ui_theme *t = ui_get_theme(a->ui);
    /* One line when it fits; a long message (a lesson's error, say) wraps rather than leaving the window. */
    const int pad = px(a, 16), max_w = w - 2 * pad - 2 * pad;
    int text_w = gfx_text_width(a->fonts, GFX_FONT_BODY, a->toast);
    int text_h = gfx_text_height(a->fonts, GFX_FONT_BODY);
    if (text_w > max_w) {
        text_w = max_w;
        text_h = gfx_text_wrap(a->fonts, GFX_FONT_BODY, (SDL_Rect){ 0, 0, text_w - text_w / 40, 0 }, t->tooltip_text,
                               a->toast, 0);
    }
    const int tw = text_w + 2 * pad, th = text_h + px(a, 16);
    const SDL_Rect r = { (w - tw) / 2, h - th - px(a, 16), tw, th };
    gfx_fill_rect(a->r, r, t->tooltip_bg);
    gfx_rect_outline(a->r, r, px(a, 1), t->accent);
    if (text_w < max_w)
        gfx_text(a->fonts, GFX_FONT_BODY, w / 2, r.y + px(a, 8), t->tooltip_text, GFX_ALIGN_CENTER, a->toast);
    else
        gfx_text_wrap(a->fonts, GFX_FONT_BODY, (SDL_Rect){ r.x + pad, r.y + px(a, 8), text_w - text_w / 40, text_h },
                      t->tooltip_text, a->toast, 1);
}

static void draw_all(app *a, float dt)
{
    int w, h;
    SDL_GetRendererOutputSize(a->r, &w, &h);
    const ui_theme *t = ui_get_theme(a->ui);
    SDL_SetRenderDrawColor(a->r, t->bg.r, t->bg.g, t->bg.b, 255);
    SDL_RenderClear(a->r);
    ui_begin(a->ui, SDL_GetTicks());
    SDL_Rect area = top_bar(a, w);
    area.h = h - area.y;
    area = file_menu_bar(a, area);         /* the path for File's save / open, when asked */
    area = player_panel(a, area);          /* narration beside the view when a lesson is open */
    view_ctx ctx = { .r = a->r, .app = a, .area = area, .dt = dt };
    a->view_area = area;                   /* what "record only the view" reads */
    const view_def *v = VIEWS[a->view];
    void *self = area.w > 0 && area.h > 0 ? app_view_state(a, a->view) : NULL;   /* the browser covers it */
    if (self) {
        /* A view draws inside its area only: a title or label that runs long
         * must not cover the lesson's narration beside it. */
        SDL_RenderSetClipRect(a->r, &area);
        if (v->update) v->update(self, &ctx);
        v->draw(self, &ctx);
        SDL_RenderSetClipRect(a->r, NULL);
    }
    ui_end(a->ui);
    if (a->show_help) help_overlay_draw(a, w, h);
    draw_toast(a, w, h);
}

void frame_run(app *a)
{
    static Uint64 last;
    const Uint64 now = SDL_GetPerformanceCounter();
    const float dt = last ? (float)((double)(now - last) / SDL_GetPerformanceFrequency()) : 1.0f / 60;
    last = now;
    int want_shot = 0;
    handle_events(a, &want_shot);
    /* a network or data set loading on its thread is taken over here, in
     * every view: the lens views (race, search...) do not train the
     * Playground's run, and a load started there used to wait for a view that does */
    session_poll(&a->s);
    player_tick(a);
    draw_all(a, dt);
    if (want_shot) screenshot_now(a);   /* of the frame just drawn, before present */
    record_capture(a);                  /* likewise, when a recording is running and a frame is due */
    if (record_active(a)) {
        int w, h;
        SDL_GetRendererOutputSize(a->r, &w, &h);
        record_draw(a, w, h);           /* its indicator: on screen, not in the file */
    }
    SDL_RenderPresent(a->r);
}

void frame_render_only(app *a) { draw_all(a, 1.0f / 60); }
