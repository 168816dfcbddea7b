/* app/draw/prim.c - antialiased lines and discs from triangles.
 *
 * Every shape is emitted into one static vertex/index batch. A shape never
 * straddles a flush: reserve() flushes first when the batch is too full.
 */
#include "draw/prim.h"

#include <math.h>

#define BATCH_V 4096
#define BATCH_I (BATCH_V * 3)
#define PI_F 3.14159265f

static struct {
    SDL_Vertex v[BATCH_V];
    int        idx[BATCH_I];
    int        nv, ni;
} B;

/* Renderers' 1x1 white textures (gfx_prim_attach); a few renderers at most. */
#define N_WHITE 8
static struct { SDL_Renderer *r; SDL_Texture *t; } WHITE[N_WHITE];

void gfx_prim_attach(SDL_Renderer *r, SDL_Texture *white)
{
    for (int i = 0; i < N_WHITE; i++)
        if (!WHITE[i].t) { WHITE[i].r = r; WHITE[i].t = white; return; }
}

void gfx_prim_detach(SDL_Texture *white)
{
    for (int i = 0; i < N_WHITE; i++)
        if (WHITE[i].t == white) WHITE[i].r = NULL, WHITE[i].t = NULL;
}

static SDL_Texture *white_of(SDL_Renderer *r)
{
    for (int i = 0; i < N_WHITE; i++)
        if (WHITE[i].t && WHITE[i].r == r) return WHITE[i].t;
    return NULL;
}

static void flush(SDL_Renderer *r)
{
    if (B.ni > 0) {
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
        SDL_RenderGeometry(r, white_of(r), B.v, B.nv, B.idx, B.ni);
    }
    B.nv = B.ni = 0;
}

/* Make room for nv vertices and ni indices; returns the first vertex index. */
static int reserve(SDL_Renderer *r, int nv, int ni)
{
    if (B.nv + nv > BATCH_V || B.ni + ni > BATCH_I) flush(r);
    return B.nv;
}

static void vert(float x, float y, SDL_Color c)
{
    B.v[B.nv++] = (SDL_Vertex){ { x, y }, c, { 0.0f, 0.0f } };
}

static void tri(int a, int b, int c)
{
    B.idx[B.ni++] = a;
    B.idx[B.ni++] = b;
    B.idx[B.ni++] = c;
}

/* Quad a-b-c-d (in order around the edge) as two triangles. */
static void quad(int a, int b, int c, int d)
{
    tri(a, b, c);
    tri(a, c, d);
}

SDL_Color gfx_fade(SDL_Color c, float a)
{
    if (!(a > 0.0f)) a = 0.0f;
    if (a > 1.0f) a = 1.0f;
    c.a = (Uint8)lroundf((float)c.a * a);
    return c;
}

/* A segment as a core band of half-width h plus a 1 px feather on each side.
 * Thin lines (< 1 px) keep a 0.5 px core with reduced alpha so they look
 * thinner instead of vanishing. */
static void segment(SDL_Renderer *r, float x0, float y0, float x1, float y1, float w, SDL_Color c)
{
    float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
    if (!(len > 1e-4f) || !isfinite(len)) return;
    if (w < 1.0f) { c = gfx_fade(c, w); w = 1.0f; }
    float nx = -dy / len, ny = dx / len;
    float h = w * 0.5f - 0.5f, f = h + 1.0f;
    if (h < 0.0f) h = 0.0f;
    SDL_Color c0 = c;
    c0.a = 0;
    int b = reserve(r, 8, 18);
    /* end 0: outer-left, inner-left, inner-right, outer-right; then end 1 */
    vert(x0 + nx * f, y0 + ny * f, c0); vert(x0 + nx * h, y0 + ny * h, c);
    vert(x0 - nx * h, y0 - ny * h, c);  vert(x0 - nx * f, y0 - ny * f, c0);
    vert(x1 + nx * f, y1 + ny * f, c0); vert(x1 + nx * h, y1 + ny * h, c);
    vert(x1 - nx * h, y1 - ny * h, c);  vert(x1 - nx * f, y1 - ny * f, c0);
    quad(b + 0, b + 1, b + 5, b + 4);   /* left feather */
    quad(b + 1, b + 2, b + 6, b + 5);   /* core */
    quad(b + 2, b + 3, b + 7, b + 6);   /* right feather */
}

void gfx_line(SDL_Renderer *r, float x0, float y0, float x1, float y1, float width, SDL_Color c)
{
    segment(r, x0, y0, x1, y1, width, c);
    flush(r);
}

/* Segments around a circle: enough that the polygon edge stays within a
 * fraction of a pixel of the true circle. */
static int circle_steps(float radius)
{
    if (!(radius < 42.0f)) return 96;   /* also NaN and huge radii: no int overflow */
    int n = (int)(radius * 2.0f) + 12;
    return n > 96 ? 96 : n;
}

static void disc(SDL_Renderer *r, float cx, float cy, float rad, SDL_Color c)
{
    if (!isfinite(cx) || !isfinite(cy) || !(rad > 0.0f)) return;
    int n = circle_steps(rad);
    float inner = rad - 0.5f > 0.0f ? rad - 0.5f : 0.0f, outer = rad + 0.5f;
    SDL_Color c0 = c;
    c0.a = 0;
    int b = reserve(r, 1 + 2 * n, 9 * n);
    vert(cx, cy, c);
    for (int i = 0; i < n; i++) {
        float a = 2.0f * PI_F * (float)i / (float)n, ca = cosf(a), sa = sinf(a);
        vert(cx + ca * inner, cy + sa * inner, c);
        vert(cx + ca * outer, cy + sa * outer, c0);
    }
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        int ii = b + 1 + 2 * i, jj = b + 1 + 2 * j;
        tri(b, ii, jj);
        quad(ii, ii + 1, jj + 1, jj);
    }
}

void gfx_disc(SDL_Renderer *r, float cx, float cy, float radius, SDL_Color c)
{
    disc(r, cx, cy, radius, c);
    flush(r);
}

void gfx_discs(SDL_Renderer *r, const SDL_FPoint *centres, int n, float radius,
               const SDL_Color *colours, SDL_Color c)
{
    for (int i = 0; i < n; i++) disc(r, centres[i].x, centres[i].y, radius, colours ? colours[i] : c);
    flush(r);
}

void gfx_ring(SDL_Renderer *r, float cx, float cy, float radius, float width, SDL_Color c)
{
    if (!isfinite(cx) || !isfinite(cy) || !(radius > 0.0f) || !(width > 0.0f)) return;
    int n = circle_steps(radius + width);
    float h = width * 0.5f;
    /* four rings of vertices: outer feather, outer core, inner core, inner feather */
    float rr[4] = { radius + h + 0.5f, radius + h - 0.5f, radius - h + 0.5f, radius - h - 0.5f };
    if (rr[1] < rr[2]) rr[1] = rr[2] = radius;   /* stroke thinner than 1 px */
    for (int k = 0; k < 4; k++) if (rr[k] < 0.0f) rr[k] = 0.0f;
    SDL_Color c0 = c;
    c0.a = 0;
    int b = reserve(r, 4 * n, 18 * n);
    for (int i = 0; i < n; i++) {
        float a = 2.0f * PI_F * (float)i / (float)n, ca = cosf(a), sa = sinf(a);
        for (int k = 0; k < 4; k++)
            vert(cx + ca * rr[k], cy + sa * rr[k], (k == 0 || k == 3) ? c0 : c);
    }
    for (int i = 0; i < n; i++) {
        int p = b + 4 * i, q = b + 4 * ((i + 1) % n);
        for (int k = 0; k < 3; k++) quad(p + k, p + k + 1, q + k + 1, q + k);
    }
    flush(r);
}

/* Which sides of the box [x0, x1] x [y0, y1] the point is beyond. */
static int outcode(double x, double y, const double box[4])
{
    return (x < box[0]) | (x > box[2]) << 1 | (y < box[1]) << 2 | (y > box[3]) << 3;
}

/* The segment a-b cut to the box (Cohen-Sutherland: each cut puts a point on
 * a box edge, computed from that edge, so even a point at 1e30 lands within
 * a fraction of a pixel of where it should). Returns 0 when nothing of it is
 * inside. A segment wholly inside is left unchanged. At most four cuts. */
static int clip_to_box(double *ax, double *ay, double *bx, double *by, const double box[4])
{
    for (int cuts = 0; cuts < 5; cuts++) {
        const int ca = outcode(*ax, *ay, box), cb = outcode(*bx, *by, box);
        if (!(ca | cb)) return 1;
        if (ca & cb) return 0;
        const int out = ca ? ca : cb;
        double *px = ca ? ax : bx, *py = ca ? ay : by;
        const double dx = *bx - *ax, dy = *by - *ay;
        if (out & 3) {                        /* left or right: a point on that vertical edge */
            const double x = out & 1 ? box[0] : box[2];
            *py = *ay + dy * ((x - *ax) / dx);
            *px = x;
        } else {                              /* top or bottom */
            const double y = out & 4 ? box[1] : box[3];
            *px = *ax + dx * ((y - *ay) / dy);
            *py = y;
        }
        if (!isfinite(*px) || !isfinite(*py)) return 0;
    }
    return 0;
}

/* The segment a-b cut to the box; returns 0 when nothing of it is inside.
 * A segment wholly inside is returned unchanged. */
static int clip_segment(SDL_FPoint *a, SDL_FPoint *b, const double box[4])
{
    double ax = a->x, ay = a->y, bx = b->x, by = b->y;
    if (!clip_to_box(&ax, &ay, &bx, &by, box)) return 0;
    *a = (SDL_FPoint){ (float)ax, (float)ay };
    *b = (SDL_FPoint){ (float)bx, (float)by };
    return 1;
}

/* Dashes along one segment a-b. *phase is how far into the dash period the
 * segment starts, in [0, period); it is advanced by the segment's length.
 * Only the part of the segment inside `box` (the target plus a margin) is
 * walked, dash by dash with a counted loop, so the work is bounded by the
 * box's diagonal over the period however long (or far off) the segment is. */
static void dash_segment(SDL_Renderer *r, SDL_FPoint a, SDL_FPoint b, float width, SDL_Color c,
                         double dash, double *phase, const double box[4])
{
    const double period = 2.0 * dash;
    const double dx = (double)b.x - a.x, dy = (double)b.y - a.y, len = sqrt(dx * dx + dy * dy);
    double x0 = a.x, y0 = a.y, x1 = b.x, y1 = b.y;
    if (len > 0.0 && isfinite(len) && clip_to_box(&x0, &y0, &x1, &y1, box)) {
        /* The visible stretch p0-p1, and the phase where it starts. */
        const double skip = sqrt((x0 - a.x) * (x0 - a.x) + (y0 - a.y) * (y0 - a.y));
        const double ex = x1 - x0, ey = y1 - y0, vis = sqrt(ex * ex + ey * ey);
        const double ph = fmod(*phase + skip, period);
        /* Dash k covers [k * period - ph, k * period - ph + dash] from p0,
         * for k from 0 to the last one that starts before vis. */
        const int count = vis > 0.0 ? (int)fmin(ceil((vis + ph) / period), 1e6) : 0;
        for (int k = 0; k < count; k++) {
            const double start = k * period - ph;
            const double s0 = start > 0.0 ? start : 0.0, s1 = start + dash < vis ? start + dash : vis;
            if (!(s1 > s0)) continue;
            const double u0 = s0 / vis, u1 = s1 / vis;
            segment(r, (float)(x0 + ex * u0), (float)(y0 + ey * u0), (float)(x0 + ex * u1),
                    (float)(y0 + ey * u1), width, c);
        }
    }
    if (isfinite(len)) *phase = fmod(*phase + len, period);
    if (!(*phase >= 0.0 && *phase < period)) *phase = 0.0;
}

void gfx_polyline(SDL_Renderer *r, const SDL_FPoint *pts, int n, float width, SDL_Color c,
                  float dash)
{
    /* A dash shorter than a pixel is drawn as a pixel; NaN, 0 or an infinite
     * dash is a solid line. */
    const int dashed = dash > 0.0f && isfinite(dash);
    const double d = dash < 1.0f ? 1.0 : (double)dash;
    /* Lines are drawn (and dashes walked) only where they can be seen: the
     * target plus a margin for the line's width. A line thousands of screens
     * long costs no more than one across the window. */
    int ow, oh;
    if (SDL_GetRendererOutputSize(r, &ow, &oh) != 0) ow = oh = 16384;
    const double margin = 2.0 * d + (width > 0.0f && width < 1e4f ? (double)width : 1e4) + 2.0;
    const double box[4] = { -margin, -margin, ow + margin, oh + margin };
    /* Dash phase runs along the whole path so dashes don't restart at every vertex. */
    double phase = 0.0;
    for (int i = 0; i + 1 < n; i++) {
        SDL_FPoint a = pts[i], b = pts[i + 1];
        if (!isfinite(a.x) || !isfinite(a.y) || !isfinite(b.x) || !isfinite(b.y)) continue;
        if (dashed) {
            dash_segment(r, a, b, width, c, d, &phase, box);
            continue;
        }
        const int joint = i > 0 && a.x >= box[0] && a.x <= box[2] && a.y >= box[1] && a.y <= box[3];
        if (!clip_segment(&a, &b, box)) continue;
        segment(r, a.x, a.y, b.x, b.y, width, c);
        /* round joins for thick lines hide the notches between segments */
        if (width > 2.5f && joint) disc(r, a.x, a.y, width * 0.5f, c);
    }
    flush(r);
}

void gfx_triangle(SDL_Renderer *r, SDL_FPoint a, SDL_FPoint b, SDL_FPoint c, SDL_Color col)
{
    int i = reserve(r, 3, 3);
    vert(a.x, a.y, col);
    vert(b.x, b.y, col);
    vert(c.x, c.y, col);
    tri(i, i + 1, i + 2);
    flush(r);
}

void gfx_fill_rect(SDL_Renderer *r, SDL_Rect rc, SDL_Color c)
{
    /* Opaque: a plain fill gives the same pixels as blending at alpha 255,
     * which SDL's software renderer does pixel by pixel (a fifth of a
     * 1920x1080 frame's time went to blending opaque panels). */
    SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(r, &rc);
}

void gfx_rect_outline(SDL_Renderer *r, SDL_Rect rc, int t, SDL_Color c)
{
    if (t < 1) t = 1;
    if (rc.w <= 0 || rc.h <= 0) return;
    if (2 * t >= rc.w || 2 * t >= rc.h) { gfx_fill_rect(r, rc, c); return; }
    gfx_fill_rect(r, (SDL_Rect){ rc.x, rc.y, rc.w, t }, c);
    gfx_fill_rect(r, (SDL_Rect){ rc.x, rc.y + rc.h - t, rc.w, t }, c);
    gfx_fill_rect(r, (SDL_Rect){ rc.x, rc.y + t, t, rc.h - 2 * t }, c);
    gfx_fill_rect(r, (SDL_Rect){ rc.x + rc.w - t, rc.y + t, t, rc.h - 2 * t }, c);
}

int gfx_clip_push(SDL_Renderer *r, SDL_Rect want, gfx_clip *saved)
{
    saved->had = SDL_RenderIsClipEnabled(r);
    SDL_RenderGetClipRect(r, &saved->rect);
    SDL_Rect clip = want;
    if (saved->had && !SDL_IntersectRect(&want, &saved->rect, &clip)) return 0;
    if (clip.w <= 0 || clip.h <= 0) return 0;
    SDL_RenderSetClipRect(r, &clip);
    return 1;
}

void gfx_clip_pop(SDL_Renderer *r, const gfx_clip *saved)
{
    SDL_RenderSetClipRect(r, saved->had ? &saved->rect : NULL);
}
