/* tests/fuzz/fuzz_setup.c - libFuzzer target for setup files (nn/setup.h:
 * nnlab FILE, Ctrl+O, nnlab-train --setup). Any bytes are parsed; a refusal
 * must carry a message; a setup that is accepted is written and parsed back,
 * and written again gives the same text (what the window saves reopens). */
#include "fuzz_util.h"
#include "nn/setup.h"
#include "nn/status.h"

static char *written(const nn_setup *s, size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);
    if (!f) abort();
    const int rc = nn_setup_write(f, s, NULL);
    fclose(f);
    if (rc != NN_OK) { free(text); return NULL; }   /* a value with a line break: refused, with a message */
    return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static nn_setup a, b;
    nn_setup_init(&a);
    if (nn_setup_parse((const char *)data, size, "fuzz", &a) != NN_OK) {
        if (!nn_last_error()[0]) __builtin_trap();
        return 0;
    }
    size_t n1, n2;
    char *t1 = written(&a, &n1);
    if (!t1) return 0;
    nn_setup_init(&b);
    if (nn_setup_parse(t1, n1, "again", &b) != NN_OK) __builtin_trap();   /* what was written reads back */
    char *t2 = written(&b, &n2);
    if (!t2 || n1 != n2 || memcmp(t1, t2, n1) != 0) __builtin_trap();
    free(t1);
    free(t2);
    return 0;
}
