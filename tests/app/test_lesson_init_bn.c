/* tests/app/test_lesson_init_bn.c - the per-layer metrics of the lessons on
 * initialisation and batch norm: alike(K), pre_std(K), bn_mean_gap(K) and
 * bn_var_ratio(K).
 *
 * Each is checked against a value computed here another way: alike against
 * a pairwise comparison of the weight rows (zero initialisation keeps the
 * rows identical while they move; Xavier's differ from the start);
 * pre_std against the engine statistics of the layer before the activation
 * (the dense layer, or the batch norm after it); the batch-norm gaps after
 * one full-batch update against statistics recomputed from the training
 * inputs and the initial weights (after one update the running mean is a
 * tenth of the batch mean and the running variance 0.9 + a tenth of the
 * batch variance). Parse errors name the line.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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
    { HEAD NET "step: S\nText.\ncheck: alike(last) == 0\n", 13, "alike(last): compare the neurons of a hidden layer" },
    { HEAD NET "step: S\nText.\ncheck: alike(3) == 0\n", 13, "alike(last)" },           /* 3 is the output layer */
    { HEAD NET "step: S\nText.\ncheck: bn_mean_gap(1) < 1\n", 13, "no batch norm here" },
    { HEAD NET "set: batchnorm = on\nstep: S\nText.\ncheck: bn_var_ratio(last) < 1\n", 14, "output layer has no batch norm" },
    { HEAD NET "step: S\nText.\ncheck: alike < 1\n", 13, "alike needs a layer in brackets" },
    { HEAD NET "step: S\nText.\ncheck: pre_sd(1) < 1\n", 13, "did you mean 'pre_std'" },
    { HEAD NET "step: S\nText.\ncheck: bn_mean_gp(1) < 1\n", 13, "did you mean 'bn_mean_gap'" },
};

static int parse_errors(void)
{
    if (lessons_fail_as_told(BAD, sizeof BAD / sizeof BAD[0], "bad.lesson")) return 1;
    return 0;
}

/* `METRIC == value` holds (value written in full). */
static int holds(const char *metric, double value, const lesson_runview *rv)
{
    char text[160], msg[200];
    lesson_cond c;
    snprintf(text, sizeof text, "%s == %.17g", metric, value);
    if (lesson_cond_parse(text, NULL, 0, rv->cfg, &c, msg, sizeof msg)) {
        fprintf(stderr, "%s: %s\n", text, msg);
        return 0;
    }
    const int r = lesson_cond_eval(&c, rv, 1, msg, sizeof msg);
    return r == 1;
}

/* Pairwise: the largest |W[i][c] - W[j][c]| over every pair of rows i < j and
 * every input c, over the largest |W| of the layer. */
static double pairwise_alike(nn_model *m, int layer)
{
    const nn_layer_info li = nn_model_layer(m, layer);
    const int rows = li.out.c, cols = (int)(li.n_weights / (size_t)rows);
    const float *W = nn_model_params(m) + li.param_offset;
    double worst = 0, big = 0;
    for (int i = 0; i < rows; i++)
        for (int j = i + 1; j < rows; j++)
            for (int c = 0; c < cols; c++) {
                const double d = fabs((double)W[i * cols + c] - W[j * cols + c]);
                if (d > worst) worst = d;
            }
    for (int k = 0; k < rows * cols; k++) big = fmax(big, fabs(W[k]));
    return big > 0 ? worst / big : 0.0;
}

static double weight_norm(nn_model *m, int layer)
{
    const nn_layer_info li = nn_model_layer(m, layer);
    const float *W = nn_model_params(m) + li.param_offset;
    double sq = 0;
    for (size_t k = 0; k < li.n_weights; k++) sq += (double)W[k] * W[k];
    return sqrt(sq);
}

/* A headless host with one run of `cfg`, trained `updates` updates. */
static int open_run(lesson_host *h, const char *settings, int updates, lesson_runview *rv)
{
    nn_config c = nn_config_default();
    char buf[400];
    snprintf(buf, sizeof buf, "%s", settings);
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
        char *eq = strchr(line, '=');
        CHECK(eq);
        *eq = '\0';
        CHECK_MSG(nn_config_set(&c, line, eq + 1, NULL) == 0, "%s=%s", line, eq + 1);
    }
    c.train.capture_stats = 2;
    CHECK(lesson_headless_init(h) == 0);
    CHECK(h->load(h->user, &c) == 0);
    CHECK(h->runs(h->user, rv, LESSON_MAX_RUNS) == 1);      /* opens the run */
    for (int k = 0; k < updates; k++) CHECK(h->step(h->user, 0) == 0);
    return 0;
}

/* Zeros: every row of every hidden layer the same, before and after training,
 * although the weights moved. Xavier: rows differ, as the pairwise count says. */
static int alike_rows(void)
{
    lesson_host h;
    lesson_runview rv[LESSON_MAX_RUNS];
    CHECK(open_run(&h, "data=moons\nsamples=100\nlayers=6,5\nact=sigmoid\ninit=zeros\nbatch=16", 0, rv) == 0);
    nn_model *m = nn_trainer_model(rv[0].run->trainer);
    CHECK(holds("alike(1)", 0.0, rv) && holds("alike(2)", 0.0, rv));   /* measurable before training */
    for (int k = 0; k < 40; k++) CHECK(h.step(h.user, 0) == 0);
    CHECK(weight_norm(m, 0) > 0 && weight_norm(m, 2) > 0);            /* they moved ... */
    /* ... all the same, but for the last bit of a float the matrix library may round differently */
    const double z1 = pairwise_alike(m, 0), z2 = pairwise_alike(m, 2);
    CHECK_MSG(z1 < 1e-6 && z2 < 1e-6, "%g %g", z1, z2);
    CHECK(holds("alike(1)", z1, rv) && holds("alike(2)", z2, rv));
    lesson_headless_free(&h);

    CHECK(open_run(&h, "data=moons\nsamples=100\nlayers=6,5\nact=sigmoid\ninit=xavier\nbatch=16", 0, rv) == 0);
    m = nn_trainer_model(rv[0].run->trainer);
    double a1 = pairwise_alike(m, 0), a2 = pairwise_alike(m, 2);
    CHECK(a1 > 0.5 && a1 <= 2 && a2 > 0.5 && a2 <= 2);
    CHECK(holds("alike(1)", a1, rv) && holds("alike(2)", a2, rv));
    for (int k = 0; k < 10; k++) CHECK(h.step(h.user, 0) == 0);
    a1 = pairwise_alike(m, 0);
    CHECK(holds("alike(1)", a1, rv));
    CHECK(!holds("alike(1)", a1 * 1.001, rv));
    lesson_headless_free(&h);
    return 0;
}

/* pre_std reads the layer that feeds the activation: the dense layer, or the batch norm after it. */
static int pre_std_layers(void)
{
    lesson_host h;
    lesson_runview rv[LESSON_MAX_RUNS];
    CHECK(open_run(&h, "data=moons\nsamples=100\nlayers=6,5\nact=tanh\ninit=large", 3, rv) == 0);
    int n;
    const nn_layer_stats *s = nn_trainer_layer_stats(rv[0].run->trainer, &n);
    CHECK(n == 5);                                   /* dense tanh dense tanh dense */
    CHECK(s[2].act_std > s[3].act_std);              /* tanh squeezes the large pre-activations */
    CHECK(holds("pre_std(1)", s[0].act_std, rv) && holds("pre_std(2)", s[2].act_std, rv));
    CHECK(holds("pre_std(last)", s[4].act_std, rv) && holds("act_std(2)", s[3].act_std, rv));
    lesson_headless_free(&h);

    CHECK(open_run(&h, "data=moons\nsamples=100\nlayers=6,5\nact=tanh\ninit=large\nbatchnorm=on", 3, rv) == 0);
    s = nn_trainer_layer_stats(rv[0].run->trainer, &n);
    CHECK(n == 7);                                   /* dense bn tanh dense bn tanh dense */
    CHECK(!strcmp(nn_model_layer(nn_trainer_model(rv[0].run->trainer), 4).name, "batchnorm"));
    CHECK(holds("pre_std(1)", s[1].act_std, rv) && holds("pre_std(2)", s[4].act_std, rv));
    /* Normalised: spread about 1 whatever the weights (gamma starts at 1 and moves little in 3 updates). */
    CHECK_MSG(fabs(s[1].act_std - 1.0) < 0.1 && fabs(s[4].act_std - 1.0) < 0.1, "%g %g", s[1].act_std, s[4].act_std);
    CHECK(fabs(s[0].act_std - 1.0) > 0.2 && !holds("pre_std(1)", s[0].act_std, rv));   /* not the dense layer's */
    lesson_headless_free(&h);
    return 0;
}

/* One full-batch update from the initial weights: recompute the first batch
 * norm's batch statistics from the inputs, and its running ones from the
 * momentum 0.9 (running mean starts at 0, variance at 1). */
static int bn_gaps_after_one_update(void)
{
    static const char CFG[] = "data=moons\nsamples=100\nlayers=5,4\nact=tanh\ninit=xavier\nbatchnorm=on\nbatch=all";
    lesson_host h;
    lesson_runview rv[LESSON_MAX_RUNS];
    /* The initial weights of layer 1, before the first update. */
    CHECK(open_run(&h, CFG, 0, rv) == 0);
    const nn_config c = *rv[0].cfg;
    nn_model *m = nn_trainer_model(rv[0].run->trainer);
    const nn_layer_info li = nn_model_layer(m, 0);
    CHECK(li.n_weights == 5 * 2 && li.n_params == li.n_weights);     /* no bias before batch norm */
    float W[10];
    memcpy(W, nn_model_params(m) + li.param_offset, sizeof W);
    const nn_dataset *tr = &rv[0].run->train;
    CHECK(tr->d == 2 && tr->x && tr->n == 60);
    double mean[5] = { 0 }, var[5] = { 0 };
    for (int j = 0; j < 5; j++) {
        for (int r = 0; r < tr->n; r++) mean[j] += W[j * 2] * tr->x[r * 2] + W[j * 2 + 1] * tr->x[r * 2 + 1];
        mean[j] /= tr->n;
        for (int r = 0; r < tr->n; r++) {
            const double z = W[j * 2] * tr->x[r * 2] + W[j * 2 + 1] * tr->x[r * 2 + 1] - mean[j];
            var[j] += z * z;
        }
        var[j] /= tr->n;
    }
    CHECK(h.step(h.user, 0) == 0);
    const double eps = 1e-5;
    double mgap = 0, vgap = 0;
    for (int j = 0; j < 5; j++) {
        const double rmean = 0.1 * mean[j], rvar = 0.9 + 0.1 * var[j];
        mgap = fmax(mgap, fabs(mean[j] - rmean) / sqrt(var[j] + eps));
        vgap = fmax(vgap, fmax((var[j] + eps) / (rvar + eps), (rvar + eps) / (var[j] + eps)));
    }
    char text[160], msg[200];
    lesson_cond cond;
    snprintf(text, sizeof text, "bn_mean_gap(1) ~ %.9g", mgap);
    CHECK(lesson_cond_parse(text, NULL, 0, &c, &cond, msg, sizeof msg) == 0);
    CHECK_MSG(lesson_cond_eval(&cond, rv, 1, msg, sizeof msg) == 1, "%s", msg);
    snprintf(text, sizeof text, "bn_var_ratio(1) ~ %.9g", vgap);
    CHECK(lesson_cond_parse(text, NULL, 0, &c, &cond, msg, sizeof msg) == 0);
    CHECK_MSG(lesson_cond_eval(&cond, rv, 1, msg, sizeof msg) == 1, "%s", msg);
    /* The second layer's batch norm is measured too, and differs from the first. */
    CHECK(lesson_cond_parse("bn_mean_gap(2) >= 0", NULL, 0, &c, &cond, msg, sizeof msg) == 0);
    CHECK(lesson_cond_eval(&cond, rv, 1, NULL, 0) == 1);
    lesson_headless_free(&h);

    /* Before any update, and in a network without batch norm, there is nothing to measure. */
    CHECK(open_run(&h, CFG, 0, rv) == 0);
    CHECK(lesson_cond_parse("bn_mean_gap(1) >= 0", NULL, 0, rv[0].cfg, &cond, msg, sizeof msg) == 0);
    CHECK(lesson_cond_eval(&cond, rv, 1, NULL, 0) == -1);
    lesson_headless_free(&h);
    CHECK(open_run(&h, "data=moons\nsamples=100\nlayers=5\nact=tanh", 2, rv) == 0);
    CHECK(lesson_cond_eval(&cond, rv, 1, NULL, 0) == -1);
    lesson_headless_free(&h);
    return 0;
}

/* Many updates later the running statistics have caught up with the batches'. */
static int bn_gaps_close_after_training(void)
{
    lesson_host h;
    lesson_runview rv[LESSON_MAX_RUNS];
    CHECK(open_run(&h, "data=moons\nsamples=100\nlayers=5,4\nact=tanh\nbatchnorm=on\nbatch=all", 200, rv) == 0);
    const nn_model *m = nn_trainer_model(rv[0].run->trainer);
    const float *bm, *bv, *rm, *rv_;
    const int n = nn_model_batchnorm_stats(m, 1, &bm, &bv, &rm, &rv_);
    CHECK(n == 5);
    double mg = 0;
    for (int j = 0; j < n; j++) mg = fmax(mg, fabs((double)bm[j] - rm[j]) / sqrt(bv[j] + 1e-5));
    CHECK(mg < 0.1);
    CHECK(holds("bn_mean_gap(1)", mg, rv));
    lesson_headless_free(&h);
    return 0;
}

/* The learner's sentence. */
static int said(void)
{
    lesson_host h;
    lesson_runview rv[LESSON_MAX_RUNS];
    CHECK(open_run(&h, "data=moons\nsamples=100\nlayers=4,4\nact=sigmoid\ninit=zeros", 1, rv) == 0);
    lesson_cond c;
    char msg[200], got[300];
    CHECK(lesson_cond_parse("alike(2) == 0", NULL, 0, rv[0].cfg, &c, msg, sizeof msg) == 0);
    lesson_cond_say(&c, rv, 1, lesson_cond_eval(&c, rv, 1, NULL, 0), got, sizeof got);
    CHECK_MSG(!strcmp(got, "The largest relative difference between two neurons' weights of hidden layer 2: 0."),
              "%s", got);
    lesson_headless_free(&h);
    return 0;
}

static const test_case CASES[] = {
    { "parse_errors", parse_errors },
    { "alike_rows", alike_rows },
    { "pre_std_layers", pre_std_layers },
    { "bn_gaps_after_one_update", bn_gaps_after_one_update },
    { "bn_gaps_close_after_training", bn_gaps_close_after_training },
    { "said", said },
};

TEST_MAIN(CASES)
