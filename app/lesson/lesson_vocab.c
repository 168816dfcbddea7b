/* app/lesson/lesson_vocab.c - every name a lesson file may use, in one place:
 * action keywords, views, the player's own controls, metrics, and the text
 * helpers that show actions and narration. Settings are not listed here: they
 * come from the engine's one table (nn_config_settings) and the labs' own
 * tables (slab_settings, ewa_settings). */
#include <stdarg.h>
#include <string.h>

#include "labs/ewa_lab.h"
#include "labs/surface_lab.h"
#include "labs/view_setting.h"
#include "lesson/lesson.h"
#include "lesson/lesson_internal.h"
#include "nn/status.h"

/* Keywords, indexed by lesson_kind. */
static const char *const KINDS[LESSON_KIND_COUNT] = {
    [LESSON_VIEW] = "view",         [LESSON_SET] = "set",       [LESSON_RUN] = "run",
    [LESSON_RESET] = "reset",       [LESSON_COMPARE] = "compare",
    [LESSON_HIGHLIGHT] = "highlight", [LESSON_LOCK] = "lock",   [LESSON_UNLOCK] = "unlock",
    [LESSON_HIDE] = "hide",         [LESSON_SHOW] = "show",     [LESSON_WAIT] = "wait",
    [LESSON_CHECK] = "check",
};

const char *lesson_kind_name(lesson_kind k)
{
    return (unsigned)k < LESSON_KIND_COUNT ? KINDS[k] : "?";
}

/* Views a lesson may choose with `view:`: exactly the views the program has,
 * from the registry's own list (views/view_list.h names them and nothing
 * else, so no SDL comes in with it). */
static const char *const VIEWS[] = {
#define VIEW(id) #id,
#include "views/view_list.h"
#undef VIEW
};
enum { N_VIEWS = (int)(sizeof VIEWS / sizeof VIEWS[0]) };

int lesson_view_known(const char *id)
{
    for (int i = 0; i < N_VIEWS; i++)
        if (strcmp(id, VIEWS[i]) == 0) return 1;
    return 0;
}

const char *const *lesson_view_names(int *n)
{
    *n = N_VIEWS;
    return VIEWS;
}

/* Controls that are not settings: the player's transport and the race's axis.
 * TODO(lead): keep in step with the widgets that honour highlight/lock/hide. */
static const char *const CONTROLS[] = { "play", "step", "epoch", "reset", "new-seed", "speed", "axis" };

int lesson_control_known(const char *name)
{
    for (size_t i = 0; i < sizeof CONTROLS / sizeof CONTROLS[0]; i++)
        if (strcmp(name, CONTROLS[i]) == 0) return 1;
    int n;
    const nn_setting *s = nn_config_settings(&n);
    for (int i = 0; i < n; i++)
        if (strcmp(name, s[i].name) == 0) return 1;
    const slab_setting *ss = slab_settings(&n);
    for (int i = 0; i < n; i++)
        if (strcmp(name, ss[i].name) == 0) return 1;
    const ewa_setting *es = ewa_settings(&n);
    for (int i = 0; i < n; i++)
        if (strcmp(name, es[i].name) == 0) return 1;
    return view_setting_known(name);
}

int lesson_lab_setting(const char *name)
{
    return strncmp(name, "surface.", 8) == 0 || strncmp(name, "ewa.", 4) == 0 || view_setting_known(name);
}

int lesson_lab_check(const char *name, const char *value)
{
    if (strncmp(name, "ewa.", 4) == 0) return ewa_check(name, value);
    if (view_setting_known(name)) return view_setting_parse(name, value, NULL);
    return slab_check(name, value);
}

/* Metrics in conditions; the order is the lesson_metric index used in lesson_cond.c. */
static const char *const METRICS[] = {
    "epoch", "steps", "examples", "lr", "train_loss", "train_acc", "dev_loss", "dev_acc",
    "test_loss", "test_acc", "seconds", "diverged", "stopped", "best_epoch", "epochs",
    "grad_norm", "act_mean", "act_std", "saturated",        /* per layer: grad_norm(1), act_std(last) */
    "alike", "pre_std", "bn_mean_gap", "bn_var_ratio",
    "avoidable_bias", "variance",                           /* the bias/variance view's gaps */
};
enum { N_METRICS = (int)(sizeof METRICS / sizeof METRICS[0]) };

/* The same metrics as nouns for the learner (lesson_cond_say). */
static const char *const NOUNS[] = {
    "number of epochs trained", "number of updates", "number of examples seen",
    "learning rate during the last epoch", "training loss", "training accuracy", "dev loss", "dev accuracy",
    "test loss", "test accuracy", "training time (seconds)", "divergence", "early stop", "best epoch",
    "number of epochs to train",
    "gradient norm", "mean activation", "activation spread (std)", "share of outputs in the flat ends",
    "largest relative difference between two neurons' weights", "pre-activation spread (std)",
    "largest gap between batch and running mean (in batch std)",
    "largest ratio between batch and running variance",
    "avoidable bias (training error minus human-level error)", "variance (dev error minus training error)",
};
_Static_assert(sizeof NOUNS / sizeof NOUNS[0] == sizeof METRICS / sizeof METRICS[0], "a noun per metric");

const char *lesson_metric_noun(int i) { return i >= 0 && i < N_METRICS ? NOUNS[i] : "?"; }

int lesson_metric_find(const char *name)
{
    for (int i = 0; i < N_METRICS; i++)
        if (strcmp(name, METRICS[i]) == 0) return i;
    return -1;
}

const char *lesson_metric_name(int i) { return i >= 0 && i < N_METRICS ? METRICS[i] : "?"; }

const char *lesson_suggest(const char *word, const char *const *names, int n)
{
    const char *best = NULL;
    int bd = (int)strlen(word) <= 3 ? 2 : 3;    /* short words: only near misses */
    for (int i = 0; i < n; i++) {
        const int d = nn_edit_distance(word, names[i]);
        if (d < bd) { bd = d; best = names[i]; }
    }
    return best;
}

/* ---- text helpers ---- */

void lesson_textf(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, n, fmt, ap);
    va_end(ap);
}

static const char *const FNS[LESSON_FN_COUNT] = { "", "rises", "spread", "min", "max", "first" };
static const char *const OPS[] = { "", "<", "<=", ">", ">=", "==", "!=", "~" };

static size_t add(char *buf, size_t n, size_t at, const char *s)
{
    while (*s && at + 1 < n) buf[at++] = *s++;
    if (n) buf[at < n ? at : n - 1] = '\0';
    return at;
}

void lesson_action_text(const lesson_action *a, char *buf, size_t n)
{
    if (!n) return;
    buf[0] = '\0';
    size_t at = add(buf, n, 0, a->learner ? "learner: " : "");
    at = add(buf, n, at, lesson_kind_name(a->kind));
    at = add(buf, n, at, " ");
    switch (a->kind) {
    case LESSON_VIEW: add(buf, n, at, a->name); break;
    case LESSON_SET:
        at = add(buf, n, at, a->name);
        at = add(buf, n, at, " = ");
        add(buf, n, at, a->value);
        break;
    case LESSON_RUN:
        if (a->unit == LESSON_UNTIL) {
            at = add(buf, n, at, "until ");
            add(buf, n, at, a->cond.text);
        } else {
            char num[32];
            static const char *const UNITS[] = { "epochs", "updates", "examples", "", "surface updates" };
            snprintf(num, sizeof num, "%ld ", a->count);
            at = add(buf, n, at, num);
            add(buf, n, at, UNITS[a->unit]);
        }
        break;
    case LESSON_RESET: add(buf, n, at, a->count == 2 ? "surface" : a->count ? "new seed" : "same seed"); break;
    case LESSON_COMPARE:
        if (a->cmp.n_runs == 0) { add(buf, n, at, "off"); break; }
        for (int s = 0; s < a->cmp.n_settings; s++) {
            at = add(buf, n, at, s ? "; " : "");
            at = add(buf, n, at, a->cmp.names[s]);
            at = add(buf, n, at, " =");
            for (int r = 0; r < a->cmp.n_runs; r++) {
                at = add(buf, n, at, r ? " | " : " ");
                at = add(buf, n, at, a->cmp.values[s][r]);
            }
        }
        break;
    case LESSON_HIGHLIGHT: case LESSON_LOCK: case LESSON_UNLOCK: case LESSON_HIDE: case LESSON_SHOW:
        for (int i = 0; i < a->n_names; i++) {
            at = add(buf, n, at, i ? ", " : "");
            at = add(buf, n, at, a->names[i]);
        }
        break;
    case LESSON_WAIT: add(buf, n, at, a->next ? "next" : a->cond.text); break;
    case LESSON_CHECK: add(buf, n, at, a->cond.text); break;
    case LESSON_KIND_COUNT: break;
    }
}

const char *lesson_fn_name(lesson_fn f) { return (unsigned)f < LESSON_FN_COUNT ? FNS[f] : "?"; }
const char *lesson_op_name(lesson_op o) { return (unsigned)o <= LESSON_ABOUT ? OPS[o] : "?"; }

/* An asterisk opens emphasis when a non-space follows it and closes when a
 * non-space precedes it; "a * b" (spaces around) stays a multiplication. */
int lesson_spans(const char *para, lesson_span *out, int max)
{
    int n = 0;
    const char *p = para, *start = para;
    while (*p && n < max) {
        const char *close = NULL;
        if (*p == '*' && p[1] && p[1] != ' ' && p[1] != '*' && (p == para || p[-1] == ' ' || p[-1] == '('))
            for (const char *q = p + 2; *q; q++)
                if (*q == '*' && q[-1] != ' ') { close = q; break; }
        if (!close) { p++; continue; }
        if (p > start && n < max) out[n++] = (lesson_span){ start, (int)(p - start), 0 };
        if (n < max) out[n++] = (lesson_span){ p + 1, (int)(close - p - 1), 1 };
        p = start = close + 1;
    }
    if (*start && n < max) out[n++] = (lesson_span){ start, (int)strlen(start), 0 };
    return n;
}
