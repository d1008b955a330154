/* lexer.c - Python 3.13's lexical grammar, cut the way CPython's tokenizer
 * (Parser/lexer/lexer.c) cuts it, written anew from its behaviour:
 *
 *  - Indentation uses two column counters (tabs to multiples of 8, and tabs
 *    as one column); a line whose two counters disagree on the comparison
 *    with the enclosing level is "inconsistent use of tabs and spaces".
 *  - f-strings (PEP 701) use a stack of modes. An f-string pushes a mode
 *    that lexes FSTRING_MIDDLE text; a '{' switches that mode to ordinary
 *    tokens until the matching '}' (or a top-level ':' that starts a format
 *    spec, which is middle text again). Bracket depth inside the f-string
 *    decides which ':' and '}' are structural.
 *  - LEXER_EMIT_TRIVIA also reproduces the leniency of CPython's
 *    tokenize mode (extra_tokens): no identifier validation, no number
 *    suffix checks, no old-style octal error, no bracket matching.
 *
 * The text is the decoded UTF-8 from source.c: it ends with '\n' (unless
 * empty) and is followed by a NUL that cannot occur inside it, so s[pos] ==
 * 0 means end of input and no bounds checks are needed while scanning. */
#include "python/lexer.h"

#include "python/source.h"
#include "python/unicode.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum {
    TAB_SIZE = 8,
    MAX_EXPR_NESTING = 3,     /* replacement fields nested in format specs */
};

/* Byte classes: one table lookup decides most branches of the hot loop. */
enum {
    BC_ID_START = 1,          /* a-z A-Z _ and every byte >= 0x80 */
    BC_ID_CHAR = 2,           /* the above plus digits */
    BC_DIGIT = 4,
    BC_HEX = 8,
    BC_BLANK = 16,            /* ' ', '\t', '\f' between tokens */
    BC_STR_PLAIN = 32,        /* needs no attention inside a string body */
    BC_PREFIX = 64,           /* b r u f in either case: may start a string prefix */
    BC_ASCII_ID = 128,        /* a-z A-Z 0-9 _: the identifier fast path */
};

#define ID (BC_ID_START | BC_ID_CHAR | BC_STR_PLAIN)
#define AID (ID | BC_ASCII_ID)
static const unsigned char byte_class[256] = {
    [0x01 ... 0x08] = BC_STR_PLAIN,
    ['\t'] = BC_BLANK | BC_STR_PLAIN,
    [0x0b] = BC_STR_PLAIN,
    ['\f'] = BC_BLANK | BC_STR_PLAIN,
    [0x0d ... 0x1f] = BC_STR_PLAIN,
    [' '] = BC_BLANK | BC_STR_PLAIN,
    ['!'] = BC_STR_PLAIN,
    ['#' ... '&'] = BC_STR_PLAIN,
    ['(' ... '/'] = BC_STR_PLAIN,
    ['0' ... '9'] = BC_ID_CHAR | BC_DIGIT | BC_HEX | BC_STR_PLAIN | BC_ASCII_ID,
    [':' ... '@'] = BC_STR_PLAIN,
    ['A'] = AID | BC_HEX,
    ['B'] = AID | BC_HEX | BC_PREFIX,
    ['C' ... 'E'] = AID | BC_HEX,
    ['F'] = AID | BC_HEX | BC_PREFIX,
    ['G' ... 'Q'] = AID,
    ['R'] = AID | BC_PREFIX,
    ['S' ... 'T'] = AID,
    ['U'] = AID | BC_PREFIX,
    ['V' ... 'Z'] = AID,
    ['['] = BC_STR_PLAIN,
    [']' ... '^'] = BC_STR_PLAIN,
    ['_'] = AID,
    ['`'] = BC_STR_PLAIN,
    ['a'] = AID | BC_HEX,
    ['b'] = AID | BC_HEX | BC_PREFIX,
    ['c' ... 'e'] = AID | BC_HEX,
    ['f'] = AID | BC_HEX | BC_PREFIX,
    ['g' ... 'q'] = AID,
    ['r'] = AID | BC_PREFIX,
    ['s' ... 't'] = AID,
    ['u'] = AID | BC_PREFIX,
    ['v' ... 'z'] = AID,
    ['{' ... 0x7f] = BC_STR_PLAIN,
    [0x80 ... 0xff] = ID,
};
#undef ID
#undef AID

typedef struct FStringMode {
    unsigned char quote;          /* ' or " */
    unsigned char quote_size;     /* 1 or 3 */
    unsigned char raw;
    unsigned char in_expr;        /* lexing a replacement field's tokens */
    unsigned char in_format_spec;
    int curly_depth;              /* brackets opened inside this f-string */
    int expr_start_depth;         /* curly_depth at which the current field began; -1 outside */
    uint32_t start;               /* offset of the prefix, for errors */
    uint32_t start_lineno;
    uint32_t start_line_start;
} FStringMode;

struct Lexer {
    KraitError *err;
    Arena *arena;
    const char *path;
    const unsigned char *s;       /* the decoded text */
    uint32_t len;
    int extra;                    /* LEXER_EMIT_TRIVIA: tokenize's mode */
    const char *encoding;
    int added_newline;

    uint32_t pos;
    uint32_t lineno;              /* line of s[pos] */
    uint32_t line_start;          /* offset of that line's first byte */
    uint32_t prev_line_start;     /* the line before, for errors at end of input */

    uint32_t tok_start;           /* where the token being cut began */
    uint32_t tok_lineno;
    uint32_t tok_line_start;

    int atbol;                    /* at the beginning of a logical line */
    int blankline;                /* the current line is blank or comment-only */
    int pendin;                   /* >0 INDENTs, <0 DEDENTs still to emit */
    int failed;
    int finished;
    LexerErrorKind error_kind;

    int indent;
    int indstack[LEXER_MAX_INDENT_DEPTH + 1];
    int altindstack[LEXER_MAX_INDENT_DEPTH + 1];

    int level;
    char parenstack[LEXER_MAX_PAREN_DEPTH];
    uint32_t paren_lineno[LEXER_MAX_PAREN_DEPTH];
    uint32_t paren_start[LEXER_MAX_PAREN_DEPTH];
    uint32_t paren_col[LEXER_MAX_PAREN_DEPTH];

    int nmodes;
    FStringMode modes[LEXER_MAX_FSTRING_DEPTH];

    LexerComment *comments;
    size_t ncomments;
    size_t comments_cap;
};

/* ---- errors ---------------------------------------------------------- */

static int lex_fail(Lexer *lx, uint32_t lineno, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int lex_fail(Lexer *lx, uint32_t lineno, int col, const char *fmt, ...)
{
    char msg[ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    lx->failed = 1;
    return error_set(lx->err, lx->path, (int)lineno, col, "%s", msg);
}

/* CPython's column for an error "at the cursor": the characters of the
 * line before the cursor (its SyntaxError.offset). */
static int chars_before(const Lexer *lx, uint32_t line_start, uint32_t pos)
{
    return (int)unicode_count_chars((const char *)lx->s + line_start, pos - line_start);
}

/* CPython reads line by line, so at the end of input its line is still the
 * last line; ours has moved past the final newline. */
static uint32_t cpython_lineno(const Lexer *lx)
{
    return lx->pos >= lx->len && lx->len > 0 ? lx->lineno - 1 : lx->lineno;
}

static int fail_at_cursor(Lexer *lx, const char *msg)
{
    if (lx->pos >= lx->len && lx->len > 0)
        return lex_fail(lx, lx->lineno - 1, chars_before(lx, lx->prev_line_start, lx->pos), "%s", msg);
    return lex_fail(lx, lx->lineno, chars_before(lx, lx->line_start, lx->pos), "%s", msg);
}

/* The innermost open bracket at end of input; CPython reports it at the
 * bracket, in characters. */
static int unclosed_bracket_error(Lexer *lx)
{
    int i = lx->level - 1;
    uint32_t line_start = lx->paren_start[i] - lx->paren_col[i];
    lx->error_kind = LEXER_ERROR_AT_EOF;
    return lex_fail(lx, lx->paren_lineno[i], chars_before(lx, line_start, lx->paren_start[i]) + 1,
                    "'%c' was never closed", lx->parenstack[i]);
}

/* ---- cursor ---------------------------------------------------------- */

static void note_newline(Lexer *lx, uint32_t newline_pos)
{
    lx->lineno++;
    lx->prev_line_start = lx->line_start;
    lx->line_start = newline_pos + 1;
}

/* Consumes one byte, keeping the line bookkeeping; never moves past the end. */
static int advance(Lexer *lx)
{
    unsigned c = lx->s[lx->pos];
    if (c == 0) return 0;
    if (c == '\n') note_newline(lx, lx->pos);
    lx->pos++;
    return (int)c;
}

static void mark_token_start(Lexer *lx)
{
    lx->tok_start = lx->pos;
    lx->tok_lineno = lx->lineno;
    lx->tok_line_start = lx->line_start;
}

/* A token from the marked start to end (end lies on the current line). */
static int emit(Lexer *lx, Token *out, TokenKind kind, uint32_t end)
{
    out->kind = (uint8_t)kind;
    out->keyword = KW_NONE;
    out->start = lx->tok_start;
    out->end = end;
    out->lineno = lx->tok_lineno;
    out->col = lx->tok_start - lx->tok_line_start;
    out->end_lineno = lx->lineno;
    out->end_col = end - lx->line_start;
    return 0;
}

/* ---- comments -------------------------------------------------------- */

static void record_comment(Lexer *lx, uint32_t start, uint32_t end)
{
    if (lx->ncomments == lx->comments_cap) {
        size_t cap = lx->comments_cap ? lx->comments_cap * 2 : 64;
        lx->comments = arena_realloc(lx->arena, lx->comments, lx->comments_cap * sizeof *lx->comments,
                                     cap * sizeof *lx->comments);
        lx->comments_cap = cap;
    }
    LexerComment *c = &lx->comments[lx->ncomments++];
    c->start = start;
    c->end = end;
    c->lineno = lx->lineno;
    c->col = start - lx->line_start;
}

/* ---- keywords -------------------------------------------------------- */

static int word_is(const unsigned char *p, size_t n, const char *word)
{
    return strlen(word) == n && memcmp(p, word, n) == 0;
}

static Keyword keyword_of(const unsigned char *p, size_t n)
{
#define KW(word, kw) if (word_is(p, n, word)) return kw
    if (n < 1 || n > 8) return KW_NONE;
    switch (p[0]) {
    case 'F': KW("False", KW_FALSE); break;
    case 'N': KW("None", KW_NONE_); break;
    case 'T': KW("True", KW_TRUE); break;
    case '_': KW("_", KW_SOFT_UNDERSCORE); break;
    case 'a': KW("and", KW_AND); KW("as", KW_AS); KW("assert", KW_ASSERT); KW("async", KW_ASYNC);
              KW("await", KW_AWAIT); break;
    case 'b': KW("break", KW_BREAK); break;
    case 'c': KW("class", KW_CLASS); KW("continue", KW_CONTINUE); KW("case", KW_SOFT_CASE); break;
    case 'd': KW("def", KW_DEF); KW("del", KW_DEL); break;
    case 'e': KW("elif", KW_ELIF); KW("else", KW_ELSE); KW("except", KW_EXCEPT); break;
    case 'f': KW("finally", KW_FINALLY); KW("for", KW_FOR); KW("from", KW_FROM); break;
    case 'g': KW("global", KW_GLOBAL); break;
    case 'i': KW("if", KW_IF); KW("import", KW_IMPORT); KW("in", KW_IN); KW("is", KW_IS); break;
    case 'l': KW("lambda", KW_LAMBDA); break;
    case 'm': KW("match", KW_SOFT_MATCH); break;
    case 'n': KW("nonlocal", KW_NONLOCAL); KW("not", KW_NOT); break;
    case 'o': KW("or", KW_OR); break;
    case 'p': KW("pass", KW_PASS); break;
    case 'r': KW("raise", KW_RAISE); KW("return", KW_RETURN); break;
    case 't': KW("try", KW_TRY); KW("type", KW_SOFT_TYPE); break;
    case 'w': KW("while", KW_WHILE); KW("with", KW_WITH); break;
    case 'y': KW("yield", KW_YIELD); break;
    default: break;
    }
    return KW_NONE;
#undef KW
}

/* ---- operators ------------------------------------------------------- */

static int op_one(int c)
{
    switch (c) {
    case '(': return TK_LPAR;
    case ')': return TK_RPAR;
    case '[': return TK_LSQB;
    case ']': return TK_RSQB;
    case ':': return TK_COLON;
    case ',': return TK_COMMA;
    case ';': return TK_SEMI;
    case '+': return TK_PLUS;
    case '-': return TK_MINUS;
    case '*': return TK_STAR;
    case '/': return TK_SLASH;
    case '|': return TK_VBAR;
    case '&': return TK_AMPER;
    case '<': return TK_LESS;
    case '>': return TK_GREATER;
    case '=': return TK_EQUAL;
    case '.': return TK_DOT;
    case '%': return TK_PERCENT;
    case '{': return TK_LBRACE;
    case '}': return TK_RBRACE;
    case '~': return TK_TILDE;
    case '^': return TK_CIRCUMFLEX;
    case '@': return TK_AT;
    case '!': return TK_EXCLAMATION;
    default: return -1;
    }
}

/* "<>" is CPython's NOTEQUAL too (PEP 401); the parser rejects its text. */
static int op_two(int c1, int c2)
{
    if (c2 == '=') {
        switch (c1) {
        case '!': return TK_NOTEQUAL;
        case '%': return TK_PERCENTEQUAL;
        case '&': return TK_AMPEREQUAL;
        case '*': return TK_STAREQUAL;
        case '+': return TK_PLUSEQUAL;
        case '-': return TK_MINEQUAL;
        case '/': return TK_SLASHEQUAL;
        case ':': return TK_COLONEQUAL;
        case '<': return TK_LESSEQUAL;
        case '=': return TK_EQEQUAL;
        case '>': return TK_GREATEREQUAL;
        case '@': return TK_ATEQUAL;
        case '^': return TK_CIRCUMFLEXEQUAL;
        case '|': return TK_VBAREQUAL;
        default: return -1;
        }
    }
    if (c1 == '*' && c2 == '*') return TK_DOUBLESTAR;
    if (c1 == '/' && c2 == '/') return TK_DOUBLESLASH;
    if (c1 == '<' && c2 == '<') return TK_LEFTSHIFT;
    if (c1 == '>' && c2 == '>') return TK_RIGHTSHIFT;
    if (c1 == '-' && c2 == '>') return TK_RARROW;
    if (c1 == '<' && c2 == '>') return TK_NOTEQUAL;
    return -1;
}

static int op_three(int two, int c3)
{
    if (c3 != '=') return -1;
    switch (two) {
    case TK_DOUBLESTAR: return TK_DOUBLESTAREQUAL;
    case TK_DOUBLESLASH: return TK_DOUBLESLASHEQUAL;
    case TK_LEFTSHIFT: return TK_LEFTSHIFTEQUAL;
    case TK_RIGHTSHIFT: return TK_RIGHTSHIFTEQUAL;
    default: return -1;
    }
}

/* ---- indentation ----------------------------------------------------- */

/* A backslash-newline pair; CPython's tok_continuation_line. */
static int line_continuation(Lexer *lx)
{
    advance(lx);   /* the backslash */
    if (lx->s[lx->pos] != '\n') {
        advance(lx);
        lx->error_kind = LEXER_ERROR_DEFERRED;
        return lex_fail(lx, lx->lineno, chars_before(lx, lx->line_start, lx->pos),
                        "unexpected character after line continuation character");
    }
    advance(lx);
    if (lx->s[lx->pos] == 0) {
        if (lx->level > 0) {
            return unclosed_bracket_error(lx);
        }
        lx->error_kind = LEXER_ERROR_DEFERRED;
        return fail_at_cursor(lx, "unexpected EOF while parsing");
    }
    return 0;
}

static int indent_error(Lexer *lx)
{
    lx->error_kind = LEXER_ERROR_DEFERRED;
    return lex_fail(lx, lx->lineno, 1, "inconsistent use of tabs and spaces in indentation");
}

/* Compares the new line's indentation with the stack and queues INDENT or
 * DEDENT tokens in pendin. */
static int apply_indentation(Lexer *lx, int col, int altcol)
{
    int *ind = lx->indstack, *alt = lx->altindstack;
    if (col == ind[lx->indent]) {
        if (altcol != alt[lx->indent]) return indent_error(lx);
        return 0;
    }
    if (col > ind[lx->indent]) {
        if (lx->indent + 1 >= LEXER_MAX_INDENT_DEPTH) {
            lx->error_kind = LEXER_ERROR_DEFERRED;
            return lex_fail(lx, lx->lineno, 1, "too many levels of indentation");
        }
        if (altcol <= alt[lx->indent]) return indent_error(lx);
        lx->pendin++;
        lx->indent++;
        ind[lx->indent] = col;
        alt[lx->indent] = altcol;
        return 0;
    }
    while (lx->indent > 0 && col < ind[lx->indent]) {
        lx->pendin--;
        lx->indent--;
    }
    if (col != ind[lx->indent]) {
        uint32_t eol = lx->pos;
        while (lx->s[eol] != 0 && lx->s[eol] != '\n') eol++;
        if (lx->s[eol] == '\n') eol++;
        lx->error_kind = LEXER_ERROR_DEFERRED;
        return lex_fail(lx, lx->lineno, chars_before(lx, lx->line_start, eol),
                        "unindent does not match any outer indentation level");
    }
    if (altcol != alt[lx->indent]) return indent_error(lx);
    return 0;
}

/* At the beginning of a line: measures the indentation (tabs to multiples
 * of 8 and, for the consistency check, to multiples of 1) and decides
 * whether the line is blank. */
static int read_indentation(Lexer *lx)
{
    int col = 0, altcol = 0, cont_line_col = 0;
    lx->atbol = 0;
    lx->blankline = 0;
    uint32_t p = lx->pos;
    while (lx->s[p] == ' ') p++;   /* the common case: spaces only */
    col = altcol = (int)(p - lx->pos);
    lx->pos = p;
    for (;;) {
        unsigned c = lx->s[lx->pos];
        if (c == ' ') {
            col++, altcol++;
        } else if (c == '\t') {
            col = (col / TAB_SIZE + 1) * TAB_SIZE;
            altcol++;
        } else if (c == '\f') {
            col = altcol = 0;
        } else if (c == '\\') {
            /* The first backslash fixes the indentation of what follows. */
            cont_line_col = cont_line_col ? cont_line_col : col;
            if (line_continuation(lx) < 0) return -1;
            continue;
        } else {
            break;
        }
        lx->pos++;
    }
    unsigned c = lx->s[lx->pos];
    if (c == '#' || c == '\n') lx->blankline = 1;
    if (lx->blankline || lx->level > 0) return 0;
    if (cont_line_col) col = altcol = cont_line_col;
    return apply_indentation(lx, col, altcol);
}

/* ---- numbers --------------------------------------------------------- */

static int is_digit(unsigned c) { return byte_class[c] & BC_DIGIT; }
static int is_hex(unsigned c) { return byte_class[c] & BC_HEX; }
static int is_id_char_ascii(unsigned c) { return c < 128 && (byte_class[c] & BC_ID_CHAR); }

/* The rest of a keyword at `at`, not followed by an identifier character
 * (CPython's lookahead). */
static int keyword_rest_at(const Lexer *lx, uint32_t at, const char *rest)
{
    size_t n = strlen(rest);
    if (memcmp(lx->s + at, rest, n) != 0) return 0;   /* the NUL sentinel stops a mismatch in time */
    return !(byte_class[lx->s[at + n]] & BC_ID_CHAR);
}

/* A number may be followed directly by a keyword that can follow it in
 * valid code (1if x else y); any other identifier character is an error. */
static int check_number_end(Lexer *lx, const char *kind)
{
    if (lx->extra) return 0;
    uint32_t p = lx->pos;
    unsigned c = lx->s[p];
    int keyword_follows = 0;
    switch (c) {
    case 'a': keyword_follows = keyword_rest_at(lx, p + 1, "nd"); break;
    case 'e': keyword_follows = keyword_rest_at(lx, p + 1, "lse"); break;
    case 'f': keyword_follows = keyword_rest_at(lx, p + 1, "or"); break;
    /* CPython checks only one letter after an 'i' (if, in, is). */
    case 'i': keyword_follows = lx->s[p + 1] == 'f' || lx->s[p + 1] == 'n' || lx->s[p + 1] == 's'; break;
    case 'o': keyword_follows = keyword_rest_at(lx, p + 1, "r"); break;
    case 'n': keyword_follows = keyword_rest_at(lx, p + 1, "ot"); break;
    default: break;
    }
    if (keyword_follows || !is_id_char_ascii(c)) return 0;
    char msg[64];
    snprintf(msg, sizeof msg, "invalid %s literal", kind);
    return fail_at_cursor(lx, msg);
}

/* digits ('_' digits)*; the cursor is on the first byte after them. */
static int decimal_tail(Lexer *lx)
{
    for (;;) {
        while (is_digit(lx->s[lx->pos])) lx->pos++;
        if (lx->s[lx->pos] != '_') return 0;
        lx->pos++;
        if (!is_digit(lx->s[lx->pos])) return fail_at_cursor(lx, "invalid decimal literal");
    }
}

/* 0x / 0o / 0b literals; the cursor is on the letter after the 0. */
static int radix_literal(Lexer *lx, int radix, const char *kind)
{
    lx->pos++;
    do {
        if (lx->s[lx->pos] == '_') lx->pos++;
        unsigned c = lx->s[lx->pos];
        int ok = radix == 16 ? is_hex(c) != 0 : (c >= '0' && c < (unsigned)('0' + radix));
        if (!ok) {
            if (radix != 16 && is_digit(c)) {
                lx->pos++;
                char msg[64];
                snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal", c, kind);
                return fail_at_cursor(lx, msg);
            }
            char msg[64];
            snprintf(msg, sizeof msg, "invalid %s literal", kind);
            return fail_at_cursor(lx, msg);
        }
        for (;;) {
            c = lx->s[lx->pos];
            ok = radix == 16 ? is_hex(c) != 0 : (c >= '0' && c < (unsigned)('0' + radix));
            if (!ok) break;
            lx->pos++;
        }
    } while (lx->s[lx->pos] == '_');
    unsigned c = lx->s[lx->pos];
    if (radix != 16 && is_digit(c)) {
        lx->pos++;
        char msg[64];
        snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal", c, kind);
        return fail_at_cursor(lx, msg);
    }
    return check_number_end(lx, kind);
}

/* Fraction, exponent and imaginary suffix: the cursor is just after the
 * integer part (on '.', 'e', 'j' or whatever follows). */
static int number_tail(Lexer *lx, Token *out, int after_dot)
{
    const unsigned char *s = lx->s;
    if (after_dot || s[lx->pos] == '.') {
        if (!after_dot) lx->pos++;
        if (is_digit(s[lx->pos]) && decimal_tail(lx) < 0) return -1;
    }
    if (s[lx->pos] == 'e' || s[lx->pos] == 'E') {
        uint32_t e_pos = lx->pos;
        lx->pos++;
        if (s[lx->pos] == '+' || s[lx->pos] == '-') {
            lx->pos++;
            if (!is_digit(s[lx->pos])) return fail_at_cursor(lx, "invalid decimal literal");
        } else if (!is_digit(s[lx->pos])) {
            /* "1else": the 'e' belongs to a keyword, the number ends before it. */
            lx->pos = e_pos;
            if (check_number_end(lx, "decimal") < 0) return -1;
            return emit(lx, out, TK_NUMBER, lx->pos);
        }
        if (decimal_tail(lx) < 0) return -1;
    }
    if (s[lx->pos] == 'j' || s[lx->pos] == 'J') {
        lx->pos++;
        if (check_number_end(lx, "imaginary") < 0) return -1;
    } else if (check_number_end(lx, "decimal") < 0) {
        return -1;
    }
    return emit(lx, out, TK_NUMBER, lx->pos);
}

/* A number starting with '0': radix prefixes, zeros, and the rule that a
 * nonzero decimal integer may not start with 0. */
static int number_zero(Lexer *lx, Token *out)
{
    const unsigned char *s = lx->s;
    lx->pos++;
    unsigned c = s[lx->pos];
    int radix = 0;
    const char *kind = NULL;
    if (c == 'x' || c == 'X') radix = 16, kind = "hexadecimal";
    if (c == 'o' || c == 'O') radix = 8, kind = "octal";
    if (c == 'b' || c == 'B') radix = 2, kind = "binary";
    if (radix) return radix_literal(lx, radix, kind) < 0 ? -1 : emit(lx, out, TK_NUMBER, lx->pos);
    for (;;) {
        if (s[lx->pos] == '_') {
            lx->pos++;
            if (!is_digit(s[lx->pos])) return fail_at_cursor(lx, "invalid decimal literal");
        }
        if (s[lx->pos] != '0') break;
        lx->pos++;
    }
    int nonzero = 0;
    if (is_digit(s[lx->pos])) {
        nonzero = 1;
        if (decimal_tail(lx) < 0) return -1;
    }
    c = s[lx->pos];
    if (c == '.' || c == 'e' || c == 'E' || c == 'j' || c == 'J') return number_tail(lx, out, 0);
    if (nonzero && !lx->extra)
        return lex_fail(lx, lx->tok_lineno, (int)(lx->tok_start - lx->tok_line_start) + 1,
                        "leading zeros in decimal integer literals are not permitted; "
                        "use an 0o prefix for octal integers");
    if (check_number_end(lx, "decimal") < 0) return -1;
    return emit(lx, out, TK_NUMBER, lx->pos);
}

static int lex_number(Lexer *lx, Token *out)
{
    if (lx->s[lx->pos] == '0') return number_zero(lx, out);
    if (decimal_tail(lx) < 0) return -1;
    return number_tail(lx, out, 0);
}

/* ---- strings --------------------------------------------------------- */

static int unterminated_string(Lexer *lx, int quote, int quote_size, int escaped_quote, uint32_t detected)
{
    uint32_t line = lx->tok_lineno;
    int col = chars_before(lx, lx->tok_line_start, lx->tok_start) + 1;
    if (lx->nmodes > 0) {
        const FStringMode *m = &lx->modes[lx->nmodes - 1];
        if (m->quote == quote && m->quote_size == quote_size)
            return lex_fail(lx, line, col, "f-string: expecting '}'");
    }
    if (quote_size == 3)
        return lex_fail(lx, line, col, "unterminated triple-quoted string literal (detected at line %u)",
                        (unsigned)detected);
    if (escaped_quote)
        return lex_fail(lx, line, col,
                        "unterminated string literal (detected at line %u); perhaps you escaped the end quote?",
                        (unsigned)detected);
    return lex_fail(lx, line, col, "unterminated string literal (detected at line %u)", (unsigned)detected);
}

/* A plain (non-f) string; the cursor is on the opening quote. */
static int lex_string(Lexer *lx, Token *out)
{
    const unsigned char *s = lx->s;
    int quote = s[lx->pos];
    int quote_size = 1, end_quote_size = 0, escaped_quote = 0;
    lx->pos++;
    if (s[lx->pos] == quote) {
        if (s[lx->pos + 1] == quote) {
            quote_size = 3;
            lx->pos += 2;
        } else {
            lx->pos++;
            return emit(lx, out, TK_STRING, lx->pos);
        }
    }
    while (end_quote_size != quote_size) {
        /* Skip ordinary bytes in bulk: the hot path for long strings. */
        if (byte_class[s[lx->pos]] & BC_STR_PLAIN) {
            uint32_t p = lx->pos;
            end_quote_size = 0;
            do p++;
            while (byte_class[s[p]] & BC_STR_PLAIN);
            lx->pos = p;
        }
        unsigned c = s[lx->pos];
        if (c == 0 || (quote_size == 1 && c == '\n'))
            return unterminated_string(lx, quote, quote_size, escaped_quote, cpython_lineno(lx));
        advance(lx);
        if ((int)c == quote) {
            end_quote_size++;
            continue;
        }
        end_quote_size = 0;
        if (c == '\\') {
            if ((int)s[lx->pos] == quote) escaped_quote = 1;
            advance(lx);
        }
    }
    return emit(lx, out, TK_STRING, lx->pos);
}

/* The prefix and opening quote of an f-string: pushes its mode. */
static int lex_fstring_start(Lexer *lx, Token *out, int raw)
{
    const unsigned char *s = lx->s;
    int quote = s[lx->pos];
    int quote_size = s[lx->pos + 1] == quote && s[lx->pos + 2] == quote ? 3 : 1;
    lx->pos += (uint32_t)quote_size;
    if (lx->nmodes + 1 >= LEXER_MAX_FSTRING_DEPTH) return fail_at_cursor(lx, "too many nested f-strings");
    FStringMode *m = &lx->modes[lx->nmodes++];
    memset(m, 0, sizeof *m);
    m->quote = (unsigned char)quote;
    m->quote_size = (unsigned char)quote_size;
    m->raw = (unsigned char)raw;
    m->expr_start_depth = -1;
    m->start = lx->tok_start;
    m->start_lineno = lx->tok_lineno;
    m->start_line_start = lx->tok_line_start;
    return emit(lx, out, TK_FSTRING_START, lx->pos);
}

/* ---- names and string prefixes --------------------------------------- */

/* Python's rule for the characters of a non-ASCII identifier, reporting
 * the first bad character where CPython does (just after it). */
static int verify_identifier(Lexer *lx, uint32_t start, uint32_t end)
{
    uint32_t p = start;
    int first = 1;
    while (p < end) {
        uint32_t cp;
        int n = unicode_utf8_decode(lx->s + p, end - p, &cp);
        if (n <= 0) n = 1, cp = 0xFFFD;   /* cannot happen: source.c validated UTF-8 */
        int ok = first ? (cp == '_' || unicode_is_id_start(cp)) : unicode_is_id_continue(cp);
        if (!ok) {
            lx->pos = p + (uint32_t)n;
            int col = chars_before(lx, lx->line_start, lx->pos);
            if (unicode_is_printable(cp)) {
                char utf8[5] = {0};
                memcpy(utf8, lx->s + p, (size_t)n);
                return lex_fail(lx, lx->lineno, col, "invalid character '%s' (U+%04X)", utf8, (unsigned)cp);
            }
            return lex_fail(lx, lx->lineno, col, "invalid non-printable character U+%04X", (unsigned)cp);
        }
        first = 0;
        p += (uint32_t)n;
    }
    return 0;
}

/* An identifier, a keyword, or the prefix of a string (b r u f in CPython's
 * permitted combinations and any case). */
static int lex_name(Lexer *lx, Token *out)
{
    const unsigned char *s = lx->s;
    int saw_b = 0, saw_r = 0, saw_u = 0, saw_f = 0;
    while (byte_class[s[lx->pos]] & BC_PREFIX) {
        unsigned c = s[lx->pos];
        if (!(saw_b || saw_u || saw_f) && (c == 'b' || c == 'B')) saw_b = 1;
        else if (!(saw_b || saw_u || saw_r || saw_f) && (c == 'u' || c == 'U')) saw_u = 1;
        else if (!(saw_r || saw_u) && (c == 'r' || c == 'R')) saw_r = 1;
        else if (!(saw_f || saw_b || saw_u) && (c == 'f' || c == 'F')) saw_f = 1;
        else break;
        lx->pos++;
        c = s[lx->pos];
        if (c == '"' || c == '\'') return saw_f ? lex_fstring_start(lx, out, saw_r) : lex_string(lx, out);
    }
    /* A local cursor: stores through lx inside the loop would be reloaded.
     * ASCII first; the rest only when a byte >= 0x80 shows up. */
    uint32_t p = lx->pos;
    while (byte_class[s[p]] & BC_ASCII_ID) p++;
    int nonascii = s[p] >= 0x80 || s[lx->tok_start] >= 0x80;
    if (nonascii)
        while (byte_class[s[p]] & BC_ID_CHAR) p++;
    lx->pos = p;
    if (nonascii && !lx->extra && verify_identifier(lx, lx->tok_start, lx->pos) < 0) return -1;
    emit(lx, out, TK_NAME, lx->pos);
    out->keyword = (uint8_t)keyword_of(s + lx->tok_start, lx->pos - lx->tok_start);
    return 0;
}

/* ---- brackets -------------------------------------------------------- */

static int open_bracket(Lexer *lx, FStringMode *m, int c)
{
    if (lx->level >= LEXER_MAX_PAREN_DEPTH) return fail_at_cursor(lx, "too many nested parentheses");
    lx->parenstack[lx->level] = (char)c;
    lx->paren_lineno[lx->level] = lx->tok_lineno;
    lx->paren_start[lx->level] = lx->tok_start;
    lx->paren_col[lx->level] = lx->tok_start - lx->tok_line_start;
    lx->level++;
    if (m) m->curly_depth++;
    return 0;
}

static int close_bracket(Lexer *lx, FStringMode *m, int c)
{
    char msg[160];
    if (m && m->curly_depth == 0 && c == '}') return fail_at_cursor(lx, "f-string: single '}' is not allowed");
    if (!lx->extra && lx->level == 0) {
        snprintf(msg, sizeof msg, "unmatched '%c'", c);
        return fail_at_cursor(lx, msg);
    }
    if (lx->level > 0) {
        lx->level--;
        int opening = lx->parenstack[lx->level];
        int matches = (opening == '(' && c == ')') || (opening == '[' && c == ']') || (opening == '{' && c == '}');
        if (!lx->extra && !matches) {
            if (m && opening == '{' && m->curly_depth - 1 == m->expr_start_depth) {
                snprintf(msg, sizeof msg, "f-string: unmatched '%c'", c);
                return fail_at_cursor(lx, msg);
            }
            if (lx->paren_lineno[lx->level] != lx->lineno)
                snprintf(msg, sizeof msg,
                         "closing parenthesis '%c' does not match opening parenthesis '%c' on line %u", c,
                         opening, (unsigned)lx->paren_lineno[lx->level]);
            else
                snprintf(msg, sizeof msg, "closing parenthesis '%c' does not match opening parenthesis '%c'", c,
                         opening);
            return fail_at_cursor(lx, msg);
        }
    }
    if (m) {
        m->curly_depth--;
        if (m->curly_depth < 0) {
            snprintf(msg, sizeof msg, "f-string: unmatched '%c'", c);
            return fail_at_cursor(lx, msg);
        }
        if (c == '}' && m->curly_depth == m->expr_start_depth) {
            m->expr_start_depth--;
            m->in_expr = 0;
            m->in_format_spec = 0;
        }
    }
    return 0;
}

/* ---- operators and the rest ------------------------------------------ */

static int lex_operator(Lexer *lx, FStringMode *m, Token *out)
{
    const unsigned char *s = lx->s;
    int c = s[lx->pos];
    /* Inside a replacement field a ':' at its top level starts the format
     * spec, before any two-character operator (so "{x:=y}" is a spec). */
    if (c == ':' && m && m->expr_start_depth >= 0 && m->curly_depth - 1 == m->expr_start_depth) {
        lx->pos++;
        m->in_expr = 0;
        m->in_format_spec = 1;
        return emit(lx, out, TK_COLON, lx->pos);
    }
    int two = op_two(c, s[lx->pos + 1]);
    if (two >= 0) {
        int three = op_three(two, s[lx->pos + 2]);
        lx->pos += three >= 0 ? 3 : 2;
        return emit(lx, out, (TokenKind)(three >= 0 ? three : two), lx->pos);
    }
    lx->pos++;
    if (c == '(' || c == '[' || c == '{') {
        if (open_bracket(lx, m, c) < 0) return -1;
    } else if (c == ')' || c == ']' || c == '}') {
        if (close_bracket(lx, m, c) < 0) return -1;
    }
    int one = op_one(c);
    if (one >= 0) return emit(lx, out, (TokenKind)one, lx->pos);
    if (c < 0x20 || c == 0x7f) {
        char msg[64];
        snprintf(msg, sizeof msg, "invalid non-printable character U+%04X", (unsigned)c);
        return fail_at_cursor(lx, msg);
    }
    /* '$', '?' and '`': CPython hands them to the parser as a bare OP,
     * which no rule accepts ("invalid syntax" there, unless a tokenizer
     * error later in the file takes precedence). */
    return emit(lx, out, TK_OP, lx->pos);
}

/* ---- the two modes --------------------------------------------------- */


/* NEWLINE (or NL in tokenize mode) at the '\n' at lx->pos. Its end column
 * is one past the '\n' even when that newline was implied. In the parsing
 * mode a NEWLINE after a comment starts at the '#', as CPython's parser
 * sees it (its "invalid syntax" at such a NEWLINE points at the comment). */
static int lex_newline(Lexer *lx, Token *out)
{
    uint32_t at = lx->pos;
    int implicit = lx->added_newline && at + 1 == lx->len;
    lx->atbol = 1;
    if (lx->blankline || lx->level > 0) {
        if (!lx->extra) {
            advance(lx);
            return 1;   /* no token: go on with the next line */
        }
        emit(lx, out, TK_NL, implicit ? at : at + 1);
    } else {
        emit(lx, out, TK_NEWLINE, implicit ? at : at + 1);
    }
    out->end_col = at - lx->line_start + 1;
    lx->blankline = 0;
    advance(lx);
    return 0;
}

static int lex_comment(Lexer *lx, Token *out)
{
    const unsigned char *s = lx->s;
    uint32_t start = lx->pos;
    const unsigned char *nl = memchr(s + start, '\n', lx->len - start);
    lx->pos = nl ? (uint32_t)(nl - s) : lx->len;
    record_comment(lx, start, lx->pos);
    if (!lx->extra) return 1;
    return emit(lx, out, TK_COMMENT, lx->pos);
}

static int emit_pending_indent(Lexer *lx, Token *out)
{
    mark_token_start(lx);
    if (lx->pendin < 0) {
        lx->pendin++;
        return emit(lx, out, TK_DEDENT, lx->pos);
    }
    lx->pendin--;
    lx->tok_start = lx->line_start;
    return emit(lx, out, TK_INDENT, lx->pos);
}

static inline __attribute__((always_inline)) int lex_regular(Lexer *lx, FStringMode *m, Token *out)
{
    const unsigned char *s = lx->s;
    for (;;) {
        if (lx->atbol && read_indentation(lx) < 0) return -1;
        if (lx->pendin != 0) return emit_pending_indent(lx, out);
        for (;;) {
            uint32_t p = lx->pos;
            while (byte_class[s[p]] & BC_BLANK) p++;
            lx->pos = p;
            mark_token_start(lx);
            unsigned c = s[lx->pos];
            if (byte_class[c] & BC_ID_START) return lex_name(lx, out);
            if (c == '#') {
                if (lex_comment(lx, out) == 0) return 0;
                c = s[lx->pos];
            }
            if (c == '\n') {
                int r = lex_newline(lx, out);
                if (r <= 0) return r;
                break;   /* next line */
            }
            if (c == 0) {
                if (lx->level > 0) return unclosed_bracket_error(lx);
                lx->finished = 1;
                return emit(lx, out, TK_ENDMARKER, lx->pos);
            }
            if (is_digit(c)) return lex_number(lx, out);
            if (c == '.') {
                if (is_digit(s[lx->pos + 1])) {
                    lx->pos++;
                    return number_tail(lx, out, 1);
                }
                if (s[lx->pos + 1] == '.' && s[lx->pos + 2] == '.') {
                    lx->pos += 3;
                    return emit(lx, out, TK_ELLIPSIS, lx->pos);
                }
                lx->pos++;
                return emit(lx, out, TK_DOT, lx->pos);
            }
            if (c == '"' || c == '\'') return lex_string(lx, out);
            if (c == '\\') {
                if (line_continuation(lx) < 0) return -1;
                continue;
            }
            return lex_operator(lx, m, out);
        }
    }
}

static int unterminated_fstring(Lexer *lx, const FStringMode *m)
{
    uint32_t detected = cpython_lineno(lx);
    int col = chars_before(lx, m->start_line_start, m->start) + 1;
    if (m->quote_size == 3)
        return lex_fail(lx, m->start_lineno, col,
                        "unterminated triple-quoted f-string literal (detected at line %u)", (unsigned)detected);
    return lex_fail(lx, m->start_lineno, col, "unterminated f-string literal (detected at line %u)",
                    (unsigned)detected);
}

/* Enters a replacement field: the '{' itself is lexed in regular mode. */
static int enter_field(Lexer *lx, FStringMode *m)
{
    m->expr_start_depth++;
    if (m->expr_start_depth >= MAX_EXPR_NESTING)
        return fail_at_cursor(lx, "f-string: expressions nested too deeply");
    m->in_expr = 1;
    m->in_format_spec = 0;
    return 0;
}

/* Literal text of an f-string (or of a format spec), up to a replacement
 * field, a closing '}' or the closing quotes. */
static int lex_fstring_middle(Lexer *lx, FStringMode *m, Token *out)
{
    const unsigned char *s = lx->s;
    int end_quote_size = 0, unicode_escape = 0;
    while (end_quote_size != m->quote_size) {
        unsigned c = s[lx->pos];
        int in_format_spec = m->in_format_spec && m->expr_start_depth >= 0;
        if (c == 0 || (m->quote_size == 1 && c == '\n')) {
            /* CPython 3.13.0 ends the spec at the newline and lexes on in
             * the field (later releases make this an error). */
            if (in_format_spec && c == '\n') {
                m->in_expr = 1;
                m->in_format_spec = 0;
                return emit(lx, out, TK_FSTRING_MIDDLE, lx->pos);
            }
            return unterminated_fstring(lx, m);
        }
        advance(lx);
        if (c == m->quote) {
            end_quote_size++;
            continue;
        }
        end_quote_size = 0;
        if (c == '{') {
            if (s[lx->pos] != '{' || in_format_spec) {
                lx->pos--;
                if (enter_field(lx, m) < 0) return -1;
                return emit(lx, out, TK_FSTRING_MIDDLE, lx->pos);
            }
            lx->pos++;
            return emit(lx, out, TK_FSTRING_MIDDLE, lx->pos - 1);
        }
        if (c == '}') {
            if (unicode_escape) return emit(lx, out, TK_FSTRING_MIDDLE, lx->pos);
            if (s[lx->pos] == '}' && !in_format_spec && m->curly_depth == 0) {
                lx->pos++;
                return emit(lx, out, TK_FSTRING_MIDDLE, lx->pos - 1);
            }
            lx->pos--;
            m->in_expr = 1;
            m->in_format_spec = 0;
            return emit(lx, out, TK_FSTRING_MIDDLE, lx->pos);
        }
        if (c == '\\') {
            unsigned peek = s[lx->pos];
            if (peek == '{' || peek == '}') continue;   /* the brace is seen on the next round */
            advance(lx);
            if (!m->raw && peek == 'N' && s[lx->pos] == '{') {
                lx->pos++;
                unicode_escape = 1;
            }
        }
    }
    lx->pos -= m->quote_size;   /* the quotes become FSTRING_END next time */
    return emit(lx, out, TK_FSTRING_MIDDLE, lx->pos);
}

static int lex_fstring(Lexer *lx, FStringMode *m, Token *out)
{
    const unsigned char *s = lx->s;
    mark_token_start(lx);
    if (s[lx->pos] == '{' && s[lx->pos + 1] != '{') {
        if (enter_field(lx, m) < 0) return -1;
        return lex_regular(lx, m, out);
    }
    int closing = 1;
    for (int i = 0; i < m->quote_size; i++) closing &= s[lx->pos + (uint32_t)i] == m->quote;
    if (closing) {
        lx->pos += m->quote_size;
        lx->nmodes--;
        return emit(lx, out, TK_FSTRING_END, lx->pos);
    }
    return lex_fstring_middle(lx, m, out);
}

/* ---- public ---------------------------------------------------------- */

int lexer_new(Arena *arena, const char *path, const char *src, size_t len, unsigned flags, KraitError *err,
              Lexer **out)
{
    *out = NULL;
    if (len >= UINT32_MAX - 2) return error_set(err, path, 0, 0, "file too large to lex (4 GiB or more)");
    SourceText text;
    if (source_decode(arena, path, src, len, (flags & LEXER_BORROW_SOURCE) != 0, &text, err) < 0) return -1;
    if (text.len >= UINT32_MAX - 2) return error_set(err, path, 0, 0, "file too large to lex (4 GiB or more)");
    Lexer *lx = ARENA_NEW(arena, Lexer);
    lx->err = err;
    lx->arena = arena;
    lx->path = path;
    lx->s = (const unsigned char *)text.text;
    lx->len = (uint32_t)text.len;
    lx->extra = (flags & LEXER_EMIT_TRIVIA) != 0;
    lx->encoding = text.encoding;
    lx->added_newline = text.added_newline;
    lx->lineno = 1;
    lx->atbol = 1;
    *out = lx;
    return 0;
}

/* Everything but ordinary code outside f-strings. */
static int lexer_next_special(Lexer *lx, Token *out)
{
    if (lx->failed) return -1;
    if (lx->finished) {
        mark_token_start(lx);
        return emit(lx, out, TK_ENDMARKER, lx->pos);
    }
    FStringMode *m = &lx->modes[lx->nmodes - 1];
    if (!m->in_expr) return lex_fstring(lx, m, out);
    return lex_regular(lx, m, out);
}

int lexer_next(Lexer *lx, Token *out)
{
    if (__builtin_expect(lx->failed | lx->finished | lx->nmodes, 0)) return lexer_next_special(lx, out);
    return lex_regular(lx, NULL, out);
}

const char *lexer_text(const Lexer *lx) { return (const char *)lx->s; }
size_t lexer_text_len(const Lexer *lx) { return lx->len; }
const char *lexer_encoding(const Lexer *lx) { return lx->encoding; }
LexerErrorKind lexer_error_kind(const Lexer *lx) { return lx->error_kind; }
int lexer_added_newline(const Lexer *lx) { return lx->added_newline; }

const LexerComment *lexer_comments(const Lexer *lx, size_t *count)
{
    *count = lx->ncomments;
    return lx->comments;
}

int lexer_tokenize_all(Arena *arena, const char *path, const char *src, size_t len, unsigned flags,
                       KraitError *err, Token **tokens, size_t *count, Lexer **lexer_out)
{
    *tokens = NULL;
    *count = 0;
    if (lexer_out) *lexer_out = NULL;
    Lexer *lx;
    if (lexer_new(arena, path, src, len, flags, err, &lx) < 0) return -1;
    if (lexer_out) *lexer_out = lx;
    /* Real code has a token per 7 or 8 bytes: one per 6 rarely regrows. */
    size_t cap = len / 6 + 16, n = 0;
    Token *toks = ARENA_ARRAY(arena, Token, cap);
    for (;;) {
        if (n == cap) {
            toks = arena_realloc(arena, toks, cap * sizeof *toks, cap * 2 * sizeof *toks);
            cap *= 2;
        }
        if (lexer_next(lx, &toks[n]) < 0) {
            *tokens = toks;
            *count = n;
            return -1;
        }
        if (toks[n++].kind == TK_ENDMARKER) break;
    }
    *tokens = toks;
    *count = n;
    return 0;
}
