/* tests/app/test_screen_text.c - the words the window shows, read where
 * they are drawn.
 *
 * Every paragraph the app draws goes through gfx_text_wrap (the narration,
 * the checkpoints under it, the wait prompt, the views' text panels). This
 * program is linked with `--wrap=gfx_text_wrap` (tests/CMakeLists.txt), so
 * each call with draw = 1 reaches __wrap_gfx_text_wrap below first, which
 * keeps the text of the frame and draws it as usual. Then:
 *
 *   - a learner running the shipped lessons in the player never sees the
 *     checker's syntax ("ok:", "rises(", ">="): checkpoints are told in plain
 *     words, with the value the history really has;
 *   - the race panel names the setting a lesson's comparison changes (the
 *     optimizer, the learning-rate decay), not the batch size, and still
 *     names the batch size in the plain batch race;
 *   - the schedule view's rate for epoch E is the CSV's lr of row E (the
 *     trainer's history row, which nnlab-train writes) and the formula's.
 */
#include <SDL.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "draw/font.h"
#include "lesson/lesson.h"
#include "shell/app.h"
#include "shell/frame.h"
#include "player/player.h"
#include "shell/race.h"
#include "lesson_fixture.h"
#include "test.h"
#include "app_fixture.h"
#include "views/view.h"

/* ---- the text drawn in the current frame ---- */

static char drawn[64 * 1024];
static size_t drawn_len;

int __real_gfx_text_wrap(gfx_fonts *f, gfx_font_id id, SDL_Rect area, SDL_Color c, const char *s, int draw);
int __wrap_gfx_text_wrap(gfx_fonts *f, gfx_font_id id, SDL_Rect area, SDL_Color c, const char *s, int draw);
int __wrap_gfx_text_wrap(gfx_fonts *f, gfx_font_id id, SDL_Rect area, SDL_Color c, const char *s, int draw)
{
    if (draw && s) {
        const int w = snprintf(drawn + drawn_len, sizeof drawn - drawn_len, "%s\n---\n", s);
        if (w > 0) drawn_len = drawn_len + (size_t)w < sizeof drawn ? drawn_len + (size_t)w : sizeof drawn - 1;
    }
    return __real_gfx_text_wrap(f, id, area, c, s, draw);
}

/* One frame of the player and the view; `drawn` holds its text afterwards. */
static void frame(app *a)
{
    drawn_len = 0;
    drawn[0] = '\0';
    player_tick(a);
    frame_render_only(a);
}

/* Tick the lesson (in the player's own small slices) until the step is no
 * longer running; then one frame more, whose text is kept. */
static lesson_phase settle(app *a)
{
    for (int i = 0; i < 100000; i++) {
        const lesson_phase ph = lesson_session_phase(a->player->ls);
        if (ph != LESSON_RUNNING && ph != LESSON_CATCHING_UP) break;
        player_tick(a);
    }
    frame(a);
    return lesson_session_phase(a->player->ls);
}

static void press(app *a, SDL_Keycode k)
{
    SDL_KeyboardEvent e = { .type = SDL_KEYDOWN, .keysym = { .sym = k } };
    player_key(a, &e);
}

static const char *const CHECKER_SYNTAX[] = { "ok:", "FAILED:", "rises(", "spread(", "min(", ">=", "<=", "==",
                                              "train_loss", "dev_acc", "PASS" };

static const char *checker_syntax_in(const char *text)
{
    for (size_t i = 0; i < sizeof CHECKER_SYNTAX / sizeof CHECKER_SYNTAX[0]; i++)
        if (strstr(text, CHECKER_SYNTAX[i])) return CHECKER_SYNTAX[i];
    return NULL;
}

/* Every step of every shipped lesson, as a learner goes through it in the
 * window (Next during a wait shows how): every checkpoint passes and
 * nothing drawn carries the checker's syntax. */
static int checkpoints_are_plain_words(void)
{
    static const char *const LESSONS[] = { "lessons/01_parameters.lesson", "lessons/12_gradient_descent_batch.lesson",
                                           "lessons/15_learning_rate_decay.lesson" };
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1600, 1000) == 0);
    app *a = f.a;
    int seen = 0;
    for (size_t k = 0; k < sizeof LESSONS / sizeof LESSONS[0]; k++) {
        player_open(a, LESSONS[k]);
        CHECK_MSG(a->player && a->player->ls, "%s did not open", LESSONS[k]);
        for (int step = 0; step < 100; step++) {
            lesson_phase ph = settle(a);
            if (ph == LESSON_WAIT_COND || ph == LESSON_WAIT_NEXT) { press(a, SDLK_RIGHT); ph = settle(a); }
            CHECK_MSG(ph == LESSON_DONE, "%s step %d: phase %d", LESSONS[k], step + 1, (int)ph);
            const char *bad = checker_syntax_in(drawn);
            CHECK_MSG(!bad, "%s step %d shows '%s':\n%s", LESSONS[k], step + 1, bad, drawn);
            int n;
            const lesson_result *r = lesson_session_results(a->player->ls, &n);
            for (int i = 0; i < n; i++) {
                CHECK_MSG(r[i].pass, "%s step %d: %s", LESSONS[k], step + 1, r[i].text);
                seen++;
            }
            if (lesson_session_finished(a->player->ls)) break;
            press(a, SDLK_RIGHT);
        }
    }
    CHECK_MSG(seen >= 30, "only %d checkpoints seen", seen);
    close_fixture(&f);
    return 0;
}

/* Lesson 3 step 1's `rises(train_loss, 10) >= 2` as the learner reads it:
 * the count is the one the run's history has (worked out here from the
 * rows), in words. */
static int a_checkpoint_reads_as_a_sentence(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1600, 1000) == 0);
    app *a = f.a;
    player_open(a, "lessons/15_learning_rate_decay.lesson");
    CHECK(a->player && a->player->ls);
    CHECK(settle(a) == LESSON_DONE);
    int n;
    const nn_metrics *h = nn_trainer_history(a->s.run.trainer, &n);
    CHECK(n == 61);
    int rises = 0;
    for (int i = n - 9; i < n; i++) rises += h[i].train_loss > h[i - 1].train_loss;
    char want[160];
    snprintf(want, sizeof want, "Times the training loss went up in the last 10 epochs: %d (at least 2).", rises);
    CHECK_MSG(strstr(drawn, want), "want '%s' in:\n%s", want, drawn);
    close_fixture(&f);
    return 0;
}

/* The race panel's notes for a lesson's comparison. */
static int race_notes_of(const char *lesson_text, char *notes, size_t n)
{
    char path[] = "/tmp/nnlab_race_XXXXXX";
    const int fd = mkstemp(path);
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    CHECK(out);
    fputs(lesson_text, out);
    fclose(out);
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1600, 1000) == 0);
    app *a = f.a;
    player_open(a, path);
    remove(path);
    CHECK(a->player && a->player->ls);
    CHECK(settle(a) == LESSON_DONE);
    CHECK(a->lesson_race && a->view == view_index("race"));
    const char *notes_at = strstr(drawn, "All runs start");
    if (!notes_at) notes_at = strstr(drawn, "Only the");
    CHECK_MSG(notes_at, "no race notes in:\n%s", drawn);
    snprintf(notes, n, "%s", notes_at);
    close_fixture(&f);
    return 0;
}

#define RACE_HEAD "lesson: Race\norder: 1\n\nA summary.\n\nset: data = moons\nset: samples = 100\nset: layers = 4\n" \
                  "set: batch = 8\n\nstep: S\nview: race\n"

/* A lesson racing optimizers: the panel says the optimizer differs, with
 * each lane's (named once: its name is its value); it does not claim the batch size does. Likewise two settings,
 * and the plain batch race (no lesson) still names the batch size. */
static int race_names_what_differs(void)
{
    char notes[4096];
    CHECK(race_notes_of(RACE_HEAD "compare: opt = sgd | adam\nrun: 1 epoch\nText.\n", notes, sizeof notes) == 0);
    CHECK_MSG(strstr(notes, "Only the **optimizer** differs"), "%s", notes);
    CHECK_MSG(strstr(notes, "- **sgd**\n- **adam**") && !strstr(notes, "**sgd**: sgd"), "%s", notes);   /* each lane's, once */
    CHECK_MSG(!strstr(notes, "batch size") && !strstr(notes, "Stochastic"), "%s", notes);

    CHECK(race_notes_of(RACE_HEAD "compare: opt = sgd | adam\ncompare: lr = 0.1 | 0.001\nlabels: slow | fast\n"
                                  "run: 1 epoch\nText.\n", notes, sizeof notes) == 0);
    CHECK_MSG(strstr(notes, "Only the **optimizer** and the **learning rate** differ"), "%s", notes);
    CHECK_MSG(strstr(notes, "**fast**: optimizer adam, learning rate 0.001"), "%s", notes);
    CHECK_MSG(!strstr(notes, "batch size"), "%s", notes);

    CHECK(race_notes_of(RACE_HEAD "compare: batch = 1 | all\nrun: 1 epoch\nText.\n", notes, sizeof notes) == 0);
    CHECK_MSG(strstr(notes, "Only the **batch size** differs") && strstr(notes, "**Stochastic**"), "%s", notes);

    /* the view's own race, outside a lesson */
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1600, 1000) == 0);
    CHECK(app_set_view(f.a, "race") == 0);
    frame(f.a);
    CHECK_MSG(strstr(drawn, "Only the **batch size** differs"), "%s", drawn);
    close_fixture(&f);
    return 0;
}

/* The first number after the first "**" that follows `at` in the drawn text. */
static double bold_number_after(const char *text, const char *at)
{
    const char *p = text;
    for (; *p; p++) {                                   /* case-insensitive strstr */
        size_t i = 0;
        while (at[i] && tolower((unsigned char)p[i]) == tolower((unsigned char)at[i])) i++;
        if (!at[i]) break;
    }
    if (!*p || !(p = strstr(p, "**"))) return -1;
    return strtod(p + 2, NULL);
}

/* Inverse decay, lr0 = 1, k = 0.2, after 10 epochs: the view shows the rate
 * used during epoch 10, 1 / (1 + 0.2 x 9) = 1 / 2.8, which is the lr of
 * history row 10 (the CSV's row 10); and during epoch 1 before training. */
static int schedule_shows_the_csv_rate(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1600, 1000) == 0);
    app *a = f.a;
    CHECK(session_set(&a->s, "data", "moons") == 0);
    CHECK(session_set(&a->s, "samples", "100") == 0);
    CHECK(session_set(&a->s, "lr", "1") == 0);
    CHECK(session_set(&a->s, "decay", "inverse") == 0);
    CHECK(session_set(&a->s, "decay-rate", "0.2") == 0);
    CHECK(app_set_view(a, "schedule") == 0);
    frame(a);
    CHECK_NEAR(bold_number_after(drawn, "epoch 1"), 1.0, 1e-6);
    for (int e = 0; e < 10; e++) CHECK(session_epoch(&a->s) == 0);
    frame(a);
    int n;
    const nn_metrics *h = nn_trainer_history(a->s.run.trainer, &n);
    CHECK(n == 11 && h[10].epoch == 10);
    const double shown = bold_number_after(drawn, "epoch 10");
    CHECK_MSG(shown > 0, "no rate for epoch 10 in:\n%s", drawn);
    CHECK_NEAR(shown, 1.0 / 2.8, 5e-4);                  /* the formula by hand, to the 4 digits shown */
    CHECK_NEAR(shown, h[10].lr, 5e-4);                   /* the CSV's lr of row 10 */
    CHECK_NEAR(h[10].lr, 1.0 / 2.8, 1e-6);
    close_fixture(&f);
    return 0;
}

/* A lesson whose `after:` names one not yet done says so on its card in the
 * browser ("Take first: 1. First lesson."), and no longer once it is done. */
static int browser_says_take_first(void)
{
    lesson_dir d;
    CHECK(lesson_dir_open(&d) == 0);
    CHECK(lesson_dir_write(&d, "01_one.lesson",
                           "lesson: First lesson\norder: 10\n\nOne.\n\nstep: S\nText.\n\nstep: T\nMore.\n") == 0);
    CHECK(lesson_dir_write(&d, "02_two.lesson", "lesson: Second lesson\norder: 20\nafter: 01_one\n\n"
                                                 "Builds on the first.\n\nstep: S\nText.\n") == 0);
    fixture fx;
    CHECK(open_fixture(&fx, 1.0f, 1280, 720) == 0);
    app *a = fx.a;
    a->opt.lessons_dir = d.dir;
    player_browse(a);
    frame(a);
    CHECK_MSG(strstr(drawn, "**Take first:** 1. First lesson.\nBuilds on the first."), "%s", drawn);
    char key[600];
    player_progress_key(d.path[0], key, sizeof key);
    prefs_set(&a->prefs, key, "1");           /* one step of two seen: not done */
    frame(a);
    CHECK(strstr(drawn, "Take first:"));
    prefs_set(&a->prefs, key, "2");           /* done */
    frame(a);
    CHECK_MSG(!strstr(drawn, "Take first:") && strstr(drawn, "Builds on the first."), "%s", drawn);
    close_fixture(&fx);
    lesson_dir_remove(&d);
    return 0;
}

static const test_case CASES[] = {
    { "browser_says_take_first", browser_says_take_first },
    { "checkpoints_are_plain_words", checkpoints_are_plain_words },
    { "a_checkpoint_reads_as_a_sentence", a_checkpoint_reads_as_a_sentence },
    { "race_names_what_differs", race_names_what_differs },
    { "schedule_shows_the_csv_rate", schedule_shows_the_csv_rate },
};
TEST_MAIN(CASES)
