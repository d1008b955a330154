/* ast.c - the kind and field tables, expanded from ast.def. */
#include "python/ast.h"

#define AST_NODE(K, cat, attrs) static const AstFieldInfo fields_##K[] = {
#define AST_FIELD(K, name, type) {#name, AST_FT_##type, (uint16_t)offsetof(Ast##K, name)},
#define AST_END(K) {NULL, 0, 0}};
#include "python/ast.def"
#undef AST_NODE
#undef AST_FIELD
#undef AST_END

/* The child fields alone; each list ends with an entry that is not
 * counted, so none is empty. */
#define AST_CHILD_NODE(K, name) {(uint16_t)offsetof(Ast##K, name), 0},
#define AST_CHILD_OPT(K, name) {(uint16_t)offsetof(Ast##K, name), 0},
#define AST_CHILD_LIST(K, name) {(uint16_t)offsetof(Ast##K, name), 1},
#define AST_CHILD_IDENT(K, name)
#define AST_CHILD_IDENT_OPT(K, name)
#define AST_CHILD_IDENT_LIST(K, name)
#define AST_CHILD_STR_OPT(K, name)
#define AST_CHILD_STR(K, name)
#define AST_CHILD_CONST(K, name)
#define AST_CHILD_INT(K, name)
#define AST_CHILD_CTX(K, name)
#define AST_CHILD_BOOLOP(K, name)
#define AST_CHILD_OPERATOR(K, name)
#define AST_CHILD_UNARYOP(K, name)
#define AST_CHILD_CMPOPS(K, name)
#define AST_NODE(K, cat, attrs) static const AstChildField children_##K[] = {
#define AST_FIELD(K, name, type) AST_CHILD_##type(K, name)
#define AST_END(K) {0, 0}};
#include "python/ast.def"
#undef AST_NODE
#undef AST_FIELD
#undef AST_END

#define AST_NODE(K, cat, attrs) [AST_##K] = {#K, AST_CAT_##cat, attrs, \
    (uint8_t)(sizeof fields_##K / sizeof fields_##K[0] - 1), \
    (uint8_t)(sizeof children_##K / sizeof children_##K[0] - 1), (uint16_t)sizeof(Ast##K), fields_##K, \
    children_##K},
#define AST_FIELD(K, name, type)
#define AST_END(K)
const AstKindInfo ast_kind_info[AST_KIND_COUNT] = {
    [AST_INVALID] = {"<invalid>", 0, 0, 0, 0, 0, NULL, NULL},
#include "python/ast.def"
};
#undef AST_NODE
#undef AST_FIELD
#undef AST_END

const char *const ast_ctx_names[] = {"Load", "Store", "Del"};
const char *const ast_boolop_names[] = {"And", "Or"};
const char *const ast_operator_names[] = {
    "Add", "Sub", "Mult", "MatMult", "Div", "Mod", "Pow", "LShift", "RShift",
    "BitOr", "BitXor", "BitAnd", "FloorDiv"};
const char *const ast_unaryop_names[] = {"Invert", "Not", "UAdd", "USub"};
const char *const ast_cmpop_names[] = {
    "Eq", "NotEq", "Lt", "LtE", "Gt", "GtE", "Is", "IsNot", "In", "NotIn"};
