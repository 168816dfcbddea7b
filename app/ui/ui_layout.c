/* app/ui/ui_layout.c - a row/column cursor inside a rectangle.
 *
 * A row is declared once (columns, widths, height) and repeats until the
 * next declaration, so a panel is a list of "row, widget, widget, ..." with
 * no coordinates. Cells never extend past the area's right edge, whatever the
 * requested widths; a row that does not fit vertically gets a zero height
 * (its widgets are skipped) rather than being squashed or drawing over
 * whatever is below the panel.
 */
#include "ui/ui_internal.h"

#include "draw/prim.h"

static int spacing(const ui_context *ctx) { return ui_px(ctx, 8); }

void ui_layout_begin(ui_context *ctx, SDL_Rect area)
{
    ui_layout *l = &ctx->lay;
    *l = (ui_layout){ .area = area, .y = area.y, .cols = 1, .spec_cols = 1 };
    l->spec_w[0] = 0;
}

/* Resolve the column widths and the row height for a new row at l->y. */
static void start_row(ui_context *ctx)
{
    ui_layout *l = &ctx->lay;
    int gap = spacing(ctx), n = l->spec_cols, fixed = 0, flex = 0;
    int avail = l->area.w - gap * (n - 1);
    for (int i = 0; i < n; i++) {
        if (l->spec_w[i] > 0) fixed += ui_px(ctx, l->spec_w[i]);
        else flex++;
    }
    /* fixed widths that do not fit shrink proportionally */
    float shrink = fixed > avail && fixed > 0 ? (float)(avail > 0 ? avail : 0) / (float)fixed : 1.0f;
    int left = avail - (int)((float)fixed * shrink), x = l->area.x;
    for (int i = 0; i < n; i++) {
        int w = l->spec_w[i] > 0 ? (int)((float)ui_px(ctx, l->spec_w[i]) * shrink)
                                 : (flex > 0 ? left / flex : 0);
        if (w < 0) w = 0;
        if (x + w > l->area.x + l->area.w) w = l->area.x + l->area.w - x;
        l->x[i] = x;
        l->w[i] = w > 0 ? w : 0;
        x += l->w[i] + gap;
    }
    int bottom = l->area.y + l->area.h;
    int h = l->spec_h < 0 ? bottom - l->y : ui_px(ctx, l->spec_h > 0 ? l->spec_h : UI_ROW_HEIGHT);
    if (l->y + h > bottom) h = l->spec_h < 0 ? bottom - l->y : 0;   /* hidden, not squashed */
    l->row_h = h > 0 ? h : 0;
    l->cols = n;
    l->col = 0;
    l->started = 1;
}

static void finish_row(ui_context *ctx)
{
    ui_layout *l = &ctx->lay;
    if (l->started && l->col > 0) l->y += l->row_h + spacing(ctx);
    l->started = 0;
    l->col = 0;
}

void ui_layout_row_widths(ui_context *ctx, int cols, const int *widths, int height)
{
    ui_layout *l = &ctx->lay;
    finish_row(ctx);
    if (cols < 1) cols = 1;
    if (cols > UI_MAX_COLS) cols = UI_MAX_COLS;
    l->spec_cols = cols;
    for (int i = 0; i < cols; i++) l->spec_w[i] = widths ? widths[i] : 0;
    l->spec_h = height;
}

void ui_layout_row(ui_context *ctx, int cols, int height)
{
    ui_layout_row_widths(ctx, cols, NULL, height);
}

void ui_layout_space(ui_context *ctx, int height)
{
    finish_row(ctx);
    ctx->lay.y += ui_px(ctx, height);
}

SDL_Rect ui_layout_next(ui_context *ctx)
{
    ui_layout *l = &ctx->lay;
    if (l->started && l->col >= l->cols) finish_row(ctx);
    if (!l->started) start_row(ctx);
    int i = l->col++;
    ctx->stacked_cell = (SDL_Rect){ 0, 0, 0, 0 };
    return (SDL_Rect){ l->x[i], l->y, l->w[i], l->row_h };
}

SDL_Rect ui_layout_rest(ui_context *ctx)
{
    ui_layout *l = &ctx->lay;
    int y = l->started && l->col > 0 ? l->y + l->row_h + spacing(ctx) : l->y;
    int h = l->area.y + l->area.h - y;
    return (SDL_Rect){ l->area.x, y, l->area.w, h > 0 ? h : 0 };
}

void ui_panel(ui_context *ctx, SDL_Rect r, const char *title)
{
    gfx_fill_rect(ctx->r, r, ctx->theme.panel);
    int pad = ui_px(ctx, 12);
    SDL_Rect in = { r.x + pad, r.y + pad, r.w - 2 * pad, r.h - 2 * pad };
    if (title) {
        /* a narrow panel (a projector's zoom): the title in the bold body
         * size, cut at the panel's edge rather than drawn into the view */
        const gfx_font_id font = gfx_text_width(ctx->fonts, GFX_FONT_TITLE, title) <= in.w ? GFX_FONT_TITLE : GFX_FONT_BOLD;
        gfx_clip clip;
        if (gfx_clip_push(ctx->r, (SDL_Rect){ r.x, r.y, r.w, r.h }, &clip)) {
            gfx_text(ctx->fonts, font, in.x, in.y, ctx->theme.text, GFX_ALIGN_LEFT, title);
            gfx_clip_pop(ctx->r, &clip);
        }
        int th = gfx_text_height(ctx->fonts, font) + ui_px(ctx, 6);
        in.y += th;
        in.h -= th;
    }
    if (in.w < 0) in.w = 0;
    if (in.h < 0) in.h = 0;
    ui_layout_begin(ctx, in);
}
