/* audit.h - checks a list of dependencies against the advisory database and
 * turns what it finds into findings: DEP001 (known vulnerability, one per
 * vulnerability with its aliases merged), DEP002 (unpinned requirement),
 * DEP003 (URL/VCS/path requirement: not auditable), DEP004 (malicious
 * package). Pinned and installed versions are matched exactly; unpinned
 * requirements over the versions their specifier allows. Ignores with an
 * expiry date stop applying after it, and the audit says so. */
#ifndef KRAIT_AUDIT_H
#define KRAIT_AUDIT_H

#include "base/arena.h"
#include "base/error.h"
#include "config/config.h"
#include "deps/manifest.h"
#include "deps/pep508.h"
#include "deps/vulndb.h"
#include "report/finding.h"

#include <stddef.h>

typedef struct AuditOptions {
    const ConfigIgnore *ignores;
    size_t n_ignores;
    const char *today;         /* "YYYY-MM-DD" */
    Pep508Env env;             /* the target environment for markers */
} AuditOptions;

typedef struct AuditStats {
    size_t dependencies;
    size_t vulnerabilities;    /* DEP001 findings */
    size_t ignored;            /* suppressed by a live ignore */
} AuditStats;

/* Warnings (an expired ignore, a requirement that cannot be parsed, a
 * version that is not PEP 440) go to warn and the audit goes on. */
typedef void (*AuditWarnFn)(const KraitError *warning, void *ctx);

/* Properties on DEP001 findings: package, version (or specifier), id,
 * aliases, fixed_versions, fix (the smallest fixed version above), source
 * (requirements, pyproject, poetry, lock, installed), url. */
int audit_run(VulnDb *db, const DepList *deps, const AuditOptions *opt, Arena *arena, FindingList *out,
              AuditStats *stats, AuditWarnFn warn, void *ctx, KraitError *err);

#endif
