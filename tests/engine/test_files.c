/* Files the engine reads and writes (issue 10): inputs must be regular files
 * (a FIFO hangs a reader forever), outputs never replace a device or FIFO,
 * model files are checked against their own length and the size limits
 * before anything is built, the --layers grammar range-checks every number,
 * numbers are plain decimals, and pictures are PNG, JPEG or BMP only, with a
 * truncated BMP refused. A SIGALRM guard turns a hang into a failure. */
#define _XOPEN_SOURCE 700           /* mknod */
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <zlib.h>

#include <stb_image_write.h>

#include "nn/file.h"
#include "nn/idx.h"
#include "nn/image.h"
#include "nn/layerspec.h"
#include "nn/modelio.h"
#include "nn/parse.h"
#include "nn/status.h"
#include "test.h"

static char dir[64];

static const char *tmp(const char *name)
{
    static char p[4][256];
    static int k;
    k = (k + 1) & 3;
    if (!dir[0]) { snprintf(dir, sizeof dir, "/tmp/nnlab_files_XXXXXX"); if (!mkdtemp(dir)) abort(); }
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

static void on_alarm(int sig)
{
    (void)sig;
    static const char msg[] = "test_files: a reader blocked (hung on a FIFO?)\n";
    if (write(2, msg, sizeof msg - 1)) {}
    _exit(1);
}

static void write_bytes(const char *path, const void *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (f) { fwrite(b, 1, n, f); fclose(f); }
}

#define HAS(needle) CHECK_MSG(strstr(nn_last_error(), needle) != NULL, "'%s' lacks '%s'", nn_last_error(), needle)

/* ---- inputs: regular files only ---- */

static int fifo_inputs_refused(void)
{
    const char *fifo = tmp("fifo");
    CHECK(mkfifo(fifo, 0600) == 0);
    alarm(20);                       /* the old readers block here forever */
    nn_saved_model s;
    CHECK(nn_model_load(fifo, &s) == NN_ERR_IO);
    HAS("FIFO");
    nn_image im;
    CHECK(nn_image_load(fifo, &im) == NN_ERR_IO);
    HAS("FIFO");
    nn_idx x;
    CHECK(nn_idx_read(fifo, 3, &x) == NN_ERR_IO);
    HAS("FIFO");
    CHECK(nn_file_open_read(fifo) == NULL);
    alarm(0);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

static int missing_directory_and_device_inputs(void)
{
    nn_saved_model s;
    CHECK(nn_model_load(tmp("none.nnm"), &s) == NN_ERR_IO);
    HAS("no such file");
    CHECK(nn_model_load(dir, &s) == NN_ERR_IO);
    HAS("a directory, not a regular file");
    nn_image im;
    CHECK(nn_image_load("/dev/zero", &im) == NN_ERR_IO);    /* would otherwise read forever */
    HAS("a device");
    /* Unreadable: only meaningful when not root (root reads anything). */
    if (geteuid() != 0) {
        write_bytes(tmp("secret.nnm"), "x", 1);
        CHECK(chmod(tmp("secret.nnm"), 0) == 0);
        CHECK(nn_model_load(tmp("secret.nnm"), &s) == NN_ERR_IO);
        HAS("permission denied");
        CHECK_MSG(!strstr(nn_last_error(), "exist?"), "%s", nn_last_error());
    }
    FILE *f = nn_file_open_read("tests/data/tiny.png");
    CHECK_MSG(f != NULL, "%s", nn_last_error());
    fclose(f);
    return 0;
}

/* ---- outputs: never replace a non-regular file ---- */

static int outputs_never_replace_devices_or_fifos(void)
{
    nn_file_out o;
    struct stat st;
    /* A device node of our own (root only): a regression must never touch /dev. */
    const char *dev = tmp("null");
    if (mknod(dev, S_IFCHR | 0666, makedev(1, 3)) == 0) {
        CHECK(nn_file_out_open(&o, dev) == NN_ERR_IO);
        HAS("a device, not a regular file");
        CHECK(stat(dev, &st) == 0 && S_ISCHR(st.st_mode));
    }
    const char *fifo = tmp("out.fifo");
    CHECK(mkfifo(fifo, 0600) == 0);
    CHECK(nn_file_out_open(&o, fifo) == NN_ERR_IO);
    CHECK(stat(fifo, &st) == 0 && S_ISFIFO(st.st_mode));
    CHECK(nn_file_out_open(&o, dir) == NN_ERR_IO);
    HAS("a directory");
    /* The model writer uses the same rule. */
    nn_model_desc d = nn_model_desc_default();
    nn_model_add(&d, nn_layer_dense(2, NN_INIT_HE));
    nn_model *m = nn_model_create(&d, 1);
    CHECK(m);
    CHECK(nn_model_save(fifo, m, NULL) == NN_ERR_IO);
    CHECK(stat(fifo, &st) == 0 && S_ISFIFO(st.st_mode));
    CHECK(nn_model_save(tmp("ok.nnm"), m, NULL) == NN_OK);
    CHECK(stat(tmp("ok.nnm"), &st) == 0 && S_ISREG(st.st_mode) && access(tmp("ok.nnm.tmp"), F_OK) != 0);
    nn_model_destroy(m);
    /* A regular file is replaced whole. */
    write_bytes(tmp("t.txt"), "old contents", 12);
    CHECK(nn_file_out_open(&o, tmp("t.txt")) == NN_OK);
    fputs("new", o.f);
    CHECK(nn_file_out_commit(&o) == NN_OK);
    CHECK(stat(tmp("t.txt"), &st) == 0 && st.st_size == 3);
    return 0;
}

/* ---- model files: sizes checked before anything is built ---- */

typedef struct { uint32_t kind, units, kernel, stride, pad; } lay;

static void put32(unsigned char *b, size_t *n, uint32_t v)
{
    for (int i = 0; i < 4; i++) b[(*n)++] = (unsigned char)(v >> (8 * i));
}

/* A model file with a valid checksum: input c,h,w, the layers, no class names,
 * no normalisation, n_params declared and `stored` floats actually present. */
static size_t craft(unsigned char *b, uint32_t c, uint32_t h, uint32_t w, const lay *L, int nl,
                    uint64_t n_params, uint32_t stored)
{
    size_t n = 0;
    memcpy(b, "NNLABMDL", 8); n = 8;
    put32(b, &n, 1); put32(b, &n, 0);
    put32(b, &n, c); put32(b, &n, h); put32(b, &n, w);
    put32(b, &n, 0);                                   /* softmax */
    put32(b, &n, (uint32_t)nl);
    for (int i = 0; i < nl; i++) {
        put32(b, &n, L[i].kind); put32(b, &n, L[i].units); put32(b, &n, NN_INIT_HE);
        put32(b, &n, 0); put32(b, &n, 0);
        for (int k = 0; k < 4; k++) put32(b, &n, 0);   /* slope, drop, momentum, bn_eps = 0.0f */
        put32(b, &n, L[i].kernel); put32(b, &n, L[i].stride); put32(b, &n, L[i].pad);
    }
    put32(b, &n, 0); put32(b, &n, 0);                  /* classes, n_norm */
    put32(b, &n, (uint32_t)n_params); put32(b, &n, (uint32_t)(n_params >> 32));
    for (uint32_t i = 0; i < stored; i++) put32(b, &n, 0);
    const uint32_t crc = (uint32_t)crc32(0L, b, (uInt)n);
    put32(b, &n, crc);
    return n;
}

static int expect_refused(const unsigned char *b, size_t n, const char *needle)
{
    write_bytes(tmp("crafted.nnm"), b, n);
    nn_saved_model s;
    const int rc = nn_model_load(tmp("crafted.nnm"), &s);
    CHECK_MSG(rc == NN_ERR_FORMAT, "rc %d: %s", rc, nn_last_error());
    HAS(needle);
    CHECK(s.model == NULL && nn_bytes_allocated() == 0);
    return 0;
}

static int model_file_sizes_checked_before_building(void)
{
    static unsigned char b[4096];
    /* ~200 bytes declaring a 785,000-parameter network and holding none of
     * them: refused from the declaration, nothing built. */
    const lay mlp[] = { { NN_LAYER_DENSE, 1000, 0, 0, 0 } };
    size_t n = craft(b, 784, 1, 1, mlp, 1, 0, 0);
    CHECK(n < 250);
    if (expect_refused(b, n, "declares 785000 parameters but the file holds 0")) return 1;
    /* Over the parameter limit: refused by the limit, whatever the file says. */
    const lay huge[] = { { NN_LAYER_DENSE, 4000000, 0, 0, 0 } };
    n = craft(b, 4096, 1, 1, huge, 1, 0, 0);
    if (expect_refused(b, n, "more than 134217728 parameters")) return 1;
    /* Sizes that overflow an int: an input of 2^32-1 (negative as int) and a
     * kernel and padding near 2^31. */
    n = craft(b, 0xFFFFFFFFu, 1, 1, mlp, 1, 0, 0);
    if (expect_refused(b, n, "input shape must be positive")) return 1;
    const lay conv[] = { { NN_LAYER_CONV2D, 1, 0x7FFFFFF0u, 1, 0x7FFFFFEFu } };
    n = craft(b, 1, 28, 28, conv, 1, 0, 0);
    if (expect_refused(b, n, "layer 0 (conv2d)")) return 1;
    /* An activation-heavy network with few parameters: a 1x1 convolution with
     * 2^20 filters on 28x28 would need 3 GiB per example. */
    const lay wide[] = { { NN_LAYER_CONV2D, 1u << 20, 1, 1, 0 } };
    n = craft(b, 1, 28, 28, wide, 1, 0, 0);
    if (expect_refused(b, n, "values per example")) return 1;
    /* A consistent small file still loads. */
    const lay ok[] = { { NN_LAYER_DENSE, 2, 0, 0, 0 } };
    n = craft(b, 3, 1, 1, ok, 1, 8, 8);
    write_bytes(tmp("ok.nnm"), b, n);
    nn_saved_model s;
    CHECK_MSG(nn_model_load(tmp("ok.nnm"), &s) == NN_OK, "%s", nn_last_error());
    CHECK(nn_model_n_out(s.model) == 2 && nn_model_param_count(s.model) == 8);
    nn_saved_model_free(&s);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* ---- the --layers grammar ---- */

static int layers_numbers_range_checked(void)
{
    nn_model_desc d;
    const nn_shape img = { 1, 28, 28 };
    static const struct { const char *spec, *needle; } BAD[] = {
        { "c4294967297k3", "filter count from 1 to 1024" },    /* used to wrap to c1k3 */
        { "c1k100000", "kernel size from 1 to 256" },          /* used to be clamped */
        { "c4k200", "kernel larger than the 28x28 image" },    /* 165 s and 4.2 GB before */
        { "c8k3,p2,c8k15", "kernel larger than the 14x14 image" },
        { "p2,p2,p2,p4", "window larger than the 3x3 image" },
        { "c4k3p3", "padding from 0 to 2" },
        { "c4k3s99999999999", "stride from 1 to 256" },
        { "c4k3,d0x1", "dropout fraction" },
        { "99999999999999999999", "layer size from 1 to 65536" },
    };
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        const int rc = nn_layerspec_parse(BAD[i].spec, img, 10, NN_ACT_RELU, 0.01f, NN_INIT_HE,
                                          NN_LOSS_SOFTMAX, &d);
        CHECK_MSG(rc == NN_ERR_ARG, "'%s' accepted", BAD[i].spec);
        CHECK_MSG(strstr(nn_last_error(), BAD[i].needle), "'%s': '%s' lacks '%s'", BAD[i].spec,
                  nn_last_error(), BAD[i].needle);
    }
    CHECK(nn_layerspec_parse("c8k3,p2,c16k5s2p2,p2,64", img, 10, NN_ACT_RELU, 0.01f, NN_INIT_HE,
                             NN_LOSS_SOFTMAX, &d) == NN_OK);
    CHECK(d.layers[2].kernel == 2 && d.layers[3].kernel == 5 && d.layers[3].stride == 2 && d.layers[3].pad == 2);
    size_t np = 0;
    CHECK(nn_model_desc_check(&d, &np) == NN_OK && np > 0);
    return 0;
}

/* ---- numbers are plain decimals ---- */

static int hex_inf_nan_refused(void)
{
    double v;
    static const char *const BAD[] = { "0x10", "0X1p-3", "inf", "-inf", "nan", "infinity", " 1", "1 ",
                                       "1e", ".", "+", "1e+", "" };
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        CHECK_MSG(nn_parse_float("--lr", BAD[i], -1e9, 1e9, &v) == NN_ERR_ARG, "'%s' accepted", BAD[i]);
        CHECK(strstr(nn_last_error(), "--lr expects a number"));
    }
    static const char *const GOOD[] = { "16", "0.5", ".5", "5.", "-2", "+3", "1e-3", "2.5E+2" };
    static const double WANT[] = { 16, 0.5, 0.5, 5, -2, 3, 1e-3, 250 };
    for (size_t i = 0; i < sizeof GOOD / sizeof GOOD[0]; i++) {
        CHECK_MSG(nn_parse_float("--lr", GOOD[i], -1e9, 1e9, &v) == NN_OK, "'%s': %s", GOOD[i], nn_last_error());
        CHECK(v == WANT[i]);
    }
    long n;
    CHECK(nn_parse_int("--epochs", " 5", 1, 10, &n) == NN_ERR_ARG);
    CHECK(nn_parse_int("--epochs", "5", 1, 10, &n) == NN_OK && n == 5);
    return 0;
}

/* ---- pictures: PNG, JPEG and BMP only; a truncated BMP is refused ---- */

static int only_documented_image_formats(void)
{
    /* A 2x2 binary PGM and a Radiance HDR header: stb_image decodes both when
     * all its decoders are compiled in. */
    static const unsigned char pgm[] = "P5\n2 2\n255\n\x10\x80\xF0\x40";
    write_bytes(tmp("pic.pgm"), pgm, sizeof pgm - 1);
    nn_image im;
    CHECK(nn_image_load(tmp("pic.pgm"), &im) == NN_ERR_FORMAT);
    HAS("not a PNG, JPEG or BMP");
    static const char hdr[] = "#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 1 +X 1\n\x80\x80\x80\x81";
    write_bytes(tmp("pic.hdr"), hdr, sizeof hdr - 1);
    CHECK(nn_image_load(tmp("pic.hdr"), &im) == NN_ERR_FORMAT);
    HAS("not a PNG, JPEG or BMP");
    CHECK_MSG(nn_image_load("tests/data/tiny.jpg", &im) == NN_OK, "%s", nn_last_error());
    CHECK(im.w == 4 && im.h == 4);
    nn_image_free(&im);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* Found by tests/fuzz (image target) within seconds: a JPEG whose DHT code
 * counts add up past 256 made Debian's stb_image 2.27 write past its Huffman
 * table (UBSan: index 257 out of bounds in stbi__build_huffman). JPEG is now
 * decoded by libjpeg-turbo: a clear refusal, and the sanitizer build stays
 * quiet. Also a truncated and a corrupted copy of a good JPEG. */
static int fuzzed_jpeg_regressions(void)
{
    nn_image im;
    CHECK(nn_image_load("tests/data/jpeg_dht_overflow.jpg", &im) == NN_ERR_FORMAT);
    HAS("the JPEG cannot be read");
    static unsigned char b[1024];
    FILE *f = fopen("tests/fuzz/corpus/image/progressive.jpg", "rb");
    CHECK(f);
    const size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    CHECK(n > 100 && n < sizeof b);
    for (size_t cut = 3; cut < n; cut += 17) {
        write_bytes(tmp("cut.jpg"), b, cut);
        const int rc = nn_image_load(tmp("cut.jpg"), &im);
        CHECK_MSG(rc == NN_OK || rc == NN_ERR_FORMAT, "cut at %zu: rc %d", cut, rc);
        if (rc == NN_OK) {
            CHECK(im.w == 3 && im.h == 3);
            nn_image_free(&im);
        }
    }
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* Found by tests/fuzz (image target) in CI: a PNG whose first IDAT chunk is
 * empty makes stb_image compute NULL + 0 and memcpy 0 bytes to NULL
 * (stbi__parse_png_file allocates nothing for a zero-length chunk), which
 * UBSan reports. Harmless, and third-party code: stb is compiled in its own
 * file (engine/src/stb_image_impl.c) without those two checks. Whatever it
 * decodes to, the load is clean: a 4x4 picture or a refusal, nothing left
 * allocated. */
static int fuzzed_png_empty_idat(void)
{
    nn_image im;
    const int rc = nn_image_load("tests/data/png_empty_idat.png", &im);
    CHECK_MSG(rc == NN_OK || rc == NN_ERR_FORMAT, "rc %d: %s", rc, nn_last_error());
    if (rc == NN_OK) {
        CHECK(im.w == 4 && im.h == 4);
        nn_image_free(&im);
    } else {
        HAS("tests/data/png_empty_idat.png");
    }
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

static int truncated_bmp_refused(void)
{
    unsigned char px[64 * 64];
    for (int i = 0; i < 64 * 64; i++) px[i] = (unsigned char)(i * 7);
    CHECK(stbi_write_bmp(tmp("full.bmp"), 64, 64, 1, px));
    static unsigned char b[64 * 64 * 3 + 1024];
    FILE *f = fopen(tmp("full.bmp"), "rb");
    CHECK(f);
    const size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    nn_image im;
    CHECK_MSG(nn_image_load(tmp("full.bmp"), &im) == NN_OK, "%s", nn_last_error());
    CHECK(im.w == 64 && im.h == 64);
    nn_image_free(&im);
    write_bytes(tmp("cut.bmp"), b, n / 2);             /* half the rows are missing */
    CHECK(nn_image_load(tmp("cut.bmp"), &im) == NN_ERR_FORMAT);
    HAS("truncated");
    CHECK(im.px == NULL && nn_bytes_allocated() == 0);
    return 0;
}

static int zz_cleanup(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return dir[0] && system(cmd) != 0;
}

static const test_case CASES[] = {
    { "fifo_inputs_refused", fifo_inputs_refused },
    { "missing_directory_and_device_inputs", missing_directory_and_device_inputs },
    { "outputs_never_replace_devices_or_fifos", outputs_never_replace_devices_or_fifos },
    { "model_file_sizes_checked_before_building", model_file_sizes_checked_before_building },
    { "layers_numbers_range_checked", layers_numbers_range_checked },
    { "hex_inf_nan_refused", hex_inf_nan_refused },
    { "only_documented_image_formats", only_documented_image_formats },
    { "fuzzed_jpeg_regressions", fuzzed_jpeg_regressions },
    { "fuzzed_png_empty_idat", fuzzed_png_empty_idat },
    { "truncated_bmp_refused", truncated_bmp_refused },
    { "zz_cleanup", zz_cleanup },
};

int main(int argc, char **argv)
{
    signal(SIGALRM, on_alarm);
    return test_run(CASES, (int)(sizeof CASES / sizeof CASES[0]), argc > 1 ? argv[1] : NULL) != 0;
}
