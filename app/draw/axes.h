/* app/draw/axes.h - axis ranges, "nice" ticks and the framed plot area that
 * line plots and histograms share.
 *
 *   gfx_frame fr = { .title = "Loss", .x_label = "epoch", .y_label = "loss",
 *                    .x = { 0, 100, 0 }, .y = { 1e-3, 2, 1 } };    // log y
 *   SDL_Rect in = gfx_frame_draw(r, fonts, area, &fr, &style);     // axes, grid, labels
 *   float px = gfx_axis_map(&fr.x, 50.0, in.x, in.x + in.w);
 *
 * Ticks are 1, 2 or 5 times a power of ten (linear) or powers of ten (log),
 * labelled with just enough decimals to tell neighbours apart. Margins are
 * measured from the labels with the fonts, so the layout adapts to the UI
 * scale. The y-axis title sits above the axis, horizontally, because rotated
 * text is hard to read from the back of a classroom.
 *
 * All functions except gfx_frame_draw are pure. No allocation.
 */
#ifndef NNLAB_AXES_H
#define NNLAB_AXES_H

#include <SDL.h>
#include <stddef.h>

#include "draw/font.h"
#include "draw/palette.h"

#define GFX_MAX_TICKS 24

typedef struct gfx_axis {
    double lo, hi;   /* visible range; for log axes both > 0 */
    int    log;      /* 1: log10 scale */
} gfx_axis;

/* Step of 1, 2 or 5 x 10^k giving at most max_ticks ticks over range (> 0). */
double gfx_nice_step(double range, int max_ticks);
/* Tick values inside [lo, hi]: multiples of the nice step (linear), or powers
 * of ten (log; with 2 and 5 multiples when the range spans under two decades;
 * a log range holding fewer than two of those gets the linear ticks instead).
 * Returns the count (<= cap). */
int    gfx_axis_ticks(const gfx_axis *a, int max_ticks, double *out, int cap);
/* Tick label: decimals chosen from step (linear) or %g (log). */
void   gfx_format_tick(char *buf, size_t n, double v, double step, int log);
/* v with `sig` significant digits, no exponent for 1e-4 <= |v| < 1e6, trailing
 * zeros dropped: 0.0123456 -> "0.0123", 3.0 -> "3", 2e-7 -> "2e-07". */
void   gfx_format_value(char *buf, size_t n, double v, int sig);
/* Value -> pixel coordinate, p0 at lo and p1 at hi. NaN when v cannot be
 * shown (non-finite, or <= 0 on a log axis). Not clamped. */
float  gfx_axis_map(const gfx_axis *a, double v, float p0, float p1);
/* Widen [*lo, *hi] (data extent) by pad (fraction of the range, or of the
 * decades on a log axis); a degenerate or empty range becomes a sensible one. */
void   gfx_axis_pad(double *lo, double *hi, double pad, int log);

typedef struct gfx_frame {
    const char *title;      /* above the plot; may be NULL */
    const char *x_label;    /* under the x axis; may be NULL */
    const char *y_label;    /* above the y axis; may be NULL */
    gfx_axis    x, y;
    int         no_x_ticks; /* 1: no x tick labels (categorical plots) */
} gfx_frame;

/* The data rectangle left after room for titles and tick labels. */
SDL_Rect gfx_frame_inner(const gfx_fonts *f, SDL_Rect area, const gfx_frame *fr);
/* Draws background, grid, axes, ticks, tick labels and titles; returns the data rectangle. */
SDL_Rect gfx_frame_draw(SDL_Renderer *r, gfx_fonts *f, SDL_Rect area, const gfx_frame *fr,
                        const gfx_style *st);

#endif
