/* optim.c - SGD, momentum, RMSprop, Adam, AdaGrad over flat arrays (see nn/optim.h). */
#include <math.h>
#include <string.h>

#include "nn/optim.h"
#include "nn/pool.h"
#include "nn/status.h"
#include "nn/tensor.h"

static const char *const NAMES[] = {
    [NN_OPT_SGD] = "sgd", [NN_OPT_MOMENTUM] = "momentum", [NN_OPT_RMSPROP] = "rmsprop",
    [NN_OPT_ADAM] = "adam", [NN_OPT_ADAGRAD] = "adagrad",
};
_Static_assert(sizeof NAMES / sizeof NAMES[0] == NN_OPT_COUNT, "add a row to NAMES");

const char *nn_optim_name(nn_optim_kind k)
{
    return (unsigned)k < NN_OPT_COUNT ? NAMES[k] : "?";
}

int nn_optim_from_name(const char *name)
{
    for (int i = 0; i < NN_OPT_COUNT; i++)
        if (strcmp(name, NAMES[i]) == 0) return i;
    return -1;
}

nn_optim_desc nn_optim_desc_default(nn_optim_kind k)
{
    return (nn_optim_desc){ .kind = k, .beta = 0.9f, .beta2 = 0.999f, .eps = 1e-8f,
                            .bias_correction = 1 };
}

static int uses_v(nn_optim_kind k) { return k == NN_OPT_MOMENTUM || k == NN_OPT_ADAM; }
static int uses_s(nn_optim_kind k) { return k == NN_OPT_RMSPROP || k == NN_OPT_ADAM || k == NN_OPT_ADAGRAD; }

nn_optim *nn_optim_create(const nn_optim_desc *d, size_t n)
{
    if ((unsigned)d->kind >= NN_OPT_COUNT) {
        nn_set_error(NN_ERR_ARG, "unknown optimizer %d", (int)d->kind);
        return NULL;
    }
    if (!(d->beta >= 0.0f && d->beta < 1.0f) || !(d->beta2 >= 0.0f && d->beta2 < 1.0f)) {
        nn_set_error(NN_ERR_ARG, "optimizer betas must be in [0, 1) (got %g, %g)",
                     (double)d->beta, (double)d->beta2);
        return NULL;
    }
    if (!(d->eps > 0.0f) && uses_s(d->kind)) {
        nn_set_error(NN_ERR_ARG, "optimizer epsilon must be > 0 (got %g)", (double)d->eps);
        return NULL;
    }
    nn_optim *o = nn_alloc(sizeof *o);
    if (!o) return NULL;
    o->d = *d;
    o->n = n;
    if (uses_v(d->kind) && !(o->v = nn_alloc(n * sizeof(float) + 1))) goto fail;
    if (uses_s(d->kind) && !(o->s = nn_alloc(n * sizeof(float) + 1))) goto fail;
    return o;
fail:
    nn_optim_destroy(o);
    return NULL;
}

void nn_optim_destroy(nn_optim *o)
{
    if (!o) return;
    nn_free(o->v);
    nn_free(o->s);
    nn_free(o);
}

void nn_optim_reset(nn_optim *o)
{
    o->t = 0;
    if (o->v) memset(o->v, 0, o->n * sizeof(float));
    if (o->s) memset(o->s, 0, o->n * sizeof(float));
}

/* Below this many parameters the update runs on the calling thread: waking
 * the pool would cost more than the update (a toy network's step). */
enum { SPLIT_MIN_PARAMS = 1 << 15 };

/* One update, with the step's constants worked out once. */
typedef struct update_job {
    nn_optim    *o;
    float       *w;
    const float *g;
    float        lr, inv_c1, inv_sqrt_c2;   /* Adam's bias corrections (1 when off) */
    int          finite[NN_MAX_THREADS];    /* each part's range: every new weight finite */
} update_job;

/* The update of elements [lo, hi): every element is updated on its own, so
 * the result does not depend on how the arena is cut into ranges. */
static void update_range(const update_job *j, size_t lo, size_t hi)
{
    const nn_optim *o = j->o;
    const float b = o->d.beta, b2 = o->d.beta2, eps = o->d.eps, lr = j->lr;
    const float *g = j->g;
    float *w = j->w, *v = o->v, *s = o->s;
    switch (o->d.kind) {
    case NN_OPT_SGD:                        /* one axpy over the range */
        nn_axpy(-lr, g + lo, w + lo, hi - lo);
        break;
    case NN_OPT_MOMENTUM:
        for (size_t i = lo; i < hi; i++) {
            v[i] = b * v[i] + (1.0f - b) * g[i];
            w[i] -= lr * v[i];
        }
        break;
    case NN_OPT_RMSPROP:
        for (size_t i = lo; i < hi; i++) {
            s[i] = b * s[i] + (1.0f - b) * g[i] * g[i];
            w[i] -= lr * g[i] / (sqrtf(s[i]) + eps);
        }
        break;
    case NN_OPT_ADAM: {
        const float inv_c1 = j->inv_c1, inv_sqrt_c2 = j->inv_sqrt_c2;
        for (size_t i = lo; i < hi; i++) {
            v[i] = b * v[i] + (1.0f - b) * g[i];
            s[i] = b2 * s[i] + (1.0f - b2) * g[i] * g[i];
            w[i] -= lr * (v[i] * inv_c1) / (sqrtf(s[i]) * inv_sqrt_c2 + eps);
        }
        break;
    }
    case NN_OPT_ADAGRAD:
        for (size_t i = lo; i < hi; i++) {
            s[i] += g[i] * g[i];
            w[i] -= lr * g[i] / (sqrtf(s[i]) + eps);
        }
        break;
    case NN_OPT_COUNT:
        break;
    }
}

/* Each range is checked right after its update, while it is in cache. */
static void update_part(void *arg, int part, int parts)
{
    update_job *j = arg;
    size_t lo, hi;
    nn_split(j->o->n, part, parts, &lo, &hi);
    update_range(j, lo, hi);
    j->finite[part] = nn_all_finite(j->w + lo, hi - lo);
}

int nn_optim_step_pool(nn_optim *o, float *w, const float *g, float lr, nn_pool *pool)
{
    o->t++;
    /* Adam: fold the bias corrections into one step size and one epsilon scale:
     * v^/(sqrt(s^)+eps) = (v/c1) / (sqrt(s/c2)+eps). Computed in double once per step. */
    double c1 = 1.0, c2 = 1.0;
    if (o->d.kind == NN_OPT_ADAM && o->d.bias_correction) {
        c1 = 1.0 - pow((double)o->d.beta, (double)o->t);
        c2 = 1.0 - pow((double)o->d.beta2, (double)o->t);
    }
    update_job j = { o, w, g, lr, (float)(1.0 / c1), (float)(1.0 / sqrt(c2)), { 0 } };
    const int parts = o->n >= SPLIT_MIN_PARAMS ? nn_pool_threads(pool) : 1;
    nn_pool_run(parts > 1 ? pool : NULL, update_part, &j);
    for (int k = 0; k < parts; k++)
        if (!j.finite[k]) return 0;
    return 1;
}

void nn_optim_step(nn_optim *o, float *w, const float *g, float lr)
{
    nn_optim_step_pool(o, w, g, lr, NULL);
}
