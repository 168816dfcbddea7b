/* tests/app/test_draw.c - palettes, ticks, fonts and the drawing kit, headless.
 *
 * Rendering goes to a software renderer on an RGBA surface; tests read pixels
 * back. Text is never compared pixel by pixel (FreeType output varies by
 * version): text layout is checked by measuring strings instead.
 */
#include <SDL.h>
#include <SDL_ttf.h>
#include <math.h>
#include <stdlib.h>

#include "test.h"

#include "draw/axes.h"
#include "draw/bars.h"
#include "draw/font.h"
#include "draw/heatmap.h"
#include "draw/histogram.h"
#include "draw/netdiag.h"
#include "draw/palette.h"
#include "draw/plot.h"
#include "draw/prim.h"
#include "draw/scatter.h"

typedef struct canvas { SDL_Surface *s; SDL_Renderer *r; gfx_fonts *f; } canvas;

static const SDL_Color BG = { 0, 0, 0, 255 };

static int canvas_open(canvas *c, int w, int h)
{
    if (SDL_WasInit(SDL_INIT_VIDEO) == 0 && SDL_Init(SDL_INIT_VIDEO) != 0) return 1;
    if (!TTF_WasInit() && TTF_Init() != 0) return 1;
    c->s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    c->r = c->s ? SDL_CreateSoftwareRenderer(c->s) : NULL;
    if (!c->r) return 1;
    c->f = gfx_fonts_create(c->r, 1.0f, NULL);
    SDL_SetRenderDrawColor(c->r, BG.r, BG.g, BG.b, 255);
    SDL_RenderClear(c->r);
    return c->f == NULL;
}

static void canvas_close(canvas *c)
{
    gfx_fonts_destroy(c->f);
    SDL_DestroyRenderer(c->r);
    SDL_FreeSurface(c->s);
}

static SDL_Color px(canvas *c, int x, int y)
{
    if (x < 0 || y < 0 || x >= c->s->w || y >= c->s->h) {
        fprintf(stderr, "px(%d, %d) outside the %dx%d canvas\n", x, y, c->s->w, c->s->h);
        return (SDL_Color){ 1, 2, 3, 0 };   /* matches nothing the tests look for */
    }
    SDL_RenderFlush(c->r);
    Uint32 v = *(Uint32 *)((Uint8 *)c->s->pixels + y * c->s->pitch + x * 4);
    SDL_Color o;
    SDL_GetRGBA(v, c->s->format, &o.r, &o.g, &o.b, &o.a);
    return o;
}

static int near(SDL_Color a, SDL_Color b, int tol)
{
    return abs(a.r - b.r) <= tol && abs(a.g - b.g) <= tol && abs(a.b - b.b) <= tol;
}

static int count_colour(canvas *c, SDL_Rect r, SDL_Color want, int tol)
{
    int n = 0;
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++) n += near(px(c, x, y), want, tol);
    return n;
}

/* ---- palettes ------------------------------------------------------------------ */

static int palette_endpoints(void)
{
    SDL_Color neg = pal_diverging(-1.0f), mid = pal_diverging(0.0f), pos = pal_diverging(1.0f);
    CHECK(neg.b > neg.r + 80);                      /* blue end */
    CHECK(pos.r > pos.b + 150 && pos.r > pos.g);    /* orange end */
    CHECK(mid.r > 225 && mid.g > 225 && mid.b > 225);
    CHECK(near(pal_diverging(-7.0f), neg, 0) && near(pal_diverging(3.0f), pos, 0));   /* clamped */
    SDL_Color nan_c = pal_diverging(NAN);
    CHECK(nan_c.r == nan_c.g && nan_c.g == nan_c.b);                                  /* grey */
    CHECK(pal_luminance(pal_sequential(0.0f)) < 0.05f && pal_luminance(pal_sequential(1.0f)) > 0.6f);
    /* categorical: distinct, wraps, class 0 blue-ish and class 1 orange-ish like the diverging ends */
    for (int i = 0; i < PAL_CATEGORY_COUNT; i++)
        for (int j = i + 1; j < PAL_CATEGORY_COUNT; j++) CHECK(!near(pal_category(i), pal_category(j), 20));
    CHECK(near(pal_category(PAL_CATEGORY_COUNT + 2), pal_category(2), 0));
    CHECK(pal_category(0).b > pal_category(0).r && pal_category(1).r > pal_category(1).b);
    return 0;
}

static int palette_lightness_monotonic(void)
{
    float prev = -1.0f;
    for (int i = 0; i <= 40; i++) {               /* -1 .. 0: lighter toward the middle */
        float l = pal_luminance(pal_diverging(-1.0f + (float)i / 40.0f));
        CHECK_MSG(l > prev, "t=%g", -1.0 + i / 40.0);
        prev = l;
    }
    for (int i = 1; i <= 40; i++) {               /* 0 .. 1: darker away from it */
        float l = pal_luminance(pal_diverging((float)i / 40.0f));
        CHECK_MSG(l < prev, "t=%g", i / 40.0);
        prev = l;
    }
    prev = -1.0f;
    for (int i = 0; i <= 40; i++) {
        float l = pal_luminance(pal_sequential((float)i / 40.0f));
        CHECK(l > prev);
        prev = l;
    }
    return 0;
}

/* ---- ticks and formatting -------------------------------------------------- */

static int ticks_nice(void)
{
    double t[GFX_MAX_TICKS];
    gfx_axis a = { 0.0, 1.0, 0 };
    int n = gfx_axis_ticks(&a, 6, t, GFX_MAX_TICKS);
    CHECK(n == 6);
    for (int i = 0; i < n; i++) CHECK_NEAR(t[i], 0.2 * i, 1e-12);
    CHECK_NEAR(gfx_nice_step(97.0, 5), 50.0, 0);      /* 97/4 = 24.25 -> 50 */
    CHECK_NEAR(gfx_nice_step(1.0, 11), 0.1, 1e-15);
    a = (gfx_axis){ -0.37, 2.91, 0 };
    n = gfx_axis_ticks(&a, 8, t, GFX_MAX_TICKS);
    CHECK(n >= 2 && n <= 8);
    double step = t[1] - t[0], mag = pow(10.0, floor(log10(step))), m = step / mag;
    CHECK(fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9);
    for (int i = 0; i < n; i++) CHECK(t[i] >= a.lo && t[i] <= a.hi);
    a = (gfx_axis){ 1e-3, 10.0, 1 };
    n = gfx_axis_ticks(&a, 8, t, GFX_MAX_TICKS);
    CHECK(n == 5);
    CHECK_NEAR(t[0], 1e-3, 1e-15);
    CHECK_NEAR(t[4], 10.0, 1e-12);
    char buf[32];
    gfx_format_tick(buf, sizeof buf, 0.4, 0.2, 0);
    CHECK(strcmp(buf, "0.4") == 0);
    gfx_format_tick(buf, sizeof buf, 150.0, 50.0, 0);
    CHECK(strcmp(buf, "150") == 0);
    gfx_format_value(buf, sizeof buf, 0.0123456, 3);
    CHECK(strcmp(buf, "0.0123") == 0);
    gfx_format_value(buf, sizeof buf, 3.0, 3);
    CHECK(strcmp(buf, "3") == 0);
    gfx_format_value(buf, sizeof buf, -0.5, 3);
    CHECK(strcmp(buf, "-0.5") == 0);
    gfx_format_value(buf, sizeof buf, 2e-7, 2);
    CHECK(strcmp(buf, "2e-07") == 0);
    return 0;
}

/* A log axis always labels at least two values: the first epoch's losses
 * (2.30 and 2.31), a loss between 0.6 and 0.9, and a short plot whose range
 * reaches just past a decade at each end (0.089 .. 1.15, room for two labels:
 * 0.1 and 1, not the 1 alone of counting the decades outside it). */
static int log_ticks_narrow_ranges(void)
{
    double t[GFX_MAX_TICKS];
    static const struct { double lo, hi; int max; } R[] = {
        { 2.29, 2.32, 5 }, { 2.2, 2.4, 3 }, { 0.6, 0.95, 5 }, { 0.6, 1.3, 4 }, { 0.089, 1.15, 2 },
        { 3e-7, 4e-7, 4 },
    };
    for (size_t i = 0; i < sizeof R / sizeof R[0]; i++) {
        const gfx_axis a = { R[i].lo, R[i].hi, 1 };
        const int n = gfx_axis_ticks(&a, R[i].max, t, GFX_MAX_TICKS);
        CHECK_MSG(n >= 2 && n <= R[i].max + 1, "[%g, %g] budget %d: %d ticks", R[i].lo, R[i].hi, R[i].max, n);
        for (int k = 0; k < n; k++) {
            CHECK_MSG(t[k] >= R[i].lo * (1 - 1e-9) && t[k] <= R[i].hi * (1 + 1e-9), "[%g, %g]: tick %g",
                      R[i].lo, R[i].hi, t[k]);
            if (k) CHECK_MSG(t[k] > t[k - 1], "[%g, %g]: ticks %g then %g", R[i].lo, R[i].hi, t[k - 1], t[k]);
        }
    }
    gfx_axis a = { 0.089, 1.15, 1 };             /* the decades inside: 0.1 and 1 */
    CHECK(gfx_axis_ticks(&a, 2, t, GFX_MAX_TICKS) == 2);
    CHECK_NEAR(t[0], 0.1, 1e-15);
    CHECK_NEAR(t[1], 1.0, 1e-15);
    a = (gfx_axis){ 2.29, 2.32, 1 };             /* evenly spaced, as on a linear axis */
    CHECK(gfx_axis_ticks(&a, 5, t, GFX_MAX_TICKS) == 4);
    CHECK_NEAR(t[0], 2.29, 1e-12);
    CHECK_NEAR(t[3], 2.32, 1e-12);
    a = (gfx_axis){ 0.05, 4.0, 1 };              /* 1-2-5 ticks stay where they fit */
    CHECK(gfx_axis_ticks(&a, 10, t, GFX_MAX_TICKS) == 6);
    CHECK_NEAR(t[0], 0.05, 1e-15);
    CHECK_NEAR(t[5], 2.0, 1e-12);
    return 0;
}

static int axis_mapping(void)
{
    gfx_axis a = { 0.0, 10.0, 0 };
    CHECK_NEAR(gfx_axis_map(&a, 0.0, 100.0f, 300.0f), 100.0, 1e-4);
    CHECK_NEAR(gfx_axis_map(&a, 2.5, 100.0f, 300.0f), 150.0, 1e-4);
    CHECK(isnan(gfx_axis_map(&a, NAN, 0.0f, 1.0f)) && isnan(gfx_axis_map(&a, INFINITY, 0.0f, 1.0f)));
    gfx_axis l = { 1e-4, 1.0, 1 };
    CHECK_NEAR(gfx_axis_map(&l, 1e-2, 0.0f, 400.0f), 200.0, 1e-3);
    CHECK(isnan(gfx_axis_map(&l, 0.0, 0.0f, 1.0f)) && isnan(gfx_axis_map(&l, -1.0, 0.0f, 1.0f)));
    double lo = 2.0, hi = 4.0;
    gfx_axis_pad(&lo, &hi, 0.05, 0);
    CHECK_NEAR(lo, 1.9, 1e-12);
    CHECK_NEAR(hi, 4.1, 1e-12);
    lo = hi = 5.0;                       /* one value: still a usable range around it */
    gfx_axis_pad(&lo, &hi, 0.0, 0);
    CHECK(lo < 5.0 && hi > 5.0);
    return 0;
}

/* ---- fonts and text ------------------------------------------------------------ */

static int fonts_measure_and_scale(void)
{
    canvas c;
    CHECK(canvas_open(&c, 64, 64) == 0);
    CHECK(gfx_fonts_error(c.f) == NULL);
    int w1 = gfx_text_width(c.f, GFX_FONT_BODY, "Learning rate"), h1 = gfx_text_height(c.f, GFX_FONT_BODY);
    CHECK(w1 > gfx_text_width(c.f, GFX_FONT_BODY, "Learning"));
    CHECK(gfx_text_width(c.f, GFX_FONT_TITLE, "Loss") > gfx_text_width(c.f, GFX_FONT_SMALL, "Loss"));
    CHECK(gfx_text_width(c.f, GFX_FONT_BODY, "") == 0);
    CHECK(gfx_fonts_set_scale(c.f, 2.0f) == 0);
    int w2 = gfx_text_width(c.f, GFX_FONT_BODY, "Learning rate"), h2 = gfx_text_height(c.f, GFX_FONT_BODY);
    CHECK_NEAR((double)w2 / w1, 2.0, 0.15);
    CHECK_NEAR((double)h2 / h1, 2.0, 0.15);
    canvas_close(&c);
    return 0;
}

static int fonts_missing_is_an_error_not_a_crash(void)
{
    canvas c;
    CHECK(canvas_open(&c, 64, 64) == 0);
    setenv("NNLAB_FONT", "/nonexistent/NoSuchFont.ttf", 1);
    const char *err = NULL;
    gfx_fonts *f = gfx_fonts_create(c.r, 1.0f, &err);
    unsetenv("NNLAB_FONT");
    CHECK(f != NULL && err != NULL && strstr(err, "font") != NULL);
    CHECK(gfx_font(f, GFX_FONT_BODY) == NULL);
    CHECK(gfx_text_width(f, GFX_FONT_BODY, "abc") > 0);      /* estimates keep layouts alive */
    CHECK(gfx_text_height(f, GFX_FONT_BODY) > 0);
    gfx_text(f, GFX_FONT_BODY, 1, 1, (SDL_Color){ 255, 255, 255, 255 }, GFX_ALIGN_LEFT, "abc");
    CHECK(gfx_text_wrap(f, GFX_FONT_BODY, (SDL_Rect){ 0, 0, 40, 0 }, BG, "a b c d e f", 1) > 0);
    gfx_fonts_destroy(f);
    canvas_close(&c);
    return 0;
}

static int text_cache_hits(void)
{
    canvas c;
    CHECK(canvas_open(&c, 200, 50) == 0);
    SDL_Color white = { 255, 255, 255, 255 };
    long m0 = gfx_text_cache_misses(c.f);
    for (int i = 0; i < 100; i++) gfx_text(c.f, GFX_FONT_BODY, 2, 2, white, GFX_ALIGN_LEFT, "epoch");
    CHECK(gfx_text_cache_misses(c.f) == m0 + 1);
    gfx_text(c.f, GFX_FONT_BODY, 2, 2, (SDL_Color){ 255, 255, 255, 100 }, GFX_ALIGN_LEFT, "epoch"); /* alpha only */
    CHECK(gfx_text_cache_misses(c.f) == m0 + 1);
    gfx_text(c.f, GFX_FONT_BODY, 2, 2, (SDL_Color){ 255, 0, 0, 255 }, GFX_ALIGN_LEFT, "epoch");
    CHECK(gfx_text_cache_misses(c.f) == m0 + 2);
    /* many distinct strings: the cache stays bounded */
    for (int i = 0; i < 1000; i++) gfx_textf(c.f, GFX_FONT_SMALL, 0, 0, white, GFX_ALIGN_LEFT, "%d", i);
    CHECK(gfx_text_cache_count(c.f) <= 384);
    CHECK(count_colour(&c, (SDL_Rect){ 0, 0, 200, 50 }, BG, 0) < 200 * 50);   /* something drawn */
    canvas_close(&c);
    return 0;
}

static int text_wrap_lines(void)
{
    canvas c;
    CHECK(canvas_open(&c, 64, 64) == 0);
    int lh = gfx_text_height(c.f, GFX_FONT_BODY);
    const char *twenty = "word word word word word word word word word word "
                         "word word word word word word word word word word";
    int three = gfx_text_width(c.f, GFX_FONT_BODY, "word word word");
    int four = gfx_text_width(c.f, GFX_FONT_BODY, "word word word word");
    SDL_Rect area = { 0, 0, (three + four) / 2, 0 };          /* fits exactly three words */
    CHECK(gfx_text_wrap(c.f, GFX_FONT_BODY, area, BG, twenty, 0) == 7 * lh);
    area.w = 100000;
    CHECK(gfx_text_wrap(c.f, GFX_FONT_BODY, area, BG, twenty, 0) == lh);
    CHECK(gfx_text_wrap(c.f, GFX_FONT_BODY, area, BG, "one\ntwo", 0) == 2 * lh);
    CHECK(gfx_text_wrap(c.f, GFX_FONT_BODY, area, BG, "one\n\ntwo", 0) == 2 * lh + lh / 2);
    /* ** markers are not text: "aa bb" with bold aa fits in exactly its own width */
    area.w = gfx_text_width(c.f, GFX_FONT_BOLD, "aa") + gfx_text_width(c.f, GFX_FONT_BODY, " ")
           + gfx_text_width(c.f, GFX_FONT_BODY, "bb") + 1;
    CHECK(gfx_text_wrap(c.f, GFX_FONT_BODY, area, BG, "**aa** bb", 0) == lh);
    CHECK(gfx_text_wrap(c.f, GFX_FONT_BODY, area, BG, "**aa** bb**cc**", 0) == 2 * lh);
    canvas_close(&c);
    return 0;
}

/* The lines gfx_text_wrap makes of a paragraph of plain words, recovered
 * through its public behaviour: word k starts a new line exactly when the
 * first k+1 words take more lines than the first k. Returns the line count. */
static int wrapped_lines(gfx_fonts *f, int w, const char *text, char lines[][600], int max)
{
    const int lh = gfx_text_height(f, GFX_FONT_BODY);
    char prefix[4000] = "";
    int n = 0, prev = 0;
    const char *p = text;
    while (*p) {
        const char *e = strchr(p, ' ');
        if (!e) e = p + strlen(p);
        const size_t used = strlen(prefix);
        snprintf(prefix + used, sizeof prefix - used, "%s%.*s", used ? " " : "", (int)(e - p), p);
        const int k = gfx_text_wrap(f, GFX_FONT_BODY, (SDL_Rect){ 0, 0, w, 0 }, BG, prefix, 0) / lh;
        if (k > prev) {                       /* this word opened line k */
            if (n == max) return -1;
            snprintf(lines[n++], 600, "%.*s", (int)(e - p), p);
            prev = k;
        } else {
            const size_t l = strlen(lines[n - 1]);
            snprintf(lines[n - 1] + l, 600 - l, " %.*s", (int)(e - p), p);
        }
        p = *e ? e + 1 : e;
    }
    return n;
}

/* A wrapped line is never wider, drawn, than its box: each line measured as
 * the whole string it is drawn as (spaces and kerning included) fits, the
 * next word would not have (the wrap is greedy, not timid), and nothing is
 * inked right of the box. */
static int text_wrap_lines_fit_their_box(void)
{
    static const char para[] =
        "The stochastic runner changed its weights 300 times, once per example. The mini-batch "
        "runner split the data into groups of 32: that is 300 / 32, rounded up, = 10 updates. "
        "The batch runner averaged the gradient over all 300 examples and made a single, carefully "
        "aimed update. In general, one epoch is T = m / batch-size updates, where m is the number "
        "of training examples. i i i i i i i i i i i i i i i i i i i i i i i i l l l l l l l l l "
        "a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, x, y, z. AV To Ty";
    canvas c;
    CHECK(canvas_open(&c, 720, 1800) == 0);
    const int lh = gfx_text_height(c.f, GFX_FONT_BODY);
    static char lines[200][600];
    const int widths[] = { 97, 120, 151, 173, 200, 231, 260, 299, 317, 388, 455, 613 };
    for (size_t k = 0; k < sizeof widths / sizeof widths[0]; k++) {
        const int w = widths[k];
        const int n = wrapped_lines(c.f, w, para, lines, 200);
        CHECK(n > 1);
        CHECK(gfx_text_wrap(c.f, GFX_FONT_BODY, (SDL_Rect){ 0, 0, w, 0 }, BG, para, 0) == n * lh);
        for (int i = 0; i < n; i++) {
            const int lw = gfx_text_width(c.f, GFX_FONT_BODY, lines[i]);
            CHECK_MSG(lw <= w || !strchr(lines[i], ' '), "width %d: line %d \"%s\" is %d px wide", w, i,
                      lines[i], lw);
            if (i + 1 < n) {                  /* greedy: the next line's first word did not fit */
                char more[1200];
                const size_t a = strlen(lines[i]), b = strcspn(lines[i + 1], " ");
                memcpy(more, lines[i], a);
                more[a] = ' ';
                memcpy(more + a + 1, lines[i + 1], b);
                more[a + 1 + b] = '\0';
                CHECK_MSG(gfx_text_width(c.f, GFX_FONT_BODY, more) > w, "width %d: line %d broke early", w, i);
            }
        }
        /* drawn: white on black from x = 20, with bold runs too; no ink right of the box */
        SDL_SetRenderDrawColor(c.r, 0, 0, 0, 255);
        SDL_RenderClear(c.r);
        const SDL_Color white = { 255, 255, 255, 255 };
        const int h = gfx_text_wrap(c.f, GFX_FONT_BODY, (SDL_Rect){ 20, 0, w, 0 }, white, para, 1);
        const int hb = gfx_text_wrap(c.f, GFX_FONT_BODY, (SDL_Rect){ 20, h, w, 0 }, white,
                                     "Compare the **curves per epoch**, per **update** and **per example** "
                                     "seen: **stochastic** looks best by epochs, **batch** by updates.", 1);
        CHECK(h + hb < c.s->h);
        CHECK(count_colour(&c, (SDL_Rect){ 20, 0, w, h + hb }, BG, 0) < w * (h + hb));   /* text drawn */
        const int right = 20 + w;
        CHECK_MSG(count_colour(&c, (SDL_Rect){ right, 0, c.s->w - right, h + hb }, BG, 0) == (c.s->w - right) * (h + hb),
                  "width %d: ink right of the box", w);
    }
    canvas_close(&c);
    return 0;
}

/* Wrapping is linear in the paragraph's length (each word measures at most a
 * line), and a paragraph wrapped again (every frame) is cheaper still. */
static int text_wrap_long_paragraph_is_fast(void)
{
    canvas c;
    CHECK(canvas_open(&c, 64, 64) == 0);
    enum { N = 120000 };
    char *text = malloc(N + 64);
    CHECK(text);
    static const char *const words[] = { "gradient", "descent", "a", "mini-batch", "of", "32", "examples,",
                                         "the", "learning", "rate", "decays" };
    size_t used = 0;
    for (int i = 0; used < N; i++) used += (size_t)sprintf(text + used, "%s%d ", words[(i * 7) % 11], i % 1009);
    const Uint64 t0 = SDL_GetPerformanceCounter();
    const int h1 = gfx_text_wrap(c.f, GFX_FONT_BODY, (SDL_Rect){ 0, 0, 300, 0 }, BG, text, 0);
    const Uint64 t1 = SDL_GetPerformanceCounter();
    const int h2 = gfx_text_wrap(c.f, GFX_FONT_BODY, (SDL_Rect){ 0, 0, 300, 0 }, BG, text, 0);
    const Uint64 t2 = SDL_GetPerformanceCounter();
    const int wide = gfx_text_wrap(c.f, GFX_FONT_BODY, (SDL_Rect){ 0, 0, 100000, 0 }, BG, text, 0);
    const Uint64 t3 = SDL_GetPerformanceCounter();
    const double f = (double)SDL_GetPerformanceFrequency();
    const double cold = (double)(t1 - t0) / f, warm = (double)(t2 - t1) / f, one_line = (double)(t3 - t2) / f;
    printf("    %d chars: cold %.1f ms, again %.1f ms, very wide box %.1f ms\n", N, 1e3 * cold, 1e3 * warm,
           1e3 * one_line);
    CHECK(h1 == h2 && h1 > 100 * gfx_text_height(c.f, GFX_FONT_BODY));
    CHECK(wide > 0 && wide < h1);
    /* Quadratic work (re-measuring the paragraph so far per word) would take minutes here. */
    CHECK_MSG(cold < 2.0 && warm < 2.0 && one_line < 4.0, "cold %.2f s, again %.2f s, wide %.2f s", cold, warm, one_line);
    free(text);
    canvas_close(&c);
    return 0;
}

/* ---- primitives ---------------------------------------------------------------- */

static int prim_antialiased_shapes(void)
{
    canvas c;
    CHECK(canvas_open(&c, 120, 120) == 0);
    SDL_Color o = pal_category(1);
    gfx_disc(c.r, 40.0f, 40.0f, 10.0f, o);
    CHECK(near(px(&c, 40, 40), o, 2));
    CHECK(near(px(&c, 40, 55), BG, 0));
    int partial = 0;                                      /* antialiased rim: blended pixels */
    for (int y = 28; y < 53; y++)
        for (int x = 28; x < 53; x++) {
            SDL_Color p = px(&c, x, y);
            partial += p.r > 10 && p.r < o.r - 10;
        }
    CHECK(partial > 20);
    gfx_line(c.r, 10.0f, 100.0f, 110.0f, 100.0f, 4.0f, o);
    CHECK(near(px(&c, 60, 100), o, 2));
    CHECK(near(px(&c, 60, 106), BG, 0));
    gfx_ring(c.r, 90.0f, 40.0f, 12.0f, 3.0f, o);
    CHECK(near(px(&c, 90, 40), BG, 0));                   /* hollow */
    CHECK(near(px(&c, 102, 40), o, 40));
    SDL_FPoint pts[3] = { { 0, 0 }, { NAN, 5 }, { 5, 5 } };
    gfx_polyline(c.r, pts, 3, 2.0f, o, 0.0f);             /* NaN: a gap, no crash */
    canvas_close(&c);
    return 0;
}

/* ---- plots ---------------------------------------------------------------------- */

static int plot_series_at_expected_pixels(void)
{
    canvas c;
    CHECK(canvas_open(&c, 480, 320) == 0);
    float flat[11], rising[11];
    for (int i = 0; i < 11; i++) { flat[i] = 0.5f; rising[i] = (float)i / 10.0f; }
    gfx_series s[2] = {
        { .name = "flat", .y = flat, .n = 11, .color = pal_category(1), .width = 4.0f },
        { .name = "previous", .y = rising, .n = 11, .color = pal_category(0), .width = 4.0f,
          .style = GFX_LINE_FAINT },
    };
    gfx_plot_desc d = gfx_plot_default();
    d.title = "Loss"; d.x_label = "epoch"; d.y_label = "loss";
    d.fixed_x = d.fixed_y = 1; d.x_min = 0; d.x_max = 10; d.y_min = 0; d.y_max = 1;
    d.legend = 0;
    SDL_Rect in = gfx_plot(c.r, c.f, (SDL_Rect){ 0, 0, 480, 320 }, &d, s, 2);
    CHECK(in.w > 240 && in.h > 140 && in.x > 0 && in.y > 0);   /* margins, but mostly data */
    gfx_axis ax = { 0, 10, 0 }, ay = { 0, 1, 0 };
    int ymid = (int)lroundf(gfx_axis_map(&ay, 0.5, (float)(in.y + in.h - 1), (float)in.y));
    int x3 = (int)lroundf(gfx_axis_map(&ax, 3.0, (float)in.x, (float)(in.x + in.w - 1)));
    CHECK(near(px(&c, x3, ymid), pal_category(1), 8));
    CHECK(!near(px(&c, x3, ymid - 20), pal_category(1), 60));
    /* the faint series at x = 8 (y = 0.8): a blend between background and its colour */
    int x8 = (int)lroundf(gfx_axis_map(&ax, 8.0, (float)in.x, (float)(in.x + in.w - 1)));
    int y8 = (int)lroundf(gfx_axis_map(&ay, 0.8, (float)(in.y + in.h - 1), (float)in.y));
    SDL_Color f = px(&c, x8, y8), full = pal_category(0);
    CHECK(f.b > d.style.bg.b + 30 && f.b < full.b - 30);
    canvas_close(&c);
    return 0;
}

static int plot_survives_bad_data(void)
{
    canvas c;
    CHECK(canvas_open(&c, 300, 200) == 0);
    float bad[6] = { 1.0f, NAN, INFINITY, -INFINITY, 0.0f, -2.0f };
    gfx_series s[3] = {
        { .name = "bad", .y = bad, .n = 6, .color = pal_category(2) },
        { .name = "empty", .y = bad, .n = 0, .color = pal_category(3) },
        { .name = "one", .y = bad, .n = 1, .color = pal_category(4) },
    };
    gfx_plot_desc d = gfx_plot_default();
    for (int log = 0; log < 2; log++) {
        d.log_y = log;
        gfx_frame fr = gfx_plot_frame(&d, s, 3);
        CHECK(isfinite(fr.y.lo) && isfinite(fr.y.hi) && fr.y.hi > fr.y.lo);
        CHECK(!log || fr.y.lo > 0.0);
        gfx_plot(c.r, c.f, (SDL_Rect){ 0, 0, 300, 200 }, &d, s, 3);
    }
    gfx_plot(c.r, c.f, (SDL_Rect){ 0, 0, 300, 200 }, &d, s, 0);   /* no series at all */
    gfx_plot(c.r, c.f, (SDL_Rect){ 0, 0, 10, 10 }, &d, s, 3);     /* too small to fit */
    CHECK(count_colour(&c, (SDL_Rect){ 0, 0, 300, 200 }, d.style.bg, 0) < 300 * 200);
    canvas_close(&c);
    return 0;
}

static double metric_getter(const void *user, int i, double *x)
{
    const double *v = user;
    *x = 10.0 * i;
    return v[i];
}

static int plot_auto_range_and_getter(void)
{
    double v[4] = { 2.0, 3.0, 4.0, 2.5 };
    gfx_series s = { .get = metric_getter, .user = v, .n = 4 };
    gfx_plot_desc d = gfx_plot_default();
    gfx_frame fr = gfx_plot_frame(&d, &s, 1);
    CHECK(fr.y.lo < 2.0 && fr.y.lo > 1.5 && fr.y.hi > 4.0 && fr.y.hi < 4.5);
    CHECK_NEAR(fr.x.lo, 0.0, 0);
    CHECK_NEAR(fr.x.hi, 30.0, 0);
    return 0;
}

/* ---- heatmap ------------------------------------------------------------------- */

static int heatmap_corners_match_palette(void)
{
    canvas c;
    CHECK(canvas_open(&c, 130, 100) == 0);
    /* (3, 4): distinct corner values */
    float g[12] = { -1.0f, 0.2f, 0.3f, 1.0f,
                     0.0f, 0.1f, 0.1f, 0.0f,
                     0.5f, 0.2f, 0.3f, -0.5f };
    gfx_heatmap *h = gfx_heatmap_create();
    gfx_heatmap_desc d = { .lo = -1.0f, .hi = 1.0f, .map = GFX_MAP_DIVERGING };
    SDL_Rect dst = { 10, 10, 80, 60 };                         /* cells 20 x 20 */
    CHECK(gfx_heatmap_draw(h, c.r, dst, g, 4, 3, &d) == 0);
    int cx[2] = { 20, 80 }, cy[2] = { 20, 60 };
    float want[2][2] = { { g[0], g[3] }, { g[8], g[11] } };
    for (int j = 0; j < 2; j++)
        for (int i = 0; i < 2; i++)
            CHECK_MSG(near(px(&c, cx[i], cy[j]), gfx_colormap_color(GFX_MAP_DIVERGING, want[j][i], -1, 1), 3),
                      "corner %d,%d", i, j);
    d.flip_y = 1;                                               /* row 0 at the bottom */
    gfx_heatmap_draw(h, c.r, dst, g, 4, 3, &d);
    CHECK(near(px(&c, 20, 60), gfx_colormap_color(GFX_MAP_DIVERGING, g[0], -1, 1), 3));
    /* with a version, unchanged data is not uploaded again */
    d.flip_y = 0; d.version = 7;
    gfx_heatmap_draw(h, c.r, dst, g, 4, 3, &d);
    g[0] = 1.0f;
    gfx_heatmap_draw(h, c.r, dst, g, 4, 3, &d);
    CHECK(near(px(&c, 20, 20), gfx_colormap_color(GFX_MAP_DIVERGING, -1.0f, -1, 1), 3));
    d.version = 8;
    gfx_heatmap_draw(h, c.r, dst, g, 4, 3, &d);
    CHECK(near(px(&c, 20, 20), gfx_colormap_color(GFX_MAP_DIVERGING, 1.0f, -1, 1), 3));
    /* sequential map, a 128 x 128 grid */
    float *big = malloc(sizeof(float) * 128 * 128);
    CHECK(big != NULL);
    for (int i = 0; i < 128 * 128; i++) big[i] = (float)(i % 128) / 127.0f;
    d = (gfx_heatmap_desc){ .lo = 0.0f, .hi = 1.0f, .map = GFX_MAP_SEQUENTIAL };
    gfx_heatmap_draw(h, c.r, (SDL_Rect){ 0, 0, 128, 100 }, big, 128, 128, &d);
    CHECK(near(px(&c, 0, 50), pal_sequential(0.0f), 3));
    CHECK(near(px(&c, 127, 50), pal_sequential(1.0f), 3));
    gfx_style st = gfx_style_dark();
    gfx_colorbar(c.r, c.f, (SDL_Rect){ 0, 0, 100, 100 }, &d, "value", &st);
    free(big);
    gfx_heatmap_destroy(h);
    canvas_close(&c);
    return 0;
}

/* ---- scatter, histogram, bars, network ---------------------------------------- */

static int scatter_points(void)
{
    canvas c;
    CHECK(canvas_open(&c, 201, 201) == 0);
    float xy[4] = { 0.0f, 0.0f, 0.5f, 0.5f };
    int cls[2] = { 1, 0 };
    gfx_scatter_desc d = gfx_scatter_default(-1, 1, -1, 1, 1.0f);
    gfx_scatter(c.r, (SDL_Rect){ 0, 0, 201, 201 }, xy, 1, cls, NULL, &d);
    CHECK(near(px(&c, 100, 100), pal_category(1), 2));
    CHECK(near(px(&c, 100, 100 + 9), BG, 0));
    d.style = GFX_POINT_RING;
    d.radius = 8.0f;
    gfx_scatter(c.r, (SDL_Rect){ 0, 0, 201, 201 }, xy + 2, 1, cls + 1, NULL, &d);
    SDL_FPoint p = gfx_scatter_map(&d, (SDL_Rect){ 0, 0, 201, 201 }, 0.5f, 0.5f);
    CHECK_NEAR(p.x, 150.5, 1e-3);                                /* on a pixel centre */
    CHECK_NEAR(p.y, 50.5, 1e-3);                                 /* y points up */
    CHECK(near(px(&c, 150, 50), BG, 0));                         /* ring: hollow centre */
    CHECK(near(px(&c, 158, 50), pal_category(0), 40));
    canvas_close(&c);
    return 0;
}

static int histogram_bins_and_bars(void)
{
    float data[7] = { 0.05f, 0.15f, 0.15f, 0.95f, 2.0f, -3.0f, NAN };
    float counts[10];
    CHECK(gfx_histogram_bin(data, 7, 0.0f, 1.0f, 10, counts) == 6);
    CHECK(counts[0] == 2.0f && counts[1] == 2.0f && counts[9] == 2.0f && counts[5] == 0.0f);
    canvas c;
    CHECK(canvas_open(&c, 300, 200) == 0);
    gfx_hist_desc d = gfx_hist_default(0.0f, 1.0f);
    d.color = pal_category(2);
    SDL_Rect in = gfx_histogram(c.r, c.f, (SDL_Rect){ 0, 0, 300, 200 }, &d, counts, 10);
    /* bin 0 is as tall as the tallest: its middle column is bar colour near the bottom */
    int x0 = in.x + in.w / 20;
    CHECK(near(px(&c, x0, in.y + in.h - 5), pal_category(2), 2));
    CHECK(!near(px(&c, in.x + in.w / 2, in.y + in.h - 5), pal_category(2), 30));   /* empty bin */
    canvas_close(&c);
    return 0;
}

static int bars_layout_and_draw(void)
{
    canvas c;
    CHECK(canvas_open(&c, 400, 300) == 0);
    float p[3] = { 0.2f, 0.5f, 0.3f };
    const char *names[3] = { "cat", "dog", "horse" };
    gfx_bars_desc d = gfx_bars_default();
    d.horizontal = 1; d.lo = 0.0f; d.hi = 1.0f;
    SDL_Rect area = { 0, 0, 400, 300 }, b[3];
    CHECK(gfx_bars_layout(c.f, area, &d, p, names, 3, b) == 3);
    CHECK_NEAR((double)b[1].w / b[0].w, 2.5, 0.05);
    for (int i = 0; i < 3; i++) {
        SDL_Rect u;
        CHECK(SDL_IntersectRect(&b[i], &area, &u) && u.w == b[i].w && u.h == b[i].h);   /* inside */
        CHECK(b[i].h == b[0].h && b[i].x == b[0].x);
        CHECK(b[i].x > gfx_text_width(c.f, GFX_FONT_BODY, "horse"));                   /* labels fit */
        if (i) CHECK(b[i].y > b[i - 1].y + b[i - 1].h);
    }
    gfx_bars(c.r, c.f, area, &d, p, names, 3);
    CHECK(near(px(&c, b[1].x + b[1].w / 2, b[1].y + b[1].h / 2), d.color, 2));
    d.horizontal = 0;
    CHECK(gfx_bars_layout(c.f, area, &d, p, names, 3, b) == 3);
    CHECK(b[1].h > b[2].h && b[2].h > b[0].h);
    CHECK(b[0].y + b[0].h == b[1].y + b[1].h);                  /* common baseline */
    canvas_close(&c);
    return 0;
}

static float w_alt(const void *u, int l, int i, int j) { (void)u; return ((l + i + j) % 2) ? -0.5f : 1.0f; }
static float node_pos(const void *u, int l, int i) { (void)u; (void)l; (void)i; return 1.0f; }

static int network_layout(void)
{
    int sizes[3] = { 2, 3, 1 };
    SDL_FPoint pos[8];
    float rad;
    SDL_Rect area = { 0, 0, 300, 200 };
    CHECK(gfx_net_layout(sizes, 3, 0, area, pos, 8, &rad) == 6);
    CHECK_NEAR(pos[0].x, 50, 1e-3);
    CHECK_NEAR(pos[2].x, 150, 1e-3);
    CHECK_NEAR(pos[5].x, 250, 1e-3);
    CHECK_NEAR(pos[3].y, 100, 1e-3);                          /* middle of 3 at the centre */
    CHECK_NEAR(pos[5].y, 100, 1e-3);                          /* a single node too */
    CHECK_NEAR(pos[0].y + pos[1].y, 200, 1e-3);               /* 2 nodes symmetric */
    CHECK_NEAR(pos[1].y - pos[0].y, pos[3].y - pos[2].y, 1e-3); /* same spacing in every layer */
    for (int i = 0; i < 6; i++)
        CHECK(pos[i].x - rad >= 0 && pos[i].x + rad <= 300 && pos[i].y - rad >= 0 && pos[i].y + rad <= 200);
    CHECK(rad > 5.0f);
    CHECK(gfx_net_shown(784, 12) == 12 && gfx_net_shown(5, 12) == 5);
    CHECK(gfx_net_node_index(784, 12, 11) == 783 && gfx_net_node_index(784, 12, 3) == 3);
    canvas c;
    CHECK(canvas_open(&c, 300, 240) == 0);
    gfx_net_desc d = gfx_net_default(sizes, 3, 1.0f);
    d.weight = w_alt;
    d.node = node_pos;
    d.show_sizes = 0;
    gfx_net_draw(c.r, c.f, area, &d);
    CHECK(near(px(&c, 150, 100), pal_diverging(1.0f), 3));   /* node filled by its value */
    int sizes2[3] = { 784, 16, 10 };
    d.sizes = sizes2;
    d.show_sizes = 1;
    gfx_net_draw(c.r, c.f, area, &d);                        /* big layers truncated, no overflow */
    canvas_close(&c);
    return 0;
}

/* A name too wide for its box keeps its beginning and ends in an ellipsis,
 * cut between characters (never inside a UTF-8 sequence). */
static int text_fit_shortens_with_an_ellipsis(void)
{
    canvas c;
    CHECK(canvas_open(&c, 64, 64) == 0);
    char out[64];
    const char *name = "Ankle boot \xCE\xB2\xCE\xB2\xCE\xB2";
    const int full = gfx_text_width(c.f, GFX_FONT_BODY, name);
    CHECK(gfx_text_fit(c.f, GFX_FONT_BODY, name, full, out, sizeof out) == 0 && strcmp(out, name) == 0);
    for (int w = full - 1; w > 0; w -= 3) {
        CHECK(gfx_text_fit(c.f, GFX_FONT_BODY, name, w, out, sizeof out) == 1);
        const size_t n = strlen(out);
        CHECK_MSG(n >= 3 && strcmp(out + n - 3, "\xE2\x80\xA6") == 0, "width %d: '%s'", w, out);
        CHECK_MSG(gfx_text_width(c.f, GFX_FONT_BODY, out) <= w || strcmp(out, "\xE2\x80\xA6") == 0, "width %d: '%s'", w, out);
        CHECK(strncmp(out, name, n - 3) == 0);                       /* its beginning */
        CHECK(n == 3 || ((unsigned char)out[n - 4] & 0xC0) != 0xC0);   /* no lead byte left alone */
    }
    canvas_close(&c);
    return 0;
}

static const test_case CASES[] = {
    { "text_fit_shortens_with_an_ellipsis", text_fit_shortens_with_an_ellipsis },
    { "palette_endpoints", palette_endpoints },
    { "palette_lightness_monotonic", palette_lightness_monotonic },
    { "ticks_nice", ticks_nice },
    { "log_ticks_narrow_ranges", log_ticks_narrow_ranges },
    { "axis_mapping", axis_mapping },
    { "fonts_measure_and_scale", fonts_measure_and_scale },
    { "fonts_missing_is_an_error_not_a_crash", fonts_missing_is_an_error_not_a_crash },
    { "text_cache_hits", text_cache_hits },
    { "text_wrap_lines", text_wrap_lines },
    { "text_wrap_lines_fit_their_box", text_wrap_lines_fit_their_box },
    { "text_wrap_long_paragraph_is_fast", text_wrap_long_paragraph_is_fast },
    { "prim_antialiased_shapes", prim_antialiased_shapes },
    { "plot_series_at_expected_pixels", plot_series_at_expected_pixels },
    { "plot_survives_bad_data", plot_survives_bad_data },
    { "plot_auto_range_and_getter", plot_auto_range_and_getter },
    { "heatmap_corners_match_palette", heatmap_corners_match_palette },
    { "scatter_points", scatter_points },
    { "histogram_bins_and_bars", histogram_bins_and_bars },
    { "bars_layout_and_draw", bars_layout_and_draw },
    { "network_layout", network_layout },
};
TEST_MAIN(CASES)
