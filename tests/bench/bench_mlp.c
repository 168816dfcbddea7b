/* bench_mlp - one epoch of MLP 784-256-10 (ReLU, softmax cross-entropy,
 * batch 128, plain SGD) on 60,000 Fashion-MNIST training images, and the
 * GEMM floor: the same cblas_sgemm calls alone. Run by tests/bench/run_bench.sh.
 *
 *   bench_mlp [FASHION_DIR]      threads: OPENBLAS_NUM_THREADS (the script sets 2)
 *
 * nnlab's time is that of nn_trainer_step over one whole epoch, after a
 * warm-up epoch, excluding the end-of-epoch evaluation the trainer runs after
 * the last batch: the last (partial, 96-image) batch is timed with the
 * evaluation and replaced by its share of an average full batch. Rounds of
 * (one nnlab epoch, one floor pass) repeat BENCH_ROUNDS times (default 5) and
 * the best of each is printed. BENCH_NO_FLOOR=1 leaves the floor out (to
 * profile nnlab alone; the efficiency line is then meaningless).
 *
 * The matrix products of one epoch, per batch of B rows (row-major, as nn_gemm):
 *   forward  Z1 (B,256) = X (B,784) W1^T       Z2 (B,10) = H (B,256) W2^T
 *   backward dW2 (10,256) += dZ2^T H           dH (B,256) = dZ2 W2
 *            dW1 (256,784) += dZ1^T X          (no dX: the first layer needs none)
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nn/images.h"
#include "nn/status.h"
#include "nn/trainer.h"

enum { IN = 784, HID = 256, OUT = 10, BATCH = 128, N_TRAIN = 60000 };

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* One batch's products as nn_gemm issues them (same shapes, transposes, leading dims). */
static void batch_products(int B, const float *X, const float *W1, const float *W2, float *Z1,
                           float *Z2, float *gW1, float *gW2)
{
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, B, HID, IN, 1.0f, X, IN, W1, IN, 0.0f, Z1, HID);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, B, OUT, HID, 1.0f, Z1, HID, W2, HID, 0.0f, Z2, OUT);
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, OUT, HID, B, 1.0f, Z2, OUT, Z1, HID, 1.0f, gW2, HID);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, B, HID, OUT, 1.0f, Z2, OUT, W2, HID, 0.0f, Z1, HID);
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, HID, IN, B, 1.0f, Z1, HID, X, IN, 1.0f, gW1, IN);
}

static double epoch_flops(void)
{
    double f = 0.0;
    for (int done = 0; done < N_TRAIN; done += BATCH) {
        const double B = N_TRAIN - done < BATCH ? N_TRAIN - done : BATCH;
        f += 2.0 * B * (IN * HID + HID * OUT) + 2.0 * B * (OUT * HID + HID * OUT + HID * IN);
    }
    return f;
}

static double gemm_floor(void)
{
    float *X = calloc((size_t)BATCH * IN, sizeof *X), *W1 = calloc((size_t)HID * IN, sizeof *W1);
    float *W2 = calloc((size_t)OUT * HID, sizeof *W2), *Z1 = calloc((size_t)BATCH * HID, sizeof *Z1);
    float *Z2 = calloc((size_t)BATCH * OUT, sizeof *Z2), *g1 = calloc((size_t)HID * IN, sizeof *g1);
    float *g2 = calloc((size_t)OUT * HID, sizeof *g2);
    for (int i = 0; i < BATCH * IN; i++) X[i] = (float)(i % 255) / 255.0f;
    for (int i = 0; i < HID * IN; i++) W1[i] = 0.01f * (float)((i % 7) - 3);
    for (int i = 0; i < OUT * HID; i++) W2[i] = 0.01f * (float)((i % 5) - 2);
    double best = 1e30;
    for (int rep = 0; rep < 2; rep++) {            /* best of 2 (the first one warms up) */
        const double t0 = now();
        for (int done = 0; done < N_TRAIN; done += BATCH)
            batch_products(N_TRAIN - done < BATCH ? N_TRAIN - done : BATCH, X, W1, W2, Z1, Z2, g1, g2);
        const double t = now() - t0;
        if (t < best) best = t;
    }
    free(X); free(W1); free(W2); free(Z1); free(Z2); free(g1); free(g2);
    return best;
}

static int random_set(nn_dataset *ds)
{
    memset(ds, 0, sizeof *ds);
    ds->x8 = nn_alloc((size_t)N_TRAIN * IN);
    ds->y = nn_alloc((size_t)N_TRAIN * sizeof(float));
    if (!ds->x8 || !ds->y) return 1;
    nn_rng r;
    nn_rng_seed(&r, 1, 1);
    for (size_t i = 0; i < (size_t)N_TRAIN * IN; i++) ds->x8[i] = (uint8_t)nn_rng_below(&r, 256);
    for (int i = 0; i < N_TRAIN; i++) ds->y[i] = (float)nn_rng_below(&r, 10);
    ds->n = N_TRAIN; ds->d = IN; ds->shape = (nn_shape){ 1, 28, 28 }; ds->classes = 10; ds->y_dim = 1;
    return 0;
}

int main(int argc, char **argv)
{
    nn_images_desc id = nn_images_desc_default(NN_IMAGES_FASHION);
    if (argc > 1) id.dir = argv[1];
    id.dev_size = 0;
    nn_dataset tr, dv, te;
    char notice[512];
    if (nn_images_load(&id, &tr, &dv, &te, notice, sizeof notice)) {
        fprintf(stderr, "bench_mlp: %s\n", nn_last_error());
        return 1;
    }
    const char *data = "Fashion-MNIST training images";
    if (*notice || tr.n != N_TRAIN) {          /* same shapes, same work: random pixels */
        nn_dataset_free(&tr); nn_dataset_free(&dv); nn_dataset_free(&te);
        if (random_set(&tr)) { fprintf(stderr, "bench_mlp: out of memory\n"); return 1; }
        data = "random 28x28 images (Fashion-MNIST not installed)";
    }
    nn_train_desc d = nn_train_desc_default();
    d.model = nn_model_desc_mlp(IN, (int[]){ HID }, 1, OUT, NN_ACT_RELU, 0, NN_INIT_HE, NN_LOSS_SOFTMAX);
    d.model.in = tr.shape;
    d.batch = BATCH;
    d.lr = 0.1f;
    nn_trainer *t = nn_trainer_create(&d, &tr, NULL, NULL);
    if (!t) { fprintf(stderr, "bench_mlp: %s\n", nn_last_error()); return 1; }
    nn_trainer_epoch(t);                        /* warm-up epoch */
    /* Rounds alternate one nnlab epoch and one floor pass; the best of each
     * is reported, so a busy moment on a shared machine hurts both alike. */
    const int steps = nn_trainer_state_get(t).batches_per_epoch;
    const int last_rows = N_TRAIN - (steps - 1) * BATCH;
    const int rounds = getenv("BENCH_ROUNDS") ? atoi(getenv("BENCH_ROUNDS")) : 5;
    double epoch = 1e30, floor_s = 1e30;
    for (int round = 0; round < rounds; round++) {
        const double t0 = now();
        for (int s = 0; s < steps - 1; s++) nn_trainer_step(t);
        const double full = now() - t0;
        nn_trainer_step(t);                     /* last batch + evaluation, not timed */
        const double e = full + full / (steps - 1) * last_rows / BATCH;
        if (e < epoch) epoch = e;
        const double f = getenv("BENCH_NO_FLOOR") ? 1.0 : gemm_floor();
        if (f < floor_s) floor_s = f;
    }
    int n;
    const nn_metrics *h = nn_trainer_history(t, &n);
    const double flops = epoch_flops();
    const char *threads = getenv("OPENBLAS_NUM_THREADS");
    printf("data: %s; MLP 784-256-10 ReLU, softmax CE, batch %d, SGD lr 0.1, %s BLAS threads\n",
           data, BATCH, threads ? threads : "default");
    printf("nnlab_epoch_seconds=%.4f nnlab_gflops=%.1f train_acc=%.4f\n",
           epoch, flops / epoch * 1e-9, h[n - 1].train_acc);
    printf("gemm_floor_seconds=%.4f gemm_gflops=%.1f (%d cblas_sgemm calls, %.2f GFLOP per epoch)\n",
           floor_s, flops / floor_s * 1e-9, 5 * steps, flops * 1e-9);
    printf("best of %d rounds each\n", rounds);
    printf("efficiency=%.3f (floor / epoch)\n", floor_s / epoch);
    nn_trainer_destroy(t);
    nn_dataset_free(&tr); nn_dataset_free(&dv); nn_dataset_free(&te);
    return 0;
}
