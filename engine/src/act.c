/* act.c - activation functions and their derivatives (see nn/act.h). */
#include <math.h>
#include <string.h>

#include "nn/act.h"

typedef void act_fwd_fn(float slope, const float *x, float *y, size_t n);
typedef void act_bwd_fn(float slope, const float *x, const float *y, const float *dy,
                        float *dx, size_t n);

typedef struct act_info {
    const char *name;
    act_fwd_fn *forward;
    act_bwd_fn *backward;   /* dx += f'(x) dy */
    act_bwd_fn *grad;       /* dx = f'(x) dy */
} act_info;

/* Each derivative is written once, with `add` choosing between dx += g
 * (nn_act_backward) and dx = 0.0f + g (nn_act_grad: bit for bit what clearing
 * dx and then adding gives, without the clearing pass). The two thin wrappers
 * call it with a constant, so each gets its own straight vectorised loop. */
#define OUT(i, g) (dx[i] = (add ? dx[i] : 0.0f) + (g))

/* f(x) = max(0, x); f'(x) = [x > 0] */
static void relu_fwd(float slope, const float *x, float *y, size_t n)
{ (void)slope; for (size_t i = 0; i < n; i++) y[i] = x[i] > 0.0f ? x[i] : 0.0f; }
static inline void relu_back(const float *x, const float *dy, float *dx, size_t n, int add)
{   /* A product with the 0/1 derivative, so the loop vectorises
     * ("c ? dy : 0" compiles to a branch per element). */
    for (size_t i = 0; i < n; i++) OUT(i, (x[i] > 0.0f ? 1.0f : 0.0f) * dy[i]);
}
static void relu_bwd(float s, const float *x, const float *y, const float *dy, float *dx, size_t n)
{ (void)s; (void)y; relu_back(x, dy, dx, n, 1); }
static void relu_grad(float s, const float *x, const float *y, const float *dy, float *dx, size_t n)
{ (void)s; (void)y; relu_back(x, dy, dx, n, 0); }

/* f(x) = x if x > 0 else a x; f'(x) = 1 or a */
static void leaky_fwd(float a, const float *x, float *y, size_t n)
{ for (size_t i = 0; i < n; i++) y[i] = x[i] > 0.0f ? x[i] : a * x[i]; }
static inline void leaky_back(float a, const float *x, const float *dy, float *dx, size_t n, int add)
{ for (size_t i = 0; i < n; i++) OUT(i, x[i] > 0.0f ? dy[i] : a * dy[i]); }
static void leaky_bwd(float a, const float *x, const float *y, const float *dy, float *dx, size_t n)
{ (void)y; leaky_back(a, x, dy, dx, n, 1); }
static void leaky_grad(float a, const float *x, const float *y, const float *dy, float *dx, size_t n)
{ (void)y; leaky_back(a, x, dy, dx, n, 0); }

/* f(x) = tanh x; f'(x) = 1 - f(x)^2 */
static void tanh_fwd(float slope, const float *x, float *y, size_t n)
{ (void)slope; for (size_t i = 0; i < n; i++) y[i] = tanhf(x[i]); }
static inline void tanh_back(const float *y, const float *dy, float *dx, size_t n, int add)
{ for (size_t i = 0; i < n; i++) OUT(i, (1.0f - y[i] * y[i]) * dy[i]); }
static void tanh_bwd(float s, const float *x, const float *y, const float *dy, float *dx, size_t n)
{ (void)s; (void)x; tanh_back(y, dy, dx, n, 1); }
static void tanh_grad(float s, const float *x, const float *y, const float *dy, float *dx, size_t n)
{ (void)s; (void)x; tanh_back(y, dy, dx, n, 0); }

/* f(x) = 1 / (1 + e^-x), written so that e^... never overflows; f' = f (1 - f) */
static void sigmoid_fwd(float slope, const float *x, float *y, size_t n)
{
    (void)slope;
    for (size_t i = 0; i < n; i++) {
        float e = expf(-fabsf(x[i]));
        y[i] = x[i] >= 0.0f ? 1.0f / (1.0f + e) : e / (1.0f + e);
    }
}
static inline void sigmoid_back(const float *y, const float *dy, float *dx, size_t n, int add)
{ for (size_t i = 0; i < n; i++) OUT(i, y[i] * (1.0f - y[i]) * dy[i]); }
static void sigmoid_bwd(float s, const float *x, const float *y, const float *dy, float *dx, size_t n)
{ (void)s; (void)x; sigmoid_back(y, dy, dx, n, 1); }
static void sigmoid_grad(float s, const float *x, const float *y, const float *dy, float *dx, size_t n)
{ (void)s; (void)x; sigmoid_back(y, dy, dx, n, 0); }

/* f(x) = x; f'(x) = 1 */
static void linear_fwd(float slope, const float *x, float *y, size_t n)
{ (void)slope; if (x != y) memmove(y, x, n * sizeof *y); }
static inline void linear_back(const float *dy, float *dx, size_t n, int add)
{ for (size_t i = 0; i < n; i++) OUT(i, dy[i]); }
static void linear_bwd(float s, const float *x, const float *y, const float *dy, float *dx, size_t n)
{ (void)s; (void)x; (void)y; linear_back(dy, dx, n, 1); }
static void linear_grad(float s, const float *x, const float *y, const float *dy, float *dx, size_t n)
{ (void)s; (void)x; (void)y; linear_back(dy, dx, n, 0); }

#undef OUT

static const act_info ACTS[] = {
    [NN_ACT_RELU]    = { "relu",    relu_fwd,    relu_bwd,    relu_grad    },
    [NN_ACT_TANH]    = { "tanh",    tanh_fwd,    tanh_bwd,    tanh_grad    },
    [NN_ACT_SIGMOID] = { "sigmoid", sigmoid_fwd, sigmoid_bwd, sigmoid_grad },
    [NN_ACT_LEAKY]   = { "leaky",   leaky_fwd,   leaky_bwd,   leaky_grad   },
    [NN_ACT_LINEAR]  = { "linear",  linear_fwd,  linear_bwd,  linear_grad  },
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

void nn_act_grad(nn_act a, float slope, const float *x, const float *y,
                 const float *dy, float *dx, size_t n)
{
    ACTS[a].grad(slope, x, y, dy, dx, n);
}
