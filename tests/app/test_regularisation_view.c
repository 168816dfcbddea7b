/* tests/app/test_regularisation_view.c - regularisation made visible in the
 * Playground (app/views/playground_regular.c), read where it is drawn (this
 * program is linked with --wrap=gfx_text, tests/CMakeLists.txt: each piece of
 * text is kept with its rectangle and the clip rectangle it was drawn in).
 *
 *   - the weights histogram's spread is the standard deviation of the
 *     model's weights (every layer's n_weights), computed here from the
 *     parameters; its bins count every weight;
 *     and the train/dev gap is written at the accuracy curves' end;
 *   - a larger lambda gives a narrower histogram after the same updates
 *     (two real runs from the same seed);
 *   - dropout p = 0.5 says "×2.0", and the window says the pictures are
 *     evaluated with dropout off;
 *   - after an early stop the best-dev marker's label is drawn whole inside
 *     the loss plot's data rectangle (its clip) at 1280x720 and at 1024x600
 *     zoom 1.5, and "weights restored from epoch B" is on screen.
 */
#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/font.h"
#include "shell/frame.h"
#include "test.h"
#include "text_pieces.h"
#include "app_fixture.h"
#include "views/playground_regular.h"

/* ---- the text of the frame, with where it was drawn ---- */

/* pieces[], n_pieces: tests/app/text_pieces.h */

static void frame(app *a)
{
    n_pieces = 0;
    frame_render_only(a);
}

static const piece *find(const char *prefix)
{
    for (int i = 0; i < n_pieces; i++) if (strncmp(pieces[i].s, prefix, strlen(prefix)) == 0) return &pieces[i];
    return NULL;
}

static const piece *containing(const char *part)
{
    for (int i = 0; i < n_pieces; i++) if (strstr(pieces[i].s, part)) return &pieces[i];
    return NULL;
}

/* The overfitting network of lessons 05, 06 and 08. */
static int overfit(session *s)
{
    const char *names[] = { "data", "samples", "noise", "layers", "opt", "lr", "seed" };
    const char *values[] = { "moons", "200", "0.35", "64,64", "adam", "0.01", "1" };
    return session_apply(s, names, values, 7, 0);
}

static int epochs(session *s, int n)
{
    for (int i = 0; i < n; i++) if (session_epoch(s) != 0) return 1;
    return 0;
}

/* ---- the weights ---- */

static int spread_is_the_weights_std(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1280, 720) == 0);
    session *s = &f.a->s;
    CHECK(overfit(s) == 0);
    CHECK(session_set(s, "l2", "0.5") == 0);
    CHECK(epochs(s, 5) == 0);
    nn_model *m = nn_trainer_model(s->run.trainer);
    const float *w = nn_model_params(m);
    double sum = 0.0, sq = 0.0;
    long n = 0;
    for (int i = 0; i < nn_model_layer_count(m); i++) {
        const nn_layer_info li = nn_model_layer(m, i);
        for (size_t j = 0; j < li.n_weights; j++) { sum += w[li.param_offset + j]; n++; }
    }
    const double mean = sum / (double)n;
    for (int i = 0; i < nn_model_layer_count(m); i++) {
        const nn_layer_info li = nn_model_layer(m, i);
        for (size_t j = 0; j < li.n_weights; j++) sq += pow(w[li.param_offset + j] - mean, 2);
    }
    const double std = sqrt(sq / (double)n);
    const pg_spread sp = pg_weight_spread(m);
    CHECK(n == 2 * 64 + 64 * 64 + 64 * 1);          /* the dense weights, no biases */
    CHECK(sp.n == n);
    CHECK_NEAR(sp.std, std, 1e-9 * (1.0 + std));
    CHECK(std > 0.0);
    float frac[PG_WEIGHT_BINS];
    CHECK(pg_weight_hist(m, (float)sp.max_abs, frac) == n);
    double total = 0.0;
    for (int b = 0; b < PG_WEIGHT_BINS; b++) total += frac[b];
    CHECK_NEAR(total, 1.0, 1e-5);
    /* And the window says it, with L2 on. */
    frame(f.a);
    char want[64];
    snprintf(want, sizeof want, "spread (std) %.3f", std);
    CHECK_MSG(containing(want), "no '%s' on screen", want);
    /* The train/dev gap at the accuracy curves' end: the last row's. */
    int rows;
    const nn_metrics *hist = session_history(s, &rows);
    CHECK(rows == 6);
    snprintf(want, sizeof want, "train \xE2\x88\x92 dev: %.0f%%", 100.0 * (hist[5].train_acc - hist[5].dev_acc));
    CHECK_MSG(containing(want), "no '%s' on screen", want);
    close_fixture(&f);
    return 0;
}

static double spread_after(double l2)
{
    nn_config c = nn_config_default();
    session s;
    session_init(&s, &c);
    char v[32];
    snprintf(v, sizeof v, "%g", l2);
    double out = -1.0;
    if (overfit(&s) == 0 && session_set(&s, "l2", v) == 0 && epochs(&s, 40) == 0)
        out = pg_weight_spread(nn_trainer_model(s.run.trainer)).std;
    session_free(&s);
    return out;
}

static int larger_lambda_is_narrower(void)
{
    const double none = spread_after(0.0), some = spread_after(0.3), much = spread_after(3.0);
    CHECK(none > 0.0 && some > 0.0 && much > 0.0);
    fprintf(stderr, "spread after 40 epochs: lambda 0 %.4f, 0.3 %.4f, 3 %.4f\n", none, some, much);
    CHECK(some < none);
    CHECK(much < some);
    return 0;
}

/* ---- dropout ---- */

static int dropout_scale_and_evaluation(void)
{
    char t[32];
    pg_dropout_scale_text(0.5f, t, sizeof t);
    CHECK(strstr(t, "\xC3\x97" "2.0") != NULL);
    pg_dropout_scale_text(0.2f, t, sizeof t);
    CHECK(strstr(t, "\xC3\x97" "1.25") != NULL);
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1280, 720) == 0);
    session *s = &f.a->s;
    CHECK(overfit(s) == 0);
    frame(f.a);
    CHECK(!containing("dropout off"));               /* nothing to say without dropout */
    CHECK(session_set(s, "dropout", "0.5") == 0);
    CHECK(session_step(s) == 0);
    frame(f.a);
    CHECK_MSG(containing("kept \xC3\x97" "2.0"), "no 'kept ×2.0' on screen");
    CHECK(containing("evaluation: dropout off"));
    close_fixture(&f);
    return 0;
}

/* ---- early stopping ---- */

static int early_stop_at(float zoom, int w, int h)
{
    fixture f;
    CHECK(open_fixture(&f, zoom, w, h) == 0);
    session *s = &f.a->s;
    CHECK(overfit(s) == 0);
    CHECK(session_set(s, "early-stop", "30") == 0);
    for (int i = 0; i < 300 && !session_state(s).stopped; i++) session_epoch(s);
    const nn_trainer_state st = session_state(s);
    CHECK(st.stopped);
    frame(f.a);
    char label[48];
    snprintf(label, sizeof label, "best dev");   /* then ": epoch B" */
    const piece *p = find(label);
    CHECK_MSG(p, "no '%s' drawn at %dx%d zoom %.1f", label, w, h, zoom);
    /* whole inside the data rectangle the plot clips to */
    CHECK(p->clipped);
    SDL_Rect inter;
    CHECK(SDL_IntersectRect(&p->r, &p->clip, &inter));
    CHECK_MSG(SDL_RectEquals(&inter, &p->r), "label %d,%d %dx%d, plot %d,%d %dx%d at %dx%d zoom %.1f", p->r.x, p->r.y,
              p->r.w, p->r.h, p->clip.x, p->clip.y, p->clip.w, p->clip.h, w, h, zoom);
    char restored[64];
    snprintf(restored, sizeof restored, "estored from epoch %d", st.best_epoch);   /* R or r */
    CHECK_MSG(containing(restored), "no '%s' at %dx%d zoom %.1f", restored, w, h, zoom);
    close_fixture(&f);
    return 0;
}

static int early_stop_label_whole_and_restored(void)
{
    CHECK(early_stop_at(1.0f, 1280, 720) == 0);
    CHECK(early_stop_at(1.5f, 1024, 600) == 0);
    return 0;
}

static const test_case CASES[] = {
    { "spread_is_the_weights_std", spread_is_the_weights_std },
    { "larger_lambda_is_narrower", larger_lambda_is_narrower },
    { "dropout_scale_and_evaluation", dropout_scale_and_evaluation },
    { "early_stop_label_whole_and_restored", early_stop_label_whole_and_restored },
};
TEST_MAIN(CASES)
