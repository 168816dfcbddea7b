/* augment.c - seeded image augmentation (see nn/augment.h).
 *
 * Per image, a fixed number of uniforms is drawn (DRAWS), then:
 *   1. the geometric part (flip, scale, rotate, shift, crop) as one inverse
 *      affine map from output pixel to source position, sampled bilinearly;
 *      skipped entirely when no geometric transform fires, so "off" is an
 *      exact identity;
 *   2. cutout; 3. invert; 4. intensity.
 * Inverse map for output pixel p (pixel centres at integers, c = image centre):
 *   q = (p - c - t)            undo the shift
 *   q = R(-theta) q / s        undo rotation and zoom
 *   q.x = -q.x (flip-h), q.y = -q.y (flip-v)
 *   src = crop(q + c)          the crop window's pixel, stretched to the full image
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn/augment.h"
#include "nn/parse.h"
#include "nn/status.h"

static const char *const NAMES[NN_AUG_COUNT] = {
    [NN_AUG_ROTATE] = "rotate", [NN_AUG_SCALE] = "scale", [NN_AUG_SHIFT] = "shift",
    [NN_AUG_CROP] = "crop", [NN_AUG_CUTOUT] = "cutout", [NN_AUG_FLIP_H] = "flip-h",
    [NN_AUG_FLIP_V] = "flip-v", [NN_AUG_INVERT] = "invert", [NN_AUG_INTENSITY] = "intensity",
};
/* Largest accepted amount per transform. */
static const float MAX_AMOUNT[NN_AUG_COUNT] = {
    [NN_AUG_ROTATE] = 180, [NN_AUG_SCALE] = 0.9f, [NN_AUG_SHIFT] = 64, [NN_AUG_CROP] = 64,
    [NN_AUG_CUTOUT] = 64, [NN_AUG_FLIP_H] = 1, [NN_AUG_FLIP_V] = 1, [NN_AUG_INVERT] = 1,
    [NN_AUG_INTENSITY] = 1,
};
/* Flips and invert take their probability as their value. */
static int is_coin(int k) { return k == NN_AUG_FLIP_H || k == NN_AUG_FLIP_V || k == NN_AUG_INVERT; }

enum { DRAWS = 18 };

nn_augment_desc nn_augment_desc_default(void) { return (nn_augment_desc){ { 0 }, { 0 } }; }

const char *nn_augment_name(nn_aug_kind k) { return (unsigned)k < NN_AUG_COUNT ? NAMES[k] : "?"; }

int nn_augment_active(const nn_augment_desc *a)
{
    for (int k = 0; k < NN_AUG_COUNT; k++)
        if (a->amount[k] > 0.0f && a->prob[k] > 0.0f) return 1;
    return 0;
}

int nn_augment_parse(const char *spec, nn_augment_desc *out)
{
    static const char GRAMMAR[] = "NAME=VALUE[@P] items: rotate=DEG, scale=S, shift=PX, crop=PX, "
                                  "cutout=PX, flip-h=P, flip-v=P, invert=P, intensity=K";
    nn_augment_desc a = nn_augment_desc_default();
    if (!*spec || strcmp(spec, "none") == 0) { *out = a; return NN_OK; }
    char buf[512];
    if (strlen(spec) >= sizeof buf) return nn_set_error(NN_ERR_ARG, "--augment: the list is too long");
    snprintf(buf, sizeof buf, "%s", spec);
    for (char *item = buf, *next; item; item = next) {
        next = strchr(item, ',');
        if (next) *next++ = '\0';
        char *eq = strchr(item, '=');
        if (!eq) return nn_set_error(NN_ERR_ARG, "--augment: '%s' is not NAME=VALUE; %s", item, GRAMMAR);
        *eq = '\0';
        int k = -1;
        for (int i = 0; i < NN_AUG_COUNT; i++)
            if (strcmp(item, NAMES[i]) == 0) k = i;
        if (k < 0) return nn_set_error(NN_ERR_ARG, "--augment: unknown transform '%s'; %s", item, GRAMMAR);
        char *at = strchr(eq + 1, '@');
        if (at) *at = '\0';
        double v;
        if (nn_parse_float(item, eq + 1, 0.0, MAX_AMOUNT[k], &v))
            return nn_set_error(NN_ERR_ARG, "--augment: %s expects a number from 0 to %g, got '%s'",
                                item, (double)MAX_AMOUNT[k], eq + 1);
        double p = 1.0;
        if (at) {
            if (nn_parse_float(item, at + 1, 0.0, 1.0, &p))
                return nn_set_error(NN_ERR_ARG, "--augment: %s@P expects a probability in [0, 1], "
                                    "got '%s'", item, at + 1);
        }
        a.amount[k] = (float)v;
        a.prob[k] = is_coin(k) ? (float)v * (float)p : (float)p;
    }
    *out = a;
    return NN_OK;
}

void nn_augment_format(const nn_augment_desc *a, char *buf, int len)
{
    int used = 0;
    if (len > 0) buf[0] = '\0';
    for (int k = 0; k < NN_AUG_COUNT && used < len; k++) {
        if (!(a->amount[k] > 0.0f && a->prob[k] > 0.0f)) continue;
        const float v = is_coin(k) ? a->prob[k] : a->amount[k];
        if (!is_coin(k) && a->prob[k] < 1.0f)
            used += snprintf(buf + used, (size_t)(len - used), "%s%s=%g@%g", used ? "," : "", NAMES[k],
                             (double)v, (double)a->prob[k]);
        else
            used += snprintf(buf + used, (size_t)(len - used), "%s%s=%g", used ? "," : "", NAMES[k], (double)v);
    }
    if (used == 0 && len > 0) snprintf(buf, (size_t)len, "none");
}

/* Bilinear sample of one channel (h, w) at (x, y); 0 outside. */
static float bilinear(const float *img, int w, int h, float x, float y)
{
    const float fx = floorf(x), fy = floorf(y);
    const int x0 = (int)fx, y0 = (int)fy;
    const float ax = x - fx, ay = y - fy;
    float v = 0.0f;
    if (y0 >= 0 && y0 < h) {
        if (x0 >= 0 && x0 < w) v += (1.0f - ax) * (1.0f - ay) * img[y0 * w + x0];
        if (x0 + 1 >= 0 && x0 + 1 < w && ax > 0.0f) v += ax * (1.0f - ay) * img[y0 * w + x0 + 1];
    }
    if (y0 + 1 >= 0 && y0 + 1 < h && ay > 0.0f) {
        if (x0 >= 0 && x0 < w) v += (1.0f - ax) * ay * img[(y0 + 1) * w + x0];
        if (x0 + 1 >= 0 && x0 + 1 < w && ax > 0.0f) v += ax * ay * img[(y0 + 1) * w + x0 + 1];
    }
    return v;
}

static int fires(const nn_augment_desc *a, int k, double u)
{
    return a->amount[k] > 0.0f && a->prob[k] > 0.0f && u < a->prob[k];
}

/* Augment one image x (c, h, w) in place using the uniforms u[DRAWS]. */
static void augment_one(const nn_augment_desc *a, const double *u, nn_shape s, float *x, float *scratch)
{
    const int w = s.w, h = s.h, plane = w * h;
    const float cx = 0.5f * (float)(w - 1), cy = 0.5f * (float)(h - 1);
    const int rot = fires(a, NN_AUG_ROTATE, u[0]), zoom = fires(a, NN_AUG_SCALE, u[1]);
    const int shift = fires(a, NN_AUG_SHIFT, u[2]), crop = fires(a, NN_AUG_CROP, u[3]);
    const int fh = fires(a, NN_AUG_FLIP_H, u[4]), fv = fires(a, NN_AUG_FLIP_V, u[5]);
    if (rot || zoom || shift || crop || fh || fv) {
        const double theta = rot ? (2.0 * u[6] - 1.0) * a->amount[NN_AUG_ROTATE] * 3.14159265358979323846 / 180.0 : 0.0;
        const float sc = zoom ? (float)(1.0 + (2.0 * u[7] - 1.0) * a->amount[NN_AUG_SCALE]) : 1.0f;
        const float tx = shift ? (float)((2.0 * u[8] - 1.0) * a->amount[NN_AUG_SHIFT]) : 0.0f;
        const float ty = shift ? (float)((2.0 * u[9] - 1.0) * a->amount[NN_AUG_SHIFT]) : 0.0f;
        const float cs = (float)cos(theta) / sc, sn = (float)sin(theta) / sc;
        /* Crop window: k x k pixels smaller, at offset (ox, oy) in [0, k]. */
        const float k = crop ? a->amount[NN_AUG_CROP] : 0.0f;
        const float ox = (float)(u[10] * k), oy = (float)(u[11] * k);
        const float kx = (w - k) / (float)w, ky = (h - k) / (float)h;
        memcpy(scratch, x, (size_t)s.c * plane * sizeof *x);
        for (int py = 0; py < h; py++)
            for (int px = 0; px < w; px++) {
                float qx = (float)px - cx - tx, qy = (float)py - cy - ty;
                float rx = cs * qx + sn * qy, ry = -sn * qx + cs * qy;   /* R(-theta) / s */
                if (fh) rx = -rx;
                if (fv) ry = -ry;
                float sx = rx + cx, sy = ry + cy;
                if (crop) { sx = ox + (sx + 0.5f) * kx - 0.5f; sy = oy + (sy + 0.5f) * ky - 0.5f; }
                for (int c = 0; c < s.c; c++)
                    x[c * plane + py * w + px] = bilinear(scratch + c * plane, w, h, sx, sy);
            }
    }
    if (fires(a, NN_AUG_CUTOUT, u[12])) {
        const int side = (int)a->amount[NN_AUG_CUTOUT];
        const int mx = (int)(u[13] * w), my = (int)(u[14] * h);   /* centre anywhere */
        for (int c = 0; c < s.c; c++)
            for (int yy = my - side / 2; yy < my - side / 2 + side; yy++)
                for (int xx = mx - side / 2; xx < mx - side / 2 + side; xx++)
                    if (yy >= 0 && yy < h && xx >= 0 && xx < w) x[c * plane + yy * w + xx] = 0.0f;
    }
    const int inv = fires(a, NN_AUG_INVERT, u[15]), inten = fires(a, NN_AUG_INTENSITY, u[16]);
    if (inv || inten) {
        const float f = inten ? (float)(1.0 + (2.0 * u[17] - 1.0) * a->amount[NN_AUG_INTENSITY]) : 1.0f;
        for (int i = 0; i < s.c * plane; i++) {
            const float v = (inv ? 1.0f - x[i] : x[i]) * f;
            x[i] = v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v;
        }
    }
}

void nn_augment_batch(const nn_augment_desc *a, nn_rng *rng, nn_shape shape, float *x, int n,
                      float *scratch)
{
    if (shape.h < 2 || shape.w < 2 || !nn_augment_active(a)) return;
    const size_t d = (size_t)shape.c * shape.h * shape.w;
    for (int i = 0; i < n; i++) {
        double u[DRAWS];
        for (int k = 0; k < DRAWS; k++) u[k] = nn_rng_uniform(rng);
        augment_one(a, u, shape, x + i * d, scratch);
    }
}

int nn_augment_variants(const nn_augment_desc *a, uint64_t seed, nn_shape shape,
                        const float *img, int n, float *out)
{
    const size_t d = (size_t)shape.c * shape.h * shape.w;
    float *scratch = nn_alloc(d * sizeof *scratch);
    if (!scratch) return NN_ERR_NOMEM;
    nn_rng rng;
    nn_rng_seed(&rng, seed, NN_STREAM_AUGMENT);
    for (int i = 0; i < n; i++) memcpy(out + i * d, img, d * sizeof *img);
    nn_augment_batch(a, &rng, shape, out, n, scratch);
    nn_free(scratch);
    return NN_OK;
}
