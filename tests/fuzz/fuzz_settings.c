/* tests/fuzz/fuzz_settings.c - libFuzzer target for the settings table
 * (nn_config_set: every nnlab-train option, --set NAME=VALUE and lesson
 * `set` lines). The input is NAME=VALUE; a setting that is accepted must read
 * back (nn_config_get) without trouble. */
#include "fuzz_util.h"
#include "nn/config.h"
#include "nn/status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_string(data, size);
    char *eq = strchr(s, '=');
    if (eq) {
        *eq = '\0';
        nn_config c = nn_config_default();
        if (nn_config_set(&c, s, eq + 1, NULL) == NN_OK) {
            char back[512];
            nn_config_get(&c, s, back, sizeof back);
        } else if (!nn_last_error()[0]) {
            __builtin_trap();
        }
    }
    free(s);
    return 0;
}
