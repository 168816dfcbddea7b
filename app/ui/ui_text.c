/* app/ui/ui_text.c - a scrolling panel of wrapped paragraphs (narration,
 * explanations). Text between ** and ** is bold.
 *
 * Scrolling: the mouse wheel over the panel, or Up/Down (a line),
 * PageUp/PageDown (a page), Home/End while it has focus. Text is wrapped and
 * drawn in one pass per frame; lines outside the panel are skipped by
 * gfx_text_wrap, so long texts cost little.
 */
#include "ui/ui_internal.h"

#include "draw/prim.h"

int ui_text_panel(ui_context *ctx, const char *id_label, const char *text, int *scroll)
{
    ui_id id = ui_label_id(id_label), key = id;
    if (ui__hidden(ctx, id, key)) return 0;
    SDL_Rect r = ui_layout_next(ctx);
    if (ui__skip(ctx, r)) return 0;
    int st = ui__control(ctx, id, key, r, 1), old = *scroll;
    ui__note(ctx, UI_W_TEXT, id, id_label, r, 0, 0, st);
    const ui_theme *t = &ctx->theme;
    int pad = ui_px(ctx, 10), bar_w = ui_px(ctx, 8);
    int line = gfx_text_height(ctx->fonts, GFX_FONT_BODY);
    SDL_Rect in = { r.x + pad, r.y + pad, r.w - 2 * pad - bar_w, r.h - 2 * pad };
    if (in.w < 1 || in.h < 1) return 0;

    if (st & UI_HOVER) *scroll -= ctx->wheel * line * 3;
    if (st & UI_FOCUSED) {
        if (ctx->keys & UI_KEY_DOWN) *scroll += line;
        if (ctx->keys & UI_KEY_UP) *scroll -= line;
        if (ctx->keys & UI_KEY_PAGEDOWN) *scroll += in.h - line;
        if (ctx->keys & UI_KEY_PAGEUP) *scroll -= in.h - line;
        if (ctx->keys & UI_KEY_HOME) *scroll = 0;
        if (ctx->keys & UI_KEY_END) *scroll = 1 << 28;   /* clamped below */
    }
    /* Wrap a little narrower than the box and clip a little wider: the wrapper
     * adds up word widths, and a drawn line (kerning, fractional space
     * advances) can come out a few pixels wider than that sum. */
    int wrap_w = in.w - in.w / 40;
    /* measure first (no drawing) so the scroll is clamped before this frame draws */
    int content = gfx_text_wrap(ctx->fonts, GFX_FONT_BODY, (SDL_Rect){ in.x, 0, wrap_w, 0 }, t->text, text, 0);
    int max_scroll = content > in.h ? content - in.h : 0;
    if (*scroll > max_scroll) *scroll = max_scroll;
    if (*scroll < 0) *scroll = 0;

    gfx_fill_rect(ctx->r, r, t->bg);
    gfx_rect_outline(ctx->r, r, 1, t->border);
    SDL_Rect old_clip;
    int had = SDL_RenderIsClipEnabled(ctx->r);
    SDL_RenderGetClipRect(ctx->r, &old_clip);
    SDL_Rect clip = { in.x, in.y, in.w + pad / 2, in.h }, want = clip;
    if (had && !SDL_IntersectRect(&want, &old_clip, &clip)) clip = (SDL_Rect){ 0, 0, 0, 0 };
    SDL_RenderSetClipRect(ctx->r, &clip);
    gfx_text_wrap(ctx->fonts, GFX_FONT_BODY, (SDL_Rect){ in.x, in.y - *scroll, wrap_w, content },
                  ui__text_color(ctx, st), text, 1);
    SDL_RenderSetClipRect(ctx->r, had ? &old_clip : NULL);

    if (max_scroll > 0) {   /* scroll bar: the thumb's share of the track is the visible share */
        SDL_Rect track = { r.x + r.w - pad / 2 - bar_w, r.y + pad, bar_w, in.h };
        int th = track.h * in.h / content;
        if (th < ui_px(ctx, 20)) th = ui_px(ctx, 20);
        int ty = track.y + (track.h - th) * *scroll / max_scroll;
        gfx_fill_rect(ctx->r, track, t->widget);
        gfx_fill_rect(ctx->r, (SDL_Rect){ track.x, ty, track.w, th }, t->text_dim);
    }
    ui__outlines(ctx, r, st, id, key);
    return *scroll != old;
}
