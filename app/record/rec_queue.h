/* app/record/rec_queue.h - the bounded hand-over of captured frames to the
 * encoder thread.
 *
 * A fixed pool of `cap` frame buffers (w x h RGBA each) is allocated when the
 * queue is made, so a recording's memory is known up front and never grows:
 * the frame loop takes a free buffer (rec_queue_acquire), fills it and pushes
 * it; the encoder thread pops it, encodes it and gives it back. When every
 * buffer is waiting to be encoded, a live recording drops the frame (counted)
 * rather than wait; a scripted one (--record with --frames) waits. No SDL.
 */
#ifndef NNLAB_REC_QUEUE_H
#define NNLAB_REC_QUEUE_H

#include <pthread.h>
#include <stdint.h>

#define REC_QUEUE_MAX 8

typedef struct rec_queue {
    pthread_mutex_t lock;
    pthread_cond_t  changed;
    int       cap, w, h;
    uint8_t  *buf[REC_QUEUE_MAX];   /* the pool */
    int       free_idx[REC_QUEUE_MAX], n_free;
    int       fifo[REC_QUEUE_MAX], head, n_queued;   /* buffers waiting for the encoder, oldest at head */
    long      t_ms[REC_QUEUE_MAX];  /* each buffer's time in the recording */
    int       closed;
    long      dropped;              /* acquire calls that found no free buffer (live mode) */
} rec_queue;

/* cap buffers (1..REC_QUEUE_MAX) of w*h*4 bytes. 0, or -1 when out of memory. */
int  rec_queue_init(rec_queue *q, int cap, int w, int h);
void rec_queue_free(rec_queue *q);
/* A free buffer's index, or -1: with wait = 0 when none is free (the drop is
 * counted), with wait = 1 only once the queue is closed. */
int  rec_queue_acquire(rec_queue *q, int wait);
uint8_t *rec_queue_buffer(rec_queue *q, int i);
/* Hand buffer i, stamped t_ms, to the encoder. */
void rec_queue_push(rec_queue *q, int i, long t_ms);
/* The oldest pushed buffer (and its time); blocks while none is queued.
 * -1 once the queue is closed and empty. */
int  rec_queue_pop(rec_queue *q, long *t_ms);
/* Give an encoded buffer back to the pool. */
void rec_queue_release(rec_queue *q, int i);
/* No more pushes: pop returns -1 once the queued frames are taken. */
void rec_queue_close(rec_queue *q);
long rec_queue_dropped(rec_queue *q);

#endif
