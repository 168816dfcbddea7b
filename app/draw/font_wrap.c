/* app/draw/font_wrap.c - greedy word wrapping with **bold** runs.
 *
 * The text is read once, word by word, and lines are emitted as soon as the
 * next word does not fit, so no allocation is needed however long the
 * paragraph. A line is drawn as a few runs (consecutive words of the same
 * style joined with spaces) rather than word by word, which keeps the text
 * cache small: one entry per line-run instead of one per word.
 *
 * Whether a word fits is decided on the width the line will have when drawn:
 * every run measured as the whole string that gfx_text will render (so the
 * font's fractional space advances and kerning count exactly as drawn), plus
 * the space drawn between runs of different styles. Adding up word widths and
 * a rounded space width instead comes out about half a pixel per space short,
 * and a full line then overflows its box.
 *
 * Cost: each word measures the run it extends, which is at most one line
 * long, so a paragraph costs (words x line length), linear in its length. The
 * same narration is wrapped every frame (once to measure, once to draw), so
 * run widths are remembered in a small table keyed by font and string (a
 * 64-bit hash): after the first frame a wrap hashes strings instead of
 * shaping them.
 */
#include "draw/font.h"

#include <stdint.h>
#include <string.h>

#define MAX_SEG 128      /* segments per line; a longer line is emitted early */
#define MAX_RUN 1024     /* bytes per drawn run */

typedef struct seg {
    const char *p;
    int         len;
    int         bold;
    int         word_start;   /* a space precedes it (unless first on the line) */
} seg;

typedef struct wrap_state {
    gfx_fonts  *f;
    gfx_font_id regular, bold;
    SDL_Rect    area;
    SDL_Color   c;
    int         draw, y, lh, space_w;
    seg         line[MAX_SEG];
    int         n, w;         /* segments and drawn width of the pending line */
    /* The pending line as it will be drawn: the runs before the last one take
     * `fixed` pixels (their widths and the spaces between them); the last run
     * is run[0..run_len) in style run_bold. */
    int         fixed, run_len, run_bold;
    char        run[MAX_RUN];
} wrap_state;

/* ---- run widths, remembered ---- */

enum { MEMO_N = 4096 };        /* entries; a frame's wrapped text needs a few hundred */

typedef struct memo_entry { uint64_t key; int width; } memo_entry;
static memo_entry memo[MEMO_N];

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

/* Width of s (len bytes, NUL-terminated) as gfx_text draws it. */
static int run_width(const wrap_state *ws, gfx_font_id id, const char *s, int len)
{
    TTF_Font *t = gfx_font(ws->f, id);
    if (!t || len == 0) return gfx_text_width(ws->f, id, s);    /* estimates are cheap */
    /* The key names the font object and its size, so fonts reopened at another
     * scale (perhaps at the same address) never read old widths. */
    const float scale = gfx_fonts_scale(ws->f);
    const int size[3] = { TTF_FontHeight(t), TTF_FontAscent(t), (int)id };
    uint64_t h = fnv(14695981039346656037ull, &t, sizeof t);
    h = fnv(h, &scale, sizeof scale);
    h = fnv(h, size, sizeof size);
    h = fnv(h, s, (size_t)len);
    h |= 1;                                                     /* 0 marks a free slot */
    memo_entry *e = &memo[(h >> 32) % MEMO_N];
    if (e->key == h) return e->width;
    const int w = gfx_text_width(ws->f, id, s);
    *e = (memo_entry){ h, w };
    return w;
}

/* Append segment s to run (len bytes so far) exactly as it is drawn: a space
 * before a word that is not the first of the run; at most MAX_RUN - 1 bytes. */
static void run_append(char *run, int *len, const seg *s)
{
    if (*len > 0 && s->word_start && *len + 1 < MAX_RUN) run[(*len)++] = ' ';
    const int k = s->len < MAX_RUN - 1 - *len ? s->len : MAX_RUN - 1 - *len;
    memcpy(run + *len, s->p, (size_t)k);
    *len += k;
    run[*len] = 0;
}

/* The pending line's drawn width if the word's segments were added to it.
 * Leaves the measuring state extended by the word: the caller keeps it if the
 * word fits, and otherwise emits the line (which clears it) and extends again. */
static int extend(wrap_state *ws, const seg *word, int nw)
{
    for (int i = 0; i < nw; i++) {
        const seg *s = &word[i];
        if (ws->run_len > 0 && s->bold != ws->run_bold) {
            /* a new run: the previous one is drawn whole, then a space if a word starts here */
            ws->fixed += run_width(ws, ws->run_bold ? ws->bold : ws->regular, ws->run, ws->run_len);
            if (s->word_start) ws->fixed += ws->space_w;
            ws->run_len = 0;
        }
        if (ws->run_len == 0) ws->run_bold = s->bold;
        seg first = *s;
        if (ws->run_len == 0) first.word_start = 0;      /* a run never starts with a space */
        run_append(ws->run, &ws->run_len, &first);
    }
    return ws->fixed + run_width(ws, ws->run_bold ? ws->bold : ws->regular, ws->run, ws->run_len);
}

/* Is the line band [y, y+lh) at least partly inside the renderer clip rect? */
static int line_visible(const wrap_state *ws)
{
    SDL_Renderer *r = gfx_fonts_renderer(ws->f);
    if (!r || !SDL_RenderIsClipEnabled(r)) return 1;
    SDL_Rect clip;
    SDL_RenderGetClipRect(r, &clip);
    return ws->y + ws->lh > clip.y && ws->y < clip.y + clip.h;
}

static void emit_line(wrap_state *ws)
{
    if (ws->draw && ws->n > 0 && line_visible(ws)) {
        int x = ws->area.x;
        int i = 0;
        while (i < ws->n) {
            char run[MAX_RUN];
            int len = 0, bold = ws->line[i].bold;
            run[0] = 0;
            if (i > 0 && ws->line[i].word_start) x += ws->space_w;
            for (; i < ws->n && ws->line[i].bold == bold; i++) run_append(run, &len, &ws->line[i]);
            x += gfx_text(ws->f, bold ? ws->bold : ws->regular, x, ws->y, ws->c, GFX_ALIGN_LEFT, run);
        }
    }
    ws->y += ws->lh;
    ws->n = 0;
    ws->w = 0;
    ws->fixed = 0;
    ws->run_len = 0;
}

int gfx_text_wrap(gfx_fonts *f, gfx_font_id id, SDL_Rect area, SDL_Color c, const char *s,
                  int draw)
{
    if (!s) return 0;
    wrap_state ws = { .f = f, .regular = id, .bold = id == GFX_FONT_BODY ? GFX_FONT_BOLD : id,
                      .area = area, .c = c, .draw = draw, .y = area.y };
    ws.lh = gfx_text_height(f, id);
    ws.space_w = gfx_text_width(f, id, " ");
    int bold = 0;
    const char *p = s;
    while (*p) {
        if (*p == ' ' || *p == '\t' || *p == '\r') { p++; continue; }
        if (*p == '\n') {
            if (ws.n > 0) emit_line(&ws);
            else ws.y += ws.lh / 2;          /* an empty line separates paragraphs */
            p++;
            continue;
        }
        /* one word: split into segments at every "**" */
        seg word[16];
        int nw = 0;
        const char *q = p;
        while (*q && *q != ' ' && *q != '\t' && *q != '\r' && *q != '\n') {
            if (q[0] == '*' && q[1] == '*') { bold = !bold; q += 2; continue; }
            const char *start = q;
            while (*q && *q != ' ' && *q != '\t' && *q != '\r' && *q != '\n'
                   && !(q[0] == '*' && q[1] == '*')) q++;
            if (nw < 16) {
                word[nw] = (seg){ start, (int)(q - start), bold, nw == 0 };
                nw++;
            }
        }
        p = q;
        if (nw == 0) continue;                /* a bare "**" */
        if (ws.n + nw > MAX_SEG) emit_line(&ws);
        int width = extend(&ws, word, nw);
        if (ws.n > 0 && width > area.w) {
            /* does not fit: the line ends before this word, which starts the next one */
            emit_line(&ws);
            width = extend(&ws, word, nw);
        }
        for (int i = 0; i < nw && ws.n < MAX_SEG; i++) ws.line[ws.n++] = word[i];
        ws.w = width;
    }
    if (ws.n > 0) emit_line(&ws);
    return ws.y - area.y;
}
