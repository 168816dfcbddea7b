/* app/draw/hover.c - a plot read under the mouse (see hover.h). */
#include "draw/hover.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draw/prim.h"

gfx_hover_desc gfx_hover_default(const gfx_plot_desc *d)
{
    return (gfx_hover_desc){ .x_name = d ? d->x_label : NULL, .sig = 4,
                             .style = d ? d->style : gfx_style_dark() };
}

/* Sample i of a series (as plot.c reads it); 0 when x or y is not finite. */
static int sample(const gfx_series *s, int i, double *x, double *y)
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

/* The pixel column of x, as plot.c maps it (left edge to the last column). */
static float column(const gfx_frame *fr, SDL_Rect in, double x)
{
    return gfx_axis_map(&fr->x, x, (float)in.x, (float)(in.x + in.w - 1));
}

static int in_range(const gfx_axis *a, double x)
{
    const double lo = fmin(a->lo, a->hi), hi = fmax(a->lo, a->hi), eps = 1e-9 * (hi - lo + 1.0);
    return x >= lo - eps && x <= hi + eps;
}

gfx_hover gfx_hover_at(double x, SDL_Rect in, const gfx_frame *fr, const gfx_series *s, int n)
{
    gfx_hover h;
    memset(&h, 0, sizeof h);
    h.n = n < GFX_HOVER_MAX ? (n > 0 ? n : 0) : GFX_HOVER_MAX;
    for (int k = 0; k < GFX_HOVER_MAX; k++) { h.index[k] = -1; h.y[k] = NAN; }
    if (!isfinite(x) || in.w <= 0 || in.h <= 0 || !in_range(&fr->x, x)) return h;
    h.on = 1;
    h.x = x;
    h.px = column(fr, in, x);
    const double tol = 1e-9 * (fabs(x) + 1.0);
    for (int k = 0; k < h.n; k++) {
        float best = GFX_HOVER_SNAP_PX + 1e-3f;
        for (int i = 0; i < s[k].n; i++) {
            double xi, yi;
            if (!sample(&s[k], i, &xi, &yi)) continue;
            if (fabs(xi - x) <= tol) { h.index[k] = i; h.y[k] = yi; break; }   /* exactly there */
            const float d = fabsf(column(fr, in, xi) - h.px);
            if (d < best) { best = d; h.index[k] = i; h.y[k] = yi; }
        }
    }
    return h;
}

gfx_hover gfx_hover_find(SDL_Rect in, const gfx_frame *fr, const gfx_series *s, int n, int mx, int my)
{
    const int inside = mx >= in.x && mx < in.x + in.w && my >= in.y && my < in.y + in.h;
    double best_x = NAN;
    float best = INFINITY;
    for (int k = 0; inside && k < n && k < GFX_HOVER_MAX; k++)
        for (int i = 0; i < s[k].n; i++) {
            double xi, yi;
            if (!sample(&s[k], i, &xi, &yi) || !in_range(&fr->x, xi)) continue;
            const float d = fabsf(column(fr, in, xi) - (float)mx);
            if (d < best || (d == best && xi < best_x)) { best = d; best_x = xi; }
        }
    return gfx_hover_at(best_x, in, fr, s, n);   /* NaN: on = 0 */
}

void gfx_hover_guide(SDL_Renderer *r, const gfx_hover *h, SDL_Rect in, const gfx_frame *fr, const gfx_series *s,
                     int n, const gfx_style *st, float scale)
{
    if (!h->on || !isfinite(h->px)) return;
    gfx_clip saved;
    if (!gfx_clip_push(r, in, &saved)) return;
    gfx_line(r, h->px, (float)in.y, h->px, (float)(in.y + in.h), 1.5f * scale, gfx_fade(st->text, 0.6f));
    const float bottom = (float)(in.y + in.h - 1), top = (float)in.y;
    for (int k = 0; k < n && k < h->n; k++) {
        if (!isfinite(h->y[k])) continue;
        const float py = gfx_axis_map(&fr->y, h->y[k], bottom, top);
        double xk, yk;
        if (!isfinite(py) || !sample(&s[k], h->index[k], &xk, &yk)) continue;
        const float pxk = column(fr, in, xk);
        const SDL_Color c = s[k].style == GFX_LINE_FAINT ? gfx_fade(s[k].color, 0.45f) : s[k].color;
        gfx_disc(r, pxk, py, 5.5f * scale, st->bg);
        gfx_disc(r, pxk, py, 4.0f * scale, c);
    }
    gfx_clip_pop(r, &saved);
}

/* x as the box's first line writes it: whole numbers whole. */
static void format_x(char *buf, size_t n, const char *name, double x)
{
    char v[32];
    if (x == floor(x) && fabs(x) < 1e15) snprintf(v, sizeof v, "%.0f", x);
    else gfx_format_value(v, sizeof v, x, 6);
    if (name && name[0]) snprintf(buf, n, "%s %s", name, v);
    else snprintf(buf, n, "%s", v);
}

static void format_row(char *buf, size_t n, const gfx_hover_row *row, int sig)
{
    if (row->percent) {
        gfx_format_value(buf, n > 1 ? n - 1 : n, 100.0 * row->value, sig);
        if (n > 1) strcat(buf, "%");
    } else {
        gfx_format_value(buf, n, row->value, sig);
    }
}

static SDL_Rect bounds_of(SDL_Renderer *r, const gfx_hover_desc *d)
{
    if (d->bounds.w > 0 && d->bounds.h > 0) return d->bounds;
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(r, &w, &h);
    SDL_Rect out = { 0, 0, w, h };
    if (SDL_RenderIsClipEnabled(r)) {
        SDL_Rect clip, both;
        SDL_RenderGetClipRect(r, &clip);
        if (SDL_IntersectRect(&clip, &out, &both)) out = both;
    }
    return out;
}

SDL_Rect gfx_hover_box(SDL_Renderer *r, gfx_fonts *f, const gfx_hover_desc *d, double x, const gfx_hover_row *rows,
                       int n, int gx, int my)
{
    const float scale = gfx_fonts_scale(f);
    const int pad = (int)lroundf(7 * scale), gap = (int)lroundf(12 * scale), swatch = (int)lroundf(18 * scale);
    const int sig = d->sig > 0 ? d->sig : 4;
    char head[64], value[GFX_HOVER_MAX][32];
    format_x(head, sizeof head, d->x_name, x);
    int label_w = 0, value_w = 0, shown = 0, any_swatch = 0;
    for (int i = 0; i < n && i < GFX_HOVER_MAX; i++) {
        if (!isfinite(rows[i].value)) continue;
        format_row(value[i], sizeof value[i], &rows[i], sig);
        const int lw = gfx_text_width(f, GFX_FONT_BODY, rows[i].label ? rows[i].label : "");
        const int vw = gfx_text_width(f, GFX_FONT_BODY, value[i]);
        if (lw > label_w) label_w = lw;
        if (vw > value_w) value_w = vw;
        any_swatch |= rows[i].color.a != 0;
        shown++;
    }
    const int lh = gfx_text_height(f, GFX_FONT_BODY);
    int inner = (any_swatch ? swatch + pad : 0) + label_w + gap + value_w;
    const int head_w = gfx_text_width(f, GFX_FONT_BOLD, head);
    if (head_w > inner) inner = head_w;
    SDL_Rect box = { 0, 0, inner + 2 * pad, (shown + 1) * lh + 2 * pad };
    const SDL_Rect b = bounds_of(r, d);
    /* right of the guide, else left of it; then whole inside the bounds */
    box.x = gx + gap;
    if (box.x + box.w > b.x + b.w) box.x = gx - gap - box.w;
    if (box.x + box.w > b.x + b.w) box.x = b.x + b.w - box.w;
    if (box.x < b.x) box.x = b.x;
    box.y = my - box.h / 2;
    if (box.y + box.h > b.y + b.h) box.y = b.y + b.h - box.h;
    if (box.y < b.y) box.y = b.y;
    gfx_fill_rect(r, box, gfx_fade(d->style.bg, 0.94f));
    gfx_rect_outline(r, box, (int)lroundf(1.5f * scale) > 0 ? (int)lroundf(1.5f * scale) : 1, d->style.axis);
    int y = box.y + pad;
    gfx_text(f, GFX_FONT_BOLD, box.x + pad, y, d->style.text, GFX_ALIGN_LEFT, head);
    y += lh;
    for (int i = 0; i < n && i < GFX_HOVER_MAX; i++) {
        if (!isfinite(rows[i].value)) continue;
        int lx = box.x + pad;
        if (any_swatch) {
            if (rows[i].color.a) {
                const SDL_Color c = rows[i].style == GFX_LINE_FAINT ? gfx_fade(rows[i].color, 0.45f) : rows[i].color;
                const float cy = (float)y + (float)lh * 0.5f;
                const SDL_FPoint seg[2] = { { (float)lx, cy }, { (float)(lx + swatch), cy } };
                gfx_polyline(r, seg, 2, 3.0f * scale, c, rows[i].style == GFX_LINE_DASHED ? 4.0f * scale : 0.0f);
            }
            lx += swatch + pad;
        }
        gfx_text(f, GFX_FONT_BODY, lx, y, d->style.text, GFX_ALIGN_LEFT, rows[i].label ? rows[i].label : "");
        gfx_text(f, GFX_FONT_BODY, box.x + box.w - pad, y, d->style.text, GFX_ALIGN_RIGHT, value[i]);
        y += lh;
    }
    return box;
}

gfx_hover gfx_plot_hover(SDL_Renderer *r, gfx_fonts *f, SDL_Rect in, const gfx_plot_desc *d, const gfx_series *s,
                         int n, int mx, int my, const gfx_hover_desc *hd)
{
    const gfx_frame fr = gfx_plot_frame(d, s, n);
    const gfx_hover h = gfx_hover_find(in, &fr, s, n, mx, my);
    if (!h.on) return h;
    gfx_hover_guide(r, &h, in, &fr, s, n, &hd->style, gfx_fonts_scale(f));
    gfx_hover_row rows[GFX_HOVER_MAX];
    int k = 0;
    for (int i = 0; i < h.n; i++) {
        if (!s[i].name) continue;
        rows[k++] = (gfx_hover_row){ .label = s[i].name, .value = h.y[i], .color = s[i].color, .style = s[i].style };
    }
    gfx_hover_box(r, f, hd, h.x, rows, k, (int)lroundf(h.px), my);
    return h;
}
