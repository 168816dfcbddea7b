/* trainer.c - mini-batch gradient descent with metrics, L2, clipping,
 * normalisation, early stopping and divergence detection (see nn/trainer.h). */
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "nn/status.h"
#include "nn/tensor.h"
#include "nn/trainer.h"

struct nn_trainer {
    nn_train_desc d;
    const nn_dataset *train, *dev, *test;
    nn_model  *model;
    nn_optim  *opt;
    int        batch;               /* examples per update (resolved from d.batch) */
    nn_rng     shuffle;
    int       *order;               /* (train->n) this epoch's example order */
    int        pos;                 /* next position in order */
    float     *bx, *by, *dz;        /* (rows, d), (rows, y_dim), (rows, n_out); rows = max(batch, eval_rows) */
    float     *px;  int px_cap;     /* nn_trainer_predict's input copy */
    float     *mean, *inv_std;      /* (d) normalisation fitted on train; NULL when off */
    nn_metrics *hist; int hist_len, hist_cap;
    int        hist_limit;          /* 0 = keep every row; else see nn_trainer_set_history_limit */
    nn_trainer_state st;
    double     seconds;
    float     *best;                /* (n_params) weights of the best dev epoch (early stopping) */
    nn_layer_stats stats[NN_MAX_LAYERS];
    float     *delta;               /* the units' error signals, layer after layer (captured with stats) */
    int        delta_at[NN_MAX_LAYERS + 1];   /* layer i's slice: [delta_at[i], delta_at[i + 1]) */
    int        have_delta;          /* delta holds a captured step */
    double     best_dev;
    nn_rng     aug_rng;             /* (seed, NN_STREAM_AUGMENT) */
    float     *aug_scratch;         /* (d) one image; NULL when augmentation is off */
    float     *kept;                /* (keep_cap, d) the latest batch's first images (nn_trainer_keep_batch) */
    int       *kept_idx;            /* (keep_cap) their rows in the training set */
    int        keep_cap, kept_n;
    int       *eval_idx;            /* (eval_n) the training rows of the train figures, ascending; NULL = all */
    int        eval_n;              /* how many training examples the train figures come from */
    int        running;             /* train figures after row 0 = the epoch's running average */
    double     run_loss;            /* this epoch's batches so far: sum of loss x rows, */
    long       run_right, run_rows; /* right answers and rows; cleared at each epoch's end */
};

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

nn_train_desc nn_train_desc_default(void)
{
    return (nn_train_desc){ .model = nn_model_desc_default(),
                            .optim = nn_optim_desc_default(NN_OPT_SGD), .lr = 0.1f,
                            .decay = nn_schedule_default(NN_DECAY_NONE), .batch = 32, .seed = 1 };
}

/* ---- normalisation: mu and sigma per feature, from the training set only ---- */

static int fit_normalisation(nn_trainer *t)
{
    const nn_dataset *ds = t->train;
    const int d = ds->d;
    double *sum = nn_alloc(2 * (size_t)d * sizeof *sum);
    t->mean = nn_alloc((size_t)d * sizeof(float));
    t->inv_std = nn_alloc((size_t)d * sizeof(float));
    if (!sum || !t->mean || !t->inv_std) { nn_free(sum); return NN_ERR_NOMEM; }
    double *sq = sum + d;
    const int chunk = nn_model_eval_rows(t->model);
    for (int first = 0; first < ds->n; first += chunk) {
        const int n = ds->n - first < chunk ? ds->n - first : chunk;
        nn_dataset_slice(ds, first, n, t->bx, t->by);
        for (int r = 0; r < n; r++)
            for (int k = 0; k < d; k++) {
                const double v = t->bx[(size_t)r * d + k];
                sum[k] += v;
                sq[k] += v * v;
            }
    }
    for (int k = 0; k < d; k++) {
        const double mu = sum[k] / ds->n, var = sq[k] / ds->n - mu * mu;
        t->mean[k] = (float)mu;
        /* A constant feature (var 0) is centred but not scaled. */
        t->inv_std[k] = var > 1e-12 ? (float)(1.0 / sqrt(var)) : 1.0f;
    }
    nn_free(sum);
    return NN_OK;
}

static void normalise(const nn_trainer *t, float *x, int rows)
{
    if (!t->mean) return;
    const int d = t->train->d;
    for (int r = 0; r < rows; r++) {
        float *xr = x + (size_t)r * d;
        for (int k = 0; k < d; k++) xr[k] = (xr[k] - t->mean[k]) * t->inv_std[k];
    }
}

/* ---- creation ---- */

static int check_sets(const nn_trainer *t)
{
    const nn_model *m = t->model;
    const nn_loss loss = t->d.model.loss;
    const nn_dataset *sets[3] = { t->train, t->dev, t->test };
    if (!t->train || t->train->n < 1)
        return nn_set_error(NN_ERR_ARG, "the training set is empty");
    for (int i = 0; i < 3; i++) {
        const nn_dataset *s = sets[i];
        if (!s || s->n == 0) continue;
        if (s->d != nn_model_n_in(m))
            return nn_set_error(NN_ERR_ARG, "the data have %d inputs but the network expects %d",
                                s->d, nn_model_n_in(m));
        if (s->classes != t->train->classes || s->y_dim != t->train->y_dim)
            return nn_set_error(NN_ERR_ARG, "train, dev and test sets do not match");
    }
    const int n_out = nn_model_n_out(m), classes = t->train->classes;
    if (loss == NN_LOSS_SOFTMAX && n_out != classes)
        return nn_set_error(NN_ERR_ARG, "softmax over %d outputs but the data have %d classes",
                            n_out, classes);
    if (loss == NN_LOSS_BCE && classes != 2)
        return nn_set_error(NN_ERR_ARG, "the binary loss needs 2 classes (the data have %d)", classes);
    if (loss == NN_LOSS_MSE && (classes != 0 || t->train->y_dim != n_out))
        return nn_set_error(NN_ERR_ARG, "mean squared error needs regression targets of %d values",
                            n_out);
    if (t->d.early_stop > 0 && (!t->dev || t->dev->n == 0))
        return nn_set_error(NN_ERR_ARG, "early stopping needs a dev set");
    if (!(t->d.lr > 0.0f) || !isfinite(t->d.lr))
        return nn_set_error(NN_ERR_ARG, "the learning rate must be > 0 (got %g)", (double)t->d.lr);
    if (!(t->d.l2 >= 0.0f) || !(t->d.clip >= 0.0f))
        return nn_set_error(NN_ERR_ARG, "l2 and clip must be >= 0");
    return NN_OK;
}

static void record_metrics(nn_trainer *t);

/* The training rows the history's train figures come from (nn_train_desc
 * train_eval; with the running average, row 0's): the whole set, or `want`
 * of its rows drawn once with the seed by Floyd's algorithm (each subset
 * equally likely) and kept in ascending order, so an evaluation reads the
 * set front to back. */
static int draw_train_eval(nn_trainer *t)
{
    const int n = t->train->n, te = t->d.train_eval;
    if (te < NN_TRAIN_EVAL_RUNNING)
        return nn_set_error(NN_ERR_ARG, "train_eval must be >= 1, 0 (auto), -1 (all) or -2 (running), "
                                        "got %d", te);
    t->running = te == NN_TRAIN_EVAL_RUNNING || (te == 0 && n > NN_TRAIN_EVAL_AUTO);
    const int want = te == 0 || te == NN_TRAIN_EVAL_RUNNING ? NN_TRAIN_EVAL_AUTO : te;
    t->eval_n = n;
    if (te == NN_TRAIN_EVAL_ALL || want >= n) return NN_OK;
    uint8_t *in = nn_alloc((size_t)n);
    if (!in || !(t->eval_idx = nn_alloc((size_t)want * sizeof *t->eval_idx))) {
        nn_free(in);
        return nn_set_error(NN_ERR_NOMEM, "out of memory drawing %d training examples to evaluate", want);
    }
    nn_rng r;
    nn_rng_seed(&r, t->d.seed, NN_STREAM_TRAIN_EVAL);
    for (int j = n - want; j < n; j++) {
        const int k = (int)nn_rng_below(&r, (uint32_t)j + 1);
        in[in[k] ? j : k] = 1;
    }
    int k = 0;
    for (int i = 0; i < n; i++)
        if (in[i]) t->eval_idx[k++] = i;
    nn_free(in);
    t->eval_n = want;
    return NN_OK;
}

nn_trainer *nn_trainer_create(const nn_train_desc *d, const nn_dataset *train,
                              const nn_dataset *dev, const nn_dataset *test)
{
    nn_trainer *t = nn_alloc(sizeof *t);
    if (!t) return NULL;
    t->d = *d;
    t->train = train; t->dev = dev; t->test = test;
    if (d->batch < 0) { nn_set_error(NN_ERR_ARG, "batch size must be >= 1 (0 = all)"); goto fail; }
    if (!(t->model = nn_model_create(&d->model, d->seed))) goto fail;
    const int threads = d->threads < 0 ? nn_cpu_count() : d->threads;
    if (threads > 1 && nn_model_set_threads(t->model, threads) != NN_OK) goto fail;
    if (check_sets(t)) goto fail;
    t->batch = d->batch == 0 || d->batch > train->n ? train->n : d->batch;
    if (!(t->opt = nn_optim_create(&d->optim, nn_model_param_count(t->model)))) goto fail;
    const int eval_rows = nn_model_eval_rows(t->model);
    const int rows = t->batch > eval_rows ? t->batch : eval_rows;
    if (!(t->order = nn_alloc((size_t)train->n * sizeof *t->order)) ||
        !(t->bx = nn_alloc((size_t)rows * train->d * sizeof(float))) ||
        !(t->by = nn_alloc((size_t)rows * train->y_dim * sizeof(float))) ||
        !(t->dz = nn_alloc((size_t)rows * nn_model_n_out(t->model) * sizeof(float))))
        goto fail;
    if (d->normalize && fit_normalisation(t)) goto fail;
    if (draw_train_eval(t)) goto fail;
    if (nn_augment_active(&d->augment) &&
        !(t->aug_scratch = nn_alloc((size_t)train->d * sizeof(float))))
        goto fail;
    if (d->early_stop > 0 && !(t->best = nn_alloc(nn_model_param_count(t->model) * sizeof(float) + 1)))
        goto fail;
    for (int i = 0; i < nn_model_layer_count(t->model); i++)
        t->delta_at[i + 1] = t->delta_at[i] + nn_model_layer(t->model, i).out.c;
    if (d->capture_stats &&
        !(t->delta = nn_alloc((size_t)t->delta_at[nn_model_layer_count(t->model)] * sizeof(float) + 1)))
        goto fail;
    nn_trainer_reset(t);
    if (!t->hist) goto fail;
    return t;
fail:
    nn_trainer_destroy(t);
    return NULL;
}

void nn_trainer_destroy(nn_trainer *t)
{
    if (!t) return;
    nn_model_destroy(t->model);
    nn_optim_destroy(t->opt);
    nn_free(t->order); nn_free(t->bx); nn_free(t->by); nn_free(t->dz); nn_free(t->px);
    nn_free(t->mean); nn_free(t->inv_std); nn_free(t->hist); nn_free(t->best);
    nn_free(t->aug_scratch);
    nn_free(t->kept); nn_free(t->kept_idx);
    nn_free(t->delta);
    nn_free(t->eval_idx);
    nn_free(t);
}

void nn_trainer_reset(nn_trainer *t)
{
    nn_model_reinit(t->model, t->d.seed);
    nn_optim_reset(t->opt);
    nn_rng_seed(&t->shuffle, t->d.seed, NN_STREAM_SHUFFLE);
    nn_rng_seed(&t->aug_rng, t->d.seed, NN_STREAM_AUGMENT);
    t->pos = 0;
    t->seconds = 0.0;
    t->hist_len = 0;
    t->kept_n = 0;
    memset(&t->st, 0, sizeof t->st);
    memset(t->stats, 0, sizeof t->stats);
    t->have_delta = 0;
    t->run_loss = 0.0;
    t->run_right = t->run_rows = 0;
    t->st.batches_per_epoch = (t->train->n + t->batch - 1) / t->batch;
    record_metrics(t);
    if (t->best && t->hist_len == 1) {       /* the untrained weights are epoch 0's candidate */
        t->best_dev = t->hist[0].dev_loss;
        memcpy(t->best, nn_model_params(t->model), nn_model_param_count(t->model) * sizeof(float));
    }
}

/* ---- evaluation ---- */

static double l2_penalty(const nn_trainer *t)
{
    if (t->d.l2 == 0.0f) return 0.0;
    const nn_model *m = t->model;
    const float *p = nn_model_params(t->model);
    double sq = 0.0;
    for (int i = 0; i < nn_model_layer_count(m); i++) {
        const nn_layer_info li = nn_model_layer(m, i);
        sq += nn_dot(p + li.param_offset, p + li.param_offset, li.n_weights);
    }
    return t->d.l2 / (2.0 * t->train->n) * sq;
}

/* Adds up the loss and counts the right answers of rows idx[0 .. n) of ds,
 * or of its rows 0 .. n-1 when idx is NULL, nn_model_eval_rows rows per forward pass. */
static void evaluate_sum(nn_trainer *t, const nn_dataset *ds, const int *idx, int n,
                         double *total, long *correct)
{
    const int n_out = nn_model_n_out(t->model);
    const int chunk = nn_model_eval_rows(t->model);
    for (int first = 0; first < n; first += chunk) {
        const int k = n - first < chunk ? n - first : chunk;
        nn_pool *pool = nn_model_pool_for(t->model, k);
        if (idx) nn_dataset_gather_pool(ds, idx + first, k, t->bx, t->by, pool);
        else     nn_dataset_slice_pool(ds, first, k, t->bx, t->by, pool);
        normalise(t, t->bx, k);
        const float *z = nn_model_forward(t->model, t->bx, k, 0);
        int ok = 0;
        *total += nn_loss_eval(t->d.model.loss, z, t->by, k, n_out, NULL, &ok) * k;
        *correct += ok;
    }
}

void nn_trainer_evaluate(nn_trainer *t, const nn_dataset *ds, int with_penalty,
                         double *loss, double *acc)
{
    if (!ds || ds->n == 0) { *loss = -1.0; *acc = -1.0; return; }
    nn_trainer_evaluate_rows(t, ds, NULL, ds->n, with_penalty, loss, acc);
}

void nn_trainer_evaluate_rows(nn_trainer *t, const nn_dataset *ds, const int *idx, int n,
                              int with_penalty, double *loss, double *acc)
{
    if (!ds || n < 1) { *loss = -1.0; *acc = -1.0; return; }
    double total = 0.0;
    long correct = 0;
    evaluate_sum(t, ds, idx, n, &total, &correct);
    *loss = total / n + (with_penalty ? l2_penalty(t) : 0.0);
    *acc = ds->classes ? (double)correct / n : -1.0;
}

int nn_trainer_train_eval(const nn_trainer *t, const int **index)
{
    if (index) *index = t->eval_idx;
    return t->eval_n;
}

int nn_trainer_train_running(const nn_trainer *t) { return t->running; }

const char *nn_trainer_train_eval_name(const nn_trainer *t, int of, char *buf, size_t n)
{
    const int k = t->eval_n, all = t->train->n;
    char rows[48];
    if (k >= all) snprintf(rows, sizeof rows, "all");
    else if (of) snprintf(rows, sizeof rows, "%d of %d", k, all);
    else snprintf(rows, sizeof rows, "%d", k);
    if (!t->running) snprintf(buf, n, "%s", rows);
    else if (of) snprintf(buf, n, "running (row 0: %s)", rows);
    else snprintf(buf, n, "running");
    return buf;
}

/* The running average's train figures: the epoch's batches' mean loss (each
 * batch weighted by its rows) plus the L2 term of the weights the epoch ends
 * with, as the evaluated figures have it. */
static void running_figures(const nn_trainer *t, double *loss, double *acc)
{
    *loss = t->run_loss / t->run_rows + l2_penalty(t);
    *acc = t->train->classes ? (double)t->run_right / t->run_rows : -1.0;
}

static void record_metrics(nn_trainer *t)
{
    if (t->hist_limit > 0 && t->hist_len >= t->hist_limit) {
        /* Full: row 0 and the latest limit/2 - 1 rows stay (one move per limit/2 epochs). */
        const int keep = t->hist_limit / 2 - 1;
        memmove(t->hist + 1, t->hist + t->hist_len - keep, (size_t)keep * sizeof *t->hist);
        t->hist_len = 1 + keep;
    }
    if (t->hist_len == t->hist_cap) {
        int cap = t->hist_cap ? 2 * t->hist_cap : 64;
        nn_metrics *h = nn_alloc((size_t)cap * sizeof *h);
        if (!h) return;
        if (t->hist) memcpy(h, t->hist, (size_t)t->hist_len * sizeof *h);
        nn_free(t->hist);
        t->hist = h;
        t->hist_cap = cap;
    }
    nn_metrics *m = &t->hist[t->hist_len++];
    m->epoch = t->st.epoch;
    m->steps = t->st.steps;
    m->examples = t->st.examples;
    m->lr = nn_schedule_lr_during(&t->d.decay, t->d.lr, t->st.epoch);
    if (t->running && t->run_rows > 0) running_figures(t, &m->train_loss, &m->train_acc);
    else nn_trainer_evaluate_rows(t, t->train, t->eval_idx, t->eval_n, 1, &m->train_loss, &m->train_acc);
    nn_trainer_evaluate(t, t->dev, 0, &m->dev_loss, &m->dev_acc);
    nn_trainer_evaluate(t, t->test, 0, &m->test_loss, &m->test_acc);
    m->seconds = t->seconds;
}

/* ---- one update ---- */

static int diverge(nn_trainer *t, const char *what)
{
    const int layer = nn_model_find_nonfinite(t->model);
    char where[64] = "";
    if (layer >= 0) {
        const nn_layer_info li = nn_model_layer(t->model, layer);
        snprintf(where, sizeof where, " in layer %d (%s)", layer, li.name);
    }
    t->st.diverged = 1;
    snprintf(t->st.why, sizeof t->st.why, "diverged at epoch %d, step %ld: %s%s",
             t->st.epoch + 1, t->st.steps + 1, what, where);
    return nn_set_error(NN_ERR_DIVERGED, "%s", t->st.why);
}

/* After an epoch: keep the best dev weights; stop when patience runs out. */
static void early_stopping(nn_trainer *t)
{
    const nn_metrics *m = &t->hist[t->hist_len - 1];
    const size_t np = nn_model_param_count(t->model);
    if (m->dev_loss < t->best_dev) {
        t->best_dev = m->dev_loss;
        t->st.best_epoch = m->epoch;
        memcpy(t->best, nn_model_params(t->model), np * sizeof(float));
    } else if (m->epoch - t->st.best_epoch >= t->d.early_stop) {
        memcpy(nn_model_params(t->model), t->best, np * sizeof(float));
        t->st.stopped = 1;
        snprintf(t->st.why, sizeof t->st.why,
                 "early stop after epoch %d: dev loss has not improved for %d epochs; "
                 "restored the weights of epoch %d", m->epoch, t->d.early_stop, t->st.best_epoch);
    }
}

/* ---- per-layer statistics ---- */

/* Which thread computes each layer's statistics: every layer whole on one
 * thread (so the figures are those of one thread, whatever the count), the
 * largest first, each to the thread with the least work so far. */
typedef struct stats_job { nn_trainer *t; int owner[NN_MAX_LAYERS]; } stats_job;

static void stats_part(void *arg, int part, int parts)
{
    (void)parts;
    stats_job *j = arg;
    nn_trainer *t = j->t;
    nn_model *m = t->model;
    for (int i = 0; i < nn_model_layer_count(m); i++) {
        if (j->owner[i] != part) continue;
        nn_model_layer_stats(m, i, 0.0f, 0.0f, &t->stats[i]);
        if (t->delta)
            nn_model_error_signal(m, i, t->delta + t->delta_at[i], t->delta_at[i + 1] - t->delta_at[i]);
    }
}

/* The step's statistics of every layer (capture_stats), on the pool when
 * the step itself split (a layer's figures are the same either way). */
static void capture_stats(nn_trainer *t, nn_pool *pool)
{
    nn_model *m = t->model;
    const int L = nn_model_layer_count(m), parts = nn_pool_threads(pool);
    stats_job j = { .t = t };
    int rows = 0;
    nn_model_activation(m, -1, &rows);
    double load[NN_MAX_THREADS] = { 0 };
    int done[NN_MAX_LAYERS] = { 0 };
    for (int n = 0; n < L; n++) {
        int big = -1;                         /* the largest layer not yet given out */
        double size = -1.0;
        for (int i = 0; i < L; i++) {
            const nn_layer_info li = nn_model_layer(m, i);
            const double s = (double)rows * li.out.c * li.out.h * li.out.w + (double)li.n_weights;
            if (!done[i] && s > size) { big = i; size = s; }
        }
        int least = 0;
        for (int k = 1; k < parts; k++) if (load[k] < load[least]) least = k;
        j.owner[big] = least;
        load[least] += size;
        done[big] = 1;
    }
    nn_pool_run(parts > 1 ? pool : NULL, stats_part, &j);
    t->have_delta = t->delta != NULL;
}

int nn_trainer_step(nn_trainer *t)
{
    if (t->st.diverged || t->st.stopped)
        return nn_set_error(t->st.diverged ? NN_ERR_DIVERGED : NN_ERR_ARG, "%s", t->st.why);
    const double t0 = now_seconds();
    const nn_dataset *ds = t->train;
    if (t->pos == 0) {
        /* Every epoch draws a fresh order from the shuffle stream, whatever the batch size. */
        for (int i = 0; i < ds->n; i++) t->order[i] = i;
        nn_rng_shuffle(&t->shuffle, t->order, ds->n);
    }
    const int B = ds->n - t->pos < t->batch ? ds->n - t->pos : t->batch;
    nn_pool *pool = nn_model_pool_for(t->model, B);    /* NULL: this batch stays on one thread */
    nn_dataset_gather_pool(ds, t->order + t->pos, B, t->bx, t->by, pool);
    /* The next batch's rows are scattered over the set: start on their cache
     * and TLB misses now, while this batch is computed. */
    if (t->pos + B < ds->n) {
        const int next = ds->n - t->pos - B < t->batch ? ds->n - t->pos - B : t->batch;
        nn_dataset_prefetch(ds, t->order + t->pos + B, next);
    }
    if (t->aug_scratch) nn_augment_batch(&t->d.augment, &t->aug_rng, ds->shape, t->bx, B, t->aug_scratch);
    if (t->keep_cap > 0) {
        t->kept_n = B < t->keep_cap ? B : t->keep_cap;
        memcpy(t->kept, t->bx, (size_t)t->kept_n * ds->d * sizeof *t->kept);
        memcpy(t->kept_idx, t->order + t->pos, (size_t)t->kept_n * sizeof *t->kept_idx);
    }
    normalise(t, t->bx, B);

    nn_model *m = t->model;
    const int n_out = nn_model_n_out(m);
    const float *z = nn_model_forward(m, t->bx, B, 1);
    if (!z) return nn_set_error(NN_ERR_NOMEM, "out of memory for a batch of %d", B);
    nn_model_zero_grad(m);
    int right = 0;
    const double loss = nn_loss_eval(t->d.model.loss, z, t->by, B, n_out, t->dz, &right);
    t->st.batch_loss = loss + l2_penalty(t);
    if (!isfinite(loss)) return diverge(t, "the loss is not finite");
    t->run_loss += loss * B;                  /* the running average's sums (train_eval) */
    t->run_right += right;
    t->run_rows += B;
    nn_model_backward(m, t->dz);

    float *w = nn_model_params(m), *g = nn_model_grads(m);
    const size_t np = nn_model_param_count(m);
    if (t->d.l2 > 0.0f) {
        /* d/dW of lambda/(2m) ||W||^2 is lambda/m W; m = training-set size. Biases are skipped. */
        const float k = t->d.l2 / (float)ds->n;
        for (int i = 0; i < nn_model_layer_count(m); i++) {
            const nn_layer_info li = nn_model_layer(m, i);
            for (size_t j = li.param_offset; j < li.param_offset + li.n_weights; j++) g[j] += k * w[j];
        }
    }
    if (!nn_all_finite_pool(g, np, pool)) return diverge(t, "a gradient is not finite");
    if (t->d.capture_stats == 2 || (t->d.capture_stats == 1 && t->pos + B >= ds->n))
        capture_stats(t, pool);
    if (t->d.clip > 0.0f) {
        const double norm = nn_norm2(g, np);
        if (norm > t->d.clip) {
            const float s = (float)(t->d.clip / norm);
            for (size_t j = 0; j < np; j++) g[j] *= s;
        }
    }
    if (!nn_optim_step_pool(t->opt, w, g, nn_trainer_current_lr(t), pool))
        return diverge(t, "a weight is not finite");

    t->st.steps++;
    t->st.examples += B;
    t->st.batch_in_epoch++;
    t->pos += B;
    t->seconds += now_seconds() - t0;
    if (t->pos >= ds->n) {
        const double t1 = now_seconds();
        t->pos = 0;
        t->st.batch_in_epoch = 0;
        t->st.epoch++;
        record_metrics(t);
        t->run_loss = 0.0;                    /* the next epoch's running sums start from nothing */
        t->run_right = t->run_rows = 0;
        t->seconds += now_seconds() - t1;
        t->hist[t->hist_len - 1].seconds = t->seconds;
        const nn_metrics *last = &t->hist[t->hist_len - 1];
        if (!isfinite(last->train_loss)) return diverge(t, "the training loss is not finite");
        if (t->d.early_stop > 0) early_stopping(t);
    }
    return NN_OK;
}

int nn_trainer_epoch(nn_trainer *t)
{
    const int e = t->st.epoch;
    int rc = NN_OK;
    while (rc == NN_OK && t->st.epoch == e && !t->st.stopped) rc = nn_trainer_step(t);
    return rc;
}

void nn_trainer_set_lr(nn_trainer *t, float lr) { if (lr > 0.0f && isfinite(lr)) t->d.lr = lr; }

float nn_trainer_current_lr(const nn_trainer *t)
{
    return nn_schedule_lr(&t->d.decay, t->d.lr, t->st.epoch);
}

float nn_trainer_epoch_lr(const nn_trainer *t)
{
    return nn_schedule_lr_during(&t->d.decay, t->d.lr, t->st.epoch);
}

nn_trainer_state nn_trainer_state_get(const nn_trainer *t) { return t->st; }

const nn_layer_stats *nn_trainer_layer_stats(const nn_trainer *t, int *count)
{
    *count = nn_model_layer_count(t->model);
    return t->stats;
}

const float *nn_trainer_error_signal(const nn_trainer *t, int i, int *n)
{
    *n = 0;
    if (i < 0 || i >= nn_model_layer_count(t->model)) return NULL;
    *n = t->delta_at[i + 1] - t->delta_at[i];
    return t->have_delta ? t->delta + t->delta_at[i] : NULL;
}

const nn_metrics *nn_trainer_history(const nn_trainer *t, int *count)
{
    *count = t->hist_len;
    return t->hist;
}

void nn_trainer_set_history_limit(nn_trainer *t, int rows)
{
    t->hist_limit = rows <= 0 ? 0 : rows < 4 ? 4 : rows;
}

const nn_train_desc *nn_trainer_desc(const nn_trainer *t) { return &t->d; }
nn_model *nn_trainer_model(nn_trainer *t) { return t->model; }
nn_optim *nn_trainer_optim(nn_trainer *t) { return t->opt; }

const float *nn_trainer_predict(nn_trainer *t, const float *x, int n)
{
    const int d = t->train->d;
    if (n < 1) return NULL;
    if (n > t->px_cap) {
        nn_free(t->px);
        if (!(t->px = nn_alloc((size_t)n * d * sizeof(float)))) { t->px_cap = 0; return NULL; }
        t->px_cap = n;
    }
    memcpy(t->px, x, (size_t)n * d * sizeof(float));
    normalise(t, t->px, n);
    return nn_model_forward(t->model, t->px, n, 0);
}

int nn_trainer_normalisation(const nn_trainer *t, const float **mean, const float **inv_std)
{
    *mean = t->mean;
    *inv_std = t->inv_std;
    return t->mean ? t->train->d : 0;
}

int nn_trainer_load_params(nn_trainer *t, const float *params, size_t n)
{
    const size_t np = nn_model_param_count(t->model);
    if (n != np)
        return nn_set_error(NN_ERR_ARG, "%zu parameters given, the model has %zu", n, np);
    nn_trainer_reset(t);
    memcpy(nn_model_params(t->model), params, np * sizeof(float));
    t->hist_len = 0;
    record_metrics(t);
    if (t->best) {
        t->best_dev = t->hist[0].dev_loss;
        memcpy(t->best, params, np * sizeof(float));
    }
    return NN_OK;
}

int nn_trainer_keep_batch(nn_trainer *t, int k)
{
    if (k < 0) return nn_set_error(NN_ERR_ARG, "keep_batch: k must be >= 0 (got %d)", k);
    nn_free(t->kept);
    nn_free(t->kept_idx);
    t->kept = NULL;
    t->kept_idx = NULL;
    t->keep_cap = t->kept_n = 0;
    if (k == 0) return NN_OK;
    t->kept = nn_alloc((size_t)k * t->train->d * sizeof *t->kept);
    t->kept_idx = nn_alloc((size_t)k * sizeof *t->kept_idx);
    if (!t->kept || !t->kept_idx) {
        nn_free(t->kept); nn_free(t->kept_idx);
        t->kept = NULL; t->kept_idx = NULL;
        return nn_set_error(NN_ERR_NOMEM, "out of memory keeping %d images of each batch", k);
    }
    t->keep_cap = k;
    return NN_OK;
}

const float *nn_trainer_kept_batch(const nn_trainer *t, int *n, const int **index)
{
    *n = t->kept_n;
    if (index) *index = t->kept_n ? t->kept_idx : NULL;
    return t->kept_n ? t->kept : NULL;
}
