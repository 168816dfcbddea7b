/*******************************************************************************
*   view: layers - inside the network: gradients, activations, weights per layer
*   teaches: vanishing and exploding gradients, weight initialisation and
*            batch normalisation (issue 12's lessons)
*   reads:   the Playground's live run through the lens (shell/lens.h): the
*            same session, so a change here is a change there and Play in
*            either trains both. Changes go through session_apply.
*******************************************************************************/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/prim.h"
#include "nn/status.h"
#include "shell/app.h"
#include "shell/lens.h"
#include "ui/ui.h"
#include "views/layers_draw.h"
#include "views/run_keys.h"
#include "views/lens_frame.h"
#include "views/view.h"

#define MAX_DEPTH NN_CONFIG_MAX_HIDDEN

typedef struct layers_view {
    int kind;                           /* which histograms (LH_*) */
    int first[LH_COUNT];                /* each tab's first cell shown (pages) */
    layers_cache *cache;                /* histograms and weight pictures, kept while the weights stay */
    const char *act_items[NN_ACT_COUNT], *init_items[NN_INIT_COUNT];
} layers_view;

static const char *const CLIP_ITEMS[] = { "off", "0.1", "1", "5", "100" };
enum { N_CLIP = (int)(sizeof CLIP_ITEMS / sizeof CLIP_ITEMS[0]) };
static const char *const KIND_TABS[LH_COUNT] = { "Activations", "Inputs z", "Weights", "Gradients", "Batch norm" };
static const char *const KIND_TABS_SHORT[LH_COUNT] = { "Act.", "In z", "Wts", "Grads", "BN" };

static void *create(app *a)
{
    layers_view *v = calloc(1, sizeof *v);
    if (!v) return NULL;
    v->cache = layers_cache_create();
    if (!v->cache) { free(v); return NULL; }
    if (lens_config(&a->s)->batchnorm) v->kind = LH_BATCHNORM;   /* opened on a normalised network: its statistics */
    for (int i = 0; i < NN_ACT_COUNT; i++) v->act_items[i] = nn_act_name((nn_act)i);
    for (int i = 0; i < NN_INIT_COUNT; i++) v->init_items[i] = nn_init_name((nn_init)i);
    return v;
}
static void destroy(void *self)
{
    layers_view *v = self;
    if (v) layers_cache_destroy(v->cache);
    free(v);
}
static int px(const app *a, float v) { return (int)(v * a->scale + 0.5f); }

/* Apply settings together (one rebuild); a refusal becomes a message. */
static void apply(app *a, const char **names, const char **values, int n)
{
    if (session_apply(&a->s, names, values, n, 1) != NN_OK) app_toast(a, "%s", nn_last_error());
}

/* "W,W,...,W" with `depth` items (depth 0: "none"). */
static void layer_list(char *buf, size_t len, int depth, int width)
{
    if (depth <= 0) { snprintf(buf, len, "none"); return; }
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < depth && used < len; i++) used += (size_t)snprintf(buf + used, len - used, i ? ",%d" : "%d", width);
}

/* The widest hidden layer of the 2-D network (its "width"). */
static int width_of(const nn_config *c)
{
    int w = 0;
    for (int i = 0; i < c->n_hidden; i++) if (c->hidden[i] > w) w = c->hidden[i];
    return w > 0 ? w : 8;
}

/* ---- layout ---------------------------------------------------------------------------------- */
typedef struct ly_layout { SDL_Rect panel, tools, lines, bars, tabs, hists, count; } ly_layout;

/* The Playground's toolbar: Play, Step, Epoch, Reset, New seed, -, + (New
 * seed only when all fit: N still does it). */
static const int TOOL_W[7] = { 84, 64, 72, 70, 100, 36, 36 };
static const int TOOL_W_SHORT[6] = { 84, 64, 72, 70, 36, 36 };
enum { TOOL_H = 40, PAGER_W = 124 };

static int tools_fit_all(const app *a, int w)
{
    int need = 0;
    for (int i = 0; i < 7; i++) need += px(a, TOOL_W[i] + 6);
    return need <= w;
}

static ly_layout layout_of(const app *a, SDL_Rect area)
{
    ly_layout L;
    memset(&L, 0, sizeof L);
    const lens_frame F = lens_frame_of(a, area, TOOL_H, 4);
    L.panel = F.panel;
    L.tools = F.tools;
    L.count = F.status;
    const int gap = F.gap, x = F.x, w = F.w, top = F.top, bottom = F.bottom, h = bottom - top;
    const int gh = h * 48 / 100;
    const int bw = w * 30 / 100;
    L.lines = (SDL_Rect){ x, top, w - bw - gap, gh };
    L.bars = (SDL_Rect){ x + w - bw, top, bw, gh };
    const int row = px(a, UI_ROW_HEIGHT);
    L.tabs = (SDL_Rect){ x, top + gh + gap / 2, w, row };
    L.hists = (SDL_Rect){ x, L.tabs.y + row + gap / 2, w, bottom - (L.tabs.y + row + gap / 2) };
    return L;
}

/* ---- widgets ------------------------------------------------------------------------------ */
static void panel(app *a, layers_view *v, SDL_Rect r)
{
    ui_context *ui = a->ui;
    const nn_config *c = lens_config(&a->s);
    const int spec = c->layers[0] != '\0';   /* a layer spec (images): depth and width are the spec's */
    /* the title, shorter when the panel is narrow (a projector's zoom) */
    ui_panel(ui, r, gfx_text_width(a->fonts, GFX_FONT_TITLE, "Inside the network") + px(a, 24) <= r.w ? "Inside the network" : "Inside");
    ui_layout_row(ui, 1, 0);
    int depth = c->n_hidden, width = width_of(c);
    if (spec) ui_push_disabled(ui);
    if (ui_number_int(ui, "Hidden layers", &depth, 0, MAX_DEPTH, 1)) {
        char buf[NN_CONFIG_TEXT];
        layer_list(buf, sizeof buf, depth, width);
        const char *n[] = { "layers" }, *val[] = { buf };
        apply(a, n, val, 1);
    }
    ui_tooltip(ui, "How many hidden layers (depth). Deep sigmoid networks with small weights barely "
                   "train their first layers: watch the gradient lines spread apart.");
    if (ui_number_int(ui, "Width", &width, 1, 64, 1)) {
        char buf[NN_CONFIG_TEXT];
        layer_list(buf, sizeof buf, depth, width);
        const char *n[] = { "layers" }, *val[] = { buf };
        apply(a, n, val, 1);
    }
    ui_tooltip(ui, "The width of every hidden layer.");
    if (spec) ui_pop_disabled(ui);
    int act = (int)c->act;
    if (ui_dropdown(ui, "Activation", &act, v->act_items, NN_ACT_COUNT)) {
        const char *n[] = { "act" }, *val[] = { v->act_items[act] };
        apply(a, n, val, 1);
    }
    ui_tooltip(ui, "The hidden layers' activation. Sigmoid's slope is at most 0.25: each layer "
                   "multiplies the gradient by it on the way back.");
    int init = (int)c->init;
    if (ui_dropdown(ui, "Initialization", &init, v->init_items, NN_INIT_COUNT)) {
        const char *n[] = { "init" }, *val[] = { v->init_items[init] };
        apply(a, n, val, 1);
    }
    ui_tooltip(ui, "How the weights start: zeros keeps every neuron of a layer identical; small "
                   "shrinks the signal layer by layer; Xavier suits tanh, He suits ReLU.");
    int clip = 0;
    for (int i = 1; i < N_CLIP; i++) if (c->train.clip == (float)atof(CLIP_ITEMS[i])) clip = i;
    if (ui_dropdown(ui, "Gradient clipping", &clip, CLIP_ITEMS, N_CLIP)) {
        const char *n[] = { "clip" }, *val[] = { clip ? CLIP_ITEMS[clip] : "0" };
        apply(a, n, val, 1);
    }
    ui_tooltip(ui, "Scale the whole gradient down when its norm exceeds this: a remedy for exploding gradients.");
    int bn = c->batchnorm;
    if (spec) ui_push_disabled(ui);
    if (ui_switch(ui, "Batch norm", &bn)) {
        const char *n[] = { "batchnorm" }, *val[] = { bn ? "on" : "off" };
        apply(a, n, val, 1);
    }
    if (spec) ui_pop_disabled(ui);
    ui_tooltip(ui, "Normalise each hidden layer's inputs over the mini-batch, then scale by \xCE\xB3 and shift by \xCE\xB2.");
    ui_layout_space(ui, 6);
    ui_layout_row(ui, 1, -1);
    static char text[600];
    snprintf(text, sizeof text,
             "Lines: the size of each layer's gradient **||\xE2\x88\x82J/\xE2\x88\x82W||** at every update "
             "(log scale), dark = near the input, yellow = the output.\n\n"
             "**Vanishing** (blue): under %g of the output layer's gradient, the layer barely moves. "
             "**Exploding** (red): above %g, one step throws the weights far away.\n\n"
             "Flat ends (red) of the sigmoid (a < %g or > %g) and tanh (|a| > %g) histograms: slope near 0.",
             LAYERS_VANISH_REL, LAYERS_EXPLODE_ABS, (double)LAYERS_SAT_SIGMOID, 1.0 - LAYERS_SAT_SIGMOID,
             (double)LAYERS_SAT_TANH);
    static int scroll;
    ui_text_panel(ui, "layers notes", text, &scroll);
}

static void update(void *self, view_ctx *ctx)
{
    layers_view *v = self;
    app *a = ctx->app;
    session_advance(&a->s, 0.006);          /* the Playground's run: Play here trains it too */
    const ly_layout L = layout_of(a, ctx->area);
    ui_context *ui = a->ui;
    ui_layout_begin(ui, L.tools);
    const int all = tools_fit_all(a, L.tools.w);
    if (all) ui_layout_row_widths(ui, 7, TOOL_W, TOOL_H);
    else ui_layout_row_widths(ui, 6, TOOL_W_SHORT, TOOL_H);
    session *s = &a->s;
    if (ui_button(ui, s->playing ? "Pause" : "Play")) s->playing = !s->playing && (s->open || s->loading);
    ui_tooltip(ui, "Start or stop training the Playground's network: this view looks inside the same run (Space).");
    if (ui_button(ui, "Step")) session_step(s);
    ui_tooltip(ui, "One update from one mini-batch (S or Right arrow).");
    if (ui_button(ui, "Epoch")) session_epoch(s);
    ui_tooltip(ui, "Train to the end of the current pass over the training set (E).");
    if (ui_button(ui, "Reset")) session_reset(s);
    ui_tooltip(ui, "Back to the same initial weights (R).");
    if (all) {
        if (ui_button(ui, "New seed")) session_new_seed_async(s);
        ui_tooltip(ui, "New random data and new initial weights (N).");
    }
    if (ui_button(ui, "-")) run_keys_speed(a, 0);
    ui_tooltip(ui, "Slower: fewer updates per frame (-).");
    if (ui_button(ui, "+")) run_keys_speed(a, 1);
    ui_tooltip(ui, "Faster: more updates per frame (+). The speed is shown above the plots as updates per frame.");
    panel(a, v, L.panel);
    /* the tabs, and beside them the pages when the layers do not all fit */
    const int n = layers_cell_count(a, v->kind), per = layers_cells_per_page(a, L.hists, v->kind, n);
    int *first = &v->first[v->kind];
    if (*first > n - per) *first = n - per;
    if (*first < 0) *first = 0;
    SDL_Rect tabs = L.tabs;
    if (per < n) tabs.w -= px(a, PAGER_W);
    ui_layout_begin(ui, tabs);
    ui_layout_row(ui, 1, (int)(L.tabs.h / a->scale));
    int tab_need = 0;   /* the long names when they fit */
    for (int i = 0; i < LH_COUNT; i++) tab_need += gfx_text_width(a->fonts, GFX_FONT_BODY, KIND_TABS[i]) + px(a, 16);
    ui_tabs(ui, "layers histograms", tab_need <= tabs.w ? KIND_TABS : KIND_TABS_SHORT, LH_COUNT, &v->kind);
    ui_tooltip(ui, "Per layer: the activations (after the activation function), their inputs z (before it), "
                   "the weights (line: the spread the initialiser aims for), the gradients, batch norm's statistics.");
    if (per < n) {
        ui_layout_begin(ui, (SDL_Rect){ tabs.x + tabs.w + px(a, 4), L.tabs.y, px(a, PAGER_W) - px(a, 4), L.tabs.h });
        static const int PW[3] = { 32, 0, 32 };
        ui_layout_row_widths(ui, 3, PW, (int)(L.tabs.h / a->scale));
        if (ui_button(ui, "<##layers page")) *first = *first - per > 0 ? *first - per : 0;
        ui_tooltip(ui, "The layers before these (nearer the input). The numbers between: which of how many cells are shown.");
        ui_layout_next(ui);   /* "L1-8 / 21", drawn in draw() */
        if (ui_button(ui, ">##layers page")) *first = *first + per < n ? *first + per : *first;
        ui_tooltip(ui, "The layers after these (nearer the output).");
    }
}

static void draw(void *self, view_ctx *ctx)
{
    layers_view *v = self;
    app *a = ctx->app;
    const ly_layout L = layout_of(a, ctx->area);
    const nn_trainer_state st = lens_state(&a->s);
    char line[240];
    const nn_config *c = lens_config(&a->s);
    char layers[64];
    nn_config_get(c, "layers", layers, sizeof layers);
    snprintf(line, sizeof line, "%d hidden \xC2\xB7 %s \xC2\xB7 %s init \xC2\xB7 update %ld \xC2\xB7 epoch %d \xC2\xB7 speed %d/frame",
             c->layers[0] ? 0 : c->n_hidden, nn_act_name(c->act), nn_init_name(c->init), st.steps, st.epoch, a->s.speed);
    if (gfx_text_width(a->fonts, GFX_FONT_BOLD, line) > L.count.w)
        snprintf(line, sizeof line, "update %ld \xC2\xB7 epoch %d \xC2\xB7 speed %d/frame", st.steps, st.epoch, a->s.speed);
    if (gfx_text_width(a->fonts, GFX_FONT_BOLD, line) > L.count.w)
        snprintf(line, sizeof line, "update %ld \xC2\xB7 speed %d", st.steps, a->s.speed);
    gfx_text(a->fonts, GFX_FONT_BOLD, L.count.x, L.count.y, a->style.text, GFX_ALIGN_LEFT, line);
    if (!lens_open(&a->s)) {
        const char *why = a->s.loading ? "Loading the data ..." : a->s.error[0] ? a->s.error : "No network";
        gfx_text_wrap(a->fonts, GFX_FONT_BODY, L.lines, a->style.text, why, 1);
        return;
    }
    layers_draw_grads(a, L.lines, L.bars);
    const int n = layers_cell_count(a, v->kind), per = layers_cells_per_page(a, L.hists, v->kind, n);
    const int first = v->first[v->kind] < n - per ? v->first[v->kind] : n - per;
    layers_draw_hists(a, v->cache, L.hists, v->kind, first);
    if (per < n) {   /* the page between its buttons: "L1-8 / 21" */
        if (per == 1) snprintf(line, sizeof line, "%d of %d", first + 1, n);
        else snprintf(line, sizeof line, "%d\xE2\x80\x93%d of %d", first + 1, first + per, n);
        const int mid = L.tabs.x + L.tabs.w - px(a, PAGER_W) / 2 + px(a, 2);
        gfx_text(a->fonts, GFX_FONT_SMALL, mid, L.tabs.y + (L.tabs.h - gfx_text_height(a->fonts, GFX_FONT_SMALL)) / 2,
                 a->style.text, GFX_ALIGN_CENTER, line);
    }
    if (st.diverged) {
        snprintf(line, sizeof line, "Training %s: the gradients exploded. Lower the rate or clip, then Reset (R).", st.why);
        /* over the top of the histograms: the gradient plot above shows where it blew up */
        const SDL_Rect box = { L.hists.x, L.hists.y, L.hists.w, gfx_text_height(a->fonts, GFX_FONT_BODY) * 3 };
        gfx_fill_rect(a->r, box, a->style.bg);
        gfx_rect_outline(a->r, box, px(a, 2), (SDL_Color){ 200, 60, 40, 255 });
        gfx_text_wrap(a->fonts, GFX_FONT_BODY, (SDL_Rect){ box.x + px(a, 8), box.y + px(a, 4), box.w - px(a, 16), box.h },
                      a->style.text, line, 1);
    }
}

/* The Playground's keys (views/run_keys.h): Space, S, E, R, N, + and -. */
static int key(void *self, app *a, const SDL_KeyboardEvent *k)
{
    (void)self;
    return run_keys(a, k);
}

const view_def view_layers = {
    .id = "layers", .title = "Inside the network", .tab = "Inside",
    .teaches = "Inside the Playground's network: gradient sizes per layer (vanishing, exploding), "
               "activations, weights, initialisation and batch norm.",
    .create = create, .destroy = destroy, .update = update, .key = key, .draw = draw,
};
