/* tests/app/test_robot_lessons.c - the controls used while a lesson is open
 * (its locks, hides and highlights active), with the help overlay over the
 * view, and in the lesson browser.
 *
 * Every lesson in lessons/ is opened; at every step the robot uses every
 * control on the screen (lists: first, middle and last item), presses the
 * clicker's keys, then moves on with PageDown. A locked list must not open.
 */
#include <dirent.h>

#include "robot.h"
#include "test.h"

static char lessons_dir[1100];

static int lesson_files(char names[][256], int max)
{
    DIR *d = opendir(lessons_dir);
    if (!d) return -1;
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) && n < max;) {
        const size_t len = strlen(e->d_name);
        if (len > 7 && strcmp(e->d_name + len - 7, ".lesson") == 0) snprintf(names[n++], 256, "%s", e->d_name);
    }
    closedir(d);
    return n;
}

static int every_lesson_every_step(int w, int h, float zoom)
{
    char names[32][256];
    const int n = lesson_files(names, 32);
    CHECK(n > 0);
    for (int i = 0; i < n; i++) {
        robot R;
        CHECK(robot_open(&R, w, h, zoom, lessons_dir) == 0);
        R.light = 1;
        R.skip[0] = "Close";   /* used once, at the end */
        R.skip[2] = "Finish";  /* on the last step: closes the lesson (as Close does) */
        robot_watchdog(300);
        char path[1400];
        snprintf(path, sizeof path, "%.1100s/%.255s", lessons_dir, names[i]);
        player_open(R.a, path);
        CHECK_MSG(R.a->player && R.a->player->ls, "%s did not open", names[i]);
        int rc = robot_frames(&R, 3), steps = 0;
        for (int guard = 0; guard < 60 && !rc; guard++) {
            const int seen = lesson_session_step(R.a->player->ls);
            rc = robot_train(&R, 2, 30) || robot_use_all(&R, R.a->view);
            /* no control but Close may close the lesson (Back and Next may move it) */
            CHECK_MSG(R.a->player && R.a->player->ls, "%s closed at step %d", names[i], seen);
            /* Back and Next were used: return to the step being visited */
            for (int k = 0; k < 10 && lesson_session_step(R.a->player->ls) > seen; k++) {
                robot_key(&R, SDLK_PAGEUP);
                rc = rc || robot_frame(&R);
            }
            const int step = lesson_session_step(R.a->player->ls);
            if (step < seen) continue;
            steps++;
            R.skip[1] = "Back";    /* Back and Next are used on the first step; later PageDown moves on, */
            R.skip[3] = "Next";    /* so that every step has its turn */
            R.skip[4] = "Running...";
            if (step + 1 >= R.a->player->L->n_steps) break;
            /* Next, as a clicker sends it; a waiting step first shows what to do
             * (the learner lines), a running one finishes its runs first */
            for (int k = 0; k < 400 && !rc && lesson_session_step(R.a->player->ls) == step; k++) {
                if (k % 20 == 0) robot_key(&R, SDLK_PAGEDOWN);
                rc = robot_frame(&R);
                robot_watchdog(300);
            }
            CHECK_MSG(rc || lesson_session_step(R.a->player->ls) == step + 1, "%s: PageDown did not leave step %d",
                      names[i], step);
        }
        const ui_widget_info *close = robot_find_label(&R, "Close", UI_W_BUTTON);
        CHECK_MSG(close != NULL, "%s: no Close button", names[i]);
        rc = rc || robot_click(&R, robot_cx(close->rect), robot_cy(close->rect)) || robot_frame(&R);
        CHECK_MSG(R.a->player == NULL || R.a->player->L == NULL, "%s: Close left the lesson open", names[i]);
        printf("  %s: %d steps used, %ld frames at %dx%d zoom %.1f\n", names[i], steps, R.frames, w, h, (double)zoom);
        robot_close(&R);
        alarm(0);
        if (rc) return rc;
    }
    return 0;
}

static int lessons_1280x720(void) { return every_lesson_every_step(1280, 720, 1.0f); }
static int lessons_1024x600_zoom15(void) { return every_lesson_every_step(1024, 600, 1.5f); }

/* The help overlay open over every view: every control and key still safe. */
static int under_the_help_overlay(void)
{
    robot R;
    CHECK(robot_open(&R, 1024, 600, 1.5f, lessons_dir) == 0);
    R.light = 1;
    robot_watchdog(300);
    int rc = robot_train(&R, 3, 100);
    for (int v = 0; v < VIEW_COUNT && !rc; v++) {
        R.a->view = v;
        R.a->show_help = 1;
        rc = robot_frames(&R, 2);
        const ui_widget_info *list;
        int n = ui_widgets(R.a->ui, &list);
        if (n > 256) n = 256;
        ui_widget_info snap[256];
        memcpy(snap, list, (size_t)n * sizeof *snap);
        for (int i = 0; i < n && !rc; i++) {   /* clicks on whatever is under the overlay */
            R.a->show_help = 1;
            robot_where(&R, "clicking '%s' under the help overlay", snap[i].label, 0);
            rc = robot_click(&R, robot_cx(snap[i].rect), robot_cy(snap[i].rect));
        }
        R.a->show_help = 1;
        robot_key(&R, SDLK_ESCAPE);
        rc = rc || robot_frame(&R);
        CHECK_MSG(R.a->show_help == 0, "Esc left the help open on %s", VIEWS[v]->id);
    }
    robot_close(&R);
    alarm(0);
    return rc;
}

/* The lesson browser: scroll it, open each lesson from its card, close it. */
static int in_the_lesson_browser(void)
{
    robot R;
    CHECK(robot_open(&R, 1280, 720, 1.0f, lessons_dir) == 0);
    robot_watchdog(300);
    int rc = robot_frames(&R, 2);
    player_browse(R.a);
    rc = rc || robot_frames(&R, 2);
    const lesson_entry *entries;
    const SDL_Rect *cards;
    int n = player_browser_list(R.a, &entries, &cards);
    CHECK(n > 0);
    for (int i = 0; i < n && !rc; i++) {
        if (!player_browsing(R.a)) { player_browse(R.a); rc = robot_frames(&R, 2); }
        n = player_browser_list(R.a, &entries, &cards);
        robot_wheel(&R, R.f.w / 2, R.f.h / 2, -3);
        robot_wheel(&R, R.f.w / 2, R.f.h / 2, 3);
        robot_key(&R, SDLK_DOWN);
        robot_key(&R, SDLK_UP);
        rc = rc || robot_frames(&R, 2);
        n = player_browser_list(R.a, &entries, &cards);
        if (i >= n || cards[i].w <= 0) continue;
        robot_where(&R, "opening lesson card %2$d ('%1$s') in the browser", entries[i].title, i);
        rc = rc || robot_click(&R, robot_cx(cards[i]), robot_cy(cards[i])) || robot_frames(&R, 3);
        CHECK_MSG(R.a->player && R.a->player->ls, "card %d did not open its lesson", i);
        rc = rc || robot_press_every_key(&R, R.a->view);
        player_close(R.a);
        rc = rc || robot_frame(&R);
    }
    robot_close(&R);
    alarm(0);
    return rc;
}

static const test_case CASES[] = {
    { "lessons_1280x720", lessons_1280x720 },
    { "lessons_1024x600_zoom15", lessons_1024x600_zoom15 },
    { "under_the_help_overlay", under_the_help_overlay },
    { "in_the_lesson_browser", in_the_lesson_browser },
};

int main(int argc, char **argv)
{
    if (robot_sandbox(lessons_dir, sizeof lessons_dir) != 0) return 1;
    return test_run(CASES, (int)(sizeof CASES / sizeof CASES[0]), argc > 1 ? argv[1] : NULL) != 0;
}
