/* baseline.h - baselines: the fingerprints of the findings a project has
 * accepted, so a scan reports only new ones. The file is JSON (documented in
 * docs/baselines.md):
 *   {"krait_baseline": 1,
 *    "findings": [{"rule": "B602", "path": "app/run.py",
 *                  "fingerprint": "3f1c...", "message": "..."}, ...]}
 * Only "fingerprint" decides a match (it already hashes the rule, the path
 * and the flagged line's code; see finding_list_fingerprint); the other
 * fields are there for people reading the file. A Baseline owns its memory
 * (heap): baseline_free releases it. */
#ifndef KRAIT_BASELINE_H
#define KRAIT_BASELINE_H

#include "base/error.h"
#include "report/finding.h"

#include <stdbool.h>
#include <stddef.h>

enum { BASELINE_VERSION = 1 };

typedef struct Baseline {
    char **fingerprints;       /* sorted, for binary search */
    size_t n;
} Baseline;

/* Writes the fingerprints of findings (fingerprinted already) to path,
 * atomically. */
int baseline_write(const char *path, const FindingList *findings, KraitError *err);
/* Reads a baseline file; a malformed one is an error naming the file and,
 * for a bad entry, its index. */
int baseline_load(const char *path, Baseline *out, KraitError *err);
void baseline_free(Baseline *b);
bool baseline_contains(const Baseline *b, const Finding *f);

#endif
