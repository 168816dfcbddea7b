/* views/playground_export.h - the Playground's "Export as PyTorch script" button.
 *
 * Writes DIR/nnlab_<data>_<YYYYmmdd_HHMMSS>.py and its data files (nn/torch_export.h)
 * for the Playground's current settings. No SDL: tests call it directly.
 */
#ifndef PLAYGROUND_EXPORT_H
#define PLAYGROUND_EXPORT_H

#include <stddef.h>
#include <time.h>

#include "nn/config.h"

/* Export c into directory `dir` (NULL or "" = the working directory) with a
 * name from `now`. Returns 0 and msg = "PyTorch script saved to PATH (...)",
 * or -1 and msg = "Export failed: <reason>"; msg is a toast's text. */
int playground_export_torch(const nn_config *c, const char *dir, time_t now, char *msg, size_t len);

#endif
