/* Dropout, batch norm at evaluation, input normalisation, early stopping,
 * per-layer statistics, and the shared settings table. */
#include <stdlib.h>

#include "nn/config.h"
#include "nn/status.h"
#include "nn/tensor.h"
#include "test.h"

static nn_model *single_layer_model(nn_layer_desc l, int n)
{
    nn_model_desc d = nn_model_desc_default();
    d.in = (nn_shape){ n, 1, 1 };
    nn_model_add(&d, l);
    d.loss = NN_LOSS_MSE;
    return nn_model_create(&d, 1);
}

/* Inverted dropout: about P of the units are off, the kept ones are scaled by
 * 1/(1-P), so the mean activation is preserved; nothing is dropped at evaluation. */
static int dropout_preserves_mean(void)
{
    enum { R = 200, N = 100 };
    const float P = 0.3f;
    nn_model *m = single_layer_model(nn_layer_dropout(P), N);
    CHECK(m);
    float *x = malloc(R * N * sizeof *x);
    CHECK(x);
    for (int i = 0; i < R * N; i++) x[i] = 1.0f + (float)(i % 7) * 0.25f;   /* mean 1.75 */
    const float *y = nn_model_forward(m, x, R, 1);
    double sum_y = 0, sum_x = 0;
    int off = 0;
    for (int i = 0; i < R * N; i++) {
        sum_y += y[i];
        sum_x += x[i];
        if (y[i] == 0.0f) off++;
        else CHECK_NEAR(y[i], x[i] / (1.0f - P), 1e-5);
    }
    CHECK_NEAR((double)off / (R * N), P, 0.01);
    CHECK_NEAR(sum_y / sum_x, 1.0, 0.01);
    int rows;
    const uint8_t *mask = nn_model_dropout_mask(m, 0, &rows);
    CHECK(mask && rows == R);
    for (int i = 0; i < R * N; i++) CHECK(mask[i] == (y[i] != 0.0f));
    /* Backward passes gradient only through kept units, with the same scale. */
    float *dy = malloc(R * N * sizeof *dy);
    CHECK(dy);
    for (int i = 0; i < R * N; i++) dy[i] = 1.0f;
    nn_model_backward(m, dy);
    /* Evaluation: identity, and no mask. */
    y = nn_model_forward(m, x, R, 0);
    for (int i = 0; i < R * N; i++) CHECK(y[i] == x[i]);
    CHECK(nn_model_dropout_mask(m, 0, &rows) == NULL);
    free(x); free(dy);
    nn_model_destroy(m);
    return 0;
}

/* Batch norm: training output has mean 0 / variance 1 per feature (gamma 1,
 * beta 0); the running averages move toward the batch statistics; evaluation
 * uses the running averages, not the batch. */
static int batchnorm_train_and_eval(void)
{
    enum { R = 64, N = 3 };
    nn_model *m = single_layer_model(nn_layer_batchnorm(), N);
    CHECK(m);
    float x[R * N];
    for (int r = 0; r < R; r++)
        for (int j = 0; j < N; j++) x[r * N + j] = (float)(j + 1) * 10.0f + (float)(r % 8) - 3.5f;
    const float *y = nn_model_forward(m, x, R, 1);
    for (int j = 0; j < N; j++) {
        double s = 0, sq = 0;
        for (int r = 0; r < R; r++) { s += y[r * N + j]; sq += (double)y[r * N + j] * y[r * N + j]; }
        CHECK_NEAR(s / R, 0.0, 1e-5);
        CHECK_NEAR(sq / R, 1.0, 1e-3);
    }
    const float *bm, *bv, *rm, *rv;
    CHECK(nn_model_batchnorm_stats(m, 0, &bm, &bv, &rm, &rv) == N);
    /* Feature j has mean 10 (j+1) and variance of (r%8 - 3.5) = 5.25. */
    for (int j = 0; j < N; j++) {
        CHECK_NEAR(bm[j], 10.0 * (j + 1), 1e-4);
        CHECK_NEAR(bv[j], 5.25, 1e-4);
        CHECK_NEAR(rm[j], 0.1 * 10.0 * (j + 1), 1e-4);     /* 0.9 * 0 + 0.1 * mean */
        CHECK_NEAR(rv[j], 0.9 + 0.1 * 5.25, 1e-4);        /* 0.9 * 1 + 0.1 * var */
    }
    /* Evaluation of one row uses the running statistics. */
    y = nn_model_forward(m, x, 1, 0);
    for (int j = 0; j < N; j++)
        CHECK_NEAR(y[j], (x[j] - rm[j]) / sqrt(rv[j] + 1e-5), 1e-4);
    nn_model_destroy(m);
    return 0;
}

/* --normalize fits mu and sigma on train and applies them unchanged to dev:
 * forwarding the raw train mean through the trainer gives the input 0. */
static int normalisation_fitted_on_train(void)
{
    nn_config c = nn_config_default();
    CHECK(nn_config_set(&c, "data", "gauss", NULL) == NN_OK);
    CHECK(nn_config_set(&c, "normalize", "", NULL) == NN_OK);
    CHECK(nn_config_set(&c, "shift", "2", NULL) == NN_OK);      /* dev is far from train */
    CHECK(nn_config_set(&c, "layers", "none", NULL) == NN_OK);
    nn_run r;
    CHECK(nn_run_open(&r, &c) == NN_OK);
    double mean[2] = { 0, 0 }, sq[2] = { 0, 0 };
    for (int i = 0; i < r.train.n; i++)
        for (int k = 0; k < 2; k++) { mean[k] += r.train.x[2 * i + k]; sq[k] += (double)r.train.x[2 * i + k] * r.train.x[2 * i + k]; }
    float mu[2];
    for (int k = 0; k < 2; k++) mu[k] = (float)(mean[k] / r.train.n);
    nn_trainer_predict(r.trainer, mu, 1);
    int rows;
    const float *in = nn_model_activation(nn_trainer_model(r.trainer), -1, &rows);
    CHECK(rows == 1);
    CHECK_NEAR(in[0], 0.0, 1e-5);
    CHECK_NEAR(in[1], 0.0, 1e-5);
    /* A dev point is mapped with the *train* statistics: (x - mu_train) / sd_train. */
    const double sd0 = sqrt(sq[0] / r.train.n - (double)mu[0] * mu[0]);
    nn_trainer_predict(r.trainer, r.dev.x, 1);
    in = nn_model_activation(nn_trainer_model(r.trainer), -1, &rows);
    CHECK_NEAR(in[0], (r.dev.x[0] - mu[0]) / sd0, 1e-3);
    nn_run_close(&r);
    return 0;
}

/* Early stopping on a run that overfits: it stops before the epoch limit,
 * reports the best epoch, and the weights are those of the best epoch. */
static int early_stopping_restores_best(void)
{
    nn_config c = nn_config_default();
    const char *kv[][2] = { { "data", "spiral" }, { "samples", "150" }, { "noise", "0.4" },
                            { "layers", "64,64" }, { "opt", "adam" }, { "lr", "0.01" },
                            { "early-stop", "10" }, { "batch", "16" } };
    for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++) CHECK(nn_config_set(&c, kv[i][0], kv[i][1], NULL) == NN_OK);
    nn_run r;
    CHECK(nn_run_open(&r, &c) == NN_OK);
    int e = 0;
    while (!nn_trainer_state_get(r.trainer).stopped && e++ < 500) CHECK(nn_trainer_epoch(r.trainer) == NN_OK);
    const nn_trainer_state st = nn_trainer_state_get(r.trainer);
    CHECK_MSG(st.stopped, "did not stop in 500 epochs");
    CHECK(st.best_epoch < st.epoch && st.epoch - st.best_epoch == 10);
    int n;
    const nn_metrics *h = nn_trainer_history(r.trainer, &n);
    for (int i = 0; i < n; i++) CHECK(h[i].dev_loss >= h[st.best_epoch].dev_loss);
    double loss, acc;
    nn_trainer_evaluate(r.trainer, &r.dev, 0, &loss, &acc);
    CHECK_NEAR(loss, h[st.best_epoch].dev_loss, 1e-9);           /* restored weights */
    CHECK(nn_trainer_step(r.trainer) != NN_OK);                 /* and it stays stopped */
    nn_run_close(&r);
    return 0;
}

/* With sigmoid and tiny weights in a deep net the gradient vanishes toward the
 * input: layer 0's gradient norm is orders of magnitude below the last layer's. */
static int layer_stats_show_vanishing_gradients(void)
{
    nn_config c = nn_config_default();
    CHECK(nn_config_set(&c, "layers", "8,8,8,8,8,8", NULL) == NN_OK);
    CHECK(nn_config_set(&c, "act", "sigmoid", NULL) == NN_OK);
    CHECK(nn_config_set(&c, "init", "small", NULL) == NN_OK);
    c.train.capture_stats = 2;
    nn_run r;
    CHECK(nn_run_open(&r, &c) == NN_OK);
    CHECK(nn_trainer_step(r.trainer) == NN_OK);
    int n;
    const nn_layer_stats *s = nn_trainer_layer_stats(r.trainer, &n);
    CHECK(n == 13);
    CHECK(s[12].grad_norm > 1e6 * s[0].grad_norm);
    CHECK_NEAR(s[1].act_mean, 0.5, 0.01);      /* sigmoid of ~0 */
    int total = 0;
    for (int b = 0; b < NN_HIST_BINS; b++) total += s[1].hist[b];
    CHECK(total == 32 * 8);                    /* batch 32, 8 units */
    nn_run_close(&r);
    return 0;
}

/* The saturated fraction counts a sigmoid's outputs below 0.05 or above 0.95
 * and a tanh's beyond +-0.9 (the same flat ends: tanh(z) = 2 sigmoid(2z) - 1);
 * other layers have none. Inputs straddle each threshold. */
static int layer_stats_saturated_fraction(void)
{
    enum { N = 8 };
    static const float xs[N] = { -5.0f, -3.0f, -2.9f, 0.0f, 2.9f, 3.0f, 5.0f, 10.0f };   /* 5 beyond +-2.944 */
    static const float xt[N] = { -2.0f, -1.5f, -1.4f, 0.0f, 1.4f, 1.5f, 3.0f, 0.5f };    /* 4 beyond +-1.472 */
    static const struct { nn_act act; const float *x; double want; } cases[] = {
        { NN_ACT_SIGMOID, xs, 5.0 / N }, { NN_ACT_TANH, xt, 4.0 / N },
        { NN_ACT_RELU, xs, 0.0 }, { NN_ACT_LINEAR, xs, 0.0 },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        nn_model *m = single_layer_model(nn_layer_act(cases[c].act), N);
        CHECK(m);
        nn_model_forward(m, cases[c].x, 1, 1);
        nn_layer_stats s;
        nn_model_layer_stats(m, 0, 0.0f, 0.0f, &s);
        CHECK_NEAR(s.saturated, cases[c].want, 1e-12);
        nn_model_destroy(m);
    }
    /* A dense layer has no flat ends, whatever its outputs. */
    nn_model *m = single_layer_model(nn_layer_dense(N, NN_INIT_HE), N);
    CHECK(m);
    nn_model_forward(m, xs, 1, 1);
    nn_layer_stats s;
    nn_model_layer_stats(m, 0, 0.0f, 0.0f, &s);
    CHECK(s.saturated == 0.0);
    nn_model_destroy(m);
    return 0;
}

/* The settings table: set, get, errors that name the setting, suggestions. */
static int config_set_and_get(void)
{
    nn_config c = nn_config_default();
    char buf[64];
    CHECK(nn_config_set(&c, "lr", "0.03", NULL) == NN_OK);
    nn_config_get(&c, "lr", buf, sizeof buf);
    CHECK(strcmp(buf, "0.03") == 0);
    CHECK(nn_config_set(&c, "layers", "4,5,6", NULL) == NN_OK && c.n_hidden == 3 && c.hidden[2] == 6);
    nn_config_get(&c, "layers", buf, sizeof buf);
    CHECK(strcmp(buf, "4,5,6") == 0);
    CHECK(nn_config_set(&c, "batch", "all", NULL) == NN_OK && c.train.batch == 0);
    CHECK(nn_config_set(&c, "dropout", "0.5", NULL) == NN_OK && c.dropout[2] == 0.5f);
    CHECK(nn_config_set(&c, "lr", "abc", "--lr") == NN_ERR_ARG);
    CHECK(strstr(nn_last_error(), "--lr expects a number") != NULL);
    CHECK(nn_config_set(&c, "layers", "3,,4", NULL) == NN_ERR_ARG);
    CHECK(nn_config_set(&c, "lerning", "1", NULL) == NN_ERR_ARG);
    CHECK(strstr(nn_last_error(), "did you mean 'lr'") == NULL);   /* too far from 'lr' */
    CHECK(nn_config_set(&c, "dropuot", "0.1", NULL) == NN_ERR_ARG);
    CHECK(strstr(nn_last_error(), "did you mean 'dropout'") != NULL);
    /* a guess only within half the name: 'bogus' is 3 edits from 'loss', no guess */
    CHECK(nn_config_set(&c, "bogus", "1", NULL) == NN_ERR_ARG);
    CHECK_MSG(strstr(nn_last_error(), "did you mean") == NULL, "%s", nn_last_error());
    CHECK(nn_config_set(&c, "lrr", "1", NULL) == NN_ERR_ARG);
    CHECK(strstr(nn_last_error(), "did you mean 'lr'") != NULL);
    CHECK(nn_config_set(&c, "samles", "1", NULL) == NN_ERR_ARG);
    CHECK(strstr(nn_last_error(), "did you mean 'samples'") != NULL);
    int n;
    const nn_setting *s = nn_config_settings(&n);
    for (int i = 0; i < n; i++) CHECK(s[i].help && strlen(s[i].help) > 10);
    return 0;
}

static const test_case CASES[] = {
    { "dropout_preserves_mean", dropout_preserves_mean },
    { "batchnorm_train_and_eval", batchnorm_train_and_eval },
    { "normalisation_fitted_on_train", normalisation_fitted_on_train },
    { "early_stopping_restores_best", early_stopping_restores_best },
    { "layer_stats_show_vanishing_gradients", layer_stats_show_vanishing_gradients },
    { "layer_stats_saturated_fraction", layer_stats_saturated_fraction },
    { "config_set_and_get", config_set_and_get },
};
TEST_MAIN(CASES)
