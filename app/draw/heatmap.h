/* app/draw/heatmap.h - a float grid drawn as a coloured image, and its colour bar.
 *
 *   gfx_heatmap *hm = gfx_heatmap_create();            // once per view
 *   gfx_heatmap_desc d = { .lo = -1, .hi = 1, .map = GFX_MAP_DIVERGING, .flip_y = 1 };
 *   gfx_heatmap_draw(hm, r, area, grid, 64, 64, &d);   // grid is (64, 64) row-major
 *   gfx_colorbar(r, fonts, bar_area, &d, "P(orange)", &style);
 *   gfx_heatmap_destroy(hm);                           // before the renderer
 *
 * The grid goes into a streaming texture (one lock + one copy of w*h pixels)
 * that the GPU scales to the rectangle, so a 128x128 grid costs well under a
 * millisecond per frame. Colours come from a 1024-entry table built from
 * palette.h. With desc.version != 0 the upload is skipped while the version
 * and size are unchanged (the data is known not to have changed).
 *
 * Ownership: the caller owns the gfx_heatmap (and with it one texture).
 * Thread-safety: rendering thread only.
 */
#ifndef NNLAB_HEATMAP_H
#define NNLAB_HEATMAP_H

#include <SDL.h>

#include "draw/font.h"
#include "draw/palette.h"

typedef enum gfx_colormap {
    GFX_MAP_DIVERGING,    /* lo -> blue, middle -> neutral, hi -> orange */
    GFX_MAP_SEQUENTIAL,   /* lo -> dark, hi -> bright */
    GFX_MAP_COUNT
} gfx_colormap;

typedef struct gfx_heatmap_desc {
    float        lo, hi;   /* value range mapped to the palette; values outside are clamped */
    gfx_colormap map;
    int          smooth;   /* 1: bilinear scaling (decision surfaces); 0: crisp cells (weights) */
    int          flip_y;   /* 1: row 0 at the bottom (mathematical y axis) */
    Uint64       version;  /* 0: always upload; else skip when unchanged */
} gfx_heatmap_desc;

typedef struct gfx_heatmap gfx_heatmap;

/* Colour of value v (exact palette value, no table). NaN -> grey. */
SDL_Color gfx_colormap_color(gfx_colormap map, float v, float lo, float hi);

gfx_heatmap *gfx_heatmap_create(void);           /* NULL on OOM */
void         gfx_heatmap_destroy(gfx_heatmap *h); /* NULL is a no-op */
/* grid is (rows, cols) row-major. Returns 0, or -1 if the texture could not be made. */
int          gfx_heatmap_draw(gfx_heatmap *h, SDL_Renderer *r, SDL_Rect dst, const float *grid,
                              int cols, int rows, const gfx_heatmap_desc *d);
/* Vertical bar (hi at the top) with labels at lo, hi and the middle to its
 * right; label (may be NULL) above it. */
void         gfx_colorbar(SDL_Renderer *r, gfx_fonts *f, SDL_Rect area, const gfx_heatmap_desc *d,
                          const char *label, const gfx_style *st);

#endif
