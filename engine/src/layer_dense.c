/* layer_dense.c - fully connected layer.
 *
 *   forward   y (B, out) = x (B, in) W^T + b        W (out, in), b (out)
 *   backward  dW += dy^T x      db += sum over rows of dy      dx = dy W
 *
 * Parameters in the arena: W first (n_weights = out * in, decayed by L2),
 * then b (out, not decayed). With no_bias the b slice is absent.
 */
#include <string.h>

#include "layer_impl.h"
#include "nn/status.h"
#include "nn/tensor.h"

static int dense_setup(nn_layer *l)
{
    if (l->d.units < 1)
        return nn_set_error(NN_ERR_ARG, "dense layer needs at least 1 unit (got %d)", l->d.units);
    if ((unsigned)l->d.init >= NN_INIT_COUNT)
        return nn_set_error(NN_ERR_ARG, "dense layer: unknown initializer %d", (int)l->d.init);
    l->out = (nn_shape){ l->d.units, 1, 1 };
    l->n_weights = (size_t)l->d.units * l->n_in;
    l->n_params = l->n_weights + (l->d.no_bias ? 0 : (size_t)l->d.units);
    return NN_OK;
}

static void dense_init(nn_layer *l, nn_rng *rng)
{
    nn_init_fill(l->d.init, l->w, l->n_weights, l->n_in, l->n_out, rng);
    memset(l->w + l->n_weights, 0, (l->n_params - l->n_weights) * sizeof(float));
}

/* y[r][j] = b[j] + sum_k x[r][k] W[j][k]; with ya, also ya = f(y) for the
 * activation layer that follows, each row while it is in cache (one pass
 * over y instead of two, same values). */
static void forward(nn_layer *l, const float *x, float *y, int B, float *ya, nn_act a, float slope)
{
    const int in = l->n_in, out = l->n_out;
    const float *W = l->w, *b = l->d.no_bias ? NULL : l->w + l->n_weights;
    nn_gemm(0, 1, B, out, in, 1.0f, x, in, W, in, 0.0f, y, out);
    if (!b && !ya) return;
    for (int r = 0; r < B; r++) {
        float *yr = y + (size_t)r * out;
        if (b)
            for (int j = 0; j < out; j++) yr[j] += b[j];
        if (ya) nn_act_forward(a, slope, yr, ya + (size_t)r * out, (size_t)out);
    }
}

static void dense_forward(nn_layer *l, const nn_chunk *c, const float *x, float *y, int B,
                          int training)
{
    (void)c; (void)training;
    forward(l, x, y, B, NULL, NN_ACT_LINEAR, 0.0f);
}

static void dense_forward_act(nn_layer *l, const nn_chunk *c, nn_act a, float slope,
                              const float *x, float *y, float *ya, int B, int training)
{
    (void)c; (void)training;
    forward(l, x, y, B, ya, a, slope);
}

static void dense_backward(nn_layer *l, const nn_chunk *c, const float *x, const float *y,
                           const float *dy, float *dx, int B)
{
    (void)y;
    const int in = l->n_in, out = l->n_out;
    float *gW = c->gw, *gb = l->d.no_bias ? NULL : c->gw + l->n_weights;
    const float keep = c->fresh ? 0.0f : 1.0f;                              /* fresh: store */
    nn_gemm(1, 0, out, in, B, 1.0f, dy, out, x, in, keep, gW, in);          /* dW += dy^T x */
    if (gb) {
        if (c->fresh) memset(gb, 0, (size_t)out * sizeof *gb);
        for (int r = 0; r < B; r++) {
            const float *dr = dy + (size_t)r * out;
            for (int j = 0; j < out; j++) gb[j] += dr[j];
        }
    }
    if (dx) nn_gemm(0, 0, B, in, out, 1.0f, dy, out, l->w, in, 0.0f, dx, in); /* dx = dy W */
}

const nn_layer_ops nn_dense_ops = {
    .name = "dense", .setup = dense_setup, .init = dense_init,
    .forward = dense_forward, .backward = dense_backward,
    .forward_act = dense_forward_act, .rowwise = 1, .stores_fresh = 1,
};
