/* tests/app/test_zoom_sweep.c - every view draws at every zoom and returns.
 *
 * Issue #10: the Playground froze at 19 of 73 zooms between 0.50 and 1.20
 * (a dash walk that stopped advancing), the LR decay view at 0.51. This
 * renders every registered view, with the session trained a few steps, at
 * zooms 0.50 to 1.25 in steps of 0.01 and coarser above, at 1280x720 (and a
 * few at 1024x600 and at the smallest window, 800x600), with and without the
 * help overlay. A hang is a failure
 * that names the view and the zoom (an alarm), not a stuck test.
 *
 * Issue #16 (projector-proof): at the sizes a classroom projector gives
 * (1280x720 at zoom 1.5, 1024x768 and 1024x600 at 1.5 and 2), on the 2-D
 * data and on fashion-small, every view draws nothing cut by the window or
 * by the edge of the view: every control lies whole inside the window (the
 * Augmentation view's last slider ran off the bottom at 1024x768 zoom 2),
 * and no piece of text is partly visible where it was drawn with only the
 * view's own clip in force (a button's label spilling out of a narrow panel
 * past the window's left edge, "Switch to fashion-small" read "witch to
 * fashion-small"). Text cut on purpose at a small box (a label at its
 * button, a line of a scrolling panel) is drawn with that box as its clip
 * and is not counted. This program is linked with --wrap=gfx_text
 * (tests/CMakeLists.txt) to see each piece of text with its clip.
 */
#include <SDL.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "draw/font.h"
#include "nn/status.h"
#include "shell/help_overlay.h"
#include "test.h"
#include "text_pieces.h"
#include "app_fixture.h"

/* ---- the text of the frame, with its clip ---- */

/* pieces[], n_pieces: tests/app/text_pieces.h */

static char doing[160] = "starting";

static void on_alarm(int sig)
{
    (void)sig;
    static const char head[] = "\nFAIL: a frame did not return within 20 s: ";
    if (write(2, head, sizeof head - 1) < 0 || write(2, doing, strlen(doing)) < 0 || write(2, "\n", 1) < 0) {}
    _exit(1);
}

static void set_zoom(app *a, float z)
{
    a->scale = z;
    ui_set_scale(a->ui, z);
}

/* One frame of view v at zoom z (help overlay or not), under the watchdog. */
static void frame_at(fixture *f, int v, float z, int help)
{
    snprintf(doing, sizeof doing, "view '%s' at zoom %.2f, %dx%d%s", VIEWS[v]->id, (double)z, f->w, f->h,
             help ? ", help overlay" : "");
    alarm(20);
    f->a->view = v;
    f->a->show_help = help;
    frame_render_only(f->a);
    alarm(0);
}

/* The zooms of the sweep: 0.50..1.25 by 0.01, then 1.30..4.00 by 0.10. */
static int zooms(float *z, int cap)
{
    int n = 0;
    for (int i = 50; i <= 125 && n < cap; i++) z[n++] = (float)i / 100.0f;
    for (int i = 13; i <= 40 && n < cap; i++) z[n++] = (float)i / 10.0f;
    return n;
}

static int sweep(int w, int h, int every)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, w, h) == 0);
    signal(SIGALRM, on_alarm);
    app *a = f.a;
    for (int i = 0; i < 20; i++) CHECK(session_step(&a->s) == NN_OK);
    a->opt.play = 1;                       /* the race advances while drawn */
    for (int v = 0; v < VIEW_COUNT; v++) frame_at(&f, v, 1.0f, 0);   /* every view created and running */
    float z[128];
    const int n = zooms(z, 128);
    int frames = 0;
    for (int i = 0; i < n; i += every) {
        set_zoom(a, z[i]);
        for (int v = 0; v < VIEW_COUNT; v++, frames++) frame_at(&f, v, z[i], 0);
        /* the help overlay over one view per zoom, taking turns */
        frame_at(&f, (i / every) % VIEW_COUNT, z[i], 1);
        frames++;
    }
    printf("%dx%d: %d frames at %d zooms\n", w, h, frames, (n + every - 1) / every);
    close_fixture(&f);
    return 0;
}

/* ---- projector sizes: nothing cut ---- */

static long area_of(SDL_Rect r) { return (long)r.w * r.h; }

/* What the last frame of view v drew that a projector would show cut;
 * prints each (up to a few) and returns the count. */
static int cut_things(fixture *f, int v, float z, const char *data)
{
    const SDL_Rect window = { 0, 0, f->w, f->h };
    int bad = 0;
    const ui_widget_info *w;
    const int n = ui_widgets(f->a->ui, &w);
    for (int i = 0; i < n; i++) {
        SDL_Rect in;
        if (w[i].rect.w <= 0 || w[i].rect.h <= 0) continue;
        if (SDL_IntersectRect(&w[i].rect, &window, &in) && SDL_RectEquals(&in, &w[i].rect)) continue;
        if (bad++ < 6)
            printf("  %s %dx%d zoom %.1f (%s): control '%s' at %d,%d %dx%d is not whole inside the window\n",
                   VIEWS[v]->id, f->w, f->h, (double)z, data, w[i].label, w[i].rect.x, w[i].rect.y, w[i].rect.w,
                   w[i].rect.h);
    }
    for (int i = 0; i < n_pieces; i++) {
        const piece *p = &pieces[i];
        SDL_Rect clip = window, seen;
        if (p->clipped && !SDL_IntersectRect(&p->clip, &window, &clip)) continue;
        /* a small clip is a box the text is cut at on purpose; the view's area or the window is not */
        if (p->clipped && area_of(clip) * 10 < area_of(window) * 4) continue;
        if (!SDL_IntersectRect(&p->r, &clip, &seen)) continue;      /* wholly out of sight: not drawn */
        if (SDL_RectEquals(&seen, &p->r)) continue;                 /* whole */
        if (bad++ < 6)
            printf("  %s %dx%d zoom %.1f (%s): text '%s' at %d,%d %dx%d is cut (shown %dx%d)\n", VIEWS[v]->id, f->w,
                   f->h, (double)z, data, p->s, p->r.x, p->r.y, p->r.w, p->r.h, seen.w, seen.h);
    }
    return bad;
}

static int projector(int w, int h, float z, const char *data)
{
    fixture f;
    CHECK(open_fixture(&f, z, w, h) == 0);
    signal(SIGALRM, on_alarm);
    app *a = f.a;
    if (data) {
        const char *name = "data", *value = data;
        CHECK(session_apply(&a->s, &name, &value, 1, 0) == NN_OK);
    }
    for (int i = 0; i < 30; i++) CHECK(session_step(&a->s) == NN_OK);
    a->opt.play = 1;
    int bad = 0;
    for (int v = 0; v < VIEW_COUNT; v++) {
        frame_at(&f, v, z, 0);                 /* created, laid out */
        n_pieces = 0;
        frame_at(&f, v, z, 0);
        bad += cut_things(&f, v, z, data ? data : "2-D data");
    }
    close_fixture(&f);
    CHECK_MSG(bad == 0, "%d things cut at %dx%d zoom %.1f on %s", bad, w, h, (double)z, data ? data : "the 2-D data");
    return 0;
}

/* ---- the keys overlay: every row inside its box ---- */

/* At the projector sizes where the 18 rows fit (and the smallest window, and
 * a wide one), every key and description of the help overlay is drawn whole
 * inside its box, below the row above it, and each key ends before its
 * description starts. At 1280x720, zoom 1.5, "save / open a setup
 * (settings, seed, view, lesson step)" ran past the box's right edge. Where
 * they cannot fit (1024x768 and 1024x600 at zoom 2, 1024x600 at zoom 1.5:
 * too narrow or too short for 18 rows), what does not fit is cut at the
 * box, never drawn over the window around it. */
static int help_inside_its_box(void)
{
    static const struct { int w, h; float z; int fits; } S[] = {
        { 1280, 720, 1.5f, 1 }, { 1280, 720, 1.0f, 1 }, { 1024, 768, 1.5f, 1 }, { 800, 600, 1.0f, 1 },
        { 1920, 1080, 1.5f, 1 }, { 1920, 1080, 2.0f, 1 },
        { 1024, 768, 2.0f, 0 }, { 1024, 600, 2.0f, 0 }, { 1024, 600, 1.5f, 0 },
    };
    for (size_t k = 0; k < sizeof S / sizeof S[0]; k++) {
        fixture f;
        CHECK(open_fixture(&f, S[k].z, S[k].w, S[k].h) == 0);
        signal(SIGALRM, on_alarm);
        frame_at(&f, 0, S[k].z, 1);
        n_pieces = 0;
        frame_at(&f, 0, S[k].z, 1);
        const SDL_Rect box = help_overlay_box(f.a, S[k].w, S[k].h), window = { 0, 0, S[k].w, S[k].h };
        SDL_Rect in;
        CHECK_MSG(SDL_IntersectRect(&box, &window, &in) && SDL_RectEquals(&in, &box),
                  "%dx%d zoom %.1f: box %d,%d %dx%d", S[k].w, S[k].h, (double)S[k].z, box.x, box.y, box.w, box.h);
        int first = -1;
        for (int i = 0; i < n_pieces && first < 0; i++) if (!strcmp(pieces[i].s, "Keys")) first = i;
        CHECK_MSG(first >= 0, "%dx%d zoom %.1f: no help overlay drawn", S[k].w, S[k].h, (double)S[k].z);
        int rows = 0;
        for (int i = first; i < n_pieces; i++) {
            const piece *p = &pieces[i];
            if (!S[k].fits) {
                SDL_Rect c;
                CHECK_MSG(p->clipped && SDL_IntersectRect(&p->clip, &box, &c) && SDL_RectEquals(&c, &p->clip),
                          "%dx%d zoom %.1f: '%s' drawn without the box as its clip", S[k].w, S[k].h,
                          (double)S[k].z, p->s);
                continue;
            }
            CHECK_MSG(SDL_IntersectRect(&p->r, &box, &in) && SDL_RectEquals(&in, &p->r),
                      "%dx%d zoom %.1f: '%s' at %d..%d, the box %d..%d", S[k].w, S[k].h, (double)S[k].z, p->s, p->r.x,
                      p->r.x + p->r.w, box.x, box.x + box.w);
            if (i > first && i + 1 < n_pieces && p->r.y == pieces[i + 1].r.y && i % 2 == (first + 1) % 2) {
                CHECK_MSG(p->r.x + p->r.w < pieces[i + 1].r.x, "%dx%d zoom %.1f: key '%s' runs into '%s'", S[k].w,
                          S[k].h, (double)S[k].z, p->s, pieces[i + 1].s);
                if (rows) CHECK_MSG(p->r.y - pieces[i - 2].r.y >= pieces[i - 2].r.h, "%dx%d zoom %.1f: '%s' over '%s'",
                                    S[k].w, S[k].h, (double)S[k].z, p->s, pieces[i - 2].s);
                rows++;
            }
        }
        if (S[k].fits) CHECK_MSG(rows == 18, "%dx%d zoom %.1f: %d rows of keys", S[k].w, S[k].h, (double)S[k].z, rows);
        close_fixture(&f);
    }
    return 0;
}

static int projector_1280x720_zoom15(void) { return projector(1280, 720, 1.5f, NULL); }
static int projector_1024x768_zoom2(void) { return projector(1024, 768, 2.0f, NULL); }
static int projector_1024x600_zoom15(void) { return projector(1024, 600, 1.5f, NULL); }
static int projector_1024x600_zoom2(void) { return projector(1024, 600, 2.0f, NULL); }
static int projector_images_1280x720_zoom15(void) { return projector(1280, 720, 1.5f, "fashion-small"); }
static int projector_images_1024x768_zoom2(void) { return projector(1024, 768, 2.0f, "fashion-small"); }

static int every_view_every_zoom_1280x720(void) { return sweep(1280, 720, 1); }
static int every_view_some_zooms_1024x600(void) { return sweep(1024, 600, 7); }
static int every_view_some_zooms_800x600(void) { return sweep(800, 600, 5); }   /* the smallest window */

static const test_case CASES[] = {
    { "every_view_every_zoom_1280x720", every_view_every_zoom_1280x720 },
    { "every_view_some_zooms_1024x600", every_view_some_zooms_1024x600 },
    { "every_view_some_zooms_800x600", every_view_some_zooms_800x600 },
    { "help_inside_its_box", help_inside_its_box },
    { "projector_1280x720_zoom15", projector_1280x720_zoom15 },
    { "projector_1024x768_zoom2", projector_1024x768_zoom2 },
    { "projector_1024x600_zoom15", projector_1024x600_zoom15 },
    { "projector_1024x600_zoom2", projector_1024x600_zoom2 },
    { "projector_images_1280x720_zoom15", projector_images_1280x720_zoom15 },
    { "projector_images_1024x768_zoom2", projector_images_1024x768_zoom2 },
};
TEST_MAIN(CASES)
