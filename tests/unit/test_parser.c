/* test_parser.c - the parser's API: the tree's fields and positions, the
 * comments and decoded text handed to rules, syntax errors with their
 * location, the nesting bound, and parser_parse_tokens over the lexer's
 * stream. The corpus-wide checks live in tests/diff/ast.test. */
#include "base/arena.h"
#include "base/strbuf.h"
#include "python/ast_dump.h"
#include "python/lexer.h"
#include "python/parser.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>

static int parse(Arena *arena, const char *src, ParseResult *res, KraitError *err)
{
    return parser_parse_module(arena, "t.py", src, strlen(src), res, err);
}

static void test_assign_fields(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    ParseResult res;
    KraitError err;
    CHECK_INT(t, parse(&arena, "x = 42\n", &res, &err), 0);
    AstModule *m = AST_AS(Module, res.module);
    CHECK_INT(t, m->base.kind, AST_Module);
    CHECK_INT(t, m->body.len, 1);
    AstAssign *a = AST_AS(Assign, m->body.items[0]);
    CHECK_INT(t, a->base.kind, AST_Assign);
    CHECK_INT(t, a->targets.len, 1);
    AstName *n = AST_AS(Name, a->targets.items[0]);
    CHECK_INT(t, n->base.kind, AST_Name);
    CHECK_INT(t, n->ctx, AST_STORE);
    CHECK(t, n->id.len == 1 && n->id.s[0] == 'x');
    AstConstant *c = AST_AS(Constant, a->value);
    CHECK_INT(t, c->value.kind, CONST_INT);
    CHECK(t, c->value.text.len == 2 && memcmp(c->value.text.s, "42", 2) == 0);
    CHECK_INT(t, c->base.lineno, 1);
    CHECK_INT(t, c->base.col_offset, 4);
    CHECK_INT(t, c->base.end_col_offset, 6);
    arena_free(&arena);
}

static void test_comments_and_text(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    ParseResult res;
    KraitError err;
    const char *src = "import os  # nosec\n# a comment\nos.system(x)  # nosec B605\n";
    CHECK_INT(t, parse(&arena, src, &res, &err), 0);
    CHECK_INT(t, res.ncomments, 3);
    if (res.ncomments == 3) {
        const LexerComment *c = &res.comments[2];
        CHECK_INT(t, c->lineno, 3);
        CHECK_INT(t, c->col, 14);
        CHECK(t, c->end - c->start == 12 && memcmp(res.source + c->start, "# nosec B605", 12) == 0);
    }
    CHECK(t, res.source_len == strlen(src) && memcmp(res.source, src, res.source_len) == 0);
    arena_free(&arena);
}

static void test_syntax_error_location(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    ParseResult res;
    KraitError err;
    CHECK_INT(t, parse(&arena, "if x:\n    f() = 1\n", &res, &err), -1);
    CHECK_STR(t, err.path, "t.py");
    CHECK_INT(t, err.line, 2);
    CHECK_INT(t, err.col, 5);
    CHECK_STR(t, err.message, "cannot assign to function call here. Maybe you meant '==' instead of '='?");
    CHECK(t, res.module == NULL);
    arena_free(&arena);
}

static void test_unclosed_bracket(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    ParseResult res;
    KraitError err;
    CHECK_INT(t, parse(&arena, "x = foo(1,\n      2\ny = 3\n", &res, &err), -1);
    CHECK_INT(t, err.line, 1);
    CHECK_INT(t, err.col, 8);
    CHECK_STR(t, err.message, "'(' was never closed");
    arena_free(&arena);
}

static void test_nesting_bound(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    size_t n = 200000;
    char *src = malloc(n + 3);
    memset(src, '-', n);
    memcpy(src + n, "x\n", 3);
    ParseResult res;
    KraitError err;
    CHECK_INT(t, parse(&arena, src, &res, &err), -1);
    CHECK_STR(t, err.message, "too many nested expressions or statements");
    free(src);
    arena_free(&arena);
}

static void test_parse_tokens_matches(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    const char *src = "def f(a, *, b=1):\n    return [x async for x in a if b]\n";
    Token *toks;
    size_t ntok;
    Lexer *lx;
    KraitError err;
    CHECK_INT(t, lexer_tokenize_all(&arena, "t.py", src, strlen(src), 0, &err, &toks, &ntok, &lx), 0);
    AstNode *mod;
    CHECK_INT(t, parser_parse_tokens(&arena, "t.py", lexer_text(lx), lexer_text_len(lx), toks, ntok, &mod, &err), 0);
    ParseResult res;
    CHECK_INT(t, parse(&arena, src, &res, &err), 0);
    StrBuf a, b;
    strbuf_init(&a);
    strbuf_init(&b);
    ast_dump(&a, mod, 1);
    ast_dump(&b, res.module, 1);
    CHECK(t, a.len > 0 && a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
    CHECK(t, strstr(a.data, "is_async=1") != NULL);
    strbuf_free(&a);
    strbuf_free(&b);
    /* a stream without ENDMARKER is refused, not read past its end */
    CHECK_INT(t, parser_parse_tokens(&arena, "t.py", lexer_text(lx), lexer_text_len(lx), toks, ntok - 1, &mod, &err), -1);
    arena_free(&arena);
}

static void test_soft_keywords(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    ParseResult res;
    KraitError err;
    const char *src = "match = 1\nmatch(x)\ntype = 2\ntype X = int\nmatch x:\n    case _:\n        pass\n";
    CHECK_INT(t, parse(&arena, src, &res, &err), 0);
    AstModule *m = AST_AS(Module, res.module);
    CHECK_INT(t, m->body.len, 5);
    if (m->body.len == 5) {
        CHECK_INT(t, m->body.items[0]->kind, AST_Assign);
        CHECK_INT(t, m->body.items[1]->kind, AST_Expr);
        CHECK_INT(t, m->body.items[2]->kind, AST_Assign);
        CHECK_INT(t, m->body.items[3]->kind, AST_TypeAlias);
        CHECK_INT(t, m->body.items[4]->kind, AST_Match);
    }
    arena_free(&arena);
}

static void test_in_place(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    ParseResult res;
    KraitError err;
    const char *plain = "x = 1\n";
    CHECK_INT(t, parser_parse_module_in_place(&arena, "t.py", plain, strlen(plain), &res, &err), 0);
    CHECK(t, res.source == plain);            /* used as it is */
    const char *crlf = "x = 1\r\ny = 2\r\n";
    CHECK_INT(t, parser_parse_module_in_place(&arena, "t.py", crlf, strlen(crlf), &res, &err), 0);
    CHECK(t, res.source != crlf);             /* line ends translated: a copy */
    CHECK_STR(t, res.source, "x = 1\ny = 2\n");
    const char *no_newline = "x = 1";
    CHECK_INT(t, parser_parse_module_in_place(&arena, "t.py", no_newline, strlen(no_newline), &res, &err), 0);
    CHECK(t, res.source != no_newline);
    arena_free(&arena);
}

/* Tokens come in chunks of 4,096 and those behind a top-level statement are
 * freed: a file of many chunks must parse whole, and errors late in it
 * (which look back at earlier tokens) must still be placed right. */
static StrBuf many_statements(int n, const char *tail)
{
    StrBuf sb;
    strbuf_init(&sb);
    for (int i = 0; i < n; i++) strbuf_printf(&sb, "def f%d(a, b):\n    return [a + b * %d for a in (1, 2)]\n", i, i);
    strbuf_printf(&sb, "%s", tail);
    return sb;
}

static void test_many_token_chunks(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    ParseResult res;
    KraitError err;
    StrBuf ok = many_statements(3000, "class C:\n    x = [\n" "        1,\n" "    ]\n");
    CHECK_INT(t, parse(&arena, ok.data, &res, &err), 0);
    CHECK_INT(t, AST_AS(Module, res.module)->body.len, 3001);
    const AstNode *last_def = AST_AS(Module, res.module)->body.items[2999];
    CHECK_INT(t, last_def->lineno, 5999);
    strbuf_free(&ok);
    /* a block missing at the very end: CPython's message names the line of
     * the statement that wanted it */
    StrBuf bad = many_statements(3000, "if x:\n");
    CHECK_INT(t, parse(&arena, bad.data, &res, &err), -1);
    CHECK_INT(t, err.line, 6001);
    CHECK(t, strstr(err.message, "expected an indented block after 'if' statement on line 6001") != NULL);
    strbuf_free(&bad);
    /* a bracket opened early and never closed wins over a later error */
    StrBuf open = many_statements(3000, "z = (1,\n");
    CHECK_INT(t, parse(&arena, open.data, &res, &err), -1);
    CHECK_INT(t, err.line, 6001);
    CHECK(t, strstr(err.message, "was never closed") != NULL);
    strbuf_free(&open);
    arena_free(&arena);
}

int main(int argc, char **argv)
{
    static const UnitTest tests[] = {
        {"parser-assign-fields", test_assign_fields},
        {"parser-comments-and-text", test_comments_and_text},
        {"parser-syntax-error-location", test_syntax_error_location},
        {"parser-unclosed-bracket", test_unclosed_bracket},
        {"parser-nesting-bound", test_nesting_bound},
        {"parser-parse-tokens-matches", test_parse_tokens_matches},
        {"parser-soft-keywords", test_soft_keywords},
        {"parser-in-place", test_in_place},
        {"parser-many-token-chunks", test_many_token_chunks},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
