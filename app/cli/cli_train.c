/* app/cli/cli_train.c - `nnlab-train [train] [options]`: train a network
 * headless, print progress, write a per-epoch CSV, end with the `final` line.
 *
 * Public interface (documented in --help and the README; change on purpose only):
 *   CSV header  epoch,steps,examples,lr,train_loss,train_acc,dev_loss,dev_acc,test_loss,test_acc,seconds
 *   last line   final epoch=E train_loss=... train_acc=... dev_loss=... dev_acc=... test_acc=... seconds=...
 *   exit codes  0 done, 2 bad usage or input, 3 training diverged
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "nn/status.h"
#include "nn/trainer.h"

#define MAX_HIDDEN 32

static const char CSV_HEADER[] =
    "epoch,steps,examples,lr,train_loss,train_acc,dev_loss,dev_acc,test_loss,test_acc,seconds";

typedef struct train_opts {
    nn_data_desc  data;
    int           classes_set;
    int           hidden[MAX_HIDDEN], n_hidden;
    nn_act        act;
    float         slope;
    nn_init       init;
    int           loss;          /* -1 = chosen from the data */
    nn_train_desc train;
    int           epochs;
    const char   *csv;
    int           quiet;
} train_opts;

/* ---- the option table: one row per option; --help is generated from it ---- */

typedef struct opt_spec {
    const char *name;
    const char *arg;        /* NULL for a flag */
    const char *help;
    int (*parse)(train_opts *o, const char *opt, const char *v);
} opt_spec;

static const char *data_name(int i)  { return nn_data_name((nn_data_kind)i); }
static const char *act_name(int i)   { return nn_act_name((nn_act)i); }
static const char *init_name(int i)  { return nn_init_name((nn_init)i); }
static const char *opt_name(int i)   { return nn_optim_name((nn_optim_kind)i); }
static const char *decay_name(int i) { return nn_decay_name((nn_decay)i); }
static const char *loss_name(int i)  { return i == NN_LOSS_COUNT ? "auto" : nn_loss_name((nn_loss)i); }

static int p_data(train_opts *o, const char *opt, const char *v)
{
    int k;
    if (cli_parse_choice(opt, v, data_name, NN_DATA_COUNT, &k)) return CLI_EXIT_USAGE;
    nn_data_desc d = nn_data_desc_default((nn_data_kind)k);
    d.samples = o->data.samples; d.noise = o->data.noise; d.shift = o->data.shift;
    memcpy(d.split, o->data.split, sizeof d.split);
    d.seed = o->data.seed;
    if (o->classes_set) d.classes = o->data.classes;
    o->data = d;
    return 0;
}

static int p_samples(train_opts *o, const char *opt, const char *v)
{
    long n;
    if (cli_parse_int(opt, v, 3, 10000000, &n)) return CLI_EXIT_USAGE;
    o->data.samples = (int)n;
    return 0;
}

static int p_noise(train_opts *o, const char *opt, const char *v)
{
    double x;
    if (cli_parse_float(opt, v, 0, 10, &x)) return CLI_EXIT_USAGE;
    o->data.noise = (float)x;
    return 0;
}

static int p_classes(train_opts *o, const char *opt, const char *v)
{
    long n;
    if (cli_parse_int(opt, v, 2, 16, &n)) return CLI_EXIT_USAGE;
    o->data.classes = (int)n;
    o->classes_set = 1;
    return 0;
}

static int p_split(train_opts *o, const char *opt, const char *v)
{
    int n;
    float f[3];
    if (cli_parse_float_list(opt, v, 0, 1, 3, f, &n)) return CLI_EXIT_USAGE;
    if (n != 3 || !(f[0] > 0) || f[0] + f[1] + f[2] > 1.0001f)
        return cli_usage_error("%s expects TRAIN,DEV,TEST fractions with TRAIN > 0 and a sum "
                               "of at most 1, got '%s'", opt, v);
    memcpy(o->data.split, f, sizeof f);
    return 0;
}

static int p_shift(train_opts *o, const char *opt, const char *v)
{
    double x;
    if (cli_parse_float(opt, v, 0, 10, &x)) return CLI_EXIT_USAGE;
    o->data.shift = (float)x;
    return 0;
}

static int p_layers(train_opts *o, const char *opt, const char *v)
{
    if (strcmp(v, "none") == 0) { o->n_hidden = 0; return 0; }
    return cli_parse_int_list(opt, v, 1, 4096, MAX_HIDDEN, o->hidden, &o->n_hidden);
}

static int p_act(train_opts *o, const char *opt, const char *v)
{
    int k;
    if (cli_parse_choice(opt, v, act_name, NN_ACT_COUNT, &k)) return CLI_EXIT_USAGE;
    o->act = (nn_act)k;
    return 0;
}

static int p_slope(train_opts *o, const char *opt, const char *v)
{
    double x;
    if (cli_parse_float(opt, v, 0, 1, &x)) return CLI_EXIT_USAGE;
    o->slope = (float)x;
    return 0;
}

static int p_init(train_opts *o, const char *opt, const char *v)
{
    int k;
    if (cli_parse_choice(opt, v, init_name, NN_INIT_COUNT, &k)) return CLI_EXIT_USAGE;
    o->init = (nn_init)k;
    return 0;
}

static int p_loss(train_opts *o, const char *opt, const char *v)
{
    int k;
    if (cli_parse_choice(opt, v, loss_name, NN_LOSS_COUNT + 1, &k)) return CLI_EXIT_USAGE;
    o->loss = k == NN_LOSS_COUNT ? -1 : k;
    return 0;
}

static int p_opt(train_opts *o, const char *opt, const char *v)
{
    int k;
    if (cli_parse_choice(opt, v, opt_name, NN_OPT_COUNT, &k)) return CLI_EXIT_USAGE;
    o->train.optim.kind = (nn_optim_kind)k;
    return 0;
}

/* A float option stored at a fixed place: one parser per field keeps the table flat. */
#define FLOAT_OPT(fn, field, lo, hi) \
    static int fn(train_opts *o, const char *opt, const char *v) { \
        double x; \
        if (cli_parse_float(opt, v, lo, hi, &x)) return CLI_EXIT_USAGE; \
        o->field = (float)x; \
        return 0; }
FLOAT_OPT(p_lr, train.lr, 1e-9, 1e6)
FLOAT_OPT(p_beta, train.optim.beta, 0, 0.999999)
FLOAT_OPT(p_beta2, train.optim.beta2, 0, 0.999999999)
FLOAT_OPT(p_eps, train.optim.eps, 1e-12, 1)
FLOAT_OPT(p_decay_rate, train.decay.rate, 0, 1e6)
FLOAT_OPT(p_decay_factor, train.decay.factor, 0, 1)
FLOAT_OPT(p_l2, train.l2, 0, 1e6)
FLOAT_OPT(p_clip, train.clip, 0, 1e9)

static int p_no_bias_correction(train_opts *o, const char *opt, const char *v)
{
    (void)opt; (void)v;
    o->train.optim.bias_correction = 0;
    return 0;
}

static int p_decay(train_opts *o, const char *opt, const char *v)
{
    int k;
    if (cli_parse_choice(opt, v, decay_name, NN_DECAY_COUNT, &k)) return CLI_EXIT_USAGE;
    o->train.decay.kind = (nn_decay)k;
    return 0;
}

static int p_decay_every(train_opts *o, const char *opt, const char *v)
{
    long n;
    if (cli_parse_int(opt, v, 1, 1000000, &n)) return CLI_EXIT_USAGE;
    o->train.decay.every = (int)n;
    return 0;
}

static int p_batch(train_opts *o, const char *opt, const char *v)
{
    if (strcmp(v, "all") == 0) { o->train.batch = 0; return 0; }
    char *end;
    long n = strtol(v, &end, 10);
    if (*v == '\0' || *end != '\0' || n < 1 || n > 10000000)
        return cli_usage_error("%s expects a size from 1 to 10000000 or 'all' (full batch), got '%s'",
                               opt, v);
    o->train.batch = (int)n;
    return 0;
}

static int p_epochs(train_opts *o, const char *opt, const char *v)
{
    long n;
    if (cli_parse_int(opt, v, 1, 1000000, &n)) return CLI_EXIT_USAGE;
    o->epochs = (int)n;
    return 0;
}

static int p_seed(train_opts *o, const char *opt, const char *v)
{
    char *end;
    errno = 0;
    unsigned long long s = strtoull(v, &end, 10);
    if (*v == '\0' || *v == '-' || *end != '\0' || errno == ERANGE)
        return cli_usage_error("%s expects a non-negative integer, got '%s'", opt, v);
    o->train.seed = o->data.seed = (uint64_t)s;
    return 0;
}

static int p_early_stop(train_opts *o, const char *opt, const char *v)
{
    long n;
    if (cli_parse_int(opt, v, 1, 1000000, &n)) return CLI_EXIT_USAGE;
    o->train.early_stop = (int)n;
    return 0;
}

static int p_normalize(train_opts *o, const char *opt, const char *v)
{ (void)opt; (void)v; o->train.normalize = 1; return 0; }
static int p_csv(train_opts *o, const char *opt, const char *v) { (void)opt; o->csv = v; return 0; }
static int p_quiet(train_opts *o, const char *opt, const char *v)
{ (void)opt; (void)v; o->quiet = 1; return 0; }

static const opt_spec OPTIONS[] = {
    { "--data",     "NAME",  "dataset: spiral|circle|xor|gauss|moons|sine (default spiral)", p_data },
    { "--samples",  "N",     "examples before the split (default 600)", p_samples },
    { "--noise",    "X",     "noise standard deviation (default 0.1)", p_noise },
    { "--classes",  "K",     "spiral arms = classes, 2..16 (default 3)", p_classes },
    { "--split",    "T,D,E", "train,dev,test fractions (default 0.6,0.2,0.2)", p_split },
    { "--shift",    "X",     "draw dev and test from a shifted distribution (default 0)", p_shift },
    { "--layers",   "LIST",  "hidden layer sizes, e.g. 16,16; 'none' for no hidden layer (default 16,16)", p_layers },
    { "--act",      "NAME",  "hidden activation: relu|tanh|sigmoid|leaky|linear (default relu)", p_act },
    { "--slope",    "A",     "negative slope of leaky (default 0.01)", p_slope },
    { "--init",     "NAME",  "weight init: zeros|small|xavier|glorot|he (default he)", p_init },
    { "--loss",     "NAME",  "auto|softmax|bce|mse (auto: bce for 2 classes, softmax for more, mse for regression)", p_loss },
    { "--opt",      "NAME",  "optimizer: sgd|momentum|rmsprop|adam|adagrad (default sgd)", p_opt },
    { "--lr",       "X",     "learning rate (default 0.1)", p_lr },
    { "--beta",     "X",     "momentum/rmsprop beta, adam beta1 (default 0.9)", p_beta },
    { "--beta2",    "X",     "adam beta2 (default 0.999)", p_beta2 },
    { "--eps",      "X",     "rmsprop/adam/adagrad epsilon (default 1e-8)", p_eps },
    { "--no-bias-correction", NULL, "adam without bias correction", p_no_bias_correction },
    { "--decay",    "NAME",  "learning-rate decay per epoch: none|inverse|exp|sqrt|step (default none)", p_decay },
    { "--decay-rate",   "K", "k of inverse/exp/sqrt (default 1)", p_decay_rate },
    { "--decay-every",  "N", "step: epochs between drops (default 10)", p_decay_every },
    { "--decay-factor", "F", "step: factor per drop (default 0.5)", p_decay_factor },
    { "--l2",       "LAMBDA","L2 weight decay: cost += lambda/(2m) sum ||W||^2 (default 0)", p_l2 },
    { "--clip",     "NORM",  "clip the gradient norm to NORM (default off)", p_clip },
    { "--normalize", NULL,   "standardise inputs with train mean/std, applied to dev and test", p_normalize },
    { "--early-stop", "P",   "stop when dev loss has not improved for P epochs; restore the best", p_early_stop },
    { "--batch",    "N|all", "examples per update: 1 stochastic, all = full batch (default 32)", p_batch },
    { "--epochs",   "N",     "passes over the training set (default 100)", p_epochs },
    { "--seed",     "N",     "seed for data, weights and order (default 1)", p_seed },
    { "--csv",      "FILE",  "write one row per epoch (row 0 = before training)", p_csv },
    { "--quiet",    NULL,    "print only the final line", p_quiet },
};

static void print_help(void)
{
    printf("usage: nnlab-train [train] [options]\n"
           "       nnlab-train COMMAND --help\n\n"
           "Trains a neural network without a window and reports loss and accuracy per epoch.\n\n");
    for (size_t i = 0; i < sizeof OPTIONS / sizeof OPTIONS[0]; i++) {
        char left[40];
        snprintf(left, sizeof left, "%s%s%s", OPTIONS[i].name, OPTIONS[i].arg ? " " : "",
                 OPTIONS[i].arg ? OPTIONS[i].arg : "");
        printf("  %-22s %s\n", left, OPTIONS[i].help);
    }
    printf("  %-22s %s\n  %-22s %s\n", "--help", "this text", "--version", "print the version");
    printf("\nCSV columns: %s\n"
           "  steps = parameter updates so far, examples = training examples seen so far,\n"
           "  seconds = training time so far; accuracy cells are empty for regression.\n"
           "Last line:  final epoch=E train_loss=L train_acc=A dev_loss=L dev_acc=A test_acc=A seconds=S\n"
           "            (+ best_epoch=B with --early-stop; the metrics are then those of epoch B)\n"
           "Exit codes: 0 done, 2 bad usage or input, 3 training diverged.\n", CSV_HEADER);
}

static int parse_args(int argc, char **argv, train_opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { print_help(); return -1; }
        if (strcmp(a, "--version") == 0) { printf("nnlab-train %s\n", NNLAB_VERSION); return -1; }
        const opt_spec *spec = NULL;
        for (size_t k = 0; k < sizeof OPTIONS / sizeof OPTIONS[0]; k++)
            if (strcmp(a, OPTIONS[k].name) == 0) spec = &OPTIONS[k];
        if (!spec) return cli_usage_error("unknown option '%s' (see --help)", a);
        const char *v = NULL;
        if (spec->arg && cli_value(argc, argv, &i, &v)) return CLI_EXIT_USAGE;
        if (spec->parse(o, a, v)) return CLI_EXIT_USAGE;
    }
    return 0;
}

/* ---- running ---- */

static void cell(FILE *f, double v, int last)
{
    if (v >= 0) fprintf(f, "%.6f", v);
    fputc(last ? '\n' : ',', f);
}

static void csv_row(FILE *f, const nn_metrics *m)
{
    fprintf(f, "%d,%ld,%ld,%.6g,", m->epoch, m->steps, m->examples, (double)m->lr);
    cell(f, m->train_loss, 0); cell(f, m->train_acc, 0);
    cell(f, m->dev_loss, 0);   cell(f, m->dev_acc, 0);
    cell(f, m->test_loss, 0);  cell(f, m->test_acc, 0);
    fprintf(f, "%.4f\n", m->seconds);
}

/* "0.123456", or "" for an absent value (regression accuracy, empty set). */
static const char *fmt(char *buf, size_t n, double v, int digits)
{
    if (v < 0) buf[0] = '\0';
    else snprintf(buf, n, "%.*f", digits, v);
    return buf;
}

static void progress(const nn_metrics *m, int regression)
{
    char a[32], b[32], c[32], d[32];
    if (regression)
        printf("epoch %5d  steps %8ld  train_mse %s  dev_mse %s\n", m->epoch, m->steps,
               fmt(a, sizeof a, m->train_loss, 5), fmt(b, sizeof b, m->dev_loss, 5));
    else
        printf("epoch %5d  steps %8ld  train_loss %s  train_acc %s  dev_loss %s  dev_acc %s\n",
               m->epoch, m->steps, fmt(a, sizeof a, m->train_loss, 4), fmt(b, sizeof b, m->train_acc, 3),
               fmt(c, sizeof c, m->dev_loss, 4), fmt(d, sizeof d, m->dev_acc, 3));
}

static nn_loss choose_loss(const train_opts *o, const nn_dataset *train)
{
    if (o->loss >= 0) return (nn_loss)o->loss;
    if (train->classes == 0) return NN_LOSS_MSE;
    return train->classes == 2 ? NN_LOSS_BCE : NN_LOSS_SOFTMAX;
}

static int n_outputs(nn_loss loss, const nn_dataset *train)
{
    if (loss == NN_LOSS_BCE) return 1;
    return loss == NN_LOSS_SOFTMAX ? train->classes : train->y_dim;
}

static int run(train_opts *o)
{
    nn_dataset tr, dv, te;
    if (nn_data_make(&o->data, &tr, &dv, &te))
        return cli_usage_error("data: %s", nn_last_error());
    const nn_loss loss = choose_loss(o, &tr);
    o->train.model = nn_model_desc_mlp(tr.d, o->hidden, o->n_hidden, n_outputs(loss, &tr),
                                       o->act, o->slope, o->init, loss);
    int rc = CLI_EXIT_OK;
    FILE *csv = NULL;
    char tmp[4096] = "";
    nn_trainer *t = nn_trainer_create(&o->train, &tr, &dv, &te);
    if (!t) { rc = cli_usage_error("%s", nn_last_error()); goto done; }
    if (o->csv) {
        /* Written beside the target and renamed at the end: a reader never sees half a file. */
        snprintf(tmp, sizeof tmp, "%s.tmp", o->csv);
        if (!(csv = fopen(tmp, "w"))) {
            rc = cli_usage_error("--csv: cannot write '%s': %s", o->csv, strerror(errno));
            goto done;
        }
        fprintf(csv, "%s\n", CSV_HEADER);
    }
    const int regression = tr.classes == 0;
    if (!o->quiet)
        printf("nnlab-train: %s, %d train / %d dev / %d test, %zu parameters, %s lr %g, batch %d\n",
               nn_data_name(o->data.kind), tr.n, dv.n, te.n,
               nn_model_param_count(nn_trainer_model(t)), nn_optim_name(o->train.optim.kind),
               (double)o->train.lr, o->train.batch ? o->train.batch : tr.n);
    const int every = o->epochs <= 20 ? 1 : (o->epochs + 9) / 10;
    int n;
    const nn_metrics *h = nn_trainer_history(t, &n);
    if (csv) csv_row(csv, &h[0]);
    if (!o->quiet) progress(&h[0], regression);
    int status = NN_OK;
    while (nn_trainer_state_get(t).epoch < o->epochs) {
        if ((status = nn_trainer_epoch(t)) != NN_OK) break;
        h = nn_trainer_history(t, &n);
        if (csv) { csv_row(csv, &h[n - 1]); fflush(csv); }
        if (!o->quiet && (h[n - 1].epoch % every == 0 || h[n - 1].epoch == o->epochs))
            progress(&h[n - 1], regression);
        if (nn_trainer_state_get(t).stopped) break;
    }
    const nn_trainer_state st = nn_trainer_state_get(t);
    if (csv) {
        int bad = ferror(csv);
        bad |= fclose(csv) != 0;
        csv = NULL;
        if (bad || rename(tmp, o->csv) != 0) {
            rc = cli_usage_error("--csv: cannot write '%s': %s", o->csv, strerror(errno));
            remove(tmp);
            goto done;
        }
    }
    if (status == NN_ERR_DIVERGED) {
        fprintf(stderr, "nnlab-train: training %s\n", st.why);
        rc = CLI_EXIT_DIVERGED;
        goto done;
    }
    if (status != NN_OK) { rc = cli_usage_error("%s", nn_last_error()); goto done; }
    if (st.stopped && !o->quiet) printf("%s\n", st.why);
    h = nn_trainer_history(t, &n);
    const nn_metrics *fin = st.stopped ? &h[st.best_epoch] : &h[n - 1];
    char a[32], b[32], c[32], d[32], e[32];
    printf("final epoch=%d train_loss=%s train_acc=%s dev_loss=%s dev_acc=%s test_acc=%s seconds=%.3f",
           st.epoch, fmt(a, sizeof a, fin->train_loss, 6), fmt(b, sizeof b, fin->train_acc, 4),
           fmt(c, sizeof c, fin->dev_loss, 6), fmt(d, sizeof d, fin->dev_acc, 4),
           fmt(e, sizeof e, fin->test_acc, 4), h[n - 1].seconds);
    if (o->train.early_stop > 0) printf(" best_epoch=%d", st.best_epoch);
    printf("\n");
done:
    if (csv) { fclose(csv); remove(tmp); }
    nn_trainer_destroy(t);
    nn_dataset_free(&tr); nn_dataset_free(&dv); nn_dataset_free(&te);
    return rc;
}

int cli_train(int argc, char **argv)
{
    train_opts o = { .data = nn_data_desc_default(NN_DATA_SPIRAL), .hidden = { 16, 16 },
                     .n_hidden = 2, .act = NN_ACT_RELU, .slope = NN_LEAKY_SLOPE_DEFAULT,
                     .init = NN_INIT_HE, .loss = -1, .train = nn_train_desc_default(),
                     .epochs = 100 };
    int rc = parse_args(argc, argv, &o);
    if (rc) return rc < 0 ? CLI_EXIT_OK : rc;
    return run(&o);
}
