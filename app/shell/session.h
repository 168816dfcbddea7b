/* app/shell/session.h - the live training session behind the desktop program.
 *
 * A session owns one configured run (nn_config -> data + trainer), advances
 * it inside the frame loop under a time budget, remembers the previous run's
 * curves for comparison, and computes the "probes" views draw: the model's
 * output and every hidden neuron's output over a grid on the 2-D input plane.
 * No SDL here: the session is tested headless and driven by widgets through
 * the same calls (session_set, session_reset ...) that lessons use.
 */
#ifndef NNLAB_SESSION_H
#define NNLAB_SESSION_H

#include <stdint.h>

#include "nn/config.h"

#define SESSION_GRID 48          /* probe resolution over the input plane */
#define SESSION_MAX_NEURONS 256  /* hidden neurons that get a thumbnail */
#define SESSION_CURVE 200        /* points on a regression curve */

typedef struct session {
    nn_config cfg;
    nn_run    run;
    int       open;              /* run holds a trainer */
    char      error[256];        /* why the configuration could not be built ("" if fine) */
    int       playing;
    int       speed;             /* updates per frame at most, 1..4096 (doubling steps) */
    uint64_t  version;           /* increments whenever the weights change */
    /* The previous run's history, kept faintly for comparison. */
    nn_metrics *prev;
    int         prev_n;
    /* Probes (2-D data only): valid when probe_version == version. */
    uint64_t  probe_version;
    float     lo[2], hi[2];      /* the plane shown: data bounds with a margin */
    float    *out;               /* (GRID*GRID) model output: P(class 1) or the winning class's probability */
    int      *cls;               /* (GRID*GRID) predicted class */
    float    *neurons;           /* (n_neurons, GRID*GRID) hidden activations, post-activation */
    float    *outputs;           /* (n_outputs, GRID*GRID) the output layer's raw scores (logits) */
    int       n_outputs;
    int       n_neurons;
    int       neuron_layer[SESSION_MAX_NEURONS];   /* model layer index of each thumbnail */
    float    *grid_xy;           /* (GRID*GRID, 2) the probe points */
    /* Dropout: which thumbnail neurons the last training batch's first example
     * switched off (1 = off); all 0 without dropout. */
    unsigned char dropped[SESSION_MAX_NEURONS];
    /* 1-D regression: the model's curve over the input range. */
    float     curve_x[SESSION_CURVE], curve_y[SESSION_CURVE];
    int       n_curve;
} session;

/* Build the run from c (the session keeps its own copy). On a configuration
 * error the session stays usable (open = 0) and `error` says what is wrong. */
void session_init(session *s, const nn_config *c);
void session_free(session *s);

/* Change one setting by name. The learning rate changes in place; anything
 * that changes the data or the network rebuilds the run (keeping the old
 * curves as "previous"). Returns 0 or an error message in nn_last_error(). */
int  session_set(session *s, const char *name, const char *value);
/* Back to the same initial weights and data order (the old curves become "previous"). */
void session_reset(session *s);
/* A new seed: new data, new initial weights. */
void session_new_seed(session *s);

/* Advance while playing, for at most budget_s seconds and `speed` updates. */
int  session_advance(session *s, double budget_s);
int  session_step(session *s);        /* one mini-batch */
int  session_epoch(session *s);       /* to the end of the current epoch */

/* Recompute the probes if the weights changed (no-op for non-2-D data). */
void session_probe(session *s);

const nn_metrics *session_history(const session *s, int *count);
nn_trainer_state  session_state(const session *s);

#endif
