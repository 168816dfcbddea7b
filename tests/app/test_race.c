/* Racing runs: identical starts, the bookkeeping behind the three x-axes,
 * and the notes' claims about stochastic, mini-batch and batch descent. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nn/setup.h"
#include "nn/status.h"
#include "nn/tensor.h"
#include "shell/race.h"
#include "shell/race_compare.h"
#include "test.h"

static race *make_race(void)
{
    race *r = malloc(sizeof *r);
    if (!r) return NULL;
    nn_config c = nn_config_default();
    nn_config_set(&c, "data", "spiral", NULL);
    nn_config_set(&c, "layers", "16,16", NULL);
    nn_config_set(&c, "lr", "0.05", NULL);
    const char *values[] = { "1", "32", "all" }, *labels[] = { "stochastic", "mini-batch", "batch" };
    if (race_init(r, &c, "batch", values, labels, 3)) { free(r); return NULL; }
    return r;
}

static int lanes_start_identical(void)
{
    race *r = make_race();
    CHECK(r && r->n_lanes == 3);
    nn_model *a = nn_trainer_model(r->lanes[0].run.trainer), *c = nn_trainer_model(r->lanes[2].run.trainer);
    CHECK(memcmp(nn_model_params(a), nn_model_params(c), nn_model_param_count(a) * sizeof(float)) == 0);
    for (int i = 0; i < 3; i++) CHECK(r->lanes[i].n_pts == 1);
    CHECK(r->lanes[0].pts[0].loss == r->lanes[2].pts[0].loss);     /* same start, same loss */
    race_free(r);
    free(r);
    return 0;
}

/* After 20 epochs: stochastic made n updates per epoch, mini-batch n/32,
 * batch 1; at equal epochs stochastic is far ahead; at equal updates batch
 * (one exact gradient each) is at least as good as stochastic. */
static int epochs_updates_examples(void)
{
    race *r = make_race();
    CHECK(r);
    race_run_epochs(r, 20);
    const int n = r->lanes[0].run.train.n;      /* 360 */
    const nn_trainer_state s = nn_trainer_state_get(r->lanes[0].run.trainer);
    const nn_trainer_state m = nn_trainer_state_get(r->lanes[1].run.trainer);
    const nn_trainer_state b = nn_trainer_state_get(r->lanes[2].run.trainer);
    CHECK(s.steps == 20L * n && m.steps == 20L * ((n + 31) / 32) && b.steps == 20);
    CHECK(s.examples == b.examples && m.examples == b.examples);
    const race_lane *ls = &r->lanes[0], *lb = &r->lanes[2];
    const float loss_s = ls->pts[ls->n_pts - 1].loss, loss_b = lb->pts[lb->n_pts - 1].loss;
    CHECK_MSG(loss_s < 0.8f * loss_b, "stochastic %.3f vs batch %.3f", (double)loss_s, (double)loss_b);
    /* Stochastic's loss after 20 updates (point 20, stride 1) vs batch after 20. */
    CHECK(ls->stride > 1 || ls->pts[20].updates == 20.0f);
    race_free(r);
    free(r);
    return 0;
}

/* Decimation keeps the curve bounded and ordered. */
static int points_stay_bounded(void)
{
    race *r = make_race();
    CHECK(r);
    race_run_epochs(r, 30);               /* stochastic: 10800 updates > RACE_MAX_POINTS */
    const race_lane *l = &r->lanes[0];
    CHECK(l->n_pts <= RACE_MAX_POINTS && l->stride >= 2);
    for (int i = 1; i < l->n_pts; i++) CHECK(l->pts[i].updates > l->pts[i - 1].updates);
    race_free(r);
    free(r);
    return 0;
}

/* Lockstep mode: lanes never drift apart by more than one batch of examples. */
static int lockstep_by_examples(void)
{
    race *r = make_race();
    CHECK(r);
    r->equal_time = 0;
    for (int f = 0; f < 5; f++) race_advance(r, 0.01);
    long lo = -1, hi = 0;
    for (int i = 0; i < 3; i++) {
        const long e = nn_trainer_state_get(r->lanes[i].run.trainer).examples;
        if (lo < 0 || e < lo) lo = e;
        if (e > hi) hi = e;
    }
    CHECK(hi - lo <= r->lanes[2].run.train.n);
    race_free(r);
    free(r);
    return 0;
}

static int bad_lane_is_reported(void)
{
    race r;
    nn_config c = nn_config_default();
    const char *values[] = { "1", "0" };
    CHECK(race_init(&r, &c, "batch", values, NULL, 2) == -1);
    CHECK(strstr(r.error, "batch") != NULL);
    return 0;
}

/* The race view's x-axis choice maps onto these: every axis has its name and
 * picks its own coordinate of a recorded point. */
static int axes_name_and_pick(void)
{
    const race_point p = { .epochs = 1.5f, .updates = 30.0f, .examples = 450.0f, .seconds = 0.25f, .loss = 0.7f };
    CHECK(RACE_AXIS_COUNT == 4);
    CHECK(strcmp(race_axis_name(RACE_EPOCHS), "epochs") == 0 && race_point_x(&p, RACE_EPOCHS) == 1.5f);
    CHECK(strcmp(race_axis_name(RACE_UPDATES), "updates") == 0 && race_point_x(&p, RACE_UPDATES) == 30.0f);
    CHECK(strcmp(race_axis_name(RACE_EXAMPLES), "examples seen") == 0 && race_point_x(&p, RACE_EXAMPLES) == 450.0f);
    CHECK(strcmp(race_axis_name(RACE_SECONDS), "seconds") == 0 && race_point_x(&p, RACE_SECONDS) == 0.25f);
    CHECK(strcmp(race_axis_name(RACE_AXIS_COUNT), "?") == 0);
    return 0;
}

/* A compare run equals separate runs of the same settings and seed, as
 * nnlab-train trains them (nn_run_open, then nn_trainer_epoch until the
 * epoch count; cli_train.c): lane by lane, the same history to the last
 * bit (the lanes' recording of the curves after every update changes
 * nothing), for optimizers and for dropout (random masks) with L2. */
static int compare_equals_separate_runs(void)
{
    static const struct { const char *data, *layers, *set1, *v1[2], *set2, *v2[2]; } CASES[] = {
        { "spiral", "16,16", "opt", { "sgd", "adam" }, NULL, { NULL, NULL } },
        { "moons", "32,32", "l2", { "0", "1" }, "dropout", { "0.3", "0.1" } },
    };
    enum { EPOCHS = 6 };
    for (size_t k = 0; k < sizeof CASES / sizeof CASES[0]; k++) {
        nn_config base = nn_config_default();
        CHECK(nn_config_set(&base, "data", CASES[k].data, NULL) == NN_OK);
        CHECK(nn_config_set(&base, "layers", CASES[k].layers, NULL) == NN_OK);
        CHECK(nn_config_set(&base, "noise", "0.3", NULL) == NN_OK);
        CHECK(nn_config_set(&base, "seed", "7", NULL) == NN_OK);
        race *r = malloc(sizeof *r);
        CHECK(r);
        CHECK_MSG(race_init_compare(r, &base, CASES[k].set1, CASES[k].v1, CASES[k].set2, CASES[k].v2, 2) == 0,
                  "%s", r->error);
        for (int s = 0; s < 5; s++)                           /* interleaved, as the window steps them */
            for (int i = 0; i < 2; i++) CHECK(race_lane_step(r, i) == NN_OK);
        race_run_epochs(r, EPOCHS);
        double final_loss[2];
        for (int i = 0; i < 2; i++) {
            nn_config c = base;
            CHECK(nn_config_set(&c, CASES[k].set1, CASES[k].v1[i], NULL) == NN_OK);
            if (CASES[k].set2) CHECK(nn_config_set(&c, CASES[k].set2, CASES[k].v2[i], NULL) == NN_OK);
            nn_run run;
            CHECK(nn_run_open(&run, &c) == NN_OK);
            while (nn_trainer_state_get(run.trainer).epoch < EPOCHS) CHECK(nn_trainer_epoch(run.trainer) == NN_OK);
            int n_ref = 0, n_lane = 0;
            const nn_metrics *ref = nn_trainer_history(run.trainer, &n_ref);
            const nn_metrics *got = nn_trainer_history(r->lanes[i].run.trainer, &n_lane);
            CHECK_MSG(n_ref == EPOCHS + 1 && n_lane == n_ref, "%d vs %d rows", n_lane, n_ref);
            for (int e = 0; e < n_ref; e++)
                CHECK_MSG(got[e].train_loss == ref[e].train_loss && got[e].dev_loss == ref[e].dev_loss &&
                              got[e].dev_acc == ref[e].dev_acc,
                          "%s lane %d epoch %d: train %.9g vs %.9g, dev %.9g vs %.9g", CASES[k].set1, i, e,
                          got[e].train_loss, ref[e].train_loss, got[e].dev_loss, ref[e].dev_loss);
            final_loss[i] = ref[n_ref - 1].train_loss;
            /* the lane's own last point is its training loss after its last update */
            double loss, acc;
            nn_trainer_evaluate(run.trainer, &run.train, 1, &loss, &acc);
            CHECK((float)loss == r->lanes[i].pts[r->lanes[i].n_pts - 1].loss);
            nn_run_close(&run);
        }
        CHECK_MSG(final_loss[0] != final_loss[1], "the two settings trained alike (%.9g)", final_loss[0]);
        race_free(r);
        free(r);
    }
    return 0;
}

/* nnlab-train, next to this test's build directory (build/tests -> build/app). */
static int cli_path(char *out, size_t n)
{
    char exe[PATH_MAX];
    const ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (k <= 0) return -1;
    exe[k] = '\0';
    *strrchr(exe, '/') = '\0';
    snprintf(out, n, "%s/../app/nnlab-train", exe);
    return access(out, X_OK);
}

/* " --name 'value'" as nnlab-train takes it; a flag (normalize, batchnorm) is
 * given when on and left out when off. Returns the length written. */
static int option(char *out, size_t n, const char *name, const char *value)
{
    int count;
    const nn_setting *s = nn_config_settings(&count);
    for (int i = 0; i < count; i++)
        if (!strcmp(s[i].name, name) && !s[i].arg)
            return strcmp(value, "off") && strcmp(value, "0") ? snprintf(out, n, " --%s", name) : 0;
    return snprintf(out, n, " --%s '%s'", name, value);
}

/* The history as nnlab-train --csv writes it, but the seconds (time, not the run). */
static int history_text(const nn_metrics *h, int rows, char *out, size_t n)
{
    FILE *f = fmemopen(out, n, "w");
    if (!f) return -1;
    for (int i = 0; i < rows; i++) nn_history_csv_row(f, &h[i]);
    fclose(f);
    for (char *line = out; *line;) {            /* cut each row's last column */
        char *end = strchr(line, '\n'), *comma = NULL;
        if (!end) break;
        for (char *c = line; c < end; c++) if (*c == ',') comma = c;
        if (comma) { memmove(comma, end, strlen(end) + 1); end = comma; }
        line = end + 1;
    }
    return 0;
}

/* A compare of two settings, built as the Compare view builds it (planned,
 * checked, the lanes on one shared copy of the data, interleaved steps), is
 * two nnlab-train runs of the same settings and seed: each lane's history
 * (losses and accuracies of train, dev and test, per epoch) is the CSV that
 * `nnlab-train --csv` writes, row for row, and so are the final losses. On
 * 2-D data and on fashion-small (images shared as bytes, augmentation). */
static int compare_equals_nnlab_train(void)
{
    /* The window trains its lanes with one BLAS thread (main.c); OpenBLAS's
     * threaded products can round differently in the last bits (a row-0
     * loss 2.356212 against 2.356211 with OpenBLAS on 2 threads), so the
     * test does the same whatever OPENBLAS_NUM_THREADS says. */
    nn_blas_set_threads(1);
    char cli[PATH_MAX + 32];
    CHECK_MSG(cli_path(cli, sizeof cli) == 0, "%s not found", cli);
    static const struct { const char *base, *set1, *v1[2], *set2, *v2[2]; } CASES[] = {
        { "data=spiral layers=16,16 noise=0.3 seed=7", "opt", { "sgd", "adam" }, NULL, { NULL, NULL } },
        { "data=moons layers=32,32 noise=0.3 seed=3", "l2", { "0", "1" }, "dropout", { "0.3", "0.1" } },
        { "data=fashion-small train-limit=240 layers=16 seed=5 batch=16", "augment", { "none", "flip-h=0.5" },
          "normalize", { "off", "on" } },
        /* 12,000 training examples: nnlab-train's train_loss is the epoch's running average (row 0:
         * its fixed sample of 10,000), the lane's curve the current weights' loss on that sample */
        { "data=spiral samples=20000 layers=8 seed=2 batch=1000", "lr", { "0.1", "0.5" }, NULL, { NULL, NULL } },
    };
    enum { EPOCHS = 4 };
    for (size_t k = 0; k < sizeof CASES / sizeof CASES[0]; k++) {
        nn_config base = nn_config_default();
        char args[512] = "", words[256];
        snprintf(words, sizeof words, "%s", CASES[k].base);
        for (char *w = strtok(words, " "); w; w = strtok(NULL, " ")) {
            char *eq = strchr(w, '=');
            *eq = '\0';
            CHECK(nn_config_set(&base, w, eq + 1, NULL) == NN_OK);
            snprintf(args + strlen(args), sizeof args - strlen(args), " --%s %s", w, eq + 1);
        }
        nn_run data;
        CHECK_MSG(nn_run_open_data(&data, &base, NULL) == NN_OK, "%s", nn_last_error());
        race_plan *p = malloc(sizeof *p);
        race *r = malloc(sizeof *r);
        CHECK(p && r);
        CHECK(race_plan_compare(p, &base, CASES[k].set1, CASES[k].v1, CASES[k].set2, CASES[k].v2, 2) == 0);
        CHECK_MSG(race_plan_check(p, &data) == 0, "%s", p->error);
        CHECK_MSG(race_init_plan(r, p, &data) == 0, "%s", r->error);
        CHECK(r->lanes[0].run.train.n == data.train.n && r->lanes[1].run.train.y == data.train.y);   /* shared */
        for (int s = 0; s < 5; s++)                           /* interleaved, as the window steps them */
            for (int i = 0; i < 2; i++) CHECK(race_lane_step(r, i) == NN_OK);
        race_run_epochs(r, EPOCHS);
        char final[2][64];
        for (int i = 0; i < 2; i++) {
            char cmd[2048], csv[64], line[512], want[8192] = "", got[8192];
            snprintf(csv, sizeof csv, "/tmp/nnlab_test_race_%d_%d.csv", (int)getpid(), i);
            int n = snprintf(cmd, sizeof cmd, "'%s'%s", cli, args);
            n += option(cmd + n, sizeof cmd - (size_t)n, CASES[k].set1, CASES[k].v1[i]);
            if (CASES[k].set2) n += option(cmd + n, sizeof cmd - (size_t)n, CASES[k].set2, CASES[k].v2[i]);
            snprintf(cmd + n, sizeof cmd - (size_t)n, " --epochs %d --quiet --csv %s", EPOCHS, csv);
            FILE *out = popen(cmd, "r");
            CHECK(out);
            char last[512] = "";
            while (fgets(line, sizeof line, out)) snprintf(last, sizeof last, "%s", line);
            CHECK_MSG(pclose(out) == 0, "%s failed", cmd);
            FILE *f = fopen(csv, "r");
            CHECK(f && fgets(line, sizeof line, f));              /* the header */
            while (fgets(line, sizeof line, f)) {
                *strrchr(line, ',') = '\0';
                snprintf(want + strlen(want), sizeof want - strlen(want), "%s\n", line);
            }
            fclose(f);
            remove(csv);
            int rows = 0;
            const nn_metrics *h = nn_trainer_history(r->lanes[i].run.trainer, &rows);
            CHECK(rows == EPOCHS + 1);
            CHECK(history_text(h, rows, got, sizeof got) == 0);
            CHECK_MSG(strcmp(got, want) == 0, "%s lane %d:\nthe lane:\n%snnlab-train:\n%s", CASES[k].set1, i, got, want);
            /* the lane's curve ends on the same training loss (the same rows), or, when the
             * history's is the running average, on the current weights' loss on row 0's rows */
            const race_lane *ln = &r->lanes[i];
            nn_trainer *t = r->lanes[i].run.trainer;
            double curve_end = h[rows - 1].train_loss;
            CHECK(nn_trainer_train_running(t) == (k == 3));
            if (nn_trainer_train_running(t)) {
                const int *idx;
                const int n_eval = nn_trainer_train_eval(t, &idx);
                double acc;
                CHECK(n_eval == 10000 && idx != NULL);
                nn_trainer_evaluate_rows(t, &r->lanes[i].run.train, idx, n_eval, 1, &curve_end, &acc);
                CHECK(curve_end != h[rows - 1].train_loss);
            }
            CHECK_MSG(ln->pts[ln->n_pts - 1].loss == (float)curve_end, "lane %d: curve %.9g, want %.9g",
                      i, (double)ln->pts[ln->n_pts - 1].loss, curve_end);
            /* and the final line's losses */
            char loss[64];
            snprintf(loss, sizeof loss, "train_loss=%.6f ", h[rows - 1].train_loss);
            CHECK_MSG(strstr(last, loss), "lane %d: '%s' not in '%s'", i, loss, last);
            snprintf(final[i], sizeof final[i], "%s", loss);
        }
        CHECK_MSG(strcmp(final[0], final[1]) != 0, "the two settings trained alike (%s)", final[0]);
        race_free(r);
        nn_run_close(&data);
        free(r);
        free(p);
    }
    return 0;
}

/* The panel's words for a compare: the optimizer differs, not the batch
 * size; two settings are both named with each run's values; the batch race
 * keeps its names. */
static int compare_names_what_differs(void)
{
    race *r = malloc(sizeof *r);
    CHECK(r);
    nn_config base = nn_config_default();
    char text[1024];
    const char *opts[] = { "sgd", "adam" }, *lrs[] = { "0.1", "0.003" };
    CHECK(race_init_compare(r, &base, "opt", opts, NULL, NULL, 2) == 0);
    race_differences_text(r, text, sizeof text);
    CHECK_MSG(strstr(text, "Only the **optimizer** differs:") && !strstr(text, "batch"), "%s", text);
    CHECK_MSG(strstr(text, "\n- **sgd**\n- **adam**") && !strstr(text, "sgd**:"), "%s", text);   /* no "sgd: sgd" */
    race_free(r);
    CHECK(race_init_compare(r, &base, "opt", opts, "lr", lrs, 2) == 0);
    race_differences_text(r, text, sizeof text);
    CHECK_MSG(strstr(text, "Only the **optimizer** and the **learning rate** differ:"), "%s", text);
    CHECK_MSG(strstr(text, "- **adam \xC2\xB7 lr 0.003**: optimizer adam, learning rate 0.003"), "%s", text);
    race_free(r);
    /* two named values: each named, nothing cut */
    const char *augs[] = { "none", "flip-h=0.5" }, *norms[] = { "off", "on" };
    race_plan *p = malloc(sizeof *p);
    CHECK(p && race_plan_compare(p, &base, "augment", augs, "normalize", norms, 2) == 0);
    CHECK_MSG(strcmp(p->labels[1], "augment flip-h=0.5 \xC2\xB7 normalize on") == 0, "%s", p->labels[1]);
    free(p);
    /* a lesson's names that do not show the value get it ("l2 = 10" does not show 1) */
    const char *two[] = { "1", "10" };
    CHECK(race_init_configs(r, (nn_config[]){ base, base }, (const char *const[]){ "plain", "l2 = 10" }, 2) == 0);
    CHECK(nn_config_set(&r->cfgs[0], "l2", "1", NULL) == NN_OK && nn_config_set(&r->cfgs[1], "l2", two[1], NULL) == NN_OK);
    race_differences_text(r, text, sizeof text);
    CHECK_MSG(strstr(text, "- **plain**: 1\n- **l2 = 10**") && !strstr(text, "10**:"), "%s", text);
    race_free(r);
    const char *batches[] = { "1", "32", "all" };
    CHECK(race_init_compare(r, &base, "batch", batches, NULL, NULL, 3) == 0);
    CHECK(strcmp(r->lanes[0].label, "stochastic (batch 1)") == 0 && strcmp(r->lanes[1].label, "mini-batch (32)") == 0 &&
          strcmp(r->lanes[2].label, "batch (all examples)") == 0);
    race_differences_text(r, text, sizeof text);
    CHECK_MSG(strstr(text, "Only the **batch size** differs:"), "%s", text);
    race_free(r);
    /* every comparable setting's starting values build (except augmentation,
     * which needs images) and differ between the first two lanes */
    int n;
    const race_choice *cs = race_choices(&n);
    CHECK(n >= 12 && race_choice_find("batch") == 0);
    for (int i = 0; i < n; i++) {
        if (!strcmp(cs[i].name, "augment")) continue;
        CHECK_MSG(race_init_compare(r, &base, cs[i].name, cs[i].start, NULL, NULL, RACE_MAX_LANES) == 0,
                  "%s: %s", cs[i].name, r->error);
        const nn_setting *d[4];
        CHECK_MSG(race_differing(r, d, 4) == 1 && !strcmp(d[0]->name, cs[i].name), "%s", cs[i].name);
        race_free(r);
    }
    /* a value the setting refuses: one message naming the run, no lanes */
    const char *bad[] = { "sgd", "adamw" };
    CHECK(race_init_compare(r, &base, "opt", bad, NULL, NULL, 2) == -1);
    CHECK_MSG(strstr(r->error, "run 2") && strstr(r->error, "adamw"), "%s", r->error);
    CHECK(r->n_lanes == 0);
    free(r);
    return 0;
}

static const test_case CASES[] = {
    { "compare_equals_separate_runs", compare_equals_separate_runs },
    { "compare_equals_nnlab_train", compare_equals_nnlab_train },
    { "compare_names_what_differs", compare_names_what_differs },
    { "lanes_start_identical", lanes_start_identical },
    { "epochs_updates_examples", epochs_updates_examples },
    { "points_stay_bounded", points_stay_bounded },
    { "lockstep_by_examples", lockstep_by_examples },
    { "bad_lane_is_reported", bad_lane_is_reported },
    { "axes_name_and_pick", axes_name_and_pick },
};
TEST_MAIN(CASES)
