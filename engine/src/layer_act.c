/* layer_act.c - an activation function applied elementwise (see nn/act.h). */
#include "layer_impl.h"
#include "nn/status.h"

static int act_setup(nn_layer *l)
{
    if ((unsigned)l->d.act >= NN_ACT_COUNT)
        return nn_set_error(NN_ERR_ARG, "unknown activation %d", (int)l->d.act);
    l->out = l->in;
    return NN_OK;
}

static void act_forward(nn_layer *l, const nn_chunk *c, const float *x, float *y, int B,
                        int training)
{
    (void)c; (void)training;
    nn_act_forward(l->d.act, l->d.slope, x, y, (size_t)B * l->n_in);
}

static void act_backward(nn_layer *l, const nn_chunk *c, const float *x, const float *y,
                         const float *dy, float *dx, int B)
{
    (void)c;
    if (!dx) return;
    nn_act_grad(l->d.act, l->d.slope, x, y, dy, dx, (size_t)B * l->n_in);   /* dx = f'(x) dy */
}

const nn_layer_ops nn_act_ops = {
    .name = "act", .setup = act_setup, .forward = act_forward, .backward = act_backward,
    .rowwise = 1,
};
