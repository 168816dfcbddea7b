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
 * Cost: one forward (and for a gradient, backward) pass over the training
 * set per evaluation. Thread-safety: one thread per slice.
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

/* f(a, b) and, when ga/gb are not NULL, its gradient. */
double     nn_slice_eval(nn_slice *s, double a, double b, double *ga, double *gb);
/* A surface whose nn_surf_eval calls nn_slice_eval (nn_surface.fn / user). */
nn_surface nn_slice_surface(nn_slice *s);
/* A view box that shows the slice's interesting part: [-1, 1] x [-1, 1]. */
void       nn_slice_view(const nn_slice *s, float view[4]);

#endif
