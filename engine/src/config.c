/* config.c - the table of settings shared by nnlab-train, lessons and the app. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn/config.h"
#include "nn/parse.h"
#include "nn/status.h"

nn_config nn_config_default(void)
{
    nn_config c = {
        .data = nn_data_desc_default(NN_DATA_SPIRAL), .hidden = { 16, 16 }, .n_hidden = 2,
        .act = NN_ACT_RELU, .slope = NN_LEAKY_SLOPE_DEFAULT, .init = NN_INIT_HE, .loss = -1,
        .train = nn_train_desc_default(), .epochs = 100,
        .images = { .kind = NN_IMAGES_FASHION, .dir = NN_FASHION_DIR_DEFAULT, .dev_size = -1 },
    };
    return c;
}

int nn_config_is_images(const nn_config *c) { return c->images.on != 0; }

const char *nn_config_data_name(const nn_config *c)
{
    return c->images.on ? nn_images_name((nn_images_kind)c->images.kind) : nn_data_name(c->data.kind);
}

/* ---- setters: one per setting; `n` is the name to show in messages ---- */

typedef int (*set_fn)(nn_config *c, const char *n, const char *v);
typedef void (*get_fn)(const nn_config *c, char *buf, int len);

/* The synthetic sets, then the image sets. */
static const char *data_name(int i)
{
    return i < NN_DATA_COUNT ? nn_data_name((nn_data_kind)i)
                             : nn_images_name((nn_images_kind)(i - NN_DATA_COUNT));
}
static const char *act_name(int i)   { return nn_act_name((nn_act)i); }
static const char *init_name(int i)  { return nn_init_name((nn_init)i); }
static const char *opt_name(int i)   { return nn_optim_name((nn_optim_kind)i); }
static const char *decay_name(int i) { return nn_decay_name((nn_decay)i); }
static const char *loss_name(int i)  { return i == NN_LOSS_COUNT ? "auto" : nn_loss_name((nn_loss)i); }

static int set_data(nn_config *c, const char *n, const char *v)
{
    int k;
    if (nn_parse_choice(n, v, data_name, NN_DATA_COUNT + NN_IMAGES_COUNT, &k)) return NN_ERR_ARG;
    c->images.on = k >= NN_DATA_COUNT;
    if (c->images.on) {                 /* data.* stays as it was, for a switch back */
        c->images.kind = k - NN_DATA_COUNT;
        return NN_OK;
    }
    /* Keep what the user set (size, noise, split, shift, seed); spiral keeps its arms. */
    const int classes = c->data.kind == NN_DATA_SPIRAL ? c->data.classes : 3;
    c->data.kind = (nn_data_kind)k;
    c->data.classes = k == NN_DATA_SPIRAL ? classes : 2;
    return NN_OK;
}

/* A float as text that reads back as the same float: "%g" when that is
 * exact (0.03), else nine digits (a value dragged on a slider), so a setup
 * file saved and opened again gives the same run. */
static int fmt_float(char *b, int len, float v)
{
    int n = snprintf(b, (size_t)len, "%g", (double)v);
    if (n < len && strtof(b, NULL) != v) n = snprintf(b, (size_t)len, "%.9g", (double)v);
    return n;
}

/* Integer and float settings stored at a fixed place: a macro per kind keeps
 * the table flat and every range visible in one line. */
#define INT_SETTING(fn, field, lo, hi) \
    static int set_##fn(nn_config *c, const char *n, const char *v) { \
        long x = 0; \
        if (nn_parse_int(n, v, lo, hi, &x)) return NN_ERR_ARG; \
        c->field = (int)x; \
        return NN_OK; } \
    static void get_##fn(const nn_config *c, char *b, int len) { snprintf(b, (size_t)len, "%d", (int)c->field); }
#define FLOAT_SETTING(fn, field, lo, hi) \
    static int set_##fn(nn_config *c, const char *n, const char *v) { \
        double x = 0; \
        if (nn_parse_float(n, v, lo, hi, &x)) return NN_ERR_ARG; \
        c->field = (float)x; \
        return NN_OK; } \
    static void get_##fn(const nn_config *c, char *b, int len) { fmt_float(b, len, c->field); }
#define CHOICE_SETTING(fn, field, type, names, count) \
    static int set_##fn(nn_config *c, const char *n, const char *v) { \
        int k; \
        if (nn_parse_choice(n, v, names, count, &k)) return NN_ERR_ARG; \
        c->field = (type)k; \
        return NN_OK; } \
    static void get_##fn(const nn_config *c, char *b, int len) { snprintf(b, (size_t)len, "%s", names((int)c->field)); }
#define FLAG_SETTING(fn, field, on) \
    static int set_##fn(nn_config *c, const char *n, const char *v) { \
        if (*v && strcmp(v, "1") && strcmp(v, "on") && strcmp(v, "0") && strcmp(v, "off")) \
            return nn_set_error(NN_ERR_ARG, "%s expects on or off, got '%s'", n, v); \
        c->field = (*v == '\0' || !strcmp(v, "1") || !strcmp(v, "on")) ? (on) : !(on); \
        return NN_OK; } \
    static void get_##fn(const nn_config *c, char *b, int len) { snprintf(b, (size_t)len, "%s", c->field == (on) ? "on" : "off"); }

INT_SETTING(samples, data.samples, 3, 10000000)
FLOAT_SETTING(noise, data.noise, 0, 10)
INT_SETTING(classes, data.classes, 2, 16)
FLOAT_SETTING(shift, data.shift, 0, 10)
CHOICE_SETTING(act, act, nn_act, act_name, NN_ACT_COUNT)
FLOAT_SETTING(slope, slope, 0, 1)
CHOICE_SETTING(init, init, nn_init, init_name, NN_INIT_COUNT)
CHOICE_SETTING(opt, train.optim.kind, nn_optim_kind, opt_name, NN_OPT_COUNT)
FLOAT_SETTING(lr, train.lr, 1e-9, 1e6)
FLOAT_SETTING(beta, train.optim.beta, 0, 0.999999)
FLOAT_SETTING(beta2, train.optim.beta2, 0, 0.999999999)
FLOAT_SETTING(eps, train.optim.eps, 1e-12, 1)
FLAG_SETTING(no_bias_correction, train.optim.bias_correction, 0)
CHOICE_SETTING(decay, train.decay.kind, nn_decay, decay_name, NN_DECAY_COUNT)
FLOAT_SETTING(decay_rate, train.decay.rate, 0, 1e6)
INT_SETTING(decay_every, train.decay.every, 1, 1000000)
FLOAT_SETTING(decay_factor, train.decay.factor, 0, 1)
FLOAT_SETTING(l2, train.l2, 0, 1e6)
FLOAT_SETTING(clip, train.clip, 0, 1e9)
FLAG_SETTING(normalize, train.normalize, 1)
FLAG_SETTING(batchnorm, batchnorm, 1)
INT_SETTING(early_stop, train.early_stop, 0, 1000000)
INT_SETTING(epochs, epochs, 1, 1000000)

static void get_data(const nn_config *c, char *b, int len) { snprintf(b, (size_t)len, "%s", nn_config_data_name(c)); }

static int set_loss(nn_config *c, const char *n, const char *v)
{
    int k;
    if (nn_parse_choice(n, v, loss_name, NN_LOSS_COUNT + 1, &k)) return NN_ERR_ARG;
    c->loss = k == NN_LOSS_COUNT ? -1 : k;
    return NN_OK;
}
static void get_loss(const nn_config *c, char *b, int len)
{ snprintf(b, (size_t)len, "%s", loss_name(c->loss < 0 ? NN_LOSS_COUNT : c->loss)); }

static int set_split(nn_config *c, const char *n, const char *v)
{
    int k;
    float f[3];
    if (nn_parse_float_list(n, v, 0, 1, 3, f, &k)) return NN_ERR_ARG;
    if (k != 3 || !(f[0] > 0) || f[0] + f[1] + f[2] > 1.0001f)
        return nn_set_error(NN_ERR_ARG, "%s expects TRAIN,DEV,TEST fractions with TRAIN > 0 and "
                                        "a sum of at most 1, got '%s'", n, v);
    memcpy(c->data.split, f, sizeof f);
    return NN_OK;
}
static void get_split(const nn_config *c, char *b, int len)
{ snprintf(b, (size_t)len, "%g,%g,%g", (double)c->data.split[0], (double)c->data.split[1], (double)c->data.split[2]); }

/* A value other than 'none' or a list of sizes is a layer spec (nn/layerspec.h),
 * kept as text and parsed when the run opens and the input shape is known. */
static int is_layer_spec(const char *v)
{
    if (strcmp(v, "none") == 0) return 0;
    for (const char *p = v; *p; p++)
        if (!(*p == ',' || (*p >= '0' && *p <= '9'))) return 1;
    return 0;
}

static int set_layers(nn_config *c, const char *n, const char *v)
{
    if (is_layer_spec(v)) {
        if (strlen(v) >= sizeof c->layers) return nn_set_error(NN_ERR_ARG, "%s: the list is too long", n);
        snprintf(c->layers, sizeof c->layers, "%s", v);
        return NN_OK;
    }
    int h[NN_CONFIG_MAX_HIDDEN], k = 0;
    if (strcmp(v, "none") != 0 && nn_parse_int_list(n, v, 1, 4096, NN_CONFIG_MAX_HIDDEN, h, &k))
        return NN_ERR_ARG;
    memcpy(c->hidden, h, (size_t)k * sizeof h[0]);
    c->n_hidden = k;
    c->layers[0] = '\0';
    return NN_OK;
}
static void get_layers(const nn_config *c, char *b, int len)
{
    if (c->layers[0]) { snprintf(b, (size_t)len, "%s", c->layers); return; }
    if (c->n_hidden == 0) { snprintf(b, (size_t)len, "none"); return; }
    int used = 0;
    b[0] = '\0';
    for (int i = 0; i < c->n_hidden && used < len; i++)
        used += snprintf(b + used, (size_t)(len - used), i ? ",%d" : "%d", c->hidden[i]);
}

/* One value for every hidden layer, or one per layer. */
static int set_dropout(nn_config *c, const char *n, const char *v)
{
    int k;
    float p[NN_CONFIG_MAX_HIDDEN];
    if (nn_parse_float_list(n, v, 0, 0.95, NN_CONFIG_MAX_HIDDEN, p, &k)) return NN_ERR_ARG;
    for (int i = 0; i < NN_CONFIG_MAX_HIDDEN; i++) c->dropout[i] = k == 1 ? p[0] : (i < k ? p[i] : 0.0f);
    return NN_OK;
}
static void get_dropout(const nn_config *c, char *b, int len)
{
    int used = 0, n = c->n_hidden > 0 ? c->n_hidden : 1;
    int same = 1;
    for (int i = 1; i < n; i++) same &= c->dropout[i] == c->dropout[0];
    if (same) n = 1;
    b[0] = '\0';
    for (int i = 0; i < n && used < len; i++) {
        if (i) used += snprintf(b + used, (size_t)(len - used), ",");
        if (used < len) used += fmt_float(b + used, len - used, c->dropout[i]);
    }
}

static int set_batch(nn_config *c, const char *n, const char *v)
{
    if (strcmp(v, "all") == 0) { c->train.batch = 0; return NN_OK; }
    char *end;
    long x = strtol(v, &end, 10);
    if (*v == '\0' || *end != '\0' || x < 1 || x > 10000000)
        return nn_set_error(NN_ERR_ARG, "%s expects a size from 1 to 10000000 or 'all' (full batch), "
                                        "got '%s'", n, v);
    c->train.batch = (int)x;
    return NN_OK;
}
static void get_batch(const nn_config *c, char *b, int len)
{
    if (c->train.batch == 0) snprintf(b, (size_t)len, "all");
    else snprintf(b, (size_t)len, "%d", c->train.batch);
}

/* threads N (1..NN_MAX_THREADS) or 'auto' (one per processor, stored as -1). */
static int set_threads(nn_config *c, const char *n, const char *v)
{
    long x = -1;
    if (strcmp(v, "auto") != 0 && nn_parse_int(n, v, 1, NN_MAX_THREADS, &x))
        return nn_set_error(NN_ERR_ARG, "%s expects a thread count from 1 to %d or 'auto' (one per "
                                        "processor), got '%s'", n, NN_MAX_THREADS, v);
    c->train.threads = (int)x;
    return NN_OK;
}
static void get_threads(const nn_config *c, char *b, int len)
{
    if (c->train.threads < 0) snprintf(b, (size_t)len, "auto");
    else snprintf(b, (size_t)len, "%d", c->train.threads > 1 ? c->train.threads : 1);
}

/* train-eval N, 'all' (stored as NN_TRAIN_EVAL_ALL), 'running'
 * (NN_TRAIN_EVAL_RUNNING) or 'auto' (the default, 0). */
static int set_train_eval(nn_config *c, const char *n, const char *v)
{
    long x = 0;
    if (strcmp(v, "all") == 0) x = NN_TRAIN_EVAL_ALL;
    else if (strcmp(v, "running") == 0) x = NN_TRAIN_EVAL_RUNNING;
    else if (strcmp(v, "auto") != 0 && nn_parse_int(n, v, 1, 100000000, &x))
        return nn_set_error(NN_ERR_ARG, "%s expects a number of training examples from 1 to 100000000, "
                                        "'all', 'running' or 'auto' (all up to %d, else running), got '%s'",
                            n, NN_TRAIN_EVAL_AUTO, v);
    c->train.train_eval = (int)x;
    return NN_OK;
}
static void get_train_eval(const nn_config *c, char *b, int len)
{
    if (c->train.train_eval == 0) snprintf(b, (size_t)len, "auto");
    else if (c->train.train_eval == NN_TRAIN_EVAL_ALL) snprintf(b, (size_t)len, "all");
    else if (c->train.train_eval == NN_TRAIN_EVAL_RUNNING) snprintf(b, (size_t)len, "running");
    else snprintf(b, (size_t)len, "%d", c->train.train_eval);
}

static int set_seed(nn_config *c, const char *n, const char *v)
{
    char *end;
    errno = 0;
    unsigned long long s = strtoull(v, &end, 10);
    if (*v == '\0' || *v == '-' || *end != '\0' || errno == ERANGE)
        return nn_set_error(NN_ERR_ARG, "%s expects a non-negative integer, got '%s'", n, v);
    c->train.seed = c->data.seed = (uint64_t)s;
    return NN_OK;
}
static void get_seed(const nn_config *c, char *b, int len)
{ snprintf(b, (size_t)len, "%llu", (unsigned long long)c->train.seed); }

/* feature-scale F1[,F2]: one factor per input feature (2-D sets: two), each
 * a finite number > 0; 'none' (the default) scales nothing. Every bad value
 * gets one message naming the setting and the whole value. */
static int set_feature_scale(nn_config *c, const char *n, const char *v)
{
    if (strcmp(v, "none") == 0) { c->n_feature_scale = 0; return NN_OK; }
    float f[NN_CONFIG_MAX_FEATURES];
    int k = 0;
    if (nn_parse_float_list(n, v, 1e-6, 1e6, NN_CONFIG_MAX_FEATURES, f, &k))
        return nn_set_error(NN_ERR_ARG, "%s expects one factor per input feature (at most %d), each a number "
                                        "from 1e-06 to 1e+06 (e.g. 1,50: the second input x50), "
                                        "or 'none', got '%s'", n, NN_CONFIG_MAX_FEATURES, v);
    memcpy(c->feature_scale, f, (size_t)k * sizeof f[0]);
    c->n_feature_scale = k;
    return NN_OK;
}
static void get_feature_scale(const nn_config *c, char *b, int len)
{
    if (c->n_feature_scale == 0) { snprintf(b, (size_t)len, "none"); return; }
    int used = 0;
    b[0] = '\0';
    for (int i = 0; i < c->n_feature_scale && used < len; i++) {
        if (i) used += snprintf(b + used, (size_t)(len - used), ",");
        if (used < len) used += fmt_float(b + used, len - used, c->feature_scale[i]);
    }
}

/* ---- image data (nn/images.h) and augmentation (nn/augment.h) ---- */

static int set_data_dir(nn_config *c, const char *n, const char *v)
{
    if (strlen(v) >= sizeof c->images.dir)
        return nn_set_error(NN_ERR_ARG, "%s: the directory name is too long (at most %d characters)",
                            n, (int)sizeof c->images.dir - 1);
    snprintf(c->images.dir, sizeof c->images.dir, "%s", v);
    return NN_OK;
}
static void get_data_dir(const nn_config *c, char *b, int len) { snprintf(b, (size_t)len, "%s", c->images.dir); }

/* train-limit N, or 'all' (the default, stored as 0). */
static int set_train_limit(nn_config *c, const char *n, const char *v)
{
    long x = 0;
    if (strcmp(v, "all") != 0 && nn_parse_int(n, v, 1, 100000000, &x)) return NN_ERR_ARG;
    c->images.train_limit = (int)x;
    return NN_OK;
}
static void get_train_limit(const nn_config *c, char *b, int len)
{
    if (c->images.train_limit <= 0) snprintf(b, (size_t)len, "all");
    else snprintf(b, (size_t)len, "%d", c->images.train_limit);
}

/* dev-size N, or 'auto' (the default, one sixth, stored as -1). */
static int set_dev_size(nn_config *c, const char *n, const char *v)
{
    long x = -1;
    if (strcmp(v, "auto") != 0 && nn_parse_int(n, v, 0, 100000000, &x)) return NN_ERR_ARG;
    c->images.dev_size = (int)x;
    return NN_OK;
}
static void get_dev_size(const nn_config *c, char *b, int len)
{
    if (c->images.dev_size < 0) snprintf(b, (size_t)len, "auto");
    else snprintf(b, (size_t)len, "%d", c->images.dev_size);
}

/* class-subset LIST of 2..10 class numbers, or 'all'. Repeated classes are
 * refused when the images load (nn_images_load words that message). */
static int set_class_subset(nn_config *c, const char *n, const char *v)
{
    int s[NN_FASHION_CLASSES], k = 0;
    if (strcmp(v, "all") != 0) {
        if (nn_parse_int_list(n, v, 0, NN_FASHION_CLASSES - 1, NN_FASHION_CLASSES, s, &k)) return NN_ERR_ARG;
        if (k < 2) return nn_set_error(NN_ERR_ARG, "%s needs at least 2 classes, got '%s'", n, v);
    }
    memcpy(c->images.subset, s, (size_t)k * sizeof s[0]);
    c->images.n_subset = k;
    return NN_OK;
}
static void get_class_subset(const nn_config *c, char *b, int len)
{
    if (c->images.n_subset == 0) { snprintf(b, (size_t)len, "all"); return; }
    int used = 0;
    b[0] = '\0';
    for (int i = 0; i < c->images.n_subset && used < len; i++)
        used += snprintf(b + used, (size_t)(len - used), i ? ",%d" : "%d", c->images.subset[i]);
}

static int set_augment(nn_config *c, const char *n, const char *v)
{
    nn_augment_desc a;
    if (nn_augment_parse(v, &a) == NN_OK) { c->train.augment = a; return NN_OK; }
    /* nn_augment_parse names the option "--augment": name it as shown instead. */
    static const char OPT[] = "--augment";
    char msg[512];
    snprintf(msg, sizeof msg, "%s", nn_last_error());
    if (strncmp(msg, OPT, sizeof OPT - 1) == 0 && strcmp(n, OPT) != 0)
        return nn_set_error(NN_ERR_ARG, "%s%s", n, msg + sizeof OPT - 1);
    return NN_ERR_ARG;
}
static void get_augment(const nn_config *c, char *b, int len) { nn_augment_format(&c->train.augment, b, len); }

typedef struct setting_row { nn_setting s; set_fn set; get_fn get; } setting_row;

#define ROW(name, fn, arg, help) { { name, arg, help, NULL }, set_##fn, get_##fn }
static const setting_row ROWS[] = {
    ROW("data",     data,     "NAME",  "Which examples to learn from: spiral|circle|xor|gauss|moons|sine, "
                                       "or pictures of clothing: fashion|fashion-small."),
    ROW("samples",  samples,  "N",     "How many examples to generate before splitting (default 600)."),
    ROW("noise",    noise,    "X",     "How far examples scatter from the clean pattern (std, default 0.1)."),
    ROW("classes",  classes,  "K",     "Spiral arms, one class each (2..16, default 3)."),
    ROW("split",    split,    "T,D,E", "Fractions for training, dev and test (default 0.6,0.2,0.2)."),
    ROW("shift",    shift,    "X",     "Draw dev and test from a shifted distribution (0 = same as train)."),
    ROW("feature-scale", feature_scale, "F1,F2", "Multiply each input feature by a factor, e.g. 1,50: the second "
                                       "input 50 times larger, in train, dev and test alike (synthetic data; default none)."),
    ROW("data-dir", data_dir, "DIR",   "Where the Fashion-MNIST .gz files are (default " NN_FASHION_DIR_DEFAULT ")."),
    ROW("train-limit",  train_limit,  "N",    "Use at most N training images (quick classroom runs; default all)."),
    ROW("class-subset", class_subset, "LIST", "Keep only these classes, e.g. 0,1,7 (renumbered in the order given; default all)."),
    ROW("dev-size", dev_size, "N",     "Dev images carved (seeded) from the training images (default auto: one sixth)."),
    ROW("augment",  augment,  "LIST",  "Augment training images per batch, e.g. rotate=15,scale=0.1,shift=2,flip-h=0.5,cutout=8."),
    ROW("layers",   layers,   "LIST",  "Neurons per hidden layer, e.g. 16,16; 'none' for no hidden layer; "
                                       "for images also convolution, pooling and dropout items, e.g. c8k3,p2,64."),
    ROW("act",      act,      "NAME",  "Hidden activation: relu|tanh|sigmoid|leaky|linear (default relu)."),
    ROW("slope",    slope,    "A",     "Slope of leaky ReLU for negative inputs (default 0.01)."),
    ROW("init",     init,     "NAME",  "How the weights start: zeros|small|xavier|glorot|he|large (default he); "
                                       "large = N(0, 1), deliberately too large."),
    ROW("loss",     loss,     "NAME",  "auto|softmax|bce|mse; auto picks bce for 2 classes, softmax for more, mse for regression."),
    ROW("opt",      opt,      "NAME",  "Update rule: sgd|momentum|rmsprop|adam|adagrad (default sgd)."),
    ROW("lr",       lr,       "X",     "Learning rate: the size of each step downhill (default 0.1)."),
    ROW("beta",     beta,     "X",     "Momentum/RMSprop beta, Adam beta1: how long the average remembers (default 0.9)."),
    ROW("beta2",    beta2,    "X",     "Adam beta2: memory of the squared-gradient average (default 0.999)."),
    ROW("eps",      eps,      "X",     "Small number that keeps RMSprop/Adam/AdaGrad from dividing by zero (default 1e-8)."),
    ROW("no-bias-correction", no_bias_correction, NULL, "Adam without bias correction, to see why it exists."),
    ROW("decay",    decay,    "NAME",  "Learning-rate decay per epoch: none|inverse|exp|sqrt|step (default none)."),
    ROW("decay-rate",   decay_rate,   "K", "Decay rate k of inverse, exp and sqrt (default 1)."),
    ROW("decay-every",  decay_every,  "N", "Step decay: epochs between drops (default 10)."),
    ROW("decay-factor", decay_factor, "F", "Step decay: multiply the rate by F at each drop (default 0.5)."),
    ROW("l2",       l2,       "LAMBDA","L2 weight decay: cost += lambda/(2m) sum of squared weights (default 0)."),
    ROW("dropout",  dropout,  "P",     "Probability that a hidden neuron is switched off in training; one value or one per layer."),
    ROW("batchnorm", batchnorm, NULL,  "Batch normalisation after each hidden dense layer."),
    ROW("clip",     clip,     "NORM",  "Clip the gradient's norm to NORM; a remedy for exploding gradients (0 = off)."),
    ROW("normalize", normalize, NULL,  "Standardise inputs with the training set's mean and std, applied to dev and test too."),
    ROW("early-stop", early_stop, "P", "Stop when dev loss has not improved for P epochs and restore the best weights."),
    ROW("batch",    batch,    "N|all", "Examples per update: 1 = stochastic, all = full batch (default 32)."),
    ROW("epochs",   epochs,   "N",     "Passes over the training set (default 100)."),
    ROW("seed",     seed,     "N",     "Seed for data, initial weights and order; same seed, same run (default 1)."),
    ROW("threads",  threads,  "N|auto", "Threads that train one network: auto = one per processor (nnlab-train's "
                                       "default; the window uses 1). The same count gives the same run; 1 and N "
                                       "may differ in the last digits."),
    ROW("train-eval", train_eval, "N|all|running|auto", "Training loss and accuracy per epoch: N = from a "
                                       "sample of N training examples, the same every epoch (all when the set is no "
                                       "larger); all = every example; running = the epoch's running average over its "
                                       "mini-batches, as trained (free; row 0 from a sample of 10000); auto = all up "
                                       "to 10000 examples, else running (default auto). Dev and test are always whole."),
};
#undef ROW

/* Each setting as a noun in a sentence ("only the learning rate differs"). */
static const struct { const char *name, *label; } LABELS[] = {
    { "data", "dataset" }, { "samples", "number of examples" }, { "noise", "noise" },
    { "classes", "number of classes" }, { "split", "train/dev/test split" }, { "shift", "dev/test shift" },
    { "feature-scale", "feature scale" },
    { "data-dir", "data folder" }, { "train-limit", "training-image limit" }, { "class-subset", "classes kept" },
    { "dev-size", "dev-set size" }, { "augment", "augmentation" }, { "layers", "hidden layers" },
    { "act", "activation" }, { "slope", "leaky-ReLU slope" }, { "init", "initialization" }, { "loss", "loss" },
    { "opt", "optimizer" }, { "lr", "learning rate" }, { "beta", "beta" }, { "beta2", "beta2" },
    { "eps", "epsilon" }, { "no-bias-correction", "Adam bias correction" }, { "decay", "learning-rate decay" },
    { "decay-rate", "decay rate" }, { "decay-every", "decay step (epochs)" }, { "decay-factor", "decay factor" },
    { "l2", "L2 lambda" }, { "dropout", "dropout" }, { "batchnorm", "batch norm" }, { "clip", "gradient clipping" },
    { "normalize", "input normalization" }, { "early-stop", "early stopping" }, { "batch", "batch size" },
    { "epochs", "number of epochs" }, { "seed", "seed" }, { "threads", "thread count" },
    { "train-eval", "training-set evaluation" },
};

static nn_setting SETTINGS[sizeof ROWS / sizeof ROWS[0]];

const nn_setting *nn_config_settings(int *count)
{
    const int n = (int)(sizeof ROWS / sizeof ROWS[0]);
    for (int i = 0; i < n; i++) {                            /* idempotent copy of constants */
        SETTINGS[i] = ROWS[i].s;
        SETTINGS[i].label = SETTINGS[i].name;                /* a setting without a row below */
        for (size_t j = 0; j < sizeof LABELS / sizeof LABELS[0]; j++)
            if (strcmp(LABELS[j].name, SETTINGS[i].name) == 0) SETTINGS[i].label = LABELS[j].label;
    }
    *count = n;
    return SETTINGS;
}

int nn_edit_distance(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b);
    if (la > 63 || lb > 63) return 64;
    int d[64][64];
    for (int i = 0; i <= la; i++) d[i][0] = i;
    for (int j = 0; j <= lb; j++) d[0][j] = j;
    for (int i = 1; i <= la; i++)
        for (int j = 1; j <= lb; j++) {
            int best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best) best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

static const setting_row *find_row(const char *name)
{
    for (size_t i = 0; i < sizeof ROWS / sizeof ROWS[0]; i++)
        if (strcmp(name, ROWS[i].s.name) == 0) return &ROWS[i];
    return NULL;
}

int nn_config_set(nn_config *c, const char *name, const char *value, const char *shown)
{
    const setting_row *r = find_row(name);
    if (!r) {
        const char *best = NULL;
        int bd = 4;
        /* at most 3 edits, and at most half the name: '--bogus' was "did you mean 'loss'?" */
        const int half = (int)strlen(name) / 2;
        for (size_t i = 0; i < sizeof ROWS / sizeof ROWS[0]; i++) {
            int d = nn_edit_distance(name, ROWS[i].s.name);
            if (d < bd && d <= half) { bd = d; best = ROWS[i].s.name; }
        }
        if (best) return nn_set_error(NN_ERR_ARG, "unknown setting '%s' (did you mean '%s'?)", name, best);
        return nn_set_error(NN_ERR_ARG, "unknown setting '%s'", name);
    }
    return r->set(c, shown ? shown : name, value ? value : "");
}

void nn_config_get(const nn_config *c, const char *name, char *buf, int len)
{
    const setting_row *r = find_row(name);
    if (len > 0) buf[0] = '\0';
    if (r && len > 0) r->get(c, buf, len);
}
