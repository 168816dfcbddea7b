/* tests/app/test_layers_view.c - the "Inside the network" view (app/views/view_layers.c)
 * and the lens it reads the live run through (app/shell/lens.h).
 *
 * It renders headless at 1280x720 (zoom 1) and 1920x1080 (zoom 1.5) for a
 * 3- and a 20-hidden-layer network after training, with the input layer's
 * and the output layer's colours drawn in the gradient plot and no NaN text;
 * the gradient norms it shows (lens_grad_norm, the latest update's record)
 * are the engine's nn_trainer_layer_stats for the same run trained apart (the
 * numbers `nnlab-train --layer-stats` writes at an epoch's last update), and a
 * deep sigmoid network with small weights shows the vanishing gradient in
 * them; the depth control, used as a person would, changes the session's
 * layers.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "nn/status.h"
#include "shell/lens.h"
#include "views/layers_draw.h"
#include "robot.h"
#include "test.h"

static int near(SDL_Color p, SDL_Color c) { return fixture_near_colour(p, c, 10); }
static int count(const SDL_Surface *s, SDL_Rect r, SDL_Color c) { return fixture_count_colour(s, r, c, 10); }

static int render(fixture *f, int frames)
{
    for (int i = 0; i < frames; i++) frame_render_only(f->a);
    const char *last = NULL;
    if (gfx_text_nonfinite(f->a->fonts, &last) != 0) {
        fprintf(stderr, "drew a non-finite number: %s\n", last);
        return 1;
    }
    return 0;
}

static void hidden(char *buf, size_t len, int depth, int width)
{
    size_t used = 0;
    for (int i = 0; i < depth && used < len; i++) used += (size_t)snprintf(buf + used, len - used, i ? ",%d" : "%d", width);
}

static int renders_deep_and_shallow(void)
{
    static const struct { int w, h; float zoom; } SIZES[] = { { 1280, 720, 1.0f }, { 1920, 1080, 1.5f }, { 1024, 600, 1.5f } };
    static const int DEPTHS[] = { 3, 20 };
    for (size_t k = 0; k < 3; k++)
        for (size_t d = 0; d < 2; d++) {
            fixture f;
            CHECK(open_fixture(&f, SIZES[k].zoom, SIZES[k].w, SIZES[k].h) == 0);
            app *a = f.a;
            a->view = view_index("layers");
            CHECK(a->view >= 0);
            char list[200];
            hidden(list, sizeof list, DEPTHS[d], 8);
            const char *names[] = { "layers", "act", "init" }, *values[] = { list, "tanh", "xavier" };
            CHECK(session_apply(&a->s, names, values, 3, 0) == NN_OK);
            CHECK(lens_layer_count(&a->s) == 2 * DEPTHS[d] + 1);
            for (int i = 0; i < 30; i++) CHECK(session_step(&a->s) == NN_OK);
            CHECK(lens_grad_count(&a->s) == 30);
            CHECK(render(&f, 2) == 0);
            /* the gradient plots: the top right of the window, above the histograms */
            const SDL_Rect plots = { f.w * 30 / 100, 0, f.w * 70 / 100, f.h * 55 / 100 };
            const int first = count(f.surf, plots, layers_depth_colour(0.0f));
            const int last = count(f.surf, plots, layers_depth_colour(1.0f));
            CHECK_MSG(first > 60 && last > 60, "%dx%d zoom %.1f, %d layers: %d pixels of the input layer's colour, %d of the output's",
                      f.w, f.h, (double)SIZES[k].zoom, DEPTHS[d], first, last);
            /* the histograms: one cell per weighted layer below, each with bars of its colour */
            const SDL_Rect hists = { f.w * 30 / 100, f.h * 55 / 100, f.w * 70 / 100, f.h * 45 / 100 };
            CHECK_MSG(count(f.surf, hists, layers_depth_colour(0.0f)) > 10, "%d layers: no input-layer histogram", DEPTHS[d]);
            close_fixture(&f);
        }
    return 0;
}

/* One epoch of a 10-layer sigmoid network with small weights in the app, and
 * the same configuration trained by the engine alone (capture at the epoch's
 * last update, as nnlab-train --layer-stats does): equal gradient norms, and
 * the first layer's a tiny fraction of the output layer's. */
static int norms_are_the_engines(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1280, 720) == 0);
    app *a = f.a;
    a->view = view_index("layers");
    const char *names[] = { "layers", "act", "init", "seed" };
    const char *values[] = { "8,8,8,8,8,8,8,8,8,8", "sigmoid", "small", "5" };
    CHECK(session_apply(&a->s, names, values, 4, 0) == NN_OK);
    CHECK(session_epoch(&a->s) == NN_OK);
    const int steps = (int)lens_state(&a->s).steps;
    CHECK(steps > 1 && lens_grad_count(&a->s) == steps);
    CHECK(lens_grad_step(&a->s, steps - 1) == steps && lens_grad_step(&a->s, 0) == 1);
    CHECK(render(&f, 2) == 0);

    nn_config c = nn_config_default();
    for (int i = 0; i < 4; i++) CHECK(nn_config_set(&c, names[i], values[i], NULL) == NN_OK);
    c.train.capture_stats = 1;
    nn_run r;
    CHECK(nn_run_open(&r, &c) == NN_OK);
    CHECK(nn_trainer_epoch(r.trainer) == NN_OK);
    int n;
    const nn_layer_stats *st = nn_trainer_layer_stats(r.trainer, &n);
    CHECK(n == lens_layer_count(&a->s) && n == 21);
    int weighted = 0;
    for (int i = 0; i < n; i++) {
        const double shown = lens_grad_norm(&a->s, steps - 1, i);
        CHECK_MSG(fabs(shown - st[i].grad_norm) <= 1e-6 * st[i].grad_norm + 1e-37,
                  "layer %d: the view shows %.9g, the engine has %.9g", i, shown, st[i].grad_norm);
        weighted += st[i].grad_norm > 0;
    }
    CHECK(weighted == 11);
    /* the vanishing gradient itself: input layer (0) against the output layer (20) */
    CHECK_MSG(lens_grad_norm(&a->s, steps - 1, 0) < LAYERS_VANISH_REL * lens_grad_norm(&a->s, steps - 1, 20),
              "first %g, last %g", lens_grad_norm(&a->s, steps - 1, 0), lens_grad_norm(&a->s, steps - 1, 20));
    /* the lens's statistics are the latest update's too */
    int ln;
    const nn_layer_stats *ls = lens_layer_stats(&a->s, &ln);
    CHECK(ls && ln == n);
    for (int i = 0; i < n; i++) CHECK(ls[i].grad_norm == st[i].grad_norm || fabs(ls[i].grad_norm - st[i].grad_norm) <= 1e-9 * st[i].grad_norm);
    nn_run_close(&r);
    /* Reset empties the record */
    session_reset(&a->s);
    CHECK(lens_grad_count(&a->s) == 0);
    close_fixture(&f);
    return 0;
}

/* The depth field, typed into as a person would: 20 hidden layers. */
static int depth_control_changes_layers(void)
{
    robot R;
    CHECK(robot_open(&R, 1280, 720, 1.0f, "lessons") == 0);
    app *a = R.a;
    const int v = view_index("layers");
    CHECK(robot_go_view(&R, v) == v);
    const ui_widget_info *w = robot_find_label(&R, "Hidden layers", UI_W_NUMBER);
    CHECK(w != NULL);
    CHECK(robot_click(&R, robot_cx(w->rect), robot_cy(w->rect)) == 0);
    robot_type(&R, "20");
    CHECK(robot_frame(&R) == 0);
    robot_key(&R, SDLK_RETURN);
    CHECK(robot_frames(&R, 3) == 0);
    CHECK_MSG(a->s.cfg.n_hidden == 20, "%d hidden layers after typing 20", a->s.cfg.n_hidden);
    CHECK(lens_layer_count(&a->s) == 41);
    /* S steps the same run */
    const long before = lens_state(&a->s).steps;
    robot_key(&R, SDLK_s);
    CHECK(robot_frames(&R, 2) == 0);
    CHECK(lens_state(&a->s).steps == before + 1 && lens_grad_count(&a->s) >= 1);
    robot_close(&R);
    return 0;
}

/* Columns of x in r holding colour c: how many separate runs of them. */
static int column_runs(const SDL_Surface *s, SDL_Rect r, SDL_Color c)
{
    int runs = 0, in = 0;
    for (int x = r.x; x < r.x + r.w; x++) {
        int hit = 0;
        for (int y = r.y; y < r.y + r.h && !hit; y++) hit = near(fixture_pixel(s, x, y), c);
        runs += hit && !in;
        in = hit;
    }
    return runs;
}

static int click_tab(robot *R, const char *label)
{
    const ui_widget_info *w = robot_find_label(R, label, UI_W_TAB);
    if (!w) { fprintf(stderr, "no tab '%s'\n", label); return 1; }
    return robot_click(R, robot_cx(w->rect), robot_cy(w->rect));
}

/* The Batch norm tab: for each normalised layer on the page, one column per
 * neuron in the mean and the variance panels, each with the last batch's bar
 * and the running statistic's tick; a deep network pages through all. */
static int batchnorm_columns_per_neuron(void)
{
    static const struct { int w, h; float zoom; } SIZES[] = { { 1280, 720, 1.0f }, { 1024, 600, 1.5f } };
    for (int k = 0; k < 2; k++) {
        robot R;
        CHECK(robot_open(&R, SIZES[k].w, SIZES[k].h, SIZES[k].zoom, "lessons") == 0);
        app *a = R.a;
        a->s.playing = 0;
        const int v = view_index("layers");
        CHECK(robot_go_view(&R, v) == v);
        const char *names[] = { "layers", "batchnorm", "seed" }, *values[] = { "12,12,12", "on", "3" };
        CHECK(session_apply(&a->s, names, values, 3, 0) == NN_OK);
        for (int i = 0; i < 20; i++) CHECK(session_step(&a->s) == NN_OK);
        CHECK(robot_frames(&R, 2) == 0);
        CHECK(click_tab(&R, "Batch norm") == 0 || click_tab(&R, "BN") == 0);
        CHECK(robot_frames(&R, 2) == 0);
        int layer[8];
        SDL_Rect mean[8], var[8];
        const int rows = layers_bn_drawn(layer, mean, var, 8);
        CHECK_MSG(rows >= 1 && rows <= 3, "%d batch-norm rows drawn", rows);
        for (int i = 0; i < rows; i++) {
            CHECK(lens_layer(&a->s, layer[i]).kind == NN_LAYER_BATCHNORM);
            const SDL_Rect panels[2] = { mean[i], var[i] };
            for (int p = 0; p < 2; p++) {
                const int bars = column_runs(R.f.surf, panels[p], LAYERS_BATCH_C);
                int ticks = 0;   /* neuron k's slot, x + k w / n: its running tick (its middle may be under the bar) */
                for (int q = 0; q < 12; q++) {
                    const SDL_Rect slot = { panels[p].x + q * panels[p].w / 12, panels[p].y, panels[p].w / 12, panels[p].h };
                    ticks += column_runs(R.f.surf, slot, LAYERS_RUNNING_C) > 0 && column_runs(R.f.surf, slot, LAYERS_BATCH_C) == 1;
                }
                CHECK_MSG(bars == 12 && ticks == 12, "%dx%d: row %d %s panel: %d batch bars, %d running ticks (12 neurons)",
                          SIZES[k].w, SIZES[k].h, i, p ? "variance" : "mean", bars, ticks);
            }
        }
        if (k == 0) CHECK_MSG(rows == 3 || rows == 2, "%d rows", rows);
        /* 20 normalised layers: a page at a time, the next button shows the next ones */
        const char *deep[] = { "layers" }, *dv[] = { "8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8" };
        CHECK(session_apply(&a->s, deep, dv, 1, 0) == NN_OK);
        for (int i = 0; i < 5; i++) CHECK(session_step(&a->s) == NN_OK);
        CHECK(robot_frames(&R, 2) == 0);
        const int n1 = layers_bn_drawn(layer, mean, var, 8);
        CHECK_MSG(n1 >= 1 && n1 < 20, "%d of 20 rows on the first page", n1);
        const int first_layer = layer[0];
        for (int i = 0; i < n1; i++) CHECK(column_runs(R.f.surf, mean[i], LAYERS_BATCH_C) == 8);
        const ui_widget_info *next = robot_find_label(&R, ">", UI_W_BUTTON);
        CHECK(next != NULL);
        CHECK(robot_click(&R, robot_cx(next->rect), robot_cy(next->rect)) == 0);
        CHECK(robot_frames(&R, 2) == 0);
        CHECK(layers_bn_drawn(layer, NULL, NULL, 8) >= 1 && layer[0] > first_layer);
        robot_close(&R);
    }
    return 0;
}

static int count_in(const SDL_Surface *s, SDL_Rect r, SDL_Color c) { return count(s, r, c); }

/* Zero initialisation: after a few hundred updates every hidden layer's
 * neurons still have identical weights, and the Weights tab says so; He
 * initialisation's neurons differ and nothing is marked. */
static int zeros_show_their_symmetry(void)
{
    static const char *const INITS[] = { "zeros", "he" };
    for (int k = 0; k < 2; k++) {
        robot R;
        CHECK(robot_open(&R, 1280, 720, 1.0f, "lessons") == 0);
        app *a = R.a;
        a->s.playing = 0;
        const int v = view_index("layers");
        CHECK(robot_go_view(&R, v) == v);
        const char *names[] = { "layers", "act", "init", "seed" }, *values[] = { "8,8,8", "sigmoid", INITS[k], "4" };
        CHECK(session_apply(&a->s, names, values, 4, 0) == NN_OK);
        for (int i = 0; i < 300; i++) CHECK(session_step(&a->s) == NN_OK);
        int idx[16];
        const int nw = layers_weighted(a, idx, 16);
        CHECK(nw == 4);
        for (int j = 0; j < 3; j++) {
            const int same = layers_identical_neurons(a, idx[j]);
            CHECK_MSG(same == (k == 0 ? 8 : 0), "%s: layer %d: %d identical neurons", INITS[k], j + 1, same);
        }
        if (k == 0) {   /* and trained: the output layer's weights moved from zero */
            int rows, cols;
            const float *w = lens_weights(&a->s, idx[3], &rows, &cols, NULL);
            CHECK(w && cols == 8);
            float big = 0;
            for (int i = 0; i < rows * cols; i++) big = fmaxf(big, fabsf(w[i]));
            CHECK(big > 1e-3f);
        }
        CHECK(robot_frames(&R, 1) == 0);
        CHECK(click_tab(&R, "Weights") == 0);
        CHECK(robot_frames(&R, 2) == 0);
        const SDL_Rect lower = { R.f.w * 24 / 100, R.f.h * 55 / 100, R.f.w * 76 / 100, R.f.h * 45 / 100 };
        const int marked = count_in(R.f.surf, lower, LAYERS_SYMMETRY_C);
        CHECK_MSG(k == 0 ? marked > 300 : marked == 0, "%s: %d pixels of the symmetry mark", INITS[k], marked);
        robot_close(&R);
    }
    return 0;
}

/* The Playground's keys work here too: E one epoch, + and - the speed (said), N a new seed. */
static int playground_keys(void)
{
    robot R;
    CHECK(robot_open(&R, 1280, 720, 1.0f, "lessons") == 0);
    app *a = R.a;
    a->s.playing = 0;
    const int v = view_index("layers");
    CHECK(robot_go_view(&R, v) == v);
    CHECK(robot_frames(&R, 2) == 0);
    const int epoch = lens_state(&a->s).epoch;
    robot_key(&R, SDLK_e);
    CHECK(robot_frame(&R) == 0);
    CHECK_MSG(lens_state(&a->s).epoch == epoch + 1, "epoch %d after E from %d", lens_state(&a->s).epoch, epoch);
    const int speed = a->s.speed;
    robot_key(&R, SDLK_PLUS);
    CHECK(robot_frame(&R) == 0);
    CHECK(a->s.speed == speed * 2);
    char want[64];
    snprintf(want, sizeof want, "Speed: %d updates per frame", speed * 2);
    CHECK_MSG(strstr(a->toast, want) != NULL, "toast '%s'", a->toast);
    robot_key(&R, SDLK_MINUS);
    CHECK(robot_frame(&R) == 0);
    CHECK(a->s.speed == speed);
    const uint64_t seed = a->s.cfg.train.seed;
    robot_key(&R, SDLK_n);
    session_wait(&a->s);
    CHECK(robot_frames(&R, 2) == 0);
    CHECK_MSG(a->s.cfg.train.seed != seed, "seed %llu after N (was %llu)", (unsigned long long)a->s.cfg.train.seed, (unsigned long long)seed);
    robot_close(&R);
    return 0;
}

static const test_case CASES[] = {
    { "batchnorm_columns_per_neuron", batchnorm_columns_per_neuron },
    { "zeros_show_their_symmetry", zeros_show_their_symmetry },
    { "playground_keys", playground_keys },
    { "renders_deep_and_shallow", renders_deep_and_shallow },
    { "norms_are_the_engines", norms_are_the_engines },
    { "depth_control_changes_layers", depth_control_changes_layers },
};
TEST_MAIN(CASES)
