/* layer_batchnorm.c - batch normalisation of each feature (Ioffe & Szegedy 2015).
 *
 *   training    mu = mean_b x,  var = mean_b (x - mu)^2
 *               xh = (x - mu) / sqrt(var + eps),  y = gamma xh + beta
 *               running = momentum running + (1 - momentum) batch
 *   evaluation  xh uses the running mean and variance instead
 *   backward    dgamma += sum_b dy xh,  dbeta += sum_b dy
 *               dx = gamma / (B sqrt(var + eps)) (B dy - sum_b dy - xh sum_b dy xh)
 *
 * Arena slice (n = features): gamma (n), beta (n), running mean (n), running
 * var (n). The running statistics live in the arena so that a snapshot, a
 * saved model and early stopping's "best weights" carry them; their gradient
 * is always zero, so no optimizer moves them. Nothing here is L2-decayed.
 */
#include <math.h>
#include <string.h>

#include "layer_impl.h"
#include "nn/status.h"

typedef struct bn_state {
    float *xhat;           /* (cap, n) normalised inputs of the last forward */
    float *mean, *var;     /* (n) statistics of the last training batch */
    float *inv_std;        /* (n) 1 / sqrt(var + eps) used by the last forward */
    int    cap;
    int    training;
} bn_state;

static int bn_setup(nn_layer *l)
{
    const int n = l->n_in;
    if (!(l->d.momentum >= 0.0f && l->d.momentum < 1.0f) || !(l->d.bn_eps > 0.0f))
        return nn_set_error(NN_ERR_ARG, "batch norm needs momentum in [0, 1) and eps > 0");
    l->out = l->in;
    l->n_params = 4 * (size_t)n;
    l->n_weights = 0;
    bn_state *s = nn_alloc(sizeof *s);
    if (!s) return NN_ERR_NOMEM;
    l->priv = s;
    s->mean = nn_alloc(3 * (size_t)n * sizeof(float));
    if (!s->mean) return NN_ERR_NOMEM;
    s->var = s->mean + n;
    s->inv_std = s->var + n;
    return NN_OK;
}

static void bn_init(nn_layer *l, nn_rng *rng)
{
    (void)rng;
    const int n = l->n_in;
    for (int j = 0; j < n; j++) {
        l->w[j] = 1.0f;              /* gamma */
        l->w[n + j] = 0.0f;          /* beta */
        l->w[2 * n + j] = 0.0f;      /* running mean */
        l->w[3 * n + j] = 1.0f;      /* running variance */
    }
}

static int bn_reserve(nn_layer *l, int B, int workers)
{
    (void)workers;
    bn_state *s = l->priv;
    nn_free(s->xhat);
    s->xhat = nn_alloc((size_t)B * l->n_in * sizeof(float));
    s->cap = s->xhat ? B : 0;
    return s->xhat ? NN_OK : NN_ERR_NOMEM;
}

static void bn_forward(nn_layer *l, const nn_chunk *c, const float *x, float *y, int B,
                       int training)
{
    (void)c;
    bn_state *s = l->priv;
    const int n = l->n_in;
    float *gamma = l->w, *beta = l->w + n, *rmean = l->w + 2 * n, *rvar = l->w + 3 * n;
    const float eps = l->d.bn_eps, mom = l->d.momentum;
    s->training = training;
    for (int j = 0; j < n; j++) {
        float mu = rmean[j], var = rvar[j];
        if (training) {
            double sum = 0.0, sq = 0.0;
            for (int r = 0; r < B; r++) sum += x[(size_t)r * n + j];
            const double m = sum / B;
            for (int r = 0; r < B; r++) { const double d = x[(size_t)r * n + j] - m; sq += d * d; }
            mu = (float)m;
            var = (float)(sq / B);
            s->mean[j] = mu;
            s->var[j] = var;
            rmean[j] = mom * rmean[j] + (1.0f - mom) * mu;
            rvar[j] = mom * rvar[j] + (1.0f - mom) * var;
        }
        const float inv = 1.0f / sqrtf(var + eps);
        s->inv_std[j] = inv;
        for (int r = 0; r < B; r++) {
            const size_t k = (size_t)r * n + j;
            s->xhat[k] = (x[k] - mu) * inv;
            y[k] = gamma[j] * s->xhat[k] + beta[j];
        }
    }
}

static void bn_backward(nn_layer *l, const nn_chunk *c, const float *x, const float *y,
                        const float *dy, float *dx, int B)
{
    (void)x; (void)y;
    const bn_state *s = l->priv;
    const int n = l->n_in;
    const float *gamma = l->w;
    float *dgamma = c->gw, *dbeta = c->gw + n;
    for (int j = 0; j < n; j++) {
        double sdy = 0.0, sdyx = 0.0;
        for (int r = 0; r < B; r++) {
            const size_t k = (size_t)r * n + j;
            sdy += dy[k];
            sdyx += (double)dy[k] * s->xhat[k];
        }
        dgamma[j] += (float)sdyx;
        dbeta[j] += (float)sdy;
        if (!dx) continue;
        const float g = gamma[j] * s->inv_std[j];
        for (int r = 0; r < B; r++) {
            const size_t k = (size_t)r * n + j;
            /* In evaluation the statistics are constants, so only the scale remains. */
            dx[k] = s->training ? g * (float)(dy[k] - sdy / B - s->xhat[k] * sdyx / B) : g * dy[k];
        }
    }
}

static void bn_destroy(nn_layer *l)
{
    bn_state *s = l->priv;
    if (s) { nn_free(s->xhat); nn_free(s->mean); }
    nn_free(s);
}

int nn__batchnorm_stats(const nn_layer *l, const float **mean, const float **var)
{
    const bn_state *s = l->priv;
    *mean = s->mean;
    *var = s->var;
    return l->n_in;
}

const nn_layer_ops nn_batchnorm_ops = {
    .name = "batchnorm", .setup = bn_setup, .init = bn_init, .forward = bn_forward,
    .backward = bn_backward, .reserve = bn_reserve, .destroy = bn_destroy,
};
