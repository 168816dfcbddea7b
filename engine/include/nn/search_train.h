/* nn/search_train.h - the training objective of a hyperparameter search.
 *
 * One trial is one full training run: `base` with the trial's values set,
 * trained for base->epochs (or until early stopping), scored by the dev error
 * at the last epoch, or at the best epoch when early stopping stopped it.
 * An error is 1 - accuracy for classification and the mean loss for
 * regression. `nnlab-train search` and the window's Search view both score
 * trials with it, so the two agree for the same settings, seed and budget.
 */
#ifndef NN_SEARCH_TRAIN_H
#define NN_SEARCH_TRAIN_H

#include <stdatomic.h>

#include "nn/config.h"
#include "nn/search.h"

/* Fill t->dev_error and t->train_error and return 0; or return 1 with t->why
 * set (a value nn_config_set refuses, a run that cannot open or diverges, no
 * dev set). `prefix` is how messages name options ("--" for the command line,
 * NULL for the window). `cancel` (may be NULL) is read before the run opens
 * and between epochs: when set, the trial ends with why "stopped". When
 * `regression` is not NULL it receives whether the data is a regression set.
 * Safe on worker threads: it reads `base` and `d` and writes only `t`. */
int nn_search_train_trial(const nn_config *base, const nn_search_desc *d, nn_trial *t, const char *prefix,
                          atomic_int *cancel, int *regression);

#endif
