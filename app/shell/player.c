/* app/shell/player.c - the lesson player in the window, and the headless
 * entry points.
 *
 * The player is a lesson_host (lesson/lesson_session.h) backed by the app:
 * settings go to the Playground's session, comparisons become a race the
 * "race" view draws, views switch the window. The narration panel sits at
 * the right of the view: step k of N, a progress bar, the narration, what to
 * do when the step waits for the learner, the checkpoints, Back and Next.
 * Clickers send Left/Right or PageUp/PageDown, which move between steps.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/prim.h"
#include "lesson/lesson.h"
#include "lesson/lesson_session.h"
#include "nn/status.h"
#include "shell/frame.h"
#include "shell/race.h"
#include "ui/ui.h"
#include "views/view.h"

#define MAX_LESSONS 32

typedef struct player {
    lesson         *L;
    lesson_session *ls;
    lesson_host     host;
    char            path[512];
    race           *race;            /* the comparison, when a step compares runs */
    int             racing;
    int             browsing;
    int             n_files;
    char            files[MAX_LESSONS][900];
    char            titles[MAX_LESSONS][LESSON_TITLE];
    char            notes[MAX_LESSONS][600];  /* summary, or the parse error */
    int             broken[MAX_LESSONS];
    int             order[MAX_LESSONS];
    int             n_steps[MAX_LESSONS];
    int             scroll;
} player;

/* Lesson control names (settings) -> the labels of the Playground's widgets. */
static const char *const CONTROL_LABELS[][2] = {
    { "lr", "Learning rate" }, { "batch", "Batch size" }, { "opt", "Optimizer" },
    { "data", "Dataset" }, { "noise", "Noise" }, { "samples", "Examples" }, { "classes", "Classes" },
    { "shift", "Dev/test shift" }, { "layers", "Hidden layers" }, { "act", "Activation" },
    { "init", "Initialization" }, { "dropout", "Dropout" }, { "batchnorm", "Batch norm" },
    { "l2", "L2 lambda" }, { "decay", "LR decay" }, { "decay-rate", "Decay rate" },
    { "early-stop", "Early stop (0 = off)" }, { "normalize", "Normalize inputs" }, { "beta", "Beta" },
    { "play", "Play" }, { "step", "Step" }, { "epoch", "Epoch" }, { "reset", "Reset" },
    { "new-seed", "New seed" },
};

int frame_headless_lesson(const app_options *o)
{
    if (o->check_lesson) return lesson_check_file(o->check_lesson, stdout);
    return lesson_run_file(o->run_lesson, stdout);
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
    session_free(&a->s);
    session_init(&a->s, cfg);
    return a->s.open ? NN_OK : nn_set_error(NN_ERR_ARG, "%s", a->s.error);
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
        char keep[RACE_MAX_LANES][32];
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
            char labels[RACE_MAX_LANES][32];
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
        out[0] = (lesson_runview){ "", &a->s.cfg, &a->s.run };
        return 1;
    }
    int n = 0;
    for (int i = 0; i < p->race->n_lanes && n < max; i++, n++)
        out[n] = (lesson_runview){ p->race->lanes[i].label, &p->race->cfgs[i], &p->race->lanes[i].run };
    return n;
}

static int h_step(void *u, int i)
{
    app *a = u;
    player *p = a->player;
    if (p->racing) return race_lane_step(p->race, i);
    return session_step(&a->s);
}

/* ---- opening, closing, browsing ---- */

static const char *lessons_dir(void)
{
    static char dir[512];
    const char *env = SDL_getenv("NNLAB_LESSONS");
    if (env) return env;
    DIR *d = opendir("lessons");
    if (d) { closedir(d); return "lessons"; }
    snprintf(dir, sizeof dir, "%s/lessons", NNLAB_SOURCE_DIR);
    return dir;
}

static player *get_player(app *a)
{
    if (!a->player) a->player = calloc(1, sizeof(player));
    return a->player;
}

static void progress_key(const char *path, char *key, size_t n)
{
    const char *base = strrchr(path, '/');
    snprintf(key, n, "lesson.%s", base ? base + 1 : path);
}

void frame_player_close(app *a)
{
    player *p = a->player;
    if (!p) return;
    lesson_session_destroy(p->ls);
    lesson_free(p->L);
    stop_race(a, p);
    if (a->ui) ui_clear_marks(a->ui);
    free(p);
    a->player = NULL;
}

void frame_player_open(app *a, const char *path)
{
    frame_player_close(a);
    player *p = get_player(a);
    if (!p) return;
    lesson_error err;
    p->L = lesson_parse_file(path, &err);
    if (!p->L) {
        app_toast(a, "%s", err.text);
        frame_player_close(a);
        return;
    }
    snprintf(p->path, sizeof p->path, "%s", path);
    p->host = (lesson_host){ .user = a, .load = h_load, .config = h_config, .set = h_set, .view = h_view,
                             .compare = h_compare, .reset = h_reset, .runs = h_runs, .step = h_step };
    p->ls = lesson_session_create(p->L, &p->host, 0);
    if (!p->ls || lesson_session_enter(p->ls, 0) != NN_OK) {
        app_toast(a, "Lesson %s: %s", path, p->ls ? lesson_session_error(p->ls) : "out of memory");
        frame_player_close(a);
        return;
    }
    a->s.playing = 0;
}

void frame_player_browse(app *a)
{
    player *p = get_player(a);
    if (!p) return;
    p->browsing = !p->browsing;
    p->n_files = 0;
    DIR *d = opendir(lessons_dir());
    if (!d) { app_toast(a, "No lessons folder found (%s)", lessons_dir()); p->browsing = 0; return; }
    struct dirent *e;
    while ((e = readdir(d)) && p->n_files < MAX_LESSONS) {
        const size_t len = strlen(e->d_name);
        if (len < 8 || strcmp(e->d_name + len - 7, ".lesson") != 0) continue;
        const int i = p->n_files++;
        snprintf(p->files[i], sizeof p->files[i], "%s/%s", lessons_dir(), e->d_name);
        lesson_error err;
        lesson *L = lesson_parse_file(p->files[i], &err);
        p->broken[i] = L == NULL;
        if (L) {
            snprintf(p->titles[i], sizeof p->titles[i], "%s", L->title);
            snprintf(p->notes[i], sizeof p->notes[i], "%s", L->summary ? L->summary : "");
            p->order[i] = L->order;
            p->n_steps[i] = L->n_steps;
            lesson_free(L);
        } else {
            /* d_name can be 255 bytes: keep 80 of it so the note always fits. */
            snprintf(p->titles[i], sizeof p->titles[i], "%.80s (cannot be opened)", e->d_name);
            snprintf(p->notes[i], sizeof p->notes[i], "%s", err.text);
            p->order[i] = 1000;
        }
    }
    closedir(d);
    /* Order as the lessons ask (insertion sort: a handful of files). */
    for (int i = 1; i < p->n_files; i++)
        for (int j = i; j > 0 && p->order[j] < p->order[j - 1]; j--) {
            char f[900], t[LESSON_TITLE], nt[600];
            int o = p->order[j], b = p->broken[j], ns = p->n_steps[j];
            memcpy(f, p->files[j], sizeof f); memcpy(t, p->titles[j], sizeof t); memcpy(nt, p->notes[j], sizeof nt);
            memcpy(p->files[j], p->files[j - 1], sizeof f); memcpy(p->titles[j], p->titles[j - 1], sizeof t);
            memcpy(p->notes[j], p->notes[j - 1], sizeof nt);
            p->order[j] = p->order[j - 1]; p->broken[j] = p->broken[j - 1]; p->n_steps[j] = p->n_steps[j - 1];
            memcpy(p->files[j - 1], f, sizeof f); memcpy(p->titles[j - 1], t, sizeof t); memcpy(p->notes[j - 1], nt, sizeof nt);
            p->order[j - 1] = o; p->broken[j - 1] = b; p->n_steps[j - 1] = ns;
        }
}

/* ---- every frame ---- */

static void remember_progress(app *a)
{
    player *p = a->player;
    char key[600], val[32];
    progress_key(p->path, key, sizeof key);
    const int done = lesson_session_step(p->ls) + 1;
    if (done > (int)prefs_get_num(&a->prefs, key, 0)) {
        snprintf(val, sizeof val, "%d", done);
        prefs_set(&a->prefs, key, val);
    }
}

static void go(app *a, int forward)
{
    player *p = a->player;
    if (forward) lesson_session_next(p->ls);
    else if (lesson_session_step(p->ls) > 0) lesson_session_enter(p->ls, lesson_session_step(p->ls) - 1);
    remember_progress(a);
}

int frame_player_key(app *a, const SDL_KeyboardEvent *k)
{
    player *p = a->player;
    if (!p || !p->ls) return 0;
    switch (k->keysym.sym) {
    case SDLK_RIGHT: case SDLK_PAGEDOWN: go(a, 1); return 1;
    case SDLK_LEFT: case SDLK_PAGEUP: go(a, 0); return 1;
    default: return 0;
    }
}

void frame_player_tick(app *a)
{
    player *p = a->player;
    if (!p || !p->ls) return;
    lesson_session_tick(p->ls, 0.008);
    /* Marks: highlighted and locked controls of the current step. */
    ui_clear_marks(a->ui);
    a->lesson_focus[0] = '\0';
    for (size_t i = 0; i < sizeof CONTROL_LABELS / sizeof CONTROL_LABELS[0]; i++) {
        const int m = lesson_session_marks(p->ls, CONTROL_LABELS[i][0]);
        if (m & LESSON_MARK_HIGHLIGHT) {
            ui_set_highlight(a->ui, ui_label_id(CONTROL_LABELS[i][1]), 1);
            if (!a->lesson_focus[0]) snprintf(a->lesson_focus, sizeof a->lesson_focus, "%s", CONTROL_LABELS[i][0]);
        }
        if (m & (LESSON_MARK_LOCK | LESSON_MARK_HIDE)) ui_set_locked(a->ui, ui_label_id(CONTROL_LABELS[i][1]), 1);
    }
}

static int px(const app *a, float v) { return (int)(v * a->scale + 0.5f); }

/* Narration with the lesson's *emphasis* turned into the text panel's **bold**. */
static void narration(const lesson_step *st, char *out, size_t n)
{
    size_t used = 0;
    for (int i = 0; i < st->n_paras && used + 4 < n; i++) {
        if (i) { out[used++] = '\n'; out[used++] = '\n'; }
        for (const char *c = st->paras[i]; *c && used + 3 < n; c++) {
            if (*c == '*' && c[1] != '*' && (c == st->paras[i] || c[-1] != '*')) { out[used++] = '*'; out[used++] = '*'; }
            else out[used++] = *c;
        }
    }
    out[used] = '\0';
}

static void draw_browser(app *a, SDL_Rect area)
{
    player *p = a->player;
    const ui_theme *t = ui_get_theme(a->ui);
    const int w = area.w * 2 / 3 > px(a, 700) ? area.w * 2 / 3 : (area.w - px(a, 40));
    const SDL_Rect box = { area.x + (area.w - w) / 2, area.y + px(a, 20), w, area.h - px(a, 40) };
    ui_panel(a->ui, box, "Lessons");
    for (int i = 0; i < p->n_files; i++) {
        char key[600], label[200];
        progress_key(p->files[i], key, sizeof key);
        const int done = (int)prefs_get_num(&a->prefs, key, 0);
        if (p->broken[i]) snprintf(label, sizeof label, "%s", p->titles[i]);
        else snprintf(label, sizeof label, "%d. %s   (%d/%d steps seen)##%d", p->order[i], p->titles[i],
                      done < p->n_steps[i] ? done : p->n_steps[i], p->n_steps[i], i);
        ui_layout_row(a->ui, 1, 0);
        if (p->broken[i]) ui_push_disabled(a->ui);
        if (ui_button(a->ui, label)) {
            char path[900];
            snprintf(path, sizeof path, "%s", p->files[i]);
            frame_player_open(a, path);
            return;
        }
        ui_tooltip(a->ui, p->notes[i]);
        if (p->broken[i]) ui_pop_disabled(a->ui);
        /* The summary (or the error) under the button. */
        const SDL_Rect cell = ui_layout_next(a->ui);
        (void)cell;
        const SDL_Rect tr = ui_last_rect(a->ui);
        gfx_text_wrap(a->fonts, GFX_FONT_SMALL, (SDL_Rect){ tr.x + px(a, 8), tr.y, tr.w - px(a, 16), tr.h },
                      p->broken[i] ? (SDL_Color){ 230, 90, 70, 255 } : t->text_dim, p->notes[i], 1);
    }
    ui_layout_row(a->ui, 1, 0);
    if (ui_button(a->ui, "Close")) p->browsing = 0;
}

SDL_Rect frame_player_panel(app *a, SDL_Rect area)
{
    player *p = a->player;
    if (!p) return area;
    if (!p->ls) {
        if (p->browsing) draw_browser(a, area);
        return p->browsing ? (SDL_Rect){ area.x, area.y, 0, 0 } : area;
    }
    const int w = px(a, 380);
    const SDL_Rect panel = { area.x + area.w - w, area.y, w, area.h };
    const ui_theme *t = ui_get_theme(a->ui);
    const int k = lesson_session_step(p->ls), n = p->L->n_steps;
    const lesson_step *st = &p->L->steps[k];
    ui_panel(a->ui, panel, NULL);
    /* The lesson's title (wrapped: titles can be long), step k of N, a progress bar. */
    const SDL_Rect head = { panel.x + px(a, 12), panel.y + px(a, 10), panel.w - px(a, 24), panel.h };
    const int head_h = gfx_text_wrap(a->fonts, GFX_FONT_BOLD, head, t->text_dim, p->L->title, 1);
    ui_layout_begin(a->ui, (SDL_Rect){ panel.x, panel.y + head_h + px(a, 10), panel.w, panel.h - head_h - px(a, 10) });
    ui_layout_row(a->ui, 1, 24);
    const SDL_Rect bar = ui_layout_next(a->ui);
    gfx_fill_rect(a->r, (SDL_Rect){ bar.x, bar.y + bar.h - px(a, 6), bar.w, px(a, 6) }, t->widget);
    gfx_fill_rect(a->r, (SDL_Rect){ bar.x, bar.y + bar.h - px(a, 6), bar.w * (k + 1) / n, px(a, 6) }, t->accent);
    gfx_textf(a->fonts, GFX_FONT_SMALL, bar.x, bar.y, t->text_dim, GFX_ALIGN_LEFT, "Step %d of %d", k + 1, n);
    const int title_h = gfx_text_wrap(a->fonts, GFX_FONT_TITLE, (SDL_Rect){ 0, 0, panel.w - px(a, 24), panel.h },
                                      t->text, st->title, 0);
    ui_layout_row(a->ui, 1, (int)(title_h / a->scale) + 6);
    const SDL_Rect tr = ui_layout_next(a->ui);
    gfx_text_wrap(a->fonts, GFX_FONT_TITLE, (SDL_Rect){ tr.x, tr.y + px(a, 3), tr.w, tr.h }, t->text, st->title, 1);
    /* Results and the waiting prompt take the bottom; narration the middle. */
    int n_res = 0;
    const lesson_result *res = lesson_session_results(p->ls, &n_res);
    const lesson_phase ph = lesson_session_phase(p->ls);
    const lesson_action *wait = lesson_session_waiting(p->ls);
    const int extra = (n_res > 4 ? 4 : n_res) * 22 + (ph == LESSON_WAIT_COND || ph == LESSON_ERROR ? 70 : 0) + 60;
    const SDL_Rect rest = ui_layout_rest(a->ui);
    ui_layout_row(a->ui, 1, (int)(rest.h / a->scale) - extra - 12);
    static char text[16384];
    narration(st, text, sizeof text);
    ui_text_panel(a->ui, "narration", text, &p->scroll);
    if (ph == LESSON_WAIT_COND && wait) {
        ui_layout_row(a->ui, 1, 64);
        const SDL_Rect r = ui_layout_next(a->ui);
        gfx_rect_outline(a->r, r, px(a, 2), t->highlight);
        char msg[300];
        snprintf(msg, sizeof msg, "**Your turn:** make %s true. (Next shows how.)", wait->cond.text);
        gfx_text_wrap(a->fonts, GFX_FONT_BODY, (SDL_Rect){ r.x + px(a, 8), r.y + px(a, 6), r.w - px(a, 16), r.h }, t->text, msg, 1);
    } else if (ph == LESSON_ERROR) {
        ui_layout_row(a->ui, 1, 64);
        const SDL_Rect r = ui_layout_next(a->ui);
        gfx_text_wrap(a->fonts, GFX_FONT_BODY, r, (SDL_Color){ 230, 90, 70, 255 }, lesson_session_error(p->ls), 1);
    }
    for (int i = n_res > 4 ? n_res - 4 : 0; i < n_res; i++) {
        ui_layout_row(a->ui, 1, 22);
        const SDL_Rect r = ui_layout_next(a->ui);
        SDL_RenderSetClipRect(a->r, &r);        /* long conditions are cut at the panel's edge */
        gfx_textf(a->fonts, GFX_FONT_SMALL, r.x, r.y, res[i].pass ? (SDL_Color){ 90, 200, 120, 255 } : (SDL_Color){ 230, 90, 70, 255 },
                  GFX_ALIGN_LEFT, "%s %s", res[i].pass ? "ok:" : "FAILED:", res[i].text);
        SDL_RenderSetClipRect(a->r, NULL);
    }
    ui_layout_row(a->ui, 3, 0);
    if (ui_button(a->ui, "Back")) go(a, 0);
    ui_tooltip(a->ui, "The previous step (Left arrow or PageUp).");
    if (ui_button(a->ui, ph == LESSON_RUNNING || ph == LESSON_CATCHING_UP ? "Running..." :
                         lesson_session_finished(p->ls) ? "Finish" : "Next")) {
        if (lesson_session_finished(p->ls)) { remember_progress(a); frame_player_close(a); return area; }
        go(a, 1);
    }
    ui_tooltip(a->ui, "The next step (Right arrow or PageDown); during your turn it shows how.");
    if (ui_button(a->ui, "Close")) { frame_player_close(a); return area; }
    ui_tooltip(a->ui, "Leave the lesson; the Playground keeps its state.");
    return (SDL_Rect){ area.x, area.y, area.w - w, area.h };
}
