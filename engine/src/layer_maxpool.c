/* layer_maxpool.c - 2-D max-pooling per channel, no padding.
 *
 *   in (B, C, H, W)  out (B, C, OH, OW),  OH = (H - K) / S + 1 (floor), OW likewise
 *   y[b][c][oy][ox] = max over the K x K window at (oy*S, ox*S)
 *   backward: the gradient goes to the window's maximum only (first one on ties)
 *
 * No parameters. The argmax of each output is remembered for the backward pass.
 * The 2x2 stride-2 window has its own loops (forward_2x2, backward_2x2); they
 * give the same bits as the general ones (tests/engine/test_fused.c checks it).
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

/* One channel, the 2x2 stride-2 window (the common case), branch-free: the
 * larger of each pair, then of the pairs (the first on ties, as below). */
static void forward_2x2(const float *xc, int W, float *yc, int *ac, int OH, int OW)
{
    for (int oy = 0; oy < OH; oy++) {
        const float *r0 = xc + (size_t)2 * oy * W, *r1 = r0 + W;
        for (int ox = 0; ox < OW; ox++) {
            const int i0 = 2 * oy * W + 2 * ox;
            const float a = r0[2 * ox], b = r0[2 * ox + 1], c = r1[2 * ox], d = r1[2 * ox + 1];
            const float top = b > a ? b : a, bot = d > c ? d : c;
            const int itop = b > a ? i0 + 1 : i0, ibot = d > c ? i0 + W + 1 : i0 + W;
            yc[oy * OW + ox] = bot > top ? bot : top;
            ac[oy * OW + ox] = bot > top ? ibot : itop;
        }
    }
}

/* One channel, any window and stride. */
static void forward_any(const float *xc, int W, int K, int S, float *yc, int *ac, int OH, int OW)
{
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
            const size_t at = (size_t)b * l->n_out + (size_t)c * OH * OW;
            if (K == 2 && S == 2) forward_2x2(xc, W, y + at, arg + at, OH, OW);
            else forward_any(xc, W, K, S, y + at, arg + at, OH, OW);
        }
}

/* One channel, 2x2 stride 2: the windows do not overlap, so each input gets
 * the gradient of its window's maximum or zero, written once (the same bits
 * as clearing dx and adding: 0.0f + dy). Rows and columns no window covers
 * (an odd size) get zero. */
static void backward_2x2(const float *dyc, const int *ac, float *dxc, int H, int W, int OH, int OW)
{
    for (int oy = 0; oy < OH; oy++) {
        float *r0 = dxc + (size_t)2 * oy * W, *r1 = r0 + W;
        for (int ox = 0; ox < OW; ox++) {
            const int i0 = 2 * oy * W + 2 * ox, best = ac[oy * OW + ox];
            const float g = 0.0f + dyc[oy * OW + ox];
            r0[2 * ox] = best == i0 ? g : 0.0f;
            r0[2 * ox + 1] = best == i0 + 1 ? g : 0.0f;
            r1[2 * ox] = best == i0 + W ? g : 0.0f;
            r1[2 * ox + 1] = best == i0 + W + 1 ? g : 0.0f;
        }
        for (int ix = 2 * OW; ix < W; ix++) r0[ix] = r1[ix] = 0.0f;
    }
    memset(dxc + (size_t)2 * OH * W, 0, (size_t)(H - 2 * OH) * W * sizeof *dxc);
}

/* One channel, any window: clear, then add each output's gradient at its
 * window's maximum (overlapping windows add up). */
static void backward_any(const float *dyc, const int *ac, float *dxc, int HW, int OHW)
{
    memset(dxc, 0, (size_t)HW * sizeof *dxc);
    for (int q = 0; q < OHW; q++) dxc[ac[q]] += dyc[q];
}

/* dx (B, n_in) from dy; with dxa, also dxa = f'(xa) dx for the activation
 * layer before the pool (input xa, output x), each channel while it is in
 * cache: what that layer's backward gives, in one pass. */
static void backward(nn_layer *l, const nn_chunk *ch, const float *dy, float *dx, int B,
                     const float *xa, const float *x, float *dxa, nn_act a, float slope)
{
    const pool_priv *p = l->priv;
    const int *arg = p->arg + (size_t)ch->row0 * l->n_out;
    const int C = l->in.c, H = l->in.h, W = l->in.w, OH = l->out.h, OW = l->out.w;
    const int fast = l->d.kernel == 2 && l->d.stride == 2;
    for (int b = 0; b < B; b++)
        for (int c = 0; c < C; c++) {
            const size_t in_at = (size_t)b * l->n_in + (size_t)c * H * W;
            const size_t out_at = (size_t)b * l->n_out + (size_t)c * OH * OW;
            if (fast) backward_2x2(dy + out_at, arg + out_at, dx + in_at, H, W, OH, OW);
            else backward_any(dy + out_at, arg + out_at, dx + in_at, H * W, OH * OW);
            if (dxa)
                nn_act_grad(a, slope, xa + in_at, x + in_at, dx + in_at, dxa + in_at, (size_t)H * W);
        }
}

static void pool_backward(nn_layer *l, const nn_chunk *ch, const float *x, const float *y,
                          const float *dy, float *dx, int B)
{
    (void)x; (void)y;
    if (dx) backward(l, ch, dy, dx, B, NULL, NULL, NULL, NN_ACT_LINEAR, 0.0f);
}

static void pool_backward_act(nn_layer *l, const nn_chunk *ch, nn_act a, float slope,
                              const float *xa, const float *x, const float *dy, float *dx,
                              float *dxa, int B)
{
    backward(l, ch, dy, dx, B, xa, x, dxa, a, slope);
}

const nn_layer_ops nn_maxpool_ops = {
    .name = "maxpool", .setup = pool_setup, .forward = pool_forward, .backward = pool_backward,
    .backward_act = pool_backward_act, .reserve = pool_reserve, .destroy = pool_destroy,
    .rowwise = 1,
};
