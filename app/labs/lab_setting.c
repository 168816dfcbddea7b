/* app/labs/lab_setting.c - see lab_setting.h. */
#include "labs/lab_setting.h"

#include "nn/config.h"
#include "nn/status.h"

int lab_unknown_setting(const char *name, const lab_setting *table, int n)
{
    const char *best = NULL;
    int best_d = 4;
    for (int i = 0; i < n; i++) {
        const int d = nn_edit_distance(name, table[i].name);
        if (d < best_d) { best_d = d; best = table[i].name; }
    }
    if (best) return nn_set_error(NN_ERR_ARG, "unknown lab setting '%s' (did you mean '%s'?)", name, best);
    return nn_set_error(NN_ERR_ARG, "unknown lab setting '%s'", name);
}
