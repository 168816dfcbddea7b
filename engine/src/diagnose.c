/* diagnose.c - bias / variance verdict and remedies (see nn/diagnose.h). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "nn/diagnose.h"
#include "nn/status.h"

typedef struct verdict_info { const char *name, *title; } verdict_info;

static const verdict_info VERDICTS[] = {
    [NN_VERDICT_NEITHER]       = { "neither", "neither high bias nor high variance (a good fit)" },
    [NN_VERDICT_HIGH_BIAS]     = { "high-bias", "high bias (underfitting)" },
    [NN_VERDICT_HIGH_VARIANCE] = { "high-variance", "high variance (overfitting)" },
    [NN_VERDICT_BOTH]          = { "both", "high bias and high variance (underfitting and overfitting)" },
};
_Static_assert(sizeof VERDICTS / sizeof VERDICTS[0] == NN_VERDICT_COUNT, "add a row to VERDICTS");

static const char *const BIAS_REMEDIES[] = {
    "use a bigger network (more layers or more units)",
    "train longer, or with a better optimizer (momentum, RMSprop, Adam) and a tuned learning rate",
    "try a different architecture (e.g. a CNN), other activations or a better-suited loss",
};

static const char *const VARIANCE_REMEDIES[] = {
    "get more training data, or make more with data augmentation",
    "regularise: L2 weight decay, dropout, data augmentation",
    "stop early, keeping the weights with the best dev error",
    "try a different architecture",
    "check that the train and dev sets come from the same distribution",
};

const char *nn_verdict_name(nn_verdict v) { return (unsigned)v < NN_VERDICT_COUNT ? VERDICTS[v].name : "?"; }
const char *nn_verdict_title(nn_verdict v) { return (unsigned)v < NN_VERDICT_COUNT ? VERDICTS[v].title : "?"; }

int nn_verdict_from_name(const char *name)
{
    for (int i = 0; i < NN_VERDICT_COUNT; i++)
        if (strcmp(name, VERDICTS[i].name) == 0) return i;
    return -1;
}

static int is_rate(double e) { return e >= 0.0 && e <= 1.0; }

/* bias = train - human, variance = dev - train; high when >= max(abs floor, min(cap, rel floor * dev)) */
int nn_diagnose(double train_error, double dev_error, double human_error, nn_diagnosis *out)
{
    if (!is_rate(train_error) || !is_rate(dev_error) || !is_rate(human_error))
        return nn_set_error(NN_ERR_ARG, "errors must be fractions in [0, 1] (got train %g, dev %g, human %g)",
                            train_error, dev_error, human_error);
    nn_diagnosis d = { .train_error = train_error, .dev_error = dev_error, .human_error = human_error };
    d.avoidable_bias = train_error - human_error;
    d.variance = dev_error - train_error;
    d.threshold = fmax(NN_DIAG_FLOOR_ABS, fmin(NN_DIAG_CAP_ABS, NN_DIAG_FLOOR_REL * dev_error));
    /* A hair of slack so 0.12 - 0.10 computed in binary still counts as 2 points. */
    const double t = d.threshold - 1e-12;
    d.high_bias = d.avoidable_bias >= t;
    d.high_variance = d.variance >= t;
    d.verdict = d.high_bias ? (d.high_variance ? NN_VERDICT_BOTH : NN_VERDICT_HIGH_BIAS)
                            : (d.high_variance ? NN_VERDICT_HIGH_VARIANCE : NN_VERDICT_NEITHER);
    *out = d;
    return NN_OK;
}

const char *const *nn_diagnose_remedies(int variance, int *count)
{
    if (variance) {
        *count = (int)(sizeof VARIANCE_REMEDIES / sizeof VARIANCE_REMEDIES[0]);
        return VARIANCE_REMEDIES;
    }
    *count = (int)(sizeof BIAS_REMEDIES / sizeof BIAS_REMEDIES[0]);
    return BIAS_REMEDIES;
}

/* Append to a snprintf-style buffer, counting what would have been written. */
typedef struct text { char *buf; size_t len; size_t used; } text;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void put(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const size_t room = t->used < t->len ? t->len - t->used : 0;
    const int n = vsnprintf(room ? t->buf + t->used : NULL, room, fmt, ap);
    va_end(ap);
    if (n > 0) t->used += (size_t)n;
}

static void put_remedies(text *t, int variance)
{
    int n;
    const char *const *r = nn_diagnose_remedies(variance, &n);
    put(t, "to reduce %s:\n", variance ? "variance" : "bias");
    for (int i = 0; i < n; i++) put(t, "  - %s\n", r[i]);
}

int nn_diagnose_report(const nn_diagnosis *d, char *buf, size_t len)
{
    text t = { buf, len, 0 };
    if (buf && len) buf[0] = '\0';
    put(&t, "train error %.1f%%, dev error %.1f%%, human-level error %.1f%%\n",
        100 * d->train_error, 100 * d->dev_error, 100 * d->human_error);
    put(&t, "avoidable bias %.1f points (train - human): %s\n", 100 * d->avoidable_bias,
        d->high_bias ? "high" : "low");
    put(&t, "variance %.1f points (dev - train): %s\n", 100 * d->variance,
        d->high_variance ? "high" : "low");
    char rule[256];
    nn_diagnose_rule(d, rule, sizeof rule);
    put(&t, "(%s)\n", rule);
    put(&t, "verdict: %s\n", nn_verdict_title(d->verdict));
    if (d->avoidable_bias < 0)
        put(&t, "training error is below human level: how much better it can get is unknown\n");
    /* With both problems, the larger gap comes first. */
    const int variance_first = d->high_variance && (!d->high_bias || d->variance > d->avoidable_bias);
    for (int k = 0; k < 2; k++) {
        const int variance = k == 0 ? variance_first : !variance_first;
        if (variance ? d->high_variance : d->high_bias) put_remedies(&t, variance);
    }
    if (d->verdict == NN_VERDICT_NEITHER)
        put(&t, "neither gap stands out: confirm the result on the test set\n");
    return (int)t.used;
}

int nn_diagnose_rule(const nn_diagnosis *d, char *buf, size_t len)
{
    text t = { buf, len, 0 };
    if (buf && len) buf[0] = '\0';
    const double rel = NN_DIAG_FLOOR_REL * d->dev_error;
    put(&t, "a gap counts as high from %.1f points here: ", 100 * d->threshold);
    if (rel <= NN_DIAG_FLOOR_ABS)
        put(&t, "at least %g points, since a fifth of the %.1f%% dev error is less",
            100 * NN_DIAG_FLOOR_ABS, 100 * d->dev_error);
    else if (rel >= NN_DIAG_CAP_ABS)
        put(&t, "a gap of %g points or more is always high (a fifth of the %.1f%% dev error would be %.1f)",
            100 * NN_DIAG_CAP_ABS, 100 * d->dev_error, 100 * rel);
    else
        put(&t, "a fifth of the %.1f%% dev error (never under %g points, never over %g)",
            100 * d->dev_error, 100 * NN_DIAG_FLOOR_ABS, 100 * NN_DIAG_CAP_ABS);
    return (int)t.used;
}
