/* literal.h - turning the text of literal tokens into constant values, the
 * way CPython's compiler does: string and bytes escapes (every prefix, raw
 * or not), implicit concatenation is the parser's job, numbers of every
 * form. Values are allocated in the given arena. Each function returns 0,
 * or -1 with CPython's message in errmsg (e.g. "(value error) invalid \\x
 * escape at position 0", "(unicode error) 'unicodeescape' codec can't
 * decode bytes in position 0-1: truncated \\xXX escape"), which the caller
 * reports at the token's position as CPython does. See
 * docs/python-frontend-values.md. */
#ifndef KRAIT_LITERAL_H
#define KRAIT_LITERAL_H

#include "base/arena.h"
#include "base/error.h"
#include "python/ast.h"

#include <stddef.h>

/* text/len: one whole STRING token as in the source (prefix and quotes
 * included). Fills out->kind (CONST_STR or CONST_BYTES) and out->text.
 * *is_u is set when the prefix is u/U (Constant.kind == 'u'). */
int literal_decode_string(Arena *arena, const char *text, size_t len, AstConst *out, int *is_u,
                          char *errmsg, size_t errmsg_size);

/* The body of an f-string literal part (no quotes): processes escapes
 * unless raw, and collapses every "{{" to "{" and "}}" to "}" while a lone
 * brace is kept. Either form of input therefore decodes correctly:
 *  - the source span of the literal part, braces still doubled
 *    (f'a{{b' -> text "a{{b" -> "a{b");
 *  - CPython 3.13's FSTRING_MIDDLE tokens, which end after the first brace
 *    of a pair and resume after the second (f'a{{b' -> "a{" and "b"), so a
 *    token never holds two braces that both mean themselves.
 * "\N{NAME}" is an escape, not a replacement field. Error positions are
 * CPython's: they count from the start of its FSTRING_MIDDLE token, so they
 * restart after a doubled brace either way. Produces CONST_STR. */
int literal_decode_fstring_middle(Arena *arena, const char *text, size_t len, int raw, AstConst *out,
                                  char *errmsg, size_t errmsg_size);

/* One NUMBER token: CONST_INT (decimal digits, arbitrary size; hex, octal
 * and binary converted), CONST_FLOAT or CONST_COMPLEX (number = the
 * imaginary part). Underscores must sit between digits; a decimal int of
 * more than 4300 digits fails as in CPython. */
int literal_parse_number(Arena *arena, const char *text, size_t len, AstConst *out,
                         char *errmsg, size_t errmsg_size);

/* A NAME token's text in its NFKC form, as CPython stores identifiers
 * (U+FB01 LATIN SMALL LIGATURE FI -> "fi"). ASCII text is returned as is,
 * pointing at s, with no allocation; otherwise the result lives in the
 * arena. Fails (-1) only on invalid UTF-8. */
int literal_normalize_identifier(Arena *arena, const char *s, size_t len, AstStr *out);

#endif
