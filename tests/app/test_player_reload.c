/* tests/app/test_player_reload.c - a lesson that (re)loads its configuration
 * gives the Playground a new run id, so nothing a view keeps of the old run
 * (the image grid keeps the data set's class names) is used after the old
 * data are freed. Found by the lesson robot once a lesson left the data set
 * unlocked: picking Fashion-MNIST, then Back (a reload) crashed in the grid.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "app_fixture.h"
#include "lesson/lesson_session.h"
#include "nn/status.h"
#include "shell/player.h"
#include "test.h"

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
    for (int i = 0; i < 3; i++) { frame_player_tick(a); frame_render_only(a); }   /* the grid picks its samples */
    const uint64_t before = a->s.run_id;
    CHECK(before >= 1);
    frame_player_open(a, path);                    /* loads the lesson's configuration: a new session */
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
    for (int i = 0; i < 3; i++) { frame_player_tick(a); frame_render_only(a); }
    close_fixture(&fx);
    remove(path);
    return 0;
}

static const test_case CASES[] = {
    { "reload_gives_a_new_run_id", reload_gives_a_new_run_id },
};
TEST_MAIN(CASES)
