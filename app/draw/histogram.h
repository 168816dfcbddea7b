/* app/draw/histogram.h - histograms of values (weights, activations, gradients).
 *
 *   float counts[30];
 *   gfx_histogram_bin(weights, n, -1.0f, 1.0f, 30, counts);
 *   gfx_hist_desc d = gfx_hist_default(-1.0f, 1.0f);
 *   d.title = "Layer 2 weights"; d.color_by_value = 1;
 *   gfx_histogram(r, fonts, area, &d, counts, 30);
 *
 * Bins are equal-width over [lo, hi]; values outside go to the end bins so
 * nothing silently disappears, non-finite values are not counted. With
 * color_by_value each bar takes the diverging palette colour of its centre,
 * so the histogram matches heatmaps of the same quantity.
 *
 * Stateless; rendering thread only.
 */
#ifndef NNLAB_HISTOGRAM_H
#define NNLAB_HISTOGRAM_H

#include <SDL.h>

#include "draw/font.h"
#include "draw/palette.h"

typedef struct gfx_hist_desc {
    const char *title, *x_label, *y_label;   /* may be NULL */
    float       lo, hi;                      /* range covered by the bins */
    float       y_max;                       /* fixed top of the count axis; 0 = auto */
    SDL_Color   color;
    int         color_by_value;              /* 1: pal_diverging(centre / max(|lo|, |hi|)) */
    gfx_style   style;
} gfx_hist_desc;

gfx_hist_desc gfx_hist_default(float lo, float hi);
/* Fills counts (nbins); returns the number of values counted. */
int      gfx_histogram_bin(const float *data, int n, float lo, float hi, int nbins, float *counts);
/* Draws bars for precomputed counts; returns the data rectangle. */
SDL_Rect gfx_histogram(SDL_Renderer *r, gfx_fonts *f, SDL_Rect area, const gfx_hist_desc *d,
                       const float *counts, int nbins);

#endif
