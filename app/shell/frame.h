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
/* The lesson player (shell/player.c). Open a lesson file (errors become a
 * toast and the browser shows them); close it; the lesson browser. */
void frame_player_open(app *a, const char *path);
void frame_player_close(app *a);
void frame_player_browse(app *a);
/* Clicker keys while a lesson is open; returns 1 if used. */
int  frame_player_key(app *a, const SDL_KeyboardEvent *k);
/* Advance the lesson's own work (runs, waits) once per frame. */
void frame_player_tick(app *a);
/* Draw the narration panel (or the browser) and return the area left for the view. */
SDL_Rect frame_player_panel(app *a, SDL_Rect area);

#endif
