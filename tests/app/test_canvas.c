/* tests/app/test_canvas.c - the CPU canvas (draw/canvas.h): coverage of lines,
 * discs and rings against their distance fields, the bilinear stretch against
 * hand-computed values, clipping at the edges, and the upload to a renderer. */
#include <SDL.h>
#include <math.h>
#include <stdlib.h>

#include "test.h"

#include "draw/canvas.h"
#include "draw/palette.h"

static const SDL_Color BLACK = { 0, 0, 0, 255 }, RED = { 255, 0, 0, 255 };

static int red_at(const gfx_canvas *c, int x, int y) { return gfx_canvas_pixel(c, x, y).r; }

/* Pixels that are not background. */
static int painted(const gfx_canvas *c)
{
    int n = 0;
    for (int y = 0; y < c->h; y++)
        for (int x = 0; x < c->w; x++) n += gfx_canvas_pixel(c, x, y).r != 0;
    return n;
}

static int line_coverage(void)
{
    gfx_canvas c = { 0 };
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 8, 8, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer *sr = SDL_CreateSoftwareRenderer(s);
    CHECK(sr != NULL);
    CHECK(gfx_canvas_begin(&c, sr, 100, 40, BLACK) == 0);
    /* Horizontal, width 4, centred on row 20 (centre y = 20.5): coverage is
     * hw + 0.5 - distance = 2.5 - d, so rows 19..21 are full, rows 18 and 22
     * at d = 2 are half, rows 17 and 23 are untouched. */
    gfx_canvas_line(&c, 10.5f, 20.5f, 90.5f, 20.5f, 4.0f, RED);
    for (int y = 19; y <= 21; y++) CHECK(red_at(&c, 50, y) == 255);
    CHECK_NEAR(red_at(&c, 50, 18), 128, 2);
    CHECK_NEAR(red_at(&c, 50, 22), 128, 2);
    CHECK(red_at(&c, 50, 17) == 0 && red_at(&c, 50, 23) == 0);
    CHECK(gfx_canvas_pixel(&c, 50, 20).g == 0 && gfx_canvas_pixel(&c, 50, 20).a == 255);
    /* Round ends: the end pixel itself is full, two pixels beyond it is empty. */
    CHECK(red_at(&c, 90, 20) == 255 && red_at(&c, 93, 20) == 0 && red_at(&c, 7, 20) == 0);
    /* Half-transparent colour blends over the background: half of 255. */
    CHECK(gfx_canvas_begin(&c, sr, 100, 40, BLACK) == 0);
    gfx_canvas_line(&c, 10.5f, 20.5f, 90.5f, 20.5f, 3.0f, (SDL_Color){ 255, 0, 0, 128 });
    CHECK_NEAR(red_at(&c, 50, 20), 128, 2);
    /* Width below one pixel fades instead of thinning: width 0.5 = alpha 0.5. */
    CHECK(gfx_canvas_begin(&c, sr, 100, 40, BLACK) == 0);
    gfx_canvas_line(&c, 10.5f, 20.5f, 90.5f, 20.5f, 0.5f, RED);
    CHECK_NEAR(red_at(&c, 50, 20), 128, 2);
    CHECK(red_at(&c, 50, 22) == 0);
    gfx_canvas_free(&c);
    SDL_DestroyRenderer(sr);
    SDL_FreeSurface(s);
    return 0;
}

static int diagonal_is_symmetric_and_bounded(void)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 8, 8, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer *sr = SDL_CreateSoftwareRenderer(s);
    gfx_canvas c = { 0 };
    CHECK(gfx_canvas_begin(&c, sr, 64, 64, BLACK) == 0);
    gfx_canvas_line(&c, 8, 8, 56, 56, 2.0f, RED);
    /* Mirror symmetry about the line y = x. */
    for (int y = 0; y < 64; y++)
        for (int x = 0; x < 64; x++) CHECK(abs(red_at(&c, x, y) - red_at(&c, y, x)) <= 1);
    /* A 2 px line of length 68 covers about 68 * 2 = 136 pixels' worth; the
     * painted pixels stay within the one-pixel ramp on either side. */
    const int n = painted(&c);
    CHECK_MSG(n > 136 && n < 68 * 5, "painted %d", n);
    /* On the line: full; 3 px off it (perpendicular): nothing. */
    CHECK(red_at(&c, 32, 32) == 255);
    CHECK(red_at(&c, 34, 30) == 0);
    gfx_canvas_free(&c);
    SDL_DestroyRenderer(sr);
    SDL_FreeSurface(s);
    return 0;
}

static int discs_rings_and_clipping(void)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 8, 8, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer *sr = SDL_CreateSoftwareRenderer(s);
    gfx_canvas c = { 0 };
    CHECK(gfx_canvas_begin(&c, sr, 40, 40, BLACK) == 0);
    gfx_canvas_disc(&c, 20.5f, 20.5f, 5.0f, RED);
    CHECK(red_at(&c, 20, 20) == 255 && red_at(&c, 24, 20) == 255);
    CHECK_NEAR(red_at(&c, 25, 20), 128, 2);              /* distance 5: half */
    CHECK(red_at(&c, 27, 20) == 0);
    /* Area about pi r^2 = 78.5 pixels' worth of red. */
    double sum = 0;
    for (int y = 0; y < 40; y++)
        for (int x = 0; x < 40; x++) sum += red_at(&c, x, y) / 255.0;
    CHECK_NEAR(sum, 3.14159265 * 25.0, 1.0);
    /* A ring of width 2 at radius 8: the centre stays empty. */
    CHECK(gfx_canvas_begin(&c, sr, 40, 40, BLACK) == 0);
    gfx_canvas_ring(&c, 20.5f, 20.5f, 8.0f, 2.0f, RED);
    CHECK(red_at(&c, 20, 20) == 0 && red_at(&c, 28, 20) == 255 && red_at(&c, 20, 12) == 255);
    /* Shapes over the edges draw their inside part and nothing else; NaN draws nothing. */
    CHECK(gfx_canvas_begin(&c, sr, 40, 40, BLACK) == 0);
    gfx_canvas_disc(&c, -2.0f, -2.0f, 6.0f, RED);
    gfx_canvas_line(&c, -100, 20.5f, 500, 20.5f, 1.0f, RED);
    gfx_canvas_line(&c, NAN, 0, 10, 10, 1.0f, RED);
    gfx_canvas_disc(&c, 10, INFINITY, 3, RED);
    CHECK(red_at(&c, 0, 0) == 255 && red_at(&c, 0, 20) == 255 && red_at(&c, 39, 20) == 255);
    CHECK(painted(&c) < 40 + 40);
    /* Sizes: absurd ones are refused, a smaller one reuses the texture. */
    CHECK(gfx_canvas_begin(&c, sr, 0, 10, BLACK) != 0);
    CHECK(gfx_canvas_begin(&c, sr, 20000, 10, BLACK) != 0);
    CHECK(gfx_canvas_begin(&c, sr, 30, 30, BLACK) == 0);
    SDL_Texture *t = c.tex;
    CHECK(gfx_canvas_begin(&c, sr, 20, 25, BLACK) == 0 && c.tex == t && c.w == 20 && c.h == 25);
    gfx_canvas_free(&c);
    SDL_DestroyRenderer(sr);
    SDL_FreeSurface(s);
    return 0;
}

static int stretch_is_bilinear(void)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 8, 8, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer *sr = SDL_CreateSoftwareRenderer(s);
    gfx_canvas c = { 0 };
    /* 2x2: red 0 and 200 on the top row, 100 and 40 below; stretched to 4x4. */
    const Uint8 img[16] = { 0, 0, 0, 255, 200, 0, 0, 255, 100, 0, 0, 255, 40, 0, 0, 255 };
    CHECK(gfx_canvas_begin(&c, sr, 4, 4, BLACK) == 0);
    gfx_canvas_stretch(&c, img, 2, 2);
    /* Sample positions u = (x + 0.5) / 2 - 0.5: -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped). */
    CHECK(red_at(&c, 0, 0) == 0 && red_at(&c, 3, 0) == 200 && red_at(&c, 0, 3) == 100 && red_at(&c, 3, 3) == 40);
    CHECK(red_at(&c, 1, 0) == 50 && red_at(&c, 2, 0) == 150);        /* 0.25 and 0.75 of the way */
    /* (1,1): u = v = 0.25: top 50, bottom 100 + (40 - 100) * 0.25 = 85; 50 + 35 * 0.25 = 58.75 */
    CHECK(red_at(&c, 1, 1) == 59);
    gfx_canvas_free(&c);
    SDL_DestroyRenderer(sr);
    SDL_FreeSurface(s);
    return 0;
}

static int scatter_and_show(void)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer *sr = SDL_CreateSoftwareRenderer(s);
    CHECK(sr != NULL);
    SDL_SetRenderDrawColor(sr, 0, 0, 0, 255);
    SDL_RenderClear(sr);
    gfx_canvas c = { 0 };
    CHECK(gfx_canvas_begin(&c, sr, 41, 41, BLACK) == 0);
    /* One class-1 point in the middle of the [-1, 1] square, one dev ring in a corner. */
    const float mid[2] = { 0.0f, 0.0f }, corner[2] = { -1.0f, 1.0f };
    const int k1 = 1;
    gfx_scatter_desc d = gfx_scatter_default(-1, 1, -1, 1, 1.0f);
    gfx_canvas_scatter(&c, (SDL_Rect){ 0, 0, 41, 41 }, mid, 1, &k1, &d);
    const SDL_Color want = pal_category(1), got = gfx_canvas_pixel(&c, 20, 20);
    CHECK(got.r == want.r && got.g == want.g && got.b == want.b);
    CHECK(gfx_canvas_pixel(&c, 20 + 6, 20).r <= d.outline.r + 2);     /* the outline ring around it */
    d.style = GFX_POINT_RING;
    gfx_canvas_scatter(&c, (SDL_Rect){ 0, 0, 41, 41 }, corner, 1, &k1, &d);
    CHECK(gfx_canvas_pixel(&c, 0, 0).r == 0);                          /* a ring's centre is empty */
    CHECK(gfx_canvas_pixel(&c, 5, 0).r > 100 || gfx_canvas_pixel(&c, 5, 0).g > 100);
    /* Shown at (10, 12): the renderer's pixels are the canvas's. */
    CHECK(gfx_canvas_show(&c, sr, 10, 12) == 0);
    CHECK(c.dirty == 0);
    Uint8 *p = (Uint8 *)s->pixels + (12 + 20) * s->pitch + (10 + 20) * 4;
    CHECK(p[0] == want.r && p[1] == want.g && p[2] == want.b);
    /* Unchanged: shown again without an upload, same pixels. */
    SDL_RenderClear(sr);
    CHECK(gfx_canvas_show(&c, sr, 10, 12) == 0);
    CHECK(p[0] == want.r && p[1] == want.g && p[2] == want.b);
    gfx_canvas_free(&c);
    CHECK(gfx_canvas_show(&c, sr, 0, 0) != 0);                        /* freed: refused, no crash */
    SDL_DestroyRenderer(sr);
    SDL_FreeSurface(s);
    return 0;
}

static const test_case CASES[] = {
    { "line_coverage", line_coverage },
    { "diagonal_is_symmetric_and_bounded", diagonal_is_symmetric_and_bounded },
    { "discs_rings_and_clipping", discs_rings_and_clipping },
    { "stretch_is_bilinear", stretch_is_bilinear },
    { "scatter_and_show", scatter_and_show },
};
TEST_MAIN(CASES)
