/* nn/surface.h - 2-D loss surfaces with analytic gradients, and optimizer
 * trajectories on them.
 *
 * A point (x, y) is moved by the same nn_optim code that moves a network's
 * parameters, so what a learner sees here is what happens to the weights:
 *
 *   bowl        f = (x^2 + c y^2) / 2            one minimum (0, 0); c = condition number,
 *                                                the picture of unnormalised inputs
 *   rosenbrock  f = (1 - x)^2 + 100 (y - x^2)^2  a long curved valley; minimum (1, 1)
 *   beale       f = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2
 *                                                flat arms, steep walls; minimum (3, 0.5)
 *   saddle      f = x^2 - y^2                    a saddle point at (0, 0); no minimum
 *   himmelblau  f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2   four global minima, all f = 0
 *   camel       f = (4 - 2.1 x^2 + x^4 / 3) x^2 + x y + (4 y^2 - 4) y^2
 *                                                six-hump camel: two global, four local minima
 *   plateau     f = 1 - exp(-(x^2 + y^2) / 2)    a round well in a flat mesa: far from the
 *                                                origin the gradient is almost zero
 *
 *     nn_surf_run_desc d = nn_surf_run_default(NN_SURF_ROSENBROCK);
 *     d.opt = nn_optim_desc_default(NN_OPT_ADAM);
 *     d.lr = 0.05f;
 *     nn_surf_walk w;
 *     if (nn_surf_walk_init(&w, &d)) fail(nn_last_error());
 *     for (int k = 0; k < 500; k++)
 *         if (nn_surf_walk_step(&w)) break;          // NN_ERR_DIVERGED: w.diverged_at says when
 *     // w.cur is the point after w.step updates; w.opt->v, w.opt->s the optimizer's state
 *     nn_surf_walk_free(&w);
 *
 * Learning-rate decay: update k (k = 1, 2, ...) uses nn_schedule_lr(sched, lr, k - 1),
 * i.e. each update counts as one "epoch" of the schedule, so the first update
 * uses the base rate. Use small decay rates (e.g. inverse with k = 0.01).
 *
 * Gradient noise (imitating mini-batch noise): each update adds S * N(0, 1)
 * to each gradient component, drawn from nn_rng seeded with (seed, NN_STREAM_NOISE).
 * The recorded gx, gy are always the exact gradient at the recorded point.
 *
 * Divergence: a run stops when x or y becomes non-finite or |x|, |y| > NN_SURF_DIVERGE_ABS,
 * or the gradient no longer fits in a float; the step that did it is reported.
 *
 * A surface may instead be backed by a function (nn_surface.fn, e.g. a
 * network's loss along two directions, nn/slice.h): nn_surf_eval calls it,
 * nn_surf_grid samples it and walks run on it exactly as on a table surface.
 * Its kind and cond are then ignored, and the table (nn_surf_info_get,
 * nn_surf_name) knows nothing about it: no known minima or saddle points,
 * no suggested view or start; the function's owner supplies those.
 *
 * Ownership: a walk owns its optimizer (nn_surf_walk_free). Thread-safety:
 * the tables are constant; walks are independent, except that walks on one
 * function surface share its `user` state (one thread for all of them).
 */
#ifndef NN_SURFACE_H
#define NN_SURFACE_H

#include <stdint.h>

#include "optim.h"
#include "rng.h"
#include "schedule.h"

typedef enum nn_surf_kind {
    NN_SURF_BOWL, NN_SURF_ROSENBROCK, NN_SURF_BEALE, NN_SURF_SADDLE, NN_SURF_HIMMELBLAU,
    NN_SURF_CAMEL, NN_SURF_PLATEAU, NN_SURF_COUNT
} nn_surf_kind;

#define NN_SURF_MAX_POINTS   6
#define NN_SURF_DIVERGE_ABS  1e6
#define NN_SURF_COND_DEFAULT 10.0f

typedef enum nn_surf_point_kind { NN_SURF_GLOBAL_MIN, NN_SURF_LOCAL_MIN, NN_SURF_SADDLE_POINT } nn_surf_point_kind;

/* A known stationary point (gradient zero there). */
typedef struct nn_surf_point {
    double x, y, f;
    nn_surf_point_kind kind;
} nn_surf_point;

/* One row of the table of surfaces. */
typedef struct nn_surf_info {
    const char *name;            /* "rosenbrock": CLI and lesson name */
    const char *blurb;           /* one sentence for a tooltip */
    float view[4];               /* suggested view box: xmin, xmax, ymin, ymax */
    float start[2];              /* default start point */
    int   n_points;
    nn_surf_point points[NN_SURF_MAX_POINTS];  /* minima (and the saddle's saddle point) */
} nn_surf_info;

/* f(x, y) of a function surface; writes the gradient to *gx, *gy unless they
 * are NULL (a caller that wants only f passes NULL, so it may skip that work). */
typedef double (*nn_surf_fn)(void *user, double x, double y, double *gx, double *gy);

/* A surface instance: its kind and, for the bowl, the condition number c >= 1;
 * or, when fn is not NULL, the function fn(user, ...) (kind and cond ignored). */
typedef struct nn_surface {
    nn_surf_kind kind;
    float cond;                  /* bowl only (default NN_SURF_COND_DEFAULT) */
    nn_surf_fn fn;               /* NULL: the table surface `kind` */
    void      *user;             /* passed to fn; borrowed */
} nn_surface;

const char *nn_surf_name(nn_surf_kind k);           /* "bowl"; "?" if out of range */
int         nn_surf_from_name(const char *name);    /* -1 if unknown */
/* The table row for k (NULL if out of range). A function surface has no row. */
const nn_surf_info *nn_surf_info_get(nn_surf_kind k);
nn_surface  nn_surface_default(nn_surf_kind k);

/* f(x, y); writes the gradient to *gx, *gy when they are not NULL. Evaluated in
 * double. A function surface: whatever s->fn returns (gx, gy passed through). */
double nn_surf_eval(const nn_surface *s, double x, double y, double *gx, double *gy);

/* Sample f on an nx x ny grid over [x0, x1] x [y0, y1] (both ends included)
 * into out (ny, nx), row-major, row 0 at y0, column 0 at x0; for heatmaps and
 * contours. NN_ERR_ARG if nx or ny < 2 or the box is empty. */
int nn_surf_grid(const nn_surface *s, float x0, float x1, float y0, float y1,
                 int nx, int ny, float *out);

/* Everything a trajectory depends on. */
typedef struct nn_surf_run_desc {
    nn_surface    surf;
    nn_optim_desc opt;
    float         lr;            /* base learning rate (default 0.01) */
    nn_schedule   sched;         /* per update, see above (default none) */
    float         start[2];      /* default: the table's start */
    float         grad_noise;    /* std of the added gradient noise (default 0) */
    uint64_t      seed;          /* noise seed (default 1) */
} nn_surf_run_desc;

/* One recorded point: where the walk is after `step` updates. */
typedef struct nn_surf_sample {
    int    step;
    float  x, y;                 /* the parameters the optimizer moves */
    double f, gx, gy;            /* f and its exact gradient there */
    float  lr;                   /* rate used by the update that led here (0 for step 0) */
} nn_surf_sample;

/* A walk in progress; fields are readable by views. */
typedef struct nn_surf_walk {
    nn_surf_run_desc d;
    nn_optim      *opt;          /* owned; opt->v, opt->s, opt->t are the optimizer state */
    nn_rng         rng;          /* noise generator */
    float          w[2];         /* current x, y */
    nn_surf_sample cur;          /* the current point */
    int            step;         /* updates taken */
    int            diverged_at;  /* update number that diverged, 0 if none */
} nn_surf_walk;

/* SGD at lr 0.01 from the table's start, no decay, no noise. */
nn_surf_run_desc nn_surf_run_default(nn_surf_kind k);

/* Validate d, create the optimizer and evaluate the start point (w->cur, step 0).
 * NN_ERR_ARG (bad surface, rate, noise or start) or NN_ERR_NOMEM; on error
 * nothing needs freeing. */
int  nn_surf_walk_init(nn_surf_walk *w, const nn_surf_run_desc *d);
/* One update. NN_OK, or NN_ERR_DIVERGED with w->diverged_at set and a message
 * naming the step; w->cur keeps the last good point and later calls keep
 * returning NN_ERR_DIVERGED. */
int  nn_surf_walk_step(nn_surf_walk *w);
void nn_surf_walk_free(nn_surf_walk *w);

/* A whole run: out (steps + 1) receives row 0 = the start and row k = the
 * point after k updates; *n_out = rows written. On divergence returns
 * NN_ERR_DIVERGED with the rows before it written. */
int  nn_surf_trajectory(const nn_surf_run_desc *d, int steps, nn_surf_sample *out, int *n_out);

#endif
