/* Hyperparameter search: parsing, scales, grid coverage, determinism across
 * thread counts, and evolution beating random sampling at equal budget. */
#include <stdlib.h>

#include "nn/search.h"
#include "nn/status.h"
#include "test.h"

static int param_parsing(void)
{
    nn_search_param p;
    CHECK(nn_search_param_parse("lr=1e-4:1:log", &p) == NN_OK);
    CHECK(strcmp(p.name, "lr") == 0 && p.scale == NN_SCALE_LOG && p.lo == 1e-4 && p.hi == 1);
    CHECK(nn_search_param_parse("layers=8|16,16|32,32", &p) == NN_OK);
    CHECK(p.scale == NN_SCALE_CHOICE && p.n_choices == 3 && strcmp(p.choices[1], "16,16") == 0);
    CHECK(nn_search_param_parse("lr=0:1:log", &p) == NN_ERR_ARG);        /* log needs lo > 0 */
    CHECK(strstr(nn_last_error(), "log scale") != NULL);
    CHECK(nn_search_param_parse("lr=1:0:lin", &p) == NN_ERR_ARG);
    CHECK(nn_search_param_parse("lr=1:2:cubic", &p) == NN_ERR_ARG);
    CHECK(nn_search_param_parse("=1:2:lin", &p) == NN_ERR_ARG);
    CHECK(nn_search_param_parse("a=x||y", &p) == NN_ERR_ARG);
    return 0;
}

/* A log scale spends equal shares of samples on each decade: u = 0.5 on
 * 1e-4..1 is 1e-2, u = 0.25 is 1e-3. Integers round. */
static int scales(void)
{
    nn_search_param p;
    char buf[48];
    nn_search_param_parse("lr=1e-4:1:log", &p);
    nn_search_param_value(&p, 0.5, buf, sizeof buf);
    CHECK_NEAR(atof(buf), 1e-2, 1e-6);
    nn_search_param_value(&p, 0.25, buf, sizeof buf);
    CHECK_NEAR(atof(buf), 1e-3, 1e-7);
    nn_search_param_parse("batch=8:128:logint", &p);
    nn_search_param_value(&p, 0.5, buf, sizeof buf);
    CHECK(strcmp(buf, "32") == 0);                       /* sqrt(8 * 128) */
    nn_search_param_parse("n=0:10:int", &p);
    nn_search_param_value(&p, 0.33, buf, sizeof buf);
    CHECK(strcmp(buf, "3") == 0);
    nn_search_param_parse("c=a|b|c", &p);
    nn_search_param_value(&p, 0.99, buf, sizeof buf);
    CHECK(strcmp(buf, "c") == 0);
    return 0;
}

/* The documented test objective: a narrow valley in log space with its
 * minimum at lr = 1e-2, l2 = 1e-3, on ranges 1e-5..1 and 1e-6..1:
 * f = (log10 lr + 2)^2 + 10 (log10 l2 + 3)^2. */
static int valley(nn_trial *t, void *ctx)
{
    (void)ctx;
    const double a = log10(atof(t->value[0])) + 2.0, b = log10(atof(t->value[1])) + 3.0;
    t->dev_error = a * a + 10.0 * b * b;
    t->train_error = t->dev_error;
    return 0;
}

static nn_search_desc valley_desc(nn_search_method m, int trials, uint64_t seed)
{
    nn_search_desc d = { .method = m, .trials = trials, .jobs = 1, .seed = seed, .n_params = 2 };
    nn_search_param_parse("lr=1e-5:1:log", &d.params[0]);
    nn_search_param_parse("l2=1e-6:1:log", &d.params[1]);
    return d;
}

/* At a budget of 60 trials (evo: 6 generations of 10), evolution finds a lower
 * valley floor than random sampling for at least 8 of 10 seeds. */
static int evo_beats_random(void)
{
    nn_trial t[60];
    int wins = 0;
    double sum_evo = 0, sum_rand = 0;
    for (uint64_t seed = 1; seed <= 10; seed++) {
        nn_search_desc e = valley_desc(NN_SEARCH_EVO, 60, seed), r = valley_desc(NN_SEARCH_RANDOM, 60, seed);
        e.population = 10;
        CHECK(nn_search_run(&e, valley, NULL, t, NULL) == NN_OK);
        const double best_e = t[nn_search_best(t, 60)].dev_error;
        CHECK(nn_search_run(&r, valley, NULL, t, NULL) == NN_OK);
        const double best_r = t[nn_search_best(t, 60)].dev_error;
        wins += best_e < best_r;
        sum_evo += best_e;
        sum_rand += best_r;
    }
    printf("valley, 60 trials, 10 seeds: evo wins %d, mean best evo %.4f vs random %.4f\n",
           wins, sum_evo / 10, sum_rand / 10);
    CHECK(wins >= 8);
    CHECK(sum_evo < sum_rand);
    return 0;
}

/* A 3x3 grid covers both ends of each axis; every trial is scored once. */
static int grid_covers_the_box(void)
{
    nn_search_desc d = valley_desc(NN_SEARCH_GRID, 9, 1);
    nn_trial t[9];
    CHECK(nn_search_run(&d, valley, NULL, t, NULL) == NN_OK);
    int corners = 0;
    for (int i = 0; i < 9; i++) {
        corners += (t[i].u[0] == 0 || t[i].u[0] == 1) && (t[i].u[1] == 0 || t[i].u[1] == 1);
        CHECK(t[i].index == i && !t[i].failed);
    }
    CHECK(corners == 4);
    CHECK(strcmp(t[4].value[0], "0.003162") == 0);     /* centre of 1e-5..1 in log space */
    return 0;
}

/* Threads change nothing: one job and four jobs give the same trials. */
static int threads_do_not_change_results(void)
{
    nn_trial a[40], b[40];
    nn_search_desc d = valley_desc(NN_SEARCH_EVO, 40, 7);
    CHECK(nn_search_run(&d, valley, NULL, a, NULL) == NN_OK);
    d.jobs = 4;
    CHECK(nn_search_run(&d, valley, NULL, b, NULL) == NN_OK);
    for (int i = 0; i < 40; i++) {
        CHECK(strcmp(a[i].value[0], b[i].value[0]) == 0 && strcmp(a[i].value[1], b[i].value[1]) == 0);
        CHECK(a[i].dev_error == b[i].dev_error);
    }
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

static int failing(nn_trial *t, void *ctx)
{
    (void)ctx;
    if (t->index % 2) { snprintf(t->why, sizeof t->why, "odd"); return 1; }
    t->dev_error = t->index;
    return 0;
}

/* Failed trials are marked, never chosen as best. */
static int failed_trials(void)
{
    nn_search_desc d = valley_desc(NN_SEARCH_RANDOM, 6, 1);
    nn_trial t[6];
    CHECK(nn_search_run(&d, failing, NULL, t, NULL) == NN_OK);
    CHECK(t[1].failed && !t[2].failed && strcmp(t[1].why, "odd") == 0);
    CHECK(nn_search_best(t, 6) == 0);
    return 0;
}

static const test_case CASES[] = {
    { "param_parsing", param_parsing },
    { "scales", scales },
    { "evo_beats_random", evo_beats_random },
    { "grid_covers_the_box", grid_covers_the_box },
    { "threads_do_not_change_results", threads_do_not_change_results },
    { "failed_trials", failed_trials },
};
TEST_MAIN(CASES)
