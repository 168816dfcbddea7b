/* Image data through the shared settings table (nn/config.h): the new rows
 * set and read back as text, nn_run_open loads the images, builds the network
 * from the layer spec and applies augmentation, and the messages for settings
 * that do not fit together name them as the caller asks. */
#include <string.h>

#include "nn/config.h"
#include "nn/status.h"
#include "test.h"

static int set_all(nn_config *c, const char *const kv[][2], int n)
{
    for (int i = 0; i < n; i++)
        CHECK_MSG(nn_config_set(c, kv[i][0], kv[i][1], NULL) == NN_OK, "%s=%s: %s", kv[i][0], kv[i][1],
                  nn_last_error());
    return 0;
}

/* get(set(v)) == v for every new row, defaults included; a copy is independent. */
static int settings_round_trip(void)
{
    nn_config c = nn_config_default();
    char buf[256];
    CHECK(!nn_config_is_images(&c));
    static const char *const DEFAULTS[][2] = {
        { "data", "spiral" }, { "data-dir", NN_FASHION_DIR_DEFAULT }, { "train-limit", "all" },
        { "class-subset", "all" }, { "dev-size", "auto" }, { "augment", "none" }, { "layers", "16,16" },
    };
    for (size_t i = 0; i < sizeof DEFAULTS / sizeof DEFAULTS[0]; i++) {
        nn_config_get(&c, DEFAULTS[i][0], buf, sizeof buf);
        CHECK_MSG(strcmp(buf, DEFAULTS[i][1]) == 0, "%s = '%s'", DEFAULTS[i][0], buf);
        CHECK(nn_config_set(&c, DEFAULTS[i][0], buf, NULL) == NN_OK);    /* the default reads back */
    }
    static const char *const VALUES[][2] = {
        { "data", "fashion-small" }, { "data-dir", "/tmp/somewhere else" }, { "train-limit", "200" },
        { "class-subset", "7,5,0" }, { "dev-size", "0" }, { "augment", "rotate=15,shift=2,flip-h=0.5" },
        { "layers", "c4k3,p2,16" }, { "data", "fashion" }, { "layers", "c8k5s2p2,d0.25,100" },
        { "augment", "scale=0.1@0.5,cutout=8" },
    };
    for (size_t i = 0; i < sizeof VALUES / sizeof VALUES[0]; i++) {
        CHECK_MSG(nn_config_set(&c, VALUES[i][0], VALUES[i][1], NULL) == NN_OK, "%s", nn_last_error());
        nn_config_get(&c, VALUES[i][0], buf, sizeof buf);
        CHECK_MSG(strcmp(buf, VALUES[i][1]) == 0, "%s = '%s'", VALUES[i][0], buf);
    }
    CHECK(nn_config_is_images(&c) && strcmp(nn_config_data_name(&c), "fashion") == 0);
    CHECK(c.images.train_limit == 200 && c.images.n_subset == 3 && c.images.subset[1] == 5);
    CHECK(c.images.dev_size == 0 && c.train.augment.amount[NN_AUG_CUTOUT] == 8.0f);

    /* A plain value type: a copy is independent of the original. */
    nn_config copy = c;
    CHECK(nn_config_set(&copy, "layers", "8,8", NULL) == NN_OK && copy.n_hidden == 2 && !copy.layers[0]);
    CHECK(nn_config_set(&copy, "data", "moons", NULL) == NN_OK && !nn_config_is_images(&copy));
    nn_config_get(&c, "layers", buf, sizeof buf);
    CHECK(strcmp(buf, "c8k5s2p2,d0.25,100") == 0 && nn_config_is_images(&c));
    nn_config_get(&copy, "layers", buf, sizeof buf);
    CHECK(strcmp(buf, "8,8") == 0);
    nn_config_get(&copy, "data", buf, sizeof buf);
    CHECK(strcmp(buf, "moons") == 0);

    /* The image rows say what they accept; the help and the choices list the sets. */
    CHECK(nn_config_set(&c, "data", "mnist", "--data") == NN_ERR_ARG);
    CHECK(strstr(nn_last_error(), "sine|fashion|fashion-small, got 'mnist'") != NULL);
    CHECK(nn_config_set(&c, "class-subset", "3", "--class-subset") == NN_ERR_ARG);
    CHECK(strcmp(nn_last_error(), "--class-subset needs at least 2 classes, got '3'") == 0);
    CHECK(nn_config_set(&c, "class-subset", "3,10", NULL) == NN_ERR_ARG);
    CHECK(c.images.n_subset == 3 && c.images.subset[1] == 5);            /* unchanged by a refusal */
    CHECK(nn_config_set(&c, "train-limit", "0", NULL) == NN_ERR_ARG);
    CHECK(strcmp(nn_last_error(), "train-limit expects an integer from 1 to 100000000, got '0'") == 0);
    CHECK(nn_config_set(&c, "augment", "spin=3", "--augment") == NN_ERR_ARG);
    CHECK(strncmp(nn_last_error(), "--augment: unknown transform 'spin'", 35) == 0);
    CHECK(nn_config_set(&c, "augment", "spin=3", NULL) == NN_ERR_ARG);
    CHECK(strncmp(nn_last_error(), "augment: unknown transform 'spin'", 33) == 0);
    CHECK(c.train.augment.amount[NN_AUG_CUTOUT] == 8.0f);
    CHECK(nn_config_set(&c, "layers", "3,,4", "--layers") == NN_ERR_ARG);
    nn_config_get(&c, "layers", buf, sizeof buf);
    CHECK(strcmp(buf, "c8k5s2p2,d0.25,100") == 0);
    int n;
    const nn_setting *s = nn_config_settings(&n);
    int found = 0;
    for (int i = 0; i < n; i++)
        if (strcmp(s[i].name, "data") == 0) found = strstr(s[i].help, "fashion-small") != NULL;
    CHECK(found);
    return 0;
}

/* Progress as an app's worker thread would see it: rising, ending at 1. */
typedef struct progress_log { int calls; float last; int rising; } progress_log;

static void on_progress(void *arg, float done, const char *stage)
{
    progress_log *p = arg;
    if (done < p->last || !stage || !*stage) p->rising = 0;
    p->last = done;
    p->calls++;
}

/* data = fashion-small with a small CNN, all through the table: the images
 * load, the network is the spec's, and a few epochs beat chance clearly. */
static int fashion_small_cnn_learns(void)
{
    nn_config c = nn_config_default();
    static const char *const KV[][2] = {
        { "data", "fashion-small" }, { "train-limit", "200" }, { "dev-size", "200" },
        { "layers", "c4k3,p2,16" }, { "opt", "adam" }, { "lr", "0.003" }, { "batch", "20" },
        { "seed", "1" }, { "augment", "shift=1" },
    };
    if (set_all(&c, KV, (int)(sizeof KV / sizeof KV[0]))) return 1;
    nn_run r;
    progress_log log = { .rising = 1 };
    const nn_run_opts o = { .progress = on_progress, .progress_arg = &log };
    CHECK_MSG(nn_run_open_ex(&r, &c, &o) == NN_OK, "%s", nn_last_error());
    CHECK(log.calls >= 2 && log.rising && log.last == 1.0f);
    CHECK(r.notice[0] == '\0');
    CHECK(r.train.n == 200 && r.dev.n == 200 && r.test.n == 500 && r.train.classes == 10);
    CHECK(r.train.shape.c == 1 && r.train.shape.h == 28 && r.train.shape.w == 28);
    CHECK(r.train.class_names && strcmp(r.train.class_names[9], "Ankle boot") == 0);
    const nn_model *m = nn_trainer_model(r.trainer);
    CHECK(nn_model_layer(m, 0).kind == NN_LAYER_CONV2D && nn_model_layer(m, 2).kind == NN_LAYER_MAXPOOL);
    CHECK(nn_model_n_out(m) == 10);
    CHECK(nn_trainer_desc(r.trainer)->augment.amount[NN_AUG_SHIFT] == 1.0f);
    for (int e = 0; e < 6; e++) CHECK(nn_trainer_epoch(r.trainer) == NN_OK);
    int n;
    const nn_metrics *h = nn_trainer_history(r.trainer, &n);
    CHECK(n == 7);
    CHECK_MSG(h[6].train_loss < 0.7 * h[1].train_loss, "train loss %g after 1 epoch, %g after 6",
              h[1].train_loss, h[6].train_loss);
    CHECK_MSG(h[6].dev_acc > 0.5, "dev accuracy %g (chance 0.1)", h[6].dev_acc);
    const double dev_acc = h[6].dev_acc;
    nn_run_close(&r);

    /* The same configuration, the same run. */
    CHECK(nn_run_open(&r, &c) == NN_OK);
    for (int e = 0; e < 6; e++) CHECK(nn_trainer_epoch(r.trainer) == NN_OK);
    h = nn_trainer_history(r.trainer, &n);
    CHECK(h[6].dev_acc == dev_acc);
    nn_run_close(&r);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* A class subset of two gives a binary problem; plain sizes work on images. */
static int class_subset_and_plain_layers(void)
{
    nn_config c = nn_config_default();
    static const char *const KV[][2] = {
        { "data", "fashion-small" }, { "class-subset", "7,5" }, { "layers", "8" }, { "train-limit", "100" },
    };
    if (set_all(&c, KV, (int)(sizeof KV / sizeof KV[0]))) return 1;
    nn_run r;
    CHECK_MSG(nn_run_open(&r, &c) == NN_OK, "%s", nn_last_error());
    CHECK(r.train.n == 100 && r.train.classes == 2 && r.test.n == 100);
    CHECK(strcmp(r.train.class_names[0], "Sneaker") == 0 && strcmp(r.train.class_names[1], "Sandal") == 0);
    CHECK(nn_model_n_out(nn_trainer_model(r.trainer)) == 1);     /* bce */
    nn_run_close(&r);
    /* Full Fashion-MNIST missing: fashion-small stands in, with a notice. */
    CHECK(nn_config_set(&c, "data", "fashion", NULL) == NN_OK);
    CHECK(nn_config_set(&c, "data-dir", "/nonexistent/fashion", NULL) == NN_OK);
    CHECK_MSG(nn_run_open(&r, &c) == NN_OK, "%s", nn_last_error());
    CHECK(strstr(r.notice, "using the built-in fashion-small") != NULL);
    CHECK(r.train.n == 100);
    nn_run_close(&r);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* Settings that are each valid but do not fit together: refused when the run
 * opens, naming the settings plainly or, with prefix "--", as nnlab-train does. */
static int open_errors_name_settings(void)
{
    nn_config c = nn_config_default();
    nn_run r;
    const nn_run_opts cli = { .prefix = "--" };
    CHECK(nn_config_set(&c, "layers", "c4k3,16", NULL) == NN_OK);
    CHECK(nn_run_open(&r, &c) == NN_ERR_ARG);
    CHECK(strcmp(nn_last_error(), "layers c4k3,16 needs image data (data fashion or fashion-small)") == 0);
    CHECK(nn_run_open_ex(&r, &c, &cli) == NN_ERR_ARG);
    CHECK(strcmp(nn_last_error(), "--layers c4k3,16 needs image data (--data fashion or fashion-small)") == 0);

    CHECK(nn_config_set(&c, "layers", "16,d0.5", NULL) == NN_OK);      /* dense + dropout items: flat data too */
    CHECK_MSG(nn_run_open(&r, &c) == NN_OK, "%s", nn_last_error());
    CHECK(nn_model_layer(nn_trainer_model(r.trainer), 2).kind == NN_LAYER_DROPOUT);
    nn_run_close(&r);

    CHECK(nn_config_set(&c, "augment", "rotate=10", NULL) == NN_OK);
    CHECK(nn_run_open(&r, &c) == NN_ERR_ARG);
    CHECK(strcmp(nn_last_error(), "augment needs image data (data fashion or fashion-small)") == 0);
    CHECK(nn_config_set(&c, "augment", "none", NULL) == NN_OK);

    CHECK(nn_config_set(&c, "data", "fashion-small", NULL) == NN_OK);
    CHECK(nn_config_set(&c, "train-limit", "50", NULL) == NN_OK);
    CHECK(nn_config_set(&c, "dropout", "0.5", NULL) == NN_OK);
    CHECK(nn_run_open_ex(&r, &c, &cli) == NN_ERR_ARG);
    CHECK(strstr(nn_last_error(), "--layers 16,d0.5: write dropout as dX items") == nn_last_error());
    CHECK(strstr(nn_last_error(), "--dropout and --batchnorm apply to plain lists of sizes") != NULL);
    CHECK(nn_run_open(&r, &c) == NN_ERR_ARG);
    CHECK(strstr(nn_last_error(), "layers 16,d0.5: write dropout as dX items") == nn_last_error());
    CHECK(nn_config_set(&c, "dropout", "0", NULL) == NN_OK);

    CHECK(nn_config_set(&c, "layers", "c8", NULL) == NN_OK);           /* checked against the data */
    CHECK(nn_run_open(&r, &c) == NN_ERR_ARG);
    CHECK(strncmp(nn_last_error(), "layers: 'c8' needs a kernel size", 32) == 0);
    CHECK(nn_run_open_ex(&r, &c, &cli) == NN_ERR_ARG);
    CHECK(strncmp(nn_last_error(), "--layers: 'c8' needs a kernel size", 34) == 0);

    CHECK(nn_config_set(&c, "layers", "8", NULL) == NN_OK);
    CHECK(nn_config_set(&c, "class-subset", "3,3", NULL) == NN_OK);    /* refused by the loader */
    CHECK(nn_run_open(&r, &c) == NN_ERR_ARG);
    CHECK(strcmp(nn_last_error(), "class 3 is listed twice") == 0);
    CHECK(r.trainer == NULL && r.train.n == 0);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

static const test_case CASES[] = {
    { "settings_round_trip", settings_round_trip },
    { "fashion_small_cnn_learns", fashion_small_cnn_learns },
    { "class_subset_and_plain_layers", class_subset_and_plain_layers },
    { "open_errors_name_settings", open_errors_name_settings },
};
TEST_MAIN(CASES)
