/* app/draw/axes.c - nice ticks, axis mapping, the plot frame. */
#include "draw/axes.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draw/prim.h"

double gfx_nice_step(double range, int max_ticks)
{
    if (!(range > 0.0) || !isfinite(range)) return 1.0;
    if (max_ticks < 2) max_ticks = 2;
    double raw = range / (double)(max_ticks - 1);
    double mag = pow(10.0, floor(log10(raw)));
    double f = raw / mag;
    /* the smallest of 1, 2, 5, 10 that is >= the raw step keeps the count <= max */
    double nice = f <= 1.0 ? 1.0 : f <= 2.0 ? 2.0 : f <= 5.0 ? 5.0 : 10.0;
    return nice * mag;
}

/* Multiples of the nice step inside [lo, hi]. */
static int linear_ticks(double lo, double hi, int max_ticks, double *out, int cap)
{
    int n = 0;
    double step = gfx_nice_step(hi - lo, max_ticks);
    double first = ceil(lo / step - 1e-9) * step;
    for (double v = first; v <= hi + step * 1e-9 && n < cap; v = first + step * n) {
        out[n++] = fabs(v) < step * 1e-9 ? 0.0 : v;   /* print 0, not -1.2e-17 */
    }
    return n;
}

/* Powers of ten inside [lo, hi] (lo > 0), with their 2 and 5 multiples
 * when the range spans under two decades and they fit the budget. The
 * decades counted and stepped over are those inside the range: 0.089 .. 1.15
 * with room for two labels gets 0.1 and 1. */
static int log_ticks(double lo, double hi, int max_ticks, double *out, int cap)
{
    int n = 0;
    const double l0 = log10(lo), l1 = log10(hi);
    const double e0 = ceil(l0 - 1e-9), e1 = floor(l1 + 1e-9);   /* the decades inside */
    const double d0 = floor(l0), d1 = ceil(l1);                  /* and around: for 2s and 5s */
    int few = l1 - l0 < 2.0;   /* under two decades: add 2s and 5s ... */
    if (few) {   /* ... where they fit the budget (a short plot: the decades alone, if two show) */
        int all = 0, decades = 0;
        for (double d = d0; d <= d1; d += 1.0)
            for (int m = 0; m < 3; m++) {
                const double v = (m == 0 ? 1.0 : m == 1 ? 2.0 : 5.0) * pow(10.0, d);
                if (v >= lo * (1.0 - 1e-9) && v <= hi * (1.0 + 1e-9)) { all++; decades += m == 0; }
            }
        if (all > max_ticks && decades >= 2) few = 0;
        else if (all > max_ticks) few = 2;          /* one decade: 1s and 5s only */
    }
    int every = e1 >= e0 ? (int)ceil((e1 - e0 + 1.0) / (double)(max_ticks > 1 ? max_ticks : 2)) : 1;
    if (every < 1) every = 1;
    for (double d = d0; d <= d1 && n < cap; d += 1.0) {
        static const double MULT[3] = { 1.0, 2.0, 5.0 };
        for (int m = 0; m < (few ? 3 : 1) && n < cap; m++) {
            double v = MULT[m] * pow(10.0, d);
            if (m == 0 && fmod(d - e0, (double)every) != 0.0) continue;
            if (m == 1 && few == 2) continue;
            if (v >= lo * (1.0 - 1e-9) && v <= hi * (1.0 + 1e-9)) out[n++] = v;
        }
    }
    return n;
}

int gfx_axis_ticks(const gfx_axis *a, int max_ticks, double *out, int cap)
{
    if (!(a->hi > a->lo) || !isfinite(a->lo) || !isfinite(a->hi)) return 0;
    if (!a->log) return linear_ticks(a->lo, a->hi, max_ticks, out, cap);
    if (!(a->lo > 0.0)) return 0;
    const int n = log_ticks(a->lo, a->hi, max_ticks, out, cap);
    if (n >= 2) return n;
    /* A range too narrow for two of 1, 2 and 5 x 10^k (a loss between 0.6
     * and 0.9, or the first epoch's 2.30 and 2.31) would show one label or
     * none: there, evenly spaced values, as on a linear axis. */
    double lin[GFX_MAX_TICKS];
    const int lcap = cap < GFX_MAX_TICKS ? cap : GFX_MAX_TICKS;
    int m = 0;
    for (int budget = max_ticks > 2 ? max_ticks : 2; m < 2 && budget <= 2 * max_ticks + 2; budget++)
        m = linear_ticks(a->lo, a->hi, budget, lin, lcap);   /* a finer step until two show */
    if (m <= n) return n;
    memcpy(out, lin, (size_t)m * sizeof *out);
    return m;
}

void gfx_format_tick(char *buf, size_t n, double v, double step, int log)
{
    if (log || fabs(v) >= 1e6 || (v != 0.0 && fabs(v) < 1e-4)) {
        snprintf(buf, n, "%g", v);
        return;
    }
    int dec = step > 0.0 ? (int)ceil(-log10(step) - 1e-9) : 0;
    if (dec < 0) dec = 0;
    if (dec > 6) dec = 6;
    snprintf(buf, n, "%.*f", dec, v);
}

void gfx_format_value(char *buf, size_t n, double v, int sig)
{
    if (sig < 1) sig = 1;
    if (!isfinite(v)) { snprintf(buf, n, isnan(v) ? "NaN" : v > 0 ? "inf" : "-inf"); return; }
    double a = fabs(v);
    if (a != 0.0 && (a < 1e-4 || a >= 1e6)) { snprintf(buf, n, "%.*g", sig, v); return; }
    int mag = a > 0.0 ? (int)floor(log10(a)) : 0;
    int dec = sig - 1 - mag;
    if (dec < 0) dec = 0;
    snprintf(buf, n, "%.*f", dec, v);
    /* drop trailing zeros (and a dangling point): "3.00" -> "3" */
    if (strchr(buf, '.')) {
        size_t len = strlen(buf);
        while (len > 0 && buf[len - 1] == '0') buf[--len] = 0;
        if (len > 0 && buf[len - 1] == '.') buf[--len] = 0;
    }
    if (strcmp(buf, "-0") == 0) snprintf(buf, n, "0");
}

float gfx_axis_map(const gfx_axis *a, double v, float p0, float p1)
{
    if (!isfinite(v)) return NAN;
    double lo = a->lo, hi = a->hi;
    if (a->log) {
        if (!(v > 0.0) || !(lo > 0.0) || !(hi > 0.0)) return NAN;
        v = log10(v);
        lo = log10(lo);
        hi = log10(hi);
    }
    if (!(hi != lo)) return (p0 + p1) * 0.5f;
    return (float)(p0 + (p1 - p0) * ((v - lo) / (hi - lo)));
}

void gfx_axis_pad(double *lo, double *hi, double pad, int log)
{
    double a = *lo, b = *hi;
    if (log) {
        if (!(a > 0.0) || !isfinite(a)) a = b > 0.0 && isfinite(b) ? b / 10.0 : 0.1;
        if (!(b > 0.0) || !isfinite(b)) b = a * 10.0;
        double la = log10(a), lb = log10(b);
        if (lb - la < 1e-9) { la -= 0.5; lb += 0.5; }
        double p = (lb - la) * pad;
        *lo = pow(10.0, la - p);
        *hi = pow(10.0, lb + p);
        return;
    }
    if (!isfinite(a) || !isfinite(b) || a > b) { a = 0.0; b = 1.0; }
    if (b - a < 1e-12 * fmax(1.0, fabs(a))) {
        double d = fabs(a) > 0.0 ? fabs(a) * 0.1 : 1.0;
        a -= d;
        b += d;
    }
    double p = (b - a) * pad;
    *lo = a - p;
    *hi = b + p;
}

/* ---- frame ----------------------------------------------------------------- */

static int max_y_label_width(const gfx_fonts *f, const gfx_axis *y, int max_ticks)
{
    double t[GFX_MAX_TICKS];
    int n = gfx_axis_ticks(y, max_ticks, t, GFX_MAX_TICKS), w = 0;
    double step = gfx_nice_step(y->hi - y->lo, max_ticks);
    for (int i = 0; i < n; i++) {
        char buf[32];
        gfx_format_tick(buf, sizeof buf, t[i], step, y->log);
        int tw = gfx_text_width(f, GFX_FONT_SMALL, buf);
        if (tw > w) w = tw;
    }
    return w;
}

/* Tick counts that leave room for the labels at the current size. */
static int y_tick_budget(const gfx_fonts *f, int h)
{
    const int small_h = gfx_text_height(f, GFX_FONT_SMALL);
    int n = h / (small_h * 2);
    if (h < small_h * 4) return 2;        /* a very short plot (a projector's zoom): labels apart */
    return n < 3 ? 3 : n > 10 ? 10 : n;   /* 3: a 1-2-5 step always leaves two labels */
}

static int x_tick_budget(const gfx_fonts *f, int w)
{
    int n = w / (gfx_text_width(f, GFX_FONT_SMALL, "0.000") * 2);
    return n < 3 ? 3 : n > 10 ? 10 : n;
}

/* The title's font: the title size, or the bold body size in a short or
 * narrow plot (a projector's zoom), where the big title would take the room
 * the curves need or run past the plot's sides. */
static gfx_font_id title_font(const gfx_fonts *f, SDL_Rect area, const char *title)
{
    const int th = gfx_text_height(f, GFX_FONT_TITLE);
    if (area.h < 6 * th || gfx_text_width(f, GFX_FONT_TITLE, title) > area.w) return GFX_FONT_BOLD;
    return GFX_FONT_TITLE;
}

SDL_Rect gfx_frame_inner(const gfx_fonts *f, SDL_Rect area, const gfx_frame *fr)
{
    float s = gfx_fonts_scale(f);
    int pad = (int)lroundf(8.0f * s), tick = (int)lroundf(5.0f * s);
    int small_h = gfx_text_height(f, GFX_FONT_SMALL), body_h = gfx_text_height(f, GFX_FONT_BODY);
    int top = pad, bottom = pad, left = pad, right = pad + small_h;
    if (fr->title) top += gfx_text_height(f, title_font(f, area, fr->title));
    if (fr->y_label) top += body_h;
    top += small_h / 2;                     /* the top tick label overhangs */
    if (!fr->no_x_ticks) bottom += tick + small_h;
    if (fr->x_label) bottom += body_h;
    int guess_h = area.h - top - bottom;
    left += tick + pad / 2 + max_y_label_width(f, &fr->y, y_tick_budget(f, guess_h));
    SDL_Rect in = { area.x + left, area.y + top, area.w - left - right, area.h - top - bottom };
    if (in.w < 1) in.w = 1;
    if (in.h < 1) in.h = 1;
    return in;
}

SDL_Rect gfx_frame_draw(SDL_Renderer *r, gfx_fonts *f, SDL_Rect area, const gfx_frame *fr,
                        const gfx_style *st)
{
    SDL_Rect in = gfx_frame_inner(f, area, fr);
    float s = gfx_fonts_scale(f);
    int tick = (int)lroundf(5.0f * s), pad = (int)lroundf(8.0f * s);
    int lw = s >= 1.5f ? 2 : 1;
    int small_h = gfx_text_height(f, GFX_FONT_SMALL);
    gfx_fill_rect(r, area, st->bg);

    double t[GFX_MAX_TICKS];
    int ny = y_tick_budget(f, in.h);
    int n = gfx_axis_ticks(&fr->y, ny, t, GFX_MAX_TICKS);
    double step = gfx_nice_step(fr->y.hi - fr->y.lo, ny);
    for (int i = 0; i < n; i++) {
        int py = (int)lroundf(gfx_axis_map(&fr->y, t[i], (float)(in.y + in.h - 1), (float)in.y));
        char buf[32];
        gfx_format_tick(buf, sizeof buf, t[i], step, fr->y.log);
        gfx_fill_rect(r, (SDL_Rect){ in.x, py, in.w, lw }, st->grid);
        gfx_fill_rect(r, (SDL_Rect){ in.x - tick, py, tick, lw }, st->axis);
        gfx_text(f, GFX_FONT_SMALL, in.x - tick - pad / 2, py - small_h / 2, st->text,
                 GFX_ALIGN_RIGHT, buf);
    }
    if (!fr->no_x_ticks) {
        int nx = x_tick_budget(f, in.w);
        n = gfx_axis_ticks(&fr->x, nx, t, GFX_MAX_TICKS);
        step = gfx_nice_step(fr->x.hi - fr->x.lo, nx);
        for (int i = 0; i < n; i++) {
            int px = (int)lroundf(gfx_axis_map(&fr->x, t[i], (float)in.x, (float)(in.x + in.w - 1)));
            char buf[32];
            gfx_format_tick(buf, sizeof buf, t[i], step, fr->x.log);
            gfx_fill_rect(r, (SDL_Rect){ px, in.y, lw, in.h }, st->grid);
            gfx_fill_rect(r, (SDL_Rect){ px, in.y + in.h, lw, tick }, st->axis);
            gfx_text(f, GFX_FONT_SMALL, px, in.y + in.h + tick, st->text, GFX_ALIGN_CENTER, buf);
        }
    }
    /* axis lines last so the grid never covers them */
    gfx_fill_rect(r, (SDL_Rect){ in.x - lw, in.y, lw, in.h + lw }, st->axis);
    gfx_fill_rect(r, (SDL_Rect){ in.x - lw, in.y + in.h, in.w + lw, lw }, st->axis);

    int y = area.y + pad;
    if (fr->title) {
        const gfx_font_id tf = title_font(f, area, fr->title);
        gfx_text(f, tf, area.x + area.w / 2, y, st->text, GFX_ALIGN_CENTER, fr->title);
        y += gfx_text_height(f, tf);
    }
    if (fr->y_label)
        gfx_text(f, GFX_FONT_BODY, in.x - tick, y, st->text, GFX_ALIGN_LEFT, fr->y_label);
    if (fr->x_label) {
        /* under the data, kept inside the plot: smaller when it is wider than the data (a projector's zoom) */
        const gfx_font_id xf = gfx_text_width(f, GFX_FONT_BODY, fr->x_label) <= in.w ? GFX_FONT_BODY : GFX_FONT_SMALL;
        const int w = gfx_text_width(f, xf, fr->x_label);
        int cx = in.x + in.w / 2;
        if (cx + w - w / 2 > area.x + area.w) cx = area.x + area.w - (w - w / 2);
        if (cx - w / 2 < area.x) cx = area.x + w / 2;
        gfx_text(f, xf, cx, area.y + area.h - pad - gfx_text_height(f, GFX_FONT_BODY), st->text, GFX_ALIGN_CENTER,
                 fr->x_label);
    }
    return in;
}
