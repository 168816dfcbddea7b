/* app/shell/race.c - runs that differ in one setting, side by side (see race.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "nn/status.h"
#include "shell/race.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static const char *const AXES[] = {
    [RACE_EPOCHS] = "epochs", [RACE_UPDATES] = "updates", [RACE_EXAMPLES] = "examples seen",
    [RACE_SECONDS] = "seconds",
};
_Static_assert(sizeof AXES / sizeof AXES[0] == RACE_AXIS_COUNT, "add a row to AXES");

const char *race_axis_name(race_axis a) { return (unsigned)a < RACE_AXIS_COUNT ? AXES[a] : "?"; }

float race_point_x(const race_point *p, race_axis a)
{
    switch (a) {
    case RACE_UPDATES:  return p->updates;
    case RACE_EXAMPLES: return p->examples;
    case RACE_SECONDS:  return p->seconds;
    default:            return p->epochs;
    }
}

static void record(race_lane *l)
{
    nn_trainer *t = l->run.trainer;
    const nn_trainer_state st = nn_trainer_state_get(t);
    if (st.steps > 0 && ++l->pending < l->stride) return;
    l->pending = 0;
    if (l->n_pts == RACE_MAX_POINTS) {
        /* Full: keep every other point and record half as often from now on. */
        for (int i = 0; i < RACE_MAX_POINTS / 2; i++) l->pts[i] = l->pts[2 * i];
        l->n_pts = RACE_MAX_POINTS / 2;
        l->stride *= 2;
    }
    double loss, acc;
    const int *idx;           /* the rows nnlab-train evaluates train_loss on (row 0's with the running average) */
    const int rows = nn_trainer_train_eval(t, &idx);
    nn_trainer_evaluate_rows(t, &l->run.train, idx, rows, 1, &loss, &acc);
    const float n = (float)l->run.train.n;
    l->pts[l->n_pts++] = (race_point){
        .epochs = (float)st.examples / n, .updates = (float)st.steps,
        .examples = (float)st.examples, .seconds = (float)l->seconds, .loss = (float)loss };
}

static void lane_start(race_lane *l)
{
    l->n_pts = 0;
    l->stride = 1;
    l->pending = 0;
    l->seconds = 0.0;
    record(l);
}

/* Lane i's run: on the shared data when they are the ones its configuration
 * makes, else on an earlier lane's when that lane's data are, else its own. */
static int lane_open(race *r, int i, const nn_run *data, const nn_config *data_cfg)
{
    nn_run *run = &r->lanes[i].run;
    const nn_config *c = &r->cfgs[i];
    if (data && data_cfg && nn_config_same_data(data_cfg, c)) return nn_run_open_on(run, c, data, NULL);
    for (int j = 0; j < i; j++)
        if (nn_config_same_data(&r->cfgs[j], c)) return nn_run_open_on(run, c, &r->lanes[j].run, NULL);
    return nn_run_open(run, c);
}

int race_init_on(race *r, const nn_config *cfgs, const char *const *labels, int n, const nn_run *data,
                 const nn_config *data_cfg)
{
    memset(r, 0, sizeof *r);
    r->equal_time = 1;
    if (n < 1 || n > RACE_MAX_LANES) {
        snprintf(r->error, sizeof r->error, "a race has 1 to %d lanes", RACE_MAX_LANES);
        return -1;
    }
    r->base = cfgs[0];
    for (int i = 0; i < n; i++) {
        race_lane *l = &r->lanes[i];
        r->cfgs[i] = cfgs[i];
        /* One thread a lane: lanes train side by side, and a pool per lane
         * would put lanes x processors threads on the processors. */
        r->cfgs[i].train.threads = 1;
        snprintf(l->label, sizeof l->label, "%s", labels[i]);
        if (lane_open(r, i, data, data_cfg)) {
            snprintf(r->error, sizeof r->error, "%s", nn_last_error());
            r->n_lanes = i;
            race_free(r);
            return -1;
        }
        l->open = 1;
        r->n_lanes = i + 1;
        lane_start(l);
    }
    return 0;
}

int race_init_configs(race *r, const nn_config *cfgs, const char *const *labels, int n)
{
    return race_init_on(r, cfgs, labels, n, NULL, NULL);
}

int race_init(race *r, const nn_config *base, const char *setting, const char *const *values,
              const char *const *labels, int n)
{
    nn_config cfgs[RACE_MAX_LANES];
    if (n < 1 || n > RACE_MAX_LANES) {
        memset(r, 0, sizeof *r);
        snprintf(r->error, sizeof r->error, "a race has 1 to %d lanes", RACE_MAX_LANES);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        cfgs[i] = *base;
        if (nn_config_set(&cfgs[i], setting, values[i], NULL)) {
            memset(r, 0, sizeof *r);
            snprintf(r->error, sizeof r->error, "%s", nn_last_error());
            return -1;
        }
    }
    if (race_init_configs(r, cfgs, labels ? labels : values, n)) return -1;
    r->base = *base;
    snprintf(r->setting, sizeof r->setting, "%s", setting);
    for (int i = 0; i < n; i++) snprintf(r->lanes[i].value, sizeof r->lanes[i].value, "%s", values[i]);
    return 0;
}

void race_free(race *r)
{
    for (int i = r->n_lanes - 1; i >= 0; i--)     /* lanes on an earlier lane's data first */
        if (r->lanes[i].open) nn_run_close(&r->lanes[i].run);
    r->n_lanes = 0;
}

void race_reset(race *r)
{
    for (int i = 0; i < r->n_lanes; i++) {
        nn_trainer_reset(r->lanes[i].run.trainer);
        lane_start(&r->lanes[i]);
    }
}

static int lane_step(race_lane *l);

int race_lane_step(race *r, int i) { return lane_step(&r->lanes[i]); }

static int lane_step(race_lane *l)
{
    const double t0 = now_s();
    const int rc = nn_trainer_step(l->run.trainer);
    l->seconds += now_s() - t0;
    if (rc == NN_OK) record(l);
    return rc;
}

static int lane_running(const race_lane *l)
{
    const nn_trainer_state st = nn_trainer_state_get(l->run.trainer);
    return !st.diverged && !st.stopped;
}

void race_advance(race *r, double budget_s)
{
    /* Always step the lane that is behind: in training time (equal time: a
     * race against the clock, where recording the curves is not counted) or
     * in examples seen (lockstep). */
    const double t0 = now_s();
    while (now_s() - t0 < budget_s) {
        race_lane *next = NULL;
        double behind = 0;
        for (int i = 0; i < r->n_lanes; i++) {
            race_lane *l = &r->lanes[i];
            const double at = r->equal_time ? l->seconds
                                            : (double)nn_trainer_state_get(l->run.trainer).examples;
            if (lane_running(l) && (!next || at < behind)) { next = l; behind = at; }
        }
        if (!next || lane_step(next) != NN_OK) break;
    }
}

void race_run_epochs(race *r, int epochs)
{
    for (int i = 0; i < r->n_lanes; i++) {
        race_lane *l = &r->lanes[i];
        while (lane_running(l) && nn_trainer_state_get(l->run.trainer).epoch < epochs)
            if (lane_step(l) != NN_OK) break;
    }
}
