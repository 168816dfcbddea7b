/* app/cli/cli_images.c - nnlab-train's image options and model files:
 *   --data fashion|fashion-small, --data-dir, --train-limit, --class-subset,
 *   --dev-size, --layers with conv/pool/dropout items, --augment, --save, --load.
 *
 * cli_train.c asks cli_images_option() first for every argument, opens the run
 * with cli_images_open() instead of nn_run_open(), and calls
 * cli_images_finish() after training. Synthetic data and plain hidden-layer
 * lists pass straight through to the shared settings table (nn/config.h).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "nn/images.h"
#include "nn/layerspec.h"
#include "nn/modelio.h"
#include "nn/status.h"

void cli_images_init(cli_images *im)
{
    memset(im, 0, sizeof *im);
    im->desc = nn_images_desc_default(NN_IMAGES_FASHION);
    im->augment = nn_augment_desc_default();
}

void cli_images_help(void)
{
    static const char *const ROWS[][2] = {
        { "--data fashion", "Fashion-MNIST (60,000 + 10,000 images of clothing, 10 classes); falls back to fashion-small." },
        { "--data fashion-small", "The built-in balanced subset: 2,000 training + 500 test images." },
        { "--data-dir DIR", "Where the Fashion-MNIST .gz files are (default " NN_FASHION_DIR_DEFAULT ")." },
        { "--train-limit N", "Use at most N training images (quick classroom runs)." },
        { "--class-subset LIST", "Keep only these classes, e.g. 0,1,7 (renumbered in the order given)." },
        { "--dev-size N", "Dev images carved (seeded) from the training images (default one sixth)." },
        { "--augment LIST", "Augment training images per batch, e.g. rotate=15,scale=0.1,shift=2,flip-h=0.5,cutout=8." },
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
           "Augmentation (--augment): NAME=VALUE[@P], P = probability the transform is applied\n"
           "  rotate=DEG scale=S shift=PX crop=PX cutout=PX flip-h=P flip-v=P invert=P intensity=K\n");
}

/* "--layers" values other than a plain list of sizes use the image grammar. */
static int needs_layerspec(const char *v)
{
    if (strcmp(v, "none") == 0) return 0;
    for (const char *p = v; *p; p++)
        if (!(*p == ',' || (*p >= '0' && *p <= '9'))) return 1;
    return 0;
}

int cli_images_option(cli_images *im, int argc, char **argv, int *i)
{
    const char *a = argv[*i], *v;
    long n;
    if (strcmp(a, "--data") == 0 && *i + 1 < argc) {
        const int k = nn_images_from_name(argv[*i + 1]);
        im->on = k >= 0;
        if (k < 0) return 0;                       /* a synthetic set: the settings table's job */
        im->desc.kind = (nn_images_kind)k;
        ++*i;
        return 1;
    }
    if (strcmp(a, "--layers") == 0 && *i + 1 < argc) {
        im->layers = needs_layerspec(argv[*i + 1]) ? argv[*i + 1] : NULL;
        if (!im->layers) return 0;
        ++*i;
        return 1;
    }
    if (strcmp(a, "--data-dir") == 0) {
        if (cli_value(argc, argv, i, &v)) return CLI_EXIT_USAGE;
        im->desc.dir = v;
        return 1;
    }
    if (strcmp(a, "--train-limit") == 0) {
        if (cli_value(argc, argv, i, &v) || cli_parse_int(a, v, 1, 100000000, &n)) return CLI_EXIT_USAGE;
        im->desc.train_limit = (int)n;
        return 1;
    }
    if (strcmp(a, "--dev-size") == 0) {
        if (cli_value(argc, argv, i, &v) || cli_parse_int(a, v, 0, 100000000, &n)) return CLI_EXIT_USAGE;
        im->desc.dev_size = (int)n;
        return 1;
    }
    if (strcmp(a, "--class-subset") == 0) {
        if (cli_value(argc, argv, i, &v) ||
            cli_parse_int_list(a, v, 0, NN_FASHION_CLASSES - 1, NN_FASHION_CLASSES, im->desc.subset,
                               &im->desc.n_subset))
            return CLI_EXIT_USAGE;
        if (im->desc.n_subset < 2) return cli_usage_error("%s needs at least 2 classes, got '%s'", a, v);
        return 1;
    }
    if (strcmp(a, "--augment") == 0) {
        if (cli_value(argc, argv, i, &v)) return CLI_EXIT_USAGE;
        if (nn_augment_parse(v, &im->augment)) return cli_usage_error("%s", nn_last_error());
        return 1;
    }
    if (strcmp(a, "--save") == 0) return cli_value(argc, argv, i, &im->save) ? CLI_EXIT_USAGE : 1;
    if (strcmp(a, "--load") == 0) return cli_value(argc, argv, i, &im->load) ? CLI_EXIT_USAGE : 1;
    return 0;
}

const char *cli_images_data_name(const cli_images *im, const nn_config *c)
{
    return im->on ? nn_images_name(im->desc.kind) : nn_data_name(c->data.kind);
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

int cli_images_open(nn_run *r, nn_config *c, cli_images *im)
{
    nn_saved_model saved = { 0 };
    if (im->load && nn_model_load(im->load, &saved)) return cli_usage_error("%s", nn_last_error());
    int rc = 0;
    memset(r, 0, sizeof *r);
    c->train.augment = im->augment;
    if (im->on) {
        char notice[512];
        im->desc.seed = c->data.seed;
        if (nn_images_load(&im->desc, &r->train, &r->dev, &r->test, notice, sizeof notice)) {
            rc = cli_usage_error("%s", nn_last_error());
            goto done;
        }
        if (*notice) fprintf(stderr, "nnlab-train: %s\n", notice);
    } else {
        if (im->layers && nn_layerspec_is_image(im->layers)) {
            rc = cli_usage_error("--layers %s needs image data (--data fashion or fashion-small)", im->layers);
            goto done;
        }
        if (nn_augment_active(&im->augment)) {
            rc = cli_usage_error("--augment needs image data (--data fashion or fashion-small)");
            goto done;
        }
        if (nn_data_make(&c->data, &r->train, &r->dev, &r->test)) {
            rc = cli_usage_error("%s", nn_last_error());
            goto done;
        }
    }
    nn_train_desc d = c->train;
    if (saved.model && im->layers) {
        rc = cli_usage_error("--load takes the network from %s; drop --layers %s", im->load, im->layers);
        goto done;
    }
    if (im->layers && (c->batchnorm || c->dropout[0] > 0.0f)) {
        rc = cli_usage_error("--layers %s: write dropout as dX items in the list (e.g. ...,d0.25,64); "
                             "--dropout and --batchnorm apply to plain lists of sizes", im->layers);
        goto done;
    }
    if (saved.model) {
        d.model = *nn_model_get_desc(saved.model);
    } else if (im->layers) {
        const nn_loss loss = nn_config_loss(c, &r->train);
        const int n_out = loss == NN_LOSS_BCE ? 1 : loss == NN_LOSS_SOFTMAX ? r->train.classes : r->train.y_dim;
        if (nn_layerspec_parse(im->layers, r->train.shape, n_out, c->act, c->slope, c->init, loss, &d.model)) {
            rc = cli_usage_error("%s", nn_last_error());
            goto done;
        }
    } else if (nn_config_model(c, &r->train, &d.model)) {
        rc = cli_usage_error("%s", nn_last_error());
        goto done;
    }
    if (!(r->trainer = nn_trainer_create(&d, &r->train, &r->dev, &r->test))) {
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
