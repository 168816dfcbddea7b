/* nn/assets.h - find the files nnlab ships under assets/.
 *
 *     char path[4096];
 *     if (nn_asset_path("fashion-small/train.png", path, sizeof path)) fail(nn_last_error());
 *
 * Search order: $NNLAB_ASSETS; beside the running executable (EXE/../assets,
 * EXE/../../assets, EXE/../share/nnlab/assets); the source tree the engine
 * was built from (compile-time NNLAB_SOURCE_DIR, so build trees and CI work).
 * Thread-safety: reentrant.
 */
#ifndef NN_ASSETS_H
#define NN_ASSETS_H

#include <stddef.h>

/* Write the full path of assets/<rel> into out; NN_OK if that file exists,
 * NN_ERR_IO (message lists where it looked) otherwise. */
int nn_asset_path(const char *rel, char *out, size_t len);

#endif
