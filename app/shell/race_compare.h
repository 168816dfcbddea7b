/* app/shell/race_compare.h - the settings a learner may compare in the race
 * view, and lanes built from the Playground's configuration with one or two
 * of them changed.
 *
 * Each comparable setting says how its value is chosen in the window: from
 * a list of named values (a dropdown) or as a number (a number field), and
 * the values the lanes start with when it is picked. No SDL here.
 */
#ifndef NNLAB_RACE_COMPARE_H
#define NNLAB_RACE_COMPARE_H

#include "shell/race.h"

typedef struct race_choice {
    const char        *name;       /* the nn_config setting: "opt" */
    const char        *title;      /* the dropdown's item: "optimizer (opt)" */
    const char *const *items;      /* its named values; NULL: a number */
    int                n_items;
    float              lo, hi, step;                  /* a number's range and step */
    const char        *start[RACE_MAX_LANES];         /* the lanes' first values */
    int                bare;       /* 1: a value names itself ("adam"); 0: "l2 1" */
} race_choice;

/* The comparable settings, in the Compare dropdown's order (batch first). */
const race_choice *race_choices(int *count);
/* The index of the setting with this name, or -1. */
int race_choice_find(const char *name);
/* The index of value in a named choice's items, or -1. */
int race_choice_item(const race_choice *c, const char *value);

/* Lanes planned, not built yet: what the window shows while a learner is
 * still choosing (building runs loads nothing and trains nothing then). */
typedef struct race_plan {
    int       n;
    nn_config base;
    char      setting[32];                       /* set1 */
    nn_config cfgs[RACE_MAX_LANES];
    char      labels[RACE_MAX_LANES][48];
    char      values[RACE_MAX_LANES][32];        /* each lane's value of set1 */
    char      error[256];                        /* why the plan cannot run ("" if it can) */
} race_plan;

/* The plan of race_init_compare's lanes (same arguments); 0, or -1 with
 * p->error saying which value is wrong. Cheap: no data, no networks. */
int race_plan_compare(race_plan *p, const nn_config *base, const char *set1, const char *const *v1,
                      const char *set2, const char *const *v2, int n);
/* Whether the plan's lanes can train on `data` (an open run of base's data):
 * 0, or -1 with p->error naming the run and what is wrong (e.g. augmentation
 * of 2-D points). Nothing is built. */
int race_plan_check(race_plan *p, const nn_run *data);
/* Build the plan's lanes on `data` (base's data, shared by every lane and
 * borrowed: it must outlive the race; NULL: the lanes load their own, once).
 * 0, or -1 with r->error set. */
int race_init_plan(race *r, const race_plan *p, const nn_run *data);

/* Lanes from base with set1 = v1[i] and, when set2 is not NULL, set2 = v2[i]
 * (n lanes, 1..RACE_MAX_LANES). All lanes keep base's seed: identical
 * starting weights and data order unless a setting changes them. Labels
 * name each lane's values ("adam", "l2 = 1", "adam \xC2\xB7 lr 0.01",
 * "augment none \xC2\xB7 normalize on"); the batch
 * race's lanes are "stochastic (batch 1)", "mini-batch (32)", "batch (all
 * examples)". Returns 0, or -1 with r->error saying which value is wrong. */
int race_init_compare(race *r, const nn_config *base, const char *set1, const char *const *v1,
                      const char *set2, const char *const *v2, int n);

#endif
