/* app/record/rec_mp4_module.h - the MP4 writer's interface across dlopen.
 *
 * The libavcodec / libavformat code (rec_mp4.c) is built as its own module,
 * libnnlab_mp4.so, which nnlab loads the first time an MP4 recording starts
 * (rec_mp4_load.c). Linked into the program, Debian's libavcodec would load
 * libhwy (through libjxl) at start-up, whose initialiser executes RDTSCP,
 * an instruction valgrind 3.19 cannot run: nnlab would no longer start
 * under valgrind at all. As a module only an MP4 recording needs it.
 * The module uses no nnlab library: the app opens PATH.tmp and renames it
 * (nn/file.h); the module writes the file by name.
 */
#ifndef NNLAB_REC_MP4_MODULE_H
#define NNLAB_REC_MP4_MODULE_H

#include <stddef.h>
#include <stdint.h>

#define REC_MP4_API_VERSION 1
#define REC_MP4_FPS 25

typedef struct rec_mp4_api {
    int version;                 /* REC_MP4_API_VERSION */
    /* Start writing a w x h (even) MP4 into `file`; messages name `shown`. NULL with err filled. */
    void       *(*begin)(const char *file, const char *shown, int w, int h, char *err, size_t n);
    int         (*frame)(void *e, const uint8_t *rgba, int pitch, long t_ms, char *err, size_t n);
    /* The last packets and the index; closes the file and frees e (also on failure). */
    int         (*end)(void *e, char *err, size_t n);
    /* Close and free without finishing. */
    void        (*abort)(void *e);
    const char *(*codec)(void *e);
} rec_mp4_api;

/* The module's one exported symbol. */
const rec_mp4_api *nnlab_mp4_api(void);

#endif
