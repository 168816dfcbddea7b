/* app/shell/prefs.c - settings remembered between runs (see prefs.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "nn/file.h"
#include "nn/parse.h"
#include "nn/status.h"
#include "shell/prefs.h"

int prefs_path(char *buf, int len)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    if (xdg && *xdg) snprintf(buf, (size_t)len, "%s/nnlab/settings.ini", xdg);
    else if (home && *home) snprintf(buf, (size_t)len, "%s/.config/nnlab/settings.ini", home);
    else return -1;
    return 0;
}

static void trim(char *s)
{
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r')) *--e = '\0';
    char *b = s;
    while (*b == ' ' || *b == '\t') b++;
    if (b != s) memmove(s, b, strlen(b) + 1);
}

void prefs_load(prefs *p)
{
    memset(p, 0, sizeof *p);
    char path[1024], line[512];
    if (prefs_path(path, sizeof path)) return;
    FILE *f = nn_file_open_read(path);     /* missing or not a regular file: defaults */
    if (!f) return;
    while (fgets(line, sizeof line, f)) {
        char *eq = strchr(line, '=');
        if (line[0] == '#' || !eq) continue;
        *eq = '\0';
        char key[512], value[512];
        snprintf(key, sizeof key, "%s", line);
        snprintf(value, sizeof value, "%s", eq + 1);
        trim(key);
        trim(value);
        if (*key && strlen(key) < sizeof p->key[0] && strlen(value) < sizeof p->value[0])
            prefs_set(p, key, value);
    }
    fclose(f);
}

/* mkdir -p for the directory part of path. */
static int make_dirs(const char *path)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash) return 0;
    *slash = '\0';
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(dir, 0755) != 0 && errno != EEXIST) return -1;
        *p = '/';
    }
    return mkdir(dir, 0755) != 0 && errno != EEXIST ? -1 : 0;
}

int prefs_save(const prefs *p, char *err, int err_len)
{
    char path[1024];
    if (prefs_path(path, sizeof path)) {
        snprintf(err, (size_t)err_len, "settings not saved: no HOME or XDG_CONFIG_HOME");
        return -1;
    }
    if (make_dirs(path) != 0) {
        snprintf(err, (size_t)err_len, "settings not saved to %s: %s", path, strerror(errno));
        return -1;
    }
    nn_file_out o;
    if (nn_file_out_open(&o, path) != NN_OK) {
        snprintf(err, (size_t)err_len, "settings not saved: %s", nn_last_error());
        return -1;
    }
    fprintf(o.f, "# nnlab settings, written by the program\n");
    for (int i = 0; i < p->n; i++) fprintf(o.f, "%s = %s\n", p->key[i], p->value[i]);
    if (nn_file_out_commit(&o) != NN_OK) {
        snprintf(err, (size_t)err_len, "settings not saved: %s", nn_last_error());
        return -1;
    }
    return 0;
}

const char *prefs_get(const prefs *p, const char *key, const char *fallback)
{
    for (int i = 0; i < p->n; i++)
        if (strcmp(p->key[i], key) == 0) return p->value[i];
    return fallback;
}

double prefs_get_num(const prefs *p, const char *key, double fallback)
{
    const char *v = prefs_get(p, key, NULL);
    double x;
    return v && nn_parse_float(key, v, -1e300, 1e300, &x) == NN_OK ? x : fallback;
}

void prefs_set(prefs *p, const char *key, const char *value)
{
    int i = 0;
    while (i < p->n && strcmp(p->key[i], key) != 0) i++;
    if (i == p->n) {
        if (p->n == PREFS_MAX) return;
        p->n++;
    }
    /* key or value may be one of p's own strings (a value read back and set
     * again): copy through a buffer, never snprintf a string onto itself */
    char k[sizeof p->key[0]], v[sizeof p->value[0]];
    snprintf(k, sizeof k, "%s", key);
    snprintf(v, sizeof v, "%s", value);
    memcpy(p->key[i], k, sizeof k);
    memcpy(p->value[i], v, sizeof v);
}
