/* app/lesson/lesson_parse.c - .lesson text -> lesson (see lessons/README.md).
 *
 * Line by line, no backtracking. A line is one of:
 *   blank                  ends a narration paragraph
 *   # ...                  a comment
 *   word: value            an action, when `word` is a keyword (any case), or an
 *                          error when it is an unknown all-lowercase word
 *   anything else          narration (a leading space or backslash forces this)
 * The parser keeps the configuration and the comparison in force as it goes,
 * so every setting, value, run label and condition is checked where it is
 * written and the error names that line.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "labs/ewa_lab.h"
#include "labs/surface_lab.h"
#include "lesson/lesson_internal.h"
#include "nn/file.h"
#include "nn/status.h"

/* Keywords that are not actions. */
enum { K_LESSON = LESSON_KIND_COUNT, K_ORDER, K_SUMMARY, K_STEP, K_LABELS, K_LEARNER, K_AFTER, K_COUNT };
static const char *const EXTRA[] = { "lesson", "order", "summary", "step", "labels", "learner", "after" };

static const char *keyword_name(int k)
{
    return k < LESSON_KIND_COUNT ? lesson_kind_name((lesson_kind)k) : EXTRA[k - LESSON_KIND_COUNT];
}

typedef struct parser {
    const char   *file;
    int           line;
    lesson       *L;
    lesson_error *err;
    nn_config     cfg;                       /* the configuration in force here */
    int           cmp_n;                     /* runs of the comparison in force (0: one run) */
    char          cmp_labels[LESSON_MAX_RUNS][LESSON_NAME];
    char          cmp_names[LESSON_MAX_COMPARED][LESSON_NAME];
    int           cmp_settings;
    int           wait_line;                 /* a `wait: COND` still without learner lines */
    int           after_wait;                /* the last action was a wait COND or a learner line */
    char         *para;                      /* the paragraph being collected */
    size_t        para_len;
    int           para_line;
    int           have_order;
} parser;

static int fail(parser *p, const char *fmt, ...)
{
    if (!p->err) return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->msg, sizeof p->err->msg, fmt, ap);
    va_end(ap);
    p->err->line = p->line;
    if (p->line > 0) snprintf(p->err->text, sizeof p->err->text, "%s:%d: %s", p->file, p->line, p->err->msg);
    else snprintf(p->err->text, sizeof p->err->text, "%s: %s", p->file, p->err->msg);
    return -1;
}

static lesson_step *cur_step(parser *p) { return p->L->n_steps ? &p->L->steps[p->L->n_steps - 1] : NULL; }

/* ---- narration ---- */

static int flush_para(parser *p)
{
    if (!p->para) return 0;
    lesson_step *s = cur_step(p);
    char *text = p->para;
    p->para = NULL;
    p->para_len = 0;
    if (!s) {
        if (p->L->summary) {
            free(text);
            const int at = p->line;
            p->line = p->para_line;
            fail(p, "the summary is one paragraph; put narration after a 'step:' line");
            p->line = at;
            return -1;
        }
        p->L->summary = text;
        return 0;
    }
    if (s->n_paras >= LESSON_MAX_PARAS) {
        free(text);
        return fail(p, "a step has at most %d paragraphs; split it into two steps", LESSON_MAX_PARAS);
    }
    char **grown = realloc(s->paras, sizeof *grown * (size_t)(s->n_paras + 1));
    if (!grown) { free(text); return fail(p, "out of memory"); }
    s->paras = grown;
    s->paras[s->n_paras++] = text;
    return 0;
}

/* Append a narration line. `own_line`: keep it on a line of its own (list
 * items "- ..." and indented lines such as formulas); otherwise the line
 * continues the paragraph after a space. */
static int add_text(parser *p, const char *text, size_t n, int own_line)
{
    if (n == 0) return 0;
    const size_t need = p->para_len + (p->para ? 1 : 0) + n;
    if (need > LESSON_MAX_PARA)
        return fail(p, "a paragraph is longer than %d characters; add a blank line to split it", LESSON_MAX_PARA);
    char *grown = realloc(p->para, need + 1);
    if (!grown) return fail(p, "out of memory");
    if (!p->para) p->para_line = p->line;
    else grown[p->para_len++] = own_line || (text[0] == '-' && n > 1 && text[1] == ' ') ? '\n' : ' ';
    p->para = grown;
    memcpy(p->para + p->para_len, text, n);
    p->para_len += n;
    p->para[p->para_len] = '\0';
    return 0;
}

/* ---- small helpers ---- */

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) s[--n] = '\0';
    return s;
}

static int valid_label(const char *s)
{
    if (!isalpha((unsigned char)s[0])) return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-') return 0;
    return 1;
}

static int copy_name(parser *p, char *dst, const char *src, const char *what)
{
    if (strlen(src) >= LESSON_NAME) return fail(p, "%s '%.30s...' is too long", what, src);
    snprintf(dst, LESSON_NAME, "%s", src);
    return 0;
}

/* Split "a | b | c" (or "a, b") in place; returns the count or -1 if more than max. */
static int split(char *s, char sep, char **out, int max)
{
    int n = 0;
    for (;;) {
        char *e = strchr(s, sep);
        if (e) *e = '\0';
        if (n == max) return -1;
        out[n++] = trim(s);
        if (!e) return n;
        s = e + 1;
    }
}

static lesson_action *new_action(parser *p, lesson_kind kind, int learner)
{
    lesson_step *s = cur_step(p);
    lesson_action **arr = s ? &s->actions : &p->L->setup;
    int *n = s ? &s->n_actions : &p->L->n_setup;
    if (*n >= LESSON_MAX_ACTIONS) {
        fail(p, "at most %d actions per step; split the step", LESSON_MAX_ACTIONS);
        return NULL;
    }
    lesson_action *grown = realloc(*arr, sizeof *grown * (size_t)(*n + 1));
    if (!grown) { fail(p, "out of memory"); return NULL; }
    *arr = grown;
    lesson_action *a = &grown[(*n)++];
    memset(a, 0, sizeof *a);
    a->kind = kind;
    a->line = p->line;
    a->learner = learner;
    return a;
}

/* ---- actions ---- */

static int compared(const parser *p, const char *name)
{
    for (int i = 0; i < p->cmp_settings && p->cmp_n; i++)
        if (strcmp(p->cmp_names[i], name) == 0) return 1;
    return 0;
}

static int do_set(parser *p, char *v, int learner)
{
    char *eq = strchr(v, '=');
    char *name = v, *value = (char *)"";
    if (eq) { *eq = '\0'; value = trim(eq + 1); }
    name = trim(name);
    if (!*name) return fail(p, "set expects NAME = VALUE, e.g. 'set: lr = 0.03'");
    if (lesson_lab_setting(name)) {
        /* A lab's setting: checked by the lab's own rules; not part of the network's configuration. */
        if (!eq) return fail(p, "set %s needs a value: 'set: %s = VALUE'", name, name);
        if (lesson_lab_check(name, value)) return fail(p, "%s", nn_last_error());
        if (strlen(name) >= LESSON_NAME) return fail(p, "setting '%.30s...' is too long", name);
        if (strlen(value) >= LESSON_VALUE) return fail(p, "the value of %s is too long", name);
        lesson_action *a = new_action(p, LESSON_SET, learner);
        if (!a) return -1;
        snprintf(a->name, sizeof a->name, "%s", name);
        snprintf(a->value, sizeof a->value, "%s", value);
        return 0;
    }
    if (!eq) {
        int n;
        const nn_setting *s = nn_config_settings(&n);
        for (int i = 0; i < n; i++)
            if (strcmp(s[i].name, name) == 0 && s[i].arg)
                return fail(p, "set %s needs a value: 'set: %s = %s'", name, name, s[i].arg);
    }
    if (nn_config_set(&p->cfg, name, value, NULL)) return fail(p, "%s", nn_last_error());
    if (compared(p, name))
        return fail(p, "'%s' is what the comparison in force varies; change it with a new compare: line", name);
    if (strlen(value) >= LESSON_VALUE) return fail(p, "the value of %s is too long", name);
    lesson_action *a = new_action(p, LESSON_SET, learner);
    if (!a) return -1;
    snprintf(a->name, sizeof a->name, "%s", name);
    snprintf(a->value, sizeof a->value, "%s", value);
    return 0;
}

static int do_run(parser *p, char *v, int learner)
{
    static const struct { const char *word; lesson_unit unit; long max; } UNITS[] = {
        { "epochs", LESSON_EPOCHS, 100000 },      { "epoch", LESSON_EPOCHS, 100000 },
        { "updates", LESSON_UPDATES, 100000000 }, { "update", LESSON_UPDATES, 100000000 },
        { "steps", LESSON_UPDATES, 100000000 },   { "step", LESSON_UPDATES, 100000000 },
        { "examples", LESSON_EXAMPLES, 1000000000 }, { "example", LESSON_EXAMPLES, 1000000000 },
        { "surface updates", LESSON_SURFACE_UPDATES, 1000000 },
        { "surface update", LESSON_SURFACE_UPDATES, 1000000 },
    };
    lesson_action *a;
    if (strncmp(v, "until", 5) == 0 && (v[5] == ' ' || v[5] == '\t')) {
        lesson_cond c;
        char msg[300];
        if (lesson_cond_parse(trim(v + 5), p->cmp_labels, p->cmp_n, &p->cfg, &c, msg, sizeof msg))
            return fail(p, "%s", msg);
        if (c.a.lab || c.b.lab)
            return fail(p, "run until trains the network; for a lab say how far, e.g. 'run: 300 surface "
                           "updates', then 'check: %s'", c.text);
        if (!(a = new_action(p, LESSON_RUN, learner))) return -1;
        a->unit = LESSON_UNTIL;
        a->cond = c;
        return 0;
    }
    char *end;
    errno = 0;
    const long n = strtol(v, &end, 10);
    const char *unit = trim(end);
    if (end == v || !isdigit((unsigned char)*v))
        return fail(p, "run expects 'N epochs', 'N updates', 'N examples', 'until CONDITION' or "
                       "'N surface updates', got '%s'", v);
    const char *words[sizeof UNITS / sizeof UNITS[0]];
    for (size_t i = 0; i < sizeof UNITS / sizeof UNITS[0]; i++) {
        words[i] = UNITS[i].word;
        if (strcmp(unit, UNITS[i].word) != 0) continue;
        if (errno == ERANGE || n < 1 || n > UNITS[i].max)
            return fail(p, "run: %s must be from 1 to %ld, got '%s'", UNITS[i].word, UNITS[i].max, v);
        if (!(a = new_action(p, LESSON_RUN, learner))) return -1;
        a->unit = UNITS[i].unit;
        a->count = n;
        return 0;
    }
    const char *best = lesson_suggest(unit, words, (int)(sizeof words / sizeof words[0]));
    if (best) return fail(p, "run: unknown unit '%s' (did you mean '%s'?)", unit, best);
    return fail(p, "run: after the number say epochs, updates, examples or surface updates, got '%s'", v);
}

static int do_reset(parser *p, const char *v, int learner)
{
    int fresh;
    if (!*v || strcmp(v, "same seed") == 0) fresh = 0;
    else if (strcmp(v, "new seed") == 0) fresh = 1;
    else if (strcmp(v, "surface") == 0) fresh = 2;
    else return fail(p, "reset expects 'same seed' (back to the same start), 'new seed' or 'surface' "
                        "(every optimizer back to its start), got '%s'", v);
    lesson_action *a = new_action(p, LESSON_RESET, learner);
    if (!a) return -1;
    a->count = fresh;
    return 0;
}

static lesson_action *last_action(parser *p)
{
    lesson_step *s = cur_step(p);
    return s && s->n_actions ? &s->actions[s->n_actions - 1] : NULL;
}

static int do_compare(parser *p, char *v)
{
    if (strcmp(v, "off") == 0) {
        if (!p->cmp_n) return fail(p, "compare: off, but no comparison is running");
        lesson_action *a = new_action(p, LESSON_COMPARE, 0);
        if (!a) return -1;
        p->cmp_n = p->cmp_settings = 0;
        return 0;
    }
    char *eq = strchr(v, '=');
    if (!eq) return fail(p, "compare expects NAME = V1 | V2 ..., e.g. 'compare: batch = 1 | 32 | all'");
    *eq = '\0';
    char *name = trim(v), *vals[LESSON_MAX_RUNS];
    if (lesson_lab_setting(name))
        return fail(p, "compare runs networks side by side; '%s' is a lab's setting (the surface lab "
                       "already races every optimizer: set each one's rate, e.g. 'set: surface.adam.lr = 0.05')", name);
    const int n = split(eq + 1, '|', vals, LESSON_MAX_RUNS);
    if (n < 0) return fail(p, "compare: at most %d runs side by side", LESSON_MAX_RUNS);
    if (n < 2) return fail(p, "compare needs two or more values separated by '|', e.g. 'batch = 1 | all'");
    lesson_action *prev = last_action(p);
    lesson_action *a = prev && prev->kind == LESSON_COMPARE && !prev->learner && prev->cmp.n_runs ? prev : NULL;
    if (a && a->cmp.n_runs != n)
        return fail(p, "this compare line has %d values but the one above has %d; every line of one "
                       "comparison gives one value per run", n, a->cmp.n_runs);
    if (a && a->cmp.n_settings >= LESSON_MAX_COMPARED)
        return fail(p, "a comparison varies at most %d settings", LESSON_MAX_COMPARED);
    for (int i = 0; a && i < a->cmp.n_settings; i++)
        if (strcmp(a->cmp.names[i], name) == 0) return fail(p, "'%s' is already compared above", name);
    nn_config scratch = p->cfg;
    for (int r = 0; r < n; r++) {
        if (!*vals[r]) return fail(p, "compare: value %d of %s is empty", r + 1, name);
        if (nn_config_set(&scratch, name, vals[r], NULL)) return fail(p, "%s", nn_last_error());
        if (strlen(vals[r]) >= LESSON_VALUE) return fail(p, "compare: value %d is too long", r + 1);
    }
    if (!a) {
        if (!(a = new_action(p, LESSON_COMPARE, 0))) return -1;
        a->cmp.n_runs = n;
        /* Default labels: the values when they are usable names, else run1, run2 ... */
        int usable = 1;
        for (int r = 0; r < n; r++) {
            usable &= valid_label(vals[r]) && strlen(vals[r]) < LESSON_NAME;
            for (int q = 0; q < r; q++) usable &= strcmp(vals[q], vals[r]) != 0;
        }
        for (int r = 0; r < n; r++)
            if (usable) snprintf(a->cmp.labels[r], LESSON_NAME, "%s", vals[r]);
            else snprintf(a->cmp.labels[r], LESSON_NAME, "run%d", r + 1);
    }
    const int k = a->cmp.n_settings++;
    if (copy_name(p, a->cmp.names[k], name, "setting")) return -1;
    for (int r = 0; r < n; r++) snprintf(a->cmp.values[k][r], LESSON_VALUE, "%s", vals[r]);
    p->cmp_n = n;
    p->cmp_settings = a->cmp.n_settings;
    memcpy(p->cmp_labels, a->cmp.labels, sizeof p->cmp_labels);
    memcpy(p->cmp_names, a->cmp.names, sizeof p->cmp_names);
    return 0;
}

static int do_labels(parser *p, char *v)
{
    lesson_action *a = last_action(p);
    if (!a || a->kind != LESSON_COMPARE || a->learner || !a->cmp.n_runs)
        return fail(p, "labels: goes right after the compare: line(s) it names");
    char *names[LESSON_MAX_RUNS];
    const int n = split(v, '|', names, LESSON_MAX_RUNS);
    if (n != a->cmp.n_runs)
        return fail(p, "labels: give one name per compared run (%d), separated by '|'", a->cmp.n_runs);
    for (int r = 0; r < n; r++) {
        if (!valid_label(names[r]))
            return fail(p, "label '%s' must start with a letter and use only letters, digits, '-' "
                           "and '_' (it is used as in %s.train_loss)", names[r], *names[r] ? names[r] : "x");
        if (copy_name(p, a->cmp.labels[r], names[r], "label")) return -1;
        for (int q = 0; q < r; q++)
            if (strcmp(names[q], names[r]) == 0) return fail(p, "label '%s' is used twice", names[r]);
    }
    memcpy(p->cmp_labels, a->cmp.labels, sizeof p->cmp_labels);
    return 0;
}

static int do_names(parser *p, lesson_kind kind, char *v)
{
    char *names[LESSON_MAX_NAMES + 1];
    const int n = split(v, ',', names, LESSON_MAX_NAMES);
    if (n < 0) return fail(p, "at most %d controls per line", LESSON_MAX_NAMES);
    lesson_action *a = new_action(p, kind, 0);
    if (!a) return -1;
    for (int i = 0; i < n; i++) {
        const char *w = names[i];
        const int undo = kind == LESSON_UNLOCK || kind == LESSON_SHOW;
        if (!*w) return fail(p, "%s: expects control names separated by commas, e.g. lr, batch", lesson_kind_name(kind));
        if (!(undo && strcmp(w, "all") == 0) && !lesson_control_known(w)) {
            const char *all[128];
            int k = 0, ns;
            const nn_setting *s = nn_config_settings(&ns);
            for (int j = 0; j < ns && k < 80; j++) all[k++] = s[j].name;
            const slab_setting *ss = slab_settings(&ns);
            for (int j = 0; j < ns && k < 110; j++) all[k++] = ss[j].name;
            const ewa_setting *es = ewa_settings(&ns);
            for (int j = 0; j < ns && k < 118; j++) all[k++] = es[j].name;
            static const char *const MORE[] = { "play", "step", "epoch", "reset", "new-seed", "speed", "axis" };
            for (size_t j = 0; j < sizeof MORE / sizeof MORE[0]; j++) all[k++] = MORE[j];
            const char *best = lesson_suggest(w, all, k);
            if (best) return fail(p, "unknown control '%s' (did you mean '%s'?)", w, best);
            return fail(p, "unknown control '%s' (a setting name such as lr, or play, step, epoch, "
                           "reset, new-seed, speed, axis)", w);
        }
        if (copy_name(p, a->names[i], w, "control")) return -1;
    }
    a->n_names = n;
    return 0;
}

static int do_cond(parser *p, lesson_kind kind, const char *v)
{
    lesson_action *a = new_action(p, kind, 0);
    if (!a) return -1;
    if (kind == LESSON_WAIT && strcmp(v, "next") == 0) { a->next = 1; return 0; }
    char msg[300];
    if (lesson_cond_parse(v, p->cmp_labels, p->cmp_n, &p->cfg, &a->cond, msg, sizeof msg))
        return fail(p, "%s", msg);
    return 0;
}

static int do_learner(parser *p, char *v)
{
    if (!p->after_wait)
        return fail(p, "learner: says what a learner does to satisfy the 'wait:' line just above it; "
                       "there is none");
    char *rest = v;
    while (*rest && *rest != ' ' && *rest != '\t' && *rest != ':') rest++;
    const char save = *rest;
    *rest = '\0';
    char word[16];
    snprintf(word, sizeof word, "%s", v);
    *rest = save;
    if (*rest == ':') rest++;
    rest = trim(rest);
    p->wait_line = 0;
    if (strcmp(word, "set") == 0) return do_set(p, rest, 1);
    if (strcmp(word, "run") == 0) return do_run(p, rest, 1);
    if (strcmp(word, "reset") == 0) return do_reset(p, rest, 1);
    return fail(p, "learner: expects 'set NAME = VALUE', 'run ...' or 'reset ...', got '%s'", v);
}

/* ---- lines ---- */

static int find_keyword(const char *w)
{
    char low[LESSON_NAME];
    size_t i = 0;
    for (; w[i] && i + 1 < sizeof low; i++) low[i] = (char)tolower((unsigned char)w[i]);
    low[i] = '\0';
    if (w[i]) return -1;
    for (int k = 0; k < K_COUNT; k++)
        if (strcmp(low, keyword_name(k)) == 0) return k;
    return -1;
}

static int end_of_wait(parser *p)
{
    if (!p->wait_line) return 0;
    p->line = p->wait_line;
    return fail(p, "this wait needs a 'learner:' line after it saying what a learner would do "
                   "(e.g. 'learner: set lr = 0.03'), so the lesson can be checked without a window");
}

/* `after: 13_averages, 14_momentum_rmsprop_adam`: the lessons to take first,
 * named by file (".lesson" may be written or left out). */
static int do_after(parser *p, char *v)
{
    p->L->after_line = p->line;
    for (char *item = v; item && *item;) {
        char *comma = strchr(item, ',');
        if (comma) *comma = '\0';
        char *name = trim(item);
        const size_t n = strlen(name);
        if (n > 7 && strcmp(name + n - 7, ".lesson") == 0) name[n - 7] = '\0';
        if (!name[0]) return fail(p, "after: expects lesson file names separated by commas, e.g. 'after: 13_averages'");
        for (const char *c = name; *c; c++)
            if (!isalnum((unsigned char)*c) && *c != '_' && *c != '-')
                return fail(p, "after: '%s' is not a lesson file name (letters, digits, '_' and '-', "
                            "as in 13_averages)", name);
        if (strlen(name) >= LESSON_AFTER_NAME) return fail(p, "after: '%.40s...' is too long a name", name);
        if (p->L->n_after >= LESSON_MAX_AFTER) return fail(p, "after: names at most %d lessons", LESSON_MAX_AFTER);
        snprintf(p->L->after[p->L->n_after++], LESSON_AFTER_NAME, "%s", name);
        item = comma ? comma + 1 : NULL;
    }
    return p->L->n_after ? 0 : fail(p, "after: expects lesson file names, e.g. 'after: 13_averages'");
}

static int do_title(parser *p, char *dst, const char *v, const char *what)
{
    if (!*v) return fail(p, "%s: needs a title", what);
    if (strlen(v) >= LESSON_TITLE) return fail(p, "the title is longer than %d characters", LESSON_TITLE - 1);
    snprintf(dst, LESSON_TITLE, "%s", v);
    return 0;
}

static int action_line(parser *p, int k, char *v)
{
    const int in_step = p->L->n_steps > 0;
    const char *word = keyword_name(k);
    if (k != K_LESSON && k != K_STEP && k != K_SUMMARY) {   /* titles may contain " #" */
        for (char *h = v; *h; h++)
            if (*h == '#' && (h == v || h[-1] == ' ' || h[-1] == '\t')) { *h = '\0'; break; }
        v = trim(v);
    }
    if (flush_para(p)) return -1;
    if (k != K_LEARNER && k != K_LABELS && end_of_wait(p)) return -1;
    const int was_wait = p->after_wait;
    p->after_wait = 0;
    switch (k) {
    case K_LESSON:
        if (in_step) return fail(p, "'lesson:' belongs at the top, before the first step");
        if (p->L->title[0]) return fail(p, "the lesson already has a title");
        return do_title(p, p->L->title, v, "lesson");
    case K_ORDER: {
        if (in_step) return fail(p, "'order:' belongs at the top, before the first step");
        if (p->have_order) return fail(p, "the lesson already has an order");
        char *end;
        const long n = strtol(v, &end, 10);
        if (!*v || *end || n < 0 || n > 9999)
            return fail(p, "order expects a whole number from 0 to 9999 (its place in the list), got '%s'", v);
        p->L->order = (int)n;
        p->have_order = 1;
        return 0;
    }
    case K_AFTER:
        if (in_step) return fail(p, "'after:' belongs at the top, before the first step");
        if (p->L->after_line) return fail(p, "the lesson already has an 'after:' line: name every lesson on it");
        return do_after(p, v);
    case K_SUMMARY:
        if (in_step) return fail(p, "'summary:' belongs at the top, before the first step");
        if (p->L->summary) return fail(p, "the lesson already has a summary");
        return add_text(p, v, strlen(v), 0);
    case K_STEP: {
        if (p->L->n_steps >= LESSON_MAX_STEPS) return fail(p, "a lesson has at most %d steps", LESSON_MAX_STEPS);
        lesson_step *grown = realloc(p->L->steps, sizeof *grown * (size_t)(p->L->n_steps + 1));
        if (!grown) return fail(p, "out of memory");
        p->L->steps = grown;
        lesson_step *s = &grown[p->L->n_steps];
        if (p->L->n_steps && !grown[p->L->n_steps - 1].n_paras) {
            p->line = grown[p->L->n_steps - 1].line;
            return fail(p, "step '%s' has no narration; say what the learner should look at",
                        grown[p->L->n_steps - 1].title);
        }
        memset(s, 0, sizeof *s);
        p->L->n_steps++;
        s->line = p->line;
        return do_title(p, s->title, v, "step");
    }
    case K_LABELS: return do_labels(p, v);
    case K_LEARNER: p->after_wait = was_wait; return do_learner(p, v) ? -1 : (p->after_wait = 1, 0);
    default: break;
    }
    const lesson_kind kind = (lesson_kind)k;
    const int header_ok = kind == LESSON_SET || kind == LESSON_VIEW || kind == LESSON_LOCK || kind == LESSON_HIDE;
    if (!in_step && !header_ok)
        return fail(p, "'%s:' belongs inside a step; start one with 'step: TITLE'", word);
    switch (kind) {
    case LESSON_VIEW: {
        if (!lesson_view_known(v)) {
            int nv;
            const char *const *V = lesson_view_names(&nv);
            const char *best = lesson_suggest(v, V, nv);
            if (best) return fail(p, "unknown view '%s' (did you mean '%s'?)", v, best);
            char all[200] = "";
            for (int i = 0; i < nv; i++) {
                if (i) strncat(all, ", ", sizeof all - strlen(all) - 1);
                strncat(all, V[i], sizeof all - strlen(all) - 1);
            }
            return fail(p, "unknown view '%s' (views: %s)", v, all);
        }
        lesson_action *a = new_action(p, LESSON_VIEW, 0);
        return a ? copy_name(p, a->name, v, "view") : -1;
    }
    case LESSON_SET: return do_set(p, v, 0);
    case LESSON_RUN: return do_run(p, v, 0);
    case LESSON_RESET: return do_reset(p, v, 0);
    case LESSON_COMPARE: return do_compare(p, v);
    case LESSON_WAIT:
        if (do_cond(p, LESSON_WAIT, v)) return -1;
        if (strcmp(v, "next") != 0) { p->wait_line = p->line; p->after_wait = 1; }
        return 0;
    case LESSON_CHECK: return do_cond(p, LESSON_CHECK, v);
    default: return do_names(p, kind, v);
    }
}

static int line(parser *p, char *s)
{
    if (*s == '#') return 0;
    if (!*trim(s)) return flush_para(p);
    if (*s == '\\') { s = trim(s + 1); return add_text(p, s, strlen(s), 0); }
    if (*s == ' ' || *s == '\t') { s = trim(s); return add_text(p, s, strlen(s), 1); }
    /* word: value ? */
    size_t w = 0;
    if (isalpha((unsigned char)s[0]))
        while (isalnum((unsigned char)s[w]) || s[w] == '_' || s[w] == '-') w++;
    if (w && s[w] == ':' && (s[w + 1] == '\0' || s[w + 1] == ' ' || s[w + 1] == '\t')) {
        s[w] = '\0';
        const int k = find_keyword(s);
        if (k >= 0) return action_line(p, k, trim(s + w + 1));
        /* An unknown lowercase word: an error (likely a typo) - unless the line
         * continues a paragraph and is not one letter away from a keyword,
         * since wrapped prose often puts "word:" at the start of a line. */
        int lower = 1;
        for (size_t i = 0; i < w; i++) lower &= !isupper((unsigned char)s[i]);
        const char *names[K_COUNT];
        for (int i = 0; i < K_COUNT; i++) names[i] = keyword_name(i);
        const char *best = lesson_suggest(s, names, K_COUNT);
        if (lower && p->para) {
            int near = 0;
            for (int i = 0; i < K_COUNT; i++) near |= nn_edit_distance(s, names[i]) <= 1;
            lower = near;
        }
        if (lower) {
            if (best)
                return fail(p, "unknown action '%s' (did you mean '%s'?)", s, best);
            return fail(p, "unknown action '%s' (narration starting with 'word:' needs a capital "
                           "letter, a leading space or a backslash)", s);
        }
        s[w] = ':';
    }
    return add_text(p, s, strlen(s), 0);
}

static int finish(parser *p)
{
    if (flush_para(p) || end_of_wait(p)) return -1;
    lesson *L = p->L;
    p->line = 0;
    if (!L->title[0]) return fail(p, "the lesson has no title; start the file with 'lesson: TITLE'");
    if (!p->have_order) return fail(p, "the lesson has no 'order: N' line (its place in the lesson list)");
    if (!L->summary) return fail(p, "the lesson has no summary: one paragraph before the first step");
    if (!L->n_steps) return fail(p, "the lesson has no steps; each begins with 'step: TITLE'");
    lesson_step *last = &L->steps[L->n_steps - 1];
    if (!last->n_paras) {
        p->line = last->line;
        return fail(p, "step '%s' has no narration; say what the learner should look at", last->title);
    }
    return 0;
}

lesson *lesson_parse(const char *text, size_t len, const char *name, lesson_error *err)
{
    lesson_error scratch;
    parser p = { .file = name ? name : "(lesson)", .err = err ? err : &scratch, .cfg = nn_config_default() };
    memset(p.err, 0, sizeof *p.err);
    p.L = calloc(1, sizeof *p.L);
    if (!p.L) { fail(&p, "out of memory"); return NULL; }
    snprintf(p.L->file, sizeof p.L->file, "%s", p.file);
    int rc = 0;
    if (len > LESSON_MAX_BYTES)
        rc = fail(&p, "the file is larger than %d KiB; is it a lesson?", LESSON_MAX_BYTES / 1024);
    char buf[LESSON_MAX_LINE + 2];
    for (size_t at = 0; !rc && at < len;) {
        p.line++;
        const char *nl = memchr(text + at, '\n', len - at);
        size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
        const char *src = text + at;
        at += n + (nl ? 1 : 0);
        if (n && src[n - 1] == '\r') n--;
        if (n > LESSON_MAX_LINE) { rc = fail(&p, "the line is longer than %d characters", LESSON_MAX_LINE); break; }
        if (memchr(src, '\0', n)) { rc = fail(&p, "the line contains a NUL byte; is this a text file?"); break; }
        memcpy(buf, src, n);
        buf[n] = '\0';
        if (p.line == 1 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB && (unsigned char)buf[2] == 0xBF)
            memmove(buf, buf + 3, n - 2);               /* a UTF-8 byte-order mark */
        rc = line(&p, buf);
    }
    if (!rc) rc = finish(&p);
    free(p.para);
    if (rc) { lesson_free(p.L); return NULL; }
    return p.L;
}

/* Every lesson `after:` names is a file beside this one. */
static int after_missing(const lesson *L, const char *path, lesson_error *err)
{
    const char *slash = strrchr(path, '/');
    const int dir_len = slash ? (int)(slash - path) : 1;
    const char *dir = slash ? path : ".";
    for (int i = 0; i < L->n_after; i++) {
        char other[1024];
        snprintf(other, sizeof other, "%.*s/%s.lesson", dir_len, dir, L->after[i]);
        if (access(other, R_OK) == 0) continue;
        err->line = L->after_line;
        snprintf(err->msg, sizeof err->msg, "after: there is no lesson '%s' in this folder (%s.lesson)", L->after[i],
                 L->after[i]);
        snprintf(err->text, sizeof err->text, "%s:%d: %s", path, err->line, err->msg);
        return 1;
    }
    return 0;
}

lesson *lesson_parse_file(const char *path, lesson_error *err)
{
    lesson_error scratch;
    if (!err) err = &scratch;
    memset(err, 0, sizeof *err);
    FILE *f = nn_file_open_read(path);        /* a regular file: never blocks on a FIFO */
    if (!f) {
        const char *why = nn_last_error();
        const size_t n = strlen(path);
        if (strncmp(why, path, n) == 0 && strncmp(why + n, ": ", 2) == 0) why += n + 2;
        snprintf(err->msg, sizeof err->msg, "%s", why);
        snprintf(err->text, sizeof err->text, "%s: %s", path, err->msg);
        return NULL;
    }
    char *text = malloc(LESSON_MAX_BYTES + 1);
    size_t n = text ? fread(text, 1, LESSON_MAX_BYTES + 1, f) : 0;
    const int bad = !text || ferror(f);
    fclose(f);
    if (bad) {
        free(text);
        snprintf(err->msg, sizeof err->msg, "cannot read the file");
        snprintf(err->text, sizeof err->text, "%s: %s", path, err->msg);
        return NULL;
    }
    lesson *L = lesson_parse(text, n, path, err);
    free(text);
    if (L && after_missing(L, path, err)) { lesson_free(L); return NULL; }
    return L;
}

void lesson_free(lesson *L)
{
    if (!L) return;
    for (int k = 0; k < L->n_steps; k++) {
        for (int i = 0; i < L->steps[k].n_paras; i++) free(L->steps[k].paras[i]);
        free(L->steps[k].paras);
        free(L->steps[k].actions);
    }
    free(L->steps);
    free(L->setup);
    free(L->summary);
    free(L);
}

nn_config lesson_base_config(const lesson *L)
{
    nn_config c = nn_config_default();
    for (int i = 0; i < L->n_setup; i++)
        if (L->setup[i].kind == LESSON_SET && !lesson_lab_setting(L->setup[i].name))
            nn_config_set(&c, L->setup[i].name, L->setup[i].value, NULL);
    /* Per-layer statistics at every update, so that grad_norm(K) and friends read
     * the latest one (at an epoch's end the numbers --layer-stats writes). */
    c.train.capture_stats = 2;
    return c;
}
