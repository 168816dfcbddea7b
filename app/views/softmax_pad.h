/* app/views/softmax_pad.h - the learner's own picture for the softmax view:
 * a 28x28 drawing pad and pictures opened from files, both made into the
 * network's input by the engine's nn_image_prepare - the preparation
 * `nnlab-train predict` uses (grey, a light background inverted, cropped to
 * the object, scaled so its longer side fills the box, centred by mass).
 *
 *     sm_own own;
 *     sm_own_init(&own);
 *     sm_pad_stroke(&own, 3, 4, 20, 4, 1.5f, 0);     // a line of ink
 *     sm_own_prepare(&own, 28);                      // own.input: the network's input
 *     if (sm_own_open(&own, "shoe.jpg")) puts(own.error);
 *     sm_own_free(&own);
 *
 * The pad is white paper with black ink, like a drawing or a photo of an
 * object on a table, so the preparation's inversion shows. Saved as a PNG
 * (pixels px, SM_PAD x SM_PAD, grey) and opened by predict, the pad gives
 * the same input. No SDL here.
 */
#ifndef NNLAB_SOFTMAX_PAD_H
#define NNLAB_SOFTMAX_PAD_H

#include <stdint.h>

#include "nn/image.h"

#define SM_PAD 28                    /* the pad's side in pixels */
#define SM_SIDE_MAX 64               /* the largest network input side prepared */

typedef enum sm_source { SM_SRC_PAD, SM_SRC_FILE } sm_source;

typedef struct sm_own {
    uint8_t  pad[SM_PAD * SM_PAD];   /* the drawing: 255 paper, 0 full ink */
    int      source;                 /* what the network sees: the pad or the file (sm_source) */
    nn_image file;                   /* the opened picture, grey (px NULL: none) */
    char     path[512];              /* its path */
    char     error[400];             /* why the last file could not be opened ("" fine) */
    int      side;                   /* the side input was prepared for (0: not yet) */
    float    input[SM_SIDE_MAX * SM_SIDE_MAX];   /* the prepared input, values in [0, 1] */
    nn_image_prep_info info;         /* what the preparation found */
    uint64_t version;                /* increments whenever the picture changes */
    uint64_t prepared;               /* the version input was prepared from */
} sm_own;

void sm_own_init(sm_own *o);
void sm_own_free(sm_own *o);

/* The pad, blank (and the network's source). */
void sm_pad_clear(sm_own *o);
/* A round brush of `radius` pixels swept from (x0, y0) to (x1, y1), in pad
 * pixels (0..SM_PAD, fractions allowed); soft at its edge. erase: paper
 * instead of ink. Makes the pad the source. */
void sm_pad_stroke(sm_own *o, float x0, float y0, float x1, float y1, float radius, int erase);
/* The pad as an image (borrows o->pad). */
nn_image sm_pad_image(sm_own *o);

/* Open a PNG/JPEG/BMP as the source. 0, or -1 with o->error set (the pad
 * and any earlier file stay as they were). */
int  sm_own_open(sm_own *o, const char *path);

/* Prepare the source for a network of side x side inputs (2..SM_SIDE_MAX)
 * when it changed since the last call; returns 1 when input was (re)made. */
int  sm_own_prepare(sm_own *o, int side);
/* 1 when the source has no ink (a blank pad): input is all zeros. */
int  sm_own_blank(const sm_own *o);

#endif
