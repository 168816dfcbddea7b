/* app/ui/ui_dropdown.c - a closed box showing the choice; a list that opens
 * over everything else.
 *
 * The list is drawn in ui_end (after all widgets) so it covers them. Its
 * rectangle is remembered for the next frame, where it blocks the widgets
 * underneath from seeing the mouse: a click on an item must not also press
 * the button that happens to be drawn below it.
 *
 * Placement: below the box when the whole list fits there, above when it
 * fits there instead; otherwise on the side with more room, as many rows as
 * fit, and the list scrolls (popup_scroll is the first row shown). It never
 * extends past the window.
 */
#include <stdlib.h>
#include <string.h>

#include "ui/ui_internal.h"

#include "draw/prim.h"

static int item_height(const ui_context *ctx) { return ui_px(ctx, UI_ROW_HEIGHT); }

/* The list's rectangle for n items next to box; *rows gets how many rows show.
 * At least as wide as the box, wider when an item's words need it (a narrow
 * box such as the top bar's File list), so no item is cut. */
static SDL_Rect list_rect(const ui_context *ctx, SDL_Rect box, const char *const *items, int n, int *rows)
{
    int w = 0, h = 0, ih = item_height(ctx);
    if (ctx->r) SDL_GetRendererOutputSize(ctx->r, &w, &h);
    SDL_Rect l = { box.x, box.y + box.h, box.w, ih * n };
    for (int i = 0; ctx->fonts && i < n; i++) {
        const int need = gfx_text_width(ctx->fonts, GFX_FONT_BOLD, items[i]) + ui_px(ctx, 28);
        if (need > l.w) l.w = need;
    }
    int r = n;
    if (h > 0 && ih > 0) {
        const int below = h - (box.y + box.h), above = box.y;
        if (ih * n <= below) {
            r = n;
        } else if (ih * n <= above) {
            r = n;
            l.y = box.y - ih * n;
        } else if (below >= above) {
            r = below / ih;
        } else {
            r = above / ih;
            l.y = box.y - ih * (r < 1 ? 1 : r);
        }
        if (r < 1) r = 1;
        if (r > h / ih && h / ih >= 1) r = h / ih;
        l.h = ih * r;
        if (l.y + l.h > h) l.y = h - l.h;    /* a box at the very edge of a tiny window */
        if (l.y < 0) l.y = 0;
    }
    if (w > 0) {
        if (l.w > w) l.w = w;
        if (l.x + l.w > w) l.x = w - l.w;
        if (l.x < 0) l.x = 0;
    }
    *rows = r;
    return l;
}

static void arrow(ui_context *ctx, SDL_Rect box, SDL_Color c, int up)
{
    float s = ctx->scale, cx = (float)(box.x + box.w) - 16.0f * s, cy = (float)box.y + (float)box.h * 0.5f;
    float a = 6.0f * s, b = up ? -3.5f * s : 3.5f * s;
    gfx_triangle(ctx->r, (SDL_FPoint){ cx - a, cy - b }, (SDL_FPoint){ cx + a, cy - b },
                 (SDL_FPoint){ cx, cy + b }, c);
}

/* Scroll so item i is among the rows shown, and keep the scroll in range. */
static void scroll_to(ui_context *ctx, int i, int n)
{
    int rows = ctx->popup_rows > 0 ? ctx->popup_rows : 1;
    if (i < ctx->popup_scroll) ctx->popup_scroll = i;
    if (i >= ctx->popup_scroll + rows) ctx->popup_scroll = i - rows + 1;
    if (ctx->popup_scroll > n - rows) ctx->popup_scroll = n - rows;
    if (ctx->popup_scroll < 0) ctx->popup_scroll = 0;
}

/* Copy the items into the context: the list is drawn in ui_end, when the
 * caller's array (and the strings, often formatted into a local buffer) may
 * be gone. Returns 0 when out of memory (the list then stays closed). */
static int own_items(ui_context *ctx, const char *const *items, int n)
{
    size_t bytes = 0;
    for (int i = 0; i < n; i++) bytes += strlen(items[i] ? items[i] : "") + 1;
    if (n > ctx->popup_items_cap) {
        const char **grown = realloc(ctx->popup_items, (size_t)n * sizeof *grown);
        if (!grown) return 0;
        ctx->popup_items = grown;
        ctx->popup_items_cap = n;
    }
    if (bytes > ctx->popup_text_cap) {
        char *grown = realloc(ctx->popup_text, bytes);
        if (!grown) return 0;
        ctx->popup_text = grown;
        ctx->popup_text_cap = bytes;
    }
    char *at = ctx->popup_text;
    for (int i = 0; i < n; i++) {
        const char *s = items[i] ? items[i] : "";
        const size_t len = strlen(s) + 1;
        memcpy(at, s, len);
        ctx->popup_items[i] = at;
        at += len;
    }
    return 1;
}

static void publish(ui_context *ctx, SDL_Rect list, const char *const *items, int n, int sel)
{
    if (!own_items(ctx, items, n)) {
        ctx->popup_id = 0;
        return;
    }
    ctx->popup_rect = list;
    ctx->popup_n = n;
    ctx->popup_sel = sel;
    ctx->popup_drawn = 1;
}

int ui_dropdown(ui_context *ctx, const char *label, int *selected, const char *const *items, int n)
{
    ui_id id = ui_label_id(label), key = id;
    if (ui__hidden(ctx, id, key)) return 0;
    SDL_Rect cell = ui_layout_next(ctx);
    if (ui__skip(ctx, cell)) return 0;
    int pre = ui__is_locked(ctx, id, key) ? UI_DISABLED : 0;
    SDL_Rect box = ui__label_left(ctx, cell, label, pre, 110);
    int st = ui__control(ctx, id, key, box, 1), old = *selected;
    ui__note(ctx, UI_W_DROPDOWN, id, label, box, 0, n, st);
    int open = ctx->popup_id == id;
    if (n <= 0) return 0;
    if (st & UI_DISABLED) open = 0, ctx->popup_id = ctx->popup_id == id ? 0 : ctx->popup_id;

    if (open) {
        int rows;
        SDL_Rect list = list_rect(ctx, box, items, n, &rows);
        int ih = item_height(ctx);
        ctx->popup_rows = rows;
        int over = ui__point_in(ctx->mx, ctx->my, list);
        if (over && ctx->wheel) {
            ctx->popup_scroll -= ctx->wheel;              /* wheel up shows earlier items */
            scroll_to(ctx, ctx->popup_scroll, n);
            ctx->popup_mx = -1;                           /* the item under the mouse changed */
        }
        /* The mouse picks the hovered item only when it moved (or the list scrolled
         * under it), so arrow keys work while the pointer rests on the list. */
        if (over && (ctx->mx != ctx->popup_mx || ctx->my != ctx->popup_my)) {
            int i = ctx->popup_scroll + (ctx->my - list.y) / ih;
            ctx->popup_hover = i < n ? i : n - 1;
        }
        ctx->popup_mx = ctx->mx;
        ctx->popup_my = ctx->my;
        /* Every press counts (several can arrive within one frame: key repeat,
         * a slow frame): Home/End first, then the steps. */
        int moved = 0, h = ctx->popup_hover;
        const int page = rows > 1 ? rows - 1 : 1;
        if (ctx->keys & UI_KEY_HOME) h = 0, moved = 1;
        if (ctx->keys & UI_KEY_END) h = n - 1, moved = 1;
        if (ctx->keys & (UI_KEY_UP | UI_KEY_DOWN | UI_KEY_PAGEUP | UI_KEY_PAGEDOWN)) {
            h += ctx->n_down - ctx->n_up + page * (ctx->n_pgdn - ctx->n_pgup);
            moved = 1;
        }
        if (moved) {
            ctx->popup_hover = h < 0 ? 0 : h >= n ? n - 1 : h;
            scroll_to(ctx, ctx->popup_hover, n);
        }
        scroll_to(ctx, ctx->popup_scroll, n);             /* keep in range if n or rows changed */
        if (ctx->mouse_pressed && over) {
            int i = ctx->popup_scroll + (ctx->my - list.y) / ih;
            *selected = i < n ? i : n - 1;
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
        if (ctx->popup_id == id) publish(ctx, list, items, n, *selected);
    } else if (!(st & UI_DISABLED)) {
        int opens = (st & UI_PRESSED) || ((st & UI_FOCUSED) && (ctx->keys & UI_KEY_ACTIVATE));
        if (opens) {
            int rows;
            SDL_Rect list = list_rect(ctx, box, items, n, &rows);
            ctx->popup_id = id;
            ctx->popup_hover = *selected >= 0 && *selected < n ? *selected : 0;
            ctx->popup_rows = rows;
            ctx->popup_scroll = ctx->popup_hover - rows / 2;   /* the current choice in the middle */
            scroll_to(ctx, ctx->popup_hover, n);
            ctx->popup_mx = ctx->mx;
            ctx->popup_my = ctx->my;
            publish(ctx, list, items, n, *selected);
        } else if (st & UI_FOCUSED) {
            /* closed: Left/Right step through the choices without opening */
            if (ctx->keys & UI_KEY_RIGHT) *selected = *selected + 1 < n ? *selected + 1 : n - 1;
            if (ctx->keys & UI_KEY_LEFT) *selected = *selected > 0 ? *selected - 1 : 0;
        }
    }
    if (*selected < 0 || *selected >= n) *selected = 0;
    ui__note_selected(ctx, *selected);
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
    int ih = item_height(ctx), s = ui_px(ctx, 4), n = ctx->popup_n;
    int rows = ctx->popup_rows > 0 && ctx->popup_rows < n ? ctx->popup_rows : n;
    int first = rows < n ? ctx->popup_scroll : 0;
    int bar_w = rows < n ? ui_px(ctx, 8) : 0;
    SDL_RenderSetClipRect(ctx->r, NULL);   /* the list may extend past the panel */
    gfx_fill_rect(ctx->r, (SDL_Rect){ l.x + s, l.y + s, l.w, l.h }, (SDL_Color){ 0, 0, 0, 110 });
    gfx_fill_rect(ctx->r, l, t->panel);
    SDL_Rect text_clip = { l.x, l.y, l.w - bar_w, l.h };
    for (int k = 0; k < rows && first + k < n; k++) {
        int i = first + k;
        SDL_Rect it = { l.x, l.y + k * ih, l.w - bar_w, ih };
        if (i == ctx->popup_hover) gfx_fill_rect(ctx->r, it, t->accent);
        else if (i == ctx->popup_sel) gfx_fill_rect(ctx->r, it, t->widget_active);
        SDL_RenderSetClipRect(ctx->r, &text_clip);
        ui__text_in(ctx, it, i == ctx->popup_sel ? GFX_FONT_BOLD : GFX_FONT_BODY,
                    i == ctx->popup_hover ? t->on_accent : t->text, GFX_ALIGN_LEFT, ctx->popup_items[i]);
        SDL_RenderSetClipRect(ctx->r, NULL);
    }
    if (bar_w) {   /* scroll bar: the thumb's share of the track is the share of items shown */
        SDL_Rect track = { l.x + l.w - bar_w, l.y, bar_w, l.h };
        int th = track.h * rows / n, max_first = n - rows;
        if (th < ui_px(ctx, 16)) th = ui_px(ctx, 16);
        int ty = track.y + (max_first > 0 ? (track.h - th) * first / max_first : 0);
        gfx_fill_rect(ctx->r, track, t->widget);
        gfx_fill_rect(ctx->r, (SDL_Rect){ track.x, ty, track.w, th }, t->text_dim);
    }
    gfx_rect_outline(ctx->r, l, ui_px(ctx, 2) > 1 ? ui_px(ctx, 2) : 1, t->border);
}
