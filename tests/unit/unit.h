/* unit.h - a minimal unit-test harness. A test file defines test functions
 * taking a UnitContext, lists them in a table and calls unit_main. Each test
 * prints one line, "PASS name" or "FAIL name: file:line: what", which is the
 * protocol tests/run.sh counts. */
#ifndef KRAIT_UNIT_H
#define KRAIT_UNIT_H

#include <stdio.h>
#include <string.h>

typedef struct UnitContext {
    const char *name;
    int failed;
    char why[512];
} UnitContext;

typedef struct UnitTest {
    const char *name;
    void (*fn)(UnitContext *t);
} UnitTest;

static inline void unit_fail(UnitContext *t, const char *file, int line, const char *what)
{
    if (t->failed++) return;   /* the first failure is the one worth reading */
    snprintf(t->why, sizeof t->why, "%s:%d: %s", file, line, what);
}

#define CHECK(t, cond) \
    do { if (!(cond)) unit_fail((t), __FILE__, __LINE__, "check failed: " #cond); } while (0)

#define CHECK_STR(t, got, want) \
    do { \
        const char *got_ = (got), *want_ = (want); \
        if (!got_ || strcmp(got_, want_) != 0) { \
            char msg_[400]; \
            snprintf(msg_, sizeof msg_, "%s: got \"%.150s\", want \"%.150s\"", #got, got_ ? got_ : "(null)", want_); \
            unit_fail((t), __FILE__, __LINE__, msg_); \
        } \
    } while (0)

#define CHECK_INT(t, got, want) \
    do { \
        long long got_ = (long long)(got), want_ = (long long)(want); \
        if (got_ != want_) { \
            char msg_[200]; \
            snprintf(msg_, sizeof msg_, "%s: got %lld, want %lld", #got, got_, want_); \
            unit_fail((t), __FILE__, __LINE__, msg_); \
        } \
    } while (0)

static inline int unit_main(const UnitTest *tests, int argc, char **argv)
{
    int failures = 0;
    for (const UnitTest *u = tests; u->name; u++) {
        if (argc > 1 && strstr(u->name, argv[1]) == NULL) continue;
        UnitContext t = {u->name, 0, ""};
        u->fn(&t);
        if (t.failed) {
            printf("FAIL %s: %s\n", u->name, t.why);
            failures++;
        } else {
            printf("PASS %s\n", u->name);
        }
        fflush(stdout);
    }
    return failures ? 1 : 0;
}

#endif
