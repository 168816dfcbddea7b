/* tensor.c - products through cblas_sgemm, and the naive reference. */
#include <cblas.h>
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

int nn_all_finite(const float *a, size_t n)
{
    /* A float is NaN or Inf exactly when its 8 exponent bits are all ones. An
     * integer OR-reduction over those bits vectorises (a float sum would not:
     * without -ffast-math its additions must stay in order, one at a time). */
    uint32_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t u;
        memcpy(&u, a + i, sizeof u);
        bad |= (uint32_t)((u & 0x7f800000u) == 0x7f800000u);
    }
    return bad == 0;
}
