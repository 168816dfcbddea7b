/*******************************************************************************
*   view: search - hyperparameter search as a picture
*   teaches: grid, random and evolutionary search; why a rate is searched on a
*            log scale; why random values beat a grid when one of two
*            hyperparameters barely matters; caviar (many models at once, on
*            worker threads) and panda (nurse one: send it to the Playground)
*   reads:   the Playground's settings (a->s.cfg) as every trial's base; the
*            trials are the engine's (nn_search_run, nn/search.h), the same
*            `nnlab-train search` runs for the same settings, seed and budget.
*            The only change it makes is "Send to Playground" (session_apply).
*******************************************************************************/
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn/config.h"
#include "nn/search_train.h"
#include "nn/status.h"
#include "shell/app.h"
#include "ui/ui.h"
#include "views/view.h"
#include "views/view_search.h"

const search_pair SEARCH_PAIR[SEARCH_PAIRS] = {
    { "Learning rate and L2 \xCE\xBB", "lr=1e-4:1:log", "l2=1e-5:1:log", NULL, NULL, "learning rate", "L2 \xCE\xBB" },
    { "Learning rate and Adam's eps", "lr=1e-4:1:log", "eps=1e-8:1e-2:log", "opt", "adam", "learning rate",
      "Adam's eps" },
    { "Learning rate and momentum \xCE\xB2", "lr=1e-4:1:log", "beta=0.5:0.99:lin", "opt", "momentum", "learning rate",
      "momentum \xCE\xB2" },
};

/* ---- the worker side ------------------------------------------------------------------- */

typedef struct search_job {
    pthread_t       thread;
    pthread_mutex_t lock;           /* guards seen, done, n_done, regression */
    atomic_int      cancel, finished;
    nn_config       base;
    nn_search_desc  desc;
    int             rc;
    char            err[256];
    nn_trial        out[SEARCH_MAX_TRIALS];    /* the engine's array */
    nn_trial        seen[SEARCH_MAX_TRIALS];   /* finished trials, copied by the workers */
    unsigned char   done[SEARCH_MAX_TRIALS];
    int             n_done, regression;
} search_job;

/* One full training run with the trial's values, scored as nnlab-train
 * search scores it: dev and train error at the end (or at the best epoch when
 * early stopping stopped it). Runs on a worker thread: it touches only its
 * trial, reads the job's base, and copies the result under the lock. */
static int objective(nn_trial *t, void *arg)
{
    search_job *J = arg;
    int regression = -1;                         /* unknown until a run opens */
    const int rc = nn_search_train_trial(&J->base, &J->desc, t, NULL, &J->cancel, &regression);
    if (atomic_load(&J->cancel)) return 1;       /* not shown: the search was stopped */
    pthread_mutex_lock(&J->lock);
    nn_trial *s = &J->seen[t->index];
    *s = *t;
    if (rc != 0 || !isfinite(s->dev_error)) {    /* as the engine marks it */
        s->failed = 1;
        s->dev_error = s->train_error = INFINITY;
    }
    J->done[t->index] = 1;
    J->n_done++;
    if (regression >= 0) J->regression = regression;
    pthread_mutex_unlock(&J->lock);
    return rc;
}

static void *job_main(void *arg)
{
    search_job *J = arg;
    J->rc = nn_search_run(&J->desc, objective, J, J->out, NULL);
    if (J->rc != NN_OK) snprintf(J->err, sizeof J->err, "%s", nn_last_error());
    atomic_store(&J->finished, 1);
    return NULL;
}

static void job_free(search_job *J)
{
    pthread_join(J->thread, NULL);
    pthread_mutex_destroy(&J->lock);
    free(J);
}

/* ---- the UI side ------------------------------------------------------------------------- */

static double now_s(void) { return (double)SDL_GetTicks() / 1000.0; }

int search_view_poll(search_view *v)
{
    search_job *J = v->job;
    if (!J) return 0;
    search_result *R = &v->res[v->job_method];
    const int finished = atomic_load(&J->finished);
    pthread_mutex_lock(&J->lock);
    for (int i = 0; i < J->desc.trials; i++)
        if (J->done[i] && !R->done[i]) { R->t[i] = J->seen[i]; R->done[i] = 1; }
    R->n_done = J->n_done;
    R->regression = J->regression;
    pthread_mutex_unlock(&J->lock);
    R->seconds = now_s() - v->t0;
    if (!finished) return 1;
    if (J->rc == NN_OK && !atomic_load(&J->cancel)) {
        /* the engine's own array: what nn_search_run returned */
        memcpy(R->t, J->out, (size_t)J->desc.trials * sizeof R->t[0]);
        memset(R->done, 1, (size_t)J->desc.trials);
        R->n_done = J->desc.trials;
        R->complete = 1;
    }
    job_free(J);
    v->job = NULL;
    return 0;
}

void search_view_stop(search_view *v)
{
    if (!v->job) return;
    atomic_store(&v->job->cancel, 1);
    pthread_join(v->job->thread, NULL);
    /* joined: take what finished before the stop */
    search_job *J = v->job;
    search_result *R = &v->res[v->job_method];
    for (int i = 0; i < J->desc.trials; i++)
        if (J->done[i] && !R->done[i]) { R->t[i] = J->seen[i]; R->done[i] = 1; }
    R->n_done = J->n_done;
    R->stopped = 1;
    R->seconds = now_s() - v->t0;
    pthread_mutex_destroy(&J->lock);
    free(J);
    v->job = NULL;
    v->queued = -1;
}

static int parse_pair(nn_search_desc *d, int pair)
{
    const search_pair *p = &SEARCH_PAIR[pair];
    d->n_params = 2;
    return nn_search_param_parse(p->x, &d->params[0]) || nn_search_param_parse(p->y, &d->params[1]);
}

int search_view_start(search_view *v, app *a)
{
    search_view_stop(v);
    const session *s = &a->s;
    if (nn_config_is_images(&s->cfg))
        return nn_set_error(NN_ERR_ARG, "Search trains %d networks: on images that takes many minutes. "
                            "Choose a 2-D data set in the Playground first.", v->trials);
    search_job *J = calloc(1, sizeof *J);
    if (!J) return nn_set_error(NN_ERR_NOMEM, "out of memory");
    J->base = s->cfg;
    J->base.train.capture_stats = 0;       /* the Playground's lenses are not needed per trial */
    const search_pair *p = &SEARCH_PAIR[v->pair];
    if (p->fixed_name && nn_config_set(&J->base, p->fixed_name, p->fixed_value, NULL) != NN_OK) {
        free(J);
        return NN_ERR_ARG;
    }
    J->desc = (nn_search_desc){ .method = (nn_search_method)v->method, .trials = v->trials, .jobs = v->jobs,
                                .seed = J->base.train.seed };
    if (parse_pair(&J->desc, v->pair) != NN_OK) { free(J); return NN_ERR_ARG; }
    search_result *R = &v->res[v->method];
    memset(R, 0, sizeof *R);
    R->have = 1;
    R->pair = v->pair;
    R->budget = v->trials;
    R->jobs = v->jobs;
    R->desc = J->desc;
    atomic_init(&J->cancel, 0);
    atomic_init(&J->finished, 0);
    pthread_mutex_init(&J->lock, NULL);
    if (pthread_create(&J->thread, NULL, job_main, J) != 0) {
        pthread_mutex_destroy(&J->lock);
        free(J);
        R->have = 0;
        return nn_set_error(NN_ERR_ARG, "could not start a thread for the search");
    }
    v->job = J;
    v->job_method = v->method;
    v->selected = -1;
    v->t0 = now_s();
    return NN_OK;
}

int search_view_chosen(const search_view *v)
{
    const search_result *R = &v->res[v->method];
    if (!R->have) return -1;
    if (v->selected >= 0 && v->selected < R->budget && R->done[v->selected] && !R->t[v->selected].failed)
        return v->selected;
    int best = -1;
    for (int i = 0; i < R->budget; i++)
        if (R->done[i] && !R->t[i].failed && (best < 0 || R->t[i].dev_error < R->t[best].dev_error)) best = i;
    return best;
}

int search_view_send(search_view *v, app *a)
{
    const int i = search_view_chosen(v);
    if (i < 0) return nn_set_error(NN_ERR_ARG, "no finished trial to send yet: press Start");
    const search_result *R = &v->res[v->method];
    const search_pair *p = &SEARCH_PAIR[R->pair];
    const char *names[3], *values[3];
    int n = 0;
    for (int k = 0; k < R->desc.n_params; k++) {
        names[n] = R->desc.params[k].name;
        values[n++] = R->t[i].value[k];
    }
    if (p->fixed_name) { names[n] = p->fixed_name; values[n++] = p->fixed_value; }
    return session_apply(&a->s, names, values, n, 1);
}

/* ---- the view ------------------------------------------------------------------------------ */

static int px(const app *a, float x) { return (int)lroundf(x * a->scale); }

static void *create(app *a)
{
    (void)a;
    search_view *v = calloc(1, sizeof *v);
    if (!v) return NULL;
    v->method = NN_SEARCH_GRID;
    v->pair = 0;
    v->trials = 25;
    const int cpus = SDL_GetCPUCount();
    v->jobs = cpus >= 2 ? 2 : 1;
    v->queued = -1;
    v->selected = -1;
    return v;
}

static void destroy(void *self)
{
    search_view *v = self;
    if (!v) return;
    search_view_stop(v);
    free(v);
}

static void start(search_view *v, app *a)
{
    if (search_view_start(v, a) != NN_OK) app_toast(a, "%s", nn_last_error());
}

static void send(search_view *v, app *a)
{
    const int i = search_view_chosen(v);
    if (search_view_send(v, a) != NN_OK) { app_toast(a, "%s", nn_last_error()); return; }
    const search_result *R = &v->res[v->method];
    app_toast(a, "The Playground now trains trial %d: %s %s, %s %s. Nurse it there.", i, R->desc.params[0].name,
              R->t[i].value[0], R->desc.params[1].name, R->t[i].value[1]);
}

/* The explanation under the controls, in the program's voice. */
static void explain(const search_view *v, char *buf, size_t n)
{
    const search_result *R = &v->res[v->method];
    const int trials = R->have ? R->budget : v->trials;
    int per = 1;
    while ((per + 1) * (per + 1) <= trials) per++;
    const char *what =
        v->method == NN_SEARCH_GRID ?
            "**Grid:** %d values of each, every pair: %d trials try only %d learning rates - see the columns. "
            "When the other one barely matters (Adam's eps), most of those trials repeat what you already know.\n\n" :
        v->method == NN_SEARCH_RANDOM ?
            "**Random:** every trial draws both values afresh, so %d trials try %d different learning rates. "
            "When one of the two barely matters, none of them is wasted.%.0d\n\n" :
            "**Evolution:** a first generation at random, then each next one mutates the best quarter so far: "
            "the rings' colours show the generations (%d trials, %d a generation)%.0d.\n\n";
    char head[400];
    if (v->method == NN_SEARCH_GRID) snprintf(head, sizeof head, what, per, trials, per);
    else if (v->method == NN_SEARCH_RANDOM) snprintf(head, sizeof head, what, trials, trials, 0);
    else snprintf(head, sizeof head, what, trials, trials / 5 > 4 ? trials / 5 : 4, 0);
    snprintf(buf, n,
             "%s"
             "Each dot is a whole network, trained with the Playground's settings and the two values at its "
             "place, coloured by its dev error (bright: fewer mistakes). The rates are on a **log scale**: each "
             "decade gets the same room, so 0.0001 to 0.001 is searched as carefully as 0.1 to 1.\n\n"
             "**Caviar:** the trials run side by side on %d thread%s, many models at once. **Panda:** click one "
             "and send it to the Playground to nurse it epoch by epoch.\n\n"
             "Try **Random beats grid**: it runs a grid, then random search, on a pair where one axis barely "
             "matters.",
             head, v->jobs, v->jobs == 1 ? "" : "s");
}

static int panel_w(const app *a, SDL_Rect area)
{
    const int w = px(a, 330), cap = area.w * 38 / 100;
    return w > cap ? cap : w;
}

static void panel(search_view *v, app *a, SDL_Rect r)
{
    ui_context *ui = a->ui;
    ui_panel(ui, r, NULL);
    ui_layout_row(ui, 1, 0);
    static const char *const tabs[] = { "Grid", "Random", "Evolution" };
    int m = v->method;
    if (ui_tabs(ui, "search method", tabs, 3, &m)) { v->method = m; v->selected = -1; }
    ui_tooltip(ui, "Which search to run and show; each keeps its latest result.");
    const char *pairs[SEARCH_PAIRS];
    for (int i = 0; i < SEARCH_PAIRS; i++) pairs[i] = SEARCH_PAIR[i].title;
    int pair = v->pair;
    if (ui_dropdown(ui, "##search axes", &pair, pairs, SEARCH_PAIRS)) v->pair = pair;
    ui_tooltip(ui, "Axes: the two hyperparameters searched; everything else is the Playground's.");
    ui_layout_row(ui, 2, 0);
    ui_number_int(ui, "Trials", &v->trials, 4, SEARCH_MAX_TRIALS, 1);
    ui_tooltip(ui, "The budget: how many networks to train.");
    ui_number_int(ui, "Threads", &v->jobs, 1, 8, 1);
    ui_tooltip(ui, "Networks trained at once (caviar); the results are the same with 1 or 8.");
    const int images = nn_config_is_images(&a->s.cfg);
    ui_layout_row(ui, 1, 0);
    if (v->job) {
        if (ui_button(ui, "Stop")) search_view_stop(v);
        ui_tooltip(ui, "Stop the search; the trials finished so far stay.");
    } else {
        if (images) ui_push_disabled(ui);
        if (ui_button(ui, "Start")) start(v, a);
        ui_tooltip(ui, images ? "Search runs on the 2-D data sets: choose one in the Playground."
                              : "Train one network per trial, on worker threads.");
        if (images) ui_pop_disabled(ui);
    }
    ui_layout_row(ui, 1, 0);
    if (images) ui_push_disabled(ui);
    if (ui_button(ui, "Random beats grid")) {
        v->pair = 1;
        v->trials = 25;
        v->method = NN_SEARCH_GRID;
        start(v, a);
        v->queued = v->job ? NN_SEARCH_RANDOM : -1;
    }
    ui_tooltip(ui, "25 trials of a grid, then 25 at random, on the learning rate and Adam's eps (which barely "
                   "matters): compare the columns.");
    if (images) ui_pop_disabled(ui);
    ui_layout_row(ui, 1, 0);
    const search_result *R = &v->res[v->method];
    const int chosen = search_view_chosen(v);
    if (chosen < 0) ui_push_disabled(ui);
    if (ui_button(ui, "Send to Playground")) send(v, a);
    ui_tooltip(ui, "Panda: the Playground takes this trial's values (the best, or the one you clicked) and "
                   "trains it again, for you to watch.");
    if (chosen < 0) ui_pop_disabled(ui);
    (void)R;
    char text[1400];
    explain(v, text, sizeof text);
    ui_layout_space(ui, 4);
    ui_layout_row(ui, 1, -1);
    ui_text_panel(ui, "search notes", text, &v->text_scroll);
}

static void update(void *self, view_ctx *ctx)
{
    search_view *v = self;
    app *a = ctx->app;
    const int was_running = v->job != NULL;
    search_view_poll(v);
    if (was_running && !v->job && v->queued >= 0 && v->res[v->job_method].complete) {
        v->method = v->queued;          /* the preset's second half */
        v->queued = -1;
        start(v, a);
    }
    const SDL_Rect area = ctx->area;
    const int pw = panel_w(a, area), gap = px(a, 12);
    panel(v, a, (SDL_Rect){ area.x, area.y, pw, area.h });
    const SDL_Rect right = { area.x + pw + gap, area.y + px(a, 6), area.w - pw - 2 * gap, area.h - px(a, 12) };
    v->plot = right;
    /* a click on a dot chooses that trial */
    int mx, my;
    if (ui_pad(a->ui, "Search trials", right, &mx, &my)) {
        const search_result *R = &v->res[v->method];
        int best = -1;
        float best_d2 = (float)(px(a, 14) * px(a, 14));
        for (int i = 0; i < R->budget; i++) {
            if (!R->done[i] || R->t[i].failed) continue;
            const float dx = v->pt_x[i] - (float)mx, dy = v->pt_y[i] - (float)my, d2 = dx * dx + dy * dy;
            if (d2 < best_d2) { best_d2 = d2; best = i; }
        }
        if (best >= 0) v->selected = best;
    }
    ui_tooltip(a->ui, "Click a dot to choose that trial for Send to Playground.");
}

static void draw(void *self, view_ctx *ctx)
{
    search_view *v = self;
    search_draw_plot(v, ctx->app, v->plot);
}

static int key(void *self, app *a, const SDL_KeyboardEvent *k)
{
    search_view *v = self;
    if (k->keysym.sym != SDLK_SPACE) return 0;
    if (v->job) search_view_stop(v);
    else start(v, a);
    return 1;
}

const view_def view_search = {
    .id = "search", .title = "Search", .tab = NULL,
    .teaches = "Grid, random and evolutionary hyperparameter search: many networks at once, coloured by dev error.",
    .create = create, .destroy = destroy, .update = update, .key = key, .draw = draw,
};
