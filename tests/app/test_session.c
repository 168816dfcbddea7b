/* The live session behind the program: settings that reset and settings that
 * don't, probes over the plane, budgets, recovery from divergence, and the
 * remembered settings file. */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "shell/prefs.h"
#include "shell/race.h"
#include "shell/session.h"
#include "nn/status.h"
#include "nn/tensor.h"
#include "test.h"

static int lr_change_keeps_training(void)
{
    session s;
    nn_config c = nn_config_default();
    session_init(&s, &c);
    CHECK(s.open && s.error[0] == '\0');
    for (int i = 0; i < 30; i++) CHECK(session_step(&s) == NN_OK);
    CHECK(session_set(&s, "lr", "0.03") == NN_OK);
    CHECK(session_state(&s).steps == 30);                     /* not reset */
    CHECK_NEAR(nn_trainer_current_lr(s.run.trainer), 0.03, 1e-7);
    CHECK(session_set(&s, "layers", "4") == NN_OK);            /* architecture: rebuilt */
    CHECK(session_state(&s).steps == 0);
    CHECK(s.prev_n >= 2);                                      /* old curve kept */
    session_free(&s);
    return 0;
}

static int bad_setting_keeps_session(void)
{
    session s;
    nn_config c = nn_config_default();
    session_init(&s, &c);
    CHECK(session_set(&s, "lr", "-1") == NN_ERR_ARG);
    CHECK(strstr(nn_last_error(), "lr") != NULL);
    CHECK(s.open);
    /* A setting that builds but cannot train: xor has 2 classes, not 5. */
    CHECK(session_set(&s, "data", "xor") == NN_OK);
    CHECK(session_set(&s, "classes", "5") == NN_OK);
    CHECK(!s.open && strstr(s.error, "2 classes") != NULL);
    CHECK(session_step(&s) != NN_OK);
    CHECK(session_set(&s, "classes", "2") == NN_OK && s.open);
    session_free(&s);
    return 0;
}

/* Probes: after training on circle the centre is class 0 and a corner class 1. */
static int probes_show_the_boundary(void)
{
    session s;
    nn_config c = nn_config_default();
    CHECK(nn_config_set(&c, "data", "circle", NULL) == NN_OK);
    CHECK(nn_config_set(&c, "layers", "8,8", NULL) == NN_OK);
    session_init(&s, &c);
    for (int e = 0; e < 150; e++) CHECK(session_epoch(&s) == NN_OK);
    session_probe(&s);
    enum { G = SESSION_GRID };
    CHECK(s.cls[(G / 2) * G + G / 2] == 0);
    CHECK(s.cls[0] == 1 && s.cls[G * G - 1] == 1);
    CHECK(s.out[0] > 0.5f);
    CHECK(s.n_neurons == 16);
    /* A ReLU neuron's thumbnail is never negative. */
    for (int i = 0; i < 16 * G * G; i++) CHECK(s.neurons[i] >= 0.0f);
    const uint64_t v = s.probe_version;
    session_probe(&s);
    CHECK(s.probe_version == v);                       /* no work when nothing changed */
    session_free(&s);
    return 0;
}

/* Divergence halts play, says where; reset recovers with the same start. */
static int divergence_and_reset(void)
{
    session s;
    nn_config c = nn_config_default();
    CHECK(nn_config_set(&c, "data", "sine", NULL) == NN_OK);
    CHECK(nn_config_set(&c, "lr", "10000", NULL) == NN_OK);
    session_init(&s, &c);
    s.playing = 1;
    s.speed = 4096;
    for (int f = 0; f < 100 && s.playing; f++) session_advance(&s, 0.01);
    CHECK(!s.playing && session_state(&s).diverged);
    CHECK(strstr(session_state(&s).why, "diverged at epoch") != NULL);
    session_reset(&s);
    CHECK(!session_state(&s).diverged && session_state(&s).steps == 0);
    session_free(&s);
    return 0;
}

static int budget_is_respected(void)
{
    session s;
    nn_config c = nn_config_default();
    session_init(&s, &c);
    s.playing = 1;
    s.speed = 5;
    CHECK(session_advance(&s, 1.0) == 5);      /* speed caps the updates per frame */
    s.playing = 0;
    CHECK(session_advance(&s, 1.0) == 0);      /* paused: nothing */
    session_free(&s);
    return 0;
}


/* fashion-small through the same session: it loads, trains above chance on
 * a small training set, computes no plane probes for 784 inputs, and going
 * back to the spiral gives a 2-D run with its probes again. */
static int images_train_and_back(void)
{
    session s;
    nn_config c = nn_config_default();
    session_init(&s, &c);
    const char *names[3] = { "data", "layers", "train-limit" }, *values[3] = { "fashion-small", "c4k3,p2,32", "500" };
    CHECK(session_apply(&s, names, values, 3, 0) == NN_OK);
    CHECK_MSG(s.open, "%s", s.error);
    CHECK(nn_config_is_images(&s.cfg) && s.run.train.d == 784 && s.run.train.n == 500);
    CHECK(s.run.train.classes == 10 && s.run.dev.n > 0);
    for (int e = 0; e < 6; e++) CHECK(session_epoch(&s) == NN_OK);
    int n;
    const nn_metrics *h = session_history(&s, &n);
    CHECK(n == 7);
    CHECK_MSG(h[n - 1].dev_acc > 0.4, "dev accuracy %.3f after 6 epochs (chance 0.1)", h[n - 1].dev_acc);
    CHECK(h[n - 1].train_loss < h[0].train_loss);
    session_probe(&s);
    CHECK(s.out == NULL && s.neurons == NULL && s.n_curve == 0);     /* no plane for images */
    const char *back_n[2] = { "data", "layers" }, *back_v[2] = { "spiral", "16,16" };
    CHECK(session_apply(&s, back_n, back_v, 2, 0) == NN_OK);
    CHECK_MSG(s.open, "%s", s.error);
    CHECK(s.run.train.d == 2 && s.prev_n == 7);                        /* the image run's curve kept */
    for (int i = 0; i < 20; i++) CHECK(session_step(&s) == NN_OK);
    session_probe(&s);
    CHECK(s.out != NULL && s.n_neurons == 32);
    session_free(&s);
    return 0;
}

/* The worker thread: the session has no run while it loads, refuses what
 * needs one, reports progress, then installs the run; a change of network
 * reuses the loaded images; freeing during a load waits for the worker. */
static int images_load_in_background(void)
{
    session s;
    nn_config c = nn_config_default();
    session_init(&s, &c);
    const uint64_t id = s.run_id;
    const char *names[2] = { "data", "layers" }, *values[2] = { "fashion-small", "64" };
    CHECK(session_apply(&s, names, values, 2, 1) == NN_OK);
    CHECK(s.loading && !s.open);
    float done = -1;
    char stage[96];
    CHECK(session_loading(&s, &done, stage, sizeof stage) == 1);
    CHECK(done >= 0.0f && done <= 1.0f);
    CHECK(session_step(&s) != NN_OK && session_epoch(&s) != NN_OK);
    CHECK(session_set_async(&s, "layers", "32") == NN_ERR_ARG);
    CHECK(strstr(nn_last_error(), "loading") != NULL);
    CHECK(strcmp(s.cfg.layers, "") == 0 && s.cfg.hidden[0] == 64);     /* the refused change left no trace */
    session_reset(&s);                                                /* nothing to reset yet: no-op */
    for (int i = 0; i < 2000 && s.loading; i++) {
        session_poll(&s);
        nanosleep(&(struct timespec){ 0, 2000000 }, NULL);
    }
    CHECK(!s.loading && s.open && s.run_id == id + 1);
    CHECK(session_loading(&s, &done, stage, sizeof stage) == 0);
    const uint8_t *pixels = s.run.dev.x8;
    CHECK(pixels != NULL);
    for (int i = 0; i < 10; i++) CHECK(session_step(&s) == NN_OK);
    /* A new network, the same images: only the trainer is rebuilt. */
    CHECK(session_set_async(&s, "layers", "c4k3,p2,32") == NN_OK);
    CHECK(s.loading);
    session_wait(&s);
    CHECK_MSG(s.open, "%s", s.error);
    CHECK(s.run.dev.x8 == pixels && session_state(&s).steps == 0);
    for (int i = 0; i < 10; i++) CHECK(session_step(&s) == NN_OK);
    /* session_set (lessons) waits for a load instead of refusing. */
    CHECK(session_set_async(&s, "seed", "7") == NN_OK && s.loading);
    CHECK(session_set(&s, "lr", "0.05") == NN_OK);
    CHECK(!s.loading && s.open && s.cfg.train.seed == 7);
    CHECK_NEAR(nn_trainer_current_lr(s.run.trainer), 0.05, 1e-7);
    /* An error from the worker becomes the session's error. */
    CHECK(session_set_async(&s, "layers", "p64") == NN_OK);
    session_wait(&s);
    CHECK(!s.open && s.error[0] != '\0');
    /* Freed in the middle of a load: the worker is joined, nothing leaks. */
    CHECK(session_set_async(&s, "layers", "64") == NN_OK && s.loading);
    session_free(&s);
    return 0;
}

/* The per-frame budget, by its rules rather than by the clock (how long
 * frames take on this machine is tests/bench/frame_bench.sh's business):
 * a frame always makes one update, stops before an update its cost estimate
 * says would overrun the budget, stops at the speed, and an update that ends
 * an epoch (it evaluates the three sets) waits for a frame of its own. */
static int images_budget_batch_one(void)
{
    nn_blas_set_threads(1);      /* as the app */
    session s;
    nn_config c = nn_config_default();
    const char *names[4] = { "data", "layers", "batch", "train-limit" };
    const char *values[4] = { "fashion-small", "c4k3,p2,32", "1", "300" };
    session_init(&s, &c);
    CHECK(session_apply(&s, names, values, 4, 0) == NN_OK && s.open);
    const int per_epoch = nn_trainer_state_get(s.run.trainer).batches_per_epoch;
    CHECK(per_epoch == 300);
    s.playing = 1;
    s.speed = 4096;
    /* An epoch's end is dear: the frame stops just before it... */
    s.t_epoch_end = 1e9;
    CHECK(session_advance(&s, 60.0) == per_epoch - 1);
    CHECK(session_state(&s).epoch == 0);
    /* ...and the next frame begins with it, then runs up to the next one. */
    CHECK(session_advance(&s, 60.0) == per_epoch);
    CHECK(session_state(&s).epoch == 1);
    CHECK(s.t_epoch_end > 1e8);  /* one cheap measurement does not undo the estimate at once */
    /* A frame makes one update even when its estimate exceeds the budget. */
    s.t_step = 1e9;
    CHECK(session_advance(&s, 0.006) == 1);
    /* The speed caps a frame whatever the budget. */
    s.t_step = 1e-9;
    s.speed = 7;
    CHECK(session_advance(&s, 60.0) == 7);
    CHECK(s.t_step > 1e-9 && s.t_step < 1e9);   /* measured again */
    session_free(&s);
    return 0;
}

/* The Playground trains on the engine's pool (threads auto: one per
 * processor, as nnlab-train); race lanes keep one thread each. A toy
 * network's update is too little work to split, so its numbers are bit for
 * bit those of one thread (the lessons' checkpoints rely on that). */
static int trains_on_the_pool(void)
{
    nn_blas_set_threads(1);      /* as the app */
    session a, b;
    nn_config c = nn_config_default();           /* spiral, 2-16-16-3 */
    session_init(&a, &c);
    session_init(&b, &c);
    CHECK(a.open && b.open && a.cfg.train.threads == -1);
    CHECK(nn_model_threads(nn_trainer_model(a.run.trainer)) == nn_cpu_count());
    CHECK(session_set(&b, "threads", "1") == NN_OK && b.open);
    CHECK(nn_model_threads(nn_trainer_model(b.run.trainer)) == 1);
    for (int e = 0; e < 3; e++) CHECK(session_epoch(&a) == NN_OK && session_epoch(&b) == NN_OK);
    const nn_model *ma = nn_trainer_model(a.run.trainer), *mb = nn_trainer_model(b.run.trainer);
    CHECK(nn_model_param_count(ma) == nn_model_param_count(mb));
    CHECK(memcmp(nn_model_params((nn_model *)ma), nn_model_params((nn_model *)mb),
                 nn_model_param_count(ma) * sizeof(float)) == 0);
    int ra, rb;
    const nn_metrics *ha = session_history(&a, &ra), *hb = session_history(&b, &rb);
    CHECK(ra == 4 && rb == 4);
    for (int i = 0; i < ra; i++)
        CHECK(ha[i].steps == hb[i].steps && ha[i].train_loss == hb[i].train_loss &&
              ha[i].dev_acc == hb[i].dev_acc && ha[i].test_loss == hb[i].test_loss);
    session_free(&b);

    /* Images: the session's run on the pool; a race from its settings, one thread a lane. */
    const char *names[3] = { "data", "layers", "train-limit" };
    const char *values[3] = { "fashion-small", "c4k3,p2,32", "300" };
    CHECK(session_apply(&a, names, values, 3, 0) == NN_OK && a.open);
    CHECK(nn_model_threads(nn_trainer_model(a.run.trainer)) == nn_cpu_count());
    race *r = malloc(sizeof *r);
    const char *batches[2] = { "1", "16" };
    CHECK(r && race_init(r, &a.cfg, "batch", batches, NULL, 2) == 0);
    for (int i = 0; i < r->n_lanes; i++) CHECK(nn_model_threads(nn_trainer_model(r->lanes[i].run.trainer)) == 1);
    race_free(r);
    free(r);
    session_free(&a);
    return 0;
}

static int prefs_round_trip(void)
{
    char dir[] = "/tmp/nnlab-prefs-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    setenv("XDG_CONFIG_HOME", dir, 1);
    prefs p;
    prefs_load(&p);
    CHECK(p.n == 0);
    prefs_set(&p, "scale", "1.5");
    prefs_set(&p, "view", "race");
    prefs_set(&p, "scale", "2");
    char err[256];
    CHECK(prefs_save(&p, err, sizeof err) == 0);
    prefs q;
    prefs_load(&q);
    CHECK(q.n == 2);
    CHECK_NEAR(prefs_get_num(&q, "scale", 1), 2.0, 0);
    CHECK(strcmp(prefs_get(&q, "view", ""), "race") == 0);
    CHECK(strcmp(prefs_get(&q, "missing", "x"), "x") == 0);
    /* a value read back and set again (the program starts on the last view
     * and remembers it): it used to come out empty, snprintf'ed onto itself */
    prefs_set(&q, "view", prefs_get(&q, "view", "playground"));
    CHECK_MSG(strcmp(prefs_get(&q, "view", ""), "race") == 0, "view '%s'", prefs_get(&q, "view", ""));
    char path[1024];
    prefs_path(path, sizeof path);
    char tmp[1100];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    CHECK(access(tmp, F_OK) != 0);            /* no temporary left behind */
    remove(path);
    snprintf(path, sizeof path, "%s/nnlab", dir);
    rmdir(path);
    rmdir(dir);
    return 0;
}

static const test_case CASES[] = {
    { "lr_change_keeps_training", lr_change_keeps_training },
    { "bad_setting_keeps_session", bad_setting_keeps_session },
    { "probes_show_the_boundary", probes_show_the_boundary },
    { "divergence_and_reset", divergence_and_reset },
    { "budget_is_respected", budget_is_respected },
    { "images_train_and_back", images_train_and_back },
    { "images_load_in_background", images_load_in_background },
    { "images_budget_batch_one", images_budget_batch_one },
    { "trains_on_the_pool", trains_on_the_pool },
    { "prefs_round_trip", prefs_round_trip },
};
TEST_MAIN(CASES)
