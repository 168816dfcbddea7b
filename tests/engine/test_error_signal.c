/* The error signal of each unit (nn_model_error_signal, captured by the
 * trainer as nn_trainer_error_signal): the mean over a batch's examples of
 * |d loss_example / d z_u|, the size of the backpropagated delta.
 *
 * It is checked against central differences that never touch the backward
 * pass: a unit's bias enters only its own pre-activation z_u, so for one
 * example alone d loss / d bias_u = d loss / d z_u. Each example's delta is
 * that difference on a batch of one; the signal of the batch is the mean of
 * their absolute values. The trainer's capture is checked against a separate
 * model built from the same description and seed, given the whole training
 * set as one batch (order does not change a sum), so the capture must happen
 * after the backward and before the epoch end's evaluation (a forward pass
 * that invalidates the backward's buffers) and the update.
 */
#include <stdlib.h>

#include "nn/config.h"
#include "nn/loss.h"
#include "nn/model.h"
#include "nn/rng.h"
#include "nn/status.h"
#include "test.h"

enum { B = 5, N_IN = 3 };

static nn_model *small_mlp(nn_loss loss, int n_out)
{
    const int hidden[2] = { 6, 4 };
    nn_model_desc d = nn_model_desc_mlp(N_IN, hidden, 2, n_out, NN_ACT_TANH, 0.0f, NN_INIT_XAVIER, loss);
    d.layers[3].act = NN_ACT_SIGMOID;        /* dense, tanh, dense, sigmoid, dense */
    return nn_model_create(&d, 7);
}

/* The mean loss of rows [first, first + n) of x, y. */
static double loss_of(nn_model *m, const float *x, const float *y, int first, int n)
{
    const int n_out = nn_model_n_out(m), y_dim = nn_model_get_desc(m)->loss == NN_LOSS_MSE ? n_out : 1;
    const float *z = nn_model_forward(m, x + (size_t)first * N_IN, n, 1);
    return nn_loss_eval(nn_model_get_desc(m)->loss, z, y + (size_t)first * y_dim, n, n_out, NULL, NULL);
}

static int against_central_differences(nn_loss loss, int n_out, const float *y)
{
    nn_model *m = small_mlp(loss, n_out);
    CHECK(m);
    nn_rng r;
    nn_rng_seed(&r, 3, 0);
    float x[B * N_IN];
    for (int i = 0; i < B * N_IN; i++) x[i] = (float)(2.0 * nn_rng_uniform(&r) - 1.0);
    /* The model's big weights make the deltas differ clearly from unit to unit. */
    float *w = nn_model_params(m);
    for (size_t i = 0; i < nn_model_param_count(m); i++) w[i] *= 2.0f;

    float out[8];
    CHECK(nn_model_error_signal(m, 0, out, 8) == 0);          /* before any backward: none */
    const float *z = nn_model_forward(m, x, B, 1);
    float dz[B * 4];
    nn_model_zero_grad(m);
    nn_loss_eval(loss, z, y, B, n_out, dz, NULL);
    nn_model_backward(m, dz);
    float signal[3][8];
    const int dense[3] = { 0, 2, 4 }, units[3] = { 6, 4, n_out };
    for (int k = 0; k < 3; k++) CHECK(nn_model_error_signal(m, dense[k], signal[k], 8) == units[k]);
    CHECK(nn_model_error_signal(m, 0, out, 2) == 2);          /* n caps the count */

    const float eps = 1e-3f;
    for (int k = 0; k < 3; k++) {
        const nn_layer_info li = nn_model_layer(m, dense[k]);
        for (int u = 0; u < units[k]; u++) {
            float *bias = nn_model_params(m) + li.param_offset + li.n_weights + u;
            double expect = 0.0;
            for (int b = 0; b < B; b++) {
                const float saved = *bias;
                *bias = saved + eps; const double fp = loss_of(m, x, y, b, 1);
                *bias = saved - eps; const double fm = loss_of(m, x, y, b, 1);
                *bias = saved;
                expect += fabs((fp - fm) / (2.0 * eps)) / B;
            }
            CHECK_MSG(fabs(expect - signal[k][u]) <= 1e-2 * expect + 2e-5,
                      "%s loss, layer %d unit %d: central differences %.6g, error signal %.6g",
                      nn_loss_name(loss), dense[k], u, expect, (double)signal[k][u]);
        }
    }
    /* A forward pass invalidates the backward's buffers: no signal until the next backward. */
    nn_model_forward(m, x, B, 0);
    CHECK(nn_model_error_signal(m, 2, out, 8) == 0);
    nn_model_destroy(m);
    return 0;
}

static int error_signal_softmax_matches_central_differences(void)
{
    const float y[B] = { 0, 2, 1, 2, 0 };
    return against_central_differences(NN_LOSS_SOFTMAX, 3, y);
}

static int error_signal_mse_matches_central_differences(void)
{
    const float y[B * 2] = { 0.5f, -1, 0.2f, 0.3f, -0.7f, 1, 0, 0.1f, 2, -2 };
    return against_central_differences(NN_LOSS_MSE, 2, y);
}

/* A (C, H, W) output: one value per channel, the positions averaged, by hand
 * from the backward's own dL/d output. */
static int error_signal_of_a_convolution_is_per_channel(void)
{
    nn_model_desc d = nn_model_desc_default();
    d.in = (nn_shape){ 1, 5, 5 };
    nn_model_add(&d, nn_layer_conv2d(3, 3, 1, 0, NN_INIT_HE));    /* (3, 3, 3) */
    nn_model_add(&d, nn_layer_act(NN_ACT_TANH));
    nn_model_add(&d, nn_layer_flatten());
    nn_model_add(&d, nn_layer_dense(2, NN_INIT_XAVIER));
    d.loss = NN_LOSS_SOFTMAX;
    nn_model *m = nn_model_create(&d, 5);
    CHECK(m);
    float x[2 * 25], y[2] = { 1, 0 }, dz[4];
    for (int i = 0; i < 50; i++) x[i] = (float)((i * 37) % 11) / 11.0f - 0.5f;
    const float *z = nn_model_forward(m, x, 2, 1);
    nn_model_zero_grad(m);
    nn_loss_eval(NN_LOSS_SOFTMAX, z, y, 2, 2, dz, NULL);
    nn_model_backward(m, dz);
    float out[3];
    CHECK(nn_model_error_signal(m, 0, out, 3) == 3);
    const float *g = nn_model_activation_grad(m, 0);
    CHECK(g);
    for (int c = 0; c < 3; c++) {
        double s = 0.0;
        for (int b = 0; b < 2; b++)
            for (int p = 0; p < 9; p++) s += fabs(g[b * 27 + c * 9 + p]);
        CHECK(s > 0.0);
        CHECK_NEAR(out[c], s / 9.0, 1e-6 * s + 1e-9);
    }
    nn_model_destroy(m);
    return 0;
}

/* The trainer's capture equals a separate model's signal for the same batch,
 * is NULL before the first update and after a reset, and covers every layer. */
static int trainer_captures_the_latest_update(void)
{
    nn_config c = nn_config_default();
    CHECK(nn_config_set(&c, "layers", "5,4", NULL) == NN_OK);
    CHECK(nn_config_set(&c, "act", "sigmoid", NULL) == NN_OK);
    CHECK(nn_config_set(&c, "samples", "60", NULL) == NN_OK);
    CHECK(nn_config_set(&c, "batch", "all", NULL) == NN_OK);   /* every update ends an epoch */
    CHECK(nn_config_set(&c, "normalize", "off", NULL) == NN_OK);
    c.train.capture_stats = 2;
    nn_run r;
    CHECK(nn_run_open(&r, &c) == NN_OK);
    nn_model *live = nn_trainer_model(r.trainer);
    int n = -1;
    CHECK(nn_trainer_error_signal(r.trainer, 0, &n) == NULL && n == 5);   /* nothing captured yet */
    CHECK(nn_trainer_error_signal(r.trainer, 99, &n) == NULL && n == 0);
    /* The same model, the same weights, the whole training set as one batch. */
    nn_model *twin = nn_model_create(nn_model_get_desc(live), c.train.seed);
    CHECK(twin);
    CHECK(memcmp(nn_model_params(twin), nn_model_params(live), nn_model_param_count(live) * sizeof(float)) == 0);
    const nn_dataset *tr = &r.train;
    const int n_out = nn_model_n_out(twin);
    float *dz = malloc((size_t)tr->n * n_out * sizeof *dz);
    CHECK(dz);
    const float *z = nn_model_forward(twin, tr->x, tr->n, 1);
    nn_model_zero_grad(twin);
    nn_loss_eval(nn_model_get_desc(twin)->loss, z, tr->y, tr->n, n_out, dz, NULL);
    nn_model_backward(twin, dz);
    CHECK(nn_trainer_step(r.trainer) == NN_OK);
    for (int i = 0; i < nn_model_layer_count(live); i++) {
        const float *got = nn_trainer_error_signal(r.trainer, i, &n);
        CHECK(got && n == nn_model_layer(live, i).out.c);
        float want[8];
        CHECK(nn_model_error_signal(twin, i, want, 8) == n);
        for (int u = 0; u < n; u++)
            CHECK_MSG(fabs(got[u] - want[u]) <= 1e-5 * fabs(want[u]) + 1e-9,
                      "layer %d unit %d: captured %.8g, expected %.8g", i, u, (double)got[u], (double)want[u]);
    }
    nn_trainer_reset(r.trainer);
    CHECK(nn_trainer_error_signal(r.trainer, 0, &n) == NULL);
    free(dz);
    nn_model_destroy(twin);
    nn_run_close(&r);
    return 0;
}

static const test_case CASES[] = {
    { "error_signal_softmax_matches_central_differences", error_signal_softmax_matches_central_differences },
    { "error_signal_mse_matches_central_differences", error_signal_mse_matches_central_differences },
    { "error_signal_of_a_convolution_is_per_channel", error_signal_of_a_convolution_is_per_channel },
    { "trainer_captures_the_latest_update", trainer_captures_the_latest_update },
};
TEST_MAIN(CASES)
