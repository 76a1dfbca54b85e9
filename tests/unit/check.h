/* The unit tests' checks: each stops the test binary at the first failure
   (exit 1) after printing file:line and what differed, so that ctest shows
   the one message that matters. Included by every tests/unit/test_*.c. */
#ifndef MIGC_TEST_CHECK_H
#define MIGC_TEST_CHECK_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* file:line as "test_x.c:12: ", whatever path the compiler was given. */
static inline void check_where(const char *file, int line)
{
    const char *base = strrchr(file, '/');
    fprintf(stderr, "%s:%d: ", base ? base + 1 : file, line);
}

__attribute__((format(printf, 3, 4), noreturn)) static inline void
check_fail(const char *file, int line, const char *fmt, ...)
{
    check_where(file, line);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

/* Both texts in full, one after the other: for SQL and other multi-line
   output, where a one-line message would be unreadable. */
__attribute__((noreturn)) static inline void check_fail_diff(const char *file, int line,
                                                             const char *what,
                                                             const char *want,
                                                             const char *got)
{
    check_where(file, line);
    fprintf(stderr, "%s differs\n--- expected\n%s\n--- actual\n%s\n", what, want, got);
    exit(1);
}

static inline void check_str(const char *file, int line, const char *what, const char *got,
                             const char *want)
{
    if (got && strcmp(got, want) == 0)
        return;
    if (got && (strchr(got, '\n') || strchr(want, '\n')))
        check_fail_diff(file, line, what, want, got);
    check_fail(file, line, "got \"%s\", expected \"%s\"", got ? got : "(null)", want);
}

#define CHECK(cond)                                                                        \
    do {                                                                                   \
        if (!(cond))                                                                       \
            check_fail(__FILE__, __LINE__, "check failed: %s", #cond);                     \
    } while (0)

/* CHECK with a printf-style message saying what went wrong. */
#define CHECK_MSG(cond, ...)                                                               \
    do {                                                                                   \
        if (!(cond))                                                                       \
            check_fail(__FILE__, __LINE__, __VA_ARGS__);                                   \
    } while (0)

/* got may be NULL (a failure); want may not. */
#define CHECK_STR(got, want) check_str(__FILE__, __LINE__, #got, (got), (want))

#define CHECK_INT(got, want)                                                               \
    do {                                                                                   \
        long g_ = (long)(got), w_ = (long)(want);                                          \
        if (g_ != w_)                                                                      \
            check_fail(__FILE__, __LINE__, "got %ld, expected %ld (%s)", g_, w_, #got);     \
    } while (0)

#define CHECK_HAS(haystack, needle)                                                        \
    do {                                                                                   \
        const char *h_ = (haystack), *n_ = (needle);                                       \
        if (!strstr(h_, n_))                                                               \
            check_fail(__FILE__, __LINE__, "output lacks \"%s\":\n%s", n_, h_);            \
    } while (0)

#endif
