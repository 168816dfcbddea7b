/* nn/init.h - weight initialisation.
 *
 *   zeros    W = 0                       (every neuron stays identical: symmetry is never broken)
 *   small    W ~ U(-1, 1) * 0.01
 *   xavier   W ~ N(0, 1/n_in)            (the tanh form in the lecture notes)
 *   glorot   W ~ N(0, 2/(n_in + n_out))  (Glorot & Bengio's averaged form)
 *   he       W ~ N(0, 2/n_in)            (for ReLU)
 *   large    W ~ N(0, 1)                 (deliberately too large, for teaching: the
 *                                         unscaled normal a first attempt draws, sqrt(n_in)
 *                                         times Xavier's spread, so it grows with the width:
 *                                         tanh and sigmoid layers saturate, linear and ReLU
 *                                         layers multiply the signal at every layer)
 * Biases start at zero for every scheme.
 */
#ifndef NN_INIT_H
#define NN_INIT_H

#include <stddef.h>
#include "rng.h"

typedef enum nn_init { NN_INIT_ZEROS, NN_INIT_SMALL, NN_INIT_XAVIER, NN_INIT_GLOROT,
                       NN_INIT_HE, NN_INIT_LARGE, NN_INIT_COUNT } nn_init;

const char *nn_init_name(nn_init i);
int         nn_init_from_name(const char *name);   /* -1 if unknown */
/* The standard deviation the scheme aims for (0 for zeros; 0.01/sqrt(3) for small; 1 for large). */
double      nn_init_std(nn_init i, int n_in, int n_out);
/* Fill w[0..n) for a layer with fan-in n_in and fan-out n_out. */
void        nn_init_fill(nn_init i, float *w, size_t n, int n_in, int n_out, nn_rng *rng);

#endif
