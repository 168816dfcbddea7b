/* app/views/lens_frame.h - the frame the lens views share (Inside the
 * network, Augmentation, Bias & variance, Softmax): their control panel on
 * the left, a row of tools at the top right (Play, Step, Reset ...), a status
 * line under it, and the room below for the view's own pictures.
 *
 *     const lens_frame F = lens_frame_of(a, area, 40, 4);
 *     ui_layout_begin(ui, F.tools);          // the toolbar's buttons
 *     draw_pictures(F.x, F.top, F.w, F.bottom - F.top);
 */
#ifndef NNLAB_LENS_FRAME_H
#define NNLAB_LENS_FRAME_H

#include <SDL.h>

struct app;

typedef struct lens_frame {
    SDL_Rect panel;       /* the controls: 300 px (zoomed), at most 32% of the width */
    SDL_Rect tools;       /* the toolbar row */
    SDL_Rect status;      /* one line of bold text under it */
    int      x, w;        /* the column right of the panel */
    int      top, bottom; /* below the status line, down to the area's foot */
    int      gap;         /* the margin used around the column */
} lens_frame;

/* tool_h: the toolbar buttons' height, unscaled; status_pad: unscaled pixels
 * added to the bold line's height for the status line. */
lens_frame lens_frame_of(const struct app *a, SDL_Rect area, int tool_h, int status_pad);

#endif
