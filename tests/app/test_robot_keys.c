/* tests/app/test_robot_keys.c - the keyboard the way a presenter uses it.
 *
 * After a click on a button or a list, Space still plays and pauses, S, E,
 * R, F1, Ctrl+/- and the clicker's PageDown still work: a control focused
 * by the mouse takes no keys. A number field being typed into takes its
 * characters (an 'e' there is an exponent, not "one epoch"). Esc closes the
 * help overlay. + and - say the speed.
 */
#include "robot.h"
#include "test.h"

static char lessons_dir[1100];

static int open_robot(robot *R)
{
    if (robot_open(R, 1280, 720, 1.0f, lessons_dir) != 0) return 1;
    robot_watchdog(120);
    R->a->s.playing = 0;
    return robot_frames(R, 2);
}

static int click_label(robot *R, const char *label, int kind)
{
    const ui_widget_info *w = robot_find_label(R, label, kind);
    if (!w) { fprintf(stderr, "no control '%s' on screen\n", label); return 1; }
    return robot_click(R, robot_cx(w->rect), robot_cy(w->rect));
}

static long steps_of(robot *R) { return session_state(&R->a->s).steps; }

static int keys_after_clicking_a_button(void)
{
    robot R;
    CHECK(open_robot(&R) == 0);
    app *a = R.a;
    CHECK(click_label(&R, "Step", UI_W_BUTTON) == 0);
    CHECK(steps_of(&R) == 1);
    CHECK(ui_focus_id(a->ui) != 0);           /* the click focused the button ... */
    robot_key(&R, SDLK_SPACE);                /* ... and Space still plays */
    CHECK(robot_frame(&R) == 0);
    CHECK(a->s.playing == 1);
    CHECK(steps_of(&R) > 1);
    robot_key(&R, SDLK_SPACE);
    CHECK(robot_frame(&R) == 0);
    CHECK(a->s.playing == 0);
    const long before = steps_of(&R);
    robot_key(&R, SDLK_s);
    CHECK(robot_frame(&R) == 0);
    CHECK(steps_of(&R) == before + 1);
    const int epoch = session_state(&a->s).epoch;
    robot_key(&R, SDLK_e);
    CHECK(robot_frame(&R) == 0);
    CHECK(session_state(&a->s).epoch == epoch + 1);
    robot_key(&R, SDLK_r);
    CHECK(robot_frame(&R) == 0);
    CHECK(steps_of(&R) == 0);
    robot_key(&R, SDLK_F1);
    CHECK(robot_frame(&R) == 0);
    CHECK(a->show_help == 1);
    robot_key(&R, SDLK_ESCAPE);               /* Esc closes the help */
    CHECK(robot_frame(&R) == 0);
    CHECK(a->show_help == 0);
    robot_key_mod(&R, SDLK_EQUALS, KMOD_LCTRL);
    CHECK(robot_frame(&R) == 0);
    CHECK_NEAR(a->scale, 1.25, 1e-6);
    robot_key_mod(&R, SDLK_0, KMOD_LCTRL);
    CHECK(robot_frame(&R) == 0);
    CHECK_NEAR(a->scale, 1.0, 1e-6);
    /* + and - change the speed and say so */
    const int speed = a->s.speed;
    robot_key(&R, SDLK_PLUS);
    CHECK(robot_frame(&R) == 0);
    CHECK(a->s.speed == speed * 2);
    char want[64];
    snprintf(want, sizeof want, "Speed: %d updates per frame", speed * 2);
    CHECK_MSG(strstr(a->toast, want) != NULL, "toast '%s'", a->toast);
    CHECK(click_label(&R, "-", UI_W_BUTTON) == 0);
    CHECK(a->s.speed == speed);
    robot_key(&R, SDLK_SPACE);                /* still plays after clicking "-" */
    CHECK(robot_frame(&R) == 0);
    CHECK(a->s.playing == 1);
    robot_close(&R);
    return 0;
}

static int keys_after_using_a_list(void)
{
    robot R;
    CHECK(open_robot(&R) == 0);
    app *a = R.a;
    const ui_widget_info *tab = robot_find_label(&R, "Training", UI_W_TAB);
    CHECK(tab != NULL);
    CHECK(robot_click(&R, robot_cx(tab->rect), robot_cy(tab->rect)) == 0);
    const ui_widget_info *opt = robot_find_label(&R, "Optimizer", UI_W_DROPDOWN);
    CHECK(opt != NULL);
    const ui_id id = opt->id;
    CHECK(robot_pick(&R, id, 3, 0) == 0);       /* by the mouse */
    CHECK(a->s.cfg.train.optim.kind == 3);
    CHECK(!ui_open_list(a->ui, NULL, NULL, NULL, NULL, NULL));
    robot_key(&R, SDLK_SPACE);
    CHECK(robot_frame(&R) == 0);
    CHECK(a->s.playing == 1);
    /* an open list takes the arrows and Esc; Space then plays again */
    CHECK(robot_open_list(&R, id) == 1);
    robot_key(&R, SDLK_DOWN);
    robot_key(&R, SDLK_ESCAPE);
    CHECK(robot_frame(&R) == 0);
    CHECK(!ui_open_list(a->ui, NULL, NULL, NULL, NULL, NULL));
    CHECK(a->s.cfg.train.optim.kind == 3);
    robot_key(&R, SDLK_SPACE);
    CHECK(robot_frame(&R) == 0);
    CHECK(a->s.playing == 0);
    robot_close(&R);
    return 0;
}

static int number_field_takes_its_characters(void)
{
    robot R;
    CHECK(open_robot(&R) == 0);
    app *a = R.a;
    const ui_widget_info *f = robot_find_label(&R, "Examples", UI_W_NUMBER);
    CHECK(f != NULL);
    CHECK(robot_click(&R, robot_cx(f->rect), robot_cy(f->rect)) == 0);
    const int epoch = session_state(&a->s).epoch;
    robot_type(&R, "1e3");                     /* 'e' is the exponent here */
    CHECK(robot_frame(&R) == 0);
    CHECK(session_state(&a->s).epoch == epoch);
    robot_key(&R, SDLK_RETURN);
    CHECK(robot_frames(&R, 2) == 0);
    CHECK_MSG(a->s.cfg.data.samples == 1000, "samples %d", a->s.cfg.data.samples);
    robot_key(&R, SDLK_F1);                    /* F-keys are never the field's */
    CHECK(robot_frame(&R) == 0);
    CHECK(a->show_help == 1);
    robot_close(&R);
    return 0;
}

static int tab_focus_then_space_uses_the_control(void)
{
    robot R;
    CHECK(open_robot(&R) == 0);
    app *a = R.a;
    /* Tab to the Play button (the order is the drawing order), Space presses it */
    int found = 0;
    for (int i = 0; i < 80 && !found; i++) {
        robot_key(&R, SDLK_TAB);
        CHECK(robot_frame(&R) == 0);
        const ui_widget_info *play = robot_find_label(&R, "Play", UI_W_BUTTON);
        found = play && ui_focus_id(a->ui) == play->id;
    }
    CHECK(found);
    robot_key(&R, SDLK_SPACE);
    CHECK(robot_frame(&R) == 0);
    CHECK(a->s.playing == 1);
    robot_key(&R, SDLK_s);                     /* letters are still the program's */
    CHECK(robot_frame(&R) == 0);
    robot_close(&R);
    return 0;
}

static int clicker_keys_in_a_lesson(void)
{
    robot R;
    CHECK(open_robot(&R) == 0);
    app *a = R.a;
    char path[1200];
    snprintf(path, sizeof path, "%s/01_parameters.lesson", lessons_dir);
    player_open(a, path);
    CHECK(a->player != NULL);
    CHECK(robot_frames(&R, 2) == 0);
    player *p = a->player;
    CHECK(p->ls != NULL);
    const int step = lesson_session_step(p->ls);
    /* click a control of the view, then the clicker's PageDown */
    const ui_widget_info *w = robot_find_label(&R, "Step", UI_W_BUTTON);
    if (w) CHECK(robot_click(&R, robot_cx(w->rect), robot_cy(w->rect)) == 0);
    robot_key(&R, SDLK_PAGEDOWN);
    CHECK(robot_frames(&R, 2) == 0);
    CHECK_MSG(lesson_session_step(p->ls) == step + 1, "step %d after PageDown from %d",
              lesson_session_step(p->ls), step);
    robot_key(&R, SDLK_PAGEUP);
    CHECK(robot_frames(&R, 2) == 0);
    CHECK(lesson_session_step(p->ls) == step);
    robot_close(&R);
    return 0;
}

static const test_case CASES[] = {
    { "keys_after_clicking_a_button", keys_after_clicking_a_button },
    { "keys_after_using_a_list", keys_after_using_a_list },
    { "number_field_takes_its_characters", number_field_takes_its_characters },
    { "tab_focus_then_space_uses_the_control", tab_focus_then_space_uses_the_control },
    { "clicker_keys_in_a_lesson", clicker_keys_in_a_lesson },
};

int main(int argc, char **argv)
{
    if (robot_sandbox(lessons_dir, sizeof lessons_dir) != 0) return 1;
    return test_run(CASES, (int)(sizeof CASES / sizeof CASES[0]), argc > 1 ? argv[1] : NULL) != 0;
}
