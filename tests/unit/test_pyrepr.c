/* test_pyrepr.c - repr() of constants against values CPython 3.13 prints.
 * With "--diff FILE" it is the harness of tests/diff/pyrepr.test: each line
 * of FILE is "CATEGORY KIND INPUT-HEX EXPECTED-HEX" (KIND F float, I
 * imaginary, both as the 16 hex digits of the double's bits; S str as WTF-8
 * bytes; B bytes), and one PASS/FAIL line is printed per category. */
#include "unit.h"

#include "base/strbuf.h"
#include "python/pyrepr.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

static const char *repr_float(StrBuf *sb, double v)
{
    strbuf_clear(sb);
    pyrepr_float(sb, v);
    return sb->data;
}

static void test_float_examples(UnitContext *t)
{
    StrBuf sb;
    strbuf_init(&sb);
    CHECK_STR(t, repr_float(&sb, 1.0), "1.0");
    CHECK_STR(t, repr_float(&sb, 0.1), "0.1");
    CHECK_STR(t, repr_float(&sb, 1e16), "1e+16");
    CHECK_STR(t, repr_float(&sb, 1e15), "1000000000000000.0");
    CHECK_STR(t, repr_float(&sb, 123456789012345678.0), "1.2345678901234568e+17");
    CHECK_STR(t, repr_float(&sb, 1e-5), "1e-05");
    CHECK_STR(t, repr_float(&sb, 0.0001), "0.0001");
    CHECK_STR(t, repr_float(&sb, 0.1 + 0.2), "0.30000000000000004");
    CHECK_STR(t, repr_float(&sb, 5e-324), "5e-324");
    CHECK_STR(t, repr_float(&sb, 1.7976931348623157e308), "1.7976931348623157e+308");
    CHECK_STR(t, repr_float(&sb, INFINITY), "inf");
    CHECK_STR(t, repr_float(&sb, -INFINITY), "-inf");
    CHECK_STR(t, repr_float(&sb, NAN), "nan");
    CHECK_STR(t, repr_float(&sb, 0.0), "0.0");
    CHECK_STR(t, repr_float(&sb, -0.0), "-0.0");
    CHECK_STR(t, repr_float(&sb, 2.5), "2.5");
    CHECK_STR(t, repr_float(&sb, 1e22), "1e+22");
    CHECK_STR(t, repr_float(&sb, 9007199254740993.0), "9007199254740992.0");
    /* 2^-1074 * 2^k at a power of two where the interval is lopsided */
    CHECK_STR(t, repr_float(&sb, 9.5367431640625e-07), "9.5367431640625e-07");
    strbuf_free(&sb);
}

static void test_imag_examples(UnitContext *t)
{
    StrBuf sb;
    strbuf_init(&sb);
    pyrepr_imag(&sb, 1.0);
    CHECK_STR(t, sb.data, "1j");
    strbuf_clear(&sb);
    pyrepr_imag(&sb, 1.5);
    CHECK_STR(t, sb.data, "1.5j");
    strbuf_clear(&sb);
    pyrepr_imag(&sb, 0.0);
    CHECK_STR(t, sb.data, "0j");
    strbuf_clear(&sb);
    pyrepr_imag(&sb, INFINITY);
    CHECK_STR(t, sb.data, "infj");
    strbuf_clear(&sb);
    pyrepr_imag(&sb, 1e16);
    CHECK_STR(t, sb.data, "1e+16j");
    strbuf_clear(&sb);
    pyrepr_imag(&sb, 1e15);
    CHECK_STR(t, sb.data, "1000000000000000j");
    strbuf_free(&sb);
}

static const char *repr_str(StrBuf *sb, const char *s, size_t len)
{
    strbuf_clear(sb);
    pyrepr_str(sb, s, len);
    return sb->data;
}

static void test_str_examples(UnitContext *t)
{
    StrBuf sb;
    strbuf_init(&sb);
    CHECK_STR(t, repr_str(&sb, "abc", 3), "'abc'");
    CHECK_STR(t, repr_str(&sb, "", 0), "''");
    CHECK_STR(t, repr_str(&sb, NULL, 0), "''");
    CHECK_STR(t, repr_str(&sb, "it's", 4), "\"it's\"");
    CHECK_STR(t, repr_str(&sb, "'\"", 2), "'\\'\"'");
    CHECK_STR(t, repr_str(&sb, "a\\b", 3), "'a\\\\b'");
    CHECK_STR(t, repr_str(&sb, "\t\n\r\x01\x7f", 5), "'\\t\\n\\r\\x01\\x7f'");
    CHECK_STR(t, repr_str(&sb, "\0", 1), "'\\x00'");
    CHECK_STR(t, repr_str(&sb, "\xc3\xa9", 2), "'\xc3\xa9'");            /* é is printable */
    CHECK_STR(t, repr_str(&sb, "\xc2\xa0", 2), "'\\xa0'");               /* NBSP is not */
    CHECK_STR(t, repr_str(&sb, "\xc2\x85", 2), "'\\x85'");
    CHECK_STR(t, repr_str(&sb, "\xe2\x80\xa8", 3), "'\\u2028'");
    CHECK_STR(t, repr_str(&sb, "\xed\xa0\x80", 3), "'\\ud800'");         /* lone surrogate */
    CHECK_STR(t, repr_str(&sb, "\xf3\xa0\x80\x81", 4), "'\\U000e0001'");
    CHECK_STR(t, repr_str(&sb, "\xf0\x9f\x98\x80", 4), "'\xf0\x9f\x98\x80'");
    CHECK_STR(t, repr_str(&sb, "\xef\xbf\xbf", 3), "'\\uffff'");
    strbuf_free(&sb);
}

static void test_bytes_examples(UnitContext *t)
{
    StrBuf sb;
    strbuf_init(&sb);
    pyrepr_bytes(&sb, "a'\x00\xff\\\t", 6);
    CHECK_STR(t, sb.data, "b\"a'\\x00\\xff\\\\\\t\"");
    strbuf_clear(&sb);
    pyrepr_bytes(&sb, "'\"", 2);
    CHECK_STR(t, sb.data, "b'\\'\"'");
    strbuf_clear(&sb);
    pyrepr_bytes(&sb, "", 0);
    CHECK_STR(t, sb.data, "b''");
    strbuf_free(&sb);
}

static void test_const_kinds(UnitContext *t)
{
    StrBuf sb;
    strbuf_init(&sb);
    AstConst c = {CONST_NONE, 0, {NULL, 0}};
    pyrepr_const(&sb, &c);
    c.kind = CONST_TRUE;
    strbuf_putc(&sb, ' ');
    pyrepr_const(&sb, &c);
    c.kind = CONST_FALSE;
    strbuf_putc(&sb, ' ');
    pyrepr_const(&sb, &c);
    c.kind = CONST_ELLIPSIS;
    strbuf_putc(&sb, ' ');
    pyrepr_const(&sb, &c);
    c.kind = CONST_INT;
    c.text = (AstStr){"12345678901234567890123", 23};
    strbuf_putc(&sb, ' ');
    pyrepr_const(&sb, &c);
    c.kind = CONST_COMPLEX;
    c.number = 2.0;
    strbuf_putc(&sb, ' ');
    pyrepr_const(&sb, &c);
    CHECK_STR(t, sb.data, "None True False Ellipsis 12345678901234567890123 2j");
    strbuf_free(&sb);
}

/* ---- differential harness ---- */

static size_t unhex(const char *h, char *out)
{
    size_t n = 0;
    for (; h[0] && h[1]; h += 2) {
        unsigned v;
        if (sscanf(h, "%2x", &v) != 1) break;
        out[n++] = (char)v;
    }
    return n;
}

typedef struct DiffCategory {
    char name[64];
    long checked, failed;
    char first[400];
} DiffCategory;

static void diff_report(const DiffCategory *c)
{
    if (!c->name[0]) return;
    if (c->failed)
        printf("FAIL diff_%s: %ld of %ld differ; first: %s\n", c->name, c->failed, c->checked, c->first);
    else
        printf("PASS diff_%s (%ld values)\n", c->name, c->checked);
}

static int diff_line(StrBuf *sb, const char *kind, const char *in_hex, const char *want_hex, char *in, char *want,
                     DiffCategory *cat)
{
    size_t n = unhex(in_hex, in);
    size_t wn = unhex(want_hex, want);
    want[wn] = '\0';
    strbuf_clear(sb);
    if (kind[0] == 'F' || kind[0] == 'I') {
        uint64_t bits = strtoull(in_hex, NULL, 16);
        double v;
        memcpy(&v, &bits, sizeof v);
        if (kind[0] == 'F') pyrepr_float(sb, v);
        else pyrepr_imag(sb, v);
    } else if (kind[0] == 'S') {
        pyrepr_str(sb, in, n);
    } else {
        pyrepr_bytes(sb, in, n);
    }
    cat->checked++;
    if (sb->len == wn && memcmp(sb->data, want, wn) == 0) return 0;
    if (cat->failed++ == 0)
        snprintf(cat->first, sizeof cat->first, "input %.60s: got %.120s want %.120s", in_hex, sb->data, want);
    return 1;
}

static int run_diff(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("FAIL diff_open: cannot open %s\n", path);
        return 1;
    }
    size_t cap = 1 << 20;
    char *line = malloc(cap), *in = malloc(cap), *want = malloc(cap);
    StrBuf sb;
    strbuf_init(&sb);
    DiffCategory cat = {"", 0, 0, ""};
    int failures = 0;
    while (fgets(line, (int)cap, f)) {
        char *name = strtok(line, " \n"), *kind = strtok(NULL, " \n");
        char *in_hex = strtok(NULL, " \n"), *want_hex = strtok(NULL, " \n");
        if (!name || !kind) continue;
        if (!in_hex) in_hex = "";
        if (!want_hex) {                  /* an empty input comes as "-" */
            want_hex = in_hex;
            in_hex = "";
        }
        if (strcmp(in_hex, "-") == 0) in_hex = "";
        if (strcmp(name, cat.name) != 0) {
            diff_report(&cat);
            failures += cat.failed != 0;
            memset(&cat, 0, sizeof cat);
            snprintf(cat.name, sizeof cat.name, "%s", name);
        }
        diff_line(&sb, kind, in_hex, want_hex, in, want, &cat);
    }
    diff_report(&cat);
    failures += cat.failed != 0;
    if (cat.checked == 0 && !cat.name[0]) {
        printf("FAIL diff_empty: %s holds no cases\n", path);
        failures++;
    }
    fclose(f);
    free(line);
    free(in);
    free(want);
    strbuf_free(&sb);
    return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--diff") == 0) return run_diff(argv[2]);
    static const UnitTest tests[] = {
        {"float_examples", test_float_examples},
        {"imag_examples", test_imag_examples},
        {"str_examples", test_str_examples},
        {"bytes_examples", test_bytes_examples},
        {"const_kinds", test_const_kinds},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
