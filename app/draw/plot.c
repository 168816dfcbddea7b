/* app/draw/plot.c - line plots on top of the shared frame (axes.c). */
#include "draw/plot.h"

#include <math.h>
#include <string.h>

#include "draw/prim.h"

#define CHUNK 512   /* points mapped before they are thinned and drawn; no allocation */

gfx_plot_desc gfx_plot_default(void)
{
    return (gfx_plot_desc){ .legend = 1, .mark_x = NAN, .style = gfx_style_dark() };
}

/* Point i of a series; returns 0 when it cannot be drawn. */
static int point(const gfx_series *s, int i, double *x, double *y)
{
    if (s->y) {
        *y = s->y[i];
        *x = s->x ? s->x[i] : (double)i;
    } else if (s->get) {
        *x = (double)i;
        *y = s->get(s->user, i, x);
    } else {
        return 0;
    }
    return isfinite(*x) && isfinite(*y);
}

gfx_frame gfx_plot_frame(const gfx_plot_desc *d, const gfx_series *s, int n_series)
{
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (int k = 0; k < n_series; k++) {
        for (int i = 0; i < s[k].n; i++) {
            double x, y;
            if (!point(&s[k], i, &x, &y) || (d->log_y && !(y > 0.0))) continue;
            x0 = fmin(x0, x); x1 = fmax(x1, x);
            y0 = fmin(y0, y); y1 = fmax(y1, y);
        }
    }
    gfx_frame fr = { .title = d->title, .x_label = d->x_label, .y_label = d->y_label };
    if (d->fixed_x) { fr.x.lo = d->x_min; fr.x.hi = d->x_max; }
    else {
        if (!(x1 >= x0)) { x0 = 0.0; x1 = 1.0; }
        if (x1 == x0) x1 = x0 + 1.0;   /* one point: a unit-wide window */
        fr.x.lo = x0; fr.x.hi = x1;    /* x runs edge to edge: no padding */
    }
    fr.y.log = d->log_y;
    if (d->fixed_y) { fr.y.lo = d->y_min; fr.y.hi = d->y_max; }
    else {
        if (!(y1 >= y0)) { y0 = d->log_y ? 0.1 : 0.0; y1 = 1.0; }
        gfx_axis_pad(&y0, &y1, 0.05, d->log_y);
        fr.y.lo = y0; fr.y.hi = y1;
    }
    return fr;
}

/* Same pixel column, both drawable. */
static int same_column(SDL_FPoint a, SDL_FPoint b)
{
    return isfinite(a.x) && isfinite(a.y) && isfinite(b.x) && isfinite(b.y) && floorf(a.x) == floorf(b.x);
}

int gfx_decimate_columns(const SDL_FPoint *in, int n, SDL_FPoint *out)
{
    int w = 0;
    for (int i = 0; i < n;) {
        const SDL_FPoint p = in[i];
        if (!isfinite(p.x) || !isfinite(p.y)) {             /* a break: once */
            if (w == 0 || isfinite(out[w - 1].x)) out[w++] = (SDL_FPoint){ NAN, NAN };
            i++;
            continue;
        }
        /* The run of points in p's column: indices [i, j). */
        int j = i + 1, lo = i, hi = i;
        for (; j < n && same_column(p, in[j]); j++) {
            if (in[j].y < in[lo].y) lo = j;
            if (in[j].y > in[hi].y) hi = j;
        }
        /* Read before writing (out may be in; w <= i). */
        const SDL_FPoint a = in[lo < hi ? lo : hi], b = in[lo < hi ? hi : lo];
        out[w++] = a;
        if (lo != hi) out[w++] = b;
        i = j;
    }
    return w;
}

/* Index of the first point of the last column's run in pts (n > 0): the
 * points that more of the series may still join. */
static int open_run(const SDL_FPoint *pts, int n)
{
    int i = n - 1;
    while (i > 0 && same_column(pts[i - 1], pts[i])) i--;
    return i;
}

/* Points are mapped into a fixed buffer and thinned to at most two a pixel
 * column (gfx_decimate_columns) whenever it fills, so a series of a million
 * points costs what one of twice the plot's width does, and nothing is
 * allocated. */
static void draw_series(SDL_Renderer *r, const gfx_series *s, const gfx_frame *fr, SDL_Rect in,
                        float scale)
{
    SDL_FPoint pts[CHUNK];
    float w = (s->width > 0.0f ? s->width : 2.5f) * scale;
    SDL_Color c = s->color;
    float dash = 0.0f;
    if (s->style == GFX_LINE_FAINT) { c = gfx_fade(c, 0.45f); w *= 0.8f; }
    if (s->style == GFX_LINE_DASHED) dash = 8.0f * scale;
    float left = (float)in.x, right = (float)(in.x + in.w - 1);
    float bottom = (float)(in.y + in.h - 1), top = (float)in.y;
    int n = 0;
    for (int i = 0; i < s->n; i++) {
        double x, y;
        SDL_FPoint p = { NAN, NAN };
        if (point(s, i, &x, &y)) p = (SDL_FPoint){ gfx_axis_map(&fr->x, x, left, right),
                                                   gfx_axis_map(&fr->y, y, bottom, top) };
        pts[n++] = p;
        if (n < CHUNK) continue;
        n = gfx_decimate_columns(pts, n, pts);
        if (n <= CHUNK / 2) continue;   /* thinned enough to take more before drawing */
        /* Draw up to the last finished column; the last column's run may go
         * on, so it stays, with the point before it to join the lines. */
        const int open = open_run(pts, n);
        if (open > 1) gfx_polyline(r, pts, open, w, c, dash);
        if (open > 0) {
            memmove(pts, pts + open - 1, (size_t)(n - open + 1) * sizeof *pts);
            n -= open - 1;
        }
    }
    if (n == 1 && s->n == 1 && isfinite(pts[0].x))   /* a lone point is a dot */
        gfx_disc(r, pts[0].x, pts[0].y, w, c);
    else if (n > 1)
        gfx_polyline(r, pts, gfx_decimate_columns(pts, n, pts), w, c, dash);
}

static void draw_legend(SDL_Renderer *r, gfx_fonts *f, SDL_Rect in, const gfx_plot_desc *d,
                        const gfx_series *s, int n_series, float scale)
{
    int lh = gfx_text_height(f, GFX_FONT_SMALL), pad = (int)lroundf(6.0f * scale);
    int swatch = (int)lroundf(24.0f * scale), w = 0, rows = 0;
    for (int k = 0; k < n_series; k++) {
        if (!s[k].name) continue;
        int tw = gfx_text_width(f, GFX_FONT_SMALL, s[k].name);
        if (tw > w) w = tw;
        rows++;
    }
    if (rows == 0) return;
    SDL_Rect box = { in.x + in.w - (w + swatch + 3 * pad) - pad, in.y + pad,
                     w + swatch + 3 * pad, rows * lh + 2 * pad };
    /* A plot too small for its legend (a projector's zoom) keeps its
     * curves visible rather than hiding them under the key. */
    if (box.h > in.h * 6 / 10 || box.w > in.w * 6 / 10) return;
    gfx_fill_rect(r, box, gfx_fade(d->style.bg, 0.85f));
    gfx_rect_outline(r, box, 1, d->style.grid);
    int y = box.y + pad;
    for (int k = 0; k < n_series; k++) {
        if (!s[k].name) continue;
        float w_line = (s[k].width > 0.0f ? s[k].width : 2.5f) * scale;
        SDL_Color c = s[k].style == GFX_LINE_FAINT ? gfx_fade(s[k].color, 0.45f) : s[k].color;
        SDL_FPoint seg[2] = { { (float)(box.x + pad), (float)y + (float)lh * 0.5f },
                              { (float)(box.x + pad + swatch), (float)y + (float)lh * 0.5f } };
        gfx_polyline(r, seg, 2, w_line, c, s[k].style == GFX_LINE_DASHED ? 5.0f * scale : 0.0f);
        gfx_text(f, GFX_FONT_SMALL, box.x + 2 * pad + swatch, y, d->style.text, GFX_ALIGN_LEFT, s[k].name);
        y += lh;
    }
}

SDL_Rect gfx_plot(SDL_Renderer *r, gfx_fonts *f, SDL_Rect area, const gfx_plot_desc *d,
                  const gfx_series *s, int n_series)
{
    float scale = gfx_fonts_scale(f);
    gfx_frame fr = gfx_plot_frame(d, s, n_series);
    SDL_Rect in = gfx_frame_draw(r, f, area, &fr, &d->style);
    SDL_Rect old_clip;
    int had_clip = SDL_RenderIsClipEnabled(r);
    SDL_RenderGetClipRect(r, &old_clip);
    /* series may leave a fixed range: clip to the data rectangle (within any outer clip) */
    SDL_Rect clip = in;
    if (had_clip && !SDL_IntersectRect(&in, &old_clip, &clip)) clip = (SDL_Rect){ 0, 0, 0, 0 };
    SDL_RenderSetClipRect(r, &clip);
    if (isfinite(d->mark_x)) {
        float px = gfx_axis_map(&fr.x, d->mark_x, (float)in.x, (float)(in.x + in.w - 1));
        gfx_polyline(r, (SDL_FPoint[]){ { px, (float)in.y }, { px, (float)(in.y + in.h) } }, 2,
                     2.0f * scale, d->style.text_dim, 6.0f * scale);
    }
    /* faint series first so current ones are drawn on top */
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < n_series; k++)
            if ((s[k].style == GFX_LINE_FAINT) == (pass == 0)) draw_series(r, &s[k], &fr, in, scale);
    if (d->legend) draw_legend(r, f, in, d, s, n_series, scale);
    if (isfinite(d->mark_x) && d->mark_label) {
        const float mx = gfx_axis_map(&fr.x, d->mark_x, (float)in.x, (float)(in.x + in.w - 1));
        /* At the bottom (the legend sits in the top-right corner), right of
         * the line, or left of it when it would run past the right edge;
         * always whole inside the data rectangle, on a backing and after
         * the curves and the legend (a short plot's legend reaches down),
         * so nothing hides it. */
        const int gap = (int)lroundf(4 * scale), tw = gfx_text_width(f, GFX_FONT_SMALL, d->mark_label);
        const int th = gfx_text_height(f, GFX_FONT_SMALL);
        int x = (int)mx + gap;
        if (x + tw > in.x + in.w - gap) x = (int)mx - gap - tw;
        if (x + tw > in.x + in.w) x = in.x + in.w - tw;
        if (x < in.x) x = in.x;
        int y = in.y + in.h - th - gap;
        if (y < in.y) y = in.y;
        gfx_fill_rect(r, (SDL_Rect){ x - 2, y, tw + 4, th }, gfx_fade(d->style.bg, 0.8f));
        gfx_text(f, GFX_FONT_SMALL, x, y, d->style.text, GFX_ALIGN_LEFT, d->mark_label);
    }
    SDL_RenderSetClipRect(r, had_clip ? &old_clip : NULL);
    return in;
}
