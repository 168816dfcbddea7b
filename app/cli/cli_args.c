/* app/cli/cli_args.c - the engine's strict parsers, printing their one-line
 * message for nnlab-train. */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "cli.h"
#include "nn/file.h"
#include "nn/parse.h"
#include "nn/status.h"

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

static int report(int status)
{
    return status == NN_OK ? 0 : cli_usage_error("%s", nn_last_error());
}

int cli_parse_int(const char *opt, const char *s, long lo, long hi, long *out)
{
    return report(nn_parse_int(opt, s, lo, hi, out));
}

int cli_parse_float(const char *opt, const char *s, double lo, double hi, double *out)
{
    return report(nn_parse_float(opt, s, lo, hi, out));
}

int cli_parse_beta(const char *opt, const char *s, double *out)
{
    double b;
    if (nn_parse_float(opt, s, 0.0, 1.0, &b) != NN_OK || b >= 1.0)
        return cli_usage_error("%s expects a number in [0, 1), got '%s'", opt, s);
    *out = b;
    return 0;
}

int cli_parse_int_list(const char *opt, const char *s, long lo, long hi, int max,
                       int *out, int *count)
{
    return report(nn_parse_int_list(opt, s, lo, hi, max, out, count));
}

int cli_parse_float_list(const char *opt, const char *s, double lo, double hi, int max,
                         float *out, int *count)
{
    return report(nn_parse_float_list(opt, s, lo, hi, max, out, count));
}

int cli_parse_choice(const char *opt, const char *s, const char *(*name)(int), int n, int *out)
{
    return report(nn_parse_choice(opt, s, name, n, out));
}

int cli_out_open(cli_out *o, const char *opt, const char *path)
{
    memset(o, 0, sizeof *o);
    o->path = path;
    o->opt = opt;
    if (!path) return 0;
    if (nn_file_out_open(&o->out, path) != NN_OK) return cli_usage_error("%s: %s", opt, nn_last_error());
    o->f = o->out.f;
    return 0;
}

int cli_out_commit(cli_out *o)
{
    if (!o->f) return 0;
    o->f = NULL;
    if (nn_file_out_commit(&o->out) != NN_OK) return cli_usage_error("%s: %s", o->opt, nn_last_error());
    return 0;
}

void cli_out_abort(cli_out *o)
{
    if (!o->f) return;
    o->f = NULL;
    nn_file_out_abort(&o->out);
}
