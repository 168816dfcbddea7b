/* tests/fuzz/fuzz_model.c - libFuzzer target for the model file loader.
 * Any bytes give a model or one error; a loaded model runs one forward pass.
 * Nothing may leak (nn_bytes_allocated returns to 0). */
#include "fuzz_util.h"
#include "nn/modelio.h"
#include "nn/status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nn_saved_model s;
    if (nn_model_load(fuzz_file(data, size, "nnm"), &s) == NN_OK) {
        const int n = nn_model_n_in(s.model);
        float *x = calloc((size_t)n, sizeof *x);
        if (x) {
            nn_saved_model_normalise(&s, x, 1);
            (void)nn_model_forward(s.model, x, 1, 0);
        }
        free(x);
        nn_saved_model_free(&s);
    } else if (!nn_last_error()[0]) {
        __builtin_trap();
    }
    if (nn_bytes_allocated() != 0) __builtin_trap();
    return 0;
}
