/* app/cli/cli_ewa.c - `nnlab-train ewa`: a year of daily temperatures and their
 * exponentially weighted average.
 *
 * Public interface (documented in --help and the README; change on purpose only):
 *   nnlab-train ewa --beta B [--no-bias-correction] [--seed N] [--csv FILE]
 *   CSV header  day,value,average        (day 1 = 1 January, 365 rows)
 *   last line   final day=365 value=V average=A
 *   exit codes  0 done, 2 bad usage
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "nn/ewa.h"
#include "nn/status.h"

static const char CSV_HEADER[] = "day,value,average";

static void print_help(void)
{
    printf("usage: nnlab-train ewa --beta B [--no-bias-correction] [--seed N] [--csv FILE]\n\n"
           "Averages a synthetic year of daily temperatures (degrees C) with\n"
           "  v_t = B v_(t-1) + (1 - B) value_t,  v_0 = 0,\n"
           "corrected to v_t / (1 - B^t) unless --no-bias-correction. The average remembers\n"
           "about 1 / (1 - B) days: B = 0.5 about 2, 0.9 about 10, 0.98 about 50.\n\n"
           "  %-22s %s\n  %-22s %s\n  %-22s %s\n  %-22s %s\n  %-22s %s\n",
           "--beta B", "Averaging weight in [0, 1) (required).",
           "--no-bias-correction", "Show the raw average, pulled towards 0 at the start.",
           "--seed N", "Seed of the synthetic year (default 1).",
           "--csv FILE", "Write day,value,average for the 365 days.",
           "--help", "This text.");
    printf("\nCSV columns: %s (day 1 = 1 January)\n"
           "Last line:  final day=365 value=V average=A\n"
           "Exit codes: 0 done, 2 bad usage.\n", CSV_HEADER);
}

int cli_ewa(int argc, char **argv)
{
    double beta = -1.0;
    long seed = 1;
    int correct = 1;
    const char *csv_path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { print_help(); return CLI_EXIT_OK; }
        if (strcmp(a, "--no-bias-correction") == 0) {
            correct = 0;
        } else if (strcmp(a, "--beta") == 0) {
            if (cli_value(argc, argv, &i, &v) || cli_parse_beta(a, v, &beta)) return CLI_EXIT_USAGE;
        } else if (strcmp(a, "--seed") == 0) {
            if (cli_value(argc, argv, &i, &v) || cli_parse_int(a, v, 0, 2147483647L, &seed))
                return CLI_EXIT_USAGE;
        } else if (strcmp(a, "--csv") == 0) {
            if (cli_value(argc, argv, &i, &csv_path)) return CLI_EXIT_USAGE;
        } else {
            return cli_usage_error("ewa: unknown option '%s'; options are --beta, --no-bias-correction, "
                                   "--seed, --csv (see ewa --help)", a);
        }
    }
    if (beta < 0.0) return cli_usage_error("ewa: --beta B is required, a number in [0, 1) such as 0.9");
    float value[NN_EWA_DAYS], avg[NN_EWA_DAYS];
    if (nn_ewa_temperatures((uint64_t)seed, value, NN_EWA_DAYS) ||
        nn_ewa_series(beta, correct, value, avg, NN_EWA_DAYS))
        return cli_usage_error("ewa: %s", nn_last_error());
    cli_out csv;
    int rc = cli_out_open(&csv, "--csv", csv_path);
    if (rc) return rc;
    if (csv.f) {
        fprintf(csv.f, "%s\n", CSV_HEADER);
        for (int d = 0; d < NN_EWA_DAYS; d++)
            fprintf(csv.f, "%d,%.1f,%.6g\n", d + 1, (double)value[d], (double)avg[d]);
    }
    rc = cli_out_commit(&csv);
    cli_out_abort(&csv);
    if (rc == 0)
        printf("final day=%d value=%.1f average=%.6g\n", NN_EWA_DAYS, (double)value[NN_EWA_DAYS - 1],
               (double)avg[NN_EWA_DAYS - 1]);
    return rc;
}
