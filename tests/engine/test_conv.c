/* Convolution, max-pool, flatten and the --layers grammar.
 *
 * Gradient checks follow STYLE.md section 12: the output is scalarised with a
 * fixed random projection L = sum r_i y_i, central differences with eps 1e-3
 * in float32 (accumulated in double), relative tolerance 1e-2. Both parameter
 * gradients and input gradients are checked: every test model starts with a
 * linear activation (identity), so dL/d(its output) is the next layer's dx.
 */
#include <stdlib.h>

#include "nn/layerspec.h"
#include "nn/loss.h"
#include "nn/model.h"
#include "nn/rng.h"
#include "nn/status.h"
#include "test.h"

enum { MAXN = 4096 };

typedef struct probe {
    nn_model *m;
    int   B;
    float x[MAXN];     /* (B, n_in) */
    float r[MAXN];     /* (B, n_out) projection */
    float eps;         /* finite-difference step */
} probe;

static double probe_loss(probe *p, float *dz)
{
    const int n_out = nn_model_n_out(p->m);
    const float *z = nn_model_forward(p->m, p->x, p->B, 1);
    double L = 0.0;
    for (int i = 0; i < p->B * n_out; i++) {
        L += (double)p->r[i] * z[i];
        if (dz) dz[i] = p->r[i];
    }
    return L;
}

static double rel_err(double num, double ana)
{
    return fabs(num - ana) / fmax(1e-6, fabs(num) + fabs(ana));
}

/* Checks parameters and, via the leading identity layer, the input gradient. */
static int gradcheck(probe *p, const char *what)
{
    const float eps = p->eps;
    const double tol = 1e-2;
    static float dz[MAXN], dx[MAXN];
    nn_model_zero_grad(p->m);
    probe_loss(p, dz);
    nn_model_backward(p->m, dz);
    const int n_in = nn_model_n_in(p->m);
    const float *g0 = nn_model_activation_grad(p->m, 0);   /* dL/d(identity output) = dL/dx */
    CHECK(g0 != NULL);
    memcpy(dx, g0, (size_t)p->B * n_in * sizeof *dx);
    float *w = nn_model_params(p->m);
    const float *g = nn_model_grads(p->m);
    const size_t np = nn_model_param_count(p->m);
    size_t step = np > 400 ? np / 400 : 1;
    for (size_t i = 0; i < np; i += step) {
        const float saved = w[i];
        w[i] = saved + eps; const double fp = probe_loss(p, NULL);
        w[i] = saved - eps; const double fm = probe_loss(p, NULL);
        w[i] = saved;
        const double num = (fp - fm) / (2.0 * eps);
        CHECK_MSG(rel_err(num, g[i]) <= tol || fabs(num - g[i]) < 1e-4,
                  "%s: param %zu numeric %.6g analytic %.6g", what, i, num, (double)g[i]);
    }
    const int nx = p->B * n_in;
    step = nx > 300 ? (size_t)nx / 300 : 1;
    for (int i = 0; i < nx; i += (int)step) {
        const float saved = p->x[i];
        p->x[i] = saved + eps; const double fp = probe_loss(p, NULL);
        p->x[i] = saved - eps; const double fm = probe_loss(p, NULL);
        p->x[i] = saved;
        const double num = (fp - fm) / (2.0 * eps);
        CHECK_MSG(rel_err(num, dx[i]) <= tol || fabs(num - dx[i]) < 1e-4,
                  "%s: input %d numeric %.6g analytic %.6g", what, i, num, (double)dx[i]);
    }
    return 0;
}

static void setup_probe(probe *p, nn_model_desc *d, int B, uint64_t seed)
{
    nn_rng r;
    nn_rng_seed(&r, seed, 99);
    p->B = B;
    p->eps = 1e-3f;
    p->m = nn_model_create(d, seed);
    const int n_in = d->in.c * d->in.h * d->in.w;
    /* Inputs spread on a grid of distinct values so max-pool windows have no near-ties. */
    for (int i = 0; i < B * n_in; i++) p->x[i] = (float)(nn_rng_uniform(&r) * 2.0 - 1.0);
    for (int i = 0; i < MAXN; i++) p->r[i] = (float)(nn_rng_uniform(&r) * 2.0 - 1.0);
}

/* A model for inputs (c, h, w) starting with the identity layer. */
static nn_model_desc image_desc(int c, int h, int w)
{
    nn_model_desc d = nn_model_desc_default();
    d.in = (nn_shape){ c, h, w };
    d.loss = NN_LOSS_MSE;
    nn_model_add(&d, nn_layer_act(NN_ACT_LINEAR));
    return d;
}

/* Give biases non-zero values so their path is exercised too. */
static void shake_params(nn_model *m)
{
    nn_rng r;
    nn_rng_seed(&r, 5, 5);
    float *w = nn_model_params(m);
    for (size_t i = 0; i < nn_model_param_count(m); i++) w[i] = (float)(nn_rng_uniform(&r) - 0.5);
}

static int check_model_eps(nn_model_desc *d, int B, float eps, const char *what)
{
    probe p;
    setup_probe(&p, d, B, 11);
    p.eps = eps;
    CHECK_MSG(p.m != NULL, "%s: %s", what, nn_last_error());
    shake_params(p.m);
    int rc = gradcheck(&p, what);
    nn_model_destroy(p.m);
    return rc;
}

static int check_model(nn_model_desc *d, int B, const char *what)
{
    return check_model_eps(d, B, 1e-3f, what);
}

static int conv_same_grad(void)
{
    nn_model_desc d = image_desc(2, 6, 5);
    nn_model_add(&d, nn_layer_conv2d(3, 3, 1, 1, NN_INIT_XAVIER));
    nn_model *m = nn_model_create(&d, 1);
    CHECK(m);
    const nn_layer_info li = nn_model_layer(m, 1);
    CHECK(li.out.c == 3 && li.out.h == 6 && li.out.w == 5);
    CHECK(li.n_weights == 3 * 2 * 9 && li.n_params == 3 * 2 * 9 + 3);
    nn_model_destroy(m);
    return check_model(&d, 3, "conv k3 s1 p1");
}

static int conv_strided_grad(void)
{
    nn_model_desc d = image_desc(3, 7, 8);
    nn_model_add(&d, nn_layer_conv2d(4, 3, 2, 0, NN_INIT_HE));   /* 3x4 output, no padding */
    nn_model *m = nn_model_create(&d, 1);
    CHECK(m);
    const nn_layer_info li = nn_model_layer(m, 1);
    CHECK(li.out.c == 4 && li.out.h == 3 && li.out.w == 3);
    nn_model_destroy(m);
    return check_model(&d, 2, "conv k3 s2 p0");
}

static int conv_k5_pad2_stride2_nobias_grad(void)
{
    nn_model_desc d = image_desc(1, 9, 9);
    nn_layer_desc c = nn_layer_conv2d(2, 5, 2, 2, NN_INIT_HE);
    c.no_bias = 1;
    nn_model_add(&d, c);
    return check_model(&d, 2, "conv k5 s2 p2 no bias");
}

/* Kernel wider than the image: most taps fall in the padding. */
static int conv_kernel_beyond_image_grad(void)
{
    nn_model_desc d = image_desc(2, 2, 3);
    nn_model_add(&d, nn_layer_conv2d(2, 5, 1, 2, NN_INIT_HE));
    return check_model(&d, 2, "conv k5 p2 on 2x3");
}

/* Batches larger than the layer's internal chunk (32 examples), last chunk partial. */
static int conv_many_chunks_grad(void)
{
    nn_model_desc d = image_desc(1, 4, 5);
    nn_model_add(&d, nn_layer_conv2d(2, 3, 1, 1, NN_INIT_HE));
    return check_model(&d, 70, "conv over 70 examples (3 chunks)");
}

static int maxpool_grad(void)
{
    nn_model_desc d = image_desc(2, 6, 7);
    nn_model_add(&d, nn_layer_maxpool(2, 2));                    /* 3x3: the last column is dropped */
    nn_model *m = nn_model_create(&d, 1);
    CHECK(m);
    const nn_layer_info li = nn_model_layer(m, 1);
    CHECK(li.out.c == 2 && li.out.h == 3 && li.out.w == 3 && li.n_params == 0);
    nn_model_destroy(m);
    return check_model(&d, 3, "maxpool 2");
}

/* An activation before the pool: the model runs the pool's backward and the
 * activation's in one pass (backward_act), odd size included. */
static int act_then_maxpool_grad(void)
{
    nn_model_desc d = image_desc(2, 7, 6);
    nn_model_add(&d, nn_layer_act(NN_ACT_TANH));
    nn_model_add(&d, nn_layer_maxpool(2, 2));
    return check_model(&d, 3, "tanh then maxpool 2");
}

static int overlapping_pool_grad(void)
{
    nn_model_desc d = image_desc(1, 5, 5);
    nn_model_add(&d, nn_layer_maxpool(3, 1));
    return check_model(&d, 2, "maxpool 3 stride 1");
}

static int small_cnn_grad(void)
{
    nn_model_desc d = image_desc(1, 8, 8);
    nn_model_add(&d, nn_layer_conv2d(3, 3, 1, 1, NN_INIT_HE));
    nn_model_add(&d, nn_layer_act(NN_ACT_TANH));
    nn_model_add(&d, nn_layer_conv2d(4, 3, 2, 1, NN_INIT_HE));
    nn_model_add(&d, nn_layer_act(NN_ACT_TANH));
    nn_model_add(&d, nn_layer_flatten());
    nn_model_add(&d, nn_layer_dense(5, NN_INIT_XAVIER));
    /* Max-pool is left out here: a perturbed weight earlier in the chain can swap
     * which input of a window is largest (a kink); maxpool_grad covers it alone. */
    /* Smooth everywhere (tanh), so a larger step keeps float32 rounding of the
     * deeper forward pass below the tolerance. */
    return check_model_eps(&d, 2, 1e-2f, "conv-conv(s2)-flatten-dense");
}

/* Forward against the definition, written as plain loops. */
static int conv_matches_definition(void)
{
    enum { C = 2, H = 5, W = 6, F = 3, K = 3, S = 2, P = 1, B = 35 };   /* 2 chunks */
    nn_model_desc d = nn_model_desc_default();
    d.in = (nn_shape){ C, H, W };
    d.loss = NN_LOSS_MSE;
    nn_model_add(&d, nn_layer_conv2d(F, K, S, P, NN_INIT_HE));
    nn_model *m = nn_model_create(&d, 3);
    CHECK(m);
    shake_params(m);
    const float *w = nn_model_params(m), *bias = w + F * C * K * K;
    float x[B * C * H * W];
    for (int i = 0; i < B * C * H * W; i++) x[i] = (float)((i * 37) % 11) - 5.0f;
    const float *y = nn_model_forward(m, x, B, 0);
    const int OH = (H + 2 * P - K) / S + 1, OW = (W + 2 * P - K) / S + 1;
    CHECK(nn_model_n_out(m) == F * OH * OW);
    for (int b = 0; b < B; b++)
        for (int f = 0; f < F; f++)
            for (int oy = 0; oy < OH; oy++)
                for (int ox = 0; ox < OW; ox++) {
                    double s = bias[f];
                    for (int c = 0; c < C; c++)
                        for (int ky = 0; ky < K; ky++)
                            for (int kx = 0; kx < K; kx++) {
                                const int iy = oy * S + ky - P, ix = ox * S + kx - P;
                                if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
                                s += (double)w[((f * C + c) * K + ky) * K + kx] *
                                     x[((b * C + c) * H + iy) * W + ix];
                            }
                    CHECK_NEAR(y[((b * F + f) * OH + oy) * OW + ox], s, 1e-4);
                }
    nn_model_destroy(m);
    return 0;
}

static int maxpool_hand_values(void)
{
    nn_model_desc d = nn_model_desc_default();
    d.in = (nn_shape){ 1, 4, 4 };
    d.loss = NN_LOSS_MSE;
    nn_model_add(&d, nn_layer_maxpool(2, 0));      /* stride 0 = the window size */
    nn_model *m = nn_model_create(&d, 1);
    CHECK(m);
    const float x[16] = { 1, 2, 5, 0,
                          3, 4, 1, 1,
                          0, 0, -1, -2,
                          9, 0, -3, -4 };
    const float *y = nn_model_forward(m, x, 1, 0);
    CHECK(y[0] == 4 && y[1] == 5 && y[2] == 9 && y[3] == -1);
    const float dy[4] = { 1, 2, 3, 4 };
    nn_model_backward(m, dy);   /* first layer: no dx, but must not crash */
    nn_model_destroy(m);
    return 0;
}

static int layerspec_grammar(void)
{
    nn_model_desc d;
    CHECK(nn_layerspec_parse("c8k3,p2,c16k3,p2,64", (nn_shape){ 1, 28, 28 }, 10, NN_ACT_RELU, 0.01f,
                             NN_INIT_HE, NN_LOSS_SOFTMAX, &d) == NN_OK);
    /* conv act pool conv act pool flatten dense act dense */
    CHECK(d.n_layers == 10);
    CHECK(d.layers[0].kind == NN_LAYER_CONV2D && d.layers[0].units == 8 && d.layers[0].kernel == 3 &&
          d.layers[0].pad == 1 && d.layers[0].stride == 1);
    CHECK(d.layers[2].kind == NN_LAYER_MAXPOOL && d.layers[2].kernel == 2 && d.layers[2].stride == 2);
    CHECK(d.layers[6].kind == NN_LAYER_FLATTEN && d.layers[7].units == 64 && d.layers[9].units == 10);
    nn_model *m = nn_model_create(&d, 1);
    CHECK(m);
    CHECK(nn_model_layer(m, 5).out.c == 16 && nn_model_layer(m, 5).out.h == 7);
    CHECK(nn_model_param_count(m) == (8 * 9 + 8) + (16 * 72 + 16) + (784 * 64 + 64) + (64 * 10 + 10));
    nn_model_destroy(m);
    CHECK(nn_layerspec_parse("c4k5s2p0,d0.25,32", (nn_shape){ 1, 28, 28 }, 10, NN_ACT_RELU, 0.01f,
                             NN_INIT_HE, NN_LOSS_SOFTMAX, &d) == NN_OK);
    CHECK(d.layers[0].stride == 2 && d.layers[0].pad == 0 && d.layers[2].kind == NN_LAYER_DROPOUT);
    CHECK(nn_layerspec_parse("none", (nn_shape){ 1, 28, 28 }, 10, NN_ACT_RELU, 0, NN_INIT_HE,
                             NN_LOSS_SOFTMAX, &d) == NN_OK && d.n_layers == 2);
    const char *bad[] = { "c8", "c8k3x", "p", "64,c8k3", "16,,8", "8,", "q3", "d1.5", "0" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK_MSG(nn_layerspec_parse(bad[i], (nn_shape){ 1, 28, 28 }, 10, NN_ACT_RELU, 0, NN_INIT_HE,
                                     NN_LOSS_SOFTMAX, &d) == NN_ERR_ARG, "'%s' accepted", bad[i]);
    CHECK(strstr(nn_last_error(), "--layers") != NULL);
    CHECK(nn_layerspec_is_image("c8k3,p2,64") && !nn_layerspec_is_image("256,128"));
    return 0;
}

static int no_leaks(void)
{
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

static const test_case CASES[] = {
    { "conv_same_grad", conv_same_grad },
    { "conv_strided_grad", conv_strided_grad },
    { "conv_k5_pad2_stride2_nobias_grad", conv_k5_pad2_stride2_nobias_grad },
    { "conv_kernel_beyond_image_grad", conv_kernel_beyond_image_grad },
    { "conv_many_chunks_grad", conv_many_chunks_grad },
    { "maxpool_grad", maxpool_grad },
    { "act_then_maxpool_grad", act_then_maxpool_grad },
    { "overlapping_pool_grad", overlapping_pool_grad },
    { "small_cnn_grad", small_cnn_grad },
    { "conv_matches_definition", conv_matches_definition },
    { "maxpool_hand_values", maxpool_hand_values },
    { "layerspec_grammar", layerspec_grammar },
    { "no_leaks", no_leaks },
};
TEST_MAIN(CASES)
