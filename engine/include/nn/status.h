/* nn/status.h - how the engine reports errors.
 *
 * Engine functions never print and never exit. A function that can fail returns
 * an int status (NN_OK == 0) or NULL, and leaves a one-line, human-readable
 * message that the caller may show:
 *
 *     nn_model *m = nn_model_create(&desc, seed);
 *     if (!m) { fprintf(stderr, "nnlab-train: %s\n", nn_last_error()); return 2; }
 *
 * The message is per thread (C11 _Thread_local), so trials on worker threads
 * do not overwrite each other's errors.
 */
#ifndef NN_STATUS_H
#define NN_STATUS_H

#include <stddef.h>

typedef enum nn_status {
    NN_OK = 0,
    NN_ERR_ARG,       /* a caller-supplied value is out of range */
    NN_ERR_NOMEM,     /* an allocation failed */
    NN_ERR_IO,        /* a file could not be read or written */
    NN_ERR_FORMAT,    /* a file was read but its contents are not valid */
    NN_ERR_DIVERGED,  /* training produced a non-finite value */
    NN_ERR_COUNT
} nn_status;

/* The last error message set on this thread ("" if none). */
const char *nn_last_error(void);

/* Set the message (printf-style) and return `status`; for engine and tools. */
int nn_set_error(int status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Allocation with a live-byte counter, so tests can assert nothing leaked.
 * nn_free(NULL) is a no-op. All engine allocations go through these. */
void  *nn_alloc(size_t bytes);            /* zero-filled; NULL + error on failure */
void   nn_free(void *p);
size_t nn_bytes_allocated(void);          /* bytes currently held via nn_alloc */

#endif
