/* app/views/lens_frame.c - the frame the lens views share. */
#include "views/lens_frame.h"

#include <math.h>

#include "draw/font.h"
#include "shell/app.h"

static int px(const app *a, float v) { return (int)lroundf(v * a->scale); }

lens_frame lens_frame_of(const app *a, SDL_Rect area, int tool_h, int status_pad)
{
    lens_frame F;
    int pw = px(a, 300);
    if (pw > area.w * 32 / 100) pw = area.w * 32 / 100;
    F.panel = (SDL_Rect){ area.x, area.y, pw, area.h };
    F.gap = px(a, 12);
    F.x = area.x + pw + F.gap;
    F.w = area.x + area.w - F.x - F.gap;
    F.tools = (SDL_Rect){ F.x - px(a, 4), area.y + px(a, 6), F.w, px(a, (float)tool_h + 4) };
    const int lh = gfx_text_height(a->fonts, GFX_FONT_BOLD) + px(a, (float)status_pad);
    F.status = (SDL_Rect){ F.x, F.tools.y + F.tools.h, F.w, lh };
    F.top = F.status.y + F.status.h;
    F.bottom = area.y + area.h - F.gap / 2;
    return F;
}
