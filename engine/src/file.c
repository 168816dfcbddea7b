/* file.c - regular-file input and replace-by-rename output (see nn/file.h). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nn/file.h"
#include "nn/status.h"

static const char *kind_of(mode_t m)
{
    if (S_ISDIR(m)) return "a directory";
    if (S_ISFIFO(m)) return "a FIFO (named pipe)";
    if (S_ISCHR(m) || S_ISBLK(m)) return "a device";
    if (S_ISSOCK(m)) return "a socket";
    return "not a regular file";
}

static int open_error(const char *path, int err)
{
    if (err == ENOENT || err == ENOTDIR) return nn_set_error(NN_ERR_IO, "%s: cannot open: no such file", path);
    if (err == EACCES || err == EPERM)
        return nn_set_error(NN_ERR_IO, "%s: cannot open: permission denied (the file exists "
                            "but this user may not read it)", path);
    return nn_set_error(NN_ERR_IO, "%s: cannot open: %s", path, strerror(err));
}

static int not_regular(const char *path, mode_t m)
{
    return nn_set_error(NN_ERR_IO, "%s: cannot open: it is %s, not a regular file", path, kind_of(m));
}

int nn_file_check_regular(const char *path)
{
    struct stat st;
    if (!path || !*path) return nn_set_error(NN_ERR_IO, "no file name given");
    if (stat(path, &st) != 0) return open_error(path, errno);
    if (!S_ISREG(st.st_mode)) return not_regular(path, st.st_mode);
    return NN_OK;
}

int nn_file_open_read_fd(const char *path)
{
    if (nn_file_check_regular(path)) return -1;
    /* O_NONBLOCK: if the path was swapped for a FIFO since the check, open
     * returns at once and fstat below refuses it. */
    const int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) { open_error(path, errno); return -1; }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        not_regular(path, st.st_mode);
        close(fd);
        return -1;
    }
    const int fl = fcntl(fd, F_GETFL);
    if (fl != -1) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    return fd;
}

FILE *nn_file_open_read(const char *path)
{
    const int fd = nn_file_open_read_fd(path);
    if (fd < 0) return NULL;
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        nn_set_error(NN_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
        close(fd);
    }
    return f;
}

/* fopen of path's temporary file said ENOENT or ENOTDIR: say whether the
 * folder is missing, is not a folder, or is there but takes no new files
 * (as /proc: "the directory does not exist" would be wrong there). */
static int missing_dir_error(const char *path, int err)
{
    char dir[sizeof ((nn_file_out *)0)->path];
    const char *slash = strrchr(path, '/');
    if (!slash) snprintf(dir, sizeof dir, ".");
    else if (slash == path) snprintf(dir, sizeof dir, "/");
    else snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    struct stat st;
    if (stat(dir, &st) != 0)
        return nn_set_error(NN_ERR_IO, "%s: cannot write: the directory does not exist", path);
    if (!S_ISDIR(st.st_mode))
        return nn_set_error(NN_ERR_IO, "%s: cannot write: %s is not a directory", path, dir);
    return nn_set_error(NN_ERR_IO, "%s: cannot write: cannot create a file in %s (%s)", path, dir,
                        strerror(err));
}

int nn_file_out_open(nn_file_out *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path || !*path) return nn_set_error(NN_ERR_IO, "no file name given");
    if (strlen(path) >= sizeof o->path) return nn_set_error(NN_ERR_IO, "%.64s...: the path is too long", path);
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return nn_set_error(NN_ERR_IO, "%s: cannot write: it is %s, not a regular file "
                            "(nnlab replaces only regular files)", path, kind_of(st.st_mode));
    snprintf(o->path, sizeof o->path, "%s", path);
    snprintf(o->tmp, sizeof o->tmp, "%s.tmp", path);
    if (stat(o->tmp, &st) == 0 && !S_ISREG(st.st_mode))
        return nn_set_error(NN_ERR_IO, "%s: cannot write: %s is %s", path, o->tmp, kind_of(st.st_mode));
    if (!(o->f = fopen(o->tmp, "wb"))) {
        const int err = errno;
        if (err == ENOENT || err == ENOTDIR) return missing_dir_error(path, err);
        return nn_set_error(NN_ERR_IO, "%s: cannot write: %s", path, strerror(err));
    }
    return NN_OK;
}

int nn_file_out_commit(nn_file_out *o)
{
    if (!o->f) return nn_set_error(NN_ERR_IO, "%s: not open for writing", o->path);
    errno = 0;
    int ok = !ferror(o->f) && fflush(o->f) == 0 && fsync(fileno(o->f)) == 0;
    int err = errno;
    if (fclose(o->f) != 0 && ok) { ok = 0; err = errno; }
    o->f = NULL;
    if (ok && rename(o->tmp, o->path) != 0) { ok = 0; err = errno; }
    if (!ok) {
        remove(o->tmp);
        return nn_set_error(NN_ERR_IO, "%s: write failed: %s", o->path,
                            err ? strerror(err) : "I/O error");
    }
    return NN_OK;
}

void nn_file_out_abort(nn_file_out *o)
{
    if (!o->f) return;
    fclose(o->f);
    o->f = NULL;
    remove(o->tmp);
}
