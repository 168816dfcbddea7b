/* image_prep.c - fit, centre and invert pictures like Fashion-MNIST (see
 * nn/image.h). Loading is in image_load.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "nn/image.h"
#include "nn/status.h"

/* Bilinear sample of a float image (h, w) at (x, y) in pixel-centre coordinates; 0 outside. */
static float sample(const float *img, int w, int h, float x, float y)
{
    const float fx = floorf(x), fy = floorf(y);
    const int x0 = (int)fx, y0 = (int)fy;
    const float ax = x - fx, ay = y - fy;
    float v = 0.0f;
    for (int dy = 0; dy < 2; dy++)
        for (int dx = 0; dx < 2; dx++) {
            const int xx = x0 + dx, yy = y0 + dy;
            if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
            v += img[(size_t)yy * w + xx] * (dx ? ax : 1.0f - ax) * (dy ? ay : 1.0f - ay);
        }
    return v;
}

void nn_image_prepare(const nn_image *im, int size, float *out, nn_image_prep_info *info)
{
    nn_image_prep_info scratch;
    if (!info) info = &scratch;
    memset(info, 0, sizeof *info);
    memset(out, 0, (size_t)size * size * sizeof *out);
    const int w = im->w, h = im->h;
    /* The background is what the border shows: its median-ish level is the mean
     * of the border pixels. A light border means a dark object on light paper. */
    double border = 0.0;
    long nb = 0;
    for (int x = 0; x < w; x++) { border += im->px[x] + im->px[(size_t)(h - 1) * w + x]; nb += 2; }
    for (int y = 0; y < h; y++) { border += im->px[(size_t)y * w] + im->px[(size_t)y * w + w - 1]; nb += 2; }
    border /= (double)nb;
    info->inverted = border > 127.5;
    const float bg = (float)(info->inverted ? 255.0 - border : border);
    /* Foreground strength in [0, 1]: inverted if needed, background removed. */
    float *fg = nn_alloc((size_t)w * h * sizeof *fg);
    if (!fg) return;
    float peak = 0.0f;
    for (size_t i = 0; i < (size_t)w * h; i++) {
        float v = info->inverted ? 255.0f - im->px[i] : im->px[i];
        v = v > bg ? (v - bg) / (255.0f - bg > 1.0f ? 255.0f - bg : 1.0f) : 0.0f;
        fg[i] = v;
        if (v > peak) peak = v;
    }
    /* Bounding box of clearly-foreground pixels (above a tenth of the peak). */
    int x0 = w, y0 = h, x1 = -1, y1 = -1;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            if (fg[(size_t)y * w + x] > 0.1f * peak && peak > 0.02f) {
                if (x < x0) x0 = x;
                if (x > x1) x1 = x;
                if (y < y0) y0 = y;
                if (y > y1) y1 = y;
            }
    if (x1 < 0) { nn_free(fg); return; }                  /* blank picture */
    /* Stretch the contrast so the brightest part is 1, as in the dataset. */
    for (size_t i = 0; i < (size_t)w * h; i++) fg[i] /= peak;
    info->box_x = x0; info->box_y = y0;
    info->box_w = x1 - x0 + 1; info->box_h = y1 - y0 + 1;
    /* Scale so the longer side of the box fills `size` pixels. */
    const float scale = (float)size / (float)(info->box_w > info->box_h ? info->box_w : info->box_h);
    const int ow = (int)lroundf(info->box_w * scale), oh = (int)lroundf(info->box_h * scale);
    /* Centre of mass of the scaled object, to place it at the box centre. */
    float *tmp = nn_alloc((size_t)size * size * sizeof *tmp);
    if (!tmp) { nn_free(fg); return; }
    /* Area averaging: each output pixel averages s x s bilinear samples of its footprint. */
    int s = (int)ceilf(1.0f / scale);
    if (s < 1) s = 1;
    if (s > 16) s = 16;
    double mass = 0.0, mx = 0.0, my = 0.0;
    for (int oy = 0; oy < oh && oy < size; oy++)
        for (int ox = 0; ox < ow && ox < size; ox++) {
            float acc = 0.0f;
            for (int j = 0; j < s; j++)
                for (int i = 0; i < s; i++) {
                    const float sx = x0 + (ox + (i + 0.5f) / s) / scale - 0.5f;
                    const float sy = y0 + (oy + (j + 0.5f) / s) / scale - 0.5f;
                    acc += sample(fg, w, h, sx, sy);
                }
            acc /= (float)(s * s);
            if (acc > 1.0f) acc = 1.0f;
            tmp[(size_t)oy * size + ox] = acc;
            mass += acc; mx += acc * (ox + 0.5); my += acc * (oy + 0.5);
        }
    /* Shift so the centre of mass lands at size/2, but keep the object inside the box. */
    int sx = mass > 0 ? (int)lround(size / 2.0 - mx / mass) : (size - ow) / 2;
    int sy = mass > 0 ? (int)lround(size / 2.0 - my / mass) : (size - oh) / 2;
    if (sx > size - ow) sx = size - ow;
    if (sx < 0) sx = 0;
    if (sy > size - oh) sy = size - oh;
    if (sy < 0) sy = 0;
    for (int oy = 0; oy < oh && oy + sy < size; oy++)
        for (int ox = 0; ox < ow && ox + sx < size; ox++)
            out[(size_t)(oy + sy) * size + ox + sx] = tmp[(size_t)oy * size + ox];
    nn_free(tmp);
    nn_free(fg);
}
