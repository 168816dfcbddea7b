/* app/labs/surface_lab.h - optimizers racing down a 2-D surface from one start.
 *
 * The state behind the "Optimizer paths" view and the lessons on it: one
 * surface (a table surface of nn/surface.h, or a slice of the Playground's
 * network, nn/slice.h), one start point, and a lane per optimizer (SGD,
 * momentum, RMSprop, Adam, AdaGrad; lane index = nn_optim_kind), each moved
 * by the engine's own nn_surf_walk - so a lane's path is exactly what
 * `nnlab-train surface` writes for the same settings. Nothing is
 * re-implemented here.
 *
 *     surface_lab L;
 *     slab_init(&L, NN_SURF_ROSENBROCK);           // per-surface default rates
 *     slab_set(&L, "surface.start", "-1.5,2");      // every lane restarts there
 *     slab_step(&L, 200);                          // 200 updates of every enabled lane
 *     double d; slab_metric(&L, NN_OPT_ADAM, "dist", &d);
 *     slab_free(&L);
 *
 * Settings (names as lessons write them; values as text, checked; every
 * change restarts all lanes from the start, except "show"):
 *   surface.fn      bowl | rosenbrock | beale | saddle | himmelblau | camel | plateau | network
 *   surface.start   X,Y
 *   surface.cond    bowl's condition number >= 1
 *   surface.noise   gradient-noise std >= 0
 *   surface.seed    noise seed
 *   surface.decay   none | inverse | exp | sqrt | step (per update), surface.decay-rate K
 *   surface.bias-correction  on | off  (Adam)
 *   surface.show    a list of optimizers, e.g. sgd,momentum,adam (the others are hidden)
 *   surface.<opt>.lr, surface.<opt>.beta, surface.<opt>.beta2   e.g. surface.adam.lr = 0.05
 * Metrics of a lane (lessons: `adam.dist`):
 *   f        f at the current point       x, y   the current point
 *   dist     distance to the nearest minimum of the surface's table (saddle points
 *            excluded; inf on a surface without one: the saddle, the network slice)
 *   reached  the first update after which dist <= SLAB_REACH_RADIUS (inf if not yet)
 *   updates  updates taken               diverged  1 if the lane diverged
 *   turns    updates whose step turned back against the previous step (dot < 0):
 *            the zig-zag count            length  the length of the path walked
 * A diverged lane keeps its last good point: no metric is ever NaN.
 *
 * surface.fn = network: the lab has no network; its owner sets L->network_slice
 * (and L->network_user) to a provider that slices the current network
 * (nn/slice.h). The provider is asked when surface.fn becomes network; asking
 * again (setting surface.fn = network once more) re-slices through the
 * network's weights of that moment. Without a provider the setting is refused.
 *
 * No SDL here. Ownership: the lab owns its walks and traces. One thread.
 */
#ifndef NNLAB_SURFACE_LAB_H
#define NNLAB_SURFACE_LAB_H

#include "labs/lab_setting.h"
#include "nn/optim.h"
#include "nn/surface.h"

#define SLAB_LANES        NN_OPT_COUNT
#define SLAB_TRACE_MAX    4096      /* path points kept per lane; older ones thinned 2:1 */
#define SLAB_REACH_RADIUS 0.05

typedef struct slab_lane {
    int            shown;          /* drawn and stepped */
    nn_optim_desc  opt;            /* its own betas (kind = lane index) */
    float          lr;             /* its own rate */
    nn_surf_walk   walk;           /* walk.cur: the current point; walk.opt: v, s */
    nn_surf_sample *trace;         /* (n_trace) the path from the start, thinned if long */
    int            n_trace;
    int            reached;        /* update at which dist first <= radius; 0 = not yet */
    int            diverged_at;    /* 0, or the update that diverged (walk.cur: the last good point) */
    nn_surf_sample last_step;      /* the point before the latest update (for the step arrow) */
    int            stride;         /* trace keeps every stride-th update (doubles when thinned) */
    int            turns;          /* steps that turned back against the previous one */
    double         length;         /* path length walked */
    float          prev_step[2];   /* the latest step (x, y), for `turns` */
} slab_lane;

typedef struct surface_lab {
    nn_surf_run_desc base;         /* surface, start, noise, seed, decay (opt and lr per lane) */
    int       network;             /* 1: base.surf is the network slice (surface.fn = network) */
    slab_lane lane[SLAB_LANES];
    int       steps;               /* updates taken by every shown lane */
    float     view[4];             /* the box to draw: xmin, xmax, ymin, ymax */
    char      error[256];          /* why the last setting or restart failed ("" if fine) */
    /* The network slice's provider (see above): NN_OK with *surf and view
     * filled, or an error with nn_last_error() saying why (no network yet). */
    int     (*network_slice)(void *user, nn_surface *surf, float view[4]);
    void     *network_user;
} surface_lab;

/* A setting's name and its one-line help (the lesson vocabulary and tooltips). */
typedef lab_setting slab_setting;
const slab_setting *slab_settings(int *n);

int  slab_init(surface_lab *L, nn_surf_kind k);
void slab_free(surface_lab *L);
/* Back to what slab_init(L, k) gives (every lane shown, k's defaults, at the
 * start), keeping the network provider and the traces' memory. */
int  slab_reset(surface_lab *L, nn_surf_kind k);
/* The telling defaults of surface k: start, and each optimizer's rate and betas. */
void slab_defaults(surface_lab *L, nn_surf_kind k);
/* NN_OK, or NN_ERR_ARG with nn_last_error() naming the setting and the value
 * (also in L->error). A refused value changes nothing. */
int  slab_set(surface_lab *L, const char *name, const char *value);
/* The same check without a lab (a lesson's parser): NN_OK or NN_ERR_ARG with
 * the message slab_set would give. surface.fn = network passes here. */
int  slab_check(const char *name, const char *value);
/* 1 if name is a metric name of a lane ("dist"), else 0. */
int  slab_metric_known(const char *name);
/* Every lane back to the start (after a setting, or the Reset button). */
int  slab_restart(surface_lab *L);
/* n updates of every shown lane (a diverged lane stays where it stopped). */
int  slab_step(surface_lab *L, int n);
/* A lane's metric (names above): NN_OK, or NN_ERR_ARG for an unknown name or lane. */
int  slab_metric(const surface_lab *L, int lane, const char *name, double *out);

#endif
