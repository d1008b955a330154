/* ast_dump.h - the AST printed exactly as CPython 3.13's ast.dump(node)
 * prints it (annotate_fields=True, indent=None, show_empty=False), with
 * positions when include_attributes is set, as
 * ast.dump(node, include_attributes=True) does. */
#ifndef KRAIT_AST_DUMP_H
#define KRAIT_AST_DUMP_H

#include "base/strbuf.h"
#include "python/ast.h"

/* Appends the dump of node (NULL prints "None") to out. Works for any
 * depth: the walk keeps its own stack on the heap. */
void ast_dump(StrBuf *out, const AstNode *node, int include_attributes);

#endif
