/* app/draw/font.c - locating and opening the fonts; the text texture cache.
 *
 * Why a cache: TTF_RenderUTF8_Blended rasterises and SDL_CreateTexture
 * uploads on every call, which for ~100 labels per frame at 60 fps is the
 * most expensive thing a view does. Labels rarely change, so textures are
 * kept in a least-recently-used table keyed by (font, colour, string); alpha
 * is applied with SDL_SetTextureAlphaMod so faded text shares the entry.
 */
#include "draw/font.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/prim.h"

#define CACHE_N 384
/* Widths of measured strings (TTF_SizeUTF8 shapes the string with HarfBuzz
 * each call; layout measures the same labels every frame): a direct-mapped
 * table, a string's slot chosen by its hash, longer strings not kept. */
#define WIDTH_N 512
#define WIDTH_LEN 96

static const int BASE_SIZE[GFX_FONT_COUNT] = {
    [GFX_FONT_SMALL] = 13, [GFX_FONT_BODY] = 16, [GFX_FONT_BOLD] = 16,
    [GFX_FONT_TITLE] = 24, [GFX_FONT_BIG] = 34,
};
_Static_assert(sizeof BASE_SIZE / sizeof BASE_SIZE[0] == GFX_FONT_COUNT, "a size per font");

static const char *const KNOWN_PATHS[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
};
static const char *const KNOWN_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

typedef struct cache_entry {
    SDL_Texture *tex;       /* NULL = free slot */
    char        *s;         /* owned copy of the string */
    Uint32       hash;
    int          font;
    Uint8        r, g, b;
    int          w, h;
    Uint32       last_use;
} cache_entry;

typedef struct width_entry {
    int  font;              /* -1 = empty */
    int  w;
    char s[WIDTH_LEN];
} width_entry;

struct gfx_fonts {
    SDL_Renderer *r;
    float         scale;
    TTF_Font     *font[GFX_FONT_COUNT];
    char          path[512], bold_path[512];
    char          error[600];
    cache_entry   cache[CACHE_N];
    width_entry   widths[WIDTH_N];
    Uint32        tick;
    long          misses;
    long          nonfinite;          /* texts drawn that show "nan" or "inf" */
    char          nonfinite_text[96]; /* the last of them */
    SDL_Texture  *white;    /* 1x1 opaque white, lent to the primitives (gfx_prim_attach) */
};

static int file_exists(const char *p)
{
    FILE *f = p && *p ? fopen(p, "rb") : NULL;
    if (f) fclose(f);
    return f != NULL;
}

static const char *copy_out(char *buf, size_t n, const char *s)
{
    if (!file_exists(s) || strlen(s) >= n) return NULL;
    memcpy(buf, s, strlen(s) + 1);
    return buf;
}

const char *gfx_font_find(char *buf, size_t n)
{
    const char *env = getenv("NNLAB_FONT");
    if (env && *env) return copy_out(buf, n, env);   /* an explicit choice is not second-guessed */
    char line[512] = "";
    FILE *p = popen("fc-match -f '%{file}' 'DejaVu Sans' 2>/dev/null", "r");
    if (p) {
        if (!fgets(line, sizeof line, p)) line[0] = 0;
        pclose(p);
        line[strcspn(line, "\r\n")] = 0;
        if (copy_out(buf, n, line)) return buf;
    }
    for (size_t i = 0; i < sizeof KNOWN_PATHS / sizeof KNOWN_PATHS[0]; i++)
        if (copy_out(buf, n, KNOWN_PATHS[i])) return buf;
    return NULL;
}

int gfx_font_base_size(gfx_font_id id)
{
    return (id >= 0 && id < GFX_FONT_COUNT) ? BASE_SIZE[id] : BASE_SIZE[GFX_FONT_BODY];
}

/* The bold face next to the regular one ("DejaVuSans.ttf" -> "DejaVuSans-Bold.ttf"). */
static void find_bold(gfx_fonts *f)
{
    f->bold_path[0] = 0;
    const char *dot = strrchr(f->path, '.');
    if (dot && (size_t)(dot - f->path) + 16 < sizeof f->bold_path) {
        snprintf(f->bold_path, sizeof f->bold_path, "%.*s-Bold%s", (int)(dot - f->path), f->path, dot);
        if (file_exists(f->bold_path)) return;
    }
    if (file_exists(KNOWN_BOLD)) snprintf(f->bold_path, sizeof f->bold_path, "%s", KNOWN_BOLD);
    else f->bold_path[0] = 0;
}

static void close_fonts(gfx_fonts *f)
{
    for (int i = 0; i < GFX_FONT_COUNT; i++) {
        if (f->font[i]) TTF_CloseFont(f->font[i]);
        f->font[i] = NULL;
    }
}

static int open_fonts(gfx_fonts *f)
{
    close_fonts(f);
    gfx_text_cache_clear(f);
    for (int i = 0; i < WIDTH_N; i++) f->widths[i].font = -1;
    if (!f->path[0]) return -1;
    for (int i = 0; i < GFX_FONT_COUNT; i++) {
        int bold = i == GFX_FONT_BOLD || i == GFX_FONT_TITLE || i == GFX_FONT_BIG;
        int px = (int)lroundf((float)BASE_SIZE[i] * f->scale);
        const char *p = bold && f->bold_path[0] ? f->bold_path : f->path;
        f->font[i] = TTF_OpenFont(p, px);
        if (!f->font[i]) {
            snprintf(f->error, sizeof f->error, "cannot open font %s at %d px: %s", p, px, TTF_GetError());
            close_fonts(f);
            return -1;
        }
        /* no bold file: let FreeType embolden the regular face */
        if (bold && !f->bold_path[0]) TTF_SetFontStyle(f->font[i], TTF_STYLE_BOLD);
        TTF_SetFontHinting(f->font[i], TTF_HINTING_LIGHT);
    }
    f->error[0] = 0;
    return 0;
}

static float clamp_scale(float s)
{
    if (!(s >= 0.5f)) return s > 4.0f ? 4.0f : 0.5f;   /* also maps NaN to 0.5 */
    return s > 4.0f ? 4.0f : s;
}

gfx_fonts *gfx_fonts_create(SDL_Renderer *r, float scale, const char **err)
{
    gfx_fonts *f = calloc(1, sizeof *f);
    if (err) *err = NULL;
    if (!f) return NULL;
    f->r = r;
    f->scale = clamp_scale(scale);
    /* The primitives draw through this on r (no temporary surface per
     * triangle in SDL's software renderer); without it they still draw. */
    f->white = r ? SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, 1, 1) : NULL;
    const Uint32 white = 0xFFFFFFFFu;
    if (f->white && SDL_UpdateTexture(f->white, NULL, &white, 4) == 0 &&
        SDL_SetTextureBlendMode(f->white, SDL_BLENDMODE_BLEND) == 0)
        gfx_prim_attach(r, f->white);
    if (!gfx_font_find(f->path, sizeof f->path)) {
        f->path[0] = 0;
        snprintf(f->error, sizeof f->error,
                 "no font found: install fonts-dejavu-core (apt-get install -y fonts-dejavu-core) "
                 "or set NNLAB_FONT to a .ttf file");
    } else {
        find_bold(f);
        open_fonts(f);
    }
    if (err && f->error[0]) *err = f->error;
    return f;
}

void gfx_fonts_destroy(gfx_fonts *f)
{
    if (!f) return;
    gfx_text_cache_clear(f);
    close_fonts(f);
    if (f->white) {
        gfx_prim_detach(f->white);
        SDL_DestroyTexture(f->white);
    }
    free(f);
}

int gfx_fonts_set_scale(gfx_fonts *f, float scale)
{
    if (!f) return -1;
    scale = clamp_scale(scale);
    if (scale == f->scale && f->font[0]) return 0;
    f->scale = scale;
    return open_fonts(f);   /* -1 (and estimates only) when there is no font file */
}

float       gfx_fonts_scale(const gfx_fonts *f) { return f ? f->scale : 1.0f; }
const char *gfx_fonts_error(const gfx_fonts *f) { return f && f->error[0] ? f->error : NULL; }
SDL_Renderer *gfx_fonts_renderer(const gfx_fonts *f) { return f ? f->r : NULL; }

TTF_Font *gfx_font(const gfx_fonts *f, gfx_font_id id)
{
    return (f && id >= 0 && id < GFX_FONT_COUNT) ? f->font[id] : NULL;
}

/* Estimated metrics when no font is loaded, so layout still has sizes. */
static int est_px(const gfx_fonts *f, gfx_font_id id)
{
    return (int)lroundf((float)gfx_font_base_size(id) * gfx_fonts_scale(f));
}

int gfx_text_height(const gfx_fonts *f, gfx_font_id id)
{
    TTF_Font *t = gfx_font(f, id);
    return t ? TTF_FontLineSkip(t) : (est_px(f, id) * 6) / 5;
}

static Uint32 hash_str(const char *s);

int gfx_text_width(const gfx_fonts *f, gfx_font_id id, const char *s)
{
    if (!s || !*s) return 0;
    TTF_Font *t = gfx_font(f, id);
    int w = 0, h = 0;
    const size_t len = strlen(s);
    /* f is the caller's own gfx_fonts (allocated writable by gfx_fonts_create);
     * the table is a memo of TTF_SizeUTF8, reset whenever the fonts reopen. */
    width_entry *e = t && len < WIDTH_LEN ? &((gfx_fonts *)f)->widths[(hash_str(s) ^ (Uint32)id * 40503u) % WIDTH_N] : NULL;
    if (e && e->font == (int)id && memcmp(e->s, s, len + 1) == 0) return e->w;
    if (t && TTF_SizeUTF8(t, s, &w, &h) == 0) {
        if (e) {
            e->font = (int)id;
            e->w = w;
            memcpy(e->s, s, len + 1);
        }
        return w;
    }
    int chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) chars += (*p & 0xC0) != 0x80;
    return chars * est_px(f, id) * 11 / 20;
}

int gfx_text_fit(const gfx_fonts *f, gfx_font_id id, const char *s, int max_w, char *out, size_t n)
{
    if (!n) return 0;
    snprintf(out, n, "%s", s ? s : "");
    if (gfx_text_width(f, id, out) <= max_w) return 0;
    size_t len = strlen(out);
    while (len > 0) {
        do len--; while (len > 0 && ((unsigned char)out[len] & 0xC0) == 0x80);   /* one character back */
        if (len + 4 > n) continue;
        memcpy(out + len, "\xE2\x80\xA6", 4);
        if (gfx_text_width(f, id, out) <= max_w) return 1;
    }
    snprintf(out, n, "\xE2\x80\xA6");
    return 1;
}

/* ---- cache ----------------------------------------------------------------- */

static Uint32 hash_str(const char *s)
{
    Uint32 h = 2166136261u;   /* FNV-1a */
    for (; *s; s++) h = (h ^ (Uint8)*s) * 16777619u;
    return h;
}

static void drop(cache_entry *e)
{
    if (e->tex) SDL_DestroyTexture(e->tex);
    free(e->s);
    memset(e, 0, sizeof *e);
}

void gfx_text_cache_clear(gfx_fonts *f)
{
    if (!f) return;
    for (int i = 0; i < CACHE_N; i++) drop(&f->cache[i]);
}

int gfx_text_cache_count(const gfx_fonts *f)
{
    int n = 0;
    for (int i = 0; f && i < CACHE_N; i++) n += f->cache[i].tex != NULL;
    return n;
}

long gfx_text_cache_misses(const gfx_fonts *f) { return f ? f->misses : 0; }

/* 1 when s shows a non-finite number: "nan" or "inf" as a word of its own
 * ("-nan", "NaN", "inf", "+Inf"), not inside "information". */
static int shows_nonfinite(const char *s)
{
    for (const char *p = s; *p; p++) {
        const char *q = SDL_strncasecmp(p, "nan", 3) == 0 || SDL_strncasecmp(p, "inf", 3) == 0 ? p : NULL;
        if (!q) continue;
        const int before = q > s && SDL_isalpha((unsigned char)q[-1]);
        const int after = SDL_isalpha((unsigned char)q[3]) && SDL_strncasecmp(q, "infinity", 8) != 0;
        if (!before && !after) return 1;
    }
    return 0;
}

long gfx_text_nonfinite(const gfx_fonts *f, const char **last)
{
    if (last) *last = f ? f->nonfinite_text : "";
    return f ? f->nonfinite : 0;
}

static cache_entry *lookup(gfx_fonts *f, gfx_font_id id, SDL_Color c, const char *s)
{
    Uint32 h = hash_str(s);
    cache_entry *victim = &f->cache[0];
    f->tick++;
    for (int i = 0; i < CACHE_N; i++) {
        cache_entry *e = &f->cache[i];
        if (e->tex && e->hash == h && e->font == (int)id && e->r == c.r && e->g == c.g
            && e->b == c.b && strcmp(e->s, s) == 0) {
            e->last_use = f->tick;
            return e;
        }
        if (!e->tex) { if (victim->tex) victim = e; }
        else if (victim->tex && e->last_use < victim->last_use) victim = e;
    }
    /* miss: rasterise into the least recently used (or a free) slot */
    f->misses++;
    if (shows_nonfinite(s)) {   /* cached texts were checked when first drawn */
        f->nonfinite++;
        SDL_strlcpy(f->nonfinite_text, s, sizeof f->nonfinite_text);
    }
    drop(victim);
    SDL_Surface *surf = TTF_RenderUTF8_Blended(f->font[id], s, (SDL_Color){ c.r, c.g, c.b, 255 });
    if (!surf) return NULL;
    SDL_Texture *tex = SDL_CreateTextureFromSurface(f->r, surf);
    char *copy = malloc(strlen(s) + 1);
    if (!tex || !copy) {
        if (tex) SDL_DestroyTexture(tex);
        free(copy);
        SDL_FreeSurface(surf);
        return NULL;
    }
    memcpy(copy, s, strlen(s) + 1);
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    *victim = (cache_entry){ tex, copy, h, (int)id, c.r, c.g, c.b, surf->w, surf->h, f->tick };
    SDL_FreeSurface(surf);
    return victim;
}

int gfx_text(gfx_fonts *f, gfx_font_id id, int x, int y, SDL_Color c, gfx_align align,
             const char *s)
{
    if (!s || !*s) return 0;
    if (!gfx_font(f, id) || !f->r) return gfx_text_width(f, id, s);
    cache_entry *e = lookup(f, id, c, s);
    if (!e) return 0;
    SDL_Rect dst = { x, y, e->w, e->h };
    if (align == GFX_ALIGN_CENTER) dst.x -= e->w / 2;
    else if (align == GFX_ALIGN_RIGHT) dst.x -= e->w;
    SDL_SetTextureAlphaMod(e->tex, c.a);
    SDL_RenderCopy(f->r, e->tex, NULL, &dst);
    return e->w;
}

int gfx_textf(gfx_fonts *f, gfx_font_id id, int x, int y, SDL_Color c, gfx_align align,
              const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return gfx_text(f, id, x, y, c, align, buf);
}
