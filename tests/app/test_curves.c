/* tests/app/test_curves.c - the history the program draws stays bounded
 * however long a class watches: the curve set (shell/curve_set.h) on
 * hand-made rows, and a session played for many thousands of epochs. */
#include <math.h>
#include <stdlib.h>

#include "nn/status.h"
#include "shell/curve_set.h"
#include "shell/session.h"
#include "test.h"

static nn_metrics row(int epoch, double loss)
{
    nn_metrics m = { .epoch = epoch, .steps = 10L * epoch, .examples = 320L * epoch, .lr = 0.1f,
                     .train_loss = loss, .train_acc = 1.0 - loss / 10.0,
                     .dev_loss = loss + 0.1, .dev_acc = 0.5, .test_loss = -1.0, .test_acc = -1.0,
                     .seconds = 0.01 * epoch };
    return m;
}

/* A loss falling from 5 with a spike of 50 at epoch 3001 and a dip to 0.001 at 7777. */
static double loss_at(int e)
{
    return e == 3001 ? 50.0 : e == 7777 ? 0.001 : 5.0 / (1.0 + 0.01 * e);
}

/* Bucket k of a curve set: its rows' epochs (first, last). */
static int bucket_span(const curve_set *c, int *i, int *first, int *last)
{
    if (*i >= c->n) return 0;
    *first = *last = c->rows[*i].epoch;
    if (*i + 1 < c->n && c->rows[*i + 1].epoch / c->stride == *first / c->stride) *last = c->rows[++*i].epoch;
    ++*i;
    return 1;
}

static int rows_exact_then_buckets_of_min_max(void)
{
    curve_set c;
    CHECK(curve_set_init(&c) == 0);
    CHECK(curve_set_last_epoch(&c) == -1);
    /* Up to CURVES_BUCKETS epochs: the rows themselves. */
    for (int e = 0; e < CURVES_BUCKETS; e++) {
        const nn_metrics m = row(e, loss_at(e));
        curve_set_add(&c, &m);
    }
    CHECK(c.n == CURVES_BUCKETS && c.stride == 1);
    for (int e = 0; e < CURVES_BUCKETS; e++) CHECK(c.rows[e].epoch == e && c.rows[e].train_loss == loss_at(e));
    const nn_metrics again = row(5, 1.0);
    curve_set_add(&c, &again);                      /* an old epoch: ignored */
    CHECK(c.n == CURVES_BUCKETS && c.rows[5].train_loss == loss_at(5));
    /* On to 200,000 epochs: bounded, every epoch covered, extremes kept. */
    const int total = 200000;
    int max_n = 0;
    for (int e = CURVES_BUCKETS; e < total; e++) {
        const nn_metrics m = row(e, loss_at(e));
        curve_set_add(&c, &m);
        if (c.n > max_n) max_n = c.n;
    }
    CHECK(max_n <= 2 * CURVES_BUCKETS);
    CHECK(c.stride == 128);                         /* 200000 / 128 = 1563 buckets: between half and all */
    CHECK(c.rows[0].epoch == 0 && curve_set_last_epoch(&c) == total - 1);
    int i = 0, first, last, next = 0, buckets = 0;
    while (bucket_span(&c, &i, &first, &last)) {
        CHECK_MSG(first == next, "bucket starts at %d, expected %d", first, next);
        CHECK(first / c.stride == last / c.stride);
        CHECK(last == first || last == first + c.stride - 1 || last == total - 1);
        next = last + 1;
        buckets++;
    }
    CHECK(next == total);
    CHECK(buckets >= CURVES_BUCKETS / 2 && buckets <= CURVES_BUCKETS);
    /* The spike and the dip: in the buckets that hold them, at full size. */
    double hi = -INFINITY, lo = INFINITY;
    for (int k = 0; k < c.n; k++) {
        hi = fmax(hi, c.rows[k].train_loss);
        lo = fmin(lo, c.rows[k].train_loss);
        if (c.rows[k].train_loss == 50.0) CHECK(c.rows[k].epoch / c.stride == 3001 / c.stride);
        if (c.rows[k].train_loss == 0.001) CHECK(c.rows[k].epoch / c.stride == 7777 / c.stride);
        CHECK(c.rows[k].test_loss == -1.0);         /* "no test set" stays -1 */
    }
    CHECK(hi == 50.0 && lo == 0.001);
    /* Field by field: the bucket of epochs 3072..3199 (stride 128) has the
     * min row first (loss, epoch, steps at its first epoch) and the max row. */
    for (int k = 0; k + 1 < c.n; k++)
        if (c.rows[k].epoch == 3072) {
            CHECK(c.rows[k + 1].epoch == 3199);
            CHECK(c.rows[k].steps == 30720 && c.rows[k + 1].steps == 31990);
            CHECK(c.rows[k].train_loss == loss_at(3199) && c.rows[k + 1].train_loss == loss_at(3072));
        }
    curve_set_clear(&c);
    CHECK(c.n == 0 && c.stride == 1 && curve_set_last_epoch(&c) == -1);
    curve_set_free(&c);
    return 0;
}

static int non_finite_breaks_its_bucket(void)
{
    curve_set c;
    CHECK(curve_set_init(&c) == 0);
    for (int e = 0; e < 3 * CURVES_BUCKETS; e++) {
        const nn_metrics m = row(e, e == 5000 ? NAN : 1.0);
        curve_set_add(&c, &m);
    }
    int nan_rows = 0;
    for (int k = 0; k < c.n; k++)
        if (isnan(c.rows[k].train_loss)) {
            nan_rows++;
            CHECK(c.rows[k].epoch / c.stride == 5000 / c.stride);
        }
    CHECK(nan_rows == 2);                           /* the min and max rows of one bucket */
    curve_set_free(&c);
    return 0;
}

/* A session played for 12,000 epochs (a few minutes of a class's hour at
 * 60 frames a second): what it draws and what the trainer keeps stay bounded,
 * span from epoch 0 to now, and keep the lowest and highest loss seen. */
static int session_history_stays_bounded(void)
{
    session s;
    nn_config c = nn_config_default();
    CHECK(nn_config_set(&c, "samples", "40", NULL) == NN_OK);
    CHECK(nn_config_set(&c, "batch", "all", NULL) == NN_OK);
    CHECK(nn_config_set(&c, "layers", "4", NULL) == NN_OK);
    CHECK(nn_config_set(&c, "lr", "0.3", NULL) == NN_OK);
    session_init(&s, &c);
    CHECK_MSG(s.open, "%s", s.error);
    const int epochs = 12000;
    double lo = INFINITY, hi = -INFINITY;
    int n, max_rows = 0, max_trainer = 0;
    const nn_metrics *h = nn_trainer_history(s.run.trainer, &n);
    lo = hi = h[0].train_loss;
    for (int e = 1; e <= epochs; e++) {
        CHECK(session_epoch(&s) == NN_OK);
        h = nn_trainer_history(s.run.trainer, &n);
        CHECK(h[n - 1].epoch == e);
        lo = fmin(lo, h[n - 1].train_loss);
        hi = fmax(hi, h[n - 1].train_loss);
        if (n > max_trainer) max_trainer = n;
        session_history(&s, &n);
        if (n > max_rows) max_rows = n;
    }
    printf("  %d epochs: at most %d rows drawn, %d rows in the trainer\n", epochs, max_rows, max_trainer);
    CHECK_MSG(max_rows <= 2 * CURVES_BUCKETS, "%d rows drawn", max_rows);
    CHECK_MSG(max_trainer <= SESSION_HISTORY_ROWS, "%d rows in the trainer", max_trainer);
    h = session_history(&s, &n);
    CHECK(h[0].epoch == 0 && h[n - 1].epoch == epochs);
    double dlo = INFINITY, dhi = -INFINITY;
    for (int k = 0; k < n; k++) {
        dlo = fmin(dlo, h[k].train_loss);
        dhi = fmax(dhi, h[k].train_loss);
        if (k) CHECK(h[k].epoch > h[k - 1].epoch);
    }
    CHECK(dlo == lo && dhi == hi);
    /* A reset: the old curves become "previous" (bounded too), the new ones start at row 0. */
    session_reset(&s);
    CHECK(s.prev_n >= CURVES_BUCKETS / 2 && s.prev_n <= 2 * CURVES_BUCKETS);
    CHECK(s.prev[0].epoch == 0 && s.prev[s.prev_n - 1].epoch == epochs);
    h = session_history(&s, &n);
    CHECK(n == 1 && h[0].epoch == 0);
    for (int e = 0; e < 3; e++) CHECK(session_epoch(&s) == NN_OK);
    h = session_history(&s, &n);
    CHECK(n == 4 && h[3].epoch == 3);
    session_free(&s);
    return 0;
}

static const test_case CASES[] = {
    { "rows_exact_then_buckets_of_min_max", rows_exact_then_buckets_of_min_max },
    { "non_finite_breaks_its_bucket", non_finite_breaks_its_bucket },
    { "session_history_stays_bounded", session_history_stays_bounded },
};

TEST_MAIN(CASES)
