/* app/draw/bars.h - labelled bar charts (softmax probabilities, per-layer
 * gradient norms, error tables).
 *
 *   gfx_bars_desc d = gfx_bars_default();
 *   d.horizontal = 1; d.lo = 0; d.hi = 1; d.highlight = argmax;
 *   gfx_bars(r, fonts, area, &d, probs, class_names, 10);
 *
 * Each bar shows its label and its value printed next to it. Bars grow from
 * zero (clamped into [lo, hi]), so negative values point the other way.
 * With hi <= lo the range is 0..max(values) (and min if negative).
 * gfx_bars_layout exposes the geometry for tests and click handling.
 *
 * Stateless; rendering thread only.
 */
#ifndef NNLAB_BARS_H
#define NNLAB_BARS_H

#include <SDL.h>

#include "draw/font.h"
#include "draw/palette.h"

#define GFX_BARS_MAX 64

typedef struct gfx_bars_desc {
    const char      *title;        /* may be NULL */
    int              horizontal;   /* 1: bars grow to the right, labels on the left */
    float            lo, hi;       /* value range; hi <= lo = automatic */
    SDL_Color        color;
    const SDL_Color *colors;       /* (n) per-bar colours; NULL = color */
    int              highlight;    /* index drawn with an outline; -1 = none */
    const char      *value_fmt;    /* printf format for a float, e.g. "%.0f%%"; NULL = 3 s.f. */
    float            value_mul;    /* printed value = value * value_mul (0 = 1; 100 for percent) */
    gfx_style        style;
} gfx_bars_desc;

gfx_bars_desc gfx_bars_default(void);
/* Bar rectangles (n <= GFX_BARS_MAX) inside area; returns the count laid out. */
int  gfx_bars_layout(const gfx_fonts *f, SDL_Rect area, const gfx_bars_desc *d, const float *values,
                     const char *const *labels, int n, SDL_Rect *bars);
void gfx_bars(SDL_Renderer *r, gfx_fonts *f, SDL_Rect area, const gfx_bars_desc *d,
              const float *values, const char *const *labels, int n);

#endif
