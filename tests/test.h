/* test.h - the in-house check macros of the test suite.

   A test is a function `static void test_name(void)`; CHECK records a failure with its
   file and line and the test goes on; REQUIRE stops the test; SKIP("reason") stops a
   test that cannot apply to this build (the float build, no OpenMP) and says why. The
   runner prints one line per test ("ok   name", "FAIL name" or "SKIP name: reason") and
   ends with "N passed, M failed, K skipped" alone on its line. A skip is never a pass. */
#ifndef DAM_TEST_H
#define DAM_TEST_H
#include <stdio.h>
#include <math.h>

static int test__failed_checks;
static const char *test__skip_reason; /* set by SKIP: the test did not run */

/* Stop the test here and count it as skipped (only before any check failed). */
#define SKIP(reason)                                                                  \
    do {                                                                              \
        test__skip_reason = (reason);                                                 \
        return;                                                                       \
    } while (0)

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            test__failed_checks++;                                                    \
            printf("    check failed %s:%d: %s\n", __FILE__, __LINE__, #cond);        \
        }                                                                             \
    } while (0)

#define CHECKF(cond, ...)                                                             \
    do {                                                                              \
        if (!(cond)) {                                                                \
            test__failed_checks++;                                                    \
            printf("    check failed %s:%d: %s: ", __FILE__, __LINE__, #cond);        \
            printf(__VA_ARGS__);                                                      \
            printf("\n");                                                             \
        }                                                                             \
    } while (0)

#define REQUIRE(cond)                                                                 \
    do {                                                                              \
        if (!(cond)) {                                                                \
            test__failed_checks++;                                                    \
            printf("    required %s:%d: %s\n", __FILE__, __LINE__, #cond);            \
            return;                                                                   \
        }                                                                             \
    } while (0)

#define CHECK_NEAR(a, b, tol)                                                         \
    CHECKF(fabs((double)(a) - (double)(b)) <= (tol), "%.10g vs %.10g (tol %g)",        \
           (double)(a), (double)(b), (double)(tol))

#define CHECK_EQ_INT(a, b) CHECKF((long long)(a) == (long long)(b), "%lld vs %lld",     \
                                  (long long)(a), (long long)(b))

typedef struct { const char *name; void (*fn)(void); } test_case;

static int test_run(const test_case *tests, int count, const char *only)
{
    int k, passed = 0, failed = 0, skipped = 0;
    for (k = 0; k < count; k++) {
        int before = test__failed_checks;
        if (only && !strstr(tests[k].name, only)) continue;
        test__skip_reason = NULL;
        tests[k].fn();
        fflush(stdout);
        if (test__failed_checks == before && test__skip_reason) {
            printf("SKIP %s: %s\n", tests[k].name, test__skip_reason);
            skipped++;
        } else if (test__failed_checks == before) {
            printf("ok   %s\n", tests[k].name);
            passed++;
        } else {
            printf("FAIL %s\n", tests[k].name);
            failed++;
        }
        fflush(stdout);
    }
    printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
    return failed ? 1 : 0;
}
#endif
