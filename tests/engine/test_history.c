/* The trainer's history: a row per epoch by default (what the CLI's CSV
 * writes), bounded on request (nn_trainer_set_history_limit) for a program
 * that trains for hours. */
#include "nn/status.h"
#include "nn/tensor.h"
#include "nn/trainer.h"
#include "test.h"

typedef struct run { nn_dataset tr, dv, te; nn_trainer *t; } run;

/* Spiral, 60 examples, full batch: one update per epoch. */
static int run_open(run *r)
{
    nn_data_desc dd = nn_data_desc_default(NN_DATA_SPIRAL);
    dd.samples = 60;
    if (nn_data_make(&dd, &r->tr, &r->dv, &r->te)) return 1;
    nn_train_desc d = nn_train_desc_default();
    d.model = nn_model_desc_mlp(2, (int[]){ 8 }, 1, 3, NN_ACT_RELU, 0, NN_INIT_HE, NN_LOSS_SOFTMAX);
    d.batch = 0;
    r->t = nn_trainer_create(&d, &r->tr, &r->dv, &r->te);
    return r->t == NULL;
}

static void run_close(run *r)
{
    nn_trainer_destroy(r->t);
    nn_dataset_free(&r->tr); nn_dataset_free(&r->dv); nn_dataset_free(&r->te);
}

static int every_epoch_by_default(void)
{
    run r;
    CHECK(run_open(&r) == 0);
    for (int e = 0; e < 300; e++) CHECK(nn_trainer_epoch(r.t) == NN_OK);
    int n;
    const nn_metrics *h = nn_trainer_history(r.t, &n);
    CHECK(n == 301);
    for (int i = 0; i < n; i++) CHECK(h[i].epoch == i);
    run_close(&r);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* With a limit of 16: never more than 16 rows; row 0 and the latest epochs,
 * consecutive, equal to the unlimited history's rows of the same epochs. */
static int limited_keeps_row0_and_the_latest(void)
{
    run all, lim;
    CHECK(run_open(&all) == 0 && run_open(&lim) == 0);
    nn_trainer_set_history_limit(lim.t, 16);
    int max_n = 0, min_after = 1 << 30;
    for (int e = 1; e <= 200; e++) {
        CHECK(nn_trainer_epoch(all.t) == NN_OK && nn_trainer_epoch(lim.t) == NN_OK);
        int n, n_all;
        const nn_metrics *h = nn_trainer_history(lim.t, &n), *a = nn_trainer_history(all.t, &n_all);
        CHECK(n_all == e + 1);
        CHECK_MSG(n <= 16, "%d rows after epoch %d", n, e);
        if (n > max_n) max_n = n;
        if (e > 16 && n < min_after) min_after = n;
        CHECK(h[0].epoch == 0 && h[0].train_loss == a[0].train_loss);
        CHECK(h[n - 1].epoch == e);
        for (int i = 1; i < n; i++) {
            CHECK(h[i].epoch == h[i - 1].epoch + 1 || i == 1);
            const nn_metrics *same = &a[h[i].epoch];
            CHECK(h[i].train_loss == same->train_loss && h[i].dev_acc == same->dev_acc &&
                  h[i].steps == same->steps);
        }
    }
    CHECK(max_n == 16);
    CHECK(min_after == 9);   /* row 0 + the latest 8 right after a trim */
    /* The limit stays through a reset. */
    nn_trainer_reset(lim.t);
    for (int e = 0; e < 40; e++) CHECK(nn_trainer_epoch(lim.t) == NN_OK);
    int n;
    nn_trainer_history(lim.t, &n);
    CHECK(n <= 16);
    /* 0 lifts it. */
    nn_trainer_set_history_limit(lim.t, 0);
    for (int e = 0; e < 40; e++) CHECK(nn_trainer_epoch(lim.t) == NN_OK);
    nn_trainer_history(lim.t, &n);
    CHECK(n > 40);
    run_close(&all);
    run_close(&lim);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

static const test_case CASES[] = {
    { "every_epoch_by_default", every_epoch_by_default },
    { "limited_keeps_row0_and_the_latest", limited_keeps_row0_and_the_latest },
};

TEST_MAIN(CASES)
