/* app/views/search_draw.c - the Search view's picture: the trials as dots on
 * the two hyperparameters' axes (a rate on a log scale), coloured by dev
 * error with a colour bar, rings by generation for evolution, the best (or
 * the clicked) trial ringed with its numbers, and a progress line. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/axes.h"
#include "draw/prim.h"
#include "shell/app.h"
#include "ui/ui.h"
#include "views/view_search.h"

static int px(const app *a, float x) { return (int)lroundf(x * a->scale); }

const char *search_method_title(int m)
{
    static const char *const T[NN_SEARCH_COUNT] = { "Grid", "Random", "Evolution" };
    return m >= 0 && m < NN_SEARCH_COUNT ? T[m] : "?";
}

static gfx_axis axis_of(const nn_search_param *p)
{
    gfx_axis ax = { p->lo, p->hi, p->scale == NN_SCALE_LOG || p->scale == NN_SCALE_LOGINT };
    gfx_axis_pad(&ax.lo, &ax.hi, 0.05, ax.log);
    return ax;
}

/* An error as people say it: a percentage for classification, the loss for regression. */
static void err_text(char *buf, size_t n, double e, int regression)
{
    if (!isfinite(e)) snprintf(buf, n, "diverged");
    else if (regression) gfx_format_value(buf, n, e, 3);
    else snprintf(buf, n, "%.1f%%", 100.0 * e);
}

/* A generation's ring: the category colours without yellow (the best dots'
 * colour) and without blue (kept clear of the theme's accent). */
static SDL_Color gen_colour(int g)
{
    static const int K[] = { 1, 2, 3, 7, 6 };
    return pal_category(K[(g < 0 ? 0 : g) % 5]);
}

/* Bright (pale yellow) for no errors, dark purple for the worst shown. */
static SDL_Color err_colour(double e, double hi) { return pal_sequential((float)(1.0 - e / hi)); }

static void colour_bar(app *a, SDL_Rect bar, double hi, int regression)
{
    const int steps = bar.h > 0 ? bar.h : 1;
    for (int y = 0; y < steps; y++)
        gfx_fill_rect(a->r, (SDL_Rect){ bar.x, bar.y + y, bar.w, 1 }, err_colour(hi * y / steps, hi));
    gfx_rect_outline(a->r, bar, 1, a->style.axis);
    char lo_s[24], hi_s[24];
    err_text(lo_s, sizeof lo_s, 0.0, regression);
    err_text(hi_s, sizeof hi_s, hi, regression);
    const int th = gfx_text_height(a->fonts, GFX_FONT_SMALL);
    gfx_text(a->fonts, GFX_FONT_SMALL, bar.x + bar.w + px(a, 4), bar.y, a->style.text, GFX_ALIGN_LEFT, lo_s);
    gfx_text(a->fonts, GFX_FONT_SMALL, bar.x + bar.w + px(a, 4), bar.y + bar.h - th, a->style.text, GFX_ALIGN_LEFT,
             hi_s);
    gfx_text(a->fonts, GFX_FONT_SMALL, bar.x + bar.w + px(a, 4), bar.y + bar.h / 2 - th, a->style.text_dim,
             GFX_ALIGN_LEFT, "dev");
    gfx_text(a->fonts, GFX_FONT_SMALL, bar.x + bar.w + px(a, 4), bar.y + bar.h / 2, a->style.text_dim,
             GFX_ALIGN_LEFT, regression ? "loss" : "error");
}

/* Distinct values of parameter k among the finished trials (the grid's columns). */
static int distinct(const search_result *R, int k)
{
    int n = 0;
    for (int i = 0; i < R->budget; i++) {
        if (!R->done[i]) continue;
        int seen = 0;
        for (int j = 0; j < i && !seen; j++) seen = R->done[j] && !strcmp(R->t[j].value[k], R->t[i].value[k]);
        n += !seen;
    }
    return n;
}

void search_draw_plot(search_view *v, app *a, SDL_Rect area)
{
    if (area.w < px(a, 120) || area.h < px(a, 120)) return;
    const search_result *R = &v->res[v->method];
    const search_pair *pair = &SEARCH_PAIR[R->have ? R->pair : v->pair];
    nn_search_param p[2];
    if (R->have) { p[0] = R->desc.params[0]; p[1] = R->desc.params[1]; }
    else if (nn_search_param_parse(pair->x, &p[0]) || nn_search_param_parse(pair->y, &p[1])) return;
    const ui_theme *th = ui_get_theme(a->ui);
    gfx_fonts *f = a->fonts;
    const int line = gfx_text_height(f, GFX_FONT_BOLD);

    /* the headline: what runs and how far it got (a short form in a narrow window) */
    char head[200];
    const int running = v->job && v->job_method == v->method;
    const char *title = search_method_title(v->method);
    if (!R->have) {
        snprintf(head, sizeof head, "%s search: press Start to train %d networks", title, v->trials);
        if (gfx_text_width(f, GFX_FONT_BOLD, head) > area.w) snprintf(head, sizeof head, "%s: press Start", title);
    } else {
        snprintf(head, sizeof head, "%s search: %d of %d trials%s - %d thread%s, %.1f s", title, R->n_done, R->budget,
                 running ? "" : R->stopped ? " (stopped)" : R->complete ? " (done)" : "", R->jobs,
                 R->jobs == 1 ? "" : "s", R->seconds);
        if (gfx_text_width(f, GFX_FONT_BOLD, head) > area.w)
            snprintf(head, sizeof head, "%s: %d of %d trials%s", title, R->n_done, R->budget,
                     running ? "" : R->stopped ? " (stopped)" : "");
    }
    gfx_text(f, GFX_FONT_BOLD, area.x, area.y, a->style.text, GFX_ALIGN_LEFT, head);
    if (running || (R->have && !R->complete)) {      /* a progress bar under it */
        const SDL_Rect pb = { area.x, area.y + line + px(a, 2), area.w / 3, px(a, 5) };
        gfx_fill_rect(a->r, pb, gfx_fade(a->style.text_dim, 0.4f));
        gfx_fill_rect(a->r, (SDL_Rect){ pb.x, pb.y, R->budget ? pb.w * R->n_done / R->budget : 0, pb.h }, th->accent);
    }

    /* the best (or the clicked) trial, and the lines under the plot */
    const int chosen = search_view_chosen(v);
    double hi = R->regression ? 0.0 : 0.05;
    for (int i = 0; i < R->budget; i++)
        if (R->done[i] && !R->t[i].failed && R->t[i].dev_error > hi) hi = R->t[i].dev_error;
    if (!(hi > 0)) hi = 1.0;
    char best_s[320] = "", tried_s[240] = "", v0[24], v1[24], e1[24], e2[24];
    if (chosen >= 0) {
        const nn_trial *t = &R->t[chosen];
        err_text(e1, sizeof e1, t->dev_error, R->regression);
        err_text(e2, sizeof e2, t->train_error, R->regression);
        gfx_format_value(v0, sizeof v0, atof(t->value[0]), 3);
        gfx_format_value(v1, sizeof v1, atof(t->value[1]), 3);
        snprintf(best_s, sizeof best_s, "%s trial %d: %s %s, %s %s - dev error %s (train %s)",
                 chosen == v->selected ? "Chosen" : "Best", chosen, pair->x_label, v0, pair->y_label, v1, e1, e2);
    } else if (R->have && R->n_done > 0) {
        for (int i = 0; i < R->budget; i++)
            if (R->done[i] && R->t[i].why[0]) {
                snprintf(best_s, sizeof best_s, "Trial %d failed: %s", i, R->t[i].why);
                break;
            }
    }
    if (R->have && v->method != NN_SEARCH_EVO)
        snprintf(tried_s, sizeof tried_s, "Tried %d values of the %s and %d of %s in %d trials", distinct(R, 0),
                 pair->x_label, distinct(R, 1), pair->y_label, R->n_done);
    const SDL_Rect text_w = { area.x, 0, area.w, 10000 };
    const int best_h = best_s[0] ? gfx_text_wrap(f, GFX_FONT_BOLD, text_w, th->accent, best_s, 0) : 0;
    const int tried_h = !R->have ? 0 : tried_s[0] ? gfx_text_wrap(f, GFX_FONT_BODY, text_w, a->style.text, tried_s, 0)
                                                  : line;
    const int top = area.y + line + px(a, 12);
    const int bottom = area.y + area.h - best_h - tried_h - px(a, 8);
    const int bar_w = px(a, 14) + px(a, 6) + gfx_text_width(f, GFX_FONT_SMALL, "100.0%") + px(a, 6);
    const gfx_frame fr = { .x_label = pair->x_label, .y_label = pair->y_label, .x = axis_of(&p[0]),
                           .y = axis_of(&p[1]) };
    const SDL_Rect frame_area = { area.x, top, area.w - bar_w, bottom - top };
    if (frame_area.h < px(a, 80) || frame_area.w < px(a, 80)) return;
    const SDL_Rect in = gfx_frame_draw(a->r, f, frame_area, &fr, &a->style);
    colour_bar(a, (SDL_Rect){ frame_area.x + frame_area.w + px(a, 8), in.y, px(a, 14), in.h }, hi, R->regression);

    /* the dots: older generations first, so the newest lie on top */
    const float rad = 7.0f * a->scale;
    gfx_clip saved;
    const int clipped = gfx_clip_push(a->r, frame_area, &saved);
    for (int i = 0; i < R->budget; i++) v->pt_x[i] = v->pt_y[i] = -1e6f;
    for (int i = 0; i < R->budget; i++) {
        if (!R->done[i]) continue;
        const nn_trial *t = &R->t[i];
        const float x = gfx_axis_map(&fr.x, atof(t->value[0]), (float)in.x, (float)(in.x + in.w));
        const float y = gfx_axis_map(&fr.y, atof(t->value[1]), (float)(in.y + in.h), (float)in.y);
        if (!isfinite(x) || !isfinite(y)) continue;
        v->pt_x[i] = x;
        v->pt_y[i] = y;
        if (t->failed) {                              /* a cross: this one diverged */
            const float d = rad * 0.8f, w = 2.5f * a->scale;
            gfx_line(a->r, x - d, y - d, x + d, y + d, w, a->style.text_dim);
            gfx_line(a->r, x - d, y + d, x + d, y - d, w, a->style.text_dim);
            continue;
        }
        if (v->method == NN_SEARCH_EVO)
            gfx_ring(a->r, x, y, rad + 3.0f * a->scale, 3.0f * a->scale, gen_colour(t->generation));
        gfx_disc(a->r, x, y, rad + 1.0f * a->scale, a->style.text);
        gfx_disc(a->r, x, y, rad, err_colour(t->dev_error, hi));
    }
    if (chosen >= 0) {
        const float x = v->pt_x[chosen], y = v->pt_y[chosen];
        gfx_ring(a->r, x, y, rad + 8.0f * a->scale, 3.5f * a->scale, th->accent);
    }
    if (clipped) gfx_clip_pop(a->r, &saved);

    /* under the plot: the chosen trial's numbers; what the method tried */
    int y = bottom + px(a, 4);
    if (best_s[0]) gfx_text_wrap(f, GFX_FONT_BOLD, (SDL_Rect){ area.x, y, area.w, best_h }, chosen >= 0 ? th->accent : a->style.text, best_s, 1);
    y += best_h + px(a, 2);
    char buf[64];
    if (!R->have) return;
    if (v->method == NN_SEARCH_EVO) {           /* the generations' ring colours */
        int x = area.x;
        x += gfx_text(f, GFX_FONT_BODY, x, y, a->style.text_dim, GFX_ALIGN_LEFT, "Generation:") + px(a, 10);
        int gens = 0;
        for (int i = 0; i < R->budget; i++)
            if (R->done[i] && R->t[i].generation + 1 > gens) gens = R->t[i].generation + 1;
        for (int g = 0; g < gens && x < area.x + area.w - px(a, 40); g++) {
            const float cy = (float)y + (float)line / 2;
            gfx_ring(a->r, (float)x + rad, cy, rad, 3.0f * a->scale, gen_colour(g));
            x += (int)(2 * rad) + px(a, 4);
            snprintf(buf, sizeof buf, "%d", g);
            x += gfx_text(f, GFX_FONT_BODY, x, y, a->style.text, GFX_ALIGN_LEFT, buf) + px(a, 12);
        }
    } else {
        gfx_text_wrap(f, GFX_FONT_BODY, (SDL_Rect){ area.x, y, area.w, tried_h }, a->style.text, tried_s, 1);
    }
}
