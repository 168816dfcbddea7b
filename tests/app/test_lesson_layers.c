/* tests/app/test_lesson_layers.c - per-layer metrics in lesson conditions.
 *
 * grad_norm(K), act_mean(K), act_std(K) and saturated(K) read the trainer's
 * per-layer statistics of hidden layer K (1 = next to the input) or of the
 * output layer (`last`). Checked here: parse errors name file:line; each
 * metric evaluates to the engine's number for the engine layer the learner's
 * layer maps to (also with batch norm between dense and activation); those
 * are the numbers `nnlab-train --layer-stats` writes (a run capturing once
 * per epoch, as the CLI does); a wrong claim fails; the learner's sentence.
 */
#include <stdio.h>
#include <string.h>

#include "lesson/lesson.h"
#include "lesson/lesson_internal.h"
#include "lesson/lesson_session.h"
#include "nn/config.h"
#include "lesson_fixture.h"
#include "test.h"

#define HEAD "lesson: T\norder: 1\n\nSummary.\n\n"
#define NET "set: data = moons\nset: samples = 100\nset: layers = 4,4\nset: act = sigmoid\nset: init = xavier\n"

static const bad_lesson BAD[] = {
    { HEAD NET "step: S\nText.\ncheck: grad_norm(4) < 1\n", 13, "layers are 1 to 2 and 3 (or 'last')" },
    { HEAD NET "step: S\nText.\ncheck: grad_norm(0) < 1\n", 13, "a layer is a number from 1" },
    { HEAD NET "step: S\nText.\ncheck: grad_norm(first) < 1\n", 13, "'last' (the output layer)" },
    { HEAD NET "step: S\nText.\ncheck: grad_norm < 1\n", 13, "grad_norm needs a layer in brackets" },
    { HEAD NET "step: S\nText.\ncheck: grad_norm(1 < 1\n", 13, "missing ')'" },
    { HEAD NET "step: S\nText.\ncheck: grad_nrom(1) < 1\n", 13, "did you mean 'grad_norm'" },
    { HEAD NET "step: S\nText.\ncheck: act_sd(1) < 1\n", 13, "did you mean 'act_std'" },
    { HEAD NET "step: S\nText.\ncheck: saturated(last) < 1\n", 13, "output layer has no sigmoid or tanh" },
    { HEAD NET "set: act = relu\nstep: S\nText.\ncheck: saturated(1) < 1\n", 14, "relu, which has no flat ends" },
    { HEAD NET "step: S\nText.\ncheck: rises(grad_norm(1)) < 1\n", 13, "recorded every epoch" },
    { HEAD NET "step: S\nText.\ncompare: act = relu | tanh\ncheck: grad_norm(1) < 1\n", 14, "say which one" },
    { HEAD NET "step: S\nText.\nset: layers = 8\ncheck: act_std(3) < 1\n", 14, "1 hidden layer here" },
};

static int parse_errors(void)
{
    if (lessons_fail_as_told(BAD, sizeof BAD / sizeof BAD[0], "bad.lesson")) return 1;
    /* The output layer by number is `last`; compared runs name theirs. */
    static const char OK[] = HEAD NET "step: S\nText.\ncheck: grad_norm(3) == grad_norm(last)\n"
                             "compare: act = relu | tanh\ncheck: relu.grad_norm(1) > 0.1 * tanh.grad_norm(last)\n";
    lesson_error e;
    lesson *L = lesson_parse(OK, strlen(OK), "ok.lesson", &e);
    CHECK_MSG(L, "%s", e.text);
    const lesson_cond *c = &L->steps[0].actions[0].cond;
    CHECK(c->a.arg == LESSON_LAYER_LAST && c->b.arg == LESSON_LAYER_LAST);
    lesson_free(L);
    return 0;
}

/* Evaluate `text` on the runs; returns lesson_cond_eval's result. */
static int eval(const char *text, const lesson_runview *rv, int n)
{
    lesson_cond c;
    char msg[200];
    if (lesson_cond_parse(text, NULL, 0, rv->cfg, &c, msg, sizeof msg)) {
        fprintf(stderr, "%s: %s\n", text, msg);
        return -2;
    }
    return lesson_cond_eval(&c, rv, n, NULL, 0);
}

/* "METRIC == VALUE" with the engine's number written out in full. */
static int equals(const char *metric, double value, const lesson_runview *rv)
{
    char text[160];
    snprintf(text, sizeof text, "%s == %.17g", metric, value);
    const int r = eval(text, rv, 1);
    CHECK_MSG(r == 1, "%s: %d", text, r);
    return 0;
}

/* Run `layers` (sigmoid, xavier, batchnorm on/off) for 3 epochs through a lesson
 * session, then compare every metric with the engine's statistics. */
static int metrics_are_the_engines(int batchnorm)
{
    char text[600];
    snprintf(text, sizeof text, HEAD NET "set: batchnorm = %s\nstep: S\nText.\nrun: 3 epochs\n"
             "check: grad_norm(1) < grad_norm(last)\n", batchnorm ? "on" : "off");
    lesson_error e;
    lesson *L = lesson_parse(text, strlen(text), "layers", &e);
    CHECK_MSG(L, "%s", e.text);
    lesson_host h;
    CHECK(lesson_headless_init(&h) == 0);
    lesson_session *s = lesson_session_create(L, &h, 1);
    CHECK(s && lesson_session_enter(s, 0) == 0);
    CHECK(lesson_session_tick(s, 100.0) == LESSON_DONE);
    lesson_runview rv[LESSON_MAX_RUNS];
    CHECK(h.runs(h.user, rv, LESSON_MAX_RUNS) == 1);
    nn_trainer *t = rv[0].run->trainer;
    CHECK(nn_trainer_state_get(t).epoch == 3);
    int n;
    const nn_layer_stats *st = nn_trainer_layer_stats(t, &n);
    const nn_model *m = nn_trainer_model(t);
    /* dense [batchnorm] sigmoid, dense [batchnorm] sigmoid, dense */
    const int per = batchnorm ? 3 : 2, a1 = per - 1, d2 = per, a2 = 2 * per - 1, out = 2 * per;
    CHECK(n == out + 1);
    CHECK(!strcmp(nn_model_layer(m, a1).name, "sigmoid") && !strcmp(nn_model_layer(m, a2).name, "sigmoid"));
    CHECK(!strcmp(nn_model_layer(m, d2).name, "dense") && !strcmp(nn_model_layer(m, out).name, "dense"));
    CHECK(st[0].grad_norm > 0 && st[out].grad_norm > 0 && st[a1].act_std > 0);
    CHECK(equals("grad_norm(1)", st[0].grad_norm, rv) == 0);
    CHECK(equals("grad_norm(2)", st[d2].grad_norm, rv) == 0);
    CHECK(equals("grad_norm(last)", st[out].grad_norm, rv) == 0);
    CHECK(equals("act_mean(1)", st[a1].act_mean, rv) == 0);
    CHECK(equals("act_std(2)", st[a2].act_std, rv) == 0);
    CHECK(equals("act_std(last)", st[out].act_std, rv) == 0);      /* the output layer's scores */
    CHECK(equals("saturated(2)", st[a2].saturated, rv) == 0);

    /* The numbers --layer-stats writes: a run capturing once per epoch, as the CLI does. */
    nn_config c = *rv[0].cfg;
    c.train.capture_stats = 1;
    nn_run r;
    CHECK(nn_run_open(&r, &c) == 0);
    for (int k = 0; k < 3; k++) CHECK(nn_trainer_epoch(r.trainer) == 0);
    const nn_layer_stats *cli = nn_trainer_layer_stats(r.trainer, &n);
    for (int i = 0; i <= out; i++) {
        CHECK_NEAR(cli[i].grad_norm, st[i].grad_norm, 1e-12 * (1 + st[i].grad_norm));
        CHECK_NEAR(cli[i].act_std, st[i].act_std, 1e-12);
        CHECK(cli[i].saturated == st[i].saturated);
    }
    nn_run_close(&r);

    /* A wrong claim fails; a true one holds. */
    char claim[160];
    snprintf(claim, sizeof claim, "grad_norm(1) > %.17g", st[0].grad_norm * 1.001);
    CHECK(eval(claim, rv, 1) == 0);
    CHECK(eval(st[0].grad_norm < st[out].grad_norm ? "grad_norm(1) > grad_norm(last)" : "grad_norm(1) < grad_norm(last)",
               rv, 1) == 0);
    CHECK(eval("saturated(1) > 1", rv, 1) == 0);
    CHECK(eval("act_std(1) < 0", rv, 1) == 0);
    lesson_session_destroy(s);
    lesson_headless_free(&h);
    lesson_free(L);
    return 0;
}

static int metrics_plain(void) { return metrics_are_the_engines(0); }
static int metrics_batchnorm(void) { return metrics_are_the_engines(1); }

/* Before any update there is nothing to measure: the condition cannot be evaluated. */
static int nothing_before_training(void)
{
    nn_config c = nn_config_default();
    CHECK(nn_config_set(&c, "layers", "4", NULL) == 0);
    c.train.capture_stats = 2;
    lesson_host h;
    CHECK(lesson_headless_init(&h) == 0);
    CHECK(h.load(h.user, &c) == 0);
    lesson_runview rv[LESSON_MAX_RUNS];
    CHECK(h.runs(h.user, rv, LESSON_MAX_RUNS) == 1);
    CHECK(eval("grad_norm(1) >= 0", rv, 1) == -1);
    CHECK(h.step(h.user, 0) == 0);
    CHECK(eval("grad_norm(1) > 0", rv, 1) == 1);
    lesson_headless_free(&h);
    return 0;
}

/* The learner's sentence: the layer in words, the other layer as "the output layer's". */
static int said(void)
{
    static const char TEXT[] = HEAD NET "set: init = small\nset: layers = 4,4,4,4\n"
                               "step: S\nText.\nrun: 1 epoch\ncheck: grad_norm(1) < 0.01 * grad_norm(last)\n";
    lesson_error e;
    lesson *L = lesson_parse(TEXT, strlen(TEXT), "say", &e);
    CHECK_MSG(L, "%s", e.text);
    lesson_host h;
    CHECK(lesson_headless_init(&h) == 0);
    lesson_session *s = lesson_session_create(L, &h, 1);
    CHECK(s && lesson_session_enter(s, 0) == 0);
    CHECK(lesson_session_tick(s, 100.0) == LESSON_DONE);
    int nr;
    const lesson_result *r = lesson_session_results(s, &nr);
    CHECK(nr == 1 && r[0].pass);
    lesson_runview rv[LESSON_MAX_RUNS];
    CHECK(h.runs(h.user, rv, LESSON_MAX_RUNS) == 1);
    int n;
    const nn_layer_stats *st = nn_trainer_layer_stats(rv[0].run->trainer, &n);
    char want[300];
    snprintf(want, sizeof want, "The gradient norm of hidden layer 1: %.4g (less than 0.01 times the output layer's: %.4g).",
             st[0].grad_norm, st[n - 1].grad_norm);
    CHECK_MSG(!strcmp(r[0].said, want), "'%s' vs '%s'", r[0].said, want);
    lesson_cond c;
    char msg[200], got[300];
    CHECK(lesson_cond_parse("act_std(2) > 1", NULL, 0, rv[0].cfg, &c, msg, sizeof msg) == 0);
    lesson_cond_say(&c, rv, 1, lesson_cond_eval(&c, rv, 1, NULL, 0), got, sizeof got);
    snprintf(want, sizeof want, "The activation spread (std) of hidden layer 2: %.4g, not more than 1.", st[3].act_std);
    CHECK_MSG(!strcmp(got, want), "'%s' vs '%s'", got, want);
    CHECK(lesson_cond_parse("saturated(3) < 0.5", NULL, 0, rv[0].cfg, &c, msg, sizeof msg) == 0);
    lesson_cond_goal(&c, got, sizeof got);
    CHECK_MSG(!strcmp(got, "the share of outputs in the flat ends of hidden layer 3 less than 0.5"), "%s", got);
    lesson_session_destroy(s);
    lesson_headless_free(&h);
    lesson_free(L);
    return 0;
}

static const test_case CASES[] = {
    { "parse_errors", parse_errors },
    { "metrics_plain", metrics_plain },
    { "metrics_batchnorm", metrics_batchnorm },
    { "nothing_before_training", nothing_before_training },
    { "said", said },
};

TEST_MAIN(CASES)
