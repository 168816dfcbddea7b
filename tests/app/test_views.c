/* Every view renders headless (SDL's software renderer into a surface); the
 * Playground is checked at known places and against a golden image.
 *
 * Refresh the golden after an intended visual change:
 *     UPDATE_GOLDENS=1 ./build/tests/app_test_views
 * (it rewrites tests/golden/playground.png; look at it before committing). On a
 * mismatch the rendering is written to tests/golden/playground_actual.png. */
#include <SDL.h>
#include <SDL_ttf.h>
#include <stb_image.h>
#include <stb_image_write.h>
#include <stdlib.h>
#include <string.h>

#include "draw/font.h"
#include "nn/status.h"
#include "shell/app.h"
#include "shell/frame.h"
#include "ui/ui.h"
#include "views/view.h"
#include "test.h"
#include "app_fixture.h"

enum { W = 1280, H = 720 };


static int distinct_colours(const SDL_Surface *s)
{
    /* Count distinct colours on a sparse grid: a blank or flat image has 1-3. */
    Uint32 seen[512];
    int n = 0;
    for (int y = 0; y < s->h; y += 7)
        for (int x = 0; x < s->w; x += 7) {
            const Uint32 v = *(const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch + x * 4);
            int found = 0;
            for (int i = 0; i < n && !found; i++) found = seen[i] == v;
            if (!found && n < 512) seen[n++] = v;
        }
    return n;
}

/* Every registered view draws something substantial for 3 frames at two sizes. */
static int every_view_renders(void)
{
    const int sizes[2][2] = { { W, H }, { 1920, 1080 } };
    for (int k = 0; k < 2; k++) {
        fixture f;
        CHECK(open_fixture(&f, k ? 1.5f : 1.0f, sizes[k][0], sizes[k][1]) == 0);
        for (int v = 0; v < VIEW_COUNT; v++) {
            f.a->view = v;
            for (int frame = 0; frame < 3; frame++) frame_render_only(f.a);
            const int colours = distinct_colours(f.surf);
            CHECK_MSG(colours > 40, "view %s drew only %d colours", VIEWS[v]->id, colours);
        }
        close_fixture(&f);
    }
    return 0;
}

/* The Playground after 300 updates of the default spiral: the top bar has the
 * theme's panel colour, the decision map's corners are coloured by class (not
 * background), and the image matches the golden within a tolerance. */
static int playground_regions_and_golden(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, W, H) == 0);
    app *a = f.a;
    a->view = view_index("playground");
    for (int i = 0; i < 300; i++) CHECK(session_step(&a->s) == NN_OK);
    frame_render_only(a);
    const ui_theme *t = ui_get_theme(a->ui);
    const SDL_Color bar = fixture_pixel(f.surf, W / 2 + 300, 4);
    CHECK(abs(bar.r - t->panel.r) < 3 && abs(bar.g - t->panel.g) < 3 && abs(bar.b - t->panel.b) < 3);
    /* The output map is drawn in the right part; sample well inside it: at
     * least two different class hues appear (three arms of the spiral). */
    int blue = 0, orange = 0, green = 0;
    for (int y = 140; y < 380; y += 4)
        for (int x = 900; x < 1150; x += 4) {
            const SDL_Color c = fixture_pixel(f.surf, x, y);
            blue += c.b > c.r + 30;
            orange += c.r > c.b + 60 && c.g > c.b;
            green += c.g > c.r + 30 && c.g > c.b;
        }
    CHECK_MSG(blue > 50 && orange > 50 && green > 50, "blue %d orange %d green %d", blue, orange, green);

    int gw = 0, gh = 0, gc = 0;
    unsigned char *golden = stbi_load("tests/golden/playground.png", &gw, &gh, &gc, 4);
    if (getenv("UPDATE_GOLDENS")) {
        CHECK(stbi_write_png("tests/golden/playground.png", W, H, 4, f.surf->pixels, f.surf->pitch));
        printf("golden rewritten: tests/golden/playground.png\n");
    } else {
        CHECK_MSG(golden != NULL, "tests/golden/playground.png missing (run with UPDATE_GOLDENS=1)");
        CHECK(gw == W && gh == H);
        SDL_Surface *g = SDL_CreateRGBSurfaceWithFormatFrom(golden, W, H, 32, W * 4, SDL_PIXELFORMAT_RGBA32);
        CHECK(g);
        long off = 0;
        double sum = 0;
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++) {
                const SDL_Color p = fixture_pixel(f.surf, x, y), q = fixture_pixel(g, x, y);
                const int d = abs(p.r - q.r) + abs(p.g - q.g) + abs(p.b - q.b);
                sum += d;
                off += d > 48;
            }
        const double mean = sum / (W * H), frac = (double)off / (W * H);
        if (mean > 2.0 || frac > 0.01)
            stbi_write_png("tests/golden/playground_actual.png", W, H, 4, f.surf->pixels, f.surf->pitch);
        SDL_FreeSurface(g);
        CHECK_MSG(mean <= 2.0 && frac <= 0.01, "differs from golden: mean %.2f, %.2f%% of pixels off "
                  "(see tests/golden/playground_actual.png)", mean, 100 * frac);
    }
    stbi_image_free(golden);
    close_fixture(&f);
    return 0;
}

/* A configuration that cannot be built shows its message instead of crashing. */
static int broken_config_is_shown(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, W, H) == 0);
    app *a = f.a;
    a->view = view_index("playground");
    CHECK(session_set(&a->s, "data", "xor") == NN_OK);
    CHECK(session_set(&a->s, "classes", "4") == NN_OK);
    CHECK(!a->s.open);
    frame_render_only(a);
    CHECK(distinct_colours(f.surf) > 20);
    close_fixture(&f);
    return 0;
}

/* A dataset picked while a view that does not train is shown (File > New in
 * the Search view, a setup opened in the Averages view) finishes loading
 * there: the frame polls the session whatever the view. It used to wait for
 * a training view, and a robot waiting for it in the Search view hung. */
static int loads_finish_in_every_view(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, W, H) == 0);
    app *a = f.a;
    const char *names[2] = { "data", "layers" }, *values[2] = { "fashion-small", "8" };
    CHECK(session_apply(&a->s, names, values, 2, 0) == NN_OK && a->s.open);
    for (int v = 0; v < VIEW_COUNT; v++) {
        a->view = v;
        /* images build their network on a loader thread */
        values[1] = v % 2 ? "16" : "12";
        CHECK(session_apply(&a->s, names + 1, values + 1, 1, 1) == NN_OK && a->s.loading);
        int frames = 0;
        for (; frames < 3000 && a->s.loading; frames++) {
            frame_run(a);
            SDL_Delay(1);
        }
        CHECK_MSG(!a->s.loading && a->s.open, "view %s: still loading after %d frames", VIEWS[v]->id, frames);
    }
    close_fixture(&f);
    return 0;
}

/* The top bar's view tabs each show their whole label, in the small font at
 * least, from the smallest window to a projector's zoom: with more views than
 * the bar holds by title, the short labels (view_def.tab) take over. With five
 * views at 1024x600 and zoom 2 the titles were cut ("Playgrour", "Batch rac"). */
static int view_tabs_read_whole(void)
{
    const struct { int w, h; float z; } at[] = {
        { 1280, 720, 1.0f }, { 1280, 720, 1.5f }, { 1920, 1080, 1.5f }, { 1024, 768, 2.0f },
        { 1024, 600, 1.5f }, { 1024, 600, 2.0f }, { 800, 600, 1.5f },
    };
    for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
        fixture f;
        CHECK(open_fixture(&f, at[k].z, at[k].w, at[k].h) == 0);
        /* the last view, which is the first to lose its tab to More */
        CHECK(app_set_view(f.a, VIEWS[VIEW_COUNT - 1]->id) == 0);
        frame_render_only(f.a);
        frame_render_only(f.a);
        const ui_widget_info *list;
        const int n = ui_widgets(f.a->ui, &list);
        int tabs = 0, more = 0, current = 0;
        for (int i = 0; i < n; i++) {
            if (list[i].kind == UI_W_DROPDOWN && list[i].id == ui_label_id("##more views")) more = list[i].n - 1;
            if (list[i].kind == UI_W_TAB && list[i].id == ui_label_id("views") && list[i].index == list[i].selected)
                current = !strcmp(list[i].label, VIEWS[f.a->view]->title) ||
                          (VIEWS[f.a->view]->tab && !strcmp(list[i].label, VIEWS[f.a->view]->tab));
            if (list[i].kind != UI_W_TAB || list[i].id != ui_label_id("views")) continue;
            tabs++;
            const int need = gfx_text_width(f.a->fonts, GFX_FONT_SMALL, list[i].label) + (int)(8 * at[k].z);
            CHECK_MSG(need <= list[i].rect.w, "%dx%d zoom %.1f: tab '%s' is %d px wide, its label needs %d",
                      at[k].w, at[k].h, (double)at[k].z, list[i].label, list[i].rect.w, need);
        }
        CHECK_MSG(tabs + more == VIEW_COUNT, "%dx%d zoom %.1f: %d view tabs and %d in More, of %d views",
                  at[k].w, at[k].h, (double)at[k].z, tabs, more, VIEW_COUNT);
        CHECK_MSG(current, "%dx%d zoom %.1f: the current view has no selected tab", at[k].w, at[k].h, (double)at[k].z);
        CHECK_MSG(at[k].w < 1280 || at[k].z > 1.0f || more == 0, "%dx%d zoom %.1f: %d views in More",
                  at[k].w, at[k].h, (double)at[k].z, more);
        close_fixture(&f);
    }
    return 0;
}

static const test_case CASES[] = {
    { "loads_finish_in_every_view", loads_finish_in_every_view },
    { "every_view_renders", every_view_renders },
    { "playground_regions_and_golden", playground_regions_and_golden },
    { "broken_config_is_shown", broken_config_is_shown },
    { "view_tabs_read_whole", view_tabs_read_whole },
};
TEST_MAIN(CASES)
