/* app/shell/net_slice.c - the Playground's network sliced for the surface lab (see net_slice.h). */
#include "shell/net_slice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn/slice.h"
#include "nn/status.h"

typedef struct held { nn_slice *slice; nn_dataset data; } held;

struct app_net_slices {
    held  *slot[2];          /* [0] the current slice, [1] the one before; on the heap: a
                                slice borrows its data set by address */
    char   note[128];
};

static void drop(held *h)
{
    if (!h) return;
    nn_slice_destroy(h->slice);
    nn_dataset_free(&h->data);
    free(h);
}

/* The first n examples of src, copied. */
static int copy_head(const nn_dataset *src, int n, nn_dataset *out)
{
    *out = *src;
    out->n = n;
    out->x = NULL;
    out->x8 = NULL;
    out->y = NULL;
    const size_t xs = (size_t)n * (size_t)src->d, ys = (size_t)n * (size_t)src->y_dim;
    if (src->x && !(out->x = nn_alloc(xs * sizeof *out->x))) return NN_ERR_NOMEM;
    if (src->x8 && !(out->x8 = nn_alloc(xs))) { nn_dataset_free(out); return NN_ERR_NOMEM; }
    if (!(out->y = nn_alloc(ys * sizeof *out->y))) { nn_dataset_free(out); return NN_ERR_NOMEM; }
    if (src->x) memcpy(out->x, src->x, xs * sizeof *out->x);
    if (src->x8) memcpy(out->x8, src->x8, xs);
    memcpy(out->y, src->y, ys * sizeof *out->y);
    return NN_OK;
}

static int provide(void *user, nn_surface *surf, float view[4])
{
    app *a = user;
    session *s = &a->s;
    if (!s->open || !s->run.trainer || s->run.train.n < 1)
        return nn_set_error(NN_ERR_ARG, s->loading ? "the Playground's data are still loading; try again in a moment"
                                                    : "the Playground has no network (its settings cannot be built)");
    if (!a->net_slices && !(a->net_slices = calloc(1, sizeof *a->net_slices)))
        return nn_set_error(NN_ERR_NOMEM, "out of memory");
    struct app_net_slices *S = a->net_slices;
    const nn_dataset *train = &s->run.train;
    const int n = train->n < NET_SLICE_MAX_EXAMPLES ? train->n : NET_SLICE_MAX_EXAMPLES;
    held *h = calloc(1, sizeof *h);
    if (!h || copy_head(train, n, &h->data) != NN_OK) {
        free(h);
        return nn_set_error(NN_ERR_NOMEM, "out of memory copying the training set");
    }
    h->slice = nn_slice_create(s->run.trainer, &h->data, NET_SLICE_SEED);
    if (!h->slice) {
        char why[200];
        snprintf(why, sizeof why, "%s", nn_last_error());
        drop(h);
        return nn_set_error(NN_ERR_ARG, "%s", why);
    }
    drop(S->slot[1]);
    S->slot[1] = S->slot[0];
    S->slot[0] = h;
    if (n < train->n) snprintf(S->note, sizeof S->note, "the loss on the first %d of %d training examples", n, train->n);
    else S->note[0] = '\0';
    *surf = nn_slice_surface(h->slice);
    nn_slice_view(h->slice, view);
    return NN_OK;
}

void net_slice_attach(app *a)
{
    a->slab.network_slice = provide;
    a->slab.network_user = a;
}

void net_slice_free(app *a)
{
    struct app_net_slices *S = a->net_slices;
    if (!S) return;
    drop(S->slot[0]);
    drop(S->slot[1]);
    free(S);
    a->net_slices = NULL;
}

const char *net_slice_note(const app *a)
{
    return a->net_slices ? a->net_slices->note : "";
}
