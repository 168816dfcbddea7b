/* app/shell/curve_set.c - a trainer's history, bounded for drawing (see curve_set.h). */
#include "shell/curve_set.h"

#include <math.h>
#include <stdlib.h>

int curve_set_init(curve_set *c)
{
    c->rows = malloc(2 * CURVES_BUCKETS * sizeof *c->rows);
    c->n = 0;
    c->stride = 1;
    return c->rows ? 0 : -1;
}

void curve_set_free(curve_set *c)
{
    free(c->rows);
    c->rows = NULL;
    c->n = 0;
}

void curve_set_clear(curve_set *c)
{
    c->n = 0;
    c->stride = 1;
}

int curve_set_last_epoch(const curve_set *c) { return c->n ? c->rows[c->n - 1].epoch : -1; }

static double lower(double a, double b)  { return isnan(a) || isnan(b) ? NAN : a < b ? a : b; }
static double higher(double a, double b) { return isnan(a) || isnan(b) ? NAN : a > b ? a : b; }

/* lo and hi become the field-wise minimum and maximum of themselves and m. */
static void widen(nn_metrics *lo, nn_metrics *hi, const nn_metrics *m)
{
#define RANGE(f, lo_fn, hi_fn) do { lo->f = lo_fn(lo->f, m->f); hi->f = hi_fn(hi->f, m->f); } while (0)
#define INT_RANGE(f) do { if (m->f < lo->f) lo->f = m->f; if (m->f > hi->f) hi->f = m->f; } while (0)
    INT_RANGE(epoch);
    INT_RANGE(steps);
    INT_RANGE(examples);
    lo->lr = (float)lower(lo->lr, m->lr);
    hi->lr = (float)higher(hi->lr, m->lr);
    RANGE(train_loss, lower, higher);
    RANGE(train_acc, lower, higher);
    RANGE(dev_loss, lower, higher);
    RANGE(dev_acc, lower, higher);
    RANGE(test_loss, lower, higher);
    RANGE(test_acc, lower, higher);
    RANGE(seconds, lower, higher);
#undef RANGE
#undef INT_RANGE
}

/* Twice as many epochs per bucket: neighbours merge (in place: each group
 * of rows is read before its at most two rows are written, never ahead). */
static void merge(curve_set *c)
{
    c->stride *= 2;
    int w = 0;
    for (int r = 0; r < c->n;) {
        const int b = c->rows[r].epoch / c->stride;
        nn_metrics lo = c->rows[r], hi = c->rows[r];
        int k = 1;
        for (r++; r < c->n && c->rows[r].epoch / c->stride == b; r++, k++) widen(&lo, &hi, &c->rows[r]);
        c->rows[w++] = lo;
        if (k > 1) c->rows[w++] = hi;
    }
    c->n = w;
}

void curve_set_add(curve_set *c, const nn_metrics *m)
{
    if (!c->rows || m->epoch < 0 || m->epoch <= curve_set_last_epoch(c)) return;
    while (m->epoch / c->stride >= CURVES_BUCKETS) merge(c);
    const int b = m->epoch / c->stride;
    nn_metrics *rows = c->rows;
    if (c->n == 0 || rows[c->n - 1].epoch / c->stride != b) {
        rows[c->n++] = *m;                                   /* a new bucket */
    } else if (c->n >= 2 && rows[c->n - 2].epoch / c->stride == b) {
        widen(&rows[c->n - 2], &rows[c->n - 1], m);          /* a bucket of two rows */
    } else {
        nn_metrics lo = rows[c->n - 1], hi = lo;             /* one row becomes two */
        widen(&lo, &hi, m);
        rows[c->n - 1] = lo;
        rows[c->n++] = hi;
    }
}
