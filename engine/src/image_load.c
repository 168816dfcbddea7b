/* image_load.c - read PNG, JPEG and BMP pictures (see nn/image.h).
 *
 * PNG and BMP: stb_image (Debian libstb-dev), compiled in stb_image_impl.c
 * with only those decoders; this is the only file that calls it. PSD, HDR,
 * GIF, TGA, PNM and PIC files are "not a PNG, JPEG or BMP image": their
 * decoders are not in the program at all.
 * JPEG: libjpeg-turbo (Debian libjpeg-dev), not stb_image. Debian's stb_image
 * (2.27) has known JPEG decoder bugs, and tests/fuzz found one within
 * seconds: a DHT segment whose code counts add up past 256 makes
 * stbi__build_huffman write past its table (tests/data/jpeg_dht_overflow.jpg).
 * libjpeg-turbo is the decoder the distribution fuzzes and maintains.
 *
 * The file is read into memory (regular files only, at most
 * NN_IMAGE_MAX_FILE bytes); its dimensions are checked (stbi_info /
 * jpeg_read_header) before decoding; a BMP must hold all the rows its header
 * declares; stb's allocations are zero-filled and libjpeg writes every row
 * it returns, so no pixel that the file did not supply reaches
 * nn_image_prepare uninitialised.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn/file.h"
#include "nn/image.h"
#include "nn/status.h"

#define STBI_NO_STDIO
#define STBI_NO_LINEAR
#define STBI_NO_HDR
#include <stb_image.h>            /* declarations only: stb_image_impl.c */

#include <jpeglib.h>

/* ---- JPEG through libjpeg-turbo ---- */

typedef struct jpeg_guard {
    struct jpeg_error_mgr pub;
    jmp_buf               back;
    char                  msg[JMSG_LENGTH_MAX];
} jpeg_guard;

static void jpeg_fail(j_common_ptr c)
{
    jpeg_guard *g = (jpeg_guard *)c->err;
    g->pub.format_message(c, g->msg);
    longjmp(g->back, 1);
}

static void jpeg_quiet(j_common_ptr c, int level)
{
    (void)c; (void)level;             /* warnings (e.g. premature end) are not printed */
}

/* A progressive file may hold any number of scans, each a full pass over the
 * image; a handful is normal, thousands are a decoding-time bomb. */
static void jpeg_progress(j_common_ptr c)
{
    j_decompress_ptr d = (j_decompress_ptr)c;
    if (d->input_scan_number > 200) {
        jpeg_guard *g = (jpeg_guard *)c->err;
        snprintf(g->msg, sizeof g->msg, "more than 200 progressive scans");
        longjmp(g->back, 1);
    }
}

/* Decode a JPEG as gray into a malloc'ed (h, w) buffer; NULL with *why set. */
static unsigned char *jpeg_decode(const unsigned char *buf, size_t n, int *w, int *h,
                                  char *why, size_t why_len)
{
    struct jpeg_decompress_struct d;
    struct jpeg_progress_mgr progress = { .progress_monitor = jpeg_progress };
    jpeg_guard g;
    unsigned char *volatile px = NULL;
    d.err = jpeg_std_error(&g.pub);
    g.pub.error_exit = jpeg_fail;
    g.pub.emit_message = jpeg_quiet;
    g.msg[0] = '\0';
    if (setjmp(g.back)) {
        snprintf(why, why_len, "%s", g.msg[0] ? g.msg : "decode failed");
        jpeg_destroy_decompress(&d);
        free(px);
        return NULL;
    }
    jpeg_create_decompress(&d);
    d.progress = &progress;
    d.mem->max_memory_to_use = 512L << 20;
    jpeg_mem_src(&d, buf, (unsigned long)n);
    jpeg_read_header(&d, TRUE);
    if (d.image_width < 1 || d.image_height < 1 ||
        (long long)d.image_width * d.image_height > NN_IMAGE_MAX_PIXELS) {
        snprintf(why, why_len, "%u x %u pixels is too big (at most %d megapixels)",
                 d.image_width, d.image_height, NN_IMAGE_MAX_PIXELS >> 20);
        jpeg_destroy_decompress(&d);
        return NULL;
    }
    if (d.jpeg_color_space == JCS_CMYK || d.jpeg_color_space == JCS_YCCK) {
        snprintf(why, why_len, "CMYK JPEG files are not supported (save it as RGB)");
        jpeg_destroy_decompress(&d);
        return NULL;
    }
    d.out_color_space = JCS_GRAYSCALE;
    jpeg_start_decompress(&d);
    const size_t W = d.output_width, H = d.output_height;
    px = calloc(W * H, 1);
    if (!px) {
        snprintf(why, why_len, "out of memory");
        jpeg_destroy_decompress(&d);
        return NULL;
    }
    while (d.output_scanline < d.output_height) {
        JSAMPROW row = px + (size_t)d.output_scanline * W;
        jpeg_read_scanlines(&d, &row, 1);
    }
    jpeg_finish_decompress(&d);
    jpeg_destroy_decompress(&d);
    *w = (int)W;
    *h = (int)H;
    return px;
}

/* ---- PNG and BMP through stb_image ---- */

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
    char why[JMSG_LENGTH_MAX + 64];
    if (got != (size_t)size) {
        rc = nn_set_error(NN_ERR_IO, "%s: read failed", path);
    } else if (size >= 3 && buf[0] == 0xFF && buf[1] == 0xD8 && buf[2] == 0xFF) {
        if (!(px = jpeg_decode(buf, (size_t)size, &w, &h, why, sizeof why)))
            rc = nn_set_error(NN_ERR_FORMAT, "%s: the JPEG cannot be read (%s)", path, why);
        else if (!(out->px = nn_alloc((size_t)w * h)))
            rc = NN_ERR_NOMEM;
        else {
            memcpy(out->px, px, (size_t)w * h);
            out->w = w;
            out->h = h;
        }
        free(px);
        px = NULL;
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
