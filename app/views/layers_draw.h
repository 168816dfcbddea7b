/* app/views/layers_draw.h - the pictures of the "Inside the network" view
 * (view_layers.c): gradient norms per layer over the updates and for the
 * latest one, per-layer histograms and the batch-norm statistics. They read
 * the live run through shell/lens.h only; rendering only.
 *
 * Thresholds (documented on screen in the view's panel):
 *   vanishing  ||dJ/dW|| of a layer below LAYERS_VANISH_REL (1e-6) times the
 *              output layer's at the same update: that layer's weights move a
 *              millionth as fast as the output layer's - in practice, not at all;
 *   exploding  ||dJ/dW|| above LAYERS_EXPLODE_ABS (1e3): one step of a usual
 *              learning rate (0.01 - 0.1) moves the weights by 10 to 100,
 *              far more than their size - the next steps overflow.
 * Saturation: sigmoid outputs below 0.05 or above 0.95 (slope a(1 - a) under
 * a fifth of its peak), tanh outputs beyond +-0.95 (slope 1 - a^2 < 0.1).
 */
#ifndef NNLAB_LAYERS_DRAW_H
#define NNLAB_LAYERS_DRAW_H

#include <SDL.h>

struct app;

#define LAYERS_VANISH_REL 1e-6
#define LAYERS_EXPLODE_ABS 1e3
#define LAYERS_SAT_SIGMOID 0.05f   /* saturated: a < 0.05 or a > 0.95 */
#define LAYERS_SAT_TANH 0.95f      /* saturated: |a| > 0.95 */

/* What the histograms show. */
enum { LH_ACT, LH_PRE, LH_WEIGHTS, LH_GRADS, LH_BATCHNORM, LH_COUNT };

/* The layers that hold weights (dense or conv), in model order: returns how many (at most cap). */
int layers_weighted(const struct app *a, int *idx, int cap);

/* Gradient norm per weighted layer against updates (log y), one line per layer
 * coloured by depth, and beside it a bar per layer for the latest update. */
void layers_draw_grads(struct app *a, SDL_Rect lines, SDL_Rect bars);
/* Small multiples, one cell per weighted layer (or per batch-norm layer). */
void layers_draw_hists(struct app *a, SDL_Rect r, int kind);
/* The colour of the weighted layer at position t (0 = nearest the input, 1 = the output). */
SDL_Color layers_depth_colour(float t);

#endif
