/* tests/engine/test_schedule.c - every learning-rate decay at epochs 0..5
 * against values worked out by hand from the formulas in nn/schedule.h.
 * Base rate a0 = 0.2, k = 0.5 (both exact in binary).
 */
#include <math.h>

#include "nn/schedule.h"
#include "test.h"

#define TOL 1e-7

static int rates(nn_decay kind, float rate, int every, float factor, const double *want)
{
    nn_schedule s = nn_schedule_default(kind);
    s.rate = rate;
    s.every = every;
    s.factor = factor;
    for (int e = 0; e <= 5; e++) {
        const double got = nn_schedule_lr(&s, 0.2f, e);
        if (fabs(got - want[e]) > TOL) {
            fprintf(stderr, "%s epoch %d: got %.9g, want %.9g\n", nn_decay_name(kind), e, got, want[e]);
            return 1;
        }
    }
    return 0;
}

static int none_is_constant(void)
{
    const double want[6] = { 0.2, 0.2, 0.2, 0.2, 0.2, 0.2 };
    return rates(NN_DECAY_NONE, 0.5f, 10, 0.5f, want);
}

static int inverse_decay(void)
{
    /* a = 0.2 / (1 + 0.5 e):  0.2/1, 0.2/1.5, 0.2/2, 0.2/2.5, 0.2/3, 0.2/3.5 */
    const double want[6] = { 0.2, 0.1333333333, 0.1, 0.08, 0.0666666667, 0.0571428571 };
    return rates(NN_DECAY_INVERSE, 0.5f, 10, 0.5f, want);
}

static int exp_decay(void)
{
    /* a = 0.2 e^(-0.5 e):  e^-0.5 = 0.6065307, e^-1 = 0.3678794, e^-1.5 = 0.2231302,
     * e^-2 = 0.1353353, e^-2.5 = 0.0820850 (each times 0.2) */
    const double want[6] = { 0.2, 0.1213061319, 0.0735758882, 0.0446260320, 0.0270670566, 0.0164169997 };
    return rates(NN_DECAY_EXP, 0.5f, 10, 0.5f, want);
}

static int sqrt_decay(void)
{
    /* a = k a0 / sqrt(e) = 0.1 / sqrt(e) for e >= 1; epoch 0 uses e = 1:
     * 0.1, 0.1, 0.1/1.4142136, 0.1/1.7320508, 0.1/2, 0.1/2.2360680 */
    const double want[6] = { 0.1, 0.1, 0.0707106781, 0.0577350269, 0.05, 0.0447213595 };
    return rates(NN_DECAY_SQRT, 0.5f, 10, 0.5f, want);
}

static int step_decay(void)
{
    /* a = 0.2 * 0.5^floor(e / 2):  exponents 0, 0, 1, 1, 2, 2 */
    const double want[6] = { 0.2, 0.2, 0.1, 0.1, 0.05, 0.05 };
    if (rates(NN_DECAY_STEP, 0.5f, 2, 0.5f, want)) return 1;
    /* every 3, factor 0.1:  exponents 0, 0, 0, 1, 1, 1 */
    const double want3[6] = { 0.2, 0.2, 0.2, 0.02, 0.02, 0.02 };
    return rates(NN_DECAY_STEP, 0.5f, 3, 0.1f, want3);
}

static int edges_and_names(void)
{
    /* A negative epoch counts as epoch 0; step with every <= 0 drops every epoch. */
    nn_schedule s = nn_schedule_default(NN_DECAY_INVERSE);
    CHECK_NEAR(nn_schedule_lr(&s, 0.2f, -3), 0.2, TOL);
    s = nn_schedule_default(NN_DECAY_STEP);
    s.every = 0;
    CHECK_NEAR(nn_schedule_lr(&s, 0.2f, 2), 0.05, TOL);
    /* Defaults: k = 1, every 10, factor 0.5. */
    s = nn_schedule_default(NN_DECAY_EXP);
    CHECK(s.rate == 1.0f && s.every == 10 && s.factor == 0.5f);
    CHECK_NEAR(nn_schedule_lr(&s, 1.0f, 1), exp(-1.0), TOL);
    for (int d = 0; d < NN_DECAY_COUNT; d++)
        CHECK(nn_decay_from_name(nn_decay_name((nn_decay)d)) == d);
    CHECK(nn_decay_from_name("cosine") == -1);
    CHECK(strcmp(nn_decay_name(NN_DECAY_COUNT), "?") == 0);
    return 0;
}

/* The rate used during epoch E (counting from 1) is the formula with t = E - 1
 * finished epochs; E = 0 (before training, the CSV's row 0) is the first
 * epoch's. Inverse, a0 = 0.2, k = 0.5: epochs 1, 2, 3 use 0.2, 0.2/1.5, 0.2/2. */
static int rate_during_an_epoch(void)
{
    nn_schedule s = nn_schedule_default(NN_DECAY_INVERSE);
    s.rate = 0.5f;
    const double want[4] = { 0.2, 0.2, 0.1333333333, 0.1 };     /* E = 0, 1, 2, 3 */
    for (int e = 0; e <= 3; e++) CHECK_NEAR(nn_schedule_lr_during(&s, 0.2f, e), want[e], TOL);
    CHECK_NEAR(nn_schedule_lr_during(&s, 0.2f, -2), 0.2, TOL);
    /* and the lesson's example: lr0 = 1, k = 0.2, epoch 10 uses 1 / (1 + 0.2 x 9) = 1 / 2.8 */
    s.rate = 0.2f;
    CHECK_NEAR(nn_schedule_lr_during(&s, 1.0f, 10), 1.0 / 2.8, TOL);
    return 0;
}

static const test_case CASES[] = {
    { "none_is_constant", none_is_constant },
    { "inverse_decay", inverse_decay },
    { "exp_decay", exp_decay },
    { "sqrt_decay", sqrt_decay },
    { "step_decay", step_decay },
    { "edges_and_names", edges_and_names },
    { "rate_during_an_epoch", rate_during_an_epoch },
};
TEST_MAIN(CASES)
