/* tests/engine/test_ewa.c - exponentially weighted averages against their
 * closed form, the notes' worked example, and the synthetic temperature year. */
#include <math.h>

#include "nn/ewa.h"
#include "nn/status.h"
#include "test.h"

/* v_t = (1 - b) sum_(i=1..t) b^(t-i) theta_i, divided by (1 - b^t) when corrected. */
static double closed_form(double b, int corrected, const float *theta, int t)
{
    double sum = 0.0;
    for (int i = 1; i <= t; i++) sum += pow(b, t - i) * theta[i - 1];
    const double v = (1.0 - b) * sum;
    return corrected ? v / (1.0 - pow(b, t)) : v;
}

static int matches_closed_form(void)
{
    float theta[NN_EWA_DAYS], out[NN_EWA_DAYS];
    CHECK(nn_ewa_temperatures(3, theta, NN_EWA_DAYS) == NN_OK);
    const double betas[] = { 0.5, 0.9, 0.98 };
    for (int b = 0; b < 3; b++)
        for (int corrected = 0; corrected < 2; corrected++) {
            CHECK(nn_ewa_series(betas[b], corrected, theta, out, NN_EWA_DAYS) == NN_OK);
            for (int t = 1; t <= NN_EWA_DAYS; t++)
                CHECK_NEAR(out[t - 1], closed_form(betas[b], corrected, theta, t), 1e-4);
        }
    /* a short hand-checkable series with b = 0.9: theta = 10, 20, 30
     *   v1 = 0.1*10 = 1             corrected 1 / 0.1 = 10
     *   v2 = 0.9*1 + 0.1*20 = 2.9   corrected 2.9 / 0.19 = 15.2631579
     *   v3 = 0.9*2.9 + 3 = 5.61     corrected 5.61 / 0.271 = 20.7011070 */
    const float th[3] = { 10, 20, 30 };
    float v[3];
    CHECK(nn_ewa_series(0.9, 0, th, v, 3) == NN_OK);
    CHECK_NEAR(v[0], 1.0, 1e-6); CHECK_NEAR(v[1], 2.9, 1e-6); CHECK_NEAR(v[2], 5.61, 1e-6);
    CHECK(nn_ewa_series(0.9, 1, th, v, 3) == NN_OK);
    CHECK_NEAR(v[0], 10.0, 1e-5); CHECK_NEAR(v[1], 15.2631579, 1e-5); CHECK_NEAR(v[2], 20.7011070, 1e-5);
    return 0;
}

/* The notes' example with b = 0.98: v1 = 0.02 theta1, v2 = 0.0196 theta1 + 0.02 theta2,
 * both far below the measurements; corrected, v1 = theta1 and
 * v2 = (0.0196 theta1 + 0.02 theta2) / 0.0396. */
static int notes_example_beta_098(void)
{
    nn_ewa e;
    CHECK(nn_ewa_init(&e, 0.98, 0) == NN_OK);
    CHECK(nn_ewa_value(&e) == 0.0);
    CHECK_NEAR(nn_ewa_push(&e, 12.0), 0.24, 1e-12);
    CHECK_NEAR(nn_ewa_push(&e, 15.0), 0.0196 * 12 + 0.02 * 15, 1e-12);
    CHECK(e.t == 2 && fabs(e.beta_t - 0.9604) < 1e-12);
    CHECK(nn_ewa_init(&e, 0.98, 1) == NN_OK);
    CHECK_NEAR(nn_ewa_push(&e, 12.0), 12.0, 1e-9);
    CHECK_NEAR(nn_ewa_push(&e, 15.0), (0.0196 * 12 + 0.02 * 15) / 0.0396, 1e-9);
    return 0;
}

/* A constant series: corrected, the average is the constant from day 1;
 * uncorrected, it is c (1 - b^t), climbing from 0. b = 0 copies the series. */
static int constant_series_and_beta_zero(void)
{
    float c[50], out[50];
    for (int i = 0; i < 50; i++) c[i] = 20.0f;
    CHECK(nn_ewa_series(0.9, 1, c, out, 50) == NN_OK);
    for (int i = 0; i < 50; i++) CHECK_NEAR(out[i], 20.0, 1e-4);
    CHECK(nn_ewa_series(0.9, 0, c, out, 50) == NN_OK);
    for (int t = 1; t <= 50; t++) CHECK_NEAR(out[t - 1], 20.0 * (1.0 - pow(0.9, t)), 1e-4);
    float theta[5] = { 3, -1, 4, 1, -5 };
    CHECK(nn_ewa_series(0.0, 0, theta, theta, 5) == NN_OK);   /* in place */
    CHECK(theta[0] == 3 && theta[4] == -5);
    return 0;
}

static int bad_beta_refused(void)
{
    float x[1] = { 1 }, y[1];
    nn_ewa e;
    CHECK(nn_ewa_init(&e, 1.0, 0) == NN_ERR_ARG);
    CHECK(nn_ewa_init(&e, -0.1, 0) == NN_ERR_ARG);
    CHECK(nn_ewa_series(NAN, 1, x, y, 1) == NN_ERR_ARG);
    CHECK(strstr(nn_last_error(), "[0, 1)") != NULL);
    CHECK(nn_ewa_series(0.5, 1, x, y, -1) == NN_ERR_ARG);
    CHECK(nn_ewa_temperatures(1, y, NN_EWA_DAYS + 1) == NN_ERR_ARG);
    return 0;
}

static double mean(const float *x, int a, int b)
{
    double s = 0;
    for (int i = a; i < b; i++) s += x[i];
    return s / (b - a);
}

static int temperature_year_is_plausible(void)
{
    float a[NN_EWA_DAYS], b[NN_EWA_DAYS];
    CHECK(nn_ewa_temperatures(1, a, NN_EWA_DAYS) == NN_OK);
    CHECK(nn_ewa_temperatures(1, b, NN_EWA_DAYS) == NN_OK);
    CHECK(memcmp(a, b, sizeof a) == 0);                  /* same seed, same year */
    for (int d = 0; d < NN_EWA_DAYS; d++) CHECK(a[d] > -15.0f && a[d] < 35.0f);
    const double jan = mean(a, 0, 31), jul = mean(a, 181, 212), year = mean(a, 0, NN_EWA_DAYS);
    CHECK_MSG(jan < 7.0 && jul > 15.0 && jul - jan > 10.0, "January %.1f, July %.1f", jan, jul);
    CHECK_NEAR(year, 11.0, 1.5);
    /* day-to-day weather: neighbouring days differ, but by a few degrees */
    double dsum = 0;
    for (int d = 1; d < NN_EWA_DAYS; d++) dsum += fabs(a[d] - a[d - 1]);
    CHECK(dsum / (NN_EWA_DAYS - 1) > 1.0 && dsum / (NN_EWA_DAYS - 1) < 4.0);
    CHECK(nn_ewa_temperatures(2, b, NN_EWA_DAYS) == NN_OK);
    CHECK(memcmp(a, b, sizeof a) != 0);
    /* the b = 0.98 average lags the season: mid-July average below the July mean */
    float avg[NN_EWA_DAYS];
    CHECK(nn_ewa_series(0.98, 1, a, avg, NN_EWA_DAYS) == NN_OK);
    CHECK(avg[196] < jul);
    return 0;
}

static const test_case CASES[] = {
    { "matches_closed_form", matches_closed_form },
    { "notes_example_beta_098", notes_example_beta_098 },
    { "constant_series_and_beta_zero", constant_series_and_beta_zero },
    { "bad_beta_refused", bad_beta_refused },
    { "temperature_year_is_plausible", temperature_year_is_plausible },
};
TEST_MAIN(CASES)
