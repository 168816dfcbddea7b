/* tests/app/test_hover.c - curves read under the mouse (app/draw/hover.h),
 * used as a person would: the mouse moves over a plot through SDL's event
 * queue and the real frame runs. This program is linked with
 * --wrap=gfx_text,--wrap=gfx_plot (tests/CMakeLists.txt): each piece of
 * text is kept with its rectangle, and each plot with its data rectangle
 * and axes, so the test knows which pixel column an epoch is drawn at
 * without knowing the layout.
 *
 *   - the Playground: with the mouse over the loss plot at epoch k's column
 *     (and a little off it, nearer k than k +- 1), the box says "epoch k"
 *     and the train and dev losses and accuracies of the run's history row
 *     k, to the digits shown; over the accuracy plot the same; off the
 *     plots there is no box; the box stays whole inside the window at the
 *     plot's right edge, at 1280x720 zoom 1 and 1024x768 zoom 2;
 *   - the Optimizer paths view: over the plot of f against updates the box
 *     says "update u" and each path's f at update u (the lab's traces).
 */
#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/font.h"
#include "draw/hover.h"
#include "draw/plot.h"
#include "labs/surface_lab.h"
#include "nn/status.h"
#include "test.h"
#include "text_pieces.h"
#include "robot.h"
#include "shell/race.h"
#include "views/surface_draw.h"
#include "views/view_race.h"

/* ---- what the frame drew ---- */

/* pieces[], n_pieces: tests/app/text_pieces.h */

typedef struct plot_seen { char title[48], x_label[48]; SDL_Rect in; gfx_frame fr; } plot_seen;
static plot_seen plots[32];
static int n_plots;

SDL_Rect __real_gfx_plot(SDL_Renderer *r, gfx_fonts *f, SDL_Rect area, const gfx_plot_desc *d, const gfx_series *s,
                         int n);
SDL_Rect __wrap_gfx_plot(SDL_Renderer *r, gfx_fonts *f, SDL_Rect area, const gfx_plot_desc *d, const gfx_series *s,
                         int n);
SDL_Rect __wrap_gfx_plot(SDL_Renderer *r, gfx_fonts *f, SDL_Rect area, const gfx_plot_desc *d, const gfx_series *s,
                         int n)
{
    const SDL_Rect in = __real_gfx_plot(r, f, area, d, s, n);
    if (n_plots < (int)(sizeof plots / sizeof plots[0])) {
        plot_seen *p = &plots[n_plots++];
        snprintf(p->title, sizeof p->title, "%s", d->title ? d->title : "");
        snprintf(p->x_label, sizeof p->x_label, "%s", d->x_label ? d->x_label : "");
        p->in = in;
        p->fr = gfx_plot_frame(d, s, n);
    }
    return in;
}

static int frame(robot *R)
{
    n_pieces = 0;
    n_plots = 0;
    return robot_frame(R);
}

static const plot_seen *plot_titled(const char *title)
{
    for (int i = 0; i < n_plots; i++) if (!strcmp(plots[i].title, title)) return &plots[i];
    return NULL;
}

static const plot_seen *plot_along(const char *x_label)
{
    for (int i = 0; i < n_plots; i++) if (!strcmp(plots[i].x_label, x_label)) return &plots[i];
    return NULL;
}

/* The last piece that says s (the box is drawn after the plot's legend and
 * the map's names). */
static const piece *exactly(const char *s)
{
    for (int i = n_pieces - 1; i >= 0; i--) if (!strcmp(pieces[i].s, s)) return &pieces[i];
    return NULL;
}

/* The box's header, "<word> <number>" (the word lower-case: the counter
 * above the pictures says "Epoch 3 ..."), or NULL; its number in *v. */
static const piece *header(const char *word, double *v)
{
    const size_t n = strlen(word);
    for (int i = 0; i < n_pieces; i++) {
        const char *s = pieces[i].s;
        if (strncmp(s, word, n) || s[n] != ' ') continue;
        char *end;
        const double x = strtod(s + n + 1, &end);
        if (end != s + n + 1 && *end == '\0') { *v = x; return &pieces[i]; }
    }
    return NULL;
}

/* The number written on the row of `label` (the piece on the same line, to
 * its right, that reads as a number; "87.5%" -> 0.875); NaN when none. */
static double row_value(const char *label)
{
    const piece *l = exactly(label);
    if (!l) return NAN;
    for (int i = 0; i < n_pieces; i++) {
        const piece *p = &pieces[i];
        if (p == l || p->r.y != l->r.y || p->r.x <= l->r.x) continue;
        char *end;
        double v = strtod(p->s, &end);
        if (end == p->s) continue;
        if (*end == '%' && end[1] == '\0') return v / 100.0;
        if (*end == '\0') return v;
    }
    return NAN;
}

static int inside(SDL_Rect r, int w, int h) { return r.x >= 0 && r.y >= 0 && r.x + r.w <= w && r.y + r.h <= h; }

/* 4 significant digits written: within half a unit of the 4th digit (a
 * percentage of 3 digits before the point the same). */
static int shows(double drawn, double want)
{
    return isfinite(drawn) && fabs(drawn - want) <= 6e-4 * fabs(want) + 1e-12;
}

/* ---- the Playground ---- */

static int trained(robot *R, int epochs)
{
    session *s = &R->a->s;
    const char *names[] = { "data", "samples", "noise", "layers", "opt", "lr", "seed" };
    const char *values[] = { "moons", "300", "0.25", "8,8", "adam", "0.02", "3" };
    if (session_apply(s, names, values, 7, 0) != NN_OK) return 1;
    for (int i = 0; i < epochs; i++) if (session_epoch(s) != 0) return 1;
    return 0;
}

/* The mouse at x (over the plot's middle row), one frame; 1 on failure. */
static int hover_at(robot *R, const plot_seen *p, float x)
{
    robot_move(R, (int)lroundf(x), p->in.y + p->in.h / 2);
    return frame(R);
}

static float column_of(const plot_seen *p, double x)
{
    return gfx_axis_map(&p->fr.x, x, (float)p->in.x, (float)(p->in.x + p->in.w - 1));
}

/* The box reads history row k (and says epoch k). */
static int box_reads(robot *R, int k, const char *where)
{
    int rows;
    const nn_metrics *h = session_history(&R->a->s, &rows);
    CHECK(k < rows && h[k].epoch == k);
    double e = -1;
    const piece *head = header("epoch", &e);
    CHECK_MSG(head && e == k, "%s: wanted a box saying 'epoch %d', got %s (%g)", where, k, head ? head->s : "none", e);
    CHECK_MSG(inside(head->r, R->f.w, R->f.h), "%s: the box's header at %d,%d is outside the window", where, head->r.x,
              head->r.y);
    const struct { const char *label; double want; } want[4] = {
        { "train loss", h[k].train_loss }, { "dev loss", h[k].dev_loss },
        { "train accuracy", h[k].train_acc }, { "dev accuracy", h[k].dev_acc },
    };
    for (int i = 0; i < 4; i++) {
        const double got = row_value(want[i].label);
        CHECK_MSG(shows(got, want[i].want), "%s, epoch %d: %s drawn %g, the history says %g", where, k, want[i].label,
                  got, want[i].want);
        const piece *l = exactly(want[i].label);
        CHECK_MSG(inside(l->r, R->f.w, R->f.h), "%s: '%s' outside the window", where, want[i].label);
    }
    return 0;
}

static int playground_at(int w, int h, float zoom)
{
    robot R;
    char where[96];
    CHECK(robot_open(&R, w, h, zoom, "lessons") == 0);
    CHECK(trained(&R, 12) == 0);
    CHECK(frame(&R) == 0);
    const plot_seen *loss0 = plot_titled("Loss"), *acc0 = plot_titled("Accuracy");
    CHECK_MSG(loss0 && acc0, "no loss and accuracy plots at %dx%d zoom %.1f", w, h, zoom);
    const plot_seen loss = *loss0, acc = *acc0;
    CHECK(loss.fr.x.lo == 0 && loss.fr.x.hi == 12);
    /* at epoch k's column, and 30% and 70% of the way to the next one */
    const int ks[] = { 0, 3, 7, 11, 12 };
    for (int i = 0; i < 5; i++) {
        const int k = ks[i];
        snprintf(where, sizeof where, "%dx%d zoom %.1f, loss plot", w, h, zoom);
        CHECK(hover_at(&R, &loss, column_of(&loss, k)) == 0);
        CHECK(box_reads(&R, k, where) == 0);
        if (k == 12) continue;
        const float c0 = column_of(&loss, k), c1 = column_of(&loss, k + 1);
        CHECK(hover_at(&R, &loss, c0 + 0.3f * (c1 - c0)) == 0);
        CHECK(box_reads(&R, k, where) == 0);
        CHECK(hover_at(&R, &loss, c0 + 0.7f * (c1 - c0)) == 0);
        CHECK(box_reads(&R, k + 1, where) == 0);
        snprintf(where, sizeof where, "%dx%d zoom %.1f, accuracy plot", w, h, zoom);
        CHECK(hover_at(&R, &acc, column_of(&acc, k)) == 0);
        CHECK(box_reads(&R, k, where) == 0);
    }
    /* the right edge of the right-hand plot: the box turns to the left, inside */
    snprintf(where, sizeof where, "%dx%d zoom %.1f, right edge", w, h, zoom);
    const plot_seen *right = acc.in.x > loss.in.x ? &acc : &loss;
    CHECK(hover_at(&R, right, (float)(right->in.x + right->in.w - 1)) == 0);
    CHECK(box_reads(&R, 12, where) == 0);
    /* off the plots: no box */
    double e;
    robot_move(&R, loss.in.x + loss.in.w / 2, loss.in.y - 1 - (int)(40 * zoom));
    CHECK(frame(&R) == 0);
    CHECK_MSG(!header("epoch", &e), "a box (epoch %g) with the mouse above the plots", e);
    robot_close(&R);
    return 0;
}

static int playground_1280x720(void) { return playground_at(1280, 720, 1.0f); }
static int playground_1024x768_zoom2(void) { return playground_at(1024, 768, 2.0f); }

/* ---- the Optimizer paths view ---- */

static int surface_plot(void)
{
    robot R;
    CHECK(robot_open(&R, 1280, 720, 1.0f, "lessons") == 0);
    CHECK(app_set_view(R.a, "surface") == 0);
    CHECK(robot_frames(&R, 40) == 0);            /* the race runs */
    robot_key(&R, SDLK_SPACE);                   /* pause */
    CHECK(frame(&R) == 0);
    const plot_seen *p0 = plot_along("updates");
    CHECK_MSG(p0, "no plot against updates");
    const plot_seen p = *p0;
    const surface_lab *L = &R.a->slab;
    const slab_lane *first = NULL;
    for (int k = 0; k < SLAB_LANES && !first; k++) if (L->lane[k].shown && L->lane[k].n_trace > 10) first = &L->lane[k];
    CHECK(first);
    const int picks[] = { 3, first->n_trace / 2, first->n_trace - 1 };
    for (int i = 0; i < 3; i++) {
        const int u = first->trace[picks[i]].step;
        CHECK(hover_at(&R, &p, column_of(&p, u)) == 0);
        double got = -1;
        const piece *head = header("update", &got);
        CHECK_MSG(head && got == u, "wanted a box saying 'update %d', got %s", u, head ? head->s : "none");
        CHECK(inside(head->r, R.f.w, R.f.h));
        int rows = 0;
        for (int k = 0; k < SLAB_LANES; k++) {
            const slab_lane *ln = &L->lane[k];
            if (!ln->shown) continue;
            int at = -1;
            for (int j = 0; j < ln->n_trace; j++) if (ln->trace[j].step == u) at = j;
            CHECK_MSG(at >= 0, "lane %d has no sample at update %d", k, u);
            const double drawn = row_value(sv_opt_title[k]);
            CHECK_MSG(shows(drawn, ln->trace[at].f), "update %d, %s: drawn %g, the trace says %g", u,
                      sv_opt_title[k], drawn, ln->trace[at].f);
            rows++;
        }
        CHECK(rows >= 2);
    }
    robot_close(&R);
    return 0;
}

/* ---- the Compare view ---- */

/* Paused mid-race, the mouse over each lane's curve in turn: the box names
 * the epoch under the cursor, and each lane's row reads that lane's
 * training loss at its sample nearest to it (the one whose dot is drawn). */
/* The fewest points any lane of the race has. */
static int fewest_points(const race *rc)
{
    int n = rc->lanes[0].n_pts;
    for (int i = 1; i < rc->n_lanes; i++) if (rc->lanes[i].n_pts < n) n = rc->lanes[i].n_pts;
    return n;
}

static int race_plot(void)
{
    robot R;
    CHECK(robot_open(&R, 1280, 720, 1.0f, "lessons") == 0);
    CHECK(app_set_view(R.a, "race") == 0);
    CHECK(robot_frames(&R, 2) == 0);
    const race *rc = race_view_race(app_view_state(R.a, R.a->view));
    CHECK(rc && rc->n_lanes >= 2);
    /* Space plays or pauses (the view may open playing): run until every
     * lane has points to hover (the race trains for a time budget a frame,
     * so on a loaded machine that takes more frames), then make sure it
     * stands still, so that the plot's axes do not move */
    int seen = -1;
    for (int k = 0; k < 40 && !(rc->lanes[0].n_pts >= 20 && fewest_points(rc) >= 3); k++) {
        if (rc->lanes[0].n_pts == seen) robot_key(&R, SDLK_SPACE);     /* paused: play */
        seen = rc->lanes[0].n_pts;
        CHECK(robot_frames(&R, 150) == 0);
    }
    const race_lane *l0 = &rc->lanes[0];
    for (int k = 0; k < 2; k++) {   /* the updates of the newest point stand still when paused */
        const float before = l0->pts[l0->n_pts - 1].updates;
        CHECK(robot_frames(&R, 3) == 0);
        if (l0->pts[l0->n_pts - 1].updates == before) break;
        robot_key(&R, SDLK_SPACE);
        CHECK(robot_frames(&R, 2) == 0);
    }
    const float still = l0->pts[l0->n_pts - 1].updates;
    CHECK(frame(&R) == 0);
    CHECK_MSG(l0->pts[l0->n_pts - 1].updates == still, "the race would not pause");
    const plot_seen *p0 = plot_along("epochs");
    CHECK_MSG(p0, "no plot against epochs");
    const plot_seen p = *p0;
    for (int i = 0; i < rc->n_lanes; i++) {
        const race_lane *ln = &rc->lanes[i];
        CHECK_MSG(ln->n_pts >= 2, "%s: %d points", ln->label, ln->n_pts);
        CHECK(hover_at(&R, &p, column_of(&p, ln->pts[ln->n_pts / 2].epochs)) == 0);
        double x = -1;
        const piece *head = header("epochs", &x);
        CHECK_MSG(head, "lane %d: no box saying 'epochs X'", i);
        CHECK(inside(head->r, R.f.w, R.f.h));
        /* the lane under the mouse always has a sample within a pixel of the
         * box's x; another lane is read where it has one within the snap */
        for (int k = 0; k < rc->n_lanes; k++) {
            const race_lane *lk = &rc->lanes[k];
            int near = 0;
            for (int j = 1; j < lk->n_pts; j++)
                if (fabs(lk->pts[j].epochs - x) < fabs(lk->pts[near].epochs - x)) near = j;
            const float gap = fabsf(column_of(&p, lk->pts[near].epochs) - column_of(&p, x));
            if (k != i && gap > GFX_HOVER_SNAP_PX) continue;
            /* The box prints x to 4 digits, so a sample of this lane about as
             * near the cursor as the nearest (within a pixel) may be the one
             * the plot chose: any of those will do, no other. */
            const double drawn = row_value(lk->label);
            /* The box's x is that rounding too, so a lane whose nearest
             * sample lies within a pixel of the snap's edge may have no row
             * (seen under ctest -j2 load: "drawn nan"); nearer than that it must. */
            if (k != i && isnan(drawn) && gap > GFX_HOVER_SNAP_PX - 1.0f) continue;
            int match = 0;
            for (int j = 0; j < lk->n_pts && !match; j++)
                match = fabsf(column_of(&p, lk->pts[j].epochs) - column_of(&p, x)) <= gap + 1.0f &&
                        shows(drawn, lk->pts[j].loss);
            CHECK_MSG(match, "mouse on %s, %s at epoch %g: drawn %g, its curve says %g", ln->label, lk->label,
                      x, drawn, (double)lk->pts[near].loss);
        }
    }
    robot_close(&R);
    return 0;
}

static const test_case CASES[] = {
    { "race_plot", race_plot },
    { "playground_1280x720", playground_1280x720 },
    { "playground_1024x768_zoom2", playground_1024x768_zoom2 },
    { "surface_plot", surface_plot },
};
TEST_MAIN(CASES)
