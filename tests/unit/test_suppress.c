/* test_suppress.c - suppression comments: every accepted spelling, prose
 * that must not count, malformed krait directives, and applying them to a
 * parsed file's findings (own line, first line of a multi-line statement,
 * not a whole function body; unused ones reported as KR001). Findings of the
 * DEP rules stand in for code rules: suppression does not care which family
 * a finding comes from. */
#include "unit.h"

#include "python/parser.h"
#include "rules/registry.h"
#include "scan/suppress.h"

static int parse(Arena *a, const char *text, Suppression *s)
{
    KraitError err;
    return suppress_parse_comment(a, text, strlen(text), s, &err);
}

static bool has_id(const Suppression *s, const char *id)
{
    for (size_t i = 0; i < s->n_ids; i++)
        if (strcmp(s->ids[i].text, id) == 0) return true;
    return false;
}

static void test_nosec_spellings(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    Suppression s;
    CHECK_INT(t, parse(&a, "# nosec", &s), 1);
    CHECK(t, s.all && s.n_ids == 0 && s.styles == SUPPRESS_NOSEC);
    CHECK_INT(t, parse(&a, "#nosec", &s), 1);
    CHECK(t, s.all);
    CHECK_INT(t, parse(&a, "# nosec B602,B607", &s), 1);
    CHECK(t, !s.all && s.n_ids == 2 && has_id(&s, "B602") && has_id(&s, "B607"));
    CHECK_INT(t, parse(&a, "# nosec: B602", &s), 1);
    CHECK(t, !s.all && s.n_ids == 1 && has_id(&s, "B602"));
    CHECK_INT(t, parse(&a, "# nosec B602, B607 B608", &s), 1);
    CHECK_INT(t, s.n_ids, 3);
    CHECK_INT(t, parse(&a, "# nosec subprocess_popen_with_shell_equals_true", &s), 1);
    CHECK(t, !s.all && has_id(&s, "subprocess_popen_with_shell_equals_true"));
    /* Bandit accepts a reason after nosec; prose keeps it a blanket one */
    CHECK_INT(t, parse(&a, "# nosec - reviewed by alice", &s), 1);
    CHECK(t, s.all && s.n_ids == 0);
    CHECK_INT(t, parse(&a, "# nosec(tkelsey): catching expected exception", &s), 1);
    CHECK(t, s.all);
    CHECK_INT(t, parse(&a, "# NOSEC", &s), 1);
    CHECK_INT(t, parse(&a, "# nosecurity here", &s), 0);
    CHECK_INT(t, parse(&a, "# this is nosec in prose", &s), 0);
    CHECK_INT(t, parse(&a, "# nosec B602 # and a note", &s), 1);
    CHECK(t, s.n_ids == 1 && has_id(&s, "B602"));
    arena_free(&a);
}

static void test_noqa_spellings(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    Suppression s;
    CHECK_INT(t, parse(&a, "# noqa", &s), 1);
    CHECK(t, s.all && s.styles == SUPPRESS_NOQA);
    CHECK_INT(t, parse(&a, "# noqa: S602", &s), 1);
    CHECK(t, !s.all && s.n_ids == 1 && has_id(&s, "S602"));
    CHECK_INT(t, parse(&a, "# NOQA:S602,S607", &s), 1);
    CHECK(t, !s.all && s.n_ids == 2 && has_id(&s, "S607"));
    CHECK_INT(t, parse(&a, "# noqa: S602, E501 because it is fine", &s), 1);
    CHECK(t, s.n_ids == 2 && !has_id(&s, "because"));
    CHECK_INT(t, parse(&a, "# noqanope", &s), 0);
    CHECK_INT(t, parse(&a, "# type: ignore  # noqa: E501  # nosec B602", &s), 1);
    CHECK(t, s.styles == (SUPPRESS_NOQA | SUPPRESS_NOSEC) && s.n_ids == 2 && has_id(&s, "E501") &&
                 has_id(&s, "B602") && !s.all);
    arena_free(&a);
}

static void test_krait_spellings(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    Suppression s;
    KraitError err;
    CHECK_INT(t, parse(&a, "# krait: ignore", &s), 1);
    CHECK(t, s.all && s.styles == SUPPRESS_KRAIT);
    CHECK_INT(t, parse(&a, "# krait:ignore[B602]", &s), 1);
    CHECK(t, !s.all && s.n_ids == 1 && has_id(&s, "B602"));
    CHECK_INT(t, parse(&a, "# krait: ignore[B602, DEP001] -- the reason", &s), 1);
    CHECK(t, !s.all && s.n_ids == 2 && has_id(&s, "DEP001"));
    CHECK_INT(t, parse(&a, "# krait scans this file", &s), 0);
    const char *bad = "# krait: ignor[B602]";
    CHECK_INT(t, suppress_parse_comment(&a, bad, strlen(bad), &s, &err), -1);
    CHECK_INT(t, err.col, 10);
    CHECK(t, strstr(err.message, "unknown krait directive") != NULL);
    bad = "# krait: ignore[B602";
    CHECK_INT(t, suppress_parse_comment(&a, bad, strlen(bad), &s, &err), -1);
    CHECK(t, strstr(err.message, "never closed") != NULL);
    bad = "# krait: ignore[]";
    CHECK_INT(t, suppress_parse_comment(&a, bad, strlen(bad), &s, &err), -1);
    bad = "# krait: ignore[B6;02]";
    CHECK_INT(t, suppress_parse_comment(&a, bad, strlen(bad), &s, &err), -1);
    CHECK_INT(t, err.col, 19);
    arena_free(&a);
}

static void test_ids_resolve(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    Suppression s;
    CHECK_INT(t, parse(&a, "# nosec dep001, vulnerable_dependency, B99999", &s), 1);
    CHECK_INT(t, s.n_ids, 3);
    const RuleInfo *dep1 = registry_find("DEP001");
    CHECK(t, s.ids[0].rule == dep1);
    CHECK(t, s.ids[1].rule == dep1);   /* a rule name, Bandit's test-name style */
    CHECK(t, s.ids[2].rule == NULL);
    CHECK(t, suppress_id_names("vulnerable-dependency", dep1));
    CHECK(t, !suppress_id_names("DEP002", dep1));
    arena_free(&a);
}

static const char *const SOURCE =
    "import os\n"                            /* 1 */
    "x = foo(  # nosec DEP001\n"             /* 2 */
    "    1,\n"                               /* 3 */
    "    2)\n"                               /* 4 */
    "y = 1  # krait: ignore[DEP002]\n"       /* 5 */
    "def f(a,  # nosec\n"                    /* 6 */
    "      b):\n"                            /* 7 */
    "    z = 2\n"                            /* 8 */
    "v = 4  # nosec DEP004, NOPE1\n"         /* 9 */
    "w = 5  # noqa: E501\n"                  /* 10 */
    "u = 6  # krait: bogus\n";               /* 11 */

static void add(FindingList *l, const char *id, uint32_t line)
{
    finding_list_add(l, registry_find(id), "m.py", line, 1, "m");
}

static bool has_finding(const FindingList *l, const char *id, uint32_t line)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].rule->id, id) == 0 && l->items[i].line == line) return true;
    return false;
}

static void count_warning(const KraitError *w, void *ctx)
{
    if (w->line == 11 && w->col == 17 && strcmp(w->path, "m.py") == 0) ++*(unsigned *)ctx;
}

static void run_apply(UnitContext *t, bool report_unused, FindingList *l, SuppressResult *res, unsigned *warnings)
{
    Arena a;
    arena_init(&a);
    ParseResult pr;
    KraitError err;
    CHECK(t, parser_parse_module(&a, "m.py", SOURCE, strlen(SOURCE), &pr, &err) == 0);
    finding_list_init(l);
    add(l, "DEP001", 3);   /* inside the statement of lines 2-4: suppressed by line 2 */
    add(l, "DEP002", 3);   /* line 2 names DEP001 only */
    add(l, "DEP002", 5);   /* its own line */
    add(l, "DEP003", 7);   /* the def header spans 6-7: suppressed by line 6 */
    add(l, "DEP001", 8);   /* in the body: a def line's comment does not reach it */
    add(l, "E999", 1);     /* no comment on line 1 */
    *warnings = 0;
    suppress_apply(&a, &pr, "m.py", l, report_unused, count_warning, warnings, res);
    arena_free(&a);
}

static void test_apply_lines_and_statements(UnitContext *t)
{
    FindingList l;
    SuppressResult res;
    unsigned warnings;
    run_apply(t, false, &l, &res, &warnings);
    CHECK_INT(t, res.suppressed, 3);
    CHECK_INT(t, res.malformed, 1);
    CHECK_INT(t, warnings, 1);
    CHECK_INT(t, l.n, 3);
    CHECK(t, has_finding(&l, "DEP002", 3));
    CHECK(t, has_finding(&l, "DEP001", 8));
    CHECK(t, has_finding(&l, "E999", 1));
    CHECK(t, !has_finding(&l, "DEP001", 3) && !has_finding(&l, "DEP002", 5) && !has_finding(&l, "DEP003", 7));
    finding_list_free(&l);
}

static void test_apply_reports_unused(UnitContext *t)
{
    FindingList l;
    SuppressResult res;
    unsigned warnings;
    run_apply(t, true, &l, &res, &warnings);
    /* line 9: DEP004 and NOPE1 unused (two findings); line 10: E501 is
     * another linter's code under noqa, so not reported */
    size_t kr = 0;
    for (size_t i = 0; i < l.n; i++)
        if (strcmp(l.items[i].rule->id, "KR001") == 0) {
            kr++;
            CHECK_INT(t, l.items[i].line, 9);
            CHECK_INT(t, l.items[i].col, 8);
            CHECK_STR(t, l.items[i].snippet, "v = 4  # nosec DEP004, NOPE1");
        }
    CHECK_INT(t, kr, 2);
    CHECK_INT(t, l.n, 5);
    finding_list_free(&l);
}

static void test_unused_blanket(UnitContext *t)
{
    const char *src = "a = 1  # nosec\nb = 2  # noqa\nc = 3  # krait: ignore\nd = 4  # nosec  # noqa: RUF100\n";
    Arena a;
    arena_init(&a);
    ParseResult pr;
    KraitError err;
    CHECK(t, parser_parse_module(&a, "b.py", src, strlen(src), &pr, &err) == 0);
    FindingList l;
    finding_list_init(&l);
    SuppressResult res;
    suppress_apply(&a, &pr, "b.py", &l, true, NULL, NULL, &res);
    CHECK_INT(t, l.n, 2);   /* the bare noqa may serve flake8 or Ruff; RUF100 keeps line 4 */
    CHECK(t, has_finding(&l, "KR001", 1) && has_finding(&l, "KR001", 3));
    finding_list_free(&l);
    arena_free(&a);
}

int main(int argc, char **argv)
{
    static const UnitTest tests[] = {
        {"suppress_nosec_spellings", test_nosec_spellings},
        {"suppress_noqa_spellings", test_noqa_spellings},
        {"suppress_krait_spellings", test_krait_spellings},
        {"suppress_ids_resolve", test_ids_resolve},
        {"suppress_apply_lines_and_statements", test_apply_lines_and_statements},
        {"suppress_apply_reports_unused", test_apply_reports_unused},
        {"suppress_unused_blanket", test_unused_blanket},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
