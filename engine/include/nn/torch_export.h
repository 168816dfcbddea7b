/* nn/torch_export.h - a run's settings as a plain PyTorch script.
 *
 *     nn_config c = nn_config_default();
 *     nn_config_set(&c, "layers", "32,32", NULL);
 *     char written[512];
 *     if (nn_torch_export(&c, "spiral.py", written, sizeof written)) fail(nn_last_error());
 *     puts(written);        // "spiral.py, spiral_train.csv, spiral_dev.csv, spiral_test.csv"
 *
 * The script rebuilds the same network (layers, activations, initialisers),
 * loss, optimizer (its betas, eps and bias correction), L2 (cost += lambda/(2m)
 * sum w^2, as the engine defines it), dropout, batch norm, learning-rate
 * schedule, batch size, per-epoch shuffling, normalisation fitted on train,
 * clipping, early stopping and the augmentations plain torch can do, and
 * prints the same per-epoch CSV and final line as nnlab-train.
 *
 * Data: the engine makes the three sets (synthetic ones from the seed; images
 * split into train / dev / test by the seed) and writes them next to the
 * script: synthetic sets as STEM_train.csv, STEM_dev.csv, STEM_test.csv
 * (x columns then y), images as uncompressed IDX files
 * STEM_{train,dev,test}-{images,labels}.idx (the Fashion-MNIST format).
 *
 * Every file is written as FILE.tmp and renamed only when all of them are
 * complete: on any error nothing is left behind. Not bit-for-bit: PyTorch's
 * random streams (initial weights, order, dropout masks) differ from nnlab's.
 */
#ifndef NN_TORCH_EXPORT_H
#define NN_TORCH_EXPORT_H

#include <stddef.h>
#include "config.h"

/* Open c's data (and model) and write the script at `path` (ending in .py)
 * and its data files. NN_OK and `written` (may be NULL) lists the files, or
 * an error (NN_ERR_ARG bad settings, NN_ERR_IO cannot write) with its message. */
int nn_torch_export(const nn_config *c, const char *path, char *written, size_t len);

#endif
