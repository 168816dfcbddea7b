/* tests/app/test_softmax_view.c - the softmax view (app/views/view_softmax.c),
 * used as a person would (the robot: clicks, drags, typing, a dropped file),
 * with the words and numbers it draws read where they are drawn (this
 * program is linked with --wrap=gfx_text and --wrap=gfx_text_wrap,
 * tests/CMakeLists.txt).
 *
 *   - the notes' example (the button) draws p = 0.042 0.842 0.002 0.114,
 *     e^5 = 148.4, the sum 176.3 and the loss 0.172, which are also what
 *     exp(z) / sum computes apart in double; its chain is the engine's
 *     nn_softmax and nn_loss_eval;
 *   - "+1 to every logit" changes the logits and e^z (by e) and not one
 *     drawn probability; the scale slider at its top makes the largest p
 *     larger; a drag on a z bar moves that logit;
 *   - on the plane, a click picks the nearest example, whose chain is the
 *     network's logits for it (lens_logits);
 *   - the drawing pad's 28x28 input (strokes dragged with the mouse) equals
 *     nn_image_prepare of the pad saved as a PNG and loaded as predict loads
 *     it, and the bars are the live network's softmax of that input;
 *   - a damaged PNG dropped on the window (SDL_DROPFILE) leaves the program
 *     running with the loader's message on screen; a good one dropped, or
 *     typed into the path field, is opened and prepared as predict does;
 *   - every mode renders at 1280x720, 1024x600 and 1024x600 at zoom 1.5 on
 *     a 2-D set and on fashion-small, its text inside the window and no
 *     non-finite number drawn.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn/image.h"
#include "nn/loss.h"
#include "shell/lens.h"
#include <stb_image_write.h>
#include "views/softmax_view.h"
#include "robot.h"
#include "test.h"

/* ---- the text of the last frame, with where it was drawn ---- */

static char drawn[128 * 1024];
static size_t drawn_len;
static int text_outside;        /* pieces of text drawn (partly) outside the window */
static char outside_what[120];
static int win_w, win_h;

static void keep(const char *s, int x, int y, int w)
{
    if (!s) return;
    const int n = snprintf(drawn + drawn_len, sizeof drawn - drawn_len, "%s\n", s);
    if (n > 0) drawn_len = drawn_len + (size_t)n < sizeof drawn ? drawn_len + (size_t)n : sizeof drawn - 1;
    if (win_w > 0 && (x < 0 || y < 0 || x + w > win_w + 1 || y > win_h)) {
        if (!text_outside++) snprintf(outside_what, sizeof outside_what, "%s at %d,%d width %d", s, x, y, w);
    }
}

/* Where the rows' class names ("class 0" ...) were drawn: their top and height. */
static int name_y[4], name_h[4];

int __real_gfx_text(gfx_fonts *f, gfx_font_id id, int x, int y, SDL_Color c, gfx_align align, const char *s);
int __wrap_gfx_text(gfx_fonts *f, gfx_font_id id, int x, int y, SDL_Color c, gfx_align align, const char *s);
int __wrap_gfx_text(gfx_fonts *f, gfx_font_id id, int x, int y, SDL_Color c, gfx_align align, const char *s)
{
    const int w = s ? gfx_text_width(f, id, s) : 0;
    const int left = align == GFX_ALIGN_LEFT ? x : align == GFX_ALIGN_RIGHT ? x - w : x - w / 2;
    keep(s, left, y, w);
    if (s && !strncmp(s, "class ", 6) && s[6] >= '0' && s[6] <= '3' && !s[7]) {
        name_y[s[6] - '0'] = y;
        name_h[s[6] - '0'] = gfx_text_height(f, id);
    }
    return __real_gfx_text(f, id, x, y, c, align, s);
}

int __real_gfx_text_wrap(gfx_fonts *f, gfx_font_id id, SDL_Rect area, SDL_Color c, const char *s, int draw);
int __wrap_gfx_text_wrap(gfx_fonts *f, gfx_font_id id, SDL_Rect area, SDL_Color c, const char *s, int draw);
int __wrap_gfx_text_wrap(gfx_fonts *f, gfx_font_id id, SDL_Rect area, SDL_Color c, const char *s, int draw)
{
    if (draw) keep(s, area.x, area.y, 0);
    return __real_gfx_text_wrap(f, id, area, c, s, draw);
}

/* One whole frame (the robot's), its text kept. */
static int frame(robot *R)
{
    memset(name_h, 0, sizeof name_h);
    drawn_len = 0;
    drawn[0] = '\0';
    text_outside = 0;
    win_w = R->f.w;
    win_h = R->f.h;
    return robot_frame(R);
}

static int frames(robot *R, int n)
{
    for (int i = 0; i < n; i++) if (frame(R)) return 1;
    return 0;
}

static int shows(const char *s) { return strstr(drawn, s) != NULL; }

static softmax_view *state(robot *R) { return app_view_state(R->a, view_index("softmax")); }

static int open_softmax(robot *R, int w, int h, float zoom, const char *data)
{
    if (robot_open(R, w, h, zoom, "lessons") != 0) return 1;
    if (data) {
        const char *name = "data", *value = data;
        if (session_apply(&R->a->s, &name, &value, 1, 0) != 0) return 1;
    }
    const int v = view_index("softmax");
    if (v < 0 || robot_go_view(R, v) != v) return 1;
    return frames(R, 2);
}

static int click_label(robot *R, const char *label, int kind)
{
    const ui_widget_info *w = robot_find_label(R, label, kind);
    if (!w) { fprintf(stderr, "no control '%s' on screen\n", label); return 1; }
    if (robot_click(R, robot_cx(w->rect), robot_cy(w->rect))) return 1;
    return frames(R, 1);
}

/* The view's mode tab: 0 an example, 1 your logits, 2 your picture (short
 * labels in a narrow window). */
static int go_mode(robot *R, int mode)
{
    const ui_widget_info *w = robot_find(R, ui_label_id("softmax modes"), UI_W_TAB, mode);
    if (!w) { fprintf(stderr, "no mode tab %d\n", mode); return 1; }
    if (robot_click(R, robot_cx(w->rect), robot_cy(w->rect))) return 1;
    return frames(R, 1);
}

/* ---- the notes' example, shift and scale ---- */

static int notes_example(void)
{
    robot R;
    CHECK(open_softmax(&R, 1280, 720, 1.0f, NULL) == 0);
    CHECK(go_mode(&R, 1) == 0);
    softmax_view *v = state(&R);
    CHECK(R.a->softmax_mode == SM_MODE_EDIT);
    /* something else first, so the button has work to do */
    v->z[0] = 7.0f;
    CHECK(click_label(&R, "Notes' example", UI_W_BUTTON) == 0);
    CHECK(frames(&R, 1) == 0);
    static const char *const P[4] = { "0.042", "0.842", "0.002", "0.114" };
    for (int i = 0; i < 4; i++) CHECK_MSG(shows(P[i]), "p = %s not drawn; drawn:\n%s", P[i], drawn);
    /* the same numbers computed apart, in double, from z = (2, 5, -1, 3) */
    const double z[4] = { 2, 5, -1, 3 };
    double sum = 0;
    for (int i = 0; i < 4; i++) sum += exp(z[i]);
    char buf[32];
    for (int i = 0; i < 4; i++) {
        snprintf(buf, sizeof buf, "%.3f", exp(z[i]) / sum);
        CHECK_MSG(strcmp(buf, P[i]) == 0, "p%d: %s by hand, %s in the notes", i, buf, P[i]);
        CHECK_NEAR(v->edit.p[i], exp(z[i]) / sum, 1e-6);
    }
    CHECK(shows("148.4") && shows("7.389") && shows("0.3679") && shows("20.09"));   /* e^z */
    snprintf(buf, sizeof buf, "%.4g", sum);
    CHECK_MSG(shows(buf) && !strcmp(buf, "176.3"), "the sum %s", buf);
    snprintf(buf, sizeof buf, "%.3f", -log(exp(5.0) / sum));
    CHECK_MSG(shows(buf) && !strcmp(buf, "0.172"), "loss %s not drawn", buf);
    CHECK(shows("\xE2\x88\x92log 0.842 = 0.172"));
    /* p - y: the true class (1) gets p - 1 */
    CHECK(shows("\xE2\x88\x92" "0.158") && shows("+0.042") && shows("+0.114"));
    /* the chain is the engine's */
    float p[4];
    const float zf[4] = { 2, 5, -1, 3 }, y = 1;
    nn_softmax(zf, p, 4);
    float dz[4];
    const double loss = nn_loss_eval(NN_LOSS_SOFTMAX, zf, &y, 1, 4, dz, NULL);
    for (int i = 0; i < 4; i++) CHECK(v->edit.p[i] == p[i] && v->edit.grad[i] == dz[i]);
    CHECK(v->edit.loss == loss);
    CHECK(!text_outside);
    robot_close(&R);
    return 0;
}

static int shift_changes_nothing(void)
{
    robot R;
    CHECK(open_softmax(&R, 1280, 720, 1.0f, NULL) == 0);
    CHECK(go_mode(&R, 1) == 0);
    CHECK(click_label(&R, "Notes' example", UI_W_BUTTON) == 0);
    softmax_view *v = state(&R);
    const sm_chain before = v->edit;
    char shown[4][16];
    for (int i = 0; i < 4; i++) snprintf(shown[i], sizeof shown[i], "%.3f", (double)before.p[i]);
    for (int n = 0; n < 3; n++) CHECK(click_label(&R, "+1 to every logit", UI_W_BUTTON) == 0);
    CHECK(frames(&R, 1) == 0);
    for (int i = 0; i < 4; i++) {
        CHECK_NEAR(v->edit.z[i], before.z[i] + 3.0f, 1e-5);
        CHECK_NEAR(v->edit.ez[i] / before.ez[i], exp(3.0), 1e-4 * exp(3.0));
        CHECK_NEAR(v->edit.p[i], before.p[i], 1e-6);
        CHECK_MSG(shows(shown[i]), "p%d = %s is no longer drawn after +3", i, shown[i]);
    }
    CHECK(v->shift_shown && v->shift_change < 1e-6);
    CHECK(shows("p did not change"));
    /* scale: the slider to its right end (x4) makes the winner surer */
    const ui_widget_info *s = robot_find_label(&R, "Scale", UI_W_SLIDER);
    CHECK(s != NULL);
    const SDL_Rect sr = s->rect;
    robot_move(&R, sr.x + sr.w / 2, robot_cy(sr));
    robot_button(&R, sr.x + sr.w / 2, robot_cy(sr), 1);
    CHECK(frame(&R) == 0);
    robot_move(&R, sr.x + sr.w + 50, robot_cy(sr));
    CHECK(frame(&R) == 0);
    robot_button(&R, sr.x + sr.w + 50, robot_cy(sr), 0);
    CHECK(frames(&R, 2) == 0);
    CHECK_NEAR(v->scale, 4.0, 1e-4);
    CHECK_MSG(v->edit.p[1] > 0.99f && v->edit.p[1] > before.p[1], "scale 4: p1 = %g", (double)v->edit.p[1]);
    CHECK(shows("a more confident p"));
    /* drag z0 (p0 small) to the right end of its bar: it becomes the largest logit */
    CHECK(click_label(&R, "Notes' example", UI_W_BUTTON) == 0);
    const ui_widget_info *bar = robot_find_label(&R, "drag z0", UI_W_PAD);
    CHECK(bar != NULL);
    const SDL_Rect br = bar->rect;
    robot_move(&R, br.x + 2, robot_cy(br));
    robot_button(&R, br.x + 2, robot_cy(br), 1);
    CHECK(frame(&R) == 0);
    robot_move(&R, br.x + br.w - 1, robot_cy(br));
    CHECK(frame(&R) == 0);
    robot_button(&R, br.x + br.w - 1, robot_cy(br), 0);
    CHECK(frames(&R, 2) == 0);
    CHECK_MSG(v->z[0] > 4.5f && v->edit.best == 0, "z0 after the drag: %g", (double)v->z[0]);
    robot_close(&R);
    return 0;
}

/* ---- an example of the live run ---- */

static int plane_click_picks_example(void)
{
    robot R;
    CHECK(open_softmax(&R, 1280, 720, 1.0f, NULL) == 0);
    CHECK(robot_train(&R, 50, 3000) == 0);
    R.a->s.playing = 0;
    CHECK(frames(&R, 1) == 0);
    softmax_view *v = state(&R);
    const nn_dataset *ds = lens_examples(&R.a->s);
    CHECK(ds && ds->d == 2 && ds->classes == 3);
    /* click at the place of example 17 on the plane */
    const ui_widget_info *pl = robot_find_label(&R, "Plane", UI_W_PAD);
    CHECK(pl != NULL);
    float lo[2], hi[2];
    CHECK(lens_plane_logits(&R.a->s, NULL, lo, hi) != NULL);
    const int want = 17;
    const int x = pl->rect.x + (int)((ds->x[2 * want] - lo[0]) / (hi[0] - lo[0]) * pl->rect.w);
    const int y = pl->rect.y + (int)((hi[1] - ds->x[2 * want + 1]) / (hi[1] - lo[1]) * pl->rect.h);
    CHECK(robot_click(&R, x, y) == 0);
    CHECK(frames(&R, 1) == 0);
    /* the nearest example to the click: 17 or one as close */
    const float cx = lo[0] + (x - pl->rect.x + 0.5f) / pl->rect.w * (hi[0] - lo[0]);
    const float cy = hi[1] - (y - pl->rect.y + 0.5f) / pl->rect.h * (hi[1] - lo[1]);
    const float d17 = hypotf(ds->x[2 * want] - cx, ds->x[2 * want + 1] - cy);
    const float dv = hypotf(ds->x[2 * v->example] - cx, ds->x[2 * v->example + 1] - cy);
    CHECK_MSG(dv <= d17, "picked %d at %g, 17 is at %g", v->example, (double)dv, (double)d17);
    /* its chain: the network's logits for it, the true class the data's */
    const float *z = lens_logits(&R.a->s, ds->x + 2 * v->example, 1);
    CHECK(z != NULL);
    for (int k = 0; k < 3; k++) CHECK(v->ex.z[k] == z[k]);
    CHECK(v->ex.truth == (int)ds->y[v->example]);
    char buf[32];
    snprintf(buf, sizeof buf, "%.3f", (double)v->ex.p[v->ex.truth]);
    CHECK_MSG(shows(buf), "p(true) %s not drawn", buf);
    snprintf(buf, sizeof buf, "Dev example %d of %d", v->example + 1, ds->n);
    CHECK(shows(buf));
    /* Next moves on; the per-class maps are titled */
    const int before = v->example;
    CHECK(click_label(&R, "Next", UI_W_BUTTON) == 0);
    CHECK(v->example == (before + 1) % ds->n);
    CHECK(shows("P(class 0)") && shows("P(class 2)"));
    robot_close(&R);
    return 0;
}

/* ---- the drawing pad and files ---- */

/* A drag across the pad in pad pixels (0..28). */
static int stroke(robot *R, const SDL_Rect pad, const float (*pts)[2], int n)
{
    for (int i = 0; i < n; i++) {
        const int x = pad.x + (int)(pts[i][0] / SM_PAD * pad.w), y = pad.y + (int)(pts[i][1] / SM_PAD * pad.h);
        robot_move(R, x, y);
        if (i == 0) robot_button(R, x, y, 1);
        if (frame(R)) return 1;
        if (i == n - 1) robot_button(R, x, y, 0);
    }
    return frames(R, 1);
}

static int pad_equals_predict(void)
{
    robot R;
    CHECK(open_softmax(&R, 1280, 720, 1.0f, "fashion-small") == 0);
    CHECK(robot_train(&R, 20, 3000) == 0);
    R.a->s.playing = 0;
    CHECK(go_mode(&R, 2) == 0);
    softmax_view *v = state(&R);
    const ui_widget_info *pw = robot_find_label(&R, "Drawing pad", UI_W_PAD);
    CHECK(pw != NULL);
    const SDL_Rect pad = pw->rect;
    /* a T-shirt's outline, roughly: shoulders, sleeves, body */
    static const float SHIRT[][2] = { { 6, 6 }, { 11, 5 }, { 17, 5 }, { 22, 6 }, { 25, 11 }, { 21, 12 },
                                      { 20, 24 }, { 8, 24 }, { 7, 12 }, { 3, 11 }, { 6, 6 } };
    CHECK(stroke(&R, pad, SHIRT, (int)(sizeof SHIRT / sizeof SHIRT[0])) == 0);
    int ink = 0;
    for (int i = 0; i < SM_PAD * SM_PAD; i++) ink += v->own.pad[i] < 128;
    CHECK_MSG(ink > 40, "only %d pixels of ink after the strokes", ink);
    CHECK(v->own.source == SM_SRC_PAD && v->own.side == 28 && v->pic_ok);
    /* the pad saved as a PNG, opened and prepared as predict does it */
    const char *png = "/tmp/nnlab_softmax_pad.png";
    CHECK(stbi_write_png(png, SM_PAD, SM_PAD, 1, v->own.pad, SM_PAD));
    nn_image im;
    CHECK(nn_image_load(png, &im) == 0);
    float x[28 * 28];
    nn_image_prep_info info;
    nn_image_prepare(&im, 28, x, &info);
    nn_image_free(&im);
    remove(png);
    CHECK(info.inverted == 1 && v->own.info.inverted == 1);
    float mass = 0;
    for (int i = 0; i < 28 * 28; i++) {
        CHECK_MSG(v->own.input[i] == x[i], "pixel %d: the view's %g, predict's %g", i, (double)v->own.input[i],
                  (double)x[i]);
        mass += x[i];
    }
    CHECK(mass > 20.0f);
    /* the bars are the live network's softmax of that input */
    const float *z = lens_logits(&R.a->s, x, 1);
    CHECK(z != NULL);
    float p[10];
    nn_softmax(z, p, 10);
    for (int k = 0; k < 10; k++) CHECK(v->pic.p[k] == p[k]);
    char buf[200];
    snprintf(buf, sizeof buf, "says %s, p = %.3f", lens_examples(&R.a->s)->class_names[v->pic.best],
             (double)p[v->pic.best]);
    CHECK_MSG(shows(buf), "'%s' not drawn", buf);
    /* the eraser and Clear */
    CHECK(click_label(&R, "Clear the pad", UI_W_BUTTON) == 0);
    for (int i = 0; i < SM_PAD * SM_PAD; i++) CHECK(v->own.pad[i] == 255);
    CHECK(frames(&R, 1) == 0);
    CHECK(sm_own_blank(&v->own));
    robot_close(&R);
    return 0;
}

static int push_drop(robot *R, const char *path)
{
    SDL_Event e = { .drop = { .type = SDL_DROPFILE } };
    e.drop.file = SDL_strdup(path);
    robot_push(R, &e);
    return frames(R, 2);
}

static int dropped_files(void)
{
    robot R;
    CHECK(open_softmax(&R, 1280, 720, 1.0f, "fashion-small") == 0);
    /* dropped in another view: the softmax view comes forward */
    R.a->view = view_index("playground");
    CHECK(frames(&R, 1) == 0);
    CHECK(push_drop(&R, "tests/data/png_empty_idat.png") == 0);
    softmax_view *v = state(&R);
    CHECK(R.a->view == view_index("softmax") && R.a->softmax_mode == SM_MODE_PICTURE);
    CHECK(!R.a->quit && v->own.error[0] && v->own.file.px == NULL);
    CHECK_MSG(strstr(v->own.error, "png_empty_idat.png") != NULL, "message: %s", v->own.error);
    CHECK_MSG(shows(v->own.error), "the message is not on screen:\n%s", drawn);
    CHECK(strstr(R.a->toast, "png_empty_idat.png") != NULL);
    /* a damaged JPEG too */
    CHECK(push_drop(&R, "tests/data/jpeg_dht_overflow.jpg") == 0);
    CHECK(v->own.error[0] && shows(v->own.error) && v->own.file.px == NULL);
    /* a good one is opened and prepared as predict does */
    CHECK(push_drop(&R, "tests/data/tiny.png") == 0);
    CHECK(v->own.error[0] == '\0' && v->own.source == SM_SRC_FILE && v->own.file.px);
    nn_image im;
    CHECK(nn_image_load("tests/data/tiny.png", &im) == 0);
    float x[28 * 28];
    nn_image_prepare(&im, 28, x, NULL);
    CHECK(im.w == v->own.file.w && im.h == v->own.file.h);
    nn_image_free(&im);
    CHECK(memcmp(x, v->own.input, sizeof x) == 0);
    /* typed into the path field: keys that would train (S, Space) are text there */
    const long steps = lens_state(&R.a->s).steps;
    const ui_widget_info *f = robot_find_label(&R, "Path of a PNG or JPEG", UI_W_FIELD);
    CHECK(f != NULL);
    CHECK(robot_click(&R, robot_cx(f->rect), robot_cy(f->rect)) == 0);
    for (int i = 0; i < 600 && v->path[0]; i++) {
        robot_key(&R, SDLK_BACKSPACE);
        CHECK(frame(&R) == 0);
    }
    CHECK(v->path[0] == '\0');
    robot_type(&R, "tests/data/ tiny.jpgs");
    CHECK(frame(&R) == 0);
    robot_key(&R, SDLK_BACKSPACE);   /* the s */
    CHECK(frame(&R) == 0);
    CHECK_MSG(strcmp(v->path, "tests/data/ tiny.jpg") == 0, "typed '%s'", v->path);
    robot_key(&R, SDLK_RETURN);
    CHECK(frames(&R, 2) == 0);
    CHECK(v->own.error[0] && shows(v->own.error));   /* "tests/data/ tiny.jpg" does not exist */
    CHECK(lens_state(&R.a->s).steps == steps && !R.a->s.playing);
    robot_close(&R);
    return 0;
}

/* ---- every mode at three sizes, on both kinds of data ---- */

static int renders(void)
{
    static const struct { int w, h; float zoom; } SIZES[] = { { 1280, 720, 1.0f }, { 1024, 600, 1.0f }, { 1024, 600, 1.5f } };
    static const char *const DATA[] = { NULL, "fashion-small" };
    for (size_t d = 0; d < 2; d++)
        for (size_t k = 0; k < 3; k++) {
            robot R;
            CHECK(open_softmax(&R, SIZES[k].w, SIZES[k].h, SIZES[k].zoom, DATA[d]) == 0);
            CHECK(robot_train(&R, 30, 3000) == 0);
            R.a->s.playing = 0;
            static const char *const MODES[] = { "An example", "Your logits", "Your picture" };
            for (int m = 0; m < 3; m++) {
                CHECK(go_mode(&R, m) == 0);
                if (m == 2) {
                    const ui_widget_info *pw = robot_find_label(&R, "Drawing pad", UI_W_PAD);
                    CHECK(pw != NULL);
                    static const float SHOE[][2] = { { 4, 12 }, { 10, 13 }, { 16, 16 }, { 24, 18 }, { 24, 22 }, { 4, 22 } };
                    CHECK(stroke(&R, pw->rect, SHOE, 6) == 0);
                }
                CHECK(frames(&R, 2) == 0);
                CHECK_MSG(!text_outside, "%s data, %dx%d zoom %.1f, mode %s: text outside the window: %s",
                          DATA[d] ? DATA[d] : "2-D", R.f.w, R.f.h, (double)R.scale, MODES[m], outside_what);
                const int chain = m == 2 && !DATA[d] ? shows("not an image network") : shows("p = e^z / \xCE\xA3");
                CHECK_MSG(chain, "%s data, %dx%d zoom %.1f, mode %s: no chain drawn:\n%s", DATA[d] ? DATA[d] : "2-D",
                          R.f.w, R.f.h, (double)R.scale, MODES[m], drawn);
                if (getenv("NNLAB_SHOTS")) {
                    char path[200];
                    snprintf(path, sizeof path, "%s/softmax_%s_%dx%d_%.1f_%d.png", getenv("NNLAB_SHOTS"),
                             DATA[d] ? "images" : "plane", R.f.w, R.f.h, (double)R.scale, m);
                    stbi_write_png(path, R.f.w, R.f.h, 4, R.f.surf->pixels, R.f.surf->pitch);
                }
            }
            robot_close(&R);
        }
    return 0;
}

/* ---- the rows stay apart in a small window at a projector's zoom ---- */

/* 1024x600 at zoom 2 (and 1024x768 at 2) on the three-class spiral, the
 * per-class maps on: each class's row is at least as tall as its name, so
 * the names, numbers and the true class's frame do not overlap (the rows
 * were 17 px for 24 px of text at 1024x600: the maps took the room). */
static int rows_apart_at_zoom(void)
{
    static const struct { int w, h; float zoom; } SIZES[] = { { 1024, 600, 2.0f }, { 1024, 768, 2.0f },
                                                              { 1280, 720, 1.5f } };
    for (size_t k = 0; k < sizeof SIZES / sizeof SIZES[0]; k++) {
        robot R;
        CHECK(open_softmax(&R, SIZES[k].w, SIZES[k].h, SIZES[k].zoom, NULL) == 0);
        CHECK(robot_train(&R, 30, 3000) == 0);
        R.a->s.playing = 0;
        CHECK(go_mode(&R, 0) == 0);
        CHECK(state(&R)->maps);
        CHECK(frames(&R, 2) == 0);
        for (int i = 0; i < 3; i++)
            CHECK_MSG(name_h[i] > 0, "%dx%d zoom %.1f: 'class %d' not drawn:\n%s", SIZES[k].w, SIZES[k].h,
                      (double)SIZES[k].zoom, i, drawn);
        for (int i = 0; i < 2; i++)
            CHECK_MSG(name_y[i + 1] - name_y[i] >= name_h[i], "%dx%d zoom %.1f: 'class %d' at y %d, 'class %d' at %d: "
                      "%d px apart for %d px of text", SIZES[k].w, SIZES[k].h, (double)SIZES[k].zoom, i, name_y[i],
                      i + 1, name_y[i + 1], name_y[i + 1] - name_y[i], name_h[i]);
        CHECK(!text_outside);
        robot_close(&R);
    }
    return 0;
}

/* ---- a lesson chooses the mode: set: softmax-mode = logits ---- */

static int lesson_sets_the_mode(void)
{
    char path[] = "/tmp/nnlab_softmax_mode_XXXXXX";
    const int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    CHECK(f && fputs("lesson: Mode\norder: 1\n\nSummary.\n\nview: softmax\n"
                     "step: One\nset: softmax-mode = logits\nText.\n"
                     "step: Two\nset: softmax-mode = picture\nMore.\n", f) >= 0);
    fclose(f);
    robot R;
    CHECK(open_softmax(&R, 1280, 720, 1.0f, NULL) == 0);
    CHECK(go_mode(&R, 2) == 0 && R.a->softmax_mode == SM_MODE_PICTURE);
    player_open(R.a, path);                  /* the lesson starts at the default, then its first step */
    CHECK(R.a->player && R.a->player->ls);
    CHECK(frames(&R, 3) == 0);
    CHECK(R.a->softmax_mode == SM_MODE_EDIT);
    const ui_widget_info *tab = robot_find(&R, ui_label_id("softmax modes"), UI_W_TAB, SM_MODE_EDIT);
    CHECK(tab && tab->selected == SM_MODE_EDIT);
    robot_key(&R, SDLK_PAGEDOWN);
    CHECK(frames(&R, 3) == 0);
    CHECK(R.a->softmax_mode == SM_MODE_PICTURE);
    player_close(R.a);
    robot_close(&R);
    remove(path);
    /* a value it does not know is the lesson's error, on its line */
    static const char BAD[] = "lesson: Mode\norder: 1\n\nSummary.\n\nstep: One\nset: softmax-mode = chart\nText.\n";
    lesson_error e;
    lesson *L = lesson_parse(BAD, strlen(BAD), "bad.lesson", &e);
    CHECK(!L && strstr(e.text, "bad.lesson:7:") && strstr(e.msg, "example, logits or picture"));
    return 0;
}

static const test_case CASES[] = {
    { "notes_example", notes_example },
    { "shift_changes_nothing", shift_changes_nothing },
    { "plane_click_picks_example", plane_click_picks_example },
    { "pad_equals_predict", pad_equals_predict },
    { "dropped_files", dropped_files },
    { "renders", renders },
    { "rows_apart_at_zoom", rows_apart_at_zoom },
    { "lesson_sets_the_mode", lesson_sets_the_mode },
};

TEST_MAIN(CASES)
