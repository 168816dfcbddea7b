/* app/views/layers_draw.c - the pictures of "Inside the network" (see layers_draw.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draw/axes.h"
#include "draw/prim.h"
#include "draw/strip.h"
#include "nn/act.h"
#include "shell/app.h"
#include "shell/lens.h"
#include "views/layers_draw.h"

enum { MAXW = NN_MAX_LAYERS, MAX_PTS = 1024, BINS = 32 };

static int px(const app *a, float v) { return (int)(v * a->scale + 0.5f); }

static const SDL_Color VANISH_C = { 70, 110, 200, 255 }, EXPLODE_C = { 210, 70, 50, 255 };

SDL_Color layers_depth_colour(float t)
{
    /* input side dark-blue-purple, output side yellow: start above the darkest
     * purple so the first layer's line stays visible on the dark background */
    return pal_sequential(0.18f + 0.82f * (t < 0 ? 0 : t > 1 ? 1 : t));
}

int layers_weighted(const app *a, int *idx, int cap)
{
    int n = 0;
    for (int i = 0; i < lens_layer_count(&a->s) && n < cap; i++) {
        const nn_layer_info li = lens_layer(&a->s, i);
        if ((li.kind == NN_LAYER_DENSE || li.kind == NN_LAYER_CONV2D) && li.n_weights > 0) idx[n++] = i;
    }
    return n;
}

/* A positive value for a log axis: 0 (or less, or not finite) sits on the floor. */
static double on_log(double v, double floor_v) { return isfinite(v) && v > floor_v ? v : floor_v; }

static SDL_Rect shade(app *a, SDL_Rect in, const gfx_axis *ay, double lo, double hi, SDL_Color c)
{
    const float y0 = gfx_axis_map(ay, hi, (float)(in.y + in.h), (float)in.y);
    const float y1 = gfx_axis_map(ay, lo, (float)(in.y + in.h), (float)in.y);
    int top = isfinite(y0) ? (int)y0 : in.y, bot = isfinite(y1) ? (int)y1 : in.y + in.h;
    if (top < in.y) top = in.y;
    if (bot > in.y + in.h) bot = in.y + in.h;
    const SDL_Rect r = { in.x, top, in.w, bot - top };
    if (r.h > 0) gfx_fill_rect(a->r, r, gfx_fade(c, 0.22f));
    return r;
}

/* Name a shaded region in its corner when it is tall enough for the words. */

/* The first title that fits a plot w pixels wide (NULL: none does, no title). */
static const char *fit_title(const app *a, int w, const char *const *titles, int n)
{
    for (int i = 0; i < n; i++)
        if (gfx_text_width(a->fonts, GFX_FONT_TITLE, titles[i]) + (int)(16 * a->scale) <= w) return titles[i];
    return NULL;
}
static void name_region(app *a, SDL_Rect r, SDL_Color c, const char *text, int bottom)
{
    const int lh = gfx_text_height(a->fonts, GFX_FONT_BOLD);
    if (r.h < lh + px(a, 4) || gfx_text_width(a->fonts, GFX_FONT_BOLD, text) > r.w - px(a, 8)) return;
    const int y = bottom ? r.y + r.h - lh - px(a, 2) : r.y + px(a, 2);
    gfx_text(a->fonts, GFX_FONT_BOLD, r.x + px(a, 6), y, c, GFX_ALIGN_LEFT, text);
}

void layers_draw_grads(app *a, SDL_Rect lines, SDL_Rect bars)
{
    const session *s = &a->s;
    int idx[MAXW];
    const int nw = layers_weighted(a, idx, MAXW), n = lens_grad_count(s);
    /* The axes: every recorded norm, and both thresholds with room around them. */
    const int out = nw > 0 ? idx[nw - 1] : 0;
    const double g_out = n > 0 ? lens_grad_norm(s, n - 1, out) : 0.0;
    const double vanish = g_out > 0 ? g_out * LAYERS_VANISH_REL : 0.0;
    double lo = INFINITY, hi = 0;
    for (int k = 0; k < n; k++)
        for (int j = 0; j < nw; j++) {
            const double v = lens_grad_norm(s, k, idx[j]);
            if (isfinite(v) && v > 0) { lo = fmin(lo, v); hi = fmax(hi, v); }
        }
    if (vanish > 0) lo = fmin(lo, vanish * 0.1);
    if (!(lo < INFINITY)) lo = 1e-8;
    hi = fmax(hi, LAYERS_EXPLODE_ABS * 10);
    lo = fmax(lo * 0.5, 1e-30);
    hi = fmin(hi * 2, 1e30);
    const gfx_axis ay = { lo, hi, 1 };
    const long s0 = n > 0 ? lens_grad_step(s, 0) : 0, s1 = n > 0 ? lens_grad_step(s, n - 1) : 1;
    static const char *const line_titles[] = { "Gradient size per layer  ||\xE2\x88\x82J/\xE2\x88\x82W||",
                                               "Gradient per layer", "||\xE2\x88\x82J/\xE2\x88\x82W||" };
    const gfx_frame fr = { fit_title(a, lines.w, line_titles, 3), "updates", NULL,
                           { (double)s0, (double)(s1 > s0 ? s1 : s0 + 1), 0 }, ay, 0 };
    const SDL_Rect in = gfx_frame_draw(a->r, a->fonts, lines, &fr, &a->style);
    gfx_clip clip;
    gfx_clip_push(a->r, in, &clip);
    const SDL_Rect ex = shade(a, in, &ay, LAYERS_EXPLODE_ABS, hi, EXPLODE_C);
    const SDL_Rect va = vanish > 0 ? shade(a, in, &ay, lo, vanish, VANISH_C) : (SDL_Rect){ 0, 0, 0, 0 };
    /* One line per layer, the input's first so the output's lies on top:
     * the mean of log ||dJ/dW|| over each few pixels' updates, over a faint
     * band from their lowest to their highest. Drawing every update as a
     * thick line cost 76 ms a frame at 1280x720 for ten layers (software
     * renderer, perf: 81 % inside SDL rasterising the zig-zags); buckets of a
     * few pixels brought it to 24-25 ms, of which perf put 43 % in the round
     * joins gfx_polyline adds to lines over 2.5 px (a 45-triangle disc at
     * every vertex). Now each layer is two geometry batches: its bands as
     * quads, its line as one mitred strip (6 triangles a segment). */
    const int bucket = px(a, 3) > 2 ? px(a, 3) : 2;
    static SDL_FPoint pts[MAX_PTS];
    static SDL_FRect bands[MAX_PTS];
    for (int j = 0; j < nw && n > 0; j++) {
        const SDL_Color c = layers_depth_colour(nw > 1 ? (float)j / (float)(nw - 1) : 1.0f);
        int m = 0, cur = -1, cnt = 0, nb = 0;
        float sum = 0, lo_y = 0, hi_y = 0;
        for (int k = 0; k <= n; k++) {
            float x = 0, y = 0;
            int b = -2;
            if (k < n) {
                x = gfx_axis_map(&fr.x, (double)lens_grad_step(s, k), (float)in.x, (float)(in.x + in.w - 1));
                y = gfx_axis_map(&ay, on_log(lens_grad_norm(s, k, idx[j]), lo), (float)(in.y + in.h - 1), (float)in.y);
                if (!isfinite(x) || !isfinite(y)) continue;
                b = (int)((x - (float)in.x) / (float)bucket);
            }
            if (b != cur && cnt > 0 && m < MAX_PTS) {       /* close the bucket */
                const int bx = in.x + cur * bucket;
                if (hi_y - lo_y >= 1.0f) bands[nb++] = (SDL_FRect){ (float)bx, lo_y, (float)bucket, hi_y - lo_y + 1.0f };
                pts[m++] = (SDL_FPoint){ (float)bx + (float)bucket * 0.5f, sum / (float)cnt };
                cnt = 0;
            }
            if (k == n) break;
            if (cnt == 0) { cur = b; sum = 0; lo_y = hi_y = y; }
            sum += y;
            lo_y = fminf(lo_y, y);
            hi_y = fmaxf(hi_y, y);
            cnt++;
        }
        gfx_rects(a->r, bands, nb, gfx_fade(c, 0.3f));
        if (m == 1) gfx_disc(a->r, pts[0].x, pts[0].y, (float)px(a, 3), c);
        else if (m > 1) gfx_strip(a->r, pts, m, 2.5f * a->scale, c);
    }
    name_region(a, ex, EXPLODE_C, "exploding", 0);
    name_region(a, va, VANISH_C, "vanishing", 1);
    if (n == 0)
        gfx_text(a->fonts, GFX_FONT_BODY, in.x + in.w / 2, in.y + in.h / 2 - gfx_text_height(a->fonts, GFX_FONT_BODY),
                 a->style.text_dim, GFX_ALIGN_CENTER, "Press Play or Step (S): each update adds a point per layer");
    gfx_clip_pop(a->r, &clip);

    /* The latest update: a bar per layer on the same scale, input on the left. */
    if (bars.w <= 0 || bars.h <= 0) return;
    static const char *const bar_titles[] = { "Latest update", "Latest" };
    const gfx_frame fb = { fit_title(a, bars.w, bar_titles, 2), "input \xE2\x86\x92 output", NULL, { 0, nw > 0 ? nw : 1, 0 }, ay, 1 };
    const SDL_Rect bi = gfx_frame_draw(a->r, a->fonts, bars, &fb, &a->style);
    gfx_clip_push(a->r, bi, &clip);
    const SDL_Rect ex2 = shade(a, bi, &ay, LAYERS_EXPLODE_ABS, hi, EXPLODE_C);
    const SDL_Rect va2 = vanish > 0 ? shade(a, bi, &ay, lo, vanish, VANISH_C) : (SDL_Rect){ 0, 0, 0, 0 };
    (void)ex2; (void)va2;
    const float slot = nw > 0 ? (float)bi.w / (float)nw : (float)bi.w;
    for (int j = 0; j < nw && n > 0; j++) {
        const double v = lens_grad_norm(s, n - 1, idx[j]);
        const float y = gfx_axis_map(&ay, on_log(v, lo), (float)(bi.y + bi.h), (float)bi.y);
        if (!isfinite(y)) continue;
        const int x0 = bi.x + (int)(j * slot + slot * 0.12f), w = (int)(slot * 0.76f) > 1 ? (int)(slot * 0.76f) : 1;
        gfx_fill_rect(a->r, (SDL_Rect){ x0, (int)y, w, bi.y + bi.h - (int)y },
                      layers_depth_colour(nw > 1 ? (float)j / (float)(nw - 1) : 1.0f));
    }
    gfx_clip_pop(a->r, &clip);
    /* Numbers for the input and output layers: the ratio a glance should read. */
    if (n > 0 && nw > 1) {
        char b0[24], b1[24], line[96];
        gfx_format_value(b0, sizeof b0, lens_grad_norm(s, n - 1, idx[0]), 2);
        gfx_format_value(b1, sizeof b1, lens_grad_norm(s, n - 1, idx[nw - 1]), 2);
        snprintf(line, sizeof line, "first %s \xC2\xB7 last %s", b0, b1);
        const int lh = gfx_text_height(a->fonts, GFX_FONT_SMALL);
        if (gfx_text_width(a->fonts, GFX_FONT_SMALL, line) <= bars.w && bi.y - lh >= bars.y)
            gfx_text(a->fonts, GFX_FONT_SMALL, bi.x + bi.w, bi.y + px(a, 2), a->style.text, GFX_ALIGN_RIGHT, line);
    }
}

/* ---- small multiples ---------------------------------------------------------------------- */

/* Bars of counts[nb] over [blo, bhi] drawn into the cell's x range [xlo, xhi]. */
static void bars_in(app *a, SDL_Rect in, float xlo, float xhi, const int *counts, int nb, float blo, float bhi,
                    SDL_Color c)
{
    int top = 0;
    for (int b = 0; b < nb; b++) if (counts[b] > top) top = counts[b];
    if (top == 0 || !(xhi > xlo) || !(bhi >= blo)) return;
    const float bw = nb > 0 ? (bhi - blo) / (float)nb : 0;
    for (int b = 0; b < nb; b++) {
        if (!counts[b]) continue;
        float x0 = (blo + b * bw - xlo) / (xhi - xlo), x1 = (blo + (b + 1) * bw - xlo) / (xhi - xlo);
        if (bw <= 0) { x0 = (blo - xlo) / (xhi - xlo) - 0.01f; x1 = x0 + 0.02f; }
        if (x1 < 0 || x0 > 1) continue;
        const int X0 = in.x + (int)(fmaxf(x0, 0) * in.w), X1 = in.x + (int)(fminf(x1, 1) * in.w);
        const int h = (int)((float)counts[b] / (float)top * (float)(in.h - 1));
        gfx_fill_rect(a->r, (SDL_Rect){ X0, in.y + in.h - h, X1 - X0 > 1 ? X1 - X0 : 1, h > 1 ? h : 1 }, c);
    }
}

static void vshade(app *a, SDL_Rect in, float xlo, float xhi, float v0, float v1, SDL_Color c)
{
    const float t0 = (v0 - xlo) / (xhi - xlo), t1 = (v1 - xlo) / (xhi - xlo);
    const int X0 = in.x + (int)(fmaxf(0, fminf(1, t0)) * in.w), X1 = in.x + (int)(fmaxf(0, fminf(1, t1)) * in.w);
    if (X1 > X0) gfx_fill_rect(a->r, (SDL_Rect){ X0, in.y, X1 - X0, in.h }, gfx_fade(c, 0.25f));
}

/* The activation layer that follows weighted layer i (skipping a batch norm), or -1. */
static int act_after(const app *a, int i)
{
    for (int k = i + 1; k < lens_layer_count(&a->s) && k <= i + 2; k++)
        if (lens_layer(&a->s, k).kind == NN_LAYER_ACT) return k;
    return -1;
}
static int bn_after(const app *a, int i)
{
    return i + 1 < lens_layer_count(&a->s) && lens_layer(&a->s, i + 1).kind == NN_LAYER_BATCHNORM ? i + 1 : -1;
}

/* One cell: title line, then the picture. Returns the picture's rectangle. */
static SDL_Rect cell_frame(app *a, SDL_Rect r, const char *title, SDL_Color c)
{
    gfx_fill_rect(a->r, r, a->style.bg);
    gfx_rect_outline(a->r, r, 1, a->style.grid);
    const int lh = gfx_text_height(a->fonts, GFX_FONT_SMALL);
    gfx_clip clip;
    gfx_clip_push(a->r, r, &clip);
    gfx_text(a->fonts, GFX_FONT_SMALL, r.x + px(a, 4), r.y + px(a, 1), c, GFX_ALIGN_LEFT, title);
    gfx_clip_pop(a->r, &clip);
    return (SDL_Rect){ r.x + px(a, 3), r.y + lh + px(a, 2), r.w - px(a, 6), r.h - lh - px(a, 5) };
}

static void cell_hist(app *a, SDL_Rect r, int j, int nw, int layer, int kind)
{
    const session *s = &a->s;
    int ns;
    const nn_layer_stats *st = lens_layer_stats(s, &ns);
    const SDL_Color c = layers_depth_colour(nw > 1 ? (float)j / (float)(nw - 1) : 1.0f);
    char title[96], v[24];
    int bins[BINS];
    SDL_Rect in;
    if (kind == LH_ACT || kind == LH_PRE) {
        const int L = kind == LH_ACT ? act_after(a, layer) : layer;
        const int act = L >= 0 ? lens_layer_act(s, L) : -1;
        if (L < 0 || !st || L >= ns) {
            snprintf(title, sizeof title, "L%d %s", j + 1, L < 0 ? "output" : "");
            cell_frame(a, r, title, c);
            return;
        }
        const nn_layer_stats *x = &st[L];
        float xlo = x->hist_lo, xhi = x->hist_hi, sat_lo = 0, sat_hi = 0;
        if (kind == LH_ACT && act == NN_ACT_SIGMOID) { xlo = 0; xhi = 1; sat_lo = LAYERS_SAT_SIGMOID; sat_hi = 1 - LAYERS_SAT_SIGMOID; }
        if (kind == LH_ACT && act == NN_ACT_TANH) { xlo = -1; xhi = 1; sat_lo = -LAYERS_SAT_TANH; sat_hi = LAYERS_SAT_TANH; }
        if (!(xhi > xlo)) { xlo -= 0.5f; xhi += 0.5f; }
        /* the saturated share: bins whose centre lies in the flat ends */
        long all = 0, sat = 0;
        for (int b = 0; b < NN_HIST_BINS; b++) {
            const float cx = x->hist_lo + (b + 0.5f) * (x->hist_hi - x->hist_lo) / NN_HIST_BINS;
            all += x->hist[b];
            if (sat_hi > sat_lo && (cx < sat_lo || cx > sat_hi)) sat += x->hist[b];
        }
        gfx_format_value(v, sizeof v, x->act_std, 2);
        if (sat_hi > sat_lo && all > 0)
            snprintf(title, sizeof title, "L%d  std %s  %d%% flat", j + 1, v, (int)(100.0 * sat / all + 0.5));
        else
            snprintf(title, sizeof title, "L%d  std %s", j + 1, v);
        in = cell_frame(a, r, title, c);
        if (sat_hi > sat_lo) {
            vshade(a, in, xlo, xhi, xlo, sat_lo, EXPLODE_C);
            vshade(a, in, xlo, xhi, sat_hi, xhi, EXPLODE_C);
        }
        bars_in(a, in, xlo, xhi, x->hist, NN_HIST_BINS, x->hist_lo, x->hist_hi, c);
        return;
    }
    const nn_layer_info li = lens_layer(s, layer);
    if (kind == LH_WEIGHTS) {
        const double sd = lens_init_std(s, layer);
        float R = lens_weight_absmax(s, layer);
        if (sd > 0 && R < 3.5f * (float)sd) R = 3.5f * (float)sd;
        if (!(R > 0)) R = 1;
        const int n = lens_weight_histogram(s, layer, -R, R, bins, BINS);
        char rr[24];
        gfx_format_value(v, sizeof v, sd, 2);
        gfx_format_value(rr, sizeof rr, R, 2);
        snprintf(title, sizeof title, "L%d  \xC2\xB1%s  init \xCF\x83 %s", j + 1, rr, v);
        in = cell_frame(a, r, title, c);
        bars_in(a, in, -R, R, bins, BINS, -R, R, c);
        /* the initialiser's intended spread: N(0, sd) scaled to the tallest bar */
        if (sd > 0 && n > 0) {
            int top = 0;
            for (int b = 0; b < BINS; b++) if (bins[b] > top) top = bins[b];
            const double peak = n * (2.0 * R / BINS) / (sd * 2.5066282746310002);
            SDL_FPoint pts[65];
            for (int k = 0; k <= 64; k++) {
                const double w = -R + 2.0 * R * k / 64, d = peak * exp(-0.5 * w * w / (sd * sd));
                pts[k] = (SDL_FPoint){ in.x + (float)k / 64 * in.w,
                                       in.y + in.h - (float)fmin(1.0, d / (top > 0 ? top : 1)) * (in.h - 1) };
            }
            gfx_polyline(a->r, pts, 65, (float)px(a, 1.5f), a->style.text, 0);
        }
        return;
    }
    /* gradients: +-4 RMS of the layer's gradient */
    const double g = st && layer < ns ? st[layer].grad_norm : 0.0;
    const float R = li.n_weights > 0 ? (float)(4.0 * g / sqrt((double)li.n_weights)) : 0.0f;
    gfx_format_value(v, sizeof v, g, 2);
    snprintf(title, sizeof title, "L%d  ||g|| %s", j + 1, v);
    in = cell_frame(a, r, title, c);
    if (R > 0 && isfinite(R) && lens_grad_histogram(s, layer, -R, R, bins, BINS) > 0)
        bars_in(a, in, -R, R, bins, BINS, -R, R, c);
    else
        gfx_text(a->fonts, GFX_FONT_SMALL, in.x + in.w / 2, in.y + in.h / 2 - px(a, 6), a->style.text_dim,
                 GFX_ALIGN_CENTER, "all zero");
}

/* Batch norm layer: per feature, the batch mean (dot) and the running mean
 * (ring), then the variances the same way; gamma and beta in the title. */
static void cell_bn(app *a, SDL_Rect r, int j, int nw, int layer)
{
    const float *bm, *bv, *rm, *rv, *ga, *be;
    const int n = lens_batchnorm(&a->s, layer, &bm, &bv, &rm, &rv, &ga, &be);
    const SDL_Color c = layers_depth_colour(nw > 1 ? (float)j / (float)(nw - 1) : 1.0f);
    char title[120], g1[16], b1[16];
    double sg = 0, sb = 0;
    for (int k = 0; k < n; k++) { sg += ga[k]; sb += be[k]; }
    gfx_format_value(g1, sizeof g1, n ? sg / n : 0, 2);
    gfx_format_value(b1, sizeof b1, n ? sb / n : 0, 2);
    snprintf(title, sizeof title, "L%d  \xCE\xB3 %s  \xCE\xB2 %s", j + 1, g1, b1);
    const SDL_Rect in = cell_frame(a, r, title, c);
    if (n <= 0) return;
    /* two panels: means (left), variances (right); each feature a column */
    const SDL_Rect pm = { in.x, in.y, in.w / 2 - px(a, 2), in.h }, pv = { in.x + in.w / 2 + px(a, 2), in.y, in.w / 2 - px(a, 2), in.h };
    double mlo = 0, mhi = 0, vhi = 0;
    for (int k = 0; k < n; k++) {
        if (isfinite(bm[k])) { mlo = fmin(mlo, bm[k]); mhi = fmax(mhi, bm[k]); }
        if (isfinite(rm[k])) { mlo = fmin(mlo, rm[k]); mhi = fmax(mhi, rm[k]); }
        if (isfinite(bv[k])) vhi = fmax(vhi, bv[k]);
        if (isfinite(rv[k])) vhi = fmax(vhi, rv[k]);
    }
    if (!(mhi > mlo)) { mlo -= 1; mhi += 1; }
    if (!(vhi > 0)) vhi = 1;
    const float rad = (float)px(a, 2.5f);
    gfx_line(a->r, (float)pm.x, pm.y + pm.h * (float)(mhi / (mhi - mlo)), (float)(pm.x + pm.w),
             pm.y + pm.h * (float)(mhi / (mhi - mlo)), 1, a->style.grid);
    for (int k = 0; k < n; k++) {
        const float x = pm.x + (k + 0.5f) * pm.w / n, xv = pv.x + (k + 0.5f) * pv.w / n;
        if (isfinite(rm[k])) gfx_ring(a->r, x, pm.y + pm.h * (float)((mhi - rm[k]) / (mhi - mlo)), rad + 1, 1.5f, a->style.text);
        if (isfinite(bm[k])) gfx_disc(a->r, x, pm.y + pm.h * (float)((mhi - bm[k]) / (mhi - mlo)), rad, c);
        if (isfinite(rv[k])) gfx_ring(a->r, xv, pv.y + pv.h * (float)(1 - rv[k] / vhi), rad + 1, 1.5f, a->style.text);
        if (isfinite(bv[k])) gfx_disc(a->r, xv, pv.y + pv.h * (float)(1 - bv[k] / vhi), rad, c);
    }
    gfx_text(a->fonts, GFX_FONT_SMALL, pm.x, pm.y + pm.h - gfx_text_height(a->fonts, GFX_FONT_SMALL), a->style.text_dim,
             GFX_ALIGN_LEFT, "mean");
    gfx_text(a->fonts, GFX_FONT_SMALL, pv.x, pv.y + pv.h - gfx_text_height(a->fonts, GFX_FONT_SMALL), a->style.text_dim,
             GFX_ALIGN_LEFT, "var");
}

void layers_draw_hists(app *a, SDL_Rect r, int kind)
{
    int idx[MAXW], cells[MAXW];
    const int nw = layers_weighted(a, idx, MAXW);
    int n = 0;
    for (int j = 0; j < nw; j++) {
        if (kind == LH_BATCHNORM) { if (bn_after(a, idx[j]) >= 0) cells[n++] = j; }
        else cells[n++] = j;
    }
    if (n == 0) {
        gfx_text(a->fonts, GFX_FONT_BODY, r.x + r.w / 2, r.y + r.h / 3, a->style.text_dim, GFX_ALIGN_CENTER,
                 kind == LH_BATCHNORM ? "Batch norm is off: switch it on to see its statistics" : "No layers with weights");
        return;
    }
    /* The grid: as square as the area allows, cells at least ~90x54 unscaled. */
    int cols = 1;
    while (cols < n) {
        const int rows = (n + cols - 1) / cols;
        const float cw = (float)r.w / cols, ch = (float)r.h / rows;
        if (cw / ch < 1.9f || cw < px(a, 180)) break;
        cols++;
    }
    for (;;) {
        const int rows = (n + cols - 1) / cols;
        if ((float)r.h / rows >= px(a, 54) || (float)r.w / (cols + 1) < px(a, 90)) break;
        cols++;
    }
    const int rows = (n + cols - 1) / cols, gap = px(a, 4);
    const int cw = (r.w - (cols - 1) * gap) / cols, ch = (r.h - (rows - 1) * gap) / rows;
    for (int k = 0; k < n; k++) {
        const int j = cells[k];
        const SDL_Rect c = { r.x + (k % cols) * (cw + gap), r.y + (k / cols) * (ch + gap), cw, ch };
        if (kind == LH_BATCHNORM) cell_bn(a, c, j, nw, bn_after(a, idx[j]));
        else cell_hist(a, c, j, nw, idx[j], kind);
    }
}
