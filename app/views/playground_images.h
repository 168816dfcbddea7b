/* app/views/playground_images.h - the Playground's pictures for image data
 * (Fashion-MNIST): a grid of dev images with the network's guesses, the
 * softmax output of the selected image, a one-line summary of the network,
 * and the progress of a load. The loss and accuracy curves are the 2-D
 * Playground's (pg_draw_curves).
 *
 *   pg_images_update(&g, a, left);      // in the view's update: samples, predictions, clicks
 *   pg_images_draw_grid(&g, a, left);   // in its draw, with the same rectangle
 *   pg_images_draw_selected(&g, a, out);
 *
 * Predictions are recomputed only when the weights changed, and at most
 * PG_IMAGES_HZ times a second (a forward pass over the samples).
 * Rendering thread only; the caller owns the pg_images (zero-initialised).
 */
#ifndef NNLAB_PLAYGROUND_IMAGES_H
#define NNLAB_PLAYGROUND_IMAGES_H

#include <SDL.h>

#include "shell/app.h"

#define PG_IMAGES_MAX 24          /* samples in the grid at most */
#define PG_IMAGES_CLASSES 16      /* classes the bars can show */
#define PG_IMAGES_HZ 4            /* prediction refreshes per second at most */

typedef struct pg_images {
    uint64_t     run_id;                    /* the run the samples come from (0: none yet) */
    const void  *set;                       /* its sample set's pixels, and size: the same */
    int          set_n;                     /*   images under a new network keep the selection */
    int          n;                         /* samples picked */
    int          idx[PG_IMAGES_MAX];        /* their indices in the dev set */
    int          truth[PG_IMAGES_MAX];      /* their classes */
    float       *x;                         /* (n, d) their pixels in [0, 1], the network's input */
    int          d, side_w, side_h;         /* features; image width and height */
    int          classes;
    const char *const *names;               /* class names (the dataset's) */
    float        prob[PG_IMAGES_MAX][PG_IMAGES_CLASSES];
    int          pred[PG_IMAGES_MAX];       /* predicted class; -1 before the first prediction */
    int          sigmoid;                   /* two classes, one sigmoid output (else softmax) */
    uint64_t     pred_version;              /* session version the predictions are of */
    double       pred_time;                 /* app time of the last prediction */
    int          selected;                  /* sample shown in the bars */
    SDL_Texture *tex;                       /* the samples stacked vertically, one texture */
    char         ids[PG_IMAGES_MAX][24];    /* widget ids of the samples */
} pg_images;

void pg_images_free(pg_images *g);

/* Pick the samples of a new run, refresh the predictions when due, and make
 * each sample a button (click, or Tab then Enter, selects it). `left` is the
 * rectangle pg_images_draw_grid gets. */
void pg_images_update(pg_images *g, app *a, SDL_Rect left);

/* The sample whose card is at (x, y) in a grid drawn in `left`; -1 if none. */
int  pg_images_at(const pg_images *g, app *a, SDL_Rect left, int x, int y);

/* The summary line of the network, the grid of samples with their predicted
 * class (✓ right, ✗ wrong, and colour) and a key, in `left`. */
void pg_images_draw_grid(pg_images *g, app *a, SDL_Rect left);

/* The selected sample enlarged, its true and predicted class, and the
 * softmax bars of every class (the true class marked). */
void pg_images_draw_selected(pg_images *g, app *a, SDL_Rect area);

/* A progress bar with the loader's stage, centred in `area`. */
void pg_images_draw_loading(app *a, SDL_Rect area);

/* "784 → c4k3 → p2 → 32 → 10 · 25,490 parameters" for the session's model. */
void pg_images_summary(const session *s, char *buf, int len);

#endif
