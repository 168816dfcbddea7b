/* app/draw/bars.c - labelled horizontal and vertical bar charts. */
#include "draw/bars.h"

#include <math.h>
#include <stdio.h>

#include "draw/axes.h"
#include "draw/prim.h"

gfx_bars_desc gfx_bars_default(void)
{
    return (gfx_bars_desc){ .color = pal_category(0), .highlight = -1, .style = gfx_style_dark() };
}

static void format(char *buf, size_t n, const gfx_bars_desc *d, float v)
{
    double x = (double)v * (d->value_mul != 0.0f ? d->value_mul : 1.0f);
    if (d->value_fmt) snprintf(buf, n, d->value_fmt, x);
    else gfx_format_value(buf, n, x, 3);
}

static void value_range(const gfx_bars_desc *d, const float *v, int n, float *lo, float *hi)
{
    *lo = d->lo;
    *hi = d->hi;
    if (*hi > *lo) return;
    *lo = 0.0f;
    *hi = 0.0f;
    for (int i = 0; i < n; i++) {
        if (!isfinite(v[i])) continue;
        if (v[i] < *lo) *lo = v[i];
        if (v[i] > *hi) *hi = v[i];
    }
    if (*hi == *lo) *hi = *lo + 1.0f;
}

/* Pixel offset of value v along a track of `len` pixels. */
static int along(float v, float lo, float hi, int len)
{
    if (!isfinite(v)) v = 0.0f;
    float t = (v - lo) / (hi - lo);
    t = t < 0.0f ? 0.0f : t > 1.0f ? 1.0f : t;
    return (int)lroundf(t * (float)len);
}

/* Room for labels, values and title; writes the track rectangle. */
static void frame(const gfx_fonts *f, SDL_Rect area, const gfx_bars_desc *d, const float *v,
                  const char *const *labels, int n, SDL_Rect *track, int *label_w)
{
    float s = gfx_fonts_scale(f);
    int pad = (int)lroundf(6.0f * s), lw = 0, vw = 0;
    for (int i = 0; i < n; i++) {
        char buf[48];
        format(buf, sizeof buf, d, v[i]);
        int w = gfx_text_width(f, GFX_FONT_SMALL, buf);
        if (w > vw) vw = w;
        if (labels && labels[i]) {
            w = gfx_text_width(f, GFX_FONT_BODY, labels[i]);
            if (w > lw) lw = w;
        }
    }
    *track = area;
    if (d->title) {
        int th = gfx_text_height(f, GFX_FONT_TITLE) + pad;
        track->y += th;
        track->h -= th;
    }
    if (d->horizontal) {
        track->x += lw + 2 * pad;
        track->w -= lw + vw + 4 * pad;
    } else {
        int lh = gfx_text_height(f, GFX_FONT_SMALL);
        track->y += lh + pad;                                  /* values above bars */
        track->h -= lh + pad + (labels ? gfx_text_height(f, GFX_FONT_BODY) + pad : 0);
    }
    *label_w = lw;
}

int gfx_bars_layout(const gfx_fonts *f, SDL_Rect area, const gfx_bars_desc *d, const float *values,
                    const char *const *labels, int n, SDL_Rect *bars)
{
    if (n > GFX_BARS_MAX) n = GFX_BARS_MAX;
    if (n <= 0) return 0;
    SDL_Rect t;
    int lw;
    float lo, hi;
    frame(f, area, d, values, labels, n, &t, &lw);
    value_range(d, values, n, &lo, &hi);
    float zero = lo > 0.0f ? lo : hi < 0.0f ? hi : 0.0f;
    for (int i = 0; i < n; i++) {
        if (d->horizontal) {
            int row = t.h / n, thick = row * 7 / 10;
            int z = along(zero, lo, hi, t.w), e = along(values[i], lo, hi, t.w);
            bars[i] = (SDL_Rect){ t.x + (z < e ? z : e), t.y + i * row + (row - thick) / 2,
                                  abs(e - z), thick };
        } else {
            int col = t.w / n, thick = col * 7 / 10;
            int z = along(zero, lo, hi, t.h), e = along(values[i], lo, hi, t.h);
            int top = z > e ? z : e;
            bars[i] = (SDL_Rect){ t.x + i * col + (col - thick) / 2, t.y + t.h - top,
                                  thick, abs(e - z) };
        }
    }
    return n;
}

void gfx_bars(SDL_Renderer *r, gfx_fonts *f, SDL_Rect area, const gfx_bars_desc *d,
              const float *values, const char *const *labels, int n)
{
    SDL_Rect bars[GFX_BARS_MAX], t;
    int lw;
    n = gfx_bars_layout(f, area, d, values, labels, n, bars);
    if (n == 0) return;
    frame(f, area, d, values, labels, n, &t, &lw);
    float s = gfx_fonts_scale(f);
    int pad = (int)lroundf(6.0f * s), body_h = gfx_text_height(f, GFX_FONT_BODY);
    int small_h = gfx_text_height(f, GFX_FONT_SMALL);
    if (d->title)
        gfx_text(f, GFX_FONT_TITLE, area.x + area.w / 2, area.y, d->style.text, GFX_ALIGN_CENTER, d->title);
    for (int i = 0; i < n; i++) {
        SDL_Rect b = bars[i];
        SDL_Color c = d->colors ? d->colors[i] : d->color;
        char buf[48];
        format(buf, sizeof buf, d, values[i]);
        gfx_fill_rect(r, b, c);
        if (i == d->highlight) {
            SDL_Rect o = { b.x - 2, b.y - 2, b.w + 4, b.h + 4 };
            gfx_rect_outline(r, o, (int)lroundf(2.0f * s), d->style.text);
        }
        if (d->horizontal) {
            int cy = b.y + b.h / 2;
            if (labels && labels[i])
                gfx_text(f, GFX_FONT_BODY, t.x - pad, cy - body_h / 2, d->style.text, GFX_ALIGN_RIGHT, labels[i]);
            gfx_text(f, GFX_FONT_SMALL, b.x + b.w + pad, cy - small_h / 2, d->style.text, GFX_ALIGN_LEFT, buf);
        } else {
            int cx = b.x + b.w / 2;
            if (labels && labels[i])
                gfx_text(f, GFX_FONT_BODY, cx, t.y + t.h + pad, d->style.text, GFX_ALIGN_CENTER, labels[i]);
            gfx_text(f, GFX_FONT_SMALL, cx, b.y - small_h - pad / 2, d->style.text, GFX_ALIGN_CENTER, buf);
        }
    }
    /* the zero baseline (or the range's edge nearest zero) */
    float lo, hi;
    value_range(d, values, n, &lo, &hi);
    float zero = lo > 0.0f ? lo : hi < 0.0f ? hi : 0.0f;
    if (d->horizontal) gfx_fill_rect(r, (SDL_Rect){ t.x + along(zero, lo, hi, t.w) - 1, t.y, 2, t.h }, d->style.axis);
    else gfx_fill_rect(r, (SDL_Rect){ t.x, t.y + t.h - along(zero, lo, hi, t.h) - 1, t.w, 2 }, d->style.axis);
}
