/* make_test_files.c - writes the small binary fixtures in tests/data/ and the
 * seed corpora of tests/fuzz/corpus/ that the engine itself can produce:
 *
 *   make_test_files DIR
 *     DIR/tiny.nnm        a valid model: 2x2 input, dense 3, softmax (27 params)
 *     DIR/wide300.nnm     a valid model with 300 outputs (more than
 *                         NN_MODEL_MAX_CLASSES): predict must not overflow
 *     DIR/cnn.nnm         a valid small CNN: 1x5x5, conv 2x3x3, max-pool 2, dense 2
 *     DIR/tiny.png, tiny.bmp   4x4 gray pictures (stb_image_write)
 *
 * Built on request: cmake --build build --target make_test_files
 */
#include <stdio.h>

#include <stb_image_write.h>

#include "nn/model.h"
#include "nn/modelio.h"
#include "nn/status.h"

static int save(const char *dir, const char *name, int side, int n_out)
{
    nn_model_desc d = nn_model_desc_default();
    d.in = (nn_shape){ side * side, 1, 1 };
    nn_model_add(&d, nn_layer_dense(n_out, NN_INIT_HE));
    nn_model *m = nn_model_create(&d, 1);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    const int rc = m ? nn_model_save(path, m, NULL) : NN_ERR_ARG;
    if (rc) fprintf(stderr, "make_test_files: %s\n", nn_last_error());
    nn_model_destroy(m);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 2) { fprintf(stderr, "usage: make_test_files DIR\n"); return 2; }
    const char *dir = argv[1];
    if (save(dir, "tiny.nnm", 2, 3) || save(dir, "wide300.nnm", 2, 300)) return 1;
    nn_model_desc d = nn_model_desc_default();
    d.in = (nn_shape){ 1, 5, 5 };
    nn_model_add(&d, nn_layer_conv2d(2, 3, 1, 1, NN_INIT_HE));
    nn_model_add(&d, nn_layer_act(NN_ACT_RELU));
    nn_model_add(&d, nn_layer_maxpool(2, 2));
    nn_model_add(&d, nn_layer_flatten());
    nn_model_add(&d, nn_layer_dense(2, NN_INIT_HE));
    nn_model *m = nn_model_create(&d, 1);
    char cnn[4096];
    snprintf(cnn, sizeof cnn, "%s/cnn.nnm", dir);
    if (!m || nn_model_save(cnn, m, NULL)) { fprintf(stderr, "make_test_files: %s\n", nn_last_error()); return 1; }
    nn_model_destroy(m);
    unsigned char px[16];
    for (int i = 0; i < 16; i++) px[i] = (unsigned char)(i % 5 == 0 ? 20 : 230);
    char path[4096];
    snprintf(path, sizeof path, "%s/tiny.png", dir);
    if (!stbi_write_png(path, 4, 4, 1, px, 4)) return 1;
    snprintf(path, sizeof path, "%s/tiny.bmp", dir);
    if (!stbi_write_bmp(path, 4, 4, 1, px)) return 1;
    return 0;
}
