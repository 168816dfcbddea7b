/* app/draw/plot.h - line plots: several series, legend, optional log y.
 *
 *   gfx_series s[2] = {
 *       { .name = "train", .y = train_loss, .n = n, .color = pal_category(0) },
 *       { .name = "previous run", .y = old, .n = m, .color = pal_category(0),
 *         .style = GFX_LINE_FAINT },
 *   };
 *   gfx_plot_desc d = gfx_plot_default();
 *   d.title = "Loss"; d.x_label = "epoch"; d.log_y = 1;
 *   gfx_plot(r, fonts, area, &d, s, 2);
 *
 * A series is either plain float arrays (x may be NULL: x = 0, 1, 2 ...) or,
 * for data stored inside structs (e.g. a trainer's history rows), a getter
 * callback. Non-finite values (and non-positive ones on a log axis) break the
 * line instead of drawing spikes; empty series are fine. The range is taken
 * from the data with a little padding unless fixed in the descriptor.
 *
 * Long series cost what short ones do: a series is drawn from at most two
 * points per pixel column (gfx_decimate_columns: each column's lowest and
 * highest point), so a spike of one point in a million still shows at full
 * height, and a curve of 1e6 epochs draws as many triangles as one of twice
 * the plot's width. (Reading the points is still one pass over them a frame.)
 *
 * Stateless; nothing is allocated (points go through a fixed buffer on the
 * stack). Rendering thread only.
 */
#ifndef NNLAB_PLOT_H
#define NNLAB_PLOT_H

#include <SDL.h>

#include "draw/axes.h"
#include "draw/font.h"
#include "draw/palette.h"

typedef enum gfx_line_style {
    GFX_LINE_SOLID,
    GFX_LINE_DASHED,   /* e.g. the dev set */
    GFX_LINE_FAINT,    /* e.g. the previous run: thinner, half transparent */
} gfx_line_style;

typedef struct gfx_series {
    const char  *name;       /* legend text; NULL leaves it out of the legend */
    int          n;          /* points */
    const float *x, *y;      /* (n); x may be NULL */
    /* Used when y is NULL: returns y of point i and writes its x. */
    double     (*get)(const void *user, int i, double *x);
    const void  *user;
    SDL_Color    color;
    float        width;      /* stroke in unscaled px; 0 = default (2.5) */
    int          style;      /* gfx_line_style */
} gfx_series;

typedef struct gfx_plot_desc {
    const char *title, *x_label, *y_label;   /* each may be NULL */
    int         log_y;
    int         fixed_x, fixed_y;            /* 1: use the ranges below as given */
    double      x_min, x_max, y_min, y_max;
    int         legend;                      /* 1: legend box in the top-right corner */
    double      mark_x;                      /* vertical marker (e.g. early stop); NaN = none */
    const char *mark_label;
    gfx_style   style;
} gfx_plot_desc;

gfx_plot_desc gfx_plot_default(void);   /* dark style, legend on, no marker, auto ranges */

/* The axes the plot would use for these series (ranges resolved). */
gfx_frame gfx_plot_frame(const gfx_plot_desc *d, const gfx_series *s, int n_series);
/* Draws the plot; returns the data rectangle (for overlays and tests). */
SDL_Rect  gfx_plot(SDL_Renderer *r, gfx_fonts *f, SDL_Rect area, const gfx_plot_desc *d,
                   const gfx_series *s, int n_series);

/* Thins a line of pixel points (in drawing order) for drawing: of every run
 * of consecutive points in the same pixel column (equal floor(x)) it keeps
 * the one with the smallest y and the one with the largest y (the first of
 * equals), in their original order; one point when they are the same. The
 * line between them covers the column's whole extent, so a spike stays. A
 * non-finite point is a break in the line and is kept, once for several in
 * a row.
 * out may be in (in place); returns the number of points written (<= n). */
int gfx_decimate_columns(const SDL_FPoint *in, int n, SDL_FPoint *out);

#endif
