/* app/shell/window_min.c - the smallest window (see window_min.h). */
#include "shell/window_min.h"

#include "shell/options.h"

void shell_window_min_set(SDL_Window *win)
{
    SDL_SetWindowMinimumSize(win, APP_MIN_WIDTH, APP_MIN_HEIGHT);
}

void shell_window_min_keep(SDL_Window *win)
{
    if (SDL_GetWindowFlags(win) & (SDL_WINDOW_FULLSCREEN | SDL_WINDOW_MINIMIZED)) return;
    int w, h;
    SDL_GetWindowSize(win, &w, &h);
    if (w >= APP_MIN_WIDTH && h >= APP_MIN_HEIGHT) return;
    SDL_SetWindowSize(win, w > APP_MIN_WIDTH ? w : APP_MIN_WIDTH, h > APP_MIN_HEIGHT ? h : APP_MIN_HEIGHT);
}
