/* app/views/view.h - what every view implements, and the registry.
 *
 * A view is one file: a state struct, create/destroy, update (input and
 * widgets) and draw (rendering only), and one `const view_def` at the bottom.
 * Adding a view is that file plus one line in view_list.h.
 *
 * Views read the training state through the app (its session and races) and
 * change it only through the same calls widgets and lessons use
 * (session_set, session_reset ...).
 */
#ifndef NNLAB_VIEW_H
#define NNLAB_VIEW_H

#include <SDL.h>

struct app;

typedef struct view_ctx {
    SDL_Renderer *r;
    struct app   *app;        /* session, ui context, fonts, theme, scale */
    SDL_Rect      area;       /* where the view may draw, in pixels */
    float         dt;         /* seconds since the last frame */
} view_ctx;

typedef struct view_def {
    const char *id;           /* stable key used by lessons and --view: "playground" */
    const char *title;        /* tab label */
    const char *tab;          /* a shorter tab label for a narrow top bar ("Paths"); NULL: title */
    const char *teaches;      /* one line for the view list and tooltips */
    void *(*create)(struct app *app);
    void  (*destroy)(void *self);
    void  (*update)(void *self, view_ctx *ctx);   /* widgets, input, commands; may be NULL */
    /* A key nothing else took (no widget focused); returns 1 if used. May be NULL. */
    int   (*key)(void *self, struct app *app, const SDL_KeyboardEvent *k);
    void  (*draw)(void *self, view_ctx *ctx);     /* rendering only */
    /* A file dropped on the window (SDL_DROPFILE), for views that open files;
     * may be NULL. The shell brings such a view forward first (shell/frame.c). */
    void  (*drop)(void *self, struct app *app, const char *path);
} view_def;

extern const view_def *const VIEWS[];
extern const int VIEW_COUNT;
/* The view with this id, or NULL. */
const view_def *view_find(const char *id);
/* Index of the view with this id, or -1. */
int view_index(const char *id);

#endif
