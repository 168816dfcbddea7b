/* app/draw/canvas.c - antialiased lines and dots drawn on the CPU (see canvas.h). */
#include "draw/canvas.h"

#include <math.h>
#include <stdlib.h>

#include "draw/palette.h"

int gfx_canvas_begin(gfx_canvas *c, SDL_Renderer *r, int w, int h, SDL_Color bg)
{
    if (w < 1 || h < 1 || w > 16384 || h > 16384) return -1;
    if (c->owner != r || w > c->tex_w || h > c->tex_h) {
        /* Grow to the larger of old and new, so a window being resized does
         * not reallocate every frame. */
        const int tw = c->owner == r && c->tex_w > w ? c->tex_w : w;
        const int th = c->owner == r && c->tex_h > h ? c->tex_h : h;
        gfx_canvas_free(c);
        c->px = malloc((size_t)tw * (size_t)th * sizeof *c->px);
        c->tex = c->px ? SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, tw, th) : NULL;
        if (!c->tex) {
            gfx_canvas_free(c);
            return -1;
        }
        SDL_SetTextureBlendMode(c->tex, SDL_BLENDMODE_NONE);
        c->owner = r;
        c->tex_w = tw;
        c->tex_h = th;
    }
    c->w = w;
    c->h = h;
    c->dirty = 1;
    const Uint32 v = 0xff000000u | (Uint32)bg.r << 16 | (Uint32)bg.g << 8 | bg.b;
    for (size_t i = 0, n = (size_t)w * (size_t)h; i < n; i++) c->px[i] = v;
    return 0;
}

void gfx_canvas_free(gfx_canvas *c)
{
    if (c->tex) SDL_DestroyTexture(c->tex);
    free(c->px);
    *c = (gfx_canvas){ 0 };
}

/* dst = dst + (src - dst) * a, a in 0..256 (256 = opaque). */
static inline void blend(Uint32 *p, SDL_Color s, int a)
{
    const Uint32 d = *p;
    const int dr = (int)(d >> 16 & 255), dg = (int)(d >> 8 & 255), db = (int)(d & 255);
    const int r = dr + (((s.r - dr) * a) >> 8), g = dg + (((s.g - dg) * a) >> 8), b = db + (((s.b - db) * a) >> 8);
    *p = 0xff000000u | (Uint32)r << 16 | (Uint32)g << 8 | (Uint32)b;
}

static inline float clamp01(float v) { return v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v; }

/* Pixel rows whose centres lie within [y0, y1], clipped to the canvas. */
/* Pixels 0..n-1 whose centres lie within [a, b]; the bounds are clamped
 * before they become ints, so coordinates far outside (1e30) stay defined. */
static void span(float a, float b, int n, int *first, int *last)
{
    if (isnan(a) || isnan(b)) { *first = 1; *last = 0; return; }
    const float lo = a > -2.0f ? a : -2.0f, hi = b < (float)n + 2.0f ? b : (float)n + 2.0f;
    *first = (int)floorf(lo - 0.5f) + 1;
    *last = (int)ceilf(hi - 0.5f) - 1;
    if (*first < 0) *first = 0;
    if (*last > n - 1) *last = n - 1;
}

static void rows(const gfx_canvas *c, float y0, float y1, int *first, int *last)
{
    span(y0, y1, c->h, first, last);
}

static void cols(const gfx_canvas *c, float x0, float x1, int *first, int *last)
{
    span(x0, x1, c->w, first, last);
}

static inline float min2(float a, float b) { return a < b ? a : b; }
static inline float max2(float a, float b) { return a > b ? a : b; }

void gfx_canvas_line(gfx_canvas *c, float x0, float y0, float x1, float y1, float width, SDL_Color col)
{
    if (!c->px || !isfinite(x0) || !isfinite(y0) || !isfinite(x1) || !isfinite(y1) || !(width > 0.0f)) return;
    float alpha = col.a / 255.0f;
    if (width < 1.0f) { alpha *= width; width = 1.0f; }
    const float hw = width * 0.5f, reach = hw + 0.5f;   /* coverage = hw + 0.5 - distance */
    const float dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
    const float len = sqrtf(len2);
    const float nx = len > 1e-6f ? -dy / len : 0.0f, ny = len > 1e-6f ? dx / len : 1.0f;
    const float a256 = alpha * 256.0f;
    int ya, yb;
    rows(c, min2(y0, y1) - reach, max2(y0, y1) + reach, &ya, &yb);
    const float bx0 = min2(x0, x1) - reach, bx1 = max2(x0, x1) + reach;
    for (int y = ya; y <= yb; y++) {
        const float py = y + 0.5f;
        /* Where this row is within `reach` of the infinite line. */
        float lo = bx0, hi = bx1;
        if (fabsf(nx) > 1e-4f) {
            const float a = (-reach - (py - y0) * ny) / nx + x0, b = (reach - (py - y0) * ny) / nx + x0;
            lo = max2(lo, min2(a, b));
            hi = min2(hi, max2(a, b));
        }
        int xa, xb;
        cols(c, lo, hi, &xa, &xb);
        Uint32 *row = c->px + (size_t)y * (size_t)c->w;
        for (int x = xa; x <= xb; x++) {
            const float px = x + 0.5f, ex = px - x0, ey = py - y0;
            /* Where along the segment, t = dot / len2 in [0, 1]: compared
             * without dividing (for floats, dot / len2 <= 1 exactly when
             * dot <= len2). */
            const float dot = ex * dx + ey * dy;
            const int before = len2 > 0.0f && dot < 0.0f;
            float d;
            if (len2 <= 0.0f || (dot >= 0.0f && dot <= len2)) {
                d = fabsf(ex * nx + ey * ny);                 /* beside the segment: to the line */
            } else {                                          /* past an end: to that end (round caps) */
                const float fx = before ? ex : px - x1, fy = before ? ey : py - y1;
                d = sqrtf(fx * fx + fy * fy);
            }
            const float cov = reach - d;
            if (cov > 0.0f) blend(row + x, col, (int)(min2(cov, 1.0f) * a256 + 0.5f));
        }
    }
}

/* Coverage of a pixel at distance d from the centre: inside [r_in, r_out] with ramps. */
static void annulus(gfx_canvas *c, float cx, float cy, float r_in, float r_out, SDL_Color col)
{
    if (!c->px || !isfinite(cx) || !isfinite(cy) || !(r_out > 0.0f)) return;
    const float alpha = col.a / 255.0f, reach = r_out + 0.5f;
    int ya, yb, xa, xb;
    rows(c, cy - reach, cy + reach, &ya, &yb);
    for (int y = ya; y <= yb; y++) {
        Uint32 *row = c->px + (size_t)y * (size_t)c->w;
        const float ey = y + 0.5f - cy;
        /* This row's chord of the circle of radius reach, a pixel wider each
         * side: the pixels left out are farther than reach (no coverage). */
        const float half = sqrtf(max2(reach * reach - ey * ey, 0.0f)) + 1.0f;
        cols(c, cx - half, cx + half, &xa, &xb);
        for (int x = xa; x <= xb; x++) {
            const float ex = x + 0.5f - cx, d = sqrtf(ex * ex + ey * ey);
            float cov = clamp01(r_out + 0.5f - d);
            if (r_in > 0.0f) cov = min2(cov, clamp01(d - (r_in - 0.5f)));
            if (cov > 0.0f) blend(row + x, col, (int)(cov * alpha * 256.0f + 0.5f));
        }
    }
}

void gfx_canvas_disc(gfx_canvas *c, float cx, float cy, float radius, SDL_Color col)
{
    annulus(c, cx, cy, 0.0f, radius, col);
}

void gfx_canvas_ring(gfx_canvas *c, float cx, float cy, float radius, float width, SDL_Color col)
{
    if (!(width > 0.0f)) return;
    annulus(c, cx, cy, radius - width * 0.5f, radius + width * 0.5f, col);
}

/* Source column (or row) and weight of the next one, in 1/256ths, for the
 * destination pixel centre d of n pixels stretched from g. */
static void sample_at(int d, int n, int g, int *i0, int *i1, int *f)
{
    float u = (d + 0.5f) * (float)g / (float)n - 0.5f;
    u = u < 0 ? 0 : u > g - 1 ? (float)(g - 1) : u;
    *i0 = (int)u;
    *i1 = *i0 + 1 < g ? *i0 + 1 : *i0;
    *f = (int)((u - (float)*i0) * 256.0f + 0.5f);
}

/* Source row j stretched across the canvas's width: each colour x256, in
 * h[3 * x + k]. */
static void stretch_row(const gfx_canvas *c, const Uint8 *rgba, int gw, int j, const int *ci0,
                        const int *ci1, const int *cf, int *h)
{
    const Uint8 *src = rgba + 4 * (size_t)j * (size_t)gw;
    for (int x = 0; x < c->w; x++) {
        const Uint8 *a = src + 4 * ci0[x], *b = src + 4 * ci1[x];
        for (int k = 0; k < 3; k++) h[3 * x + k] = a[k] * 256 + (b[k] - a[k]) * cf[x];
    }
}

void gfx_canvas_stretch(gfx_canvas *c, const Uint8 *rgba, int gw, int gh)
{
    if (!c->px || gw < 1 || gh < 1) return;
    /* The column weights are the same on every row: worked out once. Each
     * source row is stretched across once (kept for the canvas rows between
     * it and the next), then canvas rows mix their two. A canvas row mixes
     * source rows j and j + 1 (or j twice), so source row j is kept in slot
     * j % 2: the two never share a slot. */
    enum { MAX_W = 16384 };
    static int ci0[MAX_W], ci1[MAX_W], cf[MAX_W];
    static int rows_x[2][3 * MAX_W];
    int held[2] = { -1, -1 };
    for (int x = 0; x < c->w; x++) sample_at(x, c->w, gw, &ci0[x], &ci1[x], &cf[x]);
    for (int y = 0; y < c->h; y++) {
        int j[2], fv;
        sample_at(y, c->h, gh, &j[0], &j[1], &fv);
        for (int s = 0; s < 2; s++)
            if (held[j[s] % 2] != j[s]) {
                stretch_row(c, rgba, gw, j[s], ci0, ci1, cf, rows_x[j[s] % 2]);
                held[j[s] % 2] = j[s];
            }
        const int *t = rows_x[j[0] % 2], *u = rows_x[j[1] % 2];
        Uint32 *row = c->px + (size_t)y * (size_t)c->w;
        for (int x = 0; x < c->w; x++) {
            Uint32 out = 0xff000000u;
            for (int k = 0; k < 3; k++) {
                const int tk = t[3 * x + k], uk = u[3 * x + k];     /* x256 */
                out |= (Uint32)((tk * 256 + (uk - tk) * fv + 32768) >> 16) << (16 - 8 * k);
            }
            row[x] = out;
        }
    }
}

void gfx_canvas_scatter(gfx_canvas *c, SDL_Rect area, const float *xy, int n, const int *cls,
                        const gfx_scatter_desc *d)
{
    const float s = d->scale > 0.0f ? d->scale : 1.0f;
    const float rad = (d->radius > 0.0f ? d->radius : 5.0f) * s;
    /* As gfx_scatter: rings get a halo each; filled dots get every outline
     * first, then every dot, so one dot's outline never cuts into another. */
    for (int pass = d->style != GFX_POINT_RING && d->outline.a ? 0 : 1; pass < 2; pass++)
        for (int i = 0; i < n; i++) {
            const SDL_FPoint p = gfx_scatter_map(d, area, xy[2 * i], xy[2 * i + 1]);
            if (!isfinite(p.x) || !isfinite(p.y)) continue;
            const SDL_Color col = cls ? pal_category(cls[i]) : d->color;
            if (d->style == GFX_POINT_RING) {
                if (d->outline.a) gfx_canvas_ring(c, p.x, p.y, rad, 1.5f * s + 2.0f, d->outline);
                gfx_canvas_ring(c, p.x, p.y, rad, 1.5f * s + 0.5f, col);
            } else if (pass == 0) {
                gfx_canvas_disc(c, p.x, p.y, rad + 1.0f * s, d->outline);
            } else {
                gfx_canvas_disc(c, p.x, p.y, rad, col);
            }
        }
}

SDL_Color gfx_canvas_pixel(const gfx_canvas *c, int x, int y)
{
    if (!c->px || x < 0 || y < 0 || x >= c->w || y >= c->h) return (SDL_Color){ 0, 0, 0, 0 };
    const Uint32 v = c->px[(size_t)y * (size_t)c->w + (size_t)x];
    return (SDL_Color){ (Uint8)(v >> 16), (Uint8)(v >> 8), (Uint8)v, 255 };
}

int gfx_canvas_show(gfx_canvas *c, SDL_Renderer *r, int x, int y)
{
    if (!c->tex || c->owner != r) return -1;
    const SDL_Rect part = { 0, 0, c->w, c->h };
    if (c->dirty && SDL_UpdateTexture(c->tex, &part, c->px, c->w * (int)sizeof *c->px) != 0) return -1;
    c->dirty = 0;
    const SDL_Rect dst = { x, y, c->w, c->h };
    return SDL_RenderCopy(r, c->tex, &part, &dst);
}
