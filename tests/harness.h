/* harness.h: a small test harness. A test is a function; it passes if none of its checks
 * failed. Each program ends with harness_finish, which prints "SUITE: N passed, N failed".
 * tools/run-tests.sh adds the suites up into the one closing line of `make test`. */
#ifndef KTV_HARNESS_H
#define KTV_HARNESS_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* Records a failed check (file, line, what) for the running test. */
void harness_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Runs one test function and counts it. */
void harness_run(const char *name, void (*fn)(void));
/* Prints the suite's summary; returns the exit code (0 if all passed). */
int harness_finish(const char *suite);
/* Checks failed so far in the running test (to stop early when setup failed). */
int harness_current_failures(void);

#define RUN(fn) harness_run(#fn, fn)

#define CHECK(cond)                                                                              \
    do {                                                                                         \
        if (!(cond)) harness_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);                     \
    } while (0)

#define CHECK_INT(actual, expected)                                                              \
    do {                                                                                         \
        long long a_ = (long long)(actual), e_ = (long long)(expected);                          \
        if (a_ != e_)                                                                            \
            harness_fail(__FILE__, __LINE__, "%s == %lld, expected %lld", #actual, a_, e_);     \
    } while (0)

#define CHECK_STR(actual, expected)                                                              \
    do {                                                                                         \
        const char *a_ = (actual), *e_ = (expected);                                             \
        if (!a_ || !e_ || strcmp(a_, e_) != 0)                                                   \
            harness_fail(__FILE__, __LINE__, "%s == \"%s\", expected \"%s\"", #actual,          \
                         a_ ? a_ : "(null)", e_ ? e_ : "(null)");                               \
    } while (0)

#endif
