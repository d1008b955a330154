/* lexer.h - the Python 3.13 lexer: source bytes in, Token values out, one at
 * a time, exactly as CPython's tokenizer cuts them (INDENT/DEDENT, implicit
 * and explicit line joining, PEP 701 f-strings, every literal form).
 *
 * Decoding comes first: lexer_new accepts UTF-8 with or without a BOM, or a
 * PEP 263 coding declaration on line 1 or 2 (converted to UTF-8 with iconv).
 * Every Token offset, line and column refers to the decoded UTF-8 text that
 * lexer_text returns (columns are UTF-8 byte columns, like CPython's
 * col_offset). Tokens own no text: slice lexer_text(lx) + tok.start.
 *
 * Ownership: the Lexer, the decoded text, and the comment vector live in the
 * arena given to lexer_new and die with it. The decoded text is a copy (the
 * caller's src buffer may be freed once lexer_new returns) unless the flag
 * LEXER_BORROW_SOURCE lets the lexer read src in place. Nothing is
 * malloc'd per token. The decoded text always ends with '\n' unless empty
 * (a missing final newline is added, as CPython does), and "\r\n" and "\r"
 * are translated to "\n" (as CPython's compiler sees them).
 *
 * Errors: lexer_new and lexer_next return -1 after filling the KraitError
 * passed to lexer_new with the path, CPython's line, a 1-based column and
 * CPython's message ("unterminated string literal (detected at line 3)",
 * "unindent does not match any outer indentation level", "'(' was never
 * closed", ...). After an error every further lexer_next returns -1 again.
 *
 * The stream: NAME, NUMBER, STRING, operators (each with its own kind, see
 * token.h), NEWLINE, INDENT, DEDENT, FSTRING_START/MIDDLE/END, and last
 * ENDMARKER (repeated if lexer_next is called again). A file that does not
 * end in a newline gets an implicit NEWLINE, as in CPython. With
 * LEXER_EMIT_TRIVIA the stream also has COMMENT and NL tokens, as the
 * tokenize module prints them; without it comments are only recorded in the
 * comment vector (always filled, in both modes, in source order).
 *
 * Positions: (lineno, col)-(end_lineno, end_col) are what
 * `python3.13 -m tokenize` prints, except that columns are UTF-8 byte
 * columns (tokenize converts them to characters). So DEDENT sits at the
 * first token of the line that caused it (empty, start == end), INDENT spans
 * the indentation, the implicit NEWLINE at a missing final newline is empty
 * text with end_col = col + 1, and ENDMARKER is at column 0 of the line after
 * the last. One difference between the modes, CPython's own: without
 * LEXER_EMIT_TRIVIA a NEWLINE that follows a comment starts at the '#' (its
 * end_col is still one past the '\n'), which is where CPython's parser puts
 * it (an "invalid syntax" at that NEWLINE points at the comment).
 * FSTRING_MIDDLE is CPython's token too: a middle is cut after the first
 * brace of "{{" or "}}" and the second brace is skipped, so every middle's
 * text is a plain slice of the source with no doubled braces left (f"a{{b"
 * gives 'a{' then 'b'); empty middles appear where CPython has them.
 * NOTEQUAL may be spelt "<>" (as in CPython, which rejects it in the parser
 * unless `from __future__ import barry_as_FLUFL`): check the text.
 * A NAME's keyword field is set for hard and soft keywords (match, case,
 * type, _ included: the parser decides what a soft keyword is).
 *
 * Usage:
 *     Lexer *lx;
 *     if (lexer_new(arena, path, data, len, 0, &err, &lx) < 0) return -1;
 *     Token tok;
 *     do { if (lexer_next(lx, &tok) < 0) return -1; ... } while (tok.kind != TK_ENDMARKER);
 */
#ifndef KRAIT_LEXER_H
#define KRAIT_LEXER_H

#include "base/arena.h"
#include "base/error.h"
#include "python/token.h"

#include <stddef.h>
#include <stdint.h>

/* CPython's limits, with its messages when exceeded. */
enum {
    LEXER_MAX_PAREN_DEPTH = 200,      /* "too many nested parentheses" (MAXLEVEL) */
    LEXER_MAX_INDENT_DEPTH = 100,     /* "too many levels of indentation" (MAXINDENT) */
    LEXER_MAX_FSTRING_DEPTH = 150,    /* "too many nested f-strings" (MAXFSTRINGLEVEL) */
};

typedef enum LexerFlag {
    LEXER_EMIT_TRIVIA = 1u << 0,      /* also yield COMMENT and NL tokens (tokenize mode) */
    /* The caller promises src[len] == '\0' is readable (file_read_all's
     * buffers are) and that src outlives the lexer: source that needs no
     * decoding is then lexed in place, without a copy. */
    LEXER_BORROW_SOURCE = 1u << 1,
} LexerFlag;

/* How CPython surfaces a lexical error, for a parser that wants its exact
 * precedence. After a generic "invalid syntax" CPython lexes the rest of the
 * file and lets an IMMEDIATE error found there replace it; DEFERRED errors
 * (CPython's tokenizer state codes: "unexpected character after line
 * continuation character", "unexpected EOF while parsing", "unindent does
 * not match any outer indentation level", "inconsistent use of tabs and
 * spaces in indentation", "too many levels of indentation") are reported
 * only when the parser itself reaches them; AT_EOF is "'X' was never
 * closed", which replaces "invalid syntax" only when the bracket's line is
 * before the line of the syntax error. */
typedef enum LexerErrorKind {
    LEXER_ERROR_IMMEDIATE = 0,
    LEXER_ERROR_DEFERRED,
    LEXER_ERROR_AT_EOF,
} LexerErrorKind;

/* One `# ...` comment: offsets into lexer_text, '#' included, line end excluded. */
typedef struct LexerComment {
    uint32_t start;
    uint32_t end;
    uint32_t lineno;                  /* 1-based */
    uint32_t col;                     /* 0-based UTF-8 byte column of '#' */
} LexerComment;

typedef struct Lexer Lexer;           /* opaque; lives in the arena */

/* Decodes src[0..len) and prepares to lex. path is only used in errors (may
 * be NULL). err must stay valid for the lexer's life: lexer_next fills it.
 * Fails on undecodable bytes, an unknown coding declaration, or NUL bytes. */
int lexer_new(Arena *arena, const char *path, const char *src, size_t len, unsigned flags,
              KraitError *err, Lexer **out);

/* Produces the next token in *out. 0 on success, -1 on a lexical error. */
int lexer_next(Lexer *lx, Token *out);

/* The kind of the error the last failing lexer_next reported. */
LexerErrorKind lexer_error_kind(const Lexer *lx);

/* The decoded UTF-8 source (NUL-terminated; BOM and coding conversion done). */
const char *lexer_text(const Lexer *lx);
size_t lexer_text_len(const Lexer *lx);

/* The encoding as tokenize.detect_encoding names it ("utf-8", "utf-8-sig"
 * after a BOM, "iso-8859-1", or the declared name as written). */
const char *lexer_encoding(const Lexer *lx);
/* 1 when the final newline of lexer_text was added by the lexer. */
int lexer_added_newline(const Lexer *lx);

/* The comments seen so far (all of them once ENDMARKER was returned). The
 * pointer is valid until the next lexer_next call. */
const LexerComment *lexer_comments(const Lexer *lx, size_t *count);

/* Convenience for callers that want the whole stream: lexes to ENDMARKER and
 * returns an arena array of tokens (the last one is ENDMARKER). On error the
 * tokens lexed before it are still returned in *tokens / *count. lexer_out
 * may be NULL; else it receives the lexer (for text and comments). */
int lexer_tokenize_all(Arena *arena, const char *path, const char *src, size_t len, unsigned flags,
                       KraitError *err, Token **tokens, size_t *count, Lexer **lexer_out);

#endif
