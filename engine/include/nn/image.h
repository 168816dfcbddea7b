/* nn/image.h - pictures from disk, made to look like the training images.
 *
 * Loads PNG, JPEG or BMP (only these: other formats stb_image knows are not
 * compiled in) through stb_image as 8-bit grayscale and turns a
 * learner's own photo or drawing into an input like Fashion-MNIST's:
 *
 *     nn_image im;
 *     if (nn_image_load("shoe.jpg", &im)) fail(nn_last_error());
 *     float x[28 * 28];
 *     nn_image_prepare(&im, 28, x);       // (28*28) values in [0, 1]
 *     nn_image_free(&im);
 *
 * The preparation follows how Fashion-MNIST itself was made: a light
 * background is inverted (the dataset shows light objects on black), the
 * background level is removed and the contrast stretched, the bounding box is scaled so its
 * longer side fills the box (area-averaged when shrinking), and the result is
 * placed so that its centre of mass sits at the centre of the box.
 *
 * Ownership: nn_image pixels are nn_alloc'ed; free with nn_image_free.
 * Thread-safety: reentrant except that stb_image's failure reason is global.
 */
#ifndef NN_IMAGE_H
#define NN_IMAGE_H

#include <stdint.h>

/* Refused above this many pixels (a "huge" file is an error, not a stall). */
#define NN_IMAGE_MAX_PIXELS (64 * 1024 * 1024)
/* Files larger than this are refused before they are read. */
#define NN_IMAGE_MAX_FILE (256 * 1024 * 1024)

typedef struct nn_image {
    int      w, h;
    uint8_t *px;      /* (h, w) gray, row-major */
} nn_image;

/* Load a PNG/JPEG/BMP (any channel count) as gray. NN_ERR_IO when the file
 * is missing, unreadable or not a regular file, NN_ERR_FORMAT when it is
 * empty, not one of the three formats, truncated (BMP), damaged or too big. */
int  nn_image_load(const char *path, nn_image *out);
void nn_image_free(nn_image *im);

/* What nn_image_prepare found, for display. */
typedef struct nn_image_prep_info {
    int inverted;                  /* 1 if the background was light and was inverted */
    int box_x, box_y, box_w, box_h;/* the object's bounding box in the source */
} nn_image_prep_info;

/* Fill out (size*size) with values in [0, 1]; info may be NULL.
 * A blank picture gives all zeros. */
void nn_image_prepare(const nn_image *im, int size, float *out, nn_image_prep_info *info);

#endif
