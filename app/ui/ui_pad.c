/* app/ui/ui_pad.c - a rectangle of the caller's own drawing that takes
 * presses and drags (a map to click on). */
#include "ui/ui_internal.h"

int ui_pad(ui_context *ctx, const char *label, SDL_Rect r, int *mx, int *my)
{
    ui_id id = ui_label_id(label), key = id;
    if (ui__hidden(ctx, id, key)) return 0;
    if (r.w < 1 || r.h < 1) return 0;
    const int st = ui__control(ctx, id, key, r, 0);
    ui__note(ctx, UI_W_PAD, id, label, r, 0, 0, st);
    ui__outlines(ctx, r, st, id, key);
    if (!(st & UI_ACTIVE) || (st & UI_DISABLED)) return 0;
    const int x = ctx->mx < r.x ? r.x : ctx->mx > r.x + r.w - 1 ? r.x + r.w - 1 : ctx->mx;
    const int y = ctx->my < r.y ? r.y : ctx->my > r.y + r.h - 1 ? r.y + r.h - 1 : ctx->my;
    if (mx) *mx = x;
    if (my) *my = y;
    return 1;
}
