/* app/shell/player.c - the lesson player in the window. */
#include <stdio.h>

#include "shell/frame.h"

int frame_headless_lesson(const app_options *o)
{
    (void)o;
    fprintf(stderr, "nnlab: lessons are not available in this build yet\n");
    return 2;
}

void frame_player_open(app *a, const char *path) { app_toast(a, "Lessons are not available yet (%s)", path); }
void frame_player_close(app *a) { (void)a; }
void frame_player_browse(app *a) { app_toast(a, "Lessons are not available yet"); }
int  frame_player_key(app *a, const SDL_KeyboardEvent *k) { (void)a; (void)k; return 0; }
void frame_player_tick(app *a) { (void)a; }
SDL_Rect frame_player_panel(app *a, SDL_Rect area) { (void)a; return area; }
