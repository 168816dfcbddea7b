/* app/cli/cli_train.c - `nnlab-train [train] [options]`: train a network
 * headless, print progress, write a per-epoch CSV, end with the `final` line.
 *
 * Public interface (documented in --help and the README; change on purpose only):
 *   CSV header  epoch,steps,examples,lr,train_loss,train_acc,dev_loss,dev_acc,test_loss,test_acc,seconds
 *   last line   final epoch=E train_loss=... train_acc=... dev_loss=... dev_acc=... test_acc=... seconds=...
 *               train_eval=all|N|running [best_epoch=B]
 *   exit codes  0 done, 2 bad usage or input, 3 training diverged
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "nn/status.h"
#include "nn/config.h"
#include "nn/diagnose.h"
#include "nn/setup.h"
#include "nn/torch_export.h"

static const char STATS_HEADER[] =
    "epoch,layer,act_mean,act_std,grad_norm,weight_norm,grad_ratio,name,saturated";
#define CSV_HEADER NN_HISTORY_CSV_HEADER   /* the writer is shared with the window's export (nn/setup.h) */

typedef struct train_opts {
    nn_config   cfg;           /* everything about the run (nn/config.h) */
    const char *csv;
    const char *layer_stats;   /* per-epoch, per-layer statistics CSV */
    double      human_error;   /* human-level error for the bias/variance diagnosis */
    int         quiet;
    cli_images  img;           /* --save, --load */
    const char *export_torch;  /* --export-torch FILE.py: write the script and its data, no training */
} train_opts;

static void print_help(void)
{
    printf("usage: nnlab-train [train] [options]\n"
           "       nnlab-train COMMAND --help\n\n"
           "Trains a neural network without a window and reports loss and accuracy per epoch.\n\n");
    int n;
    const nn_setting *s = nn_config_settings(&n);
    for (int i = 0; i < n; i++) {
        char left[40];
        snprintf(left, sizeof left, "--%s%s%s", s[i].name, s[i].arg ? " " : "", s[i].arg ? s[i].arg : "");
        if (strlen(left) > 22) printf("  %s\n  %-22s %s\n", left, "", s[i].help);   /* a long one: help below */
        else printf("  %-22s %s\n", left, s[i].help);
    }
    printf("  %-22s %s\n  %-22s %s\n  %-22s %s\n  %-22s %s\n  %-22s %s\n  %-22s %s\n  %-22s %s\n",
           "--setup FILE", "Start from a setup file (saved by nnlab, Ctrl+S); options after it override it.",
           "--csv FILE", "Write one row per epoch (row 0 = before training).",
           "--layer-stats FILE", "Write per epoch and layer: activation mean/std, gradient and weight norms, saturated fraction.",
           "--human-error X", "Human-level error (0..1) for the bias/variance diagnosis after the final line (default 0; fashion: 0.165).",
           "--quiet", "Print only the final line.",
           "--help", "This text.", "--version", "Print the version.");
    printf("  %-22s %s\n", "--export-torch FILE.py",
           "Write a commented PyTorch script of these settings (and its data next to it: FILE_*.csv, or FILE_*.idx for images) instead of training; it prints the same CSV and final line. Not bit-for-bit: PyTorch's random numbers differ; accuracy agrees within a few points.");
    cli_images_help();
    printf("\nCSV columns: %s\n"
           "  steps = parameter updates so far, examples = training examples seen so far,\n"
           "  seconds = training time so far; accuracy cells are empty for regression.\n"
           "Last line:  final epoch=E train_loss=L train_acc=A dev_loss=L dev_acc=A test_acc=A seconds=S\n"
           "              train_eval=all|N|running (+ best_epoch=B with --early-stop; the metrics are then those of epoch B)\n"
           "  train_eval: the training set's loss and accuracy (CSV train_loss, train_acc) come from all\n"
           "  its examples, from a fixed sample of N drawn with the seed, or (running) from the epoch's\n"
           "  mini-batches as they were trained, row 0 from a sample of 10000 (all when the set is no\n"
           "  larger) (--train-eval; the first progress line says which too, e.g. 'train_eval all',\n"
           "  'train_eval 300 of 1667', 'train_eval running (row 0: 10000 of 50000)').\n"
           "Files: inputs must be regular files (a FIFO, device or directory is refused);\n"
           "  outputs are written as FILE.tmp and renamed, never over a device or FIFO.\n"
           "Setup files: a first line '# nnlab setup 1', then one 'name = value' per line, the\n"
           "  names of the options above without '--' (lr = 0.03); '#' starts a comment. The\n"
           "  window's keys view, lesson and lesson-step are ignored here. A bad line exits 2\n"
           "  with FILE:LINE and what is wrong. See the README, \"Setups\".\n"
           "Numbers are plain decimals (1e-3, 0.5); hexadecimal, inf and nan are refused.\n"
           "Exit codes: 0 done, 2 bad usage or input (also an unreadable input or an\n"
           "  output that cannot be written), 3 training diverged.\n", CSV_HEADER);
}

int cli_config_option(nn_config *c, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    if (strncmp(a, "--", 2) != 0) return 0;
    int n;
    const nn_setting *settings = nn_config_settings(&n);
    for (int k = 0; k < n; k++) {
        if (strcmp(a + 2, settings[k].name) != 0) continue;
        const char *v = "";
        if (settings[k].arg && cli_value(argc, argv, i, &v)) return CLI_EXIT_USAGE;
        if (nn_config_set(c, settings[k].name, v, a)) return cli_usage_error("%s", nn_last_error());
        return 1;
    }
    return 0;
}

int cli_unknown_option(const char *a)
{
    if (strncmp(a, "--", 2) != 0) return cli_usage_error("unexpected argument '%s' (see --help)", a);
    nn_config scratch = nn_config_default();
    nn_config_set(&scratch, a + 2, "", a);          /* only for its "did you mean" */
    const char *hint = strstr(nn_last_error(), " (did you mean");
    return cli_usage_error("unknown option '%s'%s (see --help)", a, hint ? hint : "");
}

static int parse_args(int argc, char **argv, train_opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { print_help(); return -1; }
        if (strcmp(a, "--version") == 0) { printf("nnlab-train %s\n", NNLAB_VERSION); return -1; }
        if (strcmp(a, "--quiet") == 0) { o->quiet = 1; continue; }
        if (strcmp(a, "--csv") == 0) {
            if (cli_value(argc, argv, &i, &o->csv)) return CLI_EXIT_USAGE;
            continue;
        }
        if (strcmp(a, "--export-torch") == 0) {
            if (cli_value(argc, argv, &i, &o->export_torch)) return CLI_EXIT_USAGE;
            continue;
        }
        if (strcmp(a, "--human-error") == 0) {
            const char *v;
            if (cli_value(argc, argv, &i, &v) || cli_parse_float(a, v, 0, 1, &o->human_error))
                return CLI_EXIT_USAGE;
            continue;
        }
        if (strcmp(a, "--layer-stats") == 0) {
            if (cli_value(argc, argv, &i, &o->layer_stats)) return CLI_EXIT_USAGE;
            o->cfg.train.capture_stats = 1;
            continue;
        }
        if (strcmp(a, "--setup") == 0) {   /* a setup file (nn/setup.h); options after it override it */
            const char *v;
            if (cli_value(argc, argv, &i, &v)) return CLI_EXIT_USAGE;
            static nn_setup st;             /* large: the window's keys are read and ignored here */
            memset(&st, 0, sizeof st);
            st.cfg = o->cfg;
            if (nn_setup_load(v, &st) != NN_OK) return cli_usage_error("--setup: %s", nn_last_error());
            o->cfg = st.cfg;
            continue;
        }
        const int ri = cli_images_option(&o->img, argc, argv, &i);
        if (ri == CLI_EXIT_USAGE) return ri;
        if (ri) continue;
        const int r = cli_config_option(&o->cfg, argc, argv, &i);
        if (r == CLI_EXIT_USAGE) return r;
        if (r == 0) return cli_unknown_option(a);
    }
    return 0;
}

/* "0.123456", or "" for an absent value (regression accuracy, empty set). */
static const char *fmt(char *buf, size_t n, double v, int digits)
{
    if (v < 0) buf[0] = '\0';
    else snprintf(buf, n, "%.*f", digits, v);
    return buf;
}

/* "all", or the size of the fixed sample the train figures come from, or
 * "running" (the epoch's running average); with `of` (row 0's line) the
 * sample's size against the set's ("300 of 1667") and, for running, what row
 * 0 was evaluated on ("running (row 0: 10000 of 50000)"). */
/* One epoch's line; `source` (row 0's) names where the train figures come from. */
static void progress(const nn_metrics *m, int regression, const char *source)
{
    char a[32], b[32], c[32], d[32];
    if (regression)
        printf("epoch %5d  steps %8ld  train_mse %s  dev_mse %s", m->epoch, m->steps,
               fmt(a, sizeof a, m->train_loss, 5), fmt(b, sizeof b, m->dev_loss, 5));
    else
        printf("epoch %5d  steps %8ld  train_loss %s  train_acc %s  dev_loss %s  dev_acc %s",
               m->epoch, m->steps, fmt(a, sizeof a, m->train_loss, 4), fmt(b, sizeof b, m->train_acc, 3),
               fmt(c, sizeof c, m->dev_loss, 4), fmt(d, sizeof d, m->dev_acc, 3));
    if (source) printf("  train_eval %s", source);
    printf("\n");
}

static void stats_rows(FILE *f, const nn_trainer *t, int epoch)
{
    int n;
    const nn_layer_stats *s = nn_trainer_layer_stats(t, &n);
    const nn_model *m = nn_trainer_model((nn_trainer *)t);
    for (int i = 0; i < n; i++)
        fprintf(f, "%d,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%s,%.6g\n", epoch, i, s[i].act_mean, s[i].act_std,
                s[i].grad_norm, s[i].weight_norm, s[i].grad_ratio, nn_model_layer(m, i).name, s[i].saturated);
}

static int run(train_opts *o)
{
    const nn_config *c = &o->cfg;
    nn_run r;
    if (cli_images_open(&r, c, &o->img)) return CLI_EXIT_USAGE;
    nn_trainer *t = r.trainer;
    const nn_dataset *tr = &r.train;
    cli_out csv, stats = { 0 };
    int rc = cli_out_open(&csv, "--csv", o->csv);
    if (!rc) rc = cli_out_open(&stats, "--layer-stats", o->layer_stats);
    if (rc) goto done;
    if (csv.f) fprintf(csv.f, "%s\n", CSV_HEADER);
    if (stats.f) fprintf(stats.f, "%s\n", STATS_HEADER);
    const int regression = tr->classes == 0;
    if (!o->quiet)
        printf("nnlab-train: %s, %d train / %d dev / %d test, %zu parameters, %s lr %g, batch %d\n",
               nn_config_data_name(c), tr->n, r.dev.n, r.test.n,
               nn_model_param_count(nn_trainer_model(t)), nn_optim_name(c->train.optim.kind),
               (double)c->train.lr, c->train.batch ? c->train.batch : tr->n);
    const int every = c->epochs <= 20 ? 1 : (c->epochs + 9) / 10;
    int n;
    const nn_metrics *h = nn_trainer_history(t, &n);
    if (csv.f) nn_history_csv_row(csv.f, &h[0]);
    char source[80];
    if (!o->quiet) progress(&h[0], regression, nn_trainer_train_eval_name(t, 1, source, sizeof source));
    nn_trainer_train_eval_name(t, 0, source, sizeof source);
    int status = NN_OK;
    while (nn_trainer_state_get(t).epoch < c->epochs) {
        if ((status = nn_trainer_epoch(t)) != NN_OK) break;
        h = nn_trainer_history(t, &n);
        if (csv.f) { nn_history_csv_row(csv.f, &h[n - 1]); fflush(csv.f); }
        if (stats.f) stats_rows(stats.f, t, h[n - 1].epoch);
        if (!o->quiet && (h[n - 1].epoch % every == 0 || h[n - 1].epoch == c->epochs))
            progress(&h[n - 1], regression, NULL);
        if (nn_trainer_state_get(t).stopped) break;
    }
    const nn_trainer_state st = nn_trainer_state_get(t);
    /* The files keep the epochs that completed, also when training diverged. */
    if ((rc = cli_out_commit(&csv)) || (rc = cli_out_commit(&stats))) goto done;
    if (status == NN_ERR_DIVERGED) {
        fprintf(stderr, "nnlab-train: training %s\n", st.why);
        rc = CLI_EXIT_DIVERGED;
        goto done;
    }
    if (status != NN_OK) { rc = cli_usage_error("%s", nn_last_error()); goto done; }
    if ((rc = cli_images_finish(&o->img, &r))) goto done;
    if (st.stopped && !o->quiet) printf("%s\n", st.why);
    h = nn_trainer_history(t, &n);
    const nn_metrics *fin = st.stopped ? &h[st.best_epoch] : &h[n - 1];
    char v[5][32];
    printf("final epoch=%d train_loss=%s train_acc=%s dev_loss=%s dev_acc=%s test_acc=%s seconds=%.3f",
           st.epoch, fmt(v[0], 32, fin->train_loss, 6), fmt(v[1], 32, fin->train_acc, 4),
           fmt(v[2], 32, fin->dev_loss, 6), fmt(v[3], 32, fin->dev_acc, 4),
           fmt(v[4], 32, fin->test_acc, 4), h[n - 1].seconds);
    printf(" train_eval=%s", source);
    if (c->train.early_stop > 0) printf(" best_epoch=%d", st.best_epoch);
    printf("\n");
    if (!regression && fin->dev_acc >= 0 && !o->quiet) {
        /* Bias and variance from the final errors, with the notes' remedies. On
         * stderr: the last line of standard output stays the `final` line scripts read. */
        nn_diagnosis dg;
        char report[2048];
        /* Default human level: Fashion-MNIST's published 0.835 accuracy; 0 for the synthetic sets. */
        const double human = o->human_error >= 0.0 ? o->human_error
                           : nn_config_is_images(c) ? 1.0 - NN_FASHION_HUMAN_ACC : 0.0;
        if (nn_diagnose(1.0 - fin->train_acc, 1.0 - fin->dev_acc, human, &dg) == NN_OK &&
            nn_diagnose_report(&dg, report, sizeof report) >= 0)
            fprintf(stderr, "%s", report);
    }
done:
    cli_out_abort(&csv);
    cli_out_abort(&stats);
    nn_run_close(&r);
    return rc;
}

int cli_train(int argc, char **argv)
{
    train_opts o = { .cfg = nn_config_default(), .human_error = -1.0 };   /* -1: the data's default */
    o.cfg.train.threads = -1;      /* threads auto: one per processor (the library's default is 1) */
    cli_images_init(&o.img);
    int rc = parse_args(argc, argv, &o);
    if (rc) return rc < 0 ? CLI_EXIT_OK : rc;
    if (o.export_torch) {
        char written[8192];
        if (nn_torch_export(&o.cfg, o.export_torch, written, sizeof written))
            return cli_usage_error("--export-torch %s: %s", o.export_torch, nn_last_error());
        printf("wrote %s\n", written);
        return CLI_EXIT_OK;
    }
    return run(&o);
}
