/* tests/fuzz/fuzz_image.c - libFuzzer target for picture loading and
 * preparation (nn_image_load + nn_image_prepare), i.e. stb_image's PNG, JPEG
 * and BMP decoders as nnlab builds them, on any bytes. */
#include "fuzz_util.h"
#include "nn/image.h"
#include "nn/status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nn_image im;
    if (nn_image_load(fuzz_file(data, size, "img"), &im) == NN_OK) {
        float x[28 * 28];
        nn_image_prep_info info;
        nn_image_prepare(&im, 28, x, &info);
        for (int i = 0; i < 28 * 28; i++)
            if (!(x[i] >= 0.0f && x[i] <= 1.0f)) __builtin_trap();
        nn_image_free(&im);
    }
    if (nn_bytes_allocated() != 0) __builtin_trap();
    return 0;
}
