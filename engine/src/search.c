/* search.c - grid, random and evolutionary hyperparameter search (see nn/search.h). */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn/parse.h"
#include "nn/rng.h"
#include "nn/search.h"
#include "nn/status.h"

static const char *const METHODS[] = {
    [NN_SEARCH_GRID] = "grid", [NN_SEARCH_RANDOM] = "random", [NN_SEARCH_EVO] = "evo",
};
_Static_assert(sizeof METHODS / sizeof METHODS[0] == NN_SEARCH_COUNT, "add a row to METHODS");

static const char *const SCALES[] = {
    [NN_SCALE_LIN] = "lin", [NN_SCALE_LOG] = "log", [NN_SCALE_INT] = "int",
    [NN_SCALE_LOGINT] = "logint", [NN_SCALE_CHOICE] = "choice",
};
_Static_assert(sizeof SCALES / sizeof SCALES[0] == NN_SCALE_COUNT, "add a row to SCALES");

const char *nn_search_method_name(nn_search_method m)
{
    return (unsigned)m < NN_SEARCH_COUNT ? METHODS[m] : "?";
}

int nn_search_method_from_name(const char *name)
{
    for (int i = 0; i < NN_SEARCH_COUNT; i++)
        if (strcmp(name, METHODS[i]) == 0) return i;
    return -1;
}

static const char *scale_name(int i) { return SCALES[i]; }

int nn_search_param_parse(const char *text, nn_search_param *out)
{
    memset(out, 0, sizeof *out);
    const char *eq = strchr(text, '=');
    if (!eq || eq == text || (size_t)(eq - text) >= sizeof out->name)
        return nn_set_error(NN_ERR_ARG, "--param expects NAME=LO:HI:SCALE or NAME=A|B|C, got '%s'", text);
    memcpy(out->name, text, (size_t)(eq - text));
    const char *v = eq + 1;
    if (strchr(v, '|') || !strchr(v, ':')) {
        out->scale = NN_SCALE_CHOICE;
        for (const char *p = v;;) {
            const char *bar = strchr(p, '|');
            const size_t len = bar ? (size_t)(bar - p) : strlen(p);
            if (len == 0 || len >= sizeof out->choices[0] || out->n_choices == NN_SEARCH_MAX_CHOICES)
                return nn_set_error(NN_ERR_ARG, "--param %s: choices must be 1 to %d non-empty "
                                    "values separated by '|', got '%s'", out->name, NN_SEARCH_MAX_CHOICES, v);
            memcpy(out->choices[out->n_choices++], p, len);
            if (!bar) break;
            p = bar + 1;
        }
        return NN_OK;
    }
    char lo[64], hi[64], sc[16];
    if (sscanf(v, "%63[^:]:%63[^:]:%15s", lo, hi, sc) != 3)
        return nn_set_error(NN_ERR_ARG, "--param %s expects LO:HI:SCALE, got '%s'", out->name, v);
    int k;
    if (nn_parse_float("--param low", lo, -1e12, 1e12, &out->lo) ||
        nn_parse_float("--param high", hi, -1e12, 1e12, &out->hi) ||
        nn_parse_choice("--param scale", sc, scale_name, NN_SCALE_CHOICE, &k))
        return NN_ERR_ARG;
    out->scale = (nn_scale)k;
    if (!(out->lo < out->hi))
        return nn_set_error(NN_ERR_ARG, "--param %s: low must be below high, got '%s'", out->name, v);
    if ((k == NN_SCALE_LOG || k == NN_SCALE_LOGINT) && !(out->lo > 0))
        return nn_set_error(NN_ERR_ARG, "--param %s: a log scale needs low > 0, got '%s'", out->name, v);
    return NN_OK;
}

/* Unit coordinate -> value in the parameter's own scale. */
void nn_search_param_value(const nn_search_param *p, double u, char *buf, int len)
{
    u = u < 0 ? 0 : u > 1 ? 1 : u;
    double x;
    switch (p->scale) {
    case NN_SCALE_CHOICE: {
        int i = (int)(u * p->n_choices);
        snprintf(buf, (size_t)len, "%s", p->choices[i >= p->n_choices ? p->n_choices - 1 : i]);
        return;
    }
    case NN_SCALE_LOG:
    case NN_SCALE_LOGINT:
        x = exp(log(p->lo) + u * (log(p->hi) - log(p->lo)));
        break;
    default:
        x = p->lo + u * (p->hi - p->lo);
        break;
    }
    if (p->scale == NN_SCALE_INT || p->scale == NN_SCALE_LOGINT) snprintf(buf, (size_t)len, "%.0f", round(x));
    else snprintf(buf, (size_t)len, "%.4g", x);
}

/* ---- running trials on threads ---- */

typedef struct pool {
    pthread_mutex_t lock;
    nn_trial *trials;
    int next, end;
    nn_objective fn;
    void *ctx;
} pool;

static void score(pool *p, nn_trial *t)
{
    if (p->fn(t, p->ctx) != 0 || !isfinite(t->dev_error)) {
        t->failed = 1;
        t->dev_error = t->train_error = INFINITY;
    }
}

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        int i = p->next < p->end ? p->next++ : -1;
        pthread_mutex_unlock(&p->lock);
        if (i < 0) return NULL;
        score(p, &p->trials[i]);
    }
}

static void run_range(pool *p, int first, int end, int jobs)
{
    p->next = first;
    p->end = end;
    pthread_t th[64];
    int started = 0;
    for (int j = 1; j < jobs && j < 64 && started < end - first - 1; j++)
        if (pthread_create(&th[started], NULL, worker, p) == 0) started++;
    worker(p);                                   /* the calling thread works too */
    for (int j = 0; j < started; j++) pthread_join(th[j], NULL);
}

static void set_point(const nn_search_desc *d, nn_trial *t, int index, int generation)
{
    t->index = index;
    t->generation = generation;
    for (int k = 0; k < d->n_params; k++)
        nn_search_param_value(&d->params[k], t->u[k], t->value[k], sizeof t->value[k]);
}

/* ---- samplers ---- */

static void sample_grid(const nn_search_desc *d, nn_trial *out)
{
    /* Choices take every value; continuous axes share the rest of the budget. */
    int combos = 1, n_cont = 0;
    for (int k = 0; k < d->n_params; k++) {
        if (d->params[k].scale == NN_SCALE_CHOICE) combos *= d->params[k].n_choices;
        else n_cont++;
    }
    int per_axis = 1;
    if (n_cont > 0)
        while (combos * (int)pow(per_axis + 1, n_cont) <= d->trials) per_axis++;
    int dims[NN_SEARCH_MAX_PARAMS];
    for (int k = 0; k < d->n_params; k++)
        dims[k] = d->params[k].scale == NN_SCALE_CHOICE ? d->params[k].n_choices : per_axis;
    for (int i = 0; i < d->trials; i++) {
        int rest = i;
        for (int k = d->n_params - 1; k >= 0; k--) {
            const int c = rest % dims[k];
            rest /= dims[k];
            /* Cell centres for choices; end points included for continuous axes. */
            out[i].u[k] = d->params[k].scale == NN_SCALE_CHOICE ? (c + 0.5) / dims[k]
                        : dims[k] == 1 ? 0.5 : (double)c / (dims[k] - 1);
        }
        set_point(d, &out[i], i, 0);
    }
}

static int by_score(const void *a, const void *b)
{
    const nn_trial *x = *(nn_trial *const *)a, *y = *(nn_trial *const *)b;
    if (x->dev_error != y->dev_error) return x->dev_error < y->dev_error ? -1 : 1;
    return x->index - y->index;                  /* ties broken by order: deterministic */
}

int nn_search_run(const nn_search_desc *d, nn_objective fn, void *ctx, nn_trial *out,
                  void (*done)(const nn_trial *trials, int count, void *ctx))
{
    if (d->trials < 1 || d->n_params < 1 || d->n_params > NN_SEARCH_MAX_PARAMS)
        return nn_set_error(NN_ERR_ARG, "a search needs at least 1 trial and 1 to %d parameters",
                            NN_SEARCH_MAX_PARAMS);
    memset(out, 0, (size_t)d->trials * sizeof *out);
    pool p = { .trials = out, .fn = fn, .ctx = ctx };
    pthread_mutex_init(&p.lock, NULL);
    const int jobs = d->jobs > 0 ? d->jobs : 1;
    nn_rng rng;
    nn_rng_seed(&rng, d->seed, NN_STREAM_SEARCH);

    if (d->method == NN_SEARCH_GRID) {
        sample_grid(d, out);
        run_range(&p, 0, d->trials, jobs);
        if (done) done(out, d->trials, ctx);
    } else if (d->method == NN_SEARCH_RANDOM) {
        for (int i = 0; i < d->trials; i++) {
            for (int k = 0; k < d->n_params; k++) out[i].u[k] = nn_rng_uniform(&rng);
            set_point(d, &out[i], i, 0);
        }
        run_range(&p, 0, d->trials, jobs);
        if (done) done(out, d->trials, ctx);
    } else {
        const int pop = d->population > 0 ? d->population : (d->trials / 5 > 4 ? d->trials / 5 : 4);
        nn_trial **rank = nn_alloc((size_t)d->trials * sizeof *rank);
        if (!rank) { pthread_mutex_destroy(&p.lock); return nn_set_error(NN_ERR_NOMEM, "out of memory"); }
        int n = 0;
        for (int gen = 0; n < d->trials; gen++) {
            const int size = d->trials - n < pop ? d->trials - n : pop;
            for (int i = n; i < n + size; i++) {
                if (gen == 0) {
                    for (int k = 0; k < d->n_params; k++) out[i].u[k] = nn_rng_uniform(&rng);
                } else {
                    /* Parent: uniformly one of the best quarter so far (at least 2). */
                    int top = n / 4 < 2 ? 2 : n / 4;
                    const nn_trial *parent = rank[nn_rng_below(&rng, (uint32_t)(top < n ? top : n))];
                    for (int k = 0; k < d->n_params; k++) {
                        double u = parent->u[k];
                        if (d->params[k].scale == NN_SCALE_CHOICE) {
                            if (nn_rng_uniform(&rng) < 0.3) u = nn_rng_uniform(&rng);
                        } else {
                            u += 0.1 * nn_rng_normal(&rng);
                            u = u < 0 ? -u : u > 1 ? 2 - u : u;      /* reflect at the walls */
                        }
                        out[i].u[k] = u;
                    }
                }
                set_point(d, &out[i], i, gen);
            }
            run_range(&p, n, n + size, jobs);
            n += size;
            for (int i = 0; i < n; i++) rank[i] = &out[i];
            qsort(rank, (size_t)n, sizeof *rank, by_score);
            if (done) done(out, n, ctx);
        }
        nn_free(rank);
    }
    pthread_mutex_destroy(&p.lock);
    return NN_OK;
}

int nn_search_best(const nn_trial *t, int count)
{
    int best = -1;
    for (int i = 0; i < count; i++)
        if (!t[i].failed && (best < 0 || t[i].dev_error < t[best].dev_error)) best = i;
    return best;
}
