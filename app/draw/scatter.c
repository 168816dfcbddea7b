/* app/draw/scatter.c - batched antialiased dots and rings. */
#include "draw/scatter.h"

#include <math.h>

#include "draw/palette.h"
#include "draw/prim.h"

#define CHUNK 256

gfx_scatter_desc gfx_scatter_default(double x_min, double x_max, double y_min, double y_max,
                                     float scale)
{
    return (gfx_scatter_desc){ .x_min = x_min, .x_max = x_max, .y_min = y_min, .y_max = y_max,
                               .radius = 5.0f, .scale = scale, .style = GFX_POINT_FILLED,
                               .color = { 240, 240, 240, 255 }, .outline = { 20, 20, 20, 220 } };
}

SDL_FPoint gfx_scatter_map(const gfx_scatter_desc *d, SDL_Rect area, float x, float y)
{
    double sx = d->x_max != d->x_min ? ((double)x - d->x_min) / (d->x_max - d->x_min) : 0.5;
    double sy = d->y_max != d->y_min ? ((double)y - d->y_min) / (d->y_max - d->y_min) : 0.5;
    /* +0.5: a point lands on a pixel centre, so dots are symmetric and crisp */
    return (SDL_FPoint){ (float)(area.x + sx * (area.w - 1) + 0.5),
                         (float)(area.y + (1.0 - sy) * (area.h - 1) + 0.5) };
}

static SDL_Color colour_of(int i, const int *cls, const SDL_Color *colours, SDL_Color c)
{
    return cls ? pal_category(cls[i]) : colours ? colours[i] : c;
}

void gfx_scatter(SDL_Renderer *r, SDL_Rect area, const float *xy, int n, const int *cls,
                 const SDL_Color *colours, const gfx_scatter_desc *d)
{
    float s = d->scale > 0.0f ? d->scale : 1.0f;
    float rad = (d->radius > 0.0f ? d->radius : 5.0f) * s;
    SDL_FPoint pts[CHUNK];
    SDL_Color col[CHUNK];
    int k = 0;
    for (int i = 0; i <= n; i++) {
        if (i < n) {
            SDL_FPoint p = gfx_scatter_map(d, area, xy[2 * i], xy[2 * i + 1]);
            if (!isfinite(p.x) || !isfinite(p.y)) continue;
            if (d->style == GFX_POINT_RING) {
                /* a dark halo under the ring keeps it visible on light and dark backgrounds */
                if (d->outline.a) gfx_ring(r, p.x, p.y, rad, 1.5f * s + 2.0f, d->outline);
                gfx_ring(r, p.x, p.y, rad, 1.5f * s + 0.5f, colour_of(i, cls, colours, d->color));
                continue;
            }
            pts[k] = p;
            col[k++] = colour_of(i, cls, colours, d->color);
        }
        if (k == CHUNK || (i == n && k > 0)) {
            if (d->outline.a) gfx_discs(r, pts, k, rad + 1.0f * s, NULL, d->outline);
            gfx_discs(r, pts, k, rad, col, d->color);
            k = 0;
        }
    }
}
