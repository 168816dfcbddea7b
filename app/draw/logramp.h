/* app/draw/logramp.h - a log colour scale for magnitudes spanning decades
 * (gradients), and its legend.
 *
 *   float t = gfx_logramp_pos(fabsf(g), 1e-6, 1.0);   // 1e-3 -> 0.5
 *   SDL_Color c = gfx_logramp_colour(t, light);
 *   gfx_logramp_legend(r, fonts, area, "|dJ/dw|", 1e-6, 1.0, light, &style);
 *
 * The ramp is inferno-like (black, purple, red, orange, pale yellow), ordered
 * by lightness so it reads in greyscale and on a washed-out projector. On a
 * dark background t = 0 is black and t = 1 the brightest, so small values
 * fade into the background; the light theme runs the ramp the other way, so
 * there too small values fade into the (white) background and big ones stand
 * out dark. Pure except the legend; rendering thread for the legend.
 */
#ifndef NNLAB_LOGRAMP_H
#define NNLAB_LOGRAMP_H

#include <SDL.h>

#include "draw/font.h"
#include "draw/palette.h"

/* Position of v on the decades from lo to hi (0 < lo < hi): log10(v / lo) /
 * log10(hi / lo), clamped to [0, 1]; v <= lo, 0, negative or NaN give 0,
 * v >= hi (or +inf) gives 1. */
float gfx_logramp_pos(double v, double lo, double hi);
/* The colour at t in [0, 1] (clamped); light: the light theme's direction. */
SDL_Color gfx_logramp_colour(float t, int light);
/* One line: "label  lo [ramp] hi" with a tick per decade under the ramp,
 * vertically centred in area, left-aligned. Returns the width drawn. */
int gfx_logramp_legend(SDL_Renderer *r, gfx_fonts *f, SDL_Rect area, const char *label, double lo,
                       double hi, int light, const gfx_style *st);

#endif
