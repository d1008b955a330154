/* python_eol.c - CPython release lines, their end-of-life status on a given
 * day, and interpreter constraints reduced to the lowest admitted line.
 * See python_eol.h and docs/python-eol.md. The table below is the only
 * place in krait that knows release and end-of-life dates. */
#include "project/python_eol.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Source: CPython's release-cycle data (the devguide's release-cycle.json,
 * now served by peps.python.org) as gathered in
 * ../shared/rules/secrets-licences-python.md section 5.1. Dates with day 0
 * are published only to the month. */
static const PythonLine python_lines[] = {
    {2, 6, {2008, 10, 1}, {2013, 10, 29}, 361},
    {2, 7, {2010, 7, 3}, {2020, 1, 1}, 373},
    {3, 0, {2008, 12, 3}, {2009, 6, 27}, 361},
    {3, 1, {2009, 6, 27}, {2012, 4, 9}, 375},
    {3, 2, {2011, 2, 20}, {2016, 2, 20}, 392},
    {3, 3, {2012, 9, 29}, {2017, 9, 29}, 398},
    {3, 4, {2014, 3, 16}, {2019, 3, 18}, 429},
    {3, 5, {2015, 9, 13}, {2020, 9, 30}, 478},
    {3, 6, {2016, 12, 23}, {2021, 12, 23}, 494},
    {3, 7, {2018, 6, 27}, {2023, 6, 27}, 537},
    {3, 8, {2019, 10, 14}, {2024, 10, 7}, 569},
    {3, 9, {2020, 10, 5}, {2025, 10, 31}, 596},
    {3, 10, {2021, 10, 4}, {2026, 10, 0}, 619},
    {3, 11, {2022, 10, 24}, {2027, 10, 0}, 664},
    {3, 12, {2023, 10, 2}, {2028, 10, 0}, 693},
    {3, 13, {2024, 10, 7}, {2029, 10, 0}, 719},
    {3, 14, {2025, 10, 7}, {2030, 10, 0}, 745},
    {3, 15, {2026, 10, 1}, {2031, 10, 0}, 790},
};
enum { PYTHON_LINE_COUNT = sizeof python_lines / sizeof python_lines[0] };

/* When the table above was last compared with the release schedule. */
static const PyDate python_table_checked = {2026, 11, 24};

const PythonLine *python_eol_lines(size_t *count)
{
    *count = PYTHON_LINE_COUNT;
    return python_lines;
}

const PythonLine *python_eol_find(int major, int minor)
{
    for (size_t i = 0; i < PYTHON_LINE_COUNT; i++)
        if (python_lines[i].major == major && python_lines[i].minor == minor) return &python_lines[i];
    return NULL;
}

/* ---- dates ---------------------------------------------------------- */

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

long python_date_days(PyDate d)
{
    /* Shift the year to start in March so the leap day is the last day of
     * the shifted year; then whole 400-year cycles are 146097 days. */
    long y = d.year - (d.month <= 2);
    long m = d.month <= 2 ? d.month + 9 : d.month - 3;   /* March = 0 */
    long cycle = (y >= 0 ? y : y - 399) / 400;
    long year_of_cycle = y - cycle * 400;
    long day_of_year = (153 * m + 2) / 5 + (d.day > 0 ? d.day : 1) - 1;
    long day_of_cycle = year_of_cycle * 365 + year_of_cycle / 4 - year_of_cycle / 100 + day_of_year;
    return cycle * 146097 + day_of_cycle - 719468;   /* 719468: 0000-03-01 to 1970-01-01 */
}

int python_date_compare(PyDate a, PyDate b)
{
    long da = python_date_days(a), db = python_date_days(b);
    return da < db ? -1 : da > db;
}

static PyDate date_add_months(PyDate d, int months)
{
    int index = d.year * 12 + (d.month - 1) + months;
    PyDate r = {index / 12, index % 12 + 1, d.day};
    if (r.day > days_in_month(r.year, r.month)) r.day = days_in_month(r.year, r.month);
    return r;
}

/* The first day without support. */
static PyDate date_effective_eol(PyDate eol)
{
    if (eol.day > 0) return eol;
    PyDate first = {eol.year, eol.month, 1};
    return date_add_months(first, 1);
}

static int read_digits(const char **p, int count, int *out)
{
    int v = 0;
    for (int i = 0; i < count; i++) {
        if (!isdigit((unsigned char)**p)) return -1;
        v = v * 10 + (**p - '0');
        (*p)++;
    }
    *out = v;
    return 0;
}

int python_date_parse(const char *s, PyDate *out, KraitError *err)
{
    const char *p = s;
    PyDate d = {0, 0, 0};
    if (read_digits(&p, 4, &d.year) < 0 || *p++ != '-' || read_digits(&p, 2, &d.month) < 0)
        return error_set(err, NULL, 0, (int)(p - s), "date '%s' is not YYYY-MM-DD", s);
    if (d.month < 1 || d.month > 12) return error_set(err, NULL, 0, 6, "date '%s' has no month %d", s, d.month);
    if (*p == '-') {
        p++;
        if (read_digits(&p, 2, &d.day) < 0)
            return error_set(err, NULL, 0, (int)(p - s) + 1, "date '%s' is not YYYY-MM-DD", s);
        if (d.day < 1 || d.day > days_in_month(d.year, d.month))
            return error_set(err, NULL, 0, 9, "date '%s' has no day %d", s, d.day);
    }
    if (*p != '\0') return error_set(err, NULL, 0, (int)(p - s) + 1, "trailing text after date '%s'", s);
    *out = d;
    return 0;
}

void python_date_format(PyDate d, char out[11])
{
    int y = d.year < 0 ? 0 : d.year % 10000;
    int m = d.month < 1 || d.month > 12 ? 0 : d.month;
    int day = d.day < 0 || d.day > 31 ? 0 : d.day;
    if (day == 0)
        snprintf(out, 11, "%04d-%02d", y, m);
    else
        snprintf(out, 11, "%04d-%02d-%02d", y, m, day);
}

PyDate python_date_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    PyDate d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    return d;
}

PyDate python_eol_table_date(void)
{
    return python_table_checked;
}

int python_eol_table_is_stale(PyDate today)
{
    return python_date_days(today) - python_date_days(python_table_checked) > 365;
}

/* ---- status --------------------------------------------------------- */

PythonEolKind python_eol_status(int major, int minor, PyDate today, PythonEolStatus *out)
{
    memset(out, 0, sizeof *out);
    const PythonLine *line = python_eol_find(major, minor);
    if (!line) return out->kind = PYEOL_UNKNOWN;
    out->line = line;
    out->eol = line->eol;
    out->eol_effective = date_effective_eol(line->eol);
    out->days_left = python_date_days(out->eol_effective) - python_date_days(today);
    if (python_date_compare(today, line->released) < 0) return out->kind = PYEOL_UNRELEASED;
    if (out->days_left <= 0) return out->kind = PYEOL_PAST;
    PyDate warn_from = date_add_months(out->eol_effective, -PYTHON_EOL_WARN_MONTHS);
    if (python_date_compare(today, warn_from) >= 0) return out->kind = PYEOL_SOON;
    return out->kind = PYEOL_SUPPORTED;
}

/* ---- constraints ---------------------------------------------------- */

typedef enum ClauseOp {
    OP_ANY, OP_BARE, OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_COMPAT, OP_ARBITRARY, OP_CARET, OP_TILDE,
} ClauseOp;

enum { CLAUSE_PARTS = 3, CLAUSES_MAX = 32, VERSION_PART_MAX = 100000 };

typedef struct Clause {
    ClauseOp op;
    int v[CLAUSE_PARTS];   /* release components, zero-padded */
    int parts;             /* components written (more than 3 are read but ignored) */
    int wildcard;          /* ended in ".*" */
} Clause;

/* The micro versions of one line a conjunction of clauses still admits:
 * the interval [lo, hi] less the single points in excluded[]. */
typedef struct MicroSet {
    int lo, hi;
    int excluded[CLAUSES_MAX];
    int n_excluded;
} MicroSet;

static int compare_line(int major, int minor, const Clause *c)
{
    if (major != c->v[0]) return major < c->v[0] ? -1 : 1;
    if (minor != c->v[1]) return minor < c->v[1] ? -1 : 1;
    return 0;
}

static void micro_none(MicroSet *s)
{
    s->lo = 1;
    s->hi = 0;
}

static void micro_at_least(MicroSet *s, int cmp, int micro)
{
    if (cmp < 0) micro_none(s);
    else if (cmp == 0 && micro > s->lo) s->lo = micro;
}

static void micro_at_most(MicroSet *s, int cmp, int micro)
{
    if (cmp > 0) micro_none(s);
    else if (cmp == 0 && micro < s->hi) s->hi = micro;
}

/* "==V.*" and friends: does the line lie under the prefix, and if the
 * prefix names a micro, which one. */
static void micro_prefix(MicroSet *s, int major, int minor, const Clause *c, int negate)
{
    int inside = c->parts == 1 ? major == c->v[0] : compare_line(major, minor, c) == 0;
    if (c->parts >= 3 && inside) {
        if (negate) {
            if (s->n_excluded < CLAUSES_MAX) s->excluded[s->n_excluded++] = c->v[2];
        } else {
            micro_at_least(s, 0, c->v[2]);
            micro_at_most(s, 0, c->v[2]);
        }
        return;
    }
    if (inside == negate) micro_none(s);
}

/* The upper bound "< next(V)" of ^V and ~V as a clause. */
static Clause clause_bump(const Clause *c, int caret)
{
    Clause up = {OP_LT, {0, 0, 0}, 3, 0};
    if (caret && c->v[0] > 0) up.v[0] = c->v[0] + 1;
    else if (!caret && c->parts == 1) up.v[0] = c->v[0] + 1;
    else if (caret && c->v[1] == 0 && c->parts >= 3) {
        up.v[1] = c->v[1];
        up.v[2] = c->v[2] + 1;
    } else {
        up.v[0] = c->v[0];
        up.v[1] = c->v[1] + 1;
    }
    return up;
}

static void micro_apply(MicroSet *s, int major, int minor, const Clause *c)
{
    int cmp = compare_line(major, minor, c);
    switch (c->op) {
    case OP_ANY:
        return;
    case OP_GE: micro_at_least(s, cmp, c->v[2]); return;
    case OP_GT: micro_at_least(s, cmp, c->v[2] + 1); return;
    case OP_LE: micro_at_most(s, cmp, c->v[2]); return;
    case OP_LT: micro_at_most(s, cmp, c->v[2] - 1); return;
    case OP_EQ:
    case OP_ARBITRARY:
    case OP_BARE:
        if (c->wildcard || (c->op == OP_BARE && c->parts < 3)) {
            micro_prefix(s, major, minor, c, 0);
        } else {
            micro_at_least(s, cmp, c->v[2]);
            micro_at_most(s, cmp, c->v[2]);
            if (cmp != 0) micro_none(s);
        }
        return;
    case OP_NE:
        if (c->wildcard) micro_prefix(s, major, minor, c, 1);
        else if (cmp == 0 && s->n_excluded < CLAUSES_MAX) s->excluded[s->n_excluded++] = c->v[2];
        return;
    case OP_COMPAT: {
        /* ~=V.N means >=V.N and ==V.* */
        micro_at_least(s, cmp, c->v[2]);
        Clause prefix = *c;
        prefix.parts = c->parts - 1;
        micro_prefix(s, major, minor, &prefix, 0);
        return;
    }
    case OP_CARET:
    case OP_TILDE: {
        micro_at_least(s, cmp, c->v[2]);
        Clause up = clause_bump(c, c->op == OP_CARET);
        micro_at_most(s, compare_line(major, minor, &up), up.v[2] - 1);
        return;
    }
    }
}

static int micro_nonempty(const MicroSet *s)
{
    /* At most n_excluded points can be removed, so one of the first
     * n_excluded + 1 values survives unless the interval is shorter. */
    for (long m = s->lo; m <= s->hi && m <= (long)s->lo + s->n_excluded; m++) {
        int hit = 0;
        for (int i = 0; i < s->n_excluded; i++)
            if (s->excluded[i] == m) hit = 1;
        if (!hit) return 1;
    }
    return 0;
}

static int line_admitted(const PythonLine *line, const Clause *clauses, int n)
{
    MicroSet s = {0, INT_MAX - 1, {0}, 0};
    for (int i = 0; i < n; i++) micro_apply(&s, line->major, line->minor, &clauses[i]);
    return micro_nonempty(&s);
}

typedef struct ConstraintParser {
    const char *spec;
    size_t len;
    size_t pos;
    KraitError *err;
} ConstraintParser;

static int parser_error(ConstraintParser *p, const char *why)
{
    return error_set(p->err, NULL, 0, (int)p->pos + 1, "python constraint '%.*s': %s", (int)p->len, p->spec, why);
}

static int at_end(const ConstraintParser *p)
{
    return p->pos >= p->len;
}

static char peek(const ConstraintParser *p, size_t ahead)
{
    return p->pos + ahead < p->len ? p->spec[p->pos + ahead] : '\0';
}

static ClauseOp parse_operator(ConstraintParser *p)
{
    static const struct { const char *text; ClauseOp op; } ops[] = {
        {"===", OP_ARBITRARY}, {"==", OP_EQ}, {"!=", OP_NE}, {"<=", OP_LE}, {">=", OP_GE},
        {"~=", OP_COMPAT}, {"<", OP_LT}, {">", OP_GT}, {"^", OP_CARET}, {"~", OP_TILDE},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        size_t n = strlen(ops[i].text);
        if (p->len - p->pos >= n && memcmp(p->spec + p->pos, ops[i].text, n) == 0) {
            p->pos += n;
            return ops[i].op;
        }
    }
    return OP_BARE;
}

/* version := N ("." N)* (".*" | suffix)?   suffix := letter (alnum | ".")* */
static int parse_version(ConstraintParser *p, Clause *c)
{
    if (!isdigit((unsigned char)peek(p, 0))) return parser_error(p, "expected a version number");
    for (;;) {
        long v = 0;
        while (isdigit((unsigned char)peek(p, 0))) {
            v = v * 10 + (peek(p, 0) - '0');
            if (v > VERSION_PART_MAX) return parser_error(p, "version component too large");
            p->pos++;
        }
        if (c->parts < CLAUSE_PARTS) c->v[c->parts] = (int)v;
        c->parts++;
        if (peek(p, 0) != '.') break;
        if (peek(p, 1) == '*') {
            p->pos += 2;
            c->wildcard = 1;
            return 0;
        }
        p->pos++;
        if (!isdigit((unsigned char)peek(p, 0))) return parser_error(p, "expected a digit or '*' after '.'");
    }
    if (isalpha((unsigned char)peek(p, 0)))   /* pre, post and dev releases: the release decides the line */
        while (isalnum((unsigned char)peek(p, 0)) || peek(p, 0) == '.') p->pos++;
    return 0;
}

static int parse_clause(ConstraintParser *p, Clause *c)
{
    memset(c, 0, sizeof *c);
    if (peek(p, 0) == '*') {
        p->pos++;
        c->op = OP_ANY;
        return 0;
    }
    c->op = parse_operator(p);
    while (peek(p, 0) == ' ' || peek(p, 0) == '\t') p->pos++;
    size_t start = p->pos;
    if (parse_version(p, c) < 0) return -1;
    if (c->wildcard && c->op != OP_EQ && c->op != OP_NE && c->op != OP_BARE) {
        p->pos = start;
        return parser_error(p, "a '.*' wildcard is only allowed with == and !=");
    }
    if (c->op == OP_COMPAT && c->parts < 2) {
        p->pos = start;
        return parser_error(p, "~= needs at least two version components");
    }
    return 0;
}

static int is_separator(char ch)
{
    return ch == ' ' || ch == '\t' || ch == ',';
}

/* alternative := clause ((","|blank) clause)*   ending at "||" or the end */
static int parse_alternative(ConstraintParser *p, Clause *clauses, int *n)
{
    *n = 0;
    for (;;) {
        while (is_separator(peek(p, 0))) p->pos++;
        if (at_end(p) || peek(p, 0) == '|') break;
        if (*n == CLAUSES_MAX) return parser_error(p, "too many clauses");
        if (parse_clause(p, &clauses[*n]) < 0) return -1;
        (*n)++;
        char next = peek(p, 0);
        if (!at_end(p) && !is_separator(next) && next != '|') return parser_error(p, "unexpected character");
    }
    if (*n == 0) return parser_error(p, "empty constraint");
    return 0;
}

static void target_consider(PythonTarget *out, const PythonLine *line)
{
    if (out->found && (line->major > out->major || (line->major == out->major && line->minor >= out->minor))) return;
    out->found = 1;
    out->major = line->major;
    out->minor = line->minor;
    out->line = line;
}

int python_constraint_lowest(const char *spec, size_t len, PythonTarget *out, KraitError *err)
{
    memset(out, 0, sizeof *out);
    ConstraintParser p = {spec, len, 0, err};
    for (;;) {
        Clause clauses[CLAUSES_MAX];
        int n;
        if (parse_alternative(&p, clauses, &n) < 0) return -1;
        for (size_t i = 0; i < PYTHON_LINE_COUNT; i++)
            if (line_admitted(&python_lines[i], clauses, n)) target_consider(out, &python_lines[i]);
        if (at_end(&p)) return 0;
        if (peek(&p, 1) != '|') return parser_error(&p, "expected '||' between alternatives");
        p.pos += 2;
    }
}

/* ---- version strings ------------------------------------------------ */

static size_t skip_prefix(const char *s, size_t len)
{
    static const char *const prefixes[] = {"cpython-", "cpython", "python-", "python", "pypy-", "pypy", "py"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t n = strlen(prefixes[i]);
        if (len >= n && strncasecmp(s, prefixes[i], n) == 0) return n;
    }
    return 0;
}

static int read_number(const char *s, size_t len, size_t *i, int *out)
{
    size_t start = *i;
    long v = 0;
    while (*i < len && isdigit((unsigned char)s[*i]) && v <= VERSION_PART_MAX) v = v * 10 + (s[(*i)++] - '0');
    if (*i == start || v > VERSION_PART_MAX) return -1;
    *out = (int)v;
    return 0;
}

/* tox's pyXY and pypyXY: the first digit is the major version, the rest
 * (one to three digits) the minor. */
static int parse_tox_name(const char *s, size_t len, int *major, int *minor)
{
    size_t at = len >= 4 && strncasecmp(s, "pypy", 4) == 0 ? 4 : len >= 2 && strncasecmp(s, "py", 2) == 0 ? 2 : 0;
    if (at == 0 || len < at + 2 || len > at + 4) return 0;
    for (size_t i = at; i < len; i++)
        if (!isdigit((unsigned char)s[i])) return 0;
    *major = s[at] - '0';
    *minor = 0;
    for (size_t i = at + 1; i < len; i++) *minor = *minor * 10 + (s[i] - '0');
    return 1;
}

int python_version_parse_line(const char *s, size_t len, int *major, int *minor, KraitError *err)
{
    if (parse_tox_name(s, len, major, minor)) return 0;
    size_t i = skip_prefix(s, len);
    if (read_number(s, len, &i, major) < 0)
        return error_set(err, NULL, 0, (int)i + 1, "python version '%.*s': expected a version number", (int)len, s);
    if (i >= len || s[i] != '.')
        return error_set(err, NULL, 0, (int)i + 1, "python version '%.*s' names no minor version", (int)len, s);
    i++;
    if (read_number(s, len, &i, minor) < 0)
        return error_set(err, NULL, 0, (int)i + 1, "python version '%.*s' names no minor version", (int)len, s);
    return 0;
}

int python_versions_lowest(const char *const *versions, size_t count, PythonTarget *out, KraitError *err)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < count; i++) {
        int major, minor;
        if (python_version_parse_line(versions[i], strlen(versions[i]), &major, &minor, err) < 0) {
            char why[ERROR_MESSAGE_MAX];
            snprintf(why, sizeof why, "%s", err->message);
            return error_set(err, NULL, 0, err->col, "entry %zu: %s", i + 1, why);
        }
        const PythonLine *line = python_eol_find(major, minor);
        if (line) {
            target_consider(out, line);
        } else if (!out->found || major < out->major || (major == out->major && minor < out->minor)) {
            /* A line missing from the table still counts: it may be the oldest. */
            out->found = 1;
            out->major = major;
            out->minor = minor;
            out->line = NULL;
        }
    }
    return 0;
}
