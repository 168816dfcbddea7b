/* app/views/softmax_draw.h - the softmax view's pictures: the chain table
 * (one row per class: z, e^z, p = e^z / sum, p - y as bars with their
 * numbers, the true class marked, the sum and the loss below), the plane of
 * a 2-D run with its per-class probabilities, and grey pictures. */
#ifndef NNLAB_SOFTMAX_DRAW_H
#define NNLAB_SOFTMAX_DRAW_H

#include <SDL.h>

#include "nn/data.h"
#include "shell/app.h"
#include "views/softmax_view.h"

enum { SM_COL_Z, SM_COL_EZ, SM_COL_P, SM_COL_GRAD, SM_COLS };

/* Where the chain's parts go in an area; computed alike by update (to drag
 * the z bars) and draw. */
typedef struct sm_table {
    int         k;
    SDL_Rect    head;                    /* the column headings */
    int         name_x, name_w;          /* the class names */
    int         show[SM_COLS];           /* which columns fit (p always; then z, e^z, p - y) */
    int         col_x[SM_COLS], col_w[SM_COLS];
    int         num_w[SM_COLS];          /* the numbers' part of each column (right) */
    int         tag_w;                   /* the true class's mark after its name */
    int         row_y, row_h;            /* row i: row_y + i * row_h */
    SDL_Rect    foot;                    /* the sum and the loss */
    gfx_font_id num_font, name_font, foot_font;
    int         hint;                    /* room for a line of explanation under the loss */
    float       z_range;                 /* the z bars span -z_range .. z_range (or 0 .. z_range) */
    int         z_signed;                /* some z < 0: zero in the middle */
} sm_table;

/* The class names: the data set's, else "class 0" ... */
const char *sm_class_name(const char *const *names, int k);

/* zr_min > 0: the z bars span at least -zr_min .. zr_min (editable logits: a
 * drag's scale stays put while it moves a logit). */
void sm_table_layout(const app *a, SDL_Rect area, const sm_chain *c, const char *const *names, float zr_min,
                     sm_table *t);
/* The least height sm_table_layout needs for k rows as tall as their names
 * in the small font, the head and the two-line foot (with_truth: the loss). */
int sm_table_min_height(const app *a, int k, int with_truth);
/* The z bar cell of row i (for dragging). */
SDL_Rect sm_table_z_cell(const sm_table *t, int i);
/* The logit at x in the z cells. */
float sm_table_z_at(const sm_table *t, int x);

/* The chain; note (may be NULL or "") is a line under the loss. */
void sm_draw_chain(app *a, SDL_Rect area, const sm_chain *c, const char *const *names, float zr_min, const char *note);

/* A grey picture of w x h values in [0, 1] (float) or bytes (0..255) drawn
 * into dst through *tex (remade when key changes). */
void sm_draw_grey(app *a, SDL_Texture **tex, uint64_t *tex_key, uint64_t key, SDL_Rect dst,
                  const float *v, const uint8_t *b, int w, int h);

/* The 2-D plane: every point's class probabilities mixed as colour, the dev
 * points, the selected one ringed. logits: the probe grid (NULL: none). */
void sm_draw_plane(softmax_view *v, app *a, SDL_Rect r, const nn_dataset *ds, const float *logits, int n_out,
                   const float lo[2], const float hi[2]);
/* One map per class of P(class) over the plane, in a row of squares in area. */
void sm_draw_maps(softmax_view *v, app *a, SDL_Rect area, const float *logits, int n_out, int classes);

/* The square the plane takes in r (for clicks). */
SDL_Rect sm_plane_rect(SDL_Rect r);

#endif
