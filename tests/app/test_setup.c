/* tests/app/test_setup.c - setups, networks and the history from the window
 * (shell/file_menu.h, nn/setup.h): a setup saved and opened again gives the
 * same settings, view, lesson step and the same run (same weights after N
 * updates); every kind of bad file is refused naming its line and changes
 * nothing; saves are atomic; a network saved and opened again gives the same
 * weights and one of another shape is refused; the history export equals
 * nnlab-train --csv for the same run. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app_fixture.h"
#include "nn/status.h"
#include "shell/file_menu.h"
#include "test.h"

static char tmp_dir[256];

static const char *tmp_path(const char *name)
{
    static char buf[4][512];
    static int k;
    if (!tmp_dir[0]) {
        snprintf(tmp_dir, sizeof tmp_dir, "/tmp/nnlab_test_setup_XXXXXX");
        if (!mkdtemp(tmp_dir)) abort();
    }
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", tmp_dir, name);
    return buf[k];
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) abort();
    fputs(text, f);
    fclose(f);
}

/* 1 if every setting of a and b reads back the same, and the floats are bit-identical. */
static int same_settings(const nn_config *a, const nn_config *b, char *diff, size_t n)
{
    int count;
    const nn_setting *s = nn_config_settings(&count);
    for (int i = 0; i < count; i++) {
        char x[NN_CONFIG_TEXT + 64], y[NN_CONFIG_TEXT + 64];
        nn_config_get(a, s[i].name, x, (int)sizeof x);
        nn_config_get(b, s[i].name, y, (int)sizeof y);
        if (strcmp(x, y)) { snprintf(diff, n, "%s: '%s' vs '%s'", s[i].name, x, y); return 0; }
    }
    if (memcmp(&a->train.lr, &b->train.lr, sizeof a->train.lr) ||
        memcmp(a->dropout, b->dropout, sizeof a->dropout)) {
        snprintf(diff, n, "lr or dropout differ in their bits");
        return 0;
    }
    return 1;
}

static int apply(app *a, const char *name, const char *value)
{
    return session_set(&a->s, name, value);
}

static nn_model *model_of(app *a) { return nn_trainer_model(a->s.run.trainer); }

/* Save, scramble, open: the same settings, view, and the same weights after 25 updates. */
static int round_trip(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1024, 700) == 0);
    app *a = f.a;
    /* 0.037125431 needs nine digits as a float: "%g" alone would not read back the same. */
    CHECK(apply(a, "data", "circle") == NN_OK && apply(a, "layers", "6,5") == NN_OK &&
          apply(a, "act", "tanh") == NN_OK && apply(a, "opt", "adam") == NN_OK &&
          apply(a, "lr", "0.037125431") == NN_OK && apply(a, "seed", "42") == NN_OK &&
          apply(a, "dropout", "0.1") == NN_OK && apply(a, "batch", "16") == NN_OK);
    CHECK(app_set_view(a, "layers") == 0);
    const nn_config saved = a->s.cfg;
    /* The reference: the fresh run of these settings, 25 updates on. */
    session_reset(&a->s);
    for (int i = 0; i < 25; i++) CHECK(session_step(&a->s) == NN_OK);
    const size_t np = nn_model_param_count(model_of(a));
    float *want = malloc(np * sizeof *want);
    CHECK(want);
    memcpy(want, nn_model_params(model_of(a)), np * sizeof *want);

    const char *path = tmp_path("round.setup");
    CHECK_MSG(app_setup_save(a, path) == 0, "%s", nn_last_error());
    /* Something else entirely, then open the file. */
    CHECK(apply(a, "lr", "0.5") == NN_OK && apply(a, "seed", "9") == NN_OK && apply(a, "layers", "3") == NN_OK);
    CHECK(app_set_view(a, "playground") == 0);
    for (int i = 0; i < 7; i++) session_step(&a->s);
    CHECK_MSG(app_setup_open(a, path) == 0, "%s", nn_last_error());
    char diff[2300];
    CHECK_MSG(same_settings(&saved, &a->s.cfg, diff, sizeof diff), "after opening: %s", diff);
    CHECK(strcmp(VIEWS[a->view]->id, "layers") == 0);
    int rows;
    const nn_metrics *h = session_history(&a->s, &rows);
    CHECK(rows == 1 && h[0].steps == 0);   /* a fresh run */
    for (int i = 0; i < 25; i++) CHECK(session_step(&a->s) == NN_OK);
    CHECK(nn_model_param_count(model_of(a)) == np);
    CHECK_MSG(memcmp(nn_model_params(model_of(a)), want, np * sizeof *want) == 0,
              "the opened setup's run differs after 25 updates");
    free(want);
    close_fixture(&f);
    return 0;
}

/* The lesson and its step travel with the setup. */
static int lesson_position(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1024, 700) == 0);
    app *a = f.a;
    const char *file = "lessons/05_l2_regularisation.lesson";
    player_open(a, file);
    CHECK(a->player && a->player->L && a->player->L->n_steps >= 3);
    CHECK(lesson_session_enter(a->player->ls, 2) == NN_OK);
    const char *path = tmp_path("lesson.setup");
    CHECK(app_setup_save(a, path) == 0);
    FILE *fp = fopen(path, "r");
    char text[8192];
    const size_t n = fread(text, 1, sizeof text - 1, fp);
    fclose(fp);
    text[n] = '\0';
    CHECK(strncmp(text, "# nnlab setup 1\n", 16) == 0);
    CHECK(strstr(text, "\nlesson = lessons/05_l2_regularisation.lesson\n") && strstr(text, "\nlesson-step = 3\n"));
    player_close(a);
    CHECK(!a->player || !a->player->L);
    CHECK_MSG(app_setup_open(a, path) == 0, "%s", nn_last_error());
    CHECK(a->player && a->player->L && strcmp(a->player->path, file) == 0);
    CHECK(lesson_session_step(a->player->ls) == 2);
    /* A setup without a lesson closes the one that is open. */
    write_text(tmp_path("nolesson.setup"), "# nnlab setup 1\nlr = 0.2\n");
    CHECK(app_setup_open(a, tmp_path("nolesson.setup")) == 0);
    CHECK(!a->player || !a->player->L);
    close_fixture(&f);
    return 0;
}

/* A setup saved in a lesson, in another view and with a changed rate (a
 * teacher at lesson 5, step 2, looking inside the network), opens in that
 * view with that rate, and keeps them once the lesson's step has done what
 * it does on arrival (the frames after opening), as README "Setups" says:
 * the lesson's header ('view: playground', 'set: lr = 0.01') ran at the
 * first frame, over the file's. */
static int lesson_position_keeps_view_and_settings(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1280, 720) == 0);
    app *a = f.a;
    const char *path = tmp_path("inside.setup");
    write_text(path, "# nnlab setup 1\nview = layers\nlr = 0.123\n"
                     "lesson = lessons/05_l2_regularisation.lesson\nlesson-step = 2\n");
    CHECK_MSG(app_setup_open(a, path) == 0, "%s", nn_last_error());
    /* the frames until step 1 has arrived (its runs trained; slower under load), and one more */
    int frames = 0, arrived = 0;
    while (frames < 5000 && arrived < 2) {
        a->time += 1.0 / 60;
        frame_run(a);
        frames++;
        CHECK(a->player && a->player->ls);
        const lesson_phase ph = lesson_session_phase(a->player->ls);
        if (ph != LESSON_CATCHING_UP && ph != LESSON_RUNNING) arrived++;
    }
    CHECK_MSG(arrived == 2, "step 2 had not arrived after %d frames", frames);
    CHECK(a->player && a->player->L && lesson_session_step(a->player->ls) == 1);
    CHECK_MSG(strcmp(VIEWS[a->view]->id, "layers") == 0, "the view is '%s', the file says 'layers'",
              VIEWS[a->view]->id);
    char lr[64];
    nn_config_get(&a->s.cfg, "lr", lr, (int)sizeof lr);
    CHECK_MSG(strtod(lr, NULL) == 0.123, "lr %s, the file says 0.123", lr);
    close_fixture(&f);
    return 0;
}

/* A lesson named as --lesson names it, without folder or ".lesson", opens
 * from the lessons folder (it was "cannot open: no such file"). */
static int lesson_by_name(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1024, 700) == 0);
    app *a = f.a;
    const char *path = tmp_path("byname.setup");
    write_text(path, "# nnlab setup 1\nlesson = 05_l2_regularisation\nlesson-step = 2\n");
    CHECK_MSG(app_setup_open(a, path) == 0, "%s", nn_last_error());
    CHECK(a->player && a->player->L);
    const char *p = a->player->path, *end = "/05_l2_regularisation.lesson";
    CHECK_MSG(strlen(p) > strlen(end) && strcmp(p + strlen(p) - strlen(end), end) == 0, "opened '%s'", p);
    CHECK(lesson_session_step(a->player->ls) == 1);
    write_text(path, "# nnlab setup 1\nlesson = 05_no_such_lesson\n");
    CHECK(app_setup_open(a, path) != 0 && strstr(nn_last_error(), "05_no_such_lesson"));
    close_fixture(&f);
    return 0;
}

/* Each kind of bad file: -1, a message naming the file and the line, and nothing changed. */
static int bad_files_name_their_line(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1024, 700) == 0);
    app *a = f.a;
    CHECK(apply(a, "lr", "0.07") == NN_OK);
    for (int i = 0; i < 5; i++) session_step(&a->s);
    const nn_config before = a->s.cfg;
    const uint64_t version = a->s.version, run_id = a->s.run_id;
    const int view = a->view;
    const struct { const char *name, *text, *needle; } cases[] = {
        { "unknown.setup", "# nnlab setup 1\nlr = 0.1\nlrr = 0.2\n", ":3: unknown setting 'lrr' (did you mean 'lr'?)" },
        { "value.setup", "# nnlab setup 1\n\n# a comment\nbatch = lots\n", ":4: batch expects" },
        { "header.setup", "lr = 0.1\n", ":1: not an nnlab setup" },
        { "newer.setup", "# nnlab setup 2\nlr = 0.1\n", ":1: a setup of version 2" },
        { "noequals.setup", "# nnlab setup 1\nlr 0.1\n", ":2: expected 'name = value'" },
        { "noname.setup", "# nnlab setup 1\n = 0.1\n", ":2: expected 'name = value'" },
        { "view.setup", "# nnlab setup 1\nlr = 0.3\nview = nosuch\n", ":3: no view 'nosuch'" },
        { "lesson.setup", "# nnlab setup 1\nlesson = /nonexistent/x.lesson\n", ":2: lesson /nonexistent/x.lesson" },
        { "step.setup", "# nnlab setup 1\nlesson = lessons/05_l2_regularisation.lesson\nlesson-step = 999\n",
          "lesson-step 999, but" },
        { "stepzero.setup", "# nnlab setup 1\nlesson-step = 0\n", ":2: lesson-step expects" },
        { "binary.setup", NULL, "not a text file" },
        { "empty.setup", "", ":1: empty file" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *path = tmp_path(cases[k].name);
        if (cases[k].text) write_text(path, cases[k].text);
        else {
            FILE *fp = fopen(path, "wb");
            fwrite("# nnlab setup 1\n\0lr = 1\n", 1, 24, fp);
            fclose(fp);
        }
        CHECK_MSG(app_setup_open(a, path) == -1, "%s was accepted", cases[k].name);
        CHECK_MSG(strstr(nn_last_error(), path) && strstr(nn_last_error(), cases[k].needle),
                  "%s: message '%s' lacks '%s'", cases[k].name, nn_last_error(), cases[k].needle);
    }
    /* A missing file and a directory. */
    CHECK(app_setup_open(a, tmp_path("missing.setup")) == -1 && strstr(nn_last_error(), "no such file"));
    CHECK(app_setup_open(a, tmp_dir) == -1 && strstr(nn_last_error(), "directory"));
    /* Nothing changed: settings, run, view. */
    char diff[2300];
    CHECK_MSG(same_settings(&before, &a->s.cfg, diff, sizeof diff), "%s", diff);
    CHECK(a->s.version == version && a->s.run_id == run_id && a->view == view);
    /* The toast says it on screen. */
    CHECK(file_menu_do(a, FILE_OPEN_SETUP, tmp_path("unknown.setup")) == -1);
    CHECK(strstr(a->toast, "unknown.setup:3:") != NULL);
    close_fixture(&f);
    return 0;
}

/* A save that fails leaves no file and no PATH.tmp, and an older file intact. */
static int atomic_saves(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1024, 700) == 0);
    app *a = f.a;
    struct stat st;
    CHECK(app_setup_save(a, "/dev/full") == -1 && strstr(nn_last_error(), "/dev/full"));
    CHECK(stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode));
    const char *missing = tmp_path("no/such/dir/x.setup");
    CHECK(app_setup_save(a, missing) == -1 && strstr(nn_last_error(), "x.setup"));
    CHECK(stat(missing, &st) != 0);
    CHECK(file_menu_do(a, FILE_EXPORT_HISTORY, "/dev/full") == -1 && strstr(a->toast, "/dev/full"));
    CHECK(file_menu_do(a, FILE_SAVE_NETWORK, missing) == -1);
    /* A value that cannot be written (a line break) fails half-way: the old file stays. */
    const char *path = tmp_path("keep.setup");
    CHECK(app_setup_save(a, path) == 0);
    FILE *fp = fopen(path, "r");
    char old[8192], now[8192];
    const size_t n_old = fread(old, 1, sizeof old, fp);
    fclose(fp);
    snprintf(a->s.cfg.images.dir, sizeof a->s.cfg.images.dir, "two\nlines");
    CHECK(app_setup_save(a, path) == -1 && strstr(nn_last_error(), "data-dir"));
    fp = fopen(path, "r");
    const size_t n_now = fread(now, 1, sizeof now, fp);
    fclose(fp);
    CHECK(n_now == n_old && memcmp(old, now, n_old) == 0);
    char tmp[600];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    CHECK(stat(tmp, &st) != 0);
    close_fixture(&f);
    return 0;
}

/* The trained network saved and opened again; another shape is refused and changes nothing. */
static int network_save_open(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1024, 700) == 0);
    app *a = f.a;
    for (int i = 0; i < 40; i++) CHECK(session_step(&a->s) == NN_OK);
    const size_t np = nn_model_param_count(model_of(a));
    float *trained = malloc(np * sizeof *trained);
    CHECK(trained);
    memcpy(trained, nn_model_params(model_of(a)), np * sizeof *trained);
    const char *path = tmp_path("net.nnm");
    CHECK(file_menu_do(a, FILE_SAVE_NETWORK, path) == 0 && strstr(a->toast, "net.nnm"));
    session_reset(&a->s);
    CHECK(memcmp(nn_model_params(model_of(a)), trained, np * sizeof *trained) != 0);
    CHECK_MSG(file_menu_do(a, FILE_OPEN_NETWORK, path) == 0, "%s", a->toast);
    CHECK(memcmp(nn_model_params(model_of(a)), trained, np * sizeof *trained) == 0);
    int rows;
    CHECK(session_history(&a->s, &rows)[0].steps == 0);   /* training goes on from the loaded weights */
    /* Another architecture: a clear message, the weights untouched. */
    CHECK(apply(a, "layers", "3") == NN_OK);
    const size_t np3 = nn_model_param_count(model_of(a));
    float *small = malloc(np3 * sizeof *small);
    memcpy(small, nn_model_params(model_of(a)), np3 * sizeof *small);
    CHECK(session_load_network(&a->s, path) != NN_OK);
    CHECK_MSG(strstr(nn_last_error(), "does not fit the Playground"), "%s", nn_last_error());
    CHECK(memcmp(nn_model_params(model_of(a)), small, np3 * sizeof *small) == 0);
    /* Not a model at all. */
    write_text(tmp_path("not.nnm"), "hello");
    CHECK(file_menu_do(a, FILE_OPEN_NETWORK, tmp_path("not.nnm")) == -1 && strstr(a->toast, "not.nnm"));
    free(trained);
    free(small);
    close_fixture(&f);
    return 0;
}

/* The history export equals nnlab-train --setup FILE --csv for the same run (but the seconds). */
static int history_equals_cli_csv(void)
{
    char exe[PATH_MAX], cli[PATH_MAX + 32];
    const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    CHECK(n > 0);
    exe[n] = '\0';
    *strrchr(exe, '/') = '\0';
    snprintf(cli, sizeof cli, "%s/../app/nnlab-train", exe);   /* build/tests -> build/app */
    CHECK_MSG(access(cli, X_OK) == 0, "%s not found", cli);
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1024, 700) == 0);
    app *a = f.a;
    CHECK(apply(a, "data", "moons") == NN_OK && apply(a, "layers", "8") == NN_OK &&
          apply(a, "batch", "32") == NN_OK && apply(a, "seed", "5") == NN_OK);
    const char *setup = tmp_path("hist.setup"), *mine = tmp_path("window.csv"), *theirs = tmp_path("cli.csv");
    CHECK(app_setup_save(a, setup) == 0);
    for (int e = 0; e < 4; e++) CHECK(session_epoch(&a->s) == NN_OK);
    CHECK(file_menu_do(a, FILE_EXPORT_HISTORY, mine) == 0);
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "'%s' --setup '%s' --epochs 4 --quiet --csv '%s' >/dev/null", cli, setup, theirs);
    CHECK(system(cmd) == 0);
    FILE *x = fopen(mine, "r"), *y = fopen(theirs, "r");
    CHECK(x && y);
    char lx[512], ly[512];
    int lines = 0;
    while (fgets(lx, sizeof lx, x)) {
        CHECK_MSG(fgets(ly, sizeof ly, y), "the window's CSV is longer");
        *strrchr(lx, ',') = '\0';   /* seconds: time, not the run */
        *strrchr(ly, ',') = '\0';
        CHECK_MSG(strcmp(lx, ly) == 0, "line %d: window '%s' vs nnlab-train '%s'", lines + 1, lx, ly);
        lines++;
    }
    CHECK_MSG(!fgets(ly, sizeof ly, y), "nnlab-train's CSV is longer");
    CHECK(lines == 6);   /* the header, row 0 and four epochs */
    fclose(x);
    fclose(y);
    close_fixture(&f);
    return 0;
}

/* Ctrl+S opens the path bar with a default name; Enter saves; Esc cancels; Ctrl+O opens. */
static int keys_and_bar(void)
{
    fixture f;
    CHECK(open_fixture(&f, 2.0f, 1024, 600) == 0);
    app *a = f.a;
    char cwd[PATH_MAX];
    CHECK(getcwd(cwd, sizeof cwd));
    (void)tmp_path("x");
    CHECK(chdir(tmp_dir) == 0);
    SDL_KeyboardEvent k = { .type = SDL_KEYDOWN, .keysym = { .sym = SDLK_s, .mod = KMOD_LCTRL } };
    CHECK(file_menu_key(a, &k) == 1 && a->file_ask == FILE_SAVE_SETUP);
    CHECK(strcmp(a->file_path[FILE_SAVE_SETUP], "nnlab.setup") == 0);
    frame_render_only(a);
    frame_render_only(a);
    const ui_widget_info *list;
    const int n = ui_widgets(a->ui, &list);
    int field = 0, save = 0, file = 0;
    for (int i = 0; i < n; i++) {
        field |= list[i].kind == UI_W_FIELD;
        save |= list[i].kind == UI_W_BUTTON && !strcmp(list[i].label, "Save");
        file |= list[i].kind == UI_W_DROPDOWN && list[i].id == ui_label_id("##file");
    }
    CHECK(field && save && file);
    k.keysym = (SDL_Keysym){ .sym = SDLK_RETURN };
    CHECK(file_menu_key(a, &k) == 1 && a->file_ask == FILE_NONE);
    struct stat st;
    CHECK(stat("nnlab.setup", &st) == 0 && S_ISREG(st.st_mode));
    CHECK(strstr(a->toast, "Setup saved to") != NULL);
    k.keysym = (SDL_Keysym){ .sym = SDLK_o, .mod = KMOD_RCTRL };
    CHECK(file_menu_key(a, &k) == 1 && a->file_ask == FILE_OPEN_SETUP);
    k.keysym = (SDL_Keysym){ .sym = SDLK_ESCAPE };
    CHECK(file_menu_key(a, &k) == 1 && a->file_ask == FILE_NONE);
    k.keysym = (SDL_Keysym){ .sym = SDLK_RETURN };
    CHECK(file_menu_key(a, &k) == 0);   /* Enter is not taken when the bar is closed */
    CHECK(chdir(cwd) == 0);
    close_fixture(&f);
    return 0;
}

static int cleanup(void)
{
    if (tmp_dir[0]) {
        char cmd[400];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_dir);
        CHECK(system(cmd) == 0);
    }
    return 0;
}

static const test_case CASES[] = {
    { "round_trip", round_trip },
    { "lesson_position", lesson_position },
    { "lesson_by_name", lesson_by_name },
    { "lesson_position_keeps_view_and_settings", lesson_position_keeps_view_and_settings },
    { "bad_files_name_their_line", bad_files_name_their_line },
    { "atomic_saves", atomic_saves },
    { "network_save_open", network_save_open },
    { "history_equals_cli_csv", history_equals_cli_csv },
    { "keys_and_bar", keys_and_bar },
    { "cleanup", cleanup },
};
TEST_MAIN(CASES)
