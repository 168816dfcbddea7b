/* app/record/rec_gif.c - recordings as animated GIF, with giflib (see rec_encoder.h).
 *
 * A frame is written when the next one arrives (its delay is the time until
 * then), as the rectangle that changed since the frame before: a training
 * run's curves and plots change, the panels around them do not, so most
 * frames are small. Each rectangle gets its own 256-colour table
 * (rec_palette.h: the UI's flat colours exact, the rest median-cut).
 */
#include <gif_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn/file.h"
#include "nn/status.h"
#include "record/rec_encoder.h"
#include "record/rec_palette.h"

typedef struct gif_enc {
    nn_file_out  out;
    GifFileType *g;
    int          w, h;
    uint8_t     *shown;          /* the canvas as written so far (source RGBA, w*4 a row) */
    uint8_t     *pending;        /* the frame waiting for its delay */
    long         pending_ms;
    int          have_pending, have_shown;
    rec_palette *pal;
    uint8_t     *idx;            /* a rectangle's colour indices */
    long         frames;
} gif_enc;

static int put(GifFileType *g, const GifByteType *buf, int n)
{
    return (int)fwrite(buf, 1, (size_t)n, (FILE *)g->UserData);
}

static void release(gif_enc *e)
{
    rec_palette_free(e->pal);
    free(e->idx);
    free(e->shown);
    free(e->pending);
    free(e);
}

static void gif_abort(void *p)
{
    gif_enc *e = p;
    if (!e) return;
    if (e->g) EGifCloseFile(e->g, NULL);
    nn_file_out_abort(&e->out);
    release(e);
}

static void *gif_open(const char *path, int w, int h, char *err, size_t n)
{
    if (w < 1 || h < 1 || w > 65535 || h > 65535) {
        snprintf(err, n, "%s: a GIF is 1 to 65535 pixels a side, not %dx%d", path, w, h);
        return NULL;
    }
    gif_enc *e = calloc(1, sizeof *e);
    const size_t px = (size_t)w * (size_t)h;
    if (e) {
        e->w = w;
        e->h = h;
        e->shown = malloc(px * 4);
        e->pending = malloc(px * 4);
        e->idx = malloc(px);
        e->pal = rec_palette_new((long)px);
    }
    if (!e || !e->shown || !e->pending || !e->idx || !e->pal) {
        if (e) release(e);
        snprintf(err, n, "%s: out of memory for a %dx%d GIF", path, w, h);
        return NULL;
    }
    if (nn_file_out_open(&e->out, path) != NN_OK) {
        snprintf(err, n, "%s", nn_last_error());
        release(e);
        return NULL;
    }
    int code = 0;
    e->g = EGifOpen(e->out.f, put, &code);
    if (!e->g) {
        snprintf(err, n, "%s: %s", path, GifErrorString(code));
        gif_abort(e);
        return NULL;
    }
    EGifSetGifVersion(e->g, true);
    static const GifByteType loop[3] = { 1, 0, 0 };   /* NETSCAPE2.0: repeat forever */
    if (EGifPutScreenDesc(e->g, w, h, 8, 0, NULL) == GIF_ERROR ||
        EGifPutExtensionLeader(e->g, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
        EGifPutExtensionBlock(e->g, 11, "NETSCAPE2.0") == GIF_ERROR ||
        EGifPutExtensionBlock(e->g, 3, loop) == GIF_ERROR || EGifPutExtensionTrailer(e->g) == GIF_ERROR) {
        snprintf(err, n, "%s: cannot write: %s", path, GifErrorString(e->g->Error));
        gif_abort(e);
        return NULL;
    }
    return e;
}

typedef struct rect { int x, y, w, h; } rect;

/* The smallest rectangle holding every pixel of the pending frame that
 * differs from the canvas; 0 when none does. */
static int changed(const gif_enc *e, rect *r)
{
    const size_t row = (size_t)e->w * 4;
    int y0 = -1, y1 = -1;
    for (int y = 0; y < e->h; y++)
        if (memcmp(e->pending + y * row, e->shown + y * row, row) != 0) {
            if (y0 < 0) y0 = y;
            y1 = y;
        }
    if (y0 < 0) return 0;
    int x0 = e->w, x1 = -1;
    for (int y = y0; y <= y1; y++) {
        const uint32_t *a = (const uint32_t *)(const void *)(e->pending + y * row);
        const uint32_t *b = (const uint32_t *)(const void *)(e->shown + y * row);
        for (int x = 0; x < x0; x++) if (a[x] != b[x]) { x0 = x; break; }
        for (int x = e->w - 1; x > x1; x--) if (a[x] != b[x]) { x1 = x; break; }
    }
    *r = (rect){ x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
    return 1;
}

/* Write the pending frame, shown for delay_cs hundredths of a second. */
static int write_pending(gif_enc *e, int delay_cs, char *err, size_t n)
{
    rect r = { 0, 0, e->w, e->h };
    /* An unchanged frame is still a frame (its count and timing are the
     * recording's): its top-left pixel, redrawn. */
    if (e->have_shown && !changed(e, &r)) r = (rect){ 0, 0, 1, 1 };
    ColorMapObject *map = GifMakeMapObject(256, NULL);
    uint8_t *idx = e->idx;
    const uint8_t *first = e->pending + ((size_t)r.y * e->w + r.x) * 4;
    if (!map || rec_palette_map(e->pal, first, r.w, r.h, e->w * 4, idx, map->Colors) < 0) {
        GifFreeMapObject(map);
        snprintf(err, n, "%s: out of memory choosing the GIF's colours", e->out.path);
        return -1;
    }
    GraphicsControlBlock gcb = { .DisposalMode = DISPOSE_DO_NOT, .UserInputFlag = false,
                                 .DelayTime = delay_cs, .TransparentColor = NO_TRANSPARENT_COLOR };
    GifByteType ext[4];
    const size_t len = EGifGCBToExtension(&gcb, ext);
    int ok = EGifPutExtension(e->g, GRAPHICS_EXT_FUNC_CODE, (int)len, ext) != GIF_ERROR &&
             EGifPutImageDesc(e->g, r.x, r.y, r.w, r.h, false, map) != GIF_ERROR;
    for (int y = 0; ok && y < r.h; y++) ok = EGifPutLine(e->g, idx + (size_t)y * r.w, r.w) != GIF_ERROR;
    GifFreeMapObject(map);
    if (!ok) {
        snprintf(err, n, "%s: cannot write: %s", e->out.path, GifErrorString(e->g->Error));
        return -1;
    }
    uint8_t *t = e->shown;       /* the pending frame is now the canvas */
    e->shown = e->pending;
    e->pending = t;
    e->have_shown = 1;
    e->have_pending = 0;
    e->frames++;
    return 0;
}

/* Hundredths of a second from the pending frame to `until_ms`: at least 2,
 * since viewers show shorter delays as 1/10 s. */
static int delay_to(const gif_enc *e, long until_ms)
{
    const long d = (until_ms + 5) / 10 - (e->pending_ms + 5) / 10;
    return d < 2 ? 2 : d > 65535 ? 65535 : (int)d;
}

static int gif_frame(void *p, const uint8_t *rgba, int pitch, long t_ms, char *err, size_t n)
{
    gif_enc *e = p;
    if (e->have_pending && write_pending(e, delay_to(e, t_ms), err, n) != 0) return -1;
    for (int y = 0; y < e->h; y++) memcpy(e->pending + (size_t)y * e->w * 4, rgba + (size_t)y * pitch, (size_t)e->w * 4);
    e->pending_ms = t_ms;
    e->have_pending = 1;
    return 0;
}

static int gif_finish(void *p, long end_ms, char *err, size_t n)
{
    gif_enc *e = p;
    if (e->have_pending && write_pending(e, delay_to(e, end_ms), err, n) != 0) return gif_abort(e), -1;
    if (e->frames == 0) {
        snprintf(err, n, "%s: no frame was recorded", e->out.path);
        return gif_abort(e), -1;
    }
    int code = 0;
    const int closed = EGifCloseFile(e->g, &code);
    e->g = NULL;
    if (closed == GIF_ERROR) {
        snprintf(err, n, "%s: cannot write: %s", e->out.path, GifErrorString(code));
        return gif_abort(e), -1;
    }
    const int rc = nn_file_out_commit(&e->out) == NN_OK ? 0 : -1;
    if (rc) snprintf(err, n, "%s", nn_last_error());
    release(e);
    return rc;
}

static const char *gif_codec(void *p)
{
    (void)p;
    return "GIF (giflib)";
}

const rec_encoder_ops REC_GIF = { "GIF", ".gif", 80, gif_open, gif_frame, gif_finish, gif_abort, gif_codec };
