/* Gradient checks: analytic backward passes against central differences.
 *
 * For layers the output is scalarised with a fixed random projection,
 * L = sum_i r_i y_i, so every output element contributes with a different
 * weight. Differences use eps = 1e-3 on float32 with double accumulation and a
 * relative tolerance of 1e-2 (STYLE.md section 12). Inputs are kept away from
 * the kinks of ReLU / leaky ReLU so the derivative exists where we probe.
 */
#include <stdlib.h>

#include "nn/loss.h"
#include "nn/model.h"
#include "nn/rng.h"
#include "nn/status.h"
#include "test.h"

enum { B = 4, N_IN = 5 };

typedef struct probe {
    nn_model *m;
    float x[B * 64];     /* (B, n_in) */
    float r[B * 64];     /* (B, n_out) projection */
    float y[B * 64];     /* loss targets when a loss is used */
    int   use_loss;
} probe;

static double probe_loss(probe *p, float *dz)
{
    const int n_out = nn_model_n_out(p->m);
    const float *z = nn_model_forward(p->m, p->x, B, 1);
    if (p->use_loss)
        return nn_loss_eval(nn_model_get_desc(p->m)->loss, z, p->y, B, n_out, dz, NULL);
    double L = 0.0;
    for (int i = 0; i < B * n_out; i++) {
        L += (double)p->r[i] * z[i];
        if (dz) dz[i] = p->r[i];
    }
    return L;
}

static double rel_err(double num, double ana)
{
    return fabs(num - ana) / fmax(1e-6, fabs(num) + fabs(ana));
}

/* Check d L / d params for the probe's model. (Input gradients are covered:
 * every layer after the first receives its dy through the previous layer's dx.) */
static int gradcheck(probe *p, const char *what)
{
    const float eps = 1e-3f;
    const double tol = 1e-2;
    float dz[B * 64];
    nn_model_zero_grad(p->m);
    probe_loss(p, dz);
    nn_model_backward(p->m, dz);

    float *w = nn_model_params(p->m);
    const float *g = nn_model_grads(p->m);
    const size_t np = nn_model_param_count(p->m);
    for (size_t i = 0; i < np; i++) {
        const float saved = w[i];
        w[i] = saved + eps; const double fp = probe_loss(p, NULL);
        w[i] = saved - eps; const double fm = probe_loss(p, NULL);
        w[i] = saved;
        const double num = (fp - fm) / (2.0 * eps);
        /* The absolute floor is the float32 forward's own noise: about
         * 1e-7 |L| per evaluation, divided by 2 eps, i.e. ~5e-5 for |L| ~ 1. */
        CHECK_MSG(rel_err(num, g[i]) <= tol || fabs(num - g[i]) < 1e-4,
                  "%s: param %zu numeric %.6g analytic %.6g", what, i, num, (double)g[i]);
    }
    return 0;
}

static void fill(float *a, int n, nn_rng *r, float lo, float hi)
{
    for (int i = 0; i < n; i++) a[i] = lo + (hi - lo) * (float)nn_rng_uniform(r);
}

/* Keep |x| >= 0.1 so no input sits on a ReLU kink. */
static void fill_away_from_zero(float *a, int n, nn_rng *r)
{
    for (int i = 0; i < n; i++) {
        float v = 0.1f + 0.9f * (float)nn_rng_uniform(r);
        a[i] = nn_rng_below(r, 2) ? v : -v;
    }
}

/* dense -> act -> dense with projection: checks the activation's backward
 * (through the second dense's weight gradients) and both dense layers. */
static int check_act(nn_act act)
{
    nn_rng r;
    nn_rng_seed(&r, 42, 9);
    nn_model_desc d = nn_model_desc_default();
    d.in = (nn_shape){ N_IN, 1, 1 };
    nn_model_add(&d, nn_layer_dense(6, NN_INIT_XAVIER));
    nn_layer_desc a = nn_layer_act(act);
    a.slope = 0.1f;
    nn_model_add(&d, a);
    nn_model_add(&d, nn_layer_dense(3, NN_INIT_XAVIER));
    d.loss = NN_LOSS_MSE;
    probe p = { .m = nn_model_create(&d, 3) };
    CHECK(p.m);
    fill(p.x, B * N_IN, &r, -1, 1);
    fill(p.r, B * 3, &r, -1, 1);
    /* Move first-layer pre-activations off the kink: resample inputs until
     * every |pre-activation| > 0.02 (cheap for this size). */
    for (int tries = 0; tries < 100; tries++) {
        nn_model_forward(p.m, p.x, B, 1);
        int bt;
        const float *pre = nn_model_activation(p.m, 0, &bt);
        int ok = 1;
        for (int i = 0; i < B * 6; i++) ok &= fabsf(pre[i]) > 0.02f;
        if (ok) break;
        fill(p.x, B * N_IN, &r, -1, 1);
    }
    int rc = gradcheck(&p, nn_act_name(act));
    nn_model_destroy(p.m);
    return rc;
}

static int grad_relu(void)    { return check_act(NN_ACT_RELU); }
static int grad_tanh(void)    { return check_act(NN_ACT_TANH); }
static int grad_sigmoid(void) { return check_act(NN_ACT_SIGMOID); }
static int grad_leaky(void)   { return check_act(NN_ACT_LEAKY); }
static int grad_linear(void)  { return check_act(NN_ACT_LINEAR); }

/* The activation backward on its own: dx = f'(x) dy against differences of f. */
static int act_derivative_direct(void)
{
    nn_rng r;
    nn_rng_seed(&r, 5, 5);
    for (int a = 0; a < NN_ACT_COUNT; a++) {
        float x[32], y[32], dy[32], dx[32] = { 0 };
        fill_away_from_zero(x, 32, &r);
        fill(dy, 32, &r, -1, 1);
        nn_act_forward((nn_act)a, 0.1f, x, y, 32);
        nn_act_backward((nn_act)a, 0.1f, x, y, dy, dx, 32);
        for (int i = 0; i < 32; i++) {
            const double h = 1e-3;
            float xp = x[i] + (float)h, xm = x[i] - (float)h, yp, ym;
            nn_act_forward((nn_act)a, 0.1f, &xp, &yp, 1);
            nn_act_forward((nn_act)a, 0.1f, &xm, &ym, 1);
            const double num = (yp - ym) / (2 * h) * dy[i];
            CHECK_MSG(fabs(num - dx[i]) < 2e-3, "%s at x=%g: numeric %g analytic %g",
                      nn_act_name((nn_act)a), (double)x[i], num, (double)dx[i]);
        }
    }
    return 0;
}

/* A single dense layer (with and without bias) under a projection. */
static int grad_dense(void)
{
    nn_rng r;
    nn_rng_seed(&r, 7, 1);
    for (int no_bias = 0; no_bias < 2; no_bias++) {
        nn_model_desc d = nn_model_desc_default();
        d.in = (nn_shape){ N_IN, 1, 1 };
        nn_layer_desc l = nn_layer_dense(4, NN_INIT_HE);
        l.no_bias = no_bias;
        nn_model_add(&d, l);
        d.loss = NN_LOSS_MSE;
        probe p = { .m = nn_model_create(&d, 11) };
        CHECK(p.m);
        CHECK(nn_model_param_count(p.m) == (size_t)(4 * N_IN + (no_bias ? 0 : 4)));
        fill(p.x, B * N_IN, &r, -1, 1);
        fill(p.r, B * 4, &r, -1, 1);
        int rc = gradcheck(&p, no_bias ? "dense (no bias)" : "dense");
        nn_model_destroy(p.m);
        if (rc) return rc;
    }
    return 0;
}

/* dense -> loss: checks each loss's dL/dz through the dense weight gradients,
 * and the loss gradient itself directly against differences in z. */
static int check_loss(nn_loss loss, int n_out)
{
    nn_rng r;
    nn_rng_seed(&r, 13, (uint64_t)loss);
    nn_model_desc d = nn_model_desc_default();
    d.in = (nn_shape){ N_IN, 1, 1 };
    nn_model_add(&d, nn_layer_dense(n_out, NN_INIT_XAVIER));
    d.loss = loss;
    probe p = { .m = nn_model_create(&d, 17), .use_loss = 1 };
    CHECK(p.m);
    fill(p.x, B * N_IN, &r, -2, 2);
    for (int i = 0; i < B; i++) {
        if (loss == NN_LOSS_SOFTMAX) p.y[i] = (float)nn_rng_below(&r, (uint32_t)n_out);
        else if (loss == NN_LOSS_BCE) p.y[i] = (float)nn_rng_below(&r, 2);
    }
    if (loss == NN_LOSS_MSE) fill(p.y, B * n_out, &r, -1, 1);
    int rc = gradcheck(&p, nn_loss_name(loss));
    nn_model_destroy(p.m);
    if (rc) return rc;

    /* Direct: dz from nn_loss_eval vs differences of the loss in each z. */
    float z[B * 8], dz[B * 8];
    fill(z, B * n_out, &r, -3, 3);
    nn_loss_eval(loss, z, p.y, B, n_out, dz, NULL);
    for (int i = 0; i < B * n_out; i++) {
        const float s = z[i], h = 1e-3f;
        z[i] = s + h; const double fp = nn_loss_eval(loss, z, p.y, B, n_out, NULL, NULL);
        z[i] = s - h; const double fm = nn_loss_eval(loss, z, p.y, B, n_out, NULL, NULL);
        z[i] = s;
        const double num = (fp - fm) / (2.0 * h);
        CHECK_MSG(rel_err(num, dz[i]) < 1e-2 || fabs(num - dz[i]) < 1e-5,
                  "%s dz[%d]: numeric %g analytic %g", nn_loss_name(loss), i, num, (double)dz[i]);
    }
    return 0;
}

static int grad_softmax(void) { return check_loss(NN_LOSS_SOFTMAX, 4); }
static int grad_bce(void)     { return check_loss(NN_LOSS_BCE, 1); }
static int grad_mse(void)     { return check_loss(NN_LOSS_MSE, 3); }

/* A deeper MLP end to end with a loss: every layer's gradient at once. */
static int grad_mlp(void)
{
    nn_rng r;
    nn_rng_seed(&r, 23, 1);
    const int hidden[] = { 7, 6 };
    nn_model_desc d = nn_model_desc_mlp(N_IN, hidden, 2, 3, NN_ACT_TANH, 0, NN_INIT_XAVIER,
                                        NN_LOSS_SOFTMAX);
    probe p = { .m = nn_model_create(&d, 29), .use_loss = 1 };
    CHECK(p.m);
    fill(p.x, B * N_IN, &r, -1, 1);
    for (int i = 0; i < B; i++) p.y[i] = (float)nn_rng_below(&r, 3);
    int rc = gradcheck(&p, "mlp");
    nn_model_destroy(p.m);
    CHECK(nn_bytes_allocated() == 0);
    return rc;
}

/* dense (no bias) -> batch norm -> tanh -> dense, in training mode, where the
 * batch statistics depend on every row: the hardest backward in the engine. */
static int grad_batchnorm(void)
{
    nn_rng r;
    nn_rng_seed(&r, 31, 1);
    nn_model_desc d = nn_model_desc_default();
    d.in = (nn_shape){ N_IN, 1, 1 };
    nn_layer_desc dense = nn_layer_dense(6, NN_INIT_XAVIER);
    dense.no_bias = 1;
    nn_model_add(&d, dense);
    nn_model_add(&d, nn_layer_batchnorm());
    nn_model_add(&d, nn_layer_act(NN_ACT_TANH));
    nn_model_add(&d, nn_layer_dense(3, NN_INIT_XAVIER));
    d.loss = NN_LOSS_SOFTMAX;
    probe p = { .m = nn_model_create(&d, 37), .use_loss = 1 };
    CHECK(p.m);
    /* Give gamma and beta non-trivial values so their gradients are exercised. */
    float *w = nn_model_params(p.m);
    const nn_layer_info bn = nn_model_layer(p.m, 1);
    for (int j = 0; j < 6; j++) {
        w[bn.param_offset + j] = 0.5f + (float)nn_rng_uniform(&r);
        w[bn.param_offset + 6 + j] = (float)nn_rng_uniform(&r) - 0.5f;
    }
    fill(p.x, B * N_IN, &r, -1, 1);
    for (int i = 0; i < B; i++) p.y[i] = (float)nn_rng_below(&r, 3);
    int rc = gradcheck(&p, "batchnorm");
    nn_model_destroy(p.m);
    return rc;
}

static const test_case CASES[] = {
    { "grad_batchnorm", grad_batchnorm },
    { "act_derivative_direct", act_derivative_direct },
    { "grad_relu", grad_relu }, { "grad_tanh", grad_tanh }, { "grad_sigmoid", grad_sigmoid },
    { "grad_leaky", grad_leaky }, { "grad_linear", grad_linear }, { "grad_dense", grad_dense },
    { "grad_softmax", grad_softmax }, { "grad_bce", grad_bce }, { "grad_mse", grad_mse },
    { "grad_mlp", grad_mlp },
};
TEST_MAIN(CASES)
