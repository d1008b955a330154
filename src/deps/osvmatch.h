/* osvmatch.h - does an OSV advisory affect a version, or a requirement's
 * range of versions? OSV semantics for ECOSYSTEM ranges: events sorted by
 * PEP 440 order ("introduced: 0" below everything), walked in order;
 * `introduced` opens, `fixed` closes at that version, `last_affected`
 * closes just after it, `limit` caps the range. A version is affected when
 * it is inside any range OR equal to an entry of the explicit `versions`
 * list (the data has listed versions outside every range). Event and list
 * values that are not valid PEP 440 are skipped: they cannot be ordered
 * (docs/deps.md lists the ones in the PyPI data). */
#ifndef KRAIT_OSVMATCH_H
#define KRAIT_OSVMATCH_H

#include "base/arena.h"
#include "deps/osv.h"
#include "deps/pep440.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct OsvVerdict {
    bool affected;
    /* The smallest fixed version above the version (or above every affected
     * version the specifier allows) that this advisory does not affect;
     * NULL when no fix is known. Canonical PEP 440 text in the arena. */
    const char *fixed_in;
    /* Every fixed version of the advisory for the package, ascending,
     * canonical text, duplicates removed. */
    const char **fixed;
    size_t n_fixed;
} OsvVerdict;

/* An advisory's affected entry with its versions parsed once, for many
 * queries (a requirements file may name the same package many times). */
typedef struct OsvMatcher OsvMatcher;
const OsvMatcher *osvmatch_prepare(const OsvAffected *aff, Arena *arena);
/* The verdict's strings are allocated in arena. */
void osvmatch_prepared_version(const OsvMatcher *m, const Pep440Version *v, Arena *arena, OsvVerdict *out);
void osvmatch_prepared_specset(const OsvMatcher *m, const Pep440SpecSet *set, Arena *arena, OsvVerdict *out);

/* An installed or pinned version. */
void osvmatch_version(const OsvAffected *aff, const Pep440Version *v, Arena *arena, OsvVerdict *out);

/* An unpinned requirement: affected when some version the advisory names
 * (listed versions and range boundaries) is affected and allowed by set.
 * Without the list of every release this can miss a version that only a
 * range covers and nobody listed; the PyPI data lists nearly all. */
void osvmatch_specset(const OsvAffected *aff, const Pep440SpecSet *set, Arena *arena, OsvVerdict *out);

#endif
