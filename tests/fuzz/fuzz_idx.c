/* tests/fuzz/fuzz_idx.c - libFuzzer target for the IDX reader (plain and
 * gzip-compressed files through zlib). */
#include "fuzz_util.h"
#include "nn/idx.h"
#include "nn/status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nn_idx x;
    if (nn_idx_read(fuzz_file(data, size, "idx"), 0, &x) == NN_OK) {
        size_t n = 1;
        for (int i = 0; i < x.ndim; i++) n *= (size_t)x.dims[i];
        if (n != x.count) __builtin_trap();
        volatile unsigned sum = 0;
        for (size_t i = 0; i < x.count; i++) sum += x.data[i];
        nn_idx_free(&x);
    }
    if (nn_bytes_allocated() != 0) __builtin_trap();
    return 0;
}
