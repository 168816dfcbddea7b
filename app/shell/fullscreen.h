/* app/shell/fullscreen.h - fullscreen that fills the screen, with or without
 * a window manager.
 *
 *   shell_fullscreen(win, 1);   // F11, --fullscreen
 *   shell_fullscreen(win, 0);   // back to the window as it was
 *
 * SDL's desktop fullscreen asks the window manager to do it. Under X with no
 * window manager (a kiosk started with xinit, a bare Xvfb) nobody does: SDL
 * then believes the window is as big as the screen while it keeps its old
 * size, so a 1920x1080 frame is drawn into a 1280x720 window, half of a
 * screenshot comes out white, and leaving fullscreen leaves SDL with the
 * screen's size. Here, when no window manager is running, the window is
 * moved and resized to cover the screen directly; leaving fullscreen always
 * restores the windowed size and position.
 */
#ifndef NNLAB_FULLSCREEN_H
#define NNLAB_FULLSCREEN_H

#include <SDL.h>

void shell_fullscreen(SDL_Window *win, int on);

#endif
