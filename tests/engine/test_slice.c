/* tests/engine/test_slice.c - a network's training loss along two
 * filter-normalised directions (nn/slice.h): f(0, 0) is the trainer's
 * train_loss, the gradient matches central differences, directions are
 * seeded and normalised per neuron / filter, the trainer is never touched,
 * optimizers walk downhill on the slice, bad arguments are refused.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nn/slice.h"
#include "nn/status.h"
#include "nn/tensor.h"
#include "test.h"

typedef struct run { nn_dataset tr, dv, te; nn_trainer *t; } run;

static void run_close(run *r)
{
    nn_trainer_destroy(r->t);
    nn_dataset_free(&r->tr); nn_dataset_free(&r->dv); nn_dataset_free(&r->te);
}

/* Moons, 500 training examples (two evaluation chunks: 256 + 244), a model
 * description, trained `epochs` epochs so the weights are not the initial ones. */
static int run_open(run *r, const nn_model_desc *md, float l2, int normalize, int epochs)
{
    memset(r, 0, sizeof *r);
    nn_data_desc dd = nn_data_desc_default(NN_DATA_MOONS);
    dd.samples = 1000;
    dd.split[0] = 0.5f; dd.split[1] = 0.25f; dd.split[2] = 0.25f;
    dd.noise = 0.2f;
    dd.seed = 3;
    if (nn_data_make(&dd, &r->tr, &r->dv, &r->te) || r->tr.n != 500) return 1;
    nn_train_desc d = nn_train_desc_default();
    d.model = *md;
    d.lr = 0.1f;
    d.batch = 32;
    d.seed = 5;
    d.l2 = l2;
    d.normalize = normalize;
    if (!(r->t = nn_trainer_create(&d, &r->tr, &r->dv, &r->te))) return 1;
    for (int e = 0; e < epochs; e++)
        if (nn_trainer_epoch(r->t) != NN_OK) return 1;
    return 0;
}

static nn_model_desc moons_mlp(void)
{
    return nn_model_desc_mlp(2, (int[]){ 8, 8 }, 2, 1, NN_ACT_TANH, 0, NN_INIT_XAVIER, NN_LOSS_BCE);
}

/* dense 8, batch norm, tanh, dropout 0.3, dense 8, tanh, dense 1: f must be
 * the evaluation-mode loss (no dropout, running statistics). */
static nn_model_desc moons_bn_dropout(void)
{
    nn_model_desc d = nn_model_desc_default();
    d.in = (nn_shape){ 2, 1, 1 };
    d.loss = NN_LOSS_BCE;
    nn_model_add(&d, nn_layer_dense(8, NN_INIT_XAVIER));
    nn_model_add(&d, nn_layer_batchnorm());
    nn_model_add(&d, nn_layer_act(NN_ACT_TANH));
    nn_model_add(&d, nn_layer_dropout(0.3f));
    nn_model_add(&d, nn_layer_dense(8, NN_INIT_XAVIER));
    nn_model_add(&d, nn_layer_act(NN_ACT_TANH));
    nn_model_add(&d, nn_layer_dense(1, NN_INIT_XAVIER));
    return d;
}

static double train_loss(const nn_trainer *t)
{
    int n;
    const nn_metrics *h = nn_trainer_history(t, &n);
    return h[n - 1].train_loss;
}

/* f(0, 0) against the history's train_loss: both are the same float32
 * forward passes over the same chunks with the loss summed in double, so
 * they agree to rounding; 1e-6 relative is ~10 float32 ulps of the loss,
 * far below any difference a wrong L2 term, normalisation or mode makes. */
static int at_origin_is_train_loss(const run *r, nn_slice *s)
{
    const double want = train_loss(r->t);
    const double f0 = nn_slice_eval(s, 0.0, 0.0, NULL, NULL);
    CHECK_MSG(fabs(f0 - want) <= 1e-6 * want, "f(0, 0) = %.9g, train_loss = %.9g", f0, want);
    double loss, acc;
    nn_trainer_evaluate(r->t, &r->tr, 1, &loss, &acc);
    CHECK_NEAR(f0, loss, 1e-6 * loss);
    return 0;
}

/* Central differences with h = 1e-3. For the smooth (tanh) networks the
 * truncation error ~h^2 f''' / 6 is ~1e-7 and f's float32 rounding (a few
 * 1e-8 after averaging 500 examples) divided by 2h adds ~1e-5: measured
 * errors are at most 2.4e-5, so tol = 2e-4 max(1, |g|). With ReLU and
 * max-pooling (conv_network) some of the 300 x 64 positions sit within h of
 * a kink, where the difference quotient is not the derivative: measured
 * errors up to 7e-4, so tol = 3e-3 max(1, |g|) there. A gradient without
 * the chunk weights or the L2 term is off by 1e-2 or more. */
static int gradient_matches_tol(nn_slice *s, double a, double b, double tol)
{
    double ga, gb;
    const double f = nn_slice_eval(s, a, b, &ga, &gb);
    const double h = 1e-3;
    const double na = (nn_slice_eval(s, a + h, b, NULL, NULL) - nn_slice_eval(s, a - h, b, NULL, NULL)) / (2 * h);
    const double nb = (nn_slice_eval(s, a, b + h, NULL, NULL) - nn_slice_eval(s, a, b - h, NULL, NULL)) / (2 * h);
    CHECK_MSG(isfinite(f) && fabs(ga - na) <= tol * fmax(1.0, fabs(ga)) && fabs(gb - nb) <= tol * fmax(1.0, fabs(gb)),
              "at (%g, %g): f %.9g, analytic (%.9g, %.9g), numeric (%.9g, %.9g)", a, b, f, ga, gb, na, nb);
    /* f with the gradient is f without it */
    CHECK(f == nn_slice_eval(s, a, b, NULL, NULL));
    return 0;
}

static int gradient_matches(nn_slice *s, double a, double b) { return gradient_matches_tol(s, a, b, 2e-4); }

static int gradient_at_points(nn_slice *s)
{
    const double pts[][2] = { { 0.0, 0.0 }, { 0.3, -0.2 }, { -0.7, 0.5 }, { 0.8, 0.8 }, { -1.0, -0.4 } };
    for (size_t k = 0; k < sizeof pts / sizeof pts[0]; k++)
        CHECK(gradient_matches(s, pts[k][0], pts[k][1]) == 0);
    return 0;
}

/* Each neuron's row of each direction has the norm of that neuron's weights,
 * to 1e-4 relative; everything outside the weight blocks is 0. */
static int rows_normalised(nn_trainer *t, const nn_slice *s)
{
    nn_model *m = nn_trainer_model(t);
    const float *theta = nn_model_params(m);
    int rows_seen = 0;
    for (int k = 0; k < 2; k++) {
        const float *d = nn_slice_direction(s, k);
        CHECK(d != NULL);
        for (int i = 0; i < nn_model_layer_count(m); i++) {
            const nn_layer_info li = nn_model_layer(m, i);
            for (size_t j = li.param_offset + li.n_weights; j < li.param_offset + li.n_params; j++)
                CHECK(d[j] == 0.0f);
            if (li.n_weights == 0) continue;
            const int rows = li.out.c;
            const size_t len = li.n_weights / (size_t)rows;
            CHECK(len * (size_t)rows == li.n_weights);
            for (int r = 0; r < rows; r++) {
                const size_t o = li.param_offset + (size_t)r * len;
                const double dn = nn_norm2(d + o, len), tn = nn_norm2(theta + o, len);
                CHECK_MSG(tn > 0.0 && fabs(dn - tn) <= 1e-4 * tn, "direction %d layer %d row %d: %g vs %g",
                          k, i, r, dn, tn);
                rows_seen++;
            }
        }
    }
    CHECK(rows_seen > 0);
    CHECK(nn_slice_direction(s, 2) == NULL);
    return 0;
}

/* The MLP of the brief (moons, 8-8 tanh), with and without L2 and input
 * normalisation, and with batch norm and dropout. */
static int origin_is_the_training_loss(void)
{
    const size_t before = nn_bytes_allocated();
    const struct { nn_model_desc md; float l2; int normalize; } cfg[] = {
        { moons_mlp(), 0.0f, 0 }, { moons_mlp(), 2.0f, 1 }, { moons_bn_dropout(), 0.5f, 1 },
    };
    for (size_t c = 0; c < sizeof cfg / sizeof cfg[0]; c++) {
        run r;
        CHECK(run_open(&r, &cfg[c].md, cfg[c].l2, cfg[c].normalize, 3) == 0);
        nn_slice *s = nn_slice_create(r.t, &r.tr, 7);
        CHECK_MSG(s != NULL, "%s", nn_last_error());
        const int rc = at_origin_is_train_loss(&r, s) || gradient_at_points(s) || rows_normalised(r.t, s);
        /* away from the origin the loss is another one */
        const double f0 = nn_slice_eval(s, 0, 0, NULL, NULL), f1 = nn_slice_eval(s, 0.5, -0.5, NULL, NULL);
        nn_slice_destroy(s);
        run_close(&r);
        CHECK_MSG(rc == 0, "configuration %zu", c);
        CHECK(fabs(f1 - f0) > 1e-3);
    }
    CHECK(nn_bytes_allocated() == before);
    return 0;
}

static int seeded_directions(void)
{
    run r;
    const nn_model_desc md = moons_mlp();
    CHECK(run_open(&r, &md, 0.0f, 0, 2) == 0);
    nn_slice *a = nn_slice_create(r.t, &r.tr, 11), *b = nn_slice_create(r.t, &r.tr, 11);
    nn_slice *c = nn_slice_create(r.t, &r.tr, 12);
    CHECK(a && b && c);
    const size_t np = nn_model_param_count(nn_trainer_model(r.t));
    const int same = memcmp(nn_slice_direction(a, 0), nn_slice_direction(b, 0), np * sizeof(float)) == 0 &&
                     memcmp(nn_slice_direction(a, 1), nn_slice_direction(b, 1), np * sizeof(float)) == 0;
    const int differ = memcmp(nn_slice_direction(a, 0), nn_slice_direction(c, 0), np * sizeof(float)) != 0 &&
                       memcmp(nn_slice_direction(a, 0), nn_slice_direction(a, 1), np * sizeof(float)) != 0;
    double ga1, gb1, ga2, gb2, ga3, gb3;
    const double fa = nn_slice_eval(a, 0.4, -0.6, &ga1, &gb1), fb = nn_slice_eval(b, 0.4, -0.6, &ga2, &gb2);
    const double fc = nn_slice_eval(c, 0.4, -0.6, &ga3, &gb3);
    nn_slice_destroy(a); nn_slice_destroy(b); nn_slice_destroy(c);
    run_close(&r);
    CHECK(same && differ);
    CHECK(fa == fb && ga1 == ga2 && gb1 == gb2);
    CHECK(fabs(fa - fc) > 1e-4 && fabs(ga1 - ga3) > 1e-4);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* Evaluating (with gradients) leaves the trainer's weights, gradients and
 * history alone, and the trainer may keep training while the slice lives. */
static int trainer_untouched(void)
{
    run r;
    const nn_model_desc md = moons_bn_dropout();
    CHECK(run_open(&r, &md, 0.1f, 1, 2) == 0);
    nn_model *m = nn_trainer_model(r.t);
    const size_t np = nn_model_param_count(m);
    float *w = malloc(np * sizeof *w), *g = malloc(np * sizeof *g);
    CHECK(w && g);
    memcpy(w, nn_model_params(m), np * sizeof *w);
    memcpy(g, nn_model_grads(m), np * sizeof *g);
    nn_slice *s = nn_slice_create(r.t, &r.tr, 3);
    CHECK(s != NULL);
    const double f0 = nn_slice_eval(s, 0, 0, NULL, NULL);
    double ga, gb;
    for (int k = 0; k < 20; k++) nn_slice_eval(s, 0.1 * k - 1.0, 0.05 * k, &ga, &gb);
    const int same = memcmp(w, nn_model_params(m), np * sizeof *w) == 0 &&
                     memcmp(g, nn_model_grads(m), np * sizeof *g) == 0;
    double loss, acc;
    nn_trainer_evaluate(r.t, &r.tr, 1, &loss, &acc);
    /* training on changes the trainer, not the slice */
    const int rc = nn_trainer_epoch(r.t);
    const double f0_after = nn_slice_eval(s, 0, 0, NULL, NULL);
    nn_slice_destroy(s);
    free(w); free(g);
    run_close(&r);
    CHECK(same);
    CHECK(loss == f0);
    CHECK(rc == NN_OK && f0_after == f0);
    return 0;
}

/* Adam on the slice surface from (0.8, 0.8): 50 updates end lower. */
static int adam_walks_downhill(void)
{
    run r;
    const nn_model_desc md = moons_mlp();
    CHECK(run_open(&r, &md, 0.0f, 0, 3) == 0);
    nn_slice *s = nn_slice_create(r.t, &r.tr, 7);
    CHECK(s != NULL);
    nn_surf_run_desc d = nn_surf_run_default(NN_SURF_BOWL);
    d.surf = nn_slice_surface(s);
    d.opt = nn_optim_desc_default(NN_OPT_ADAM);
    d.lr = 0.02f;
    d.start[0] = 0.8f;
    d.start[1] = 0.8f;
    nn_surf_walk w;
    int rc = nn_surf_walk_init(&w, &d);
    const double f_start = w.cur.f;
    for (int k = 0; k < 50 && rc == NN_OK; k++) rc = nn_surf_walk_step(&w);
    const nn_surf_sample end = w.cur;
    nn_surf_walk_free(&w);
    /* the surface is what nn_slice_eval says, and has no table row */
    const double direct = nn_slice_eval(s, 0.8f, 0.8f, NULL, NULL);
    const int no_row = nn_surf_info_get(d.surf.kind) == NULL;
    float view[4];
    nn_slice_view(s, view);
    float grid[3 * 3];
    const int grc = nn_surf_grid(&d.surf, view[0], view[1], view[2], view[3], 3, 3, grid);
    const double centre = nn_slice_eval(s, 0, 0, NULL, NULL);
    nn_slice_destroy(s);
    run_close(&r);
    CHECK(rc == NN_OK && end.step == 50);
    CHECK_MSG(end.f < f_start - 1e-3, "f from %g to %g", f_start, end.f);
    CHECK(direct == f_start && no_row);
    CHECK(view[0] == -1.0f && view[1] == 1.0f && view[2] == -1.0f && view[3] == 1.0f);
    CHECK(grc == NN_OK && grid[4] == (float)centre);
    return 0;
}

/* A 1x8x8 image set: class 1 when the left half is brighter. */
static void make_images(nn_dataset *ds, int n, uint64_t seed)
{
    memset(ds, 0, sizeof *ds);
    ds->n = n;
    ds->d = 64;
    ds->shape = (nn_shape){ 1, 8, 8 };
    ds->classes = 2;
    ds->y_dim = 1;
    ds->x = nn_alloc((size_t)n * 64 * sizeof(float));
    ds->y = nn_alloc((size_t)n * sizeof(float));
    nn_rng rng;
    nn_rng_seed(&rng, seed, NN_STREAM_DATA);
    for (int i = 0; i < n; i++) {
        double left = 0.0;
        for (int p = 0; p < 64; p++) {
            const float v = (float)nn_rng_uniform(&rng);
            ds->x[i * 64 + p] = v;
            left += (p % 8 < 4 ? v : -v);
        }
        ds->y[i] = left > 0.0 ? 1.0f : 0.0f;
    }
}

static int conv_network(void)
{
    nn_dataset tr;
    make_images(&tr, 300, 9);
    CHECK(tr.x && tr.y);
    nn_train_desc d = nn_train_desc_default();
    d.model = nn_model_desc_default();
    d.model.in = (nn_shape){ 1, 8, 8 };
    d.model.loss = NN_LOSS_SOFTMAX;
    nn_model_add(&d.model, nn_layer_conv2d(4, 3, 1, 1, NN_INIT_HE));
    nn_model_add(&d.model, nn_layer_act(NN_ACT_RELU));
    nn_model_add(&d.model, nn_layer_maxpool(2, 2));
    nn_model_add(&d.model, nn_layer_flatten());
    nn_model_add(&d.model, nn_layer_dense(2, NN_INIT_HE));
    d.lr = 0.05f;
    d.batch = 16;
    d.l2 = 0.5f;
    nn_trainer *t = nn_trainer_create(&d, &tr, NULL, NULL);
    CHECK_MSG(t != NULL, "%s", nn_last_error());
    CHECK(nn_trainer_epoch(t) == NN_OK);
    nn_slice *s = nn_slice_create(t, &tr, 4);
    CHECK_MSG(s != NULL, "%s", nn_last_error());
    const double want = train_loss(t);
    const double f0 = nn_slice_eval(s, 0, 0, NULL, NULL);
    /* ReLU and max-pooling are only piecewise smooth: see gradient_matches_tol. */
    const int grc = gradient_matches_tol(s, 0.0, 0.0, 3e-3) || gradient_matches_tol(s, 0.2, -0.3, 3e-3);
    const int nrc = rows_normalised(t, s);
    /* the conv layer's 4 filters are rows of 9 weights */
    const nn_layer_info conv = nn_model_layer(nn_trainer_model(t), 0);
    nn_slice_destroy(s);
    nn_trainer_destroy(t);
    nn_dataset_free(&tr);
    CHECK_MSG(fabs(f0 - want) <= 1e-6 * want, "f(0, 0) = %.9g, train_loss = %.9g", f0, want);
    CHECK(grc == 0 && nrc == 0);
    CHECK(conv.kind == NN_LAYER_CONV2D && conv.n_weights == 4 * 9 && conv.out.c == 4);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

static int bad_arguments(void)
{
    const size_t before = nn_bytes_allocated();
    run r;
    const nn_model_desc md = moons_mlp();
    CHECK(run_open(&r, &md, 0.0f, 0, 0) == 0);
    CHECK(nn_slice_create(NULL, &r.tr, 1) == NULL);
    CHECK_MSG(strstr(nn_last_error(), "NULL trainer") != NULL, "%s", nn_last_error());
    CHECK(nn_slice_create(r.t, NULL, 1) == NULL);
    CHECK_MSG(strstr(nn_last_error(), "training set is empty") != NULL, "%s", nn_last_error());
    nn_dataset empty = r.tr;
    empty.n = 0;
    CHECK(nn_slice_create(r.t, &empty, 1) == NULL);
    CHECK_MSG(strstr(nn_last_error(), "training set is empty") != NULL, "%s", nn_last_error());
    nn_dataset wide = r.tr;
    wide.d = 3;
    CHECK(nn_slice_create(r.t, &wide, 1) == NULL);
    CHECK_MSG(strstr(nn_last_error(), "3 inputs but the network expects 2") != NULL, "%s", nn_last_error());
    nn_dataset three = r.tr;
    three.classes = 3;
    CHECK(nn_slice_create(r.t, &three, 1) == NULL);
    CHECK_MSG(strstr(nn_last_error(), "binary loss needs 2 classes") != NULL, "%s", nn_last_error());
    /* a diverged network */
    nn_model_params(nn_trainer_model(r.t))[0] = NAN;
    CHECK(nn_slice_create(r.t, &r.tr, 1) == NULL);
    CHECK_MSG(strstr(nn_last_error(), "not finite") != NULL, "%s", nn_last_error());
    nn_model_params(nn_trainer_model(r.t))[0] = 0.5f;
    /* a non-finite point gives NaN, never a crash */
    nn_slice *s = nn_slice_create(r.t, &r.tr, 1);
    CHECK(s != NULL);
    double ga = 0, gb = 0;
    const double f = nn_slice_eval(s, NAN, 0.0, &ga, &gb);
    const double g = nn_slice_eval(s, 0.0, INFINITY, NULL, NULL);
    nn_slice_destroy(s);
    nn_slice_destroy(NULL);
    run_close(&r);
    CHECK(isnan(f) && isnan(ga) && isnan(gb) && isnan(g));
    CHECK(nn_bytes_allocated() == before);
    return 0;
}

static const test_case CASES[] = {
    { "origin_is_the_training_loss", origin_is_the_training_loss },
    { "seeded_directions", seeded_directions },
    { "trainer_untouched", trainer_untouched },
    { "adam_walks_downhill", adam_walks_downhill },
    { "conv_network", conv_network },
    { "bad_arguments", bad_arguments },
};
TEST_MAIN(CASES)
