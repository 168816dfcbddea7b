/*******************************************************************************
*   view: playground - train a small network live and watch it learn
*   teaches: parameters vs hyperparameters, fitting, regularisation, and the
*            rest of the controls (lessons/01_parameters.lesson ...)
*   reads:   app->s (the session): its config, history, probes, state
*******************************************************************************/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/prim.h"
#include "nn/status.h"
#include "ui/ui.h"
#include "views/playground_draw.h"
#include "views/view.h"

typedef struct playground {
    pg_pictures pics;
    int tab;                 /* Data | Network | Training */
    char focus[24];          /* the lesson's highlighted control we last turned to */
} playground;

static void *create(app *a) { (void)a; return calloc(1, sizeof(playground)); }

static void destroy(void *self)
{
    playground *p = self;
    pg_pictures_free(&p->pics);
    free(p);
}

static int px(const app *a, float v) { return (int)(v * a->scale + 0.5f); }

/* The help sentence of a setting (the same text as nnlab-train --help). */
static const char *help_of(const char *name)
{
    int n;
    const nn_setting *s = nn_config_settings(&n);
    for (int i = 0; i < n; i++)
        if (strcmp(s[i].name, name) == 0) return s[i].help;
    return "";
}

/* Apply a change; a refused value becomes a message at the bottom. */
static void set(app *a, const char *name, const char *value)
{
    if (session_set(&a->s, name, value) != NN_OK) app_toast(a, "%s", nn_last_error());
}

static void setf(app *a, const char *name, const char *fmt, double v)
{
    char buf[48];
    snprintf(buf, sizeof buf, fmt, v);
    set(a, name, buf);
}

/* ---- the control panel: one tab each for data, network and training ---- */

static const char *data_name(int i) { return nn_data_name((nn_data_kind)i); }

static void panel_data(app *a)
{
    ui_context *ui = a->ui;
    const nn_config *c = &a->s.cfg;
    const char *names[NN_DATA_COUNT];
    for (int i = 0; i < NN_DATA_COUNT; i++) names[i] = data_name(i);
    int kind = c->data.kind;
    ui_layout_row(ui, 1, 0);
    if (ui_dropdown(ui, "Dataset", &kind, names, NN_DATA_COUNT)) set(a, "data", names[kind]);
    ui_tooltip(ui, help_of("data"));
    float noise = c->data.noise;
    if (ui_slider(ui, "Noise", &noise, 0.0f, 0.5f)) setf(a, "noise", "%.3f", noise);
    ui_tooltip(ui, help_of("noise"));
    int samples = c->data.samples;
    if (ui_number_int(ui, "Examples", &samples, 50, 5000, 50)) setf(a, "samples", "%.0f", samples);
    ui_tooltip(ui, help_of("samples"));
    if (c->data.kind == NN_DATA_SPIRAL) {
        int k = c->data.classes;
        if (ui_number_int(ui, "Classes", &k, 2, 8, 1)) setf(a, "classes", "%.0f", k);
        ui_tooltip(ui, help_of("classes"));
    }
    float train = c->data.split[0], dev = c->data.split[1];
    int changed = ui_slider(ui, "Training share", &train, 0.1f, 0.9f);
    ui_tooltip(ui, "Fraction of the examples the network learns from; the rest are split between dev and test.");
    changed |= ui_slider(ui, "Dev share", &dev, 0.0f, 0.5f);
    ui_tooltip(ui, "Fraction held out to choose hyperparameters: the network never trains on it.");
    if (changed) {
        if (train + dev > 1.0f) dev = 1.0f - train;
        char split[64];
        snprintf(split, sizeof split, "%.2f,%.2f,%.2f", train, dev, 1.0f - train - dev < 0 ? 0 : 1.0f - train - dev);
        set(a, "split", split);
    }
    float shift = c->data.shift;
    if (ui_slider(ui, "Dev/test shift", &shift, 0.0f, 2.0f)) setf(a, "shift", "%.2f", shift);
    ui_tooltip(ui, help_of("shift"));
}

static const char *act_name(int i)  { return nn_act_name((nn_act)i); }
static const char *init_name(int i) { return nn_init_name((nn_init)i); }

static void panel_network(app *a)
{
    ui_context *ui = a->ui;
    const nn_config *c = &a->s.cfg;
    ui_layout_row(ui, 1, 0);
    int layers = c->n_hidden;
    if (ui_number_int(ui, "Hidden layers", &layers, 0, 10, 1)) {
        char buf[128] = "none";
        int used = 0;
        for (int i = 0; i < layers; i++)
            used += snprintf(buf + used, sizeof buf - (size_t)used, i ? ",%d" : "%d",
                             i < c->n_hidden ? c->hidden[i] : (c->n_hidden ? c->hidden[c->n_hidden - 1] : 4));
        set(a, "layers", buf);
    }
    ui_tooltip(ui, "How many layers of neurons between input and output; more layers can bend the boundary more.");
    for (int l = 0; l < c->n_hidden && l < 6; l++) {
        char label[48];
        snprintf(label, sizeof label, "Neurons in layer %d", l + 1);
        int n = c->hidden[l];
        if (ui_number_int(ui, label, &n, 1, 64, 1)) {
            nn_config copy = *c;
            copy.hidden[l] = n;
            char buf[128];
            int used = 0;
            for (int i = 0; i < copy.n_hidden; i++)
                used += snprintf(buf + used, sizeof buf - (size_t)used, i ? ",%d" : "%d", copy.hidden[i]);
            set(a, "layers", buf);
        }
        ui_tooltip(ui, "Neurons in this hidden layer: each adds one more feature the network can build.");
    }
    const char *acts[NN_ACT_COUNT], *inits[NN_INIT_COUNT];
    for (int i = 0; i < NN_ACT_COUNT; i++) acts[i] = act_name(i);
    for (int i = 0; i < NN_INIT_COUNT; i++) inits[i] = init_name(i);
    int act = c->act, init = c->init;
    if (ui_dropdown(ui, "Activation", &act, acts, NN_ACT_COUNT)) set(a, "act", acts[act]);
    ui_tooltip(ui, help_of("act"));
    if (ui_dropdown(ui, "Initialization", &init, inits, NN_INIT_COUNT)) set(a, "init", inits[init]);
    ui_tooltip(ui, help_of("init"));
    float drop = c->dropout[0];
    if (ui_slider(ui, "Dropout", &drop, 0.0f, 0.9f)) setf(a, "dropout", "%.2f", drop);
    ui_tooltip(ui, help_of("dropout"));
    int bn = c->batchnorm;
    if (ui_switch(ui, "Batch norm", &bn)) set(a, "batchnorm", bn ? "on" : "off");
    ui_tooltip(ui, help_of("batchnorm"));
}

static const char *opt_name(int i)   { return nn_optim_name((nn_optim_kind)i); }
static const char *decay_name(int i) { return nn_decay_name((nn_decay)i); }

/* Batch sizes a teacher picks from: 1 (stochastic), powers of two, the whole set. */
static const char *const BATCHES[] = { "1", "2", "4", "8", "16", "32", "64", "128", "256", "all" };
enum { N_BATCHES = (int)(sizeof BATCHES / sizeof BATCHES[0]) };

static void panel_training(app *a)
{
    ui_context *ui = a->ui;
    const nn_config *c = &a->s.cfg;
    ui_layout_row(ui, 1, 0);
    float lr = c->train.lr;
    if (ui_slider_log(ui, "Learning rate", &lr, 1e-4f, 10.0f)) setf(a, "lr", "%.4g", lr);
    ui_tooltip(ui, help_of("lr"));
    char cur[16];
    nn_config_get(c, "batch", cur, sizeof cur);
    int b = N_BATCHES - 1;
    for (int i = 0; i < N_BATCHES; i++) if (strcmp(BATCHES[i], cur) == 0) b = i;
    if (ui_dropdown(ui, "Batch size", &b, BATCHES, N_BATCHES)) set(a, "batch", BATCHES[b]);
    ui_tooltip(ui, help_of("batch"));
    const char *opts[NN_OPT_COUNT], *decays[NN_DECAY_COUNT];
    for (int i = 0; i < NN_OPT_COUNT; i++) opts[i] = opt_name(i);
    for (int i = 0; i < NN_DECAY_COUNT; i++) decays[i] = decay_name(i);
    int opt = c->train.optim.kind;
    if (ui_dropdown(ui, "Optimizer", &opt, opts, NN_OPT_COUNT)) set(a, "opt", opts[opt]);
    ui_tooltip(ui, help_of("opt"));
    if (opt != NN_OPT_SGD) {
        float beta = c->train.optim.beta;
        if (ui_slider(ui, opt == NN_OPT_ADAM ? "Beta 1" : "Beta", &beta, 0.0f, 0.999f)) setf(a, "beta", "%.3f", beta);
        ui_tooltip(ui, help_of("beta"));
    }
    if (opt == NN_OPT_ADAM) {
        float beta2 = c->train.optim.beta2;
        if (ui_slider(ui, "Beta 2", &beta2, 0.9f, 0.9999f)) setf(a, "beta2", "%.4f", beta2);
        ui_tooltip(ui, help_of("beta2"));
    }
    float l2 = c->train.l2;
    if (ui_slider(ui, "L2 lambda", &l2, 0.0f, 5.0f)) setf(a, "l2", "%.3f", l2);
    ui_tooltip(ui, help_of("l2"));
    int decay = c->train.decay.kind;
    if (ui_dropdown(ui, "LR decay", &decay, decays, NN_DECAY_COUNT)) set(a, "decay", decays[decay]);
    ui_tooltip(ui, help_of("decay"));
    if (decay != NN_DECAY_NONE && decay != NN_DECAY_STEP) {
        float k = c->train.decay.rate;
        if (ui_slider_log(ui, "Decay rate", &k, 1e-3f, 10.0f)) setf(a, "decay-rate", "%.4g", k);
        ui_tooltip(ui, help_of("decay-rate"));
    }
    int early = c->train.early_stop;
    if (ui_number_int(ui, "Early stop (0 = off)", &early, 0, 200, 5)) setf(a, "early-stop", "%.0f", early);
    ui_tooltip(ui, help_of("early-stop"));
    int norm = c->train.normalize;
    if (ui_switch(ui, "Normalize inputs", &norm)) set(a, "normalize", norm ? "on" : "off");
    ui_tooltip(ui, help_of("normalize"));
}

/* ---- the toolbar: play, step, reset, speed, counters ---- */

static void toolbar(app *a, SDL_Rect r)
{
    ui_context *ui = a->ui;
    session *s = &a->s;
    ui_layout_begin(ui, r);
    const int widths[7] = { px(a, 84), px(a, 64), px(a, 72), px(a, 70), px(a, 100), px(a, 36), px(a, 36) };
    ui_layout_row_widths(ui, 7, widths, (int)(r.h / a->scale));
    if (ui_button(ui, s->playing ? "Pause" : "Play")) s->playing = !s->playing && s->open;
    ui_tooltip(ui, "Start or stop training (Space).");
    if (ui_button(ui, "Step")) session_step(s);
    ui_tooltip(ui, "One update from one mini-batch (S or Right arrow).");
    if (ui_button(ui, "Epoch")) session_epoch(s);
    ui_tooltip(ui, "Train to the end of the current pass over the training set (E).");
    if (ui_button(ui, "Reset")) session_reset(s);
    ui_tooltip(ui, "Back to the same initial weights and data order (R): replays exactly.");
    if (ui_button(ui, "New seed")) session_new_seed(s);
    ui_tooltip(ui, "New random data and new initial weights (N).");
    if (ui_button(ui, "-") && s->speed > 1) s->speed /= 2;
    ui_tooltip(ui, "Slower: fewer updates per frame (-).");
    if (ui_button(ui, "+") && s->speed < 4096) s->speed *= 2;
    ui_tooltip(ui, "Faster: more updates per frame (+). The speed is shown as updates per frame.");
    (void)s;
}

/* ---- update and draw ---- */

static void update(void *self, view_ctx *ctx)
{
    playground *p = self;
    app *a = ctx->app;
    session_advance(&a->s, 0.006);          /* ~6 ms of training per frame keeps 60 fps */
    const SDL_Rect area = ctx->area;
    const int pw = px(a, 330);
    toolbar(a, (SDL_Rect){ area.x + pw + px(a, 8), area.y + px(a, 6), area.w - pw - px(a, 16), px(a, 40) });
    ui_panel(a->ui, (SDL_Rect){ area.x, area.y, pw, area.h }, NULL);
    /* A lesson highlighting a control: open the tab that holds it (once per change). */
    if (strcmp(a->lesson_focus, p->focus) != 0) {
        static const char *const network[] = { "layers", "act", "init", "dropout", "batchnorm" };
        static const char *const data[] = { "data", "noise", "samples", "classes", "shift" };
        snprintf(p->focus, sizeof p->focus, "%s", a->lesson_focus);
        for (size_t i = 0; i < sizeof network / sizeof network[0]; i++) if (!strcmp(p->focus, network[i])) p->tab = 1;
        for (size_t i = 0; i < sizeof data / sizeof data[0]; i++) if (!strcmp(p->focus, data[i])) p->tab = 0;
        if (p->focus[0] && p->tab != 1 && p->tab != 0) p->tab = 2;
        if (!strcmp(p->focus, "lr") || !strcmp(p->focus, "batch") || !strcmp(p->focus, "opt") ||
            !strcmp(p->focus, "l2") || !strcmp(p->focus, "decay")) p->tab = 2;
    }
    static const char *const tabs[] = { "Data", "Network", "Training" };
    ui_layout_row(a->ui, 1, 0);
    ui_tabs(a->ui, "playground tabs", tabs, 3, &p->tab);
    ui_layout_space(a->ui, 6);
    if (p->tab == 0) panel_data(a);
    else if (p->tab == 1) panel_network(a);
    else panel_training(a);
}

static void banner(app *a, SDL_Rect r, const char *text)
{
    const SDL_Color warn = { 200, 60, 40, 255 };
    const int h = gfx_text_wrap(a->fonts, GFX_FONT_BODY, (SDL_Rect){ r.x + px(a, 12), r.y, r.w - px(a, 24), r.h }, warn, text, 0);
    const SDL_Rect box = { r.x, r.y, r.w, h + px(a, 16) };
    gfx_fill_rect(a->r, box, a->style.bg);
    gfx_rect_outline(a->r, box, px(a, 2), warn);
    gfx_text_wrap(a->fonts, GFX_FONT_BODY, (SDL_Rect){ r.x + px(a, 12), r.y + px(a, 8), r.w - px(a, 24), h },
                  a->style.text, text, 1);
}

static void draw(void *self, view_ctx *ctx)
{
    playground *p = self;
    app *a = ctx->app;
    const SDL_Rect area = ctx->area;
    const int pw = px(a, 330), top = px(a, 52), gap = px(a, 16);
    const SDL_Rect main = { area.x + pw + gap, area.y + top, area.w - pw - 2 * gap, area.h - top - gap };
    /* Network on the left 45%; output and curves on the right. */
    const int net_w = main.w * 45 / 100;
    const SDL_Rect net = { main.x + px(a, 24), main.y + px(a, 24), net_w - px(a, 32), main.h - px(a, 32) };
    const int right_x = main.x + net_w + gap, right_w = main.w - net_w - gap;
    const int out_h = main.h * 52 / 100;
    /* Counters over the output: where the eye goes while training runs. */
    const nn_trainer_state st = session_state(&a->s);
    char line[128];
    snprintf(line, sizeof line, "Epoch %d · %ld updates · %ld examples seen", st.epoch, st.steps, st.examples);
    if (gfx_text_width(a->fonts, GFX_FONT_BOLD, line) > right_w)
        snprintf(line, sizeof line, "Epoch %d · %ld updates", st.epoch, st.steps);
    gfx_text(a->fonts, GFX_FONT_BOLD, right_x + right_w / 2, main.y, a->style.text, GFX_ALIGN_CENTER, line);
    const int line_h = gfx_text_height(a->fonts, GFX_FONT_BOLD) + px(a, 4);
    const SDL_Rect out = { right_x, main.y + line_h, right_w, out_h - line_h };
    const SDL_Rect curves = { right_x, main.y + out_h + gap, right_w, main.h - out_h - gap };
    const SDL_Rect loss = { curves.x, curves.y, curves.w / 2 - gap / 2, curves.h };
    const SDL_Rect acc = { curves.x + curves.w / 2 + gap / 2, curves.y, curves.w / 2 - gap / 2, curves.h };
    session *s = &a->s;
    session_probe(s);
    pg_draw_network(&p->pics, a, net);
    pg_draw_output(&p->pics, a, out);
    if (s->run.train.classes) pg_draw_curves(a, loss, acc);
    else pg_draw_curves(a, curves, (SDL_Rect){ 0, 0, 0, 0 });
    char msg[400];
    if (s->error[0]) {
        snprintf(msg, sizeof msg, "This network cannot be built: %s", s->error);
        banner(a, (SDL_Rect){ main.x, main.y, main.w, main.h }, msg);
    } else if (session_state(s).diverged) {
        snprintf(msg, sizeof msg, "Training %s. The learning rate is probably too large: lower it, then press Reset (R).",
                 session_state(s).why);
        banner(a, (SDL_Rect){ main.x, main.y, main.w, main.h }, msg);
    }
    pg_draw_hover(&p->pics, a);
}

static int key(void *self, app *a, const SDL_KeyboardEvent *k)
{
    (void)self;
    session *s = &a->s;
    switch (k->keysym.sym) {
    case SDLK_SPACE: s->playing = !s->playing && s->open; return 1;
    case SDLK_s: case SDLK_RIGHT: session_step(s); return 1;
    case SDLK_e: session_epoch(s); return 1;
    case SDLK_r: session_reset(s); return 1;
    case SDLK_n: session_new_seed(s); return 1;
    case SDLK_PLUS: case SDLK_EQUALS: case SDLK_KP_PLUS: if (s->speed < 4096) s->speed *= 2; return 1;
    case SDLK_MINUS: case SDLK_KP_MINUS: if (s->speed > 1) s->speed /= 2; return 1;
    default: return 0;
    }
}

const view_def view_playground = {
    .id = "playground", .title = "Playground",
    .teaches = "Train a network live: what training changes (weights) and what you choose (everything on the left).",
    .create = create, .destroy = destroy, .update = update, .key = key, .draw = draw,
};
