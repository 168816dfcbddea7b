/* bench_scaling - how an MLP's training time grows with batch size, width
 * and depth on Fashion-MNIST (784 inputs, 10 classes), with 1 and 2
 * threads: a table for teachers (what a slider costs) that shows where the
 * cost is linear. Run by tests/bench/run_scaling.sh.
 *
 *   bench_scaling [FASHION_DIR]
 *
 * Three sweeps around one network (hidden width 256, 1 hidden layer, batch
 * 64): batch 1, 8, 64, 256, all; width 64, 128, 256, 512, 1024 (1 hidden
 * layer); depth 1, 2, 5, 10, 20 hidden layers of 256. ReLU, He init,
 * softmax cross-entropy, plain SGD lr 0.01 (small enough that batch 1 and
 * 20 layers do not diverge; the rate does not change the work).
 *
 * Every row trains one epoch over the first BENCH_TABLE_IMAGES training
 * images (default 10,000; 50000 for nnlab-train's whole training set), so
 * the table stays within a few minutes even at batch 1; batch "all" is then
 * one update of that many examples. Time is nn_trainer_step's, the
 * end-of-epoch evaluation left out (bench_train_epoch), after a warm-up of
 * a few steps. threads=1 is everything on one thread (OpenBLAS too);
 * threads=2 is the engine's pool (single-threaded products per half batch,
 * work too small to split stays on the caller). Rounds (BENCH_ROUNDS,
 * default 2) alternate 1 and 2 threads row by row; the best of each is kept.
 * BENCH_SWEEP=batch|width|depth runs one sweep only.
 *
 * GFLOP/s counts the products' multiply-adds (2 FLOP each): forward
 * 2*N*in*out per layer, backward twice that except the first layer's input
 * gradient, which is not computed (bench_mlp_step_flops).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_common.h"
#include "nn/status.h"
#include "nn/tensor.h"

enum { IN = 784, OUT = 10, MAX_DEPTH = 20, EPOCH_IMAGES = 50000, WARM_EXAMPLES = 2048 };

typedef struct row { const char *sweep; int batch, width, depth; } row;

static const row ROWS[] = {
    { "batch", 1, 256, 1 }, { "batch", 8, 256, 1 }, { "batch", 64, 256, 1 },
    { "batch", 256, 256, 1 }, { "batch", 0, 256, 1 },
    { "width", 64, 64, 1 }, { "width", 64, 128, 1 }, { "width", 64, 256, 1 },
    { "width", 64, 512, 1 }, { "width", 64, 1024, 1 },
    { "depth", 64, 256, 1 }, { "depth", 64, 256, 2 }, { "depth", 64, 256, 5 },
    { "depth", 64, 256, 10 }, { "depth", 64, 256, 20 },
};
enum { N_ROWS = sizeof ROWS / sizeof ROWS[0] };

static nn_trainer *row_trainer(const row *r, int threads, const nn_dataset *tr)
{
    int hidden[MAX_DEPTH];
    for (int i = 0; i < r->depth; i++) hidden[i] = r->width;
    nn_train_desc d = nn_train_desc_default();
    d.model = nn_model_desc_mlp(IN, hidden, r->depth, OUT, NN_ACT_RELU, 0, NN_INIT_HE, NN_LOSS_SOFTMAX);
    d.model.in = tr->shape;
    d.batch = r->batch;
    d.lr = 0.01f;
    d.threads = threads;
    nn_trainer *t = nn_trainer_create(&d, tr, NULL, NULL);
    if (!t) {
        fprintf(stderr, "bench_scaling: %s\n", nn_last_error());
        return NULL;
    }
    /* Warm-up (first allocations, page faults): a few steps, then back to
     * the start of the first epoch, which the timing needs. */
    const int steps = nn_trainer_state_get(t).batches_per_epoch;
    const int b = r->batch > 0 ? r->batch : tr->n;
    for (int s = 0; s < steps && (long)s * b < WARM_EXAMPLES; s++) nn_trainer_step(t);
    nn_trainer_reset(t);
    return t;
}

static int widths_of(const row *r, int *w)
{
    w[0] = IN;
    for (int i = 1; i <= r->depth; i++) w[i] = r->width;
    w[r->depth + 1] = OUT;
    return r->depth + 2;
}

int main(int argc, char **argv)
{
    nn_images_desc id = nn_images_desc_default(NN_IMAGES_FASHION);
    if (argc > 1) id.dir = argv[1];
    id.dev_size = 0;
    id.train_limit = getenv("BENCH_TABLE_IMAGES") ? atoi(getenv("BENCH_TABLE_IMAGES")) : 10000;
    nn_dataset tr, dv, te;
    const char *data = bench_load_images(&id, &tr, &dv, &te);
    if (!data) return 1;
    const int rounds = getenv("BENCH_ROUNDS") ? atoi(getenv("BENCH_ROUNDS")) : 2;
    printf("data: %s, the first %d training images per row; MLP 784-(width x depth)-10, ReLU, softmax CE, "
           "SGD lr 0.01; best of %d rounds; time per %d examples (s/%d), and per nnlab-train epoch of "
           "%d images (x %.1f)\n", data, tr.n, rounds, tr.n, tr.n, EPOCH_IMAGES, (double)EPOCH_IMAGES / tr.n);
    printf("| sweep | batch | width | depth | 1 thread: s/%d | ex/s | GFLOP/s | 2 threads: s/%d | ex/s | "
           "GFLOP/s | 2 vs 1 | s/epoch (%d), 2 threads |\n", tr.n, tr.n, EPOCH_IMAGES);
    printf("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    fflush(stdout);
    const char *only = getenv("BENCH_SWEEP");
    for (int i = 0; i < N_ROWS; i++) {
        const row *r = &ROWS[i];
        if (only && strcmp(only, r->sweep) != 0) continue;
        nn_trainer *t[2] = { row_trainer(r, 1, &tr), row_trainer(r, 2, &tr) };
        if (!t[0] || !t[1]) return 1;
        double best[2] = { 1e30, 1e30 };
        for (int round = 0; round < rounds; round++)
            for (int k = 0; k < 2; k++) {
                nn_blas_set_threads(1);        /* 1 thread: OpenBLAS too; 2: the pool's chunks */
                const double s = bench_train_epoch(t[k], &tr).wall;
                if (s < best[k]) best[k] = s;
            }
        int w[MAX_DEPTH + 2];
        const int nw = widths_of(r, w);
        const double flops = bench_mlp_epoch_flops(w, nw, tr.n, r->batch);
        char batch[16];
        if (r->batch > 0) snprintf(batch, sizeof batch, "%d", r->batch);
        else snprintf(batch, sizeof batch, "all (%d)", tr.n);
        printf("| %s | %s | %d | %d |", r->sweep, batch, r->width, r->depth);
        for (int k = 0; k < 2; k++)
            printf(" %.3f | %.0f | %.1f |", best[k], tr.n / best[k], flops / best[k] * 1e-9);
        printf(" %.2f | %.2f |", best[0] / best[1], best[1] * EPOCH_IMAGES / tr.n);
        for (int k = 0; k < 2; k++)
            if (nn_trainer_state_get(t[k]).diverged) printf(" (%d threads: diverged)", k + 1);
        printf("\n");
        fflush(stdout);
        nn_trainer_destroy(t[0]);
        nn_trainer_destroy(t[1]);
    }
    nn_dataset_free(&tr); nn_dataset_free(&dv); nn_dataset_free(&te);
    return 0;
}
