/* Model files: round trip (architecture, weights, normalisation, class names;
 * bit-identical predictions), atomic writes, and refusal of damaged, truncated,
 * foreign and newer files. Pictures: loading and the Fashion-MNIST-like
 * preparation (invert, fit, centre by mass), and refusal of non-images. */
#include <stdlib.h>
#include <zlib.h>

#include <stb_image_write.h>

#include "nn/image.h"
#include "nn/images.h"
#include "nn/modelio.h"
#include "nn/status.h"
#include "nn/trainer.h"
#include "test.h"

static char dir[64];

static const char *tmp(const char *name)
{
    static char p[4][256];
    static int k;
    k = (k + 1) & 3;
    if (!dir[0]) { snprintf(dir, sizeof dir, "/tmp/nnlab_mio_XXXXXX"); if (!mkdtemp(dir)) abort(); }
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

static long file_size(const char *path, unsigned char *buf, long cap)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    const long n = (long)fread(buf, 1, (size_t)cap, f);
    fclose(f);
    return n;
}

static void write_bytes(const char *path, const unsigned char *b, long n)
{
    FILE *f = fopen(path, "wb");
    fwrite(b, 1, (size_t)n, f);
    fclose(f);
}

static nn_model *cnn(void)
{
    nn_model_desc d = nn_model_desc_default();
    d.in = (nn_shape){ 1, 12, 12 };
    d.loss = NN_LOSS_SOFTMAX;
    nn_model_add(&d, nn_layer_conv2d(4, 3, 1, 1, NN_INIT_HE));
    nn_model_add(&d, nn_layer_act(NN_ACT_LEAKY));
    nn_model_add(&d, nn_layer_maxpool(2, 2));
    nn_model_add(&d, nn_layer_flatten());
    nn_model_add(&d, nn_layer_dense(16, NN_INIT_XAVIER));
    nn_model_add(&d, nn_layer_batchnorm());
    nn_model_add(&d, nn_layer_act(NN_ACT_TANH));
    nn_model_add(&d, nn_layer_dropout(0.3f));
    nn_model_add(&d, nn_layer_dense(3, NN_INIT_XAVIER));
    return nn_model_create(&d, 77);
}

static int round_trip(void)
{
    nn_model *m = cnn();
    CHECK(m);
    float *w = nn_model_params(m);
    for (size_t i = 0; i < nn_model_param_count(m); i++) w[i] += 1e-3f * (float)(i % 17);
    float mean[144], inv[144], x[2 * 144];
    for (int i = 0; i < 144; i++) { mean[i] = 0.01f * i; inv[i] = 1.0f + 0.001f * i; }
    for (int i = 0; i < 2 * 144; i++) x[i] = (float)((i * 29) % 13) / 13.0f;
    const char *names[3] = { "cat", "dog", "a much longer class name" };
    const nn_model_extras ex = { mean, inv, 144, names, 3 };
    CHECK_MSG(nn_model_save(tmp("m.nnm"), m, &ex) == NN_OK, "%s", nn_last_error());
    FILE *f = fopen(tmp("m.nnm.tmp"), "rb");
    CHECK(f == NULL);                                 /* renamed into place */
    nn_saved_model s;
    CHECK_MSG(nn_model_load(tmp("m.nnm"), &s) == NN_OK, "%s", nn_last_error());
    CHECK(nn_model_param_count(s.model) == nn_model_param_count(m));
    CHECK(memcmp(nn_model_params(s.model), w, nn_model_param_count(m) * sizeof(float)) == 0);
    CHECK(memcmp(nn_model_get_desc(s.model), nn_model_get_desc(m), sizeof(nn_model_desc)) == 0);
    CHECK(s.n_norm == 144 && memcmp(s.mean, mean, sizeof mean) == 0 && memcmp(s.inv_std, inv, sizeof inv) == 0);
    CHECK(s.classes == 3 && strcmp(s.class_names[2], "a much longer class name") == 0);
    float z1[6], z2[6];
    memcpy(z1, nn_model_forward(m, x, 2, 0), sizeof z1);
    memcpy(z2, nn_model_forward(s.model, x, 2, 0), sizeof z2);
    CHECK(memcmp(z1, z2, sizeof z1) == 0);            /* bit-identical predictions */
    nn_saved_model_free(&s);
    /* No extras at all is fine too. */
    CHECK(nn_model_save(tmp("bare.nnm"), m, NULL) == NN_OK);
    CHECK(nn_model_load(tmp("bare.nnm"), &s) == NN_OK && s.n_norm == 0 && s.classes == 0);
    nn_saved_model_free(&s);
    nn_model_destroy(m);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

static int expect_refused(const char *path, int code, const char *needle)
{
    nn_saved_model s;
    const int rc = nn_model_load(path, &s);
    CHECK_MSG(rc == code, "%s: rc %d (%s)", path, rc, nn_last_error());
    CHECK_MSG(strstr(nn_last_error(), needle) != NULL, "'%s' lacks '%s'", nn_last_error(), needle);
    CHECK(s.model == NULL);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

static int refuses_bad_files(void)
{
    nn_model *m = cnn();
    CHECK(nn_model_save(tmp("good.nnm"), m, NULL) == NN_OK);
    nn_model_destroy(m);
    static unsigned char b[1 << 16];
    const long n = file_size(tmp("good.nnm"), b, sizeof b);
    CHECK(n > 100 && n < (long)sizeof b);
    /* A flipped bit in the weights. */
    b[n / 2] ^= 0x10;
    write_bytes(tmp("flip.nnm"), b, n);
    if (expect_refused(tmp("flip.nnm"), NN_ERR_FORMAT, "checksum")) return 1;
    b[n / 2] ^= 0x10;
    /* Truncated at several places. */
    const long cuts[] = { 0, 5, 12, 40, n / 2, n - 1 };
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        write_bytes(tmp("cut.nnm"), b, cuts[i]);
        nn_saved_model s;
        CHECK_MSG(nn_model_load(tmp("cut.nnm"), &s) == NN_ERR_FORMAT, "cut at %ld accepted", cuts[i]);
    }
    /* A foreign file. */
    write_bytes(tmp("foreign.nnm"), (const unsigned char *)"\x89PNG\r\n\x1a\n0000000000000000", 24);
    if (expect_refused(tmp("foreign.nnm"), NN_ERR_FORMAT, "not an nnlab model")) return 1;
    /* A newer version, with a valid checksum. */
    b[8] = 2;
    const uint32_t crc = (uint32_t)crc32(0L, b, (uInt)(n - 4));
    b[n - 4] = (unsigned char)crc; b[n - 3] = (unsigned char)(crc >> 8);
    b[n - 2] = (unsigned char)(crc >> 16); b[n - 1] = (unsigned char)(crc >> 24);
    write_bytes(tmp("v2.nnm"), b, n);
    if (expect_refused(tmp("v2.nnm"), NN_ERR_FORMAT, "version 2")) return 1;
    /* A valid checksum over an impossible architecture (layer kind 99). */
    b[8] = 1;
    b[36] = 99;
    const uint32_t crc2 = (uint32_t)crc32(0L, b, (uInt)(n - 4));
    b[n - 4] = (unsigned char)crc2; b[n - 3] = (unsigned char)(crc2 >> 8);
    b[n - 2] = (unsigned char)(crc2 >> 16); b[n - 1] = (unsigned char)(crc2 >> 24);
    write_bytes(tmp("kind.nnm"), b, n);
    if (expect_refused(tmp("kind.nnm"), NN_ERR_FORMAT, "unknown kind 99")) return 1;
    if (expect_refused(tmp("missing.nnm"), NN_ERR_IO, "no such file")) return 1;
    /* Saving into a missing directory fails cleanly. */
    m = cnn();
    CHECK(nn_model_save("/nonexistent/dir/m.nnm", m, NULL) == NN_ERR_IO);
    nn_model_destroy(m);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* Train briefly with normalisation, save, load: the loaded model applied to
 * raw inputs predicts exactly what the trainer predicts. */
static int trained_model_round_trip(void)
{
    nn_images_desc id = nn_images_desc_default(NN_IMAGES_FASHION_SMALL);
    id.train_limit = 200;
    id.dev_size = 50;
    nn_dataset tr, dv, te;
    CHECK(nn_images_load(&id, &tr, &dv, &te, NULL, 0) == NN_OK);
    nn_train_desc d = nn_train_desc_default();
    d.model = nn_model_desc_mlp(784, (int[]){ 16 }, 1, 10, NN_ACT_RELU, 0, NN_INIT_HE, NN_LOSS_SOFTMAX);
    d.normalize = 1;
    nn_trainer *t = nn_trainer_create(&d, &tr, &dv, &te);
    CHECK(t);
    CHECK(nn_trainer_epoch(t) == NN_OK);
    const float *mean, *inv;
    const int nn = nn_trainer_normalisation(t, &mean, &inv);
    CHECK(nn == 784);
    const nn_model_extras ex = { mean, inv, nn, tr.class_names, tr.classes };
    CHECK(nn_model_save(tmp("t.nnm"), nn_trainer_model(t), &ex) == NN_OK);
    static float x[8 * 784], y[8], z1[80], x2[8 * 784];
    nn_dataset_slice(&te, 0, 8, x, y);
    memcpy(z1, nn_trainer_predict(t, x, 8), sizeof z1);
    nn_saved_model s;
    CHECK(nn_model_load(tmp("t.nnm"), &s) == NN_OK);
    CHECK(strcmp(s.class_names[7], "Sneaker") == 0);
    memcpy(x2, x, sizeof x);
    nn_saved_model_normalise(&s, x2, 8);
    CHECK(memcmp(z1, nn_model_forward(s.model, x2, 8, 0), sizeof z1) == 0);
    /* Loading the weights into a fresh trainer continues from them. */
    nn_trainer *t2 = nn_trainer_create(&d, &tr, &dv, &te);
    CHECK(nn_trainer_load_params(t2, nn_model_params(s.model), nn_model_param_count(s.model)) == NN_OK);
    int n1, n2;
    const nn_metrics *h1 = nn_trainer_history(t, &n1), *h2 = nn_trainer_history(t2, &n2);
    CHECK(n2 == 1 && h2[0].test_loss == h1[1].test_loss);
    CHECK(nn_trainer_load_params(t2, nn_model_params(s.model), 3) == NN_ERR_ARG);
    nn_trainer_destroy(t2);
    nn_saved_model_free(&s);
    nn_trainer_destroy(t);
    nn_dataset_free(&tr); nn_dataset_free(&dv); nn_dataset_free(&te);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

/* A dark 30x50 rectangle (the "object") on white paper, 100 x 80 pixels. */
static int prepare_dark_object_on_light_paper(void)
{
    static unsigned char px[80 * 100];
    for (int y = 0; y < 80; y++)
        for (int x = 0; x < 100; x++)
            px[y * 100 + x] = (x >= 10 && x < 60 && y >= 40 && y < 70) ? 20 : 240;
    CHECK(stbi_write_png(tmp("obj.png"), 100, 80, 1, px, 100));
    nn_image im;
    CHECK_MSG(nn_image_load(tmp("obj.png"), &im) == NN_OK, "%s", nn_last_error());
    CHECK(im.w == 100 && im.h == 80 && im.px[0] == 240);
    float out[28 * 28];
    nn_image_prep_info info;
    nn_image_prepare(&im, 28, out, &info);
    CHECK(info.inverted == 1);
    CHECK(info.box_x == 10 && info.box_y == 40 && info.box_w == 50 && info.box_h == 30);
    /* The 50-wide object fills the 28-pixel width; 30 high -> 17 rows; centred. */
    int rows = 0;
    double mass = 0, my = 0, mx = 0;
    for (int y = 0; y < 28; y++) {
        int on = 0;
        for (int x = 0; x < 28; x++) {
            const float v = out[y * 28 + x];
            CHECK(v >= 0.0f && v <= 1.0f);
            on |= v > 0.5f;
            mass += v; mx += v * (x + 0.5); my += v * (y + 0.5);
        }
        rows += on;
    }
    CHECK_MSG(rows >= 16 && rows <= 18, "%d rows", rows);
    CHECK(out[14 * 28 + 0] > 0.9f && out[14 * 28 + 27] > 0.9f);
    CHECK_NEAR(mx / mass, 14.0, 0.6);
    CHECK_NEAR(my / mass, 14.0, 0.6);
    nn_image_free(&im);
    /* A blank picture prepares to zeros. */
    memset(px, 255, sizeof px);
    CHECK(stbi_write_bmp(tmp("blank.bmp"), 100, 80, 1, px));
    CHECK(nn_image_load(tmp("blank.bmp"), &im) == NN_OK);
    nn_image_prepare(&im, 28, out, NULL);
    for (int i = 0; i < 28 * 28; i++) CHECK(out[i] == 0.0f);
    nn_image_free(&im);
    CHECK(nn_bytes_allocated() == 0);
    return 0;
}

static int refuses_non_images(void)
{
    nn_image im;
    write_bytes(tmp("text.png"), (const unsigned char *)"hello, this is not a picture\n", 29);
    CHECK(nn_image_load(tmp("text.png"), &im) == NN_ERR_FORMAT);
    CHECK(strstr(nn_last_error(), "not a PNG, JPEG or BMP") != NULL);
    write_bytes(tmp("empty.png"), (const unsigned char *)"", 0);
    CHECK(nn_image_load(tmp("empty.png"), &im) == NN_ERR_FORMAT);
    CHECK(strstr(nn_last_error(), "empty") != NULL);
    CHECK(nn_image_load(tmp("missing.png"), &im) == NN_ERR_IO);
    /* A PNG whose header claims 100000 x 100000 pixels. */
    static unsigned char px[4 * 4];
    CHECK(stbi_write_png(tmp("small.png"), 4, 4, 1, px, 4));
    static unsigned char b[4096];
    const long n = file_size(tmp("small.png"), b, sizeof b);
    b[16] = 0; b[17] = 1; b[18] = 0x86; b[19] = 0xa0;     /* IHDR width = 100000 */
    b[20] = 0; b[21] = 1; b[22] = 0x86; b[23] = 0xa0;     /* height */
    write_bytes(tmp("huge.png"), b, n);
    CHECK(nn_image_load(tmp("huge.png"), &im) == NN_ERR_FORMAT);
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
    { "round_trip", round_trip },
    { "refuses_bad_files", refuses_bad_files },
    { "trained_model_round_trip", trained_model_round_trip },
    { "prepare_dark_object_on_light_paper", prepare_dark_object_on_light_paper },
    { "refuses_non_images", refuses_non_images },
    { "zz_cleanup", cleanup },
};
TEST_MAIN(CASES)
