/* app/shell/help_overlay.c - the keys overlay (F1 or ?): shell/help_overlay.h. */
#include "shell/help_overlay.h"

#include "draw/prim.h"
#include "ui/ui.h"

static int px(const app *a, float v) { return (int)(v * a->scale + 0.5f); }

static const char *const HELP_KEYS[][2] = {
    { "Space", "play / pause training" },
    { "S or Right", "one update (one mini-batch)" },
    { "E", "finish the current epoch" },
    { "R", "reset: same initial weights, same data order" },
    { "N", "new seed: new data and new initial weights" },
    { "+ / -", "train faster / slower" },
    { "G", "Playground: colour the network by gradient / by weight" },
    { "L", "the lessons: choose one (Up/Down, Enter)" },
    { "Left / Right, PgUp / PgDn", "in a lesson: previous / next step (clickers)" },
    { "Tab, Shift+Tab", "move between controls; Space/Enter use them" },
    { "Ctrl + / Ctrl - / Ctrl 0", "zoom the interface (projector), reset zoom" },
    { "Ctrl+S / Ctrl+O", "save / open a setup (settings, seed, view, lesson step)" },
    { "F11", "fullscreen" },
    { "F12", "save a screenshot (PNG)" },
    { "F9", "start / stop recording a GIF or MP4 (File list: which)" },
    { "F1 or ?", "this help" },
    { "Esc", "close help or the lessons, leave fullscreen" },
    { "Ctrl+Q", "quit" },
};

enum { N_KEYS = (int)(sizeof HELP_KEYS / sizeof HELP_KEYS[0]) };

static const char FOOT[] = "Hover any control for a one-line explanation. Esc closes this.";

typedef struct help_layout {
    SDL_Rect    box;
    gfx_font_id key_font, text_font;
    int         head, foot, line;   /* the title's band, the foot's band, one row */
    int         key_x, text_x;      /* the columns */
    int         ragged, gap;        /* 1: each description right after its own key */
} help_layout;

/* The widest key and the widest description in fonts k and t, and the
 * widest row of a key with its own description gap px after it. */
static void widest(const app *a, gfx_font_id k, gfx_font_id t, int gap, int *kw, int *tw, int *row)
{
    *kw = *tw = *row = 0;
    for (int i = 0; i < N_KEYS; i++) {
        const int a0 = gfx_text_width(a->fonts, k, HELP_KEYS[i][0]), a1 = gfx_text_width(a->fonts, t, HELP_KEYS[i][1]);
        if (a0 > *kw) *kw = a0;
        if (a1 > *tw) *tw = a1;
        if (a0 + gap + a1 > *row) *row = a0 + gap + a1;
    }
}

static help_layout layout(const app *a, int w, int h)
{
    help_layout L;
    /* The rows share what the window's height leaves: generous spacing when
     * there is room, tight at a big zoom, the small font when even that is
     * too tall - never a box taller than the window. */
    L.head = gfx_text_height(a->fonts, GFX_FONT_TITLE) + px(a, 36);
    L.foot = gfx_text_height(a->fonts, GFX_FONT_SMALL) + px(a, 24);
    const int room = h - px(a, 16) - L.head - L.foot;
    L.key_font = GFX_FONT_BOLD;
    L.text_font = GFX_FONT_BODY;
    L.line = gfx_text_height(a->fonts, GFX_FONT_BODY) + px(a, 8);
    if (L.line * N_KEYS > room) L.line = room / N_KEYS;
    /* The columns as wide as their widest entry: at 1280x720, zoom 1.5, a
     * box of a fixed 720 px (zoom 1) with the descriptions at two fifths of
     * it let "save / open a setup (settings, seed, view, lesson step)" run
     * out of the box. */
    const int pad = px(a, 24), most = w - px(a, 40);
    int kw, tw, row;
    L.gap = px(a, 24);
    L.ragged = 0;
    widest(a, L.key_font, L.text_font, L.gap, &kw, &tw, &row);
    if (L.line < gfx_text_height(a->fonts, GFX_FONT_BODY) || pad + kw + L.gap + tw + pad > most) {
        L.key_font = L.text_font = GFX_FONT_SMALL;
        L.line = gfx_text_height(a->fonts, GFX_FONT_SMALL) + px(a, 4);
        if (L.line * N_KEYS > room) L.line = room / N_KEYS;
        widest(a, L.key_font, L.text_font, L.gap, &kw, &tw, &row);
    }
    int bw = pad + kw + L.gap + tw + pad;
    if (bw > most) {   /* two columns do not fit (1024x768, zoom 2): each description after its own key */
        L.ragged = 1;
        L.gap = px(a, 12);
        widest(a, L.key_font, L.text_font, L.gap, &kw, &tw, &row);
        bw = pad + row + pad;
    }
    if (bw < px(a, 720)) bw = px(a, 720);
    const int foot_w = gfx_text_width(a->fonts, GFX_FONT_SMALL, FOOT) + px(a, 16) + pad;
    if (bw < foot_w) bw = foot_w;
    if (bw > most) bw = most;
    const int bh = L.head + L.line * N_KEYS + L.foot;
    L.box = (SDL_Rect){ (w - bw) / 2, (h - bh) / 2, bw, bh };
    L.key_x = L.box.x + pad;
    /* the descriptions start where the keys end, or at two fifths of the box if that is further */
    L.text_x = L.key_x + kw + L.gap;
    const int fifths = L.box.x + bw * 2 / 5;
    if (L.text_x < fifths && fifths + tw + pad <= L.box.x + bw) L.text_x = fifths;
    return L;
}

SDL_Rect help_overlay_box(const app *a, int w, int h) { return layout(a, w, h).box; }

void help_overlay_draw(app *a, int w, int h)
{
    const ui_theme *t = ui_get_theme(a->ui);
    SDL_SetRenderDrawBlendMode(a->r, SDL_BLENDMODE_BLEND);
    gfx_fill_rect(a->r, (SDL_Rect){ 0, 0, w, h }, gfx_fade(t->bg, 0.8f));
    const help_layout L = layout(a, w, h);
    const SDL_Rect box = L.box;
    gfx_fill_rect(a->r, box, t->panel);
    gfx_rect_outline(a->r, box, px(a, 2), t->accent);
    gfx_clip saved;
    if (!gfx_clip_push(a->r, box, &saved)) return;   /* a window too narrow even for the small font: cut at the box */
    gfx_text(a->fonts, GFX_FONT_TITLE, box.x + px(a, 24), box.y + px(a, 18), t->text, GFX_ALIGN_LEFT, "Keys");
    for (int i = 0; i < N_KEYS; i++) {
        const int y = box.y + L.head + i * L.line;
        gfx_text(a->fonts, L.key_font, L.key_x, y, t->accent, GFX_ALIGN_LEFT, HELP_KEYS[i][0]);
        const int x = L.ragged ? L.key_x + gfx_text_width(a->fonts, L.key_font, HELP_KEYS[i][0]) + L.gap : L.text_x;
        gfx_text(a->fonts, L.text_font, x, y, t->text, GFX_ALIGN_LEFT, HELP_KEYS[i][1]);
    }
    gfx_text(a->fonts, GFX_FONT_SMALL, box.x + box.w - px(a, 16), box.y + box.h - L.foot + px(a, 8), t->text_dim,
             GFX_ALIGN_RIGHT, FOOT);
    gfx_clip_pop(a->r, &saved);
}
