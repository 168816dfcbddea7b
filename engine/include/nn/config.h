/* nn/config.h - one description of a training run, set by name.
 *
 * The same table of settings serves every front end: nnlab-train maps
 * `--lr 0.03` to nn_config_set(c, "lr", "0.03"), a lesson says `set lr = 0.03`,
 * and the app's panels take their ranges and tooltips from the same rows. A
 * new hyperparameter is one row here and appears everywhere.
 *
 *     nn_config c = nn_config_default();
 *     if (nn_config_set(&c, "layers", "32,32")) fail(nn_last_error());
 *     nn_run r;
 *     if (nn_run_open(&r, &c)) fail(nn_last_error());   // data + trainer
 *     while (nn_trainer_state_get(r.trainer).epoch < c.epochs) nn_trainer_epoch(r.trainer);
 *     nn_run_close(&r);
 *
 * Image data are settings like any other:
 *
 *     nn_config_set(&c, "data", "fashion-small", NULL);     // or "fashion" (full Fashion-MNIST)
 *     nn_config_set(&c, "train-limit", "2000", NULL);
 *     nn_config_set(&c, "layers", "c8k3,p2,c16k3,p2,64", NULL);   // the grammar of nn/layerspec.h
 *     nn_config_set(&c, "augment", "rotate=10,flip-h=0.5", NULL); // the grammar of nn/augment.h
 *     nn_run_open(&r, &c);          // loads the images; r.notice says if fashion-small replaced fashion
 *
 * nn_config is a plain value: copy it with `=`; it owns no memory (its text
 * settings are fixed-size arrays).
 */
#ifndef NN_CONFIG_H
#define NN_CONFIG_H

#include "images.h"
#include "trainer.h"

#define NN_CONFIG_MAX_HIDDEN 24  /* deep enough to show vanishing gradients (20 and more) */
#define NN_CONFIG_TEXT 1024      /* room for a layer spec or a directory name, with its '\0' */
#define NN_CONFIG_MAX_FEATURES 2 /* feature-scale factors: the synthetic sets have 1 or 2 inputs */

/* Image data: data = fashion | fashion-small (nn/images.h). */
typedef struct nn_config_images {
    int  on;                         /* 1: the run loads images of `kind`; data.kind is then unused */
    int  kind;                       /* nn_images_kind */
    char dir[NN_CONFIG_TEXT];        /* data-dir: where the Fashion-MNIST .gz files are */
    int  train_limit;                /* train-limit; 0 = all */
    int  dev_size;                   /* dev-size; -1 = one sixth of the training images */
    int  subset[NN_FASHION_CLASSES]; /* class-subset, in the order given */
    int  n_subset;                   /* 0 = all classes */
} nn_config_images;

typedef struct nn_config {
    nn_data_desc  data;
    int           hidden[NN_CONFIG_MAX_HIDDEN];  /* hidden layer sizes */
    int           n_hidden;
    nn_act        act;
    float         slope;                         /* leaky ReLU negative slope */
    nn_init       init;
    int           loss;                          /* nn_loss, or -1 = chosen from the data */
    float         dropout[NN_CONFIG_MAX_HIDDEN]; /* drop probability per hidden layer */
    int           batchnorm;                     /* batch norm after each hidden dense layer */
    nn_train_desc train;                         /* optimizer, lr, decay, batch, seed, l2, augment ... */
    int           epochs;
    nn_config_images images;                     /* used when images.on */
    char          layers[NN_CONFIG_TEXT];        /* "layers" in the image grammar (conv, pool or dX
                                                    items, nn/layerspec.h); "" = hidden[] */
    /* feature-scale: input feature k of train, dev and test is multiplied by
     * feature_scale[k] when the data are made, before any normalisation (a
     * data set whose inputs have very different scales). n_feature_scale = 0:
     * none. Synthetic data only, one factor per input feature (checked when
     * the run opens); image data refuse it. */
    float         feature_scale[NN_CONFIG_MAX_FEATURES];
    int           n_feature_scale;
} nn_config;

/* One setting: its name (also the CLI option without "--"), what its value
 * looks like, and one sentence of help (also the app's tooltip). */
typedef struct nn_setting {
    const char *name;
    const char *arg;       /* NULL: a flag that takes no value (set with "" or "1") */
    const char *help;
    const char *label;     /* a noun for sentences: "learning rate", "batch size" */
} nn_setting;

nn_config nn_config_default(void);
/* The table of settings, in display order. */
const nn_setting *nn_config_settings(int *count);
/* Set one setting from text. On error returns NN_ERR_ARG and nn_last_error()
 * says, naming the setting as `shown` (e.g. "--lr"; NULL = the name), what it
 * accepts and what it got. An unknown name suggests the closest one. */
int nn_config_set(nn_config *c, const char *name, const char *value, const char *shown);
/* A layer spec (any "layers" value that is not 'none' or a list of sizes) is
 * kept as text and checked against the data when the run opens; so are the
 * fit of "augment" to the data and repeated classes in "class-subset".
 * Defaults read back as text: train-limit "all", class-subset "all",
 * dev-size "auto", augment "none", feature-scale "none"; each is also
 * accepted by nn_config_set. feature-scale's count is checked against the
 * data's inputs when the run opens (nn_run_open_data). */
/* The current value of a setting as text (for lessons and the app); "" if unknown. */
void nn_config_get(const nn_config *c, const char *name, char *buf, int len);

/* 1 if the run's data are images (data = fashion or fashion-small): cheap, no loading. */
int nn_config_is_images(const nn_config *c);
/* The data's name as set: "spiral", ..., "fashion", "fashion-small". */
const char *nn_config_data_name(const nn_config *c);
/* The image loader's description for this configuration (progress off).
 * out->dir points into c->images.dir: c must outlive its use. */
void nn_config_images_desc(const nn_config *c, nn_images_desc *out);

/* The loss and output count the configuration implies for a training set. */
nn_loss nn_config_loss(const nn_config *c, const nn_dataset *train);
/* Build the model description: the layer spec (c->layers) when set, else an
 * MLP of hidden[] with optional dropout / batch norm. */
int nn_config_model(const nn_config *c, const nn_dataset *train, nn_model_desc *out);

/* A configured run: its data and its trainer. */
typedef struct nn_run {
    nn_dataset  train, dev, test;
    nn_trainer *trainer;
    char        notice[512];   /* "" or one line to show, e.g. "Fashion-MNIST not found in DIR
                                  (...); using the built-in fashion-small"; kept by nn_run_close */
    int         borrowed;      /* 1: train/dev/test are another run's (nn_run_open_on): not freed here */
} nn_run;

/* How a run is opened; all zero (or a NULL pointer) = the defaults. */
typedef struct nn_run_opts {
    /* How messages produced while opening name settings: NULL or "" gives
     * "layers c8k3 needs image data (data fashion or fashion-small)", "--"
     * gives nnlab-train's "--layers c8k3 needs image data (--data fashion or
     * fashion-small)". (Errors of nn_config_set name them as its `shown`.) */
    const char    *prefix;
    nn_progress_fn progress;   /* loading progress, 0..1 (nn/images.h); NULL = none */
    void          *progress_arg;
} nn_run_opts;

/* Load or generate the data, then build the model and the trainer (with the
 * augmentation of c->train.augment). NN_OK, or an error with its message set
 * (the run is then closed; r->notice may still hold a notice). Can run on a
 * worker thread (error messages are per thread). */
int  nn_run_open(nn_run *r, const nn_config *c);
int  nn_run_open_ex(nn_run *r, const nn_config *c, const nn_run_opts *o);
/* The two halves of nn_run_open_ex, for a caller that acts between them
 * (nnlab-train prints the notice and applies --load):
 *   nn_run_open_data: checks that the layer spec, augmentation and
 *     feature-scale suit the data, then fills r->train/dev/test (scaled by
 *     feature-scale) and r->notice (trainer NULL);
 *   nn_run_open_trainer: builds the model (from `model` when not NULL, else
 *     nn_config_model) and the trainer. */
int  nn_run_open_data(nn_run *r, const nn_config *c, const nn_run_opts *o);
int  nn_run_open_trainer(nn_run *r, const nn_config *c, const nn_model_desc *model,
                         const nn_run_opts *o);
void nn_run_close(nn_run *r);

/* Runs that share their data (runs compared side by side; no loading or
 * copying per run):
 *   nn_config_same_data: 1 if a and b make the same data sets (data kind,
 *     samples, noise, classes, split, shift, seed and feature-scale; for
 *     images the kind, folder, train-limit, dev-size and class-subset). No
 *     loading; the other settings (network, optimizer, augmentation ...)
 *     do not matter.
 *   nn_run_check_on: the checks nn_run_open_data and the model make of c
 *     (layer spec, augmentation and feature-scale against the data), done
 *     against the sets `data` holds without building anything: NN_OK or an
 *     error with its message.
 *   nn_run_open_on: a run of c on the sets of `data` (an open run whose data
 *     a configuration with nn_config_same_data(that, c) made: the caller's
 *     promise): the checks, then the trainer as nn_run_open_trainer. The sets
 *     are borrowed (r->borrowed = 1): nn_run_close(r) leaves them, and
 *     `data` must stay open until r is closed.
 *   nn_run_copy_data: dst gets its own copy of src's three sets (no trainer;
 *     nn_run_close(dst) frees them). NN_OK or NN_ERR_NOMEM. */
int  nn_config_same_data(const nn_config *a, const nn_config *b);
int  nn_run_check_on(const nn_config *c, const nn_run *data, const nn_run_opts *o);
int  nn_run_open_on(nn_run *r, const nn_config *c, const nn_run *data, const nn_run_opts *o);
int  nn_run_copy_data(nn_run *dst, const nn_run *src);

/* Levenshtein distance, for "did you mean" hints. */
int nn_edit_distance(const char *a, const char *b);

#endif
