/* assets.c - locate assets/ next to the executable or in the source tree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nn/assets.h"
#include "nn/status.h"

/* Present as a regular file (a FIFO or a directory is not an asset; its
 * reader would block or fail). */
static int exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static int try_dir(const char *dir, const char *rel, char *out, size_t len)
{
    if (!dir || !*dir) return 0;
    const int n = snprintf(out, len, "%s/%s", dir, rel);
    return n > 0 && (size_t)n < len && exists(out);
}

int nn_asset_path(const char *rel, char *out, size_t len)
{
    if (try_dir(getenv("NNLAB_ASSETS"), rel, out, len)) return NN_OK;
    char exe[4096];
    const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) *slash = '\0';
        static const char *const UP[] = { "/../assets", "/../../assets", "/../share/nnlab/assets" };
        for (size_t i = 0; i < sizeof UP / sizeof UP[0]; i++) {
            char dir[4200];
            snprintf(dir, sizeof dir, "%s%s", exe, UP[i]);
            if (try_dir(dir, rel, out, len)) return NN_OK;
        }
    }
#ifdef NNLAB_SOURCE_DIR
    if (try_dir(NNLAB_SOURCE_DIR "/assets", rel, out, len)) return NN_OK;
#endif
    return nn_set_error(NN_ERR_IO, "asset '%s' not found (looked in $NNLAB_ASSETS, beside the "
                        "program and in the source tree); set NNLAB_ASSETS=/path/to/nnlab/assets", rel);
}
