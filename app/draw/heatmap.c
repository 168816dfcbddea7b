/* app/draw/heatmap.c - streaming-texture heatmaps and colour bars. */
#include "draw/heatmap.h"

#include <math.h>
#include <stdlib.h>

#include "draw/axes.h"
#include "draw/prim.h"

#define LUT_N 1024

struct gfx_heatmap {
    SDL_Renderer *r;
    SDL_Texture  *tex;
    int           w, h, smooth;
    Uint64        version;
};

static Uint32 LUT[GFX_MAP_COUNT][LUT_N];   /* ARGB8888 */
static int    lut_ready;

static SDL_Color map_t(gfx_colormap map, float t)   /* t in [0, 1] */
{
    return map == GFX_MAP_DIVERGING ? pal_diverging(2.0f * t - 1.0f) : pal_sequential(t);
}

static void build_lut(void)
{
    for (int m = 0; m < GFX_MAP_COUNT; m++)
        for (int i = 0; i < LUT_N; i++) {
            SDL_Color c = map_t((gfx_colormap)m, (float)i / (float)(LUT_N - 1));
            LUT[m][i] = 0xFF000000u | ((Uint32)c.r << 16) | ((Uint32)c.g << 8) | c.b;
        }
    lut_ready = 1;
}

SDL_Color gfx_colormap_color(gfx_colormap map, float v, float lo, float hi)
{
    if (isnan(v)) return (SDL_Color){ 128, 128, 128, 255 };
    float t = hi != lo ? (v - lo) / (hi - lo) : 0.5f;
    t = t < 0.0f ? 0.0f : t > 1.0f ? 1.0f : t;
    return map_t(map, t);
}

gfx_heatmap *gfx_heatmap_create(void) { return calloc(1, sizeof(gfx_heatmap)); }

void gfx_heatmap_destroy(gfx_heatmap *h)
{
    if (!h) return;
    if (h->tex) SDL_DestroyTexture(h->tex);
    free(h);
}

/* (Re)create the texture when the renderer, the grid size or the filtering changes. */
static int ensure_texture(gfx_heatmap *h, SDL_Renderer *r, int w, int ht, int smooth)
{
    if (h->tex && h->r == r && h->w == w && h->h == ht) {
        if (h->smooth != smooth) {
            SDL_SetTextureScaleMode(h->tex, smooth ? SDL_ScaleModeLinear : SDL_ScaleModeNearest);
            h->smooth = smooth;
        }
        return 0;
    }
    if (h->tex) SDL_DestroyTexture(h->tex);
    h->tex = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, w, ht);
    if (!h->tex) return -1;
    SDL_SetTextureScaleMode(h->tex, smooth ? SDL_ScaleModeLinear : SDL_ScaleModeNearest);
    h->r = r;
    h->w = w;
    h->h = ht;
    h->smooth = smooth;
    h->version = 0;
    return 0;
}

int gfx_heatmap_draw(gfx_heatmap *h, SDL_Renderer *r, SDL_Rect dst, const float *grid,
                     int cols, int rows, const gfx_heatmap_desc *d)
{
    if (!h || !grid || cols <= 0 || rows <= 0) return -1;
    if (!lut_ready) build_lut();
    if (ensure_texture(h, r, cols, rows, d->smooth) != 0) return -1;
    if (d->version == 0 || d->version != h->version) {
        void *pixels;
        int pitch;
        if (SDL_LockTexture(h->tex, NULL, &pixels, &pitch) != 0) return -1;
        const Uint32 *lut = LUT[d->map >= 0 && d->map < GFX_MAP_COUNT ? d->map : 0];
        float span = d->hi != d->lo ? d->hi - d->lo : 1.0f;
        float k = (float)(LUT_N - 1) / span;
        for (int y = 0; y < rows; y++) {
            const float *src = grid + (size_t)(d->flip_y ? rows - 1 - y : y) * (size_t)cols;
            Uint32 *out = (Uint32 *)((Uint8 *)pixels + (size_t)y * (size_t)pitch);
            for (int x = 0; x < cols; x++) {
                float t = (src[x] - d->lo) * k;
                if (isnan(t)) { out[x] = 0xFF808080u; continue; }
                int i = (int)(t + 0.5f);
                out[x] = lut[i < 0 ? 0 : i >= LUT_N ? LUT_N - 1 : i];
            }
        }
        SDL_UnlockTexture(h->tex);
        h->version = d->version;
    }
    return SDL_RenderCopy(r, h->tex, NULL, &dst) == 0 ? 0 : -1;
}

void gfx_colorbar(SDL_Renderer *r, gfx_fonts *f, SDL_Rect area, const gfx_heatmap_desc *d,
                  const char *label, const gfx_style *st)
{
    float s = gfx_fonts_scale(f);
    int lh = gfx_text_height(f, GFX_FONT_SMALL), pad = (int)lroundf(6.0f * s);
    int bar_w = (int)lroundf(18.0f * s);
    SDL_Rect bar = { area.x, area.y + lh / 2, bar_w, area.h - lh };
    if (label) {
        gfx_text(f, GFX_FONT_SMALL, area.x, area.y, st->text, GFX_ALIGN_LEFT, label);
        bar.y += lh + pad / 2;
        bar.h -= lh + pad / 2;
    }
    if (bar.h < 2) return;
    /* 2-px bands: smooth to the eye, a few hundred rectangles at most */
    for (int y = 0; y < bar.h; y += 2) {
        float t = 1.0f - ((float)y + 1.0f) / (float)bar.h;
        gfx_fill_rect(r, (SDL_Rect){ bar.x, bar.y + y, bar.w, 2 < bar.h - y ? 2 : bar.h - y },
                      map_t(d->map, t < 0.0f ? 0.0f : t));
    }
    gfx_rect_outline(r, bar, 1, st->axis);
    double vals[3] = { d->hi, 0.5 * ((double)d->lo + (double)d->hi), d->lo };
    double step = fabs((double)d->hi - (double)d->lo) / 4.0;
    for (int i = 0; i < 3; i++) {
        char buf[32];
        gfx_format_tick(buf, sizeof buf, vals[i], step, 0);
        int y = bar.y + (int)lroundf((float)(bar.h - 1) * (float)i * 0.5f);
        gfx_fill_rect(r, (SDL_Rect){ bar.x + bar.w, y, pad / 2 + 1, 1 + (s >= 1.5f) }, st->axis);
        gfx_text(f, GFX_FONT_SMALL, bar.x + bar.w + pad, y - lh / 2, st->text, GFX_ALIGN_LEFT, buf);
    }
}
