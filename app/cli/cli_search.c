/* app/cli/cli_search.c - `nnlab-train search`: hyperparameter search.
 *
 *   nnlab-train search --method grid|random|evo --trials N --param SPEC ...
 *                      [--jobs N] [--population N] [training options] --csv FILE
 *
 * CSV header: trial,generation,<param names...>,dev_error,train_error
 * (errors are 1 - accuracy for classification, mean squared error for
 * regression; a failed or diverged trial has empty error cells). The best
 * trial is printed last:  best trial=I dev_error=E train_error=E name=value ...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "nn/config.h"
#include "nn/search.h"
#include "nn/search_train.h"
#include "nn/status.h"

typedef struct search_ctx {
    nn_config       base;
    nn_search_desc  desc;
} search_ctx;

/* One full training run with the trial's values (nn/search_train.h). */
static int objective(nn_trial *t, void *arg)
{
    const search_ctx *s = arg;
    return nn_search_train_trial(&s->base, &s->desc, t, "--", NULL, NULL);
}

/* Can the runs be built at all? The fixed part of the configuration with
 * each parameter at the middle, the low and the high end of its range (or
 * choices): if none of these opens, every trial would fail for the same
 * reason, so that is a usage error, reported before any training. A problem
 * only some values have is left to the trials (they are reported per trial). */
static int check_base(const search_ctx *s)
{
    static const double at[3] = { 0.5, 0.0, 1.0 };
    char first[512] = "";
    for (int k = 0; k < 3; k++) {
        nn_config c = s->base;
        int ok = 1;
        for (int j = 0; j < s->desc.n_params && ok; j++) {
            char val[48];
            nn_search_param_value(&s->desc.params[j], at[k], val, sizeof val);
            if (nn_config_set(&c, s->desc.params[j].name, val, NULL)) {
                if (!first[0]) snprintf(first, sizeof first, "--param %s: %s", s->desc.params[j].name, nn_last_error());
                ok = 0;
            }
        }
        nn_run r;
        if (ok && nn_run_open_ex(&r, &c, &(nn_run_opts){ .prefix = "--" }) == NN_OK) {
            nn_run_close(&r);
            return 0;
        }
        if (ok && !first[0]) snprintf(first, sizeof first, "%s", nn_last_error());
    }
    return cli_usage_error("%s", first);
}

static void print_help(void)
{
    printf("usage: nnlab-train search --method grid|random|evo --trials N --param SPEC [...]\n"
           "                          [--jobs N] [--population N] [training options] [--csv FILE]\n\n"
           "Trains one network per trial and scores it by its dev error.\n\n"
           "  --param NAME=LO:HI:SCALE   a range; SCALE is lin, log, int or logint\n"
           "  --param NAME=A|B|C         a choice, e.g. layers=8|16,16|32,32\n"
           "  --method grid|random|evo   grid: every combination; random: uniform in each scale;\n"
           "                             evo: generations, parents from the best quarter, mutation\n"
           "  --trials N                 the budget: training runs in all (default 20)\n"
           "  --jobs N                   runs in parallel on N threads (default 1)\n"
           "  --population N             evo: trials per generation (default trials/5, at least 4)\n"
           "  --csv FILE                 trial,generation,<params>,dev_error,train_error\n"
           "Any training option (see nnlab-train --help) sets the fixed part of every run;\n"
           "the seed also seeds the sampling. The best trial is printed last.\n");
}

static const char *method_name(int i) { return nn_search_method_name((nn_search_method)i); }

static void progress(const nn_trial *trials, int count, void *arg)
{
    const search_ctx *s = arg;
    const int best = nn_search_best(trials, count);
    if (best >= 0)
        fprintf(stderr, "search: %d/%d trials, best dev_error %.4f\n", count, s->desc.trials,
                trials[best].dev_error);
}

int cli_search(int argc, char **argv)
{
    search_ctx s = { .base = nn_config_default() };
    s.desc = (nn_search_desc){ .method = NN_SEARCH_RANDOM, .trials = 20, .jobs = 1 };
    const char *csv_path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        long n;
        int k;
        if (strcmp(a, "--help") == 0) { print_help(); return CLI_EXIT_OK; }
        if (strcmp(a, "--method") == 0) {
            if (cli_value(argc, argv, &i, &v) || cli_parse_choice(a, v, method_name, NN_SEARCH_COUNT, &k))
                return CLI_EXIT_USAGE;
            s.desc.method = (nn_search_method)k;
        } else if (strcmp(a, "--trials") == 0 || strcmp(a, "--jobs") == 0 || strcmp(a, "--population") == 0) {
            if (cli_value(argc, argv, &i, &v) || cli_parse_int(a, v, 1, a[2] == 'j' ? 64 : 100000, &n))
                return CLI_EXIT_USAGE;
            *(a[2] == 't' ? &s.desc.trials : a[2] == 'j' ? &s.desc.jobs : &s.desc.population) = (int)n;
        } else if (strcmp(a, "--param") == 0) {
            if (cli_value(argc, argv, &i, &v)) return CLI_EXIT_USAGE;
            if (s.desc.n_params == NN_SEARCH_MAX_PARAMS)
                return cli_usage_error("--param: at most %d parameters", NN_SEARCH_MAX_PARAMS);
            nn_search_param *p = &s.desc.params[s.desc.n_params];
            if (nn_search_param_parse(v, p)) return cli_usage_error("%s", nn_last_error());
            /* Check the name and one value now, not inside the first trial. */
            nn_config probe = s.base;
            char val[48];
            nn_search_param_value(p, 0.5, val, sizeof val);
            if (nn_config_set(&probe, p->name, val, NULL))
                return cli_usage_error("--param %s: %s", p->name, nn_last_error());
            s.desc.n_params++;
        } else if (strcmp(a, "--csv") == 0) {
            if (cli_value(argc, argv, &i, &csv_path)) return CLI_EXIT_USAGE;
        } else {
            const int r = cli_config_option(&s.base, argc, argv, &i);
            if (r == CLI_EXIT_USAGE) return r;
            if (r == 0) return cli_unknown_option(a);
        }
    }
    if (s.desc.n_params == 0) return cli_usage_error("search needs at least one --param (see search --help)");
    s.desc.seed = s.base.train.seed;
    if (check_base(&s)) return CLI_EXIT_USAGE;
    nn_trial *trials = calloc((size_t)s.desc.trials, sizeof *trials);
    if (!trials) return cli_usage_error("out of memory for %d trials", s.desc.trials);
    cli_out csv;
    int rc = cli_out_open(&csv, "--csv", csv_path);
    if (rc == 0 && nn_search_run(&s.desc, objective, &s, trials, progress) != NN_OK)
        rc = cli_usage_error("%s", nn_last_error());
    if (rc == 0 && csv.f) {
        fprintf(csv.f, "trial,generation");
        for (int k = 0; k < s.desc.n_params; k++) fprintf(csv.f, ",%s", s.desc.params[k].name);
        fprintf(csv.f, ",dev_error,train_error\n");
        for (int i = 0; i < s.desc.trials; i++) {
            const nn_trial *t = &trials[i];
            fprintf(csv.f, "%d,%d", t->index, t->generation);
            /* Values may hold commas (layers=16,16): quote them as CSV requires. */
            for (int k = 0; k < s.desc.n_params; k++)
                fprintf(csv.f, strchr(t->value[k], ',') ? ",\"%s\"" : ",%s", t->value[k]);
            if (t->failed) fprintf(csv.f, ",,\n");
            else fprintf(csv.f, ",%.6f,%.6f\n", t->dev_error, t->train_error);
        }
        rc = cli_out_commit(&csv);
    }
    cli_out_abort(&csv);
    for (int i = 0; rc == 0 && i < s.desc.trials; i++)
        if (trials[i].failed) fprintf(stderr, "search: trial %d failed: %s\n", i, trials[i].why);
    const int best = nn_search_best(trials, s.desc.trials);
    if (rc == 0 && best < 0) rc = (fprintf(stderr, "nnlab-train: every trial failed\n"), CLI_EXIT_DIVERGED);
    if (rc == 0) {
        printf("best trial=%d dev_error=%.6f train_error=%.6f", best, trials[best].dev_error,
               trials[best].train_error);
        for (int k = 0; k < s.desc.n_params; k++) printf(" %s=%s", s.desc.params[k].name, trials[best].value[k]);
        printf("\n");
    }
    free(trials);
    return rc;
}
