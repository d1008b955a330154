/* test_lexer.c - the lexer's edge cases: every number form and string
 * prefix, f-string nesting and format specs, indentation with tabs and
 * spaces, line joining, newline styles, BOM and coding declarations, and
 * every error with CPython's line, column and message (the expectations
 * were taken from CPython 3.13's compile() and tokenize). Hostile inputs
 * (random bytes, deep nesting, a 50 MB file) are here too.
 *
 * Harness mode for tests/diff/lexer-errors.test:
 *     test_lexer --lex FILE...   prints "FILE<TAB>OK" or
 *                                "FILE<TAB>ERROR line col kind message" per file
 *                                (kind: immediate, deferred, at-eof, decode).
 *     test_lexer --modes FILE... checks that the parsing mode's tokens are
 *                                tokenize mode's without COMMENT and NL. */
#include "unit.h"

#include "base/arena.h"
#include "base/file.h"
#include "base/strbuf.h"
#include "python/lexer.h"

#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* Token kinds whose text is worth showing in a dump. */
static int shows_text(TokenKind k)
{
    return k == TK_NAME || k == TK_NUMBER || k == TK_STRING || k == TK_FSTRING_START || k == TK_FSTRING_MIDDLE ||
           k == TK_FSTRING_END || k == TK_COMMENT || k == TK_OP;
}

/* "KIND" or "KIND:text" per token, space-separated; with positions each
 * token also gets "@line,col-line,col". Returns the lexer status. */
static int dump(const char *src, size_t len, unsigned flags, int positions, StrBuf *out, KraitError *err)
{
    Arena arena;
    arena_init(&arena);
    error_clear(err);
    strbuf_clear(out);
    Lexer *lx;
    int rc = lexer_new(&arena, "t.py", src, len, flags, err, &lx);
    if (rc == 0) {
        const char *text = lexer_text(lx);
        Token t;
        do {
            rc = lexer_next(lx, &t);
            if (rc < 0) break;
            if (out->len) strbuf_putc(out, ' ');
            strbuf_puts(out, token_kind_name((TokenKind)t.kind));
            if (shows_text((TokenKind)t.kind)) {
                strbuf_putc(out, ':');
                strbuf_append(out, text + t.start, t.end - t.start);
            }
            if (positions)
                strbuf_printf(out, "@%u,%u-%u,%u", (unsigned)t.lineno, (unsigned)t.col, (unsigned)t.end_lineno,
                              (unsigned)t.end_col);
        } while (t.kind != TK_ENDMARKER);
    }
    arena_free(&arena);
    return rc;
}

static void expect_tokens_flags(UnitContext *t, const char *file, int line, const char *src, size_t len,
                                unsigned flags, int positions, const char *want)
{
    StrBuf sb;
    strbuf_init(&sb);
    KraitError err;
    int rc = dump(src, len, flags, positions, &sb, &err);
    char msg[480];
    if (rc < 0) {
        snprintf(msg, sizeof msg, "unexpected error %d:%d: %.200s (source %.60s)", err.line, err.col, err.message, src);
        unit_fail(t, file, line, msg);
    } else if (strcmp(sb.data ? sb.data : "", want) != 0) {
        snprintf(msg, sizeof msg, "got \"%.200s\", want \"%.200s\"", sb.data ? sb.data : "", want);
        unit_fail(t, file, line, msg);
    }
    strbuf_free(&sb);
}

static void expect_error_flags(UnitContext *t, const char *file, int line, const char *src, size_t len,
                               int want_line, int want_col, const char *want_msg)
{
    StrBuf sb;
    strbuf_init(&sb);
    KraitError err;
    int rc = dump(src, len, 0, 0, &sb, &err);
    char msg[480];
    if (rc == 0) {
        snprintf(msg, sizeof msg, "no error for \"%.60s\", tokens %.200s", src, sb.data ? sb.data : "");
        unit_fail(t, file, line, msg);
    } else if (err.line != want_line || err.col != want_col || strcmp(err.message, want_msg) != 0) {
        snprintf(msg, sizeof msg, "got %d:%d \"%.180s\", want %d:%d \"%.180s\"", err.line, err.col, err.message,
                 want_line, want_col, want_msg);
        unit_fail(t, file, line, msg);
    }
    strbuf_free(&sb);
}

#define TOKENS(t, src, want) expect_tokens_flags((t), __FILE__, __LINE__, (src), strlen(src), 0, 0, (want))
#define TOKENS_POS(t, src, want) expect_tokens_flags((t), __FILE__, __LINE__, (src), strlen(src), 0, 1, (want))
#define TRIVIA(t, src, want) \
    expect_tokens_flags((t), __FILE__, __LINE__, (src), strlen(src), LEXER_EMIT_TRIVIA, 0, (want))
#define TRIVIA_POS(t, src, want) \
    expect_tokens_flags((t), __FILE__, __LINE__, (src), strlen(src), LEXER_EMIT_TRIVIA, 1, (want))
#define ERROR(t, src, line, col, msg) expect_error_flags((t), __FILE__, __LINE__, (src), strlen(src), (line), (col), (msg))
#define ERROR_LEN(t, src, len, line, col, msg) expect_error_flags((t), __FILE__, __LINE__, (src), (len), (line), (col), (msg))

/* ---- numbers --------------------------------------------------------- */

static void test_numbers(UnitContext *t)
{
    TOKENS(t, "0 00 0_0 7 1_000 0x_fF 0XA 0o17 0O_7 0b1_0 0B1\n",
           "NUMBER:0 NUMBER:00 NUMBER:0_0 NUMBER:7 NUMBER:1_000 NUMBER:0x_fF NUMBER:0XA NUMBER:0o17 NUMBER:0O_7 "
           "NUMBER:0b1_0 NUMBER:0B1 NEWLINE ENDMARKER");
    TOKENS(t, "1. .5 1.5 1e5 1E+5 1.5e-3_0 0e0 00.5 09.5 09e1 1_0.0_1e1_0\n",
           "NUMBER:1. NUMBER:.5 NUMBER:1.5 NUMBER:1e5 NUMBER:1E+5 NUMBER:1.5e-3_0 NUMBER:0e0 NUMBER:00.5 "
           "NUMBER:09.5 NUMBER:09e1 NUMBER:1_0.0_1e1_0 NEWLINE ENDMARKER");
    TOKENS(t, "1j 1.J 0j 09j .5j 1e3j 1_0j\n",
           "NUMBER:1j NUMBER:1.J NUMBER:0j NUMBER:09j NUMBER:.5j NUMBER:1e3j NUMBER:1_0j NEWLINE ENDMARKER");
    /* A keyword may follow a number directly. */
    TOKENS(t, "1if 2else 0o1for 1or 1and 1in 1is 1not\n",
           "NUMBER:1 NAME:if NUMBER:2 NAME:else NUMBER:0o1 NAME:for NUMBER:1 NAME:or NUMBER:1 NAME:and NUMBER:1 "
           "NAME:in NUMBER:1 NAME:is NUMBER:1 NAME:not NEWLINE ENDMARKER");
    TOKENS(t, "1.e5 1..real 1 .real\n", "NUMBER:1.e5 NUMBER:1. DOT NAME:real NUMBER:1 DOT NAME:real NEWLINE ENDMARKER");
    /* tokenize mode does not check what follows a number */
    TRIVIA(t, "1ab 0777\n", "NUMBER:1 NAME:ab NUMBER:0777 NEWLINE ENDMARKER");
}

static void test_number_errors(UnitContext *t)
{
    ERROR(t, "x = 0777\n", 1, 5,
          "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
    ERROR(t, "x = 0_7\n", 1, 5,
          "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
    ERROR(t, "x = 1_\n", 1, 6, "invalid decimal literal");
    ERROR(t, "x = 1__0\n", 1, 6, "invalid decimal literal");
    ERROR(t, "x = 0x\n", 1, 6, "invalid hexadecimal literal");
    ERROR(t, "x = 0xg\n", 1, 6, "invalid hexadecimal literal");
    ERROR(t, "x = 0b2\n", 1, 7, "invalid digit '2' in binary literal");
    ERROR(t, "x = 0b12\n", 1, 8, "invalid digit '2' in binary literal");
    ERROR(t, "x = 0b\n", 1, 6, "invalid binary literal");
    ERROR(t, "x = 0o8\n", 1, 7, "invalid digit '8' in octal literal");
    ERROR(t, "x = 0o\n", 1, 6, "invalid octal literal");
    ERROR(t, "x = 1e\n", 1, 5, "invalid decimal literal");
    ERROR(t, "x = 1e+\n", 1, 7, "invalid decimal literal");
    ERROR(t, "x = 1ab\n", 1, 5, "invalid decimal literal");
    ERROR(t, "x = 1jx\n", 1, 6, "invalid imaginary literal");
    ERROR(t, "x = 0x1g\n", 1, 7, "invalid hexadecimal literal");
    ERROR(t, "x = 0b1a\n", 1, 7, "invalid binary literal");
    ERROR(t, "x = 1.5_\n", 1, 8, "invalid decimal literal");
    /* A keyword directly after a number must end there (except if/in/is). */
    ERROR(t, "1andy\n", 1, 1, "invalid decimal literal");
    ERROR(t, "0xfor0b2\n", 1, 3, "invalid hexadecimal literal");
    TOKENS(t, "1ifx 1or(x)\n", "NUMBER:1 NAME:ifx NUMBER:1 NAME:or LPAR NAME:x RPAR NEWLINE ENDMARKER");
}

/* ---- strings --------------------------------------------------------- */

static void test_string_prefixes(UnitContext *t)
{
    TOKENS(t, "r'a' u'b' R\"c\" U'd' b'e' B'f' br'g' rb'h' Br'i' bR'j' rB'k' RB'l' Rb'm'\n",
           "STRING:r'a' STRING:u'b' STRING:R\"c\" STRING:U'd' STRING:b'e' STRING:B'f' STRING:br'g' STRING:rb'h' "
           "STRING:Br'i' STRING:bR'j' STRING:rB'k' STRING:RB'l' STRING:Rb'm' NEWLINE ENDMARKER");
    /* ur, ub, bu and fb are not prefixes: the letters are a name. */
    TOKENS(t, "ur'a' ub'b' bu'c' fb'd'\n",
           "NAME:ur STRING:'a' NAME:ub STRING:'b' NAME:bu STRING:'c' NAME:fb STRING:'d' NEWLINE ENDMARKER");
    TOKENS(t, "f'a' F'b' rf'c' fr'd' Rf'e' fR'f' RF'g' FR'h'\n",
           "FSTRING_START:f' FSTRING_MIDDLE:a FSTRING_END:' FSTRING_START:F' FSTRING_MIDDLE:b FSTRING_END:' "
           "FSTRING_START:rf' FSTRING_MIDDLE:c FSTRING_END:' FSTRING_START:fr' FSTRING_MIDDLE:d FSTRING_END:' "
           "FSTRING_START:Rf' FSTRING_MIDDLE:e FSTRING_END:' FSTRING_START:fR' FSTRING_MIDDLE:f FSTRING_END:' "
           "FSTRING_START:RF' FSTRING_MIDDLE:g FSTRING_END:' FSTRING_START:FR' FSTRING_MIDDLE:h FSTRING_END:' "
           "NEWLINE ENDMARKER");
    TOKENS(t, "'' \"\" '''''' \"\"\"\"\"\" 'a\\'b' \"\\\"\" '\\\\'\n",
           "STRING:'' STRING:\"\" STRING:'''''' STRING:\"\"\"\"\"\" STRING:'a\\'b' STRING:\"\\\"\" STRING:'\\\\' "
           "NEWLINE ENDMARKER");
    /* Quotes inside triple-quoted strings, and a backslash-newline. */
    TOKENS_POS(t, "x = '''a''b'\"\nc'''\ny = 'a\\\nb'\n",
               "NAME:x@1,0-1,1 EQUAL@1,2-1,3 STRING:'''a''b'\"\nc'''@1,4-2,4 NEWLINE@2,4-2,5 NAME:y@3,0-3,1 "
               "EQUAL@3,2-3,3 STRING:'a\\\nb'@3,4-4,2 NEWLINE@4,2-4,3 ENDMARKER@5,0-5,0");
}

static void test_string_errors(UnitContext *t)
{
    ERROR(t, "x = 'abc\n", 1, 5, "unterminated string literal (detected at line 1)");
    ERROR(t, "x = 1\ny = b'abc\n", 2, 5, "unterminated string literal (detected at line 2)");
    ERROR(t, "x = '''abc\n\n", 1, 5, "unterminated triple-quoted string literal (detected at line 2)");
    ERROR(t, "x = '\\\n", 1, 5, "unterminated string literal (detected at line 1)");
    ERROR(t, "x = 'a\\'\n", 1, 5,
          "unterminated string literal (detected at line 1); perhaps you escaped the end quote?");
    ERROR(t, "s = \"\"\"abc\ndef\nghi", 1, 5, "unterminated triple-quoted string literal (detected at line 3)");
    ERROR(t, "x = rb'abc", 1, 5, "unterminated string literal (detected at line 1)");
}

/* ---- f-strings ------------------------------------------------------- */

static void test_fstring_basic(UnitContext *t)
{
    TOKENS(t, "f'a{x}b'\n",
           "FSTRING_START:f' FSTRING_MIDDLE:a LBRACE NAME:x RBRACE FSTRING_MIDDLE:b FSTRING_END:' NEWLINE ENDMARKER");
    /* Doubled braces: the middle stops after the first brace and the
     * second is skipped. */
    TOKENS_POS(t, "f'a{{b}}c'\n",
               "FSTRING_START:f'@1,0-1,2 FSTRING_MIDDLE:a{@1,2-1,4 FSTRING_MIDDLE:b}@1,5-1,7 "
               "FSTRING_MIDDLE:c@1,8-1,9 FSTRING_END:'@1,9-1,10 NEWLINE@1,10-1,11 ENDMARKER@2,0-2,0");
    TOKENS(t, "f'{x!r} {y!s:>10} {z!a}'\n",
           "FSTRING_START:f' LBRACE NAME:x EXCLAMATION NAME:r RBRACE FSTRING_MIDDLE:  LBRACE NAME:y EXCLAMATION "
           "NAME:s COLON FSTRING_MIDDLE:>10 RBRACE FSTRING_MIDDLE:  LBRACE NAME:z EXCLAMATION NAME:a RBRACE "
           "FSTRING_END:' NEWLINE ENDMARKER");
    TOKENS(t, "f'{x=}' f'{x = !r:^20}'\n",
           "FSTRING_START:f' LBRACE NAME:x EQUAL RBRACE FSTRING_END:' FSTRING_START:f' LBRACE NAME:x EQUAL "
           "EXCLAMATION NAME:r COLON FSTRING_MIDDLE:^20 RBRACE FSTRING_END:' NEWLINE ENDMARKER");
    /* != and a walrus in parentheses stay operators; a top-level ':' is a spec. */
    TOKENS(t, "f'{a!=b}{(c:=1)}{d:=2}'\n",
           "FSTRING_START:f' LBRACE NAME:a NOTEQUAL NAME:b RBRACE LBRACE LPAR NAME:c COLONEQUAL NUMBER:1 RPAR "
           "RBRACE LBRACE NAME:d COLON FSTRING_MIDDLE:=2 RBRACE FSTRING_END:' NEWLINE ENDMARKER");
    /* A ':' inside brackets of the expression is not a spec. */
    TOKENS(t, "f'{a[1:2]}{ {1: 2}[1] }'\n",
           "FSTRING_START:f' LBRACE NAME:a LSQB NUMBER:1 COLON NUMBER:2 RSQB RBRACE LBRACE LBRACE NUMBER:1 "
           "COLON NUMBER:2 RBRACE LSQB NUMBER:1 RSQB RBRACE FSTRING_END:' NEWLINE ENDMARKER");
    TOKENS(t, "f\"\\N{BULLET} {x}\"\n",
           "FSTRING_START:f\" FSTRING_MIDDLE:\\N{BULLET} FSTRING_MIDDLE:  LBRACE NAME:x RBRACE FSTRING_END:\" "
           "NEWLINE ENDMARKER");
    TOKENS(t, "rf'\\N{x}' rf'\\{y}'\n",
           "FSTRING_START:rf' FSTRING_MIDDLE:\\N LBRACE NAME:x RBRACE FSTRING_END:' FSTRING_START:rf' "
           "FSTRING_MIDDLE:\\ LBRACE NAME:y RBRACE FSTRING_END:' NEWLINE ENDMARKER");
    TOKENS(t, "f''\n", "FSTRING_START:f' FSTRING_END:' NEWLINE ENDMARKER");
    TOKENS(t, "f'\\''\n", "FSTRING_START:f' FSTRING_MIDDLE:\\' FSTRING_END:' NEWLINE ENDMARKER");
}

static void test_fstring_nesting(UnitContext *t)
{
    /* PEP 701: the same quotes and f-strings inside the expression. */
    TOKENS(t, "f\"{f\"{x}\"}\"\n",
           "FSTRING_START:f\" LBRACE FSTRING_START:f\" LBRACE NAME:x RBRACE FSTRING_END:\" RBRACE FSTRING_END:\" "
           "NEWLINE ENDMARKER");
    TOKENS(t, "f'{\"a\" + 'b'}'\n",
           "FSTRING_START:f' LBRACE STRING:\"a\" PLUS STRING:'b' RBRACE FSTRING_END:' NEWLINE ENDMARKER");
    /* Nested replacement fields in format specs, and the empty middle
     * CPython emits after a nested field closes the spec. */
    TOKENS(t, "f'{x:{w}.{p}f}'\n",
           "FSTRING_START:f' LBRACE NAME:x COLON LBRACE NAME:w RBRACE FSTRING_MIDDLE:. LBRACE NAME:p RBRACE "
           "FSTRING_MIDDLE:f RBRACE FSTRING_END:' NEWLINE ENDMARKER");
    TOKENS(t, "f'{x:>{w}}'\n",
           "FSTRING_START:f' LBRACE NAME:x COLON FSTRING_MIDDLE:> LBRACE NAME:w RBRACE FSTRING_MIDDLE: RBRACE "
           "FSTRING_END:' NEWLINE ENDMARKER");
    TOKENS(t, "f'{x:{y:{z}}}'\n",
           "FSTRING_START:f' LBRACE NAME:x COLON LBRACE NAME:y COLON LBRACE NAME:z RBRACE FSTRING_MIDDLE: RBRACE "
           "FSTRING_MIDDLE: RBRACE FSTRING_END:' NEWLINE ENDMARKER");
    /* Format spec text keeps doubled braces out of its middles too. */
    TOKENS(t, "f'{x:%H:%M}'\n",
           "FSTRING_START:f' LBRACE NAME:x COLON FSTRING_MIDDLE:%H:%M RBRACE FSTRING_END:' NEWLINE ENDMARKER");
    /* Multi-line triple-quoted f-string with a comment in the expression. */
    TRIVIA_POS(t, "f'''a\n{b # c\n}\nd'''\n",
               "FSTRING_START:f'''@1,0-1,4 FSTRING_MIDDLE:a\n@1,4-2,0 LBRACE@2,0-2,1 NAME:b@2,1-2,2 "
               "COMMENT:# c@2,3-2,6 NL@2,6-2,7 RBRACE@3,0-3,1 FSTRING_MIDDLE:\nd@3,1-4,1 FSTRING_END:'''@4,1-4,4 "
               "NEWLINE@4,4-4,5 ENDMARKER@5,0-5,0");
    /* A newline ends a format spec (CPython 3.13.0) and the field goes on. */
    TOKENS(t, "f'{x:a\nb}'\n", "FSTRING_START:f' LBRACE NAME:x COLON FSTRING_MIDDLE:a NAME:b RBRACE FSTRING_END:' "
                               "NEWLINE ENDMARKER");
    /* A newline inside the brackets of a single-quoted f-string's field. */
    TOKENS(t, "f'{1 +\n 2}'\n",
           "FSTRING_START:f' LBRACE NUMBER:1 PLUS NUMBER:2 RBRACE FSTRING_END:' NEWLINE ENDMARKER");
}

static void test_fstring_errors(UnitContext *t)
{
    ERROR(t, "f'abc\n", 1, 1, "unterminated f-string literal (detected at line 1)");
    ERROR(t, "x = f'''abc\n\n", 1, 5, "unterminated triple-quoted f-string literal (detected at line 2)");
    ERROR(t, "f'{x'\n", 1, 5, "f-string: expecting '}'");
    ERROR(t, "f'{'\n", 1, 4, "f-string: expecting '}'");
    /* Only a string with the f-string's own quotes means a missing '}'. */
    ERROR(t, "f'''{'abc\n'''\n", 1, 6, "unterminated string literal (detected at line 1)");
    ERROR(t, "f'{'''abc'\n", 1, 4, "unterminated triple-quoted string literal (detected at line 1)");
    ERROR(t, "f'{x\n", 1, 3, "'{' was never closed");
    ERROR(t, "f'''{x\n", 1, 5, "'{' was never closed");
    ERROR(t, "f'{x # c}'\n", 1, 3, "'{' was never closed");
    ERROR(t, "f'}'\n", 1, 3, "f-string: single '}' is not allowed");
    ERROR(t, "f'{x)}'\n", 1, 5, "f-string: unmatched ')'");
    ERROR(t, "f'{x:{y:{z:{w}}}}'\n", 1, 11, "f-string: expressions nested too deeply");
    /* r' is a raw string's prefix here */
    ERROR(t, "f'{x!r'", 1, 6, "f-string: expecting '}'");
    /* End of input inside an f-string at any depth is an error, not a hang. */
    ERROR(t, "f'{f'{f'", 1, 7, "unterminated f-string literal (detected at line 1)");
    ERROR(t, "f'''{x:{", 1, 8, "'{' was never closed");
}

/* ---- layout ---------------------------------------------------------- */

static void test_indentation(UnitContext *t)
{
    TOKENS_POS(t, "if x:\n    y\n\n  # c\nz\n",
               "NAME:if@1,0-1,2 NAME:x@1,3-1,4 COLON@1,4-1,5 NEWLINE@1,5-1,6 INDENT@2,0-2,4 NAME:y@2,4-2,5 "
               "NEWLINE@2,5-2,6 DEDENT@5,0-5,0 NAME:z@5,0-5,1 NEWLINE@5,1-5,2 ENDMARKER@6,0-6,0");
    /* Two levels closed at once, and the dedents at end of input. */
    TOKENS(t, "a:\n b:\n  c\nd:\n\te\n",
           "NAME:a COLON NEWLINE INDENT NAME:b COLON NEWLINE INDENT NAME:c NEWLINE DEDENT DEDENT NAME:d COLON "
           "NEWLINE INDENT NAME:e NEWLINE DEDENT ENDMARKER");
    /* A tab is consistent with itself; eight spaces after a tab plus
     * nothing else is not. */
    TOKENS(t, "if x:\n\tif y:\n\t\tz\n", "NAME:if NAME:x COLON NEWLINE INDENT NAME:if NAME:y COLON NEWLINE INDENT "
                                         "NAME:z NEWLINE DEDENT DEDENT ENDMARKER");
    ERROR(t, "if x:\n\ty\n        z\n", 3, 1, "inconsistent use of tabs and spaces in indentation");
    ERROR(t, "def f():\n\tif x:\n        pass\n", 3, 1, "inconsistent use of tabs and spaces in indentation");
    ERROR(t, "if x:\n    y\n  z\n", 3, 4, "unindent does not match any outer indentation level");
    /* A form feed resets the column. */
    TOKENS(t, "if x:\n    y\n\f\nz\n", "NAME:if NAME:x COLON NEWLINE INDENT NAME:y NEWLINE DEDENT NAME:z NEWLINE "
                                       "ENDMARKER");
    TOKENS(t, "if x:\n  \fy\n", "NAME:if NAME:x COLON NEWLINE NAME:y NEWLINE ENDMARKER");
    /* Indentation inside brackets does not count. */
    TOKENS(t, "x = (1,\n        2)\ny\n", "NAME:x EQUAL LPAR NUMBER:1 COMMA NUMBER:2 RPAR NEWLINE NAME:y NEWLINE "
                                          "ENDMARKER");
    /* An unexpected indent is the parser's business: the lexer gives INDENT. */
    TOKENS(t, "x\n  y\n", "NAME:x NEWLINE INDENT NAME:y NEWLINE DEDENT ENDMARKER");
}

static void test_too_deep(UnitContext *t)
{
    StrBuf sb;
    strbuf_init(&sb);
    for (int i = 0; i < 101; i++) {
        for (int k = 0; k < i; k++) strbuf_putc(&sb, ' ');
        strbuf_puts(&sb, "if x:\n");
    }
    ERROR_LEN(t, sb.data, sb.len, 101, 1, "too many levels of indentation");
    strbuf_free(&sb);
}

static void test_line_joining(UnitContext *t)
{
    TOKENS_POS(t, "x = 1 + \\\n    2\n",
               "NAME:x@1,0-1,1 EQUAL@1,2-1,3 NUMBER:1@1,4-1,5 PLUS@1,6-1,7 NUMBER:2@2,4-2,5 NEWLINE@2,5-2,6 "
               "ENDMARKER@3,0-3,0");
    TOKENS(t, "x = [\n  1,\n\n  # c\n  2]\n", "NAME:x EQUAL LSQB NUMBER:1 COMMA NUMBER:2 RSQB NEWLINE ENDMARKER");
    TRIVIA(t, "x = [\n  1, # c\n]\n", "NAME:x EQUAL LSQB NL NUMBER:1 COMMA COMMENT:# c NL RSQB NEWLINE ENDMARKER");
    ERROR(t, "x = 1 \\ y\n", 1, 8, "unexpected character after line continuation character");
    ERROR(t, "x = 1\\\n", 1, 7, "unexpected EOF while parsing");
    ERROR(t, "x = (1\\\n", 1, 5, "'(' was never closed");
    /* Columns are in characters, except the leading-zero one (bytes, as in CPython). */
    ERROR(t, "\xc3\xa9 = (1,\n", 1, 5, "'(' was never closed");
    ERROR(t, "\xc3\xa9 = 07\n", 1, 6,
          "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
    ERROR(t, "\xc3\xa9 = \xe2\x82\xac\n", 1, 5, "invalid character '\xe2\x82\xac' (U+20AC)");
    ERROR(t, "\xc3\xa9 = 1_\n", 1, 6, "invalid decimal literal");
    ERROR(t, "\xc3\xa9 = 'abc\n", 1, 5, "unterminated string literal (detected at line 1)");
    /* Bracket columns are in characters, the leading-zero column in bytes. */
    ERROR(t, "\xc3\xa9 = (1,\n", 1, 5, "'(' was never closed");
    ERROR(t, "\xc3\xa9 = 07\n", 1, 6,
          "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
}

static void test_newlines(UnitContext *t)
{
    /* CRLF and CR are newlines; a missing final newline is implied. */
    TOKENS_POS(t, "x = 1\r\ny = 2\rz",
               "NAME:x@1,0-1,1 EQUAL@1,2-1,3 NUMBER:1@1,4-1,5 NEWLINE@1,5-1,6 NAME:y@2,0-2,1 EQUAL@2,2-2,3 "
               "NUMBER:2@2,4-2,5 NEWLINE@2,5-2,6 NAME:z@3,0-3,1 NEWLINE@3,1-3,2 ENDMARKER@4,0-4,0");
    TRIVIA_POS(t, "# c", "COMMENT:# c@1,0-1,3 NL@1,3-1,4 ENDMARKER@2,0-2,0");
    TRIVIA_POS(t, "x = 1 # c", "NAME:x@1,0-1,1 EQUAL@1,2-1,3 NUMBER:1@1,4-1,5 COMMENT:# c@1,6-1,9 "
                               "NEWLINE@1,9-1,10 ENDMARKER@2,0-2,0");
    /* The parsing mode's NEWLINE after a comment starts at the comment. */
    TOKENS_POS(t, "x = # c\ny\n", "NAME:x@1,0-1,1 EQUAL@1,2-1,3 NEWLINE@1,4-1,8 NAME:y@2,0-2,1 NEWLINE@2,1-2,2 "
                                   "ENDMARKER@3,0-3,0");
    TRIVIA_POS(t, "", "ENDMARKER@1,0-1,0");
    {
        Arena arena;
        arena_init(&arena);
        KraitError err;
        Token *toks;
        size_t n;
        CHECK_INT(t, lexer_tokenize_all(&arena, NULL, NULL, 0, 0, &err, &toks, &n, NULL), 0);
        CHECK(t, n == 1 && toks[0].kind == TK_ENDMARKER);
        arena_free(&arena);
    }
    TRIVIA_POS(t, "\n\n", "NL@1,0-1,1 NL@2,0-2,1 ENDMARKER@3,0-3,0");
    TOKENS(t, "\n  \n# x\n", "ENDMARKER");
    TOKENS_POS(t, "def f():\n  pass", "NAME:def@1,0-1,3 NAME:f@1,4-1,5 LPAR@1,5-1,6 RPAR@1,6-1,7 COLON@1,7-1,8 "
                                      "NEWLINE@1,8-1,9 INDENT@2,0-2,2 NAME:pass@2,2-2,6 NEWLINE@2,6-2,7 "
                                      "DEDENT@3,0-3,0 ENDMARKER@3,0-3,0");
}

/* ---- names, operators, comments -------------------------------------- */

static void test_names_and_keywords(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    KraitError err;
    Token *toks;
    size_t n;
    const char *src = "match case type _ if None __x lambda_ x\n";
    int rc = lexer_tokenize_all(&arena, "t.py", src, strlen(src), 0, &err, &toks, &n, NULL);
    CHECK_INT(t, rc, 0);
    CHECK_INT(t, n, 11);
    if (rc == 0 && n == 11) {
        CHECK_INT(t, toks[0].keyword, KW_SOFT_MATCH);
        CHECK_INT(t, toks[1].keyword, KW_SOFT_CASE);
        CHECK_INT(t, toks[2].keyword, KW_SOFT_TYPE);
        CHECK_INT(t, toks[3].keyword, KW_SOFT_UNDERSCORE);
        CHECK_INT(t, toks[4].keyword, KW_IF);
        CHECK_INT(t, toks[5].keyword, KW_NONE_);
        CHECK_INT(t, toks[6].keyword, KW_NONE);
        CHECK_INT(t, toks[7].keyword, KW_NONE);
        CHECK_INT(t, toks[8].keyword, KW_NONE);
        CHECK(t, toks[4].keyword < KW_FIRST_SOFT && toks[0].keyword >= KW_FIRST_SOFT);
    }
    /* Every hard keyword is recognised. */
    for (int kw = KW_FALSE; kw < KW_COUNT; kw++) {
        const char *word = keyword_spelling((Keyword)kw);
        rc = lexer_tokenize_all(&arena, "t.py", word, strlen(word), 0, &err, &toks, &n, NULL);
        CHECK(t, rc == 0 && toks[0].kind == TK_NAME && toks[0].keyword == kw);
    }
    arena_free(&arena);
    TOKENS(t, "\xc3\xa9t\xc3\xa9 = \xe4\xb8\xad + x\xc2\xb7\n", "NAME:\xc3\xa9t\xc3\xa9 EQUAL NAME:\xe4\xb8\xad PLUS "
                                                                  "NAME:x\xc2\xb7 NEWLINE ENDMARKER");
    ERROR(t, "_\xe2\x82\x81 = 1\n", 1, 2, "invalid character '\xe2\x82\x81' (U+2081)");
}

static void test_operators(UnitContext *t)
{
    TOKENS(t, "( ) [ ] : , ; + - * / | & < > = . % { } == != <= >= ~ ^ << >> ** += -= *= /= %= &= |= ^= <<= >>= "
              "**= // //= @ @= -> ... := ! <>\n",
           "LPAR RPAR LSQB RSQB COLON COMMA SEMI PLUS MINUS STAR SLASH VBAR AMPER LESS GREATER EQUAL DOT PERCENT "
           "LBRACE RBRACE EQEQUAL NOTEQUAL LESSEQUAL GREATEREQUAL TILDE CIRCUMFLEX LEFTSHIFT RIGHTSHIFT DOUBLESTAR "
           "PLUSEQUAL MINEQUAL STAREQUAL SLASHEQUAL PERCENTEQUAL AMPEREQUAL VBAREQUAL CIRCUMFLEXEQUAL "
           "LEFTSHIFTEQUAL RIGHTSHIFTEQUAL DOUBLESTAREQUAL DOUBLESLASH DOUBLESLASHEQUAL AT ATEQUAL RARROW ELLIPSIS "
           "COLONEQUAL EXCLAMATION NOTEQUAL NEWLINE ENDMARKER");
    TOKENS(t, "a..b....c\n", "NAME:a DOT DOT NAME:b ELLIPSIS DOT NAME:c NEWLINE ENDMARKER");
    CHECK_STR(t, token_kind_name(TK_RARROW), "RARROW");
    CHECK_STR(t, token_kind_spelling(TK_DOUBLESTAREQUAL), "**=");
    CHECK(t, token_kind_spelling(TK_NAME) == NULL);
    CHECK_STR(t, keyword_spelling(KW_NONLOCAL), "nonlocal");
    TRIVIA(t, "a $ b ? `\n", "NAME:a OP:$ NAME:b OP:? OP:` NEWLINE ENDMARKER");
}

static void test_character_errors(UnitContext *t)
{
    /* '$', '?' and '`' are bare OP tokens the parser rejects. */
    TOKENS(t, "a $ b ? `\n", "NAME:a OP:$ NAME:b OP:? OP:` NEWLINE ENDMARKER");
    ERROR(t, "x = \xe2\x82\xac\n", 1, 5, "invalid character '\xe2\x82\xac' (U+20AC)");
    ERROR(t, "a\xe2\x82\xac = 1\n", 1, 2, "invalid character '\xe2\x82\xac' (U+20AC)");
    ERROR(t, "x = \xc2\xa0\n", 1, 5, "invalid non-printable character U+00A0");
    ERROR(t, "x = 1\n\xef\xbb\xbfy=2\n", 2, 1, "invalid non-printable character U+FEFF");
    ERROR(t, "x = \x01\n", 1, 5, "invalid non-printable character U+0001");
    ERROR_LEN(t, "a = 1\x00\n", 7, 1, 6, "source code cannot contain null bytes");
    /* tokenize mode lets identifiers through unchecked, as CPython's does. */
    TRIVIA(t, "x = \xe2\x82\xac\n", "NAME:x EQUAL NAME:\xe2\x82\xac NEWLINE ENDMARKER");
}

static void test_brackets(UnitContext *t)
{
    ERROR(t, "x = (1,\n2\n", 1, 5, "'(' was never closed");
    ERROR(t, "x = 1)\n", 1, 6, "unmatched ')'");
    ERROR(t, "x = (1]\n", 1, 7, "closing parenthesis ']' does not match opening parenthesis '('");
    ERROR(t, "x = (\n1]\n", 2, 2, "closing parenthesis ']' does not match opening parenthesis '(' on line 1");
    TRIVIA(t, "x = (]\n)\n", "NAME:x EQUAL LPAR RSQB NEWLINE RPAR NEWLINE ENDMARKER");
}

static void test_deep_nesting(UnitContext *t)
{
    /* CPython's MAXLEVEL is 200: the 201st bracket is the error. */
    size_t n = 100000;
    char *src = malloc(n + 2);
    memset(src, '(', n);
    src[n] = '\n';
    src[n + 1] = '\0';
    ERROR_LEN(t, src, n + 1, 1, 201, "too many nested parentheses");
    memset(src, '[', 199);
    memset(src + 199, ']', 199);
    src[398] = '\n';
    StrBuf sb;
    strbuf_init(&sb);
    KraitError err;
    CHECK_INT(t, dump(src, 399, 0, 0, &sb, &err), 0);
    strbuf_free(&sb);
    free(src);
    /* f-strings nest up to CPython's limit of 150 modes. */
    StrBuf deep;
    strbuf_init(&deep);
    for (int i = 0; i < 200; i++) strbuf_puts(&deep, "f'{");
    ERROR_LEN(t, deep.data, deep.len, 1, 449, "too many nested f-strings");
    strbuf_free(&deep);
}

static void test_comments_vector(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    KraitError err;
    const char *src = "x = 1  # nosec\n# top\nf'{y # inner\n}'\n";
    Lexer *lx;
    Token *toks;
    size_t n;
    int rc = lexer_tokenize_all(&arena, "t.py", src, strlen(src), 0, &err, &toks, &n, &lx);
    CHECK_INT(t, rc, 0);
    /* Without LEXER_EMIT_TRIVIA no COMMENT or NL token appears. */
    for (size_t i = 0; i < n; i++) CHECK(t, toks[i].kind != TK_COMMENT && toks[i].kind != TK_NL);
    size_t nc;
    const LexerComment *c = lexer_comments(lx, &nc);
    CHECK_INT(t, nc, 3);
    if (nc == 3) {
        const char *text = lexer_text(lx);
        CHECK(t, c[0].end - c[0].start == 7 && memcmp(text + c[0].start, "# nosec", 7) == 0);
        CHECK_INT(t, c[0].lineno, 1);
        CHECK_INT(t, c[0].col, 7);
        CHECK_INT(t, c[1].lineno, 2);
        CHECK_INT(t, c[1].col, 0);
        CHECK_INT(t, c[2].lineno, 3);
        CHECK_INT(t, c[2].col, 5);
    }
    arena_free(&arena);
}

/* ---- encodings ------------------------------------------------------- */

static void test_bom_and_coding(UnitContext *t)
{
    TOKENS_POS(t, "\xef\xbb\xbfx = 1\n", "NAME:x@1,0-1,1 EQUAL@1,2-1,3 NUMBER:1@1,4-1,5 NEWLINE@1,5-1,6 ENDMARKER@2,0-2,0");
    /* latin-1 on line 2 after a comment line: é (0xE9) becomes UTF-8. */
    TOKENS(t, "#!/usr/bin/python\n# -*- coding: latin-1 -*-\nx = '\xe9'\n", "NAME:x EQUAL STRING:'\xc3\xa9' NEWLINE ENDMARKER");
    TOKENS(t, "# vim: set fileencoding=iso-8859-15 :\ns = '\xa4'\n", "NAME:s EQUAL STRING:'\xe2\x82\xac' NEWLINE ENDMARKER");
    TOKENS(t, "# coding=cp1252\ns = '\x80'\n", "NAME:s EQUAL STRING:'\xe2\x82\xac' NEWLINE ENDMARKER");
    TOKENS(t, "\xef\xbb\xbf# coding: utf-8\nx\n", "NAME:x NEWLINE ENDMARKER");
    /* A declaration after code, or on line 3, is only a comment. */
    ERROR(t, "x = 1\n# coding: latin-1\nx='\xe9'\n", 3, 4,
          "(unicode error) 'utf-8' codec can't decode byte 0xe9 in position 3: invalid continuation byte");
    ERROR(t, "x = 1  # coding: latin-1\ny = '\xff'\n", 2, 6,
          "(unicode error) 'utf-8' codec can't decode byte 0xff in position 5: invalid start byte");
    ERROR(t, "# -*- coding: foo -*-\nx=1\n", 0, 0, "unknown encoding: foo");
    ERROR(t, "\xef\xbb\xbf# coding: latin-1\nx=1\n", 0, 0, "encoding problem: iso-8859-1 with BOM");
    ERROR(t, "\xef\xbb\xbf# coding: utf8\nx=1\n", 0, 0, "encoding problem: utf8 with BOM");
    ERROR(t, "# coding: ascii\nx = '\xe9'\n", 2, 6,
          "(unicode error) 'ascii' codec can't decode byte 0xe9 in position 5: character maps to <undefined>");
    ERROR(t, "x = 1\ny = 'ab\xe2\x82'\n", 2, 8,
          "(unicode error) 'utf-8' codec can't decode byte 0xe2 in position 7: invalid continuation byte");
    ERROR(t, "x = 1\ny = \xe2\x82", 2, 5,
          "(unicode error) 'utf-8' codec can't decode byte 0xe2 in position 4: unexpected end of data");
    ERROR(t, "x = '\xed\xa0\x80'\n", 1, 6,
          "(unicode error) 'utf-8' codec can't decode byte 0xed in position 5: invalid continuation byte");
    /* The text the lexer exposes is the decoded UTF-8. */
    Arena arena;
    arena_init(&arena);
    KraitError err;
    Lexer *lx;
    const char *src = "# coding: latin-1\r\nx = '\xe9'";
    CHECK_INT(t, lexer_new(&arena, "t.py", src, strlen(src), 0, &err, &lx), 0);
    CHECK_STR(t, lexer_text(lx), "# coding: latin-1\nx = '\xc3\xa9'\n");
    CHECK_INT(t, lexer_text_len(lx), strlen("# coding: latin-1\nx = '\xc3\xa9'\n"));
    CHECK_STR(t, lexer_encoding(lx), "iso-8859-1");
    CHECK_INT(t, lexer_added_newline(lx), 1);
    CHECK_INT(t, lexer_new(&arena, "t.py", "\xef\xbb\xbfx\n", 5, 0, &err, &lx), 0);
    CHECK_STR(t, lexer_encoding(lx), "utf-8-sig");
    CHECK_STR(t, lexer_text(lx), "x\n");
    arena_free(&arena);
}

/* ---- hostile input --------------------------------------------------- */

/* Lexes to the end or to the first error; fails the test if it does not
 * finish within a number of tokens proportional to the input. */
static int lex_to_end(const char *src, size_t len, unsigned flags, size_t *ntokens)
{
    Arena arena;
    arena_init(&arena);
    KraitError err;
    Lexer *lx;
    int rc = lexer_new(&arena, "t.py", src, len, flags, &err, &lx);
    size_t n = 0;
    if (rc == 0) {
        Token tok;
        do {
            rc = lexer_next(lx, &tok);
            n++;
        } while (rc == 0 && tok.kind != TK_ENDMARKER && n < 4 * len + 1000);
        if (rc == 0 && tok.kind != TK_ENDMARKER) rc = -2;   /* no progress: a hang */
        if (rc == -1 && lexer_next(lx, &tok) != -1) rc = -3;   /* errors must stick */
    }
    arena_free(&arena);
    if (ntokens) *ntokens = n;
    return rc;
}

static void test_random_bytes(UnitContext *t)
{
    /* A fixed-seed generator so a failure can be replayed. */
    uint64_t state = 0x9E3779B97F4A7C15u;
    char buf[512];
    static const char alphabet[] = "fFrRbB'\"{}()[]:!=\\\n \t#0123456789xoje._+-*/<>@ \xc3\xa9\xe2\x82\xac\xff\x00\r\f";
    for (int round = 0; round < 3000; round++) {
        size_t len = (size_t)(round % 200) + 1;
        for (size_t i = 0; i < len; i++) {
            state ^= state << 13, state ^= state >> 7, state ^= state << 17;
            buf[i] = round % 3 == 0 ? (char)(state & 0xff) : alphabet[state % (sizeof alphabet - 1)];
        }
        for (unsigned flags = 0; flags <= LEXER_EMIT_TRIVIA; flags += LEXER_EMIT_TRIVIA) {
            int rc = lex_to_end(buf, len, flags, NULL);
            if (rc < -1) {
                char msg[64];
                snprintf(msg, sizeof msg, "round %d flags %u: status %d", round, flags, rc);
                unit_fail(t, __FILE__, __LINE__, msg);
                return;
            }
        }
    }
}

static void test_eof_everywhere(UnitContext *t)
{
    /* Every prefix of a tricky source ends in a result or an error. */
    const char *src = "def f(a, *, b=0x1_f):\n\tx = rb'''\\\n''' + f\"{a!r:>{b}} {{}} {f'{\"n\"}'}\"\\\n\t\t+ 1.5e-3j\n";
    size_t len = strlen(src);
    for (size_t i = 0; i <= len; i++) {
        int rc = lex_to_end(src, i, 0, NULL);
        CHECK(t, rc == 0 || rc == -1);
        rc = lex_to_end(src, i, LEXER_EMIT_TRIVIA, NULL);
        CHECK(t, rc == 0 || rc == -1);
    }
    CHECK_INT(t, lex_to_end(src, len, 0, NULL), 0);
}

static void test_big_file(UnitContext *t)
{
    /* 50 MB of ordinary code, written to /tmp and read back as a scan
     * would: must lex correctly, in place, and fast. */
    static const char chunk[] =
        "def handler(request, *args, **kwargs):\n"
        "    \"\"\"Serve one request.\"\"\"\n"
        "    value = request.GET.get('q', '') + f\"{kwargs!r:>10}\"  # nosec\n"
        "    if value and 0x1F <= len(value) < 1_000:\n"
        "        return [x ** 2 for x in range(10)]\n"
        "    return None\n\n";
    size_t clen = sizeof chunk - 1, reps = (50u << 20) / clen;
    char path[] = "/tmp/krait-lexer-big-XXXXXX";
    int fd = mkstemp(path);
    CHECK(t, fd >= 0);
    if (fd < 0) return;
    FILE *f = fdopen(fd, "w");
    for (size_t i = 0; i < reps; i++) fwrite(chunk, 1, clen, f);
    fclose(f);
    FileData data;
    KraitError err;
    int rc = file_read_all(path, FILE_MAX_SIZE_DEFAULT, &data, &err);
    unlink(path);
    CHECK_INT(t, rc, 0);
    if (rc < 0) return;
    CHECK_INT(t, data.len, clen * reps);
    Arena arena;
    arena_init(&arena);
    Lexer *lx;
    size_t n = 0;
    clock_t t0 = clock();
    rc = lexer_new(&arena, path, data.data, data.len, LEXER_BORROW_SOURCE, &err, &lx);
    if (rc == 0) {
        CHECK(t, lexer_text(lx) == data.data);   /* lexed in place, no copy */
        Token tok;
        do {
            rc = lexer_next(lx, &tok);
            n++;
        } while (rc == 0 && tok.kind != TK_ENDMARKER);
    }
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CHECK_INT(t, rc, 0);
    size_t comments;
    lexer_comments(lx, &comments);
    CHECK_INT(t, comments, reps);
    size_t one = 0;
    CHECK_INT(t, lex_to_end(chunk, clen, 0, &one), 0);
    CHECK_INT(t, n, (one - 1) * reps + 1);   /* the chunk's tokens, once per copy, then ENDMARKER */
    /* Generous even under sanitizers on a shared machine. */
    CHECK(t, secs < 60.0);
    arena_free(&arena);
    file_data_free(&data);
}

/* The harness: lexes each file as the parser would (no trivia) and prints
 * "FILE<TAB>OK" or "FILE<TAB>ERROR line col kind message". */
static int lex_files(int n, char **paths)
{
    for (int i = 0; i < n; i++) {
        FileData fd;
        KraitError err;
        error_clear(&err);
        if (file_read_all(paths[i], FILE_MAX_SIZE_DEFAULT, &fd, &err) < 0) {
            printf("%s\tREAD %s\n", paths[i], err.message);
            continue;
        }
        Arena arena;
        arena_init(&arena);
        Token *toks;
        size_t count;
        Lexer *lx = NULL;
        int rc = lexer_tokenize_all(&arena, paths[i], fd.data, fd.len, 0, &err, &toks, &count, &lx);
        static const char *const kinds[] = {"immediate", "deferred", "at-eof"};
        if (rc < 0)
            printf("%s\tERROR %d %d %s %s\n", paths[i], err.line, err.col, lx ? kinds[lexer_error_kind(lx)] : "decode",
                   err.message);
        else printf("%s\tOK\n", paths[i]);
        arena_free(&arena);
        file_data_free(&fd);
    }
    return 0;
}

/* Field by field: Token has padding bytes that need not agree. */
static int same_token(const Token *a, const Token *b)
{
    return a->kind == b->kind && a->keyword == b->keyword && a->start == b->start && a->end == b->end &&
           a->lineno == b->lineno && a->col == b->col && a->end_lineno == b->end_lineno && a->end_col == b->end_col;
}

/* The parsing mode's stream must be the tokenize mode's without COMMENT
 * and NL tokens. Prints "FILE<TAB>SAME" or "FILE<TAB>DIFF at token N". */
static int compare_modes(int n, char **paths)
{
    for (int i = 0; i < n; i++) {
        FileData fd;
        KraitError err;
        if (file_read_all(paths[i], FILE_MAX_SIZE_DEFAULT, &fd, &err) < 0) {
            printf("%s\tREAD %s\n", paths[i], err.message);
            continue;
        }
        Arena arena;
        arena_init(&arena);
        Token *plain, *trivia;
        size_t np, nt;
        int rp = lexer_tokenize_all(&arena, paths[i], fd.data, fd.len, 0, &err, &plain, &np, NULL);
        int rt = lexer_tokenize_all(&arena, paths[i], fd.data, fd.len, LEXER_EMIT_TRIVIA, &err, &trivia, &nt, NULL);
        size_t k = 0, j = 0, diff_at = SIZE_MAX;
        for (; rp == 0 && rt == 0 && k < np; k++, j++) {
            while (j < nt && (trivia[j].kind == TK_COMMENT || trivia[j].kind == TK_NL)) j++;
            /* After a comment the parsing mode's NEWLINE starts at the '#'. */
            int after_comment = j > 0 && trivia[j - 1].kind == TK_COMMENT;
            if (j < nt && after_comment && plain[k].kind == TK_NEWLINE && trivia[j].kind == TK_NEWLINE &&
                plain[k].start == trivia[j - 1].start && plain[k].end_col == trivia[j].end_col &&
                plain[k].lineno == trivia[j].lineno)
                continue;
            if (j >= nt || !same_token(&plain[k], &trivia[j])) {
                diff_at = k;
                break;
            }
        }
        if (rp != 0 || rt != 0) printf("%s\tERROR %d %d\n", paths[i], rp, rt);
        else if (diff_at != SIZE_MAX) printf("%s\tDIFF at token %zu\n", paths[i], diff_at);
        else printf("%s\tSAME\n", paths[i]);
        arena_free(&arena);
        file_data_free(&fd);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "--lex") == 0) return lex_files(argc - 2, argv + 2);
    if (argc >= 3 && strcmp(argv[1], "--modes") == 0) return compare_modes(argc - 2, argv + 2);
    static const UnitTest tests[] = {
        {"lexer_numbers", test_numbers},
        {"lexer_number_errors", test_number_errors},
        {"lexer_string_prefixes", test_string_prefixes},
        {"lexer_string_errors", test_string_errors},
        {"lexer_fstring_basic", test_fstring_basic},
        {"lexer_fstring_nesting", test_fstring_nesting},
        {"lexer_fstring_errors", test_fstring_errors},
        {"lexer_indentation", test_indentation},
        {"lexer_too_deep", test_too_deep},
        {"lexer_line_joining", test_line_joining},
        {"lexer_newlines", test_newlines},
        {"lexer_names_and_keywords", test_names_and_keywords},
        {"lexer_operators", test_operators},
        {"lexer_character_errors", test_character_errors},
        {"lexer_brackets", test_brackets},
        {"lexer_deep_nesting", test_deep_nesting},
        {"lexer_comments_vector", test_comments_vector},
        {"lexer_bom_and_coding", test_bom_and_coding},
        {"lexer_hostile_random_bytes", test_random_bytes},
        {"lexer_hostile_eof_everywhere", test_eof_everywhere},
        {"lexer_hostile_50mb", test_big_file},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
