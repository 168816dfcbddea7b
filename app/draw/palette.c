/* app/draw/palette.c - diverging, sequential and categorical palettes.
 *
 * Palettes are piecewise-linear ramps between a few hand-picked anchors.
 * The diverging anchors follow the ColorBrewer RdBu blue end and PuOr orange
 * end with a near-white middle; the sequential anchors sample a
 * viridis-like purple-blue-green-yellow ramp (perceptually ordered, monotonic
 * lightness). tests/app/test_draw.c checks the lightness ordering.
 */
#include "draw/palette.h"

#include <math.h>

typedef struct anchor { float t; Uint8 r, g, b; } anchor;

static const anchor DIVERGING[] = {
    { -1.0f,  33, 102, 172 },   /* deep blue */
    { -0.5f, 146, 197, 222 },   /* light blue */
    {  0.0f, 247, 247, 247 },   /* neutral */
    {  0.5f, 253, 184,  99 },   /* light orange */
    {  1.0f, 230,  97,   1 },   /* deep orange */
};

static const anchor SEQUENTIAL[] = {
    { 0.00f,  68,   1,  84 },
    { 0.25f,  59,  82, 139 },
    { 0.50f,  33, 145, 140 },
    { 0.75f,  94, 201,  98 },
    { 1.00f, 253, 231,  37 },
};

/* Okabe & Ito (2008), "Color Universal Design": sky blue and orange first so
 * binary classes match the diverging palette. Black is replaced by grey so
 * the colour stays visible on the dark theme. */
static const SDL_Color CATEGORY[PAL_CATEGORY_COUNT] = {
    {  86, 180, 233, 255 },   /* sky blue */
    { 230, 159,   0, 255 },   /* orange */
    {   0, 158, 115, 255 },   /* bluish green */
    { 204, 121, 167, 255 },   /* reddish purple */
    { 240, 228,  66, 255 },   /* yellow */
    {   0, 114, 178, 255 },   /* blue */
    { 213,  94,   0, 255 },   /* vermillion */
    { 153, 153, 153, 255 },   /* grey */
};

static Uint8 lerp8(Uint8 a, Uint8 b, float f)
{
    return (Uint8)lroundf((float)a + ((float)b - (float)a) * f);
}

static SDL_Color ramp(const anchor *a, int n, float t)
{
    if (t <= a[0].t) return (SDL_Color){ a[0].r, a[0].g, a[0].b, 255 };
    for (int i = 1; i < n; i++) {
        if (t <= a[i].t) {
            float f = (t - a[i - 1].t) / (a[i].t - a[i - 1].t);
            return (SDL_Color){ lerp8(a[i - 1].r, a[i].r, f), lerp8(a[i - 1].g, a[i].g, f),
                                lerp8(a[i - 1].b, a[i].b, f), 255 };
        }
    }
    return (SDL_Color){ a[n - 1].r, a[n - 1].g, a[n - 1].b, 255 };
}

SDL_Color pal_diverging(float t)
{
    if (isnan(t)) return (SDL_Color){ 128, 128, 128, 255 };
    return ramp(DIVERGING, (int)(sizeof DIVERGING / sizeof DIVERGING[0]), t);
}

SDL_Color pal_sequential(float t)
{
    if (isnan(t)) t = 0.0f;
    return ramp(SEQUENTIAL, (int)(sizeof SEQUENTIAL / sizeof SEQUENTIAL[0]), t);
}

SDL_Color pal_category(int i)
{
    if (i < 0) i = 0;
    return CATEGORY[i % PAL_CATEGORY_COUNT];
}

SDL_Color pal_optimizer(int kind)
{
    /* SGD vermillion, momentum sky blue, RMSprop bluish green, Adam yellow,
     * AdaGrad reddish purple: five Okabe-Ito colours, none of them grey (the
     * maps under the paths are grey). */
    static const int PICK[5] = { 6, 0, 2, 4, 3 };
    return CATEGORY[PICK[kind >= 0 && kind < 5 ? kind : 0]];
}

static float srgb_to_linear(Uint8 v)
{
    float c = (float)v / 255.0f;
    return c <= 0.04045f ? c / 12.92f : powf((c + 0.055f) / 1.055f, 2.4f);
}

float pal_luminance(SDL_Color c)
{
    return 0.2126f * srgb_to_linear(c.r) + 0.7152f * srgb_to_linear(c.g)
         + 0.0722f * srgb_to_linear(c.b);
}

gfx_style gfx_style_dark(void)
{
    return (gfx_style){
        .bg = { 22, 24, 30, 255 },   .text = { 240, 240, 240, 255 },
        .text_dim = { 180, 186, 198, 255 },
        .grid = { 58, 62, 74, 255 }, .axis = { 200, 204, 212, 255 },
    };
}

gfx_style gfx_style_light(void)
{
    return (gfx_style){
        .bg = { 255, 255, 255, 255 }, .text = { 0, 0, 0, 255 },
        .text_dim = { 50, 50, 50, 255 },
        .grid = { 205, 205, 205, 255 }, .axis = { 0, 0, 0, 255 },
    };
}
