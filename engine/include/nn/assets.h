/* nn/assets.h - find the files nnlab ships under assets/.
 *
 *     char path[4096];
 *     if (nn_asset_path("fashion-small/train.png", path, sizeof path)) fail(nn_last_error());
 *
 * Search order: $NNLAB_ASSETS; beside the running executable (EXE/../assets,
 * EXE/../../assets); an installation's EXE/../share/nnlab/assets (the path
 * from bin/ to share/nnlab/ is CMake's GNUInstallDirs one, NNLAB_DATA_REL);
 * for a program inside the build tree only (NNLAB_BINARY_DIR), the source
 * tree it was built from (NNLAB_SOURCE_DIR, so build trees and CI work; an
 * installed program never reads a checkout).
 * Thread-safety: reentrant.
 */
#ifndef NN_ASSETS_H
#define NN_ASSETS_H

#include <stddef.h>

/* Write the full path of assets/<rel> into out; NN_OK if that file exists,
 * NN_ERR_IO (message lists where it looked) otherwise. */
int nn_asset_path(const char *rel, char *out, size_t len);

/* The folder of shipped data called name ("lessons", "assets"): an
 * installation's EXE/../share/nnlab/<name>, else (build-tree programs) the
 * source tree's <name>. NN_OK with the path in out, NN_ERR_IO otherwise. */
int nn_data_dir(const char *name, char *out, size_t len);

#endif
