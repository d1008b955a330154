/* ast.h - the abstract syntax tree, derived from ast.def. Every node starts
 * with an AstNode header (kind and CPython's positions); the kind-specific
 * struct is AstKind (AstCall, AstName, ...) with the fields of ast.def in
 * order. All nodes and their strings live in the arena of the file they came
 * from. Positions follow CPython: 1-based lines, 0-based columns counted in
 * UTF-8 bytes. */
#ifndef KRAIT_AST_H
#define KRAIT_AST_H

#include <stddef.h>
#include <stdint.h>

typedef enum AstKind {
    AST_INVALID = 0,
#define AST_NODE(K, cat, attrs) AST_##K,
#define AST_FIELD(K, name, type)
#define AST_END(K)
#include "python/ast.def"
#undef AST_NODE
#undef AST_FIELD
#undef AST_END
    AST_KIND_COUNT
} AstKind;

/* The ASDL sum or product a kind belongs to. */
typedef enum AstCategory {
    AST_CAT_mod, AST_CAT_stmt, AST_CAT_expr, AST_CAT_comprehension,
    AST_CAT_excepthandler, AST_CAT_arguments, AST_CAT_arg, AST_CAT_keyword,
    AST_CAT_alias, AST_CAT_withitem, AST_CAT_match_case, AST_CAT_pattern,
    AST_CAT_type_ignore, AST_CAT_type_param
} AstCategory;

typedef enum AstExprContext { AST_LOAD, AST_STORE, AST_DEL } AstExprContext;
typedef enum AstBoolop { AST_AND, AST_OR } AstBoolop;
typedef enum AstOperator {
    AST_ADD, AST_SUB, AST_MULT, AST_MATMULT, AST_DIV, AST_MOD, AST_POW,
    AST_LSHIFT, AST_RSHIFT, AST_BITOR, AST_BITXOR, AST_BITAND, AST_FLOORDIV
} AstOperator;
typedef enum AstUnaryop { AST_INVERT, AST_NOT, AST_UADD, AST_USUB } AstUnaryop;
typedef enum AstCmpop {
    AST_EQ, AST_NOTEQ, AST_LT, AST_LTE, AST_GT, AST_GTE, AST_IS, AST_ISNOT,
    AST_IN, AST_NOTIN
} AstCmpop;

/* 16 bytes: the kind shares a word with the line, so that a node's pointer
 * fields follow without padding. The parser refuses files whose lines go
 * past AST_MAX_LINENO. */
enum { AST_MAX_LINENO = (1 << 24) - 1 };

typedef struct AstNode {
    uint32_t kind : 8;        /* AstKind */
    uint32_t lineno : 24;
    uint32_t col_offset;
    uint32_t end_lineno;
    uint32_t end_col_offset;
} AstNode;

/* A string view into the arena; s == NULL means None for optional fields. */
typedef struct AstStr {
    const char *s;
    uint32_t len;
} AstStr;

typedef struct AstSeq {
    AstNode **items;
    uint32_t len;
} AstSeq;

typedef struct AstStrSeq {
    AstStr *items;
    uint32_t len;
} AstStrSeq;

typedef struct AstCmpopSeq {
    uint8_t *items;           /* AstCmpop */
    uint32_t len;
} AstCmpopSeq;

typedef enum AstConstKind {
    CONST_NONE, CONST_TRUE, CONST_FALSE, CONST_ELLIPSIS,
    CONST_INT, CONST_FLOAT, CONST_COMPLEX, CONST_STR, CONST_BYTES
} AstConstKind;

typedef struct AstConst {
    uint8_t kind;             /* AstConstKind */
    double number;            /* FLOAT: the value; COMPLEX: the imaginary part */
    /* INT: decimal digits (already converted from hex/octal/binary, no
     * underscores); STR: the value in UTF-8, lone surrogates encoded as
     * 3-byte sequences; BYTES: the raw bytes. */
    AstStr text;
} AstConst;

#define AST_CTYPE_NODE AstNode *
#define AST_CTYPE_OPT AstNode *
#define AST_CTYPE_LIST AstSeq
#define AST_CTYPE_IDENT AstStr
#define AST_CTYPE_IDENT_OPT AstStr
#define AST_CTYPE_IDENT_LIST AstStrSeq
#define AST_CTYPE_STR_OPT AstStr
#define AST_CTYPE_STR AstStr
#define AST_CTYPE_CONST AstConst
#define AST_CTYPE_INT int32_t
#define AST_CTYPE_CTX uint8_t
#define AST_CTYPE_BOOLOP uint8_t
#define AST_CTYPE_OPERATOR uint8_t
#define AST_CTYPE_UNARYOP uint8_t
#define AST_CTYPE_CMPOPS AstCmpopSeq

#define AST_NODE(K, cat, attrs) typedef struct Ast##K { AstNode base;
#define AST_FIELD(K, name, type) AST_CTYPE_##type name;
#define AST_END(K) } Ast##K;
#include "python/ast.def"
#undef AST_NODE
#undef AST_FIELD
#undef AST_END

typedef enum AstFieldType {
    AST_FT_NODE, AST_FT_OPT, AST_FT_LIST, AST_FT_IDENT, AST_FT_IDENT_OPT,
    AST_FT_IDENT_LIST, AST_FT_STR_OPT, AST_FT_STR, AST_FT_CONST, AST_FT_INT,
    AST_FT_CTX, AST_FT_BOOLOP, AST_FT_OPERATOR, AST_FT_UNARYOP, AST_FT_CMPOPS
} AstFieldType;

typedef struct AstFieldInfo {
    const char *name;
    uint8_t type;             /* AstFieldType */
    uint16_t offset;          /* offsetof the field in the kind's struct */
} AstFieldInfo;

/* A field that holds children (NODE, OPT or LIST), for walks that want
 * nothing else. */
typedef struct AstChildField {
    uint16_t offset;
    uint8_t is_list;
} AstChildField;

typedef struct AstKindInfo {
    const char *name;         /* "Call", "comprehension", ... as ast.dump prints */
    uint8_t category;         /* AstCategory */
    uint8_t has_attributes;
    uint8_t nfields;
    uint8_t nchildren;        /* entries of children */
    uint16_t size;            /* sizeof the kind's struct */
    const AstFieldInfo *fields;
    const AstChildField *children;  /* the child fields, in field order */
} AstKindInfo;

/* Indexed by AstKind; defined in ast.c from ast.def. */
extern const AstKindInfo ast_kind_info[AST_KIND_COUNT];

extern const char *const ast_ctx_names[];        /* "Load", "Store", "Del" */
extern const char *const ast_boolop_names[];
extern const char *const ast_operator_names[];
extern const char *const ast_unaryop_names[];
extern const char *const ast_cmpop_names[];

#define AST_AS(K, node) ((Ast##K *)(node))

#endif
