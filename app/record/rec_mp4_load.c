/* app/record/rec_mp4_load.c - REC_MP4 (rec_encoder.h): the file handling here,
 * the encoding in the module libnnlab_mp4.so, loaded on first use (see
 * rec_mp4_module.h for why it is a module). Looked for beside the program,
 * in ../lib/nnlab/ from it (installed), then where the build put it.
 */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nn/file.h"
#include "nn/status.h"
#include "record/rec_encoder.h"
#include "record/rec_mp4_module.h"

#ifndef NNLAB_MP4_MODULE
#define NNLAB_MP4_MODULE ""
#endif

typedef struct mp4_file {
    nn_file_out out;             /* PATH.tmp: the module writes it by name; renamed when finished */
    void       *e;
} mp4_file;

static const rec_mp4_api *api;

/* The module's interface, loading it the first time; NULL with err filled. */
static const rec_mp4_api *load(char *err, size_t n)
{
    if (api) return api;
    char exe[PATH_MAX] = "", tries[3][PATH_MAX + 64];
    const ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[len > 0 ? len : 0] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) *slash = '\0';
    snprintf(tries[0], sizeof tries[0], "%s/libnnlab_mp4.so", exe);
    snprintf(tries[1], sizeof tries[1], "%s/../lib/nnlab/libnnlab_mp4.so", exe);
    snprintf(tries[2], sizeof tries[2], "%s", NNLAB_MP4_MODULE);
    char why[PATH_MAX + 128] = "not found";
    for (int i = 0; i < 3; i++) {
        if (!tries[i][0] || access(tries[i], R_OK) != 0) continue;
        void *h = dlopen(tries[i], RTLD_NOW | RTLD_LOCAL);   /* kept open for the program's life */
        if (!h) { snprintf(why, sizeof why, "%s", dlerror()); continue; }
        const rec_mp4_api *(*get)(void) = NULL;
        *(void **)&get = dlsym(h, "nnlab_mp4_api");
        const rec_mp4_api *a = get ? get() : NULL;
        if (a && a->version == REC_MP4_API_VERSION) return api = a;
        snprintf(why, sizeof why, "%.4000s is not this nnlab's MP4 module", tries[i]);
    }
    snprintf(err, n, "MP4 recording needs libnnlab_mp4.so (%s; looked beside the program, in ../lib/nnlab "
                     "and in the build): record a GIF instead", why);
    return NULL;
}

static void *mp4_open(const char *path, int w, int h, char *err, size_t n)
{
    const rec_mp4_api *a = load(err, n);
    if (!a) return NULL;
    mp4_file *m = calloc(1, sizeof *m);
    if (!m) return snprintf(err, n, "%s: out of memory", path), NULL;
    if (nn_file_out_open(&m->out, path) != NN_OK) {
        snprintf(err, n, "%s", nn_last_error());
        free(m);
        return NULL;
    }
    if (!(m->e = a->begin(m->out.tmp, path, w, h, err, n))) {
        nn_file_out_abort(&m->out);
        free(m);
        return NULL;
    }
    return m;
}

static int mp4_frame(void *p, const uint8_t *rgba, int pitch, long t_ms, char *err, size_t n)
{
    return api->frame(((mp4_file *)p)->e, rgba, pitch, t_ms, err, n);
}

static void mp4_abort(void *p)
{
    mp4_file *m = p;
    if (!m) return;
    if (m->e) api->abort(m->e);
    nn_file_out_abort(&m->out);
    free(m);
}

static int mp4_finish(void *p, long end_ms, char *err, size_t n)
{
    (void)end_ms;                /* the last frame lasts one frame: MP4 has no "until" */
    mp4_file *m = p;
    const int rc = api->end(m->e, err, n);
    m->e = NULL;
    if (rc != 0) return mp4_abort(m), -1;
    if (nn_file_out_commit(&m->out) != NN_OK) {
        snprintf(err, n, "%s", nn_last_error());
        free(m);
        return -1;
    }
    free(m);
    return 0;
}

static const char *mp4_codec(void *p) { return api->codec(((mp4_file *)p)->e); }

const rec_encoder_ops REC_MP4 = { "MP4", ".mp4", 1000 / REC_MP4_FPS, mp4_open, mp4_frame, mp4_finish, mp4_abort,
                                  mp4_codec };
