/* app/views/softmax_view.h - the state of the softmax view (view_softmax.c),
 * shared with its drawing (softmax_draw.c) and its tests.
 *
 * Three modes: an example of the live run (a dev image, or a point of a 2-D
 * set picked on the plane) with its logits through the softmax; logits the
 * learner edits (the notes' example, +1 to all, a scale); the learner's own
 * picture (the drawing pad or a file) classified by the live image network.
 */
#ifndef NNLAB_SOFTMAX_VIEW_H
#define NNLAB_SOFTMAX_VIEW_H

#include <SDL.h>
#include <stdint.h>

#include "nn/rng.h"
#include "views/softmax_chain.h"
#include "views/softmax_pad.h"

typedef enum sm_mode { SM_MODE_EXAMPLE, SM_MODE_EDIT, SM_MODE_PICTURE, SM_MODE_COUNT } sm_mode;

#define SM_EDIT_MAX 8                 /* classes in the editable mode */

typedef struct softmax_view {
    /* An example of the live run. */
    int      example;                 /* its index in lens_examples */
    uint64_t run_id;                  /* the run it was picked in */
    nn_rng   rng;                     /* Random picks (seeded) */
    int      maps;                    /* 2-D: per-class confidence maps of the plane */
    SDL_Rect pic_rect;                /* where the panel shows it (the plane, or the image) */
    sm_chain ex;                      /* its chain */
    uint64_t ex_version;              /* weights version ex was computed at (0: never) */
    int      ex_of;                   /* the example ex is of */
    int      sigmoid;                 /* the run has one sigmoid output z: shown as softmax over (0, z) */
    /* Logits the learner edits. */
    int      k, truth;
    float    z[SM_EDIT_MAX];          /* the learner's logits */
    float    scale;                   /* multiplies them (1 / temperature) */
    sm_chain edit;                    /* of scale * z */
    double   shift_change;            /* after "+1": the largest change of any p */
    int      shift_shown;             /* 1 while that note applies */
    int      dragging;                /* the logit being dragged + 1 (0: none) */
    /* The learner's own picture. */
    sm_own   own;
    char     path[512];               /* the path field */
    int      eraser;
    float    brush;                   /* radius in pad pixels */
    int      stroke;                  /* a stroke is in progress */
    float    last_x, last_y;          /* its last point, in pad pixels */
    sm_chain pic;                     /* of the prepared input (no true class) */
    uint64_t pic_version, pic_weights;   /* own.version and weights version pic is of */
    int      pic_ok;                  /* pic holds the live network's answer */
    /* Textures (rendering thread). */
    SDL_Texture *tex_example, *tex_pad, *tex_input, *tex_file, *tex_plane;
    uint64_t tex_example_key, tex_pad_key, tex_input_key, tex_file_key, tex_plane_key;
    int      tex_plane_k;
} softmax_view;

#endif
