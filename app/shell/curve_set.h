/* app/shell/curve_set.h - a trainer's history, bounded for drawing.
 *
 * The desktop program trains for as long as a class watches: on 2-D data
 * tens of epochs a second, hundreds of thousands in an hour. The plots need
 * every epoch from 0 to now, but not a row for each: a `curve_set` keeps them in
 * a fixed amount of memory.
 *
 *     curve_set c;
 *     curve_set_init(&c);                  // one allocation, 2 * CURVES_BUCKETS rows
 *     curve_set_add(&c, &row);             // each new epoch's history row, in order
 *     ... draw c.rows[0 .. c.n) like nn_trainer_history's rows ...
 *     curve_set_free(&c);
 *
 * Epochs fall into buckets of `stride` consecutive epochs (1 at first). A
 * bucket of one epoch is that epoch's row; a bucket of several is two rows:
 * the field-wise minimum and the field-wise maximum over its epochs (so the
 * first row's epoch is the bucket's first and the second row's its last, and
 * each metric's lowest and highest values, spikes included, survive). When
 * CURVES_BUCKETS buckets are full, neighbours merge pairwise and the stride
 * doubles. So the first CURVES_BUCKETS epochs are the history itself, row for
 * row, and later ones span from epoch 0 to now in CURVES_BUCKETS / 2 to
 * CURVES_BUCKETS buckets: less than a pixel each on any plot up to 1024 px
 * wide. A non-finite value in a bucket makes it non-finite (a break).
 * No SDL; not thread-safe.
 */
#ifndef NNLAB_CURVE_SET_H
#define NNLAB_CURVE_SET_H

#include "nn/trainer.h"

#define CURVES_BUCKETS 2048

typedef struct curve_set {
    nn_metrics *rows;    /* (2 * CURVES_BUCKETS); NULL when out of memory (then n stays 0) */
    int         n;       /* rows in use */
    int         stride;  /* epochs per bucket */
} curve_set;

/* 0, or -1 when out of memory (the curves then stay empty; nothing breaks). */
int  curve_set_init(curve_set *c);
void curve_set_free(curve_set *c);
void curve_set_clear(curve_set *c);
/* The row of an epoch after the last one added (older or repeated epochs are ignored). */
void curve_set_add(curve_set *c, const nn_metrics *m);
/* The last epoch added, or -1. */
int  curve_set_last_epoch(const curve_set *c);

#endif
