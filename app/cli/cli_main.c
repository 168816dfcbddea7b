/* app/cli/cli_main.c - nnlab-train: dispatch to a subcommand (default: train). */
#include <string.h>

#include "cli.h"

/* One row per subcommand; `nnlab-train NAME ...` runs it. */
static const cli_command COMMANDS[] = {
    { "train",  "train a network (the default when no subcommand is given)", cli_train },
    { "search", "hyperparameter search: grid, random or evolutionary", cli_search },
    { "predict", "classify a picture with a saved model (--model FILE --image FILE)", cli_predict },
    { "surface", "an optimizer's path on a 2-D loss surface (--fn NAME --opt NAME --csv FILE)", cli_surface },
    { "ewa", "exponentially weighted average of a year of temperatures (--beta B)", cli_ewa },
    { "augment", "a PNG grid of augmented training images (--augment SPEC --out FILE.png)", cli_augment },
    { "softmax", "one row of logits through the softmax, step by step (--logits Z,Z,... [--true K])", cli_softmax },
};

int main(int argc, char **argv)
{
    if (argc > 1 && argv[1][0] != '-') {
        for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
            if (strcmp(argv[1], COMMANDS[i].name) == 0) return COMMANDS[i].run(argc - 1, argv + 1);
        fprintf(stderr, "nnlab-train: unknown command '%s'; commands are:", argv[1]);
        for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
            fprintf(stderr, " %s", COMMANDS[i].name);
        fputs(" (see --help)\n", stderr);
        return CLI_EXIT_USAGE;
    }
    return cli_train(argc, argv);
}
