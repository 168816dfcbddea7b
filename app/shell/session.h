/* app/shell/session.h - the live training session behind the desktop program.
 *
 * A session owns one configured run (nn_config -> data + trainer), advances
 * it inside the frame loop under a time budget, remembers the previous run's
 * curves for comparison, and computes the "probes" views draw: the model's
 * output and every hidden neuron's output over a grid on the 2-D input plane.
 * No SDL here: the session is tested headless and driven by widgets through
 * the same calls (session_set, session_reset ...) that lessons use.
 *
 * Image data (data = fashion | fashion-small) load in 0.1-0.8 s. The app
 * opens such runs on a worker thread (session_set_async): the session then
 * has no run (open = 0, loading = 1), session_loading() reports the progress
 * for a progress bar, and session_poll() (called by session_advance every
 * frame) installs the run when the worker is done. Calls that need the run
 * (step, epoch, reset) do nothing while loading; session_set waits for the
 * load, session_set_async refuses with a message. Lessons and tests use the
 * synchronous calls. A change that keeps the image data (the network, the
 * optimizer, augmentation ...) reuses the loaded images.
 */
#ifndef NNLAB_SESSION_H
#define NNLAB_SESSION_H

#include <stdint.h>

#include "nn/config.h"
#include "shell/curve_set.h"

#define SESSION_GRID 48          /* probe resolution over the input plane */
#define SESSION_MAX_NEURONS 256  /* hidden neurons that get a thumbnail */
#define SESSION_CURVE 200        /* points on a regression curve */
#define SESSION_HISTORY_ROWS 4096   /* the trainer's own history rows at most (see session_history) */
#define SESSION_GRAD_RING 2048   /* updates whose per-layer gradient norms are kept (shell/lens.h) */
#define SESSION_GRAD_LAYERS 64   /* model layers recorded per update (= NN_MAX_LAYERS) */
#define SESSION_BATCH_KEEP 32    /* image runs: the first images of each training batch kept (lens_batch) */

struct session_loader;

typedef struct session {
    nn_config cfg;
    nn_run    run;
    int       open;              /* run holds a trainer */
    char      error[256];        /* why the configuration could not be built ("" if fine) */
    int       playing;
    int       speed;             /* updates per frame at most, 1..4096 (doubling steps) */
    uint64_t  version;           /* increments whenever the weights change */
    /* The run's history for drawing: bounded (curve_set.h), whatever the run's length. */
    curve_set   curve;
    /* The previous run's curves (rows as in `curve`), kept faintly for comparison. */
    nn_metrics *prev;
    int         prev_n;
    /* The previous run's weights (every layer's n_weights: what L2 decays),
     * kept with its curves so a view can draw their spread faintly beside
     * the current run's; NULL when none; prev_l2 = its lambda. */
    float      *prev_w;
    int         prev_w_n;
    float       prev_l2;
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
    /* Opening runs. */
    uint64_t  run_id;            /* increments whenever a run opens (new data or a new network) */
    int       loading;           /* a worker thread is opening the run (see session_loading) */
    struct session_loader *loader;
    nn_run   *run_home;          /* a run the worker opened lives here (its trainer borrows the
                                    data sets at this address); s->run is a copy. NULL otherwise */
    nn_config data_cfg;          /* the configuration the run's data came from (reuse check) */
    char      notice[512];       /* the last notice from opening data (e.g. fashion-small used
                                    instead of the missing full set); "" if none */
    uint64_t  notice_id;         /* increments with each new notice */
    /* The frame budget: measured seconds per update, and per update that ends
     * an epoch (it also evaluates the three sets); 0 = not measured yet. */
    double    t_step, t_epoch_end;
    /* Per-layer ||dJ/dW|| of the latest updates (read through shell/lens.h):
     * a ring of SESSION_GRAD_RING rows of SESSION_GRAD_LAYERS, the oldest at
     * grad_head when full; emptied when a run opens or resets. The trainer
     * captures every step's statistics (cfg.train.capture_stats = 2). */
    float    *grad_ring;         /* (SESSION_GRAD_RING, SESSION_GRAD_LAYERS); NULL when out of memory */
    long     *grad_step;         /* (SESSION_GRAD_RING) the update count after each recorded update */
    int       grad_head, grad_n, grad_layers;
} session;

/* Build the run from c (the session keeps its own copy). On a configuration
 * error the session stays usable (open = 0) and `error` says what is wrong. */
void session_init(session *s, const nn_config *c);
void session_free(session *s);

/* Change one setting by name. The learning rate changes in place; anything
 * that changes the data or the network rebuilds the run (keeping the old
 * curves as "previous"). Returns 0 or an error message in nn_last_error().
 * Waits for a load in progress. */
int  session_set(session *s, const char *name, const char *value);
/* The app's way: like session_set, but an image run opens on a worker thread
 * (2-D runs open at once); while a load is in progress it refuses (NN_ERR_ARG
 * with a message) and changes nothing. */
int  session_set_async(session *s, const char *name, const char *value);
/* Several settings at once, checked together and applied with one rebuild:
 * names[i] = values[i]. background: as session_set_async. On an error nothing
 * changes and nn_last_error() names the setting. */
int  session_apply(session *s, const char *const *names, const char *const *values, int n,
                   int background);
/* Back to the same initial weights and data order (the old curves become "previous"). */
void session_reset(session *s);
/* A new seed: new data, new initial weights. */
void session_new_seed(session *s);
void session_new_seed_async(session *s);

/* The trained network as a model file (nn/modelio.h, as nnlab-train --save
 * writes it), and back: session_load_network starts the run from a saved
 * model's weights (history restarts from them, the old curves become
 * "previous"). The saved network must be the one the current settings build
 * (same inputs, layers and units, same input normalisation); otherwise
 * NN_ERR_ARG with a message saying how they differ. 0 or an error in nn_last_error(). */
int  session_save_network(session *s, const char *path);
int  session_load_network(session *s, const char *path);

/* Install a run the worker finished opening (no-op otherwise); cheap, call
 * once a frame (session_advance does). */
void session_poll(session *s);
/* Block until a load in progress is done, and install it. */
void session_wait(session *s);
/* 1 while a worker is opening the run; *progress (0..1) and stage (what it
 * is doing, e.g. "reading the training images") say how far it got. */
int  session_loading(session *s, float *progress, char *stage, int len);

/* Advance while playing, for at most budget_s seconds and `speed` updates:
 * an update is started only if its measured cost still fits in the budget
 * (at least one update a frame, so a slow network still trains; an update
 * that ends an epoch, which also evaluates the sets, starts a frame). */
int  session_advance(session *s, double budget_s);
int  session_step(session *s);        /* one mini-batch */
int  session_epoch(session *s);       /* to the end of the current epoch */

/* Recompute the probes if the weights changed (no-op for non-2-D data). */
void session_probe(session *s);

/* The run's history for drawing: the trainer's rows, one per epoch, for the
 * first CURVES_BUCKETS epochs; after that a bounded digest of every epoch
 * from 0 on (pairs of min/max rows, see curve_set.h), so memory stays flat while
 * a class watches for hours. The trainer itself keeps row 0 and its latest
 * SESSION_HISTORY_ROWS / 2 or more rows (nn_trainer_set_history_limit), which
 * is what a lesson's checks (e.g. rises(train_loss)) read. */
const nn_metrics *session_history(const session *s, int *count);
nn_trainer_state  session_state(const session *s);

/* ---- shared by session.c and session_images.c (not for views) ---- */

/* Start opening s->cfg on a worker thread; `data` (may be NULL) are the
 * previous run's images to reuse (moved in). Returns 0, or -1 if no thread
 * could be started (nothing was moved then). */
int  session__start_loader(session *s, nn_run *data);
/* Take the finished loader's run: *home (heap; its trainer borrows the sets
 * inside it, so it must stay where it is until the run closes, then be
 * freed). Returns 1 if a loader was finished (or waited for). */
int  session__take_loader(session *s, int wait, nn_run **home, int *rc, char *err, int err_len);
/* Wait for and free a loader, dropping its run. */
void session__drop_loader(session *s);
/* 1 if a and b describe the same image data (so a rebuild can keep them). */
int  session__same_images(const nn_config *a, const nn_config *b);

#endif
