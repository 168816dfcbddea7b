/* rng.c - PCG32 (XSH RR 64/32), M. E. O'Neill, "PCG: A Family of Simple Fast
 * Space-Efficient Statistically Good Algorithms for Random Number Generation", 2014. */
#include <math.h>

#include "nn/rng.h"

uint32_t nn_rng_u32(nn_rng *r)
{
    uint64_t old = r->state;
    r->state = old * 6364136223846793005ULL + r->inc;
    uint32_t xorshifted = (uint32_t)(((old >> 18u) ^ old) >> 27u);
    uint32_t rot = (uint32_t)(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((-rot) & 31u));
}

void nn_rng_seed(nn_rng *r, uint64_t seed, uint64_t stream)
{
    r->state = 0;
    r->inc = (stream << 1u) | 1u;
    nn_rng_u32(r);
    r->state += seed;
    nn_rng_u32(r);
}

/* Lemire-free rejection: discard the low values that would bias the modulo. */
uint32_t nn_rng_below(nn_rng *r, uint32_t n)
{
    uint32_t threshold = (uint32_t)(-n) % n;
    for (;;) {
        uint32_t v = nn_rng_u32(r);
        if (v >= threshold) return v % n;
    }
}

double nn_rng_uniform(nn_rng *r)
{
    uint64_t hi = nn_rng_u32(r) >> 5, lo = nn_rng_u32(r) >> 6;   /* 27 + 26 = 53 bits */
    return (double)(hi * 67108864u + lo) / 9007199254740992.0;
}

/* Marsaglia's polar method; the second value is discarded so the stream
 * position never depends on a hidden cache. */
double nn_rng_normal(nn_rng *r)
{
    double u, v, s;
    do {
        u = 2.0 * nn_rng_uniform(r) - 1.0;
        v = 2.0 * nn_rng_uniform(r) - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    return u * sqrt(-2.0 * log(s) / s);
}

void nn_rng_shuffle(nn_rng *r, int *a, int n)
{
    for (int i = n - 1; i > 0; i--) {
        int j = (int)nn_rng_below(r, (uint32_t)i + 1);
        int t = a[i]; a[i] = a[j]; a[j] = t;
    }
}
