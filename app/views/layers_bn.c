/* app/views/layers_bn.c - the Batch norm tab of "Inside the network": a row
 * per normalised layer (see layers_draw.h).
 *
 *   legend:  [bar] last training batch   [tick] running average (used at evaluation)   [bar] gamma  [bar] beta
 *   L3  | mean per neuron | variance per neuron | gamma, beta per neuron | before: z | after: gamma x^ + beta |
 *
 * Each neuron is a column in the three bar panels: a bar from 0 for the last
 * batch's mean (variance), a tick across the column for the running one;
 * gamma and beta side by side. The zero line and the top and bottom values
 * are labelled in a gutter. The histograms are the layer's values before
 * normalisation (the dense layer's output z) and after (the batch-norm
 * layer's output), each over its own range, labelled under it.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draw/axes.h"
#include "draw/prim.h"
#include "draw/strip.h"
#include "shell/lens.h"
#include "views/layers_cells.h"
#include "views/layers_draw.h"

enum { ROW_MIN_H = 104, MAX_ROWS = 64, MAX_N = 1024 };

const SDL_Color LAYERS_BATCH_C = { 240, 140, 40, 255 }, LAYERS_RUNNING_C = { 60, 170, 250, 255 },
                LAYERS_GAMMA_C = { 80, 200, 150, 255 }, LAYERS_BETA_C = { 190, 120, 240, 255 };

static struct { int n, layer[MAX_ROWS]; SDL_Rect mean[MAX_ROWS], var[MAX_ROWS]; } drawn;

int layers_bn_drawn(int *layer, SDL_Rect *mean, SDL_Rect *var, int cap)
{
    for (int k = 0; k < drawn.n && k < cap; k++) {
        if (layer) layer[k] = drawn.layer[k];
        if (mean) mean[k] = drawn.mean[k];
        if (var) var[k] = drawn.var[k];
    }
    return drawn.n;
}

static int legend_h(const app *a) { return gfx_text_height(a->fonts, GFX_FONT_BODY) + lc_px(a, 6); }

int layers_bn_rows_fit(const app *a, SDL_Rect r)
{
    const int k = (r.h - legend_h(a)) / lc_px(a, ROW_MIN_H);
    return k > 1 ? k : 1;
}

/* One swatch and its words; returns the x after them. */
static int key_item(app *a, int x, int y, int kind, SDL_Color c, const char *text)
{
    const int lh = gfx_text_height(a->fonts, GFX_FONT_BODY), s = lc_px(a, 12);
    if (kind == 0) gfx_fill_rect(a->r, (SDL_Rect){ x, y + lh / 2 - s / 2, s * 2 / 3, s }, c);
    else gfx_fill_rect(a->r, (SDL_Rect){ x - s / 4, y + lh / 2 - lc_px(a, 1.5f), s + s / 4, lc_px(a, 3) }, c);
    x += s + lc_px(a, 5);
    x += gfx_text(a->fonts, GFX_FONT_BODY, x, y, a->style.text, GFX_ALIGN_LEFT, text);
    return x + lc_px(a, 18);
}

static void legend(app *a, SDL_Rect r)
{
    static const char *const long_w[4] = { "last training batch", "running average (used at evaluation)",
                                           "\xCE\xB3 scale", "\xCE\xB2 shift" };
    static const char *const short_w[4] = { "batch", "running (evaluation)", "\xCE\xB3", "\xCE\xB2" };
    int need = 0;
    for (int i = 0; i < 4; i++) need += gfx_text_width(a->fonts, GFX_FONT_BODY, long_w[i]) + lc_px(a, 35);
    const char *const *w = need <= r.w ? long_w : short_w;
    gfx_clip clip;
    gfx_clip_push(a->r, (SDL_Rect){ r.x, r.y, r.w, legend_h(a) }, &clip);
    int x = r.x + lc_px(a, 6);
    const int y = r.y + lc_px(a, 2);
    x = key_item(a, x, y, 0, LAYERS_BATCH_C, w[0]);
    x = key_item(a, x, y, 1, LAYERS_RUNNING_C, w[1]);
    x = key_item(a, x, y, 0, LAYERS_GAMMA_C, w[2]);
    key_item(a, x, y, 0, LAYERS_BETA_C, w[3]);
    gfx_clip_pop(a->r, &clip);
}

/* A value's y in panel p over [lo, hi]. */
static float y_of(SDL_Rect p, double v, double lo, double hi)
{
    return (float)p.y + (float)p.h * (float)((hi - v) / (hi - lo));
}

/* A bar panel's frame: title above, values labelled in a gutter on the left,
 * the zero line (and `ref` when not NaN); returns the data rectangle. */
static SDL_Rect bar_frame(app *a, SDL_Rect r, const char *title, double lo, double hi, double ref)
{
    const int lh = gfx_text_height(a->fonts, GFX_FONT_SMALL);
    gfx_clip clip;
    gfx_clip_push(a->r, r, &clip);
    char head[64];   /* "mean per neuron", or "mean" where that does not fit */
    snprintf(head, sizeof head, "%s", title);
    char *per = strstr(head, " per neuron");
    if (per && gfx_text_width(a->fonts, GFX_FONT_SMALL, head) > r.w) *per = '\0';
    gfx_text(a->fonts, GFX_FONT_SMALL, r.x + r.w / 2, r.y, a->style.text, GFX_ALIGN_CENTER, head);
    char top[24], bot[24];
    gfx_format_value(top, sizeof top, hi, 2);
    gfx_format_value(bot, sizeof bot, lo, 2);
    const int gw = SDL_max(gfx_text_width(a->fonts, GFX_FONT_SMALL, top), gfx_text_width(a->fonts, GFX_FONT_SMALL, bot)) +
                   lc_px(a, 4);
    const SDL_Rect p = { r.x + gw, r.y + lh + lc_px(a, 3), r.w - gw, r.h - lh - lc_px(a, 3) - lh / 2 };
    gfx_fill_rect(a->r, p, a->style.bg);
    gfx_text(a->fonts, GFX_FONT_SMALL, p.x - lc_px(a, 3), p.y - lh / 2, a->style.text_dim, GFX_ALIGN_RIGHT, top);
    gfx_text(a->fonts, GFX_FONT_SMALL, p.x - lc_px(a, 3), p.y + p.h - lh / 2, a->style.text_dim, GFX_ALIGN_RIGHT, bot);
    const float z = y_of(p, 0.0, lo, hi);
    gfx_fill_rect(a->r, (SDL_Rect){ p.x, (int)z, p.w, 1 }, a->style.axis);
    if (lo < 0 && hi > 0 && z - p.y > lh && p.y + p.h - z > lh)
        gfx_text(a->fonts, GFX_FONT_SMALL, p.x - lc_px(a, 3), (int)z - lh / 2, a->style.text_dim, GFX_ALIGN_RIGHT, "0");
    if (!isnan(ref)) {
        const float yr = y_of(p, ref, lo, hi);
        gfx_fill_rect(a->r, (SDL_Rect){ p.x, (int)yr, p.w, 1 }, a->style.grid);
        if (yr - p.y > lh && p.y + p.h - yr > lh)
            gfx_text(a->fonts, GFX_FONT_SMALL, p.x - lc_px(a, 3), (int)yr - lh / 2, a->style.text_dim, GFX_ALIGN_RIGHT, "1");
    }
    gfx_clip_pop(a->r, &clip);
    return p;
}

/* The range of a[0..n) and b[0..n) with 0 (and `with`) in it, padded a little. */
static void range_of(const float *x, const float *y, int n, double with, double *lo, double *hi)
{
    double l = fmin(0.0, with), h = fmax(0.0, with);
    for (int k = 0; k < n; k++) {
        if (isfinite(x[k])) { l = fmin(l, x[k]); h = fmax(h, x[k]); }
        if (isfinite(y[k])) { l = fmin(l, y[k]); h = fmax(h, y[k]); }
    }
    if (!(h > l)) h = l + 1.0;
    const double pad = 0.08 * (h - l);
    *lo = l < 0 ? l - pad : l;
    *hi = h + pad;
}

/* Bars from 0 for v (at least 2 px, so a zero still shows its column), in
 * column k of n, at fraction [f0, f1) of the column's width. */
static void bar_set(app *a, SDL_Rect p, const float *v, int n, double lo, double hi, float f0, float f1, SDL_Color c)
{
    static SDL_FRect q[MAX_N];
    int m = 0;
    const float cw = (float)p.w / (float)n, z = y_of(p, 0.0, lo, hi), min_h = (float)lc_px(a, 2);
    for (int k = 0; k < n && m < MAX_N; k++) {
        if (!isfinite(v[k])) continue;
        float y = y_of(p, v[k], lo, hi), top = fminf(y, z), h = fabsf(y - z);
        if (h < min_h) { h = min_h; top = v[k] < 0 ? z : z - min_h; }
        const float x0 = floorf(p.x + cw * (k + f0)), x1 = floorf(p.x + cw * (k + f1));
        q[m++] = (SDL_FRect){ x0, top, fmaxf(1.0f, x1 - x0), h };
    }
    gfx_rects(a->r, q, m, c);
}

/* Ticks across each column at v: the running statistics. */
static void tick_set(app *a, SDL_Rect p, const float *v, int n, double lo, double hi, SDL_Color c)
{
    static SDL_FRect q[MAX_N];
    int m = 0;
    const float cw = (float)p.w / (float)n, t = (float)lc_px(a, 3);
    for (int k = 0; k < n && m < MAX_N; k++) {
        if (!isfinite(v[k])) continue;
        const float x0 = floorf(p.x + cw * (k + 0.04f)), x1 = floorf(p.x + cw * (k + 0.96f));
        q[m++] = (SDL_FRect){ x0, y_of(p, v[k], lo, hi) - t / 2, fmaxf(1.0f, x1 - x0), t };
    }
    gfx_rects(a->r, q, m, c);
}

/* A histogram panel: title, bars, the range under it. */
static void hist_panel(app *a, SDL_Rect r, const char *title, const nn_layer_stats *x, SDL_Color c)
{
    const int lh = gfx_text_height(a->fonts, GFX_FONT_SMALL);
    gfx_clip clip;
    gfx_clip_push(a->r, r, &clip);
    gfx_text(a->fonts, GFX_FONT_SMALL, r.x + r.w / 2, r.y, a->style.text, GFX_ALIGN_CENTER, title);
    const SDL_Rect p = { r.x, r.y + lh + lc_px(a, 3), r.w, r.h - 2 * lh - lc_px(a, 5) };
    gfx_fill_rect(a->r, p, a->style.bg);
    gfx_fill_rect(a->r, (SDL_Rect){ p.x, p.y + p.h, p.w, 1 }, a->style.axis);
    if (x) {
        float lo = x->hist_lo, hi = x->hist_hi;
        if (!(hi > lo)) { lo -= 0.5f; hi += 0.5f; }
        lc_bars(a, p, lo, hi, x->hist, NN_HIST_BINS, x->hist_lo, x->hist_hi, c);
        char l[24], h[24];
        gfx_format_value(l, sizeof l, lo, 2);
        gfx_format_value(h, sizeof h, hi, 2);
        gfx_text(a->fonts, GFX_FONT_SMALL, p.x, p.y + p.h + lc_px(a, 1), a->style.text_dim, GFX_ALIGN_LEFT, l);
        gfx_text(a->fonts, GFX_FONT_SMALL, p.x + p.w, p.y + p.h + lc_px(a, 1), a->style.text_dim, GFX_ALIGN_RIGHT, h);
    }
    gfx_clip_pop(a->r, &clip);
}

static void row(app *a, SDL_Rect r, int dense, int j, int nw)
{
    const int bn = lc_bn_after(a, dense);
    const float *bm, *bv, *rm, *rv, *ga, *be;
    const int n = bn >= 0 ? lens_batchnorm(&a->s, bn, &bm, &bv, &rm, &rv, &ga, &be) : 0;
    const SDL_Color c = layers_depth_colour(nw > 1 ? (float)j / (float)(nw - 1) : 1.0f);
    gfx_fill_rect(a->r, r, gfx_fade(a->style.grid, 0.35f));
    gfx_rect_outline(a->r, r, 1, a->style.grid);
    /* the layer's name in its depth colour */
    char name[16], sub[24];
    snprintf(name, sizeof name, "L%d", j + 1);
    snprintf(sub, sizeof sub, "%d n.", n);
    const int lw = SDL_max(gfx_text_width(a->fonts, GFX_FONT_BOLD, "L00"), gfx_text_width(a->fonts, GFX_FONT_SMALL, "000 n.")) +
                   lc_px(a, 10);
    gfx_text(a->fonts, GFX_FONT_BOLD, r.x + lc_px(a, 5), r.y + lc_px(a, 4), c, GFX_ALIGN_LEFT, name);
    gfx_text(a->fonts, GFX_FONT_SMALL, r.x + lc_px(a, 5), r.y + lc_px(a, 6) + gfx_text_height(a->fonts, GFX_FONT_BOLD),
             a->style.text_dim, GFX_ALIGN_LEFT, sub);
    if (n <= 0 || n > MAX_N) return;
    /* five panels: mean, variance, gamma beta (wider gutters), before, after */
    const int gap = lc_px(a, 10), x0 = r.x + lw, W = r.w - lw - lc_px(a, 4) - 4 * gap;
    const SDL_Rect in = { x0, r.y + lc_px(a, 4), W, r.h - lc_px(a, 8) };
    SDL_Rect pan[5];
    for (int k = 0, x = x0; k < 5; k++) {
        const int w = W / 5;
        pan[k] = (SDL_Rect){ x, in.y, w, in.h };
        x += w + gap;
    }
    double lo, hi;
    range_of(bm, rm, n, 0.0, &lo, &hi);
    const SDL_Rect pm = bar_frame(a, pan[0], "mean per neuron", lo, hi, NAN);
    tick_set(a, pm, rm, n, lo, hi, LAYERS_RUNNING_C);   /* under the bar: its ends show when they meet */
    bar_set(a, pm, bm, n, lo, hi, 0.25f, 0.75f, LAYERS_BATCH_C);
    range_of(bv, rv, n, 0.0, &lo, &hi);
    const SDL_Rect pv = bar_frame(a, pan[1], "variance per neuron", lo, hi, NAN);
    tick_set(a, pv, rv, n, lo, hi, LAYERS_RUNNING_C);   /* under the bar: its ends show when they meet */
    bar_set(a, pv, bv, n, lo, hi, 0.25f, 0.75f, LAYERS_BATCH_C);
    range_of(ga, be, n, 1.0, &lo, &hi);
    const SDL_Rect pg = bar_frame(a, pan[2], "\xCE\xB3 and \xCE\xB2 per neuron", lo, hi, 1.0);
    bar_set(a, pg, ga, n, lo, hi, 0.1f, 0.5f, LAYERS_GAMMA_C);
    bar_set(a, pg, be, n, lo, hi, 0.5f, 0.9f, LAYERS_BETA_C);
    int ns;
    const nn_layer_stats *st = lens_layer_stats(&a->s, &ns);
    char t[80], m1[24], s1[24];
    if (st && dense < ns) {
        gfx_format_value(m1, sizeof m1, st[dense].act_mean, 2);
        gfx_format_value(s1, sizeof s1, st[dense].act_std, 2);
        snprintf(t, sizeof t, "before: z  mean %s sd %s", m1, s1);
        if (gfx_text_width(a->fonts, GFX_FONT_SMALL, t) > pan[3].w) snprintf(t, sizeof t, "before (z)");
    } else snprintf(t, sizeof t, "before (z)");
    hist_panel(a, pan[3], t, st && dense < ns ? &st[dense] : NULL, c);
    if (st && bn < ns) {
        gfx_format_value(m1, sizeof m1, st[bn].act_mean, 2);
        gfx_format_value(s1, sizeof s1, st[bn].act_std, 2);
        snprintf(t, sizeof t, "after: mean %s sd %s", m1, s1);
        if (gfx_text_width(a->fonts, GFX_FONT_SMALL, t) > pan[4].w) snprintf(t, sizeof t, "after");
    } else snprintf(t, sizeof t, "after");
    hist_panel(a, pan[4], t, st && bn < ns ? &st[bn] : NULL, c);
    if (drawn.n < MAX_ROWS) {
        drawn.layer[drawn.n] = bn;
        drawn.mean[drawn.n] = pm;
        drawn.var[drawn.n] = pv;
        drawn.n++;
    }
}

void layers_bn_page(app *a, SDL_Rect r, const int *dense, const int *pos, int count, int nw)
{
    drawn.n = 0;
    legend(a, r);
    const int top = r.y + legend_h(a), gap = lc_px(a, 4);
    if (count <= 0) return;
    const int h = (r.y + r.h - top - (count - 1) * gap) / count;
    for (int k = 0; k < count; k++) row(a, (SDL_Rect){ r.x, top + k * (h + gap), r.w, h }, dense[k], pos[k], nw);
}
