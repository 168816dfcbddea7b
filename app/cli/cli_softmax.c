/* app/cli/cli_softmax.c - `nnlab-train softmax --logits Z1,Z2,...`: one row of
 * logits through the softmax, step by step, as the softmax view shows it.
 *
 * Public interface (documented in --help and the README; change on purpose only):
 *   nnlab-train softmax --logits Z,Z,... [--true K]
 *   table       class z exp_z p [y p_minus_y]     (one row per class, K from 0)
 *   then        sum=S  and, with --true K,  loss=L  (-log p[K])
 *   exit codes  0 done, 2 bad usage
 * p is the engine's nn_softmax (the largest logit subtracted first: stable),
 * the loss and p - y are nn_loss_eval's for one example. exp_z is e^z as
 * written; if that overflows a double the column is e^(z - max) instead and
 * its heading says so.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "nn/loss.h"

enum { MAX_LOGITS = 64 };

static void help(void)
{
    printf("usage: nnlab-train softmax --logits Z,Z,... [--true K]\n\n"
           "Shows one row of logits z going through the softmax:\n"
           "  e^z, their sum S, p = e^z / S, and with --true K the loss -log p[K]\n"
           "  and the gradient p - y (y = 1 for class K, 0 for the others).\n"
           "The notes' example: --logits 2,5,-1,3 gives p = 0.042 0.842 0.002 0.114.\n\n"
           "  --logits Z,Z,...  2 to %d logits, comma-separated\n"
           "  --true K          the true class, 0 for the first logit\n\n"
           "Output: a table 'class z exp_z p' (with --true: 'y p_minus_y' too), then\n"
           "        sum=S and, with --true, loss=L\n"
           "Exit codes: 0 done, 2 bad usage.\n", MAX_LOGITS);
}

int cli_softmax(int argc, char **argv)
{
    float z[MAX_LOGITS];
    int k = 0;
    long truth = -1;
    const char *truth_text = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) { help(); return CLI_EXIT_OK; }
        if (!strcmp(a, "--logits")) {
            if (cli_value(argc, argv, &i, &v) ||
                cli_parse_float_list(a, v, -1e30, 1e30, MAX_LOGITS, z, &k)) return CLI_EXIT_USAGE;
        } else if (!strcmp(a, "--true")) {
            if (cli_value(argc, argv, &i, &truth_text)) return CLI_EXIT_USAGE;
        } else {
            return cli_usage_error("softmax: unknown option '%s'; options are --logits, --true "
                                   "(see nnlab-train softmax --help)", a);
        }
    }
    if (k == 0) return cli_usage_error("softmax needs --logits Z,Z,... (see nnlab-train softmax --help)");
    if (k < 2) return cli_usage_error("--logits needs at least 2 values (one per class), got %d", k);
    if (truth_text && cli_parse_int("--true", truth_text, 0, k - 1, &truth)) return CLI_EXIT_USAGE;

    float p[MAX_LOGITS], dz[MAX_LOGITS];
    nn_softmax(z, p, k);
    double loss = 0.0;
    if (truth >= 0) {
        const float y = (float)truth;
        loss = nn_loss_eval(NN_LOSS_SOFTMAX, z, &y, 1, k, dz, NULL);
    }
    float zmax = z[0];
    int shifted = 0;
    for (int i = 0; i < k; i++) {
        if (z[i] > zmax) zmax = z[i];
        shifted |= !isfinite(exp((double)z[i]));
    }
    double ez[MAX_LOGITS], sum = 0.0;
    for (int i = 0; i < k; i++) sum += (ez[i] = exp((double)z[i] - (shifted ? zmax : 0.0)));
    printf("class %10s %15s %6s", "z", shifted ? "exp_z_minus_max" : "exp_z", "p");
    if (truth >= 0) printf(" %2s %10s", "y", "p_minus_y");
    putchar('\n');
    for (int i = 0; i < k; i++) {
        printf("%5d %10.4g %15.4g %6.3f", i, (double)z[i], ez[i], (double)p[i]);
        if (truth >= 0) printf(" %2d %+10.3f", i == truth, (double)dz[i]);
        putchar('\n');
    }
    printf("sum=%.6g\n", sum);
    if (truth >= 0) printf("loss=%.6f\n", loss);
    return CLI_EXIT_OK;
}
