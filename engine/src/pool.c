/* pool.c - worker threads that wait, first briefly awake and then asleep,
 * until given a part of a job (see nn/pool.h).
 *
 * A job is posted by bumping a generation counter; the parts still running
 * are counted down in `pending`. Both are atomics, so a waiting thread can
 * watch them without the lock for a short while (SPIN_NS) before it sleeps
 * on a condition variable: within a training step the next job usually
 * comes a few microseconds after the last one, while waking a sleeping
 * thread costs about 20 us on a virtual machine (measured: an empty
 * nn_pool_run took 22 us with sleeping workers), several times a step.
 * Every change the sleepers wait for is made under the lock and followed by
 * a broadcast, so no wake-up is lost; the broadcast costs nothing when no
 * thread sleeps. */
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include "nn/pool.h"
#include "nn/status.h"

/* How long a thread watches for its next job, or the caller for the last
 * part, before it sleeps. Short enough that an idle pool costs nothing to
 * a machine shared with other programs; long enough to span the serial
 * work between two jobs of a step (a loss, a batch's gathering). */
enum { SPIN_NS = 100 * 1000 };

typedef struct worker { nn_pool *pool; int part; pthread_t thread; } worker;

struct nn_pool {
    int             threads;
    int             started;          /* workers running (threads - 1 once created) */
    int             spin;             /* watch before sleeping (not when threads > processors) */
    pthread_mutex_t lock;
    pthread_cond_t  posted;           /* a new generation, or quit */
    pthread_cond_t  finished;         /* pending reached 0 */
    atomic_ulong    generation;       /* jobs posted so far */
    atomic_int      pending;          /* worker parts of the current job still running */
    atomic_int      quit;
    nn_pool_fn     *fn;               /* written before generation is bumped */
    void           *arg;
    worker          workers[NN_MAX_THREADS];
};

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

/* Watch for a job after `seen` (or quit) for up to SPIN_NS; 1 if one came. */
static int spin_for_job(nn_pool *p, unsigned long seen)
{
    if (!p->spin) return 0;
    const long long end = now_ns() + SPIN_NS;
    for (unsigned k = 1;; k++) {
        if (atomic_load_explicit(&p->generation, memory_order_acquire) != seen ||
            atomic_load_explicit(&p->quit, memory_order_relaxed))
            return 1;
        cpu_relax();
        if (k % 64 == 0 && now_ns() > end) return 0;
    }
}

/* Watch for the workers' parts to finish for up to SPIN_NS; 1 if they did. */
static int spin_for_parts(nn_pool *p)
{
    if (!p->spin) return 0;
    const long long end = now_ns() + SPIN_NS;
    for (unsigned k = 1;; k++) {
        if (atomic_load_explicit(&p->pending, memory_order_acquire) == 0) return 1;
        cpu_relax();
        if (k % 64 == 0 && now_ns() > end) return 0;
    }
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    nn_pool *p = w->pool;
    unsigned long seen = 0;
    for (;;) {
        if (!spin_for_job(p, seen)) {
            pthread_mutex_lock(&p->lock);
            while (atomic_load(&p->generation) == seen && !atomic_load(&p->quit))
                pthread_cond_wait(&p->posted, &p->lock);
            pthread_mutex_unlock(&p->lock);
        }
        if (atomic_load(&p->quit)) break;
        seen = atomic_load_explicit(&p->generation, memory_order_acquire);
        w->pool->fn(p->arg, w->part, p->threads);
        if (atomic_fetch_sub_explicit(&p->pending, 1, memory_order_acq_rel) == 1) {
            pthread_mutex_lock(&p->lock);          /* the caller may be asleep */
            pthread_cond_signal(&p->finished);
            pthread_mutex_unlock(&p->lock);
        }
    }
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
    p->spin = threads <= nn_cpu_count();
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->posted, NULL);
    pthread_cond_init(&p->finished, NULL);
    atomic_init(&p->generation, 0);
    atomic_init(&p->pending, 0);
    atomic_init(&p->quit, 0);
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
    atomic_store(&p->quit, 1);
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
    atomic_store_explicit(&p->pending, p->threads - 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&p->generation, 1, memory_order_release);
    pthread_cond_broadcast(&p->posted);
    pthread_mutex_unlock(&p->lock);
    fn(arg, 0, p->threads);
    if (!spin_for_parts(p)) {
        pthread_mutex_lock(&p->lock);
        while (atomic_load(&p->pending) > 0) pthread_cond_wait(&p->finished, &p->lock);
        pthread_mutex_unlock(&p->lock);
    }
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
