/* layer_dropout.c - inverted dropout.
 *
 *   training   m_i ~ Bernoulli(keep), keep = 1 - drop;   y = x * m / keep
 *   evaluation y = x
 *   backward   dx = dy * m / keep   (training), dx = dy (evaluation)
 *
 * Dividing by keep during training keeps every unit's expected value the same
 * as at evaluation, so nothing needs rescaling when dropout is switched off.
 * The mask of the last training batch stays readable (nn_model_dropout_mask).
 */
#include <string.h>

#include "layer_impl.h"
#include "nn/status.h"

typedef struct dropout_state {
    uint8_t *mask;      /* (cap, n) 1 = kept */
    int      cap;
    int      rows;      /* rows of the last training forward */
    int      training;  /* the last forward was in training mode */
} dropout_state;

static int dropout_setup(nn_layer *l)
{
    if (!(l->d.drop >= 0.0f && l->d.drop < 1.0f))
        return nn_set_error(NN_ERR_ARG, "dropout probability must be in [0, 1) (got %g)", (double)l->d.drop);
    l->out = l->in;
    l->priv = nn_alloc(sizeof(dropout_state));
    return l->priv ? NN_OK : NN_ERR_NOMEM;
}

static int dropout_reserve(nn_layer *l, int B, int workers)
{
    (void)workers;
    dropout_state *s = l->priv;
    nn_free(s->mask);
    s->mask = nn_alloc((size_t)B * l->n_in);
    s->cap = s->mask ? B : 0;
    s->rows = 0;
    return s->mask ? NN_OK : NN_ERR_NOMEM;
}

static void dropout_forward(nn_layer *l, const nn_chunk *c, const float *x, float *y, int B,
                            int training)
{
    (void)c;
    dropout_state *s = l->priv;
    const size_t n = (size_t)B * l->n_in;
    s->training = training && l->d.drop > 0.0f;
    if (!s->training) { memcpy(y, x, n * sizeof *y); return; }
    const float keep = 1.0f - l->d.drop, scale = 1.0f / keep;
    /* Compare 24-bit uniform integers against keep: exact and cheap. */
    const uint32_t threshold = (uint32_t)(keep * 16777216.0f);
    for (size_t i = 0; i < n; i++) {
        const uint8_t m = (nn_rng_u32(l->rng) >> 8) < threshold;
        s->mask[i] = m;
        y[i] = m ? x[i] * scale : 0.0f;
    }
    s->rows = B;
}

static void dropout_backward(nn_layer *l, const nn_chunk *c, const float *x, const float *y,
                             const float *dy, float *dx, int B)
{
    (void)c; (void)x; (void)y;
    const dropout_state *s = l->priv;
    if (!dx) return;
    const size_t n = (size_t)B * l->n_in;
    if (!s->training) { memcpy(dx, dy, n * sizeof *dx); return; }
    const float scale = 1.0f / (1.0f - l->d.drop);
    for (size_t i = 0; i < n; i++) dx[i] = s->mask[i] ? dy[i] * scale : 0.0f;
}

static void dropout_destroy(nn_layer *l)
{
    dropout_state *s = l->priv;
    if (s) nn_free(s->mask);
    nn_free(s);
}

const uint8_t *nn__dropout_mask(const nn_layer *l, int *rows)
{
    const dropout_state *s = l->priv;
    *rows = s->training ? s->rows : 0;
    return s->training ? s->mask : NULL;
}

const nn_layer_ops nn_dropout_ops = {
    .name = "dropout", .setup = dropout_setup, .forward = dropout_forward,
    .backward = dropout_backward, .reserve = dropout_reserve, .destroy = dropout_destroy,
};
