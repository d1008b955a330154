/* visit.h - a generic pre-order walk over an AST, driven by ast_kind_info
 * (children in field order, list items in order; NULL entries and absent
 * optional children are not visited). The walk keeps its stack on the heap,
 * so any depth is safe. */
#ifndef KRAIT_VISIT_H
#define KRAIT_VISIT_H

#include "python/ast.h"

enum { VISIT_CONTINUE = 0, VISIT_SKIP = 1, VISIT_STOP = -1 };

/* Called before a node's children. parent is NULL for the root. Returns
 * VISIT_CONTINUE, VISIT_SKIP (do not enter the children; leave is still
 * called) or VISIT_STOP (end the walk at once). */
typedef int (*AstVisitFn)(const AstNode *node, const AstNode *parent, void *ctx);
/* Called after a node's children (may be NULL). Returns VISIT_CONTINUE or
 * VISIT_STOP. */
typedef int (*AstLeaveFn)(const AstNode *node, const AstNode *parent, void *ctx);

/* Walks root (NULL is allowed and visits nothing). Returns 0 when the walk
 * ran to the end, 1 when a callback stopped it. */
int ast_visit(const AstNode *root, AstVisitFn enter, AstLeaveFn leave, void *ctx);

/* The number of child nodes of node (non-NULL entries of NODE, OPT and LIST
 * fields), and the i-th of them in walk order. Both walk the fields, so
 * ast_child_at costs O(i): use ast_visit to go over all children. */
size_t ast_child_count(const AstNode *node);
const AstNode *ast_child_at(const AstNode *node, size_t i);

#endif
