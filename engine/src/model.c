/* model.c - a sequential network over one parameter arena (see nn/model.h).
 *
 * Threads (nn_model_set_threads): the layers are taken in spans, a run of
 * row-wise layers (layer_impl.h) or one layer that needs the whole batch.
 * A row-wise span with enough work is run by every thread of the pool at
 * once, each on its own contiguous chunk of rows (nn_split), through all the
 * span's layers without waiting for the others. In the backward pass worker
 * 0 accumulates into the model's gradient arena and worker k > 0 into its
 * own (cleared first, except for layers that store their gradients there
 * fresh: nn_chunk.fresh); then each thread adds workers 1, 2, ... in that
 * order to its slice of the arena. Chunks depend only on the batch size and the thread count, so a
 * given thread count gives the same bits whatever the timing.
 *
 * nn_model_zero_grad is lazy: the next backward stores where a layer can
 * (nn_chunk.fresh, worker 0 too) rather than clearing the arena first. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layer_impl.h"
#include "nn/pool.h"
#include "nn/status.h"
#include "nn/tensor.h"

/* One row per layer kind; NULL marks a kind this build does not provide. */
static const nn_layer_ops *const LAYER_OPS[NN_LAYER_COUNT] = {
    [NN_LAYER_DENSE] = &nn_dense_ops,
    [NN_LAYER_ACT]   = &nn_act_ops,
    [NN_LAYER_DROPOUT]   = &nn_dropout_ops,
    [NN_LAYER_BATCHNORM] = &nn_batchnorm_ops,
    [NN_LAYER_CONV2D]    = &nn_conv2d_ops,
    [NN_LAYER_MAXPOOL]   = &nn_maxpool_ops,
    [NN_LAYER_FLATTEN]   = &nn_flatten_ops,
};

static const char *const KIND_NAMES[] = {
    [NN_LAYER_DENSE] = "dense", [NN_LAYER_ACT] = "act", [NN_LAYER_DROPOUT] = "dropout",
    [NN_LAYER_BATCHNORM] = "batchnorm", [NN_LAYER_CONV2D] = "conv2d",
    [NN_LAYER_MAXPOOL] = "maxpool", [NN_LAYER_FLATTEN] = "flatten",
};
_Static_assert(sizeof KIND_NAMES / sizeof KIND_NAMES[0] == NN_LAYER_COUNT, "add a row to KIND_NAMES");

struct nn_model {
    nn_model_desc desc;
    int       n_layers;
    nn_layer  layers[NN_MAX_LAYERS];
    size_t    n_params;
    float    *params, *grads;          /* (n_params) arenas */
    int       cap;                     /* rows the activation buffers hold */
    int       batch;                   /* rows of the last forward */
    const float *x;                    /* input of the last forward (caller-owned) */
    float    *acts[NN_MAX_LAYERS];     /* (cap, n_out of layer i) */
    float    *dacts[NN_MAX_LAYERS];    /* (cap, n_out of layer i) */
    int       have_grads;              /* a backward has run since the last forward */
    int       grads_stale;             /* nn_model_zero_grad was called: the next backward
                                          stores the gradients rather than adding them */
    nn_rng    noise;                   /* dropout masks and other training noise */
    nn_pool  *pool;                    /* NULL: one thread (nn_model_set_threads) */
    float    *wgrads[NN_MAX_THREADS];  /* (n_params) gradient arenas of workers 1.. */
    long      splits;                  /* spans run split over the pool so far */
};

const char *nn_layer_kind_name(nn_layer_kind k)
{
    return (unsigned)k < NN_LAYER_COUNT ? KIND_NAMES[k] : "?";
}

nn_layer_desc nn_layer_dense(int units, nn_init init)
{
    return (nn_layer_desc){ .kind = NN_LAYER_DENSE, .units = units, .init = init };
}

nn_layer_desc nn_layer_act(nn_act act)
{
    return (nn_layer_desc){ .kind = NN_LAYER_ACT, .act = act, .slope = NN_LEAKY_SLOPE_DEFAULT };
}

nn_layer_desc nn_layer_dropout(float drop)
{
    return (nn_layer_desc){ .kind = NN_LAYER_DROPOUT, .drop = drop };
}

nn_layer_desc nn_layer_batchnorm(void)
{
    return (nn_layer_desc){ .kind = NN_LAYER_BATCHNORM, .momentum = 0.9f, .bn_eps = 1e-5f };
}

nn_layer_desc nn_layer_conv2d(int channels, int kernel, int stride, int pad, nn_init init)
{
    return (nn_layer_desc){ .kind = NN_LAYER_CONV2D, .units = channels, .kernel = kernel,
                            .stride = stride, .pad = pad, .init = init };
}

nn_layer_desc nn_layer_maxpool(int kernel, int stride)
{
    return (nn_layer_desc){ .kind = NN_LAYER_MAXPOOL, .kernel = kernel, .stride = stride };
}

nn_layer_desc nn_layer_flatten(void) { return (nn_layer_desc){ .kind = NN_LAYER_FLATTEN }; }

nn_model_desc nn_model_desc_default(void)
{
    return (nn_model_desc){ .in = { 2, 1, 1 }, .loss = NN_LOSS_SOFTMAX };
}

int nn_model_add(nn_model_desc *d, nn_layer_desc l)
{
    if (d->n_layers >= NN_MAX_LAYERS)
        return nn_set_error(NN_ERR_ARG, "a model holds at most %d layers", NN_MAX_LAYERS);
    d->layers[d->n_layers++] = l;
    return NN_OK;
}

nn_model_desc nn_model_desc_mlp(int n_in, const int *hidden, int n_hidden, int n_out,
                                nn_act act, float slope, nn_init init, nn_loss loss)
{
    nn_model_desc d = nn_model_desc_default();
    d.in = (nn_shape){ n_in, 1, 1 };
    d.loss = loss;
    for (int i = 0; i < n_hidden; i++) {
        nn_model_add(&d, nn_layer_dense(hidden[i], init));
        nn_layer_desc a = nn_layer_act(act);
        a.slope = slope;
        nn_model_add(&d, a);
    }
    nn_model_add(&d, nn_layer_dense(n_out, init));
    return d;
}

static void free_buffers(nn_model *m)
{
    for (int i = 0; i < m->n_layers; i++) {
        nn_free(m->acts[i]);
        nn_free(m->dacts[i]);
        m->acts[i] = m->dacts[i] = NULL;
    }
    m->cap = 0;
}

/* Grow the per-layer buffers to hold B rows. */
static int reserve(nn_model *m, int B)
{
    if (B <= m->cap) return NN_OK;
    free_buffers(m);
    for (int i = 0; i < m->n_layers; i++) {
        nn_layer *l = &m->layers[i];
        size_t bytes = (size_t)B * l->n_out * sizeof(float);
        if (!(m->acts[i] = nn_alloc(bytes)) || !(m->dacts[i] = nn_alloc(bytes))) {
            free_buffers(m);
            return NN_ERR_NOMEM;
        }
        if (l->ops->reserve && l->ops->reserve(l, B, nn_pool_threads(m->pool))) {
            free_buffers(m);
            return NN_ERR_NOMEM;
        }
    }
    m->cap = B;
    return NN_OK;
}

nn_model *nn_model_create(const nn_model_desc *d, uint64_t seed)
{
    if (nn_model_desc_check(d, NULL) != NN_OK) return NULL;   /* sizes are safe in int below */
    nn_model *m = nn_alloc(sizeof *m);
    if (!m) return NULL;
    m->desc = *d;
    nn_shape shape = d->in;
    for (int i = 0; i < d->n_layers; i++) {
        nn_layer *l = &m->layers[i];
        l->d = d->layers[i];
        if ((unsigned)l->d.kind >= NN_LAYER_COUNT || !LAYER_OPS[l->d.kind]) {
            nn_set_error(NN_ERR_ARG, "layer %d: kind '%s' is not available", i,
                         nn_layer_kind_name(l->d.kind));
            goto fail;
        }
        l->ops = LAYER_OPS[l->d.kind];
        l->in = shape;
        l->n_in = nn_shape_size(shape);
        l->rng = &m->noise;
        l->offset = m->n_params;
        m->n_layers = i + 1;                  /* so fail: destroys what was set up */
        if (l->ops->setup(l) != NN_OK) {
            char why[400];
            snprintf(why, sizeof why, "%s", nn_last_error());
            nn_set_error(NN_ERR_ARG, "layer %d (%s): %s", i, l->ops->name, why);
            goto fail;
        }
        l->n_out = nn_shape_size(l->out);
        m->n_params += l->n_params;
        shape = l->out;
    }
    const int n_out = m->layers[m->n_layers - 1].n_out;
    if (d->loss == NN_LOSS_BCE && n_out != 1) {
        nn_set_error(NN_ERR_ARG, "the binary cross-entropy loss needs 1 output (got %d)", n_out);
        goto fail;
    }
    if (d->loss == NN_LOSS_SOFTMAX && n_out < 2) {
        nn_set_error(NN_ERR_ARG, "the softmax loss needs at least 2 outputs (got %d)", n_out);
        goto fail;
    }
    /* +1 keeps a zero-parameter model's arena a valid pointer. */
    if (!(m->params = nn_alloc((m->n_params + 1) * sizeof(float))) ||
        !(m->grads = nn_alloc((m->n_params + 1) * sizeof(float))))
        goto fail;
    for (int i = 0; i < m->n_layers; i++) {
        nn_layer *l = &m->layers[i];
        l->w = m->params + l->offset;
        l->gw = m->grads + l->offset;
    }
    nn_model_reinit(m, seed);
    return m;
fail:
    nn_model_destroy(m);
    return NULL;
}

static void free_pool(nn_model *m)
{
    nn_pool_destroy(m->pool);
    m->pool = NULL;
    for (int k = 0; k < NN_MAX_THREADS; k++) {
        nn_free(m->wgrads[k]);
        m->wgrads[k] = NULL;
    }
}

void nn_model_destroy(nn_model *m)
{
    if (!m) return;
    free_pool(m);
    free_buffers(m);
    for (int i = 0; i < m->n_layers; i++)
        if (m->layers[i].ops && m->layers[i].ops->destroy) m->layers[i].ops->destroy(&m->layers[i]);
    nn_free(m->params);
    nn_free(m->grads);
    nn_free(m);
}

void nn_model_reinit(nn_model *m, uint64_t seed)
{
    nn_rng rng;
    nn_rng_seed(&rng, seed, NN_STREAM_INIT);
    nn_rng_seed(&m->noise, seed, NN_STREAM_DROPOUT);
    for (int i = 0; i < m->n_layers; i++) {
        nn_layer *l = &m->layers[i];
        if (l->ops->init) l->ops->init(l, &rng);
    }
    memset(m->grads, 0, m->n_params * sizeof(float));
    m->grads_stale = 0;
    m->have_grads = 0;
}

const nn_model_desc *nn_model_get_desc(const nn_model *m) { return &m->desc; }
int    nn_model_n_in(const nn_model *m) { return m->layers[0].n_in; }
int    nn_model_n_out(const nn_model *m) { return m->layers[m->n_layers - 1].n_out; }
int    nn_model_layer_count(const nn_model *m) { return m->n_layers; }
size_t nn_model_param_count(const nn_model *m) { return m->n_params; }
float *nn_model_params(nn_model *m) { return m->params; }

/* Clear now what nn_model_zero_grad left for the next backward to store. */
static void clear_stale_grads(nn_model *m)
{
    if (!m->grads_stale) return;
    memset(m->grads, 0, m->n_params * sizeof(float));
    m->grads_stale = 0;
}

float *nn_model_grads(nn_model *m)
{
    clear_stale_grads(m);
    return m->grads;
}

nn_layer_info nn_model_layer(const nn_model *m, int i)
{
    const nn_layer *l = &m->layers[i];
    const char *name = l->d.kind == NN_LAYER_ACT ? nn_act_name(l->d.act) : l->ops->name;
    return (nn_layer_info){ .kind = l->d.kind, .name = name, .in = l->in, .out = l->out,
                            .param_offset = l->offset, .n_params = l->n_params,
                            .n_weights = l->n_weights };
}

int nn_model_set_threads(nn_model *m, int threads)
{
    if (threads < 1 || threads > NN_MAX_THREADS)
        return nn_set_error(NN_ERR_ARG, "threads must be from 1 to %d (got %d)", NN_MAX_THREADS, threads);
    if (threads == nn_pool_threads(m->pool)) return NN_OK;
    free_pool(m);
    free_buffers(m);              /* the next forward reserves scratch for every worker */
    m->batch = 0;
    m->have_grads = 0;
    if (threads == 1) return NN_OK;
    for (int k = 1; k < threads; k++)
        if (!(m->wgrads[k] = nn_alloc((m->n_params + 1) * sizeof(float)))) {
            free_pool(m);
            return NN_ERR_NOMEM;
        }
    if (!(m->pool = nn_pool_create(threads))) {
        free_pool(m);
        return NN_ERR_NOMEM;
    }
    nn_blas_set_threads(1);       /* each chunk's products run on its own thread */
    return NN_OK;
}

int nn_model_threads(const nn_model *m) { return nn_pool_threads(m->pool); }
nn_pool *nn_model_pool(nn_model *m) { return m->pool; }
long nn__model_splits(const nn_model *m) { return m->splits; }

/* The span that starts at layer i ends before the returned layer: a run of
 * row-wise layers, or one layer that needs the whole batch. */
static int span_end(const nn_model *m, int i)
{
    if (!m->layers[i].ops->rowwise) return i + 1;
    while (i < m->n_layers && m->layers[i].ops->rowwise) i++;
    return i;
}

/* Below SPLIT_MIN_WORK multiply-adds per batch a span runs on the calling
 * thread: waking the workers would cost more than it saves (a toy network's
 * step). A split also costs every extra thread a pass over the span's
 * weight gradients (its arena cleared, then added into the model's), so each
 * thread must also get SPLIT_WORK_PER_PARAM multiply-adds per parameter: an
 * MLP's dense layers split from 32 rows a thread (at batch 8 a split was half
 * as fast as one thread: tests/bench/run_scaling.sh), a convolution's work
 * per parameter is its positions, so its batches split from a few rows. */
enum { SPLIT_MIN_WORK = 1 << 18, SPLIT_WORK_PER_PARAM = 32 };

/* Split layers [i0, i1) over the pool? Row-wise, enough work, a pool. */
static int worth_splitting_rows(const nn_model *m, int i0, int i1, int batch)
{
    if (!m->pool || !m->layers[i0].ops->rowwise) return 0;
    double work = 0.0, params = 0.0;
    for (int i = i0; i < i1; i++) {
        const nn_layer *l = &m->layers[i];
        const int positions = l->d.kind == NN_LAYER_CONV2D ? l->out.h * l->out.w : 1;
        work += l->n_out + (double)l->n_weights * positions;
        params += (double)l->n_params;
    }
    const int threads = nn_pool_threads(m->pool);
    work *= batch;
    return batch >= threads && work >= SPLIT_MIN_WORK && work / threads >= SPLIT_WORK_PER_PARAM * params;
}

static int worth_splitting(const nn_model *m, int i0, int i1)
{
    return worth_splitting_rows(m, i0, i1, m->batch);
}

nn_pool *nn_model_pool_for(nn_model *m, int batch)
{
    for (int i = 0; i < m->n_layers; i = span_end(m, i))
        if (worth_splitting_rows(m, i, span_end(m, i), batch)) return m->pool;
    return NULL;
}

/* The chunk descriptor of layer l for worker w starting at row r0. Worker 0
 * writes the model's arena (fresh after nn_model_zero_grad, for a layer that
 * can), the others their own. */
static nn_chunk chunk_of(const nn_model *m, const nn_layer *l, int w, int r0)
{
    return (nn_chunk){ .worker = w, .row0 = r0, .gw = w == 0 ? l->gw : m->wgrads[w] + l->offset,
                       .fresh = l->ops->stores_fresh && (w > 0 || m->grads_stale) };
}

/* Forward layers [i0, i1) on rows [r0, r0 + n) as worker w; a layer and the
 * activation after it run in one pass (both outputs are kept). */
static void forward_rows(nn_model *m, int i0, int i1, int w, int r0, int n, int training)
{
    const float *in = (i0 > 0 ? m->acts[i0 - 1] : m->x) + (size_t)r0 * m->layers[i0].n_in;
    for (int i = i0; i < i1; i++) {
        nn_layer *l = &m->layers[i];
        const nn_chunk c = chunk_of(m, l, w, r0);
        float *out = m->acts[i] + (size_t)r0 * l->n_out;
        const nn_layer *next = i + 1 < i1 ? &m->layers[i + 1] : NULL;
        if (l->ops->forward_act && next && next->d.kind == NN_LAYER_ACT) {
            float *out_act = m->acts[i + 1] + (size_t)r0 * next->n_out;
            l->ops->forward_act(l, &c, next->d.act, next->d.slope, in, out, out_act, n, training);
            in = out_act;
            i++;
            continue;
        }
        l->ops->forward(l, &c, in, out, n, training);
        in = out;
    }
}

/* Backward through layers [i0, i1), last first, on rows [r0, r0 + n) as
 * worker w; a layer and the activation before it run in one pass (both
 * gradients are kept). */
static void backward_rows(nn_model *m, int i0, int i1, int w, int r0, int n)
{
    for (int i = i1 - 1; i >= i0; i--) {
        nn_layer *l = &m->layers[i];
        const nn_chunk c = chunk_of(m, l, w, r0);
        const size_t in_at = (size_t)r0 * l->n_in, out_at = (size_t)r0 * l->n_out;
        const float *x = (i > 0 ? m->acts[i - 1] : m->x) + in_at;
        float *dx = i > 0 ? m->dacts[i - 1] + in_at : NULL;
        const nn_layer *prev = i - 1 >= i0 ? &m->layers[i - 1] : NULL;   /* in this span */
        if (l->ops->backward_act && prev && prev->d.kind == NN_LAYER_ACT && i >= 2) {
            /* The activation's input and gradient: layer i - 2's (same row size). */
            const float *xa = m->acts[i - 2] + in_at;
            l->ops->backward_act(l, &c, prev->d.act, prev->d.slope, xa, x, m->dacts[i] + out_at,
                                 m->dacts[i - 1] + in_at, m->dacts[i - 2] + in_at, n);
            i--;
            continue;
        }
        l->ops->backward(l, &c, x, m->acts[i] + out_at, m->dacts[i] + out_at, dx, n);
    }
}

/* A span of layers run on the pool. */
typedef struct span_job { nn_model *m; int i0, i1, training; } span_job;

/* The parameters of layers [i0, i1): [*p0, *p1) of the arena. */
static void span_params(const nn_model *m, int i0, int i1, size_t *p0, size_t *p1)
{
    *p0 = m->layers[i0].offset;
    *p1 = m->layers[i1 - 1].offset + m->layers[i1 - 1].n_params;
}

static void forward_part(void *arg, int part, int parts)
{
    const span_job *j = arg;
    size_t lo, hi;
    nn_split((size_t)j->m->batch, part, parts, &lo, &hi);
    if (hi > lo) forward_rows(j->m, j->i0, j->i1, part, (int)lo, (int)(hi - lo), j->training);
}

static void backward_part(void *arg, int part, int parts)
{
    const span_job *j = arg;
    nn_model *m = j->m;
    size_t lo, hi;
    nn_split((size_t)m->batch, part, parts, &lo, &hi);
    if (part > 0)                        /* worker 0 adds to the model's arena itself */
        for (int i = j->i0; i < j->i1; i++) {
            const nn_layer *l = &m->layers[i];
            if (!l->ops->stores_fresh || hi == lo)   /* else its backward stores (fresh) */
                memset(m->wgrads[part] + l->offset, 0, l->n_params * sizeof(float));
        }
    if (hi > lo) backward_rows(m, j->i0, j->i1, part, (int)lo, (int)(hi - lo));
}

/* grads += the arenas of workers 1, 2, ... in that order, over the span's
 * parameters; each thread adds up its own slice of them. */
static void reduce_part(void *arg, int part, int parts)
{
    const span_job *j = arg;
    nn_model *m = j->m;
    size_t p0, p1, lo, hi;
    span_params(m, j->i0, j->i1, &p0, &p1);
    nn_split(p1 - p0, part, parts, &lo, &hi);
    float *g = m->grads + p0;
    for (int w = 1; w < parts; w++) {
        const float *gw = m->wgrads[w] + p0;
        for (size_t k = lo; k < hi; k++) g[k] += gw[k];
    }
}

const float *nn_model_forward(nn_model *m, const float *x, int batch, int training)
{
    if (batch < 1 || reserve(m, batch) != NN_OK) return NULL;
    m->x = x;
    m->batch = batch;
    m->have_grads = 0;
    for (int i = 0; i < m->n_layers;) {
        const int end = span_end(m, i);
        if (worth_splitting(m, i, end)) {
            span_job j = { m, i, end, training };
            nn_pool_run(m->pool, forward_part, &j);
            m->splits++;
        } else {
            forward_rows(m, i, end, 0, 0, batch, training);
        }
        i = end;
    }
    return m->acts[m->n_layers - 1];
}

void nn_model_backward(nn_model *m, const float *dout)
{
    const int B = m->batch, L = m->n_layers;
    memcpy(m->dacts[L - 1], dout, (size_t)B * m->layers[L - 1].n_out * sizeof(float));
    for (int end = L; end > 0;) {
        int start = end - 1;             /* the span that ends at layer end - 1 */
        while (start > 0 && m->layers[start].ops->rowwise && m->layers[start - 1].ops->rowwise) start--;
        if (m->grads_stale)              /* clear what will be added to, not what is stored */
            for (int i = start; i < end; i++)
                if (!m->layers[i].ops->stores_fresh)
                    memset(m->layers[i].gw, 0, m->layers[i].n_params * sizeof(float));
        if (worth_splitting(m, start, end)) {
            span_job j = { m, start, end, 1 };
            nn_pool_run(m->pool, backward_part, &j);
            nn_pool_run(m->pool, reduce_part, &j);
            m->splits++;
        } else {
            backward_rows(m, start, end, 0, 0, B);
        }
        end = start;
    }
    m->grads_stale = 0;
    m->have_grads = 1;
}

/* Evaluation passes (nn_model_eval_rows). Measured with 2 threads: the
 * README's CNN takes the same time per image at 256, 512 and 1024 rows
 * (64 and 128 up to 8 % more) but keeps about 350 KB of buffers a row, so it
 * stays at 256; the MLP 784-256-10 (4 KB a row) evaluates 10,000 images in
 * 22 ms at 1024 and 2048 rows, 24 ms at 256 (tests/bench/bench_mlp). */
enum { EVAL_ROWS_MIN = 256, EVAL_ROWS_MAX = 1024, EVAL_BYTES = 8 << 20 };

int nn_model_eval_rows(const nn_model *m)
{
    size_t row = 0;                           /* acts and dacts of every layer */
    for (int i = 0; i < m->n_layers; i++) row += 2 * (size_t)m->layers[i].n_out * sizeof(float);
    const size_t rows = row ? EVAL_BYTES / row : EVAL_ROWS_MAX;
    return rows < EVAL_ROWS_MIN ? EVAL_ROWS_MIN : rows > EVAL_ROWS_MAX ? EVAL_ROWS_MAX : (int)rows;
}

/* Lazy: the next backward stores each layer's gradients instead of adding
 * them where the layer can (a pass over the arena less), and clears the
 * rest layer by layer; nn_model_grads clears the arena if asked first. */
void nn_model_zero_grad(nn_model *m) { m->grads_stale = 1; }

const float *nn_model_activation(const nn_model *m, int i, int *batch)
{
    if (batch) *batch = m->batch;
    if (i < 0) return m->x;
    return i < m->n_layers ? m->acts[i] : NULL;
}

const float *nn_model_activation_grad(const nn_model *m, int i)
{
    return m->have_grads && i >= 0 && i < m->n_layers ? m->dacts[i] : NULL;
}

int nn_model_find_nonfinite(const nn_model *m)
{
    for (int i = 0; i < m->n_layers; i++) {
        const nn_layer *l = &m->layers[i];
        if (!nn_all_finite(l->w, l->n_params)) return i;
        if (!m->grads_stale && !nn_all_finite(l->gw, l->n_params)) return i;   /* stale: zeros */
    }
    return -1;
}

/* ---- observation ---- */

static void histogram(const float *v, size_t n, float lo, float hi, int *bins, int n_bins)
{
    memset(bins, 0, (size_t)n_bins * sizeof *bins);
    const float scale = hi > lo ? n_bins / (hi - lo) : 0.0f;
    for (size_t k = 0; k < n; k++) {
        int b = (int)((v[k] - lo) * scale);
        bins[b < 0 ? 0 : b >= n_bins ? n_bins - 1 : b]++;
    }
}

/* Outputs in the flat ends of a sigmoid or tanh (see nn_layer_stats.saturated). */
static double saturated_fraction(const nn_layer *l, const float *a, size_t n)
{
    if (l->d.kind != NN_LAYER_ACT || (l->d.act != NN_ACT_SIGMOID && l->d.act != NN_ACT_TANH) || n == 0)
        return 0.0;
    size_t k = 0;
    if (l->d.act == NN_ACT_SIGMOID)
        for (size_t j = 0; j < n; j++) k += a[j] < 0.05f || a[j] > 0.95f;
    else
        for (size_t j = 0; j < n; j++) k += fabsf(a[j]) > 0.9f;
    return (double)k / (double)n;
}

/* The statistics' sums run in LANES independent chains, which the compiler
 * turns into vector instructions: one chain of dependent additions waits for
 * each addition in turn, and the window captures these figures after every
 * update (they took longer than the update itself on images). They are
 * figures to look at, so the order of their additions is free. */
enum { LANES = 8 };

static double sum_squares(const float *a, size_t n)
{
    double q[LANES] = { 0 }, t = 0.0;
    size_t k = 0;
    for (; k + LANES <= n; k += LANES)
        for (int j = 0; j < LANES; j++) q[j] += (double)a[k + j] * a[k + j];
    for (; k < n; k++) t += (double)a[k] * a[k];
    for (int j = 0; j < LANES; j++) t += q[j];
    return t;
}

static double sum_abs(const float *a, size_t n)
{
    double q[LANES] = { 0 }, t = 0.0;
    size_t k = 0;
    for (; k + LANES <= n; k += LANES)
        for (int j = 0; j < LANES; j++) q[j] += fabsf(a[k + j]);
    for (; k < n; k++) t += fabsf(a[k]);
    for (int j = 0; j < LANES; j++) t += q[j];
    return t;
}

/* Sum, sum of squares, least and greatest of a[0 .. n), n >= 1. */
static void moments(const float *a, size_t n, double *sum, double *sq, float *lo, float *hi)
{
    double s[LANES] = { 0 }, q[LANES] = { 0 };
    float mn[LANES], mx[LANES];
    for (int j = 0; j < LANES; j++) mn[j] = mx[j] = a[0];
    size_t k = 0;
    for (; k + LANES <= n; k += LANES)
        for (int j = 0; j < LANES; j++) {
            const float v = a[k + j];
            s[j] += v;
            q[j] += (double)v * v;
            mn[j] = v < mn[j] ? v : mn[j];
            mx[j] = v > mx[j] ? v : mx[j];
        }
    double ts = 0.0, tq = 0.0;
    float tl = a[0], th = a[0];
    for (; k < n; k++) {
        ts += a[k];
        tq += (double)a[k] * a[k];
        tl = a[k] < tl ? a[k] : tl;
        th = a[k] > th ? a[k] : th;
    }
    for (int j = 0; j < LANES; j++) {
        ts += s[j];
        tq += q[j];
        tl = mn[j] < tl ? mn[j] : tl;
        th = mx[j] > th ? mx[j] : th;
    }
    *sum = ts; *sq = tq; *lo = tl; *hi = th;
}

void nn_model_layer_stats(const nn_model *m, int i, float lo, float hi, nn_layer_stats *out)
{
    memset(out, 0, sizeof *out);
    if (i < 0 || i >= m->n_layers || m->batch == 0) return;
    const nn_layer *l = &m->layers[i];
    const size_t n = (size_t)m->batch * l->n_out;
    const float *a = m->acts[i];
    double s, sq;
    float mn, mx;
    moments(a, n, &s, &sq, &mn, &mx);
    out->act_mean = s / n;
    const double var = sq / n - out->act_mean * out->act_mean;
    out->act_std = var > 0.0 ? sqrt(var) : 0.0;
    out->saturated = saturated_fraction(l, a, n);
    if (!(lo < hi)) { lo = mn; hi = mx > mn ? mx : mn + 1.0f; }
    out->hist_lo = lo;
    out->hist_hi = hi;
    histogram(a, n, lo, hi, out->hist, NN_HIST_BINS);
    out->weight_norm = sqrt(sum_squares(l->w, l->n_weights));
    out->grad_norm = m->grads_stale ? 0.0 : sqrt(sum_squares(l->gw, l->n_weights));
    out->grad_ratio = out->weight_norm > 0.0 ? out->grad_norm / out->weight_norm : 0.0;
    if (m->have_grads) out->out_grad_norm = sqrt(sum_squares(m->dacts[i], n));
}

int nn_model_error_signal(const nn_model *m, int i, float *out, int n)
{
    if (!m->have_grads || i < 0 || i >= m->n_layers || !out || n <= 0) return 0;
    const nn_layer *l = &m->layers[i];
    const int c = l->out.c, hw = l->out.h * l->out.w, k = c < n ? c : n;
    const float *d = m->dacts[i];
    for (int u = 0; u < k; u++) {
        double s = 0.0;
        for (int b = 0; b < m->batch; b++) s += sum_abs(d + ((size_t)b * c + u) * hw, (size_t)hw);
        out[u] = (float)(s / hw);
    }
    return k;
}

void nn_model_weight_histogram(const nn_model *m, int i, float lo, float hi, int *bins, int n_bins)
{
    const nn_layer *l = &m->layers[i];
    histogram(l->w, l->n_weights, lo, hi, bins, n_bins);
}

const uint8_t *nn_model_dropout_mask(const nn_model *m, int i, int *rows)
{
    *rows = 0;
    if (i < 0 || i >= m->n_layers || m->layers[i].d.kind != NN_LAYER_DROPOUT) return NULL;
    return nn__dropout_mask(&m->layers[i], rows);
}

int nn_model_batchnorm_stats(const nn_model *m, int i, const float **batch_mean,
                             const float **batch_var, const float **run_mean, const float **run_var)
{
    if (i < 0 || i >= m->n_layers || m->layers[i].d.kind != NN_LAYER_BATCHNORM) return 0;
    const nn_layer *l = &m->layers[i];
    const int n = nn__batchnorm_stats(l, batch_mean, batch_var);
    *run_mean = l->w + 2 * n;
    *run_var = l->w + 3 * n;
    return n;
}
