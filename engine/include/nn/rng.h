/* nn/rng.h - a small seeded random generator (PCG32, O'Neill 2014).
 *
 * Every random choice in the engine draws from an nn_rng passed explicitly;
 * there is no global generator. Same seed and stream => same sequence on every
 * machine. Streams let one seed drive independent choices (initial weights,
 * shuffling, dropout) so that changing one does not shift the others.
 */
#ifndef NN_RNG_H
#define NN_RNG_H

#include <stdint.h>

typedef struct nn_rng { uint64_t state, inc; } nn_rng;

/* Well-known stream numbers, so every part of the engine agrees. */
enum { NN_STREAM_DATA = 1, NN_STREAM_INIT, NN_STREAM_SHUFFLE, NN_STREAM_DROPOUT,
       NN_STREAM_NOISE, NN_STREAM_AUGMENT, NN_STREAM_SEARCH, NN_STREAM_SLICE,
       NN_STREAM_TRAIN_EVAL };

void     nn_rng_seed(nn_rng *r, uint64_t seed, uint64_t stream);
uint32_t nn_rng_u32(nn_rng *r);
uint32_t nn_rng_below(nn_rng *r, uint32_t n);       /* uniform in [0, n), unbiased; n > 0 */
double   nn_rng_uniform(nn_rng *r);                 /* uniform in [0, 1) with 53 bits */
double   nn_rng_normal(nn_rng *r);                  /* standard normal (polar Box-Muller) */
void     nn_rng_shuffle(nn_rng *r, int *a, int n);  /* Fisher-Yates */

#endif
