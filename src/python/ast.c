/* ast.c - the kind and field tables, expanded from ast.def. */
#include "python/ast.h"

#define AST_NODE(K, cat, attrs) static const AstFieldInfo fields_##K[] = {
#define AST_FIELD(K, name, type) {#name, AST_FT_##type, (uint16_t)offsetof(Ast##K, name)},
#define AST_END(K) {NULL, 0, 0}};
#include "python/ast.def"
#undef AST_NODE
#undef AST_FIELD
#undef AST_END

#define AST_NODE(K, cat, attrs) [AST_##K] = {#K, AST_CAT_##cat, attrs, \
    (uint8_t)(sizeof fields_##K / sizeof fields_##K[0] - 1), (uint16_t)sizeof(Ast##K), fields_##K},
#define AST_FIELD(K, name, type)
#define AST_END(K)
const AstKindInfo ast_kind_info[AST_KIND_COUNT] = {
    [AST_INVALID] = {"<invalid>", 0, 0, 0, 0, NULL},
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
