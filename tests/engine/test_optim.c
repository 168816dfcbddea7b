/* tests/engine/test_optim.c - every optimizer's first three steps against
 * values worked out by hand from the formulas in nn/optim.h.
 *
 * Problem: f(w) = w^2, gradient g = 2w, start w = 1, learning rate a = 0.1,
 * beta = 0.9, beta2 = 0.999, eps = 1e-8 (eps moves nothing at the 7th digit).
 * Arithmetic is in double; the optimizer works in float, hence tolerances ~1e-6.
 */
#include <math.h>
#include <stdlib.h>

#include "nn/optim.h"
#include "nn/pool.h"
#include "nn/status.h"
#include "test.h"

#define TOL 2e-6
/* 0.999 is 0.99900001287 as a float, so 1 - beta2 = 0.00099998713: Adam's s
 * comes out 1.3e-5 (relative) below the decimal arithmetic. With bias
 * correction the same float enters 1 - beta2^t and cancels; without it the
 * weights move by up to 7e-6 from the decimal values. */
#define TOL_S   2e-7
#define TOL_RAW 1e-5

/* Run three steps of `kind` on f(w) = w^2 from w = 1; record w, v, s after each. */
typedef struct trace { float w[3], v[3], s[3]; long t; } trace;

static int run3(nn_optim_desc d, trace *tr)
{
    nn_optim *o = nn_optim_create(&d, 1);
    if (!o) return 1;
    float w = 1.0f;
    for (int k = 0; k < 3; k++) {
        const float g = 2.0f * w;
        nn_optim_step(o, &w, &g, 0.1f);
        tr->w[k] = w;
        tr->v[k] = o->v ? o->v[0] : NAN;
        tr->s[k] = o->s ? o->s[0] : NAN;
    }
    tr->t = o->t;
    nn_optim_destroy(o);
    return 0;
}

static int sgd_three_steps(void)
{
    trace tr;
    CHECK(run3(nn_optim_desc_default(NN_OPT_SGD), &tr) == 0);
    /* w1 = 1   - 0.1 * 2    = 0.8
     * w2 = 0.8 - 0.1 * 1.6  = 0.64
     * w3 = 0.64 - 0.1 * 1.28 = 0.512 */
    CHECK_NEAR(tr.w[0], 0.8, TOL);
    CHECK_NEAR(tr.w[1], 0.64, TOL);
    CHECK_NEAR(tr.w[2], 0.512, TOL);
    CHECK(tr.t == 3);
    return 0;
}

static int momentum_three_steps(void)
{
    trace tr;
    CHECK(run3(nn_optim_desc_default(NN_OPT_MOMENTUM), &tr) == 0);
    /* v1 = 0.9*0     + 0.1*2      = 0.2       w1 = 1      - 0.1*0.2     = 0.98
     * v2 = 0.9*0.2   + 0.1*1.96   = 0.376     w2 = 0.98   - 0.1*0.376   = 0.9424
     * v3 = 0.9*0.376 + 0.1*1.8848 = 0.52688   w3 = 0.9424 - 0.1*0.52688 = 0.889712 */
    CHECK_NEAR(tr.v[0], 0.2, TOL);     CHECK_NEAR(tr.w[0], 0.98, TOL);
    CHECK_NEAR(tr.v[1], 0.376, TOL);   CHECK_NEAR(tr.w[1], 0.9424, TOL);
    CHECK_NEAR(tr.v[2], 0.52688, TOL); CHECK_NEAR(tr.w[2], 0.889712, TOL);
    CHECK(isnan(tr.s[0]));             /* momentum keeps no squared average */
    return 0;
}

static int rmsprop_three_steps(void)
{
    trace tr;
    CHECK(run3(nn_optim_desc_default(NN_OPT_RMSPROP), &tr) == 0);
    /* s1 = 0.1*4 = 0.4;  sqrt = 0.6324555;  w1 = 1 - 0.1*2/0.6324555 = 1 - 0.3162278 = 0.6837722
     * g2 = 1.3675445, g2^2 = 1.8701779;  s2 = 0.9*0.4 + 0.1*1.8701779 = 0.5470178
     *   sqrt = 0.7396065;  w2 = 0.6837722 - 0.1*1.3675445/0.7396065 = 0.6837722 - 0.1849016 = 0.4988706
     * g3 = 0.9977412, g3^2 = 0.9954875;  s3 = 0.9*0.5470178 + 0.1*0.9954875 = 0.5918648
     *   sqrt = 0.7693275;  w3 = 0.4988706 - 0.1*0.9977412/0.7693275 = 0.4988706 - 0.1296901 = 0.3691806 */
    CHECK_NEAR(tr.s[0], 0.4, TOL);       CHECK_NEAR(tr.w[0], 0.6837722, TOL);
    CHECK_NEAR(tr.s[1], 0.5470178, TOL); CHECK_NEAR(tr.w[1], 0.4988706, TOL);
    CHECK_NEAR(tr.s[2], 0.5918648, TOL); CHECK_NEAR(tr.w[2], 0.3691806, TOL);
    CHECK(isnan(tr.v[0]));
    return 0;
}

static int adam_three_steps_corrected(void)
{
    trace tr;
    CHECK(run3(nn_optim_desc_default(NN_OPT_ADAM), &tr) == 0);
    /* t=1: g = 2;  v = 0.1*2 = 0.2;  s = 0.001*4 = 0.004
     *      v^ = 0.2/(1-0.9) = 2;  s^ = 0.004/(1-0.999) = 4;  w1 = 1 - 0.1*2/sqrt(4) = 0.9
     *      (the first corrected step is exactly a * sign(g), whatever the gradient's size)
     * t=2: g = 1.8;  v = 0.18 + 0.18 = 0.36;  s = 0.999*0.004 + 0.001*3.24 = 0.007236
     *      v^ = 0.36/0.19 = 1.8947368;  s^ = 0.007236/0.001999 = 3.6198099, sqrt = 1.9025798
     *      w2 = 0.9 - 0.1*1.8947368/1.9025798 = 0.9 - 0.0995878 = 0.8004122
     * t=3: g = 1.6008245;  v = 0.324 + 0.1600824 = 0.4840824
     *      s = 0.999*0.007236 + 0.001*2.5626389 = 0.0097914
     *      v^ = 0.4840824/0.271 = 1.7862821;  s^ = 0.0097914/0.002997001 = 3.2670670, sqrt = 1.8075030
     *      w3 = 0.8004122 - 0.1*1.7862821/1.8075030 = 0.8004122 - 0.0988260 = 0.7015863 */
    CHECK_NEAR(tr.v[0], 0.2, TOL);        CHECK_NEAR(tr.s[0], 0.004, TOL_S);     CHECK_NEAR(tr.w[0], 0.9, TOL);
    CHECK_NEAR(tr.v[1], 0.36, TOL);       CHECK_NEAR(tr.s[1], 0.007236, TOL_S);  CHECK_NEAR(tr.w[1], 0.8004122, TOL);
    CHECK_NEAR(tr.v[2], 0.4840824, TOL);  CHECK_NEAR(tr.s[2], 0.0097914, TOL_S); CHECK_NEAR(tr.w[2], 0.7015863, TOL);
    CHECK(tr.t == 3);
    return 0;
}

static int adam_three_steps_uncorrected(void)
{
    nn_optim_desc d = nn_optim_desc_default(NN_OPT_ADAM);
    d.bias_correction = 0;
    trace tr;
    CHECK(run3(d, &tr) == 0);
    /* Same v and s; the step uses them raw: w -= a v / (sqrt(s) + eps).
     * t=1: v = 0.2, s = 0.004, sqrt = 0.0632456;  w1 = 1 - 0.1*0.2/0.0632456 = 1 - 0.3162278 = 0.6837722
     *      (v = 0.1 g but sqrt(s) = sqrt(0.001) |g| = 0.0316 |g|: the raw first step is 3.16 a)
     * t=2: g = 1.3675445;  v = 0.18 + 0.1367544 = 0.3167544;  s = 0.003996 + 0.0018702 = 0.0058662
     *      sqrt = 0.0765910;  w2 = 0.6837722 - 0.1*0.3167544/0.0765910 = 0.6837722 - 0.4135663 = 0.2702060
     * t=3: g = 0.5404119;  v = 0.2850790 + 0.0540412 = 0.3391202;  s = 0.0058603 + 0.0002920 = 0.0061524
     *      sqrt = 0.0784370;  w3 = 0.2702060 - 0.1*0.3391202/0.0784370 = 0.2702060 - 0.4323474 = -0.1621415 */
    CHECK_NEAR(tr.w[0], 0.6837722, TOL_RAW);  CHECK_NEAR(tr.v[0], 0.2, TOL);
    CHECK_NEAR(tr.w[1], 0.2702060, TOL_RAW);  CHECK_NEAR(tr.v[1], 0.3167544, TOL_RAW); CHECK_NEAR(tr.s[1], 0.0058662, TOL_S);
    CHECK_NEAR(tr.w[2], -0.1621415, TOL_RAW); CHECK_NEAR(tr.v[2], 0.3391202, TOL_RAW); CHECK_NEAR(tr.s[2], 0.0061524, TOL_S);
    /* and the corrected and raw runs really differ: 0.9 vs 0.684 after one step */
    CHECK(fabs(tr.w[0] - 0.9) > 0.2);
    return 0;
}

static int adagrad_three_steps(void)
{
    trace tr;
    CHECK(run3(nn_optim_desc_default(NN_OPT_ADAGRAD), &tr) == 0);
    /* G1 = 4;                       w1 = 1   - 0.1*2/2          = 0.9
     * G2 = 4 + 1.8^2 = 7.24;        w2 = 0.9 - 0.1*1.8/2.6907248 = 0.9 - 0.0668965 = 0.8331035
     * G3 = 7.24 + 1.6662071^2 = 10.0162459;
     *                               w3 = 0.8331035 - 0.1*1.6662071/3.1648453 = 0.8331035 - 0.0526473 = 0.7804562 */
    CHECK_NEAR(tr.s[0], 4.0, 1e-5);        CHECK_NEAR(tr.w[0], 0.9, TOL);
    CHECK_NEAR(tr.s[1], 7.24, 1e-5);       CHECK_NEAR(tr.w[1], 0.8331035, TOL);
    CHECK_NEAR(tr.s[2], 10.0162459, 1e-5); CHECK_NEAR(tr.w[2], 0.7804562, TOL);
    return 0;
}

/* Per-element: RMSprop and corrected Adam take a first step of about a in
 * each coordinate however different the gradients' scales (1000 vs 0.001). */
static int first_step_ignores_scale(void)
{
    const nn_optim_kind kinds[] = { NN_OPT_ADAM, NN_OPT_RMSPROP };
    /* adam: a * g / |g| = a.  rmsprop: s = 0.1 g^2, step = a g / (|g| sqrt(0.1)) = a / 0.3162278 */
    const double want[] = { 0.1, 0.1 / sqrt(0.1) };
    for (int k = 0; k < 2; k++) {
        nn_optim_desc d = nn_optim_desc_default(kinds[k]);
        nn_optim *o = nn_optim_create(&d, 2);
        CHECK(o != NULL);
        float w[2] = { 0, 0 };
        const float g[2] = { 1000.0f, -0.001f };
        nn_optim_step(o, w, g, 0.1f);
        CHECK_NEAR(w[0], -want[k], 1e-5);
        CHECK_NEAR(w[1], want[k], 1e-4);   /* eps = 1e-8 is 1e-5 of |g| here */
        nn_optim_destroy(o);
    }
    return 0;
}

static int state_reset_and_errors(void)
{
    const size_t before = nn_bytes_allocated();
    nn_optim_desc d = nn_optim_desc_default(NN_OPT_ADAM);
    nn_optim *o = nn_optim_create(&d, 3);
    CHECK(o && o->v && o->s && o->n == 3 && o->t == 0);
    float w[3] = { 1, 2, 3 };
    const float g[3] = { 1, 1, 1 };
    nn_optim_step(o, w, g, 0.1f);
    CHECK(o->t == 1 && o->v[2] != 0.0f && o->s[2] != 0.0f);
    nn_optim_reset(o);
    CHECK(o->t == 0 && o->v[0] == 0.0f && o->v[2] == 0.0f && o->s[2] == 0.0f);
    nn_optim_destroy(o);

    nn_optim_desc sd = nn_optim_desc_default(NN_OPT_SGD);
    nn_optim *s = nn_optim_create(&sd, 4);
    CHECK(s && s->v == NULL && s->s == NULL);
    nn_optim_destroy(s);

    d.beta = 1.0f;
    CHECK(nn_optim_create(&d, 2) == NULL);
    CHECK(strstr(nn_last_error(), "[0, 1)") != NULL);
    d = nn_optim_desc_default(NN_OPT_RMSPROP);
    d.eps = 0.0f;
    CHECK(nn_optim_create(&d, 2) == NULL);
    d.kind = NN_OPT_COUNT;
    CHECK(nn_optim_create(&d, 2) == NULL);
    CHECK(nn_bytes_allocated() == before);
    return 0;
}

static int names_round_trip(void)
{
    for (int k = 0; k < NN_OPT_COUNT; k++)
        CHECK(nn_optim_from_name(nn_optim_name((nn_optim_kind)k)) == k);
    CHECK(nn_optim_from_name("adamw") == -1);
    CHECK(strcmp(nn_optim_name(NN_OPT_COUNT), "?") == 0);
    return 0;
}

/* nn_optim_step_pool says whether every updated weight is finite, on one
 * range and on a pool's ranges, wherever the bad element lies. */
static int step_reports_nonfinite_weights(void)
{
    enum { N = 70000 };                     /* above the split threshold */
    float *w = malloc(N * sizeof *w), *g = malloc(N * sizeof *g);
    CHECK(w && g);
    nn_pool *pool = nn_pool_create(2);
    CHECK(pool != NULL);
    const nn_optim_kind kinds[] = { NN_OPT_SGD, NN_OPT_ADAM };
    const size_t bad_at[] = { 0, N / 2 - 1, N / 2 + 1, N - 1 };
    for (size_t k = 0; k < 2; k++)
        for (int split = 0; split < 2; split++) {
            nn_optim_desc d = nn_optim_desc_default(kinds[k]);
            nn_optim *o = nn_optim_create(&d, N);
            CHECK(o != NULL);
            for (int i = 0; i < N; i++) { w[i] = 0.01f * (float)(i % 7); g[i] = 0.5f; }
            CHECK(nn_optim_step_pool(o, w, g, 0.1f, split ? pool : NULL) == 1);
            for (size_t b = 0; b < sizeof bad_at / sizeof bad_at[0]; b++) {
                g[bad_at[b]] = INFINITY;
                CHECK_MSG(nn_optim_step_pool(o, w, g, 0.1f, split ? pool : NULL) == 0,
                          "%s split %d: an infinite gradient at %zu went unreported",
                          nn_optim_name(kinds[k]), split, bad_at[b]);
                g[bad_at[b]] = 0.5f;
                w[bad_at[b]] = 0.0f;             /* finite again for the next case */
                nn_optim_reset(o);
            }
            nn_optim_destroy(o);
        }
    nn_pool_destroy(pool);
    free(w); free(g);
    return 0;
}

static const test_case CASES[] = {
    { "step_reports_nonfinite_weights", step_reports_nonfinite_weights },
    { "sgd_three_steps", sgd_three_steps },
    { "momentum_three_steps", momentum_three_steps },
    { "rmsprop_three_steps", rmsprop_three_steps },
    { "adam_three_steps_corrected", adam_three_steps_corrected },
    { "adam_three_steps_uncorrected", adam_three_steps_uncorrected },
    { "adagrad_three_steps", adagrad_three_steps },
    { "first_step_ignores_scale", first_step_ignores_scale },
    { "state_reset_and_errors", state_reset_and_errors },
    { "names_round_trip", names_round_trip },
};
TEST_MAIN(CASES)
