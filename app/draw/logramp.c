/* app/draw/logramp.c - a log colour scale and its legend (see logramp.h). */
#include "draw/logramp.h"

#include <math.h>
#include <stdio.h>

#include "draw/prim.h"

typedef struct anchor { float t; Uint8 r, g, b; } anchor;

/* Matplotlib's inferno (CC0) at its quartiles, lightness rising. */
static const anchor RAMP[] = {
    { 0.00f,   0,   0,   4 },
    { 0.25f,  87,  16, 110 },
    { 0.50f, 188,  55,  84 },
    { 0.75f, 249, 142,   9 },
    { 1.00f, 252, 255, 164 },
};
enum { N_RAMP = (int)(sizeof RAMP / sizeof RAMP[0]) };

float gfx_logramp_pos(double v, double lo, double hi)
{
    if (!(lo > 0.0) || !(hi > lo) || !(v > lo)) return 0.0f;     /* NaN fails every comparison */
    if (v >= hi) return 1.0f;
    return (float)(log10(v / lo) / log10(hi / lo));
}

SDL_Color gfx_logramp_colour(float t, int light)
{
    if (!(t >= 0.0f)) t = 0.0f;
    if (t > 1.0f) t = 1.0f;
    if (light) t = 1.0f - t;
    int i = 0;
    while (i + 2 < N_RAMP && t > RAMP[i + 1].t) i++;
    const anchor a = RAMP[i], b = RAMP[i + 1];
    const float u = (t - a.t) / (b.t - a.t);
    return (SDL_Color){ (Uint8)lroundf(a.r + (b.r - a.r) * u), (Uint8)lroundf(a.g + (b.g - a.g) * u),
                        (Uint8)lroundf(a.b + (b.b - a.b) * u), 255 };
}

/* "1e-6", "0.001" ... as a teacher writes a power of ten. */
static void decade(double v, char *buf, size_t n)
{
    const int e = (int)lround(log10(v));
    if (e == 0) snprintf(buf, n, "1");
    else if (e == 1) snprintf(buf, n, "10");
    else snprintf(buf, n, "1e%d", e);
}

int gfx_logramp_legend(SDL_Renderer *r, gfx_fonts *f, SDL_Rect area, const char *label, double lo,
                       double hi, int light, const gfx_style *st)
{
    if (!(lo > 0.0) || !(hi > lo) || area.w <= 0) return 0;
    const float s = gfx_fonts_scale(f) > 0.0f ? gfx_fonts_scale(f) : 1.0f;
    const int th = gfx_text_height(f, GFX_FONT_SMALL), gap = (int)lroundf(6 * s);
    const int y = area.y + (area.h - th) / 2;
    char a[16], b[16];
    decade(lo, a, sizeof a);
    decade(hi, b, sizeof b);
    int x = area.x;
    if (label && *label) x += gfx_text(f, GFX_FONT_SMALL, x, y, st->text, GFX_ALIGN_LEFT, label) + gap;
    x += gfx_text(f, GFX_FONT_SMALL, x, y, st->text_dim, GFX_ALIGN_LEFT, a) + gap;
    const int tail = gap + gfx_text_width(f, GFX_FONT_SMALL, b);
    int w = area.x + area.w - x - tail;
    const int most = (int)lroundf(220 * s);
    if (w > most) w = most;
    if (w < (int)lroundf(40 * s)) return x - area.x;       /* no room for a ramp: the label alone */
    const int bar_h = th * 2 / 3 > 6 ? th * 2 / 3 : 6, by = area.y + (area.h - bar_h) / 2;
    for (int i = 0; i < w; i++)
        gfx_fill_rect(r, (SDL_Rect){ x + i, by, 1, bar_h }, gfx_logramp_colour((float)i / (float)(w - 1), light));
    gfx_rect_outline(r, (SDL_Rect){ x - 1, by - 1, w + 2, bar_h + 2 }, 1, st->axis);
    /* a tick per decade */
    const int decades = (int)lround(log10(hi / lo));
    for (int k = 1; k < decades && decades <= 12; k++) {
        const int tx = x + (int)lroundf((float)k / (float)decades * (float)(w - 1));
        gfx_fill_rect(r, (SDL_Rect){ tx, by + bar_h, 1, (int)lroundf(3 * s) }, st->axis);
    }
    x += w + gap;
    x += gfx_text(f, GFX_FONT_SMALL, x, y, st->text_dim, GFX_ALIGN_LEFT, b);
    return x - area.x;
}
