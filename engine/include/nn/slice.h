/* nn/slice.h - a real network's loss as a 2-D surface.
 *
 * The loss of a network on its training set along two fixed directions
 * through its current weights theta:
 *
 *     f(a, b) = J(theta + a d1 + b d2)       (the training loss, as the CSV's train_loss)
 *     df/da = grad J . d1,  df/db = grad J . d2
 *
 * d1 and d2 are random (Gaussian, from the seed), then normalised per neuron
 * as Li et al. (2018) do ("filter normalisation"): each neuron's slice of a
 * direction (its incoming weights, and for a convolution each filter) is
 * scaled to the norm of that neuron's weights in theta; biases and batch-norm
 * parameters are left out (0 in both directions). So a = 1 moves every neuron
 * by about its own size, whatever the layer's scale, and the same seed gives
 * the same slice, so every optimizer sees the same landscape.
 *
 * A slice copies what it needs when created (weights, directions; the
 * training set is borrowed), so the Playground may keep training.
 * nn_slice_surface() turns it into an nn_surface for nn_surf_walk and
 * nn_surf_grid: the optimizers then run on it like on any other surface.
 *
 *     nn_slice *s = nn_slice_create(trainer, train_set, 7);
 *     nn_surface surf = nn_slice_surface(s);
 *     double f0 = nn_surf_eval(&surf, 0, 0, NULL, NULL);   // == the training loss
 *     nn_slice_destroy(s);
 *
 * f is computed exactly as nn_trainer_evaluate computes the training loss
 * with its L2 term (the CSV's train_loss): evaluation mode (no dropout,
 * batch norm's running statistics), the trainer's input normalisation, the
 * L2 term lambda / (2 m) sum ||W||^2 with m = the slice's set size (the
 * trainer's own m when `train` is its training set, as it normally is). The
 * slice evaluates a private copy of the network, so the trainer is never
 * touched. Dense and convolutional layers are supported (every kind the
 * engine has; a convolution's neuron is its filter).
 *
 * Cost: one forward (and for a gradient, backward) pass over the training
 * set per evaluation, in chunks of 256 examples. Thread-safety: one thread
 * per slice (walks on one slice's surface share it).
 */
#ifndef NN_SLICE_H
#define NN_SLICE_H

#include <stdint.h>

#include "data.h"
#include "surface.h"
#include "trainer.h"

typedef struct nn_slice nn_slice;

/* A slice through the trainer's current weights, on `train` (normally the
 * set the trainer trains on; borrowed: it must outlive the slice). NULL with
 * nn_last_error() set on bad arguments or out of memory. */
nn_slice *nn_slice_create(nn_trainer *t, const nn_dataset *train, uint64_t seed);
void      nn_slice_destroy(nn_slice *s);

/* f(a, b) and, when ga/gb are not NULL, its gradient (without them, the
 * backward pass is skipped). NaN (and NaN gradients) when a or b is not
 * finite, or with nn_last_error() set when memory runs out. */
double     nn_slice_eval(nn_slice *s, double a, double b, double *ga, double *gb);
/* A surface whose nn_surf_eval calls nn_slice_eval (nn_surface.fn / user).
 * Its kind is NN_SURF_COUNT: it has no table row (nn_surf_info_get gives
 * NULL; no known minima); use nn_slice_view for its box, start anywhere. */
nn_surface nn_slice_surface(nn_slice *s);
/* A view box that shows the slice's interesting part: [-1, 1] x [-1, 1]
 * (a = 1 moves every neuron by its own norm; the range Li et al. plot). */
void       nn_slice_view(const nn_slice *s, float view[4]);
/* Direction k (0: d1, 1: d2): nn_model_param_count values laid out as the
 * model's parameter arena (0 at biases and batch-norm parameters); NULL if
 * k is not 0 or 1. Owned by the slice. */
const float *nn_slice_direction(const nn_slice *s, int k);

#endif
