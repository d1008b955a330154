/* scan.h - `krait scan`'s engine: finds the files below the roots, parses
 * every Python file on a pool of threads (one arena per worker, reset per
 * file), and runs every family that applies: a file that does not parse
 * yields an E999 finding and the scan goes on; dependency manifests found on
 * the way are audited against the advisory database. Findings come back
 * sorted, so the output is the same for any number of threads. */
#ifndef KRAIT_SCAN_H
#define KRAIT_SCAN_H

#include "base/error.h"
#include "config/config.h"
#include "deps/audit.h"
#include "discover/walk.h"
#include "report/finding.h"
#include "rules/check.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct ScanOptions {
    const char *const *roots;
    size_t n_roots;
    WalkOptions walk;           /* gitignore and excludes; other files are always wanted */
    unsigned threads;           /* 0: one per core */
    bool audit_deps;            /* audit the manifests found */
    bool secrets;               /* look for hard-coded secrets */
    const char *db_path;        /* NULL: the default location */
    AuditOptions audit;
    bool report_unused_suppressions;   /* KR001 for comments that suppress nothing */
    const KraitConfig *config;  /* the settings read (may be NULL) */
    const RulesOptions *rules;  /* options of individual rules; NULL: the defaults */
} ScanOptions;

typedef struct ScanStats {
    unsigned files;             /* every file some check applied to */
    unsigned python_files;
    unsigned parse_errors;
    unsigned manifests;
    unsigned dependencies;
    unsigned unreadable;
    unsigned text_files;        /* non-Python files read for secrets */
    unsigned suppressed;        /* findings removed by suppression comments */
} ScanStats;

typedef void (*ScanWarnFn)(const KraitError *warning, void *ctx);

/* Operational errors (a root that does not exist) fail the scan; problems
 * with single files become findings or warnings. */
int scan_run(const ScanOptions *opt, FindingList *out, ScanStats *stats, ScanWarnFn warn, void *ctx,
             KraitError *err);

#endif
