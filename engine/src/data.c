/* data.c - batch assembly shared by every kind of dataset. */
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "nn/data.h"
#include "nn/pool.h"

/* Rows of a gathered batch are scattered over the whole set (47 MB for
 * Fashion-MNIST), so each one starts with a cache miss and, as often as not,
 * a TLB miss (a page-table walk). The trainer calls nn_dataset_prefetch for
 * the next batch: one real load at each end of a row walks the page tables
 * for it (a prefetch instruction that misses the TLB may just be dropped)
 * and fetches its first and last lines. The gather then asks for the lines
 * of the row AHEAD places further while it converts this one, so the misses
 * overlap instead of queueing. */
enum { AHEAD = 4, LINE = 64 };

static size_t row_bytes(const nn_dataset *ds)
{
    return ds->x ? (size_t)ds->d * sizeof *ds->x : (size_t)ds->d;
}

static const char *row(const nn_dataset *ds, int i)
{
    return (ds->x ? (const char *)ds->x : (const char *)ds->x8) + (size_t)i * row_bytes(ds);
}

static void prefetch(const char *p, size_t bytes)
{
#if defined(__GNUC__)
    for (size_t off = 0; off < bytes; off += LINE) __builtin_prefetch(p + off, 0, 3);
    __builtin_prefetch(p + bytes - 1, 0, 3);          /* the last line of an unaligned row */
#else
    (void)p; (void)bytes;                             /* only a hint */
#endif
}

void nn_dataset_prefetch(const nn_dataset *ds, const int *idx, int count)
{
    const size_t last = row_bytes(ds) - 1;      /* both pages of a row that straddles two */
    for (int r = 0; r < count; r++) {
        const volatile unsigned char *p = (const volatile unsigned char *)row(ds, idx[r]);
        (void)p[0];
        (void)p[last];
    }
}

/* value / 255 for every pixel. With SSE2 the floats go out as streaming
 * stores: the batch buffer was last read by the other BLAS threads, and a
 * plain store would first have to take each of its lines back from their
 * caches (a read for ownership); a streaming store writes the line whole.
 * Same values either way. */
static void convert_u8(const uint8_t *restrict p, float *restrict x, size_t d, int stream)
{
    size_t k = 0;
#if defined(__SSE2__)
    if (stream && ((uintptr_t)x & 15) == 0) {
        const __m128 scale = _mm_set1_ps(1.0f / 255.0f);
        const __m128i zero = _mm_setzero_si128();
        for (; k + 16 <= d; k += 16) {
            const __m128i b = _mm_loadu_si128((const __m128i *)(p + k));
            const __m128i lo = _mm_unpacklo_epi8(b, zero), hi = _mm_unpackhi_epi8(b, zero);
            _mm_stream_ps(x + k,      _mm_mul_ps(_mm_cvtepi32_ps(_mm_unpacklo_epi16(lo, zero)), scale));
            _mm_stream_ps(x + k + 4,  _mm_mul_ps(_mm_cvtepi32_ps(_mm_unpackhi_epi16(lo, zero)), scale));
            _mm_stream_ps(x + k + 8,  _mm_mul_ps(_mm_cvtepi32_ps(_mm_unpacklo_epi16(hi, zero)), scale));
            _mm_stream_ps(x + k + 12, _mm_mul_ps(_mm_cvtepi32_ps(_mm_unpackhi_epi16(hi, zero)), scale));
        }
    }
#else
    (void)stream;
#endif
    for (; k < d; k++) x[k] = p[k] * (1.0f / 255.0f);   /* restrict: the compiler vectorises */
}

static void copy_row(const nn_dataset *ds, int i, float *x, int stream)
{
    const size_t d = (size_t)ds->d;
    if (ds->x) memcpy(x, ds->x + (size_t)i * d, d * sizeof *x);
    else       convert_u8(ds->x8 + (size_t)i * d, x, d, stream);
}

static void gather(const nn_dataset *ds, const int *idx, int count, float *x, float *y, int stream)
{
    const size_t d = (size_t)ds->d, yd = (size_t)ds->y_dim, bytes = row_bytes(ds);
    for (int r = 0; r < count && r < AHEAD; r++) prefetch(row(ds, idx[r]), bytes);
    for (int r = 0; r < count; r++) {
        if (r + AHEAD < count) prefetch(row(ds, idx[r + AHEAD]), bytes);
        copy_row(ds, idx[r], x + r * d, stream);
        if (yd == 1) y[r] = ds->y[idx[r]];
        else memcpy(y + r * yd, ds->y + (size_t)idx[r] * yd, yd * sizeof *y);
    }
#if defined(__SSE2__)
    if (stream) _mm_sfence();      /* streaming stores are visible before the batch is used */
#endif
}

void nn_dataset_gather(const nn_dataset *ds, const int *idx, int count, float *x, float *y)
{
    gather(ds, idx, count, x, y, 1);
}

void nn_dataset_slice(const nn_dataset *ds, int first, int count, float *x, float *y)
{
    const size_t d = (size_t)ds->d, yd = (size_t)ds->y_dim;
    if (ds->x) memcpy(x, ds->x + (size_t)first * d, (size_t)count * d * sizeof *x);
    else       convert_u8(ds->x8 + (size_t)first * d, x, (size_t)count * d, 0);
    memcpy(y, ds->y + (size_t)first * yd, (size_t)count * yd * sizeof *y);
}

/* ---- on a pool ---- */

/* Below this many values a batch is copied on the calling thread. */
enum { SPLIT_MIN_VALUES = 1 << 14 };

typedef struct copy_job {
    const nn_dataset *ds;
    const int *idx;               /* NULL: the rows from `first` on */
    int first, count;
    float *x, *y;
} copy_job;

/* The rows the model's part `part` will compute on (nn_split, as model.c
 * splits a batch): written with plain stores, so they are in that core's
 * cache when its forward pass reads them. */
static void copy_part(void *arg, int part, int parts)
{
    const copy_job *j = arg;
    size_t lo, hi;
    nn_split((size_t)j->count, part, parts, &lo, &hi);
    if (hi == lo) return;
    const size_t d = (size_t)j->ds->d, yd = (size_t)j->ds->y_dim;
    float *x = j->x + lo * d, *y = j->y + lo * yd;
    if (j->idx) gather(j->ds, j->idx + lo, (int)(hi - lo), x, y, 0);
    else        nn_dataset_slice(j->ds, j->first + (int)lo, (int)(hi - lo), x, y);
}

static void copy_on(nn_pool *pool, copy_job *j)
{
    if (nn_pool_threads(pool) > 1 && (size_t)j->count * (size_t)j->ds->d >= SPLIT_MIN_VALUES)
        nn_pool_run(pool, copy_part, j);
    else if (j->idx)
        nn_dataset_gather(j->ds, j->idx, j->count, j->x, j->y);
    else
        nn_dataset_slice(j->ds, j->first, j->count, j->x, j->y);
}

void nn_dataset_gather_pool(const nn_dataset *ds, const int *idx, int count, float *x, float *y,
                            nn_pool *pool)
{
    copy_job j = { ds, idx, 0, count, x, y };
    copy_on(pool, &j);
}

void nn_dataset_slice_pool(const nn_dataset *ds, int first, int count, float *x, float *y,
                           nn_pool *pool)
{
    copy_job j = { ds, NULL, first, count, x, y };
    copy_on(pool, &j);
}
