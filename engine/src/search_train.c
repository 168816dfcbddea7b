/* search_train.c - one hyperparameter-search trial: a full training run. */
#include <stdio.h>

#include "nn/search_train.h"
#include "nn/status.h"
#include "nn/trainer.h"

static int stopped(atomic_int *cancel) { return cancel && atomic_load(cancel); }

int nn_search_train_trial(const nn_config *base, const nn_search_desc *d, nn_trial *t, const char *prefix,
                          atomic_int *cancel, int *regression)
{
    nn_config c = *base;
    for (int k = 0; k < d->n_params; k++)
        if (nn_config_set(&c, d->params[k].name, t->value[k], NULL)) {
            snprintf(t->why, sizeof t->why, "%s", nn_last_error());
            return 1;
        }
    if (stopped(cancel)) return snprintf(t->why, sizeof t->why, "stopped"), 1;
    nn_run r;
    if (nn_run_open_ex(&r, &c, &(nn_run_opts){ .prefix = prefix })) {
        snprintf(t->why, sizeof t->why, "%s", nn_last_error());
        return 1;
    }
    const int is_regression = r.train.classes == 0;
    if (regression) *regression = is_regression;
    int rc = 0;
    while (nn_trainer_state_get(r.trainer).epoch < c.epochs && !nn_trainer_state_get(r.trainer).stopped) {
        if (stopped(cancel)) { snprintf(t->why, sizeof t->why, "stopped"); rc = 1; break; }
        if (nn_trainer_epoch(r.trainer) != NN_OK) {
            snprintf(t->why, sizeof t->why, "%s", nn_trainer_state_get(r.trainer).why);
            rc = 1;
            break;
        }
    }
    if (rc == 0) {
        int n;
        const nn_metrics *h = nn_trainer_history(r.trainer, &n);
        const nn_trainer_state st = nn_trainer_state_get(r.trainer);
        const nn_metrics *m = st.stopped ? &h[st.best_epoch] : &h[n - 1];
        t->dev_error = is_regression ? m->dev_loss : 1.0 - m->dev_acc;
        t->train_error = is_regression ? m->train_loss : 1.0 - m->train_acc;
        if (r.dev.n == 0) { snprintf(t->why, sizeof t->why, "no dev set to score"); rc = 1; }
    }
    nn_run_close(&r);
    return rc;
}
