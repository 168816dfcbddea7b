/*******************************************************************************
*   view: schedule - learning-rate decay schedules, and the run that uses one
*   teaches: lessons/15_learning_rate_decay.lesson
*   reads:   app->s.cfg (base rate, decay kind and parameters), the session's
*            history (the rate actually in force per epoch, and the loss)
*******************************************************************************/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/plot.h"
#include "nn/schedule.h"
#include "nn/status.h"
#include "shell/app.h"
#include "ui/ui.h"
#include "views/view.h"

enum { EPOCHS = 60 };

typedef struct schedule_view { float x[EPOCHS], curves[NN_DECAY_COUNT][EPOCHS]; } schedule_view;

static void *create(app *a) { (void)a; return calloc(1, sizeof(schedule_view)); }
static void destroy(void *self) { free(self); }
static int px(const app *a, float v) { return (int)(v * a->scale + 0.5f); }

/* The control panel's width: its usual width unless that would leave the
 * plots too little room (a big zoom, a lesson's narration beside the view). */
static int panel_w(const app *a, SDL_Rect area)
{
    const int w = px(a, 330);
    return w > area.w * 42 / 100 ? area.w * 42 / 100 : w;
}

/* The help sentence of a setting: its tooltip, the same text as nnlab-train --help. */
static const char *help_of(const char *name)
{
    int n;
    const nn_setting *s = nn_config_settings(&n);
    for (int i = 0; i < n; i++)
        if (strcmp(s[i].name, name) == 0) return s[i].help;
    return "";
}

static void set(app *a, const char *name, const char *fmt, double v)
{
    char buf[32];
    snprintf(buf, sizeof buf, fmt, v);
    if (session_set(&a->s, name, buf) != NN_OK) app_toast(a, "%s", nn_last_error());
}

/* Does a legend of `rows` fit inside the data rectangle of a plot h pixels
 * high (its height less the title, labels, ticks and paddings of draw/axes.c)? */
static int legend_fits(const app *a, int h, int title, int rows)
{
    const int small = gfx_text_height(a->fonts, GFX_FONT_SMALL), body = gfx_text_height(a->fonts, GFX_FONT_BODY);
    const int data_h = h - (title ? gfx_text_height(a->fonts, GFX_FONT_TITLE) : 0) - small * 3 / 2 - body - px(a, 21);
    return rows * small + px(a, 18) <= data_h;
}

/* The first title that fits a plot w pixels wide (NULL: none does). */
static const char *fit_title(const app *a, int w, const char *const *titles, int n)
{
    for (int i = 0; i < n; i++)
        if (gfx_text_width(a->fonts, GFX_FONT_TITLE, titles[i]) + px(a, 16) <= w) return titles[i];
    return NULL;
}

static void update(void *self, view_ctx *ctx)
{
    (void)self;
    app *a = ctx->app;
    ui_context *ui = a->ui;
    session_advance(&a->s, 0.006);
    const SDL_Rect area = ctx->area;
    const nn_config *c = &a->s.cfg;
    /* Six rows of controls; on a low window at a big zoom the title gives way to them. */
    const int rows_h = 6 * (px(a, UI_ROW_HEIGHT) + px(a, 8));
    const int titled = px(a, 24) + gfx_text_height(a->fonts, GFX_FONT_TITLE) + px(a, 6) + rows_h <= area.h;
    ui_panel(ui, (SDL_Rect){ area.x, area.y, panel_w(a, area), area.h }, titled ? "Decay" : NULL);
    ui_layout_row(ui, 2, 0);
    if (ui_button(ui, a->s.playing ? "Pause" : "Play")) a->s.playing = !a->s.playing && a->s.open;
    ui_tooltip(ui, "Train the Playground's network with this schedule (Space).");
    if (ui_button(ui, "Reset")) session_reset(&a->s);
    ui_tooltip(ui, "Same initial weights, start again (R).");
    ui_layout_row(ui, 1, 0);
    const char *names[NN_DECAY_COUNT];
    for (int i = 0; i < NN_DECAY_COUNT; i++) names[i] = nn_decay_name((nn_decay)i);
    int kind = c->train.decay.kind;
    if (ui_dropdown(ui, "LR decay", &kind, names, NN_DECAY_COUNT) && kind != (int)c->train.decay.kind)
        if (session_set(&a->s, "decay", names[kind]) != NN_OK) app_toast(a, "%s", nn_last_error());
    ui_tooltip(ui, help_of("decay"));
    /* Every parameter stays on screen: the plot draws all the schedules with them. */
    float lr = c->train.lr;
    if (ui_slider_log(ui, "Learning rate", &lr, 1e-4f, 10.0f)) set(a, "lr", "%.4g", lr);
    ui_tooltip(ui, help_of("lr"));
    float k = c->train.decay.rate;
    if (ui_slider_log(ui, "Decay rate", &k, 1e-3f, 10.0f)) set(a, "decay-rate", "%.4g", k);
    ui_tooltip(ui, help_of("decay-rate"));
    int every = c->train.decay.every;
    if (ui_number_int(ui, "Step every (epochs)", &every, 1, 100, 1)) set(a, "decay-every", "%.0f", every);
    ui_tooltip(ui, help_of("decay-every"));
    float factor = c->train.decay.factor;
    if (ui_slider_ex(ui, "Decay factor", &factor, 0.05f, 1.0f, 0.05f, 0)) set(a, "decay-factor", "%.2f", factor);
    ui_tooltip(ui, help_of("decay-factor"));
    /* The formula in force and the rate of the last epoch trained, as the
     * lesson writes them: the rate used during epoch E (t = E - 1 epochs
     * before it), the same number as the CSV's lr of row E. */
    static const char *const formula[NN_DECAY_COUNT] = {
        [NN_DECAY_NONE] = "lr = lr0 (no decay)",
        [NN_DECAY_INVERSE] = "lr = lr0 / (1 + k x t)",
        [NN_DECAY_EXP] = "lr = lr0 x e^(-k x t)",
        [NN_DECAY_SQRT] = "lr = k x lr0 / sqrt(t)   (t = 0 counts as 1)",
        [NN_DECAY_STEP] = "lr = lr0 x factor^floor(t / every)",
    };
    const nn_trainer_state st = a->s.open ? nn_trainer_state_get(a->s.run.trainer) : (nn_trainer_state){ 0 };
    const int shown = st.epoch > 1 ? st.epoch : 1;      /* before training: the first epoch's */
    static char text[320];
    const int kk = c->train.decay.kind < NN_DECAY_COUNT ? (int)c->train.decay.kind : 0;
    snprintf(text, sizeof text, "**%s**\nt = epochs finished before this one\n\n"
             "Rate during epoch %d (t = %d): **%.4g**", formula[kk], shown, shown - 1,
             (double)nn_schedule_lr_during(&c->train.decay, c->train.lr, shown));
    ui_layout_space(ui, 8);
    ui_layout_row(ui, 1, -1);
    static int scroll;
    ui_text_panel(ui, "decay formula", text, &scroll);
}

static double hist_lr(const void *u, int i, double *x)
{ const nn_metrics *m = u; *x = m[i].epoch; return m[i].lr; }
static double hist_loss(const void *u, int i, double *x)
{ const nn_metrics *m = u; *x = m[i].epoch; return m[i].train_loss; }

static void draw(void *self, view_ctx *ctx)
{
    schedule_view *v = self;
    app *a = ctx->app;
    const SDL_Rect area = ctx->area;
    const int gap = px(a, 16), left = area.x + panel_w(a, area) + gap, w = area.x + area.w - left - gap;
    const int h = (area.h - 3 * gap) / 2;
    if (w < px(a, 60) || h < px(a, 60)) return;
    const nn_config *c = &a->s.cfg;
    /* Every schedule with the current base rate and parameters, the rate used
     * during epochs 1..EPOCHS; the one in use is bold. */
    gfx_series s[NN_DECAY_COUNT];
    for (int e = 0; e < EPOCHS; e++) v->x[e] = (float)(e + 1);
    for (int d = 0; d < NN_DECAY_COUNT; d++) {
        nn_schedule sc = c->train.decay;
        sc.kind = (nn_decay)d;
        for (int e = 0; e < EPOCHS; e++) v->curves[d][e] = nn_schedule_lr_during(&sc, c->train.lr, e + 1);
        s[d] = (gfx_series){ .name = nn_decay_name((nn_decay)d), .n = EPOCHS, .x = v->x, .y = v->curves[d],
                             .color = pal_category(d + 1),
                             .style = d == (int)c->train.decay.kind ? GFX_LINE_SOLID : GFX_LINE_FAINT,
                             .width = d == (int)c->train.decay.kind ? 4.0f : 2.0f };
    }
    gfx_plot_desc pd = gfx_plot_default();
    pd.style = a->style;
    static const char *const titles[] = { "Learning rate per epoch", "Rate per epoch", "lr per epoch" };
    pd.title = fit_title(a, w, titles, 3);
    pd.x_label = "epoch";
    pd.fixed_y = 1;                    /* linear from 0: how much of the step is left */
    pd.y_min = 0;
    pd.y_max = 1.05 * c->train.lr;
    pd.x_min = 1;
    pd.x_max = EPOCHS;
    pd.fixed_x = 1;
    /* The legend of five schedules only where it fits inside the plot (its
     * rows would be cut off below it): the dropdown names them too. */
    pd.legend = legend_fits(a, h, pd.title != NULL, NN_DECAY_COUNT);
    gfx_plot(a->r, a->fonts, (SDL_Rect){ left, area.y + gap, w, h }, &pd, s, NN_DECAY_COUNT);
    /* The run: the rate used during each epoch and the loss after it (row E of
     * the history, as the CSV writes it; row 0 shows the first epoch's rate). */
    int n = 0;
    const nn_metrics *m = session_history(&a->s, &n);
    gfx_series r[2] = {
        { .name = "training loss", .n = n, .get = hist_loss, .user = m, .color = pal_category(0) },
        { .name = "learning rate", .n = n, .get = hist_lr, .user = m, .color = pal_category(1), .style = GFX_LINE_DASHED },
    };
    gfx_plot_desc rd = gfx_plot_default();
    rd.style = a->style;
    static const char *const run_titles[] = { "This run" };
    rd.title = fit_title(a, w, run_titles, 1);
    /* Which line is which matters more here than the title: drop the title to make room. */
    if (rd.title && !legend_fits(a, h, 1, 2)) rd.title = NULL;
    rd.legend = legend_fits(a, h, rd.title != NULL, 2);
    rd.x_label = "epoch";
    rd.log_y = 1;
    gfx_plot(a->r, a->fonts, (SDL_Rect){ left, area.y + 2 * gap + h, w, h }, &rd, r, 2);
}

static int key(void *self, app *a, const SDL_KeyboardEvent *k)
{
    (void)self;
    if (k->keysym.sym == SDLK_SPACE) { a->s.playing = !a->s.playing && a->s.open; return 1; }
    if (k->keysym.sym == SDLK_r) { session_reset(&a->s); return 1; }
    return 0;
}

const view_def view_schedule = {
    .id = "schedule", .title = "LR decay", .tab = "Decay",
    .teaches = "Learning-rate schedules side by side, and a run that follows the chosen one.",
    .create = create, .destroy = destroy, .update = update, .key = key, .draw = draw,
};
