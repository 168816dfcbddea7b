/* app/views/surface_draw.c - the Optimizer paths view's pictures (see surface_draw.h). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/hover.h"
#include "draw/plot.h"
#include "draw/prim.h"
#include "nn/status.h"
#include "shell/net_slice.h"
#include "ui/ui.h"
#include "views/surface_draw.h"

const char *const sv_opt_title[SLAB_LANES] = { "SGD", "Momentum", "RMSprop", "Adam", "AdaGrad" };

static int px(const app *a, float v) { return (int)(v * a->scale + 0.5f); }

/* A number for the screen: never "nan" or "inf". */
const char *sv_num(char *buf, size_t n, double x, int sig)
{
    if (!isfinite(x)) snprintf(buf, n, "%s", x != x ? "(undefined)" : x > 0 ? "(huge)" : "(-huge)");
    else gfx_format_value(buf, n, x, sig);
    return buf;
}

/* ---- the map's box and the geometry of the picture ---------------------------------- */

void sv_box_of(const surface_lab *L, float box[4])
{
    memcpy(box, L->view, sizeof L->view);
    if (!(box[1] > box[0]) || !(box[3] > box[2])) { box[0] = -1; box[1] = 1; box[2] = -1; box[3] = 1; }
}

/* The map's axes; a low map (a small window at a big zoom) leaves out the
 * axis names: the tick values are what matters there. */
gfx_frame sv_map_frame(const surface_lab *L, const float box[4], int compact)
{
    return (gfx_frame){ .x_label = compact ? NULL : L->network ? "a (direction 1)" : "x",
                        .y_label = compact ? NULL : L->network ? "b (direction 2)" : "y",
                        .x = { box[0], box[1], 0 }, .y = { box[2], box[3], 0 } };
}

/* Data <-> screen on the map (pixel edges: x0 at inner.x, x1 at inner.x + inner.w). */
static float sx_of(const SDL_Rect in, const float box[4], double x)
{
    return (float)in.x + (float)((x - box[0]) / (box[1] - box[0])) * (float)in.w;
}
static float sy_of(const SDL_Rect in, const float box[4], double y)
{
    return (float)(in.y + in.h) - (float)((y - box[2]) / (box[3] - box[2])) * (float)in.h;
}

/* ---- the map: sampling, scale, levels --------------------------------------------- */

static int cmp_float(const void *p, const void *q)
{
    const float a = *(const float *)p, b = *(const float *)q;
    return (a > b) - (a < b);
}

/* Colours and contour levels for the sampled grid: log-spaced when f spans
 * decades above its minimum, else linear. */
static void choose_scale(surface_view *v, const surface_lab *L, int light)
{
    const int n = v->cols * v->rows;
    double lo = INFINITY, hi = -INFINITY;
    int finite = 0;
    for (int i = 0; i < n; i++)
        if (isfinite(v->grid[i])) {
            finite++;
            if (v->grid[i] < lo) lo = v->grid[i];
            if (v->grid[i] > hi) hi = v->grid[i];
        }
    v->n_levels = 0;
    if (!finite || !(hi > lo)) {
        for (int i = 0; i < n; i++) v->shade[i] = 0.0f;
        v->cd = (gfx_contour_desc){ .lo = 0, .hi = 1 };
        v->log_scale = 0;
    } else {
        const nn_surf_info *info = L->network ? NULL : nn_surf_info_get(L->base.surf.kind);
        double base = lo;
        for (int p = 0; info && p < info->n_points; p++)
            if (info->points[p].kind != NN_SURF_SADDLE_POINT && info->points[p].f < base) base = info->points[p].f;
        /* the median height above the lowest point, against the highest */
        float *tmp = v->shade;
        int k = 0;
        for (int i = 0; i < n; i++) if (isfinite(v->grid[i])) tmp[k++] = v->grid[i];
        qsort(tmp, (size_t)k, sizeof *tmp, cmp_float);
        const double median = tmp[k / 2] - base, p02 = tmp[k / 50] - base, top = hi - base;
        const int saddle = info && info->n_points == 1 && info->points[0].kind == NN_SURF_SADDLE_POINT;
        v->log_scale = !saddle && median > 0 && top / median > 6.0;
        double vals[SV_MAX_LEVELS];
        if (v->log_scale) {
            v->base = base;
            v->eps = top * 1e-6 > 1e-12 ? top * 1e-6 : 1e-12;
            double first = p02 > top * 1e-5 ? p02 : top * 1e-5;
            v->n_levels = gfx_contour_levels(first, top, 1, 14, vals, SV_MAX_LEVELS);
            for (int i = 0; i < n; i++)
                v->shade[i] = isfinite(v->grid[i]) ? (float)log10(v->grid[i] - base + v->eps) : NAN;
            for (int i = 0; i < v->n_levels; i++) {
                v->levels[i] = (float)log10(vals[i] + v->eps);
                sv_num(v->level_text[i], sizeof v->level_text[i], base + vals[i], 2);
            }
            v->cd.lo = (float)log10(first * 0.5 + v->eps);
            v->cd.hi = (float)log10(top + v->eps);
        } else {
            v->base = 0;
            v->n_levels = gfx_contour_levels(lo, hi, 0, 12, vals, SV_MAX_LEVELS);
            const double step = v->n_levels > 1 ? vals[1] - vals[0] : hi - lo;
            for (int i = 0; i < n; i++) v->shade[i] = v->grid[i];
            for (int i = 0; i < v->n_levels; i++) {
                v->levels[i] = (float)vals[i];
                gfx_format_tick(v->level_text[i], sizeof v->level_text[i], vals[i], step, 0);
            }
            v->cd.lo = (float)lo;
            v->cd.hi = (float)hi;
        }
    }
    for (int i = 0; i < v->n_levels; i++) v->level_ptr[i] = v->level_text[i];
    /* Grey from deep (low) to light (high), so the five coloured paths own the colour. */
    v->cd.low = light ? (SDL_Color){ 118, 124, 138, 255 } : (SDL_Color){ 26, 32, 46, 255 };
    v->cd.high = light ? (SDL_Color){ 246, 246, 248, 255 } : (SDL_Color){ 150, 156, 170, 255 };
    v->cd.line = light ? (SDL_Color){ 40, 44, 56, 120 } : (SDL_Color){ 225, 230, 240, 110 };
    v->cd.levels = v->levels;
    v->cd.n_levels = v->n_levels;
    v->cd.flip_y = 1;
}

/* Samples f at the centres of cols x rows cells over the box. */
static void sample_table(surface_view *v, const surface_lab *L, const float box[4])
{
    const float dx = (box[1] - box[0]) / (float)v->cols, dy = (box[3] - box[2]) / (float)v->rows;
    if (nn_surf_grid(&L->base.surf, box[0] + dx / 2, box[1] - dx / 2, box[2] + dy / 2, box[3] - dy / 2, v->cols,
                     v->rows, v->grid) != NN_OK)
        for (int i = 0; i < v->cols * v->rows; i++) v->grid[i] = NAN;
}

/* The network's slice costs a pass over the training set per point: its map
 * is sampled 9 x 9, then 17 x 17, then 33 x 33, within a few milliseconds a
 * frame; each finished resolution replaces the last. Returns 1 when a
 * resolution was finished this frame. */
static int sample_network(surface_view *v, const surface_lab *L, const float box[4], float *work)
{
    static const int RES[3] = { 9, 17, 33 };
    if (v->net_res >= 3) return 0;
    const int n = RES[v->net_res];
    const float dx = (box[1] - box[0]) / (float)n, dy = (box[3] - box[2]) / (float)n;
    const Uint64 t0 = SDL_GetPerformanceCounter(), budget = SDL_GetPerformanceFrequency() / 200;   /* 5 ms */
    while (v->net_done < n * n) {
        const int i = v->net_done % n, j = v->net_done / n;
        work[v->net_done] = (float)nn_surf_eval(&L->base.surf, box[0] + dx * ((float)i + 0.5f),
                                                box[2] + dy * ((float)j + 0.5f), NULL, NULL);
        v->net_done++;
        if (SDL_GetPerformanceCounter() - t0 > budget) break;
    }
    if (v->net_done < n * n) return 0;
    v->cols = v->rows = n;
    memcpy(v->grid, work, sizeof(float) * (size_t)n * (size_t)n);
    v->net_res++;
    v->net_done = 0;
    return 1;
}

/* (Re)draws the map canvas when the surface, its box or the size changed;
 * the network's map is refined over the next frames. */
static void ensure_map(surface_view *v, app *a, const surface_lab *L, SDL_Rect inner)
{
    float box[4];
    sv_box_of(L, box);
    sv_map_key k = { .kind = (int)L->base.surf.kind, .network = L->network, .w = inner.w, .h = inner.h,
                  .light = a->light, .cond = L->base.surf.kind == NN_SURF_BOWL ? L->base.surf.cond : 0 };
    memcpy(k.box, box, sizeof k.box);
    k.slice = L->network ? L->base.surf.user : NULL;
    const int same = v->key_valid && k.kind == v->key.kind && k.network == v->key.network && k.w == v->key.w &&
                     k.h == v->key.h && k.light == v->key.light && k.cond == v->key.cond &&
                     !memcmp(k.box, v->key.box, sizeof k.box) && k.slice == v->key.slice;
    static float work[33 * 33];
    int redraw = !same;
    if (!same) {
        v->key = k;
        v->key_valid = 1;
        if (L->network) {
            v->net_res = v->net_done = 0;
            v->cols = v->rows = 0;
        } else {
            v->cols = inner.w / 3 < 200 ? inner.w / 3 : 200;
            v->rows = inner.h / 3 < 200 ? inner.h / 3 : 200;
            if (v->cols < 8) v->cols = 8;
            if (v->rows < 8) v->rows = 8;
            sample_table(v, L, box);
        }
    }
    if (L->network) redraw = sample_network(v, L, box, work) || (!same && v->cols == 0);
    if (!redraw) return;
    if (gfx_canvas_begin(&v->canvas, a->r, inner.w, inner.h, a->style.bg) != 0) return;
    if (v->cols == 0) {                         /* the network's first map is on its way */
        v->n_levels = 0;
        return;
    }
    choose_scale(v, L, a->light);
    v->cd.line_width = 1.2f * a->scale;
    gfx_contour_map(&v->canvas, v->shade, v->cols, v->rows, &v->cd);
}

/* The surfaces as the dropdown lists them, the network last. */
const char *sv_surf_title(int i)
{
    static const char *const T[NN_SURF_COUNT + 1] = {
        [NN_SURF_BOWL] = "Elongated bowl", [NN_SURF_ROSENBROCK] = "Rosenbrock", [NN_SURF_BEALE] = "Beale",
        [NN_SURF_SADDLE] = "Saddle", [NN_SURF_HIMMELBLAU] = "Himmelblau",
        [NN_SURF_CAMEL] = "Six-hump camel", [NN_SURF_PLATEAU] = "Plateau", [NN_SURF_COUNT] = "Your network",
    };
    return i >= 0 && i <= NN_SURF_COUNT ? T[i] : "?";
}

/* Appends to out (cap bytes, *used so far), cutting what does not fit. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void put(char *out, size_t cap, size_t *used, const char *fmt, ...)
{
    if (*used + 1 >= cap) return;
    va_list ap;
    va_start(ap, fmt);
    const int w = vsnprintf(out + *used, cap - *used, fmt, ap);
    va_end(ap);
    if (w > 0) *used += (size_t)w < cap - *used ? (size_t)w : cap - *used - 1;
}

/* The update the selected optimizer took last, with the notes' formula and
 * the live values (v-hat, s-hat worked out here from v, s and t for the
 * page; the step is the one the walk took). */
void sv_write_numbers(surface_view *v, const surface_lab *L)
{
    const int k = v->sel;
    const slab_lane *ln = &L->lane[k];
    const nn_optim *o = ln->walk.opt;
    char *out = v->numbers;
    const size_t cap = sizeof v->numbers;
    size_t u = 0;
#define PUT(...) put(out, cap, &u, __VA_ARGS__)
    char a1[24], a2[24], b1[24], b2[24];
    const float lr = ln->walk.cur.lr > 0 ? ln->walk.cur.lr : ln->lr;
    PUT("**%s**, learning rate %s", sv_opt_title[k], sv_num(a1, sizeof a1, lr, 3));
    if (k == NN_OPT_MOMENTUM || k == NN_OPT_RMSPROP) PUT(", \xCE\xB2 = %s", sv_num(a2, sizeof a2, ln->opt.beta, 3));
    if (k == NN_OPT_ADAM)
        PUT(", \xCE\xB2\xE2\x82\x81 = %s, \xCE\xB2\xE2\x82\x82 = %s", sv_num(a2, sizeof a2, ln->opt.beta, 3),
            sv_num(b1, sizeof b1, ln->opt.beta2, 4));
    PUT("\n\n");
    if (!ln->shown) { PUT("Hidden: tick it on the Race tab to run it."); return; }
    if (ln->walk.step == 0 || !o) {
        PUT("At the start. Press **Step** to see the first update written out.\n\n");
    }
    static const char *const FORMULA[SLAB_LANES] = {
        "w \xE2\x86\x90 w \xE2\x88\x92 lr\xC2\xB7g",
        "v \xE2\x86\x90 \xCE\xB2v + (1\xE2\x88\x92\xCE\xB2)g\nw \xE2\x86\x90 w \xE2\x88\x92 lr\xC2\xB7v",
        "s \xE2\x86\x90 \xCE\xB2s + (1\xE2\x88\x92\xCE\xB2)g\xC2\xB2\nw \xE2\x86\x90 w \xE2\x88\x92 lr\xC2\xB7g / (\xE2\x88\x9As + \xCE\xB5)",
        "v \xE2\x86\x90 \xCE\xB2\xE2\x82\x81v + (1\xE2\x88\x92\xCE\xB2\xE2\x82\x81)g\ns \xE2\x86\x90 \xCE\xB2\xE2\x82\x82s + (1\xE2\x88\x92\xCE\xB2\xE2\x82\x82)g\xC2\xB2\n"
        "v\xCC\x82 = v / (1\xE2\x88\x92\xCE\xB2\xE2\x82\x81\xE1\xB5\x97),  s\xCC\x82 = s / (1\xE2\x88\x92\xCE\xB2\xE2\x82\x82\xE1\xB5\x97)\n"
        "w \xE2\x86\x90 w \xE2\x88\x92 lr\xC2\xB7v\xCC\x82 / (\xE2\x88\x9As\xCC\x82 + \xCE\xB5)",
        "G \xE2\x86\x90 G + g\xC2\xB2\nw \xE2\x86\x90 w \xE2\x88\x92 lr\xC2\xB7g / (\xE2\x88\x9AG + \xCE\xB5)",
    };
    PUT("**%s**\n", FORMULA[k]);
    if (k == NN_OPT_ADAM && !ln->opt.bias_correction) PUT("(bias correction off: v\xCC\x82 = v, s\xCC\x82 = s)\n");
    PUT("\n");
    if (ln->walk.step == 0 || !o) return;
    const nn_surf_sample *p = &ln->last_step, *c = &ln->walk.cur;
    PUT("Update %d:\n", ln->walk.step);
    PUT("g = (%s, %s)%s\n", sv_num(a1, sizeof a1, p->gx, 3), sv_num(a2, sizeof a2, p->gy, 3),
        L->base.grad_noise > 0 ? " + noise" : "");
    double vh[2] = { 0, 0 }, sh[2] = { 0, 0 };
    if (o->v) {
        vh[0] = o->v[0]; vh[1] = o->v[1];
        PUT("v = (%s, %s)\n", sv_num(a1, sizeof a1, o->v[0], 3), sv_num(a2, sizeof a2, o->v[1], 3));
    }
    if (o->s) {
        sh[0] = o->s[0]; sh[1] = o->s[1];
        PUT("%s = (%s, %s)\n", k == NN_OPT_ADAGRAD ? "G" : "s", sv_num(a1, sizeof a1, o->s[0], 3),
            sv_num(a2, sizeof a2, o->s[1], 3));
    }
    if (k == NN_OPT_ADAM && ln->opt.bias_correction && o->t > 0) {
        const double c1 = 1.0 - pow(ln->opt.beta, (double)o->t), c2 = 1.0 - pow(ln->opt.beta2, (double)o->t);
        vh[0] /= c1; vh[1] /= c1; sh[0] /= c2; sh[1] /= c2;
        PUT("t = %ld: v\xCC\x82 = (%s, %s)\n", o->t, sv_num(a1, sizeof a1, vh[0], 3), sv_num(a2, sizeof a2, vh[1], 3));
        PUT("s\xCC\x82 = (%s, %s)\n", sv_num(b1, sizeof b1, sh[0], 3), sv_num(b2, sizeof b2, sh[1], 3));
    }
    if (o->s)
        PUT("\xE2\x88\x9A%s = (%s, %s)\n", k == NN_OPT_ADAGRAD ? "G" : k == NN_OPT_ADAM ? "s\xCC\x82" : "s",
            sv_num(a1, sizeof a1, sqrt(sh[0]), 3), sv_num(a2, sizeof a2, sqrt(sh[1]), 3));
    PUT("**step = (%s, %s)**\n", sv_num(a1, sizeof a1, (double)c->x - p->x, 3), sv_num(a2, sizeof a2, (double)c->y - p->y, 3));
    PUT("w = (%s, %s), f = %s\n", sv_num(a1, sizeof a1, c->x, 4), sv_num(a2, sizeof a2, c->y, 4), sv_num(b1, sizeof b1, c->f, 4));
    if (ln->diverged_at) PUT("\n**Diverged at update %d**: the next step left every number behind.\n", ln->diverged_at);
#undef PUT
}

/* ---- drawing ------------------------------------------------------------------------ */

static void arrow(SDL_Renderer *r, float x0, float y0, float x1, float y1, float w, SDL_Color c, float dash)
{
    const float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
    if (!(len > 1.0f)) return;
    const float ux = dx / len, uy = dy / len, head = fminf(4.0f * w, len * 0.6f);
    const SDL_FPoint pts[2] = { { x0, y0 }, { x1 - ux * head * 0.8f, y1 - uy * head * 0.8f } };
    gfx_polyline(r, pts, 2, w, c, dash);
    gfx_triangle(r, (SDL_FPoint){ x1, y1 }, (SDL_FPoint){ x1 - ux * head - uy * head * 0.5f, y1 - uy * head + ux * head * 0.5f },
                 (SDL_FPoint){ x1 - ux * head + uy * head * 0.5f, y1 - uy * head - ux * head * 0.5f }, c);
}

/* ---- the names on the map ------------------------------------------------------------
 * Every name is placed after what it must not cover (the markers, the heads
 * of the paths, the selected optimizer's box and arrows, the names placed
 * before it) and drawn last, on a dark plate so it reads on every shade. */

enum { MAX_BLOCKS = 160, MAX_TAGS = SV_MAX_NAMES };

typedef struct map_tags {
    gfx_font_id font;                     /* the small font on a small map */
    SDL_Rect    in;                       /* the map */
    SDL_Rect    block[MAX_BLOCKS];        /* what a name must not cover */
    int         n_block;
    struct { SDL_Rect plate; SDL_Color c; char text[96]; } tag[MAX_TAGS];
    int         n_tag;
    SDL_Rect    state_box;                /* the selected optimizer's box, if drawn */
} map_tags;

static void block(map_tags *T, SDL_Rect r)
{
    if (T->n_block < MAX_BLOCKS) T->block[T->n_block++] = r;
}

static void block_disc(map_tags *T, float x, float y, float r)
{
    block(T, (SDL_Rect){ (int)(x - r), (int)(y - r), (int)(2 * r) + 1, (int)(2 * r) + 1 });
}

/* A line as a chain of small squares (its bounding box would block far too much). */
static void block_line(map_tags *T, float x0, float y0, float x1, float y1, float w)
{
    const float len = hypotf(x1 - x0, y1 - y0), side = fmaxf(w, 4.0f);
    if (!isfinite(len)) return;
    int n = (int)(len / side) + 1;
    if (n > 24) n = 24;
    for (int i = 0; i <= n; i++) {
        const float t = (float)i / (float)n;
        block_disc(T, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, side / 2 + 1);
    }
}

static int blocked(const map_tags *T, SDL_Rect p)
{
    if (p.x < T->in.x || p.y < T->in.y || p.x + p.w > T->in.x + T->in.w || p.y + p.h > T->in.y + T->in.h) return 1;
    for (int i = 0; i < T->n_block; i++)
        if (SDL_HasIntersection(&p, &T->block[i])) return 1;
    return 0;
}

/* The places tried for a name beside a marker of radius r at (x, y), in order. */
typedef enum { AT_RIGHT, AT_LEFT, AT_BELOW, AT_ABOVE } tag_side;

/* Puts a name near a marker: the first of a few places (the sides in order;
 * above and below also starting or ending at the marker; a place across a
 * side of the optimizer's box also moved off that side; then all of them
 * moved up and down by one to four rows) that is inside the map and covers
 * nothing placed before. None free: the place covering least when must,
 * else no name. Returns 1 if placed. */
static int place(app *a, map_tags *T, float x, float y, float r, const tag_side order[4], SDL_Color c,
                 const char *text, int must)
{
    enum { BASES = 8 * 5, ROWS = 4 };
    if (T->n_tag >= MAX_TAGS) return 0;
    const int pad = px(a, 4), gap = px(a, 4);
    const int w = gfx_text_width(a->fonts, T->font, text) + 2 * pad, h = gfx_text_height(a->fonts, T->font);
    SDL_Rect cand[BASES * (1 + 2 * ROWS)];
    int n = 0;
    for (int i = 0; i < 4; i++) {
        switch (order[i]) {
        case AT_RIGHT: cand[n++] = (SDL_Rect){ (int)(x + r) + gap, (int)y - h / 2, w, h }; break;
        case AT_LEFT: cand[n++] = (SDL_Rect){ (int)(x - r) - gap - w, (int)y - h / 2, w, h }; break;
        case AT_BELOW: cand[n++] = (SDL_Rect){ (int)x - w / 2, (int)(y + r) + gap, w, h }; break;
        case AT_ABOVE: cand[n++] = (SDL_Rect){ (int)x - w / 2, (int)(y - r) - gap - h, w, h }; break;
        }
    }
    for (int i = 0; i < 4; i++) {       /* above and below, off centre */
        if (order[i] != AT_BELOW && order[i] != AT_ABOVE) continue;
        SDL_Rect q = cand[i];
        q.x = (int)x - pad;
        cand[n++] = q;
        q.x = (int)x + pad - w;
        cand[n++] = q;
    }
    /* a place across a side of the optimizer's box: also just inside and just outside that side */
    const SDL_Rect b = T->state_box;
    const int e = px(a, 4);
    for (int i = 0, n0 = n; b.w > 0 && i < n0; i++) {
        const SDL_Rect q = cand[i];
        const int sides[2] = { b.x, b.x + b.w };
        for (int k = 0; k < 2; k++) {
            if (!(q.x < sides[k] + e && q.x + q.w > sides[k] - e)) continue;
            cand[n] = q;
            cand[n++].x = sides[k] + e;
            cand[n] = q;
            cand[n++].x = sides[k] - e - q.w;
        }
    }
    const int bases = n;
    for (int step = 1; step <= ROWS; step++)
        for (int s = 0; s < bases; s++)
            for (int sign = 1; sign >= -1; sign -= 2) {
                SDL_Rect q = cand[s];
                q.y += sign * step * (h + gap);
                cand[n++] = q;
            }
    /* each moved into the map (a name at the edge slides along it) */
    for (int i = 0; i < n; i++) {
        SDL_Rect *q = &cand[i];
        if (q->x + q->w > T->in.x + T->in.w) q->x = T->in.x + T->in.w - q->w;
        if (q->x < T->in.x) q->x = T->in.x;
        if (q->y + q->h > T->in.y + T->in.h) q->y = T->in.y + T->in.h - q->h;
        if (q->y < T->in.y) q->y = T->in.y;
    }
    int pick = -1;
    for (int i = 0; i < n && pick < 0; i++)
        if (!blocked(T, cand[i])) pick = i;
    if (pick < 0 && !must) return 0;
    SDL_Rect p = pick >= 0 ? cand[pick] : cand[0];
    if (pick < 0) {
        /* nowhere free: the place covering least, other names counting
         * five times what a marker counts */
        long best = -1;
        for (int i = 0; i < n; i++) {
            const SDL_Rect q = cand[i];
            SDL_Rect both;
            long cover = 0;
            for (int j = 0; j < T->n_block; j++)
                if (SDL_IntersectRect(&q, &T->block[j], &both)) cover += (long)both.w * both.h;
            for (int j = 0; j < T->n_tag; j++)
                if (SDL_IntersectRect(&q, &T->tag[j].plate, &both)) cover += 4L * both.w * both.h;
            if (best < 0 || cover < best) { best = cover; p = q; }
        }
    }
    T->tag[T->n_tag].plate = p;
    T->tag[T->n_tag].c = c;
    snprintf(T->tag[T->n_tag].text, sizeof T->tag[T->n_tag].text, "%s", text);
    T->n_tag++;
    block(T, p);
    return 1;
}

static void draw_tag(app *a, gfx_font_id font, SDL_Rect plate, SDL_Color c, const char *text)
{
    gfx_fill_rect(a->r, plate, (SDL_Color){ 12, 14, 20, 215 });
    gfx_text(a->fonts, font, plate.x + px(a, 4), plate.y, c, GFX_ALIGN_LEFT, text);
}

static void draw_tags(app *a, const map_tags *T)
{
    for (int i = 0; i < T->n_tag; i++) draw_tag(a, T->font, T->tag[i].plate, T->tag[i].c, T->tag[i].text);
}

/* ---- markers, paths and the optimizer's state ---------------------------------------- */

static int on_map(SDL_Rect in, float x, float y)
{
    return x >= in.x && x <= in.x + in.w && y >= in.y && y <= in.y + in.h;
}

/* The surface's minima and saddle points. */
static void draw_points(app *a, const surface_lab *L, SDL_Rect in, const float box[4], map_tags *T)
{
    const nn_surf_info *info = L->network ? NULL : nn_surf_info_get(L->base.surf.kind);
    const SDL_Color ink = { 245, 245, 245, 255 }, dark = { 10, 10, 14, 255 };
    const float r = 6.0f * a->scale;
    for (int p = 0; info && p < info->n_points; p++) {
        const nn_surf_point *q = &info->points[p];
        const float x = sx_of(in, box, q->x), y = sy_of(in, box, q->y);
        if (!on_map(in, x, y)) continue;
        if (q->kind == NN_SURF_SADDLE_POINT) {
            gfx_line(a->r, x - r, y - r, x + r, y + r, 5.0f * a->scale, dark);
            gfx_line(a->r, x - r, y + r, x + r, y - r, 5.0f * a->scale, dark);
            gfx_line(a->r, x - r, y - r, x + r, y + r, 2.5f * a->scale, ink);
            gfx_line(a->r, x - r, y + r, x + r, y - r, 2.5f * a->scale, ink);
        } else {
            gfx_disc(a->r, x, y, r + 2.0f * a->scale, dark);
            if (q->kind == NN_SURF_GLOBAL_MIN) gfx_disc(a->r, x, y, r, ink);
            else gfx_ring(a->r, x, y, r - a->scale, 2.5f * a->scale, ink);
        }
        block_disc(T, x, y, r + 2.0f * a->scale);
    }
}

/* Their names, where there is room (after the paths' names). */
static void name_points(app *a, const surface_lab *L, SDL_Rect in, const float box[4], map_tags *T)
{
    static const tag_side ORDER[4] = { AT_BELOW, AT_ABOVE, AT_RIGHT, AT_LEFT };
    const nn_surf_info *info = L->network ? NULL : nn_surf_info_get(L->base.surf.kind);
    for (int p = 0; info && p < info->n_points; p++) {
        const nn_surf_point *q = &info->points[p];
        const float x = sx_of(in, box, q->x), y = sy_of(in, box, q->y);
        if (!on_map(in, x, y)) continue;
        const char *what = q->kind == NN_SURF_GLOBAL_MIN ? "minimum" : q->kind == NN_SURF_LOCAL_MIN ? "local min" : "saddle";
        place(a, T, x, y, 6.0f * a->scale, ORDER, (SDL_Color){ 245, 245, 245, 255 }, what, 0);
    }
}

/* Where the path left the box: the first trace point outside it (or -1). */
static int left_map_at(const slab_lane *ln, const float box[4])
{
    for (int i = 0; i < ln->n_trace; i++) {
        const nn_surf_sample *s = &ln->trace[i];
        if (s->x < box[0] || s->x > box[1] || s->y < box[2] || s->y > box[3]) return i;
    }
    return -1;
}

/* The selected optimizer's last update, drawn where it began: the plain
 * gradient step -lr g, the velocity step -lr v (momentum, Adam's first
 * moment), the box lr sqrt(s) per axis (what the step is divided by) and the
 * step taken. One scale for all, magnified when they are too small to see. */
static void draw_state(app *a, const surface_lab *L, int k, SDL_Rect in, const float box[4], char *note, size_t note_n,
                       map_tags *T)
{
    const slab_lane *ln = &L->lane[k];
    const nn_optim *o = ln->walk.opt;
    note[0] = '\0';
    if (!ln->shown || ln->walk.step == 0 || !o) return;
    const nn_surf_sample *p = &ln->last_step, *c = &ln->walk.cur;
    const double lr = c->lr > 0 ? c->lr : ln->lr;
    double vh[2] = { 0, 0 }, sh[2] = { 0, 0 };
    if (o->v) { vh[0] = o->v[0]; vh[1] = o->v[1]; }
    if (o->s) { sh[0] = o->s[0]; sh[1] = o->s[1]; }
    if (k == NN_OPT_ADAM && ln->opt.bias_correction && o->t > 0) {
        const double c1 = 1.0 - pow(ln->opt.beta, (double)o->t), c2 = 1.0 - pow(ln->opt.beta2, (double)o->t);
        vh[0] /= c1; vh[1] /= c1; sh[0] /= c2; sh[1] /= c2;
    }
    /* pixels per unit of x and of y */
    const double ppx = in.w / (double)(box[1] - box[0]), ppy = in.h / (double)(box[3] - box[2]);
    const double g[2] = { -lr * p->gx * ppx, lr * p->gy * ppy }, vel[2] = { -lr * vh[0] * ppx, lr * vh[1] * ppy };
    const double st[2] = { ((double)c->x - p->x) * ppx, -((double)c->y - p->y) * ppy };
    const double bx = lr * sqrt(sh[0]) * ppx, by = lr * sqrt(sh[1]) * ppy;
    double longest = hypot(g[0], g[1]);
    if (o->v && hypot(vel[0], vel[1]) > longest) longest = hypot(vel[0], vel[1]);
    if (hypot(st[0], st[1]) > longest) longest = hypot(st[0], st[1]);
    if (o->s && hypot(bx, by) > longest) longest = hypot(bx, by);
    if (!isfinite(longest) || longest <= 0) return;
    /* magnify (or shrink) by a round factor so the longest is 40..200 px */
    double m = 1;
    const double want_lo = 40.0 * a->scale, want_hi = in.w * 0.35;
    while (longest * m < want_lo && m < 1e6) m *= 10;
    while (longest * m > want_hi && m > 1e-6) m /= 10;
    if (longest * m < want_lo && longest * m * 5 < want_hi) m *= 5;
    const float x0 = sx_of(in, box, p->x), y0 = sy_of(in, box, p->y);
    const SDL_Color col = pal_optimizer(k), white = { 250, 250, 250, 255 }, dark = { 8, 8, 12, 230 };
    const float w = 3.0f * a->scale;
    if (o->s) {
        const SDL_Rect b = { (int)(x0 - bx * m), (int)(y0 - by * m), (int)(2 * bx * m) + 1, (int)(2 * by * m) + 1 };
        gfx_rect_outline(a->r, (SDL_Rect){ b.x - 1, b.y - 1, b.w + 2, b.h + 2 }, px(a, 4), gfx_fade(dark, 0.7f));
        gfx_rect_outline(a->r, b, px(a, 2), col);
        T->state_box = b;
        const int e = px(a, 5);   /* its edges (a name inside the box is fine) */
        block(T, (SDL_Rect){ b.x - e / 2, b.y - e / 2, b.w + e, e });
        block(T, (SDL_Rect){ b.x - e / 2, b.y + b.h - e / 2, b.w + e, e });
        block(T, (SDL_Rect){ b.x - e / 2, b.y - e / 2, e, b.h + e });
        block(T, (SDL_Rect){ b.x + b.w - e / 2, b.y - e / 2, e, b.h + e });
    }
    const float gx1 = x0 + (float)(g[0] * m), gy1 = y0 + (float)(g[1] * m);
    arrow(a->r, x0, y0, gx1, gy1, w + 3 * a->scale, dark, 0);
    arrow(a->r, x0, y0, gx1, gy1, w, white, 0);
    block_line(T, x0, y0, gx1, gy1, w + 3 * a->scale);
    if (o->v) {
        const float vx1 = x0 + (float)(vel[0] * m), vy1 = y0 + (float)(vel[1] * m);
        arrow(a->r, x0, y0, vx1, vy1, w + 3 * a->scale, dark, 0);
        arrow(a->r, x0, y0, vx1, vy1, w, col, 9.0f * a->scale);
        block_line(T, x0, y0, vx1, vy1, w + 3 * a->scale);
    }
    const float sx1 = x0 + (float)(st[0] * m), sy1 = y0 + (float)(st[1] * m);
    arrow(a->r, x0, y0, sx1, sy1, 2 * w + 3 * a->scale, dark, 0);
    arrow(a->r, x0, y0, sx1, sy1, 2 * w, col, 0);
    block_line(T, x0, y0, sx1, sy1, 2 * w + 3 * a->scale);
    if (m != 1) {
        char f[24];
        gfx_format_value(f, sizeof f, m, 2);
        snprintf(note, note_n, "%s's arrows drawn %s\xC3\x97 life size", sv_opt_title[k], f);
    }
}


/* Where each shown path's head was drawn, and what its name says. */
typedef struct path_head { int k; float x, y; char text[96]; } path_head;

/* The paths (the selected one last, on top) and their heads: a disc, or a
 * cross where the path diverged or, at the map's edge, where it left. */
static int draw_paths(surface_view *v, app *a, const surface_lab *L, SDL_Rect in, const float box[4], map_tags *T,
                      path_head heads[SLAB_LANES])
{
    static SDL_FPoint pts[SLAB_TRACE_MAX];
    const SDL_Color halo = { 8, 8, 12, 200 };
    for (int pass = 0; pass < SLAB_LANES; pass++) {
        const int k = (v->sel + 1 + pass) % SLAB_LANES;
        const slab_lane *ln = &L->lane[k];
        if (!ln->shown || !ln->trace) continue;
        const int n = ln->n_trace < SLAB_TRACE_MAX ? ln->n_trace : SLAB_TRACE_MAX;
        for (int i = 0; i < n; i++) pts[i] = (SDL_FPoint){ sx_of(in, box, ln->trace[i].x), sy_of(in, box, ln->trace[i].y) };
        const float w = (k == v->sel ? 3.5f : 3.0f) * a->scale;
        gfx_polyline(a->r, pts, n, w + 3.0f * a->scale, halo, 0);
        gfx_polyline(a->r, pts, n, w, pal_optimizer(k), 0);
    }
    int nh = 0;
    for (int k = 0; k < SLAB_LANES; k++) {
        const slab_lane *ln = &L->lane[k];
        if (!ln->shown) continue;
        path_head *hd = &heads[nh++];
        hd->k = k;
        float x = sx_of(in, box, ln->walk.cur.x), y = sy_of(in, box, ln->walk.cur.y);
        const int out = left_map_at(ln, box);
        snprintf(hd->text, sizeof hd->text, "%s", sv_opt_title[k]);
        if (ln->diverged_at) {
            snprintf(hd->text, sizeof hd->text, "%s diverged at update %d", sv_opt_title[k], ln->diverged_at);
        } else if (out >= 0) {
            snprintf(hd->text, sizeof hd->text, "%s left the map at update %d", sv_opt_title[k], ln->trace[out].step);
        }
        const int off = !on_map(in, x, y);
        if (off) {      /* said at the edge where it left */
            const float fx = sx_of(in, box, out >= 0 ? ln->trace[out].x : ln->walk.cur.x);
            const float fy = sy_of(in, box, out >= 0 ? ln->trace[out].y : ln->walk.cur.y);
            x = fminf(fmaxf(fx, (float)in.x + 4), (float)(in.x + in.w - 4));
            y = fminf(fmaxf(fy, (float)in.y + 4), (float)(in.y + in.h - 4));
        }
        hd->x = x;
        hd->y = y;
        const float r = 7.0f * a->scale;
        if (ln->diverged_at || off) {
            const SDL_Color c = pal_optimizer(k);
            gfx_line(a->r, x - r, y - r, x + r, y + r, 6.0f * a->scale, halo);
            gfx_line(a->r, x - r, y + r, x + r, y - r, 6.0f * a->scale, halo);
            gfx_line(a->r, x - r, y - r, x + r, y + r, 3.0f * a->scale, c);
            gfx_line(a->r, x - r, y + r, x + r, y - r, 3.0f * a->scale, c);
        } else {
            gfx_disc(a->r, x, y, r + 2.0f * a->scale, halo);
            gfx_disc(a->r, x, y, r, pal_optimizer(k));
        }
        block_disc(T, x, y, r + 2.0f * a->scale);
    }
    return nh;
}

/* The names beside the heads, the selected optimizer's first: on the side
 * with more room, else the other, else moved up or down. */
static void name_paths(const surface_view *v, app *a, map_tags *T, const path_head *heads, int nh)
{
    static const tag_side RIGHT_FIRST[4] = { AT_RIGHT, AT_LEFT, AT_BELOW, AT_ABOVE };
    static const tag_side LEFT_FIRST[4] = { AT_LEFT, AT_RIGHT, AT_BELOW, AT_ABOVE };
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < nh; i++) {
            const path_head *hd = &heads[i];
            if ((hd->k == v->sel) != (pass == 0)) continue;
            const int right = hd->x < T->in.x + T->in.w * 0.6f;
            place(a, T, hd->x, hd->y, 7.0f * a->scale + px(a, 2), right ? RIGHT_FIRST : LEFT_FIRST,
                  pal_optimizer(hd->k), hd->text, 1);
        }
}

/* The start: a square (its name is placed with the others). */
static int draw_start(app *a, const surface_lab *L, SDL_Rect in, const float box[4], map_tags *T, float *sx, float *sy)
{
    const float x = sx_of(in, box, L->base.start[0]), y = sy_of(in, box, L->base.start[1]);
    if (!on_map(in, x, y)) return 0;
    const float r = 8.0f * a->scale;
    const SDL_Color ink = { 250, 250, 250, 255 }, dark = { 8, 8, 12, 255 };
    gfx_fill_rect(a->r, (SDL_Rect){ (int)(x - r) - 2, (int)(y - r) - 2, (int)(2 * r) + 4, (int)(2 * r) + 4 }, dark);
    gfx_rect_outline(a->r, (SDL_Rect){ (int)(x - r), (int)(y - r), (int)(2 * r), (int)(2 * r) }, px(a, 2.5f), ink);
    block_disc(T, x, y, r + 2);
    *sx = x;
    *sy = y;
    return 1;
}

/* All of the map's marks: markers, paths and heads, the state, then the names. */
static void draw_marks(surface_view *v, app *a, const surface_lab *L, SDL_Rect in, const float box[4], char *note,
                       size_t note_n, const char *measuring)
{
    static map_tags T;
    memset(&T, 0, sizeof T);
    T.font = in.h < px(a, 260) ? GFX_FONT_SMALL : GFX_FONT_BOLD;
    T.in = in;
    if (measuring) {
        const int w = gfx_text_width(a->fonts, T.font, measuring) + px(a, 8);
        const SDL_Rect p = { in.x + px(a, 4), in.y + px(a, 6), w, gfx_text_height(a->fonts, T.font) };
        draw_tag(a, T.font, p, a->style.text, measuring);
        block(&T, p);
    }
    draw_points(a, L, in, box, &T);
    float sx = 0, sy = 0;
    const int start = draw_start(a, L, in, box, &T, &sx, &sy);
    path_head heads[SLAB_LANES];
    const int nh = draw_paths(v, a, L, in, box, &T, heads);
    draw_state(a, L, v->sel, in, box, note, note_n, &T);
    name_paths(v, a, &T, heads, nh);
    if (start) {
        static const tag_side ORDER[4] = { AT_ABOVE, AT_BELOW, AT_LEFT, AT_RIGHT };
        place(a, &T, sx, sy, 8.0f * a->scale, ORDER, (SDL_Color){ 250, 250, 250, 255 }, "start", 0);
    }
    name_points(a, L, in, box, &T);      /* the start's and the points' names only where there is room */
    draw_tags(a, &T);
    for (int i = 0; i < T.n_tag; i++) v->names[i] = T.tag[i].plate;
    v->n_names = T.n_tag;
    v->state_box = T.state_box;
}

/* The side column: what the surface is, each path's score, the state's key. */
static void draw_side(surface_view *v, app *a, const surface_lab *L, SDL_Rect r, const char *note)
{
    if (r.w <= 0) return;
    const gfx_style *st = &a->style;
    const int body = gfx_text_height(a->fonts, GFX_FONT_BODY), small = gfx_text_height(a->fonts, GFX_FONT_SMALL);
    int y = r.y;
    const nn_surf_info *info = L->network ? NULL : nn_surf_info_get(L->base.surf.kind);
    gfx_text(a->fonts, GFX_FONT_TITLE, r.x, y, st->text, GFX_ALIGN_LEFT,
             L->network ? "Your network" : sv_surf_title((int)L->base.surf.kind));
    y += gfx_text_height(a->fonts, GFX_FONT_TITLE);
    char net_blurb[320];
    snprintf(net_blurb, sizeof net_blurb, "The training loss of the Playground's network along two random directions "
             "through its weights at (0, 0)%s%s. Pick it again to slice the weights of now.",
             net_slice_note(a)[0] ? ": " : "", net_slice_note(a));
    const char *blurb = info ? info->blurb : net_blurb;
    y += gfx_text_wrap(a->fonts, GFX_FONT_SMALL, (SDL_Rect){ r.x, y, r.w, r.h }, st->text_dim, blurb, 1) + px(a, 8);
    /* one row per optimizer: colour, name, where it is */
    for (int k = 0; k < SLAB_LANES; k++) {
        const slab_lane *ln = &L->lane[k];
        if (y + body > r.y + r.h) return;
        const SDL_Color c = ln->shown ? pal_optimizer(k) : st->text_dim;
        gfx_line(a->r, (float)r.x, (float)(y + body / 2), (float)(r.x + px(a, 22)), (float)(y + body / 2),
                 5.0f * a->scale, c);
        char line[128], f[24], lr[24];
        if (!ln->shown) snprintf(line, sizeof line, "%s (hidden)", sv_opt_title[k]);
        else if (ln->diverged_at) snprintf(line, sizeof line, "%s: diverged at update %d", sv_opt_title[k], ln->diverged_at);
        else if (ln->reached) snprintf(line, sizeof line, "%s: at the minimum after %d", sv_opt_title[k], ln->reached);
        else snprintf(line, sizeof line, "%s: f = %s", sv_opt_title[k], sv_num(f, sizeof f, ln->walk.cur.f, 3));
        if (gfx_text_width(a->fonts, GFX_FONT_BODY, line) > r.w - px(a, 30) && ln->shown)
            snprintf(line, sizeof line, "%s", ln->diverged_at ? "diverged" : sv_num(f, sizeof f, ln->walk.cur.f, 3));
        gfx_text(a->fonts, k == v->sel ? GFX_FONT_BOLD : GFX_FONT_BODY, r.x + px(a, 30), y, ln->shown ? st->text : st->text_dim,
                 GFX_ALIGN_LEFT, line);
        y += body;
        if (ln->shown && y + small <= r.y + r.h) {
            snprintf(line, sizeof line, "lr %s", sv_num(lr, sizeof lr, ln->lr, 3));
            gfx_text(a->fonts, GFX_FONT_SMALL, r.x + px(a, 30), y, st->text_dim, GFX_ALIGN_LEFT, line);
            y += small + px(a, 2);
        }
    }
    /* the key to the arrows */
    y += px(a, 8);
    if (y + 5 * small > r.y + r.h) return;
    char head[64];
    snprintf(head, sizeof head, "At %s's last update:", sv_opt_title[v->sel]);
    gfx_text(a->fonts, GFX_FONT_BOLD, r.x, y, st->text, GFX_ALIGN_LEFT, head);
    y += body;
    const SDL_Color col = pal_optimizer(v->sel), white = { 250, 250, 250, 255 };
    const int sk = v->sel;
    const float x0 = (float)r.x, x1 = (float)(r.x + px(a, 34));
    struct { int on; const char *text; } rows[4] = {
        { 1, "\xE2\x88\x92lr\xC2\xB7g: plain gradient step" },
        { sk == NN_OPT_MOMENTUM || sk == NN_OPT_ADAM, "\xE2\x88\x92lr\xC2\xB7v: velocity (average of g)" },
        { sk == NN_OPT_RMSPROP || sk == NN_OPT_ADAM || sk == NN_OPT_ADAGRAD, "box: lr\xC2\xB7\xE2\x88\x9As per axis" },
        { 1, "thick: the step it took" },
    };
    for (int i = 0; i < 4; i++) {
        if (!rows[i].on) continue;
        if (y + small > r.y + r.h) return;
        const float cy = (float)(y + small / 2);
        if (i == 0) arrow(a->r, x0, cy, x1, cy, 2.5f * a->scale, white, 0);
        if (i == 1) arrow(a->r, x0, cy, x1, cy, 2.5f * a->scale, col, 7.0f * a->scale);
        if (i == 2) gfx_rect_outline(a->r, (SDL_Rect){ r.x + px(a, 4), y + 1, px(a, 26), small - 2 }, px(a, 2), col);
        if (i == 3) arrow(a->r, x0, cy, x1, cy, 5.0f * a->scale, col, 0);
        const int used = gfx_text_wrap(a->fonts, GFX_FONT_SMALL, (SDL_Rect){ r.x + px(a, 42), y, r.w - px(a, 42), small * 2 },
                                       st->text, rows[i].text, 1);
        y += (used > small ? used : small) + px(a, 3);
    }
    if (note && note[0] && y + small <= r.y + r.h)
        gfx_text_wrap(a->fonts, GFX_FONT_SMALL, (SDL_Rect){ r.x, y + px(a, 2), r.w, r.y + r.h - y }, st->text_dim, note, 1);
}

/* The plot under the map: f (above the lowest value the surface has, when
 * it has one) against updates, every path; log y. */
typedef struct trace_user { const slab_lane *ln; double base; } trace_user;

static double trace_get(const void *u, int i, double *x)
{
    const trace_user *t = u;
    *x = t->ln->trace[i].step;
    return t->ln->trace[i].f - t->base;
}

static void draw_plot(surface_view *v, app *a, const surface_lab *L, SDL_Rect r)
{
    (void)v;
    if (r.w <= 0 || r.h <= 0) return;
    const nn_surf_info *info = L->network ? NULL : nn_surf_info_get(L->base.surf.kind);
    double base = 0;
    int has_min = L->network;
    for (int p = 0; info && p < info->n_points; p++)
        if (info->points[p].kind == NN_SURF_GLOBAL_MIN) { base = info->points[p].f; has_min = 1; }
    static trace_user users[SLAB_LANES];
    gfx_series s[SLAB_LANES];
    int n = 0;
    for (int k = 0; k < SLAB_LANES; k++) {
        const slab_lane *ln = &L->lane[k];
        if (!ln->shown || !ln->trace) continue;
        users[k] = (trace_user){ ln, base };
        s[n++] = (gfx_series){ .name = sv_opt_title[k], .n = ln->n_trace, .get = trace_get, .user = &users[k],
                               .color = pal_optimizer(k), .width = k == v->sel ? 3.5f : 2.5f };
    }
    gfx_plot_desc d = gfx_plot_default();
    d.style = a->style;
    d.x_label = r.h >= px(a, 150) ? "updates" : NULL;   /* a low plot (projector zoom): room for the curves */
    d.log_y = has_min;
    d.y_label = !has_min ? "f" : base != 0 ? "f \xE2\x88\x92 f(minimum)" : L->network ? "training loss" : "f";
    d.fixed_x = 1;
    d.x_min = 0;
    d.x_max = L->steps > 10 ? L->steps : 10;
    /* the legend inside the data rectangle only where its rows fit (the
     * names are on the map too) */
    const int small = gfx_text_height(a->fonts, GFX_FONT_SMALL), bodyh = gfx_text_height(a->fonts, GFX_FONT_BODY);
    const int data_h = r.h - small * 3 / 2 - 2 * bodyh - px(a, 21);
    d.legend = n * small + px(a, 18) <= data_h;
    const SDL_Rect in = gfx_plot(a->r, a->fonts, r, &d, s, n);
    /* under the mouse: the update nearest the cursor and each path's f there
     * (f itself, not f - f(minimum): the number the side column and the
     * Optimizer tab write) */
    int mx, my;
    if (!ui_mouse(a->ui, &mx, &my)) return;
    const gfx_frame fr = gfx_plot_frame(&d, s, n);
    const gfx_hover h = gfx_hover_find(in, &fr, s, n, mx, my);
    if (!h.on) return;
    gfx_hover_guide(a->r, &h, in, &fr, s, n, &a->style, a->scale);
    gfx_hover_row rows[SLAB_LANES];
    for (int k = 0; k < n; k++)
        rows[k] = (gfx_hover_row){ .label = s[k].name, .value = h.y[k] + base, .color = s[k].color };
    gfx_hover_desc hd = gfx_hover_default(&d);
    hd.x_name = "update";
    gfx_hover_box(a->r, a->fonts, &hd, h.x, rows, n, (int)lroundf(h.px), my);
}

void sv_draw(surface_view *v, app *a, const surface_lab *L, const sv_layout *Yp)
{
    const sv_layout Y = *Yp;
    /* the counter */
    char line[160];
    const char *state = v->playing ? "running" : "paused";
    if (v->speed >= 0) snprintf(line, sizeof line, "Update %d \xC2\xB7 %d/frame \xC2\xB7 %s", L->steps, 1 << v->speed, state);
    else snprintf(line, sizeof line, "Update %d \xC2\xB7 1 every %d frames \xC2\xB7 %s", L->steps, 1 << -v->speed, state);
    if (gfx_text_width(a->fonts, GFX_FONT_BOLD, line) > Y.counter.w) snprintf(line, sizeof line, "Update %d", L->steps);
    const int lh = gfx_text_height(a->fonts, GFX_FONT_BOLD);
    gfx_text(a->fonts, GFX_FONT_BOLD, Y.counter.x, Y.counter.y + (Y.counter.h - lh) / 2, a->style.text, GFX_ALIGN_LEFT, line);
    if (Y.inner.w <= 0) return;
    float box[4];
    sv_box_of(L, box);
    const gfx_frame fr = sv_map_frame(L, box, Y.compact);
    gfx_frame_draw(a->r, a->fonts, Y.map_area, &fr, &a->style);
    ensure_map(v, a, L, Y.inner);
    gfx_canvas_show(&v->canvas, a->r, Y.inner.x, Y.inner.y);
    if (v->n_levels > 0) {
        gfx_contour_bar(a->r, a->fonts, (SDL_Rect){ Y.bar.x + px(a, 8), Y.bar.y, Y.bar.w - px(a, 8), Y.bar.h }, &v->cd,
                        v->levels, v->level_ptr, v->n_levels, &a->style);
    }
    char note[96] = "";
    gfx_clip saved;
    if (gfx_clip_push(a->r, Y.inner, &saved)) {
        if (L->network && v->net_res < 3)
            snprintf(line, sizeof line, "Measuring the loss around the network: %s...",
                     v->net_res == 0 ? "a first rough map" : v->net_res == 1 ? "finer" : "finest");
        draw_marks(v, a, L, Y.inner, box, note, sizeof note, L->network && v->net_res < 3 ? line : NULL);
        gfx_clip_pop(a->r, &saved);
    }
    if (L->error[0]) {
        gfx_text_wrap(a->fonts, GFX_FONT_BODY, (SDL_Rect){ Y.inner.x + px(a, 8), Y.inner.y + px(a, 8), Y.inner.w - px(a, 16), Y.inner.h },
                      (SDL_Color){ 255, 170, 150, 255 }, L->error, 1);
    }
    draw_side(v, a, L, Y.side, note);
    draw_plot(v, a, L, Y.plot);
}
