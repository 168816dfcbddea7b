/*******************************************************************************
*   view: race ("Compare") - two to four runs that differ in any setting, side
*            by side; by default stochastic vs mini-batch vs batch descent
*   teaches: lessons/12_gradient_descent_batch.lesson; the notes' comparison of
*            one example, a few, and all examples per update; any lesson's
*            `compare:` (optimizers, L2, dropout ...)
*   reads:   app->s.cfg (the Playground's settings as the base), its own race
*            (shell/race.h, shell/race_compare.h): every lane's loss after
*            every update
*******************************************************************************/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/hover.h"
#include "draw/plot.h"
#include "draw/prim.h"
#include "nn/status.h"
#include "shell/app.h"
#include "shell/race.h"
#include "shell/race_compare.h"
#include "ui/ui.h"
#include "views/view.h"
#include "views/view_race.h"

enum { G = 40 };   /* resolution of each lane's decision map */

typedef struct race_view {
    race       *r;
    nn_config   base;          /* the Playground's configuration the plan was made from */
    int         built;         /* r holds lanes (of `plan` unless stale) */
    int         stale;         /* the plan changed since the lanes were built: they wait for Play */
    int         playing;
    int         dirty;         /* the choices below changed: plan again */
    race_plan   plan;          /* the runs the choices ask for; built on Play or Reset */
    nn_run      data;          /* base's data, loaded once and shared by every lane */
    nn_config   data_cfg;      /* the configuration `data` came from */
    int         has_data;
    int         waiting;
    int         by_examples;   /* race by: 0 equal time, 1 equal examples */
    int         builds;        /* how many times lanes were built (tests: picks build none) */       /* the Playground is still loading base's data: plan again when done */
    int         set1, set2;    /* what differs: indices into race_choices (set2 -1: nothing else) */
    int         n;             /* lanes, 2..RACE_MAX_LANES */
    char        val1[RACE_MAX_LANES][32], val2[RACE_MAX_LANES][32];   /* each lane's values */
    char        error[256];    /* why the lanes could not be built ("" if they were) */
    int         mini;          /* index into MINIS (a lesson's batch sizes) */
    float       budget_ms;     /* compute time per frame for the three runs together */
    int         axis;          /* race_axis: what the curves are plotted against */
    SDL_Texture *maps[RACE_MAX_LANES];
    float       grid_xy[G * G * 2];
    float       lo[2], hi[2];
} race_view;

static const char *const MINIS[] = { "4", "8", "16", "32", "64", "128" };
enum { N_MINIS = (int)(sizeof MINIS / sizeof MINIS[0]) };

/* Setting k of race_choices for the lanes' first (which = 1) or second
 * setting, with its usual values. */
static void choose(race_view *v, int which, int k)
{
    const race_choice *c = &race_choices(NULL)[k];
    for (int i = 0; i < RACE_MAX_LANES; i++)
        snprintf(which == 1 ? v->val1[i] : v->val2[i], sizeof v->val1[i], "%s", c->start[i]);
    if (which == 1) v->set1 = k;
    else v->set2 = k;
    v->dirty = 1;
}

/* The default and the "Batch race" preset: batch = 1 | 32 | all. */
static void batch_race(race_view *v)
{
    v->n = 3;
    v->set2 = -1;
    choose(v, 1, race_choice_find("batch"));
}

static void *create(app *a)
{
    (void)a;
    race_view *v = calloc(1, sizeof *v);
    if (v) { v->mini = 3; v->budget_ms = 0.6f; batch_race(v); }
    return v;
}

static void destroy(void *self)
{
    race_view *v = self;
    if (v->r) { race_free(v->r); free(v->r); }      /* the lanes first: they borrow the data */
    if (v->has_data) nn_run_close(&v->data);
    for (int i = 0; i < RACE_MAX_LANES; i++) if (v->maps[i]) SDL_DestroyTexture(v->maps[i]);
    free(v);
}

static int px(const app *a, float x) { return (int)(x * a->scale + 0.5f); }

/* The x-axis choice: tabs right above the curves, or a dropdown where the
 * tabs would not fit. Lessons mark it as `axis` (its label, AXIS_LABEL). */
#define AXIS_LABEL "Loss against"
static const char *const AXIS_TABS[RACE_AXIS_COUNT] = { "epochs", "updates", "examples", "seconds" };
static const char *const AXIS_ITEMS[RACE_AXIS_COUNT] = { "epochs", "updates", "examples seen", "seconds" };

/* Where everything goes; update (widgets) and draw (cards, plot) share it. */
typedef struct race_layout {
    int      pw;               /* the control panel's width */
    SDL_Rect main;             /* right of the panel: */
    SDL_Rect head;             /*   one line: what differs between the runs */
    SDL_Rect cards;            /*   the lanes' cards below it */
    SDL_Rect axis;             /*   the x-axis choice */
    SDL_Rect plot;             /*   the curves */
} race_layout;

static race_layout layout_of(const app *a, SDL_Rect area)
{
    race_layout L;
    /* The panel keeps its width unless that would leave the race too little
     * room (a big zoom, a lesson's narration beside the view). */
    L.pw = px(a, 330);
    if (L.pw > area.w * 42 / 100) L.pw = area.w * 42 / 100;
    const int gap = px(a, 14), row = px(a, UI_ROW_HEIGHT) + 2;
    L.main = (SDL_Rect){ area.x + L.pw + gap, area.y + gap, area.w - L.pw - 2 * gap, area.h - 2 * gap };
    /* The cards take 30% of the height, more (up to 45%) when their name and
     * five counters need it (a big zoom on a low window). */
    const int need = gfx_text_height(a->fonts, GFX_FONT_BOLD) + px(a, 8)
                   + 5 * (gfx_text_height(a->fonts, GFX_FONT_SMALL) + px(a, 2));
    L.head = (SDL_Rect){ L.main.x, L.main.y, L.main.w, gfx_text_height(a->fonts, GFX_FONT_BODY) + px(a, 6) };
    int card_h = L.main.h * 30 / 100;
    if (card_h < need) card_h = need < L.main.h * 45 / 100 ? need : L.main.h * 45 / 100;
    L.cards = (SDL_Rect){ L.main.x, L.head.y + L.head.h, L.main.w, card_h };
    L.axis = (SDL_Rect){ L.main.x, L.cards.y + L.cards.h + gap, L.main.w, row };
    const int py = L.axis.y + row + gap / 2;
    L.plot = (SDL_Rect){ L.main.x, py, L.main.w, L.main.y + L.main.h - py };
    return L;
}

/* Lanes off: nothing races until the plan is built. */
static void drop_lanes(race_view *v)
{
    if (v->r && v->built) race_free(v->r);
    v->built = 0;
    v->stale = 0;
}

/* The base's data, loaded once: copied from the Playground's run when it has
 * them (no loading at all), else loaded. The lanes borrow them, so new data
 * take the lanes down first. 0; 1 while the Playground is still loading the
 * same data (asked again next frame); -1 with v->error set. */
static int ensure_data(race_view *v, app *a)
{
    if (v->has_data && nn_config_same_data(&v->data_cfg, &v->base)) return 0;
    drop_lanes(v);
    if (v->has_data) nn_run_close(&v->data);
    v->has_data = 0;
    const session *s = &a->s;
    if (s->loading && nn_config_same_data(&s->data_cfg, &v->base)) return 1;   /* the Playground is loading them */
    int rc;
    if (s->open && !s->loading && nn_config_same_data(&s->data_cfg, &v->base))
        rc = nn_run_copy_data(&v->data, &s->run);
    else rc = nn_run_open_data(&v->data, &v->base, NULL);
    if (rc != NN_OK) {
        snprintf(v->error, sizeof v->error, "%s", nn_last_error());
        return -1;
    }
    v->data_cfg = v->base;
    v->has_data = 1;
    return 0;
}

/* 1 if the lanes racing are the plan's (a choice made and taken back). */
static int built_as_planned(const race_view *v)
{
    if (!v->built || v->plan.n != v->r->n_lanes) return 0;
    for (int i = 0; i < v->plan.n; i++)
        if (memcmp(&v->plan.cfgs[i], &v->r->cfgs[i], sizeof v->plan.cfgs[i]) != 0 ||
            strcmp(v->plan.labels[i], v->r->lanes[i].label) != 0)
            return 0;
    return 1;
}

/* Plan the runs from the Playground's configuration and the choices: cheap
 * (no networks are built, no training is lost). Lanes racing other settings
 * become stale: they stop, are no longer shown, and new ones wait for Play. */
static void replan(race_view *v, app *a)
{
    v->dirty = 0;
    v->base = a->s.cfg;
    v->error[0] = '\0';
    const race_choice *cs = race_choices(NULL);
    const char *v1[RACE_MAX_LANES], *v2[RACE_MAX_LANES];
    for (int i = 0; i < RACE_MAX_LANES; i++) { v1[i] = v->val1[i]; v2[i] = v->val2[i]; }
    v->waiting = 0;
    int rc = race_plan_compare(&v->plan, &v->base, cs[v->set1].name, v1, v->set2 >= 0 ? cs[v->set2].name : NULL,
                               v2, v->n);
    if (rc == 0 && (rc = ensure_data(v, a)) == 1) v->waiting = 1;
    else if (rc == 0) rc = race_plan_check(&v->plan, &v->data);
    if (rc != 0) {
        if (!v->error[0] && !v->waiting) snprintf(v->error, sizeof v->error, "%s", v->plan.error);
        v->plan.n = 0;
    }
    v->stale = v->built && !built_as_planned(v);
    if (v->stale) v->playing = 0;
}

/* Build the plan's lanes on the shared data (Play, Reset, or a first look). */
static void start(race_view *v, app *a)
{
    if (v->plan.n < 1 || !v->has_data) return;
    drop_lanes(v);
    if (!v->r && !(v->r = malloc(sizeof *v->r))) return;
    if (race_init_plan(v->r, &v->plan, &v->data) != 0) {
        snprintf(v->error, sizeof v->error, "%s", v->r->error);
        v->plan.n = 0;
        app_toast(a, "Compare: %s", v->error);
        return;
    }
    v->built = 1;
    v->builds++;
}

/* Play and Space: runs of settings chosen since are built first, then play. */
static void play(race_view *v, app *a)
{
    if (!a->lesson_race && (v->stale || !v->built)) {
        start(v, a);
        v->playing = v->built && !v->stale;
        return;
    }
    v->playing = !v->playing;
}

/* Reset and R: the runs back to their initial weights; with new settings chosen, new runs. */
static void reset(race_view *v, app *a, race *R)
{
    if (!a->lesson_race && (v->stale || !v->built)) start(v, a);
    else if (R) race_reset(R);
}

/* Settings that change the initial weights or the data: racing one of them,
 * the runs no longer start alike. */
static int changes_start(const char *name)
{
    static const char *const START[] = { "seed", "layers", "init", "data", "samples", "noise", "classes",
                                         "split", "shift", "batchnorm", "train-limit", "class-subset",
                                         "dev-size", "data-dir" };
    for (size_t i = 0; i < sizeof START / sizeof START[0]; i++)
        if (strcmp(name, START[i]) == 0) return 1;
    return 0;
}

/* The panel's notes: what the runs share, exactly what differs between them
 * (the lanes' own settings: a lesson may race anything), and what stochastic,
 * mini-batch and batch mean when the batch size is what differs. */
static void race_notes(const nn_config *cfgs, const char *const *labels, int n_lanes, char *out, size_t n)
{
    out[0] = '\0';
    if (n_lanes < 1) return;
    const nn_setting *d[8];
    const int k = race_configs_differing(cfgs, n_lanes, d, 8);
    int alike = 1, batch = 0;
    for (int i = 0; i < k; i++) {
        alike &= !changes_start(d[i]->name);
        batch |= strcmp(d[i]->name, "batch") == 0;
    }
    char diff[900];
    race_configs_differences_text(cfgs, labels, n_lanes, diff, sizeof diff);
    snprintf(out, n, "%s%s\n\n%s%s",
             alike ? "All runs start from **the same initial weights** and see the training examples in "
                     "**the same order**. " : "",
             diff,
             batch && k == 1 ? "**Stochastic** updates after every example: many cheap, noisy steps.\n\n"
                               "**Batch** computes the exact gradient over all examples: one smooth but "
                               "expensive step per epoch.\n\n"
                               "**Mini-batch** sits between: the usual choice in practice.\n\n" : "",
             "Plot the curves against **epochs**, **updates** or **examples seen**: each "
             "tells a different story.");
}

/* A lesson's comparison is set by the lesson: its learning rate and batch
 * sizes are shown (and may be highlighted) but not changed from here. */
static void lesson_controls(race_view *v, app *a, ui_context *ui)
{
    const race *L = a->lesson_race;
    ui_push_disabled(ui);
    float lr = L->n_lanes > 0 ? L->cfgs[0].train.lr : a->s.cfg.train.lr;
    ui_slider_log(ui, "Learning rate", &lr, 1e-4f, 10.0f);
    ui_tooltip(ui, "The first run's learning rate; the notes below say whether the runs differ in it.");
    int mini = v->mini;                  /* the lesson's runs' batch size, when they share one listed here */
    char b[32], other[32];
    nn_config_get(&L->cfgs[0], "batch", b, (int)sizeof b);
    for (int i = 1; i < L->n_lanes; i++) {
        nn_config_get(&L->cfgs[i], "batch", other, (int)sizeof other);
        if (strcmp(b, other) != 0) b[0] = '\0';
    }
    for (int i = 0; i < N_MINIS; i++) if (!strcmp(b, MINIS[i])) mini = i;
    ui_dropdown(ui, "Mini-batch size", &mini, MINIS, N_MINIS);
    ui_tooltip(ui, "Examples per update. In a lesson the lesson sets the runs: the notes below "
                   "say what differs between them.");
    ui_pop_disabled(ui);
}

/* One lane's value of a setting: a dropdown of its named values, or a
 * number field. Returns 1 when the learner changed it. */
static int value_control(ui_context *ui, const char *label, const race_choice *c, char *val, size_t n)
{
    if (c->items) {
        int k = race_choice_item(c, val);
        if (k < 0) k = 0;
        const int was = k;
        if (ui_dropdown(ui, label, &k, c->items, c->n_items) && k != was) {
            snprintf(val, n, "%s", c->items[k]);
            return 1;
        }
        return 0;
    }
    float x = strtof(val, NULL);
    if (ui_number_float(ui, label, &x, c->lo, c->hi, c->step)) {
        snprintf(val, n, "%.4g", (double)x);
        return 1;
    }
    return 0;
}

/* "Add run" and "Remove": 2 to RACE_MAX_LANES runs. */
static void add_remove(race_view *v, ui_context *ui)
{
    if (ui_button(ui, "Add run") && v->n < RACE_MAX_LANES) { v->n++; v->dirty = 1; }
    ui_tooltip(ui, "One more run (at most four).");
    if (ui_button(ui, "Remove") && v->n > 2) { v->n--; v->dirty = 1; }
    ui_tooltip(ui, "One run fewer (at least two).");
}

/* What differs and each run's values, chosen in the window. A short panel
 * (a projector's zoom on a low window) puts two controls in a row, their
 * labels above them, so the runs' values and the buttons stay in view. */
static void compare_controls(race_view *v, app *a, ui_context *ui, int compact)
{
    int n_choices;
    const race_choice *cs = race_choices(&n_choices);
    const char *titles[RACE_MAX_LANES * 4 + 1];
    titles[0] = "nothing";
    for (int i = 0; i < n_choices && i < RACE_MAX_LANES * 4; i++) titles[i + 1] = cs[i].title;
    /* what differs: full width, so the settings' names show whole, unless a
     * short panel needs the room for two values per run */
    ui_layout_row(ui, compact && v->set2 >= 0 ? 2 : 1, 0);
    int k = v->set1;
    if (ui_dropdown(ui, "Compare", &k, titles + 1, n_choices) && k != v->set1) {
        choose(v, 1, k);
        if (v->set2 == k) v->set2 = -1;
    }
    ui_tooltip(ui, "The setting the runs differ in. Everything else is the Playground's: set up the data "
                   "and the network there, then compare here.");
    int k2 = v->set2 + 1;
    if (ui_dropdown(ui, "And", &k2, titles, n_choices + 1) && k2 - 1 != v->set2) {
        if (k2 - 1 == v->set1) k2 = 0;
        if (k2 == 0) { v->set2 = -1; v->dirty = 1; }
        else choose(v, 2, k2 - 1);
    }
    ui_tooltip(ui, "Optionally a second setting that differs too (e.g. the learning rate with the optimizer).");
    const int two = v->set2 >= 0;
    /* two values for each of four runs in a short panel: slightly lower rows,
     * so the Batch race button below them stays in view */
    const int tight = compact && two && v->n == RACE_MAX_LANES ? UI_ROW_HEIGHT - 6 : 0;
    for (int i = 0; i < v->n; i++) {
        char label[32], label2[32], number[16];
        snprintf(label, sizeof label, two ? "##run %d" : "Run %d", i + 1);
        snprintf(label2, sizeof label2, "##and run %d", i + 1);
        if (two) {             /* the run's number, then its two values side by side */
            const int widths[3] = { 24, 0, 0 };
            ui_layout_row_widths(ui, 3, widths, tight);
            snprintf(number, sizeof number, "%d", i + 1);
            ui_label(ui, number);
        }
        else if (!compact) ui_layout_row(ui, 1, 0);
        else if (i % 2 == 0) ui_layout_row(ui, 2, 0);
        if (value_control(ui, label, &cs[v->set1], v->val1[i], sizeof v->val1[i])) v->dirty = 1;
        ui_tooltip(ui, "This run's value of the compared setting.");
        if (two && value_control(ui, label2, &cs[v->set2], v->val2[i], sizeof v->val2[i])) v->dirty = 1;
        if (two) ui_tooltip(ui, "This run's value of the second setting.");
    }
    /* Add run, Remove and Batch race in a row; where a third of the panel
     * cannot hold "Batch race" (zoom 2), the button says what it sets */
    const int third = ui_layout_rest(ui).w / 3;
    const int narrow = gfx_text_width(a->fonts, GFX_FONT_BODY, "Batch race") + px(a, 16) > third;
    ui_layout_row(ui, 3, 0);
    add_remove(v, ui);
    if (ui_button(ui, narrow ? "1|32|all##Batch race" : "Batch race")) batch_race(v);
    ui_tooltip(ui, "Back to stochastic, mini-batch (32) and batch gradient descent.");
    ui_layout_row(ui, 1, 0);
    float lr = a->s.cfg.train.lr;
    if (ui_slider_log(ui, "Learning rate", &lr, 1e-4f, 10.0f)) {
        char buf[32];
        snprintf(buf, sizeof buf, "%.4g", lr);
        if (session_set(&a->s, "lr", buf) != NN_OK) app_toast(a, "%s", nn_last_error());
    }
    ui_tooltip(ui, "The Playground's learning rate, shared by the runs unless it is what they compare; "
                   "changing it restarts them.");
}

static void update(void *self, view_ctx *ctx)
{
    race_view *v = self;
    app *a = ctx->app;
    ui_context *ui = a->ui;
    race *R = a->lesson_race;            /* a lesson's comparison takes the place of ours */
    if (!R) {
        /* Choices and the Playground's settings make a plan at once; runs are
         * built from it on Play or Reset (or when there are none to show). */
        if (v->dirty || (v->waiting && !a->s.loading) || memcmp(&v->base, &a->s.cfg, sizeof v->base) != 0)
            replan(v, a);
        if ((!v->built || (v->stale && a->opt.play)) && v->plan.n > 0) start(v, a);
        if (v->built && !v->stale) {
            R = v->r;
            R->equal_time = !v->by_examples;
        }
    }
    if (R && (v->playing || a->opt.play)) race_advance(R, v->budget_ms * 1e-3);

    const SDL_Rect area = ctx->area;
    const race_layout L = layout_of(a, area);
    ui_panel(ui, (SDL_Rect){ area.x, area.y, L.pw, area.h }, "Compare");
    const int compact = !a->lesson_race && area.h < 14 * (px(a, UI_ROW_HEIGHT) + 2);
    ui_layout_row(ui, 2, 0);
    if (ui_button(ui, v->playing ? "Pause" : "Play")) play(v, a);
    ui_tooltip(ui, "Start or stop all the runs (Space). After a change of settings, Play starts new runs "
                   "with them.");
    if (ui_button(ui, "Reset")) reset(v, a, R);
    ui_tooltip(ui, "All the runs back to their initial weights (R); after a change of settings, new runs "
                   "with them.");
    ui_layout_row(ui, 1, 0);
    if (a->lesson_race) lesson_controls(v, a, ui);
    else compare_controls(v, a, ui, compact);
    static const char *const modes[] = { "equal time", "equal examples" };
    int mode = a->lesson_race ? !a->lesson_race->equal_time : v->by_examples;
    if (ui_dropdown(ui, "Race by", &mode, modes, 2)) {
        if (a->lesson_race) a->lesson_race->equal_time = !mode;
        else v->by_examples = mode;
    }
    ui_tooltip(ui, "Equal time: each run gets the same computer time per frame. Equal examples: "
                   "the runs advance together, example for example.");
    ui_slider_log(ui, "Speed (ms/frame)", &v->budget_ms, 0.05f, 8.0f);
    ui_tooltip(ui, "Computer time the runs share each frame: lower to watch the first updates closely.");
    ui_layout_space(ui, 8);
    ui_layout_row(ui, 1, -1);
    static int scroll;
    static char notes[1600];
    if (a->lesson_race) {
        const char *labels[RACE_MAX_LANES];
        for (int i = 0; i < R->n_lanes; i++) labels[i] = R->lanes[i].label;
        race_notes(R->cfgs, labels, R->n_lanes, notes, sizeof notes);
    } else if (v->error[0]) snprintf(notes, sizeof notes, "These runs cannot start: %s", v->error);
    else if (v->waiting) snprintf(notes, sizeof notes, "Loading the data ...");
    else {
        const char *labels[RACE_MAX_LANES];
        for (int i = 0; i < v->plan.n; i++) labels[i] = v->plan.labels[i];
        const size_t k = v->stale ? (size_t)snprintf(notes, sizeof notes, "**Press Play** to start these runs.\n\n")
                                  : 0;
        race_notes(v->plan.cfgs, labels, v->plan.n, notes + k, sizeof notes - k);
    }
    ui_text_panel(ui, "race notes", notes, &scroll);
    /* The x-axis of the curves, right above them. */
    if (L.main.w > 0 && L.axis.y + L.axis.h <= L.main.y + L.main.h) {
        ui_layout_begin(ui, L.axis);
        const int caption = gfx_text_width(a->fonts, GFX_FONT_BODY, AXIS_LABEL) + px(a, 16);
        int tab = 0;                                   /* the widest tab label needs */
        for (int i = 0; i < RACE_AXIS_COUNT; i++) {
            const int w = gfx_text_width(a->fonts, GFX_FONT_BOLD, AXIS_TABS[i]) + px(a, 14);
            if (w > tab) tab = w;
        }
        if (caption + px(a, 8) + RACE_AXIS_COUNT * tab <= L.axis.w) {      /* "Loss against" and tabs */
            const int widths[2] = { (int)((float)caption / a->scale + 1.0f), 0 };
            ui_layout_row_widths(ui, 2, widths, 0);
            ui_label(ui, AXIS_LABEL);
            ui_tabs(ui, AXIS_LABEL, AXIS_TABS, RACE_AXIS_COUNT, &v->axis);
        } else if (RACE_AXIS_COUNT * tab <= L.axis.w) {                     /* the tabs alone */
            ui_layout_row(ui, 1, 0);
            ui_tabs(ui, AXIS_LABEL, AXIS_TABS, RACE_AXIS_COUNT, &v->axis);
        } else {                                                            /* too narrow for tabs */
            ui_layout_row(ui, 1, 0);
            ui_dropdown(ui, AXIS_LABEL, &v->axis, AXIS_ITEMS, RACE_AXIS_COUNT);
        }
        ui_tooltip(ui, "What the curves are plotted against: epochs (passes over the training set), "
                       "updates (steps of the weights), examples seen, or seconds of computing. "
                       "By epochs stochastic descent looks best, by updates batch descent does.");
    }
}

/* The plane a lane's decision map shows: its training data's bounds, squared.
 * Taken from the lane being drawn (ours or a lesson's, whose data may differ
 * from lane to lane) every frame: a few hundred points, cheap. 0 if the data
 * are not 2-D. */
static int plane(race_view *v, const race_lane *l)
{
    const nn_dataset *tr = &l->run.train;
    if (tr->d != 2 || tr->n < 1) return 0;
    float lo[2] = { INFINITY, INFINITY }, hi[2] = { -INFINITY, -INFINITY };
    for (int i = 0; i < tr->n; i++)
        for (int j = 0; j < 2; j++) { lo[j] = fminf(lo[j], tr->x[2 * i + j]); hi[j] = fmaxf(hi[j], tr->x[2 * i + j]); }
    const float half = 0.55f * fmaxf(hi[0] - lo[0], hi[1] - lo[1]);
    for (int j = 0; j < 2; j++) { const float c = 0.5f * (lo[j] + hi[j]); v->lo[j] = c - half; v->hi[j] = c + half; }
    for (int r = 0; r < G; r++)
        for (int c = 0; c < G; c++) {
            v->grid_xy[2 * (r * G + c)] = v->lo[0] + (v->hi[0] - v->lo[0]) * (c + 0.5f) / G;
            v->grid_xy[2 * (r * G + c) + 1] = v->hi[1] - (v->hi[1] - v->lo[1]) * (r + 0.5f) / G;
        }
    return 1;
}

/* Each lane's decision regions, coloured by class with confidence as strength. */
static void draw_map(race_view *v, race *R, app *a, int i, SDL_Rect r)
{
    race_lane *l = &R->lanes[i];
    if (l->run.train.d != 2) return;
    if (!v->maps[i]) {
        v->maps[i] = SDL_CreateTexture(a->r, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STREAMING, G, G);
        if (!v->maps[i]) return;
        SDL_SetTextureScaleMode(v->maps[i], SDL_ScaleModeLinear);
    }
    nn_trainer *t = l->run.trainer;
    const float *z = nn_trainer_predict(t, v->grid_xy, G * G);
    void *pixels;
    int pitch;
    if (!z || SDL_LockTexture(v->maps[i], NULL, &pixels, &pitch) != 0) return;
    const nn_model *m = nn_trainer_model(t);
    const int n_out = nn_model_n_out(m);
    const nn_loss loss = nn_model_get_desc(m)->loss;
    const SDL_Color bg = a->style.bg;
    for (int k = 0; k < G * G; k++) {
        const float *zk = z + (size_t)k * n_out;
        const int cls = nn_loss_predict(loss, zk, n_out);
        float conf = 0.5f;
        if (loss == NN_LOSS_BCE) conf = fabsf(tanhf(0.5f * zk[0]));
        const SDL_Color c = pal_category(cls);
        const float s = 0.2f + 0.5f * conf;
        Uint8 *q = (Uint8 *)pixels + (k / G) * pitch + (k % G) * 4;
        q[0] = (Uint8)(bg.r + (c.r - bg.r) * s);
        q[1] = (Uint8)(bg.g + (c.g - bg.g) * s);
        q[2] = (Uint8)(bg.b + (c.b - bg.b) * s);
        q[3] = 255;
    }
    SDL_UnlockTexture(v->maps[i]);
    SDL_RenderCopy(a->r, v->maps[i], NULL, &r);
    gfx_rect_outline(a->r, r, px(a, 1), a->style.axis);
}

typedef struct lane_axis { const race_lane *l; race_axis axis; } lane_axis;

static double lane_point(const void *u, int i, double *x)
{
    const lane_axis *la = u;
    *x = race_point_x(&la->l->pts[i], la->axis);
    return la->l->pts[i].loss;
}

/* The lane's name without its "(...)" explanation when the whole one is wider than w. */
/* "loss 0.123"; a lane whose loss overflowed says so instead of printing inf or nan. */
static void loss_text(char *out, size_t n, float loss)
{
    if (isfinite(loss)) snprintf(out, n, "loss %.3f", (double)loss);
    else snprintf(out, n, "loss \xE2\x88\x9E (diverged)");   /* U+221E infinity */
}

/* The dev loss after each finished epoch (row 0: before training), against the chosen axis. */
static double lane_dev_point(const void *u, int i, double *x)
{
    const lane_axis *la = u;
    int rows = 0;
    const nn_metrics *m = &nn_trainer_history(la->l->run.trainer, &rows)[i];
    switch (la->axis) {
    case RACE_UPDATES: *x = (double)m->steps; break;
    case RACE_EXAMPLES: *x = (double)m->examples; break;
    case RACE_SECONDS: *x = m->seconds; break;
    default: *x = m->epoch; break;
    }
    return m->dev_loss;
}

static void lane_name(const app *a, const char *label, int w, char *name, size_t n)
{
    char whole[64];
    snprintf(whole, sizeof whole, "%s", label);
    char *paren = strstr(whole, " (");
    if (paren && gfx_text_width(a->fonts, GFX_FONT_BOLD, whole) > w) *paren = '\0';
    gfx_text_fit(a->fonts, GFX_FONT_BOLD, whole, w, name, n);   /* still too wide: "stochas…" */
}

/* One lane's card: its colour, name, decision map and counters, kept inside
 * card (clipped there: nothing runs into the next card). The counters go
 * beside the map, under it, or alone, whichever fits; short words when even
 * that is too narrow. */
static void draw_card(race_view *v, race *R, app *a, int i, SDL_Rect card)
{
    gfx_clip saved;
    if (!gfx_clip_push(a->r, card, &saved)) return;
    const race_lane *l = &R->lanes[i];
    const SDL_Color col = pal_category(i + 4);
    const int inset = px(a, 14), avail = card.w - inset, x = card.x + inset;
    gfx_fill_rect(a->r, (SDL_Rect){ card.x, card.y, px(a, 6), card.h }, col);
    /* The name: whole if it fits, else without its "(...)" explanation. */
    char name[sizeof l->label];
    lane_name(a, l->label, avail, name, sizeof name);
    gfx_text(a->fonts, GFX_FONT_BOLD, x, card.y, a->style.text, GFX_ALIGN_LEFT, name);
    const int top = card.y + gfx_text_height(a->fonts, GFX_FONT_BOLD) + px(a, 4), body_h = card.y + card.h - top;

    const nn_trainer_state st = nn_trainer_state_get(l->run.trainer);
    const race_point *last = &l->pts[l->n_pts - 1];
    char lines[8][48], brief[8][48];
    int n = 0;
    loss_text(lines[n], sizeof lines[n], last->loss);
    loss_text(brief[n++], sizeof brief[0], last->loss);
    int rows = 0;
    const nn_metrics *h = nn_trainer_history(l->run.trainer, &rows);
    if (rows > 1 && h[rows - 1].dev_acc >= 0) {   /* the dev set at the last finished epoch */
        snprintf(lines[n], sizeof lines[n], "dev acc %.1f%%", 100.0 * h[rows - 1].dev_acc);
        snprintf(brief[n++], sizeof brief[0], "dev %.0f%%", 100.0 * h[rows - 1].dev_acc);
    }
    snprintf(lines[n], sizeof lines[n], "%.1f epochs", (double)last->epochs);
    snprintf(brief[n++], sizeof brief[0], "%.1f ep", (double)last->epochs);
    snprintf(lines[n], sizeof lines[n], "%ld updates", st.steps);
    snprintf(brief[n++], sizeof brief[0], "%ld upd", st.steps);
    snprintf(lines[n], sizeof lines[n], "%ld examples", st.examples);
    snprintf(brief[n++], sizeof brief[0], "%ld ex", st.examples);
    snprintf(lines[n], sizeof lines[n], "%.2f s", l->seconds);
    snprintf(brief[n++], sizeof brief[0], "%.2f s", l->seconds);
    if (st.diverged) {
        snprintf(lines[n], sizeof lines[n], "diverged");
        snprintf(brief[n++], sizeof brief[0], "diverged");
    }
    /* Widths: the longest line, but at least that of six-digit counters, so
     * the map does not shrink every time a counter gains a digit. */
    int lw = 0;
    for (int k = 0; k < n; k++) {
        const int w = gfx_text_width(a->fonts, GFX_FONT_SMALL, lines[k]);
        if (w > lw) lw = w;
    }
    const int tmpl = gfx_text_width(a->fonts, GFX_FONT_SMALL, "000000 examples"), tw = lw > tmpl ? lw : tmpl;
    const int sl = gfx_text_height(a->fonts, GFX_FONT_SMALL) + px(a, 2), text_h = n * sl, gap = px(a, 12);
    const int min_map = px(a, 48), has_map = plane(v, l);
    int map = 0, tx = x, ty = top;
    const int beside = body_h < avail - gap - tw ? body_h : avail - gap - tw;
    const int under = avail < body_h - text_h - px(a, 4) ? avail : body_h - text_h - px(a, 4);
    if (has_map && beside >= min_map) {
        map = beside;
        tx = x + map + gap;
    } else if (has_map && under >= min_map) {
        map = under;
        ty = top + map + px(a, 4);
    }
    char (*shown)[48] = tx + lw > card.x + card.w ? brief : lines;     /* short words if need be */
    if (map > 0) draw_map(v, R, a, i, (SDL_Rect){ x, top, map, map });
    for (int k = 0; k < n && ty + (k + 1) * sl <= card.y + card.h + px(a, 2); k++) {   /* whole lines only */
        const SDL_Color c = k == 0 ? a->style.text : strcmp(lines[k], "diverged") == 0 ? (SDL_Color){ 220, 70, 50, 255 }
                                                                                  : a->style.text_dim;
        gfx_text(a->fonts, GFX_FONT_SMALL, tx, ty + k * sl, c, GFX_ALIGN_LEFT, shown[k]);
    }
    gfx_clip_pop(a->r, &saved);
}

/* One lane as a full-width row, for areas too narrow for cards side by side
 * (a lesson beside the race at a projector's zoom): colour, name and loss on
 * the first line, as many counters as fit on the second, the map on the right. */
static void draw_row(race_view *v, race *R, app *a, int i, SDL_Rect row)
{
    gfx_clip saved;
    if (!gfx_clip_push(a->r, row, &saved)) return;
    const race_lane *l = &R->lanes[i];
    const int inset = px(a, 14), x = row.x + inset, gap = px(a, 12);
    const int map = plane(v, l) && row.h >= px(a, 40) ? row.h : 0, right = row.x + row.w - (map ? map + gap : 0);
    gfx_fill_rect(a->r, (SDL_Rect){ row.x, row.y, px(a, 6), row.h }, pal_category(i + 4));
    if (map) draw_map(v, R, a, i, (SDL_Rect){ row.x + row.w - map, row.y, map, map });
    char name[sizeof l->label], text[160];
    lane_name(a, l->label, right - x, name, sizeof name);
    gfx_text(a->fonts, GFX_FONT_BOLD, x, row.y, a->style.text, GFX_ALIGN_LEFT, name);
    const race_point *last = &l->pts[l->n_pts - 1];
    loss_text(text, sizeof text, last->loss);
    const int nx = x + gfx_text_width(a->fonts, GFX_FONT_BOLD, name) + gap;
    if (nx + gfx_text_width(a->fonts, GFX_FONT_BODY, text) <= right)
        gfx_text(a->fonts, GFX_FONT_BODY, right, row.y, a->style.text, GFX_ALIGN_RIGHT, text);
    const nn_trainer_state st = nn_trainer_state_get(l->run.trainer);
    char item[5][48];
    int n = 0;
    if (st.diverged) snprintf(item[n++], sizeof item[0], "diverged");
    snprintf(item[n++], sizeof item[0], "%.1f ep", (double)last->epochs);
    snprintf(item[n++], sizeof item[0], "%ld upd", st.steps);
    snprintf(item[n++], sizeof item[0], "%ld ex", st.examples);
    snprintf(item[n++], sizeof item[0], "%.2f s", l->seconds);
    size_t len = 0;                       /* text[0..len) holds the items that fit */
    text[0] = '\0';
    for (int k = 0; k < n; k++) {
        const int w = snprintf(text + len, sizeof text - len, "%s%s", k ? " \xC2\xB7 " : "", item[k]);
        if (w < 0 || (size_t)w >= sizeof text - len || x + gfx_text_width(a->fonts, GFX_FONT_SMALL, text) > right) {
            text[len] = '\0';
            break;
        }
        len += (size_t)w;
    }
    const SDL_Color c = st.diverged ? (SDL_Color){ 220, 70, 50, 255 } : a->style.text_dim;
    gfx_text(a->fonts, GFX_FONT_SMALL, x, row.y + gfx_text_height(a->fonts, GFX_FONT_BOLD) + px(a, 2), c,
             GFX_ALIGN_LEFT, text);
    gfx_clip_pop(a->r, &saved);
}

/* Above the cards, in one line a teacher reads from the back of the room:
 * "Only the **optimizer** differs - same initial weights, same order of
 * examples" (the second half only where the runs do start alike, and only
 * when the line has room for it). */
static void draw_headline(app *a, const race_layout *L, const nn_config *cfgs, int n)
{
    const nn_setting *d[8];
    const int k = race_configs_differing(cfgs, n, d, 8);
    if (n < 2) return;
    char text[400];
    size_t used = 0;
    if (k == 0) used = (size_t)snprintf(text, sizeof text, "The runs have the same settings");
    else {
        int alike = 1;
        used = (size_t)snprintf(text, sizeof text, "Only the ");
        for (int i = 0; i < k && used < sizeof text; i++) {
            alike &= !changes_start(d[i]->name);
            used += (size_t)snprintf(text + used, sizeof text - used, "%s**%s**",
                                     i == 0 ? "" : i == k - 1 ? " and the " : ", the ", d[i]->label);
        }
        if (used < sizeof text)
            used += (size_t)snprintf(text + used, sizeof text - used, k == 1 ? " differs" : " differ");
        const size_t brief = used < sizeof text ? used : sizeof text - 1;
        if (alike && used < sizeof text)
            snprintf(text + used, sizeof text - used, " \xE2\x80\x94 same initial weights, same order of examples");
        const int line = gfx_text_height(a->fonts, GFX_FONT_BODY);
        if (gfx_text_wrap(a->fonts, GFX_FONT_BODY, L->head, a->style.text, text, 0) > line) text[brief] = '\0';
    }
    /* too long even so (two settings at a big zoom): the small font, and
     * then without "Only the" ("**augmentation** and **normalization** differ") */
    const gfx_font_id font = gfx_text_wrap(a->fonts, GFX_FONT_BODY, L->head, a->style.text, text, 0) >
                             gfx_text_height(a->fonts, GFX_FONT_BODY) ? GFX_FONT_SMALL : GFX_FONT_BODY;
    if (k > 1 && gfx_text_wrap(a->fonts, font, L->head, a->style.text, text, 0) > gfx_text_height(a->fonts, font)) {
        size_t used2 = 0;
        for (int i = 0; i < k && used2 < sizeof text; i++)
            used2 += (size_t)snprintf(text + used2, sizeof text - used2, "%s**%s**",
                                      i == 0 ? "" : i == k - 1 ? " and " : ", ", d[i]->label);
        if (used2 < sizeof text) snprintf(text + used2, sizeof text - used2, " differ");
    }
    gfx_clip saved;
    if (!gfx_clip_push(a->r, L->head, &saved)) return;
    gfx_text_wrap(a->fonts, font, L->head, a->style.text, text, 1);
    gfx_clip_pop(a->r, &saved);
}

/* No runs to show: the planned runs' names on their cards and, where the
 * curves go, what to do (Play) or why they cannot run. Runs of settings
 * chosen before are not drawn: their curves would pass for the new ones'. */
static void draw_pending(race_view *v, app *a, const race_layout *L)
{
    const int n = v->plan.n, gap = px(a, 14);
    const int card_w = n > 0 ? (L->cards.w - (n - 1) * gap) / n : 0;
    for (int i = 0; i < n && card_w > px(a, 20); i++) {
        const SDL_Rect card = { L->cards.x + i * (card_w + gap), L->cards.y, card_w, L->cards.h };
        gfx_clip saved;
        if (!gfx_clip_push(a->r, card, &saved)) continue;
        gfx_fill_rect(a->r, (SDL_Rect){ card.x, card.y, px(a, 6), card.h }, pal_category(i + 4));
        char name[sizeof v->plan.labels[i]];
        const int x = card.x + px(a, 14);
        lane_name(a, v->plan.labels[i], card.w - px(a, 14), name, sizeof name);
        gfx_text(a->fonts, GFX_FONT_BOLD, x, card.y, a->style.text, GFX_ALIGN_LEFT, name);
        gfx_text(a->fonts, GFX_FONT_SMALL, x, card.y + gfx_text_height(a->fonts, GFX_FONT_BOLD) + px(a, 4),
                 a->style.text_dim, GFX_ALIGN_LEFT, v->stale ? "new settings" : "not started");
        gfx_clip_pop(a->r, &saved);
    }
    char msg[400];
    if (v->error[0]) snprintf(msg, sizeof msg, "These runs cannot start: %s", v->error);
    else if (v->waiting) snprintf(msg, sizeof msg, "Loading the data ...");
    else if (n > 0) snprintf(msg, sizeof msg, "Settings changed. Press **Play** (Space) to start these runs.");
    else return;
    const int w = L->plot.w < px(a, 560) ? L->plot.w : px(a, 560);
    const SDL_Rect box = { L->plot.x + (L->plot.w - w) / 2, L->plot.y + L->plot.h / 3, w, L->plot.h * 2 / 3 };
    gfx_text_wrap(a->fonts, GFX_FONT_BODY, box, v->error[0] ? (SDL_Color){ 220, 70, 50, 255 } : a->style.text, msg, 1);
}

/* The values under the mouse: every lane's training loss at the point
 * nearest the cursor, and its dev loss where an epoch's is near. Series
 * 0..n-1 are the lanes' training curves, the rest dev curves of lane_of[k]. */
static void hover_lanes(app *a, const race *R, SDL_Rect in, const gfx_plot_desc *d, const gfx_series *s, int ns,
                        int n, const int *lane_of)
{
    int mx, my;
    if (!ui_mouse(a->ui, &mx, &my)) return;
    const gfx_frame fr = gfx_plot_frame(d, s, ns);
    const gfx_hover h = gfx_hover_find(in, &fr, s, ns, mx, my);
    if (!h.on) return;
    gfx_hover_guide(a->r, &h, in, &fr, s, ns, &d->style, a->scale);
    char names[2 * RACE_MAX_LANES][80];
    gfx_hover_row rows[2 * RACE_MAX_LANES];
    int nr = 0;
    for (int k = 0; k < ns && k < h.n; k++) {
        const int dev = k >= n;
        snprintf(names[nr], sizeof names[nr], "%s%s", R->lanes[lane_of[k]].label, dev ? " dev" : "");
        rows[nr] = (gfx_hover_row){ names[nr], h.y[k], s[k].color, s[k].style, 0 };
        nr++;
    }
    const gfx_hover_desc hd = gfx_hover_default(d);
    gfx_hover_box(a->r, a->fonts, &hd, h.x, rows, nr, (int)h.px, my);
}

static void draw(void *self, view_ctx *ctx)
{
    race_view *v = self;
    app *a = ctx->app;
    race *R = a->lesson_race ? a->lesson_race : v->built && !v->stale ? v->r : NULL;
    const race_layout L = layout_of(a, ctx->area);
    if (L.main.w <= 0 || L.main.h <= 0) return;
    if (a->lesson_race) draw_headline(a, &L, a->lesson_race->cfgs, a->lesson_race->n_lanes);
    else draw_headline(a, &L, v->plan.cfgs, v->plan.n);
    if (!R || R->n_lanes < 1) {
        if (!a->lesson_race) draw_pending(v, a, &L);
        return;
    }
    /* Lane cards across the top, as many as there are lanes. */
    const int gap = px(a, 14), n = R->n_lanes;
    const int card_w = (L.cards.w - (n - 1) * gap) / n;
    int widest = 0;                       /* cards only when every name fits its card */
    for (int i = 0; i < n; i++) {
        char name[sizeof R->lanes[i].label];
        lane_name(a, R->lanes[i].label, card_w - px(a, 14), name, sizeof name);   /* as draw_card will */
        const int w = gfx_text_width(a->fonts, GFX_FONT_BOLD, name) + px(a, 14);
        if (w > widest) widest = w;
    }
    const int row_gap = px(a, 6), row_h = n > 0 ? (L.cards.h - (n - 1) * row_gap) / n : 0;
    if (widest > card_w && row_h >= gfx_text_height(a->fonts, GFX_FONT_BOLD) + gfx_text_height(a->fonts, GFX_FONT_SMALL)) {
        for (int i = 0; i < n; i++)
            draw_row(v, R, a, i, (SDL_Rect){ L.cards.x, L.cards.y + i * (row_h + row_gap), L.cards.w, row_h });
    } else {
        for (int i = 0; i < n && card_w > 0 && L.cards.h > 0; i++)
            draw_card(v, R, a, i, (SDL_Rect){ L.cards.x + i * (card_w + gap), L.cards.y, card_w, L.cards.h });
    }
    /* The curves: every lane's loss against the chosen axis. */
    if (L.plot.h < px(a, 60)) return;
    const race_axis axis = (race_axis)(v->axis >= 0 && v->axis < RACE_AXIS_COUNT ? v->axis : RACE_EPOCHS);
    lane_axis la[RACE_MAX_LANES];
    gfx_series s[2 * RACE_MAX_LANES];
    int ns = 0, with_dev = 0, lane_of[2 * RACE_MAX_LANES];
    for (int i = 0; i < n; i++) {
        lane_of[ns] = i;
        la[i] = (lane_axis){ &R->lanes[i], axis };
        s[ns++] = (gfx_series){ .name = R->lanes[i].label, .n = R->lanes[i].n_pts,
                                .get = lane_point, .user = &la[i], .color = pal_category(i + 4) };
    }
    for (int i = 0; i < n; i++) {   /* the dev loss per epoch, dashed in the lane's colour */
        int rows = 0;
        const nn_metrics *h = nn_trainer_history(R->lanes[i].run.trainer, &rows);
        if (rows < 2 || h[0].dev_loss < 0) continue;
        lane_of[ns] = i;
        s[ns++] = (gfx_series){ .name = NULL, .n = rows, .get = lane_dev_point, .user = &la[i],
                                .color = pal_category(i + 4), .style = GFX_LINE_DASHED, .width = 2.0f };
        with_dev = 1;
    }
    gfx_plot_desc d = gfx_plot_default();
    d.style = a->style;
    d.y_label = with_dev ? "loss: training \xE2\x80\x94  dev - - -" : "training loss";
    d.x_label = race_axis_name(axis);
    d.log_y = 1;
    /* The legend repeats the cards' names and colours: only where it leaves
     * most of the curves in view. (The plot's data rectangle is its height
     * less the labels, ticks and paddings of draw/axes.c.) */
    const int small = gfx_text_height(a->fonts, GFX_FONT_SMALL), body = gfx_text_height(a->fonts, GFX_FONT_BODY);
    int data_h = L.plot.h - (2 * body + small * 3 / 2 + px(a, 21));
    if (data_h < 8 * small) {          /* a short plot (big zoom, low window): its height goes to the curves */
        d.y_label = NULL;
        data_h += body;
    }
    d.legend = n * small + px(a, 18) <= data_h / 2;
    const SDL_Rect in = gfx_plot(a->r, a->fonts, L.plot, &d, s, ns);
    hover_lanes(a, R, in, &d, s, ns, n, lane_of);
}

static int key(void *self, app *a, const SDL_KeyboardEvent *k)
{
    race_view *v = self;
    if (k->keysym.sym == SDLK_SPACE) { play(v, a); return 1; }
    race *R = a->lesson_race ? a->lesson_race : v->built && !v->stale ? v->r : NULL;
    if (k->keysym.sym == SDLK_r) { reset(v, a, R); return 1; }
    return 0;
}

const view_def view_race = {
    .id = "race", .title = "Compare", .tab = "Compare",
    .teaches = "Runs that differ in any settings (by default the batch size) racing from the same initial weights.",
    .create = create, .destroy = destroy, .update = update, .key = key, .draw = draw,
};

const race *race_view_race(const void *self)
{
    const race_view *v = self;
    return v && v->built && !v->stale ? v->r : NULL;
}

const race_plan *race_view_plan(const void *self)
{
    const race_view *v = self;
    return v && v->plan.n > 0 ? &v->plan : NULL;
}

int race_view_builds(const void *self)
{
    const race_view *v = self;
    return v ? v->builds : 0;
}
