/* nn/act.h - activation functions, elementwise.
 *
 *   linear   f(x) = x                      f'(x) = 1
 *   sigmoid  f(x) = 1 / (1 + e^-x)         f'(x) = f(x) (1 - f(x))
 *   tanh     f(x) = tanh x                 f'(x) = 1 - f(x)^2
 *   relu     f(x) = max(0, x)              f'(x) = [x > 0]
 *   leaky    f(x) = x if x > 0 else a x    f'(x) = 1 if x > 0 else a   (a = slope, default 0.01)
 *
 * The table is the single list of activations: the CLI, the app's dropdowns
 * and the lesson parser all read it through nn_act_name / nn_act_from_name.
 */
#ifndef NN_ACT_H
#define NN_ACT_H

#include <stddef.h>

typedef enum nn_act {
    NN_ACT_RELU, NN_ACT_TANH, NN_ACT_SIGMOID, NN_ACT_LEAKY, NN_ACT_LINEAR, NN_ACT_COUNT
} nn_act;

#define NN_LEAKY_SLOPE_DEFAULT 0.01f

const char *nn_act_name(nn_act a);              /* "relu"; "?" if out of range */
int         nn_act_from_name(const char *name); /* -1 if unknown */

/* y = f(x), n elements. `slope` is used by leaky only. x and y may alias. */
void nn_act_forward(nn_act a, float slope, const float *x, float *y, size_t n);
/* dx += f'(x) * dy. Uses y = f(x) where that is cheaper (sigmoid, tanh). */
void nn_act_backward(nn_act a, float slope, const float *x, const float *y,
                     const float *dy, float *dx, size_t n);
/* dx = f'(x) * dy (dx is overwritten): the same values as clearing dx and
 * calling nn_act_backward, in one pass. */
void nn_act_grad(nn_act a, float slope, const float *x, const float *y,
                 const float *dy, float *dx, size_t n);

#endif
