/* tests/app/test_lesson_diagnosis.c - the lesson metrics avoidable_bias and
 * variance, the gaps the Bias & variance view draws.
 *
 * Checked against the engine's own diagnosis of the same run (nn_diagnose
 * with the errors 1 - accuracy of the last history row and the data set's
 * default human level: 0 for the synthetic sets, 1 - NN_FASHION_HUMAN_ACC
 * for the images), not against the formula they are computed with.
 */
#include <stdio.h>
#include <string.h>

#include "lesson/lesson.h"
#include "lesson/lesson_internal.h"
#include "lesson/lesson_session.h"
#include "nn/config.h"
#include "nn/diagnose.h"
#include "nn/images.h"
#include "nn/status.h"
#include "nn/trainer.h"
#include "test.h"

/* The metric's value through a condition `METRIC ~ value` (1%) and a
 * condition 2% off that must fail. */
static int reads(const char *metric, double value, const lesson_runview *rv)
{
    char text[160], msg[200];
    lesson_cond c;
    snprintf(text, sizeof text, "%s ~ %.17g", metric, value);
    if (lesson_cond_parse(text, NULL, 0, rv->cfg, &c, msg, sizeof msg)) { fprintf(stderr, "%s\n", msg); return 0; }
    const int ok = lesson_cond_eval(&c, rv, 1, msg, sizeof msg) == 1;
    snprintf(text, sizeof text, "%s ~ %.17g", metric, value * 1.02);
    if (lesson_cond_parse(text, NULL, 0, rv->cfg, &c, msg, sizeof msg)) return 0;
    const int off = lesson_cond_eval(&c, rv, 1, msg, sizeof msg) == 1;
    if (!ok || off) fprintf(stderr, "%s: reads %s, 2%% off %s\n", metric, ok ? "right" : "wrong", off ? "too" : "not");
    return ok && !off;
}

static int run_and_compare(const char *const *names, const char *const *values, int n, int epochs)
{
    nn_config cfg = nn_config_default();
    for (int i = 0; i < n; i++) CHECK(nn_config_set(&cfg, names[i], values[i], NULL) == NN_OK);
    nn_run run;
    CHECK(nn_run_open(&run, &cfg) == NN_OK);
    for (int e = 0; e < epochs; e++) CHECK(nn_trainer_epoch(run.trainer) == NN_OK);
    int rows = 0;
    const nn_metrics *h = nn_trainer_history(run.trainer, &rows);
    CHECK(rows == epochs + 1);
    const double human = nn_config_is_images(&cfg) ? 1.0 - NN_FASHION_HUMAN_ACC : 0.0;
    nn_diagnosis d;
    CHECK(nn_diagnose(1.0 - h[rows - 1].train_acc, 1.0 - h[rows - 1].dev_acc, human, &d) == NN_OK);
    const lesson_runview rv = { "", &cfg, &run, NULL, NULL };
    CHECK(reads("avoidable_bias", d.avoidable_bias, &rv));
    CHECK(reads("variance", d.variance, &rv));
    nn_run_close(&run);
    return 0;
}

/* A straight line on XOR: high bias, little variance (human level 0). */
static int synthetic_set(void)
{
    const char *names[] = { "data", "samples", "layers", "lr", "batch", "seed" };
    const char *values[] = { "xor", "1000", "none", "0.3", "16", "1" };
    return run_and_compare(names, values, 6, 5);
}

/* The images: human level is Fashion-MNIST's published error, so an early
 * network's avoidable bias is its training error less 16.5 points. */
static int image_set(void)
{
    const char *names[] = { "data", "train-limit", "layers", "opt", "lr", "normalize", "seed" };
    const char *values[] = { "fashion-small", "300", "16", "adam", "0.001", "on", "1" };
    return run_and_compare(names, values, 7, 1);
}

static const test_case CASES[] = {
    { "synthetic_set", synthetic_set },
    { "image_set", image_set },
};
TEST_MAIN(CASES)
