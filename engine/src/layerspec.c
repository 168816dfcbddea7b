/* layerspec.c - the --layers grammar (see nn/layerspec.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn/layerspec.h"
#include "nn/status.h"

static const char GRAMMAR[] =
    "N (dense), cFkK[sS][pP] (conv), pK[sS] (max-pool) or dX (dropout), e.g. c8k3,p2,c16k3,p2,64";

/* Read a positive integer after letter `key` in *s (e.g. "k3"); 0 if absent. */
static int take(const char **s, char key, int *v)
{
    if (**s != key || !isdigit((unsigned char)(*s)[1])) return 0;
    char *end;
    long x = strtol(*s + 1, &end, 10);
    if (x > 100000) x = 100000;
    *v = (int)x;
    *s = end;
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
            if (isdigit((unsigned char)*s)) {
                char *end;
                long n = strtol(s, &end, 10);
                if (*end || n < 1 || n > 65536) return bad(item, "is not a layer size from 1 to 65536");
                if (!flat) { rc |= nn_model_add(&d, nn_layer_flatten()); flat = 1; }
                rc |= nn_model_add(&d, nn_layer_dense((int)n, init));
                rc |= nn_model_add(&d, a);
            } else if (*s == 'c') {
                int F = 0, K = 0, S = 1, P = -1;
                s++;
                char *end;
                F = (int)strtol(s, &end, 10);
                if (end == s) return bad(item, "needs a filter count after 'c'");
                s = end;
                if (!take(&s, 'k', &K)) return bad(item, "needs a kernel size 'kK'");
                take(&s, 's', &S);
                take(&s, 'p', &P);
                if (*s) return bad(item, "has extra characters");
                if (flat) return bad(item, "needs image input (a convolution cannot follow a dense layer)");
                if (F < 1 || K < 1 || S < 1) return bad(item, "needs filters, kernel and stride >= 1");
                rc |= nn_model_add(&d, nn_layer_conv2d(F, K, S, P < 0 ? K / 2 : P, init));
                rc |= nn_model_add(&d, a);
            } else if (*s == 'p') {
                int K = 0, S = 0;
                if (!take(&s, 'p', &K) || K < 1) return bad(item, "needs a window size, e.g. p2");
                take(&s, 's', &S);
                if (*s) return bad(item, "has extra characters");
                if (flat) return bad(item, "needs image input (pooling cannot follow a dense layer)");
                rc |= nn_model_add(&d, nn_layer_maxpool(K, S > 0 ? S : K));
            } else if (*s == 'd') {
                char *end;
                double x = strtod(s + 1, &end);
                if (end == s + 1 || *end || !(x >= 0.0 && x < 1.0))
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
