/* surface.c - 2-D test functions and optimizer walks on them (see nn/surface.h). */
#include <float.h>
#include <math.h>
#include <string.h>

#include "nn/status.h"
#include "nn/surface.h"

/* ---- the functions: f(x, y) and its gradient, in double ------------------- */

/* f = (x^2 + c y^2) / 2;  df/dx = x,  df/dy = c y */
static double bowl(double x, double y, double c, double *gx, double *gy)
{
    *gx = x;
    *gy = c * y;
    return 0.5 * (x * x + c * y * y);
}

/* f = (1-x)^2 + 100 (y-x^2)^2;  df/dx = -2(1-x) - 400 x (y-x^2),  df/dy = 200 (y-x^2) */
static double rosenbrock(double x, double y, double c, double *gx, double *gy)
{
    (void)c;
    const double a = 1.0 - x, b = y - x * x;
    *gx = -2.0 * a - 400.0 * x * b;
    *gy = 200.0 * b;
    return a * a + 100.0 * b * b;
}

/* f = t1^2 + t2^2 + t3^2 with t_k = r_k - x + x y^k (r = 1.5, 2.25, 2.625);
 * df/dx = sum 2 t_k (y^k - 1),  df/dy = sum 2 t_k k x y^(k-1) */
static double beale(double x, double y, double c, double *gx, double *gy)
{
    (void)c;
    const double y2 = y * y, y3 = y2 * y;
    const double t1 = 1.5 - x + x * y, t2 = 2.25 - x + x * y2, t3 = 2.625 - x + x * y3;
    *gx = 2.0 * (t1 * (y - 1.0) + t2 * (y2 - 1.0) + t3 * (y3 - 1.0));
    *gy = 2.0 * x * (t1 + 2.0 * t2 * y + 3.0 * t3 * y2);
    return t1 * t1 + t2 * t2 + t3 * t3;
}

/* f = x^2 - y^2;  df/dx = 2x,  df/dy = -2y */
static double saddle(double x, double y, double c, double *gx, double *gy)
{
    (void)c;
    *gx = 2.0 * x;
    *gy = -2.0 * y;
    return x * x - y * y;
}

/* f = a^2 + b^2 with a = x^2 + y - 11, b = x + y^2 - 7;  df/dx = 4 x a + 2 b,  df/dy = 2 a + 4 y b */
static double himmelblau(double x, double y, double c, double *gx, double *gy)
{
    (void)c;
    const double a = x * x + y - 11.0, b = x + y * y - 7.0;
    *gx = 4.0 * x * a + 2.0 * b;
    *gy = 2.0 * a + 4.0 * y * b;
    return a * a + b * b;
}

/* f = 4x^2 - 2.1x^4 + x^6/3 + xy - 4y^2 + 4y^4;  df/dx = 8x - 8.4x^3 + 2x^5 + y,  df/dy = x - 8y + 16y^3 */
static double camel(double x, double y, double c, double *gx, double *gy)
{
    (void)c;
    const double x2 = x * x, y2 = y * y;
    *gx = 8.0 * x - 8.4 * x2 * x + 2.0 * x2 * x2 * x + y;
    *gy = x - 8.0 * y + 16.0 * y2 * y;
    return (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + x * y + (4.0 * y2 - 4.0) * y2;
}

/* f = 1 - e with e = exp(-(x^2 + y^2) / 2);  df/dx = x e,  df/dy = y e */
static double plateau(double x, double y, double c, double *gx, double *gy)
{
    (void)c;
    const double e = exp(-0.5 * (x * x + y * y));
    *gx = x * e;
    *gy = y * e;
    return 1.0 - e;
}

typedef double (*surf_fn)(double x, double y, double c, double *gx, double *gy);

static const surf_fn FNS[] = {
    [NN_SURF_BOWL] = bowl, [NN_SURF_ROSENBROCK] = rosenbrock, [NN_SURF_BEALE] = beale,
    [NN_SURF_SADDLE] = saddle, [NN_SURF_HIMMELBLAU] = himmelblau, [NN_SURF_CAMEL] = camel,
    [NN_SURF_PLATEAU] = plateau,
};
_Static_assert(sizeof FNS / sizeof FNS[0] == NN_SURF_COUNT, "add a row to FNS");

#define GMIN NN_SURF_GLOBAL_MIN
#define LMIN NN_SURF_LOCAL_MIN

/* Stationary points were refined by Newton's method to double precision. */
static const nn_surf_info INFO[] = {
    [NN_SURF_BOWL] = { "bowl",
        "An elongated bowl: inputs on different scales make long thin contours (condition number c).",
        { -5, 5, -3, 3 }, { -4.5f, 1.5f }, 1, { { 0, 0, 0, GMIN } } },
    [NN_SURF_ROSENBROCK] = { "rosenbrock",
        "A long, curved, nearly flat valley: easy to find, slow to follow to its minimum at (1, 1).",
        { -2, 2, -1, 3 }, { -1.5f, 2.0f }, 1, { { 1, 1, 0, GMIN } } },
    [NN_SURF_BEALE] = { "beale",
        "Flat arms between steep walls; the minimum (3, 0.5) lies at the end of a narrow arm.",
        { -4.5f, 4.5f, -4.5f, 4.5f }, { 1.0f, 1.5f }, 1, { { 3, 0.5, 0, GMIN } } },
    [NN_SURF_SADDLE] = { "saddle",
        "A saddle point at the origin: the gradient vanishes there, yet it is no minimum.",
        { -2, 2, -2, 2 }, { -1.8f, 0.001f }, 1, { { 0, 0, 0, NN_SURF_SADDLE_POINT } } },
    [NN_SURF_HIMMELBLAU] = { "himmelblau",
        "Four equally good minima: where you end up depends on where you start.",
        { -5, 5, -5, 5 }, { 0.0f, 0.0f }, 4,
        { { 3, 2, 0, GMIN },
          { -2.805118086952569, 3.1313125182504145, 0, GMIN },
          { -3.7793102533775667, -3.2831859912859627, 0, GMIN },
          { 3.584428340330336, -1.8481265269641145, 0, GMIN } } },
    [NN_SURF_CAMEL] = { "camel",
        "The six-hump camel: two global minima and four local ones that can trap a descent.",
        { -2, 2, -1.2f, 1.2f }, { -1.5f, 1.0f }, 6,
        { { 0.08984201310360579, -0.7126564030161785, -1.0316284534898772, GMIN },
          { -0.08984201310360579, 0.7126564030161785, -1.0316284534898772, GMIN },
          { 1.7036067149640806, -0.7960835686696873, -0.21546382438372014, LMIN },
          { -1.7036067149640806, 0.7960835686696873, -0.21546382438372014, LMIN },
          { 1.6071047529749898, 0.568651454878375, 2.104250310311259, LMIN },
          { -1.6071047529749898, -0.568651454878375, 2.104250310311259, LMIN } } },
    [NN_SURF_PLATEAU] = { "plateau",
        "A round well in a flat mesa: far away the gradient is almost zero and plain descent stalls.",
        { -5, 5, -5, 5 }, { -3.5f, 2.5f }, 1, { { 0, 0, 0, GMIN } } },
};
_Static_assert(sizeof INFO / sizeof INFO[0] == NN_SURF_COUNT, "add a row to INFO");

#undef GMIN
#undef LMIN

const char *nn_surf_name(nn_surf_kind k) { return (unsigned)k < NN_SURF_COUNT ? INFO[k].name : "?"; }

int nn_surf_from_name(const char *name)
{
    for (int i = 0; i < NN_SURF_COUNT; i++)
        if (strcmp(name, INFO[i].name) == 0) return i;
    return -1;
}

const nn_surf_info *nn_surf_info_get(nn_surf_kind k)
{
    return (unsigned)k < NN_SURF_COUNT ? &INFO[k] : NULL;
}

nn_surface nn_surface_default(nn_surf_kind k)
{
    return (nn_surface){ .kind = k, .cond = NN_SURF_COND_DEFAULT };
}

double nn_surf_eval(const nn_surface *s, double x, double y, double *gx, double *gy)
{
    if (s->fn) return s->fn(s->user, x, y, gx, gy);
    double dx, dy;
    if ((unsigned)s->kind >= NN_SURF_COUNT) {
        dx = dy = NAN;
        if (gx) *gx = dx;
        if (gy) *gy = dy;
        return NAN;
    }
    const double f = FNS[s->kind](x, y, (double)s->cond, &dx, &dy);
    if (gx) *gx = dx;
    if (gy) *gy = dy;
    return f;
}

/* Values beyond float's range become +-FLT_MAX (a double-to-float conversion
 * out of range is undefined behaviour); NaN stays NaN. */
static float to_float(double v)
{
    if (v > FLT_MAX) return FLT_MAX;
    if (v < -FLT_MAX) return -FLT_MAX;
    return (float)v;
}

int nn_surf_grid(const nn_surface *s, float x0, float x1, float y0, float y1,
                 int nx, int ny, float *out)
{
    if (!s->fn && (unsigned)s->kind >= NN_SURF_COUNT)
        return nn_set_error(NN_ERR_ARG, "surface grid: unknown surface %d", (int)s->kind);
    if (nx < 2 || ny < 2)
        return nn_set_error(NN_ERR_ARG, "surface grid: need at least 2 x 2 samples (got %d x %d)", nx, ny);
    if (!(x1 > x0) || !(y1 > y0) || !isfinite(x1 - x0) || !isfinite(y1 - y0))
        return nn_set_error(NN_ERR_ARG, "surface grid: empty box [%g, %g] x [%g, %g]",
                            (double)x0, (double)x1, (double)y0, (double)y1);
    const double dx = ((double)x1 - x0) / (nx - 1), dy = ((double)y1 - y0) / (ny - 1);
    for (int j = 0; j < ny; j++) {
        const double y = j == ny - 1 ? (double)y1 : y0 + dy * j;
        for (int i = 0; i < nx; i++) {
            const double x = i == nx - 1 ? (double)x1 : x0 + dx * i;
            out[(size_t)j * (size_t)nx + (size_t)i] = to_float(nn_surf_eval(s, x, y, NULL, NULL));
        }
    }
    return NN_OK;
}

/* ---- walks ------------------------------------------------------------------ */

nn_surf_run_desc nn_surf_run_default(nn_surf_kind k)
{
    nn_surf_run_desc d = {
        .surf = nn_surface_default(k), .opt = nn_optim_desc_default(NN_OPT_SGD), .lr = 0.01f,
        .sched = nn_schedule_default(NN_DECAY_NONE), .seed = 1,
    };
    const nn_surf_info *info = nn_surf_info_get(k);
    if (info) {
        d.start[0] = info->start[0];
        d.start[1] = info->start[1];
    }
    return d;
}

static int out_of_bounds(float x, float y)
{
    return !isfinite(x) || !isfinite(y) || fabsf(x) > NN_SURF_DIVERGE_ABS || fabsf(y) > NN_SURF_DIVERGE_ABS;
}

/* Evaluate at w->w into w->cur; 0, or 1 if f or the gradient is not usable. */
static int evaluate(nn_surf_walk *w, int step, float lr)
{
    double gx, gy;
    const double f = nn_surf_eval(&w->d.surf, w->w[0], w->w[1], &gx, &gy);
    if (!isfinite(f) || !(fabs(gx) <= FLT_MAX) || !(fabs(gy) <= FLT_MAX)) return 1;
    w->cur = (nn_surf_sample){ .step = step, .x = w->w[0], .y = w->w[1], .f = f, .gx = gx, .gy = gy,
                               .lr = lr };
    return 0;
}

/* "rosenbrock", or "the function surface" (it has no table row). */
static const char *surf_label(const nn_surface *s)
{
    return s->fn ? "the function surface" : nn_surf_name(s->kind);
}

static int check_desc(const nn_surf_run_desc *d)
{
    if (!d->surf.fn && (unsigned)d->surf.kind >= NN_SURF_COUNT)
        return nn_set_error(NN_ERR_ARG, "unknown surface %d", (int)d->surf.kind);
    if (!d->surf.fn && d->surf.kind == NN_SURF_BOWL && !(d->surf.cond >= 1.0f && d->surf.cond <= 1e6f))
        return nn_set_error(NN_ERR_ARG, "bowl condition number must be in [1, 1e6] (got %g)",
                            (double)d->surf.cond);
    if (!(d->lr >= 0.0f) || !isfinite(d->lr))
        return nn_set_error(NN_ERR_ARG, "learning rate must be a finite number >= 0 (got %g)", (double)d->lr);
    if (!(d->grad_noise >= 0.0f) || !isfinite(d->grad_noise))
        return nn_set_error(NN_ERR_ARG, "gradient noise must be a finite number >= 0 (got %g)",
                            (double)d->grad_noise);
    if ((unsigned)d->sched.kind >= NN_DECAY_COUNT)
        return nn_set_error(NN_ERR_ARG, "unknown learning-rate decay %d", (int)d->sched.kind);
    if (!(d->sched.rate >= 0.0f) || !isfinite(d->sched.rate))
        return nn_set_error(NN_ERR_ARG, "decay rate must be a finite number >= 0 (got %g)",
                            (double)d->sched.rate);
    if (d->sched.kind == NN_DECAY_STEP && (d->sched.every < 1 || !(d->sched.factor >= 0.0f)))
        return nn_set_error(NN_ERR_ARG, "step decay needs every >= 1 and factor >= 0 (got %d, %g)",
                            d->sched.every, (double)d->sched.factor);
    if (out_of_bounds(d->start[0], d->start[1]))
        return nn_set_error(NN_ERR_ARG, "start point (%g, %g) must be finite and within +-%g",
                            (double)d->start[0], (double)d->start[1], NN_SURF_DIVERGE_ABS);
    return NN_OK;
}

int nn_surf_walk_init(nn_surf_walk *w, const nn_surf_run_desc *d)
{
    memset(w, 0, sizeof *w);
    int rc = check_desc(d);
    if (rc) return rc;
    w->d = *d;
    w->w[0] = d->start[0];
    w->w[1] = d->start[1];
    if (evaluate(w, 0, 0.0f))
        return nn_set_error(NN_ERR_ARG, "%s cannot be evaluated at the start point (%g, %g)",
                            surf_label(&d->surf), (double)d->start[0], (double)d->start[1]);
    /* A bad optimizer description (or, improbably, no memory for four floats):
     * nn_last_error() already says which. */
    if (!(w->opt = nn_optim_create(&d->opt, 2))) return NN_ERR_ARG;
    nn_rng_seed(&w->rng, d->seed, NN_STREAM_NOISE);
    return NN_OK;
}

int nn_surf_walk_step(nn_surf_walk *w)
{
    if (w->diverged_at)
        return nn_set_error(NN_ERR_DIVERGED, "the walk diverged at step %d", w->diverged_at);
    const int k = w->step + 1;
    float g[2] = { (float)w->cur.gx, (float)w->cur.gy };
    if (w->d.grad_noise > 0.0f) {
        /* Always two draws per update, so the noise sequence is the same whatever happens. */
        const double n0 = nn_rng_normal(&w->rng), n1 = nn_rng_normal(&w->rng);
        g[0] = to_float(g[0] + w->d.grad_noise * n0);
        g[1] = to_float(g[1] + w->d.grad_noise * n1);
    }
    const float lr = nn_schedule_lr(&w->d.sched, w->d.lr, k - 1);
    nn_optim_step(w->opt, w->w, g, lr);
    if (out_of_bounds(w->w[0], w->w[1]) || evaluate(w, k, lr)) {
        w->diverged_at = k;
        return nn_set_error(NN_ERR_DIVERGED, "diverged at step %d: (x, y) = (%g, %g)%s", k,
                            (double)w->w[0], (double)w->w[1],
                            out_of_bounds(w->w[0], w->w[1]) ? " left the +-1e6 box or is not finite"
                                                            : ", where f or its gradient overflows");
    }
    w->step = k;
    return NN_OK;
}

void nn_surf_walk_free(nn_surf_walk *w)
{
    nn_optim_destroy(w->opt);
    w->opt = NULL;
}

int nn_surf_trajectory(const nn_surf_run_desc *d, int steps, nn_surf_sample *out, int *n_out)
{
    *n_out = 0;
    if (steps < 0) return nn_set_error(NN_ERR_ARG, "surface trajectory: steps must be >= 0 (got %d)", steps);
    nn_surf_walk w;
    int rc = nn_surf_walk_init(&w, d);
    if (rc) return rc;
    out[(*n_out)++] = w.cur;
    for (int k = 0; k < steps && rc == NN_OK; k++)
        if ((rc = nn_surf_walk_step(&w)) == NN_OK) out[(*n_out)++] = w.cur;
    nn_surf_walk_free(&w);
    return rc;
}
