/* app/player/player.c - the lesson player in the window, and the headless
 * entry points.
 *
 * The player is a lesson_host (lesson/lesson_session.h) backed by the app:
 * settings go to the Playground's session, comparisons become a race the
 * "race" view draws, views switch the window. The narration panel sits at
 * the right of the view: the lesson, step k of N and a progress bar, the
 * step's title, the narration, what to do when the step waits for the
 * learner, the checkpoints (in plain words: lesson_cond_say; the checker's
 * syntax is for --run-lesson), Back / Next / Close. Clickers send Left/Right or
 * PageUp/PageDown, which move between steps.
 *
 * Marks: every frame the lesson's highlight / lock / hide of each control
 * name becomes the UI kit's mark on the widgets with that control's labels
 * (CONTROL_LABELS): highlighted widgets pulse, locked ones are greyed and
 * inert, hidden ones are not drawn at all. The keyboard shortcuts of a locked
 * or hidden control are refused too. The lesson browser is player_browser.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/prim.h"
#include "labs/view_setting.h"
#include "nn/status.h"
#include "nn/tensor.h"
#include "shell/frame.h"
#include "player/player.h"
#include "shell/race.h"
#include "ui/ui.h"
#include "views/view.h"

/* Lesson control names (settings and the player's own) -> the labels of the
 * widgets that show them, in every view. A name may have several labels. */
static const char *const CONTROL_LABELS[][2] = {
    { "lr", "Learning rate" }, { "batch", "Batch size" }, { "batch", "Mini-batch size" },
    { "opt", "Optimizer" }, { "data", "Dataset" }, { "noise", "Noise" }, { "samples", "Examples" },
    { "classes", "Classes" }, { "split", "Training share" }, { "split", "Dev share" },
    { "shift", "Dev/test shift" }, { "feature-scale", "Feature scale" }, { "layers", "Hidden layers" },
    { "layers", "Neurons in layer 1" }, { "layers", "Neurons in layer 2" }, { "layers", "Neurons in layer 3" },
    { "layers", "Neurons in layer 4" }, { "layers", "Neurons in layer 5" }, { "layers", "Neurons in layer 6" },
    { "act", "Activation" }, { "init", "Initialization" },
    { "layers", "Width" }, { "clip", "Gradient clipping" }, { "dropout", "Dropout" },
    { "batchnorm", "Batch norm" }, { "l2", "L2 lambda" }, { "decay", "LR decay" },
    { "decay-rate", "Decay rate" }, { "decay-every", "Step every (epochs)" }, { "decay-factor", "Decay factor" },
    { "early-stop", "Early stop (0 = off)" }, { "normalize", "Normalize inputs" },
    { "beta", "Beta" }, { "beta", "Beta 1" }, { "beta2", "Beta 2" },
    { "play", "Play" }, { "play", "Pause" }, { "step", "Step" }, { "epoch", "Epoch" }, { "reset", "Reset" },
    { "new-seed", "New seed" }, { "speed", "Speed (ms/frame)" }, { "speed", "-" }, { "speed", "+" },
    { "axis", "Loss against" },
    /* The surface lab's settings in the Optimizer paths view (views/view_surface.c);
     * Adam's betas are beta-1 and beta-2 in Greek where they share a row. */
    { "surface.fn", "Surface" }, { "surface.start", "Surface map" },
    { "surface.show", "SGD" }, { "surface.show", "Momentum" }, { "surface.show", "RMSprop" },
    { "surface.show", "Adam" }, { "surface.show", "AdaGrad" },
    { "surface.sgd.lr", "SGD learning rate" }, { "surface.momentum.lr", "Momentum learning rate" },
    { "surface.rmsprop.lr", "RMSprop learning rate" }, { "surface.adam.lr", "Adam learning rate" },
    { "surface.adagrad.lr", "AdaGrad learning rate" }, { "surface.momentum.beta", "Momentum beta" },
    { "surface.rmsprop.beta", "RMSprop beta" }, { "surface.adam.beta", "Adam beta 1" },
    { "surface.adam.beta2", "Adam beta 2" }, { "surface.adam.beta", "Adam \xCE\xB2\xE2\x82\x81" },
    { "surface.adam.beta2", "Adam \xCE\xB2\xE2\x82\x82" }, { "surface.noise", "Gradient noise" },
    { "surface.decay", "LR decay##surface" }, { "surface.decay-rate", "Decay rate##surface" },
    { "surface.bias-correction", "Bias correction (Adam)" }, { "surface.cond", "Bowl elongation" },
    /* The averages lab's settings in the Averages view (views/view_ewa.c). */
    /* The views' own settings (labs/view_setting.h). */
    { "colour-by", "Colour by" }, { "softmax-mode", "softmax modes" },
    { "ewa.beta", "Your beta" }, { "ewa.bias-correction", "Bias correction" }, { "ewa.seed", "New weather" },
};

/* The views' keyboard shortcuts for the same controls (refused while locked or
 * hidden); view: only in that view (its key means something else elsewhere). */
static const struct { SDL_Keycode key; const char *control, *view; } KEY_CONTROLS[] = {
    { SDLK_SPACE, "play", NULL }, { SDLK_s, "step", NULL }, { SDLK_e, "epoch", NULL }, { SDLK_r, "reset", NULL },
    { SDLK_n, "new-seed", NULL }, { SDLK_PLUS, "speed", NULL }, { SDLK_EQUALS, "speed", NULL },
    { SDLK_KP_PLUS, "speed", NULL }, { SDLK_MINUS, "speed", NULL }, { SDLK_KP_MINUS, "speed", NULL },
    { SDLK_n, "ewa.seed", "ewa" }, { SDLK_g, "colour-by", "playground" },
};

void player_wait_prompt(const lesson_cond *c, char *out, size_t n)
{
    const lesson_operand *a = &c->a, *b = &c->b;
    const char *label = NULL;
    if (c->op != LESSON_TRUTH && a->kind == LESSON_REF && !a->label[0] && a->fn == LESSON_FN_NONE && a->number == 1.0 &&
        b->kind != LESSON_REF)
        for (size_t i = 0; i < sizeof CONTROL_LABELS / sizeof CONTROL_LABELS[0] && !label; i++)
            if (!strcmp(CONTROL_LABELS[i][0], a->name)) label = CONTROL_LABELS[i][1];
    char value[LESSON_VALUE + 16];
    if (b->kind == LESSON_WORD && label && !strcmp(a->name, "layers") && !strcmp(b->word, "none"))
        snprintf(value, sizeof value, "0 (no hidden layer)");
    else if (b->kind == LESSON_WORD) snprintf(value, sizeof value, "%s", b->word);
    else snprintf(value, sizeof value, "%g", b->number);
    const char *verb = NULL, *prep = "to";
    switch (c->op) {
    case LESSON_EQ: case LESSON_ABOUT: verb = "set"; break;
    case LESSON_LT: case LESSON_LE: verb = "bring"; prep = "below"; break;
    case LESSON_GT: case LESSON_GE: verb = "raise"; prep = "above"; break;
    default: break;
    }
    if (label && verb && b->kind == LESSON_WORD && c->op != LESSON_EQ) verb = NULL;
    if (label && verb) {
        snprintf(out, n, "**Your turn:** %s **%s** %s %s. (Next shows how.)", verb, label, prep, value);
    } else {
        char goal[400];
        lesson_cond_goal(c, goal, sizeof goal);
        snprintf(out, n, "**Your turn:** make %s. (Next shows how.)", goal);
    }
}

static int px(const app *a, float v) { return (int)(v * a->scale + 0.5f); }

int frame_headless_lesson(const app_options *o)
{
    if (o->check_lesson) return lesson_check_file(o->check_lesson, stdout, stderr);
    /* BLAS on one thread, as in the window (main.c), so the numbers are the
     * window's: OpenBLAS's own threads may change the last digits. */
    nn_blas_set_threads(1);
    return lesson_run_file(o->run_lesson, stdout, stderr);
}

/* ---- the host: what lesson actions do to the app ---- */

static void stop_race(app *a, player *p)
{
    if (p->race) { race_free(p->race); free(p->race); }
    p->race = NULL;
    p->racing = 0;
    a->lesson_race = NULL;
}

static int h_load(void *u, const nn_config *cfg)
{
    app *a = u;
    stop_race(a, a->player);
    /* run_id only ever grows: the views key what they keep of a run on it (the
     * image grid its class names), and a fresh session would count from 0 again. */
    const uint64_t run_id = a->s.run_id;
    session_free(&a->s);
    session_init(&a->s, cfg);
    a->s.run_id += run_id;
    app_view_settings_default(a);              /* the views' own settings start at their defaults */
    return a->s.open ? NN_OK : nn_set_error(NN_ERR_ARG, "%s", a->s.error);
}

static int h_view_setting(void *u, const char *name, const char *value)
{
    return app_view_setting(u, name, value);
}

static const nn_config *h_config(void *u) { return &((app *)u)->s.cfg; }

static int h_set(void *u, const char *name, const char *value)
{
    app *a = u;
    player *p = a->player;
    if (session_set(&a->s, name, value) != NN_OK) return NN_ERR_ARG;
    if (p->racing) {
        /* Every compared run takes the setting too, then the race restarts. */
        nn_config cfgs[RACE_MAX_LANES];
        const char *labels[RACE_MAX_LANES];
        const int n = p->race->n_lanes;
        for (int i = 0; i < n; i++) {
            cfgs[i] = p->race->cfgs[i];
            labels[i] = p->race->lanes[i].label;
            if (nn_config_set(&cfgs[i], name, value, NULL)) return NN_ERR_ARG;
        }
        char keep[RACE_MAX_LANES][sizeof p->race->lanes[0].label];
        for (int i = 0; i < n; i++) { snprintf(keep[i], sizeof keep[i], "%s", labels[i]); labels[i] = keep[i]; }
        race_free(p->race);
        if (race_init_configs(p->race, cfgs, labels, n)) {
            stop_race(a, p);
            return nn_set_error(NN_ERR_ARG, "%s", "a compared run cannot be built");
        }
    }
    return a->s.open ? NN_OK : nn_set_error(NN_ERR_ARG, "%s", a->s.error);
}

static int h_view(void *u, const char *id)
{
    /* A view the lesson names but this build lacks: stay on the current one and say so. */
    if (app_set_view(u, id) != 0) app_toast(u, "This lesson step uses the '%s' view, which is not built yet.", id);
    return NN_OK;
}

static int h_compare(void *u, int n, const nn_config *cfgs, const char *const *labels)
{
    app *a = u;
    player *p = a->player;
    stop_race(a, p);
    if (n == 0) return NN_OK;
    if (!(p->race = malloc(sizeof *p->race))) return NN_ERR_NOMEM;
    if (race_init_configs(p->race, cfgs, labels, n)) {
        const int rc = nn_set_error(NN_ERR_ARG, "%s", p->race->error);
        free(p->race);
        p->race = NULL;
        return rc;
    }
    p->racing = 1;
    a->lesson_race = p->race;
    return NN_OK;
}

static int h_reset(void *u, int new_seed)
{
    app *a = u;
    player *p = a->player;
    if (new_seed) session_new_seed(&a->s);
    else session_reset(&a->s);
    if (p->racing) {
        if (new_seed) {
            char seed[32];
            snprintf(seed, sizeof seed, "%llu", (unsigned long long)a->s.cfg.train.seed);
            for (int i = 0; i < p->race->n_lanes; i++) nn_config_set(&p->race->cfgs[i], "seed", seed, NULL);
            nn_config cfgs[RACE_MAX_LANES];
            char labels[RACE_MAX_LANES][sizeof p->race->lanes[0].label];
            const char *lp[RACE_MAX_LANES];
            const int n = p->race->n_lanes;
            for (int i = 0; i < n; i++) {
                cfgs[i] = p->race->cfgs[i];
                snprintf(labels[i], sizeof labels[i], "%s", p->race->lanes[i].label);
                lp[i] = labels[i];
            }
            race_free(p->race);
            if (race_init_configs(p->race, cfgs, lp, n)) { stop_race(a, p); return NN_ERR_ARG; }
        } else {
            race_reset(p->race);
        }
    }
    return NN_OK;
}

static int h_runs(void *u, lesson_runview *out, int max)
{
    app *a = u;
    player *p = a->player;
    if (!p->racing) {
        if (max < 1) return -1;
        /* The learner may have started a load in the window (N: a new seed of
         * an image set opens on a worker): the lesson needs the run itself. */
        if (a->s.loading) session_wait(&a->s);
        if (!a->s.open) return -1;
        out[0] = (lesson_runview){ "", &a->s.cfg, &a->s.run, &a->slab, &a->ewa };
        return 1;
    }
    int n = 0;
    for (int i = 0; i < p->race->n_lanes && n < max; i++, n++)
        out[n] = (lesson_runview){ p->race->lanes[i].label, &p->race->cfgs[i], &p->race->lanes[i].run,
                                   &a->slab, &a->ewa };
    return n;
}

static int h_step(void *u, int i)
{
    app *a = u;
    player *p = a->player;
    if (p->racing) return race_lane_step(p->race, i);
    return session_step(&a->s);
}

/* ---- opening and closing ---- */

player *player_get(app *a)
{
    if (!a->player) {
        a->player = calloc(1, sizeof(player));
        if (a->player) a->player->browser.want_focus = -1;
    }
    return a->player;
}

void player_progress_key(const char *path, char *key, size_t n)
{
    const char *base = strrchr(path, '/');
    snprintf(key, n, "lesson.%s", base ? base + 1 : path);
}

static void close_lesson(app *a, player *p)
{
    a->setup_view[0] = '\0';

    lesson_session_destroy(p->ls);
    lesson_free(p->L);
    stop_race(a, p);
    p->ls = NULL;
    p->L = NULL;
    p->scroll = 0;
    if (a->ui) ui_clear_marks(a->ui);
    a->lesson_focus[0] = '\0';
}

int player_lesson_open(const app *a) { return a->player && a->player->ls; }

void player_close(app *a)
{
    player *p = a->player;
    if (!p) return;
    close_lesson(a, p);
    free(p);
    a->player = NULL;
}

void player_open(app *a, const char *path)
{
    player *p = player_get(a);
    if (!p) return;
    char file[sizeof p->path];
    snprintf(file, sizeof file, "%s", path);      /* path may point into the browser's list */
    close_lesson(a, p);
    lesson_error err;
    p->L = lesson_parse_file(file, &err);
    if (!p->L) {
        app_toast(a, "%s", err.text);
        return;
    }
    snprintf(p->path, sizeof p->path, "%s", file);
    p->host = (lesson_host){ .user = a, .load = h_load, .config = h_config, .set = h_set, .view = h_view,
                             .compare = h_compare, .reset = h_reset, .runs = h_runs, .step = h_step,
                             .slab = &a->slab, .ewa = &a->ewa, .view_setting = h_view_setting };
    p->ls = lesson_session_create(p->L, &p->host, 0);
    if (!p->ls || lesson_session_enter(p->ls, 0) != NN_OK) {
        app_toast(a, "Lesson %s: %s", file, p->ls ? lesson_session_error(p->ls) : "out of memory");
        close_lesson(a, p);
        return;
    }
    p->browser.open = 0;          /* opened from the browser: the browser has done its job */
    a->s.playing = 0;
}

/* ---- every frame ---- */

static void remember_progress(app *a)
{
    player *p = a->player;
    char key[600], val[32];
    player_progress_key(p->path, key, sizeof key);
    const int done = lesson_session_step(p->ls) + 1;
    if (done > (int)prefs_get_num(&a->prefs, key, 0)) {
        snprintf(val, sizeof val, "%d", done);
        prefs_set(&a->prefs, key, val);
    }
}

static void go(app *a, int forward)
{
    player *p = a->player;
    p->scroll = 0;
    if (forward) lesson_session_next(p->ls);
    else if (lesson_session_step(p->ls) > 0) lesson_session_enter(p->ls, lesson_session_step(p->ls) - 1);
    remember_progress(a);
}

/* The label the learner sees on a control's (first) widget: "New weather" for ewa.seed. */
static const char *control_label(const char *control)
{
    for (size_t i = 0; i < sizeof CONTROL_LABELS / sizeof CONTROL_LABELS[0]; i++)
        if (!strcmp(CONTROL_LABELS[i][0], control)) return CONTROL_LABELS[i][1];
    return control;
}

int player_key(app *a, const SDL_KeyboardEvent *k)
{
    player *p = a->player;
    if (!p || !p->ls || p->browser.open) return 0;
    switch (k->keysym.sym) {
    case SDLK_RIGHT: case SDLK_PAGEDOWN: go(a, 1); return 1;
    case SDLK_LEFT: case SDLK_PAGEUP: go(a, 0); return 1;
    default: break;
    }
    if (k->keysym.mod & (KMOD_CTRL | KMOD_ALT)) return 0;
    for (size_t i = 0; i < sizeof KEY_CONTROLS / sizeof KEY_CONTROLS[0]; i++)
        if (KEY_CONTROLS[i].key == k->keysym.sym &&
            (!KEY_CONTROLS[i].view || a->view == view_index(KEY_CONTROLS[i].view)) &&
            (lesson_session_marks(p->ls, KEY_CONTROLS[i].control) & (LESSON_MARK_LOCK | LESSON_MARK_HIDE))) {
            app_toast(a, "The lesson keeps '%s' fixed in this step.", control_label(KEY_CONTROLS[i].control));
            return 1;
        }
    return 0;
}

void player_tick(app *a)
{
    player *p = a->player;
    if (!p || !p->ls) return;
    if (!p->browser.open) lesson_session_tick(p->ls, 0.008);
    /* An opened setup's view, over the views the lesson's header and the
     * steps up to the saved one chose as they arrived (file_menu.c). */
    if (a->setup_view[0]) {
        const lesson_phase ph = lesson_session_phase(p->ls);
        if (ph != LESSON_CATCHING_UP && ph != LESSON_RUNNING) {
            app_set_view(a, a->setup_view);
            a->setup_view[0] = '\0';
        }
    }
    /* Marks: highlighted, locked and hidden controls of the current step. */
    ui_clear_marks(a->ui);
    a->lesson_focus[0] = '\0';
    for (size_t i = 0; i < sizeof CONTROL_LABELS / sizeof CONTROL_LABELS[0]; i++) {
        const int m = lesson_session_marks(p->ls, CONTROL_LABELS[i][0]);
        const ui_id id = ui_label_id(CONTROL_LABELS[i][1]);
        if (m & LESSON_MARK_HIDE) {
            ui_set_hidden(a->ui, id, 1);           /* hidden wins: nothing to highlight */
            continue;
        }
        if (m & LESSON_MARK_HIGHLIGHT) {
            ui_set_highlight(a->ui, id, 1);
            if (!a->lesson_focus[0]) snprintf(a->lesson_focus, sizeof a->lesson_focus, "%s", CONTROL_LABELS[i][0]);
        }
        if (m & LESSON_MARK_LOCK) ui_set_locked(a->ui, id, 1);
    }
}

void player_emphasis(const char *para, char *out, size_t n)
{
    static lesson_span spans[512];
    const int k = lesson_spans(para, spans, 512);
    size_t used = 0;
    const char *end = para;
    for (int i = 0; i < k; i++) {
        const char *mark = spans[i].emphasis ? "**" : "";
        for (int pass = 0; pass < 3; pass++) {
            const char *src = pass == 1 ? spans[i].text : mark;
            const size_t len = pass == 1 ? (size_t)spans[i].len : strlen(mark);
            for (size_t j = 0; j < len && used + 1 < n; j++) out[used++] = src[j];
        }
        end = spans[i].text + spans[i].len + (spans[i].emphasis ? 1 : 0);
    }
    for (const char *c = end; *c && used + 1 < n; c++) out[used++] = *c;   /* beyond the span limit */
    if (n) out[used < n ? used : n - 1] = '\0';
}

/* The step's narration: paragraphs with their emphasis, a blank line between. */
static void narration(const lesson_step *st, char *out, size_t n)
{
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < st->n_paras && used + 3 < n; i++) {
        if (i) { out[used++] = '\n'; out[used++] = '\n'; }
        player_emphasis(st->paras[i], out + used, n - used);
        used += strlen(out + used);
    }
}

static int light_theme(const ui_theme *t) { return t->bg.r + t->bg.g + t->bg.b > 3 * 128; }

/* Pass / fail ink readable on the panel of either theme. */
static SDL_Color pass_ink(const ui_theme *t) { return light_theme(t) ? (SDL_Color){ 0, 115, 40, 255 } : (SDL_Color){ 110, 210, 130, 255 }; }
static SDL_Color fail_ink(const ui_theme *t) { return light_theme(t) ? (SDL_Color){ 185, 30, 20, 255 } : (SDL_Color){ 245, 120, 100, 255 }; }

SDL_Rect player_panel(app *a, SDL_Rect area)
{
    player *p = a->player;
    if (!p) return area;
    if (p->browser.open) {
        player_browser_draw(a, area);
        return (SDL_Rect){ area.x, area.y, 0, 0 };
    }
    if (!p->ls) return area;
    int w = px(a, 380);
    if (w > area.w * 40 / 100) w = area.w * 40 / 100;
    const SDL_Rect panel = { area.x + area.w - w, area.y, w, area.h };
    const ui_theme *t = ui_get_theme(a->ui);
    const int k = lesson_session_step(p->ls), n = p->L->n_steps;
    const lesson_step *st = &p->L->steps[k];
    ui_panel(a->ui, panel, NULL);
    gfx_fill_rect(a->r, (SDL_Rect){ panel.x, panel.y, px(a, 1) > 1 ? px(a, 1) : 1, panel.h }, t->border);
    const int pad = px(a, 12), gap = px(a, 8), x = panel.x + pad, iw = panel.w - 2 * pad;
    const int wrap_w = iw - iw / 40;          /* a drawn line can come out a little wider than measured */
    int y = panel.y + pad;

    /* The lesson's title (wrapped: titles can be long), step k of N, a progress bar. */
    y += gfx_text_wrap(a->fonts, GFX_FONT_BOLD, (SDL_Rect){ x, y, wrap_w, 0 }, t->text_dim, p->L->title, 1) + px(a, 4);
    gfx_textf(a->fonts, GFX_FONT_SMALL, x, y, t->text_dim, GFX_ALIGN_LEFT, "Step %d of %d", k + 1, n);
    y += gfx_text_height(a->fonts, GFX_FONT_SMALL) + px(a, 3);
    gfx_fill_rect(a->r, (SDL_Rect){ x, y, iw, px(a, 6) }, t->widget);
    gfx_fill_rect(a->r, (SDL_Rect){ x, y, iw * (k + 1) / n, px(a, 6) }, t->accent);
    y += px(a, 6) + gap;
    y += gfx_text_wrap(a->fonts, GFX_FONT_TITLE, (SDL_Rect){ x, y, wrap_w, 0 }, t->text, st->title, 1) + gap;

    /* From the bottom up: the buttons, the checkpoints, the prompt; the narration takes the rest. */
    const int bottom = panel.y + panel.h - pad, btn_h = px(a, UI_ROW_HEIGHT);
    int n_res = 0;
    const lesson_result *res = lesson_session_results(p->ls, &n_res);
    const lesson_phase ph = lesson_session_phase(p->ls);
    const lesson_action *wait = lesson_session_waiting(p->ls);
    char prompt[400] = "";
    if (ph == LESSON_WAIT_COND && wait) player_wait_prompt(&wait->cond, prompt, sizeof prompt);
    else if (ph == LESSON_ERROR)
        snprintf(prompt, sizeof prompt, "%s", lesson_session_error(p->ls));
    else if (ph == LESSON_CATCHING_UP)   /* Next pressed during a run, or Back: earlier steps run first */
        snprintf(prompt, sizeof prompt, "Running step %d to reach this one: its pictures follow.",
                 lesson_session_running_step(p->ls) < 0 ? 1 : lesson_session_running_step(p->ls) + 1);
    const int box_pad = px(a, 8);
    const int prompt_h = prompt[0] ? gfx_text_wrap(a->fonts, GFX_FONT_BODY, (SDL_Rect){ 0, 0, wrap_w - 2 * box_pad, 0 },
                                                   t->text, prompt, 0) + 2 * box_pad + gap : 0;
    /* The checkpoints as plain statements of what the screen shows (the
     * checker's own form is for --run-lesson), green when they hold. */
    const lesson_result *lines[4];
    int heights[4], shown = 0, res_h = 0;
    const int min_narration = 4 * gfx_text_height(a->fonts, GFX_FONT_BODY);
    for (int i = n_res - 1; i >= 0 && shown < 4; i--) {        /* the latest checkpoints that fit */
        const int h = gfx_text_wrap(a->fonts, GFX_FONT_SMALL, (SDL_Rect){ 0, 0, wrap_w, 0 }, t->text, res[i].said, 0) +
                      px(a, 4);
        if (bottom - btn_h - gap - res_h - h - prompt_h - gap - y < min_narration) break;
        memmove(lines + 1, lines, sizeof lines[0] * (size_t)shown);
        memmove(heights + 1, heights, sizeof heights[0] * (size_t)shown);
        lines[0] = &res[i];
        heights[0] = h;
        res_h += h;
        shown++;
    }
    const int btn_y = bottom - btn_h, res_y = btn_y - gap - res_h, prompt_y = res_y - prompt_h;
    int ry = res_y;
    for (int i = 0; i < shown; i++) {
        gfx_text_wrap(a->fonts, GFX_FONT_SMALL, (SDL_Rect){ x, ry, wrap_w, heights[i] },
                      lines[i]->pass ? pass_ink(t) : fail_ink(t), lines[i]->said, 1);
        ry += heights[i];
    }
    if (prompt[0]) {
        const SDL_Rect r = { x, prompt_y, iw, prompt_h - gap };
        if (ph == LESSON_WAIT_COND) gfx_rect_outline(a->r, r, px(a, 2) > 1 ? px(a, 2) : 1, t->highlight);
        gfx_text_wrap(a->fonts, GFX_FONT_BODY, (SDL_Rect){ r.x + box_pad, r.y + box_pad, wrap_w - 2 * box_pad, r.h },
                      ph == LESSON_ERROR ? fail_ink(t) : t->text, prompt, 1);
    }
    if (prompt_y - gap > y) {
        static char text[16384];
        narration(st, text, sizeof text);
        ui_layout_begin(a->ui, (SDL_Rect){ x, y, iw, prompt_y - gap - y });
        ui_layout_row(a->ui, 1, -1);
        ui_text_panel(a->ui, "narration", text, &p->scroll);
    }
    ui_layout_begin(a->ui, (SDL_Rect){ x, btn_y, iw, btn_h });
    ui_layout_row(a->ui, 3, -1);
    if (ui_button(a->ui, "Back")) go(a, 0);
    ui_tooltip(a->ui, "The previous step (Left arrow or PageUp).");
    if (ui_button(a->ui, ph == LESSON_RUNNING || ph == LESSON_CATCHING_UP ? "Running...##next" :
                         lesson_session_finished(p->ls) ? "Finish##next" : "Next##next")) {
        if (lesson_session_finished(p->ls)) { remember_progress(a); player_close(a); return area; }
        go(a, 1);
    }
    ui_tooltip(a->ui, "The next step (Right arrow or PageDown); during your turn it shows how.");
    if (ui_button(a->ui, "Close##lesson")) { player_close(a); return area; }
    ui_tooltip(a->ui, "Leave the lesson; the Playground keeps its state.");
    return (SDL_Rect){ area.x, area.y, area.w - w, area.h };
}
