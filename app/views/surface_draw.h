/* app/views/surface_draw.h - the Optimizer paths view's pictures: the surface
 * as a filled contour map with its minima and saddles, the paths with their
 * names, the selected optimizer's state (arrows and the lr*sqrt(s) box), the
 * side column, f against updates, and the update written out for the
 * Optimizer tab. The view (view_surface.c) keeps the state, the layout, the
 * controls and the keys. */
#ifndef NNLAB_SURFACE_DRAW_H
#define NNLAB_SURFACE_DRAW_H

#include <SDL.h>

#include "draw/axes.h"
#include "draw/canvas.h"
#include "draw/contour.h"
#include "labs/surface_lab.h"
#include "shell/app.h"

enum { SV_MAX_CELLS = 200 * 200, SV_MAX_LEVELS = 24, SV_MAX_NAMES = 16 };

/* The optimizers' names as the legend, the lessons and the CLI write them. */
extern const char *const sv_opt_title[SLAB_LANES];

/* What the cached map was drawn for. */
typedef struct sv_map_key {
    int kind, network, w, h, light;
    float cond, box[4];
    const void *slice;
} sv_map_key;

typedef struct surface_view {
    int   tab;                /* Race | Optimizer | Options */
    int   sel;                /* the optimizer whose state and numbers are shown */
    int   playing, speed;     /* speed: 2^speed updates a frame (negative: one every 2^-speed frames) */
    long  frame;
    char  focus[24];          /* the lesson's highlighted control we last turned to */
    int   numbers_scroll;
    char  numbers[1400];
    /* the map: f on a grid of cell centres, its colours and contour lines */
    gfx_canvas canvas;
    sv_map_key key;
    int    key_valid;
    float  grid[SV_MAX_CELLS], shade[SV_MAX_CELLS];
    int    cols, rows;
    int    log_scale;         /* contours and colours by log10(f - base) */
    double base, eps;         /* log scale: shade = log10(f - base + eps) */
    float  levels[SV_MAX_LEVELS];
    char   level_text[SV_MAX_LEVELS][16];
    const char *level_ptr[SV_MAX_LEVELS];
    int    n_levels;
    gfx_contour_desc cd;
    /* the network's map, computed a few points a frame, coarse to fine */
    int    net_res, net_done;
    /* what the last frame put on the map (for the tests): the names' plates
     * and the selected optimizer's lr*sqrt(s) box (w = 0: none) */
    SDL_Rect names[SV_MAX_NAMES];
    int      n_names;
    SDL_Rect state_box;
} surface_view;

/* Where everything goes (view_surface.c's layout_of). */
typedef struct sv_layout {
    SDL_Rect tools, counter, map_area, inner, bar, side, plot;
    int compact;              /* the map's axes without their names */
} sv_layout;

/* A number for the screen: never "nan" or "inf". */
const char *sv_num(char *buf, size_t n, double x, int sig);
/* The lab's view box, or [-1, 1]^2 when it is not a box. */
void        sv_box_of(const surface_lab *L, float box[4]);
/* The map's axes; compact (a low map) leaves out the axis names. */
gfx_frame   sv_map_frame(const surface_lab *L, const float box[4], int compact);
/* The surfaces as the dropdown lists them (0..NN_SURF_COUNT-1), "Your network" last. */
const char *sv_surf_title(int i);

/* The counter, the map with its colour bar, the points, the start, the
 * paths and their names, the selected optimizer's state, the side column and
 * the plot, where Y puts them. */
void sv_draw(surface_view *v, app *a, const surface_lab *L, const sv_layout *Y);
/* The selected optimizer's last update with the notes' formula and the live
 * values, into v->numbers (the Optimizer tab's text). */
void sv_write_numbers(surface_view *v, const surface_lab *L);

#endif
