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
 */
#ifndef NN_CONFIG_H
#define NN_CONFIG_H

#include "trainer.h"

#define NN_CONFIG_MAX_HIDDEN 16

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
    nn_train_desc train;                         /* optimizer, lr, decay, batch, seed, l2 ... */
    int           epochs;
} nn_config;

/* One setting: its name (also the CLI option without "--"), what its value
 * looks like, and one sentence of help (also the app's tooltip). */
typedef struct nn_setting {
    const char *name;
    const char *arg;       /* NULL: a flag that takes no value (set with "" or "1") */
    const char *help;
} nn_setting;

nn_config nn_config_default(void);
/* The table of settings, in display order. */
const nn_setting *nn_config_settings(int *count);
/* Set one setting from text. On error returns NN_ERR_ARG and nn_last_error()
 * says, naming the setting as `shown` (e.g. "--lr"; NULL = the name), what it
 * accepts and what it got. An unknown name suggests the closest one. */
int nn_config_set(nn_config *c, const char *name, const char *value, const char *shown);
/* The current value of a setting as text (for lessons and the app); "" if unknown. */
void nn_config_get(const nn_config *c, const char *name, char *buf, int len);

/* The loss and output count the configuration implies for a training set. */
nn_loss nn_config_loss(const nn_config *c, const nn_dataset *train);
/* Build the model description (MLP with optional dropout / batch norm). */
int nn_config_model(const nn_config *c, const nn_dataset *train, nn_model_desc *out);

/* A configured run: its data and its trainer. */
typedef struct nn_run {
    nn_dataset  train, dev, test;
    nn_trainer *trainer;
} nn_run;

int  nn_run_open(nn_run *r, const nn_config *c);   /* NN_OK or an error (message set) */
void nn_run_close(nn_run *r);

/* Levenshtein distance, for "did you mean" hints. */
int nn_edit_distance(const char *a, const char *b);

#endif
