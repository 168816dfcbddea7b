/* parse.c - strict parsing of numbers, lists and names (see nn/parse.h). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nn/parse.h"
#include "nn/status.h"

int nn_parse_int(const char *name, const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!(isdigit((unsigned char)*s) || ((*s == '-' || *s == '+') && isdigit((unsigned char)s[1]))) ||
        *end != '\0' || errno == ERANGE || v < lo || v > hi)
        return nn_set_error(NN_ERR_ARG, "%s expects an integer from %ld to %ld, got '%s'", name, lo, hi, s);
    *out = v;
    return NN_OK;
}

/* 1 if s is written as a plain decimal number: [+-]digits[.digits][e[+-]digits].
 * strtod also takes hexadecimal ("0x10"), "inf", "nan" and leading blanks,
 * which a learner never means. */
static int plain_decimal(const char *s)
{
    const char *p = s;
    if (*p == '+' || *p == '-') p++;
    int digits = 0;
    while (isdigit((unsigned char)*p)) { p++; digits++; }
    if (*p == '.') { p++; while (isdigit((unsigned char)*p)) { p++; digits++; } }
    if (!digits) return 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-') p++;
        if (!isdigit((unsigned char)*p)) return 0;
        while (isdigit((unsigned char)*p)) p++;
    }
    return *p == '\0';
}

int nn_parse_float(const char *name, const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = plain_decimal(s) ? strtod(s, &end) : 0.0;
    if (!plain_decimal(s) || *end != '\0' || errno == ERANGE || !isfinite(v) || v < lo || v > hi)
        return nn_set_error(NN_ERR_ARG, "%s expects a number from %g to %g, got '%s'", name, lo, hi, s);
    *out = v;
    return NN_OK;
}

/* Calls item(k, token) for each comma-separated token. */
static int split_list(const char *name, const char *s, int max, int *count,
                      int (*item)(const char *name, const char *tok, int k, void *ctx), void *ctx)
{
    char buf[64];
    int k = 0;
    for (const char *p = s;;) {
        const char *comma = strchr(p, ',');
        const size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == 0) return nn_set_error(NN_ERR_ARG, "%s has an empty item in '%s'", name, s);
        if (len >= sizeof buf) return nn_set_error(NN_ERR_ARG, "%s has an item too long in '%s'", name, s);
        if (k == max) return nn_set_error(NN_ERR_ARG, "%s accepts at most %d items, got '%s'", name, max, s);
        memcpy(buf, p, len);
        buf[len] = '\0';
        if (item(name, buf, k, ctx)) return NN_ERR_ARG;
        k++;
        if (!comma) break;
        p = comma + 1;
    }
    *count = k;
    return NN_OK;
}

typedef struct { long lo, hi; int *out; double flo, fhi; float *fout; } list_ctx;

static int int_item(const char *name, const char *tok, int k, void *ctx)
{
    list_ctx *c = ctx;
    long v = 0;
    if (nn_parse_int(name, tok, c->lo, c->hi, &v)) return NN_ERR_ARG;
    c->out[k] = (int)v;
    return NN_OK;
}

static int float_item(const char *name, const char *tok, int k, void *ctx)
{
    list_ctx *c = ctx;
    double v = 0;
    if (nn_parse_float(name, tok, c->flo, c->fhi, &v)) return NN_ERR_ARG;
    c->fout[k] = (float)v;
    return NN_OK;
}

int nn_parse_int_list(const char *name, const char *s, long lo, long hi, int max,
                      int *out, int *count)
{
    list_ctx c = { .lo = lo, .hi = hi, .out = out };
    return split_list(name, s, max, count, int_item, &c);
}

int nn_parse_float_list(const char *name, const char *s, double lo, double hi, int max,
                        float *out, int *count)
{
    list_ctx c = { .flo = lo, .fhi = hi, .fout = out };
    return split_list(name, s, max, count, float_item, &c);
}

int nn_parse_choice(const char *name, const char *s, const char *(*name_of)(int), int n, int *out)
{
    for (int i = 0; i < n; i++)
        if (strcmp(s, name_of(i)) == 0) { *out = i; return NN_OK; }
    char choices[256] = "";
    for (int i = 0; i < n; i++) {
        strncat(choices, name_of(i), sizeof choices - strlen(choices) - 1);
        if (i + 1 < n) strncat(choices, "|", sizeof choices - strlen(choices) - 1);
    }
    return nn_set_error(NN_ERR_ARG, "%s expects %s, got '%s'", name, choices, s);
}
