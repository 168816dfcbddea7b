/* tests/app/test_ui.c - the immediate-mode UI kit, driven by synthetic SDL
 * events on a headless software renderer.
 *
 * A "frame" here is: feed events, ui_begin, lay out the same widgets as the
 * app would, ui_end. Positions come from the layout itself (ui_last_rect),
 * never hard-coded, so the tests hold at any scale or font.
 * This file includes ui_internal.h to look at tooltip state (white-box).
 */
#include <SDL.h>
#include <SDL_ttf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include "draw/font.h"
#include "draw/prim.h"
#include "ui/ui.h"
#include "ui/ui_internal.h"

#define W 800
#define H 600

typedef struct rig { SDL_Surface *s; SDL_Renderer *r; gfx_fonts *f; ui_context *ui; Uint32 t; } rig;

static int rig_open(rig *g, float scale)
{
    if (SDL_WasInit(SDL_INIT_VIDEO) == 0 && SDL_Init(SDL_INIT_VIDEO) != 0) return 1;
    if (!TTF_WasInit() && TTF_Init() != 0) return 1;
    g->s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_RGBA32);
    g->r = g->s ? SDL_CreateSoftwareRenderer(g->s) : NULL;
    g->f = g->r ? gfx_fonts_create(g->r, scale, NULL) : NULL;
    g->ui = g->f ? ui_create(g->r, g->f) : NULL;
    g->t = 1000;
    return g->ui == NULL;
}

static void rig_close(rig *g)
{
    ui_destroy(g->ui);
    gfx_fonts_destroy(g->f);
    SDL_DestroyRenderer(g->r);
    SDL_FreeSurface(g->s);
}

static void ev_move(rig *g, int x, int y)
{
    SDL_Event e = { .motion = { .type = SDL_MOUSEMOTION, .x = x, .y = y } };
    ui_handle_event(g->ui, &e);
}

static void ev_button(rig *g, int x, int y, int down)
{
    SDL_Event e = { .button = { .type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP,
                                .button = SDL_BUTTON_LEFT, .x = x, .y = y } };
    ui_handle_event(g->ui, &e);
}

static void ev_click(rig *g, int x, int y) { ev_move(g, x, y); ev_button(g, x, y, 1); ev_button(g, x, y, 0); }

static void ev_key(rig *g, SDL_Keycode k, int shift)
{
    SDL_Event e = { .key = { .type = SDL_KEYDOWN, .keysym = { .sym = k, .mod = shift ? KMOD_LSHIFT : 0 } } };
    ui_handle_event(g->ui, &e);
}

static void ev_text(rig *g, const char *s)
{
    SDL_Event e = { .text = { .type = SDL_TEXTINPUT } };
    SDL_strlcpy(e.text.text, s, sizeof e.text.text);
    ui_handle_event(g->ui, &e);
}

static void ev_wheel(rig *g, int dy)
{
    SDL_Event e = { .wheel = { .type = SDL_MOUSEWHEEL, .y = dy, .direction = SDL_MOUSEWHEEL_NORMAL } };
    ui_handle_event(g->ui, &e);
}

static int cx(SDL_Rect r) { return r.x + r.w / 2; }
static int cy(SDL_Rect r) { return r.y + r.h / 2; }
static int inside(SDL_Rect in, SDL_Rect out)
{
    return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w && in.y + in.h <= out.y + out.h;
}

/* ---- pure mappings ----------------------------------------------------------------- */

static int slider_log_mapping(void)
{
    /* 1e-4..10 spans 5 decades; 1e-2 is 2 decades up: 2/5 = 0.4 */
    CHECK_NEAR(ui_slider_value_to_pos(1e-2f, 1e-4f, 10.0f, 1), 0.4, 1e-6);
    CHECK_NEAR(ui_slider_value_to_pos(1e-4f, 1e-4f, 10.0f, 1), 0.0, 1e-6);
    CHECK_NEAR(ui_slider_value_to_pos(10.0f, 1e-4f, 10.0f, 1), 1.0, 1e-6);
    CHECK_NEAR(ui_slider_pos_to_value(0.4f, 1e-4f, 10.0f, 1), 1e-2, 1e-2 * 1e-5);
    CHECK_NEAR(ui_slider_pos_to_value(0.2f, 1e-4f, 10.0f, 1), 1e-3, 1e-3 * 1e-5);
    for (int i = 0; i <= 100; i++) {           /* round trip, relative error */
        float v = powf(10.0f, -4.0f + 5.0f * (float)i / 100.0f);
        float back = ui_slider_pos_to_value(ui_slider_value_to_pos(v, 1e-4f, 10.0f, 1), 1e-4f, 10.0f, 1);
        CHECK_NEAR(back / v, 1.0, 1e-5);
    }
    CHECK(ui_slider_value_to_pos(1e-9f, 1e-4f, 10.0f, 1) == 0.0f);     /* clamps */
    CHECK(ui_slider_value_to_pos(0.0f, 1e-4f, 10.0f, 1) == 0.0f);
    CHECK(ui_slider_value_to_pos(500.0f, 1e-4f, 10.0f, 1) == 1.0f);
    CHECK_NEAR(ui_slider_pos_to_value(2.0f, 1e-4f, 10.0f, 1), 10.0, 1e-5);
    return 0;
}

static int slider_linear_mapping(void)
{
    CHECK_NEAR(ui_slider_value_to_pos(5.0f, 0.0f, 10.0f, 0), 0.5, 1e-7);
    CHECK_NEAR(ui_slider_value_to_pos(-2.0f, -4.0f, 0.0f, 0), 0.5, 1e-7);
    CHECK_NEAR(ui_slider_pos_to_value(0.25f, -1.0f, 1.0f, 0), -0.5, 1e-7);
    for (int i = 0; i <= 20; i++) {
        float v = -3.0f + 0.5f * (float)i;
        CHECK_NEAR(ui_slider_pos_to_value(ui_slider_value_to_pos(v, -3.0f, 7.0f, 0), -3.0f, 7.0f, 0), v, 1e-5);
    }
    CHECK(ui_slider_value_to_pos(-10.0f, 0.0f, 1.0f, 0) == 0.0f && ui_slider_value_to_pos(3.0f, 0.0f, 1.0f, 0) == 1.0f);
    CHECK(ui_slider_value_to_pos(NAN, 0.0f, 1.0f, 0) == 0.0f);
    return 0;
}

/* ---- layout ------------------------------------------------------------------------- */

static int layout_fits_and_scales(void)
{
    const float scales[3] = { 1.0f, 1.5f, 2.0f };
    const int widths[3] = { 200, 320, 640 };
    int row1 = 0;
    for (int si = 0; si < 3; si++) {
        rig g;
        CHECK(rig_open(&g, 1.0f) == 0);
        ui_set_scale(g.ui, scales[si]);
        CHECK_NEAR(ui_scale(g.ui), scales[si], 1e-6);
        for (int wi = 0; wi < 3; wi++) {
            SDL_Rect panel = { 10, 10, widths[wi], 580 };
            ui_begin(g.ui, g.t);
            ui_panel(g.ui, panel, "Settings");
            SDL_Rect area = g.ui->lay.area;
            CHECK(inside(area, panel));
            ui_layout_row(g.ui, 3, 0);
            SDL_Rect a = ui_layout_next(g.ui), b = ui_layout_next(g.ui), c = ui_layout_next(g.ui);
            CHECK(a.w == b.w && b.w == c.w && a.y == b.y && b.y == c.y);
            CHECK(inside(a, area) && inside(b, area) && inside(c, area));
            CHECK(a.x + a.w < b.x && b.x + b.w < c.x);               /* gaps, no overlap */
            CHECK(area.x + area.w - (c.x + c.w) < 3);                /* the row uses the width */
            CHECK(a.h == ui_px(g.ui, UI_ROW_HEIGHT));
            if (si == 0 && wi == 0) row1 = a.h;
            if (wi == 0) CHECK_NEAR((double)a.h / row1, scales[si], 0.05);
            /* fixed widths wider than the panel are shrunk to fit */
            ui_layout_row_widths(g.ui, 2, (const int[]){ 500, 500 }, 40);
            SDL_Rect d = ui_layout_next(g.ui), e = ui_layout_next(g.ui);
            CHECK(inside(d, area) && inside(e, area) && d.y > a.y + a.h);
            /* a mixed row: fixed first column, the second takes the rest */
            ui_layout_row_widths(g.ui, 2, (const int[]){ 60, 0 }, 0);
            SDL_Rect f = ui_layout_next(g.ui), h = ui_layout_next(g.ui);
            CHECK(f.w == ui_px(g.ui, 60));                        /* fits: kept as asked */
            CHECK(inside(h, area) && h.x > f.x + f.w);
            /* rows repeat: a fourth widget in a 3-column row starts a new row */
            ui_layout_row(g.ui, 1, -1);
            SDL_Rect rest = ui_layout_next(g.ui);
            CHECK(inside(rest, area) && rest.y + rest.h == area.y + area.h);
            ui_end(g.ui);
        }
        rig_close(&g);
    }
    return 0;
}

static int widgets_stay_in_panel(void)
{
    for (int si = 0; si < 2; si++) {
        rig g;
        CHECK(rig_open(&g, si ? 2.0f : 1.0f) == 0);
        ui_set_scale(g.ui, si ? 2.0f : 1.0f);
        SDL_Rect panel = { 0, 0, 300, 600 };
        float lr = 0.03f, mom = 0.9f;
        int on = 1, act = 0, units = 8, tab = 0;
        const char *acts[3] = { "relu", "tanh", "sigmoid" };
        const char *tabs[2] = { "Data", "Model" };
        ui_begin(g.ui, g.t);
        ui_panel(g.ui, panel, "Training");
        ui_layout_row(g.ui, 1, 0);
        ui_tabs(g.ui, "tabs", tabs, 2, &tab);        CHECK(inside(ui_last_rect(g.ui), panel));
        ui_button(g.ui, "Reset");                    CHECK(inside(ui_last_rect(g.ui), panel));
        ui_slider_log(g.ui, "Learning rate", &lr, 1e-4f, 10.0f);
        CHECK(inside(ui_last_rect(g.ui), panel));
        ui_slider(g.ui, "Momentum", &mom, 0.0f, 1.0f); CHECK(inside(ui_last_rect(g.ui), panel));
        ui_switch(g.ui, "Play", &on);                CHECK(inside(ui_last_rect(g.ui), panel));
        ui_dropdown(g.ui, "Activation", &act, acts, 3); CHECK(inside(ui_last_rect(g.ui), panel));
        ui_number_int(g.ui, "Units", &units, 1, 64, 1); CHECK(inside(ui_last_rect(g.ui), panel));
        ui_end(g.ui);
        /* the label column leaves the control enough room for its value at any scale */
        CHECK(gfx_text_width(g.f, GFX_FONT_BODY, "0.03") < 300);
        rig_close(&g);
    }
    return 0;
}

static int rows_that_do_not_fit_are_hidden(void)
{
    rig g;
    CHECK(rig_open(&g, 1.0f) == 0);
    int hits[4] = { 0 };
    /* room for two rows of 36 px (+ 8 px gap), not three */
    SDL_Rect area = { 10, 10, 200, 2 * UI_ROW_HEIGHT + 8 + 20 };
    for (int frame = 0; frame < 2; frame++) {
        ui_begin(g.ui, g.t += 16);
        ui_layout_begin(g.ui, area);
        ui_layout_row(g.ui, 1, 0);
        hits[0] = ui_button(g.ui, "one");
        CHECK(inside(ui_last_rect(g.ui), area));
        hits[1] = ui_button(g.ui, "two");
        CHECK(inside(ui_last_rect(g.ui), area));
        hits[2] = ui_button(g.ui, "three");
        CHECK(ui_last_rect(g.ui).h == 0 && ui_last_id(g.ui) == 0);   /* skipped */
        ui_end(g.ui);
        ev_key(&g, SDLK_TAB, 1);                          /* Shift+Tab from nothing: the last visible */
    }
    CHECK(ui_focus_id(g.ui) == ui_label_id("two"));
    CHECK(hits[2] == 0);
    rig_close(&g);
    return 0;
}

/* ---- interaction ------------------------------------------------------------------ */

static int button_frame(rig *g, const char *label, SDL_Rect *where)
{
    ui_begin(g->ui, g->t += 16);
    ui_layout_begin(g->ui, (SDL_Rect){ 20, 20, 200, 400 });
    ui_layout_row(g->ui, 1, 0);
    int hit = ui_button(g->ui, label);
    if (where) *where = ui_last_rect(g->ui);
    ui_end(g->ui);
    return hit;
}

static int button_clicks_once(void)
{
    rig g;
    CHECK(rig_open(&g, 1.0f) == 0);
    SDL_Rect r;
    CHECK(button_frame(&g, "Go", &r) == 0);
    ev_click(&g, cx(r), cy(r));
    CHECK(button_frame(&g, "Go", NULL) == 1);
    CHECK(button_frame(&g, "Go", NULL) == 0);              /* once, not every frame */
    /* press inside, release outside: no click */
    ev_move(&g, cx(r), cy(r)); ev_button(&g, cx(r), cy(r), 1);
    CHECK(button_frame(&g, "Go", NULL) == 0);
    ev_move(&g, 700, 500); ev_button(&g, 700, 500, 0);
    CHECK(button_frame(&g, "Go", NULL) == 0);
    /* press and release over it in separate frames: one click */
    ev_move(&g, cx(r), cy(r)); ev_button(&g, cx(r), cy(r), 1);
    CHECK(button_frame(&g, "Go", NULL) == 0);
    ev_button(&g, cx(r), cy(r), 0);
    CHECK(button_frame(&g, "Go", NULL) == 1);
    /* locked: drawn, ignores the click */
    ui_set_locked(g.ui, ui_label_id("Go"), 1);
    ev_click(&g, cx(r), cy(r));
    CHECK(button_frame(&g, "Go", NULL) == 0);
    ui_clear_marks(g.ui);
    ev_click(&g, cx(r), cy(r));
    CHECK(button_frame(&g, "Go", NULL) == 1);
    rig_close(&g);
    return 0;
}

static float slider_frame(rig *g, float *v, int log, SDL_Rect *track)
{
    ui_begin(g->ui, g->t += 16);
    ui_layout_begin(g->ui, (SDL_Rect){ 20, 20, 500, 400 });
    ui_layout_row(g->ui, 1, 0);
    ui_slider_ex(g->ui, "Rate", v, log ? 1e-4f : 0.0f, log ? 10.0f : 1.0f, 0.0f, log);
    if (track) *track = ui_last_rect(g->ui);
    ui_end(g->ui);
    return *v;
}

static int slider_drag_changes_value(void)
{
    rig g;
    CHECK(rig_open(&g, 1.0f) == 0);
    float v = 0.0f;
    SDL_Rect t;
    slider_frame(&g, &v, 0, &t);
    CHECK(v == 0.0f);
    ev_move(&g, t.x + 2, cy(t)); ev_button(&g, t.x + 2, cy(t), 1);
    slider_frame(&g, &v, 0, NULL);
    CHECK(v < 0.05f);
    ev_move(&g, t.x + t.w + 50, cy(t));                    /* drag past the end: clamps */
    slider_frame(&g, &v, 0, NULL);
    CHECK(v == 1.0f);
    ev_move(&g, cx(t), cy(t));
    slider_frame(&g, &v, 0, NULL);
    CHECK_NEAR(v, 0.5, 0.03);
    ev_button(&g, cx(t), cy(t), 0);
    slider_frame(&g, &v, 0, NULL);
    ev_move(&g, t.x + t.w, cy(t));                          /* released: moving does nothing */
    slider_frame(&g, &v, 0, NULL);
    CHECK_NEAR(v, 0.5, 0.03);
    /* keyboard: focused by the click, Right nudges up */
    float before = v;
    ev_key(&g, SDLK_RIGHT, 0);
    slider_frame(&g, &v, 0, NULL);
    CHECK(v > before);
    /* log slider: the middle of the track is the geometric middle, 10^-1.5 */
    float lr = 1e-4f;
    slider_frame(&g, &lr, 1, &t);
    ev_click(&g, cx(t), cy(t));
    slider_frame(&g, &lr, 1, NULL);
    CHECK_NEAR(log10f(lr), -1.5, 0.1);
    rig_close(&g);
    return 0;
}

static void three_buttons(rig *g, int *hits)
{
    ui_begin(g->ui, g->t += 16);
    ui_layout_begin(g->ui, (SDL_Rect){ 20, 20, 300, 400 });
    ui_layout_row(g->ui, 1, 0);
    hits[0] = ui_button(g->ui, "A");
    hits[1] = ui_button(g->ui, "B");
    hits[2] = ui_button(g->ui, "C");
    ui_end(g->ui);
}

static int tab_moves_focus(void)
{
    rig g;
    CHECK(rig_open(&g, 1.0f) == 0);
    int hits[3];
    three_buttons(&g, hits);
    CHECK(ui_focus_id(g.ui) == 0 && !ui_keyboard_captured(g.ui));
    ev_key(&g, SDLK_TAB, 0);
    three_buttons(&g, hits);
    CHECK(ui_focus_id(g.ui) == ui_label_id("A"));
    ev_key(&g, SDLK_TAB, 0);
    three_buttons(&g, hits);
    CHECK(ui_focus_id(g.ui) == ui_label_id("B"));
    ev_key(&g, SDLK_SPACE, 0);                            /* activates the focused one only */
    three_buttons(&g, hits);
    CHECK(hits[1] == 1 && hits[0] == 0 && hits[2] == 0);
    ev_key(&g, SDLK_TAB, 1);                              /* Shift+Tab goes back */
    three_buttons(&g, hits);
    CHECK(ui_focus_id(g.ui) == ui_label_id("A"));
    ev_key(&g, SDLK_TAB, 1);                              /* and wraps */
    three_buttons(&g, hits);
    CHECK(ui_focus_id(g.ui) == ui_label_id("C"));
    /* a locked widget is skipped */
    ui_set_locked(g.ui, ui_label_id("A"), 1);
    ev_key(&g, SDLK_TAB, 0);
    three_buttons(&g, hits);
    CHECK(ui_focus_id(g.ui) == ui_label_id("B"));
    /* the focus outline is drawn in the theme's focus colour around B */
    SDL_RenderFlush(g.r);
    int found = 0;
    for (int x = 0; x < 340 && !found; x++)
        for (int y = 0; y < 200 && !found; y++) {
            Uint32 p = *(Uint32 *)((Uint8 *)g.s->pixels + y * g.s->pitch + x * 4);
            Uint8 r, gg, b, a;
            SDL_GetRGBA(p, g.s->format, &r, &gg, &b, &a);
            found = r == 255 && gg == 255 && b == 255;
        }
    CHECK(found);
    /* a click on empty space drops the focus */
    ev_click(&g, 700, 550);
    three_buttons(&g, hits);
    CHECK(ui_focus_id(g.ui) == 0);
    rig_close(&g);
    return 0;
}

static const char *const ACTS[3] = { "relu", "tanh", "sigmoid" };

static int dropdown_frame(rig *g, int *sel, int *under_hit, SDL_Rect *box, SDL_Rect *under)
{
    ui_begin(g->ui, g->t += 16);
    ui_layout_begin(g->ui, (SDL_Rect){ 20, 20, 400, 500 });
    ui_layout_row(g->ui, 1, 0);
    int changed = ui_dropdown(g->ui, "Activation", sel, ACTS, 3);
    if (box) *box = ui_last_rect(g->ui);
    int hit = ui_button(g->ui, "Below");       /* lies under the open list */
    if (under) *under = ui_last_rect(g->ui);
    if (under_hit) *under_hit = hit;
    ui_end(g->ui);
    return changed;
}

static int dropdown_pick(void)
{
    rig g;
    CHECK(rig_open(&g, 1.0f) == 0);
    int sel = 0, hit;
    SDL_Rect box, under;
    dropdown_frame(&g, &sel, &hit, &box, &under);
    ev_click(&g, cx(box), cy(box));
    CHECK(dropdown_frame(&g, &sel, &hit, NULL, NULL) == 0);
    CHECK(g.ui->popup_id != 0 && ui_keyboard_captured(g.ui));
    /* items are stacked below the box, one row each: the top of item 1 covers the "Below" button */
    int ih = ui_px(g.ui, UI_ROW_HEIGHT);
    int item1_y = box.y + box.h + ih + ui_px(g.ui, 3);
    CHECK(item1_y >= under.y && item1_y < under.y + under.h);
    ev_click(&g, cx(box), item1_y);
    CHECK(dropdown_frame(&g, &sel, &hit, NULL, NULL) == 1);
    CHECK(sel == 1 && hit == 0);                          /* the button below did not fire */
    CHECK(g.ui->popup_id == 0);
    /* open, then Escape closes without changing */
    ev_click(&g, cx(box), cy(box));
    dropdown_frame(&g, &sel, &hit, NULL, NULL);
    ev_key(&g, SDLK_ESCAPE, 0);
    CHECK(dropdown_frame(&g, &sel, &hit, NULL, NULL) == 0);
    CHECK(g.ui->popup_id == 0 && sel == 1);
    /* open, click far outside: closes, no change */
    ev_click(&g, cx(box), cy(box));
    dropdown_frame(&g, &sel, &hit, NULL, NULL);
    ev_click(&g, 750, 20);
    CHECK(dropdown_frame(&g, &sel, &hit, NULL, NULL) == 0);
    CHECK(g.ui->popup_id == 0 && sel == 1);
    /* keyboard: focused and closed, Right picks the next item; Enter opens, Down + Enter picks */
    ev_click(&g, cx(box), cy(box));
    dropdown_frame(&g, &sel, &hit, NULL, NULL);
    ev_key(&g, SDLK_ESCAPE, 0);
    dropdown_frame(&g, &sel, &hit, NULL, NULL);
    CHECK(ui_focus_id(g.ui) == ui_label_id("Activation"));
    ev_key(&g, SDLK_RIGHT, 0);
    CHECK(dropdown_frame(&g, &sel, &hit, NULL, NULL) == 1 && sel == 2);
    ev_key(&g, SDLK_RETURN, 0);
    dropdown_frame(&g, &sel, &hit, NULL, NULL);
    ev_move(&g, 750, 590);                               /* keep the mouse off the list */
    ev_key(&g, SDLK_UP, 0);
    dropdown_frame(&g, &sel, &hit, NULL, NULL);
    ev_key(&g, SDLK_RETURN, 0);
    CHECK(dropdown_frame(&g, &sel, &hit, NULL, NULL) == 1 && sel == 1);
    rig_close(&g);
    return 0;
}

/* A list built in a local array that is gone (and overwritten) by ui_end:
 * the open list must still show its items (it used to read the dead array:
 * four of the Playground's lists crashed the program). */
static void stack_list_frame(rig *g, int *sel, SDL_Rect *box)
{
    char names[4][16];
    const char *items[4];
    for (int i = 0; i < 4; i++) {
        snprintf(names[i], sizeof names[i], "item %d", i);
        items[i] = names[i];
    }
    ui_dropdown(g->ui, "Stack", sel, items, 4);
    *box = ui_last_rect(g->ui);
    memset(names, 'X', sizeof names);        /* what a later call would leave there */
    memset((void *)items, 0, sizeof items);
}

static int dropdown_owns_its_items(void)
{
    rig g;
    CHECK(rig_open(&g, 1.0f) == 0);
    int sel = 1;
    SDL_Rect box;
    for (int f = 0; f < 3; f++) {
        if (f == 1) ev_click(&g, cx(box), cy(box));
        ui_begin(g.ui, g.t += 16);
        ui_layout_begin(g.ui, (SDL_Rect){ 20, 20, 400, 500 });
        ui_layout_row(g.ui, 1, 0);
        stack_list_frame(&g, &sel, &box);
        ui_end(g.ui);                         /* draws the open list */
    }
    SDL_Rect list;
    int first, rows, n, rh;
    CHECK(ui_open_list(g.ui, &list, &first, &rows, &n, &rh) == 1);
    CHECK(n == 4);
    for (int i = 0; i < 4; i++) {
        char want[16];
        snprintf(want, sizeof want, "item %d", i);
        CHECK_MSG(strcmp(g.ui->popup_items[i], want) == 0, "item %d reads '%.8s'", i, g.ui->popup_items[i]);
    }
    rig_close(&g);
    return 0;
}

/* Several arrow presses within one frame each move the highlight. */
static int dropdown_counts_every_key(void)
{
    rig g;
    CHECK(rig_open(&g, 1.0f) == 0);
    static const char *const ITEMS[6] = { "a", "b", "c", "d", "e", "f" };
    int sel = 0;
    SDL_Rect box = { 0, 0, 0, 0 };
    for (int f = 0; f < 5; f++) {
        if (f == 1) ev_click(&g, cx(box), cy(box));          /* open */
        if (f == 2) { ev_key(&g, SDLK_DOWN, 0); ev_key(&g, SDLK_DOWN, 0); ev_key(&g, SDLK_DOWN, 0); }
        if (f == 3) { ev_key(&g, SDLK_END, 0); ev_key(&g, SDLK_UP, 0); }
        if (f == 4) ev_key(&g, SDLK_RETURN, 0);
        ui_begin(g.ui, g.t += 16);
        ui_layout_begin(g.ui, (SDL_Rect){ 20, 20, 400, 500 });
        ui_layout_row(g.ui, 1, 0);
        ui_dropdown(g.ui, "Six", &sel, ITEMS, 6);
        box = ui_last_rect(g.ui);
        ui_end(g.ui);
        if (f == 2) CHECK_MSG(g.ui->popup_hover == 3, "three Downs in one frame: hover %d", g.ui->popup_hover);
        if (f == 3) CHECK_MSG(g.ui->popup_hover == 4, "End then Up: hover %d", g.ui->popup_hover);
    }
    CHECK(sel == 4);
    rig_close(&g);
    return 0;
}

static int number_frame(rig *g, int *v, float *f, SDL_Rect *r)
{
    ui_begin(g->ui, g->t += 16);
    ui_layout_begin(g->ui, (SDL_Rect){ 20, 20, 400, 500 });
    ui_layout_row(g->ui, 1, 0);
    int c = ui_number_int(g->ui, "Units", v, 1, 10, 1);
    if (r) *r = ui_last_rect(g->ui);
    if (f) c |= ui_number_float(g->ui, "Dropout", f, 0.0f, 0.9f, 0.1f);
    ui_end(g->ui);
    return c;
}

static int number_field_clamps(void)
{
    rig g;
    CHECK(rig_open(&g, 1.0f) == 0);
    int v = 9;
    SDL_Rect r;                                           /* the control after its label */
    number_frame(&g, &v, NULL, &r);
    SDL_Rect plus = { r.x + r.w - r.h, r.y, r.h, r.h }, minus = { r.x, r.y, r.h, r.h };
    ev_click(&g, cx(plus), cy(plus));
    CHECK(number_frame(&g, &v, NULL, NULL) == 1 && v == 10);
    ev_click(&g, cx(plus), cy(plus));
    CHECK(number_frame(&g, &v, NULL, NULL) == 0 && v == 10);     /* clamped at the top */
    ev_click(&g, cx(minus), cy(minus));
    CHECK(number_frame(&g, &v, NULL, NULL) == 1 && v == 9);
    /* typing: click the value, type, Enter; out-of-range input clamps */
    ev_click(&g, cx(r), cy(r));
    number_frame(&g, &v, NULL, NULL);
    ev_text(&g, "999");
    number_frame(&g, &v, NULL, NULL);
    CHECK(v == 9);                                         /* not committed yet */
    ev_key(&g, SDLK_RETURN, 0);
    number_frame(&g, &v, NULL, NULL);
    CHECK(v == 10);
    ev_key(&g, SDLK_RETURN, 0);                            /* Enter again: edit */
    number_frame(&g, &v, NULL, NULL);
    ev_text(&g, "-5x");
    number_frame(&g, &v, NULL, NULL);
    ev_key(&g, SDLK_RETURN, 0);
    number_frame(&g, &v, NULL, NULL);
    CHECK(v == 1);
    ev_key(&g, SDLK_RETURN, 0);                            /* Escape cancels */
    number_frame(&g, &v, NULL, NULL);
    ev_text(&g, "7");
    ev_key(&g, SDLK_ESCAPE, 0);
    number_frame(&g, &v, NULL, NULL);
    CHECK(v == 1);
    /* arrows while focused; the float field steps and clamps too */
    ev_key(&g, SDLK_RIGHT, 0);
    number_frame(&g, &v, NULL, NULL);
    CHECK(v == 2);
    float d = 0.85f;
    ev_key(&g, SDLK_TAB, 0);                               /* focus to the float field */
    number_frame(&g, &v, &d, NULL);
    ev_key(&g, SDLK_RIGHT, 0);
    number_frame(&g, &v, &d, NULL);
    CHECK_NEAR(d, 0.9, 1e-6);
    ev_key(&g, SDLK_LEFT, 0);
    number_frame(&g, &v, &d, NULL);
    CHECK_NEAR(d, 0.8, 1e-6);
    rig_close(&g);
    return 0;
}

static int tabs_and_toggles(void)
{
    rig g;
    CHECK(rig_open(&g, 1.0f) == 0);
    const char *labels[3] = { "Data", "Model", "Train" };
    int tab = 0, check = 0, sw = 1;
    SDL_Rect tr = { 0 }, cr = { 0 }, sr = { 0 };
    for (int frame = 0; frame < 4; frame++) {
        ui_begin(g.ui, g.t += 16);
        ui_layout_begin(g.ui, (SDL_Rect){ 20, 20, 600, 500 });
        ui_layout_row(g.ui, 1, 0);
        int changed = ui_tabs(g.ui, "views", labels, 3, &tab);
        tr = ui_last_rect(g.ui);
        int c1 = ui_checkbox(g.ui, "Show dev set", &check);
        cr = ui_last_rect(g.ui);
        int c2 = ui_switch(g.ui, "Autoplay", &sw);
        sr = ui_last_rect(g.ui);
        ui_end(g.ui);
        if (frame == 1) CHECK(changed && tab == 2);
        if (frame == 2) CHECK(c1 && check == 1 && !c2 && sw == 1);
        if (frame == 3) CHECK(!c1 && check == 1 && c2 && sw == 0);
        if (frame == 0) ev_click(&g, tr.x + tr.w * 5 / 6, cy(tr));         /* the third tab */
        if (frame == 1) ev_click(&g, cr.x + 10, cy(cr));
        if (frame == 2) ev_click(&g, sr.x + 10, cy(sr));
    }
    rig_close(&g);
    return 0;
}

static void tip_frame(rig *g, Uint32 t, SDL_Rect at, SDL_Rect *r)
{
    ui_begin(g->ui, t);
    ui_layout_begin(g->ui, at);
    ui_layout_row(g->ui, 1, 0);
    ui_button(g->ui, "Reset");
    ui_tooltip(g->ui, "Start again from the same initial weights, so runs can be compared fairly.");
    if (r) *r = ui_last_rect(g->ui);
    ui_end(g->ui);
}

static int tooltip_after_delay_and_on_screen(void)
{
    rig g;
    CHECK(rig_open(&g, 1.0f) == 0);
    SDL_Rect at = { W - 120, H - 40, 110, 36 }, r;         /* bottom-right corner */
    tip_frame(&g, 1000, at, &r);
    ev_move(&g, cx(r), cy(r));
    tip_frame(&g, 1016, at, NULL);
    CHECK(!g.ui->has_tip);
    tip_frame(&g, 1016 + UI_TOOLTIP_DELAY_MS / 2, at, NULL);
    CHECK(!g.ui->has_tip);
    tip_frame(&g, 1016 + UI_TOOLTIP_DELAY_MS + 10, at, NULL);
    CHECK(g.ui->has_tip);
    SDL_Rect screen = { 0, 0, W, H }, tip = g.ui->tip_rect;
    CHECK(inside(tip, screen));
    CHECK(tip.y + tip.h <= r.y || tip.y >= r.y + r.h);     /* does not cover the widget */
    CHECK(tip.w <= ui_px(g.ui, 360) + ui_px(g.ui, 16));    /* wrapped, not one endless line */
    ev_move(&g, 10, 10);                                   /* leaving hides it */
    tip_frame(&g, 3000, at, NULL);
    CHECK(!g.ui->has_tip);
    rig_close(&g);
    return 0;
}

static int text_panel_scrolls(void)
{
    rig g;
    CHECK(rig_open(&g, 1.0f) == 0);
    char text[4000] = "";
    for (int i = 0; i < 40; i++)
        SDL_strlcat(text, "The **learning rate** sets how far each step moves the weights. ", sizeof text);
    int scroll = 0;
    SDL_Rect r = { 0 };
    for (int frame = 0; frame < 8; frame++) {
        ui_begin(g.ui, g.t += 16);
        ui_layout_begin(g.ui, (SDL_Rect){ 20, 20, 300, 200 });
        ui_layout_row(g.ui, 1, -1);
        int moved = ui_text_panel(g.ui, "notes", text, &scroll);
        r = ui_last_rect(g.ui);
        ui_end(g.ui);
        if (frame == 1) CHECK(moved && scroll > 0);
        if (frame == 3) CHECK(scroll > 0);             /* End: at the bottom */
        if (frame == 4) CHECK(!moved);                 /* can't go further */
        if (frame == 5) CHECK(scroll == 0);            /* Home */
        if (frame == 6) CHECK(scroll == 0);            /* can't go above the top */
        if (frame == 0) { ev_move(&g, cx(r), cy(r)); ev_wheel(&g, -1); }
        if (frame == 1) ev_click(&g, cx(r), cy(r));
        if (frame == 2) ev_key(&g, SDLK_END, 0);
        if (frame == 3) ev_wheel(&g, -5);
        if (frame == 4) ev_key(&g, SDLK_HOME, 0);
        if (frame == 5) ev_wheel(&g, 5);
    }
    /* the bottom scroll position is the content height minus the visible height
     * (the text is wrapped 1/40 narrower than the box: drawn lines can come out
     * a little wider than the sum of their words) */
    int inner_w = r.w - 2 * ui_px(g.ui, 10) - ui_px(g.ui, 8), inner_h = r.h - 2 * ui_px(g.ui, 10);
    int content = gfx_text_wrap(g.f, GFX_FONT_BODY, (SDL_Rect){ 0, 0, inner_w - inner_w / 40, 0 }, (SDL_Color){ 0 },
                                text, 0);
    ev_key(&g, SDLK_END, 0);
    ui_begin(g.ui, g.t += 16);
    ui_layout_begin(g.ui, (SDL_Rect){ 20, 20, 300, 200 });
    ui_layout_row(g.ui, 1, -1);
    ui_text_panel(g.ui, "notes", text, &scroll);
    ui_end(g.ui);
    CHECK(scroll == content - inner_h);
    rig_close(&g);
    return 0;
}

static int highlight_and_theme(void)
{
    rig g;
    CHECK(rig_open(&g, 1.0f) == 0);
    ui_theme light = ui_theme_light();
    ui_set_theme(g.ui, &light);
    CHECK(ui_get_theme(g.ui)->bg.r == 255);
    ui_set_highlight(g.ui, ui_label_id("Learning rate"), 1);
    float lr = 0.1f;
    /* now chosen so the pulse is at full strength: sin(now * 0.005) = 1 */
    Uint32 now = (Uint32)lroundf(3.14159265f / 2.0f / 0.005f);
    ui_begin(g.ui, now);
    ui_panel(g.ui, (SDL_Rect){ 0, 0, 400, 300 }, NULL);
    ui_layout_row(g.ui, 1, 0);
    ui_slider_log(g.ui, "Learning rate", &lr, 1e-4f, 10.0f);
    SDL_Rect r = ui_last_rect(g.ui);
    ui_end(g.ui);
    SDL_RenderFlush(g.r);
    int o = ui_px(g.ui, 5);
    Uint32 p = *(Uint32 *)((Uint8 *)g.s->pixels + cy(r) * g.s->pitch + (r.x - o + 1) * 4);
    Uint8 cr, cg, cb, ca;
    SDL_GetRGBA(p, g.s->format, &cr, &cg, &cb, &ca);
    CHECK_MSG(abs(cr - light.highlight.r) < 12 && abs(cg - light.highlight.g) < 12 && abs(cb - light.highlight.b) < 12,
              "%d %d %d", cr, cg, cb);
    /* the panel background is the light theme's */
    p = *(Uint32 *)((Uint8 *)g.s->pixels + 290 * g.s->pitch + 390 * 4);
    SDL_GetRGBA(p, g.s->format, &cr, &cg, &cb, &ca);
    CHECK(cr == light.panel.r && cg == light.panel.g && cb == light.panel.b);
    rig_close(&g);
    return 0;
}

static int scale_reopens_fonts(void)
{
    rig g;
    CHECK(rig_open(&g, 1.0f) == 0);
    int h1 = gfx_text_height(g.f, GFX_FONT_BODY), w1 = gfx_text_width(g.f, GFX_FONT_BODY, "Momentum");
    ui_set_scale(g.ui, 2.0f);
    CHECK_NEAR((double)gfx_text_height(g.f, GFX_FONT_BODY) / h1, 2.0, 0.15);
    CHECK_NEAR((double)gfx_text_width(g.f, GFX_FONT_BODY, "Momentum") / w1, 2.0, 0.15);
    CHECK(ui_px(g.ui, 36) == 72);
    ui_set_scale(g.ui, 100.0f);                         /* clamped, still works */
    CHECK(ui_scale(g.ui) <= 4.0f);
    int on = 0;
    ui_begin(g.ui, g.t);
    ui_checkbox(g.ui, "big", &on);
    ui_end(g.ui);
    rig_close(&g);
    return 0;
}


/* ---- a tall widget's tooltip: by the pointer ---- */

static void tall_pad_frame(rig *g, SDL_Rect pad)
{
    int mx, my;
    ui_begin(g->ui, g->t += 16);
    ui_pad(g->ui, "Tall pad", pad, &mx, &my);
    ui_tooltip(g->ui, "Click a dot to choose that trial for Send to Playground.");
    ui_end(g->ui);
}

/* A widget with room for its tooltip neither below nor above it (the search
 * view's plot, 10 px under a top bar and down to the window's bottom) gets
 * the tip by the pointer, not pinned to the window's top over the top bar:
 * the pointer at the middle, the tip starts below it; near the bottom, it
 * ends above it; never over the pointer, always inside the window. A short
 * widget keeps its tip under it. */
static int tooltip_of_a_tall_widget(void)
{
    rig g;
    CHECK(rig_open(&g, 1.0f) == 0);
    const SDL_Rect pad = { 200, 60, 580, 530 };
    static const int YS[2] = { 300, 570 };
    for (int k = 0; k < 2; k++) {
        ev_move(&g, 500, YS[k]);
        tall_pad_frame(&g, pad);
        g.t += UI_TOOLTIP_DELAY_MS + 100;
        tall_pad_frame(&g, pad);
        CHECK(g.ui->has_tip);
        const SDL_Rect t = g.ui->tip_rect;
        const SDL_Point p = { 500, YS[k] };
        CHECK_MSG(t.y >= 0 && t.y + t.h <= H && t.x >= 0 && t.x + t.w <= W, "tip at %d,%d %dx%d", t.x, t.y, t.w, t.h);
        CHECK_MSG(!SDL_PointInRect(&p, &t), "the tip at %d,%d %dx%d covers the pointer at %d,%d", t.x, t.y, t.w, t.h,
                  p.x, p.y);
        CHECK_MSG(t.y >= pad.y, "the tip at y %d..%d leaves the pad (from y %d) for what is above it", t.y, t.y + t.h,
                  pad.y);
        if (k == 0) CHECK_MSG(t.y > p.y && t.y - p.y <= 40, "pointer at y %d, tip from y %d", p.y, t.y);
        else CHECK_MSG(t.y + t.h < p.y && p.y - (t.y + t.h) <= 40, "pointer at y %d, tip to y %d", p.y, t.y + t.h);
        ev_move(&g, 10, 10);
        tall_pad_frame(&g, pad);
    }
    /* a short one: under it, as before */
    const SDL_Rect small = { 200, 60, 200, 40 };
    ev_move(&g, 300, 80);
    tall_pad_frame(&g, small);
    g.t += UI_TOOLTIP_DELAY_MS + 100;
    tall_pad_frame(&g, small);
    CHECK(g.ui->has_tip && g.ui->tip_rect.y == small.y + small.h + 6 && g.ui->tip_rect.x == small.x);
    rig_close(&g);
    return 0;
}

/* ---- lesson marks: hidden and locked ------------------------------------------------ */

typedef struct marks_out {
    int hit[3], changed_slider, changed_drop, changed_check;
    SDL_Rect r[3], slider, drop, check;
} marks_out;

static const char *const CHOICES[4] = { "sgd", "momentum", "rmsprop", "adam" };

/* Buttons A, B, C, then a slider, a dropdown and a checkbox, one per row. */
static void marks_frame(rig *g, float *v, int *sel, int *on, marks_out *o)
{
    static const char *const names[3] = { "A", "B", "C" }, *const tips[3] = { "help A", "help B", "help C" };
    ui_begin(g->ui, g->t += 16);
    ui_layout_begin(g->ui, (SDL_Rect){ 20, 20, 360, 560 });
    ui_layout_row(g->ui, 1, 0);
    for (int i = 0; i < 3; i++) {
        o->hit[i] = ui_button(g->ui, names[i]);
        ui_tooltip(g->ui, tips[i]);
        o->r[i] = ui_last_rect(g->ui);
    }
    o->changed_slider = ui_slider(g->ui, "Rate", v, 0.0f, 1.0f);
    o->slider = ui_last_rect(g->ui);
    o->changed_drop = ui_dropdown(g->ui, "Optimizer", sel, CHOICES, 4);
    o->drop = ui_last_rect(g->ui);
    o->changed_check = ui_checkbox(g->ui, "Normalize", on);
    o->check = ui_last_rect(g->ui);
    ui_end(g->ui);
}

static int same_rect(SDL_Rect a, SDL_Rect b) { return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h; }

/* A hidden widget is not drawn, takes no cell (the next one moves up into its
 * place), gets no focus and returns no change, whatever the input. */
static int hidden_takes_no_row(void)
{
    rig g;
    CHECK(rig_open(&g, 1.0f) == 0);
    float v = 0.5f;
    int sel = 0, on = 0;
    marks_out before, o;
    marks_frame(&g, &v, &sel, &on, &before);
    CHECK(before.r[1].h > 0 && before.r[2].y > before.r[1].y);

    ui_set_hidden(g.ui, ui_label_id("B"), 1);
    marks_frame(&g, &v, &sel, &on, &o);
    CHECK(o.r[1].w == 0 && o.r[1].h == 0);                 /* B: no rectangle */
    CHECK(same_rect(o.r[0], before.r[0]));
    CHECK(same_rect(o.r[2], before.r[1]));                 /* C moved up into B's row */
    CHECK(o.slider.y < before.slider.y);                   /* and everything below with it */
    /* a click where B was reaches C, never B */
    ev_click(&g, cx(before.r[1]), cy(before.r[1]));
    marks_frame(&g, &v, &sel, &on, &o);
    CHECK(o.hit[1] == 0 && o.hit[2] == 1);
    /* the tab order skips it: A, C, slider, dropdown, checkbox, A ... */
    for (int i = 0; i < 12; i++) {
        ev_key(&g, SDLK_TAB, 0);
        marks_frame(&g, &v, &sel, &on, &o);
        CHECK(ui_focus_id(g.ui) != 0 && ui_focus_id(g.ui) != ui_label_id("B"));
    }
    /* its tooltip is dropped rather than attached to the widget before it */
    ui_set_focus(g.ui, 0);
    ev_move(&g, cx(o.r[0]), cy(o.r[0]));
    marks_frame(&g, &v, &sel, &on, &o);
    g.t += UI_TOOLTIP_DELAY_MS + 100;
    marks_frame(&g, &v, &sel, &on, &o);
    CHECK_MSG(g.ui->has_tip && strcmp(g.ui->tip, "help A") == 0, "tip '%s'", g.ui->tip);
    ev_move(&g, 790, 590);

    /* hidden slider, dropdown and checkbox (B shown again): their places stay
     * empty and nothing changes them, whatever the clicks, drags and keys */
    ui_set_hidden(g.ui, ui_label_id("B"), 0);
    ui_set_hidden(g.ui, ui_label_id("Rate"), 1);
    ui_set_hidden(g.ui, ui_label_id("Optimizer"), 1);
    ui_set_hidden(g.ui, ui_label_id("Normalize"), 1);
    marks_frame(&g, &v, &sel, &on, &o);
    CHECK(o.slider.w == 0 && o.drop.w == 0);
    CHECK(o.r[1].h > 0 && same_rect(o.r[2], before.r[2]));
    for (int k = 0; k < 3; k++) {
        const SDL_Rect at[3] = { before.slider, before.drop, before.check };
        ev_move(&g, at[k].x + 4, cy(at[k]));
        ev_button(&g, at[k].x + 4, cy(at[k]), 1);
        marks_frame(&g, &v, &sel, &on, &o);
        ev_move(&g, at[k].x + at[k].w - 4, cy(at[k]));
        ev_button(&g, at[k].x + at[k].w - 4, cy(at[k]), 0);
        ev_key(&g, SDLK_RIGHT, 0);
        ev_key(&g, SDLK_RETURN, 0);
        marks_frame(&g, &v, &sel, &on, &o);
        CHECK(!o.changed_slider && !o.changed_drop && !o.changed_check);
    }
    CHECK(v == 0.5f && sel == 0 && on == 0 && g.ui->popup_id == 0);

    /* a focused widget that becomes hidden loses the focus; showing it again restores its place */
    ui_clear_marks(g.ui);
    marks_frame(&g, &v, &sel, &on, &o);
    ui_set_focus(g.ui, ui_label_id("B"));
    marks_frame(&g, &v, &sel, &on, &o);
    CHECK(ui_focus_id(g.ui) == ui_label_id("B"));
    ui_set_hidden(g.ui, ui_label_id("B"), 1);
    marks_frame(&g, &v, &sel, &on, &o);
    CHECK(ui_focus_id(g.ui) == 0 && !ui_keyboard_captured(g.ui));
    ui_set_hidden(g.ui, ui_label_id("B"), 0);
    marks_frame(&g, &v, &sel, &on, &o);
    CHECK(same_rect(o.r[1], before.r[1]) && same_rect(o.r[2], before.r[2]));
    rig_close(&g);
    return 0;
}

static int count_colours(const SDL_Surface *s, SDL_Rect r)
{
    Uint32 seen[64];
    int n = 0;
    for (int y = r.y; y < r.y + r.h; y += 2)
        for (int x = r.x; x < r.x + r.w; x += 2) {
            const Uint32 p = *(const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch + x * 4);
            int found = 0;
            for (int i = 0; i < n && !found; i++) found = seen[i] == p;
            if (!found && n < 64) seen[n++] = p;
        }
    return n;
}

/* A locked widget keeps its place and is drawn (greyed), but ignores clicks,
 * drags and keys, and is left out of the tab order. */
static int locked_draws_but_ignores_clicks(void)
{
    rig g;
    CHECK(rig_open(&g, 1.0f) == 0);
    float v = 0.5f;
    int sel = 0, on = 0;
    marks_out before, o;
    marks_frame(&g, &v, &sel, &on, &before);
    ui_set_locked(g.ui, ui_label_id("B"), 1);
    ui_set_locked(g.ui, ui_label_id("Rate"), 1);
    ui_set_locked(g.ui, ui_label_id("Optimizer"), 1);
    ui_set_locked(g.ui, ui_label_id("Normalize"), 1);
    SDL_SetRenderDrawColor(g.r, 0, 0, 0, 255);
    SDL_RenderClear(g.r);
    marks_frame(&g, &v, &sel, &on, &o);
    SDL_RenderFlush(g.r);
    CHECK(same_rect(o.r[1], before.r[1]) && same_rect(o.slider, before.slider) && same_rect(o.drop, before.drop));
    CHECK(count_colours(g.s, o.r[1]) > 3);                 /* drawn: frame and label */
    CHECK(count_colours(g.s, o.slider) > 3);
    CHECK(count_colours(g.s, o.drop) > 3);
    ev_click(&g, cx(o.r[1]), cy(o.r[1]));
    marks_frame(&g, &v, &sel, &on, &o);
    CHECK(o.hit[1] == 0);
    ev_move(&g, o.slider.x + 4, cy(o.slider));
    ev_button(&g, o.slider.x + 4, cy(o.slider), 1);
    marks_frame(&g, &v, &sel, &on, &o);
    ev_move(&g, o.slider.x + o.slider.w - 4, cy(o.slider));
    ev_button(&g, o.slider.x + o.slider.w - 4, cy(o.slider), 0);
    marks_frame(&g, &v, &sel, &on, &o);
    CHECK(!o.changed_slider && v == 0.5f);
    ev_click(&g, cx(o.drop), cy(o.drop));
    marks_frame(&g, &v, &sel, &on, &o);
    CHECK(g.ui->popup_id == 0 && sel == 0);
    for (int i = 0; i < 8; i++) {                          /* never focused by Tab */
        ev_key(&g, SDLK_TAB, 0);
        marks_frame(&g, &v, &sel, &on, &o);
        CHECK(ui_focus_id(g.ui) == ui_label_id("A") || ui_focus_id(g.ui) == ui_label_id("C"));
        ev_key(&g, SDLK_RETURN, 0);
        ev_key(&g, SDLK_RIGHT, 0);
    }
    CHECK(v == 0.5f && sel == 0 && on == 0);
    /* unlocked, the same click works */
    ui_clear_marks(g.ui);
    ev_click(&g, cx(o.r[1]), cy(o.r[1]));
    marks_frame(&g, &v, &sel, &on, &o);
    CHECK(o.hit[1] == 1);
    rig_close(&g);
    return 0;
}

/* ---- a dropdown longer than the room around it ------------------------------------- */

static const char *LONG_ITEMS[30];

static int long_frame(rig *g, int *sel, int y, int n, SDL_Rect *box)
{
    ui_begin(g->ui, g->t += 16);
    ui_layout_begin(g->ui, (SDL_Rect){ 200, y, 300, 600 - y });
    ui_layout_row(g->ui, 1, 0);
    int c = ui_dropdown(g->ui, "Item", sel, LONG_ITEMS, n);
    if (box) *box = ui_last_rect(g->ui);
    ui_end(g->ui);
    return c;
}

static int dropdown_long_list_scrolls(void)
{
    static char names[30][16];
    for (int i = 0; i < 30; i++) { SDL_snprintf(names[i], sizeof names[i], "item %d", i); LONG_ITEMS[i] = names[i]; }
    const SDL_Rect screen = { 0, 0, W, H };
    for (int si = 0; si < 2; si++) {
        rig g;
        CHECK(rig_open(&g, si ? 1.5f : 1.0f) == 0);
        const int ih = ui_px(g.ui, UI_ROW_HEIGHT);
        int sel = 0;
        SDL_Rect box;
        /* near the bottom: 30 items fit neither below nor above: the list takes the
         * larger side (above), stays in the window and scrolls */
        const int y = H - ih - 20;
        long_frame(&g, &sel, y, 30, &box);
        ev_click(&g, cx(box), cy(box));
        long_frame(&g, &sel, y, 30, NULL);
        CHECK(g.ui->popup_id != 0);
        SDL_Rect l = g.ui->popup_rect;
        const int rows = g.ui->popup_rows;
        CHECK_MSG(inside(l, screen), "list %d,%d %dx%d", l.x, l.y, l.w, l.h);
        CHECK(rows > 1 && rows < 30 && l.h == rows * ih);
        CHECK(l.y + l.h <= box.y);                              /* above the box, not over it */
        /* End, Down, PageUp: the highlighted item is always among the rows shown */
        const SDL_Keycode keys[6] = { SDLK_END, SDLK_UP, SDLK_PAGEUP, SDLK_PAGEUP, SDLK_HOME, SDLK_DOWN };
        const int want[6] = { 29, 28, 28 - (rows - 1), 28 - 2 * (rows - 1), 0, 1 };
        for (int k = 0; k < 6; k++) {
            ev_key(&g, keys[k], 0);
            long_frame(&g, &sel, y, 30, NULL);
            const int h = g.ui->popup_hover, s = g.ui->popup_scroll;
            CHECK_MSG(h == (want[k] < 0 ? 0 : want[k]), "key %d: hover %d", k, h);
            CHECK_MSG(h >= s && h < s + rows, "key %d: hover %d not in %d..%d", k, h, s, s + rows - 1);
        }
        ev_key(&g, SDLK_END, 0);
        long_frame(&g, &sel, y, 30, NULL);
        ev_key(&g, SDLK_RETURN, 0);
        CHECK(long_frame(&g, &sel, y, 30, NULL) == 1 && sel == 29 && g.ui->popup_id == 0);
        /* reopened: the current choice is in view; the wheel scrolls; a click picks what is shown there */
        ev_click(&g, cx(box), cy(box));
        long_frame(&g, &sel, y, 30, NULL);
        int s0 = g.ui->popup_scroll;
        CHECK(29 >= s0 && 29 < s0 + rows);
        l = g.ui->popup_rect;
        ev_move(&g, cx(l), l.y + ih / 2);
        ev_wheel(&g, 3);                                        /* up: earlier items */
        long_frame(&g, &sel, y, 30, NULL);
        CHECK(g.ui->popup_scroll == s0 - 3);
        ev_wheel(&g, 100);
        long_frame(&g, &sel, y, 30, NULL);
        CHECK(g.ui->popup_scroll == 0);                          /* clamped at the top */
        ev_wheel(&g, -5);
        long_frame(&g, &sel, y, 30, NULL);
        CHECK(g.ui->popup_scroll == 5);
        ev_click(&g, cx(l), l.y + ih + ih / 2);                 /* the second row shown */
        CHECK(long_frame(&g, &sel, y, 30, NULL) == 1 && sel == 6);
        /* a short list near the bottom opens upwards whole, without scrolling */
        long_frame(&g, &sel, y, 5, &box);
        sel = 0;
        ev_click(&g, cx(box), cy(box));
        long_frame(&g, &sel, y, 5, NULL);
        l = g.ui->popup_rect;
        CHECK(g.ui->popup_rows == 5 && l.h == 5 * ih && l.y + l.h == box.y && inside(l, screen));
        ev_key(&g, SDLK_ESCAPE, 0);
        long_frame(&g, &sel, y, 5, NULL);
        /* the same list high up opens downwards */
        long_frame(&g, &sel, 20, 5, &box);
        ev_click(&g, cx(box), cy(box));
        long_frame(&g, &sel, 20, 5, NULL);
        l = g.ui->popup_rect;
        CHECK(l.y == box.y + box.h && inside(l, screen));
        rig_close(&g);
    }
    return 0;
}

/* A narrow cell at a projector's zoom: the label goes above, the control
 * gets the whole width (and keeps at least half the row's height); a wide
 * cell keeps the label on the left. Either way the slider still works. */
static int narrow_cells_stack_label_above(void)
{
    rig g;
    CHECK(rig_open(&g, 1.5f) == 0);
    ui_set_scale(g.ui, 1.5f);
    const int widths[2] = { 270, 700 };
    for (int i = 0; i < 2; i++) {
        SDL_Rect area = { 10, 10, widths[i], 300 }, track, box, num;
        float lr = 0.01f;
        int k = 0, units = 8;
        const char *items[2] = { "inverse", "exponential" };
        ui_begin(g.ui, g.t += 16);
        ui_layout_begin(g.ui, area);
        ui_layout_row(g.ui, 1, 0);
        ui_slider_log(g.ui, "Learning rate", &lr, 1e-4f, 10.0f);
        track = ui_last_rect(g.ui);
        ui_dropdown(g.ui, "Early stop (0 = off)", &k, items, 2);
        box = ui_last_rect(g.ui);
        ui_number_int(g.ui, "Hidden layers", &units, 1, 64, 1);
        num = ui_last_rect(g.ui);
        ui_end(g.ui);
        const int row = ui_px(g.ui, UI_ROW_HEIGHT);
        if (i == 0) {                                    /* stacked */
            CHECK(track.x == area.x && track.w == area.w && track.y > area.y);
            CHECK(track.h * 2 >= row && track.y + track.h == area.y + row);
            CHECK(box.x == area.x && box.w == area.w);
            CHECK(num.x == area.x && num.w == area.w);
        } else {                                         /* side by side */
            CHECK(track.x >= area.x + area.w * 2 / 5 && track.y == area.y && track.h == row);
            CHECK(box.x >= area.x + area.w * 2 / 5 && box.h == row);
            CHECK(num.x >= area.x + area.w * 2 / 5);
        }
        /* the knob follows a click on the track in both layouts */
        ev_click(&g, track.x + track.w - 2, track.y + track.h / 2);
        ui_begin(g.ui, g.t += 16);
        ui_layout_begin(g.ui, area);
        ui_layout_row(g.ui, 1, 0);
        ui_slider_log(g.ui, "Learning rate", &lr, 1e-4f, 10.0f);
        ui_end(g.ui);
        CHECK(lr > 5.0f);
    }
    rig_close(&g);
    return 0;
}

static const test_case CASES[] = {
    { "dropdown_owns_its_items", dropdown_owns_its_items },
    { "dropdown_counts_every_key", dropdown_counts_every_key },
    { "slider_log_mapping", slider_log_mapping },
    { "slider_linear_mapping", slider_linear_mapping },
    { "layout_fits_and_scales", layout_fits_and_scales },
    { "widgets_stay_in_panel", widgets_stay_in_panel },
    { "rows_that_do_not_fit_are_hidden", rows_that_do_not_fit_are_hidden },
    { "button_clicks_once", button_clicks_once },
    { "slider_drag_changes_value", slider_drag_changes_value },
    { "tab_moves_focus", tab_moves_focus },
    { "dropdown_pick", dropdown_pick },
    { "number_field_clamps", number_field_clamps },
    { "tabs_and_toggles", tabs_and_toggles },
    { "tooltip_after_delay_and_on_screen", tooltip_after_delay_and_on_screen },
    { "text_panel_scrolls", text_panel_scrolls },
    { "highlight_and_theme", highlight_and_theme },
    { "scale_reopens_fonts", scale_reopens_fonts },
    { "tooltip_of_a_tall_widget", tooltip_of_a_tall_widget },
    { "hidden_takes_no_row", hidden_takes_no_row },
    { "locked_draws_but_ignores_clicks", locked_draws_but_ignores_clicks },
    { "dropdown_long_list_scrolls", dropdown_long_list_scrolls },
    { "narrow_cells_stack_label_above", narrow_cells_stack_label_above },
};
TEST_MAIN(CASES)
