/* app/draw/font_wrap.c - greedy word wrapping with **bold** runs.
 *
 * The text is read once, word by word, and lines are emitted as soon as the
 * next word does not fit, so no allocation is needed however long the
 * paragraph. A line is drawn as a few runs (consecutive words of the same
 * style joined with spaces) rather than word by word, which keeps the text
 * cache small: one entry per line-run instead of one per word.
 */
#include "draw/font.h"

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
    int         n, w;         /* segments and width of the pending line */
} wrap_state;

static int seg_width(const wrap_state *ws, const char *p, int len, int bold)
{
    char tmp[MAX_RUN];
    if (len >= (int)sizeof tmp) len = (int)sizeof tmp - 1;
    memcpy(tmp, p, (size_t)len);
    tmp[len] = 0;
    return gfx_text_width(ws->f, bold ? ws->bold : ws->regular, tmp);
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
            if (i > 0 && ws->line[i].word_start) x += ws->space_w;
            for (; i < ws->n && ws->line[i].bold == bold; i++) {
                const seg *s = &ws->line[i];
                if (len > 0 && s->word_start && len + 1 < MAX_RUN) run[len++] = ' ';
                int k = s->len < MAX_RUN - 1 - len ? s->len : MAX_RUN - 1 - len;
                memcpy(run + len, s->p, (size_t)k);
                len += k;
            }
            run[len] = 0;
            x += gfx_text(ws->f, bold ? ws->bold : ws->regular, x, ws->y, ws->c, GFX_ALIGN_LEFT, run);
        }
    }
    ws->y += ws->lh;
    ws->n = 0;
    ws->w = 0;
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
        int nw = 0, width = 0;
        const char *q = p;
        while (*q && *q != ' ' && *q != '\t' && *q != '\r' && *q != '\n') {
            if (q[0] == '*' && q[1] == '*') { bold = !bold; q += 2; continue; }
            const char *start = q;
            while (*q && *q != ' ' && *q != '\t' && *q != '\r' && *q != '\n'
                   && !(q[0] == '*' && q[1] == '*')) q++;
            if (nw < 16) {
                word[nw] = (seg){ start, (int)(q - start), bold, nw == 0 };
                width += seg_width(&ws, start, (int)(q - start), bold);
                nw++;
            }
        }
        p = q;
        if (nw == 0) continue;                /* a bare "**" */
        word[0].word_start = 1;
        if (ws.n > 0 && (ws.w + ws.space_w + width > area.w || ws.n + nw > MAX_SEG))
            emit_line(&ws);
        if (ws.n > 0) ws.w += ws.space_w;
        for (int i = 0; i < nw && ws.n < MAX_SEG; i++) ws.line[ws.n++] = word[i];
        ws.w += width;
    }
    if (ws.n > 0) emit_line(&ws);
    return ws.y - area.y;
}
