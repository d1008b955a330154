/* parser.c - recursive descent over the token array, one function per rule
 * of CPython 3.13's Grammar/python.gram (the production sits above each
 * function). The tree matches the `ast` module node for node, position for
 * position. Design:
 *  - Tokens are significant tokens only (NL and COMMENT removed; comments
 *    kept for the caller), addressed by index, so lookahead and the few
 *    speculative parses (match, parenthesised with-items) are an index. The
 *    lexer fills them on demand in fixed chunks that never move, and the
 *    chunks behind a finished top-level statement are dropped: the tokens
 *    of a file never all live at once (they took more memory than its
 *    tree).
 *  - Targets are parsed as expressions and then checked and given their
 *    Store/Del context, which is how CPython's error messages arise too.
 *  - Errors are sticky: the first one wins, every function returns NULL
 *    once p->failed is set. Recursion is bounded by p->depth.
 *  - Lists are built on a scratch stack and copied to the arena when done,
 *    so no sequence is ever reallocated node by node. */
#include "python/parser.h"

#include "base/die.h"
#include "python/lexer.h"
#include "python/literal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TOK_CHUNK_SHIFT = 12, TOK_CHUNK = 1u << TOK_CHUNK_SHIFT, TOK_CHUNK_MASK = TOK_CHUNK - 1 };

typedef struct Parser {
    Arena *arena;
    const char *path;
    const char *src;          /* decoded source */
    size_t len;
    Token **chunk;            /* token i is chunk[i >> TOK_CHUNK_SHIFT][i & TOK_CHUNK_MASK] */
    uint32_t nchunks, chunk_cap;
    uint32_t dropped;         /* chunks before this one were freed */
    uint32_t ntok;            /* tokens available so far */
    int lexed_all;            /* the last of them is the ENDMARKER */
    Lexer *lx;                /* fills the chunks; NULL when the caller gave the tokens */
    KraitError *lex_err;
    int lex_rc;               /* -1 once the lexer failed (a sentinel ENDMARKER ends the tokens) */
    uint32_t pos;
    const Token *cur;         /* token pos, kept with it (set_pos): the parser's most read value */
    int depth;
    int failed;
    int generic;              /* the error is the plain "invalid syntax" */
    uint32_t far;             /* 1 + furthest token a failed speculation reached, or 0 */
    uint32_t match_newline;   /* 1 + `match x` NEWLINE seen: "expected ':'" if nothing parses */
    int final;                /* an error CPython raises without lexing further */
    int in_fstring;           /* replacement fields open */
    KraitError *err;
    AstNode **stk;            /* scratch stack for lists under construction */
    uint32_t stk_len, stk_cap;
    AstStr *sstk;             /* scratch stack for identifier lists */
    uint32_t sstk_len, sstk_cap;
} Parser;

/* ---- errors ---------------------------------------------------------- */

static void *fail_at(Parser *p, uint32_t line, uint32_t col0, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* SyntaxError columns count characters, node columns UTF-8 bytes: the byte
 * column col0 of line as a character column (UINT32_MAX, CPython's
 * "no column", stays). Errors are rare, so the line is found by scanning. */
static uint32_t char_column(const Parser *p, uint32_t line, uint32_t col0)
{
    if (col0 == UINT32_MAX || !p->src) return col0;
    size_t off = 0;
    for (uint32_t l = 1; l < line && off < p->len; off++)
        if (p->src[off] == '\n') l++;
    uint32_t chars = 0;
    for (size_t i = off; i < off + col0 && i < p->len; i++)
        if (((unsigned char)p->src[i] & 0xC0) != 0x80) chars++;
    return chars;
}

/* col0 is CPython's 0-based byte column; KraitError wants it 1-based. */
static void *fail_at(Parser *p, uint32_t line, uint32_t col0, const char *fmt, ...)
{
    if (p->failed) return NULL;
    p->failed = 1;
    /* CPython keeps an error inside an f-string over later lexical ones */
    if (p->in_fstring) p->final = 1;
    char msg[ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    error_set(p->err, p->path, (int)line, (int)char_column(p, line, col0) + 1, "%s", msg);
    p->generic = strcmp(msg, "invalid syntax") == 0;
    return NULL;
}

/* The number and byte length of the file's last line (a final newline
 * ends it rather than starting another). */
static void last_line(const Parser *p, uint32_t *line, uint32_t *len)
{
    size_t end = p->len;
    if (end && p->src[end - 1] == '\n') end--;
    uint32_t n = 1;
    size_t start = 0;
    for (size_t i = 0; i < end; i++) {
        if (p->src[i] == '\n') {
            n++;
            start = i + 1;
        }
    }
    *line = n;
    *len = (uint32_t)(end - start);
}

static void *fail_tok(Parser *p, const Token *t, const char *msg)
{
    return fail_at(p, t->lineno, t->col, "%s", msg);
}

static void *fail_node(Parser *p, const AstNode *n, const char *msg)
{
    return fail_at(p, n->lineno, n->col_offset, "%s", msg);
}

/* ---- tokens ------------------------------------------------------------ */

static Token *chunk_slot(Parser *p, uint32_t i) { return &p->chunk[i >> TOK_CHUNK_SHIFT][i & TOK_CHUNK_MASK]; }

/* The chunk that token ntok goes in, allocated when new. */
static Token *chunk_for_next(Parser *p)
{
    uint32_t c = p->ntok >> TOK_CHUNK_SHIFT;
    if (c == p->nchunks) {
        if (c == p->chunk_cap) {
            p->chunk_cap = p->chunk_cap ? p->chunk_cap * 2 : 16;
            Token **grown = realloc(p->chunk, p->chunk_cap * sizeof *grown);
            if (!grown) die_out_of_memory();
            p->chunk = grown;
        }
        p->chunk[c] = malloc(TOK_CHUNK * sizeof(Token));
        if (!p->chunk[c]) die_out_of_memory();
        p->nchunks++;
    }
    return p->chunk[c];
}

/* Ends the tokens with a sentinel ENDMARKER at t, where a lexical error
 * stopped the lexer: the parser fails there and the error is sorted out
 * afterwards (parse_module). */
static void end_with_sentinel(Parser *p, Token *t)
{
    p->lex_rc = -1;
    memset(t, 0, sizeof *t);
    t->kind = TK_ENDMARKER;
    if (p->ntok) {
        const Token *prev = chunk_slot(p, p->ntok - 1);
        t->lineno = t->end_lineno = prev->end_lineno;
        t->col = t->end_col = prev->end_col;
        t->start = t->end = prev->end;
    } else {
        t->lineno = t->end_lineno = 1;
    }
}

/* Lexes the rest of the current chunk (a new one when it is full), or to
 * the end. */
static void lex_chunk(Parser *p)
{
    Token *chunk = chunk_for_next(p);
    uint32_t k = p->ntok & TOK_CHUNK_MASK;
    uint32_t first = p->ntok - k;
    while (k < TOK_CHUNK) {
        Token *t = &chunk[k];
        int rc = lexer_next(p->lx, t);
        if (rc == 0 && t->end_lineno > AST_MAX_LINENO && t->kind != TK_ENDMARKER)
            rc = error_set(p->lex_err, p->path, (int)t->lineno, 1,
                           "more than %d lines: krait parses files of at most that many", AST_MAX_LINENO);
        if (rc < 0) {
            p->ntok = first + k;
            end_with_sentinel(p, t);
        }
        k++;
        if (t->kind == TK_ENDMARKER) {
            p->lexed_all = 1;
            break;
        }
    }
    p->ntok = first + k;
}

/* Lexes on until token i exists, or to the end. */
static __attribute__((noinline)) void lex_more(Parser *p, uint32_t i)
{
    while (!p->lexed_all && p->ntok <= i) lex_chunk(p);
}

/* Token i; past the end, the ENDMARKER. */
static inline const Token *tok_at(Parser *p, uint32_t i)
{
    if (__builtin_expect(i >= p->ntok, 0)) {
        lex_more(p, i);
        if (i >= p->ntok) i = p->ntok - 1;
    }
    return chunk_slot(p, i);
}

static inline const Token *cur(Parser *p) { return p->cur; }
static inline void set_pos(Parser *p, uint32_t pos)
{
    p->pos = pos;
    p->cur = tok_at(p, pos);
}
static inline const Token *peek(Parser *p, uint32_t k) { return tok_at(p, p->pos + k); }
static inline const Token *last(Parser *p) { return tok_at(p, p->pos ? p->pos - 1 : 0); }
static inline int at(Parser *p, int kind) { return cur(p)->kind == kind; }
static inline int tok_is_kw(const Token *t, int kw) { return t->kind == TK_NAME && t->keyword == kw; }
static inline int at_kw(Parser *p, int kw) { return tok_is_kw(cur(p), kw); }
static inline int tok_is_name(const Token *t)
{
    return t->kind == TK_NAME && (t->keyword == KW_NONE || t->keyword >= KW_FIRST_SOFT);
}
static inline int at_name(Parser *p) { return tok_is_name(cur(p)); }
/* Past the ENDMARKER: cur() must not be used then. */
static inline int past_end(const Parser *p) { return p->lexed_all && p->pos >= p->ntok; }

static inline const Token *advance(Parser *p)
{
    const Token *t = cur(p);
    if (!past_end(p)) set_pos(p, p->pos + 1);
    return t;
}

/* At the start of a top-level statement nothing refers to the tokens
 * before it but last(): the chunks wholly before that one go. */
static void drop_consumed_tokens(Parser *p)
{
    if (!p->lx || p->pos < 2) return;
    uint32_t keep = (p->pos - 1) >> TOK_CHUNK_SHIFT;
    for (; p->dropped < keep; p->dropped++) {
        free(p->chunk[p->dropped]);
        p->chunk[p->dropped] = NULL;
    }
}

static int accept(Parser *p, int kind)
{
    if (!at(p, kind)) return 0;
    advance(p);
    return 1;
}

static int accept_kw(Parser *p, int kw)
{
    if (!at_kw(p, kw)) return 0;
    advance(p);
    return 1;
}

static void *fail_here(Parser *p, const char *msg);

static const Token *expect(Parser *p, int kind, const char *msg)
{
    if (p->failed) return NULL;
    if (at(p, kind)) return advance(p);
    fail_here(p, msg);
    return NULL;
}

static int enter(Parser *p)
{
    if (p->failed) return 0;
    if (++p->depth > PARSER_MAX_DEPTH) {
        p->depth--;
        fail_tok(p, cur(p), "too many nested expressions or statements");
        return 0;
    }
    return 1;
}
static inline void leave(Parser *p) { p->depth--; }

/* ---- nodes and lists --------------------------------------------------- */

/* Nodes are the parser's most frequent allocation: bump the arena's
 * cursor here and clear the small node with inline stores; anything else
 * goes through arena_alloc_zero. Nodes need only 8-byte alignment (their
 * widest members are pointers and doubles), and rounding to 8 rather than
 * the arena's 16 keeps a Name in 40 bytes instead of 48. */
static void *node_alloc(Parser *p, size_t size)
{
    Arena *a = p->arena;
    size_t rounded = (size + 7) & ~(size_t)7;
    if (rounded > 128 || (size_t)(a->limit - a->cursor) < rounded) return arena_alloc_zero(a, size);
    char *r = a->cursor;
    a->cursor += rounded;
    /* constant-size memsets compile to a few stores */
    switch (rounded / 8) {
    case 1: memset(r, 0, 8); break;
    case 2: memset(r, 0, 16); break;
    case 3: memset(r, 0, 24); break;
    case 4: memset(r, 0, 32); break;
    case 5: memset(r, 0, 40); break;
    case 6: memset(r, 0, 48); break;
    case 7: memset(r, 0, 56); break;
    case 8: memset(r, 0, 64); break;
    case 9: memset(r, 0, 72); break;
    case 10: memset(r, 0, 80); break;
    default: memset(r, 0, rounded); break;
    }
    return r;
}

static AstNode *node_new(Parser *p, AstKind kind, const Token *start)
{
    AstNode *n = node_alloc(p, ast_kind_info[kind].size);
    n->kind = kind;
    if (start) {
        n->lineno = start->lineno;
        n->col_offset = start->col;
    }
    return n;
}

#define NEW(K, start) ((Ast##K *)node_new(p, AST_##K, (start)))

static void node_start_at(AstNode *n, const AstNode *from)
{
    n->lineno = from->lineno;
    n->col_offset = from->col_offset;
}

static void node_end_at(AstNode *n, const AstNode *from)
{
    n->end_lineno = from->end_lineno;
    n->end_col_offset = from->end_col_offset;
}

/* Ends n at the last token consumed. */
static AstNode *node_finish(Parser *p, void *node)
{
    AstNode *n = node;
    const Token *t = last(p);
    n->end_lineno = t->end_lineno;
    n->end_col_offset = t->end_col;
    return n;
}

#define FINISH(node) node_finish(p, (node))

static uint32_t seq_begin(const Parser *p) { return p->stk_len; }

static void seq_push(Parser *p, AstNode *n)
{
    if (p->stk_len == p->stk_cap) {
        uint32_t cap = p->stk_cap ? p->stk_cap * 2 : 256;
        AstNode **grown = realloc(p->stk, cap * sizeof *grown);
        if (!grown) die_out_of_memory();
        p->stk = grown;
        p->stk_cap = cap;
    }
    p->stk[p->stk_len++] = n;
}

static AstSeq seq_end(Parser *p, uint32_t base)
{
    AstSeq s = {NULL, p->stk_len - base};
    if (s.len) {
        s.items = ARENA_ARRAY(p->arena, AstNode *, s.len);
        memcpy(s.items, p->stk + base, s.len * sizeof *s.items);
    }
    p->stk_len = base;
    return s;
}

static AstSeq seq_one(Parser *p, AstNode *n)
{
    AstSeq s = {ARENA_ARRAY(p->arena, AstNode *, 1), 1};
    s.items[0] = n;
    return s;
}

static void sseq_push(Parser *p, AstStr s)
{
    if (p->sstk_len == p->sstk_cap) {
        uint32_t cap = p->sstk_cap ? p->sstk_cap * 2 : 64;
        AstStr *grown = realloc(p->sstk, cap * sizeof *grown);
        if (!grown) die_out_of_memory();
        p->sstk = grown;
        p->sstk_cap = cap;
    }
    p->sstk[p->sstk_len++] = s;
}

static AstStrSeq sseq_end(Parser *p, uint32_t base)
{
    AstStrSeq s = {NULL, p->sstk_len - base};
    if (s.len) {
        s.items = ARENA_ARRAY(p->arena, AstStr, s.len);
        memcpy(s.items, p->sstk + base, s.len * sizeof *s.items);
    }
    p->sstk_len = base;
    return s;
}

/* Identifiers: ASCII ones point into the source; others are NFKC-normalised
 * as CPython does before interning. */
static AstStr tok_ident(Parser *p, const Token *t)
{
    AstStr s = {p->src + t->start, t->end - t->start};
    uint32_t i = 0;
    for (; i + 8 <= s.len; i += 8) {
        uint64_t w;
        memcpy(&w, s.s + i, 8);
        if (w & 0x8080808080808080ull) break;
    }
    for (; i < s.len; i++) {
        if ((unsigned char)s.s[i] >= 0x80) {
            AstStr norm;
            if (literal_normalize_identifier(p->arena, s.s, s.len, &norm) == 0) s = norm;
            break;
        }
    }
    return s;
}

static AstStr str_lit(const char *s)
{
    AstStr r = {s, (uint32_t)strlen(s)};
    return r;
}

static void *fail_here(Parser *p, const char *msg)
{
    const Token *t = cur(p);
    /* CPython reports a plain syntax error at the furthest token any
     * alternative reached */
    if (p->far > p->pos + 1 && strcmp(msg, "invalid syntax") == 0) t = tok_at(p, p->far - 1);
    /* CPython places it on the last column of the indentation */
    if (t->kind == TK_INDENT) {
        fail_at(p, t->lineno, t->end_col ? t->end_col - 1 : 0, "unexpected indent");
        p->final = 1;
        return NULL;
    }
    if (t->kind == TK_DEDENT || t->kind == TK_ENDMARKER) {
        /* CPython's DEDENT and ENDMARKER carry odd columns: a DEDENT sits
         * one column before the token that caused it, or on the last
         * NEWLINE at the end of the file; ENDMARKER on the last line with
         * no column. A plain error at a DEDENT is "unexpected unindent". */
        uint32_t i = p->pos;
        while (tok_at(p, i)->kind == TK_DEDENT) i++;
        int at_end = tok_at(p, i)->kind == TK_ENDMARKER;
        const Token *prev = p->pos ? last(p) : t;
        int generic = strcmp(msg, "invalid syntax") == 0;
        if (t->kind == TK_DEDENT && generic) msg = "unexpected unindent";
        uint32_t eof_line, eof_len;
        last_line(p, &eof_line, &eof_len);
        if (t->kind == TK_ENDMARKER) fail_at(p, eof_line, UINT32_MAX, "%s", msg);
        else if (at_end) fail_at(p, prev->lineno, prev->col, "%s", msg);
        else fail_at(p, t->lineno, t->col ? t->col - 1 : UINT32_MAX, "%s", msg);
        if (t->kind == TK_DEDENT && generic) p->final = 1;
        return NULL;
    }
    return fail_tok(p, t, msg);
}

/* The generic error: CPython reports "invalid syntax" at the token where no
 * rule could continue. */
static void *fail_syntax(Parser *p)
{
    if (p->failed) return NULL;
    return fail_here(p, "invalid syntax");
}

/* ---- forward declarations ------------------------------------------------ */

static AstNode *expr_expression(Parser *p);
static AstNode *expr_named(Parser *p);
static AstNode *expr_star_expressions(Parser *p);
static AstNode *expr_star_named(Parser *p);
static AstNode *expr_disjunction(Parser *p);
static AstNode *expr_bitor(Parser *p);
static AstNode *expr_primary(Parser *p);
static AstNode *expr_yield(Parser *p);
static AstNode *expr_lambda(Parser *p);
static AstNode *expr_strings(Parser *p);
static AstNode *expr_annotated_rhs(Parser *p);
static AstSeq parse_comprehensions(Parser *p);
static AstNode *parse_star_targets(Parser *p);
static AstNode *parse_star_targets_unchecked(Parser *p);
static AstNode *parse_params(Parser *p, int is_lambda);
static int tok_starts_expr(const Token *t);
static void *fail_after_element(Parser *p, const AstNode *elem);
static int at_comprehension(Parser *p);

/* A small growable list in the arena, for the few places that build
 * several lists at once (parameters). */
typedef struct NodeVec {
    AstNode **items;
    uint32_t len, cap;
} NodeVec;

static void vec_push(Parser *p, NodeVec *v, AstNode *n)
{
    if (v->len == v->cap) {
        uint32_t cap = v->cap ? v->cap * 2 : 4;
        v->items = arena_realloc(p->arena, v->items, v->cap * sizeof *v->items, cap * sizeof *v->items);
        v->cap = cap;
    }
    v->items[v->len++] = n;
}

static AstSeq vec_seq(NodeVec *v)
{
    AstSeq s = {v->items, v->len};
    return s;
}

static void kw_push(Parser *p, NodeVec *v, AstNode *n) { vec_push(p, v, n); }

/* ---- targets and contexts ------------------------------------------------ */

/* The words CPython's messages use for an expression that cannot be
 * assigned to, deleted, ... (_PyPegen_get_expr_name). */
static const char *expr_name(const AstNode *e)
{
    switch (e->kind) {
    case AST_Attribute: return "attribute";
    case AST_Subscript: return "subscript";
    case AST_Starred: return "starred";
    case AST_Name: return "name";
    case AST_List: return "list";
    case AST_Tuple: return "tuple";
    case AST_Lambda: return "lambda";
    case AST_Call: return "function call";
    case AST_BoolOp: case AST_BinOp: case AST_UnaryOp: return "expression";
    case AST_GeneratorExp: return "generator expression";
    case AST_Yield: case AST_YieldFrom: return "yield expression";
    case AST_Await: return "await expression";
    case AST_ListComp: return "list comprehension";
    case AST_SetComp: return "set comprehension";
    case AST_DictComp: return "dict comprehension";
    case AST_Dict: return "dict literal";
    case AST_Set: return "set display";
    case AST_JoinedStr: case AST_FormattedValue: return "f-string expression";
    case AST_Constant: {
        const AstConst *c = &AST_AS(Constant, e)->value;
        if (c->kind == CONST_NONE) return "None";
        if (c->kind == CONST_TRUE) return "True";
        if (c->kind == CONST_FALSE) return "False";
        if (c->kind == CONST_ELLIPSIS) return "ellipsis";
        return "literal";
    }
    case AST_Compare: return "comparison";
    case AST_IfExp: return "conditional expression";
    case AST_NamedExpr: return "named expression";
    default: return "expression";
    }
}

/* The first sub-expression that is not a valid target (NULL if all are);
 * _PyPegen_get_invalid_target. */
static const AstNode *invalid_target(const AstNode *e, int ctx)
{
    switch (e->kind) {
    case AST_Name: case AST_Attribute: case AST_Subscript:
        return NULL;
    case AST_Starred:
        if (ctx == AST_DEL) return e;
        return invalid_target(AST_AS(Starred, e)->value, ctx);
    case AST_List: case AST_Tuple: {
        const AstSeq *s = e->kind == AST_List ? &AST_AS(List, e)->elts : &AST_AS(Tuple, e)->elts;
        for (uint32_t i = 0; i < s->len; i++) {
            const AstNode *bad = invalid_target(s->items[i], ctx);
            if (bad) return bad;
        }
        return NULL;
    }
    case AST_Compare:
        /* `for x in y` parsed too eagerly is reported on the left side */
        if (ctx == AST_STORE && AST_AS(Compare, e)->ops.items[0] == AST_IN)
            return invalid_target(AST_AS(Compare, e)->left, ctx);
        return e;
    default:
        return e;
    }
}

static void set_context(AstNode *e, int ctx)
{
    switch (e->kind) {
    case AST_Name: AST_AS(Name, e)->ctx = (uint8_t)ctx; break;
    case AST_Attribute: AST_AS(Attribute, e)->ctx = (uint8_t)ctx; break;
    case AST_Subscript: AST_AS(Subscript, e)->ctx = (uint8_t)ctx; break;
    case AST_Starred:
        AST_AS(Starred, e)->ctx = (uint8_t)ctx;
        set_context(AST_AS(Starred, e)->value, ctx);
        break;
    case AST_List: case AST_Tuple: {
        AstSeq *s;
        if (e->kind == AST_List) {
            AST_AS(List, e)->ctx = (uint8_t)ctx;
            s = &AST_AS(List, e)->elts;
        } else {
            AST_AS(Tuple, e)->ctx = (uint8_t)ctx;
            s = &AST_AS(Tuple, e)->elts;
        }
        for (uint32_t i = 0; i < s->len; i++) set_context(s->items[i], ctx);
        break;
    }
    default: break;
    }
}

/* Checks e as an assignment (Store) or del (Del) target and sets its
 * context; returns -1 with CPython's message otherwise. */
static int make_target(Parser *p, AstNode *e, int ctx)
{
    const AstNode *bad = invalid_target(e, ctx);
    if (bad) {
        fail_at(p, bad->lineno, bad->col_offset, "cannot %s %s",
                ctx == AST_DEL ? "delete" : "assign to", expr_name(bad));
        return -1;
    }
    set_context(e, ctx);
    return 0;
}

/* ---- constants --------------------------------------------------------- */

static AstNode *const_new(Parser *p, const Token *t, AstConstKind kind)
{
    AstConstant *c = NEW(Constant, t);
    c->value.kind = (uint8_t)kind;
    advance(p);
    return FINISH(c);
}

static AstNode *expr_number(Parser *p)
{
    const Token *t = cur(p);
    AstConstant *c = NEW(Constant, t);
    char msg[256];
    if (literal_parse_number(p->arena, p->src + t->start, t->end - t->start, &c->value, msg, sizeof msg) < 0)
        return fail_tok(p, t, msg);
    advance(p);
    return FINISH(c);
}

/* ---- atoms ----------------------------------------------------------------- */

static AstNode *name_new(Parser *p, const Token *t)
{
    AstName *n = NEW(Name, t);
    n->id = tok_ident(p, t);
    n->ctx = AST_LOAD;
    n->base.end_lineno = t->end_lineno;
    n->base.end_col_offset = t->end_col;
    return &n->base;
}

/* '(' (yield_expr | named_expression) ')' | tuple | genexp */
static AstNode *atom_paren(Parser *p)
{
    const Token *open = advance(p);
    if (accept(p, TK_RPAR)) {
        AstTuple *t = NEW(Tuple, open);
        return FINISH(t);
    }
    if (at_kw(p, KW_YIELD)) {
        AstNode *y = expr_yield(p);
        if (!y) return NULL;
        if (!at(p, TK_RPAR)) return fail_after_element(p, y);
        advance(p);
        return y;
    }
    AstNode *first = expr_star_named(p);
    if (!first) return NULL;
    if (at_kw(p, KW_FOR) || (at_kw(p, KW_ASYNC) && tok_is_kw(peek(p, 1), KW_FOR))) {
        if (first->kind == AST_Starred) return fail_node(p, first, "iterable unpacking cannot be used in comprehension");
        AstGeneratorExp *g = NEW(GeneratorExp, open);
        g->elt = first;
        g->generators = parse_comprehensions(p);
        if (p->failed) return NULL;
        if (!expect(p, TK_RPAR, "invalid syntax")) return NULL;
        return FINISH(g);
    }
    if (accept(p, TK_RPAR)) {
        if (first->kind == AST_Starred) return fail_node(p, first, "cannot use starred expression here");
        return first;
    }
    if (!at(p, TK_COMMA)) return fail_after_element(p, first);
    uint32_t base = seq_begin(p);
    seq_push(p, first);
    AstNode *e = first;
    while (accept(p, TK_COMMA)) {
        if (at(p, TK_RPAR)) break;
        e = expr_star_named(p);
        if (!e) return NULL;
        seq_push(p, e);
    }
    if (!at(p, TK_RPAR)) {
        if (at_comprehension(p)) return fail_node(p, first, "did you forget parentheses around the comprehension target?");
        return fail_after_element(p, e);
    }
    advance(p);
    AstTuple *t = NEW(Tuple, open);
    t->elts = seq_end(p, base);
    return FINISH(t);
}

/* list | listcomp */
static AstNode *atom_list(Parser *p)
{
    const Token *open = advance(p);
    uint32_t base = seq_begin(p);
    if (!at(p, TK_RSQB)) {
        AstNode *first = expr_star_named(p);
        if (!first) return NULL;
        if (at_kw(p, KW_FOR) || (at_kw(p, KW_ASYNC) && tok_is_kw(peek(p, 1), KW_FOR))) {
            if (first->kind == AST_Starred) return fail_node(p, first, "iterable unpacking cannot be used in comprehension");
            AstListComp *c = NEW(ListComp, open);
            c->elt = first;
            c->generators = parse_comprehensions(p);
            if (!expect(p, TK_RSQB, "invalid syntax")) return NULL;
            return FINISH(c);
        }
        seq_push(p, first);
        AstNode *e = first;
        while (accept(p, TK_COMMA)) {
            if (at(p, TK_RSQB)) break;
            e = expr_star_named(p);
            if (!e) return NULL;
            seq_push(p, e);
        }
        if (!at(p, TK_RSQB)) {
            if (at_comprehension(p)) return fail_node(p, first, "did you forget parentheses around the comprehension target?");
            return fail_after_element(p, e);
        }
    }
    if (!expect(p, TK_RSQB, "invalid syntax")) return NULL;
    AstList *l = NEW(List, open);
    l->elts = seq_end(p, base);
    return FINISH(l);
}

/* After a dict key's ':' with no value: CPython's messages for
 * `{1:}` and `{1: *x}` (invalid_double_starred_kvpairs, invalid_kvpair). */
static int dict_value_missing(Parser *p, const Token *colon)
{
    if (at(p, TK_STAR)) {
        fail_here(p, "cannot use a starred expression in a dictionary value");
        return 1;
    }
    if (at(p, TK_RBRACE) || at(p, TK_COMMA)) {
        fail_tok(p, colon, "expression expected after dictionary key and ':'");
        return 1;
    }
    return 0;
}

/* dict | set | dictcomp | setcomp */
static AstNode *atom_brace(Parser *p)
{
    const Token *open = advance(p);
    if (accept(p, TK_RBRACE)) {
        AstDict *d = NEW(Dict, open);
        return FINISH(d);
    }
    AstNode *first_key = NULL, *first = NULL;
    if (accept(p, TK_DOUBLESTAR)) {
        first = expr_bitor(p);
    } else {
        first_key = expr_star_named(p);
        if (!first_key) return NULL;
        if (at(p, TK_COLON)) {
            if (first_key->kind == AST_Starred) return fail_syntax(p);
            const Token *colon = advance(p);
            if (dict_value_missing(p, colon)) return NULL;
            first = expr_expression(p);
        } else {
            first = first_key;
            first_key = NULL;
            goto set;
        }
    }
    if (!first) return NULL;
    /* a dict */
    if (first_key && (at_kw(p, KW_FOR) || (at_kw(p, KW_ASYNC) && tok_is_kw(peek(p, 1), KW_FOR)))) {
        AstDictComp *c = NEW(DictComp, open);
        c->key = first_key;
        c->value = first;
        c->generators = parse_comprehensions(p);
        if (!expect(p, TK_RBRACE, "invalid syntax")) return NULL;
        return FINISH(c);
    }
    {
        uint32_t kbase = seq_begin(p);
        seq_push(p, first_key);
        seq_push(p, first);
        while (accept(p, TK_COMMA)) {
            if (at(p, TK_RBRACE)) break;
            AstNode *k = NULL, *v;
            if (accept(p, TK_DOUBLESTAR)) {
                v = expr_bitor(p);
            } else {
                k = expr_expression(p);
                if (!k) return NULL;
                if (!at(p, TK_COLON)) {
                    if (at(p, TK_COMMA) || at(p, TK_RBRACE)) return fail_node(p, k, "':' expected after dictionary key");
                    return fail_after_element(p, k);
                }
                const Token *colon = advance(p);
                if (dict_value_missing(p, colon)) return NULL;
                v = expr_expression(p);
            }
            if (!v) return NULL;
            seq_push(p, k);
            seq_push(p, v);
        }
        if (!at(p, TK_RBRACE)) return fail_after_element(p, p->stk[p->stk_len - 1]);
        advance(p);
        uint32_t n = (p->stk_len - kbase) / 2;
        AstDict *d = NEW(Dict, open);
        d->keys.len = d->values.len = n;
        d->keys.items = ARENA_ARRAY(p->arena, AstNode *, n);
        d->values.items = ARENA_ARRAY(p->arena, AstNode *, n);
        for (uint32_t i = 0; i < n; i++) {
            d->keys.items[i] = p->stk[kbase + 2 * i];
            d->values.items[i] = p->stk[kbase + 2 * i + 1];
        }
        p->stk_len = kbase;
        return FINISH(d);
    }
set:
    if (at_comprehension(p)) {
        if (first->kind == AST_Starred) return fail_node(p, first, "iterable unpacking cannot be used in comprehension");
        AstSetComp *c = NEW(SetComp, open);
        c->elt = first;
        c->generators = parse_comprehensions(p);
        if (!expect(p, TK_RBRACE, "invalid syntax")) return NULL;
        return FINISH(c);
    }
    uint32_t base = seq_begin(p);
    seq_push(p, first);
    AstNode *e = first;
    while (accept(p, TK_COMMA)) {
        if (at(p, TK_RBRACE)) break;
        e = expr_star_named(p);
        if (!e) return NULL;
        seq_push(p, e);
    }
    if (!at(p, TK_RBRACE)) {
        if (at_comprehension(p)) return fail_node(p, first, "did you forget parentheses around the comprehension target?");
        if (at(p, TK_COLON) && p->stk_len - base > 1) return fail_node(p, e, "':' expected after dictionary key");
        return fail_after_element(p, e);
    }
    advance(p);
    AstSet *s = NEW(Set, open);
    s->elts = seq_end(p, base);
    return FINISH(s);
}

static AstNode *expr_atom(Parser *p)
{
    const Token *t = cur(p);
    switch (t->kind) {
    case TK_NAME:
        switch (t->keyword) {
        case KW_TRUE: return const_new(p, t, CONST_TRUE);
        case KW_FALSE: return const_new(p, t, CONST_FALSE);
        case KW_NONE_: return const_new(p, t, CONST_NONE);
        default: break;
        }
        if (!tok_is_name(t)) return fail_syntax(p);
        advance(p);
        return name_new(p, t);
    case TK_NUMBER: return expr_number(p);
    case TK_STRING: case TK_FSTRING_START: return expr_strings(p);
    case TK_LPAR: return atom_paren(p);
    case TK_LSQB: return atom_list(p);
    case TK_LBRACE: return atom_brace(p);
    case TK_ELLIPSIS: return const_new(p, t, CONST_ELLIPSIS);
    default: return fail_syntax(p);
    }
}

/* ---- primaries ------------------------------------------------------------ */

/* A starred argument or subscript that does not parse: CPython calls it
 * an invalid star expression where a plain error would be reported. */
static void *star_failed(Parser *p)
{
    if (p->generic) snprintf(p->err->message, sizeof p->err->message, "Invalid star expression");
    return NULL;
}

/* slice: [expression] ':' [expression] [':' [expression]] | named_expression */
static AstNode *parse_slice(Parser *p)
{
    const Token *start = cur(p);
    AstNode *lower = NULL;
    if (!at(p, TK_COLON)) {
        if (at(p, TK_STAR)) {
            const Token *star = advance(p);
            AstStarred *s = NEW(Starred, star);
            s->value = expr_bitor(p);
            if (!s->value) return star_failed(p);
            return FINISH(s);
        }
        lower = expr_named(p);
        if (!lower) return NULL;
        if (!at(p, TK_COLON)) return lower;
        if (lower->kind == AST_NamedExpr) return fail_syntax(p);
    }
    advance(p); /* ':' */
    AstSlice *s = NEW(Slice, start);
    s->lower = lower;
    if (!at(p, TK_COLON) && !at(p, TK_COMMA) && !at(p, TK_RSQB)) {
        s->upper = expr_expression(p);
        if (!s->upper) return NULL;
    }
    if (accept(p, TK_COLON)) {
        if (!at(p, TK_COMMA) && !at(p, TK_RSQB)) {
            s->step = expr_expression(p);
            if (!s->step) return NULL;
        }
    }
    return FINISH(s);
}

/* slices: slice !',' | ','.(slice | starred_expression)+ [','] */
static AstNode *parse_slices(Parser *p)
{
    const Token *start = cur(p);
    AstNode *first = parse_slice(p);
    if (!first) return NULL;
    if (!at(p, TK_COMMA) && first->kind != AST_Starred) return first;
    uint32_t base = seq_begin(p);
    seq_push(p, first);
    while (accept(p, TK_COMMA)) {
        if (at(p, TK_RSQB)) break;
        AstNode *e = parse_slice(p);
        if (!e) return NULL;
        seq_push(p, e);
    }
    AstTuple *t = NEW(Tuple, start);
    t->elts = seq_end(p, base);
    return FINISH(t);
}

/* Expected ',' or a closing bracket after elem but found something else:
 * CPython's "Perhaps you forgot a comma?" when another expression follows
 * inside brackets (invalid_expression), else the plain error. */
static int hint_equality(const AstNode *e);

static void *fail_after_element(Parser *p, const AstNode *elem)
{
    const Token *t = cur(p);
    /* CPython names the last plain expression: inside a yield, a slice, a
     * starred item or a tuple */
    while (elem && t->kind != TK_EQUAL) {
        const AstNode *inner = NULL;
        if (elem->kind == AST_Yield) inner = AST_AS(Yield, elem)->value;
        else if (elem->kind == AST_Starred) inner = AST_AS(Starred, elem)->value;
        else if (elem->kind == AST_Tuple && AST_AS(Tuple, elem)->elts.len)
            inner = AST_AS(Tuple, elem)->elts.items[AST_AS(Tuple, elem)->elts.len - 1];
        else if (elem->kind == AST_Slice) {
            const AstSlice *sl = AST_AS(Slice, elem);
            inner = sl->step ? sl->step : sl->upper ? sl->upper : sl->lower;
        }
        if (!inner) break;
        elem = inner;
    }
    if (elem && t->kind == TK_EQUAL) {
        if (elem->kind == AST_Name)
            return fail_node(p, elem, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
        if (hint_equality(elem))
            return fail_at(p, elem->lineno, elem->col_offset,
                           "cannot assign to %s here. Maybe you meant '==' instead of '='?", expr_name(elem));
    }
    int legacy = elem && elem->kind == AST_Name && (t->kind == TK_STRING || t->kind == TK_FSTRING_START);
    if (elem && !legacy && tok_starts_expr(t) && t->kind != TK_STAR && t->kind != TK_MINUS &&
        t->kind != TK_PLUS && t->kind != TK_TILDE && !tok_is_kw(t, KW_NOT))
        return fail_node(p, elem, "invalid syntax. Perhaps you forgot a comma?");
    return fail_syntax(p);
}

/* arguments: the call's arguments after '(' up to and including ')'.
 * allow_genexp is 0 for class bases, where `C(x for x in y)` is an error. */
static int parse_call_args(Parser *p, AstCall *call, const Token *open, int allow_genexp)
{
    uint32_t abase = seq_begin(p);
    int seen_keyword = 0, seen_double = 0;
    uint32_t nargs = 0;
    NodeVec kw = {0};
    AstNode *prev = NULL;
    while (!at(p, TK_RPAR)) {
        const Token *t = cur(p);
        const Token *comma = p->pos ? last(p) : NULL;
        if (at(p, TK_DOUBLESTAR)) {
            advance(p);
            Astkeyword *k = NEW(keyword, t);
            k->value = expr_expression(p);
            if (!k->value) return -1;
            if (at(p, TK_EQUAL)) {
                fail_tok(p, t, "cannot assign to keyword argument unpacking");
                return -1;
            }
            prev = FINISH(k);
            seen_double = 1;
            kw_push(p, &kw, prev);
        } else if (tok_is_name(t) && peek(p, 1)->kind == TK_EQUAL) {
            advance(p);
            advance(p);
            if (at(p, TK_COMMA) || at(p, TK_RPAR)) {
                fail_tok(p, t, "expected argument value expression");
                return -1;
            }
            Astkeyword *k = NEW(keyword, t);
            k->arg = tok_ident(p, t);
            k->value = expr_expression(p);
            if (!k->value) return -1;
            prev = FINISH(k);
            seen_keyword = 1;
            kw_push(p, &kw, prev);
        } else if (at(p, TK_STAR)) {
            advance(p);
            AstStarred *s = NEW(Starred, t);
            s->value = expr_expression(p);
            if (!s->value) {
                star_failed(p);
                return -1;
            }
            if (at(p, TK_EQUAL)) {
                fail_tok(p, t, "cannot assign to iterable argument unpacking");
                return -1;
            }
            prev = FINISH(s);
            if (seen_double) {
                fail_tok(p, comma, "iterable argument unpacking follows keyword argument unpacking");
                return -1;
            }
            /* a starred argument after keywords still goes to args */
            seq_push(p, prev);
            nargs++;
        } else {
            AstNode *e = expr_named(p);
            if (!e) return -1;
            if (at(p, TK_EQUAL)) {
                if (e->kind == AST_Constant && AST_AS(Constant, e)->value.kind <= CONST_FALSE) {
                    fail_at(p, e->lineno, e->col_offset, "cannot assign to %s", expr_name(e));
                    return -1;
                }
                fail_node(p, e, "expression cannot contain assignment, perhaps you meant \"==\"?");
                return -1;
            }
            if (at_kw(p, KW_FOR) || (at_kw(p, KW_ASYNC) && tok_is_kw(peek(p, 1), KW_FOR))) {
                AstGeneratorExp *g = NEW(GeneratorExp, open);
                g->elt = e;
                if (!allow_genexp) {
                    fail_syntax(p);
                    return -1;
                }
                g->generators = parse_comprehensions(p);
                if (p->failed) return -1;
                if (nargs || kw.len || !at(p, TK_RPAR)) {
                    fail_node(p, e, "Generator expression must be parenthesized");
                    return -1;
                }
                advance(p);
                seq_push(p, FINISH(g));
                call->args = seq_end(p, abase);
                return 0;
            }
            if (seen_double || seen_keyword) {
                fail_tok(p, cur(p), seen_double ? "positional argument follows keyword argument unpacking"
                                                : "positional argument follows keyword argument");
                return -1;
            }
            seq_push(p, e);
            nargs++;
            prev = e;
        }
        if (!accept(p, TK_COMMA)) break;
    }
    if (!at(p, TK_RPAR)) {
        if (prev && prev->kind == AST_keyword) prev = AST_AS(keyword, prev)->value;
        fail_after_element(p, prev);
        return -1;
    }
    advance(p);
    call->args = seq_end(p, abase);
    call->keywords = vec_seq(&kw);
    return 0;
}

/* primary: primary '.' NAME | primary genexp | primary '(' [arguments] ')'
 *        | primary '[' slices ']' | atom */
static AstNode *expr_primary(Parser *p)
{
    if (!enter(p)) return NULL;
    const Token *start = cur(p);
    AstNode *e = expr_atom(p);
    while (e) {
        const Token *t = cur(p);
        if (t->kind == TK_DOT) {
            advance(p);
            const Token *nt = cur(p);
            if (!tok_is_name(nt)) {
                e = fail_syntax(p);
                break;
            }
            advance(p);
            AstAttribute *a = NEW(Attribute, start);
            a->value = e;
            a->attr = tok_ident(p, nt);
            e = FINISH(a);
        } else if (t->kind == TK_LPAR) {
            advance(p);
            AstCall *c = NEW(Call, start);
            c->func = e;
            if (parse_call_args(p, c, t, 1) < 0) {
                e = NULL;
                break;
            }
            e = FINISH(c);
        } else if (t->kind == TK_LSQB) {
            advance(p);
            AstSubscript *s = NEW(Subscript, start);
            s->value = e;
            s->slice = parse_slices(p);
            if (s->slice && !at(p, TK_RSQB)) {
                const AstNode *elem = s->slice;
                if (elem->kind == AST_Tuple && AST_AS(Tuple, elem)->elts.len)
                    elem = AST_AS(Tuple, elem)->elts.items[AST_AS(Tuple, elem)->elts.len - 1];
                fail_after_element(p, elem);
            }
            if (p->failed) {
                e = NULL;
                break;
            }
            advance(p);
            e = FINISH(s);
        } else {
            break;
        }
    }
    leave(p);
    return e;
}

/* await_primary: 'await' primary | primary */
static AstNode *expr_await_primary(Parser *p)
{
    if (at_kw(p, KW_AWAIT)) {
        const Token *t = advance(p);
        AstAwait *a = NEW(Await, t);
        a->value = expr_primary(p);
        if (!a->value) return NULL;
        return FINISH(a);
    }
    return expr_primary(p);
}

static AstNode *expr_factor(Parser *p);

/* power: await_primary '**' factor | await_primary */
static AstNode *expr_power(Parser *p)
{
    const Token *start = cur(p);
    AstNode *left = expr_await_primary(p);
    if (!left || !at(p, TK_DOUBLESTAR)) return left;
    if (!enter(p)) return NULL;
    advance(p);
    AstBinOp *b = NEW(BinOp, start);
    b->left = left;
    b->op = AST_POW;
    b->right = expr_factor(p);
    leave(p);
    if (!b->right) return NULL;
    return FINISH(b);
}

/* factor: '+' factor | '-' factor | '~' factor | power */
static AstNode *expr_factor(Parser *p)
{
    const Token *t = cur(p);
    int op;
    switch (t->kind) {
    case TK_PLUS: op = AST_UADD; break;
    case TK_MINUS: op = AST_USUB; break;
    case TK_TILDE: op = AST_INVERT; break;
    default:
        if (tok_is_kw(t, KW_NOT)) return fail_here(p, "'not' after an operator must be parenthesized");
        return expr_power(p);
    }
    if (!enter(p)) return NULL;
    advance(p);
    AstUnaryOp *u = NEW(UnaryOp, t);
    u->op = (uint8_t)op;
    u->operand = expr_factor(p);
    leave(p);
    if (!u->operand) return NULL;
    return FINISH(u);
}

/* Binary operators from '|' (1) to the multiplicative ones (6). */
static int binop_prec(int kind, int *op)
{
    switch (kind) {
    case TK_VBAR: *op = AST_BITOR; return 1;
    case TK_CIRCUMFLEX: *op = AST_BITXOR; return 2;
    case TK_AMPER: *op = AST_BITAND; return 3;
    case TK_LEFTSHIFT: *op = AST_LSHIFT; return 4;
    case TK_RIGHTSHIFT: *op = AST_RSHIFT; return 4;
    case TK_PLUS: *op = AST_ADD; return 5;
    case TK_MINUS: *op = AST_SUB; return 5;
    case TK_STAR: *op = AST_MULT; return 6;
    case TK_SLASH: *op = AST_DIV; return 6;
    case TK_DOUBLESLASH: *op = AST_FLOORDIV; return 6;
    case TK_PERCENT: *op = AST_MOD; return 6;
    case TK_AT: *op = AST_MATMULT; return 6;
    default: return 0;
    }
}

/* bitwise_or .. term, by precedence climbing; all left-associative. */
static AstNode *expr_binary(Parser *p, int min_prec)
{
    const Token *start = cur(p);
    AstNode *left = expr_factor(p);
    for (;;) {
        if (!left) return NULL;
        int op, prec = binop_prec(cur(p)->kind, &op);
        if (prec == 0 || prec < min_prec) return left;
        advance(p);
        AstNode *right = prec == 6 ? expr_factor(p) : expr_binary(p, prec + 1);
        if (!right) return NULL;
        AstBinOp *b = NEW(BinOp, start);
        b->left = left;
        b->op = (uint8_t)op;
        b->right = right;
        left = FINISH(b);
    }
}

static AstNode *expr_bitor(Parser *p)
{
    if (!enter(p)) return NULL;
    AstNode *e = expr_binary(p, 1);
    leave(p);
    return e;
}

/* The comparison operator at the cursor (consumed), or -1. */
static int accept_cmpop(Parser *p)
{
    const Token *t = cur(p);
    int op;
    switch (t->kind) {
    case TK_EQEQUAL: op = AST_EQ; break;
    case TK_NOTEQUAL: op = AST_NOTEQ; break;
    case TK_LESS: op = AST_LT; break;
    case TK_LESSEQUAL: op = AST_LTE; break;
    case TK_GREATER: op = AST_GT; break;
    case TK_GREATEREQUAL: op = AST_GTE; break;
    case TK_NAME:
        if (t->keyword == KW_IN) { op = AST_IN; break; }
        if (t->keyword == KW_NOT) {
            if (!tok_is_kw(peek(p, 1), KW_IN)) {
                /* CPython takes the 'not' and fails on what follows */
                advance(p);
                fail_syntax(p);
                return -2;
            }
            advance(p);
            op = AST_NOTIN;
            break;
        }
        if (t->keyword == KW_IS) {
            if (tok_is_kw(peek(p, 1), KW_NOT)) {
                advance(p);
                op = AST_ISNOT;
            } else {
                op = AST_IS;
            }
            break;
        }
        return -1;
    default: return -1;
    }
    advance(p);
    return op;
}

/* comparison: bitwise_or compare_op_bitwise_or_pair+ | bitwise_or */
static AstNode *expr_comparison(Parser *p)
{
    const Token *start = cur(p);
    AstNode *left = expr_bitor(p);
    if (!left) return NULL;
    int op = accept_cmpop(p);
    if (op == -2) return NULL;
    if (op < 0) return left;
    uint32_t base = seq_begin(p);
    while (op >= 0) {
        AstNode *right = expr_bitor(p);
        if (!right) return NULL;
        seq_push(p, (AstNode *)(uintptr_t)op);
        seq_push(p, right);
        op = accept_cmpop(p);
        if (op == -2) return NULL;
    }
    uint32_t n = (p->stk_len - base) / 2;
    AstCompare *c = NEW(Compare, start);
    c->left = left;
    c->ops.len = c->comparators.len = n;
    c->ops.items = ARENA_ARRAY(p->arena, uint8_t, n);
    c->comparators.items = ARENA_ARRAY(p->arena, AstNode *, n);
    for (uint32_t i = 0; i < n; i++) {
        c->ops.items[i] = (uint8_t)(uintptr_t)p->stk[base + 2 * i];
        c->comparators.items[i] = p->stk[base + 2 * i + 1];
    }
    p->stk_len = base;
    return FINISH(c);
}

/* inversion: 'not' inversion | comparison */
static AstNode *expr_inversion(Parser *p)
{
    if (!at_kw(p, KW_NOT)) return expr_comparison(p);
    if (!enter(p)) return NULL;
    const Token *t = advance(p);
    AstUnaryOp *u = NEW(UnaryOp, t);
    u->op = AST_NOT;
    u->operand = expr_inversion(p);
    leave(p);
    if (!u->operand) return NULL;
    return FINISH(u);
}

/* conjunction / disjunction: operand ('and'|'or' operand)+ */
static AstNode *expr_boolop(Parser *p, int kw)
{
    const Token *start = cur(p);
    AstNode *first = kw == KW_OR ? expr_boolop(p, KW_AND) : expr_inversion(p);
    if (!first || !at_kw(p, kw)) return first;
    uint32_t base = seq_begin(p);
    seq_push(p, first);
    while (accept_kw(p, kw)) {
        AstNode *e = kw == KW_OR ? expr_boolop(p, KW_AND) : expr_inversion(p);
        if (!e) return NULL;
        seq_push(p, e);
    }
    AstBoolOp *b = NEW(BoolOp, start);
    b->op = kw == KW_OR ? AST_OR : AST_AND;
    b->values = seq_end(p, base);
    return FINISH(b);
}

static AstNode *expr_disjunction(Parser *p) { return expr_boolop(p, KW_OR); }

/* expression: disjunction 'if' disjunction 'else' expression | disjunction
 *           | lambdef */
/* Tokens that can follow a complete expression and belong to no operator:
 * after a lone name or number one of these means the whole precedence
 * ladder can be skipped. */
static int tok_ends_operand(int kind)
{
    switch (kind) {
    case TK_COMMA: case TK_RPAR: case TK_RSQB: case TK_RBRACE: case TK_COLON: case TK_NEWLINE:
    case TK_EQUAL: case TK_SEMI:
        return 1;
    default:
        return 0;
    }
}

static AstNode *expr_expression(Parser *p)
{
    const Token *t = cur(p);
    if (tok_ends_operand(peek(p, 1)->kind)) {
        if (t->kind == TK_NAME && t->keyword == KW_NONE) {
            advance(p);
            return name_new(p, t);
        }
        if (t->kind == TK_NUMBER) return expr_number(p);
    }
    if (at_kw(p, KW_LAMBDA)) return expr_lambda(p);
    if (!enter(p)) return NULL;
    const Token *start = cur(p);
    AstNode *body = expr_disjunction(p);
    if (body && at_kw(p, KW_IF)) {
        advance(p);
        AstIfExp *e = NEW(IfExp, start);
        e->body = body;
        e->test = expr_disjunction(p);
        if (e->test && !at_kw(p, KW_ELSE)) {
            if (at(p, TK_COLON)) fail_syntax(p);
            else fail_node(p, body, "expected 'else' after 'if' expression");
        } else if (e->test) {
            advance(p);
            e->orelse = expr_expression(p);
        }
        body = e->orelse ? FINISH(e) : NULL;
    }
    leave(p);
    return body;
}

/* named_expression: NAME ':=' ~ expression | expression !':=' */
static AstNode *expr_named(Parser *p)
{
    const Token *t = cur(p);
    if (tok_is_name(t) && peek(p, 1)->kind == TK_COLONEQUAL) {
        advance(p);
        advance(p);
        AstNamedExpr *n = NEW(NamedExpr, t);
        AstNode *target = name_new(p, t);
        AST_AS(Name, target)->ctx = AST_STORE;
        n->target = target;
        n->value = expr_expression(p);
        if (!n->value) return NULL;
        return FINISH(n);
    }
    AstNode *e = expr_expression(p);
    if (e && at(p, TK_COLONEQUAL))
        return fail_at(p, e->lineno, e->col_offset, "cannot use assignment expressions with %s", expr_name(e));
    return e;
}

/* star_named_expression: '*' bitwise_or | named_expression */
static AstNode *expr_star_named(Parser *p)
{
    if (!at(p, TK_STAR)) return expr_named(p);
    const Token *t = advance(p);
    AstStarred *s = NEW(Starred, t);
    s->value = expr_bitor(p);
    if (!s->value) return NULL;
    return FINISH(s);
}

/* star_expression: '*' bitwise_or | expression */
static AstNode *expr_star_expression(Parser *p)
{
    if (!at(p, TK_STAR)) return expr_expression(p);
    const Token *t = advance(p);
    AstStarred *s = NEW(Starred, t);
    s->value = expr_bitor(p);
    if (!s->value) return NULL;
    return FINISH(s);
}

/* Tokens that may begin an expression: how a trailing comma is told from
 * a separating one. */
static int tok_starts_expr(const Token *t)
{
    switch (t->kind) {
    case TK_NAME:
        if (tok_is_name(t)) return 1;
        switch (t->keyword) {
        case KW_TRUE: case KW_FALSE: case KW_NONE_: case KW_NOT: case KW_LAMBDA: case KW_AWAIT:
            return 1;
        default:
            return 0;
        }
    case TK_NUMBER: case TK_STRING: case TK_FSTRING_START: case TK_LPAR: case TK_LSQB:
    case TK_LBRACE: case TK_MINUS: case TK_PLUS: case TK_TILDE: case TK_STAR:
    case TK_ELLIPSIS:
        return 1;
    default:
        return 0;
    }
}

static int at_comprehension(Parser *p)
{
    return at_kw(p, KW_FOR) || (at_kw(p, KW_ASYNC) && tok_is_kw(peek(p, 1), KW_FOR));
}

/* star_expressions: star_expression (',' star_expression)* [','] */
static AstNode *expr_star_expressions(Parser *p)
{
    const Token *start = cur(p);
    AstNode *first = expr_star_expression(p);
    if (!first || !at(p, TK_COMMA)) return first;
    uint32_t base = seq_begin(p);
    seq_push(p, first);
    while (accept(p, TK_COMMA)) {
        if (!tok_starts_expr(cur(p))) break;
        AstNode *e = expr_star_expression(p);
        if (!e) return NULL;
        seq_push(p, e);
    }
    AstTuple *t = NEW(Tuple, start);
    t->elts = seq_end(p, base);
    return FINISH(t);
}

/* yield_expr: 'yield' 'from' expression | 'yield' [star_expressions] */
static AstNode *expr_yield(Parser *p)
{
    const Token *t = advance(p);
    if (accept_kw(p, KW_FROM)) {
        AstYieldFrom *y = NEW(YieldFrom, t);
        y->value = expr_expression(p);
        if (!y->value) return NULL;
        return FINISH(y);
    }
    AstYield *y = NEW(Yield, t);
    if (tok_starts_expr(cur(p))) {
        y->value = expr_star_expressions(p);
        if (!y->value) return NULL;
    }
    return FINISH(y);
}

/* annotated_rhs: yield_expr | star_expressions */
static AstNode *expr_annotated_rhs(Parser *p)
{
    if (at_kw(p, KW_YIELD)) return expr_yield(p);
    return expr_star_expressions(p);
}

/* lambdef: 'lambda' [lambda_params] ':' expression */
static AstNode *expr_lambda(Parser *p)
{
    if (!enter(p)) return NULL;
    const Token *t = advance(p);
    AstLambda *l = NEW(Lambda, t);
    l->args = parse_params(p, 1);
    if (l->args && expect(p, TK_COLON, "expected ':'")) l->body = expr_expression(p);
    leave(p);
    if (!l->body) return NULL;
    return FINISH(l);
}

/* for_if_clauses: ('async'? 'for' star_targets 'in' ~ disjunction
 *                 ('if' disjunction)*)+ */
static AstSeq parse_comprehensions(Parser *p)
{
    AstSeq none = {NULL, 0};
    uint32_t base = seq_begin(p);
    while (at_kw(p, KW_FOR) || (at_kw(p, KW_ASYNC) && tok_is_kw(peek(p, 1), KW_FOR))) {
        Astcomprehension *c = NEW(comprehension, NULL);
        if (accept_kw(p, KW_ASYNC)) c->is_async = 1;
        advance(p);
        c->target = parse_star_targets_unchecked(p);
        if (!c->target) return none;
        if (!at_kw(p, KW_IN)) {
            fail_here(p, "'in' expected after for-loop variables");
            return none;
        }
        if (make_target(p, c->target, AST_STORE) < 0) return none;
        advance(p);
        c->iter = expr_disjunction(p);
        if (!c->iter) return none;
        uint32_t ibase = p->stk_len;
        /* ifs go on the stack above this clause; collect them, then move */
        while (accept_kw(p, KW_IF)) {
            AstNode *cond = expr_disjunction(p);
            if (!cond) return none;
            seq_push(p, cond);
        }
        c->ifs = seq_end(p, ibase);
        seq_push(p, &c->base);
    }
    return seq_end(p, base);
}

/* ---- targets ------------------------------------------------------------ */

/* star_target: '*' (!'*' star_target) | target_with_star_atom. Parsed as
 * a primary and checked by the caller. */
static AstNode *parse_star_target(Parser *p)
{
    if (!at(p, TK_STAR)) return expr_bitor(p);
    if (!enter(p)) return NULL;
    const Token *t = advance(p);
    AstStarred *s = NEW(Starred, t);
    if (at(p, TK_STAR)) {
        leave(p);
        return fail_syntax(p);
    }
    s->value = parse_star_target(p);
    leave(p);
    if (!s->value) return NULL;
    return FINISH(s);
}

/* star_targets: star_target !',' | star_target (',' star_target)* [','],
 * not yet checked. */
static AstNode *parse_star_targets_unchecked(Parser *p)
{
    const Token *start = cur(p);
    AstNode *first = parse_star_target(p);
    if (!first) return NULL;
    AstNode *result = first;
    if (at(p, TK_COMMA)) {
        uint32_t base = seq_begin(p);
        seq_push(p, first);
        while (accept(p, TK_COMMA)) {
            if (!tok_starts_expr(cur(p))) break;
            AstNode *e = parse_star_target(p);
            if (!e) return NULL;
            seq_push(p, e);
        }
        AstTuple *t = NEW(Tuple, start);
        t->elts = seq_end(p, base);
        result = FINISH(t);
    }
    return result;
}

/* star_targets, checked and given Store context. */
static AstNode *parse_star_targets(Parser *p)
{
    AstNode *result = parse_star_targets_unchecked(p);
    if (!result || make_target(p, result, AST_STORE) < 0) return NULL;
    return result;
}

/* ---- strings ------------------------------------------------------------ */

/* Concatenates the Constant nodes p->stk[from..to) into one that starts
 * where the first starts, ends where the last ends and has the first's
 * kind. */
static AstNode *const_merge(Parser *p, uint32_t from, uint32_t to)
{
    if (to - from == 1) return p->stk[from];
    size_t total = 0;
    for (uint32_t i = from; i < to; i++) total += AST_AS(Constant, p->stk[i])->value.text.len;
    char *buf = arena_alloc(p->arena, total + 1);
    size_t off = 0;
    for (uint32_t i = from; i < to; i++) {
        const AstStr *s = &AST_AS(Constant, p->stk[i])->value.text;
        if (s->len) memcpy(buf + off, s->s, s->len);
        off += s->len;
    }
    buf[off] = '\0';
    AstConstant *first = AST_AS(Constant, p->stk[from]);
    AstConstant *c = NEW(Constant, NULL);
    c->value.kind = first->value.kind;
    c->value.text.s = buf;
    c->value.text.len = (uint32_t)off;
    c->kind = first->kind;
    node_start_at(&c->base, &first->base);
    node_end_at(&c->base, p->stk[to - 1]);
    return &c->base;
}

/* Replaces the parts p->stk[base..] by their CPython form: adjacent
 * constants merged, empty constants dropped; returns the list. */
static AstSeq fstring_values(Parser *p, uint32_t base)
{
    uint32_t out = base, i = base, n = p->stk_len;
    while (i < n) {
        AstNode *e = p->stk[i];
        if (e->kind == AST_Constant) {
            uint32_t j = i;
            while (j < n && p->stk[j]->kind == AST_Constant) j++;
            e = const_merge(p, i, j);
            i = j;
            if (AST_AS(Constant, e)->value.text.len == 0) continue;
        } else {
            i++;
        }
        p->stk[out++] = e;
    }
    p->stk_len = out;
    return seq_end(p, base);
}

static int fstring_parts(Parser *p, int raw, int in_spec);

/* The lexer cuts "{{" and "}}" after the first brace and skips the second;
 * CPython's constant still ends after the second. */
static void fstring_middle_fix_end(Parser *p, const Token *t, AstNode *c)
{
    if (t->end <= t->start || t->end >= p->len) return;
    char b = p->src[t->end - 1];
    if ((b != '{' && b != '}') || p->src[t->end] != b) return;
    uint32_t run = 0;
    for (uint32_t i = t->end; i > t->start && p->src[i - 1] == b; i--) run++;
    if (run % 2 == 1) c->end_col_offset++;
}

/* The text of an f-string's "{expr=" for the debug form: the source from
 * after the brace up to the next token, comments left out as CPython
 * does. A '#' outside every token of the span starts a comment. */
static AstStr debug_text(Parser *p, const Token *open, const Token *next)
{
    AstStr s = {p->src + open->end, next->start - open->end};
    if (!memchr(s.s, '#', s.len)) return s;
    char *buf = arena_alloc(p->arena, s.len + 1);
    uint32_t n = 0, i = open->end;
    const Token *t = open + 1;
    while (i < next->start) {
        while (t < next && t->end <= i) t++;
        if (t < next && i >= t->start) {
            buf[n++] = p->src[i++];
        } else if (p->src[i] == '#') {
            while (i < next->start && p->src[i] != '\n' && p->src[i] != '\r') i++;
        } else {
            buf[n++] = p->src[i++];
        }
    }
    buf[n] = '\0';
    s.s = buf;
    s.len = n;
    return s;
}

/* fstring_replacement_field:
 *   '{' annotated_rhs '='? ['!' NAME] [':' fstring_format_spec*] '}'
 * Pushes the debug text Constant (for '=') and the FormattedValue. */
static int fstring_field_body(Parser *p, int raw)
{
    if (!enter(p)) return -1;
    const Token *open = advance(p);
    if (at(p, TK_RBRACE) || at(p, TK_EXCLAMATION) || at(p, TK_COLON) || at(p, TK_EQUAL)) {
        leave(p);
        fail_at(p, cur(p)->lineno, cur(p)->col, "f-string: valid expression required before '%s'",
                token_kind_spelling((TokenKind)cur(p)->kind));
        return -1;
    }
    if (!tok_starts_expr(cur(p)) && !at_kw(p, KW_YIELD)) {
        leave(p);
        fail_here(p, "f-string: expecting a valid expression after '{'");
        return -1;
    }
    if (at_kw(p, KW_LAMBDA)) {
        leave(p);
        fail_here(p, "f-string: lambda expressions are not allowed without parentheses");
        return -1;
    }
    AstNode *value = expr_annotated_rhs(p);
    if (!value) {
        leave(p);
        return -1;
    }
    AstFormattedValue *fv = NEW(FormattedValue, open);
    fv->value = value;
    fv->conversion = -1;
    int debug = 0;
    if (at(p, TK_EQUAL)) {
        advance(p);
        debug = 1;
        const Token *next = cur(p);
        AstConstant *c = NEW(Constant, NULL);
        c->base.lineno = open->end_lineno;
        c->base.col_offset = open->end_col;
        c->base.end_lineno = next->lineno;
        c->base.end_col_offset = next->col;
        c->value.kind = CONST_STR;
        c->value.text = debug_text(p, open, next);
        seq_push(p, &c->base);
    }
    if (!at(p, TK_EQUAL) && !at(p, TK_EXCLAMATION) && !at(p, TK_COLON) && !at(p, TK_RBRACE)) {
        leave(p);
        if (tok_starts_expr(cur(p)) && !at(p, TK_STAR) && !at(p, TK_MINUS) && !at(p, TK_PLUS) && !at(p, TK_TILDE)) {
            fail_node(p, value, "invalid syntax. Perhaps you forgot a comma?");
        } else if (!at(p, TK_FSTRING_END) && !at(p, TK_ENDMARKER)) {
            fail_here(p, "f-string: expecting '=', or '!', or ':', or '}'");
        } else {
            fail_here(p, "f-string: expecting '}'");
        }
        return -1;
    }
    if (debug && !at(p, TK_EXCLAMATION) && !at(p, TK_COLON) && !at(p, TK_RBRACE)) {
        leave(p);
        fail_here(p, "f-string: expecting '!', or ':', or '}'");
        return -1;
    }
    if (at(p, TK_EXCLAMATION)) {
        const Token *bang = advance(p);
        const Token *nt = cur(p);
        if (nt->kind == TK_COLON || nt->kind == TK_RBRACE) {
            leave(p);
            fail_here(p, "f-string: missing conversion character");
            return -1;
        }
        if (nt->kind != TK_NAME) {
            leave(p);
            fail_here(p, "f-string: invalid conversion character");
            return -1;
        }
        if (nt->start != bang->end) {
            leave(p);
            fail_tok(p, nt, "f-string: conversion type must come right after the exclamanation mark");
            return -1;
        }
        uint32_t len = nt->end - nt->start;
        char ch = p->src[nt->start];
        if (len != 1 || (ch != 's' && ch != 'r' && ch != 'a')) {
            leave(p);
            fail_at(p, nt->lineno, nt->col, "f-string: invalid conversion character '%.*s': expected 's', 'r', or 'a'",
                    (int)len, p->src + nt->start);
            return -1;
        }
        advance(p);
        fv->conversion = ch;
        if (!at(p, TK_COLON) && !at(p, TK_RBRACE)) {
            leave(p);
            fail_here(p, "f-string: expecting ':' or '}'");
            return -1;
        }
    }
    if (at(p, TK_COLON)) {
        const Token *colon = advance(p);
        uint32_t base = seq_begin(p);
        if (fstring_parts(p, raw, 1) < 0) {
            leave(p);
            return -1;
        }
        AstJoinedStr *spec = NEW(JoinedStr, colon);
        spec->values = fstring_values(p, base);
        fv->format_spec = FINISH(spec);
    } else if (debug && fv->conversion == -1) {
        fv->conversion = 'r';
    }
    leave(p);
    if (!at(p, TK_RBRACE)) {
        fail_here(p, at(p, TK_FSTRING_END) || at(p, TK_NEWLINE) || at(p, TK_ENDMARKER)
                         ? "f-string: expecting '}'" : "f-string: expecting '}'");
        return -1;
    }
    advance(p);
    seq_push(p, FINISH(fv));
    return 0;
}

static int fstring_field(Parser *p, int raw)
{
    p->in_fstring++;
    int rc = fstring_field_body(p, raw);
    p->in_fstring--;
    return rc;
}

/* FSTRING_MIDDLE and replacement fields up to FSTRING_END (or, in a
 * format spec, up to the closing '}'), pushed on the stack. */
static int fstring_parts(Parser *p, int raw, int in_spec)
{
    for (;;) {
        const Token *t = cur(p);
        if (t->kind == TK_FSTRING_MIDDLE) {
            AstConstant *c = NEW(Constant, t);
            char msg[256];
            if (literal_decode_fstring_middle(p->arena, p->src + t->start, t->end - t->start, raw, &c->value,
                                              msg, sizeof msg) < 0) {
                fail_tok(p, t, msg);
                return -1;
            }
            advance(p);
            FINISH(c);
            fstring_middle_fix_end(p, t, &c->base);
            if (c->value.text.len) seq_push(p, &c->base);
        } else if (t->kind == TK_LBRACE) {
            if (fstring_field(p, raw) < 0) return -1;
        } else if (in_spec ? t->kind == TK_RBRACE : t->kind == TK_FSTRING_END) {
            return 0;
        } else {
            fail_here(p, in_spec ? "f-string: expecting '}'" : "f-string: expecting '}'");
            return -1;
        }
    }
}

/* strings: (fstring | STRING)+, concatenated the way CPython does:
 * plain strings (or bytes) fold into one Constant; with an f-string among
 * them the result is a JoinedStr of merged constants and FormattedValues. */
static AstNode *expr_strings(Parser *p)
{
    if (!enter(p)) return NULL;
    const Token *start = cur(p);
    uint32_t base = seq_begin(p);
    int has_fstring = 0, bytes = -1, mixed = 0;
    for (;;) {
        const Token *t = cur(p);
        if (t->kind == TK_STRING) {
            AstConstant *c = NEW(Constant, t);
            char msg[256];
            int is_u = 0;
            if (literal_decode_string(p->arena, p->src + t->start, t->end - t->start, &c->value, &is_u,
                                      msg, sizeof msg) < 0) {
                leave(p);
                return fail_tok(p, t, msg);
            }
            /* CPython marks kind='u' for a lowercase prefix only */
            if (is_u && p->src[t->start] == 'u') c->kind = str_lit("u");
            int is_bytes = c->value.kind == CONST_BYTES;
            if (bytes >= 0 && bytes != is_bytes) mixed = 1;
            bytes = is_bytes;
            advance(p);
            seq_push(p, FINISH(c));
        } else if (t->kind == TK_FSTRING_START) {
            if (bytes == 1) mixed = 1;
            bytes = 0;
            has_fstring = 1;
            int raw = 0;
            for (uint32_t i = t->start; i < t->end; i++)
                if (p->src[i] == 'r' || p->src[i] == 'R') raw = 1;
            advance(p);
            if (fstring_parts(p, raw, 0) < 0) {
                leave(p);
                return NULL;
            }
            advance(p); /* FSTRING_END */
        } else {
            break;
        }
    }
    leave(p);
    /* CPython reports this at the token after the strings */
    if (mixed) return fail_tok(p, cur(p), "cannot mix bytes and nonbytes literals");
    if (!has_fstring) {
        AstNode *c = const_merge(p, base, p->stk_len);
        p->stk_len = base;
        return c;
    }
    /* empty plain strings still stretch a neighbouring constant, so the
     * STRING constants pass through the merge with their text */
    AstJoinedStr *j = NEW(JoinedStr, start);
    j->values = fstring_values(p, base);
    return FINISH(j);
}

/* ---- parameters ------------------------------------------------------------ */


/* One parameter name with its annotation (not for lambdas). star allows
 * `*args: *Ts`. */
static AstNode *parse_param(Parser *p, int is_lambda, int star)
{
    const Token *t = cur(p);
    if (t->kind == TK_LPAR)
        return fail_here(p, is_lambda ? "Lambda expression parameters cannot be parenthesized"
                                      : "Function parameters cannot be parenthesized");
    if (!tok_is_name(t)) return fail_syntax(p);
    advance(p);
    Astarg *a = NEW(arg, t);
    a->arg = tok_ident(p, t);
    if (!is_lambda && accept(p, TK_COLON)) {
        a->annotation = star ? expr_star_expression(p) : expr_expression(p);
        if (!a->annotation) return NULL;
    }
    return FINISH(a);
}

/* params / lambda_params: the whole parameter list up to ')' or ':' (not
 * consumed). */
static AstNode *parse_params(Parser *p, int is_lambda)
{
    int end = is_lambda ? TK_COLON : TK_RPAR;
    Astarguments *args = NEW(arguments, NULL);
    NodeVec pos = {0}, defaults = {0}, kwonly = {0}, kwdefaults = {0};
    int seen_slash = 0, seen_star = 0;
    while (!at(p, end) && !p->failed) {
        const Token *t = cur(p);
        if (t->kind == TK_SLASH) {
            if (seen_slash) return fail_tok(p, t, "/ may appear only once");
            if (seen_star) return fail_tok(p, t, "/ must be ahead of *");
            if (pos.len == 0) return fail_tok(p, t, "at least one argument must precede /");
            advance(p);
            seen_slash = 1;
            if (at(p, TK_STAR)) return fail_here(p, "expected comma between / and *");
            args->posonlyargs = vec_seq(&pos);
            memset(&pos, 0, sizeof pos);
        } else if (t->kind == TK_STAR) {
            if (seen_star) return fail_tok(p, t, "* argument may appear only once");
            advance(p);
            seen_star = 1;
            if (at(p, TK_COMMA) || at(p, end)) {
                const Token *after = at(p, TK_COMMA) ? peek(p, 1) : cur(p);
                if (after->kind == end || after->kind == TK_DOUBLESTAR)
                    return fail_tok(p, is_lambda && at(p, end) ? cur(p) : t, "named arguments must follow bare *");
            } else {
                args->vararg = parse_param(p, is_lambda, 1);
                if (!args->vararg) return NULL;
                if (at(p, TK_EQUAL)) return fail_here(p, "var-positional argument cannot have default value");
            }
        } else if (t->kind == TK_DOUBLESTAR) {
            advance(p);
            args->kwarg = parse_param(p, is_lambda, 0);
            if (!args->kwarg) return NULL;
            if (at(p, TK_EQUAL)) return fail_here(p, "var-keyword argument cannot have default value");
            accept(p, TK_COMMA);
            if (!at(p, end)) {
                if (tok_is_name(cur(p)) || at(p, TK_STAR) || at(p, TK_DOUBLESTAR) || at(p, TK_SLASH))
                    return fail_here(p, "arguments cannot follow var-keyword argument");
                return fail_syntax(p);
            }
            break;
        } else {
            AstNode *a = parse_param(p, is_lambda, 0);
            if (!a) return NULL;
            AstNode *def = NULL;
            if (at(p, TK_EQUAL)) {
                const Token *eq = advance(p);
                if (at(p, TK_COMMA) || at(p, end)) return fail_tok(p, eq, "expected default value expression");
                def = expr_expression(p);
                if (!def) return NULL;
            }
            if (seen_star) {
                vec_push(p, &kwonly, a);
                vec_push(p, &kwdefaults, def);
            } else {
                if (def) vec_push(p, &defaults, def);
                else if (defaults.len) return fail_node(p, a, "parameter without a default follows parameter with a default");
                vec_push(p, &pos, a);
            }
        }
        if (!accept(p, TK_COMMA)) break;
    }
    if (p->failed) return NULL;
    if (!at(p, end)) {
        if (!is_lambda && at(p, TK_COLON)) return fail_syntax(p);
        return fail_syntax(p);
    }
    args->args = vec_seq(&pos);
    args->defaults = vec_seq(&defaults);
    args->kwonlyargs = vec_seq(&kwonly);
    args->kw_defaults = vec_seq(&kwdefaults);
    return &args->base;
}

/* type_params: '[' ','.type_param+ [','] ']' */
static AstSeq parse_type_params(Parser *p)
{
    AstSeq none = {NULL, 0};
    const Token *open = advance(p);
    uint32_t base = seq_begin(p);
    while (!at(p, TK_RSQB)) {
        const Token *t = cur(p);
        int kind = AST_TypeVar;
        if (accept(p, TK_STAR)) kind = AST_TypeVarTuple;
        else if (accept(p, TK_DOUBLESTAR)) kind = AST_ParamSpec;
        const Token *nt = cur(p);
        if (!tok_is_name(nt)) {
            fail_syntax(p);
            return none;
        }
        advance(p);
        AstNode *n = node_new(p, (AstKind)kind, t);
        AstNode *bound = NULL, *def = NULL;
        if (at(p, TK_COLON)) {
            const Token *colon = advance(p);
            bound = expr_expression(p);
            if (!bound) return none;
            if (kind != AST_TypeVar) {
                const char *what = bound->kind == AST_Tuple ? "constraints" : "bound";
                fail_at(p, colon->lineno, colon->col, "cannot use %s with %s", what,
                        kind == AST_TypeVarTuple ? "TypeVarTuple" : "ParamSpec");
                return none;
            }
        }
        if (accept(p, TK_EQUAL)) {
            def = kind == AST_TypeVarTuple ? expr_star_expression(p) : expr_expression(p);
            if (!def) return none;
        }
        switch (kind) {
        case AST_TypeVar:
            AST_AS(TypeVar, n)->name = tok_ident(p, nt);
            AST_AS(TypeVar, n)->bound = bound;
            AST_AS(TypeVar, n)->default_value = def;
            break;
        case AST_TypeVarTuple:
            AST_AS(TypeVarTuple, n)->name = tok_ident(p, nt);
            AST_AS(TypeVarTuple, n)->default_value = def;
            break;
        default:
            AST_AS(ParamSpec, n)->name = tok_ident(p, nt);
            AST_AS(ParamSpec, n)->default_value = def;
            break;
        }
        seq_push(p, FINISH(n));
        if (!accept(p, TK_COMMA)) break;
    }
    if (!at(p, TK_RSQB)) {
        fail_syntax(p);
        return none;
    }
    const Token *close = advance(p);
    AstSeq s = seq_end(p, base);
    if (s.len == 0) fail_tok(p, close, "Type parameter list cannot be empty");
    (void)open;
    return s;
}

/* ---- simple statements ---------------------------------------------------- */

static int parse_statement(Parser *p);
static AstSeq parse_block(Parser *p, const char *what, const Token *kw);

/* A compound statement ends where its last token does, NEWLINE, INDENT
 * and DEDENT not counted (so a trailing ';' is included, as in CPython). */
static void stmt_finish(Parser *p, AstNode *n)
{
    uint32_t i = p->pos;
    while (i > 0) {
        int kind = tok_at(p, i - 1)->kind;
        if (kind != TK_NEWLINE && kind != TK_INDENT && kind != TK_DEDENT) break;
        i--;
    }
    const Token *t = tok_at(p, i ? i - 1 : 0);
    n->end_lineno = t->end_lineno;
    n->end_col_offset = t->end_col;
}

/* dotted_name: dotted_name '.' NAME | NAME, as one identifier string. */
static int parse_dotted_name(Parser *p, AstStr *out)
{
    const Token *t = cur(p);
    if (!tok_is_name(t)) {
        fail_syntax(p);
        return -1;
    }
    advance(p);
    AstStr name = tok_ident(p, t);
    while (at(p, TK_DOT)) {
        advance(p);
        const Token *nt = cur(p);
        if (!tok_is_name(nt)) {
            fail_syntax(p);
            return -1;
        }
        advance(p);
        AstStr part = tok_ident(p, nt);
        char *buf = arena_alloc(p->arena, name.len + part.len + 2);
        memcpy(buf, name.s, name.len);
        buf[name.len] = '.';
        memcpy(buf + name.len + 1, part.s, part.len);
        buf[name.len + 1 + part.len] = '\0';
        name.s = buf;
        name.len += part.len + 1;
    }
    *out = name;
    return 0;
}

/* dotted_as_name / import_from_as_name: NAME... ['as' NAME] */
static AstNode *parse_alias(Parser *p, int dotted)
{
    const Token *t = cur(p);
    Astalias *a = NEW(alias, t);
    if (dotted) {
        if (parse_dotted_name(p, &a->name) < 0) return NULL;
    } else {
        if (!tok_is_name(t)) return fail_syntax(p);
        advance(p);
        a->name = tok_ident(p, t);
    }
    if (accept_kw(p, KW_AS)) {
        const Token *nt = cur(p);
        if (!tok_is_name(nt)) return fail_syntax(p);
        advance(p);
        a->asname = tok_ident(p, nt);
    }
    return FINISH(a);
}

/* import_name: 'import' dotted_as_names */
static AstNode *stmt_import(Parser *p)
{
    const Token *t = advance(p);
    if (at(p, TK_NEWLINE)) return fail_here(p, "Expected one or more names after 'import'");
    AstImport *s = NEW(Import, t);
    uint32_t base = seq_begin(p);
    do {
        AstNode *a = parse_alias(p, 1);
        if (!a) return NULL;
        seq_push(p, a);
    } while (accept(p, TK_COMMA));
    if (at_kw(p, KW_FROM)) return fail_tok(p, t, "Did you mean to use 'from ... import ...' instead?");
    s->names = seq_end(p, base);
    return FINISH(s);
}

/* import_from: 'from' ('.' | '...')* dotted_name 'import' targets
 *            | 'from' ('.' | '...')+ 'import' targets */
static AstNode *stmt_import_from(Parser *p)
{
    const Token *t = advance(p);
    AstImportFrom *s = NEW(ImportFrom, t);
    int level = 0;
    for (;;) {
        if (accept(p, TK_DOT)) level++;
        else if (accept(p, TK_ELLIPSIS)) level += 3;
        else break;
    }
    if (!at_kw(p, KW_IMPORT) || level == 0) {
        if (parse_dotted_name(p, &s->module) < 0) return NULL;
    }
    s->level = level;
    if (!at_kw(p, KW_IMPORT)) return fail_here(p, "invalid syntax");
    advance(p);
    uint32_t base = seq_begin(p);
    if (at(p, TK_STAR)) {
        const Token *star = advance(p);
        Astalias *a = NEW(alias, star);
        a->name = str_lit("*");
        seq_push(p, FINISH(a));
    } else {
        int paren = accept(p, TK_LPAR);
        if (!paren && at(p, TK_NEWLINE)) return fail_here(p, "Expected one or more names after 'import'");
        do {
            if (paren && at(p, TK_RPAR)) break;
            if (!paren && at(p, TK_NEWLINE) && last(p)->kind == TK_COMMA)
                return fail_here(p, "trailing comma not allowed without surrounding parentheses");
            AstNode *a = parse_alias(p, 0);
            if (!a) return NULL;
            seq_push(p, a);
        } while (accept(p, TK_COMMA));
        if (paren) {
            if (!expect(p, TK_RPAR, "invalid syntax")) return NULL;
        } else if (last(p)->kind == TK_COMMA) {
            return fail_tok(p, last(p), "trailing comma not allowed without surrounding parentheses");
        }
    }
    s->names = seq_end(p, base);
    return FINISH(s);
}

/* global_stmt / nonlocal_stmt: ('global' | 'nonlocal') ','.NAME+ */
static AstNode *stmt_global(Parser *p, int nonlocal)
{
    const Token *t = advance(p);
    AstNode *s = node_new(p, nonlocal ? AST_Nonlocal : AST_Global, t);
    uint32_t base = p->sstk_len;
    do {
        const Token *nt = cur(p);
        if (!tok_is_name(nt)) return fail_syntax(p);
        advance(p);
        sseq_push(p, tok_ident(p, nt));
    } while (accept(p, TK_COMMA));
    AstStrSeq names = sseq_end(p, base);
    if (nonlocal) AST_AS(Nonlocal, s)->names = names;
    else AST_AS(Global, s)->names = names;
    return FINISH(s);
}

/* del_stmt: 'del' del_targets &(';' | NEWLINE) */
static AstNode *stmt_del(Parser *p)
{
    const Token *t = advance(p);
    AstDelete *s = NEW(Delete, t);
    uint32_t base = seq_begin(p);
    do {
        if (!tok_starts_expr(cur(p))) break;
        AstNode *e = expr_star_expression(p);
        if (!e) return NULL;
        if (make_target(p, e, AST_DEL) < 0) return NULL;
        seq_push(p, e);
    } while (accept(p, TK_COMMA));
    if (p->stk_len == base) return fail_syntax(p);
    if (!at(p, TK_NEWLINE) && !at(p, TK_SEMI)) return fail_syntax(p);
    s->targets = seq_end(p, base);
    return FINISH(s);
}

static int augassign_op(int kind)
{
    switch (kind) {
    case TK_PLUSEQUAL: return AST_ADD;
    case TK_MINEQUAL: return AST_SUB;
    case TK_STAREQUAL: return AST_MULT;
    case TK_ATEQUAL: return AST_MATMULT;
    case TK_SLASHEQUAL: return AST_DIV;
    case TK_PERCENTEQUAL: return AST_MOD;
    case TK_AMPEREQUAL: return AST_BITAND;
    case TK_VBAREQUAL: return AST_BITOR;
    case TK_CIRCUMFLEXEQUAL: return AST_BITXOR;
    case TK_LEFTSHIFTEQUAL: return AST_LSHIFT;
    case TK_RIGHTSHIFTEQUAL: return AST_RSHIFT;
    case TK_DOUBLESTAREQUAL: return AST_POW;
    case TK_DOUBLESLASHEQUAL: return AST_FLOORDIV;
    default: return -1;
    }
}

/* Tokens that can begin a bitwise_or operand. */
static int tok_starts_operand(const Token *t)
{
    if (t->kind == TK_STAR || tok_is_kw(t, KW_NOT) || tok_is_kw(t, KW_LAMBDA)) return 0;
    return tok_starts_expr(t);
}

/* Kinds CPython's invalid_named_expression can name as "cannot assign to
 * X here. Maybe you meant '==' instead of '='?": bitwise_or level
 * expressions other than displays and the singletons. */
static int hint_equality(const AstNode *e)
{
    switch (e->kind) {
    case AST_Compare: case AST_BoolOp: case AST_IfExp: case AST_Lambda: case AST_NamedExpr:
    case AST_Starred: case AST_Yield: case AST_YieldFrom: case AST_List: case AST_Tuple:
    case AST_GeneratorExp:
        return 0;
    case AST_UnaryOp: return AST_AS(UnaryOp, e)->op != AST_NOT;
    case AST_Constant: return AST_AS(Constant, e)->value.kind > CONST_FALSE;
    default: return 1;
    }
}

/* Checks one assignment target and gives it Store context. last is set
 * for the target right before the value (only there does CPython's '=='
 * hint apply, and only to a sub-target that ends where the target ends). */
static int assign_target(Parser *p, AstNode *e, int last_target)
{
    if (e->kind == AST_Yield || e->kind == AST_YieldFrom) {
        fail_node(p, e, "assignment to yield expression not possible");
        return -1;
    }
    const AstNode *bad = invalid_target(e, AST_STORE);
    if (!bad) {
        set_context(e, AST_STORE);
        return 0;
    }
    if (last_target && hint_equality(bad) && bad->end_lineno == e->end_lineno &&
        bad->end_col_offset == e->end_col_offset) {
        fail_at(p, bad->lineno, bad->col_offset, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                expr_name(bad));
        return -1;
    }
    if (bad->kind == AST_Starred && bad == e) {
        fail_node(p, bad, "starred assignment target must be in a list or tuple");
        return -1;
    }
    fail_at(p, bad->lineno, bad->col_offset, "cannot assign to %s", expr_name(bad));
    return -1;
}

/* assignment | star_expressions: the expression statement and every kind
 * of assignment, told apart by the token after the first expression. */
static AstNode *stmt_expression(Parser *p)
{
    const Token *start = cur(p);
    AstNode *first = expr_annotated_rhs(p);
    if (!first) return NULL;
    const Token *t = cur(p);
    uint32_t n0 = start->end - start->start;
    if (first->kind == AST_Name && tok_starts_expr(t) &&
        ((n0 == 5 && memcmp(p->src + start->start, "print", 5) == 0) ||
         (n0 == 4 && memcmp(p->src + start->start, "exec", 4) == 0))) {
        /* invalid_legacy_expression */
        AstStr id = AST_AS(Name, first)->id;
        return fail_at(p, first->lineno, first->col_offset,
                       "Missing parentheses in call to '%.*s'. Did you mean %.*s(...)?", (int)id.len, id.s,
                       (int)id.len, id.s);
    }
    if (t->kind == TK_COLON) {
        if (!tok_starts_expr(peek(p, 1)) || peek(p, 1)->kind == TK_STAR) {
            /* no annotation: CPython only gets past the ':' after a target
             * it could annotate */
            if (first->kind == AST_Name || first->kind == AST_Attribute || first->kind == AST_Subscript)
                advance(p);
            return fail_syntax(p);
        }
        advance(p);
        if (first->kind == AST_Tuple)
            return fail_node(p, first, "only single target (not tuple) can be annotated");
        if (first->kind == AST_List)
            return fail_node(p, first, "only single target (not list) can be annotated");
        if (first->kind != AST_Name && first->kind != AST_Attribute && first->kind != AST_Subscript)
            return fail_node(p, first, "illegal target for annotation");
        set_context(first, AST_STORE);
        AstAnnAssign *s = NEW(AnnAssign, start);
        s->target = first;
        s->simple = first->kind == AST_Name && start->kind != TK_LPAR;
        s->annotation = expr_expression(p);
        if (!s->annotation) return NULL;
        if (accept(p, TK_EQUAL)) {
            s->value = expr_annotated_rhs(p);
            if (!s->value) return NULL;
        }
        return FINISH(s);
    }
    int op = augassign_op(t->kind);
    if (op >= 0) {
        if (first->kind != AST_Name && first->kind != AST_Attribute && first->kind != AST_Subscript)
            return fail_at(p, first->lineno, first->col_offset,
                           "'%s' is an illegal expression for augmented assignment", expr_name(first));
        advance(p);
        set_context(first, AST_STORE);
        AstAugAssign *s = NEW(AugAssign, start);
        s->target = first;
        s->op = (uint8_t)op;
        s->value = expr_annotated_rhs(p);
        if (!s->value) return NULL;
        return FINISH(s);
    }
    if (t->kind != TK_EQUAL) {
        AstExpr *s = NEW(Expr, start);
        s->value = first;
        return FINISH(s);
    }
    uint32_t base = seq_begin(p);
    AstNode *value = first;
    while (accept(p, TK_EQUAL)) {
        seq_push(p, value);
        const Token *after = cur(p);
        AstNode *next = expr_annotated_rhs(p);
        if (value->kind == AST_Yield || value->kind == AST_YieldFrom || invalid_target(value, AST_STORE)) {
            /* a bad target is reported whatever follows the '=', with the
             * '==' hint when a lone operand follows (invalid_named_expression) */
            int hint = tok_starts_operand(after) && (!next || !at(p, TK_EQUAL));
            int paren_yield = (value->kind == AST_Yield || value->kind == AST_YieldFrom) && value == first &&
                              start->kind == TK_LPAR;
            p->failed = 0;
            p->final = 0;
            error_clear(p->err);
            if (paren_yield && hint)
                fail_node(p, value, "cannot assign to yield expression here. Maybe you meant '==' instead of '='?");
            else
                assign_target(p, value, hint);
            return NULL;
        }
        if (!next) return NULL;
        value = next;
    }
    AstAssign *s = NEW(Assign, start);
    s->targets = seq_end(p, base);
    for (uint32_t i = 0; i < s->targets.len; i++) set_context(s->targets.items[i], AST_STORE);
    s->value = value;
    return FINISH(s);
}

/* type_alias: "type" NAME [type_params] '=' expression */
static AstNode *stmt_type_alias(Parser *p)
{
    const Token *t = advance(p);
    AstTypeAlias *s = NEW(TypeAlias, t);
    const Token *nt = advance(p);
    s->name = name_new(p, nt);
    AST_AS(Name, s->name)->ctx = AST_STORE;
    if (at(p, TK_LSQB)) {
        s->type_params = parse_type_params(p);
        if (p->failed) return NULL;
    }
    if (!expect(p, TK_EQUAL, "invalid syntax")) return NULL;
    s->value = expr_expression(p);
    if (!s->value) return NULL;
    return FINISH(s);
}

/* simple_stmt, without the separator after it. */
static AstNode *parse_simple_statement(Parser *p)
{
    const Token *t = cur(p);
    if (t->kind == TK_NAME) {
        switch (t->keyword) {
        case KW_PASS: case KW_BREAK: case KW_CONTINUE: {
            AstNode *s = node_new(p, t->keyword == KW_PASS ? AST_Pass
                                   : t->keyword == KW_BREAK ? AST_Break : AST_Continue, t);
            advance(p);
            return FINISH(s);
        }
        case KW_RETURN: {
            advance(p);
            AstReturn *s = NEW(Return, t);
            if (tok_starts_expr(cur(p))) {
                s->value = expr_star_expressions(p);
                if (!s->value) return NULL;
            }
            return FINISH(s);
        }
        case KW_RAISE: {
            advance(p);
            AstRaise *s = NEW(Raise, t);
            if (tok_starts_expr(cur(p))) {
                s->exc = expr_expression(p);
                if (!s->exc) return NULL;
                if (accept_kw(p, KW_FROM)) {
                    s->cause = expr_expression(p);
                    if (!s->cause) return NULL;
                }
            }
            return FINISH(s);
        }
        case KW_GLOBAL: return stmt_global(p, 0);
        case KW_NONLOCAL: return stmt_global(p, 1);
        case KW_DEL: return stmt_del(p);
        case KW_ASSERT: {
            advance(p);
            AstAssert *s = NEW(Assert, t);
            s->test = expr_expression(p);
            if (!s->test) return NULL;
            if (accept(p, TK_COMMA)) {
                s->msg = expr_expression(p);
                if (!s->msg) return NULL;
            }
            return FINISH(s);
        }
        case KW_IMPORT: return stmt_import(p);
        case KW_FROM: return stmt_import_from(p);
        case KW_SOFT_TYPE:
            if (tok_is_name(peek(p, 1)) && (peek(p, 2)->kind == TK_EQUAL || peek(p, 2)->kind == TK_LSQB))
                return stmt_type_alias(p);
            break;
        default: break;
        }
    }
    return stmt_expression(p);
}

/* simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE */
static int parse_simple_statements(Parser *p)
{
    for (;;) {
        AstNode *s = parse_simple_statement(p);
        if (!s) return -1;
        seq_push(p, s);
        if (accept(p, TK_NEWLINE)) return 0;
        if (!accept(p, TK_SEMI)) {
            fail_syntax(p);
            return -1;
        }
        if (accept(p, TK_NEWLINE)) return 0;
    }
}

/* ---- compound statements ------------------------------------------------- */

/* block: NEWLINE INDENT statements DEDENT | simple_stmts. what and kw
 * name the statement for CPython's "expected an indented block after
 * 'if' statement on line N". */
static AstSeq parse_block(Parser *p, const char *what, const Token *kw)
{
    AstSeq none = {NULL, 0};
    if (!enter(p)) return none;
    uint32_t base = seq_begin(p);
    if (accept(p, TK_NEWLINE)) {
        if (!at(p, TK_INDENT)) {
            leave(p);
            const Token *t = cur(p);
            uint32_t i = p->pos;
            while (tok_at(p, i)->kind == TK_DEDENT) i++;
            if (tok_at(p, i)->kind == TK_ENDMARKER) {
                /* at the end of the file: on the NEWLINE, or past the end of
                 * the last line when comments follow it */
                uint32_t line, len;
                last_line(p, &line, &len);
                t = last(p);
                fail_at(p, line, t->lineno == line ? t->col : len,
                        "expected an indented block after %s on line %u", what, kw->lineno);
                return none;
            }
            /* CPython's DEDENT tokens have no column: it reports 0 */
            fail_at(p, t->lineno, t->kind == TK_DEDENT ? UINT32_MAX : t->col,
                    "expected an indented block after %s on line %u", what, kw->lineno);
            return none;
        }
        advance(p);
        while (!at(p, TK_DEDENT) && !at(p, TK_ENDMARKER)) {
            if (parse_statement(p) < 0) {
                leave(p);
                return none;
            }
        }
        accept(p, TK_DEDENT);
    } else if (parse_simple_statements(p) < 0) {
        leave(p);
        return none;
    }
    leave(p);
    return seq_end(p, base);
}

/* CPython says "expected ':'" when the line ends there, else the plain
 * error at the unexpected token. */
static int expect_colon(Parser *p)
{
    if (accept(p, TK_COLON)) return 0;
    if (at(p, TK_NEWLINE)) fail_here(p, "expected ':'");
    else fail_syntax(p);
    return -1;
}

/* The ':' after an if/elif/while condition; `if x = 1:` gets CPython's
 * hint (invalid_named_expression). */
static int expect_colon_after_test(Parser *p, AstNode *test)
{
    if (at(p, TK_EQUAL)) {
        if (test->kind == AST_Name) {
            fail_node(p, test, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
            return -1;
        }
        int excluded = test->kind == AST_List || test->kind == AST_Tuple || test->kind == AST_GeneratorExp ||
                       (test->kind == AST_Constant && AST_AS(Constant, test)->value.kind <= CONST_FALSE &&
                        AST_AS(Constant, test)->value.kind != CONST_ELLIPSIS);
        if (!excluded && test->kind != AST_Compare && test->kind != AST_BoolOp && test->kind != AST_IfExp &&
            test->kind != AST_Lambda && !(test->kind == AST_UnaryOp && AST_AS(UnaryOp, test)->op == AST_NOT)) {
            fail_at(p, test->lineno, test->col_offset, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                    expr_name(test));
            return -1;
        }
    }
    return expect_colon(p);
}

/* else_block: 'else' ':' block */
static AstSeq parse_else(Parser *p)
{
    AstSeq none = {NULL, 0};
    if (!at_kw(p, KW_ELSE)) return none;
    const Token *kw = advance(p);
    if (expect_colon(p) < 0) return none;
    return parse_block(p, "'else' statement", kw);
}

/* if_stmt: 'if' named_expression ':' block (elif_stmt | [else_block]);
 * an elif is an If of its own in orelse, starting at 'elif'. */
static AstNode *stmt_if(Parser *p)
{
    const Token *t = advance(p);
    AstIf *s = NEW(If, t);
    s->test = expr_named(p);
    if (!s->test || expect_colon_after_test(p, s->test) < 0) return NULL;
    s->body = parse_block(p, t->keyword == KW_ELIF ? "'elif' statement" : "'if' statement", t);
    if (p->failed) return NULL;
    stmt_finish(p, &s->base);
    if (at_kw(p, KW_ELIF)) {
        /* each elif nests one If deeper: bounded like any recursion */
        if (!enter(p)) return NULL;
        AstNode *elif = stmt_if(p);
        leave(p);
        if (!elif) return NULL;
        s->orelse = seq_one(p, elif);
    } else {
        s->orelse = parse_else(p);
    }
    if (p->failed) return NULL;
    if (s->orelse.len) stmt_finish(p, &s->base);
    return &s->base;
}

/* while_stmt: 'while' named_expression ':' block [else_block] */
static AstNode *stmt_while(Parser *p)
{
    const Token *t = advance(p);
    AstWhile *s = NEW(While, t);
    s->test = expr_named(p);
    if (!s->test || expect_colon_after_test(p, s->test) < 0) return NULL;
    s->body = parse_block(p, "'while' statement", t);
    if (p->failed) return NULL;
    stmt_finish(p, &s->base);
    s->orelse = parse_else(p);
    if (p->failed) return NULL;
    if (s->orelse.len) stmt_finish(p, &s->base);
    return &s->base;
}

/* for_stmt: ['async'] 'for' star_targets 'in' ~ star_expressions ':' block
 *           [else_block] */
static AstNode *stmt_for(Parser *p, const Token *start, int is_async)
{
    advance(p);
    AstFor *s = (AstFor *)node_new(p, is_async ? AST_AsyncFor : AST_For, start);
    s->target = parse_star_targets(p);
    if (!s->target) return NULL;
    if (!at_kw(p, KW_IN)) return fail_syntax(p);
    advance(p);
    s->iter = expr_star_expressions(p);
    if (!s->iter || expect_colon(p) < 0) return NULL;
    s->body = parse_block(p, "'for' statement", start);
    if (p->failed) return NULL;
    stmt_finish(p, &s->base);
    s->orelse = parse_else(p);
    if (p->failed) return NULL;
    if (s->orelse.len) stmt_finish(p, &s->base);
    return &s->base;
}

/* with_item: expression 'as' star_target &(',' | ')' | ':') | expression */
static AstNode *parse_with_item(Parser *p)
{
    Astwithitem *w = NEW(withitem, NULL);
    w->context_expr = expr_expression(p);
    if (!w->context_expr) return NULL;
    if (accept_kw(p, KW_AS)) {
        AstNode *target = parse_star_target(p);
        if (!target) return NULL;
        if (!at(p, TK_COMMA) && !at(p, TK_RPAR) && !at(p, TK_COLON) && !at(p, TK_NEWLINE)) return fail_syntax(p);
        if (make_target(p, target, AST_STORE) < 0) return NULL;
        w->optional_vars = target;
    }
    return &w->base;
}

/* ','.with_item+ up to ':' or, parenthesised, up to ')'. */
static int parse_with_items(Parser *p, int paren)
{
    do {
        if (paren && at(p, TK_RPAR)) break;
        AstNode *w = parse_with_item(p);
        if (!w) return -1;
        seq_push(p, w);
    } while (accept(p, TK_COMMA));
    return 0;
}

/* Restores the parser after a failed speculative parse. */
typedef struct Mark {
    uint32_t pos, stk_len, sstk_len;
    int depth;
} Mark;

static Mark mark_get(const Parser *p)
{
    Mark m = {p->pos, p->stk_len, p->sstk_len, p->depth};
    return m;
}

static void mark_reset(Parser *p, Mark m)
{
    set_pos(p, m.pos);
    p->stk_len = m.stk_len;
    p->sstk_len = m.sstk_len;
    p->depth = m.depth;
    p->failed = 0;
    error_clear(p->err);
}

/* with_stmt: ['async'] 'with' '(' ','.with_item+ ','? ')' ':' block
 *          | ['async'] 'with' ','.with_item+ ':' block */
static AstNode *stmt_with(Parser *p, const Token *start, int is_async)
{
    advance(p);
    AstWith *s = (AstWith *)node_new(p, is_async ? AST_AsyncWith : AST_With, start);
    uint32_t base = seq_begin(p);
    int done = 0;
    int spec_line = 0, spec_col = 0;
    if (at(p, TK_LPAR)) {
        Mark m = mark_get(p);
        advance(p);
        if (parse_with_items(p, 1) == 0 && accept(p, TK_RPAR) && at(p, TK_COLON)) {
            done = 1;
        } else if (!p->failed && last(p)->kind == TK_RPAR && at(p, TK_NEWLINE)) {
            return fail_here(p, "expected ':'");
        } else {
            if (!p->failed) fail_syntax(p);
            if (p->generic) {
                spec_line = p->err->line;
                spec_col = p->err->col;
            }
            mark_reset(p, m);
        }
    }
    if (!done && parse_with_items(p, 0) < 0) {
        /* CPython reports a plain syntax error at the furthest token either
         * alternative reached */
        if (p->generic && spec_line &&
            (spec_line > p->err->line || (spec_line == p->err->line && spec_col > p->err->col))) {
            p->err->line = spec_line;
            p->err->col = spec_col;
        }
        return NULL;
    }
    s->items = seq_end(p, base);
    if (expect_colon(p) < 0) return NULL;
    s->body = parse_block(p, "'with' statement", start);
    if (p->failed) return NULL;
    stmt_finish(p, &s->base);
    return &s->base;
}

/* try_stmt: 'try' ':' block finally_block
 *         | 'try' ':' block except_block+ [else_block] [finally_block]
 *         | 'try' ':' block except_star_block+ [else_block] [finally_block] */
static AstNode *stmt_try(Parser *p)
{
    const Token *t = advance(p);
    if (expect_colon(p) < 0) return NULL;
    AstTry *s = NEW(Try, t);
    s->body = parse_block(p, "'try' statement", t);
    if (p->failed) return NULL;
    stmt_finish(p, &s->base);
    uint32_t base = seq_begin(p);
    int star = -1;
    while (at_kw(p, KW_EXCEPT)) {
        const Token *et = advance(p);
        int this_star = accept(p, TK_STAR);
        if (star >= 0 && star != this_star) {
            fail_tok(p, et, "cannot have both 'except' and 'except*' on the same 'try'");
            return NULL;
        }
        star = this_star;
        AstExceptHandler *h = NEW(ExceptHandler, et);
        if (at(p, TK_NEWLINE)) return fail_here(p, "expected ':'");
        if (!at(p, TK_COLON)) {
            h->type = expr_expression(p);
            if (!h->type) return NULL;
            if (at(p, TK_COMMA)) return fail_node(p, h->type, "multiple exception types must be parenthesized");
            if (accept_kw(p, KW_AS)) {
                const Token *nt = cur(p);
                if (!tok_is_name(nt)) return fail_here(p, "invalid syntax");
                advance(p);
                h->name = tok_ident(p, nt);
            }
        } else if (this_star) {
            return fail_here(p, "expected one or more exception types");
        }
        if (expect_colon(p) < 0) return NULL;
        h->body = parse_block(p, this_star ? "'except*' statement" : "'except' statement", et);
        if (p->failed) return NULL;
        stmt_finish(p, &h->base);
        seq_push(p, &h->base);
        node_end_at(&s->base, &h->base);
    }
    s->handlers = seq_end(p, base);
    if (s->handlers.len) {
        s->orelse = parse_else(p);
        if (p->failed) return NULL;
        if (s->orelse.len) stmt_finish(p, &s->base);
    }
    if (at_kw(p, KW_FINALLY)) {
        const Token *ft = advance(p);
        if (expect_colon(p) < 0) return NULL;
        s->finalbody = parse_block(p, "'finally' statement", ft);
        if (p->failed) return NULL;
        stmt_finish(p, &s->base);
    }
    if (!s->handlers.len && !s->finalbody.len) {
        uint32_t i = p->pos;
        while (tok_at(p, i)->kind == TK_DEDENT) i++;
        if (tok_at(p, i)->kind == TK_ENDMARKER && p->pos > 0) {
            /* at the end of the file CPython points at the last NEWLINE */
            uint32_t j = p->pos;
            while (j > 0 && tok_at(p, j - 1)->kind == TK_DEDENT) j--;
            if (j > 0) return fail_tok(p, tok_at(p, j - 1), "expected 'except' or 'finally' block");
        }
        return fail_here(p, "expected 'except' or 'finally' block");
    }
    if (star == 1) s->base.kind = AST_TryStar;
    return &s->base;
}

/* function_def_raw: ['async'] 'def' NAME [type_params] '(' [params] ')'
 *                   ['->' expression] ':' block */
static AstNode *stmt_def(Parser *p, const Token *start, int is_async, AstSeq decorators)
{
    advance(p);
    AstFunctionDef *s = (AstFunctionDef *)node_new(p, is_async ? AST_AsyncFunctionDef : AST_FunctionDef, start);
    const Token *nt = cur(p);
    if (!tok_is_name(nt)) return fail_syntax(p);
    advance(p);
    s->name = tok_ident(p, nt);
    s->decorator_list = decorators;
    if (at(p, TK_LSQB)) {
        s->type_params = parse_type_params(p);
        if (p->failed) return NULL;
    }
    if (!expect(p, TK_LPAR, "expected '('")) return NULL;
    s->args = parse_params(p, 0);
    if (!s->args) return NULL;
    advance(p); /* ')' */
    if (accept(p, TK_RARROW)) {
        s->returns = expr_expression(p);
        if (!s->returns) return NULL;
    }
    if (expect_colon(p) < 0) return NULL;
    s->body = parse_block(p, "function definition", nt - 1);
    if (p->failed) return NULL;
    stmt_finish(p, &s->base);
    return &s->base;
}

/* class_def_raw: 'class' NAME [type_params] ['(' [arguments] ')'] ':' block */
static AstNode *stmt_class(Parser *p, AstSeq decorators)
{
    const Token *t = advance(p);
    AstClassDef *s = NEW(ClassDef, t);
    const Token *nt = cur(p);
    if (!tok_is_name(nt)) return fail_syntax(p);
    advance(p);
    s->name = tok_ident(p, nt);
    s->decorator_list = decorators;
    if (at(p, TK_LSQB)) {
        s->type_params = parse_type_params(p);
        if (p->failed) return NULL;
    }
    if (at(p, TK_LPAR)) {
        const Token *open = advance(p);
        AstCall call;
        memset(&call, 0, sizeof call);
        if (parse_call_args(p, &call, open, 0) < 0) return NULL;
        s->bases = call.args;
        s->keywords = call.keywords;
    }
    if (expect_colon(p) < 0) return NULL;
    s->body = parse_block(p, "class definition", t);
    if (p->failed) return NULL;
    stmt_finish(p, &s->base);
    return &s->base;
}

/* decorators: ('@' named_expression NEWLINE)+ then a class or function */
static AstNode *stmt_decorated(Parser *p)
{
    uint32_t base = seq_begin(p);
    while (accept(p, TK_AT)) {
        AstNode *d = expr_named(p);
        if (!d) return NULL;
        if (!expect(p, TK_NEWLINE, "invalid syntax")) return NULL;
        seq_push(p, d);
    }
    AstSeq decorators = seq_end(p, base);
    const Token *t = cur(p);
    if (tok_is_kw(t, KW_DEF)) return stmt_def(p, t, 0, decorators);
    if (tok_is_kw(t, KW_CLASS)) return stmt_class(p, decorators);
    if (tok_is_kw(t, KW_ASYNC) && tok_is_kw(peek(p, 1), KW_DEF)) {
        advance(p);
        return stmt_def(p, t, 1, decorators);
    }
    return fail_syntax(p);
}

/* ---- match statements ------------------------------------------------------ */

static AstNode *parse_pattern(Parser *p);
static AstNode *parse_closed_pattern(Parser *p);

/* signed_number: NUMBER | '-' NUMBER, and complex_number:
 * signed_real_number ('+' | '-') imaginary_number */
static AstNode *pattern_number(Parser *p)
{
    const Token *t = cur(p);
    AstNode *e;
    if (at(p, TK_MINUS)) {
        advance(p);
        if (!at(p, TK_NUMBER)) return fail_syntax(p);
        AstUnaryOp *u = NEW(UnaryOp, t);
        u->op = AST_USUB;
        u->operand = expr_number(p);
        if (!u->operand) return NULL;
        e = FINISH(u);
    } else {
        e = expr_number(p);
        if (!e) return NULL;
    }
    if (at(p, TK_PLUS) || at(p, TK_MINUS)) {
        const Token *op = advance(p);
        if (!at(p, TK_NUMBER)) return fail_syntax(p);
        AstNode *imag = expr_number(p);
        if (!imag) return NULL;
        if (AST_AS(Constant, imag)->value.kind != CONST_COMPLEX)
            return fail_node(p, imag, "imaginary number required in complex literal");
        AstBinOp *b = NEW(BinOp, t);
        b->left = e;
        b->op = op->kind == TK_PLUS ? AST_ADD : AST_SUB;
        b->right = imag;
        e = FINISH(b);
    }
    return e;
}

/* name_or_attr: NAME ('.' NAME)* as a Name or Attribute chain. */
static AstNode *pattern_name_or_attr(Parser *p)
{
    const Token *t = advance(p);
    AstNode *e = name_new(p, t);
    while (at(p, TK_DOT)) {
        advance(p);
        const Token *nt = cur(p);
        if (!tok_is_name(nt)) return fail_syntax(p);
        advance(p);
        AstAttribute *a = NEW(Attribute, NULL);
        node_start_at(&a->base, e);
        a->value = e;
        a->attr = tok_ident(p, nt);
        e = FINISH(a);
    }
    return e;
}

static AstNode *pattern_value(Parser *p, AstNode *value)
{
    AstMatchValue *m = NEW(MatchValue, NULL);
    m->value = value;
    node_start_at(&m->base, value);
    node_end_at(&m->base, value);
    return &m->base;
}

/* star_pattern: '*' (pattern_capture_target | wildcard_pattern) */
static AstNode *pattern_star(Parser *p)
{
    const Token *t = advance(p);
    const Token *nt = cur(p);
    if (!tok_is_name(nt)) return fail_syntax(p);
    advance(p);
    AstMatchStar *m = NEW(MatchStar, t);
    if (nt->keyword != KW_SOFT_UNDERSCORE) m->name = tok_ident(p, nt);
    return FINISH(m);
}

/* maybe_star_pattern: star_pattern | pattern */
static AstNode *pattern_maybe_star(Parser *p)
{
    if (at(p, TK_STAR)) return pattern_star(p);
    return parse_pattern(p);
}

/* The items of a sequence pattern up to close (not consumed). */
static AstSeq pattern_items(Parser *p, int close, int *had_comma)
{
    uint32_t base = seq_begin(p);
    *had_comma = 0;
    while (!at(p, close)) {
        AstNode *e = pattern_maybe_star(p);
        if (!e) return seq_end(p, base);
        seq_push(p, e);
        if (!accept(p, TK_COMMA)) break;
        *had_comma = 1;
    }
    return seq_end(p, base);
}

/* mapping_pattern: '{' [items] ['**' NAME] [','] '}' */
static AstNode *pattern_mapping(Parser *p)
{
    const Token *open = advance(p);
    AstMatchMapping *m = NEW(MatchMapping, open);
    NodeVec keys = {0}, pats = {0};
    while (!at(p, TK_RBRACE)) {
        if (accept(p, TK_DOUBLESTAR)) {
            const Token *nt = cur(p);
            if (!tok_is_name(nt) || nt->keyword == KW_SOFT_UNDERSCORE) return fail_syntax(p);
            advance(p);
            m->rest = tok_ident(p, nt);
            accept(p, TK_COMMA);
            break;
        }
        AstNode *key;
        const Token *t = cur(p);
        if (t->kind == TK_NUMBER || t->kind == TK_MINUS) key = pattern_number(p);
        else if (t->kind == TK_STRING || t->kind == TK_FSTRING_START) key = expr_strings(p);
        else if (tok_is_kw(t, KW_NONE_)) key = const_new(p, t, CONST_NONE);
        else if (tok_is_kw(t, KW_TRUE)) key = const_new(p, t, CONST_TRUE);
        else if (tok_is_kw(t, KW_FALSE)) key = const_new(p, t, CONST_FALSE);
        else if (tok_is_name(t) && peek(p, 1)->kind == TK_DOT) key = pattern_name_or_attr(p);
        else return fail_syntax(p);
        if (!key) return NULL;
        if (!expect(p, TK_COLON, "invalid syntax")) return NULL;
        AstNode *pat = parse_pattern(p);
        if (!pat) return NULL;
        vec_push(p, &keys, key);
        vec_push(p, &pats, pat);
        if (!accept(p, TK_COMMA)) break;
    }
    if (!expect(p, TK_RBRACE, "invalid syntax")) return NULL;
    m->keys = vec_seq(&keys);
    m->patterns = vec_seq(&pats);
    return FINISH(m);
}

/* class_pattern: name_or_attr '(' [positional_patterns] [keyword_patterns] ')' */
static AstNode *pattern_class(Parser *p, AstNode *cls)
{
    advance(p); /* '(' */
    AstMatchClass *m = NEW(MatchClass, NULL);
    node_start_at(&m->base, cls);
    m->cls = cls;
    NodeVec pats = {0}, kwpats = {0};
    uint32_t sbase = p->sstk_len;
    while (!at(p, TK_RPAR)) {
        const Token *t = cur(p);
        if (tok_is_name(t) && peek(p, 1)->kind == TK_EQUAL) {
            advance(p);
            advance(p);
            AstNode *pat = parse_pattern(p);
            if (!pat) return NULL;
            sseq_push(p, tok_ident(p, t));
            vec_push(p, &kwpats, pat);
        } else {
            AstNode *pat = parse_pattern(p);
            if (!pat) return NULL;
            if (kwpats.len) return fail_node(p, pat, "positional patterns follow keyword patterns");
            vec_push(p, &pats, pat);
        }
        if (!accept(p, TK_COMMA)) break;
    }
    if (!expect(p, TK_RPAR, "invalid syntax")) return NULL;
    m->patterns = vec_seq(&pats);
    m->kwd_attrs = sseq_end(p, sbase);
    m->kwd_patterns = vec_seq(&kwpats);
    return FINISH(m);
}

/* closed_pattern: literal | capture | wildcard | value | group | sequence
 *               | mapping | class */
static AstNode *parse_closed_pattern(Parser *p)
{
    const Token *t = cur(p);
    switch (t->kind) {
    case TK_NUMBER: case TK_MINUS: {
        AstNode *v = pattern_number(p);
        return v ? pattern_value(p, v) : NULL;
    }
    case TK_STRING: case TK_FSTRING_START: {
        AstNode *v = expr_strings(p);
        return v ? pattern_value(p, v) : NULL;
    }
    case TK_LBRACE: return pattern_mapping(p);
    case TK_LSQB: {
        advance(p);
        AstMatchSequence *m = NEW(MatchSequence, t);
        int had_comma;
        m->patterns = pattern_items(p, TK_RSQB, &had_comma);
        if (p->failed || !expect(p, TK_RSQB, "invalid syntax")) return NULL;
        return FINISH(m);
    }
    case TK_LPAR: {
        advance(p);
        if (at(p, TK_RPAR)) {
            advance(p);
            AstMatchSequence *m = NEW(MatchSequence, t);
            return FINISH(m);
        }
        AstNode *first = pattern_maybe_star(p);
        if (!first) return NULL;
        if (accept(p, TK_RPAR)) {
            if (first->kind == AST_MatchStar) {
                AstMatchSequence *m = NEW(MatchSequence, t);
                m->patterns = seq_one(p, first);
                return FINISH(m);
            }
            return first; /* group_pattern */
        }
        if (!expect(p, TK_COMMA, "invalid syntax")) return NULL;
        uint32_t base = seq_begin(p);
        seq_push(p, first);
        while (!at(p, TK_RPAR)) {
            AstNode *e = pattern_maybe_star(p);
            if (!e) return NULL;
            seq_push(p, e);
            if (!accept(p, TK_COMMA)) break;
        }
        if (!expect(p, TK_RPAR, "invalid syntax")) return NULL;
        AstMatchSequence *m = NEW(MatchSequence, t);
        m->patterns = seq_end(p, base);
        return FINISH(m);
    }
    case TK_NAME:
        switch (t->keyword) {
        case KW_NONE_: case KW_TRUE: case KW_FALSE: {
            advance(p);
            AstMatchSingleton *m = NEW(MatchSingleton, t);
            m->value.kind = t->keyword == KW_NONE_ ? CONST_NONE : t->keyword == KW_TRUE ? CONST_TRUE : CONST_FALSE;
            return FINISH(m);
        }
        default: break;
        }
        if (!tok_is_name(t)) return fail_syntax(p);
        if (peek(p, 1)->kind == TK_DOT || peek(p, 1)->kind == TK_LPAR) {
            AstNode *e = pattern_name_or_attr(p);
            if (!e) return NULL;
            if (at(p, TK_LPAR)) return pattern_class(p, e);
            return pattern_value(p, e);
        }
        advance(p);
        {
            AstMatchAs *m = NEW(MatchAs, t);
            if (t->keyword != KW_SOFT_UNDERSCORE) m->name = tok_ident(p, t);
            return FINISH(m);
        }
    default:
        return fail_syntax(p);
    }
}

/* as_pattern: or_pattern 'as' pattern_capture_target | or_pattern
 * or_pattern: '|'.closed_pattern+ */
static AstNode *parse_pattern(Parser *p)
{
    if (!enter(p)) return NULL;
    const Token *start = cur(p);
    AstNode *first = parse_closed_pattern(p);
    if (first && at(p, TK_VBAR)) {
        uint32_t base = seq_begin(p);
        seq_push(p, first);
        while (accept(p, TK_VBAR)) {
            AstNode *e = parse_closed_pattern(p);
            if (!e) {
                leave(p);
                return NULL;
            }
            seq_push(p, e);
        }
        AstMatchOr *m = NEW(MatchOr, start);
        m->patterns = seq_end(p, base);
        first = FINISH(m);
    }
    if (first && at_kw(p, KW_AS)) {
        advance(p);
        const Token *nt = cur(p);
        if (!tok_is_name(nt)) {
            leave(p);
            return fail_here(p, "invalid pattern target");
        }
        if (nt->keyword == KW_SOFT_UNDERSCORE) {
            leave(p);
            return fail_tok(p, nt, "cannot use '_' as a target");
        }
        advance(p);
        AstMatchAs *m = NEW(MatchAs, start);
        m->pattern = first;
        m->name = tok_ident(p, nt);
        first = FINISH(m);
    }
    leave(p);
    return first;
}

/* patterns: open_sequence_pattern | pattern */
static AstNode *parse_patterns(Parser *p)
{
    const Token *start = cur(p);
    AstNode *first = pattern_maybe_star(p);
    if (!first) return NULL;
    if (!at(p, TK_COMMA)) {
        if (first->kind == AST_MatchStar) {
            AstMatchSequence *m = NEW(MatchSequence, start);
            m->patterns = seq_one(p, first);
            return FINISH(m);
        }
        return first;
    }
    uint32_t base = seq_begin(p);
    seq_push(p, first);
    while (accept(p, TK_COMMA)) {
        if (at(p, TK_COLON) || at_kw(p, KW_IF)) break;
        AstNode *e = pattern_maybe_star(p);
        if (!e) return NULL;
        seq_push(p, e);
    }
    AstMatchSequence *m = NEW(MatchSequence, start);
    m->patterns = seq_end(p, base);
    return FINISH(m);
}

/* match_stmt: "match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT.
 * Returns NULL without an error when this is not a match statement (the
 * soft keyword used as a name). */
static AstNode *stmt_match(Parser *p)
{
    Mark m = mark_get(p);
    const Token *t = advance(p);
    AstNode *subject = NULL;
    if (tok_starts_expr(cur(p)) && !at(p, TK_MINUS) && !at(p, TK_PLUS) && !at(p, TK_TILDE)) {
        /* subject_expr: star_named_expression ',' star_named_expressions?
         *             | named_expression */
        const Token *s0 = cur(p);
        subject = expr_star_named(p);
        if (subject && at(p, TK_COMMA)) {
            uint32_t base = seq_begin(p);
            seq_push(p, subject);
            while (accept(p, TK_COMMA)) {
                if (!tok_starts_expr(cur(p))) break;
                AstNode *e = expr_star_named(p);
                if (!e) break;
                seq_push(p, e);
            }
            AstTuple *tu = NEW(Tuple, s0);
            tu->elts = seq_end(p, base);
            subject = p->failed ? NULL : FINISH(tu);
        } else if (subject && subject->kind == AST_Starred) {
            subject = NULL;
        }
    } else if (at(p, TK_MINUS) || at(p, TK_PLUS) || at(p, TK_TILDE)) {
        subject = expr_named(p);
    }
    uint32_t newline = subject && !p->failed && at(p, TK_NEWLINE) ? p->pos + 1 : 0;
    if (!subject || p->failed || !at(p, TK_COLON) || peek(p, 1)->kind != TK_NEWLINE) {
        /* remembered: a plain error later reported before here moves here */
        uint32_t far = p->pos;
        mark_reset(p, m);
        if (subject) p->far = far + 1;
        p->match_newline = newline;
        return NULL;
    }
    advance(p);
    advance(p);
    AstMatch *s = NEW(Match, t);
    s->subject = subject;
    if (!at(p, TK_INDENT))
        return fail_at(p, cur(p)->lineno, cur(p)->col, "expected an indented block after 'match' statement on line %u",
                       t->lineno);
    advance(p);
    uint32_t base = seq_begin(p);
    while (!at(p, TK_DEDENT) && !at(p, TK_ENDMARKER)) {
        if (!tok_is_kw(cur(p), KW_SOFT_CASE)) return fail_syntax(p);
        const Token *ct = advance(p);
        Astmatch_case *c = NEW(match_case, NULL);
        c->pattern = parse_patterns(p);
        if (!c->pattern) return NULL;
        if (accept_kw(p, KW_IF)) {
            c->guard = expr_named(p);
            if (!c->guard) return NULL;
        }
        if (expect_colon(p) < 0) return NULL;
        c->body = parse_block(p, "'case' statement", ct);
        if (p->failed) return NULL;
        seq_push(p, &c->base);
        stmt_finish(p, &s->base);
    }
    accept(p, TK_DEDENT);
    s->cases = seq_end(p, base);
    if (!s->cases.len) return fail_syntax(p);
    return &s->base;
}

/* statement: compound_stmt | simple_stmts; pushes what it parsed. */
static int parse_statement(Parser *p)
{
    const Token *t = cur(p);
    AstNode *s = NULL;
    if (t->kind == TK_AT) {
        s = stmt_decorated(p);
    } else if (t->kind == TK_NAME) {
        switch (t->keyword) {
        case KW_IF: s = stmt_if(p); break;
        case KW_WHILE: s = stmt_while(p); break;
        case KW_FOR: s = stmt_for(p, t, 0); break;
        case KW_WITH: s = stmt_with(p, t, 0); break;
        case KW_TRY: s = stmt_try(p); break;
        case KW_DEF: s = stmt_def(p, t, 0, (AstSeq){NULL, 0}); break;
        case KW_CLASS: s = stmt_class(p, (AstSeq){NULL, 0}); break;
        case KW_ASYNC: {
            const Token *n = peek(p, 1);
            advance(p);
            if (tok_is_kw(n, KW_DEF)) s = stmt_def(p, t, 1, (AstSeq){NULL, 0});
            else if (tok_is_kw(n, KW_FOR)) s = stmt_for(p, t, 1);
            else if (tok_is_kw(n, KW_WITH)) s = stmt_with(p, t, 1);
            else fail_syntax(p);
            break;
        }
        case KW_SOFT_MATCH: {
            s = stmt_match(p);
            if (s || p->failed) break;
            uint32_t newline = p->match_newline;
            p->match_newline = 0;
            if (parse_simple_statements(p) == 0) return 0;
            if (newline && p->generic) {
                p->failed = 0;
                fail_tok(p, tok_at(p, newline - 1), "expected ':'");
            }
            return -1;
        }
        default:
            return parse_simple_statements(p);
        }
    } else if (t->kind == TK_INDENT) {
        fail_here(p, "unexpected indent");
        return -1;
    } else {
        return parse_simple_statements(p);
    }
    if (!s) return -1;
    seq_push(p, s);
    return 0;
}

/* ---- the module ------------------------------------------------------------ */

/* file: [statements] ENDMARKER */
static AstNode *parse_file(Parser *p)
{
    set_pos(p, 0);
    AstModule *m = NEW(Module, NULL);
    uint32_t base = seq_begin(p);
    while (!p->failed && !past_end(p) && !at(p, TK_ENDMARKER)) {
        drop_consumed_tokens(p);
        uint32_t before = p->pos;
        if (parse_statement(p) < 0) break;
        if (p->pos == before) { /* every loop must make progress */
            fail_syntax(p);
            break;
        }
    }
    m->body = seq_end(p, base);
    return p->failed ? NULL : &m->base;
}

static void parser_init(Parser *p, Arena *arena, const char *path, const char *src, size_t len, KraitError *err)
{
    memset(p, 0, sizeof *p);
    p->arena = arena;
    p->path = path;
    p->src = src;
    p->len = len;
    p->err = err;
}

static void parser_release(Parser *p)
{
    if (p->lx)
        for (uint32_t c = p->dropped; c < p->nchunks; c++) free(p->chunk[c]);
    free(p->chunk);
    free(p->stk);
    free(p->sstk);
}

int parser_parse_tokens(Arena *arena, const char *path, const char *src, size_t len, const Token *toks,
                        size_t ntok, AstNode **out, KraitError *err)
{
    error_clear(err);
    *out = NULL;
    if (ntok == 0 || toks[ntok - 1].kind != TK_ENDMARKER)
        return error_set(err, path, 1, 1, "token stream does not end with ENDMARKER");
    if (ntok >= UINT32_MAX) return error_set(err, path, 1, 1, "too many tokens");
    Parser p;
    parser_init(&p, arena, path, src, len, err);
    /* the caller's array, seen through the chunk table, never copied */
    p.nchunks = p.chunk_cap = (uint32_t)((ntok + TOK_CHUNK - 1) >> TOK_CHUNK_SHIFT);
    p.chunk = malloc(p.nchunks * sizeof *p.chunk);
    if (!p.chunk) die_out_of_memory();
    for (uint32_t c = 0; c < p.nchunks; c++) p.chunk[c] = (Token *)toks + ((size_t)c << TOK_CHUNK_SHIFT);
    p.ntok = (uint32_t)ntok;
    p.lexed_all = 1;
    *out = parse_file(&p);
    parser_release(&p);
    return *out ? 0 : -1;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* After a syntax error at token stop, CPython lexes the rest of the file
 * (_PyPegen_tokenize_full_source_to_check_for_errors) and a lexical error
 * it raises there replaces the parser's. Some lexical conditions are only
 * error codes that the parser turns into exceptions when it reaches them
 * (a bad line continuation, a bad dedent, tabs and spaces, a bad character
 * in 3.13), so they never replace an earlier error; an unclosed bracket
 * does when the parser failed on a later line, or so close to the end that
 * its error pass reads on into the end of the file. Returns 1 when the
 * parser's error stands. */
static int lex_error_yields(const KraitError *lex_err, const Token *stop, int near_end, int final)
{
    const char *m = lex_err->message;
    if (final) return 1;
    if (strcmp(m, "invalid syntax") == 0 || strcmp(m, "unexpected character after line continuation character") == 0 ||
        strcmp(m, "unindent does not match any outer indentation level") == 0 ||
        strcmp(m, "inconsistent use of tabs and spaces in indentation") == 0 ||
        strcmp(m, "too many levels of indentation") == 0)
        return 1;
    if (ends_with(m, "was never closed")) return !(stop->lineno > (uint32_t)lex_err->line || near_end);
    return 0;
}

/* After a syntax error: lexes the rest of the file, as CPython does, for a
 * lexical error there, and counts the tokens the whole file has. */
static uint32_t lex_rest(Parser *p)
{
    uint32_t n = p->ntok;
    if (p->lexed_all) return n;
    Token t;
    for (;;) {
        n++;
        if (lexer_next(p->lx, &t) < 0) {
            p->lex_rc = -1;
            return n;   /* the sentinel ENDMARKER counts */
        }
        if (t.kind == TK_ENDMARKER) return n;
    }
}

static int parse_module(Arena *arena, const char *path, const char *src, size_t len, unsigned lexer_flags,
                        ParseResult *out, KraitError *err)
{
    memset(out, 0, sizeof *out);
    error_clear(err);
    KraitError lex_err;
    error_clear(&lex_err);
    Lexer *lx = NULL;
    if (lexer_new(arena, path, src, len, lexer_flags, &lex_err, &lx) < 0) {
        *err = lex_err;
        return -1;
    }
    Parser p;
    parser_init(&p, arena, path, lexer_text(lx), lexer_text_len(lx), err);
    p.lx = lx;
    p.lex_err = &lex_err;
    AstNode *module = parse_file(&p);
    uint32_t stop = p.pos;
    const Token stop_tok = *tok_at(&p, stop);   /* before lex_rest takes the lexer on */
    uint32_t ntok = module ? p.ntok : lex_rest(&p);
    if (p.lex_rc < 0) {
        /* After a syntax error CPython lexes the rest of the file, and a
         * lexical error found there replaces it; a bracket left open at the
         * end only when it opened on an earlier line than the error
         * (_PyPegen_tokenize_full_source_to_check_for_errors). */
        int keep_parser_error =
            !module && stop < ntok - 1 && lex_error_yields(&lex_err, &stop_tok, stop + 2 >= ntok, p.final);
        parser_release(&p);
        if (!keep_parser_error) *err = lex_err;
        return -1;
    }
    parser_release(&p);
    if (!module) return -1;
    size_t ncomments = 0;
    out->module = module;
    out->source = lexer_text(lx);
    out->source_len = lexer_text_len(lx);
    out->comments = lexer_comments(lx, &ncomments);
    out->ncomments = (uint32_t)ncomments;
    return 0;
}

int parser_parse_module(Arena *arena, const char *path, const char *src, size_t len, ParseResult *out,
                        KraitError *err)
{
    return parse_module(arena, path, src, len, 0, out, err);
}

int parser_parse_module_in_place(Arena *arena, const char *path, const char *src, size_t len,
                                 ParseResult *out, KraitError *err)
{
    return parse_module(arena, path, src, len, LEXER_BORROW_SOURCE, out, err);
}
