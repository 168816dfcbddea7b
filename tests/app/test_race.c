/* Racing runs: identical starts, the bookkeeping behind the three x-axes,
 * and the notes' claims about stochastic, mini-batch and batch descent. */
#include <stdlib.h>

#include "shell/race.h"
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

static const test_case CASES[] = {
    { "lanes_start_identical", lanes_start_identical },
    { "epochs_updates_examples", epochs_updates_examples },
    { "points_stay_bounded", points_stay_bounded },
    { "lockstep_by_examples", lockstep_by_examples },
    { "bad_lane_is_reported", bad_lane_is_reported },
    { "axes_name_and_pick", axes_name_and_pick },
};
TEST_MAIN(CASES)
