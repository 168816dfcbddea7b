/* tests/app/test_contour.c - filled maps and contour lines (draw/contour.h).
 *
 * - gfx_contour_levels, linear: evenly spaced multiples of a 1-2-5 step that
 *   cover [lo, hi], at most max_levels of them, with the densest such step
 *   (axis ticks gave one level on [0.3, 9.7] where five were allowed);
 * - log: 1, 2 and 5 per decade when they fit, else 1 and 3, else the powers
 *   of ten, else every other decade; each set checked against the values
 *   built here from that rule;
 * - an empty, reversed, non-finite or (log) non-positive range gives no
 *   level at all, so no NaN level reaches a picture;
 * - f = x^2 + y^2 sampled at cell centres over [-2, 2]^2: the segments of
 *   the level-1 contour lie on the unit circle and add up to its length,
 *   and the drawn line's pixels lie near the circle, all around it;
 * - a constant field has no segments at its own value and draws one colour;
 *   NaN and infinite samples are holes: no segment touches their cells,
 *   NaN and -inf draw the low colour, +inf the high one, nothing crashes.
 */
#include <SDL.h>
#include <math.h>
#include <stdlib.h>

#include "test.h"

#include "draw/canvas.h"
#include "draw/contour.h"

static const SDL_Color BLACK = { 0, 0, 0, 255 }, WHITE = { 255, 255, 255, 255 }, RED = { 255, 0, 0, 255 };

/* m * 10^d for v, with m rounded to one digit (levels are exact 1-2-5 values). */
static double mantissa(double v)
{
    const double d = floor(log10(v) + 1e-9);
    return v / pow(10.0, d);
}

static int levels_linear(void)
{
    static const double RANGES[][2] = { { 0.3, 9.7 }, { 0, 1 }, { -3.5, 250 }, { 1e-4, 3e-4 }, { -2, -1.9 } };
    static const int MAXES[] = { 12, 5, 4 };
    for (size_t r = 0; r < sizeof RANGES / sizeof RANGES[0]; r++)
        for (size_t m = 0; m < sizeof MAXES / sizeof MAXES[0]; m++) {
            const double lo = RANGES[r][0], hi = RANGES[r][1];
            double v[64];
            const int n = gfx_contour_levels(lo, hi, 0, MAXES[m], v, 64);
            CHECK_MSG(n >= 2 && n <= MAXES[m], "[%g, %g] max %d: %d levels", lo, hi, MAXES[m], n);
            const double step = v[1] - v[0];
            const double mm = mantissa(step);
            CHECK_MSG(fabs(mm - 1) < 1e-6 || fabs(mm - 2) < 1e-6 || fabs(mm - 5) < 1e-6, "step %g", step);
            for (int i = 0; i < n; i++) {
                CHECK(isfinite(v[i]) && v[i] >= lo - 1e-12 && v[i] <= hi + 1e-12);
                CHECK_NEAR(v[i] / step, round(v[i] / step), 1e-6);          /* a multiple of the step */
                if (i) CHECK_NEAR(v[i] - v[i - 1], step, 1e-9 * (fabs(step) + fabs(v[i])));
            }
            /* they cover the range: no step's room left at either end */
            CHECK(v[0] - lo < step && hi - v[n - 1] < step);
            /* and the step is the densest allowed: the next smaller 1-2-5 step gives too many */
            const double smaller = fabs(mm - 1) < 1e-6 ? step / 2 : fabs(mm - 2) < 1e-6 ? step / 2 : step * 2 / 5;
            const double more = floor(hi / smaller + 1e-9) - ceil(lo / smaller - 1e-9) + 1;
            CHECK_MSG(more > MAXES[m], "[%g, %g] max %d: step %g, but %g would give %g levels", lo, hi, MAXES[m], step,
                      smaller, more);
        }
    return 0;
}

/* The values m * 10^d in [lo, hi] for the mantissas ms (every `every` decades). */
static int rule(double lo, double hi, const double *ms, int nm, int every, double *out)
{
    int k = 0;
    for (int d = -12; d <= 12; d++) {
        if (((d % every) + every) % every) continue;
        for (int i = 0; i < nm; i++) {
            const double v = ms[i] * pow(10.0, d);
            if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out[k++] = v;
        }
    }
    return k;
}

static int same_levels(const double *got, int n, const double *want, int k)
{
    if (n != k) return 0;
    for (int i = 0; i < n; i++) if (fabs(got[i] - want[i]) > 1e-9 * want[i]) return 0;
    return 1;
}

static int levels_log(void)
{
    static const double M125[3] = { 1, 2, 5 }, M13[2] = { 1, 3 }, M1[1] = { 1 };
    const double lo = 1e-3, hi = 2500;
    double got[64], want[64];
    /* room for 1-2-5 in every decade */
    int n = gfx_contour_levels(lo, hi, 1, 40, got, 64), k = rule(lo, hi, M125, 3, 1, want);
    CHECK(k == 20);                        /* 0.001, 0.002, 0.005 ... 1000, 2000 */
    CHECK_MSG(same_levels(got, n, want, k), "1-2-5: %d levels", n);
    /* 14 at most: 1-2-5 would be 20, 1-3 is 13 (0.001, 0.003 ... 300, 1000) */
    n = gfx_contour_levels(lo, hi, 1, 14, got, 64);
    k = rule(lo, hi, M13, 2, 1, want);
    CHECK(k == 13);
    CHECK_MSG(same_levels(got, n, want, k), "1-3: %d levels", n);
    /* 7 at most: the powers of ten 0.001 ... 1000 */
    n = gfx_contour_levels(lo, hi, 1, 7, got, 64);
    k = rule(lo, hi, M1, 1, 1, want);
    CHECK(k == 7);
    CHECK_MSG(same_levels(got, n, want, k), "decades: %d levels", n);
    /* 4 at most: every other decade (0.01, 1, 100) */
    n = gfx_contour_levels(lo, hi, 1, 4, got, 64);
    k = rule(lo, hi, M1, 1, 2, want);
    CHECK(k == 3);
    CHECK_MSG(same_levels(got, n, want, k), "every other decade: %d levels", n);
    /* a narrow range: 1-2-5 inside it only */
    n = gfx_contour_levels(0.15, 0.6, 1, 14, got, 64);
    k = rule(0.15, 0.6, M125, 3, 1, want);
    CHECK(k == 2);                         /* 0.2, 0.5 */
    CHECK(same_levels(got, n, want, k));
    /* cap smaller than the count: cut to cap */
    CHECK(gfx_contour_levels(lo, hi, 1, 40, got, 5) == 5 && fabs(got[4] - 0.02) < 1e-12);
    return 0;
}

static int levels_of_bad_ranges(void)
{
    const double BAD[][2] = { { 5, 5 }, { 2, 1 }, { NAN, 1 }, { 0, NAN }, { 0, INFINITY }, { -INFINITY, 0 } };
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++)
        for (int log = 0; log < 2; log++) {
            double v[8] = { 0 };
            CHECK_MSG(gfx_contour_levels(BAD[i][0], BAD[i][1], log, 10, v, 8) == 0, "[%g, %g] log %d", BAD[i][0],
                      BAD[i][1], log);
        }
    double v[8];
    CHECK(gfx_contour_levels(0, 10, 1, 10, v, 8) == 0);      /* log of a range from 0 */
    CHECK(gfx_contour_levels(-1, 10, 1, 10, v, 8) == 0);
    CHECK(gfx_contour_levels(1, 10, 0, 0, v, 8) == 0);       /* no level wanted */
    return 0;
}

enum { N = 80, W = 200 };

/* f = x^2 + y^2 at the centres of N x N cells over [-2, 2]^2. */
static void bowl(float *g)
{
    for (int j = 0; j < N; j++)
        for (int i = 0; i < N; i++) {
            const double x = -2 + (i + 0.5) * 4.0 / N, y = -2 + (j + 0.5) * 4.0 / N;
            g[j * N + i] = (float)(x * x + y * y);
        }
}

static int circle_segments(void)
{
    static float g[N * N], seg[4 * 4096];
    bowl(g);
    const int n = gfx_contour_segments(g, N, N, 1.0f, seg, 4096);
    CHECK(n > 50 && n < 4096);
    const double h = 4.0 / N;
    double length = 0;
    for (int s = 0; s < n; s++) {
        double xy[4];
        for (int k = 0; k < 4; k++) xy[k] = -2 + (seg[4 * s + k] + 0.5) * h;    /* grid units -> x, y */
        for (int e = 0; e < 2; e++) {
            const double r = hypot(xy[2 * e], xy[2 * e + 1]);
            CHECK_MSG(fabs(r - 1) < h * h, "segment %d ends at radius %.5f", s, r);
        }
        length += hypot(xy[2] - xy[0], xy[3] - xy[1]);
    }
    const double circumference = 8 * atan(1.0);
    CHECK_NEAR(length, circumference, 0.01 * circumference);
    /* the level 4 circle (radius 2) only touches the corners' cells: fewer, still on it */
    const int n4 = gfx_contour_segments(g, N, N, 4.0f, seg, 4096);
    CHECK(n4 > 0);
    for (int s = 0; s < n4; s++) {
        const double x = -2 + (seg[4 * s] + 0.5) * h, y = -2 + (seg[4 * s + 1] + 0.5) * h;
        CHECK(fabs(hypot(x, y) - 2) < h * h);
    }
    /* count only, beyond cap */
    CHECK(gfx_contour_segments(g, N, N, 1.0f, NULL, 0) == n);
    return 0;
}

static int circle_pixels(void)
{
    static float g[N * N];
    bowl(g);
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, 8, 8, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer *sr = SDL_CreateSoftwareRenderer(surf);
    CHECK(sr != NULL);
    gfx_canvas c = { 0 };
    CHECK(gfx_canvas_begin(&c, sr, W, W, WHITE) == 0);
    const float lv[1] = { 1.0f };
    const gfx_contour_desc d = { .lo = 0, .hi = 8, .low = BLACK, .high = BLACK, .levels = lv, .n_levels = 1,
                                 .line = RED, .line_width = 1.5f, .flip_y = 1 };
    gfx_contour_map(&c, g, N, N, &d);
    /* every strongly red pixel within 2.5 pixels of the circle (radius 1 = 50 pixels) */
    const double unit = 4.0 / W;
    int red = 0, quadrant[4] = { 0 };
    for (int y = 0; y < W; y++)
        for (int x = 0; x < W; x++) {
            const SDL_Color p = gfx_canvas_pixel(&c, x, y);
            if (p.r < 128) continue;
            const double fx = -2 + (x + 0.5) * unit, fy = 2 - (y + 0.5) * unit;
            CHECK_MSG(fabs(hypot(fx, fy) - 1) < 2.5 * unit, "red at (%d, %d): radius %.3f", x, y, hypot(fx, fy));
            red++;
            quadrant[(fx >= 0) + 2 * (fy >= 0)]++;
        }
    CHECK_MSG(red > 250, "%d red pixels along a 314-pixel circle", red);
    for (int q = 0; q < 4; q++) CHECK(quadrant[q] > red / 8);
    /* off the line the fill is the ramp's (black here), not the canvas's white */
    CHECK(gfx_canvas_pixel(&c, W / 2, W / 2).r == 0 && gfx_canvas_pixel(&c, 5, 5).g == 0);
    gfx_canvas_free(&c);
    SDL_DestroyRenderer(sr);
    SDL_FreeSurface(surf);
    return 0;
}

static int constant_and_holes(void)
{
    enum { C = 10 };
    static float g[C * C], seg[4 * 256];
    for (int i = 0; i < C * C; i++) g[i] = 5.0f;
    CHECK(gfx_contour_segments(g, C, C, 5.0f, seg, 256) == 0);
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, 8, 8, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer *sr = SDL_CreateSoftwareRenderer(surf);
    CHECK(sr != NULL);
    gfx_canvas c = { 0 };
    /* a constant field with lo == hi (what its range gives) and one level at its value */
    const float at[1] = { 5.0f };
    gfx_contour_desc d = { .lo = 5, .hi = 5, .low = BLACK, .high = WHITE, .levels = at, .n_levels = 1,
                           .line = RED, .line_width = 2.0f };
    CHECK(gfx_canvas_begin(&c, sr, 50, 50, (SDL_Color){ 0, 0, 255, 255 }) == 0);
    gfx_contour_map(&c, g, C, C, &d);
    const SDL_Color first = gfx_canvas_pixel(&c, 0, 0);
    for (int y = 0; y < 50; y++)
        for (int x = 0; x < 50; x++) {
            const SDL_Color p = gfx_canvas_pixel(&c, x, y);
            CHECK(p.r == first.r && p.g == first.g && p.b == first.b);    /* one colour, no line */
        }
    CHECK(first.b == first.r);                                         /* the ramp's grey, not the canvas */
    /* holes: a ramp 0..99, with NaN, +inf and -inf cells */
    for (int i = 0; i < C * C; i++) g[i] = (float)i;
    const int nan_at = 2 * C + 2, inf_at = 5 * C + 7, ninf_at = 8 * C + 3;
    g[nan_at] = NAN;
    g[inf_at] = INFINITY;
    g[ninf_at] = -INFINITY;
    d = (gfx_contour_desc){ .lo = 0, .hi = 99, .low = BLACK, .high = WHITE, .levels = at, .n_levels = 1,
                            .line = RED, .line_width = 0 };
    const float levels[4] = { 24.5f, 50.5f, 75.5f, 90.5f };
    for (int l = 0; l < 4; l++) {
        const int n = gfx_contour_segments(g, C, C, levels[l], seg, 256);
        CHECK(n > 0 && n <= 256);
        for (int s = 0; s < n; s++) {
            for (int k = 0; k < 4; k++) CHECK(isfinite(seg[4 * s + k]));
            /* a segment lies in one cell; none of that cell's corners is a hole */
            const int i = (int)floorf(fminf(seg[4 * s], seg[4 * s + 2]) + 1e-4f);
            const int j = (int)floorf(fminf(seg[4 * s + 1], seg[4 * s + 3]) + 1e-4f);
            for (int cj = j; cj <= j + 1 && cj < C; cj++)
                for (int ci = i; ci <= i + 1 && ci < C; ci++) CHECK(isfinite(g[cj * C + ci]));
        }
    }
    CHECK(gfx_canvas_begin(&c, sr, C * 10, C * 10, (SDL_Color){ 0, 0, 255, 255 }) == 0);
    d.line_width = 1.5f;
    d.levels = levels;
    d.n_levels = 4;
    gfx_contour_map(&c, g, C, C, &d);                       /* with lines through the holes' neighbours */
    const SDL_Color k_nan = gfx_canvas_pixel(&c, 25, 25), k_inf = gfx_canvas_pixel(&c, 75, 55),
                    k_ninf = gfx_canvas_pixel(&c, 35, 85);
    CHECK(k_nan.r < 40 && k_nan.b < 40);                     /* NaN: near the low colour (black) */
    CHECK(k_inf.r > 215 && k_inf.b > 215);                   /* +inf: near the high colour (white) */
    CHECK(k_ninf.r < 40 && k_ninf.b < 40);                   /* -inf: low */
    SDL_Color k = gfx_contour_color(&d, NAN);
    CHECK(k.r == 0 && k.g == 0 && k.b == 0);
    k = gfx_contour_color(&d, INFINITY);
    CHECK(k.r == 255 && k.g == 255 && k.b == 255);
    gfx_canvas_free(&c);
    SDL_DestroyRenderer(sr);
    SDL_FreeSurface(surf);
    return 0;
}

static const test_case CASES[] = {
    { "levels_linear", levels_linear },
    { "levels_log", levels_log },
    { "levels_of_bad_ranges", levels_of_bad_ranges },
    { "circle_segments", circle_segments },
    { "circle_pixels", circle_pixels },
    { "constant_and_holes", constant_and_holes },
};
TEST_MAIN(CASES)
