/* semantic.h - what names mean in one module, as a reader would see them:
 * imports (`import a.b as c`, `from m import n as x`, relative imports),
 * assignments of constants, and scopes (module, function, lambda, class;
 * class bodies are invisible from their methods, a function-local binding
 * shadows a module-level import). Built in one pass over the AST
 * (semantic_build); queried while a second walk moves through the scopes
 * with semantic_enter/semantic_leave, or, without a second walk, for nodes
 * an observer noted during the build (semantic_build_observed,
 * semantic_set_scope). Everything lives in the file's arena.
 *
 * Qualified names are dotted strings: `import subprocess as sp; sp.Popen`
 * gives "subprocess.Popen"; a call in the chain gives "()", so
 * `s = requests.Session(); s.get` gives "requests.Session().get". Builtins
 * that are not rebound resolve to themselves ("eval"). */
#ifndef KRAIT_SEMANTIC_H
#define KRAIT_SEMANTIC_H

#include "base/arena.h"
#include "python/ast.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct SemanticModel SemanticModel;
typedef struct Scope SemanticScope;

typedef enum ConstKind {
    CV_UNKNOWN = 0, CV_NONE, CV_BOOL, CV_INT, CV_FLOAT, CV_STR, CV_BYTES
} ConstKind;

/* The value of an expression when it is known without running the code. */
typedef struct ConstValue {
    ConstKind kind;
    bool truth;               /* Python truthiness (valid unless UNKNOWN) */
    bool int_exact;           /* INT: fits in int_value */
    int64_t int_value;        /* INT (when int_exact) and BOOL */
    double float_value;       /* FLOAT */
    const char *text;         /* STR/BYTES: arena copy, NUL-terminated */
    size_t len;
} ConstValue;

/* Builds the model of module. module_name is the dotted name of the file's
 * module when known ("pkg.sub.mod"; NULL when not), used to resolve relative
 * imports; is_package says the file is the package's __init__. */
SemanticModel *semantic_build(Arena *arena, const AstNode *module, const char *module_name, bool is_package);

/* Called for every node of the build's walk, in pre-order, before the model
 * takes the node in: scope is the scope the node is in, depth the number of
 * function, lambda and class bodies around it. */
typedef void (*SemanticObserveFn)(const AstNode *node, const AstNode *parent, SemanticScope *scope,
                                  unsigned depth, void *ctx);
/* semantic_build, calling observe(..., ctx) for every node. */
SemanticModel *semantic_build_observed(Arena *arena, const AstNode *module, const char *module_name, bool is_package,
                                       SemanticObserveFn observe, void *ctx);
/* Makes scope (as an observer saw it) the current scope of the queries. */
void semantic_set_scope(SemanticModel *model, SemanticScope *scope);

/* Moves the model's current scope into / out of a FunctionDef,
 * AsyncFunctionDef, Lambda or ClassDef node; other kinds are ignored, so a
 * walker may call them for every node. */
void semantic_enter(SemanticModel *model, const AstNode *node);
void semantic_leave(SemanticModel *model, const AstNode *node);

/* Writes the qualified name of a Name/Attribute/Call chain, seen from the
 * current scope, into out. Returns the length, or -1 when the expression has
 * no qualified name (a parameter, a local object, a subscript...) or it
 * does not fit. */
int semantic_qualified_name(const SemanticModel *model, const AstNode *expr, char *out, size_t n);

/* The dotted spelling of a Name/Attribute chain as written, a call giving
 * "()", an unknown link giving "" (Bandit's call name before aliasing). */
int semantic_spelling(const AstNode *expr, char *out, size_t n);

/* Evaluates expr from constants: literals, names bound once to constants in
 * the reachable scopes, + of strings/numbers, %-formatting, str.format and
 * f-strings of constants. Returns true and fills out when the value is
 * known. */
bool semantic_const_eval(const SemanticModel *model, const AstNode *expr, ConstValue *out);

/* The expression last assigned to a Name (`q = "..." % x` gives the BinOp),
 * seen from the current scope; NULL when the name is not bound by a plain
 * assignment (parameter, import, loop variable...) or expr is no Name. */
const AstNode *semantic_binding_value(const SemanticModel *model, const AstNode *expr);

/* Whether name, seen from the current scope, is a parameter of the
 * enclosing function. */
bool semantic_is_parameter(const SemanticModel *model, const AstNode *name_expr);

/* Bandit's two predicates over the modules the file imports (anywhere):
 * exact: a dotted name imported equals module; like: module is a substring
 * of one. */
bool semantic_imports_exact(const SemanticModel *model, const char *module);
bool semantic_imports_like(const SemanticModel *model, const char *module);

#endif
