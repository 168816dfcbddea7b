/*******************************************************************************
*   view: diagnosis - bias and variance, read off the errors
*   teaches: human-level, train, dev and test error; avoidable bias (train -
*            human) and variance (dev - train) as the gaps between them; the
*            verdict and the notes' remedies for what dominates; a shifted dev
*            set as a cause of a dev gap that is not variance
*   reads:   the Playground's live run through the lens (shell/lens.h): the
*            latest epoch's errors, or one of the notes' four examples. The
*            verdict, the rule's thresholds and the remedies are the engine's
*            (nn/diagnose.h), the same nnlab-train prints on stderr. The only
*            setting it changes is the dev/test shift (session_set_async).
*******************************************************************************/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/prim.h"
#include "nn/diagnose.h"
#include "nn/images.h"
#include "nn/status.h"
#include "shell/app.h"
#include "shell/lens.h"
#include "ui/ui.h"
#include "views/lens_frame.h"
#include "views/view.h"
#include "views/view_diagnosis.h"

/* The notes' four examples: train and dev error with human-level error about 0. */
static const struct { const char *label; float train, dev; } PRESETS[] = {
    { "1% / 12%", 0.01f, 0.12f },
    { "12% / 13%", 0.12f, 0.13f },
    { "12% / 20%", 0.12f, 0.20f },
    { "1% / 2%", 0.01f, 0.02f },
};
enum { N_PRESETS = (int)(sizeof PRESETS / sizeof PRESETS[0]), LIVE = -1 };

typedef struct diag_view {
    int preset;                 /* LIVE or an index into PRESETS */
    float human;                /* the human-level field, percent */
    int human_own;              /* set by the learner or a preset (else the data set's default) */
    char human_for[32];         /* the data set whose default it holds */
    int shown;                  /* the last frame showed a diagnosis */
    nn_diagnosis d;
    SDL_Rect bars[DIAG_BARS];
} diag_view;

static void *create(app *a)
{
    (void)a;
    diag_view *v = calloc(1, sizeof *v);
    if (v) v->preset = LIVE;
    return v;
}
static void destroy(void *self) { free(self); }
static int px(const app *a, float x) { return (int)lroundf(x * a->scale); }

/* The default human-level error of the run's data, as nnlab-train has it:
 * Fashion-MNIST's published 0.835 accuracy; 0 for the synthetic sets. */
static float default_human(const nn_config *c)
{
    return nn_config_is_images(c) ? (float)(100.0 * (1.0 - NN_FASHION_HUMAN_ACC)) : 0.0f;
}

/* ---- layout ---------------------------------------------------------------------------------- */
typedef struct dg_layout { SDL_Rect panel, tools, source, bars, text; } dg_layout;
static const int TOOL_W[3] = { 84, 64, 72 };
enum { TOOL_H = 40 };

static dg_layout layout_of(const app *a, SDL_Rect area)
{
    dg_layout L;
    const lens_frame F = lens_frame_of(a, area, TOOL_H, 6);
    L.panel = F.panel;
    L.tools = F.tools;
    L.source = F.status;
    const int gap = F.gap, x = F.x, w = F.w, lh = F.status.h;
    const int row = SDL_max(px(a, 34), gfx_text_height(a->fonts, GFX_FONT_BODY) + px(a, 8));
    L.bars = (SDL_Rect){ x, L.source.y + lh + px(a, 4), w, DIAG_BARS * row };
    const int top = L.bars.y + L.bars.h + gap;
    L.text = (SDL_Rect){ x, top, w, area.y + area.h - top - gap / 2 };
    return L;
}

/* ---- widgets ------------------------------------------------------------------------------ */
static void panel(app *a, diag_view *v, SDL_Rect r)
{
    ui_context *ui = a->ui;
    const nn_config *c = lens_config(&a->s);
    ui_panel(ui, r, "Bias & variance");
    ui_layout_row(ui, 1, 0);
    int live = v->preset == LIVE;
    if (ui_switch(ui, "The live run", &live)) {
        v->preset = live ? LIVE : 0;
        v->human_own = !live;          /* back to the run: its data set's human level */
        if (!live) v->human = 0.0f;
        v->human_for[0] = '\0';
    }
    ui_tooltip(ui, "On: the Playground's network, its latest epoch's errors. Off: one of the notes' examples below.");
    /* Two buttons a row when their labels fit whole, else one when the
     * panel is tall enough for the two rows more (and the human-level field
     * and the shift slider under them): at 1280x720, zoom 1.5, beside a
     * lesson, "12% / 13%" was cut to "12% / 13". */
    int widest = 0;
    for (int i = 0; i < N_PRESETS; i++) {
        const int tw = gfx_text_width(a->fonts, GFX_FONT_SMALL, PRESETS[i].label);
        if (tw > widest) widest = tw;
    }
    const SDL_Rect rest = ui_layout_rest(ui);
    const int one_h = (N_PRESETS + 2) * (px(a, UI_ROW_HEIGHT) + px(a, 8)) + px(a, 4);
    const int two = 2 * (widest + 2 * px(a, 4)) + px(a, 8) <= rest.w || rest.h < one_h;
    static const int W2[2] = { 0, 0 };
    if (two) ui_layout_row_widths(ui, 2, W2, 0);
    else ui_layout_row(ui, 1, 0);
    for (int i = 0; i < N_PRESETS; i++) {
        if (ui_button(ui, PRESETS[i].label)) {
            v->preset = i;
            v->human = 0.0f;           /* the notes' examples: human error about 0 */
            v->human_own = 1;
        }
        ui_tooltip(ui, "The notes' example with this training / dev error (human-level error about 0): "
                       "fills the bars.");
    }
    ui_layout_row(ui, 1, 0);
    ui_layout_space(ui, 4);
    float human = v->human;
    if (ui_number_float(ui, "Human-level error (%)", &human, 0.0f, 100.0f, 0.5f)) {
        v->human = human;
        v->human_own = 1;              /* the learner's own value: kept when the data change */
    }
    ui_tooltip(ui, "The error people (or the best system known) make on this task: the best one can hope for. "
                   "Fashion-MNIST: 16.5% (the published human accuracy 0.835); the synthetic sets: 0.");
    const int images = nn_config_is_images(c);
    float shift = c->data.shift;
    if (images) ui_push_disabled(ui);
    if (ui_slider_ex(ui, "Dev/test shift", &shift, 0.0f, 2.0f, 0.1f, 0)) {
        char buf[32];
        snprintf(buf, sizeof buf, "%.2f", shift);
        if (session_set_async(&a->s, "shift", buf) != NN_OK) app_toast(a, "%s", nn_last_error());
    }
    if (images) ui_pop_disabled(ui);
    ui_tooltip(ui, images ? "The image sets have no shift setting: their dev and test images come from the same "
                            "distribution as the training images."
                          : "Draw the dev and test sets from a turned and moved copy of the training distribution "
                            "(0 = the same). Their error then rises for a reason that is not variance.");
}

static void update(void *self, view_ctx *ctx)
{
    diag_view *v = self;
    app *a = ctx->app;
    session *s = &a->s;
    session_advance(s, 0.006);          /* the Playground's run: Play here trains it too */
    const char *data = nn_config_data_name(lens_config(s));
    if (!v->human_own && strcmp(v->human_for, data) != 0) {    /* the data set's default */
        v->human = default_human(lens_config(s));
        snprintf(v->human_for, sizeof v->human_for, "%s", data);
    }
    const dg_layout L = layout_of(a, ctx->area);
    ui_context *ui = a->ui;
    ui_layout_begin(ui, L.tools);
    ui_layout_row_widths(ui, 3, TOOL_W, TOOL_H);
    if (ui_button(ui, s->playing ? "Pause" : "Play")) {
        s->playing = !s->playing && (s->open || s->loading);
        if (s->playing) v->preset = LIVE;
    }
    ui_tooltip(ui, "Start or stop training the Playground's network: the bars follow its errors (Space).");
    if (ui_button(ui, "Step")) { session_epoch(s); v->preset = LIVE; }
    ui_tooltip(ui, "Train one more epoch: the errors are measured at each epoch's end (E).");
    if (ui_button(ui, "Reset")) { session_reset(s); v->preset = LIVE; }
    ui_tooltip(ui, "Back to the untrained network (R).");
    panel(a, v, L.panel);
}

/* ---- pictures ------------------------------------------------------------------------------ */
static SDL_Color col_bias(void) { return pal_category(1); }       /* orange */
static SDL_Color col_variance(void) { return pal_category(0); }   /* sky blue */
static SDL_Color col_human(void) { return pal_category(2); }      /* bluish green */
static SDL_Color col_test(void) { return pal_category(3); }       /* reddish purple */

/* A bar row: its name, the bar from 0 to `to` with [from, to] in `gap` colour,
 * its value, and a note after it. Returns the bar's rectangle. */
static SDL_Rect bar_row(app *a, SDL_Rect row, int label_w, int bar_w, float hi, const char *name, float base,
                        float from, float to, SDL_Color gap, const char *note, const char *brief, float mark)
{
    gfx_fonts *f = a->fonts;
    const int th = gfx_text_height(f, GFX_FONT_BODY);
    gfx_text(f, GFX_FONT_BODY, row.x + label_w - px(a, 8), row.y + (row.h - th) / 2, a->style.text, GFX_ALIGN_RIGHT, name);
    const int x0 = row.x + label_w, bh = row.h * 62 / 100, y = row.y + (row.h - bh) / 2;
    const float k = (float)bar_w / hi;
    const SDL_Rect bar = { x0, y, (int)lroundf(to * k), bh };
    gfx_fill_rect(a->r, (SDL_Rect){ x0, y, (int)lroundf(base * k), bh }, gfx_fade(a->style.text_dim, 0.55f));
    if (to > from) {
        const int gx = x0 + (int)lroundf(from * k);
        gfx_fill_rect(a->r, (SDL_Rect){ gx, y, x0 + bar.w - gx, bh }, gap);
    }
    char value[32];
    snprintf(value, sizeof value, "%.1f%%", 100.0 * to);
    const int vx = x0 + (int)lroundf(fmaxf(to, mark) * k) + px(a, 8);
    const int vw = gfx_text(f, GFX_FONT_BOLD, vx, row.y + (row.h - th) / 2, a->style.text, GFX_ALIGN_LEFT, value);
    const int nx = vx + vw + px(a, 12);
    if (gfx_text_width(f, GFX_FONT_BODY, note) > row.x + row.w - nx) note = brief;   /* a narrow window */
    /* still too long (a projector's zoom): the small size, then only the verdict word ("high") */
    gfx_font_id nf = GFX_FONT_BODY;
    if (gfx_text_width(f, nf, note) > row.x + row.w - nx) nf = GFX_FONT_SMALL;
    const char *colon = strrchr(note, ':');
    if (gfx_text_width(f, nf, note) > row.x + row.w - nx && colon && colon[1] == ' ') note = colon + 2;
    if (*note && gfx_text_width(f, nf, note) <= row.x + row.w - nx)
        gfx_text(f, nf, nx, row.y + (row.h - gfx_text_height(f, nf)) / 2, gap, GFX_ALIGN_LEFT, note);
    return bar;
}

/* The errors to show: the live run's latest epoch or a preset. 0 (and why) when there are none. */
static int errors_of(app *a, diag_view *v, float *train, float *dev, float *test, char *source, size_t n,
                     char *why, size_t wn)
{
    *test = -1.0f;
    if (v->preset != LIVE) {
        *train = PRESETS[v->preset].train;
        *dev = PRESETS[v->preset].dev;
        snprintf(source, n, "The notes' example: train error %.0f%%, dev error %.0f%%, human-level error about 0",
                 100.0 * *train, 100.0 * *dev);
        return 1;
    }
    const session *s = &a->s;
    const nn_config *c = lens_config(s);
    int rows;
    const nn_metrics *h = lens_history(s, &rows);
    if (!lens_open(s)) {
        snprintf(why, wn, "%s", s->loading ? "Loading the data ..." : s->error[0] ? s->error : "No network");
        return 0;
    }
    const nn_metrics *m = rows > 0 ? &h[rows - 1] : NULL;
    if (!m || m->train_acc < 0) {
        snprintf(why, wn, "The %s data set is a regression (a curve, not classes): bias and variance are read "
                          "off error rates here. Choose a classification data set, or one of the notes' examples.",
                 nn_config_data_name(c));
        return 0;
    }
    if (m->dev_acc < 0) {
        snprintf(why, wn, "This run has no dev set (Playground, Data: Dev share 0): variance is the dev error "
                          "minus the training error.");
        return 0;
    }
    *train = (float)(1.0 - m->train_acc);
    *dev = (float)(1.0 - m->dev_acc);
    if (m->test_acc >= 0) *test = (float)(1.0 - m->test_acc);
    snprintf(source, n, "The live run (%s) after epoch %d%s", nn_config_data_name(c), m->epoch,
             m->epoch == 0 ? ": untrained - press Play or Step" : "");
    return 1;
}

/* Paragraphs under the bars: the verdict, the rule, the remedies, the shift. */
static void draw_text(app *a, diag_view *v, SDL_Rect r, const nn_diagnosis *d)
{
    gfx_fonts *f = a->fonts;
    const SDL_Color vc = d->verdict == NN_VERDICT_NEITHER ? pal_category(2)
                       : d->verdict == NN_VERDICT_HIGH_BIAS ? col_bias()
                       : d->verdict == NN_VERDICT_HIGH_VARIANCE ? col_variance() : pal_category(6);
    char buf[1600];
    snprintf(buf, sizeof buf, "Verdict: %s", nn_verdict_title(d->verdict));
    int y = r.y;
    /* a low area (a projector's zoom): the verdict in the body size, or the small one, whole */
    gfx_font_id vf = GFX_FONT_TITLE;
    if (gfx_text_wrap(f, vf, r, vc, buf, 0) > r.h / 2) vf = GFX_FONT_BOLD;
    if (gfx_text_wrap(f, vf, r, vc, buf, 0) > r.h) vf = GFX_FONT_SMALL;
    if (gfx_text_wrap(f, vf, r, vc, buf, 0) > r.h) return;
    y += gfx_text_wrap(f, vf, (SDL_Rect){ r.x, y, r.w, r.h }, vc, buf, 1) + px(a, 4);
    char rule[256];
    nn_diagnose_rule(d, rule, sizeof rule);
    rule[0] = (char)(rule[0] == 'a' ? 'A' : rule[0]);
    snprintf(buf, sizeof buf, "%s.%s", rule,
             d->avoidable_bias < 0 ? " The training error is below human level: the network does better on the "
                                     "examples it learns from than people do, so how much better it can get is "
                                     "unknown (a human-level figure for the training examples themselves, or the "
                                     "dev error, says more)." : "");
    const SDL_Rect rule_r = { r.x, y, r.w, r.y + r.h - y };
    const int rule_h = gfx_text_wrap(f, GFX_FONT_BODY, rule_r, a->style.text_dim, buf, 0);
    if (rule_h <= rule_r.h) y += gfx_text_wrap(f, GFX_FONT_BODY, rule_r, a->style.text_dim, buf, 1) + px(a, 6);
    else y = r.y + r.h;   /* no room for the rule (a projector's zoom): the verdict says it */
    /* The remedies of what dominates (the larger high gap first), as nn_diagnose_report orders them. */
    const nn_config *c = lens_config(&a->s);
    const int shifted = v->preset == LIVE && !nn_config_is_images(c) && c->data.shift > 0.0f;
    size_t used = 0;
    buf[0] = '\0';
    const int variance_first = d->high_variance && (!d->high_bias || d->variance > d->avoidable_bias);
    for (int k = 0; k < 2; k++) {
        const int var = k == 0 ? variance_first : !variance_first;
        if (!(var ? d->high_variance : d->high_bias)) continue;
        int n;
        const char *const *rem = nn_diagnose_remedies(var, &n);
        used += (size_t)snprintf(buf + used, sizeof buf - used, "%s**To reduce %s:** ", used ? "\n" : "",
                                 var ? "variance" : "bias");
        for (int i = 0; i < n && used < sizeof buf; i++)
            used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s", i ? "; " : "", rem[i]);
        if (used < sizeof buf) used += (size_t)snprintf(buf + used, sizeof buf - used, ".");
    }
    if (d->verdict == NN_VERDICT_NEITHER)
        snprintf(buf, sizeof buf, "Neither gap stands out: confirm the result on the test set.");
    if (used >= sizeof buf) used = sizeof buf - 1;
    if (shifted)
        snprintf(buf + used, sizeof buf - used,
                 "\n**The dev and test sets are shifted** (Dev/test shift %.1f): they come from another "
                 "distribution than the training set, so part of the dev - train gap is this mismatch, not "
                 "variance - more data or regularisation will not close it. Set the shift to 0 to see the gap "
                 "without it.", (double)c->data.shift);
    const SDL_Rect rest = { r.x, y, r.w, r.y + r.h - y };
    const int fits = gfx_text_wrap(f, GFX_FONT_BODY, rest, a->style.text, buf, 0) <= rest.h;
    /* what still does not fit (a projector's zoom) is left out, not cut through a line */
    if (fits || gfx_text_wrap(f, GFX_FONT_SMALL, rest, a->style.text, buf, 0) <= rest.h)
        gfx_text_wrap(f, fits ? GFX_FONT_BODY : GFX_FONT_SMALL, rest, a->style.text, buf, 1);
}

static void draw(void *self, view_ctx *ctx)
{
    diag_view *v = self;
    app *a = ctx->app;
    const dg_layout L = layout_of(a, ctx->area);
    v->shown = 0;
    float train = 0, dev = 0, test = -1;
    char source[200], why[300];
    if (!errors_of(a, v, &train, &dev, &test, source, sizeof source, why, sizeof why)) {
        gfx_text_wrap(a->fonts, GFX_FONT_BODY, L.source, a->style.text, why, 1);
        return;
    }
    const float human = v->human / 100.0f;
    if (nn_diagnose(train, dev, human, &v->d) != NN_OK) {
        gfx_text_wrap(a->fonts, GFX_FONT_BODY, L.source, a->style.text, nn_last_error(), 1);
        return;
    }
    const nn_diagnosis *d = &v->d;
    if (gfx_text_width(a->fonts, GFX_FONT_BOLD, source) > L.source.w) {
        char *colon = strchr(source, ':');
        if (colon) *colon = '\0';
    }
    const gfx_font_id sf = gfx_text_width(a->fonts, GFX_FONT_BOLD, source) <= L.source.w ? GFX_FONT_BOLD : GFX_FONT_SMALL;
    gfx_text(a->fonts, sf, L.source.x, L.source.y, a->style.text, GFX_ALIGN_LEFT, source);
    /* The bars share one scale: up to the largest error, in whole tens of percent. */
    float top = fmaxf(fmaxf(train, dev), fmaxf(human, test));
    const float hi = fmaxf(0.1f, ceilf(top * 1.15f * 10.0f) / 10.0f);
    const int label_w = SDL_max(gfx_text_width(a->fonts, GFX_FONT_BODY, "Human-level") + px(a, 16), px(a, 110));
    const int note_w = gfx_text_width(a->fonts, GFX_FONT_BODY, "avoidable bias 12.0 points: high") + px(a, 90);
    const int bar_w = SDL_max((L.bars.w - label_w) * 45 / 100, L.bars.w - label_w - note_w);
    const int row = L.bars.h / DIAG_BARS;
    char note[3][96], brief[3][48];
    if (d->avoidable_bias < 0)
        snprintf(note[0], sizeof note[0], "%.1f points below human level", -100.0 * d->avoidable_bias);
    else
        snprintf(note[0], sizeof note[0], "avoidable bias %.1f points: %s", 100.0 * d->avoidable_bias,
                 d->high_bias ? "high" : "low");
    snprintf(note[1], sizeof note[1], "variance %.1f points: %s", 100.0 * d->variance, d->high_variance ? "high" : "low");
    note[2][0] = '\0';
    if (test >= 0) snprintf(note[2], sizeof note[2], "dev \xE2\x86\x92 test %+.1f points", 100.0 * (test - dev));
    snprintf(brief[0], sizeof brief[0], "bias %.1f: %s", 100.0 * d->avoidable_bias, d->high_bias ? "high" : "low");
    snprintf(brief[1], sizeof brief[1], "var. %.1f: %s", 100.0 * d->variance, d->high_variance ? "high" : "low");
    snprintf(brief[2], sizeof brief[2], "%+.1f", 100.0 * (test - dev));
    /* The threshold: from the human-level error and from the training error, a
     * gap ending right of the mark is high. */
    const float marks[2] = { human + (float)d->threshold, train + (float)d->threshold };
    SDL_Rect rr = { L.bars.x, L.bars.y, L.bars.w, row };
    v->bars[DIAG_BAR_HUMAN] = bar_row(a, rr, label_w, bar_w, hi, "Human-level", 0, 0, human, col_human(), "", "", 0.0f);
    rr.y += row;
    v->bars[DIAG_BAR_TRAIN] = bar_row(a, rr, label_w, bar_w, hi, "Train", fminf(human, train), human, train, col_bias(), note[0], brief[0], marks[0]);
    rr.y += row;
    v->bars[DIAG_BAR_DEV] = bar_row(a, rr, label_w, bar_w, hi, "Dev", fminf(train, dev), train, dev, col_variance(), note[1], brief[1], marks[1]);
    rr.y += row;
    if (test >= 0)
        v->bars[DIAG_BAR_TEST] = bar_row(a, rr, label_w, bar_w, hi, "Test", fminf(dev, test), dev, test, col_test(), note[2], brief[2], 0.0f);
    else
        v->bars[DIAG_BAR_TEST] = (SDL_Rect){ L.bars.x + label_w, rr.y, 0, 0 };
    const float k = (float)bar_w / hi;
    for (int i = 0; i < 2; i++) {
        const float x = (float)(L.bars.x + label_w) + marks[i] * k;
        const float y0 = (float)(L.bars.y + (i + 1) * row + row / 8), y1 = (float)(L.bars.y + (i + 2) * row - row / 8);
        if (marks[i] <= hi + 0.05f) gfx_line(a->r, x, y0, x, y1, 2.0f * a->scale, a->style.text);
    }
    v->shown = 1;
    draw_text(a, v, L.text, d);
}

static int key(void *self, app *a, const SDL_KeyboardEvent *k)
{
    diag_view *v = self;
    session *s = &a->s;
    switch (k->keysym.sym) {
    case SDLK_SPACE: s->playing = !s->playing && (s->open || s->loading); v->preset = LIVE; return 1;
    case SDLK_e: session_epoch(s); v->preset = LIVE; return 1;
    case SDLK_r: session_reset(s); v->preset = LIVE; return 1;
    default: return 0;
    }
}

int diagnosis_view_shown(const void *self, nn_diagnosis *d, SDL_Rect bars[DIAG_BARS])
{
    const diag_view *v = self;
    if (!v->shown) return 0;
    *d = v->d;
    memcpy(bars, v->bars, sizeof v->bars);
    return 1;
}

const view_def view_diagnosis = {
    .id = "diagnosis", .title = "Bias & variance", .tab = "Bias/var",
    .teaches = "Bias and variance: human-level, train, dev and test error, the gaps between them, the "
               "verdict and the remedies for what dominates.",
    .create = create, .destroy = destroy, .update = update, .key = key, .draw = draw,
};
