/* IDX reading (tiny hand-made files, gzip and plain, and every way they can
 * be broken) and the image datasets built on it (fashion-small, the split,
 * class subsets, the fallback, and full Fashion-MNIST when installed). */
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

#include "nn/idx.h"
#include "nn/images.h"
#include "nn/status.h"
#include "test.h"

static char dir[64];

static const char *tmp(const char *name)
{
    static char p[2][256];
    static int k;
    k ^= 1;
    if (!dir[0]) { snprintf(dir, sizeof dir, "/tmp/nnlab_idx_XXXXXX"); if (!mkdtemp(dir)) abort(); }
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

static void write_gz(const char *path, const unsigned char *b, int n)
{
    gzFile f = gzopen(path, "wb");
    gzwrite(f, b, (unsigned)n);
    gzclose(f);
}

static void write_plain(const char *path, const unsigned char *b, int n)
{
    FILE *f = fopen(path, "wb");
    fwrite(b, 1, (size_t)n, f);
    fclose(f);
}

/* 3 images of 2x2: header 0,0,8,3 | 3 | 2 | 2 | 12 pixel bytes. */
static const unsigned char IMAGES[] = { 0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2,
                                        0, 255, 1, 2, 10, 20, 30, 40, 7, 7, 7, 7 };
static const unsigned char LABELS[] = { 0, 0, 8, 1, 0, 0, 0, 3, 9, 0, 4 };

static int reads_tiny_gz(void)
{
    write_gz(tmp("img.gz"), IMAGES, sizeof IMAGES);
    nn_idx x;
    CHECK(nn_idx_read(tmp("img.gz"), 3, &x) == NN_OK);
    CHECK(x.ndim == 3 && x.dims[0] == 3 && x.dims[1] == 2 && x.dims[2] == 2 && x.count == 12);
    CHECK(x.data[0] == 0 && x.data[1] == 255 && x.data[5] == 20 && x.data[11] == 7);
    nn_idx_free(&x);
    write_gz(tmp("lab.gz"), LABELS, sizeof LABELS);
    CHECK(nn_idx_read(tmp("lab.gz"), 1, &x) == NN_OK);
    CHECK(x.ndim == 1 && x.dims[0] == 3 && x.data[0] == 9 && x.data[2] == 4);
    nn_idx_free(&x);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

static int reads_plain(void)
{
    write_plain(tmp("img.idx"), IMAGES, sizeof IMAGES);
    nn_idx x;
    CHECK(nn_idx_read(tmp("img.idx"), 0, &x) == NN_OK);
    CHECK(x.count == 12 && x.data[4] == 10);
    nn_idx_free(&x);
    return 0;
}

static int expect_error(const char *path, int ndim, int code, const char *needle)
{
    nn_idx x;
    const int rc = nn_idx_read(path, ndim, &x);
    CHECK_MSG(rc == code, "%s: rc %d, expected %d (%s)", path, rc, code, nn_last_error());
    CHECK_MSG(strstr(nn_last_error(), needle) != NULL, "message '%s' lacks '%s'", nn_last_error(), needle);
    CHECK(x.data == NULL);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

static int rejects_broken_files(void)
{
    unsigned char b[sizeof IMAGES];
    memcpy(b, IMAGES, sizeof b);
    b[0] = 0x1f; b[1] = 0x00;                      /* not a zero-zero magic */
    write_gz(tmp("magic.gz"), b, sizeof b);
    if (expect_error(tmp("magic.gz"), 3, NN_ERR_FORMAT, "bad magic")) return 1;
    memcpy(b, IMAGES, sizeof b);
    b[2] = 0x0D;                                   /* float values */
    write_gz(tmp("type.gz"), b, sizeof b);
    if (expect_error(tmp("type.gz"), 3, NN_ERR_FORMAT, "0x0d")) return 1;
    write_gz(tmp("lab_as_img.gz"), LABELS, sizeof LABELS);
    if (expect_error(tmp("lab_as_img.gz"), 3, NN_ERR_FORMAT, "labels file")) return 1;
    write_gz(tmp("short.gz"), IMAGES, sizeof IMAGES - 3);          /* 9 of 12 pixels */
    if (expect_error(tmp("short.gz"), 3, NN_ERR_FORMAT, "truncated")) return 1;
    write_gz(tmp("hdr.gz"), IMAGES, 10);                           /* cut inside the dims */
    if (expect_error(tmp("hdr.gz"), 3, NN_ERR_FORMAT, "header")) return 1;
    unsigned char longer[sizeof IMAGES + 2];
    memcpy(longer, IMAGES, sizeof IMAGES);
    longer[sizeof IMAGES] = longer[sizeof IMAGES + 1] = 1;
    write_gz(tmp("long.gz"), longer, sizeof longer);
    if (expect_error(tmp("long.gz"), 3, NN_ERR_FORMAT, "unexpected bytes")) return 1;
    memcpy(b, IMAGES, sizeof b);
    b[7] = 0; b[4] = 0x7f;                          /* 0x7f000000 images */
    write_gz(tmp("huge.gz"), b, sizeof b);
    if (expect_error(tmp("huge.gz"), 3, NN_ERR_FORMAT, "implausible")) return 1;
    if (expect_error(tmp("missing.gz"), 3, NN_ERR_IO, "cannot open")) return 1;
    return 0;
}

static int rejects_damaged_gzip(void)
{
    /* A real gzip stream of 4000 bytes of IDX, then damaged in two ways. */
    static unsigned char big[16 + 4000];
    memcpy(big, IMAGES, 16);
    big[7] = 10; big[11] = 20; big[15] = 20;        /* 10 images of 20x20 */
    for (int i = 16; i < (int)sizeof big; i++) big[i] = (unsigned char)(i * 131 % 251);
    write_gz(tmp("big.gz"), big, sizeof big);
    FILE *f = fopen(tmp("big.gz"), "rb");
    static unsigned char gz[8192];
    const int n = (int)fread(gz, 1, sizeof gz, f);
    fclose(f);
    CHECK(n > 100);
    write_plain(tmp("cut.gz"), gz, n / 2);                        /* truncated stream */
    if (expect_error(tmp("cut.gz"), 3, NN_ERR_FORMAT, "cut.gz")) return 1;
    gz[n / 2] ^= 0xff; gz[n / 2 + 1] ^= 0x55;                      /* flipped bits */
    write_plain(tmp("flip.gz"), gz, n);
    if (expect_error(tmp("flip.gz"), 3, NN_ERR_FORMAT, "flip.gz")) return 1;
    return 0;
}

/* ---- datasets ---- */

static int fashion_small_split(void)
{
    nn_images_desc d = nn_images_desc_default(NN_IMAGES_FASHION_SMALL);
    nn_dataset tr, dv, te;
    char notice[256];
    CHECK_MSG(nn_images_load(&d, &tr, &dv, &te, notice, sizeof notice) == NN_OK, "%s", nn_last_error());
    CHECK(notice[0] == '\0');
    CHECK(tr.n == 2000 - 333 && dv.n == 333 && te.n == 500);
    CHECK(tr.d == 784 && tr.shape.c == 1 && tr.shape.h == 28 && tr.shape.w == 28);
    CHECK(tr.classes == 10 && tr.x8 && !tr.x && tr.y_dim == 1);
    CHECK(strcmp(tr.class_names[0], "T-shirt/top") == 0 && strcmp(te.class_names[9], "Ankle boot") == 0);
    int count[10] = { 0 };
    for (int i = 0; i < te.n; i++) count[(int)te.y[i]]++;
    for (int k = 0; k < 10; k++) CHECK(count[k] == 50);          /* balanced test set */
    int seen[10] = { 0 };
    for (int i = 0; i < tr.n; i++) seen[(int)tr.y[i]]++;
    for (int i = 0; i < dv.n; i++) seen[(int)dv.y[i]]++;
    for (int k = 0; k < 10; k++) CHECK(seen[k] == 200);           /* nothing lost or doubled */
    /* Pixels become value/255 per batch. */
    float x[784], y;
    nn_dataset_slice(&te, 0, 1, x, &y);
    float mx = 0.0f;
    for (int i = 0; i < 784; i++) mx = x[i] > mx ? x[i] : mx;
    CHECK(mx > 0.5f && mx <= 1.0f);
    /* The same seed gives the same dev set; another seed another. */
    nn_dataset tr2, dv2, te2;
    CHECK(nn_images_load(&d, &tr2, &dv2, &te2, NULL, 0) == NN_OK);
    CHECK(memcmp(dv.x8, dv2.x8, (size_t)dv.n * 784) == 0);
    nn_dataset_free(&tr2); nn_dataset_free(&dv2); nn_dataset_free(&te2);
    d.seed = 2;
    CHECK(nn_images_load(&d, &tr2, &dv2, &te2, NULL, 0) == NN_OK);
    CHECK(memcmp(dv.x8, dv2.x8, (size_t)dv.n * 784) != 0);
    nn_dataset_free(&tr2); nn_dataset_free(&dv2); nn_dataset_free(&te2);
    nn_dataset_free(&tr); nn_dataset_free(&dv); nn_dataset_free(&te);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

static int subset_and_limit(void)
{
    nn_images_desc d = nn_images_desc_default(NN_IMAGES_FASHION_SMALL);
    d.subset[0] = 7; d.subset[1] = 5; d.n_subset = 2;
    d.train_limit = 100;
    d.dev_size = 50;
    nn_dataset tr, dv, te;
    CHECK(nn_images_load(&d, &tr, &dv, &te, NULL, 0) == NN_OK);
    CHECK(tr.classes == 2 && tr.n == 100 && dv.n == 50 && te.n == 100);
    CHECK(strcmp(tr.class_names[0], "Sneaker") == 0 && strcmp(tr.class_names[1], "Sandal") == 0);
    for (int i = 0; i < te.n; i++) CHECK(te.y[i] == 0.0f || te.y[i] == 1.0f);
    nn_dataset_free(&tr); nn_dataset_free(&dv); nn_dataset_free(&te);
    d.subset[1] = 7;
    CHECK(nn_images_load(&d, &tr, &dv, &te, NULL, 0) == NN_ERR_ARG);
    CHECK(strstr(nn_last_error(), "twice") != NULL);
    d.subset[1] = 10;
    CHECK(nn_images_load(&d, &tr, &dv, &te, NULL, 0) == NN_ERR_ARG);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

static int missing_full_set_falls_back(void)
{
    nn_images_desc d = nn_images_desc_default(NN_IMAGES_FASHION);
    d.dir = "/nonexistent/fashion";
    nn_dataset tr, dv, te;
    char notice[256];
    CHECK(nn_images_load(&d, &tr, &dv, &te, notice, sizeof notice) == NN_OK);
    CHECK(strstr(notice, "fashion-small") != NULL && strstr(notice, "/nonexistent/fashion") != NULL);
    CHECK(te.n == 500);
    nn_dataset_free(&tr); nn_dataset_free(&dv); nn_dataset_free(&te);
    return 0;
}

static int damaged_full_set_is_an_error(void)
{
    /* A directory with a train-images file that is not IDX: no silent fallback. */
    write_gz(tmp("train-images-idx3-ubyte.gz"), LABELS, sizeof LABELS);
    nn_images_desc d = nn_images_desc_default(NN_IMAGES_FASHION);
    d.dir = dir;
    nn_dataset tr, dv, te;
    CHECK(nn_images_load(&d, &tr, &dv, &te, NULL, 0) == NN_ERR_FORMAT);
    CHECK(strstr(nn_last_error(), "train-images-idx3-ubyte.gz") != NULL);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

static int full_fashion_if_installed(void)
{
    nn_images_desc d = nn_images_desc_default(NN_IMAGES_FASHION);
    FILE *f = fopen(NN_FASHION_DIR_DEFAULT "/t10k-labels-idx1-ubyte.gz", "rb");
    if (!f) { printf("(Fashion-MNIST not installed: skipped)\n"); return 0; }
    fclose(f);
    nn_dataset tr, dv, te;
    char notice[256];
    CHECK(nn_images_load(&d, &tr, &dv, &te, notice, sizeof notice) == NN_OK);
    CHECK(notice[0] == '\0');
    CHECK(tr.n == 50000 && dv.n == 10000 && te.n == 10000);
    CHECK(te.y[0] == 9.0f && te.y[1] == 2.0f);        /* t10k starts: Ankle boot, Pullover */
    nn_dataset_free(&tr); nn_dataset_free(&dv); nn_dataset_free(&te);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

static int cleanup(void)
{
    if (!dir[0]) return 0;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
    return 0;
}

static const test_case CASES[] = {
    { "reads_tiny_gz", reads_tiny_gz },
    { "reads_plain", reads_plain },
    { "rejects_broken_files", rejects_broken_files },
    { "rejects_damaged_gzip", rejects_damaged_gzip },
    { "fashion_small_split", fashion_small_split },
    { "subset_and_limit", subset_and_limit },
    { "missing_full_set_falls_back", missing_full_set_falls_back },
    { "damaged_full_set_is_an_error", damaged_full_set_is_an_error },
    { "full_fashion_if_installed", full_fashion_if_installed },
    { "zz_cleanup", cleanup },
};
TEST_MAIN(CASES)
