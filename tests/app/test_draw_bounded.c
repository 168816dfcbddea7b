/* tests/app/test_draw_bounded.c - every drawing call returns, whatever the
 * numbers: dash lengths and coordinates that once made gfx_polyline spin
 * forever (issue #10: the Playground froze at zoom 0.512), degenerate and
 * huge axis ranges, wrapping into no room.
 *
 * A hang is a failure, not a stuck test: each case runs under an alarm that
 * names what was being drawn and exits 1.
 */
#include <SDL.h>
#include <SDL_ttf.h>
#include <float.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "test.h"

#include "draw/axes.h"
#include "draw/canvas.h"
#include "draw/font.h"
#include "draw/histogram.h"
#include "draw/plot.h"
#include "draw/prim.h"

static const char *volatile doing = "nothing yet";

static void on_alarm(int sig)
{
    (void)sig;
    static const char head[] = "\nFAIL: did not return within 10 s: ";
    const char *what = doing;
    if (write(2, head, sizeof head - 1) < 0 || write(2, what, strlen(what)) < 0 || write(2, "\n", 1) < 0) {}
    _exit(1);
}

static void watch(const char *what)
{
    doing = what;
    signal(SIGALRM, on_alarm);
    alarm(10);
}

typedef struct canvas { SDL_Surface *s; SDL_Renderer *r; gfx_fonts *f; } canvas;

static int canvas_open(canvas *c, int w, int h, float scale)
{
    if (SDL_WasInit(SDL_INIT_VIDEO) == 0 && SDL_Init(SDL_INIT_VIDEO) != 0) return 1;
    if (!TTF_WasInit() && TTF_Init() != 0) return 1;
    c->s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    c->r = c->s ? SDL_CreateSoftwareRenderer(c->s) : NULL;
    if (!c->r) return 1;
    c->f = gfx_fonts_create(c->r, scale, NULL);
    SDL_SetRenderDrawColor(c->r, 0, 0, 0, 255);
    SDL_RenderClear(c->r);
    return c->f == NULL;
}

static void canvas_close(canvas *c)
{
    gfx_fonts_destroy(c->f);
    SDL_DestroyRenderer(c->r);
    SDL_FreeSurface(c->s);
}

static void clear(canvas *c)
{
    SDL_SetRenderDrawColor(c->r, 0, 0, 0, 255);
    SDL_RenderClear(c->r);
}

/* Brightness of the red channel at (x, y). */
static int red(canvas *c, int x, int y)
{
    SDL_RenderFlush(c->r);
    const Uint8 *p = (const Uint8 *)c->s->pixels + y * c->s->pitch + x * 4;
    return p[0];
}

/* Lit pixels (red > 128) in row y. */
static int lit_in_row(canvas *c, int y)
{
    int n = 0;
    for (int x = 0; x < c->s->w; x++) n += red(c, x, y) > 128;
    return n;
}

static const SDL_Color RED = { 255, 0, 0, 255 };

/* Dash lengths and segment lengths found by running the old dash walk: at
 * zoom 0.512 the Playground's epoch marker (6 px x zoom) and a dashed dev
 * curve (8 px x zoom) never finished; 3.06 is zoom 0.51. */
static int dash_walk_returns(void)
{
    canvas c;
    CHECK(canvas_open(&c, 400, 400, 1.0f) == 0);
    static const struct { float dash, len; const char *what; } HUNG[] = {
        { 6.0f * 0.512f, 300.0f, "dash 6 x 0.512 along a 300 px vertical marker" },
        { 6.0f * 0.51f, 16.0f, "dash 6 x 0.51 along 16 px" },
        { 8.0f * 0.512f, 100.0f, "dash 8 x 0.512 along 100 px" },
        { 6.0f * 0.56f, 11.0f, "dash 6 x 0.56 along 11 px" },
    };
    for (size_t i = 0; i < sizeof HUNG / sizeof HUNG[0]; i++) {
        watch(HUNG[i].what);
        clear(&c);
        const SDL_FPoint v[2] = { { 50.5f, 10.0f }, { 50.5f, 10.0f + HUNG[i].len } };
        gfx_polyline(c.r, v, 2, 2.0f, RED, HUNG[i].dash);
        alarm(0);
        /* dashes and gaps: some of the line lit, some not */
        int on = 0, off = 0;
        for (int y = 12; y < 8 + (int)HUNG[i].len; y++) { if (red(&c, 50, y) > 128) on++; else off++; }
        CHECK_MSG(on > 0 && off > 0, "%s: %d lit, %d dark", HUNG[i].what, on, off);
    }
    /* A many-vertex dashed path whose phase runs across hundreds of vertices. */
    watch("a dashed 2000-vertex zigzag at dash 3.072");
    SDL_FPoint zig[2000];
    for (int i = 0; i < 2000; i++) zig[i] = (SDL_FPoint){ 10.0f + 0.19f * (float)i, 200.0f + (float)(i % 7) * 1.3f };
    gfx_polyline(c.r, zig, 2000, 2.0f, RED, 6.0f * 0.512f);
    alarm(0);
    canvas_close(&c);
    return 0;
}

/* The dash pattern itself: dashes of `dash` px every 2 x dash, continuing
 * across vertices. */
static int dash_pattern_and_phase(void)
{
    canvas c;
    CHECK(canvas_open(&c, 200, 60, 1.0f) == 0);
    watch("a 10 px dash pattern");
    const SDL_FPoint straight[2] = { { 5.0f, 20.5f }, { 125.0f, 20.5f } };
    gfx_polyline(c.r, straight, 2, 3.0f, RED, 10.0f);
    /* the same line broken at x = 52 (mid-gap) and x = 60 (mid-dash) */
    const SDL_FPoint broken[4] = { { 5.0f, 40.5f }, { 52.0f, 40.5f }, { 60.0f, 40.5f }, { 125.0f, 40.5f } };
    gfx_polyline(c.r, broken, 4, 3.0f, RED, 10.0f);
    alarm(0);
    for (int x = 7; x < 123; x++) {
        const double in = fmod((double)x + 0.5 - 5.0, 20.0);
        if (in < 1.5 || in > 18.5 || (in > 8.5 && in < 11.5)) continue;   /* antialiased ends */
        const int want = in < 10.0;
        CHECK_MSG((red(&c, x, 20) > 128) == want, "straight line at x = %d: red %d, want %s", x, red(&c, x, 20),
                  want ? "dash" : "gap");
        CHECK_MSG((red(&c, x, 40) > 128) == want, "broken line at x = %d: red %d, want %s", x, red(&c, x, 40),
                  want ? "dash" : "gap");
    }
    canvas_close(&c);
    return 0;
}

/* Sub-pixel, NaN, infinite and huge dashes; huge and far-off coordinates. */
static int dash_and_coordinates_extremes(void)
{
    canvas c;
    CHECK(canvas_open(&c, 300, 100, 1.0f) == 0);
    const SDL_FPoint across[2] = { { 0.0f, 20.5f }, { 300.0f, 20.5f } };
    watch("a dash of 1e-6 px");
    clear(&c);
    gfx_polyline(c.r, across, 2, 2.0f, RED, 1e-6f);      /* drawn as 1 px dashes */
    CHECK(lit_in_row(&c, 20) > 50);
    watch("a NaN dash (solid)");
    clear(&c);
    gfx_polyline(c.r, across, 2, 2.0f, RED, NAN);
    CHECK(lit_in_row(&c, 20) >= 298);
    watch("an infinite dash (solid)");
    clear(&c);
    gfx_polyline(c.r, across, 2, 2.0f, RED, INFINITY);
    CHECK(lit_in_row(&c, 20) >= 298);
    watch("a dash of FLT_MAX (one dash)");
    clear(&c);
    gfx_polyline(c.r, across, 2, 2.0f, RED, FLT_MAX);
    CHECK(lit_in_row(&c, 20) >= 298);

    /* A line 2e30 px long through the window: the visible part is drawn. */
    const SDL_FPoint huge[2] = { { -1e30f, 50.5f }, { 1e30f, 50.5f } };
    watch("a dashed line from x = -1e30 to 1e30");
    clear(&c);
    gfx_polyline(c.r, huge, 2, 2.0f, RED, 3.072f);
    alarm(0);
    const int dashed = lit_in_row(&c, 50);
    CHECK_MSG(dashed > 60 && dashed < 240, "%d px of the dashed line lit", dashed);
    watch("a solid line from x = -1e30 to 1e30");
    clear(&c);
    gfx_polyline(c.r, huge, 2, 2.0f, RED, 0.0f);
    CHECK(lit_in_row(&c, 50) >= 298);
    watch("a dashed line of FLT_MAX coordinates");
    const SDL_FPoint extreme[3] = { { -FLT_MAX, -FLT_MAX }, { FLT_MAX, FLT_MAX }, { 10.0f, FLT_MAX } };
    gfx_polyline(c.r, extreme, 3, 2.0f, RED, 1.0f);
    gfx_polyline(c.r, extreme, 3, 4.0f, RED, 0.0f);
    watch("a line far off the window, huge width");
    const SDL_FPoint away[2] = { { 1e20f, 1e20f }, { 2e20f, 1e20f } };
    gfx_polyline(c.r, away, 2, 1e30f, RED, 5.0f);
    gfx_polyline(c.r, away, 2, 1e30f, RED, 0.0f);
    alarm(0);
    canvas_close(&c);
    return 0;
}

/* Axis ticks, frames, plots and histograms with ranges of nothing, of
 * everything, of NaN: they return, and ticks stay within the cap. */
static int axes_degenerate_ranges_return(void)
{
    canvas c;
    CHECK(canvas_open(&c, 640, 400, 0.512f) == 0);
    static const struct { double lo, hi; int log; const char *what; } R[] = {
        { 0.0, 0.0, 0, "range [0, 0]" },
        { 1.0, 1.0 + 1e-15, 0, "range 1e-15 wide" },
        { 0.0, 5e-324, 0, "a denormal range" },
        { -1e30, 1e30, 0, "range [-1e30, 1e30]" },
        { -DBL_MAX, DBL_MAX, 0, "range [-DBL_MAX, DBL_MAX]" },
        { 1e30, 1e30 * (1.0 + 1e-15), 0, "1e30 with a range of one ulp" },
        { NAN, 1.0, 0, "NaN low end" },
        { 0.0, INFINITY, 0, "infinite high end" },
        { 1e-300, 1e300, 1, "log range of 600 decades" },
        { 5e-324, DBL_MAX, 1, "log range denormal to DBL_MAX" },
        { 0.0, 1.0, 1, "log range starting at 0" },
        { 1.0, 1.0, 1, "log range [1, 1]" },
    };
    for (size_t i = 0; i < sizeof R / sizeof R[0]; i++) {
        watch(R[i].what);
        const gfx_axis ax = { R[i].lo, R[i].hi, R[i].log };
        double t[GFX_MAX_TICKS];
        for (int max = 0; max <= 12; max++) {
            const int n = gfx_axis_ticks(&ax, max, t, GFX_MAX_TICKS);
            CHECK_MSG(n >= 0 && n <= GFX_MAX_TICKS, "%s: %d ticks", R[i].what, n);
        }
        gfx_frame fr = { .title = "t", .x_label = "x", .y_label = "y", .x = ax, .y = ax };
        gfx_frame_draw(c.r, c.f, (SDL_Rect){ 0, 0, 640, 400 }, &fr, &(gfx_style){ 0 });
        gfx_frame_draw(c.r, c.f, (SDL_Rect){ 0, 0, 3, 2 }, &fr, &(gfx_style){ 0 });
        alarm(0);
    }
    /* Plots of such data (auto ranges) and with such fixed ranges. */
    const float ys[6] = { 1e30f, -1e30f, FLT_MAX, -FLT_MAX, 1e-38f, 0.0f };
    for (int k = 0; k < 6; k++) {
        watch("a plot of extreme values");
        gfx_plot_desc d = gfx_plot_default();
        d.mark_x = 2.5;
        d.mark_label = "here";
        gfx_series s = { .name = "s", .n = k + 1, .y = ys, .color = RED, .style = k % 3 };
        gfx_plot(c.r, c.f, (SDL_Rect){ 10, 10, 600, 380 }, &d, &s, 1);
        d.log_y = 1;
        gfx_plot(c.r, c.f, (SDL_Rect){ 10, 10, 600, 380 }, &d, &s, 1);
        d.fixed_x = d.fixed_y = 1;
        d.x_min = -1e300; d.x_max = 1e300; d.y_min = 0.0; d.y_max = 0.0;
        d.log_y = 0;
        gfx_plot(c.r, c.f, (SDL_Rect){ 10, 10, 600, 380 }, &d, &s, 1);
        alarm(0);
    }
    watch("a histogram over [-FLT_MAX, FLT_MAX]");
    float counts[8] = { 1, 2, 3, 1e30f, 0, 0, 5, 1 };
    gfx_hist_desc h = gfx_hist_default(-FLT_MAX, FLT_MAX);
    gfx_histogram(c.r, c.f, (SDL_Rect){ 0, 0, 640, 400 }, &h, counts, 8);
    alarm(0);
    canvas_close(&c);
    return 0;
}

/* Wrapping into no width, and the pixel canvas with coordinates far outside. */
static int wrap_and_canvas_extremes_return(void)
{
    canvas c;
    CHECK(canvas_open(&c, 200, 100, 1.0f) == 0);
    watch("text wrapped into a 0 px wide box");
    const char *text = "A **long** paragraph with some words, and a verylongwordthatfitsnowhere at all.\n\nAgain.";
    const int h0 = gfx_text_wrap(c.f, GFX_FONT_BODY, (SDL_Rect){ 0, 0, 0, 100 }, RED, text, 1);
    const int hn = gfx_text_wrap(c.f, GFX_FONT_BODY, (SDL_Rect){ 0, 0, -50, 100 }, RED, text, 1);
    CHECK(h0 > 0 && hn == h0);
    alarm(0);
    watch("canvas shapes at 1e30");
    gfx_canvas cv = { 0 };
    CHECK(gfx_canvas_begin(&cv, c.r, 64, 64, (SDL_Color){ 0, 0, 0, 255 }) == 0);
    gfx_canvas_line(&cv, -1e30f, 5.0f, 1e30f, 6.0f, 2.0f, RED);
    gfx_canvas_line(&cv, 10.0f, 10.0f, 20.0f, 20.0f, 1e30f, RED);
    gfx_canvas_disc(&cv, 1e30f, 1e30f, 5.0f, RED);
    gfx_canvas_disc(&cv, 32.0f, 32.0f, 1e30f, RED);
    gfx_canvas_ring(&cv, -1e30f, 32.0f, 1e30f, 3.0f, RED);
    alarm(0);
    CHECK(gfx_canvas_pixel(&cv, 32, 32).r == 255);   /* the huge disc covers the canvas */
    gfx_canvas_free(&cv);
    canvas_close(&c);
    return 0;
}

static const test_case CASES[] = {
    { "dash_walk_returns", dash_walk_returns },
    { "dash_pattern_and_phase", dash_pattern_and_phase },
    { "dash_and_coordinates_extremes", dash_and_coordinates_extremes },
    { "axes_degenerate_ranges_return", axes_degenerate_ranges_return },
    { "wrap_and_canvas_extremes_return", wrap_and_canvas_extremes_return },
};
TEST_MAIN(CASES)
