/* nn/search.h - hyperparameter search: grid, random and evolutionary.
 *
 * A search samples points in a box of named hyperparameters and scores each
 * with an objective (for training: the dev error of a full run). Every
 * parameter has a scale, and all sampling and mutation happen in a unit cube
 * in that scale, so a log-scaled learning rate is explored evenly across
 * decades (the lecture notes' point about 0.0001..1).
 *
 *   lr=1e-4:1:log        continuous, log scale
 *   l2=0:0.1:lin         continuous, linear scale
 *   batch=8:256:logint   integer, log scale        (also :int for linear integers)
 *   layers=8|16,16|32,32 a choice among values
 *
 * Methods: grid (k points per continuous axis, k^d <= trials, every choice),
 * random (uniform in the unit cube), evo (generations of `population`
 * trials; the best quarter are parents; children mutate one parent with
 * Gaussian steps of 0.1 in the unit cube and re-draw a choice with p = 0.3).
 *
 * Trials are independent and may run on `jobs` threads ("caviar": many
 * models in parallel) with results identical to one thread ("panda"),
 * because all sampling happens before a generation runs, from (seed,
 * NN_STREAM_SEARCH).
 */
#ifndef NN_SEARCH_H
#define NN_SEARCH_H

#include <stdint.h>

#define NN_SEARCH_MAX_PARAMS  8
#define NN_SEARCH_MAX_CHOICES 16

typedef enum nn_scale { NN_SCALE_LIN, NN_SCALE_LOG, NN_SCALE_INT, NN_SCALE_LOGINT,
                        NN_SCALE_CHOICE, NN_SCALE_COUNT } nn_scale;

typedef struct nn_search_param {
    char     name[32];
    nn_scale scale;
    double   lo, hi;                                   /* continuous and integer scales */
    int      n_choices;
    char     choices[NN_SEARCH_MAX_CHOICES][48];       /* NN_SCALE_CHOICE */
} nn_search_param;

typedef enum nn_search_method { NN_SEARCH_GRID, NN_SEARCH_RANDOM, NN_SEARCH_EVO,
                                NN_SEARCH_COUNT } nn_search_method;

typedef struct nn_search_desc {
    nn_search_method method;
    int      trials;          /* budget */
    int      jobs;            /* threads (default 1) */
    int      population;      /* evo: trials per generation (default max(4, trials / 5)) */
    uint64_t seed;
    int      n_params;
    nn_search_param params[NN_SEARCH_MAX_PARAMS];
} nn_search_desc;

typedef struct nn_trial {
    int    index, generation;
    double u[NN_SEARCH_MAX_PARAMS];          /* position in the unit cube */
    char   value[NN_SEARCH_MAX_PARAMS][48];  /* the values as text, ready for nn_config_set */
    double dev_error, train_error;           /* scores; lower is better */
    int    failed;                           /* the objective reported an error */
    char   why[160];
} nn_trial;

/* Score one trial: fill t->dev_error and t->train_error; return 0, or non-zero
 * with t->why set (the trial then counts as failed, worst score). Called from
 * worker threads: it must only touch its own trial and read-only context. */
typedef int (*nn_objective)(nn_trial *t, void *ctx);

const char *nn_search_method_name(nn_search_method m);
int         nn_search_method_from_name(const char *name);   /* -1 if unknown */

/* Parse "name=lo:hi:scale" or "name=a|b|c"; NN_OK or an error message. */
int nn_search_param_parse(const char *text, nn_search_param *out);
/* Value of a parameter at unit coordinate u, as text. */
void nn_search_param_value(const nn_search_param *p, double u, char *buf, int len);

/* Run the search; `out` holds d->trials entries. `done` (may be NULL) is
 * called on the calling thread after each generation with the trials so far.
 * Returns NN_OK or an error. */
int nn_search_run(const nn_search_desc *d, nn_objective fn, void *ctx, nn_trial *out,
                  void (*done)(const nn_trial *trials, int count, void *ctx));

/* Index of the best (lowest dev error, not failed) trial, or -1. */
int nn_search_best(const nn_trial *t, int count);

#endif
