/* app/views/softmax_chain.h - one row of logits through the softmax, step by
 * step: z -> e^z -> sum -> p = e^z / sum -> loss -log p[true] -> p - y.
 *
 *     sm_chain c;
 *     const float z[4] = { 2, 5, -1, 3 };
 *     sm_chain_compute(&c, z, 4, 1);      // c.p = 0.042 0.842 0.002 0.114, c.loss = 0.172
 *
 * p is the engine's nn_softmax (stable: the largest logit is subtracted
 * before exponentiating), the loss and p - y are the engine's nn_loss_eval
 * for one example, so the picture shows exactly what training computes.
 * e^z and the sum are shown as they are (e^5 = 148.4); only when some e^z
 * would overflow a double are they shown shifted, e^(z - max) (shifted = 1).
 * No SDL here.
 */
#ifndef NNLAB_SOFTMAX_CHAIN_H
#define NNLAB_SOFTMAX_CHAIN_H

#define SM_MAX_CLASSES 16

typedef struct sm_chain {
    int    k;                       /* classes (rows), 2..SM_MAX_CLASSES; 0: nothing */
    int    truth;                   /* the true class, or -1 (no loss, no p - y) */
    float  z[SM_MAX_CLASSES];       /* logits */
    double ez[SM_MAX_CLASSES];      /* e^z (e^(z - zmax) when shifted) */
    double sum;                     /* the sum of ez */
    float  p[SM_MAX_CLASSES];       /* probabilities (nn_softmax) */
    float  grad[SM_MAX_CLASSES];    /* dL/dz = p - y (truth >= 0) */
    double loss;                    /* -log p[truth] (truth >= 0) */
    float  zmax;
    int    shifted;                 /* ez holds e^(z - zmax): e^z would overflow */
    int    best;                    /* the most likely class */
} sm_chain;

/* k is clamped to SM_MAX_CLASSES; k < 2 or a non-finite logit gives k = 0. */
void sm_chain_compute(sm_chain *c, const float *z, int k, int truth);

/* The largest |p_a[i] - p_b[i]| over k classes (for "adding a constant changes nothing"). */
double sm_chain_max_change(const sm_chain *a, const sm_chain *b);

#endif
