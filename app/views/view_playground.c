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
#include "views/playground_export.h"
#include "views/playground_images.h"
#include "views/playground_regular.h"
#include "views/run_keys.h"
#include "views/view.h"

/* The network an image set starts with (measured with the default SGD 0.1,
 * batch 32, one BLAS thread, frames of 1280x720 at 60 Hz with 6 ms of
 * training each):
 * - fashion-small: 4 convolution filters of 3x3, 2x2 max-pooling, 32
 *   neurons (25,490 parameters): 0.5 ms an update, 12 ms to measure the
 *   three sets at an epoch's end; about 85% dev accuracy after 2 s of Play.
 * - fashion (10,000 training images): one dense layer of 128 (101,770
 *   parameters). An epoch's end measures 30,000 images (train, dev and the
 *   10,000 test images): about 90 ms for this network against 280 ms for
 *   the convolution, a pause the class would see every second. About 85%
 *   dev accuracy after 5 s. */
#define PG_SMALL_LAYERS "c4k3,p2,32"
#define PG_FULL_LAYERS "128"
/* Training images for the full set: enough to beat fashion-small, few enough
 * that an epoch (and its measurement) stays short. */
#define PG_FASHION_LIMIT "10000"

typedef struct playground {
    pg_pictures pics;
    pg_images imgs;
    int tab;                 /* Data | Network | Training */
    int show_panel;          /* a window narrow for its zoom: 1 while the controls are shown (Pictures | Controls) */
    char focus[24];          /* the lesson's highlighted control we last turned to */
    uint64_t notice_seen;    /* the session's last notice shown as a toast */
    /* The 2-D network, restored when the data go back from images to points. */
    char layers_2d[NN_CONFIG_TEXT], dropout_2d[64], batchnorm_2d[8];
    char custom_layers[NN_CONFIG_TEXT];   /* the layer spec when it is none of the presets */
    char custom_limit[32];                /* the train limit when it is none of the presets */
    /* Dropdown items: the open list is drawn at ui_end, after the panel returned. */
    const char *data_items[NN_DATA_COUNT + NN_IMAGES_COUNT];
    const char *limit_items[8], *layer_items[8];
    const char *scale_items[8];
    char custom_scale[64];                /* feature-scale when it is none of the presets */
} playground;

static void *create(app *a) { (void)a; return calloc(1, sizeof(playground)); }

static void destroy(void *self)
{
    playground *p = self;
    pg_pictures_free(&p->pics);
    pg_images_free(&p->imgs);
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

/* Apply a change (image runs reopen on a worker thread); a refused value
 * becomes a message at the bottom. */
static void set(app *a, const char *name, const char *value)
{
    if (session_set_async(&a->s, name, value) != NN_OK) app_toast(a, "%s", nn_last_error());
}

static void setf(app *a, const char *name, const char *fmt, double v)
{
    char buf[48];
    snprintf(buf, sizeof buf, fmt, v);
    set(a, name, buf);
}

/* ---- the control panel: one tab each for data, network and training ---- */

/* The 2-D sets, then the image sets: the names "data" accepts. */
static const char *data_name(int i)
{
    return i < NN_DATA_COUNT ? nn_data_name((nn_data_kind)i) : nn_images_name((nn_images_kind)(i - NN_DATA_COUNT));
}

static const char *image_layers(const char *set)
{
    return strcmp(set, "fashion") == 0 ? PG_FULL_LAYERS : PG_SMALL_LAYERS;
}

/* A new dataset. Going from points to images switches to the image set's
 * network (unless the learner chose another one for images) and training
 * limit; going back restores the 2-D network. One rebuild for all of it. */
static void choose_data(app *a, playground *p, const char *name)
{
    const nn_config *c = &a->s.cfg;
    const int was_images = nn_config_is_images(c), images = nn_images_from_name(name) >= 0;
    char layers[NN_CONFIG_TEXT];
    nn_config_get(c, "layers", layers, sizeof layers);
    const char *names[6], *values[6];
    int n = 0;
    names[n] = "data"; values[n++] = name;
    if (images && !was_images) {
        snprintf(p->layers_2d, sizeof p->layers_2d, "%s", layers);
        nn_config_get(c, "dropout", p->dropout_2d, sizeof p->dropout_2d);
        nn_config_get(c, "batchnorm", p->batchnorm_2d, sizeof p->batchnorm_2d);
    }
    if (images && (!was_images || strcmp(layers, image_layers(nn_config_data_name(c))) == 0)) {
        names[n] = "layers"; values[n++] = image_layers(name);
        names[n] = "dropout"; values[n++] = "0";          /* a layer spec writes dropout as dX items */
        names[n] = "batchnorm"; values[n++] = "off";
    }
    if (images) { names[n] = "train-limit"; values[n++] = strcmp(name, "fashion") == 0 ? PG_FASHION_LIMIT : "all"; }
    if (!images && was_images) {
        names[n] = "layers"; values[n++] = p->layers_2d[0] ? p->layers_2d : "16,16";
        names[n] = "augment"; values[n++] = "none";       /* augmentation is for images only */
        if (p->dropout_2d[0]) { names[n] = "dropout"; values[n++] = p->dropout_2d; }
        if (p->batchnorm_2d[0]) { names[n] = "batchnorm"; values[n++] = p->batchnorm_2d; }
    }
    if (session_apply(&a->s, names, values, n, 1) != NN_OK) app_toast(a, "%s", nn_last_error());
}

/* Augmentation switches: one transform each, at a classroom-sized amount. */
static const struct { const char *label, *item; nn_aug_kind kind; } AUGMENTS[] = {
    { "Rotate up to 15\xC2\xB0", "rotate=15", NN_AUG_ROTATE },
    { "Shift up to 2 px", "shift=2", NN_AUG_SHIFT },
    { "Mirror left-right", "flip-h=0.5", NN_AUG_FLIP_H },
    { "Cut out 8x8 px", "cutout=8", NN_AUG_CUTOUT },
};

static void toggle_augment(app *a, nn_aug_kind kind, const char *item, int on)
{
    nn_augment_desc d = a->s.cfg.train.augment, one;
    if (nn_augment_parse(item, &one) != NN_OK) return;
    d.amount[kind] = on ? one.amount[kind] : 0.0f;
    d.prob[kind] = on ? one.prob[kind] : 0.0f;
    char spec[256];
    nn_augment_format(&d, spec, sizeof spec);
    set(a, "augment", spec);
}

/* 12345 -> "12,345". */
static void thousands(int v, char *out, size_t n)
{
    char digits[24];
    snprintf(digits, sizeof digits, "%d", v);
    const int len = (int)strlen(digits);
    size_t o = 0;
    for (int i = 0; i < len && o + 2 < n; i++) {
        if (i > 0 && digits[i - 1] != '-' && (len - i) % 3 == 0) out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

/* Training-set sizes a teacher picks from for images. */
static const char *const LIMITS[] = { "500", "1000", "2000", "5000", "10000", "20000", "all" };
enum { N_LIMITS = (int)(sizeof LIMITS / sizeof LIMITS[0]) };

static void panel_images(app *a, playground *p)
{
    ui_context *ui = a->ui;
    const nn_config *c = &a->s.cfg;
    char cur[32];
    nn_config_get(c, "train-limit", cur, sizeof cur);
    const char **items = p->limit_items;
    int n = 0, k = -1;
    for (int i = 0; i < N_LIMITS; i++) {
        if (strcmp(LIMITS[i], cur) == 0) k = n;
        items[n++] = LIMITS[i];
    }
    if (k < 0) {                       /* a value set elsewhere (a lesson): shown as it is */
        snprintf(p->custom_limit, sizeof p->custom_limit, "%s", cur);
        k = n;
        items[n++] = p->custom_limit;
    }
    if (ui_dropdown(ui, "Training images", &k, items, n)) set(a, "train-limit", items[k]);
    ui_tooltip(ui, help_of("train-limit"));
    /* What was loaded: the sizes of the three sets. */
    const session *s = &a->s;
    char train[32], dev[32], test[32], line[96];
    if (s->open) {
        thousands(s->run.train.n, train, sizeof train);
        thousands(s->run.dev.n, dev, sizeof dev);
        thousands(s->run.test.n, test, sizeof test);
        snprintf(line, sizeof line, "%s training images", train);
        ui_label(ui, line);
        snprintf(line, sizeof line, "dev %s \xC2\xB7 test %s", dev, test);
        ui_label(ui, line);
    } else {
        ui_label(ui, s->loading ? "loading..." : "");
    }
    ui_layout_space(ui, 4);
    ui_heading(ui, "Augmentation");
    for (size_t i = 0; i < sizeof AUGMENTS / sizeof AUGMENTS[0]; i++) {
        const nn_aug_kind kind = AUGMENTS[i].kind;
        int on = c->train.augment.amount[kind] > 0.0f && c->train.augment.prob[kind] > 0.0f;
        if (ui_switch(ui, AUGMENTS[i].label, &on)) toggle_augment(a, kind, AUGMENTS[i].item, on);
        ui_tooltip(ui, help_of("augment"));
    }
}

/* Scales of the two inputs a teacher picks from: the second input up to 200
 * times larger than the first ("1,1" is the data as generated). */
static const char *const SCALES[] = { "1,1", "1,10", "1,50", "1,200" };
enum { N_SCALES = (int)(sizeof SCALES / sizeof SCALES[0]) };

static void panel_feature_scale(app *a, playground *p)
{
    ui_context *ui = a->ui;
    char cur[64];
    nn_config_get(&a->s.cfg, "feature-scale", cur, sizeof cur);
    const char **items = p->scale_items;
    int n = 0, k = -1;
    for (int i = 0; i < N_SCALES; i++) {
        if (strcmp(SCALES[i], cur) == 0 || (i == 0 && strcmp(cur, "none") == 0)) k = n;
        items[n++] = SCALES[i];
    }
    if (k < 0) {                       /* a value set elsewhere (a lesson): shown as it is */
        snprintf(p->custom_scale, sizeof p->custom_scale, "%s", cur);
        k = n;
        items[n++] = p->custom_scale;
    }
    if (ui_dropdown(ui, "Feature scale", &k, items, n)) set(a, "feature-scale", k == 0 ? "none" : items[k]);
    ui_tooltip(ui, help_of("feature-scale"));
}

static void panel_data(app *a, playground *p)
{
    ui_context *ui = a->ui;
    const nn_config *c = &a->s.cfg;
    enum { N_NAMES = NN_DATA_COUNT + NN_IMAGES_COUNT };
    const char **names = p->data_items;
    for (int i = 0; i < N_NAMES; i++) names[i] = data_name(i);
    char cur[32];
    nn_config_get(c, "data", cur, sizeof cur);
    int kind = 0;
    for (int i = 0; i < N_NAMES; i++) if (strcmp(names[i], cur) == 0) kind = i;
    ui_layout_row(ui, 1, 0);
    if (ui_dropdown(ui, "Dataset", &kind, names, N_NAMES)) choose_data(a, p, names[kind]);
    ui_tooltip(ui, help_of("data"));
    if (nn_config_is_images(c)) { panel_images(a, p); return; }
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
    if (!nn_data_is_regression(c->data.kind)) panel_feature_scale(a, p);   /* two inputs to scale */
}

static const char *act_name(int i)  { return nn_act_name((nn_act)i); }
static const char *init_name(int i) { return nn_init_name((nn_init)i); }

/* Hidden layers as a plain list of sizes: how many, and the neurons in each
 * (up to `most`, in steps of `step`). */
static void panel_sizes(app *a, int most, int step)
{
    ui_context *ui = a->ui;
    const nn_config *c = &a->s.cfg;
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
        if (ui_number_int(ui, label, &n, 1, most, step)) {
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
}

/* Networks for images, from a plain MLP to two convolution blocks. */
static const char *const IMAGE_NETS[] = { "64", "128", "128,64", "c4k3,p2,32", "c8k3,p2,64", "c16k3,p2,c32k3,p2,64" };
enum { N_IMAGE_NETS = (int)(sizeof IMAGE_NETS / sizeof IMAGE_NETS[0]) };

/* For images: a choice of networks (the current one added when it is none of
 * them); a plain list keeps its size controls, a layer spec is explained. */
static void panel_image_layers(app *a, playground *p)
{
    ui_context *ui = a->ui;
    const nn_config *c = &a->s.cfg;
    char cur[NN_CONFIG_TEXT];
    nn_config_get(c, "layers", cur, sizeof cur);
    const char **items = p->layer_items;
    int n = 0, k = -1;
    for (int i = 0; i < N_IMAGE_NETS; i++) {
        if (strcmp(IMAGE_NETS[i], cur) == 0) k = n;
        items[n++] = IMAGE_NETS[i];
    }
    if (k < 0) {
        snprintf(p->custom_layers, sizeof p->custom_layers, "%s", cur);
        k = n;
        items[n++] = p->custom_layers;
    }
    if (ui_dropdown(ui, "Layers", &k, items, n)) {
        /* A layer spec writes dropout as dX items and has no batch-norm switch. */
        const int spec = strcmp(items[k], "none") != 0 && strspn(items[k], "0123456789,") != strlen(items[k]);
        const char *names[3] = { "layers", "dropout", "batchnorm" }, *values[3] = { items[k], "0", "off" };
        if (session_apply(&a->s, names, values, spec ? 3 : 1, 1) != NN_OK) app_toast(a, "%s", nn_last_error());
    }
    ui_tooltip(ui, help_of("layers"));
    if (!c->layers[0]) {
        panel_sizes(a, 512, 16);
        return;
    }
    /* The grammar of the list, in the panel's words. */
    ui_label(ui, "cFkK: F filters, each KxK pixels");
    ui_label(ui, "pK: max-pool, largest of KxK");
    ui_label(ui, "N: a dense layer of N neurons");
}

static void panel_network(app *a, playground *p)
{
    ui_context *ui = a->ui;
    const nn_config *c = &a->s.cfg;
    ui_layout_row(ui, 1, 0);
    const int images = nn_config_is_images(c);
    if (images) panel_image_layers(a, p);
    else panel_sizes(a, 64, 1);
    const char *acts[NN_ACT_COUNT], *inits[NN_INIT_COUNT];
    for (int i = 0; i < NN_ACT_COUNT; i++) acts[i] = act_name(i);
    for (int i = 0; i < NN_INIT_COUNT; i++) inits[i] = init_name(i);
    int act = c->act, init = c->init;
    if (ui_dropdown(ui, "Activation", &act, acts, NN_ACT_COUNT)) set(a, "act", acts[act]);
    ui_tooltip(ui, help_of("act"));
    if (ui_dropdown(ui, "Initialization", &init, inits, NN_INIT_COUNT)) set(a, "init", inits[init]);
    ui_tooltip(ui, help_of("init"));
    if (images && c->layers[0]) return;      /* dropout is a dX item of the spec; no batch norm */
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
    if (opt != NN_OPT_SGD && opt != NN_OPT_ADAGRAD) {   /* AdaGrad sums squares: no beta */
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
    if (ui_button(ui, "Export as PyTorch script")) {   /* writes to the working directory */
        char msg[300];
        playground_export_torch(c, NULL, time(NULL), msg, sizeof msg);
        app_toast(a, "%s", msg);
    }
    ui_tooltip(ui, "Write a commented PyTorch script of these settings (and its data beside it) to the working directory.");
}

/* ---- the toolbar: play, step, reset, speed, counters ---- */

/* Button widths (unscaled px); a narrow toolbar wraps after the fourth. */
static const int TOOL_W[7] = { 84, 64, 72, 70, 100, 36, 36 };
enum { TOOL_H = 40, TOOL_FIRST_ROW = 4 };

static int toolbar_rows(const app *a, int width)
{
    int need = 0;
    for (int i = 0; i < 7; i++) need += px(a, TOOL_W[i] + 6);
    return need <= width ? 1 : 2;
}

static void toolbar(app *a, SDL_Rect r)
{
    ui_context *ui = a->ui;
    session *s = &a->s;
    ui_layout_begin(ui, r);
    if (toolbar_rows(a, r.w) == 1) {
        ui_layout_row_widths(ui, 7, TOOL_W, TOOL_H);
    } else {
        ui_layout_row_widths(ui, TOOL_FIRST_ROW, TOOL_W, TOOL_H);
    }
    if (ui_button(ui, s->playing ? "Pause" : "Play")) s->playing = !s->playing && (s->open || s->loading);
    ui_tooltip(ui, "Start or stop training (Space).");
    if (ui_button(ui, "Step")) session_step(s);
    ui_tooltip(ui, "One update from one mini-batch (S or Right arrow).");
    if (ui_button(ui, "Epoch")) session_epoch(s);
    ui_tooltip(ui, "Train to the end of the current pass over the training set (E).");
    if (ui_button(ui, "Reset")) session_reset(s);
    ui_tooltip(ui, "Back to the same initial weights and data order (R): replays exactly.");
    if (toolbar_rows(a, r.w) == 2) ui_layout_row_widths(ui, 7 - TOOL_FIRST_ROW, TOOL_W + TOOL_FIRST_ROW, TOOL_H);
    if (ui_button(ui, "New seed")) session_new_seed_async(s);
    ui_tooltip(ui, "New random data and new initial weights (N).");
    if (ui_button(ui, "-")) run_keys_speed(a, 0);
    ui_tooltip(ui, "Slower: fewer updates per frame (-).");
    if (ui_button(ui, "+")) run_keys_speed(a, 1);
    ui_tooltip(ui, "Faster: more updates per frame (+). The speed is shown above the pictures as updates per frame.");
    (void)s;
}

/* ---- the diagram's colours ---- */

static const char *const COLOUR_BY[] = { "weight", "gradient" };

/* G and the "Colour by" tabs: the network by its weights or by the latest update's gradients. */
static void set_colour_by(app *a, int colour)
{
    a->colour_by = colour == PG_COLOUR_GRADIENT ? PG_COLOUR_GRADIENT : PG_COLOUR_WEIGHT;
}

static void colour_switch(app *a, SDL_Rect r)
{
    ui_context *ui = a->ui;
    ui_layout_begin(ui, r);
    /* the label's own width (unscaled, as the layout takes it), the tabs the rest up to 200 */
    const int label_w = (int)(gfx_text_width(a->fonts, GFX_FONT_BODY, "Colour by") / a->scale) + 14;
    const int tabs_w = (int)(r.w / a->scale) - label_w - 4;
    const int widths[2] = { label_w, tabs_w < 200 ? tabs_w : 200 };
    if (tabs_w >= 160) {
        ui_layout_row_widths(ui, 2, widths, 30);
        ui_label(ui, "Colour by");
    } else {                           /* a narrow column (zoomed): the tabs alone, legibly */
        ui_layout_row(ui, 1, 30);
    }
    int k = a->colour_by;
    if (ui_tabs(ui, "Colour by", COLOUR_BY, 2, &k)) set_colour_by(a, k);
    ui_tooltip(ui, "What colours the network (G): its weights (blue negative, orange positive), or the gradients "
                   "of the latest update on a log scale - lines by |dJ/dw|, neurons by their error signal. "
                   "A vanishing gradient fades towards the input.");
}

/* ---- update and draw ---- */

/* Where everything goes. Wide areas: the panel on the left, the network (or
 * the image grid) in the left 45% of the rest, the output over the curves on
 * the right. Tall, narrow areas (a lesson's narration beside the view at a
 * projector's zoom): the network on top, the output and the curves below. */
typedef struct pg_layout {
    int      pw;                    /* the control panel's width (0: stepped aside) */
    int      narrow;                /* the window is narrow for its zoom: Pictures | Controls */
    SDL_Rect panel, switcher;       /* the control panel; the Pictures | Controls tabs (narrow) */
    SDL_Rect tools, main, net, grid, count, out, curves, loss, acc;
    SDL_Rect colour, key;           /* over the network: "Colour by"; under it: the gradient key */
    SDL_Rect weights;               /* under the network with L2 on: the weights' histogram (else empty) */
} pg_layout;

/* The network's share of the area (inset for its column captions) less the
 * "Colour by" row above it and the key's line under it (with room for the
 * note on which lines are shown). */
static void carve_network(const app *a, pg_layout *L, SDL_Rect column, int caption_top)
{
    L->weights = (SDL_Rect){ 0, 0, 0, 0 };
    if (pg_weights_shown(a) && column.w >= column.h * 3 / 2) {
        /* L2 on, a wide and short column (the network on top): the weights' histogram at its right */
        const int w = column.w * 36 / 100;
        L->weights = (SDL_Rect){ column.x + column.w - w, column.y + px(a, 8), w - px(a, 8), column.h - px(a, 16) };
        column.w -= w + px(a, 8);
    } else if (pg_weights_shown(a)) {   /* L2 on: the weights' histogram takes the column's foot */
        int h = column.h * 30 / 100;
        if (h < px(a, 110)) h = px(a, 110);
        if (h <= column.h / 2) {
            L->weights = (SDL_Rect){ column.x + px(a, 8), column.y + column.h - h, column.w - px(a, 16), h };
            column.h -= h + px(a, 8);
        }
    }
    const int row = px(a, 30), line = gfx_text_height(a->fonts, GFX_FONT_SMALL) + px(a, 4);
    L->colour = (SDL_Rect){ column.x, column.y, column.w, row };
    L->net = (SDL_Rect){ column.x + px(a, 24), column.y + row + caption_top, column.w - px(a, 32),
                         column.h - row - caption_top - px(a, 8) - line };
    L->key = (SDL_Rect){ column.x + px(a, 8), L->net.y + L->net.h + line, column.w - px(a, 8), line };
}

/* A window narrow for its zoom (a projector at 1280x720 and zoom 1.5, or
 * 1024x768 at 2): with the control panel beside them the pictures would
 * shrink to grey boxes, so the panel steps aside and the "Pictures |
 * Controls" tabs above it bring it back (a lesson's highlighted control
 * too). At zoom 1 (a lesson's narration beside the view) it stays. */
static int narrow_for_zoom(const app *a, SDL_Rect area) { return a->scale >= 1.3f && area.w < px(a, 1000); }

static pg_layout layout_of(const app *a, SDL_Rect area, int show_panel)
{
    pg_layout L;
    memset(&L, 0, sizeof L);
    const int gap = px(a, 16);
    L.narrow = narrow_for_zoom(a, area);
    L.pw = px(a, 330);
    if (L.pw > area.w * 40 / 100) L.pw = area.w * 40 / 100;
    L.panel = (SDL_Rect){ area.x, area.y, L.pw, area.h };
    int tools_x = area.x + L.pw + px(a, 8);
    if (L.narrow) {
        const int sw = px(a, 230) < area.w / 3 ? px(a, 230) : area.w / 3;
        if (show_panel) {   /* the controls over a wider column, the tabs at its top */
            L.pw = px(a, 330) < area.w * 55 / 100 ? px(a, 330) : area.w * 55 / 100;
            L.switcher = (SDL_Rect){ area.x + px(a, 8), area.y + px(a, 6), L.pw - px(a, 16), px(a, TOOL_H) };
            const int below = L.switcher.y + L.switcher.h + px(a, 4);
            L.panel = (SDL_Rect){ area.x, below, L.pw, area.y + area.h - below };
            tools_x = area.x + L.pw + px(a, 8);
        } else {            /* the tabs where the toolbar starts, the pictures the whole width */
            L.pw = 0;
            L.switcher = (SDL_Rect){ area.x + px(a, 8), area.y + px(a, 6), sw, px(a, TOOL_H) };
            L.panel = (SDL_Rect){ 0, 0, 0, 0 };
            tools_x = L.switcher.x + L.switcher.w + px(a, 8);
        }
    }
    const int tw = area.x + area.w - px(a, 8) - tools_x;
    const int rows = toolbar_rows(a, tw);
    L.tools = (SDL_Rect){ tools_x, area.y + px(a, 6), tw, rows * px(a, TOOL_H + 4) };
    const int top = L.tools.y + L.tools.h + px(a, 6) - area.y;
    L.main = (SDL_Rect){ area.x + L.pw + gap, area.y + top, area.w - L.pw - 2 * gap, area.h - top - gap };
    const SDL_Rect m = L.main;
    const int line_h = gfx_text_height(a->fonts, GFX_FONT_BOLD) + px(a, 4);
    if (L.narrow && m.w >= m.h * 9 / 5) {
        /* Narrow for the zoom but wide and low (a projector): three columns,
         * the network, the output, the curves one over the other, so the
         * output keeps a readable size instead of shrinking over the curves. */
        const int col = (m.w - 2 * gap) / 3, net_w = col * 95 / 100, out_w = col;
        const int out_x = m.x + net_w + gap, curves_x = out_x + out_w + gap;
        L.grid = (SDL_Rect){ m.x, m.y, net_w, m.h };
        carve_network(a, &L, L.grid, px(a, 24));
        L.count = (SDL_Rect){ out_x, m.y, out_w, line_h };
        L.out = (SDL_Rect){ out_x, m.y + line_h, out_w, m.h - line_h };
        L.curves = (SDL_Rect){ curves_x, m.y, m.x + m.w - curves_x, m.h };
        if (L.curves.h / 2 >= px(a, 100)) {          /* both, one over the other */
            L.loss = (SDL_Rect){ L.curves.x, L.curves.y, L.curves.w, L.curves.h / 2 - gap / 2 };
            L.acc = (SDL_Rect){ L.curves.x, L.curves.y + L.curves.h / 2 + gap / 2, L.curves.w, L.curves.h / 2 - gap / 2 };
        } else {                                     /* the loss alone, legibly */
            L.loss = L.curves;
            L.acc = (SDL_Rect){ 0, 0, 0, 0 };
        }
    } else if (m.w >= m.h) {
        const int net_w = m.w * 45 / 100, right_x = m.x + net_w + gap, right_w = m.w - net_w - gap;
        int out_h = m.h * 52 / 100;
        /* A short window at a big zoom: the curves keep room to read (and for
         * the early stop's label), the output gives some of its height. */
        if (m.h - out_h - gap < px(a, 170)) out_h = m.h - gap - px(a, 170) > m.h * 38 / 100 ? m.h - gap - px(a, 170) : m.h * 38 / 100;
        L.grid = (SDL_Rect){ m.x, m.y, net_w, m.h };
        carve_network(a, &L, L.grid, px(a, 24));
        L.count = (SDL_Rect){ right_x, m.y, right_w, line_h };
        L.out = (SDL_Rect){ right_x, m.y + line_h, right_w, out_h - line_h };
        L.curves = (SDL_Rect){ right_x, m.y + out_h + gap, right_w, m.h - out_h - gap };
        if (L.curves.w / 2 >= px(a, 120)) {          /* side by side */
            L.loss = (SDL_Rect){ L.curves.x, L.curves.y, L.curves.w / 2 - gap / 2, L.curves.h };
            L.acc = (SDL_Rect){ L.curves.x + L.curves.w / 2 + gap / 2, L.curves.y, L.curves.w / 2 - gap / 2, L.curves.h };
        } else if (L.curves.h / 2 >= px(a, 150)) {   /* a narrow column (small window, big zoom): stacked */
            L.loss = (SDL_Rect){ L.curves.x, L.curves.y, L.curves.w, L.curves.h / 2 - gap / 2 };
            L.acc = (SDL_Rect){ L.curves.x, L.curves.y + L.curves.h / 2 + gap / 2, L.curves.w, L.curves.h / 2 - gap / 2 };
        } else {                                     /* the loss alone, legibly */
            L.loss = L.curves;
            L.acc = (SDL_Rect){ 0, 0, 0, 0 };
        }
    } else {
        const int top_h = m.h * 46 / 100, low_y = m.y + top_h + gap, low_h = m.h - top_h - gap;
        const int half = (m.w - gap) / 2;
        L.count = (SDL_Rect){ m.x, m.y, m.w, line_h };
        L.grid = (SDL_Rect){ m.x, m.y + line_h, m.w, top_h - line_h };
        carve_network(a, &L, L.grid, px(a, 24));
        L.out = (SDL_Rect){ m.x, low_y, half, low_h };
        L.curves = (SDL_Rect){ m.x + half + gap, low_y, m.w - half - gap, low_h };
        if (L.curves.h / 2 >= px(a, 150)) {          /* room for both, one over the other */
            L.loss = (SDL_Rect){ L.curves.x, L.curves.y, L.curves.w, L.curves.h / 2 - gap / 2 };
            L.acc = (SDL_Rect){ L.curves.x, L.curves.y + L.curves.h / 2 + gap / 2, L.curves.w, L.curves.h / 2 - gap / 2 };
        } else {                                     /* the loss alone, legibly */
            L.loss = L.curves;
            L.acc = (SDL_Rect){ 0, 0, 0, 0 };
        }
    }
    return L;
}

static void update(void *self, view_ctx *ctx)
{
    playground *p = self;
    app *a = ctx->app;
    session_advance(&a->s, 0.006);          /* ~6 ms of training per frame keeps 60 fps */
    const SDL_Rect area = ctx->area;
    /* A lesson highlighting a control: open the tab that holds it (once per
     * change), and the panel when it has stepped aside. */
    if (strcmp(a->lesson_focus, p->focus) != 0 && a->lesson_focus[0]) p->show_panel = 1;
    const pg_layout L = layout_of(a, area, p->show_panel);
    toolbar(a, L.tools);
    if (L.narrow) {
        static const char *const sides[] = { "Pictures", "Controls" };
        ui_layout_begin(a->ui, L.switcher);
        ui_layout_row(a->ui, 1, TOOL_H);
        ui_tabs(a->ui, "##playground side", sides, 2, &p->show_panel);
        ui_tooltip(a->ui, "The window is narrow for its zoom: the pictures alone, or the controls beside them.");
    }
    if (L.pw > 0) ui_panel(a->ui, L.panel, NULL);
    if (strcmp(a->lesson_focus, p->focus) != 0) {
        static const char *const network[] = { "layers", "act", "init", "dropout", "batchnorm" };
        static const char *const data[] = { "data", "noise", "samples", "classes", "shift", "train-limit",
                                            "augment" };
        snprintf(p->focus, sizeof p->focus, "%s", a->lesson_focus);
        for (size_t i = 0; i < sizeof network / sizeof network[0]; i++) if (!strcmp(p->focus, network[i])) p->tab = 1;
        for (size_t i = 0; i < sizeof data / sizeof data[0]; i++) if (!strcmp(p->focus, data[i])) p->tab = 0;
        if (p->focus[0] && p->tab != 1 && p->tab != 0) p->tab = 2;
        if (!strcmp(p->focus, "lr") || !strcmp(p->focus, "batch") || !strcmp(p->focus, "opt") ||
            !strcmp(p->focus, "l2") || !strcmp(p->focus, "decay")) p->tab = 2;
    }
    static const char *const tabs[] = { "Data", "Network", "Training" };
    if (L.pw > 0) {
        ui_layout_row(a->ui, 1, 0);
        ui_tabs(a->ui, "playground tabs", tabs, 3, &p->tab);
        ui_layout_space(a->ui, 6);
        if (p->tab == 0) panel_data(a, p);
        else if (p->tab == 1) panel_network(a, p);
        else panel_training(a);
    }
    /* A notice from opening the data (fashion-small used for a missing full set): once. */
    if (a->s.notice_id != p->notice_seen) {
        p->notice_seen = a->s.notice_id;
        if (a->s.notice[0]) app_toast(a, "%s", a->s.notice);
    }
    if (nn_config_is_images(&a->s.cfg)) pg_images_update(&p->imgs, a, L.grid);
    else if (L.net.h >= px(a, 40)) colour_switch(a, L.colour);   /* images show samples, not the diagram */
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
    const pg_layout L = layout_of(a, ctx->area, p->show_panel);
    const SDL_Rect main = L.main, out = L.out, loss = L.loss, acc = L.acc, curves = L.curves;
    /* Counters over the output: where the eye goes while training runs. */
    const nn_trainer_state st = session_state(&a->s);
    char line[128];
    snprintf(line, sizeof line, "Epoch %d · %ld updates · %ld examples seen · speed %d/frame", st.epoch, st.steps,
             st.examples, a->s.speed);
    if (gfx_text_width(a->fonts, GFX_FONT_BOLD, line) > L.count.w)
        snprintf(line, sizeof line, "Epoch %d · %ld updates · speed %d/frame", st.epoch, st.steps, a->s.speed);
    if (gfx_text_width(a->fonts, GFX_FONT_BOLD, line) > L.count.w)
        snprintf(line, sizeof line, "Epoch %d · %ld updates", st.epoch, st.steps);
    if (gfx_text_width(a->fonts, GFX_FONT_BOLD, line) > L.count.w) snprintf(line, sizeof line, "Epoch %d", st.epoch);
    if (!pg_draw_early_stop(a, L.count))   /* after an early stop: which weights are shown */
        gfx_text(a->fonts, GFX_FONT_BOLD, L.count.x + L.count.w / 2, L.count.y, a->style.text, GFX_ALIGN_CENTER, line);
    session *s = &a->s;
    const int images = nn_config_is_images(&s->cfg);
    if (images && s->loading) {
        pg_images_draw_loading(a, (SDL_Rect){ main.x, main.y, main.w, main.h / 2 });
    } else if (images) {
        /* Pictures: the samples with the network's guesses instead of the
         * diagram, the selected one's softmax instead of the regions. */
        pg_images_draw_grid(&p->imgs, a, L.grid);
        pg_images_draw_selected(&p->imgs, a, out);
    } else {
        session_probe(s);
        /* (no room for the diagram beside the controls at a big zoom: the output and the curves) */
        if (L.net.h >= px(a, 40)) pg_draw_network(&p->pics, a, L.net);
        else p->pics.hover = -1;
        if (a->colour_by == PG_COLOUR_GRADIENT) pg_draw_gradient_key(a, L.key);
        const int note = gfx_text_height(a->fonts, GFX_FONT_SMALL);
        pg_draw_dropout_note(a, (SDL_Rect){ L.key.x, L.net.y + L.net.h + px(a, 2), L.key.w, note },
                             a->colour_by == PG_COLOUR_GRADIENT ? (SDL_Rect){ 0, 0, 0, 0 } : L.key);
        if (L.weights.h > 0) pg_draw_weights(a, L.weights);
        pg_draw_output(&p->pics, a, out);
    }
    if (images && s->loading) { /* no curves until the run exists */ }
    else if (s->run.train.classes || images) pg_draw_curves(a, loss, acc);
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
    if (!images) pg_draw_hover(&p->pics, a);
}

static int key(void *self, app *a, const SDL_KeyboardEvent *k)
{
    (void)self;
    if (k->keysym.sym == SDLK_g) {
        if (nn_config_is_images(&a->s.cfg)) return 0;
        set_colour_by(a, !a->colour_by);
        app_toast(a, "Network coloured by %s", a->colour_by ? "gradient (log scale)" : "weight");
        return 1;
    }
    return run_keys(a, k);
}

const view_def view_playground = {
    .id = "playground", .title = "Playground", .tab = "Play",
    .teaches = "Train a network live: what training changes (weights) and what you choose (everything on the left).",
    .create = create, .destroy = destroy, .update = update, .key = key, .draw = draw,
};
