/* pool.c - worker threads that sleep until given a part of a job (see nn/pool.h).
 *
 * One mutex guards the job (fn, arg), a generation counter that tells the
 * workers a new job has been posted, and the count of parts still running.
 * The caller posts a job, runs part 0 itself, then waits for the count to
 * reach zero; each worker runs its part and decrements the count.
 */
#include <pthread.h>
#include <unistd.h>

#include "nn/pool.h"
#include "nn/status.h"

typedef struct worker { nn_pool *pool; int part; pthread_t thread; } worker;

struct nn_pool {
    int             threads;
    int             started;          /* workers running (threads - 1 once created) */
    pthread_mutex_t lock;
    pthread_cond_t  posted;           /* a new generation, or quit */
    pthread_cond_t  finished;         /* pending reached 0 */
    unsigned long   generation;       /* jobs posted so far */
    int             pending;          /* worker parts of the current job still running */
    int             quit;
    nn_pool_fn     *fn;
    void           *arg;
    worker          workers[NN_MAX_THREADS];
};

static void *worker_main(void *arg)
{
    worker *w = arg;
    nn_pool *p = w->pool;
    unsigned long seen = 0;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->generation == seen && !p->quit) pthread_cond_wait(&p->posted, &p->lock);
        if (p->quit) break;
        seen = p->generation;
        nn_pool_fn *fn = p->fn;
        void *job = p->arg;
        pthread_mutex_unlock(&p->lock);
        fn(job, w->part, p->threads);
        pthread_mutex_lock(&p->lock);
        if (--p->pending == 0) pthread_cond_signal(&p->finished);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

nn_pool *nn_pool_create(int threads)
{
    if (threads < 1 || threads > NN_MAX_THREADS) {
        nn_set_error(NN_ERR_ARG, "threads must be from 1 to %d (got %d)", NN_MAX_THREADS, threads);
        return NULL;
    }
    nn_pool *p = nn_alloc(sizeof *p);
    if (!p) return NULL;
    p->threads = threads;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->posted, NULL);
    pthread_cond_init(&p->finished, NULL);
    for (int k = 1; k < threads; k++) {
        worker *w = &p->workers[k];
        w->pool = p;
        w->part = k;
        if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
            nn_set_error(NN_ERR_NOMEM, "could not start worker thread %d of %d", k, threads);
            nn_pool_destroy(p);
            return NULL;
        }
        p->started = k;
    }
    return p;
}

void nn_pool_destroy(nn_pool *p)
{
    if (!p) return;
    pthread_mutex_lock(&p->lock);
    p->quit = 1;
    pthread_cond_broadcast(&p->posted);
    pthread_mutex_unlock(&p->lock);
    for (int k = 1; k <= p->started; k++) pthread_join(p->workers[k].thread, NULL);
    pthread_cond_destroy(&p->finished);
    pthread_cond_destroy(&p->posted);
    pthread_mutex_destroy(&p->lock);
    nn_free(p);
}

int nn_pool_threads(const nn_pool *p) { return p ? p->threads : 1; }

void nn_pool_run(nn_pool *p, nn_pool_fn *fn, void *arg)
{
    if (!p || p->threads == 1) { fn(arg, 0, 1); return; }
    pthread_mutex_lock(&p->lock);
    p->fn = fn;
    p->arg = arg;
    p->pending = p->threads - 1;
    p->generation++;
    pthread_cond_broadcast(&p->posted);
    pthread_mutex_unlock(&p->lock);
    fn(arg, 0, p->threads);
    pthread_mutex_lock(&p->lock);
    while (p->pending > 0) pthread_cond_wait(&p->finished, &p->lock);
    pthread_mutex_unlock(&p->lock);
}

void nn_split(size_t n, int k, int parts, size_t *lo, size_t *hi)
{
    const size_t q = n / (size_t)parts, r = n % (size_t)parts, kk = (size_t)k;
    *lo = kk * q + (kk < r ? kk : r);
    *hi = *lo + q + (kk < r);
}

int nn_cpu_count(void)
{
    const long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > NN_MAX_THREADS ? NN_MAX_THREADS : (int)n;
}
