/* The live session behind the program: settings that reset and settings that
 * don't, probes over the plane, budgets, recovery from divergence, and the
 * remembered settings file. */
#include <stdlib.h>
#include <unistd.h>

#include "shell/prefs.h"
#include "shell/session.h"
#include "nn/status.h"
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
    { "prefs_round_trip", prefs_round_trip },
};
TEST_MAIN(CASES)
