/* app/shell/window_min.h - the window never gets smaller than the layout
 * needs (APP_MIN_WIDTH x APP_MIN_HEIGHT, shell/options.h).
 *
 *   shell_window_min_set(win);     // once: the minimum size hint
 *   shell_window_min_keep(win);    // every frame
 *
 * A window manager honours the hint; without one (or with one that ignores
 * it) the window can still be made smaller, e.g. by xdotool or a script, and
 * shell_window_min_keep then sizes it back up. Fullscreen is left alone: it
 * is the screen's size, whatever that is.
 */
#ifndef NNLAB_WINDOW_MIN_H
#define NNLAB_WINDOW_MIN_H

#include <SDL.h>

void shell_window_min_set(SDL_Window *win);
void shell_window_min_keep(SDL_Window *win);

#endif
