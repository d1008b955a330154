/* test_ast_dump.c - hand-built trees dumped and compared with the strings
 * CPython 3.13's ast.dump prints for the equivalent source (recorded once
 * from python3.13; the source is in each test's comment). With "--diff
 * FILE" it is the harness of tests/diff/ast_dump.test (see run_diff). */
#include "unit.h"

#include "base/arena.h"
#include "base/strbuf.h"
#include "python/ast_dump.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static AstNode *mk(Arena *a, AstKind kind)
{
    AstNode *n = arena_alloc_zero(a, ast_kind_info[kind].size);
    n->kind = (uint16_t)kind;
    return n;
}

static AstNode *at(AstNode *n, uint32_t line, uint32_t col, uint32_t end_line, uint32_t end_col)
{
    n->lineno = line;
    n->col_offset = col;
    n->end_lineno = end_line;
    n->end_col_offset = end_col;
    return n;
}

/* seq(a, n, node...): entries may be NULL (None in the list). */
static AstSeq seq(Arena *a, uint32_t n, ...)
{
    AstSeq s = {arena_alloc(a, sizeof(AstNode *) * (n ? n : 1)), n};
    va_list ap;
    va_start(ap, n);
    for (uint32_t i = 0; i < n; i++) s.items[i] = va_arg(ap, AstNode *);
    va_end(ap);
    return s;
}

static AstStr str(const char *s)
{
    return (AstStr){s, (uint32_t)strlen(s)};
}

static AstNode *name(Arena *a, const char *id, AstExprContext ctx)
{
    AstNode *n = mk(a, AST_Name);
    AST_AS(Name, n)->id = str(id);
    AST_AS(Name, n)->ctx = (uint8_t)ctx;
    return n;
}

static AstNode *constant(Arena *a, AstConstKind kind, const char *text)
{
    AstNode *n = mk(a, AST_Constant);
    AST_AS(Constant, n)->value.kind = (uint8_t)kind;
    if (text) AST_AS(Constant, n)->value.text = str(text);
    return n;
}

static AstNode *expr_stmt(Arena *a, AstNode *value)
{
    AstNode *n = mk(a, AST_Expr);
    AST_AS(Expr, n)->value = value;
    return n;
}

static AstNode *module(Arena *a, AstSeq body)
{
    AstNode *n = mk(a, AST_Module);
    AST_AS(Module, n)->body = body;
    return n;
}

static const char *dump(StrBuf *sb, const AstNode *n, int attrs)
{
    strbuf_clear(sb);
    ast_dump(sb, n, attrs);
    return sb->data;
}

typedef struct Fx {
    Arena a;
    StrBuf sb;
} Fx;

static void fx_init(Fx *fx)
{
    arena_init(&fx->a);
    strbuf_init(&fx->sb);
}

static void fx_free(Fx *fx)
{
    arena_free(&fx->a);
    strbuf_free(&fx->sb);
}

/* print('hi') */
static void test_call(UnitContext *t)
{
    Fx fx;
    fx_init(&fx);
    AstNode *call = mk(&fx.a, AST_Call);
    AST_AS(Call, call)->func = name(&fx.a, "print", AST_LOAD);
    AST_AS(Call, call)->args = seq(&fx.a, 1, constant(&fx.a, CONST_STR, "hi"));
    AstNode *m = module(&fx.a, seq(&fx.a, 1, expr_stmt(&fx.a, call)));
    CHECK_STR(t, dump(&fx.sb, m, 0),
              "Module(body=[Expr(value=Call(func=Name(id='print', ctx=Load()), args=[Constant(value='hi')]))])");
    fx_free(&fx);
}

/* {None: 1, **d} */
static void test_dict_none_key(UnitContext *t)
{
    Fx fx;
    fx_init(&fx);
    AstNode *d = mk(&fx.a, AST_Dict);
    AST_AS(Dict, d)->keys = seq(&fx.a, 2, constant(&fx.a, CONST_NONE, NULL), NULL);
    AST_AS(Dict, d)->values = seq(&fx.a, 2, constant(&fx.a, CONST_INT, "1"), name(&fx.a, "d", AST_LOAD));
    AstNode *m = module(&fx.a, seq(&fx.a, 1, expr_stmt(&fx.a, d)));
    CHECK_STR(t, dump(&fx.sb, m, 0),
              "Module(body=[Expr(value=Dict(keys=[Constant(value=None), None], values=[Constant(value=1), "
              "Name(id='d', ctx=Load())]))])");
    fx_free(&fx);
}

/* None ; u'x' ; -1.5j ; b'\x00' ; ... */
static void test_constants(UnitContext *t)
{
    Fx fx;
    fx_init(&fx);
    CHECK_STR(t, dump(&fx.sb, module(&fx.a, seq(&fx.a, 1, expr_stmt(&fx.a, constant(&fx.a, CONST_NONE, NULL)))), 0),
              "Module(body=[Expr(value=Constant(value=None))])");
    AstNode *u = constant(&fx.a, CONST_STR, "x");
    AST_AS(Constant, u)->kind = str("u");
    CHECK_STR(t, dump(&fx.sb, u, 0), "Constant(value='x', kind='u')");
    AstNode *neg = mk(&fx.a, AST_UnaryOp);
    AST_AS(UnaryOp, neg)->op = AST_USUB;
    AST_AS(UnaryOp, neg)->operand = constant(&fx.a, CONST_COMPLEX, NULL);
    AST_AS(Constant, AST_AS(UnaryOp, neg)->operand)->value.number = 1.5;
    CHECK_STR(t, dump(&fx.sb, neg, 0), "UnaryOp(op=USub(), operand=Constant(value=1.5j))");
    AstNode *b = constant(&fx.a, CONST_BYTES, NULL);
    AST_AS(Constant, b)->value.text = (AstStr){"\0", 1};
    CHECK_STR(t, dump(&fx.sb, b, 0), "Constant(value=b'\\x00')");
    CHECK_STR(t, dump(&fx.sb, constant(&fx.a, CONST_ELLIPSIS, NULL), 0), "Constant(value=Ellipsis)");
    CHECK_STR(t, dump(&fx.sb, NULL, 0), "None");
    fx_free(&fx);
}

/* from os import path ; from .. import x as y */
static void test_import_from(UnitContext *t)
{
    Fx fx;
    fx_init(&fx);
    AstNode *al = mk(&fx.a, AST_alias);
    AST_AS(alias, al)->name = str("path");
    AstNode *imp = mk(&fx.a, AST_ImportFrom);
    AST_AS(ImportFrom, imp)->module = str("os");
    AST_AS(ImportFrom, imp)->names = seq(&fx.a, 1, al);
    CHECK_STR(t, dump(&fx.sb, module(&fx.a, seq(&fx.a, 1, imp)), 0),
              "Module(body=[ImportFrom(module='os', names=[alias(name='path')], level=0)])");
    AstNode *al2 = mk(&fx.a, AST_alias);
    AST_AS(alias, al2)->name = str("x");
    AST_AS(alias, al2)->asname = str("y");
    AstNode *rel = mk(&fx.a, AST_ImportFrom);
    AST_AS(ImportFrom, rel)->names = seq(&fx.a, 1, al2);
    AST_AS(ImportFrom, rel)->level = 2;
    CHECK_STR(t, dump(&fx.sb, rel, 0), "ImportFrom(names=[alias(name='x', asname='y')], level=2)");
    fx_free(&fx);
}

/* def f(): pass ; def f(*, a, b=1): return */
static void test_function_def(UnitContext *t)
{
    Fx fx;
    fx_init(&fx);
    AstNode *f = mk(&fx.a, AST_FunctionDef);
    AST_AS(FunctionDef, f)->name = str("f");
    AST_AS(FunctionDef, f)->args = mk(&fx.a, AST_arguments);
    AST_AS(FunctionDef, f)->body = seq(&fx.a, 1, mk(&fx.a, AST_Pass));
    CHECK_STR(t, dump(&fx.sb, module(&fx.a, seq(&fx.a, 1, f)), 0),
              "Module(body=[FunctionDef(name='f', args=arguments(), body=[Pass()])])");
    AstNode *args = mk(&fx.a, AST_arguments);
    AstNode *a1 = mk(&fx.a, AST_arg), *a2 = mk(&fx.a, AST_arg);
    AST_AS(arg, a1)->arg = str("a");
    AST_AS(arg, a2)->arg = str("b");
    AST_AS(arguments, args)->kwonlyargs = seq(&fx.a, 2, a1, a2);
    AST_AS(arguments, args)->kw_defaults = seq(&fx.a, 2, NULL, constant(&fx.a, CONST_INT, "1"));
    AstNode *g = mk(&fx.a, AST_FunctionDef);
    AST_AS(FunctionDef, g)->name = str("f");
    AST_AS(FunctionDef, g)->args = args;
    AST_AS(FunctionDef, g)->body = seq(&fx.a, 1, mk(&fx.a, AST_Return));
    CHECK_STR(t, dump(&fx.sb, g, 0),
              "FunctionDef(name='f', args=arguments(kwonlyargs=[arg(arg='a'), arg(arg='b')], "
              "kw_defaults=[None, Constant(value=1)]), body=[Return()])");
    fx_free(&fx);
}

/* a < b <= c ; x: int = 1 ; global a, b */
static void test_compare_annassign_global(UnitContext *t)
{
    Fx fx;
    fx_init(&fx);
    AstNode *cmp = mk(&fx.a, AST_Compare);
    static uint8_t ops[] = {AST_LT, AST_LTE};
    AST_AS(Compare, cmp)->left = name(&fx.a, "a", AST_LOAD);
    AST_AS(Compare, cmp)->ops = (AstCmpopSeq){ops, 2};
    AST_AS(Compare, cmp)->comparators = seq(&fx.a, 2, name(&fx.a, "b", AST_LOAD), name(&fx.a, "c", AST_LOAD));
    CHECK_STR(t, dump(&fx.sb, cmp, 0),
              "Compare(left=Name(id='a', ctx=Load()), ops=[Lt(), LtE()], comparators=[Name(id='b', ctx=Load()), "
              "Name(id='c', ctx=Load())])");
    AstNode *ann = mk(&fx.a, AST_AnnAssign);
    AST_AS(AnnAssign, ann)->target = name(&fx.a, "x", AST_STORE);
    AST_AS(AnnAssign, ann)->annotation = name(&fx.a, "int", AST_LOAD);
    AST_AS(AnnAssign, ann)->value = constant(&fx.a, CONST_INT, "1");
    AST_AS(AnnAssign, ann)->simple = 1;
    CHECK_STR(t, dump(&fx.sb, ann, 0),
              "AnnAssign(target=Name(id='x', ctx=Store()), annotation=Name(id='int', ctx=Load()), "
              "value=Constant(value=1), simple=1)");
    AstNode *gl = mk(&fx.a, AST_Global);
    AstStr *names = arena_alloc(&fx.a, 2 * sizeof *names);
    names[0] = str("a");
    names[1] = str("b");
    AST_AS(Global, gl)->names = (AstStrSeq){names, 2};
    CHECK_STR(t, dump(&fx.sb, gl, 0), "Global(names=['a', 'b'])");
    fx_free(&fx);
}

/* f'a{b!r:>10}' ; match x: case None: pass */
static void test_fstring_and_match(UnitContext *t)
{
    Fx fx;
    fx_init(&fx);
    AstNode *spec = mk(&fx.a, AST_JoinedStr);
    AST_AS(JoinedStr, spec)->values = seq(&fx.a, 1, constant(&fx.a, CONST_STR, ">10"));
    AstNode *fv = mk(&fx.a, AST_FormattedValue);
    AST_AS(FormattedValue, fv)->value = name(&fx.a, "b", AST_LOAD);
    AST_AS(FormattedValue, fv)->conversion = 'r';
    AST_AS(FormattedValue, fv)->format_spec = spec;
    AstNode *js = mk(&fx.a, AST_JoinedStr);
    AST_AS(JoinedStr, js)->values = seq(&fx.a, 2, constant(&fx.a, CONST_STR, "a"), fv);
    CHECK_STR(t, dump(&fx.sb, js, 0),
              "JoinedStr(values=[Constant(value='a'), FormattedValue(value=Name(id='b', ctx=Load()), "
              "conversion=114, format_spec=JoinedStr(values=[Constant(value='>10')]))])");
    AstNode *single = mk(&fx.a, AST_MatchSingleton);   /* value: CONST_NONE */
    AstNode *mc = mk(&fx.a, AST_match_case);
    AST_AS(match_case, mc)->pattern = single;
    AST_AS(match_case, mc)->body = seq(&fx.a, 1, mk(&fx.a, AST_Pass));
    AstNode *m = mk(&fx.a, AST_Match);
    AST_AS(Match, m)->subject = name(&fx.a, "x", AST_LOAD);
    AST_AS(Match, m)->cases = seq(&fx.a, 1, mc);
    CHECK_STR(t, dump(&fx.sb, m, 0),
              "Match(subject=Name(id='x', ctx=Load()), cases=[match_case(pattern=MatchSingleton(value=None), "
              "body=[Pass()])])");
    fx_free(&fx);
}

/* x = 1\nif x:\n  y = [1,\n 2]   with include_attributes=True */
static void test_attributes(UnitContext *t)
{
    Fx fx;
    fx_init(&fx);
    Arena *a = &fx.a;
    AstNode *as1 = at(mk(a, AST_Assign), 1, 0, 1, 5);
    AST_AS(Assign, as1)->targets = seq(a, 1, at(name(a, "x", AST_STORE), 1, 0, 1, 1));
    AST_AS(Assign, as1)->value = at(constant(a, CONST_INT, "1"), 1, 4, 1, 5);
    AstNode *list = at(mk(a, AST_List), 3, 6, 4, 3);
    AST_AS(List, list)->elts = seq(a, 2, at(constant(a, CONST_INT, "1"), 3, 7, 3, 8),
                                   at(constant(a, CONST_INT, "2"), 4, 1, 4, 2));
    AstNode *as2 = at(mk(a, AST_Assign), 3, 2, 4, 3);
    AST_AS(Assign, as2)->targets = seq(a, 1, at(name(a, "y", AST_STORE), 3, 2, 3, 3));
    AST_AS(Assign, as2)->value = list;
    AstNode *iff = at(mk(a, AST_If), 2, 0, 4, 3);
    AST_AS(If, iff)->test = at(name(a, "x", AST_LOAD), 2, 3, 2, 4);
    AST_AS(If, iff)->body = seq(a, 1, as2);
    CHECK_STR(t, dump(&fx.sb, module(a, seq(a, 2, as1, iff)), 1),
              "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, "
              "end_col_offset=1)], value=Constant(value=1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), "
              "lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), If(test=Name(id='x', ctx=Load(), lineno=2, "
              "col_offset=3, end_lineno=2, end_col_offset=4), body=[Assign(targets=[Name(id='y', ctx=Store(), "
              "lineno=3, col_offset=2, end_lineno=3, end_col_offset=3)], value=List(elts=[Constant(value=1, "
              "lineno=3, col_offset=7, end_lineno=3, end_col_offset=8), Constant(value=2, lineno=4, col_offset=1, "
              "end_lineno=4, end_col_offset=2)], ctx=Load(), lineno=3, col_offset=6, end_lineno=4, "
              "end_col_offset=3), lineno=3, col_offset=2, end_lineno=4, end_col_offset=3)], lineno=2, "
              "col_offset=0, end_lineno=4, end_col_offset=3)])");
    /* A kind without attributes (Pass has them, arguments does not). */
    CHECK_STR(t, dump(&fx.sb, at(mk(a, AST_Pass), 7, 1, 7, 5), 1),
              "Pass(lineno=7, col_offset=1, end_lineno=7, end_col_offset=5)");
    CHECK_STR(t, dump(&fx.sb, mk(a, AST_arguments), 1), "arguments()");
    fx_free(&fx);
}

/* x[1:2, ::3] ; try: pass / except E as e: raise / finally: del a */
static void test_slice_and_try(UnitContext *t)
{
    Fx fx;
    fx_init(&fx);
    Arena *a = &fx.a;
    AstNode *s1 = mk(a, AST_Slice), *s2 = mk(a, AST_Slice);
    AST_AS(Slice, s1)->lower = constant(a, CONST_INT, "1");
    AST_AS(Slice, s1)->upper = constant(a, CONST_INT, "2");
    AST_AS(Slice, s2)->step = constant(a, CONST_INT, "3");
    AstNode *tup = mk(a, AST_Tuple);
    AST_AS(Tuple, tup)->elts = seq(a, 2, s1, s2);
    AstNode *sub = mk(a, AST_Subscript);
    AST_AS(Subscript, sub)->value = name(a, "x", AST_LOAD);
    AST_AS(Subscript, sub)->slice = tup;
    CHECK_STR(t, dump(&fx.sb, sub, 0),
              "Subscript(value=Name(id='x', ctx=Load()), slice=Tuple(elts=[Slice(lower=Constant(value=1), "
              "upper=Constant(value=2)), Slice(step=Constant(value=3))], ctx=Load()), ctx=Load())");
    AstNode *h = mk(a, AST_ExceptHandler);
    AST_AS(ExceptHandler, h)->type = name(a, "E", AST_LOAD);
    AST_AS(ExceptHandler, h)->name = str("e");
    AST_AS(ExceptHandler, h)->body = seq(a, 1, mk(a, AST_Raise));
    AstNode *del = mk(a, AST_Delete);
    AST_AS(Delete, del)->targets = seq(a, 1, name(a, "a", AST_DEL));
    AstNode *tr = mk(a, AST_Try);
    AST_AS(Try, tr)->body = seq(a, 1, mk(a, AST_Pass));
    AST_AS(Try, tr)->handlers = seq(a, 1, h);
    AST_AS(Try, tr)->finalbody = seq(a, 1, del);
    CHECK_STR(t, dump(&fx.sb, tr, 0),
              "Try(body=[Pass()], handlers=[ExceptHandler(type=Name(id='E', ctx=Load()), name='e', "
              "body=[Raise()])], finalbody=[Delete(targets=[Name(id='a', ctx=Del())])])");
    fx_free(&fx);
}

/* A deep chain (-(-(-...x))) is dumped without recursion. */
static void test_deep_tree(UnitContext *t)
{
    Fx fx;
    fx_init(&fx);
    enum { DEPTH = 200000 };
    AstNode *n = name(&fx.a, "x", AST_LOAD);
    for (int i = 0; i < DEPTH; i++) {
        AstNode *u = mk(&fx.a, AST_UnaryOp);
        AST_AS(UnaryOp, u)->op = AST_USUB;
        AST_AS(UnaryOp, u)->operand = n;
        n = u;
    }
    const char *s = dump(&fx.sb, n, 0);
    static const char unit[] = "UnaryOp(op=USub(), operand=";
    CHECK_INT(t, fx.sb.len, (sizeof unit - 1 + 1) * DEPTH + strlen("Name(id='x', ctx=Load())"));
    CHECK(t, strncmp(s, unit, sizeof unit - 1) == 0);
    fx_free(&fx);
}

/* ---- differential harness ----
 * "--diff FILE": FILE holds cases of four lines each: "CASE name", a tree
 * serialised by tests/diff/ast_dump.test, then CPython's ast.dump of it
 * without and with attributes. The tree is rebuilt generically from
 * ast_kind_info (which also checks that ast.def's fields match CPython's
 * _fields order) and both dumps must match byte for byte. */

typedef struct Reader {
    char *p;
    Arena *a;
    char err[200];
} Reader;

static char *next_tok(Reader *r)
{
    while (*r->p == ' ') r->p++;
    if (!*r->p || *r->p == '\n') return NULL;
    char *start = r->p;
    while (*r->p && *r->p != ' ' && *r->p != '\n') r->p++;
    if (*r->p) *r->p++ = '\0';
    return start;
}

static int reader_fail(Reader *r, const char *what, const char *tok)
{
    if (!r->err[0]) snprintf(r->err, sizeof r->err, "%s (at \"%.40s\")", what, tok ? tok : "end of line");
    return -1;
}

static AstStr read_hex(Reader *r, const char *hex)
{
    size_t n = strlen(hex) / 2;
    char *out = arena_alloc(r->a, n + 1);
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        sscanf(hex + 2 * i, "%2x", &v);
        out[i] = (char)v;
    }
    out[n] = '\0';
    return (AstStr){out, (uint32_t)n};
}

static int read_str(Reader *r, AstStr *out)
{
    char *tag = next_tok(r);
    if (tag && strcmp(tag, "-") == 0) {
        *out = (AstStr){NULL, 0};
        return 0;
    }
    char *hex = next_tok(r);
    if (!tag || strcmp(tag, "S") != 0 || !hex) return reader_fail(r, "expected a string", tag);
    *out = strcmp(hex, "=") == 0 ? (AstStr){"", 0} : read_hex(r, hex);
    return 0;
}

static int name_index(const char *const *names, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0) return i;
    return -1;
}

static int read_op(Reader *r, const char *const *names, int n, uint8_t *out)
{
    char *tag = next_tok(r), *nm = next_tok(r);
    int i = tag && nm && strcmp(tag, "O") == 0 ? name_index(names, n, nm) : -1;
    if (i < 0) return reader_fail(r, "expected an operator", nm);
    *out = (uint8_t)i;
    return 0;
}

static int read_count(Reader *r, uint32_t *n)
{
    char *tag = next_tok(r), *num = next_tok(r);
    if (!tag || !num || strcmp(tag, "L") != 0) return reader_fail(r, "expected a list", tag);
    *n = (uint32_t)strtoul(num, NULL, 10);
    return 0;
}

static int read_const(Reader *r, AstConst *c)
{
    char *tag = next_tok(r), *kind = next_tok(r);
    static const char *const kinds[] = {"none", "true", "false", "ellipsis", "int", "float", "complex", "str", "bytes"};
    int k = tag && kind && strcmp(tag, "C") == 0 ? name_index(kinds, 9, kind) : -1;
    if (k < 0) return reader_fail(r, "expected a constant", kind);
    memset(c, 0, sizeof *c);
    c->kind = (uint8_t)k;
    if (k < CONST_INT) return 0;
    char *v = next_tok(r);
    if (!v) return reader_fail(r, "constant without a value", kind);
    if (k == CONST_INT) {
        c->text = (AstStr){arena_strndup(r->a, v, strlen(v)), (uint32_t)strlen(v)};
    } else if (k == CONST_FLOAT || k == CONST_COMPLEX) {
        uint64_t bits = strtoull(v, NULL, 16);
        memcpy(&c->number, &bits, sizeof bits);
    } else {
        c->text = strcmp(v, "=") == 0 ? (AstStr){"", 0} : read_hex(r, v);
    }
    return 0;
}

static int read_node(Reader *r, AstNode **out, uint32_t depth);

static int read_field(Reader *r, AstNode *n, const AstFieldInfo *f, uint32_t depth)
{
    void *p = (char *)n + f->offset;
    switch ((AstFieldType)f->type) {
    case AST_FT_NODE:
    case AST_FT_OPT: return read_node(r, (AstNode **)p, depth + 1);
    case AST_FT_LIST: {
        AstSeq *s = p;
        if (read_count(r, &s->len) < 0) return -1;
        s->items = arena_alloc(r->a, sizeof(AstNode *) * (s->len + 1));
        for (uint32_t i = 0; i < s->len; i++)
            if (read_node(r, &s->items[i], depth + 1) < 0) return -1;
        return 0;
    }
    case AST_FT_IDENT:
    case AST_FT_IDENT_OPT:
    case AST_FT_STR_OPT:
    case AST_FT_STR: return read_str(r, p);
    case AST_FT_IDENT_LIST: {
        AstStrSeq *s = p;
        if (read_count(r, &s->len) < 0) return -1;
        s->items = arena_alloc(r->a, sizeof(AstStr) * (s->len + 1));
        for (uint32_t i = 0; i < s->len; i++)
            if (read_str(r, &s->items[i]) < 0) return -1;
        return 0;
    }
    case AST_FT_CONST: return read_const(r, p);
    case AST_FT_INT: {
        char *tag = next_tok(r), *num = tag && strcmp(tag, "I") == 0 ? next_tok(r) : NULL;
        if (!num) return reader_fail(r, "expected an int", tag);
        *(int32_t *)p = (int32_t)strtol(num, NULL, 10);
        return 0;
    }
    case AST_FT_CTX: return read_op(r, ast_ctx_names, 3, p);
    case AST_FT_BOOLOP: return read_op(r, ast_boolop_names, 2, p);
    case AST_FT_OPERATOR: return read_op(r, ast_operator_names, 13, p);
    case AST_FT_UNARYOP: return read_op(r, ast_unaryop_names, 4, p);
    case AST_FT_CMPOPS: {
        AstCmpopSeq *s = p;
        if (read_count(r, &s->len) < 0) return -1;
        s->items = arena_alloc(r->a, s->len + 1);
        for (uint32_t i = 0; i < s->len; i++)
            if (read_op(r, ast_cmpop_names, 10, &s->items[i]) < 0) return -1;
        return 0;
    }
    }
    return reader_fail(r, "unknown field type", f->name);
}

/* Recursive, but the serialised trees come from real source whose depth
 * CPython's own parser bounds. */
static int read_node(Reader *r, AstNode **out, uint32_t depth)
{
    char *tag = next_tok(r);
    if (tag && strcmp(tag, "-") == 0) {
        *out = NULL;
        return 0;
    }
    char *kind = next_tok(r);
    if (!tag || !kind || strcmp(tag, "N") != 0 || depth > 10000) return reader_fail(r, "expected a node", tag);
    int k = 1;
    while (k < AST_KIND_COUNT && strcmp(ast_kind_info[k].name, kind) != 0) k++;
    if (k == AST_KIND_COUNT) return reader_fail(r, "unknown node kind", kind);
    AstNode *n = mk(r->a, (AstKind)k);
    uint32_t pos[4];
    for (int i = 0; i < 4; i++) {
        char *v = next_tok(r);
        if (!v) return reader_fail(r, "missing position", kind);
        pos[i] = (uint32_t)strtoul(v, NULL, 10);
    }
    at(n, pos[0], pos[1], pos[2], pos[3]);
    const AstKindInfo *info = &ast_kind_info[k];
    for (int i = 0; i < info->nfields; i++)
        if (read_field(r, n, &info->fields[i], depth) < 0) return -1;
    char *end = next_tok(r);
    if (!end || strcmp(end, ")") != 0) return reader_fail(r, "field count differs from CPython's", kind);
    *out = n;
    return 0;
}

static char *strip_newline(char *s)
{
    size_t n = strlen(s);
    if (n && s[n - 1] == '\n') s[n - 1] = '\0';
    return s;
}

static int diff_case(const char *name, char *tree, char *want, char *want_attrs)
{
    Arena a;
    arena_init(&a);
    Reader r = {tree, &a, ""};
    AstNode *root = NULL;
    StrBuf sb;
    strbuf_init(&sb);
    int failed = 1;
    if (read_node(&r, &root, 0) < 0) {
        printf("FAIL dump_%s: cannot rebuild the tree: %s\n", name, r.err);
        goto done;
    }
    strip_newline(want);
    strip_newline(want_attrs);
    const char *wants[2] = {want, want_attrs};
    for (int attrs = 0; attrs < 2; attrs++) {
        dump(&sb, root, attrs);
        if (strcmp(sb.data, wants[attrs]) == 0) continue;
        size_t i = 0;
        while (sb.data[i] && sb.data[i] == wants[attrs][i]) i++;
        size_t from = i > 60 ? i - 60 : 0;
        printf("FAIL dump_%s: %s differs at byte %zu: got \"%.120s\" want \"%.120s\"\n", name,
               attrs ? "include_attributes" : "ast.dump", i, sb.data + from, wants[attrs] + from);
        goto done;
    }
    printf("PASS dump_%s\n", name);
    failed = 0;
done:
    strbuf_free(&sb);
    arena_free(&a);
    return failed;
}

static int run_diff(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("FAIL dump_open: cannot open %s\n", path);
        return 1;
    }
    char *lines[4] = {NULL, NULL, NULL, NULL};
    size_t caps[4] = {0, 0, 0, 0};
    int failures = 0, cases = 0;
    while (getline(&lines[0], &caps[0], f) > 0) {
        if (strncmp(lines[0], "CASE ", 5) != 0) continue;
        if (getline(&lines[1], &caps[1], f) <= 0 || getline(&lines[2], &caps[2], f) <= 0 ||
            getline(&lines[3], &caps[3], f) <= 0) {
            printf("FAIL dump_truncated: %s ends inside a case\n", path);
            failures++;
            break;
        }
        cases++;
        failures += diff_case(strip_newline(lines[0] + 5), lines[1], lines[2], lines[3]);
    }
    if (cases == 0) {
        printf("FAIL dump_empty: %s holds no cases\n", path);
        failures++;
    }
    for (int i = 0; i < 4; i++) free(lines[i]);
    fclose(f);
    return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--diff") == 0) return run_diff(argv[2]);
    static const UnitTest tests[] = {
        {"call", test_call},
        {"dict_none_key", test_dict_none_key},
        {"constants", test_constants},
        {"import_from", test_import_from},
        {"function_def", test_function_def},
        {"compare_annassign_global", test_compare_annassign_global},
        {"fstring_and_match", test_fstring_and_match},
        {"attributes", test_attributes},
        {"slice_and_try", test_slice_and_try},
        {"deep_tree", test_deep_tree},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
