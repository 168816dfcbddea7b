/* The training-set figures from a fixed sample or from the epoch's running
 * average (nn_train_desc.train_eval, the 'train-eval' setting; issue 15):
 * which examples, that they stay the same, that the figures are the loss over
 * exactly those examples (or the mean of the epoch's batch losses and right
 * answers), that auto is running on a set larger than NN_TRAIN_EVAL_AUTO, and
 * that the whole set (all, or auto on a set up to NN_TRAIN_EVAL_AUTO) is what
 * it was. */
#include <math.h>
#include <stdlib.h>

#include "nn/config.h"
#include "nn/setup.h"
#include "nn/status.h"
#include "nn/tensor.h"
#include "nn/trainer.h"
#include "test.h"

/* A spiral of `samples` examples (60 % train), a 16-16 softmax network, L2 on. */
typedef struct run { nn_dataset tr, dv, te; nn_trainer *t; } run;

static int run_open_on(run *r, nn_data_kind kind, int samples, int train_eval, uint64_t seed)
{
    nn_data_desc dd = nn_data_desc_default(kind);
    dd.samples = samples;
    dd.seed = 1;
    if (nn_data_make(&dd, &r->tr, &r->dv, &r->te)) return 1;
    nn_train_desc d = nn_train_desc_default();
    d.model = kind == NN_DATA_SINE
        ? nn_model_desc_mlp(1, (int[]){ 16, 16 }, 2, 1, NN_ACT_TANH, 0, NN_INIT_XAVIER, NN_LOSS_MSE)
        : nn_model_desc_mlp(2, (int[]){ 16, 16 }, 2, 3, NN_ACT_RELU, 0, NN_INIT_HE, NN_LOSS_SOFTMAX);
    d.batch = 32;
    d.l2 = 0.01f;
    d.seed = seed;
    d.train_eval = train_eval;
    r->t = nn_trainer_create(&d, &r->tr, &r->dv, &r->te);
    return r->t == NULL;
}

static int run_open(run *r, int samples, int train_eval, uint64_t seed)
{
    return run_open_on(r, NN_DATA_SPIRAL, samples, train_eval, seed);
}

static void run_close(run *r)
{
    nn_trainer_destroy(r->t);
    nn_dataset_free(&r->tr); nn_dataset_free(&r->dv); nn_dataset_free(&r->te);
}

static const nn_metrics *row(const nn_trainer *t, int i)
{
    int n;
    return &nn_trainer_history(t, &n)[i];
}

/* lambda/(2m) times the model's squared weights (biases left out), m = the
 * whole training set of n examples. */
static double penalty(nn_model *m, float l2, int n)
{
    double sq = 0.0;
    const float *p = nn_model_params(m);
    for (int i = 0; i < nn_model_layer_count(m); i++) {
        const nn_layer_info li = nn_model_layer(m, i);
        for (size_t j = 0; j < li.n_weights; j++) sq += (double)p[li.param_offset + j] * p[li.param_offset + j];
    }
    return l2 / (2.0 * n) * sq;
}

/* Softmax cross-entropy and accuracy over rows idx[0..n) of the training set
 * (all rows when idx is NULL), computed here from the model's outputs, plus
 * lambda/(2m) times the squared weights (biases left out), m = the whole
 * training set: what train_loss means. */
static void reference(nn_trainer *t, const nn_dataset *ds, const int *idx, int n, float l2,
                      double *loss, double *acc)
{
    float *x = malloc((size_t)n * ds->d * sizeof *x);
    for (int r = 0; r < n; r++)
        for (int k = 0; k < ds->d; k++) x[r * ds->d + k] = ds->x[(size_t)(idx ? idx[r] : r) * ds->d + k];
    nn_model *m = nn_trainer_model(t);
    const float *z = nn_model_forward(m, x, n, 0);
    double total = 0.0;
    int right = 0;
    for (int r = 0; r < n; r++) {
        const float *zr = z + r * 3;
        const int y = (int)ds->y[idx ? idx[r] : r];
        int best = 0;
        double mx = zr[0], se = 0.0;
        for (int c = 1; c < 3; c++) if (zr[c] > mx) mx = zr[c];
        for (int c = 0; c < 3; c++) {
            se += exp(zr[c] - mx);
            if (zr[c] > zr[best]) best = c;
        }
        total += log(se) + mx - zr[y];
        right += best == y;
    }
    *loss = total / n + penalty(m, l2, ds->n);
    *acc = (double)right / n;
    free(x);
}

/* A sample of N: N distinct rows of the set, ascending; the same rows after
 * training epochs, for another trainer with the same seed; other rows for
 * another seed. */
static int sample_rows(void)
{
    run a, b, c;
    CHECK(run_open(&a, 600, 50, 7) == 0 && run_open(&b, 600, 50, 7) == 0 && run_open(&c, 600, 50, 8) == 0);
    CHECK(a.tr.n == 360);
    const int *ia, *ib, *ic;
    CHECK(nn_trainer_train_eval(a.t, &ia) == 50 && ia != NULL);
    int first[50];
    for (int i = 0; i < 50; i++) {
        CHECK(ia[i] >= 0 && ia[i] < a.tr.n);
        if (i) CHECK(ia[i] > ia[i - 1]);                 /* ascending, so distinct */
        first[i] = ia[i];
    }
    CHECK(ia[49] - ia[0] > 180);                          /* spread over the set, not its front */
    CHECK(nn_trainer_epoch(a.t) == NN_OK && nn_trainer_epoch(a.t) == NN_OK);
    nn_trainer_reset(a.t);
    CHECK(nn_trainer_epoch(a.t) == NN_OK);
    CHECK(nn_trainer_train_eval(a.t, &ia) == 50);
    CHECK(memcmp(ia, first, sizeof first) == 0);
    CHECK(nn_trainer_train_eval(b.t, &ib) == 50 && memcmp(ib, first, sizeof first) == 0);
    CHECK(nn_trainer_train_eval(c.t, &ic) == 50 && memcmp(ic, first, sizeof first) != 0);
    run_close(&a); run_close(&b); run_close(&c);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* Every row's train figures are the loss and accuracy over exactly the
 * sample, L2 term included; dev and test stay whole; and the sample's
 * figures are not the whole set's (the test would not see a mix-up). */
static int sample_figures(void)
{
    run a;
    CHECK(run_open(&a, 600, 50, 3) == 0);
    const int *idx;
    const int n = nn_trainer_train_eval(a.t, &idx);
    for (int e = 0; e <= 2; e++) {
        if (e) CHECK(nn_trainer_epoch(a.t) == NN_OK);
        const nn_metrics m = *row(a.t, e);
        double loss, acc, whole_loss, whole_acc, dev_loss, dev_acc;
        reference(a.t, &a.tr, idx, n, 0.01f, &loss, &acc);
        CHECK_NEAR(m.train_loss, loss, 1e-6 * loss);
        CHECK_NEAR(m.train_acc, acc, 1e-12);
        reference(a.t, &a.tr, NULL, a.tr.n, 0.01f, &whole_loss, &whole_acc);
        CHECK_MSG(fabs(whole_loss - loss) > 1e-4, "epoch %d: sample %g, whole set %g", e, loss, whole_loss);
        nn_trainer_evaluate(a.t, &a.dv, 0, &dev_loss, &dev_acc);
        CHECK(m.dev_loss == dev_loss && m.dev_acc == dev_acc);
    }
    run_close(&a);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* The whole set: 'all', 'auto' on a set of at most NN_TRAIN_EVAL_AUTO and a
 * sample at least as large as the set all give the same bits, the loss over
 * every training example; the sample changes nothing in training itself. */
static int whole_set(void)
{
    const int modes[] = { NN_TRAIN_EVAL_ALL, 0, 360, 100000 };
    run r[4], s;
    for (int k = 0; k < 4; k++) {
        CHECK(run_open(&r[k], 600, modes[k], 5) == 0);
        const int *idx = &k;
        CHECK(nn_trainer_train_eval(r[k].t, &idx) == r[k].tr.n && idx == NULL);
        CHECK(nn_trainer_train_running(r[k].t) == 0);
        CHECK(nn_trainer_epoch(r[k].t) == NN_OK && nn_trainer_epoch(r[k].t) == NN_OK);
    }
    CHECK(run_open(&s, 600, 40, 5) == 0);
    CHECK(nn_trainer_epoch(s.t) == NN_OK && nn_trainer_epoch(s.t) == NN_OK);
    for (int e = 0; e <= 2; e++) {
        const nn_metrics *a = row(r[0].t, e);
        for (int k = 1; k < 4; k++) {
            const nn_metrics *b = row(r[k].t, e);
            CHECK_MSG(a->train_loss == b->train_loss && a->train_acc == b->train_acc,
                      "epoch %d, mode %d: %.17g vs %.17g", e, modes[k], a->train_loss, b->train_loss);
        }
        double loss, acc;
        if (e == 2) {
            reference(r[0].t, &r[0].tr, NULL, r[0].tr.n, 0.01f, &loss, &acc);
            CHECK_NEAR(a->train_loss, loss, 1e-6 * loss);
            CHECK_NEAR(a->train_acc, acc, 1e-12);
        }
        const nn_metrics *m = row(s.t, e);           /* sampled: the same training, dev and test */
        CHECK(m->dev_loss == a->dev_loss && m->test_loss == a->test_loss && m->steps == a->steps);
        CHECK(m->train_loss != a->train_loss);
    }
    for (int k = 0; k < 4; k++) run_close(&r[k]);
    run_close(&s);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* One epoch of r, step by step, and what its running-average train figures
 * must be, worked out here: the loss of each batch as the trainer reported it
 * (state.batch_loss, which includes the L2 term of the weights before the
 * update: taken off again), weighted by the batch's rows, averaged over the
 * epoch, plus the L2 term of the epoch's final weights; the accuracy = the
 * batches' right answers, each batch's counted here from the weights before
 * its update (kept batch rows, reference()) / the set's size. */
static int running_epoch(run *r, float l2, double *want_loss, double *want_acc)
{
    nn_model *m = nn_trainer_model(r->t);
    const size_t np = nn_model_param_count(m);
    float *before = malloc(np * sizeof *before), *after = malloc(np * sizeof *after);
    CHECK(before && after && nn_trainer_keep_batch(r->t, 64) == NN_OK);
    const int e = nn_trainer_state_get(r->t).epoch, classes = r->tr.classes;
    double sum = 0.0;
    long right = 0, rows = 0;
    while (nn_trainer_state_get(r->t).epoch == e) {
        memcpy(before, nn_model_params(m), np * sizeof *before);
        const double pen = penalty(m, l2, r->tr.n);
        const long ex0 = nn_trainer_state_get(r->t).examples;
        CHECK(nn_trainer_step(r->t) == NN_OK);
        const nn_trainer_state st = nn_trainer_state_get(r->t);
        const int B = (int)(st.examples - ex0);
        sum += (st.batch_loss - pen) * B;
        rows += B;
        if (classes) {
            int kept;
            const int *idx;
            CHECK(nn_trainer_kept_batch(r->t, &kept, &idx) != NULL && kept == B);
            memcpy(after, nn_model_params(m), np * sizeof *after);
            memcpy(nn_model_params(m), before, np * sizeof *before);
            double loss, acc;
            reference(r->t, &r->tr, idx, B, 0.0f, &loss, &acc);
            CHECK_NEAR(loss, st.batch_loss - pen, 1e-6 * loss);   /* the rows are the batch's */
            right += lround(acc * B);
            memcpy(nn_model_params(m), after, np * sizeof *after);
        }
    }
    CHECK(rows == r->tr.n);
    *want_loss = sum / rows + penalty(m, l2, r->tr.n);
    *want_acc = classes ? (double)right / rows : -1.0;
    free(before); free(after);
    return 0;
}

/* running: rows 1 and 2 are the running averages worked out by hand, over a
 * set whose last batch is short (10,200 = 318 x 32 + 24, so the weighting
 * counts); not the evaluated figures of the same weights; dev and test and
 * training itself as with a sample. */
static int running_figures(void)
{
    run a, s;
    CHECK(run_open(&a, 17000, NN_TRAIN_EVAL_RUNNING, 3) == 0 && run_open(&s, 17000, NN_TRAIN_EVAL_AUTO, 3) == 0);
    CHECK(a.tr.n == 10200 && a.tr.n % 32 != 0);
    CHECK(nn_trainer_train_running(a.t) == 1 && nn_trainer_train_running(s.t) == 0);
    for (int e = 1; e <= 2; e++) {
        double loss, acc, whole_loss, whole_acc;
        CHECK(running_epoch(&a, 0.01f, &loss, &acc) == 0);
        CHECK(nn_trainer_epoch(s.t) == NN_OK);
        const nn_metrics *m = row(a.t, e), *ms = row(s.t, e);
        CHECK_MSG(fabs(m->train_loss - loss) <= 1e-12 * loss, "epoch %d: %.17g, by hand %.17g", e, m->train_loss, loss);
        CHECK_MSG(m->train_acc == acc, "epoch %d: %.17g, by hand %.17g", e, m->train_acc, acc);
        reference(a.t, &a.tr, NULL, a.tr.n, 0.01f, &whole_loss, &whole_acc);
        CHECK_MSG(fabs(whole_loss - loss) > 1e-3, "epoch %d: running %g, evaluated %g", e, loss, whole_loss);
        CHECK(m->dev_loss == ms->dev_loss && m->test_loss == ms->test_loss && m->steps == ms->steps);
        CHECK(m->train_loss != ms->train_loss);
    }
    run_close(&a); run_close(&s);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* Regression: the loss is the running average, the accuracy stays -1. */
static int running_regression(void)
{
    run a;
    CHECK(run_open_on(&a, NN_DATA_SINE, 600, NN_TRAIN_EVAL_RUNNING, 2) == 0);
    CHECK(a.tr.classes == 0 && row(a.t, 0)->train_acc == -1.0);
    double loss, acc;
    CHECK(running_epoch(&a, 0.01f, &loss, &acc) == 0);
    CHECK_MSG(fabs(row(a.t, 1)->train_loss - loss) <= 1e-12 * loss, "%.17g, by hand %.17g",
              row(a.t, 1)->train_loss, loss);
    CHECK(row(a.t, 1)->train_acc == -1.0);
    run_close(&a);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* Row 0 (no batches yet) of running is an evaluation: of the sample auto and
 * N = NN_TRAIN_EVAL_AUTO take on a larger set, of the whole set on one no
 * larger; nn_trainer_train_eval names those rows. */
static int running_row0(void)
{
    run a, b, c, d;
    CHECK(run_open(&a, 20000, NN_TRAIN_EVAL_RUNNING, 2) == 0 && run_open(&b, 20000, NN_TRAIN_EVAL_AUTO, 2) == 0);
    CHECK(run_open(&c, 600, NN_TRAIN_EVAL_RUNNING, 2) == 0 && run_open(&d, 600, NN_TRAIN_EVAL_ALL, 2) == 0);
    const int *ia, *ib, *ic;
    CHECK(nn_trainer_train_eval(a.t, &ia) == NN_TRAIN_EVAL_AUTO && ia != NULL);
    CHECK(nn_trainer_train_eval(b.t, &ib) == NN_TRAIN_EVAL_AUTO);
    CHECK(memcmp(ia, ib, NN_TRAIN_EVAL_AUTO * sizeof *ia) == 0);
    double loss, acc;
    reference(a.t, &a.tr, ia, NN_TRAIN_EVAL_AUTO, 0.01f, &loss, &acc);
    CHECK_NEAR(row(a.t, 0)->train_loss, loss, 1e-6 * loss);
    CHECK(row(a.t, 0)->train_loss == row(b.t, 0)->train_loss && row(a.t, 0)->train_acc == row(b.t, 0)->train_acc);
    CHECK(nn_trainer_train_eval(c.t, &ic) == c.tr.n && ic == NULL);
    CHECK(row(c.t, 0)->train_loss == row(d.t, 0)->train_loss && row(c.t, 0)->train_acc == row(d.t, 0)->train_acc);
    /* After a reset and after loading weights row 0 is evaluated again. */
    CHECK(nn_trainer_epoch(a.t) == NN_OK);
    nn_trainer_reset(a.t);
    int n;
    CHECK(nn_trainer_history(a.t, &n) && n == 1 && row(a.t, 0)->train_loss == row(b.t, 0)->train_loss);
    const size_t np = nn_model_param_count(nn_trainer_model(b.t));
    CHECK(nn_trainer_epoch(b.t) == NN_OK);
    CHECK(nn_trainer_load_params(a.t, nn_model_params(nn_trainer_model(b.t)), np) == NN_OK);
    reference(a.t, &a.tr, ia, NN_TRAIN_EVAL_AUTO, 0.01f, &loss, &acc);
    CHECK_NEAR(row(a.t, 0)->train_loss, loss, 1e-6 * loss);
    CHECK(row(a.t, 0)->train_acc == acc);
    run_close(&a); run_close(&b); run_close(&c); run_close(&d);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* The running sums start from nothing at every epoch and after a reset: a
 * reset half-way through an epoch, then a whole epoch, gives the bits of a
 * fresh trainer's first epoch; the history does not change mid-epoch. */
static int running_restarts(void)
{
    run a, b;
    CHECK(run_open(&a, 600, NN_TRAIN_EVAL_RUNNING, 4) == 0 && run_open(&b, 600, NN_TRAIN_EVAL_RUNNING, 4) == 0);
    int n;
    for (int i = 0; i < 5; i++) CHECK(nn_trainer_step(a.t) == NN_OK);
    CHECK(nn_trainer_history(a.t, &n) && n == 1);
    nn_trainer_reset(a.t);
    for (int e = 0; e < 2; e++) CHECK(nn_trainer_epoch(a.t) == NN_OK && nn_trainer_epoch(b.t) == NN_OK);
    for (int e = 1; e <= 2; e++)
        CHECK_MSG(row(a.t, e)->train_loss == row(b.t, e)->train_loss && row(a.t, e)->train_acc == row(b.t, e)->train_acc,
                  "epoch %d: %.17g vs %.17g", e, row(a.t, e)->train_loss, row(b.t, e)->train_loss);
    run_close(&a); run_close(&b);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* A bounded history (the window's) keeps the running rows as they were
 * recorded, and early stopping (which reads the dev loss) stops at the same
 * epoch with the same best epoch whatever the train figures' source. */
static int running_history_and_early_stop(void)
{
    run a, b;
    CHECK(run_open(&a, 600, NN_TRAIN_EVAL_RUNNING, 6) == 0 && run_open(&b, 600, NN_TRAIN_EVAL_RUNNING, 6) == 0);
    nn_trainer_set_history_limit(a.t, 4);
    for (int e = 0; e < 7; e++) CHECK(nn_trainer_epoch(a.t) == NN_OK && nn_trainer_epoch(b.t) == NN_OK);
    int na, nb;
    const nn_metrics *ha = nn_trainer_history(a.t, &na), *hb = nn_trainer_history(b.t, &nb);
    CHECK(na <= 4 && nb == 8 && ha[0].epoch == 0 && ha[na - 1].epoch == 7);
    for (int i = 0; i < na; i++)
        CHECK(ha[i].train_loss == hb[ha[i].epoch].train_loss && ha[i].train_acc == hb[ha[i].epoch].train_acc);
    run_close(&a); run_close(&b);

    nn_trainer_state st[2];
    const int modes[2] = { NN_TRAIN_EVAL_RUNNING, NN_TRAIN_EVAL_ALL };
    for (int k = 0; k < 2; k++) {
        nn_data_desc dd = nn_data_desc_default(NN_DATA_MOONS);
        dd.samples = 200;
        dd.noise = 0.4f;
        dd.seed = 1;
        CHECK(nn_data_make(&dd, &a.tr, &a.dv, &a.te) == 0);
        nn_train_desc d = nn_train_desc_default();
        d.model = nn_model_desc_mlp(2, (int[]){ 64, 64 }, 2, 2, NN_ACT_RELU, 0, NN_INIT_HE, NN_LOSS_SOFTMAX);
        d.lr = 0.5f;
        d.early_stop = 3;
        d.train_eval = modes[k];
        CHECK((a.t = nn_trainer_create(&d, &a.tr, &a.dv, &a.te)) != NULL);
        for (int e = 0; e < 300 && !nn_trainer_state_get(a.t).stopped; e++) CHECK(nn_trainer_epoch(a.t) == NN_OK);
        st[k] = nn_trainer_state_get(a.t);
        CHECK_MSG(st[k].stopped, "mode %d never stopped", modes[k]);
        run_close(&a);
    }
    CHECK(st[0].epoch == st[1].epoch && st[0].best_epoch == st[1].best_epoch);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* auto on a set larger than NN_TRAIN_EVAL_AUTO is running: the same history,
 * bit for bit, as asking for running; row 0 from the sample of that many,
 * the same rows as asking for that many by number. */
static int auto_large(void)
{
    run a, b, c;
    CHECK(run_open(&a, 20000, 0, 2) == 0 && run_open(&b, 20000, NN_TRAIN_EVAL_AUTO, 2) == 0);
    CHECK(run_open(&c, 20000, NN_TRAIN_EVAL_RUNNING, 2) == 0);
    CHECK(a.tr.n == 12000);
    CHECK(nn_trainer_train_running(a.t) == 1 && nn_trainer_train_running(b.t) == 0);
    const int *ia, *ib;
    CHECK(nn_trainer_train_eval(a.t, &ia) == NN_TRAIN_EVAL_AUTO && ia != NULL);
    CHECK(nn_trainer_train_eval(b.t, &ib) == NN_TRAIN_EVAL_AUTO);
    CHECK(memcmp(ia, ib, NN_TRAIN_EVAL_AUTO * sizeof *ia) == 0);
    CHECK(row(a.t, 0)->train_loss == row(b.t, 0)->train_loss);
    for (int e = 0; e < 2; e++)
        CHECK(nn_trainer_epoch(a.t) == NN_OK && nn_trainer_epoch(b.t) == NN_OK && nn_trainer_epoch(c.t) == NN_OK);
    int na, nc;
    const nn_metrics *ha = nn_trainer_history(a.t, &na), *hc = nn_trainer_history(c.t, &nc);
    CHECK(na == 3 && nc == 3);
    for (int e = 0; e < 3; e++) {
        nn_metrics x = ha[e], y = hc[e];
        x.seconds = y.seconds = 0.0;
        CHECK_MSG(memcmp(&x, &y, sizeof x) == 0, "epoch %d", e);
    }
    CHECK(ha[1].train_loss != row(b.t, 1)->train_loss && ha[1].dev_loss == row(b.t, 1)->dev_loss);
    run_close(&a); run_close(&b); run_close(&c);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* A bad count is refused when the trainer is made, with its message. */
static int bad_desc(void)
{
    run a;
    CHECK(run_open(&a, 600, -3, 1) == 1);
    CHECK_MSG(strcmp(nn_last_error(), "train_eval must be >= 1, 0 (auto), -1 (all) or -2 (running), got -3") == 0,
              "%s", nn_last_error());
    nn_trainer_destroy(a.t);
    nn_dataset_free(&a.tr); nn_dataset_free(&a.dv); nn_dataset_free(&a.te);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* The setting: auto (the default), all, a count; anything else one message. */
static int setting(void)
{
    nn_config c = nn_config_default();
    char v[32];
    nn_config_get(&c, "train-eval", v, sizeof v);
    CHECK(strcmp(v, "auto") == 0 && c.train.train_eval == 0);
    CHECK(nn_config_set(&c, "train-eval", "all", NULL) == NN_OK && c.train.train_eval == NN_TRAIN_EVAL_ALL);
    nn_config_get(&c, "train-eval", v, sizeof v);
    CHECK(strcmp(v, "all") == 0);
    CHECK(nn_config_set(&c, "train-eval", "2500", NULL) == NN_OK && c.train.train_eval == 2500);
    nn_config_get(&c, "train-eval", v, sizeof v);
    CHECK(strcmp(v, "2500") == 0);
    CHECK(nn_config_set(&c, "train-eval", "running", NULL) == NN_OK && c.train.train_eval == NN_TRAIN_EVAL_RUNNING);
    nn_config_get(&c, "train-eval", v, sizeof v);
    CHECK(strcmp(v, "running") == 0);
    CHECK(nn_config_set(&c, "train-eval", "auto", NULL) == NN_OK && c.train.train_eval == 0);
    const char *bad[] = { "0", "-5", "-3", "-2", "-1", "abc", "", "1.5", "100000001", "ALL", "runing", "Running" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(nn_config_set(&c, "train-eval", bad[i], "--train-eval") == NN_ERR_ARG);
        char want[200];
        snprintf(want, sizeof want, "--train-eval expects a number of training examples from 1 to 100000000, "
                                    "'all', 'running' or 'auto' (all up to 10000, else running), got '%s'", bad[i]);
        CHECK_MSG(strcmp(nn_last_error(), want) == 0, "%s", nn_last_error());
        CHECK(c.train.train_eval == 0);
    }
    return 0;
}

/* A setup file keeps each value: written as the setting reads, read back the same. */
static int setup_round_trip(void)
{
    const char *values[] = { "running", "all", "auto", "2500" };
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        static nn_setup st, back;
        nn_setup_init(&st);
        CHECK(nn_config_set(&st.cfg, "train-eval", values[i], NULL) == NN_OK);
        char text[16384] = "", line[64];
        FILE *f = fmemopen(text, sizeof text - 1, "w");
        CHECK(f && nn_setup_write(f, &st, NULL) == NN_OK);
        fclose(f);
        snprintf(line, sizeof line, "\ntrain-eval = %s\n", values[i]);
        CHECK_MSG(strstr(text, line) != NULL, "%s", text);
        nn_setup_init(&back);
        CHECK(nn_setup_parse(text, strlen(text), "t.setup", &back) == NN_OK);
        CHECK(back.cfg.train.train_eval == st.cfg.train.train_eval);
    }
    return 0;
}

/* Rows per evaluation pass (nn_model_eval_rows): as many as keep the
 * model's per-row buffers (every layer's output and its gradient, 4 bytes
 * each) within 8 MB, from 256 to 1024. */
static int eval_rows_rule(void)
{
    const struct { int width; int want; } mlps[] = {
        { 256, 1024 },                /* (256 + 256 + 10) x 8 B = 4,176 B a row: 2,008 -> 1024 */
        { 1024, 509 },                /* 16,464 B a row */
        { 4096, 256 },                /* 65,616 B a row: 127 -> 256 */
    };
    for (size_t k = 0; k < sizeof mlps / sizeof mlps[0]; k++) {
        const nn_model_desc d = nn_model_desc_mlp(784, (int[]){ mlps[k].width }, 1, 10, NN_ACT_RELU, 0,
                                                  NN_INIT_HE, NN_LOSS_SOFTMAX);
        nn_model *m = nn_model_create(&d, 1);
        CHECK(m != NULL);
        CHECK_MSG(nn_model_eval_rows(m) == mlps[k].want, "width %d: %d rows", mlps[k].width,
                  nn_model_eval_rows(m));
        nn_model_destroy(m);
    }
    /* the README's CNN (about 350 KB a row) stays at the floor */
    nn_model_desc c = nn_model_desc_default();
    c.in = (nn_shape){ 1, 28, 28 };
    c.loss = NN_LOSS_SOFTMAX;
    const nn_layer_desc layers[] = {
        nn_layer_conv2d(16, 3, 1, 1, NN_INIT_HE), nn_layer_act(NN_ACT_RELU), nn_layer_maxpool(2, 2),
        nn_layer_conv2d(32, 3, 1, 1, NN_INIT_HE), nn_layer_act(NN_ACT_RELU), nn_layer_maxpool(2, 2),
        nn_layer_flatten(), nn_layer_dense(128, NN_INIT_HE), nn_layer_act(NN_ACT_RELU),
        nn_layer_dense(10, NN_INIT_HE),
    };
    for (size_t k = 0; k < sizeof layers / sizeof layers[0]; k++) CHECK(nn_model_add(&c, layers[k]) == NN_OK);
    nn_model *m = nn_model_create(&c, 1);
    CHECK_MSG(m != NULL, "%s", nn_last_error());
    CHECK(nn_model_eval_rows(m) == 256);
    nn_model_destroy(m);
    return 0;
}

/* The name the CLI's lines give the train figures' source, both forms. */
static int source_names(void)
{
    static const struct { int samples, train_eval; const char *brief, *row0; } cases[] = {
        { 500, NN_TRAIN_EVAL_ALL, "all", "all" },
        { 500, 100, "100", "100 of 300" },
        { 500, NN_TRAIN_EVAL_RUNNING, "running", "running (row 0: all)" },
        { 20000, 0, "running", "running (row 0: 10000 of 12000)" },
        { 20000, NN_TRAIN_EVAL_AUTO, "10000", "10000 of 12000" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        run r;
        CHECK(run_open(&r, cases[k].samples, cases[k].train_eval, 2) == 0);
        char buf[48];
        const char *got = nn_trainer_train_eval_name(r.t, 0, buf, sizeof buf);
        CHECK_MSG(got == buf && strcmp(buf, cases[k].brief) == 0, "case %zu: '%s'", k, buf);
        nn_trainer_train_eval_name(r.t, 1, buf, sizeof buf);
        CHECK_MSG(strcmp(buf, cases[k].row0) == 0, "case %zu: '%s'", k, buf);
        run_close(&r);
    }
    return 0;
}

static const test_case CASES[] = {
    { "eval_rows_rule", eval_rows_rule },
    { "sample_rows", sample_rows },
    { "sample_figures", sample_figures },
    { "whole_set", whole_set },
    { "running_figures", running_figures },
    { "running_regression", running_regression },
    { "running_row0", running_row0 },
    { "running_restarts", running_restarts },
    { "running_history_and_early_stop", running_history_and_early_stop },
    { "auto_large", auto_large },
    { "source_names", source_names },
    { "bad_desc", bad_desc },
    { "setting", setting },
    { "setup_round_trip", setup_round_trip },
};
TEST_MAIN(CASES)
