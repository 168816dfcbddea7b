/* app/draw/strip.c - lines and rectangles as one geometry batch (see strip.h). */
#include "draw/strip.h"

#include <math.h>

#define STRIP_V 4096   /* 1024 points of 4 vertices; longer lines go in pieces */

static SDL_Vertex V[STRIP_V];
static int        I[STRIP_V / 4 * 18];

static void flush(SDL_Renderer *r, int nv, int ni)
{
    if (ni <= 0) return;
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(r, NULL, V, nv, I, ni);
}

static SDL_Vertex vx(float x, float y, SDL_Color c) { return (SDL_Vertex){ { x, y }, c, { 0.0f, 0.0f } }; }

/* The unit normal of segment a->b (0, 0 when it has no length). */
static SDL_FPoint normal(SDL_FPoint a, SDL_FPoint b)
{
    const float dx = b.x - a.x, dy = b.y - a.y, len = sqrtf(dx * dx + dy * dy);
    if (!(len > 1e-4f) || !isfinite(len)) return (SDL_FPoint){ 0.0f, 0.0f };
    return (SDL_FPoint){ -dy / len, dx / len };
}

/* One run of finite points, at most STRIP_V / 4 of them. */
static void run(SDL_Renderer *r, const SDL_FPoint *p, int n, float w, SDL_Color c)
{
    if (n < 2) return;
    if (w < 1.0f) { c.a = (Uint8)lroundf((float)c.a * (w > 0.0f ? w : 0.0f)); w = 1.0f; }
    SDL_Color c0 = c;
    c0.a = 0;
    float h = w * 0.5f - 0.5f;
    if (h < 0.0f) h = 0.0f;
    const float f = h + 1.0f;
    int nv = 0, ni = 0;
    for (int i = 0; i < n; i++) {
        const SDL_FPoint n0 = i > 0 ? normal(p[i - 1], p[i]) : normal(p[i], p[i + 1]);
        const SDL_FPoint n1 = i + 1 < n ? normal(p[i], p[i + 1]) : n0;
        float mx = n0.x + n1.x, my = n0.y + n1.y, ml = sqrtf(mx * mx + my * my);
        if (!(ml > 1e-4f)) { mx = n1.x; my = n1.y; ml = 1.0f; if (mx == 0.0f && my == 0.0f) my = -1.0f; }
        mx /= ml;
        my /= ml;
        /* the mitre: 1 / cos(half the turn), capped */
        float cosh_ = mx * n1.x + my * n1.y;
        if (n1.x == 0.0f && n1.y == 0.0f) cosh_ = mx * n0.x + my * n0.y;
        const float k = cosh_ > 1.0f / 3.0f ? 1.0f / cosh_ : 3.0f;
        const float x = p[i].x, y = p[i].y;
        V[nv + 0] = vx(x + mx * f * k, y + my * f * k, c0);
        V[nv + 1] = vx(x + mx * h * k, y + my * h * k, c);
        V[nv + 2] = vx(x - mx * h * k, y - my * h * k, c);
        V[nv + 3] = vx(x - mx * f * k, y - my * f * k, c0);
        if (i > 0)
            for (int q = 0; q < 3; q++) {   /* left feather, core, right feather */
                const int a0 = nv - 4 + q, a1 = a0 + 1, b0 = nv + q, b1 = b0 + 1;
                I[ni++] = a0; I[ni++] = a1; I[ni++] = b1;
                I[ni++] = a0; I[ni++] = b1; I[ni++] = b0;
            }
        nv += 4;
    }
    flush(r, nv, ni);
}

void gfx_strip(SDL_Renderer *r, const SDL_FPoint *pts, int n, float width, SDL_Color c)
{
    enum { MAXP = STRIP_V / 4 };
    int start = 0;
    for (int i = 0; i <= n; i++) {
        const int ok = i < n && isfinite(pts[i].x) && isfinite(pts[i].y);
        if (ok && i - start < MAXP) continue;
        /* pts[start, i) is a finite run (or full): draw it; a full run
         * continues from its last point so the line has no gap */
        run(r, pts + start, i - start, width, c);
        if (i == n) break;
        start = ok ? i - 1 : i + 1;
    }
}

void gfx_rects(SDL_Renderer *r, const SDL_FRect *rects, int n, SDL_Color c)
{
    int nv = 0, ni = 0;
    for (int i = 0; i < n; i++) {
        const SDL_FRect q = rects[i];
        if (!(q.w > 0.0f) || !(q.h > 0.0f) || !isfinite(q.x) || !isfinite(q.y)) continue;
        if (nv + 4 > STRIP_V) { flush(r, nv, ni); nv = ni = 0; }
        V[nv + 0] = vx(q.x, q.y, c);
        V[nv + 1] = vx(q.x + q.w, q.y, c);
        V[nv + 2] = vx(q.x + q.w, q.y + q.h, c);
        V[nv + 3] = vx(q.x, q.y + q.h, c);
        I[ni++] = nv; I[ni++] = nv + 1; I[ni++] = nv + 2;
        I[ni++] = nv; I[ni++] = nv + 2; I[ni++] = nv + 3;
        nv += 4;
    }
    flush(r, nv, ni);
}
