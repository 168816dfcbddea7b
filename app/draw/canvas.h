/* app/draw/canvas.h - a picture drawn on the CPU and shown as one texture.
 *
 * Hundreds of antialiased lines or dots cost SDL's software renderer tens of
 * milliseconds (it rasterises each triangle of the geometry on its own), so
 * dense line work - a network's weight edges, a scatter of data points over
 * the decision regions - is drawn here instead, into an opaque buffer with a
 * known background, and uploaded once:
 *
 *   gfx_canvas c = { 0 };                        // owned by the view's state
 *   if (gfx_canvas_begin(&c, r, w, h, style.bg) == 0) {   // cleared to bg
 *       gfx_canvas_line(&c, 10, 10, 200, 80, 2.5f, colour);
 *       gfx_canvas_disc(&c, 50, 50, 5, colour);
 *       gfx_canvas_show(&c, r, x, y);            // upload + copy to (x, y)
 *   }
 *   ...
 *   gfx_canvas_free(&c);
 *
 * Coordinates are the canvas's own pixels (0,0 = top-left corner, pixel
 * centres at +0.5). Coverage is exact for the shape's distance field with a
 * one-pixel ramp, like the triangle feathering in prim.c, so pictures look
 * the same on every renderer. Rendering thread only.
 */
#ifndef NNLAB_CANVAS_H
#define NNLAB_CANVAS_H

#include <SDL.h>

#include "draw/scatter.h"

typedef struct gfx_canvas {
    SDL_Renderer *owner;     /* the renderer the texture belongs to */
    SDL_Texture  *tex;
    Uint32       *px;        /* w*h pixels, ARGB8888, opaque */
    int           w, h, tex_w, tex_h;
    int           dirty;     /* drawn since the last upload */
} gfx_canvas;

/* Size the canvas (reallocating only when it grows or the renderer changes)
 * and clear it to bg. Returns 0, or -1 when memory or the texture fails. */
int  gfx_canvas_begin(gfx_canvas *c, SDL_Renderer *r, int w, int h, SDL_Color bg);
void gfx_canvas_free(gfx_canvas *c);

/* A segment of the given width with round ends; width < 1 fades instead of thinning. */
void gfx_canvas_line(gfx_canvas *c, float x0, float y0, float x1, float y1, float width, SDL_Color col);
void gfx_canvas_disc(gfx_canvas *c, float cx, float cy, float radius, SDL_Color col);
void gfx_canvas_ring(gfx_canvas *c, float cx, float cy, float radius, float width, SDL_Color col);
/* Fill the whole canvas with an RGBA image (gw x gh, rows top first)
 * stretched bilinearly, as SDL's linear scale mode would draw it. */
void gfx_canvas_stretch(gfx_canvas *c, const Uint8 *rgba, int gw, int gh);
/* gfx_scatter's picture (same desc, same look) drawn into the canvas;
 * `area` is in canvas pixels. */
void gfx_canvas_scatter(gfx_canvas *c, SDL_Rect area, const float *xy, int n, const int *cls,
                        const gfx_scatter_desc *d);
/* Colour of one pixel (tests); transparent black outside. */
SDL_Color gfx_canvas_pixel(const gfx_canvas *c, int x, int y);

/* Draw at (x, y), unscaled and unblended, uploading first if anything was
 * drawn since the last call (so an unchanged picture costs one blit). */
int gfx_canvas_show(gfx_canvas *c, SDL_Renderer *r, int x, int y);

#endif
