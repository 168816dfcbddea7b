/* tests/app/test_gradient_colour.c - the Playground's network coloured by
 * gradient (views/playground_draw.c, draw/logramp.c, shell/lens.h).
 *
 * - The log scale puts known magnitudes at their ramp positions, its colours
 *   rise in lightness (and the light theme's fall), clamping at both ends.
 * - The edges are drawn from the latest update's dJ/dW: equal to the gradient
 *   a separate model computes for the same full batch from the weights before
 *   that update (so after the backward and before the update), and each
 *   edge's pixel is the ramp colour of its |dJ/dw|; each neuron's square is
 *   the ramp colour of its error signal.
 * - The switch, used as a person would (the "gradient" tab, then the key G),
 *   changes the rendered diagram.
 * - A deep sigmoid network with small weights fades towards the input: the
 *   lines between the first columns are near the background, those before
 *   the output bright, and the brightness falls layer by layer.
 */
#include <stdlib.h>

#include "draw/logramp.h"
#include "nn/loss.h"
#include "nn/status.h"
#include "shell/lens.h"
#include "views/playground_draw.h"
#include "robot.h"
#include "test.h"

static int close_to(SDL_Color p, SDL_Color c, int tol)
{
    return abs(p.r - c.r) <= tol && abs(p.g - c.g) <= tol && abs(p.b - c.b) <= tol;
}

static int logramp_positions_and_colours(void)
{
    CHECK_NEAR(gfx_logramp_pos(1e-5, 1e-10, 1.0), 0.5, 1e-6);
    CHECK_NEAR(gfx_logramp_pos(1e-8, 1e-10, 1.0), 0.2, 1e-6);
    CHECK_NEAR(gfx_logramp_pos(0.1, 1e-10, 1.0), 0.9, 1e-6);
    CHECK_NEAR(gfx_logramp_pos(1e-3, 1e-6, 1.0), 0.5, 1e-6);
    CHECK(gfx_logramp_pos(1e-10, 1e-10, 1.0) == 0.0f);
    CHECK(gfx_logramp_pos(1.0, 1e-10, 1.0) == 1.0f);
    CHECK(gfx_logramp_pos(1e-30, 1e-10, 1.0) == 0.0f);       /* below the scale: its bottom */
    CHECK(gfx_logramp_pos(50.0, 1e-10, 1.0) == 1.0f);        /* above: its top */
    CHECK(gfx_logramp_pos(0.0, 1e-10, 1.0) == 0.0f);
    CHECK(gfx_logramp_pos(-1.0, 1e-10, 1.0) == 0.0f);
    CHECK(gfx_logramp_pos(NAN, 1e-10, 1.0) == 0.0f);
    CHECK(gfx_logramp_pos(INFINITY, 1e-10, 1.0) == 1.0f);
    /* dark theme: black at the bottom, pale yellow at the top, lightness rising */
    CHECK(pal_luminance(gfx_logramp_colour(0.0f, 0)) < 0.01f);
    CHECK(pal_luminance(gfx_logramp_colour(1.0f, 0)) > 0.8f);
    float prev = -1.0f;
    for (int i = 0; i <= 20; i++) {
        const float l = pal_luminance(gfx_logramp_colour(i / 20.0f, 0));
        CHECK_MSG(l > prev, "luminance at t = %.2f is %.3f, not above %.3f", i / 20.0, (double)l, (double)prev);
        prev = l;
    }
    /* the light theme runs it the other way; out of range clamps */
    CHECK(close_to(gfx_logramp_colour(0.0f, 1), gfx_logramp_colour(1.0f, 0), 0));
    CHECK(close_to(gfx_logramp_colour(-3.0f, 0), gfx_logramp_colour(0.0f, 0), 0));
    CHECK(close_to(gfx_logramp_colour(7.0f, 0), gfx_logramp_colour(1.0f, 0), 0));
    /* inferno's middle at 1e-5 on 1e-10..1 */
    CHECK(close_to(gfx_logramp_colour(gfx_logramp_pos(1e-5, 1e-10, 1.0), 0), (SDL_Color){ 188, 55, 84, 255 }, 1));
    return 0;
}

/* Centre of neuron k of column col as pg_draw_network places it. */
static SDL_FPoint centre(SDL_Rect area, int n_cols, int units, int col, int k)
{
    return (SDL_FPoint){ area.x + area.w * (col + 0.5f) / n_cols, area.y + area.h * (k + 0.5f) / units };
}

static int edges_are_the_latest_update(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1280, 720) == 0);
    app *a = f.a;
    session *s = &a->s;
    /* 2 inputs, one hidden neuron, 3 outputs; one full batch per update */
    const char *names[] = { "layers", "act", "batch", "normalize", "samples" };
    const char *values[] = { "1", "tanh", "all", "off", "200" };
    CHECK(session_apply(s, names, values, 5, 0) == NN_OK);
    CHECK(lens_weight_grads(s, 0, &(size_t){ 0 }) == NULL);    /* no update yet */
    for (int i = 0; i < 5; i++) CHECK(session_step(s) == NN_OK);
    /* the weights before the next update, then the update */
    nn_model *live = nn_trainer_model(s->run.trainer);
    const size_t np = nn_model_param_count(live);
    nn_model *twin = nn_model_create(nn_model_get_desc(live), 1);
    CHECK(twin);
    memcpy(nn_model_params(twin), nn_model_params(live), np * sizeof(float));
    CHECK(session_step(s) == NN_OK);
    const nn_dataset *tr = &s->run.train;
    float *dz = malloc((size_t)tr->n * 3 * sizeof *dz);
    CHECK(dz);
    const float *z = nn_model_forward(twin, tr->x, tr->n, 1);
    nn_model_zero_grad(twin);
    nn_loss_eval(nn_model_get_desc(twin)->loss, z, tr->y, tr->n, 3, dz, NULL);
    nn_model_backward(twin, dz);
    const int dense[2] = { 0, 2 };
    for (int k = 0; k < 2; k++) {
        size_t n = 0;
        const float *g = pg_edge_values(s, PG_COLOUR_GRADIENT, dense[k], &n);
        const nn_layer_info li = nn_model_layer(twin, dense[k]);
        CHECK(g && n == li.n_weights);
        for (size_t j = 0; j < n; j++)
            CHECK_MSG(fabsf(g[j] - nn_model_grads(twin)[li.param_offset + j]) <= 1e-5f * fabsf(g[j]) + 1e-8f,
                      "layer %d weight %zu: drawn from %.8g, the update's gradient is %.8g", dense[k], j, (double)g[j],
                      (double)nn_model_grads(twin)[li.param_offset + j]);
        /* the weights are another array: the switch changes what is drawn */
        size_t nw = 0;
        CHECK(pg_edge_values(s, PG_COLOUR_WEIGHT, dense[k], &nw) != g && nw == n);
    }
    /* the pixels: each edge's middle has its |dJ/dw|'s colour, each neuron its error signal's */
    a->colour_by = PG_COLOUR_GRADIENT;
    pg_pictures pics;
    memset(&pics, 0, sizeof pics);
    const SDL_Rect area = { 100, 100, 420, 360 };
    session_probe(s);
    pg_draw_network(&pics, a, area);
    const int units[3] = { 2, 1, 3 };
    int checked = 0;
    for (int k = 0; k < 2; k++) {
        size_t n;
        const float *g = pg_edge_values(s, PG_COLOUR_GRADIENT, dense[k], &n);
        const int in = units[k], out = units[k + 1];
        for (int j = 0; j < out; j++)
            for (int i = 0; i < in; i++) {
                const SDL_FPoint p0 = centre(area, 3, in, k, i), p1 = centre(area, 3, out, k + 1, j);
                const int x = (int)((p0.x + p1.x) / 2) - area.x, y = (int)((p0.y + p1.y) / 2) - area.y;
                const float t = gfx_logramp_pos(fabsf(g[j * in + i]), PG_GRAD_LO, PG_GRAD_HI);
                const SDL_Color want = gfx_logramp_colour(t, 0), got = gfx_canvas_pixel(&pics.edges, x, y);
                CHECK_MSG(close_to(got, want, 14), "layer %d edge %d->%d, |g| %.3g: pixel %d,%d,%d, ramp %d,%d,%d",
                          dense[k], i, j, (double)fabsf(g[j * in + i]), got.r, got.g, got.b, want.r, want.g, want.b);
                checked++;
            }
    }
    CHECK(checked == 5);
    for (int k = 0; k < 2; k++) {
        const float *v;
        CHECK(lens_error_signal(s, dense[k], &v) == units[k + 1]);
        for (int j = 0; j < units[k + 1]; j++) {
            const SDL_FPoint c = centre(area, 3, units[k + 1], k + 1, j);
            const SDL_Color want = gfx_logramp_colour(gfx_logramp_pos(v[j], PG_GRAD_LO, PG_GRAD_HI), 0);
            const SDL_Color got = fixture_pixel(f.surf, (int)c.x, (int)c.y);
            CHECK_MSG(close_to(got, want, 3), "neuron %d of layer %d, signal %.3g: pixel %d,%d,%d, ramp %d,%d,%d", j,
                      dense[k], (double)v[j], got.r, got.g, got.b, want.r, want.g, want.b);
        }
    }
    pg_pictures_free(&pics);
    free(dz);
    nn_model_destroy(twin);
    close_fixture(&f);
    return 0;
}

/* Pixels of r in s that differ from the same pixels of a copy. */
static long differing(const SDL_Surface *s, const Uint8 *copy, SDL_Rect r)
{
    long n = 0;
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++) n += memcmp((const Uint8 *)s->pixels + y * s->pitch + x * 4,
                                                          copy + y * s->pitch + x * 4, 3) != 0;
    return n;
}

static int the_switch_changes_the_diagram(void)
{
    robot_watchdog(120);
    robot R;
    CHECK(robot_open(&R, 1280, 720, 1.0f, NULL) == 0);
    app *a = R.a;
    for (int i = 0; i < 20; i++) CHECK(session_step(&a->s) == NN_OK);
    CHECK(robot_frames(&R, 2) == 0);
    CHECK(a->colour_by == PG_COLOUR_WEIGHT);                   /* the default */
    const ui_widget_info *tab = robot_find_label(&R, "gradient", UI_W_TAB);
    CHECK(tab && tab->selected == 0);
    const SDL_Surface *s = R.f.surf;
    Uint8 *before = malloc((size_t)s->pitch * s->h);
    CHECK(before);
    memcpy(before, s->pixels, (size_t)s->pitch * s->h);
    CHECK(robot_click(&R, robot_cx(tab->rect), robot_cy(tab->rect)) == 0);
    CHECK(robot_frames(&R, 1) == 0);
    CHECK(a->colour_by == PG_COLOUR_GRADIENT);
    /* the diagram's column: left of the output, under the toolbar */
    const SDL_Rect net = { 340, 150, 400, 520 };
    const long changed = differing(s, before, net);
    CHECK_MSG(changed > 20000, "%ld pixels of the diagram changed", changed);
    robot_key(&R, SDLK_g);                                      /* and back by key */
    CHECK(robot_frames(&R, 2) == 0);
    CHECK(a->colour_by == PG_COLOUR_WEIGHT);
    const long back = differing(s, before, net);
    CHECK_MSG(back < changed / 10, "%ld pixels still differ from the weights' picture (of %ld)", back, changed);
    free(before);
    robot_close(&R);
    return 0;
}

/* Mean luminance of the canvas over the middle third between two columns. */
static float gap_luminance(const gfx_canvas *c, SDL_Rect area, int n_cols, int col)
{
    const float w = area.w / (float)n_cols;
    const int x0 = (int)(w * (col + 0.5f) + w / 3), x1 = (int)(w * (col + 0.5f) + 2 * w / 3);
    double sum = 0.0;
    long n = 0;
    for (int y = 0; y < area.h; y++)
        for (int x = x0; x < x1; x++, n++) sum += pal_luminance(gfx_canvas_pixel(c, x, y));
    return (float)(sum / n);
}

static int deep_sigmoid_fades_towards_the_input(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1280, 720) == 0);
    app *a = f.a;
    session *s = &a->s;
    const char *names[] = { "layers", "act", "init" }, *values[] = { "16,16,16,16,16,16,16,16", "sigmoid", "small" };
    CHECK(session_apply(s, names, values, 3, 0) == NN_OK);
    for (int i = 0; i < 50; i++) CHECK(session_step(s) == NN_OK);
    a->colour_by = PG_COLOUR_GRADIENT;
    pg_pictures pics;
    memset(&pics, 0, sizeof pics);
    const SDL_Rect area = { 40, 40, 1000, 600 };
    session_probe(s);
    pg_draw_network(&pics, a, area);
    float lum[9];
    for (int c = 0; c < 9; c++) lum[c] = gap_luminance(&pics.edges, area, 10, c);
    const float bg = pal_luminance(a->style.bg);
    printf("    lines' mean luminance, input to output:");
    for (int c = 0; c < 9; c++) printf(" %.3f", (double)lum[c]);
    printf(" (background %.3f)\n", (double)bg);
    CHECK_MSG(lum[0] < bg + 0.01f, "the input side's lines are not near the background: %.3f vs %.3f", (double)lum[0], (double)bg);
    CHECK_MSG(lum[8] > 0.15f && lum[8] > 5.0f * lum[0], "the output side's lines are not bright: %.3f", (double)lum[8]);
    for (int c = 5; c < 9; c++)
        CHECK_MSG(lum[c - 1] < lum[c], "gap %d (%.3f) is not darker than gap %d (%.3f)", c - 1, (double)lum[c - 1], c,
                  (double)lum[c]);
    /* the error signals fade too: each hidden layer's mean below the next one's */
    double prev = 0.0;
    for (int l = 2 * 7; l >= 0; l -= 2) {
        const float *v;
        const int n = lens_error_signal(s, l, &v);
        CHECK(n == 16);
        double m = 0.0;
        for (int j = 0; j < n; j++) m += v[j] / n;
        if (l < 14) CHECK_MSG(m < prev, "layer %d's error signal %.3g is not below the next layer's %.3g", l, m, prev);
        prev = m;
    }
    pg_pictures_free(&pics);
    close_fixture(&f);
    return 0;
}

static const test_case CASES[] = {
    { "logramp_positions_and_colours", logramp_positions_and_colours },
    { "edges_are_the_latest_update", edges_are_the_latest_update },
    { "the_switch_changes_the_diagram", the_switch_changes_the_diagram },
    { "deep_sigmoid_fades_towards_the_input", deep_sigmoid_fades_towards_the_input },
};
TEST_MAIN(CASES)
