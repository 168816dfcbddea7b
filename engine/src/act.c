/* act.c - activation functions and their derivatives (see nn/act.h). */
#include <math.h>
#include <string.h>

#include "nn/act.h"

typedef struct act_info {
    const char *name;
    void (*forward)(float slope, const float *x, float *y, size_t n);
    void (*backward)(float slope, const float *x, const float *y, const float *dy,
                     float *dx, size_t n);
} act_info;

/* f(x) = max(0, x); f'(x) = [x > 0] */
static void relu_fwd(float slope, const float *x, float *y, size_t n)
{ (void)slope; for (size_t i = 0; i < n; i++) y[i] = x[i] > 0.0f ? x[i] : 0.0f; }
static void relu_bwd(float slope, const float *x, const float *y, const float *dy, float *dx, size_t n)
{   /* Written as a product with the 0/1 derivative so the loop vectorises
     * ("+= c ? dy : 0" compiles to a branch per element). */
    (void)slope; (void)y;
    for (size_t i = 0; i < n; i++) dx[i] += (x[i] > 0.0f ? 1.0f : 0.0f) * dy[i];
}

/* f(x) = x if x > 0 else a x; f'(x) = 1 or a */
static void leaky_fwd(float a, const float *x, float *y, size_t n)
{ for (size_t i = 0; i < n; i++) y[i] = x[i] > 0.0f ? x[i] : a * x[i]; }
static void leaky_bwd(float a, const float *x, const float *y, const float *dy, float *dx, size_t n)
{ (void)y; for (size_t i = 0; i < n; i++) dx[i] += x[i] > 0.0f ? dy[i] : a * dy[i]; }

/* f(x) = tanh x; f'(x) = 1 - f(x)^2 */
static void tanh_fwd(float slope, const float *x, float *y, size_t n)
{ (void)slope; for (size_t i = 0; i < n; i++) y[i] = tanhf(x[i]); }
static void tanh_bwd(float slope, const float *x, const float *y, const float *dy, float *dx, size_t n)
{ (void)slope; (void)x; for (size_t i = 0; i < n; i++) dx[i] += (1.0f - y[i] * y[i]) * dy[i]; }

/* f(x) = 1 / (1 + e^-x), written so that e^... never overflows; f' = f (1 - f) */
static void sigmoid_fwd(float slope, const float *x, float *y, size_t n)
{
    (void)slope;
    for (size_t i = 0; i < n; i++) {
        float e = expf(-fabsf(x[i]));
        y[i] = x[i] >= 0.0f ? 1.0f / (1.0f + e) : e / (1.0f + e);
    }
}
static void sigmoid_bwd(float slope, const float *x, const float *y, const float *dy, float *dx, size_t n)
{ (void)slope; (void)x; for (size_t i = 0; i < n; i++) dx[i] += y[i] * (1.0f - y[i]) * dy[i]; }

/* f(x) = x; f'(x) = 1 */
static void linear_fwd(float slope, const float *x, float *y, size_t n)
{ (void)slope; if (x != y) memmove(y, x, n * sizeof *y); }
static void linear_bwd(float slope, const float *x, const float *y, const float *dy, float *dx, size_t n)
{ (void)slope; (void)x; (void)y; for (size_t i = 0; i < n; i++) dx[i] += dy[i]; }

static const act_info ACTS[] = {
    [NN_ACT_RELU]    = { "relu",    relu_fwd,    relu_bwd    },
    [NN_ACT_TANH]    = { "tanh",    tanh_fwd,    tanh_bwd    },
    [NN_ACT_SIGMOID] = { "sigmoid", sigmoid_fwd, sigmoid_bwd },
    [NN_ACT_LEAKY]   = { "leaky",   leaky_fwd,   leaky_bwd   },
    [NN_ACT_LINEAR]  = { "linear",  linear_fwd,  linear_bwd  },
};
_Static_assert(sizeof ACTS / sizeof ACTS[0] == NN_ACT_COUNT, "add a row to ACTS");

const char *nn_act_name(nn_act a) { return (unsigned)a < NN_ACT_COUNT ? ACTS[a].name : "?"; }

int nn_act_from_name(const char *name)
{
    for (int i = 0; i < NN_ACT_COUNT; i++)
        if (strcmp(name, ACTS[i].name) == 0) return i;
    return -1;
}

void nn_act_forward(nn_act a, float slope, const float *x, float *y, size_t n)
{
    ACTS[a].forward(slope, x, y, n);
}

void nn_act_backward(nn_act a, float slope, const float *x, const float *y,
                     const float *dy, float *dx, size_t n)
{
    ACTS[a].backward(slope, x, y, dy, dx, n);
}
