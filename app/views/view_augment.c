/*******************************************************************************
*   view: augment - data augmentation made visible
*   teaches: one training image under each transform the engine has (rotate,
*            zoom, shift, crop, cut-out, mirror, flip, invert, brightness),
*            each with its strength; and the augmented mini-batch the network
*            really receives at this update
*   reads:   the Playground's live run through the lens (shell/lens.h). The
*            sliders edit the run's `augment` setting (the one the Playground
*            and the lessons set) through session_apply, once the slider is
*            let go; the batch grid is lens_batch: the first images of the
*            latest training batch, after augmentation, as the trainer kept them.
*******************************************************************************/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/prim.h"
#include "nn/augment.h"
#include "nn/status.h"
#include "shell/app.h"
#include "shell/lens.h"
#include "ui/ui.h"
#include "views/lens_frame.h"
#include "views/view.h"
#include "views/view_augment.h"

enum { N_CARDS = NN_AUG_COUNT + 1, KEEP = SESSION_BATCH_KEEP };

/* One slider per transform: its range (a value set beyond it, e.g. by a
 * lesson, widens the slider rather than being cut), step and words. */
static const struct {
    nn_aug_kind kind;
    const char *slider;            /* its label (its id: never changes with the value) */
    float hi, step;                /* slider top; snap */
} TRANSFORMS[NN_AUG_COUNT] = {
    { NN_AUG_ROTATE, "Rotate", 45, 1 },          /* degrees */
    { NN_AUG_SCALE, "Zoom", 0.5f, 0.05f },       /* fraction */
    { NN_AUG_SHIFT, "Shift", 8, 1 },             /* pixels */
    { NN_AUG_CROP, "Crop", 12, 1 },              /* pixels */
    { NN_AUG_CUTOUT, "Cut-out", 20, 1 },         /* pixels */
    { NN_AUG_FLIP_H, "Mirror", 1, 0.1f },        /* share of images */
    { NN_AUG_FLIP_V, "Flip", 1, 0.1f },          /* share of images */
    { NN_AUG_INVERT, "Invert", 1, 0.1f },        /* share of images */
    { NN_AUG_INTENSITY, "Bright", 0.8f, 0.05f }, /* fraction */
};
/* What each slider's number means, for its tooltip. */
static const char *const TIPS[NN_AUG_COUNT] = {
    "Rotate each training image by a random angle up to this many degrees either way (0 = off).",
    "Zoom each training image in or out by a random fraction up to this (0.2 = up to 20%; 0 = off).",
    "Move each training image by up to this many pixels, left-right and up-down (0 = off).",
    "Cut a random window this many pixels smaller from each training image and stretch it back (0 = off).",
    "Black out a square this many pixels wide at a random place of each training image (0 = off).",
    "The share of training images mirrored left-right (0.5 = half of them; 0 = off).",
    "The share of training images turned upside down (0 = off). Shoes upside down: rarely a good idea.",
    "The share of training images inverted, dark for light (0 = off).",
    "Make each training image brighter or darker by a random fraction up to this (0 = off).",
};

static int is_coin(nn_aug_kind k) { return k == NN_AUG_FLIP_H || k == NN_AUG_FLIP_V || k == NN_AUG_INVERT; }

/* What the cards texture was made from (rebuilt when any of it changes). */
typedef struct cards_key { uint64_t run_id, draw; int image; nn_augment_desc desc; } cards_key;

typedef struct augment_view {
    int image;                     /* training-set row the cards show */
    uint64_t draw;                 /* "New draws": the cards' random draws */
    nn_augment_desc pending;       /* the sliders' values; applied on release */
    int dirty;
    SDL_Texture *cards;            /* N_CARDS images stacked top to bottom */
    cards_key cards_key;
    int have_cards;
    SDL_Texture *batch;            /* the kept batch, stacked */
    long batch_step;
    uint64_t batch_run;
    int batch_n;
    SDL_Rect cells[KEEP];          /* where the batch images were drawn last frame */
    int n_cells;
    long cells_step;
} augment_view;

static void *create(app *a)
{
    augment_view *v = calloc(1, sizeof *v);
    if (v) v->pending = lens_config(&a->s)->train.augment;
    return v;
}

static void destroy(void *self)
{
    augment_view *v = self;
    if (v->cards) SDL_DestroyTexture(v->cards);
    if (v->batch) SDL_DestroyTexture(v->batch);
    free(v);
}

static int px(const app *a, float x) { return (int)lroundf(x * a->scale); }

static int images_run(const app *a) { return nn_config_is_images(lens_config(&a->s)); }

/* ---- layout ---------------------------------------------------------------------------------- */
typedef struct au_layout { SDL_Rect panel, tools, count, cards_title, cards, batch_title, batch; int cols, rows; } au_layout;

enum { TOOL_H = 40 };
static const int TOOL_W[3] = { 84, 64, 72 };

/* Under each card: its slider, the label (small) above the track. */
static int slider_h(const app *a) { return gfx_text_height(a->fonts, GFX_FONT_SMALL) + px(a, 26); }

static au_layout layout_of(const app *a, SDL_Rect area)
{
    au_layout L;
    memset(&L, 0, sizeof L);
    const lens_frame F = lens_frame_of(a, area, TOOL_H, 4);
    L.panel = F.panel;
    L.tools = F.tools;
    L.count = F.status;
    const int gap = F.gap, x = F.x, w = F.w, lh = F.status.h, bottom = F.bottom;
    /* The cards: as many per row as keep a card at least 88 px wide (zoomed). */
    L.cols = N_CARDS;
    while (L.cols > 1 && w / L.cols < px(a, 88)) L.cols--;
    L.rows = (N_CARDS + L.cols - 1) / L.cols;
    const int cap = slider_h(a);
    int card_w = w / L.cols;
    int img = card_w - px(a, 8);
    /* The cards get about half of the height (more when they take two rows). */
    const int room = (bottom - (L.count.y + L.count.h)) * (L.rows > 1 ? 64 : 55) / 100 - lh;
    if (img + cap > room / L.rows) img = room / L.rows - cap;
    int batch = 1;
    if (img < px(a, 48)) {
        /* A low window at a big zoom (1024x768 at 2): the arrangement with
         * the largest pictures whose cards stay 72 px wide, and when even
         * that leaves them too small to draw (they ran off the bottom), the
         * cards take the batch's room too (the transforms are the view's
         * main picture). */
        for (int whole = 0; whole < 2 && img < px(a, whole ? 20 : 48); whole++) {
            const int r = whole ? bottom - (L.count.y + L.count.h) - lh : room;
            for (int c = N_CARDS; c >= 1; c--) {
                if (w / c < px(a, 72) && c > 1) continue;
                const int rows = (N_CARDS + c - 1) / c;
                int side = w / c - px(a, 8);
                if (side > r / rows - cap) side = r / rows - cap;
                if (side > img) { img = side; L.cols = c; L.rows = rows; batch = !whole; }
            }
        }
    }
    if (img < px(a, 20)) img = px(a, 20);
    L.cards_title = (SDL_Rect){ x, L.count.y + L.count.h, w, lh };
    L.cards = (SDL_Rect){ x, L.cards_title.y + lh, w, L.rows * (img + cap) };
    L.batch_title = (SDL_Rect){ x, L.cards.y + L.cards.h + gap / 2, w, lh };
    L.batch = (SDL_Rect){ x, L.batch_title.y + lh, w, bottom - (L.batch_title.y + lh) };
    if (!batch) L.batch_title = L.batch = (SDL_Rect){ x, bottom, w, 0 };
    return L;
}

/* Card i's image square inside L.cards. */
static SDL_Rect card_image(const app *a, const au_layout *L, int i)
{
    const int cw = L->cards.w / L->cols, ch = L->cards.h / L->rows;
    int side = ch - slider_h(a);
    if (side > cw - px(a, 8)) side = cw - px(a, 8);
    const int col = i % L->cols, row = i / L->cols;
    return (SDL_Rect){ L->cards.x + col * cw + (cw - side) / 2, L->cards.y + row * ch, side, side };
}

/* Card i's slider, below its image, the card's width. */
static SDL_Rect card_slider(const app *a, const au_layout *L, int i)
{
    const int cw = L->cards.w / L->cols, ch = L->cards.h / L->rows;
    const int col = i % L->cols, row = i / L->cols;
    const SDL_Rect img = card_image(a, L, i);
    return (SDL_Rect){ L->cards.x + col * cw + px(a, 4), img.y + img.h + px(a, 3), cw - px(a, 8),
                       L->cards.y + (row + 1) * ch - (img.y + img.h + px(a, 3)) };
}

/* ---- settings ---------------------------------------------------------------------------------- */
static float slider_value(const nn_augment_desc *d, nn_aug_kind k)
{
    if (!(d->amount[k] > 0.0f && d->prob[k] > 0.0f)) return 0.0f;
    return is_coin(k) ? d->prob[k] : d->amount[k];
}

static void set_value(nn_augment_desc *d, nn_aug_kind k, float v)
{
    if (v <= 0.0f) { d->amount[k] = d->prob[k] = 0.0f; return; }
    if (is_coin(k)) { d->amount[k] = v; d->prob[k] = v; return; }
    if (!(d->prob[k] > 0.0f)) d->prob[k] = 1.0f;   /* turned on: every image */
    d->amount[k] = v;
}

/* The sliders' values into the run, once no slider is held (one rebuild per
 * change, not one per frame of a drag) and no load is in progress. */
static void apply_pending(app *a, augment_view *v)
{
    if (!v->dirty) { v->pending = lens_config(&a->s)->train.augment; return; }
    if (ui_active_id(a->ui) != 0 || a->s.loading) return;
    v->dirty = 0;
    char spec[256];
    nn_augment_format(&v->pending, spec, sizeof spec);
    const char *n[] = { "augment" }, *val[] = { spec };
    if (session_apply(&a->s, n, val, 1, 1) != NN_OK) app_toast(a, "%s", nn_last_error());
}

/* Points to images: the Playground's choice for fashion-small (its small
 * convolution network, every training image). */
static void switch_to_images(app *a)
{
    const char *n[] = { "data", "layers", "dropout", "batchnorm", "train-limit" };
    const char *val[] = { "fashion-small", "c4k3,p2,32", "0", "off", "all" };
    if (session_apply(&a->s, n, val, 5, 1) != NN_OK) app_toast(a, "%s", nn_last_error());
}

static void pick_image(app *a, augment_view *v, int how)
{
    const nn_dataset *tr = lens_train_set(&a->s);
    if (!tr || tr->n < 1) return;
    if (how == 0) {             /* random: a fixed sequence from the draw counter (replays) */
        uint64_t x = (v->draw + 1) * 0x9E3779B97F4A7C15ull + (uint64_t)v->image;
        x ^= x >> 31; x *= 0xBF58476D1CE4E5B9ull; x ^= x >> 29;
        v->image = (int)(x % (uint64_t)tr->n);
        v->draw++;
    } else {
        v->image = ((v->image + how) % tr->n + tr->n) % tr->n;
    }
}

/* ---- widgets ------------------------------------------------------------------------------ */
static void panel(app *a, augment_view *v, SDL_Rect r)
{
    ui_context *ui = a->ui;
    ui_panel(ui, r, "Augmentation");
    const int images = images_run(a);
    if (!images) {
        ui_layout_row(ui, 1, 0);
        if (ui_button(ui, "Switch to fashion-small")) switch_to_images(a);
        ui_tooltip(ui, "Open the built-in Fashion-MNIST subset (2,000 training images) with a small "
                       "convolution network, as the Playground does.");
        ui_push_disabled(ui);
    }
    /* Prev, Next and Random a row when their labels fit whole, else Random
     * on a row of its own (beside a lesson at zoom 1.5 it read "Rando"). */
    static const char *const PICK[3] = { "Prev", "Next", "Random" };
    int need = 2 * px(a, 8);
    for (int i = 0; i < 3; i++) need += gfx_text_width(a->fonts, GFX_FONT_SMALL, PICK[i]) + 2 * px(a, 4);
    const int three = need <= ui_layout_rest(ui).w;
    static const int W3[3] = { 0, 0, 0 };
    ui_layout_row_widths(ui, three ? 3 : 2, W3, 0);
    if (ui_button(ui, "Prev")) pick_image(a, v, -1);
    ui_tooltip(ui, "The previous training image.");
    if (ui_button(ui, "Next")) pick_image(a, v, 1);
    ui_tooltip(ui, "The next training image.");
    if (!three) ui_layout_row(ui, 1, 0);
    if (ui_button(ui, "Random")) pick_image(a, v, 0);
    ui_tooltip(ui, "Another training image, picked at random (I).");
    ui_layout_row(ui, 1, 0);
    if (ui_button(ui, "None")) {
        v->pending = nn_augment_desc_default();
        v->dirty = 1;
    }
    ui_tooltip(ui, "Switch every transform off: the network sees the training images as they are.");
    if (ui_button(ui, "New draws")) v->draw++;
    ui_tooltip(ui, "Draw new random amounts for the pictures of each transform (D).");
    if (!images) ui_pop_disabled(ui);
    ui_layout_space(ui, 6);
    ui_layout_row(ui, 1, -1);
    static int scroll;
    ui_text_panel(ui, "augment notes",
                  "Each picture on the right is the image under **one** transform, at a random amount "
                  "up to its slider (New draws: other amounts). While training, every training image "
                  "gets **all** the transforms switched on, with new random amounts each time it is used.\n\n"
                  "The sliders set the run's augmentation (the Playground's switches show the same): "
                  "let go and training starts again with it. Dev and test images are never augmented.",
                  &scroll);
}

/* One slider under each transform's card. */
static void card_sliders(app *a, augment_view *v, const au_layout *L)
{
    ui_context *ui = a->ui;
    for (int i = 0; i < NN_AUG_COUNT; i++) {
        const nn_aug_kind k = TRANSFORMS[i].kind;
        ui_layout_begin(ui, card_slider(a, L, i + 1));
        ui_layout_row(ui, 1, (int)(card_slider(a, L, i + 1).h / a->scale));
        float val = slider_value(&v->pending, k), hi = TRANSFORMS[i].hi;
        if (val > hi) hi = val;
        if (ui_slider_ex(ui, TRANSFORMS[i].slider, &val, 0.0f, hi, TRANSFORMS[i].step, 0)) {
            set_value(&v->pending, k, val);
            v->dirty = 1;
        }
        ui_tooltip(ui, TIPS[i]);
    }
}

static void update(void *self, view_ctx *ctx)
{
    augment_view *v = self;
    app *a = ctx->app;
    session_advance(&a->s, 0.006);          /* the Playground's run: Play here trains it too */
    const au_layout L = layout_of(a, ctx->area);
    ui_context *ui = a->ui;
    session *s = &a->s;
    ui_layout_begin(ui, L.tools);
    ui_layout_row_widths(ui, 3, TOOL_W, TOOL_H);
    if (ui_button(ui, s->playing ? "Pause" : "Play")) s->playing = !s->playing && (s->open || s->loading);
    ui_tooltip(ui, "Start or stop training the Playground's network: the grid below shows each batch it gets (Space).");
    if (ui_button(ui, "Step")) session_step(s);
    ui_tooltip(ui, "One update from one mini-batch: a new batch appears below (S or Right arrow).");
    if (ui_button(ui, "Reset")) session_reset(s);
    ui_tooltip(ui, "Back to the same initial weights and the same batches (R).");
    panel(a, v, L.panel);
    if (images_run(a) && lens_train_set(s)) card_sliders(a, v, &L);
    apply_pending(a, v);
    const nn_dataset *tr = lens_train_set(s);
    if (tr && v->image >= tr->n) v->image = 0;
}

/* ---- pictures ------------------------------------------------------------------------------ */

/* n images (h, w; first channel of c) from x into a texture stacked top to bottom. */
static SDL_Texture *to_texture(SDL_Renderer *r, SDL_Texture *old, const float *x, int n, nn_shape sh)
{
    if (old) SDL_DestroyTexture(old);
    const int w = sh.w, h = sh.h, plane = w * h, d = sh.c * plane;
    if (n < 1 || w < 2 || h < 2) return NULL;
    Uint8 *pix = malloc((size_t)plane * n * 4);
    SDL_Texture *t = pix ? SDL_CreateTexture(r, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, w, h * n) : NULL;
    if (t) {
        SDL_SetTextureScaleMode(t, SDL_ScaleModeNearest);   /* the pixels the network sees, as squares */
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);    /* "off" cards are drawn faint */
        for (int j = 0; j < n; j++)
            for (int i = 0; i < plane; i++) {
                float g = x[(size_t)j * d + i];
                g = g < 0.0f ? 0.0f : g > 1.0f ? 1.0f : g;
                Uint8 *q = pix + ((size_t)j * plane + i) * 4;
                q[0] = q[1] = q[2] = (Uint8)lroundf(g * 255.0f);
                q[3] = 255;
            }
        SDL_UpdateTexture(t, NULL, pix, w * 4);
    }
    free(pix);
    return t;
}

static void blit(SDL_Renderer *r, SDL_Texture *t, int j, nn_shape sh, SDL_Rect dst, Uint8 alpha)
{
    const SDL_Rect src = { 0, j * sh.h, sh.w, sh.h };
    SDL_SetTextureAlphaMod(t, alpha);
    SDL_RenderCopy(r, t, &src, &dst);
}

/* The original and each transform alone (forced to happen, at the sliders' strength). */
static void build_cards(app *a, augment_view *v, const nn_dataset *tr)
{
    const cards_key key = { a->s.run_id, v->draw, v->image, v->pending };
    if (v->have_cards && memcmp(&key, &v->cards_key, sizeof key) == 0) return;
    const size_t d = (size_t)tr->d;
    float *x = malloc(N_CARDS * d * sizeof *x);
    float y;
    if (!x) return;
    nn_dataset_gather(tr, &v->image, 1, x, &y);
    for (int i = 0; i < NN_AUG_COUNT; i++) {
        const nn_aug_kind k = TRANSFORMS[i].kind;
        nn_augment_desc one = nn_augment_desc_default();
        const float val = slider_value(&v->pending, k);
        one.amount[k] = is_coin(k) ? 1.0f : val;
        one.prob[k] = val > 0.0f ? 1.0f : 0.0f;
        if (nn_augment_variants(&one, v->draw * 16 + (uint64_t)i + 1, tr->shape, x, 1, x + (size_t)(i + 1) * d) != NN_OK)
            memcpy(x + (size_t)(i + 1) * d, x, d * sizeof *x);
    }
    v->cards = to_texture(a->r, v->cards, x, N_CARDS, tr->shape);
    free(x);
    v->cards_key = key;
    v->have_cards = 1;
}

static void draw_cards(app *a, augment_view *v, const au_layout *L, const nn_dataset *tr)
{
    build_cards(a, v, tr);
    const char *const *names = tr->class_names;
    const int cls = (int)tr->y[v->image];
    for (int i = 0; i < N_CARDS; i++) {
        const SDL_Rect img = card_image(a, L, i);
        int on = 1;
        if (i > 0) on = slider_value(&v->pending, TRANSFORMS[i - 1].kind) > 0.0f;
        gfx_fill_rect(a->r, img, (SDL_Color){ 0, 0, 0, 255 });
        if (v->cards) blit(a->r, v->cards, on ? i : 0, tr->shape, img, on ? 255 : 60);
        gfx_rect_outline(a->r, (SDL_Rect){ img.x - px(a, 2), img.y - px(a, 2), img.w + px(a, 4), img.h + px(a, 4) },
                         px(a, 2), i == 0 ? pal_category(1) : on ? a->style.axis : a->style.grid);
        if (!on) gfx_text(a->fonts, GFX_FONT_BOLD, img.x + img.w / 2, img.y + img.h / 2 - gfx_text_height(a->fonts, GFX_FONT_BOLD) / 2,
                          a->style.text, GFX_ALIGN_CENTER, "off");
        if (i == 0) {      /* the original: its class and row, where the other cards have a slider */
            char cap[64];
            snprintf(cap, sizeof cap, "%s", names && cls >= 0 && cls < tr->classes ? names[cls] : "image");
            gfx_text(a->fonts, GFX_FONT_SMALL, img.x + img.w / 2, img.y + img.h + px(a, 3), a->style.text,
                     GFX_ALIGN_CENTER, cap);
            snprintf(cap, sizeof cap, "original #%d", v->image);
            gfx_text(a->fonts, GFX_FONT_SMALL, img.x + img.w / 2,
                     img.y + img.h + px(a, 3) + gfx_text_height(a->fonts, GFX_FONT_SMALL), a->style.text_dim,
                     GFX_ALIGN_CENTER, cap);
        }
    }
}

/* The kept batch: refreshed when a new update happened. */
static void draw_batch(app *a, augment_view *v, const au_layout *L)
{
    const float *x;
    const int *idx;
    nn_shape sh;
    const int n = lens_batch(&a->s, &x, &idx, &sh);
    const long step = lens_state(&a->s).steps;
    v->n_cells = 0;
    if (n == 0) {
        gfx_text_wrap(a->fonts, GFX_FONT_BODY, L->batch, a->style.text_dim,
                      "Press Step (S) or Play (Space): the images of the next mini-batch appear here, "
                      "exactly as the network receives them.", 1);
        return;
    }
    if (!v->batch || v->batch_step != step || v->batch_run != a->s.run_id || v->batch_n != n) {
        v->batch = to_texture(a->r, v->batch, x, n, sh);
        v->batch_step = step;
        v->batch_run = a->s.run_id;
        v->batch_n = n;
    }
    /* The grid: the columns that give the largest square cells. */
    int best = 0, cols = 1;
    for (int c = 1; c <= n; c++) {
        const int rows = (n + c - 1) / c, side = SDL_min(L->batch.w / c, L->batch.h / rows);
        if (side > best) { best = side; cols = c; }
    }
    const int gap = SDL_max(px(a, 3), best / 14), side = best - gap;
    if (side < 4 || !v->batch) return;
    for (int i = 0; i < n; i++) {
        const SDL_Rect cell = { L->batch.x + (i % cols) * best, L->batch.y + (i / cols) * best, side, side };
        blit(a->r, v->batch, i, sh, cell, 255);
        v->cells[v->n_cells++] = cell;
    }
    v->cells_step = step;
}

static void draw(void *self, view_ctx *ctx)
{
    augment_view *v = self;
    app *a = ctx->app;
    const au_layout L = layout_of(a, ctx->area);
    const nn_config *c = lens_config(&a->s);
    const nn_trainer_state st = lens_state(&a->s);
    char line[400], spec[256];
    nn_augment_format(&c->train.augment, spec, sizeof spec);
    v->n_cells = 0;
    if (!images_run(a)) {
        snprintf(line, sizeof line,
                 "**Augmentation is for images.** It makes more training pictures from the ones you have: "
                 "turned a little, zoomed, moved, cropped, partly covered, mirrored - a shirt is still a shirt. "
                 "This run's data (%s) are points on a plane: there is nothing to turn or mirror.\n\n"
                 "Press **Switch to fashion-small** (left) to see it on clothing images.",
                 nn_config_data_name(c));
        const SDL_Rect box = { L.count.x, L.count.y + px(a, 20), L.count.w * 9 / 10, L.batch.y + L.batch.h - L.count.y };
        const int fits = gfx_text_wrap(a->fonts, GFX_FONT_BODY, box, a->style.text, line, 0) <= box.h;
        gfx_text_wrap(a->fonts, fits ? GFX_FONT_BODY : GFX_FONT_SMALL, box, a->style.text, line, 1);   /* small when low */
        return;
    }
    snprintf(line, sizeof line, "augment: %s \xC2\xB7 update %ld \xC2\xB7 epoch %d", spec, st.steps, st.epoch);
    if (gfx_text_width(a->fonts, GFX_FONT_BOLD, line) > L.count.w)
        snprintf(line, sizeof line, "update %ld \xC2\xB7 epoch %d", st.steps, st.epoch);
    gfx_text(a->fonts, GFX_FONT_BOLD, L.count.x, L.count.y, a->style.text, GFX_ALIGN_LEFT, line);
    const nn_dataset *tr = lens_train_set(&a->s);
    if (!tr) {
        const char *why = a->s.loading ? "Loading the images ..." : a->s.error[0] ? a->s.error : "No network";
        gfx_text_wrap(a->fonts, GFX_FONT_BODY, L.cards, a->style.text, why, 1);
        return;
    }
    const char *title = "One training image, and each transform alone at its slider's strength:";
    if (gfx_text_width(a->fonts, GFX_FONT_BODY, title) > L.cards_title.w) title = "Each transform alone:";
    gfx_text(a->fonts, GFX_FONT_BODY, L.cards_title.x, L.cards_title.y, a->style.text_dim, GFX_ALIGN_LEFT, title);
    draw_cards(a, v, &L, tr);
    const int n = lens_batch(&a->s, &(const float *){ NULL }, NULL, NULL);
    if (n > 0)
        snprintf(line, sizeof line, "What the network received at update %ld: the first %d images of its mini-batch%s",
                 st.steps, n, nn_augment_active(&c->train.augment) ? ", augmented" : " (augmentation off)");
    else
        snprintf(line, sizeof line, "What the network receives: the first images of each mini-batch");
    if (gfx_text_width(a->fonts, GFX_FONT_BODY, line) > L.batch_title.w)
        snprintf(line, sizeof line, "Batch of update %ld (first %d images)", st.steps, n);
    if (L.batch.h <= 0) return;   /* no room for the batch (the cards took it) */
    gfx_text(a->fonts, GFX_FONT_BODY, L.batch_title.x, L.batch_title.y, a->style.text_dim, GFX_ALIGN_LEFT, line);
    draw_batch(a, v, &L);
}

static int key(void *self, app *a, const SDL_KeyboardEvent *k)
{
    augment_view *v = self;
    session *s = &a->s;
    switch (k->keysym.sym) {
    case SDLK_SPACE: s->playing = !s->playing && (s->open || s->loading); return 1;
    case SDLK_s: case SDLK_RIGHT: session_step(s); return 1;
    case SDLK_r: session_reset(s); return 1;
    case SDLK_d: v->draw++; return 1;
    case SDLK_i: pick_image(a, v, 0); return 1;
    default: return 0;
    }
}

int augment_view_batch_cells(const void *self, SDL_Rect *cells, int max, long *step)
{
    const augment_view *v = self;
    const int n = v->n_cells < max ? v->n_cells : max;
    memcpy(cells, v->cells, (size_t)n * sizeof *cells);
    if (step) *step = v->cells_step;
    return n;
}

int augment_view_image(const void *self) { return ((const augment_view *)self)->image; }

const view_def view_augment = {
    .id = "augment", .title = "Augmentation", .tab = "Augment",
    .teaches = "Data augmentation: one training image turned, zoomed, moved, cut, mirrored; and the "
               "augmented mini-batch the Playground's network receives at each update.",
    .create = create, .destroy = destroy, .update = update, .key = key, .draw = draw,
};
