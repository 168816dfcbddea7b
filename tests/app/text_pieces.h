/* tests/app/text_pieces.h - the text a frame draws, and where, for the tests
 * linked with --wrap=gfx_text (tests/CMakeLists.txt): every gfx_text call of
 * the app reaches __wrap_gfx_text below first, which keeps the text, its box
 * and the clip rectangle in force, then draws it as usual. Set n_pieces = 0
 * before a frame; pieces[0..n_pieces) hold what it drew, in drawing order.
 * Header-only, included by one file of each test program. */
#ifndef NNLAB_TEST_TEXT_PIECES_H
#define NNLAB_TEST_TEXT_PIECES_H

#include <SDL.h>
#include <stdio.h>

#include "draw/font.h"

typedef struct piece {
    char     s[128];
    SDL_Rect r;          /* where the text was drawn */
    SDL_Rect clip;       /* the renderer's clip rectangle then (when clipped) */
    int      clipped;
} piece;

static piece pieces[4096];
static int   n_pieces;

int __real_gfx_text(gfx_fonts *f, gfx_font_id id, int x, int y, SDL_Color c, gfx_align align, const char *s);
int __wrap_gfx_text(gfx_fonts *f, gfx_font_id id, int x, int y, SDL_Color c, gfx_align align, const char *s);
int __wrap_gfx_text(gfx_fonts *f, gfx_font_id id, int x, int y, SDL_Color c, gfx_align align, const char *s)
{
    if (s && *s && n_pieces < (int)(sizeof pieces / sizeof pieces[0])) {
        piece *p = &pieces[n_pieces++];
        const int w = gfx_text_width(f, id, s);
        const int left = align == GFX_ALIGN_LEFT ? x : align == GFX_ALIGN_RIGHT ? x - w : x - w / 2;
        snprintf(p->s, sizeof p->s, "%s", s);
        p->r = (SDL_Rect){ left, y, w, gfx_text_height(f, id) };
        SDL_Renderer *r = gfx_fonts_renderer(f);
        p->clipped = SDL_RenderIsClipEnabled(r);
        SDL_RenderGetClipRect(r, &p->clip);
    }
    return __real_gfx_text(f, id, x, y, c, align, s);
}

#endif
