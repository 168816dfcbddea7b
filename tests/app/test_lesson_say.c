/* tests/app/test_lesson_say.c - conditions in the learner's words.
 *
 * lesson_cond_say tells a held and a failed condition with the measured
 * values (worked out here from the run's history) and none of the checker's
 * syntax; lesson_cond_goal words a wait; a setting's label comes from the
 * engine's settings table, which gives every setting one.
 */
#include <stdio.h>
#include <string.h>

#include "lesson/lesson.h"
#include "lesson/lesson_internal.h"
#include "lesson/lesson_session.h"
#include "test.h"

/* A headless run of 4 epochs on a small problem, and its one runview. */
static int open_run(lesson_host *h, lesson_runview *rv)
{
    nn_config c = nn_config_default();
    CHECK(nn_config_set(&c, "data", "moons", NULL) == 0);
    CHECK(nn_config_set(&c, "samples", "100", NULL) == 0);
    CHECK(nn_config_set(&c, "layers", "4", NULL) == 0);
    CHECK(lesson_headless_init(h) == 0);
    CHECK(h->load(h->user, &c) == 0);
    CHECK(h->runs(h->user, rv, LESSON_MAX_RUNS) == 1);
    for (int i = 0; i < 12; i++) CHECK(h->step(h->user, 0) == 0);       /* 12 updates: a few epochs */
    return 0;
}

static int say(const char *text, const lesson_runview *rv, char *out, size_t n)
{
    lesson_cond c;
    char msg[200];
    CHECK_MSG(lesson_cond_parse(text, NULL, 0, rv->cfg, &c, msg, sizeof msg) == 0, "%s: %s", text, msg);
    const int held = lesson_cond_eval(&c, rv, 1, NULL, 0);
    lesson_cond_say(&c, rv, 1, held, out, n);
    return 0;
}

static int held_and_failed(void)
{
    lesson_host h;
    lesson_runview rv[LESSON_MAX_RUNS];
    CHECK(open_run(&h, rv) == 0);
    int n;
    const nn_metrics *m = nn_trainer_history(rv[0].run->trainer, &n);
    CHECK(n >= 3);
    const int e = m[n - 1].epoch;
    char got[300], want[300];
    CHECK(say("epoch >= 2", rv, got, sizeof got) == 0);
    snprintf(want, sizeof want, "The number of epochs trained: %d (at least 2).", e);
    CHECK_MSG(!strcmp(got, want), "'%s' vs '%s'", got, want);
    CHECK(say("epoch < 2", rv, got, sizeof got) == 0);
    snprintf(want, sizeof want, "The number of epochs trained: %d, not less than 2.", e);
    CHECK_MSG(!strcmp(got, want), "'%s' vs '%s'", got, want);
    CHECK(say("epoch == 2", rv, got, sizeof got) == 0);
    snprintf(want, sizeof want, "The number of epochs trained: %d, not equal to 2.", e);
    CHECK_MSG(!strcmp(got, want), "'%s' vs '%s'", got, want);
    CHECK(say("act == tanh", rv, got, sizeof got) == 0);
    CHECK_MSG(!strcmp(got, "The activation: relu, not tanh."), "%s", got);
    CHECK(say("not diverged", rv, got, sizeof got) == 0);
    CHECK_MSG(!strcmp(got, "Training did not diverge."), "%s", got);
    CHECK(say("spread(train_loss, 3) > 100", rv, got, sizeof got) == 0);
    CHECK_MSG(strstr(got, "The range of the training loss over the last 3 epochs: ") && strstr(got, ", not more than 100."),
              "%s", got);
    CHECK(!strchr(got, '(') && !strchr(got, '>'));
    lesson_headless_free(&h);
    return 0;
}

static int goals(void)
{
    lesson_cond c;
    char msg[200], got[300];
    const nn_config base = nn_config_default();
    CHECK(lesson_cond_parse("dev_acc >= 0.9", NULL, 0, &base, &c, msg, sizeof msg) == 0);
    lesson_cond_goal(&c, got, sizeof got);
    CHECK_MSG(!strcmp(got, "the dev accuracy at least 0.9"), "%s", got);
    CHECK(lesson_cond_parse("rises(train_loss) == 0", NULL, 0, &base, &c, msg, sizeof msg) == 0);
    lesson_cond_goal(&c, got, sizeof got);
    CHECK_MSG(!strcmp(got, "times the training loss went up equal to 0"), "%s", got);
    int n;
    const nn_setting *s = nn_config_settings(&n);
    for (int i = 0; i < n; i++) CHECK_MSG(s[i].label && s[i].label[0], "%s has no label", s[i].name);
    return 0;
}

static const test_case CASES[] = {
    { "held_and_failed", held_and_failed },
    { "goals", goals },
};
TEST_MAIN(CASES)
