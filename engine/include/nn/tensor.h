/* nn/tensor.h - float32 row-major matrices and the products training needs.
 *
 * Activations are always 2-D: (batch, features), row-major. A layer that
 * thinks in images stores (C, H, W) per row and records the shape itself.
 *
 * Every dense product goes through nn_gemm, which calls cblas_sgemm.
 * nn_gemm_naive is the plain triple loop kept as the reference the tests
 * compare against (and as a reading aid).
 */
#ifndef NN_TENSOR_H
#define NN_TENSOR_H

#include <stddef.h>

#include "pool.h"

/* C (M,N) = alpha * op(A) (M,K) * op(B) (K,N) + beta * C.
 * op(X) = X or X^T according to ta / tb. Leading dimensions are those of the
 * matrices as stored (row-major). */
void nn_gemm(int ta, int tb, int M, int N, int K, float alpha,
             const float *A, int lda, const float *B, int ldb,
             float beta, float *C, int ldc);
void nn_gemm_naive(int ta, int tb, int M, int N, int K, float alpha,
                   const float *A, int lda, const float *B, int ldb,
                   float beta, float *C, int ldc);

/* Threads the BLAS library may use for one product (OpenBLAS). Toy networks
 * want 1: their products are tiny and extra threads only spin and steal the
 * core the window needs. Large image models want the machine's cores. */
void nn_blas_set_threads(int n);

/* Small helpers over flat arrays. */
double nn_dot(const float *a, const float *b, size_t n);   /* accumulates in double */
double nn_norm2(const float *a, size_t n);                 /* sqrt(sum a^2), double accumulation */
int    nn_all_finite(const float *a, size_t n);            /* 1 if no NaN/Inf (exact) */
/* The same, each of the pool's threads checking its nn_split range (pool
 * NULL or a short array: the calling thread). */
int    nn_all_finite_pool(const float *a, size_t n, nn_pool *pool);
/* y += a x (cblas_saxpy: vectorised for this CPU, threaded for long arrays). */
void   nn_axpy(float a, const float *x, float *y, size_t n);

#endif
