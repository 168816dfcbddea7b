/* app/record/rec_encoder.h - the two file writers a recording can use.
 *
 * Both take RGBA frames (R, G, B, A bytes; the alpha is ignored) of the size
 * given at open, each stamped with its time in the recording in
 * milliseconds (increasing), and write through nn/file.h: PATH.tmp, renamed
 * over PATH only when finished, so a failed or abandoned recording never
 * leaves half a file and never replaces a device or FIFO. No SDL.
 *
 *   GIF (rec_gif.c, giflib): each frame's changed rectangle, with its own
 *     256-colour table (rec_palette.h: the UI's flat colours exact, the
 *     rest median-cut by GifQuantizeBuffer); loops forever.
 *   MP4 (rec_mp4.c, libavcodec + libavformat): H.264 (libx264) in yuv420p,
 *     which every slide program plays; MPEG-4 part 2 when the libavcodec
 *     found has no libx264. Width and height are rounded down to even.
 *
 * Errors: -1 with a one-line message in err (what and which file).
 */
#ifndef NNLAB_REC_ENCODER_H
#define NNLAB_REC_ENCODER_H

#include <stddef.h>
#include <stdint.h>

typedef struct rec_encoder_ops {
    const char *name;            /* "GIF", "MP4" */
    const char *ext;             /* ".gif", ".mp4" */
    int         interval_ms;     /* live recordings capture a frame this often at most */
    /* Open PATH.tmp for a w x h recording; NULL with err filled. */
    void *(*open)(const char *path, int w, int h, char *err, size_t n);
    /* Add one frame (rows `pitch` bytes apart) shown from t_ms on. */
    int   (*frame)(void *e, const uint8_t *rgba, int pitch, long t_ms, char *err, size_t n);
    /* The last frame lasts until end_ms; write the end, rename over PATH and
     * free e (also on failure, when nothing is left behind). */
    int   (*finish)(void *e, long end_ms, char *err, size_t n);
    /* Free e and remove PATH.tmp. */
    void  (*abort)(void *e);
    /* A short description of what it writes (e.g. "H.264 (libx264)"), for messages. */
    const char *(*codec)(void *e);
} rec_encoder_ops;

extern const rec_encoder_ops REC_GIF;
extern const rec_encoder_ops REC_MP4;

/* The writer for a file name by its extension (.gif, .mp4, any case), else NULL. */
const rec_encoder_ops *rec_encoder_for(const char *path);

#endif
