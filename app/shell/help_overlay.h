/* app/shell/help_overlay.h - the keys overlay (F1 or ?): every key and what
 * it does, in a box over the window. */
#ifndef NNLAB_HELP_OVERLAY_H
#define NNLAB_HELP_OVERLAY_H

#include <SDL.h>

#include "shell/app.h"

/* The box the overlay draws in a w x h window: wide enough for the widest
 * key and description side by side (the small font when the body font does
 * not fit), never wider or taller than the window. */
SDL_Rect help_overlay_box(const app *a, int w, int h);
/* Dim the window and draw the box, its rows and its foot. */
void     help_overlay_draw(app *a, int w, int h);

#endif
