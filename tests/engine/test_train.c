/* Training on tiny problems with known outcomes, determinism, and the
 * trainer's bookkeeping (steps, examples, epochs, splits, divergence). */
#include <stdlib.h>

#include "nn/status.h"
#include "nn/tensor.h"
#include "nn/trainer.h"
#include "test.h"

typedef struct run { nn_dataset tr, dv, te; nn_trainer *t; } run;

static int run_open(run *r, nn_data_kind kind, const int *hidden, int n_hidden, int batch,
                    float lr, uint64_t seed)
{
    nn_data_desc dd = nn_data_desc_default(kind);
    dd.seed = seed;
    if (nn_data_make(&dd, &r->tr, &r->dv, &r->te)) return 1;
    nn_train_desc d = nn_train_desc_default();
    const int regression = r->tr.classes == 0;
    const nn_loss loss = regression ? NN_LOSS_MSE : r->tr.classes == 2 ? NN_LOSS_BCE : NN_LOSS_SOFTMAX;
    const int n_out = loss == NN_LOSS_SOFTMAX ? r->tr.classes : 1;
    d.model = nn_model_desc_mlp(r->tr.d, hidden, n_hidden, n_out, NN_ACT_RELU, 0, NN_INIT_HE, loss);
    d.batch = batch;
    d.lr = lr;
    d.seed = seed;
    r->t = nn_trainer_create(&d, &r->tr, &r->dv, &r->te);
    return r->t == NULL;
}

static void run_close(run *r)
{
    nn_trainer_destroy(r->t);
    nn_dataset_free(&r->tr); nn_dataset_free(&r->dv); nn_dataset_free(&r->te);
}

static const nn_metrics *last(const nn_trainer *t)
{
    int n;
    const nn_metrics *h = nn_trainer_history(t, &n);
    return &h[n - 1];
}

/* The split sizes follow the fractions; classes are balanced in spiral. */
static int split_sizes(void)
{
    nn_data_desc dd = nn_data_desc_default(NN_DATA_SPIRAL);
    dd.samples = 1000;
    dd.split[0] = 0.7f; dd.split[1] = 0.2f; dd.split[2] = 0.1f;
    nn_dataset tr, dv, te;
    CHECK(nn_data_make(&dd, &tr, &dv, &te) == NN_OK);
    CHECK(tr.n == 700 && dv.n == 200 && te.n == 100);
    CHECK(tr.classes == 3 && tr.d == 2);
    int count[3] = { 0 };
    for (int i = 0; i < tr.n; i++) count[(int)tr.y[i]]++;
    for (int k = 0; k < 3; k++) CHECK(count[k] > 200 && count[k] < 270);
    nn_dataset_free(&tr); nn_dataset_free(&dv); nn_dataset_free(&te);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* Shift moves dev/test (rotated and translated) but not train. */
static int shift_moves_dev_only(void)
{
    nn_data_desc a = nn_data_desc_default(NN_DATA_GAUSS), b = a;
    b.shift = 1.0f;
    nn_dataset ta, da, ea, tb, db, eb;
    CHECK(nn_data_make(&a, &ta, &da, &ea) == NN_OK);
    CHECK(nn_data_make(&b, &tb, &db, &eb) == NN_OK);
    for (int i = 0; i < ta.n * 2; i++) CHECK(ta.x[i] == tb.x[i]);
    double ma = 0, mb = 0;
    for (int i = 0; i < da.n; i++) { ma += da.x[2 * i]; mb += db.x[2 * i]; }
    CHECK(mb / db.n - ma / da.n > 0.2);      /* moved right by about 0.3 */
    nn_dataset_free(&ta); nn_dataset_free(&da); nn_dataset_free(&ea);
    nn_dataset_free(&tb); nn_dataset_free(&db); nn_dataset_free(&eb);
    return 0;
}

/* Bad data descriptions are refused with a message, not a crash. */
static int bad_data_desc(void)
{
    nn_data_desc d = nn_data_desc_default(NN_DATA_SPIRAL);
    nn_dataset tr, dv, te;
    d.classes = 1;
    CHECK(nn_data_make(&d, &tr, &dv, &te) == NN_ERR_ARG);
    CHECK(strstr(nn_last_error(), "classes") != NULL);
    d = nn_data_desc_default(NN_DATA_XOR);
    d.split[0] = 0.0f;
    CHECK(nn_data_make(&d, &tr, &dv, &te) == NN_ERR_ARG);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* Spiral with 3 classes, 32-32 ReLU, He, SGD 0.1, batch 32, 300 epochs: dev >= 0.95. */
static int spiral_reaches_095(void)
{
    run r;
    CHECK(run_open(&r, NN_DATA_SPIRAL, (const int[]){ 32, 32 }, 2, 32, 0.1f, 1) == 0);
    for (int e = 0; e < 300; e++) CHECK(nn_trainer_epoch(r.t) == NN_OK);
    CHECK_MSG(last(r.t)->dev_acc >= 0.95, "dev_acc %.3f", last(r.t)->dev_acc);
    run_close(&r);
    return 0;
}

/* Without a hidden layer the model is linear: spiral stays below 0.6. */
static int spiral_linear_underfits(void)
{
    run r;
    CHECK(run_open(&r, NN_DATA_SPIRAL, NULL, 0, 32, 0.1f, 1) == 0);
    for (int e = 0; e < 300; e++) CHECK(nn_trainer_epoch(r.t) == NN_OK);
    CHECK_MSG(last(r.t)->dev_acc < 0.6, "dev_acc %.3f", last(r.t)->dev_acc);
    CHECK(last(r.t)->train_acc < 0.6);
    run_close(&r);
    return 0;
}

static int xor_and_circle_small_net(void)
{
    const nn_data_kind kinds[] = { NN_DATA_XOR, NN_DATA_CIRCLE };
    for (int k = 0; k < 2; k++) {
        run r;
        CHECK(run_open(&r, kinds[k], (const int[]){ 8, 8 }, 2, 32, 0.1f, 1) == 0);
        for (int e = 0; e < 200; e++) CHECK(nn_trainer_epoch(r.t) == NN_OK);
        CHECK_MSG(last(r.t)->dev_acc >= 0.95, "%s dev_acc %.3f", nn_data_name(kinds[k]),
                  last(r.t)->dev_acc);
        run_close(&r);
    }
    return 0;
}

/* Regression: the noisy sine is fitted to about its noise level (0.1^2 = 0.01). */
static int sine_regression(void)
{
    run r;
    CHECK(run_open(&r, NN_DATA_SINE, (const int[]){ 16, 16 }, 2, 16, 0.05f, 1) == 0);
    for (int e = 0; e < 300; e++) CHECK(nn_trainer_epoch(r.t) == NN_OK);
    CHECK(last(r.t)->train_acc < 0);           /* no accuracy for regression */
    CHECK_MSG(last(r.t)->dev_loss < 0.03, "dev mse %.4f", last(r.t)->dev_loss);
    run_close(&r);
    return 0;
}

/* Same seed: bit-identical weights; other seed: different; reset replays. */
static int determinism(void)
{
    run a, b, c;
    CHECK(run_open(&a, NN_DATA_MOONS, (const int[]){ 8 }, 1, 10, 0.1f, 5) == 0);
    CHECK(run_open(&b, NN_DATA_MOONS, (const int[]){ 8 }, 1, 10, 0.1f, 5) == 0);
    CHECK(run_open(&c, NN_DATA_MOONS, (const int[]){ 8 }, 1, 10, 0.1f, 6) == 0);
    for (int e = 0; e < 5; e++) { nn_trainer_epoch(a.t); nn_trainer_epoch(b.t); nn_trainer_epoch(c.t); }
    nn_model *ma = nn_trainer_model(a.t), *mb = nn_trainer_model(b.t), *mc = nn_trainer_model(c.t);
    const size_t n = nn_model_param_count(ma);
    CHECK(memcmp(nn_model_params(ma), nn_model_params(mb), n * sizeof(float)) == 0);
    CHECK(memcmp(nn_model_params(ma), nn_model_params(mc), n * sizeof(float)) != 0);
    float *saved = malloc(n * sizeof *saved);
    CHECK(saved);
    memcpy(saved, nn_model_params(ma), n * sizeof *saved);
    nn_trainer_reset(a.t);
    CHECK(nn_trainer_state_get(a.t).steps == 0);
    for (int e = 0; e < 5; e++) nn_trainer_epoch(a.t);
    CHECK(memcmp(nn_model_params(ma), saved, n * sizeof *saved) == 0);
    free(saved);
    run_close(&a); run_close(&b); run_close(&c);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* Runs that differ only in batch size start from identical weights, and the
 * counters follow the batch: stochastic = n updates per epoch, full batch = 1. */
static int batch_sizes_share_start(void)
{
    run s, m, f;
    CHECK(run_open(&s, NN_DATA_CIRCLE, (const int[]){ 6 }, 1, 1, 0.05f, 3) == 0);
    CHECK(run_open(&m, NN_DATA_CIRCLE, (const int[]){ 6 }, 1, 32, 0.05f, 3) == 0);
    CHECK(run_open(&f, NN_DATA_CIRCLE, (const int[]){ 6 }, 1, 0, 0.05f, 3) == 0);
    const size_t n = nn_model_param_count(nn_trainer_model(s.t));
    CHECK(memcmp(nn_model_params(nn_trainer_model(s.t)), nn_model_params(nn_trainer_model(f.t)),
                 n * sizeof(float)) == 0);
    CHECK(memcmp(nn_model_params(nn_trainer_model(m.t)), nn_model_params(nn_trainer_model(f.t)),
                 n * sizeof(float)) == 0);
    nn_trainer_epoch(s.t); nn_trainer_epoch(m.t); nn_trainer_epoch(f.t);
    const int N = s.tr.n;   /* 360 */
    CHECK(last(s.t)->steps == N && last(s.t)->examples == N);
    CHECK(last(m.t)->steps == (N + 31) / 32 && last(m.t)->examples == N);
    CHECK(last(f.t)->steps == 1 && last(f.t)->examples == N);
    run_close(&s); run_close(&m); run_close(&f);
    return 0;
}

/* A learning rate far too large: the run stops diverged and says where. */
static int divergence_is_reported(void)
{
    run r;
    CHECK(run_open(&r, NN_DATA_SINE, (const int[]){ 16, 16 }, 2, 8, 1e4f, 1) == 0);
    int rc = NN_OK;
    for (int e = 0; e < 50 && rc == NN_OK; e++) rc = nn_trainer_epoch(r.t);
    CHECK(rc == NN_ERR_DIVERGED);
    const nn_trainer_state st = nn_trainer_state_get(r.t);
    CHECK(st.diverged);
    CHECK(strstr(st.why, "diverged at epoch") && strstr(st.why, "step"));
    CHECK(nn_trainer_step(r.t) == NN_ERR_DIVERGED);   /* stays halted */
    int n;
    const nn_metrics *h = nn_trainer_history(r.t, &n);
    for (int i = 0; i < n; i++) CHECK(isfinite(h[i].train_loss));   /* no NaN recorded */
    nn_trainer_reset(r.t);                                           /* reset recovers */
    CHECK(!nn_trainer_state_get(r.t).diverged);
    run_close(&r);
    return 0;
}

/* The L2 term: train_loss = data loss + lambda/(2m) sum W^2 over weights only. */
static int l2_cost_term(void)
{
    nn_data_desc dd = nn_data_desc_default(NN_DATA_GAUSS);
    nn_dataset tr, dv, te;
    CHECK(nn_data_make(&dd, &tr, &dv, &te) == NN_OK);
    nn_train_desc d = nn_train_desc_default();
    d.model = nn_model_desc_mlp(2, (const int[]){ 4 }, 1, 1, NN_ACT_TANH, 0, NN_INIT_XAVIER, NN_LOSS_BCE);
    nn_trainer *plain = nn_trainer_create(&d, &tr, &dv, &te);
    d.l2 = 3.0f;
    nn_trainer *reg = nn_trainer_create(&d, &tr, &dv, &te);
    CHECK(plain && reg);
    nn_model *m = nn_trainer_model(reg);
    const float *w = nn_model_params(m);
    double sq = 0;
    for (int i = 0; i < nn_model_layer_count(m); i++) {
        nn_layer_info li = nn_model_layer(m, i);
        for (size_t j = 0; j < li.n_weights; j++) sq += (double)w[li.param_offset + j] * w[li.param_offset + j];
    }
    int n;
    const double lp = nn_trainer_history(plain, &n)[0].train_loss;
    const double lr = nn_trainer_history(reg, &n)[0].train_loss;
    CHECK_NEAR(lr - lp, 3.0 / (2.0 * tr.n) * sq, 1e-6);
    nn_trainer_destroy(plain); nn_trainer_destroy(reg);
    nn_dataset_free(&tr); nn_dataset_free(&dv); nn_dataset_free(&te);
    return 0;
}

/* The L2 gradient: one SGD step with lambda moves each weight by an extra
 * lr * lambda/m * W relative to the same step without it; biases move the same. */
static int l2_weight_gradient(void)
{
    nn_data_desc dd = nn_data_desc_default(NN_DATA_GAUSS);
    nn_dataset tr, dv, te;
    CHECK(nn_data_make(&dd, &tr, &dv, &te) == NN_OK);
    nn_train_desc d = nn_train_desc_default();
    d.model = nn_model_desc_mlp(2, (const int[]){ 4 }, 1, 1, NN_ACT_TANH, 0, NN_INIT_XAVIER, NN_LOSS_BCE);
    d.batch = 0;
    d.lr = 0.5f;
    nn_trainer *plain = nn_trainer_create(&d, &tr, &dv, &te);
    d.l2 = 2.0f;
    nn_trainer *reg = nn_trainer_create(&d, &tr, &dv, &te);
    CHECK(plain && reg);
    nn_model *mp = nn_trainer_model(plain), *mr = nn_trainer_model(reg);
    const size_t n = nn_model_param_count(mr);
    float *w0 = malloc(n * sizeof *w0);
    CHECK(w0);
    memcpy(w0, nn_model_params(mr), n * sizeof *w0);
    CHECK(nn_trainer_step(plain) == NN_OK && nn_trainer_step(reg) == NN_OK);
    const float k = 0.5f * 2.0f / (float)tr.n;          /* lr * lambda / m */
    for (int i = 0; i < nn_model_layer_count(mr); i++) {
        const nn_layer_info li = nn_model_layer(mr, i);
        for (size_t j = 0; j < li.n_params; j++) {
            const size_t q = li.param_offset + j;
            const double extra = (double)nn_model_params(mr)[q] - nn_model_params(mp)[q];
            const double want = j < li.n_weights ? -k * w0[q] : 0.0;   /* biases: no decay */
            CHECK_NEAR(extra, want, 1e-6);
        }
    }
    free(w0);
    nn_trainer_destroy(plain); nn_trainer_destroy(reg);
    nn_dataset_free(&tr); nn_dataset_free(&dv); nn_dataset_free(&te);
    return 0;
}

static const test_case CASES[] = {
    { "l2_weight_gradient", l2_weight_gradient },
    { "split_sizes", split_sizes },
    { "shift_moves_dev_only", shift_moves_dev_only },
    { "bad_data_desc", bad_data_desc },
    { "spiral_reaches_095", spiral_reaches_095 },
    { "spiral_linear_underfits", spiral_linear_underfits },
    { "xor_and_circle_small_net", xor_and_circle_small_net },
    { "sine_regression", sine_regression },
    { "determinism", determinism },
    { "batch_sizes_share_start", batch_sizes_share_start },
    { "divergence_is_reported", divergence_is_reported },
    { "l2_cost_term", l2_cost_term },
};
TEST_MAIN(CASES)
