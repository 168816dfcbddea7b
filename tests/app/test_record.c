/* tests/app/test_record.c - recordings (record/record.h): the files they
 * write, read back with the library that wrote them (giflib's DGifSlurp,
 * libavformat's packets and libavcodec's frames), the frame queue's bound,
 * F9 and the File list from the window, and bad output paths.
 */
#include <gif_lib.h>
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app_fixture.h"
#include "record/rec_encoder.h"
#include "record/rec_queue.h"
#include "record/record.h"
#include "shell/file_menu.h"
#include "test.h"

static char dir[64];

static void path_in(char *out, size_t n, const char *name) { snprintf(out, n, "%s/%s", dir, name); }

static int exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

static void key(SDL_Keycode k)
{
    SDL_Event e = { .key = { .type = SDL_KEYDOWN, .state = SDL_PRESSED,
                             .keysym = { .scancode = SDL_GetScancodeFromKey(k), .sym = k } } };
    SDL_PushEvent(&e);
    e.key.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

/* The video packets of an MP4 and its codec; -1 when it does not open. */
static int mp4_packets(const char *path, enum AVCodecID *codec, int *w, int *h, int *decoded)
{
    AVFormatContext *fmt = NULL;
    if (avformat_open_input(&fmt, path, NULL, NULL) < 0) return -1;
    if (avformat_find_stream_info(fmt, NULL) < 0) { avformat_close_input(&fmt); return -1; }
    const int s = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
    if (s < 0) { avformat_close_input(&fmt); return -1; }
    const AVCodecParameters *par = fmt->streams[s]->codecpar;
    *codec = par->codec_id;
    *w = par->width;
    *h = par->height;
    const AVCodec *dec = avcodec_find_decoder(par->codec_id);
    AVCodecContext *cc = dec ? avcodec_alloc_context3(dec) : NULL;
    if (cc && (avcodec_parameters_to_context(cc, par) < 0 || avcodec_open2(cc, dec, NULL) < 0)) avcodec_free_context(&cc);
    AVPacket *pkt = av_packet_alloc();
    AVFrame *f = av_frame_alloc();
    int n = 0;
    *decoded = 0;
    while (pkt && av_read_frame(fmt, pkt) >= 0) {
        if (pkt->stream_index == s) {
            n++;
            if (cc && avcodec_send_packet(cc, pkt) >= 0)
                while (avcodec_receive_frame(cc, f) >= 0) (*decoded)++;
        }
        av_packet_unref(pkt);
    }
    if (cc && avcodec_send_packet(cc, NULL) >= 0)
        while (avcodec_receive_frame(cc, f) >= 0) (*decoded)++;
    av_frame_free(&f);
    av_packet_free(&pkt);
    avcodec_free_context(&cc);
    avformat_close_input(&fmt);
    return n;
}

/* The queue: a fixed pool; a live producer drops (and counts) when all buffers
 * wait; frames come out in order with their times. */
static int queue_bounded(void)
{
    rec_queue q;
    CHECK(rec_queue_init(&q, 2, 4, 3) == 0);
    const int a = rec_queue_acquire(&q, 0), b = rec_queue_acquire(&q, 0);
    CHECK(a >= 0 && b >= 0 && a != b);
    CHECK(rec_queue_acquire(&q, 0) == -1);
    CHECK(rec_queue_acquire(&q, 0) == -1);
    CHECK(rec_queue_dropped(&q) == 2);
    rec_queue_buffer(&q, a)[0] = 11;
    rec_queue_push(&q, a, 40);
    rec_queue_push(&q, b, 80);
    long t;
    const int first = rec_queue_pop(&q, &t);
    CHECK(first == a && t == 40 && rec_queue_buffer(&q, first)[0] == 11);
    rec_queue_release(&q, first);
    CHECK(rec_queue_acquire(&q, 0) == a);          /* the released buffer, reused */
    CHECK(rec_queue_pop(&q, &t) == b && t == 80);
    rec_queue_close(&q);
    CHECK(rec_queue_pop(&q, &t) == -1);
    CHECK(rec_queue_acquire(&q, 1) == -1);         /* closed: a waiting producer is let go */
    rec_queue_free(&q);
    return 0;
}

/* --record FILE --frames N: N frames drawn, N images in the GIF, 80 ms each,
 * the window's size; the last frame's flat colours exact. */
static int gif_every_frame(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 800, 600) == 0);
    app *a = f.a;
    a->s.playing = 1;
    char path[128], err[1200];
    path_in(path, sizeof path, "every.gif");
    CHECK_MSG(record_start(a, path, 0, 1, err, sizeof err) == 0, "%s", err);
    CHECK(record_active(a));
    for (int i = 0; i < 9; i++) {
        if (i == 7) a->s.playing = 0;                /* the last two frames alike */
        frame_run(a);
    }
    CHECK_MSG(record_stop(a, err, sizeof err) == 0, "%s", err);
    frame_render_only(a);                            /* the last frame again, without the indicator */
    CHECK_MSG(strstr(err, "Recording saved to") && strstr(err, "every.gif") && strstr(err, "(9 frames"), "%s", err);
    CHECK(!record_active(a));
    char tmp[160];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    CHECK(!exists(tmp));
    int code = 0;
    GifFileType *g = DGifOpenFileName(path, &code);
    CHECK_MSG(g, "%s", GifErrorString(code));
    CHECK(DGifSlurp(g) == GIF_OK);
    CHECK(g->SWidth == 800 && g->SHeight == 600);
    CHECK_MSG(g->ImageCount == 9, "%d images", g->ImageCount);
    CHECK(g->SavedImages[0].ImageDesc.Width == 800 && g->SavedImages[0].ImageDesc.Height == 600);
    for (int i = 0; i < g->ImageCount; i++) {
        GraphicsControlBlock gcb;
        CHECK(DGifSavedExtensionToGCB(g, i, &gcb) == GIF_OK);
        CHECK_MSG(gcb.DelayTime == 8, "image %d: delay %d cs", i, gcb.DelayTime);
    }
    /* The canvas after the last image against the window drawn again. */
    unsigned char *canvas = calloc(800 * 600, 3);
    CHECK(canvas);
    for (int i = 0; i < g->ImageCount; i++) {
        const SavedImage *im = &g->SavedImages[i];
        const ColorMapObject *map = im->ImageDesc.ColorMap ? im->ImageDesc.ColorMap : g->SColorMap;
        for (int y = 0; y < im->ImageDesc.Height; y++)
            for (int x = 0; x < im->ImageDesc.Width; x++) {
                const GifColorType c = map->Colors[im->RasterBits[y * im->ImageDesc.Width + x]];
                unsigned char *p = canvas + ((size_t)(im->ImageDesc.Top + y) * 800 + im->ImageDesc.Left + x) * 3;
                p[0] = c.Red; p[1] = c.Green; p[2] = c.Blue;
            }
    }
    long exact = 0, far = 0, bar = 0;
    const Uint8 *src = f.surf->pixels;
    for (int y = 0; y < 600; y++)
        for (int x = 0; x < 800; x++) {
            const Uint8 *s = src + y * f.surf->pitch + x * 4;
            const unsigned char *p = canvas + ((size_t)y * 800 + x) * 3;
            int d = 0;
            for (int k = 0; k < 3; k++) d = abs(s[k] - p[k]) > d ? abs(s[k] - p[k]) : d;
            exact += d == 0;
            bar += d == 0 && y < 52;
            far += d > 24;
        }
    free(canvas);
    DGifCloseFile(g, &code);
    /* The flat colours (panels, text, lines) exact: most of the window and
     * nearly all of the top bar; the rest (antialiased edges, the heatmaps'
     * gradients) median-cut, rarely far off. (giflib's median cut alone
     * turned white titles grey: 84% exact, 3% off by more than 24.) */
    CHECK_MSG(exact > 800L * 600 * 85 / 100, "%ld of 480000 pixels exact", exact);
    CHECK_MSG(bar > 800L * 52 * 92 / 100, "%ld of the top bar's %d pixels exact", bar, 800 * 52);
    CHECK_MSG(far < 800L * 600 * 25 / 1000, "%ld pixels off by more than 24", far);
    close_fixture(&f);
    return 0;
}

/* The same as MP4: N video packets, N decoded frames, H.264 when libx264 is there. */
static int mp4_every_frame(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 801, 600) == 0);   /* odd: rounded down to even */
    app *a = f.a;
    a->s.playing = 1;
    char path[128], err[1200];
    path_in(path, sizeof path, "every.mp4");
    CHECK_MSG(record_start(a, path, 0, 1, err, sizeof err) == 0, "%s", err);
    for (int i = 0; i < 12; i++) frame_run(a);
    CHECK_MSG(record_stop(a, err, sizeof err) == 0, "%s", err);
    CHECK_MSG(strstr(err, "(12 frames, 0.5 s)"), "%s", err);
    enum AVCodecID codec;
    int w, h, decoded;
    const int n = mp4_packets(path, &codec, &w, &h, &decoded);
    CHECK_MSG(n == 12, "%d video packets", n);
    CHECK_MSG(decoded == 12, "%d frames decoded", decoded);
    CHECK(w == 800 && h == 600);
    CHECK(codec == (avcodec_find_encoder_by_name("libx264") ? AV_CODEC_ID_H264 : AV_CODEC_ID_MPEG4));
    close_fixture(&f);
    return 0;
}

/* Only the view: the file is the view's size, not the window's. */
static int view_only(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 900, 640) == 0);
    app *a = f.a;
    frame_run(a);
    const SDL_Rect v = a->view_area;
    CHECK(v.w > 100 && v.h > 100 && (v.w < 900 || v.h < 640));
    char path[128], err[1200];
    path_in(path, sizeof path, "view.gif");
    CHECK_MSG(record_start(a, path, 1, 1, err, sizeof err) == 0, "%s", err);
    for (int i = 0; i < 3; i++) frame_run(a);
    CHECK_MSG(record_stop(a, err, sizeof err) == 0, "%s", err);
    int code = 0;
    GifFileType *g = DGifOpenFileName(path, &code);
    CHECK(g && DGifSlurp(g) == GIF_OK);
    CHECK_MSG(g->SWidth == v.w && g->SHeight == v.h && g->ImageCount == 3, "%dx%d, %d images", g->SWidth, g->SHeight,
              g->ImageCount);
    DGifCloseFile(g, &code);
    close_fixture(&f);
    return 0;
}

/* F9 starts a live recording named by the time in the current folder and F9
 * stops it, with the path in the toast; the File list's items say Stop while
 * one runs and stop it. */
static int f9_and_file_list(void)
{
    char cwd[1024];
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    CHECK(chdir(dir) == 0);
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 800, 600) == 0);
    app *a = f.a;
    frame_run(a);
    key(SDLK_F9);
    frame_run(a);
    CHECK(record_active(a));
    for (int i = 0; i < 4; i++) { frame_run(a); SDL_Delay(45); }
    long frames, dropped;
    record_counts(a, &frames, &dropped);
    CHECK_MSG(frames >= 1 && frames <= 4, "%ld frames", frames);
    key(SDLK_F9);
    frame_run(a);
    CHECK(!record_active(a));
    CHECK_MSG(strstr(a->toast, "Recording saved to") && strstr(a->toast, "/nnlab-") && strstr(a->toast, ".gif"), "%s",
              a->toast);
    const char *name = strstr(a->toast, "/nnlab-") + 1;
    char file[64];
    snprintf(file, sizeof file, "%.25s", name);      /* nnlab-YYYYmmdd-HHMMSS.gif */
    CHECK_MSG(exists(file), "%s", file);
    int code = 0;
    GifFileType *g = DGifOpenFileName(file, &code);
    CHECK(g && DGifSlurp(g) == GIF_OK && g->ImageCount == frames);
    DGifCloseFile(g, &code);
    /* the File list: Record MP4 asks for a name (.mp4 by the time); Record starts, the item stops */
    file_menu_ask(a, FILE_RECORD_MP4);
    CHECK(a->file_ask == FILE_RECORD_MP4 && strstr(a->file_path[FILE_RECORD_MP4], ".mp4"));
    CHECK(strcmp(record_format(a), "mp4") == 0);      /* F9's format from now on */
    CHECK(file_menu_do(a, FILE_RECORD_MP4, a->file_path[FILE_RECORD_MP4]) == 0 && record_active(a));
    a->file_ask = FILE_NONE;
    for (int i = 0; i < 3; i++) { frame_run(a); SDL_Delay(45); }
    char again[1200];
    CHECK(record_start(a, "other.gif", 0, 0, again, sizeof again) == -1 && strstr(again, "Already recording"));
    file_menu_ask(a, FILE_RECORD_GIF);                /* reads "Stop recording (F9)" now */
    CHECK(!record_active(a) && a->file_ask == FILE_NONE);
    CHECK_MSG(strstr(a->toast, "Recording saved to") && strstr(a->toast, ".mp4"), "%s", a->toast);
    close_fixture(&f);
    CHECK(chdir(cwd) == 0);
    return 0;
}

/* A path that cannot be written: one message naming it, nothing running,
 * nothing left behind; from the window, a toast. */
static int bad_paths(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 800, 600) == 0);
    app *a = f.a;
    frame_run(a);
    char err[1200];
    CHECK(record_start(a, "/nonexistent-nnlab-dir/x.gif", 0, 0, err, sizeof err) == -1);
    CHECK_MSG(strstr(err, "/nonexistent-nnlab-dir/x.gif") && !strchr(err, '\n'), "%s", err);
    CHECK(!record_active(a));
    CHECK(record_start(a, "/nonexistent-nnlab-dir/x.mp4", 0, 1, err, sizeof err) == -1);
    CHECK_MSG(strstr(err, "/nonexistent-nnlab-dir/x.mp4"), "%s", err);
    CHECK(record_start(a, "/dev/null", 0, 0, err, sizeof err) == -1 && strstr(err, ".gif or .mp4"));
    char d[128];
    path_in(d, sizeof d, "a-folder.gif");
    CHECK(mkdir(d, 0700) == 0);
    CHECK(record_start(a, d, 0, 0, err, sizeof err) == -1 && strstr(err, "a-folder.gif"));
    CHECK(file_menu_do(a, FILE_RECORD_GIF, "/nonexistent-nnlab-dir/y.gif") == -1);
    CHECK_MSG(strstr(a->toast, "/nonexistent-nnlab-dir/y.gif"), "%s", a->toast);
    CHECK(!record_active(a));
    for (int i = 0; i < 2; i++) frame_run(a);        /* and the window goes on */
    char msg[64];
    CHECK(record_stop(a, msg, sizeof msg) == 0 && msg[0] == '\0');
    close_fixture(&f);
    return 0;
}

static const test_case CASES[] = {
    { "queue_bounded", queue_bounded },
    { "gif_every_frame", gif_every_frame },
    { "mp4_every_frame", mp4_every_frame },
    { "view_only", view_only },
    { "f9_and_file_list", f9_and_file_list },
    { "bad_paths", bad_paths },
};

int main(int argc, char **argv)
{
    snprintf(dir, sizeof dir, "/tmp/nnlab_record.XXXXXX");
    if (!mkdtemp(dir)) return 1;
    char cfg[128];
    snprintf(cfg, sizeof cfg, "%s", dir);
    setenv("XDG_CONFIG_HOME", cfg, 1);
    const int rc = test_run(CASES, (int)(sizeof CASES / sizeof CASES[0]), argc > 1 ? argv[1] : NULL) != 0;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) return 1;
    return rc;
}
