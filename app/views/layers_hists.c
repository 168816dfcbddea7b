/* app/views/layers_hists.c - the small multiples of "Inside the network":
 * a histogram cell per layer, the weight matrix beside the weights', pages
 * when the layers do not fit (see layers_draw.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/heatmap.h"
#include "draw/axes.h"
#include "draw/prim.h"
#include "draw/strip.h"
#include "nn/act.h"
#include "shell/lens.h"
#include "views/layers_cells.h"
#include "views/layers_draw.h"

enum { MAXW = NN_MAX_LAYERS, BINS = 32 };
/* The smallest legible cell (unscaled px): a title line over a picture. */
enum { CELL_MIN_W = 90, CELL_MIN_H = 54 };

static const SDL_Color EXPLODE_C = { 210, 70, 50, 255 };
const SDL_Color LAYERS_SYMMETRY_C = { 250, 190, 60, 255 };

/* Per weighted-layer slot: what the Weights and Gradients cells derive from
 * the weights, kept until they change. */
typedef struct lc_slot {
    uint64_t version;       /* lens_version it was computed at (0: never) */
    int layer, kind;
    float range;            /* the histogram spans +-range */
    int counted, ident;
    int bins[BINS];
    gfx_heatmap *heat;      /* the weight matrix, a row per neuron */
} lc_slot;

struct layers_cache { lc_slot slot[MAXW]; };

layers_cache *layers_cache_create(void) { return calloc(1, sizeof(layers_cache)); }

void layers_cache_destroy(layers_cache *c)
{
    if (!c) return;
    for (int i = 0; i < MAXW; i++) gfx_heatmap_destroy(c->slot[i].heat);
    free(c);
}

SDL_Rect lc_cell_frame(app *a, SDL_Rect r, const char *title, SDL_Color c)
{
    gfx_fill_rect(a->r, r, a->style.bg);
    gfx_rect_outline(a->r, r, 1, a->style.grid);
    const int lh = gfx_text_height(a->fonts, GFX_FONT_SMALL);
    gfx_clip clip;
    gfx_clip_push(a->r, r, &clip);
    gfx_text(a->fonts, GFX_FONT_SMALL, r.x + lc_px(a, 4), r.y + lc_px(a, 1), c, GFX_ALIGN_LEFT, title);
    gfx_clip_pop(a->r, &clip);
    return (SDL_Rect){ r.x + lc_px(a, 3), r.y + lh + lc_px(a, 2), r.w - lc_px(a, 6), r.h - lh - lc_px(a, 5) };
}

void lc_bars(app *a, SDL_Rect in, float xlo, float xhi, const int *counts, int nb, float blo, float bhi, SDL_Color c)
{
    int top = 0;
    for (int b = 0; b < nb; b++) if (counts[b] > top) top = counts[b];
    if (top == 0 || !(xhi > xlo) || !(bhi >= blo) || nb > 256) return;
    SDL_FRect q[256];
    int m = 0;
    const float bw = nb > 0 ? (bhi - blo) / (float)nb : 0;
    for (int b = 0; b < nb; b++) {
        if (!counts[b]) continue;
        float x0 = (blo + b * bw - xlo) / (xhi - xlo), x1 = (blo + (b + 1) * bw - xlo) / (xhi - xlo);
        if (bw <= 0) { x0 = (blo - xlo) / (xhi - xlo) - 0.01f; x1 = x0 + 0.02f; }
        if (x1 < 0 || x0 > 1) continue;
        const int X0 = in.x + (int)(fmaxf(x0, 0) * in.w), X1 = in.x + (int)(fminf(x1, 1) * in.w);
        const int h = (int)((float)counts[b] / (float)top * (float)(in.h - 1));
        q[m++] = (SDL_FRect){ (float)X0, (float)(in.y + in.h - (h > 1 ? h : 1)), (float)(X1 - X0 > 1 ? X1 - X0 : 1),
                              (float)(h > 1 ? h : 1) };
    }
    gfx_rects(a->r, q, m, c);
}

static void vshade(app *a, SDL_Rect in, float xlo, float xhi, float v0, float v1, SDL_Color c)
{
    const float t0 = (v0 - xlo) / (xhi - xlo), t1 = (v1 - xlo) / (xhi - xlo);
    const int X0 = in.x + (int)(fmaxf(0, fminf(1, t0)) * in.w), X1 = in.x + (int)(fmaxf(0, fminf(1, t1)) * in.w);
    if (X1 > X0) gfx_fill_rect(a->r, (SDL_Rect){ X0, in.y, X1 - X0, in.h }, gfx_fade(c, 0.25f));
}

/* The activation layer that follows weighted layer i (skipping a batch norm), or -1. */
static int act_after(const app *a, int i)
{
    for (int k = i + 1; k < lens_layer_count(&a->s) && k <= i + 2; k++)
        if (lens_layer(&a->s, k).kind == NN_LAYER_ACT) return k;
    return -1;
}

int lc_bn_after(const app *a, int i)
{
    return i + 1 < lens_layer_count(&a->s) && lens_layer(&a->s, i + 1).kind == NN_LAYER_BATCHNORM ? i + 1 : -1;
}

int layers_identical_neurons(const app *a, int layer)
{
    int rows, cols;
    const float *b;
    const float *w = lens_weights(&a->s, layer, &rows, &cols, &b);
    if (!w || rows < 2 || cols < 1) return 0;
    float big = 0;
    for (size_t k = 0; k < (size_t)rows * (size_t)cols; k++) {
        if (!isfinite(w[k])) return 0;
        big = fmaxf(big, fabsf(w[k]));
    }
    const float tol = 1e-6f * big;
    for (int j = 1; j < rows; j++) {
        for (int k = 0; k < cols; k++)
            if (fabsf(w[(size_t)j * cols + k] - w[k]) > tol) return 0;
        if (b && fabsf(b[j] - b[0]) > 1e-6f * fmaxf(fabsf(b[0]), big)) return 0;
    }
    return rows;
}

/* The slot's weight or gradient histogram (and symmetry), recomputed when the weights changed. */
static lc_slot *slot_of(layers_cache *c, app *a, int j, int layer, int kind)
{
    lc_slot *sl = &c->slot[j];
    const uint64_t v = lens_version(&a->s) + 1;   /* + 1: 0 means never */
    if (sl->version == v && sl->layer == layer && sl->kind == kind) return sl;
    sl->version = v;
    sl->layer = layer;
    sl->kind = kind;
    const session *s = &a->s;
    if (kind == LH_WEIGHTS) {
        const double sd = lens_init_std(s, layer);
        float R = lens_weight_absmax(s, layer);
        if (sd > 0 && R < 3.5f * (float)sd) R = 3.5f * (float)sd;
        if (!(R > 0)) R = 1;
        sl->range = R;
        sl->counted = lens_weight_histogram(s, layer, -R, R, sl->bins, BINS);
        sl->ident = layers_identical_neurons(a, layer);
    } else {   /* gradients: +-4 RMS of the layer's gradient */
        int ns;
        const nn_layer_stats *st = lens_layer_stats(s, &ns);
        const double g = st && layer < ns ? st[layer].grad_norm : 0.0;
        const nn_layer_info li = lens_layer(s, layer);
        const float R = li.n_weights > 0 ? (float)(4.0 * g / sqrt((double)li.n_weights)) : 0.0f;
        sl->range = R;
        sl->counted = R > 0 && isfinite(R) ? lens_grad_histogram(s, layer, -R, R, sl->bins, BINS) : 0;
        sl->ident = 0;
    }
    return sl;
}

static void cell_act(app *a, SDL_Rect r, int j, int nw, int layer, int kind)
{
    const session *s = &a->s;
    int ns;
    const nn_layer_stats *st = lens_layer_stats(s, &ns);
    const SDL_Color c = layers_depth_colour(nw > 1 ? (float)j / (float)(nw - 1) : 1.0f);
    char title[96], v[24];
    int L = kind == LH_ACT ? act_after(a, layer) : layer;
    /* The output layer has no activation layer of its own (the loss applies
     * sigmoid or softmax): its cell shows the scores z it hands to the loss. */
    const int output = L < 0;
    if (output) L = layer;
    const int act = output ? -1 : lens_layer_act(s, L);
    if (L < 0 || !st || L >= ns) {
        snprintf(title, sizeof title, "L%d %s", j + 1, output ? "output" : "");
        lc_cell_frame(a, r, title, c);
        return;
    }
    const nn_layer_stats *x = &st[L];
    float xlo = x->hist_lo, xhi = x->hist_hi, sat_lo = 0, sat_hi = 0;
    if (kind == LH_ACT && act == NN_ACT_SIGMOID) { xlo = 0; xhi = 1; sat_lo = LAYERS_SAT_SIGMOID; sat_hi = 1 - LAYERS_SAT_SIGMOID; }
    if (kind == LH_ACT && act == NN_ACT_TANH) { xlo = -1; xhi = 1; sat_lo = -LAYERS_SAT_TANH; sat_hi = LAYERS_SAT_TANH; }
    if (!(xhi > xlo)) { xlo -= 0.5f; xhi += 0.5f; }
    /* the saturated share: bins whose centre lies in the flat ends */
    long all = 0, sat = 0;
    for (int b = 0; b < NN_HIST_BINS; b++) {
        const float cx = x->hist_lo + (b + 0.5f) * (x->hist_hi - x->hist_lo) / NN_HIST_BINS;
        all += x->hist[b];
        if (sat_hi > sat_lo && (cx < sat_lo || cx > sat_hi)) sat += x->hist[b];
    }
    gfx_format_value(v, sizeof v, x->act_std, 2);
    if (output)
        snprintf(title, sizeof title, "L%d output z  std %s", j + 1, v);
    else if (sat_hi > sat_lo && all > 0)
        snprintf(title, sizeof title, "L%d  std %s  %d%% flat", j + 1, v, (int)(100.0 * sat / all + 0.5));
    else
        snprintf(title, sizeof title, "L%d  std %s", j + 1, v);
    const SDL_Rect in = lc_cell_frame(a, r, title, c);
    if (sat_hi > sat_lo) {
        vshade(a, in, xlo, xhi, xlo, sat_lo, EXPLODE_C);
        vshade(a, in, xlo, xhi, sat_hi, xhi, EXPLODE_C);
    }
    lc_bars(a, in, xlo, xhi, x->hist, NN_HIST_BINS, x->hist_lo, x->hist_hi, c);
}

static void cell_weights(app *a, layers_cache *cache, SDL_Rect r, int j, int nw, int layer)
{
    const session *s = &a->s;
    const SDL_Color c = layers_depth_colour(nw > 1 ? (float)j / (float)(nw - 1) : 1.0f);
    lc_slot *sl = slot_of(cache, a, j, layer, LH_WEIGHTS);
    const double sd = lens_init_std(s, layer);
    const float R = sl->range;
    char title[120], v[24], rr[24];
    gfx_format_value(v, sizeof v, sd, 2);
    gfx_format_value(rr, sizeof rr, R, 2);
    if (sl->ident) snprintf(title, sizeof title, "L%d  all %d neurons identical", j + 1, sl->ident);
    else snprintf(title, sizeof title, "L%d  \xC2\xB1%s  init \xCF\x83 %s", j + 1, rr, v);
    SDL_Rect in = lc_cell_frame(a, r, title, sl->ident ? LAYERS_SYMMETRY_C : c);
    if (sl->ident) gfx_rect_outline(a->r, r, lc_px(a, 2), LAYERS_SYMMETRY_C);
    /* the weight matrix on the right: a row per neuron, a column per input */
    int rows, cols;
    const float *w = lens_weights(s, layer, &rows, &cols, NULL);
    if (w && rows * cols > 0 && in.w >= lc_px(a, 60)) {
        const int hw = in.w * 2 / 5;
        const SDL_Rect hm = { in.x + in.w - hw, in.y, hw, in.h };
        in.w -= hw + lc_px(a, 4);
        if (!sl->heat) sl->heat = gfx_heatmap_create();
        const gfx_heatmap_desc d = { -R, R, GFX_MAP_DIVERGING, 0, 0, lens_version(s) + 1 };
        if (sl->heat) gfx_heatmap_draw(sl->heat, a->r, hm, w, cols, rows, &d);
    }
    lc_bars(a, in, -R, R, sl->bins, BINS, -R, R, c);
    /* the initialiser's intended spread: N(0, sd) scaled to the tallest bar */
    if (sd > 0 && sl->counted > 0) {
        int top = 0;
        for (int b = 0; b < BINS; b++) if (sl->bins[b] > top) top = sl->bins[b];
        const double peak = sl->counted * (2.0 * R / BINS) / (sd * 2.5066282746310002);
        SDL_FPoint pts[65];
        for (int k = 0; k <= 64; k++) {
            const double x = -R + 2.0 * R * k / 64, dd = peak * exp(-0.5 * x * x / (sd * sd));
            pts[k] = (SDL_FPoint){ in.x + (float)k / 64 * in.w,
                                   in.y + in.h - (float)fmin(1.0, dd / (top > 0 ? top : 1)) * (in.h - 1) };
        }
        gfx_strip(a->r, pts, 65, 1.5f * a->scale, a->style.text);
    }
}

static void cell_grads(app *a, layers_cache *cache, SDL_Rect r, int j, int nw, int layer)
{
    int ns;
    const nn_layer_stats *st = lens_layer_stats(&a->s, &ns);
    const SDL_Color c = layers_depth_colour(nw > 1 ? (float)j / (float)(nw - 1) : 1.0f);
    const lc_slot *sl = slot_of(cache, a, j, layer, LH_GRADS);
    char title[96], v[24];
    gfx_format_value(v, sizeof v, st && layer < ns ? st[layer].grad_norm : 0.0, 2);
    snprintf(title, sizeof title, "L%d  ||g|| %s", j + 1, v);
    const SDL_Rect in = lc_cell_frame(a, r, title, c);
    if (sl->counted > 0) lc_bars(a, in, -sl->range, sl->range, sl->bins, BINS, -sl->range, sl->range, c);
    else gfx_text(a->fonts, GFX_FONT_SMALL, in.x + in.w / 2, in.y + in.h / 2 - lc_px(a, 6), a->style.text_dim,
                  GFX_ALIGN_CENTER, "all zero");
}

/* The cells of tab kind: positions j in the weighted-layer list. */
static int cells_of(const app *a, int kind, int *idx, int *nw, int *cells)
{
    *nw = layers_weighted(a, idx, MAXW);
    int n = 0;
    for (int j = 0; j < *nw; j++)
        if (kind != LH_BATCHNORM || lc_bn_after(a, idx[j]) >= 0) cells[n++] = j;
    return n;
}

int layers_cell_count(const app *a, int kind)
{
    int idx[MAXW], cells[MAXW], nw;
    return cells_of(a, kind, idx, &nw, cells);
}

/* The grid for n cells in r: as square as the area allows, no cell under the
 * legible minimum; returns the cells per page (cols * rows, at most n). */
static int grid_of(const app *a, SDL_Rect r, int n, int *cols_out, int *rows_out)
{
    const int max_cols = r.w / lc_px(a, CELL_MIN_W) > 1 ? r.w / lc_px(a, CELL_MIN_W) : 1;
    const int max_rows = r.h / lc_px(a, CELL_MIN_H) > 1 ? r.h / lc_px(a, CELL_MIN_H) : 1;
    int cols = 1;
    while (cols < n && cols < max_cols) {
        const int rows = (n + cols - 1) / cols;
        const float cw = (float)r.w / cols, ch = (float)r.h / rows;
        if (cw / ch < 1.9f || cw < lc_px(a, 180)) break;
        cols++;
    }
    int rows = (n + cols - 1) / cols;
    if (rows > max_rows) {
        rows = max_rows;
        cols = (n + rows - 1) / rows;
        if (cols > max_cols) cols = max_cols;
    }
    *cols_out = cols;
    *rows_out = rows;
    return cols * rows < n ? cols * rows : n;
}

/* The Weights tab keeps a line over its grid for the symmetry note (or the legend). */
static int note_h(const app *a, int kind)
{
    return kind == LH_WEIGHTS ? gfx_text_height(a->fonts, GFX_FONT_BOLD) + lc_px(a, 4) : 0;
}

int layers_cells_per_page(const app *a, SDL_Rect r, int kind, int n)
{
    if (n <= 0) return 1;
    r.h -= note_h(a, kind);
    if (kind == LH_BATCHNORM) {
        const int k = layers_bn_rows_fit(a, r);
        return k < n ? k : n;
    }
    int cols, rows;
    return grid_of(a, r, n, &cols, &rows);
}

void layers_draw_hists(app *a, layers_cache *cache, SDL_Rect r, int kind, int first)
{
    int idx[MAXW], cells[MAXW], nw;
    const int n = cells_of(a, kind, idx, &nw, cells);
    if (n == 0) {
        gfx_text(a->fonts, GFX_FONT_BODY, r.x + r.w / 2, r.y + r.h / 3, a->style.text_dim, GFX_ALIGN_CENTER,
                 kind == LH_BATCHNORM ? "Batch norm is off: switch it on to see its statistics" : "No layers with weights");
        return;
    }
    const int per = layers_cells_per_page(a, r, kind, n);
    if (first > n - per) first = n - per;
    if (first < 0) first = 0;
    const int count = n - first < per ? n - first : per;
    if (kind == LH_BATCHNORM) {
        int dense[MAXW], pos[MAXW];
        for (int k = 0; k < count; k++) { pos[k] = cells[first + k]; dense[k] = idx[pos[k]]; }
        layers_bn_page(a, r, dense, pos, count, nw);
        return;
    }
    /* Weights: a note over the grid when a layer's neurons are all the same, else the legend */
    if (kind == LH_WEIGHTS) {
        int same = 0, hidden = 0;
        for (int j = 0; j + 1 < nw; j++) {
            int rows, cols;
            if (!lens_weights(&a->s, idx[j], &rows, &cols, NULL) || rows < 2) continue;
            hidden++;
            same += slot_of(cache, a, j, idx[j], LH_WEIGHTS)->ident > 0;
        }
        char all[160], some[160];
        snprintf(some, sizeof some, "Symmetry: %d of %d hidden layers have all neurons identical", same, hidden);
        const char *const notes[] = {
            same == hidden ? "Symmetry: in every hidden layer all neurons have the same weights: same output, same update, forever"
                           : some,
            same == hidden ? "Symmetry: every layer's neurons identical, and they stay so" : some,
            same == hidden ? "All neurons identical" : "Some layers: neurons identical",
        };
        snprintf(all, sizeof all, "%s", "Beside each histogram: the weights, a row per neuron (blue \xE2\x88\x92, orange +)");
        const char *const legend[] = { all, "Right: weights, a row per neuron", "" };
        const char *const *pick = same > 0 ? notes : legend;
        const int lh = note_h(a, kind);
        const char *text = pick[2];
        for (int i = 0; i < 3; i++)
            if (gfx_text_width(a->fonts, GFX_FONT_BOLD, pick[i]) <= r.w - lc_px(a, 4)) { text = pick[i]; break; }
        gfx_clip clip;
        gfx_clip_push(a->r, (SDL_Rect){ r.x, r.y, r.w, lh }, &clip);
        gfx_text(a->fonts, same > 0 ? GFX_FONT_BOLD : GFX_FONT_BODY, r.x + lc_px(a, 2), r.y,
                 same > 0 ? LAYERS_SYMMETRY_C : a->style.text_dim, GFX_ALIGN_LEFT, text);
        gfx_clip_pop(a->r, &clip);
        r.y += lh;
        r.h -= lh;
    }
    int cols, rows;
    grid_of(a, r, count, &cols, &rows);
    const int gap = lc_px(a, 4);
    const int cw = (r.w - (cols - 1) * gap) / cols, ch = (r.h - (rows - 1) * gap) / rows;
    for (int k = 0; k < count; k++) {
        const int j = cells[first + k];
        const SDL_Rect c = { r.x + (k % cols) * (cw + gap), r.y + (k / cols) * (ch + gap), cw, ch };
        if (kind == LH_WEIGHTS) cell_weights(a, cache, c, j, nw, idx[j]);
        else if (kind == LH_GRADS) cell_grads(a, cache, c, j, nw, idx[j]);
        else cell_act(a, c, j, nw, idx[j], kind);
    }
}
