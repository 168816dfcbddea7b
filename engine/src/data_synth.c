/* data_synth.c - seeded synthetic datasets and their train/dev/test split. */
#include <math.h>
#include <string.h>

#include "nn/data.h"
#include "nn/rng.h"
#include "nn/status.h"

#define PI 3.14159265358979323846

typedef struct synth_info {
    const char *name;
    int regression;
    /* Write example i of n: its input (d floats) and target. */
    void (*make)(const nn_data_desc *d, nn_rng *r, int i, int n, float *x, float *y);
} synth_info;

static float gauss(nn_rng *r, float sd) { return (float)(nn_rng_normal(r) * sd); }

/* K arms: class k's points start near the centre and wind outwards, each arm
 * turned 2 pi / K from the previous. Noise grows with the radius so the
 * crowded centre stays separable. */
enum { WIND = 5 };   /* radians an arm turns from centre to rim */

static void make_spiral(const nn_data_desc *d, nn_rng *r, int i, int n, float *x, float *y)
{
    (void)n;
    const int k = i % d->classes;
    const double t = nn_rng_uniform(r);
    const double radius = 0.08 + 0.92 * t;
    const double theta = 2.0 * PI * k / d->classes + WIND * t;
    x[0] = (float)(radius * sin(theta)) + gauss(r, d->noise * (float)radius);
    x[1] = (float)(radius * cos(theta)) + gauss(r, d->noise * (float)radius);
    y[0] = (float)k;
}

/* Class 0: a disc of radius 0.45; class 1: a ring from 0.65 to 1. */
static void make_circle(const nn_data_desc *d, nn_rng *r, int i, int n, float *x, float *y)
{
    (void)n;
    const int k = i % 2;
    const double radius = k == 0 ? 0.45 * sqrt(nn_rng_uniform(r)) : 0.65 + 0.35 * nn_rng_uniform(r);
    const double theta = 2.0 * PI * nn_rng_uniform(r);
    x[0] = (float)(radius * cos(theta)) + gauss(r, d->noise);
    x[1] = (float)(radius * sin(theta)) + gauss(r, d->noise);
    y[0] = (float)k;
}

/* Uniform in the square, kept 0.05 away from the axes; class 1 where x and y
 * share a sign. The label is read from the noisy point (as TensorFlow
 * Playground does), so noise blurs the quadrants without mislabelling. */
static void make_xor(const nn_data_desc *d, nn_rng *r, int i, int n, float *x, float *y)
{
    (void)i; (void)n;
    float p[2];
    for (int k = 0; k < 2; k++) {
        float u = (float)(nn_rng_uniform(r) * 0.95 + 0.05);
        p[k] = nn_rng_below(r, 2) ? u : -u;
    }
    x[0] = p[0] + gauss(r, d->noise);
    x[1] = p[1] + gauss(r, d->noise);
    y[0] = (x[0] > 0) == (x[1] > 0) ? 1.0f : 0.0f;
}

/* Two round blobs at (-0.45, -0.45) and (0.45, 0.45); noise widens them. */
static void make_gauss(const nn_data_desc *d, nn_rng *r, int i, int n, float *x, float *y)
{
    (void)n;
    const int k = i % 2;
    const float c = k ? 0.45f : -0.45f, sd = 0.2f + d->noise;
    x[0] = c + gauss(r, sd);
    x[1] = c + gauss(r, sd);
    y[0] = (float)k;
}

/* Two interleaved half circles, scaled into about [-0.9, 0.9] x [-0.5, 0.5]. */
static void make_moons(const nn_data_desc *d, nn_rng *r, int i, int n, float *x, float *y)
{
    (void)n;
    const int k = i % 2;
    const double t = PI * nn_rng_uniform(r);
    double px = k == 0 ? cos(t) : 1.0 - cos(t);
    double py = k == 0 ? sin(t) : 0.5 - sin(t);
    x[0] = (float)((px - 0.5) * 0.6) + gauss(r, d->noise);
    x[1] = (float)((py - 0.25) * 0.6) + gauss(r, d->noise);
    y[0] = (float)k;
}

/* y = sin(pi x) + noise, x uniform in [-1, 1]. */
static void make_sine(const nn_data_desc *d, nn_rng *r, int i, int n, float *x, float *y)
{
    (void)i; (void)n;
    x[0] = (float)(2.0 * nn_rng_uniform(r) - 1.0);
    y[0] = (float)sin(PI * x[0]) + gauss(r, d->noise);
}

static const synth_info SETS[] = {
    [NN_DATA_SPIRAL] = { "spiral", 0, make_spiral },
    [NN_DATA_CIRCLE] = { "circle", 0, make_circle },
    [NN_DATA_XOR]    = { "xor",    0, make_xor    },
    [NN_DATA_GAUSS]  = { "gauss",  0, make_gauss  },
    [NN_DATA_MOONS]  = { "moons",  0, make_moons  },
    [NN_DATA_SINE]   = { "sine",   1, make_sine   },
};
_Static_assert(sizeof SETS / sizeof SETS[0] == NN_DATA_COUNT, "add a row to SETS");

const char *nn_data_name(nn_data_kind k) { return (unsigned)k < NN_DATA_COUNT ? SETS[k].name : "?"; }

int nn_data_from_name(const char *name)
{
    for (int i = 0; i < NN_DATA_COUNT; i++)
        if (strcmp(name, SETS[i].name) == 0) return i;
    return -1;
}

int nn_data_is_regression(nn_data_kind k) { return (unsigned)k < NN_DATA_COUNT && SETS[k].regression; }

nn_data_desc nn_data_desc_default(nn_data_kind k)
{
    return (nn_data_desc){ .kind = k, .samples = 600, .noise = 0.1f,
                           .classes = k == NN_DATA_SPIRAL ? 3 : 2,
                           .split = { 0.6f, 0.2f, 0.2f }, .shift = 0.0f, .seed = 1 };
}

void nn_dataset_free(nn_dataset *ds)
{
    nn_free(ds->x);
    nn_free(ds->x8);
    nn_free(ds->y);
    memset(ds, 0, sizeof *ds);
}

static int dataset_alloc(nn_dataset *ds, int n, int d, int classes, int y_dim)
{
    memset(ds, 0, sizeof *ds);
    ds->n = n;
    ds->d = d;
    ds->shape = (nn_shape){ d, 1, 1 };
    ds->classes = classes;
    ds->y_dim = y_dim;
    ds->x = nn_alloc((size_t)n * d * sizeof(float) + 1);
    ds->y = nn_alloc((size_t)n * y_dim * sizeof(float) + 1);
    if (!ds->x || !ds->y) { nn_dataset_free(ds); return NN_ERR_NOMEM; }
    return NN_OK;
}

/* Dev and test under a distribution shift: the plane turned by 0.6 shift rad
 * and moved 0.3 shift to the right; for the 1-D set the inputs move by 0.5 shift. */
static void apply_shift(const nn_data_desc *d, nn_dataset *ds)
{
    if (d->shift == 0.0f) return;
    if (ds->d == 1) {
        for (int i = 0; i < ds->n; i++) ds->x[i] += 0.5f * d->shift;
        return;
    }
    const double a = 0.6 * d->shift, c = cos(a), s = sin(a);
    for (int i = 0; i < ds->n; i++) {
        float *p = ds->x + (size_t)i * 2;
        const double px = p[0], py = p[1];
        p[0] = (float)(c * px - s * py + 0.3 * d->shift);
        p[1] = (float)(s * px + c * py);
    }
}

static int check_desc(const nn_data_desc *d)
{
    if ((unsigned)d->kind >= NN_DATA_COUNT)
        return nn_set_error(NN_ERR_ARG, "unknown dataset %d", (int)d->kind);
    if (d->samples < 3 || d->samples > 10000000)
        return nn_set_error(NN_ERR_ARG, "samples must be from 3 to 10000000 (got %d)", d->samples);
    if (!(d->noise >= 0.0f && d->noise <= 10.0f))
        return nn_set_error(NN_ERR_ARG, "noise must be from 0 to 10 (got %g)", (double)d->noise);
    if (d->kind == NN_DATA_SPIRAL && (d->classes < 2 || d->classes > 16))
        return nn_set_error(NN_ERR_ARG, "spiral needs 2 to 16 classes (got %d)", d->classes);
    if (d->kind != NN_DATA_SPIRAL && d->classes != 2 && !SETS[d->kind].regression)
        return nn_set_error(NN_ERR_ARG, "%s has exactly 2 classes (got %d)", SETS[d->kind].name, d->classes);
    const float *f = d->split;
    if (!(f[0] > 0.0f && f[1] >= 0.0f && f[2] >= 0.0f) || !isfinite(f[0] + f[1] + f[2]))
        return nn_set_error(NN_ERR_ARG, "split fractions must be >= 0 with train > 0");
    if (!(d->shift >= 0.0f && d->shift <= 10.0f))
        return nn_set_error(NN_ERR_ARG, "shift must be from 0 to 10 (got %g)", (double)d->shift);
    return NN_OK;
}

int nn_data_make(const nn_data_desc *d, nn_dataset *train, nn_dataset *dev, nn_dataset *test)
{
    memset(train, 0, sizeof *train);
    memset(dev, 0, sizeof *dev);
    memset(test, 0, sizeof *test);
    if (check_desc(d)) return NN_ERR_ARG;
    const synth_info *info = &SETS[d->kind];
    const int N = d->samples, dim = info->regression ? 1 : 2;
    const int classes = info->regression ? 0 : (d->kind == NN_DATA_SPIRAL ? d->classes : 2);

    nn_dataset all;
    if (dataset_alloc(&all, N, dim, classes, 1)) return NN_ERR_NOMEM;
    nn_rng rng;
    nn_rng_seed(&rng, d->seed, NN_STREAM_DATA);
    for (int i = 0; i < N; i++) info->make(d, &rng, i, N, all.x + (size_t)i * dim, all.y + i);

    /* Shuffle, then cut by the (normalised) fractions; train gets the rounding. */
    const double sum = (double)d->split[0] + d->split[1] + d->split[2];
    const int n_dev = (int)(N * (d->split[1] / sum) + 0.5);
    const int n_test = (int)(N * (d->split[2] / sum) + 0.5);
    const int n_train = N - n_dev - n_test;
    int *order = nn_alloc((size_t)N * sizeof *order);
    if (!order) { nn_dataset_free(&all); return NN_ERR_NOMEM; }
    for (int i = 0; i < N; i++) order[i] = i;
    nn_rng_shuffle(&rng, order, N);

    int rc = NN_OK;
    nn_dataset *parts[3] = { train, dev, test };
    const int counts[3] = { n_train, n_dev, n_test };
    int first = 0;
    for (int p = 0; p < 3 && rc == NN_OK; p++) {
        if ((rc = dataset_alloc(parts[p], counts[p], dim, classes, 1)) != NN_OK) break;
        nn_dataset_gather(&all, order + first, counts[p], parts[p]->x, parts[p]->y);
        first += counts[p];
        if (p > 0) apply_shift(d, parts[p]);
    }
    nn_free(order);
    nn_dataset_free(&all);
    if (rc != NN_OK || n_train < 1) {
        nn_dataset_free(train); nn_dataset_free(dev); nn_dataset_free(test);
        return rc != NN_OK ? rc : nn_set_error(NN_ERR_ARG, "the split leaves no training examples");
    }
    return NN_OK;
}
