/* app/cli/cli.h - nnlab-train: subcommands and the shared option parsers.
 *
 * Every parser prints one line to stderr naming the option, what it accepts
 * and what it got, and returns CLI_EXIT_USAGE; 0 on success.
 */
#ifndef NNLAB_CLI_H
#define NNLAB_CLI_H

#include <stdio.h>

#include "nn/file.h"

enum { CLI_EXIT_OK = 0, CLI_EXIT_FAIL = 1, CLI_EXIT_USAGE = 2, CLI_EXIT_DIVERGED = 3 };

/* A subcommand: `nnlab-train NAME [options]`; argv[0] is NAME. */
typedef struct cli_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
} cli_command;

int cli_train(int argc, char **argv);      /* the default: train a network */
int cli_search(int argc, char **argv);     /* hyperparameter search */
int cli_predict(int argc, char **argv);    /* classify a picture with a saved model */
int cli_surface(int argc, char **argv);    /* an optimizer's path on a 2-D loss surface */
int cli_ewa(int argc, char **argv);        /* exponentially weighted average of a temperature year */
int cli_augment(int argc, char **argv);    /* a PNG grid of augmented training images */
int cli_softmax(int argc, char **argv);    /* one row of logits through the softmax */

struct nn_config;
/* If argv[*i] is a training setting (--lr 0.1, --batchnorm ...), apply it to c
 * and return 1 (advancing *i past its value); 0 if it is not one;
 * CLI_EXIT_USAGE after printing the error. */
int cli_config_option(struct nn_config *c, int argc, char **argv, int *i);
/* Report an unknown option with a "did you mean"; returns CLI_EXIT_USAGE. */
int cli_unknown_option(const char *arg);

/* Print "nnlab-train: <message>" to stderr and return CLI_EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Fetch the value following option argv[*i]; error if missing. */
int cli_value(int argc, char **argv, int *i, const char **value);

int cli_parse_int(const char *opt, const char *s, long lo, long hi, long *out);
int cli_parse_float(const char *opt, const char *s, double lo, double hi, double *out);
/* A beta of an average: a number in [0, 1), which the closed ranges above
 * cannot say; every wrong value gets the same message naming [0, 1). */
int cli_parse_beta(const char *opt, const char *s, double *out);
/* Comma-separated integers, each in [lo, hi]; at most max of them. */
int cli_parse_int_list(const char *opt, const char *s, long lo, long hi, int max,
                       int *out, int *count);
/* Comma-separated floats in [lo, hi]; at most max. */
int cli_parse_float_list(const char *opt, const char *s, double lo, double hi, int max,
                         float *out, int *count);
/* One of a name table (name(i) for i in [0, n)); error lists the choices. */
int cli_parse_choice(const char *opt, const char *s, const char *(*name)(int), int n, int *out);

/* An output file written as PATH.tmp and renamed over PATH only when complete,
 * so a reader (or an interrupted run) never leaves half a file at PATH. */
typedef struct cli_out {
    FILE       *f;           /* NULL when no file was requested */
    const char *path, *opt;
    nn_file_out out;         /* PATH.tmp; a non-regular PATH is refused */
} cli_out;

/* Open `path` for option `opt` (path NULL: nothing to write, returns 0). */
int  cli_out_open(cli_out *o, const char *opt, const char *path);
/* Close and rename into place; 0 or CLI_EXIT_USAGE with a message. */
int  cli_out_commit(cli_out *o);
/* Close and delete the temporary file (safe to call after commit). */
void cli_out_abort(cli_out *o);

/* ---- model files and the image help (cli_images.c) ----
 * Image data, the --layers grammar and --augment are rows of the settings
 * table (nn/config.h); what is left here is nnlab-train's own: --save and
 * --load, and the help that explains the grammars. */

#include "nn/config.h"

typedef struct cli_images {
    const char *save, *load;     /* --save FILE, --load FILE */
} cli_images;

void cli_images_init(cli_images *im);
void cli_images_help(void);
/* Like cli_config_option: 1 consumed (advancing *i), 0 not ours, CLI_EXIT_USAGE on error. */
int  cli_images_option(cli_images *im, int argc, char **argv, int *i);
/* nn_run_open with nnlab-train's wording, the data notice on stderr and --load.
 * Prints its own error; returns 0 or CLI_EXIT_USAGE. */
int  cli_images_open(struct nn_run *r, const struct nn_config *c, const cli_images *im);
/* After training: --save. 0 or CLI_EXIT_USAGE. */
int  cli_images_finish(const cli_images *im, struct nn_run *r);

#endif
