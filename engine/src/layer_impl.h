/* layer_impl.h - private: the layer interface every layer file implements.
 *
 * Recipe for a new layer kind:
 *   1. write layer_foo.c defining `const nn_layer_ops nn_foo_ops`;
 *   2. add its row to LAYER_OPS in model.c (and the kind to nn/model.h);
 *   3. add a gradient-check case in tests/engine/test_gradcheck.c;
 *   4. set .rowwise when each output row depends only on its input row (then
 *      keep per-row state at c->row0 and scratch per c->worker, accumulate
 *      gradients into c->gw) and check it in tests/engine/test_pool.c.
 */
#ifndef NN_LAYER_IMPL_H
#define NN_LAYER_IMPL_H

#include "nn/model.h"
#include "nn/rng.h"

typedef struct nn_layer nn_layer;

/* Which part of a batch a forward or backward call computes. The model may
 * split a batch into row chunks run at once by its pool's threads (model.c);
 * x, y, dy and dx then point at the chunk's first row and B is its row
 * count. A whole batch on one thread is the chunk { 0, 0, l->gw }. */
typedef struct nn_chunk {
    int    worker;   /* 0 .. workers-1: which per-worker scratch the layer uses */
    int    row0;     /* the chunk's first row within the batch (rows of per-row state) */
    float *gw;       /* where this call accumulates the layer's gradients: l->gw for
                        worker 0, a worker's own arena slice for the others */
    int    fresh;    /* 1: gw holds stale values; the layer stores its gradients
                        there instead of adding them (only for layers with
                        .stores_fresh: in a worker's own arena, or in the
                        model's after nn_model_zero_grad) */
} nn_chunk;

typedef struct nn_layer_ops {
    const char *name;
    /* From l->d and l->in: set l->out, l->n_params, l->n_weights; allocate
     * l->priv if needed. Return NN_OK or set an error. */
    int  (*setup)(nn_layer *l);
    /* Draw initial parameters into l->w (NULL if the layer has none). */
    void (*init)(nn_layer *l, nn_rng *rng);
    /* y (B, n_out) = layer(x (B, n_in)). */
    void (*forward)(nn_layer *l, const nn_chunk *c, const float *x, float *y, int B, int training);
    /* c->gw += dL/dparams; dx (B, n_in) = dL/dx (overwritten; NULL for the first layer).
     * x, y are the forward input and output of the same batch. */
    void (*backward)(nn_layer *l, const nn_chunk *c, const float *x, const float *y,
                     const float *dy, float *dx, int B);
    /* Optional (NULL: the model runs the two layers one after the other):
     * forward, then the activation (a, slope) of the activation layer that
     * follows, row by row while the row is still in cache: y as forward writes
     * it and ya = f(y), the same values the two layers give. */
    void (*forward_act)(nn_layer *l, const nn_chunk *c, nn_act a, float slope, const float *x,
                        float *y, float *ya, int B, int training);
    /* Optional (NULL: the model runs the two layers' backward one after the
     * other): backward, then the backward of the activation (a, slope) of the
     * activation layer before this one, whose input is xa and output x: dx as
     * backward writes it and dxa = f'(xa) dx, channel by channel while it is
     * in cache, the same values the two layers give. Called only with dx. */
    void (*backward_act)(nn_layer *l, const nn_chunk *c, nn_act a, float slope, const float *xa,
                         const float *x, const float *dy, float *dx, float *dxa, int B);
    /* Make private per-batch buffers hold B rows, and per-worker scratch
     * serve `workers` chunks at once (NULL if none are needed). */
    int  (*reserve)(nn_layer *l, int B, int workers);
    /* Free l->priv (NULL if nothing to free). */
    void (*destroy)(nn_layer *l);
    /* 1: output row r depends only on input row r and the parameters, in
     * training too, so the model may run the layer on row chunks at once
     * (dense, activations, convolution, pooling, flatten). 0: the layer
     * needs the whole batch (batch norm's statistics) or draws from the
     * model's random stream row after row (dropout); it runs on the caller. */
    int  rowwise;
    /* 1: backward honours c->fresh (stores rather than adds), so the model
     * need not clear a worker's arena for this layer first. */
    int  stores_fresh;
} nn_layer_ops;

struct nn_layer {
    const nn_layer_ops *ops;
    nn_layer_desc d;
    nn_shape in, out;          /* per-example shapes */
    int      n_in, n_out;      /* per-example feature counts (c*h*w) */
    size_t   offset;           /* start of this layer's slice in the arena */
    size_t   n_params, n_weights;
    float   *w, *gw;           /* (n_params) views into the model arenas */
    nn_rng  *rng;              /* the model's training-noise generator (dropout) */
    void    *priv;             /* layer-private state */
};

static inline int nn_shape_size(nn_shape s) { return s.c * s.h * s.w; }

extern const nn_layer_ops nn_dense_ops;
extern const nn_layer_ops nn_act_ops;
extern const nn_layer_ops nn_dropout_ops;
extern const nn_layer_ops nn_batchnorm_ops;
extern const nn_layer_ops nn_conv2d_ops;
extern const nn_layer_ops nn_maxpool_ops;
extern const nn_layer_ops nn_flatten_ops;

/* Spans of layers the model has split over its pool so far (tests). */
long nn__model_splits(const nn_model *m);

/* Layer-specific state for observers (see nn_model_dropout_mask and friends). */
const uint8_t *nn__dropout_mask(const nn_layer *l, int *rows);
int nn__batchnorm_stats(const nn_layer *l, const float **mean, const float **var);

#endif
