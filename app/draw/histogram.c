/* app/draw/histogram.c - binning and drawing histograms on the shared frame. */
#include "draw/histogram.h"

#include <math.h>
#include <string.h>

#include "draw/axes.h"
#include "draw/prim.h"

gfx_hist_desc gfx_hist_default(float lo, float hi)
{
    return (gfx_hist_desc){ .lo = lo, .hi = hi, .color = pal_category(0), .style = gfx_style_dark() };
}

int gfx_histogram_bin(const float *data, int n, float lo, float hi, int nbins, float *counts)
{
    if (nbins <= 0) return 0;
    memset(counts, 0, sizeof(float) * (size_t)nbins);
    if (!(hi > lo)) return 0;
    int used = 0;
    double k = (double)nbins / ((double)hi - (double)lo);
    for (int i = 0; i < n; i++) {
        if (!isfinite(data[i])) continue;
        double b = floor(((double)data[i] - lo) * k);
        int bi = b < 0.0 ? 0 : b >= nbins ? nbins - 1 : (int)b;
        counts[bi] += 1.0f;
        used++;
    }
    return used;
}

SDL_Rect gfx_histogram(SDL_Renderer *r, gfx_fonts *f, SDL_Rect area, const gfx_hist_desc *d,
                       const float *counts, int nbins)
{
    float top = d->y_max;
    if (!(top > 0.0f)) {
        for (int i = 0; i < nbins; i++) if (counts[i] > top) top = counts[i];
        top = top > 0.0f ? top * 1.08f : 1.0f;   /* headroom so the tallest bar is not cut */
    }
    gfx_frame fr = { .title = d->title, .x_label = d->x_label, .y_label = d->y_label,
                     .x = { d->lo, d->hi, 0 }, .y = { 0.0, top, 0 } };
    if (!(fr.x.hi > fr.x.lo)) fr.x.hi = fr.x.lo + 1.0;
    SDL_Rect in = gfx_frame_draw(r, f, area, &fr, &d->style);
    if (nbins <= 0) return in;
    float m = fmaxf(fabsf(d->lo), fabsf(d->hi));
    for (int i = 0; i < nbins; i++) {
        /* integer edges from the bin boundaries: adjacent bars share an edge, no gaps or overlap */
        int x0 = in.x + (int)lroundf((float)in.w * (float)i / (float)nbins);
        int x1 = in.x + (int)lroundf((float)in.w * (float)(i + 1) / (float)nbins);
        float c = counts[i] > top ? top : counts[i];
        int h = (int)lroundf((float)in.h * c / top);
        if (h <= 0 || x1 <= x0) continue;
        SDL_Color col = d->color;
        if (d->color_by_value && m > 0.0f) {
            float centre = d->lo + (d->hi - d->lo) * ((float)i + 0.5f) / (float)nbins;
            col = pal_diverging(centre / m);
        }
        SDL_Rect bar = { x0, in.y + in.h - h, x1 - x0, h };
        gfx_fill_rect(r, bar, col);
        /* separate bars; palette-coloured bars near zero are near-white, so on a
         * light background they need a visible edge */
        if (bar.w >= 4)
            gfx_rect_outline(r, bar, 1, d->color_by_value ? gfx_fade(d->style.text, 0.35f)
                                                          : gfx_fade(d->style.bg, 0.7f));
    }
    return in;
}
