/* model_io.c - save and load models (format in nn/modelio.h). */
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "nn/file.h"
#include "nn/modelio.h"
#include "nn/status.h"

static const char MAGIC[8] = { 'N', 'N', 'L', 'A', 'B', 'M', 'D', 'L' };
enum { LAYER_BYTES = 48, MAX_FILE = 1 << 30 };

/* ---- a growable little-endian byte buffer ---- */

typedef struct wbuf { unsigned char *p; size_t len, cap; int oom; } wbuf;

static void put(wbuf *b, const void *src, size_t n)
{
    if (b->oom) return;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < b->len + n) cap *= 2;
        unsigned char *q = nn_alloc(cap);
        if (!q) { b->oom = 1; return; }
        if (b->p) memcpy(q, b->p, b->len);
        nn_free(b->p);
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->len, src, n);
    b->len += n;
}

static void put_u32(wbuf *b, uint32_t v)
{
    const unsigned char c[4] = { (unsigned char)v, (unsigned char)(v >> 8),
                                 (unsigned char)(v >> 16), (unsigned char)(v >> 24) };
    put(b, c, 4);
}

static void put_f32(wbuf *b, float f)
{
    uint32_t v;
    memcpy(&v, &f, 4);
    put_u32(b, v);
}

static void put_u64(wbuf *b, uint64_t v)
{
    put_u32(b, (uint32_t)v);
    put_u32(b, (uint32_t)(v >> 32));
}

int nn_model_save(const char *path, nn_model *m, const nn_model_extras *ex)
{
    const nn_model_desc *d = nn_model_get_desc(m);
    const nn_model_extras none = { 0 };
    if (!ex) ex = &none;
    if (ex->classes < 0 || ex->classes > NN_MODEL_MAX_CLASSES)
        return nn_set_error(NN_ERR_ARG, "a model file holds at most %d class names", NN_MODEL_MAX_CLASSES);
    if (ex->n_norm && ex->n_norm != nn_model_n_in(m))
        return nn_set_error(NN_ERR_ARG, "normalisation has %d values but the model takes %d inputs",
                            ex->n_norm, nn_model_n_in(m));
    wbuf b = { 0 };
    put(&b, MAGIC, sizeof MAGIC);
    put_u32(&b, NN_MODEL_FILE_VERSION);
    put_u32(&b, 0);
    put_u32(&b, (uint32_t)d->in.c); put_u32(&b, (uint32_t)d->in.h); put_u32(&b, (uint32_t)d->in.w);
    put_u32(&b, (uint32_t)d->loss);
    put_u32(&b, (uint32_t)d->n_layers);
    for (int i = 0; i < d->n_layers; i++) {
        const nn_layer_desc *l = &d->layers[i];
        put_u32(&b, (uint32_t)l->kind); put_u32(&b, (uint32_t)l->units); put_u32(&b, (uint32_t)l->init);
        put_u32(&b, (uint32_t)l->no_bias); put_u32(&b, (uint32_t)l->act);
        put_f32(&b, l->slope); put_f32(&b, l->drop); put_f32(&b, l->momentum); put_f32(&b, l->bn_eps);
        put_u32(&b, (uint32_t)l->kernel); put_u32(&b, (uint32_t)l->stride); put_u32(&b, (uint32_t)l->pad);
    }
    put_u32(&b, (uint32_t)(ex->class_names ? ex->classes : 0));
    for (int i = 0; ex->class_names && i < ex->classes; i++) {
        const char *s = ex->class_names[i] ? ex->class_names[i] : "";
        size_t n = strlen(s);
        if (n > NN_MODEL_CLASS_NAME - 1) n = NN_MODEL_CLASS_NAME - 1;
        const unsigned char len = (unsigned char)n;
        put(&b, &len, 1);
        put(&b, s, n);
    }
    const int n_norm = ex->mean && ex->inv_std ? ex->n_norm : 0;
    put_u32(&b, (uint32_t)n_norm);
    for (int i = 0; i < n_norm; i++) put_f32(&b, ex->mean[i]);
    for (int i = 0; i < n_norm; i++) put_f32(&b, ex->inv_std[i]);
    const size_t np = nn_model_param_count(m);
    const float *w = nn_model_params(m);
    put_u64(&b, np);
    for (size_t i = 0; i < np; i++) put_f32(&b, w[i]);
    put_u32(&b, (uint32_t)crc32(0L, b.p, (uInt)b.len));
    if (b.oom) { nn_free(b.p); return NN_ERR_NOMEM; }

    nn_file_out o;
    int rc = nn_file_out_open(&o, path);
    if (rc == NN_OK) {
        fwrite(b.p, 1, b.len, o.f);
        rc = nn_file_out_commit(&o);
    }
    nn_free(b.p);
    return rc;
}

/* ---- reading with bounds checks ---- */

typedef struct rbuf { const unsigned char *p; size_t len, pos; int short_read; } rbuf;

static const unsigned char *take(rbuf *r, size_t n)
{
    if (r->short_read || r->len - r->pos < n) { r->short_read = 1; return NULL; }
    const unsigned char *q = r->p + r->pos;
    r->pos += n;
    return q;
}

static uint32_t get_u32(rbuf *r)
{
    const unsigned char *c = take(r, 4);
    return c ? (uint32_t)c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16 | (uint32_t)c[3] << 24 : 0;
}

static float get_f32(rbuf *r)
{
    uint32_t v = get_u32(r);
    float f;
    memcpy(&f, &v, 4);
    return f;
}

void nn_saved_model_free(nn_saved_model *s)
{
    nn_model_destroy(s->model);
    nn_free(s->mean);
    nn_free(s->inv_std);
    memset(s, 0, sizeof *s);
}

void nn_saved_model_normalise(const nn_saved_model *s, float *x, int n)
{
    for (int r = 0; r < n && s->n_norm; r++)
        for (int k = 0; k < s->n_norm; k++) {
            float *v = x + (size_t)r * s->n_norm + k;
            *v = (*v - s->mean[k]) * s->inv_std[k];
        }
}

static int parse(const char *path, rbuf *r, nn_saved_model *out)
{
    nn_model_desc d = nn_model_desc_default();
    get_u32(r);                                   /* flags: reserved */
    d.in.c = (int)get_u32(r); d.in.h = (int)get_u32(r); d.in.w = (int)get_u32(r);
    d.loss = (nn_loss)get_u32(r);
    const uint32_t nl = get_u32(r);
    if (nl < 1 || nl > NN_MAX_LAYERS)
        return nn_set_error(NN_ERR_FORMAT, "%s: %u layers is not a valid model", path, nl);
    d.n_layers = (int)nl;
    for (uint32_t i = 0; i < nl; i++) {
        nn_layer_desc *l = &d.layers[i];
        l->kind = (nn_layer_kind)get_u32(r); l->units = (int)get_u32(r); l->init = (nn_init)get_u32(r);
        l->no_bias = (int)get_u32(r); l->act = (nn_act)get_u32(r);
        l->slope = get_f32(r); l->drop = get_f32(r); l->momentum = get_f32(r); l->bn_eps = get_f32(r);
        l->kernel = (int)get_u32(r); l->stride = (int)get_u32(r); l->pad = (int)get_u32(r);
    }
    const uint32_t classes = get_u32(r);
    if (classes > NN_MODEL_MAX_CLASSES)
        return nn_set_error(NN_ERR_FORMAT, "%s: %u class names is too many", path, classes);
    out->classes = (int)classes;
    for (uint32_t i = 0; i < classes; i++) {
        const unsigned char *len = take(r, 1);
        const unsigned char *s = len ? take(r, *len) : NULL;
        if (!s) break;
        if (*len >= NN_MODEL_CLASS_NAME)
            return nn_set_error(NN_ERR_FORMAT, "%s: class name %u is too long", path, i);
        memcpy(out->class_names[i], s, *len);
        out->class_names[i][*len] = '\0';
    }
    const uint32_t n_norm = get_u32(r);
    if (r->short_read) return nn_set_error(NN_ERR_FORMAT, "%s: truncated", path);
    if (n_norm) {
        if (n_norm > NN_MAX_FEATURES || (uint64_t)n_norm * 8 > r->len - r->pos)
            return nn_set_error(NN_ERR_FORMAT, "%s: the normalisation block declares %u values, "
                                "more than the file holds", path, n_norm);
        out->mean = nn_alloc(n_norm * sizeof(float));
        out->inv_std = nn_alloc(n_norm * sizeof(float));
        if (!out->mean || !out->inv_std) return NN_ERR_NOMEM;
        for (uint32_t i = 0; i < n_norm; i++) out->mean[i] = get_f32(r);
        for (uint32_t i = 0; i < n_norm; i++) out->inv_std[i] = get_f32(r);
        out->n_norm = (int)n_norm;
    }
    const uint64_t np = (uint64_t)get_u32(r) | (uint64_t)get_u32(r) << 32;
    if (r->short_read || np != (r->len - r->pos) / 4 || (r->len - r->pos) % 4)
        return nn_set_error(NN_ERR_FORMAT, "%s: truncated or inconsistent parameter block", path);
    /* Check the declared architecture against the limits and against what the
     * file holds before building it: a few hundred bytes must not make us
     * allocate and initialise gigabytes. */
    size_t declared = 0;
    if (nn_model_desc_check(&d, &declared) != NN_OK) {
        char why[400];
        snprintf(why, sizeof why, "%s", nn_last_error());
        return nn_set_error(NN_ERR_FORMAT, "%s: the architecture is not valid: %s", path, why);
    }
    if (np != declared)
        return nn_set_error(NN_ERR_FORMAT, "%s: the architecture declares %zu parameters but the "
                            "file holds %llu", path, declared, (unsigned long long)np);
    if (!(out->model = nn_model_create(&d, 1))) {
        char why[400];
        snprintf(why, sizeof why, "%s", nn_last_error());
        return nn_set_error(NN_ERR_FORMAT, "%s: the architecture cannot be built: %s", path, why);
    }
    if (np != nn_model_param_count(out->model))
        return nn_set_error(NN_ERR_FORMAT, "%s: %llu parameters stored, the architecture has %zu",
                            path, (unsigned long long)np, nn_model_param_count(out->model));
    if (out->n_norm && out->n_norm != nn_model_n_in(out->model))
        return nn_set_error(NN_ERR_FORMAT, "%s: normalisation for %d inputs, the model takes %d",
                            path, out->n_norm, nn_model_n_in(out->model));
    float *w = nn_model_params(out->model);
    for (uint64_t i = 0; i < np; i++) w[i] = get_f32(r);
    if (r->short_read) return nn_set_error(NN_ERR_FORMAT, "%s: truncated", path);
    if (r->pos != r->len) return nn_set_error(NN_ERR_FORMAT, "%s: unexpected bytes at the end", path);
    return NN_OK;
}

int nn_model_load(const char *path, nn_saved_model *out)
{
    memset(out, 0, sizeof *out);
    FILE *f = nn_file_open_read(path);
    if (!f) return NN_ERR_IO;
    fseek(f, 0, SEEK_END);
    const long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (size < 0 || size > MAX_FILE) {
        fclose(f);
        return nn_set_error(NN_ERR_FORMAT, "%s: not an nnlab model file (size %ld)", path, size);
    }
    unsigned char *buf = nn_alloc((size_t)size + 1);
    if (!buf) { fclose(f); return NN_ERR_NOMEM; }
    const size_t got = fread(buf, 1, (size_t)size, f);
    fclose(f);
    int rc = NN_OK;
    if (got != (size_t)size) {
        rc = nn_set_error(NN_ERR_IO, "%s: read failed", path);
    } else if (size < 8 || memcmp(buf, MAGIC, 8) != 0) {
        rc = nn_set_error(NN_ERR_FORMAT, "%s: not an nnlab model file (no NNLABMDL signature)", path);
    } else if (size < 16) {
        rc = nn_set_error(NN_ERR_FORMAT, "%s: truncated (%ld bytes)", path, size);
    } else {
        rbuf r = { buf, (size_t)size - 4, 8, 0 };
        const uint32_t version = get_u32(&r);
        uint32_t stored;
        rbuf t = { buf + size - 4, 4, 0, 0 };
        stored = get_u32(&t);
        if (version == 0 || version > NN_MODEL_FILE_VERSION)
            rc = nn_set_error(NN_ERR_FORMAT, "%s: model format version %u; this nnlab reads version %d "
                              "(a newer nnlab wrote it?)", path, version, NN_MODEL_FILE_VERSION);
        else if (stored != (uint32_t)crc32(0L, buf, (uInt)(size - 4)))
            rc = nn_set_error(NN_ERR_FORMAT, "%s: checksum mismatch: the file is damaged or truncated", path);
        else
            rc = parse(path, &r, out);
    }
    nn_free(buf);
    if (rc) nn_saved_model_free(out);
    return rc;
}
