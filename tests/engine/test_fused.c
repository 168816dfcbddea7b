/* The CNN's fused and fast paths give the same bits as the plain ones:
 *   - conv2d + activation in one pass (forward_act) = conv2d, then the activation;
 *   - max-pool 2x2 stride 2 (its own loops) = the definition written as plain
 *     loops, forward and backward, odd sizes and ties included;
 *   - max-pool backward + the activation before it in one pass (backward_act)
 *     = max-pool backward, then the activation's f'(x) dy;
 * on one thread and on two (the pool's chunks).
 */
#include <stdlib.h>

#include "nn/act.h"
#include "nn/model.h"
#include "nn/rng.h"
#include "nn/status.h"
#include "test.h"

static int same_bits(const float *a, const float *b, size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++)
        CHECK_MSG(memcmp(&a[i], &b[i], sizeof *a) == 0, "%s: element %zu: %.9g vs %.9g",
                  what, i, (double)a[i], (double)b[i]);
    return 0;
}

/* Values from a few levels (so windows have ties) or spread (levels 0). */
static void fill(float *v, size_t n, int levels, uint64_t seed)
{
    nn_rng r;
    nn_rng_seed(&r, seed, 7);
    for (size_t i = 0; i < n; i++)
        v[i] = levels ? (float)nn_rng_below(&r, (uint32_t)levels) - levels / 2
                      : (float)(nn_rng_uniform(&r) * 2.0 - 1.0);
}

static nn_model_desc image_desc(int c, int h, int w)
{
    nn_model_desc d = nn_model_desc_default();
    d.in = (nn_shape){ c, h, w };
    d.loss = NN_LOSS_MSE;
    return d;
}

/* conv (+ act) on B examples with `threads`; y = the conv's output, ya = the act's. */
static int conv_then_act(nn_shape in, int S, int P, nn_act a, int B, int threads)
{
    nn_model_desc one = image_desc(in.c, in.h, in.w), two = one;
    nn_layer_desc act = nn_layer_act(a);
    nn_model_add(&one, nn_layer_conv2d(5, 3, S, P, NN_INIT_HE));
    nn_model_add(&two, nn_layer_conv2d(5, 3, S, P, NN_INIT_HE));
    nn_model_add(&two, act);
    nn_model *m1 = nn_model_create(&one, 3), *m2 = nn_model_create(&two, 3);
    CHECK(m1 && m2);
    CHECK(nn_model_set_threads(m1, threads) == NN_OK && nn_model_set_threads(m2, threads) == NN_OK);
    const size_t np = nn_model_param_count(m1);
    CHECK(np == nn_model_param_count(m2));
    fill(nn_model_params(m1), np, 0, 5);                       /* biases non-zero too */
    memcpy(nn_model_params(m2), nn_model_params(m1), np * sizeof(float));
    const size_t n_in = (size_t)in.c * in.h * in.w;
    float *x = malloc((size_t)B * n_in * sizeof *x);
    CHECK(x);
    fill(x, (size_t)B * n_in, 0, 9);
    const size_t n = (size_t)B * nn_model_n_out(m1);
    const float *y1 = nn_model_forward(m1, x, B, 1);
    CHECK(nn_model_forward(m2, x, B, 1));
    const float *y2 = nn_model_activation(m2, 0, NULL), *ya2 = nn_model_activation(m2, 1, NULL);
    float *ya1 = malloc(n * sizeof *ya1);
    CHECK(ya1);
    nn_act_forward(a, act.slope, y1, ya1, n);                  /* the activation on its own */
    int rc = same_bits(y2, y1, n, "conv output") || same_bits(ya2, ya1, n, "activation output");
    free(x); free(ya1);
    nn_model_destroy(m1); nn_model_destroy(m2);
    return rc;
}

static int conv_act_fused_equals_conv_then_act(void)
{
    const nn_act acts[] = { NN_ACT_RELU, NN_ACT_LEAKY, NN_ACT_TANH };
    for (int k = 0; k < 3; k++)
        for (int threads = 1; threads <= 2; threads++) {
            /* "same" padding (the run copies), odd sizes, 3 chunks of 32 examples */
            CHECK(conv_then_act((nn_shape){ 2, 7, 5 }, 1, 1, acts[k], 70, threads) == 0);
            CHECK(conv_then_act((nn_shape){ 3, 6, 9 }, 2, 1, acts[k], 9, threads) == 0);   /* strided */
            CHECK(conv_then_act((nn_shape){ 1, 5, 6 }, 1, 0, acts[k], 33, threads) == 0);  /* no padding */
        }
    return 0;
}

/* Max-pool K x K stride S by definition: the first maximum of each window;
 * backward: dx cleared, then each output's gradient added at its maximum. */
static void pool_reference(const float *x, const float *dy, int B, nn_shape in, int K, int S,
                           float *y, float *dx)
{
    const int OH = (in.h - K) / S + 1, OW = (in.w - K) / S + 1, HW = in.h * in.w;
    memset(dx, 0, (size_t)B * in.c * HW * sizeof *dx);
    for (int bc = 0; bc < B * in.c; bc++)
        for (int oy = 0; oy < OH; oy++)
            for (int ox = 0; ox < OW; ox++) {
                const float *xc = x + (size_t)bc * HW;
                int best = oy * S * in.w + ox * S;
                for (int ky = 0; ky < K; ky++)
                    for (int kx = 0; kx < K; kx++) {
                        const int i = (oy * S + ky) * in.w + ox * S + kx;
                        if (xc[i] > xc[best]) best = i;
                    }
                const size_t q = (size_t)bc * OH * OW + (size_t)oy * OW + ox;
                y[q] = xc[best];
                dx[(size_t)bc * HW + best] += dy[q];
            }
}

/* [identity, maxpool 2x2]: the pool's output and its dx (the identity's gradient). */
static int pool_2x2_case(nn_shape in, int B, int levels, int threads)
{
    nn_model_desc d = image_desc(in.c, in.h, in.w);
    nn_model_add(&d, nn_layer_act(NN_ACT_LINEAR));
    nn_model_add(&d, nn_layer_maxpool(2, 2));
    nn_model *m = nn_model_create(&d, 1);
    CHECK(m);
    CHECK(nn_model_set_threads(m, threads) == NN_OK);
    const size_t n_in = (size_t)B * in.c * in.h * in.w, n_out = (size_t)B * nn_model_n_out(m);
    float *x = malloc(n_in * sizeof *x), *dx = malloc(n_in * sizeof *dx);
    float *dy = malloc(n_out * sizeof *dy), *y = malloc(n_out * sizeof *y);
    CHECK(x && dx && dy && y);
    fill(x, n_in, levels, 21);
    fill(dy, n_out, 0, 22);
    dy[0] = -0.0f;                                   /* 0.0f + -0.0f is +0.0f on both paths */
    pool_reference(x, dy, B, in, 2, 2, y, dx);
    const float *got = nn_model_forward(m, x, B, 1);
    CHECK(got);
    int rc = same_bits(got, y, n_out, "pool output");
    nn_model_backward(m, dy);
    if (!rc) rc = same_bits(nn_model_activation_grad(m, 0), dx, n_in, "pool dx");
    free(x); free(dx); free(dy); free(y);
    nn_model_destroy(m);
    return rc;
}

static int pool_2x2_equals_definition(void)
{
    for (int threads = 1; threads <= 2; threads++) {
        CHECK(pool_2x2_case((nn_shape){ 3, 6, 6 }, 5, 0, threads) == 0);
        CHECK(pool_2x2_case((nn_shape){ 2, 7, 5 }, 4, 0, threads) == 0);    /* odd: a row and a column left out */
        CHECK(pool_2x2_case((nn_shape){ 2, 7, 5 }, 4, 3, threads) == 0);    /* ties: the first maximum */
        CHECK(pool_2x2_case((nn_shape){ 4, 28, 28 }, 80, 5, threads) == 0); /* enough work to split */
        CHECK(pool_2x2_case((nn_shape){ 1, 2, 3 }, 1, 0, threads) == 0);    /* one window */
    }
    return 0;
}

/* [identity, conv, act, maxpool 2x2, flatten, dense]: the pool's backward and
 * the activation's run in one pass; compare the gradients the model keeps with
 * the two backward passes written out here. */
static int pool_act_case(nn_act a, int B, int threads)
{
    const nn_shape in = { 2, 9, 8 };
    nn_model_desc d = image_desc(in.c, in.h, in.w);
    nn_model_add(&d, nn_layer_act(NN_ACT_LINEAR));
    nn_model_add(&d, nn_layer_conv2d(4, 3, 1, 1, NN_INIT_HE));
    nn_model_add(&d, nn_layer_act(a));
    nn_model_add(&d, nn_layer_maxpool(2, 2));
    nn_model_add(&d, nn_layer_flatten());
    nn_model_add(&d, nn_layer_dense(3, NN_INIT_HE));
    nn_model *m = nn_model_create(&d, 4);
    CHECK(m);
    CHECK(nn_model_set_threads(m, threads) == NN_OK);
    const nn_shape conv_out = nn_model_layer(m, 1).out;
    const size_t n_in = (size_t)B * in.c * in.h * in.w, n_c = (size_t)B * conv_out.c * conv_out.h * conv_out.w;
    const size_t n_out = (size_t)B * nn_model_n_out(m);
    float *x = malloc(n_in * sizeof *x), *dz = malloc(n_out * sizeof *dz), *y = malloc(n_c * sizeof *y);
    float *dpool = malloc(n_c * sizeof *dpool), *dconv = malloc(n_c * sizeof *dconv);
    CHECK(x && dz && y && dpool && dconv);
    fill(x, n_in, 0, 31);
    fill(dz, n_out, 0, 32);
    CHECK(nn_model_forward(m, x, B, 1));
    nn_model_backward(m, dz);
    const float *zc = nn_model_activation(m, 1, NULL), *za = nn_model_activation(m, 2, NULL);
    const float *dy = nn_model_activation_grad(m, 3);              /* the pool's output gradient */
    pool_reference(za, dy, B, conv_out, 2, 2, y, dpool);
    nn_act_grad(a, NN_LEAKY_SLOPE_DEFAULT, zc, za, dpool, dconv, n_c);
    int rc = same_bits(nn_model_activation_grad(m, 2), dpool, n_c, "pool dx") ||
             same_bits(nn_model_activation_grad(m, 1), dconv, n_c, "activation dx");
    free(x); free(dz); free(y); free(dpool); free(dconv);
    nn_model_destroy(m);
    return rc;
}

static int pool_act_backward_fused_equals_two_passes(void)
{
    const nn_act acts[] = { NN_ACT_RELU, NN_ACT_LEAKY, NN_ACT_SIGMOID };
    for (int k = 0; k < 3; k++)
        for (int threads = 1; threads <= 2; threads++) {
            CHECK(pool_act_case(acts[k], 3, threads) == 0);
            CHECK(pool_act_case(acts[k], 70, threads) == 0);
        }
    return 0;
}

static int no_leaks(void)
{
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

static const test_case CASES[] = {
    { "conv_act_fused_equals_conv_then_act", conv_act_fused_equals_conv_then_act },
    { "pool_2x2_equals_definition", pool_2x2_equals_definition },
    { "pool_act_backward_fused_equals_two_passes", pool_act_backward_fused_equals_two_passes },
    { "no_leaks", no_leaks },
};
TEST_MAIN(CASES)
