/* app/views/view_search.h - the Search view's state, shared by view_search.c
 * (the controls and the worker thread) and search_draw.c (the picture), and
 * read by tests.
 *
 * Threads: a search runs nn_search_run on its own thread (which runs the
 * trials on `jobs` worker threads). The workers copy each finished trial into
 * the job under its lock; the UI thread takes that copy once a frame
 * (search_view_poll) and never waits on a worker except when a search is
 * stopped or the view is destroyed (a stop is seen within one epoch).
 */
#ifndef NNLAB_VIEW_SEARCH_H
#define NNLAB_VIEW_SEARCH_H

#include <SDL.h>

#include "nn/search.h"

struct app;
struct search_job;

enum { SEARCH_PAIRS = 3, SEARCH_MAX_TRIALS = 100 };

/* The two hyperparameters of a search, and any setting every trial shares
 * beyond the Playground's (Adam for its eps). */
typedef struct search_pair {
    const char *title;          /* for the Axes list */
    const char *x, *y;          /* nn_search_param_parse specs */
    const char *fixed_name, *fixed_value;   /* NULL: none */
    const char *x_label, *y_label;
} search_pair;
extern const search_pair SEARCH_PAIR[SEARCH_PAIRS];

/* One method's latest search, kept while the others run. */
typedef struct search_result {
    int      have;              /* a search was started */
    int      pair, budget, jobs, regression;
    nn_search_desc desc;
    nn_trial t[SEARCH_MAX_TRIALS];
    unsigned char done[SEARCH_MAX_TRIALS];
    int      n_done;
    int      complete, stopped; /* the engine finished every trial / the learner stopped it */
    double   seconds;           /* wall time so far */
} search_result;

typedef struct search_view {
    int method;                 /* nn_search_method: the tab shown */
    int pair, trials, jobs;
    search_result res[NN_SEARCH_COUNT];
    struct search_job *job;     /* the running search, or NULL */
    int job_method;
    int queued;                 /* the preset: random search to start after the grid, -1 none */
    int selected;               /* clicked trial of the shown result, -1: the best */
    int text_scroll;
    double t0;                  /* SDL ticks (s) when the running search began */
    /* drawn last frame (for clicks and tests) */
    SDL_Rect plot;
    float pt_x[SEARCH_MAX_TRIALS], pt_y[SEARCH_MAX_TRIALS];
} search_view;

/* Start a search of v->method with the Playground's settings as the base;
 * 0, or -1 with a message in nn_last_error(). Stops a running one first. */
int  search_view_start(search_view *v, struct app *a);
/* Stop the running search (waits for its workers: at most one epoch each). */
void search_view_stop(search_view *v);
/* Take the workers' finished trials; install the engine's final array when
 * the search is over. Returns 1 while a search runs. */
int  search_view_poll(search_view *v);
/* The trial a click chose, else the best of the shown result: index or -1. */
int  search_view_chosen(const search_view *v);
/* Apply that trial's values (and the pair's fixed setting) to the Playground. */
int  search_view_send(search_view *v, struct app *a);

/* search_draw.c */
const char *search_method_title(int method);     /* "Grid", "Random", "Evolution" */
void search_draw_plot(search_view *v, struct app *a, SDL_Rect area);

#endif
