/* ewa.c - exponentially weighted averages and a synthetic temperature year (see nn/ewa.h). */
#include <math.h>

#include "nn/ewa.h"
#include "nn/rng.h"
#include "nn/status.h"

int nn_ewa_init(nn_ewa *e, double beta, int bias_correction)
{
    *e = (nn_ewa){ .beta = beta, .beta_t = 1.0, .bias_correction = bias_correction != 0 };
    if (!(beta >= 0.0 && beta < 1.0))
        return nn_set_error(NN_ERR_ARG, "averaging beta must be in [0, 1) (got %g)", beta);
    return NN_OK;
}

/* v_t = b v_(t-1) + (1 - b) theta_t;  b^t kept as a running product */
double nn_ewa_push(nn_ewa *e, double theta)
{
    e->v = e->beta * e->v + (1.0 - e->beta) * theta;
    e->beta_t *= e->beta;
    e->t++;
    return nn_ewa_value(e);
}

/* v_t, or v_t / (1 - b^t) when corrected */
double nn_ewa_value(const nn_ewa *e)
{
    if (e->t == 0) return 0.0;
    return e->bias_correction ? e->v / (1.0 - e->beta_t) : e->v;
}

int nn_ewa_series(double beta, int bias_correction, const float *theta, float *out, int n)
{
    nn_ewa e;
    int rc = nn_ewa_init(&e, beta, bias_correction);
    if (rc) return rc;
    if (n < 0) return nn_set_error(NN_ERR_ARG, "averaging: series length must be >= 0 (got %d)", n);
    for (int i = 0; i < n; i++) out[i] = (float)nn_ewa_push(&e, theta[i]);
    return NN_OK;
}

/* T(d) = 11 - 8 cos(2 pi (d - 15) / 365) + w_d,  w_d = 0.7 w_(d-1) + 2.2 N(0, 1)
 * (the AR(1) weather has std 2.2 / sqrt(1 - 0.49), about 3.1 C). */
int nn_ewa_temperatures(uint64_t seed, float *out, int n)
{
    if (n < 0 || n > NN_EWA_DAYS)
        return nn_set_error(NN_ERR_ARG, "temperatures: days must be in [0, %d] (got %d)", NN_EWA_DAYS, n);
    const double pi = 3.14159265358979323846;
    nn_rng r;
    nn_rng_seed(&r, seed, NN_STREAM_DATA);
    /* Start the weather from its stationary distribution, not from 0. */
    double w = 3.08 * nn_rng_normal(&r);
    for (int d = 0; d < n; d++) {
        if (d > 0) w = 0.7 * w + 2.2 * nn_rng_normal(&r);
        const double season = 11.0 - 8.0 * cos(2.0 * pi * (d - 15) / 365.0);
        out[d] = (float)(round((season + w) * 10.0) / 10.0);
    }
    return NN_OK;
}
