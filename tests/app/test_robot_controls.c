/* tests/app/test_robot_controls.c - every control of every view, used.
 *
 * For each view (chosen by clicking its tab in the top bar), every tab of
 * its panels, at 1280x720 and at 1024x600 with zoom 1.5 and 2, on a 2-D
 * data set and on fashion-small, with training playing in between: click
 * each button and toggle, open each dropdown and pick each item (the first
 * and last by the keyboard, each in turn by the mouse), drag each slider
 * past both ends and to the middle, type valid, out-of-range and
 * non-numeric text into each number field, press every documented key. No
 * crash, no sanitizer report (the ASan+UBSan build runs this too), no
 * non-finite number drawn, no hang (a watchdog alarm).
 * Pass a case name prefix to run one configuration.
 */
#include "robot.h"
#include "test.h"

static char lessons_dir[1100];

static int every_control(int w, int h, float zoom, const char *data)
{
    robot R;
    CHECK(robot_open(&R, w, h, zoom, lessons_dir) == 0);
    robot_watchdog(300);
    int rc = 0;
    if (data) {
        const char *name = "data", *value = data;
        CHECK(session_apply(&R.a->s, &name, &value, 1, 1) == 0 || R.a->s.loading);
    }
    rc = robot_train(&R, 5, 2000);
    const char *only = getenv("NNLAB_ROBOT_VIEW");   /* to look into one view: its id */
    for (int v = 0; v < VIEW_COUNT && !rc; v++) {
        if (only && strcmp(only, VIEWS[v]->id) != 0) continue;
        if (robot_go_view(&R, v) != v) { rc = 1; break; }
        const long f0 = R.frames;
        const ui_widget_info *list;
        const int n = ui_widgets(R.a->ui, &list);
        rc = robot_train(&R, 3, 200) || robot_use_tabs(&R, v) || robot_press_every_key(&R, v);
        printf("  view %s: %d controls on its first screen, %ld frames\n", VIEWS[v]->id, n, R.frames - f0);
    }
    printf("  %dx%d zoom %.1f data %s: %ld frames, %ld events\n", w, h, (double)zoom, data ? data : "default",
           R.frames, R.events);
    robot_close(&R);
    alarm(0);
    return rc;
}

static int plane_1280x720(void) { return every_control(1280, 720, 1.0f, NULL); }
static int plane_1024x600_zoom15(void) { return every_control(1024, 600, 1.5f, NULL); }
static int plane_1024x600_zoom2(void) { return every_control(1024, 600, 2.0f, NULL); }
static int images_1280x720(void) { return every_control(1280, 720, 1.0f, "fashion-small"); }
static int images_1024x600_zoom15(void) { return every_control(1024, 600, 1.5f, "fashion-small"); }
static int images_1024x600_zoom2(void) { return every_control(1024, 600, 2.0f, "fashion-small"); }

static const test_case CASES[] = {
    { "plane_1280x720", plane_1280x720 },
    { "plane_1024x600_zoom15", plane_1024x600_zoom15 },
    { "plane_1024x600_zoom2", plane_1024x600_zoom2 },
    { "images_1280x720", images_1280x720 },
    { "images_1024x600_zoom15", images_1024x600_zoom15 },
    { "images_1024x600_zoom2", images_1024x600_zoom2 },
};

int main(int argc, char **argv)
{
    if (robot_sandbox(lessons_dir, sizeof lessons_dir) != 0) return 1;
    return test_run(CASES, (int)(sizeof CASES / sizeof CASES[0]), argc > 1 ? argv[1] : NULL) != 0;
}
