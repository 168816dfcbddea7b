/* The deliberately too-large initialiser `large`: W ~ N(0, 1) whatever the
 * layer's size. Checked here: its name round-trips through nn_init_name /
 * nn_init_from_name and the `init` setting; nn_init_std says 1; the weights
 * of a big layer built by the model have that spread; the same seed draws
 * the same weights and another seed others. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nn/config.h"
#include "nn/init.h"
#include "nn/model.h"
#include "test.h"

static int named(void)
{
    const int i = nn_init_from_name("large");
    CHECK(i >= 0 && i < NN_INIT_COUNT);
    CHECK(!strcmp(nn_init_name((nn_init)i), "large"));
    nn_config c = nn_config_default();
    CHECK(nn_config_set(&c, "init", "large", NULL) == 0);
    CHECK(c.init == (nn_init)i);
    char text[32];
    nn_config_get(&c, "init", text, (int)sizeof text);
    CHECK(!strcmp(text, "large"));
    /* The spread does not depend on the fan-in: that is what makes it too large for wide layers. */
    CHECK(nn_init_std((nn_init)i, 2, 16) == 1.0);
    CHECK(nn_init_std((nn_init)i, 400, 600) == 1.0);
    return 0;
}

/* A 400 -> 600 dense layer (240,000 weights) built by nn_model_create. The
 * sample std of N(0, 1) over n draws has a standard error of 1/sqrt(2n), about
 * 0.0014 here; the tolerance 0.01 is seven of those. The mean's standard error
 * is 1/sqrt(n), 0.002; its tolerance 0.01 is five. */
static nn_model *big_layer(uint64_t seed)
{
    nn_model_desc d = nn_model_desc_default();
    d.in = (nn_shape){ 400, 1, 1 };
    d.loss = NN_LOSS_MSE;
    nn_model_add(&d, nn_layer_dense(600, (nn_init)nn_init_from_name("large")));
    return nn_model_create(&d, seed);
}

static int spread_and_seed(void)
{
    nn_model *a = big_layer(7), *b = big_layer(7), *c = big_layer(8);
    CHECK(a && b && c);
    const nn_layer_info li = nn_model_layer(a, 0);
    CHECK(li.n_weights == 400 * 600);
    const float *w = nn_model_params(a) + li.param_offset;
    double s = 0, sq = 0;
    for (size_t k = 0; k < li.n_weights; k++) { s += w[k]; sq += (double)w[k] * w[k]; }
    const double n = (double)li.n_weights, mean = s / n, sd = sqrt(sq / n - mean * mean);
    const double want = nn_init_std((nn_init)nn_init_from_name("large"), 400, 600);
    CHECK_MSG(fabs(sd - want) <= 0.01, "sample std %g, nn_init_std %g", sd, want);
    CHECK_MSG(fabs(mean) <= 0.01, "sample mean %g", mean);
    /* About 4.6% of N(0, 1) lies beyond 2 sigma: the tails are there, not a uniform draw. */
    size_t beyond = 0;
    for (size_t k = 0; k < li.n_weights; k++) beyond += fabs(w[k]) > 2.0;
    CHECK_NEAR((double)beyond / n, 0.0455, 0.003);
    /* Biases start at zero, as for every scheme. */
    for (size_t k = li.n_weights; k < li.n_params; k++) CHECK(w[k] == 0.0f);
    const size_t bytes = nn_model_param_count(a) * sizeof(float);
    CHECK(memcmp(nn_model_params(a), nn_model_params(b), bytes) == 0);
    CHECK(memcmp(nn_model_params(a), nn_model_params(c), bytes) != 0);
    /* Re-drawing with the same seed gives the first weights back. */
    nn_model_reinit(c, 7);
    CHECK(memcmp(nn_model_params(a), nn_model_params(c), bytes) == 0);
    nn_model_destroy(a);
    nn_model_destroy(b);
    nn_model_destroy(c);
    return 0;
}

static const test_case CASES[] = {
    { "named", named },
    { "spread_and_seed", spread_and_seed },
};

TEST_MAIN(CASES)
