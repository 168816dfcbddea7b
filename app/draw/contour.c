/* app/draw/contour.c - filled maps and marching-squares contour lines (see contour.h). */
#include "draw/contour.h"

#include <math.h>
#include <stdlib.h>

#include "draw/prim.h"

int gfx_contour_levels(double lo, double hi, int log, int max_levels, double *out, int cap)
{
    if (!(lo < hi) || !isfinite(lo) || !isfinite(hi) || max_levels < 1 || cap < 1) return 0;
    if (!log) {
        /* The densest 1-2-5 step that leaves at most max_levels multiples in
         * [lo, hi] (axis ticks count the ends of the range, which a field's
         * range seldom has: they gave one level where five were allowed). */
        static const double M[3] = { 1, 2, 5 };
        double mag = pow(10.0, floor(log10((hi - lo) / max_levels)));
        for (int decade = 0; decade < 4; decade++, mag *= 10)
            for (int m = 0; m < 3; m++) {
                const double step = M[m] * mag, first = ceil(lo / step - 1e-9), last = floor(hi / step + 1e-9);
                if (!isfinite(first) || !isfinite(last) || last - first + 1 > max_levels) continue;
                int k = 0;
                for (double i = first; i <= last && k < cap; i++) {
                    const double v = i * step;
                    out[k++] = fabs(v) < step * 1e-9 ? 0.0 : v;   /* 0, not -1.2e-17 */
                }
                return k;
            }
        return 0;
    }
    if (!(lo > 0)) return 0;
    /* Mantissas per decade, from the densest choice to the sparsest. */
    static const double SETS[3][3] = { { 1, 2, 5 }, { 1, 3, 0 }, { 1, 0, 0 } };
    static const int SIZES[3] = { 3, 2, 1 };
    const int d0 = (int)floor(log10(lo)), d1 = (int)ceil(log10(hi));
    for (int every = 1; every <= 64; every *= 2)
        for (int s = 0; s < 3; s++) {
            if (every > 1 && s < 2) continue;
            int k = 0;
            for (int d = d0; d <= d1; d++) {
                if (((d % every) + every) % every) continue;
                for (int m = 0; m < SIZES[s]; m++) {
                    const double v = SETS[s][m] * pow(10.0, d);
                    if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
                        if (k < cap) out[k] = v;
                        k++;
                    }
                }
            }
            if (k <= max_levels) return k < cap ? k : cap;
        }
    return 0;
}

/* Where the level crosses the edge from a to b (values va, vb): the fraction from a. */
static float cross_at(float va, float vb, float level)
{
    const float t = (level - va) / (vb - va);
    return t < 0.0f ? 0.0f : t > 1.0f ? 1.0f : t;
}

int gfx_contour_segments(const float *grid, int cols, int rows, float level, float *seg, int cap)
{
    if (!grid || cols < 2 || rows < 2 || !isfinite(level)) return 0;
    int n = 0;
    for (int j = 0; j + 1 < rows; j++)
        for (int i = 0; i + 1 < cols; i++) {
            /* Corners counter-clockwise: c0 (i, j), c1 (i+1, j), c2 (i+1, j+1), c3 (i, j+1);
             * edge e joins corner e and corner e+1. */
            const float v[4] = { grid[(size_t)j * cols + i], grid[(size_t)j * cols + i + 1],
                                 grid[(size_t)(j + 1) * cols + i + 1], grid[(size_t)(j + 1) * cols + i] };
            if (!isfinite(v[0]) || !isfinite(v[1]) || !isfinite(v[2]) || !isfinite(v[3])) continue;
            int up[4], crossings = 0;
            for (int k = 0; k < 4; k++) up[k] = v[k] >= level;
            static const float CX[4] = { 0, 1, 1, 0 }, CY[4] = { 0, 0, 1, 1 };
            float px[4] = { 0 }, py[4] = { 0 };
            int crossed[4];
            for (int e = 0; e < 4; e++) {
                const int a = e, b = (e + 1) & 3;
                crossed[e] = up[a] != up[b];
                if (!crossed[e]) continue;
                crossings++;
                const float t = cross_at(v[a], v[b], level);
                px[e] = (float)i + CX[a] + (CX[b] - CX[a]) * t;
                py[e] = (float)j + CY[a] + (CY[b] - CY[a]) * t;
            }
            int pairs[2][2], np = 0;
            if (crossings == 2) {
                int e0 = -1, e1 = -1;
                for (int e = 0; e < 4; e++) if (crossed[e]) { if (e0 < 0) e0 = e; else e1 = e; }
                pairs[np][0] = e0; pairs[np][1] = e1; np++;
            } else if (crossings == 4) {
                /* A saddle cell: the corners on the other side than the centre are cut off. */
                const int centre = 0.25f * (v[0] + v[1] + v[2] + v[3]) >= level;
                for (int c = 0; c < 4; c++)
                    if (up[c] != centre) { pairs[np][0] = (c + 3) & 3; pairs[np][1] = c; np++; }
            }
            for (int p = 0; p < np; p++) {
                if (n < cap && seg) {
                    float *s = seg + 4 * (size_t)n;
                    s[0] = px[pairs[p][0]]; s[1] = py[pairs[p][0]];
                    s[2] = px[pairs[p][1]]; s[3] = py[pairs[p][1]];
                }
                n++;
            }
        }
    return n;
}

static Uint8 mix8(Uint8 a, Uint8 b, float t) { return (Uint8)lroundf((float)a + ((float)b - (float)a) * t); }

SDL_Color gfx_contour_color(const gfx_contour_desc *d, float v)
{
    float t = d->hi != d->lo ? (v - d->lo) / (d->hi - d->lo) : 0.5f;
    if (isnan(t)) t = 0.0f;
    t = t < 0.0f ? 0.0f : t > 1.0f ? 1.0f : t;
    return (SDL_Color){ mix8(d->low.r, d->high.r, t), mix8(d->low.g, d->high.g, t), mix8(d->low.b, d->high.b, t), 255 };
}

void gfx_contour_map(gfx_canvas *c, const float *grid, int cols, int rows, const gfx_contour_desc *d)
{
    if (!c->px || !grid || cols < 1 || rows < 1) return;
    Uint8 *rgba = malloc(4 * (size_t)cols * (size_t)rows);
    if (!rgba) return;
    for (int j = 0; j < rows; j++) {
        const float *src = grid + (size_t)(d->flip_y ? rows - 1 - j : j) * (size_t)cols;
        Uint8 *o = rgba + 4 * (size_t)j * (size_t)cols;
        for (int i = 0; i < cols; i++) {
            const SDL_Color k = gfx_contour_color(d, src[i]);
            o[4 * i] = k.r; o[4 * i + 1] = k.g; o[4 * i + 2] = k.b; o[4 * i + 3] = 255;
        }
    }
    gfx_canvas_stretch(c, rgba, cols, rows);
    free(rgba);
    if (!(d->line_width > 0.0f) || cols < 2 || rows < 2) return;
    const float sx = (float)c->w / (float)cols, sy = (float)c->h / (float)rows;
    int cap = 4096;
    float *seg = malloc(4 * sizeof(float) * (size_t)cap);
    if (!seg) return;
    for (int l = 0; l < d->n_levels; l++) {
        int n = gfx_contour_segments(grid, cols, rows, d->levels[l], seg, cap);
        if (n > cap) {
            float *bigger = realloc(seg, 4 * sizeof(float) * (size_t)n);
            if (!bigger) break;
            seg = bigger;
            cap = n;
            n = gfx_contour_segments(grid, cols, rows, d->levels[l], seg, cap);
        }
        for (int s = 0; s < n; s++) {
            const float *q = seg + 4 * (size_t)s;
            float y0 = (q[1] + 0.5f) * sy, y1 = (q[3] + 0.5f) * sy;
            if (d->flip_y) { y0 = (float)c->h - y0; y1 = (float)c->h - y1; }
            gfx_canvas_line(c, (q[0] + 0.5f) * sx, y0, (q[2] + 0.5f) * sx, y1, d->line_width, d->line);
        }
    }
    free(seg);
}

void gfx_contour_bar(SDL_Renderer *r, gfx_fonts *f, SDL_Rect area, const gfx_contour_desc *d,
                     const float *pos, const char *const *text, int n, const gfx_style *st)
{
    const float s = gfx_fonts_scale(f);
    const int lh = gfx_text_height(f, GFX_FONT_SMALL), pad = (int)lroundf(5.0f * s);
    const int bar_w = (int)lroundf(16.0f * s);
    const SDL_Rect bar = { area.x, area.y + lh / 2, bar_w, area.h - lh };
    if (bar.h < 4 || area.w < bar_w) return;
    for (int y = 0; y < bar.h; y += 2) {
        const float t = 1.0f - ((float)y + 1.0f) / (float)bar.h;
        gfx_fill_rect(r, (SDL_Rect){ bar.x, bar.y + y, bar.w, 2 < bar.h - y ? 2 : bar.h - y },
                      gfx_contour_color(d, d->lo + t * (d->hi - d->lo)));
    }
    gfx_rect_outline(r, bar, 1, st->axis);
    int last_y = -(1 << 30);
    for (int i = n - 1; i >= 0; i--) {                  /* from the top down */
        if (d->hi == d->lo || !isfinite(pos[i])) continue;
        const float t = (pos[i] - d->lo) / (d->hi - d->lo);
        if (t < -1e-4f || t > 1.0001f) continue;
        const int y = bar.y + (int)lroundf((1.0f - t) * (float)(bar.h - 1));
        gfx_fill_rect(r, (SDL_Rect){ bar.x, y, bar.w + pad / 2 + 1, 1 + (s >= 1.5f) }, st->axis);
        if (y - lh / 2 < last_y + lh) continue;
        gfx_text(f, GFX_FONT_SMALL, bar.x + bar.w + pad, y - lh / 2, st->text, GFX_ALIGN_LEFT, text[i]);
        last_y = y - lh / 2;
    }
}
