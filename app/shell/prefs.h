/* app/shell/prefs.h - what a user changed, remembered between runs.
 *
 * Stored as `key = value` lines in $XDG_CONFIG_HOME/nnlab/settings.ini
 * (~/.config/nnlab/settings.ini when XDG_CONFIG_HOME is unset), written to a
 * temporary file and renamed, so a crash never leaves a half-written file.
 * Unknown keys are kept as they are, so older and newer versions can share it.
 */
#ifndef NNLAB_PREFS_H
#define NNLAB_PREFS_H

#define PREFS_MAX 64

typedef struct prefs {
    int  n;
    char key[PREFS_MAX][48];
    char value[PREFS_MAX][208];
} prefs;

/* The settings file path; 0 on success, -1 if no home directory is known. */
int  prefs_path(char *buf, int len);
/* Load (a missing or unreadable file gives empty prefs, never an error). */
void prefs_load(prefs *p);
/* Save atomically; 0 or -1 with a message in err. */
int  prefs_save(const prefs *p, char *err, int err_len);

const char *prefs_get(const prefs *p, const char *key, const char *fallback);
double      prefs_get_num(const prefs *p, const char *key, double fallback);
void        prefs_set(prefs *p, const char *key, const char *value);

#endif
