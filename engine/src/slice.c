/* slice.c - a network's training loss along two filter-normalised directions
 * (see nn/slice.h).
 *
 * The slice owns a private copy of the trainer's model (same description,
 * parameters copied), so evaluating it never touches the live trainer; the
 * batch-norm running statistics live in the parameter arena and come along.
 * Evaluation follows nn_trainer_evaluate on the training set with the L2
 * term (the CSV's train_loss): evaluation mode, the trainer's input
 * normalisation, the same chunks of nn_model_eval_rows examples, the loss summed as
 * mean-per-chunk times chunk size. The gradient is one backward per chunk of
 * the same evaluation-mode forward, dL/dz scaled by n / N so the model's
 * accumulated gradient is that of the mean over the whole set.
 */
#include <math.h>
#include <string.h>

#include "nn/slice.h"
#include "nn/status.h"
#include "nn/tensor.h"


struct nn_slice {
    nn_model         *m;            /* private copy: its arena holds theta + a d1 + b d2 */
    const nn_dataset *train;        /* borrowed */
    nn_loss           loss;
    float             l2;           /* the trainer's lambda */
    size_t            np;
    float            *theta, *d1, *d2;     /* (np) each; d1, d2 are 0 outside weight blocks */
    float            *mean, *inv_std;      /* (d) the trainer's normalisation; NULL when off */
    int               chunk;               /* nn_model_eval_rows: as the trainer, so f(0, 0) sums the same chunks */
    float            *bx, *by, *dz;        /* (chunk, d), (chunk, y_dim), (chunk, n_out) */
};

/* The same rules nn_trainer_create applies to its training set. */
static int check_set(const nn_model *m, nn_loss loss, const nn_dataset *ds)
{
    if (!ds || ds->n < 1) return nn_set_error(NN_ERR_ARG, "slice: the training set is empty");
    if (ds->d != nn_model_n_in(m))
        return nn_set_error(NN_ERR_ARG, "slice: the data have %d inputs but the network expects %d",
                            ds->d, nn_model_n_in(m));
    const int n_out = nn_model_n_out(m);
    if (loss == NN_LOSS_SOFTMAX && n_out != ds->classes)
        return nn_set_error(NN_ERR_ARG, "slice: softmax over %d outputs but the data have %d classes",
                            n_out, ds->classes);
    if (loss == NN_LOSS_BCE && ds->classes != 2)
        return nn_set_error(NN_ERR_ARG, "slice: the binary loss needs 2 classes (the data have %d)",
                            ds->classes);
    if (loss == NN_LOSS_MSE && (ds->classes != 0 || ds->y_dim != n_out))
        return nn_set_error(NN_ERR_ARG, "slice: mean squared error needs regression targets of %d values",
                            n_out);
    return NN_OK;
}

/* Gaussian entries in every weight block of d (0 elsewhere), then each
 * neuron's row (a dense unit's incoming weights, a convolution's filter)
 * scaled to the norm of the same row of theta (Li et al. 2018). */
static int draw_direction(const nn_model *m, const float *theta, float *d, nn_rng *rng)
{
    for (int i = 0; i < nn_model_layer_count(m); i++) {
        const nn_layer_info li = nn_model_layer(m, i);
        if (li.n_weights == 0) continue;
        const int rows = li.out.c;   /* dense: units; conv2d: filters */
        if ((li.kind != NN_LAYER_DENSE && li.kind != NN_LAYER_CONV2D) || rows < 1 ||
            li.n_weights % (size_t)rows != 0)
            return nn_set_error(NN_ERR_ARG, "slice: layer %d (%s) has weights that are not per-neuron rows",
                                i, li.name);
        const size_t len = li.n_weights / (size_t)rows;
        for (int r = 0; r < rows; r++) {
            float *dr = d + li.param_offset + (size_t)r * len;
            const float *tr = theta + li.param_offset + (size_t)r * len;
            for (size_t k = 0; k < len; k++) dr[k] = (float)nn_rng_normal(rng);
            const double dn = nn_norm2(dr, len), tn = nn_norm2(tr, len);
            const double s = dn > 0.0 ? tn / dn : 0.0;
            for (size_t k = 0; k < len; k++) dr[k] = (float)(dr[k] * s);
        }
    }
    return NN_OK;
}

nn_slice *nn_slice_create(nn_trainer *t, const nn_dataset *train, uint64_t seed)
{
    if (!t) { nn_set_error(NN_ERR_ARG, "slice: no network (NULL trainer)"); return NULL; }
    nn_model *live = nn_trainer_model(t);
    const nn_train_desc *td = nn_trainer_desc(t);
    if (check_set(live, td->model.loss, train)) return NULL;
    const size_t np = nn_model_param_count(live);
    const float *theta = nn_model_params(live);
    if (!nn_all_finite(theta, np)) {
        nn_set_error(NN_ERR_ARG, "slice: the network's weights are not finite (it diverged)");
        return NULL;
    }
    const float *mean, *inv_std;
    const int nd = nn_trainer_normalisation(t, &mean, &inv_std);
    if (nd && nd != train->d) {
        nn_set_error(NN_ERR_ARG, "slice: the trainer normalises %d inputs but the data have %d",
                     nd, train->d);
        return NULL;
    }

    nn_slice *s = nn_alloc(sizeof *s);
    if (!s) return NULL;
    s->train = train;
    s->loss = td->model.loss;
    s->l2 = td->l2;
    s->np = np;
    s->chunk = nn_model_eval_rows(live);
    const size_t d = (size_t)train->d, n_out = (size_t)nn_model_n_out(live);
    if (!(s->m = nn_model_create(nn_model_get_desc(live), seed)) ||
        !(s->theta = nn_alloc(3 * (np + 1) * sizeof(float))) ||
        !(s->bx = nn_alloc((size_t)s->chunk * d * sizeof(float))) ||
        !(s->by = nn_alloc((size_t)s->chunk * (size_t)train->y_dim * sizeof(float))) ||
        !(s->dz = nn_alloc((size_t)s->chunk * n_out * sizeof(float))))
        goto fail;
    s->d1 = s->theta + np + 1;
    s->d2 = s->d1 + np + 1;
    memcpy(s->theta, theta, np * sizeof(float));
    memcpy(nn_model_params(s->m), theta, np * sizeof(float));
    if (nd) {
        if (!(s->mean = nn_alloc(2 * d * sizeof(float)))) goto fail;
        s->inv_std = s->mean + d;
        memcpy(s->mean, mean, d * sizeof(float));
        memcpy(s->inv_std, inv_std, d * sizeof(float));
    }
    nn_rng rng;
    nn_rng_seed(&rng, seed, NN_STREAM_SLICE);
    if (draw_direction(s->m, s->theta, s->d1, &rng) || draw_direction(s->m, s->theta, s->d2, &rng))
        goto fail;
    return s;
fail:
    nn_slice_destroy(s);
    return NULL;
}

void nn_slice_destroy(nn_slice *s)
{
    if (!s) return;
    nn_model_destroy(s->m);
    nn_free(s->theta);
    nn_free(s->mean);
    nn_free(s->bx); nn_free(s->by); nn_free(s->dz);
    nn_free(s);
}

/* x' = (x - mean) * inv_std, as the trainer normalises. */
static void normalise(const nn_slice *s, float *x, int rows)
{
    if (!s->mean) return;
    const int d = s->train->d;
    for (int r = 0; r < rows; r++) {
        float *xr = x + (size_t)r * d;
        for (int k = 0; k < d; k++) xr[k] = (xr[k] - s->mean[k]) * s->inv_std[k];
    }
}

static double fail_nan(double *ga, double *gb)
{
    if (ga) *ga = NAN;
    if (gb) *gb = NAN;
    return NAN;
}

double nn_slice_eval(nn_slice *s, double a, double b, double *ga, double *gb)
{
    if (!s || !isfinite(a) || !isfinite(b)) return fail_nan(ga, gb);
    nn_model *m = s->m;
    float *p = nn_model_params(m);
    for (size_t i = 0; i < s->np; i++)
        p[i] = (float)(s->theta[i] + (a * s->d1[i] + b * s->d2[i]));
    const int want_grad = ga || gb;
    const nn_dataset *ds = s->train;
    const int N = ds->n, n_out = nn_model_n_out(m);
    if (want_grad) nn_model_zero_grad(m);
    double total = 0.0;
    for (int first = 0; first < N; first += s->chunk) {
        const int n = N - first < s->chunk ? N - first : s->chunk;
        nn_dataset_slice(ds, first, n, s->bx, s->by);
        normalise(s, s->bx, n);
        const float *z = nn_model_forward(m, s->bx, n, 0);
        if (!z) {
            nn_set_error(NN_ERR_NOMEM, "slice: out of memory for a batch of %d", n);
            return fail_nan(ga, gb);
        }
        total += nn_loss_eval(s->loss, z, s->by, n, n_out, want_grad ? s->dz : NULL, NULL) * n;
        if (!want_grad) continue;
        /* dz is d(chunk mean)/dz; the whole set's mean weighs the chunk by n / N. */
        if (n != N) {
            const float w = (float)n / (float)N;
            for (size_t k = 0; k < (size_t)n * n_out; k++) s->dz[k] *= w;
        }
        nn_model_backward(m, s->dz);
    }
    /* The L2 term as the trainer adds it: lambda / (2 N) sum ||W||^2, gradient lambda / N W. */
    double sq = 0.0, g1 = 0.0, g2 = 0.0;
    const float *g = nn_model_grads(m);
    for (int i = 0; i < nn_model_layer_count(m); i++) {
        const nn_layer_info li = nn_model_layer(m, i);
        if (li.n_weights == 0) continue;
        const size_t o = li.param_offset, nw = li.n_weights;
        if (s->l2 > 0.0f) sq += nn_dot(p + o, p + o, nw);
        if (!want_grad) continue;
        const double k = s->l2 > 0.0f ? (double)s->l2 / N : 0.0;
        g1 += nn_dot(g + o, s->d1 + o, nw) + (k > 0.0 ? k * nn_dot(p + o, s->d1 + o, nw) : 0.0);
        g2 += nn_dot(g + o, s->d2 + o, nw) + (k > 0.0 ? k * nn_dot(p + o, s->d2 + o, nw) : 0.0);
    }
    if (ga) *ga = g1;
    if (gb) *gb = g2;
    return total / N + (s->l2 > 0.0f ? s->l2 / (2.0 * N) * sq : 0.0);
}

static double slice_fn(void *user, double x, double y, double *gx, double *gy)
{
    return nn_slice_eval(user, x, y, gx, gy);
}

nn_surface nn_slice_surface(nn_slice *s)
{
    return (nn_surface){ .kind = NN_SURF_COUNT, .cond = 0.0f, .fn = slice_fn, .user = s };
}

void nn_slice_view(const nn_slice *s, float view[4])
{
    (void)s;
    view[0] = -1.0f; view[1] = 1.0f; view[2] = -1.0f; view[3] = 1.0f;
}

const float *nn_slice_direction(const nn_slice *s, int k)
{
    return k == 0 ? s->d1 : k == 1 ? s->d2 : NULL;
}
