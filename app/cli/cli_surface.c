/* app/cli/cli_surface.c - `nnlab-train surface`: an optimizer's path on a 2-D loss surface.
 *
 * Public interface (documented in --help and the README; change on purpose only):
 *   nnlab-train surface --fn NAME [--opt NAME] [--lr X] [--beta X] [--beta2 X] [--eps X]
 *       [--no-bias-correction] [--decay NAME] [--decay-rate K] [--decay-every N]
 *       [--decay-factor F] [--start X,Y] [--steps N] [--grad-noise S] [--seed N]
 *       [--cond C] [--csv FILE]
 *   CSV header  step,x,y,f,gx,gy     (row 0 = the start, row k = after k updates)
 *   last line   final step=N x=X y=Y f=F
 *   exit codes  0 done, 2 bad usage, 3 diverged (the message names the step)
 * The optimizer is nn_optim (the code that trains networks) on two floats.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "nn/config.h"
#include "nn/status.h"
#include "nn/surface.h"

static const char CSV_HEADER[] = "step,x,y,f,gx,gy";

/* The options, for --help and "did you mean". */
static const char *const OPTIONS[][2] = {
    { "--fn NAME",            "Surface: bowl, rosenbrock, beale, saddle, himmelblau, camel, plateau (required)." },
    { "--opt NAME",           "Optimizer: sgd, momentum, rmsprop, adam, adagrad (default sgd)." },
    { "--lr X",               "Learning rate (default 0.01)." },
    { "--beta X",             "Momentum / RMSprop beta, Adam beta1, in [0, 1) (default 0.9)." },
    { "--beta2 X",            "Adam beta2, in [0, 1) (default 0.999)." },
    { "--eps X",              "RMSprop / Adam / AdaGrad epsilon (default 1e-8)." },
    { "--no-bias-correction", "Adam without bias correction." },
    { "--decay NAME",         "Learning-rate decay per update: none, inverse, exp, sqrt, step (default none)." },
    { "--decay-rate K",       "k of inverse / exp / sqrt decay (default 1; try 0.01: each update is an epoch)." },
    { "--decay-every N",      "step decay: updates between drops (default 10)." },
    { "--decay-factor F",     "step decay: multiplier per drop, in [0, 1] (default 0.5)." },
    { "--start X,Y",          "Start point (default: the surface's own, see below)." },
    { "--steps N",            "Number of updates (default 100)." },
    { "--grad-noise S",       "Add Gaussian noise of std S to each gradient, like mini-batches (default 0)." },
    { "--seed N",             "Seed for the gradient noise (default 1)." },
    { "--cond C",             "bowl only: condition number c >= 1 of f = (x^2 + c y^2) / 2 (default 10)." },
    { "--csv FILE",           "Write step,x,y,f,gx,gy per point." },
    { "--help",               "This text." },
};

static void print_help(void)
{
    printf("usage: nnlab-train surface --fn NAME [--opt NAME] [--lr X] [--start X,Y] [--steps N]\n"
           "                           [optimizer, decay and noise options] [--csv FILE]\n\n"
           "Moves a point down a 2-D loss surface with the optimizer that trains networks.\n\n");
    for (size_t i = 0; i < sizeof OPTIONS / sizeof OPTIONS[0]; i++)
        printf("  %-22s %s\n", OPTIONS[i][0], OPTIONS[i][1]);
    printf("\nSurfaces (view box; default start; minima):\n");
    for (int k = 0; k < NN_SURF_COUNT; k++) {
        const nn_surf_info *s = nn_surf_info_get((nn_surf_kind)k);
        printf("  %-11s [%g, %g] x [%g, %g]; start %g,%g;", s->name, (double)s->view[0],
               (double)s->view[1], (double)s->view[2], (double)s->view[3], (double)s->start[0],
               (double)s->start[1]);
        for (int p = 0; p < s->n_points; p++)
            printf(" (%.4g, %.4g)%s", s->points[p].x, s->points[p].y,
                   s->points[p].kind == NN_SURF_SADDLE_POINT ? " saddle" :
                   s->points[p].kind == NN_SURF_LOCAL_MIN ? " local" : "");
        printf("\n              %s\n", s->blurb);
    }
    printf("\nCSV columns: %s\n"
           "  row 0 = the start, row k = the point after k updates; gx, gy = exact gradient there.\n"
           "Last line:  final step=N x=X y=Y f=F\n"
           "Exit codes: 0 done, 2 bad usage, 3 diverged (non-finite or |x|, |y| > 1e6).\n", CSV_HEADER);
}

static int unknown_option(const char *a)
{
    if (strncmp(a, "--", 2) != 0) return cli_usage_error("surface: unexpected argument '%s' (see surface --help)", a);
    const char *best = NULL;
    int best_d = 4;
    for (size_t i = 0; i < sizeof OPTIONS / sizeof OPTIONS[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "%s", OPTIONS[i][0]);
        name[strcspn(name, " ")] = '\0';
        const int d = nn_edit_distance(a, name);
        if (d < best_d) { best_d = d; best = OPTIONS[i][0]; }
    }
    if (best) {
        char name[32];
        snprintf(name, sizeof name, "%s", best);
        name[strcspn(name, " ")] = '\0';
        return cli_usage_error("surface: unknown option '%s' (did you mean %s?) (see surface --help)", a, name);
    }
    return cli_usage_error("surface: unknown option '%s' (see surface --help)", a);
}

static const char *surf_name(int i) { return nn_surf_name((nn_surf_kind)i); }
static const char *opt_name(int i) { return nn_optim_name((nn_optim_kind)i); }
static const char *decay_name(int i) { return nn_decay_name((nn_decay)i); }

static int parse_beta(const char *opt, const char *v, float *out)
{
    double b;
    if (cli_parse_beta(opt, v, &b)) return CLI_EXIT_USAGE;
    *out = (float)b;
    return 0;
}

typedef struct surf_opts {
    nn_surf_run_desc d;
    int              fn_set, start_set, cond_set;
    long             steps;
    const char      *csv;
} surf_opts;

/* 0 ok, -1 help printed, CLI_EXIT_USAGE after a message. */
static int parse_args(int argc, char **argv, surf_opts *o)
{
    /* Optimizer settings are applied after --opt is known; keep them aside. */
    nn_optim_desc od = nn_optim_desc_default(NN_OPT_SGD);
    int kind = NN_OPT_SGD, decay = NN_DECAY_NONE;
    nn_schedule sched = nn_schedule_default(NN_DECAY_NONE);
    float cond = NN_SURF_COND_DEFAULT, lr = 0.01f, noise = 0.0f, start[2] = { 0, 0 };
    long seed = 1;
    o->steps = 100;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        double x;
        long n;
        int k, cnt;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { print_help(); return -1; }
        if (strcmp(a, "--no-bias-correction") == 0) { od.bias_correction = 0; continue; }
        if (strcmp(a, "--fn") == 0) {
            if (cli_value(argc, argv, &i, &v) || cli_parse_choice(a, v, surf_name, NN_SURF_COUNT, &k))
                return CLI_EXIT_USAGE;
            o->d.surf.kind = (nn_surf_kind)k;
            o->fn_set = 1;
        } else if (strcmp(a, "--opt") == 0) {
            if (cli_value(argc, argv, &i, &v) || cli_parse_choice(a, v, opt_name, NN_OPT_COUNT, &kind))
                return CLI_EXIT_USAGE;
        } else if (strcmp(a, "--lr") == 0) {
            if (cli_value(argc, argv, &i, &v) || cli_parse_float(a, v, 0.0, 1e6, &x)) return CLI_EXIT_USAGE;
            lr = (float)x;
        } else if (strcmp(a, "--beta") == 0 || strcmp(a, "--beta2") == 0) {
            if (cli_value(argc, argv, &i, &v) || parse_beta(a, v, strcmp(a, "--beta2") == 0 ? &od.beta2 : &od.beta))
                return CLI_EXIT_USAGE;
        } else if (strcmp(a, "--eps") == 0) {
            if (cli_value(argc, argv, &i, &v) || cli_parse_float(a, v, 1e-30, 1.0, &x)) return CLI_EXIT_USAGE;
            od.eps = (float)x;
        } else if (strcmp(a, "--decay") == 0) {
            if (cli_value(argc, argv, &i, &v) || cli_parse_choice(a, v, decay_name, NN_DECAY_COUNT, &decay))
                return CLI_EXIT_USAGE;
        } else if (strcmp(a, "--decay-rate") == 0) {
            if (cli_value(argc, argv, &i, &v) || cli_parse_float(a, v, 0.0, 1e6, &x)) return CLI_EXIT_USAGE;
            sched.rate = (float)x;
        } else if (strcmp(a, "--decay-every") == 0) {
            if (cli_value(argc, argv, &i, &v) || cli_parse_int(a, v, 1, 100000000, &n)) return CLI_EXIT_USAGE;
            sched.every = (int)n;
        } else if (strcmp(a, "--decay-factor") == 0) {
            if (cli_value(argc, argv, &i, &v) || cli_parse_float(a, v, 0.0, 1.0, &x)) return CLI_EXIT_USAGE;
            sched.factor = (float)x;
        } else if (strcmp(a, "--start") == 0) {
            if (cli_value(argc, argv, &i, &v) ||
                cli_parse_float_list(a, v, -NN_SURF_DIVERGE_ABS, NN_SURF_DIVERGE_ABS, 2, start, &cnt))
                return CLI_EXIT_USAGE;
            if (cnt != 2) return cli_usage_error("--start expects two numbers X,Y, got '%s'", v);
            o->start_set = 1;
        } else if (strcmp(a, "--steps") == 0) {
            if (cli_value(argc, argv, &i, &v) || cli_parse_int(a, v, 0, 100000000, &o->steps))
                return CLI_EXIT_USAGE;
        } else if (strcmp(a, "--grad-noise") == 0) {
            if (cli_value(argc, argv, &i, &v) || cli_parse_float(a, v, 0.0, 1e6, &x)) return CLI_EXIT_USAGE;
            noise = (float)x;
        } else if (strcmp(a, "--seed") == 0) {
            if (cli_value(argc, argv, &i, &v) || cli_parse_int(a, v, 0, 2147483647L, &seed))
                return CLI_EXIT_USAGE;
        } else if (strcmp(a, "--cond") == 0) {
            if (cli_value(argc, argv, &i, &v) || cli_parse_float(a, v, 1.0, 1e6, &x)) return CLI_EXIT_USAGE;
            cond = (float)x;
            o->cond_set = 1;
        } else if (strcmp(a, "--csv") == 0) {
            if (cli_value(argc, argv, &i, &o->csv)) return CLI_EXIT_USAGE;
        } else {
            return unknown_option(a);
        }
    }
    if (!o->fn_set)
        return cli_usage_error("surface: --fn is required: bowl, rosenbrock, beale, saddle, himmelblau, "
                               "camel or plateau (see surface --help)");
    if (o->cond_set && o->d.surf.kind != NN_SURF_BOWL)
        return cli_usage_error("--cond applies to --fn bowl only (got --fn %s)", nn_surf_name(o->d.surf.kind));
    const nn_surf_kind fn = o->d.surf.kind;
    o->d = nn_surf_run_default(fn);
    o->d.surf.cond = cond;
    od.kind = (nn_optim_kind)kind;
    o->d.opt = od;
    o->d.lr = lr;
    sched.kind = (nn_decay)decay;
    o->d.sched = sched;
    o->d.grad_noise = noise;
    o->d.seed = (uint64_t)seed;
    if (o->start_set) { o->d.start[0] = start[0]; o->d.start[1] = start[1]; }
    return 0;
}

static void csv_row(FILE *f, const nn_surf_sample *s)
{
    fprintf(f, "%d,%.9g,%.9g,%.9g,%.9g,%.9g\n", s->step, (double)s->x, (double)s->y, s->f, s->gx, s->gy);
}

int cli_surface(int argc, char **argv)
{
    surf_opts o = { .d = nn_surf_run_default(NN_SURF_BOWL) };
    int rc = parse_args(argc, argv, &o);
    if (rc) return rc < 0 ? CLI_EXIT_OK : rc;
    nn_surf_walk w;
    if (nn_surf_walk_init(&w, &o.d) != NN_OK) return cli_usage_error("surface: %s", nn_last_error());
    cli_out csv;
    if ((rc = cli_out_open(&csv, "--csv", o.csv))) {
        nn_surf_walk_free(&w);
        return rc;
    }
    if (csv.f) {
        fprintf(csv.f, "%s\n", CSV_HEADER);
        csv_row(csv.f, &w.cur);
    }
    int diverged = 0;
    for (long k = 0; k < o.steps; k++) {
        if (nn_surf_walk_step(&w) != NN_OK) { diverged = 1; break; }
        if (csv.f) csv_row(csv.f, &w.cur);
    }
    /* The CSV keeps the path up to the divergence: it is worth plotting. */
    rc = cli_out_commit(&csv);
    cli_out_abort(&csv);
    if (rc == 0 && diverged) {
        fprintf(stderr, "nnlab-train: surface %s with %s at lr %g: %s\n", nn_surf_name(o.d.surf.kind),
                nn_optim_name(o.d.opt.kind), (double)o.d.lr, nn_last_error());
        printf("diverged step=%d\n", w.diverged_at);
        rc = CLI_EXIT_DIVERGED;
    } else if (rc == 0) {
        printf("final step=%d x=%.9g y=%.9g f=%.9g\n", w.step, (double)w.cur.x, (double)w.cur.y, w.cur.f);
    }
    nn_surf_walk_free(&w);
    return rc;
}
