/* harness.c: the test harness (see harness.h). */
#include "harness.h"

#include <stdarg.h>
#include <stdio.h>

static int passed, failed, current_failures;
static const char *current_name = "?";

void harness_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "  FAIL %s (%s:%d): ", current_name, file, line);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    current_failures++;
}

int harness_current_failures(void)
{
    return current_failures;
}

void harness_run(const char *name, void (*fn)(void))
{
    current_name = name;
    current_failures = 0;
    fn();
    if (current_failures) {
        failed++;
        fprintf(stderr, "not ok %s\n", name);
    } else {
        passed++;
        fprintf(stderr, "ok %s\n", name);
    }
}

int harness_finish(const char *suite)
{
    printf("%s: %d passed, %d failed\n", suite, passed, failed);
    return failed ? 1 : 0;
}
