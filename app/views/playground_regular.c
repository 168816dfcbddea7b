/* app/views/playground_regular.c - regularisation made visible (see playground_regular.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draw/axes.h"
#include "draw/prim.h"
#include "ui/ui.h"
#include "views/playground_regular.h"

static int px(const app *a, float v) { return (int)lroundf(v * a->scale); }

pg_spread pg_values_spread(const float *w, long n)
{
    pg_spread s = { 0, 0.0, 0.0, 0.0 };
    double sum = 0.0, sq = 0.0;
    for (long i = 0; i < n; i++) {
        if (!isfinite(w[i])) continue;
        sum += w[i];
        s.n++;
        if (fabs(w[i]) > s.max_abs) s.max_abs = fabs(w[i]);
    }
    if (s.n == 0) return s;
    s.mean = sum / (double)s.n;
    for (long i = 0; i < n; i++) if (isfinite(w[i])) sq += (w[i] - s.mean) * (w[i] - s.mean);
    s.std = sqrt(sq / (double)s.n);
    return s;
}

pg_spread pg_weight_spread(const nn_model *m)
{
    /* two passes over the layers (the mean first), as pg_values_spread does over one array */
    pg_spread s = { 0, 0.0, 0.0, 0.0 };
    const float *w = nn_model_params((nn_model *)m);
    double sum = 0.0, sq = 0.0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < nn_model_layer_count(m); i++) {
            const nn_layer_info li = nn_model_layer(m, i);
            for (size_t j = 0; j < li.n_weights; j++) {
                const float v = w[li.param_offset + j];
                if (!isfinite(v)) continue;
                if (pass == 0) {
                    sum += v;
                    s.n++;
                    if (fabs(v) > s.max_abs) s.max_abs = fabs(v);
                } else {
                    sq += (v - s.mean) * (v - s.mean);
                }
            }
            if (pass == 0 && i == nn_model_layer_count(m) - 1) s.mean = s.n ? sum / (double)s.n : 0.0;
        }
    s.std = s.n ? sqrt(sq / (double)s.n) : 0.0;
    return s;
}

static void bin_into(const float *w, long n, float range, float *counts)
{
    const double k = PG_WEIGHT_BINS / (2.0 * range);
    for (long i = 0; i < n; i++) {
        if (!isfinite(w[i])) continue;
        const double b = floor((w[i] + range) * k);
        counts[b < 0 ? 0 : b >= PG_WEIGHT_BINS ? PG_WEIGHT_BINS - 1 : (int)b] += 1.0f;
    }
}

long pg_weight_hist(const nn_model *m, float range, float *frac)
{
    memset(frac, 0, PG_WEIGHT_BINS * sizeof *frac);
    if (!(range > 0.0f)) return 0;
    const float *w = nn_model_params((nn_model *)m);
    long n = 0;
    for (int i = 0; i < nn_model_layer_count(m); i++) {
        const nn_layer_info li = nn_model_layer(m, i);
        bin_into(w + li.param_offset, (long)li.n_weights, range, frac);
    }
    for (int b = 0; b < PG_WEIGHT_BINS; b++) n += (long)frac[b];
    for (int b = 0; b < PG_WEIGHT_BINS && n; b++) frac[b] /= (float)n;
    return n;
}

void pg_dropout_scale_text(float p, char *out, size_t n)
{
    if (!(p > 0.0f && p < 1.0f)) { snprintf(out, n, "kept \xC3\x97" "1.0"); return; }
    /* two decimals, one when the second is 0: x2.0, x1.25, x1.67 */
    const double k = 1.0 / (1.0 - (double)p);
    char num[32];
    snprintf(num, sizeof num, "%.2f", k);
    const size_t len = strlen(num);
    if (len > 3 && num[len - 1] == '0') num[len - 1] = '\0';
    snprintf(out, n, "kept \xC3\x97%s", num);
}

void pg_early_stop_text(const nn_trainer_state *st, char *out, size_t n)
{
    if (!st->stopped) { if (n) out[0] = '\0'; return; }
    snprintf(out, n, "Early stop at epoch %d; weights restored from epoch %d", st->epoch, st->best_epoch);
}

int pg_weights_shown(const app *a)
{
    return a->s.open && a->s.cfg.train.l2 > 0.0f && !nn_config_is_images(&a->s.cfg);
}

/* Bars of one histogram of fractions in the data rectangle. */
static void bars(app *a, SDL_Rect in, const float *frac, float top, SDL_Color col)
{
    for (int i = 0; i < PG_WEIGHT_BINS; i++) {
        const int x0 = in.x + (int)lroundf((float)in.w * i / PG_WEIGHT_BINS);
        const int x1 = in.x + (int)lroundf((float)in.w * (i + 1) / PG_WEIGHT_BINS);
        const int h = (int)lroundf((float)in.h * fminf(frac[i], top) / top);
        if (h > 0 && x1 > x0) gfx_fill_rect(a->r, (SDL_Rect){ x0, in.y + in.h - h, x1 - x0, h }, col);
    }
}

void pg_draw_weights(app *a, SDL_Rect area)
{
    session *s = &a->s;
    if (!s->open || area.h < px(a, 40)) return;
    const nn_model *m = nn_trainer_model(s->run.trainer);
    const pg_spread now = pg_weight_spread(m);
    const pg_spread before = s->prev_w ? pg_values_spread(s->prev_w, s->prev_w_n) : (pg_spread){ 0, 0, 0, 0 };
    /* One range for both: four spreads of the wider run (or its widest weight,
     * if nearer), so the shrink shows; weights beyond it count in the end bars. */
    float range = (float)fmin(4.0 * fmax(now.std, before.std), fmax(now.max_abs, before.max_abs));
    if (!(range > 0.0f)) range = 1.0f;
    float cur[PG_WEIGHT_BINS], old[PG_WEIGHT_BINS] = { 0 };
    pg_weight_hist(m, range, cur);
    if (before.n) {
        bin_into(s->prev_w, s->prev_w_n, range, old);
        for (int b = 0; b < PG_WEIGHT_BINS; b++) old[b] /= (float)before.n;
    }
    float top = 0.0f;
    for (int b = 0; b < PG_WEIGHT_BINS; b++) top = fmaxf(top, fmaxf(cur[b], old[b]));
    top = top > 0.0f ? top * 1.08f : 1.0f;
    /* The spread under the bars: the current run's, then the previous run's, faint. */
    const int line = gfx_text_height(a->fonts, GFX_FONT_SMALL);
    char title[64], spread[96], prev[96];
    snprintf(title, sizeof title, "Weights (%ld)", now.n);
    gfx_frame fr = { .title = NULL, .x = { -range, range, 0 }, .y = { 0.0, top, 0 }, .no_x_ticks = 0 };
    const SDL_Rect plot = { area.x, area.y + line, area.w, area.h - line - (before.n ? 2 : 1) * line };
    gfx_text(a->fonts, GFX_FONT_SMALL, area.x + area.w / 2, area.y, a->style.text, GFX_ALIGN_CENTER, title);
    const SDL_Rect in = gfx_frame_draw(a->r, a->fonts, plot, &fr, &a->style);
    const SDL_Color c_now = pal_category(0);
    if (before.n) bars(a, in, old, top, gfx_fade(a->style.text_dim, 0.7f));
    bars(a, in, cur, top, gfx_fade(c_now, 0.85f));
    /* The spread as a bracket of one standard deviation either side of the mean. */
    const float x0 = gfx_axis_map(&fr.x, now.mean - now.std, (float)in.x, (float)(in.x + in.w));
    const float x1 = gfx_axis_map(&fr.x, now.mean + now.std, (float)in.x, (float)(in.x + in.w));
    const float y = (float)in.y + px(a, 3);
    gfx_polyline(a->r, (SDL_FPoint[]){ { x0, y + px(a, 5) }, { x0, y }, { x1, y }, { x1, y + px(a, 5) } }, 4,
                 2.0f * a->scale, a->style.text, 0.0f);
    snprintf(spread, sizeof spread, "\xCE\xBB = %g: spread (std) %.3f", (double)s->cfg.train.l2, now.std);
    int ty = plot.y + plot.h;
    gfx_text(a->fonts, GFX_FONT_SMALL, area.x + area.w / 2, ty, c_now, GFX_ALIGN_CENTER, spread);
    if (before.n) {
        snprintf(prev, sizeof prev, "previous run (\xCE\xBB = %g): %.3f", (double)s->prev_l2, before.std);
        gfx_text(a->fonts, GFX_FONT_SMALL, area.x + area.w / 2, ty + line, a->style.text_dim, GFX_ALIGN_CENTER, prev);
    }
}

void pg_draw_gap(app *a, SDL_Rect in, const gfx_frame *fr, double epoch, double train, double dev, int legend_rows)
{
    if (!(isfinite(train) && isfinite(dev) && dev >= 0.0 && train >= 0.0) || in.h <= 0) return;
    const float yt = gfx_axis_map(&fr->y, train, (float)(in.y + in.h - 1), (float)in.y);
    const float yd = gfx_axis_map(&fr->y, dev, (float)(in.y + in.h - 1), (float)in.y);
    if (!isfinite(yt) || !isfinite(yd)) return;
    char text[64];
    if (fr->y.lo >= 0.0 && fr->y.hi <= 1.0 && !fr->y.log)   /* accuracies: the gap in points */
        snprintf(text, sizeof text, "train \xE2\x88\x92 dev: %.0f%%", 100.0 * (train - dev));
    else
        snprintf(text, sizeof text, "dev \xE2\x88\x92 train: %.2f", dev - train);
    const int th = gfx_text_height(a->fonts, GFX_FONT_SMALL), tw = gfx_text_width(a->fonts, GFX_FONT_SMALL, text);
    const int pad = px(a, 6);
    /* the bracket at the curves' end, the words left of it between the two */
    float xe = gfx_axis_map(&fr->x, epoch, (float)in.x, (float)(in.x + in.w - 1));
    if (!isfinite(xe)) return;
    if (xe > (float)(in.x + in.w - px(a, 3))) xe = (float)(in.x + in.w - px(a, 3));
    gfx_polyline(a->r, (SDL_FPoint[]){ { xe - px(a, 5), yt }, { xe, yt }, { xe, yd }, { xe - px(a, 5), yd } }, 4,
                 2.0f * a->scale, a->style.text, 0.0f);
    int y = (int)((yt + yd) / 2) - th / 2;
    const int top = in.y + legend_rows * th + 3 * pad, bottom = in.y + in.h - 2 * th - pad;
    if (y < top) y = top;
    if (y > bottom) y = bottom;
    if (y < in.y) y = in.y;
    int x = (int)xe - px(a, 8) - tw;              /* left of the bracket, or right of it */
    if (x < in.x) x = (int)xe + px(a, 6);
    if (x + tw > in.x + in.w) return;
    gfx_fill_rect(a->r, (SDL_Rect){ x - 2, y, tw + 4, th }, gfx_fade(a->style.bg, 0.8f));
    gfx_text(a->fonts, GFX_FONT_SMALL, x, y, a->style.text, GFX_ALIGN_LEFT, text);
}

/* The hidden layers' drop probabilities: the scale text of each distinct one. */
static int dropout_on(const app *a) { return !nn_config_is_images(&a->s.cfg) && a->s.cfg.dropout[0] > 0.0f; }

void pg_draw_dropout_note(app *a, SDL_Rect first, SDL_Rect second)
{
    const nn_config *c = &a->s.cfg;
    int any = 0;
    for (int l = 0; l < c->n_hidden; l++) any |= c->dropout[l] > 0.0f;
    if (!a->s.open || nn_config_is_images(c) || !any) return;
    char scale[96] = "", one[32];
    size_t used = 0;
    for (int l = 0; l < c->n_hidden; l++) {
        pg_dropout_scale_text(c->dropout[l], one, sizeof one);
        if (l > 0 && c->dropout[l] == c->dropout[l - 1]) continue;
        used += (size_t)snprintf(scale + used, sizeof scale - used, "%s%s", l ? ", " : "", l ? one + 5 : one);
        if (used >= sizeof scale) break;
    }
    char line[160];
    const char *const firsts[] = { "\xC3\x97 = off in this mini-batch; the others %s = 1/keep",
                                   "\xC3\x97 off this batch, others %s", "%s" };
    for (int i = 0; i < 3; i++) {
        snprintf(line, sizeof line, firsts[i], scale);
        if (gfx_text_width(a->fonts, GFX_FONT_SMALL, line) <= first.w) break;
    }
    /* over the note on the strongest lines (the window's background, as under the diagram) */
    gfx_fill_rect(a->r, (SDL_Rect){ first.x, first.y, first.w, gfx_text_height(a->fonts, GFX_FONT_SMALL) },
                  ui_get_theme(a->ui)->bg);
    gfx_text(a->fonts, GFX_FONT_SMALL, first.x + first.w / 2, first.y, a->style.text, GFX_ALIGN_CENTER, line);
    if (second.h <= 0) return;
    const char *const seconds[] = { "neuron pictures and regions: evaluation, dropout off", "pictures: dropout off" };
    for (int i = 0; i < 2; i++)
        if (gfx_text_width(a->fonts, GFX_FONT_SMALL, seconds[i]) <= second.w) {
            gfx_text(a->fonts, GFX_FONT_SMALL, second.x + second.w / 2, second.y, a->style.text_dim, GFX_ALIGN_CENTER,
                     seconds[i]);
            break;
        }
}

void pg_draw_eval_badge(app *a, SDL_Rect square)
{
    if (!a->s.open || !dropout_on(a)) return;
    const char *text = "evaluation: dropout off";
    if (gfx_text_width(a->fonts, GFX_FONT_SMALL, text) + px(a, 12) > square.w) text = "dropout off";
    const int tw = gfx_text_width(a->fonts, GFX_FONT_SMALL, text), th = gfx_text_height(a->fonts, GFX_FONT_SMALL);
    const SDL_Rect box = { square.x + px(a, 4), square.y + px(a, 4), tw + px(a, 8), th + px(a, 4) };
    if (box.w > square.w) return;
    gfx_fill_rect(a->r, box, gfx_fade(a->style.bg, 0.85f));
    gfx_rect_outline(a->r, box, px(a, 1), a->style.text);
    gfx_text(a->fonts, GFX_FONT_SMALL, box.x + px(a, 4), box.y + px(a, 2), a->style.text, GFX_ALIGN_LEFT, text);
}

int pg_draw_early_stop(app *a, SDL_Rect line)
{
    const nn_trainer_state st = session_state(&a->s);
    char text[128];
    pg_early_stop_text(&st, text, sizeof text);
    if (!text[0]) return 0;
    if (gfx_text_width(a->fonts, GFX_FONT_BOLD, text) > line.w)
        snprintf(text, sizeof text, "Stopped at epoch %d; weights restored from epoch %d", st.epoch, st.best_epoch);
    if (gfx_text_width(a->fonts, GFX_FONT_BOLD, text) > line.w)
        snprintf(text, sizeof text, "Stopped at %d; weights restored from epoch %d", st.epoch, st.best_epoch);
    if (gfx_text_width(a->fonts, GFX_FONT_BOLD, text) > line.w)
        snprintf(text, sizeof text, "Weights restored from epoch %d", st.best_epoch);
    if (gfx_text_width(a->fonts, GFX_FONT_BOLD, text) > line.w)
        snprintf(text, sizeof text, "Restored from epoch %d", st.best_epoch);
    gfx_text(a->fonts, GFX_FONT_BOLD, line.x + line.w / 2, line.y, pal_category(1), GFX_ALIGN_CENTER, text);
    return 1;
}
