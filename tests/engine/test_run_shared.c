/* Runs that share their data (nn/config.h: nn_config_same_data,
 * nn_run_check_on, nn_run_open_on, nn_run_copy_data): which settings make
 * other data, a run on borrowed sets trains exactly as one that made its
 * own, closing it leaves the sets to their owner, the checks refuse what
 * nn_run_open refuses with the same message, and a copy is equal and
 * independent. */
#include <stdlib.h>
#include <string.h>

#include "nn/config.h"
#include "nn/status.h"
#include "test.h"

static nn_config with(const nn_config *c, const char *name, const char *value)
{
    nn_config d = *c;
    if (nn_config_set(&d, name, value, NULL) != NN_OK) abort();
    return d;
}

/* nn_config_same_data(a, a with name = value) */
static int same(const nn_config *a, const char *name, const char *value)
{
    const nn_config b = with(a, name, value);
    return nn_config_same_data(a, &b);
}

/* The network, optimizer, regularisation and augmentation share the data;
 * the data's own settings (and the seed, which draws them) do not. */
static int which_settings_make_other_data(void)
{
    nn_config c = nn_config_default();
    CHECK(nn_config_set(&c, "data", "moons", NULL) == NN_OK);
    static const char *const SAME[][2] = { { "opt", "adam" }, { "lr", "0.5" }, { "layers", "32,32" },
                                           { "l2", "1" }, { "dropout", "0.3" }, { "batch", "1" },
                                           { "normalize", "on" }, { "init", "small" }, { "decay", "exp" } };
    static const char *const OTHER[][2] = { { "seed", "2" }, { "samples", "300" }, { "noise", "0.3" },
                                            { "data", "spiral" }, { "shift", "1" }, { "split", "0.5,0.3,0.2" },
                                            { "feature-scale", "1,50" }, { "data", "fashion-small" } };
    for (size_t i = 0; i < sizeof SAME / sizeof SAME[0]; i++) {
        const nn_config d = with(&c, SAME[i][0], SAME[i][1]);
        CHECK_MSG(nn_config_same_data(&c, &d) && nn_config_same_data(&d, &c), "%s", SAME[i][0]);
    }
    for (size_t i = 0; i < sizeof OTHER / sizeof OTHER[0]; i++)
        CHECK_MSG(!same(&c, OTHER[i][0], OTHER[i][1]), "%s", OTHER[i][0]);
    /* images: the augmentation shares them, the training-set size does not */
    const nn_config img = with(&c, "data", "fashion-small");
    CHECK(same(&img, "augment", "flip-h=0.5") && same(&img, "layers", "c8k3,p2,16"));
    CHECK(!same(&img, "train-limit", "500") && !same(&img, "class-subset", "0,1") && !same(&img, "dev-size", "100"));
    return 0;
}

/* A run on another run's sets trains as nn_run_open's own run (the same
 * history to the bit); closing the borrower leaves the owner's sets intact
 * (the sanitizer build would see a double free), and the owner trains on. */
static int borrowed_run_trains_alike(void)
{
    nn_config c = nn_config_default();
    CHECK(nn_config_set(&c, "data", "spiral", NULL) == NN_OK && nn_config_set(&c, "layers", "16", NULL) == NN_OK);
    const nn_config adam = with(&c, "opt", "adam");
    nn_run owner, borrower, alone;
    CHECK(nn_run_open(&owner, &c) == NN_OK && !owner.borrowed);
    CHECK(nn_run_open_on(&borrower, &adam, &owner, NULL) == NN_OK && borrower.borrowed);
    CHECK(borrower.train.x == owner.train.x && borrower.dev.y == owner.dev.y);
    CHECK(nn_run_open(&alone, &adam) == NN_OK);
    for (int e = 0; e < 3; e++) CHECK(nn_trainer_epoch(borrower.trainer) == NN_OK && nn_trainer_epoch(alone.trainer) == NN_OK);
    int nb = 0, na = 0;
    const nn_metrics *hb = nn_trainer_history(borrower.trainer, &nb), *ha = nn_trainer_history(alone.trainer, &na);
    CHECK(nb == 4 && na == 4);
    for (int i = 0; i < nb; i++)
        CHECK(hb[i].train_loss == ha[i].train_loss && hb[i].dev_loss == ha[i].dev_loss && hb[i].test_acc == ha[i].test_acc);
    const float first = owner.train.x[0];
    nn_run_close(&borrower);
    CHECK(borrower.train.x == NULL && owner.train.x && owner.train.x[0] == first);
    CHECK(nn_trainer_epoch(owner.trainer) == NN_OK);
    nn_run_close(&alone);
    nn_run_close(&owner);
    return 0;
}

/* What nn_run_open refuses for these data, the checks refuse too, with the
 * same message, and nn_run_open_on builds nothing. */
static int checks_refuse_as_open_does(void)
{
    nn_config c = nn_config_default();
    CHECK(nn_config_set(&c, "data", "moons", NULL) == NN_OK);
    nn_run data;
    CHECK(nn_run_open_data(&data, &c, NULL) == NN_OK);
    CHECK(nn_run_check_on(&c, &data, NULL) == NN_OK);
    static const char *const BAD[][2] = { { "augment", "flip-h=0.5" }, { "layers", "c8k3,p2,16" } };
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        const nn_config bad = with(&c, BAD[i][0], BAD[i][1]);
        nn_run r;
        CHECK(nn_run_open(&r, &bad) != NN_OK);
        char want[512];
        snprintf(want, sizeof want, "%s", nn_last_error());
        CHECK(nn_run_check_on(&bad, &data, NULL) == NN_ERR_ARG);
        CHECK_MSG(strcmp(nn_last_error(), want) == 0, "'%s' vs '%s'", nn_last_error(), want);
        CHECK(nn_run_open_on(&r, &bad, &data, NULL) == NN_ERR_ARG && r.trainer == NULL);
    }
    nn_run_close(&data);
    return 0;
}

/* A copy of image data: the same bytes and labels in new memory; closing the
 * original leaves the copy whole. */
static int copy_is_equal_and_independent(void)
{
    nn_config c = nn_config_default();
    CHECK(nn_config_set(&c, "data", "fashion-small", NULL) == NN_OK &&
          nn_config_set(&c, "train-limit", "200", NULL) == NN_OK);
    nn_run a, b;
    CHECK_MSG(nn_run_open_data(&a, &c, NULL) == NN_OK, "%s", nn_last_error());
    CHECK(nn_run_copy_data(&b, &a) == NN_OK && b.trainer == NULL && !b.borrowed);
    const nn_dataset *sa[3] = { &a.train, &a.dev, &a.test }, *sb[3] = { &b.train, &b.dev, &b.test };
    for (int s = 0; s < 3; s++) {
        CHECK(sb[s]->n == sa[s]->n && sb[s]->d == sa[s]->d && sb[s]->classes == sa[s]->classes);
        CHECK(sa[s]->x8 && sb[s]->x8 && sb[s]->x8 != sa[s]->x8);
        CHECK(memcmp(sb[s]->x8, sa[s]->x8, (size_t)sa[s]->n * (size_t)sa[s]->d) == 0);
        CHECK(memcmp(sb[s]->y, sa[s]->y, (size_t)sa[s]->n * sizeof *sa[s]->y) == 0);
    }
    const uint8_t last = b.train.x8[(size_t)b.train.n * (size_t)b.train.d - 1];
    nn_run_close(&a);
    CHECK(b.train.x8[(size_t)b.train.n * (size_t)b.train.d - 1] == last);
    CHECK(nn_run_open_trainer(&b, &c, NULL, NULL) == NN_OK && nn_trainer_epoch(b.trainer) == NN_OK);
    nn_run_close(&b);
    return 0;
}

static const test_case CASES[] = {
    { "which_settings_make_other_data", which_settings_make_other_data },
    { "borrowed_run_trains_alike", borrowed_run_trains_alike },
    { "checks_refuse_as_open_does", checks_refuse_as_open_does },
    { "copy_is_equal_and_independent", copy_is_equal_and_independent },
};
TEST_MAIN(CASES)
