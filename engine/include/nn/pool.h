/* nn/pool.h - a small pool of worker threads owned by the engine.
 *
 * A pool of n threads runs one function n times at once, as parts 0..n-1 of
 * one piece of work: part 0 on the calling thread, the others on the pool's
 * n - 1 workers. In between, a worker watches for the next job for at most
 * 0.1 ms (the next job of a training step usually comes sooner: a sleeping
 * thread takes ~20 us to wake) and then sleeps on a condition variable, so
 * an idle pool costs nothing on a machine shared with other programs; the
 * caller waits for the last part likewise. A pool with more threads than
 * processors never watches, it sleeps at once.
 *
 *     static void half(void *arg, int part, int parts) { ... nn_split(n, part, parts, &lo, &hi) ... }
 *     nn_pool *p = nn_pool_create(2);       // NULL + nn_last_error() if a thread cannot start
 *     nn_pool_run(p, half, &job);           // returns when every part has returned
 *     nn_pool_destroy(p);
 *
 * The model uses it to split a mini-batch into row chunks (nn/model.h,
 * nn_model_set_threads); the optimizer to split its update. What a part
 * computes must depend only on (part, parts) and the arguments, never on
 * timing, so results are the same run after run.
 *
 * Thread-safety: one caller at a time per pool; fn must not call
 * nn_pool_run on the same pool.
 */
#ifndef NN_POOL_H
#define NN_POOL_H

#include <stddef.h>

#define NN_MAX_THREADS 64

typedef struct nn_pool nn_pool;
typedef void nn_pool_fn(void *arg, int part, int parts);

/* threads 1..NN_MAX_THREADS (1: no worker; nn_pool_run calls fn on the caller). */
nn_pool *nn_pool_create(int threads);
void     nn_pool_destroy(nn_pool *p);          /* joins the workers; NULL is fine */
int      nn_pool_threads(const nn_pool *p);    /* 1 for NULL */
/* fn(arg, k, n) for every part k of n = nn_pool_threads(p), k = 0 on the
 * calling thread; returns when all have returned. p may be NULL (one part). */
void     nn_pool_run(nn_pool *p, nn_pool_fn *fn, void *arg);

/* Part k of `parts` of the range [0, n): contiguous, in order, sizes that
 * differ by at most 1 (the first n % parts parts are one longer). */
void nn_split(size_t n, int k, int parts, size_t *lo, size_t *hi);

/* The processors online (at least 1, at most NN_MAX_THREADS). */
int nn_cpu_count(void);

#endif
