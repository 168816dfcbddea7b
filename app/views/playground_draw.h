/* app/views/playground_draw.h - the Playground's pictures: the network with
 * a thumbnail per neuron, the decision regions with the data, the curves. */
#ifndef NNLAB_PLAYGROUND_DRAW_H
#define NNLAB_PLAYGROUND_DRAW_H

#include <SDL.h>

#include "draw/canvas.h"
#include "draw/heatmap.h"
#include "labs/view_setting.h"
#include "shell/app.h"

#define PG_MAX_OUTPUTS 16

/* What colours the network diagram (app.colour_by): the weights (the
 * default: blue negative, orange positive, thick = big), or the gradients of
 * the latest update on a log scale from PG_GRAD_LO to PG_GRAD_HI
 * (draw/logramp.h): lines by |dJ/dw|, neurons by their error signal (the mean
 * over the mini-batch of |d loss / d z|), so a vanishing gradient shows as
 * layers fading towards the input. */
enum { PG_COLOUR_WEIGHT = VIEW_COLOUR_BY_WEIGHT, PG_COLOUR_GRADIENT = VIEW_COLOUR_BY_GRADIENT };
#define PG_GRAD_LO 1e-10
#define PG_GRAD_HI 1.0

typedef struct pg_pictures {
    gfx_heatmap *outs[PG_MAX_OUTPUTS];          /* one per output neuron */
    gfx_heatmap *thumbs[SESSION_MAX_NEURONS];   /* one per hidden neuron */
    gfx_heatmap *inputs[2];                     /* x1 and x2 over the plane */
    float        ramp[2][SESSION_GRID * SESSION_GRID];
    gfx_canvas   edges;                         /* the weight edges, drawn on the CPU */
    uint64_t     edges_version;                 /* s->version the edges show */
    int          edges_colour;                  /* and the PG_COLOUR_* they were drawn by */
    SDL_Rect     edges_rect;
    int          edges_bg;
    double       edges_time, edges_cost;        /* when they were drawn, and how long it took */
    float       *scratch;                       /* |w| sorted, to find the strongest edges */
    int          scratch_n;
    gfx_canvas   output;                        /* decision regions with the points */
    Uint8        regions[SESSION_GRID * SESSION_GRID * 4];   /* region colours, RGBA */
    uint64_t     output_version;                /* probe_version the output canvas shows */
    SDL_Rect     output_rect;                   /* and where */
    int         *labels[3];                     /* train/dev/test labels as ints */
    int          label_n[3];
    uint64_t     labels_version;
    int          hover;                         /* neuron under the mouse, -1 none */
    SDL_Rect     hover_rect;
} pg_pictures;

void pg_pictures_free(pg_pictures *p);

/* The network: inputs, hidden neurons with thumbnails, outputs, weighted
 * edges; coloured as a->colour_by says (PG_COLOUR_*). */
void pg_draw_network(pg_pictures *p, app *a, SDL_Rect area);
/* The values the edges into model layer `layer` (a dense layer) are drawn
 * from, laid out as its weights (out, in): the weights themselves, or for
 * PG_COLOUR_GRADIENT the latest update's dJ/dW (lens_weight_grads; NULL
 * before the first update). *n = their count. */
const float *pg_edge_values(const session *s, int colour, int layer, size_t *n);
/* The gradient key, one line in area: "|dJ/dw| lines, mean |delta| neurons: 1e-10 [ramp] 1". */
void pg_draw_gradient_key(app *a, SDL_Rect area);
/* The output: decision regions with train (filled) and dev (rings) points,
 * or for regression the data and the model's curve. */
void pg_draw_output(pg_pictures *p, app *a, SDL_Rect area);
/* Loss and accuracy against epochs; the previous run faint. */
void pg_draw_curves(app *a, SDL_Rect loss_area, SDL_Rect acc_area);
/* The enlarged thumbnail of the hovered neuron (drawn last, on top). */
void pg_draw_hover(pg_pictures *p, app *a);

#endif
