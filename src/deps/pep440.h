/* pep440.h - PEP 440 versions and version specifiers.
 *
 * A Pep440Version is a fixed-size value (no pointers, no allocation): it can
 * be copied, stored in arrays and compared with pep440_compare, which never
 * allocates. Parsing normalises every spelling PEP 440 allows (case, 'v'
 * prefix, '-'/'_'/'.' separators, alpha/beta/c/pre/preview, rev/r, '-N'
 * posts, implicit numbers, local labels) and pep440_format prints the
 * canonical form.
 *
 * Specifier sets ("~=1.4.2, !=1.4.5") are parsed into an arena owned by the
 * caller. Matching follows PEP 440 as written; the pre-release reading we
 * chose is described at pep440_specset_contains and in docs/pep440.md.
 *
 * Named limits (each gives a clear error, never a crash): at most
 * PEP440_RELEASE_MAX release components, a local label of at most
 * PEP440_LOCAL_MAX bytes, numbers below 2^64. */
#ifndef KRAIT_PEP440_H
#define KRAIT_PEP440_H

#include "base/arena.h"
#include "base/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    PEP440_RELEASE_MAX = 24,     /* release components, e.g. 1.2.3 has 3 */
    PEP440_LOCAL_MAX = 96,       /* bytes of the normalised local label */
    /* Longest pep440_format output plus the NUL: "E!" + 24 release numbers
     * + "rcN" + ".postN" + ".devN" + "+local", numbers of up to 20 digits. */
    PEP440_VERSION_STR_MAX = 21 + PEP440_RELEASE_MAX * 21 + 22 + 25 + 24 + 1 + PEP440_LOCAL_MAX + 1
};

typedef enum Pep440PreKind {
    PEP440_PREKIND_NONE = 0,
    PEP440_PREKIND_A,
    PEP440_PREKIND_B,
    PEP440_PREKIND_RC
} Pep440PreKind;

typedef struct Pep440Version {
    uint64_t epoch;
    uint64_t release[PEP440_RELEASE_MAX];
    uint64_t pre;            /* meaningful when pre_kind != PEP440_PREKIND_NONE */
    uint64_t post;           /* meaningful when has_post */
    uint64_t dev;            /* meaningful when has_dev */
    uint8_t n_release;       /* >= 1 */
    uint8_t pre_kind;        /* Pep440PreKind */
    bool has_post;
    bool has_dev;
    uint8_t local_len;       /* 0 = no local label */
    char local[PEP440_LOCAL_MAX + 1]; /* lowercase, segments joined by '.' */
} Pep440Version;

/* Parses text[0..len) (surrounding whitespace allowed). On failure fills err
 * with the 1-based column of the problem and returns -1. */
int pep440_parse(const char *text, size_t len, Pep440Version *out, KraitError *err);
/* Convenience for NUL-terminated strings; err may be NULL. */
bool pep440_is_valid(const char *text);

/* Canonical form ("1!2.0rc1.post3.dev4+ubuntu.1"); writes at most size bytes
 * (NUL included) and returns the full length, like snprintf. public_only
 * leaves out the local label. */
int pep440_format(const Pep440Version *v, char *out, size_t size);
int pep440_format_public(const Pep440Version *v, char *out, size_t size);
/* "[N!]release" - packaging's base_version. */
int pep440_format_base(const Pep440Version *v, char *out, size_t size);

/* Total order of PEP 440 (local labels included): <0, 0, >0. */
int pep440_compare(const Pep440Version *a, const Pep440Version *b);
/* Same, ignoring both local labels. */
int pep440_compare_public(const Pep440Version *a, const Pep440Version *b);

bool pep440_is_prerelease(const Pep440Version *v);   /* has a pre or dev part */
bool pep440_is_postrelease(const Pep440Version *v);
bool pep440_is_devrelease(const Pep440Version *v);

/* ---- specifiers ---------------------------------------------------------- */

typedef enum Pep440Op {
    PEP440_OP_COMPATIBLE,   /* ~= */
    PEP440_OP_EQ,           /* == (wildcard when spec->wildcard) */
    PEP440_OP_NE,           /* != (wildcard when spec->wildcard) */
    PEP440_OP_LE,           /* <= */
    PEP440_OP_GE,           /* >= */
    PEP440_OP_LT,           /* <  */
    PEP440_OP_GT,           /* >  */
    PEP440_OP_ARBITRARY     /* === */
} Pep440Op;

/* Tri-state pre-release choice: the caller's, or the set's own. */
typedef enum Pep440Pre {
    PEP440_PRE_AUTO = 0,    /* decide by PEP 440's default rules */
    PEP440_PRE_ALLOW,
    PEP440_PRE_EXCLUDE
} Pep440Pre;

typedef struct Pep440Spec {
    Pep440Op op;
    bool wildcard;          /* "==1.2.*" / "!=1.2.*" */
    bool has_local;         /* the spec's version carries "+local" */
    bool version_valid;     /* false only for "===" text that is not PEP 440 */
    const char *text;       /* version as written, trimmed (arena copy, NUL-terminated; see pep440_spec_parse) */
    size_t text_len;        /* for wildcards, includes the ".*" */
    Pep440Version version;  /* for wildcards: the prefix before ".*" */
    Pep440Version bound;    /* exclusive upper bound: V.dev0 for "<V" (V final), next prefix .dev0 for "~=" */
} Pep440Spec;

typedef struct Pep440SpecSet {
    Pep440Spec *specs;      /* arena-owned */
    size_t n;
    Pep440Pre prereleases;  /* the set's own setting; AUTO unless the caller sets it */
} Pep440SpecSet;

/* One clause, e.g. ">= 1.0" (no commas). Strings live in arena; with arena
 * NULL, spec->text borrows from text instead (use text_len: it is not
 * NUL-terminated where the clause is) and nothing is allocated. */
int pep440_spec_parse(const char *text, size_t len, Arena *arena, Pep440Spec *out,
                      KraitError *err);
/* Comma-separated clauses; "" is the empty set, which matches every version.
 * Errors name the column within text. */
int pep440_specset_parse(const char *text, size_t len, Arena *arena, Pep440SpecSet *out,
                         KraitError *err);
/* The same for a piece of a longer line (PEP 508 requirements): col0 is the
 * 0-based column of text[0] in that line, for error columns; allow_empty
 * skips empty pieces as packaging's SpecifierSet does ("a,,b"); without it
 * only an all-blank text (no clauses) and one trailing comma are accepted,
 * as packaging's requirement parser does. */
int pep440_specset_parse_at(const char *text, size_t len, size_t col0, bool allow_empty, Arena *arena,
                            Pep440SpecSet *out, KraitError *err);

const char *pep440_op_string(Pep440Op op);
/* "op" + version as written, no spaces ("< 2" -> "<2"); snprintf-like. */
int pep440_spec_format(const Pep440Spec *spec, char *out, size_t size);
/* Clauses in input order joined by ",". */
int pep440_specset_format(const Pep440SpecSet *set, char *out, size_t size);
/* Same operator and the same version after canonicalisation (trailing
 * zeros ignored except for ~=); wildcards and === compare their text. */
bool pep440_spec_equal(const Pep440Spec *a, const Pep440Spec *b);

/* Whether a clause by itself implies pre-releases are wanted: its version is
 * a pre- or dev-release and it is not "!=" nor a wildcard. */
bool pep440_spec_implies_prereleases(const Pep440Spec *spec);

/* The version-range part of matching, with no pre-release policy:
 * does candidate v satisfy this one clause? raw is the candidate as written
 * (for ===); pass NULL to compare === against v's canonical form. */
bool pep440_spec_matches(const Pep440Spec *spec, const Pep440Version *v, const char *raw,
                         size_t raw_len);

/* contains(): does the candidate satisfy every clause?
 *
 * Pre-release reading (PEP 440 "Handling of pre-releases", as written):
 * pre-releases are implicitly excluded from every specifier unless
 *   - the caller asks for them (call == PEP440_PRE_ALLOW), or
 *   - the set was told to (set->prereleases == PEP440_PRE_ALLOW), or
 *   - some clause itself names a pre-release (pep440_spec_implies_prereleases), or
 *   - the candidate is already installed ("already present on the system").
 * The third PEP 440 exception, "the only available version is a
 * pre-release", needs the list of available versions: that is
 * pep440_specset_filter's job, not this function's. packaging >= 26.0
 * instead treats a lone candidate as the only available version, so its
 * ">1.0" contains 2.0a1. We keep the written rule because contains() asks
 * whether a specifier admits a version, not which version to install: a
 * pre-release satisfies ">1.0" only when someone asked for pre-releases or
 * it is already installed. 35 records of ../shared/pep440/vectors.json
 * (all flagged fails_on_packaging) are answered the other way; see
 * docs/pep440.md and tests/diff/pep440.test.
 * A candidate that is not PEP 440 can only satisfy "===" clauses. */
bool pep440_specset_contains(const Pep440SpecSet *set, const char *candidate, size_t len,
                             Pep440Pre call, bool installed);
/* The same for an already parsed version (=== compares its canonical form). */
bool pep440_specset_contains_version(const Pep440SpecSet *set, const Pep440Version *v,
                                     Pep440Pre call, bool installed);

/* filter(): writes to keep[] the indexes of the candidates that satisfy the
 * set, in input order, and returns how many. With AUTO pre-release policy
 * (and no clause naming a pre-release) pre-releases are kept only when no
 * final or post release matches. Texts that are not PEP 440 versions are
 * kept when they match (only "===" can match them) and do not count as
 * final releases. keep must have room for n entries. */
size_t pep440_specset_filter(const Pep440SpecSet *set, const char *const *candidates, size_t n,
                             Pep440Pre call, size_t *keep);

#endif
