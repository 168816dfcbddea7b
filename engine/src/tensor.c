/* tensor.c - products through cblas_sgemm, and the naive reference. */
#include <cblas.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "nn/tensor.h"

void nn_gemm(int ta, int tb, int M, int N, int K, float alpha,
             const float *A, int lda, const float *B, int ldb,
             float beta, float *C, int ldc)
{
    if (M == 0 || N == 0) return;
    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}

/* The same contract written as the textbook triple loop (double accumulator). */
void nn_gemm_naive(int ta, int tb, int M, int N, int K, float alpha,
                   const float *A, int lda, const float *B, int ldb,
                   float beta, float *C, int ldc)
{
    for (int i = 0; i < M; i++)
        for (int j = 0; j < N; j++) {
            double acc = 0.0;
            for (int k = 0; k < K; k++) {
                float a = ta ? A[k * lda + i] : A[i * lda + k];
                float b = tb ? B[j * ldb + k] : B[k * ldb + j];
                acc += (double)a * b;
            }
            float c = beta == 0.0f ? 0.0f : beta * C[i * ldc + j];
            C[i * ldc + j] = c + alpha * (float)acc;
        }
}

void nn_blas_set_threads(int n) { openblas_set_num_threads(n < 1 ? 1 : n); }

double nn_dot(const float *a, const float *b, size_t n)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++) s += (double)a[i] * b[i];
    return s;
}

double nn_norm2(const float *a, size_t n) { return sqrt(nn_dot(a, a, n)); }

void nn_axpy(float a, const float *x, float *y, size_t n)
{
    while (n > 0) {                           /* cblas counts in int */
        const int k = n > (size_t)INT_MAX ? INT_MAX : (int)n;
        cblas_saxpy(k, a, x, 1, y, 1);
        x += k; y += k; n -= (size_t)k;
    }
}

/* A float is NaN or Inf exactly when its 8 exponent bits are all ones, that
 * is when adding 1 to the exponent field carries into the sign bit. An
 * integer OR of those sums vectorises (a float sum would not: without
 * -ffast-math its additions must stay in order, one at a time), and LANES
 * independent accumulators keep the chains of ORs short. */
enum { LANES = 16, ASUM_MIN = 4096 };
static inline uint32_t nonfinite_bit(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return ((u & 0x7f800000u) + 0x00800000u) & 0x80000000u;
}

int nn_all_finite(const float *a, size_t n)
{
    /* A long array (a parameter arena) goes first through BLAS's sum of
     * absolute values, vectorised for this CPU and threaded like the products
     * (so the arena, written by every BLAS thread, is not pulled through one
     * core): a NaN or Inf element makes the sum NaN or Inf and absolute values
     * cannot cancel, so a finite sum proves every element finite. A sum that
     * is not finite (or overflowed) is settled element by element. */
    if (n >= ASUM_MIN && n <= (size_t)INT_MAX && isfinite(cblas_sasum((int)n, a, 1))) return 1;
    uint32_t acc[LANES] = { 0 }, bad = 0;
    size_t i = 0;
    for (; i + LANES <= n; i += LANES)
        for (int j = 0; j < LANES; j++) acc[j] |= nonfinite_bit(a[i + j]);
    for (; i < n; i++) bad |= nonfinite_bit(a[i]);
    for (int j = 0; j < LANES; j++) bad |= acc[j];
    return bad == 0;
}

/* ---- on a pool ---- */

enum { FINITE_SPLIT_MIN = 1 << 15 };   /* below: one thread (a toy network's arena) */

typedef struct finite_job { const float *a; size_t n; int ok[NN_MAX_THREADS]; } finite_job;

static void finite_part(void *arg, int part, int parts)
{
    finite_job *j = arg;
    size_t lo, hi;
    nn_split(j->n, part, parts, &lo, &hi);
    j->ok[part] = nn_all_finite(j->a + lo, hi - lo);
}

int nn_all_finite_pool(const float *a, size_t n, nn_pool *pool)
{
    const int parts = nn_pool_threads(pool);
    if (parts == 1 || n < FINITE_SPLIT_MIN) return nn_all_finite(a, n);
    finite_job j = { a, n, { 0 } };
    nn_pool_run(pool, finite_part, &j);
    for (int k = 0; k < parts; k++)
        if (!j.ok[k]) return 0;
    return 1;
}
