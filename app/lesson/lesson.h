/* app/lesson/lesson.h - guided lessons: the parsed form of a .lesson file.
 *
 * A lesson is a plain-text file a teacher writes (the grammar is documented
 * in lessons/README.md). Parsing turns it into plain read-only data:
 * lesson -> steps -> actions (+ narration paragraphs). The in-app player walks
 * it with lesson_session (lesson_session.h); `nnlab --check-lesson` and
 * `--run-lesson` use lesson_check_file / lesson_run_file below.
 *
 *     lesson_error e;
 *     lesson *L = lesson_parse_file("lessons/01_parameters.lesson", &e);
 *     if (!L) { fprintf(stderr, "%s\n", e.text); return 2; }   // "file:12: unknown ..."
 *     for (int k = 0; k < L->n_steps; k++) puts(L->steps[k].title);
 *     lesson_free(L);
 *
 * Robustness: any input (binary, huge, truncated) gives either a lesson or
 * one error with file and line; never a crash. Limits are the LESSON_MAX_*
 * constants below, so memory is bounded by the file-size limit.
 * No SDL here: the parser and the runner are tested and fuzzed alone.
 * Ownership: lesson_parse* returns an owned lesson; free it with lesson_free.
 * Thread-safety: a parsed lesson is immutable and may be read from any thread.
 */
#ifndef NNLAB_LESSON_H
#define NNLAB_LESSON_H

#include <stddef.h>
#include <stdio.h>

#include "nn/config.h"

#define LESSON_MAX_BYTES    (256 * 1024) /* a lesson file */
#define LESSON_MAX_LINE     1000         /* characters per line */
#define LESSON_MAX_STEPS    100
#define LESSON_MAX_ACTIONS  64           /* per step (and in the header) */
#define LESSON_MAX_PARAS    40           /* narration paragraphs per step */
#define LESSON_MAX_PARA     4000         /* characters per paragraph */
#define LESSON_MAX_RUNS     4            /* runs in one comparison */
#define LESSON_MAX_COMPARED 4            /* settings changed by one comparison */
#define LESSON_MAX_NAMES    8            /* controls in one highlight/lock/hide line */
#define LESSON_NAME         24           /* names: settings, views, labels, controls */
#define LESSON_VALUE        64           /* a setting's value as text */
#define LESSON_TITLE        120
#define LESSON_MAX_AFTER    4     /* lessons an `after:` line may name */
#define LESSON_AFTER_NAME   64

typedef enum lesson_kind {
    LESSON_VIEW,       /* view: race */
    LESSON_SET,        /* set: lr = 0.03 */
    LESSON_RUN,        /* run: 30 epochs | 200 updates | 6000 examples | until COND | 300 surface updates */
    LESSON_RESET,      /* reset: same seed | new seed | surface */
    LESSON_COMPARE,    /* compare: batch = 1 | 32 | all  (+ labels:) ; compare: off */
    LESSON_HIGHLIGHT,  /* highlight: lr            (this step only) */
    LESSON_LOCK,       /* lock: layers, act        (until unlocked) */
    LESSON_UNLOCK,     /* unlock: layers | all */
    LESSON_HIDE,       /* hide: dropout, l2        (until shown) */
    LESSON_SHOW,       /* show: dropout | all */
    LESSON_WAIT,       /* wait: next | COND  (+ learner: lines) */
    LESSON_CHECK,      /* check: COND */
    LESSON_KIND_COUNT
} lesson_kind;

typedef enum lesson_unit {
    LESSON_EPOCHS, LESSON_UPDATES, LESSON_EXAMPLES, LESSON_UNTIL,
    LESSON_SURFACE_UPDATES          /* updates of every shown optimizer of the surface lab */
} lesson_unit;

/* What a reference measures: the network's run(s), or one of the labs. */
typedef enum lesson_lab {
    LESSON_LAB_NONE,                /* a run's metric or setting */
    LESSON_LAB_SURFACE,             /* adam.dist: an optimizer of the surface lab (lane = nn_optim_kind) */
    LESSON_LAB_EWA                  /* ewa.raw(1): the averages lab (arg = the day or k) */
} lesson_lab;

typedef enum lesson_op {
    LESSON_TRUTH,      /* a bare boolean metric: `diverged`, `not stopped` */
    LESSON_LT, LESSON_LE, LESSON_GT, LESSON_GE, LESSON_EQ, LESSON_NE,
    LESSON_ABOUT       /* `~`: equal within 1% */
} lesson_op;

typedef enum lesson_fn {
    LESSON_FN_NONE,    /* the value now */
    LESSON_FN_RISES,   /* rises(M, N): epochs (of the last N) at which M went up */
    LESSON_FN_SPREAD,  /* spread(M, N): max - min of M over the last N epochs */
    LESSON_FN_MIN, LESSON_FN_MAX,   /* over the last N epochs (default the whole history) */
    LESSON_FN_FIRST,   /* first(M): before training (history row 0) */
    LESSON_FN_COUNT
} lesson_fn;

#define LESSON_LAYER_LAST (-1)     /* grad_norm(last): the output layer */

typedef enum lesson_operand_kind { LESSON_NUMBER, LESSON_REF, LESSON_WORD } lesson_operand_kind;

typedef struct lesson_operand {
    lesson_operand_kind kind;
    double    number;               /* NUMBER: the value; REF: a factor (2 * x), 1 if none */
    char      word[LESSON_VALUE];   /* WORD: text compared with a setting (act == tanh) */
    char      label[LESSON_NAME];   /* REF: the compared run ("" = the single run) */
    char      name[LESSON_NAME];    /* REF: a metric (lesson_metric_find >= 0) or a setting */
    int       metric;               /* index into the metric table, or -1 for a setting */
    lesson_fn fn;
    int       window;               /* rises/spread/min/max: last N history rows; 0 = all */
    lesson_lab lab;                 /* REF of a lab: label = the optimizer or "ewa", name = its metric */
    int       lane;                 /* SURFACE: nn_optim_kind */
    int       arg;                  /* EWA: the day (1..365) or k of weight(k);
                                       a layer metric (grad_norm(1)): the layer as the learner
                                       counts it, 1 = the hidden layer next to the input, or
                                       LESSON_LAYER_LAST (the output layer) */
} lesson_operand;

typedef struct lesson_cond {
    lesson_op      op;
    int            negate;          /* TRUTH only: `not diverged` */
    lesson_operand a, b;            /* b unused for TRUTH */
    char           text[160];       /* as written, for display */
} lesson_cond;

typedef struct lesson_compare {
    int  n_runs;                    /* 0 = `compare: off` */
    int  n_settings;
    char labels[LESSON_MAX_RUNS][LESSON_NAME];
    char names[LESSON_MAX_COMPARED][LESSON_NAME];
    char values[LESSON_MAX_COMPARED][LESSON_MAX_RUNS][LESSON_VALUE];
} lesson_compare;

typedef struct lesson_action {
    lesson_kind kind;
    int         line;               /* 1-based line in the file */
    int         learner;            /* 1: a `learner:` line - what a diligent learner does
                                       to satisfy the wait before it; done only headless */
    char        name[LESSON_NAME];  /* VIEW: view id; SET: setting */
    char        value[LESSON_VALUE];/* SET: value as text */
    lesson_unit unit;               /* RUN */
    long        count;              /* RUN: how many units; RESET: 1 = new seed, 2 = the surface lab */
    int         next;               /* WAIT: 1 = `wait: next` */
    lesson_cond cond;               /* RUN until, WAIT (unless next), CHECK */
    int         n_names;            /* HIGHLIGHT..SHOW: control names ("all" allowed to undo) */
    char        names[LESSON_MAX_NAMES][LESSON_NAME];
    lesson_compare cmp;             /* COMPARE */
} lesson_action;

typedef struct lesson_step {
    char           title[LESSON_TITLE];
    int            line;
    char         **paras;           /* narration paragraphs, *emphasis* kept as written */
    int            n_paras;
    lesson_action *actions;         /* in file order */
    int            n_actions;
} lesson_step;

typedef struct lesson {
    char           file[256];       /* as given to the parser, for messages */
    char           title[LESSON_TITLE];
    char          *summary;         /* one paragraph */
    int            order;           /* position in the lesson browser */
    /* `after: 13_averages, 14_momentum_rmsprop_adam`: lessons to take first,
     * by file name without .lesson, in the same folder */
    char           after[LESSON_MAX_AFTER][LESSON_AFTER_NAME];
    int            n_after;
    int            after_line;
    lesson_action *setup;           /* header actions (set, view, lock, hide): before step 1 */
    int            n_setup;
    lesson_step   *steps;
    int            n_steps;
} lesson;

typedef struct lesson_error {
    int  line;                      /* 0 when about the whole file */
    char msg[300];                  /* what is wrong, with a hint */
    char text[600];                 /* "file:line: msg", ready to show */
} lesson_error;

/* Parse a lesson from a file / from memory (`name` is used in messages).
 * NULL on any error, with *err filled (err may be NULL). */
lesson *lesson_parse_file(const char *path, lesson_error *err);
lesson *lesson_parse(const char *text, size_t len, const char *name, lesson_error *err);
void    lesson_free(lesson *L);                     /* NULL is a no-op */

/* The configuration a lesson starts from: defaults + the header's set: lines. */
nn_config lesson_base_config(const lesson *L);
/* "set lr = 0.03", "run 30 epochs", "check dev_acc >= 0.9" ... for display. */
void lesson_action_text(const lesson_action *a, char *buf, size_t n);

/* Narration emphasis: split a paragraph into spans; *word* is emphasised.
 * Returns the number of spans (at most max). */
typedef struct lesson_span { const char *text; int len; int emphasis; } lesson_span;
int lesson_spans(const char *para, lesson_span *out, int max);

/* ---- the vocabulary, kept in one place (lesson_vocab.c) ---- */

const char *lesson_kind_name(lesson_kind k);        /* the keyword: "view", "set" ... */
/* Views a lesson may choose: the program's views (app/views/view_list.h). */
int         lesson_view_known(const char *id);
const char *const *lesson_view_names(int *n);    /* all of them, in tab order */
/* A control name for highlight/lock/hide: a setting name (of the network or
 * of a lab) or one of the player's controls. */
int         lesson_control_known(const char *name);
/* 1 if name belongs to a lab ("surface.adam.lr", "ewa.beta"): set with the
 * lab's own slab_set / ewa_lab_set, not in the network's configuration. */
int         lesson_lab_setting(const char *name);
/* NN_OK, or NN_ERR_ARG with nn_last_error() naming setting and value (with
 * "did you mean" for an unknown name). */
int         lesson_lab_check(const char *name, const char *value);
/* Metrics usable in conditions; -1 if unknown. */
int         lesson_metric_find(const char *name);
const char *lesson_metric_name(int i);
/* The metric as a noun for the learner: "training loss", "number of updates". */
const char *lesson_metric_noun(int i);
/* The closest name among all of a kind, for "did you mean" (NULL if none is close). */
const char *lesson_suggest(const char *word, const char *const *names, int n);

/* ---- headless use: `nnlab --check-lesson FILE` / `nnlab --run-lesson FILE` ---- */

/* Parse and validate; prints "FILE: OK (N steps)" to out or the error to err.
 * Returns 0 or 2. */
int lesson_check_file(const char *path, FILE *out, FILE *err);
/* Execute every step without a window and evaluate every checkpoint; prints one
 * line per step, e.g. `step 3/7 "Title": PASS dev_acc=0.962 >= 0.9`.
 * Returns 0 all pass, 1 a checkpoint failed, 2 the file is invalid or a run
 * could not be built (that error is printed to err, the step lines to out). */
int lesson_run_file(const char *path, FILE *out, FILE *err);

/* ---- the lesson browser: every *.lesson in a directory, by order ---- */

typedef struct lesson_entry {
    char path[512];
    char title[LESSON_TITLE];
    char summary[600];              /* shortened if longer */
    int  order;
    int  n_steps;
    char after[LESSON_MAX_AFTER][LESSON_AFTER_NAME];   /* lessons to take first (file names) */
    int  n_after;
    int  ok;                        /* 0: the file is broken; error says why */
    char error[600];
} lesson_entry;

/* Fills at most max entries sorted by (order, path); returns the count or -1
 * if the directory cannot be read. Broken files are listed with ok = 0. */
int lesson_catalog(const char *dir, lesson_entry *out, int max);

#endif
