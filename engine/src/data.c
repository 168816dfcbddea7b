/* data.c - batch assembly shared by every kind of dataset. */
#include <string.h>

#include "nn/data.h"

static void copy_row(const nn_dataset *ds, int i, float *x)
{
    const size_t d = (size_t)ds->d;
    if (ds->x) {
        memcpy(x, ds->x + (size_t)i * d, d * sizeof *x);
    } else {
        const uint8_t *p = ds->x8 + (size_t)i * d;
        for (size_t k = 0; k < d; k++) x[k] = p[k] * (1.0f / 255.0f);
    }
}

void nn_dataset_gather(const nn_dataset *ds, const int *idx, int count, float *x, float *y)
{
    const size_t d = (size_t)ds->d, yd = (size_t)ds->y_dim;
    for (int r = 0; r < count; r++) {
        copy_row(ds, idx[r], x + r * d);
        memcpy(y + r * yd, ds->y + (size_t)idx[r] * yd, yd * sizeof *y);
    }
}

void nn_dataset_slice(const nn_dataset *ds, int first, int count, float *x, float *y)
{
    const size_t d = (size_t)ds->d, yd = (size_t)ds->y_dim;
    for (int r = 0; r < count; r++) copy_row(ds, first + r, x + r * d);
    memcpy(y, ds->y + (size_t)first * yd, (size_t)count * yd * sizeof *y);
}
