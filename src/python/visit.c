/* visit.c - the pre-order AST walk. Each open node is a frame holding the
 * position of the next child (child-field index, item index), so the walk never
 * recurses and needs no per-node allocation: the frame stack grows by
 * doubling. */
#include "python/visit.h"

#include "base/die.h"

#include <stdlib.h>

typedef struct VisitFrame {
    const AstNode *node;
    const AstNode *parent;
    uint32_t item;
    uint8_t field;
} VisitFrame;

/* The next non-NULL child of fr at or after its cursor, advancing it. */
static const AstNode *frame_next_child(VisitFrame *fr)
{
    const AstKindInfo *info = &ast_kind_info[fr->node->kind];
    while (fr->field < info->nchildren) {
        const AstChildField *f = &info->children[fr->field];
        const char *p = (const char *)fr->node + f->offset;
        if (!f->is_list) {
            const AstNode *child = *(AstNode *const *)p;
            fr->field++;
            if (child) return child;
            continue;
        }
        const AstSeq *seq = (const AstSeq *)p;
        while (fr->item < seq->len) {
            const AstNode *child = seq->items[fr->item++];
            if (child) return child;
        }
        fr->field++;
        fr->item = 0;
    }
    return NULL;
}

typedef struct VisitStack {
    VisitFrame *frames;
    size_t len, cap;
} VisitStack;

static void visit_push(VisitStack *st, const AstNode *node, const AstNode *parent)
{
    if (st->len == st->cap) {
        st->cap = st->cap ? st->cap * 2 : 64;
        st->frames = realloc(st->frames, st->cap * sizeof *st->frames);
        if (!st->frames) die_out_of_memory();
    }
    st->frames[st->len++] = (VisitFrame){node, parent, 0, 0};
}

/* Enters node: calls enter and pushes a frame when its children are wanted.
 * Returns VISIT_STOP or VISIT_CONTINUE. */
static int visit_enter(VisitStack *st, const AstNode *node, const AstNode *parent, AstVisitFn enter,
                       AstLeaveFn leave, void *ctx)
{
    int rc = enter ? enter(node, parent, ctx) : VISIT_CONTINUE;
    if (rc < 0) return VISIT_STOP;
    /* leaves (Name, Constant: most nodes) need no frame */
    if (rc == VISIT_SKIP || ast_kind_info[node->kind].nchildren == 0)
        return leave && leave(node, parent, ctx) < 0 ? VISIT_STOP : VISIT_CONTINUE;
    visit_push(st, node, parent);
    return VISIT_CONTINUE;
}

int ast_visit(const AstNode *root, AstVisitFn enter, AstLeaveFn leave, void *ctx)
{
    if (!root) return 0;
    VisitStack st = {NULL, 0, 0};
    int stopped = visit_enter(&st, root, NULL, enter, leave, ctx) < 0;
    while (!stopped && st.len) {
        VisitFrame *fr = &st.frames[st.len - 1];
        const AstNode *child = frame_next_child(fr);
        if (child) {
            stopped = visit_enter(&st, child, fr->node, enter, leave, ctx) < 0;
            continue;
        }
        VisitFrame done = *fr;
        st.len--;
        if (leave && leave(done.node, done.parent, ctx) < 0) stopped = 1;
    }
    free(st.frames);
    return stopped;
}

size_t ast_child_count(const AstNode *node)
{
    VisitFrame fr = {node, NULL, 0, 0};
    size_t n = 0;
    while (frame_next_child(&fr)) n++;
    return n;
}

const AstNode *ast_child_at(const AstNode *node, size_t i)
{
    VisitFrame fr = {node, NULL, 0, 0};
    const AstNode *child;
    while ((child = frame_next_child(&fr)) != NULL)
        if (i-- == 0) return child;
    return NULL;
}
