/* app/labs/ewa_lab.c - a year of temperatures and its averages (see ewa_lab.h).
 *
 * The series and every average come from the engine (nn_ewa_temperatures,
 * nn_ewa_series); this file keeps the settings and answers the metrics. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "labs/ewa_lab.h"
#include "nn/config.h"
#include "nn/parse.h"
#include "nn/status.h"

const double EWA_FIXED_BETAS[EWA_FIXED] = { 0.5, 0.9, 0.98 };

static const ewa_setting SETTINGS[] = {
    { "ewa.beta", "Your beta, 0 <= beta < 1: the average remembers about 1 / (1 - beta) days." },
    { "ewa.bias-correction", "Bias correction on or off: divide by 1 - beta^t so the first days are not too low." },
    { "ewa.seed", "The year's weather (the seed of the noise)." },
};
enum { N_SETTINGS = (int)(sizeof SETTINGS / sizeof SETTINGS[0]) };

const ewa_setting *ewa_settings(int *n)
{
    *n = N_SETTINGS;
    return SETTINGS;
}

static const struct { const char *name; int arg; } METRICS[] = {
    { "temp", 1 }, { "avg", 1 }, { "raw", 1 }, { "corrected", 1 }, { "weight", 1 }, { "window", 0 },
};

int ewa_metric_known(const char *name, int *takes_arg)
{
    for (size_t i = 0; i < sizeof METRICS / sizeof METRICS[0]; i++)
        if (strcmp(name, METRICS[i].name) == 0) {
            if (takes_arg) *takes_arg = METRICS[i].arg;
            return 1;
        }
    return 0;
}

static const char *onoff_name(int i) { return i ? "on" : "off"; }

/* 0 ok (value in *x), else NN_ERR_ARG with the message. which: 0 beta, 1 correction, 2 seed. */
static int parse_setting(const char *name, const char *value, int *which, double *x)
{
    if (!name || !value) return nn_set_error(NN_ERR_ARG, "a lab setting needs a name and a value");
    if (strcmp(name, "ewa.beta") == 0) {
        *which = 0;
        if (nn_parse_float(name, value, 0.0, 1.0, x) || *x >= 1.0)
            return nn_set_error(NN_ERR_ARG, "%s expects a number in [0, 1), got '%s'", name, value);
        return NN_OK;
    }
    if (strcmp(name, "ewa.bias-correction") == 0) {
        int k;
        *which = 1;
        if (nn_parse_choice(name, value, onoff_name, 2, &k)) return NN_ERR_ARG;
        *x = k;
        return NN_OK;
    }
    if (strcmp(name, "ewa.seed") == 0) {
        long n;
        *which = 2;
        if (nn_parse_int(name, value, 0, 2147483647L, &n)) return NN_ERR_ARG;
        *x = (double)n;
        return NN_OK;
    }
    return lab_unknown_setting(name, SETTINGS, N_SETTINGS);
}

int ewa_check(const char *name, const char *value)
{
    int which;
    double x;
    return parse_setting(name, value, &which, &x);
}

/* Recompute every series from the settings. */
static int compute(ewa_lab *L)
{
    if (nn_ewa_temperatures(L->seed, L->temp, NN_EWA_DAYS)) return NN_ERR_ARG;
    for (int i = 0; i < EWA_FIXED; i++)
        if (nn_ewa_series(EWA_FIXED_BETAS[i], 0, L->temp, L->fixed_raw[i], NN_EWA_DAYS) ||
            nn_ewa_series(EWA_FIXED_BETAS[i], 1, L->temp, L->fixed_corr[i], NN_EWA_DAYS))
            return NN_ERR_ARG;
    if (nn_ewa_series(L->beta, 0, L->temp, L->raw, NN_EWA_DAYS) ||
        nn_ewa_series(L->beta, 1, L->temp, L->corr, NN_EWA_DAYS))
        return NN_ERR_ARG;
    return NN_OK;
}

int ewa_lab_init(ewa_lab *L)
{
    memset(L, 0, sizeof *L);
    L->beta = 0.9;
    L->bias_correction = 1;
    L->seed = 1;
    if (compute(L)) {
        snprintf(L->error, sizeof L->error, "%s", nn_last_error());
        return NN_ERR_ARG;
    }
    return NN_OK;
}

int ewa_lab_set(ewa_lab *L, const char *name, const char *value)
{
    int which;
    double x;
    if (parse_setting(name, value, &which, &x)) {
        snprintf(L->error, sizeof L->error, "%s", nn_last_error());
        return NN_ERR_ARG;
    }
    if (which == 0) L->beta = x;
    else if (which == 1) L->bias_correction = (int)x;
    else L->seed = (uint64_t)x;
    if (compute(L)) {
        snprintf(L->error, sizeof L->error, "%s", nn_last_error());
        return NN_ERR_ARG;
    }
    L->error[0] = '\0';
    return NN_OK;
}

int ewa_metric(const ewa_lab *L, const char *name, int arg, double *out)
{
    if (strcmp(name, "window") == 0) {
        *out = 1.0 / (1.0 - L->beta);
        return NN_OK;
    }
    if (strcmp(name, "weight") == 0) {
        if (arg < 0) return nn_set_error(NN_ERR_ARG, "ewa.weight(%d): k must be 0 or more", arg);
        *out = pow(L->beta, arg) * (1.0 - L->beta);
        return NN_OK;
    }
    const float *v = strcmp(name, "temp") == 0 ? L->temp
                   : strcmp(name, "raw") == 0 ? L->raw
                   : strcmp(name, "corrected") == 0 ? L->corr
                   : strcmp(name, "avg") == 0 ? (L->bias_correction ? L->corr : L->raw) : NULL;
    if (!v)
        return nn_set_error(NN_ERR_ARG, "unknown averages metric '%s' (temp, avg, raw, corrected, weight, "
                            "window)", name);
    if (arg < 1 || arg > NN_EWA_DAYS)
        return nn_set_error(NN_ERR_ARG, "ewa.%s(%d): the day must be from 1 to %d", name, arg, NN_EWA_DAYS);
    *out = v[arg - 1];
    return NN_OK;
}
