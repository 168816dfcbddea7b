/* tests/app/test_zoom_sweep.c - every view draws at every zoom and returns.
 *
 * Issue #10: the Playground froze at 19 of 73 zooms between 0.50 and 1.20
 * (a dash walk that stopped advancing), the LR decay view at 0.51. This
 * renders every registered view, with the session trained a few steps, at
 * zooms 0.50 to 1.25 in steps of 0.01 and coarser above, at 1280x720 (and a
 * few at 1024x600 and at the smallest window, 800x600), with and without the
 * help overlay. A hang is a failure
 * that names the view and the zoom (an alarm), not a stuck test.
 */
#include <SDL.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "nn/status.h"
#include "test.h"
#include "app_fixture.h"

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

static int every_view_every_zoom_1280x720(void) { return sweep(1280, 720, 1); }
static int every_view_some_zooms_1024x600(void) { return sweep(1024, 600, 7); }
static int every_view_some_zooms_800x600(void) { return sweep(800, 600, 5); }   /* the smallest window */

static const test_case CASES[] = {
    { "every_view_every_zoom_1280x720", every_view_every_zoom_1280x720 },
    { "every_view_some_zooms_1024x600", every_view_some_zooms_1024x600 },
    { "every_view_some_zooms_800x600", every_view_some_zooms_800x600 },
};
TEST_MAIN(CASES)
