/* app/views/softmax_draw.c - the softmax view's pictures (see softmax_draw.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/prim.h"
#include "nn/loss.h"
#include "shell/lens.h"
#include "views/softmax_draw.h"

#define MINUS "\xE2\x88\x92"        /* − */
#define SIGMA "\xCE\xA3"            /* Σ */
#define TRUE_TAG "\xE2\x97\x80 true"  /* ◀ true */

static int px(const app *a, float v) { return (int)lroundf(v * a->scale); }

const char *sm_class_name(const char *const *names, int k)
{
    static const char *const PLAIN[SM_MAX_CLASSES] = {
        "class 0", "class 1", "class 2", "class 3", "class 4", "class 5", "class 6", "class 7",
        "class 8", "class 9", "class 10", "class 11", "class 12", "class 13", "class 14", "class 15",
    };
    if (k < 0 || k >= SM_MAX_CLASSES) return "?";
    return names && names[k] ? names[k] : PLAIN[k];
}

/* ---- numbers as the chain prints them ---- */

/* "-" becomes a real minus sign (wider, reads from the back of a room). */
static void minus(char *buf, size_t n)
{
    char tmp[64];
    size_t j = 0;
    for (const char *c = buf; *c && j + 4 < sizeof tmp; c++) {
        if (*c == '-' && (c == buf || c[-1] != 'e')) { memcpy(tmp + j, MINUS, 3); j += 3; }
        else tmp[j++] = *c;
    }
    tmp[j] = '\0';
    const size_t len = j < n - 1 ? j : n - 1;
    memcpy(buf, tmp, len);
    buf[len] = '\0';
}

static void fmt_z(char *buf, size_t n, double z)
{
    snprintf(buf, n, "%.2f", fabs(z) < 0.005 ? 0.0 : z);
    minus(buf, n);
}
static void fmt_p(char *buf, size_t n, double p) { snprintf(buf, n, "%.3f", p); }
static void fmt_grad(char *buf, size_t n, double g)
{
    snprintf(buf, n, "%+.3f", fabs(g) < 0.0005 ? 0.0 : g);
    minus(buf, n);
}
/* e^z: four significant figures, powers of ten when large or small. */
static void fmt_ez(char *buf, size_t n, double v)
{
    if (v != 0.0 && (v >= 1e5 || v < 1e-3)) snprintf(buf, n, "%.3e", v);
    else snprintf(buf, n, "%#.4g", v);   /* e^0 = 1.000 */
    minus(buf, n);
}

/* ---- the table's geometry ---- */

static const char *const HEADS[SM_COLS] = { "z (logit)", "e^z", "p = e^z / " SIGMA, "p " MINUS " y" };

/* The columns that fit with numbers in font nf (t's fonts, widths and
 * show[] set); returns how many. */
static int columns(const app *a, SDL_Rect area, const sm_chain *c, const char *const *names, gfx_font_id nf,
                   sm_table *t)
{
    static const int ORDER[SM_COLS] = { SM_COL_P, SM_COL_Z, SM_COL_GRAD, SM_COL_EZ };
    const gfx_fonts *f = a->fonts;
    const int bar_min = px(a, 32), gap = px(a, 14);
    t->num_font = nf;
    t->name_font = nf == GFX_FONT_SMALL ? GFX_FONT_SMALL : GFX_FONT_BOLD;
    memset(t->num_w, 0, sizeof t->num_w);
    memset(t->show, 0, sizeof t->show);
    int nw = 0;
    for (int i = 0; i < c->k; i++) {
        const int w = gfx_text_width(f, t->name_font, sm_class_name(names, i));
        if (w > nw) nw = w;
    }
    t->tag_w = c->truth >= 0 ? gfx_text_width(f, GFX_FONT_SMALL, TRUE_TAG) + px(a, 8) : 0;
    t->name_x = area.x + px(a, 4);
    t->name_w = nw + t->tag_w + px(a, 24);
    char buf[64];
    for (int i = 0; i < c->k; i++) {
        int w;
        fmt_z(buf, sizeof buf, c->z[i]);
        if ((w = gfx_text_width(f, nf, buf)) > t->num_w[SM_COL_Z]) t->num_w[SM_COL_Z] = w;
        fmt_ez(buf, sizeof buf, c->ez[i]);
        if ((w = gfx_text_width(f, nf, buf)) > t->num_w[SM_COL_EZ]) t->num_w[SM_COL_EZ] = w;
        fmt_grad(buf, sizeof buf, c->grad[i]);
        if ((w = gfx_text_width(f, nf, buf)) > t->num_w[SM_COL_GRAD]) t->num_w[SM_COL_GRAD] = w;
    }
    t->num_w[SM_COL_P] = gfx_text_width(f, nf, "0.000");
    for (int col = 0; col < SM_COLS; col++) t->num_w[col] += px(a, 10);
    const int room = area.x + area.w - (t->name_x + t->name_w);
    int used = 0, n = 0;
    for (int o = 0; o < SM_COLS; o++) {
        const int col = ORDER[o];
        if (col == SM_COL_GRAD && c->truth < 0) continue;
        const int need = t->num_w[col] + bar_min + gap + (col == SM_COL_P ? bar_min : 0);
        if (o > 0 && used + need > room) continue;
        t->show[col] = 1;
        used += need;
        n++;
    }
    return n;
}

void sm_table_layout(const app *a, SDL_Rect area, const sm_chain *c, const char *const *names, float zr_min,
                     sm_table *t)
{
    memset(t, 0, sizeof *t);
    t->k = c->k;
    if (c->k < 1) return;
    const gfx_fonts *f = a->fonts;
    const int head_h = gfx_text_height(f, GFX_FONT_BOLD) + px(a, 8);
    const int foot_lines = c->truth >= 0 ? 2 : 1, hint_h = 2 * gfx_text_height(f, GFX_FONT_BODY) + px(a, 4);
    /* rows as tall as the room allows, at most 64 px (zoom 1): big numbers at a
     * projector; the foot (the sum, the loss, a hint) shrinks first */
    t->foot_font = GFX_FONT_TITLE;
    t->hint = 1;
    int foot_h = foot_lines * (gfx_text_height(f, GFX_FONT_TITLE) + px(a, 2)) + px(a, 8) + hint_h;
    int rh = (area.h - head_h - foot_h) / c->k;
    if (rh < gfx_text_height(f, GFX_FONT_TITLE) + px(a, 8)) {   /* many classes: a smaller foot */
        t->foot_font = GFX_FONT_BOLD;
        t->hint = 0;
        foot_h = foot_lines * (gfx_text_height(f, GFX_FONT_BOLD) + px(a, 2)) + px(a, 8);
        rh = (area.h - head_h - foot_h) / c->k;
    }
    if (rh > px(a, 64)) rh = px(a, 64);
    t->row_h = rh;
    t->head = (SDL_Rect){ area.x, area.y, area.w, head_h };
    t->row_y = area.y + head_h;
    t->foot = (SDL_Rect){ area.x, t->row_y + rh * c->k + px(a, 6), area.w, foot_h };
    /* The largest numbers the rows hold with as many columns as any font
     * allows beside the names: p first, then z, p - y and e^z as they fit. */
    static const gfx_font_id FONTS[3] = { GFX_FONT_TITLE, GFX_FONT_BOLD, GFX_FONT_SMALL };
    int best = -1, best_n = -1;
    for (int fi = 0; fi < 3; fi++) {
        const gfx_font_id nf = FONTS[fi];
        if (fi < 2 && rh < gfx_text_height(f, nf) + px(a, nf == GFX_FONT_TITLE ? 8 : 2)) continue;
        const int n = columns(a, area, c, names, nf, t);
        if (n > best_n) { best = fi; best_n = n; }
    }
    columns(a, area, c, names, FONTS[best], t);
    const int gap = px(a, 14);
    /* the bars share what the numbers leave: p's twice as long as the others */
    const int room = area.x + area.w - (t->name_x + t->name_w);
    int weights = 0, bars = room;
    for (int col = 0; col < SM_COLS; col++)
        if (t->show[col]) { weights += col == SM_COL_P ? 2 : 1; bars -= t->num_w[col] + gap; }
    int x = t->name_x + t->name_w;
    for (int col = 0; col < SM_COLS; col++) {
        if (!t->show[col]) continue;
        t->col_w[col] = t->num_w[col] + bars * (col == SM_COL_P ? 2 : 1) / (weights > 0 ? weights : 1);
        t->col_x[col] = x;
        x += t->col_w[col] + gap;
    }
    float zr = zr_min > 0.0f ? zr_min : 0.0f;
    t->z_signed = zr_min > 0.0f;
    for (int i = 0; i < c->k; i++) {
        if (fabsf(c->z[i]) > zr) zr = fabsf(c->z[i]);
        if (c->z[i] < 0.0f) t->z_signed = 1;
    }
    t->z_range = zr > 0.0f ? zr : 1.0f;
}

int sm_table_min_height(const app *a, int k, int with_truth)
{
    const gfx_fonts *f = a->fonts;
    const int head_h = gfx_text_height(f, GFX_FONT_BOLD) + px(a, 8);
    const int foot_h = (with_truth ? 2 : 1) * (gfx_text_height(f, GFX_FONT_BOLD) + px(a, 2)) + px(a, 8);
    return head_h + k * (gfx_text_height(f, GFX_FONT_SMALL) + px(a, 2)) + px(a, 6) + foot_h;
}

SDL_Rect sm_table_z_cell(const sm_table *t, int i)
{
    if (!t->show[SM_COL_Z] || i < 0 || i >= t->k) return (SDL_Rect){ 0, 0, 0, 0 };
    return (SDL_Rect){ t->col_x[SM_COL_Z], t->row_y + i * t->row_h, t->col_w[SM_COL_Z] - t->num_w[SM_COL_Z], t->row_h };
}

/* The bar part of a column: [x0, x1). */
static void bar_span(const sm_table *t, int col, int *x0, int *x1)
{
    *x0 = t->col_x[col];
    *x1 = t->col_x[col] + t->col_w[col] - t->num_w[col];
}

float sm_table_z_at(const sm_table *t, int x)
{
    int x0, x1;
    bar_span(t, SM_COL_Z, &x0, &x1);
    if (x1 <= x0) return 0.0f;
    const float u = (float)(x - x0) / (float)(x1 - x0);
    return t->z_signed ? (2.0f * u - 1.0f) * t->z_range : u * t->z_range;
}

/* A bar from value 0 to v on [lo, hi] mapped onto [x0, x1). */
static void bar(app *a, int x0, int x1, int y, int h, double v, double lo, double hi, SDL_Color c)
{
    if (x1 <= x0 || !(hi > lo) || !isfinite(v)) return;
    const double zero = lo < 0.0 && hi > 0.0 ? 0.0 : lo;
    const double vv = v < lo ? lo : v > hi ? hi : v;
    const int xz = x0 + (int)lround((zero - lo) / (hi - lo) * (x1 - x0));
    const int xv = x0 + (int)lround((vv - lo) / (hi - lo) * (x1 - x0));
    const int l = xz < xv ? xz : xv, w = abs(xv - xz);
    gfx_fill_rect(a->r, (SDL_Rect){ x0, y, x1 - x0, h }, gfx_fade(a->style.grid, 0.35f));
    gfx_fill_rect(a->r, (SDL_Rect){ l, y, w > 0 ? w : 1, h }, c);
    if (lo < 0.0 && hi > 0.0) gfx_fill_rect(a->r, (SDL_Rect){ xz, y - px(a, 3), px(a, 2), h + px(a, 6) }, a->style.axis);
}

void sm_draw_chain(app *a, SDL_Rect area, const sm_chain *c, const char *const *names, float zr_min, const char *note)
{
    if (c->k < 1) return;
    sm_table t;
    sm_table_layout(a, area, c, names, zr_min, &t);
    gfx_fonts *f = a->fonts;
    const SDL_Color text = a->style.text, dim = a->style.text_dim;
    char buf[160], num[64];
    /* headings */
    const int hy = t.head.y + px(a, 2);
    gfx_text(f, GFX_FONT_BOLD, t.name_x, hy, dim, GFX_ALIGN_LEFT, "class");
    for (int col = 0; col < SM_COLS; col++) {
        if (!t.show[col]) continue;
        const char *h = col == SM_COL_EZ && c->shifted ? "e^(z " MINUS " max)" : HEADS[col];
        gfx_text(f, GFX_FONT_BOLD, t.col_x[col], hy, col == SM_COL_P ? text : dim, GFX_ALIGN_LEFT, h);
    }
    double ez_max = 0.0;
    for (int i = 0; i < c->k; i++) if (c->ez[i] > ez_max) ez_max = c->ez[i];
    const int bar_h = t.row_h * 5 / 10 > px(a, 6) ? t.row_h * 5 / 10 : px(a, 6);
    for (int i = 0; i < c->k; i++) {
        const int y = t.row_y + i * t.row_h, by = y + (t.row_h - bar_h) / 2;
        const int ny = y + (t.row_h - gfx_text_height(f, t.num_font)) / 2;
        const SDL_Color col = pal_category(i);
        if (i == c->truth) {   /* the true class: a band and a mark */
            gfx_fill_rect(a->r, (SDL_Rect){ area.x, y + 1, area.w, t.row_h - 2 }, gfx_fade(a->style.grid, 0.6f));
            gfx_rect_outline(a->r, (SDL_Rect){ area.x, y + 1, area.w, t.row_h - 2 }, px(a, 2), text);
        }
        gfx_fill_rect(a->r, (SDL_Rect){ t.name_x, by, px(a, 8), bar_h }, col);
        const int name_y = y + (t.row_h - gfx_text_height(f, t.name_font)) / 2;
        gfx_text(f, t.name_font, t.name_x + px(a, 14), name_y, text, GFX_ALIGN_LEFT, sm_class_name(names, i));
        if (i == c->truth)
            gfx_text(f, GFX_FONT_SMALL, t.name_x + px(a, 20) + gfx_text_width(f, t.name_font, sm_class_name(names, i)),
                     y + (t.row_h - gfx_text_height(f, GFX_FONT_SMALL)) / 2, text, GFX_ALIGN_LEFT, TRUE_TAG);
        int x0, x1;
        if (t.show[SM_COL_Z]) {
            bar_span(&t, SM_COL_Z, &x0, &x1);
            bar(a, x0 + px(a, 4), x1 - px(a, 4), by, bar_h, c->z[i], t.z_signed ? -t.z_range : 0.0, t.z_range, col);
            fmt_z(num, sizeof num, c->z[i]);
            gfx_text(f, t.num_font, x1 + t.num_w[SM_COL_Z] - px(a, 4), ny, text, GFX_ALIGN_RIGHT, num);
        }
        if (t.show[SM_COL_EZ]) {
            bar_span(&t, SM_COL_EZ, &x0, &x1);
            bar(a, x0 + px(a, 4), x1 - px(a, 4), by, bar_h, c->ez[i], 0.0, ez_max > 0 ? ez_max : 1.0, col);
            fmt_ez(num, sizeof num, c->ez[i]);
            gfx_text(f, t.num_font, x1 + t.num_w[SM_COL_EZ] - px(a, 4), ny, text, GFX_ALIGN_RIGHT, num);
        }
        if (t.show[SM_COL_P]) {
            bar_span(&t, SM_COL_P, &x0, &x1);
            bar(a, x0 + px(a, 4), x1 - px(a, 4), by, bar_h, c->p[i], 0.0, 1.0, col);
            fmt_p(num, sizeof num, c->p[i]);
            gfx_text(f, t.num_font, x1 + t.num_w[SM_COL_P] - px(a, 4), ny, text, GFX_ALIGN_RIGHT, num);
        }
        if (t.show[SM_COL_GRAD]) {
            bar_span(&t, SM_COL_GRAD, &x0, &x1);
            bar(a, x0 + px(a, 4), x1 - px(a, 4), by, bar_h, c->grad[i], -1.0, 1.0,
                pal_diverging(c->grad[i] < 0 ? -0.8f : 0.8f));
            fmt_grad(num, sizeof num, c->grad[i]);
            gfx_text(f, t.num_font, x1 + t.num_w[SM_COL_GRAD] - px(a, 4), ny, text, GFX_ALIGN_RIGHT, num);
        }
    }
    /* the sum, the loss, the gradient's meaning */
    const gfx_font_id ff = t.foot_font;
    const int lh = gfx_text_height(f, ff) + px(a, 2);
    int y = t.foot.y;
    fmt_ez(num, sizeof num, c->sum);
    if (c->shifted) {
        char zm[32];
        fmt_z(zm, sizeof zm, c->zmax);
        snprintf(buf, sizeof buf, SIGMA " e^(z " MINUS " %s) = %s", zm, num);
    } else {
        snprintf(buf, sizeof buf, SIGMA " = sum of e^z = %s", num);
    }
    if (gfx_text_width(f, ff, buf) > area.w) snprintf(buf, sizeof buf, SIGMA " = %s", num);
    gfx_text(f, ff, area.x + px(a, 4), y, text, GFX_ALIGN_LEFT, buf);
    y += lh;
    if (c->truth >= 0) {
        char pt[32], l[32];
        fmt_p(pt, sizeof pt, c->p[c->truth]);
        snprintf(l, sizeof l, "%.3f", c->loss);
        snprintf(buf, sizeof buf, "loss = " MINUS "log p(true) = " MINUS "log %s = %s", pt, l);
        if (gfx_text_width(f, ff, buf) > area.w) snprintf(buf, sizeof buf, "loss = %s", l);
        gfx_text(f, ff, area.x + px(a, 4), y, text, GFX_ALIGN_LEFT, buf);
        y += lh;
    }
    if (!t.hint && !(note && note[0])) return;
    const char *line = note && note[0] ? note
                     : c->truth >= 0 ? "p " MINUS " y (y = 1 for the true class, else 0) is dLoss/dz: "
                                       "what flows back into the network."
                                     : "No true class here: the bars are what the network believes.";
    gfx_text_wrap(f, GFX_FONT_BODY, (SDL_Rect){ area.x + px(a, 4), y + px(a, 4), area.w - px(a, 8),
                                                area.y + area.h - y }, dim, line, 1);
}

/* ---- pictures ---- */

void sm_draw_grey(app *a, SDL_Texture **tex, uint64_t *tex_key, uint64_t key, SDL_Rect dst,
                  const float *v, const uint8_t *b, int w, int h)
{
    if (w < 1 || h < 1 || dst.w < 1 || dst.h < 1) return;
    if (*tex) {
        int tw, th;
        if (SDL_QueryTexture(*tex, NULL, NULL, &tw, &th) != 0 || tw != w || th != h) {
            SDL_DestroyTexture(*tex);
            *tex = NULL;
        }
    }
    if (!*tex) {
        *tex = SDL_CreateTexture(a->r, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, w, h);
        *tex_key = 0;
    }
    if (!*tex) return;
    if (*tex_key != key || key == 0) {
        Uint8 *pix = malloc((size_t)w * h * 4);
        if (!pix) return;
        for (int i = 0; i < w * h; i++) {
            float g = v ? v[i] * 255.0f : (float)b[i];
            g = g < 0.0f ? 0.0f : g > 255.0f ? 255.0f : g;
            pix[4 * i] = pix[4 * i + 1] = pix[4 * i + 2] = (Uint8)lroundf(g);
            pix[4 * i + 3] = 255;
        }
        SDL_UpdateTexture(*tex, NULL, pix, w * 4);
        free(pix);
        *tex_key = key;
    }
    SDL_RenderCopy(a->r, *tex, NULL, &dst);
}

SDL_Rect sm_plane_rect(SDL_Rect r)
{
    const int s = r.w < r.h ? r.w : r.h;
    return (SDL_Rect){ r.x + (r.w - s) / 2, r.y, s, s };
}

enum { G = SESSION_GRID };

/* The probabilities of `classes` classes at grid cell i. */
static int cell_probs(const float *logits, int n_out, int classes, int i, float *p)
{
    float z[SM_MAX_CLASSES];
    if (n_out == 1) {   /* one sigmoid output z: softmax over (0, z) */
        p[1] = 1.0f / (1.0f + expf(-logits[i]));
        p[0] = 1.0f - p[1];
        return 2;
    }
    const int k = n_out < classes ? n_out : classes;
    if (k < 2 || k > SM_MAX_CLASSES) return 0;
    for (int o = 0; o < k; o++) z[o] = logits[(size_t)o * G * G + i];
    nn_softmax(z, p, k);
    return k;
}

static SDL_Color mix(SDL_Color bg, SDL_Color c, float t)
{
    t = t < 0.0f ? 0.0f : t > 1.0f ? 1.0f : t;
    return (SDL_Color){ (Uint8)lroundf(bg.r + (c.r - bg.r) * t), (Uint8)lroundf(bg.g + (c.g - bg.g) * t),
                        (Uint8)lroundf(bg.b + (c.b - bg.b) * t), 255 };
}

/* Uploads the plane pictures: plane 0 the mixture, plane 1 + k class k's map. */
static int plane_texture(softmax_view *v, app *a, const float *logits, int n_out, int classes)
{
    const int k = n_out == 1 ? 2 : n_out < classes ? n_out : classes;
    if (k < 2 || k > SM_MAX_CLASSES) return 0;
    const uint64_t key = lens_version(&a->s) * 2 + (uint64_t)a->light;
    if (v->tex_plane && v->tex_plane_key == key && v->tex_plane_k == k) return k;
    if (v->tex_plane && v->tex_plane_k != k) { SDL_DestroyTexture(v->tex_plane); v->tex_plane = NULL; }
    if (!v->tex_plane)
        v->tex_plane = SDL_CreateTexture(a->r, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, G, G * (k + 1));
    if (!v->tex_plane) return 0;
    SDL_SetTextureScaleMode(v->tex_plane, SDL_ScaleModeLinear);
    Uint8 *pix = malloc((size_t)G * G * (k + 1) * 4);
    if (!pix) return 0;
    const SDL_Color bg = a->style.bg;
    float p[SM_MAX_CLASSES];
    for (int i = 0; i < G * G; i++) {
        if (cell_probs(logits, n_out, classes, i, p) != k) memset(p, 0, sizeof p);
        float r = 0, g = 0, b = 0;
        for (int c = 0; c < k; c++) {
            const SDL_Color cc = pal_category(c);
            r += p[c] * cc.r; g += p[c] * cc.g; b += p[c] * cc.b;
            const SDL_Color m = mix(bg, cc, p[c]);
            Uint8 *q = pix + ((size_t)(c + 1) * G * G + i) * 4;
            q[0] = m.r; q[1] = m.g; q[2] = m.b; q[3] = 255;
        }
        const SDL_Color m = mix(bg, (SDL_Color){ (Uint8)lroundf(r), (Uint8)lroundf(g), (Uint8)lroundf(b), 255 }, 0.55f);
        Uint8 *q = pix + (size_t)i * 4;
        q[0] = m.r; q[1] = m.g; q[2] = m.b; q[3] = 255;
    }
    SDL_UpdateTexture(v->tex_plane, NULL, pix, G * 4);
    free(pix);
    v->tex_plane_key = key;
    v->tex_plane_k = k;
    return k;
}

void sm_draw_plane(softmax_view *v, app *a, SDL_Rect r, const nn_dataset *ds, const float *logits, int n_out,
                   const float lo[2], const float hi[2])
{
    const SDL_Rect sq = sm_plane_rect(r);
    gfx_fill_rect(a->r, sq, a->style.bg);
    if (logits && plane_texture(v, a, logits, n_out, ds ? ds->classes : 0) > 0) {
        const SDL_Rect src = { 0, 0, G, G };
        SDL_RenderCopy(a->r, v->tex_plane, &src, &sq);
    }
    gfx_rect_outline(a->r, sq, 1, a->style.axis);
    if (!ds || !ds->x || ds->d != 2 || !(hi[0] > lo[0]) || !(hi[1] > lo[1])) return;
    const float rad = (float)px(a, 3.5f);
    for (int i = 0; i < ds->n; i++) {
        const float x = sq.x + (ds->x[2 * i] - lo[0]) / (hi[0] - lo[0]) * sq.w;
        const float y = sq.y + (hi[1] - ds->x[2 * i + 1]) / (hi[1] - lo[1]) * sq.h;
        if (x < sq.x || y < sq.y || x > sq.x + sq.w || y > sq.y + sq.h) continue;
        gfx_disc(a->r, x, y, rad + 1.0f, a->style.text);
        gfx_disc(a->r, x, y, rad, pal_category((int)ds->y[i]));
    }
    if (v->example >= 0 && v->example < ds->n) {
        const int i = v->example;
        const float x = sq.x + (ds->x[2 * i] - lo[0]) / (hi[0] - lo[0]) * sq.w;
        const float y = sq.y + (hi[1] - ds->x[2 * i + 1]) / (hi[1] - lo[1]) * sq.h;
        gfx_ring(a->r, x, y, (float)px(a, 11), (float)px(a, 3), a->style.text);
        gfx_ring(a->r, x, y, (float)px(a, 14), (float)px(a, 2), a->style.bg);
    }
}

void sm_draw_maps(softmax_view *v, app *a, SDL_Rect area, const float *logits, int n_out, int classes)
{
    const int k = logits ? plane_texture(v, a, logits, n_out, classes) : 0;
    if (k < 2) return;
    gfx_fonts *f = a->fonts;
    const int label_h = gfx_text_height(f, GFX_FONT_BOLD) + px(a, 2), gap = px(a, 10);
    int s = (area.w - (k - 1) * gap) / k;
    if (s > area.h - label_h) s = area.h - label_h;
    if (s < px(a, 24)) return;
    for (int c = 0; c < k; c++) {
        const SDL_Rect sq = { area.x + c * (s + gap), area.y + label_h, s, s };
        const SDL_Rect src = { 0, G * (c + 1), G, G };
        SDL_RenderCopy(a->r, v->tex_plane, &src, &sq);
        gfx_rect_outline(a->r, sq, px(a, 2), pal_category(c));
        /* the longest label that fits its map (a narrow row at a projector's zoom) */
        char buf[40];
        gfx_font_id font = GFX_FONT_BOLD;
        snprintf(buf, sizeof buf, "P(class %d)", c);
        if (gfx_text_width(f, font, buf) > s + gap / 2) font = GFX_FONT_SMALL;
        if (gfx_text_width(f, font, buf) > s + gap / 2) { font = GFX_FONT_BOLD; snprintf(buf, sizeof buf, "P(%d)", c); }
        gfx_text(f, font, sq.x, area.y, a->style.text, GFX_ALIGN_LEFT, buf);
    }
}
