/* app/draw/palette.h - the colours every view shares.
 *
 *   SDL_Color c = pal_diverging(w / w_max);      // weight sign and size
 *   SDL_Color h = pal_sequential(count / peak);  // non-negative heatmaps
 *   SDL_Color k = pal_category(label);           // classes and series
 *
 * One diverging palette is used for every negative/zero/positive quantity
 * (weights, gradients, P(class 1) - 0.5) so a learner reads "blue = negative,
 * orange = positive" once and it holds in every view. Blue and orange stay
 * distinguishable under the common colour-vision deficiencies (unlike red and
 * green), and lightness rises toward zero from both ends, so the palette also
 * reads in greyscale and on a washed-out projector.
 *
 * gfx_style is the handful of "ink" colours plots need (background, text,
 * grid); the UI theme carries one so views draw in the theme's colours.
 *
 * Pure functions; thread-safe.
 */
#ifndef NNLAB_PALETTE_H
#define NNLAB_PALETTE_H

#include <SDL.h>

#define PAL_CATEGORY_COUNT 8

/* t in [-1, 1]: -1 deep blue, 0 near-white, +1 deep orange. Clamped; NaN -> neutral grey. */
SDL_Color pal_diverging(float t);
/* t in [0, 1]: dark purple -> blue -> green -> yellow (lightness increases). Clamped. */
SDL_Color pal_sequential(float t);
/* Okabe-Ito colours, reordered so class 0 is blue and class 1 orange (matching
 * the diverging palette's ends); i wraps modulo PAL_CATEGORY_COUNT, negative -> 0. */
SDL_Color pal_category(int i);
/* The colour of an optimizer (nn_optim_kind: SGD, momentum, RMSprop, Adam,
 * AdaGrad) wherever optimizers are compared: five distinct Okabe-Ito colours. */
SDL_Color pal_optimizer(int kind);
/* Relative luminance in [0, 1] (sRGB -> linear, Rec. 709 weights). */
float pal_luminance(SDL_Color c);

/* Ink colours for plots and diagrams, taken from the UI theme. */
typedef struct gfx_style {
    SDL_Color bg;        /* plot background */
    SDL_Color text;      /* titles, tick labels */
    SDL_Color text_dim;  /* secondary labels */
    SDL_Color grid;      /* grid lines */
    SDL_Color axis;      /* axis lines and tick marks */
} gfx_style;

gfx_style gfx_style_dark(void);
gfx_style gfx_style_light(void);   /* high-contrast, for bright rooms */

#endif
