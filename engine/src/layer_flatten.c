/* layer_flatten.c - (C, H, W) -> (C*H*W, 1, 1).
 *
 * Rows are already stored flat, so the data do not move: forward and
 * backward are copies. The layer exists so the model's shapes say what a
 * reader expects ("the image becomes a vector here") before a dense layer.
 */
#include <string.h>

#include "layer_impl.h"

static int flatten_setup(nn_layer *l)
{
    l->out = (nn_shape){ nn_shape_size(l->in), 1, 1 };
    return 0;
}

static void flatten_forward(nn_layer *l, const nn_chunk *c, const float *x, float *y, int B,
                            int training)
{
    (void)c; (void)training;
    memcpy(y, x, (size_t)B * l->n_in * sizeof *y);
}

static void flatten_backward(nn_layer *l, const nn_chunk *c, const float *x, const float *y,
                             const float *dy, float *dx, int B)
{
    (void)c; (void)x; (void)y;
    if (dx) memcpy(dx, dy, (size_t)B * l->n_in * sizeof *dx);
}

const nn_layer_ops nn_flatten_ops = {
    .name = "flatten", .setup = flatten_setup, .forward = flatten_forward,
    .backward = flatten_backward, .rowwise = 1,
};
