/* app/labs/ewa_lab.h - a noisy year of temperatures and its exponentially
 * weighted averages: the state behind the "Averages" view and its lesson.
 *
 * The series is nn_ewa_temperatures(seed); the averages are nn_ewa_series
 * for the three fixed betas of the notes (0.5, 0.9, 0.98) and for the
 * learner's beta, each with and without bias correction. Nothing is
 * re-implemented here.
 *
 * Settings (lessons: `set: ewa.beta = 0.98`):
 *   ewa.beta             the learner's beta, 0 <= beta < 1
 *   ewa.bias-correction  on | off (the view draws the chosen one; metrics give both)
 *   ewa.seed             the year's weather
 * Metrics (lessons: `ewa.avg(5)`-style arguments are the day, 1-based; see
 * ewa_metric): temp(D), avg(D) (the learner's beta, as drawn), raw(D)
 * (uncorrected), corrected(D), window (1 / (1 - beta)), weight(K) = beta^K (1 - beta).
 *
 * No SDL here. Plain arrays; one thread.
 */
#ifndef NNLAB_EWA_LAB_H
#define NNLAB_EWA_LAB_H

#include <stdint.h>

#include "labs/lab_setting.h"
#include "nn/ewa.h"

#define EWA_FIXED 3                 /* 0.5, 0.9, 0.98 */

typedef struct ewa_lab {
    double   beta;                  /* the learner's */
    int      bias_correction;
    uint64_t seed;
    float    temp[NN_EWA_DAYS];
    float    fixed_raw[EWA_FIXED][NN_EWA_DAYS], fixed_corr[EWA_FIXED][NN_EWA_DAYS];
    float    raw[NN_EWA_DAYS], corr[NN_EWA_DAYS];   /* the learner's beta */
    char     error[256];
} ewa_lab;

extern const double EWA_FIXED_BETAS[EWA_FIXED];

typedef lab_setting ewa_setting;
const ewa_setting *ewa_settings(int *n);

int  ewa_lab_init(ewa_lab *L);                  /* beta 0.9, correction on, seed 1 */
/* NN_OK, or NN_ERR_ARG with nn_last_error() (and L->error) naming the setting
 * and the value; a refused value changes nothing. */
int  ewa_lab_set(ewa_lab *L, const char *name, const char *value);
/* The same check without a lab (a lesson's parser). */
int  ewa_check(const char *name, const char *value);
/* 1 if name is a metric name ("raw"); *takes_arg: 1 if it takes a day or k. */
int  ewa_metric_known(const char *name, int *takes_arg);
/* name "avg", "raw", "corrected", "temp" with arg = day (1..365); "weight" with
 * arg = k (0..); "window" (arg ignored). NN_ERR_ARG if unknown or out of range. */
int  ewa_metric(const ewa_lab *L, const char *name, int arg, double *out);

#endif
