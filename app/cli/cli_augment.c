/* app/cli/cli_augment.c - `nnlab-train augment`: a PNG grid of augmented
 * training images, for slides and tests.
 *
 * Public interface (documented in --help and the README; change on purpose only):
 *   nnlab-train augment --augment SPEC --out FILE.png [--data fashion-small|fashion]
 *                       [--data-dir DIR] [--count N] [--images R] [--seed S] [--zoom Z]
 *   picture     R rows, one training image each (the first image of R classes
 *               spread over the data set's classes); column 1 the original
 *               (framed in blue), columns 2..N+1 its N augmented versions;
 *               every cell (28 + 4) x Z pixels square, so the PNG is
 *               (N + 1) * 32Z wide and R * 32Z high (RGB)
 *   randomness  the R x N copies are augmented as one batch by nn_augment_batch
 *               from (S, NN_STREAM_AUGMENT): the draws the trainer makes for
 *               its first mini-batch with --seed S; the same S gives the same file
 *   last line   final images=R variants=N width=W height=H
 *   exit codes  0 done, 2 bad usage or input (one line on stderr)
 */
#include <stb_image_write.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "nn/augment.h"
#include "nn/status.h"

enum { BORDER = 2 };   /* unscaled pixels around each image */

static void print_help(void)
{
    printf("usage: nnlab-train augment --augment SPEC --out FILE.png [--data fashion-small|fashion]\n"
           "                           [--data-dir DIR] [--count N] [--images R] [--seed S] [--zoom Z]\n\n"
           "Writes a PNG grid of augmented training images: R rows, one training image\n"
           "each (the first image of R classes spread over the classes: T-shirt/top,\n"
           "pullover, sandal, sneaker for R = 4), the original in the first column\n"
           "(framed in blue), then N augmented versions of it. Each cell is 32 x Z\n"
           "pixels square (a 28-pixel image and a 2-pixel border, times Z), so the\n"
           "picture is (N + 1) * 32Z wide and R * 32Z high. The copies are augmented\n"
           "as one batch with the trainer's draws for --seed S: same seed, same file.\n\n"
           "  %-22s %s\n  %-22s %s\n  %-22s %s\n  %-22s %s\n  %-22s %s\n  %-22s %s\n  %-22s %s\n"
           "  %-22s %s\n  %-22s %s\n",
           "--augment SPEC", "Transforms (required), e.g. rotate=15,scale=0.1,shift=2,flip-h=0.5,cutout=8.",
           "--out FILE", "The PNG to write (required; written as FILE.tmp, then renamed).",
           "--data NAME", "fashion-small (default, built in) or fashion (Fashion-MNIST).",
           "--data-dir DIR", "Where the Fashion-MNIST files are (--data fashion).",
           "--count N", "Augmented versions per image, 1-32 (default 8).",
           "--images R", "Rows: training images shown, 1-10 (default 4).",
           "--seed S", "Seed of the augmentation's draws (default 1).",
           "--zoom Z", "Pixels per image pixel, 1-8 (default 3).",
           "--help", "This text.");
    printf("\nAugmentation grammar (NAME=VALUE[@P], comma-separated):\n"
           "  rotate=DEG scale=S shift=PX crop=PX cutout=PX flip-h=P flip-v=P invert=P intensity=K\n"
           "Last line:  final images=R variants=N width=W height=H\n"
           "Exit codes: 0 done, 2 bad usage or input.\n");
}

static void to_file(void *f, void *data, int size) { fwrite(data, 1, (size_t)size, f); }

/* Paint image (h, w) of values in [0, 1] (its first channel) at cell (row, col) of rgb. */
static void paint(unsigned char *rgb, int width, const float *img, int h, int w, int zoom,
                  int row, int col, const unsigned char frame[3])
{
    const int cw = (w + 2 * BORDER) * zoom, ch = (h + 2 * BORDER) * zoom;
    for (int y = 0; y < ch; y++)
        for (int x = 0; x < cw; x++) {
            unsigned char *p = rgb + ((size_t)(row * ch + y) * width + (size_t)(col * cw + x)) * 3;
            const int ix = x / zoom - BORDER, iy = y / zoom - BORDER;
            if (ix < 0 || iy < 0 || ix >= w || iy >= h) { memcpy(p, frame, 3); continue; }
            float v = img[iy * w + ix];
            v = v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v;
            p[0] = p[1] = p[2] = (unsigned char)(v * 255.0f + 0.5f);
        }
}

int cli_augment(int argc, char **argv)
{
    nn_config c = nn_config_default();
    const char *spec = NULL, *out_path = NULL;
    long count = 8, rows = 4, seed = 1, zoom = 3;
    int data_set = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { print_help(); return CLI_EXIT_OK; }
        if (strcmp(a, "--data") == 0 || strcmp(a, "--data-dir") == 0 || strcmp(a, "--augment") == 0) {
            if (cli_value(argc, argv, &i, &v)) return CLI_EXIT_USAGE;
            if (nn_config_set(&c, a + 2, v, a) != NN_OK) return cli_usage_error("%s", nn_last_error());
            if (strcmp(a, "--augment") == 0) spec = v;
            if (strcmp(a, "--data") == 0) data_set = 1;
        } else if (strcmp(a, "--out") == 0) {
            if (cli_value(argc, argv, &i, &out_path)) return CLI_EXIT_USAGE;
        } else if (strcmp(a, "--count") == 0) {
            if (cli_value(argc, argv, &i, &v) || cli_parse_int(a, v, 1, 32, &count)) return CLI_EXIT_USAGE;
        } else if (strcmp(a, "--images") == 0) {
            if (cli_value(argc, argv, &i, &v) || cli_parse_int(a, v, 1, 10, &rows)) return CLI_EXIT_USAGE;
        } else if (strcmp(a, "--seed") == 0) {
            if (cli_value(argc, argv, &i, &v) || cli_parse_int(a, v, 0, 2147483647L, &seed)) return CLI_EXIT_USAGE;
        } else if (strcmp(a, "--zoom") == 0) {
            if (cli_value(argc, argv, &i, &v) || cli_parse_int(a, v, 1, 8, &zoom)) return CLI_EXIT_USAGE;
        } else {
            return cli_usage_error("augment: unknown option '%s'; options are --augment, --out, --data, "
                                   "--data-dir, --count, --images, --seed, --zoom (see augment --help)", a);
        }
    }
    if (!spec) return cli_usage_error("augment: --augment SPEC is required, e.g. --augment rotate=15,flip-h=0.5");
    if (!nn_augment_active(&c.train.augment))
        return cli_usage_error("augment: --augment %s changes no image: give at least one transform, "
                               "e.g. rotate=15", spec);
    if (!out_path) return cli_usage_error("augment: --out FILE.png is required");
    if (!data_set && nn_config_set(&c, "data", "fashion-small", NULL) != NN_OK)
        return cli_usage_error("%s", nn_last_error());
    nn_run r;
    memset(&r, 0, sizeof r);
    const nn_run_opts opts = { .prefix = "--" };
    if (nn_run_open_data(&r, &c, &opts) != NN_OK) return cli_usage_error("augment: %s", nn_last_error());
    if (r.notice[0]) fprintf(stderr, "nnlab-train: %s\n", r.notice);
    const nn_dataset *tr = &r.train;
    const nn_shape sh = tr->shape;
    const size_t d = (size_t)tr->d;
    if (rows > tr->classes) rows = tr->classes;
    /* The first image of classes 0, C/R, 2C/R ... */
    int idx[10], n_rows = 0;
    for (int k = 0; k < rows; k++) {
        const int cls = (int)(k * tr->classes / rows);
        for (int i = 0; i < tr->n; i++)
            if ((int)tr->y[i] == cls) { idx[n_rows++] = i; break; }
    }
    const int cols = (int)count + 1, cw = (sh.w + 2 * BORDER) * (int)zoom, ch = (sh.h + 2 * BORDER) * (int)zoom;
    const int width = cols * cw, height = n_rows * ch;
    float *orig = malloc((size_t)n_rows * d * sizeof *orig), *var = malloc((size_t)n_rows * count * d * sizeof *var);
    float *scratch = malloc(d * sizeof *scratch), y[10];
    unsigned char *rgb = malloc((size_t)width * height * 3 + 1);
    int rc = CLI_EXIT_OK;
    if (!orig || !var || !scratch || !rgb || n_rows == 0) {
        rc = cli_usage_error("augment: %s", n_rows ? "out of memory" : "the data set has no images");
        goto done;
    }
    nn_dataset_gather(tr, idx, n_rows, orig, y);
    for (int k = 0; k < n_rows; k++)
        for (long j = 0; j < count; j++) memcpy(var + ((size_t)k * count + j) * d, orig + k * d, d * sizeof *var);
    nn_rng rng;
    nn_rng_seed(&rng, (uint64_t)seed, NN_STREAM_AUGMENT);
    nn_augment_batch(&c.train.augment, &rng, sh, var, n_rows * (int)count, scratch);
    static const unsigned char BLUE[3] = { 0, 114, 178 }, GREY[3] = { 48, 48, 48 };
    for (int k = 0; k < n_rows; k++) {
        paint(rgb, width, orig + k * d, sh.h, sh.w, (int)zoom, k, 0, BLUE);
        for (int j = 0; j < count; j++)
            paint(rgb, width, var + ((size_t)k * count + j) * d, sh.h, sh.w, (int)zoom, k, j + 1, GREY);
    }
    cli_out o;
    if ((rc = cli_out_open(&o, "--out", out_path))) goto done;
    if (!stbi_write_png_to_func(to_file, o.f, width, height, 3, rgb, width * 3)) {
        cli_out_abort(&o);
        rc = cli_usage_error("--out: cannot encode the PNG for '%s'", out_path);
        goto done;
    }
    if ((rc = cli_out_commit(&o))) { cli_out_abort(&o); goto done; }
    printf("final images=%d variants=%ld width=%d height=%d\n", n_rows, count, width, height);
done:
    free(orig); free(var); free(scratch); free(rgb);
    nn_run_close(&r);
    return rc;
}
