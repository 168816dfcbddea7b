/* tests/engine/test_surface.c - loss surfaces: analytic gradients against
 * central differences, known minima, optimizer walks (convergence, stalls,
 * divergence, noise, decay) and the sampling grid.
 */
#include <math.h>
#include <stdlib.h>

#include "nn/status.h"
#include "nn/surface.h"
#include "test.h"

/* Central differences in double: h = 1e-6 relative, compared with a
 * relative tolerance of 1e-6 (the error of the difference is O(h^2 f''')). */
static int gradient_matches(const nn_surface *s, double x, double y)
{
    double gx, gy;
    nn_surf_eval(s, x, y, &gx, &gy);
    const double hx = 1e-6 * fmax(1.0, fabs(x)), hy = 1e-6 * fmax(1.0, fabs(y));
    const double nx = (nn_surf_eval(s, x + hx, y, NULL, NULL) - nn_surf_eval(s, x - hx, y, NULL, NULL)) / (2 * hx);
    const double ny = (nn_surf_eval(s, x, y + hy, NULL, NULL) - nn_surf_eval(s, x, y - hy, NULL, NULL)) / (2 * hy);
    const double scale = fmax(1.0, fabs(nn_surf_eval(s, x, y, NULL, NULL)));
    const double ex = fabs(nx - gx) / fmax(scale, fabs(gx)), ey = fabs(ny - gy) / fmax(scale, fabs(gy));
    if (ex > 1e-6 || ey > 1e-6) {
        fprintf(stderr, "%s at (%g, %g): analytic (%.9g, %.9g) numeric (%.9g, %.9g)\n",
                nn_surf_name(s->kind), x, y, gx, gy, nx, ny);
        return 1;
    }
    return 0;
}

static int gradients_match_central_differences(void)
{
    const double pts[][2] = { { 0.3, -0.7 }, { -1.5, 2.0 }, { 1.1, 0.9 }, { 2.5, -1.2 },
                              { -0.8, 0.45 }, { 3.3, 3.1 }, { -4.0, -2.0 }, { 0.05, 1.7 } };
    for (int k = 0; k < NN_SURF_COUNT; k++) {
        nn_surface s = nn_surface_default((nn_surf_kind)k);
        for (size_t p = 0; p < sizeof pts / sizeof pts[0]; p++)
            CHECK(gradient_matches(&s, pts[p][0], pts[p][1]) == 0);
        /* ...and at the start point, in the view corners, and near each known point */
        const nn_surf_info *in = nn_surf_info_get((nn_surf_kind)k);
        CHECK(gradient_matches(&s, in->start[0], in->start[1]) == 0);
        CHECK(gradient_matches(&s, in->view[0], in->view[2]) == 0);
        CHECK(gradient_matches(&s, in->view[1], in->view[3]) == 0);
        for (int p = 0; p < in->n_points; p++)
            CHECK(gradient_matches(&s, in->points[p].x + 0.1, in->points[p].y - 0.07) == 0);
    }
    nn_surface bowl = { .kind = NN_SURF_BOWL, .cond = 37.0f };   /* another condition number */
    CHECK(gradient_matches(&bowl, -2.0, 1.5) == 0);
    return 0;
}

static int known_points_are_stationary(void)
{
    for (int k = 0; k < NN_SURF_COUNT; k++) {
        const nn_surface s = nn_surface_default((nn_surf_kind)k);
        const nn_surf_info *in = nn_surf_info_get((nn_surf_kind)k);
        CHECK(in && in->n_points >= 1 && in->n_points <= NN_SURF_MAX_POINTS);
        /* the start and every known point lie inside the suggested view */
        CHECK(in->start[0] > in->view[0] && in->start[0] < in->view[1]);
        CHECK(in->start[1] > in->view[2] && in->start[1] < in->view[3]);
        for (int p = 0; p < in->n_points; p++) {
            const nn_surf_point *q = &in->points[p];
            double gx, gy;
            const double f = nn_surf_eval(&s, q->x, q->y, &gx, &gy);
            CHECK_MSG(fabs(gx) < 1e-9 && fabs(gy) < 1e-9, "%s point %d: gradient (%g, %g)", in->name, p, gx, gy);
            CHECK_NEAR(f, q->f, 1e-12);
            CHECK(q->x >= in->view[0] && q->x <= in->view[1] && q->y >= in->view[2] && q->y <= in->view[3]);
            /* a minimum is lower than its eight neighbours at distance 0.01; a saddle point
             * is lower than some and higher than others */
            int lower = 0, higher = 0;
            for (int a = 0; a < 8; a++) {
                const double t = a * 0.785398163397448;
                const double fn = nn_surf_eval(&s, q->x + 0.01 * cos(t), q->y + 0.01 * sin(t), NULL, NULL);
                lower += fn < f;
                higher += fn > f;
            }
            if (q->kind == NN_SURF_SADDLE_POINT) CHECK(lower > 0 && higher > 0);
            else CHECK_MSG(lower == 0 && higher == 8, "%s point %d is not a minimum", in->name, p);
        }
    }
    /* the camel's global minima are below its local ones */
    const nn_surf_info *camel = nn_surf_info_get(NN_SURF_CAMEL);
    for (int p = 0; p < camel->n_points; p++)
        CHECK(camel->points[p].f >= camel->points[0].f - 1e-12);
    return 0;
}

/* First step at which the walk is within 1e-2 of (1, 1) and stays there to the end; -1 if never. */
static int settled_step(const nn_surf_sample *s, int n)
{
    int first = -1;
    for (int k = 0; k < n; k++) {
        const int in = hypot(s[k].x - 1.0, s[k].y - 1.0) < 1e-2;
        if (in && first < 0) first = k;
        if (!in) first = -1;
    }
    return first;
}

/* From (-1.5, 2) with the default betas (0.9, 0.999):
 *   adam     lr 0.02:  within 1e-2 of (1, 1) for good from step 2009 (budget 2500)
 *   momentum lr 0.01:  within 1e-2 of (1, 1) for good from step 1125 (budget 1500)
 *   sgd      lr 0.002: from step 2511; the plain-descent comparison (budget 3000)
 * Momentum is stable at five times the rate plain SGD can take here (lr 0.003 already
 * diverges at step 5), which is what lets it follow the valley faster. */
static int rosenbrock_reached(void)
{
    const struct { nn_optim_kind kind; float lr; int budget, expect; } runs[] = {
        { NN_OPT_ADAM, 0.02f, 2500, 2009 },
        { NN_OPT_MOMENTUM, 0.01f, 1500, 1125 },
        { NN_OPT_SGD, 0.002f, 3000, 2511 },
    };
    nn_surf_sample *buf = malloc(3001 * sizeof *buf);
    CHECK(buf != NULL);
    for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++) {
        nn_surf_run_desc d = nn_surf_run_default(NN_SURF_ROSENBROCK);
        d.opt = nn_optim_desc_default(runs[r].kind);
        d.lr = runs[r].lr;
        CHECK(d.start[0] == -1.5f && d.start[1] == 2.0f);
        int n;
        if (nn_surf_trajectory(&d, runs[r].budget, buf, &n) != NN_OK) { free(buf); CHECK(0); }
        const int at = settled_step(buf, n);
        if (n != runs[r].budget + 1 || at < 0 || abs(at - runs[r].expect) > 50) {
            fprintf(stderr, "%s lr %g: settled at step %d (recorded %d), rows %d\n",
                    nn_optim_name(runs[r].kind), (double)runs[r].lr, at, runs[r].expect, n);
            free(buf);
            return 1;
        }
    }
    free(buf);
    return 0;
}

static int sgd_too_fast_diverges(void)
{
    const size_t before = nn_bytes_allocated();
    nn_surf_run_desc d = nn_surf_run_default(NN_SURF_ROSENBROCK);
    d.lr = 0.01f;                     /* curvature ~2000 at the start: stable only below ~0.001 */
    nn_surf_sample buf[101];
    int n;
    CHECK(nn_surf_trajectory(&d, 100, buf, &n) == NN_ERR_DIVERGED);
    CHECK(strstr(nn_last_error(), "diverged at step 5") != NULL);
    CHECK(n == 5);                    /* rows 0..4: the path before it left */
    CHECK(buf[0].x == -1.5f && buf[0].y == 2.0f && buf[0].step == 0);
    CHECK(fabs(buf[4].x) > 100.0);    /* flung far out before leaving the box */
    /* a walk remembers that it diverged */
    nn_surf_walk w;
    CHECK(nn_surf_walk_init(&w, &d) == NN_OK);
    int rc = NN_OK;
    while (rc == NN_OK) rc = nn_surf_walk_step(&w);
    CHECK(rc == NN_ERR_DIVERGED && w.diverged_at == 5 && w.step == 4 && w.cur.step == 4);
    CHECK(nn_surf_walk_step(&w) == NN_ERR_DIVERGED);
    nn_surf_walk_free(&w);
    CHECK(nn_bytes_allocated() == before);
    return 0;
}

/* Plateau from (-3.5, 2.5): the gradient there is ~4e-4, so SGD at lr 0.1 moves
 * ~4e-5 per step and stalls; Adam's step is ~lr whatever the gradient's size. */
static int plateau_stalls_sgd_not_adam(void)
{
    nn_surf_run_desc d = nn_surf_run_default(NN_SURF_PLATEAU);
    d.lr = 0.1f;
    nn_surf_sample buf[501];
    int n;
    CHECK(nn_surf_trajectory(&d, 500, buf, &n) == NN_OK && n == 501);
    CHECK(hypot(buf[0].gx, buf[0].gy) < 1e-3);
    CHECK(buf[500].f > 0.999);
    d.opt = nn_optim_desc_default(NN_OPT_ADAM);
    CHECK(nn_surf_trajectory(&d, 500, buf, &n) == NN_OK);
    CHECK(buf[500].f < 1e-3);
    return 0;
}

/* Saddle: started exactly on y = 0 the gradient never points off the ridge
 * line, so SGD settles on the saddle point; gradient noise knocks it off. */
static int saddle_traps_without_noise(void)
{
    nn_surf_run_desc d = nn_surf_run_default(NN_SURF_SADDLE);
    d.lr = 0.05f;
    d.start[1] = 0.0f;
    nn_surf_sample buf[301];
    int n;
    CHECK(nn_surf_trajectory(&d, 300, buf, &n) == NN_OK);
    CHECK(fabs(buf[300].x) < 1e-6 && buf[300].y == 0.0f);   /* stuck where the gradient is zero */
    d.grad_noise = 0.1f;
    d.seed = 7;
    CHECK(nn_surf_trajectory(&d, 300, buf, &n) == NN_ERR_DIVERGED || fabs(buf[300].y) > 1.0);
    CHECK(buf[n - 1].f < -1.0);   /* ran downhill along y */
    return 0;
}

/* The elongated bowl with SGD at lr 0.15: along y (curvature c = 10) each step
 * multiplies y by 1 - 1.5 = -0.5, so y flips sign every step (the zig-zag);
 * along x (curvature 1) it shrinks by 0.85 without flipping. With c = 1 no zig-zag. */
static int bowl_zigzags_when_elongated(void)
{
    nn_surf_run_desc d = nn_surf_run_default(NN_SURF_BOWL);
    d.lr = 0.15f;
    nn_surf_sample buf[6];
    int n;
    CHECK(nn_surf_trajectory(&d, 5, buf, &n) == NN_OK);
    for (int k = 1; k <= 5; k++) {
        CHECK_NEAR(buf[k].y, -0.5 * buf[k - 1].y, 1e-6);
        CHECK_NEAR(buf[k].x, 0.85 * buf[k - 1].x, 1e-5);
    }
    d.surf.cond = 1.0f;
    CHECK(nn_surf_trajectory(&d, 5, buf, &n) == NN_OK);
    for (int k = 1; k <= 5; k++) CHECK(buf[k].y > 0.0f && buf[k].y < buf[k - 1].y);
    return 0;
}

static int noise_is_seeded(void)
{
    nn_surf_run_desc d = nn_surf_run_default(NN_SURF_HIMMELBLAU);
    d.opt = nn_optim_desc_default(NN_OPT_MOMENTUM);
    d.grad_noise = 5.0f;
    d.seed = 42;
    nn_surf_sample a[201], b[201];
    int na, nb;
    CHECK(nn_surf_trajectory(&d, 200, a, &na) == NN_OK);
    CHECK(nn_surf_trajectory(&d, 200, b, &nb) == NN_OK);
    CHECK(na == nb);
    for (int k = 0; k < na; k++)   /* field by field: the struct has padding */
        CHECK(a[k].x == b[k].x && a[k].y == b[k].y && a[k].f == b[k].f && a[k].gx == b[k].gx);
    d.seed = 43;
    CHECK(nn_surf_trajectory(&d, 200, b, &nb) == NN_OK);
    CHECK(a[200].x != b[200].x);
    /* row 0 is the start whatever the noise */
    CHECK(a[0].x == 0.0f && a[0].y == 0.0f && a[0].f == 170.0);   /* 11^2 + 7^2 */
    return 0;
}

static int decay_applies_per_update(void)
{
    nn_surf_run_desc d = nn_surf_run_default(NN_SURF_BOWL);
    d.lr = 0.1f;
    d.sched = nn_schedule_default(NN_DECAY_INVERSE);
    d.sched.rate = 0.5f;
    nn_surf_sample buf[4];
    int n;
    CHECK(nn_surf_trajectory(&d, 3, buf, &n) == NN_OK);
    /* update k uses lr0 / (1 + 0.5 (k - 1)): 0.1, 0.0666667, 0.05; step 0 records 0 */
    CHECK(buf[0].lr == 0.0f);
    CHECK_NEAR(buf[1].lr, 0.1, 1e-7);
    CHECK_NEAR(buf[2].lr, 0.1 / 1.5, 1e-7);
    CHECK_NEAR(buf[3].lr, 0.05, 1e-7);
    /* x follows x_k = x_(k-1) (1 - lr_k) on the bowl (df/dx = x) */
    CHECK_NEAR(buf[3].x, -4.5 * 0.9 * (1 - 0.1 / 1.5) * 0.95, 1e-5);
    return 0;
}

static int grid_samples_the_box(void)
{
    nn_surface s = nn_surface_default(NN_SURF_ROSENBROCK);
    float g[5 * 3];
    CHECK(nn_surf_grid(&s, -2.0f, 2.0f, -1.0f, 3.0f, 5, 3, g) == NN_OK);
    /* row j at y = -1 + 2j, column i at x = -2 + i */
    for (int j = 0; j < 3; j++)
        for (int i = 0; i < 5; i++)
            CHECK_NEAR(g[j * 5 + i], nn_surf_eval(&s, -2.0 + i, -1.0 + 2.0 * j, NULL, NULL), 1e-3);
    CHECK(g[1 * 5 + 3] == 0.0f);                        /* (1, 1): the minimum */
    CHECK(nn_surf_grid(&s, 0, 1, 0, 1, 1, 3, g) == NN_ERR_ARG);
    CHECK(nn_surf_grid(&s, 1, 1, 0, 1, 3, 3, g) == NN_ERR_ARG);
    return 0;
}

static int bad_descriptions_are_refused(void)
{
    const size_t before = nn_bytes_allocated();
    nn_surf_walk w;
    nn_surf_run_desc d = nn_surf_run_default(NN_SURF_BOWL);
    d.surf.cond = 0.5f;
    CHECK(nn_surf_walk_init(&w, &d) == NN_ERR_ARG && strstr(nn_last_error(), "condition"));
    d = nn_surf_run_default(NN_SURF_BEALE);
    d.lr = -1.0f;
    CHECK(nn_surf_walk_init(&w, &d) == NN_ERR_ARG);
    d = nn_surf_run_default(NN_SURF_BEALE);
    d.start[0] = NAN;
    CHECK(nn_surf_walk_init(&w, &d) == NN_ERR_ARG);
    d = nn_surf_run_default(NN_SURF_BEALE);
    d.opt.beta = 1.0f;
    CHECK(nn_surf_walk_init(&w, &d) == NN_ERR_ARG);
    d = nn_surf_run_default(NN_SURF_BEALE);
    d.sched.kind = NN_DECAY_STEP;
    d.sched.every = 0;
    CHECK(nn_surf_walk_init(&w, &d) == NN_ERR_ARG);
    d.surf.kind = NN_SURF_COUNT;
    CHECK(nn_surf_walk_init(&w, &d) == NN_ERR_ARG);
    CHECK(nn_bytes_allocated() == before);
    for (int k = 0; k < NN_SURF_COUNT; k++)
        CHECK(nn_surf_from_name(nn_surf_name((nn_surf_kind)k)) == k);
    CHECK(nn_surf_from_name("ackley") == -1 && nn_surf_info_get(NN_SURF_COUNT) == NULL);
    return 0;
}

/* ---- function surfaces (nn_surface.fn) ---- */

typedef struct fn_calls { int values, gradients; } fn_calls;

/* f = (x^2 + 3 y^2) / 2 written out as the table bowl with c = 3 computes it. */
static double bowl3(void *user, double x, double y, double *gx, double *gy)
{
    fn_calls *c = user;
    c->values++;
    if (gx && gy) c->gradients++;
    if (gx) *gx = x;
    if (gy) *gy = 3.0 * y;
    return 0.5 * (x * x + 3.0 * y * y);
}

static double nan_fn(void *user, double x, double y, double *gx, double *gy)
{
    (void)user; (void)x; (void)y;
    if (gx) *gx = NAN;
    if (gy) *gy = NAN;
    return NAN;
}

/* A walk on a function surface is the walk on the table surface it equals,
 * update for update, for every optimizer; its kind is ignored (even out of
 * range); the grid samples it without asking for gradients. */
static int function_surface_walks_like_the_table(void)
{
    fn_calls calls = { 0, 0 };
    const nn_optim_kind kinds[] = { NN_OPT_SGD, NN_OPT_MOMENTUM, NN_OPT_RMSPROP, NN_OPT_ADAM, NN_OPT_ADAGRAD };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        nn_surf_run_desc table = nn_surf_run_default(NN_SURF_BOWL);
        table.surf.cond = 3.0f;
        table.opt = nn_optim_desc_default(kinds[k]);
        table.lr = 0.3f;
        table.grad_noise = 0.5f;                  /* the noise stream is the same too */
        nn_surf_run_desc fn = table;
        fn.surf = (nn_surface){ .kind = NN_SURF_COUNT, .cond = 0.0f, .fn = bowl3, .user = &calls };
        nn_surf_sample a[61], b[61];
        int na, nb;
        CHECK(nn_surf_trajectory(&table, 60, a, &na) == NN_OK);
        CHECK(nn_surf_trajectory(&fn, 60, b, &nb) == NN_OK);
        CHECK(na == 61 && nb == 61);
        for (int s = 0; s < na; s++)
            CHECK_MSG(a[s].x == b[s].x && a[s].y == b[s].y && a[s].f == b[s].f && a[s].gx == b[s].gx &&
                      a[s].gy == b[s].gy, "%s step %d: (%g, %g) vs (%g, %g)", nn_optim_name(kinds[k]),
                      s, (double)a[s].x, (double)a[s].y, (double)b[s].x, (double)b[s].y);
        CHECK(a[60].f < 0.5 * a[0].f);            /* and the path goes downhill */
    }
    CHECK(calls.values == 5 * 61 && calls.gradients == 5 * 61);
    const nn_surface table = { NN_SURF_BOWL, 3.0f, NULL, NULL };
    const nn_surface fn = { NN_SURF_COUNT, 0.0f, bowl3, &calls };
    float g1[4 * 3], g2[4 * 3];
    CHECK(nn_surf_grid(&table, -2.0f, 1.0f, -1.0f, 1.0f, 4, 3, g1) == NN_OK);
    CHECK(nn_surf_grid(&fn, -2.0f, 1.0f, -1.0f, 1.0f, 4, 3, g2) == NN_OK);
    CHECK(memcmp(g1, g2, sizeof g1) == 0);
    CHECK(calls.values == 5 * 61 + 12 && calls.gradients == 5 * 61);
    double gx = 0, gy = 0;
    CHECK(nn_surf_eval(&fn, 1.0, 2.0, &gx, &gy) == 6.5 && gx == 1.0 && gy == 6.0);
    return 0;
}

static int function_surface_errors_name_it(void)
{
    const size_t before = nn_bytes_allocated();
    nn_surf_run_desc d = nn_surf_run_default(NN_SURF_BOWL);
    d.surf.fn = nan_fn;
    nn_surf_walk w;
    CHECK(nn_surf_walk_init(&w, &d) == NN_ERR_ARG);
    CHECK_MSG(strstr(nn_last_error(), "function surface cannot be evaluated at the start point") != NULL,
              "%s", nn_last_error());
    CHECK(nn_bytes_allocated() == before);
    return 0;
}

static const test_case CASES[] = {
    { "gradients_match_central_differences", gradients_match_central_differences },
    { "known_points_are_stationary", known_points_are_stationary },
    { "rosenbrock_reached", rosenbrock_reached },
    { "sgd_too_fast_diverges", sgd_too_fast_diverges },
    { "plateau_stalls_sgd_not_adam", plateau_stalls_sgd_not_adam },
    { "saddle_traps_without_noise", saddle_traps_without_noise },
    { "bowl_zigzags_when_elongated", bowl_zigzags_when_elongated },
    { "noise_is_seeded", noise_is_seeded },
    { "decay_applies_per_update", decay_applies_per_update },
    { "grid_samples_the_box", grid_samples_the_box },
    { "bad_descriptions_are_refused", bad_descriptions_are_refused },
    { "function_surface_walks_like_the_table", function_surface_walks_like_the_table },
    { "function_surface_errors_name_it", function_surface_errors_name_it },
};
TEST_MAIN(CASES)
