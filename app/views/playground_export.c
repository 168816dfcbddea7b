/* views/playground_export.c - the Playground's "Export as PyTorch script" (see playground_export.h). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "nn/status.h"
#include "nn/torch_export.h"
#include "views/playground_export.h"

int playground_export_torch(const nn_config *c, const char *dir, time_t now, char *msg, size_t len)
{
    char stamp[32], path[1024], where[512] = ".";
    strftime(stamp, sizeof stamp, "%Y%m%d_%H%M%S", localtime(&now));
    if (dir && dir[0]) snprintf(where, sizeof where, "%s", dir);
    else if (!getcwd(where, sizeof where)) snprintf(where, sizeof where, ".");
    /* A Python-friendly name: letters, digits and '_' ("fashion-small" -> "fashion_small"). */
    char data[32];
    snprintf(data, sizeof data, "%s", nn_config_data_name(c));
    for (char *p = data; *p; p++) if (*p == '-') *p = '_';
    snprintf(path, sizeof path, "%s/nnlab_%s_%s.py", where, data, stamp);
    if (nn_torch_export(c, path, NULL, 0) != NN_OK) {
        snprintf(msg, len, "Export failed: %s", nn_last_error());
        return -1;
    }
    snprintf(msg, len, "PyTorch script saved to %s (its data beside it)", path);
    return 0;
}
