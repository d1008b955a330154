/* cmd_tokens.c - `krait tokens [-e|--exact] FILE...`: prints the token
 * stream in the layout of `python3.13 -m tokenize` (columns in characters,
 * strings as Python's repr, operators as OP unless --exact), so the two can
 * be compared line by line. With several files each stream is preceded by
 * "# FILE path" and a lexical error is printed as "# ERROR message" on
 * standard output before going on with the next file (the batch mode of
 * the differential test). */
#include "cli/commands.h"

#include "base/arena.h"
#include "base/error.h"
#include "base/file.h"
#include "base/strbuf.h"
#include "python/lexer.h"
#include "python/unicode.h"

#include <stdio.h>
#include <string.h>

/* Python's repr() of a str: quotes chosen as Python chooses them. */
static void repr_python(StrBuf *sb, const char *s, size_t len)
{
    int has_single = memchr(s, '\'', len) != NULL, has_double = memchr(s, '"', len) != NULL;
    char quote = has_single && !has_double ? '"' : '\'';
    strbuf_putc(sb, quote);
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        int n = unicode_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (n <= 0) n = 1, cp = (unsigned char)s[i];
        if (cp == (uint32_t)quote || cp == '\\') {
            strbuf_putc(sb, '\\');
            strbuf_putc(sb, (char)cp);
        } else if (cp == '\n') {
            strbuf_puts(sb, "\\n");
        } else if (cp == '\r') {
            strbuf_puts(sb, "\\r");
        } else if (cp == '\t') {
            strbuf_puts(sb, "\\t");
        } else if (cp < 0x20 || cp == 0x7f) {
            strbuf_printf(sb, "\\x%02x", (unsigned)cp);
        } else if (cp < 0x80 || unicode_is_printable(cp)) {
            strbuf_append(sb, s + i, (size_t)n);
        } else if (cp < 0x100) {
            strbuf_printf(sb, "\\x%02x", (unsigned)cp);
        } else if (cp < 0x10000) {
            strbuf_printf(sb, "\\u%04x", (unsigned)cp);
        } else {
            strbuf_printf(sb, "\\U%08x", (unsigned)cp);
        }
        i += (size_t)n;
    }
    strbuf_putc(sb, quote);
}

/* Appends s and pads it with spaces to width characters (Python's %-Ns). */
static void put_padded(StrBuf *out, const char *s, size_t len, size_t width)
{
    strbuf_append(out, s, len);
    for (size_t n = unicode_count_chars(s, len); n < width; n++) strbuf_putc(out, ' ');
}

static void print_token(StrBuf *out, const char *text, const Token *t, int exact)
{
    /* Byte columns to character columns, as tokenize reports them. */
    size_t line = t->start - t->col;
    size_t col = unicode_count_chars(text + line, t->col);
    size_t end_col;
    if (t->kind == TK_NEWLINE || t->kind == TK_NL) {
        end_col = col + 1;
    } else {
        size_t end_line = t->end - t->end_col;
        end_col = unicode_count_chars(text + end_line, t->end_col);
    }
    char range[80];
    int n = snprintf(range, sizeof range, "%u,%zu-%u,%zu:", (unsigned)t->lineno, col, (unsigned)t->end_lineno,
                     end_col);
    put_padded(out, range, (size_t)n, 20);
    const char *name = token_kind_name((TokenKind)t->kind);
    if (!exact && token_kind_spelling((TokenKind)t->kind) != NULL) name = "OP";
    /* tokenize's exact types come from a table of spellings, which lacks "<>". */
    if (t->kind == TK_NOTEQUAL && text[t->start] == '<') name = "OP";
    put_padded(out, name, strlen(name), 15);
    StrBuf r;
    strbuf_init(&r);
    repr_python(&r, text + t->start, t->end - t->start);
    put_padded(out, r.data, r.len, 15);
    strbuf_free(&r);
    strbuf_putc(out, '\n');
}

/* Prints one file's tokens; returns 0, or -1 after a lexical error (err). */
static int tokens_of_file(const char *path, int exact, StrBuf *out, KraitError *err)
{
    FileData fd;
    if (file_read_all(path, FILE_MAX_SIZE_DEFAULT, &fd, err) < 0) return -1;
    Arena arena;
    arena_init(&arena);
    Lexer *lx;
    int rc = lexer_new(&arena, path, fd.data, fd.len, LEXER_EMIT_TRIVIA, err, &lx);
    file_data_free(&fd);
    if (rc == 0) {
        /* tokenize.tokenize() reports a BOM's "utf-8-sig" as "utf-8". */
        const char *enc = lexer_encoding(lx);
        if (strcmp(enc, "utf-8-sig") == 0) enc = "utf-8";
        StrBuf r;
        strbuf_init(&r);
        repr_python(&r, enc, strlen(enc));
        strbuf_printf(out, "%-20s%-15s", "0,0-0,0:", "ENCODING");
        put_padded(out, r.data, r.len, 15);
        strbuf_putc(out, '\n');
        strbuf_free(&r);
        const char *text = lexer_text(lx);
        Token t;
        do {
            rc = lexer_next(lx, &t);
            if (rc == 0) print_token(out, text, &t, exact);
        } while (rc == 0 && t.kind != TK_ENDMARKER);
    }
    arena_free(&arena);
    return rc;
}

int cmd_tokens(int argc, char **argv)
{
    int exact = 0, first = 1;
    while (first < argc && argv[first][0] == '-' && argv[first][1] != '\0') {
        if (strcmp(argv[first], "-e") == 0 || strcmp(argv[first], "--exact") == 0) {
            exact = 1;
        } else {
            fprintf(stderr, "krait tokens: unknown option '%s'\nusage: krait tokens [-e|--exact] FILE...\n",
                    argv[first]);
            return EXIT_ERROR;
        }
        first++;
    }
    if (first >= argc) {
        fputs("usage: krait tokens [-e|--exact] FILE...\n", stderr);
        return EXIT_ERROR;
    }
    int batch = argc - first > 1, status = EXIT_CLEAN;
    StrBuf out;
    strbuf_init(&out);
    for (int i = first; i < argc; i++) {
        KraitError err;
        error_clear(&err);
        strbuf_clear(&out);
        if (batch) strbuf_printf(&out, "# FILE %s\n", argv[i]);
        int rc = tokens_of_file(argv[i], exact, &out, &err);
        fwrite(out.data ? out.data : "", 1, out.len, stdout);
        if (rc < 0) {
            status = EXIT_ERROR;
            fflush(stdout);
            if (batch) {
                fputs("# ERROR ", stdout);
                error_print(stdout, &err);
            } else {
                error_print(stderr, &err);
            }
        }
    }
    strbuf_free(&out);
    fflush(stdout);
    return status;
}
