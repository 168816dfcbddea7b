/* app/record/record.c - capture, the encoder thread, start and stop (see record.h). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "draw/prim.h"
#include "record/rec_encoder.h"
#include "record/rec_queue.h"
#include "record/record.h"
#include "ui/ui.h"

#define REC_BUFFERS 3            /* frames waiting for the encoder at most */

struct recorder {
    const rec_encoder_ops *ops;
    void      *enc;
    rec_queue  q;
    pthread_t  thread;
    char       path[1024], shown[1100], name[256];
    int        view_only, every_frame;
    int        w, h;             /* the recorded size, fixed at the start */
    double     t0, next_due;     /* seconds (monotonic) */
    long       captured;         /* frames handed to the encoder */
    long       last_ms;
    int        fresh;            /* live: started this frame (a File bar or help may still show) */
    /* set by the encoder thread, read under q.lock */
    int        failed;
    char       err[512];
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

const rec_encoder_ops *rec_encoder_for(const char *path)
{
    const size_t n = strlen(path);
    if (n > 4 && strcasecmp(path + n - 4, ".gif") == 0) return &REC_GIF;
    if (n > 4 && strcasecmp(path + n - 4, ".mp4") == 0) return &REC_MP4;
    return NULL;
}

static void *encoder_main(void *p)
{
    struct recorder *R = p;
    long t_ms;
    int i;
    char err[512];
    while ((i = rec_queue_pop(&R->q, &t_ms)) >= 0) {
        pthread_mutex_lock(&R->q.lock);
        const int failed = R->failed;
        pthread_mutex_unlock(&R->q.lock);
        if (!failed && R->ops->frame(R->enc, rec_queue_buffer(&R->q, i), R->w * 4, t_ms, err, sizeof err) != 0) {
            pthread_mutex_lock(&R->q.lock);
            R->failed = 1;
            snprintf(R->err, sizeof R->err, "%s", err);
            pthread_mutex_unlock(&R->q.lock);
        }
        rec_queue_release(&R->q, i);
    }
    return NULL;
}

/* The file's name, and its path as a full one. */
static void names(struct recorder *R, const char *path)
{
    const char *slash = strrchr(path, '/');
    char cwd[900];
    snprintf(R->name, sizeof R->name, "%s", slash ? slash + 1 : path);
    if (path[0] == '/' || !getcwd(cwd, sizeof cwd)) snprintf(R->shown, sizeof R->shown, "%s", path);
    else snprintf(R->shown, sizeof R->shown, "%s/%s", cwd, path);
}

int record_start(app *a, const char *path, int view_only, int every_frame, char *err, size_t n)
{
    if (a->rec) return snprintf(err, n, "Already recording to %s: stop it first (F9)", a->rec->name), -1;
    const rec_encoder_ops *ops = rec_encoder_for(path);
    if (!ops) return snprintf(err, n, "record: '%s': the file name must end in .gif or .mp4", path), -1;
    int w, h;
    if (SDL_GetRendererOutputSize(a->r, &w, &h) != 0) return snprintf(err, n, "record: %s", SDL_GetError()), -1;
    if (view_only) {
        if (a->view_area.w < 16 || a->view_area.h < 16)
            return snprintf(err, n, "record: the view has no room to record (the lesson browser covers it?)"), -1;
        w = a->view_area.w;
        h = a->view_area.h;
    }
    if (ops == &REC_MP4) { w &= ~1; h &= ~1; }    /* what the encoder takes */
    struct recorder *R = calloc(1, sizeof *R);
    if (!R) return snprintf(err, n, "record: out of memory"), -1;
    R->ops = ops;
    R->view_only = view_only;
    R->every_frame = every_frame;
    R->w = w;
    R->h = h;
    snprintf(R->path, sizeof R->path, "%s", path);
    names(R, path);
    char why[512];
    if (rec_queue_init(&R->q, REC_BUFFERS, w, h) != 0) {
        snprintf(err, n, "record: out of memory for %dx%d frames", w, h);
        free(R);
        return -1;
    }
    if (!(R->enc = ops->open(path, w, h, why, sizeof why))) {
        snprintf(err, n, "Cannot record: %s", why);
        rec_queue_free(&R->q);
        free(R);
        return -1;
    }
    if (pthread_create(&R->thread, NULL, encoder_main, R) != 0) {
        snprintf(err, n, "record: cannot start the encoder thread");
        ops->abort(R->enc);
        rec_queue_free(&R->q);
        free(R);
        return -1;
    }
    R->t0 = R->next_due = now_s();
    R->fresh = !every_frame;
    a->rec = R;
    return 0;
}

int record_active(const app *a) { return a->rec != NULL; }

void record_counts(const app *a, long *frames, long *dropped)
{
    *frames = a->rec ? a->rec->captured : 0;
    *dropped = a->rec ? rec_queue_dropped(&a->rec->q) : 0;
}

/* Where to read: the recorded size at the view's place (or the window's
 * corner), kept inside the output; *fill when part of the buffer gets no pixels. */
static SDL_Rect source(app *a, const struct recorder *R, int *fill)
{
    int ow = 0, oh = 0;
    SDL_GetRendererOutputSize(a->r, &ow, &oh);
    SDL_Rect s = { 0, 0, R->w, R->h };
    if (R->view_only) { s.x = a->view_area.x; s.y = a->view_area.y; }
    if (s.x + s.w > ow) s.x = ow - s.w;
    if (s.y + s.h > oh) s.y = oh - s.h;
    if (s.x < 0) s.x = 0;
    if (s.y < 0) s.y = 0;
    if (s.w > ow) s.w = ow;
    if (s.h > oh) s.h = oh;
    *fill = s.w < R->w || s.h < R->h;
    return s;
}

void record_capture(app *a)
{
    struct recorder *R = a->rec;
    if (!R) return;
    pthread_mutex_lock(&R->q.lock);
    const int failed = R->failed;
    pthread_mutex_unlock(&R->q.lock);
    if (failed) {                /* the disk filled up ...: stop, say why */
        char msg[700];
        record_stop(a, msg, sizeof msg);
        app_toast(a, "%s", msg);
        return;
    }
    if (R->fresh) {              /* live recordings begin with the next frame */
        R->fresh = 0;
        R->t0 = R->next_due = now_s();
        return;
    }
    const double now = now_s();
    long t_ms;
    if (R->every_frame) {
        t_ms = R->captured * R->ops->interval_ms;
    } else {
        if (now < R->next_due) return;
        R->next_due += R->ops->interval_ms / 1000.0;
        if (R->next_due < now) R->next_due = now + R->ops->interval_ms / 1000.0;   /* a slow frame: no catching up */
        t_ms = (long)((now - R->t0) * 1000.0 + 0.5);
        if (R->captured > 0 && t_ms <= R->last_ms) t_ms = R->last_ms + 1;
    }
    const int i = rec_queue_acquire(&R->q, R->every_frame);
    if (i < 0) return;           /* counted as dropped */
    uint8_t *buf = rec_queue_buffer(&R->q, i);
    int fill;
    const SDL_Rect src = source(a, R, &fill);
    if (fill) memset(buf, 0, (size_t)R->w * R->h * 4);
    if (src.w > 0 && src.h > 0 &&
        SDL_RenderReadPixels(a->r, &src, SDL_PIXELFORMAT_RGBA32, buf, R->w * 4) != 0) {
        rec_queue_release(&R->q, i);
        return;
    }
    rec_queue_push(&R->q, i, t_ms);
    R->captured++;
    R->last_ms = t_ms;
}

int record_stop(app *a, char *msg, size_t n)
{
    struct recorder *R = a->rec;
    if (msg && n) msg[0] = '\0';
    if (!R) return 0;
    a->rec = NULL;
    rec_queue_close(&R->q);
    pthread_join(R->thread, NULL);
    const long dropped = rec_queue_dropped(&R->q);
    const long end_ms = R->last_ms + R->ops->interval_ms;
    char why[512];
    int rc;
    if (R->failed) {
        R->ops->abort(R->enc);
        snprintf(msg, n, "Recording stopped, nothing saved: %s", R->err);
        rc = -1;
    } else if (R->ops->finish(R->enc, end_ms, why, sizeof why) != 0) {
        snprintf(msg, n, "Recording not saved: %s", why);
        rc = -1;
    } else {
        char dropped_text[64] = "";
        if (dropped) snprintf(dropped_text, sizeof dropped_text, ", %ld dropped", dropped);
        snprintf(msg, n, "Recording saved to %s (%ld frames, %.1f s%s)", R->shown, R->captured, end_ms / 1000.0,
                 dropped_text);
        rc = 0;
    }
    rec_queue_free(&R->q);
    free(R);
    return rc;
}

void record_draw(app *a, int w, int h)
{
    const struct recorder *R = a->rec;
    if (!R) return;
    const ui_theme *t = ui_get_theme(a->ui);
    const SDL_Color red = { 220, 40, 40, 255 };
    const int s = (int)(a->scale * 8 + 0.5f);
    if (R->view_only) {          /* what is recorded: the fixed rectangle at the view's place */
        int fill;
        SDL_Rect src = source(a, R, &fill);
        gfx_rect_outline(a->r, src, s / 4 > 1 ? s / 4 : 1, red);
    }
    const long sec = (long)(now_s() - R->t0);
    char text[400];
    snprintf(text, sizeof text, "REC %ld:%02ld  %s", sec / 60, sec % 60, R->name);
    const int tw = gfx_text_width(a->fonts, GFX_FONT_BOLD, text), th = gfx_text_height(a->fonts, GFX_FONT_BOLD);
    const SDL_Rect box = { s, h - th - 3 * s, tw + 5 * s, th + 2 * s };
    (void)w;
    gfx_fill_rect(a->r, box, t->tooltip_bg);
    gfx_rect_outline(a->r, box, s / 4 > 1 ? s / 4 : 1, red);
    gfx_disc(a->r, (float)(box.x + 2 * s), (float)(box.y + box.h / 2), (float)s * 0.8f, red);
    gfx_text(a->fonts, GFX_FONT_BOLD, box.x + 3 * s + s / 2, box.y + s, t->tooltip_text, GFX_ALIGN_LEFT, text);
}

void record_default_name(char *buf, size_t n, const char *ext)
{
    const time_t now = time(NULL);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&now));
    snprintf(buf, n, "nnlab-%s.%s", stamp, ext);
}

const char *record_format(const app *a)
{
    return strcmp(prefs_get(&a->prefs, "record-format", "gif"), "mp4") == 0 ? "mp4" : "gif";
}

int record_view_only(const app *a) { return strcmp(prefs_get(&a->prefs, "record-area", "window"), "view") == 0; }

void record_set_view_only(app *a, int view_only) { prefs_set(&a->prefs, "record-area", view_only ? "view" : "window"); }

void record_toggle(app *a)
{
    char msg[1200];
    if (a->rec) {
        record_stop(a, msg, sizeof msg);
        app_toast(a, "%s", msg);
        return;
    }
    char name[64];
    record_default_name(name, sizeof name, record_format(a));
    if (record_start(a, name, record_view_only(a), 0, msg, sizeof msg) != 0) app_toast(a, "%s", msg);
}
