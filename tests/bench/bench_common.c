/* bench_common.c - see bench_common.h. */
#include "bench_common.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "nn/rng.h"
#include "nn/status.h"
#include "nn/tensor.h"

enum { FULL_TRAIN = 60000, FULL_TEST = 10000, PIXELS = 784 };

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

double bench_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int random_set(nn_dataset *ds, int n, uint64_t stream)
{
    memset(ds, 0, sizeof *ds);
    if (n == 0) return 0;
    ds->x8 = nn_alloc((size_t)n * PIXELS);
    ds->y = nn_alloc((size_t)n * sizeof(float));
    if (!ds->x8 || !ds->y) return 1;
    nn_rng r;
    nn_rng_seed(&r, 1, stream);
    for (size_t i = 0; i < (size_t)n * PIXELS; i++) ds->x8[i] = (uint8_t)nn_rng_below(&r, 256);
    for (int i = 0; i < n; i++) ds->y[i] = (float)nn_rng_below(&r, 10);
    ds->n = n; ds->d = PIXELS; ds->shape = (nn_shape){ 1, 28, 28 }; ds->classes = 10; ds->y_dim = 1;
    return 0;
}

const char *bench_load_images(const nn_images_desc *id, nn_dataset *tr, nn_dataset *dv,
                              nn_dataset *te)
{
    char notice[512];
    if (nn_images_load(id, tr, dv, te, notice, sizeof notice)) {
        fprintf(stderr, "bench: %s\n", nn_last_error());
        return NULL;
    }
    if (!*notice) return "Fashion-MNIST";
    /* Same shapes, same work: random pixels. */
    nn_dataset_free(tr); nn_dataset_free(dv); nn_dataset_free(te);
    const int n_dev = id->dev_size < 0 ? FULL_TRAIN / 6 : id->dev_size;
    int n_train = FULL_TRAIN - n_dev;
    if (id->train_limit > 0 && id->train_limit < n_train) n_train = id->train_limit;
    if (random_set(tr, n_train, 1) || random_set(dv, n_dev, 2) || random_set(te, FULL_TEST, 3)) {
        fprintf(stderr, "bench: out of memory for the random images\n");
        return NULL;
    }
    return "random 28x28 images (Fashion-MNIST not installed)";
}

double bench_mlp_forward_flops(const int *widths, int n, int B)
{
    double f = 0.0;
    for (int i = 0; i + 1 < n; i++) f += 2.0 * B * widths[i] * widths[i + 1];
    return f;
}

double bench_mlp_step_flops(const int *widths, int n, int B)
{
    double f = 0.0;
    for (int i = 0; i + 1 < n; i++) {
        const double mac = 2.0 * B * widths[i] * widths[i + 1];
        f += mac + mac + (i > 0 ? mac : 0.0);   /* forward, dW, dX (none for the first layer) */
    }
    return f;
}

double bench_mlp_epoch_flops(const int *widths, int n, int n_train, int batch)
{
    if (batch <= 0 || batch > n_train) batch = n_train;
    double f = 0.0;
    for (int done = 0; done < n_train; done += batch)
        f += bench_mlp_step_flops(widths, n, n_train - done < batch ? n_train - done : batch);
    return f;
}

bench_epoch bench_train_epoch(nn_trainer *t, const nn_dataset *tr)
{
    const int steps = nn_trainer_state_get(t).batches_per_epoch;
    int batch = nn_trainer_desc(t)->batch;
    if (batch <= 0 || batch > tr->n) batch = tr->n;
    bench_epoch e;
    const double w0 = bench_now(), c0 = bench_cpu();
    if (steps == 1) {            /* batch = all: the step minus the evaluation after it */
        nn_trainer_step(t);
        const double w1 = bench_now(), c1 = bench_cpu();
        double loss, acc;
        nn_trainer_evaluate(t, tr, 1, &loss, &acc);
        const double eval_w = bench_now() - w1, eval_c = bench_cpu() - c1;
        e.whole_wall = w1 - w0;
        e.whole_cpu = c1 - c0;
        e.wall = e.whole_wall > eval_w ? e.whole_wall - eval_w : 0.0;
        e.cpu = e.whole_cpu > eval_c ? e.whole_cpu - eval_c : 0.0;
        return e;
    }
    const double share = 1.0 + (double)(tr->n - (steps - 1) * batch) / batch / (steps - 1);
    for (int s = 0; s < steps - 1; s++) nn_trainer_step(t);
    e.wall = (bench_now() - w0) * share;
    e.cpu = (bench_cpu() - c0) * share;
    nn_trainer_step(t);                          /* last batch + the evaluation */
    e.whole_wall = bench_now() - w0;
    e.whole_cpu = bench_cpu() - c0;
    return e;
}
