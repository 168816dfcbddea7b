/* run.c - from a configuration (nn/config.h) to a model and a run: synthetic
 * or image data, a plain list of hidden sizes or a layer spec, augmentation.
 *
 * Messages produced here, when the settings were already accepted one by one
 * but do not fit together, name settings with the caller's prefix ("--" for
 * nnlab-train, whose wording they keep exactly).
 */
#include <stdio.h>
#include <string.h>

#include "nn/config.h"
#include "nn/layerspec.h"
#include "nn/status.h"

static const char *prefix_of(const nn_run_opts *o) { return o && o->prefix ? o->prefix : ""; }

void nn_config_images_desc(const nn_config *c, nn_images_desc *out)
{
    nn_images_desc d = nn_images_desc_default((nn_images_kind)c->images.kind);
    d.dir = c->images.dir;
    d.train_limit = c->images.train_limit;
    d.dev_size = c->images.dev_size;
    d.n_subset = c->images.n_subset;
    memcpy(d.subset, c->images.subset, sizeof d.subset);
    d.seed = c->data.seed;
    *out = d;
}

nn_loss nn_config_loss(const nn_config *c, const nn_dataset *train)
{
    if (c->loss >= 0) return (nn_loss)c->loss;
    if (train->classes == 0) return NN_LOSS_MSE;
    return train->classes == 2 ? NN_LOSS_BCE : NN_LOSS_SOFTMAX;
}

/* The model from the layer spec; nn_layerspec_parse names the setting
 * "--layers", renamed here for other prefixes. */
static int spec_model(const nn_config *c, const nn_dataset *train, const char *prefix, int n_out,
                      nn_loss loss, nn_model_desc *out)
{
    if (c->batchnorm || c->dropout[0] > 0.0f)
        return nn_set_error(NN_ERR_ARG, "%slayers %s: write dropout as dX items in the list (e.g. "
                            "...,d0.25,64); %sdropout and %sbatchnorm apply to plain lists of sizes",
                            prefix, c->layers, prefix, prefix);
    if (nn_layerspec_parse(c->layers, train->shape, n_out, c->act, c->slope, c->init, loss, out) == NN_OK)
        return NN_OK;
    static const char OPT[] = "--layers";
    char msg[512];
    snprintf(msg, sizeof msg, "%s", nn_last_error());
    if (strncmp(msg, OPT, sizeof OPT - 1) == 0 && strcmp(prefix, "--") != 0)
        return nn_set_error(NN_ERR_ARG, "%slayers%s", prefix, msg + sizeof OPT - 1);
    return NN_ERR_ARG;
}

static int build_model(const nn_config *c, const nn_dataset *train, const char *prefix, nn_model_desc *out)
{
    const nn_loss loss = nn_config_loss(c, train);
    const int n_out = loss == NN_LOSS_BCE ? 1 : loss == NN_LOSS_SOFTMAX ? train->classes : train->y_dim;
    if (c->layers[0]) return spec_model(c, train, prefix, n_out, loss, out);
    if (loss != NN_LOSS_MSE && train->classes < 2)
        return nn_set_error(NN_ERR_ARG, "loss %s needs class labels, but %s is a regression set",
                            nn_loss_name(loss), nn_config_data_name(c));
    nn_model_desc d = nn_model_desc_default();
    d.in = train->shape;
    d.loss = loss;
    for (int i = 0; i < c->n_hidden; i++) {
        nn_layer_desc dense = nn_layer_dense(c->hidden[i], c->init);
        dense.no_bias = c->batchnorm;                  /* batch norm's beta replaces the bias */
        nn_layer_desc act = nn_layer_act(c->act);
        act.slope = c->slope;
        if (nn_model_add(&d, dense) ||
            (c->batchnorm && nn_model_add(&d, nn_layer_batchnorm())) ||
            nn_model_add(&d, act) ||
            (c->dropout[i] > 0.0f && nn_model_add(&d, nn_layer_dropout(c->dropout[i]))))
            return NN_ERR_ARG;
    }
    if (nn_model_add(&d, nn_layer_dense(n_out, c->init))) return NN_ERR_ARG;
    *out = d;
    return NN_OK;
}

int nn_config_model(const nn_config *c, const nn_dataset *train, nn_model_desc *out)
{
    return build_model(c, train, "", out);
}

/* Pixels share one scale already (0..1): scaling them one by one is not what
 * feature-scale is for, and images are kept as bytes. Checked when the data
 * open and again when a trainer is built on reused images. */
static int images_scaled(const nn_config *c, const char *pre)
{
    if (!c->images.on || c->n_feature_scale == 0) return NN_OK;
    char scale[64];
    nn_config_get(c, "feature-scale", scale, sizeof scale);
    return nn_set_error(NN_ERR_ARG, "%sfeature-scale %s applies to the synthetic data sets (one "
                        "factor per input), not to images (%sdata %s): their pixels share one scale",
                        pre, scale, pre, nn_config_data_name(c));
}

/* feature-scale: each input feature of the three sets times its factor,
 * before the trainer (and its normalisation, fitted on the scaled training
 * set) sees them. */
static void scale_features(const nn_config *c, nn_run *r)
{
    nn_dataset *sets[3] = { &r->train, &r->dev, &r->test };
    for (int s = 0; s < 3; s++) {
        nn_dataset *ds = sets[s];
        for (int i = 0; i < ds->n; i++)
            for (int k = 0; k < ds->d; k++) ds->x[(size_t)i * ds->d + k] *= c->feature_scale[k];
    }
}

/* Synthetic data: what must hold before the data are made (a layer spec or
 * augmentation that needs images). */
static int synth_checks(const nn_config *c, const char *pre)
{
    if (c->layers[0] && nn_layerspec_is_image(c->layers))
        return nn_set_error(NN_ERR_ARG, "%slayers %s needs image data (%sdata fashion or fashion-small)",
                            pre, c->layers, pre);
    if (nn_augment_active(&c->train.augment))
        return nn_set_error(NN_ERR_ARG, "%saugment needs image data (%sdata fashion or fashion-small)",
                            pre, pre);
    return NN_OK;
}

/* Synthetic data: one feature-scale factor per input feature. */
static int scale_count(const nn_config *c, const char *pre, int inputs)
{
    if (c->n_feature_scale == 0 || c->n_feature_scale == inputs) return NN_OK;
    char scale[64];
    nn_config_get(c, "feature-scale", scale, sizeof scale);
    return nn_set_error(NN_ERR_ARG, "%sfeature-scale %s gives %d factor%s but %s has %d input "
                        "feature%s: give one factor each (e.g. %s)", pre, scale, c->n_feature_scale,
                        c->n_feature_scale == 1 ? "" : "s", nn_config_data_name(c), inputs,
                        inputs == 1 ? "" : "s", inputs == 1 ? "50" : "1,50");
}

int nn_run_open_data(nn_run *r, const nn_config *c, const nn_run_opts *o)
{
    memset(r, 0, sizeof *r);
    const char *pre = prefix_of(o);
    if (images_scaled(c, pre)) return NN_ERR_ARG;
    if (c->images.on) {
        nn_images_desc d;
        nn_config_images_desc(c, &d);
        if (o) { d.progress = o->progress; d.progress_arg = o->progress_arg; }
        return nn_images_load(&d, &r->train, &r->dev, &r->test, r->notice, sizeof r->notice);
    }
    if (synth_checks(c, pre)) return NN_ERR_ARG;
    const int rc = nn_data_make(&c->data, &r->train, &r->dev, &r->test);
    if (rc != NN_OK) return rc;
    if (scale_count(c, pre, r->train.d)) {
        nn_run_close(r);
        return NN_ERR_ARG;
    }
    if (c->n_feature_scale > 0) scale_features(c, r);
    if (o && o->progress) o->progress(o->progress_arg, 1.0f, "done");
    return rc;
}

int nn_run_open_trainer(nn_run *r, const nn_config *c, const nn_model_desc *model, const nn_run_opts *o)
{
    nn_train_desc d = c->train;
    int rc = images_scaled(c, prefix_of(o));
    if (rc == NN_OK && model) d.model = *model;
    else if (rc == NN_OK) rc = build_model(c, &r->train, prefix_of(o), &d.model);
    if (rc == NN_OK && !(r->trainer = nn_trainer_create(&d, &r->train, &r->dev, &r->test)))
        rc = NN_ERR_ARG;
    if (rc) nn_run_close(r);
    return rc;
}

int nn_run_open_ex(nn_run *r, const nn_config *c, const nn_run_opts *o)
{
    const int rc = nn_run_open_data(r, c, o);
    return rc ? rc : nn_run_open_trainer(r, c, NULL, o);
}

int nn_run_open(nn_run *r, const nn_config *c) { return nn_run_open_ex(r, c, NULL); }

void nn_run_close(nn_run *r)
{
    nn_trainer_destroy(r->trainer);
    if (r->borrowed) {                 /* another run's sets: only forget them */
        memset(&r->train, 0, sizeof r->train);
        memset(&r->dev, 0, sizeof r->dev);
        memset(&r->test, 0, sizeof r->test);
    } else {
        nn_dataset_free(&r->train);
        nn_dataset_free(&r->dev);
        nn_dataset_free(&r->test);
    }
    r->trainer = NULL;
    r->borrowed = 0;
}

/* ---- runs that share their data ---- */

static int same_floats(const float *a, const float *b, int n)
{
    for (int i = 0; i < n; i++)
        if (a[i] != b[i]) return 0;
    return 1;
}

int nn_config_same_data(const nn_config *a, const nn_config *b)
{
    if (a->images.on != b->images.on || a->data.seed != b->data.seed) return 0;
    if (a->n_feature_scale != b->n_feature_scale ||
        !same_floats(a->feature_scale, b->feature_scale, a->n_feature_scale))
        return 0;
    if (a->images.on) {
        const nn_config_images *x = &a->images, *y = &b->images;
        return x->kind == y->kind && strcmp(x->dir, y->dir) == 0 && x->train_limit == y->train_limit &&
               x->dev_size == y->dev_size && x->n_subset == y->n_subset &&
               memcmp(x->subset, y->subset, (size_t)x->n_subset * sizeof x->subset[0]) == 0;
    }
    const nn_data_desc *x = &a->data, *y = &b->data;
    return x->kind == y->kind && x->samples == y->samples && x->noise == y->noise &&
           x->classes == y->classes && same_floats(x->split, y->split, 3) && x->shift == y->shift;
}

int nn_run_check_on(const nn_config *c, const nn_run *data, const nn_run_opts *o)
{
    const char *pre = prefix_of(o);
    if (images_scaled(c, pre)) return NN_ERR_ARG;
    if (!c->images.on && (synth_checks(c, pre) || scale_count(c, pre, data->train.d))) return NN_ERR_ARG;
    nn_model_desc d;
    return build_model(c, &data->train, pre, &d);
}

int nn_run_open_on(nn_run *r, const nn_config *c, const nn_run *data, const nn_run_opts *o)
{
    memset(r, 0, sizeof *r);
    const int rc = nn_run_check_on(c, data, o);
    if (rc != NN_OK) return rc;
    r->train = data->train;
    r->dev = data->dev;
    r->test = data->test;
    r->borrowed = 1;
    return nn_run_open_trainer(r, c, NULL, o);
}

/* dst = a copy of src's arrays (x, x8, y: whichever src has). */
static int copy_set(nn_dataset *dst, const nn_dataset *src)
{
    *dst = *src;
    dst->x = NULL;
    dst->x8 = NULL;
    dst->y = NULL;
    const size_t n = (size_t)(src->n > 0 ? src->n : 0), d = (size_t)src->d, yd = (size_t)src->y_dim;
    if (src->x && !(dst->x = nn_alloc(n * d * sizeof *dst->x))) return NN_ERR_NOMEM;
    if (src->x8 && !(dst->x8 = nn_alloc(n * d * sizeof *dst->x8))) return NN_ERR_NOMEM;
    if (src->y && !(dst->y = nn_alloc(n * yd * sizeof *dst->y))) return NN_ERR_NOMEM;
    if (src->x) memcpy(dst->x, src->x, n * d * sizeof *dst->x);
    if (src->x8) memcpy(dst->x8, src->x8, n * d * sizeof *dst->x8);
    if (src->y) memcpy(dst->y, src->y, n * yd * sizeof *dst->y);
    return NN_OK;
}

int nn_run_copy_data(nn_run *dst, const nn_run *src)
{
    memset(dst, 0, sizeof *dst);
    if (copy_set(&dst->train, &src->train) || copy_set(&dst->dev, &src->dev) ||
        copy_set(&dst->test, &src->test)) {
        nn_run_close(dst);
        return NN_ERR_NOMEM;
    }
    return NN_OK;
}
