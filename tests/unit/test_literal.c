/* test_literal.c - string, bytes, f-string part and number literals, and
 * identifier normalisation, against values and messages CPython 3.13
 * gives. With "--diff FILE" it is the harness of tests/diff/literal.test:
 * each line is "CATEGORY KIND INPUT-HEX EXPECTED-HEX" where KIND is S (a
 * string token: expected "repr" or "ERR message"), F or R (the FSTRING_MIDDLE
 * tokens of one literal part of an f-string or raw f-string, each in hex,
 * comma-separated: expected the repr of the part's value or "ERR message"),
 * N (a number token: expected repr) or I (an identifier: expected its NFKC
 * form); one PASS/FAIL line per category. */
#include "unit.h"

#include "base/arena.h"
#include "base/strbuf.h"
#include "python/literal.h"
#include "python/pyrepr.h"

#include <math.h>
#include <stdlib.h>

typedef struct Fixture {
    Arena arena;
    StrBuf sb;
    char err[256];
} Fixture;

/* "repr" of the decoded literal (u-prefix as "u:" before it), or "ERR msg". */
static const char *decode(Fixture *fx, const char *tok)
{
    AstConst c;
    int is_u = 0;
    strbuf_clear(&fx->sb);
    fx->err[0] = '\0';
    if (literal_decode_string(&fx->arena, tok, strlen(tok), &c, &is_u, fx->err, sizeof fx->err) < 0) {
        strbuf_printf(&fx->sb, "ERR %s", fx->err);
        return fx->sb.data;
    }
    if (is_u) strbuf_puts(&fx->sb, "u:");
    pyrepr_const(&fx->sb, &c);
    return fx->sb.data;
}

static const char *number(Fixture *fx, const char *tok)
{
    AstConst c;
    strbuf_clear(&fx->sb);
    if (literal_parse_number(&fx->arena, tok, strlen(tok), &c, fx->err, sizeof fx->err) < 0) {
        strbuf_printf(&fx->sb, "ERR %s", fx->err);
        return fx->sb.data;
    }
    static const char *const kinds[] = {"none", "true", "false", "ellipsis", "int", "float", "complex", "str", "bytes"};
    strbuf_printf(&fx->sb, "%s ", kinds[c.kind]);
    pyrepr_const(&fx->sb, &c);
    return fx->sb.data;
}

static const char *fmiddle(Fixture *fx, const char *text, int raw)
{
    AstConst c;
    strbuf_clear(&fx->sb);
    if (literal_decode_fstring_middle(&fx->arena, text, strlen(text), raw, &c, fx->err, sizeof fx->err) < 0) {
        strbuf_printf(&fx->sb, "ERR %s", fx->err);
        return fx->sb.data;
    }
    pyrepr_const(&fx->sb, &c);
    return fx->sb.data;
}

static void fixture_init(Fixture *fx)
{
    arena_init(&fx->arena);
    strbuf_init(&fx->sb);
}

static void fixture_free(Fixture *fx)
{
    arena_free(&fx->arena);
    strbuf_free(&fx->sb);
}

static void test_simple_escapes(UnitContext *t)
{
    Fixture fx;
    fixture_init(&fx);
    CHECK_STR(t, decode(&fx, "'abc'"), "'abc'");
    CHECK_STR(t, decode(&fx, "\"a\\\\b\\'c\\\"d\""), "'a\\\\b\\'c\"d'");
    CHECK_STR(t, decode(&fx, "'\\a\\b\\f\\n\\r\\t\\v'"), "'\\x07\\x08\\x0c\\n\\r\\t\\x0b'");
    CHECK_STR(t, decode(&fx, "'\\0\\7\\101\\1011'"), "'\\x00\\x07AA1'");
    CHECK_STR(t, decode(&fx, "'\\777'"), "'\xc7\xbf'");             /* U+01FF, a warning only */
    CHECK_STR(t, decode(&fx, "b'\\777'"), "b'\\xff'");              /* wraps in bytes */
    CHECK_STR(t, decode(&fx, "'\\x41\\u00e9\\U0001F600'"), "'A\xc3\xa9\xf0\x9f\x98\x80'");
    CHECK_STR(t, decode(&fx, "'\\ud800'"), "'\\ud800'");
    CHECK_STR(t, decode(&fx, "'\\8\\q\\N'") , "ERR (unicode error) 'unicodeescape' codec can't decode bytes in "
                                             "position 4-5: malformed \\N character escape");
    CHECK_STR(t, decode(&fx, "'\\8\\q'"), "'\\\\8\\\\q'");          /* unknown escapes stay */
    CHECK_STR(t, decode(&fx, "'a\\\nb'"), "'ab'");                  /* backslash-newline */
    CHECK_STR(t, decode(&fx, "'''a\r\nb'''"), "'a\\nb'");           /* newlines normalised */
    CHECK_STR(t, decode(&fx, "'\\\xc3\xa9'"), "'\\\\\xc3\xa9'");    /* backslash before non-ASCII */
    fixture_free(&fx);
}

static void test_prefixes_and_quotes(UnitContext *t)
{
    Fixture fx;
    fixture_init(&fx);
    CHECK_STR(t, decode(&fx, "r'\\n\\x'"), "'\\\\n\\\\x'");
    CHECK_STR(t, decode(&fx, "R'\\n'"), "'\\\\n'");
    CHECK_STR(t, decode(&fx, "rb'\\n'"), "b'\\\\n'");
    CHECK_STR(t, decode(&fx, "Br'\\n'"), "b'\\\\n'");
    CHECK_STR(t, decode(&fx, "bR'\\n'"), "b'\\\\n'");
    CHECK_STR(t, decode(&fx, "b'\\n\\x41'"), "b'\\nA'");
    CHECK_STR(t, decode(&fx, "u'x'"), "u:'x'");
    CHECK_STR(t, decode(&fx, "U'x'"), "u:'x'");
    CHECK_STR(t, decode(&fx, "'''a'b\"c'''"), "'a\\'b\"c'");
    CHECK_STR(t, decode(&fx, "\"\"\"x\"\"\""), "'x'");
    CHECK_STR(t, decode(&fx, "''"), "''");
    CHECK_STR(t, decode(&fx, "''''''"), "''");
    CHECK_STR(t, decode(&fx, "b'\\u1234\\N{DASH}'"), "b'\\\\u1234\\\\N{DASH}'");
    fixture_free(&fx);
}

static void test_named_escapes(UnitContext *t)
{
    Fixture fx;
    fixture_init(&fx);
    CHECK_STR(t, decode(&fx, "'\\N{LATIN SMALL LETTER A}'"), "'a'");
    CHECK_STR(t, decode(&fx, "'\\N{latin small letter a}'"), "'a'");
    CHECK_STR(t, decode(&fx, "'\\N{EM DASH}'"), "'\xe2\x80\x94'");
    CHECK_STR(t, decode(&fx, "'\\N{LF}\\N{NEW LINE}\\N{BOM}'"), "'\\n\\n\\ufeff'");   /* aliases */
    CHECK_STR(t, decode(&fx, "'\\N{CJK UNIFIED IDEOGRAPH-4E00}'"), "'\xe4\xb8\x80'");
    CHECK_STR(t, decode(&fx, "'\\N{HANGUL SYLLABLE GAG}'"), "'\xea\xb0\x81'");
    CHECK_STR(t, decode(&fx, "'\\N{GRINNING FACE}'"), "'\xf0\x9f\x98\x80'");
    CHECK_STR(t, decode(&fx, "'\\N{cjk compatibility ideograph-f900}'"), "'\xef\xa4\x80'");
    CHECK_STR(t, decode(&fx, "'\\N{cjk unified ideograph-4e00}'"),
              "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-29: "
              "unknown Unicode character name");
    CHECK_STR(t, decode(&fx, "'\\N{LATIN  SMALL LETTER A}'"),
              "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-24: "
              "unknown Unicode character name");
    CHECK_STR(t, decode(&fx, "'\\N{TANGUT IDEOGRAPH-17000}'"),
              "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-25: "
              "unknown Unicode character name");
    fixture_free(&fx);
}

static void test_string_errors(UnitContext *t)
{
    static const char *cases[][2] = {
        {"'\\x'", "position 0-1: truncated \\xXX escape"},
        {"'\\x4'", "position 0-2: truncated \\xXX escape"},
        {"'\xc3\xa9\\x4'", "position 10-12: truncated \\xXX escape"},
        {"'\\\xc3\xa9\\x'", "position 16-17: truncated \\xXX escape"},
        {"'abc\\xZZ'", "position 3-4: truncated \\xXX escape"},
        {"'\\u12'", "position 0-3: truncated \\uXXXX escape"},
        {"'\\U1234'", "position 0-5: truncated \\UXXXXXXXX escape"},
        {"'\\U00110000'", "position 0-9: illegal Unicode character"},
        {"'\\N{foo}'", "position 0-6: unknown Unicode character name"},
        {"'\\N{'", "position 0-2: malformed \\N character escape"},
        {"'\\N'", "position 0-1: malformed \\N character escape"},
        {"'\\Nx'", "position 0-1: malformed \\N character escape"},
        {"'\\N{}'", "position 0-2: malformed \\N character escape"},
        {"'ab\\N{LATIN SMALL LETTER A'", "position 2-24: malformed \\N character escape"},
    };
    Fixture fx;
    fixture_init(&fx);
    char want[300];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(want, sizeof want, "ERR (unicode error) 'unicodeescape' codec can't decode bytes in %s", cases[i][1]);
        CHECK_STR(t, decode(&fx, cases[i][0]), want);
    }
    CHECK_STR(t, decode(&fx, "b'\\x'"), "ERR (value error) invalid \\x escape at position 0");
    CHECK_STR(t, decode(&fx, "b'\\x4g'"), "ERR (value error) invalid \\x escape at position 0");
    CHECK_STR(t, decode(&fx, "b'ab\\x'"), "ERR (value error) invalid \\x escape at position 2");
    CHECK_STR(t, decode(&fx, "b'\xc3\xa9'"), "ERR bytes can only contain ASCII literal characters");
    CHECK_STR(t, decode(&fx, "rb'\xc3\xa9'"), "ERR bytes can only contain ASCII literal characters");
    CHECK_STR(t, decode(&fx, "'abc"), "ERR unterminated string literal");
    CHECK_STR(t, decode(&fx, "x'abc'"), "ERR invalid string prefix 'x'");
    fixture_free(&fx);
}

static void test_fstring_middle(UnitContext *t)
{
    Fixture fx;
    fixture_init(&fx);
    CHECK_STR(t, fmiddle(&fx, "a{{b}}c", 0), "'a{b}c'");          /* source span */
    CHECK_STR(t, fmiddle(&fx, "a{", 0), "'a{'");                  /* CPython's token */
    CHECK_STR(t, fmiddle(&fx, "{", 0), "'{'");
    CHECK_STR(t, fmiddle(&fx, "{{{{", 0), "'{{'");
    CHECK_STR(t, fmiddle(&fx, "\\n\\N{EM DASH}{{", 0), "'\\n\xe2\x80\x94{'");
    CHECK_STR(t, fmiddle(&fx, "\\n{{", 1), "'\\\\n{'");
    CHECK_STR(t, fmiddle(&fx, "x\\", 0), "'x\\\\'");              /* before a replacement field */
    CHECK_STR(t, fmiddle(&fx, "\\x4", 0),
              "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape");
    /* f'ab\x4' and f'a{{b}}\x4': positions restart after a doubled brace */
    CHECK_STR(t, fmiddle(&fx, "ab\\x4", 0),
              "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 2-4: truncated \\xXX escape");
    CHECK_STR(t, fmiddle(&fx, "a{{b}}\\x4", 0),
              "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape");
    CHECK_STR(t, fmiddle(&fx, "b\\x4", 0),
              "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 1-3: truncated \\xXX escape");
    CHECK_STR(t, fmiddle(&fx, "\\{", 0), "'\\\\{'");   /* f'\{x}': the part before the field */
    fixture_free(&fx);
}

static void test_numbers(UnitContext *t)
{
    Fixture fx;
    fixture_init(&fx);
    CHECK_STR(t, number(&fx, "0"), "int 0");
    CHECK_STR(t, number(&fx, "000"), "int 0");
    CHECK_STR(t, number(&fx, "0_0"), "int 0");
    CHECK_STR(t, number(&fx, "1_000_000"), "int 1000000");
    CHECK_STR(t, number(&fx, "0xff"), "int 255");
    CHECK_STR(t, number(&fx, "0XdeadBEEF"), "int 3735928559");
    CHECK_STR(t, number(&fx, "0o777"), "int 511");
    CHECK_STR(t, number(&fx, "0b1010_1010"), "int 170");
    CHECK_STR(t, number(&fx, "0x_f"), "int 15");
    CHECK_STR(t, number(&fx, "0xffffffffffffffffffffffffffffffff"), "int 340282366920938463463374607431768211455");
    CHECK_STR(t, number(&fx, "0x10000000000000000000000000000000000000000"),
              "int 1461501637330902918203684832716283019655932542976");
    CHECK_STR(t, number(&fx, "123456789012345678901234567890"), "int 123456789012345678901234567890");
    /* either side of the 64-bit fast path */
    CHECK_STR(t, number(&fx, "0xffff_ffff_ffff_ffff"), "int 18446744073709551615");
    CHECK_STR(t, number(&fx, "0x1_0000_0000_0000_0000"), "int 18446744073709551616");
    CHECK_STR(t, number(&fx, "0o1777777777777777777777"), "int 18446744073709551615");
    CHECK_STR(t, number(&fx, "0o777777777777777777777"), "int 9223372036854775807");
    CHECK_STR(t, number(&fx, "0b1111111111111111111111111111111111111111111111111111111111111111"),
              "int 18446744073709551615");
    CHECK_STR(t, number(&fx, "0x0"), "int 0");
    CHECK_STR(t, number(&fx, "1.5"), "float 1.5");
    CHECK_STR(t, number(&fx, ".5"), "float 0.5");
    CHECK_STR(t, number(&fx, "5."), "float 5.0");
    CHECK_STR(t, number(&fx, "1e10"), "float 10000000000.0");
    CHECK_STR(t, number(&fx, "1_0.0_1e-1_0"), "float 1.001e-09");
    CHECK_STR(t, number(&fx, "1e999"), "float inf");
    CHECK_STR(t, number(&fx, "1e-999"), "float 0.0");
    CHECK_STR(t, number(&fx, "010.5"), "float 10.5");
    CHECK_STR(t, number(&fx, "1j"), "complex 1j");
    CHECK_STR(t, number(&fx, "1.5J"), "complex 1.5j");
    CHECK_STR(t, number(&fx, "0j"), "complex 0j");
    CHECK_STR(t, number(&fx, "1e999j"), "complex infj");
    CHECK_STR(t, number(&fx, "007j"), "complex 7j");
    CHECK_STR(t, number(&fx, "0x"), "ERR invalid hexadecimal literal");
    CHECK_STR(t, number(&fx, "0b2"), "ERR invalid binary literal");
    CHECK_STR(t, number(&fx, "0o8"), "ERR invalid octal literal");
    CHECK_STR(t, number(&fx, "1__0"), "ERR invalid decimal literal");
    CHECK_STR(t, number(&fx, "1_"), "ERR invalid decimal literal");
    CHECK_STR(t, number(&fx, "1e"), "ERR invalid decimal literal");
    CHECK_STR(t, number(&fx, "012"),
              "ERR leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
    fixture_free(&fx);
}

static void test_int_digit_limit(UnitContext *t)
{
    Fixture fx;
    fixture_init(&fx);
    char big[4402];
    memset(big, '7', 4301);
    big[4301] = '\0';
    static const char limit[] = "ERR Exceeds the limit (4300 digits) for integer string conversion: "
                                "value has 4301 digits; use sys.set_int_max_str_digits()";
    CHECK(t, strncmp(number(&fx, big), limit, sizeof limit - 1) == 0);
    big[4300] = '\0';
    CHECK(t, strncmp(number(&fx, big), "int 777", 7) == 0);
    CHECK_INT(t, fx.sb.len, 4304);
    big[0] = '0';
    big[1] = 'x';
    memset(big + 2, 'f', 4399);
    big[4401] = '\0';
    CHECK(t, strncmp(number(&fx, big), "int 8390806450", 14) == 0);   /* 16^4399 - 1: 5297 digits */
    CHECK_INT(t, fx.sb.len, 4 + 5297);
    /* krait's own limit on prefixed literals: 131072 significant bits */
    char *huge = malloc(2 + 100000 + 32768 + 2);
    memcpy(huge, "0x", 2);
    memset(huge + 2, '0', 100000);                              /* leading zeros are free */
    memset(huge + 2 + 100000, 'f', 32768);
    huge[2 + 100000 + 32768] = '\0';
    CHECK(t, strncmp(number(&fx, huge), "int 401413218203", 16) == 0);   /* 16^32768 - 1 */
    CHECK_INT(t, fx.sb.len, 4 + 39457);
    huge[2 + 100000 - 1] = '1';
    CHECK_STR(t, number(&fx, huge), "ERR integer literal too large: more than 131072 bits (krait's limit; "
                                   "CPython could not print it in decimal either)");
    free(huge);
    fixture_free(&fx);
}

static const char *normalize(Fixture *fx, const char *s, AstStr *out)
{
    if (literal_normalize_identifier(&fx->arena, s, strlen(s), out) < 0) return "ERR";
    strbuf_clear(&fx->sb);
    strbuf_append(&fx->sb, out->s, out->len);
    return fx->sb.data ? fx->sb.data : "";
}

static void test_identifiers(UnitContext *t)
{
    Fixture fx;
    fixture_init(&fx);
    AstStr out;
    const char *ascii = "plain_name";
    normalize(&fx, ascii, &out);
    CHECK(t, out.s == ascii);                                      /* no copy for ASCII */
    CHECK_STR(t, normalize(&fx, "\xef\xac\x81le", &out), "file");  /* U+FB01 ligature */
    CHECK_STR(t, normalize(&fx, "\xe2\x84\x8c", &out), "H");       /* U+210C script H */
    CHECK_STR(t, normalize(&fx, "e\xcc\x81", &out), "\xc3\xa9");   /* e + acute composes */
    CHECK_STR(t, normalize(&fx, "\xc3\xa9", &out), "\xc3\xa9");
    CHECK_STR(t, normalize(&fx, "\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8", &out), "\xea\xb0\x81");  /* jamo */
    CHECK_STR(t, normalize(&fx, "\xe2\x85\xa0", &out), "I");       /* U+2160 ROMAN NUMERAL ONE */
    CHECK_STR(t, normalize(&fx, "\xc2\xaa", &out), "a");           /* U+00AA */
    CHECK_STR(t, normalize(&fx, "a\xcc\xa3\xcc\x87", &out), "\xe1\xba\xa1\xcc\x87");  /* a + dot below + dot above */
    CHECK_STR(t, normalize(&fx, "a\xcc\x87\xcc\xa3", &out), "\xe1\xba\xa1\xcc\x87");  /* reordered first */
    CHECK_STR(t, normalize(&fx, "\xc3\xa9\xff", &out), "ERR");
    char longer[3 * 40 + 1] = "", want[2 * 40 + 1] = "";   /* past the stack buffer */
    for (int i = 0; i < 40; i++) {
        strcat(longer, "\xef\xac\x81");
        strcat(want, "fi");
    }
    CHECK_STR(t, normalize(&fx, longer, &out), want);
    /* A run of 40 combining marks: sorted stably by class (the long-run
     * path), the first dot below joins the a; CPython gives this. */
    char marks[1 + 40 * 2 + 1] = "a", marks_want[81 + 1] = "\xe1\xba\xa1\xcc\x96";
    for (int i = 0; i < 10; i++) strcat(marks, "\xcc\x81\xcc\xa3\xcc\x87\xcc\x96");
    for (int i = 0; i < 9; i++) strcat(marks_want, "\xcc\xa3\xcc\x96");
    for (int i = 0; i < 10; i++) strcat(marks_want, "\xcc\x81\xcc\x87");
    CHECK_STR(t, normalize(&fx, marks, &out), marks_want);
    /* 300 000 marks must not take quadratic time */
    size_t pile_len = 1 + 300000 * 2;
    char *pile = malloc(pile_len + 1);
    pile[0] = 'a';
    for (size_t i = 1; i < pile_len; i += 2) memcpy(pile + i, (i / 2) % 2 ? "\xcc\x81" : "\xcc\x96", 2);
    pile[pile_len] = '\0';
    CHECK_INT(t, literal_normalize_identifier(&fx.arena, pile, pile_len, &out), 0);
    CHECK_INT(t, out.len, pile_len - 1);                      /* a + U+0301 -> U+00E1, as CPython */
    CHECK(t, memcmp(out.s, "\xc3\xa1\xcc\x96\xcc\x96", 6) == 0 && memcmp(out.s + out.len - 2, "\xcc\x81", 2) == 0);
    free(pile);
    fixture_free(&fx);
}

/* Random bytes, biased towards quotes, backslashes, escape letters and
 * UTF-8 fragments: every call returns 0 or -1, a decoded value never
 * outgrows its token, and the sanitizer build sees no bad access. */
static void test_random_input(UnitContext *t)
{
    static const char alphabet[] = "'\"\\xuUN{}0178abfnrtv_.eEjJ \r\n\xc3\xa9\xed\xa0\x80\xf0\x9f\xff";
    uint64_t state = 0x9E3779B97F4A7C15u;
    Arena arena;
    arena_init(&arena);
    char buf[40], err[256];
    for (int round = 0; round < 20000; round++) {
        state = state * 6364136223846793005u + 1442695040888963407u;
        size_t len = (size_t)(state >> 59);                       /* 0..31 */
        for (size_t i = 0; i < len; i++) {
            state = state * 6364136223846793005u + 1442695040888963407u;
            buf[i] = alphabet[(state >> 33) % (sizeof alphabet - 1)];
        }
        if (round % 3 == 0 && len >= 2) buf[0] = buf[len - 1] = '\'';
        buf[len] = '\0';
        char *tok = malloc(len ? len : 1);     /* exact size: the sanitizer sees any overread */
        memcpy(tok, buf, len);
        AstConst c;
        AstStr id;
        int u, rc = literal_decode_string(&arena, tok, len, &c, &u, err, sizeof err);
        CHECK(t, rc == 0 || rc == -1);
        if (rc == 0) CHECK(t, c.text.len <= len);
        rc = literal_decode_fstring_middle(&arena, tok, len, round & 1, &c, err, sizeof err);
        CHECK(t, rc == 0 || rc == -1);
        if (rc == 0) CHECK(t, c.text.len <= len);
        rc = literal_parse_number(&arena, tok, len, &c, err, sizeof err);
        CHECK(t, rc == 0 || rc == -1);
        rc = literal_normalize_identifier(&arena, tok, len, &id);
        CHECK(t, rc == 0 || rc == -1);
        free(tok);
        if (round % 256 == 0) arena_reset(&arena);
    }
    arena_free(&arena);
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
    out[n] = '\0';
    return n;
}

static const char *diff_eval(Fixture *fx, char kind, const char *in, size_t n)
{
    if (kind == 'S') {
        AstConst c;
        strbuf_clear(&fx->sb);
        if (literal_decode_string(&fx->arena, in, n, &c, NULL, fx->err, sizeof fx->err) < 0)
            strbuf_printf(&fx->sb, "ERR %s", fx->err);
        else
            pyrepr_const(&fx->sb, &c);
    } else if (kind == 'F' || kind == 'R') {
        /* CPython's FSTRING_MIDDLE tokens of one literal part, hex, comma-separated
         * (in is still hex here): decode each, concatenate, repr the whole. */
        StrBuf value;
        strbuf_init(&value);
        strbuf_clear(&fx->sb);
        int failed = 0;
        for (char *tok = strtok((char *)in, ","); tok && !failed; tok = strtok(NULL, ",")) {
            char *raw = arena_alloc(&fx->arena, strlen(tok) / 2 + 1);
            size_t len = unhex(strcmp(tok, "=") && strcmp(tok, "-") ? tok : "", raw);
            AstConst c;
            if (literal_decode_fstring_middle(&fx->arena, raw, len, kind == 'R', &c, fx->err, sizeof fx->err) < 0) {
                strbuf_printf(&fx->sb, "ERR %s", fx->err);
                failed = 1;
            } else {
                strbuf_append(&value, c.text.s, c.text.len);
            }
        }
        if (!failed) pyrepr_str(&fx->sb, value.data ? value.data : "", value.len);
        strbuf_free(&value);
    } else if (kind == 'N') {
        AstConst c;
        strbuf_clear(&fx->sb);
        if (literal_parse_number(&fx->arena, in, n, &c, fx->err, sizeof fx->err) < 0)
            strbuf_printf(&fx->sb, "ERR %s", fx->err);
        else
            pyrepr_const(&fx->sb, &c);
    } else {
        AstStr out;
        strbuf_clear(&fx->sb);
        if (literal_normalize_identifier(&fx->arena, in, n, &out) < 0) strbuf_puts(&fx->sb, "ERR");
        else strbuf_append(&fx->sb, out.s, out.len);
    }
    return fx->sb.data ? fx->sb.data : "";
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
    Fixture fx;
    fixture_init(&fx);
    char cat[64] = "", first[600] = "";
    long checked = 0, failed = 0;
    int failures = 0, categories = 0;
    for (int more = 1; more;) {
        more = fgets(line, (int)cap, f) != NULL;
        char *name = more ? strtok(line, " \n") : NULL, *kind = name ? strtok(NULL, " \n") : NULL;
        char *in_hex = kind ? strtok(NULL, " \n") : NULL, *want_hex = in_hex ? strtok(NULL, " \n") : NULL;
        if (more && !want_hex) continue;
        if (!more || strcmp(name, cat) != 0) {
            if (cat[0] && failed) printf("FAIL diff_%s: %ld of %ld differ; first: %s\n", cat, failed, checked, first);
            else if (cat[0]) printf("PASS diff_%s (%ld values)\n", cat, checked);
            failures += failed != 0;
            if (!more) break;
            snprintf(cat, sizeof cat, "%s", name);
            checked = failed = 0;
            categories++;
        }
        size_t n = kind[0] == 'F' || kind[0] == 'R' ? (size_t)snprintf(in, cap, "%s", in_hex)
                                                     : unhex(strcmp(in_hex, "-") ? in_hex : "", in);
        size_t wn = unhex(strcmp(want_hex, "-") ? want_hex : "", want);
        const char *got = diff_eval(&fx, kind[0], in, n);
        checked++;
        if (strlen(got) != wn || memcmp(got, want, wn) != 0) {
            if (failed++ == 0) snprintf(first, sizeof first, "input %.150s: got %.180s want %.180s", in, got, want);
        }
        arena_reset(&fx.arena);
    }
    if (categories == 0) {
        printf("FAIL diff_empty: %s holds no cases\n", path);
        failures++;
    }
    fclose(f);
    free(line);
    free(in);
    free(want);
    fixture_free(&fx);
    return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--diff") == 0) return run_diff(argv[2]);
    static const UnitTest tests[] = {
        {"simple_escapes", test_simple_escapes},
        {"prefixes_and_quotes", test_prefixes_and_quotes},
        {"named_escapes", test_named_escapes},
        {"string_errors", test_string_errors},
        {"fstring_middle", test_fstring_middle},
        {"numbers", test_numbers},
        {"int_digit_limit", test_int_digit_limit},
        {"identifiers", test_identifiers},
        {"random_input", test_random_input},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
