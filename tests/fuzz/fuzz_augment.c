/* tests/fuzz/fuzz_augment.c - libFuzzer target for the --augment grammar; a
 * parsed description is applied to one 28x28 image. */
#include "fuzz_util.h"
#include "nn/augment.h"
#include "nn/status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *spec = fuzz_string(data, size);
    nn_augment_desc a;
    if (nn_augment_parse(spec, &a) != NN_OK && !nn_last_error()[0]) __builtin_trap();
    free(spec);
    return 0;
}
