/* tests/fuzz/fuzz_layers.c - libFuzzer target for the --layers grammar.
 * The first byte picks the input (28x28 image, 3x8x8 image, or 784 flat);
 * the rest is the spec. A parsed spec must pass nn_model_desc_check or fail
 * it with a message; small models are built and run once. */
#include "fuzz_util.h"
#include "nn/layerspec.h"
#include "nn/status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    static const nn_shape IN[3] = { { 1, 28, 28 }, { 3, 8, 8 }, { 784, 1, 1 } };
    const nn_shape in = IN[data[0] % 3];
    char *spec = fuzz_string(data + 1, size - 1);
    nn_model_desc d;
    if (nn_layerspec_parse(spec, in, 10, NN_ACT_RELU, 0.01f, NN_INIT_HE, NN_LOSS_SOFTMAX, &d) == NN_OK) {
        size_t np = 0;
        if (nn_model_desc_check(&d, &np) == NN_OK && np < 200000) {
            nn_model *m = nn_model_create(&d, 1);
            if (m) {
                float *x = calloc((size_t)in.c * in.h * in.w, sizeof *x);
                if (x) (void)nn_model_forward(m, x, 1, 1);
                free(x);
                nn_model_destroy(m);
            }
        }
    } else if (!nn_last_error()[0]) {
        __builtin_trap();
    }
    free(spec);
    if (nn_bytes_allocated() != 0) __builtin_trap();
    return 0;
}
