/* data_fashion.c - Fashion-MNIST and the built-in fashion-small set (see nn/images.h).
 *
 * Both sources are first read as "raw" sets (uint8 pixels + uint8 labels),
 * then share one path: keep a class subset, carve a seeded dev set out of the
 * training images, apply the training limit, and wrap the buffers in
 * nn_dataset structs without copying the training pixels again (the full set
 * is 47 MB as bytes; as floats it would be 188 MB).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "nn/assets.h"
#include "nn/file.h"
#include "nn/idx.h"
#include "nn/image.h"
#include "nn/images.h"
#include "nn/rng.h"
#include "nn/status.h"

enum { SIDE = 28, PIXELS = SIDE * SIDE };

static const char *const FASHION_NAMES[NN_FASHION_CLASSES] = {
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
};

static const char *const KIND_NAMES[NN_IMAGES_COUNT] = {
    [NN_IMAGES_FASHION] = "fashion", [NN_IMAGES_FASHION_SMALL] = "fashion-small",
};

const char *const *nn_fashion_class_names(void) { return FASHION_NAMES; }

const char *nn_images_name(nn_images_kind k)
{
    return (unsigned)k < NN_IMAGES_COUNT ? KIND_NAMES[k] : "?";
}

int nn_images_from_name(const char *name)
{
    for (int k = 0; k < NN_IMAGES_COUNT; k++)
        if (strcmp(name, KIND_NAMES[k]) == 0) return k;
    return -1;
}

nn_images_desc nn_images_desc_default(nn_images_kind k)
{
    return (nn_images_desc){ .kind = k, .dir = NN_FASHION_DIR_DEFAULT, .dev_size = -1, .seed = 1 };
}

/* A set as read from disk: n images of PIXELS bytes and n labels. */
typedef struct raw_set { int n; uint8_t *x, *lab; } raw_set;

static void raw_free(raw_set *r)
{
    nn_free(r->x);
    nn_free(r->lab);
    memset(r, 0, sizeof *r);
}

/* ---- Fashion-MNIST from IDX files ---- */

static int read_idx_pair(const char *dir, const char *prefix, raw_set *out)
{
    char ip[4096], lp[4096];
    snprintf(ip, sizeof ip, "%s/%s-images-idx3-ubyte.gz", dir, prefix);
    snprintf(lp, sizeof lp, "%s/%s-labels-idx1-ubyte.gz", dir, prefix);
    nn_idx img, lab;
    int rc = nn_idx_read(ip, 3, &img);
    if (rc) return rc;
    if ((rc = nn_idx_read(lp, 1, &lab))) { nn_idx_free(&img); return rc; }
    if (img.dims[1] != SIDE || img.dims[2] != SIDE || img.dims[0] != lab.dims[0]) {
        rc = nn_set_error(NN_ERR_FORMAT, "%s: %d images of %dx%d with %d labels; expected "
                          "28x28 images and one label each", ip, img.dims[0], img.dims[1],
                          img.dims[2], lab.dims[0]);
        nn_idx_free(&img);
        nn_idx_free(&lab);
        return rc;
    }
    *out = (raw_set){ .n = img.dims[0], .x = img.data, .lab = lab.data };
    return NN_OK;
}

/* 1 if all four files are absent (a missing package), 0 if any is present. */
static int full_set_missing(const char *dir)
{
    static const char *const FILES[] = { "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                                         "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" };
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
        char p[4096];
        snprintf(p, sizeof p, "%s/%s", dir, FILES[i]);
        struct stat st;
        if (stat(p, &st) == 0) return 0;       /* present (a reader then says what is wrong) */
    }
    return 1;
}

/* ---- fashion-small: a PNG sprite sheet of 28x28 tiles + a labels text file ---- */

static int read_sheet(const char *name, raw_set *out)
{
    char png[4096], txt[4096], rel[128];
    snprintf(rel, sizeof rel, "fashion-small/%s.png", name);
    if (nn_asset_path(rel, png, sizeof png)) return NN_ERR_IO;
    snprintf(rel, sizeof rel, "fashion-small/%s-labels.txt", name);
    if (nn_asset_path(rel, txt, sizeof txt)) return NN_ERR_IO;
    FILE *f = nn_file_open_read(txt);
    if (!f) return NN_ERR_IO;
    /* Labels: one digit per image, in sheet order; whitespace is ignored. */
    int cap = 4096, n = 0, c;
    uint8_t *lab = nn_alloc((size_t)cap);
    if (!lab) { fclose(f); return NN_ERR_NOMEM; }
    while ((c = fgetc(f)) != EOF) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (c < '0' || c > '9' || n == cap) {
            fclose(f);
            nn_free(lab);
            return nn_set_error(NN_ERR_FORMAT, "%s: %s at label %d", txt,
                                n == cap ? "too many labels" : "a label is not a digit 0-9", n + 1);
        }
        lab[n++] = (uint8_t)(c - '0');
    }
    fclose(f);
    nn_image im;
    int rc = nn_image_load(png, &im);
    if (rc) { nn_free(lab); return rc; }
    const int cols = im.w / SIDE, rows = im.h / SIDE;
    if (im.w % SIDE || im.h % SIDE || n == 0 || n > cols * rows) {
        rc = nn_set_error(NN_ERR_FORMAT, "%s: a %dx%d sheet cannot hold %d tiles of 28x28",
                          png, im.w, im.h, n);
        nn_image_free(&im);
        nn_free(lab);
        return rc;
    }
    uint8_t *x = nn_alloc((size_t)n * PIXELS);
    if (!x) { nn_image_free(&im); nn_free(lab); return NN_ERR_NOMEM; }
    for (int i = 0; i < n; i++) {
        const int tx = (i % cols) * SIDE, ty = (i / cols) * SIDE;
        for (int y = 0; y < SIDE; y++)
            memcpy(x + (size_t)i * PIXELS + y * SIDE, im.px + (size_t)(ty + y) * im.w + tx, SIDE);
    }
    nn_image_free(&im);
    *out = (raw_set){ .n = n, .x = x, .lab = lab };
    return NN_OK;
}

/* ---- the shared path ---- */

static void report(const nn_images_desc *d, float done, const char *stage)
{
    if (d->progress) d->progress(d->progress_arg, done, stage);
}

/* Keep the listed classes, renumbered 0..k-1 in the order given (in place). */
static void keep_classes(raw_set *r, const int *subset, int k)
{
    int map[256];
    for (int i = 0; i < 256; i++) map[i] = -1;
    for (int i = 0; i < k; i++) map[subset[i]] = i;
    int w = 0;
    for (int i = 0; i < r->n; i++) {
        if (map[r->lab[i]] < 0) continue;
        if (w != i) memcpy(r->x + (size_t)w * PIXELS, r->x + (size_t)i * PIXELS, PIXELS);
        r->lab[w++] = (uint8_t)map[r->lab[i]];
    }
    r->n = w;
}

/* Wrap pixels (owned, taken) and labels into a dataset. The class-name table
 * lives in the tail of the y allocation so nn_dataset_free releases it too. */
static int make_set(nn_dataset *ds, uint8_t *x8, const uint8_t *lab, int n,
                    const char *const *names, int classes)
{
    memset(ds, 0, sizeof *ds);
    const size_t ybytes = ((size_t)n * sizeof(float) + 15) & ~(size_t)15;
    float *y = nn_alloc(ybytes + (size_t)classes * sizeof(char *));
    if (!y) { nn_free(x8); return NN_ERR_NOMEM; }
    for (int i = 0; i < n; i++) y[i] = (float)lab[i];
    const char **tab = (const char **)(void *)((char *)y + ybytes);
    for (int i = 0; i < classes; i++) tab[i] = names[i];
    *ds = (nn_dataset){ .n = n, .d = PIXELS, .shape = { 1, SIDE, SIDE }, .classes = classes,
                        .y_dim = 1, .x8 = x8, .y = y, .class_names = tab };
    return NN_OK;
}

static int check_labels(const raw_set *r, const char *what)
{
    for (int i = 0; i < r->n; i++)
        if (r->lab[i] >= NN_FASHION_CLASSES)
            return nn_set_error(NN_ERR_FORMAT, "%s: label %d of image %d is not a class 0-9",
                                what, r->lab[i], i);
    return NN_OK;
}

int nn_images_load(const nn_images_desc *d, nn_dataset *train, nn_dataset *dev,
                   nn_dataset *test, char *notice, size_t notice_len)
{
    memset(train, 0, sizeof *train);
    memset(dev, 0, sizeof *dev);
    memset(test, 0, sizeof *test);
    if (notice && notice_len) notice[0] = '\0';
    if ((unsigned)d->kind >= NN_IMAGES_COUNT)
        return nn_set_error(NN_ERR_ARG, "unknown image dataset %d", (int)d->kind);
    if (d->n_subset < 0 || d->n_subset > NN_FASHION_CLASSES || d->n_subset == 1)
        return nn_set_error(NN_ERR_ARG, "a class subset needs 2 to 10 classes (got %d)", d->n_subset);
    for (int i = 0; i < d->n_subset; i++) {
        if (d->subset[i] < 0 || d->subset[i] >= NN_FASHION_CLASSES)
            return nn_set_error(NN_ERR_ARG, "class %d does not exist (classes are 0-9)", d->subset[i]);
        for (int j = 0; j < i; j++)
            if (d->subset[j] == d->subset[i])
                return nn_set_error(NN_ERR_ARG, "class %d is listed twice", d->subset[i]);
    }
    raw_set tr = { 0 }, te = { 0 };
    int rc;
    const char *dir = d->dir ? d->dir : NN_FASHION_DIR_DEFAULT;
    nn_images_kind kind = d->kind;
    if (kind == NN_IMAGES_FASHION && full_set_missing(dir)) {
        if (notice && notice_len)
            snprintf(notice, notice_len, "Fashion-MNIST not found in %s (apt-get install "
                     "dataset-fashion-mnist, or --data-dir DIR); using the built-in fashion-small", dir);
        kind = NN_IMAGES_FASHION_SMALL;
    }
    /* Progress: the training file is 80-85% of the work for either source. */
    report(d, 0.0f, "reading the training images");
    if (kind == NN_IMAGES_FASHION)
        rc = read_idx_pair(dir, "train", &tr);
    else
        rc = read_sheet("train", &tr);
    if (!rc) {
        report(d, 0.82f, "reading the test images");
        rc = kind == NN_IMAGES_FASHION ? read_idx_pair(dir, "t10k", &te) : read_sheet("test", &te);
    }
    if (!rc) report(d, 0.96f, "splitting off the dev set");
    if (!rc) rc = check_labels(&tr, "training labels");
    if (!rc) rc = check_labels(&te, "test labels");
    if (rc) goto fail;

    /* Class subset and the names that go with it. */
    const char *names[NN_FASHION_CLASSES];
    int classes = NN_FASHION_CLASSES;
    for (int i = 0; i < classes; i++) names[i] = FASHION_NAMES[i];
    if (d->n_subset > 0) {
        keep_classes(&tr, d->subset, d->n_subset);
        keep_classes(&te, d->subset, d->n_subset);
        classes = d->n_subset;
        for (int i = 0; i < classes; i++) names[i] = FASHION_NAMES[d->subset[i]];
    }

    /* Dev: a seeded random subset of the training images, copied out; the rest
     * keep their file order and are compacted in place. */
    int n_dev = d->dev_size < 0 ? tr.n / 6 : d->dev_size;
    if (n_dev > tr.n - 1) {
        rc = nn_set_error(NN_ERR_ARG, "a dev set of %d leaves no training images (%d available)",
                          n_dev, tr.n);
        goto fail;
    }
    int *order = nn_alloc((size_t)tr.n * sizeof *order);
    uint8_t *is_dev = nn_alloc((size_t)tr.n + 1);
    uint8_t *dev_x = nn_alloc((size_t)n_dev * PIXELS + 1), *dev_lab = nn_alloc((size_t)n_dev + 1);
    if (!order || !is_dev || !dev_x || !dev_lab) {
        nn_free(order); nn_free(is_dev); nn_free(dev_x); nn_free(dev_lab);
        rc = NN_ERR_NOMEM;
        goto fail;
    }
    nn_rng rng;
    nn_rng_seed(&rng, d->seed, NN_STREAM_DATA);
    for (int i = 0; i < tr.n; i++) order[i] = i;
    nn_rng_shuffle(&rng, order, tr.n);
    for (int i = 0; i < n_dev; i++) is_dev[order[i]] = 1;
    int wd = 0, wt = 0;
    for (int i = 0; i < tr.n; i++) {
        if (is_dev[i]) {
            memcpy(dev_x + (size_t)wd * PIXELS, tr.x + (size_t)i * PIXELS, PIXELS);
            dev_lab[wd++] = tr.lab[i];
        } else {
            if (wt != i) memcpy(tr.x + (size_t)wt * PIXELS, tr.x + (size_t)i * PIXELS, PIXELS);
            tr.lab[wt++] = tr.lab[i];
        }
    }
    tr.n = wt;
    nn_free(order);
    nn_free(is_dev);
    if (d->train_limit > 0 && d->train_limit < tr.n) tr.n = d->train_limit;

    rc = make_set(dev, dev_x, dev_lab, n_dev, names, classes);
    nn_free(dev_lab);
    if (!rc) { rc = make_set(train, tr.x, tr.lab, tr.n, names, classes); tr.x = NULL; }
    if (!rc) { rc = make_set(test, te.x, te.lab, te.n, names, classes); te.x = NULL; }
    if (rc) goto fail;
    raw_free(&tr);
    raw_free(&te);
    report(d, 1.0f, "done");
    return NN_OK;
fail:
    raw_free(&tr);
    raw_free(&te);
    nn_dataset_free(train);
    nn_dataset_free(dev);
    nn_dataset_free(test);
    return rc;
}
