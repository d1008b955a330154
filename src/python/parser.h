/* parser.h - the Python 3.13 parser: source text in, CPython 3.13's AST out
 * (same node kinds, fields and positions as the `ast` module). A recursive
 * descent over the lexer's token array, following Grammar/python.gram; the
 * whole tree, the decoded source and the comments live in the caller's
 * arena. Syntax errors are reported like CPython's: the line and column it
 * reports and, where reasonable, its message. */
#ifndef KRAIT_PARSER_H
#define KRAIT_PARSER_H

#include "base/arena.h"
#include "base/error.h"
#include "python/ast.h"
#include "python/lexer.h"

#include <stddef.h>
#include <stdint.h>

/* Recursion bound of the parser: deeper nesting is a syntax error, never a
 * C stack overflow. CPython's tokenizer allows 200 nested brackets. */
enum { PARSER_MAX_DEPTH = 3000, PARSER_MAX_PARENS = 200 };

typedef struct ParseResult {
    AstNode *module;          /* an AstModule */
    const char *source;       /* the decoded UTF-8 text the positions index */
    size_t source_len;
    const LexerComment *comments;  /* every comment, in source order */
    uint32_t ncomments;
} ParseResult;

/* Parses one file. path is used only in error messages (may be NULL).
 * src need not be NUL-terminated. On a syntax error returns -1 with err
 * holding CPython's line, 1-based column and message. */
int parser_parse_module(Arena *arena, const char *path, const char *src, size_t len,
                        ParseResult *out, KraitError *err);
/* The same, but src (NUL-terminated at src[len]) may be used in place as
 * the result's source when it needs no decoding: the caller keeps it alive
 * as long as the result. Saves a copy of every file a scan reads. */
int parser_parse_module_in_place(Arena *arena, const char *path, const char *src, size_t len,
                                 ParseResult *out, KraitError *err);

/* The grammar alone, over a token stream the caller produced: significant
 * tokens only (no NL or COMMENT), ending with ENDMARKER; offsets index src.
 * For tests and tools that lex differently. */
int parser_parse_tokens(Arena *arena, const char *path, const char *src, size_t len, const Token *toks,
                        size_t ntok, AstNode **out, KraitError *err);

#endif
