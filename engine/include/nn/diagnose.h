/* nn/diagnose.h - bias / variance verdict from train, dev and human-level error.
 *
 *   avoidable bias = train error - human-level error   (how far training is from the best we know)
 *   variance       = dev error - train error           (how much worse on data not trained on)
 *
 * A gap counts as high when it is at least NN_DIAG_FLOOR_ABS (2 percentage
 * points) and at least NN_DIAG_FLOOR_REL (a fifth) of the dev error, except
 * that a gap of NN_DIAG_CAP_ABS (5 points) or more is always high. The first
 * rule ignores noise-sized gaps; the second judges each gap against the whole
 * error it is part of (dev = human + bias + variance), so a gap that is small
 * next to the other one, or next to what even humans get wrong, is not called
 * high; the cap keeps a gap that is large in itself from being called low
 * just because the dev error is large (dev 49%: 9.7 points is high variance,
 * where a fifth of the dev error alone would ask for 9.8). The threshold is
 * therefore max(2, min(5, dev / 5)) points. The notes' four examples (human
 * error about 0):
 *
 *   train  1%, dev 12%   bias  1, variance 11   -> high variance
 *   train 12%, dev 13%   bias 12, variance  1   -> high bias
 *   train 12%, dev 20%   bias 12, variance  8   -> high bias and high variance
 *   train  1%, dev  2%   bias  1, variance  1   -> neither
 *
 * while human 10%, train 12%, dev 13% (bias 2, variance 1) is neither: the
 * model is already near human level. Errors are fractions in [0, 1].
 *
 *     nn_diagnosis d;
 *     if (nn_diagnose(0.12, 0.20, 0.0, &d)) fail(nn_last_error());
 *     char text[1024];
 *     nn_diagnose_report(&d, text, sizeof text);
 *
 * Thread-safety: reentrant; the remedy tables are constant.
 */
#ifndef NN_DIAGNOSE_H
#define NN_DIAGNOSE_H

#include <stddef.h>

#define NN_DIAG_FLOOR_ABS 0.02
#define NN_DIAG_FLOOR_REL 0.2
#define NN_DIAG_CAP_ABS   0.05

typedef enum nn_verdict {
    NN_VERDICT_NEITHER, NN_VERDICT_HIGH_BIAS, NN_VERDICT_HIGH_VARIANCE, NN_VERDICT_BOTH,
    NN_VERDICT_COUNT
} nn_verdict;

typedef struct nn_diagnosis {
    double train_error, dev_error, human_error;
    double avoidable_bias;     /* train - human; negative when the model beats humans */
    double variance;           /* dev - train; negative when dev is the easier set */
    double threshold;          /* max(NN_DIAG_FLOOR_ABS, min(NN_DIAG_CAP_ABS, NN_DIAG_FLOOR_REL * dev)) */
    int    high_bias, high_variance;
    nn_verdict verdict;
} nn_diagnosis;

/* "neither", "high-bias", "high-variance", "both" (lesson and CLI names); "?" if out of range. */
const char *nn_verdict_name(nn_verdict v);
int         nn_verdict_from_name(const char *name);     /* -1 if unknown */
/* A phrase for people: "high bias (underfitting)". */
const char *nn_verdict_title(nn_verdict v);

/* Fill *out. NN_ERR_ARG unless all three errors are in [0, 1]. */
int nn_diagnose(double train_error, double dev_error, double human_error, nn_diagnosis *out);

/* The remedies the notes give: for bias (variance = 0) or variance (variance = 1).
 * Returns the list and sets *count. */
const char *const *nn_diagnose_remedies(int variance, int *count);

/* A short multi-line report (errors, gaps, verdict, remedies). Writes at most
 * len bytes including the terminating 0; returns the length the full report
 * needs, like snprintf. */
int nn_diagnose_report(const nn_diagnosis *d, char *buf, size_t len);

/* One sentence saying from how many points a gap counts as high for this
 * dev error and which part of the rule set it ("a gap counts as high from
 * 4.0 points here: a fifth of the 20.0% dev error (never under 2 points,
 * never over 5)"); the report's line, for a window to show. snprintf-style. */
int nn_diagnose_rule(const nn_diagnosis *d, char *buf, size_t len);

#endif
