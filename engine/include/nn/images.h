/* nn/images.h - image datasets: Fashion-MNIST (full, from the Debian package
 * dataset-fashion-mnist) and fashion-small (2,000 + 500 images shipped in
 * assets/fashion-small/).
 *
 *     nn_images_desc d = nn_images_desc_default(NN_IMAGES_FASHION);
 *     d.train_limit = 5000;                 // quick classroom run
 *     nn_dataset tr, dv, te;
 *     char notice[256];
 *     if (nn_images_load(&d, &tr, &dv, &te, notice, sizeof notice)) fail(nn_last_error());
 *     if (*notice) puts(notice);            // e.g. "full set missing, using fashion-small"
 *
 * Pixels stay uint8 in memory (nn_dataset.x8, read as value/255 per batch);
 * the shape is {1, 28, 28}; labels are class indices 0..classes-1 with
 * class_names set. The dev set is a seeded random subset of the training
 * images (default one sixth: 10,000 of Fashion-MNIST's 60,000); the test set
 * is the dataset's own test file (t10k). --class-subset keeps the listed
 * classes and renumbers them 0..k-1 in the order given.
 *
 * Progress: loading the full set takes about half a second (decompressing
 * 30 MB); set desc.progress to be told how far it got, e.g. to drive a
 * progress bar while a worker thread loads. The steps are coarse: one per
 * file read (the training images are about 80% of the work), then the split.
 *
 * Ownership: free the three sets with nn_dataset_free (class_names included).
 */
#ifndef NN_IMAGES_H
#define NN_IMAGES_H

#include <stddef.h>
#include <stdint.h>
#include "data.h"

#define NN_FASHION_DIR_DEFAULT "/usr/share/datasets/fashion-mnist"
#define NN_FASHION_CLASSES 10
/* Human-level accuracy on Fashion-MNIST as published in the dataset's README
 * (crowd-sourced); the default human-level reference for the diagnosis. */
#define NN_FASHION_HUMAN_ACC 0.835

typedef enum nn_images_kind {
    NN_IMAGES_FASHION,        /* full Fashion-MNIST; falls back to fashion-small */
    NN_IMAGES_FASHION_SMALL,  /* the built-in 2,000 + 500 images */
    NN_IMAGES_COUNT
} nn_images_kind;

/* Progress report: `done` rises from 0 to 1 (1 = finished, sent once on
 * success), `stage` says what is being done ("reading the training images").
 * Called on the loading thread: store the value somewhere the UI thread can
 * read it (an atomic) and return quickly. */
typedef void (*nn_progress_fn)(void *arg, float done, const char *stage);

typedef struct nn_images_desc {
    nn_images_kind kind;
    const char *dir;            /* directory of the four .gz files (default NN_FASHION_DIR_DEFAULT) */
    int      train_limit;       /* keep at most this many training images; 0 = all */
    int      dev_size;          /* dev images carved from training; -1 = one sixth */
    int      subset[NN_FASHION_CLASSES];  /* classes to keep, in order */
    int      n_subset;          /* 0 = all classes */
    uint64_t seed;              /* for the dev split (stream NN_STREAM_DATA) */
    nn_progress_fn progress;    /* optional (NULL): loading progress */
    void    *progress_arg;
} nn_images_desc;

nn_images_desc nn_images_desc_default(nn_images_kind k);
const char    *nn_images_name(nn_images_kind k);          /* "fashion", "fashion-small" */
int            nn_images_from_name(const char *name);     /* -1 if not an image dataset */
/* The ten Fashion-MNIST class names ("T-shirt/top", ..., "Ankle boot"). */
const char *const *nn_fashion_class_names(void);

/* Load and split. `notice` (may be NULL) receives a one-line notice when the
 * full set was missing and fashion-small was used instead ("" otherwise). */
int nn_images_load(const nn_images_desc *d, nn_dataset *train, nn_dataset *dev,
                   nn_dataset *test, char *notice, size_t notice_len);

#endif
