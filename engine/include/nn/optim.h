/* nn/optim.h - optimizers over plain parameter / gradient arrays.
 *
 * The same code moves a network (its whole parameter arena) and a point on a
 * 2-D loss surface (two floats). With g the gradient and a the learning rate:
 *
 *   sgd       w -= a g
 *   momentum  v = b v + (1-b) g;               w -= a v
 *   rmsprop   s = b s + (1-b) g^2;             w -= a g / (sqrt(s) + eps)
 *   adam      v = b1 v + (1-b1) g;  s = b2 s + (1-b2) g^2;  t += 1
 *             v^ = v / (1 - b1^t),  s^ = s / (1 - b2^t)   (bias correction; optional)
 *             w -= a v^ / (sqrt(s^) + eps)            (Kingma & Ba 2015, Algorithm 1)
 *   adagrad   G += g^2;                        w -= a g / (sqrt(G) + eps)
 *
 * State starts at zero. The struct is plain so views can read the velocity
 * (v) and squared averages (s) directly.
 */
#ifndef NN_OPTIM_H
#define NN_OPTIM_H

#include <stddef.h>
#include "pool.h"

typedef enum nn_optim_kind {
    NN_OPT_SGD, NN_OPT_MOMENTUM, NN_OPT_RMSPROP, NN_OPT_ADAM, NN_OPT_ADAGRAD, NN_OPT_COUNT
} nn_optim_kind;

typedef struct nn_optim_desc {
    nn_optim_kind kind;
    float beta;             /* momentum / rmsprop beta, adam beta1 (default 0.9) */
    float beta2;            /* adam beta2 (default 0.999) */
    float eps;              /* rmsprop / adam / adagrad epsilon (default 1e-8) */
    int   bias_correction;  /* adam only (default 1) */
} nn_optim_desc;

typedef struct nn_optim {
    nn_optim_desc d;
    size_t n;               /* number of parameters */
    long   t;               /* steps taken */
    float *v;               /* (n) velocity / first moment; NULL for sgd, rmsprop, adagrad */
    float *s;               /* (n) squared-gradient average or sum; NULL for sgd, momentum */
} nn_optim;

const char   *nn_optim_name(nn_optim_kind k);
int           nn_optim_from_name(const char *name);    /* -1 if unknown */
nn_optim_desc nn_optim_desc_default(nn_optim_kind k);

nn_optim *nn_optim_create(const nn_optim_desc *d, size_t n);   /* NULL + error on bad desc */
void      nn_optim_destroy(nn_optim *o);
void      nn_optim_reset(nn_optim *o);                         /* zero the state, t = 0 */
/* One update of w (n) from g (n) at learning rate lr. */
void      nn_optim_step(nn_optim *o, float *w, const float *g, float lr);
/* The same update with the arena cut into one range per thread of `pool`
 * (NULL, or fewer than 32768 parameters: one range, on the caller). Each
 * element's arithmetic is the same either way, except SGD's, where the BLAS
 * axpy may round the ends of a range differently (last digits). Returns 1
 * when every updated weight is finite (each range is checked right after
 * its update, while it is in cache), 0 when one is NaN or infinite. */
int       nn_optim_step_pool(nn_optim *o, float *w, const float *g, float lr, nn_pool *pool);

#endif
