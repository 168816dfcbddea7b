/* tests/app/lesson_fixture.h - lesson files that must not parse, for the
 * lesson tests: each names the line and says what is wrong. Header-only:
 * every app test is its own program. */
#ifndef NNLAB_TEST_LESSON_FIXTURE_H
#define NNLAB_TEST_LESSON_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lesson/lesson.h"
#include "test.h"

typedef struct bad_lesson {
    const char *text;   /* a whole lesson file */
    int         line;   /* the line the message must name (0: the file as a whole) */
    const char *msg;    /* words the message must contain */
} bad_lesson;

/* Each text fails to parse as FILE, and its message reads "FILE:LINE: ..."
 * (or "FILE: ..." for line 0) and contains the expected words. */
static inline int lessons_fail_as_told(const bad_lesson *bad, size_t n, const char *file)
{
    for (size_t i = 0; i < n; i++) {
        lesson_error e;
        lesson *L = lesson_parse(bad[i].text, strlen(bad[i].text), file, &e);
        CHECK_MSG(!L, "case %zu parsed but should fail with '%s'", i, bad[i].msg);
        CHECK_MSG(e.line == bad[i].line && strstr(e.msg, bad[i].msg),
                  "case %zu: got '%s', want line %d '%s'", i, e.text, bad[i].line, bad[i].msg);
        char prefix[300];
        if (bad[i].line) snprintf(prefix, sizeof prefix, "%s:%d: ", file, bad[i].line);
        else snprintf(prefix, sizeof prefix, "%s: ", file);
        CHECK_MSG(strncmp(e.text, prefix, strlen(prefix)) == 0, "case %zu: text '%s'", i, e.text);
    }
    return 0;
}

/* A temporary folder of lesson files for the browser and `after:` tests.
 * lesson_dir_write(d, "02_two.lesson", text) adds a file (text NULL: a copy
 * of lessons/NAME from the source tree) and leaves its path in d->path[i];
 * lesson_dir_remove deletes them and the folder. */
typedef struct lesson_dir {
    char dir[64];
    char path[8][600];
    int  n;
} lesson_dir;

static inline int lesson_dir_open(lesson_dir *d)
{
    memset(d, 0, sizeof *d);
    snprintf(d->dir, sizeof d->dir, "/tmp/nnlab_lessons_XXXXXX");
    return mkdtemp(d->dir) ? 0 : -1;
}

static inline int lesson_dir_write(lesson_dir *d, const char *name, const char *text)
{
    if (d->n >= 8) return -1;
    char path[sizeof d->path[0]];
    snprintf(path, sizeof path, "%s/%s", d->dir, name);
    memcpy(d->path[d->n], path, sizeof path);
    char from[600];
    snprintf(from, sizeof from, "lessons/%s", name);
    FILE *in = text ? NULL : fopen(from, "rb"), *out = fopen(path, "wb");
    if ((!text && !in) || !out) {
        if (in) fclose(in);
        if (out) fclose(out);
        return -1;
    }
    d->n++;
    if (text) fputs(text, out);
    else {
        char buf[4096];
        for (size_t got; (got = fread(buf, 1, sizeof buf, in)) > 0;) fwrite(buf, 1, got, out);
        fclose(in);
    }
    return fclose(out) == 0 ? 0 : -1;
}

static inline void lesson_dir_remove(lesson_dir *d)
{
    for (int i = 0; i < d->n; i++) remove(d->path[i]);
    rmdir(d->dir);
}

#endif
