/* test_toml.c - the TOML parser: errors with their line and column for each
 * class of mistake, lookups, positions of keys and values.
 * It doubles as the decoding harness of the tests/diff suites:
 *   test_toml --decode FILE   prints the tagged JSON of toml-test, or the
 *                             error on stderr with exit status 1. */
#include "unit.h"

#include "config/toml.h"

#include <math.h>
#include <stdlib.h>

/* Parses text; on success returns the root, else NULL with err filled. */
static const TomlValue *parse(Arena *arena, const char *text, KraitError *err)
{
    TomlValue *root;
    error_clear(err);
    if (toml_parse(text, strlen(text), "t.toml", arena, &root, err) < 0) return NULL;
    return root;
}

/* Expects text to fail at line:col with a message containing want. */
static void check_error(UnitContext *t, const char *file, int line, const char *text, int want_line,
                        int want_col, const char *want)
{
    Arena arena;
    arena_init(&arena);
    KraitError err;
    const TomlValue *root = parse(&arena, text, &err);
    char msg[400];
    if (root) {
        snprintf(msg, sizeof msg, "accepted %.60s", text);
        unit_fail(t, file, line, msg);
    } else if (err.line != want_line || err.col != want_col || !strstr(err.message, want) ||
               strcmp(err.path, "t.toml") != 0) {
        snprintf(msg, sizeof msg, "got %.40s:%d:%d: %.200s; want %d:%d: ...%s...", err.path, err.line, err.col,
                 err.message, want_line, want_col, want);
        unit_fail(t, file, line, msg);
    }
    arena_free(&arena);
}

#define CHECK_ERROR(t, text, l, c, want) check_error((t), __FILE__, __LINE__, (text), (l), (c), (want))

static void test_errors_keys(UnitContext *t)
{
    CHECK_ERROR(t, "a = 1\nb 2\n", 2, 3, "expected '=' after the key");
    CHECK_ERROR(t, "a = 1\na = 2\n", 2, 1, "duplicate key 'a' (first defined at line 1)");
    CHECK_ERROR(t, "= 1\n", 1, 1, "expected a key");
    CHECK_ERROR(t, "a.b = 1\na.b.c = 2\n", 2, 3, "cannot add keys to 'b'");
    CHECK_ERROR(t, "\"\"\"k\"\"\" = 1\n", 1, 1, "multi-line string cannot be a key");
    CHECK_ERROR(t, "a = 1 b = 2\n", 1, 7, "expected a newline after the value");
    CHECK_ERROR(t, "a =\n", 1, 4, "expected a value, found end of line");
    CHECK_ERROR(t, "a = \n", 1, 5, "expected a value");
    CHECK_ERROR(t, "[x]\n\"a\" . 'b' .\n", 2, 12, "expected a key");
}

static void test_errors_tables(UnitContext *t)
{
    CHECK_ERROR(t, "[a]\nx = 1\n[a]\n", 3, 2, "table 'a' is defined twice");
    CHECK_ERROR(t, "[a]\nb.c = 1\n[a.b]\n", 3, 4, "table made by dotted keys");
    CHECK_ERROR(t, "a = {b = 1}\n[a]\n", 2, 2, "an inline table");
    CHECK_ERROR(t, "a = {b = 1}\na.c = 2\n", 2, 1, "cannot add keys to inline table 'a'");
    CHECK_ERROR(t, "a = [1]\n[[a]]\n", 2, 3, "cannot append to 'a': it is a static array");
    CHECK_ERROR(t, "[[a]]\n[a]\n", 2, 2, "an array of tables");
    CHECK_ERROR(t, "[a.b.c]\nz = 1\n[a]\nb.c.t = 2\n", 4, 3, "cannot add keys to table 'c'");
    CHECK_ERROR(t, "[a\nb = 1\n", 1, 3, "expected ']' to close the table header");
    CHECK_ERROR(t, "[[a]\n", 1, 4, "expected ']]'");
    CHECK_ERROR(t, "[a] x = 1\n", 1, 5, "expected a newline after the table header");
    CHECK_ERROR(t, "a = 1\n[a.b]\n", 2, 2, "it is an integer defined at line 1");
}

static void test_errors_inline(UnitContext *t)
{
    CHECK_ERROR(t, "a = {b = 1,}\n", 1, 12, "trailing comma in an inline table");
    CHECK_ERROR(t, "a = {b = 1\n}\n", 1, 11, "must be on one line");
    CHECK_ERROR(t, "a = {b = 1, b = 2}\n", 1, 13, "duplicate key 'b'");
    CHECK_ERROR(t, "a = {b = 1", 1, 5, "unterminated inline table");
    CHECK_ERROR(t, "a = [1 2]\n", 1, 8, "expected ',' or ']' in an array");
    CHECK_ERROR(t, "a = [1,\n2\n", 1, 5, "unterminated array");
    CHECK_ERROR(t, "a = [,]\n", 1, 6, "expected a value");
}

static void test_errors_strings(UnitContext *t)
{
    CHECK_ERROR(t, "a = \"abc\n", 1, 9, "newline in a single-line string");
    CHECK_ERROR(t, "a = \"abc", 1, 5, "unterminated string");
    CHECK_ERROR(t, "a = \"\\q\"\n", 1, 6, "invalid escape sequence");
    CHECK_ERROR(t, "a = \"\\x41\"\n", 1, 6, "invalid escape sequence");
    CHECK_ERROR(t, "a = \"\\uD800\"\n", 1, 6, "not a Unicode scalar value");
    CHECK_ERROR(t, "a = \"\\U00110000\"\n", 1, 6, "not a Unicode scalar value");
    CHECK_ERROR(t, "a = \"\\u12\"\n", 1, 6, "needs 4 hexadecimal digits");
    CHECK_ERROR(t, "a = \"a\x01\"\n", 1, 7, "control character U+0001 in a string");
    CHECK_ERROR(t, "a = 'a\x7f'\n", 1, 7, "control character U+007F");
    CHECK_ERROR(t, "a = \"\"\"abc\n", 1, 5, "unterminated multi-line string");
    CHECK_ERROR(t, "a = '''x''''''\n", 1, 14, "too many quotes");
    CHECK_ERROR(t, "a = \"\"\"x\\ y\"\"\"\n", 1, 9, "invalid escape sequence");
    CHECK_ERROR(t, "a = \"x\\\n\"\n", 1, 7, "invalid escape sequence");
}

static void test_errors_numbers(UnitContext *t)
{
    CHECK_ERROR(t, "a = 9223372036854775808\n", 1, 5, "out of the 64-bit range");
    CHECK_ERROR(t, "a = -9223372036854775809\n", 1, 5, "out of the 64-bit range");
    CHECK_ERROR(t, "a = 0x1_0000_0000_0000_0000\n", 1, 5, "out of the 64-bit range");
    CHECK_ERROR(t, "a = 012\n", 1, 5, "leading zeros");
    CHECK_ERROR(t, "a = 1__2\n", 1, 5, "misplaced underscore");
    CHECK_ERROR(t, "a = 1_\n", 1, 5, "misplaced underscore");
    CHECK_ERROR(t, "a = _1\n", 1, 5, "expected a value");
    CHECK_ERROR(t, "a = 0x\n", 1, 5, "invalid number");
    CHECK_ERROR(t, "a = +0x10\n", 1, 5, "invalid number");
    CHECK_ERROR(t, "a = 0b102\n", 1, 5, "bad digit");
    CHECK_ERROR(t, "a = 1.\n", 1, 5, "after the decimal point");
    CHECK_ERROR(t, "a = .5\n", 1, 5, "expected a value");
    CHECK_ERROR(t, "a = 1e\n", 1, 5, "in the exponent");
    CHECK_ERROR(t, "a = infinity\n", 1, 5, "invalid number");
    CHECK_ERROR(t, "a = True\n", 1, 5, "expected a value");
    CHECK_ERROR(t, "a = truer\n", 1, 5, "expected a value");
}

static void test_errors_datetimes(UnitContext *t)
{
    CHECK_ERROR(t, "a = 2021-13-01\n", 1, 10, "month 13 is out of range");
    CHECK_ERROR(t, "a = 2021-02-29\n", 1, 13, "day 29 is out of range for 2021-02");
    CHECK_ERROR(t, "a = 2021-02-01T24:00:00\n", 1, 16, "hour 24");
    CHECK_ERROR(t, "a = 12:60:00\n", 1, 8, "minute 60");
    CHECK_ERROR(t, "a = 12:00:60\n", 1, 11, "second 60");
    CHECK_ERROR(t, "a = 12:00\n", 1, 10, "seconds are required");
    CHECK_ERROR(t, "a = 2021-01-01T00:00:00+24:00\n", 1, 24, "time offset +24:00 is out of range");
    CHECK_ERROR(t, "a = 2021-01-01T00:00:00+0100\n", 1, 27, "malformed time offset");
    CHECK_ERROR(t, "a = 2021-1-01\n", 1, 10, "malformed date");
    CHECK_ERROR(t, "a = 2021-01-01T00:00:00.\n", 1, 25, "digits after the decimal point");
}

static void test_errors_encoding(UnitContext *t)
{
    CHECK_ERROR(t, "a = 1\nb = \"\xff\"\n", 2, 6, "invalid UTF-8 byte 0xFF");
    CHECK_ERROR(t, "a = \"\xed\xa0\x80\"\n", 1, 6, "invalid UTF-8");       /* a surrogate */
    CHECK_ERROR(t, "a = \"\xc0\xaf\"\n", 1, 6, "invalid UTF-8");           /* overlong */
    CHECK_ERROR(t, "# x\x0c\n", 1, 4, "control character U+000C in a comment");
    CHECK_ERROR(t, "a = 1\r\nb = 2\rc = 3\n", 2, 6, "found control character U+000D");
    CHECK_ERROR(t, "a = 1 # \x7f\n", 1, 9, "in a comment");
}

/* Parses a document, failing the test if it is rejected. */
static const TomlValue *parse_ok(UnitContext *t, Arena *arena, const char *text)
{
    KraitError err;
    const TomlValue *root = parse(arena, text, &err);
    if (!root) {
        char msg[400];
        snprintf(msg, sizeof msg, "rejected: %d:%d: %.300s", err.line, err.col, err.message);
        unit_fail(t, __FILE__, __LINE__, msg);
    }
    return root;
}

static const char PYPROJECT[] =
    "[project]\n"
    "name = \"demo\"\n"
    "dependencies = [\n"
    "    \"requests>=2.0\",\n"
    "    'flask',  # web\n"
    "]\n"
    "\n"
    "[tool.krait]\n"
    "select = [\"B6\", \"DEP\"]\n"
    "\"quoted.key\" = true\n"
    "\n"
    "[[tool.krait.override]]\n"
    "path = \"tests/*\"\n"
    "[[tool.krait.override]]\n"
    "path = \"docs/*\"\n"
    "level.min = 3\n";

static void test_lookups(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    const TomlValue *root = parse_ok(t, &arena, PYPROJECT);
    if (!root) goto done;
    CHECK_STR(t, toml_as_string(toml_get_path(root, "project.name")), "demo");
    const TomlValue *deps = toml_get_path(root, "project.dependencies");
    CHECK_INT(t, toml_array_len(deps), 2);
    CHECK_STR(t, toml_as_string(toml_array_at(deps, 1)), "flask");
    CHECK(t, toml_array_at(deps, 2) == NULL);
    CHECK_STR(t, toml_as_string(toml_array_at(toml_get_path(root, "tool.krait.select"), 0)), "B6");
    bool b = false;
    CHECK(t, toml_get_bool(toml_get_path(root, "tool.krait.\"quoted.key\""), &b) && b);
    CHECK(t, toml_get_path(root, "tool.krait.quoted") == NULL);
    const TomlValue *over = toml_get_path(root, "tool . krait . override");
    CHECK_INT(t, toml_array_len(over), 2);
    int64_t n = 0;
    CHECK(t, toml_get_int(toml_get_path(toml_array_at(over, 1), "level.min"), &n) && n == 3);
    CHECK(t, toml_get_path(root, "project.missing") == NULL);
    CHECK(t, toml_get_path(root, "project.name.x") == NULL);
    CHECK(t, toml_get_path(root, "project.") == NULL);
    CHECK(t, toml_get_path(root, "") == NULL);
    CHECK(t, toml_table_get(root, "tool") != NULL);
    CHECK(t, toml_table_get(deps, "x") == NULL);
    /* typed getters refuse other kinds */
    double d;
    CHECK(t, !toml_get_float(toml_get_path(root, "project.name"), &d));
    CHECK(t, !toml_get_int(toml_get_path(root, "project.name"), &n));
    CHECK(t, toml_as_string(deps) == NULL);
    /* file order of keys */
    CHECK_INT(t, toml_table_len(root), 2);
    CHECK_STR(t, toml_table_at(root, 0)->key, "project");
    CHECK_STR(t, toml_table_at(root, 1)->key, "tool");
    const TomlValue *krait = toml_get_path(root, "tool.krait");
    CHECK_STR(t, toml_table_at(krait, 0)->key, "select");
    CHECK_STR(t, toml_table_at(krait, 1)->key, "quoted.key");
    CHECK_STR(t, toml_table_at(krait, 2)->key, "override");
done:
    arena_free(&arena);
}

static void test_positions(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    const TomlValue *root = parse_ok(t, &arena, PYPROJECT);
    if (!root) goto done;
    const TomlValue *deps = toml_get_path(root, "project.dependencies");
    CHECK_INT(t, deps->line, 3);
    CHECK_INT(t, deps->col, 16);
    CHECK_INT(t, toml_array_at(deps, 0)->line, 4);
    CHECK_INT(t, toml_array_at(deps, 0)->col, 5);
    CHECK_INT(t, toml_array_at(deps, 1)->line, 5);
    const TomlEntry *e = toml_table_find(toml_get_path(root, "project"), "dependencies", 12);
    CHECK(t, e && e->line == 3 && e->col == 1);
    const TomlValue *krait = toml_get_path(root, "tool.krait");
    CHECK_INT(t, krait->line, 8);   /* the header */
    CHECK_INT(t, krait->col, 1);
    e = toml_table_find(krait, "quoted.key", 10);
    CHECK(t, e && e->line == 10 && e->col == 1 && e->value->col == 16);
    const TomlValue *over = toml_get_path(root, "tool.krait.override");
    CHECK_INT(t, toml_array_at(over, 1)->line, 14);
    const TomlEntry *min = toml_table_find(toml_get_path(toml_array_at(over, 1), "level"), "min", 3);
    CHECK(t, min && min->line == 16 && min->col == 7 && min->value->col == 13);
done:
    arena_free(&arena);
}

static void test_implicit_then_explicit_position(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    const TomlValue *root = parse_ok(t, &arena, "[a.b]\nx = 1\n\n[a]\ny = 2\n");
    if (root) {
        const TomlValue *a = toml_table_get(root, "a");
        CHECK_INT(t, a->line, 4);
        CHECK_INT(t, toml_table_len(a), 2);
        CHECK_STR(t, toml_table_at(a, 0)->key, "b");
        CHECK_STR(t, toml_table_at(a, 1)->key, "y");
    }
    arena_free(&arena);
}

static void test_values(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    const TomlValue *root = parse_ok(t, &arena,
                                     "i = -0\nh = 0xdead_BEEF\no = 0o17\nb = 0b101\nmin = -9223372036854775808\n"
                                     "f = 6.626e-34\ng = -inf\nn = nan\ns = \"\\u00e9\\U0001F600\\t\"\n"
                                     "m = \"\"\"\\\n   one \\\n  two\"\"\"\nl = '''\nC:\\x'''\nq = \"\"\"\"\"\"\"\"\n"
                                     "z = \"a\\u0000b\"\n"
                                     "dt = 1979-05-27 07:32:00.123456789999-07:30\nld = 1979-05-27\nlt = 00:32:00\n");
    if (!root) goto done;
    int64_t n = 1;
    CHECK(t, toml_get_int(toml_table_get(root, "i"), &n) && n == 0);
    CHECK(t, toml_get_int(toml_table_get(root, "h"), &n) && n == 0xdeadbeef);
    CHECK(t, toml_get_int(toml_table_get(root, "o"), &n) && n == 15);
    CHECK(t, toml_get_int(toml_table_get(root, "b"), &n) && n == 5);
    CHECK(t, toml_get_int(toml_table_get(root, "min"), &n) && n == INT64_MIN);
    double d = 0;
    CHECK(t, toml_get_float(toml_table_get(root, "f"), &d) && d == 6.626e-34);
    CHECK(t, toml_get_float(toml_table_get(root, "g"), &d) && isinf(d) && d < 0);
    CHECK(t, toml_get_float(toml_table_get(root, "n"), &d) && isnan(d));
    CHECK_STR(t, toml_as_string(toml_table_get(root, "s")), "\xc3\xa9\xf0\x9f\x98\x80\t");
    CHECK_STR(t, toml_as_string(toml_table_get(root, "m")), "one two");
    CHECK_STR(t, toml_as_string(toml_table_get(root, "l")), "C:\\x");
    CHECK_STR(t, toml_as_string(toml_table_get(root, "q")), "\"\"");
    const char *z = NULL;
    size_t len = 0;
    CHECK(t, toml_get_string(toml_table_get(root, "z"), &z, &len) && len == 3 && z[1] == '\0' && z[2] == 'b');
    TomlDatetime dt;
    const TomlValue *v = toml_table_get(root, "dt");
    CHECK(t, v && v->kind == TOML_DATETIME && toml_get_datetime(v, &dt));
    CHECK(t, dt.year == 1979 && dt.month == 5 && dt.day == 27 && dt.hour == 7 && dt.minute == 32);
    CHECK_INT(t, dt.nanosecond, 123456789);
    CHECK_INT(t, dt.offset_minutes, -450);
    v = toml_table_get(root, "ld");
    CHECK(t, v && v->kind == TOML_DATE_LOCAL);
    v = toml_table_get(root, "lt");
    CHECK(t, v && v->kind == TOML_TIME_LOCAL && v->as.datetime.minute == 32);
    CHECK_STR(t, toml_kind_name(TOML_DATETIME_LOCAL), "datetime-local");
done:
    arena_free(&arena);
}

/* Big tables switch to a hash index: every key must still be found, in order. */
static void test_big_table(UnitContext *t)
{
    StrBuf doc;
    strbuf_init(&doc);
    enum { N = 5000 };
    for (int i = 0; i < N; i++) strbuf_printf(&doc, "k%d = %d\n", i, i);
    Arena arena;
    arena_init(&arena);
    const TomlValue *root = parse_ok(t, &arena, doc.data);
    if (root) {
        CHECK_INT(t, toml_table_len(root), N);
        int bad = 0;
        for (int i = 0; i < N; i++) {
            char key[16];
            snprintf(key, sizeof key, "k%d", i);
            int64_t n = -1;
            if (!toml_get_int(toml_table_get(root, key), &n) || n != i) bad++;
            if (strcmp(toml_table_at(root, (size_t)i)->key, key) != 0) bad++;
        }
        CHECK_INT(t, bad, 0);
        CHECK(t, toml_table_get(root, "k5000") == NULL);
    }
    strbuf_printf(&doc, "k4321 = 1\n");
    KraitError err;
    CHECK(t, parse(&arena, doc.data, &err) == NULL && err.line == N + 1 && strstr(err.message, "duplicate"));
    arena_free(&arena);
    strbuf_free(&doc);
}

static void test_nesting_limit(UnitContext *t)
{
    StrBuf doc;
    strbuf_init(&doc);
    strbuf_puts(&doc, "a = ");
    for (int i = 0; i < 100000; i++) strbuf_putc(&doc, '[');
    Arena arena;
    arena_init(&arena);
    KraitError err;
    CHECK(t, parse(&arena, doc.data, &err) == NULL && strstr(err.message, "nested deeper than"));
    arena_free(&arena);
    strbuf_free(&doc);
}

static void test_parse_file(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    TomlValue *root = NULL;
    KraitError err;
    CHECK(t, toml_parse_file("/nonexistent/pyproject.toml", &arena, &root, &err) < 0 && root == NULL);
    CHECK_STR(t, err.path, "/nonexistent/pyproject.toml");
    arena_free(&arena);
}

static int decode(const char *path)
{
    Arena arena;
    arena_init(&arena);
    TomlValue *root;
    KraitError err;
    int rc = 0;
    if (toml_parse_file(path, &arena, &root, &err) < 0) {
        error_print(stderr, &err);
        rc = 1;
    } else {
        StrBuf out;
        strbuf_init(&out);
        toml_write_tagged_json(root, &out);
        strbuf_putc(&out, '\n');
        fwrite(out.data, 1, out.len, stdout);
        strbuf_free(&out);
    }
    arena_free(&arena);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--decode") == 0) return decode(argv[2]);
    static const UnitTest tests[] = {
        {"errors_keys", test_errors_keys},
        {"errors_tables", test_errors_tables},
        {"errors_inline", test_errors_inline},
        {"errors_strings", test_errors_strings},
        {"errors_numbers", test_errors_numbers},
        {"errors_datetimes", test_errors_datetimes},
        {"errors_encoding", test_errors_encoding},
        {"lookups", test_lookups},
        {"positions", test_positions},
        {"implicit_then_explicit_position", test_implicit_then_explicit_position},
        {"values", test_values},
        {"big_table", test_big_table},
        {"nesting_limit", test_nesting_limit},
        {"parse_file", test_parse_file},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
