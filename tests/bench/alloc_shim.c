/* tests/bench/alloc_shim.c - an LD_PRELOAD shim for the memory benchmark
 * (tests/bench/mem_bench.sh). Not part of nnlab.
 *
 * It counts every call into the allocator (malloc, calloc, realloc, free and
 * the aligned variants, from any library and thread), the frames (calls to
 * SDL_RenderPresent) and the triangles handed to SDL_RenderGeometry, and
 * every SHIM_EVERY frames prints one line to stdout:
 *
 *   frame=3600 epoch=41234 wall_s=123.4 rss_mb=160.2 ms_per_frame=30.1
 *       allocs_per_frame=12.0 frees_per_frame=12.0 triangles_per_frame=5210
 *       geometry_calls_per_frame=180
 *
 * (the per-frame figures are averages over the frames since the previous
 * line). The epoch is read from the Playground's counter ("Epoch N ..."), as
 * the program renders it (TTF_RenderUTF8_Blended). Environment:
 *   SHIM_EVERY=N     frames between lines (default 3600: a minute at 60 fps)
 *   SHIM_EVERY_S=S   also a line when S seconds passed since the last one
 *                    (default 30: a build whose frames slow down still reports)
 *   SHIM_NODELAY=1   SDL_Delay returns at once: frames are not paced to
 *                    60 fps, so an hour of frames takes what the frames cost
 *   SHIM_FASTER=K    press '+' K times after the first frame (the Playground's
 *                    speed doubles each time: 8 updates per frame -> 8 * 2^K)
 *   SHIM_STOP_EPOCH=E  print a last line and quit (an SDL_QUIT event) once the
 *                    counter shows epoch E or more
 *
 * Works on any nnlab build (no change in the program), so the same run can
 * be made on an old commit. Counting uses glibc's __libc_* entry points, so
 * no dlsym is needed inside malloc.
 */
#define _GNU_SOURCE
#include <SDL.h>
#include <dlfcn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void  __libc_free(void *);

static atomic_ulong n_alloc, n_free;
static unsigned long frames, triangles, geometry_calls;
static unsigned long last_alloc, last_free, last_triangles, last_calls, last_frame;
static long epoch = -1;

void *malloc(size_t n) { atomic_fetch_add_explicit(&n_alloc, 1, memory_order_relaxed); return __libc_malloc(n); }
void *calloc(size_t a, size_t b) { atomic_fetch_add_explicit(&n_alloc, 1, memory_order_relaxed); return __libc_calloc(a, b); }
void *realloc(void *p, size_t n) { atomic_fetch_add_explicit(&n_alloc, 1, memory_order_relaxed); return __libc_realloc(p, n); }
void *memalign(size_t a, size_t n) { atomic_fetch_add_explicit(&n_alloc, 1, memory_order_relaxed); return __libc_memalign(a, n); }
void *aligned_alloc(size_t a, size_t n) { return memalign(a, n); }
int posix_memalign(void **p, size_t a, size_t n)
{
    *p = memalign(a, n);
    return *p ? 0 : 12;   /* ENOMEM */
}
void free(void *p)
{
    if (!p) return;
    atomic_fetch_add_explicit(&n_free, 1, memory_order_relaxed);
    __libc_free(p);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double rss_mb(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        fclose(f);
    }
    return (double)resident * (double)sysconf(_SC_PAGESIZE) / (1024.0 * 1024.0);
}

static long env_num(const char *name, long fallback)
{
    const char *v = getenv(name);
    return v && *v ? strtol(v, NULL, 10) : fallback;
}

static void report(void)
{
    static double t0, last_t;
    const double t = now_s();
    if (t0 == 0) t0 = last_t = t;
    const unsigned long a = atomic_load(&n_alloc), fr = atomic_load(&n_free);
    const double df = frames > last_frame ? (double)(frames - last_frame) : 1.0;
    printf("frame=%lu epoch=%ld wall_s=%.1f rss_mb=%.1f ms_per_frame=%.2f allocs_per_frame=%.1f "
           "frees_per_frame=%.1f triangles_per_frame=%.0f geometry_calls_per_frame=%.1f\n",
           frames, epoch, t - t0, rss_mb(), (t - last_t) * 1000.0 / df, (double)(a - last_alloc) / df,
           (double)(fr - last_free) / df, (double)(triangles - last_triangles) / df,
           (double)(geometry_calls - last_calls) / df);
    fflush(stdout);
    last_t = t;
    last_alloc = a; last_free = fr; last_triangles = triangles; last_calls = geometry_calls;
    last_frame = frames;
}

void SDL_RenderPresent(SDL_Renderer *r)
{
    static void (*real)(SDL_Renderer *);
    static long every, every_s, faster, stop, stopping;
    static double last_line;
    if (!real) {
        real = (void (*)(SDL_Renderer *))dlsym(RTLD_NEXT, "SDL_RenderPresent");
        every = env_num("SHIM_EVERY", 3600);
        if (every < 1) every = 1;
        faster = env_num("SHIM_FASTER", 0);
        stop = env_num("SHIM_STOP_EPOCH", -1);
        every_s = env_num("SHIM_EVERY_S", 30);
        report();   /* start the clock and the counters */
        last_line = now_s();
    }
    real(r);
    frames++;
    if ((long)frames <= faster) {
        SDL_Event e = { .type = SDL_KEYDOWN };
        e.key.state = SDL_PRESSED;
        e.key.keysym.sym = SDLK_PLUS;
        SDL_PushEvent(&e);
    }
    if (frames % (unsigned long)every == 0 || (every_s > 0 && now_s() - last_line >= (double)every_s)) {
        report();
        last_line = now_s();
    }
    if (stop >= 0 && epoch >= stop && !stopping) {
        stopping = 1;
        if (frames % (unsigned long)every) report();
        SDL_Event q = { .type = SDL_QUIT };
        SDL_PushEvent(&q);
    }
}

/* The Playground's counter, "Epoch N ...", is rendered whenever it changes. */
SDL_Surface *TTF_RenderUTF8_Blended(void *font, const char *text, SDL_Color fg)
{
    static SDL_Surface *(*real)(void *, const char *, SDL_Color);
    if (!real) real = (SDL_Surface * (*)(void *, const char *, SDL_Color))dlsym(RTLD_NEXT, "TTF_RenderUTF8_Blended");
    if (text && strncmp(text, "Epoch ", 6) == 0 && text[6] >= '0' && text[6] <= '9') {
        const long e = strtol(text + 6, NULL, 10);
        if (e > epoch) epoch = e;
    }
    return real(font, text, fg);
}

int SDL_RenderGeometry(SDL_Renderer *r, SDL_Texture *t, const SDL_Vertex *v, int nv,
                       const int *idx, int ni)
{
    static int (*real)(SDL_Renderer *, SDL_Texture *, const SDL_Vertex *, int, const int *, int);
    if (!real)
        real = (int (*)(SDL_Renderer *, SDL_Texture *, const SDL_Vertex *, int, const int *, int))
               dlsym(RTLD_NEXT, "SDL_RenderGeometry");
    triangles += (unsigned long)((idx ? ni : nv) / 3);
    geometry_calls++;
    return real(r, t, v, nv, idx, ni);
}

void SDL_Delay(Uint32 ms)
{
    static void (*real)(Uint32);
    static int skip = -1;
    if (skip < 0) skip = env_num("SHIM_NODELAY", 0) != 0;
    if (skip) return;
    if (!real) real = (void (*)(Uint32))dlsym(RTLD_NEXT, "SDL_Delay");
    real(ms);
}
