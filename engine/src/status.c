/* status.c - per-thread error messages and the counting allocator. */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn/status.h"

static _Thread_local char last_error[512];

const char *nn_last_error(void) { return last_error; }

int nn_set_error(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof last_error, fmt, ap);
    va_end(ap);
    return status;
}

/* Each block carries its size in a header so nn_free can keep the count exact.
 * The header is 16 bytes to keep the payload aligned for any float type. */
typedef struct { size_t size; size_t pad; } block_header;
static atomic_size_t live_bytes;

void *nn_alloc(size_t bytes)
{
    block_header *h = calloc(1, sizeof *h + bytes);
    if (!h) {
        nn_set_error(NN_ERR_NOMEM, "out of memory allocating %zu bytes", bytes);
        return NULL;
    }
    h->size = bytes;
    atomic_fetch_add(&live_bytes, bytes);
    return h + 1;
}

void nn_free(void *p)
{
    if (!p) return;
    block_header *h = (block_header *)p - 1;
    atomic_fetch_sub(&live_bytes, h->size);
    free(h);
}

size_t nn_bytes_allocated(void) { return atomic_load(&live_bytes); }
