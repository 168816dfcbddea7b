/* app/shell/race_compare.c - comparable settings and lanes built from them
 * (see race_compare.h). */
#include <stdio.h>
#include <string.h>

#include "nn/status.h"
#include "shell/race_compare.h"

static const char *const BATCHES[] = { "1", "4", "8", "16", "32", "64", "128", "all" };
static const char *const OPTS[] = { "sgd", "momentum", "rmsprop", "adam", "adagrad" };
static const char *const AUGMENTS[] = { "none", "flip-h=0.5", "rotate=15", "shift=2", "cutout=8",
                                        "rotate=15,scale=0.1,shift=2,flip-h=0.5" };
static const char *const ONOFF[] = { "off", "on" };
static const char *const INITS[] = { "zeros", "small", "xavier", "he", "large" };
static const char *const ACTS[] = { "relu", "tanh", "sigmoid", "leaky", "linear" };
static const char *const DECAYS[] = { "none", "inverse", "exp", "sqrt", "step" };
static const char *const LAYERS[] = { "none", "4", "8", "16", "8,8", "16,16", "32,32", "16,16,16" };

#define NAMED(a) a, (int)(sizeof a / sizeof a[0]), 0, 0, 0

static const race_choice CHOICES[] = {
    { "batch", "batch size", NAMED(BATCHES), { "1", "32", "all", "8" }, 0 },
    { "opt", "optimizer", NAMED(OPTS), { "sgd", "adam", "momentum", "rmsprop" }, 1 },
    { "lr", "learning rate", NULL, 0, 1e-4f, 10.0f, 0.01f, { "0.01", "0.1", "1", "0.3" }, 0 },
    { "l2", "L2 lambda", NULL, 0, 0.0f, 100.0f, 0.1f, { "0", "1", "0.1", "10" }, 0 },
    { "dropout", "dropout", NULL, 0, 0.0f, 0.9f, 0.1f, { "0", "0.3", "0.5", "0.1" }, 0 },
    { "augment", "augmentation", NAMED(AUGMENTS), { "none", "flip-h=0.5", "rotate=15", "shift=2" }, 0 },
    { "normalize", "normalization", NAMED(ONOFF), { "off", "on", "off", "on" }, 0 },
    { "init", "initialization", NAMED(INITS), { "he", "small", "xavier", "large" }, 1 },
    { "act", "activation", NAMED(ACTS), { "relu", "tanh", "sigmoid", "leaky" }, 1 },
    { "decay", "lr decay", NAMED(DECAYS), { "none", "inverse", "exp", "step" }, 0 },
    { "batchnorm", "batch norm", NAMED(ONOFF), { "off", "on", "off", "on" }, 0 },
    { "layers", "hidden layers", NAMED(LAYERS), { "4", "16,16", "8", "32,32" }, 0 },
};
enum { N_CHOICES = (int)(sizeof CHOICES / sizeof CHOICES[0]) };

const race_choice *race_choices(int *count)
{
    if (count) *count = N_CHOICES;
    return CHOICES;
}

int race_choice_find(const char *name)
{
    for (int i = 0; name && i < N_CHOICES; i++)
        if (strcmp(CHOICES[i].name, name) == 0) return i;
    return -1;
}

int race_choice_item(const race_choice *c, const char *value)
{
    for (int i = 0; c->items && i < c->n_items; i++)
        if (strcmp(c->items[i], value) == 0) return i;
    return -1;
}

/* The batch race's names, as the notes explain them. */
static void batch_label(char *out, size_t n, const char *v)
{
    if (strcmp(v, "1") == 0) snprintf(out, n, "stochastic (batch 1)");
    else if (strcmp(v, "all") == 0) snprintf(out, n, "batch (all examples)");
    else snprintf(out, n, "mini-batch (%s)", v);
}

/* "adam" for a value that names itself, else "l2 = 1", or "l2 1" where
 * two values share the label. */
static void lane_value(char *out, size_t n, const char *set, const char *v, int two)
{
    const int k = race_choice_find(set);
    if (k >= 0 && CHOICES[k].bare) snprintf(out, n, "%s", v);
    else snprintf(out, n, two ? "%s %s" : "%s = %s", set, v);
}

int race_plan_compare(race_plan *p, const nn_config *base, const char *set1, const char *const *v1,
                      const char *set2, const char *const *v2, int n)
{
    memset(p, 0, sizeof *p);
    p->base = *base;
    snprintf(p->setting, sizeof p->setting, "%s", set1);
    if (n < 1 || n > RACE_MAX_LANES) {
        snprintf(p->error, sizeof p->error, "a race has 1 to %d lanes", RACE_MAX_LANES);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        p->cfgs[i] = *base;
        p->cfgs[i].train.threads = 1;    /* as race_init_on gives each lane (race.c) */
        if (nn_config_set(&p->cfgs[i], set1, v1[i], NULL) != NN_OK ||
            (set2 && nn_config_set(&p->cfgs[i], set2, v2[i], NULL) != NN_OK)) {
            snprintf(p->error, sizeof p->error, "run %d: %s", i + 1, nn_last_error());
            return -1;
        }
        char *label = p->labels[i];
        const size_t size = sizeof p->labels[i];
        if (!set2 && strcmp(set1, "batch") == 0) batch_label(label, size, v1[i]);
        else {
            char a[48], b[48];
            lane_value(a, sizeof a, set1, v1[i], set2 != NULL);
            if (!set2) snprintf(label, size, "%s", a);
            else {
                lane_value(b, sizeof b, set2, v2[i], 1);
                snprintf(label, size, "%.21s \xC2\xB7 %.21s", a, b);
            }
        }
        snprintf(p->values[i], sizeof p->values[i], "%s", v1[i]);
    }
    p->n = n;
    return 0;
}

int race_plan_check(race_plan *p, const nn_run *data)
{
    for (int i = 0; i < p->n; i++)
        if (nn_run_check_on(&p->cfgs[i], data, NULL) != NN_OK) {
            snprintf(p->error, sizeof p->error, "run %d: %s", i + 1, nn_last_error());
            return -1;
        }
    return 0;
}

int race_init_plan(race *r, const race_plan *p, const nn_run *data)
{
    const char *names[RACE_MAX_LANES];
    for (int i = 0; i < p->n; i++) names[i] = p->labels[i];
    if (p->n < 1) {
        memset(r, 0, sizeof *r);
        snprintf(r->error, sizeof r->error, "%s", p->error[0] ? p->error : "no runs planned");
        return -1;
    }
    if (race_init_on(r, p->cfgs, names, p->n, data, data ? &p->base : NULL) != 0) return -1;
    r->base = p->base;
    snprintf(r->setting, sizeof r->setting, "%s", p->setting);
    for (int i = 0; i < p->n; i++) snprintf(r->lanes[i].value, sizeof r->lanes[i].value, "%s", p->values[i]);
    return 0;
}

int race_init_compare(race *r, const nn_config *base, const char *set1, const char *const *v1,
                      const char *set2, const char *const *v2, int n)
{
    race_plan p;
    if (race_plan_compare(&p, base, set1, v1, set2, v2, n) != 0) {
        memset(r, 0, sizeof *r);
        snprintf(r->error, sizeof r->error, "%s", p.error);
        return -1;
    }
    return race_init_plan(r, &p, NULL);
}
