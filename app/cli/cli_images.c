/* app/cli/cli_images.c - nnlab-train's model files and image help:
 *   --save, --load (and applying a loaded model's weights), the help rows for
 *   the image datasets and the --layers / --augment grammars.
 *
 * Image data (--data fashion|fashion-small, --data-dir, --train-limit,
 * --class-subset, --dev-size), the --layers grammar and --augment are rows of
 * the shared settings table (nn/config.h) and reach nn_run_open like every
 * other setting. cli_train.c asks cli_images_option() for --save/--load, opens
 * the run with cli_images_open() and calls cli_images_finish() after training.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "nn/modelio.h"
#include "nn/status.h"

void cli_images_init(cli_images *im)
{
    memset(im, 0, sizeof *im);
}

void cli_images_help(void)
{
    static const char *const ROWS[][2] = {
        { "--data fashion", "Fashion-MNIST (60,000 + 10,000 images of clothing, 10 classes); falls back to fashion-small." },
        { "--data fashion-small", "The built-in balanced subset: 2,000 training + 500 test images." },
        { "--save FILE", "Save the trained model (architecture, weights, normalisation, class names)." },
        { "--load FILE", "Start from a saved model's architecture and weights." },
    };
    for (size_t i = 0; i < sizeof ROWS / sizeof ROWS[0]; i++) printf("  %-22s %s\n", ROWS[i][0], ROWS[i][1]);
    printf("\nImage networks (--layers): comma-separated items\n"
           "  N              dense layer of N units + activation\n"
           "  cFkK[sS][pP]   convolution: F filters KxK, stride S (1), padding P (K/2) + activation\n"
           "  pK[sS]         max-pool KxK, stride S (K)\n"
           "  dX             dropout of a fraction X of the previous layer's outputs\n"
           "  e.g. --layers c8k3,p2,c16k3,p2,64 ; the output layer is added automatically.\n"
           "  Limits: N 1..65536, F 1..1024, K 1..256 and not larger than the image it sees,\n"
           "  S 1..256, P 0..K-1.\n"
           "Augmentation (--augment): NAME=VALUE[@P], P = probability the transform is applied\n"
           "  rotate=DEG scale=S shift=PX crop=PX cutout=PX flip-h=P flip-v=P invert=P intensity=K\n");
}

int cli_images_option(cli_images *im, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    if (strcmp(a, "--save") == 0) return cli_value(argc, argv, i, &im->save) ? CLI_EXIT_USAGE : 1;
    if (strcmp(a, "--load") == 0) return cli_value(argc, argv, i, &im->load) ? CLI_EXIT_USAGE : 1;
    return 0;
}

/* Copy a loaded model's weights into the trainer's model, checking they fit. */
static int apply_loaded(nn_run *r, const nn_saved_model *s, const char *path)
{
    nn_model *m = nn_trainer_model(r->trainer);
    const float *mean, *inv;
    const int n_norm = nn_trainer_normalisation(r->trainer, &mean, &inv);
    if (s->n_norm && !n_norm)
        return cli_usage_error("--load %s: the model was trained on normalised inputs; add --normalize", path);
    if (!s->n_norm && n_norm)
        return cli_usage_error("--load %s: the model was trained without --normalize; drop it", path);
    if (nn_trainer_load_params(r->trainer, nn_model_params(s->model), nn_model_param_count(m)))
        return cli_usage_error("--load %s: %s", path, nn_last_error());
    return 0;
}

int cli_images_open(nn_run *r, const nn_config *c, const cli_images *im)
{
    nn_saved_model saved = { 0 };
    if (im->load && nn_model_load(im->load, &saved)) return cli_usage_error("%s", nn_last_error());
    const nn_run_opts opts = { .prefix = "--" };    /* name settings as options: "--layers ..." */
    int rc = 0;
    if (nn_run_open_data(r, c, &opts)) {
        rc = cli_usage_error("%s", nn_last_error());
        goto done;
    }
    if (*r->notice) fprintf(stderr, "nnlab-train: %s\n", r->notice);
    if (saved.model && c->layers[0]) {
        rc = cli_usage_error("--load takes the network from %s; drop --layers %s", im->load, c->layers);
        goto done;
    }
    if (nn_run_open_trainer(r, c, saved.model ? nn_model_get_desc(saved.model) : NULL, &opts)) {
        rc = cli_usage_error("%s%s", saved.model ? "--load: " : "", nn_last_error());
        goto done;
    }
    if (saved.model) rc = apply_loaded(r, &saved, im->load);
done:
    nn_saved_model_free(&saved);
    if (rc) nn_run_close(r);
    return rc;
}

int cli_images_finish(const cli_images *im, nn_run *r)
{
    if (!im->save) return 0;
    const float *mean, *inv;
    const int n_norm = nn_trainer_normalisation(r->trainer, &mean, &inv);
    const nn_model_extras ex = { .mean = mean, .inv_std = inv, .n_norm = n_norm,
                                 .class_names = r->train.class_names, .classes = r->train.classes };
    if (nn_model_save(im->save, nn_trainer_model(r->trainer), &ex))
        return cli_usage_error("--save: %s", nn_last_error());
    return 0;
}
