/* Unit tests with hand-computed values: softmax, cross-entropy, initialisers,
 * products (BLAS against the naive loop), the random generator. */
#include <stdlib.h>

#include "nn/init.h"
#include "nn/loss.h"
#include "nn/rng.h"
#include "nn/status.h"
#include "nn/tensor.h"
#include "test.h"

/* The lecture notes' worked example: z = (2, 5, -1, 3). e^z = (7.389, 148.41,
 * 0.368, 20.09), sum 176.26, so p = (0.042, 0.842, 0.002, 0.114). */
static int softmax_notes_example(void)
{
    const float z[4] = { 2, 5, -1, 3 };
    float p[4];
    nn_softmax(z, p, 4);
    CHECK_NEAR(p[0], 0.042, 5e-4);
    CHECK_NEAR(p[1], 0.842, 5e-4);
    CHECK_NEAR(p[2], 0.002, 5e-4);
    CHECK_NEAR(p[3], 0.114, 5e-4);
    CHECK_NEAR(p[0] + p[1] + p[2] + p[3], 1.0, 1e-6);
    return 0;
}

/* Cross-entropy of one example is -log of the probability of its true class. */
static int cross_entropy_is_minus_log_p(void)
{
    const float z[4] = { 2, 5, -1, 3 };
    float p[4], dz[4];
    nn_softmax(z, p, 4);
    for (int t = 0; t < 4; t++) {
        const float y = (float)t;
        int correct;
        const double L = nn_loss_eval(NN_LOSS_SOFTMAX, z, &y, 1, 4, dz, &correct);
        CHECK_NEAR(L, -log(p[t]), 1e-5);
        CHECK(correct == (t == 1));
        for (int i = 0; i < 4; i++) CHECK_NEAR(dz[i], p[i] - (i == t), 1e-6);
    }
    return 0;
}

/* Huge logits must not overflow: softmax of (1000, 0) is (1, 0) and the loss
 * of the wrong class is 1000, not inf. */
static int softmax_is_stable(void)
{
    const float z[2] = { 1000, 0 };
    float p[2];
    nn_softmax(z, p, 2);
    CHECK_NEAR(p[0], 1.0, 1e-6);
    const float y = 1;
    CHECK_NEAR(nn_loss_eval(NN_LOSS_SOFTMAX, z, &y, 1, 2, NULL, NULL), 1000.0, 1e-3);
    const float zb = -800, yb = 1;   /* log(1 + e^800) would overflow without the stable form */
    CHECK_NEAR(nn_loss_eval(NN_LOSS_BCE, &zb, &yb, 1, 1, NULL, NULL), 800.0, 1e-3);
    return 0;
}

/* BCE(z, y) = -y log s(z) - (1-y) log(1-s(z)); at z = 0: log 2 for either label. */
static int bce_and_mse_values(void)
{
    const float z[2] = { 0.0f, 2.0f }, y[2] = { 1.0f, 0.0f };
    const double s2 = 1.0 / (1.0 + exp(-2.0));
    CHECK_NEAR(nn_loss_eval(NN_LOSS_BCE, z, y, 2, 1, NULL, NULL),
               (log(2.0) - log(1.0 - s2)) / 2.0, 1e-6);
    /* MSE of (1, 3) against (0, 0): (1 + 9) / 2 = 5. */
    const float zm[2] = { 1, 3 }, ym[2] = { 0, 0 };
    float dz[2];
    CHECK_NEAR(nn_loss_eval(NN_LOSS_MSE, zm, ym, 1, 2, dz, NULL), 5.0, 1e-6);
    CHECK_NEAR(dz[0], 1.0, 1e-6);          /* 2 (1 - 0) / 2 */
    CHECK_NEAR(dz[1], 3.0, 1e-6);
    return 0;
}

/* Empirical std of each initialiser over a 400 x 600 layer against its formula. */
static int init_std_matches_formula(void)
{
    const int n_in = 400, n_out = 600;
    const size_t n = (size_t)n_in * n_out;
    float *w = malloc(n * sizeof *w);
    CHECK(w);
    const double expect[NN_INIT_COUNT] = {
        [NN_INIT_ZEROS] = 0.0, [NN_INIT_SMALL] = 0.01 / sqrt(3.0),
        [NN_INIT_XAVIER] = sqrt(1.0 / 400), [NN_INIT_GLOROT] = sqrt(2.0 / 1000),
        [NN_INIT_HE] = sqrt(2.0 / 400), [NN_INIT_LARGE] = 1.0,
    };
    for (int i = 0; i < NN_INIT_COUNT; i++) {
        nn_rng r;
        nn_rng_seed(&r, 99, 1);
        nn_init_fill((nn_init)i, w, n, n_in, n_out, &r);
        double s = 0, sq = 0, mx = 0;
        for (size_t k = 0; k < n; k++) { s += w[k]; sq += (double)w[k] * w[k]; mx = fmax(mx, fabs(w[k])); }
        const double mean = s / n, sd = sqrt(sq / n - mean * mean);
        CHECK_NEAR(nn_init_std((nn_init)i, n_in, n_out), expect[i], 1e-12);
        CHECK_MSG(fabs(sd - expect[i]) <= 0.01 * expect[i] + 1e-12, "%s: sd %g, formula %g",
                  nn_init_name((nn_init)i), sd, expect[i]);
        CHECK(fabs(mean) < 0.01 * expect[i] + 1e-12);
        if (i == NN_INIT_SMALL) CHECK(mx <= 0.01);
    }
    free(w);
    return 0;
}

/* 2x3 times 3x2 by hand: [1 2 3; 4 5 6] [7 8; 9 10; 11 12] = [58 64; 139 154]. */
static int gemm_by_hand(void)
{
    const float A[6] = { 1, 2, 3, 4, 5, 6 }, Bm[6] = { 7, 8, 9, 10, 11, 12 };
    float C[4] = { 0 }, Cn[4] = { 0 };
    nn_gemm(0, 0, 2, 2, 3, 1.0f, A, 3, Bm, 2, 0.0f, C, 2);
    nn_gemm_naive(0, 0, 2, 2, 3, 1.0f, A, 3, Bm, 2, 0.0f, Cn, 2);
    const float want[4] = { 58, 64, 139, 154 };
    for (int i = 0; i < 4; i++) { CHECK_NEAR(C[i], want[i], 1e-4); CHECK_NEAR(Cn[i], want[i], 1e-4); }
    return 0;
}

/* BLAS and the naive loop agree on awkward shapes and every transpose combination. */
static int gemm_blas_vs_naive(void)
{
    const int shapes[][3] = { { 1, 7, 5 }, { 7, 1, 5 }, { 5, 5, 1 }, { 13, 17, 19 }, { 64, 3, 33 } };
    nn_rng r;
    nn_rng_seed(&r, 3, 3);
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
        for (int ta = 0; ta < 2; ta++)
            for (int tb = 0; tb < 2; tb++) {
                const int M = shapes[s][0], N = shapes[s][1], K = shapes[s][2];
                float A[64 * 33], Bm[33 * 17], C[64 * 17], Cn[64 * 17];
                for (int i = 0; i < M * K; i++) A[i] = (float)nn_rng_uniform(&r) - 0.5f;
                for (int i = 0; i < K * N; i++) Bm[i] = (float)nn_rng_uniform(&r) - 0.5f;
                for (int i = 0; i < M * N; i++) C[i] = Cn[i] = (float)nn_rng_uniform(&r);
                nn_gemm(ta, tb, M, N, K, 0.5f, A, ta ? M : K, Bm, tb ? K : N, 2.0f, C, N);
                nn_gemm_naive(ta, tb, M, N, K, 0.5f, A, ta ? M : K, Bm, tb ? K : N, 2.0f, Cn, N);
                for (int i = 0; i < M * N; i++) CHECK_NEAR(C[i], Cn[i], 1e-4);
            }
    return 0;
}

/* Same seed and stream: same sequence; another stream or seed: another one. */
static int rng_streams(void)
{
    nn_rng a, b, c, d;
    nn_rng_seed(&a, 7, 1); nn_rng_seed(&b, 7, 1); nn_rng_seed(&c, 7, 2); nn_rng_seed(&d, 8, 1);
    int same_c = 0, same_d = 0;
    for (int i = 0; i < 100; i++) {
        uint32_t x = nn_rng_u32(&a);
        CHECK(x == nn_rng_u32(&b));
        same_c += x == nn_rng_u32(&c);
        same_d += x == nn_rng_u32(&d);
    }
    CHECK(same_c < 3 && same_d < 3);
    /* Moments of the uniform and normal draws. */
    double su = 0, sn = 0, sn2 = 0;
    const int n = 200000;
    for (int i = 0; i < n; i++) {
        su += nn_rng_uniform(&a);
        double g = nn_rng_normal(&a);
        sn += g; sn2 += g * g;
    }
    CHECK_NEAR(su / n, 0.5, 0.005);
    CHECK_NEAR(sn / n, 0.0, 0.01);
    CHECK_NEAR(sn2 / n, 1.0, 0.01);
    /* below(n) is in range and hits every value. */
    int hits[5] = { 0 };
    for (int i = 0; i < 1000; i++) {
        uint32_t v = nn_rng_below(&a, 5);
        CHECK(v < 5);
        hits[v]++;
    }
    for (int i = 0; i < 5; i++) CHECK(hits[i] > 150);
    return 0;
}

static int allocator_counts(void)
{
    const size_t base = nn_bytes_allocated();
    void *p = nn_alloc(1000);
    CHECK(p && nn_bytes_allocated() == base + 1000);
    nn_free(p);
    CHECK(nn_bytes_allocated() == base);
    return 0;
}

static const test_case CASES[] = {
    { "softmax_notes_example", softmax_notes_example },
    { "cross_entropy_is_minus_log_p", cross_entropy_is_minus_log_p },
    { "softmax_is_stable", softmax_is_stable },
    { "bce_and_mse_values", bce_and_mse_values },
    { "init_std_matches_formula", init_std_matches_formula },
    { "gemm_by_hand", gemm_by_hand },
    { "gemm_blas_vs_naive", gemm_blas_vs_naive },
    { "rng_streams", rng_streams },
    { "allocator_counts", allocator_counts },
};
TEST_MAIN(CASES)
