/* nn/data.h - datasets: seeded synthetic sets, splits, batch assembly.
 *
 * 2-D classification sets (points in about [-1, 1]^2):
 *   spiral   K arms, one class per arm (K >= 2)
 *   circle   a disc inside a ring (2 classes)
 *   xor      four quadrants, opposite quadrants share a class (2 classes)
 *   gauss    two Gaussian blobs (2 classes)
 *   moons    two interleaved half-moons (2 classes)
 * 1-D regression:
 *   sine     y = sin(pi x) + noise, x in [-1, 1]
 *
 * `noise` is a standard deviation in input units (sine: in output units).
 * `shift` > 0 draws dev and test from a shifted distribution: the 2-D sets
 * are rotated by shift * 0.6 rad and moved by shift * 0.3 along x; sine's
 * inputs are moved by shift * 0.5. Training data are never shifted.
 *
 *     nn_data_desc d = nn_data_desc_default(NN_DATA_SPIRAL);
 *     d.classes = 3;
 *     nn_dataset tr, dv, te;
 *     if (nn_data_make(&d, &tr, &dv, &te)) fail(nn_last_error());
 *     ...
 *     nn_dataset_free(&tr); nn_dataset_free(&dv); nn_dataset_free(&te);
 */
#ifndef NN_DATA_H
#define NN_DATA_H

#include <stdint.h>
#include "model.h"
#include "pool.h"

typedef enum nn_data_kind {
    NN_DATA_SPIRAL, NN_DATA_CIRCLE, NN_DATA_XOR, NN_DATA_GAUSS, NN_DATA_MOONS, NN_DATA_SINE,
    NN_DATA_COUNT
} nn_data_kind;

/* A set of examples. Inputs are float (x) or 8-bit pixels (x8, read as
 * value / 255); exactly one of the two is non-NULL. */
typedef struct nn_dataset {
    int       n;             /* examples */
    int       d;             /* input features per example */
    nn_shape  shape;         /* per-example input shape; {d, 1, 1} for flat data */
    int       classes;       /* >= 2 for classification, 0 for regression */
    int       y_dim;         /* floats per target (1 for classification) */
    float    *x;             /* (n, d) or NULL */
    uint8_t  *x8;            /* (n, d) or NULL */
    float    *y;             /* (n, y_dim): class index as float, or regression targets */
    const char *const *class_names;   /* classes entries or NULL; not owned */
} nn_dataset;

typedef struct nn_data_desc {
    nn_data_kind kind;
    int      samples;        /* total examples before the split (default 600) */
    float    noise;          /* default 0.1 (sine: 0.1) */
    int      classes;        /* spiral only (default 3); others are fixed */
    float    split[3];       /* train, dev, test fractions (default 0.6, 0.2, 0.2) */
    float    shift;          /* dev/test distribution shift (default 0) */
    uint64_t seed;           /* default 1 */
} nn_data_desc;

const char  *nn_data_name(nn_data_kind k);
int          nn_data_from_name(const char *name);     /* -1 if unknown */
int          nn_data_is_regression(nn_data_kind k);
nn_data_desc nn_data_desc_default(nn_data_kind k);

/* Generate and split. On success the three sets are filled (dev or test may
 * have n = 0 when its fraction is 0) and must be freed with nn_dataset_free. */
int  nn_data_make(const nn_data_desc *d, nn_dataset *train, nn_dataset *dev, nn_dataset *test);
void nn_dataset_free(nn_dataset *ds);

/* Copy examples idx[0..count) into x (count, d) and y (count, y_dim). */
void nn_dataset_gather(const nn_dataset *ds, const int *idx, int count, float *x, float *y);
/* Start fetching examples idx[0..count) into the caches for a later gather
 * (a hint: it changes no value, only how long that gather waits for memory). */
void nn_dataset_prefetch(const nn_dataset *ds, const int *idx, int count);
/* Copy the contiguous examples [first, first + count). */
void nn_dataset_slice(const nn_dataset *ds, int first, int count, float *x, float *y);
/* The same, the rows split over the pool's threads as nn_split splits them
 * (the way the model splits a batch, so each thread's rows are in its own
 * cache for its part of the forward pass); same values. pool NULL, or a
 * small batch: on the calling thread. */
void nn_dataset_gather_pool(const nn_dataset *ds, const int *idx, int count, float *x, float *y,
                            nn_pool *pool);
void nn_dataset_slice_pool(const nn_dataset *ds, int first, int count, float *x, float *y,
                           nn_pool *pool);

#endif
