/* app/shell/session.c - the live run behind the program (see session.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nn/modelio.h"
#include "nn/status.h"
#include "shell/session.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Fold the trainer's new history rows into the bounded curves. */
static void follow_history(session *s)
{
    if (!s->open) return;
    int n;
    const nn_metrics *h = nn_trainer_history(s->run.trainer, &n);
    const int last = curve_set_last_epoch(&s->curve);
    int i = n;
    while (i > 0 && h[i - 1].epoch > last) i--;
    for (; i < n; i++) curve_set_add(&s->curve, &h[i]);
}

/* The run just (re)started: its curves begin again at row 0, its gradient record empty. */
static void restart_history(session *s)
{
    curve_set_clear(&s->curve);
    follow_history(s);
    s->grad_head = s->grad_n = 0;
    s->grad_layers = s->open ? nn_model_layer_count(nn_trainer_model(s->run.trainer)) : 0;
    if (s->grad_layers > SESSION_GRAD_LAYERS) s->grad_layers = SESSION_GRAD_LAYERS;
}

/* After an update: its per-layer gradient norms into the ring. */
static void record_grads(session *s)
{
    if (!s->grad_ring || !s->grad_step) return;
    int n;
    const nn_layer_stats *st = nn_trainer_layer_stats(s->run.trainer, &n);
    const int slot = s->grad_n < SESSION_GRAD_RING ? s->grad_n : s->grad_head;
    float *row = s->grad_ring + (size_t)slot * SESSION_GRAD_LAYERS;
    for (int i = 0; i < SESSION_GRAD_LAYERS; i++) row[i] = i < n && i < s->grad_layers ? (float)st[i].grad_norm : 0.0f;
    s->grad_step[slot] = nn_trainer_state_get(s->run.trainer).steps;
    if (s->grad_n < SESSION_GRAD_RING) s->grad_n++;
    else s->grad_head = (s->grad_head + 1) % SESSION_GRAD_RING;
}

/* Keep the finished run's curves as "previous" (when it trained at all). */
static void keep_previous(session *s)
{
    if (!s->open) return;
    follow_history(s);
    const int n = s->curve.n;
    if (n < 2) return;
    nn_metrics *copy = malloc((size_t)n * sizeof *copy);
    if (!copy) return;
    memcpy(copy, s->curve.rows, (size_t)n * sizeof *copy);
    free(s->prev);
    s->prev = copy;
    s->prev_n = n;
    /* its weights too: the ones L2 decays, every layer's in turn */
    const nn_model *m = nn_trainer_model(s->run.trainer);
    const float *w = nn_model_params((nn_model *)m);
    size_t total = 0;
    for (int i = 0; i < nn_model_layer_count(m); i++) total += nn_model_layer(m, i).n_weights;
    float *kept = total ? malloc(total * sizeof *kept) : NULL;
    free(s->prev_w);
    s->prev_w = kept;
    s->prev_w_n = 0;
    s->prev_l2 = s->run.trainer ? nn_trainer_desc(s->run.trainer)->l2 : 0.0f;
    if (!kept) return;
    for (int i = 0; i < nn_model_layer_count(m); i++) {
        const nn_layer_info li = nn_model_layer(m, i);
        memcpy(kept + s->prev_w_n, w + li.param_offset, li.n_weights * sizeof *kept);
        s->prev_w_n += (int)li.n_weights;
    }
}

static void free_probes(session *s)
{
    free(s->out); free(s->cls); free(s->neurons); free(s->grid_xy); free(s->outputs);
    s->out = s->neurons = s->grid_xy = s->outputs = NULL;
    s->cls = NULL;
    s->n_neurons = s->n_outputs = 0;
    s->n_curve = 0;
}

static void close_run(session *s)
{
    if (s->open) nn_run_close(&s->run);
    s->open = 0;
    free(s->run_home);         /* after the trainer that pointed into it */
    s->run_home = NULL;
    free_probes(s);
}

/* A new notice from opening data: kept for the app to show once. */
static void take_notice(session *s)
{
    if (!s->run.notice[0]) return;
    snprintf(s->notice, sizeof s->notice, "%s", s->run.notice);
    s->notice_id++;
}

/* The run in s->run has just opened: the probes' plane (2-D data) or the
 * curve's range (1-D regression). Image data get neither. */
static void install_run(session *s)
{
    s->open = 1;
    nn_trainer_set_history_limit(s->run.trainer, SESSION_HISTORY_ROWS);
    restart_history(s);
    s->version++;
    s->run_id++;
    s->t_step = s->t_epoch_end = 0;
    memset(s->dropped, 0, sizeof s->dropped);
    /* Image runs keep what the network receives of each batch (the augment view
     * shows it): one copy of 32 images per update, out of memory = none. */
    if (s->run.train.shape.h > 1) nn_trainer_keep_batch(s->run.trainer, SESSION_BATCH_KEEP);
    if (s->run.train.d == 1) {
        float lo = INFINITY, hi = -INFINITY;
        for (int i = 0; i < s->run.train.n; i++) {
            lo = fminf(lo, s->run.train.x[i]);
            hi = fmaxf(hi, s->run.train.x[i]);
        }
        s->lo[0] = lo; s->hi[0] = hi;
        s->n_curve = SESSION_CURVE;
        for (int i = 0; i < SESSION_CURVE; i++) s->curve_x[i] = lo + (hi - lo) * i / (SESSION_CURVE - 1);
        s->probe_version = 0;
        return;
    }
    if (s->run.train.d != 2 || !s->run.train.x) return;
    /* The plane: the training data's bounds, squared, with a 10% margin. */
    float lo[2] = { INFINITY, INFINITY }, hi[2] = { -INFINITY, -INFINITY };
    const nn_dataset *sets[3] = { &s->run.train, &s->run.dev, &s->run.test };
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < sets[k]->n; i++)
            for (int j = 0; j < 2; j++) {
                const float v = sets[k]->x[2 * i + j];
                if (v < lo[j]) lo[j] = v;
                if (v > hi[j]) hi[j] = v;
            }
    const float half = 0.55f * fmaxf(hi[0] - lo[0], hi[1] - lo[1]);
    for (int j = 0; j < 2; j++) {
        const float c = 0.5f * (lo[j] + hi[j]);
        s->lo[j] = c - half;
        s->hi[j] = c + half;
    }
    const nn_model *m = nn_trainer_model(s->run.trainer);
    for (int i = 0; i < nn_model_layer_count(m) && s->n_neurons < SESSION_MAX_NEURONS; i++) {
        const nn_layer_info li = nn_model_layer(m, i);
        if (li.kind != NN_LAYER_ACT) continue;
        for (int u = 0; u < li.out.c && s->n_neurons < SESSION_MAX_NEURONS; u++)
            s->neuron_layer[s->n_neurons++] = i;
    }
    const size_t cells = (size_t)SESSION_GRID * SESSION_GRID;
    s->out = calloc(cells, sizeof *s->out);
    s->cls = calloc(cells, sizeof *s->cls);
    s->neurons = calloc(cells * (size_t)(s->n_neurons ? s->n_neurons : 1), sizeof *s->neurons);
    s->grid_xy = calloc(cells * 2, sizeof *s->grid_xy);
    s->n_outputs = nn_model_n_out(m);
    s->outputs = calloc(cells * (size_t)s->n_outputs, sizeof *s->outputs);
    if (!s->out || !s->cls || !s->neurons || !s->grid_xy || !s->outputs) free_probes(s);
    s->probe_version = 0;
}

static void open_failed(session *s, const char *why)
{
    snprintf(s->error, sizeof s->error, "%s", why);
    s->playing = 0;
}

/* Open s->cfg here and now; `data` (may be NULL): images to reuse (moved in). */
static void open_run(session *s, nn_run *data)
{
    s->error[0] = '\0';
    s->data_cfg = s->cfg;
    int rc;
    if (data) {
        s->run = *data;
        memset(data, 0, sizeof *data);
        rc = nn_run_open_trainer(&s->run, &s->cfg, NULL, NULL);
    } else {
        rc = nn_run_open(&s->run, &s->cfg);
        take_notice(s);
    }
    if (rc != NN_OK) { open_failed(s, nn_last_error()); return; }
    install_run(s);
}

/* Install what the worker opened. */
static void finish_load(session *s, int wait)
{
    nn_run *home;
    int rc;
    char err[256];
    if (!session__take_loader(s, wait, &home, &rc, err, sizeof err)) return;
    s->run = *home;                      /* a copy: the trainer keeps using the sets in home */
    take_notice(s);
    if (rc != NN_OK) {                   /* the engine closed the run */
        free(home);
        memset(&s->run, 0, sizeof s->run);
        open_failed(s, err);
        return;
    }
    s->run_home = home;
    install_run(s);
}

void session_poll(session *s) { if (s->loader) finish_load(s, 0); }
void session_wait(session *s) { if (s->loader) finish_load(s, 1); }

void session_init(session *s, const nn_config *c)
{
    memset(s, 0, sizeof *s);
    s->cfg = *c;
    /* The engine's pool, one thread per processor (as nnlab-train): an update
     * on images takes about half the time on two cores, so more of them fit
     * in a frame's budget. A toy network's update is too little work to split
     * and stays on this thread, bit for bit as with one. The headless lesson
     * runner does the same (lesson/lesson_run.c); race lanes keep one each. */
    s->cfg.train.threads = -1;
    s->speed = 8;
    s->cfg.train.capture_stats = 2;   /* every update's per-layer statistics, for the lenses */
    s->grad_ring = malloc((size_t)SESSION_GRAD_RING * SESSION_GRAD_LAYERS * sizeof *s->grad_ring);
    s->grad_step = malloc((size_t)SESSION_GRAD_RING * sizeof *s->grad_step);
    curve_set_init(&s->curve);   /* out of memory: no curves drawn, training goes on */
    open_run(s, NULL);
}

void session_free(session *s)
{
    session__drop_loader(s);
    close_run(s);
    free(s->prev);
    s->prev = NULL;
    free(s->prev_w);
    s->prev_w = NULL;
    free(s->grad_ring);
    free(s->grad_step);
    s->grad_ring = NULL;
    s->grad_step = NULL;
    curve_set_free(&s->curve);
}

/* Close the run and open s->cfg again: image data that did not change are
 * kept; in the background (image data only) on the worker thread. */
static void rebuild(session *s, int background)
{
    session_wait(s);
    keep_previous(s);
    nn_run data;
    const int reuse = s->open && session__same_images(&s->data_cfg, &s->cfg);
    if (reuse) {
        /* The trainer borrows the sets: destroy it first, then move them out. */
        nn_trainer_destroy(s->run.trainer);
        s->run.trainer = NULL;
        data = s->run;
        memset(&s->run, 0, sizeof s->run);
    }
    close_run(s);
    s->error[0] = '\0';
    if (background && nn_config_is_images(&s->cfg)) {
        s->data_cfg = s->cfg;
        if (session__start_loader(s, reuse ? &data : NULL) == 0) return;
    }
    open_run(s, reuse ? &data : NULL);
}

int session_apply(session *s, const char *const *names, const char *const *values, int n, int background)
{
    if (background && s->loading)
        return nn_set_error(NN_ERR_ARG, "%s", "the images are still loading: try again in a moment");
    if (!background) session_wait(s);
    nn_config c = s->cfg;
    int in_place = 1;      /* only the learning rate or the epoch count changed */
    for (int i = 0; i < n; i++) {
        if (nn_config_set(&c, names[i], values[i], NULL) != NN_OK) return NN_ERR_ARG;
        in_place &= strcmp(names[i], "lr") == 0 || strcmp(names[i], "epochs") == 0;
    }
    s->cfg = c;
    if (in_place && s->open) {
        nn_trainer_set_lr(s->run.trainer, c.train.lr);
        return NN_OK;
    }
    if (in_place && n == 1 && strcmp(names[0], "epochs") == 0) return NN_OK;
    rebuild(s, background);
    return NN_OK;
}

int session_set(session *s, const char *name, const char *value)
{
    return session_apply(s, &name, &value, 1, 0);
}

int session_set_async(session *s, const char *name, const char *value)
{
    return session_apply(s, &name, &value, 1, 1);
}

void session_reset(session *s)
{
    if (s->loading) return;
    if (!s->open) { rebuild(s, 0); return; }
    keep_previous(s);
    nn_trainer_reset(s->run.trainer);
    restart_history(s);
    s->version++;
}

static void new_seed(session *s, int background)
{
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)(s->cfg.train.seed + 1));
    const char *name = "seed", *value = seed;
    session_apply(s, &name, &value, 1, background);
}

void session_new_seed(session *s)       { new_seed(s, 0); }
void session_new_seed_async(session *s) { new_seed(s, 1); }

/* After a training step: which thumbnail neurons dropout switched off for
 * the batch's first example (a dropout layer follows its activation layer). */
static void capture_dropout(session *s)
{
    const nn_model *m = nn_trainer_model(s->run.trainer);
    for (int k = 0; k < s->n_neurons;) {
        const int layer = s->neuron_layer[k], width = nn_model_layer(m, layer).out.c;
        int rows = 0;
        const uint8_t *mask = layer + 1 < nn_model_layer_count(m)
                            ? nn_model_dropout_mask(m, layer + 1, &rows) : NULL;
        for (int u = 0; u < width && k < s->n_neurons; u++, k++) s->dropped[k] = mask && rows ? !mask[u] : 0;
    }
}

int session_step(session *s)
{
    if (!s->open) return NN_ERR_ARG;
    const int rc = nn_trainer_step(s->run.trainer);
    if (rc == NN_OK) { capture_dropout(s); record_grads(s); }
    follow_history(s);
    s->version++;
    if (rc != NN_OK) s->playing = 0;
    return rc;
}

int session_epoch(session *s)
{
    if (!s->open) return NN_ERR_ARG;
    /* nn_trainer_epoch's loop, recording each update's gradient norms */
    nn_trainer *t = s->run.trainer;
    const int e = nn_trainer_state_get(t).epoch;
    int rc = NN_OK;
    while (rc == NN_OK && nn_trainer_state_get(t).epoch == e && !nn_trainer_state_get(t).stopped) {
        rc = nn_trainer_step(t);
        if (rc == NN_OK) record_grads(s);
    }
    if (rc == NN_OK) capture_dropout(s);
    follow_history(s);
    s->version++;
    if (rc != NN_OK) s->playing = 0;
    return rc;
}

int session_advance(session *s, double budget_s)
{
    session_poll(s);
    if (!s->open || !s->playing) return 0;
    const double t0 = now_s();
    int n = 0;
    while (n < s->speed) {
        const nn_trainer_state st = nn_trainer_state_get(s->run.trainer);
        const int ends_epoch = st.batch_in_epoch + 1 >= st.batches_per_epoch;
        const double spent = now_s() - t0, cost = ends_epoch ? s->t_epoch_end : s->t_step;
        if (n > 0 && (spent >= budget_s || spent + cost > budget_s)) break;
        const double t = now_s();
        if (session_step(s) != NN_OK) break;
        const double took = now_s() - t;
        /* Costs move with the machine's load: a running average, quick to rise. */
        double *est = ends_epoch ? &s->t_epoch_end : &s->t_step;
        *est = *est <= 0 || took > *est ? took : 0.8 * *est + 0.2 * took;
        n++;
    }
    return n;
}

void session_probe(session *s)
{
    if (!s->open || s->probe_version == s->version) return;
    if (s->n_curve > 0) {
        const float *z = nn_trainer_predict(s->run.trainer, s->curve_x, s->n_curve);
        if (z) for (int i = 0; i < s->n_curve; i++) s->curve_y[i] = z[i];
        s->probe_version = s->version;
        return;
    }
    if (!s->out) return;
    enum { G = SESSION_GRID };
    float *xy = s->grid_xy;
    for (int r = 0; r < G; r++)
        for (int c = 0; c < G; c++) {
            /* Row 0 is the top of the picture: the largest y. */
            xy[2 * (r * G + c)] = s->lo[0] + (s->hi[0] - s->lo[0]) * (c + 0.5f) / G;
            xy[2 * (r * G + c) + 1] = s->hi[1] - (s->hi[1] - s->lo[1]) * (r + 0.5f) / G;
        }
    nn_trainer *t = s->run.trainer;
    nn_model *m = nn_trainer_model(t);
    const float *z = nn_trainer_predict(t, xy, G * G);
    if (!z) return;
    const nn_loss loss = nn_model_get_desc(m)->loss;
    const int n_out = nn_model_n_out(m);
    float p[64];
    for (int o = 0; o < s->n_outputs; o++)
        for (int i = 0; i < G * G; i++) s->outputs[(size_t)o * G * G + i] = z[(size_t)i * n_out + o];
    for (int i = 0; i < G * G; i++) {
        const float *zi = z + (size_t)i * n_out;
        if (loss == NN_LOSS_BCE) {
            s->out[i] = 1.0f / (1.0f + expf(-zi[0]));
            s->cls[i] = zi[0] > 0.0f;
        } else if (loss == NN_LOSS_SOFTMAX && n_out <= 64) {
            nn_softmax(zi, p, n_out);
            s->cls[i] = nn_loss_predict(loss, zi, n_out);
            s->out[i] = p[s->cls[i]];
        } else {
            s->out[i] = zi[0];
            s->cls[i] = 0;
        }
    }
    /* Hidden neurons: activation k of its layer, for every grid point. */
    int k = 0;
    while (k < s->n_neurons) {
        const int layer = s->neuron_layer[k];
        const int width = nn_model_layer(m, layer).out.c;
        if (width <= 0) break;   /* cannot happen for a built model; never loop on it */
        int rows;
        const float *a = nn_model_activation(m, layer, &rows);
        for (int u = 0; u < width && k < s->n_neurons; u++, k++)
            for (int i = 0; i < G * G; i++) s->neurons[(size_t)k * G * G + i] = a[(size_t)i * width + u];
    }
    s->probe_version = s->version;
}

const nn_metrics *session_history(const session *s, int *count)
{
    *count = s->open ? s->curve.n : 0;
    return *count ? s->curve.rows : NULL;
}

nn_trainer_state session_state(const session *s)
{
    nn_trainer_state st;
    memset(&st, 0, sizeof st);
    return s->open ? nn_trainer_state_get(s->run.trainer) : st;
}

/* ---- the trained network on disk (session.h) ---- */

int session_save_network(session *s, const char *path)
{
    if (!s->open) return nn_set_error(NN_ERR_ARG, "no network to save: %s", s->loading ? "the images are still loading"
                                                                       : s->error[0] ? s->error : "no run");
    const float *mean, *inv;
    const int n_norm = nn_trainer_normalisation(s->run.trainer, &mean, &inv);
    const nn_model_extras ex = { .mean = mean, .inv_std = inv, .n_norm = n_norm,
                                 .class_names = s->run.train.class_names, .classes = s->run.train.classes };
    return nn_model_save(path, nn_trainer_model(s->run.trainer), &ex);
}

/* "3 layers (dense 8, tanh, dense 1), 33 weights, 2 inputs" */
static void describe(const nn_model *m, char *buf, size_t n)
{
    const nn_model_desc *d = nn_model_get_desc(m);
    size_t used = (size_t)snprintf(buf, n, "%d inputs, layers", d->in.c * d->in.h * d->in.w);
    for (int i = 0; i < nn_model_layer_count(m) && used < n; i++) {
        const nn_layer_info l = nn_model_layer(m, i);
        used += (size_t)snprintf(buf + used, n - used, "%s %s", i ? "," : "", l.name);
        if (d->layers[i].units > 0 && used < n) used += (size_t)snprintf(buf + used, n - used, " %d", d->layers[i].units);
    }
    if (used < n) snprintf(buf + used, n - used, ", %zu parameters", nn_model_param_count(m));
}

static int same_network(const nn_model *a, const nn_model *b)
{
    const nn_model_desc *x = nn_model_get_desc(a), *y = nn_model_get_desc(b);
    if (x->in.c != y->in.c || x->in.h != y->in.h || x->in.w != y->in.w || x->n_layers != y->n_layers ||
        nn_model_param_count(a) != nn_model_param_count(b))
        return 0;
    for (int i = 0; i < x->n_layers; i++) {
        const nn_layer_desc *p = &x->layers[i], *q = &y->layers[i];
        if (p->kind != q->kind || p->units != q->units || p->act != q->act || p->kernel != q->kernel ||
            p->stride != q->stride || p->pad != q->pad || p->no_bias != q->no_bias)
            return 0;
    }
    return 1;
}

int session_load_network(session *s, const char *path)
{
    if (s->loading) return nn_set_error(NN_ERR_ARG, "the images are still loading: try again in a moment");
    if (!s->open) return nn_set_error(NN_ERR_ARG, "no run to load the network into: %s", s->error);
    nn_saved_model saved = { 0 };
    if (nn_model_load(path, &saved) != NN_OK) return NN_ERR_IO;
    nn_model *m = nn_trainer_model(s->run.trainer);
    const float *mean, *inv;
    const int n_norm = nn_trainer_normalisation(s->run.trainer, &mean, &inv);
    int rc = NN_OK;
    if (!same_network(saved.model, m)) {
        char have[300], want[300];
        describe(saved.model, have, sizeof have);
        describe(m, want, sizeof want);
        rc = nn_set_error(NN_ERR_ARG, "%s does not fit the Playground: it holds %s; the Playground's network has %s "
                                      "(open the setup it was trained with first)", path, have, want);
    } else if (saved.n_norm != n_norm) {
        rc = nn_set_error(NN_ERR_ARG, "%s was trained %s input normalization: turn normalize %s first", path,
                          saved.n_norm ? "with" : "without", saved.n_norm ? "on" : "off");
    } else {
        keep_previous(s);
        rc = nn_trainer_load_params(s->run.trainer, nn_model_params(saved.model), nn_model_param_count(m));
        restart_history(s);
        s->version++;
    }
    nn_saved_model_free(&saved);
    return rc;
}
