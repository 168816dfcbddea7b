/* tests/app/test_augment_view.c - the Augmentation view (app/views/view_augment.c).
 *
 * - It renders headless at 1280x720, 1024x600 at zoom 1.5 and 1280x720 at
 *   zoom 1.5 with no non-finite text, its batch grid inside the window.
 * - The batch grid shows the images the trainer actually used: the pixels
 *   on screen are, exactly, the training images of the first mini-batch
 *   (their order recomputed from the seed's shuffle stream) augmented by
 *   nn_augment_batch from (seed, NN_STREAM_AUGMENT) - computed here, apart
 *   from the trainer; after more updates the grid follows the latest batch.
 * - A strength slider, dragged as a hand does, edits the run's `augment`
 *   setting once, when it is let go (not at every frame of the drag).
 * - On 2-D data the view has no cards or batch, and its button switches the
 *   run to fashion-small.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "nn/augment.h"
#include "nn/status.h"
#include "shell/lens.h"
#include "views/view_augment.h"
#include "robot.h"
#include "test.h"

static const char SPEC[] = "rotate=20,shift=3,flip-h=0.5,cutout=8,invert=0.2";

static int open_images(robot *R, int w, int h, float zoom)
{
    if (robot_open(R, w, h, zoom, "lessons") != 0) return 1;
    session *s = &R->a->s;
    const char *n[] = { "data", "augment", "seed" }, *v[] = { "fashion-small", SPEC, "5" };
    if (session_apply(s, n, v, 3, 0) != NN_OK) { fprintf(stderr, "%s\n", nn_last_error()); return 1; }
    R->a->view = view_index("augment");
    return R->a->view < 0;
}

/* The grey value drawn at image pixel (ix, iy) of a cell showing a 28x28 image. */
static int screen_grey(const SDL_Surface *s, SDL_Rect cell, int ix, int iy)
{
    const int x = cell.x + (int)((ix + 0.5f) * cell.w / 28.0f), y = cell.y + (int)((iy + 0.5f) * cell.h / 28.0f);
    return fixture_pixel(s, x, y).r;
}

/* Every pixel of every grid image against want (n, 784) in [0, 1]: the number that differ by more than 1. */
static int grid_mismatches(robot *R, const float *want, int n, long *step)
{
    const void *self = app_view_state(R->a, R->a->view);
    SDL_Rect cells[SESSION_BATCH_KEEP];
    const int shown = augment_view_batch_cells(self, cells, SESSION_BATCH_KEEP, step);
    if (shown != n) { fprintf(stderr, "grid shows %d images, expected %d\n", shown, n); return -1; }
    int bad = 0;
    for (int i = 0; i < n; i++) {
        if (cells[i].x < 0 || cells[i].y < 0 || cells[i].x + cells[i].w > R->f.w || cells[i].y + cells[i].h > R->f.h)
            return -1;
        for (int p = 0; p < 784; p++) {
            const int g = (int)lroundf(want[(size_t)i * 784 + p] * 255.0f);
            bad += abs(screen_grey(R->f.surf, cells[i], p % 28, p / 28) - g) > 1;
        }
    }
    return bad;
}

static int batch_grid_is_the_trainers(int w, int h, float zoom)
{
    robot R;
    CHECK(open_images(&R, w, h, zoom) == 0);
    session *s = &R.a->s;
    CHECK(robot_frames(&R, 2) == 0);
    long step = -1;
    {   /* before any update: no grid, a prompt */
        SDL_Rect cells[4];
        CHECK(augment_view_batch_cells(app_view_state(R.a, R.a->view), cells, 4, &step) == 0);
    }
    CHECK(session_step(s) == NN_OK);
    CHECK(robot_frames(&R, 1) == 0);
    /* The first batch, computed apart: the shuffle stream's order, then the augmentation stream. */
    const nn_dataset *tr = lens_train_set(s);
    CHECK(tr && tr->d == 784);
    int *order = malloc((size_t)tr->n * sizeof *order);
    CHECK(order);
    for (int i = 0; i < tr->n; i++) order[i] = i;
    nn_rng r;
    nn_rng_seed(&r, 5, NN_STREAM_SHUFFLE);
    nn_rng_shuffle(&r, order, tr->n);
    enum { K = SESSION_BATCH_KEEP };
    static float want[K * 784], scratch[784];
    float y[K];
    nn_dataset_gather(tr, order, K, want, y);
    free(order);
    nn_augment_desc a;
    CHECK(nn_augment_parse(SPEC, &a) == NN_OK);
    nn_rng_seed(&r, 5, NN_STREAM_AUGMENT);
    nn_augment_batch(&a, &r, tr->shape, want, K, scratch);
    int bad = grid_mismatches(&R, want, K, &step);
    CHECK_MSG(bad == 0, "%dx%d zoom %.1f: %d of %d pixels of the grid differ from the trainer's first batch",
              w, h, (double)zoom, bad, K * 784);
    CHECK(step == 1);
    /* the lens's copy is the same batch */
    const float *x;
    const int *idx;
    CHECK(lens_batch(s, &x, &idx, NULL) == K && memcmp(x, want, sizeof want) == 0);
    /* a few updates later: the grid follows the latest batch */
    for (int i = 0; i < 7; i++) CHECK(session_step(s) == NN_OK);
    CHECK(robot_frames(&R, 1) == 0);
    CHECK(lens_batch(s, &x, &idx, NULL) == K);
    memcpy(want, x, sizeof want);
    bad = grid_mismatches(&R, want, K, &step);
    CHECK_MSG(bad == 0 && step == 8, "after 8 updates: %d pixels differ, the grid shows update %ld", bad, step);
    robot_close(&R);
    return 0;
}

static int grid_1280x720(void) { return batch_grid_is_the_trainers(1280, 720, 1.0f); }
static int grid_1024x600_zoom15(void) { return batch_grid_is_the_trainers(1024, 600, 1.5f); }
static int grid_1280x720_zoom15(void) { return batch_grid_is_the_trainers(1280, 720, 1.5f); }

/* Drag the Rotate slider: the setting changes once, on release. */
static int slider_sets_augment_on_release(void)
{
    robot R;
    CHECK(open_images(&R, 1280, 720, 1.0f) == 0);
    session *s = &R.a->s;
    CHECK(robot_frames(&R, 2) == 0);
    const ui_widget_info *w = robot_find_label(&R, "Rotate", UI_W_SLIDER);
    CHECK(w != NULL);
    const SDL_Rect track = w->rect;
    const uint64_t run0 = s->run_id;
    const int y = robot_cy(track);
    robot_move(&R, track.x + 2, y);
    robot_button(&R, track.x + 2, y, 1);
    CHECK(robot_frame(&R) == 0);
    for (int i = 1; i <= 5; i++) {
        robot_move(&R, track.x + track.w * i / 5, y);
        CHECK(robot_frame(&R) == 0);
    }
    CHECK_MSG(s->run_id == run0 && fabsf(s->cfg.train.augment.amount[NN_AUG_ROTATE] - 20.0f) < 1e-6f,
              "the run changed while the slider was held");
    robot_button(&R, track.x + track.w, y, 0);
    CHECK(robot_frames(&R, 2) == 0);
    session_wait(s);
    CHECK(robot_frames(&R, 1) == 0);
    char spec[256];
    nn_config_get(&s->cfg, "augment", spec, sizeof spec);
    CHECK_MSG(fabsf(s->cfg.train.augment.amount[NN_AUG_ROTATE] - 45.0f) < 1e-6f, "augment is now %s", spec);
    CHECK(strstr(spec, "rotate=45") && strstr(spec, "shift=3") && strstr(spec, "cutout=8"));
    CHECK_MSG(s->run_id == run0 + 1, "the run reopened %d times", (int)(s->run_id - run0));
    /* the Playground's switch reads the same setting: Rotate is on there */
    CHECK(s->open && nn_augment_active(&nn_trainer_desc(s->run.trainer)->augment) &&
          nn_trainer_desc(s->run.trainer)->augment.amount[NN_AUG_ROTATE] == 45.0f);
    /* None: everything off */
    w = robot_find_label(&R, "None", UI_W_BUTTON);
    CHECK(w && robot_click(&R, robot_cx(w->rect), robot_cy(w->rect)) == 0);
    session_wait(s);
    CHECK(!nn_augment_active(&s->cfg.train.augment));
    robot_close(&R);
    return 0;
}

/* On the spiral: no cards, no batch; the button opens fashion-small. */
static int plane_offers_images(void)
{
    robot R;
    CHECK(robot_open(&R, 1280, 720, 1.0f, "lessons") == 0);
    R.a->view = view_index("augment");
    CHECK(robot_frames(&R, 2) == 0);
    CHECK(!nn_config_is_images(&R.a->s.cfg));
    CHECK(robot_find_label(&R, "Rotate", UI_W_SLIDER) == NULL);
    SDL_Rect cells[4];
    CHECK(augment_view_batch_cells(app_view_state(R.a, R.a->view), cells, 4, NULL) == 0);
    const ui_widget_info *w = robot_find_label(&R, "Switch to fashion-small", UI_W_BUTTON);
    CHECK(w && !w->locked);
    CHECK(robot_click(&R, robot_cx(w->rect), robot_cy(w->rect)) == 0);
    session_wait(&R.a->s);
    CHECK(robot_frames(&R, 2) == 0);
    CHECK(strcmp(nn_config_data_name(&R.a->s.cfg), "fashion-small") == 0 && R.a->s.open);
    CHECK(robot_find_label(&R, "Rotate", UI_W_SLIDER) != NULL);
    robot_close(&R);
    return 0;
}

/* Beside a lesson's narration at a projector's size (1280x720 and 1024x768,
 * zoom 1.5) the panel is narrow: Prev, Next and Random each show their whole
 * label (three a row read "Prev", "Next", "Rando"). */
static int buttons_whole_beside_a_lesson(void)
{
    static const struct { int w, h; } S[] = { { 1280, 720 }, { 1024, 768 } };
    for (size_t k = 0; k < sizeof S / sizeof S[0]; k++) {
        robot R;
        CHECK(open_images(&R, S[k].w, S[k].h, 1.5f) == 0);
        player_open(R.a, "lessons/07_data_augmentation.lesson");
        CHECK(robot_frames(&R, 2) == 0);
        R.a->view = view_index("augment");
        CHECK(robot_frames(&R, 2) == 0);
        CHECK(R.a->view == view_index("augment") && player_lesson_open(R.a));
        static const char *const B[3] = { "Prev", "Next", "Random" };
        for (int i = 0; i < 3; i++) {
            const ui_widget_info *b = robot_find_label(&R, B[i], UI_W_BUTTON);
            CHECK_MSG(b && robot_visible(&R, b->rect), "%dx%d: no button %s", S[k].w, S[k].h, B[i]);
            const int need = gfx_text_width(R.a->fonts, GFX_FONT_SMALL, B[i]) + 2 * (int)lroundf(4 * 1.5f);
            CHECK_MSG(b->rect.w >= need, "%dx%d zoom 1.5: button '%s' %d px wide for %d px of label", S[k].w, S[k].h,
                      B[i], b->rect.w, need);
        }
        robot_close(&R);
    }
    return 0;
}

static const test_case CASES[] = {
    { "buttons_whole_beside_a_lesson", buttons_whole_beside_a_lesson },
    { "grid_1280x720", grid_1280x720 },
    { "grid_1024x600_zoom15", grid_1024x600_zoom15 },
    { "grid_1280x720_zoom15", grid_1280x720_zoom15 },
    { "slider_sets_augment_on_release", slider_sets_augment_on_release },
    { "plane_offers_images", plane_offers_images },
};
TEST_MAIN(CASES)
