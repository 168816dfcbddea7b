/*******************************************************************************
*   view: schedule - learning-rate decay schedules, and the run that uses one
*   teaches: lessons/03_learning_rate_decay.lesson
*   reads:   app->s.cfg (base rate, decay kind and parameters), the session's
*            history (the rate actually in force per epoch, and the loss)
*******************************************************************************/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "draw/plot.h"
#include "nn/schedule.h"
#include "shell/app.h"
#include "ui/ui.h"
#include "views/view.h"

enum { EPOCHS = 60 };

typedef struct schedule_view { float curves[NN_DECAY_COUNT][EPOCHS]; } schedule_view;

static void *create(app *a) { (void)a; return calloc(1, sizeof(schedule_view)); }
static void destroy(void *self) { free(self); }
static int px(const app *a, float v) { return (int)(v * a->scale + 0.5f); }

static void update(void *self, view_ctx *ctx)
{
    (void)self;
    app *a = ctx->app;
    session_advance(&a->s, 0.006);
    const SDL_Rect area = ctx->area;
    ui_panel(a->ui, (SDL_Rect){ area.x, area.y, px(a, 330), area.h }, "Decay");
    ui_layout_row(a->ui, 2, 0);
    if (ui_button(a->ui, a->s.playing ? "Pause" : "Play")) a->s.playing = !a->s.playing && a->s.open;
    ui_tooltip(a->ui, "Train the Playground's network with this schedule (Space).");
    if (ui_button(a->ui, "Reset")) session_reset(&a->s);
    ui_tooltip(a->ui, "Same initial weights, start again (R).");
    ui_layout_row(a->ui, 1, 0);
    const char *names[NN_DECAY_COUNT];
    for (int i = 0; i < NN_DECAY_COUNT; i++) names[i] = nn_decay_name((nn_decay)i);
    int kind = a->s.cfg.train.decay.kind;
    char buf[32];
    if (ui_dropdown(a->ui, "LR decay", &kind, names, NN_DECAY_COUNT)) session_set(&a->s, "decay", names[kind]);
    float lr = a->s.cfg.train.lr, k = a->s.cfg.train.decay.rate;
    if (ui_slider_log(a->ui, "Learning rate", &lr, 1e-4f, 10.0f)) {
        snprintf(buf, sizeof buf, "%.4g", lr);
        session_set(&a->s, "lr", buf);
    }
    if (ui_slider_log(a->ui, "Decay rate", &k, 1e-3f, 10.0f)) {
        snprintf(buf, sizeof buf, "%.4g", k);
        session_set(&a->s, "decay-rate", buf);
    }
    int every = a->s.cfg.train.decay.every;
    if (ui_number_int(a->ui, "Step every (epochs)", &every, 1, 100, 1)) {
        snprintf(buf, sizeof buf, "%d", every);
        session_set(&a->s, "decay-every", buf);
    }
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
    const int gap = px(a, 16), left = area.x + px(a, 330) + gap, w = area.x + area.w - left - gap;
    const nn_config *c = &a->s.cfg;
    /* Every schedule with the current base rate and parameters; the one in use is bold. */
    gfx_series s[NN_DECAY_COUNT];
    for (int d = 0; d < NN_DECAY_COUNT; d++) {
        nn_schedule sc = c->train.decay;
        sc.kind = (nn_decay)d;
        for (int e = 0; e < EPOCHS; e++) v->curves[d][e] = nn_schedule_lr(&sc, c->train.lr, e);
        s[d] = (gfx_series){ .name = nn_decay_name((nn_decay)d), .n = EPOCHS, .y = v->curves[d],
                             .color = pal_category(d + 1),
                             .style = d == (int)c->train.decay.kind ? GFX_LINE_SOLID : GFX_LINE_FAINT,
                             .width = d == (int)c->train.decay.kind ? 4.0f : 2.0f };
    }
    gfx_plot_desc pd = gfx_plot_default();
    pd.style = a->style;
    pd.title = "Learning rate per epoch";
    pd.x_label = "epoch";
    pd.fixed_y = 1;                    /* linear from 0: how much of the step is left */
    pd.y_min = 0;
    pd.y_max = 1.05 * c->train.lr;
    pd.x_min = 0;
    pd.x_max = EPOCHS - 1;
    pd.fixed_x = 1;
    const int h = (area.h - 3 * gap) / 2;
    gfx_plot(a->r, a->fonts, (SDL_Rect){ left, area.y + gap, w, h }, &pd, s, NN_DECAY_COUNT);
    /* The run: the rate in force and the training loss, per epoch. */
    int n = 0;
    const nn_metrics *m = session_history(&a->s, &n);
    gfx_series r[2] = {
        { .name = "training loss", .n = n, .get = hist_loss, .user = m, .color = pal_category(0) },
        { .name = "learning rate", .n = n, .get = hist_lr, .user = m, .color = pal_category(1), .style = GFX_LINE_DASHED },
    };
    gfx_plot_desc rd = gfx_plot_default();
    rd.style = a->style;
    rd.title = "This run";
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
    .id = "schedule", .title = "LR decay",
    .teaches = "Learning-rate schedules side by side, and a run that follows the chosen one.",
    .create = create, .destroy = destroy, .update = update, .key = key, .draw = draw,
};
