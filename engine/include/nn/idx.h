/* nn/idx.h - read IDX files (the MNIST / Fashion-MNIST container), gzip or plain.
 *
 * An IDX file is: two zero bytes, a type byte (0x08 = unsigned byte), the
 * number of dimensions, one big-endian uint32 per dimension, then the values
 * in row-major order. Only unsigned bytes are supported (that is what image
 * and label files hold). gzip-compressed files are read through zlib; an
 * uncompressed file is read as is.
 *
 *     nn_idx img;
 *     if (nn_idx_read("train-images-idx3-ubyte.gz", 3, &img)) fail(nn_last_error());
 *     // img.dims = {60000, 28, 28}, img.data = 47,040,000 bytes
 *     nn_idx_free(&img);
 *
 * Errors name the file and what is wrong (bad magic, wrong type, truncated,
 * trailing bytes, corrupt gzip stream). Ownership: data is nn_alloc'ed and
 * freed by nn_idx_free. Thread-safety: reentrant.
 */
#ifndef NN_IDX_H
#define NN_IDX_H

#include <stddef.h>
#include <stdint.h>

#define NN_IDX_MAX_DIMS 4

typedef struct nn_idx {
    int      ndim;
    int      dims[NN_IDX_MAX_DIMS];
    size_t   count;          /* product of dims */
    uint8_t *data;           /* (count) values */
} nn_idx;

/* Read `path`; `ndim` is the expected number of dimensions (0 = any).
 * Returns NN_OK, or NN_ERR_IO / NN_ERR_FORMAT / NN_ERR_NOMEM with a message. */
int  nn_idx_read(const char *path, int ndim, nn_idx *out);
void nn_idx_free(nn_idx *idx);

#endif
