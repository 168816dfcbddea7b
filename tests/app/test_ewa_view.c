/* tests/app/test_ewa_view.c - the Averages view (app/views/view_ewa.c).
 *
 * It renders headless at the sizes and zooms a classroom uses, with the
 * year's dots and every average on screen (pixel counts of their colours);
 * the curves it draws are the engine's nn_ewa_series for the lab's beta and
 * seed (the uncorrected start-up dip is drawn near 0, the corrected start
 * is not); its slider, switch and button change the lab, as a person uses
 * them (the robot's clicks and drags); a lesson's highlight, lock and hide of
 * ewa.beta, ewa.bias-correction and ewa.seed reach those controls (and N).
 */
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "labs/ewa_lab.h"
#include "nn/ewa.h"
#include "nn/status.h"
#include "robot.h"
#include "test.h"

/* The colours of the view (view_ewa.c): yours sky blue, then the three fixed betas. */
static const int CATS[4] = { 0, 3, 1, 2 };

static int near(SDL_Color p, SDL_Color c) { return fixture_near_colour(p, c, 14); }
static int count(const SDL_Surface *s, SDL_Rect r, SDL_Color c) { return fixture_count_colour(s, r, c, 14); }

static int render(fixture *f, int frames)
{
    for (int i = 0; i < frames; i++) frame_render_only(f->a);
    const char *last = NULL;
    if (gfx_text_nonfinite(f->a->fonts, &last) != 0) {
        fprintf(stderr, "drew a non-finite number: %s\n", last);
        return 1;
    }
    return 0;
}

/* At every size: the right of the window (the pictures) has the dots and all four averages. */
static int renders_at_sizes(void)
{
    static const struct { int w, h; float zoom; } SIZES[] = {
        { 1280, 720, 1.0f }, { 1024, 600, 1.5f }, { 1024, 600, 2.0f }, { 1920, 1080, 1.5f },
    };
    for (size_t k = 0; k < sizeof SIZES / sizeof SIZES[0]; k++) {
        fixture f;
        CHECK(open_fixture(&f, SIZES[k].zoom, SIZES[k].w, SIZES[k].h) == 0);
        f.a->view = view_index("ewa");
        CHECK(f.a->view >= 0);
        CHECK(render(&f, 3) == 0);
        const SDL_Rect pics = { f.w * 42 / 100, 60, f.w - f.w * 42 / 100, f.h - 60 };
        const int yours = count(f.surf, pics, pal_category(CATS[0]));
        CHECK_MSG(yours > 400, "%dx%d zoom %.1f: your average drew %d pixels", f.w, f.h, (double)SIZES[k].zoom, yours);
        /* beta 0.9 is drawn under yours (the default beta is 0.9): count 0.5 and 0.98 */
        for (int i = 1; i < 4; i += 2) {
            const int n = count(f.surf, pics, pal_category(CATS[i]));
            CHECK_MSG(n > 150, "%dx%d zoom %.1f: the average for beta %g drew %d pixels", f.w, f.h,
                      (double)SIZES[k].zoom, EWA_FIXED_BETAS[i - 1], n);
        }
        /* the dots: the dim text colour at 80% over the plot's background */
        const SDL_Color d = f.a->style.text_dim, bg = f.a->style.bg;
        const SDL_Color dot = { (Uint8)(0.8 * d.r + 0.2 * bg.r), (Uint8)(0.8 * d.g + 0.2 * bg.g),
                                (Uint8)(0.8 * d.b + 0.2 * bg.b), 255 };
        const int dots = count(f.surf, pics, dot);
        CHECK_MSG(dots > 50, "%dx%d zoom %.1f: %d dot pixels", f.w, f.h, (double)SIZES[k].zoom, dots);
        close_fixture(&f);
    }
    return 0;
}

/* The mean row of your curve's pixels in the first days of the year plot (top-left of the pictures). */
static double january_row(const fixture *f)
{
    const SDL_Rect jan = { f->w * 27 / 100, 60, f->w * 8 / 100, f->h * 45 / 100 };
    double sum = 0;
    int n = 0;
    for (int y = jan.y; y < jan.y + jan.h; y++)
        for (int x = jan.x; x < jan.x + jan.w; x++)
            if (near(fixture_pixel(f->surf, x, y), pal_category(CATS[0]))) { sum += y; n++; }
    return n ? sum / n : NAN;
}

/* The view draws the lab's averages, which are the engine's: with beta 0.98
 * and seed 7 the lab holds nn_ewa_series of nn_ewa_temperatures(7), both
 * ways; the uncorrected curve is drawn lower in January (it starts at 0)
 * than the corrected one. */
static int averages_are_the_engines(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1280, 720) == 0);
    app *a = f.a;
    a->view = view_index("ewa");
    CHECK(ewa_lab_set(&a->ewa, "ewa.beta", "0.98") == NN_OK);
    CHECK(ewa_lab_set(&a->ewa, "ewa.seed", "7") == NN_OK);
    float temp[NN_EWA_DAYS], raw[NN_EWA_DAYS], corr[NN_EWA_DAYS];
    CHECK(nn_ewa_temperatures(7, temp, NN_EWA_DAYS) == NN_OK);
    CHECK(nn_ewa_series(0.98, 0, temp, raw, NN_EWA_DAYS) == NN_OK);
    CHECK(nn_ewa_series(0.98, 1, temp, corr, NN_EWA_DAYS) == NN_OK);
    for (int d = 0; d < NN_EWA_DAYS; d++) {
        CHECK(a->ewa.temp[d] == temp[d]);
        CHECK(a->ewa.raw[d] == raw[d]);
        CHECK(a->ewa.corr[d] == corr[d]);
    }
    CHECK(raw[0] < 0.05f * corr[0] + 0.5f);          /* the dip the picture must show */
    CHECK(render(&f, 2) == 0);
    const double on = january_row(&f);
    CHECK(ewa_lab_set(&a->ewa, "ewa.bias-correction", "off") == NN_OK);
    CHECK(render(&f, 2) == 0);
    const double off = january_row(&f);
    CHECK_MSG(isfinite(on) && isfinite(off) && off > on + 8, "January's curve at row %.1f corrected, %.1f not", on, off);
    close_fixture(&f);
    return 0;
}

/* The slider, the switch and the button change the lab, used as a person would. */
static int controls_change_the_lab(void)
{
    robot R;
    CHECK(robot_open(&R, 1280, 720, 1.0f, "lessons") == 0);
    app *a = R.a;
    const int v = view_index("ewa");
    CHECK(robot_go_view(&R, v) == v);
    const ui_widget_info *s = robot_find_label(&R, "Your beta", UI_W_SLIDER);
    CHECK(s != NULL);
    const SDL_Rect travel = s->rect;
    /* drag the knob to the left end: beta 0 */
    robot_move(&R, travel.x + (int)(0.9 / 0.995 * travel.w), robot_cy(travel));
    robot_button(&R, travel.x + (int)(0.9 / 0.995 * travel.w), robot_cy(travel), 1);
    CHECK(robot_frame(&R) == 0);
    robot_move(&R, travel.x - 30, robot_cy(travel));
    CHECK(robot_frames(&R, 2) == 0);
    robot_button(&R, travel.x - 30, robot_cy(travel), 0);
    CHECK(robot_frames(&R, 2) == 0);
    CHECK_MSG(a->ewa.beta == 0.0, "beta %g after dragging to the left end", a->ewa.beta);
    for (int d = 0; d < NN_EWA_DAYS; d++) CHECK(a->ewa.raw[d] == a->ewa.temp[d]);   /* beta 0: today only */
    const ui_widget_info *sw = robot_find_label(&R, "Bias correction", UI_W_SWITCH);
    CHECK(sw != NULL && a->ewa.bias_correction == 1);
    CHECK(robot_click(&R, robot_cx(sw->rect), robot_cy(sw->rect)) == 0);
    CHECK(a->ewa.bias_correction == 0);
    const uint64_t seed = a->ewa.seed;
    const float day1 = a->ewa.temp[0];
    const ui_widget_info *b = robot_find_label(&R, "New weather", UI_W_BUTTON);
    CHECK(b != NULL);
    CHECK(robot_click(&R, robot_cx(b->rect), robot_cy(b->rect)) == 0);
    CHECK(a->ewa.seed != seed && a->ewa.temp[0] != day1);
    robot_close(&R);
    return 0;
}

/* Yellowish pixels in r grown by m: the dark theme's highlight outline (240, 228, 66)
 * over the panel, faded to 40%..100% by the pulse - red and green well above blue. */
static int outline_pixels(const fixture *f, SDL_Rect r, int m)
{
    int n = 0;
    for (int y = r.y - m; y < r.y + r.h + m; y++)
        for (int x = r.x - m; x < r.x + r.w + m; x++) {
            if (x < 0 || y < 0 || x >= f->w || y >= f->h) continue;
            const SDL_Color p = fixture_pixel(f->surf, x, y);
            n += p.r > 90 && p.g > 85 && p.r > p.b + 50 && p.g > p.b + 45 && abs(p.r - p.g) < 40;
        }
    return n;
}

/* A lesson's marks reach the view's controls: `highlight: ewa.beta` outlines
 * the slider, `lock:` makes the switch and the slider ignore the mouse and
 * New weather's key N refuse, `unlock:` gives them back, `hide:` removes one. */
static int lesson_marks_reach_the_controls(void)
{
    static const char TEXT[] =
        "lesson: Marks on the averages\norder: 1\n\nThe averages' controls, marked.\n\nview: ewa\n\n"
        "step: Marked\nhighlight: ewa.beta\nlock: ewa.bias-correction, ewa.seed\nLook.\n\n"
        "step: Locked\nlock: ewa.beta\nLook.\n\n"
        "step: Unlocked\nunlock: ewa.beta, ewa.seed\nhide: ewa.bias-correction\nLook again.\n";
    char path[] = "/tmp/nnlab_ewa_marks_XXXXXX";
    const int fd = mkstemp(path);
    CHECK(fd >= 0 && write(fd, TEXT, sizeof TEXT - 1) == (ssize_t)(sizeof TEXT - 1) && close(fd) == 0);
    robot R;
    CHECK(robot_open(&R, 1280, 720, 1.0f, "lessons") == 0);
    app *a = R.a;
    player_open(a, path);
    CHECK(a->player && a->player->ls);
    CHECK(robot_frames(&R, 3) == 0);
    CHECK(a->view == view_index("ewa"));

    /* step 1: the slider outlined and free; the switch and New weather locked */
    const ui_widget_info *s = robot_find_label(&R, "Your beta", UI_W_SLIDER);
    const ui_widget_info *sw = robot_find_label(&R, "Bias correction", UI_W_SWITCH);
    const ui_widget_info *nw = robot_find_label(&R, "New weather", UI_W_BUTTON);
    CHECK(s && sw && nw);
    CHECK(!s->locked && sw->locked && nw->locked);
    const SDL_Rect slider = s->rect, sw_rect = sw->rect, nw_rect = nw->rect;
    const int lit = outline_pixels(&R.f, slider, 12);
    CHECK_MSG(lit > 2 * slider.w, "%d outline pixels around the highlighted slider (%d wide)", lit, slider.w);
    CHECK(robot_click(&R, robot_cx(sw_rect), robot_cy(sw_rect)) == 0);
    CHECK_MSG(a->ewa.bias_correction == 1, "a locked switch was switched off");
    const uint64_t seed = a->ewa.seed;
    CHECK(robot_click(&R, robot_cx(nw_rect), robot_cy(nw_rect)) == 0);
    robot_key(&R, SDLK_n);
    CHECK(robot_frames(&R, 2) == 0);
    CHECK_MSG(a->ewa.seed == seed, "New weather changed the locked seed to %llu", (unsigned long long)a->ewa.seed);
    CHECK_MSG(strstr(a->toast, "'New weather'"), "toast '%s'", a->toast);
    /* the free slider still moves: a click at its left end */
    CHECK(robot_click(&R, slider.x + 1, robot_cy(slider)) == 0);
    CHECK_MSG(a->ewa.beta < 0.05, "beta %g after a click at the slider's left end", a->ewa.beta);

    /* step 2 (Right, the clicker's key): the highlight is gone (one step only); the slider locked */
    CHECK(lesson_session_step(a->player->ls) == 0);
    robot_key(&R, SDLK_RIGHT);
    CHECK(robot_frames(&R, 3) == 0);
    CHECK(lesson_session_step(a->player->ls) == 1);
    s = robot_find_label(&R, "Your beta", UI_W_SLIDER);
    CHECK(s && s->locked);
    CHECK_MSG(outline_pixels(&R.f, slider, 12) < lit / 10, "%d outline pixels after the step", outline_pixels(&R.f, slider, 12));
    const double beta = a->ewa.beta;
    CHECK(robot_click(&R, slider.x + slider.w - 1, robot_cy(slider)) == 0);
    CHECK_MSG(a->ewa.beta == beta, "a locked slider moved beta from %g to %g", beta, a->ewa.beta);

    /* step 3: unlocked again, N gives new weather; the switch hidden */
    robot_key(&R, SDLK_RIGHT);
    CHECK(robot_frames(&R, 3) == 0);
    CHECK(lesson_session_step(a->player->ls) == 2);
    s = robot_find_label(&R, "Your beta", UI_W_SLIDER);
    CHECK(s && !s->locked);
    CHECK(robot_find_label(&R, "Bias correction", UI_W_SWITCH) == NULL);
    robot_key(&R, SDLK_n);
    CHECK(robot_frames(&R, 2) == 0);
    CHECK(a->ewa.seed != seed);
    robot_close(&R);
    remove(path);
    return 0;
}

static const test_case CASES[] = {
    { "renders_at_sizes", renders_at_sizes },
    { "averages_are_the_engines", averages_are_the_engines },
    { "controls_change_the_lab", controls_change_the_lab },
    { "lesson_marks_reach_the_controls", lesson_marks_reach_the_controls },
};
TEST_MAIN(CASES)
