/* nn/augment.h - data augmentation for images: rotate, scale, shift, crop,
 * cutout, flips, invert, intensity; seeded, applied per mini-batch to the
 * training data only (the trainer calls nn_augment_batch after assembling
 * each training batch; dev and test are never touched).
 *
 *     nn_augment_desc a;
 *     if (nn_augment_parse("rotate=15,scale=0.1,shift=2,flip-h=0.5,cutout=8", &a)) fail(nn_last_error());
 *     train_desc.augment = a;                       // the trainer does the rest
 *     nn_augment_variants(&a, seed, shape, img, 8, out);   // 8 variants of one image, for a view
 *
 * Grammar (comma-separated NAME=VALUE; each may end in @P = apply with probability P):
 *   rotate=DEG     rotate by an angle uniform in [-DEG, DEG]
 *   scale=S        zoom by a factor uniform in [1-S, 1+S]
 *   shift=PX       move by dx, dy uniform in [-PX, PX] pixels
 *   crop=PX        random crop of (W-PX)x(H-PX) pixels, resized back to WxH
 *   cutout=PX      blank a PX x PX square at a random place (centre anywhere in the image)
 *   flip-h=P       mirror left-right with probability P
 *   flip-v=P       mirror top-bottom with probability P
 *   invert=P       x -> 1 - x with probability P
 *   intensity=K    multiply by a factor uniform in [1-K, 1+K], then clamp to [0, 1]
 * Geometric transforms are combined into one affine map and resampled once,
 * bilinearly, with black (0) outside the image. Values are assumed in [0, 1]
 * (the trainer augments before input normalisation).
 *
 * Determinism: each image draws the same number of random values whatever is
 * enabled, from the generator passed in (the trainer uses its seed with
 * NN_STREAM_AUGMENT), so the same seed gives the same augmented batches.
 * Thread-safety: reentrant; the caller provides the scratch memory.
 */
#ifndef NN_AUGMENT_H
#define NN_AUGMENT_H

#include <stdint.h>
#include "model.h"
#include "rng.h"

typedef enum nn_aug_kind {
    NN_AUG_ROTATE, NN_AUG_SCALE, NN_AUG_SHIFT, NN_AUG_CROP, NN_AUG_CUTOUT,
    NN_AUG_FLIP_H, NN_AUG_FLIP_V, NN_AUG_INVERT, NN_AUG_INTENSITY, NN_AUG_COUNT
} nn_aug_kind;

typedef struct nn_augment_desc {
    float amount[NN_AUG_COUNT];  /* degrees, fraction, pixels...; for flips/invert the probability */
    float prob[NN_AUG_COUNT];    /* probability that the transform is applied to an image */
} nn_augment_desc;

/* Everything off. */
nn_augment_desc nn_augment_desc_default(void);
const char *nn_augment_name(nn_aug_kind k);            /* "rotate", "flip-h", ... */
/* 1 if any transform can change an image. */
int  nn_augment_active(const nn_augment_desc *a);
/* Parse the grammar above into *out (starting from all off). NN_ERR_ARG with
 * a message naming the item on error. "none" or "" = all off. */
int  nn_augment_parse(const char *spec, nn_augment_desc *out);
/* Write the settings back in the grammar ("none" when off). */
void nn_augment_format(const nn_augment_desc *a, char *buf, int len);

/* Augment n images x (n, c*h*w) of the given shape in place.
 * scratch: c*h*w floats. Images with h = w = 1 (flat data) are left alone. */
void nn_augment_batch(const nn_augment_desc *a, nn_rng *rng, nn_shape shape, float *x, int n,
                      float *scratch);
/* n variants of one image img (c*h*w) into out (n, c*h*w), from `seed`
 * (stream NN_STREAM_AUGMENT). Returns NN_OK or NN_ERR_NOMEM. */
int  nn_augment_variants(const nn_augment_desc *a, uint64_t seed, nn_shape shape,
                         const float *img, int n, float *out);

#endif
