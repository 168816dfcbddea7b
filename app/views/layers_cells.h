/* app/views/layers_cells.h - what the histogram cells of "Inside the network"
 * share (layers_hists.c, layers_bn.c); private to the layers_* files. */
#ifndef NNLAB_LAYERS_CELLS_H
#define NNLAB_LAYERS_CELLS_H

#include <SDL.h>

#include "shell/app.h"

static inline int lc_px(const app *a, float v) { return (int)(v * a->scale + 0.5f); }

/* A cell's background, outline and title line; returns the picture's rectangle under the title. */
SDL_Rect lc_cell_frame(app *a, SDL_Rect r, const char *title, SDL_Color c);
/* Bars of counts[nb] over [blo, bhi] in the picture's x range [xlo, xhi], as one batch. */
void     lc_bars(app *a, SDL_Rect in, float xlo, float xhi, const int *counts, int nb, float blo, float bhi,
                 SDL_Color c);
/* The batch-norm layer right after layer i, or -1. */
int      lc_bn_after(const app *a, int i);

/* Batch norm (layers_bn.c): how many layer rows fit in r, and a page of them:
 * a legend, then for each k < count the batch-norm layer after dense layer
 * dense[k], coloured and named by its depth position pos[k] of nw. */
int      layers_bn_rows_fit(const app *a, SDL_Rect r);
void     layers_bn_page(app *a, SDL_Rect r, const int *dense, const int *pos, int count, int nw);

#endif
