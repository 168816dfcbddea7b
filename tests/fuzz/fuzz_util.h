/* tests/fuzz/fuzz_util.h - helpers for the libFuzzer targets: the input as a
 * NUL-terminated string, or written to a per-process file for the loaders
 * that take a path. */
#ifndef NNLAB_FUZZ_UTIL_H
#define NNLAB_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A malloc'ed copy of data with a NUL at the end (the caller frees). */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s) abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* Write data to /tmp/nnlab_fuzz_<pid>.<ext> (or $FUZZ_TMPDIR) and return the path. */
static inline const char *fuzz_file(const uint8_t *data, size_t size, const char *ext)
{
    static char path[512];
    const char *d = getenv("FUZZ_TMPDIR");
    snprintf(path, sizeof path, "%s/nnlab_fuzz_%ld.%s", d && *d ? d : "/tmp", (long)getpid(), ext);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) abort();
    return path;
}

#endif
