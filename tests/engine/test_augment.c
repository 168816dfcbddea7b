/* Augmentation: the grammar, exact invariants (off = identity, flip twice =
 * identity, flip = mirror, invert twice = identity), a rotation-invariant
 * image survives any rotation, cutout's footprint, seeded determinism, and
 * the trainer applying it to training batches only. */
#include <stdlib.h>
#include <string.h>

#include "nn/augment.h"
#include "nn/images.h"
#include "nn/status.h"
#include "nn/trainer.h"
#include "test.h"

enum { S = 28, D = S * S };
static const nn_shape SHAPE = { 1, S, S };

/* An asymmetric test image: a gradient plus a bright off-centre block. */
static void pattern(float *x)
{
    for (int y = 0; y < S; y++)
        for (int i = 0; i < S; i++)
            x[y * S + i] = (float)(i + 2 * y) / (3.0f * S) + (y > 4 && y < 10 && i > 15 && i < 25 ? 0.3f : 0.0f);
}

static void apply(const char *spec, uint64_t seed, float *x, int n)
{
    nn_augment_desc a;
    if (nn_augment_parse(spec, &a)) { fprintf(stderr, "%s\n", nn_last_error()); abort(); }
    nn_rng r;
    nn_rng_seed(&r, seed, NN_STREAM_AUGMENT);
    static float scratch[D];
    nn_augment_batch(&a, &r, SHAPE, x, n, scratch);
}

static int grammar(void)
{
    nn_augment_desc a;
    CHECK(nn_augment_parse("rotate=15,scale=0.1,shift=2,flip-h=0.5,cutout=8", &a) == NN_OK);
    CHECK(a.amount[NN_AUG_ROTATE] == 15.0f && a.prob[NN_AUG_ROTATE] == 1.0f);
    CHECK_NEAR(a.amount[NN_AUG_SCALE], 0.1, 1e-7);
    CHECK(a.amount[NN_AUG_SHIFT] == 2.0f && a.amount[NN_AUG_CUTOUT] == 8.0f);
    CHECK(a.prob[NN_AUG_FLIP_H] == 0.5f && a.prob[NN_AUG_FLIP_V] == 0.0f);
    CHECK(nn_augment_active(&a));
    char buf[256];
    nn_augment_format(&a, buf, sizeof buf);
    CHECK_MSG(strcmp(buf, "rotate=15,scale=0.1,shift=2,cutout=8,flip-h=0.5") == 0, "%s", buf);
    CHECK(nn_augment_parse("rotate=30@0.25,invert=1@0.5", &a) == NN_OK);
    CHECK(a.prob[NN_AUG_ROTATE] == 0.25f && a.prob[NN_AUG_INVERT] == 0.5f);
    nn_augment_format(&a, buf, sizeof buf);
    CHECK_MSG(strcmp(buf, "rotate=30@0.25,invert=0.5") == 0, "%s", buf);
    CHECK(nn_augment_parse("none", &a) == NN_OK && !nn_augment_active(&a));
    nn_augment_format(&a, buf, sizeof buf);
    CHECK(strcmp(buf, "none") == 0);
    const char *bad[] = { "rotate", "spin=3", "rotate=200", "flip-h=2", "scale=-0.1", "shift=2@1.5",
                          "rotate=x", "cutout=8@", "rotate=15,,scale=0.1" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK_MSG(nn_augment_parse(bad[i], &a) == NN_ERR_ARG, "'%s' accepted", bad[i]);
    CHECK(strstr(nn_last_error(), "--augment") != NULL);
    return 0;
}

static int off_is_identity(void)
{
    float x[D], y[D];
    pattern(x);
    memcpy(y, x, sizeof x);
    apply("rotate=0,scale=0,shift=0,flip-h=0", 1, y, 1);
    CHECK(memcmp(x, y, sizeof x) == 0);
    /* Rotation switched on with probability 0 also leaves the image alone. */
    apply("rotate=30@0", 1, y, 1);
    CHECK(memcmp(x, y, sizeof x) == 0);
    return 0;
}

static int flips(void)
{
    float x[D], y[D];
    pattern(x);
    memcpy(y, x, sizeof x);
    apply("flip-h=1", 1, y, 1);
    for (int r = 0; r < S; r++)
        for (int c = 0; c < S; c++) CHECK(y[r * S + c] == x[r * S + S - 1 - c]);
    apply("flip-h=1", 2, y, 1);
    CHECK(memcmp(x, y, sizeof x) == 0);
    apply("flip-v=1", 3, y, 1);
    for (int r = 0; r < S; r++)
        for (int c = 0; c < S; c++) CHECK(y[r * S + c] == x[(S - 1 - r) * S + c]);
    apply("flip-v=1", 4, y, 1);
    CHECK(memcmp(x, y, sizeof x) == 0);
    apply("invert=1", 5, y, 1);
    CHECK_NEAR(y[0], 1.0f - x[0], 1e-7);
    apply("invert=1", 6, y, 1);
    for (int i = 0; i < D; i++) CHECK_NEAR(y[i], x[i], 1e-6);
    return 0;
}

/* A centred disc looks the same at any angle (up to resampling at its rim). */
static int rotation_keeps_a_disc(void)
{
    float x[D], y[D];
    for (int r = 0; r < S; r++)
        for (int c = 0; c < S; c++) {
            const float dx = c - 13.5f, dy = r - 13.5f, d2 = dx * dx + dy * dy;
            x[r * S + c] = expf(-d2 / 30.0f);
        }
    for (int k = 0; k < 5; k++) {
        memcpy(y, x, sizeof x);
        apply("rotate=180", (uint64_t)k, y, 1);
        for (int i = 0; i < D; i++) CHECK_NEAR(y[i], x[i], 0.02);
    }
    /* ...but not the asymmetric pattern. */
    pattern(x);
    memcpy(y, x, sizeof x);
    apply("rotate=180", 7, y, 1);
    CHECK(memcmp(x, y, sizeof x) != 0);
    return 0;
}

static int cutout_footprint(void)
{
    float x[D];
    for (int seed = 0; seed < 20; seed++) {
        for (int i = 0; i < D; i++) x[i] = 1.0f;
        apply("cutout=8", (uint64_t)seed, x, 1);
        int zeros = 0;
        for (int i = 0; i < D; i++) {
            CHECK(x[i] == 0.0f || x[i] == 1.0f);
            zeros += x[i] == 0.0f;
        }
        CHECK_MSG(zeros >= 16 && zeros <= 64, "seed %d: %d pixels cut", seed, zeros);
    }
    return 0;
}

static int seeded_and_in_range(void)
{
    static float a[8 * D], b[8 * D];
    for (int k = 0; k < 8; k++) pattern(a + k * D);
    memcpy(b, a, sizeof a);
    const char *spec = "rotate=15,scale=0.1,shift=2,flip-h=0.5,cutout=8,crop=3,intensity=0.3";
    apply(spec, 42, a, 8);
    apply(spec, 42, b, 8);
    CHECK(memcmp(a, b, sizeof a) == 0);
    for (int i = 0; i < 8 * D; i++) CHECK(a[i] >= 0.0f && a[i] <= 1.0f + 1e-6f);
    CHECK(memcmp(a, a + D, D * sizeof(float)) != 0);   /* each image gets its own draw */
    for (int k = 0; k < 8; k++) pattern(b + k * D);
    apply(spec, 43, b, 8);
    CHECK(memcmp(a, b, sizeof a) != 0);
    /* nn_augment_variants: the same seed renders the same N variants. */
    nn_augment_desc d;
    CHECK(nn_augment_parse(spec, &d) == NN_OK);
    float img[D];
    pattern(img);
    CHECK(nn_augment_variants(&d, 9, SHAPE, img, 4, a) == NN_OK);
    CHECK(nn_augment_variants(&d, 9, SHAPE, img, 4, b) == NN_OK);
    CHECK(memcmp(a, b, 4 * D * sizeof(float)) == 0);
    CHECK(memcmp(a, a + D, D * sizeof(float)) != 0);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

static int flat_data_untouched(void)
{
    float x[6] = { 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f }, y[6];
    memcpy(y, x, sizeof x);
    nn_augment_desc a;
    CHECK(nn_augment_parse("rotate=15,flip-h=1", &a) == NN_OK);
    nn_rng r;
    nn_rng_seed(&r, 1, NN_STREAM_AUGMENT);
    float scratch[3];
    nn_augment_batch(&a, &r, (nn_shape){ 3, 1, 1 }, y, 2, scratch);
    CHECK(memcmp(x, y, sizeof x) == 0);
    return 0;
}

/* The trainer augments training batches only: evaluation (row 0, before any
 * update) is identical with and without augmentation; training differs; and
 * the augmented run is reproducible. */
static int trainer_training_batches_only(void)
{
    nn_images_desc id = nn_images_desc_default(NN_IMAGES_FASHION_SMALL);
    id.train_limit = 300;
    id.dev_size = 100;
    nn_dataset tr, dv, te;
    CHECK(nn_images_load(&id, &tr, &dv, &te, NULL, 0) == NN_OK);
    nn_train_desc d = nn_train_desc_default();
    d.model = nn_model_desc_mlp(784, (int[]){ 32 }, 1, 10, NN_ACT_RELU, 0, NN_INIT_HE, NN_LOSS_SOFTMAX);
    d.model.in = tr.shape;
    d.lr = 0.05f;
    double loss[3][2];
    for (int run = 0; run < 3; run++) {
        if (run > 0) CHECK(nn_augment_parse("rotate=15,shift=2,flip-h=0.5", &d.augment) == NN_OK);
        nn_trainer *t = nn_trainer_create(&d, &tr, &dv, &te);
        CHECK(t);
        CHECK(nn_trainer_epoch(t) == NN_OK);
        int n;
        const nn_metrics *h = nn_trainer_history(t, &n);
        loss[run][0] = h[0].dev_loss;
        loss[run][1] = h[1].train_loss;
        nn_trainer_destroy(t);
    }
    CHECK(loss[0][0] == loss[1][0]);            /* evaluation untouched */
    CHECK(loss[0][1] != loss[1][1]);            /* training saw other pixels */
    CHECK(loss[1][1] == loss[2][1]);            /* seeded */
    nn_dataset_free(&tr); nn_dataset_free(&dv); nn_dataset_free(&te);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* nn_trainer_keep_batch: the kept rows are what the model received at that
 * step - the training images at the kept indices, augmented by
 * nn_augment_batch from (seed, NN_STREAM_AUGMENT) as the batch's first rows,
 * before input normalisation (on here); keeping changes nothing in training;
 * reset empties it. */
static int trainer_keeps_augmented_batch(void)
{
    nn_images_desc id = nn_images_desc_default(NN_IMAGES_FASHION_SMALL);
    id.train_limit = 200;
    id.dev_size = 50;
    nn_dataset tr, dv, te;
    CHECK(nn_images_load(&id, &tr, &dv, &te, NULL, 0) == NN_OK);
    nn_train_desc d = nn_train_desc_default();
    d.model = nn_model_desc_mlp(784, (int[]){ 16 }, 1, 10, NN_ACT_RELU, 0, NN_INIT_HE, NN_LOSS_SOFTMAX);
    d.model.in = tr.shape;
    d.batch = 20;
    d.seed = 7;
    d.normalize = 1;
    CHECK(nn_augment_parse("rotate=20,shift=3,flip-h=0.5,cutout=8,invert=0.3", &d.augment) == NN_OK);
    nn_trainer *t = nn_trainer_create(&d, &tr, &dv, &te), *plain = nn_trainer_create(&d, &tr, &dv, &te);
    CHECK(t && plain);
    enum { K = 12 };
    CHECK(nn_trainer_keep_batch(t, K) == NN_OK);
    CHECK(nn_trainer_keep_batch(t, -1) == NN_ERR_ARG && nn_trainer_keep_batch(t, K) == NN_OK);
    int n;
    const int *idx;
    CHECK(nn_trainer_kept_batch(t, &n, &idx) == NULL && n == 0);
    CHECK(nn_trainer_step(t) == NN_OK && nn_trainer_step(plain) == NN_OK);
    const float *kept = nn_trainer_kept_batch(t, &n, &idx);
    CHECK(kept && n == K && idx);
    static float want[K * D], scratch[D];
    float y[K];
    nn_dataset_gather(&tr, idx, K, want, y);
    for (int i = 0; i < K; i++) CHECK(idx[i] >= 0 && idx[i] < tr.n);
    nn_rng r;
    nn_rng_seed(&r, d.seed, NN_STREAM_AUGMENT);
    nn_augment_batch(&d.augment, &r, tr.shape, want, K, scratch);
    CHECK(memcmp(kept, want, sizeof want) == 0);
    /* in [0, 1] (not normalised) and changed by augmentation */
    float lo = 1, hi = 0;
    for (int i = 0; i < K * D; i++) { lo = kept[i] < lo ? kept[i] : lo; hi = kept[i] > hi ? kept[i] : hi; }
    CHECK(lo >= 0.0f && hi <= 1.0f && hi > 0.5f);
    static float raw[K * D];
    nn_dataset_gather(&tr, idx, K, raw, y);
    CHECK(memcmp(kept, raw, sizeof raw) != 0);
    /* the run is the same as without keeping */
    for (int i = 0; i < 9; i++) CHECK(nn_trainer_step(t) == NN_OK && nn_trainer_step(plain) == NN_OK);
    CHECK(memcmp(nn_model_params(nn_trainer_model(t)), nn_model_params(nn_trainer_model(plain)),
                 nn_model_param_count(nn_trainer_model(t)) * sizeof(float)) == 0);
    /* the last batch of an epoch may be smaller: 200 = 10 x 20, so batch 10's rows */
    CHECK(nn_trainer_kept_batch(t, &n, &idx) && n == K);
    nn_trainer_reset(t);
    CHECK(nn_trainer_kept_batch(t, &n, &idx) == NULL && n == 0 && idx == NULL);
    nn_trainer_destroy(t);
    nn_trainer_destroy(plain);
    nn_dataset_free(&tr); nn_dataset_free(&dv); nn_dataset_free(&te);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

static const test_case CASES[] = {
    { "grammar", grammar },
    { "off_is_identity", off_is_identity },
    { "flips", flips },
    { "rotation_keeps_a_disc", rotation_keeps_a_disc },
    { "cutout_footprint", cutout_footprint },
    { "seeded_and_in_range", seeded_and_in_range },
    { "flat_data_untouched", flat_data_untouched },
    { "trainer_training_batches_only", trainer_training_batches_only },
    { "trainer_keeps_augmented_batch", trainer_keeps_augmented_batch },
};
TEST_MAIN(CASES)
