/* app/player/player_browser.c - the lesson browser: every lesson of the
 * lessons folder as a card, in the lessons' own order.
 *
 * A card shows the lesson's number and title, how far the learner got (kept
 * in the settings file between runs), the number of steps and the summary. A
 * click (or Up/Down to choose, Enter to open) starts the lesson. A file that
 * does not parse gets a card too, with its error as the parser reports it
 * (`file:line: message`), so a teacher editing a lesson sees what to fix
 * while the program keeps running. The list scrolls (wheel, arrows) when the
 * cards do not fit. The folder is read again every time the browser opens.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "nn/assets.h"
#include "nn/file.h"
#include "nn/status.h"
#include "draw/prim.h"
#include "shell/frame.h"
#include "player/player.h"
#include "ui/ui.h"

static int px(const app *a, float v) { return (int)(v * a->scale + 0.5f); }

const char *player_lessons_dir(const app *a)
{
    static char dir[4096];
    if (a->opt.lessons_dir) return a->opt.lessons_dir;
    const char *env = SDL_getenv("NNLAB_LESSONS");
    if (env && *env) return env;
    DIR *d = opendir("lessons");
    if (d) { closedir(d); return "lessons"; }
    /* Installed: share/nnlab/lessons beside bin/; in the build tree: the source's. */
    if (nn_data_dir("lessons", dir, sizeof dir) == NN_OK) return dir;
    return "lessons";
}

const char *player_find_lesson(const app *a, const char *given, char *out, size_t n)
{
    if (!given || strchr(given, '/') || nn_file_check_regular(given) == NN_OK) return given;
    const char *dir = player_lessons_dir(a);
    static const char *const SUFFIX[] = { "", ".lesson" };
    for (size_t k = 0; k < 2; k++) {
        const int len = snprintf(out, n, "%s/%s%s", dir, given, SUFFIX[k]);
        if (len > 0 && (size_t)len < n && nn_file_check_regular(out) == NN_OK) return out;
    }
    return given;
}

static void scan(app *a, player_browser *b)
{
    snprintf(b->dir, sizeof b->dir, "%s", player_lessons_dir(a));
    b->n = lesson_catalog(b->dir, b->entries, PLAYER_MAX_LESSONS);
    /* Files that cannot be opened come first, so whoever just edited one sees
     * the line to fix without scrolling; the lessons follow in their order. */
    static lesson_entry tmp[PLAYER_MAX_LESSONS];
    int k = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < b->n; i++)
            if (b->entries[i].ok == pass) tmp[k++] = b->entries[i];
    if (b->n > 0) memcpy(b->entries, tmp, sizeof tmp[0] * (size_t)b->n);
    memset(b->cards, 0, sizeof b->cards);
    b->scroll = 0;
    b->want_focus = -1;
}

void player_browse(app *a)
{
    player *p = player_get(a);
    if (!p) return;
    p->browser.open = !p->browser.open;
    if (p->browser.open) scan(a, &p->browser);
}

int player_browsing(const app *a) { return a->player && a->player->browser.open; }

int player_browser_list(const app *a, const lesson_entry **entries, const SDL_Rect **cards)
{
    if (!player_browsing(a)) return 0;
    const player_browser *b = &a->player->browser;
    if (entries) *entries = b->entries;
    if (cards) *cards = b->cards;
    return b->n > 0 ? b->n : 0;
}

static ui_id card_id(int i)
{
    char label[32];
    snprintf(label, sizeof label, "##lesson%d", i);
    return ui_make_id(label, NULL);
}

/* Up/Down (Home/End, PageUp/PageDown) choose among the lessons that open; Esc or L closes. */
int player_event(app *a, const SDL_Event *e)
{
    if (!player_browsing(a)) return 0;
    player_browser *b = &a->player->browser;
    if (e->type == SDL_MOUSEWHEEL) {
        const int dy = e->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -e->wheel.y : e->wheel.y;
        b->scroll -= dy * px(a, 60);
        return 1;
    }
    if (e->type != SDL_KEYDOWN || (e->key.keysym.mod & (KMOD_CTRL | KMOD_ALT))) return 0;
    const SDL_Keycode k = e->key.keysym.sym;
    if (k == SDLK_ESCAPE || k == SDLK_l) { b->open = 0; return 1; }
    int dir = 0;
    if (k == SDLK_DOWN || k == SDLK_PAGEDOWN || k == SDLK_END) dir = 1;
    else if (k == SDLK_UP || k == SDLK_PAGEUP || k == SDLK_HOME) dir = -1;
    else return 0;
    int cur = -1;
    for (int i = 0; i < b->n; i++) if (ui_focus_id(a->ui) == card_id(i)) cur = i;
    /* the next openable card in that direction; Home/End (or nothing chosen yet): from the end */
    const int far = k == SDLK_HOME || k == SDLK_END;
    int pick = -1;
    for (int j = far || cur < 0 ? (dir > 0 ? 0 : b->n - 1) : cur + dir; j >= 0 && j < b->n; j += dir)
        if (b->entries[j].ok) {
            pick = j;
            if (!far) break;
        }
    if (pick >= 0) b->want_focus = pick;
    return 1;
}

/* ---- drawing ---- */

static int light_theme(const ui_theme *t) { return t->bg.r + t->bg.g + t->bg.b > 3 * 128; }
static SDL_Color warn_ink(const ui_theme *t)
{
    return light_theme(t) ? (SDL_Color){ 185, 30, 20, 255 } : (SDL_Color){ 245, 120, 100, 255 };
}

typedef struct card_text {
    char title[LESSON_TITLE + 16];
    char status[96];           /* right column: steps and progress, or "Cannot be opened" */
    char body[900];            /* summary (emphasis as **bold**), or the error */
} card_text;

/* Steps of the lesson at `path` the learner has seen (the browser's progress). */
static int seen_steps(app *a, const char *path)
{
    char key[600];
    player_progress_key(path, key, sizeof key);
    return (int)prefs_get_num(&a->prefs, key, 0);
}

/* "Take first: 13. Averages, 14. Momentum..." for the lessons `after:` names
 * that are not done yet; "" when there are none. */
static void take_first(app *a, const lesson_entry *e, char *out, size_t len)
{
    const player_browser *b = &a->player->browser;
    out[0] = '\0';
    size_t used = 0;
    for (int k = 0; k < e->n_after; k++) {
        int number = 0;
        for (int i = 0; i < b->n; i++) {
            number += b->entries[i].ok;
            const char *base = strrchr(b->entries[i].path, '/');
            base = base ? base + 1 : b->entries[i].path;
            const size_t n = strlen(e->after[k]);
            if (!b->entries[i].ok || strncmp(base, e->after[k], n) != 0 || strcmp(base + n, ".lesson") != 0) continue;
            if (seen_steps(a, b->entries[i].path) >= b->entries[i].n_steps) break;   /* done */
            used += (size_t)snprintf(out + used, used < len ? len - used : 0, "%s%d. %s", used ? ", " : "*Take first:* ",
                                     number, b->entries[i].title);
            break;
        }
    }
    if (used && used + 3 < len) snprintf(out + used, len - used, ".\n");
}

static void card_text_of(app *a, const lesson_entry *e, int number, card_text *c)
{
    if (!e->ok) {
        const char *base = strrchr(e->path, '/');
        snprintf(c->title, sizeof c->title, "%.100s", base ? base + 1 : e->path);
        snprintf(c->status, sizeof c->status, "Cannot be opened");
        snprintf(c->body, sizeof c->body, "%s", e->error);
        return;
    }
    int done = seen_steps(a, e->path);
    if (done > e->n_steps) done = e->n_steps;
    const player *p = a->player;
    snprintf(c->title, sizeof c->title, "%d. %s", number, e->title);
    if (p->ls && strcmp(p->path, e->path) == 0)
        snprintf(c->status, sizeof c->status, "open now: step %d of %d", lesson_session_step(p->ls) + 1, e->n_steps);
    else if (done >= e->n_steps)
        snprintf(c->status, sizeof c->status, "%d steps \xC2\xB7 done", e->n_steps);
    else if (done > 0)
        snprintf(c->status, sizeof c->status, "%d of %d steps seen", done, e->n_steps);
    else
        snprintf(c->status, sizeof c->status, "%d steps \xC2\xB7 not started", e->n_steps);
    char first[400], body[1400];
    take_first(a, e, first, sizeof first);
    snprintf(body, sizeof body, "%s%s", first, e->summary);
    player_emphasis(body, c->body, sizeof c->body);
}

/* Heights of the parts of a card w pixels wide (draw = 0), or draws it at r. */
static int card(app *a, const card_text *c, int ok, SDL_Rect r, int draw)
{
    const ui_theme *t = ui_get_theme(a->ui);
    const int cp = px(a, 14), inner = r.w - 2 * cp;
    const int status_w = gfx_text_width(a->fonts, GFX_FONT_BOLD, c->status);
    /* the status at the right of the title when the title fits beside it on one line, else under it */
    const int stacked = gfx_text_width(a->fonts, GFX_FONT_TITLE, c->title) > inner - status_w - px(a, 16);
    const int title_w = stacked ? inner : inner - status_w - px(a, 16);
    const int x = r.x + cp;
    int y = r.y + px(a, 10);
    const int th = gfx_text_wrap(a->fonts, GFX_FONT_TITLE, (SDL_Rect){ x, y, title_w - title_w / 40, 0 },
                                 t->text, c->title, draw);
    const SDL_Color ink = ok ? t->accent : warn_ink(t);
    if (draw && !stacked) {
        const int sy = y + (gfx_text_height(a->fonts, GFX_FONT_TITLE) - gfx_text_height(a->fonts, GFX_FONT_BOLD)) / 2;
        gfx_text(a->fonts, GFX_FONT_BOLD, r.x + r.w - cp, sy, ink, GFX_ALIGN_RIGHT, c->status);
    }
    y += th + px(a, 4);
    if (stacked) {
        if (draw) gfx_text(a->fonts, GFX_FONT_BOLD, x, y, ink, GFX_ALIGN_LEFT, c->status);
        y += gfx_text_height(a->fonts, GFX_FONT_BOLD) + px(a, 2);
    }
    if (!ok && draw) {
        gfx_text(a->fonts, GFX_FONT_BODY, x, y, t->text_dim, GFX_ALIGN_LEFT, "Fix this in the file, then open this list again:");
    }
    if (!ok) y += gfx_text_height(a->fonts, GFX_FONT_BODY) + px(a, 2);
    y += gfx_text_wrap(a->fonts, ok ? GFX_FONT_BODY : GFX_FONT_BOLD, (SDL_Rect){ x, y, inner - inner / 40, 0 },
                       ok ? t->text_dim : warn_ink(t), c->body, draw);
    return y + px(a, 12) - r.y;
}

/* Every card's height at width w and its top in the list; returns the list's height. */
static int measure(app *a, const player_browser *b, const card_text *texts, int w, int gap, int *heights, int *tops)
{
    int y = 0;
    for (int i = 0; i < b->n; i++) {
        heights[i] = card(a, &texts[i], b->entries[i].ok, (SDL_Rect){ 0, 0, w, 0 }, 0);
        tops[i] = y;
        y += heights[i] + gap;
    }
    return b->n > 0 ? y - gap : 0;
}

void player_browser_draw(app *a, SDL_Rect area)
{
    player *p = a->player;
    player_browser *b = &p->browser;
    ui_context *ui = a->ui;
    const ui_theme *t = ui_get_theme(ui);
    const int margin = px(a, 16);
    int w = area.w - 2 * margin;
    if (w > px(a, 1000)) w = px(a, 1000);
    const int pad = px(a, 20), gap = px(a, 10), iw = w - 2 * pad;
    if (iw <= 0 || area.h <= 2 * margin) return;
    static const char HINT[] = "Click a lesson to start it, or choose one with Up/Down and press Enter. "
                               "nnlab remembers how far you got. Esc closes this list.";
    const int head_h = px(a, 14) + gfx_text_height(a->fonts, GFX_FONT_TITLE) + px(a, 2) +
                       gfx_text_wrap(a->fonts, GFX_FONT_BODY, (SDL_Rect){ 0, 0, iw - iw / 40, 0 }, t->text, HINT, 0) + gap;
    const int btn_h = px(a, UI_ROW_HEIGHT), foot_h = gap + btn_h + px(a, 14);

    /* Measure the cards first: the box is as tall as they need, at most the area. */
    static card_text texts[PLAYER_MAX_LESSONS];
    int heights[PLAYER_MAX_LESSONS], tops[PLAYER_MAX_LESSONS], number = 0;
    for (int i = 0; i < b->n; i++) card_text_of(a, &b->entries[i], b->entries[i].ok ? ++number : 0, &texts[i]);
    const int bar_w = px(a, 8), cw_bar = iw - bar_w - px(a, 6);
    int content = measure(a, b, texts, iw, gap, heights, tops);
    int box_h = head_h + content + foot_h;
    if (box_h > area.h - 2 * margin)   /* it will scroll: the cards leave room for the scroll bar */
        content = measure(a, b, texts, cw_bar, gap, heights, tops);
    if (b->n <= 0) content = 3 * gfx_text_height(a->fonts, GFX_FONT_BODY);
    box_h = head_h + content + foot_h;
    if (box_h > area.h - 2 * margin) box_h = area.h - 2 * margin;
    const SDL_Rect box = { area.x + (area.w - w) / 2, area.y + margin, w, box_h };
    gfx_fill_rect(a->r, box, t->panel);
    gfx_rect_outline(a->r, box, px(a, 1) > 1 ? px(a, 1) : 1, t->border);
    const int x = box.x + pad;
    int y = box.y + px(a, 14);
    gfx_text(a->fonts, GFX_FONT_TITLE, x, y, t->text, GFX_ALIGN_LEFT, "Lessons");
    y += gfx_text_height(a->fonts, GFX_FONT_TITLE) + px(a, 2);
    gfx_text_wrap(a->fonts, GFX_FONT_BODY, (SDL_Rect){ x, y, iw - iw / 40, 0 }, t->text_dim, HINT, 1);
    y = box.y + head_h;

    /* The footer: where the lessons come from, and Close. */
    const int foot_y = box.y + box.h - px(a, 14) - btn_h;
    ui_layout_begin(ui, (SDL_Rect){ x, foot_y, iw, btn_h });
    ui_layout_row_widths(ui, 2, (const int[]){ 0, 140 }, -1);
    const SDL_Rect folder = ui_layout_next(ui);
    char where[600];
    snprintf(where, sizeof where, "Lessons folder: %.560s", b->dir);   /* clipped on screen anyway */
    SDL_RenderSetClipRect(a->r, &folder);
    gfx_text(a->fonts, GFX_FONT_SMALL, folder.x, folder.y + (folder.h - gfx_text_height(a->fonts, GFX_FONT_SMALL)) / 2,
             t->text_dim, GFX_ALIGN_LEFT, where);
    SDL_RenderSetClipRect(a->r, NULL);
    if (ui_button(ui, "Close##browser")) { b->open = 0; return; }
    ui_tooltip(ui, "Back to where you were (Esc).");

    /* The cards, in a scrolling viewport. */
    const SDL_Rect view = { x, y, iw, foot_y - gap - y };
    if (view.h <= 0) return;
    if (b->n <= 0) {
        char msg[700];
        snprintf(msg, sizeof msg, b->n < 0 ? "The lessons folder %s cannot be read." :
                                  "There are no lessons (*.lesson files) in %s.", b->dir);
        gfx_text_wrap(a->fonts, GFX_FONT_BODY, view, t->text, msg, 1);
        return;
    }
    const int max_scroll = content > view.h ? content - view.h : 0;
    if (b->want_focus >= 0 && b->want_focus < b->n) {       /* keep the chosen card in view */
        const int i = b->want_focus;
        if (tops[i] < b->scroll) b->scroll = tops[i];
        if (tops[i] + heights[i] > b->scroll + view.h) b->scroll = tops[i] + heights[i] - view.h;
    }
    if (b->scroll > max_scroll) b->scroll = max_scroll;
    if (b->scroll < 0) b->scroll = 0;
    const int scrolls = max_scroll > 0, cw = scrolls ? cw_bar : iw;
    for (int i = 0; i < b->n; i++) {
        const SDL_Rect r = { x, view.y + tops[i] - b->scroll, cw, heights[i] };
        SDL_Rect vis;
        if (!SDL_IntersectRect(&r, &view, &vis)) { b->cards[i] = (SDL_Rect){ 0, 0, 0, 0 }; continue; }
        b->cards[i] = vis;
        if (i == b->want_focus) ui_set_focus(ui, card_id(i));
        SDL_RenderSetClipRect(a->r, &view);
        if (b->entries[i].ok) {
            char label[32];
            snprintf(label, sizeof label, "##lesson%d", i);
            ui_layout_begin(ui, vis);
            ui_layout_row(ui, 1, -1);
            if (ui_button(ui, label)) {
                SDL_RenderSetClipRect(a->r, NULL);
                player_open(a, b->entries[i].path);
                if (a->player && !a->player->ls) scan(a, b);   /* changed since listed: show why */
                return;
            }
        } else {
            gfx_fill_rect(a->r, r, t->bg);
            gfx_rect_outline(a->r, r, 1, t->border);
            gfx_fill_rect(a->r, (SDL_Rect){ r.x, r.y, px(a, 6), r.h }, warn_ink(t));
        }
        card(a, &texts[i], b->entries[i].ok, r, 1);
        SDL_RenderSetClipRect(a->r, NULL);
    }
    b->want_focus = -1;
    if (scrolls) {   /* the thumb's share of the track is the share of the list in view */
        const SDL_Rect track = { x + iw - bar_w, view.y, bar_w, view.h };
        int th = track.h * view.h / content;
        if (th < px(a, 24)) th = px(a, 24);
        gfx_fill_rect(a->r, track, t->widget);
        gfx_fill_rect(a->r, (SDL_Rect){ track.x, track.y + (track.h - th) * b->scroll / max_scroll, track.w, th },
                      t->text_dim);
    }
}
