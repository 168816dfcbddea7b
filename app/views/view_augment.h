/* app/views/view_augment.h - what the Augmentation view (view_augment.c) last
 * drew, for tests that compare it with the engine: where each image of the
 * mini-batch grid is, and which update's batch it shows. */
#ifndef NNLAB_VIEW_AUGMENT_H
#define NNLAB_VIEW_AUGMENT_H

#include <SDL.h>

/* The batch grid's image rectangles of the last frame (at most max), in
 * pixels, image i of lens_batch in cells[i]; *step: the update count after
 * the update whose batch they show. Returns the count (0: no grid drawn). */
int augment_view_batch_cells(const void *self, SDL_Rect *cells, int max, long *step);
/* The training-set row of the image the transform cards show. */
int augment_view_image(const void *self);

#endif
