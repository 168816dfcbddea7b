/* app/views/softmax_chain.c - the softmax chain of one example (see softmax_chain.h). */
#include <math.h>
#include <string.h>

#include "nn/loss.h"
#include "views/softmax_chain.h"

void sm_chain_compute(sm_chain *c, const float *z, int k, int truth)
{
    memset(c, 0, sizeof *c);
    c->truth = -1;
    if (k > SM_MAX_CLASSES) k = SM_MAX_CLASSES;
    if (k < 2) return;
    for (int i = 0; i < k; i++)
        if (!isfinite(z[i])) return;
    c->k = k;
    memcpy(c->z, z, (size_t)k * sizeof *z);
    c->zmax = z[0];
    for (int i = 1; i < k; i++) if (z[i] > c->zmax) c->zmax = z[i], c->best = i;
    /* e^z as the notes write it, unless one of them overflows. */
    for (int i = 0; i < k && !c->shifted; i++) c->shifted = !isfinite(exp((double)z[i]));
    c->sum = 0.0;
    for (int i = 0; i < k; i++) {
        c->ez[i] = exp((double)z[i] - (c->shifted ? (double)c->zmax : 0.0));
        c->sum += c->ez[i];
    }
    if (!isfinite(c->sum)) {   /* the terms fit but their sum does not: shift too */
        c->shifted = 1;
        c->sum = 0.0;
        for (int i = 0; i < k; i++) c->sum += (c->ez[i] = exp((double)z[i] - (double)c->zmax));
    }
    nn_softmax(z, c->p, k);
    if (truth >= 0 && truth < k) {
        c->truth = truth;
        const float y = (float)truth;
        c->loss = nn_loss_eval(NN_LOSS_SOFTMAX, z, &y, 1, k, c->grad, NULL);
    }
}

double sm_chain_max_change(const sm_chain *a, const sm_chain *b)
{
    if (a->k != b->k) return INFINITY;
    double m = 0.0;
    for (int i = 0; i < a->k; i++) {
        const double d = fabs((double)a->p[i] - (double)b->p[i]);
        if (d > m) m = d;
    }
    return m;
}
