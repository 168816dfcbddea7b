/* app/shell/file_menu.c - setups, networks and the history on disk (see file_menu.h). */
#include <stdio.h>
#include <string.h>

#include "nn/file.h"
#include "nn/status.h"
#include "player/player.h"
#include "record/record.h"
#include "shell/file_menu.h"
#include "ui/ui.h"
#include "views/view.h"

/* What each action is called, its default file, its button. */
static const struct {
    const char *item, *ask, *file, *button;
} ACTION[FILE_ACTIONS] = {
    [FILE_SAVE_SETUP]     = { "Save setup (Ctrl+S)", "Save the setup to", "nnlab.setup", "Save" },
    [FILE_OPEN_SETUP]     = { "Open setup (Ctrl+O)", "Open the setup", "nnlab.setup", "Open" },
    [FILE_SAVE_NETWORK]   = { "Save network", "Save the trained network to", "nnlab-network.nnm", "Save" },
    [FILE_OPEN_NETWORK]   = { "Open network", "Start from the network in", "nnlab-network.nnm", "Open" },
    [FILE_RECORD_GIF]     = { "Record GIF", "Record to", "", "Record" },   /* file: by the time, record.h */
    [FILE_RECORD_MP4]     = { "Record MP4", "Record to", "", "Record" },
    [FILE_EXPORT_HISTORY] = { "Export history (CSV)", "Write the run's history to", "nnlab-history.csv", "Export" },
};

static int px(const app *a, float v) { return (int)(v * a->scale + 0.5f); }

void app_setup_capture(const app *a, nn_setup *out)
{
    memset(out, 0, sizeof *out);
    out->cfg = a->s.cfg;
    snprintf(out->view, sizeof out->view, "%s", VIEWS[a->view]->id);
    const player *p = a->player;
    if (p && p->L && p->ls) {
        snprintf(out->lesson, sizeof out->lesson, "%s", p->path);
        out->lesson_step = lesson_session_step(p->ls) + 1;
    }
}

int app_setup_save(app *a, const char *path)
{
    static nn_setup st;            /* large (two 1 KiB texts); the frame loop is single-threaded */
    app_setup_capture(a, &st);
    return nn_setup_save(path, &st, "nnlab " NNLAB_VERSION) == NN_OK ? 0 : -1;
}

/* A lesson named by a relative path: from the current folder, else next to
 * the setup file, else the lessons folder's file of that name (a demo
 * prepared in one folder opens in another), or its name without ".lesson"
 * as --lesson takes it (lesson = 05_l2_regularisation). */
static void resolve_lesson(const app *a, const char *setup, const char *given, char *out, size_t n)
{
    snprintf(out, n, "%s", given);
    if (given[0] == '/' || nn_file_check_regular(given) == NN_OK) return;
    const char *slash = strrchr(setup, '/'), *base = strrchr(given, '/');
    char other[2][2048];
    snprintf(other[0], sizeof other[0], "%.*s/%s", slash ? (int)(slash - setup) : 1, slash ? setup : ".", given);
    snprintf(other[1], sizeof other[1], "%s/%s", player_lessons_dir(a), base ? base + 1 : given);
    for (int k = 0; k < 2; k++)
        if (strlen(other[k]) < n && nn_file_check_regular(other[k]) == NN_OK) {
            memcpy(out, other[k], strlen(other[k]) + 1);
            return;
        }
    char named[2048];
    const char *found = player_find_lesson(a, given, named, sizeof named);
    if (found == named && strlen(named) < n) memcpy(out, named, strlen(named) + 1);
}

int app_setup_open(app *a, const char *path)
{
    static nn_setup st;
    nn_setup_init(&st);
    if (a->s.loading) return nn_set_error(NN_ERR_ARG, "the images are still loading: open %s in a moment", path), -1;
    if (nn_setup_load(path, &st) != NN_OK) return -1;
    /* Everything is checked before anything changes. */
    int view = -1;
    for (int i = 0; i < VIEW_COUNT && st.view[0]; i++)
        if (strcmp(VIEWS[i]->id, st.view) == 0) view = i;
    if (st.view[0] && view < 0) {
        char list[512] = "";
        for (int i = 0; i < VIEW_COUNT; i++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "", VIEWS[i]->id);
        return nn_set_error(NN_ERR_ARG, "%s:%d: no view '%s' (views: %s)", path, st.view_line, st.view, list), -1;
    }
    char lesson_path[1024] = "";
    if (st.lesson[0]) {
        resolve_lesson(a, path, st.lesson, lesson_path, sizeof lesson_path);
        lesson_error le;
        lesson *L = lesson_parse_file(lesson_path, &le);
        if (!L) return nn_set_error(NN_ERR_ARG, "%s:%d: lesson %s", path, st.lesson_line, le.text), -1;
        const int steps = L->n_steps;
        lesson_free(L);
        if (st.lesson_step > steps)
            return nn_set_error(NN_ERR_ARG, "%s: lesson-step %d, but %s has %d steps", path, st.lesson_step,
                                lesson_path, steps), -1;
    } else if (st.lesson_step) {
        return nn_set_error(NN_ERR_ARG, "%s: lesson-step without a lesson (add 'lesson = FILE')", path), -1;
    }
    /* The lesson first (its step may set things), then the file's settings over it. */
    if (player_browsing(a)) player_browse(a);
    if (lesson_path[0]) {
        player_open(a, lesson_path);
        player *p = a->player;
        if (!p || !p->L) return nn_set_error(NN_ERR_ARG, "%s: the lesson %s did not open", path, lesson_path), -1;
        if (st.lesson_step > 1 && lesson_session_enter(p->ls, st.lesson_step - 1) != NN_OK)
            return nn_set_error(NN_ERR_ARG, "%s: lesson step %d: %s", path, st.lesson_step,
                                lesson_session_error(p->ls)), -1;
    } else if (a->player && a->player->L) {
        player_close(a);
    }
    int n;
    const nn_setting *set = nn_config_settings(&n);
    static char values[64][NN_CONFIG_TEXT + 64];
    const char *names[64], *vals[64];
    int k = 0;
    for (int i = 0; i < n && k < 64; i++) {
        /* A setup holds no thread count (nn/setup.h): the window keeps its own. */
        if (strcmp(set[i].name, "threads") == 0) continue;
        nn_config_get(&st.cfg, set[i].name, values[k], (int)sizeof values[k]);
        names[k] = set[i].name;
        vals[k] = values[k];
        k++;
    }
    if (session_apply(&a->s, names, vals, k, 1) != NN_OK) return -1;
    if (!a->s.loading) session_reset(&a->s);   /* a fresh run even when nothing changed */
    a->s.playing = 0;
    if (view >= 0) app_set_view(a, st.view);
    /* The lesson's header and its steps up to the saved one run in the
     * frames that follow and choose their views as they arrive: the file's
     * view is shown again once they have (player_tick). */
    if (view >= 0 && lesson_path[0]) snprintf(a->setup_view, sizeof a->setup_view, "%s", st.view);
    return 0;
}

int app_history_export(app *a, const char *path)
{
    if (!a->s.open) return nn_set_error(NN_ERR_ARG, "no run to export: %s", a->s.loading ? "the images are still loading"
                                                                          : a->s.error), -1;
    int n;
    const nn_metrics *h = nn_trainer_history(a->s.run.trainer, &n);
    return nn_history_csv_save(path, h, n) == NN_OK ? 0 : -1;
}

/* "nnlab.setup" in the current folder, shown as a full path. */
static void where(const char *path, char *out, size_t n)
{
    const char *pwd = SDL_getenv("PWD");
    if (path[0] == '/' || !pwd) snprintf(out, n, "%s", path);
    else snprintf(out, n, "%s/%s", pwd, path);
}

int file_menu_do(app *a, int action, const char *path)
{
    char full[1100];
    where(path, full, sizeof full);
    int rc = -1;
    switch (action) {
    case FILE_SAVE_SETUP:     rc = app_setup_save(a, path); break;
    case FILE_OPEN_SETUP:     rc = app_setup_open(a, path); break;
    case FILE_SAVE_NETWORK:   rc = session_save_network(&a->s, path) == NN_OK ? 0 : -1; break;
    case FILE_OPEN_NETWORK:   rc = session_load_network(&a->s, path) == NN_OK ? 0 : -1; break;
    case FILE_EXPORT_HISTORY: rc = app_history_export(a, path); break;
    case FILE_RECORD_GIF:
    case FILE_RECORD_MP4: {      /* the toast is the indicator's; a refusal says why */
        char err[1200];
        if (record_start(a, path, record_view_only(a), 0, err, sizeof err) == 0) return 0;
        app_toast(a, "%s", err);
        return -1;
    }
    default: return -1;
    }
    if (rc != 0) { app_toast(a, "%s", nn_last_error()); return -1; }
    switch (action) {
    case FILE_SAVE_SETUP:     app_toast(a, "Setup saved to %s", full); break;
    case FILE_OPEN_SETUP:     app_toast(a, "Setup opened from %s", full); break;
    case FILE_SAVE_NETWORK:   app_toast(a, "Network saved to %s", full); break;
    case FILE_OPEN_NETWORK:   app_toast(a, "Network opened from %s: training goes on from its weights", full); break;
    default:                  app_toast(a, "History written to %s", full); break;
    }
    return 0;
}

void file_menu_ask(app *a, int action)
{
    if (action <= FILE_NONE || action >= FILE_ACTIONS) return;
    if ((action == FILE_RECORD_GIF || action == FILE_RECORD_MP4) && record_active(a)) {
        char msg[1200];        /* the list's Stop recording */
        record_stop(a, msg, sizeof msg);
        app_toast(a, "%s", msg);
        return;
    }
    a->file_ask = action;
    if (action == FILE_RECORD_GIF || action == FILE_RECORD_MP4) {   /* a new name each time */
        record_default_name(a->file_path[action], sizeof a->file_path[action], action == FILE_RECORD_GIF ? "gif" : "mp4");
        prefs_set(&a->prefs, "record-format", action == FILE_RECORD_GIF ? "gif" : "mp4");   /* F9's */
    } else if (!a->file_path[action][0])
        snprintf(a->file_path[action], sizeof a->file_path[action], "%s", ACTION[action].file);
}

int file_menu_width(app *a)
{
    return gfx_text_width(a->fonts, GFX_FONT_BODY, "File") + px(a, 44);
}

void file_menu_list(app *a)
{
    const char *items[FILE_ACTIONS] = { "File" };
    for (int i = 1; i < FILE_ACTIONS; i++) items[i] = ACTION[i].item;
    if (record_active(a)) items[FILE_RECORD_GIF] = items[FILE_RECORD_MP4] = "Stop recording (F9)";
    int pick = 0;
    if (ui_dropdown(a->ui, "##file", &pick, items, FILE_ACTIONS) && pick > 0) file_menu_ask(a, pick);
    ui_tooltip(a->ui, "Save or open a setup (every setting, the seed, the view, the lesson step), "
                      "the trained network, or the run's history as CSV; record the window as GIF or MP4 (F9).");
}

static void finish(app *a)
{
    const int action = a->file_ask;
    a->file_ask = FILE_NONE;
    if (a->file_path[action][0]) file_menu_do(a, action, a->file_path[action]);
    else app_toast(a, "No file name given.");
}

SDL_Rect file_menu_bar(app *a, SDL_Rect area)
{
    if (a->file_ask <= FILE_NONE || a->file_ask >= FILE_ACTIONS || area.h <= 0) return area;
    const int h = px(a, 48);
    const SDL_Rect bar = { area.x, area.y, area.w, h };
    ui_panel(a->ui, bar, NULL);
    const int action = a->file_ask;
    const int ask_w = gfx_text_width(a->fonts, GFX_FONT_BODY, ACTION[action].ask) + px(a, 16);
    const int go_w = gfx_text_width(a->fonts, GFX_FONT_BODY, ACTION[action].button) + px(a, 32);
    const int cancel_w = gfx_text_width(a->fonts, GFX_FONT_BODY, "Cancel") + px(a, 32);
    const int record = action == FILE_RECORD_GIF || action == FILE_RECORD_MP4;
    const int view_w = record ? gfx_text_width(a->fonts, GFX_FONT_BODY, "Only the view") + px(a, 44) : 0;
    ui_layout_begin(a->ui, (SDL_Rect){ bar.x + px(a, 8), bar.y + px(a, 8), bar.w - px(a, 16), h - px(a, 16) });
    const int widths[5] = { (int)(ask_w / a->scale), 0, (int)(view_w / a->scale), (int)(go_w / a->scale),
                            (int)(cancel_w / a->scale) };
    const int *row = record ? widths : (const int[4]){ widths[0], 0, widths[3], widths[4] };
    ui_layout_row_widths(a->ui, record ? 5 : 4, row, (int)((h - px(a, 16)) / a->scale));
    ui_label(a->ui, ACTION[action].ask);
    const int enter = ui_text_field(a->ui, "File name (in the current folder, or a full path)",
                                    a->file_path[action], (int)sizeof a->file_path[action]);
    ui_tooltip(a->ui, "Click to type a file name; Enter does it, Esc cancels.");
    if (record) {
        int only = record_view_only(a);
        if (ui_checkbox(a->ui, "Only the view", &only)) record_set_view_only(a, only);
        ui_tooltip(a->ui, "Record only the view (not the top bar and the lesson's panel); remembered, also for F9. "
                          "The file's ending says GIF or MP4.");
    }
    const int go = ui_button(a->ui, ACTION[action].button);
    if (ui_button(a->ui, "Cancel")) a->file_ask = FILE_NONE;
    else if (enter || go) finish(a);
    return (SDL_Rect){ area.x, area.y + h, area.w, area.h - h };
}

int file_menu_key(app *a, const SDL_KeyboardEvent *k)
{
    const SDL_Keycode key = k->keysym.sym;
    const int ctrl = (k->keysym.mod & KMOD_CTRL) != 0;
    if (ctrl && key == SDLK_s) { file_menu_ask(a, FILE_SAVE_SETUP); return 1; }
    if (ctrl && key == SDLK_o) { file_menu_ask(a, FILE_OPEN_SETUP); return 1; }
    if (a->file_ask == FILE_NONE) return 0;
    if (key == SDLK_ESCAPE) { a->file_ask = FILE_NONE; return 1; }
    if (key == SDLK_RETURN || key == SDLK_KP_ENTER) { finish(a); return 1; }
    return 0;
}
