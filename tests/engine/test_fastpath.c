/* The training step's fast paths give the values of the plain ones:
 * nn_act_grad against clearing then nn_act_backward, the fused dense +
 * activation forward against the two layers' formulas, the streaming uint8
 * batch conversion, nn_all_finite's BLAS-sum shortcut, the SGD axpy, and a
 * steady-state step that allocates nothing. */
#include <stdlib.h>
#include <string.h>

#include "nn/data.h"
#include "nn/model.h"
#include "nn/optim.h"
#include "nn/rng.h"
#include "nn/status.h"
#include "nn/tensor.h"
#include "nn/trainer.h"
#include "test.h"

static float uniform(nn_rng *r, float lo, float hi)
{
    return lo + (hi - lo) * (float)nn_rng_below(r, 1u << 24) / (float)(1u << 24);
}

/* dx = f'(x) dy in one pass is bit for bit "clear dx, then dx += f'(x) dy",
 * signed zeros included (0.0f + -0.0f is +0.0f). */
static int act_grad_matches_clear_then_backward(void)
{
    enum { N = 1000 };
    float x[N], y[N], dy[N], a[N], b[N];
    nn_rng r;
    nn_rng_seed(&r, 7, 0);
    for (int i = 0; i < N; i++) {
        x[i] = i % 10 == 0 ? 0.0f : uniform(&r, -3.0f, 3.0f);
        dy[i] = i % 7 == 0 ? -0.0f : uniform(&r, -1.0f, 1.0f);
    }
    for (int k = 0; k < NN_ACT_COUNT; k++) {
        nn_act_forward((nn_act)k, 0.1f, x, y, N);
        for (int i = 0; i < N; i++) a[i] = 123.0f;          /* stale contents are ignored */
        memset(b, 0, sizeof b);
        nn_act_grad((nn_act)k, 0.1f, x, y, dy, a, N);
        nn_act_backward((nn_act)k, 0.1f, x, y, dy, b, N);
        CHECK_MSG(memcmp(a, b, sizeof a) == 0, "activation %s", nn_act_name((nn_act)k));
    }
    return 0;
}

/* A dense layer followed by an activation runs as one fused pass; both
 * outputs must still be the layers' own: z = x W^T + b and f(z). */
static int fused_dense_activation_keeps_both_outputs(void)
{
    enum { B = 5, IN = 7, H = 6, OUT = 3 };
    for (int k = 0; k < NN_ACT_COUNT; k++) {
        nn_model_desc d = nn_model_desc_mlp(IN, (int[]){ H }, 1, OUT, (nn_act)k, 0.2f,
                                            NN_INIT_XAVIER, NN_LOSS_SOFTMAX);
        nn_model *m = nn_model_create(&d, 3);
        CHECK(m);
        float *w = nn_model_params(m);
        for (int i = H * IN; i < H * IN + H; i++) w[i] = 0.05f * (float)(i % 5) - 0.1f; /* biases */
        float x[B * IN], z[B * H];
        for (int i = 0; i < B * IN; i++) x[i] = (float)((i * 37) % 11) / 5.0f - 1.0f;
        CHECK(nn_model_forward(m, x, B, 1));
        nn_gemm_naive(0, 1, B, H, IN, 1.0f, x, IN, w, IN, 0.0f, z, H);
        int rows;
        const float *z_got = nn_model_activation(m, 0, &rows), *a_got = nn_model_activation(m, 1, NULL);
        CHECK(rows == B);
        for (int r = 0; r < B; r++)
            for (int j = 0; j < H; j++) {
                const float zr = z[r * H + j] + w[H * IN + j];
                float f;
                nn_act_forward((nn_act)k, 0.2f, &zr, &f, 1);
                CHECK_NEAR(z_got[r * H + j], zr, 1e-5);
                float again;
                nn_act_forward((nn_act)k, 0.2f, &z_got[r * H + j], &again, 1);
                CHECK(a_got[r * H + j] == again);            /* f of the stored z, exactly */
                CHECK_NEAR(a_got[r * H + j], f, 1e-5);
            }
        nn_model_destroy(m);
    }
    return 0;
}

/* Gathered 8-bit pixels are value / 255 exactly, whatever the row length
 * (16-byte blocks or not) and the alignment of the destination; prefetching
 * changes nothing. */
static int gather_converts_pixels_exactly(void)
{
    const int dims[] = { 784, 37, 16, 1 };
    for (int t = 0; t < 4; t++) {
        const int n = 50, d = dims[t];
        nn_dataset ds = { .n = n, .d = d, .shape = { d, 1, 1 }, .classes = 10, .y_dim = 1 };
        ds.x8 = malloc((size_t)n * d);
        ds.y = malloc((size_t)n * sizeof(float));
        float *buf = malloc(((size_t)n * d + 4) * sizeof(float)), y[50];
        CHECK(ds.x8 && ds.y && buf);
        for (int i = 0; i < n * d; i++) ds.x8[i] = (uint8_t)((i * 131 + 7) % 256);
        for (int i = 0; i < n; i++) ds.y[i] = (float)(i % 10);
        int idx[20];
        for (int i = 0; i < 20; i++) idx[i] = (i * 17 + 3) % n;
        for (int shift = 0; shift < 2; shift++) {       /* aligned and misaligned destination */
            float *x = buf + shift;
            nn_dataset_prefetch(&ds, idx, 20);
            nn_dataset_gather(&ds, idx, 20, x, y);
            for (int r = 0; r < 20; r++) {
                CHECK(y[r] == ds.y[idx[r]]);
                for (int k = 0; k < d; k++)
                    CHECK(x[(size_t)r * d + k] == ds.x8[(size_t)idx[r] * d + k] * (1.0f / 255.0f));
            }
        }
        nn_dataset_slice(&ds, 3, 10, buf, y);
        for (int k = 0; k < 10 * d; k++) CHECK(buf[k] == ds.x8[(size_t)3 * d + k] * (1.0f / 255.0f));
        free(ds.x8); free(ds.y); free(buf);
    }
    return 0;
}

/* nn_all_finite is exact for every length: a NaN or Inf anywhere is found,
 * and finite values whose sum overflows are still finite. */
static int all_finite_is_exact(void)
{
    const size_t lens[] = { 1, 15, 17, 4095, 4096, 5000, 300001 };
    for (int t = 0; t < 7; t++) {
        const size_t n = lens[t];
        float *a = malloc(n * sizeof *a);
        CHECK(a);
        for (size_t i = 0; i < n; i++) a[i] = (float)(i % 13) - 6.0f;
        CHECK(nn_all_finite(a, n));
        const size_t where[3] = { 0, n / 2, n - 1 };
        const float bad[3] = { NAN, INFINITY, -INFINITY };
        for (int w = 0; w < 3; w++)
            for (int b = 0; b < 3; b++) {
                const float keep = a[where[w]];
                a[where[w]] = bad[b];
                CHECK_MSG(!nn_all_finite(a, n), "n %zu, position %zu", n, where[w]);
                a[where[w]] = keep;
            }
        for (size_t i = 0; i < n; i++) a[i] = 3e38f;          /* the sum overflows; each is finite */
        CHECK(nn_all_finite(a, n));
        free(a);
    }
    return 0;
}

/* Plain SGD is one axpy: w - lr g to within a rounding (the BLAS may fuse
 * the multiply and the add), for an arena and for a 2-D point. */
static int sgd_step_is_one_axpy(void)
{
    const size_t lens[] = { 2, 300001 };
    for (int t = 0; t < 2; t++) {
        const size_t n = lens[t];
        float *w = malloc(n * sizeof *w), *g = malloc(n * sizeof *g);
        CHECK(w && g);
        for (size_t i = 0; i < n; i++) {
            w[i] = (float)(i % 101) / 50.0f - 1.0f;
            g[i] = (float)(i % 37) / 9.0f - 2.0f;
        }
        nn_optim_desc d = nn_optim_desc_default(NN_OPT_SGD);
        nn_optim *o = nn_optim_create(&d, n);
        CHECK(o);
        nn_optim_step(o, w, g, 0.1f);
        CHECK(o->t == 1);
        for (size_t i = 0; i < n; i++) {
            const double want = ((float)(i % 101) / 50.0f - 1.0f) - 0.1 * ((float)(i % 37) / 9.0f - 2.0f);
            CHECK_NEAR(w[i], want, 1e-6);
        }
        nn_optim_destroy(o);
        free(w); free(g);
    }
    return 0;
}

/* Once the buffers exist, a training step allocates nothing. */
static int steady_step_allocates_nothing(void)
{
    enum { N = 600, D = 64 };
    nn_dataset ds = { .n = N, .d = D, .shape = { D, 1, 1 }, .classes = 10, .y_dim = 1 };
    ds.x8 = malloc((size_t)N * D);
    ds.y = malloc(N * sizeof(float));
    CHECK(ds.x8 && ds.y);
    for (int i = 0; i < N * D; i++) ds.x8[i] = (uint8_t)((i * 29) % 256);
    for (int i = 0; i < N; i++) ds.y[i] = (float)(i % 10);
    nn_train_desc d = nn_train_desc_default();
    d.model = nn_model_desc_mlp(D, (int[]){ 32 }, 1, 10, NN_ACT_RELU, 0, NN_INIT_HE, NN_LOSS_SOFTMAX);
    d.batch = 50;
    nn_trainer *t = nn_trainer_create(&d, &ds, NULL, NULL);
    CHECK(t);
    CHECK(nn_trainer_step(t) == NN_OK);
    const size_t live = nn_bytes_allocated();
    for (int s = 0; s < 10; s++) {
        CHECK(nn_trainer_step(t) == NN_OK);
        CHECK(nn_bytes_allocated() == live);
    }
    nn_trainer_destroy(t);
    free(ds.x8); free(ds.y);
    return 0;
}

static const test_case CASES[] = {
    { "act_grad_matches_clear_then_backward", act_grad_matches_clear_then_backward },
    { "fused_dense_activation_keeps_both_outputs", fused_dense_activation_keeps_both_outputs },
    { "gather_converts_pixels_exactly", gather_converts_pixels_exactly },
    { "all_finite_is_exact", all_finite_is_exact },
    { "sgd_step_is_one_axpy", sgd_step_is_one_axpy },
    { "steady_step_allocates_nothing", steady_step_allocates_nothing },
};
TEST_MAIN(CASES)
