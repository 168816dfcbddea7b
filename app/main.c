/* app/main.c - nnlab, the desktop program: start-up, the frame loop, shut-down.
 *
 * Each frame: events -> training under a time budget -> the top bar and the
 * current view (widgets, then pictures) -> overlays -> present. Everything a
 * view shows is drawn by the view; this file only routes.
 */
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nn/status.h"
#include "nn/tensor.h"
#include "labs/view_setting.h"
#include "lesson/lesson.h"
#include "shell/app.h"
#include "shell/file_menu.h"
#include "player/player.h"
#include "record/record.h"
#include "shell/frame.h"
#include "shell/fullscreen.h"
#include "shell/screenshot.h"
#include "shell/signals.h"
#include "shell/ui_dump.h"
#include "shell/window_min.h"
#include "ui/ui.h"
#include "views/view.h"

static int start(app *a)
{
    const Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    a->win = SDL_CreateWindow("nnlab", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                              a->opt.width, a->opt.height, flags);
    if (!a->win) return fprintf(stderr, "nnlab: cannot open a window: %s\n", SDL_GetError()), -1;
    shell_window_min_set(a->win);
    /* SDL's software renderer draws into the window's surface, which SDL
     * shows through an OpenGL texture where it can: on Mesa without a GPU, a
     * second pass over every pixel in software (two fifths of a 1920x1080
     * frame's CPU time, and loading LLVM delays the first frame). X11 shows
     * the same pixels with one copy. SDL_FRAMEBUFFER_ACCELERATION in the
     * environment still decides. */
    const char *driver = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    if (driver && SDL_strcasecmp(driver, "software") == 0) SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    a->r = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!a->r) SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (!a->r) a->r = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_SOFTWARE);
    if (!a->r) return fprintf(stderr, "nnlab: cannot draw in the window: %s\n", SDL_GetError()), -1;
    /* Opened as a window, then made fullscreen the way F11 does it (which
     * also works without a window manager), so leaving fullscreen returns to
     * the window's size. After the renderer: an OpenGL renderer may recreate
     * the window. */
    if (a->fullscreen) shell_fullscreen(a->win, 1);
    const char *err = NULL;
    a->fonts = gfx_fonts_create(a->r, a->scale, &err);
    if (!a->fonts || err) {
        fprintf(stderr, "nnlab: %s\n", err ? err : "out of memory");
        return -1;
    }
    if (!(a->ui = ui_create(a->r, a->fonts))) return fprintf(stderr, "nnlab: out of memory\n"), -1;
    frame_apply_theme(a);
    ui_set_scale(a->ui, a->scale);
    return 0;
}

static void stop(app *a)
{
    for (int i = 0; i < VIEW_COUNT && i < APP_MAX_VIEWS; i++)
        if (a->view_state[i]) VIEWS[i]->destroy(a->view_state[i]);
    player_close(a);
    session_free(&a->s);
    app_labs_free(a);
    ui_destroy(a->ui);
    gfx_fonts_destroy(a->fonts);
    if (a->r) SDL_DestroyRenderer(a->r);
    if (a->win) SDL_DestroyWindow(a->win);
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int by_value(const void *x, const void *y)
{
    const float a = *(const float *)x, b = *(const float *)y;
    return (a > b) - (a < b);
}

/* The Playground's training while the frames ran: updates counted from the
 * first frame that trained (image data load in the background before). */
typedef struct train_count { long steps0, steps; double t0, t; } train_count;

static void count_updates(const app *a, train_count *c)
{
    if (!a->s.open || !a->s.run.trainer) return;
    const long steps = nn_trainer_state_get(a->s.run.trainer).steps;
    const double now = seconds_now();
    if (c->t0 == 0 || steps < c->steps) { c->steps0 = c->steps = steps; c->t0 = c->t = now; return; }
    if (steps > c->steps) { c->steps = steps; c->t = now; }
}

/* NNLAB_FRAME_STATS=1: frame work time (without the pacing sleep), the time
 * from the process's start to the first frame shown, and the updates a second
 * the Playground trained with how many threads, for tests/bench/frame_bench.sh. */
static void print_frame_stats(float *ms, int n, double first_s, const app *a, const train_count *c)
{
    if (n < 1) return;
    qsort(ms, (size_t)n, sizeof *ms, by_value);
    const long updates = c->steps - c->steps0;
    const int threads = a->s.open && a->s.run.trainer ? nn_model_threads(nn_trainer_model(a->s.run.trainer)) : 0;
    printf("frames=%d median_ms=%.2f p95_ms=%.2f max_ms=%.2f first_frame_s=%.3f updates=%ld "
           "updates_per_s=%.1f threads=%d\n", n, (double)ms[n / 2], (double)ms[(int)(n * 0.95)],
           (double)ms[n - 1], first_s, updates, c->t > c->t0 ? (double)updates / (c->t - c->t0) : 0.0, threads);
}

int main(int argc, char **argv)
{
    const double started = seconds_now();
    static app a;                  /* large; zero-initialised */
    static float frame_ms[100000];
    double first_frame_s = 0;
    train_count trained = { 0 };
    const int stats = SDL_getenv("NNLAB_FRAME_STATS") != NULL;
    int rc = app_options_parse(&a.opt, argc, argv);
    if (rc) return rc == 1 ? 0 : 2;
    static char lesson_file[3][4096];   /* a bare lesson name: the lessons folder's file */
    a.opt.check_lesson = player_find_lesson(&a, a.opt.check_lesson, lesson_file[0], sizeof lesson_file[0]);
    a.opt.run_lesson = player_find_lesson(&a, a.opt.run_lesson, lesson_file[1], sizeof lesson_file[1]);
    a.opt.lesson = player_find_lesson(&a, a.opt.lesson, lesson_file[2], sizeof lesson_file[2]);
    if (a.opt.check_lesson || a.opt.run_lesson) return frame_headless_lesson(&a.opt);
    if (a.opt.lesson) {            /* a missing or broken lesson: say so before any window opens */
        lesson_error le;
        lesson *L = lesson_parse_file(a.opt.lesson, &le);
        if (!L) return fprintf(stderr, "nnlab: --lesson %s\n", le.text), 2;
        lesson_free(L);
    }

    /* The Playground's networks are tiny: one BLAS thread, the other core for drawing. */
    nn_blas_set_threads(1);
    prefs_load(&a.prefs);
    a.scale = a.opt.scale > 0 ? a.opt.scale : (float)prefs_get_num(&a.prefs, "scale", 1.0);
    if (a.scale < 0.5f || a.scale > 4.0f) a.scale = 1.0f;
    a.light = a.opt.theme ? strcmp(a.opt.theme, "light") == 0
                          : strcmp(prefs_get(&a.prefs, "theme", "dark"), "light") == 0;
    a.fullscreen = a.opt.fullscreen;
    nn_config c = nn_config_default();
    if (a.opt.seed_set) c.train.seed = c.data.seed = a.opt.seed;
    if (a.opt.data_dir && nn_config_set(&c, "data-dir", a.opt.data_dir, "--data-dir") != NN_OK) {
        fprintf(stderr, "nnlab: %s\n", nn_last_error());
        return 2;
    }
    /* --set NAME=VALUE: checked here, applied once the session runs (image
     * data then load on the worker thread while the window shows progress). */
    static char set_names[APP_MAX_SETS][64];
    const char *names[APP_MAX_SETS], *values[APP_MAX_SETS];
    nn_config check = c;
    int n_sets = 0;
    for (int i = 0; i < a.opt.n_sets; i++) {
        const char *eq = strchr(a.opt.sets[i], '=');
        snprintf(set_names[i], sizeof set_names[i], "%.*s", (int)(eq - a.opt.sets[i]), a.opt.sets[i]);
        if (view_setting_known(set_names[i])) {      /* a view's own (labs/view_setting.h): colour-by ... */
            if (app_view_setting(&a, set_names[i], eq + 1) != NN_OK) {
                fprintf(stderr, "nnlab: --set %s: %s\n", a.opt.sets[i], nn_last_error());
                return 2;
            }
            continue;
        }
        names[n_sets] = set_names[i];
        values[n_sets] = eq + 1;
        if (nn_config_set(&check, names[n_sets++], eq + 1, NULL) != NN_OK) {
            fprintf(stderr, "nnlab: --set %s: %s\n", a.opt.sets[i], nn_last_error());
            return 2;
        }
    }
    /* The settings together, as nnlab-train builds them: --set data=gauss
     * --set classes=6 is refused here (exit 2), not a window whose Playground
     * says the network cannot be built (with no Classes control for gauss to
     * mend it). 2-D data only: image sets load on the worker thread. */
    if (n_sets && !nn_config_is_images(&check)) {
        nn_run probe;
        if (nn_run_open(&probe, &check) != NN_OK) {
            fprintf(stderr, "nnlab: --set: %s\n", nn_last_error());
            return 2;
        }
        nn_run_close(&probe);
    }
    if (app_labs_init(&a) != 0) {
        fprintf(stderr, "nnlab: %s\n", nn_last_error());
        return 1;
    }
    session_init(&a.s, &c);
    if (n_sets) session_apply(&a.s, names, values, n_sets, 1);
    a.s.playing = a.opt.play;
    const char *view = a.opt.view ? a.opt.view : prefs_get(&a.prefs, "view", "playground");
    if (app_set_view(&a, view) != 0) {
        if (a.opt.view) {
            fprintf(stderr, "nnlab: unknown view '%s'; views are:", view);
            for (int i = 0; i < VIEW_COUNT; i++) fprintf(stderr, " %s", VIEWS[i]->id);
            fputc('\n', stderr);
            session_free(&a.s);
            app_labs_free(&a);
            return 2;
        }
        app_set_view(&a, "playground");
    }
    /* nnlab FILE: a setup (shell/file_menu.h) over the defaults and --set; --view and --play still
     * apply after it. A bad file is one line on stderr and exit 2, before any window opens. */
    if (a.opt.setup && app_setup_open(&a, a.opt.setup) != 0) {
        fprintf(stderr, "nnlab: %s\n", nn_last_error());
        player_close(&a);
        session_free(&a.s);
        app_labs_free(&a);
        return 2;
    }
    if (a.opt.setup && a.opt.view) app_set_view(&a, a.opt.view);
    if (a.opt.setup) a.s.playing = a.opt.play;

    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "nnlab: cannot start SDL: %s\n", SDL_GetError());
        session_free(&a.s);
        app_labs_free(&a);
        return 1;
    }
    /* After SDL_Init, whose own SIGTERM/SIGINT handlers only work while events are polled. */
    shell_signals_install(3);
    rc = start(&a) == 0 ? 0 : 1;
    if (rc == 0 && a.opt.lesson) player_open(&a, a.opt.lesson);
    if (rc == 0 && a.opt.lessons) player_browse(&a);

    if (rc == 0 && a.opt.record) {   /* --record FILE: from the first frame (record/record.h) */
        char err[1200];
        if (a.opt.record_area) record_set_view_only(&a, strcmp(a.opt.record_area, "view") == 0);
        if (record_view_only(&a)) frame_render_only(&a);    /* where the view is */
        if (record_start(&a, a.opt.record, record_view_only(&a), a.opt.frames > 0, err, sizeof err) != 0) {
            fprintf(stderr, "nnlab: %s\n", err);
            rc = 2;                /* cannot write the file: bad input, as for every output */
        }
    }
    const int every_frame = a.opt.record && a.opt.frames > 0;   /* a render: no pacing */
    const int frames = a.opt.frames > 0 ? a.opt.frames : (a.opt.screenshot ? 1 : -1);
    const Uint64 freq = SDL_GetPerformanceFrequency(), t0 = SDL_GetPerformanceCounter();
    for (int f = 0; rc == 0 && !a.quit && (frames < 0 || f < frames); f++) {
        const Uint64 begin = SDL_GetPerformanceCounter();
        a.time = (double)(begin - t0) / freq;
        frame_run(&a);
        if (shell_signal_caught()) a.quit = 1;   /* SIGTERM/SIGINT: quit cleanly, exit 128 + signal */
        shell_window_min_keep(a.win);            /* shrunk below 800x600 without a window manager */
        shell_ui_dump(&a);                       /* NNLAB_UI_DUMP: the controls, for real-window scripts */
        if (f == 0) first_frame_s = seconds_now() - started;
        if (f < 100000) frame_ms[f] = (float)((double)(SDL_GetPerformanceCounter() - begin) / freq * 1000.0);
        if (stats) count_updates(&a, &trained);
        if (stats && f + 1 == frames)
            print_frame_stats(frame_ms, f + 1 < 100000 ? f + 1 : 100000, first_frame_s, &a, &trained);
        /* Frame pacing when vsync is unavailable: sleep out the rest of 1/60 s. */
        const double spent = (double)(SDL_GetPerformanceCounter() - begin) / freq;
        if (!a.opt.screenshot && !every_frame && spent < 1.0 / 60) SDL_Delay((Uint32)((1.0 / 60 - spent) * 1000));
    }
    if (record_active(&a)) {       /* --record, or F9 still on at quit: finish the file */
        char msg[1200];
        if (record_stop(&a, msg, sizeof msg) == 0) {
            printf("nnlab: %s\n", msg);
        } else {
            fprintf(stderr, "nnlab: %s\n", msg);
            if (a.opt.record) rc = 2;
        }
    }
    if (rc == 0 && a.opt.screenshot) {
        char err[512];
        frame_render_only(&a);
        if (shell_screenshot(a.r, a.opt.screenshot, err, sizeof err) != 0) {
            fprintf(stderr, "nnlab: %s\n", err);
            rc = 2;                /* cannot write the file: bad input, as for every output */
        } else {
            printf("nnlab: screenshot saved to %s\n", a.opt.screenshot);
        }
    }
    if (rc == 0 && !a.opt.screenshot) {
        char err[512];
        char scale[32];
        snprintf(scale, sizeof scale, "%g", a.scale);
        prefs_set(&a.prefs, "scale", scale);
        prefs_set(&a.prefs, "theme", a.light ? "light" : "dark");
        if (prefs_save(&a.prefs, err, sizeof err) != 0) fprintf(stderr, "nnlab: %s\n", err);
    }
    stop(&a);
    TTF_Quit();
    SDL_Quit();
    const int sig = shell_signal_caught();
    return rc == 0 && sig ? 128 + sig : rc;
}
