/* app/ui/ui_number.c - number fields: [label] [-] [value] [+].
 *
 * Three ways to change the value, all clamped to [lo, hi]: the -/+ buttons,
 * Left/Right (or Down/Up) while focused, and typing. Typing starts with a
 * click on the value (or Enter while focused); the first character replaces
 * the old text, Enter or moving the focus away commits, Escape cancels.
 * Integers and floats share one implementation on doubles.
 */
#include "ui/ui_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/axes.h"
#include "draw/prim.h"

static double clampd(double v, double lo, double hi)
{
    if (isnan(v)) return lo;
    return v < lo ? lo : v > hi ? hi : v;
}

static void format_num(char *buf, size_t n, double v, int is_int)
{
    if (is_int) snprintf(buf, n, "%.0f", v);
    else gfx_format_value(buf, n, v, 4);
}

/* A small square button inside the field; returns 1 when clicked. */
static int step_button(ui_context *ctx, ui_id id, ui_id key, SDL_Rect r, const char *sign, int locked)
{
    int st = locked ? UI_DISABLED : ui__control(ctx, id, key, r, 0);
    ui__note(ctx, UI_W_STEP, id, sign[0] == '+' ? "+" : "-", r, 0, 0, st);
    ui__frame(ctx, r, st, 0, 0);
    ui__text_in(ctx, r, GFX_FONT_BOLD, ui__text_color(ctx, st), GFX_ALIGN_CENTER, sign);
    return (st & UI_CLICKED) != 0;
}

static int number(ui_context *ctx, const char *label, double *v, double lo, double hi,
                  double step, int is_int)
{
    ui_id id = ui_label_id(label), key = id;   /* never the value's address: see ui.h */
    if (ui__hidden(ctx, id, key)) return 0;
    SDL_Rect cell = ui_layout_next(ctx);
    if (ui__skip(ctx, cell)) return 0;
    int locked = ui__is_locked(ctx, id, key);
    SDL_Rect r = ui__label_left(ctx, cell, label, locked ? UI_DISABLED : 0, 130);
    int bw = r.h;
    SDL_Rect minus = { r.x, r.y, bw, r.h }, plus = { r.x + r.w - bw, r.y, bw, r.h };
    SDL_Rect field = { r.x + bw, r.y, r.w - 2 * bw, r.h };
    double old = *v;
    if (step_button(ctx, id ^ 0x2Du, 0, minus, "\xE2\x88\x92", locked)) *v -= step;   /* U+2212 minus */
    if (step_button(ctx, id ^ 0x2Bu, 0, plus, "+", locked)) *v += step;
    int st = ui__control(ctx, id, key, field, 1);
    ui__note(ctx, UI_W_NUMBER, id, label, field, 0, 0, st);
    ctx->last_rect = r;   /* tooltips anchor on the whole control */
    int editing = ctx->edit_id == id;

    if (editing && !(st & UI_FOCUSED)) {           /* focus moved away: commit */
        char *end;
        double x = strtod(ctx->edit, &end);
        if (end != ctx->edit) *v = is_int ? round(x) : x;
        ctx->edit_id = 0;
        editing = 0;
    } else if (editing) {
        size_t len = strlen(ctx->edit);
        for (const char *c = ctx->text; *c; c++) {
            if (!strchr("0123456789.-+eE", *c)) continue;   /* ignore letters, spaces */
            if (ctx->edit_fresh) { len = 0; ctx->edit_fresh = 0; }
            if (len + 1 < sizeof ctx->edit) ctx->edit[len++] = *c;
        }
        ctx->edit[len] = 0;
        if ((ctx->keys & UI_KEY_BACKSPACE) && len > 0) {
            ctx->edit[len - 1] = 0;
            ctx->edit_fresh = 0;
        }
        if (ctx->keys & UI_KEY_ESCAPE) {
            ctx->edit_id = 0;
            editing = 0;
        } else if (ctx->keys & UI_KEY_ACTIVATE) {
            char *end;
            double x = strtod(ctx->edit, &end);
            if (end != ctx->edit) *v = is_int ? round(x) : x;
            ctx->edit_id = 0;
            editing = 0;
        }
    } else if ((st & UI_PRESSED) || ((st & UI_FOCUSED) && (ctx->keys & UI_KEY_ACTIVATE))) {
        ctx->edit_id = id;
        format_num(ctx->edit, sizeof ctx->edit, *v, is_int);
        ctx->edit_fresh = 1;
        editing = 1;
    } else if (st & UI_FOCUSED) {
        if (ctx->keys & (UI_KEY_RIGHT | UI_KEY_UP)) *v += step;
        if (ctx->keys & (UI_KEY_LEFT | UI_KEY_DOWN)) *v -= step;
    }
    *v = clampd(*v, lo, hi);

    const ui_theme *t = &ctx->theme;
    gfx_fill_rect(ctx->r, field, editing ? t->bg : (st & UI_HOVER) ? t->widget_hot : t->widget);
    gfx_rect_outline(ctx->r, field, 1, editing ? t->accent : t->border);
    char buf[40];
    if (editing) snprintf(buf, sizeof buf, "%s|", ctx->edit);   /* a visible caret */
    else format_num(buf, sizeof buf, *v, is_int);
    ui__text_in(ctx, field, GFX_FONT_BODY, ui__text_color(ctx, st), GFX_ALIGN_CENTER, buf);
    ui__outlines(ctx, r, st & ~UI_HOVER, id, key);
    return *v != old;
}

int ui_number_int(ui_context *ctx, const char *label, int *v, int lo, int hi, int step)
{
    double d = *v;
    int changed = number(ctx, label, &d, lo, hi, step > 0 ? step : 1, 1);
    *v = (int)d;
    return changed;
}

int ui_number_float(ui_context *ctx, const char *label, float *v, float lo, float hi, float step)
{
    double d = *v;
    int changed = number(ctx, label, &d, lo, hi, step > 0.0f ? step : (hi - lo) / 100.0f, 0);
    *v = (float)d;
    return changed;
}
