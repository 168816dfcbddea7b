/* app/shell/lens.h - a read-only look at the Playground's live run, for views.
 *
 * Views that are "lenses" on the Playground (Inside the network, and the
 * ones to come) read the run through these calls instead of the session's
 * fields; they change it only through session_set / session_apply /
 * session_step like widgets and lessons do. Every call is cheap (no
 * forward pass), safe while the run is loading or failed to open (counts
 * are 0, pointers NULL), and reads what the last training update left:
 *
 *     const nn_config *c = lens_config(&a->s);
 *     int n = lens_layer_count(&a->s);
 *     const nn_layer_stats *st = lens_layer_stats(&a->s, NULL);   // st[i].grad_norm ...
 *     for (int k = 0; k < lens_grad_count(&a->s); k++) draw(lens_grad_norm(&a->s, k, layer));
 *
 * The per-layer statistics are the engine's nn_trainer_layer_stats of the
 * latest update, taken after its backward pass and before clipping and the
 * update (the same numbers `nnlab-train --layer-stats` writes at an epoch's
 * last update). No SDL here.
 */
#ifndef NNLAB_LENS_H
#define NNLAB_LENS_H

#include <stdint.h>

#include "nn/config.h"

struct session;

/* The run's settings (read them by name with nn_config_get). */
const nn_config   *lens_config(const struct session *s);
/* 1 when a run is open (built and not loading). */
int                lens_open(const struct session *s);
nn_trainer_state   lens_state(const struct session *s);
/* The metric history, one row per epoch (session_history's bounded rows). */
const nn_metrics  *lens_history(const struct session *s, int *count);
/* Increments whenever the weights change (to cache what is derived from them). */
uint64_t           lens_version(const struct session *s);

/* The model's layers (dense, activation, batch norm, dropout ... each one). */
int                lens_layer_count(const struct session *s);
nn_layer_info      lens_layer(const struct session *s, int i);
/* The layer-i activation function for activation layers; -1 for others. */
int                lens_layer_act(const struct session *s, int i);
/* Statistics of every layer at the latest update (count = layer count); NULL
 * before the first update. Activation histograms span each layer's observed range. */
const nn_layer_stats *lens_layer_stats(const struct session *s, int *count);

/* Histograms over [lo, hi] into bins[n] (values outside go to the end bins):
 * layer i's weights (not biases), and its weight gradients of the latest
 * update (after clipping). Return the number of values counted (0: none). */
int  lens_weight_histogram(const struct session *s, int i, float lo, float hi, int *bins, int n);
int  lens_grad_histogram(const struct session *s, int i, float lo, float hi, int *bins, int n);
/* The largest |w| of layer i's weights (0 if it has none). */
float lens_weight_absmax(const struct session *s, int i);
/* The standard deviation the layer's initialiser aims for (nn_init_std; 0 for
 * zeros or layers without weights). */
double lens_init_std(const struct session *s, int i);

/* Batch norm layer i: the last training batch's mean and variance, the
 * running ones used at evaluation, and gamma, beta (n each); returns n, or 0
 * when layer i is not batch norm. */
int  lens_batchnorm(const struct session *s, int i, const float **batch_mean, const float **batch_var,
                    const float **run_mean, const float **run_var, const float **gamma, const float **beta);

/* Dropout of the latest update's first example, per hidden neuron thumbnail
 * (1 = switched off; session.h's neuron order): returns the neuron count. */
int  lens_dropped(const struct session *s, const unsigned char **off);

/* The per-layer gradient norms of the latest updates (at most
 * SESSION_GRAD_RING; emptied when the run opens or resets): k = 0 is the
 * oldest kept, lens_grad_count - 1 the latest. */
int    lens_grad_count(const struct session *s);
/* ||dJ/dW|| of layer i at record k (0 for layers without weights). */
double lens_grad_norm(const struct session *s, int k, int i);
/* The update count after record k (1 for the run's first update). */
long   lens_grad_step(const struct session *s, int k);

/* Dense layer i's weight matrix, row-major (rows = its neurons, cols = their
 * inputs: row j holds neuron j's incoming weights), and its biases (rows of
 * them; NULL without). NULL, rows = cols = 0 for any other layer. */
const float *lens_weights(const struct session *s, int i, int *rows, int *cols, const float **bias);

/* Image runs: the first images (at most SESSION_BATCH_KEEP) of the latest
 * training mini-batch exactly as the network received them - after
 * augmentation, before input normalisation - (n, c*h*w) in [0, 1], their rows
 * in the training set (index), and the image shape. Returns n; 0 (NULLs)
 * before the first update, after a reset or for 2-D data. */
int  lens_batch(const struct session *s, const float **x, const int **index, nn_shape *shape);
/* The run's training set (its images unaugmented: nn_dataset_gather); NULL
 * when no run is open. */
const nn_dataset *lens_train_set(const struct session *s);
/* Layer i's weight gradients dJ/dW of the latest update, laid out as its
 * weights (dense: (out, in)), in the model's gradient arena: after the
 * backward pass (with the L2 term), after clipping when clipping is on (the
 * gradient the optimizer was given), and untouched by the update itself.
 * *n = the weight count. NULL (and *n = 0) before the first update, after a
 * reset, or for a layer without weights. */
const float *lens_weight_grads(const struct session *s, int i, size_t *n);
/* The error signal of layer i's units at the latest update: for each unit u
 * the mean over the mini-batch's examples of |d loss / d output u| (for a
 * dense layer its pre-activation z: the backpropagated delta), taken after
 * the backward pass and before clipping and the update
 * (nn_trainer_error_signal). Returns the unit count (channels for images)
 * and *v, or 0 and NULL before the first update. */
int          lens_error_signal(const struct session *s, int i, const float **v);

/* ---- the network's outputs, for the softmax view ----
 * The run's loss (nn_loss: softmax, bce or mse; -1 when no run is open) and
 * the model's output count (0 when none). */
int  lens_loss(const struct session *s);
int  lens_outputs(const struct session *s);
/* The examples a view shows: the dev set (the training set when the run has
 * none), examples the network does not learn from; NULL when no run is open. */
const nn_dataset *lens_examples(const struct session *s);
/* The model's raw outputs (logits) for n raw inputs x (n, d), in evaluation
 * mode with the run's input normalisation: (n, lens_outputs) floats owned by
 * the model, valid until its next forward pass; NULL when no run is open or
 * on failure. Unlike the calls above this runs a forward pass (training is
 * unchanged: the weights and the trainer's state are not touched). */
const float *lens_logits(const struct session *s, const float *x, int n);
/* 2-D data: the output layer's logits over the session's probe grid
 * (SESSION_GRID x SESSION_GRID, row 0 at the top, outputs one plane after
 * another) and the plane it covers, lo[] to hi[]; NULL when the probes are
 * not of the current weights (call session_probe first) or the data are not 2-D. */
const float *lens_plane_logits(const struct session *s, int *n_out, float lo[2], float hi[2]);
/* Increments whenever a run opens (new data or a new network). */
uint64_t     lens_run_id(const struct session *s);

#endif
