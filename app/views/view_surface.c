/*******************************************************************************
*   view: surface - five optimizers racing down a 2-D loss surface from one start
*   teaches: lessons on momentum, RMSprop and Adam; minima, saddles and
*            plateaus; normalising inputs (the bowl's conditioning)
*   reads:   the surface lab (app/labs/surface_lab.h): its surface, start,
*            lanes (each an nn_surf_walk of the engine) and their traces. The
*            view only draws and sets: every step is the engine's, so a path
*            here is the path `nnlab-train surface` writes for the same
*            settings.
*******************************************************************************/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/prim.h"
#include "labs/surface_lab.h"
#include "nn/status.h"
#include "shell/app.h"
#include "player/player.h"
#include "ui/ui.h"
#include "views/surface_draw.h"
#include "views/view.h"

enum { SPEED_MIN = -3, SPEED_MAX = 9, RUN_CAP = 20000 };

static int px(const app *a, float v) { return (int)(v * a->scale + 0.5f); }

static surface_lab *lab_of(app *a) { return &a->slab; }

static void *create(app *a)
{
    surface_view *v = calloc(1, sizeof *v);
    if (!v) return NULL;
    /* Plays at once - unless a lesson is open: its `run: N surface updates`
     * moves the lab then, and its checkpoints must see exactly those updates. */
    v->playing = !player_lesson_open(a);
    v->sel = NN_OPT_ADAM;
    return v;
}

static void destroy(void *self)
{
    surface_view *v = self;
    gfx_canvas_free(&v->canvas);
    free(v);
}

/* Apply a lab setting; a refused value becomes a message at the bottom. */
static int set(app *a, surface_lab *L, const char *name, const char *value)
{
    if (slab_set(L, name, value) == NN_OK) return 0;
    app_toast(a, "%s", nn_last_error());
    return 1;
}

static void setf(app *a, surface_lab *L, const char *name, const char *fmt, double x)
{
    char buf[48];
    snprintf(buf, sizeof buf, fmt, x);
    set(a, L, name, buf);
}

static const char *help_of(const char *name)
{
    int n;
    const slab_setting *s = slab_settings(&n);
    for (int i = 0; i < n; i++)
        if (strcmp(s[i].name, name) == 0) return s[i].help;
    return "";
}

/* ---- the layout ---------------------------------------------------------------------- */

enum { TOOL_H = 40 };

/* One column of ten rows on the Race tab, or (a low window at a big zoom)
 * the optimizers two to a row in a wider panel. */
static int panel_rows_fit(const app *a, SDL_Rect area, int rows)
{
    return area.h >= rows * (px(a, UI_ROW_HEIGHT) + px(a, 8)) + px(a, 30);
}
/* 2: every row, with the notes; 1: one optimizer a row; 0: two a row. */
static int panel_roomy(const app *a, SDL_Rect area)
{
    return panel_rows_fit(a, area, 11) ? 2 : panel_rows_fit(a, area, 7) ? 1 : 0;
}

static int panel_w(const app *a, SDL_Rect area)
{
    int w = px(a, 320), cap = area.w * 38 / 100;
    if (!panel_roomy(a, area)) {
        /* two checkboxes a row: box, gap, the longest name, twice, and the paddings */
        const int one = px(a, UI_ROW_HEIGHT) * 3 / 5 + px(a, 16) + gfx_text_width(a->fonts, GFX_FONT_BODY, "Momentum");
        const int need = 2 * one + px(a, 40);
        if (w < need) w = need;
        cap = area.w / 2;
    }
    return w > cap ? cap : w;
}

/* The toolbar's buttons, unscaled widths from their words. */
static void tool_widths(const app *a, int w[5])
{
    static const char *const WORDS[5] = { "Pause", "Step", "Reset", "-", "+" };
    for (int i = 0; i < 5; i++) {
        const int t = (int)((float)gfx_text_width(a->fonts, GFX_FONT_BODY, WORDS[i]) / a->scale) + 28;
        w[i] = t < 40 ? 40 : t;
    }
}

static sv_layout layout_of(const app *a, const surface_view *v, const surface_lab *L, SDL_Rect area)
{
    sv_layout Y;
    memset(&Y, 0, sizeof Y);
    const int pw = panel_w(a, area), gap = px(a, 12);
    int tw = 0, widths[5];
    tool_widths(a, widths);
    for (int i = 0; i < 5; i++) tw += px(a, widths[i] + 6);
    const int right_x = area.x + pw + gap, right_w = area.x + area.w - right_x - gap;
    Y.tools = (SDL_Rect){ right_x, area.y + px(a, 6), tw < right_w ? tw : right_w, px(a, TOOL_H) };
    const int line_h = gfx_text_height(a->fonts, GFX_FONT_BOLD);
    /* The counter beside the buttons when its short form fits, else under them. */
    const int beside = right_w - tw - gap;
    if (beside >= gfx_text_width(a->fonts, GFX_FONT_BOLD, "Update 00000")) {
        Y.counter = (SDL_Rect){ right_x + tw + gap, Y.tools.y, beside, Y.tools.h };
    } else {
        Y.counter = (SDL_Rect){ right_x, Y.tools.y + Y.tools.h + px(a, 4), right_w, line_h };
    }
    const int top = (Y.counter.y + Y.counter.h > Y.tools.y + Y.tools.h ? Y.counter.y + Y.counter.h : Y.tools.y + Y.tools.h) + px(a, 4);
    const int h = area.y + area.h - top - gap;
    if (right_w < px(a, 120) || h < px(a, 120)) return Y;
    /* Under the map, f against updates, when there is room for a readable plot. */
    int plot_h = h * 27 / 100;
    if (plot_h < px(a, 120)) plot_h = h >= px(a, 360) ? px(a, 120) : 0;
    if (plot_h > px(a, 240)) plot_h = px(a, 240);
    const int map_h = plot_h ? h - plot_h - gap : h;
    /* The map keeps x and y at one scale (contours at right angles to the
     * gradient); the colour bar and the legend of the state go to its right. */
    float box[4];
    sv_box_of(L, box);
    Y.compact = map_h < px(a, 360);
    const gfx_frame fr = sv_map_frame(L, box, Y.compact);
    const SDL_Rect probe = gfx_frame_inner(a->fonts, (SDL_Rect){ 0, 0, 1000, map_h }, &fr);
    const int mw = 1000 - probe.w, mh = map_h - probe.h;
    int label_w = gfx_text_width(a->fonts, GFX_FONT_SMALL, "2000");
    for (int i = 0; i < v->n_levels; i++) {     /* the colour bar's labels as last drawn */
        const int w = gfx_text_width(a->fonts, GFX_FONT_SMALL, v->level_text[i]);
        if (w > label_w) label_w = w;
    }
    const int bar_w = px(a, 16) + px(a, 8) + label_w + px(a, 8);
    const int side_min = px(a, 190);
    const float aspect = (box[1] - box[0]) / (box[3] - box[2]);
    int inner_h = probe.h, inner_w = (int)((float)inner_h * aspect);
    const int room = right_w - mw - bar_w;
    if (inner_w > room) { inner_w = room; inner_h = (int)((float)inner_w / aspect); }
    if (inner_w < px(a, 60) || inner_h < px(a, 60)) return Y;
    Y.map_area = (SDL_Rect){ right_x, top, inner_w + mw, inner_h + mh };
    Y.inner = gfx_frame_inner(a->fonts, Y.map_area, &fr);
    Y.bar = (SDL_Rect){ Y.map_area.x + Y.map_area.w, Y.inner.y, bar_w, Y.inner.h };
    const int side_x = Y.bar.x + Y.bar.w + gap;
    if (area.x + area.w - gap - side_x >= side_min)
        Y.side = (SDL_Rect){ side_x, top, area.x + area.w - gap - side_x, map_h };
    if (plot_h) Y.plot = (SDL_Rect){ right_x, top + map_h + gap, right_w, plot_h };
    /* A map narrower than its room (a narrow window at a big zoom) leaves
     * height under it: without a side column, the plot takes all of it. */
    const int below = h - Y.map_area.h - gap;
    if (!Y.side.w && below > plot_h && below >= px(a, 70))
        Y.plot = (SDL_Rect){ right_x, top + Y.map_area.h + gap, right_w, below };
    return Y;
}

/* ---- the control panel --------------------------------------------------------------- */

static void change_speed(app *a, surface_view *v, int faster)
{
    if (faster && v->speed < SPEED_MAX) v->speed++;
    if (!faster && v->speed > SPEED_MIN) v->speed--;
    if (v->speed >= 0) app_toast(a, "Speed: %d update%s per frame", 1 << v->speed, v->speed ? "s" : "");
    else app_toast(a, "Speed: one update every %d frames", 1 << -v->speed);
}

static void reset(surface_view *v, app *a, surface_lab *L)
{
    (void)v;
    if (slab_restart(L) != NN_OK) app_toast(a, "%s", nn_last_error());
}

static void step_once(app *a, surface_lab *L)
{
    if (slab_step(L, 1) != NN_OK && L->error[0]) app_toast(a, "%s", L->error);
}

static void toolbar(surface_view *v, app *a, surface_lab *L, SDL_Rect r)
{
    ui_context *ui = a->ui;
    ui_layout_begin(ui, r);
    int widths[5];
    tool_widths(a, widths);
    ui_layout_row_widths(ui, 5, widths, TOOL_H);
    if (ui_button(ui, v->playing ? "Pause" : "Play")) v->playing = !v->playing;
    ui_tooltip(ui, "Start or stop the race (Space).");
    if (ui_button(ui, "Step")) { step_once(a, L); v->playing = 0; }
    ui_tooltip(ui, "One update of every optimizer (S or Right arrow).");
    if (ui_button(ui, "Reset")) reset(v, a, L);
    ui_tooltip(ui, "Every optimizer back to the start (R).");
    if (ui_button(ui, "-")) change_speed(a, v, 0);
    ui_tooltip(ui, "Slower (-).");
    if (ui_button(ui, "+")) change_speed(a, v, 1);
    ui_tooltip(ui, "Faster (+).");
}


static void panel_race(surface_view *v, app *a, surface_lab *L, SDL_Rect area)
{
    ui_context *ui = a->ui;
    const char *items[NN_SURF_COUNT + 1];
    for (int i = 0; i <= NN_SURF_COUNT; i++) items[i] = sv_surf_title(i);
    int cur = L->network ? NN_SURF_COUNT : (int)L->base.surf.kind;
    if (ui_dropdown(ui, "Surface", &cur, items, NN_SURF_COUNT + 1))
        set(a, L, "surface.fn", cur == NN_SURF_COUNT ? "network" : nn_surf_name((nn_surf_kind)cur));
    ui_tooltip(ui, help_of("surface.fn"));
    /* Ten rows where they fit; on a low panel (a big zoom) the optimizers
     * go two to a row and the notes are left out. */
    const int roomy = panel_roomy(a, area);
    if (roomy == 2) {
        ui_layout_space(ui, 4);
        ui_label(ui, "Optimizers (click to show or hide):");
    } else if (roomy == 0) {
        ui_layout_row(ui, 2, 0);
    }
    for (int k = 0; k < SLAB_LANES; k++) {
        int on = L->lane[k].shown;
        if (ui_checkbox(ui, sv_opt_title[k], &on)) {
            char list[96] = "";
            for (int j = 0; j < SLAB_LANES; j++) {
                const int shown = j == k ? on : L->lane[j].shown;
                if (!shown) continue;
                if (list[0]) strcat(list, ",");
                strcat(list, nn_optim_name((nn_optim_kind)j));
            }
            if (list[0]) set(a, L, "surface.show", list);
            else app_toast(a, "At least one optimizer runs: tick another one first.");
        }
        ui_tooltip(ui, help_of("surface.show"));
        /* the legend: each name's colour as a thick stroke at the right of its row */
        const SDL_Rect r = ui_last_rect(ui);
        if (r.w <= 0) continue;
        const int label_end = r.x + r.h + px(a, 10) + gfx_text_width(a->fonts, GFX_FONT_BODY, sv_opt_title[k]);
        if (r.x + r.w - label_end >= px(a, 60)) {
            const float y = (float)r.y + (float)r.h / 2, x1 = (float)(r.x + r.w - px(a, 8));
            gfx_line(a->r, x1 - (float)px(a, 44), y, x1, y, 5.0f * a->scale, pal_optimizer(k));
        } else {     /* underlined in its colour */
            const float y = (float)(r.y + r.h) - 2.0f * a->scale;
            gfx_line(a->r, (float)(r.x + r.h), y, (float)(label_end < r.x + r.w ? label_end : r.x + r.w), y,
                     4.0f * a->scale, pal_optimizer(k));
        }
    }
    if (roomy < 2) return;
    ui_layout_row(ui, 1, 0);
    ui_layout_space(ui, 4);
    char line[96], bx[24], by[24];
    snprintf(line, sizeof line, "Start: (%s, %s)", sv_num(bx, sizeof bx, L->base.start[0], 3),
             sv_num(by, sizeof by, L->base.start[1], 3));
    ui_label(ui, line);
    ui_label(ui, "Click or drag on the map to move it.");
    (void)v;
}


static void panel_optimizer(surface_view *v, app *a, surface_lab *L, SDL_Rect area)
{
    ui_context *ui = a->ui;
    int sel = v->sel;
    if (ui_dropdown(ui, "Show the numbers for", &sel, sv_opt_title, SLAB_LANES)) v->sel = sel;
    ui_tooltip(ui, "The optimizer whose state is drawn on the map and whose last update is written out below.");
    const int k = v->sel;
    const char *name = nn_optim_name((nn_optim_kind)k);
    char label[48], setting[48];
    snprintf(label, sizeof label, "%s learning rate", sv_opt_title[k]);
    snprintf(setting, sizeof setting, "surface.%s.lr", name);
    float lr = L->lane[k].lr;
    if (ui_slider_log(ui, label, &lr, 1e-4f, 10.0f)) setf(a, L, setting, "%.4g", lr);
    ui_tooltip(ui, "This optimizer's own step size; each one has its own (the others keep theirs).");
    /* A low panel (a big zoom): Adam's two betas share a row (as beta-1 and
     * beta-2 in Greek, so each name fits beside its value) and the numbers
     * keep a few lines. */
    const int share = k == NN_OPT_ADAM && !panel_rows_fit(a, area, 9);
    if (share) ui_layout_row(ui, 2, 0);
    if (k == NN_OPT_MOMENTUM || k == NN_OPT_RMSPROP || k == NN_OPT_ADAM) {
        snprintf(label, sizeof label, k != NN_OPT_ADAM ? "%s beta" : share ? "%s \xCE\xB2\xE2\x82\x81" : "%s beta 1",
                 sv_opt_title[k]);
        snprintf(setting, sizeof setting, "surface.%s.beta", name);
        float b = L->lane[k].opt.beta;
        if (ui_slider_ex(ui, label, &b, 0.0f, 0.99f, 0.01f, 0)) setf(a, L, setting, "%.3g", b);
        ui_tooltip(ui, "How much of the past the average keeps: about the last 1/(1 - beta) updates.");
    }
    if (k == NN_OPT_ADAM) {
        snprintf(label, sizeof label, share ? "%s \xCE\xB2\xE2\x82\x82" : "%s beta 2", sv_opt_title[k]);
        snprintf(setting, sizeof setting, "surface.%s.beta2", name);
        float b = L->lane[k].opt.beta2;
        if (ui_slider_ex(ui, label, &b, 0.9f, 0.999f, 0.001f, 0)) setf(a, L, setting, "%.4g", b);
        ui_tooltip(ui, "The average of the squared gradients keeps about the last 1/(1 - beta 2) updates.");
    }
    sv_write_numbers(v, L);
    ui_layout_space(ui, 4);
    ui_layout_row(ui, 1, -1);
    ui_text_panel(ui, "optimizer numbers", v->numbers, &v->numbers_scroll);
}

static void panel_options(surface_view *v, app *a, surface_lab *L, SDL_Rect area)
{
    (void)v;
    ui_context *ui = a->ui;
    float noise = L->base.grad_noise;
    if (ui_slider_ex(ui, "Gradient noise", &noise, 0.0f, 5.0f, 0.05f, 0)) setf(a, L, "surface.noise", "%.3g", noise);
    ui_tooltip(ui, help_of("surface.noise"));
    const char *decays[NN_DECAY_COUNT];
    for (int i = 0; i < NN_DECAY_COUNT; i++) decays[i] = nn_decay_name((nn_decay)i);
    int d = (int)L->base.sched.kind;
    const int rated = L->base.sched.kind != NN_DECAY_NONE && L->base.sched.kind != NN_DECAY_STEP;
    /* A low panel (a big zoom): the schedule and its rate share a row. */
    const int share = rated && !panel_rows_fit(a, area, 6);
    if (share) ui_layout_row(ui, 2, 0);
    if (ui_dropdown(ui, "LR decay##surface", &d, decays, NN_DECAY_COUNT)) set(a, L, "surface.decay", decays[d]);
    ui_tooltip(ui, help_of("surface.decay"));
    if (rated) {
        float k = L->base.sched.rate;
        if (ui_slider_log(ui, "Decay rate##surface", &k, 1e-4f, 1.0f)) setf(a, L, "surface.decay-rate", "%.3g", k);
        ui_tooltip(ui, help_of("surface.decay-rate"));
    }
    if (share) ui_layout_row(ui, 1, 0);
    int bc = L->lane[NN_OPT_ADAM].opt.bias_correction;
    if (ui_switch(ui, "Bias correction (Adam)", &bc)) set(a, L, "surface.bias-correction", bc ? "on" : "off");
    ui_tooltip(ui, help_of("surface.bias-correction"));
    const int bowl = !L->network && L->base.surf.kind == NN_SURF_BOWL;
    if (!bowl) ui_push_disabled(ui);
    float c = L->base.surf.cond;
    if (ui_slider_ex(ui, "Bowl elongation", &c, 1.0f, 50.0f, 0.5f, 0)) setf(a, L, "surface.cond", "%.3g", c);
    ui_tooltip(ui, bowl ? help_of("surface.cond") : "For the elongated bowl: choose it on the Race tab.");
    if (!bowl) ui_pop_disabled(ui);
}

/* A lesson highlighting a control: open the tab that holds it (once per change). */
static void follow_lesson(surface_view *v, const app *a)
{
    if (!strcmp(a->lesson_focus, v->focus)) return;
    snprintf(v->focus, sizeof v->focus, "%s", a->lesson_focus);
    const char *f = v->focus;
    if (strncmp(f, "surface.", 8) != 0) return;
    f += 8;
    if (!strcmp(f, "fn") || !strcmp(f, "show") || !strcmp(f, "start")) { v->tab = 0; return; }
    for (int k = 0; k < SLAB_LANES; k++) {
        const char *n = nn_optim_name((nn_optim_kind)k);
        const size_t len = strlen(n);
        if (!strncmp(f, n, len) && f[len] == '.') { v->tab = 1; v->sel = k; return; }
    }
    v->tab = 2;
}

static void update(void *self, view_ctx *ctx)
{
    surface_view *v = self;
    app *a = ctx->app;
    surface_lab *L = lab_of(a);
    const SDL_Rect area = ctx->area;
    const sv_layout Y = layout_of(a, v, L, area);
    /* The race: 2^speed updates a frame, or one every 2^-speed frames. */
    v->frame++;
    if (v->playing) {
        const int n = v->speed >= 0 ? 1 << v->speed : (v->frame % (1L << -v->speed) == 0);
        if (n > 0) step_once(a, L), n > 1 ? (void)slab_step(L, n - 1) : (void)0;
        if (L->steps >= RUN_CAP) v->playing = 0;
    }
    toolbar(v, a, L, Y.tools);
    follow_lesson(v, a);
    ui_panel(a->ui, (SDL_Rect){ area.x, area.y, panel_w(a, area), area.h }, NULL);
    static const char *const tabs[] = { "Race", "Optimizer", "Options" };
    ui_layout_row(a->ui, 1, 0);
    ui_tabs(a->ui, "surface tabs", tabs, 3, &v->tab);
    ui_layout_space(a->ui, 6);
    ui_layout_row(a->ui, 1, 0);
    if (v->tab == 0) panel_race(v, a, L, area);
    else if (v->tab == 1) panel_optimizer(v, a, L, area);
    else panel_options(v, a, L, area);
    /* The map takes a click or a drag: every optimizer restarts there. */
    int mx, my;
    if (Y.inner.w > 0 && ui_pad(a->ui, "Surface map", Y.inner, &mx, &my)) {
        float box[4];
        sv_box_of(L, box);
        const double x = box[0] + ((double)mx + 0.5 - Y.inner.x) / Y.inner.w * (box[1] - box[0]);
        const double y = box[2] + ((double)(Y.inner.y + Y.inner.h) - ((double)my + 0.5)) / Y.inner.h * (box[3] - box[2]);
        if (fabs(x - L->base.start[0]) > 1e-9 || fabs(y - L->base.start[1]) > 1e-9) {
            char buf[64];
            snprintf(buf, sizeof buf, "%.6g,%.6g", x, y);
            set(a, L, "surface.start", buf);
        }
    }
    ui_tooltip(a->ui, "Click or drag: every optimizer starts again from there.");
}
static void draw(void *self, view_ctx *ctx)
{
    surface_view *v = self;
    app *a = ctx->app;
    const sv_layout Y = layout_of(a, v, lab_of(a), ctx->area);
    sv_draw(v, a, lab_of(a), &Y);
}

static int key(void *self, app *a, const SDL_KeyboardEvent *k)
{
    surface_view *v = self;
    surface_lab *L = lab_of(a);
    switch (k->keysym.sym) {
    case SDLK_SPACE: v->playing = !v->playing; return 1;
    case SDLK_s: case SDLK_RIGHT: step_once(a, L); v->playing = 0; return 1;
    case SDLK_r: reset(v, a, L); return 1;
    case SDLK_PLUS: case SDLK_EQUALS: case SDLK_KP_PLUS: change_speed(a, v, 1); return 1;
    case SDLK_MINUS: case SDLK_KP_MINUS: change_speed(a, v, 0); return 1;
    default: return 0;
    }
}

const view_def view_surface = {
    .id = "surface", .title = "Optimizer paths", .tab = "Paths",
    .teaches = "SGD, momentum, RMSprop, Adam and AdaGrad race down one surface from one start: see why they differ.",
    .create = create, .destroy = destroy, .update = update, .key = key, .draw = draw,
};
