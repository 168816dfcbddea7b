/* app/labs/surface_lab.c - optimizers racing down a 2-D surface (see surface_lab.h).
 *
 * Every lane is an nn_surf_walk of the engine: this file only keeps the
 * settings, the traces and the metrics. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "labs/surface_lab.h"
#include "nn/config.h"
#include "nn/parse.h"
#include "nn/status.h"

/* ---- telling defaults --------------------------------------------------------
 *
 * Per surface: each optimizer's rate (betas: the engine's defaults, 0.9 and
 * 0.999, unless a row says otherwise), chosen with
 *   nnlab-train surface --fn F --opt O --lr X --steps N --csv FILE
 * so that each does its characteristic thing from the table's start. Measured
 * (end point after N updates; "reached" = first update within 0.05 of a
 * minimum; "turns" = steps that turned back against the previous one):
 *
 * bowl (c = 10) from (-4.5, 1.5), N = 300
 *   sgd      0.19   zig-zags across the narrow axis at every step (turns 299), reached 33
 *   momentum 0.3    the zig-zag damped (turns 8), reached 47
 *   rmsprop  0.05   both axes at the same pace (a diagonal), then hovers: reached 110, turns 184
 *   adam     0.1    smooth (turns 0), reached 69
 *   adagrad  0.9    slows as its sums grow, reached 38
 * rosenbrock from (-1.5, 2), N = 1000 (the valley is long: 300 shows the start of the story)
 *   sgd      0.001  into the valley, then crawls: x = -0.66 after 1000
 *   momentum 0.004  follows the valley further: (0.88, 0.77), dist 0.26
 *   rmsprop  0.01   even-sized steps rattling along the valley (turns 881): (0.81, 0.65)
 *   adam     0.1    reached (1, 1) at 677
 *   adagrad  1      slows down as its sums grow: (0.02, 0.00)
 * beale from (1, 1.5), N = 300
 *   sgd 0.01 stops 0.2 short; momentum 0.05 overshoots, reached 40; rmsprop 0.05
 *   hovers 0.055 away (turns 201); adam 0.1 0.06 away; adagrad 0.5 0.19 away
 * saddle from (-1.8, 0.001), just off the ridge, N = 300
 *   sgd 0.01 and momentum 0.01 slide to the saddle point and sit there (f -0.14, -0.02);
 *   rmsprop 0.01 (f -11.5), adam 0.01 (f -22), adagrad 0.1 (f -23) scale the tiny
 *   downhill gradient up and leave
 * himmelblau from (0, 0), N = 300
 *   sgd 0.01 to (3, 2) at 15; momentum 0.05 carried to another minimum, (3.58, -1.85);
 *   rmsprop 0.05 (3, 2) at 62; adam 0.1 (3, 2) at 44; adagrad 0.5 (3, 2) at 22
 * camel from (-1.5, 1), N = 300
 *   every one falls into the local minimum (-1.70, 0.80), f = -0.2155 (the global
 *   ones have f = -1.03): sgd 0.01 at 10, momentum 0.05 at 14, rmsprop 0.01 at 15,
 *   adam 0.05 at 4, adagrad 0.1 at 3
 * plateau from (-3.5, 2.5), N = 300
 *   sgd 0.5 and momentum 0.5 hardly move (dist 4.23 of 4.30); rmsprop 0.05 reached 46
 *   (then hovers); adam 0.05 reached 57; adagrad 0.5 reached 13 */
typedef struct lane_default { float lr, beta, beta2; } lane_default;

typedef struct surf_default {
    lane_default lane[SLAB_LANES];      /* sgd, momentum, rmsprop, adam, adagrad */
} surf_default;

/* beta 0 = the engine's default. */
static const surf_default DEFAULTS[NN_SURF_COUNT] = {
    [NN_SURF_BOWL] = { { { 0.19f, 0, 0 }, { 0.3f, 0, 0 }, { 0.05f, 0, 0 }, { 0.1f, 0, 0 }, { 0.9f, 0, 0 } } },
    [NN_SURF_ROSENBROCK] = { { { 0.001f, 0, 0 }, { 0.004f, 0, 0 }, { 0.01f, 0, 0 }, { 0.1f, 0, 0 }, { 1.0f, 0, 0 } } },
    [NN_SURF_BEALE] = { { { 0.01f, 0, 0 }, { 0.05f, 0, 0 }, { 0.05f, 0, 0 }, { 0.1f, 0, 0 }, { 0.5f, 0, 0 } } },
    [NN_SURF_SADDLE] = { { { 0.01f, 0, 0 }, { 0.01f, 0, 0 }, { 0.01f, 0, 0 }, { 0.01f, 0, 0 }, { 0.1f, 0, 0 } } },
    [NN_SURF_HIMMELBLAU] = { { { 0.01f, 0, 0 }, { 0.05f, 0, 0 }, { 0.05f, 0, 0 }, { 0.1f, 0, 0 }, { 0.5f, 0, 0 } } },
    [NN_SURF_CAMEL] = { { { 0.01f, 0, 0 }, { 0.05f, 0, 0 }, { 0.01f, 0, 0 }, { 0.05f, 0, 0 }, { 0.1f, 0, 0 } } },
    [NN_SURF_PLATEAU] = { { { 0.5f, 0, 0 }, { 0.5f, 0, 0 }, { 0.05f, 0, 0 }, { 0.05f, 0, 0 }, { 0.5f, 0, 0 } } },
};

/* A network slice: the slice's scale is the network's, unknown in advance;
 * these keep every optimizer inside the [-1, 1] box for a few hundred updates. */
static const surf_default NETWORK_DEFAULT = {
    { { 0.05f, 0, 0 }, { 0.05f, 0, 0 }, { 0.005f, 0, 0 }, { 0.005f, 0, 0 }, { 0.05f, 0, 0 } } };
static const float NETWORK_START[2] = { -0.8f, 0.6f };

/* ---- settings --------------------------------------------------------------- */

static const slab_setting SETTINGS[] = {
    { "surface.fn", "The surface: bowl, rosenbrock, beale, saddle, himmelblau, camel, plateau or network." },
    { "surface.start", "The start point X,Y of every path." },
    { "surface.cond", "The bowl's condition number (1 = round, 10 = elongated)." },
    { "surface.noise", "Gradient noise: the std added to each gradient component, like mini-batches." },
    { "surface.seed", "The seed of the gradient noise." },
    { "surface.decay", "Learning-rate decay per update: none, inverse, exp, sqrt or step." },
    { "surface.decay-rate", "k of the decay (each update counts as an epoch: try 0.01)." },
    { "surface.bias-correction", "Adam's bias correction: on or off." },
    { "surface.show", "Which optimizers run, e.g. sgd,momentum,adam (or all)." },
    { "surface.sgd.lr", "SGD's learning rate." },
    { "surface.momentum.lr", "Momentum's learning rate." },
    { "surface.momentum.beta", "Momentum's beta: how much of the velocity is kept, in [0, 1)." },
    { "surface.rmsprop.lr", "RMSprop's learning rate." },
    { "surface.rmsprop.beta", "RMSprop's beta: the average of squared gradients, in [0, 1)." },
    { "surface.adam.lr", "Adam's learning rate." },
    { "surface.adam.beta", "Adam's beta1 (the velocity), in [0, 1)." },
    { "surface.adam.beta2", "Adam's beta2 (the squared gradients), in [0, 1)." },
    { "surface.adagrad.lr", "AdaGrad's learning rate." },
};
enum { N_SETTINGS = (int)(sizeof SETTINGS / sizeof SETTINGS[0]) };

const slab_setting *slab_settings(int *n)
{
    *n = N_SETTINGS;
    return SETTINGS;
}

static const char *const METRICS[] = { "f", "x", "y", "dist", "reached", "updates", "diverged", "turns",
                                       "length" };

int slab_metric_known(const char *name)
{
    for (size_t i = 0; i < sizeof METRICS / sizeof METRICS[0]; i++)
        if (strcmp(name, METRICS[i]) == 0) return 1;
    return 0;
}

/* surface.fn's choices: the table's surfaces, then "network". */
static const char *fn_name(int i) { return i == NN_SURF_COUNT ? "network" : nn_surf_name((nn_surf_kind)i); }
static const char *decay_name(int i) { return nn_decay_name((nn_decay)i); }
static const char *onoff_name(int i) { return i ? "on" : "off"; }

/* A parsed setting, ready to apply. */
typedef struct parsed {
    enum { P_FN, P_START, P_COND, P_NOISE, P_SEED, P_DECAY, P_DECAY_RATE, P_BIAS, P_SHOW,
           P_LR, P_BETA, P_BETA2 } what;
    int    i;                /* choice, lane, or the shown-lanes mask */
    double x[2];
} parsed;

static int refuse(const char *name, const char *value, const char *what)
{
    return nn_set_error(NN_ERR_ARG, "%s expects %s, got '%s'", name, what, value);
}

static int parse_beta(const char *name, const char *value, double *out)
{
    if (nn_parse_float(name, value, 0.0, 1.0, out) || *out >= 1.0)
        return refuse(name, value, "a number in [0, 1)");
    return NN_OK;
}

/* The lanes named in "sgd,momentum,adam" (or "all") as a bit mask. */
static int parse_show(const char *name, const char *value, int *mask)
{
    if (strcmp(value, "all") == 0) { *mask = (1 << SLAB_LANES) - 1; return NN_OK; }
    *mask = 0;
    char buf[128];
    if (snprintf(buf, sizeof buf, "%s", value) >= (int)sizeof buf || !*buf)
        return refuse(name, value, "optimizers from sgd, momentum, rmsprop, adam, adagrad, e.g. sgd,adam");
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        const int k = nn_optim_from_name(tok);
        if (k < 0)
            return nn_set_error(NN_ERR_ARG, "%s: unknown optimizer '%s' in '%s' (sgd, momentum, rmsprop, "
                                "adam, adagrad, or all)", name, tok, value);
        *mask |= 1 << k;
    }
    if (value[strlen(value) - 1] == ',' || strstr(value, ",,") || value[0] == ',')
        return nn_set_error(NN_ERR_ARG, "%s has an empty item in '%s'", name, value);
    return NN_OK;
}

/* The lane of "surface.<opt>.<param>" and its parameter, or -1. */
static int lane_param(const char *name, const char **param)
{
    if (strncmp(name, "surface.", 8) != 0) return -1;
    const char *opt = name + 8, *dot = strchr(opt, '.');
    if (!dot || (size_t)(dot - opt) >= 16) return -1;
    char buf[16];
    memcpy(buf, opt, (size_t)(dot - opt));
    buf[dot - opt] = '\0';
    *param = dot + 1;
    return nn_optim_from_name(buf);
}

static int parse_setting(const char *name, const char *value, parsed *p)
{
    long n;
    int k, cnt;
    float xy[2];
    if (!name || !value) return nn_set_error(NN_ERR_ARG, "a lab setting needs a name and a value");
    if (strcmp(name, "surface.fn") == 0) {
        p->what = P_FN;
        return nn_parse_choice(name, value, fn_name, NN_SURF_COUNT + 1, &p->i);
    }
    if (strcmp(name, "surface.start") == 0) {
        p->what = P_START;
        if (nn_parse_float_list(name, value, -NN_SURF_DIVERGE_ABS, NN_SURF_DIVERGE_ABS, 2, xy, &cnt) || cnt != 2)
            return refuse(name, value, "two numbers X,Y, each from -1e6 to 1e6");
        p->x[0] = xy[0];
        p->x[1] = xy[1];
        return NN_OK;
    }
    if (strcmp(name, "surface.cond") == 0) {
        p->what = P_COND;
        return nn_parse_float(name, value, 1.0, 1e6, &p->x[0]);
    }
    if (strcmp(name, "surface.noise") == 0) {
        p->what = P_NOISE;
        return nn_parse_float(name, value, 0.0, 1e6, &p->x[0]);
    }
    if (strcmp(name, "surface.seed") == 0) {
        p->what = P_SEED;
        if (nn_parse_int(name, value, 0, 2147483647L, &n)) return NN_ERR_ARG;
        p->x[0] = (double)n;
        return NN_OK;
    }
    if (strcmp(name, "surface.decay") == 0) {
        p->what = P_DECAY;
        return nn_parse_choice(name, value, decay_name, NN_DECAY_COUNT, &p->i);
    }
    if (strcmp(name, "surface.decay-rate") == 0) {
        p->what = P_DECAY_RATE;
        return nn_parse_float(name, value, 0.0, 1e6, &p->x[0]);
    }
    if (strcmp(name, "surface.bias-correction") == 0) {
        p->what = P_BIAS;
        return nn_parse_choice(name, value, onoff_name, 2, &p->i);
    }
    if (strcmp(name, "surface.show") == 0) {
        p->what = P_SHOW;
        return parse_show(name, value, &p->i);
    }
    const char *param = NULL;
    if ((k = lane_param(name, &param)) >= 0) {
        p->i = k;
        if (strcmp(param, "lr") == 0) {
            p->what = P_LR;
            return nn_parse_float(name, value, 0.0, 1e6, &p->x[0]);
        }
        if (strcmp(param, "beta") == 0 && (k == NN_OPT_MOMENTUM || k == NN_OPT_RMSPROP || k == NN_OPT_ADAM)) {
            p->what = P_BETA;
            return parse_beta(name, value, &p->x[0]);
        }
        if (strcmp(param, "beta2") == 0 && k == NN_OPT_ADAM) {
            p->what = P_BETA2;
            return parse_beta(name, value, &p->x[0]);
        }
    }
    return lab_unknown_setting(name, SETTINGS, N_SETTINGS);
}

int slab_check(const char *name, const char *value)
{
    parsed p;
    return parse_setting(name, value, &p);
}

/* ---- lanes -------------------------------------------------------------------- */

static void lane_defaults(slab_lane *ln, nn_optim_kind k, const lane_default *d)
{
    ln->opt = nn_optim_desc_default(k);
    if (d->beta > 0) ln->opt.beta = d->beta;
    if (d->beta2 > 0) ln->opt.beta2 = d->beta2;
    ln->lr = d->lr;
}

/* Rates and betas of every lane from sd; the rest of the run from surface k's row. */
static void apply_defaults(surface_lab *L, nn_surf_kind k, const surf_default *sd)
{
    L->base = nn_surf_run_default(k);
    L->base.sched.rate = 0.01f;    /* per update: 1 (the schedule's default) would stop a path at once */
    memcpy(L->view, nn_surf_info_get(k)->view, sizeof L->view);
    for (int i = 0; i < SLAB_LANES; i++) lane_defaults(&L->lane[i], (nn_optim_kind)i, &sd->lane[i]);
}

void slab_defaults(surface_lab *L, nn_surf_kind k)
{
    if ((unsigned)k >= NN_SURF_COUNT) return;
    L->network = 0;
    apply_defaults(L, k, &DEFAULTS[k]);
}

/* The network slice surf (view box view) with its own defaults. */
static void network_defaults(surface_lab *L, const nn_surface *surf, const float view[4])
{
    apply_defaults(L, NN_SURF_BOWL, &NETWORK_DEFAULT);
    L->base.surf = *surf;
    L->base.start[0] = NETWORK_START[0];
    L->base.start[1] = NETWORK_START[1];
    memcpy(L->view, view, sizeof L->view);
    L->network = 1;
}

/* Append the walk's current point to the trace, thinning 2:1 when full: the
 * trace holds step 0, every stride-th update, and the current point last. */
static void trace_push(slab_lane *ln)
{
    const nn_surf_sample *p = &ln->walk.cur;
    if (ln->n_trace > 1 && ln->trace[ln->n_trace - 1].step % ln->stride != 0) {
        ln->trace[ln->n_trace - 1] = *p;          /* the last point was a tail: replace it */
        return;
    }
    if (ln->n_trace == SLAB_TRACE_MAX) {
        int m = 0;
        for (int i = 0; i < ln->n_trace; i += 2) ln->trace[m++] = ln->trace[i];
        ln->n_trace = m;
        ln->stride *= 2;
    }
    ln->trace[ln->n_trace++] = *p;
}

static double lane_dist(const surface_lab *L, const slab_lane *ln)
{
    if (L->network) return INFINITY;
    const nn_surf_info *info = nn_surf_info_get(L->base.surf.kind);
    double best = INFINITY;
    for (int i = 0; info && i < info->n_points; i++) {
        if (info->points[i].kind == NN_SURF_SADDLE_POINT) continue;
        const double d = hypot(ln->walk.cur.x - info->points[i].x, ln->walk.cur.y - info->points[i].y);
        if (d < best) best = d;
    }
    return best;
}

static void lane_free(slab_lane *ln)
{
    nn_surf_walk_free(&ln->walk);
    memset(&ln->walk, 0, sizeof ln->walk);
}

int slab_restart(surface_lab *L)
{
    for (int i = 0; i < SLAB_LANES; i++) {
        slab_lane *ln = &L->lane[i];
        lane_free(ln);
        if (!ln->trace && !(ln->trace = malloc(sizeof *ln->trace * SLAB_TRACE_MAX))) {
            snprintf(L->error, sizeof L->error, "out of memory");
            return nn_set_error(NN_ERR_NOMEM, "surface lab: out of memory");
        }
        nn_surf_run_desc d = L->base;
        ln->opt.kind = (nn_optim_kind)i;
        d.opt = ln->opt;
        d.lr = ln->lr;
        if (nn_surf_walk_init(&ln->walk, &d) != NN_OK) {
            snprintf(L->error, sizeof L->error, "%s: %s", nn_optim_name((nn_optim_kind)i), nn_last_error());
            return nn_set_error(NN_ERR_ARG, "%s", L->error);
        }
        ln->trace[0] = ln->walk.cur;
        ln->n_trace = 1;
        ln->stride = 1;
        ln->reached = ln->diverged_at = ln->turns = 0;
        ln->length = 0;
        ln->prev_step[0] = ln->prev_step[1] = 0;
        ln->last_step = ln->walk.cur;
    }
    L->steps = 0;
    L->error[0] = '\0';
    return NN_OK;
}

int slab_init(surface_lab *L, nn_surf_kind k)
{
    memset(L, 0, sizeof *L);
    if ((unsigned)k >= NN_SURF_COUNT) return nn_set_error(NN_ERR_ARG, "surface lab: unknown surface %d", (int)k);
    for (int i = 0; i < SLAB_LANES; i++) L->lane[i].shown = 1;
    slab_defaults(L, k);
    int rc = slab_restart(L);
    if (rc) slab_free(L);
    return rc;
}

int slab_reset(surface_lab *L, nn_surf_kind k)
{
    if ((unsigned)k >= NN_SURF_COUNT) return nn_set_error(NN_ERR_ARG, "surface lab: unknown surface %d", (int)k);
    for (int i = 0; i < SLAB_LANES; i++) L->lane[i].shown = 1;
    slab_defaults(L, k);
    return slab_restart(L);
}

void slab_free(surface_lab *L)
{
    for (int i = 0; i < SLAB_LANES; i++) {
        lane_free(&L->lane[i]);
        free(L->lane[i].trace);
        L->lane[i].trace = NULL;
        L->lane[i].n_trace = 0;
    }
}

/* What slab_set may change, to put back when a restart refuses it. */
typedef struct saved {
    nn_surf_run_desc base;
    int network;
    float view[4];
    int shown[SLAB_LANES];
    nn_optim_desc opt[SLAB_LANES];
    float lr[SLAB_LANES];
} saved;

static void save(const surface_lab *L, saved *s)
{
    s->base = L->base;
    s->network = L->network;
    memcpy(s->view, L->view, sizeof s->view);
    for (int i = 0; i < SLAB_LANES; i++) {
        s->shown[i] = L->lane[i].shown;
        s->opt[i] = L->lane[i].opt;
        s->lr[i] = L->lane[i].lr;
    }
}

static void restore(surface_lab *L, const saved *s)
{
    L->base = s->base;
    L->network = s->network;
    memcpy(L->view, s->view, sizeof L->view);
    for (int i = 0; i < SLAB_LANES; i++) {
        L->lane[i].shown = s->shown[i];
        L->lane[i].opt = s->opt[i];
        L->lane[i].lr = s->lr[i];
    }
}

static int set_failed(surface_lab *L)
{
    snprintf(L->error, sizeof L->error, "%s", nn_last_error());
    return NN_ERR_ARG;
}

int slab_set(surface_lab *L, const char *name, const char *value)
{
    parsed p;
    if (parse_setting(name, value, &p)) return set_failed(L);
    saved s;
    save(L, &s);
    switch (p.what) {
    case P_FN:
        if (p.i == NN_SURF_COUNT) {
            nn_surface surf;
            float view[4];
            if (!L->network_slice)
                return nn_set_error(NN_ERR_ARG, "surface.fn = network: no network to slice here "
                                    "(the Playground's network is sliced in the program, not here)"),
                       set_failed(L);
            if (L->network_slice(L->network_user, &surf, view) != NN_OK) {
                char why[200];
                snprintf(why, sizeof why, "%s", nn_last_error());
                nn_set_error(NN_ERR_ARG, "surface.fn = network: %s", why);
                return set_failed(L);
            }
            network_defaults(L, &surf, view);
        } else {
            const float cond = L->base.surf.cond;
            slab_defaults(L, (nn_surf_kind)p.i);
            if (!s.network) L->base.surf.cond = cond;   /* the bowl's shape outlives a visit elsewhere */
        }
        break;
    case P_START: L->base.start[0] = (float)p.x[0]; L->base.start[1] = (float)p.x[1]; break;
    case P_COND: L->base.surf.cond = (float)p.x[0]; break;
    case P_NOISE: L->base.grad_noise = (float)p.x[0]; break;
    case P_SEED: L->base.seed = (uint64_t)p.x[0]; break;
    case P_DECAY: {
        const float rate = L->base.sched.rate;
        L->base.sched = nn_schedule_default((nn_decay)p.i);
        L->base.sched.rate = rate;
        break;
    }
    case P_DECAY_RATE: L->base.sched.rate = (float)p.x[0]; break;
    case P_BIAS: L->lane[NN_OPT_ADAM].opt.bias_correction = p.i; break;
    case P_SHOW:
        for (int i = 0; i < SLAB_LANES; i++) L->lane[i].shown = (p.i >> i) & 1;
        L->error[0] = '\0';
        return NN_OK;                              /* no restart: a lane shown later catches up */
    case P_LR: L->lane[p.i].lr = (float)p.x[0]; break;
    case P_BETA: L->lane[p.i].opt.beta = (float)p.x[0]; break;
    case P_BETA2: L->lane[p.i].opt.beta2 = (float)p.x[0]; break;
    }
    if (slab_restart(L) != NN_OK) {
        char why[256];
        snprintf(why, sizeof why, "%s = %s: %s", name, value, nn_last_error());
        restore(L, &s);
        slab_restart(L);
        nn_set_error(NN_ERR_ARG, "%s", why);
        return set_failed(L);
    }
    return NN_OK;
}

/* One update of a lane; 0, or 1 once it has diverged. */
static int lane_step(const surface_lab *L, slab_lane *ln)
{
    if (ln->diverged_at) return 1;
    const nn_surf_sample before = ln->walk.cur;
    if (nn_surf_walk_step(&ln->walk) != NN_OK) {
        ln->diverged_at = ln->walk.diverged_at;
        return 1;
    }
    ln->last_step = before;
    const float dx = ln->walk.cur.x - before.x, dy = ln->walk.cur.y - before.y;
    if ((double)dx * ln->prev_step[0] + (double)dy * ln->prev_step[1] < 0) ln->turns++;
    ln->length += hypot(dx, dy);
    ln->prev_step[0] = dx;
    ln->prev_step[1] = dy;
    trace_push(ln);
    if (!ln->reached && lane_dist(L, ln) <= SLAB_REACH_RADIUS) ln->reached = ln->walk.step;
    return 0;
}

int slab_step(surface_lab *L, int n)
{
    if (n < 0) return nn_set_error(NN_ERR_ARG, "surface lab: cannot take %d updates", n);
    const int target = L->steps + n;
    for (int i = 0; i < SLAB_LANES; i++) {
        slab_lane *ln = &L->lane[i];
        if (!ln->shown || !ln->walk.opt) continue;
        while (ln->walk.step < target && !lane_step(L, ln)) {}
    }
    L->steps = target;
    return NN_OK;
}

int slab_metric(const surface_lab *L, int lane, const char *name, double *out)
{
    if (lane < 0 || lane >= SLAB_LANES)
        return nn_set_error(NN_ERR_ARG, "surface lab: no optimizer %d", lane);
    const slab_lane *ln = &L->lane[lane];
    const nn_surf_sample *c = &ln->walk.cur;
    if (strcmp(name, "f") == 0) *out = c->f;
    else if (strcmp(name, "x") == 0) *out = c->x;
    else if (strcmp(name, "y") == 0) *out = c->y;
    else if (strcmp(name, "dist") == 0) *out = lane_dist(L, ln);
    else if (strcmp(name, "reached") == 0) *out = ln->reached ? ln->reached : INFINITY;
    else if (strcmp(name, "updates") == 0) *out = ln->walk.step;
    else if (strcmp(name, "diverged") == 0) *out = ln->diverged_at != 0;
    else if (strcmp(name, "turns") == 0) *out = ln->turns;
    else if (strcmp(name, "length") == 0) *out = ln->length;
    else return nn_set_error(NN_ERR_ARG, "unknown optimizer metric '%s' (f, x, y, dist, reached, updates, "
                             "diverged, turns, length)", name);
    return NN_OK;
}
