/* app/draw/hover.h - reading a line plot under the mouse: a vertical guide
 * at the sample nearest the cursor, a dot on each curve there, and a small
 * box with that x and each curve's value, kept inside the window (or any
 * rectangle given).
 *
 * The simple case, right after gfx_plot, with the same descriptor and
 * series (the race view's curves, for example):
 *
 *   SDL_Rect in = gfx_plot(r, fonts, area, &d, s, n);
 *   int mx, my;
 *   if (ui_mouse(a->ui, &mx, &my)) {                  // ui/ui.h: -1 off the window
 *       gfx_hover_desc hd = gfx_hover_default(&d);    // the plot's ink; x named by d.x_label
 *       gfx_plot_hover(r, fonts, in, &d, s, n, mx, my, &hd);
 *   }
 *
 * The box's first line is "<x_name> <x>" ("epoch 12"), then one row per
 * named series with a finite value there: a swatch in the series' colour
 * and style, its name, its value (gfx_format_value, hd.sig digits). Draw it
 * last, after everything it may cover (another plot beside this one).
 *
 * Several plots against the same x (the Playground's loss and accuracy):
 * find the sample under the mouse on the plot it is over, read the other
 * plot at that x, draw the guide on each and one box with rows from both:
 *
 *   gfx_hover h = gfx_hover_find(in_loss, &fr_loss, ls, 2, mx, my);
 *   if (!h.on) h = gfx_hover_find(in_acc, &fr_acc, as, 2, mx, my);
 *   if (h.on) {
 *       gfx_hover hl = gfx_hover_at(h.x, in_loss, &fr_loss, ls, 2);
 *       gfx_hover ha = gfx_hover_at(h.x, in_acc, &fr_acc, as, 2);
 *       gfx_hover_guide(r, &hl, in_loss, &fr_loss, ls, 2, &st, scale);
 *       gfx_hover_guide(r, &ha, in_acc, &fr_acc, as, 2, &st, scale);
 *       gfx_hover_row rows[4] = { { "train loss", hl.y[0], ls[0].color }, ... };
 *       gfx_hover_box(r, fonts, &hd, h.x, rows, 4, (int)h.px, my);
 *   }
 *
 * "Nearest" is by pixel column: the x among every series' samples whose
 * column is closest to the mouse's (ties: the smaller x). Each series is
 * then read at its sample with exactly that x, or, when it has none (a
 * thinned trace, a previous run of another length), its sample nearest to
 * it within GFX_HOVER_SNAP_PX pixels; else it has no value there. Series are
 * walked once per call (O(points)); nothing is allocated. Rendering thread
 * only for the drawing functions; gfx_hover_find and gfx_hover_at are pure.
 */
#ifndef NNLAB_HOVER_H
#define NNLAB_HOVER_H

#include <SDL.h>

#include "draw/axes.h"
#include "draw/font.h"
#include "draw/plot.h"

#define GFX_HOVER_MAX 16          /* series read at once (more are ignored) */
#define GFX_HOVER_SNAP_PX 4.0f    /* a series without a sample at x is read within this many px of it */

typedef struct gfx_hover {
    int    on;                    /* 1: the mouse is over the data rectangle and some series has a sample */
    double x;                     /* the sample's x (an epoch, an update count) */
    float  px;                    /* its pixel column in the plot */
    int    n;                     /* series read (<= GFX_HOVER_MAX) */
    int    index[GFX_HOVER_MAX];   /* per series: the sample read, -1 none */
    double y[GFX_HOVER_MAX];       /* its value; NaN when none (or not finite) */
} gfx_hover;

typedef struct gfx_hover_desc {
    const char *x_name;           /* the box's first word: "epoch", "update"; NULL: just the number */
    int         sig;              /* significant digits of the values; 0: 4 */
    SDL_Rect    bounds;           /* the box stays inside; w <= 0: the renderer's clip rectangle, or its output */
    gfx_style   style;            /* ink: the box's background, text, outline; the guide */
} gfx_hover_desc;

/* A row of the box. */
typedef struct gfx_hover_row {
    const char *label;            /* "train loss" */
    double      value;            /* NaN: the row is left out */
    SDL_Color   color;            /* the swatch; alpha 0: no swatch */
    int         style;            /* gfx_line_style of the swatch */
    int         percent;          /* 1: value is a fraction, written as a percentage ("87.5%") */
} gfx_hover_row;

/* The plot's ink, x named by d->x_label, 4 digits, inside the clip rectangle. */
gfx_hover_desc gfx_hover_default(const gfx_plot_desc *d);

/* The sample nearest the mouse (mx, my) on the plot whose data rectangle is
 * `in` (as gfx_plot returns) with axes fr (gfx_plot_frame), and each
 * series' value there. on = 0 when the mouse is outside `in` or no series
 * has a finite sample inside the x range. */
gfx_hover gfx_hover_find(SDL_Rect in, const gfx_frame *fr, const gfx_series *s, int n, int mx, int my);
/* Each series read at x (found on another plot with the same x): on = 0
 * when x is outside fr's x range. */
gfx_hover gfx_hover_at(double x, SDL_Rect in, const gfx_frame *fr, const gfx_series *s, int n);

/* The guide (a thin vertical line at h->px over the data rectangle) and a
 * dot on each series' curve at its value (faint series: a faint dot), in
 * `in` only. scale: the UI scale. */
void gfx_hover_guide(SDL_Renderer *r, const gfx_hover *h, SDL_Rect in, const gfx_frame *fr, const gfx_series *s,
                     int n, const gfx_style *st, float scale);

/* The box: "<x_name> <x>" and the rows with finite values, beside the guide
 * at column gx (right of it, or left when it does not fit), centred on the
 * mouse's height my, moved to stay whole inside d->bounds. Returns the
 * rectangle drawn (w = 0: nothing). */
SDL_Rect gfx_hover_box(SDL_Renderer *r, gfx_fonts *f, const gfx_hover_desc *d, double x, const gfx_hover_row *rows,
                       int n, int gx, int my);

/* All of it for one plot: find, guide and dots, and a box with a row per
 * named series (its name and value). Returns what was found (on = 0:
 * nothing drawn). */
gfx_hover gfx_plot_hover(SDL_Renderer *r, gfx_fonts *f, SDL_Rect in, const gfx_plot_desc *d, const gfx_series *s,
                         int n, int mx, int my, const gfx_hover_desc *hd);

#endif
