/* app/ui/ui_core.c - context, input, frame, focus, marks, shared drawing. */
#include "ui/ui_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "draw/prim.h"

ui_theme ui_theme_dark(void)
{
    return (ui_theme){
        .bg = { 18, 20, 26, 255 },          .panel = { 30, 33, 42, 255 },
        .border = { 84, 90, 106, 255 },     .text = { 242, 242, 242, 255 },
        .text_dim = { 178, 185, 199, 255 }, .text_disabled = { 112, 117, 128, 255 },
        .widget = { 50, 55, 69, 255 },      .widget_hot = { 66, 73, 91, 255 },
        .widget_active = { 86, 95, 118, 255 },
        .accent = { 86, 180, 233, 255 },    .on_accent = { 10, 12, 16, 255 },
        .focus = { 255, 255, 255, 255 },    .highlight = { 240, 228, 66, 255 },
        .tooltip_bg = { 250, 250, 245, 255 }, .tooltip_text = { 10, 10, 10, 255 },
        .plot = gfx_style_dark(),
    };
}

ui_theme ui_theme_light(void)
{
    return (ui_theme){
        .bg = { 255, 255, 255, 255 },       .panel = { 244, 244, 244, 255 },
        .border = { 0, 0, 0, 255 },         .text = { 0, 0, 0, 255 },
        .text_dim = { 45, 45, 45, 255 },    .text_disabled = { 140, 140, 140, 255 },
        .widget = { 226, 226, 226, 255 },   .widget_hot = { 204, 204, 204, 255 },
        .widget_active = { 178, 178, 178, 255 },
        .accent = { 0, 90, 160, 255 },      .on_accent = { 255, 255, 255, 255 },
        .focus = { 0, 0, 0, 255 },          .highlight = { 213, 94, 0, 255 },
        .tooltip_bg = { 20, 20, 20, 255 },  .tooltip_text = { 255, 255, 255, 255 },
        .plot = gfx_style_light(),
    };
}

ui_context *ui_create(SDL_Renderer *r, gfx_fonts *fonts)
{
    ui_context *ctx = calloc(1, sizeof *ctx);
    if (!ctx) return NULL;
    ctx->r = r;
    ctx->fonts = fonts;
    ctx->scale = gfx_fonts_scale(fonts);
    ctx->theme = ui_theme_dark();
    ctx->mx = ctx->my = -1;
    return ctx;
}

void ui_destroy(ui_context *ctx)
{
    if (!ctx) return;
    free(ctx->popup_items);
    free(ctx->popup_text);
    free(ctx);
}

void ui_set_scale(ui_context *ctx, float scale)
{
    gfx_fonts_set_scale(ctx->fonts, scale);
    ctx->scale = ctx->fonts ? gfx_fonts_scale(ctx->fonts)
                            : (scale < 0.5f ? 0.5f : scale > 4.0f ? 4.0f : scale);
}

float           ui_scale(const ui_context *ctx) { return ctx->scale; }
int             ui_px(const ui_context *ctx, int v) { return (int)lroundf((float)v * ctx->scale); }
void            ui_set_theme(ui_context *ctx, const ui_theme *t) { ctx->theme = *t; }
const ui_theme *ui_get_theme(const ui_context *ctx) { return &ctx->theme; }
gfx_fonts      *ui_fonts(const ui_context *ctx) { return ctx->fonts; }
SDL_Renderer   *ui_renderer(const ui_context *ctx) { return ctx->r; }
ui_id           ui_focus_id(const ui_context *ctx) { return ctx->focus; }
ui_id           ui_active_id(const ui_context *ctx) { return ctx->active; }
ui_id           ui_last_id(const ui_context *ctx) { return ctx->last_id; }
SDL_Rect        ui_last_rect(const ui_context *ctx) { return ctx->last_rect; }

void ui_set_focus(ui_context *ctx, ui_id id)
{
    ctx->focus = id;
    ctx->focus_since = ctx->now;
}

int ui_keyboard_captured(const ui_context *ctx) { return ctx->focus != 0 || ctx->popup_id != 0; }

int ui_wants_key(const ui_context *ctx, const SDL_Keysym *k)
{
    const SDL_Keycode c = k->sym;
    if (k->mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI)) return 0;
    if (c == SDLK_PAGEUP || c == SDLK_PAGEDOWN || (c >= SDLK_F1 && c <= SDLK_F12)) return 0;
    if (c == SDLK_TAB) return 1;
    const int nav = c == SDLK_UP || c == SDLK_DOWN || c == SDLK_LEFT || c == SDLK_RIGHT || c == SDLK_HOME ||
                    c == SDLK_END || c == SDLK_RETURN || c == SDLK_KP_ENTER || c == SDLK_SPACE || c == SDLK_ESCAPE;
    if (ctx->popup_id) return nav;
    if (ctx->edit_id) return nav || c == SDLK_BACKSPACE || (c >= 32 && c < 127) || (c >= SDLK_KP_DIVIDE && c <= SDLK_KP_PERIOD);
    if (ctx->focus && ctx->focus_by_key) return nav && c != SDLK_ESCAPE;
    return 0;
}

int ui_widgets(const ui_context *ctx, const ui_widget_info **list)
{
    if (list) *list = ctx->widgets_last;
    return ctx->n_widgets_last;
}

int ui_open_list(const ui_context *ctx, SDL_Rect *rect, int *first, int *rows, int *n, int *row_h)
{
    if (ctx->popup_last.w <= 0) return 0;
    if (rect) *rect = ctx->popup_last;
    if (first) *first = ctx->popup_last_first;
    if (rows) *rows = ctx->popup_last_rows;
    if (n) *n = ctx->popup_last_n;
    if (row_h) *row_h = ui_px(ctx, UI_ROW_HEIGHT);
    return 1;
}

void ui__note(ui_context *ctx, int kind, ui_id id, const char *label, SDL_Rect r, int index, int n, int state)
{
    if (ctx->n_widgets >= UI_MAX_WIDGETS) return;
    ui_widget_info *w = &ctx->widgets[ctx->n_widgets++];
    char buf[128];
    w->id = id;
    w->kind = kind;
    w->rect = r;
    SDL_strlcpy(w->label, ui__display(label, buf, sizeof buf), sizeof w->label);
    w->index = index;
    w->n = n;
    w->locked = (state & UI_DISABLED) != 0;
    w->selected = 0;
}

void ui__note_selected(ui_context *ctx, int selected)
{
    if (ctx->n_widgets > 0) ctx->widgets[ctx->n_widgets - 1].selected = selected;
}
int ui_mouse_captured(const ui_context *ctx)
{
    return ctx->hot != 0 || ctx->active != 0 || (ctx->popup_id && ui__point_in(ctx->mx, ctx->my, ctx->popup_block));
}

int ui_mouse(const ui_context *ctx, int *x, int *y)
{
    const int ok = ctx->mx >= 0 && ctx->my >= 0 && !ctx->mouse_out && ctx->active == 0 &&
                     !(ctx->popup_id && ui__point_in(ctx->mx, ctx->my, ctx->popup_block));
    if (x) *x = ok ? ctx->mx : -1;
    if (y) *y = ok ? ctx->my : -1;
    return ok;
}

/* ---- input ------------------------------------------------------------------ */

void ui_handle_event(ui_context *ctx, const SDL_Event *e)
{
    switch (e->type) {
    case SDL_MOUSEMOTION:
        ctx->mx = e->motion.x;
        ctx->my = e->motion.y;
        ctx->mouse_out = 0;
        break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_LEAVE) ctx->mouse_out = 1;
        if (e->window.event == SDL_WINDOWEVENT_ENTER) ctx->mouse_out = 0;
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (e->button.button != SDL_BUTTON_LEFT) break;
        ctx->mx = e->button.x;
        ctx->my = e->button.y;
        ctx->mouse_down = 1;
        ctx->mouse_pressed = 1;
        break;
    case SDL_MOUSEBUTTONUP:
        if (e->button.button != SDL_BUTTON_LEFT) break;
        ctx->mx = e->button.x;
        ctx->my = e->button.y;
        ctx->mouse_down = 0;
        ctx->mouse_released = 1;
        break;
    case SDL_MOUSEWHEEL:
        ctx->wheel += e->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -e->wheel.y : e->wheel.y;
        break;
    case SDL_TEXTINPUT: {
        size_t have = strlen(ctx->text), add = strlen(e->text.text);
        if (have + add < sizeof ctx->text) memcpy(ctx->text + have, e->text.text, add + 1);
        break;
    }
    case SDL_KEYDOWN: {
        SDL_Keycode k = e->key.keysym.sym;
        int shift = (e->key.keysym.mod & KMOD_SHIFT) != 0;
        if (k == SDLK_TAB) ctx->keys |= shift ? UI_KEY_BACKTAB : UI_KEY_TAB;
        else if (k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_SPACE) ctx->keys |= UI_KEY_ACTIVATE;
        else if (k == SDLK_LEFT) ctx->keys |= UI_KEY_LEFT;
        else if (k == SDLK_RIGHT) ctx->keys |= UI_KEY_RIGHT;
        else if (k == SDLK_UP) ctx->keys |= UI_KEY_UP, ctx->n_up++;
        else if (k == SDLK_DOWN) ctx->keys |= UI_KEY_DOWN, ctx->n_down++;
        else if (k == SDLK_ESCAPE) ctx->keys |= UI_KEY_ESCAPE;
        else if (k == SDLK_BACKSPACE) ctx->keys |= UI_KEY_BACKSPACE;
        else if (k == SDLK_HOME) ctx->keys |= UI_KEY_HOME;
        else if (k == SDLK_END) ctx->keys |= UI_KEY_END;
        else if (k == SDLK_PAGEUP) ctx->keys |= UI_KEY_PAGEUP, ctx->n_pgup++;
        else if (k == SDLK_PAGEDOWN) ctx->keys |= UI_KEY_PAGEDOWN, ctx->n_pgdn++;
        break;
    }
    default:
        break;
    }
}

/* ---- frame ------------------------------------------------------------------ */

void ui_begin(ui_context *ctx, Uint32 now_ms)
{
    ctx->now = now_ms;
    ctx->hot = 0;
    ctx->n_order = 0;
    ctx->mouse_claimed = 0;
    ctx->has_tip = 0;
    ctx->last_id = 0;
    ctx->popup_drawn = 0;
    ctx->n_widgets = 0;
    int w = 0, h = 0;
    if (ctx->r) SDL_GetRendererOutputSize(ctx->r, &w, &h);
    ui_layout_begin(ctx, (SDL_Rect){ 0, 0, w, h });
}

static int order_index(const ui_context *ctx, ui_id id)
{
    for (int i = 0; i < ctx->n_order; i++) if (ctx->order[i] == id) return i;
    return -1;
}

void ui_end(ui_context *ctx)
{
    /* A dropdown that was not drawn this frame (its view went away) closes. */
    if (ctx->popup_id && !ctx->popup_drawn) ctx->popup_id = 0;
    if (ctx->popup_id) ui__draw_popup(ctx);
    ctx->popup_block = ctx->popup_id ? ctx->popup_rect : (SDL_Rect){ 0, 0, 0, 0 };
    ctx->popup_last = ctx->popup_block;
    ctx->popup_last_first = ctx->popup_scroll;
    ctx->popup_last_rows = ctx->popup_rows > 0 && ctx->popup_rows < ctx->popup_n ? ctx->popup_rows : ctx->popup_n;
    ctx->popup_last_n = ctx->popup_n;
    memcpy(ctx->widgets_last, ctx->widgets, (size_t)ctx->n_widgets * sizeof ctx->widgets[0]);
    ctx->n_widgets_last = ctx->n_widgets;

    /* Tab order is the order widgets were drawn this frame. */
    if (ctx->keys & (UI_KEY_TAB | UI_KEY_BACKTAB)) {
        if (ctx->n_order > 0) {
            int i = order_index(ctx, ctx->focus), d = (ctx->keys & UI_KEY_BACKTAB) ? -1 : 1;
            if (i < 0) i = d > 0 ? 0 : ctx->n_order - 1;
            else i = (i + d + ctx->n_order) % ctx->n_order;
            ui_set_focus(ctx, ctx->order[i]);
            ctx->focus_by_key = 1;
        }
    } else if (ctx->focus && order_index(ctx, ctx->focus) < 0) {
        ctx->focus = 0;   /* the focused widget is gone (hidden tab, closed view) */
    }
    /* a click on nothing drops the focus, so stray keys reach the shell again */
    if (ctx->mouse_pressed && !ctx->mouse_claimed) ctx->focus = 0;
    if (!ctx->mouse_down) ctx->active = 0;

    if (ctx->has_tip) {
        float s = ctx->scale;
        int pad = ui_px(ctx, 8), maxw = ui_px(ctx, 360), ww = 0, wh = 0;
        if (ctx->r) SDL_GetRendererOutputSize(ctx->r, &ww, &wh);
        int tw = gfx_text_width(ctx->fonts, GFX_FONT_BODY, ctx->tip);
        int w = (tw < maxw ? tw : maxw);
        int h = gfx_text_wrap(ctx->fonts, GFX_FONT_BODY, (SDL_Rect){ 0, 0, w, 0 }, ctx->theme.tooltip_text,
                              ctx->tip, 0);
        SDL_Rect box = { ctx->tip_anchor.x, ctx->tip_anchor.y + ctx->tip_anchor.h + ui_px(ctx, 6),
                         w + 2 * pad, h + 2 * pad };
        if (box.y + box.h > wh) box.y = ctx->tip_anchor.y - box.h - ui_px(ctx, 6);   /* above instead */
        if ((box.y < 0 || ctx->tip_anchor.h > 3 * box.h)
            && SDL_PointInRect(&(SDL_Point){ ctx->mx, ctx->my }, &ctx->tip_anchor)) {
            /* A tall widget (a plot, a map) as high as the window has no room
             * for its tip below it, and above it the tip covered the top bar's
             * tabs, far from the pointer. By the pointer instead: under it, or
             * over it near the bottom. */
            box.x = ctx->mx + ui_px(ctx, 12);
            box.y = ctx->my + ui_px(ctx, 24);
            if (box.y + box.h > wh) box.y = ctx->my - box.h - ui_px(ctx, 12);
        }
        if (box.x + box.w > ww) box.x = ww - box.w;
        if (box.x < 0) box.x = 0;
        if (box.y < 0) box.y = 0;
        gfx_fill_rect(ctx->r, (SDL_Rect){ box.x + (int)(3 * s), box.y + (int)(3 * s), box.w, box.h },
                      (SDL_Color){ 0, 0, 0, 90 });   /* shadow lifts it off busy plots */
        ctx->tip_rect = box;
        gfx_fill_rect(ctx->r, box, ctx->theme.tooltip_bg);
        gfx_rect_outline(ctx->r, box, 1, ctx->theme.border);
        gfx_text_wrap(ctx->fonts, GFX_FONT_BODY, (SDL_Rect){ box.x + pad, box.y + pad, w, h },
                      ctx->theme.tooltip_text, ctx->tip, 1);
    }
    ctx->mouse_pressed = ctx->mouse_released = 0;
    ctx->wheel = 0;
    ctx->keys = 0;
    ctx->n_up = ctx->n_down = ctx->n_pgup = ctx->n_pgdn = 0;
    ctx->text[0] = 0;
}

/* ---- ids and marks ------------------------------------------------------------ */

ui_id ui_make_id(const char *label, const void *ptr)
{
    ui_id h = 2166136261u;
    for (const char *p = label ? label : ""; *p; p++) h = (h ^ (Uint8)*p) * 16777619u;
    if (ptr) {
        uintptr_t v = (uintptr_t)ptr;
        for (size_t i = 0; i < sizeof v; i++, v >>= 8) h = (h ^ (Uint8)(v & 0xFF)) * 16777619u;
    }
    return h ? h : 1;   /* 0 means "none" */
}

ui_id ui_label_id(const char *label) { return ui_make_id(label, NULL); }

static int in_list(const ui_id *list, int n, ui_id id, ui_id key)
{
    for (int i = 0; i < n; i++) if (list[i] == id || list[i] == key) return 1;
    return 0;
}

static void set_mark(ui_id *list, int *n, ui_id id, int on)
{
    for (int i = 0; i < *n; i++)
        if (list[i] == id) {
            if (!on) list[i] = list[--*n];
            return;
        }
    if (on && *n < UI_MAX_MARKS) list[(*n)++] = id;
}

void ui_set_highlight(ui_context *ctx, ui_id id, int on) { set_mark(ctx->highlight, &ctx->n_highlight, id, on); }
void ui_set_locked(ui_context *ctx, ui_id id, int on) { set_mark(ctx->locked, &ctx->n_locked, id, on); }
void ui_set_hidden(ui_context *ctx, ui_id id, int on) { set_mark(ctx->hidden, &ctx->n_hidden, id, on); }
void ui_clear_marks(ui_context *ctx) { ctx->n_highlight = ctx->n_locked = ctx->n_hidden = 0; }
void ui_push_disabled(ui_context *ctx) { ctx->disabled_depth++; }
void ui_pop_disabled(ui_context *ctx) { if (ctx->disabled_depth > 0) ctx->disabled_depth--; }

int ui__is_locked(const ui_context *ctx, ui_id id, ui_id key)
{
    return ctx->disabled_depth > 0 || in_list(ctx->locked, ctx->n_locked, id, key);
}

int ui__hidden(ui_context *ctx, ui_id id, ui_id key)
{
    if (!in_list(ctx->hidden, ctx->n_hidden, id, key)) return 0;
    ctx->last_id = 0;
    ctx->last_rect = (SDL_Rect){ 0, 0, 0, 0 };
    if (ctx->active == id) ctx->active = 0;
    if (ctx->hover_id == id) ctx->hover_id = 0;
    if (ctx->popup_id == id) ctx->popup_id = 0;
    if (ctx->edit_id == id) ctx->edit_id = 0;
    return 1;   /* the focus, if it was here, is dropped by ui_end: not in the tab order */
}

int ui__is_highlighted(const ui_context *ctx, ui_id id, ui_id key)
{
    return in_list(ctx->highlight, ctx->n_highlight, id, key);
}

int ui__point_in(int x, int y, SDL_Rect r)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

int ui__skip(ui_context *ctx, SDL_Rect cell)
{
    if (cell.w > 0 && cell.h > 0) return 0;
    ctx->last_id = 0;   /* a following ui_tooltip must not attach to the widget before */
    ctx->last_rect = cell;
    return 1;
}

/* ---- interaction ------------------------------------------------------------ */

int ui__control(ui_context *ctx, ui_id id, ui_id key, SDL_Rect r, int focusable)
{
    ctx->last_id = id;
    ctx->last_rect = r;
    if (ui__is_locked(ctx, id, key)) {
        if (ctx->active == id) ctx->active = 0;
        if (ctx->focus == id) ctx->focus = 0;
        return UI_DISABLED;
    }
    int state = 0;
    if (focusable && ctx->n_order < UI_MAX_FOCUS) ctx->order[ctx->n_order++] = id;
    int blocked = ctx->popup_id && ctx->popup_id != id && ui__point_in(ctx->mx, ctx->my, ctx->popup_block);
    if (!blocked && ui__point_in(ctx->mx, ctx->my, r) && (ctx->active == 0 || ctx->active == id)) {
        state |= UI_HOVER;
        ctx->hot = id;
        if (ctx->hover_id != id) { ctx->hover_id = id; ctx->hover_since = ctx->now; }
    } else if (ctx->hover_id == id) {
        ctx->hover_id = 0;
    }
    if ((state & UI_HOVER) && ctx->mouse_pressed && !ctx->mouse_claimed) {
        ctx->active = id;
        ctx->mouse_claimed = 1;
        state |= UI_PRESSED;
        if (focusable && ctx->focus != id) { ui_set_focus(ctx, id); ctx->focus_by_key = 0; }
        ctx->hover_since = ctx->now + 100000u;   /* no tooltip over a control in use */
    }
    if (ctx->active == id) {
        state |= UI_ACTIVE;
        if (ctx->mouse_released) {
            if (state & UI_HOVER) state |= UI_CLICKED;
            ctx->active = 0;
        }
    }
    if (ctx->focus == id) state |= UI_FOCUSED;
    return state;
}

void ui_tooltip(ui_context *ctx, const char *text)
{
    if (!text || !ctx->last_id) return;
    int hover = ctx->hover_id == ctx->last_id && ctx->now - ctx->hover_since >= UI_TOOLTIP_DELAY_MS
                && ctx->now >= ctx->hover_since;
    int focus = ctx->focus == ctx->last_id && ctx->focus_by_key
                && ctx->now - ctx->focus_since >= UI_TOOLTIP_DELAY_MS;
    if (!(hover || focus) || ctx->popup_id) return;
    SDL_strlcpy(ctx->tip, text, sizeof ctx->tip);
    ctx->tip_anchor = ctx->last_rect;
    ctx->has_tip = 1;
}

/* ---- shared drawing ------------------------------------------------------------ */

SDL_Color ui__text_color(const ui_context *ctx, int state)
{
    return (state & UI_DISABLED) ? ctx->theme.text_disabled : ctx->theme.text;
}

void ui__outlines(ui_context *ctx, SDL_Rect r, int state, ui_id id, ui_id key)
{
    /* a label above its control is part of what is marked */
    SDL_Rect c = ctx->stacked_cell;
    if (c.w > 0 && r.x >= c.x && r.y >= c.y && r.x + r.w <= c.x + c.w && r.y + r.h <= c.y + c.h) r = c;
    if (ui__is_highlighted(ctx, id, key)) {
        /* pulse at ~0.8 Hz between 40% and 100%: noticeable from the back, not frantic */
        float a = 0.7f + 0.3f * sinf((float)ctx->now * 0.005f);
        int t = ui_px(ctx, 4), o = ui_px(ctx, 5);
        gfx_rect_outline(ctx->r, (SDL_Rect){ r.x - o, r.y - o, r.w + 2 * o, r.h + 2 * o }, t,
                         gfx_fade(ctx->theme.highlight, a));
    }
    if (state & UI_FOCUSED) {
        int o = ui_px(ctx, 2);
        gfx_rect_outline(ctx->r, (SDL_Rect){ r.x - o, r.y - o, r.w + 2 * o, r.h + 2 * o },
                         ui_px(ctx, 2) > 2 ? ui_px(ctx, 2) : 2, ctx->theme.focus);
    }
}

void ui__frame(ui_context *ctx, SDL_Rect r, int state, ui_id id, ui_id key)
{
    SDL_Color fill = ctx->theme.widget;
    if (state & UI_ACTIVE) fill = ctx->theme.widget_active;
    else if (state & UI_HOVER) fill = ctx->theme.widget_hot;
    if (state & UI_DISABLED) fill = gfx_fade(fill, 0.5f);
    gfx_fill_rect(ctx->r, r, fill);
    gfx_rect_outline(ctx->r, r, 1, (state & UI_DISABLED) ? gfx_fade(ctx->theme.border, 0.5f) : ctx->theme.border);
    ui__outlines(ctx, r, state, id, key);
}

const char *ui__display(const char *label, char *buf, size_t n)
{
    const char *hash = label ? strstr(label, "##") : NULL;
    if (!hash) return label ? label : "";
    size_t len = (size_t)(hash - label);
    if (len >= n) len = n - 1;
    memcpy(buf, label, len);
    buf[len] = 0;
    return buf;
}

void ui__text_in(ui_context *ctx, SDL_Rect r, gfx_font_id font, SDL_Color c, gfx_align align,
                 const char *s)
{
    int pad = ui_px(ctx, 8);
    /* A label wider than its box (a narrow panel at a projector's zoom)
     * steps down a size, and what still does not fit is cut at the box's
     * edge rather than drawn over its neighbours. */
    const int room = r.w - (align == GFX_ALIGN_CENTER ? 2 : 1) * ui_px(ctx, 4);
    if (gfx_text_width(ctx->fonts, font, s) > room)
        font = font == GFX_FONT_TITLE || font == GFX_FONT_BIG ? GFX_FONT_BOLD : GFX_FONT_SMALL;
    const int w = gfx_text_width(ctx->fonts, font, s), h = gfx_text_height(ctx->fonts, font);
    if (w > r.w - 2 * pad) pad = (r.w - w) / 2 > ui_px(ctx, 2) ? (r.w - w) / 2 : ui_px(ctx, 2);
    int x = align == GFX_ALIGN_LEFT ? r.x + pad : align == GFX_ALIGN_RIGHT ? r.x + r.w - pad : r.x + r.w / 2;
    if (align == GFX_ALIGN_CENTER && w > r.w - 2 * pad) x = r.x + pad + w / 2;   /* the start shows */
    gfx_clip clip;
    if (w <= r.w) {
        gfx_text(ctx->fonts, font, x, r.y + (r.h - h) / 2, c, align, s);
    } else if (gfx_clip_push(ctx->r, r, &clip)) {
        gfx_text(ctx->fonts, font, x, r.y + (r.h - h) / 2, c, align, s);
        gfx_clip_pop(ctx->r, &clip);
    }
}

/* Draws text clipped to r (and to the current clip), vertically centred. */
static void label_text(ui_context *ctx, SDL_Rect r, gfx_font_id font, int state, const char *shown)
{
    gfx_clip clip;
    if (!gfx_clip_push(ctx->r, r, &clip)) return;   /* a long label must not run into the control */
    int h = gfx_text_height(ctx->fonts, font);
    gfx_text(ctx->fonts, font, r.x, r.y + (r.h - h) / 2, ui__text_color(ctx, state), GFX_ALIGN_LEFT, shown);
    gfx_clip_pop(ctx->r, &clip);
}

SDL_Rect ui__label_left(ui_context *ctx, SDL_Rect cell, const char *label, int state, int min_control)
{
    char buf[128];
    const char *shown = ui__display(label, buf, sizeof buf);
    if (!*shown) return cell;
    /* labels get 40% of the cell so a column of controls lines up; a longer
     * label takes what it needs, up to 55% */
    int lw = cell.w * 2 / 5, need = gfx_text_width(ctx->fonts, GFX_FONT_BODY, shown) + ui_px(ctx, 2);
    int gap = ui_px(ctx, 8), cut = need > cell.w * 11 / 20;
    if (need > lw) lw = cut ? cell.w * 11 / 20 : need;
    int sh = gfx_text_height(ctx->fonts, GFX_FONT_SMALL), below = cell.h - sh;
    /* Too narrow for both side by side: the label above, the control below,
     * when the control still gets at least half of the row's height. */
    if ((cut || cell.w - lw - gap < ui_px(ctx, min_control)) && below * 2 >= cell.h) {
        label_text(ctx, (SDL_Rect){ cell.x, cell.y, cell.w, sh }, GFX_FONT_SMALL, state, shown);
        ctx->stacked_cell = cell;
        return (SDL_Rect){ cell.x, cell.y + sh, cell.w, below };
    }
    label_text(ctx, (SDL_Rect){ cell.x, cell.y, lw, cell.h }, GFX_FONT_BODY, state, shown);
    return (SDL_Rect){ cell.x + lw + gap, cell.y, cell.w - lw - gap, cell.h };
}
