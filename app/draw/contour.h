/* app/draw/contour.h - a scalar field as a filled map with contour lines.
 *
 *   double lv[32];
 *   int n = gfx_contour_levels(1e-3, 2500, 1, 14, lv, 32);     // 0.001 0.01 ... 1000 (log)
 *   float lines[32];
 *   for (int i = 0; i < n; i++) lines[i] = (float)log10(lv[i]);  // in the grid's units
 *   gfx_contour_desc d = { .lo = -3, .hi = 3.4f, .low = dark, .high = light,
 *                          .levels = lines, .n_levels = n, .line = grey, .line_width = 1.5f,
 *                          .flip_y = 1 };
 *   gfx_contour_map(&canvas, grid, 160, 120, &d);     // fills the whole canvas
 *
 * The grid (rows, cols) is row-major and holds the field at the CENTRES of
 * cols x rows equal cells covering the canvas (the convention of a texture
 * stretched over a rectangle): value (i, j) sits at canvas pixel
 * ((i + 0.5) w / cols, (j + 0.5) h / rows), row 0 at the top, or at the
 * bottom with flip_y (a mathematical y axis). The fill is bilinear between
 * the centres; the lines are marching squares on the same cells (a cell
 * whose four corners straddle the level twice is split by its centre value),
 * so the lines lie where the colours change. Non-finite values are holes:
 * no line crosses a cell that has one, and they are filled with the low
 * colour.
 *
 * A field whose range spans decades (a Rosenbrock valley, f from 1e-3 to
 * 2500) shows nothing but its walls on a linear scale: pass log10 of it and
 * levels from gfx_contour_levels(.., log = 1, ..), transformed the same way.
 *
 * Stateless; draws into a gfx_canvas (draw/canvas.h). Rendering thread only.
 */
#ifndef NNLAB_CONTOUR_H
#define NNLAB_CONTOUR_H

#include <SDL.h>

#include "draw/canvas.h"
#include "draw/font.h"
#include "draw/palette.h"

#define GFX_CONTOUR_MAX_LEVELS 64

typedef struct gfx_contour_desc {
    float        lo, hi;           /* grid values given the low and the high colour (clamped outside) */
    SDL_Color    low, high;        /* the fill ramps linearly between these */
    const float *levels;           /* (n_levels) contour values, in the grid's units */
    int          n_levels;
    SDL_Color    line;             /* contour line colour */
    float        line_width;       /* in pixels; 0 = no lines */
    int          flip_y;           /* 1: row 0 at the bottom */
} gfx_contour_desc;

/* Contour values in [lo, hi]: linear, the multiples of the smallest 1-2-5
 * step of which at most max_levels fall in the range; log (lo > 0), 1, 2 and 5 per decade, thinned to 1 and 3, to one,
 * then to every other decade until at most max_levels remain. Returns the
 * count written to out (<= cap), in increasing order. */
int gfx_contour_levels(double lo, double hi, int log, int max_levels, double *out, int cap);

/* The segments of the contour at `level` through the grid, in grid units
 * (x = column, y = row of the cell centres, so a segment lies within
 * [0, cols - 1] x [0, rows - 1]): each segment is 4 floats x0 y0 x1 y1 in
 * seg. Returns the number of segments (those beyond cap are counted, not
 * written). */
int gfx_contour_segments(const float *grid, int cols, int rows, float level, float *seg, int cap);

/* The colour of value v under d's ramp (v outside [lo, hi] clamps; NaN: low). */
SDL_Color gfx_contour_color(const gfx_contour_desc *d, float v);

/* Fills the whole canvas with the grid's colours and draws the contour lines. */
void gfx_contour_map(gfx_canvas *c, const float *grid, int cols, int rows, const gfx_contour_desc *d);

/* A vertical colour bar of d's ramp (lo at the bottom) in area, with a tick
 * and a label at each of the n values pos[] (grid units, as the levels)
 * written as text[]; labels that would overlap the one above are left out. */
void gfx_contour_bar(SDL_Renderer *r, gfx_fonts *f, SDL_Rect area, const gfx_contour_desc *d,
                     const float *pos, const char *const *text, int n, const gfx_style *st);

#endif
