/* assets.c - find nnlab's shipped data: assets/ and lessons/ beside the
 * executable, in an installed share/nnlab, or (build tree only) the source tree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nn/assets.h"
#include "nn/status.h"

/* bin/ -> share/nnlab/ of an installation (GNUInstallDirs; set by CMake). */
#ifndef NNLAB_DATA_REL
#define NNLAB_DATA_REL "../share/nnlab"
#endif

/* Present as a regular file (a FIFO or a directory is not an asset; its
 * reader would block or fail). */
static int exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int try_dir(const char *dir, const char *rel, char *out, size_t len)
{
    if (!dir || !*dir) return 0;
    const int n = snprintf(out, len, "%s/%s", dir, rel);
    return n > 0 && (size_t)n < len && exists(out);
}

/* The running program's folder ("" when /proc/self/exe cannot be read). */
static void exe_dir(char *out, size_t len)
{
    out[0] = '\0';
    if (len < 2) return;
    const ssize_t n = readlink("/proc/self/exe", out, len - 1);
    if (n <= 0) { out[0] = '\0'; return; }
    out[n] = '\0';
    char *slash = strrchr(out, '/');
    if (slash) *slash = '\0';
    else out[0] = '\0';
}

/* dir + "/" + rel with rel's "." and ".." taken out, so a teacher reads
 * /usr/share/nnlab/lessons, not /usr/bin/../share/nnlab/lessons. dir has no
 * symbolic links (it comes from /proc/self/exe), so this is the real path. */
static void join_rel(const char *dir, const char *rel, char *out, size_t len)
{
    snprintf(out, len, "%s", dir);
    while (*rel) {
        const size_t n = strcspn(rel, "/");
        if (n == 2 && rel[0] == '.' && rel[1] == '.') {
            char *slash = strrchr(out, '/');
            if (slash) *slash = '\0';
        } else if (n > 0 && !(n == 1 && rel[0] == '.')) {
            const size_t have = strlen(out);
            snprintf(out + have, len - have, "/%.*s", (int)n, rel);
        }
        rel += n;
        while (*rel == '/') rel++;
    }
}

/* The source tree is a fallback only for programs inside the build tree it
 * was configured with: an installed nnlab reads its own share/nnlab, never a
 * checkout that may since have changed (or been deleted). */
static const char *source_dir_for(const char *exe)
{
#if defined(NNLAB_SOURCE_DIR) && defined(NNLAB_BINARY_DIR)
    /* exe or one of its parents is the build folder (compared as files, so a
     * build path reached through a symbolic link still matches). */
    struct stat bin, st;
    if (stat(NNLAB_BINARY_DIR, &bin) != 0) return NULL;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", exe);
    while (dir[0]) {
        if (stat(dir, &st) == 0 && st.st_dev == bin.st_dev && st.st_ino == bin.st_ino) return NNLAB_SOURCE_DIR;
        char *slash = strrchr(dir, '/');
        if (!slash) break;
        *slash = '\0';
    }
    return NULL;
#elif defined(NNLAB_SOURCE_DIR)
    (void)exe;
    return NNLAB_SOURCE_DIR;
#else
    (void)exe;
    return NULL;
#endif
}

int nn_data_dir(const char *name, char *out, size_t len)
{
    char exe[4096], dir[4400];
    exe_dir(exe, sizeof exe);
    if (exe[0]) {
        char share[4200];
        join_rel(exe, NNLAB_DATA_REL, share, sizeof share);
        snprintf(dir, sizeof dir, "%s/%s", share, name);
        if (is_dir(dir) && strlen(dir) < len) return memcpy(out, dir, strlen(dir) + 1), NN_OK;
    }
    const char *src = source_dir_for(exe);
    if (src) {
        snprintf(dir, sizeof dir, "%s/%s", src, name);
        if (is_dir(dir) && strlen(dir) < len) return memcpy(out, dir, strlen(dir) + 1), NN_OK;
    }
    return nn_set_error(NN_ERR_IO, "no %s folder found (looked in %s/%s/%s%s)", name,
                        exe[0] ? exe : "?", NNLAB_DATA_REL, name, src ? " and the source tree" : "");
}

int nn_asset_path(const char *rel, char *out, size_t len)
{
    if (try_dir(getenv("NNLAB_ASSETS"), rel, out, len)) return NN_OK;
    char exe[4096];
    exe_dir(exe, sizeof exe);
    if (exe[0]) {
        static const char *const UP[] = { "../assets", "../../assets", NNLAB_DATA_REL "/assets" };
        for (size_t i = 0; i < sizeof UP / sizeof UP[0]; i++) {
            char dir[4200];
            join_rel(exe, UP[i], dir, sizeof dir);
            if (try_dir(dir, rel, out, len)) return NN_OK;
        }
    }
    const char *src = source_dir_for(exe);
    if (src) {
        char dir[4200];
        snprintf(dir, sizeof dir, "%s/assets", src);
        if (try_dir(dir, rel, out, len)) return NN_OK;
    }
    return nn_set_error(NN_ERR_IO, "asset '%s' not found (looked in $NNLAB_ASSETS, beside the "
                        "program, in its share/nnlab/assets%s); set NNLAB_ASSETS=/path/to/nnlab/assets",
                        rel, src ? " and in the source tree" : "");
}
