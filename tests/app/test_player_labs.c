/* tests/app/test_player_labs.c - the player with the lab lessons.
 *
 * A lesson that (re)loads its configuration gives the Playground a new run
 * id, so nothing a view keeps of the old run (the image grid keeps the data
 * set's class names) is used after the old data are freed. Found by the
 * lesson robot once a lesson left the data set unlocked: picking
 * Fashion-MNIST, then Back (a reload) crashed in the grid.
 *
 * A learner who presses N (a new seed) during an image lesson starts a load
 * on a worker; the lesson's next run must wait for it, not read the run
 * that is not there (found by the lesson robot: a crash in run_some).
 *
 * A lesson's locks and highlights of the surface lab's settings mark the
 * Optimizer paths view's widgets, as a setting's mark its widget.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "app_fixture.h"
#include "lesson/lesson_session.h"
#include "nn/status.h"
#include "player/player.h"
#include "test.h"
#include "ui/ui_internal.h"

static const char LESSON[] =
    "lesson: Reload\norder: 1\n\nSummary.\n\n"
    "step: One\nText.\n"
    "step: Two\nMore text.\n";

static int reload_gives_a_new_run_id(void)
{
    char path[] = "/tmp/nnlab_reload_XXXXXX";
    const int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    CHECK(f && fputs(LESSON, f) >= 0);
    fclose(f);
    fixture fx;
    CHECK(open_fixture(&fx, 1.0f, 1280, 720) == 0);
    app *a = fx.a;
    CHECK(session_set(&a->s, "data", "fashion-small") == NN_OK);
    session_wait(&a->s);
    for (int i = 0; i < 3; i++) { player_tick(a); frame_render_only(a); }   /* the grid picks its samples */
    const uint64_t before = a->s.run_id;
    CHECK(before >= 1);
    player_open(a, path);                    /* loads the lesson's configuration: a new session */
    CHECK(a->player && a->player->ls);
    CHECK_MSG(a->s.run_id > before, "run id %llu after the reload, %llu before",
              (unsigned long long)a->s.run_id, (unsigned long long)before);
    const uint64_t opened = a->s.run_id;
    CHECK(lesson_session_enter(a->player->ls, 1) == 0);
    CHECK(lesson_session_tick(a->player->ls, 10.0) == LESSON_DONE && lesson_session_step(a->player->ls) == 1);
    CHECK(lesson_session_enter(a->player->ls, 0) == 0);   /* Back: reload again */
    CHECK(a->s.run_id > opened);
    /* The images again, and a frame: the grid takes the new data set's names. */
    CHECK(session_set(&a->s, "data", "fashion-small") == NN_OK);
    session_wait(&a->s);
    for (int i = 0; i < 3; i++) { player_tick(a); frame_render_only(a); }
    close_fixture(&fx);
    remove(path);
    return 0;
}

static const char IMAGE_LESSON[] =
    "lesson: Images\norder: 1\n\nSummary.\n\n"
    "set: data = fashion-small\nset: train-limit = 200\nset: layers = 16\nset: batch = 50\n"
    "step: One\nrun: 2 updates\nText.\ncheck: steps == 2\n"
    "step: Two\nrun: 3 updates\nMore.\ncheck: steps >= 3\n";

static int new_seed_while_an_image_lesson_runs(void)
{
    char path[] = "/tmp/nnlab_images_XXXXXX";
    const int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    CHECK(f && fputs(IMAGE_LESSON, f) >= 0);
    fclose(f);
    fixture fx;
    CHECK(open_fixture(&fx, 1.0f, 1280, 720) == 0);
    app *a = fx.a;
    player_open(a, path);
    CHECK(a->player && a->player->ls);
    CHECK(lesson_session_tick(a->player->ls, 10.0) == LESSON_DONE && lesson_session_step(a->player->ls) == 0);
    session_new_seed_async(&a->s);          /* N in the window: the images reload on a worker */
    CHECK(a->s.loading && !a->s.open);
    CHECK(lesson_session_enter(a->player->ls, 1) == 0);
    CHECK(lesson_session_tick(a->player->ls, 10.0) == LESSON_DONE);
    CHECK(a->s.open && !a->s.loading);
    int n = 0;
    const lesson_result *r = lesson_session_results(a->player->ls, &n);
    CHECK(n >= 1 && r[n - 1].pass);
    close_fixture(&fx);
    remove(path);
    return 0;
}

static int in_marks(const ui_id *list, int n, const char *label)
{
    const ui_id id = ui_label_id(label);
    for (int i = 0; i < n; i++) if (list[i] == id) return 1;
    return 0;
}

/* lessons/14 locks surface.fn and highlights surface.sgd.lr in its first step. */
static int lab_marks_reach_the_view(void)
{
    fixture fx;
    CHECK(open_fixture(&fx, 1.0f, 1280, 720) == 0);
    app *a = fx.a;
    player_open(a, "lessons/14_momentum_rmsprop_adam.lesson");
    CHECK(a->player && a->player->ls);
    for (int i = 0; i < 3; i++) { player_tick(a); frame_render_only(a); }
    CHECK(a->view == view_index("surface"));
    CHECK(in_marks(a->ui->locked, a->ui->n_locked, "Surface"));
    CHECK(in_marks(a->ui->highlight, a->ui->n_highlight, "SGD learning rate"));
    CHECK(!strcmp(a->lesson_focus, "surface.sgd.lr"));
    CHECK(!in_marks(a->ui->locked, a->ui->n_locked, "SGD learning rate"));
    /* The lesson drives the app's own lab. */
    CHECK(a->slab.base.surf.kind == NN_SURF_BOWL && a->slab.base.surf.cond == 100.0f);
    close_fixture(&fx);
    return 0;
}

static const test_case CASES[] = {
    { "reload_gives_a_new_run_id", reload_gives_a_new_run_id },
    { "new_seed_while_an_image_lesson_runs", new_seed_while_an_image_lesson_runs },
    { "lab_marks_reach_the_view", lab_marks_reach_the_view },
};
TEST_MAIN(CASES)
