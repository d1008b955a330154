/* literal.h - turning the text of literal tokens into constant values, the
 * way CPython's compiler does: string and bytes escapes (every prefix, raw
 * or not), implicit concatenation is the parser's job, numbers of every
 * form. Values are allocated in the given arena. Errors carry CPython's
 * message (e.g. "invalid \\x escape at position 0") and are reported by the
 * caller at the token's position. */
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

/* The body of an f-string part (FSTRING_MIDDLE text, no quotes): processes
 * escapes unless raw; "{{" and "}}" have already been collapsed by the lexer
 * or are collapsed here (see literal.c). Produces CONST_STR. */
int literal_decode_fstring_middle(Arena *arena, const char *text, size_t len, int raw, AstConst *out,
                                  char *errmsg, size_t errmsg_size);

/* One NUMBER token: CONST_INT (decimal digits, arbitrary size), CONST_FLOAT
 * or CONST_COMPLEX. */
int literal_parse_number(Arena *arena, const char *text, size_t len, AstConst *out,
                         char *errmsg, size_t errmsg_size);

#endif
