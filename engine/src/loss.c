/* loss.c - softmax cross-entropy, sigmoid binary cross-entropy, mean squared error. */
#include <math.h>
#include <string.h>

#include "nn/loss.h"

static const char *const NAMES[] = {
    [NN_LOSS_SOFTMAX] = "softmax", [NN_LOSS_BCE] = "bce", [NN_LOSS_MSE] = "mse",
};
_Static_assert(sizeof NAMES / sizeof NAMES[0] == NN_LOSS_COUNT, "add a row to NAMES");

const char *nn_loss_name(nn_loss l) { return (unsigned)l < NN_LOSS_COUNT ? NAMES[l] : "?"; }

int nn_loss_from_name(const char *name)
{
    for (int i = 0; i < NN_LOSS_COUNT; i++)
        if (strcmp(name, NAMES[i]) == 0) return i;
    return -1;
}

/* p_i = e^(z_i - max z) / sum_j e^(z_j - max z): subtracting the max keeps every
 * exponent <= 0, so nothing overflows and the result is unchanged. */
void nn_softmax(const float *z, float *p, int n)
{
    float m = z[0];
    for (int i = 1; i < n; i++) if (z[i] > m) m = z[i];
    double sum = 0.0;
    for (int i = 0; i < n; i++) { p[i] = expf(z[i] - m); sum += p[i]; }
    const float inv = (float)(1.0 / sum);
    for (int i = 0; i < n; i++) p[i] *= inv;
}

static int argmax(const float *z, int n)
{
    int best = 0;
    for (int i = 1; i < n; i++) if (z[i] > z[best]) best = i;
    return best;
}

int nn_loss_predict(nn_loss l, const float *z, int n_out)
{
    if (l == NN_LOSS_BCE) return z[0] > 0.0f;
    return argmax(z, n_out);
}

/* -log p_y = log sum_j e^(z_j) - z_y, computed as m + log sum e^(z_j - m) - z_y.
 * One pass per row gives the loss and the gradient (p - onehot(y)) / batch:
 * each e^(z_j - m) is computed once and kept (in a stack buffer for up to
 * K_STACK outputs; wider rows compute it again rather than allocate). */
enum { K_STACK = 64 };

static double softmax_ce(const float *z, const float *y, int batch, int k, float *dz, int *correct)
{
    double total = 0.0;
    int ok = 0;
    const float inv_b = 1.0f / (float)batch;
    double e[K_STACK];
    for (int r = 0; r < batch; r++) {
        const float *zr = z + (size_t)r * k;
        const int t = (int)y[r];
        int best = 0;                                 /* the prediction, and the max */
        for (int i = 1; i < k; i++) if (zr[i] > zr[best]) best = i;
        const float m = zr[best];
        double sum = 0.0;
        if (k <= K_STACK)
            for (int i = 0; i < k; i++) { e[i] = exp((double)zr[i] - m); sum += e[i]; }
        else
            for (int i = 0; i < k; i++) sum += exp((double)zr[i] - m);
        total += (double)m + log(sum) - zr[t];
        ok += best == t;
        if (dz) {
            float *dr = dz + (size_t)r * k;
            for (int i = 0; i < k; i++) {
                const double ei = k <= K_STACK ? e[i] : exp((double)zr[i] - m);
                dr[i] = ((float)(ei / sum) - (i == t)) * inv_b;
            }
        }
    }
    if (correct) *correct = ok;
    return total / batch;
}

/* L = log(1 + e^z) - y z = max(z, 0) - y z + log(1 + e^-|z|)  (never overflows) */
static double sigmoid_bce(const float *z, const float *y, int batch, float *dz, int *correct)
{
    double total = 0.0;
    int ok = 0;
    const float inv_b = 1.0f / (float)batch;
    for (int r = 0; r < batch; r++) {
        const double zr = z[r], t = y[r];
        total += (zr > 0 ? zr : 0) - t * zr + log1p(exp(-fabs(zr)));
        ok += (zr > 0) == (t > 0.5);
        if (dz) {
            double e = exp(-fabs(zr));
            double s = zr >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            dz[r] = (float)(s - t) * inv_b;
        }
    }
    if (correct) *correct = ok;
    return total / batch;
}

/* L = mean over outputs of (z - y)^2 */
static double mse(const float *z, const float *y, int batch, int k, float *dz)
{
    double total = 0.0;
    const size_t n = (size_t)batch * k;
    const float scale = 2.0f / (float)k / (float)batch;
    for (size_t i = 0; i < n; i++) {
        double d = (double)z[i] - y[i];
        total += d * d;
        if (dz) dz[i] = (float)d * scale;
    }
    return total / k / batch;
}

double nn_loss_eval(nn_loss l, const float *z, const float *y, int batch, int n_out,
                    float *dz, int *correct)
{
    if (batch <= 0) { if (correct) *correct = 0; return 0.0; }
    switch (l) {
    case NN_LOSS_SOFTMAX: return softmax_ce(z, y, batch, n_out, dz, correct);
    case NN_LOSS_BCE:     return sigmoid_bce(z, y, batch, dz, correct);
    case NN_LOSS_MSE:
    case NN_LOSS_COUNT:   break;
    }
    if (correct) *correct = 0;
    return mse(z, y, batch, n_out, dz);
}
