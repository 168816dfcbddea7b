/*******************************************************************************
*   view: ewa - exponentially weighted averages of a year of temperatures
*   teaches: lessons/13_averages.lesson; the notes' section on exponentially
*            weighted averages and bias correction (the average behind
*            momentum, RMSprop and Adam)
*   reads:   the averages lab (labs/ewa_lab.h): the year's temperatures, the
*            averages for beta 0.5, 0.9, 0.98 and the learner's beta, with and
*            without bias correction. Nothing is computed here but pixels.
*******************************************************************************/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/axes.h"
#include "draw/prim.h"
#include "labs/ewa_lab.h"
#include "nn/status.h"
#include "shell/app.h"
#include "ui/ui.h"
#include "views/view.h"

enum { DAYS = NN_EWA_DAYS, INSET_DAYS = 30, DEFAULT_DAY = 20 };

/* Colours: the notes' three betas and the learner's (drawn strongest), all
 * from the colour-blind-safe category palette. */
static SDL_Color fixed_colour(int i) { static const int C[EWA_FIXED] = { 3, 1, 2 }; return pal_category(C[i]); }
static SDL_Color yours_colour(void) { return pal_category(0); }

typedef struct ewa_view {
    int         day;           /* the day the bracket, the weights and the numbers are for (1-based) */
    int         pic;           /* compact layout: the picture shown (PIC_*) */
    SDL_FPoint  pts[DAYS];
} ewa_view;

#define FIXED EWA_FIXED_BETAS

/* The lab is the app's (lessons set it too); the view changes it only through ewa_lab_set. */
static ewa_lab *lab_of(app *a, ewa_view *v) { (void)v; return &a->ewa; }

static void lab_set(app *a, const char *name, const char *fmt, double x)
{
    char buf[48];
    snprintf(buf, sizeof buf, fmt, x);
    if (ewa_lab_set(&a->ewa, name, buf) != NN_OK) app_toast(a, "Averages: %s", a->ewa.error);
}

/* ---- state ------------------------------------------------------------------------------- */
static void *create(app *a)
{
    (void)a;
    ewa_view *v = calloc(1, sizeof *v);
    if (v) v->day = DEFAULT_DAY;
    return v;
}
static void destroy(void *self) { free(self); }
static int px(const app *a, float v) { return (int)(v * a->scale + 0.5f); }

/* What is drawn for beta b's series: corrected or not, as the switch says. */
static const float *fixed_series(const ewa_lab *L, int i) { return L->bias_correction ? L->fixed_corr[i] : L->fixed_raw[i]; }
static const float *yours_series(const ewa_lab *L) { return L->bias_correction ? L->corr : L->raw; }
static double window_days(double beta) { return 1.0 / (1.0 - beta); }

/* ---- layout: update (widgets) and draw (pictures) share it ------------------------------ */
/* Roomy: the year across the top, the weights and the first month under it.
 * Compact (a low window at a big zoom): one of the three at a time, chosen by tabs. */
enum { PIC_YEAR, PIC_WEIGHTS, PIC_FIRST, PIC_COUNT };
static const char *const PIC_TABS[PIC_COUNT] = { "Year", "Weights", "First month" };

typedef struct ewa_layout {
    SDL_Rect panel;            /* controls and the formula */
    int      compact;          /* 1: one picture at a time */
    SDL_Rect tabs;             /* compact: the picture's tabs */
    SDL_Rect pic[PIC_COUNT];   /* where each picture goes (compact: all the same) */
    SDL_Rect caption;          /* the sentence tying it to the optimizers */
    const char *caption_text;
} ewa_layout;

static const char CAPTION[] =
    "The same average drives the optimizers: momentum's velocity is this average of the gradients, "
    "RMSprop's s is this average of the squared gradients, and Adam keeps both, bias-corrected.";
static const char CAPTION_SHORT[] =
    "Momentum's velocity is this average of the gradients; RMSprop's, of their squares.";

static ewa_layout layout_of(const app *a, SDL_Rect area)
{
    ewa_layout L;
    memset(&L, 0, sizeof L);
    int pw = px(a, 320);
    if (pw > area.w * 40 / 100) pw = area.w * 40 / 100;
    L.panel = (SDL_Rect){ area.x, area.y, pw, area.h };
    const int gap = px(a, 12);
    const int x = area.x + pw + gap, w = area.x + area.w - x - gap;
    /* The long sentence when it takes at most two lines, else the short one. */
    const int lh = gfx_text_height(a->fonts, GFX_FONT_SMALL);
    L.caption_text = CAPTION;
    int cap_h = gfx_text_wrap(a->fonts, GFX_FONT_SMALL, (SDL_Rect){ 0, 0, w, 0 }, a->style.text, CAPTION, 0);
    if (cap_h > 2 * lh + lh / 2) {
        L.caption_text = CAPTION_SHORT;
        cap_h = gfx_text_wrap(a->fonts, GFX_FONT_SMALL, (SDL_Rect){ 0, 0, w, 0 }, a->style.text, CAPTION_SHORT, 0);
    }
    L.caption = (SDL_Rect){ x, area.y + area.h - gap / 2 - cap_h, w, cap_h };
    const int top = area.y + gap / 2, bottom = L.caption.y - gap / 2, h = bottom - top;
    L.compact = h < px(a, 440) || w < px(a, 520);
    if (!L.compact) {
        const int year_h = h * 56 / 100;
        L.pic[PIC_YEAR] = (SDL_Rect){ x, top, w, year_h };
        const int y2 = top + year_h + gap, h2 = bottom - y2, w2 = (w - gap) / 2;
        L.pic[PIC_WEIGHTS] = (SDL_Rect){ x, y2, w2, h2 };
        L.pic[PIC_FIRST] = (SDL_Rect){ x + w2 + gap, y2, w - w2 - gap, h2 };
    } else {
        const int row = px(a, UI_ROW_HEIGHT);
        L.tabs = (SDL_Rect){ x, top, w, row };
        for (int i = 0; i < PIC_COUNT; i++) L.pic[i] = (SDL_Rect){ x, top + row + gap / 2, w, bottom - top - row - gap / 2 };
    }
    return L;
}

/* ---- widgets ------------------------------------------------------------------------------ */
static void update(void *self, view_ctx *ctx)
{
    ewa_view *v = self;
    app *a = ctx->app;
    ui_context *ui = a->ui;
    const ewa_layout L = layout_of(a, ctx->area);
    const ewa_lab *lab = lab_of(a, v);
    const int rows_h = 3 * (px(a, UI_ROW_HEIGHT) + px(a, 8));
    const int titled = px(a, 24) + gfx_text_height(a->fonts, GFX_FONT_TITLE) + px(a, 6) + rows_h + px(a, 90) <= L.panel.h;
    ui_panel(ui, L.panel, titled ? "Averages" : NULL);
    ui_layout_row(ui, 1, 0);
    float beta = (float)lab->beta;
    if (ui_slider_ex(ui, "Your beta", &beta, 0.0f, 0.995f, 0.005f, 0)) lab_set(a, "ewa.beta", "%.3f", beta);
    ui_tooltip(ui, "The β of the thick curve: how much of yesterday's average it keeps. "
                   "It averages roughly the last 1/(1 − β) days.");
    int corr = lab->bias_correction;
    if (ui_switch(ui, "Bias correction", &corr)) lab_set(a, "ewa.bias-correction", corr ? "on" : "off", 0);
    ui_tooltip(ui, "Divide v_t by 1 − β^t: removes the pull towards the starting v₀ = 0 in the first days.");
    if (ui_button(ui, "New weather")) lab_set(a, "ewa.seed", "%.0f", (double)(lab->seed % 2147483647u) + 1);
    ui_tooltip(ui, "Another year of weather (the next seed) (N).");
    /* The formulas and the numbers of the chosen day. */
    const int t = v->day, i = t - 1;
    const double bt = pow(lab->beta, t);
    static char text[1000];
    int n = snprintf(text, sizeof text,
                     "**v_t = β v_(t−1) + (1 − β) θ_t**\n(v₀ = 0, θ_t = day t's temperature)\n"
                     "Corrected: **v_t / (1 − β^t)**\n\n"
                     "Your β = %.3g averages about the last **1/(1 − β) = %.3g days**.\n\n"
                     "**Day %d:** %.1f °C; averages%s:\n",
                     lab->beta, window_days(lab->beta), t, (double)lab->temp[i],
                     lab->bias_correction ? "" : " (uncorrected)");
    for (int k = 0; k < EWA_FIXED && n > 0 && n < (int)sizeof text; k++)
        n += snprintf(text + n, sizeof text - (size_t)n, "β = %.2g: %.2f °C\n", FIXED[k], (double)fixed_series(lab, k)[i]);
    if (n > 0 && n < (int)sizeof text)
        snprintf(text + n, sizeof text - (size_t)n,
                 "yours: **%.2f °C**\n\nThe weights of days 1..%d sum to 1 − β^%d = %.3g, so "
                 "v_%d = %.2f is too low by that factor; corrected: %.2f / %.3g = **%.2f**.",
                 (double)yours_series(lab)[i], t, t, 1.0 - bt, t, (double)lab->raw[i],
                 (double)lab->raw[i], 1.0 - bt, (double)lab->corr[i]);
    ui_layout_space(ui, 6);
    ui_layout_row(ui, 1, -1);
    static int scroll;
    ui_text_panel(ui, "ewa numbers", text, &scroll);
    if (L.compact) {
        ui_layout_begin(ui, L.tabs);
        ui_layout_row(ui, 1, (int)(L.tabs.h / a->scale));
        ui_tabs(ui, "Picture", PIC_TABS, PIC_COUNT, &v->pic);
        ui_tooltip(ui, "The window is small for the zoom: one picture at a time.");
    }
}

/* ---- drawing -------------------------------------------------------------------------------- */
static void polyline_days(app *a, ewa_view *v, const gfx_axis *ax, const gfx_axis *ay, SDL_Rect in,
                          const float *y, int n, float width, SDL_Color c, float dash)
{
    for (int d = 0; d < n; d++)
        v->pts[d] = (SDL_FPoint){ gfx_axis_map(ax, d + 1, (float)in.x, (float)(in.x + in.w - 1)),
                                  gfx_axis_map(ay, y[d], (float)(in.y + in.h - 1), (float)in.y) };
    gfx_polyline(a->r, v->pts, n, width, c, dash);
}

static void dots_days(app *a, ewa_view *v, const gfx_axis *ax, const gfx_axis *ay, SDL_Rect in, int n, float radius)
{
    const ewa_lab *L = lab_of(a, v);
    for (int d = 0; d < n; d++)
        v->pts[d] = (SDL_FPoint){ gfx_axis_map(ax, d + 1, (float)in.x, (float)(in.x + in.w - 1)),
                                  gfx_axis_map(ay, L->temp[d], (float)(in.y + in.h - 1), (float)in.y) };
    gfx_discs(a->r, v->pts, n, radius, NULL, gfx_fade(a->style.text_dim, 0.8f));
}

/* The temperature axis: the year's range, always with 0 in it (where every
 * uncorrected average starts), and the top `band` (a fraction of the height)
 * left free for the legend and the bracket. */
static gfx_axis temp_axis(const ewa_lab *L, double band)
{
    double lo = 0, hi = 0;
    for (int d = 0; d < DAYS; d++) { lo = fmin(lo, L->temp[d]); hi = fmax(hi, L->temp[d]); }
    lo = floor(lo - 1.0);
    hi = hi + 1.0;
    if (band > 0.5) band = 0.5;
    return (gfx_axis){ lo, ceil(hi + band / (1.0 - band) * (hi - lo)), 0 };
}

/* The first month's axis: its temperatures and both averages, with 0, and a band on top. */
static gfx_axis inset_axis(const ewa_lab *L, double band)
{
    double lo = 0, hi = 0;
    for (int d = 0; d < INSET_DAYS; d++) {
        lo = fmin(lo, fmin(L->temp[d], fmin(L->raw[d], L->corr[d])));
        hi = fmax(hi, fmax(L->temp[d], fmax(L->raw[d], L->corr[d])));
    }
    lo = floor(lo - 1.0);
    hi = hi + 1.0;
    if (band > 0.5) band = 0.5;
    return (gfx_axis){ lo, ceil(hi + band / (1.0 - band) * (hi - lo)), 0 };
}

/* The title that fits, or none when the height is too small to spare a line. */
static const char *title_if(const app *a, SDL_Rect r, const char *const *titles, int n)
{
    if (r.h < px(a, 170)) return NULL;
    for (int i = 0; i < n; i++)
        if (gfx_text_width(a->fonts, GFX_FONT_TITLE, titles[i]) + px(a, 16) <= r.w) return titles[i];
    return NULL;
}

/* A legend-and-readout box: one row per series, its colour, name and value on the day. */
typedef struct row { const char *name; char value[24]; SDL_Color c; float width; int dot; } row;

/* The height of a box of n rows, its margin included. */
static int box_height(const app *a, int n)
{
    return (n + 1) * gfx_text_height(a->fonts, GFX_FONT_SMALL) + 3 * px(a, 6);
}

static int box_width(const app *a, const char *head, const row *rows, int n)
{
    const int pad = px(a, 6), sw = px(a, 22);
    int wn = gfx_text_width(a->fonts, GFX_FONT_SMALL, head) - sw - 3 * pad, wv = 0;
    for (int i = 0; i < n; i++) {
        const int tw = gfx_text_width(a->fonts, GFX_FONT_SMALL, rows[i].name);
        const int vw = gfx_text_width(a->fonts, GFX_FONT_SMALL, rows[i].value);
        if (tw > wn) wn = tw;
        if (vw > wv) wv = vw;
    }
    return pad + sw + pad + wn + 2 * pad + wv + pad;
}

static void draw_box_at(app *a, int x, int y, const char *head, const row *rows, int n)
{
    const int lh = gfx_text_height(a->fonts, GFX_FONT_SMALL), pad = px(a, 6), sw = px(a, 22);
    const SDL_Rect box = { x, y, box_width(a, head, rows, n), (n + 1) * lh + 2 * pad };
    gfx_fill_rect(a->r, box, gfx_fade(a->style.bg, 0.88f));
    gfx_rect_outline(a->r, box, 1, a->style.grid);
    y = box.y + pad;
    gfx_text(a->fonts, GFX_FONT_SMALL, box.x + pad, y, a->style.text, GFX_ALIGN_LEFT, head);
    y += lh;
    for (int i = 0; i < n; i++) {
        const float cy = (float)y + (float)lh * 0.5f;
        if (rows[i].dot) gfx_disc(a->r, (float)(box.x + pad + sw / 2), cy, px(a, 3), rows[i].c);
        else gfx_line(a->r, (float)(box.x + pad), cy, (float)(box.x + pad + sw), cy, rows[i].width, rows[i].c);
        gfx_text(a->fonts, GFX_FONT_SMALL, box.x + 2 * pad + sw, y, a->style.text, GFX_ALIGN_LEFT, rows[i].name);
        gfx_text(a->fonts, GFX_FONT_SMALL, box.x + box.w - pad, y, a->style.text, GFX_ALIGN_RIGHT, rows[i].value);
        y += lh;
    }
}

/* A box in a plot's top corner (right or left), when it fits its width. */
static void draw_box(app *a, SDL_Rect in, const char *head, const row *rows, int n, int right)
{
    const int bw = box_width(a, head, rows, n), pad = px(a, 6);
    if (bw > in.w * 7 / 10) return;
    draw_box_at(a, right ? in.x + in.w - bw - pad : in.x + pad, in.y + pad, head, rows, n);
}

static const char *date_of(int day, char *buf, size_t n)
{
    static const char *const M[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    static const int LEN[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int m = 0, d = day;
    while (m < 11 && d > LEN[m]) d -= LEN[m++];
    snprintf(buf, n, "%d %s", d, M[m]);
    return buf;
}

/* The day under the mouse in a plot's data rectangle (0: not over it). */
static int day_under_mouse(const gfx_axis *ax, SDL_Rect in)
{
    int mx, my;
    SDL_GetMouseState(&mx, &my);
    if (mx < in.x || mx >= in.x + in.w || my < in.y || my >= in.y + in.h || in.w < 2) return 0;
    const double d = ax->lo + (ax->hi - ax->lo) * (mx - in.x) / (double)(in.w - 1);
    const int day = (int)lround(d);
    return day < 1 ? 1 : day > DAYS ? DAYS : day;
}

/* The legend of the year with the chosen day's numbers: one row per series. */
static void year_rows(const app *a, const ewa_lab *L, int t, int brief, row *rows, char (*names)[40], char *head,
                      size_t hn)
{
    const float s = a->scale;
    char date[16];
    rows[0] = (row){ .name = "temperature", .c = a->style.text_dim, .dot = 1 };
    snprintf(rows[0].value, sizeof rows[0].value, "%.1f", (double)L->temp[t - 1]);
    for (int i = 0; i < EWA_FIXED; i++) {
        if (brief) snprintf(names[i], sizeof names[i], "β = %.2g", FIXED[i]);
        else snprintf(names[i], sizeof names[i], "β = %.2g (≈ %.0f days)", FIXED[i], window_days(FIXED[i]));
        rows[1 + i] = (row){ .name = names[i], .c = fixed_colour(i), .width = 2.0f * s };
        snprintf(rows[1 + i].value, sizeof rows[1 + i].value, "%.1f", (double)fixed_series(L, i)[t - 1]);
    }
    /* brief: as wide at every beta (the slider shows it), so the legend stays beside the plot as it moves */
    if (brief) snprintf(names[EWA_FIXED], sizeof names[EWA_FIXED], "your β");
    else snprintf(names[EWA_FIXED], sizeof names[EWA_FIXED], "your β = %.3g", L->beta);
    rows[EWA_FIXED + 1] = (row){ .name = names[EWA_FIXED], .c = yours_colour(), .width = 4.5f * s };
    snprintf(rows[EWA_FIXED + 1].value, sizeof rows[EWA_FIXED + 1].value, "%.1f", (double)yours_series(L)[t - 1]);
    snprintf(head, hn, "Day %d, %s%s", t, date_of(t, date, sizeof date), L->bias_correction ? "" : " (uncorrected)");
}

/* The year: the temperatures as dots, the averages as lines (yours thickest),
 * the chosen day, and the window 1 / (1 - beta) days back from it as a
 * bracket in a band on top. The legend goes beside the plot where there is
 * room (roomy), else a short one in the band (compact). */
static void draw_year(ewa_view *v, app *a, SDL_Rect area, int compact)
{
    const ewa_lab *L = lab_of(a, v);
    const int t = v->day, lh = gfx_text_height(a->fonts, GFX_FONT_SMALL), pad = px(a, 6);
    row rows[EWA_FIXED + 2];
    char names[EWA_FIXED + 1][40], head[64];
    /* beside the plot with the windows named, or without them, or inside */
    year_rows(a, L, t, 0, rows, names, head, sizeof head);
    int n_rows = EWA_FIXED + 2;
    SDL_Rect plot = area;
    int bw = box_width(a, head, rows, n_rows);
    if (bw + 2 * pad > area.w * 30 / 100) {
        year_rows(a, L, t, 1, rows, names, head, sizeof head);
        bw = box_width(a, head, rows, n_rows);
    }
    const int beside = !compact && bw + 2 * pad <= area.w * 30 / 100;
    if (beside) {
        plot.w -= bw + 2 * pad;
        gfx_fill_rect(a->r, (SDL_Rect){ plot.x + plot.w, area.y, area.w - plot.w, area.h }, a->style.bg);
    } else if (compact) {   /* a low window: yours only; the tabs' other pictures carry the rest */
        rows[1] = rows[EWA_FIXED + 1];
        n_rows = 2;
    }   /* else every row, in a band on top of the plot: the thin curves keep their names */
    static const char *const titles[] = { "A year of daily temperatures and their averages",
                                          "Temperatures and averages", "Averages" };
    gfx_frame fr = { .title = compact ? NULL : title_if(a, area, titles, 3),
                     .x_label = compact ? NULL : "day of the year", .y_label = "°C",
                     .x = { 1, DAYS, 0 }, .y = temp_axis(L, 0) };
    const int h0 = gfx_frame_inner(a->fonts, plot, &fr).h;
    if (!beside && n_rows > 2 && box_height(a, n_rows) > h0 / 2) {   /* too low for every row */
        rows[1] = rows[EWA_FIXED + 1];
        n_rows = 2;
    }
    const int inside = !beside && box_height(a, n_rows) <= h0 / 2;
    const int band = inside ? box_height(a, n_rows) : lh + px(a, 14);
    fr.y = temp_axis(L, h0 > 0 ? (double)band / h0 : 0);
    const SDL_Rect in = gfx_frame_draw(a->r, a->fonts, plot, &fr, &a->style);
    const int hovered = day_under_mouse(&fr.x, in);
    if (hovered) v->day = hovered;
    if (beside) draw_box_at(a, plot.x + plot.w + pad, in.y, head, rows, n_rows);
    gfx_clip saved;
    if (!gfx_clip_push(a->r, in, &saved)) return;
    const float s = a->scale;
    /* 0 degrees: where every uncorrected average starts. */
    const float y0 = gfx_axis_map(&fr.y, 0, (float)(in.y + in.h - 1), (float)in.y);
    gfx_line(a->r, (float)in.x, y0, (float)(in.x + in.w), y0, 1.5f * s, a->style.axis);
    dots_days(a, v, &fr.x, &fr.y, in, DAYS, 2.3f * s);
    for (int i = 0; i < EWA_FIXED; i++)
        polyline_days(a, v, &fr.x, &fr.y, in, fixed_series(L, i), DAYS, 2.0f * s, fixed_colour(i), 0);
    polyline_days(a, v, &fr.x, &fr.y, in, yours_series(L), DAYS, 4.5f * s, yours_colour(), 0);
    const float xt = gfx_axis_map(&fr.x, t, (float)in.x, (float)(in.x + in.w - 1));
    SDL_FPoint mark[2] = { { xt, (float)in.y }, { xt, (float)(in.y + in.h) } };
    gfx_polyline(a->r, mark, 2, 1.5f * s, a->style.text_dim, 5.0f * s);
    const float yt = gfx_axis_map(&fr.y, yours_series(L)[t - 1], (float)(in.y + in.h - 1), (float)in.y);
    gfx_disc(a->r, xt, yt, 6.0f * s, yours_colour());
    gfx_ring(a->r, xt, yt, 6.0f * s, 1.5f * s, a->style.bg);
    const double win = window_days(L->beta);
    const float xw = gfx_axis_map(&fr.x, t - win, (float)in.x, (float)(in.x + in.w - 1));
    const float by = (float)in.y + lh / 2 + px(a, 7);
    const SDL_Color bc = a->style.text;
    gfx_line(a->r, xw, by, xt, by, 2.5f * s, bc);
    gfx_line(a->r, xw, by - px(a, 7), xw, by + px(a, 7), 2.5f * s, bc);
    gfx_line(a->r, xt, by - px(a, 7), xt, by + px(a, 7), 2.5f * s, bc);
    char lab[64];
    snprintf(lab, sizeof lab, "1/(1 − β) ≈ %.3g days", win);
    const int tw = gfx_text_width(a->fonts, GFX_FONT_SMALL, lab);
    /* the label on the bracket's line: after it, or before it near the right end */
    int tx = (int)xt + px(a, 10);
    if (tx + tw > in.x + in.w - px(a, 4)) tx = (int)xw - px(a, 10) - tw;
    if (tx < in.x + px(a, 4)) tx = in.x + px(a, 4);
    gfx_fill_rect(a->r, (SDL_Rect){ tx - px(a, 2), (int)by - lh / 2, tw + px(a, 4), lh }, gfx_fade(a->style.bg, 0.85f));
    gfx_text(a->fonts, GFX_FONT_SMALL, tx, (int)by - lh / 2, bc, GFX_ALIGN_LEFT, lab);
    if (inside) draw_box(a, in, head, rows, n_rows, t < DAYS / 2);
    gfx_clip_pop(a->r, &saved);
}

/* The weights beta^k (1 - beta) of the days k = 0, 1, 2 ... before the chosen
 * day t: the days that exist (k < t) solid, as the average uses them
 * (divided by 1 - beta^t when corrected, so they sum to 1); the rest, the
 * weight that falls on v_0 = 0 before day 1, faint. */
static void draw_weights(ewa_view *v, app *a, SDL_Rect area, int compact)
{
    const ewa_lab *L = lab_of(a, v);
    const double beta = L->beta, win = window_days(beta);
    const int t = v->day;
    int K = (int)ceil(3.0 * win);
    if (K < 12) K = 12;
    if (K > DAYS) K = DAYS;
    const double bt = pow(beta, t), div = L->bias_correction && bt < 1.0 ? 1.0 - bt : 1.0;
    const double top = (1.0 - beta) / div;
    static const char *const titles[] = { "Weights of the past days", "Weights" };
    char xl[64];
    snprintf(xl, sizeof xl, "days before day %d", t);
    gfx_frame fr = { .title = compact ? NULL : title_if(a, area, titles, 2), .x_label = xl, .y_label = "weight",
                     .x = { -0.5, K - 0.5, 0 }, .y = { 0, top * 1.1, 0 } };
    /* room on top for the two lines of the sum */
    const int h0 = gfx_frame_inner(a->fonts, area, &fr).h, note = 2 * gfx_text_height(a->fonts, GFX_FONT_SMALL) + px(a, 10);
    if (h0 > 2 * note) fr.y.hi = top * 1.05 / (1.0 - (double)note / h0);
    const SDL_Rect in = gfx_frame_draw(a->r, a->fonts, area, &fr, &a->style);
    gfx_clip saved;
    if (!gfx_clip_push(a->r, in, &saved)) return;
    const SDL_Color c = yours_colour();
    double sum = 0;
    for (int k = 0; k < K; k++) {
        const int used = k < t;
        const double w = pow(beta, k) * (1.0 - beta) / (used ? div : 1.0);
        if (used) sum += w;
        const float x0 = gfx_axis_map(&fr.x, k - 0.42, (float)in.x, (float)(in.x + in.w - 1));
        const float x1 = gfx_axis_map(&fr.x, k + 0.42, (float)in.x, (float)(in.x + in.w - 1));
        const float y = gfx_axis_map(&fr.y, w, (float)(in.y + in.h - 1), (float)in.y);
        SDL_Rect bar = { (int)x0, (int)y, (int)(x1 - x0) > 1 ? (int)(x1 - x0) : 1, in.y + in.h - (int)y };
        if (used) gfx_fill_rect(a->r, bar, c);
        else gfx_fill_rect(a->r, bar, gfx_fade(c, 0.28f));
    }
    for (int k = K; k < t; k++) sum += pow(beta, k) * (1.0 - beta) / div;   /* days beyond the chart */
    /* The window: 1 / (1 - beta) days back, where the weight has fallen to about 1/e of the first. */
    const float xw = gfx_axis_map(&fr.x, win, (float)in.x, (float)(in.x + in.w - 1));
    SDL_FPoint mark[2] = { { xw, (float)in.y }, { xw, (float)(in.y + in.h) } };
    gfx_polyline(a->r, mark, 2, 1.5f * a->scale, a->style.text, 5.0f * a->scale);
    char line1[96], line2[96];
    snprintf(line1, sizeof line1, "days 1..%d: weights sum to %.3g", t, sum);
    if (L->bias_correction) snprintf(line2, sizeof line2, "(divided by 1 − β^t = %.3g)", 1.0 - bt);
    else snprintf(line2, sizeof line2, "faint: β^t = %.3g falls on v₀ = 0", bt);
    const int lh = gfx_text_height(a->fonts, GFX_FONT_SMALL), x = in.x + in.w - px(a, 6);
    const int need = gfx_text_width(a->fonts, GFX_FONT_SMALL, line1) > gfx_text_width(a->fonts, GFX_FONT_SMALL, line2)
                   ? gfx_text_width(a->fonts, GFX_FONT_SMALL, line1) : gfx_text_width(a->fonts, GFX_FONT_SMALL, line2);
    if (need + px(a, 12) <= in.w && 2 * lh + px(a, 8) <= in.h) {
        const SDL_Rect box = { x - need - px(a, 4), in.y + px(a, 2), need + px(a, 8), 2 * lh + px(a, 4) };
        gfx_fill_rect(a->r, box, gfx_fade(a->style.bg, 0.85f));
        gfx_text(a->fonts, GFX_FONT_SMALL, x, in.y + px(a, 4), a->style.text, GFX_ALIGN_RIGHT, line1);
        gfx_text(a->fonts, GFX_FONT_SMALL, x, in.y + px(a, 4) + lh, a->style.text_dim, GFX_ALIGN_RIGHT, line2);
    }
    gfx_clip_pop(a->r, &saved);
}

/* The first month zoomed in, y from 0: the uncorrected average starts at 0
 * and climbs; the corrected one starts at the first day's temperature. */
static void draw_inset(ewa_view *v, app *a, SDL_Rect area, int compact)
{
    const ewa_lab *L = lab_of(a, v);
    static const char *const titles[] = { "The first month: bias correction", "First month", NULL };
    gfx_frame fr = { .title = compact ? NULL : title_if(a, area, titles, 2), .x_label = compact ? NULL : "day", .y_label = "°C",
                     .x = { 0.5, INSET_DAYS + 0.5, 0 }, .y = inset_axis(L, 0) };
    const int h0 = gfx_frame_inner(a->fonts, area, &fr).h, band = box_height(a, 2);
    const int boxed = band <= h0 / 2;   /* the box above the data, else none */
    fr.y = inset_axis(L, boxed ? (double)band / h0 : 0);
    const SDL_Rect in = gfx_frame_draw(a->r, a->fonts, area, &fr, &a->style);
    const int hovered = day_under_mouse(&fr.x, in);
    if (hovered) v->day = hovered;
    gfx_clip saved;
    if (!gfx_clip_push(a->r, in, &saved)) return;
    const float s = a->scale;
    const float y0 = gfx_axis_map(&fr.y, 0, (float)(in.y + in.h - 1), (float)in.y);
    gfx_line(a->r, (float)in.x, y0, (float)(in.x + in.w), y0, 1.5f * s, a->style.axis);
    dots_days(a, v, &fr.x, &fr.y, in, INSET_DAYS, 3.5f * s);
    const SDL_Color c = yours_colour();
    const int on = L->bias_correction;
    polyline_days(a, v, &fr.x, &fr.y, in, L->raw, INSET_DAYS, (on ? 2.0f : 4.5f) * s, on ? gfx_fade(c, 0.6f) : c, 7.0f * s);
    polyline_days(a, v, &fr.x, &fr.y, in, L->corr, INSET_DAYS, (on ? 4.5f : 2.0f) * s, on ? c : gfx_fade(c, 0.6f), 0);
    if (v->day <= INSET_DAYS) {
        const float xt = gfx_axis_map(&fr.x, v->day, (float)in.x, (float)(in.x + in.w - 1));
        SDL_FPoint mark[2] = { { xt, (float)in.y }, { xt, (float)(in.y + in.h) } };
        gfx_polyline(a->r, mark, 2, 1.5f * s, a->style.text_dim, 5.0f * s);
    }
    row rows[2] = { { .name = "corrected", .c = c, .width = 4.5f * s }, { .name = "uncorrected", .c = c, .width = 2.0f * s } };
    if (!on) { rows[0].width = 2.0f * s; rows[1].width = 4.5f * s; }
    snprintf(rows[0].value, sizeof rows[0].value, "%.1f", (double)L->corr[0]);
    snprintf(rows[1].value, sizeof rows[1].value, "%.1f", (double)L->raw[0]);
    if (boxed) draw_box(a, in, "day 1:", rows, 2, 1);
    gfx_clip_pop(a->r, &saved);
}

static void draw(void *self, view_ctx *ctx)
{
    ewa_view *v = self;
    app *a = ctx->app;
    const ewa_layout L = layout_of(a, ctx->area);
    if (L.pic[PIC_YEAR].w < px(a, 80) || L.pic[PIC_YEAR].h < px(a, 60)) return;
    if (!L.compact || v->pic == PIC_YEAR) draw_year(v, a, L.pic[PIC_YEAR], L.compact);
    if (!L.compact || v->pic == PIC_WEIGHTS) draw_weights(v, a, L.pic[PIC_WEIGHTS], L.compact);
    if (!L.compact || v->pic == PIC_FIRST) draw_inset(v, a, L.pic[PIC_FIRST], L.compact);
    gfx_text_wrap(a->fonts, GFX_FONT_SMALL, L.caption, a->style.text, L.caption_text, 1);
}

static int key(void *self, app *a, const SDL_KeyboardEvent *k)
{
    ewa_view *v = self;
    if (k->keysym.sym == SDLK_LEFT) { if (v->day > 1) v->day--; return 1; }
    if (k->keysym.sym == SDLK_RIGHT) { if (v->day < DAYS) v->day++; return 1; }
    if (k->keysym.sym == SDLK_n) { lab_set(a, "ewa.seed", "%.0f", (double)(a->ewa.seed % 2147483647u) + 1); return 1; }
    return 0;
}

const view_def view_ewa = {
    .id = "ewa", .title = "Averages", .tab = "EWA",
    .teaches = "Exponentially weighted averages of a year of temperatures, and bias correction.",
    .create = create, .destroy = destroy, .update = update, .key = key, .draw = draw,
};
