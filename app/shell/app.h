/* app/shell/app.h - the program's state, shared by the shell and the views. */
#ifndef NNLAB_APP_H
#define NNLAB_APP_H

#include <SDL.h>

#include "draw/font.h"
#include "draw/palette.h"
#include "labs/ewa_lab.h"
#include "labs/surface_lab.h"
#include "shell/options.h"
#include "shell/prefs.h"
#include "shell/session.h"

struct ui_context;
struct app_net_slices;
struct player;
struct recorder;

#define APP_MAX_VIEWS 16

typedef struct app {
    SDL_Window   *win;
    SDL_Renderer *r;
    gfx_fonts    *fonts;
    struct ui_context *ui;
    gfx_style     style;
    int           light;          /* high-contrast light theme */
    float         scale;          /* projector zoom */
    app_options   opt;
    prefs         prefs;
    session       s;              /* the playground's live run */
    surface_lab   slab;           /* optimizers on a surface (the surface view, lessons) */
    struct app_net_slices *net_slices;   /* the network slices slab walks on (shell/net_slice.c) */
    ewa_lab       ewa;            /* a year of temperatures and its averages (the ewa view, lessons) */
    int           view;           /* index into VIEWS */
    void         *view_state[APP_MAX_VIEWS];
    int           more_views[APP_MAX_VIEWS], n_more_views;   /* the top bar's More list, last frame (item k + 1) */
    struct player *player;        /* the lesson player when a lesson is open */
    char          lesson_focus[24];   /* the first control the lesson highlights ("" none) */
    char          setup_view[64];     /* an opened setup's view, shown once its lesson step has arrived ("" none) */
    struct race   *lesson_race;   /* a lesson's comparison (drawn by the race view); NULL if none */
    char          toast[300];     /* a short message shown at the bottom ("Screenshot saved to ...") */
    double        toast_until;
    int           show_help;      /* the keys overlay (F1 or ?) */
    int           fullscreen;
    int           quit;
    int           colour_by;      /* the Playground's network diagram: 0 by weight (default), 1 by
                                     gradient (views/playground_draw.h PG_COLOUR_*; key G) */
    int           softmax_mode;   /* what the Softmax view shows (labs/view_setting.h VIEW_SOFTMAX_*) */
    double        time;           /* seconds since start */
    const char   *hover_help;     /* tooltip text requested this frame */
    int           file_ask;       /* the File menu's path bar: the action asked for (shell/file_menu.h), 0 none */
    char          file_path[8][512];   /* its text per action ("" = the default name in the current folder) */
    struct recorder *rec;         /* the recording running (record/record.h), NULL if none */
    SDL_Rect      view_area;      /* where the current view was drawn last frame */
} app;

/* Show a message at the bottom of the window for a few seconds. */
void app_toast(app *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The labs (slab, ewa) at their defaults: 0, or -1 with nn_last_error(). */
int  app_labs_init(app *a);
void app_labs_free(app *a);
/* Set a view's own setting (labs/view_setting.h: colour-by, softmax-mode)
 * from its text; NN_OK, or NN_ERR_ARG with nn_last_error() saying why. */
int  app_view_setting(app *a, const char *name, const char *value);
/* Every view setting back to its default (a lesson starts so). */
void app_view_settings_default(app *a);
/* Switch to a view by id; returns 0, or -1 if there is no such view. */
int  app_set_view(app *a, const char *id);
/* The state of view i, created on first use. */
void *app_view_state(app *a, int i);

#endif
