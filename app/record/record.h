/* app/record/record.h - recording the window or the view to a GIF or an MP4.
 *
 * F9 (or File > Record GIF / Record MP4, or nnlab --record FILE) starts a
 * recording; F9 or File > Stop recording stops it. Each frame, after the
 * window is drawn and before the overlays that are not part of it (the
 * recording's own indicator), record_capture reads the pixels back
 * (SDL_RenderReadPixels) into a buffer of a fixed pool and hands it to an
 * encoder thread (rec_queue.h, rec_encoder.h), so training and drawing do
 * not wait for the encoder:
 *   - live (F9, the File list, --record without --frames): at most one frame
 *     every 80 ms for GIF (12.5 a second), every 40 ms for MP4 (25 a second),
 *     stamped with the time it was drawn; when all three buffers still wait
 *     for the encoder, the frame is dropped and counted.
 *   - every frame (--record with --frames N): each frame the program draws is
 *     one frame of the file, 80 / 40 ms apart, none dropped (the frame loop
 *     waits for the encoder): N frames give exactly N in the file.
 * The area is the whole window or only the current view (the File bar's
 * "Only the view", remembered as record-area = window | view), fixed in size
 * when the recording starts. While recording, a red dot, the elapsed time
 * and the file's name show at the bottom left (and, for the view only, a red
 * frame around what is recorded); none of it is in the file. When it stops,
 * a toast says where the file went, or why it could not be written.
 */
#ifndef NNLAB_RECORD_H
#define NNLAB_RECORD_H

#include <stddef.h>

#include "shell/app.h"

/* Start recording into path (.gif or .mp4, by its extension): 0, or -1 with
 * the one-line reason in err (a bad extension, a folder that does not exist,
 * a recording already running ...). */
int  record_start(app *a, const char *path, int view_only, int every_frame, char *err, size_t n);
int  record_active(const app *a);
/* The frame just drawn, when one is due (cheap otherwise). */
void record_capture(app *a);
/* Stop and finish the file: 0 with msg "Recording saved to PATH (...)", or
 * -1 with why it could not be written in msg (nothing is left behind then).
 * A no-op returning 0 with msg "" when not recording. */
int  record_stop(app *a, char *msg, size_t n);
/* The indicator while recording (after record_capture, before present). */
void record_draw(app *a, int w, int h);
/* The running recording's frames handed to the encoder so far, and
 * dropped (0 and 0 when not recording). */
void record_counts(const app *a, long *frames, long *dropped);

/* F9: stop the recording, or start one named by the time in the current
 * folder with the remembered format and area; the result as a toast. */
void record_toggle(app *a);
/* nnlab-YYYYmmdd-HHMMSS.EXT (EXT "gif" or "mp4"). */
void record_default_name(char *buf, size_t n, const char *ext);
/* The remembered format for F9 ("gif" or "mp4") and area (1: only the view). */
const char *record_format(const app *a);
int  record_view_only(const app *a);
void record_set_view_only(app *a, int view_only);

#endif
