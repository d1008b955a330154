/* ast_dump.c - ast.dump() of CPython 3.13, driven by ast_kind_info so no
 * node kind needs code of its own. The omission rules are those of
 * Lib/ast.py with show_empty=False: a field that is None or an empty list is
 * left out; None inside a list (Dict.keys) prints as None. Lib/ast.py
 * exempts Constant and MatchSingleton, whose value None must show: here a
 * constant value is never "None the absent field", so no exemption is
 * needed, and Constant.kind (string?) is omitted when None either way.
 *
 * The walk is iterative: each open node is a frame recording which field it
 * is at and, inside a list field, which item, so depth costs heap, not C
 * stack. */
#include "python/ast_dump.h"

#include "base/die.h"
#include "python/pyrepr.h"

#include <stdlib.h>

typedef struct DumpFrame {
    const AstNode *node;
    uint32_t item;        /* next item when in_list */
    uint8_t field;        /* next field to consider */
    uint8_t in_list;
    uint8_t any;          /* something was printed inside the parentheses */
} DumpFrame;

typedef struct DumpStack {
    DumpFrame *frames;
    size_t len, cap;
} DumpStack;

static void stack_push(DumpStack *st, StrBuf *out, const AstNode *node)
{
    if (st->len == st->cap) {
        st->cap = st->cap ? st->cap * 2 : 64;
        st->frames = realloc(st->frames, st->cap * sizeof *st->frames);
        if (!st->frames) die_out_of_memory();
    }
    st->frames[st->len++] = (DumpFrame){node, 0, 0, 0, 0};
    strbuf_puts(out, ast_kind_info[node->kind].name);
    strbuf_putc(out, '(');
}

static const void *field_ptr(const AstNode *node, const AstFieldInfo *f)
{
    return (const char *)node + f->offset;
}

/* Whether ast.dump leaves the field out (None or empty, show_empty=False). */
static int field_omitted(const AstNode *node, const AstFieldInfo *f)
{
    const void *p = field_ptr(node, f);
    switch ((AstFieldType)f->type) {
    case AST_FT_NODE:
    case AST_FT_OPT: return *(AstNode *const *)p == NULL;
    case AST_FT_LIST: return ((const AstSeq *)p)->len == 0;
    case AST_FT_IDENT_LIST: return ((const AstStrSeq *)p)->len == 0;
    case AST_FT_CMPOPS: return ((const AstCmpopSeq *)p)->len == 0;
    case AST_FT_IDENT_OPT:
    case AST_FT_STR_OPT: return ((const AstStr *)p)->s == NULL;
    default: return 0;
    }
}

/* Decimal digits without printf: positions are most of a dump with
 * attributes. */
static void put_u32(StrBuf *out, uint32_t v)
{
    char buf[10];
    int i = sizeof buf;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    strbuf_append(out, buf + i, sizeof buf - (size_t)i);
}

static void put_int(StrBuf *out, int32_t v)
{
    if (v < 0) strbuf_putc(out, '-');
    put_u32(out, v < 0 ? 0u - (uint32_t)v : (uint32_t)v);
}

static void put_op(StrBuf *out, const char *name)
{
    strbuf_puts(out, name);
    strbuf_append(out, "()", 2);
}

/* A field whose value has no child nodes, printed in full. */
static void dump_scalar(StrBuf *out, const AstNode *node, const AstFieldInfo *f)
{
    const void *p = field_ptr(node, f);
    const AstStr *str = p;
    switch ((AstFieldType)f->type) {
    case AST_FT_IDENT:
    case AST_FT_IDENT_OPT:
    case AST_FT_STR_OPT:
    case AST_FT_STR:
        if (str->s) pyrepr_str(out, str->s, str->len);
        else strbuf_puts(out, "None");
        return;
    case AST_FT_IDENT_LIST: {
        const AstStrSeq *seq = p;
        strbuf_putc(out, '[');
        for (uint32_t i = 0; i < seq->len; i++) {
            if (i) strbuf_append(out, ", ", 2);
            pyrepr_str(out, seq->items[i].s, seq->items[i].len);
        }
        strbuf_putc(out, ']');
        return;
    }
    case AST_FT_CMPOPS: {
        const AstCmpopSeq *seq = p;
        strbuf_putc(out, '[');
        for (uint32_t i = 0; i < seq->len; i++) {
            if (i) strbuf_append(out, ", ", 2);
            put_op(out, ast_cmpop_names[seq->items[i]]);
        }
        strbuf_putc(out, ']');
        return;
    }
    case AST_FT_CONST: pyrepr_const(out, p); return;
    case AST_FT_INT: put_int(out, *(const int32_t *)p); return;
    case AST_FT_CTX: put_op(out, ast_ctx_names[*(const uint8_t *)p]); return;
    case AST_FT_BOOLOP: put_op(out, ast_boolop_names[*(const uint8_t *)p]); return;
    case AST_FT_OPERATOR: put_op(out, ast_operator_names[*(const uint8_t *)p]); return;
    case AST_FT_UNARYOP: put_op(out, ast_unaryop_names[*(const uint8_t *)p]); return;
    case AST_FT_NODE:
    case AST_FT_OPT:
    case AST_FT_LIST: return;            /* handled by the walk */
    }
}

static void close_node(StrBuf *out, const DumpFrame *fr, int include_attributes)
{
    const AstNode *n = fr->node;
    if (include_attributes && ast_kind_info[n->kind].has_attributes) {
        if (fr->any) strbuf_append(out, ", ", 2);
        strbuf_append(out, "lineno=", 7);
        put_u32(out, n->lineno);
        strbuf_append(out, ", col_offset=", 13);
        put_u32(out, n->col_offset);
        strbuf_append(out, ", end_lineno=", 13);
        put_u32(out, n->end_lineno);
        strbuf_append(out, ", end_col_offset=", 17);
        put_u32(out, n->end_col_offset);
    }
    strbuf_putc(out, ')');
}

/* Advances the top frame by one step: an item of the open list, or the next
 * field. Pushes a child when one must be printed next. */
static void dump_step(DumpStack *st, StrBuf *out, int include_attributes)
{
    DumpFrame *fr = &st->frames[st->len - 1];
    const AstKindInfo *info = &ast_kind_info[fr->node->kind];
    if (fr->in_list) {
        const AstSeq *seq = field_ptr(fr->node, &info->fields[fr->field]);
        if (fr->item < seq->len) {
            const AstNode *child = seq->items[fr->item];
            if (fr->item++) strbuf_append(out, ", ", 2);
            if (child) stack_push(st, out, child);
            else strbuf_puts(out, "None");
            return;
        }
        strbuf_putc(out, ']');
        fr->in_list = 0;
        fr->field++;
        return;
    }
    if (fr->field >= info->nfields) {
        close_node(out, fr, include_attributes);
        st->len--;
        return;
    }
    const AstFieldInfo *f = &info->fields[fr->field];
    if (field_omitted(fr->node, f)) {
        fr->field++;
        return;
    }
    if (fr->any) strbuf_append(out, ", ", 2);
    fr->any = 1;
    strbuf_puts(out, f->name);
    strbuf_putc(out, '=');
    if (f->type == AST_FT_LIST) {
        strbuf_putc(out, '[');
        fr->in_list = 1;
        fr->item = 0;
        return;
    }
    fr->field++;
    if (f->type == AST_FT_NODE || f->type == AST_FT_OPT) {
        const AstNode *child = *(AstNode *const *)field_ptr(fr->node, f);
        if (child) stack_push(st, out, child);   /* fr is stale after this */
        else strbuf_puts(out, "None");
        return;
    }
    dump_scalar(out, fr->node, f);
}

void ast_dump(StrBuf *out, const AstNode *node, int include_attributes)
{
    if (!node) {
        strbuf_puts(out, "None");
        return;
    }
    DumpStack st = {NULL, 0, 0};
    stack_push(&st, out, node);
    while (st.len) dump_step(&st, out, include_attributes);
    free(st.frames);
}
