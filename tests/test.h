/* tests/test.h - the tiny in-repo test harness.
 *
 * Each tests/<area>/test_<name>.c is one executable, registered in CTest as
 * <area>.<name>. It lists its cases in a table and ends with TEST_MAIN:
 *
 *     static int softmax_example(void) { ... CHECK_NEAR(p[1], 0.842, 5e-4); return 0; }
 *     static const test_case CASES[] = { { "softmax_example", softmax_example } };
 *     TEST_MAIN(CASES)
 *
 * A case returns 0 on success; CHECK* print file:line and return 1. Pass a
 * name prefix as argv[1] to run a subset.
 */
#ifndef NNLAB_TEST_H
#define NNLAB_TEST_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#define CHECK(c) do { if (!(c)) { \
    fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #c); return 1; } } while (0)

#define CHECK_MSG(c, ...) do { if (!(c)) { \
    fprintf(stderr, "%s:%d: CHECK(%s) failed: ", __FILE__, __LINE__, #c); \
    fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); return 1; } } while (0)

#define CHECK_NEAR(a, b, tol) do { double a_ = (double)(a), b_ = (double)(b); \
    if (!(fabs(a_ - b_) <= (double)(tol))) { \
        fprintf(stderr, "%s:%d: %s = %.9g vs %s = %.9g (tol %g)\n", \
                __FILE__, __LINE__, #a, a_, #b, b_, (double)(tol)); return 1; } } while (0)

typedef struct test_case { const char *name; int (*fn)(void); } test_case;

static inline int test_run(const test_case *cases, int n, const char *filter)
{
    int failed = 0, ran = 0;
    for (int i = 0; i < n; i++) {
        if (filter && strncmp(cases[i].name, filter, strlen(filter)) != 0) continue;
        ran++;
        int r = cases[i].fn();
        printf("%-40s %s\n", cases[i].name, r ? "FAIL" : "ok");
        fflush(stdout);
        failed += r != 0;
    }
    printf("%d/%d passed\n", ran - failed, ran);
    return ran == 0 ? 1 : failed;
}

#define TEST_MAIN(cases) \
    int main(int argc, char **argv) { \
        return test_run(cases, (int)(sizeof cases / sizeof cases[0]), argc > 1 ? argv[1] : NULL) != 0; \
    }

#endif
