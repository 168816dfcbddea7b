/* init.c - weight initialisation schemes (see nn/init.h). */
#include <math.h>
#include <string.h>

#include "nn/init.h"

static const char *const NAMES[] = {
    [NN_INIT_ZEROS] = "zeros", [NN_INIT_SMALL] = "small", [NN_INIT_XAVIER] = "xavier",
    [NN_INIT_GLOROT] = "glorot", [NN_INIT_HE] = "he", [NN_INIT_LARGE] = "large",
};
_Static_assert(sizeof NAMES / sizeof NAMES[0] == NN_INIT_COUNT, "add a row to NAMES");

const char *nn_init_name(nn_init i) { return (unsigned)i < NN_INIT_COUNT ? NAMES[i] : "?"; }

int nn_init_from_name(const char *name)
{
    for (int i = 0; i < NN_INIT_COUNT; i++)
        if (strcmp(name, NAMES[i]) == 0) return i;
    return -1;
}

double nn_init_std(nn_init i, int n_in, int n_out)
{
    switch (i) {
    case NN_INIT_ZEROS:  return 0.0;
    case NN_INIT_SMALL:  return 0.01 / sqrt(3.0);              /* U(-0.01, 0.01) */
    case NN_INIT_XAVIER: return sqrt(1.0 / n_in);
    case NN_INIT_GLOROT: return sqrt(2.0 / (n_in + n_out));
    case NN_INIT_HE:     return sqrt(2.0 / n_in);
    case NN_INIT_LARGE:  return 1.0;                           /* whatever the fan-in */
    case NN_INIT_COUNT:  break;
    }
    return 0.0;
}

void nn_init_fill(nn_init i, float *w, size_t n, int n_in, int n_out, nn_rng *rng)
{
    const double sd = nn_init_std(i, n_in, n_out);
    for (size_t k = 0; k < n; k++) {
        if (i == NN_INIT_ZEROS)      w[k] = 0.0f;
        else if (i == NN_INIT_SMALL) w[k] = (float)((2.0 * nn_rng_uniform(rng) - 1.0) * 0.01);
        else                         w[k] = (float)(nn_rng_normal(rng) * sd);
    }
}
