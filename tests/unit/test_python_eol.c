/* test_python_eol.c - the release-line table, end-of-life status at its
 * boundaries (the exact end date, six months before, month-only dates) and
 * interpreter constraints reduced to their lowest admitted line. */
#include "unit.h"

#include "rules/registry.h"

#include "project/python_eol.h"

#include <stdlib.h>

static PyDate day(const char *s)
{
    PyDate d = {0, 0, 0};
    KraitError err;
    if (python_date_parse(s, &d, &err) < 0) d.year = -1;
    return d;
}

static PythonEolKind status_on(int major, int minor, const char *date)
{
    PythonEolStatus st;
    return python_eol_status(major, minor, day(date), &st);
}

static void test_table_is_ordered_and_sane(UnitContext *t)
{
    size_t n;
    const PythonLine *lines = python_eol_lines(&n);
    CHECK(t, n >= 18);
    for (size_t i = 0; i < n; i++) {
        CHECK(t, python_date_compare(lines[i].released, lines[i].eol) < 0);
        if (i > 0)
            CHECK(t, lines[i].major > lines[i - 1].major ||
                         (lines[i].major == lines[i - 1].major && lines[i].minor == lines[i - 1].minor + 1));
    }
    CHECK(t, python_eol_find(3, 10) != NULL);
    CHECK_INT(t, python_eol_find(3, 10)->pep, 619);
    CHECK(t, python_eol_find(3, 16) == NULL);
    CHECK(t, python_eol_find(2, 5) == NULL);
}

static void test_today_2026_11_24(UnitContext *t)
{
    /* The task's "today": 2.7 and 3.0-3.10 past end of life, 3.11 and up supported. */
    CHECK_INT(t, status_on(2, 7, "2026-11-24"), PYEOL_PAST);
    for (int minor = 0; minor <= 10; minor++) CHECK_INT(t, status_on(3, minor, "2026-11-24"), PYEOL_PAST);
    for (int minor = 11; minor <= 15; minor++) CHECK_INT(t, status_on(3, minor, "2026-11-24"), PYEOL_SUPPORTED);
    CHECK_INT(t, status_on(3, 16, "2026-11-24"), PYEOL_UNKNOWN);
    CHECK_INT(t, status_on(4, 0, "2026-11-24"), PYEOL_UNKNOWN);
}

static void test_exact_eol_date(UnitContext *t)
{
    /* 3.9 ends on 2025-10-31: the day itself is past, the day before is not. */
    CHECK_INT(t, status_on(3, 9, "2025-10-30"), PYEOL_SOON);
    CHECK_INT(t, status_on(3, 9, "2025-10-31"), PYEOL_PAST);
    CHECK_INT(t, status_on(3, 8, "2024-10-06"), PYEOL_SOON);
    CHECK_INT(t, status_on(3, 8, "2024-10-07"), PYEOL_PAST);
    CHECK_INT(t, status_on(2, 7, "2019-12-31"), PYEOL_SOON);
    CHECK_INT(t, status_on(2, 7, "2020-01-01"), PYEOL_PAST);
    PythonEolStatus st;
    python_eol_status(3, 9, day("2025-10-30"), &st);
    CHECK_INT(t, st.days_left, 1);
    char buf[11];
    python_date_format(st.eol, buf);
    CHECK_STR(t, buf, "2025-10-31");
}

static void test_six_months_before(UnitContext *t)
{
    /* Six calendar months before 2023-06-27 is 2022-12-27. */
    CHECK_INT(t, status_on(3, 7, "2022-12-26"), PYEOL_SUPPORTED);
    CHECK_INT(t, status_on(3, 7, "2022-12-27"), PYEOL_SOON);
    /* 2025-10-31 minus six months: April has 30 days, so 2025-04-30. */
    CHECK_INT(t, status_on(3, 9, "2025-04-29"), PYEOL_SUPPORTED);
    CHECK_INT(t, status_on(3, 9, "2025-04-30"), PYEOL_SOON);
}

static void test_month_only_dates(UnitContext *t)
{
    /* 3.10's end is known to the month (2026-10): supported through October. */
    CHECK_INT(t, status_on(3, 10, "2026-04-30"), PYEOL_SUPPORTED);
    CHECK_INT(t, status_on(3, 10, "2026-05-01"), PYEOL_SOON);
    CHECK_INT(t, status_on(3, 10, "2026-10-31"), PYEOL_SOON);
    CHECK_INT(t, status_on(3, 10, "2026-11-01"), PYEOL_PAST);
    PythonEolStatus st;
    python_eol_status(3, 10, day("2026-11-24"), &st);
    char buf[11];
    python_date_format(st.eol, buf);
    CHECK_STR(t, buf, "2026-10");
    python_date_format(st.eol_effective, buf);
    CHECK_STR(t, buf, "2026-11-01");
    CHECK_INT(t, st.days_left, -23);
    /* 3.11 (2027-10) becomes "soon" on 2027-05-01. */
    CHECK_INT(t, status_on(3, 11, "2027-04-30"), PYEOL_SUPPORTED);
    CHECK_INT(t, status_on(3, 11, "2027-05-01"), PYEOL_SOON);
}

static void test_unreleased(UnitContext *t)
{
    CHECK_INT(t, status_on(3, 15, "2026-09-30"), PYEOL_UNRELEASED);
    CHECK_INT(t, status_on(3, 15, "2026-10-01"), PYEOL_SUPPORTED);
}

static void test_dates(UnitContext *t)
{
    CHECK_INT(t, python_date_days(day("1970-01-01")), 0);
    CHECK_INT(t, python_date_days(day("2000-03-01")) - python_date_days(day("2000-02-28")), 2);
    CHECK_INT(t, python_date_days(day("2100-03-01")) - python_date_days(day("2100-02-28")), 1);
    CHECK_INT(t, python_date_days(day("2026-11-24")), 20781);
    KraitError err;
    PyDate d;
    CHECK_INT(t, python_date_parse("2025-02-29", &d, &err), -1);
    CHECK(t, strstr(err.message, "no day 29") != NULL);
    CHECK_INT(t, python_date_parse("2024-02-29", &d, &err), 0);
    CHECK_INT(t, python_date_parse("2024-13-01", &d, &err), -1);
    CHECK_INT(t, python_date_parse("2024-1-01", &d, &err), -1);
    CHECK_INT(t, python_date_parse("2024-01-01x", &d, &err), -1);
    CHECK_INT(t, python_date_parse("2026-10", &d, &err), 0);
    CHECK_INT(t, d.day, 0);
    CHECK(t, !python_eol_table_is_stale(day("2027-06-01")));
    CHECK(t, python_eol_table_is_stale(day("2028-01-01")));
}

/* "3.8" for a constraint's lowest line, "none" when nothing is admitted,
 * "error@COL" on a syntax error. */
static void lowest(const char *spec, char *out, size_t size)
{
    PythonTarget target;
    KraitError err;
    if (python_constraint_lowest(spec, strlen(spec), &target, &err) < 0)
        snprintf(out, size, "error@%d", err.col);
    else if (!target.found)
        snprintf(out, size, "none");
    else
        snprintf(out, size, "%d.%d", target.major, target.minor);
}

static void test_constraints(UnitContext *t)
{
    static const char *cases[][2] = {
        {">=3.8", "3.8"},
        {">= 3.8", "3.8"},
        {">=3.8.1", "3.8"},
        {"~=3.9", "3.9"},
        {"~=3.9.2", "3.9"},
        {"^3.10", "3.10"},
        {"^2.7", "2.7"},
        {"~3.9", "3.9"},
        {"3.11.*", "3.11"},
        {"==3.11.*", "3.11"},
        {"3.10", "3.10"},
        {"3.12.4", "3.12"},
        {">=3.7,<4", "3.7"},
        {">=3.7, <4", "3.7"},
        {">=3.7 <4.0", "3.7"},
        {"<4,>=3.9", "3.9"},
        {">3.8", "3.8"},             /* PEP 440: 3.8.1 > 3.8, so the 3.8 line is admitted */
        {">3.8,<3.8.1", "none"},      /* >3.8 starts at 3.8.1 */
        {"<3.9", "2.6"},
        {"<=3.0", "2.6"},
        {">=3", "3.0"},
        {">=2.7,!=3.0.*,!=3.1.*,!=3.2.*,!=3.3.*,!=3.4.*", "2.7"},
        {">=3,!=3.0.*,!=3.1.*,!=3.2.*,!=3.3.*,!=3.4.*", "3.5"},
        {"!=3.8.0,>=3.8,<3.9", "3.8"},     /* 3.8.1 remains */
        {"==3.8.0,!=3.8.0", "none"},
        {">=3.9,<3.8", "none"},
        {">=4", "none"},
        {">=2.7,<2.8 || >=3.6", "2.7"},
        {">=3.10 || >=3.8", "3.8"},
        {"*", "2.6"},
        {"3.*", "3.0"},
        {"!=3.*", "2.6"},
        {">=3.13.0rc1", "3.13"},
        {"===3.9.1", "3.9"},
        {"", "error@1"},
        {">=", "error@3"},
        {">=3.8,", "3.8"},
        {">=3.8,,", "3.8"},
        {">=3.x", "error@5"},
        {"~=3", "error@3"},
        {">=3.*", "error@3"},
        {"=>3.8", "error@1"},
        {">=3.8 | >=3.9", "error@7"},
        {">=3.8;", "error@6"},
        {"|| >=3.8", "error@1"},
        {">=3.8 ||", "error@9"},
        {">=99999999", "error@8"},
    };
    char got[32];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lowest(cases[i][0], got, sizeof got);
        if (strcmp(got, cases[i][1]) != 0) {
            char msg[200];
            snprintf(msg, sizeof msg, "constraint '%s': got %s, want %s", cases[i][0], got, cases[i][1]);
            unit_fail(t, __FILE__, __LINE__, msg);
        }
    }
}

static void test_constraint_error_message(UnitContext *t)
{
    PythonTarget target;
    KraitError err;
    CHECK_INT(t, python_constraint_lowest(">=3.*", 5, &target, &err), -1);
    CHECK(t, strstr(err.message, "wildcard") != NULL);
    CHECK(t, strstr(err.message, ">=3.*") != NULL);
    /* Named limit: at most 32 clauses per alternative. */
    char many[400] = "";
    for (int i = 0; i < 40; i++) strcat(many, ">=3.8,");
    CHECK_INT(t, python_constraint_lowest(many, strlen(many), &target, &err), -1);
    CHECK(t, strstr(err.message, "too many clauses") != NULL);
    CHECK_INT(t, python_constraint_lowest(many, 32 * 6, &target, &err), 0);
    /* The length is honoured: the text after it is not read. */
    CHECK_INT(t, python_constraint_lowest(">=3.9garbage", 5, &target, &err), 0);
    CHECK_INT(t, target.minor, 9);
    CHECK(t, target.line == python_eol_find(3, 9));
}

static void test_version_strings(UnitContext *t)
{
    static const struct { const char *text; int major, minor; } ok[] = {
        {"3.12", 3, 12}, {"3.12.4", 3, 12}, {"3.13t", 3, 13}, {"3.12-slim", 3, 12},
        {"3.11-alpine3.19", 3, 11}, {"3.13.0rc1", 3, 13}, {"python3.11", 3, 11},
        {"python-3.11.6", 3, 11}, {"pypy3.9", 3, 9}, {"pypy-3.10", 3, 10}, {"py312", 3, 12},
        {"py27", 2, 7}, {"pypy39", 3, 9}, {"py3.11", 3, 11}, {"Python3.8", 3, 8}, {"cpython-3.10.4", 3, 10}, {"3.1", 3, 1},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        int major = -1, minor = -1;
        KraitError err;
        int rc = python_version_parse_line(ok[i].text, strlen(ok[i].text), &major, &minor, &err);
        if (rc != 0 || major != ok[i].major || minor != ok[i].minor) {
            char msg[120];
            snprintf(msg, sizeof msg, "'%s': rc %d, %d.%d", ok[i].text, rc, major, minor);
            unit_fail(t, __FILE__, __LINE__, msg);
        }
    }
    static const char *bad[] = {"3", "3.x", "python", "latest", "", "py3", ".3"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int major, minor;
        KraitError err;
        if (python_version_parse_line(bad[i], strlen(bad[i]), &major, &minor, &err) != -1) {
            char msg[80];
            snprintf(msg, sizeof msg, "'%s' accepted", bad[i]);
            unit_fail(t, __FILE__, __LINE__, msg);
        }
    }
}

static void test_version_lists(UnitContext *t)
{
    const char *matrix[] = {"3.10", "3.9", "3.12", "pypy3.9"};
    PythonTarget target;
    KraitError err;
    CHECK_INT(t, python_versions_lowest(matrix, 4, &target, &err), 0);
    CHECK(t, target.found);
    CHECK_INT(t, target.minor, 9);
    CHECK(t, target.line == python_eol_find(3, 9));
    /* A line the table lacks still counts when it is the lowest. */
    const char *old[] = {"3.8", "2.5"};
    CHECK_INT(t, python_versions_lowest(old, 2, &target, &err), 0);
    CHECK_INT(t, target.major, 2);
    CHECK_INT(t, target.minor, 5);
    CHECK(t, target.line == NULL);
    const char *broken[] = {"3.11", "3.x"};
    CHECK_INT(t, python_versions_lowest(broken, 2, &target, &err), -1);
    CHECK(t, strstr(err.message, "entry 2") != NULL);
    CHECK_INT(t, python_versions_lowest(NULL, 0, &target, &err), 0);
    CHECK(t, !target.found);
}

static void test_rules(UnitContext *t)
{
    static const char *const names[] = {"python-end-of-life", "python-end-of-life-soon",
                                        "python-constraint-admits-eol"};
    for (int i = 0; i < 3; i++) {
        char id[16];
        snprintf(id, sizeof id, "PY%03d", i + 1);
        const RuleInfo *r = registry_find(id);
        CHECK_STR(t, r ? r->name : "", names[i]);
    }
}

/* Harness for tests/project/python-constraints.test: one constraint per
 * line on standard input, its lowest admitted line ("3.8", "none" or
 * "error") per line on standard output. */
static int run_lowest_harness(void)
{
    char line[1024];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\r\n")] = '\0';
        char out[32];
        lowest(line, out, sizeof out);
        puts(strncmp(out, "error", 5) == 0 ? "error" : out);
    }
    return 0;
}

/* Harness for tests/project/python-eol-table.test: the table as
 * "X.Y<TAB>released<TAB>end of life<TAB>PEP" lines. */
static int run_table_harness(void)
{
    size_t n;
    const PythonLine *lines = python_eol_lines(&n);
    for (size_t i = 0; i < n; i++) {
        char released[11], eol[11];
        python_date_format(lines[i].released, released);
        python_date_format(lines[i].eol, eol);
        printf("%d.%d\t%s\t%s\t%d\n", lines[i].major, lines[i].minor, released, eol, lines[i].pep);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--lowest") == 0) return run_lowest_harness();
    if (argc > 1 && strcmp(argv[1], "--table") == 0) return run_table_harness();
    static const UnitTest tests[] = {
        {"table_is_ordered_and_sane", test_table_is_ordered_and_sane},
        {"today_2026_11_24", test_today_2026_11_24},
        {"exact_eol_date", test_exact_eol_date},
        {"six_months_before", test_six_months_before},
        {"month_only_dates", test_month_only_dates},
        {"unreleased", test_unreleased},
        {"dates", test_dates},
        {"constraints", test_constraints},
        {"constraint_error_message", test_constraint_error_message},
        {"version_strings", test_version_strings},
        {"version_lists", test_version_lists},
        {"rules", test_rules},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
