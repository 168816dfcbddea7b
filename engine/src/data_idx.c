/* data_idx.c - IDX reader through zlib (see nn/idx.h).
 *
 * gzread reads compressed and plain files alike, so one path serves both.
 * Every size is checked before it is trusted: a corrupt header must not make
 * us allocate gigabytes or read past what the file holds.
 */
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "nn/file.h"
#include "nn/idx.h"
#include "nn/status.h"

/* Refuse headers that claim more than this many values (1 GiB of bytes). */
#define IDX_MAX_VALUES ((size_t)1 << 30)

/* Read exactly n bytes; returns the count read, or -1 on a stream error. */
static long read_full(gzFile f, void *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        const unsigned chunk = n - got > (1u << 30) ? (1u << 30) : (unsigned)(n - got);
        const int r = gzread(f, (char *)buf + got, chunk);
        if (r < 0) return -1;
        if (r == 0) break;
        got += (size_t)r;
    }
    return (long)got;
}

static int stream_error(gzFile f, const char *path)
{
    int zerr = 0;
    const char *msg = gzerror(f, &zerr);
    return nn_set_error(NN_ERR_FORMAT, "%s: the gzip stream is damaged (%s)", path,
                        msg && *msg ? msg : "unknown zlib error");
}

int nn_idx_read(const char *path, int ndim, nn_idx *out)
{
    memset(out, 0, sizeof *out);
    const int fd = nn_file_open_read_fd(path);
    if (fd < 0) return NN_ERR_IO;
    gzFile f = gzdopen(fd, "rb");
    if (!f) {
        close(fd);
        return nn_set_error(NN_ERR_NOMEM, "%s: cannot open: out of memory", path);
    }
    int rc = NN_OK;
    unsigned char head[4], dimb[4 * NN_IDX_MAX_DIMS];
    long got = read_full(f, head, 4);
    if (got < 0) { rc = stream_error(f, path); goto done; }
    if (got < 4) {
        rc = nn_set_error(NN_ERR_FORMAT, "%s: too short for an IDX header (%ld bytes)", path, got);
        goto done;
    }
    if (head[0] != 0 || head[1] != 0) {
        rc = nn_set_error(NN_ERR_FORMAT, "%s: bad magic 0x%02x%02x%02x%02x - not an IDX file",
                          path, head[0], head[1], head[2], head[3]);
        goto done;
    }
    if (head[2] != 0x08) {
        rc = nn_set_error(NN_ERR_FORMAT, "%s: value type 0x%02x is not supported "
                          "(only 0x08, unsigned bytes)", path, head[2]);
        goto done;
    }
    const int nd = head[3];
    if (nd < 1 || nd > NN_IDX_MAX_DIMS || (ndim > 0 && nd != ndim)) {
        rc = nn_set_error(NN_ERR_FORMAT, "%s: %d dimensions, expected %d%s", path, nd,
                          ndim > 0 ? ndim : NN_IDX_MAX_DIMS,
                          ndim == 3 && nd == 1 ? " (is this a labels file?)" :
                          ndim == 1 && nd == 3 ? " (is this an images file?)" : "");
        goto done;
    }
    got = read_full(f, dimb, 4 * (size_t)nd);
    if (got < 0) { rc = stream_error(f, path); goto done; }
    if (got < 4 * nd) {
        rc = nn_set_error(NN_ERR_FORMAT, "%s: truncated in the header", path);
        goto done;
    }
    size_t count = 1;
    for (int i = 0; i < nd; i++) {
        const uint32_t v = (uint32_t)dimb[4 * i] << 24 | (uint32_t)dimb[4 * i + 1] << 16 |
                           (uint32_t)dimb[4 * i + 2] << 8 | dimb[4 * i + 3];
        if (v == 0 || v > (1u << 30) || (count *= v) > IDX_MAX_VALUES) {
            rc = nn_set_error(NN_ERR_FORMAT, "%s: implausible size %u in dimension %d", path, v, i);
            goto done;
        }
        out->dims[i] = (int)v;
    }
    out->ndim = nd;
    out->count = count;
    if (!(out->data = nn_alloc(count))) { rc = NN_ERR_NOMEM; goto done; }
    got = read_full(f, out->data, count);
    if (got < 0) { rc = stream_error(f, path); goto done; }
    if ((size_t)got < count) {
        rc = nn_set_error(NN_ERR_FORMAT, "%s: truncated: the header promises %zu values, "
                          "the file holds %ld", path, count, got);
        goto done;
    }
    unsigned char extra;
    got = read_full(f, &extra, 1);
    if (got < 0) { rc = stream_error(f, path); goto done; }
    if (got > 0)
        rc = nn_set_error(NN_ERR_FORMAT, "%s: unexpected bytes after the %zu values the "
                          "header promises", path, count);
done:
    gzclose(f);
    if (rc) nn_idx_free(out);
    return rc;
}

void nn_idx_free(nn_idx *idx)
{
    nn_free(idx->data);
    memset(idx, 0, sizeof *idx);
}
