/* app/draw/scatter.h - 2-D points as antialiased dots (e.g. a dataset over
 * its decision boundary).
 *
 *   gfx_scatter_desc d = gfx_scatter_default(lo_x, hi_x, lo_y, hi_y, scale);
 *   gfx_scatter(r, area, train_xy, n_train, train_y, NULL, &d);   // filled dots
 *   d.style = GFX_POINT_RING;
 *   gfx_scatter(r, area, dev_xy, n_dev, dev_y, NULL, &d);         // hollow rings
 *
 * Train points are filled discs with a thin contrasting outline (so they
 * stand out on a heatmap of the same palette); dev/test points are rings, so
 * the two sets can be told apart without relying on colour. y points up.
 * Colour per point: pal_category(cls[i]) if cls is given, else colours[i] if
 * given, else desc.color. Non-finite points are skipped.
 *
 * Stateless; rendering thread only.
 */
#ifndef NNLAB_SCATTER_H
#define NNLAB_SCATTER_H

#include <SDL.h>

typedef enum gfx_point_style { GFX_POINT_FILLED, GFX_POINT_RING } gfx_point_style;

typedef struct gfx_scatter_desc {
    double    x_min, x_max, y_min, y_max;  /* data range shown by the rectangle */
    float     radius;                      /* unscaled px */
    float     scale;                       /* UI scale */
    int       style;                       /* gfx_point_style */
    SDL_Color color;                       /* when neither cls nor colours is given */
    SDL_Color outline;                     /* filled style: ring colour; alpha 0 = none */
} gfx_scatter_desc;

gfx_scatter_desc gfx_scatter_default(double x_min, double x_max, double y_min, double y_max,
                                     float scale);
/* Pixel position of data point (x, y) in area (x_min at the centre of the first column). */
SDL_FPoint gfx_scatter_map(const gfx_scatter_desc *d, SDL_Rect area, float x, float y);
/* xy is (n, 2); cls (n) and colours (n) may be NULL. */
void gfx_scatter(SDL_Renderer *r, SDL_Rect area, const float *xy, int n, const int *cls,
                 const SDL_Color *colours, const gfx_scatter_desc *d);

#endif
