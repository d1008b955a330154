/* test_report.c - findings, fingerprints and the four output formats.
 * With "--sarif FILE" or "--json FILE" it writes a sample report instead
 * (tests/report/ scripts validate those against the published schemas). */
#include "unit.h"

#include "report/finding.h"
#include "report/json_writer.h"
#include "report/report.h"

#include <jansson.h>
#include <stdlib.h>

static const RuleInfo rule_shell = {
    "B602", "S602", "subprocess-popen-with-shell-equals-true", SEV_HIGH, CONF_HIGH, 78,
    "subprocess call with shell=True", "What: ...\nFix: pass a list and shell=False.",
};
static const RuleInfo rule_md5 = {
    "B324", "S324", "hashlib-insecure-functions", SEV_MEDIUM, CONF_HIGH, 328,
    "use of a weak hash", "",
};

static void sample(FindingList *list)
{
    finding_list_init(list);
    Finding *f = finding_list_add(list, &rule_md5, "b.py", 3, 5, "md5 \"quoted\" \\ and \x01 control");
    finding_set_snippet(f, "    h = md5(x)", 14);
    f = finding_list_add(list, &rule_shell, "a.py", 10, 1, "shell=True with a non-literal command");
    finding_set_snippet(f, "subprocess.call(cmd, shell=True)", 32);
    finding_add_property(f, "qualified_name", "subprocess.call");
    f = finding_list_add(list, &rule_shell, "a.py", 2, 1, "shell=True with a non-literal command");
    finding_set_snippet(f, "subprocess.call(cmd, shell=True)", 32);
    finding_list_sort(list);
    finding_list_fingerprint(list);
}

static void test_sort_and_fingerprints(UnitContext *t)
{
    FindingList list;
    sample(&list);
    CHECK_STR(t, list.items[0].path, "a.py");
    CHECK_INT(t, list.items[0].line, 2);
    CHECK_STR(t, list.items[2].path, "b.py");
    /* same rule, file and code: same hash, different occurrence index */
    const char *a = list.items[0].fingerprint, *b = list.items[1].fingerprint;
    CHECK(t, strncmp(a, b, 16) == 0);
    CHECK(t, strcmp(a + 16, ":0") == 0);
    CHECK(t, strcmp(b + 16, ":1") == 0);
    finding_list_free(&list);

    /* moving lines and re-indenting keeps fingerprints */
    FindingList moved;
    finding_list_init(&moved);
    Finding *f = finding_list_add(&moved, &rule_shell, "a.py", 40, 9, "shell=True with a non-literal command");
    finding_set_snippet(f, "        subprocess.call(cmd,   shell=True)", 42);
    finding_list_fingerprint(&moved);
    FindingList again;
    sample(&again);
    CHECK_STR(t, moved.items[0].fingerprint, again.items[0].fingerprint);
    finding_list_free(&again);
    finding_list_free(&moved);
}

static void test_json_is_valid_and_complete(UnitContext *t)
{
    FindingList list;
    sample(&list);
    StrBuf out;
    strbuf_init(&out);
    ReportOptions opt = {REPORT_JSON, false, "0.1.0", 7, NULL};
    report_write(&out, &list, &opt);
    json_error_t jerr;
    json_t *root = json_loads(out.data, 0, &jerr);
    CHECK(t, root != NULL);
    if (root) {
        json_t *findings = json_object_get(root, "findings");
        CHECK_INT(t, json_array_size(findings), 3);
        json_t *last = json_array_get(findings, 2);
        CHECK_STR(t, json_string_value(json_object_get(last, "message")), "md5 \"quoted\" \\ and \x01 control");
        CHECK_INT(t, json_integer_value(json_object_get(last, "cwe")), 328);
        json_t *summary = json_object_get(root, "summary");
        CHECK_INT(t, json_integer_value(json_object_get(summary, "high")), 2);
        CHECK_INT(t, json_integer_value(json_object_get(summary, "files_scanned")), 7);
        json_decref(root);
    }
    strbuf_free(&out);
    finding_list_free(&list);
}

static void test_json_escapes_invalid_utf8(UnitContext *t)
{
    StrBuf out;
    strbuf_init(&out);
    jsonw_escape_into(&out, "a\xff\xc3\xa9\xed\xa0\x80z", 8);
    CHECK_STR(t, out.data, "a\\ufffd\xc3\xa9\\ufffd\\ufffd\\ufffdz");
    strbuf_free(&out);
}

static void test_text_and_github(UnitContext *t)
{
    FindingList list;
    sample(&list);
    StrBuf out;
    strbuf_init(&out);
    ReportOptions opt = {REPORT_TEXT, false, "0.1.0", 2, NULL};
    report_write(&out, &list, &opt);
    CHECK(t, strstr(out.data, "a.py:2:1: B602 [HIGH/HIGH] shell=True") != NULL);
    CHECK(t, strstr(out.data, "  3 |     h = md5(x)\n    |     ^\n") != NULL);
    CHECK(t, strstr(out.data, "Found 3 findings in 2 files scanned: 0 critical, 2 high, 1 medium, 0 low.") != NULL);
    strbuf_clear(&out);
    opt.format = REPORT_GITHUB;
    report_write(&out, &list, &opt);
    CHECK(t, strstr(out.data, "::error file=a.py,line=2,col=1,") != NULL);
    CHECK(t, strstr(out.data, "::warning file=b.py,line=3,col=5,") != NULL);
    strbuf_free(&out);
    finding_list_free(&list);

    FindingList empty;
    finding_list_init(&empty);
    strbuf_init(&out);
    opt.format = REPORT_TEXT;
    report_write(&out, &empty, &opt);
    CHECK_STR(t, out.data, "No findings (2 files scanned).\n");
    strbuf_free(&out);
}

static void test_sarif_rules_once(UnitContext *t)
{
    FindingList list;
    sample(&list);
    StrBuf out;
    strbuf_init(&out);
    ReportOptions opt = {REPORT_SARIF, false, "0.1.0", 2, NULL};
    report_write(&out, &list, &opt);
    json_error_t jerr;
    json_t *root = json_loads(out.data, 0, &jerr);
    CHECK(t, root != NULL);
    if (root) {
        json_t *run = json_array_get(json_object_get(root, "runs"), 0);
        json_t *rules = json_object_get(json_object_get(json_object_get(run, "tool"), "driver"), "rules");
        CHECK_INT(t, json_array_size(rules), 2);
        json_t *results = json_object_get(run, "results");
        CHECK_INT(t, json_array_size(results), 3);
        json_t *r2 = json_array_get(results, 2);
        CHECK_STR(t, json_string_value(json_object_get(r2, "ruleId")), "B324");
        CHECK_INT(t, json_integer_value(json_object_get(r2, "ruleIndex")), 1);
        json_t *tags = json_object_get(json_object_get(json_array_get(rules, 1), "properties"), "tags");
        CHECK_STR(t, json_string_value(json_array_get(tags, 1)), "external/cwe/cwe-328");
        json_decref(root);
    }
    strbuf_free(&out);
    finding_list_free(&list);
}

static int write_sample(const char *format, const char *path)
{
    FindingList list;
    sample(&list);
    StrBuf out;
    strbuf_init(&out);
    ReportOptions opt = {report_format_parse(format), false, "0.1.0", 2, NULL};
    report_write(&out, &list, &opt);
    FILE *f = fopen(path, "w");
    if (!f) return 2;
    fputs(out.data, f);
    fclose(f);
    strbuf_free(&out);
    finding_list_free(&list);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--sarif") == 0) return write_sample("sarif", argv[2]);
    if (argc == 3 && strcmp(argv[1], "--json") == 0) return write_sample("json", argv[2]);
    static const UnitTest tests[] = {
        {"sort_and_fingerprints", test_sort_and_fingerprints},
        {"json_is_valid_and_complete", test_json_is_valid_and_complete},
        {"json_escapes_invalid_utf8", test_json_escapes_invalid_utf8},
        {"text_and_github", test_text_and_github},
        {"sarif_rules_once", test_sarif_rules_once},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
