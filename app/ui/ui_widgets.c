/* app/ui/ui_widgets.c - labels, buttons, toggles, sliders, tabs. */
#include "ui/ui_internal.h"

#include <math.h>

#include "draw/axes.h"
#include "draw/prim.h"

void ui_label(ui_context *ctx, const char *text)
{
    if (ui__hidden(ctx, ui_label_id(text), 0)) return;
    SDL_Rect r = ui_layout_next(ctx);
    if (ui__skip(ctx, r)) return;
    ui__text_in(ctx, (SDL_Rect){ r.x - ui_px(ctx, 8), r.y, r.w, r.h }, GFX_FONT_BODY, ctx->theme.text_dim,
                GFX_ALIGN_LEFT, text);
}

void ui_heading(ui_context *ctx, const char *text)
{
    if (ui__hidden(ctx, ui_label_id(text), 0)) return;
    SDL_Rect r = ui_layout_next(ctx);
    if (ui__skip(ctx, r)) return;
    ui__text_in(ctx, (SDL_Rect){ r.x - ui_px(ctx, 8), r.y, r.w, r.h }, GFX_FONT_TITLE, ctx->theme.text,
                GFX_ALIGN_LEFT, text);
}

int ui_button(ui_context *ctx, const char *label)
{
    ui_id id = ui_make_id(label, NULL), key = id;
    if (ui__hidden(ctx, id, key)) return 0;
    SDL_Rect r = ui_layout_next(ctx);
    if (ui__skip(ctx, r)) return 0;
    int st = ui__control(ctx, id, key, r, 1);
    ui__note(ctx, UI_W_BUTTON, id, label, r, 0, 0, st);
    char buf[128];
    ui__frame(ctx, r, st, id, key);
    ui__text_in(ctx, r, GFX_FONT_BODY, ui__text_color(ctx, st), GFX_ALIGN_CENTER, ui__display(label, buf, sizeof buf));
    return (st & UI_CLICKED) || ((st & UI_FOCUSED) && (ctx->keys & UI_KEY_ACTIVATE));
}

/* Shared by checkbox and switch: flips *value on click or Space/Enter. */
static int toggle(ui_context *ctx, const char *label, int *value, int as_switch)
{
    ui_id id = ui_label_id(label), key = id;
    if (ui__hidden(ctx, id, key)) return 0;
    SDL_Rect r = ui_layout_next(ctx);
    if (ui__skip(ctx, r)) return 0;
    int st = ui__control(ctx, id, key, r, 1);
    ui__note(ctx, as_switch ? UI_W_SWITCH : UI_W_CHECKBOX, id, label, r, 0, 0, st);
    int changed = (st & UI_CLICKED) || ((st & UI_FOCUSED) && (ctx->keys & UI_KEY_ACTIVATE));
    if (changed) *value = !*value;
    const ui_theme *t = &ctx->theme;
    float s = ctx->scale;
    int box = r.h * 3 / 5, cy = r.y + r.h / 2;
    SDL_Color on = (st & UI_DISABLED) ? gfx_fade(t->accent, 0.4f) : t->accent;
    SDL_Rect mark;
    if (as_switch) {
        /* a pill with a knob: knob on the right and accent fill when on */
        mark = (SDL_Rect){ r.x, cy - box / 2, box * 2, box };
        float rad = (float)box * 0.5f, x0 = (float)mark.x + rad, x1 = (float)(mark.x + mark.w) - rad;
        SDL_Color track = *value ? on : ((st & UI_HOVER) ? t->widget_hot : t->widget);
        gfx_line(ctx->r, x0, (float)cy, x1, (float)cy, (float)box, track);
        gfx_disc(ctx->r, x0, (float)cy, rad, track);
        gfx_disc(ctx->r, x1, (float)cy, rad, track);
        gfx_disc(ctx->r, *value ? x1 : x0, (float)cy, rad - 3.0f * s, *value ? t->on_accent : t->text);
    } else {
        mark = (SDL_Rect){ r.x, cy - box / 2, box, box };
        gfx_fill_rect(ctx->r, mark, *value ? on : ((st & UI_HOVER) ? t->widget_hot : t->widget));
        gfx_rect_outline(ctx->r, mark, 1 + (int)(s >= 1.5f), t->border);
        if (*value) {   /* a tick drawn with two thick antialiased strokes */
            float x = (float)mark.x, y = (float)mark.y, b = (float)box, w = fmaxf(2.0f, 0.14f * b);
            gfx_line(ctx->r, x + 0.2f * b, y + 0.52f * b, x + 0.42f * b, y + 0.74f * b, w, t->on_accent);
            gfx_line(ctx->r, x + 0.42f * b, y + 0.74f * b, x + 0.8f * b, y + 0.28f * b, w, t->on_accent);
        }
    }
    ui__outlines(ctx, r, st, id, key);
    char buf[128];
    SDL_Rect text = { mark.x + mark.w + ui_px(ctx, 2), r.y, r.w - mark.w, r.h };
    ui__text_in(ctx, text, GFX_FONT_BODY, ui__text_color(ctx, st), GFX_ALIGN_LEFT, ui__display(label, buf, sizeof buf));
    return changed;
}

int ui_checkbox(ui_context *ctx, const char *label, int *value) { return toggle(ctx, label, value, 0); }
int ui_switch(ui_context *ctx, const char *label, int *value) { return toggle(ctx, label, value, 1); }

/* ---- sliders ------------------------------------------------------------------- */

float ui_slider_value_to_pos(float v, float lo, float hi, int log)
{
    double p;
    if (!(hi > lo)) return 0.0f;
    if (log && lo > 0.0f) {
        if (!(v > 0.0f)) return 0.0f;
        p = (log10((double)v) - log10((double)lo)) / (log10((double)hi) - log10((double)lo));
    } else {
        p = ((double)v - lo) / ((double)hi - lo);
    }
    if (isnan(p)) return 0.0f;
    return (float)(p < 0.0 ? 0.0 : p > 1.0 ? 1.0 : p);
}

float ui_slider_pos_to_value(float pos, float lo, float hi, int log)
{
    double p = isnan(pos) ? 0.0 : pos < 0.0f ? 0.0 : pos > 1.0f ? 1.0 : pos;
    if (log && lo > 0.0f && hi > lo) {
        double l0 = log10((double)lo), l1 = log10((double)hi);
        return (float)pow(10.0, l0 + (l1 - l0) * p);
    }
    return (float)((double)lo + ((double)hi - lo) * p);
}

static float snap(float v, float lo, float hi, float step)
{
    if (step > 0.0f) v = lo + step * roundf((v - lo) / step);
    return v < lo ? lo : v > hi ? hi : v;
}

int ui_slider_ex(ui_context *ctx, const char *label, float *v, float lo, float hi, float step, int log)
{
    ui_id id = ui_label_id(label), key = id;
    if (ui__hidden(ctx, id, key)) return 0;
    SDL_Rect cell = ui_layout_next(ctx);
    if (ui__skip(ctx, cell)) return 0;
    const ui_theme *t = &ctx->theme;
    int pre = ui__is_locked(ctx, id, key) ? UI_DISABLED : 0;
    SDL_Rect r = ui__label_left(ctx, cell, label, pre, 150);
    const int stacked = ctx->stacked_cell.w > 0;
    /* the value text gets a fixed slot so the track does not jump as digits
     * change: right of the track, or right of the label when that is above */
    int vw = gfx_text_width(ctx->fonts, GFX_FONT_BODY, "0.0000") + ui_px(ctx, 10);
    SDL_Rect track = { r.x, r.y, r.w - (stacked ? 0 : vw), r.h };
    SDL_Rect value = stacked ? (SDL_Rect){ cell.x + cell.w - vw, cell.y, vw, r.y - cell.y }
                             : (SDL_Rect){ track.x + track.w, r.y, vw, r.h };
    int st = ui__control(ctx, id, key, track, 1);
    float old = *v, pos = ui_slider_value_to_pos(*v, lo, hi, log);
    float knob = 9.0f * ctx->scale, x0 = (float)track.x + knob, x1 = (float)(track.x + track.w) - knob;
    ui__note(ctx, UI_W_SLIDER, id, label, (SDL_Rect){ (int)ceilf(x0), track.y, (int)(x1 - ceilf(x0)), track.h }, 0, 0, st);
    if ((st & UI_ACTIVE) && x1 > x0) {
        float p = ((float)ctx->mx - x0) / (x1 - x0);
        *v = snap(ui_slider_pos_to_value(p, lo, hi, log), lo, hi, log ? 0.0f : step);
    }
    if (st & UI_FOCUSED) {
        int dir = ((ctx->keys & UI_KEY_RIGHT) ? 1 : 0) - ((ctx->keys & UI_KEY_LEFT) ? 1 : 0);
        if (dir && !log && step > 0.0f) *v = snap(*v + (float)dir * step, lo, hi, step);
        else if (dir) {
            /* 1/50 of the track per key press: 0.1 decade on 1e-4..10 */
            *v = ui_slider_pos_to_value(pos + (float)dir * 0.02f, lo, hi, log);
            if (!log) *v = snap(*v, lo, hi, step);
        }
    }
    if (!(*v >= lo)) *v = lo;   /* also repairs NaN */
    if (*v > hi) *v = hi;
    pos = ui_slider_value_to_pos(*v, lo, hi, log);

    float cy = (float)track.y + (float)track.h * 0.5f, kx = x0 + (x1 - x0) * pos;
    float thick = 6.0f * ctx->scale;
    SDL_Color fill = (st & UI_DISABLED) ? gfx_fade(t->accent, 0.35f) : t->accent;
    gfx_line(ctx->r, x0, cy, x1, cy, thick, (st & UI_HOVER) ? t->widget_active : t->widget_hot);
    gfx_line(ctx->r, x0, cy, kx, cy, thick, fill);
    gfx_disc(ctx->r, kx, cy, knob + ((st & UI_ACTIVE) ? 2.0f * ctx->scale : 0.0f),
             (st & UI_DISABLED) ? t->text_disabled : t->text);
    ui__outlines(ctx, track, st, id, key);
    char buf[32];
    gfx_format_value(buf, sizeof buf, *v, 3);
    ui__text_in(ctx, value, stacked ? GFX_FONT_SMALL : GFX_FONT_BODY, ui__text_color(ctx, st), GFX_ALIGN_RIGHT, buf);
    return *v != old;
}

int ui_slider(ui_context *ctx, const char *label, float *v, float lo, float hi)
{
    return ui_slider_ex(ctx, label, v, lo, hi, 0.0f, 0);
}

int ui_slider_log(ui_context *ctx, const char *label, float *v, float lo, float hi)
{
    return ui_slider_ex(ctx, label, v, lo, hi, 0.0f, 1);
}

/* ---- tabs ------------------------------------------------------------------------- */

/* Tab edges: equal widths when every label fits its share; otherwise (a
 * narrow panel at a projector's zoom) widths follow the labels in the small
 * font, so "Training" is not cut to "Traini". Returns the font to use. */
enum { MAX_TABS = 16 };
static gfx_font_id tab_edges(ui_context *ctx, SDL_Rect r, const char *const *labels, int n, int *x)
{
    const int pad = ui_px(ctx, 8);
    int fits = 1, total = 0, need[MAX_TABS];
    for (int i = 0; i < n; i++) {
        if (gfx_text_width(ctx->fonts, GFX_FONT_BOLD, labels[i]) + pad > r.w / n) fits = 0;
        need[i] = gfx_text_width(ctx->fonts, GFX_FONT_SMALL, labels[i]) + pad;
        total += need[i];
    }
    for (int i = 0, acc = 0; i <= n; i++) {
        x[i] = fits || total <= 0 ? r.x + r.w * i / n : r.x + (int)((long)r.w * acc / total);
        if (i < n) acc += need[i];
    }
    return fits ? GFX_FONT_BODY : GFX_FONT_SMALL;
}

int ui_tabs(ui_context *ctx, const char *id_label, const char *const *labels, int n, int *selected)
{
    ui_id id = ui_label_id(id_label), key = id;
    if (ui__hidden(ctx, id, key)) return 0;
    SDL_Rect r = ui_layout_next(ctx);
    if (ui__skip(ctx, r)) return 0;
    int st = ui__control(ctx, id, key, r, 1), old = *selected;
    if (n <= 0) return 0;
    if (n > MAX_TABS) n = MAX_TABS;
    int x[MAX_TABS + 1];
    const gfx_font_id body = tab_edges(ctx, r, labels, n, x);
    const ui_theme *t = &ctx->theme;
    if ((st & UI_PRESSED) && r.w > 0)
        for (int i = 0; i < n; i++) if (ctx->mx >= x[i] && ctx->mx < x[i + 1]) *selected = i;
    if (st & UI_FOCUSED) {
        if (ctx->keys & UI_KEY_RIGHT) *selected = *selected + 1;
        if (ctx->keys & UI_KEY_LEFT) *selected = *selected - 1;
    }
    if (*selected < 0) *selected = 0;
    if (*selected >= n) *selected = n - 1;
    int under = ui_px(ctx, 4) > 3 ? ui_px(ctx, 4) : 3;
    SDL_Rect old_clip;
    int had = SDL_RenderIsClipEnabled(ctx->r);
    SDL_RenderGetClipRect(ctx->r, &old_clip);
    for (int i = 0; i < n; i++) {
        SDL_Rect tab = { x[i], r.y, x[i + 1] - x[i], r.h };
        ui__note(ctx, UI_W_TAB, id, labels[i], tab, i, n, st);
        ui__note_selected(ctx, *selected);
        int sel = i == *selected;
        int hov = (st & UI_HOVER) && ui__point_in(ctx->mx, ctx->my, tab);
        gfx_fill_rect(ctx->r, tab, sel ? t->widget_active : hov ? t->widget_hot : t->widget);
        if (sel) gfx_fill_rect(ctx->r, (SDL_Rect){ tab.x, tab.y + tab.h - under, tab.w, under }, t->accent);
        gfx_rect_outline(ctx->r, tab, 1, t->border);
        SDL_Color c = (st & UI_DISABLED) ? t->text_disabled : sel ? t->text : t->text_dim;
        SDL_Rect clip = tab;   /* a label wider than its tab (very narrow) stays in it */
        if (had && !SDL_IntersectRect(&tab, &old_clip, &clip)) clip = (SDL_Rect){ 0, 0, 0, 0 };
        SDL_RenderSetClipRect(ctx->r, &clip);
        gfx_font_id font = sel && body == GFX_FONT_BODY ? GFX_FONT_BOLD : body;
        int fits = gfx_text_width(ctx->fonts, font, labels[i]) + ui_px(ctx, 8) <= tab.w;
        ui__text_in(ctx, tab, font, c, fits ? GFX_ALIGN_CENTER : GFX_ALIGN_LEFT, labels[i]);   /* cut: keep its start */
        SDL_RenderSetClipRect(ctx->r, had ? &old_clip : NULL);
    }
    ui__outlines(ctx, r, st, id, key);
    return *selected != old;
}
