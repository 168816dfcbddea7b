/* app/cli/cli_predict.c - `nnlab-train predict --model FILE --image FILE`:
 * classify a learner's own picture with a saved model.
 *
 * The picture (PNG, JPEG or BMP) is made to look like the training images
 * (nn_image_prepare: gray, light background inverted, fitted to the box,
 * centred by mass), run through the model, and the class probabilities are
 * printed from most to least likely, then `prediction: NAME P`.
 * Exit codes: 0 done, 2 bad usage or a missing/damaged model or image.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "nn/image.h"
#include "nn/modelio.h"
#include "nn/status.h"

static void help(void)
{
    printf("usage: nnlab-train predict --model FILE --image FILE [--show]\n\n"
           "Classifies a picture with a model saved by `nnlab-train --save FILE`.\n"
           "The picture is turned into a %s like the training data: grayscale, a light\n"
           "background inverted, the object fitted to the box and centred by its mass.\n\n"
           "  --model FILE   a saved model (nnlab model format)\n"
           "  --image FILE   a PNG, JPEG or BMP picture\n"
           "  --show         also draw the prepared input as text\n\n"
           "Output: one line per class, 'P NAME', most likely first, then\n"
           "        prediction: NAME P\n"
           "Exit codes: 0 done, 2 bad usage or input.\n", "28x28 image");
}

static void show(const float *x, int side)
{
    static const char RAMP[] = " .:-=+*#%@";
    for (int y = 0; y < side; y++) {
        putchar(' ');
        for (int i = 0; i < side; i++) {
            int k = (int)(x[y * side + i] * 9.0f + 0.5f);
            putchar(RAMP[k < 0 ? 0 : k > 9 ? 9 : k]);
            putchar(RAMP[k < 0 ? 0 : k > 9 ? 9 : k]);
        }
        putchar('\n');
    }
}

int cli_predict(int argc, char **argv)
{
    const char *model_path = NULL, *image_path = NULL;
    int do_show = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) { help(); return CLI_EXIT_OK; }
        if (!strcmp(a, "--model")) { if (cli_value(argc, argv, &i, &model_path)) return CLI_EXIT_USAGE; continue; }
        if (!strcmp(a, "--image")) { if (cli_value(argc, argv, &i, &image_path)) return CLI_EXIT_USAGE; continue; }
        if (!strcmp(a, "--show")) { do_show = 1; continue; }
        return cli_usage_error("predict: unknown option '%s' (see nnlab-train predict --help)", a);
    }
    if (!model_path || !image_path)
        return cli_usage_error("predict needs --model FILE and --image FILE (see nnlab-train predict --help)");

    nn_saved_model s;
    if (nn_model_load(model_path, &s)) return cli_usage_error("%s", nn_last_error());
    const nn_model_desc *d = nn_model_get_desc(s.model);
    int side = d->in.h;
    if (d->in.h == 1 && d->in.w == 1) side = (int)lround(sqrt((double)d->in.c));
    const int n_in = nn_model_n_in(s.model), n_out = nn_model_n_out(s.model);
    int rc = CLI_EXIT_OK;
    if ((d->in.h > 1 && (d->in.c != 1 || d->in.h != d->in.w)) || side * side != n_in || side < 2) {
        rc = cli_usage_error("%s: this model takes %d inputs, not a square grayscale image; "
                             "predict needs a model trained on images", model_path, n_in);
        nn_saved_model_free(&s);
        return rc;
    }
    nn_image im;
    if (nn_image_load(image_path, &im)) {
        rc = cli_usage_error("%s", nn_last_error());
        nn_saved_model_free(&s);
        return rc;
    }
    float x[256 * 256];
    if (side > 256) {
        rc = cli_usage_error("%s: inputs of %dx%d are not supported", model_path, side, side);
        goto done;
    }
    nn_image_prep_info info;
    nn_image_prepare(&im, side, x, &info);
    printf("image: %s (%dx%d%s)\n", image_path, im.w, im.h, info.inverted ? ", light background inverted" : "");
    if (do_show) show(x, side);
    nn_saved_model_normalise(&s, x, 1);
    const float *z = nn_model_forward(s.model, x, 1, 0);
    if (!z) { rc = cli_usage_error("out of memory"); goto done; }
    /* One probability per output: a model may have more outputs than it has
     * class names (NN_MODEL_MAX_CLASSES), so the arrays are sized by the model. */
    const int n = d->loss == NN_LOSS_BCE ? 2 : n_out;
    double *p = malloc((size_t)n * sizeof *p);
    int *order = malloc((size_t)n * sizeof *order);
    if (!p || !order) { rc = cli_usage_error("out of memory"); goto done_p; }
    if (d->loss == NN_LOSS_BCE) {
        p[1] = 1.0 / (1.0 + exp(-(double)z[0]));
        p[0] = 1.0 - p[1];
    } else {
        double mx = z[0], sum = 0.0;
        for (int k = 1; k < n_out; k++) if (z[k] > mx) mx = z[k];
        for (int k = 0; k < n_out; k++) sum += (p[k] = exp((double)z[k] - mx));
        for (int k = 0; k < n_out; k++) p[k] /= sum;
    }
    for (int k = 0; k < n; k++) order[k] = k;
    for (int a = 1; a < n; a++)                     /* insertion sort, most likely first */
        for (int b = a; b > 0 && p[order[b]] > p[order[b - 1]]; b--) {
            const int t = order[b]; order[b] = order[b - 1]; order[b - 1] = t;
        }
    for (int r = 0; r < n; r++) {
        const int k = order[r];
        char fallback[16];
        snprintf(fallback, sizeof fallback, "class %d", k);
        printf("%.4f %s\n", p[k], k < s.classes && s.class_names[k][0] ? s.class_names[k] : fallback);
    }
    {
        const int k = order[0];
        char fallback[16];
        snprintf(fallback, sizeof fallback, "class %d", k);
        printf("prediction: %s %.4f\n", k < s.classes && s.class_names[k][0] ? s.class_names[k] : fallback, p[k]);
    }
done_p:
    free(p);
    free(order);
done:
    nn_image_free(&im);
    nn_saved_model_free(&s);
    return rc;
}
