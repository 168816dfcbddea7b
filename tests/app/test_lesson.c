/* tests/app/test_lesson.c - the lesson format, the session and the runner.
 *
 * Parser: a valid lesson read back field by field; every kind of error with
 * the exact line it must name; the malformed files under tests/lessons/
 * (their first line says "# expect-error: LINE: MESSAGE"); random damage to a
 * valid lesson never crashes. Session: a wait blocks until the learner acts,
 * Back replays. Runner: every lesson in lessons/ passes all its checkpoints.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lesson/lesson.h"
#include "lesson/lesson_internal.h"
#include "lesson/lesson_session.h"
#include "nn/rng.h"
#include "lesson_fixture.h"
#include "test.h"
#include "views/view.h"

static const char VALID[] =
    "# a comment\n"
    "lesson: Tiny lesson\n"
    "order: 7\n"
    "\n"
    "The summary, in one\n"
    "paragraph.\n"
    "\n"
    "set: data = moons\n"
    "set: samples = 200\n"
    "set: layers = 4\n"
    "set: epochs = 5\n"
    "view: playground\n"
    "lock: data\n"
    "\n"
    "step: First\n"
    "highlight: lr, play\n"
    "Some *emphasis* here\n"
    "and a second line.\n"
    "    lr = lr0 / (1 + k x epoch)\n"
    "- a list item\n"
    "\n"
    "Note: a capitalised word with a colon is narration.\n"
    "\\check: a backslash makes this narration too.\n"
    "run: 2 epochs   # comments may follow actions\n"
    "check: epoch == 2\n"
    "check: not diverged\n"
    "\n"
    "step: Second\n"
    "compare: batch = 1 | all\n"
    "compare: lr = 0.1 | 0.2\n"
    "run: 1 epoch\n"
    "wait: next\n"
    "Compare them.\n"
    "check: run1.steps > 10 * run2.steps\n"
    "check: rises(run2.train_loss) == 0\n"
    "\n"
    "step: Third\n"
    "compare: off\n"
    "wait: lr < 0.05\n"
    "learner: set lr = 0.01\n"
    "Lower the learning rate.\n"
    "check: lr ~ 0.01\n"
    "check: act == relu\n";

static int parse_valid(void)
{
    lesson_error e;
    lesson *L = lesson_parse(VALID, strlen(VALID), "valid", &e);
    CHECK_MSG(L, "%s", e.text);
    CHECK(strcmp(L->title, "Tiny lesson") == 0);
    CHECK(L->order == 7);
    CHECK(strcmp(L->summary, "The summary, in one paragraph.") == 0);
    CHECK(L->n_setup == 6);
    nn_config c = lesson_base_config(L);
    CHECK(c.data.samples == 200 && c.n_hidden == 1 && c.hidden[0] == 4 && c.epochs == 5);
    CHECK(L->n_steps == 3);

    const lesson_step *s = &L->steps[0];
    CHECK(strcmp(s->title, "First") == 0 && s->line == 15);
    CHECK(s->n_paras == 2);
    CHECK(strcmp(s->paras[0], "Some *emphasis* here and a second line.\n"
                              "lr = lr0 / (1 + k x epoch)\n- a list item") == 0);
    CHECK(strncmp(s->paras[1], "Note: a capitalised", 19) == 0);
    CHECK(strstr(s->paras[1], "is narration. check: a backslash makes"));
    CHECK(s->n_actions == 4);
    CHECK(s->actions[0].kind == LESSON_HIGHLIGHT && s->actions[0].n_names == 2);
    CHECK(s->actions[1].kind == LESSON_RUN && s->actions[1].unit == LESSON_EPOCHS && s->actions[1].count == 2);
    CHECK(s->actions[1].line == 24);
    CHECK(s->actions[3].kind == LESSON_CHECK && s->actions[3].cond.op == LESSON_TRUTH && s->actions[3].cond.negate);

    s = &L->steps[1];
    CHECK(s->n_actions == 5);
    const lesson_compare *cmp = &s->actions[0].cmp;
    CHECK(cmp->n_runs == 2 && cmp->n_settings == 2);
    CHECK(strcmp(cmp->labels[0], "run1") == 0 && strcmp(cmp->labels[1], "run2") == 0);
    CHECK(strcmp(cmp->values[1][1], "0.2") == 0);
    CHECK(s->actions[2].kind == LESSON_WAIT && s->actions[2].next);
    const lesson_cond *k = &s->actions[3].cond;
    CHECK(k->op == LESSON_GT && strcmp(k->a.label, "run1") == 0 && k->b.number == 10.0);
    CHECK(s->actions[4].cond.a.fn == LESSON_FN_RISES);

    s = &L->steps[2];
    CHECK(s->actions[0].kind == LESSON_COMPARE && s->actions[0].cmp.n_runs == 0);
    CHECK(s->actions[2].learner && s->actions[2].kind == LESSON_SET && strcmp(s->actions[2].value, "0.01") == 0);
    CHECK(s->actions[4].cond.b.kind == LESSON_WORD);

    char text[128];
    lesson_action_text(&L->steps[1].actions[0], text, sizeof text);
    CHECK(strcmp(text, "compare batch = 1 | all; lr = 0.1 | 0.2") == 0);
    lesson_free(L);
    return 0;
}


#define HEAD "lesson: T\norder: 1\n\nSummary.\n\n"        /* 5 lines */
/* Each error: the lesson text, the line it must name, part of the message. */
static const bad_lesson BAD[] = {
    { HEAD "after: 13 averages\nstep: S\nText.\n", 6, "'13 averages' is not a lesson file name" },
    { HEAD "after: a, b, c, d, e\nstep: S\nText.\n", 6, "at most 4 lessons" },
    { HEAD "after: a,\nafter: b\nstep: S\nText.\n", 7, "already has an 'after:' line" },
    { HEAD "after: ,\nstep: S\nText.\n", 6, "expects lesson file names" },
    { HEAD "step: S\nText.\nafter: a\n", 8, "'after:' belongs at the top" },
    { HEAD "step: S\nText.\n\nchek: epoch > 1\n", 9, "unknown action 'chek' (did you mean 'check'?)" },
    { HEAD "step: S\nText.\nset: lrr = 0.1\n", 8, "unknown setting 'lrr' (did you mean 'lr'?)" },
    { HEAD "step: S\nText.\nset: lr = -1\n", 8, "lr expects" },
    { HEAD "step: S\nText.\nset: lr\n", 8, "set lr needs a value" },
    { HEAD "step: S\nText.\nview: rase\n", 8, "unknown view 'rase' (did you mean 'race'?)" },
    { HEAD "step: S\nText.\nview: schedul\n", 8, "unknown view 'schedul' (did you mean 'schedule'?)" },
    { HEAD "step: S\nText.\nview: attention\n", 8, "unknown view 'attention' (views: playground, layers, race, schedule" },
    { HEAD "step: S\nText.\nrun: 5 epocs\n", 8, "unknown unit 'epocs' (did you mean 'epochs'?)" },
    { HEAD "step: S\nText.\nrun: many epochs\n", 8, "run expects" },
    { HEAD "step: S\nText.\nrun: until dev_acc >\n", 8, "missing its value" },
    { HEAD "step: S\nText.\ncheck: dev_ac > 0.5\n", 8, "did you mean 'dev_acc'?" },
    { HEAD "step: S\nText.\ncheck: train_loss\n", 8, "not a yes/no metric" },
    { HEAD "step: S\nText.\ncheck: 1 < 2\n", 8, "compares two numbers" },
    { HEAD "step: S\nText.\ncheck: spread(train_loss, 1) < 2\n", 8, "N >= 2" },
    { HEAD "step: S\nText.\ncheck: min(diverged) < 2\n", 8, "recorded every epoch" },
    { HEAD "step: S\nText.\ncheck: first(train_loss, 3) > 0\n", 8, "first() takes no window" },
    { HEAD "step: S\nText.\ncheck: act == tahn\n", 8, "act expects relu|tanh" },
    { HEAD "step: S\nText.\ncheck: a.steps > 1\n", 8, "no comparison is running" },
    { HEAD "step: S\nText.\nhighlight: lr, lerning\n", 8, "unknown control 'lerning'" },
    { HEAD "step: S\nText.\ncompare: batch = 1\n", 8, "two or more values" },
    { HEAD "step: S\nText.\ncompare: batch = 1 | 2\ncompare: lr = 1 | 2 | 3\n", 9, "has 3 values" },
    { HEAD "step: S\nText.\ncompare: batch = 1 | 2\nlabels: a | a\n", 9, "used twice" },
    { HEAD "step: S\nText.\ncompare: batch = 1 | 2\nlabels: a\n", 9, "one name per compared run" },
    { HEAD "step: S\nText.\ncompare: batch = 1 | 2\nset: batch = 4\n", 9, "comparison in force varies" },
    { HEAD "step: S\nText.\ncompare: batch = 1 | 2\ncheck: steps > 1\n", 9, "say which one, e.g. 'run1.steps'" },
    { HEAD "step: S\nText.\ncompare: off\n", 8, "no comparison is running" },
    { HEAD "step: S\nText.\nwait: lr < 0.1\ncheck: epoch == 0\n", 8, "needs a 'learner:' line" },
    { HEAD "step: S\nText.\nwait: lr < 0.1\n", 8, "needs a 'learner:' line" },
    { HEAD "step: S\nText.\nlearner: set lr = 0.01\n", 8, "there is none" },
    { HEAD "step: S\nText.\nwait: lr < 0.1\nlearner: dance\n", 9, "learner: expects" },
    { HEAD "step: S\nText.\nlesson: again\n", 8, "belongs at the top" },
    { HEAD "run: 1 epoch\nstep: S\nText.\n", 6, "belongs inside a step" },
    { HEAD "step: S\n\nstep: T\nText.\n", 6, "has no narration" },
    { HEAD "step: S\nText.\nstep: T\n", 8, "has no narration" },
    { HEAD "step:\n", 6, "needs a title" },
    { "order: 1\n\nSummary.\n\nstep: S\nText.\n", 0, "no title" },
    { "lesson: T\n\nSummary.\n\nstep: S\nText.\n", 0, "no 'order: N' line" },
    { "lesson: T\norder: 1\nstep: S\nText.\n", 0, "no summary" },
    { HEAD, 0, "no steps" },
    { "lesson: T\norder: 1\n\nOne.\n\nTwo.\n\nstep: S\nText.\n", 6, "the summary is one paragraph" },
    { "lesson: T\norder: x\n", 2, "order expects" },
    { "", 0, "no title" },
};

static int parse_errors(void)
{
    if (lessons_fail_as_told(BAD, sizeof BAD / sizeof BAD[0], "bad.lesson")) return 1;
    return 0;
}

/* `view:` accepts exactly the views the program registers (views/view_list.h). */
static int views_are_the_registry(void)
{
    int n;
    const char *const *names = lesson_view_names(&n);
    CHECK(n == VIEW_COUNT);
    for (int i = 0; i < VIEW_COUNT; i++) {
        CHECK_MSG(lesson_view_known(VIEWS[i]->id), "view '%s' is not known to lessons", VIEWS[i]->id);
        CHECK(strcmp(names[i], VIEWS[i]->id) == 0);
    }
    const char *const absent[] = { "surfaces", "Surface", "averages", "attention", "Playground", "" };
    for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
        CHECK_MSG(!lesson_view_known(absent[i]) && !view_find(absent[i]), "'%s'", absent[i]);
    return 0;
}

static int parse_limits(void)
{
    lesson_error e;
    char *text = malloc(LESSON_MAX_BYTES + 10);
    CHECK(text);
    /* A line over the limit, on line 6. */
    int n = snprintf(text, 64, HEAD);
    memset(text + n, 'a', LESSON_MAX_LINE + 1);
    n += LESSON_MAX_LINE + 1;
    CHECK(!lesson_parse(text, (size_t)n, "long", &e) && e.line == 6 && strstr(e.msg, "longer than"));
    /* A NUL byte on line 2. */
    const char nul[] = "lesson: T\nord\0er: 1\n";
    CHECK(!lesson_parse(nul, sizeof nul - 1, "nul", &e) && e.line == 2 && strstr(e.msg, "NUL"));
    /* A file over the size limit. */
    memset(text, '\n', LESSON_MAX_BYTES + 1);
    CHECK(!lesson_parse(text, LESSON_MAX_BYTES + 1, "big", &e) && strstr(e.msg, "larger than"));
    /* Too many steps. */
    n = snprintf(text, 64, HEAD);
    for (int k = 0; k <= LESSON_MAX_STEPS; k++) n += snprintf(text + n, 64, "step: S%d\nText.\n", k);
    CHECK(!lesson_parse(text, (size_t)n, "steps", &e) && strstr(e.msg, "at most"));
    CHECK(e.line == 6 + 2 * LESSON_MAX_STEPS);
    free(text);
    /* CRLF line ends and a byte-order mark are fine. */
    const char crlf[] = "\xEF\xBB\xBFlesson: T\r\norder: 1\r\n\r\nSummary.\r\n\r\nstep: S\r\nText.\r\n";
    lesson *L = lesson_parse(crlf, sizeof crlf - 1, "crlf", &e);
    CHECK_MSG(L, "%s", e.text);
    CHECK(strcmp(L->title, "T") == 0 && strcmp(L->steps[0].paras[0], "Text.") == 0);
    lesson_free(L);
    return 0;
}

/* Every tests/lessons/bad_*.lesson fails at the line its first line names. */
static int malformed_files(void)
{
    DIR *d = opendir("tests/lessons");
    CHECK(d);
    int seen = 0;
    for (struct dirent *de; (de = readdir(d));) {
        if (strncmp(de->d_name, "bad_", 4) != 0) continue;
        char path[512], first[512];
        snprintf(path, sizeof path, "tests/lessons/%s", de->d_name);
        FILE *f = fopen(path, "r");
        CHECK(f && fgets(first, sizeof first, f));
        fclose(f);
        first[strcspn(first, "\n")] = '\0';
        int line = -1, off = 0;
        CHECK_MSG(sscanf(first, "# expect-error: %d: %n", &line, &off) == 1 && off > 0,
                  "%s: first line must be '# expect-error: LINE: MESSAGE'", path);
        lesson_error e;
        lesson *L = lesson_parse_file(path, &e);
        CHECK_MSG(!L, "%s parsed but must fail", path);
        CHECK_MSG(e.line == line && strstr(e.msg, first + off), "%s: got '%s', want line %d '%s'",
                  path, e.text, line, first + off);
        FILE *out = tmpfile();
        CHECK(out && lesson_check_file(path, out, out) == 2 && lesson_run_file(path, out, out) == 2);
        fclose(out);
        seen++;
    }
    closedir(d);
    CHECK(seen >= 5);
    CHECK(lesson_check_file("tests/lessons/good_minimal.lesson", stdout, stderr) == 0);
    lesson_error e;
    CHECK(!lesson_parse_file("tests/lessons/no_such_file.lesson", &e) && strstr(e.text, "cannot open"));
    return 0;
}

/* Random damage to a valid lesson: never a crash, always a lesson or an error with a line. */
static int mutations(void)
{
    nn_rng r;
    nn_rng_seed(&r, 12345, 0);
    const size_t n = strlen(VALID);
    char *buf = malloc(n + 64);
    CHECK(buf);
    int parsed = 0;
    static const char BYTES[] = ":=|#*.,()<>~!\n\t \\-0123456789aeZ\xff";
    for (int it = 0; it < 3000; it++) {
        memcpy(buf, VALID, n);
        size_t len = n;
        const int edits = 1 + (int)(nn_rng_u32(&r) % 4);
        for (int k = 0; k < edits; k++) {
            const size_t at = nn_rng_u32(&r) % len;
            const uint32_t op = nn_rng_u32(&r) % 3;
            if (op == 0) buf[at] = BYTES[nn_rng_u32(&r) % (sizeof BYTES - 1)];
            else if (op == 1 && len > 1) { memmove(buf + at, buf + at + 1, len - at - 1); len--; }
            else len = at + 1;                                   /* truncate */
        }
        lesson_error e;
        lesson *L = lesson_parse(buf, len, "mutant", &e);
        if (L) parsed++;
        else CHECK_MSG(e.text[0] && e.msg[0], "an error without a message");
        lesson_free(L);
    }
    free(buf);
    CHECK(parsed > 0);
    return 0;
}

static int spans(void)
{
    lesson_span s[8];
    const int n = lesson_spans("a *big* step, lr * 2 and (*this*)", s, 8);
    CHECK(n == 5);
    CHECK(s[0].len == 2 && !s[0].emphasis);
    CHECK(s[1].len == 3 && s[1].emphasis && strncmp(s[1].text, "big", 3) == 0);
    CHECK(!s[2].emphasis && strncmp(s[2].text, " step, lr * 2 and (", (size_t)s[2].len) == 0);
    CHECK(s[3].emphasis && strncmp(s[3].text, "this", 4) == 0);
    CHECK(lesson_spans("", s, 8) == 0);
    return 0;
}

/* The player's use: a wait holds the step until the learner acts; Back replays. */
static int session_wait_and_back(void)
{
    lesson_error e;
    lesson *L = lesson_parse(VALID, strlen(VALID), "valid", &e);
    CHECK_MSG(L, "%s", e.text);
    lesson_host h;
    CHECK(lesson_headless_init(&h) == 0);
    lesson_session *s = lesson_session_create(L, &h, 0);
    CHECK(s && lesson_session_enter(s, 0) == 0);
    CHECK(lesson_session_tick(s, 10.0) == LESSON_DONE);
    CHECK(lesson_session_marks(s, "lr") == LESSON_MARK_HIGHLIGHT);
    CHECK(lesson_session_marks(s, "data") == LESSON_MARK_LOCK);
    int nr;
    const lesson_result *r = lesson_session_results(s, &nr);
    CHECK(nr == 2 && r[0].pass && r[1].pass);

    CHECK(lesson_session_next(s) == 1);                       /* step 2: wait: next */
    CHECK(lesson_session_tick(s, 10.0) == LESSON_WAIT_NEXT);
    CHECK(lesson_session_waiting(s) && lesson_session_waiting(s)->next);
    CHECK(lesson_session_marks(s, "lr") == 0);                /* highlights last one step */
    CHECK(lesson_session_next(s) == 1);
    CHECK(lesson_session_tick(s, 10.0) == LESSON_DONE);
    r = lesson_session_results(s, &nr);
    CHECK_MSG(nr == 2 && r[0].pass && r[1].pass, "%s / %s", r[0].text, nr > 1 ? r[1].text : "");

    CHECK(lesson_session_next(s) == 2);                       /* step 3: wait: lr < 0.05 */
    CHECK(lesson_session_tick(s, 10.0) == LESSON_WAIT_COND);
    CHECK(lesson_session_tick(s, 0.01) == LESSON_WAIT_COND);  /* still waiting */
    CHECK(h.set(h.user, "lr", "0.5") == 0);
    CHECK(lesson_session_tick(s, 0.01) == LESSON_WAIT_COND);
    CHECK(h.set(h.user, "lr", "0.01") == 0);                  /* the learner's slider */
    CHECK(lesson_session_tick(s, 10.0) == LESSON_DONE);
    r = lesson_session_results(s, &nr);
    CHECK(nr == 2 && r[0].pass && r[1].pass);
    CHECK(lesson_session_finished(s));

    CHECK(lesson_session_enter(s, 1) == 0);                   /* Back: replay steps 1..2 */
    CHECK(lesson_session_phase(s) == LESSON_CATCHING_UP);
    CHECK(lesson_session_tick(s, 10.0) == LESSON_WAIT_NEXT);
    CHECK(lesson_session_step(s) == 1);
    lesson_runview rv[LESSON_MAX_RUNS];
    CHECK(h.runs(h.user, rv, LESSON_MAX_RUNS) == 2);          /* the comparison is back */
    CHECK(nn_trainer_state_get(rv[0].run->trainer).epoch == 1);

    CHECK(lesson_session_enter(s, 2) == 0);                   /* jump ahead: Next during a wait */
    CHECK(lesson_session_tick(s, 10.0) == LESSON_WAIT_COND);
    lesson_session_next(s);                                   /* "show me": apply the learner line */
    CHECK(lesson_session_tick(s, 10.0) == LESSON_DONE);
    r = lesson_session_results(s, &nr);
    CHECK(nr == 2 && r[0].pass);
    lesson_session_destroy(s);
    lesson_headless_free(&h);
    lesson_free(L);
    return 0;
}

/* A headless run reports a failed checkpoint and a failed wait, and returns 1. */
static int runner_failures(void)
{
    static const char TEXT[] =
        HEAD "set: data = moons\nset: samples = 100\nset: layers = 4\n"
        "step: S\nText.\nrun: 1 epoch\ncheck: epoch == 2\ncheck: epoch == 1\n"
        "wait: lr < 0.05\nlearner: set lr = 0.06\n"
        "step: T\nText.\nrun: until epoch >= 3\ncheck: epoch == 4\n"
        "run: until train_acc > 2\n";
    char path[] = "/tmp/nnlab_lesson_XXXXXX";
    const int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    CHECK(f && fputs(TEXT, f) >= 0);
    fclose(f);
    FILE *out = tmpfile();
    CHECK(out);
    const int rc = lesson_run_file(path, out, out);
    char buf[4096] = "";
    rewind(out);
    const size_t got = fread(buf, 1, sizeof buf - 1, out);
    buf[got] = '\0';
    fclose(out);
    remove(path);
    CHECK_MSG(rc == 1, "rc %d:\n%s", rc, buf);
    CHECK_MSG(strstr(buf, "step 1/2 \"S\": FAIL epoch=1 == 2 (line 12); wait lr < 0.05: still not met"), "%s", buf);
    CHECK_MSG(strstr(buf, "(line 14); epoch=1 == 1\n"), "%s", buf);
    CHECK_MSG(strstr(buf, "step 2/2 \"T\": FAIL epoch=3 == 4 (line 19); run until train_acc > 2: not reached"), "%s", buf);
    return 0;
}

/* The lesson metric lr is the rate used during epoch `epoch`, the CSV's lr of
 * that row: inverse decay, lr0 = 1, k = 0.2, after 10 epochs 1 / (1 + 0.2 x 9)
 * = 1 / 2.8 (not the next epoch's 1 / 3); before training the first epoch's. */
static int lr_is_the_rate_of_the_last_epoch(void)
{
    static const char TEXT[] =
        HEAD "set: data = moons\nset: samples = 100\nset: layers = 4\nset: lr = 1\n"
        "set: decay = inverse\nset: decay-rate = 0.2\n"
        "step: S\nText.\ncheck: lr == 1\nrun: 10 epochs\ncheck: lr ~ 0.3571\ncheck: lr > 0.35\n";
    lesson_error e;
    lesson *L = lesson_parse(TEXT, strlen(TEXT), "lr", &e);
    CHECK_MSG(L, "%s", e.text);
    lesson_host h;
    CHECK(lesson_headless_init(&h) == 0);
    lesson_session *s = lesson_session_create(L, &h, 1);
    CHECK(s && lesson_session_enter(s, 0) == 0);
    CHECK(lesson_session_tick(s, 100.0) == LESSON_DONE);
    int nr;
    const lesson_result *r = lesson_session_results(s, &nr);
    CHECK(nr == 3);
    for (int i = 0; i < nr; i++) CHECK_MSG(r[i].pass, "check %d: %s", i + 1, r[i].text);
    lesson_runview rv[LESSON_MAX_RUNS];
    CHECK(h.runs(h.user, rv, LESSON_MAX_RUNS) == 1);
    int n;
    const nn_metrics *m = nn_trainer_history(rv[0].run->trainer, &n);
    CHECK(n == 11);
    CHECK_NEAR(m[10].lr, 1.0 / 2.8, 1e-6);         /* the CSV's row 10, the same number */
    CHECK_NEAR(m[0].lr, 1.0, 1e-6);
    lesson_session_destroy(s);
    lesson_headless_free(&h);
    lesson_free(L);
    return 0;
}

/* min(M, N) is the lowest of the last N history rows, worked out from the rows. */
static int min_over_a_window(void)
{
    static const char TEXT[] =
        HEAD "set: data = moons\nset: samples = 100\nset: layers = 4\n"
        "step: S\nText.\nrun: 10 epochs\ncheck: min(train_loss, 3) <= train_loss\n"
        "check: min(train_loss, 3) >= min(train_loss)\ncheck: max(train_loss, 3) <= max(train_loss)\n";
    lesson_error e;
    lesson *L = lesson_parse(TEXT, strlen(TEXT), "min", &e);
    CHECK_MSG(L, "%s", e.text);
    lesson_host h;
    CHECK(lesson_headless_init(&h) == 0);
    lesson_session *s = lesson_session_create(L, &h, 1);
    CHECK(s && lesson_session_enter(s, 0) == 0);
    CHECK(lesson_session_tick(s, 100.0) == LESSON_DONE);
    int nr;
    const lesson_result *r = lesson_session_results(s, &nr);
    CHECK(nr == 3);
    for (int i = 0; i < nr; i++) CHECK_MSG(r[i].pass, "check %d: %s", i + 1, r[i].text);
    lesson_runview rv[LESSON_MAX_RUNS];
    CHECK(h.runs(h.user, rv, LESSON_MAX_RUNS) == 1);
    int n;
    const nn_metrics *m = nn_trainer_history(rv[0].run->trainer, &n);
    CHECK(n == 11);
    double lo = m[8].train_loss;
    for (int i = 9; i <= 10; i++) lo = m[i].train_loss < lo ? m[i].train_loss : lo;
    char shown[300];
    lesson_cond c;
    char msg[200];
    CHECK(lesson_cond_parse("min(train_loss, 3) == 2", NULL, 0, &rv[0].cfg[0], &c, msg, sizeof msg) == 0);
    lesson_cond_eval(&c, rv, 1, shown, sizeof shown);
    char want[80];
    snprintf(want, sizeof want, "min(train_loss, 3)=%.4g ", lo);
    CHECK_MSG(strstr(shown, want), "%s, want %s", shown, want);
    lesson_session_destroy(s);
    lesson_headless_free(&h);
    lesson_free(L);
    return 0;
}

/* The lesson browser's list, and every shipped lesson passes headless. */
static int every_lesson_passes(void)
{
    lesson_entry en[32];
    const int n = lesson_catalog("lessons", en, 32);
    CHECK(n >= 3);
    for (int i = 0; i < n; i++) {
        CHECK_MSG(en[i].ok, "%s", en[i].error);
        CHECK(i == 0 || en[i - 1].order <= en[i].order);
        printf("  %s\n", en[i].path);
        fflush(stdout);
        const int rc = lesson_run_file(en[i].path, stdout, stderr);
        CHECK_MSG(rc == 0, "%s: rc %d", en[i].path, rc);
    }
    CHECK(en[0].order == 10 && strstr(en[0].path, "01_parameters"));
    return 0;
}

/* `after:` names lessons to take first: parsed with or without ".lesson",
 * carried into the browser's list, and a name with no file beside the
 * lesson is an error on its line. */
static int after_names_lessons_beside_it(void)
{
    lesson_dir d;
    CHECK(lesson_dir_open(&d) == 0);
    CHECK(lesson_dir_write(&d, "01_first.lesson", "lesson: First\norder: 10\n\nOne.\n\nstep: S\nText.\n") == 0);
    CHECK(lesson_dir_write(&d, "02_second.lesson", "lesson: Second\norder: 20\nafter: 01_first.lesson, 03_missing\n\n"
                                                    "Two.\n\nstep: S\nText.\n") == 0);
    const char *second = d.path[1];
    lesson_error e;
    CHECK(lesson_parse_file(second, &e) == NULL);
    CHECK_MSG(e.line == 3 && strstr(e.text, "02_second.lesson:3: after: there is no lesson '03_missing'"), "%s", e.text);
    FILE *f = fopen(second, "w");
    CHECK(f);
    fputs("lesson: Second\norder: 20\nafter: 01_first.lesson\n\nTwo.\n\nstep: S\nText.\n", f);
    fclose(f);
    lesson *L = lesson_parse_file(second, &e);
    CHECK_MSG(L && L->n_after == 1 && strcmp(L->after[0], "01_first") == 0, "%s", e.text);
    lesson_free(L);
    lesson_entry en[4];
    CHECK(lesson_catalog(d.dir, en, 4) == 2);
    CHECK(en[0].n_after == 0 && en[1].n_after == 1 && strcmp(en[1].after[0], "01_first") == 0);
    lesson_dir_remove(&d);
    return 0;
}

/* The complete example in lessons/README.md is a valid lesson that passes. */
static int readme_example(void)
{
    FILE *f = fopen("lessons/README.md", "r");
    CHECK(f);
    static char doc[64 * 1024];
    const size_t n = fread(doc, 1, sizeof doc - 1, f);
    fclose(f);
    doc[n] = '\0';
    char *start = strstr(doc, "## A complete example");
    CHECK(start && (start = strstr(start, "```\n")));
    start += 4;
    char *end = strstr(start, "```\n");
    CHECK(end);
    char path[] = "/tmp/nnlab_readme_XXXXXX";
    const int fd = mkstemp(path);
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    CHECK(out);
    fwrite(start, 1, (size_t)(end - start), out);
    fclose(out);
    const int rc = lesson_run_file(path, stdout, stderr);
    remove(path);
    CHECK(rc == 0);
    return 0;
}

static const test_case CASES[] = {
    { "parse_valid", parse_valid },
    { "parse_errors", parse_errors },
    { "views_are_the_registry", views_are_the_registry },
    { "parse_limits", parse_limits },
    { "malformed_files", malformed_files },
    { "mutations", mutations },
    { "spans", spans },
    { "session_wait_and_back", session_wait_and_back },
    { "runner_failures", runner_failures },
    { "lr_is_the_rate_of_the_last_epoch", lr_is_the_rate_of_the_last_epoch },
    { "min_over_a_window", min_over_a_window },
    { "after_names_lessons_beside_it", after_names_lessons_beside_it },
    { "readme_example", readme_example },
    { "every_lesson_passes", every_lesson_passes },
};
TEST_MAIN(CASES)
