/* test_check.c - the rules engine through its C API: rule options (which
 * the command line cannot set yet), a parse result without a module, and the
 * position and severity of findings the golden tests do not pin down. */
#include "unit.h"

#include "python/parser.h"
#include "rules/check.h"

/* Runs the rules over src and counts the findings of rule id. */
static int count(const char *src, const RulesOptions *opt, const char *id, FindingList *out)
{
    Arena a;
    arena_init(&a);
    ParseResult pr;
    KraitError err;
    finding_list_init(out);
    if (parser_parse_module(&a, "t.py", src, strlen(src), &pr, &err) < 0) {
        arena_free(&a);
        return -1;
    }
    rules_check_module_with(&pr, "t.py", &a, opt, out);
    arena_free(&a);
    int n = 0;
    for (size_t i = 0; i < out->n; i++)
        if (strcmp(out->items[i].rule->id, id) == 0) n++;
    return n;
}

static void test_typed_exception_option(UnitContext *t)
{
    FindingList out;
    const char *src = "try:\n    f()\nexcept ValueError:\n    pass\n";
    CHECK_INT(t, count(src, NULL, "B110", &out), 0);
    finding_list_free(&out);
    RulesOptions opt = {.check_typed_exception = true};
    CHECK_INT(t, count(src, &opt, "B110", &out), 1);
    finding_list_free(&out);
}

static void test_tmp_dirs_option(UnitContext *t)
{
    FindingList out;
    const char *src = "a = '/tmp/x'\nb = '/scratch/y'\n";
    CHECK_INT(t, count(src, NULL, "B108", &out), 1);
    finding_list_free(&out);
    static const char *const dirs[] = {"/scratch"};
    RulesOptions opt = {.tmp_dirs = dirs, .n_tmp_dirs = 1};
    CHECK_INT(t, count(src, &opt, "B108", &out), 1);
    CHECK(t, out.n == 1 && out.items[0].line == 2);
    finding_list_free(&out);
}

static void test_markup_options(UnitContext *t)
{
    FindingList out;
    const char *src = "from webhelpers.html import literal\nimport bleach\nfrom markupsafe import Markup\n"
                      "literal(x)\nMarkup(bleach.clean(x))\n";
    CHECK_INT(t, count(src, NULL, "B704", &out), 1);
    finding_list_free(&out);
    static const char *const names[] = {"webhelpers.html.literal"};
    static const char *const allowed[] = {"bleach.clean"};
    RulesOptions opt = {.markup_names = names, .n_markup_names = 1, .allowed_markup_calls = allowed,
                        .n_allowed_markup_calls = 1};
    CHECK_INT(t, count(src, &opt, "B704", &out), 1);
    CHECK(t, out.n >= 1 && out.items[0].line == 4);
    finding_list_free(&out);
}

static void test_password_words_option(UnitContext *t)
{
    FindingList out;
    const char *src = "api_key = 'abc'\nconnect(passcode='1234')\ndef f(db_passcode='x'):\n    pass\n";
    CHECK_INT(t, count(src, NULL, "B105", &out), 0);
    CHECK_INT(t, out.n, 0);   /* nor B106, B107: no finding at all */
    finding_list_free(&out);
    static const char *const words[] = {"key", "PASSCODE"};
    RulesOptions opt = {.password_words = words, .n_password_words = 2};
    CHECK_INT(t, count(src, &opt, "B105", &out), 1);
    finding_list_free(&out);
    CHECK_INT(t, count(src, &opt, "B106", &out), 1);
    finding_list_free(&out);
    CHECK_INT(t, count(src, &opt, "B107", &out), 1);
    finding_list_free(&out);
}

static void test_positions_and_severity(UnitContext *t)
{
    FindingList out;
    /* B602 is reported at the shell= keyword (Bandit's line), LOW for a constant command */
    const char *src = "import subprocess\nsubprocess.call(\n    'ls',\n    shell=True)\n";
    CHECK_INT(t, count(src, NULL, "B602", &out), 1);
    for (size_t i = 0; i < out.n; i++)
        if (strcmp(out.items[i].rule->id, "B602") == 0) {
            CHECK_INT(t, out.items[i].line, 4);
            CHECK_INT(t, out.items[i].col, 5);
            CHECK_INT(t, out.items[i].severity, SEV_LOW);
            CHECK_STR(t, out.items[i].snippet, "    shell=True)");
        }
    finding_list_free(&out);
    /* B103: o+w is HIGH, g+x MEDIUM */
    CHECK_INT(t, count("import os\nos.chmod(p, 0o701)\n", NULL, "B103", &out), 1);
    CHECK(t, out.n == 1 && out.items[0].severity == SEV_MEDIUM);
    finding_list_free(&out);
    /* B613 points at the first bidi control: line 2, byte column 6 (1-based) */
    CHECK_INT(t, count("x = 1\ns = '\xe2\x80\xae'\n", NULL, "B613", &out), 1);
    CHECK(t, out.n == 1 && out.items[0].line == 2 && out.items[0].col == 6);
    finding_list_free(&out);
}

static void test_no_module(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    ParseResult pr = {0};
    FindingList out;
    finding_list_init(&out);
    CHECK_INT(t, rules_check_module(&pr, "broken.py", &a, &out), 0);
    CHECK_INT(t, out.n, 0);
    finding_list_free(&out);
    arena_free(&a);
}

int main(int argc, char **argv)
{
    static const UnitTest tests[] = {
        {"typed_exception_option", test_typed_exception_option},
        {"tmp_dirs_option", test_tmp_dirs_option},
        {"markup_options", test_markup_options},
        {"password_words_option", test_password_words_option},
        {"positions_and_severity", test_positions_and_severity},
        {"no_module", test_no_module},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
