/* nn/model.h - a sequential network.
 *
 * A model is a list of layers applied in order to a batch of inputs
 * (batch, n_in). All weights live in one contiguous arena `params` and all
 * gradients in a matching arena `grads`; each layer owns a slice. Optimizers,
 * snapshots, gradient checks and saved files therefore deal with one flat
 * vector.
 *
 *     nn_model_desc d = nn_model_desc_default();
 *     d.n_in = 2;
 *     nn_model_add(&d, nn_layer_dense(16, NN_INIT_HE));
 *     nn_model_add(&d, nn_layer_act(NN_ACT_RELU));
 *     nn_model_add(&d, nn_layer_dense(3, NN_INIT_HE));
 *     d.loss = NN_LOSS_SOFTMAX;
 *     nn_model *m = nn_model_create(&d, seed);    // NULL + nn_last_error() on bad desc
 *     const float *z = nn_model_forward(m, x, batch, 1);
 *     nn_model_zero_grad(m);
 *     double loss = nn_loss_eval(d.loss, z, y, batch, nn_model_n_out(m), dz, NULL);
 *     nn_model_backward(m, dz);                  // grads += dL/dparams
 *     nn_model_destroy(m);
 *
 * Ownership: the model owns its arenas and activation buffers; pointers it
 * returns stay valid until the next forward pass, nn_model_set_threads or destroy.
 * Thread-safety: one model is used by one thread at a time (which may hand
 * parts of a batch to the model's own pool, see nn_model_set_threads).
 */
#ifndef NN_MODEL_H
#define NN_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include "act.h"
#include "init.h"
#include "loss.h"
#include "pool.h"

#define NN_MAX_LAYERS 64
/* Sane limits, checked by nn_model_desc_check before anything is allocated:
 * values per example between two layers (input included), parameters, and
 * the bytes the model itself holds (parameters, gradients, layer scratch). */
#define NN_MAX_FEATURES    (1 << 22)
#define NN_MAX_PARAMS      ((size_t)1 << 27)
#define NN_MAX_MODEL_BYTES ((size_t)1 << 31)

typedef enum nn_layer_kind {
    NN_LAYER_DENSE,      /* y = x W^T + b ; W (out, in), b (out) */
    NN_LAYER_ACT,        /* y = f(x) elementwise */
    NN_LAYER_DROPOUT,    /* inverted dropout (training only) */
    NN_LAYER_BATCHNORM,  /* per-feature batch normalisation with learned gamma, beta */
    NN_LAYER_CONV2D,     /* 2-D convolution over (C, H, W) rows */
    NN_LAYER_MAXPOOL,    /* 2-D max-pooling */
    NN_LAYER_FLATTEN,    /* (C, H, W) -> features; a no-op on data, a change of shape */
    NN_LAYER_COUNT
} nn_layer_kind;

/* The per-example shape of the data flowing between layers. Flat features
 * are (c = n, h = 1, w = 1). */
typedef struct nn_shape { int c, h, w; } nn_shape;

/* What a layer is. Fields not used by a kind are ignored. */
typedef struct nn_layer_desc {
    nn_layer_kind kind;
    int     units;      /* dense: outputs; conv2d: output channels */
    nn_init init;       /* dense, conv2d */
    int     no_bias;    /* dense, conv2d: drop the bias (e.g. before batch norm) */
    nn_act  act;        /* act */
    float   slope;      /* act leaky: negative slope */
    float   drop;       /* dropout: probability that a unit is switched OFF */
    float   momentum;   /* batchnorm: running-average factor (default 0.9) */
    float   bn_eps;     /* batchnorm: variance epsilon (default 1e-5) */
    int     kernel, stride, pad;   /* conv2d, maxpool */
} nn_layer_desc;

typedef struct nn_model_desc {
    nn_shape      in;                 /* per-example input shape; flat: {n_in, 1, 1} */
    int           n_layers;
    nn_layer_desc layers[NN_MAX_LAYERS];
    nn_loss       loss;
} nn_model_desc;

/* Read-only facts about one layer of a created model. */
typedef struct nn_layer_info {
    nn_layer_kind kind;
    const char   *name;         /* "dense", "relu", ... */
    nn_shape      in, out;      /* per-example shapes */
    size_t        param_offset; /* slice of the arena: [offset, offset + n_params) */
    size_t        n_params;
    size_t        n_weights;    /* the first n_weights of the slice are weights (decayed by L2);
                                   the rest are biases / shifts (not decayed) */
} nn_layer_info;

nn_layer_desc nn_layer_dense(int units, nn_init init);
nn_layer_desc nn_layer_act(nn_act act);
nn_layer_desc nn_layer_dropout(float drop);
nn_layer_desc nn_layer_batchnorm(void);
nn_layer_desc nn_layer_conv2d(int channels, int kernel, int stride, int pad, nn_init init);
nn_layer_desc nn_layer_maxpool(int kernel, int stride);
nn_layer_desc nn_layer_flatten(void);

const char *nn_layer_kind_name(nn_layer_kind k);

nn_model_desc nn_model_desc_default(void);
/* Append a layer; returns NN_OK or NN_ERR_ARG when NN_MAX_LAYERS is reached. */
int nn_model_add(nn_model_desc *d, nn_layer_desc l);

/* Check a description without allocating: kinds, shapes (a kernel must fit
 * its padded input, a pooling window its input), every count within the
 * limits above. NN_OK and *n_params (may be NULL) the parameter count the
 * model will have, or NN_ERR_ARG with a message naming the layer.
 * nn_model_create calls it first. */
int nn_model_desc_check(const nn_model_desc *d, size_t *n_params);

typedef struct nn_model nn_model;

/* Build the model and initialise its weights from `seed` (stream NN_STREAM_INIT).
 * Returns NULL with nn_last_error() set if the description is inconsistent. */
nn_model *nn_model_create(const nn_model_desc *d, uint64_t seed);
void      nn_model_destroy(nn_model *m);
/* Re-draw the initial weights exactly as nn_model_create did for `seed`. */
void      nn_model_reinit(nn_model *m, uint64_t seed);

const nn_model_desc *nn_model_get_desc(const nn_model *m);
int    nn_model_n_in(const nn_model *m);
int    nn_model_n_out(const nn_model *m);
int    nn_model_layer_count(const nn_model *m);
nn_layer_info nn_model_layer(const nn_model *m, int i);
size_t nn_model_param_count(const nn_model *m);
/* Rows per forward pass when a whole set is evaluated in chunks (the trainer
 * and the loss slice both use it, so they sum the same chunks): as many as
 * keep the model's per-row buffers within 8 MB, from 256 to 1024. */
int    nn_model_eval_rows(const nn_model *m);
float *nn_model_params(nn_model *m);         /* (n_params) the arena */
float *nn_model_grads(nn_model *m);          /* (n_params) matching gradients */

/* Run forward and backward passes on `threads` threads (1 = the default:
 * everything on the calling thread, as before threads existed). With more,
 * the model owns a pool (nn/pool.h) and splits each batch into one chunk of
 * rows per thread for the layers that treat rows independently (dense,
 * activations, convolution, pooling, flatten; dropout and batch norm run on
 * the caller), when the batch is large enough to be worth it. Each chunk's
 * products run single-threaded, so this sets OpenBLAS to one thread per call
 * (process-wide, nn_blas_set_threads(1)). Per-thread gradients are added in
 * a fixed order: a given thread count gives the same bits run after run;
 * 1 and N threads may differ in the last digits (sums in another order).
 * Frees the activation buffers. NN_OK, NN_ERR_ARG (threads outside
 * 1..NN_MAX_THREADS) or NN_ERR_NOMEM (then 1 thread). */
int      nn_model_set_threads(nn_model *m, int threads);
int      nn_model_threads(const nn_model *m);
nn_pool *nn_model_pool(nn_model *m);         /* NULL with 1 thread; nn_pool_run accepts NULL */
/* The pool when a forward of `batch` rows would split some span over it,
 * else NULL: the pool for the work around such a step (assembling the
 * batch, checking the arena, the update), which is worth splitting only
 * when the step's own products are (a small batch stays on one thread). */
nn_pool *nn_model_pool_for(nn_model *m, int batch);

/* Forward a batch x (batch, n_in). training = 1 enables dropout masks and
 * batch statistics. Returns the outputs (batch, n_out), owned by the model. */
const float *nn_model_forward(nn_model *m, const float *x, int batch, int training);
/* Back-propagate dL/dout (batch, n_out) of the last forward; grads += dL/dparams. */
void nn_model_backward(nn_model *m, const float *dout);
/* The gradients start again from zero: the next backward stores them rather
 * than adding (nn_model_grads reads zeros until then). */
void nn_model_zero_grad(nn_model *m);

/* The output of layer i from the last forward (batch rows of info.out size);
 * i = -1 gives the input. Returns the row count through *batch. */
const float *nn_model_activation(const nn_model *m, int i, int *batch);
/* dL/d(output of layer i) from the last backward, same layout; NULL before any backward. */
const float *nn_model_activation_grad(const nn_model *m, int i);

/* ---- observation: cheap reads for views and the --layer-stats CSV ---- */

#define NN_HIST_BINS 32

typedef struct nn_layer_stats {
    double act_mean, act_std;   /* of the layer's output over the last forward batch */
    double grad_norm;           /* ||dL/dW|| of the layer's weights (0 if it has none) */
    double weight_norm;         /* ||W|| */
    double grad_ratio;          /* ||dW|| / ||W|| (0 when ||W|| = 0) */
    double out_grad_norm;       /* ||dL/d output|| over the batch (0 before a backward) */
    double saturated;           /* sigmoid and tanh layers: the fraction of outputs in the
                                   flat ends, the outer 5% of the output range at either end
                                   (sigmoid a < 0.05 or a > 0.95; tanh |a| > 0.9), where the
                                   slope is below a fifth of its peak (tanh(z) = 2 sigmoid(2z) - 1,
                                   so both are the same test); 0 for every other layer */
    float  hist_lo, hist_hi;    /* range of the activation histogram */
    int    hist[NN_HIST_BINS];  /* activation counts in equal bins over [lo, hi] */
} nn_layer_stats;

/* Statistics of layer i from the last forward/backward. The histogram spans
 * [lo, hi] when lo < hi, else the observed range. */
void nn_model_layer_stats(const nn_model *m, int i, float lo, float hi, nn_layer_stats *out);
/* Histogram of layer i's weights over [lo, hi] (values outside are clamped). */
void nn_model_weight_histogram(const nn_model *m, int i, float lo, float hi, int *bins, int n_bins);
/* The dropout mask of layer i from the last training forward: (rows, n) with
 * 1 = kept; NULL if layer i is not dropout or the last forward was evaluation. */
const uint8_t *nn_model_dropout_mask(const nn_model *m, int i, int *rows);
/* Batch-norm layer i: the last training batch's mean and variance (n each) and
 * the running averages used at evaluation; returns n, or 0 if not batch norm. */
int nn_model_batchnorm_stats(const nn_model *m, int i, const float **batch_mean,
                             const float **batch_var, const float **run_mean, const float **run_var);

/* The error signal of each unit of layer i from the last backward: out[u] =
 * sum over the batch of |dL/d(output u of layer i)| (for a (C, H, W) output,
 * u is a channel and the positions are averaged). With the trainer's loss,
 * the mean over the batch, this is the mean over the batch's examples of
 * |d loss_example / d z_u| - the size of the backpropagated delta of unit u
 * (for a dense layer its output is the pre-activation z) - on the same scale
 * as dL/dbias_u, which is the signed sum of the same terms. Writes
 * min(n, units) values and returns that count; 0 before any backward, or
 * after a forward pass (which invalidates the backward's buffers). */
int nn_model_error_signal(const nn_model *m, int i, float *out, int n);

/* Index of the first layer holding a non-finite parameter or gradient, or -1. */
int nn_model_find_nonfinite(const nn_model *m);

/* Build a multilayer perceptron: for each hidden size a dense layer then the
 * activation, then a dense output layer of n_out units. */
nn_model_desc nn_model_desc_mlp(int n_in, const int *hidden, int n_hidden, int n_out,
                                nn_act act, float slope, nn_init init, nn_loss loss);

#endif
