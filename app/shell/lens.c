/* app/shell/lens.c - the read-only look at the live run (see lens.h). */
#include <math.h>
#include <string.h>

#include "nn/init.h"
#include "nn/loss.h"
#include "shell/lens.h"
#include "shell/session.h"

static const nn_model *model_of(const session *s)
{
    return s->open && s->run.trainer ? nn_trainer_model(s->run.trainer) : NULL;
}

const nn_config  *lens_config(const session *s) { return &s->cfg; }
int               lens_open(const session *s) { return s->open && !s->loading; }
nn_trainer_state  lens_state(const session *s) { return session_state(s); }
const nn_metrics *lens_history(const session *s, int *count) { return session_history(s, count); }
uint64_t          lens_version(const session *s) { return s->version; }

int lens_layer_count(const session *s)
{
    const nn_model *m = model_of(s);
    return m ? nn_model_layer_count(m) : 0;
}

nn_layer_info lens_layer(const session *s, int i)
{
    nn_layer_info li;
    memset(&li, 0, sizeof li);
    const nn_model *m = model_of(s);
    if (m && i >= 0 && i < nn_model_layer_count(m)) li = nn_model_layer(m, i);
    return li;
}

int lens_layer_act(const session *s, int i)
{
    const nn_model *m = model_of(s);
    if (!m || i < 0 || i >= nn_model_layer_count(m)) return -1;
    const nn_layer_desc *d = &nn_model_get_desc(m)->layers[i];
    return d->kind == NN_LAYER_ACT ? (int)d->act : -1;
}

const nn_layer_stats *lens_layer_stats(const session *s, int *count)
{
    int n = 0;
    const nn_layer_stats *st = s->open && s->run.trainer && s->grad_n > 0 ? nn_trainer_layer_stats(s->run.trainer, &n) : NULL;
    if (count) *count = st ? n : 0;
    return st;
}

/* Bin values v[0..n) over [lo, hi] into bins[nb], the ends taking what lies outside. */
static int bin(const float *v, size_t n, float lo, float hi, int *bins, int nb)
{
    if (nb <= 0) return 0;
    memset(bins, 0, (size_t)nb * sizeof *bins);
    if (!(hi > lo)) return 0;
    int counted = 0;
    for (size_t j = 0; j < n; j++) {
        if (!isfinite(v[j])) continue;
        int b = (int)floorf((v[j] - lo) / (hi - lo) * (float)nb);
        if (b < 0) b = 0;
        if (b >= nb) b = nb - 1;
        bins[b]++;
        counted++;
    }
    return counted;
}

int lens_weight_histogram(const session *s, int i, float lo, float hi, int *bins, int n)
{
    const nn_layer_info li = lens_layer(s, i);
    if (!model_of(s) || li.n_weights == 0) { if (n > 0) memset(bins, 0, (size_t)n * sizeof *bins); return 0; }
    return bin(nn_model_params(nn_trainer_model(s->run.trainer)) + li.param_offset, li.n_weights, lo, hi, bins, n);
}

int lens_grad_histogram(const session *s, int i, float lo, float hi, int *bins, int n)
{
    const nn_layer_info li = lens_layer(s, i);
    if (!model_of(s) || li.n_weights == 0 || s->grad_n == 0) {
        if (n > 0) memset(bins, 0, (size_t)n * sizeof *bins);
        return 0;
    }
    return bin(nn_model_grads(nn_trainer_model(s->run.trainer)) + li.param_offset, li.n_weights, lo, hi, bins, n);
}

float lens_weight_absmax(const session *s, int i)
{
    const nn_layer_info li = lens_layer(s, i);
    if (!model_of(s) || li.n_weights == 0) return 0.0f;
    const float *w = nn_model_params(nn_trainer_model(s->run.trainer)) + li.param_offset;
    float m = 0.0f;
    for (size_t j = 0; j < li.n_weights; j++) if (isfinite(w[j]) && fabsf(w[j]) > m) m = fabsf(w[j]);
    return m;
}

double lens_init_std(const session *s, int i)
{
    const nn_model *m = model_of(s);
    if (!m || i < 0 || i >= nn_model_layer_count(m)) return 0.0;
    const nn_layer_desc *d = &nn_model_get_desc(m)->layers[i];
    const nn_layer_info li = nn_model_layer(m, i);
    if (d->kind != NN_LAYER_DENSE || li.n_weights == 0) return 0.0;
    return nn_init_std(d->init, li.in.c * li.in.h * li.in.w, li.out.c);
}

int lens_batchnorm(const session *s, int i, const float **batch_mean, const float **batch_var,
                   const float **run_mean, const float **run_var, const float **gamma, const float **beta)
{
    const nn_model *m = model_of(s);
    if (!m || i < 0 || i >= nn_model_layer_count(m)) return 0;
    const int n = nn_model_batchnorm_stats(m, i, batch_mean, batch_var, run_mean, run_var);
    if (n <= 0) return 0;
    /* The layer's slice starts with gamma (n), then beta (n) (layer_batchnorm.c). */
    const float *p = nn_model_params(nn_trainer_model(s->run.trainer)) + nn_model_layer(m, i).param_offset;
    *gamma = p;
    *beta = p + n;
    return n;
}

int lens_dropped(const session *s, const unsigned char **off)
{
    *off = s->dropped;
    return s->open ? s->n_neurons : 0;
}

int lens_grad_count(const session *s) { return s->grad_ring ? s->grad_n : 0; }

/* Record k's slot in the ring. */
static int slot_of(const session *s, int k)
{
    return s->grad_n < SESSION_GRAD_RING ? k : (s->grad_head + k) % SESSION_GRAD_RING;
}

double lens_grad_norm(const session *s, int k, int i)
{
    if (k < 0 || k >= lens_grad_count(s) || i < 0 || i >= s->grad_layers) return 0.0;
    return s->grad_ring[(size_t)slot_of(s, k) * SESSION_GRAD_LAYERS + i];
}

long lens_grad_step(const session *s, int k)
{
    if (k < 0 || k >= lens_grad_count(s)) return 0;
    return s->grad_step[slot_of(s, k)];
}

const float *lens_weights(const session *s, int i, int *rows, int *cols, const float **bias)
{
    *rows = *cols = 0;
    if (bias) *bias = NULL;
    const nn_model *m = model_of(s);
    const nn_layer_info li = lens_layer(s, i);
    if (!m || li.kind != NN_LAYER_DENSE || li.n_weights == 0 || li.out.c <= 0) return NULL;
    /* layer_dense.c: W (units, n_in) row-major, then the biases (units) unless no_bias */
    const float *w = nn_model_params(nn_trainer_model(s->run.trainer)) + li.param_offset;
    *rows = li.out.c;
    *cols = (int)(li.n_weights / (size_t)li.out.c);
    if (bias && li.n_params >= li.n_weights + (size_t)li.out.c) *bias = w + li.n_weights;
    return w;
}

int lens_batch(const session *s, const float **x, const int **index, nn_shape *shape)
{
    int n = 0;
    const float *b = s->open && s->run.trainer ? nn_trainer_kept_batch(s->run.trainer, &n, index) : NULL;
    if (!b) { n = 0; if (index) *index = NULL; }
    *x = b;
    if (shape) *shape = s->run.train.shape;
    return n;
}

const nn_dataset *lens_train_set(const session *s) { return lens_open(s) ? &s->run.train : NULL; }
const float *lens_weight_grads(const session *s, int i, size_t *n)
{
    *n = 0;
    const nn_layer_info li = lens_layer(s, i);
    if (!model_of(s) || li.n_weights == 0 || s->grad_n == 0) return NULL;
    *n = li.n_weights;
    return nn_model_grads(nn_trainer_model(s->run.trainer)) + li.param_offset;
}

int lens_error_signal(const session *s, int i, const float **v)
{
    *v = NULL;
    if (!model_of(s) || s->grad_n == 0) return 0;
    int n = 0;
    *v = nn_trainer_error_signal(s->run.trainer, i, &n);
    return *v ? n : 0;
}

int lens_loss(const session *s)
{
    const nn_model *m = model_of(s);
    return m ? (int)nn_model_get_desc(m)->loss : -1;
}

int lens_outputs(const session *s)
{
    const nn_model *m = model_of(s);
    return m ? nn_model_n_out(m) : 0;
}

const nn_dataset *lens_examples(const session *s)
{
    if (!lens_open(s) || !model_of(s)) return NULL;
    return s->run.dev.n > 0 ? &s->run.dev : &s->run.train;
}

const float *lens_logits(const session *s, const float *x, int n)
{
    if (!lens_open(s) || !model_of(s) || n < 1) return NULL;
    return nn_trainer_predict(s->run.trainer, x, n);
}

const float *lens_plane_logits(const session *s, int *n_out, float lo[2], float hi[2])
{
    if (!lens_open(s) || !s->outputs || !s->out || s->probe_version != s->version) return NULL;
    if (n_out) *n_out = s->n_outputs;
    for (int j = 0; j < 2; j++) { lo[j] = s->lo[j]; hi[j] = s->hi[j]; }
    return s->outputs;
}

uint64_t lens_run_id(const session *s) { return s->run_id; }
