/* The training-set figures from a fixed sample (nn_train_desc.train_eval,
 * the 'train-eval' setting; issue 15): which examples, that they stay the
 * same, that the figures are the loss over exactly those examples, and that
 * the whole set (all, or auto on a set up to NN_TRAIN_EVAL_AUTO) is what it was. */
#include <math.h>
#include <stdlib.h>

#include "nn/config.h"
#include "nn/status.h"
#include "nn/tensor.h"
#include "nn/trainer.h"
#include "test.h"

/* A spiral of `samples` examples (60 % train), a 16-16 softmax network, L2 on. */
typedef struct run { nn_dataset tr, dv, te; nn_trainer *t; } run;

static int run_open(run *r, int samples, int train_eval, uint64_t seed)
{
    nn_data_desc dd = nn_data_desc_default(NN_DATA_SPIRAL);
    dd.samples = samples;
    dd.seed = 1;
    if (nn_data_make(&dd, &r->tr, &r->dv, &r->te)) return 1;
    nn_train_desc d = nn_train_desc_default();
    d.model = nn_model_desc_mlp(2, (int[]){ 16, 16 }, 2, 3, NN_ACT_RELU, 0, NN_INIT_HE, NN_LOSS_SOFTMAX);
    d.batch = 32;
    d.l2 = 0.01f;
    d.seed = seed;
    d.train_eval = train_eval;
    r->t = nn_trainer_create(&d, &r->tr, &r->dv, &r->te);
    return r->t == NULL;
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
    double sq = 0.0;
    const float *p = nn_model_params(m);
    for (int i = 0; i < nn_model_layer_count(m); i++) {
        const nn_layer_info li = nn_model_layer(m, i);
        for (size_t j = 0; j < li.n_weights; j++) sq += (double)p[li.param_offset + j] * p[li.param_offset + j];
    }
    *loss = total / n + l2 / (2.0 * ds->n) * sq;
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

/* auto on a set larger than NN_TRAIN_EVAL_AUTO: a sample of that many, the
 * same rows as asking for that many by number. */
static int auto_large(void)
{
    run a, b;
    CHECK(run_open(&a, 20000, 0, 2) == 0 && run_open(&b, 20000, NN_TRAIN_EVAL_AUTO, 2) == 0);
    CHECK(a.tr.n == 12000);
    const int *ia, *ib;
    CHECK(nn_trainer_train_eval(a.t, &ia) == NN_TRAIN_EVAL_AUTO && ia != NULL);
    CHECK(nn_trainer_train_eval(b.t, &ib) == NN_TRAIN_EVAL_AUTO);
    CHECK(memcmp(ia, ib, NN_TRAIN_EVAL_AUTO * sizeof *ia) == 0);
    CHECK(row(a.t, 0)->train_loss == row(b.t, 0)->train_loss);
    run_close(&a); run_close(&b);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* A bad count is refused when the trainer is made, with its message. */
static int bad_desc(void)
{
    run a;
    CHECK(run_open(&a, 600, -5, 1) == 1);
    CHECK_MSG(strstr(nn_last_error(), "train_eval must be") != NULL, "%s", nn_last_error());
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
    CHECK(nn_config_set(&c, "train-eval", "auto", NULL) == NN_OK && c.train.train_eval == 0);
    const char *bad[] = { "0", "-5", "abc", "", "1.5", "100000001", "ALL" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(nn_config_set(&c, "train-eval", bad[i], "--train-eval") == NN_ERR_ARG);
        char want[200];
        snprintf(want, sizeof want, "--train-eval expects a number of training examples from 1 to 100000000, "
                                    "'all' or 'auto' (all up to 10000, else a sample of 10000), got '%s'", bad[i]);
        CHECK_MSG(strcmp(nn_last_error(), want) == 0, "%s", nn_last_error());
        CHECK(c.train.train_eval == 0);
    }
    return 0;
}

static const test_case CASES[] = {
    { "sample_rows", sample_rows },
    { "sample_figures", sample_figures },
    { "whole_set", whole_set },
    { "auto_large", auto_large },
    { "bad_desc", bad_desc },
    { "setting", setting },
};
TEST_MAIN(CASES)
