/* app/draw/prim.h - antialiased primitives on SDL_RenderGeometry.
 *
 *   gfx_line(r, x0, y0, x1, y1, 3.0f, colour);      // thick, soft-edged line
 *   gfx_polyline(r, pts, n, 2.0f, colour, 0.0f);     // a plot series (0 = solid)
 *   gfx_disc(r, cx, cy, 6.0f, colour);               // filled dot
 *
 * Antialiasing without SDL2_gfx: every shape is a solid core plus a one-pixel
 * "feather" band whose outer vertices have alpha 0, so the GPU (or the
 * software renderer) blends the edge. Vertices are batched in a static buffer
 * and flushed with one SDL_RenderGeometry call per primitive (or per batch of
 * a few thousand vertices), which keeps a 500-point series or 1000 scatter
 * dots cheap. Coordinates are float pixels. Non-finite coordinates are
 * skipped, never drawn.
 *
 * The renderer's blend mode is set to BLEND as a side effect.
 * Thread-safety: rendering thread only (static buffer).
 */
#ifndef NNLAB_PRIM_H
#define NNLAB_PRIM_H

#include <SDL.h>

void gfx_line(SDL_Renderer *r, float x0, float y0, float x1, float y1, float width, SDL_Color c);
/* Connected segments through n points; dash > 0 draws dashes and gaps of that
 * length in pixels (at least one pixel each). A non-finite point breaks the
 * line (a gap, not a spike). Only what falls inside the target (plus a margin)
 * is drawn, so the work is bounded whatever the coordinates. */
void gfx_polyline(SDL_Renderer *r, const SDL_FPoint *pts, int n, float width, SDL_Color c,
                  float dash);
void gfx_disc(SDL_Renderer *r, float cx, float cy, float radius, SDL_Color c);
/* A circle outline of the given stroke width centred on `radius`. */
void gfx_ring(SDL_Renderer *r, float cx, float cy, float radius, float width, SDL_Color c);
/* Many discs in one batch; colours (n) may be NULL to use c for all. */
void gfx_discs(SDL_Renderer *r, const SDL_FPoint *centres, int n, float radius,
               const SDL_Color *colours, SDL_Color c);
void gfx_triangle(SDL_Renderer *r, SDL_FPoint a, SDL_FPoint b, SDL_FPoint c, SDL_Color col);

/* Plain axis-aligned rectangles (pixel-exact, no antialiasing needed). */
void gfx_fill_rect(SDL_Renderer *r, SDL_Rect rc, SDL_Color c);
void gfx_rect_outline(SDL_Renderer *r, SDL_Rect rc, int thickness, SDL_Color c);

/* Clipping to a rectangle within the current clip, undone by gfx_clip_pop:
 *   gfx_clip saved;
 *   if (gfx_clip_push(r, card, &saved)) { ...draw...; gfx_clip_pop(r, &saved); }
 * Returns 0 (and changes nothing: do not pop) when nothing of want is visible. */
typedef struct gfx_clip { SDL_Rect rect; int had; } gfx_clip;
int  gfx_clip_push(SDL_Renderer *r, SDL_Rect want, gfx_clip *saved);
void gfx_clip_pop(SDL_Renderer *r, const gfx_clip *saved);

/* Drawing through a texture. SDL's software renderer fills an untextured
 * blended triangle through a temporary surface of its own (several allocator
 * calls per triangle: over a million a second for a Playground frame); a
 * textured one it blends straight into the target. So a renderer's owner may
 * lend a 1x1 opaque white texture (blend mode BLEND) of that renderer: every
 * primitive on it is then drawn through the texture, modulated by the vertex
 * colours (the same picture). gfx_fonts does this for its renderer. Detach
 * before the texture (and the renderer) is destroyed. Up to 8 at a time;
 * without one, primitives are drawn untextured as before. */
void gfx_prim_attach(SDL_Renderer *r, SDL_Texture *white);
void gfx_prim_detach(SDL_Texture *white);

/* c with its alpha multiplied by a in [0, 1]. */
SDL_Color gfx_fade(SDL_Color c, float a);

#endif
