/* app/shell/fullscreen.c - fullscreen with or without a window manager (see fullscreen.h). */
#include "shell/fullscreen.h"

#ifdef NNLAB_HAVE_X11
#include <SDL_syswm.h>
#include <X11/Xatom.h>
#include <X11/Xlib.h>

/* Is an EWMH window manager running (the one that would handle SDL's
 * _NET_WM_STATE_FULLSCREEN request)? */
static int have_window_manager(Display *d)
{
    const Atom check = XInternAtom(d, "_NET_SUPPORTING_WM_CHECK", True);
    if (check == None) return 0;
    Atom type;
    int format;
    unsigned long n = 0, after;
    unsigned char *data = NULL;
    const int ok = XGetWindowProperty(d, DefaultRootWindow(d), check, 0, 1, False, XA_WINDOW, &type, &format,
                                      &n, &after, &data) == Success;
    if (data) XFree(data);
    return ok && n > 0;
}

/* Without a window manager, cover the window's display ourselves. */
static void cover_display(SDL_Window *win)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!SDL_GetWindowWMInfo(win, &info) || info.subsystem != SDL_SYSWM_X11) return;
    Display *d = info.info.x11.display;
    SDL_Rect b;
    if (have_window_manager(d) || SDL_GetDisplayBounds(SDL_GetWindowDisplayIndex(win), &b) != 0) return;
    XMoveResizeWindow(d, info.info.x11.window, b.x, b.y, (unsigned)b.w, (unsigned)b.h);
    XSync(d, False);
}
#else
static void cover_display(SDL_Window *win) { (void)win; }
#endif

void shell_fullscreen(SDL_Window *win, int on)
{
    static SDL_Rect windowed;              /* one window per program */
    const int is_on = (SDL_GetWindowFlags(win) & SDL_WINDOW_FULLSCREEN) != 0;
    if (on && !is_on) {
        SDL_GetWindowPosition(win, &windowed.x, &windowed.y);
        SDL_GetWindowSize(win, &windowed.w, &windowed.h);
    }
    if (SDL_SetWindowFullscreen(win, on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) != 0) return;
    if (on) {
        cover_display(win);
    } else if (windowed.w > 0 && windowed.h > 0) {
        /* SDL keeps the screen's size when no window manager resized the
         * window back: say the windowed size again (a no-op otherwise). */
        SDL_SetWindowSize(win, windowed.w, windowed.h);
        SDL_SetWindowPosition(win, windowed.x, windowed.y);
    }
}
