/* app/shell/race.h - several runs that differ in one setting, racing.
 *
 * Every lane is the same configuration with one setting changed (e.g. batch
 * = 1 | 32 | all), or a lesson's comparison (one or more settings changed).
 * Lanes whose data are the same share one copy of them, loaded once
 * (race_init_on). All lanes share the seed, so they start from identical
 * weights and see the training examples in the identical order: only the
 * changed settings differ (race_differing names them). After every update
 * a lane records its full training loss with the current weights (over the
 * rows nnlab-train's train_loss is evaluated on: the whole set, or a fixed
 * sample; with the running average, the rows of its row 0, the sample of
 * 10,000 on a large set - nn_trainer_train_eval), so curves can be drawn
 * against epochs, updates, examples seen or seconds. No SDL here.
 */
#ifndef NNLAB_RACE_H
#define NNLAB_RACE_H

#include <stddef.h>

#include "nn/config.h"

#define RACE_MAX_LANES 4
#define RACE_MAX_POINTS 4096

typedef enum race_axis { RACE_EPOCHS, RACE_UPDATES, RACE_EXAMPLES, RACE_SECONDS, RACE_AXIS_COUNT } race_axis;

typedef struct race_point { float epochs, updates, examples, seconds, loss; } race_point;

typedef struct race_lane {
    char       label[48];
    char       value[32];          /* the changed setting's value */
    nn_run     run;
    int        open;
    race_point pts[RACE_MAX_POINTS];
    int        n_pts;
    int        stride, pending;    /* record every stride-th update (doubles when full) */
    double     seconds;            /* compute time this lane has used */
} race_lane;

typedef struct race {
    nn_config base;
    char      setting[32];
    int       n_lanes;
    race_lane lanes[RACE_MAX_LANES];
    int       equal_time;          /* 1: lanes advance together in training time (the
                                      time recording curves takes is not counted);
                                      0: lanes advance in lockstep by examples seen */
    char      error[256];
    nn_config cfgs[RACE_MAX_LANES];    /* each lane's configuration */
} race;

/* Build the lanes: base with `setting` = values[i]. Returns 0 or -1 (error set). */
int  race_init(race *r, const nn_config *base, const char *setting, const char *const *values,
               const char *const *labels, int n);
/* Build lanes from whole configurations (a lesson's comparison): cfgs[i] with labels[i]. */
int  race_init_configs(race *r, const nn_config *cfgs, const char *const *labels, int n);
/* The same, the lanes sharing their data: a lane whose configuration makes
 * the data of data_cfg trains on `data` (an open run's sets, borrowed: they
 * must outlive the race; NULL: none), one whose data an earlier lane has
 * trains on that lane's; only other data are loaded, once. */
int  race_init_on(race *r, const nn_config *cfgs, const char *const *labels, int n, const nn_run *data,
                  const nn_config *data_cfg);
void race_free(race *r);
/* One update of lane i (recorded); NN_OK, NN_ERR_DIVERGED, or NN_ERR_ARG once stopped. */
int  race_lane_step(race *r, int i);
void race_reset(race *r);
/* Advance all lanes within budget_s seconds of compute in total. */
void race_advance(race *r, double budget_s);
/* Run until every lane has finished `epochs` epochs (headless use). */
void race_run_epochs(race *r, int epochs);

/* The settings in which the lanes' configurations differ, in the order of
 * nn_config_settings; returns how many (at most max). */
int  race_differing(const race *r, const nn_setting **out, int max);
/* The same for the panel, with the UI kit's **bold**: "Only the **batch size**
 * differs:" and one line per lane with its value(s). */
void race_differences_text(const race *r, char *out, size_t n);
/* The same for configurations not (yet) racing: n_lanes of them, with their labels. */
int  race_configs_differing(const nn_config *cfgs, int n_lanes, const nn_setting **out, int max);
void race_configs_differences_text(const nn_config *cfgs, const char *const *labels, int n_lanes, char *out,
                                   size_t n);

const char *race_axis_name(race_axis a);
float       race_point_x(const race_point *p, race_axis a);

#endif
