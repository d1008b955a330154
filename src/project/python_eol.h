/* python_eol.h - THE table of CPython release lines (first release and end
 * of life), the status of a line on a given day, and the interpretation of
 * the interpreter constraints projects write (">=3.8", "~=3.9", "^3.10",
 * "3.11.*", ">=3.7,<4"...) as the lowest release line they admit: a project
 * that still allows 3.8 targets an end-of-life Python.
 * Everything here is pure: no clock is read except by python_date_today,
 * and the table is static const data. See docs/python-eol.md. */
#ifndef KRAIT_PYTHON_EOL_H
#define KRAIT_PYTHON_EOL_H

#include "base/error.h"

#include <stddef.h>

/* A calendar date. day == 0 means only the month is known (the release
 * schedule gives "2026-10" for 3.10's end of life). */
typedef struct PyDate {
    int year, month, day;
} PyDate;

typedef struct PythonLine {
    int major, minor;
    PyDate released;   /* first final release (planned for future lines) */
    PyDate eol;        /* end of life */
    int pep;           /* the release-schedule PEP */
} PythonLine;

typedef enum PythonEolKind {
    PYEOL_UNKNOWN,      /* not in the table */
    PYEOL_UNRELEASED,   /* in the table, first release still ahead */
    PYEOL_SUPPORTED,
    PYEOL_SOON,         /* end of life within PYTHON_EOL_WARN_MONTHS */
    PYEOL_PAST,         /* end of life reached */
} PythonEolKind;

enum { PYTHON_EOL_WARN_MONTHS = 6 };

typedef struct PythonEolStatus {
    PythonEolKind kind;
    const PythonLine *line;   /* NULL when PYEOL_UNKNOWN */
    PyDate eol;               /* the table's date (day may be 0) */
    PyDate eol_effective;     /* first day without support; always a full date */
    long days_left;           /* eol_effective - today; negative when past */
} PythonEolStatus;


/* The release lines, oldest first. */
const PythonLine *python_eol_lines(size_t *count);
const PythonLine *python_eol_find(int major, int minor);
/* The day the table was last checked against the release schedule; callers
 * warn when it is more than a year older than today. */
PyDate python_eol_table_date(void);
int python_eol_table_is_stale(PyDate today);

/* A line is past end of life from its effective end date on (a month-only
 * date means "through that month": the effective date is the 1st of the
 * next month) and "soon" from PYTHON_EOL_WARN_MONTHS calendar months before
 * that. Returns out->kind. */
PythonEolKind python_eol_status(int major, int minor, PyDate today, PythonEolStatus *out);

/* Dates. */
long python_date_days(PyDate d);            /* days since 1970-01-01 (day 0 counts as 1) */
int python_date_compare(PyDate a, PyDate b);
int python_date_parse(const char *s, PyDate *out, KraitError *err);   /* "YYYY-MM-DD" or "YYYY-MM" */
void python_date_format(PyDate d, char out[11]);                      /* "YYYY-MM-DD" or "YYYY-MM" */
PyDate python_date_today(void);                                       /* UTC, from the clock */

/* The outcome of interpreting a constraint or a list of versions. */
typedef struct PythonTarget {
    int found;                /* 0: no line of the table admitted / an empty list */
    int major, minor;         /* the lowest line when found */
    const PythonLine *line;   /* NULL for a listed line the table lacks (version lists only) */
} PythonTarget;

/* Interprets an interpreter constraint: PEP 440 specifiers separated by
 * commas (==, !=, <, <=, >, >=, ~=, ===, with X.Y.* wildcards), Poetry's
 * ^X.Y and ~X.Y, a bare version (X.Y means the line X.Y, X.Y.Z that
 * release), "*" (anything), clauses separated by whitespace as Poetry allows,
 * and alternatives joined by "||". Fills out with the lowest line of the
 * table admitted. Syntax errors return -1 with err's column set (1-based). */
int python_constraint_lowest(const char *spec, size_t len, PythonTarget *out, KraitError *err);

/* Reads the release line named by one version string as CI files and
 * version files spell them: "3.12", "3.12.4", "3.13t", "3.12-slim",
 * "3.13.0rc1", "python3.11", "python-3.11.6", "pypy3.9", "pypy-3.10",
 * "py312" (tox). Quotes and surrounding blanks are the caller's concern. */
int python_version_parse_line(const char *s, size_t len, int *major, int *minor, KraitError *err);
/* The lowest line among several version strings (a CI matrix). An entry
 * that does not parse fails the whole call, naming its index. */
int python_versions_lowest(const char *const *versions, size_t count, PythonTarget *out, KraitError *err);

#endif
