/*******************************************************************************
*   view: race - stochastic vs mini-batch vs batch gradient descent, side by side
*   teaches: lessons/02_gradient_descent_batch.lesson; the notes' comparison of
*            one example, a few, and all examples per update
*   reads:   app->s.cfg (the Playground's data and network as the base), its own
*            race (shell/race.h): every lane's loss after every update
*******************************************************************************/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/plot.h"
#include "draw/prim.h"
#include "nn/status.h"
#include "shell/app.h"
#include "shell/race.h"
#include "ui/ui.h"
#include "views/view.h"

enum { G = 40 };   /* resolution of each lane's decision map */

typedef struct race_view {
    race       *r;
    nn_config   base;          /* the configuration the lanes were built from */
    int         built;
    int         playing;
    int         mini;          /* index into MINIS */
    float       budget_ms;     /* compute time per frame for the three runs together */
    SDL_Texture *maps[RACE_MAX_LANES];
    float       grid_xy[G * G * 2];
    float       lo[2], hi[2];
} race_view;

static const char *const MINIS[] = { "4", "8", "16", "32", "64", "128" };
enum { N_MINIS = (int)(sizeof MINIS / sizeof MINIS[0]) };

static void *create(app *a) { (void)a; race_view *v = calloc(1, sizeof *v); if (v) { v->mini = 3; v->budget_ms = 0.6f; } return v; }

static void destroy(void *self)
{
    race_view *v = self;
    if (v->r) { race_free(v->r); free(v->r); }
    for (int i = 0; i < RACE_MAX_LANES; i++) if (v->maps[i]) SDL_DestroyTexture(v->maps[i]);
    free(v);
}

static int px(const app *a, float x) { return (int)(x * a->scale + 0.5f); }

/* (Re)build the three lanes from the Playground's configuration. */
static void build(race_view *v, app *a)
{
    if (v->r) race_free(v->r);
    else v->r = malloc(sizeof *v->r);
    if (!v->r) return;
    v->base = a->s.cfg;
    const char *values[3] = { "1", MINIS[v->mini], "all" };
    const char *labels[3] = { "stochastic (batch 1)", NULL, "batch (all examples)" };
    char mini[48];
    snprintf(mini, sizeof mini, "mini-batch (%s)", MINIS[v->mini]);
    labels[1] = mini;
    if (race_init(v->r, &v->base, "batch", values, labels, 3) != 0) {
        app_toast(a, "Race: %s", v->r->error);
        v->built = 0;
        return;
    }
    v->built = 1;
    /* The plane for the decision maps: the training data's bounds, squared. */
    const nn_dataset *tr = &v->r->lanes[0].run.train;
    if (tr->d == 2) {
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
    }
}

static void update(void *self, view_ctx *ctx)
{
    race_view *v = self;
    app *a = ctx->app;
    ui_context *ui = a->ui;
    race *R = a->lesson_race;            /* a lesson's comparison takes the place of ours */
    if (!R && (!v->built || memcmp(&v->base, &a->s.cfg, sizeof v->base) != 0)) build(v, a);
    if (!R && v->built) R = v->r;
    if (R && (v->playing || a->opt.play)) race_advance(R, v->budget_ms * 1e-3);

    const SDL_Rect area = ctx->area;
    const int pw = px(a, 330);
    ui_panel(ui, (SDL_Rect){ area.x, area.y, pw, area.h }, "The race");
    ui_layout_row(ui, 2, 0);
    if (ui_button(ui, v->playing ? "Pause" : "Play")) v->playing = !v->playing;
    ui_tooltip(ui, "Start or stop all three runs (Space).");
    if (ui_button(ui, "Reset") && R) race_reset(R);
    ui_tooltip(ui, "All three back to the same initial weights (R).");
    ui_layout_row(ui, 1, 0);
    float lr = a->s.cfg.train.lr;
    if (ui_slider_log(ui, "Learning rate", &lr, 1e-4f, 10.0f)) {
        char buf[32];
        snprintf(buf, sizeof buf, "%.4g", lr);
        if (session_set(&a->s, "lr", buf) != NN_OK) app_toast(a, "%s", nn_last_error());
    }
    ui_tooltip(ui, "The same learning rate for all three runs; changing it restarts the race.");
    int mini = v->mini;
    if (ui_dropdown(ui, "Mini-batch size", &mini, MINIS, N_MINIS) && mini != v->mini) {
        v->mini = mini;
        build(v, a);
    }
    ui_tooltip(ui, "Examples per update of the middle run.");
    static const char *const modes[] = { "equal time", "equal examples" };
    int mode = R ? !R->equal_time : 0;
    if (ui_dropdown(ui, "Race by", &mode, modes, 2) && R) R->equal_time = !mode;
    ui_tooltip(ui, "Equal time: each run gets the same computer time per frame. Equal examples: "
                   "the runs advance together, example for example.");
    ui_slider_log(ui, "Speed (ms/frame)", &v->budget_ms, 0.05f, 8.0f);
    ui_tooltip(ui, "Computer time the three runs share each frame: lower to watch the first updates closely.");
    ui_layout_space(ui, 8);
    ui_layout_row(ui, 1, -1);
    static int scroll;
    ui_text_panel(ui, "race notes",
                  "All three runs start from **the same initial weights** and see the training "
                  "examples in **the same order**. Only the batch size differs.\n\n"
                  "**Stochastic** updates after every example: many cheap, noisy steps.\n\n"
                  "**Batch** computes the exact gradient over all examples: one smooth but "
                  "expensive step per epoch.\n\n"
                  "**Mini-batch** sits between: the usual choice in practice.\n\n"
                  "Compare the curves per epoch, per update and per example seen.",
                  &scroll);
    (void)self;
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

static void draw(void *self, view_ctx *ctx)
{
    race_view *v = self;
    app *a = ctx->app;
    race *R = a->lesson_race ? a->lesson_race : v->built ? v->r : NULL;
    if (!R) return;
    const SDL_Rect area = ctx->area;
    const int pw = px(a, 330), gap = px(a, 14);
    const SDL_Rect main = { area.x + pw + gap, area.y + gap, area.w - pw - 2 * gap, area.h - 2 * gap };
    /* Lane cards across the top: colour, name, map, counters. */
    const int card_h = main.h * 30 / 100, card_w = (main.w - 2 * gap) / 3;
    for (int i = 0; i < R->n_lanes; i++) {
        const race_lane *l = &R->lanes[i];
        const SDL_Rect card = { main.x + i * (card_w + gap), main.y, card_w, card_h };
        const SDL_Color col = pal_category(i + 4);
        gfx_fill_rect(a->r, (SDL_Rect){ card.x, card.y, px(a, 6), card.h }, col);
        gfx_text(a->fonts, GFX_FONT_BOLD, card.x + px(a, 14), card.y, a->style.text, GFX_ALIGN_LEFT, l->label);
        const int line = gfx_text_height(a->fonts, GFX_FONT_BOLD);
        const int map = card.h - line - px(a, 6) < card_w / 2 ? card.h - line - px(a, 6) : card_w / 2;
        const SDL_Rect mr = { card.x + px(a, 14), card.y + line + px(a, 4), map, map };
        draw_map(v, R, a, i, mr);
        const nn_trainer_state st = nn_trainer_state_get(l->run.trainer);
        const race_point *last = &l->pts[l->n_pts - 1];
        const int tx = mr.x + mr.w + px(a, 12);
        int ty = mr.y;
        const int sl = gfx_text_height(a->fonts, GFX_FONT_SMALL) + px(a, 2);
        gfx_textf(a->fonts, GFX_FONT_SMALL, tx, ty, a->style.text, GFX_ALIGN_LEFT, "loss %.3f", (double)last->loss); ty += sl;
        gfx_textf(a->fonts, GFX_FONT_SMALL, tx, ty, a->style.text_dim, GFX_ALIGN_LEFT, "%.1f epochs", (double)last->epochs); ty += sl;
        gfx_textf(a->fonts, GFX_FONT_SMALL, tx, ty, a->style.text_dim, GFX_ALIGN_LEFT, "%ld updates", st.steps); ty += sl;
        gfx_textf(a->fonts, GFX_FONT_SMALL, tx, ty, a->style.text_dim, GFX_ALIGN_LEFT, "%ld examples", st.examples); ty += sl;
        gfx_textf(a->fonts, GFX_FONT_SMALL, tx, ty, a->style.text_dim, GFX_ALIGN_LEFT, "%.2f s", l->seconds);
        if (st.diverged)
            gfx_text(a->fonts, GFX_FONT_SMALL, tx, ty + sl, (SDL_Color){ 220, 70, 50, 255 }, GFX_ALIGN_LEFT, "diverged");
    }
    /* Four plots: the same loss against epochs, updates, examples seen and seconds. */
    const int py = main.y + card_h + gap, ph = (main.h - card_h - 2 * gap) / 2, pwid = (main.w - gap) / 2;
    static const race_axis axes[4] = { RACE_EPOCHS, RACE_UPDATES, RACE_EXAMPLES, RACE_SECONDS };
    static const char *const titles[4] = { "Loss per epoch", "per update", "per example seen", "per second" };
    for (int k = 0; k < 4; k++) {
        const SDL_Rect pr = { main.x + (k % 2) * (pwid + gap), py + (k / 2) * (ph + gap), pwid, ph };
        lane_axis la[RACE_MAX_LANES];
        gfx_series s[RACE_MAX_LANES];
        for (int i = 0; i < R->n_lanes; i++) {
            la[i] = (lane_axis){ &R->lanes[i], axes[k] };
            s[i] = (gfx_series){ .name = k == 0 ? R->lanes[i].label : NULL, .n = R->lanes[i].n_pts,
                                 .get = lane_point, .user = &la[i], .color = pal_category(i + 4) };
        }
        gfx_plot_desc d = gfx_plot_default();
        d.style = a->style;
        d.title = titles[k];
        d.x_label = race_axis_name(axes[k]);
        d.log_y = 1;
        d.legend = k == 0;
        gfx_plot(a->r, a->fonts, pr, &d, s, R->n_lanes);
    }
}

static int key(void *self, app *a, const SDL_KeyboardEvent *k)
{
    race_view *v = self;
    if (k->keysym.sym == SDLK_SPACE) { v->playing = !v->playing; return 1; }
    race *R = a->lesson_race ? a->lesson_race : v->built ? v->r : NULL;
    if (k->keysym.sym == SDLK_r && R) { race_reset(R); return 1; }
    return 0;
}

const view_def view_race = {
    .id = "race", .title = "Batch race",
    .teaches = "Stochastic, mini-batch and batch gradient descent racing from the same initial weights.",
    .create = create, .destroy = destroy, .update = update, .key = key, .draw = draw,
};
