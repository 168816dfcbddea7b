/* The engine's thread pool (nn/pool.h) and the model on several threads
 * (nn_model_set_threads): every part runs once per job; a thread count gives
 * the same bits run after run, also while other threads disturb the timing;
 * 1 thread is the single-threaded path; 2 threads agree with 1 to float
 * rounding; gradients are still right with the pool on; the optimizer gives
 * the same bits on one range or several.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "layer_impl.h"
#include "nn/model.h"
#include "nn/optim.h"
#include "nn/pool.h"
#include "nn/rng.h"
#include "nn/setup.h"
#include "nn/status.h"
#include "test.h"

/* ---- the pool itself ---- */

typedef struct count_job { int calls[NN_MAX_THREADS]; int parts_seen; } count_job;

static void count_part(void *arg, int part, int parts)
{
    count_job *j = arg;
    j->calls[part]++;          /* each part writes only its own slot */
    if (part == 0) j->parts_seen = parts;
}

static int pool_runs_every_part_once(void)
{
    for (int threads = 1; threads <= 4; threads++) {
        nn_pool *p = nn_pool_create(threads);
        CHECK(p != NULL);
        CHECK(nn_pool_threads(p) == threads);
        count_job j = { { 0 }, 0 };
        for (int rep = 0; rep < 500; rep++) nn_pool_run(p, count_part, &j);
        CHECK(j.parts_seen == threads);
        for (int k = 0; k < threads; k++) CHECK_MSG(j.calls[k] == 500, "part %d ran %d times", k, j.calls[k]);
        for (int k = threads; k < NN_MAX_THREADS; k++) CHECK(j.calls[k] == 0);
        nn_pool_destroy(p);
    }
    count_job j = { { 0 }, 0 };
    nn_pool_run(NULL, count_part, &j);          /* no pool: one part on the caller */
    CHECK(j.calls[0] == 1 && j.parts_seen == 1);
    CHECK(nn_pool_create(0) == NULL && nn_pool_create(NN_MAX_THREADS + 1) == NULL);
    return 0;
}

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Workers watch for the next job only briefly (pool.c, SPIN_NS = 0.1 ms),
 * then sleep: an idle pool costs the machine nothing. Jobs posted after the
 * workers fell asleep (1 ms apart) and back to back (while they watch) all
 * run every part once. */
static int idle_pool_sleeps(void)
{
    nn_pool *p = nn_pool_create(2);
    CHECK(p != NULL);
    count_job j = { { 0 }, 0 };
    const struct timespec ms = { 0, 1000 * 1000 }, idle = { 0, 300 * 1000 * 1000 };
    for (int rep = 0; rep < 40; rep++) {
        nn_pool_run(p, count_part, &j);
        if (rep % 2) nanosleep(&ms, NULL);
    }
    CHECK(j.calls[0] == 40 && j.calls[1] == 40);
    const double c0 = cpu_seconds();
    nanosleep(&idle, NULL);
    const double used = cpu_seconds() - c0;
    CHECK_MSG(used < 0.05, "the idle pool used %.3f s of CPU in 0.3 s", used);
    nn_pool_destroy(p);
    return 0;
}

static int split_covers_range_in_order(void)
{
    const size_t ns[] = { 0, 1, 2, 7, 64, 1001 };
    for (size_t a = 0; a < sizeof ns / sizeof ns[0]; a++)
        for (int parts = 1; parts <= 5; parts++) {
            size_t next = 0;
            for (int k = 0; k < parts; k++) {
                size_t lo, hi;
                nn_split(ns[a], k, parts, &lo, &hi);
                CHECK(lo == next && hi >= lo);
                CHECK(hi - lo == ns[a] / parts || hi - lo == ns[a] / parts + 1);
                next = hi;
            }
            CHECK(next == ns[a]);
        }
    return 0;
}

/* ---- the model on threads ---- */

enum { STEPS = 6, BATCH = 96, MAX_IN = 144, MAX_OUT = 10 };   /* 96: 32 rows a thread on 3 (model.c splits from there) */

static nn_model_desc mlp_desc(void)
{
    return nn_model_desc_mlp(64, (int[]){ 128, 128 }, 2, 10, NN_ACT_RELU, 0, NN_INIT_HE, NN_LOSS_SOFTMAX);
}

/* A small CNN on 12x12 images: enough work per batch for the model to split it. */
static nn_model_desc cnn_desc(void)
{
    nn_model_desc d = nn_model_desc_default();
    d.in = (nn_shape){ 1, 12, 12 };
    nn_model_add(&d, nn_layer_conv2d(8, 3, 1, 1, NN_INIT_HE));
    nn_model_add(&d, nn_layer_act(NN_ACT_RELU));
    nn_model_add(&d, nn_layer_maxpool(2, 2));
    nn_model_add(&d, nn_layer_conv2d(16, 3, 1, 0, NN_INIT_HE));
    nn_model_add(&d, nn_layer_act(NN_ACT_RELU));
    nn_model_add(&d, nn_layer_maxpool(2, 2));
    nn_model_add(&d, nn_layer_flatten());
    nn_model_add(&d, nn_layer_dense(32, NN_INIT_HE));
    nn_model_add(&d, nn_layer_act(NN_ACT_TANH));
    nn_model_add(&d, nn_layer_dense(10, NN_INIT_HE));
    return d;
}

/* The MLP with dropout and batch norm between its layers: spans that run on
 * the caller cut the row-wise ones. */
static nn_model_desc mixed_desc(void)
{
    nn_model_desc d = nn_model_desc_default();
    d.in = (nn_shape){ 64, 1, 1 };
    nn_model_add(&d, nn_layer_dense(128, NN_INIT_HE));
    nn_model_add(&d, nn_layer_batchnorm());
    nn_model_add(&d, nn_layer_act(NN_ACT_RELU));
    nn_model_add(&d, nn_layer_dense(128, NN_INIT_HE));
    nn_model_add(&d, nn_layer_act(NN_ACT_RELU));
    nn_model_add(&d, nn_layer_dropout(0.3f));
    nn_model_add(&d, nn_layer_dense(10, NN_INIT_HE));
    return d;
}

/* STEPS SGD updates on random batches (seeded); returns the final
 * parameters (caller frees) and how many spans ran split. */
static float *train(const nn_model_desc *d, int threads, int batch, long *splits)
{
    nn_model *m = nn_model_create(d, 7);
    if (!m || nn_model_set_threads(m, threads) != NN_OK) return NULL;
    /* SGD: Adam would turn a gradient that is zero up to rounding (a bias
     * before batch norm) into a full step whose sign depends on that rounding. */
    nn_optim_desc od = nn_optim_desc_default(NN_OPT_SGD);
    nn_optim *o = nn_optim_create(&od, nn_model_param_count(m));
    const int n_in = nn_model_n_in(m), n_out = nn_model_n_out(m);
    float *x = malloc((size_t)batch * n_in * sizeof *x), *y = malloc((size_t)batch * sizeof *y);
    float *dz = malloc((size_t)batch * n_out * sizeof *dz);
    nn_rng r;
    nn_rng_seed(&r, 11, 3);
    for (int s = 0; s < STEPS; s++) {
        for (int i = 0; i < batch * n_in; i++) x[i] = (float)nn_rng_uniform(&r) * 2.0f - 1.0f;
        for (int i = 0; i < batch; i++) y[i] = (float)nn_rng_below(&r, (uint32_t)n_out);
        const float *z = nn_model_forward(m, x, batch, 1);
        nn_model_zero_grad(m);
        nn_loss_eval(NN_LOSS_SOFTMAX, z, y, batch, n_out, dz, NULL);
        nn_model_backward(m, dz);
        nn_optim_step_pool(o, nn_model_params(m), nn_model_grads(m), 0.05f, nn_model_pool(m));
    }
    const size_t np = nn_model_param_count(m);
    float *out = malloc(np * sizeof *out);
    memcpy(out, nn_model_params(m), np * sizeof *out);
    if (splits) *splits = nn__model_splits(m);
    free(x); free(y); free(dz);
    nn_optim_destroy(o);
    nn_model_destroy(m);
    return out;
}

static size_t param_count(const nn_model_desc *d)
{
    size_t n = 0;
    nn_model_desc_check(d, &n);
    return n;
}

/* Busy threads that take the cores from the pool's workers at random moments. */
static atomic_int hog_stop;
static void *hog(void *arg)
{
    (void)arg;
    volatile double s = 0.0;
    while (!atomic_load(&hog_stop))
        for (int i = 0; i < 20000; i++) s += i * 1e-9;
    return NULL;
}

static int same_bits_with_disturbed_timing(const nn_model_desc *d, int threads, const char *what)
{
    long splits = 0;
    float *a = train(d, threads, BATCH, &splits);
    CHECK(a != NULL);
    CHECK_MSG(splits > 0, "%s: the batch was never split over %d threads", what, threads);
    pthread_t h[3];
    atomic_store(&hog_stop, 0);
    for (int i = 0; i < 3; i++) pthread_create(&h[i], NULL, hog, NULL);
    float *b = train(d, threads, BATCH, NULL);
    atomic_store(&hog_stop, 1);
    for (int i = 0; i < 3; i++) pthread_join(h[i], NULL);
    float *c = train(d, threads, BATCH, NULL);
    CHECK(b && c);
    const size_t np = param_count(d);
    CHECK_MSG(memcmp(a, b, np * sizeof *a) == 0, "%s, %d threads: differs under load", what, threads);
    CHECK_MSG(memcmp(a, c, np * sizeof *a) == 0, "%s, %d threads: differs on a repeat", what, threads);
    free(a); free(b); free(c);
    return 0;
}

static int repeatable_mlp(void)
{
    const nn_model_desc d = mlp_desc();
    return same_bits_with_disturbed_timing(&d, 2, "mlp") || same_bits_with_disturbed_timing(&d, 3, "mlp");
}

static int repeatable_cnn(void)
{
    const nn_model_desc d = cnn_desc();
    return same_bits_with_disturbed_timing(&d, 2, "cnn") || same_bits_with_disturbed_timing(&d, 3, "cnn");
}

static int repeatable_dropout_batchnorm(void)
{
    const nn_model_desc d = mixed_desc();
    return same_bits_with_disturbed_timing(&d, 2, "mixed");
}

/* 2 and 3 threads against 1: the same numbers up to the order of float sums. */
static int agree_with_one_thread(const nn_model_desc *d, int batch, const char *what)
{
    long splits1 = 0, splits2 = 0;
    float *one = train(d, 1, batch, &splits1), *two = train(d, 2, batch, &splits2);
    float *three = train(d, 3, batch, NULL);
    CHECK(one && two && three);
    CHECK_MSG(splits1 == 0, "%s: 1 thread split %ld spans", what, splits1);
    CHECK_MSG(splits2 > 0, "%s: 2 threads never split", what);
    const size_t np = param_count(d);
    double worst = 0.0, scale = 0.0;
    for (size_t i = 0; i < np; i++) {
        worst = fmax(worst, fmax(fabs(one[i] - two[i]), fabs(one[i] - three[i])));
        scale = fmax(scale, fabs(one[i]));
    }
    /* Float sums in another order differ in the 7th digit of a gradient; 6
     * steps of lr 0.05 keep that far below 1e-5. */
    CHECK_MSG(worst <= 1e-5 * fmax(1.0, scale), "%s: 1 vs 2-3 threads differ by %g", what, worst);
    free(one); free(two); free(three);
    return 0;
}

static int two_threads_near_one_mlp(void) { const nn_model_desc d = mlp_desc(); return agree_with_one_thread(&d, BATCH, "mlp"); }
static int two_threads_near_one_cnn(void) { const nn_model_desc d = cnn_desc(); return agree_with_one_thread(&d, BATCH, "cnn"); }
static int two_threads_near_one_mixed(void) { const nn_model_desc d = mixed_desc(); return agree_with_one_thread(&d, BATCH, "mixed"); }

/* Small batches stay on the calling thread (model.c worth_splitting): a
 * 784-256-10 MLP at batch 8 on 2 threads (4 rows each: a split was half as
 * fast as one thread) and a CNN at batch 1 (one thread would get nothing;
 * at batch 2 its convolutions' work splits, a row a thread) run unsplit (the optimizer's update is still cut in two: SGD's axpy may
 * round its two ranges' ends differently, so the numbers agree as closely as
 * in agree_with_one_thread); the MLP at batch 64 splits. */
static int small_batches_stay_on_one_thread(void)
{
    const nn_model_desc mlp = nn_model_desc_mlp(784, (int[]){ 256 }, 1, 10, NN_ACT_RELU, 0, NN_INIT_HE,
                                                NN_LOSS_SOFTMAX);
    nn_model_desc cnn = cnn_desc();
    cnn.in = (nn_shape){ 1, 28, 28 };
    cnn.layers[0].units = 32;
    const struct { const nn_model_desc *d; int batch; const char *what; } cases[] = {
        { &mlp, 8, "mlp batch 8" }, { &cnn, 1, "cnn batch 1" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        long splits = -1;
        float *one = train(cases[k].d, 1, cases[k].batch, NULL), *two = train(cases[k].d, 2, cases[k].batch, &splits);
        CHECK(one && two);
        CHECK_MSG(splits == 0, "%s: 2 threads split %ld spans", cases[k].what, splits);
        double worst = 0.0, scale = 0.0;
        for (size_t i = 0; i < param_count(cases[k].d); i++) {
            worst = fmax(worst, fabs(one[i] - two[i]));
            scale = fmax(scale, fabs(one[i]));
        }
        CHECK_MSG(worst <= 1e-5 * fmax(1.0, scale), "%s: 1 vs 2 threads differ by %g", cases[k].what, worst);
        free(one); free(two);
    }
    long splits = 0;
    float *w = train(&mlp, 2, 64, &splits);
    CHECK(w);
    CHECK_MSG(splits > 0, "mlp batch 64: 2 threads never split");
    free(w);
    /* The work around a step (gather, checks, update) follows the products. */
    nn_model *m = nn_model_create(&mlp, 1);
    CHECK(m && nn_model_set_threads(m, 2) == NN_OK);
    CHECK(nn_model_pool_for(m, 8) == NULL && nn_model_pool_for(m, 32) == NULL);
    CHECK(nn_model_pool_for(m, 64) == nn_model_pool(m) && nn_model_pool(m) != NULL);
    CHECK(nn_model_set_threads(m, 1) == NN_OK && nn_model_pool_for(m, 64) == NULL);
    nn_model_destroy(m);
    return 0;
}

/* A model whose threads went 1 -> 3 -> 1 runs exactly the single-threaded
 * path again, and a toy network never wakes the pool. */
static int one_thread_is_the_serial_path(void)
{
    const nn_model_desc d = cnn_desc();
    long splits = -1;
    float *ref = train(&d, 1, BATCH, &splits);
    CHECK(ref && splits == 0);
    nn_model *m = nn_model_create(&d, 7);
    CHECK(nn_model_set_threads(m, 3) == NN_OK && nn_model_threads(m) == 3 && nn_model_pool(m));
    CHECK(nn_model_set_threads(m, 1) == NN_OK && nn_model_threads(m) == 1 && !nn_model_pool(m));
    CHECK(nn_model_set_threads(m, 0) == NN_ERR_ARG);
    CHECK(nn_model_set_threads(m, NN_MAX_THREADS + 1) == NN_ERR_ARG);
    nn_model_destroy(m);

    nn_model_desc toy = nn_model_desc_mlp(2, (int[]){ 16, 16 }, 2, 3, NN_ACT_RELU, 0, NN_INIT_HE, NN_LOSS_SOFTMAX);
    float *t = train(&toy, 2, BATCH, &splits);
    CHECK(t && splits == 0);
    free(ref); free(t);
    return 0;
}

/* The analytic gradient with the batch split over 2 threads against central
 * differences of the loss (a sample of the parameters of every layer). */
static int gradcheck_with_pool(const nn_model_desc *d, const char *what)
{
    enum { B = 64 };                               /* 32 rows a thread: split */
    nn_model *m = nn_model_create(d, 5);
    CHECK(m && nn_model_set_threads(m, 2) == NN_OK);
    const int n_in = nn_model_n_in(m), n_out = nn_model_n_out(m);
    float *x = malloc((size_t)B * n_in * sizeof *x), y[B], dz[B * MAX_OUT];
    nn_rng r;
    nn_rng_seed(&r, 3, 1);
    for (int i = 0; i < B * n_in; i++) x[i] = (float)nn_rng_uniform(&r) * 2.0f - 1.0f;
    for (int i = 0; i < B; i++) y[i] = (float)nn_rng_below(&r, (uint32_t)n_out);
    nn_model_zero_grad(m);
    nn_loss_eval(NN_LOSS_SOFTMAX, nn_model_forward(m, x, B, 0), y, B, n_out, dz, NULL);
    nn_model_backward(m, dz);
    CHECK_MSG(nn__model_splits(m) > 0, "%s: not split", what);
    float *w = nn_model_params(m);
    const float *g = nn_model_grads(m);
    const size_t np = nn_model_param_count(m);
    const float eps = 1e-3f;
    int checked = 0;
    for (size_t i = 0; i < np; i += 1 + np / 300, checked++) {
        const float saved = w[i];
        w[i] = saved + eps;
        const double fp = nn_loss_eval(NN_LOSS_SOFTMAX, nn_model_forward(m, x, B, 0), y, B, n_out, NULL, NULL);
        w[i] = saved - eps;
        const double fm = nn_loss_eval(NN_LOSS_SOFTMAX, nn_model_forward(m, x, B, 0), y, B, n_out, NULL, NULL);
        w[i] = saved;
        const double num = (fp - fm) / (2.0 * eps), ana = g[i];
        CHECK_MSG(fabs(num - ana) / fmax(1e-6, fabs(num) + fabs(ana)) <= 1e-2 || fabs(num - ana) < 1e-4,
                  "%s: param %zu numeric %.6g analytic %.6g", what, i, num, ana);
    }
    CHECK(checked >= 250);
    /* And the whole gradient against the one computed on one thread. */
    nn_model *one = nn_model_create(d, 5);
    nn_model_zero_grad(one);
    nn_loss_eval(NN_LOSS_SOFTMAX, nn_model_forward(one, x, B, 0), y, B, n_out, dz, NULL);
    nn_model_backward(one, dz);
    const float *g1 = nn_model_grads(one);
    double worst = 0.0, scale = 0.0;
    for (size_t i = 0; i < np; i++) {
        worst = fmax(worst, fabs(g[i] - g1[i]));
        scale = fmax(scale, fabs(g1[i]));
    }
    CHECK_MSG(worst <= 1e-5 * scale, "%s: 2 threads' gradient differs from 1 thread's by %g (max %g)",
              what, worst, scale);
    nn_model_destroy(one);
    free(x);
    nn_model_destroy(m);
    return 0;
}

/* Smooth activations (tanh) so that a difference of +-eps never crosses a
 * ReLU kink; max-pooling keeps its (rare) switches of argmax away with
 * random inputs. */
static int gradcheck_mlp_pool(void)
{
    const nn_model_desc d = nn_model_desc_mlp(64, (int[]){ 128, 128 }, 2, 10, NN_ACT_TANH, 0, NN_INIT_XAVIER,
                                              NN_LOSS_SOFTMAX);
    return gradcheck_with_pool(&d, "mlp");
}

static int gradcheck_cnn_pool(void)
{
    /* Pooling replaced by a stride-2 convolution: a +-eps change of a weight
     * moves many outputs and would now and then switch a window's maximum. */
    nn_model_desc d = nn_model_desc_default();
    d.in = (nn_shape){ 2, 12, 12 };
    nn_model_add(&d, nn_layer_conv2d(8, 3, 1, 1, NN_INIT_XAVIER));
    nn_model_add(&d, nn_layer_act(NN_ACT_TANH));
    nn_model_add(&d, nn_layer_conv2d(16, 3, 2, 1, NN_INIT_XAVIER));
    nn_model_add(&d, nn_layer_act(NN_ACT_TANH));
    nn_model_add(&d, nn_layer_flatten());
    nn_model_add(&d, nn_layer_dense(10, NN_INIT_XAVIER));
    return gradcheck_with_pool(&d, "cnn");
}

/* Every optimizer gives the same bits on one range and on 3 (elementwise). */
static int optimizer_split_same_bits(void)
{
    enum { N = 100003 };                 /* above the split threshold, not a multiple of 3 */
    nn_pool *p = nn_pool_create(3);
    float *w1 = malloc(N * sizeof *w1), *w2 = malloc(N * sizeof *w2), *g = malloc(N * sizeof *g);
    nn_rng r;
    nn_rng_seed(&r, 9, 2);
    for (int k = NN_OPT_MOMENTUM; k < NN_OPT_COUNT; k++) {   /* SGD's BLAS axpy may round range ends its own way */
        nn_optim_desc od = nn_optim_desc_default((nn_optim_kind)k);
        nn_optim *a = nn_optim_create(&od, N), *b = nn_optim_create(&od, N);
        for (int i = 0; i < N; i++) w1[i] = w2[i] = (float)nn_rng_uniform(&r) - 0.5f;
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < N; i++) g[i] = (float)nn_rng_uniform(&r) - 0.5f;
            nn_optim_step(a, w1, g, 0.01f);
            nn_optim_step_pool(b, w2, g, 0.01f, p);
        }
        CHECK_MSG(memcmp(w1, w2, N * sizeof *w1) == 0, "%s differs split", nn_optim_name((nn_optim_kind)k));
        CHECK(a->t == 3 && b->t == 3);
        nn_optim_destroy(a);
        nn_optim_destroy(b);
    }
    free(w1); free(w2); free(g);
    nn_pool_destroy(p);
    return 0;
}

/* The threads setting: N or auto, read back as set; never written into a
 * setup file (the machine's business); a bad count names what it accepts. */
static int threads_setting(void)
{
    nn_config c = nn_config_default();
    char v[32];
    nn_config_get(&c, "threads", v, sizeof v);
    CHECK(strcmp(v, "1") == 0 && c.train.threads <= 1);          /* the library's default */
    CHECK(nn_config_set(&c, "threads", "auto", NULL) == NN_OK && c.train.threads == -1);
    nn_config_get(&c, "threads", v, sizeof v);
    CHECK(strcmp(v, "auto") == 0);
    CHECK(nn_config_set(&c, "threads", "3", NULL) == NN_OK && c.train.threads == 3);
    CHECK(nn_config_set(&c, "threads", "0", "--threads") == NN_ERR_ARG);
    CHECK(strstr(nn_last_error(), "--threads expects a thread count from 1 to 64 or 'auto'") != NULL);
    static nn_setup st;
    memset(&st, 0, sizeof st);
    st.cfg = c;
    char text[16384] = "";
    FILE *f = fmemopen(text, sizeof text - 1, "w");
    CHECK(f && nn_setup_write(f, &st, NULL) == NN_OK);
    fclose(f);
    CHECK(strstr(text, "\nseed = ") != NULL && strstr(text, "threads") == NULL);
    return 0;
}

/* nn_model_zero_grad is lazy: the next backward stores the gradients where
 * a layer can. Garbage (NaN) left in the arena before zero_grad must not
 * reach them, the arena must read zeros until the backward, and a second
 * backward without zero_grad must add to the first, on 1 thread and split
 * over 2 (dense layers by unit, the CNN's convolutions by row chunk). */
static int accumulate_case(const nn_model_desc *d, int threads, const char *what)
{
    enum { B = 64 };
    nn_model *m = nn_model_create(d, 5), *clean = nn_model_create(d, 5);
    CHECK(m && clean && nn_model_set_threads(m, threads) == NN_OK);
    CHECK(nn_model_set_threads(clean, threads) == NN_OK);
    const int n_in = nn_model_n_in(m), n_out = nn_model_n_out(m);
    const size_t np = nn_model_param_count(m);
    float *x = malloc((size_t)B * n_in * sizeof *x), y[B], dz[B * MAX_OUT];
    float *once = malloc(np * sizeof *once);
    nn_rng r;
    nn_rng_seed(&r, 9, 2);
    for (int i = 0; i < B * n_in; i++) x[i] = (float)nn_rng_uniform(&r) * 2.0f - 1.0f;
    for (int i = 0; i < B; i++) y[i] = (float)nn_rng_below(&r, (uint32_t)n_out);
    nn_loss_eval(NN_LOSS_SOFTMAX, nn_model_forward(clean, x, B, 0), y, B, n_out, dz, NULL);
    nn_model_zero_grad(clean);
    nn_model_backward(clean, dz);
    memcpy(once, nn_model_grads(clean), np * sizeof *once);

    float *g = nn_model_grads(m);
    for (size_t i = 0; i < np; i++) g[i] = NAN;
    nn_model_zero_grad(m);
    g = nn_model_grads(m);                    /* asked before the backward: zeros */
    int zeros = 1;
    for (size_t i = 0; i < np; i++) zeros &= g[i] == 0.0f;
    CHECK_MSG(zeros, "%s, %d threads: the arena is not zero after zero_grad", what, threads);
    for (size_t i = 0; i < np; i++) g[i] = NAN;
    nn_model_zero_grad(m);                    /* not asked: the backward stores */
    nn_model_forward(m, x, B, 0);
    nn_model_backward(m, dz);
    CHECK_MSG(threads == 1 || nn__model_splits(m) > 0, "%s: not split", what);
    CHECK_MSG(memcmp(nn_model_grads(m), once, np * sizeof *once) == 0,
              "%s, %d threads: stale values reached the gradients", what, threads);
    nn_model_backward(m, dz);                 /* no zero_grad: adds */
    g = nn_model_grads(m);
    double worst = 0.0, scale = 0.0;
    for (size_t i = 0; i < np; i++) {
        worst = fmax(worst, fabs(g[i] - 2.0 * once[i]));
        scale = fmax(scale, fabs(once[i]));
    }
    CHECK_MSG(scale > 0.0 && worst <= 1e-6 * scale, "%s, %d threads: two backwards give %g off twice one",
              what, threads, worst);
    free(once);
    free(x);
    nn_model_destroy(clean);
    nn_model_destroy(m);
    return 0;
}

static int zero_grad_then_accumulate(void)
{
    const nn_model_desc mlp = mlp_desc(), cnn = cnn_desc();
    for (int threads = 1; threads <= 2; threads++) {
        if (accumulate_case(&mlp, threads, "mlp")) return 1;
        if (accumulate_case(&cnn, threads, "cnn")) return 1;
    }
    return 0;
}

static const test_case CASES[] = {
    { "threads_setting", threads_setting },
    { "pool_runs_every_part_once", pool_runs_every_part_once },
    { "idle_pool_sleeps", idle_pool_sleeps },
    { "split_covers_range_in_order", split_covers_range_in_order },
    { "repeatable_mlp", repeatable_mlp },
    { "repeatable_cnn", repeatable_cnn },
    { "repeatable_dropout_batchnorm", repeatable_dropout_batchnorm },
    { "two_threads_near_one_mlp", two_threads_near_one_mlp },
    { "two_threads_near_one_cnn", two_threads_near_one_cnn },
    { "two_threads_near_one_mixed", two_threads_near_one_mixed },
    { "small_batches_stay_on_one_thread", small_batches_stay_on_one_thread },
    { "one_thread_is_the_serial_path", one_thread_is_the_serial_path },
    { "gradcheck_mlp_pool", gradcheck_mlp_pool },
    { "gradcheck_cnn_pool", gradcheck_cnn_pool },
    { "optimizer_split_same_bits", optimizer_split_same_bits },
    { "zero_grad_then_accumulate", zero_grad_then_accumulate },
};
TEST_MAIN(CASES)
