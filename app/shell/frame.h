/* app/shell/frame.h - one frame of the program, and the pieces main() calls. */
#ifndef NNLAB_FRAME_H
#define NNLAB_FRAME_H

#include "shell/app.h"

/* Events, training, widgets, pictures, overlays, present. */
void frame_run(app *a);
/* Draw the current state without events, training or present (for --screenshot). */
void frame_render_only(app *a);
void frame_apply_theme(app *a);
/* --check-lesson / --run-lesson: exit code. */
int  frame_headless_lesson(const app_options *o);
/* The lesson player and browser: player/player.h. */

#endif
