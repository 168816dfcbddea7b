/* nn/file.h - opening input files and writing output files safely.
 *
 * Every reader in nnlab (model files, images, IDX data, lessons, settings)
 * opens its input through nn_file_open_read, which accepts only a regular
 * file: a FIFO would block the reader forever, a directory or a device is
 * never what was meant. Its messages tell "no such file" from "permission
 * denied" from "not a regular file":
 *
 *     FILE *f = nn_file_open_read(path);
 *     if (!f) return NN_ERR_IO;            // nn_last_error(): "<path>: no such file"
 *
 * Every writer writes PATH.tmp and renames it over PATH only when complete
 * (an interrupted write never leaves half a file), and refuses a target that
 * exists but is not a regular file: renaming over /dev/full or a FIFO would
 * replace the device node instead of writing to it.
 *
 *     nn_file_out o;
 *     if (nn_file_out_open(&o, path)) return NN_ERR_IO;
 *     fprintf(o.f, ...);
 *     if (nn_file_out_commit(&o)) return NN_ERR_IO;   // or nn_file_out_abort(&o)
 *
 * All functions set nn_last_error() on failure. Thread-safety: reentrant.
 */
#ifndef NN_FILE_H
#define NN_FILE_H

#include <stdio.h>

/* Check that path names an existing regular file (without opening it).
 * NN_OK, or NN_ERR_IO with the reason. */
int   nn_file_check_regular(const char *path);
/* Open a regular file for reading (binary); NULL + NN_ERR_IO message if it is
 * missing, unreadable or not a regular file. Never blocks on a FIFO. */
FILE *nn_file_open_read(const char *path);
/* The same as a file descriptor (for gzdopen); -1 on error. */
int   nn_file_open_read_fd(const char *path);

typedef struct nn_file_out {
    FILE *f;                 /* write here; NULL when not open */
    char  path[4096];
    char  tmp[4104];         /* path + ".tmp" */
} nn_file_out;

/* Refuse (NN_ERR_IO) a path that exists and is not a regular file, or one too
 * long; otherwise create PATH.tmp. */
int  nn_file_out_open(nn_file_out *o, const char *path);
/* Flush, sync, close and rename PATH.tmp over PATH. NN_OK, or NN_ERR_IO with
 * the reason (disk full, ...) and PATH.tmp removed. */
int  nn_file_out_commit(nn_file_out *o);
/* Close and remove PATH.tmp (a no-op when not open). */
void nn_file_out_abort(nn_file_out *o);

#endif
