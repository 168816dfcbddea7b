/* tests/app/test_diagnosis_view.c - the Bias & variance view (app/views/view_diagnosis.c).
 *
 * - The notes' four examples, each chosen by clicking its preset button at
 *   1280x720, 1024x600 zoom 1.5 and 1280x720 zoom 1.5, give the notes'
 *   verdicts (high variance, high bias, both, neither) with human-level
 *   error 0, and fill the bars: each bar's length is its error on one scale,
 *   and the gap segments have the bias and variance colours.
 * - The live run: the bars are the latest epoch's errors (1 - accuracy) and
 *   the human-level field holds the data set's default (0 for the spiral,
 *   16.5% for fashion-small, as nnlab-train has them); the learner's value
 *   is used when typed.
 * - The Dev/test shift slider sets the run's shift (2-D data) and is locked
 *   for images.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "nn/images.h"
#include "nn/status.h"
#include "shell/lens.h"
#include "views/view_diagnosis.h"
#include "robot.h"
#include "test.h"

static int near(SDL_Color p, SDL_Color c) { return abs(p.r - c.r) < 12 && abs(p.g - c.g) < 12 && abs(p.b - c.b) < 12; }

static int open_view(robot *R, int w, int h, float zoom)
{
    if (robot_open(R, w, h, zoom, "lessons") != 0) return 1;
    R->a->view = view_index("diagnosis");
    return R->a->view < 0 || robot_frames(R, 2);
}

static int shown(robot *R, nn_diagnosis *d, SDL_Rect *bars)
{
    return diagnosis_view_shown(app_view_state(R->a, R->a->view), d, bars);
}

static int presets_give_the_notes_verdicts_in(int w, int h, float zoom, const char *lesson_path)
{
    static const struct { const char *button; double train, dev; nn_verdict verdict; } NOTES[] = {
        { "1% / 12%", 0.01, 0.12, NN_VERDICT_HIGH_VARIANCE },
        { "12% / 13%", 0.12, 0.13, NN_VERDICT_HIGH_BIAS },
        { "12% / 20%", 0.12, 0.20, NN_VERDICT_BOTH },
        { "1% / 2%", 0.01, 0.02, NN_VERDICT_NEITHER },
    };
    robot R;
    CHECK(open_view(&R, w, h, zoom) == 0);
    if (lesson_path) {                 /* the lesson's narration beside the view: a narrower panel */
        player_open(R.a, lesson_path);
        CHECK(robot_frames(&R, 2) == 0);
        CHECK(R.a->view == view_index("diagnosis"));
    }
    for (size_t i = 0; i < sizeof NOTES / sizeof NOTES[0]; i++) {
        const ui_widget_info *b = robot_find_label(&R, NOTES[i].button, UI_W_BUTTON);
        CHECK_MSG(b && robot_visible(&R, b->rect), "%dx%d zoom %.1f: no button %s", w, h, (double)zoom, NOTES[i].button);
        /* its whole label shows, in the small font at least ("12% / 13" was cut at its button's edge) */
        const int need = gfx_text_width(R.a->fonts, GFX_FONT_SMALL, NOTES[i].button) + 2 * (int)lroundf(4 * zoom);
        CHECK_MSG(b->rect.w >= need, "%dx%d zoom %.1f%s: button '%s' %d px wide for %d px of label", w, h,
                  (double)zoom, lesson_path ? " in the lesson" : "", NOTES[i].button, b->rect.w, need);
        CHECK(robot_click(&R, robot_cx(b->rect), robot_cy(b->rect)) == 0);
        CHECK(robot_frame(&R) == 0);
        nn_diagnosis d;
        SDL_Rect bars[DIAG_BARS];
        CHECK(shown(&R, &d, bars) == 1);
        CHECK_MSG(d.verdict == NOTES[i].verdict, "%s: verdict %s, the notes say %s", NOTES[i].button,
                  nn_verdict_name(d.verdict), nn_verdict_name(NOTES[i].verdict));
        CHECK(fabs(d.train_error - NOTES[i].train) < 1e-6 && fabs(d.dev_error - NOTES[i].dev) < 1e-6 &&
              d.human_error == 0.0);
        /* one scale: dev bar / train bar = dev / train (within the rounding of a pixel) */
        CHECK(bars[DIAG_BAR_HUMAN].w == 0 && bars[DIAG_BAR_TEST].w == 0);
        const double ratio = (double)bars[DIAG_BAR_DEV].w / bars[DIAG_BAR_TRAIN].w;
        CHECK_MSG(fabs(ratio - NOTES[i].dev / NOTES[i].train) < 1.5 / bars[DIAG_BAR_TRAIN].w * (NOTES[i].dev / NOTES[i].train) + 0.02,
                  "%s: bars %d and %d px", NOTES[i].button, bars[DIAG_BAR_TRAIN].w, bars[DIAG_BAR_DEV].w);
        CHECK(bars[DIAG_BAR_DEV].x + bars[DIAG_BAR_DEV].w <= w);
        /* the variance segment (train -> dev) in the variance colour, the bias segment (0 -> train) in the bias colour */
        const SDL_Rect dv = bars[DIAG_BAR_DEV], tb = bars[DIAG_BAR_TRAIN];
        /* (at 80% of the variance gap and 60% of the bias one: clear of the threshold marks) */
        const int var_x = dv.x + (int)(dv.w * (NOTES[i].train + 0.8 * (NOTES[i].dev - NOTES[i].train)) / NOTES[i].dev);
        CHECK_MSG(near(fixture_pixel(R.f.surf, var_x, dv.y + dv.h / 2), pal_category(0)), "%s: no variance colour",
                  NOTES[i].button);
        CHECK(near(fixture_pixel(R.f.surf, tb.x + tb.w * 6 / 10, tb.y + tb.h / 2), pal_category(1)));
    }
    /* back to the live run */
    const ui_widget_info *sw = robot_find_label(&R, "The live run", UI_W_SWITCH);
    CHECK(sw && robot_click(&R, robot_cx(sw->rect), robot_cy(sw->rect)) == 0);
    CHECK(robot_frame(&R) == 0);
    nn_diagnosis d;
    SDL_Rect bars[DIAG_BARS];
    CHECK(shown(&R, &d, bars) == 1 && bars[DIAG_BAR_TEST].w >= 0);
    robot_close(&R);
    return 0;
}

static int presets_give_the_notes_verdicts(int w, int h, float zoom)
{
    return presets_give_the_notes_verdicts_in(w, h, zoom, NULL);
}

static int presets_1280x720(void) { return presets_give_the_notes_verdicts(1280, 720, 1.0f); }
static int presets_in_lesson_1280x720_zoom15(void)
{
    return presets_give_the_notes_verdicts_in(1280, 720, 1.5f, "lessons/03_bias_variance.lesson");
}
static int presets_in_lesson_1024x768_zoom15(void)
{
    return presets_give_the_notes_verdicts_in(1024, 768, 1.5f, "lessons/03_bias_variance.lesson");
}
static int presets_1024x600_zoom15(void) { return presets_give_the_notes_verdicts(1024, 600, 1.5f); }
static int presets_1280x720_zoom15(void) { return presets_give_the_notes_verdicts(1280, 720, 1.5f); }

static int live_run_and_human_level(void)
{
    robot R;
    CHECK(open_view(&R, 1280, 720, 1.0f) == 0);
    session *s = &R.a->s;
    for (int e = 0; e < 30; e++) CHECK(session_epoch(s) == NN_OK);
    CHECK(robot_frames(&R, 2) == 0);
    int n;
    const nn_metrics *h = lens_history(s, &n);
    nn_diagnosis d;
    SDL_Rect bars[DIAG_BARS];
    CHECK(n > 0 && shown(&R, &d, bars) == 1);
    CHECK(fabs(d.train_error - (1.0 - h[n - 1].train_acc)) < 1e-6 && fabs(d.dev_error - (1.0 - h[n - 1].dev_acc)) < 1e-6);
    CHECK(d.human_error == 0.0 && bars[DIAG_BAR_TEST].w > 0);
    /* fashion-small: the CLI's human level, 1 - 0.835 */
    CHECK(session_set(s, "data", "fashion-small") == NN_OK);
    CHECK(session_set(s, "layers", "16") == NN_OK);
    CHECK(session_epoch(s) == NN_OK);
    CHECK(robot_frames(&R, 2) == 0);
    CHECK(shown(&R, &d, bars) == 1);
    CHECK_MSG(fabs(d.human_error - (1.0 - NN_FASHION_HUMAN_ACC)) < 1e-6, "human level %g", d.human_error);
    CHECK(bars[DIAG_BAR_HUMAN].w > 0);
    /* the shift is for the synthetic sets */
    const ui_widget_info *sl = robot_find_label(&R, "Dev/test shift", UI_W_SLIDER);
    CHECK(sl && sl->locked);
    /* typed: the learner's human level */
    const ui_widget_info *f = robot_find_label(&R, "Human-level error (%)", UI_W_NUMBER);
    CHECK(f);
    CHECK(robot_click(&R, robot_cx(f->rect), robot_cy(f->rect)) == 0);
    robot_key_mod(&R, SDLK_a, KMOD_CTRL);
    robot_type(&R, "5");
    robot_key(&R, SDLK_RETURN);
    CHECK(robot_frames(&R, 3) == 0);
    CHECK(shown(&R, &d, bars) == 1);
    CHECK_MSG(fabs(d.human_error - 0.05) < 1e-6, "typed 5: human level %g", d.human_error);
    robot_close(&R);
    return 0;
}

static int shift_slider_sets_shift(void)
{
    robot R;
    CHECK(open_view(&R, 1280, 720, 1.0f) == 0);
    const ui_widget_info *sl = robot_find_label(&R, "Dev/test shift", UI_W_SLIDER);
    CHECK(sl && !sl->locked);
    const SDL_Rect t = sl->rect;
    CHECK(robot_click(&R, t.x + t.w, robot_cy(t)) == 0);
    CHECK(robot_frames(&R, 2) == 0);
    CHECK_MSG(fabsf(R.a->s.cfg.data.shift - 2.0f) < 1e-6f, "shift %g", (double)R.a->s.cfg.data.shift);
    robot_close(&R);
    return 0;
}

static const test_case CASES[] = {
    { "presets_1280x720", presets_1280x720 },
    { "presets_1024x600_zoom15", presets_1024x600_zoom15 },
    { "presets_1280x720_zoom15", presets_1280x720_zoom15 },
    { "presets_in_lesson_1280x720_zoom15", presets_in_lesson_1280x720_zoom15 },
    { "presets_in_lesson_1024x768_zoom15", presets_in_lesson_1024x768_zoom15 },
    { "live_run_and_human_level", live_run_and_human_level },
    { "shift_slider_sets_shift", shift_slider_sets_shift },
};
TEST_MAIN(CASES)
