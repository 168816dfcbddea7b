/* app/record/rec_palette.h - a GIF frame's 256 colours.
 *
 * The UI draws mostly flat colours (panels, text, lines, the plots' fills),
 * and those must come out exact: a white title turned grey, or a panel a
 * shade off between frames, is what a viewer notices. So:
 *   - at most 256 distinct colours: those, exactly;
 *   - more (antialiased edges, heatmaps): the 128 most frequent colours
 *     exactly, and the other pixels median-cut into 128 colours by giflib's
 *     GifQuantizeBuffer, each then set to the mean of the pixels it stands for.
 * No dithering: it would make flat areas noisy and frames differ everywhere
 * (big files). No SDL.
 */
#ifndef NNLAB_REC_PALETTE_H
#define NNLAB_REC_PALETTE_H

#include <gif_lib.h>
#include <stdint.h>

typedef struct rec_palette rec_palette;

/* For rectangles of up to max_pixels; NULL when out of memory. */
rec_palette *rec_palette_new(long max_pixels);
void         rec_palette_free(rec_palette *p);
/* The w x h RGBA pixels (rows `pitch` bytes apart) as indices (w x h, a row
 * w bytes) into colours[256]. Returns the number of colours used, -1 when
 * out of memory. */
int rec_palette_map(rec_palette *p, const uint8_t *rgba, int w, int h, int pitch, uint8_t *idx,
                    GifColorType colours[256]);

#endif
