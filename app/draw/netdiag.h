/* app/draw/netdiag.h - the network as circles and lines.
 *
 *   static float w_at(const void *u, int l, int i, int j) { ... weight from node i of
 *                                                          layer l to node j of layer l+1 ... }
 *   int sizes[] = { 2, 8, 8, 1 };
 *   gfx_net_desc d = gfx_net_default(sizes, 4, scale);
 *   d.weight = w_at; d.user = model;
 *   gfx_net_draw(r, fonts, area, &d);
 *
 * Layers are columns left to right, nodes centred vertically with the same
 * spacing in every layer. Edges: blue for negative, orange for positive
 * (the diverging palette's ends); thickness and opacity grow with |w|, so the
 * big weights stand out. Nodes are filled with pal_diverging(node value) when
 * a node accessor is given. Layers larger than max_shown draw their first
 * max_shown - 1 nodes and their last one, with "+N" under the column (784
 * MNIST inputs cannot be drawn as circles).
 *
 * gfx_net_layout is pure and tested; drawing is stateless. Rendering thread only.
 */
#ifndef NNLAB_NETDIAG_H
#define NNLAB_NETDIAG_H

#include <SDL.h>

#include "draw/font.h"
#include "draw/palette.h"

typedef struct gfx_net_desc {
    const int  *sizes;       /* (n_layers) nodes per layer, inputs first */
    int         n_layers;
    int         max_shown;   /* nodes drawn per layer at most; 0 = 12 */
    float       scale;       /* UI scale, for stroke widths */
    /* Weight from node i of layer l to node j of layer l + 1; NULL = no edges. */
    float     (*weight)(const void *user, int l, int i, int j);
    /* Value of node i of layer l, mapped to colour as pal_diverging(value); may be NULL. */
    float     (*node)(const void *user, int l, int i);
    const void *user;
    float       w_max;       /* |w| drawn at full thickness; 0 = the largest shown */
    int         show_sizes;  /* 1: "8" under each column */
    gfx_style   style;
} gfx_net_desc;

gfx_net_desc gfx_net_default(const int *sizes, int n_layers, float scale);

/* Number of nodes drawn for a layer of `size` nodes. */
int gfx_net_shown(int size, int max_shown);
/* Index in the layer of the k-th drawn node (the last drawn node is the layer's last). */
int gfx_net_node_index(int size, int max_shown, int k);
/* Centres of the drawn nodes, layer by layer, into pos (cap entries); the
 * node radius into *radius (may be NULL). Returns the number of drawn nodes. */
int gfx_net_layout(const int *sizes, int n_layers, int max_shown, SDL_Rect area, SDL_FPoint *pos,
                   int cap, float *radius);
void gfx_net_draw(SDL_Renderer *r, gfx_fonts *f, SDL_Rect area, const gfx_net_desc *d);

#endif
