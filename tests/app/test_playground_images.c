/* The Playground with image data, rendered headless (SDL's software renderer
 * into a surface): the grid of dev images and the softmax bars replace the
 * network diagram and the decision regions; clicking a sample selects it; a
 * load in the background shows a progress bar.
 *
 * NNLAB_TEST_PNG_DIR=DIR writes the renderings there (images_*.png) to look at. */
#include <SDL.h>
#include <SDL_ttf.h>
#include <stb_image_write.h>
#include <stdlib.h>

#include "draw/font.h"
#include "nn/status.h"
#include "shell/app.h"
#include "shell/frame.h"
#include "ui/ui.h"
#include "views/playground_images.h"
#include "views/view.h"
#include "test.h"
#include "app_fixture.h"


static void dump(const fixture *f, const char *name)
{
    const char *dir = getenv("NNLAB_TEST_PNG_DIR");
    if (!dir) return;
    char path[1024];
    snprintf(path, sizeof path, "%s/images_%s.png", dir, name);
    stbi_write_png(path, f->w, f->h, 4, f->surf->pixels, f->surf->pitch);
}

/* The Playground's picture area and its left part (the grid), as the view lays them out. */
static SDL_Rect grid_rect(const fixture *f)
{
    const float s = f->a->scale;
    const int top_bar = (int)(52 * s + 0.5f), pw = (int)(330 * s + 0.5f), top = (int)(52 * s + 0.5f);
    const int gap = (int)(16 * s + 0.5f);
    const SDL_Rect main = { pw + gap, top_bar + top, f->w - pw - 2 * gap, f->h - top_bar - top - gap };
    return (SDL_Rect){ main.x, main.y, main.w * 45 / 100, main.h };
}

static int open_images(app *a)
{
    const char *names[2] = { "data", "layers" }, *values[2] = { "fashion-small", "c4k3,p2,32" };
    CHECK(session_apply(&a->s, names, values, 2, 0) == NN_OK);
    CHECK_MSG(a->s.open, "%s", a->s.error);
    return 0;
}

/* Fraction of pixels in r that are not the background colour, and how many
 * are near black or near white (the pictures: garments on black). */
static double busy(const fixture *f, SDL_Rect r, SDL_Color bg, int *dark, int *bright)
{
    long n = 0, other = 0;
    *dark = *bright = 0;
    for (int y = r.y; y < r.y + r.h; y += 2)
        for (int x = r.x; x < r.x + r.w; x += 2) {
            const SDL_Color c = fixture_pixel(f->surf, x, y);
            n++;
            other += abs(c.r - bg.r) + abs(c.g - bg.g) + abs(c.b - bg.b) > 24;
            *dark += c.r < 8 && c.g < 8 && c.b < 8;
            *bright += c.r > 200 && c.g > 200 && c.b > 200;
        }
    return n ? (double)other / n : 0;
}

/* After some training the grid holds pictures with labels, and the rest of
 * the view draws (bars, curves); at 1280x720 and 1920x1080 x1.5. */
static int image_mode_renders(void)
{
    const int sizes[2][2] = { { 1280, 720 }, { 1920, 1080 } };
    for (int k = 0; k < 2; k++) {
        fixture f;
        CHECK(open_fixture(&f, k ? 1.5f : 1.0f, sizes[k][0], sizes[k][1]) == 0);
        app *a = f.a;
        CHECK(open_images(a) == 0);
        for (int i = 0; i < 200; i++) CHECK(session_step(&a->s) == NN_OK);
        for (int frame = 0; frame < 2; frame++) frame_render_only(a);
        dump(&f, k ? "1920" : "1280");
        int dark, bright;
        const double share = busy(&f, grid_rect(&f), a->style.bg, &dark, &bright);
        CHECK_MSG(share > 0.4, "the grid area is mostly background (%.2f drawn)", share);
        CHECK_MSG(dark > 500 && bright > 200, "no pictures in the grid (%d dark, %d bright pixels)", dark, bright);
        /* The right half (bars, curves) is drawn too. */
        const SDL_Rect g = grid_rect(&f);
        const SDL_Rect right = { g.x + g.w + 20, g.y, f.w - g.x - g.w - 40, g.h };
        CHECK(busy(&f, right, a->style.bg, &dark, &bright) > 0.05);
        close_fixture(&f);
    }
    return 0;
}

/* The grid on its own: picking the samples, predicting, and a click (mouse
 * down, then up, a frame apart) selecting the sample under it. */
static int click_selects_a_sample(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1280, 720) == 0);
    app *a = f.a;
    CHECK(open_images(a) == 0);
    for (int i = 0; i < 100; i++) CHECK(session_step(&a->s) == NN_OK);
    pg_images g;
    memset(&g, 0, sizeof g);
    const SDL_Rect left = grid_rect(&f);
    for (int frame = 0; frame < 2; frame++) {
        ui_begin(a->ui, SDL_GetTicks());
        pg_images_update(&g, a, left);
        pg_images_draw_grid(&g, a, left);
        ui_end(a->ui);
    }
    CHECK(g.n >= 12 && g.selected == 0);
    CHECK(g.pred_version == a->s.version);
    for (int j = 0; j < g.n; j++) CHECK(g.pred[j] >= 0 && g.pred[j] < 10 && g.truth[j] >= 0 && g.truth[j] < 10);
    /* Balanced: the first ten samples are one of each class. */
    for (int j = 0; j < 10; j++) CHECK(g.truth[j] == j);
    /* A point inside the sixth card. */
    int x = -1, y = -1;
    for (int yy = left.y; yy < left.y + left.h && x < 0; yy += 3)
        for (int xx = left.x; xx < left.x + left.w; xx += 3)
            if (pg_images_at(&g, a, left, xx, yy) == 5) { x = xx + 10; y = yy + 10; break; }
    CHECK(x >= 0 && pg_images_at(&g, a, left, x, y) == 5);
    const SDL_Event move = { .motion = { .type = SDL_MOUSEMOTION, .x = x, .y = y } };
    const SDL_Event down = { .button = { .type = SDL_MOUSEBUTTONDOWN, .button = SDL_BUTTON_LEFT, .x = x, .y = y } };
    const SDL_Event up = { .button = { .type = SDL_MOUSEBUTTONUP, .button = SDL_BUTTON_LEFT, .x = x, .y = y } };
    const SDL_Event *events[2][2] = { { &move, &down }, { &up, NULL } };
    for (int frame = 0; frame < 2; frame++) {
        for (int e = 0; e < 2; e++) if (events[frame][e]) ui_handle_event(a->ui, events[frame][e]);
        ui_begin(a->ui, SDL_GetTicks());
        pg_images_update(&g, a, left);
        pg_images_draw_grid(&g, a, left);
        ui_end(a->ui);
    }
    CHECK_MSG(g.selected == 5, "selected %d", g.selected);
    /* Predictions wait for the weights to change, and for their moment. */
    const uint64_t seen = g.pred_version;
    a->time = g.pred_time + 0.01;
    ui_begin(a->ui, SDL_GetTicks());
    pg_images_update(&g, a, left);
    ui_end(a->ui);
    CHECK(g.pred_version == seen);                       /* nothing changed */
    CHECK(session_step(&a->s) == NN_OK);
    ui_begin(a->ui, SDL_GetTicks());
    pg_images_update(&g, a, left);
    ui_end(a->ui);
    CHECK(g.pred_version == seen);                       /* changed, but too soon */
    a->time = g.pred_time + 1.0;
    ui_begin(a->ui, SDL_GetTicks());
    pg_images_update(&g, a, left);
    ui_end(a->ui);
    CHECK(g.pred_version == a->s.version);               /* now */
    char line[256];
    pg_images_summary(&a->s, line, sizeof line);
    CHECK_MSG(strstr(line, "784 \xE2\x86\x92 c4k3 \xE2\x86\x92 p2 \xE2\x86\x92 32 \xE2\x86\x92 10") == line &&
              strstr(line, "25,490 parameters"), "%s", line);
    pg_images_free(&g);
    close_fixture(&f);
    return 0;
}

/* The same click through the whole view changes the enlarged picture. */
static int click_in_the_view(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1280, 720) == 0);
    app *a = f.a;
    CHECK(open_images(a) == 0);
    for (int i = 0; i < 50; i++) CHECK(session_step(&a->s) == NN_OK);
    frame_render_only(a);
    const SDL_Rect g = grid_rect(&f);
    /* The enlarged picture: right of the grid, under the counters. */
    const SDL_Rect big = { g.x + g.w + 20, g.y + 40, 140, 140 };
    Uint32 before = 0, after = 0;
    for (int y = big.y; y < big.y + big.h; y += 2)
        for (int x = big.x; x < big.x + big.w; x += 2) before = before * 31 + fixture_pixel(f.surf, x, y).r;
    /* The second card's picture: near the top of the grid, second column. */
    const int x = g.x + g.w * 3 / 8, y = g.y + 70;
    const SDL_Event move = { .motion = { .type = SDL_MOUSEMOTION, .x = x, .y = y } };
    const SDL_Event down = { .button = { .type = SDL_MOUSEBUTTONDOWN, .button = SDL_BUTTON_LEFT, .x = x, .y = y } };
    const SDL_Event up = { .button = { .type = SDL_MOUSEBUTTONUP, .button = SDL_BUTTON_LEFT, .x = x, .y = y } };
    ui_handle_event(a->ui, &move);
    ui_handle_event(a->ui, &down);
    frame_render_only(a);
    ui_handle_event(a->ui, &up);
    frame_render_only(a);
    frame_render_only(a);
    dump(&f, "clicked");
    for (int y2 = big.y; y2 < big.y + big.h; y2 += 2)
        for (int x2 = big.x; x2 < big.x + big.w; x2 += 2) after = after * 31 + fixture_pixel(f.surf, x2, y2).r;
    CHECK_MSG(before != after, "the enlarged picture did not change after a click at %d,%d", x, y);
    close_fixture(&f);
    return 0;
}

/* Loading in the background: a progress bar while it loads, then the pictures. */
static int loading_shows_progress(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1280, 720) == 0);
    app *a = f.a;
    CHECK(session_set_async(&a->s, "data", "fashion-small") == NN_OK);
    CHECK(a->s.loading && !a->s.open);
    CHECK(session_set_async(&a->s, "lr", "0.05") != NN_OK);     /* refused while loading */
    frame_render_only(a);
    if (a->s.loading) {
        /* The box has the theme's accent outline, centred over the pictures. */
        const SDL_Color acc = ui_get_theme(a->ui)->accent;
        const SDL_Rect g = grid_rect(&f);
        int hits = 0;
        for (int y = g.y; y < g.y + g.h; y++)
            for (int x = g.x; x < 1280; x += 2) {
                const SDL_Color c = fixture_pixel(f.surf, x, y);
                hits += abs(c.r - acc.r) + abs(c.g - acc.g) + abs(c.b - acc.b) < 10;
            }
        CHECK_MSG(hits > 100, "no progress box (%d accent pixels)", hits);
        dump(&f, "loading");
    }
    session_wait(&a->s);
    CHECK_MSG(a->s.open, "%s", a->s.error);
    for (int i = 0; i < 3; i++) frame_render_only(a);
    int dark, bright;
    CHECK(busy(&f, grid_rect(&f), a->style.bg, &dark, &bright) > 0.3);
    close_fixture(&f);
    return 0;
}

static const test_case CASES[] = {
    { "image_mode_renders", image_mode_renders },
    { "click_selects_a_sample", click_selects_a_sample },
    { "click_in_the_view", click_in_the_view },
    { "loading_shows_progress", loading_shows_progress },
};
TEST_MAIN(CASES)
