/*******************************************************************************
*   view: softmax - the output layer laid open: logits z -> e^z -> their sum
*            -> p = e^z / sum -> the loss -log p(true) -> the gradient p - y
*   teaches: softmax and cross-entropy (the notes' z = (2, 5, -1, 3) example),
*            shift invariance, confidence and scale; the learner's own drawing
*            or photo classified by the live image network
*   reads:   the Playground's live run through the lens (shell/lens.h): an
*            example's logits, the plane's probabilities, the network's answer
*            for the drawing pad or a file (prepared as `nnlab-train predict`
*            does). Play here trains the same run.
*******************************************************************************/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/prim.h"
#include "labs/view_setting.h"
#include "nn/loss.h"
#include "nn/status.h"
#include "shell/app.h"
#include "shell/lens.h"
#include "ui/ui.h"
#include "views/softmax_draw.h"
#include "views/softmax_view.h"
#include "views/lens_frame.h"
#include "views/view.h"

#define MINUS "\xE2\x88\x92"
#define TIMES "\xC3\x97"

static const char *const MODE_TABS[SM_MODE_COUNT] = { "An example", "Your logits", "Your picture" };
static const char *const MODE_SHORT[SM_MODE_COUNT] = { "Example", "Logits", "Picture" };
static const char *const LOGIT_LABELS[SM_EDIT_MAX] = { "z0", "z1", "z2", "z3", "z4", "z5", "z6", "z7" };
static const char *const DRAG_LABELS[SM_EDIT_MAX] = {
    "drag z0", "drag z1", "drag z2", "drag z3", "drag z4", "drag z5", "drag z6", "drag z7",
};
static const float NOTES_Z[4] = { 2.0f, 5.0f, -1.0f, 3.0f };
enum { NOTES_TRUTH = 1 };

static int px(const app *a, float v) { return (int)lroundf(v * a->scale); }

static void notes_example(softmax_view *v)
{
    v->k = 4;
    memcpy(v->z, NOTES_Z, sizeof NOTES_Z);
    v->truth = NOTES_TRUTH;
    v->scale = 1.0f;
    v->shift_shown = 0;
}

static void *create(app *a)
{
    (void)a;
    softmax_view *v = calloc(1, sizeof *v);
    if (!v) return NULL;
    nn_rng_seed(&v->rng, 13, 7);   /* Random picks: the same sequence every time */
    v->maps = 1;
    v->brush = 1.3f;
    notes_example(v);
    sm_own_init(&v->own);
    return v;
}

static void destroy(void *self)
{
    softmax_view *v = self;
    if (!v) return;
    SDL_Texture *t[] = { v->tex_example, v->tex_pad, v->tex_input, v->tex_file, v->tex_plane };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) if (t[i]) SDL_DestroyTexture(t[i]);
    sm_own_free(&v->own);
    free(v);
}

/* ---- what the live run offers ---- */

/* The side of the run's square grey images (0: not an image run this view can draw for). */
static int image_side(const session *s)
{
    const nn_dataset *ds = lens_examples(s);
    if (!ds || ds->shape.c != 1 || ds->shape.h != ds->shape.w || ds->shape.h * ds->shape.w != ds->d) return 0;
    return ds->shape.h >= 2 && ds->shape.h <= SM_SIDE_MAX ? ds->shape.h : 0;
}

static int is_plane(const session *s)
{
    const nn_dataset *ds = lens_examples(s);
    return ds && ds->d == 2 && ds->x && ds->classes >= 2;
}

/* The chain of raw inputs x through the live network (truth -1: none);
 * 0 when the run is not a classifier. */
static int network_chain(softmax_view *v, app *a, const float *x, int truth, sm_chain *out)
{
    out->k = 0;
    const int loss = lens_loss(&a->s), n_out = lens_outputs(&a->s);
    if (loss != NN_LOSS_SOFTMAX && loss != NN_LOSS_BCE) return 0;
    const float *z = lens_logits(&a->s, x, 1);
    if (!z) return 0;
    v->sigmoid = loss == NN_LOSS_BCE;
    if (v->sigmoid) {
        const float zz[2] = { 0.0f, z[0] };   /* sigmoid(z) = softmax(0, z)[1] */
        sm_chain_compute(out, zz, 2, truth);
    } else {
        sm_chain_compute(out, z, n_out, truth);
    }
    return out->k > 0;
}

static void example_chain(softmax_view *v, app *a)
{
    const nn_dataset *ds = lens_examples(&a->s);
    if (!ds || ds->n < 1) { v->ex.k = 0; v->ex_version = 0; return; }
    if (lens_run_id(&a->s) != v->run_id) {
        v->run_id = lens_run_id(&a->s);
        if (v->example >= ds->n) v->example = 0;
        v->ex_version = 0;
    }
    if (v->example < 0 || v->example >= ds->n) v->example = 0;
    const uint64_t ver = lens_version(&a->s) + 1;
    if (v->ex_version == ver && v->ex_of == v->example) return;
    float *x = malloc((size_t)ds->d * sizeof *x);
    if (!x) return;
    const size_t at = (size_t)v->example * ds->d;
    for (int f = 0; f < ds->d; f++) x[f] = ds->x8 ? ds->x8[at + f] / 255.0f : ds->x[at + f];
    if (!network_chain(v, a, x, (int)ds->y[v->example], &v->ex)) v->ex.k = 0;
    free(x);
    v->ex_version = ver;
    v->ex_of = v->example;
}

static void picture_chain(softmax_view *v, app *a)
{
    const int side = image_side(&a->s);
    if (!side) { v->pic_ok = 0; return; }
    sm_own_prepare(&v->own, side);
    const uint64_t ver = lens_version(&a->s) + 1;
    if (v->pic_ok && v->pic_version == v->own.prepared && v->pic_weights == ver) return;
    v->pic_ok = network_chain(v, a, v->own.input, -1, &v->pic);
    v->pic_version = v->own.prepared;
    v->pic_weights = ver;
}

/* The z bars of the editable logits span -R .. R: 10 scaled logits each way
 * (wide enough to drag any logit past the others). */
static float edit_range(const softmax_view *v) { return 10.0f * v->scale; }

static void edit_chain(softmax_view *v)
{
    float z[SM_EDIT_MAX];
    for (int i = 0; i < v->k; i++) z[i] = v->scale * v->z[i];
    sm_chain_compute(&v->edit, z, v->k, v->truth);
}

/* ---- layout ---- */

typedef struct sm_layout { SDL_Rect panel, tools, status, main; } sm_layout;
static const int TOOL_W[4] = { 0, 84, 64, 72 };
enum { TOOL_H = 40 };

static sm_layout layout_of(const app *a, SDL_Rect area)
{
    sm_layout L;
    const lens_frame F = lens_frame_of(a, area, TOOL_H, 6);
    L.panel = F.panel;
    L.tools = F.tools;
    L.status = F.status;
    L.main = (SDL_Rect){ F.x, F.top, F.w, F.bottom - F.top };
    return L;
}

/* Picture mode: the pad on the left of main, the preparation and the bars on the right. */
typedef struct pic_layout { SDL_Rect pad, orig, prep, steps, chain; int compact; } pic_layout;

static pic_layout picture_layout(const app *a, SDL_Rect m)
{
    /* left: the pad, and under it the original -> the network's input with
     * the preparation's steps; right: the bars, the whole height */
    pic_layout P;
    const int gap = px(a, 16), cap = gfx_text_height(a->fonts, GFX_FONT_BOLD) + px(a, 4);
    const int cw = m.w * 42 / 100;
    int t = cw * 10 / 26;
    if (t > px(a, 130)) t = px(a, 130);
    const int steps_h = 2 * gfx_text_height(a->fonts, GFX_FONT_SMALL) + px(a, 2);
    const int strip = cap + t + px(a, 4) + steps_h;
    int s = m.h - cap - gap - strip;
    if (s > cw) s = cw;
    if (s < px(a, 56)) s = px(a, 56);
    P.pad = (SDL_Rect){ m.x, m.y + cap, s, s };
    const int sy = P.pad.y + s + gap + cap;
    P.orig = (SDL_Rect){ m.x, sy, t, t };
    P.prep = (SDL_Rect){ m.x + t + px(a, 40), sy, t, t };
    P.compact = 1;
    P.steps = (SDL_Rect){ m.x, sy + t + px(a, 4), cw, steps_h };
    const int beside = P.prep.x + t + px(a, 10);
    if (m.x + cw - beside >= px(a, 150)) {   /* room beside the pictures: the steps one per line */
        P.compact = 0;
        P.steps = (SDL_Rect){ beside, sy, m.x + cw - beside, t + steps_h };
    }
    const int rx = m.x + cw + gap;
    P.chain = (SDL_Rect){ rx, m.y + cap, m.x + m.w - rx, m.h - cap };
    return P;
}

/* 2-D example: the chain above the per-class maps. */
static void example_split(const app *a, SDL_Rect m, int k, int maps, SDL_Rect *chain, SDL_Rect *mapr)
{
    *chain = m;
    *mapr = (SDL_Rect){ m.x, m.y + m.h, m.w, 0 };
    if (!maps) return;
    int ch = (gfx_text_height(a->fonts, GFX_FONT_TITLE) + px(a, 12)) * (k + 4);
    if (ch > m.h * 62 / 100) ch = m.h * 62 / 100;
    /* The rows first: never shorter than their names (a small window at a
     * projector's zoom); the maps take what is left, or stay out when that
     * is too little for them to show. */
    const int least = sm_table_min_height(a, k, 1);
    if (ch < least) ch = least;
    if (m.h - ch - px(a, 8) < gfx_text_height(a->fonts, GFX_FONT_BOLD) + px(a, 2) + px(a, 24)) return;
    chain->h = ch;
    *mapr = (SDL_Rect){ m.x, m.y + ch + px(a, 8), m.w, m.h - ch - px(a, 8) };
}

/* ---- changes ---- */

static void apply(app *a, const char *name, const char *value)
{
    if (session_apply(&a->s, &name, &value, 1, 1) != NN_OK) app_toast(a, "%s", nn_last_error());
}

_Static_assert((int)VIEW_SOFTMAX_EXAMPLE == (int)SM_MODE_EXAMPLE && (int)VIEW_SOFTMAX_LOGITS == (int)SM_MODE_EDIT &&
               (int)VIEW_SOFTMAX_PICTURE == (int)SM_MODE_PICTURE, "softmax-mode's values are the view's modes");

static void open_file(softmax_view *v, app *a, const char *path)
{
    if (path != v->path) snprintf(v->path, sizeof v->path, "%s", path ? path : "");
    a->softmax_mode = SM_MODE_PICTURE;
    if (sm_own_open(&v->own, path) != 0) app_toast(a, "%s", v->own.error);
}

static void drop(void *self, app *a, const char *path) { open_file(self, a, path); }

/* Offer a suitable run when the live one is not (a regression, a load that failed). */
static void suggest_runs(app *a, int images_only)
{
    ui_context *ui = a->ui;
    if (!images_only && ui_button(ui, "Spiral, 4 classes")) {
        const char *n[] = { "data", "classes" }, *val[] = { "spiral", "4" };
        if (session_apply(&a->s, n, val, 2, 1) != NN_OK) app_toast(a, "%s", nn_last_error());
    }
    if (!images_only) ui_tooltip(ui, "Train the Playground on four spiral arms: a 2-D set with four classes.");
    if (ui_button(ui, "Fashion images")) apply(a, "data", "fashion-small");
    ui_tooltip(ui, "Train the Playground on fashion-small (28x28 clothing pictures, 10 classes); press Play.");
}

static void panel_example(softmax_view *v, app *a, SDL_Rect r)
{
    ui_context *ui = a->ui;
    ui_panel(ui, r, "Softmax");
    const nn_dataset *ds = lens_examples(&a->s);
    ui_layout_row(ui, 2, 0);
    if (ui_button(ui, "Previous") && ds && ds->n > 0) v->example = (v->example + ds->n - 1) % ds->n;
    ui_tooltip(ui, "The previous example of the dev set (examples the network does not learn from).");
    if (ui_button(ui, "Next") && ds && ds->n > 0) v->example = (v->example + 1) % ds->n;
    ui_tooltip(ui, "The next example of the dev set.");
    ui_layout_row(ui, 1, 0);
    if (ui_button(ui, "Random example") && ds && ds->n > 0) v->example = (int)nn_rng_below(&v->rng, (uint32_t)ds->n);
    ui_tooltip(ui, "Any example of the dev set (a seeded choice: the same sequence every time).");
    if (is_plane(&a->s)) {
        ui_switch(ui, "Per-class maps", &v->maps);
        ui_tooltip(ui, "Below the bars: P(class) over the whole plane, one map per class - how sure the "
                       "network is everywhere, not only which class wins.");
    }
    if (!ds || (lens_loss(&a->s) != NN_LOSS_SOFTMAX && lens_loss(&a->s) != NN_LOSS_BCE)) suggest_runs(a, 0);
    ui_layout_space(ui, 4);
    v->pic_rect = ui_layout_rest(ui);
    if (is_plane(&a->s) && v->pic_rect.w > 0 && v->pic_rect.h > 0) {
        const SDL_Rect sq = sm_plane_rect(v->pic_rect);
        int mx, my;
        float lo[2], hi[2];
        if (ui_pad(ui, "Plane", sq, &mx, &my) && lens_plane_logits(&a->s, NULL, lo, hi)) {
            /* the nearest example to the click */
            const float x = lo[0] + (mx - sq.x + 0.5f) / sq.w * (hi[0] - lo[0]);
            const float y = hi[1] - (my - sq.y + 0.5f) / sq.h * (hi[1] - lo[1]);
            float best = INFINITY;
            for (int i = 0; i < ds->n; i++) {
                const float dx = ds->x[2 * i] - x, dy = ds->x[2 * i + 1] - y, d = dx * dx + dy * dy;
                if (d < best) { best = d; v->example = i; }
            }
        }
        ui_tooltip(ui, "Click a point: its logits go through the softmax on the right.");
    }
}

static void panel_edit(softmax_view *v, app *a, SDL_Rect r)
{
    ui_context *ui = a->ui;
    ui_panel(ui, r, "Your logits");
    ui_layout_row(ui, 1, 0);
    int changed = 0;
    if (ui_button(ui, "Notes' example")) { notes_example(v); changed = 1; }
    ui_tooltip(ui, "z = (2, 5, " MINUS "1, 3), class 1 true: p = (0.042, 0.842, 0.002, 0.114).");
    if (ui_button(ui, "+1 to every logit")) {
        sm_chain before = v->edit;
        for (int i = 0; i < v->k; i++) v->z[i] += 1.0f / v->scale;   /* +1 to each shown logit */
        edit_chain(v);
        v->shift_change = sm_chain_max_change(&before, &v->edit);
        v->shift_shown = 1;
    }
    ui_tooltip(ui, "Add the same number to every logit: each e^z is multiplied by e, so is the sum, "
                   "and p does not change at all.");
    float scale = v->scale;
    if (ui_slider_log(ui, "Scale", &scale, 0.25f, 4.0f)) { v->scale = scale; changed = 1; }
    ui_tooltip(ui, "Multiply every logit (1 / temperature): larger logits, a more confident p; smaller, a flatter one.");
    ui_layout_row(ui, 2, 0);
    int k = v->k;
    if (ui_number_int(ui, "Classes", &k, 2, SM_EDIT_MAX, 1) && k != v->k) {
        for (int i = v->k; i < k; i++) v->z[i] = 0.0f;
        v->k = k;
        if (v->truth >= k) v->truth = k - 1;
        changed = 1;
    }
    int truth = v->truth;
    if (ui_number_int(ui, "True class", &truth, 0, v->k - 1, 1)) { v->truth = truth; changed = 1; }
    ui_tooltip(ui, "y = 1 for this class, 0 for the others: the loss is " MINUS "log p of this class.");
    for (int i = 0; i < v->k; i++) {
        float z = v->z[i];
        if (ui_number_float(ui, LOGIT_LABELS[i], &z, -30.0f, 30.0f, 0.5f)) { v->z[i] = z; changed = 1; }
        if (i == 0) ui_tooltip(ui, "Type a logit, or drag its bar on the right.");
    }
    if (changed) v->shift_shown = 0;
    edit_chain(v);
}

static void panel_picture(softmax_view *v, app *a, SDL_Rect r)
{
    ui_context *ui = a->ui;
    ui_panel(ui, r, "Your picture");
    ui_layout_row(ui, 1, 0);
    ui_switch(ui, "Eraser", &v->eraser);
    ui_tooltip(ui, "Off: the mouse draws ink on the pad. On: it rubs ink out.");
    ui_slider(ui, "Brush size", &v->brush, 0.6f, 3.0f);
    ui_tooltip(ui, "The brush's radius in the pad's pixels (the pad is 28 x 28, like the training pictures).");
    if (ui_button(ui, "Clear the pad")) sm_pad_clear(&v->own);
    ui_tooltip(ui, "A blank pad.");
    ui_layout_space(ui, 6);
    if (ui_text_field(ui, "Path of a PNG or JPEG", v->path, (int)sizeof v->path)) open_file(v, a, v->path);
    ui_tooltip(ui, "Type the path of a picture and press Enter (or Open). Or drop the file on the window.");
    if (ui_button(ui, "Open##picture")) open_file(v, a, v->path);
    ui_tooltip(ui, "Open the picture: it is prepared exactly as nnlab-train predict prepares it.");
    if (v->own.source == SM_SRC_FILE && ui_button(ui, "Back to the pad")) { v->own.source = SM_SRC_PAD; v->own.version++; }
    if (!image_side(&a->s)) suggest_runs(a, 1);
}

/* Strokes on the pad (a press draws a dot, a drag a line). */
static void pad_input(softmax_view *v, app *a, SDL_Rect pad)
{
    int mx, my;
    if (!ui_pad(a->ui, "Drawing pad", pad, &mx, &my)) { v->stroke = 0; return; }
    const float x = (mx - pad.x + 0.5f) * SM_PAD / pad.w, y = (my - pad.y + 0.5f) * SM_PAD / pad.h;
    if (!v->stroke) { v->last_x = x; v->last_y = y; v->own.error[0] = '\0'; }
    sm_pad_stroke(&v->own, v->last_x, v->last_y, x, y, v->brush, v->eraser);
    v->last_x = x;
    v->last_y = y;
    v->stroke = 1;
}

static void update(void *self, view_ctx *ctx)
{
    softmax_view *v = self;
    app *a = ctx->app;
    session *s = &a->s;
    session_advance(s, 0.006);          /* the Playground's run: Play here trains it too */
    const sm_layout L = layout_of(a, ctx->area);
    ui_context *ui = a->ui;
    /* the tabs' words whole: short ones in a narrow window at a projector's
     * zoom, and when even those do not fit beside the buttons, the tabs go
     * to the top of the panel */
    int need = 0, need_short = 0;
    for (int i = 0; i < SM_MODE_COUNT; i++) {
        need += gfx_text_width(a->fonts, GFX_FONT_BOLD, MODE_TABS[i]) + px(a, 24);
        need_short += gfx_text_width(a->fonts, GFX_FONT_SMALL, MODE_SHORT[i]) + px(a, 16);
    }
    const SDL_Rect cell = { 0, 0, L.tools.w - px(a, TOOL_W[1] + TOOL_W[2] + TOOL_W[3] + 40), 0 };
    SDL_Rect panel = L.panel;
    ui_layout_begin(ui, L.tools);
    if (need_short <= cell.w) {
        ui_layout_row_widths(ui, 4, TOOL_W, TOOL_H);
        ui_tabs(ui, "softmax modes", need <= cell.w ? MODE_TABS : MODE_SHORT, SM_MODE_COUNT, &a->softmax_mode);
        ui_tooltip(ui, "An example of the Playground's run; logits you choose; your own drawing or photo.");
    } else {
        const int row = px(a, TOOL_H) + px(a, 12);
        gfx_fill_rect(a->r, (SDL_Rect){ panel.x, panel.y, panel.w, row }, ui_get_theme(ui)->panel);
        ui_layout_begin(ui, (SDL_Rect){ panel.x + px(a, 8), panel.y + px(a, 8), panel.w - px(a, 16), px(a, TOOL_H) });
        ui_layout_row(ui, 1, TOOL_H);
        ui_tabs(ui, "softmax modes", MODE_SHORT, SM_MODE_COUNT, &a->softmax_mode);
        ui_tooltip(ui, "An example of the Playground's run; logits you choose; your own drawing or photo.");
        panel.y += row;
        panel.h -= row;
        ui_layout_begin(ui, L.tools);
        ui_layout_row_widths(ui, 3, TOOL_W + 1, TOOL_H);
    }
    if (ui_button(ui, s->playing ? "Pause" : "Play")) s->playing = !s->playing && (s->open || s->loading);
    ui_tooltip(ui, "Start or stop training the Playground's network: this view reads the same run (Space).");
    if (ui_button(ui, "Step")) session_step(s);
    ui_tooltip(ui, "One update from one mini-batch (S).");
    if (ui_button(ui, "Reset")) session_reset(s);
    ui_tooltip(ui, "Back to the same initial weights (R).");
    switch (a->softmax_mode) {
    case SM_MODE_EXAMPLE:
        panel_example(v, a, panel);
        if (is_plane(s)) session_probe(s);
        example_chain(v, a);
        break;
    case SM_MODE_EDIT: {
        panel_edit(v, a, panel);
        sm_table t;
        sm_table_layout(a, L.main, &v->edit, NULL, edit_range(v), &t);
        for (int i = 0; i < v->k; i++) {
            int mx;
            if (ui_pad(ui, DRAG_LABELS[i], sm_table_z_cell(&t, i), &mx, NULL)) {
                const float z = sm_table_z_at(&t, mx);
                v->z[i] = fmaxf(-30.0f, fminf(30.0f, z / v->scale));
                v->shift_shown = 0;
            }
        }
        edit_chain(v);
        break;
    }
    default: {
        panel_picture(v, a, panel);
        pad_input(v, a, picture_layout(a, L.main).pad);
        picture_chain(v, a);
        break;
    }
    }
}

/* ---- drawing ---- */

static const char *const *class_names(const app *a)
{
    const nn_dataset *ds = lens_examples(&a->s);
    return ds && !ds->x ? ds->class_names : NULL;   /* images name their classes; 2-D sets number them */
}

static void status_line(app *a, SDL_Rect r, const char *text)
{
    char buf[300];
    snprintf(buf, sizeof buf, "%s", text);
    /* a long line loses words from its end rather than running out of the view */
    while (gfx_text_width(a->fonts, GFX_FONT_BOLD, buf) > r.w && strlen(buf) > 4) {
        char *sp = strrchr(buf, ' ');
        if (!sp) break;
        snprintf(sp, sizeof buf - (size_t)(sp - buf), "\xE2\x80\xA6");
    }
    gfx_text(a->fonts, GFX_FONT_BOLD, r.x, r.y, a->style.text, GFX_ALIGN_LEFT, buf);
}

static void message(app *a, SDL_Rect r, const char *text)
{
    gfx_text_wrap(a->fonts, GFX_FONT_BODY, (SDL_Rect){ r.x, r.y + px(a, 8), r.w, r.h }, a->style.text, text, 1);
}

static const char *not_ready(const app *a)
{
    if (a->s.loading) return "Loading the data ...";
    if (!lens_open(&a->s)) return a->s.error[0] ? a->s.error : "No network.";
    return "The Playground's network fits a curve (regression): it has no softmax. Choose a classifier on the "
           "left: a 2-D set with several classes, or the fashion pictures.";
}

static void draw_example(softmax_view *v, app *a, const sm_layout *L)
{
    const nn_dataset *ds = lens_examples(&a->s);
    char line[300];
    if (!ds || v->ex.k < 2) {
        status_line(a, L->status, "An example of the Playground's run");
        message(a, L->main, not_ready(a));
        return;
    }
    const char *const *names = class_names(a);
    const int truth = (int)ds->y[v->example];
    snprintf(line, sizeof line, "Dev example %d of %d: true %s, the network says %s (p = %.3f)",
             v->example + 1, ds->n, sm_class_name(names, truth), sm_class_name(names, v->ex.best),
             (double)v->ex.p[v->ex.best]);
    status_line(a, L->status, line);
    const char *note = v->sigmoid ? "This network has one sigmoid output z: sigmoid(z) is the softmax over (0, z)."
                                  : NULL;
    const SDL_Rect pr = v->pic_rect;
    if (is_plane(&a->s)) {
        int n_out = 0;
        float lo[2], hi[2];
        const float *logits = lens_plane_logits(&a->s, &n_out, lo, hi);
        if (pr.w > 0 && pr.h > 0) sm_draw_plane(v, a, pr, ds, logits, n_out, lo, hi);
        SDL_Rect chain, maps;
        example_split(a, L->main, v->ex.k, v->maps, &chain, &maps);
        sm_draw_chain(a, chain, &v->ex, names, 0.0f, note);
        if (v->maps) sm_draw_maps(v, a, maps, logits, n_out, ds->classes);
        return;
    }
    const int side = image_side(&a->s);
    if (side && pr.w > 0 && pr.h > 0) {
        int s = pr.w < pr.h ? pr.w : pr.h;
        s -= gfx_text_height(a->fonts, GFX_FONT_BOLD) + px(a, 8);
        if (s > px(a, 280)) s = px(a, 280);
        const SDL_Rect img = { pr.x + (pr.w - s) / 2, pr.y, s, s };
        const size_t at = (size_t)v->example * ds->d;
        sm_draw_grey(a, &v->tex_example, &v->tex_example_key, (lens_run_id(&a->s) << 24) + (uint64_t)v->example + 1,
                     img, ds->x8 ? NULL : ds->x + at, ds->x8 ? ds->x8 + at : NULL, side, side);
        gfx_rect_outline(a->r, img, 1, a->style.axis);
        snprintf(line, sizeof line, "true: %s", sm_class_name(names, truth));
        gfx_text(a->fonts, GFX_FONT_BOLD, img.x + img.w / 2, img.y + img.h + px(a, 4), a->style.text,
                 GFX_ALIGN_CENTER, line);
    }
    sm_draw_chain(a, L->main, &v->ex, names, 0.0f, note);
}

static void draw_edit(softmax_view *v, app *a, const sm_layout *L)
{
    char line[300], note[300];
    snprintf(line, sizeof line, "Your logits, %s %.2f: drag a z bar or type in the fields", TIMES, (double)v->scale);
    status_line(a, L->status, line);
    note[0] = '\0';
    if (v->shift_shown)
        snprintf(note, sizeof note, "+1 to every logit: every e^z and the sum grew %s2.718, p did not change "
                 "(the largest change of any p: %.1e).", TIMES, v->shift_change);
    else if (v->scale != 1.0f)
        snprintf(note, sizeof note, "Scale %s%.2f multiplies every logit (1 / temperature): %s",
                 TIMES, (double)v->scale, v->scale > 1.0f ? "a more confident p." : "a flatter, less sure p.");
    sm_draw_chain(a, L->main, &v->edit, NULL, edit_range(v), note);
}

static void draw_picture(softmax_view *v, app *a, const sm_layout *L)
{
    const pic_layout P = picture_layout(a, L->main);
    gfx_fonts *f = a->fonts;
    const SDL_Color text = a->style.text;
    const int cap_h = gfx_text_height(f, GFX_FONT_BOLD) + px(a, 4), cap_y = L->main.y;
    gfx_text(f, GFX_FONT_BOLD, P.pad.x, cap_y, text, GFX_ALIGN_LEFT,
             v->own.source == SM_SRC_FILE ? "Drawing pad (not used: a file is open)" : "Drawing pad 28 " TIMES " 28");
    sm_draw_grey(a, &v->tex_pad, &v->tex_pad_key, v->own.version * 2 + 1, P.pad, NULL, v->own.pad, SM_PAD, SM_PAD);
    gfx_rect_outline(a->r, P.pad, px(a, 2), a->style.axis);
    /* the original and the prepared input */
    const nn_image src = v->own.source == SM_SRC_FILE && v->own.file.px ? v->own.file : sm_pad_image(&v->own);
    SDL_Rect o = P.orig;
    if (src.w > 0 && src.h > 0) {   /* keep the picture's shape */
        if (src.w > src.h) o.h = (int)lround((double)o.w * src.h / src.w);
        else o.w = (int)lround((double)o.h * src.w / src.h);
    }
    gfx_text(f, GFX_FONT_BOLD, P.orig.x, P.orig.y - cap_h, text, GFX_ALIGN_LEFT, "Original");
    if (v->own.source == SM_SRC_FILE && v->own.file.px)
        sm_draw_grey(a, &v->tex_file, &v->tex_file_key, v->own.version * 2 + 1, o, NULL, src.px, src.w, src.h);
    else
        sm_draw_grey(a, &v->tex_file, &v->tex_file_key, v->own.version * 2, o, NULL, src.px, src.w, src.h);
    gfx_rect_outline(a->r, o, 1, a->style.axis);
    const nn_image_prep_info *in = &v->own.info;
    if (in->box_w > 0 && src.w > 0) {   /* the object's box, found by the preparation */
        const SDL_Rect box = { o.x + in->box_x * o.w / src.w, o.y + in->box_y * o.h / src.h,
                               in->box_w * o.w / src.w, in->box_h * o.h / src.h };
        gfx_rect_outline(a->r, box, px(a, 2), pal_category(1));
    }
    const int side = v->own.side > 0 ? v->own.side : SM_PAD;
    gfx_text(f, GFX_FONT_BOLD, P.prep.x, P.prep.y - cap_h, text, GFX_ALIGN_LEFT, "Input");
    gfx_text(f, GFX_FONT_TITLE, (o.x + o.w + P.prep.x) / 2, P.prep.y + P.prep.h / 2 - gfx_text_height(f, GFX_FONT_TITLE) / 2,
             text, GFX_ALIGN_CENTER, "\xE2\x86\x92");
    sm_draw_grey(a, &v->tex_input, &v->tex_input_key, v->own.prepared * 2 + 1, P.prep, v->own.input, NULL, side, side);
    gfx_rect_outline(a->r, P.prep, 1, a->style.axis);
    char steps[400];
    if (in->box_w > 0 && P.compact)
        snprintf(steps, sizeof steps, "grey, %s, cropped to %d " TIMES " %d, scaled to %d, centred by mass",
                 in->inverted ? "inverted" : "not inverted", in->box_w, in->box_h, side);
    else if (in->box_w > 0)
        snprintf(steps, sizeof steps,
                 "1. grey (%d " TIMES " %d)\n2. %s\n3. cropped to the object (%d " TIMES " %d, orange box)\n"
                 "4. scaled: the longer side fills %d\n5. centred by its mass",
                 src.w, src.h, in->inverted ? "light background: inverted" : "dark background: kept",
                 in->box_w, in->box_h, side);
    else
        snprintf(steps, sizeof steps, "Blank: draw with the mouse on the pad, or open a picture.");
    gfx_text_wrap(f, GFX_FONT_SMALL, P.steps, a->style.text_dim, steps, 1);
    char line[300];
    if (!image_side(&a->s)) {
        status_line(a, L->status, "Your picture");
        message(a, P.chain, a->s.loading ? "Loading the data ..."
                            : "The Playground's network is not an image network. Press Fashion images on the "
                              "left, then Play: after a few epochs it can read your drawing.");
        return;
    }
    if (!v->pic_ok) {
        status_line(a, L->status, "Your picture");
        message(a, P.chain, not_ready(a));
        return;
    }
    const char *const *names = class_names(a);
    if (sm_own_blank(&v->own))
        snprintf(line, sizeof line, "Draw on the pad: the network (epoch %d) guesses as you draw", lens_state(&a->s).epoch);
    else
        snprintf(line, sizeof line, "The network (epoch %d, update %ld) says %s, p = %.3f", lens_state(&a->s).epoch,
                 lens_state(&a->s).steps, sm_class_name(names, v->pic.best), (double)v->pic.p[v->pic.best]);
    status_line(a, L->status, line);
    sm_draw_chain(a, P.chain, &v->pic, names, 0.0f, NULL);
}

static void draw(void *self, view_ctx *ctx)
{
    softmax_view *v = self;
    app *a = ctx->app;
    const sm_layout L = layout_of(a, ctx->area);
    switch (a->softmax_mode) {
    case SM_MODE_EXAMPLE: draw_example(v, a, &L); break;
    case SM_MODE_EDIT: draw_edit(v, a, &L); break;
    default: draw_picture(v, a, &L); break;
    }
    if (a->softmax_mode == SM_MODE_PICTURE && v->own.error[0]) {
        const SDL_Rect box = { L.main.x, L.main.y + L.main.h - px(a, 70), L.main.w, px(a, 64) };
        gfx_fill_rect(a->r, box, a->style.bg);
        gfx_rect_outline(a->r, box, px(a, 2), (SDL_Color){ 200, 60, 40, 255 });
        gfx_text_wrap(a->fonts, GFX_FONT_BODY, (SDL_Rect){ box.x + px(a, 8), box.y + px(a, 4), box.w - px(a, 16), box.h },
                      a->style.text, v->own.error, 1);
    }
}

static int key(void *self, app *a, const SDL_KeyboardEvent *k)
{
    (void)self;
    session *s = &a->s;
    switch (k->keysym.sym) {
    case SDLK_SPACE: s->playing = !s->playing && (s->open || s->loading); return 1;
    case SDLK_s: session_step(s); return 1;
    case SDLK_r: session_reset(s); return 1;
    default: return 0;
    }
}

const view_def view_softmax = {
    .id = "softmax", .title = "Softmax", .tab = "Softmax",
    .teaches = "The output layer laid open: logits, e^z, their sum, the probabilities, the loss and the "
               "gradient p " MINUS " y; your own drawing classified by the network.",
    .create = create, .destroy = destroy, .update = update, .key = key, .draw = draw, .drop = drop,
};
