/* make_fashion_small - regenerate assets/fashion-small/ from Fashion-MNIST.
 *
 *   cmake --build build --target make_fashion_small
 *   build/tests/tools/make_fashion_small /usr/share/datasets/fashion-mnist assets/fashion-small
 *
 * Takes, in file order, the first 200 training images of each class and the
 * first 50 test images of each class (so the set is balanced: 2,000 + 500),
 * keeps them in the order they appear in the files, and writes
 *   train.png / test.png           gray sprite sheets, 50 tiles of 28x28 per row
 *   train-labels.txt / test-labels.txt   one digit per tile, 50 per line
 * The output is deterministic: same input files, same bytes.
 */
#include <stdio.h>
#include <string.h>

#include <stb_image_write.h>

#include "nn/idx.h"
#include "nn/status.h"

enum { SIDE = 28, COLS = 50, CLASSES = 10 };

static int make(const char *src, const char *dst, const char *prefix, const char *name, int per_class)
{
    char ip[4096], lp[4096];
    snprintf(ip, sizeof ip, "%s/%s-images-idx3-ubyte.gz", src, prefix);
    snprintf(lp, sizeof lp, "%s/%s-labels-idx1-ubyte.gz", src, prefix);
    nn_idx img, lab;
    if (nn_idx_read(ip, 3, &img) || nn_idx_read(lp, 1, &lab)) {
        fprintf(stderr, "make_fashion_small: %s\n", nn_last_error());
        return 1;
    }
    const int total = per_class * CLASSES, rows = (total + COLS - 1) / COLS;
    static unsigned char sheet[COLS * SIDE * 40 * SIDE];
    static char labels[COLS * 40 + 64];
    int taken[CLASSES] = { 0 }, n = 0;
    memset(sheet, 0, sizeof sheet);
    for (int i = 0; i < img.dims[0] && n < total; i++) {
        const int c = lab.data[i];
        if (c >= CLASSES || taken[c] >= per_class) continue;
        taken[c]++;
        const int tx = (n % COLS) * SIDE, ty = (n / COLS) * SIDE;
        for (int y = 0; y < SIDE; y++)
            memcpy(sheet + (size_t)(ty + y) * COLS * SIDE + tx, img.data + (size_t)i * SIDE * SIDE + y * SIDE, SIDE);
        labels[n++] = (char)('0' + c);
    }
    nn_idx_free(&img);
    nn_idx_free(&lab);
    if (n != total) { fprintf(stderr, "make_fashion_small: only %d of %d images found\n", n, total); return 1; }
    char out[4096];
    snprintf(out, sizeof out, "%s/%s.png", dst, name);
    if (!stbi_write_png(out, COLS * SIDE, rows * SIDE, 1, sheet, COLS * SIDE)) {
        fprintf(stderr, "make_fashion_small: cannot write %s\n", out);
        return 1;
    }
    snprintf(out, sizeof out, "%s/%s-labels.txt", dst, name);
    FILE *f = fopen(out, "w");
    if (!f) { fprintf(stderr, "make_fashion_small: cannot write %s\n", out); return 1; }
    for (int i = 0; i < n; i++) fprintf(f, "%c%s", labels[i], (i + 1) % COLS == 0 || i + 1 == n ? "\n" : "");
    if (fclose(f)) { fprintf(stderr, "make_fashion_small: cannot write %s\n", out); return 1; }
    printf("%s: %d images (%d per class)\n", name, n, per_class);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: make_fashion_small FASHION_MNIST_DIR OUTPUT_DIR\n");
        return 2;
    }
    return make(argv[1], argv[2], "train", "train", 200) || make(argv[1], argv[2], "t10k", "test", 50);
}
