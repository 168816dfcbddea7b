/* app/lesson/lesson_session.c - executing a lesson's actions against a host.
 *
 * The session is a small interpreter with a program counter (step, action).
 * Instant actions (view, set, compare, marks, check) finish at once; `run:`
 * trains a little per tick until its target; `wait:` holds the counter until
 * the learner acts. Whatever the host, the same sequence of host calls is
 * made, so the headless runner checks exactly what the player shows.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "labs/view_setting.h"
#include "lesson/lesson_internal.h"
#include "lesson/lesson_session.h"
#include "nn/status.h"

enum { MAX_MARKS = 64 };

/* The surface lab's updates per frame in the window: 300 updates take about
 * 100 frames (under two seconds), so the learner sees the paths grow. While
 * catching up, and headless, there is no limit but the time budget. */
enum { LAB_UPDATES_PER_TICK = 3 };

typedef struct marks { int n; char names[MAX_MARKS][LESSON_NAME]; } marks;

struct lesson_session {
    const lesson  *L;
    lesson_host    h;
    int            headless;
    int            shown;          /* the step the learner sees */
    int            pc_step;        /* the step being executed; -1 = the header */
    int            pc;             /* its next action */
    lesson_phase   phase;          /* RUNNING, WAIT_NEXT, WAIT_COND, DONE or ERROR */
    int            pending_wait;   /* simulated `wait: COND` whose learner lines run now (-1: none) */
    int            force_learner;  /* Next pressed during a wait: do it for the learner */
    /* the `run:` in progress */
    int            running;
    long           lab_target;     /* `run: N surface updates`: the lab's update count to reach */
    int            yield;          /* the frame's share of lab updates is done: end the tick */
    long           target[LESSON_MAX_RUNS];
    int            done[LESSON_MAX_RUNS];
    marks          highlight, lock, hide;
    lesson_result  results[LESSON_MAX_ACTIONS];
    int            n_results;
    char           error[300];
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int simulating(const lesson_session *s)
{
    return s->headless || s->pc_step < s->shown || s->force_learner;
}

static int host_error(lesson_session *s, int line, const char *what)
{
    lesson_textf(s->error, sizeof s->error, "%s:%d: %s: %s", s->L->file, line, what,
             nn_last_error()[0] ? nn_last_error() : "the host refused");
    s->phase = LESSON_ERROR;
    return -1;
}

/* text: the checker's form (--run-lesson); said: the learner's (the player). */
static void add_result(lesson_session *s, int line, int pass, const char *text, const char *said)
{
    if (s->n_results >= LESSON_MAX_ACTIONS) return;
    lesson_result *r = &s->results[s->n_results++];
    r->line = line;
    r->pass = pass;
    snprintf(r->text, sizeof r->text, "%s", text);
    snprintf(r->said, sizeof r->said, "%s", said);
}

/* ---- marks ---- */

static void mark_add(marks *m, const char *name)
{
    for (int i = 0; i < m->n; i++)
        if (strcmp(m->names[i], name) == 0) return;
    if (m->n < MAX_MARKS) snprintf(m->names[m->n++], LESSON_NAME, "%s", name);
}

static void mark_remove(marks *m, const char *name)
{
    if (strcmp(name, "all") == 0) { m->n = 0; return; }
    for (int i = 0; i < m->n; i++)
        if (strcmp(m->names[i], name) == 0) {
            memmove(m->names[i], m->names[--m->n], LESSON_NAME);
            return;
        }
}

static int mark_has(const marks *m, const char *name)
{
    for (int i = 0; i < m->n; i++)
        if (strcmp(m->names[i], name) == 0) return 1;
    return 0;
}

/* ---- runs ---- */

static int get_runs(lesson_session *s, lesson_runview *rv, int line)
{
    const int n = s->h.runs(s->h.user, rv, LESSON_MAX_RUNS);
    if (n <= 0) { host_error(s, line, "cannot build the run"); return -1; }
    for (int i = 0; i < n; i++) {
        rv[i].slab = s->h.slab;
        rv[i].ewa = s->h.ewa;
    }
    return n;
}

/* The run views a condition reads: without building a network when it reads only labs. */
static int cond_runs(lesson_session *s, const lesson_cond *c, lesson_runview *rv, int line)
{
    if (!lesson_cond_lab_only(c)) return get_runs(s, rv, line);
    rv[0] = (lesson_runview){ "", s->h.config(s->h.user), NULL, s->h.slab, s->h.ewa };
    return 1;
}

/* ---- labs ---- */

static int lab_missing(lesson_session *s, int line, const char *which)
{
    lesson_textf(s->error, sizeof s->error, "%s:%d: this lesson uses the %s, which is not available here",
                 s->L->file, line, which);
    s->phase = LESSON_ERROR;
    return -1;
}

static int lab_set(lesson_session *s, const lesson_action *a)
{
    if (view_setting_known(a->name)) {
        if (!s->h.view_setting) return 1;
        return s->h.view_setting(s->h.user, a->name, a->value) != NN_OK ? host_error(s, a->line, "set") : 1;
    }
    const int ewa = strncmp(a->name, "ewa.", 4) == 0;
    if (ewa ? !s->h.ewa : !s->h.slab) return lab_missing(s, a->line, ewa ? "averages lab" : "surface lab");
    const int rc = ewa ? ewa_lab_set(s->h.ewa, a->name, a->value) : slab_set(s->h.slab, a->name, a->value);
    return rc != NN_OK ? host_error(s, a->line, "set") : 1;
}

/* `run: N surface updates`: 1 done, 0 later (out of time, or this frame's share done), -1 error. */
static int lab_run(lesson_session *s, const lesson_action *a, double deadline)
{
    surface_lab *L = s->h.slab;
    if (!L) return lab_missing(s, a->line, "surface lab");
    if (!s->running) {
        s->lab_target = L->steps + a->count;
        s->running = 1;
    }
    const int paced = !simulating(s);
    for (int k = 0; L->steps < s->lab_target; k++) {
        if (paced && k == LAB_UPDATES_PER_TICK) { s->yield = 1; return 0; }
        if ((k & 63) == 63 && now_s() >= deadline) return 0;
        if (slab_step(L, 1) != NN_OK) return host_error(s, a->line, "run");
    }
    s->running = 0;
    return 1;
}

static long counter(nn_trainer *t, lesson_unit u)
{
    const nn_trainer_state st = nn_trainer_state_get(t);
    return u == LESSON_EPOCHS ? st.epoch : u == LESSON_EXAMPLES ? st.examples : st.steps;
}

static int run_finished(nn_trainer *t)
{
    const nn_trainer_state st = nn_trainer_state_get(t);
    return st.diverged || st.stopped;
}

/* Start a run: per-run targets (an `until` is capped at the configured epochs, more). */
static int run_begin(lesson_session *s, const lesson_action *a)
{
    lesson_runview rv[LESSON_MAX_RUNS];
    const int n = get_runs(s, rv, a->line);
    if (n < 0) return -1;
    for (int i = 0; i < n; i++) {
        const lesson_unit u = a->unit == LESSON_UNTIL ? LESSON_EPOCHS : a->unit;
        const long more = a->unit == LESSON_UNTIL ? rv[i].cfg->epochs : a->count;
        s->target[i] = counter(rv[i].run->trainer, u) + more;
        s->done[i] = run_finished(rv[i].run->trainer);
    }
    s->running = 1;
    return 0;
}

/* Train until the run action is done or the deadline passes. Runs advance
 * in lockstep by examples seen, so curves grow together on screen.
 * Returns 1 done, 0 out of time, -1 error. */
static int run_some(lesson_session *s, const lesson_action *a, double deadline)
{
    lesson_runview rv[LESSON_MAX_RUNS];
    const int n = get_runs(s, rv, a->line);
    if (n < 0) return -1;
    const lesson_unit u = a->unit == LESSON_UNTIL ? LESSON_EPOCHS : a->unit;
    const int costly = a->unit == LESSON_UNTIL && lesson_cond_costly(&a->cond);
    char shown[300];
    if (a->unit == LESSON_UNTIL && lesson_cond_eval(&a->cond, rv, n, shown, sizeof shown) == 1) return 1;
    for (long iter = 0;; iter++) {
        int pick = -1;
        long fewest = 0;
        for (int i = 0; i < n; i++) {
            if (s->done[i]) continue;
            if (counter(rv[i].run->trainer, u) >= s->target[i]) { s->done[i] = 1; continue; }
            const long ex = nn_trainer_state_get(rv[i].run->trainer).examples;
            if (pick < 0 || ex < fewest) { pick = i; fewest = ex; }
        }
        if (pick < 0) {
            if (a->unit == LESSON_UNTIL) {
                const int r = lesson_cond_eval(&a->cond, rv, n, shown, sizeof shown);
                if (r != 1) {
                    char text[300], said[300], why[300];
                    lesson_textf(text, sizeof text, "run until %s: not reached (%s)", a->cond.text, shown);
                    lesson_cond_say(&a->cond, rv, n, r, why, sizeof why);
                    lesson_textf(said, sizeof said, "Training ended before this happened. %s", why);
                    add_result(s, a->line, 0, text, said);
                }
            }
            return 1;
        }
        if (s->h.step(s->h.user, pick) != NN_OK) s->done[pick] = 1;   /* diverged or stopped */
        if (a->unit == LESSON_UNTIL &&
            (!costly || nn_trainer_state_get(rv[pick].run->trainer).batch_in_epoch == 0) &&
            lesson_cond_eval(&a->cond, rv, n, shown, sizeof shown) == 1)
            return 1;
        if ((iter & 7) == 7 && now_s() >= deadline) return 0;
    }
}

/* ---- actions ---- */

static int do_compare(lesson_session *s, const lesson_action *a)
{
    const lesson_compare *c = &a->cmp;
    if (c->n_runs == 0) return s->h.compare(s->h.user, 0, NULL, NULL) ? host_error(s, a->line, "compare") : 0;
    nn_config cfgs[LESSON_MAX_RUNS];
    const char *labels[LESSON_MAX_RUNS];
    const nn_config *base = s->h.config(s->h.user);
    for (int r = 0; r < c->n_runs; r++) {
        cfgs[r] = *base;
        labels[r] = c->labels[r];
        for (int k = 0; k < c->n_settings; k++)
            if (nn_config_set(&cfgs[r], c->names[k], c->values[k][r], NULL))
                return host_error(s, a->line, "compare");
    }
    return s->h.compare(s->h.user, c->n_runs, cfgs, labels) ? host_error(s, a->line, "compare") : 0;
}

static void eval_check(lesson_session *s, const lesson_action *a, const char *prefix)
{
    lesson_runview rv[LESSON_MAX_RUNS];
    char shown[300], text[300], said[300];
    const int n = cond_runs(s, &a->cond, rv, a->line);
    if (n < 0) return;
    const int r = lesson_cond_eval(&a->cond, rv, n, shown, sizeof shown);
    snprintf(text, sizeof text, "%s%s", prefix, shown);
    lesson_cond_say(&a->cond, rv, n, r, said, sizeof said);
    add_result(s, a->line, r == 1, text, said);
}

/* The simulated wait whose learner lines have all run: is it now satisfied? */
static void close_wait(lesson_session *s)
{
    if (s->pending_wait < 0) return;
    const lesson_action *w = &s->L->steps[s->pc_step].actions[s->pending_wait];
    s->pending_wait = -1;
    s->force_learner = 0;
    lesson_runview rv[LESSON_MAX_RUNS];
    char shown[300], text[300], said[300], why[300];
    const int n = cond_runs(s, &w->cond, rv, w->line);
    if (n < 0) return;
    const int r = lesson_cond_eval(&w->cond, rv, n, shown, sizeof shown);
    if (r != 1) {
        lesson_textf(text, sizeof text, "wait %s: still not met after the learner lines (%s)", w->cond.text, shown);
        lesson_cond_say(&w->cond, rv, n, r, why, sizeof why);
        lesson_textf(said, sizeof said, "Still not done after the steps shown. %s", why);
        add_result(s, w->line, 0, text, said);
    }
}

/* Execute one action; returns 1 to move on, 0 to stay (time or waiting), -1 error. */
static int execute(lesson_session *s, const lesson_action *a, double deadline)
{
    if (a->learner && !simulating(s)) return 1;           /* the learner does this by hand */
    if (!a->learner) close_wait(s);
    switch (a->kind) {
    case LESSON_VIEW:    return s->h.view(s->h.user, a->name) ? host_error(s, a->line, "view") : 1;
    case LESSON_SET:
        if (lesson_lab_setting(a->name)) return lab_set(s, a);
        return s->h.set(s->h.user, a->name, a->value) ? host_error(s, a->line, "set") : 1;
    case LESSON_RESET:
        if (a->count == 2) {
            if (!s->h.slab) return lab_missing(s, a->line, "surface lab");
            return slab_restart(s->h.slab) ? host_error(s, a->line, "reset") : 1;
        }
        return s->h.reset(s->h.user, (int)a->count) ? host_error(s, a->line, "reset") : 1;
    case LESSON_COMPARE: return do_compare(s, a) ? -1 : 1;
    case LESSON_HIGHLIGHT: for (int i = 0; i < a->n_names; i++) mark_add(&s->highlight, a->names[i]); return 1;
    case LESSON_LOCK:    for (int i = 0; i < a->n_names; i++) mark_add(&s->lock, a->names[i]); return 1;
    case LESSON_UNLOCK:  for (int i = 0; i < a->n_names; i++) mark_remove(&s->lock, a->names[i]); return 1;
    case LESSON_HIDE:    for (int i = 0; i < a->n_names; i++) mark_add(&s->hide, a->names[i]); return 1;
    case LESSON_SHOW:    for (int i = 0; i < a->n_names; i++) mark_remove(&s->hide, a->names[i]); return 1;
    case LESSON_CHECK:   eval_check(s, a, ""); return s->phase == LESSON_ERROR ? -1 : 1;
    case LESSON_RUN: {
        if (a->unit == LESSON_SURFACE_UPDATES) return lab_run(s, a, deadline);
        if (!s->running && run_begin(s, a)) return -1;
        const int r = run_some(s, a, deadline);
        if (r != 0) s->running = 0;
        return r;
    }
    case LESSON_WAIT:
        if (a->next) {
            if (simulating(s)) return 1;
            s->phase = LESSON_WAIT_NEXT;
            return 0;
        }
        if (simulating(s)) { s->pending_wait = s->pc; return 1; }
        {
            lesson_runview rv[LESSON_MAX_RUNS];
            const int n = cond_runs(s, &a->cond, rv, a->line);
            if (n < 0) return -1;
            if (lesson_cond_eval(&a->cond, rv, n, NULL, 0) == 1) { s->phase = LESSON_RUNNING; return 1; }
            s->phase = LESSON_WAIT_COND;
            return 0;
        }
    case LESSON_KIND_COUNT: break;
    }
    return 1;
}

static void start_step(lesson_session *s)
{
    s->pc = 0;
    s->n_results = 0;
    s->highlight.n = 0;
    s->pending_wait = -1;
    s->force_learner = 0;
    s->running = 0;
    s->yield = 0;
}

static int restart(lesson_session *s)
{
    const nn_config base = lesson_base_config(s->L);
    s->highlight.n = s->lock.n = s->hide.n = 0;
    s->pc_step = -1;
    s->pc = 0;
    s->running = 0;
    s->pending_wait = -1;
    s->force_learner = 0;
    s->n_results = 0;
    s->error[0] = '\0';
    s->yield = 0;
    s->phase = LESSON_RUNNING;
    if (s->h.load(s->h.user, &base)) return host_error(s, 0, "cannot load the lesson's configuration");
    /* The labs back to their start; the header's lab settings follow with the header. */
    if (s->h.slab && slab_reset(s->h.slab, NN_SURF_ROSENBROCK) != NN_OK)
        return host_error(s, 0, "cannot reset the surface lab");
    if (s->h.ewa && ewa_lab_init(s->h.ewa) != NN_OK) return host_error(s, 0, "cannot reset the averages lab");
    return 0;
}

lesson_phase lesson_session_tick(lesson_session *s, double budget_s)
{
    const double deadline = now_s() + budget_s;
    const lesson *L = s->L;
    while (s->phase == LESSON_RUNNING || (s->phase == LESSON_WAIT_COND && !simulating(s))) {
        if (s->pc_step < 0) {                  /* the header: view, lock, hide, lab settings (the others are in the base) */
            for (int i = 0; i < L->n_setup; i++)
                if ((L->setup[i].kind != LESSON_SET || lesson_lab_setting(L->setup[i].name)) &&
                    execute(s, &L->setup[i], deadline) < 0)
                    return s->phase;
            s->pc_step = 0;
            start_step(s);
            continue;
        }
        const lesson_step *st = &L->steps[s->pc_step];
        if (s->pc >= st->n_actions) {
            close_wait(s);
            if (s->phase == LESSON_ERROR) break;
            if (s->pc_step < s->shown) { s->pc_step++; start_step(s); continue; }
            s->phase = LESSON_DONE;
            break;
        }
        if (s->phase == LESSON_WAIT_COND) s->phase = LESSON_RUNNING;    /* re-evaluate below */
        const int r = execute(s, &st->actions[s->pc], deadline);
        if (r < 0) break;
        if (r == 0) {
            if (s->phase == LESSON_RUNNING && !s->yield && now_s() < deadline) continue;
            s->yield = 0;
            break;
        }
        s->pc++;
        /* After a met wait, skip its learner lines (the learner did it by hand). */
        if (st->actions[s->pc - 1].kind == LESSON_WAIT && !simulating(s))
            while (s->pc < st->n_actions && st->actions[s->pc].learner) s->pc++;
        if (now_s() >= deadline && s->phase == LESSON_RUNNING) break;
    }
    return lesson_session_phase(s);
}

int lesson_session_enter(lesson_session *s, int k)
{
    if (k >= s->L->n_steps) k = s->L->n_steps - 1;
    if (k < 0) k = 0;
    if (s->phase == LESSON_ERROR || k < s->pc_step || (k == s->pc_step && k < s->shown)) {
        if (restart(s)) return -1;
    } else if (k == s->shown && s->pc_step >= 0) {
        return 0;                              /* already there */
    }
    s->shown = k;
    if (s->phase != LESSON_ERROR && s->phase != LESSON_RUNNING) s->phase = LESSON_RUNNING;
    return 0;
}

int lesson_session_next(lesson_session *s)
{
    switch (s->phase) {
    case LESSON_WAIT_NEXT:
        s->pc++;
        s->phase = LESSON_RUNNING;
        break;
    case LESSON_WAIT_COND:                    /* "show me": apply the learner lines */
        s->force_learner = 1;
        s->pending_wait = s->pc;
        s->pc++;
        s->phase = LESSON_RUNNING;
        break;
    default:
        if (s->shown + 1 < s->L->n_steps) lesson_session_enter(s, s->shown + 1);
        break;
    }
    return s->shown;
}

lesson_session *lesson_session_create(const lesson *L, const lesson_host *host, int headless)
{
    lesson_session *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->L = L;
    s->h = *host;
    s->headless = headless;
    s->pc_step = -1;
    s->pending_wait = -1;
    s->phase = LESSON_ERROR;                   /* until the first enter loads the configuration */
    return s;
}

void lesson_session_destroy(lesson_session *s) { free(s); }

int lesson_session_step(const lesson_session *s) { return s->shown; }

int lesson_session_running_step(const lesson_session *s) { return s->pc_step; }

lesson_phase lesson_session_phase(const lesson_session *s)
{
    if (s->phase != LESSON_ERROR && s->pc_step < s->shown) return LESSON_CATCHING_UP;
    return s->phase;
}

int lesson_session_finished(const lesson_session *s)
{
    return s->phase == LESSON_DONE && s->shown == s->L->n_steps - 1 && s->pc_step == s->shown;
}

const lesson_action *lesson_session_waiting(const lesson_session *s)
{
    if ((s->phase != LESSON_WAIT_COND && s->phase != LESSON_WAIT_NEXT) || s->pc_step < 0) return NULL;
    return &s->L->steps[s->pc_step].actions[s->pc];
}

const lesson_result *lesson_session_results(const lesson_session *s, int *count)
{
    *count = s->pc_step == s->shown ? s->n_results : 0;
    return s->results;
}

const char *lesson_session_error(const lesson_session *s) { return s->error; }

int lesson_session_marks(const lesson_session *s, const char *control)
{
    return (mark_has(&s->highlight, control) ? LESSON_MARK_HIGHLIGHT : 0) |
           (mark_has(&s->lock, control) ? LESSON_MARK_LOCK : 0) |
           (mark_has(&s->hide, control) ? LESSON_MARK_HIDE : 0);
}
