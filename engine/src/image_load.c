/* image_load.c - read PNG, JPEG and BMP pictures (see nn/image.h).
 *
 * The only engine file that includes stb_image.h. The decoder is compiled
 * here from the system's header (Debian libstb-dev) with only the three
 * documented formats (STBI_ONLY_*), static to this file: PSD, HDR, GIF, TGA,
 * PNM and PIC files are "not a PNG, JPEG or BMP image", their decoders are
 * not in the program at all. The file is read into memory (regular files
 * only, at most NN_IMAGE_MAX_FILE bytes), its dimensions are checked with
 * stbi_info before decoding, a BMP must hold all the rows its header
 * declares, and stb's allocations are zero-filled, so no pixel that the file
 * did not supply reaches nn_image_prepare uninitialised.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nn/file.h"
#include "nn/image.h"
#include "nn/status.h"

#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_ONLY_BMP
#define STBI_NO_STDIO
#define STBI_NO_LINEAR
#define STBI_NO_HDR
#define STBI_MALLOC(n)     calloc(1, (n))
#define STBI_REALLOC(p, n) realloc((p), (n))
#define STBI_FREE(p)       free(p)
#if defined(__GNUC__)
/* For the whole file: a static build of stb declares functions it does not
 * define for the formats left out, which the compiler reports at the end. */
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#endif
#include <stb_image.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* For a BMP: 1 if the file holds every pixel row its header declares (stb
 * would otherwise decode the missing rows from nothing). Other formats: 1. */
static int bmp_complete(const unsigned char *b, size_t n)
{
    if (n < 2 || b[0] != 'B' || b[1] != 'M') return 1;
    if (n < 30) return 0;
    const uint32_t off = le32(b + 10), dib = le32(b + 14);
    int64_t w, h, bpp;
    if (dib == 12) {            /* OS/2 BITMAPCOREHEADER: 16-bit sizes */
        w = b[18] | b[19] << 8;
        h = b[20] | b[21] << 8;
        bpp = b[24] | b[25] << 8;
    } else {
        w = (int32_t)le32(b + 18);
        h = (int32_t)le32(b + 22);
        bpp = b[28] | b[29] << 8;
    }
    if (h < 0) h = -h;
    if (w <= 0 || bpp <= 0 || bpp > 32) return 0;
    const int64_t row = (w * bpp + 31) / 32 * 4;
    return (int64_t)off + row * h <= (int64_t)n;
}

int nn_image_load(const char *path, nn_image *out)
{
    memset(out, 0, sizeof *out);
    FILE *f = nn_file_open_read(path);
    if (!f) return NN_ERR_IO;
    fseek(f, 0, SEEK_END);
    const long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (size <= 0) {
        fclose(f);
        return nn_set_error(NN_ERR_FORMAT, "%s: the file is empty", path);
    }
    if (size > NN_IMAGE_MAX_FILE) {
        fclose(f);
        return nn_set_error(NN_ERR_FORMAT, "%s: %ld MiB is too big for a picture (at most %d MiB)",
                            path, size >> 20, NN_IMAGE_MAX_FILE >> 20);
    }
    unsigned char *buf = nn_alloc((size_t)size);
    if (!buf) { fclose(f); return NN_ERR_NOMEM; }
    const size_t got = fread(buf, 1, (size_t)size, f);
    fclose(f);
    int rc = NN_OK, w, h, comp;
    unsigned char *px = NULL;
    if (got != (size_t)size) {
        rc = nn_set_error(NN_ERR_IO, "%s: read failed", path);
    } else if (!stbi_info_from_memory(buf, (int)size, &w, &h, &comp)) {
        rc = nn_set_error(NN_ERR_FORMAT, "%s: not a PNG, JPEG or BMP image (%s)", path,
                          stbi_failure_reason() ? stbi_failure_reason() : "unknown format");
    } else if (w < 1 || h < 1 || (long long)w * h > NN_IMAGE_MAX_PIXELS) {
        rc = nn_set_error(NN_ERR_FORMAT, "%s: %d x %d pixels is too big (at most %d megapixels)",
                          path, w, h, NN_IMAGE_MAX_PIXELS >> 20);
    } else if (!bmp_complete(buf, (size_t)size)) {
        rc = nn_set_error(NN_ERR_FORMAT, "%s: the BMP file is truncated (it holds fewer pixel rows "
                          "than its header declares)", path);
    } else if (!(px = stbi_load_from_memory(buf, (int)size, &w, &h, &comp, 1))) {
        rc = nn_set_error(NN_ERR_FORMAT, "%s: the image data are damaged (%s)", path,
                          stbi_failure_reason() ? stbi_failure_reason() : "decode failed");
    } else if (!(out->px = nn_alloc((size_t)w * h))) {
        rc = NN_ERR_NOMEM;
    } else {
        memcpy(out->px, px, (size_t)w * h);
        out->w = w;
        out->h = h;
    }
    stbi_image_free(px);
    nn_free(buf);
    return rc;
}

void nn_image_free(nn_image *im)
{
    nn_free(im->px);
    memset(im, 0, sizeof *im);
}
