/* bench_common.h - what the MLP benchmarks (bench_mlp.c, bench_scaling.c)
 * share: a clock, the Fashion-MNIST images (or random pixels of the same
 * shape when the dataset is not installed), the multiply-add count of an
 * MLP's training step, and the timing of one training epoch without the
 * end-of-epoch evaluation. Benchmark helpers, not tests.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include "nn/data.h"
#include "nn/images.h"
#include "nn/trainer.h"

double bench_now(void);   /* seconds, CLOCK_MONOTONIC */
/* CPU seconds of the whole process, all threads (CLOCK_PROCESS_CPUTIME_ID):
 * on a shared machine, time spent waiting for a core or sleeping (the
 * engine's pool, OpenMP with passive waiting) is not counted, so ratios of
 * CPU times show the work done, ratios of wall times what a user waits. */
double bench_cpu(void);

/* nn_images_load(id, ...); when Fashion-MNIST is not installed (the loader
 * fell back to fashion-small), random 28x28 pixels and labels of the sizes
 * the full set would have had (train_limit and dev_size applied as the
 * loader does; 10,000 test images). Returns a description of the data for
 * the output's header, or NULL (message on stderr) on failure. */
const char *bench_load_images(const nn_images_desc *id, nn_dataset *tr, nn_dataset *dv,
                              nn_dataset *te);

/* Floating-point operations (2 per multiply-add) of one training step of the
 * dense layers widths[0] -> widths[1] -> ... -> widths[n - 1] on B rows,
 * as the engine issues them: forward 2*B*in*out per layer; backward
 * 2*B*in*out for the weight gradient and 2*B*in*out for the input gradient,
 * except that the first layer computes no input gradient. Bias, activation,
 * loss and optimizer are not counted. */
double bench_mlp_step_flops(const int *widths, int n, int B);
/* The same for a whole pass over n_train examples in batches of `batch`. */
double bench_mlp_epoch_flops(const int *widths, int n, int n_train, int batch);
/* Forward only (evaluation): 2*B*in*out per layer. */
double bench_mlp_forward_flops(const int *widths, int n, int B);

/* One training epoch of t over the training set tr, the end-of-epoch
 * evaluation left out: the steps before the last are timed; the last one
 * (which runs the evaluation after its update) is counted as its share of
 * an average batch. With one step per epoch (batch = all), that step is
 * timed whole and the evaluation of the training set, timed right after it
 * (the trainer is created without dev and test sets for this), is
 * subtracted. `whole` is the epoch with its evaluation, as
 * nn_trainer_epoch takes it; cpu: bench_cpu's seconds of the same. */
typedef struct bench_epoch { double wall, cpu, whole_wall, whole_cpu; } bench_epoch;
bench_epoch bench_train_epoch(nn_trainer *t, const nn_dataset *tr);

#endif
