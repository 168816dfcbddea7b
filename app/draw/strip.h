/* app/draw/strip.h - many-vertex shapes as one geometry batch each.
 *
 *   gfx_strip(r, pts, n, 2.5f * scale, colour);   // a plot line, mitred joins
 *   gfx_rects(r, rects, n, colour);               // n filled rectangles at once
 *
 * gfx_polyline (prim.h) draws a thick line as separate segments with a round
 * join (a disc of ~45 triangles) at every vertex: right for a few dozen
 * vertices, but SDL's software renderer sets each triangle up on its own, so
 * a plot of hundreds of points a line pays for thousands of tiny triangles.
 * gfx_strip draws the same antialiased line (a core and a 1 px feather on
 * each side) as one strip whose vertices are shared between segments and
 * mitred at the joins (the mitre is capped at 3 half-widths, so a spike
 * thins instead of shooting out): 6 triangles a segment, one
 * SDL_RenderGeometry call. gfx_rects is SDL_RenderFillRects with blending
 * and float corners, two triangles a rectangle, one call.
 *
 * Non-finite points are skipped (the line is broken there). Rendering thread
 * only (static buffers).
 */
#ifndef NNLAB_STRIP_H
#define NNLAB_STRIP_H

#include <SDL.h>

void gfx_strip(SDL_Renderer *r, const SDL_FPoint *pts, int n, float width, SDL_Color c);
void gfx_rects(SDL_Renderer *r, const SDL_FRect *rects, int n, SDL_Color c);

#endif
