/* bench_mlp - one epoch of MLP 784-256-10 (ReLU, softmax cross-entropy,
 * batch 128, plain SGD lr 0.1) on Fashion-MNIST, against its GEMM floor (the
 * same cblas_sgemm calls alone), and a whole nnlab-train epoch (evaluation
 * included) against the training alone. Run by tests/bench/run_bench.sh.
 *
 *   bench_mlp [FASHION_DIR]           the figures below
 *   bench_mlp --serve [FASHION_DIR]   the peer of torch_mlp.py (see the end)
 *
 * Rounds (BENCH_ROUNDS, default 3) run, in this order: one train-only epoch
 * with 1 engine thread (OpenBLAS threading each product on 2 threads, as
 * before the pool), one with 2 (the engine's pool, single-threaded products
 * per half batch), one whole epoch as nnlab-train runs it, then the floors;
 * the best of each is printed, so a busy neighbour slows all alike.
 *
 * Train-only epoch: nn_trainer_step over the 60,000 training images (no dev
 * split) after a warm-up epoch, the end-of-epoch evaluation left out
 * (bench_train_epoch). The floors, per batch of B rows (row-major, as nn_gemm):
 *   forward  Z1 (B,256) = X (B,784) W1^T       Z2 (B,10) = H (B,256) W2^T
 *   backward dW2 (10,256) += dZ2^T H           dH (B,256) = dZ2 W2
 *            dW1 (256,784) += dZ1^T X          (no dX: the first layer needs none)
 *   gemm_floor  these products for every batch, OpenBLAS on 2 threads;
 *   pool_floor  the 2-thread epoch's products: 2 threads at once, each the
 *               products of its half of every batch, single-threaded sgemm.
 *
 * Whole epoch: the trainer as `nnlab-train --data fashion --layers 256
 * --batch 128 --threads 2` has it (a sixth of the training images carved off
 * as the dev set: 50,000 training, 10,000 dev, 10,000 test images):
 * nn_trainer_epoch's time, which includes the evaluation the trainer runs
 * after the last batch (whatever this commit's trainer evaluates), against
 * the same epoch's training alone. The evaluation passes are also timed one
 * by one (nn_trainer_evaluate on the training set, on a 10,000-image sample
 * of it, on dev and on test), so the output shows both the whole training
 * set's figures and those from a 10,000-image sample.
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_common.h"
#include "nn/pool.h"
#include "nn/status.h"
#include "nn/tensor.h"

enum { IN = 784, HID = 256, OUT = 10, BATCH = 128, SAMPLE = 10000 };
static const int WIDTHS[] = { IN, HID, OUT };

/* ---- the floors ---- */

typedef struct operands { float *X, *W1, *W2, *Z1, *Z2, *g1, *g2; } operands;

/* One chunk's products as nn_gemm issues them (same shapes, transposes, leading dims). */
static void chunk_products(int B, const operands *o)
{
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, B, HID, IN, 1.0f, o->X, IN, o->W1, IN, 0.0f, o->Z1, HID);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, B, OUT, HID, 1.0f, o->Z1, HID, o->W2, HID, 0.0f, o->Z2, OUT);
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, OUT, HID, B, 1.0f, o->Z2, OUT, o->Z1, HID, 1.0f, o->g2, HID);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, B, HID, OUT, 1.0f, o->Z2, OUT, o->W2, HID, 0.0f, o->Z1, HID);
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, HID, IN, B, 1.0f, o->Z1, HID, o->X, IN, 1.0f, o->g1, IN);
}

static int operands_alloc(operands *o)
{
    o->X = calloc((size_t)BATCH * IN, sizeof(float));
    o->W1 = calloc((size_t)HID * IN, sizeof(float));
    o->W2 = calloc((size_t)OUT * HID, sizeof(float));
    o->Z1 = calloc((size_t)BATCH * HID, sizeof(float));
    o->Z2 = calloc((size_t)BATCH * OUT, sizeof(float));
    o->g1 = calloc((size_t)HID * IN, sizeof(float));
    o->g2 = calloc((size_t)OUT * HID, sizeof(float));
    if (!o->X || !o->W1 || !o->W2 || !o->Z1 || !o->Z2 || !o->g1 || !o->g2) return 1;
    for (int i = 0; i < BATCH * IN; i++) o->X[i] = (float)(i % 255) / 255.0f;
    for (int i = 0; i < HID * IN; i++) o->W1[i] = 0.01f * (float)((i % 7) - 3);
    for (int i = 0; i < OUT * HID; i++) o->W2[i] = 0.01f * (float)((i % 5) - 2);
    return 0;
}

static void operands_free(operands *o)
{
    free(o->X); free(o->W1); free(o->W2); free(o->Z1); free(o->Z2); free(o->g1); free(o->g2);
}

static double gemm_floor(int n_train, const operands *o)
{
    nn_blas_set_threads(2);
    const double t0 = bench_now();
    for (int done = 0; done < n_train; done += BATCH)
        chunk_products(n_train - done < BATCH ? n_train - done : BATCH, o);
    return bench_now() - t0;
}

typedef struct half_job { int n_train; operands o[2]; } half_job;

static void half_products(void *arg, int part, int parts)
{
    const half_job *j = arg;
    for (int done = 0; done < j->n_train; done += BATCH) {
        size_t lo, hi;
        nn_split((size_t)(j->n_train - done < BATCH ? j->n_train - done : BATCH), part, parts, &lo, &hi);
        if (hi > lo) chunk_products((int)(hi - lo), &j->o[part]);
    }
}

static double pool_floor(nn_pool *pool, half_job *j)
{
    nn_blas_set_threads(1);
    const double t0 = bench_now();
    nn_pool_run(pool, half_products, j);
    return bench_now() - t0;
}

/* ---- the trainers ---- */

static nn_trainer *mlp_trainer(int threads, const nn_dataset *tr, const nn_dataset *dv,
                               const nn_dataset *te)
{
    nn_train_desc d = nn_train_desc_default();
    d.model = nn_model_desc_mlp(IN, (int[]){ HID }, 1, OUT, NN_ACT_RELU, 0, NN_INIT_HE, NN_LOSS_SOFTMAX);
    d.model.in = tr->shape;
    d.batch = BATCH;
    d.lr = 0.1f;
    d.threads = threads;
    nn_trainer *t = nn_trainer_create(&d, tr, dv, te);
    if (!t) fprintf(stderr, "bench_mlp: %s\n", nn_last_error());
    return t;
}

static double timed_evaluation(nn_trainer *t, const nn_dataset *ds, int with_penalty)
{
    double loss, acc;
    const double t0 = bench_now();
    nn_trainer_evaluate(t, ds, with_penalty, &loss, &acc);
    return bench_now() - t0;
}

static void keep_best(double *best, double v) { if (v < *best) *best = v; }

/* --serve: one trainer (BENCH_THREADS threads, default 2) on the 60,000
 * images; after a warm-up epoch prints "ready", then for every line read
 * from stdin one train-only epoch and its "nnlab_epoch_seconds=S". The
 * peer (torch_mlp.py) alternates these with its own epochs. */
static int serve(const nn_dataset *tr)
{
    const int threads = getenv("BENCH_THREADS") ? atoi(getenv("BENCH_THREADS")) : 2;
    nn_trainer *t = mlp_trainer(threads, tr, NULL, NULL);
    if (!t) return 1;
    nn_blas_set_threads(1);                        /* threads = 1: everything on one thread */
    bench_train_epoch(t, tr, NULL);
    printf("ready\n");
    fflush(stdout);
    char line[64];
    while (fgets(line, sizeof line, stdin)) {
        const double e = bench_train_epoch(t, tr, NULL);
        int n;
        const nn_metrics *h = nn_trainer_history(t, &n);
        printf("nnlab_epoch_seconds=%.4f train_acc=%.4f\n", e, h[n - 1].train_acc);
        fflush(stdout);
    }
    nn_trainer_destroy(t);
    return 0;
}

int main(int argc, char **argv)
{
    const int serving = argc > 1 && strcmp(argv[1], "--serve") == 0;
    nn_images_desc id = nn_images_desc_default(NN_IMAGES_FASHION);
    if (argc > 1 + serving) id.dir = argv[1 + serving];
    nn_dataset tr, dv, te, tr50, dv50, te50;
    id.dev_size = 0;
    const char *data = bench_load_images(&id, &tr, &dv, &te);
    if (!data) return 1;
    if (serving) {
        const int rc = serve(&tr);
        nn_dataset_free(&tr); nn_dataset_free(&dv); nn_dataset_free(&te);
        return rc;
    }
    id.dev_size = -1;                             /* nnlab-train's split */
    if (!bench_load_images(&id, &tr50, &dv50, &te50)) return 1;
    const nn_dataset sample = { .n = tr50.n < SAMPLE ? tr50.n : SAMPLE, .d = tr50.d, .shape = tr50.shape,
                                .classes = tr50.classes, .y_dim = tr50.y_dim, .x8 = tr50.x8, .y = tr50.y };

    nn_trainer *t1 = mlp_trainer(1, &tr, NULL, NULL), *t2 = mlp_trainer(2, &tr, NULL, NULL);
    nn_trainer *tw = mlp_trainer(2, &tr50, &dv50, &te50);
    operands o;
    half_job hj = { .n_train = tr.n };
    nn_pool *pool = nn_pool_create(2);
    if (!t1 || !t2 || !tw || !pool || operands_alloc(&o) || operands_alloc(&hj.o[0]) || operands_alloc(&hj.o[1])) {
        fprintf(stderr, "bench_mlp: could not set up (%s)\n", nn_last_error());
        return 1;
    }
    /* Warm-up: an epoch of each (page faults, first allocations) and the floors. */
    nn_blas_set_threads(2);
    bench_train_epoch(t1, &tr, NULL);
    nn_blas_set_threads(1);
    bench_train_epoch(t2, &tr, NULL);
    bench_train_epoch(tw, &tr50, NULL);
    gemm_floor(tr.n, &o);
    pool_floor(pool, &hj);

    const int rounds = getenv("BENCH_ROUNDS") ? atoi(getenv("BENCH_ROUNDS")) : 3;
    const int no_floor = getenv("BENCH_NO_FLOOR") != NULL;
    double train[2] = { 1e30, 1e30 }, floor_s = 1e30, pool_s = 1e30;
    double alone = 1e30, whole = 1e30, ev_train = 1e30, ev_sample = 1e30, ev_dev = 1e30, ev_test = 1e30;
    for (int round = 0; round < rounds; round++) {
        nn_blas_set_threads(2);
        keep_best(&train[0], bench_train_epoch(t1, &tr, NULL));
        nn_blas_set_threads(1);
        keep_best(&train[1], bench_train_epoch(t2, &tr, NULL));
        double w;
        keep_best(&alone, bench_train_epoch(tw, &tr50, &w));
        keep_best(&whole, w);
        keep_best(&ev_train, timed_evaluation(tw, &tr50, 1));
        keep_best(&ev_sample, timed_evaluation(tw, &sample, 1));
        keep_best(&ev_dev, timed_evaluation(tw, &dv50, 0));
        keep_best(&ev_test, timed_evaluation(tw, &te50, 0));
        if (no_floor) continue;
        keep_best(&floor_s, gemm_floor(tr.n, &o));
        keep_best(&pool_s, pool_floor(pool, &hj));
    }

    const double flops = bench_mlp_epoch_flops(WIDTHS, 3, tr.n, BATCH);
    const double flops50 = bench_mlp_epoch_flops(WIDTHS, 3, tr50.n, BATCH);
    const int steps = nn_trainer_state_get(t1).batches_per_epoch;
    printf("data: %s; MLP 784-256-10 ReLU, softmax CE, batch %d, SGD lr 0.1; best of %d rounds\n",
           data, BATCH, rounds);
    printf("train-only epoch, %d training images (%.2f GFLOP):\n", tr.n, flops * 1e-9);
    for (int k = 0; k < 2; k++) {
        int n;
        const nn_metrics *h = nn_trainer_history(k ? t2 : t1, &n);
        printf("threads=%d nnlab_epoch_seconds=%.4f nnlab_gflops=%.1f train_acc=%.4f%s\n", k + 1, train[k],
               flops / train[k] * 1e-9, h[n - 1].train_acc, k ? " (engine pool)" : " (OpenBLAS 2 threads)");
    }
    printf("gemm_floor_seconds=%.4f gemm_gflops=%.1f (%d cblas_sgemm calls, OpenBLAS 2 threads)\n",
           floor_s, flops / floor_s * 1e-9, 5 * steps);
    printf("pool_floor_seconds=%.4f pool_gflops=%.1f (2 threads, each its half batch, sgemm single-threaded)\n",
           pool_s, flops / pool_s * 1e-9);
    printf("efficiency threads=1 %.3f threads=2 %.3f (gemm floor / epoch); threads=2 against its own "
           "products %.3f (pool floor / epoch)\n", floor_s / train[0], floor_s / train[1], pool_s / train[1]);
    printf("whole epoch as nnlab-train --data fashion --layers 256 --batch 128 --threads 2 runs it "
           "(%d training, %d dev, %d test images; %.2f GFLOP of training):\n", tr50.n, dv50.n, te50.n,
           flops50 * 1e-9);
    printf("train_only_seconds=%.4f whole_epoch_seconds=%.4f whole_over_train=%.3f "
           "(nn_trainer_epoch, with this commit's end-of-epoch evaluation)\n", alone, whole, whole / alone);
    printf("evaluation_seconds training_set=%.4f training_sample_%d=%.4f dev=%.4f test=%.4f "
           "(forward %.1f GFLOP/s on the training set)\n", ev_train, sample.n, ev_sample, ev_dev, ev_test,
           bench_mlp_forward_flops(WIDTHS, 3, tr50.n) / ev_train * 1e-9);
    printf("whole_over_train full_training_set=%.3f training_sample_%d=%.3f (train-only epoch + the "
           "evaluation passes timed one by one)\n", (alone + ev_train + ev_dev + ev_test) / alone, sample.n,
           (alone + ev_sample + ev_dev + ev_test) / alone);
    nn_pool_destroy(pool);
    operands_free(&o); operands_free(&hj.o[0]); operands_free(&hj.o[1]);
    nn_trainer_destroy(t1); nn_trainer_destroy(t2); nn_trainer_destroy(tw);
    nn_dataset_free(&tr); nn_dataset_free(&dv); nn_dataset_free(&te);
    nn_dataset_free(&tr50); nn_dataset_free(&dv50); nn_dataset_free(&te50);
    return 0;
}
