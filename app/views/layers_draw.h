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
/* What the histogram tabs keep between frames: the per-layer histograms and
 * weight pictures derived from the weights, recomputed only when the weights
 * change (lens_version), and a texture per layer. NULL on OOM; destroy before
 * the renderer. */
typedef struct layers_cache layers_cache;
layers_cache *layers_cache_create(void);
void          layers_cache_destroy(layers_cache *c);

/* The cells tab `kind` shows: one per weighted layer, or (LH_BATCHNORM) one
 * per batch-norm layer. */
int  layers_cell_count(const struct app *a, int kind);
/* How many of n cells fit in r at a legible size (1..n): fewer than n means pages. */
int  layers_cells_per_page(const struct app *a, SDL_Rect r, int kind, int n);
/* Small multiples of tab `kind` from cell `first` on, as many as fit in r.
 * Activations and inputs z: a histogram per layer, the flat ends of sigmoid
 * and tanh shaded. Weights: the histogram with the initialiser's spread, and
 * beside it the layer's weight matrix (a row per neuron), so neurons with
 * the same weights show as identical rows, outlined and named when all of a
 * layer's are. Gradients: the histogram. Batch norm: a row per normalised
 * layer (layers_bn.c). */
void layers_draw_hists(struct app *a, layers_cache *c, SDL_Rect r, int kind, int first);

/* Dense layer i: its neuron count N when N >= 2 and every neuron has the same
 * incoming weights and bias (up to float rounding: within 1e-6 of the
 * layer's largest |w|), else 0 - the symmetry zero initialisation never breaks. */
int  layers_identical_neurons(const struct app *a, int layer);

/* The batch-norm picture's colours: the last training batch's statistics
 * (bars) and the running ones used at evaluation (ticks); gamma and beta. */
extern const SDL_Color LAYERS_BATCH_C, LAYERS_RUNNING_C, LAYERS_GAMMA_C, LAYERS_BETA_C;
/* What the last Batch norm page drew, for tests (like ui_widgets): each
 * row's batch-norm layer index and the data rectangles of its mean and
 * variance panels (a column per neuron, k of n at x + k * w / n); returns
 * the row count. Any pointer may be NULL. */
int layers_bn_drawn(int *layer, SDL_Rect *mean, SDL_Rect *var, int cap);
/* The outline and note of a layer whose neurons are all identical. */
extern const SDL_Color LAYERS_SYMMETRY_C;

/* The colour of the weighted layer at position t (0 = nearest the input, 1 = the output). */
SDL_Color layers_depth_colour(float t);

#endif
