/* tests/app/test_prim_texture.c - primitives drawn through a renderer's white
 * texture (gfx_prim_attach, done by gfx_fonts) look like untextured ones.
 *
 * Why it matters: SDL's software renderer fills every untextured blended
 * triangle through a temporary surface (several allocator calls each, over
 * a million a second for a Playground frame), a textured one straight into
 * the target. SDL_RenderGeometry is wrapped here (this executable's
 * definition is the one the drawing code calls; it forwards to SDL's) to see
 * which texture each batch goes through.
 */
#define _GNU_SOURCE
#include <SDL.h>
#include <SDL_ttf.h>
#include <dlfcn.h>
#include <stdlib.h>

#include "test.h"

#include "draw/font.h"
#include "draw/prim.h"

static long batches, textured;

int SDL_RenderGeometry(SDL_Renderer *r, SDL_Texture *t, const SDL_Vertex *v, int nv,
                       const int *idx, int ni)
{
    typedef int (*geometry_fn)(SDL_Renderer *, SDL_Texture *, const SDL_Vertex *, int, const int *, int);
    static geometry_fn real;
    if (!real) *(void **)&real = dlsym(RTLD_NEXT, "SDL_RenderGeometry");
    batches++;
    textured += t != NULL;
    return real ? real(r, t, v, nv, idx, ni) : -1;
}

typedef struct canvas { SDL_Surface *s; SDL_Renderer *r; gfx_fonts *f; } canvas;

static int canvas_open(canvas *c, int w, int h, int with_fonts)
{
    if (SDL_WasInit(SDL_INIT_VIDEO) == 0 && SDL_Init(SDL_INIT_VIDEO) != 0) return 1;
    if (!TTF_WasInit() && TTF_Init() != 0) return 1;
    c->s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    c->r = c->s ? SDL_CreateSoftwareRenderer(c->s) : NULL;
    if (!c->r) return 1;
    c->f = with_fonts ? gfx_fonts_create(c->r, 1.0f, NULL) : NULL;
    SDL_SetRenderDrawColor(c->r, 20, 24, 30, 255);
    SDL_RenderClear(c->r);
    return with_fonts && !c->f;
}

static void canvas_close(canvas *c)
{
    gfx_fonts_destroy(c->f);
    SDL_DestroyRenderer(c->r);
    SDL_FreeSurface(c->s);
}

static void shapes(SDL_Renderer *r)
{
    const SDL_Color a = { 240, 160, 40, 255 }, b = { 60, 170, 230, 180 }, c = { 250, 250, 250, 90 };
    gfx_line(r, 10, 10, 190, 60, 3.0f, a);
    gfx_line(r, 10, 70, 190, 72, 0.6f, c);
    gfx_disc(r, 60, 120, 14.0f, b);
    gfx_ring(r, 140, 120, 20.0f, 3.0f, a);
    SDL_FPoint pts[40];
    for (int i = 0; i < 40; i++) pts[i] = (SDL_FPoint){ 10.0f + 4.5f * i, 170.0f + 15.0f * SDL_sinf(i * 0.4f) };
    gfx_polyline(r, pts, 40, 2.5f, b, 0.0f);
    gfx_triangle(r, (SDL_FPoint){ 20, 190 }, (SDL_FPoint){ 60, 150 }, (SDL_FPoint){ 90, 195 }, c);
    SDL_RenderFlush(r);
}

static int channel_diff(const canvas *x, const canvas *y, int *worst)
{
    int n = 0;
    *worst = 0;
    for (int yy = 0; yy < x->s->h; yy++)
        for (int xx = 0; xx < x->s->w; xx++) {
            const Uint8 *p = (const Uint8 *)x->s->pixels + yy * x->s->pitch + xx * 4;
            const Uint8 *q = (const Uint8 *)y->s->pixels + yy * y->s->pitch + xx * 4;
            int d = 0;
            for (int k = 0; k < 3; k++) d = abs(p[k] - q[k]) > d ? abs(p[k] - q[k]) : d;
            n += d > 0;
            if (d > *worst) *worst = d;
        }
    return n;
}

static int fonts_lend_the_primitives_a_texture(void)
{
    canvas with, without;
    CHECK(canvas_open(&with, 200, 200, 1) == 0 && canvas_open(&without, 200, 200, 0) == 0);
    batches = textured = 0;
    shapes(with.r);
    CHECK(batches > 0);
    CHECK_MSG(textured == batches, "%ld of %ld batches textured", textured, batches);
    batches = textured = 0;
    shapes(without.r);                       /* a renderer nobody lent a texture: as before */
    CHECK(batches > 0 && textured == 0);
    int worst;
    const int n = channel_diff(&with, &without, &worst);
    printf("  %d pixels differ, by %d at most\n", n, worst);
    CHECK_MSG(worst <= 3, "a pixel differs by %d", worst);   /* rounding only */
    /* Detached when the fonts go: the same renderer draws untextured again. */
    gfx_fonts_destroy(with.f);
    with.f = NULL;
    batches = textured = 0;
    shapes(with.r);
    CHECK(batches > 0 && textured == 0);
    canvas_close(&with);
    canvas_close(&without);
    return 0;
}

/* Two renderers at once each get their own texture. */
static int two_renderers(void)
{
    canvas a, b;
    CHECK(canvas_open(&a, 64, 64, 1) == 0 && canvas_open(&b, 64, 64, 1) == 0);
    batches = textured = 0;
    gfx_disc(a.r, 30, 30, 10, (SDL_Color){ 255, 0, 0, 255 });
    gfx_disc(b.r, 30, 30, 10, (SDL_Color){ 0, 255, 0, 255 });
    SDL_RenderFlush(a.r);
    SDL_RenderFlush(b.r);
    CHECK(batches == 2 && textured == 2);
    const Uint8 *pa = (const Uint8 *)a.s->pixels + 30 * a.s->pitch + 30 * 4;
    const Uint8 *pb = (const Uint8 *)b.s->pixels + 30 * b.s->pitch + 30 * 4;
    CHECK(pa[0] == 255 && pa[1] == 0 && pb[0] == 0 && pb[1] == 255);   /* RGBA32: r, g */
    canvas_close(&a);
    canvas_close(&b);
    return 0;
}

static const test_case CASES[] = {
    { "fonts_lend_the_primitives_a_texture", fonts_lend_the_primitives_a_texture },
    { "two_renderers", two_renderers },
};

TEST_MAIN(CASES)
