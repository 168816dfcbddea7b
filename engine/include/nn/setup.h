/* nn/setup.h - a setup file: every setting of a run, the seed, and where the
 * window was (view, lesson and step), as one small text file a teacher can
 * prepare at home, open in class (`nnlab FILE`, Ctrl+O) or train headless
 * (`nnlab-train --setup FILE`).
 *
 *     # nnlab setup 1
 *     # written by nnlab 0.1.0
 *     data = spiral
 *     layers = 8,8
 *     lr = 0.03
 *     seed = 7
 *     view = playground
 *     lesson = lessons/05_learning_rate.lesson
 *     lesson-step = 3
 *
 * The first line is the header `# nnlab setup 1` (the format's version).
 * Then one `name = value` per line: any setting of nn/config.h (the names of
 * nnlab-train's options, without "--"), and the window's own keys `view`,
 * `lesson` (a lesson file) and `lesson-step` (1 = its first step). Blank
 * lines and lines starting with '#' are ignored; spaces around the name and
 * the value are dropped. A setting the file does not name keeps the value it
 * had (nn_setup_init: the defaults). The window's keys are text here; the
 * window checks them (a view that does not exist, a lesson that does not
 * parse), nnlab-train ignores them.
 *
 * Errors (NN_ERR_ARG or NN_ERR_IO, nn_last_error()) name the file and the
 * line: "demo.setup:4: lr expects a number from 0 to 10, got 'fast'". A
 * missing file, a directory, a file that is not text, a wrong header, an
 * unknown name and a bad value are each refused; on an error *out is
 * unspecified: parse into a scratch nn_setup, keep it only on NN_OK.
 *
 * nn_setup_save writes PATH.tmp and renames it over PATH (nn/file.h).
 */
#ifndef NN_SETUP_H
#define NN_SETUP_H

#include <stddef.h>
#include <stdio.h>

#include "config.h"

#define NN_SETUP_VERSION 1
#define NN_SETUP_HEADER "# nnlab setup 1"
#define NN_SETUP_MAX_BYTES (1 << 20)   /* a larger file is not a setup */
#define NN_SETUP_LINE 4096             /* longest line */

typedef struct nn_setup {
    nn_config cfg;
    char view[64];             /* "" = not given */
    int  view_line;            /* the line that gave it (0: none), for the window's message */
    char lesson[1024];         /* "" = no lesson */
    int  lesson_line;
    int  lesson_step;          /* 1-based; 0 = not given (the lesson's first step) */
} nn_setup;

/* Defaults: nn_config_default(), no view, no lesson. */
void nn_setup_init(nn_setup *s);
/* Parse `len` bytes of text over *s (settings not named keep their values).
 * `name` (the file's name) starts each message. */
int  nn_setup_parse(const char *text, size_t len, const char *name, nn_setup *s);
/* Read and parse a file (a regular file of at most NN_SETUP_MAX_BYTES). */
int  nn_setup_load(const char *path, nn_setup *s);
/* Write the header, every setting of the table in order, then view, lesson
 * and lesson-step when set. `by` (may be NULL) names the writer in a comment. */
int  nn_setup_write(FILE *f, const nn_setup *s, const char *by);
/* nn_setup_write to PATH.tmp, renamed over PATH when complete. */
int  nn_setup_save(const char *path, const nn_setup *s, const char *by);

/* ---- the run's history as nnlab-train's CSV (nnlab-train --csv, the window's export) ---- */

/* "epoch,steps,examples,lr,train_loss,train_acc,dev_loss,dev_acc,test_loss,test_acc,seconds" */
extern const char NN_HISTORY_CSV_HEADER[];
/* One row (accuracy and loss cells empty where the value is absent, < 0). */
void nn_history_csv_row(FILE *f, const nn_metrics *m);
/* The header and `n` rows, written atomically to path. */
int  nn_history_csv_save(const char *path, const nn_metrics *rows, int n);

#endif
