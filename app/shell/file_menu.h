/* app/shell/file_menu.h - setups, networks and the history on disk, from the window.
 *
 * The top bar's File list (and Ctrl+S / Ctrl+O) asks for a path in a bar
 * under the top bar: a text field holding a default name in the current
 * folder (the last path used for that action after the first time), Save /
 * Open and Cancel; Enter does it, Esc cancels. The result is a toast: where
 * the file went, or the one-line reason it did not (a setup's bad line by
 * its number). Nothing changes when opening fails.
 *
 * The app_* calls do the work without asking (tests, `nnlab FILE`): 0, or -1
 * with the message in nn_last_error().
 */
#ifndef NNLAB_FILE_MENU_H
#define NNLAB_FILE_MENU_H

#include "nn/setup.h"
#include "shell/app.h"

enum {
    FILE_NONE, FILE_SAVE_SETUP, FILE_OPEN_SETUP, FILE_SAVE_NETWORK, FILE_OPEN_NETWORK,
    FILE_RECORD_GIF, FILE_RECORD_MP4,   /* start a recording (record/record.h); while one runs: stop it */
    FILE_EXPORT_HISTORY,
    FILE_ACTIONS
};

/* The window's setup now: the Playground's settings and seed, the view, the
 * open lesson and its step (1-based). */
void app_setup_capture(const app *a, nn_setup *out);
/* Save it (atomically, nn/setup.h). */
int  app_setup_save(app *a, const char *path);
/* Read and check the whole file (settings, view, lesson and step) before
 * changing anything; then open the lesson at its step, apply the settings
 * (a fresh run: same seed, same initial weights) and show the view. */
int  app_setup_open(app *a, const char *path);
/* The run's history as nnlab-train's --csv (same columns and formatting). */
int  app_history_export(app *a, const char *path);
/* Do one action now and show the result as a toast; 0 or -1. */
int  file_menu_do(app *a, int action, const char *path);

/* Open the path bar for an action (Ctrl+S: FILE_SAVE_SETUP, Ctrl+O: FILE_OPEN_SETUP). */
void file_menu_ask(app *a, int action);
/* The top bar's "File" list: its width in pixels, and the list (in a layout cell). */
int  file_menu_width(app *a);
void file_menu_list(app *a);
/* The path bar at the top of area when asked for; returns the area left below it. */
SDL_Rect file_menu_bar(app *a, SDL_Rect area);
/* Ctrl+S, Ctrl+O; Enter and Esc while the bar is open. 1 if used. */
int  file_menu_key(app *a, const SDL_KeyboardEvent *k);

#endif
