/* tests/fuzz/fuzz_settings_ini.c - libFuzzer target for settings.ini, the
 * file the window remembers its settings in (app/shell/prefs.c): any bytes
 * as $XDG_CONFIG_HOME/nnlab/settings.ini, loaded and read back. */
#include <sys/stat.h>

#include "fuzz_util.h"
#include "shell/prefs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char dir[256];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/nnlab_fuzz_ini_%ld", (long)getpid());
        char sub[300];
        snprintf(sub, sizeof sub, "%s/nnlab", dir);
        mkdir(dir, 0700);
        mkdir(sub, 0700);
        setenv("XDG_CONFIG_HOME", dir, 1);
    }
    char path[400];
    snprintf(path, sizeof path, "%s/nnlab/settings.ini", dir);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) abort();
    prefs p;
    prefs_load(&p);
    for (int i = 0; i < p.n; i++) {
        (void)prefs_get(&p, p.key[i], "");
        (void)prefs_get_num(&p, p.key[i], 0.0);
    }
    return 0;
}
