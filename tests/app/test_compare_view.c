/* tests/app/test_compare_view.c - the Compare view (app/views/view_race.c,
 * id race) used as a person would: the robot picks what differs and each
 * run's values in the panel's controls and the lanes built are the ones
 * asked for, on the Playground's settings; the Batch race preset brings
 * the default back; the view renders with 2 and 4 lanes at the sizes and
 * zoom a classroom uses, every lane on its card and in the curves.
 */
#include <stdio.h>
#include <string.h>

#include "draw/palette.h"
#include "nn/status.h"
#include "robot.h"
#include "shell/race.h"
#include "shell/race_compare.h"
#include "test.h"
#include "views/view_race.h"

static char lessons[1100];

static const race *lanes(robot *R) { return race_view_race(app_view_state(R->a, view_index("race"))); }
static const race_plan *plan(robot *R) { return race_view_plan(app_view_state(R->a, view_index("race"))); }

static int value_is(const race *r, int lane, const char *name, const char *want)
{
    char got[64];
    nn_config_get(&r->cfgs[lane], name, got, (int)sizeof got);
    if (strcmp(got, want) == 0) return 1;
    fprintf(stderr, "lane %d: %s is '%s', want '%s'\n", lane, name, got, want);
    return 0;
}

static int click_button(robot *R, const char *label)
{
    const ui_widget_info *b = robot_find_label(R, label, UI_W_BUTTON);
    if (!b || !robot_visible(R, b->rect)) { fprintf(stderr, "no button '%s'\n", label); return 1; }
    return robot_click(R, robot_cx(b->rect), robot_cy(b->rect)) || robot_frame(R);
}

/* Picks the item with this text in the dropdown labelled label. */
static int pick(robot *R, const char *label, const char *const *items, int n, const char *item)
{
    for (int i = 0; i < n; i++)
        if (strcmp(items[i], item) == 0) return robot_pick(R, ui_label_id(label), i, 0) || robot_frame(R);
    fprintf(stderr, "no item '%s' in '%s'\n", item, label);
    return 1;
}

/* The lanes once Reset has built them (choices only plan them), untrained. */
static const race *played(robot *R)
{
    if (lanes(R)) return lanes(R);
    const ui_widget_info *b = robot_find_label(R, "Reset", UI_W_BUTTON);
    if (!b || robot_click(R, robot_cx(b->rect), robot_cy(b->rect)) || robot_frame(R)) return NULL;
    return lanes(R);
}

static int pick_setting(robot *R, const char *label, const char *name)
{
    const int k = race_choice_find(name);
    if (k < 0) return 1;
    return robot_pick(R, ui_label_id(label), k + (strcmp(label, "And") == 0), 0) || robot_frame(R);
}

/* Types a value into the number field with this id label. */
static int type_number(robot *R, const char *id_label, const char *text)
{
    const ui_widget_info *w = robot_find(R, ui_label_id(id_label), UI_W_NUMBER, 0);
    if (!w || !robot_visible(R, w->rect)) { fprintf(stderr, "no number field '%s'\n", id_label); return 1; }
    if (robot_click(R, robot_cx(w->rect), robot_cy(w->rect))) return 1;
    robot_type(R, text);
    if (robot_frame(R)) return 1;
    robot_key(R, SDLK_RETURN);
    return robot_frames(R, 2);
}

static int builds(robot *R) { return race_view_builds(app_view_state(R->a, view_index("race"))); }

static int cfg_is(const nn_config *c, const char *name, const char *want)
{
    char got[64];
    nn_config_get(c, name, got, (int)sizeof got);
    if (strcmp(got, want) == 0) return 1;
    fprintf(stderr, "%s is '%s', want '%s'\n", name, got, want);
    return 0;
}

static int widgets_build_the_lanes(void)
{
    robot R;
    robot_watchdog(120);
    CHECK(robot_open(&R, 1280, 720, 1.0f, lessons) == 0);
    /* the teacher sets the network up in the Playground first */
    CHECK(session_set(&R.a->s, "data", "spiral") == NN_OK);
    CHECK(session_set(&R.a->s, "layers", "16,16") == NN_OK);
    CHECK(robot_go_view(&R, view_index("race")) >= 0);
    CHECK(robot_frames(&R, 2) == 0);
    const race *r = lanes(&R);
    CHECK(r && r->n_lanes == 3);                                   /* the default: the batch race, built at once */
    CHECK(value_is(r, 0, "batch", "1") && value_is(r, 1, "batch", "32") && value_is(r, 2, "batch", "all"));
    const int b0 = builds(&R);
    CHECK(b0 == 1);

    /* two optimizers on the Playground's network: choosing plans the runs
     * and builds none; the batch race's lanes stop and are no longer shown */
    CHECK(pick_setting(&R, "Compare", "opt") == 0);
    CHECK(click_button(&R, "Remove") == 0);
    const race_choice *opt = &race_choices(NULL)[race_choice_find("opt")];
    CHECK(pick(&R, "Run 1", opt->items, opt->n_items, "sgd") == 0);
    CHECK(pick(&R, "Run 2", opt->items, opt->n_items, "rmsprop") == 0);
    CHECK(pick(&R, "Run 2", opt->items, opt->n_items, "adam") == 0);
    CHECK_MSG(builds(&R) == b0, "%d builds after 5 choices, want %d", builds(&R), b0);
    CHECK(lanes(&R) == NULL);
    const race_plan *p = plan(&R);
    CHECK(p && p->n == 2 && cfg_is(&p->cfgs[0], "opt", "sgd") && cfg_is(&p->cfgs[1], "opt", "adam"));
    char text[1024];
    race_configs_differences_text(p->cfgs, (const char *const[]){ p->labels[0], p->labels[1] }, 2, text, sizeof text);
    CHECK_MSG(strstr(text, "Only the **optimizer** differs") && !strstr(text, "batch"), "%s", text);
    /* Reset builds them, once, on the data the batch race had (not made again) */
    r = played(&R);
    CHECK(r && r->n_lanes == 2 && builds(&R) == b0 + 1);
    CHECK(value_is(r, 0, "opt", "sgd") && value_is(r, 1, "opt", "adam"));
    for (int i = 0; i < 2; i++)
        CHECK(value_is(r, i, "data", "spiral") && value_is(r, i, "layers", "16,16") && value_is(r, i, "batch", "32"));
    CHECK(r->lanes[0].run.train.x && r->lanes[0].run.train.x == r->lanes[1].run.train.x);   /* one copy */
    const float *shared = r->lanes[0].run.train.x;
    race_differences_text(r, text, sizeof text);
    CHECK_MSG(strstr(text, "Only the **optimizer** differs") && !strstr(text, "batch"), "%s", text);
    /* identical starts: the same weights */
    nn_model *m0 = nn_trainer_model(r->lanes[0].run.trainer), *m1 = nn_trainer_model(r->lanes[1].run.trainer);
    CHECK(memcmp(nn_model_params(m0), nn_model_params(m1), nn_model_param_count(m0) * sizeof(float)) == 0);
    /* a choice taken back leaves the racing lanes alone */
    const int b1 = builds(&R);
    CHECK(pick(&R, "Run 2", opt->items, opt->n_items, "momentum") == 0 && lanes(&R) == NULL);
    CHECK(pick(&R, "Run 2", opt->items, opt->n_items, "adam") == 0 && lanes(&R) == r && builds(&R) == b1);

    /* and a second setting: the learning rate, typed per run */
    CHECK(pick_setting(&R, "And", "lr") == 0);
    CHECK(type_number(&R, "##and run 1", "0.1") == 0);
    CHECK(type_number(&R, "##and run 2", "0.003") == 0);
    CHECK(builds(&R) == b1 && lanes(&R) == NULL);
    r = played(&R);
    CHECK(r && r->n_lanes == 2 && value_is(r, 0, "lr", "0.1") && value_is(r, 1, "lr", "0.003"));
    CHECK(value_is(r, 1, "opt", "adam") && r->lanes[1].run.train.x == shared);
    /* Play starts these runs: they train */
    CHECK(click_button(&R, "Play") == 0 && robot_frames(&R, 3) == 0);
    CHECK(lanes(&R) == r && nn_trainer_state_get(r->lanes[0].run.trainer).steps > 0);
    CHECK(click_button(&R, "Pause") == 0);
    race_differences_text(r, text, sizeof text);
    CHECK_MSG(strstr(text, "**optimizer** and the **learning rate** differ") && strstr(text, "adam, learning rate 0.003"),
              "%s", text);

    /* a number setting as the first: L2, typed */
    CHECK(pick(&R, "And", (const char *const[]){ "nothing" }, 1, "nothing") == 0);
    CHECK(pick_setting(&R, "Compare", "l2") == 0);
    CHECK(type_number(&R, "Run 2", "2.5") == 0);
    r = played(&R);
    CHECK(r && value_is(r, 0, "l2", "0") && value_is(r, 1, "l2", "2.5") && value_is(r, 1, "opt", "sgd"));

    /* 2 to 4 runs */
    for (int i = 0; i < 3; i++) CHECK(click_button(&R, "Add run") == 0);
    r = played(&R);
    CHECK(r && r->n_lanes == RACE_MAX_LANES);
    CHECK(value_is(r, 2, "l2", "0.1") && value_is(r, 3, "l2", "10"));
    for (int i = 0; i < 3; i++) CHECK(click_button(&R, "Remove") == 0);
    CHECK(played(&R) && lanes(&R)->n_lanes == 2);

    /* augmentation on 2-D points cannot start: no plan, the reason in the
     * panel, no crash, Play builds nothing; another choice plans again */
    const int b2 = builds(&R);
    CHECK(pick_setting(&R, "Compare", "augment") == 0);
    CHECK(robot_frames(&R, 2) == 0);
    CHECK(plan(&R) == NULL && played(&R) == NULL && builds(&R) == b2);
    CHECK(pick_setting(&R, "Compare", "dropout") == 0);
    r = played(&R);
    CHECK(r && r->n_lanes == 2 && value_is(r, 1, "dropout", "0.3"));

    /* the preset brings the batch race back */
    CHECK(click_button(&R, "Batch race") == 0);
    r = played(&R);
    CHECK(r && r->n_lanes == 3 && value_is(r, 0, "batch", "1") && value_is(r, 2, "batch", "all"));
    race_differences_text(r, text, sizeof text);
    CHECK_MSG(strstr(text, "Only the **batch size** differs"), "%s", text);

    /* the base follows the Playground: a new optimizer there reaches every
     * lane (on Play: the runs on screen stop meanwhile) */
    CHECK(session_set(&R.a->s, "opt", "momentum") == NN_OK);
    CHECK(robot_frames(&R, 2) == 0);
    CHECK(lanes(&R) == NULL && plan(&R) && cfg_is(&plan(&R)->cfgs[2], "opt", "momentum"));
    CHECK(click_button(&R, "Play") == 0 && robot_frames(&R, 3) == 0);     /* Play: built, and racing */
    r = lanes(&R);
    CHECK(r && value_is(r, 0, "opt", "momentum") && value_is(r, 2, "opt", "momentum"));
    CHECK(nn_trainer_state_get(r->lanes[1].run.trainer).steps > 0);
    CHECK(r->lanes[0].run.train.x == shared);               /* the same data: not made again */
    /* new data in the Playground: the lanes go (they used the old data) and
     * new ones are built on the new data at once */
    CHECK(session_set(&R.a->s, "data", "moons") == NN_OK);
    CHECK(robot_frames(&R, 2) == 0);
    r = lanes(&R);
    CHECK(r && value_is(r, 0, "data", "moons") && r->lanes[0].run.train.x == r->lanes[2].run.train.x);
    robot_close(&R);
    return 0;
}

/* Image data: the lanes share one copy of the images, copied from the
 * Playground's run (no second load), and new choices on Play reuse it. */
static int images_share_the_loaded_data(void)
{
    robot R;
    robot_watchdog(120);
    CHECK(robot_open(&R, 1280, 720, 1.0f, lessons) == 0);
    const char *names[] = { "data", "train-limit", "layers" }, *values[] = { "fashion-small", "300", "16" };
    CHECK(session_apply(&R.a->s, names, values, 3, 0) == NN_OK && R.a->s.open);
    CHECK(robot_go_view(&R, view_index("race")) >= 0);
    CHECK(robot_frames(&R, 2) == 0);
    const race *r = lanes(&R);
    CHECK(r && r->n_lanes == 3);
    const nn_dataset *mine = &r->lanes[0].run.train, *theirs = &R.a->s.run.train;
    CHECK(mine->x8 && mine->x8 == r->lanes[1].run.train.x8 && mine->x8 == r->lanes[2].run.train.x8);
    CHECK(mine->n == theirs->n && mine->x8 != theirs->x8);           /* a copy, equal to the Playground's */
    CHECK(memcmp(mine->x8, theirs->x8, (size_t)mine->n * (size_t)mine->d) == 0);
    CHECK(memcmp(mine->y, theirs->y, (size_t)mine->n * sizeof *mine->y) == 0);
    const uint8_t *shared = mine->x8;
    CHECK(pick_setting(&R, "Compare", "augment") == 0);
    const race_choice *aug = &race_choices(NULL)[race_choice_find("augment")];
    CHECK(pick(&R, "Run 2", aug->items, aug->n_items, "rotate=15") == 0);
    r = played(&R);
    CHECK(r && value_is(r, 1, "augment", "rotate=15") && r->lanes[1].run.train.x8 == shared);
    robot_close(&R);
    return 0;
}

static int count(const SDL_Surface *s, SDL_Rect r, SDL_Color c) { return fixture_count_colour(s, r, c, 14); }

/* At every size and zoom, 2 and 4 optimizers racing on the spiral: every
 * run's controls show, every lane's colour is on screen right of the panel
 * (card and curves), nothing non-finite is drawn (robot_frame). */
static int renders_with_2_and_4_lanes(void)
{
    static const struct { int w, h; float zoom; } SIZES[] = { { 1280, 720, 1.0f }, { 1024, 600, 1.0f },
                                                            { 1024, 600, 1.5f }, { 1280, 720, 1.5f } };
    for (size_t k = 0; k < sizeof SIZES / sizeof SIZES[0]; k++)
        for (int n = 2; n <= 4; n += 2) {
            robot R;
            robot_watchdog(120);
            CHECK(robot_open(&R, SIZES[k].w, SIZES[k].h, SIZES[k].zoom, lessons) == 0);
            CHECK(session_set(&R.a->s, "data", "spiral") == NN_OK);
            CHECK(robot_go_view(&R, view_index("race")) >= 0);
            CHECK(pick_setting(&R, "Compare", "opt") == 0);
            CHECK(click_button(&R, n == 2 ? "Remove" : "Add run") == 0);
            const race *r = played(&R);
            CHECK_MSG(r && r->n_lanes == n, "%dx%d zoom %.1f: %d lanes, want %d", SIZES[k].w, SIZES[k].h,
                      (double)SIZES[k].zoom, r ? r->n_lanes : -1, n);
            R.a->opt.play = 1;
            CHECK(robot_frames(&R, 30) == 0);
            for (int i = 1; i <= n; i++) {
                char label[16];
                snprintf(label, sizeof label, "Run %d", i);
                const ui_widget_info *w = robot_find_label(&R, label, UI_W_DROPDOWN);
                CHECK_MSG(w && robot_visible(&R, w->rect), "%dx%d zoom %.1f, %d lanes: '%s' not shown", SIZES[k].w,
                          SIZES[k].h, (double)SIZES[k].zoom, n, label);
            }
            const ui_widget_info *cmp = robot_find_label(&R, "Compare", UI_W_DROPDOWN);
            CHECK(cmp && robot_visible(&R, cmp->rect));
            const int right = cmp->rect.x + cmp->rect.w;
            const SDL_Rect view = { right, 0, R.f.w - right, R.f.h };
            for (int i = 0; i < n; i++) {
                const int px = count(R.f.surf, view, pal_category(i + 4));
                CHECK_MSG(px > 300, "%dx%d zoom %.1f, %d lanes: lane %d drew %d pixels", SIZES[k].w, SIZES[k].h,
                          (double)SIZES[k].zoom, n, i, px);
            }
            if (n == 4) {   /* and a second setting: every run's two values and the buttons still show */
                CHECK(pick_setting(&R, "And", "lr") == 0 && robot_frames(&R, 2) == 0);
                const ui_widget_info *w = robot_find(&R, ui_label_id("##and run 4"), UI_W_NUMBER, 0);
                CHECK_MSG(w && robot_visible(&R, w->rect), "%dx%d zoom %.1f: run 4's second value not shown",
                          SIZES[k].w, SIZES[k].h, (double)SIZES[k].zoom);
                w = robot_find(&R, ui_label_id("##run 4"), UI_W_DROPDOWN, 0);
                CHECK_MSG(w && robot_visible(&R, w->rect) && w->rect.w >= R.f.w / 10,
                          "%dx%d zoom %.1f: run 4's first value not shown (or too narrow)", SIZES[k].w, SIZES[k].h,
                          (double)SIZES[k].zoom);
                w = robot_find_label(&R, "Batch race", UI_W_BUTTON);
                if (!w) w = robot_find_label(&R, "1|32|all", UI_W_BUTTON);   /* its short label, at zoom */
                CHECK_MSG(w && robot_visible(&R, w->rect), "%dx%d zoom %.1f: no Batch race button", SIZES[k].w,
                          SIZES[k].h, (double)SIZES[k].zoom);
                CHECK(played(&R) && lanes(&R)->n_lanes == 4 && value_is(lanes(&R), 3, "lr", "0.3"));
            }
            robot_close(&R);
        }
    return 0;
}

static int sandbox(void) { return robot_sandbox(lessons, sizeof lessons); }

static const test_case CASES[] = {
    { "sandbox", sandbox },
    { "widgets_build_the_lanes", widgets_build_the_lanes },
    { "images_share_the_loaded_data", images_share_the_loaded_data },
    { "renders_with_2_and_4_lanes", renders_with_2_and_4_lanes },
};
TEST_MAIN(CASES)
