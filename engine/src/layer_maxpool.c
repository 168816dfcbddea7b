/* layer_maxpool.c - 2-D max-pooling per channel, no padding.
 *
 *   in (B, C, H, W)  out (B, C, OH, OW),  OH = (H - K) / S + 1 (floor), OW likewise
 *   y[b][c][oy][ox] = max over the K x K window at (oy*S, ox*S)
 *   backward: the gradient goes to the window's maximum only (first one on ties)
 *
 * No parameters. The argmax of each output is remembered for the backward pass.
 */
#include <string.h>

#include "layer_impl.h"
#include "nn/status.h"

typedef struct pool_priv { int cap; int *arg; /* (cap, n_out) input index of each max */ } pool_priv;

static int pool_setup(nn_layer *l)
{
    const int K = l->d.kernel, S = l->d.stride > 0 ? l->d.stride : l->d.kernel;
    if (K < 1) return nn_set_error(NN_ERR_ARG, "max-pool needs a window of at least 1");
    if (K > l->in.h || K > l->in.w)
        return nn_set_error(NN_ERR_ARG, "max-pool window %d does not fit a %dx%d input",
                            K, l->in.h, l->in.w);
    l->d.stride = S;
    l->out = (nn_shape){ l->in.c, (l->in.h - K) / S + 1, (l->in.w - K) / S + 1 };
    if (!(l->priv = nn_alloc(sizeof(pool_priv)))) return NN_ERR_NOMEM;
    return NN_OK;
}

static int pool_reserve(nn_layer *l, int B, int workers)
{
    (void)workers;
    pool_priv *p = l->priv;
    if (B <= p->cap) return NN_OK;
    nn_free(p->arg);
    if (!(p->arg = nn_alloc((size_t)B * l->n_out * sizeof *p->arg))) { p->cap = 0; return NN_ERR_NOMEM; }
    p->cap = B;
    return NN_OK;
}

static void pool_destroy(nn_layer *l)
{
    pool_priv *p = l->priv;
    if (!p) return;
    nn_free(p->arg);
    nn_free(p);
    l->priv = NULL;
}

static void pool_forward(nn_layer *l, const nn_chunk *ch, const float *x, float *y, int B,
                         int training)
{
    (void)training;
    pool_priv *p = l->priv;
    int *arg = p->arg + (size_t)ch->row0 * l->n_out;     /* this chunk's rows */
    const int C = l->in.c, H = l->in.h, W = l->in.w, OH = l->out.h, OW = l->out.w;
    const int K = l->d.kernel, S = l->d.stride;
    for (int b = 0; b < B; b++)
        for (int c = 0; c < C; c++) {
            const float *xc = x + (size_t)b * l->n_in + (size_t)c * H * W;
            float *yc = y + (size_t)b * l->n_out + (size_t)c * OH * OW;
            int *ac = arg + (size_t)b * l->n_out + (size_t)c * OH * OW;
            if (K == 2 && S == 2) {
                /* The common case, branch-free: the larger of each pair, then of the pairs. */
                for (int oy = 0; oy < OH; oy++)
                    for (int ox = 0; ox < OW; ox++) {
                        const int i0 = 2 * oy * W + 2 * ox, i1 = i0 + 1, i2 = i0 + W, i3 = i2 + 1;
                        const int top = xc[i1] > xc[i0] ? i1 : i0, bot = xc[i3] > xc[i2] ? i3 : i2;
                        const int best = xc[bot] > xc[top] ? bot : top;
                        yc[oy * OW + ox] = xc[best];
                        ac[oy * OW + ox] = best;
                    }
                continue;
            }
            for (int oy = 0; oy < OH; oy++)
                for (int ox = 0; ox < OW; ox++) {
                    int best = oy * S * W + ox * S;
                    for (int ky = 0; ky < K; ky++)
                        for (int kx = 0; kx < K; kx++) {
                            const int i = (oy * S + ky) * W + ox * S + kx;
                            if (xc[i] > xc[best]) best = i;
                        }
                    yc[oy * OW + ox] = xc[best];
                    ac[oy * OW + ox] = best;
                }
        }
}

static void pool_backward(nn_layer *l, const nn_chunk *ch, const float *x, const float *y,
                          const float *dy, float *dx, int B)
{
    (void)x; (void)y;
    if (!dx) return;
    const pool_priv *p = l->priv;
    const int *arg = p->arg + (size_t)ch->row0 * l->n_out;
    const int C = l->in.c, HW = l->in.h * l->in.w, OHW = l->out.h * l->out.w;
    memset(dx, 0, (size_t)B * l->n_in * sizeof *dx);
    for (int b = 0; b < B; b++)
        for (int c = 0; c < C; c++) {
            float *dxc = dx + (size_t)b * l->n_in + (size_t)c * HW;
            const float *dyc = dy + (size_t)b * l->n_out + (size_t)c * OHW;
            const int *ac = arg + (size_t)b * l->n_out + (size_t)c * OHW;
            for (int q = 0; q < OHW; q++) dxc[ac[q]] += dyc[q];
        }
}

const nn_layer_ops nn_maxpool_ops = {
    .name = "maxpool", .setup = pool_setup, .forward = pool_forward, .backward = pool_backward,
    .reserve = pool_reserve, .destroy = pool_destroy, .rowwise = 1,
};
