/* tests/app/lesson_fixture.h - lesson files that must not parse, for the
 * lesson tests: each names the line and says what is wrong. Header-only:
 * every app test is its own program. */
#ifndef NNLAB_TEST_LESSON_FIXTURE_H
#define NNLAB_TEST_LESSON_FIXTURE_H

#include <stdio.h>
#include <string.h>

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

#endif
