/* app/lesson/lesson_session.h - stepping through a lesson, frame by frame.
 *
 * A session executes a parsed lesson's actions in order against a *host*: the
 * object that owns the live run(s). The desktop program's player is one host
 * (its session/race, drawn by views); the headless runner (lesson_run.c) is
 * another, so `nnlab --run-lesson` executes exactly what the player does.
 *
 *     lesson_session *s = lesson_session_create(L, &host, 0);
 *     lesson_session_enter(s, 0);
 *     every frame:  lesson_session_tick(s, 0.008);        // <= 8 ms of training
 *     Next key:     lesson_session_next(s);
 *     Back key:     lesson_session_enter(s, lesson_session_step(s) - 1);
 *     lesson_session_destroy(s);
 *
 * Entering a later step runs the skipped steps first; entering an earlier step
 * reloads the lesson's start configuration and replays up to it ("catching
 * up", visible through lesson_session_phase). Replays are deterministic.
 * While catching up - and always in headless mode - a `wait: COND` is
 * satisfied by applying its `learner:` lines, and `wait: next` does not wait.
 *
 * No SDL here. Ownership: the session borrows the lesson and the host; both
 * must outlive it. Thread-safety: one thread (the frame loop).
 */
#ifndef NNLAB_LESSON_SESSION_H
#define NNLAB_LESSON_SESSION_H

#include "labs/ewa_lab.h"
#include "labs/surface_lab.h"
#include "lesson/lesson.h"

/* One live run as the host shows it: conditions read metrics from it. */
typedef struct lesson_runview {
    const char      *label;     /* the comparison's label; "" for the single run */
    const nn_config *cfg;       /* its configuration (settings in conditions read it) */
    nn_run          *run;       /* data + trainer; run->trainer NULL if not built;
                                   NULL in the view a lab-only condition gets */
    surface_lab     *slab;      /* the labs conditions read (the session fills these; NULL: none) */
    ewa_lab         *ewa;
} lesson_runview;

/* What the session needs from whoever owns the runs. Every function returns
 * 0, or -1 with the reason in nn_last_error(). Names and values arrive
 * already validated by the parser. */
typedef struct lesson_host {
    void *user;
    /* Replace the whole configuration (ends any comparison; fresh run). */
    int  (*load)(void *user, const nn_config *cfg);
    /* The base configuration now (the learner may have changed it). */
    const nn_config *(*config)(void *user);
    /* One setting on the base and on every compared run: the learning rate
     * changes in place, `epochs` changes nothing, anything else rebuilds. */
    int  (*set)(void *user, const char *name, const char *value);
    int  (*view)(void *user, const char *id);
    /* Run n configurations side by side from the same seed; n = 0 goes back to one run. */
    int  (*compare)(void *user, int n, const nn_config *cfgs, const char *const *labels);
    /* Back to the initial weights and data order; new_seed: seed + 1 first. */
    int  (*reset)(void *user, int new_seed);
    /* The live runs (1, or one per compared run); returns the count or -1. */
    int  (*runs)(void *user, lesson_runview *out, int max);
    /* One update of run i: NN_OK, NN_ERR_DIVERGED, or NN_ERR_ARG once it stopped. */
    int  (*step)(void *user, int i);
    /* The labs the host owns (NULL: none; a lesson that uses one then stops
     * with an error). The session drives them itself: `set: surface.x = v`
     * is slab_set, `run: N surface updates` slab_step, `reset: surface`
     * slab_restart; (re)starting the lesson puts both back to their start
     * (slab_reset, ewa_lab_init) before the header's lab settings. */
    surface_lab *slab;
    ewa_lab     *ewa;
    /* A view's own setting (labs/view_setting.h: colour-by), validated; NULL:
     * accepted and ignored (the headless host draws nothing). `load` puts
     * them back to their defaults. */
    int  (*view_setting)(void *user, const char *name, const char *value);
} lesson_host;

typedef enum lesson_phase {
    LESSON_CATCHING_UP,  /* replaying earlier steps to reach the one entered */
    LESSON_RUNNING,      /* executing this step's actions (training, maybe) */
    LESSON_WAIT_NEXT,    /* `wait: next`: the rest of the step follows a Next */
    LESSON_WAIT_COND,    /* `wait: COND`: the learner should make it true */
    LESSON_DONE,         /* the step's actions are all done; Next goes on */
    LESSON_ERROR         /* a run could not be built; lesson_session_error says why */
} lesson_phase;

/* The outcome of one `check:` (or of a failed wait / unreached run until). */
typedef struct lesson_result {
    int  line;
    int  pass;
    char text[300];      /* "dev_acc=0.962 >= 0.9" with the measured values */
    char said[300];      /* the same for the learner, in plain words (lesson_cond_say) */
} lesson_result;

typedef struct lesson_session lesson_session;

/* headless: waits never block and learner lines are applied (the runner). */
lesson_session *lesson_session_create(const lesson *L, const lesson_host *host, int headless);
void            lesson_session_destroy(lesson_session *s);

/* Go to step k (0-based, clamped). Returns 0 or -1 (host error). */
int  lesson_session_enter(lesson_session *s, int k);
/* Work for at most budget_s seconds; returns the phase afterwards. */
lesson_phase lesson_session_tick(lesson_session *s, double budget_s);
/* The learner pressed Next: continue past `wait: next`; during `wait: COND`
 * apply the learner lines ("show me"); when DONE, enter the next step.
 * Returns the step index afterwards. */
int  lesson_session_next(lesson_session *s);

int             lesson_session_step(const lesson_session *s);     /* the step shown */
/* The step whose actions are running: behind the step shown while catching up. */
int             lesson_session_running_step(const lesson_session *s);
lesson_phase    lesson_session_phase(const lesson_session *s);
int             lesson_session_finished(const lesson_session *s); /* last step DONE */
/* The wait being waited on (for "what to do" text), or NULL. */
const lesson_action *lesson_session_waiting(const lesson_session *s);
/* Checks evaluated so far in the current step. */
const lesson_result *lesson_session_results(const lesson_session *s, int *count);
const char     *lesson_session_error(const lesson_session *s);

/* How a control is marked now: a combination of these bits. */
enum { LESSON_MARK_HIGHLIGHT = 1, LESSON_MARK_LOCK = 2, LESSON_MARK_HIDE = 4 };
int  lesson_session_marks(const lesson_session *s, const char *control);

/* ---- a host without a window (the runner's; also for tests and tools) ---- */

/* Fill *h with a host that owns its runs and its labs in memory. 0 or -1 (out of memory). */
int  lesson_headless_init(lesson_host *h);
void lesson_headless_free(lesson_host *h);      /* closes its runs */

/* ---- conditions (also usable alone, e.g. to show a live wait status) ---- */

/* Evaluate c over the runs. Returns 1 true, 0 false, -1 cannot evaluate (no
 * such run, no trainer). `shown` gets "dev_acc=0.962 >= 0.9" (may be NULL). */
int lesson_cond_eval(const lesson_cond *c, const lesson_runview *runs, int n_runs,
                     char *shown, size_t shown_len);
/* The same condition told to the learner, in plain words with the measured
 * values and none of the checker's syntax; `held` is lesson_cond_eval's
 * result. E.g. for `rises(train_loss, 10) >= 2`:
 *   held:     "Times the training loss went up in the last 10 epochs: 5 (at least 2)."
 *   not held: "Times the training loss went up in the last 10 epochs: 1, not at least 2." */
void lesson_cond_say(const lesson_cond *c, const lesson_runview *runs, int n_runs, int held,
                     char *out, size_t len);
/* The condition as a goal, without values: "the dev accuracy at least 0.9". */
void lesson_cond_goal(const lesson_cond *c, char *out, size_t len);
/* 1 if evaluating c needs losses or accuracies (a pass over a data set). */
int lesson_cond_costly(const lesson_cond *c);
/* 1 if c reads only the labs (and numbers): no network run is needed. */
int lesson_cond_lab_only(const lesson_cond *c);

#endif
