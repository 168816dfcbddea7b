/* app/record/rec_queue.c - captured frames to the encoder thread (see rec_queue.h). */
#include <stdlib.h>
#include <string.h>

#include "record/rec_queue.h"

int rec_queue_init(rec_queue *q, int cap, int w, int h)
{
    memset(q, 0, sizeof *q);
    if (cap < 1) cap = 1;
    if (cap > REC_QUEUE_MAX) cap = REC_QUEUE_MAX;
    q->cap = cap;
    q->w = w;
    q->h = h;
    for (int i = 0; i < cap; i++) {
        q->buf[i] = malloc((size_t)w * (size_t)h * 4);
        if (!q->buf[i]) {
            for (int k = 0; k < i; k++) free(q->buf[k]);
            return -1;
        }
        q->free_idx[q->n_free++] = i;
    }
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->changed, NULL);
    return 0;
}

void rec_queue_free(rec_queue *q)
{
    for (int i = 0; i < q->cap; i++) free(q->buf[i]);
    pthread_cond_destroy(&q->changed);
    pthread_mutex_destroy(&q->lock);
    memset(q, 0, sizeof *q);
}

int rec_queue_acquire(rec_queue *q, int wait)
{
    pthread_mutex_lock(&q->lock);
    while (wait && q->n_free == 0 && !q->closed) pthread_cond_wait(&q->changed, &q->lock);
    int i = -1;
    if (q->n_free > 0 && !q->closed) i = q->free_idx[--q->n_free];
    else if (!wait) q->dropped++;
    pthread_mutex_unlock(&q->lock);
    return i;
}

uint8_t *rec_queue_buffer(rec_queue *q, int i) { return i >= 0 && i < q->cap ? q->buf[i] : NULL; }

void rec_queue_push(rec_queue *q, int i, long t_ms)
{
    pthread_mutex_lock(&q->lock);
    q->t_ms[i] = t_ms;
    q->fifo[(q->head + q->n_queued) % REC_QUEUE_MAX] = i;
    q->n_queued++;
    pthread_cond_broadcast(&q->changed);
    pthread_mutex_unlock(&q->lock);
}

int rec_queue_pop(rec_queue *q, long *t_ms)
{
    pthread_mutex_lock(&q->lock);
    while (q->n_queued == 0 && !q->closed) pthread_cond_wait(&q->changed, &q->lock);
    int i = -1;
    if (q->n_queued > 0) {
        i = q->fifo[q->head];
        q->head = (q->head + 1) % REC_QUEUE_MAX;
        q->n_queued--;
        if (t_ms) *t_ms = q->t_ms[i];
    }
    pthread_mutex_unlock(&q->lock);
    return i;
}

void rec_queue_release(rec_queue *q, int i)
{
    pthread_mutex_lock(&q->lock);
    q->free_idx[q->n_free++] = i;
    pthread_cond_broadcast(&q->changed);
    pthread_mutex_unlock(&q->lock);
}

void rec_queue_close(rec_queue *q)
{
    pthread_mutex_lock(&q->lock);
    q->closed = 1;
    pthread_cond_broadcast(&q->changed);
    pthread_mutex_unlock(&q->lock);
}

long rec_queue_dropped(rec_queue *q)
{
    pthread_mutex_lock(&q->lock);
    const long d = q->dropped;
    pthread_mutex_unlock(&q->lock);
    return d;
}
