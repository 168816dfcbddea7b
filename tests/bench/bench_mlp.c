/* bench_mlp - one epoch of MLP 784-256-10 (ReLU, softmax cross-entropy,
 * batch 128, plain SGD lr 0.1) on Fashion-MNIST, against its GEMM floor (the
 * same cblas_sgemm calls alone), and a whole nnlab-train epoch (evaluation
 * included) against the training alone. Run by tests/bench/run_bench.sh.
 *
 *   bench_mlp [FASHION_DIR]           the figures below
 *   bench_mlp --serve [FASHION_DIR]   the peer of torch_mlp.py (see the end)
 *
 * Rounds (BENCH_ROUNDS, default 3): one train-only epoch with 1 engine thread
 * (OpenBLAS threading each product on 2 threads, as before the pool), one
 * with 2 (the engine's pool, single-threaded products per half batch) and
 * the two floors: first the 1-thread epoch and the gemm floor, interleaved
 * in slices of 20 batches (so both sides of a ratio see the same moments of
 * a shared machine), then, after a pause in which OpenBLAS's threads stop
 * spinning, the 2-thread epoch and the pool floor likewise; then one whole epoch as
 * nnlab-train runs it and its evaluation passes. The best of the rounds is
 * printed for each time, and the median of the rounds' ratios (and each
 * round's) for the efficiencies.
 *
 * Train-only epoch: nn_trainer_step over the 60,000 training images (no dev
 * split) after a warm-up epoch, the end-of-epoch evaluation left out (the
 * last, partial batch is stepped untimed and counted as its share of a full
 * one, in the floors too). The floors, per batch of B rows (row-major, as nn_gemm):
 *   forward  Z1 (B,256) = X (B,784) W1^T       Z2 (B,10) = H (B,256) W2^T
 *   backward dW2 (10,256) += dZ2^T H           dH (B,256) = dZ2 W2
 *            dW1 (256,784) += dZ1^T X          (no dX: the first layer needs none)
 *   gemm_floor  these products for every batch, OpenBLAS on 2 threads;
 *   pool_floor  the 2-thread epoch's products: 2 threads at once, each the
 *               products of its half of every batch, single-threaded sgemm
 *               (one pool run per slice: no waiting between layers).
 *
 * Whole epoch: the trainer as `nnlab-train --data fashion --layers 256
 * --batch 128 --threads 2` has it (a sixth of the training images carved off
 * as the dev set: 50,000 training, 10,000 dev, 10,000 test images):
 * nn_trainer_epoch's time, which includes the evaluation the trainer runs
 * after the last batch with nnlab-train's default train_eval (auto: on these
 * 50,000 images the running average, so the pass is over dev and test only;
 * the output names the mode), against the same epoch's training alone. The
 * evaluation passes are also timed one by one (nn_trainer_evaluate on the
 * training set, on a 10,000-image sample of it, on dev and on test), so the
 * output shows the epoch with each source of the training figures: the
 * whole training set, a 10,000-image sample (train_eval 10000) and the
 * running average (no training-set pass).
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_common.h"
#include "nn/pool.h"
#include "nn/status.h"
#include "nn/tensor.h"

enum { IN = 784, HID = 256, OUT = 10, BATCH = 128, SAMPLE = 10000, SLICE = 20, MAX_ROUNDS = 32 };
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

/* `batches` full batches' products, OpenBLAS on 2 threads. */
static double gemm_floor(int batches, const operands *o)
{
    nn_blas_set_threads(2);
    const double t0 = bench_now();
    for (int k = 0; k < batches; k++) chunk_products(BATCH, o);
    return bench_now() - t0;
}

typedef struct half_job { int batches; operands o[2]; } half_job;

static void half_products(void *arg, int part, int parts)
{
    const half_job *j = arg;
    size_t lo, hi;
    nn_split(BATCH, part, parts, &lo, &hi);
    for (int k = 0; k < j->batches; k++) chunk_products((int)(hi - lo), &j->o[part]);
}

/* The same batches on the pool: each thread its half of each, single-threaded sgemm. */
static double pool_floor(nn_pool *pool, half_job *j, int batches)
{
    nn_blas_set_threads(1);
    j->batches = batches;
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

/* OpenBLAS's idle threads spin (sched_yield) for a while after a threaded
 * product before they sleep; a pass timed in that while would share the
 * cores with them (and count their CPU time). */
static void openblas_rest(void)
{
    nn_blas_set_threads(1);
    const struct timespec pause = { 0, 300 * 1000 * 1000 };
    nanosleep(&pause, NULL);
}

static void keep_best(double *best, double v) { if (v < *best) *best = v; }

static double median(double *v, int n)
{
    for (int i = 1; i < n; i++)                   /* insertion sort: a handful of rounds */
        for (int j = i; j > 0 && v[j] < v[j - 1]; j--) { const double t = v[j]; v[j] = v[j - 1]; v[j - 1] = t; }
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

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
    bench_train_epoch(t, tr);
    printf("ready\n");
    fflush(stdout);
    char line[64];
    while (fgets(line, sizeof line, stdin)) {
        const double e = bench_train_epoch(t, tr).wall;
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
    half_job hj = { .batches = 0 };
    nn_pool *pool = nn_pool_create(2);
    if (!t1 || !t2 || !tw || !pool || operands_alloc(&o) || operands_alloc(&hj.o[0]) || operands_alloc(&hj.o[1])) {
        fprintf(stderr, "bench_mlp: could not set up (%s)\n", nn_last_error());
        return 1;
    }
    /* Warm-up: an epoch of each (page faults, first allocations) and the floors. */
    nn_blas_set_threads(2);
    bench_train_epoch(t1, &tr);
    const int steps = nn_trainer_state_get(t1).batches_per_epoch;
    gemm_floor(steps, &o);
    openblas_rest();
    bench_train_epoch(t2, &tr);
    bench_train_epoch(tw, &tr50);
    pool_floor(pool, &hj, steps);

    const int rounds = getenv("BENCH_ROUNDS") ? atoi(getenv("BENCH_ROUNDS")) : 3;
    const int nr = rounds < MAX_ROUNDS ? rounds : MAX_ROUNDS;
    const int no_floor = getenv("BENCH_NO_FLOOR") != NULL;
    /* Per round: the 1- and 2-thread epochs and the two floors (the sides
     * below), interleaved in slices of SLICE batches; best of the rounds for
     * each time, and each round's ratios (both sides saw the same moments). */
    enum { ONE, TWO, GEMM, POOL, SIDES };
    double best[SIDES] = { 1e30, 1e30, 1e30, 1e30 };
    double eff[4][MAX_ROUNDS], whole_ratio[2][MAX_ROUNDS];
    double alone = 1e30, whole = 1e30, ev[4] = { 1e30, 1e30, 1e30, 1e30 };
    const double scale = 1.0 + (double)(tr.n - (steps - 1) * BATCH) / BATCH / (steps - 1);
    for (int round = 0; round < nr; round++) {
        double wall[SIDES] = { 0 }, cpu[SIDES] = { 0 };
        /* Two phases: the sides on OpenBLAS's threads (1 engine thread, the
         * gemm floor), then, once those threads have stopped spinning, the
         * sides on the engine's pool (2 threads, the pool floor). */
        for (int phase = 0; phase < 2; phase++) {
            const int a = phase == 0 ? ONE : TWO, b = phase == 0 ? GEMM : POOL;
            for (int s0 = 0; s0 < steps - 1; s0 += SLICE) {
                const int n = steps - 1 - s0 < SLICE ? steps - 1 - s0 : SLICE;
                for (int k = a; k <= b; k += b - a) {
                    if (k == b && no_floor) break;
                    const double w0 = bench_now(), c0 = bench_cpu();
                    if (k == GEMM) gemm_floor(n, &o);
                    else if (k == POOL) pool_floor(pool, &hj, n);
                    else {
                        nn_blas_set_threads(k == ONE ? 2 : 1);   /* 1 engine thread: OpenBLAS threads each product */
                        for (int i = 0; i < n; i++) nn_trainer_step(k == ONE ? t1 : t2);
                    }
                    wall[k] += bench_now() - w0;
                    cpu[k] += bench_cpu() - c0;
                }
            }
            /* The last (partial) batch + the evaluation: not timed. */
            nn_blas_set_threads(phase == 0 ? 2 : 1);
            nn_trainer_step(phase == 0 ? t1 : t2);
            if (phase == 0) openblas_rest();
        }
        for (int k = ONE; k < SIDES; k++) keep_best(&best[k], wall[k] * scale);   /* the last batch as its share */
        eff[0][round] = wall[GEMM] / wall[ONE];
        eff[1][round] = wall[GEMM] / wall[TWO];
        eff[2][round] = wall[POOL] / wall[TWO];
        eff[3][round] = cpu[POOL] / cpu[TWO];
        const bench_epoch e = bench_train_epoch(tw, &tr50);
        keep_best(&alone, e.wall);
        keep_best(&whole, e.whole_wall);
        whole_ratio[0][round] = e.whole_wall / e.wall;
        whole_ratio[1][round] = e.whole_cpu / e.cpu;
        keep_best(&ev[0], timed_evaluation(tw, &tr50, 1));
        keep_best(&ev[1], timed_evaluation(tw, &sample, 1));
        keep_best(&ev[2], timed_evaluation(tw, &dv50, 0));
        keep_best(&ev[3], timed_evaluation(tw, &te50, 0));
    }

    const double flops = bench_mlp_epoch_flops(WIDTHS, 3, tr.n, BATCH);
    const double flops50 = bench_mlp_epoch_flops(WIDTHS, 3, tr50.n, BATCH);
    printf("data: %s; MLP 784-256-10 ReLU, softmax CE, batch %d, SGD lr 0.1; %d rounds: times the best "
           "of them, ratios their median\n", data, BATCH, nr);
    printf("train-only epoch, %d training images (%.2f GFLOP):\n", tr.n, flops * 1e-9);
    for (int k = ONE; k <= TWO; k++) {
        int n;
        const nn_metrics *h = nn_trainer_history(k == ONE ? t1 : t2, &n);
        printf("threads=%d nnlab_epoch_seconds=%.4f nnlab_gflops=%.1f train_acc=%.4f%s\n", k + 1, best[k],
               flops / best[k] * 1e-9, h[n - 1].train_acc, k == TWO ? " (engine pool)" : " (OpenBLAS 2 threads)");
    }
    printf("gemm_floor_seconds=%.4f gemm_gflops=%.1f (%d cblas_sgemm calls, OpenBLAS 2 threads)\n",
           best[GEMM], flops / best[GEMM] * 1e-9, 5 * steps);
    printf("pool_floor_seconds=%.4f pool_gflops=%.1f (2 threads, each its half batch, sgemm single-threaded)\n",
           best[POOL], flops / best[POOL] * 1e-9);
    printf("efficiency threads=1 %.3f threads=2 %.3f (gemm floor / epoch); threads=2 against its own "
           "products %.3f (pool floor / epoch), in CPU time %.3f\n", median(eff[0], nr), median(eff[1], nr),
           median(eff[2], nr), median(eff[3], nr));
    static const char *const names[4] = { "threads=1", "threads=2", "threads=2_pool", "threads=2_pool_cpu" };
    printf("efficiency_per_round");
    for (int k = 0; k < 4; k++) {
        printf(" %s", names[k]);
        for (int r = 0; r < nr; r++) printf(" %.3f", eff[k][r]);
    }
    printf("\n");
    printf("whole epoch as nnlab-train --data fashion --layers 256 --batch 128 --threads 2 runs it "
           "(%d training, %d dev, %d test images; %.2f GFLOP of training):\n", tr50.n, dv50.n, te50.n,
           flops50 * 1e-9);
    char source[48];                              /* as nnlab-train's final line says it */
    nn_trainer_train_eval_name(tw, 0, source, sizeof source);
    printf("train_only_seconds=%.4f whole_epoch_seconds=%.4f whole_over_train=%.3f (in CPU time %.3f; "
           "nn_trainer_epoch, with the default end-of-epoch evaluation: train_eval=%s)\n", alone, whole,
           median(whole_ratio[0], nr), median(whole_ratio[1], nr), source);
    printf("evaluation_seconds training_set=%.4f training_sample_%d=%.4f dev=%.4f test=%.4f "
           "(forward %.1f GFLOP/s on the training set)\n", ev[0], sample.n, ev[1], ev[2], ev[3],
           bench_mlp_forward_flops(WIDTHS, 3, tr50.n) / ev[0] * 1e-9);
    printf("whole_over_train full_training_set=%.3f training_sample_%d=%.3f running=%.3f (best train-only "
           "epoch + the best evaluation passes timed one by one)\n", (alone + ev[0] + ev[2] + ev[3]) / alone,
           sample.n, (alone + ev[1] + ev[2] + ev[3]) / alone, (alone + ev[2] + ev[3]) / alone);
    nn_pool_destroy(pool);
    operands_free(&o); operands_free(&hj.o[0]); operands_free(&hj.o[1]);
    nn_trainer_destroy(t1); nn_trainer_destroy(t2); nn_trainer_destroy(tw);
    nn_dataset_free(&tr); nn_dataset_free(&dv); nn_dataset_free(&te);
    nn_dataset_free(&tr50); nn_dataset_free(&dv50); nn_dataset_free(&te50);
    return 0;
}
