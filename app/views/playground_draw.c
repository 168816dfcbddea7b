/* app/views/playground_draw.c - the Playground's pictures (see playground_draw.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/hover.h"
#include "draw/logramp.h"
#include "draw/plot.h"
#include "draw/prim.h"
#include "draw/scatter.h"
#include "shell/lens.h"
#include "ui/ui.h"
#include "views/playground_draw.h"
#include "views/playground_regular.h"

enum { G = SESSION_GRID };

/* Edges drawn at most, over the whole network: beyond a few hundred per pair
 * of layers the picture is a solid mesh anyway, so a big network shows the
 * strongest weights between each pair (and says so). */
enum { EDGE_BUDGET = 1200, EDGE_MIN_PER_PAIR = 64 };

static int by_magnitude_desc(const void *x, const void *y)
{
    const float a = *(const float *)x, b = *(const float *)y;
    return (a < b) - (a > b);
}

/* The k-th largest |w| of n weights (k >= n: 0, every weight passes). */
static float kth_magnitude(pg_pictures *p, const float *w, int n, int k)
{
    if (k >= n) return 0.0f;
    if (p->scratch_n < n) {
        float *grown = realloc(p->scratch, (size_t)n * sizeof *grown);
        if (!grown) return 0.0f;
        p->scratch = grown;
        p->scratch_n = n;
    }
    for (int i = 0; i < n; i++) p->scratch[i] = fabsf(w[i]);
    qsort(p->scratch, (size_t)n, sizeof *p->scratch, by_magnitude_desc);
    return p->scratch[k - 1];
}

void pg_pictures_free(pg_pictures *p)
{
    for (int i = 0; i < SESSION_MAX_NEURONS; i++) gfx_heatmap_destroy(p->thumbs[i]);
    for (int i = 0; i < 2; i++) gfx_heatmap_destroy(p->inputs[i]);
    for (int i = 0; i < PG_MAX_OUTPUTS; i++) gfx_heatmap_destroy(p->outs[i]);
    gfx_canvas_free(&p->edges);
    free(p->scratch);
    gfx_canvas_free(&p->output);
    for (int i = 0; i < 3; i++) free(p->labels[i]);
    memset(p, 0, sizeof *p);
}

static int px(const app *a, float v) { return (int)lroundf(v * a->scale); }

/* ---- the network ---- */

/* One column per layer of neurons: the inputs, each hidden layer, the outputs. */
typedef struct net_layout {
    int n_cols;
    int units[NN_CONFIG_MAX_HIDDEN + 2];
    int dense[NN_CONFIG_MAX_HIDDEN + 2];   /* model layer whose weights feed column c (c >= 1) */
    int first[NN_CONFIG_MAX_HIDDEN + 2];   /* index of column c's first neuron among thumbnails */
} net_layout;

static void layout_net(const session *s, net_layout *L)
{
    memset(L, 0, sizeof *L);
    const nn_model *m = nn_trainer_model(s->run.trainer);
    L->units[0] = nn_model_n_in(m);
    L->n_cols = 1;
    int thumb = 0;
    for (int i = 0; i < nn_model_layer_count(m) && L->n_cols < NN_CONFIG_MAX_HIDDEN + 2; i++) {
        const nn_layer_info li = nn_model_layer(m, i);
        if (li.kind != NN_LAYER_DENSE) continue;
        L->dense[L->n_cols] = i;
        L->units[L->n_cols] = li.out.c;
        L->first[L->n_cols] = thumb;
        thumb += li.out.c;
        L->n_cols++;
    }
}

static SDL_FPoint node_pos(const net_layout *L, SDL_Rect area, int col, int k)
{
    const float x = area.x + area.w * (col + 0.5f) / L->n_cols;
    const float y = area.y + area.h * (k + 0.5f) / L->units[col];
    return (SDL_FPoint){ x, y };
}

static float max_abs(const float *v, size_t n)
{
    float m = 1e-6f;
    for (size_t i = 0; i < n; i++) if (fabsf(v[i]) > m) m = fabsf(v[i]);
    return m;
}

const float *pg_edge_values(const session *s, int colour, int layer, size_t *n)
{
    *n = 0;
    if (colour == PG_COLOUR_GRADIENT) return lens_weight_grads(s, layer, n);
    const nn_layer_info li = lens_layer(s, layer);
    if (!lens_open(s) || li.n_weights == 0) return NULL;
    *n = li.n_weights;
    return nn_model_params(nn_trainer_model(s->run.trainer)) + li.param_offset;
}

/* The light theme runs the gradient ramp the other way (draw/logramp.h). */
static int light_bg(SDL_Color bg) { return pal_luminance(bg) > 0.5f; }

/* Edges by gradient: colour and width by |dJ/dw| on the log scale; the
 * fainter half first so the strong ones stay on top. */
static void gradient_edges(pg_pictures *p, app *a, const net_layout *L, SDL_Rect area, float size, int per_pair,
                           int light)
{
    const session *s = &a->s;
    for (int pass = 0; pass < 2; pass++)
        for (int c = 1; c < L->n_cols; c++) {
            size_t n;
            const float *grad = pg_edge_values(s, PG_COLOUR_GRADIENT, L->dense[c], &n);
            const int in = L->units[c - 1], out = L->units[c];
            if (grad && n < (size_t)in * out) grad = NULL;
            const float keep = grad ? kth_magnitude(p, grad, in * out, per_pair) : 0.0f;
            for (int j = 0; j < out; j++)
                for (int i = 0; i < in; i++) {
                    const float g = grad ? fabsf(grad[j * in + i]) : 0.0f;
                    if (grad && g < keep) continue;
                    if (!grad && (i + j) % 4) continue;        /* no update yet: a faint sketch of the wiring */
                    const float t = gfx_logramp_pos(g, PG_GRAD_LO, PG_GRAD_HI);
                    if ((t >= 0.5f) != pass) continue;
                    const SDL_FPoint p0 = node_pos(L, area, c - 1, i), p1 = node_pos(L, area, c, j);
                    gfx_canvas_line(&p->edges, p0.x + size / 2 - area.x, p0.y - area.y, p1.x - size / 2 - area.x,
                                    p1.y - area.y, (1.5f + 3.5f * t) * a->scale, gfx_logramp_colour(t, light));
                }
        }
}

void pg_draw_gradient_key(app *a, SDL_Rect area)
{
    const int light = light_bg(ui_get_theme(a->ui)->bg);
    /* the longest label that leaves the ramp (and its ends) 80 px */
    static const char *const labels[] = { "|\xE2\x88\x82J/\xE2\x88\x82w| lines, mean |\xCE\xB4| neurons:",
                                          "|\xE2\x88\x82J/\xE2\x88\x82w|, |\xCE\xB4|:", "" };
    const int ends = gfx_text_width(a->fonts, GFX_FONT_SMALL, "1e-10 1") + px(a, 110);
    const char *label = labels[0];
    for (int i = 1; i < 3 && gfx_text_width(a->fonts, GFX_FONT_SMALL, label) + ends > area.w; i++) label = labels[i];
    if (!lens_grad_count(&a->s) && gfx_text_width(a->fonts, GFX_FONT_SMALL, "no update yet:") + ends <= area.w)
        label = "no update yet:";
    gfx_logramp_legend(a->r, a->fonts, area, label, PG_GRAD_LO, PG_GRAD_HI, light, &a->style);
}

/* A neuron's thumbnail: its output over the plane, blue negative, orange positive. */
static void thumb(pg_pictures *p, gfx_heatmap **h, app *a, SDL_Rect r, const float *grid)
{
    if (!*h) *h = gfx_heatmap_create();
    if (!*h) return;
    const float m = max_abs(grid, (size_t)G * G);
    gfx_heatmap_desc d = { .lo = -m, .hi = m, .map = GFX_MAP_DIVERGING, .smooth = 1,
                           .version = a->s.version + 1 };
    (void)p;
    gfx_heatmap_draw(*h, a->r, r, grid, G, G, &d);
}

void pg_draw_network(pg_pictures *p, app *a, SDL_Rect area)
{
    session *s = &a->s;
    p->hover = -1;
    if (!s->open) return;
    net_layout L;
    layout_net(s, &L);
    const nn_model *m = nn_trainer_model(s->run.trainer);
    const float *w = nn_model_params((nn_model *)m);
    int biggest = 1;
    for (int c = 0; c < L.n_cols; c++) if (L.units[c] > biggest) biggest = L.units[c];
    /* Node size: what fits the tallest column and the column spacing, capped for legibility. */
    float size = fminf(fminf(area.h / (float)biggest * 0.78f, area.w / (float)L.n_cols * 0.42f), 64.0f * a->scale);
    /* Pictures down to 10 px (a deep network at a projector's zoom): small,
     * but still each neuron's picture rather than a grey box. */
    const int thumbs = size >= 10.0f && s->out != NULL;
    const int by_grad = a->colour_by == PG_COLOUR_GRADIENT;
    if (size < 6.0f) size = 6.0f;

    /* Edges first, under the nodes: colour = sign, width = size of the
     * weight. Hundreds of them: drawn on the CPU (draw/canvas.h). */
    int edges = 0, biggest_pair = 0, per_pair = EDGE_BUDGET;
    for (int c = 1; c < L.n_cols; c++) {
        const int n = L.units[c - 1] * L.units[c];
        edges += n;
        if (n > biggest_pair) biggest_pair = n;
    }
    if (edges > EDGE_BUDGET) {
        per_pair = EDGE_BUDGET / (L.n_cols - 1);
        if (per_pair < EDGE_MIN_PER_PAIR) per_pair = EDGE_MIN_PER_PAIR;
    }
    /* Redrawn when the weights, the place or the theme change; a network so
     * big that drawing its edges takes more than a few milliseconds is
     * redrawn at most ten times a second while it trains. */
    const SDL_Color bg = ui_get_theme(a->ui)->bg;   /* the window's background */
    const int bg_key = bg.r << 16 | bg.g << 8 | bg.b;
    const double now = SDL_GetPerformanceCounter() / (double)SDL_GetPerformanceFrequency();
    const int moved = !p->edges.tex || !SDL_RectEquals(&p->edges_rect, &area) || p->edges_bg != bg_key ||
                      p->edges_colour != a->colour_by;
    const int slow = p->edges_cost > 0.004 && now - p->edges_time < 0.1;
    if ((moved || (p->edges_version != s->version && !slow)) &&
        gfx_canvas_begin(&p->edges, a->r, area.w, area.h, bg) == 0) {
        if (by_grad) gradient_edges(p, a, &L, area, size, per_pair, light_bg(bg));
        for (int c = 1; c < L.n_cols && !by_grad; c++) {
            const nn_layer_info li = nn_model_layer(m, L.dense[c]);
            const float *W = w + li.param_offset;          /* (out, in) */
            const int in = L.units[c - 1], out = L.units[c];
            const float wmax = max_abs(W, (size_t)in * out);
            const float keep = kth_magnitude(p, W, in * out, per_pair);
            for (int j = 0; j < out; j++)
                for (int i = 0; i < in; i++) {
                    if (fabsf(W[j * in + i]) < keep) continue;
                    const float v = W[j * in + i] / wmax;
                    const SDL_FPoint p0 = node_pos(&L, area, c - 1, i), p1 = node_pos(&L, area, c, j);
                    SDL_Color col = pal_diverging(v);
                    col.a = (Uint8)(70 + 185 * fabsf(v));
                    gfx_canvas_line(&p->edges, p0.x + size / 2 - area.x, p0.y - area.y, p1.x - size / 2 - area.x,
                                    p1.y - area.y, (0.6f + 3.4f * fabsf(v)) * a->scale, col);
                }
        }
        p->edges_version = s->version;
        p->edges_colour = a->colour_by;
        p->edges_rect = area;
        p->edges_bg = bg_key;
        p->edges_time = now;
        p->edges_cost = SDL_GetPerformanceCounter() / (double)SDL_GetPerformanceFrequency() - now;
    }
    gfx_canvas_show(&p->edges, a->r, area.x, area.y);
    if (biggest_pair > per_pair) {
        char note[128];
        const char *what = by_grad ? "gradients" : "weights";
        snprintf(note, sizeof note, "lines: the %d strongest of up to %d %s per layer", per_pair, biggest_pair, what);
        if (gfx_text_width(a->fonts, GFX_FONT_SMALL, note) > area.w)
            snprintf(note, sizeof note, "%d strongest %s per layer", per_pair, what);
        if (gfx_text_width(a->fonts, GFX_FONT_SMALL, note) > area.w + px(a, 16)) note[0] = '\0';   /* no room */
        gfx_text(a->fonts, GFX_FONT_SMALL, area.x + area.w / 2, area.y + area.h + px(a, 2), a->style.text_dim,
                 GFX_ALIGN_CENTER, note);
    }
    int mx, my;
    SDL_GetMouseState(&mx, &my);
    /* Nodes. */
    for (int c = 0; c < L.n_cols; c++) {
        for (int k = 0; k < L.units[c]; k++) {
            const SDL_FPoint q = node_pos(&L, area, c, k);
            const SDL_Rect r = { (int)(q.x - size / 2), (int)(q.y - size / 2), (int)size, (int)size };
            const int last = c == L.n_cols - 1;
            const float *delta = NULL;
            const int n_delta = by_grad && c > 0 ? lens_error_signal(s, L.dense[c], &delta) : 0;
            if (by_grad && c > 0) {
                /* The neuron's error signal on the gradient scale; grey before the first update. */
                gfx_fill_rect(a->r, r, k < n_delta ? gfx_logramp_colour(gfx_logramp_pos(delta[k], PG_GRAD_LO, PG_GRAD_HI),
                                                                        light_bg(bg))
                                                   : a->style.grid);
            } else if (c == 0 && thumbs && s->grid_xy) {
                /* The input itself over the plane: x1 grows to the right, x2 upwards. */
                float *ramp = p->ramp[k & 1];
                for (int i = 0; i < G * G; i++) ramp[i] = s->grid_xy[2 * i + (k & 1)];
                thumb(p, &p->inputs[k & 1], a, r, ramp);
            } else if (!last && thumbs) {
                const int idx = L.first[c] + k;
                if (idx < s->n_neurons) thumb(p, &p->thumbs[idx], a, r, s->neurons + (size_t)idx * G * G);
            } else if (last && thumbs && k < s->n_outputs && k < PG_MAX_OUTPUTS) {
                thumb(p, &p->outs[k], a, r, s->outputs + (size_t)k * G * G);
            } else {
                gfx_fill_rect(a->r, r, a->style.grid);
            }
            gfx_rect_outline(a->r, r, px(a, 1.5f), a->style.axis);
            const int idx = c > 0 && !last ? L.first[c] + k : -1;
            if (idx >= 0 && idx < SESSION_MAX_NEURONS && s->dropped[idx]) {
                /* Switched off by dropout in this batch: a grey veil and a cross. */
                gfx_fill_rect(a->r, r, gfx_fade(a->style.bg, 0.75f));
                gfx_line(a->r, r.x, r.y, r.x + r.w, r.y + r.h, px(a, 2), a->style.text_dim);
                gfx_line(a->r, r.x + r.w, r.y, r.x, r.y + r.h, px(a, 2), a->style.text_dim);
            }
            if (c == 0 && size >= 14 * a->scale)
                gfx_textf(a->fonts, GFX_FONT_SMALL, r.x - px(a, 6), (int)q.y - gfx_text_height(a->fonts, GFX_FONT_SMALL) / 2,
                          a->style.text, GFX_ALIGN_RIGHT, "x%d", k + 1);
            if (idx >= 0 && mx * 1.0f >= r.x && mx < r.x + r.w && my >= r.y && my < r.y + r.h) {
                p->hover = idx;
                p->hover_rect = r;
            }
        }
        /* Column caption. */
        char cap[48];
        if (c == 0) snprintf(cap, sizeof cap, "input");
        else if (c == L.n_cols - 1) snprintf(cap, sizeof cap, "output");
        else snprintf(cap, sizeof cap, "%d %s", L.units[c], nn_act_name(s->cfg.act));
        if (gfx_text_width(a->fonts, GFX_FONT_SMALL, cap) > area.w / L.n_cols - px(a, 4))
            snprintf(cap, sizeof cap, "%d", L.units[c]);      /* narrow columns: just the size */
        gfx_text(a->fonts, GFX_FONT_SMALL, (int)node_pos(&L, area, c, 0).x, area.y - gfx_text_height(a->fonts, GFX_FONT_SMALL) - px(a, 2),
                 a->style.text_dim, GFX_ALIGN_CENTER, cap);
    }
}

void pg_draw_hover(pg_pictures *p, app *a)
{
    session *s = &a->s;
    if (p->hover < 0 || !s->open || !s->out || p->hover >= s->n_neurons) return;
    const int big = px(a, 200);
    int wx, wy;
    SDL_GetRendererOutputSize(a->r, &wx, &wy);
    SDL_Rect r = { p->hover_rect.x + p->hover_rect.w + px(a, 12), p->hover_rect.y - big / 2, big, big };
    if (r.x + r.w > wx) r.x = p->hover_rect.x - big - px(a, 12);
    if (r.y < 0) r.y = 0;
    if (r.y + r.h + px(a, 30) > wy) r.y = wy - r.h - px(a, 30);
    const SDL_Rect frame = { r.x - px(a, 6), r.y - px(a, 6), r.w + px(a, 12), r.h + px(a, 36) };
    gfx_fill_rect(a->r, frame, a->style.bg);
    gfx_rect_outline(a->r, frame, px(a, 2), a->style.text);
    thumb(p, &p->thumbs[p->hover], a, r, s->neurons + (size_t)p->hover * G * G);
    const nn_layer_info li = nn_model_layer(nn_trainer_model(s->run.trainer), s->neuron_layer[p->hover]);
    /* Hidden layer number and neuron number within it, counted from 1. */
    int layer = 1, first = 0;
    for (int i = 1; i <= p->hover; i++)
        if (s->neuron_layer[i] != s->neuron_layer[i - 1]) { layer++; first = i; }
    const int k = p->hover - first;
    gfx_textf(a->fonts, GFX_FONT_BODY, r.x, r.y + r.h + px(a, 4), a->style.text, GFX_ALIGN_LEFT,
              "hidden layer %d, neuron %d (%s)", layer, k + 1, li.name);
}

/* ---- the output ---- */

/* The labels as ints for the scatter (y is float); copied when the weights
 * change, reallocated only when a set's size does. */
static void refresh_labels(pg_pictures *p, const session *s)
{
    if (p->labels_version == s->version && p->labels[0]) return;
    const nn_dataset *sets[3] = { &s->run.train, &s->run.dev, &s->run.test };
    for (int k = 0; k < 3; k++) {
        if (!p->labels[k] || p->label_n[k] != sets[k]->n) {
            free(p->labels[k]);
            p->labels[k] = malloc((size_t)(sets[k]->n + 1) * sizeof(int));
        }
        p->label_n[k] = p->labels[k] ? sets[k]->n : 0;
        for (int i = 0; i < p->label_n[k]; i++) p->labels[k][i] = (int)sets[k]->y[i];
    }
    p->labels_version = s->version;
}

/* Decision regions: each cell takes its predicted class's colour, stronger
 * where the model is more confident (washed out near the boundary). */
static void region_colours(pg_pictures *p, const app *a)
{
    const session *s = &a->s;
    const int K = s->run.train.classes;
    const SDL_Color bg = a->style.bg;
    for (int i = 0; i < G * G; i++) {
        float conf = K == 2 && s->cfg.loss != NN_LOSS_SOFTMAX ? fabsf(2.0f * s->out[i] - 1.0f)
                                                             : (s->out[i] - 1.0f / K) / (1.0f - 1.0f / K);
        conf = conf < 0 ? 0 : conf > 1 ? 1 : conf;
        const SDL_Color c = pal_category(s->cls[i]);
        const float t = 0.18f + 0.55f * conf;
        Uint8 *q = p->regions + 4 * i;
        q[0] = (Uint8)(bg.r + (c.r - bg.r) * t);
        q[1] = (Uint8)(bg.g + (c.g - bg.g) * t);
        q[2] = (Uint8)(bg.b + (c.b - bg.b) * t);
        q[3] = 255;
    }
}

/* The regions stretched smoothly over the square, train dots and dev rings
 * on top; redrawn only when the probes or the square change. */
static void draw_regions_and_points(pg_pictures *p, app *a, SDL_Rect r)
{
    const session *s = &a->s;
    const int same = p->output.tex && p->output_version == s->probe_version && p->labels_version == s->version &&
                     SDL_RectEquals(&p->output_rect, &r);
    if (!same) {
        if (gfx_canvas_begin(&p->output, a->r, r.w, r.h, a->style.bg) != 0) return;
        region_colours(p, a);
        gfx_canvas_stretch(&p->output, p->regions, G, G);
        const SDL_Rect local = { 0, 0, r.w, r.h };
        gfx_scatter_desc d = gfx_scatter_default(s->lo[0], s->hi[0], s->lo[1], s->hi[1], a->scale);
        d.outline = a->style.bg;
        gfx_canvas_scatter(&p->output, local, s->run.train.x, s->run.train.n, p->labels[0], &d);
        d.style = GFX_POINT_RING;
        gfx_canvas_scatter(&p->output, local, s->run.dev.x, s->run.dev.n, p->labels[1], &d);
        p->output_version = s->probe_version;
        p->output_rect = r;
    }
    gfx_canvas_show(&p->output, a->r, r.x, r.y);
}

void pg_draw_output(pg_pictures *p, app *a, SDL_Rect area)
{
    session *s = &a->s;
    if (!s->open) return;
    session_probe(s);
    refresh_labels(p, s);
    const nn_dataset *tr = &s->run.train, *dv = &s->run.dev;
    if (s->n_curve > 0) {
        /* Regression: the data as dots and the model's curve through them. */
        gfx_frame fr = { .title = NULL, .x_label = "x", .y_label = "y",
                         .x = { s->lo[0], s->hi[0], 0 }, .y = { -1.6, 1.6, 0 } };
        const SDL_Rect in = gfx_frame_draw(a->r, a->fonts, area, &fr, &a->style);
        gfx_scatter_desc d = gfx_scatter_default(s->lo[0], s->hi[0], -1.6, 1.6, a->scale);
        float *xy = malloc((size_t)(tr->n + dv->n + 1) * 2 * sizeof *xy);
        if (xy) {
            for (int i = 0; i < tr->n; i++) { xy[2 * i] = tr->x[i]; xy[2 * i + 1] = tr->y[i]; }
            d.color = pal_category(0);
            gfx_scatter(a->r, in, xy, tr->n, NULL, NULL, &d);
            for (int i = 0; i < dv->n; i++) { xy[2 * i] = dv->x[i]; xy[2 * i + 1] = dv->y[i]; }
            d.style = GFX_POINT_RING;
            d.color = pal_category(2);
            gfx_scatter(a->r, in, xy, dv->n, NULL, NULL, &d);
            free(xy);
        }
        SDL_FPoint pts[SESSION_CURVE];
        for (int i = 0; i < s->n_curve; i++) pts[i] = gfx_scatter_map(&d, in, s->curve_x[i], s->curve_y[i]);
        SDL_RenderSetClipRect(a->r, &in);
        gfx_polyline(a->r, pts, s->n_curve, 3.5f * a->scale, pal_category(1), 0);
        SDL_RenderSetClipRect(a->r, NULL);
        return;
    }
    if (!s->out) return;
    /* Square, centred in the area, with a line under it for the key. */
    const int key_h = gfx_text_height(a->fonts, GFX_FONT_SMALL) + px(a, 8);
    const int side = area.w < area.h - key_h ? area.w : area.h - key_h;
    const SDL_Rect r = { area.x + (area.w - side) / 2, area.y, side, side };
    draw_regions_and_points(p, a, r);
    gfx_rect_outline(a->r, r, px(a, 1.5f), a->style.axis);
    pg_draw_eval_badge(a, r);     /* dropout: the regions are the whole network's */
    /* Key: what the dots and the colours mean. */
    const int ty = r.y + r.h + px(a, 6), rad = px(a, 5);
    int x = r.x;
    gfx_disc(a->r, x + rad, ty + rad + px(a, 2), rad, a->style.text);
    x += 2 * rad + px(a, 6);
    x += gfx_text(a->fonts, GFX_FONT_SMALL, x, ty, a->style.text, GFX_ALIGN_LEFT, "train") + px(a, 16);
    gfx_ring(a->r, x + rad, ty + rad + px(a, 2), rad, px(a, 2), a->style.text);
    x += 2 * rad + px(a, 6);
    x += gfx_text(a->fonts, GFX_FONT_SMALL, x, ty, a->style.text, GFX_ALIGN_LEFT, "dev") + px(a, 16);
    const char *key = "colour: the predicted class";
    if (x + gfx_text_width(a->fonts, GFX_FONT_SMALL, key) <= area.x + area.w)
        gfx_text(a->fonts, GFX_FONT_SMALL, x, ty, a->style.text_dim, GFX_ALIGN_LEFT, key);
}

/* ---- the curves ---- */

static double get_train_loss(const void *u, int i, double *x) { const nn_metrics *m = u; *x = m[i].epoch; return m[i].train_loss; }
static double get_dev_loss(const void *u, int i, double *x)   { const nn_metrics *m = u; *x = m[i].epoch; return m[i].dev_loss >= 0 ? m[i].dev_loss : NAN; }
static double get_train_acc(const void *u, int i, double *x)  { const nn_metrics *m = u; *x = m[i].epoch; return m[i].train_acc >= 0 ? m[i].train_acc : NAN; }
static double get_dev_acc(const void *u, int i, double *x)    { const nn_metrics *m = u; *x = m[i].epoch; return m[i].dev_acc >= 0 ? m[i].dev_acc : NAN; }

/* The curves read under the mouse (draw/hover.h): over either plot, the
 * epoch nearest the cursor, a guide with dots on both plots, and one box
 * with the losses and the accuracies there (and the previous run's loss
 * when it has that epoch). Drawn after both plots so neither covers it. */
static void pg_curves_hover(app *a, SDL_Rect lin, const gfx_plot_desc *ld, const gfx_series *ls, int nl, int nl_drawn,
                            SDL_Rect ain, const gfx_plot_desc *ad, const gfx_series *as, int na)
{
    int mx, my;
    if (!ui_mouse(a->ui, &mx, &my)) return;
    const gfx_frame lfr = gfx_plot_frame(ld, ls, nl_drawn);      /* the axes the plots were drawn with */
    const gfx_frame afr = na ? gfx_plot_frame(ad, as, na) : lfr;
    gfx_hover found = gfx_hover_find(lin, &lfr, ls, nl, mx, my);
    if (!found.on && na) found = gfx_hover_find(ain, &afr, as, na, mx, my);
    if (!found.on) return;
    const gfx_hover hl = gfx_hover_at(found.x, lin, &lfr, ls, nl);
    const gfx_hover ha = na ? gfx_hover_at(found.x, ain, &afr, as, na) : (gfx_hover){ .on = 0 };
    gfx_hover_guide(a->r, &hl, lin, &lfr, ls, nl, &a->style, a->scale);
    if (na) gfx_hover_guide(a->r, &ha, ain, &afr, as, na, &a->style, a->scale);
    gfx_hover_row rows[5];
    int k = 0;
    rows[k++] = (gfx_hover_row){ "train loss", hl.y[0], ls[0].color, ls[0].style, 0 };
    rows[k++] = (gfx_hover_row){ "dev loss", hl.y[1], ls[1].color, ls[1].style, 0 };
    if (nl > 2) rows[k++] = (gfx_hover_row){ "previous run loss", hl.y[2], ls[2].color, ls[2].style, 0 };
    if (na) {
        rows[k++] = (gfx_hover_row){ "train accuracy", ha.y[0], as[0].color, as[0].style, 1 };
        rows[k++] = (gfx_hover_row){ "dev accuracy", ha.y[1], as[1].color, as[1].style, 1 };
    }
    gfx_hover_desc hd = gfx_hover_default(ld);
    hd.x_name = "epoch";
    const gfx_hover *on = hl.on && SDL_PointInRect(&(SDL_Point){ mx, my }, &lin) ? &hl : &ha;
    gfx_hover_box(a->r, a->fonts, &hd, found.x, rows, k, (int)lroundf(on->px), my);
}

void pg_draw_curves(app *a, SDL_Rect loss_area, SDL_Rect acc_area)
{
    const session *s = &a->s;
    int n = 0;
    const nn_metrics *h = session_history(s, &n);
    const SDL_Color c_train = pal_category(0), c_dev = pal_category(1);
    gfx_series ls[4] = {
        { .name = "train", .n = n, .get = get_train_loss, .user = h, .color = c_train },
        { .name = "dev", .n = n, .get = get_dev_loss, .user = h, .color = c_dev, .style = GFX_LINE_DASHED },
        { .name = "previous run", .n = s->prev_n, .get = get_train_loss, .user = s->prev, .color = c_train, .style = GFX_LINE_FAINT },
        { .name = NULL, .n = s->prev_n, .get = get_dev_loss, .user = s->prev, .color = c_dev, .style = GFX_LINE_FAINT },
    };
    gfx_plot_desc d = gfx_plot_default();
    d.style = a->style;
    d.title = s->run.train.classes ? "Loss" : "Loss (MSE)";
    d.x_label = loss_area.h >= px(a, 150) ? "epoch" : NULL;   /* a low plot (projector zoom): room for the curves */
    d.log_y = 1;
    char mark[48];
    if (s->cfg.train.early_stop > 0 && session_state(s).epoch > 0) {
        d.mark_x = session_state(s).best_epoch;
        snprintf(mark, sizeof mark, "best dev: epoch %d", session_state(s).best_epoch);
        d.mark_label = mark;
    }
    const SDL_Rect in = gfx_plot(a->r, a->fonts, loss_area, &d, ls, s->prev_n ? 4 : 2);
    /* The train/dev gap at the curves' end: in accuracy for classes (the loss
     * includes the L2 term on the training side), else in the loss. */
    if (n > 1 && (acc_area.w <= 0 || !s->run.train.classes)) {
        const gfx_frame fr = gfx_plot_frame(&d, ls, s->prev_n ? 4 : 2);
        pg_draw_gap(a, in, &fr, h[n - 1].epoch, h[n - 1].train_loss, h[n - 1].dev_loss, s->prev_n ? 3 : 2);
    }
    const int with_acc = acc_area.w > 0 && s->run.train.classes;
    gfx_series as[3] = {
        { .name = "train", .n = n, .get = get_train_acc, .user = h, .color = c_train },
        { .name = "dev", .n = n, .get = get_dev_acc, .user = h, .color = c_dev, .style = GFX_LINE_DASHED },
        { .name = "previous run", .n = s->prev_n, .get = get_train_acc, .user = s->prev, .color = c_train, .style = GFX_LINE_FAINT },
    };
    gfx_plot_desc e = gfx_plot_default();
    e.style = a->style;
    e.title = "Accuracy";
    e.x_label = acc_area.h >= px(a, 150) ? "epoch" : NULL;
    e.fixed_y = 1;
    e.y_min = 0;
    e.y_max = 1;
    e.legend = 0;
    SDL_Rect ain = { 0, 0, 0, 0 };
    if (with_acc) {
        ain = gfx_plot(a->r, a->fonts, acc_area, &e, as, s->prev_n ? 3 : 2);
        if (n > 1) {
            const gfx_frame fr = gfx_plot_frame(&e, as, s->prev_n ? 3 : 2);
            pg_draw_gap(a, ain, &fr, h[n - 1].epoch, h[n - 1].train_acc, h[n - 1].dev_acc, 0);
        }
    }
    pg_curves_hover(a, in, &d, ls, s->prev_n ? 3 : 2, s->prev_n ? 4 : 2, ain, &e, as, with_acc ? (s->prev_n ? 3 : 2) : 0);
}
