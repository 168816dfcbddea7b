/* app/lesson/lesson_run.c - lessons without a window: check, run, catalogue.
 *
 * The headless host owns the run(s) a lesson builds: one nn_run, or one per
 * compared configuration. A lesson_session drives it exactly as the player
 * drives the desktop program; this file only prints the outcome, one line
 * per step:
 *
 *   step 3/7 "One epoch each": PASS stochastic.steps=300 == 300; batch.steps=1 == 1
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lesson/lesson_internal.h"
#include "lesson/lesson_session.h"
#include "nn/status.h"

/* ---- the headless host ---- */

typedef struct hlane {
    char      label[LESSON_NAME];
    nn_config cfg;
    nn_run    run;
    int       open;
} hlane;

typedef struct headless {
    nn_config base;
    int       n;
    hlane     lanes[LESSON_MAX_RUNS];
    char      view[LESSON_NAME];
    surface_lab slab;               /* the labs, as the program owns them */
    ewa_lab   ewa;
} headless;

static void close_lane(hlane *l)
{
    if (l->open) nn_run_close(&l->run);
    l->open = 0;
}

static void close_all(headless *h)
{
    for (int i = 0; i < h->n; i++) close_lane(&h->lanes[i]);
}

static void single(headless *h)
{
    close_all(h);
    memset(h->lanes, 0, sizeof h->lanes);
    h->n = 1;
    h->lanes[0].cfg = h->base;
}

static int h_load(void *user, const nn_config *cfg)
{
    headless *h = user;
    h->base = *cfg;
    h->base.train.threads = -1;   /* as the window's session (shell/session.c): same numbers */
    single(h);
    return 0;
}

static const nn_config *h_config(void *user) { return &((headless *)user)->base; }

/* Like the desktop session: lr changes in place, epochs changes nothing,
 * anything else means a fresh run from the (new) configuration. */
static int h_set(void *user, const char *name, const char *value)
{
    headless *h = user;
    if (nn_config_set(&h->base, name, value, NULL)) return -1;
    for (int i = 0; i < h->n; i++) {
        hlane *l = &h->lanes[i];
        if (nn_config_set(&l->cfg, name, value, NULL)) return -1;
        if (strcmp(name, "lr") == 0 && l->open) nn_trainer_set_lr(l->run.trainer, l->cfg.train.lr);
        else if (strcmp(name, "epochs") != 0) close_lane(l);
    }
    return 0;
}

static int h_view(void *user, const char *id)
{
    headless *h = user;
    snprintf(h->view, sizeof h->view, "%s", id);
    return 0;
}

static int h_compare(void *user, int n, const nn_config *cfgs, const char *const *labels)
{
    headless *h = user;
    if (n <= 0) { single(h); return 0; }
    close_all(h);
    memset(h->lanes, 0, sizeof h->lanes);
    h->n = n < LESSON_MAX_RUNS ? n : LESSON_MAX_RUNS;
    for (int i = 0; i < h->n; i++) {
        h->lanes[i].cfg = cfgs[i];
        h->lanes[i].cfg.train.threads = 1;   /* as the window's race lanes (shell/race.c) */
        snprintf(h->lanes[i].label, sizeof h->lanes[i].label, "%s", labels[i]);
    }
    return 0;
}

static int h_reset(void *user, int new_seed)
{
    headless *h = user;
    if (new_seed) {
        char seed[32];
        snprintf(seed, sizeof seed, "%llu", (unsigned long long)(h->base.train.seed + 1));
        return h_set(user, "seed", seed);
    }
    for (int i = 0; i < h->n; i++)
        if (h->lanes[i].open) nn_trainer_reset(h->lanes[i].run.trainer);
    return 0;
}

static int h_runs(void *user, lesson_runview *out, int max)
{
    headless *h = user;
    int n = 0;
    for (int i = 0; i < h->n && n < max; i++) {
        hlane *l = &h->lanes[i];
        if (!l->open) {
            if (nn_run_open(&l->run, &l->cfg)) return -1;
            l->open = 1;
        }
        out[n++] = (lesson_runview){ l->label, &l->cfg, &l->run, &h->slab, &h->ewa };
    }
    return n;
}

static int h_step(void *user, int i)
{
    headless *h = user;
    if (i < 0 || i >= h->n || !h->lanes[i].open) return NN_ERR_ARG;
    return nn_trainer_step(h->lanes[i].run.trainer);
}

int lesson_headless_init(lesson_host *host)
{
    headless *h = calloc(1, sizeof *h);
    if (!h) return -1;
    h->base = nn_config_default();
    single(h);
    if (slab_init(&h->slab, NN_SURF_ROSENBROCK) != NN_OK) { free(h); return -1; }
    if (ewa_lab_init(&h->ewa) != NN_OK) { slab_free(&h->slab); free(h); return -1; }
    *host = (lesson_host){ h, h_load, h_config, h_set, h_view, h_compare, h_reset, h_runs, h_step,
                           &h->slab, &h->ewa, NULL };   /* view settings: nothing to draw */
    return 0;
}

void lesson_headless_free(lesson_host *host)
{
    headless *h = host->user;
    if (h) {
        close_all(h);
        slab_free(&h->slab);
    }
    free(h);
    host->user = NULL;
}

/* ---- check and run ---- */

static int count_checks(const lesson *L)
{
    int n = 0;
    for (int k = 0; k < L->n_steps; k++)
        for (int i = 0; i < L->steps[k].n_actions; i++) n += L->steps[k].actions[i].kind == LESSON_CHECK;
    return n;
}

int lesson_check_file(const char *path, FILE *out, FILE *err)
{
    lesson_error e;
    lesson *L = lesson_parse_file(path, &e);
    if (!L) {
        fprintf(err, "%s\n", e.text);
        return 2;
    }
    fprintf(out, "%s: OK (%d steps, %d checkpoints)\n", path, L->n_steps, count_checks(L));
    lesson_free(L);
    return 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* One line: PASS with every measured value, or FAIL naming the failed lines. */
static int report_step(FILE *out, const lesson *L, int k, const lesson_result *r, int n)
{
    int failed = 0;
    for (int i = 0; i < n; i++) failed += !r[i].pass;
    fprintf(out, "step %d/%d \"%s\": ", k + 1, L->n_steps, L->steps[k].title);
    if (n == 0) fprintf(out, "ok (no checkpoints)");
    else fprintf(out, "%s", failed ? "FAIL" : "PASS");
    int first = 1;
    for (int pass = 0; pass < 2; pass++)          /* failures first */
        for (int i = 0; i < n; i++) {
            if (r[i].pass != pass) continue;
            fprintf(out, "%s%s", first ? " " : "; ", r[i].text);
            if (!r[i].pass) fprintf(out, " (line %d)", r[i].line);
            first = 0;
        }
    fputc('\n', out);
    return failed;
}

int lesson_run_file(const char *path, FILE *out, FILE *err)
{
    lesson_error e;
    lesson *L = lesson_parse_file(path, &e);
    if (!L) {
        fprintf(err, "%s\n", e.text);
        return 2;
    }
    lesson_host host = { 0 };
    lesson_session *s = lesson_headless_init(&host) == 0 ? lesson_session_create(L, &host, 1) : NULL;
    int rc = 0, failed = 0, checks = 0;
    const double t0 = now_s();
    if (!s) { fprintf(err, "%s: out of memory\n", path); rc = 2; }
    for (int k = 0; s && k < L->n_steps; k++) {
        lesson_phase ph = LESSON_ERROR;
        if (lesson_session_enter(s, k) == 0)
            while ((ph = lesson_session_tick(s, 3600.0)) == LESSON_RUNNING || ph == LESSON_CATCHING_UP) {}
        if (ph != LESSON_DONE) {
            fprintf(err, "step %d/%d \"%s\": ERROR %s\n", k + 1, L->n_steps, L->steps[k].title,
                    lesson_session_error(s));
            rc = 2;
            break;
        }
        int n;
        const lesson_result *r = lesson_session_results(s, &n);
        failed += report_step(out, L, k, r, n);
        checks += n;
    }
    if (rc == 0) {
        fprintf(out, "%s: %d steps, %d checkpoints, %s (%.1f s)\n", path, L->n_steps, checks,
                failed ? "FAILED" : "all passed", now_s() - t0);
        rc = failed ? 1 : 0;
    }
    lesson_session_destroy(s);
    lesson_headless_free(&host);
    lesson_free(L);
    return rc;
}

/* ---- the lesson browser's list ---- */

static int by_order(const void *a, const void *b)
{
    const lesson_entry *x = a, *y = b;
    if (x->order != y->order) return x->order < y->order ? -1 : 1;
    return strcmp(x->path, y->path);
}

int lesson_catalog(const char *dir, lesson_entry *out, int max)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    int n = 0;
    for (struct dirent *de; n < max && (de = readdir(d));) {
        const size_t len = strlen(de->d_name);
        if (len < 8 || strcmp(de->d_name + len - 7, ".lesson") != 0 || de->d_name[0] == '.') continue;
        lesson_entry *en = &out[n++];
        memset(en, 0, sizeof *en);
        lesson_textf(en->path, sizeof en->path, "%s/%s", dir, de->d_name);
        lesson_error e;
        lesson *L = lesson_parse_file(en->path, &e);
        en->ok = L != NULL;
        en->order = L ? L->order : 100000;          /* broken files sort last */
        if (!L) {
            lesson_textf(en->title, sizeof en->title, "%s", de->d_name);
            lesson_textf(en->error, sizeof en->error, "%s", e.text);
            continue;
        }
        snprintf(en->title, sizeof en->title, "%s", L->title);
        snprintf(en->summary, sizeof en->summary, "%s", L->summary);
        en->n_steps = L->n_steps;
        en->n_after = L->n_after;
        memcpy(en->after, L->after, sizeof en->after);
        lesson_free(L);
    }
    closedir(d);
    qsort(out, (size_t)n, sizeof *out, by_order);
    return n;
}
