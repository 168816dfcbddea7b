/* app/lesson/lesson_cond.c - conditions on metrics: parsing and evaluation.
 *
 *   cond    := 'not'? REF                      a yes/no metric: diverged, stopped
 *            | operand OP operand              OP: < <= > >= == (or =) != ~ (within 1%)
 *   operand := NUMBER | NUMBER '*' REF | REF '*' NUMBER | REF | WORD
 *   REF     := [LABEL '.'] NAME                a metric, or a setting read from the run
 *            | FN '(' [LABEL '.'] METRIC [',' N] ')'   FN: rises spread min max first (no N)
 *
 * A WORD (e.g. tanh) is only allowed against a setting with == or !=. LABEL
 * names a run of the comparison in force; outside a comparison there is none.
 *
 * The labs (app/labs) are read the same way:
 *   OPT.METRIC      an optimizer of the surface lab: adam.reached, sgd.dist, momentum.turns
 *                   (OPT: sgd momentum rmsprop adam adagrad; METRIC: slab_metric's names).
 *                   A compared run labelled like an optimizer keeps its own metrics
 *                   (adam.train_loss); a lab metric it lacks (adam.dist) is the lab's.
 *   ewa.METRIC(N)   the averages lab: ewa.raw(1), ewa.temp(1), ewa.weight(10); ewa.window
 *
 * Per-layer metrics take the layer in brackets, as the learner counts layers:
 *   [LABEL '.'] LMETRIC '(' K | 'last' ')'     grad_norm(1), relu.act_std(3), saturated(2)
 * K = 1 is the hidden layer next to the input, `last` the output layer. In the
 * engine's list of layers (dense, act, [batchnorm, dropout] ... dense) layer K
 * is the K-th layer with weights (dense or conv2d): grad_norm is that layer's
 * ||dJ/dW||; act_mean, act_std and saturated are read from the activation layer
 * that follows it (before the next layer with weights), or for the output layer
 * from its own outputs (the scores before the loss's sigmoid/softmax). So in an
 * MLP with H hidden layers and no batch norm or dropout, hidden layer K is
 * engine layers 2K-2 (dense) and 2K-1 (act), and `last` is layer 2H. The
 * numbers are the trainer's nn_trainer_layer_stats, captured at the latest
 * update (lessons capture at every step): after `run: N epochs` the rows
 * `nnlab-train --layer-stats` writes for that epoch.
 *
 * More per-layer metrics, for the lessons on initialisation and batch norm:
 *   alike(K)        how far apart the neurons of hidden layer K are: the largest
 *                   difference between two neurons' incoming weights, max over
 *                   inputs c of (max_i W[i][c] - min_i W[i][c]), as a share of the
 *                   largest |W| of the layer (0 when all are zero), from the
 *                   weights as they are now (so also before training). 0 when every
 *                   neuron is the same; at most 2. Identical neurons computed by the
 *                   matrix library may differ in the last bit of a float, which
 *                   shows as about 1e-7.
 *   pre_std(K)      the spread of what layer K's activation receives: act_std of
 *                   the layer just before that activation (the dense layer, or
 *                   the batch norm after it); for `last`, the scores.
 *   bn_mean_gap(K)  the batch norm after hidden layer K: the largest, over its
 *                   neurons j, of |batch mean_j - running mean_j| / sqrt(batch
 *                   var_j + eps), from the latest training batch;
 *   bn_var_ratio(K) and the largest ratio between the batch and the running
 *                   variance, the larger over the smaller (1 when they agree):
 *                   max_j max(b_j / r_j, r_j / b_j) with b = batch var + eps,
 *                   r = running var + eps.
 *                   The running statistics are the ones evaluation uses; the
 *                   batch's are those the latest update normalised with.
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "labs/ewa_lab.h"
#include "labs/surface_lab.h"
#include "lesson/lesson_internal.h"
#include "lesson/lesson_session.h"
#include "nn/images.h"
#include "nn/status.h"

/* Metric indices (the order of METRICS in lesson_vocab.c). */
enum { M_EPOCH, M_STEPS, M_EXAMPLES, M_LR, M_TRAIN_LOSS, M_TRAIN_ACC, M_DEV_LOSS, M_DEV_ACC,
       M_TEST_LOSS, M_TEST_ACC, M_SECONDS, M_DIVERGED, M_STOPPED, M_BEST_EPOCH, M_EPOCHS,
       M_GRAD_NORM, M_ACT_MEAN, M_ACT_STD, M_SATURATED, M_ALIKE, M_PRE_STD, M_BN_MEAN_GAP, M_BN_VAR_RATIO,
       M_AVOIDABLE_BIAS, M_VARIANCE, M_COUNT };

static int metric_has_history(int m) { return m >= M_EPOCH && m <= M_SECONDS; }
static int metric_is_flag(int m)     { return m == M_DIVERGED || m == M_STOPPED; }
static int metric_costly(int m)      { return (m >= M_TRAIN_LOSS && m <= M_TEST_ACC) || m >= M_AVOIDABLE_BIAS; }
static int metric_of_layer(int m)    { return m >= M_GRAD_NORM && m <= M_BN_VAR_RATIO; }
static int metric_of_bn(int m)       { return m == M_BN_MEAN_GAP || m == M_BN_VAR_RATIO; }
int lesson_metric_of_layer(int m)    { return metric_of_layer(m); }

/* ---- parsing ---- */

typedef struct cparser {
    const char *p;
    const char (*labels)[LESSON_NAME];
    int n_labels;
    const nn_config *base;
    char *msg;
    size_t msg_len;
} cparser;

static int fail(cparser *cp, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cp->msg, cp->msg_len, fmt, ap);
    va_end(ap);
    return -1;
}

static void skip_ws(cparser *cp) { while (*cp->p == ' ' || *cp->p == '\t') cp->p++; }

static int is_ident_start(char c) { return isalpha((unsigned char)c) || c == '_'; }
static int is_ident_char(char c)  { return isalnum((unsigned char)c) || c == '_' || c == '-'; }

/* An identifier into buf (LESSON_NAME); 0 if there is none here, -1 if too long. */
static int ident(cparser *cp, char *buf)
{
    skip_ws(cp);
    if (!is_ident_start(*cp->p)) return 0;
    size_t n = 0;
    while (is_ident_char(*cp->p)) {
        if (n + 1 >= LESSON_NAME) return fail(cp, "name '%.*s...' is too long", (int)n, cp->p - n);
        buf[n++] = *cp->p++;
    }
    buf[n] = '\0';
    return 1;
}

static int number(cparser *cp, double *out)
{
    skip_ws(cp);
    const char *s = cp->p;
    if (!(isdigit((unsigned char)*s) || *s == '.' || *s == '-' || *s == '+')) return 0;
    char *end;
    const double x = strtod(s, &end);
    if (end == s) return 0;
    if (!isfinite(x)) return fail(cp, "'%.*s' is not a finite number", (int)(end - s), s);
    cp->p = end;
    *out = x;
    return 1;
}

static int accept(cparser *cp, char c)
{
    skip_ws(cp);
    if (*cp->p != c) return 0;
    cp->p++;
    return 1;
}

static const char *setting_suggestion(const char *w)
{
    const char *names[80];
    int n, k = 0;
    const nn_setting *s = nn_config_settings(&n);
    for (int i = 0; i < M_COUNT; i++) names[k++] = lesson_metric_name(i);
    for (int i = 0; i < n && k < 80; i++) names[k++] = s[i].name;
    return lesson_suggest(w, names, k);
}

static int is_setting(const char *w)
{
    int n;
    const nn_setting *s = nn_config_settings(&n);
    for (int i = 0; i < n; i++)
        if (strcmp(w, s[i].name) == 0) return 1;
    return 0;
}

/* Resolve the label part of a reference against the comparison in force. */
static int check_label(cparser *cp, const char *label, const char *name)
{
    if (!label[0]) {
        if (cp->n_labels == 0) return 0;
        return fail(cp, "several runs are being compared here; say which one, e.g. '%s.%s'",
                    cp->labels[0], name);
    }
    if (cp->n_labels == 0)
        return fail(cp, "'%s.%s' names a compared run, but no comparison is running here "
                        "(start one with compare:)", label, name);
    const char *names[LESSON_MAX_RUNS];
    for (int i = 0; i < cp->n_labels; i++) {
        if (strcmp(label, cp->labels[i]) == 0) return 0;
        names[i] = cp->labels[i];
    }
    const char *best = lesson_suggest(label, names, cp->n_labels);
    if (best) return fail(cp, "no compared run is called '%s' (did you mean '%s'?)", label, best);
    return fail(cp, "no compared run is called '%s'", label);
}

static int is_compared(const cparser *cp, const char *label)
{
    for (int i = 0; i < cp->n_labels; i++)
        if (strcmp(label, cp->labels[i]) == 0) return 1;
    return 0;
}

static const char *const SLAB_METRICS =
    "f, x, y, dist, reached, updates, diverged, turns, length";

/* A lab's metric (see the top): 1 if o->label.o->name is one (o completed),
 * 0 if it is not, -1 after an error message. */
static int lab_ref(cparser *cp, lesson_operand *o)
{
    if (strcmp(o->label, "ewa") == 0 && !is_compared(cp, "ewa")) {
        static const char *const NAMES[] = { "temp", "avg", "raw", "corrected", "weight", "window" };
        int takes = 0;
        if (!ewa_metric_known(o->name, &takes)) {
            const char *best = lesson_suggest(o->name, NAMES, (int)(sizeof NAMES / sizeof NAMES[0]));
            if (best) return fail(cp, "the averages have no metric '%s' (did you mean 'ewa.%s'?)", o->name, best);
            return fail(cp, "the averages have no metric '%s' (ewa.temp(DAY), ewa.avg(DAY), ewa.raw(DAY), "
                            "ewa.corrected(DAY), ewa.weight(K), ewa.window)", o->name);
        }
        o->lab = LESSON_LAB_EWA;
        o->metric = -1;
        if (!takes) return 1;
        const int weight = strcmp(o->name, "weight") == 0;
        double d = 0;
        if (!accept(cp, '(') || number(cp, &d) <= 0 || d != floor(d) || !accept(cp, ')')) {
            if (weight) return fail(cp, "ewa.weight needs k in brackets (the weight of the value k days back), "
                                        "e.g. ewa.weight(10)");
            return fail(cp, "ewa.%s needs a day in brackets, from 1 to %d, e.g. ewa.%s(1)", o->name, NN_EWA_DAYS,
                        o->name);
        }
        if (weight && (d < 0 || d > 100000)) return fail(cp, "ewa.weight(%g): k must be from 0 to 100000", d);
        if (!weight && (d < 1 || d > NN_EWA_DAYS))
            return fail(cp, "ewa.%s(%g): the day must be from 1 to %d", o->name, d, NN_EWA_DAYS);
        o->arg = (int)d;
        return 1;
    }
    const int k = nn_optim_from_name(o->label);
    if (k < 0) return 0;
    if (is_compared(cp, o->label) && (lesson_metric_find(o->name) >= 0 || is_setting(o->name))) return 0;
    if (!slab_metric_known(o->name)) {
        if (is_compared(cp, o->label)) return 0;
        static const char *const NAMES[] = { "f", "x", "y", "dist", "reached", "updates", "diverged", "turns", "length" };
        const char *best = lesson_suggest(o->name, NAMES, (int)(sizeof NAMES / sizeof NAMES[0]));
        if (best) return fail(cp, "the surface lab's %s has no metric '%s' (did you mean '%s.%s'?)",
                              o->label, o->name, o->label, best);
        return fail(cp, "the surface lab's %s has no metric '%s' (%s)", o->label, o->name, SLAB_METRICS);
    }
    o->lab = LESSON_LAB_SURFACE;
    o->lane = k;
    o->metric = -1;
    return 1;
}

/* The layer of a per-layer metric: '(' K | last ')'. Checked against the
 * network in force when it is known here (one run, hidden layers from
 * `layers`); otherwise when measured. K naming the output layer becomes `last`. */
static int layer_arg(cparser *cp, lesson_operand *o)
{
    const char *m = o->name;
    double k = 0;
    char word[LESSON_NAME];
    if (!accept(cp, '('))
        return fail(cp, "%s needs a layer in brackets: %s(1) for hidden layer 1 (next to the input), "
                        "%s(last) for the output layer", m, m, m);
    skip_ws(cp);
    const char *at = cp->p;
    if (ident(cp, word) > 0) {
        if (strcmp(word, "last") != 0)
            return fail(cp, "%s(%s): a layer is a number from 1 (next to the input) or 'last' (the output layer)",
                        m, word);
        o->arg = LESSON_LAYER_LAST;
    } else if (number(cp, &k) > 0 && k == floor(k) && k >= 1 && k <= NN_MAX_LAYERS) {
        o->arg = (int)k;
    } else {
        return fail(cp, "%s(%.*s: a layer is a number from 1 (next to the input) or 'last' (the output layer)",
                    m, (int)strcspn(at, ")"), at);
    }
    if (!accept(cp, ')')) return fail(cp, "missing ')' after %s(%.*s", m, (int)(cp->p - at), at);
    const nn_config *b = cp->base;
    if (cp->n_labels == 0 && b && !b->layers[0]) {
        const int out = b->n_hidden + 1;
        if (o->arg > out)
            return fail(cp, "%s(%d): the network has %d hidden layer%s here, so its layers are 1 to %d "
                            "and %d (or 'last') for the output layer", m, o->arg, b->n_hidden,
                        b->n_hidden == 1 ? "" : "s", b->n_hidden, out);
        if (o->arg == out) o->arg = LESSON_LAYER_LAST;
        if (o->metric == M_SATURATED && o->arg != LESSON_LAYER_LAST && b->act != NN_ACT_SIGMOID &&
            b->act != NN_ACT_TANH)
            return fail(cp, "saturated(%d): the hidden layers use %s, which has no flat ends; "
                            "saturation is measured for sigmoid and tanh", o->arg, nn_act_name(b->act));
    }
    if (o->metric == M_SATURATED && o->arg == LESSON_LAYER_LAST)
        return fail(cp, "saturated(last): the output layer has no sigmoid or tanh of its own "
                        "(its scores go to the loss); name a hidden layer");
    if (o->metric == M_ALIKE && o->arg == LESSON_LAYER_LAST)
        return fail(cp, "alike(last): compare the neurons of a hidden layer (the output layer may have "
                        "only one); name a hidden layer");
    if (metric_of_bn(o->metric) && o->arg == LESSON_LAYER_LAST)
        return fail(cp, "%s(last): the output layer has no batch norm; name a hidden layer", m);
    if (metric_of_bn(o->metric) && cp->n_labels == 0 && b && !b->batchnorm)
        return fail(cp, "%s(%d): the network has no batch norm here (set: batchnorm = on first)", m, o->arg);
    return 0;
}

/* [LABEL '.'] NAME, with `first` already read. */
static int ref_tail(cparser *cp, const char *first, lesson_operand *o)
{
    o->kind = LESSON_REF;
    o->number = 1.0;
    skip_ws(cp);
    if (*cp->p == '.' && is_ident_start(cp->p[1])) {
        cp->p++;
        snprintf(o->label, sizeof o->label, "%s", first);
        const int r = ident(cp, o->name);
        if (r <= 0) return r < 0 ? -1 : fail(cp, "expected a metric after '%s.'", first);
        const int lab = lab_ref(cp, o);
        if (lab) return lab < 0 ? -1 : 0;
    } else {
        snprintf(o->name, sizeof o->name, "%s", first);
    }
    o->metric = lesson_metric_find(o->name);
    if (o->metric < 0 && !is_setting(o->name)) return -2;    /* maybe a WORD; caller decides */
    if (check_label(cp, o->label, o->name)) return -1;
    return metric_of_layer(o->metric) ? layer_arg(cp, o) : 0;
}

static int unknown_name(cparser *cp, const char *w)
{
    const char *best = setting_suggestion(w);
    if (best) return fail(cp, "unknown metric or setting '%s' (did you mean '%s'?)", w, best);
    return fail(cp, "unknown metric or setting '%s' (metrics: epoch, steps, examples, lr, "
                    "train_loss, train_acc, dev_loss, dev_acc, test_loss, test_acc, seconds, "
                    "diverged, stopped, best_epoch, epochs; per layer: grad_norm(K), act_mean(K), "
                    "act_std(K), saturated(K), alike(K), pre_std(K), bn_mean_gap(K), bn_var_ratio(K); "
                    "avoidable_bias, variance)", w);
}

static int function(cparser *cp, lesson_fn fn, lesson_operand *o)
{
    char first[LESSON_NAME];
    const int r = ident(cp, first);
    if (r <= 0) return r < 0 ? -1 : fail(cp, "%s( expects a metric, e.g. %s(train_loss)",
                                          lesson_fn_name(fn), lesson_fn_name(fn));
    const int t = ref_tail(cp, first, o);
    if (t == -2) return unknown_name(cp, o->name);
    if (t) return -1;
    o->fn = fn;
    if (o->metric < 0 || !metric_has_history(o->metric))
        return fail(cp, "%s() needs a metric recorded every epoch (epoch, steps, examples, lr, "
                        "train_loss, train_acc, dev_loss, dev_acc, test_loss, test_acc, seconds), "
                        "not '%s'", lesson_fn_name(fn), o->name);
    if (accept(cp, ',')) {
        double w = 0;
        if (fn == LESSON_FN_FIRST)
            return fail(cp, "first() takes no window; rises(), spread(), min() and max() do");
        if (number(cp, &w) <= 0 || w < 2 || w > 1e6 || w != floor(w))
            return fail(cp, "%s(%s, N) expects a whole number of epochs N >= 2",
                        lesson_fn_name(fn), o->name);
        o->window = (int)w;
    }
    if (!accept(cp, ')')) return fail(cp, "missing ')' after %s(%s", lesson_fn_name(fn), o->name);
    return 0;
}

/* The function called `name`, when '(' follows; LESSON_FN_NONE otherwise. */
static lesson_fn function_named(cparser *cp, const char *name)
{
    for (int f = 1; f < LESSON_FN_COUNT; f++)
        if (strcmp(name, lesson_fn_name((lesson_fn)f)) == 0 && accept(cp, '(')) return (lesson_fn)f;
    return LESSON_FN_NONE;
}

/* One operand. Returns 0, -1 error, or -2: a bare word that is not a name (o->word). */
static int operand(cparser *cp, lesson_operand *o)
{
    memset(o, 0, sizeof *o);
    double factor = 1.0;
    int r = number(cp, &factor);
    if (r < 0) return -1;
    const int scaled = r > 0;                        /* NUMBER, maybe '*' REF */
    if (scaled) {
        o->kind = LESSON_NUMBER;
        o->number = factor;
        if (!accept(cp, '*')) return 0;              /* a plain number */
    }
    char first[LESSON_NAME];
    if ((r = ident(cp, first)) <= 0) {
        if (r < 0) return -1;
        if (scaled) return fail(cp, "expected a metric after '*'");
        return fail(cp, *cp->p ? "unexpected '%c'" : "a condition is missing its value", *cp->p);
    }
    const lesson_fn fn = function_named(cp, first);
    r = fn ? function(cp, fn, o) : ref_tail(cp, first, o);
    if (r == -2) {
        if (o->label[0] || scaled) return unknown_name(cp, o->name);
        o->kind = LESSON_WORD;
        snprintf(o->word, sizeof o->word, "%s", first);
        return -2;
    }
    if (r) return r;
    if (scaled) { o->number = factor; return 0; }
    if (accept(cp, '*')) {                           /* REF '*' NUMBER */
        if (number(cp, &factor) <= 0) return fail(cp, "expected a number after '*'");
        o->number = factor;
    }
    return 0;
}

static int parse_op(cparser *cp, lesson_op *op)
{
    skip_ws(cp);
    static const struct { const char *s; lesson_op op; } OPS[] = {
        { "<=", LESSON_LE }, { ">=", LESSON_GE }, { "==", LESSON_EQ }, { "!=", LESSON_NE },
        { "<", LESSON_LT },  { ">", LESSON_GT },  { "=", LESSON_EQ },  { "~", LESSON_ABOUT },
    };
    for (size_t i = 0; i < sizeof OPS / sizeof OPS[0]; i++)
        if (strncmp(cp->p, OPS[i].s, strlen(OPS[i].s)) == 0) {
            cp->p += strlen(OPS[i].s);
            *op = OPS[i].op;
            return 1;
        }
    return 0;
}

int lesson_cond_parse(const char *text, const char (*labels)[LESSON_NAME], int n_labels,
                      const nn_config *base, lesson_cond *c, char *msg, size_t msg_len)
{
    cparser cp = { text, labels, n_labels, base, msg, msg_len };
    memset(c, 0, sizeof *c);
    snprintf(c->text, sizeof c->text, "%s", text);
    skip_ws(&cp);
    if (!*cp.p) return fail(&cp, "expected a condition, e.g. dev_acc >= 0.9");
    if (strncmp(cp.p, "not", 3) == 0 && (cp.p[3] == ' ' || cp.p[3] == '\t')) {
        cp.p += 3;
        c->negate = 1;
    }
    int ra = operand(&cp, &c->a);
    if (ra == -2) return unknown_name(&cp, c->a.word);
    if (ra) return -1;
    skip_ws(&cp);
    if (!*cp.p) {
        const int lab_flag = c->a.lab == LESSON_LAB_SURFACE && strcmp(c->a.name, "diverged") == 0;
        if (c->a.kind == LESSON_REF && ((c->a.metric >= 0 && metric_is_flag(c->a.metric)) || lab_flag) &&
            c->a.fn == LESSON_FN_NONE && c->a.number == 1.0) {
            c->op = LESSON_TRUTH;
            return 0;
        }
        return fail(&cp, "'%s' is not a yes/no metric; compare it, e.g. '%s < 0.5' "
                         "(yes/no metrics: diverged, stopped, and an optimizer's: adam.diverged)", text, text);
    }
    if (c->negate) return fail(&cp, "'not' goes only before diverged, stopped or OPT.diverged");
    if (!parse_op(&cp, &c->op))
        return fail(&cp, "expected a comparison (< <= > >= == != ~) at '%s'", cp.p);
    const int rb = operand(&cp, &c->b);
    if (rb == -1) return -1;
    skip_ws(&cp);
    if (*cp.p) return fail(&cp, "unexpected '%s' at the end of the condition", cp.p);
    if (c->a.kind == LESSON_NUMBER && c->b.kind == LESSON_NUMBER)
        return fail(&cp, "'%s' compares two numbers; one side should be a metric", text);
    if (rb == -2) {
        /* A word: only equality with a setting, and it must be a value the setting takes. */
        if (c->a.kind != LESSON_REF || c->a.metric >= 0 || c->a.lab)
            return unknown_name(&cp, c->b.word);
        if (c->op != LESSON_EQ && c->op != LESSON_NE)
            return fail(&cp, "'%s' can only be compared with == or != to '%s'", c->b.word, c->a.name);
        nn_config scratch = *base;
        if (nn_config_set(&scratch, c->a.name, c->b.word, NULL))
            return fail(&cp, "%s", nn_last_error());
    }
    return 0;
}

/* ---- evaluation ---- */

typedef struct val { int is_text; double x; char s[LESSON_VALUE]; } val;

static const lesson_runview *find_run(const char *label, const lesson_runview *runs, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(label, runs[i].label ? runs[i].label : "") == 0) return &runs[i];
    return !label[0] && n > 0 ? &runs[0] : NULL;
}

static double column(const nn_metrics *m, int k)
{
    switch (k) {
    case M_EPOCH: return m->epoch;
    case M_STEPS: return (double)m->steps;
    case M_EXAMPLES: return (double)m->examples;
    case M_LR: return m->lr;
    case M_TRAIN_LOSS: return m->train_loss;
    case M_TRAIN_ACC: return m->train_acc;
    case M_DEV_LOSS: return m->dev_loss;
    case M_DEV_ACC: return m->dev_acc;
    case M_TEST_LOSS: return m->test_loss;
    case M_TEST_ACC: return m->test_acc;
    default: return m->seconds;
    }
}

/* The metric now: counters from the trainer's state; losses from the last
 * history row at an epoch boundary, otherwise evaluated on the current weights. */
static double metric_now(const lesson_runview *rv, int k)
{
    nn_trainer *t = rv->run->trainer;
    const nn_trainer_state st = nn_trainer_state_get(t);
    int n;
    const nn_metrics *h = nn_trainer_history(t, &n);
    switch (k) {
    case M_EPOCH: return st.epoch;
    case M_STEPS: return (double)st.steps;
    case M_EXAMPLES: return (double)st.examples;
    case M_LR: return nn_trainer_epoch_lr(t);     /* the CSV row's lr: the rate of epoch `epoch` */
    case M_SECONDS: return n ? h[n - 1].seconds : 0.0;
    case M_DIVERGED: return st.diverged;
    case M_STOPPED: return st.stopped;
    case M_BEST_EPOCH: return st.best_epoch;
    case M_EPOCHS: return rv->cfg->epochs;
    default: break;
    }
    if (k == M_AVOIDABLE_BIAS || k == M_VARIANCE) {
        /* As the bias/variance view and nnlab-train's diagnosis read them: errors
         * are 1 - accuracy; human level is the data set's default (Fashion-MNIST's
         * published accuracy for the images, 0 for the synthetic sets). */
        const double train_err = 1.0 - metric_now(rv, M_TRAIN_ACC);
        if (k == M_VARIANCE) return (1.0 - metric_now(rv, M_DEV_ACC)) - train_err;
        return train_err - (nn_config_is_images(rv->cfg) ? 1.0 - NN_FASHION_HUMAN_ACC : 0.0);
    }
    /* After an early stop the network is the restored one of epoch best_epoch
     * (what the window shows, and what nnlab-train's final line reports): its
     * row, or (when the bounded history dropped it) the restored weights measured. */
    if (st.stopped) {
        for (int i = n - 1; i >= 0; i--) if (h[i].epoch == st.best_epoch) return column(&h[i], k);
    } else if (n && st.batch_in_epoch == 0 && h[n - 1].epoch == st.epoch) {
        return column(&h[n - 1], k);
    }
    double loss, acc;
    const nn_dataset *ds = k <= M_TRAIN_ACC ? &rv->run->train : k <= M_DEV_ACC ? &rv->run->dev : &rv->run->test;
    nn_trainer_evaluate(t, ds, k <= M_TRAIN_ACC, &loss, &acc);
    return (k == M_TRAIN_LOSS || k == M_DEV_LOSS || k == M_TEST_LOSS) ? loss : acc;
}

/* The engine's layers behind the learner's layer k (see the top): the one
 * holding its weights, the one whose output is its activation, the one
 * feeding that activation (its pre-activations), and its batch norm (-1 if
 * none). 0, or -1 when the network has no such layer. */
typedef struct engine_at { int w, a, pre, bn; } engine_at;

static int engine_layers(const nn_model *m, int k, engine_at *e)
{
    const int n = nn_model_layer_count(m);
    int count = 0;
    e->w = e->bn = -1;
    for (int i = 0; i < n; i++) {
        const nn_layer_kind kind = nn_model_layer(m, i).kind;
        if (kind != NN_LAYER_DENSE && kind != NN_LAYER_CONV2D) continue;
        count++;
        if (count == k || k == LESSON_LAYER_LAST) e->w = i;
    }
    if (e->w < 0) return -1;
    e->a = e->pre = e->w;
    for (int i = e->w + 1; i < n; i++) {
        const nn_layer_kind kind = nn_model_layer(m, i).kind;
        if (kind == NN_LAYER_DENSE || kind == NN_LAYER_CONV2D) break;
        if (kind == NN_LAYER_BATCHNORM && e->bn < 0) e->bn = i;
        if (kind == NN_LAYER_ACT) { e->a = i; e->pre = i - 1; break; }
    }
    return 0;
}

/* alike(K): the widest spread of one input's weights across the layer's
 * neurons (rows of W), which is the largest difference between two rows,
 * over the largest |w|. */
static double alike(nn_model *m, int w)
{
    const nn_layer_info li = nn_model_layer(m, w);
    const int rows = li.out.c;
    if (rows < 1 || li.n_weights == 0) return 0.0;
    const size_t cols = li.n_weights / (size_t)rows;
    const float *W = nn_model_params(m) + li.param_offset;
    double widest = 0.0, big = 0.0;
    for (size_t k = 0; k < li.n_weights; k++) big = fmax(big, fabs(W[k]));
    if (!(big > 0.0)) return 0.0;
    for (size_t c = 0; c < cols; c++) {
        double lo = W[c], hi = W[c];
        for (int r = 1; r < rows; r++) {
            const double x = W[(size_t)r * cols + c];
            lo = fmin(lo, x);
            hi = fmax(hi, x);
        }
        widest = fmax(widest, hi - lo);
    }
    return widest / big;
}

/* bn_mean_gap / bn_var_ratio of batch norm layer i (see the top); -1 if it is not one. */
static int bn_gap(const nn_model *m, int i, int metric, double *x)
{
    const float *bm, *bv, *rm, *rv;
    const int n = nn_model_batchnorm_stats(m, i, &bm, &bv, &rm, &rv);
    if (n <= 0) return -1;
    const double eps = nn_model_get_desc(m)->layers[i].bn_eps;
    double worst = 0.0;
    for (int j = 0; j < n; j++) {
        const double b = bv[j] + eps, r = rv[j] + eps;
        const double g = metric == M_BN_MEAN_GAP ? fabs((double)bm[j] - rm[j]) / sqrt(b) : fmax(b / r, r / b);
        worst = fmax(worst, g);
    }
    *x = worst;
    return 0;
}

/* A per-layer metric of the latest captured update; -1 before any (or when
 * the run does not capture statistics) and for a layer the network lacks. */
static int layer_metric(nn_trainer *t, int metric, int k, double *x)
{
    int n;
    engine_at e;
    nn_model *m = nn_trainer_model(t);
    const nn_layer_stats *s = nn_trainer_layer_stats(t, &n);
    if (engine_layers(m, k, &e)) return -1;
    if (metric == M_ALIKE) { *x = alike(m, e.w); return 0; }     /* the weights now */
    if (!nn_trainer_desc(t)->capture_stats || nn_trainer_state_get(t).steps == 0) return -1;
    switch (metric) {
    case M_GRAD_NORM: *x = s[e.w].grad_norm; break;
    case M_ACT_MEAN: *x = s[e.a].act_mean; break;
    case M_ACT_STD: *x = s[e.a].act_std; break;
    case M_PRE_STD: *x = s[e.pre].act_std; break;
    case M_BN_MEAN_GAP: case M_BN_VAR_RATIO: return bn_gap(m, e.bn, metric, x);
    default: *x = s[e.a].saturated; break;
    }
    return 0;
}

static double history_fn(const lesson_runview *rv, const lesson_operand *o)
{
    int n;
    const nn_metrics *h = nn_trainer_history(rv->run->trainer, &n);
    if (n == 0) return NAN;
    if (o->fn == LESSON_FN_FIRST) return column(&h[0], o->metric);
    const int from = o->window > 0 && o->window < n ? n - o->window : 0;
    double lo = column(&h[from], o->metric), hi = lo, rises = 0;
    for (int i = from + 1; i < n; i++) {
        const double x = column(&h[i], o->metric);
        rises += x > column(&h[i - 1], o->metric);
        if (x < lo) lo = x;
        if (x > hi) hi = x;
    }
    switch (o->fn) {
    case LESSON_FN_RISES: return rises;
    case LESSON_FN_SPREAD: return hi - lo;
    case LESSON_FN_MIN: return lo;
    default: return hi;
    }
}

static int is_number_text(const char *s, double *x)
{
    char *end;
    *x = strtod(s, &end);
    return *s && *end == '\0';
}

static int operand_value(const lesson_operand *o, const lesson_runview *runs, int n, val *v)
{
    memset(v, 0, sizeof *v);
    if (o->kind == LESSON_NUMBER) { v->x = o->number; return 0; }
    if (o->kind == LESSON_WORD) { v->is_text = 1; snprintf(v->s, sizeof v->s, "%s", o->word); return 0; }
    if (o->lab) {
        /* Every run view carries the labs (the same ones); a lab-only condition gets one without a run. */
        double x;
        if (n < 1) return -1;
        if (o->lab == LESSON_LAB_SURFACE
                ? !runs[0].slab || slab_metric(runs[0].slab, o->lane, o->name, &x) != NN_OK
                : !runs[0].ewa || ewa_metric(runs[0].ewa, o->name, o->arg, &x) != NN_OK)
            return -1;
        v->x = o->number * x;
        return 0;
    }
    const lesson_runview *rv = find_run(o->label, runs, n);
    if (!rv) return -1;
    if (o->metric < 0) {
        char text[LESSON_VALUE];
        nn_config_get(rv->cfg, o->name, text, (int)sizeof text);
        if (!is_number_text(text, &v->x)) { v->is_text = 1; snprintf(v->s, sizeof v->s, "%s", text); }
        v->x *= o->number;
        return 0;
    }
    if (o->metric == M_EPOCHS) { v->x = o->number * rv->cfg->epochs; return 0; }
    if (!rv->run || !rv->run->trainer) return -1;
    if (metric_of_layer(o->metric)) {
        if (layer_metric(rv->run->trainer, o->metric, o->arg, &v->x)) return -1;
        v->x *= o->number;
        return 0;
    }
    v->x = o->number * (o->fn ? history_fn(rv, o) : metric_now(rv, o->metric));
    return 0;
}

static int fmt_val(char *b, size_t n, const val *v)
{
    if (v->is_text) return snprintf(b, n, "%s", v->s);
    if (v->x == floor(v->x) && fabs(v->x) < 1e15) return snprintf(b, n, "%.0f", v->x);
    return snprintf(b, n, "%.4g", v->x);
}

static void fmt_operand(char *b, size_t n, const lesson_operand *o, const val *v)
{
    char ref[80] = "", num[LESSON_VALUE + 8];
    if (o->kind != LESSON_REF) { fmt_val(b, n, v); return; }
    char name[2 * LESSON_NAME + 16];
    int takes = 0;
    if (o->lab == LESSON_LAB_EWA && ewa_metric_known(o->name, &takes) && takes)
        snprintf(name, sizeof name, "ewa.%s(%d)", o->name, o->arg);
    else if (o->kind == LESSON_REF && !o->lab && metric_of_layer(o->metric) && o->arg == LESSON_LAYER_LAST)
        snprintf(name, sizeof name, "%s%s%s(last)", o->label, o->label[0] ? "." : "", o->name);
    else if (o->kind == LESSON_REF && !o->lab && metric_of_layer(o->metric))
        snprintf(name, sizeof name, "%s%s%s(%d)", o->label, o->label[0] ? "." : "", o->name, o->arg);
    else
        snprintf(name, sizeof name, "%s%s%s", o->label, o->label[0] ? "." : "", o->name);
    if (o->fn && o->window) snprintf(ref, sizeof ref, "%s(%s, %d)", lesson_fn_name(o->fn), name, o->window);
    else if (o->fn) snprintf(ref, sizeof ref, "%s(%s)", lesson_fn_name(o->fn), name);
    else snprintf(ref, sizeof ref, "%s", name);
    fmt_val(num, sizeof num, v);
    if (o->number != 1.0) snprintf(b, n, "%g*%s=%s", o->number, ref, num);
    else snprintf(b, n, "%s=%s", ref, num);
}

int lesson_operand_text(const lesson_operand *o, const lesson_runview *runs, int n, char *out, size_t len)
{
    lesson_operand raw = *o;
    if (raw.kind == LESSON_REF) raw.number = 1.0;
    val v;
    if (operand_value(&raw, runs, n, &v)) return -1;
    fmt_val(out, len, &v);
    return 0;
}

static int compare_vals(lesson_op op, const val *a, const val *b)
{
    if (a->is_text || b->is_text) {
        char sa[LESSON_VALUE], sb[LESSON_VALUE];
        fmt_val(sa, sizeof sa, a);
        fmt_val(sb, sizeof sb, b);
        if (op == LESSON_EQ) return strcmp(sa, sb) == 0;
        if (op == LESSON_NE) return strcmp(sa, sb) != 0;
        return -1;
    }
    const double x = a->x, y = b->x, scale = fmax(fabs(x), fabs(y));
    const int whole = x == floor(x) && y == floor(y);
    switch (op) {
    case LESSON_LT: return x < y;
    case LESSON_LE: return x <= y;
    case LESSON_GT: return x > y;
    case LESSON_GE: return x >= y;
    case LESSON_EQ: return whole ? x == y : fabs(x - y) <= 1e-6 * scale;
    case LESSON_NE: return whole ? x != y : !(fabs(x - y) <= 1e-6 * scale);
    case LESSON_ABOUT: return fabs(x - y) <= 0.01 * scale + 1e-12;
    case LESSON_TRUTH: break;
    }
    return -1;
}

int lesson_cond_eval(const lesson_cond *c, const lesson_runview *runs, int n_runs,
                     char *shown, size_t shown_len)
{
    val a, b;
    char ta[128], tb[128];
    if (shown && shown_len) shown[0] = '\0';
    if (operand_value(&c->a, runs, n_runs, &a)) {
        if (shown) snprintf(shown, shown_len, "%s: no run to measure", c->text);
        return -1;
    }
    fmt_operand(ta, sizeof ta, &c->a, &a);
    if (c->op == LESSON_TRUTH) {
        const int r = (a.x != 0.0) != c->negate;
        if (shown && c->negate)
            snprintf(shown, shown_len, "not %s%s%s (%s)", c->a.label, c->a.label[0] ? "." : "", c->a.name, ta);
        else if (shown) snprintf(shown, shown_len, "%s", ta);
        return r;
    }
    if (operand_value(&c->b, runs, n_runs, &b)) {
        if (shown) snprintf(shown, shown_len, "%s: no run to measure", c->text);
        return -1;
    }
    fmt_operand(tb, sizeof tb, &c->b, &b);
    if (shown) snprintf(shown, shown_len, "%s %s %s", ta, lesson_op_name(c->op), tb);
    return compare_vals(c->op, &a, &b);
}

static int operand_costly(const lesson_operand *o)
{
    return o->kind == LESSON_REF && o->metric >= 0 && !o->fn && metric_costly(o->metric);
}

static int operand_lab_only(const lesson_operand *o)
{
    return o->kind != LESSON_REF || o->lab != LESSON_LAB_NONE;
}

int lesson_cond_lab_only(const lesson_cond *c)
{
    return (c->a.kind == LESSON_REF && c->a.lab) || (c->op != LESSON_TRUTH && c->b.kind == LESSON_REF && c->b.lab)
               ? operand_lab_only(&c->a) && (c->op == LESSON_TRUTH || operand_lab_only(&c->b))
               : 0;
}

int lesson_cond_costly(const lesson_cond *c)
{
    return operand_costly(&c->a) || (c->op != LESSON_TRUTH && operand_costly(&c->b));
}
