/* layer_conv2d.c - 2-D convolution (cross-correlation) with stride and zero padding.
 *
 *   in  x (B, C, H, W)     out y (B, F, OH, OW)
 *   OH = (H + 2 pad - K) / stride + 1, OW likewise
 *   y[b][f][oy][ox] = bias[f] + sum_{c,ky,kx} W[f][c][ky][kx] x[b][c][oy*s+ky-pad][ox*s+kx-pad]
 *
 * Parameters: W (F, C*K*K) first (decayed by L2), then bias (F).
 *
 * Implementation: im2col, then one sgemm per chunk of CHUNK examples (the
 * buffers then have a fixed size, whatever the batch: a CNN's im2col matrix
 * for a whole evaluation batch would be tens of megabytes). For a chunk of n:
 *   col (C*K*K, n*OH*OW)   row = one kernel tap (c, ky, kx), column = one output
 *                          position (b, oy, ox): the input value that tap sees there
 *   t   (F, n*OH*OW)       = W (F, C*K*K) col
 *   y   (n, F, OH*OW)      = t with the example axis moved out (contiguous copies), + bias
 * Backward, per chunk (im2col is recomputed from x, which costs far less than
 * keeping it for the whole batch):
 *   dt  (F, n*OH*OW)       = dy with the example axis moved in
 *   dW  += dt col^T        db += row sums of dt
 *   dcol = W^T dt (written over col) ; dx = col2im(dcol) (overlapping patches add up)
 * Rows of col are filled a whole output row at a time, so at stride 1 the
 * copies are contiguous and vectorise; at stride 1 with a "same" padding
 * (OW == W) a tap's rows are one run of x, copied (and added back in col2im)
 * in one go, then the padding's columns are set to zero.
 * With an activation after the layer (forward_act), bias and activation are
 * applied while each channel of y is in cache; the bias gradient is summed
 * while dy is gathered into t. Same bits as the plain passes.
 * When the model splits a batch over its pool's threads, each worker has its
 * own col and t (a chunk's rows go through the same steps on its worker).
 * tests/engine/test_conv.c checks this against the definition written as plain loops.
 */
#include <stddef.h>
#include <string.h>

#include "layer_impl.h"
#include "nn/pool.h"
#include "nn/status.h"
#include "nn/tensor.h"

enum { CHUNK = 32 };   /* examples per im2col + sgemm */

typedef struct conv_priv {
    int    workers;                /* scratch pairs allocated (worker 0's in setup) */
    float *col[NN_MAX_THREADS];    /* (C*K*K, CHUNK*OH*OW) per worker; backward writes dcol over it */
    float *t[NN_MAX_THREADS];      /* (F, CHUNK*OH*OW) per worker */
    double *bsum[NN_MAX_THREADS];  /* (F) per worker: a chunk's bias-gradient sums */
} conv_priv;

/* Geometry shorthands. */
typedef struct geom { int C, H, W, F, K, S, P, OH, OW, CKK, OHW; } geom;

static geom geom_of(const nn_layer *l)
{
    geom g = { .C = l->in.c, .H = l->in.h, .W = l->in.w, .F = l->d.units, .K = l->d.kernel,
               .S = l->d.stride, .P = l->d.pad };
    g.OH = (g.H + 2 * g.P - g.K) / g.S + 1;
    g.OW = (g.W + 2 * g.P - g.K) / g.S + 1;
    g.CKK = g.C * g.K * g.K;
    g.OHW = g.OH * g.OW;
    return g;
}

/* Scratch for `workers` chunks at once (the batch size does not matter). */
static int conv_reserve(nn_layer *l, int B, int workers)
{
    (void)B;
    conv_priv *p = l->priv;
    const geom g = geom_of(l);
    const size_t cols = (size_t)CHUNK * g.OHW;
    for (; p->workers < workers; p->workers++) {
        const int k = p->workers;
        if (!(p->col[k] = nn_alloc(cols * g.CKK * sizeof(float))) ||
            !(p->t[k] = nn_alloc(cols * g.F * sizeof(float))) ||
            !(p->bsum[k] = nn_alloc((size_t)g.F * sizeof(double)))) {
            nn_free(p->col[k]); nn_free(p->t[k]);
            p->col[k] = p->t[k] = NULL;
            return NN_ERR_NOMEM;
        }
    }
    return NN_OK;
}

static int conv_setup(nn_layer *l)
{
    const nn_layer_desc *d = &l->d;
    if (d->units < 1) return nn_set_error(NN_ERR_ARG, "conv2d needs at least 1 output channel");
    if (d->kernel < 1 || d->stride < 1 || d->pad < 0 || d->pad >= d->kernel)
        return nn_set_error(NN_ERR_ARG, "conv2d kernel %d, stride %d, pad %d: need kernel >= 1, "
                            "stride >= 1, 0 <= pad < kernel", d->kernel, d->stride, d->pad);
    if ((unsigned)d->init >= NN_INIT_COUNT)
        return nn_set_error(NN_ERR_ARG, "conv2d: unknown initializer %d", (int)d->init);
    if (l->in.h + 2 * d->pad < d->kernel || l->in.w + 2 * d->pad < d->kernel)
        return nn_set_error(NN_ERR_ARG, "conv2d kernel %d does not fit a %dx%d input (pad %d)",
                            d->kernel, l->in.h, l->in.w, d->pad);
    const geom g = geom_of(l);
    l->out = (nn_shape){ g.F, g.OH, g.OW };
    l->n_weights = (size_t)g.F * g.CKK;
    l->n_params = l->n_weights + (d->no_bias ? 0 : (size_t)g.F);
    if (!(l->priv = nn_alloc(sizeof(conv_priv)))) return NN_ERR_NOMEM;
    return conv_reserve(l, 0, 1);   /* on failure the model destroys the layer */
}

static void conv_init(nn_layer *l, nn_rng *rng)
{
    const geom g = geom_of(l);
    nn_init_fill(l->d.init, l->w, l->n_weights, g.CKK, g.F * g.K * g.K, rng);
    memset(l->w + l->n_weights, 0, (l->n_params - l->n_weights) * sizeof(float));
}

static void conv_destroy(nn_layer *l)
{
    conv_priv *p = l->priv;
    if (!p) return;
    for (int k = 0; k < NN_MAX_THREADS; k++) { nn_free(p->col[k]); nn_free(p->t[k]); nn_free(p->bsum[k]); }
    nn_free(p);
    l->priv = NULL;
}

/* For output column ox, the input column is ox*S - P + kx; the range of ox
 * for which it lies inside [0, W) is [lo, hi). */
static void valid_range(const geom *g, int kx, int *lo, int *hi)
{
    const int off = kx - g->P;                   /* input x = ox*S + off */
    int a = off >= 0 ? 0 : (-off + g->S - 1) / g->S;
    int b = (g->W - off + g->S - 1) / g->S;      /* first ox with x >= W */
    if (b > g->OW) b = g->OW;
    if (b < 0) b = 0;
    if (a > b) a = b;
    *lo = a;
    *hi = b;
}

/* Stride 1 with OW == W (a "same" padding, as the README's CNN has): the
 * rows oy of a tap read consecutive rows of x at one offset, so the tap's
 * valid rows are one contiguous run of x, shifted by off = kx - P. */
static int same_rows(const geom *g) { return g->S == 1 && g->OW == g->W; }

/* The output rows [*oy0, *oy1) of tap row ky that read inside the image. */
static void valid_rows(const geom *g, int ky, int *oy0, int *oy1)
{
    *oy0 = g->P - ky > 0 ? g->P - ky : 0;
    *oy1 = g->H + g->P - ky < g->OH ? g->H + g->P - ky : g->OH;
    if (*oy1 < *oy0) *oy1 = *oy0;
}

/* Columns [0, lo) and [hi, W) of rows [oy0, oy1) of r (rows of W) set to
 * zero, a column at a time: along a row, the one or two elements would each
 * cost a call to memset (the compiler's rendering of such a loop). */
static void zero_columns(float *r, int W, int oy0, int oy1, int lo, int hi)
{
    for (int ox = 0; ox < W; ox++)
        if (ox < lo || ox >= hi)
            for (int oy = oy0; oy < oy1; oy++) r[(size_t)oy * W + ox] = 0.0f;
}

/* When same_rows, tap (ky, kx)'s output rows [oy0, oy1) as one run: element
 * q of its row of col, for q in [*first, *end), is x[q + *shift] (x[(oy + ky
 * - P)*W + ox + off], off = kx - P); the first -off and the last off elements
 * of the rows would fall outside the channel's rows and are left out. */
static void tap_run(const geom *g, int ky, int kx, int oy0, int oy1, ptrdiff_t *first, ptrdiff_t *end,
                    ptrdiff_t *shift)
{
    const int off = kx - g->P;
    *first = (ptrdiff_t)oy0 * g->W + (off < 0 ? -off : 0);
    *end = (ptrdiff_t)oy1 * g->W - (off > 0 ? off : 0);
    *shift = (ptrdiff_t)(ky - g->P) * g->W + off;
}

/* Row (c, ky, kx) of col for one example when same_rows: one copy of the run
 * of x, then the rows and columns that fall into the padding set to zero
 * (the copy put the neighbouring row's ends there). */
static void im2col_tap_same(const geom *g, const float *xc, int ky, int kx, float *dst)
{
    int oy0, oy1, lo, hi;
    valid_rows(g, ky, &oy0, &oy1);
    valid_range(g, kx, &lo, &hi);
    const int W = g->W;
    if (oy0 > 0) memset(dst, 0, (size_t)oy0 * W * sizeof *dst);
    if (oy1 < g->OH) memset(dst + (size_t)oy1 * W, 0, (size_t)(g->OH - oy1) * W * sizeof *dst);
    if (oy1 == oy0) return;
    ptrdiff_t first, end, shift;
    tap_run(g, ky, kx, oy0, oy1, &first, &end, &shift);
    if (end > first) memcpy(dst + first, xc + first + shift, (size_t)(end - first) * sizeof *dst);
    zero_columns(dst, W, oy0, oy1, lo, hi);
}

/* Row (c, ky, kx) of col for one example, any geometry: output row by output row. */
static void im2col_tap(const geom *g, const float *xc, int ky, int kx, float *dst)
{
    int lo, hi;
    valid_range(g, kx, &lo, &hi);
    for (int oy = 0; oy < g->OH; oy++, dst += g->OW) {
        const int iy = oy * g->S - g->P + ky;
        if (iy < 0 || iy >= g->H) { memset(dst, 0, (size_t)g->OW * sizeof *dst); continue; }
        const float *src = xc + (size_t)iy * g->W + kx - g->P;
        for (int ox = 0; ox < lo; ox++) dst[ox] = 0.0f;
        if (g->S == 1)
            memcpy(dst + lo, src + lo, (size_t)(hi - lo) * sizeof *dst);
        else
            for (int ox = lo; ox < hi; ox++) dst[ox] = src[ox * g->S];
        for (int ox = hi; ox < g->OW; ox++) dst[ox] = 0.0f;
    }
}

/* Columns [b*OHW, (b+1)*OHW) of col (CKK, ld) from one example x (C, H, W). */
static void im2col(const geom *g, const float *x, float *col, size_t ld)
{
    const int same = same_rows(g);
    for (int c = 0; c < g->C; c++)
        for (int ky = 0; ky < g->K; ky++)
            for (int kx = 0; kx < g->K; kx++) {
                const float *xc = x + (size_t)c * g->H * g->W;
                float *row = col + (size_t)((c * g->K + ky) * g->K + kx) * ld;
                if (same) im2col_tap_same(g, xc, ky, kx, row);
                else im2col_tap(g, xc, ky, kx, row);
            }
}

/* dxc (H, W) += row (c, ky, kx) of dcol for one example when same_rows: the
 * columns that fell into the padding set to zero in dcol (a dx element, summed
 * from +0.0f, is never -0.0f, so adding +0.0f leaves it as it is), then one
 * add over the run of x. */
static void col2im_tap_same(const geom *g, float *src, int ky, int kx, float *dxc)
{
    int oy0, oy1, lo, hi;
    valid_rows(g, ky, &oy0, &oy1);
    valid_range(g, kx, &lo, &hi);
    zero_columns(src, g->W, oy0, oy1, lo, hi);
    ptrdiff_t first, end, shift;
    tap_run(g, ky, kx, oy0, oy1, &first, &end, &shift);
    for (ptrdiff_t q = first; q < end; q++) dxc[q + shift] += src[q];
}

/* dxc (H, W) += row (c, ky, kx) of dcol for one example, any geometry. */
static void col2im_tap(const geom *g, const float *src, int ky, int kx, float *dxc)
{
    int lo, hi;
    valid_range(g, kx, &lo, &hi);
    for (int oy = 0; oy < g->OH; oy++, src += g->OW) {
        const int iy = oy * g->S - g->P + ky;
        if (iy < 0 || iy >= g->H) continue;
        float *dst = dxc + (size_t)iy * g->W + kx - g->P;
        for (int ox = lo; ox < hi; ox++) dst[ox * g->S] += src[ox];
    }
}

/* dx (C, H, W) += col2im of columns [b*OHW, (b+1)*OHW) of dcol (CKK, ld)
 * (overlapping patches add up, taps in order). The padding's columns of dcol
 * may be overwritten with zeros. */
static void col2im(const geom *g, float *dcol, size_t ld, float *dx)
{
    const int same = same_rows(g);
    for (int c = 0; c < g->C; c++)
        for (int ky = 0; ky < g->K; ky++)
            for (int kx = 0; kx < g->K; kx++) {
                float *row = dcol + (size_t)((c * g->K + ky) * g->K + kx) * ld;
                float *dxc = dx + (size_t)c * g->H * g->W;
                if (same) col2im_tap_same(g, row, ky, kx, dxc);
                else col2im_tap(g, row, ky, kx, dxc);
            }
}

/* y (B, F, OH, OW) = conv(x) + bias; with ya, also ya = f(y) for the
 * activation layer that follows, each channel while it is in cache (one pass
 * over y instead of two, the same values). */
static void forward(nn_layer *l, const nn_chunk *c, const float *x, float *y, int B,
                    float *ya, nn_act a, float slope)
{
    const conv_priv *p = l->priv;
    float *col = p->col[c->worker], *t = p->t[c->worker];
    const geom g = geom_of(l);
    const float *bias = l->d.no_bias ? NULL : l->w + l->n_weights;
    for (int b0 = 0; b0 < B; b0 += CHUNK) {
        const int n = B - b0 < CHUNK ? B - b0 : CHUNK;
        const size_t ld = (size_t)n * g.OHW;
        for (int b = 0; b < n; b++)
            im2col(&g, x + (size_t)(b0 + b) * l->n_in, col + (size_t)b * g.OHW, ld);
        /* t (F, n*OHW) = W (F, CKK) col (CKK, n*OHW) */
        nn_gemm(0, 0, g.F, (int)ld, g.CKK, 1.0f, l->w, g.CKK, col, (int)ld, 0.0f, t, (int)ld);
        for (int b = 0; b < n; b++)
            for (int f = 0; f < g.F; f++) {
                const float *src = t + (size_t)f * ld + (size_t)b * g.OHW;
                const size_t at = (size_t)(b0 + b) * l->n_out + (size_t)f * g.OHW;
                float *dst = y + at;
                const float bf = bias ? bias[f] : 0.0f;
                for (int q = 0; q < g.OHW; q++) dst[q] = src[q] + bf;
                if (ya) nn_act_forward(a, slope, dst, ya + at, (size_t)g.OHW);
            }
    }
}

static void conv_forward(nn_layer *l, const nn_chunk *c, const float *x, float *y, int B,
                         int training)
{
    (void)training;
    forward(l, c, x, y, B, NULL, NN_ACT_LINEAR, 0.0f);
}

static void conv_forward_act(nn_layer *l, const nn_chunk *c, nn_act a, float slope,
                             const float *x, float *y, float *ya, int B, int training)
{
    (void)training;
    forward(l, c, x, y, B, ya, a, slope);
}

/* Rows [b*OHW, (b+1)*OHW) of t (F, ld) = dy of one example (F, OHW), and
 * s[f] += the sum of its row f (the bias gradient, in t's row order). Four
 * rows at a time: each sum still adds its row in order, but the four chains
 * of double additions overlap instead of waiting on one another. */
static void gather_dy(const geom *g, const float *dyb, float *t, size_t ld, double *s)
{
    const int n = g->OHW;
    int f = 0;
    for (; f + 4 <= g->F; f += 4) {
        const float *s0 = dyb + (size_t)f * n, *s1 = s0 + n, *s2 = s1 + n, *s3 = s2 + n;
        float *d0 = t + (size_t)f * ld, *d1 = d0 + ld, *d2 = d1 + ld, *d3 = d2 + ld;
        double a0 = s[f], a1 = s[f + 1], a2 = s[f + 2], a3 = s[f + 3];
        for (int q = 0; q < n; q++) {
            d0[q] = s0[q]; d1[q] = s1[q]; d2[q] = s2[q]; d3[q] = s3[q];
            a0 += s0[q]; a1 += s1[q]; a2 += s2[q]; a3 += s3[q];
        }
        s[f] = a0; s[f + 1] = a1; s[f + 2] = a2; s[f + 3] = a3;
    }
    for (; f < g->F; f++) {
        const float *src = dyb + (size_t)f * n;
        float *dst = t + (size_t)f * ld;
        double a = s[f];
        for (int q = 0; q < n; q++) { dst[q] = src[q]; a += src[q]; }
        s[f] = a;
    }
}

static void conv_backward(nn_layer *l, const nn_chunk *c, const float *x, const float *y,
                          const float *dy, float *dx, int B)
{
    (void)y;
    const conv_priv *p = l->priv;
    float *col = p->col[c->worker], *t = p->t[c->worker];
    double *s = p->bsum[c->worker];
    const geom g = geom_of(l);
    float *gW = c->gw, *gb = l->d.no_bias ? NULL : c->gw + l->n_weights;
    if (dx) memset(dx, 0, (size_t)B * l->n_in * sizeof *dx);
    for (int b0 = 0; b0 < B; b0 += CHUNK) {
        const int n = B - b0 < CHUNK ? B - b0 : CHUNK;
        const size_t ld = (size_t)n * g.OHW;
        for (int f = 0; f < g.F; f++) s[f] = 0.0;
        for (int b = 0; b < n; b++) {
            im2col(&g, x + (size_t)(b0 + b) * l->n_in, col + (size_t)b * g.OHW, ld);
            gather_dy(&g, dy + (size_t)(b0 + b) * l->n_out, t + (size_t)b * g.OHW, ld, s);
        }
        if (gb)
            for (int f = 0; f < g.F; f++) gb[f] += (float)s[f];
        /* dW (F, CKK) += dt (F, n*OHW) col^T (n*OHW, CKK) */
        nn_gemm(0, 1, g.F, g.CKK, (int)ld, 1.0f, t, (int)ld, col, (int)ld, 1.0f, gW, g.CKK);
        if (!dx) continue;
        /* dcol (CKK, n*OHW) = W^T (CKK, F) dt (F, n*OHW), over col (dW is done with it) */
        nn_gemm(1, 0, g.CKK, (int)ld, g.F, 1.0f, l->w, g.CKK, t, (int)ld, 0.0f, col, (int)ld);
        for (int b = 0; b < n; b++)
            col2im(&g, col + (size_t)b * g.OHW, ld, dx + (size_t)(b0 + b) * l->n_in);
    }
}

const nn_layer_ops nn_conv2d_ops = {
    .name = "conv2d", .setup = conv_setup, .init = conv_init, .forward = conv_forward,
    .backward = conv_backward, .forward_act = conv_forward_act, .reserve = conv_reserve,
    .destroy = conv_destroy, .rowwise = 1,
};
