/* tests/app/test_search_view.c - the Search view (app/views/view_search.c).
 *
 * - The trials it draws are the engine's: for each method, the dev errors
 *   and values equal nn_search_run's with an objective written here (a full
 *   training run from the Playground's settings, scored by 1 - dev accuracy)
 *   for the same seed, method and budget; each dot is drawn inside the plot
 *   in the colour of its dev error.
 * - One and two worker threads give identical trials (values and errors).
 * - "Send to Playground" sets the live session's settings to the best
 *   trial's, or to a clicked trial's (and Adam for the eps pair).
 * - It renders at 1280x720, 1024x600 zoom 1.5 and 1280x720 zoom 1.5 with
 *   every control and every dot on screen; NNLAB_SEARCH_SHOTS=DIR saves PNGs.
 * - Stop, and closing the app while a search runs, end the worker threads
 *   (the ASan build checks for leaks and use after free); on images Start is
 *   locked.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "nn/config.h"
#include "nn/status.h"
#include "shell/screenshot.h"
#include "views/view_search.h"
#include "robot.h"
#include "test.h"

static search_view *view_of(robot *R) { return app_view_state(R->a, view_index("search")); }

static int open_view(robot *R, int w, int h, float zoom)
{
    if (robot_open(R, w, h, zoom, "lessons") != 0) return 1;
    R->a->view = view_index("search");
    robot_watchdog(240);
    return R->a->view < 0 || robot_frames(R, 2);
}

static int click(robot *R, const char *label)
{
    const ui_widget_info *b = robot_find_label(R, label, UI_W_BUTTON);
    if (!b || b->locked || !robot_visible(R, b->rect)) return 1;
    return robot_click(R, robot_cx(b->rect), robot_cy(b->rect)) || robot_frame(R);
}

/* Frames (the window stays live) until the search is over. */
static int wait_done(robot *R)
{
    for (int i = 0; i < 20000 && view_of(R)->job; i++) {
        if (robot_frame(R)) return 1;
        SDL_Delay(2);
    }
    return view_of(R)->job != NULL || robot_frames(R, 2);
}

/* ---- an independent objective: what the view must score ---- */
typedef struct own { nn_config base; nn_search_desc d; } own;
static int own_objective(nn_trial *t, void *arg)
{
    const own *o = arg;
    nn_config c = o->base;
    for (int k = 0; k < o->d.n_params; k++)
        if (nn_config_set(&c, o->d.params[k].name, t->value[k], NULL)) return 1;
    nn_run r;
    if (nn_run_open(&r, &c)) return 1;
    while (nn_trainer_state_get(r.trainer).epoch < c.epochs)
        if (nn_trainer_epoch(r.trainer) != NN_OK) { nn_run_close(&r); return 1; }
    int n;
    const nn_metrics *h = nn_trainer_history(r.trainer, &n);
    t->dev_error = 1.0 - h[n - 1].dev_acc;
    t->train_error = 1.0 - h[n - 1].train_acc;
    nn_run_close(&r);
    return 0;
}

static int same_as_engine(void)
{
    robot R;
    CHECK(open_view(&R, 1280, 720, 1.0f) == 0);
    search_view *v = view_of(&R);
    CHECK(v && v->jobs >= 1);
    static const char *const TABS[] = { "Grid", "Random", "Evolution" };
    for (int m = 0; m < NN_SEARCH_COUNT; m++) {
        const ui_widget_info *tab = robot_find(&R, ui_label_id("search method"), UI_W_TAB, m);
        CHECK(tab && !strcmp(tab->label, TABS[m]));
        CHECK(robot_click(&R, robot_cx(tab->rect), robot_cy(tab->rect)) == 0);
        CHECK(v->method == m);
        CHECK(click(&R, "Start") == 0);
        CHECK(v->job != NULL);
        CHECK(wait_done(&R) == 0);
        const search_result *res = &v->res[m];
        CHECK(res->complete && res->n_done == 25 && res->budget == 25);
        /* the engine, run here with its own objective on the Playground's settings */
        own o = { .base = R.a->s.cfg };
        o.d = (nn_search_desc){ .method = (nn_search_method)m, .trials = 25, .jobs = 1, .seed = o.base.train.seed,
                                .n_params = 2 };
        CHECK(nn_search_param_parse(SEARCH_PAIR[0].x, &o.d.params[0]) == NN_OK);
        CHECK(nn_search_param_parse(SEARCH_PAIR[0].y, &o.d.params[1]) == NN_OK);
        nn_trial t[25];
        CHECK(nn_search_run(&o.d, own_objective, &o, t, NULL) == NN_OK);
        double hi = 0.05;
        for (int i = 0; i < 25; i++) if (!t[i].failed && t[i].dev_error > hi) hi = t[i].dev_error;
        for (int i = 0; i < 25; i++) {
            CHECK_MSG(!strcmp(t[i].value[0], res->t[i].value[0]) && !strcmp(t[i].value[1], res->t[i].value[1]),
                      "%s trial %d: lr %s l2 %s in the view, %s %s in the engine", TABS[m], i, res->t[i].value[0],
                      res->t[i].value[1], t[i].value[0], t[i].value[1]);
            CHECK_MSG(t[i].failed == res->t[i].failed && t[i].generation == res->t[i].generation, "trial %d", i);
            if (t[i].failed) continue;
            CHECK_MSG(t[i].dev_error == res->t[i].dev_error, "%s trial %d: dev error %g in the view, %g in the engine",
                      TABS[m], i, res->t[i].dev_error, t[i].dev_error);
            /* drawn inside the plot, in its error's colour */
            const float x = v->pt_x[i], y = v->pt_y[i];
            CHECK_MSG(x > v->plot.x && x < v->plot.x + v->plot.w && y > v->plot.y && y < v->plot.y + v->plot.h,
                      "trial %d drawn at %.0f,%.0f", i, (double)x, (double)y);
            int overlapped = 0;       /* a dot drawn later over this one (or the best's ring) hides its colour */
            for (int j = 0; j < 25; j++)
                if (j != i && fabsf(v->pt_x[j] - x) < 20 && fabsf(v->pt_y[j] - y) < 20) overlapped = 1;
            if (overlapped || i == search_view_chosen(v)) continue;
            const SDL_Color want = pal_sequential((float)(1.0 - t[i].dev_error / hi));
            const SDL_Color got = fixture_pixel(R.f.surf, (int)x, (int)y);
            CHECK_MSG(abs(got.r - want.r) < 10 && abs(got.g - want.g) < 10 && abs(got.b - want.b) < 10,
                      "%s trial %d: dot %d,%d,%d, dev error colour %d,%d,%d", TABS[m], i, got.r, got.g, got.b, want.r,
                      want.g, want.b);
        }
        /* the best highlighted is the engine's best */
        CHECK(search_view_chosen(v) == nn_search_best(t, 25));
    }
    robot_close(&R);
    return 0;
}

static int run_with_threads(robot *R, int jobs, nn_trial *out)
{
    search_view *v = view_of(R);
    v->jobs = jobs;
    v->method = NN_SEARCH_EVO;
    if (click(R, "Start") || wait_done(R)) return 1;
    if (!v->res[NN_SEARCH_EVO].complete || v->res[NN_SEARCH_EVO].jobs != jobs) return 1;
    memcpy(out, v->res[NN_SEARCH_EVO].t, 25 * sizeof *out);
    return 0;
}

static int one_or_two_threads(void)
{
    robot R;
    CHECK(open_view(&R, 1280, 720, 1.0f) == 0);
    static nn_trial a[25], b[25];
    CHECK(run_with_threads(&R, 1, a) == 0);
    CHECK(run_with_threads(&R, 2, b) == 0);
    int gens = 0;
    for (int i = 0; i < 25; i++) {
        CHECK_MSG(!strcmp(a[i].value[0], b[i].value[0]) && !strcmp(a[i].value[1], b[i].value[1]), "trial %d", i);
        CHECK_MSG(a[i].dev_error == b[i].dev_error || (a[i].failed && b[i].failed),
                  "trial %d: dev error %g with 1 thread, %g with 2", i, a[i].dev_error, b[i].dev_error);
        CHECK(a[i].generation == b[i].generation);
        if (a[i].generation > gens) gens = a[i].generation;
    }
    CHECK(gens == 4);          /* 25 trials, 5 a generation */
    robot_close(&R);
    return 0;
}

static int send_to_playground(void)
{
    robot R;
    CHECK(open_view(&R, 1280, 720, 1.0f) == 0);
    search_view *v = view_of(&R);
    const ui_widget_info *send = robot_find_label(&R, "Send to Playground", UI_W_BUTTON);
    CHECK(send && send->locked);            /* nothing to send yet */
    /* the eps pair: every trial uses Adam */
    const ui_widget_info *axes = robot_find(&R, ui_label_id("##search axes"), UI_W_DROPDOWN, 0);
    CHECK(axes && robot_pick(&R, axes->id, 1, 0) == 0 && v->pair == 1);
    v->method = NN_SEARCH_RANDOM;
    CHECK(click(&R, "Start") == 0 && wait_done(&R) == 0);
    const search_result *res = &v->res[NN_SEARCH_RANDOM];
    int best = -1;
    for (int i = 0; i < 25; i++)
        if (!res->t[i].failed && (best < 0 || res->t[i].dev_error < res->t[best].dev_error)) best = i;
    CHECK(best >= 0 && search_view_chosen(v) == best);
    CHECK(R.a->s.cfg.train.optim.kind != NN_OPT_ADAM);
    CHECK(click(&R, "Send to Playground") == 0);
    CHECK(robot_wait_loaded(&R, 3000) == 0);
    char got[48];
    nn_config_get(&R.a->s.cfg, "lr", got, sizeof got);
    CHECK_MSG(fabs(atof(got) - atof(res->t[best].value[0])) <= 1e-6 * atof(got), "lr %s, best trial %s", got,
              res->t[best].value[0]);
    nn_config_get(&R.a->s.cfg, "eps", got, sizeof got);
    CHECK_MSG(fabs(atof(got) / atof(res->t[best].value[1]) - 1) < 1e-5, "eps %s, best %s", got, res->t[best].value[1]);
    CHECK(R.a->s.cfg.train.optim.kind == NN_OPT_ADAM && R.a->s.open);
    /* a click on another trial's dot chooses it; Send sends that one */
    int other = -1;
    for (int i = 0; i < 25 && other < 0; i++) {
        if (i == best || res->t[i].failed) continue;
        int alone = 1;
        for (int j = 0; j < 25; j++)
            if (j != i && fabsf(v->pt_x[j] - v->pt_x[i]) < 30 && fabsf(v->pt_y[j] - v->pt_y[i]) < 30) alone = 0;
        if (alone) other = i;
    }
    CHECK(other >= 0);
    CHECK(robot_click(&R, (int)v->pt_x[other], (int)v->pt_y[other]) == 0);
    CHECK_MSG(search_view_chosen(v) == other, "clicked trial %d, chosen %d", other, search_view_chosen(v));
    CHECK(click(&R, "Send to Playground") == 0 && robot_wait_loaded(&R, 3000) == 0);
    nn_config_get(&R.a->s.cfg, "lr", got, sizeof got);
    CHECK_MSG(fabs(atof(got) / atof(res->t[other].value[0]) - 1) < 1e-5, "lr %s, clicked %s", got,
              res->t[other].value[0]);
    robot_close(&R);
    return 0;
}

static int renders(int w, int h, float zoom, const char *name)
{
    robot R;
    CHECK(open_view(&R, w, h, zoom) == 0);
    search_view *v = view_of(&R);
    /* the preset: a grid, then random search, on lr and Adam's eps */
    CHECK(click(&R, "Random beats grid") == 0);
    CHECK(v->pair == 1 && v->job && v->job_method == NN_SEARCH_GRID);
    CHECK(wait_done(&R) == 0);                            /* (the random half starts as the grid ends) */
    CHECK(v->method == NN_SEARCH_RANDOM);
    CHECK(v->res[NN_SEARCH_GRID].complete && v->res[NN_SEARCH_RANDOM].complete);
    static const char *const LABELS[] = { "Start", "Random beats grid", "Send to Playground" };
    for (int k = 0; k < 3; k++) {
        const ui_widget_info *b = robot_find_label(&R, LABELS[k], UI_W_BUTTON);
        CHECK_MSG(b && robot_visible(&R, b->rect) && b->rect.y + b->rect.h <= h && b->rect.x + b->rect.w <= w,
                  "%dx%d zoom %.1f: button %s", w, h, (double)zoom, LABELS[k]);
    }
    for (int m = NN_SEARCH_GRID; m < NN_SEARCH_COUNT; m++) {
        v->method = m;
        if (m == NN_SEARCH_EVO) CHECK(click(&R, "Start") == 0 && wait_done(&R) == 0 && v->res[m].complete);
        CHECK(robot_frames(&R, 2) == 0);
        for (int i = 0; i < 25; i++)
            if (!v->res[m].t[i].failed)
                CHECK_MSG(v->pt_x[i] >= v->plot.x && v->pt_x[i] < w && v->pt_y[i] >= v->plot.y && v->pt_y[i] < h,
                          "%dx%d zoom %.1f: trial %d at %.0f,%.0f", w, h, (double)zoom, i, (double)v->pt_x[i],
                          (double)v->pt_y[i]);
        /* the grid tries 5 learning rates, random search 25 */
        int distinct = 0;
        for (int i = 0; i < 25; i++) {
            int seen = 0;
            for (int j = 0; j < i; j++) seen |= !strcmp(v->res[m].t[i].value[0], v->res[m].t[j].value[0]);
            distinct += !seen;
        }
        CHECK_MSG(m == NN_SEARCH_EVO || distinct == (m == NN_SEARCH_GRID ? 5 : 25), "%s: %d learning rates",
                  search_method_title(m), distinct);
        const char *dir = getenv("NNLAB_SEARCH_SHOTS");
        if (dir) {
            char path[1200], err[200];
            snprintf(path, sizeof path, "%s/search_%s_%s.png", dir, name, search_method_title(m));
            CHECK(shell_screenshot(R.a->r, path, err, sizeof err) == 0);
        }
    }
    robot_close(&R);
    return 0;
}

static int renders_1280x720(void) { return renders(1280, 720, 1.0f, "1280x720"); }
static int renders_1024x600_zoom15(void) { return renders(1024, 600, 1.5f, "1024x600_z15"); }
static int renders_1280x720_zoom15(void) { return renders(1280, 720, 1.5f, "1280x720_z15"); }

static int stop_and_quit_while_running(void)
{
    robot R;
    CHECK(open_view(&R, 1280, 720, 1.0f) == 0);
    search_view *v = view_of(&R);
    v->trials = 60;
    CHECK(click(&R, "Start") == 0 && v->job);
    CHECK(click(&R, "Stop") == 0);
    CHECK(v->job == NULL && v->res[v->method].stopped && !v->res[v->method].complete);
    CHECK(robot_find_label(&R, "Start", UI_W_BUTTON) != NULL);
    /* Space starts, and the app closes with the search running: the workers end */
    robot_key(&R, SDLK_SPACE);
    CHECK(robot_frames(&R, 3) == 0 && v->job);
    robot_close(&R);
    /* images: Start is locked, and says why */
    CHECK(open_view(&R, 1280, 720, 1.0f) == 0);
    CHECK(session_set(&R.a->s, "data", "fashion-small") == NN_OK);
    CHECK(robot_frames(&R, 2) == 0);
    const ui_widget_info *b = robot_find_label(&R, "Start", UI_W_BUTTON);
    CHECK(b && b->locked);
    robot_key(&R, SDLK_SPACE);
    CHECK(robot_frames(&R, 2) == 0 && view_of(&R)->job == NULL && strstr(R.a->toast, "2-D"));
    robot_close(&R);
    return 0;
}

static const test_case CASES[] = {
    { "same_as_engine", same_as_engine },
    { "one_or_two_threads", one_or_two_threads },
    { "send_to_playground", send_to_playground },
    { "renders_1280x720", renders_1280x720 },
    { "renders_1024x600_zoom15", renders_1024x600_zoom15 },
    { "renders_1280x720_zoom15", renders_1280x720_zoom15 },
    { "stop_and_quit_while_running", stop_and_quit_while_running },
};
TEST_MAIN(CASES)
