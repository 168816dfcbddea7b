/* app/cli/cli_args.c - strict option parsing with one clear message per error. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("nnlab-train: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return CLI_EXIT_USAGE;
}

int cli_value(int argc, char **argv, int *i, const char **value)
{
    if (*i + 1 >= argc) return cli_usage_error("%s needs a value (see --help)", argv[*i]);
    *value = argv[++*i];
    return 0;
}

int cli_parse_int(const char *opt, const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || errno == ERANGE || v < lo || v > hi)
        return cli_usage_error("%s expects an integer from %ld to %ld, got '%s'", opt, lo, hi, s);
    *out = v;
    return 0;
}

int cli_parse_float(const char *opt, const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*s == '\0' || *end != '\0' || errno == ERANGE || !isfinite(v) || v < lo || v > hi)
        return cli_usage_error("%s expects a number from %g to %g, got '%s'", opt, lo, hi, s);
    *out = v;
    return 0;
}

/* Split on commas; an empty item (",," or a trailing comma) is an error. */
static int for_each_item(const char *opt, const char *s, int max, int *count,
                         int (*item)(const char *opt, const char *tok, int k, void *ctx), void *ctx)
{
    char buf[64];
    int k = 0;
    const char *p = s;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == 0) return cli_usage_error("%s has an empty item in '%s'", opt, s);
        if (len >= sizeof buf) return cli_usage_error("%s item too long in '%s'", opt, s);
        if (k == max) return cli_usage_error("%s accepts at most %d items, got '%s'", opt, max, s);
        memcpy(buf, p, len);
        buf[len] = '\0';
        if (item(opt, buf, k, ctx)) return CLI_EXIT_USAGE;
        k++;
        if (!comma) break;
        p = comma + 1;
    }
    *count = k;
    return 0;
}

typedef struct { long lo, hi; int *out; double flo, fhi; float *fout; } list_ctx;

static int int_item(const char *opt, const char *tok, int k, void *ctx)
{
    list_ctx *c = ctx;
    long v = 0;
    if (cli_parse_int(opt, tok, c->lo, c->hi, &v)) return 1;
    c->out[k] = (int)v;
    return 0;
}

static int float_item(const char *opt, const char *tok, int k, void *ctx)
{
    list_ctx *c = ctx;
    double v = 0;
    if (cli_parse_float(opt, tok, c->flo, c->fhi, &v)) return 1;
    c->fout[k] = (float)v;
    return 0;
}

int cli_parse_int_list(const char *opt, const char *s, long lo, long hi, int max,
                       int *out, int *count)
{
    list_ctx c = { .lo = lo, .hi = hi, .out = out };
    return for_each_item(opt, s, max, count, int_item, &c);
}

int cli_parse_float_list(const char *opt, const char *s, double lo, double hi, int max,
                         float *out, int *count)
{
    list_ctx c = { .flo = lo, .fhi = hi, .fout = out };
    return for_each_item(opt, s, max, count, float_item, &c);
}

int cli_parse_choice(const char *opt, const char *s, const char *(*name)(int), int n, int *out)
{
    for (int i = 0; i < n; i++)
        if (strcmp(s, name(i)) == 0) { *out = i; return 0; }
    char choices[256] = "";
    for (int i = 0; i < n; i++) {
        strncat(choices, name(i), sizeof choices - strlen(choices) - 1);
        if (i + 1 < n) strncat(choices, "|", sizeof choices - strlen(choices) - 1);
    }
    return cli_usage_error("%s expects %s, got '%s'", opt, choices, s);
}
