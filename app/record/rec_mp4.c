/* app/record/rec_mp4.c - recordings as MP4, with libavcodec and libavformat
 * (see rec_encoder.h).
 *
 * H.264 through libx264 (Debian 12's libavcodec59 is built with it), in
 * yuv420p, High profile: what PowerPoint, Impress, browsers and phones play.
 * Preset "veryfast" and CRF 20 keep the UI's text sharp at a few hundred
 * kB a minute, on one encoder thread (the other core trains). Should the
 * libavcodec found lack libx264, MPEG-4 part 2 ("mpeg4") at a fixed quality
 * in the same .mp4 container. The colours are converted with BT.709
 * coefficients (swscale) and tagged so. Time base 1/25 s: a frame's time is
 * rounded to its 1/25 s slot (always after the previous frame's). The moov
 * index goes to the front (movflags +faststart), so the file starts playing
 * before it is fully read. Built as the module libnnlab_mp4.so (rec_mp4_module.h).
 */
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/rec_mp4_module.h"

#define MP4_FPS REC_MP4_FPS

typedef struct mp4_enc {
    char             file[4200];  /* written by libavformat by name (the app's PATH.tmp) */
    char             shown[4200]; /* the name in messages */
    AVFormatContext *fmt;
    AVCodecContext  *cc;
    AVStream        *st;
    struct SwsContext *sws;
    AVFrame         *frame;
    AVPacket        *pkt;
    int              w, h;       /* even */
    long             last_pts;
    long             frames;
    char             codec[48];
} mp4_enc;

static void av_message(int code, char *buf, size_t n)
{
    if (av_strerror(code, buf, n) < 0) snprintf(buf, n, "error %d", code);
}

static void release(mp4_enc *e)
{
    if (e->fmt && e->fmt->pb) avio_closep(&e->fmt->pb);
    avformat_free_context(e->fmt);
    avcodec_free_context(&e->cc);
    sws_freeContext(e->sws);
    av_frame_free(&e->frame);
    av_packet_free(&e->pkt);
    free(e);
}

static void mp4_abort(void *p)
{
    mp4_enc *e = p;
    if (!e) return;
    release(e);
}

/* Send a frame (NULL: the end) and write every packet the encoder has ready. */
static int encode(mp4_enc *e, AVFrame *f, char *err, size_t n)
{
    char why[128];
    int rc = avcodec_send_frame(e->cc, f);
    if (rc < 0) {
        av_message(rc, why, sizeof why);
        snprintf(err, n, "%s: the %s encoder refused a frame: %s", e->shown, e->codec, why);
        return -1;
    }
    for (;;) {
        rc = avcodec_receive_packet(e->cc, e->pkt);
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return 0;
        if (rc < 0) {
            av_message(rc, why, sizeof why);
            snprintf(err, n, "%s: the %s encoder failed: %s", e->shown, e->codec, why);
            return -1;
        }
        /* each frame lasts one 1/25 s slot: the muxer's edit list ends at the
         * last packet's pts + duration (without one, players drop the last frame) */
        if (e->pkt->duration <= 0) e->pkt->duration = 1;
        av_packet_rescale_ts(e->pkt, e->cc->time_base, e->st->time_base);
        e->pkt->stream_index = e->st->index;
        rc = av_interleaved_write_frame(e->fmt, e->pkt);
        av_packet_unref(e->pkt);
        if (rc < 0) {
            av_message(rc, why, sizeof why);
            snprintf(err, n, "%s: cannot write: %s", e->shown, why);
            return -1;
        }
    }
}

static int setup_codec(mp4_enc *e, char *err, size_t n)
{
    const AVCodec *codec = avcodec_find_encoder_by_name("libx264");
    const int x264 = codec != NULL;
    if (!codec) codec = avcodec_find_encoder(AV_CODEC_ID_MPEG4);
    if (!codec) {
        snprintf(err, n, "%s: this libavcodec has neither an H.264 (libx264) nor an MPEG-4 encoder", e->shown);
        return -1;
    }
    snprintf(e->codec, sizeof e->codec, "%s", x264 ? "H.264 (libx264)" : "MPEG-4 part 2");
    AVCodecContext *c = e->cc = avcodec_alloc_context3(codec);
    if (!c) return snprintf(err, n, "%s: out of memory", e->shown), -1;
    c->width = e->w;
    c->height = e->h;
    c->time_base = (AVRational){ 1, MP4_FPS };
    c->framerate = (AVRational){ MP4_FPS, 1 };
    c->pix_fmt = AV_PIX_FMT_YUV420P;
    c->gop_size = MP4_FPS * 4;                    /* a key frame every 4 s: slides can seek */
    c->thread_count = 1;                          /* one core stays with training */
    c->colorspace = AVCOL_SPC_BT709;
    c->color_primaries = AVCOL_PRI_BT709;
    c->color_trc = AVCOL_TRC_BT709;
    c->color_range = AVCOL_RANGE_MPEG;
    if (x264) {
        av_opt_set(c->priv_data, "preset", "veryfast", 0);
        av_opt_set(c->priv_data, "crf", "20", 0);
        av_opt_set(c->priv_data, "profile", "high", 0);
    } else {
        c->flags |= AV_CODEC_FLAG_QSCALE;
        c->global_quality = FF_QP2LAMBDA * 3;
        c->max_b_frames = 0;
    }
    if (e->fmt->oformat->flags & AVFMT_GLOBALHEADER) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    char why[128];
    const int rc = avcodec_open2(c, codec, NULL);
    if (rc < 0) {
        av_message(rc, why, sizeof why);
        snprintf(err, n, "%s: cannot start the %s encoder at %dx%d: %s", e->shown, e->codec, e->w, e->h, why);
        return -1;
    }
    return 0;
}

static void *mp4_begin(const char *file, const char *path, int w, int h, char *err, size_t n)
{
    w &= ~1;
    h &= ~1;
    if (w < 16 || h < 16 || w > 8192 || h > 8192) {
        snprintf(err, n, "%s: an MP4 recording is 16 to 8192 pixels a side, not %dx%d", path, w, h);
        return NULL;
    }
    av_log_set_level(AV_LOG_ERROR);              /* the encoder's statistics are not for the terminal */
    mp4_enc *e = calloc(1, sizeof *e);
    if (!e) return snprintf(err, n, "%s: out of memory", path), NULL;
    e->w = w;
    e->h = h;
    e->last_pts = -1;
    snprintf(e->file, sizeof e->file, "%s", file);
    snprintf(e->shown, sizeof e->shown, "%s", path);
    char why[128];
    int rc = avformat_alloc_output_context2(&e->fmt, NULL, "mp4", e->file);
    if (rc < 0 || !e->fmt) {
        av_message(rc, why, sizeof why);
        snprintf(err, n, "%s: cannot start an MP4 file: %s", path, why);
        mp4_abort(e);
        return NULL;
    }
    if (setup_codec(e, err, n) != 0) return mp4_abort(e), NULL;
    e->st = avformat_new_stream(e->fmt, NULL);
    e->frame = av_frame_alloc();
    e->pkt = av_packet_alloc();
    e->sws = sws_getContext(w, h, AV_PIX_FMT_RGBA, w, h, AV_PIX_FMT_YUV420P, SWS_POINT, NULL, NULL, NULL);
    if (!e->st || !e->frame || !e->pkt || !e->sws) {
        snprintf(err, n, "%s: out of memory", path);
        return mp4_abort(e), NULL;
    }
    const int *bt709 = sws_getCoefficients(SWS_CS_ITU709);
    sws_setColorspaceDetails(e->sws, bt709, 1, bt709, 0, 0, 1 << 16, 1 << 16);
    e->frame->format = AV_PIX_FMT_YUV420P;
    e->frame->width = w;
    e->frame->height = h;
    if (av_frame_get_buffer(e->frame, 0) < 0 || avcodec_parameters_from_context(e->st->codecpar, e->cc) < 0) {
        snprintf(err, n, "%s: out of memory", path);
        return mp4_abort(e), NULL;
    }
    e->st->time_base = e->cc->time_base;
    rc = avio_open(&e->fmt->pb, e->file, AVIO_FLAG_WRITE);
    AVDictionary *opt = NULL;
    av_dict_set(&opt, "movflags", "+faststart", 0);
    if (rc >= 0) rc = avformat_write_header(e->fmt, &opt);
    av_dict_free(&opt);
    if (rc < 0) {
        av_message(rc, why, sizeof why);
        snprintf(err, n, "%s: cannot write: %s", path, why);
        return mp4_abort(e), NULL;
    }
    return e;
}

static int mp4_frame(void *p, const uint8_t *rgba, int pitch, long t_ms, char *err, size_t n)
{
    mp4_enc *e = p;
    if (av_frame_make_writable(e->frame) < 0) return snprintf(err, n, "%s: out of memory", e->shown), -1;
    const uint8_t *src[1] = { rgba };
    const int stride[1] = { pitch };
    sws_scale(e->sws, src, stride, 0, e->h, e->frame->data, e->frame->linesize);
    long pts = (t_ms * MP4_FPS + 500) / 1000;
    if (pts <= e->last_pts) pts = e->last_pts + 1;
    e->frame->pts = e->last_pts = pts;
    if (encode(e, e->frame, err, n) != 0) return -1;
    e->frames++;
    return 0;
}

static int mp4_end(void *p, char *err, size_t n)
{
    mp4_enc *e = p;
    if (e->frames == 0) {
        snprintf(err, n, "%s: no frame was recorded", e->shown);
        return mp4_abort(e), -1;
    }
    if (encode(e, NULL, err, n) != 0) return mp4_abort(e), -1;
    char why[128];
    int rc = av_write_trailer(e->fmt);
    if (rc >= 0) rc = avio_closep(&e->fmt->pb);
    if (rc < 0) {
        av_message(rc, why, sizeof why);
        snprintf(err, n, "%s: cannot write: %s", e->shown, why);
        return mp4_abort(e), -1;
    }
    release(e);
    return 0;
}

static const char *mp4_codec(void *p) { return ((const mp4_enc *)p)->codec; }

const rec_mp4_api *nnlab_mp4_api(void)
{
    static const rec_mp4_api api = { REC_MP4_API_VERSION, mp4_begin, mp4_frame, mp4_end, mp4_abort, mp4_codec };
    return &api;
}
