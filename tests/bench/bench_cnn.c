/* bench_cnn - one epoch of the README's CNN (c16k3,p2,c32k3,p2,128, ReLU,
 * softmax cross-entropy, Adam lr 0.001, batch 64; no augmentation) on the
 * Fashion-MNIST training images, with 1 engine thread (OpenBLAS threading
 * each product, as before the pool) and with 2 (the engine's pool, one
 * single-threaded product per chunk), side by side; the evaluation pass over
 * the training and test images for both; and the GEMM floor: the time
 * cblas_sgemm alone takes on exactly that epoch's products. Run by
 * tests/bench/run_cnn_bench.sh.
 *
 *   bench_cnn [FASHION_DIR]
 *
 * BENCH_ROUNDS (default 2) rounds each time, in this order, one 1-thread
 * epoch, one 2-thread epoch, the floors; the best of each is printed, so a
 * busy neighbour on a shared machine slows both sides alike.
 * BENCH_IMAGES=N trains on the first N images only (a quicker look; the
 * figures are then for N images). The floors:
 *   gemm_floor   every product of the 1-thread epoch (whole batch, convolutions
 *                in chunks of 32 examples, as the engine issues them) with
 *                OpenBLAS on 2 threads: what the machine's sgemm reaches on them;
 *   pool_floor   the 2-thread epoch's products (each half batch on its own
 *                thread, single-threaded sgemm) on 2 threads at once.
 * And the end-of-epoch evaluation of `nnlab-train --data fashion` (50,000
 * training, 10,000 dev and 10,000 test images), per thread count:
 *   evaluation_all      the whole training set + dev + test (70,000 images;
 *                       --train-eval all, and every epoch before issue 15),
 *                       from the timed pass over the training + test images;
 *   evaluation_sampled  the trainer's fixed sample of 10,000 training images
 *                       + 10,000 dev + the test images (30,000; --train-eval
 *                       10000, the default before the running average),
 *                       timed as such;
 *   evaluation_running  the default (--train-eval auto = running on 50,000):
 *                       dev + test only (20,000), the training figures being
 *                       the epoch's running average; scaled per image from
 *                       the sampled pass (the same network on every image);
 * each with its share of that epoch (train time scaled to 50,000 images;
 * with BENCH_IMAGES the passes are scaled per image to those counts).
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nn/images.h"
#include "nn/layerspec.h"
#include "nn/pool.h"
#include "nn/status.h"
#include "nn/tensor.h"
#include "nn/trainer.h"

enum { BATCH = 64, CONV_CHUNK = 32 /* examples per im2col product (layer_conv2d.c) */ };
static const char SPEC[] = "c16k3,p2,c32k3,p2,128";

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* ---- the products of one batch, as the engine issues them ---- */

typedef struct scratch { float *a, *b, *c; } scratch;   /* operands big enough for any product */
enum { SCRATCH_FLOATS = 1 << 20 };   /* conv2's im2col matrix: 144 x 32*196 */

static double flops;   /* counted by gemm() when counting is on */
static int counting;

static void gemm(int ta, int tb, int M, int N, int K, const scratch *s, float beta)
{
    if (counting) flops += 2.0 * M * N * K;
    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                M, N, K, 1.0f, s->a, ta ? M : K, s->b, tb ? K : N, beta, s->c, N);
}

/* Forward then backward of one batch of B rows: the products of
 * layer_dense.c and layer_conv2d.c for the model's layers, same shapes and
 * transposes (leading dimensions: the operands' own widths). */
static void batch_products(const nn_model *m, int B, const scratch *s)
{
    const nn_model_desc *d = nn_model_get_desc(m);
    const int L = nn_model_layer_count(m);
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < L; k++) {
            const int i = pass == 0 ? k : L - 1 - k;
            const nn_layer_info li = nn_model_layer(m, i);
            if (li.kind == NN_LAYER_DENSE) {
                const int in = li.in.c * li.in.h * li.in.w, out = li.out.c;
                if (pass == 0) { gemm(0, 1, B, out, in, s, 0.0f); continue; }
                gemm(1, 0, out, in, B, s, 1.0f);                      /* dW += dy^T x */
                if (i > 0) gemm(0, 0, B, in, out, s, 0.0f);           /* dx = dy W */
            } else if (li.kind == NN_LAYER_CONV2D) {
                const int K = d->layers[i].kernel, CKK = li.in.c * K * K, F = li.out.c;
                const int OHW = li.out.h * li.out.w;
                for (int b0 = 0; b0 < B; b0 += CONV_CHUNK) {
                    const int n = B - b0 < CONV_CHUNK ? B - b0 : CONV_CHUNK, ld = n * OHW;
                    if (pass == 0) { gemm(0, 0, F, ld, CKK, s, 0.0f); continue; }
                    gemm(0, 1, F, CKK, ld, s, 1.0f);                  /* dW += dt col^T */
                    if (i > 0) gemm(1, 0, CKK, ld, F, s, 0.0f);       /* dcol = W^T dt */
                }
            }
        }
}

static void epoch_products(const nn_model *m, int n_train, const scratch *s)
{
    for (int done = 0; done < n_train; done += BATCH)
        batch_products(m, n_train - done < BATCH ? n_train - done : BATCH, s);
}

/* The 2-thread epoch's products: each thread its half of every batch. */
typedef struct half_job { const nn_model *m; int n_train; scratch s[2]; } half_job;

static void half_products(void *arg, int part, int parts)
{
    const half_job *j = arg;
    for (int done = 0; done < j->n_train; done += BATCH) {
        const int B = j->n_train - done < BATCH ? j->n_train - done : BATCH;
        size_t lo, hi;
        nn_split((size_t)B, part, parts, &lo, &hi);
        if (hi > lo) batch_products(j->m, (int)(hi - lo), &j->s[part]);
    }
}

static int scratch_alloc(scratch *s)
{
    s->a = malloc(SCRATCH_FLOATS * sizeof(float));
    s->b = malloc(SCRATCH_FLOATS * sizeof(float));
    s->c = malloc(SCRATCH_FLOATS * sizeof(float));
    if (!s->a || !s->b || !s->c) return 1;
    for (int i = 0; i < SCRATCH_FLOATS; i++) {
        s->a[i] = 0.01f * (float)((i % 7) - 3);
        s->b[i] = (float)(i % 255) / 255.0f;
        s->c[i] = 0.0f;
    }
    return 0;
}

static void scratch_free(scratch *s) { free(s->a); free(s->b); free(s->c); }

/* ---- the engine's epoch ---- */

static int random_set(nn_dataset *ds, int n)
{
    memset(ds, 0, sizeof *ds);
    ds->x8 = nn_alloc((size_t)n * 784);
    ds->y = nn_alloc((size_t)n * sizeof(float));
    if (!ds->x8 || !ds->y) return 1;
    nn_rng r;
    nn_rng_seed(&r, 1, 1);
    for (size_t i = 0; i < (size_t)n * 784; i++) ds->x8[i] = (uint8_t)nn_rng_below(&r, 256);
    for (int i = 0; i < n; i++) ds->y[i] = (float)nn_rng_below(&r, 10);
    ds->n = n; ds->d = 784; ds->shape = (nn_shape){ 1, 28, 28 }; ds->classes = 10; ds->y_dim = 1;
    return 0;
}

/* The process's CPU seconds (all its threads): the work done, which a busy
 * neighbour on a shared machine changes far less than the wall time. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Seconds of one epoch's updates (the end-of-epoch evaluation left out: the
 * last batch is stepped untimed and counted as its share of a full one);
 * *cpu = the CPU seconds of the same steps, scaled alike. */
static double timed_epoch_cpu(nn_trainer *t, int n_train, double *cpu)
{
    const int steps = nn_trainer_state_get(t).batches_per_epoch;
    const int last_rows = n_train - (steps - 1) * BATCH;
    const double t0 = now(), c0 = cpu_now();
    for (int s = 0; s < steps - 1; s++) nn_trainer_step(t);
    const double full = now() - t0, full_cpu = cpu_now() - c0;
    nn_trainer_step(t);
    *cpu = full_cpu + full_cpu / (steps - 1) * last_rows / BATCH;
    return full + full / (steps - 1) * last_rows / BATCH;
}

static double timed_epoch(nn_trainer *t, int n_train)
{
    double cpu;
    return timed_epoch_cpu(t, n_train, &cpu);
}

static double timed_evaluation(nn_trainer *t, const nn_dataset *tr, const nn_dataset *te)
{
    double loss, acc;
    const double t0 = now();
    nn_trainer_evaluate(t, tr, 1, &loss, &acc);
    nn_trainer_evaluate(t, te, 0, &loss, &acc);
    return now() - t0;
}

/* nnlab-train's epoch shape (data_fashion.c: dev = one sixth of the 60,000). */
enum { EPOCH_TRAIN = 50000, EPOCH_DEV = 10000, EPOCH_TEST = 10000 };

/* The end-of-epoch pass with --train-eval 10000: the trainer's training
 * sample (row 0's, nn_trainer_train_eval; its first rows when the set is
 * small enough to be evaluated whole), EPOCH_DEV rows standing for the dev
 * set, and the test set. *images = how many. */
static double timed_sampled_evaluation(nn_trainer *t, const nn_dataset *tr, const nn_dataset *te,
                                       int *images)
{
    double loss, acc;
    const int *idx;
    const int n = nn_trainer_train_eval(t, &idx), sample = n < NN_TRAIN_EVAL_AUTO ? n : NN_TRAIN_EVAL_AUTO;
    const int dev = tr->n < EPOCH_DEV ? tr->n : EPOCH_DEV;
    const double t0 = now();
    nn_trainer_evaluate_rows(t, tr, idx, sample, 1, &loss, &acc);
    nn_trainer_evaluate_rows(t, tr, NULL, dev, 0, &loss, &acc);
    nn_trainer_evaluate(t, te, 0, &loss, &acc);
    *images = sample + dev + te->n;
    return now() - t0;
}

int main(int argc, char **argv)
{
    nn_images_desc id = nn_images_desc_default(NN_IMAGES_FASHION);
    if (argc > 1) id.dir = argv[1];
    id.dev_size = 0;
    if (getenv("BENCH_IMAGES")) id.train_limit = atoi(getenv("BENCH_IMAGES"));
    nn_dataset tr, dv, te;
    char notice[512];
    if (nn_images_load(&id, &tr, &dv, &te, notice, sizeof notice)) {
        fprintf(stderr, "bench_cnn: %s\n", nn_last_error());
        return 1;
    }
    const char *data = "Fashion-MNIST";
    if (*notice || tr.n < 1000) {                 /* same shapes, same work: random pixels */
        const int n = id.train_limit > 0 ? id.train_limit : 60000;
        nn_dataset_free(&tr); nn_dataset_free(&dv); nn_dataset_free(&te);
        if (random_set(&tr, n) || random_set(&te, 10000)) { fprintf(stderr, "bench_cnn: out of memory\n"); return 1; }
        data = "random 28x28 images (Fashion-MNIST not installed)";
    }
    nn_train_desc d = nn_train_desc_default();
    if (nn_layerspec_parse(SPEC, tr.shape, 10, NN_ACT_RELU, 0.0f, NN_INIT_HE, NN_LOSS_SOFTMAX, &d.model)) {
        fprintf(stderr, "bench_cnn: %s\n", nn_last_error());
        return 1;
    }
    d.optim = nn_optim_desc_default(NN_OPT_ADAM);
    d.lr = 0.001f;
    d.batch = BATCH;
    nn_trainer *t[2];
    for (int k = 0; k < 2; k++) {
        d.threads = k + 1;
        if (!(t[k] = nn_trainer_create(&d, &tr, NULL, &te))) {
            fprintf(stderr, "bench_cnn: %s\n", nn_last_error());
            return 1;
        }
    }
    scratch s;
    half_job hj = { .m = nn_trainer_model(t[0]), .n_train = tr.n };
    if (scratch_alloc(&s) || scratch_alloc(&hj.s[0]) || scratch_alloc(&hj.s[1])) {
        fprintf(stderr, "bench_cnn: out of memory\n");
        return 1;
    }
    nn_pool *pool = nn_pool_create(2);
    counting = 1;
    epoch_products(nn_trainer_model(t[0]), tr.n, &s);    /* also warms the floor up */
    counting = 0;
    const double epoch_flops = flops;
    /* Warm-up epoch for both (page faults, first allocations). */
    nn_blas_set_threads(2);
    timed_epoch(t[0], tr.n);
    nn_blas_set_threads(1);
    timed_epoch(t[1], tr.n);

    const int rounds = getenv("BENCH_ROUNDS") ? atoi(getenv("BENCH_ROUNDS")) : 2;
    double train[2] = { 1e30, 1e30 }, eval[2] = { 1e30, 1e30 }, floor_s = 1e30, pool_floor = 1e30;
    double train_cpu[2] = { 1e30, 1e30 };
    double sampled[2] = { 1e30, 1e30 };
    int sampled_images = 0;
    for (int round = 0; round < rounds; round++) {
        for (int k = 0; k < 2; k++) {
            nn_blas_set_threads(k == 0 ? 2 : 1);         /* 1 thread: OpenBLAS threads each product */
            double cpu;
            const double e = timed_epoch_cpu(t[k], tr.n, &cpu), v = timed_evaluation(t[k], &tr, &te);
            if (e < train[k]) train[k] = e;
            if (cpu < train_cpu[k]) train_cpu[k] = cpu;
            if (v < eval[k]) eval[k] = v;
            const double w = timed_sampled_evaluation(t[k], &tr, &te, &sampled_images);
            if (w < sampled[k]) sampled[k] = w;
        }
        nn_blas_set_threads(2);
        double t0 = now();
        epoch_products(nn_trainer_model(t[0]), tr.n, &s);
        if (now() - t0 < floor_s) floor_s = now() - t0;
        nn_blas_set_threads(1);
        t0 = now();
        nn_pool_run(pool, half_products, &hj);
        if (now() - t0 < pool_floor) pool_floor = now() - t0;
    }
    printf("data: %s, %d training + %d test images; CNN %s, ReLU, softmax CE, Adam lr 0.001, batch %d, "
           "no augmentation; best of %d rounds\n", data, tr.n, te.n, SPEC, BATCH, rounds);
    for (int k = 0; k < 2; k++) {
        int n;
        const nn_metrics *h = nn_trainer_history(t[k], &n);
        printf("threads=%d train_epoch_seconds=%.3f train_gflops=%.1f evaluation_seconds=%.3f "
               "evaluation_share=%.3f train_acc=%.4f\n", k + 1, train[k], epoch_flops / train[k] * 1e-9,
               eval[k], eval[k] / (train[k] + eval[k]), h[n - 1].train_acc);
    }
    printf("train_cpu_seconds threads=1 %.3f threads=2 %.3f (CPU time of the epoch, all threads, "
           "waiting included: less noisy than the wall time on a shared machine)\n", train_cpu[0], train_cpu[1]);
    printf("nnlab-train --data fashion epoch: %d training, %d dev, %d test images%s\n", EPOCH_TRAIN, EPOCH_DEV,
           EPOCH_TEST, tr.n + te.n == EPOCH_TRAIN + EPOCH_DEV + EPOCH_TEST && sampled_images == 30000
                       ? "" : " (scaled per image from this run's sets)");
    for (int k = 0; k < 2; k++) {
        const double tr_s = train[k] / tr.n * EPOCH_TRAIN;
        const double all_s = eval[k] / (tr.n + te.n) * (EPOCH_TRAIN + EPOCH_DEV + EPOCH_TEST);
        const double smp_s = sampled[k] / sampled_images * (NN_TRAIN_EVAL_AUTO + EPOCH_DEV + EPOCH_TEST);
        const double run_s = sampled[k] / sampled_images * (EPOCH_DEV + EPOCH_TEST);
        printf("threads=%d epoch_train_seconds=%.3f evaluation_all_seconds=%.3f (%d images) "
               "evaluation_all_share=%.3f evaluation_sampled_seconds=%.3f (%d images) evaluation_sampled_share=%.3f "
               "evaluation_running_seconds=%.3f (%d images) evaluation_running_share=%.3f\n",
               k + 1, tr_s, all_s, EPOCH_TRAIN + EPOCH_DEV + EPOCH_TEST, all_s / (tr_s + all_s), smp_s,
               NN_TRAIN_EVAL_AUTO + EPOCH_DEV + EPOCH_TEST, smp_s / (tr_s + smp_s), run_s, EPOCH_DEV + EPOCH_TEST,
               run_s / (tr_s + run_s));
    }
    printf("gemm_floor_seconds=%.3f gemm_gflops=%.1f (OpenBLAS 2 threads, the 1-thread epoch's products, "
           "%.1f GFLOP)\n", floor_s, epoch_flops / floor_s * 1e-9, epoch_flops * 1e-9);
    printf("pool_floor_seconds=%.3f pool_gflops=%.1f (2 threads, each its half batch, sgemm single-threaded)\n",
           pool_floor, epoch_flops / pool_floor * 1e-9);
    printf("speedup_2_vs_1 train=%.2f epoch_with_evaluation=%.2f evaluation=%.2f\n", train[0] / train[1],
           (train[0] + eval[0]) / (train[1] + eval[1]), eval[0] / eval[1]);
    printf("efficiency threads=1 %.3f threads=2 %.3f (gemm floor / train epoch); threads=2 against its own "
           "products %.3f (pool floor / train epoch)\n", floor_s / train[0], floor_s / train[1],
           pool_floor / train[1]);
    nn_pool_destroy(pool);
    scratch_free(&s); scratch_free(&hj.s[0]); scratch_free(&hj.s[1]);
    nn_trainer_destroy(t[0]); nn_trainer_destroy(t[1]);
    nn_dataset_free(&tr); nn_dataset_free(&dv); nn_dataset_free(&te);
    return 0;
}
