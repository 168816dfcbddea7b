/* tests/app/test_labs.c - the surface and averages labs (app/labs).
 *
 * Surface lab: every lane's path is the engine's nn_surf_trajectory for the
 * same settings, point by point; the trace stays bounded and keeps its ends;
 * a setting restarts every lane; a diverged lane records the update and no
 * metric is NaN; `reached` against a hand-computed case; bad values refused
 * with a message naming setting and value; the network provider hook.
 * Averages lab: the nn_ewa closed forms.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "labs/ewa_lab.h"
#include "labs/surface_lab.h"
#include "nn/status.h"
#include "test.h"

/* The run a lane does: the lab's base with the lane's optimizer and rate. */
static nn_surf_run_desc lane_desc(const surface_lab *L, int i)
{
    nn_surf_run_desc d = L->base;
    d.opt = L->lane[i].opt;
    d.lr = L->lane[i].lr;
    return d;
}

/* Every lane's trace equals nn_surf_trajectory for its settings (no thinning yet). */
static int lanes_match_trajectory(const surface_lab *L, int steps)
{
    nn_surf_sample *ref = malloc(sizeof *ref * (size_t)(steps + 1));
    CHECK(ref);
    for (int i = 0; i < SLAB_LANES; i++) {
        const nn_surf_run_desc d = lane_desc(L, i);
        int n = 0;
        const int rc = nn_surf_trajectory(&d, steps, ref, &n);
        const slab_lane *ln = &L->lane[i];
        CHECK_MSG(ln->n_trace == n, "lane %d: %d points, trajectory %d", i, ln->n_trace, n);
        CHECK(rc == NN_OK || ln->diverged_at == n);
        for (int k = 0; k < n; k++) {
            CHECK_MSG(ln->trace[k].step == ref[k].step && ln->trace[k].x == ref[k].x &&
                      ln->trace[k].y == ref[k].y && ln->trace[k].f == ref[k].f,
                      "lane %d point %d: (%g, %g) vs (%g, %g)", i, k, (double)ln->trace[k].x,
                      (double)ln->trace[k].y, (double)ref[k].x, (double)ref[k].y);
        }
    }
    free(ref);
    return 0;
}

static int path_equals_trajectory(void)
{
    surface_lab L;
    CHECK(slab_init(&L, NN_SURF_ROSENBROCK) == NN_OK);
    /* In uneven chunks: the lab's pace must not matter. */
    CHECK(slab_step(&L, 1) == NN_OK && slab_step(&L, 120) == NN_OK && slab_step(&L, 79) == NN_OK);
    CHECK(L.steps == 200);
    if (lanes_match_trajectory(&L, 200)) return slab_free(&L), 1;
    /* With noise, decay, another start, a rate and a beta changed. */
    CHECK(slab_set(&L, "surface.fn", "bowl") == NN_OK);
    CHECK(slab_set(&L, "surface.cond", "25") == NN_OK);
    CHECK(slab_set(&L, "surface.noise", "0.5") == NN_OK);
    CHECK(slab_set(&L, "surface.seed", "7") == NN_OK);
    CHECK(slab_set(&L, "surface.decay", "inverse") == NN_OK);
    CHECK(slab_set(&L, "surface.decay-rate", "0.02") == NN_OK);
    CHECK(slab_set(&L, "surface.start", "3,-2.5") == NN_OK);
    CHECK(slab_set(&L, "surface.momentum.beta", "0.8") == NN_OK);
    CHECK(slab_set(&L, "surface.adam.beta2", "0.99") == NN_OK);
    CHECK(slab_set(&L, "surface.adam.lr", "0.03") == NN_OK);
    CHECK(slab_set(&L, "surface.bias-correction", "off") == NN_OK);
    CHECK(L.base.surf.cond == 25.0f && L.base.grad_noise == 0.5f && L.base.seed == 7);
    CHECK(L.lane[NN_OPT_ADAM].lr == 0.03f && L.lane[NN_OPT_ADAM].opt.beta2 == 0.99f);
    CHECK(L.lane[NN_OPT_ADAM].opt.bias_correction == 0 && L.lane[NN_OPT_MOMENTUM].opt.beta == 0.8f);
    for (int k = 0; k < 150; k++) CHECK(slab_step(&L, 1) == NN_OK);
    if (lanes_match_trajectory(&L, 150)) return slab_free(&L), 1;
    slab_free(&L);
    return 0;
}

static int trace_thinning_bounded(void)
{
    surface_lab L;
    CHECK(slab_init(&L, NN_SURF_BOWL) == NN_OK);
    CHECK(slab_set(&L, "surface.show", "sgd,adam") == NN_OK);
    const float x0 = L.base.start[0], y0 = L.base.start[1];
    for (int done = 0; done < 100000; done += 7) CHECK(slab_step(&L, done + 7 <= 100000 ? 7 : 100000 - done) == NN_OK);
    CHECK(L.steps == 100000);
    nn_surf_sample *ref = malloc(sizeof *ref * 100001);
    CHECK(ref);
    const int lanes[2] = { NN_OPT_SGD, NN_OPT_ADAM };
    for (int j = 0; j < 2; j++) {
        const slab_lane *ln = &L.lane[lanes[j]];
        CHECK(ln->n_trace >= 2 && ln->n_trace <= SLAB_TRACE_MAX);
        CHECK(ln->n_trace > SLAB_TRACE_MAX / 4);        /* thinned, not emptied */
        CHECK(ln->trace[0].step == 0 && ln->trace[0].x == x0 && ln->trace[0].y == y0);
        const nn_surf_sample *last = &ln->trace[ln->n_trace - 1];
        CHECK(last->step == 100000 && last->x == ln->walk.cur.x && last->y == ln->walk.cur.y);
        const nn_surf_run_desc d = lane_desc(&L, lanes[j]);
        int n = 0;
        CHECK(nn_surf_trajectory(&d, 100000, ref, &n) == NN_OK && n == 100001);
        for (int k = 0; k < ln->n_trace; k++) {
            if (k) CHECK(ln->trace[k].step > ln->trace[k - 1].step);
            const nn_surf_sample *r = &ref[ln->trace[k].step];
            CHECK(ln->trace[k].x == r->x && ln->trace[k].y == r->y);
        }
    }
    /* Hidden lanes did not move. */
    CHECK(L.lane[NN_OPT_RMSPROP].walk.step == 0 && L.lane[NN_OPT_RMSPROP].n_trace == 1);
    free(ref);
    slab_free(&L);
    return 0;
}

static int setting_restarts(void)
{
    surface_lab L;
    CHECK(slab_init(&L, NN_SURF_PLATEAU) == NN_OK);
    CHECK(slab_step(&L, 80) == NN_OK);
    CHECK(L.lane[NN_OPT_ADAGRAD].reached > 0);
    CHECK(L.lane[NN_OPT_ADAM].walk.step == 80);
    CHECK(slab_set(&L, "surface.start", "2,-1") == NN_OK);
    CHECK(L.steps == 0);
    for (int i = 0; i < SLAB_LANES; i++) {
        const slab_lane *ln = &L.lane[i];
        CHECK(ln->walk.step == 0 && ln->n_trace == 1 && ln->reached == 0 && ln->turns == 0 && ln->length == 0);
        CHECK(ln->walk.cur.x == 2.0f && ln->walk.cur.y == -1.0f);
    }
    /* "show" does not restart; a lane shown later catches up. */
    CHECK(slab_set(&L, "surface.show", "sgd") == NN_OK);
    CHECK(slab_step(&L, 10) == NN_OK);
    CHECK(L.lane[NN_OPT_SGD].walk.step == 10 && L.lane[NN_OPT_ADAM].walk.step == 0);
    CHECK(slab_set(&L, "surface.show", "all") == NN_OK);
    CHECK(L.lane[NN_OPT_SGD].walk.step == 10);
    CHECK(slab_step(&L, 5) == NN_OK);
    for (int i = 0; i < SLAB_LANES; i++) CHECK(L.lane[i].walk.step == 15);
    if (lanes_match_trajectory(&L, 15)) return slab_free(&L), 1;
    /* slab_restart (the Reset button) as well. */
    CHECK(slab_restart(&L) == NN_OK && L.steps == 0 && L.lane[NN_OPT_SGD].walk.step == 0);
    /* A new surface brings its own start and rates. */
    CHECK(slab_set(&L, "surface.fn", "rosenbrock") == NN_OK);
    CHECK(L.base.start[0] == -1.5f && L.base.start[1] == 2.0f);
    CHECK(L.lane[NN_OPT_SGD].walk.cur.x == -1.5f && L.view[0] == -2.0f && L.view[3] == 3.0f);
    slab_free(&L);
    return 0;
}

static int divergence_recorded(void)
{
    surface_lab L;
    CHECK(slab_init(&L, NN_SURF_BOWL) == NN_OK);
    CHECK(slab_set(&L, "surface.sgd.lr", "2.5") == NN_OK);   /* |1 - 2.5 c| > 1: blows up */
    nn_surf_sample ref[200];
    int n = 0;
    const nn_surf_run_desc d = lane_desc(&L, NN_OPT_SGD);
    CHECK(nn_surf_trajectory(&d, 199, ref, &n) == NN_ERR_DIVERGED);
    CHECK(n > 2 && n < 199);
    CHECK(slab_step(&L, 199) == NN_OK);
    const slab_lane *ln = &L.lane[NN_OPT_SGD];
    CHECK_MSG(ln->diverged_at == n, "diverged at %d, the engine's walk at %d", ln->diverged_at, n);
    CHECK(ln->walk.cur.x == ref[n - 1].x && ln->trace[ln->n_trace - 1].step == n - 1);
    static const char *const names[] = { "f", "x", "y", "dist", "reached", "updates", "diverged", "turns", "length" };
    for (int i = 0; i < SLAB_LANES; i++)
        for (size_t m = 0; m < sizeof names / sizeof names[0]; m++) {
            double v = NAN;
            CHECK(slab_metric(&L, i, names[m], &v) == NN_OK);
            CHECK_MSG(!isnan(v), "lane %d metric %s is NaN", i, names[m]);
        }
    double v;
    CHECK(slab_metric(&L, NN_OPT_SGD, "diverged", &v) == NN_OK && v == 1.0);
    CHECK(slab_metric(&L, NN_OPT_SGD, "updates", &v) == NN_OK && v == n - 1);
    CHECK(slab_metric(&L, NN_OPT_ADAM, "diverged", &v) == NN_OK && v == 0.0);
    CHECK(slab_metric(&L, NN_OPT_SGD, "speed", &v) == NN_ERR_ARG);
    CHECK(strstr(nn_last_error(), "speed") != NULL);
    CHECK(slab_metric(&L, SLAB_LANES, "f", &v) == NN_ERR_ARG);
    slab_free(&L);
    return 0;
}

/* f = (x^2 + y^2) / 2 (c = 1), SGD at 0.5 from (0.8, 0.6): w_k = 0.5^k w_0, so
 * dist = 0.5^k: 0.0625 after 4 updates, 0.03125 after 5 -> reached = 5. */
static int reached_hand_checked(void)
{
    surface_lab L;
    CHECK(slab_init(&L, NN_SURF_BOWL) == NN_OK);
    CHECK(slab_set(&L, "surface.cond", "1") == NN_OK);
    CHECK(slab_set(&L, "surface.start", "0.8,0.6") == NN_OK);
    CHECK(slab_set(&L, "surface.sgd.lr", "0.5") == NN_OK);
    double v;
    CHECK(slab_metric(&L, NN_OPT_SGD, "reached", &v) == NN_OK && isinf(v) && v > 0);
    CHECK(slab_step(&L, 4) == NN_OK);
    CHECK(slab_metric(&L, NN_OPT_SGD, "dist", &v) == NN_OK);
    CHECK_NEAR(v, 0.0625, 1e-7);
    CHECK(slab_metric(&L, NN_OPT_SGD, "reached", &v) == NN_OK && isinf(v));
    CHECK(slab_step(&L, 1) == NN_OK);
    CHECK(slab_metric(&L, NN_OPT_SGD, "reached", &v) == NN_OK && v == 5.0);
    CHECK(slab_step(&L, 10) == NN_OK);
    CHECK(slab_metric(&L, NN_OPT_SGD, "reached", &v) == NN_OK && v == 5.0);   /* the first time stays */
    /* A straight path: no turns; its length is the distance covered, 1 - 0.5^15. */
    CHECK(slab_metric(&L, NN_OPT_SGD, "turns", &v) == NN_OK && v == 0.0);
    CHECK(slab_metric(&L, NN_OPT_SGD, "length", &v) == NN_OK);
    CHECK_NEAR(v, 1.0 - pow(0.5, 15), 1e-6);
    /* SGD at 1.5 on the round bowl flips sign every update: every step turns back. */
    CHECK(slab_set(&L, "surface.sgd.lr", "1.5") == NN_OK);
    CHECK(slab_step(&L, 10) == NN_OK);
    CHECK(slab_metric(&L, NN_OPT_SGD, "turns", &v) == NN_OK && v == 9.0);
    /* The saddle has no minimum: dist is infinite, never NaN. */
    CHECK(slab_set(&L, "surface.fn", "saddle") == NN_OK);
    CHECK(slab_step(&L, 3) == NN_OK);
    CHECK(slab_metric(&L, NN_OPT_ADAM, "dist", &v) == NN_OK && isinf(v));
    slab_free(&L);
    return 0;
}

static int bad_values_refused(void)
{
    static const char *const bad[][2] = {
        { "surface.fn", "rosenbrok" }, { "surface.start", "1" }, { "surface.start", "1,2,3" },
        { "surface.start", "a,b" }, { "surface.cond", "0.5" }, { "surface.noise", "-1" },
        { "surface.seed", "1.5" }, { "surface.decay", "linear" }, { "surface.decay-rate", "-0.1" },
        { "surface.bias-correction", "yes" }, { "surface.show", "sgd,nesterov" },
        { "surface.adam.lr", "-0.05" }, { "surface.adam.lr", "nan" }, { "surface.adam.beta", "1" },
        { "surface.momentum.beta", "1.2" }, { "surface.start", "2e6,0" },
    };
    surface_lab L;
    CHECK(slab_init(&L, NN_SURF_BOWL) == NN_OK);
    CHECK(slab_step(&L, 12) == NN_OK);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK_MSG(slab_set(&L, bad[i][0], bad[i][1]) == NN_ERR_ARG, "%s = %s accepted", bad[i][0], bad[i][1]);
        const char *e = nn_last_error();
        CHECK_MSG(strstr(e, bad[i][0]) && strstr(e, bad[i][1]), "%s = %s: '%s'", bad[i][0], bad[i][1], e);
        CHECK(strcmp(L.error, e) == 0);
        CHECK(slab_check(bad[i][0], bad[i][1]) == NN_ERR_ARG);
        CHECK(L.steps == 12 && L.lane[0].walk.step == 12);   /* nothing changed, nothing restarted */
    }
    /* Unknown names: the nearest one suggested; settings an optimizer does not have. */
    CHECK(slab_set(&L, "surface.adam.lrr", "0.1") == NN_ERR_ARG);
    CHECK(strstr(nn_last_error(), "did you mean 'surface.adam.lr'") != NULL);
    CHECK(slab_set(&L, "surface.sgd.beta", "0.9") == NN_ERR_ARG);
    CHECK(slab_set(&L, "surface.adagrad.beta2", "0.9") == NN_ERR_ARG);
    CHECK(slab_check("surface.fn", "network") == NN_OK);
    /* The network without a provider: refused, saying so. */
    CHECK(slab_set(&L, "surface.fn", "network") == NN_ERR_ARG);
    CHECK(strstr(nn_last_error(), "surface.fn = network") && strstr(nn_last_error(), "no network"));
    CHECK(L.network == 0 && L.steps == 12);
    /* Every listed setting is accepted by its own check with some value. */
    int n;
    const slab_setting *s = slab_settings(&n);
    CHECK(n >= 17);
    for (int i = 0; i < n; i++) {
        const char *v = strstr(s[i].name, "fn") ? "camel" : strstr(s[i].name, "start") ? "0,0"
                      : strstr(s[i].name, "decay-rate") ? "0.1" : strstr(s[i].name, "decay") ? "exp"
                      : strstr(s[i].name, "bias") ? "on" : strstr(s[i].name, "show") ? "adam"
                      : strstr(s[i].name, "seed") ? "3" : strstr(s[i].name, "cond") ? "4" : "0.5";
        CHECK_MSG(slab_check(s[i].name, v) == NN_OK, "%s = %s: %s", s[i].name, v, nn_last_error());
        CHECK(s[i].help && s[i].help[0]);
    }
    slab_free(&L);
    return 0;
}

/* A provider that hands out the round bowl, as the program hands out a slice. */
static int calls;
static int fake_slice(void *user, nn_surface *surf, float view[4])
{
    (void)user;
    calls++;
    if (calls == 2) return nn_set_error(NN_ERR_ARG, "the network has not been built yet");
    *surf = nn_surface_default(NN_SURF_BOWL);
    surf->cond = 1;
    view[0] = -1; view[1] = 1; view[2] = -1; view[3] = 1;
    return NN_OK;
}

static int network_provider(void)
{
    surface_lab L;
    CHECK(slab_init(&L, NN_SURF_CAMEL) == NN_OK);
    L.network_slice = fake_slice;
    calls = 0;
    CHECK(slab_set(&L, "surface.fn", "network") == NN_OK && calls == 1);
    CHECK(L.network == 1 && L.view[1] == 1.0f && L.base.surf.cond == 1.0f);
    CHECK(slab_step(&L, 20) == NN_OK);
    double v;
    CHECK(slab_metric(&L, NN_OPT_SGD, "dist", &v) == NN_OK && isinf(v));
    CHECK(slab_metric(&L, NN_OPT_SGD, "f", &v) == NN_OK && v < 0.5 && v > 0);
    if (lanes_match_trajectory(&L, 20)) return slab_free(&L), 1;
    /* The provider's refusal is the setting's. */
    CHECK(slab_set(&L, "surface.fn", "network") == NN_ERR_ARG);
    CHECK(strstr(nn_last_error(), "not been built") != NULL);
    CHECK(L.network == 1 && L.steps == 20);
    CHECK(slab_set(&L, "surface.fn", "plateau") == NN_OK && L.network == 0);
    slab_free(&L);
    return 0;
}

/* ---- averages ---------------------------------------------------------------- */

static int ewa_closed_forms(void)
{
    ewa_lab L;
    CHECK(ewa_lab_init(&L) == NN_OK);
    CHECK(L.beta == 0.9 && L.bias_correction == 1 && L.seed == 1);
    const double b = 0.9;
    double v, t1;
    CHECK(ewa_metric(&L, "temp", 1, &t1) == NN_OK);
    CHECK(ewa_metric(&L, "raw", 1, &v) == NN_OK);
    CHECK_NEAR(v, (1 - b) * t1, 1e-5);
    CHECK(ewa_metric(&L, "corrected", 1, &v) == NN_OK);
    CHECK_NEAR(v, t1, 1e-5);
    CHECK(ewa_metric(&L, "avg", 1, &v) == NN_OK);     /* correction on: avg is corrected */
    CHECK_NEAR(v, t1, 1e-5);
    /* Day t: (1 - b) sum b^(t-i) theta_i, and that over 1 - b^t when corrected. */
    for (int t = 2; t <= NN_EWA_DAYS; t += 37) {
        double sum = 0;
        for (int i = 1; i <= t; i++) sum += pow(b, t - i) * (1 - b) * L.temp[i - 1];
        CHECK(ewa_metric(&L, "raw", t, &v) == NN_OK);
        CHECK_NEAR(v, sum, 1e-4);
        CHECK(ewa_metric(&L, "corrected", t, &v) == NN_OK);
        CHECK_NEAR(v, sum / (1 - pow(b, t)), 1e-4);
    }
    for (int k = 0; k < 30; k += 7) {
        CHECK(ewa_metric(&L, "weight", k, &v) == NN_OK);
        CHECK_NEAR(v, pow(b, k) * (1 - b), 1e-12);
    }
    CHECK(ewa_metric(&L, "window", 0, &v) == NN_OK);
    CHECK_NEAR(v, 10.0, 1e-9);
    /* The fixed betas are there too, from the same year. */
    CHECK_NEAR(L.fixed_raw[2][0], 0.02 * t1, 1e-5);
    CHECK_NEAR(L.fixed_corr[0][0], t1, 1e-5);
    /* The learner's beta and the switch. */
    CHECK(ewa_lab_set(&L, "ewa.beta", "0.98") == NN_OK);
    CHECK(ewa_lab_set(&L, "ewa.bias-correction", "off") == NN_OK);
    CHECK(ewa_metric(&L, "avg", 1, &v) == NN_OK);
    CHECK_NEAR(v, 0.02 * t1, 1e-5);
    CHECK(ewa_metric(&L, "window", 0, &v) == NN_OK);
    CHECK_NEAR(v, 50.0, 1e-6);
    /* Another year. */
    CHECK(ewa_lab_set(&L, "ewa.seed", "2") == NN_OK);
    double t1b;
    CHECK(ewa_metric(&L, "temp", 1, &t1b) == NN_OK && t1b != t1);
    return 0;
}

static int ewa_bad_values(void)
{
    static const char *const bad[][2] = {
        { "ewa.beta", "1" }, { "ewa.beta", "-0.1" }, { "ewa.beta", "x" }, { "ewa.bias-correction", "maybe" },
        { "ewa.seed", "-3" },
    };
    ewa_lab L;
    CHECK(ewa_lab_init(&L) == NN_OK);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(ewa_lab_set(&L, bad[i][0], bad[i][1]) == NN_ERR_ARG);
        const char *e = nn_last_error();
        CHECK_MSG(strstr(e, bad[i][0]) && strstr(e, bad[i][1]), "%s = %s: '%s'", bad[i][0], bad[i][1], e);
        CHECK(ewa_check(bad[i][0], bad[i][1]) == NN_ERR_ARG);
        CHECK(L.beta == 0.9 && L.bias_correction == 1 && L.seed == 1);
    }
    CHECK(ewa_lab_set(&L, "ewa.betta", "0.5") == NN_ERR_ARG);
    CHECK(strstr(nn_last_error(), "did you mean 'ewa.beta'") != NULL);
    double v;
    CHECK(ewa_metric(&L, "raw", 0, &v) == NN_ERR_ARG && ewa_metric(&L, "raw", 366, &v) == NN_ERR_ARG);
    CHECK(ewa_metric(&L, "weight", -1, &v) == NN_ERR_ARG);
    CHECK(ewa_metric(&L, "median", 3, &v) == NN_ERR_ARG);
    int arg = -1;
    CHECK(ewa_metric_known("weight", &arg) && arg == 1 && ewa_metric_known("window", &arg) && arg == 0);
    CHECK(!ewa_metric_known("median", &arg));
    return 0;
}

static const test_case CASES[] = {
    { "path_equals_trajectory", path_equals_trajectory },
    { "trace_thinning_bounded", trace_thinning_bounded },
    { "setting_restarts", setting_restarts },
    { "divergence_recorded", divergence_recorded },
    { "reached_hand_checked", reached_hand_checked },
    { "bad_values_refused", bad_values_refused },
    { "network_provider", network_provider },
    { "ewa_closed_forms", ewa_closed_forms },
    { "ewa_bad_values", ewa_bad_values },
};
TEST_MAIN(CASES)
