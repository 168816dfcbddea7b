/* setup.c - setup files and the history CSV (see nn/setup.h). */
#include <stdlib.h>
#include <string.h>

#include "nn/file.h"
#include "nn/parse.h"
#include "nn/setup.h"
#include "nn/status.h"

void nn_setup_init(nn_setup *s)
{
    memset(s, 0, sizeof *s);
    s->cfg = nn_config_default();
}

/* Spaces and tabs (and a '\r' of a Windows line end) off both ends, in place. */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) *--e = '\0';
    return s;
}

static int line_error(const char *name, int line, const char *what)
{
    return nn_set_error(NN_ERR_ARG, "%s:%d: %s", name, line, what);
}

/* The header line: NN_OK, or the message for a file that is not a setup or is a newer one. */
static int check_header(const char *name, char *first)
{
    const char *t = trim(first);
    if (strcmp(t, NN_SETUP_HEADER) == 0) return NN_OK;
    long v;
    const char *prefix = "# nnlab setup ";
    if (strncmp(t, prefix, strlen(prefix)) == 0 &&
        nn_parse_int("version", t + strlen(prefix), 2, 1000000, &v) == NN_OK)
        return nn_set_error(NN_ERR_ARG, "%s:1: a setup of version %ld, written by a newer nnlab "
                                        "(this one reads version %d)", name, v, NN_SETUP_VERSION);
    return nn_set_error(NN_ERR_ARG, "%s:1: not an nnlab setup (the first line must be '%s')",
                        name, NN_SETUP_HEADER);
}

/* The window's own keys: text kept for the window to check. 1 if `key` is one. */
static int window_key(nn_setup *s, const char *name, int line, const char *key, const char *value, int *rc)
{
    *rc = NN_OK;
    if (strcmp(key, "view") == 0) {
        if (!*value || strlen(value) >= sizeof s->view || strspn(value, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(value))
            *rc = nn_set_error(NN_ERR_ARG, "%s:%d: view expects a view's name (e.g. playground), got '%s'",
                               name, line, value);
        else { snprintf(s->view, sizeof s->view, "%s", value); s->view_line = line; }
        return 1;
    }
    if (strcmp(key, "lesson") == 0) {
        if (!*value || strlen(value) >= sizeof s->lesson)
            *rc = nn_set_error(NN_ERR_ARG, "%s:%d: lesson expects a lesson file (at most %d characters), got '%s'",
                               name, line, (int)sizeof s->lesson - 1, value);
        else { snprintf(s->lesson, sizeof s->lesson, "%s", value); s->lesson_line = line; }
        return 1;
    }
    if (strcmp(key, "lesson-step") == 0) {
        long k;
        if (nn_parse_int("lesson-step", value, 1, 10000, &k) != NN_OK) {
            char why[600];
            snprintf(why, sizeof why, "%s", nn_last_error());
            *rc = line_error(name, line, why);
        } else s->lesson_step = (int)k;
        return 1;
    }
    return 0;
}

static int parse_line(nn_setup *s, const char *name, int line, char *text)
{
    char *t = trim(text);
    if (*t == '\0' || *t == '#') return NN_OK;
    char *eq = strchr(t, '=');
    if (!eq || eq == t) {
        char why[200];
        snprintf(why, sizeof why, "expected 'name = value', got '%.120s'", t);
        return line_error(name, line, why);
    }
    *eq = '\0';
    const char *key = trim(t), *value = trim(eq + 1);
    if (*key == '\0') return line_error(name, line, "expected 'name = value': the name is missing");
    int rc;
    if (window_key(s, name, line, key, value, &rc)) return rc;
    if (nn_config_set(&s->cfg, key, value, NULL) != NN_OK) {
        char why[1200];
        snprintf(why, sizeof why, "%s", nn_last_error());
        return line_error(name, line, why);
    }
    return NN_OK;
}

int nn_setup_parse(const char *text, size_t len, const char *name, nn_setup *s)
{
    if (!name) name = "setup";
    if (len > NN_SETUP_MAX_BYTES)
        return nn_set_error(NN_ERR_ARG, "%s: %zu bytes is too large for a setup (at most %d)", name, len,
                            NN_SETUP_MAX_BYTES);
    if (len == 0) return nn_set_error(NN_ERR_ARG, "%s:1: empty file, not an nnlab setup (the first line must be '%s')",
                                      name, NN_SETUP_HEADER);
    if (memchr(text, '\0', len))
        return nn_set_error(NN_ERR_ARG, "%s: not a text file (it holds a zero byte), not an nnlab setup", name);
    static _Thread_local char buf[NN_SETUP_LINE + 1];
    size_t at = 0;
    for (int line = 1; at < len; line++) {
        const char *nl = memchr(text + at, '\n', len - at);
        const size_t n = (nl ? (size_t)(nl - text) : len) - at;
        if (n > NN_SETUP_LINE)
            return nn_set_error(NN_ERR_ARG, "%s:%d: line too long (%zu characters, at most %d)", name, line, n,
                                NN_SETUP_LINE);
        memcpy(buf, text + at, n);
        buf[n] = '\0';
        at += n + 1;
        const int rc = line == 1 ? check_header(name, buf) : parse_line(s, name, line, buf);
        if (rc != NN_OK) return rc;
    }
    return NN_OK;
}

int nn_setup_load(const char *path, nn_setup *s)
{
    FILE *f = nn_file_open_read(path);   /* missing, unreadable, a directory: one message */
    if (!f) return NN_ERR_IO;
    char *text = malloc(NN_SETUP_MAX_BYTES + 1);
    if (!text) { fclose(f); return nn_set_error(NN_ERR_NOMEM, "%s: out of memory", path); }
    const size_t n = fread(text, 1, NN_SETUP_MAX_BYTES + 1, f);
    const int failed = ferror(f);
    fclose(f);
    int rc = failed ? nn_set_error(NN_ERR_IO, "%s: cannot be read", path) : nn_setup_parse(text, n, path, s);
    free(text);
    return rc;
}

int nn_setup_write(FILE *f, const nn_setup *s, const char *by)
{
    int n;
    const nn_setting *set = nn_config_settings(&n);
    fprintf(f, "%s\n", NN_SETUP_HEADER);
    if (by) fprintf(f, "# written by %s; format: README.md, \"Setups\"\n", by);
    static _Thread_local char value[NN_CONFIG_TEXT + 64];
    for (int i = 0; i < n; i++) {
        /* How many threads is this machine's business, not the experiment's:
         * the file opened elsewhere runs with that program's default. */
        if (strcmp(set[i].name, "threads") == 0) continue;
        nn_config_get(&s->cfg, set[i].name, value, (int)sizeof value);
        if (strpbrk(value, "\r\n"))
            return nn_set_error(NN_ERR_ARG, "%s cannot be saved in a setup: its value holds a line break",
                                set[i].name);
        fprintf(f, "%s = %s\n", set[i].name, value);
    }
    if (s->view[0]) fprintf(f, "view = %s\n", s->view);
    if (s->lesson[0]) fprintf(f, "lesson = %s\n", s->lesson);
    if (s->lesson[0] && s->lesson_step > 0) fprintf(f, "lesson-step = %d\n", s->lesson_step);
    return ferror(f) ? nn_set_error(NN_ERR_IO, "write error") : NN_OK;
}

int nn_setup_save(const char *path, const nn_setup *s, const char *by)
{
    nn_file_out o;
    if (nn_file_out_open(&o, path) != NN_OK) return NN_ERR_IO;
    if (nn_setup_write(o.f, s, by) != NN_OK) {
        char why[600];
        snprintf(why, sizeof why, "%s", nn_last_error());
        nn_file_out_abort(&o);
        return nn_set_error(NN_ERR_IO, "%s: %s", path, why);
    }
    return nn_file_out_commit(&o);    /* a failed write (disk full) is caught here; PATH is untouched */
}

const char NN_HISTORY_CSV_HEADER[] =
    "epoch,steps,examples,lr,train_loss,train_acc,dev_loss,dev_acc,test_loss,test_acc,seconds";

static void cell(FILE *f, double v, int last)
{
    if (v >= 0) fprintf(f, "%.6f", v);
    fputc(last ? '\n' : ',', f);
}

void nn_history_csv_row(FILE *f, const nn_metrics *m)
{
    fprintf(f, "%d,%ld,%ld,%.6g,", m->epoch, m->steps, m->examples, (double)m->lr);
    cell(f, m->train_loss, 0); cell(f, m->train_acc, 0);
    cell(f, m->dev_loss, 0);   cell(f, m->dev_acc, 0);
    cell(f, m->test_loss, 0);  cell(f, m->test_acc, 0);
    fprintf(f, "%.4f\n", m->seconds);
}

int nn_history_csv_save(const char *path, const nn_metrics *rows, int n)
{
    nn_file_out o;
    if (nn_file_out_open(&o, path) != NN_OK) return NN_ERR_IO;
    fprintf(o.f, "%s\n", NN_HISTORY_CSV_HEADER);
    for (int i = 0; i < n; i++) nn_history_csv_row(o.f, &rows[i]);
    return nn_file_out_commit(&o);
}
