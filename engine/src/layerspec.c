/* layerspec.c - the --layers grammar (see nn/layerspec.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "nn/layerspec.h"
#include "nn/parse.h"
#include "nn/status.h"

static const char GRAMMAR[] =
    "N (dense), cFkK[sS][pP] (conv), pK[sS] (max-pool) or dX (dropout), e.g. c8k3,p2,c16k3,p2,64";

/* Grammar limits: each number is range-checked where it is read (a value
 * past the limit is an error, never clamped or wrapped). Whether a kernel
 * fits the image is checked when the model is built (nn_model_desc_check). */
enum { MAX_FILTERS = 1024, MAX_KERNEL = 256, MAX_STRIDE = 256, MAX_UNITS = 65536 };

/* Read the decimal digits at *s into *v if they form a number from lo to hi:
 * 1 and *s past them; 0 (and *v = -1) when there are no digits or the number
 * is out of range. Never overflows. */
static int number(const char **s, long lo, long hi, long *v)
{
    long x = 0;
    const char *p = *s;
    *v = -1;
    if (!isdigit((unsigned char)*p)) return 0;
    for (; isdigit((unsigned char)*p); p++) {
        if (x <= hi) x = x * 10 + (*p - '0');
    }
    *s = p;
    if (x < lo || x > hi) return 0;
    *v = x;
    return 1;
}

/* After letter `key` in *s (e.g. "k3"): 1 if present (*s advanced, *v set, or
 * *v = -1 when the number is missing or outside lo..hi); 0 if absent. */
static int take(const char **s, char key, long lo, long hi, long *v)
{
    if (**s != key) return 0;
    ++*s;
    number(s, lo, hi, v);
    return 1;
}

static int bad(const char *item, const char *why)
{
    return nn_set_error(NN_ERR_ARG, "--layers: '%s' %s; items are %s", item, why, GRAMMAR);
}

int nn_layerspec_is_image(const char *spec)
{
    for (const char *p = spec; *p; p++)
        if ((*p == 'c' || *p == 'p') && (p == spec || p[-1] == ',')) return 1;
    return 0;
}

int nn_layerspec_parse(const char *spec, nn_shape in, int n_out, nn_act act, float slope,
                       nn_init init, nn_loss loss, nn_model_desc *out)
{
    nn_model_desc d = nn_model_desc_default();
    d.in = in;
    d.loss = loss;
    nn_layer_desc a = nn_layer_act(act);
    a.slope = slope;
    int flat = in.h == 1 && in.w == 1;
    long h = in.h, w = in.w;              /* the image size the next item sees */
    char buf[1024];
    if (strlen(spec) >= sizeof buf) return nn_set_error(NN_ERR_ARG, "--layers: the list is too long");
    if (strcmp(spec, "none") != 0 && *spec) {
        snprintf(buf, sizeof buf, "%s", spec);
        if (buf[strlen(buf) - 1] == ',') return bad(spec, "ends with a comma");
        for (char *item = buf, *next; item; item = next) {
            next = strchr(item, ',');
            if (next) *next++ = '\0';
            const char *s = item;
            int rc = 0;
            if (*s == '\0') return bad(spec, "has an empty item");
            char why[96];
            if (isdigit((unsigned char)*s)) {
                long n;
                if (!number(&s, 1, MAX_UNITS, &n) || *s)
                    return bad(item, "is not a layer size from 1 to 65536");
                if (!flat) { rc |= nn_model_add(&d, nn_layer_flatten()); flat = 1; }
                rc |= nn_model_add(&d, nn_layer_dense((int)n, init));
                rc |= nn_model_add(&d, a);
            } else if (*s == 'c') {
                long F = 0, K = 0, S = 1, P = -1;
                s++;
                if (!isdigit((unsigned char)*s)) return bad(item, "needs a filter count after 'c'");
                if (!number(&s, 1, MAX_FILTERS, &F)) {
                    snprintf(why, sizeof why, "needs a filter count from 1 to %d", MAX_FILTERS);
                    return bad(item, why);
                }
                if (!take(&s, 'k', 1, MAX_KERNEL, &K)) return bad(item, "needs a kernel size 'kK'");
                if (K < 0) {
                    snprintf(why, sizeof why, "needs a kernel size from 1 to %d", MAX_KERNEL);
                    return bad(item, why);
                }
                if (take(&s, 's', 1, MAX_STRIDE, &S) && S < 0) {
                    snprintf(why, sizeof why, "needs a stride from 1 to %d", MAX_STRIDE);
                    return bad(item, why);
                }
                if (take(&s, 'p', 0, K - 1, &P) && P < 0) {
                    snprintf(why, sizeof why, "needs a padding from 0 to %ld (less than the kernel)", K - 1);
                    return bad(item, why);
                }
                if (*s) return bad(item, "has extra characters");
                if (flat) return bad(item, "needs image input (a convolution cannot follow a dense layer)");
                if (K > h || K > w) {
                    snprintf(why, sizeof why, "has a kernel larger than the %ldx%ld image it sees", h, w);
                    return bad(item, why);
                }
                if (P < 0) P = K / 2;
                h = (h + 2 * P - K) / S + 1;
                w = (w + 2 * P - K) / S + 1;
                rc |= nn_model_add(&d, nn_layer_conv2d((int)F, (int)K, (int)S, (int)P, init));
                rc |= nn_model_add(&d, a);
            } else if (*s == 'p') {
                long K = 0, S = 0;
                if (!take(&s, 'p', 1, MAX_KERNEL, &K) || K < 0) {
                    snprintf(why, sizeof why, "needs a window size from 1 to %d, e.g. p2", MAX_KERNEL);
                    return bad(item, why);
                }
                if (take(&s, 's', 1, MAX_STRIDE, &S) && S < 0) {
                    snprintf(why, sizeof why, "needs a stride from 1 to %d", MAX_STRIDE);
                    return bad(item, why);
                }
                if (*s) return bad(item, "has extra characters");
                if (flat) return bad(item, "needs image input (pooling cannot follow a dense layer)");
                if (K > h || K > w) {
                    snprintf(why, sizeof why, "has a window larger than the %ldx%ld image it sees", h, w);
                    return bad(item, why);
                }
                if (S <= 0) S = K;
                h = (h - K) / S + 1;
                w = (w - K) / S + 1;
                rc |= nn_model_add(&d, nn_layer_maxpool((int)K, (int)S));
            } else if (*s == 'd') {
                double x;
                if (nn_parse_float("dropout", s + 1, 0.0, 1.0, &x) || !(x < 1.0))
                    return bad(item, "needs a dropout fraction in [0, 1), e.g. d0.25");
                rc |= nn_model_add(&d, nn_layer_dropout((float)x));
            } else {
                return bad(item, "is not a layer");
            }
            if (rc) return nn_set_error(NN_ERR_ARG, "--layers: more than %d layers", NN_MAX_LAYERS);
        }
    }
    int rc = 0;
    if (!flat) rc |= nn_model_add(&d, nn_layer_flatten());
    rc |= nn_model_add(&d, nn_layer_dense(n_out, init));
    if (rc) return nn_set_error(NN_ERR_ARG, "--layers: more than %d layers", NN_MAX_LAYERS);
    *out = d;
    return NN_OK;
}
