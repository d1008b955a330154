/* test_visit.c - the pre-order walk: order, parents, skipping, stopping,
 * leave callbacks, None entries in lists, and depth without recursion. */
#include "unit.h"

#include "base/arena.h"
#include "base/strbuf.h"
#include "python/visit.h"

#include <stdarg.h>

static AstNode *mk(Arena *a, AstKind kind)
{
    AstNode *n = arena_alloc_zero(a, ast_kind_info[kind].size);
    n->kind = (uint16_t)kind;
    return n;
}

static AstSeq seq(Arena *a, uint32_t n, ...)
{
    AstSeq s = {arena_alloc(a, sizeof(AstNode *) * (n ? n : 1)), n};
    va_list ap;
    va_start(ap, n);
    for (uint32_t i = 0; i < n; i++) s.items[i] = va_arg(ap, AstNode *);
    va_end(ap);
    return s;
}

static AstNode *name(Arena *a, const char *id)
{
    AstNode *n = mk(a, AST_Name);
    AST_AS(Name, n)->id = (AstStr){id, (uint32_t)strlen(id)};
    return n;
}

typedef struct Trace {
    StrBuf sb;
    const AstNode *skip;       /* enter returns VISIT_SKIP here */
    const AstNode *stop;       /* enter returns VISIT_STOP here */
    const AstNode *stop_leave; /* leave returns VISIT_STOP here */
} Trace;

static void put_node(StrBuf *sb, const AstNode *n)
{
    if (n->kind == AST_Name) strbuf_append(sb, AST_AS(Name, n)->id.s, AST_AS(Name, n)->id.len);
    else strbuf_puts(sb, ast_kind_info[n->kind].name);
}

static int on_enter(const AstNode *node, const AstNode *parent, void *ctx)
{
    Trace *tr = ctx;
    if (tr->sb.len) strbuf_putc(&tr->sb, ' ');
    put_node(&tr->sb, node);
    strbuf_putc(&tr->sb, '<');
    if (parent) put_node(&tr->sb, parent);
    if (node == tr->stop) return VISIT_STOP;
    return node == tr->skip ? VISIT_SKIP : VISIT_CONTINUE;
}

static int on_leave(const AstNode *node, const AstNode *parent, void *ctx)
{
    Trace *tr = ctx;
    (void)parent;
    strbuf_puts(&tr->sb, " /");
    put_node(&tr->sb, node);
    return node == tr->stop_leave ? VISIT_STOP : VISIT_CONTINUE;
}

/* f(a, *b, k=c) + {None-key: d}  as BinOp(Call, Dict) */
static AstNode *sample(Arena *a, AstNode **call_out, AstNode **dict_out)
{
    AstNode *st = mk(a, AST_Starred);
    AST_AS(Starred, st)->value = name(a, "b");
    AstNode *kw = mk(a, AST_keyword);
    AST_AS(keyword, kw)->value = name(a, "c");
    AstNode *call = mk(a, AST_Call);
    AST_AS(Call, call)->func = name(a, "f");
    AST_AS(Call, call)->args = seq(a, 2, name(a, "a"), st);
    AST_AS(Call, call)->keywords = seq(a, 1, kw);
    AstNode *dict = mk(a, AST_Dict);
    AST_AS(Dict, dict)->keys = seq(a, 1, NULL);
    AST_AS(Dict, dict)->values = seq(a, 1, name(a, "d"));
    AstNode *bin = mk(a, AST_BinOp);
    AST_AS(BinOp, bin)->left = call;
    AST_AS(BinOp, bin)->right = dict;
    *call_out = call;
    *dict_out = dict;
    return bin;
}

static void test_preorder(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    AstNode *call, *dict;
    AstNode *root = sample(&a, &call, &dict);
    Trace tr = {{NULL, 0, 0}, NULL, NULL, NULL};
    CHECK_INT(t, ast_visit(root, on_enter, NULL, &tr), 0);
    CHECK_STR(t, tr.sb.data, "BinOp< Call<BinOp f<Call a<Call Starred<Call b<Starred keyword<Call c<keyword "
                             "Dict<BinOp d<Dict");
    strbuf_free(&tr.sb);
    arena_free(&a);
}

static void test_leave_and_skip(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    AstNode *call, *dict;
    AstNode *root = sample(&a, &call, &dict);
    Trace tr = {{NULL, 0, 0}, call, NULL, NULL};
    CHECK_INT(t, ast_visit(root, on_enter, on_leave, &tr), 0);
    CHECK_STR(t, tr.sb.data, "BinOp< Call<BinOp /Call Dict<BinOp d<Dict /d /Dict /BinOp");
    strbuf_free(&tr.sb);
    arena_free(&a);
}

static void test_stop(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    AstNode *call, *dict;
    AstNode *root = sample(&a, &call, &dict);
    AstNode *starred = AST_AS(Call, call)->args.items[1];
    Trace tr = {{NULL, 0, 0}, NULL, starred, NULL};
    CHECK_INT(t, ast_visit(root, on_enter, on_leave, &tr), 1);
    CHECK_STR(t, tr.sb.data, "BinOp< Call<BinOp f<Call /f a<Call /a Starred<Call");
    strbuf_clear(&tr.sb);
    tr.stop = NULL;
    tr.stop_leave = call;
    CHECK_INT(t, ast_visit(root, on_enter, on_leave, &tr), 1);
    CHECK(t, strstr(tr.sb.data, "/Call") != NULL && strstr(tr.sb.data, "Dict") == NULL);
    CHECK_INT(t, ast_visit(NULL, on_enter, on_leave, &tr), 0);
    strbuf_free(&tr.sb);
    arena_free(&a);
}

static void test_children(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    AstNode *call, *dict;
    sample(&a, &call, &dict);
    CHECK_INT(t, ast_child_count(call), 4);
    CHECK(t, ast_child_at(call, 0) == AST_AS(Call, call)->func);
    CHECK(t, ast_child_at(call, 3) == AST_AS(Call, call)->keywords.items[0]);
    CHECK(t, ast_child_at(call, 4) == NULL);
    CHECK_INT(t, ast_child_count(dict), 1);                /* the None key is not a child */
    CHECK_INT(t, ast_child_count(mk(&a, AST_Pass)), 0);
    arena_free(&a);
}

typedef struct Counter {
    long nodes;
    uint32_t max_depth, depth;
} Counter;

static int count_enter(const AstNode *node, const AstNode *parent, void *ctx)
{
    Counter *c = ctx;
    (void)node;
    (void)parent;
    c->nodes++;
    if (++c->depth > c->max_depth) c->max_depth = c->depth;
    return VISIT_CONTINUE;
}

static int count_leave(const AstNode *node, const AstNode *parent, void *ctx)
{
    (void)node;
    (void)parent;
    ((Counter *)ctx)->depth--;
    return VISIT_CONTINUE;
}

static void test_deep(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    enum { DEPTH = 500000 };
    AstNode *n = name(&a, "x");
    for (int i = 0; i < DEPTH; i++) {
        AstNode *u = mk(&a, AST_UnaryOp);
        AST_AS(UnaryOp, u)->operand = n;
        n = u;
    }
    Counter c = {0, 0, 0};
    CHECK_INT(t, ast_visit(n, count_enter, count_leave, &c), 0);
    CHECK_INT(t, c.nodes, DEPTH + 1);
    CHECK_INT(t, c.max_depth, DEPTH + 1);
    CHECK_INT(t, c.depth, 0);
    arena_free(&a);
}

int main(int argc, char **argv)
{
    static const UnitTest tests[] = {
        {"preorder", test_preorder},
        {"leave_and_skip", test_leave_and_skip},
        {"stop", test_stop},
        {"children", test_children},
        {"deep", test_deep},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
