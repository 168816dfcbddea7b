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
        if (gfx_text_width(a->fonts, GFX_FONT_SMALL, line) <= bi.w && bi.y - lh >= bars.y)
            gfx_text(a->fonts, GFX_FONT_SMALL, bi.x + bi.w, bi.y + px(a, 2), a->style.text, GFX_ALIGN_RIGHT, line);
    }
}
