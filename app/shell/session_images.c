/* app/shell/session_images.c - opening a run on a worker thread (see session.h).
 *
 * Loading Fashion-MNIST takes up to a second (decompressing 30 MB), and a new
 * network measures itself on the three sets before its first update. The
 * worker does both; the frame loop keeps drawing and reads the progress.
 * The worker touches only its own loader: the configuration is copied in, and
 * after the join the UI thread takes the run. The run is opened in a heap
 * block that stays put (the trainer keeps pointers to the data sets in it):
 * the session copies it into s->run and frees the block when the run closes.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn/status.h"
#include "shell/session.h"

typedef struct session_loader {
    pthread_t       thread;
    nn_config       cfg;
    nn_run         *run;            /* heap: stays where the trainer saw it */
    int             reuse;          /* run already holds the images: build the trainer only */
    int             rc;
    char            error[256];
    pthread_mutex_t lock;           /* guards progress and stage */
    float           progress;
    char            stage[96];
    atomic_int      done;
} session_loader;

static void report(session_loader *L, float done, const char *stage)
{
    pthread_mutex_lock(&L->lock);
    L->progress = done;
    snprintf(L->stage, sizeof L->stage, "%s", stage ? stage : "");
    pthread_mutex_unlock(&L->lock);
}

/* The loader's own progress (0..1) maps to 0..0.9: building the network and
 * measuring it on the three sets is the last tenth. */
static void on_progress(void *arg, float done, const char *stage)
{
    report(arg, 0.9f * done, stage);
}

static void *load_main(void *arg)
{
    session_loader *L = arg;
    const nn_run_opts o = { .progress = on_progress, .progress_arg = L };
    int rc = NN_OK;
    if (!L->reuse) rc = nn_run_open_data(L->run, &L->cfg, &o);
    if (rc == NN_OK) {
        report(L, 0.9f, "building the network");
        rc = nn_run_open_trainer(L->run, &L->cfg, NULL, &o);
    }
    if (rc != NN_OK) snprintf(L->error, sizeof L->error, "%s", nn_last_error());
    L->rc = rc;
    report(L, 1.0f, rc == NN_OK ? "done" : "failed");
    atomic_store(&L->done, 1);
    return NULL;
}

int session__start_loader(session *s, nn_run *data)
{
    session_loader *L = calloc(1, sizeof *L);
    if (L) L->run = calloc(1, sizeof *L->run);
    if (!L || !L->run) { free(L); return -1; }
    L->cfg = s->cfg;
    if (data) {
        *L->run = *data;
        L->run->notice[0] = '\0';     /* already shown when the images were loaded */
        L->reuse = 1;
    }
    atomic_init(&L->done, 0);
    pthread_mutex_init(&L->lock, NULL);
    snprintf(L->stage, sizeof L->stage, "%s", data ? "building the network" : "starting");
    if (pthread_create(&L->thread, NULL, load_main, L) != 0) {
        pthread_mutex_destroy(&L->lock);
        free(L->run);
        free(L);
        return -1;
    }
    if (data) memset(data, 0, sizeof *data);
    s->loader = L;
    s->loading = 1;
    return 0;
}

int session__take_loader(session *s, int wait, nn_run **home, int *rc, char *err, int err_len)
{
    session_loader *L = s->loader;
    if (!L || (!wait && !atomic_load(&L->done))) return 0;
    pthread_join(L->thread, NULL);
    *home = L->run;
    *rc = L->rc;
    snprintf(err, (size_t)err_len, "%s", L->error);
    pthread_mutex_destroy(&L->lock);
    free(L);
    s->loader = NULL;
    s->loading = 0;
    return 1;
}

void session__drop_loader(session *s)
{
    nn_run *home;
    int rc;
    char err[256];
    if (!session__take_loader(s, 1, &home, &rc, err, sizeof err)) return;
    if (rc == NN_OK) nn_run_close(home);
    free(home);
}

int session_loading(session *s, float *progress, char *stage, int len)
{
    session_loader *L = s->loader;
    if (progress) *progress = 0.0f;
    if (stage && len > 0) stage[0] = '\0';
    if (!L) return 0;
    pthread_mutex_lock(&L->lock);
    if (progress) *progress = L->progress;
    if (stage && len > 0) snprintf(stage, (size_t)len, "%s", L->stage);
    pthread_mutex_unlock(&L->lock);
    return 1;
}

int session__same_images(const nn_config *a, const nn_config *b)
{
    const nn_config_images *x = &a->images, *y = &b->images;
    return x->on && y->on && x->kind == y->kind && strcmp(x->dir, y->dir) == 0 &&
           x->train_limit == y->train_limit && x->dev_size == y->dev_size &&
           x->n_subset == y->n_subset && memcmp(x->subset, y->subset, sizeof x->subset) == 0 &&
           a->data.seed == b->data.seed;
}
