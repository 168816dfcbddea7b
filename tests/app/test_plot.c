/* tests/app/test_plot.c - long series in gfx_plot: thinned per pixel column,
 * spikes kept, the same picture, a bounded cost.
 *
 * Rendering goes to a software renderer on an RGBA surface. The triangles a
 * plot costs are counted by wrapping SDL_RenderGeometry (this executable's
 * definition is the one the drawing code calls; it forwards to SDL's).
 */
#define _GNU_SOURCE
#include <SDL.h>
#include <SDL_ttf.h>
#include <dlfcn.h>
#include <math.h>
#include <stdlib.h>

#include "test.h"

#include "draw/font.h"
#include "draw/plot.h"
#include "draw/prim.h"

static long triangles, calls;

int SDL_RenderGeometry(SDL_Renderer *r, SDL_Texture *t, const SDL_Vertex *v, int nv,
                       const int *idx, int ni)
{
    typedef int (*geometry_fn)(SDL_Renderer *, SDL_Texture *, const SDL_Vertex *, int, const int *, int);
    static geometry_fn real;
    if (!real) *(void **)&real = dlsym(RTLD_NEXT, "SDL_RenderGeometry");
    triangles += (idx ? ni : nv) / 3;
    calls++;
    return real ? real(r, t, v, nv, idx, ni) : -1;
}

typedef struct canvas { SDL_Surface *s; SDL_Renderer *r; gfx_fonts *f; } canvas;

static int canvas_open(canvas *c, int w, int h)
{
    if (SDL_WasInit(SDL_INIT_VIDEO) == 0 && SDL_Init(SDL_INIT_VIDEO) != 0) return 1;
    if (!TTF_WasInit() && TTF_Init() != 0) return 1;
    c->s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    c->r = c->s ? SDL_CreateSoftwareRenderer(c->s) : NULL;
    if (!c->r) return 1;
    c->f = gfx_fonts_create(c->r, 1.0f, NULL);
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

static SDL_Color px(const canvas *c, int x, int y)
{
    Uint32 v = *(Uint32 *)((Uint8 *)c->s->pixels + y * c->s->pitch + x * 4);
    SDL_Color o;
    SDL_GetRGBA(v, c->s->format, &o.r, &o.g, &o.b, &o.a);
    return o;
}

static int diff(SDL_Color a, SDL_Color b)
{
    int d = abs(a.r - b.r), e = abs(a.g - b.g), f = abs(a.b - b.b);
    return d > e ? (d > f ? d : f) : (e > f ? e : f);
}

static int ink(const canvas *c, int x, int y, SDL_Color line, SDL_Color bg)
{
    const SDL_Color p = px(c, x, y);
    return diff(p, line) < diff(p, bg);
}

/* ---- the thinning itself, on hand-made points ---- */

static int same(SDL_FPoint a, float x, float y) { return a.x == x && a.y == y; }

static int decimate_keeps_each_columns_extremes(void)
{
    const SDL_FPoint in[] = {
        /* column 0: lowest y (0.5,2) before highest (0.9,9) */
        { 0.1f, 5 }, { 0.5f, 2 }, { 0.6f, 3 }, { 0.9f, 9 }, { 0.95f, 4 },
        /* column 1: the highest comes before the lowest; 7 points */
        { 1.1f, 6 }, { 1.2f, 8 }, { 1.3f, 12 }, { 1.4f, 5 }, { 1.5f, 1 }, { 1.6f, 4 }, { 1.7f, 6 },
        /* a break of two points: kept once */
        { NAN, NAN }, { 2.5f, NAN },
        /* column 3: one point; column 4: two points; column 6: three equal ones */
        { 3.5f, 7 },
        { 4.2f, 2 }, { 4.8f, 3 },
        { 6.1f, 5 }, { 6.2f, 5 }, { 6.3f, 5 },
        /* column 5, then back to column 4: separate runs */
        { 5.0f, 1 }, { 5.5f, 0 }, { 5.9f, 2 }, { 5.99f, 1 }, { 5.999f, -1 }, { 4.5f, 9 },
    };
    const int n = (int)(sizeof in / sizeof in[0]);
    SDL_FPoint out[32];
    const int m = gfx_decimate_columns(in, n, out);
    CHECK(m == 2 + 2 + 1 + 1 + 2 + 1 + 2 + 1);
    CHECK(same(out[0], 0.5f, 2) && same(out[1], 0.9f, 9));
    CHECK(same(out[2], 1.3f, 12) && same(out[3], 1.5f, 1));
    CHECK(isnan(out[4].x) && isnan(out[4].y));
    CHECK(same(out[5], 3.5f, 7));
    CHECK(same(out[6], 4.2f, 2) && same(out[7], 4.8f, 3));
    CHECK(same(out[8], 6.1f, 5));                   /* equal: the first */
    CHECK(same(out[9], 5.9f, 2) && same(out[10], 5.999f, -1));
    CHECK(same(out[11], 4.5f, 9));
    /* In place gives the same; a thinned line thins to itself. */
    SDL_FPoint again[32];
    memcpy(again, in, sizeof in);
    CHECK(gfx_decimate_columns(again, n, again) == m);
    for (int i = 0; i < m; i++)
        CHECK((isnan(out[i].x) && isnan(again[i].x)) || same(again[i], out[i].x, out[i].y));
    CHECK(gfx_decimate_columns(again, m, again) == m);
    /* A run of a thousand points in one column: its lowest and highest. */
    static SDL_FPoint col[1000];
    for (int i = 0; i < 1000; i++) col[i] = (SDL_FPoint){ 7.0f + i * 1e-4f, (float)((i * 37 + 50) % 101) };
    CHECK(gfx_decimate_columns(col, 1000, col) == 2);
    CHECK(col[0].y == 100.0f && col[1].y == 0.0f);   /* 100 at i = 15, 0 at i = 86 */
    return 0;
}

/* ---- a million points with a spike ---- */

enum { W = 360, H = 220, N = 1000000, SPIKE = 612345 };

static float *series_with_spike(void)
{
    float *y = malloc((size_t)N * sizeof *y);
    if (!y) return NULL;
    for (int i = 0; i < N; i++) y[i] = 0.3f + 0.1f * sinf((float)i * 2e-5f) + 0.02f * sinf((float)i * 0.37f);
    y[SPIKE] = 1.0f;   /* one point in a million */
    return y;
}

static gfx_plot_desc spike_desc(void)
{
    gfx_plot_desc d = gfx_plot_default();
    d.legend = 0;
    d.fixed_y = 1;
    d.y_min = 0.0;
    d.y_max = 1.1;
    d.fixed_x = 1;   /* the same axes with or without the series */
    d.x_min = 0.0;
    d.x_max = N - 1;
    return d;
}

static int million_points_show_the_spike_and_match_the_full_line(void)
{
    float *y = series_with_spike();
    CHECK(y);
    const SDL_Color col = { 240, 200, 40, 255 };
    gfx_series s = { .n = N, .y = y, .color = col, .width = 2.0f };
    const gfx_plot_desc d = spike_desc();
    canvas thin, full;
    CHECK(canvas_open(&thin, W, H) == 0 && canvas_open(&full, W, H) == 0);
    const SDL_Rect area = { 0, 0, W, H };
    triangles = 0;
    const SDL_Rect in = gfx_plot(thin.r, thin.f, area, &d, &s, 1);
    const long thin_triangles = triangles;
    SDL_RenderFlush(thin.r);

    /* The reference: the same frame, and every one of the million points
     * through gfx_polyline (what gfx_plot drew before thinning). */
    gfx_series none = s;
    none.n = 0;
    const SDL_Rect in2 = gfx_plot(full.r, full.f, area, &d, &none, 1);
    CHECK(in2.x == in.x && in2.y == in.y && in2.w == in.w && in2.h == in.h);
    const gfx_frame fr = gfx_plot_frame(&d, &s, 1);
    const float left = (float)in.x, right = (float)(in.x + in.w - 1);
    const float bottom = (float)(in.y + in.h - 1), top = (float)in.y;
    SDL_RenderSetClipRect(full.r, &in);
    static SDL_FPoint pts[4096];
    for (int first = 0; first < N; first += 4095) {
        int n = 0;
        for (int i = first; i < N && n < 4096; i++, n++)
            pts[n] = (SDL_FPoint){ gfx_axis_map(&fr.x, i, left, right), gfx_axis_map(&fr.y, y[i], bottom, top) };
        gfx_polyline(full.r, pts, n, 2.0f, col, 0.0f);
    }
    SDL_RenderSetClipRect(full.r, NULL);
    SDL_RenderFlush(full.r);

    /* The spike: its column reaches (near) y = 1.0 in both pictures. */
    const int sx = (int)floorf(gfx_axis_map(&fr.x, SPIKE, left, right));
    const int sy = (int)lroundf(gfx_axis_map(&fr.y, 1.0, bottom, top));
    const int base = (int)lroundf(gfx_axis_map(&fr.y, 0.45, bottom, top));
    int thin_top = H, full_top = H;
    for (int yy = in.y; yy < in.y + in.h; yy++) {
        if (thin_top == H && diff(px(&thin, sx, yy), col) < 60) thin_top = yy;
        if (full_top == H && diff(px(&full, sx, yy), col) < 60) full_top = yy;
    }
    CHECK_MSG(abs(thin_top - sy) <= 2, "the spike's top at y=%d, expected %d", thin_top, sy);
    CHECK_MSG(abs(full_top - sy) <= 2, "reference spike top at y=%d, expected %d", full_top, sy);
    /* and it is a line all the way up from the curve, not a dot */
    for (int yy = sy + 2; yy < base; yy++) CHECK_MSG(diff(px(&thin, sx, yy), col) < 100, "gap at y=%d", yy);

    /* The two pictures agree: a pixel is ink when nearer the line's colour
     * than the background's; the thinned line's ink may only differ from
     * the full one's at the edge of a stroke (a neighbouring pixel then
     * agrees), where fewer overlapping feathers blend a little lighter. */
    const SDL_Color bg = d.style.bg;
    int differ = 0, edge = 0;
    for (int yy = in.y + 1; yy < in.y + in.h - 1; yy++)
        for (int xx = in.x; xx < in.x + in.w; xx++) {
            const int a = ink(&thin, xx, yy, col, bg), b = ink(&full, xx, yy, col, bg);
            if (a == b) continue;
            edge++;
            int near = 0;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                    if (xx + dx >= 0 && xx + dx < W) near |= a == ink(&full, xx + dx, yy + dy, col, bg);
            differ += !near;
        }
    printf("  thinned: %ld triangles; ink differs at %d edge pixels, %d elsewhere (of %d)\n",
           thin_triangles, edge, differ, in.w * in.h);
    CHECK_MSG(differ <= 2, "%d pixels differ beyond a stroke's edge", differ);
    CHECK_MSG(edge * 100 <= in.w * in.h, "%d edge pixels differ", edge);
    canvas_close(&thin);
    canvas_close(&full);
    free(y);
    return 0;
}

/* ---- the cost does not grow with the series ---- */

/* The triangles (and *n_calls the SDL_RenderGeometry calls) of a noisy
 * series of n points in a plot w pixels wide. */
static long plot_triangles(int n, int w, long *n_calls)
{
    float *y = malloc((size_t)n * sizeof *y);
    if (!y) return -1;
    unsigned st = 12345;
    for (int i = 0; i < n; i++) {
        st = st * 1103515245u + 12345u;
        y[i] = 0.5f + 0.3f * (float)((st >> 16) & 0x7fff) / 32768.0f;   /* noise: every column busy */
    }
    canvas c;
    if (canvas_open(&c, w, 200) != 0) { free(y); return -1; }
    gfx_series s = { .n = n, .y = y, .color = { 200, 200, 200, 255 } };
    gfx_plot_desc d = spike_desc();
    d.fixed_x = 0;                 /* x from the data: n points over the width */
    triangles = calls = 0;
    gfx_plot(c.r, c.f, (SDL_Rect){ 0, 0, w, 200 }, &d, &s, 1);
    long with = triangles;
    *n_calls = calls;
    triangles = calls = 0;
    gfx_plot(c.r, c.f, (SDL_Rect){ 0, 0, w, 200 }, &d, &s, 0);   /* the frame alone */
    with -= triangles;                                           /* the series' own */
    *n_calls -= calls;
    canvas_close(&c);
    free(y);
    return with;
}

static int cost_of_a_long_series_is_bounded(void)
{
    const int w = 300;
    long small_calls = 0, big_calls = 0;
    const long small = plot_triangles(2 * w, w, &small_calls), big = plot_triangles(N, w, &big_calls);
    printf("  %d points: %ld triangles in %ld calls; %d points: %ld triangles in %ld calls\n",
           2 * w, small, small_calls, N, big, big_calls);
    CHECK(small > 0 && big > 0);
    CHECK_MSG(big_calls <= 2 * small_calls + 2, "%ld calls for %d points", big_calls, N);
    /* Two points a column at most, as many as the short series has. */
    CHECK_MSG(big <= small + small / 5, "%ld triangles for %d points vs %ld for %d", big, N, small, 2 * w);
    return 0;
}

static const test_case CASES[] = {
    { "decimate_keeps_each_columns_extremes", decimate_keeps_each_columns_extremes },
    { "million_points_show_the_spike_and_match_the_full_line", million_points_show_the_spike_and_match_the_full_line },
    { "cost_of_a_long_series_is_bounded", cost_of_a_long_series_is_bounded },
};

TEST_MAIN(CASES)
