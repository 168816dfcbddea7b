/* app/draw/font.h - DejaVu Sans at four sizes, cached text drawing, wrapping.
 *
 *   const char *err = NULL;
 *   gfx_fonts *f = gfx_fonts_create(renderer, 1.0f, &err);
 *   if (err) SDL_Log("%s", err);      // still usable: text is measured, not drawn
 *   gfx_text(f, GFX_FONT_BODY, x, y, colour, GFX_ALIGN_LEFT, "Learning rate");
 *   int h = gfx_text_wrap(f, GFX_FONT_BODY, area, colour, paragraph, 1);
 *   gfx_fonts_destroy(f);
 *
 * Finding the font: $NNLAB_FONT, then `fc-match 'DejaVu Sans'`, then the
 * Debian path (package fonts-dejavu-core). Sizes are body 16 px, small 13,
 * title 24, big 34 at scale 1, multiplied by the UI scale (projector zoom);
 * gfx_fonts_set_scale reopens them.
 *
 * Rendered strings are kept as textures in a small LRU cache keyed by font,
 * colour and string, so redrawing the same labels every frame costs one
 * SDL_RenderCopy each. The cache belongs to the gfx_fonts and is freed by
 * gfx_fonts_destroy (destroy it before the renderer). A gfx_fonts also lends
 * its renderer's primitives a 1x1 white texture to draw through (see
 * gfx_prim_attach in draw/prim.h), taken back by gfx_fonts_destroy.
 *
 * Without a font file nothing crashes: create reports why through *err,
 * drawing is skipped, and measuring returns an estimate so layouts still work.
 * Ownership: the caller owns the gfx_fonts; the renderer is borrowed.
 * Thread-safety: rendering thread only. TTF_Init() must have been called.
 */
#ifndef NNLAB_FONT_H
#define NNLAB_FONT_H

#include <SDL.h>
#include <SDL_ttf.h>
#include <stddef.h>

typedef enum gfx_font_id {
    GFX_FONT_SMALL,   /* tick labels, legends */
    GFX_FONT_BODY,    /* widgets, narration */
    GFX_FONT_BOLD,    /* body size, bold: emphasis in narration */
    GFX_FONT_TITLE,   /* view and panel titles (bold) */
    GFX_FONT_BIG,     /* headline numbers (bold) */
    GFX_FONT_COUNT
} gfx_font_id;

typedef enum gfx_align { GFX_ALIGN_LEFT, GFX_ALIGN_CENTER, GFX_ALIGN_RIGHT } gfx_align;

typedef struct gfx_fonts gfx_fonts;

/* Writes the font file path into buf (n bytes); returns buf, or NULL if none was found. */
const char *gfx_font_find(char *buf, size_t n);
/* Nominal pixel size of a font at scale 1 (16, 13, 24 ...). */
int gfx_font_base_size(gfx_font_id id);

/* Always returns an object unless out of memory. *err (may be NULL) is set to
 * NULL, or to a message owned by the object when no font could be opened. */
gfx_fonts *gfx_fonts_create(SDL_Renderer *r, float scale, const char **err);
void       gfx_fonts_destroy(gfx_fonts *f);             /* NULL is a no-op */
/* Reopens the fonts at the new scale (clamped to 0.5..4); returns 0 on success. */
int        gfx_fonts_set_scale(gfx_fonts *f, float scale);
float      gfx_fonts_scale(const gfx_fonts *f);
const char *gfx_fonts_error(const gfx_fonts *f);       /* NULL when fonts are loaded */
TTF_Font  *gfx_font(const gfx_fonts *f, gfx_font_id id); /* NULL without a font */
SDL_Renderer *gfx_fonts_renderer(const gfx_fonts *f);  /* the renderer text is drawn with */

/* Line height (ascent + descent + gap) in pixels. */
int  gfx_text_height(const gfx_fonts *f, gfx_font_id id);
/* Width in pixels of UTF-8 text on one line. */
int  gfx_text_width(const gfx_fonts *f, gfx_font_id id, const char *s);
/* out = s, or its beginning and "â¦" when s is wider than max_w (cut at a character
 * boundary; just "â¦" if nothing more fits). Returns 1 when it was shortened. */
int  gfx_text_fit(const gfx_fonts *f, gfx_font_id id, const char *s, int max_w, char *out, size_t n);
/* Draws s with its top at y; x is the left, centre or right edge per align.
 * Returns the width drawn. */
int  gfx_text(gfx_fonts *f, gfx_font_id id, int x, int y, SDL_Color c, gfx_align align,
              const char *s);
/* printf-style convenience (output truncated to 256 bytes). */
int  gfx_textf(gfx_fonts *f, gfx_font_id id, int x, int y, SDL_Color c, gfx_align align,
               const char *fmt, ...);

/* Word-wraps a paragraph into area.w starting at (area.x, area.y); returns
 * the height used. '\n' breaks a line; an empty line adds a paragraph gap.
 * Text between ** and ** is bold. Nothing is drawn when draw is 0 (measure
 * only); lines outside the renderer's clip rectangle are skipped. */
int  gfx_text_wrap(gfx_fonts *f, gfx_font_id id, SDL_Rect area, SDL_Color c, const char *s,
                   int draw);

/* Cache statistics for tests and the debug overlay. */
int  gfx_text_cache_count(const gfx_fonts *f);
long gfx_text_cache_misses(const gfx_fonts *f);
void gfx_text_cache_clear(gfx_fonts *f);
/* How many texts drawn so far showed a non-finite number ("nan", "inf" as a
 * word), checked as each new text is rendered; *last gets the latest. For
 * tests: a view must say "diverged", never draw NaN. */
long gfx_text_nonfinite(const gfx_fonts *f, const char **last);

#endif
