/* tests/app/test_surface_marks.c - a lesson's highlight / lock / hide of the
 * surface lab's settings reach the Optimizer paths view's widgets (the
 * player's CONTROL_LABELS), through the real frame and SDL's event queue.
 *
 * A lesson (written here) opens the view on the bowl, locks surface.fn and
 * surface.start, highlights surface.adam.lr and hides surface.noise:
 * - the Surface dropdown is drawn locked, and a click on it, the keys that
 *   would pick another item, and a click on the map change nothing;
 * - the view turns to the Optimizer tab with Adam chosen, and Adam's
 *   learning-rate slider is marked: in the UI kit's highlight list and drawn
 *   with the yellow outline (pixels of the highlight colour around it that
 *   the next step, without the highlight, does not have);
 * - on the Options tab "Gradient noise" is not drawn while the other
 *   options are;
 * - the next step unlocks and shows all: the same dropdown then changes the
 *   surface and the same click moves the start (so the locked checks above
 *   can fail), and the noise slider is back.
 * White-box: reads the UI kit's mark lists and theme (ui/ui_internal.h).
 */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "labs/surface_lab.h"
#include "lesson/lesson_session.h"
#include "nn/status.h"
#include "player/player.h"
#include "test.h"
#include "robot.h"
#include "ui/ui_internal.h"

static const char LESSON[] =
    "lesson: Marks on the surface lab\norder: 1\n"
    "view: surface\nset: surface.fn = bowl\nlock: surface.fn, surface.start\n\n"
    "Summary.\n\n"
    "step: Adam's rate\nhighlight: surface.adam.lr\nhide: surface.noise\n"
    "Look at Adam's learning rate.\n\n"
    "step: Free\nunlock: all\nshow: all\n"
    "Everything is yours now.\n";

static int px_of(const robot *R, float v) { return (int)(v * R->scale + 0.5f); }

static int in_marks(const ui_id *list, int n, ui_id id)
{
    for (int i = 0; i < n; i++) if (list[i] == id) return 1;
    return 0;
}

/* Pixels in r of the highlight colour laid over the panel at 30% or more. */
static int highlight_pixels(const robot *R, SDL_Rect r)
{
    const SDL_Color bg = R->a->ui->theme.panel, hl = R->a->ui->theme.highlight;
    const double d[3] = { hl.r - bg.r, hl.g - bg.g, hl.b - bg.b }, dd = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
    int n = 0;
    for (int y = r.y < 0 ? 0 : r.y; y < r.y + r.h && y < R->f.h; y++)
        for (int x = r.x < 0 ? 0 : r.x; x < r.x + r.w && x < R->f.w; x++) {
            const SDL_Color c = fixture_pixel(R->f.surf, x, y);
            const double p[3] = { c.r - bg.r, c.g - bg.g, c.b - bg.b };
            double t = (p[0] * d[0] + p[1] * d[1] + p[2] * d[2]) / dd;
            if (t < 0.3 || t > 1.05) continue;
            double e = 0;
            for (int k = 0; k < 3; k++) e += (p[k] - t * d[k]) * (p[k] - t * d[k]);
            n += e < 20.0 * 20.0;
        }
    return n;
}

/* Clicks the tab of the view's panel with this label (not the top bar's "Race"). */
static int click_tab(robot *R, const char *label)
{
    static const char *const TABS[3] = { "Race", "Optimizer", "Options" };
    int i = 0;
    while (i < 3 && strcmp(TABS[i], label)) i++;
    const ui_widget_info *t = robot_find(R, ui_label_id("surface tabs"), UI_W_TAB, i);
    if (!t || strcmp(t->label, label)) return 1;
    if (robot_click(R, robot_cx(t->rect), robot_cy(t->rect))) return 1;
    return robot_frames(R, 2);
}

/* Tries to pick the Surface dropdown's item 1 (Rosenbrock) the ways a person
 * would: a click on the box and on the item when its list opens, else the keys. */
static int try_pick_rosenbrock(robot *R)
{
    const ui_widget_info *dd = robot_find_label(R, "Surface", UI_W_DROPDOWN);
    if (!dd) return 1;
    const SDL_Rect box = dd->rect;
    if (robot_click(R, robot_cx(box), robot_cy(box))) return 1;
    if (ui_open_list(R->a->ui, NULL, NULL, NULL, NULL, NULL)) {
        SDL_Rect list;
        int first, rows, n, rh;
        ui_open_list(R->a->ui, &list, &first, &rows, &n, &rh);
        const int y = list.y + (NN_SURF_ROSENBROCK - first) * rh + rh / 2;
        return robot_click(R, list.x + list.w / 3, y);
    }
    robot_key(R, SDLK_DOWN);
    robot_key(R, SDLK_RETURN);
    return robot_frames(R, 2);
}

static int lesson_marks_reach_the_surface_view(void)
{
    char path[] = "/tmp/nnlab_surface_marks_XXXXXX";
    const int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    CHECK(f && fputs(LESSON, f) >= 0);
    fclose(f);
    robot R;
    CHECK(robot_open(&R, 1280, 720, 1.0f, "lessons") == 0);
    app *a = R.a;
    player_open(a, path);
    CHECK(a->player && a->player->ls);
    CHECK(robot_frames(&R, 3) == 0);
    CHECK_MSG(!strcmp(VIEWS[a->view]->id, "surface"), "the lesson opened view %s", VIEWS[a->view]->id);
    surface_lab *L = &a->slab;
    CHECK(!L->network && L->base.surf.kind == NN_SURF_BOWL);

    /* highlight: the view turned to the Optimizer tab with Adam chosen; the slider is marked */
    CHECK(in_marks(a->ui->highlight, a->ui->n_highlight, ui_label_id("Adam learning rate")));
    const ui_widget_info *lr = robot_find_label(&R, "Adam learning rate", UI_W_SLIDER);
    CHECK_MSG(lr != NULL, "Adam's learning rate is not on the screen");
    const SDL_Rect band = { 0, lr->rect.y - px_of(&R, 60), lr->rect.x + lr->rect.w + px_of(&R, 30), lr->rect.h + px_of(&R, 80) };
    const int marked = highlight_pixels(&R, band);
    CHECK_MSG(marked > lr->rect.w, "only %d pixels of the highlight around a %d-pixel slider", marked, lr->rect.w);

    /* lock: the Surface dropdown is greyed and takes nothing; the map takes no click */
    CHECK(click_tab(&R, "Race") == 0);
    const ui_widget_info *dd = robot_find_label(&R, "Surface", UI_W_DROPDOWN);
    CHECK(dd != NULL && dd->locked);
    CHECK(in_marks(a->ui->locked, a->ui->n_locked, ui_label_id("Surface")));
    CHECK(try_pick_rosenbrock(&R) == 0);
    CHECK_MSG(L->base.surf.kind == NN_SURF_BOWL, "a locked surface.fn changed to %s", nn_surf_name(L->base.surf.kind));
    const ui_widget_info *map = robot_find_label(&R, "Surface map", UI_W_PAD);
    CHECK(map != NULL && map->locked);
    const SDL_Rect m = map->rect;
    const float sx = L->base.start[0], sy = L->base.start[1];
    CHECK(robot_click(&R, m.x + m.w / 5, m.y + m.h / 5) == 0);
    CHECK(L->base.start[0] == sx && L->base.start[1] == sy);

    /* hide: no noise slider on the Options tab; the others are there */
    CHECK(click_tab(&R, "Options") == 0);
    CHECK(robot_find_label(&R, "Gradient noise", UI_W_SLIDER) == NULL);
    CHECK(robot_find_label(&R, "Bias correction (Adam)", UI_W_SWITCH) != NULL);
    CHECK(robot_find_label(&R, "Bowl elongation", UI_W_SLIDER) != NULL);

    /* the next step unlocks and shows all: the same moves now work */
    CHECK(lesson_session_enter(a->player->ls, 1) == 0);
    CHECK(robot_frames(&R, 2) == 0);
    CHECK(robot_find_label(&R, "Gradient noise", UI_W_SLIDER) != NULL);
    CHECK(!in_marks(a->ui->highlight, a->ui->n_highlight, ui_label_id("Adam learning rate")));
    CHECK(click_tab(&R, "Optimizer") == 0);
    lr = robot_find_label(&R, "Adam learning rate", UI_W_SLIDER);
    CHECK(lr != NULL);
    const int unmarked = highlight_pixels(&R, band);
    CHECK_MSG(unmarked * 4 < marked, "%d highlight pixels without the highlight, %d with it", unmarked, marked);
    CHECK(click_tab(&R, "Race") == 0);
    CHECK(try_pick_rosenbrock(&R) == 0);
    CHECK_MSG(L->base.surf.kind == NN_SURF_ROSENBROCK, "the unlocked dropdown did not change the surface");
    map = robot_find_label(&R, "Surface map", UI_W_PAD);
    CHECK(map != NULL && !map->locked);
    const float rx = L->base.start[0];
    CHECK(robot_click(&R, map->rect.x + map->rect.w / 5, map->rect.y + map->rect.h / 5) == 0);
    CHECK(L->base.start[0] != rx);
    CHECK(!R.failed);
    robot_close(&R);
    remove(path);
    return 0;
}

static const test_case CASES[] = {
    { "lesson_marks_reach_the_surface_view", lesson_marks_reach_the_surface_view },
};
TEST_MAIN(CASES)
