/* app/ui/ui_dropdown.c - a closed box showing the choice; a list that opens
 * over everything else.
 *
 * The list is drawn in ui_end (after all widgets) so it covers them. Its
 * rectangle is remembered for the next frame, where it blocks the widgets
 * underneath from seeing the mouse: a click on an item must not also press
 * the button that happens to be drawn below it.
 */
#include "ui/ui_internal.h"

#include "draw/prim.h"

static int item_height(const ui_context *ctx) { return ui_px(ctx, UI_ROW_HEIGHT); }

/* The list below the box, or above it when the window is too short. */
static SDL_Rect list_rect(const ui_context *ctx, SDL_Rect box, int n)
{
    int w = 0, h = 0, ih = item_height(ctx);
    if (ctx->r) SDL_GetRendererOutputSize(ctx->r, &w, &h);
    SDL_Rect l = { box.x, box.y + box.h, box.w, ih * n };
    if (l.y + l.h > h && box.y - l.h >= 0) l.y = box.y - l.h;
    return l;
}

static void arrow(ui_context *ctx, SDL_Rect box, SDL_Color c, int up)
{
    float s = ctx->scale, cx = (float)(box.x + box.w) - 16.0f * s, cy = (float)box.y + (float)box.h * 0.5f;
    float a = 6.0f * s, b = up ? -3.5f * s : 3.5f * s;
    gfx_triangle(ctx->r, (SDL_FPoint){ cx - a, cy - b }, (SDL_FPoint){ cx + a, cy - b },
                 (SDL_FPoint){ cx, cy + b }, c);
}

int ui_dropdown(ui_context *ctx, const char *label, int *selected, const char *const *items, int n)
{
    SDL_Rect cell = ui_layout_next(ctx);
    if (ui__skip(ctx, cell)) return 0;
    ui_id id = ui_make_id(label, selected), key = ui_label_id(label);
    int pre = ui__is_locked(ctx, id, key) ? UI_DISABLED : 0;
    SDL_Rect box = ui__label_left(ctx, cell, label, pre);
    int st = ui__control(ctx, id, key, box, 1), old = *selected;
    int open = ctx->popup_id == id;
    if (n <= 0) return 0;
    if (st & UI_DISABLED) open = 0, ctx->popup_id = ctx->popup_id == id ? 0 : ctx->popup_id;

    if (open) {
        SDL_Rect list = list_rect(ctx, box, n);
        int ih = item_height(ctx);
        if (ui__point_in(ctx->mx, ctx->my, list)) ctx->popup_hover = (ctx->my - list.y) / ih;
        if (ctx->keys & UI_KEY_DOWN) ctx->popup_hover = ctx->popup_hover + 1 < n ? ctx->popup_hover + 1 : n - 1;
        if (ctx->keys & UI_KEY_UP) ctx->popup_hover = ctx->popup_hover > 0 ? ctx->popup_hover - 1 : 0;
        if (ctx->mouse_pressed && ui__point_in(ctx->mx, ctx->my, list)) {
            *selected = ctx->popup_hover;
            ctx->popup_id = 0;
            ctx->mouse_claimed = 1;
        } else if ((st & UI_FOCUSED) && (ctx->keys & UI_KEY_ACTIVATE)) {
            *selected = ctx->popup_hover;
            ctx->popup_id = 0;
        } else if (ctx->keys & UI_KEY_ESCAPE) {
            ctx->popup_id = 0;
        } else if (st & UI_PRESSED) {
            ctx->popup_id = 0;              /* a second click on the box closes it */
        } else if (ctx->mouse_pressed) {
            ctx->popup_id = 0;              /* a click anywhere else closes it */
        }
        if (ctx->popup_id == id) {
            ctx->popup_rect = list;
            ctx->popup_items = items;
            ctx->popup_n = n;
            ctx->popup_sel = *selected;
            ctx->popup_drawn = 1;
        }
    } else if (!(st & UI_DISABLED)) {
        int opens = (st & UI_PRESSED) || ((st & UI_FOCUSED) && (ctx->keys & UI_KEY_ACTIVATE));
        if (opens) {
            ctx->popup_id = id;
            ctx->popup_hover = *selected;
            ctx->popup_rect = list_rect(ctx, box, n);
            ctx->popup_items = items;
            ctx->popup_n = n;
            ctx->popup_sel = *selected;
            ctx->popup_drawn = 1;
        } else if (st & UI_FOCUSED) {
            /* closed: Left/Right step through the choices without opening */
            if (ctx->keys & UI_KEY_RIGHT) *selected = *selected + 1 < n ? *selected + 1 : n - 1;
            if (ctx->keys & UI_KEY_LEFT) *selected = *selected > 0 ? *selected - 1 : 0;
        }
    }
    if (*selected < 0 || *selected >= n) *selected = 0;
    ui__frame(ctx, box, st, id, key);
    SDL_Rect clip = { box.x, box.y, box.w - ui_px(ctx, 28), box.h };
    SDL_Rect old_clip;
    int had = SDL_RenderIsClipEnabled(ctx->r);
    SDL_RenderGetClipRect(ctx->r, &old_clip);
    if (had && !SDL_IntersectRect(&clip, &old_clip, &clip)) clip = (SDL_Rect){ 0, 0, 0, 0 };
    SDL_RenderSetClipRect(ctx->r, &clip);
    ui__text_in(ctx, box, GFX_FONT_BODY, ui__text_color(ctx, st), GFX_ALIGN_LEFT, items[*selected]);
    SDL_RenderSetClipRect(ctx->r, had ? &old_clip : NULL);
    arrow(ctx, box, ui__text_color(ctx, st), ctx->popup_id == id);
    return *selected != old;
}

void ui__draw_popup(ui_context *ctx)
{
    const ui_theme *t = &ctx->theme;
    SDL_Rect l = ctx->popup_rect;
    int ih = item_height(ctx), s = ui_px(ctx, 4);
    SDL_RenderSetClipRect(ctx->r, NULL);   /* the list may extend past the panel */
    gfx_fill_rect(ctx->r, (SDL_Rect){ l.x + s, l.y + s, l.w, l.h }, (SDL_Color){ 0, 0, 0, 110 });
    gfx_fill_rect(ctx->r, l, t->panel);
    for (int i = 0; i < ctx->popup_n; i++) {
        SDL_Rect it = { l.x, l.y + i * ih, l.w, ih };
        if (i == ctx->popup_hover) gfx_fill_rect(ctx->r, it, t->accent);
        else if (i == ctx->popup_sel) gfx_fill_rect(ctx->r, it, t->widget_active);
        ui__text_in(ctx, it, i == ctx->popup_sel ? GFX_FONT_BOLD : GFX_FONT_BODY,
                    i == ctx->popup_hover ? t->on_accent : t->text, GFX_ALIGN_LEFT, ctx->popup_items[i]);
    }
    gfx_rect_outline(ctx->r, l, ui_px(ctx, 2) > 1 ? ui_px(ctx, 2) : 1, t->border);
}
