/* tests/app/test_lesson_labs.c - the lesson vocabulary of the labs.
 *
 * Parser: lab settings, `N surface updates`, `reset: surface` and lab metrics
 * are accepted; each misuse is refused naming file:line (and "did you mean").
 * Session: tests/lessons/good_labs.lesson passes headless; a wrong claim
 * fails; the conditions are told in plain words; in the window a run of
 * surface updates is paced over frames; Back replays the labs from their
 * start; locks and highlights of lab settings are marks like the others'.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "labs/ewa_lab.h"
#include "labs/surface_lab.h"
#include "lesson/lesson.h"
#include "lesson/lesson_internal.h"
#include "lesson/lesson_session.h"
#include "nn/status.h"
#include "lesson_fixture.h"
#include "test.h"

#define HEAD "lesson: T\norder: 1\n\nSummary.\n\n"

static const bad_lesson BAD[] = {
    { HEAD "step: S\nText.\nset: surface.adam.lr = -1\n", 8, "surface.adam.lr expects a number" },
    { HEAD "step: S\nText.\nset: surface.adam.lrr = 0.1\n", 8, "did you mean 'surface.adam.lr'" },
    { HEAD "set: surface.fn = rosenbrok\nstep: S\nText.\n", 6, "surface.fn expects bowl|rosenbrock|beale" },
    { HEAD "step: S\nText.\nset: surface.sgd.beta = 0.9\n", 8, "unknown lab setting 'surface.sgd.beta'" },
    { HEAD "step: S\nText.\nset: ewa.beta = 1\n", 8, "ewa.beta expects a number in [0, 1), got '1'" },
    { HEAD "step: S\nText.\nset: ewa.betta = 0.5\n", 8, "did you mean 'ewa.beta'" },
    { HEAD "step: S\nText.\nset: surface.start\n", 8, "needs a value" },
    { HEAD "step: S\nText.\ncompare: surface.adam.lr = 0.1 | 0.2\n", 8, "is a lab's setting" },
    { HEAD "step: S\nText.\nrun: 30 surface updatse\n", 8, "did you mean 'surface update" },
    { HEAD "step: S\nText.\nrun: 0 surface updates\n", 8, "surface updates must be from 1" },
    { HEAD "step: S\nText.\nrun: until adam.dist < 0.1\n", 8, "run until trains the network" },
    { HEAD "step: S\nText.\nreset: surfaces\n", 8, "reset expects 'same seed'" },
    { HEAD "step: S\nText.\ncheck: adam.dst < 0.1\n", 8, "did you mean 'adam.dist'" },
    { HEAD "step: S\nText.\ncheck: ewa.raw < 1\n", 8, "ewa.raw needs a day in brackets" },
    { HEAD "step: S\nText.\ncheck: ewa.raw(400) < 1\n", 8, "the day must be from 1 to 365" },
    { HEAD "step: S\nText.\ncheck: ewa.median(3) < 1\n", 8, "the averages have no metric 'median'" },
    { HEAD "step: S\nText.\ncheck: adam.dist\n", 8, "not a yes/no metric" },
    { HEAD "step: S\nText.\ncheck: min(adam.dist) < 1\n", 8, "needs a metric recorded every epoch" },
    { HEAD "step: S\nText.\nlock: surface.adm.lr\n", 8, "did you mean 'surface.adam.lr'" },
};

static int parse_errors_name_the_line(void)
{
    if (lessons_fail_as_told(BAD, sizeof BAD / sizeof BAD[0], "lab.lesson")) return 1;
    return 0;
}

static const char GOOD[] =
    HEAD
    "set: surface.fn = plateau\n"
    "lock: surface.fn, surface.adam.lr\n"
    "step: S\nText.\n"
    "highlight: surface.start\n"
    "set: surface.adam.beta2 = 0.99\n"
    "run: 300 surface updates\n"
    "check: adam.reached < sgd.reached\n"
    "check: adam.dist < 0.05\n"
    "check: ewa.raw(1) < 0.2 * ewa.temp(1)\n"
    "step: T\nMore.\n"
    "unlock: surface.fn\n"
    "reset: surface\n"
    "run: 7 surface updates\n"
    "check: momentum.updates == 7\n";

/* The parsed form: lab actions and operands as the session and the player read them. */
static int parse_lab_actions(void)
{
    lesson_error e;
    lesson *L = lesson_parse(GOOD, strlen(GOOD), "good", &e);
    CHECK_MSG(L, "%s", e.text);
    CHECK(L->n_setup == 2 && L->setup[0].kind == LESSON_SET && !strcmp(L->setup[0].name, "surface.fn"));
    const lesson_step *s = &L->steps[0];
    CHECK(s->actions[2].kind == LESSON_RUN && s->actions[2].unit == LESSON_SURFACE_UPDATES &&
          s->actions[2].count == 300);
    const lesson_cond *c = &s->actions[3].cond;
    CHECK(c->a.lab == LESSON_LAB_SURFACE && c->a.lane == NN_OPT_ADAM && !strcmp(c->a.name, "reached"));
    CHECK(c->b.lab == LESSON_LAB_SURFACE && c->b.lane == NN_OPT_SGD);
    c = &s->actions[5].cond;
    CHECK(c->a.lab == LESSON_LAB_EWA && c->a.arg == 1 && c->b.lab == LESSON_LAB_EWA && c->b.number == 0.2);
    CHECK(lesson_cond_lab_only(c));
    CHECK(L->steps[1].actions[1].kind == LESSON_RESET && L->steps[1].actions[1].count == 2);
    char text[120];
    lesson_action_text(&s->actions[2], text, sizeof text);
    CHECK_MSG(!strcmp(text, "run 300 surface updates"), "%s", text);
    lesson_action_text(&L->steps[1].actions[1], text, sizeof text);
    CHECK(!strcmp(text, "reset surface"));
    /* The network's settings are untouched by lab settings. */
    const nn_config base = lesson_base_config(L), def = nn_config_default();
    CHECK(base.train.lr == def.train.lr);
    /* A compared run labelled like an optimizer keeps its metrics; what it lacks is the lab's. */
    static const char CMP[] = HEAD "step: S\nText.\ncompare: opt = sgd | adam\n"
                              "check: adam.train_loss > 0\ncheck: adam.dist >= 0\n";
    lesson *C = lesson_parse(CMP, strlen(CMP), "cmp", &e);
    CHECK_MSG(C, "%s", e.text);
    CHECK(C->steps[0].actions[1].cond.a.lab == LESSON_LAB_NONE && C->steps[0].actions[1].cond.a.metric >= 0);
    CHECK(C->steps[0].actions[2].cond.a.lab == LESSON_LAB_SURFACE);
    lesson_free(C);
    lesson_free(L);
    return 0;
}

/* Runs a lesson text headless; returns lesson_run_file's code, the output in buf. */
static int run_text(const char *text, char *buf, size_t n)
{
    char path[] = "/tmp/nnlab_lablesson_XXXXXX";
    const int fd = mkstemp(path);
    if (fd < 0) return -1;
    FILE *f = fdopen(fd, "w");
    if (!f) return -1;
    fputs(text, f);
    fclose(f);
    FILE *out = tmpfile();
    if (!out) return -1;
    const int rc = lesson_run_file(path, out, out);
    rewind(out);
    const size_t got = fread(buf, 1, n - 1, out);
    buf[got] = '\0';
    fclose(out);
    remove(path);
    return rc;
}

static int good_lesson_passes(void)
{
    FILE *out = tmpfile();
    CHECK(out);
    const int rc = lesson_run_file("tests/lessons/good_labs.lesson", out, out);
    char buf[4096];
    rewind(out);
    buf[fread(buf, 1, sizeof buf - 1, out)] = '\0';
    fclose(out);
    CHECK_MSG(rc == 0, "rc %d:\n%s", rc, buf);
    CHECK_MSG(strstr(buf, "PASS sgd.dist=0.0625 ~ 0.0625") && strstr(buf, "sgd.reached=5 == 5"), "%s", buf);
    CHECK_MSG(strstr(buf, "4 steps, 13 checkpoints, all passed"), "%s", buf);
    CHECK_MSG(run_text(GOOD, buf, sizeof buf) == 0, "%s", buf);
    CHECK_MSG(strstr(buf, "momentum.updates=7 == 7"), "%s", buf);
    return 0;
}

/* A false claim fails and says what was measured. */
static int wrong_claim_fails(void)
{
    static const char TEXT[] = HEAD "set: surface.fn = plateau\nstep: S\nText.\n"
                               "run: 300 surface updates\ncheck: sgd.reached < adam.reached\n"
                               "check: ewa.corrected(1) < 0.5 * ewa.temp(1)\n";
    char buf[4096];
    const int rc = run_text(TEXT, buf, sizeof buf);
    CHECK_MSG(rc == 1, "rc %d:\n%s", rc, buf);
    CHECK_MSG(strstr(buf, "FAIL sgd.reached=inf < adam.reached=") && strstr(buf, "(line 10); ewa.corrected(1)="),
              "%s", buf);
    CHECK_MSG(strstr(buf, "all passed") == NULL && strstr(buf, "FAILED"), "%s", buf);
    return 0;
}

/* Conditions in the learner's words. */
static int said_for_a_learner(void)
{
    static const char TEXT[] = HEAD "set: surface.fn = plateau\nstep: S\nText.\n"
                               "run: 300 surface updates\n"
                               "check: adam.reached < sgd.reached\n"
                               "check: sgd.reached < adam.reached\n"
                               "check: momentum.dist < 0.1\n"
                               "check: ewa.raw(1) < 0.2 * ewa.temp(1)\n"
                               "set: ewa.beta = 0.5\n"
                               "check: ewa.window ~ 2\n"
                               "check: not adam.diverged\n"
                               "check: rmsprop.turns > 100\n";
    lesson_error e;
    lesson *L = lesson_parse(TEXT, strlen(TEXT), "say", &e);
    CHECK_MSG(L, "%s", e.text);
    lesson_host h;
    CHECK(lesson_headless_init(&h) == 0);
    lesson_session *s = lesson_session_create(L, &h, 1);
    CHECK(s && lesson_session_enter(s, 0) == 0 && lesson_session_tick(s, 60.0) == LESSON_DONE);
    int n;
    const lesson_result *r = lesson_session_results(s, &n);
    CHECK(n == 7);
    /* The values the labs hold (test_labs checks those against the engine). */
    double reached, dist, turns, raw_09, temp;
    CHECK(slab_metric(h.slab, NN_OPT_ADAM, "reached", &reached) == NN_OK && reached > 10 && reached < 300);
    CHECK(slab_metric(h.slab, NN_OPT_MOMENTUM, "dist", &dist) == NN_OK && dist > 1);
    CHECK(slab_metric(h.slab, NN_OPT_RMSPROP, "turns", &turns) == NN_OK && turns > 100);
    CHECK(ewa_lab_set(h.ewa, "ewa.beta", "0.9") == NN_OK);
    CHECK(ewa_metric(h.ewa, "raw", 1, &raw_09) == NN_OK && ewa_metric(h.ewa, "temp", 1, &temp) == NN_OK);
    char want[7][300];
    snprintf(want[0], sizeof want[0], "Updates Adam needed to come within 0.05 of a minimum: %.0f "
             "(fewer than SGD's: not yet in 300 updates).", reached);
    snprintf(want[1], sizeof want[1], "Updates SGD needed to come within 0.05 of a minimum: not yet in 300 "
             "updates, not fewer than Adam's (%.0f).", reached);
    snprintf(want[2], sizeof want[2], "Momentum's distance to the nearest minimum: %.4g, not less than 0.1.", dist);
    /* each average said with the beta it was measured for, though the step changes beta after it */
    snprintf(want[3], sizeof want[3], "The uncorrected average for beta 0.9 on day 1: %.4g (less than 0.2 times the "
             "temperature on day 1: %.4g).", raw_09, temp);
    snprintf(want[4], sizeof want[4], "The days the average for beta 0.5 remembers, 1 / (1 - beta): 2 (about 2).");
    snprintf(want[5], sizeof want[5], "Adam did not diverge.");
    snprintf(want[6], sizeof want[6], "Times RMSprop's path turned back: %.0f (more than 100).", turns);
    for (int i = 0; i < n; i++) CHECK_MSG(!strcmp(r[i].said, want[i]), "said '%s'\nwant '%s'", r[i].said, want[i]);
    CHECK(r[0].pass && !r[1].pass && !r[2].pass && r[3].pass && r[4].pass && r[5].pass && r[6].pass);
    lesson_session_destroy(s);
    lesson_headless_free(&h);
    lesson_free(L);
    return 0;
}

/* In the window: surface updates spread over frames; Back replays from the labs' start; marks. */
static int player_pacing_back_and_marks(void)
{
    lesson_error e;
    lesson *L = lesson_parse(GOOD, strlen(GOOD), "good", &e);
    CHECK_MSG(L, "%s", e.text);
    lesson_host h;
    CHECK(lesson_headless_init(&h) == 0);
    CHECK(slab_set(h.slab, "surface.fn", "beale") == NN_OK);     /* left over from before: the lesson resets it */
    lesson_session *s = lesson_session_create(L, &h, 0);
    CHECK(s && lesson_session_enter(s, 0) == 0);
    CHECK(lesson_session_tick(s, 10.0) == LESSON_RUNNING);
    CHECK(h.slab->base.surf.kind == NN_SURF_PLATEAU && h.slab->lane[NN_OPT_ADAM].opt.beta2 == 0.99f);
    CHECK_MSG(h.slab->steps == 3, "%d updates in the first frame", h.slab->steps);
    int frames = 1;                                             /* 3 updates a frame: 100 frames */
    for (lesson_phase ph = LESSON_RUNNING; ph == LESSON_RUNNING; frames++) ph = lesson_session_tick(s, 10.0);
    CHECK_MSG(frames == 100 && h.slab->steps == 300, "%d frames, %d updates", frames, h.slab->steps);
    CHECK(lesson_session_phase(s) == LESSON_DONE);
    CHECK(lesson_session_marks(s, "surface.fn") == LESSON_MARK_LOCK);
    CHECK(lesson_session_marks(s, "surface.adam.lr") == LESSON_MARK_LOCK);
    CHECK(lesson_session_marks(s, "surface.start") == LESSON_MARK_HIGHLIGHT);
    int n;
    const lesson_result *r = lesson_session_results(s, &n);
    CHECK(n == 3 && r[0].pass && r[1].pass && r[2].pass);
    const float adam_x = h.slab->lane[NN_OPT_ADAM].walk.cur.x;

    CHECK(lesson_session_next(s) == 1);
    while (lesson_session_tick(s, 10.0) == LESSON_RUNNING) {}
    CHECK(lesson_session_phase(s) == LESSON_DONE && h.slab->steps == 7);
    CHECK(lesson_session_marks(s, "surface.fn") == 0 && lesson_session_marks(s, "surface.adam.lr") == LESSON_MARK_LOCK);
    /* The learner changes the lab by hand, then goes Back: the replay starts from the lesson's own start. */
    CHECK(slab_set(h.slab, "surface.fn", "camel") == NN_OK);
    CHECK(lesson_session_enter(s, 0) == 0);
    CHECK(lesson_session_tick(s, 10.0) == LESSON_RUNNING);
    while (lesson_session_tick(s, 10.0) == LESSON_RUNNING) {}
    CHECK(h.slab->base.surf.kind == NN_SURF_PLATEAU && h.slab->steps == 300);
    CHECK(h.slab->lane[NN_OPT_ADAM].walk.cur.x == adam_x);
    lesson_session_destroy(s);
    lesson_headless_free(&h);
    lesson_free(L);
    return 0;
}

/* A host without labs: a lesson that needs one stops with a clear error. */
static int host_without_labs(void)
{
    lesson_error e;
    lesson *L = lesson_parse(GOOD, strlen(GOOD), "good", &e);
    CHECK_MSG(L, "%s", e.text);
    lesson_host h;
    CHECK(lesson_headless_init(&h) == 0);
    lesson_host bare = h;
    bare.slab = NULL;
    bare.ewa = NULL;
    lesson_session *s = lesson_session_create(L, &bare, 1);
    CHECK(s && lesson_session_enter(s, 0) == 0);
    CHECK(lesson_session_tick(s, 10.0) == LESSON_ERROR);
    CHECK_MSG(strstr(lesson_session_error(s), "good:6: this lesson uses the surface lab"), "%s",
              lesson_session_error(s));
    lesson_session_destroy(s);
    lesson_headless_free(&h);
    lesson_free(L);
    return 0;
}

static const test_case CASES[] = {
    { "parse_errors_name_the_line", parse_errors_name_the_line },
    { "parse_lab_actions", parse_lab_actions },
    { "good_lesson_passes", good_lesson_passes },
    { "wrong_claim_fails", wrong_claim_fails },
    { "said_for_a_learner", said_for_a_learner },
    { "player_pacing_back_and_marks", player_pacing_back_and_marks },
    { "host_without_labs", host_without_labs },
};
TEST_MAIN(CASES)
