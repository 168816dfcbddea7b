/* nn/trainer.h - gradient descent over shuffled mini-batches, with metrics.
 *
 * One trainer = one model + one optimizer + borrowed train/dev/test sets.
 * Each nn_trainer_step() takes one mini-batch (batch 1 = stochastic, batch n
 * = full batch, in between = mini-batch) and makes one parameter update. When
 * an epoch's last mini-batch is done the trainer evaluates loss and accuracy
 * on all three sets and appends a row to its history: dev and test whole, the
 * training set whole, on a fixed sample, or, by default when it is large,
 * from the epoch's running average over its mini-batches (train_eval).
 *
 *     nn_train_desc d = nn_train_desc_default();
 *     d.model = nn_model_desc_mlp(2, (int[]){16, 16}, 2, 3, NN_ACT_RELU, 0, NN_INIT_HE, NN_LOSS_SOFTMAX);
 *     nn_trainer *t = nn_trainer_create(&d, &train, &dev, &test);
 *     while (nn_trainer_state_get(t).epoch < 100)
 *         if (nn_trainer_step(t) == NN_ERR_DIVERGED) break;   // message: nn_trainer_state_get(t).why
 *     nn_trainer_destroy(t);
 *
 * Determinism: initial weights come from (seed, NN_STREAM_INIT) and the data
 * order from (seed, NN_STREAM_SHUFFLE), independently of batch size, learning
 * rate or optimizer, so runs that differ only in those start from identical
 * weights and see examples in the identical order.
 *
 * The datasets are borrowed: they must outlive the trainer.
 */
#ifndef NN_TRAINER_H
#define NN_TRAINER_H

#include <stdint.h>
#include "augment.h"
#include "data.h"
#include "model.h"
#include "optim.h"
#include "schedule.h"

typedef struct nn_train_desc {
    nn_model_desc model;
    nn_optim_desc optim;
    float         lr;           /* base learning rate (default 0.1) */
    nn_schedule   decay;        /* default none */
    int           batch;        /* examples per update; 0 = the whole training set */
    uint64_t      seed;         /* default 1 */
    float         l2;           /* lambda: cost += lambda/(2m) sum ||W||^2 (default 0) */
    float         clip;         /* clip the global gradient norm to this; 0 = off */
    int           early_stop;   /* patience in epochs; 0 = off */
    int           normalize;    /* fit per-feature mean/std on train, apply to all sets */
    int           capture_stats;/* per-layer statistics: 0 off, 1 at each epoch's last
                                   mini-batch, 2 at every step (see nn_trainer_layer_stats) */
    nn_augment_desc augment;    /* image augmentation of each training batch (default off) */
    int           threads;      /* threads the model and optimizer use (nn_model_set_threads):
                                   0 or 1 = the calling thread only (default), -1 = one per
                                   processor (nn_cpu_count) */
    int           train_eval;   /* where the history's train_loss and train_acc come from:
                                   0 = auto (the default): the whole training set when it has
                                   at most NN_TRAIN_EVAL_AUTO examples, else running;
                                   N > 0 = a sample of N examples (the whole set when it has
                                   at most N); NN_TRAIN_EVAL_ALL = the whole set;
                                   NN_TRAIN_EVAL_RUNNING = the epoch's running average: the
                                   mean over that epoch's mini-batches (each weighted by its
                                   rows) of the loss and accuracy of the training forward pass
                                   itself, with the weights as each batch met them and with
                                   dropout and augmentation as in training - no extra forward
                                   pass; the L2 term is added once with the epoch's final
                                   weights. Row 0 (no batches yet) evaluates a sample of
                                   NN_TRAIN_EVAL_AUTO (the whole set when it is no larger).
                                   A sample is drawn once, at creation, from (seed,
                                   NN_STREAM_TRAIN_EVAL): the same examples every epoch and
                                   for every run with that seed (nn_trainer_train_eval) */
} nn_train_desc;

enum { NN_TRAIN_EVAL_RUNNING = -2, NN_TRAIN_EVAL_ALL = -1, NN_TRAIN_EVAL_AUTO = 10000 };

/* One row of history: the state after `epoch` complete epochs (row 0 = before training). */
typedef struct nn_metrics {
    int    epoch;
    long   steps;          /* parameter updates so far */
    long   examples;       /* training examples consumed so far */
    float  lr;             /* learning rate in force during this epoch (row 0: the first epoch's) */
    double train_loss, train_acc;  /* acc < 0 for regression */
    double dev_loss, dev_acc;      /* loss < 0 when the set is empty */
    double test_loss, test_acc;
    double seconds;        /* time spent in nn_trainer_step so far */
} nn_metrics;

typedef struct nn_trainer_state {
    int    epoch;          /* completed epochs */
    int    batch_in_epoch; /* mini-batches done in the current epoch */
    int    batches_per_epoch;
    long   steps, examples;
    double batch_loss;     /* loss of the last mini-batch (before its update) */
    int    diverged;       /* 1 once a non-finite value appeared; training is halted */
    int    stopped;        /* 1 when early stopping ended training */
    int    best_epoch;     /* epoch with the lowest dev loss so far (early stopping) */
    char   why[160];       /* divergence or stop message */
} nn_trainer_state;

typedef struct nn_trainer nn_trainer;

nn_train_desc nn_train_desc_default(void);

nn_trainer *nn_trainer_create(const nn_train_desc *d, const nn_dataset *train,
                              const nn_dataset *dev, const nn_dataset *test);
void        nn_trainer_destroy(nn_trainer *t);

/* One mini-batch update. Returns NN_OK, or NN_ERR_DIVERGED (state.why says
 * where), or NN_ERR_ARG once training has stopped (early stop or divergence). */
int  nn_trainer_step(nn_trainer *t);
/* Steps until the current epoch completes; same returns as nn_trainer_step. */
int  nn_trainer_epoch(nn_trainer *t);
/* Back to the initial weights, optimizer state and data order of creation. */
void nn_trainer_reset(nn_trainer *t);
/* Change the base learning rate without resetting anything. */
void nn_trainer_set_lr(nn_trainer *t, float lr);

nn_trainer_state    nn_trainer_state_get(const nn_trainer *t);
const nn_metrics   *nn_trainer_history(const nn_trainer *t, int *count);
/* Bounds the history for a trainer that runs indefinitely (the desktop
 * program): rows = 0 (the default) keeps a row for every epoch; otherwise
 * (at least 4) when a new row would make more than `rows`, the rows between
 * row 0 and the latest rows/2 - 1 are dropped first. The history then always
 * holds row 0 (the untrained weights) and the latest epochs (rows/2 to
 * rows - 1 of them), the last row being the latest epoch; the rows' epoch
 * fields say which epochs they are. Kept across nn_trainer_reset. */
void                nn_trainer_set_history_limit(nn_trainer *t, int rows);
/* The rate the next update uses (after decay). */
float               nn_trainer_current_lr(const nn_trainer *t);
/* The rate used during the last completed epoch (before training: the first
 * epoch's) - the history row's lr, with the base rate as it is now. */
float               nn_trainer_epoch_lr(const nn_trainer *t);
const nn_train_desc *nn_trainer_desc(const nn_trainer *t);
nn_model           *nn_trainer_model(nn_trainer *t);
nn_optim           *nn_trainer_optim(nn_trainer *t);

/* Per-layer statistics captured at the last captured training step (after its
 * backward, before its update); count = layer count. All zero until captured. */
const nn_layer_stats *nn_trainer_layer_stats(const nn_trainer *t, int *count);

/* Keep a copy of the first k examples of every training mini-batch as the
 * model receives them: after augmentation, before input normalisation (the
 * desktop program shows them). k = 0 (the default) keeps none. Costs k rows
 * of memory and one copy of them per step; changes nothing in training.
 * NN_OK, NN_ERR_NOMEM or NN_ERR_ARG (k < 0). */
int nn_trainer_keep_batch(nn_trainer *t, int k);
/* The kept examples of the latest step: (n, d) rows, and their rows in the
 * training set (index, may be NULL); n = min(k, that batch's size), 0 (and
 * NULL) before the first step after creation or reset. */
const float *nn_trainer_kept_batch(const nn_trainer *t, int *n, const int **index);
/* The error signal of layer i's units (nn_model_error_signal: the mean over
 * the batch's examples of |d loss / d output u|) captured with the layer
 * statistics, after the backward and before the update; *n = the layer's
 * units (channels), 0 for a bad i. NULL until captured (and after a reset)
 * or out of memory. */
const float *nn_trainer_error_signal(const nn_trainer *t, int i, int *n);

/* Loss (with the L2 term when `with_penalty`) and accuracy (-1 for regression)
 * of the current weights on a whole set, in evaluation mode. */
void nn_trainer_evaluate(nn_trainer *t, const nn_dataset *ds, int with_penalty,
                         double *loss, double *acc);

/* The same over rows idx[0 .. n) of ds (n >= 1; each row in [0, ds->n)): the
 * loss averaged over those n examples (plus the L2 term of the whole training
 * set when `with_penalty`), accuracy = the fraction of them right. */
void nn_trainer_evaluate_rows(nn_trainer *t, const nn_dataset *ds, const int *idx, int n,
                              int with_penalty, double *loss, double *acc);

/* How many training examples the history's train_loss and train_acc are
 * computed on by a forward pass (the desc's train_eval resolved against the
 * training set), and *index (may be NULL) = those rows in ascending order, or
 * NULL when they are the whole set (the return value is then the set's size).
 * When the figures are the running average (nn_trainer_train_running) these
 * are the rows of row 0, the only row evaluated by a forward pass: a sample
 * of NN_TRAIN_EVAL_AUTO, or the whole set when it is no larger; evaluating
 * them (nn_trainer_evaluate_rows) gives the current weights' figures on them,
 * e.g. for a curve sampled mid-epoch. */
int nn_trainer_train_eval(const nn_trainer *t, const int **index);
/* 1 when the history's train figures after row 0 are the epoch's running
 * average (train_eval NN_TRAIN_EVAL_RUNNING, or auto on a set larger than
 * NN_TRAIN_EVAL_AUTO), else 0. */
int nn_trainer_train_running(const nn_trainer *t);
/* Where the train figures come from, as nnlab-train's lines say it, into buf
 * (n bytes, 48 are enough): "all", the sample's size ("10000"), or "running";
 * with `of`, as row 0's line says it: "10000 of 50000", "running (row 0: all)"
 * or "running (row 0: 10000 of 50000)". Returns buf. */
const char *nn_trainer_train_eval_name(const nn_trainer *t, int of, char *buf, size_t n);

/* Forward an arbitrary batch of raw (unnormalised) inputs in evaluation mode;
 * applies the trainer's normalisation. Returns (n, n_out) owned by the model. */
const float *nn_trainer_predict(nn_trainer *t, const float *x, int n);

/* Start from these weights (e.g. a saved model's) instead of the random
 * initial ones: optimizer state, data order and history restart and row 0 is
 * evaluated on them. n must equal the model's parameter count. */
int nn_trainer_load_params(nn_trainer *t, const float *params, size_t n);

/* The input normalisation fitted on the training set: returns the feature
 * count and sets mean / inv_std (x' = (x - mean) * inv_std), or 0 when off. */
int nn_trainer_normalisation(const nn_trainer *t, const float **mean, const float **inv_std);

#endif
