/* app/ui/ui_field.c - a line of typed text (ui_text_field): a file's path.
 *
 * Typing edits the caller's buffer directly. While typing, the field holds
 * the UI's edit slot (edit_id), so ui_wants_key gives it the letters and
 * Space instead of the program's keys (S would otherwise step training).
 * Space arrives both as text and as the activate key: only Enter (activate
 * without a typed space in the same frame) uses the text.
 */
#include "ui/ui_internal.h"

#include <stdio.h>
#include <string.h>

#include "draw/prim.h"

int ui_text_field(ui_context *ctx, const char *label, char *buf, int len)
{
    ui_id id = ui_label_id(label), key = id;
    if (ui__hidden(ctx, id, key) || len < 1) return 0;
    SDL_Rect r = ui_layout_next(ctx);
    if (ui__skip(ctx, r)) return 0;
    const int st = ui__control(ctx, id, key, r, 1);
    ui__note(ctx, UI_W_FIELD, id, label, r, 0, 0, st);
    int editing = ctx->edit_id == id, used = 0;
    if (editing && (!(st & UI_FOCUSED) || (st & UI_DISABLED))) {
        ctx->edit_id = 0;
        editing = 0;
    } else if (editing) {
        size_t n = strlen(buf);
        const int typed_space = strchr(ctx->text, ' ') != NULL;
        for (const unsigned char *c = (const unsigned char *)ctx->text; *c; c++)
            if (*c >= 32 && n + 1 < (size_t)len) buf[n++] = (char)*c;
        buf[n] = '\0';
        if ((ctx->keys & UI_KEY_BACKSPACE) && n > 0) {
            /* one character: a UTF-8 sequence's continuation bytes go with it */
            do n--; while (n > 0 && ((unsigned char)buf[n] & 0xC0) == 0x80);
            buf[n] = '\0';
        }
        if (ctx->keys & UI_KEY_ESCAPE) {
            ctx->edit_id = 0;
            editing = 0;
        } else if ((ctx->keys & UI_KEY_ACTIVATE) && !typed_space) {
            ctx->edit_id = 0;
            editing = 0;
            used = 1;
        }
    } else if (!(st & UI_DISABLED) && ((st & UI_PRESSED) || ((st & UI_FOCUSED) && (ctx->keys & UI_KEY_ACTIVATE)))) {
        ctx->edit_id = id;
        editing = 1;
    }
    const ui_theme *t = &ctx->theme;
    gfx_fill_rect(ctx->r, r, editing ? t->bg : (st & UI_HOVER) ? t->widget_hot : t->widget);
    gfx_rect_outline(ctx->r, r, 1, editing ? t->accent : t->border);
    /* the end of a long path (the file's name) shows; the start is cut */
    const SDL_Rect in = { r.x + ui_px(ctx, 6), r.y, r.w - ui_px(ctx, 12), r.h };
    char shown[300];
    const char *text = buf;
    if (!buf[0] && !editing) {
        char lb[128];
        ui__text_in(ctx, in, GFX_FONT_BODY, t->text_dim, GFX_ALIGN_LEFT, ui__display(label, lb, sizeof lb));
    } else {
        while (*text) {
            snprintf(shown, sizeof shown, "%s%s%s", text != buf ? "\xE2\x80\xA6" : "", text, editing ? "|" : "");
            if (gfx_text_width(ctx->fonts, GFX_FONT_BODY, shown) <= in.w) break;
            text++;
            while (((unsigned char)*text & 0xC0) == 0x80) text++;
        }
        if (!*text) snprintf(shown, sizeof shown, "%s", editing ? "|" : "");
        ui__text_in(ctx, in, GFX_FONT_BODY, ui__text_color(ctx, st), GFX_ALIGN_LEFT, shown);
    }
    ui__outlines(ctx, r, st & ~UI_HOVER, id, key);
    return used;
}
