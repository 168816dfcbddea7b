/* app/views/playground_images.c - the Playground's pictures for image data
 * (see playground_images.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/bars.h"
#include "draw/prim.h"
#include "ui/ui.h"
#include "views/playground_images.h"

static int px(const app *a, float v) { return (int)lroundf(v * a->scale); }

/* Right and wrong: Okabe-Ito bluish green and vermillion (told apart by
 * colour-blind viewers too), and always a symbol as well. */
static SDL_Color col_right(void) { return pal_category(2); }
static SDL_Color col_wrong(void) { return pal_category(6); }
#define MARK_RIGHT "\xE2\x9C\x93"   /* ✓ */
#define MARK_WRONG "\xE2\x9C\x97"   /* ✗ */
#define ARROW " \xE2\x86\x92 "      /* → */

void pg_images_free(pg_images *g)
{
    free(g->x);
    if (g->tex) SDL_DestroyTexture(g->tex);
    memset(g, 0, sizeof *g);
}

/* ---- the samples and their predictions ---- */

/* The dev set (the training set if there is no dev set): images the network
 * does not learn from, so its guesses are honest. */
static const nn_dataset *sample_set(const session *s)
{
    return s->run.dev.n > 0 ? &s->run.dev : &s->run.train;
}

/* Balanced samples: the first images of each class in turn (class 0, 1, ...,
 * then each class's second image, ...), so every class appears. */
static void pick_samples(pg_images *g, app *a)
{
    const session *s = &a->s;
    const nn_dataset *ds = sample_set(s);
    /* A new network on the same images (they are reused): keep the selection. */
    const void *set = ds->x8 ? (const void *)ds->x8 : (const void *)ds->x;
    const int keep = set && set == g->set && ds->n == g->set_n;
    g->set = set;
    g->set_n = ds->n;
    free(g->x);
    g->x = NULL;
    g->n = 0;
    g->run_id = s->run_id;
    g->pred_version = 0;
    if (!keep) g->selected = 0;
    g->classes = ds->classes < PG_IMAGES_CLASSES ? ds->classes : PG_IMAGES_CLASSES;
    g->names = ds->class_names;
    g->d = ds->d;
    g->side_h = ds->shape.h;
    g->side_w = ds->shape.w;
    if (g->classes < 1 || ds->n < 1 || (!ds->x && !ds->x8)) return;
    int bucket[PG_IMAGES_CLASSES][PG_IMAGES_MAX], count[PG_IMAGES_CLASSES] = { 0 };
    for (int i = 0; i < ds->n; i++) {
        const int k = (int)ds->y[i];
        if (k >= 0 && k < g->classes && count[k] < PG_IMAGES_MAX) bucket[k][count[k]++] = i;
    }
    for (int round = 0; round < PG_IMAGES_MAX && g->n < PG_IMAGES_MAX; round++) {
        int added = 0;
        for (int k = 0; k < g->classes && g->n < PG_IMAGES_MAX; k++)
            if (round < count[k]) {
                g->idx[g->n] = bucket[k][round];
                g->truth[g->n++] = k;
                added = 1;
            }
        if (!added) break;
    }
    g->x = malloc((size_t)g->n * (size_t)g->d * sizeof *g->x + 1);
    if (!g->x) { g->n = 0; return; }
    for (int j = 0; j < g->n; j++) {
        float *row = g->x + (size_t)j * g->d;
        const size_t at = (size_t)g->idx[j] * g->d;
        for (int f = 0; f < g->d; f++) row[f] = ds->x8 ? ds->x8[at + f] / 255.0f : ds->x[at + f];
    }
    for (int j = 0; j < g->n; j++) g->pred[j] = -1;
    if (g->selected >= g->n) g->selected = 0;
    /* The pictures: the first channel, grey, stacked top to bottom. */
    if (g->tex) SDL_DestroyTexture(g->tex);
    g->tex = NULL;
    const int w = g->side_w, h = g->side_h, plane = w * h;
    if (w < 2 || h < 2) return;
    Uint32 *pix = malloc((size_t)plane * (size_t)g->n * sizeof *pix);
    g->tex = pix ? SDL_CreateTexture(a->r, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, w, h * g->n) : NULL;
    if (g->tex) {
        SDL_SetTextureScaleMode(g->tex, SDL_ScaleModeLinear);
        Uint8 *p = (Uint8 *)pix;
        for (int j = 0; j < g->n; j++)
            for (int i = 0; i < plane; i++) {
                float v = g->x[(size_t)j * g->d + i];
                v = v < 0 ? 0 : v > 1 ? 1 : v;
                Uint8 *q = p + ((size_t)j * plane + i) * 4;
                q[0] = q[1] = q[2] = (Uint8)lroundf(v * 255.0f);
                q[3] = 255;
            }
        SDL_UpdateTexture(g->tex, NULL, pix, w * 4);
    }
    free(pix);
}

/* One forward pass over the samples: class probabilities and the guess. */
static void predict(pg_images *g, session *s)
{
    nn_trainer *t = s->run.trainer;
    nn_model *m = nn_trainer_model(t);
    const nn_loss loss = nn_model_get_desc(m)->loss;
    const int n_out = nn_model_n_out(m);
    if (g->n < 1 || (loss == NN_LOSS_SOFTMAX && n_out > PG_IMAGES_CLASSES) ||
        (loss != NN_LOSS_SOFTMAX && loss != NN_LOSS_BCE)) return;
    const float *z = nn_trainer_predict(t, g->x, g->n);
    if (!z) return;
    g->sigmoid = loss == NN_LOSS_BCE;
    for (int j = 0; j < g->n; j++) {
        const float *zj = z + (size_t)j * n_out;
        float *p = g->prob[j];
        memset(p, 0, sizeof g->prob[j]);
        if (loss == NN_LOSS_BCE) {
            p[1] = 1.0f / (1.0f + expf(-zj[0]));
            p[0] = 1.0f - p[1];
        } else {
            nn_softmax(zj, p, n_out);
        }
        int best = 0;
        for (int k = 1; k < g->classes; k++) if (p[k] > p[best]) best = k;
        g->pred[j] = best;
    }
}

/* ---- the grid's geometry, shared by update (clicks) and draw ---- */

typedef struct grid_layout {
    SDL_Rect    header, key;
    int         n;
    SDL_Rect    card[PG_IMAGES_MAX];    /* the clickable card: image and label */
    SDL_Rect    img[PG_IMAGES_MAX];
    gfx_font_id font;                   /* of the labels */
} grid_layout;

static const char *class_name(const pg_images *g, int k)
{
    static const char *const unknown = "?";
    return g->names && k >= 0 && k < g->classes ? g->names[k] : unknown;
}

static void layout_grid(const pg_images *g, app *a, SDL_Rect left, grid_layout *L)
{
    memset(L, 0, sizeof *L);
    const int head = gfx_text_height(a->fonts, GFX_FONT_BOLD) + px(a, 12);
    const int key_h = gfx_text_height(a->fonts, GFX_FONT_SMALL) + px(a, 10);
    L->header = (SDL_Rect){ left.x, left.y, left.w, head };
    L->key = (SDL_Rect){ left.x, left.y + left.h - key_h, left.w, key_h };
    const SDL_Rect area = { left.x, left.y + head, left.w, left.h - head - key_h };
    /* the third choice: small labels cut at the card's edge (a narrow column at a projector's zoom) */
    const gfx_font_id fonts[3] = { GFX_FONT_BOLD, GFX_FONT_SMALL, GFX_FONT_SMALL };
    int widest[2] = { 0, 0 };
    for (int f = 0; f < 2; f++)
        for (int k = 0; k < g->classes; k++) {
            const int w = gfx_text_width(a->fonts, fonts[f], class_name(g, k));
            if (w > widest[f]) widest[f] = w;
        }
    /* The arrangement with the most picture for the eye: samples times the
     * side of each (so 20 pictures of 67 px beat 24 of 50 px). Labels in
     * bold when they fit the card, else small. */
    static const int SHAPES[][2] = { { 6, 4 }, { 4, 6 }, { 5, 4 }, { 4, 5 }, { 4, 4 }, { 3, 4 }, { 3, 3 }, { 2, 3 },
                                     { 2, 2 }, { 1, 2 } };
    const int pad = px(a, 5), gap = px(a, 6);
    int best = -1, best_img = 0, best_font = 0, best_score = 0;
    for (int i = 0; i < (int)(sizeof SHAPES / sizeof SHAPES[0]); i++) {
        const int cols = SHAPES[i][0], rows = SHAPES[i][1];
        const int shown = cols * rows < g->n ? cols * rows : g->n;
        const int cw = area.w / cols - gap, ch = area.h / rows - gap;
        for (int f = 0; f < 3; f++) {
            if (f < 2 && widest[f] + px(a, 4) > cw) continue;
            const int label_h = gfx_text_height(a->fonts, fonts[f]);
            int img = ch - label_h - 3 * pad;
            if (img > cw - 2 * pad) img = cw - 2 * pad;
            if (img > px(a, 120)) img = px(a, 120);
            const int score = f < 2 ? shown * img : shown * img * 3 / 4;   /* whole labels preferred */
            if (img >= 8 && score > best_score) {
                best = i; best_img = img; best_font = f; best_score = score;
            }
            /* bold if it fits; the small labels too, when they leave the pictures more room */
        }
    }
    if (best < 0 || best_img < 8) return;
    const int cols = SHAPES[best][0], rows = SHAPES[best][1];
    L->font = fonts[best_font];
    L->n = cols * rows < g->n ? cols * rows : g->n;
    const int label_h = gfx_text_height(a->fonts, L->font);
    const int cw = area.w / cols - gap, card_h = best_img + label_h + 3 * pad;
    const int step_y = card_h + gap;
    for (int j = 0; j < L->n; j++) {
        const int r = j / cols, c = j % cols;
        L->card[j] = (SDL_Rect){ area.x + c * (cw + gap), area.y + r * step_y, cw, card_h };
        L->img[j] = (SDL_Rect){ L->card[j].x + (cw - best_img) / 2, L->card[j].y + pad, best_img, best_img };
    }
}

int pg_images_at(const pg_images *g, app *a, SDL_Rect left, int x, int y)
{
    grid_layout L;
    layout_grid(g, a, left, &L);
    for (int j = 0; j < L.n; j++) {
        const SDL_Rect c = L.card[j];
        if (x >= c.x && x < c.x + c.w && y >= c.y && y < c.y + c.h) return j;
    }
    return -1;
}

void pg_images_update(pg_images *g, app *a, SDL_Rect left)
{
    session *s = &a->s;
    if (!s->open || !nn_config_is_images(&s->cfg)) return;
    if (g->run_id != s->run_id) pick_samples(g, a);
    const int due = g->pred_version == 0 || a->time - g->pred_time >= 1.0 / PG_IMAGES_HZ || a->time < g->pred_time;
    if (g->pred_version != s->version && due) {
        predict(g, s);
        g->pred_version = s->version;
        g->pred_time = a->time;
    }
    grid_layout L;
    layout_grid(g, a, left, &L);
    for (int j = 0; j < L.n; j++) {
        snprintf(g->ids[j], sizeof g->ids[j], "##sample%d", j);
        ui_layout_begin(a->ui, L.card[j]);
        ui_layout_row(a->ui, 1, -1);
        if (ui_button(a->ui, g->ids[j])) g->selected = j;
        ui_tooltip(a->ui, "A dev image: the network never trains on it. Click it to see the network's "
                          "probability for every class (right).");
    }
}

/* ---- the pictures ---- */

void pg_images_summary(const session *s, char *buf, int len)
{
    buf[0] = '\0';
    if (!s->open || len < 2) return;
    nn_model *m = nn_trainer_model(s->run.trainer);
    const nn_model_desc *d = nn_model_get_desc(m);
    int used = snprintf(buf, (size_t)len, "%d", nn_model_n_in(m));
    for (int i = 0; i < nn_model_layer_count(m) && used < len; i++) {
        const nn_layer_desc *l = &d->layers[i];
        char item[48] = "";
        switch (l->kind) {
        case NN_LAYER_DENSE: snprintf(item, sizeof item, "%d", l->units); break;
        case NN_LAYER_CONV2D:
            /* As the layer spec writes it: stride and padding only when not the defaults. */
            snprintf(item, sizeof item, "c%dk%d", l->units, l->kernel);
            if (l->stride > 1) snprintf(item + strlen(item), sizeof item - strlen(item), "s%d", l->stride);
            if (l->pad != l->kernel / 2) snprintf(item + strlen(item), sizeof item - strlen(item), "p%d", l->pad);
            break;
        case NN_LAYER_MAXPOOL:
            snprintf(item, sizeof item, "p%d", l->kernel);
            if (l->stride > 0 && l->stride != l->kernel)
                snprintf(item + strlen(item), sizeof item - strlen(item), "s%d", l->stride);
            break;
        case NN_LAYER_DROPOUT: snprintf(item, sizeof item, "d%g", (double)l->drop); break;
        case NN_LAYER_BATCHNORM: snprintf(item, sizeof item, "bn"); break;
        default: break;   /* activations and flattening: named once below / not a step */
        }
        if (item[0]) used += snprintf(buf + used, (size_t)(len - used), ARROW "%s", item);
    }
    /* 22034 -> "22,034" */
    char num[32], grouped[48];
    snprintf(num, sizeof num, "%zu", nn_model_param_count(m));
    const int digits = (int)strlen(num);
    int o = 0;
    for (int i = 0; i < digits; i++) {
        if (i > 0 && (digits - i) % 3 == 0) grouped[o++] = ',';
        grouped[o++] = num[i];
    }
    grouped[o] = '\0';
    if (used < len) snprintf(buf + used, (size_t)(len - used), " \xC2\xB7 %s parameters", grouped);
}

/* ✓ or ✗ in a disc of the matching colour, centred on (cx, cy). */
static void badge(app *a, int cx, int cy, int right)
{
    const int h = gfx_text_height(a->fonts, GFX_FONT_BOLD), r = h * 6 / 10;
    gfx_disc(a->r, (float)cx, (float)cy, (float)r + px(a, 1.5f), a->style.bg);
    gfx_disc(a->r, (float)cx, (float)cy, (float)r, right ? col_right() : col_wrong());
    gfx_text(a->fonts, GFX_FONT_BOLD, cx, cy - h / 2, (SDL_Color){ 255, 255, 255, 255 }, GFX_ALIGN_CENTER,
             right ? MARK_RIGHT : MARK_WRONG);
}

/* The summary line, the cards, the key. */
void pg_images_draw_grid(pg_images *g, app *a, SDL_Rect left)
{
    session *s = &a->s;
    if (!s->open) return;
    grid_layout L;
    layout_grid(g, a, left, &L);
    char line[400], sum[320];
    pg_images_summary(s, sum, sizeof sum);
    snprintf(line, sizeof line, "Network: %s", sum);
    gfx_font_id hf = GFX_FONT_BOLD;
    if (gfx_text_width(a->fonts, hf, line) > left.w) snprintf(line, sizeof line, "%s", sum);
    if (gfx_text_width(a->fonts, hf, line) > left.w) hf = GFX_FONT_BODY;
    if (gfx_text_width(a->fonts, hf, line) > left.w) hf = GFX_FONT_SMALL;
    const char *dot = strstr(line, " \xC2\xB7 ");          /* still too wide: the parameter count alone */
    const char *shown = gfx_text_width(a->fonts, hf, line) > left.w && dot ? dot + 4 : line;
    gfx_clip clip;
    if (gfx_clip_push(a->r, left, &clip)) {                  /* never into the counters beside */
        gfx_text(a->fonts, hf, left.x, left.y, a->style.text, GFX_ALIGN_LEFT, shown);
        gfx_clip_pop(a->r, &clip);
    }
    const int pad = px(a, 5);
    const SDL_Color accent = ui_get_theme(a->ui)->accent;
    for (int j = 0; j < L.n; j++) {
        const SDL_Rect im = L.img[j], card = L.card[j];
        if (g->tex) {
            const SDL_Rect src = { 0, j * g->side_h, g->side_w, g->side_h };
            SDL_RenderCopy(a->r, g->tex, &src, &im);
        }
        const int p = g->pred[j], right = p == g->truth[j];
        const SDL_Color c = p < 0 ? a->style.text_dim : right ? col_right() : col_wrong();
        /* The label on the page's background: the colours keep their contrast. */
        gfx_fill_rect(a->r, (SDL_Rect){ card.x + 1, im.y + im.h + pad - px(a, 2), card.w - 2,
                                        card.y + card.h - 1 - (im.y + im.h + pad - px(a, 2)) }, a->style.bg);
        if (p >= 0) {
            /* Wrong: a frame round the picture. Either way a badge with the mark. */
            if (!right)
                gfx_rect_outline(a->r, (SDL_Rect){ im.x - px(a, 3), im.y - px(a, 3), im.w + px(a, 6), im.h + px(a, 6) },
                                 px(a, 3), c);
            badge(a, im.x + im.w - px(a, 2), im.y + px(a, 2), right);
        }
        gfx_clip label_clip;
        if (gfx_clip_push(a->r, card, &label_clip)) {   /* a long name ends in "…" at the card's edge */
            char name[64];
            gfx_text_fit(a->fonts, L.font, p < 0 ? "\xE2\x80\xA6" : class_name(g, p), card.w, name, sizeof name);   /* … before the first guess */
            gfx_text(a->fonts, L.font, card.x + card.w / 2, im.y + im.h + pad, c, GFX_ALIGN_CENTER, name);
            gfx_clip_pop(a->r, &label_clip);
        }
        if (j == g->selected) gfx_rect_outline(a->r, card, px(a, 3), accent);
    }
    /* Key: what the marks mean (shorter words in a narrow column, never past it). */
    const char *lead = "Dev images and the network's guess: ", *marks = MARK_RIGHT " right  " MARK_WRONG " wrong";
    if (gfx_text_width(a->fonts, GFX_FONT_SMALL, lead) + gfx_text_width(a->fonts, GFX_FONT_SMALL, marks) > left.w)
        lead = "Dev images: ";
    if (!gfx_clip_push(a->r, left, &clip)) return;
    int x = L.key.x;
    const int y = L.key.y + px(a, 6);
    x += gfx_text(a->fonts, GFX_FONT_SMALL, x, y, a->style.text_dim, GFX_ALIGN_LEFT, lead);
    x += gfx_text(a->fonts, GFX_FONT_SMALL, x, y, col_right(), GFX_ALIGN_LEFT, MARK_RIGHT " right  ");
    x += gfx_text(a->fonts, GFX_FONT_SMALL, x, y, col_wrong(), GFX_ALIGN_LEFT, MARK_WRONG " wrong");
    const char *more = " \xC2\xB7 click one";
    if (x + gfx_text_width(a->fonts, GFX_FONT_SMALL, more) <= left.x + left.w)
        gfx_text(a->fonts, GFX_FONT_SMALL, x, y, a->style.text_dim, GFX_ALIGN_LEFT, more);
    gfx_clip_pop(a->r, &clip);
}

static void draw_bars(pg_images *g, app *a, SDL_Rect bars, int j, int p, int t);

/* A bar's label: the class name, marked when it is the true class t. */
static void bar_label(const pg_images *g, int k, int t, char *buf, size_t n)
{
    snprintf(buf, n, k == t ? "%s (true)" : "%s", class_name(g, k));
}

/* The same without "(true)": a narrow area, where the outline marks the true class. */
static void bar_label_short(const pg_images *g, int k, char *buf, size_t n) { snprintf(buf, n, "%s", class_name(g, k)); }

/* The selected image enlarged with its classes, and its softmax bars. */
void pg_images_draw_selected(pg_images *g, app *a, SDL_Rect area)
{
    if (!a->s.open || g->n < 1 || g->selected >= g->n) return;
    const int j = g->selected, p = g->pred[j], t = g->truth[j];
    const int gap = px(a, 16), body_h = gfx_text_height(a->fonts, GFX_FONT_BODY);
    /* The bars need their longest label, a bar worth reading and the value;
     * when the image beside them would leave less, the bars get the whole
     * area (the selected picture is marked in the grid anyway). */
    int label_w = 0;
    for (int k = 0; k < g->classes; k++) {
        char name[96];
        bar_label(g, k, t, name, sizeof name);
        const int w = gfx_text_width(a->fonts, GFX_FONT_SMALL, name);
        if (w > label_w) label_w = w;
    }
    const int bars_need = label_w + px(a, 90) + gfx_text_width(a->fonts, GFX_FONT_SMALL, "100%");
    if (area.w * 70 / 100 - gap < bars_need) {
        draw_bars(g, a, area, j, p, t);
        return;
    }
    /* Left: the image, as large as the column allows, with two lines under it. */
    int side = area.w * 30 / 100;
    if (side > area.h - 3 * body_h - px(a, 24)) side = area.h - 3 * body_h - px(a, 24);
    if (side > px(a, 168)) side = px(a, 168);
    if (side < px(a, 28)) side = px(a, 28);
    const int title_h = gfx_text_height(a->fonts, GFX_FONT_TITLE) + px(a, 6);
    const SDL_Rect im = { area.x, area.y + title_h, side, side };
    if (g->tex) {
        const SDL_Rect src = { 0, j * g->side_h, g->side_w, g->side_h };
        SDL_RenderCopy(a->r, g->tex, &src, &im);
    }
    gfx_rect_outline(a->r, im, px(a, 1), a->style.axis);
    int y = im.y + im.h + px(a, 8);
    int wrap_w = side + gap;
    gfx_textf(a->fonts, GFX_FONT_BODY, im.x, y, a->style.text, GFX_ALIGN_LEFT, "true: %s", class_name(g, t));
    y += body_h + px(a, 4);
    if (p >= 0) {
        char guess[128];
        snprintf(guess, sizeof guess, "guess: %s %s %.0f%%", p == t ? MARK_RIGHT : MARK_WRONG, class_name(g, p),
                 100.0 * g->prob[j][p]);
        if (gfx_text_width(a->fonts, GFX_FONT_BODY, guess) > wrap_w) {
            /* Narrow column: the class name on a line of its own. */
            gfx_text(a->fonts, GFX_FONT_BODY, im.x, y, a->style.text, GFX_ALIGN_LEFT, "guess:");
            y += body_h + px(a, 2);
            snprintf(guess, sizeof guess, "%s %s %.0f%%", p == t ? MARK_RIGHT : MARK_WRONG, class_name(g, p),
                     100.0 * g->prob[j][p]);
        }
        gfx_text(a->fonts, GFX_FONT_BODY, im.x, y, p == t ? col_right() : col_wrong(), GFX_ALIGN_LEFT, guess);
    }
    /* Right: one bar per class. */
    draw_bars(g, a, (SDL_Rect){ area.x + side + gap, area.y, area.w - side - gap, area.h }, j, p, t);
    if (gfx_text_width(a->fonts, GFX_FONT_TITLE, "Selected") <= side + gap / 2)
        gfx_text(a->fonts, GFX_FONT_TITLE, area.x, area.y, a->style.text, GFX_ALIGN_LEFT, "Selected");
}

/* One bar per class for sample j (predicted p, true t), titled when the title fits. */
static void draw_bars(pg_images *g, app *a, SDL_Rect bars, int j, int p, int t)
{
    char names[PG_IMAGES_CLASSES][96];
    const char *labels[PG_IMAGES_CLASSES];
    SDL_Color colors[PG_IMAGES_CLASSES];
    float values[PG_IMAGES_CLASSES];
    /* labels, a bar worth reading and the value: else the labels without "(true)" */
    int longest = 0;
    for (int k = 0; k < g->classes; k++) {
        bar_label(g, k, t, names[k], sizeof names[k]);
        const int w = gfx_text_width(a->fonts, GFX_FONT_SMALL, names[k]);
        if (w > longest) longest = w;
    }
    const int short_labels = longest + px(a, 90) + gfx_text_width(a->fonts, GFX_FONT_SMALL, "100%") > bars.w;
    for (int k = 0; k < g->classes; k++) {
        if (short_labels) bar_label_short(g, k, names[k], sizeof names[k]);
        labels[k] = names[k];
        values[k] = p >= 0 ? g->prob[j][k] : 0.0f;
        colors[k] = k == p ? (p == t ? col_right() : col_wrong()) : pal_category(0);
    }
    gfx_bars_desc d = gfx_bars_default();
    d.title = g->sigmoid ? "Sigmoid output" : "Softmax output";   /* two classes: one sigmoid unit */
    if (gfx_text_width(a->fonts, GFX_FONT_TITLE, d.title) > bars.w) d.title = g->sigmoid ? "Sigmoid" : "Softmax";
    /* A low area (a projector's zoom) where a row per class would overlap:
     * the likeliest classes (and the true one), in class order, under a
     * title that says so. */
    int n = g->classes;
    const int row_h = gfx_text_height(a->fonts, GFX_FONT_SMALL) + px(a, 3);
    const int fit = (bars.h - gfx_text_height(a->fonts, GFX_FONT_TITLE) - px(a, 8)) / row_h;
    char title[48];
    if (fit < n && p >= 0) {
        const int keep = fit < 2 ? 2 : fit;
        int order[PG_IMAGES_CLASSES], used = 0;
        for (int k = 0; k < g->classes; k++) {   /* rank: the true class first, then by probability */
            int r = 0;
            for (int q = 0; q < g->classes; q++)
                if (q != k && (q == t || (k != t && (g->prob[j][q] > g->prob[j][k] || (g->prob[j][q] == g->prob[j][k] && q < k)))))
                    r++;
            order[k] = r;
        }
        for (int k = 0; k < g->classes; k++) {
            if (order[k] >= keep) continue;
            if (used != k) memcpy(names[used], names[k], sizeof names[k]);
            values[used] = values[k];
            colors[used] = colors[k];
            if (k == t) d.highlight = used;
            used++;
        }
        for (int k = 0; k < used; k++) labels[k] = names[k];
        n = used;
        snprintf(title, sizeof title, "Top %d of %d", n, g->classes);
        d.title = title;
    }
    d.horizontal = 1;
    d.lo = 0.0f;
    d.hi = 1.0f;
    d.colors = colors;
    if (n == g->classes) d.highlight = t;
    d.value_fmt = "%.0f%%";
    d.value_mul = 100.0f;
    d.style = a->style;
    gfx_bars(a->r, a->fonts, bars, &d, values, labels, n);
}

void pg_images_draw_loading(app *a, SDL_Rect area)
{
    float done = 0.0f;
    char stage[96];
    if (!session_loading(&a->s, &done, stage, sizeof stage)) return;
    const ui_theme *t = ui_get_theme(a->ui);
    const int w = area.w - 2 * px(a, 24) < px(a, 560) ? area.w - 2 * px(a, 24) : px(a, 560);
    const int title_h = gfx_text_height(a->fonts, GFX_FONT_TITLE), small_h = gfx_text_height(a->fonts, GFX_FONT_BODY);
    const int bar_h = px(a, 22), h = title_h + bar_h + small_h + px(a, 64);
    const SDL_Rect box = { area.x + (area.w - w) / 2, area.y + (area.h - h) / 2, w, h };
    gfx_fill_rect(a->r, box, t->panel);
    gfx_rect_outline(a->r, box, px(a, 2), t->accent);
    char title[96];
    snprintf(title, sizeof title, "Loading %s", nn_config_data_name(&a->s.cfg));
    gfx_text(a->fonts, GFX_FONT_TITLE, box.x + w / 2, box.y + px(a, 16), t->text, GFX_ALIGN_CENTER, title);
    const SDL_Rect track = { box.x + px(a, 24), box.y + px(a, 24) + title_h, w - px(a, 48), bar_h };
    gfx_fill_rect(a->r, track, t->widget);
    const float f = done < 0 ? 0 : done > 1 ? 1 : done;
    const int filled = (int)lroundf(track.w * f);
    gfx_fill_rect(a->r, (SDL_Rect){ track.x, track.y, filled, track.h }, t->accent);
    /* The steps are coarse (one per file): a block sweeping the rest of the
     * track shows the work goes on between them. */
    const int rest = track.w - filled, blk = rest / 6;
    if (blk > 2) {
        const double ph = fmod(a->time * 0.8, 2.0), u = ph < 1.0 ? ph : 2.0 - ph;
        gfx_fill_rect(a->r, (SDL_Rect){ track.x + filled + (int)((rest - blk) * u), track.y, blk, track.h },
                      gfx_fade(t->accent, 0.45f));
    }
    gfx_rect_outline(a->r, track, px(a, 1), t->border);
    gfx_textf(a->fonts, GFX_FONT_BODY, box.x + w / 2, track.y + bar_h + px(a, 10), t->text_dim, GFX_ALIGN_CENTER,
              "%s \xC2\xB7 %.0f%%", stage, 100.0 * f);
}
