/* app/lesson/lesson_say.c - conditions told to the learner in plain words.
 *
 * The checker's form (`rises(train_loss, 10)=5 >= 2`) is for lesson writers
 * and `--run-lesson`; under the narration the player shows the same facts as
 * a sentence: "Times the training loss went up in the last 10 epochs: 5 (at
 * least 2)." Metrics are named by lesson_metric_noun, settings by their
 * label in the engine's settings table, runs by their labels.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "labs/ewa_lab.h"
#include "labs/surface_lab.h"
#include "lesson/lesson_internal.h"
#include "lesson/lesson_session.h"

static const char *setting_label(const char *name)
{
    int n;
    const nn_setting *s = nn_config_settings(&n);
    for (int i = 0; i < n; i++)
        if (strcmp(s[i].name, name) == 0) return s[i].label ? s[i].label : name;
    return name;
}

/* The optimizers as a learner reads them (lane = nn_optim_kind). */
static const char *const OPT_NAMES[] = { "SGD", "Momentum", "RMSprop", "Adam", "AdaGrad" };

static const char *opt_name(int lane)
{
    return lane >= 0 && lane < (int)(sizeof OPT_NAMES / sizeof OPT_NAMES[0]) ? OPT_NAMES[lane] : "?";
}

/* A lab's metric as a noun: "updates Adam needed to come within 0.05 of a minimum".
 * beta: the averages lab's when measured (a step may check several betas), else < 0. */
static void lab_phrase(const lesson_operand *o, double beta, char *out, size_t n)
{
    char core[200], of_beta[40] = "";
    if (beta >= 0) snprintf(of_beta, sizeof of_beta, " for beta %g", beta);
    const char *who = opt_name(o->lane), *m = o->name;
    if (o->lab == LESSON_LAB_SURFACE) {
        if (!strcmp(m, "reached"))
            snprintf(core, sizeof core, "updates %s needed to come within %g of a minimum", who, SLAB_REACH_RADIUS);
        else if (!strcmp(m, "dist")) snprintf(core, sizeof core, "%s's distance to the nearest minimum", who);
        else if (!strcmp(m, "f")) snprintf(core, sizeof core, "the height f under %s", who);
        else if (!strcmp(m, "updates")) snprintf(core, sizeof core, "updates %s has taken", who);
        else if (!strcmp(m, "turns")) snprintf(core, sizeof core, "times %s's path turned back", who);
        else if (!strcmp(m, "length")) snprintf(core, sizeof core, "the length of %s's path", who);
        else snprintf(core, sizeof core, "%s's %s", who, m);        /* x, y, diverged */
    } else if (!strcmp(m, "window")) {
        snprintf(core, sizeof core, "the days the average%s remembers, 1 / (1 - beta)", of_beta);
    } else if (!strcmp(m, "weight")) {
        snprintf(core, sizeof core, "the weight of the value %d days back%s", o->arg, of_beta);
    } else {
        const char *what = !strcmp(m, "temp") ? "the temperature" : !strcmp(m, "raw") ? "the uncorrected average"
                         : !strcmp(m, "corrected") ? "the bias-corrected average" : "the average";
        snprintf(core, sizeof core, "%s%s on day %d", what, strcmp(m, "temp") ? of_beta : "", o->arg);
    }
    if (o->number != 1.0) snprintf(out, n, "%g times %s", o->number, core);
    else snprintf(out, n, "%s", core);
}

/* The layer as the learner counts it: "hidden layer 2", "the output layer". */
static void layer_name(const lesson_operand *o, char *out, size_t n)
{
    if (o->arg == LESSON_LAYER_LAST) snprintf(out, n, "the output layer");
    else snprintf(out, n, "hidden layer %d", o->arg);
}

/* "the gradient norm of hidden layer 1", "relu's mean activation of the output layer". */
static void layer_phrase(const lesson_operand *o, char *out, size_t n)
{
    char where[40], core[200];
    layer_name(o, where, sizeof where);
    if (o->label[0]) snprintf(core, sizeof core, "%s's %s of %s", o->label, lesson_metric_noun(o->metric), where);
    else snprintf(core, sizeof core, "the %s of %s", lesson_metric_noun(o->metric), where);
    if (o->number != 1.0) snprintf(out, n, "%g times %s", o->number, core);
    else snprintf(out, n, "%s", core);
}

/* "the training loss", "constant's training loss", "the range of ... over the last 10 epochs". */
static void phrase(const lesson_operand *o, const char *value, double beta, char *out, size_t n)
{
    if (o->kind != LESSON_REF) { snprintf(out, n, "%s", value); return; }
    if (o->lab) { lab_phrase(o, beta, out, n); return; }
    if (o->metric >= 0 && lesson_metric_of_layer(o->metric)) { layer_phrase(o, out, n); return; }
    char whose[2 * LESSON_NAME + 80], window[40] = "";
    const char *noun = o->metric >= 0 ? lesson_metric_noun(o->metric) : setting_label(o->name);
    if (o->label[0]) snprintf(whose, sizeof whose, "%s's %s", o->label, noun);
    else snprintf(whose, sizeof whose, "the %s", noun);
    if (o->window) snprintf(window, sizeof window, " over the last %d epochs", o->window);
    char core[sizeof whose + 120];
    switch (o->fn) {
    case LESSON_FN_RISES:
        if (o->window) snprintf(core, sizeof core, "times %s went up in the last %d epochs", whose, o->window);
        else snprintf(core, sizeof core, "times %s went up", whose);
        break;
    case LESSON_FN_SPREAD: snprintf(core, sizeof core, "the range of %s%s", whose, window); break;
    case LESSON_FN_MIN: case LESSON_FN_MAX:
        snprintf(core, sizeof core, "%s%s %s %s%s", o->label[0] ? o->label : "the", o->label[0] ? "'s" : "",
                 o->fn == LESSON_FN_MIN ? "lowest" : "highest", noun, window);
        break;
    case LESSON_FN_FIRST:  snprintf(core, sizeof core, "%s before training", whose); break;
    default:               snprintf(core, sizeof core, "%s", whose); break;
    }
    if (o->number != 1.0) snprintf(out, n, "%g times %s", o->number, core);
    else snprintf(out, n, "%s", core);
}

static const char *op_words(lesson_op op, int word)
{
    switch (op) {
    case LESSON_LT: return "less than";
    case LESSON_LE: return "at most";
    case LESSON_GT: return "more than";
    case LESSON_GE: return "at least";
    case LESSON_EQ: return word ? "" : "equal to";
    case LESSON_NE: return word ? "other than" : "different from";
    case LESSON_ABOUT: return "about";
    case LESSON_TRUTH: break;
    }
    return "";
}

/* The second side: "at least 2", "tanh", "less than batch's training loss: 0.25"
 * (held) or "... (0.25)" (not held: the sentence has no brackets yet). */
static void other_side(const lesson_cond *c, const char *vb, double beta, int held, char *out, size_t n)
{
    const char *ow = c->op == LESSON_EQ && c->b.kind == LESSON_REF ? "the same as" : op_words(c->op, c->b.kind == LESSON_WORD);
    /* Counts are fewer, not less. */
    const int count = c->a.lab == LESSON_LAB_SURFACE &&
                      (!strcmp(c->a.name, "reached") || !strcmp(c->a.name, "updates") || !strcmp(c->a.name, "turns"));
    if (count && c->op == LESSON_LT) ow = "fewer than";
    char p[400];
    phrase(&c->b, vb, beta, p, sizeof p);
    /* The same metric of another optimizer: just its name ("fewer than SGD's: 2000"). */
    if (c->a.lab == LESSON_LAB_SURFACE && c->b.lab == LESSON_LAB_SURFACE && !strcmp(c->a.name, c->b.name) &&
        c->b.number == 1.0)
        snprintf(p, sizeof p, "%s's", opt_name(c->b.lane));
    /* The same metric of another layer of the same run: "0.01 times the output layer's: 0.042". */
    if (c->a.kind == LESSON_REF && c->b.kind == LESSON_REF && !c->a.lab && !c->b.lab && c->a.metric == c->b.metric &&
        c->b.metric >= 0 && lesson_metric_of_layer(c->b.metric) && strcmp(c->a.label, c->b.label) == 0) {
        char where[40];
        layer_name(&c->b, where, sizeof where);
        if (c->b.number != 1.0) snprintf(p, sizeof p, "%g times %s's", c->b.number, where);
        else snprintf(p, sizeof p, "%s's", where);
    }
    if (c->b.kind == LESSON_REF)
        snprintf(out, n, held ? "%s%s%s: %s" : "%s%s%s (%s)", ow, *ow ? " " : "", p, vb);
    else
        snprintf(out, n, "%s%s%s", ow, *ow ? " " : "", p);
}

void lesson_cond_say(const lesson_cond *c, const lesson_runview *runs, int n_runs, int held,
                     char *out, size_t len)
{
    char va[LESSON_VALUE + 8] = "?", vb[LESSON_VALUE + 8] = "?", a[400], b[500];
    const int measured = lesson_operand_text(&c->a, runs, n_runs, va, sizeof va) == 0 &&
                         (c->op == LESSON_TRUTH || lesson_operand_text(&c->b, runs, n_runs, vb, sizeof vb) == 0);
    /* An optimizer that has not come close yet: say so, not "inf". */
    if (measured && n_runs > 0 && runs[0].slab) {
        if (c->a.lab == LESSON_LAB_SURFACE && !strcmp(c->a.name, "reached") && !strcmp(va, "inf"))
            snprintf(va, sizeof va, "not yet in %d updates", runs[0].slab->steps);
        if (c->b.lab == LESSON_LAB_SURFACE && !strcmp(c->b.name, "reached") && !strcmp(vb, "inf"))
            snprintf(vb, sizeof vb, "not yet in %d updates", runs[0].slab->steps);
    }
    if (c->op == LESSON_TRUTH) {
        const int yes = strcmp(va, "0") != 0;
        const int stop = strcmp(c->a.name, "stopped") == 0;
        char who[LESSON_NAME + 8];
        snprintf(who, sizeof who, "%s", c->a.lab ? opt_name(c->a.lane) : c->a.label[0] ? c->a.label : "Training");
        who[0] = (char)toupper((unsigned char)who[0]);
        if (!measured) snprintf(out, len, "%s: nothing to measure yet.", who);
        else snprintf(out, len, "%s %s%s", who,
                      stop ? (yes ? "stopped early" : "did not stop early") : (yes ? "diverged" : "did not diverge"),
                      held == 1 ? "." : ", which is not what the lesson expects.");
        return;
    }
    const double beta = n_runs > 0 && runs[0].ewa ? runs[0].ewa->beta : -1.0;
    phrase(&c->a, va, beta, a, sizeof a);
    a[0] = (char)toupper((unsigned char)a[0]);
    if (!measured) { snprintf(out, len, "%s: nothing to measure yet.", a); return; }
    other_side(c, vb, beta, held == 1, b, sizeof b);
    if (held == 1 && c->op == LESSON_EQ && c->b.kind != LESSON_REF) snprintf(out, len, "%s: %s.", a, va);
    else if (held == 1) snprintf(out, len, "%s: %s (%s).", a, va, b);
    else snprintf(out, len, "%s: %s, not %s.", a, va, b);
}

/* A number or word as written (a metric's phrase does not use it). */
static void literal(const lesson_operand *o, char *out, size_t n)
{
    if (o->kind == LESSON_WORD) snprintf(out, n, "%s", o->word);
    else snprintf(out, n, "%g", o->number);
}

void lesson_cond_goal(const lesson_cond *c, char *out, size_t len)
{
    char a[400], b[500];
    if (c->op == LESSON_TRUTH) {
        const int stop = strcmp(c->a.name, "stopped") == 0;
        snprintf(out, len, "%s %s%s", c->a.lab ? opt_name(c->a.lane) : c->a.label[0] ? c->a.label : "training",
                 c->negate ? "not " : "", stop ? "stop early" : "diverge");
        return;
    }
    char va[LESSON_VALUE + 8], vb[LESSON_VALUE + 8];
    literal(&c->a, va, sizeof va);
    literal(&c->b, vb, sizeof vb);
    phrase(&c->a, va, -1.0, a, sizeof a);
    const char *ow = op_words(c->op, c->b.kind == LESSON_WORD);
    char p[400];
    phrase(&c->b, vb, -1.0, p, sizeof p);
    snprintf(b, sizeof b, "%s%s%s", ow, *ow ? " " : "", p);
    snprintf(out, len, "%s %s", a, b);
}
