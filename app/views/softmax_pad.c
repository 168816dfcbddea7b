/* app/views/softmax_pad.c - the drawing pad and opened pictures (see softmax_pad.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "nn/status.h"
#include "views/softmax_pad.h"

void sm_own_init(sm_own *o)
{
    memset(o, 0, sizeof *o);
    memset(o->pad, 255, sizeof o->pad);
    o->version = 1;
}

void sm_own_free(sm_own *o)
{
    nn_image_free(&o->file);
    memset(&o->file, 0, sizeof o->file);
}

void sm_pad_clear(sm_own *o)
{
    memset(o->pad, 255, sizeof o->pad);
    o->source = SM_SRC_PAD;
    o->version++;
}

/* Distance from (px, py) to the segment (x0, y0)-(x1, y1). */
static float seg_dist(float px, float py, float x0, float y0, float x1, float y1)
{
    const float dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
    float t = len2 > 0.0f ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0.0f;
    t = t < 0.0f ? 0.0f : t > 1.0f ? 1.0f : t;
    const float ex = px - (x0 + t * dx), ey = py - (y0 + t * dy);
    return sqrtf(ex * ex + ey * ey);
}

void sm_pad_stroke(sm_own *o, float x0, float y0, float x1, float y1, float radius, int erase)
{
    if (!(radius > 0.0f) || !isfinite(x0) || !isfinite(y0) || !isfinite(x1) || !isfinite(y1)) return;
    for (int y = 0; y < SM_PAD; y++)
        for (int x = 0; x < SM_PAD; x++) {
            /* coverage of the pixel: 1 inside the brush, falling to 0 over one pixel at its edge */
            float c = radius + 0.5f - seg_dist(x + 0.5f, y + 0.5f, x0, y0, x1, y1);
            if (c <= 0.0f) continue;
            if (c > 1.0f) c = 1.0f;
            uint8_t *p = &o->pad[y * SM_PAD + x];
            if (erase) {
                const int v = (int)lroundf(255.0f * c);
                if (v > *p) *p = (uint8_t)v;
            } else {
                const int v = (int)lroundf(255.0f * (1.0f - c));
                if (v < *p) *p = (uint8_t)v;
            }
        }
    o->source = SM_SRC_PAD;
    o->version++;
}

nn_image sm_pad_image(sm_own *o) { return (nn_image){ .w = SM_PAD, .h = SM_PAD, .px = o->pad }; }

int sm_own_open(sm_own *o, const char *path)
{
    if (!path || !path[0]) {
        snprintf(o->error, sizeof o->error, "Type the path of a PNG or JPEG first (or drop the file on the window).");
        return -1;
    }
    nn_image im;
    if (nn_image_load(path, &im) != NN_OK) {
        snprintf(o->error, sizeof o->error, "%s", nn_last_error());
        return -1;
    }
    nn_image_free(&o->file);
    o->file = im;
    snprintf(o->path, sizeof o->path, "%s", path);
    o->error[0] = '\0';
    o->source = SM_SRC_FILE;
    o->version++;
    return 0;
}

int sm_own_blank(const sm_own *o)
{
    for (int i = 0; i < o->side * o->side; i++) if (o->input[i] > 0.0f) return 0;
    return 1;
}

int sm_own_prepare(sm_own *o, int side)
{
    if (side < 2 || side > SM_SIDE_MAX) return 0;
    if (o->prepared == o->version && o->side == side) return 0;
    nn_image im = o->source == SM_SRC_FILE && o->file.px ? o->file : sm_pad_image(o);
    nn_image_prepare(&im, side, o->input, &o->info);
    o->side = side;
    o->prepared = o->version;
    return 1;
}
