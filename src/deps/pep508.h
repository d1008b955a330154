/* pep508.h - PEP 508 dependency specifications ("requests[socks] >= 2.8,
 * < 3 ; python_version >= '3.8'") and environment markers.
 *
 * pep508_parse reads one requirement into an arena owned by the caller:
 * name (as written and PEP 503-normalised), extras, PEP 440 specifiers
 * (with or without parentheses) or a URL ("name @ url"), and the marker as
 * a small tree. Errors carry the 1-based column (err->col, and in the
 * message) of the offending character.
 *
 * Markers are evaluated against a Pep508Env: the values of the marker
 * variables for the target interpreter and platform (default: CPython 3.12
 * on Linux x86_64) plus the extras being installed. Comparisons follow
 * packaging: when the operator is a version operator and both sides are
 * PEP 440 versions the comparison is PEP 440's (pre-releases allowed);
 * otherwise <, <=, ==, !=, >=, > compare strings, "in"/"not in" test
 * substrings, and '===' compares strings ignoring case. Values of "extra"
 * are compared after PEP 503/685 normalisation. */
#ifndef KRAIT_PEP508_H
#define KRAIT_PEP508_H

#include "base/arena.h"
#include "base/error.h"
#include "deps/pep440.h"

#include <stdbool.h>
#include <stddef.h>

enum { PEP508_MARKER_DEPTH_MAX = 64 };   /* nested parentheses in a marker */

/* The marker variables: X(enum suffix, name, default value). "extra" is not
 * here: it comes from Pep508Env.extras. */
#define PEP508_VARIABLES(X)                                          \
    X(IMPLEMENTATION_NAME, "implementation_name", "cpython")         \
    X(IMPLEMENTATION_VERSION, "implementation_version", "3.12.0")    \
    X(OS_NAME, "os_name", "posix")                                    \
    X(PLATFORM_MACHINE, "platform_machine", "x86_64")                 \
    X(PLATFORM_PYTHON_IMPLEMENTATION, "platform_python_implementation", "CPython") \
    X(PLATFORM_RELEASE, "platform_release", "")                       \
    X(PLATFORM_SYSTEM, "platform_system", "Linux")                    \
    X(PLATFORM_VERSION, "platform_version", "")                       \
    X(PYTHON_FULL_VERSION, "python_full_version", "3.12.0")           \
    X(PYTHON_VERSION, "python_version", "3.12")                       \
    X(SYS_PLATFORM, "sys_platform", "linux")

typedef enum Pep508Var {
#define PEP508_ENUM(id, name, value) PEP508_VAR_##id,
    PEP508_VARIABLES(PEP508_ENUM)
#undef PEP508_ENUM
    PEP508_VAR_EXTRA,
    PEP508_VAR_COUNT
} Pep508Var;

typedef struct Pep508Env {
    const char *value[PEP508_VAR_EXTRA];   /* borrowed strings, indexed by Pep508Var */
    const char *const *extras;             /* extras being installed (borrowed) */
    size_t n_extras;                       /* 0: "extra" evaluates as "" */
} Pep508Env;

/* CPython 3.12 on Linux x86_64, no extras (platform_release and
 * platform_version, which depend on the machine, are ""). */
void pep508_env_default(Pep508Env *env);
/* Sets one variable by its marker name; -1 for an unknown name or "extra".
 * value is borrowed, not copied. */
int pep508_env_set(Pep508Env *env, const char *name, const char *value);
/* "python_version" -> PEP508_VAR_PYTHON_VERSION; also the legacy dotted
 * spellings packaging accepts (os.name, sys.platform, platform.version,
 * platform.machine, platform.python_implementation, python_implementation).
 * Returns -1 when name is not a marker variable. */
int pep508_var_lookup(const char *name, size_t len);
const char *pep508_var_name(Pep508Var var);

typedef enum Pep508MarkerOp {
    PEP508_MOP_LT, PEP508_MOP_LE, PEP508_MOP_EQ, PEP508_MOP_NE, PEP508_MOP_GE, PEP508_MOP_GT,
    PEP508_MOP_COMPATIBLE, PEP508_MOP_ARBITRARY, PEP508_MOP_IN, PEP508_MOP_NOT_IN
} Pep508MarkerOp;

typedef enum Pep508MarkerKind {
    PEP508_MARKER_COMPARE,
    PEP508_MARKER_AND,
    PEP508_MARKER_OR
} Pep508MarkerKind;

typedef struct Pep508Operand {
    bool is_var;
    Pep508Var var;         /* when is_var */
    const char *str;       /* the literal without quotes, when !is_var (arena, NUL-terminated) */
} Pep508Operand;

typedef struct Pep508Marker Pep508Marker;
struct Pep508Marker {
    Pep508MarkerKind kind;
    int col;                       /* 1-based column where this node starts */
    Pep508Marker *left, *right;    /* AND / OR */
    Pep508Operand lhs, rhs;        /* COMPARE */
    Pep508MarkerOp op;             /* COMPARE */
};

typedef struct Pep508Requirement {
    const char *name;              /* as written */
    const char *normalized;        /* PEP 503 form, for lookups */
    const char **extras;           /* as written */
    size_t n_extras;
    Pep440SpecSet specifiers;      /* empty for URL requirements */
    const char *url;               /* NULL unless "name @ url" */
    Pep508Marker *marker;          /* NULL when there is no "; marker" */
} Pep508Requirement;

/* Everything lives in arena. */
int pep508_parse(const char *text, size_t len, Arena *arena, Pep508Requirement *out, KraitError *err);
/* A marker alone ("python_version < '3.8' and os_name == 'nt'"). */
int pep508_marker_parse(const char *text, size_t len, Arena *arena, Pep508Marker **out, KraitError *err);

/* Fails only for a comparison PEP 508 leaves undefined ('~=' between
 * strings that are not versions); err names the column. */
int pep508_marker_evaluate(const Pep508Marker *marker, const Pep508Env *env, bool *out, KraitError *err);
/* The marker of req holds (true when it has none). */
int pep508_requirement_applies(const Pep508Requirement *req, const Pep508Env *env, bool *out, KraitError *err);

/* Marker as text, packaging's style: `python_version >= "3.8" and
 * (os_name == "nt" or extra == "x")`; snprintf-like. */
int pep508_marker_format(const Pep508Marker *marker, char *out, size_t size);

#endif
