/* nn/ewa.h - exponentially weighted (moving) averages, with and without bias correction.
 *
 *   v_0 = 0,   v_t = b v_(t-1) + (1 - b) theta_t        = (1 - b) sum_(i<=t) b^(t-i) theta_i
 *   corrected: v_t / (1 - b^t)                           (the weights then sum to 1)
 *
 * The average "remembers" about 1 / (1 - b) values: b = 0.5 about 2, b = 0.9
 * about 10, b = 0.98 about 50. Uncorrected, the early averages are pulled
 * towards the starting 0; the correction removes that pull and fades out as
 * b^t -> 0. Momentum and Adam (nn/optim.h) apply the same average to gradients.
 *
 *     float temp[NN_EWA_DAYS], avg[NN_EWA_DAYS];
 *     nn_ewa_temperatures(1, temp, NN_EWA_DAYS);
 *     if (nn_ewa_series(0.9f, 1, temp, avg, NN_EWA_DAYS)) fail(nn_last_error());
 *
 * Sums are kept in double. Thread-safety: reentrant; the caller owns all arrays.
 */
#ifndef NN_EWA_H
#define NN_EWA_H

#include <stdint.h>

#define NN_EWA_DAYS 365

/* A running average; plain so a view can read it. */
typedef struct nn_ewa {
    double beta;
    double v;                /* uncorrected average v_t */
    double beta_t;           /* b^t, for the correction */
    long   t;                /* values seen */
    int    bias_correction;
} nn_ewa;

/* Start an average (v_0 = 0, t = 0). NN_ERR_ARG unless 0 <= beta < 1. */
int    nn_ewa_init(nn_ewa *e, double beta, int bias_correction);
/* Add theta_t; returns the average after it (corrected if asked). */
double nn_ewa_push(nn_ewa *e, double theta);
/* The current average (corrected if asked; 0 before the first value). */
double nn_ewa_value(const nn_ewa *e);

/* out[t-1] = average after theta[0..t) for t = 1..n (theta (n), out (n); may alias).
 * NN_ERR_ARG unless 0 <= beta < 1 and n >= 0. */
int nn_ewa_series(double beta, int bias_correction, const float *theta, float *out, int n);

/* A synthetic year of daily mean temperatures for a temperate city, in degrees C:
 * an annual cycle from about 3 C (mid-January) to about 19 C (mid-July) plus
 * day-to-day weather (noise that persists a few days, std about 3 C).
 * out (n), n <= NN_EWA_DAYS days from 1 January; the same seed gives the same year. */
int nn_ewa_temperatures(uint64_t seed, float *out, int n);

#endif
