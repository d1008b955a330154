/* token.c - names and spellings of token kinds and keywords, from the
 * X-macro lists in token.h so the tables cannot drift from the enums. */
#include "python/token.h"

#include <stddef.h>

static const char *const kind_names[] = {
#define X(kind, name, spelling) name,
    TOKEN_KINDS(X)
#undef X
};

static const char *const kind_spellings[] = {
#define X(kind, name, spelling) spelling,
    TOKEN_KINDS(X)
#undef X
};

static const char *const keyword_spellings[] = {
    NULL,
#define X(kw, spelling) spelling,
    KEYWORDS(X)
#undef X
};

_Static_assert(sizeof kind_names / sizeof kind_names[0] == TK_COUNT, "one name per token kind");
_Static_assert(sizeof keyword_spellings / sizeof keyword_spellings[0] == KW_COUNT, "one spelling per keyword");

const char *token_kind_name(TokenKind kind)
{
    return (unsigned)kind < TK_COUNT ? kind_names[kind] : "?";
}

const char *token_kind_spelling(TokenKind kind)
{
    return (unsigned)kind < TK_COUNT ? kind_spellings[kind] : NULL;
}

const char *keyword_spelling(Keyword kw)
{
    return (unsigned)kw < KW_COUNT ? keyword_spellings[kw] : NULL;
}
