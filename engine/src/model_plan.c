/* model_plan.c - check a model description before anything is allocated
 * (see nn_model_desc_check in nn/model.h).
 *
 * Shapes and counts are worked out in 64-bit arithmetic and compared with
 * the limits in nn/model.h, so a description from a damaged or hostile model
 * file or an absurd --layers list is refused with a message in microseconds
 * instead of allocating gigabytes (or overflowing an int) in layer setup.
 * The formulas are the ones the layer files use (layer_*.c setup).
 */
#include <stdio.h>

#include "nn/model.h"
#include "nn/status.h"

typedef long long i64;

enum { CONV_CHUNK = 32 };   /* examples per im2col (layer_conv2d.c CHUNK) */

static int shape_ok(nn_shape s)
{
    return s.c >= 1 && s.h >= 1 && s.w >= 1 && s.c <= NN_MAX_FEATURES && s.h <= NN_MAX_FEATURES &&
           s.w <= NN_MAX_FEATURES && (i64)s.c * s.h * s.w <= NN_MAX_FEATURES;
}

static int layer_error(int i, nn_layer_kind k, const char *why)
{
    return nn_set_error(NN_ERR_ARG, "layer %d (%s): %s", i, nn_layer_kind_name(k), why);
}

int nn_model_desc_check(const nn_model_desc *d, size_t *n_params)
{
    char why[200];
    if (d->n_layers < 1 || d->n_layers > NN_MAX_LAYERS)
        return nn_set_error(NN_ERR_ARG, "a model needs 1 to %d layers (got %d)", NN_MAX_LAYERS, d->n_layers);
    if (d->in.c < 1 || d->in.h < 1 || d->in.w < 1)
        return nn_set_error(NN_ERR_ARG, "model input shape must be positive (got %dx%dx%d)",
                            d->in.c, d->in.h, d->in.w);
    if (!shape_ok(d->in))
        return nn_set_error(NN_ERR_ARG, "model input of %dx%dx%d values is more than %d",
                            d->in.c, d->in.h, d->in.w, NN_MAX_FEATURES);
    if ((unsigned)d->loss >= NN_LOSS_COUNT) return nn_set_error(NN_ERR_ARG, "unknown loss %d", (int)d->loss);
    nn_shape s = d->in;
    i64 params = 0, bytes = 0;
    for (int i = 0; i < d->n_layers; i++) {
        const nn_layer_desc *l = &d->layers[i];
        const i64 n = (i64)s.c * s.h * s.w;
        i64 p = 0;
        nn_shape out = s;
        switch (l->kind) {
        case NN_LAYER_DENSE:
            if (l->units < 1 || l->units > NN_MAX_FEATURES) {
                snprintf(why, sizeof why, "%d units is not from 1 to %d", l->units, NN_MAX_FEATURES);
                return layer_error(i, l->kind, why);
            }
            if ((unsigned)l->init >= NN_INIT_COUNT) return layer_error(i, l->kind, "unknown initializer");
            p = (i64)l->units * n + (l->no_bias ? 0 : l->units);
            out = (nn_shape){ l->units, 1, 1 };
            break;
        case NN_LAYER_ACT:
            if ((unsigned)l->act >= NN_ACT_COUNT) return layer_error(i, l->kind, "unknown activation");
            break;
        case NN_LAYER_DROPOUT:
            if (!(l->drop >= 0.0f && l->drop < 1.0f))
                return layer_error(i, l->kind, "the dropout fraction must be in [0, 1)");
            break;
        case NN_LAYER_BATCHNORM:
            if (!(l->momentum >= 0.0f && l->momentum < 1.0f) || !(l->bn_eps > 0.0f))
                return layer_error(i, l->kind, "batch norm needs momentum in [0, 1) and eps > 0");
            p = 4 * n;
            bytes += 3 * n * (i64)sizeof(float);
            break;
        case NN_LAYER_CONV2D: {
            const int F = l->units, K = l->kernel, S = l->stride, P = l->pad;
            if (F < 1 || F > NN_MAX_FEATURES) {
                snprintf(why, sizeof why, "%d filters is not from 1 to %d", F, NN_MAX_FEATURES);
                return layer_error(i, l->kind, why);
            }
            if (K < 1 || K > NN_MAX_FEATURES || S < 1 || S > NN_MAX_FEATURES || P < 0 || P >= K) {
                snprintf(why, sizeof why, "kernel %d, stride %d, pad %d: need kernel >= 1, "
                         "stride >= 1, 0 <= pad < kernel", K, S, P);
                return layer_error(i, l->kind, why);
            }
            if ((i64)s.h + 2 * P < K || (i64)s.w + 2 * P < K) {
                snprintf(why, sizeof why, "kernel %d does not fit its %dx%d input (pad %d)",
                         K, s.h, s.w, P);
                return layer_error(i, l->kind, why);
            }
            if ((unsigned)l->init >= NN_INIT_COUNT) return layer_error(i, l->kind, "unknown initializer");
            const i64 oh = ((i64)s.h + 2 * P - K) / S + 1, ow = ((i64)s.w + 2 * P - K) / S + 1;
            const i64 ckk = (i64)s.c * K * K;
            if (oh > NN_MAX_FEATURES || ow > NN_MAX_FEATURES || ckk > NN_MAX_FEATURES)
                return layer_error(i, l->kind, "the layer is too large");
            out = (nn_shape){ F, (int)oh, (int)ow };
            p = (i64)F * ckk + (l->no_bias ? 0 : F);
            bytes += (i64)CONV_CHUNK * oh * ow * (ckk + F) * (i64)sizeof(float);   /* im2col scratch */
            break;
        }
        case NN_LAYER_MAXPOOL: {
            const int K = l->kernel, S = l->stride > 0 ? l->stride : l->kernel;
            if (K < 1 || K > s.h || K > s.w || S > NN_MAX_FEATURES) {
                snprintf(why, sizeof why, "window %d, stride %d: the window must fit the %dx%d input",
                         K, S, s.h, s.w);
                return layer_error(i, l->kind, why);
            }
            out = (nn_shape){ s.c, (s.h - K) / S + 1, (s.w - K) / S + 1 };
            break;
        }
        case NN_LAYER_FLATTEN:
            out = (nn_shape){ (int)n, 1, 1 };
            break;
        default:
            return nn_set_error(NN_ERR_ARG, "layer %d: unknown kind %d", i, (int)l->kind);
        }
        if (!shape_ok(out)) {
            snprintf(why, sizeof why, "its output of %lld values per example is more than %d",
                     (long long)out.c * out.h * out.w, NN_MAX_FEATURES);
            return layer_error(i, l->kind, why);
        }
        params += p;
        if (p > (i64)NN_MAX_PARAMS || params > (i64)NN_MAX_PARAMS)
            return nn_set_error(NN_ERR_ARG, "layer %d (%s): the network would have more than %lld "
                                "parameters", i, nn_layer_kind_name(l->kind), (long long)NN_MAX_PARAMS);
        s = out;
    }
    bytes += 2 * params * (i64)sizeof(float);        /* parameters and gradients */
    if (bytes > (i64)NN_MAX_MODEL_BYTES)
        return nn_set_error(NN_ERR_ARG, "the network would need %lld MiB before any data; the limit "
                            "is %lld MiB", bytes >> 20, (long long)NN_MAX_MODEL_BYTES >> 20);
    if (n_params) *n_params = (size_t)params;
    return NN_OK;
}
