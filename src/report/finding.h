/* finding.h - one reported problem, and the list every scan stage appends
 * to. A FindingList owns its findings' strings (heap, not an arena: findings
 * outlive the per-file arenas). Sorting by (path, line, column, rule id,
 * message) makes output identical for any number of threads. */
#ifndef KRAIT_FINDING_H
#define KRAIT_FINDING_H

#include "rules/rule.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct FindingProperty {
    char *key;
    char *value;
} FindingProperty;

typedef struct Finding {
    const RuleInfo *rule;
    uint8_t severity;          /* may differ from the rule's default */
    uint8_t confidence;
    char *path;
    uint32_t line;             /* 1-based; 0 for a whole-file finding */
    uint32_t col;              /* 1-based */
    uint32_t end_line;
    uint32_t end_col;
    char *message;
    char *snippet;             /* the source line, or NULL */
    char *fingerprint;         /* stable id for baselines, or NULL */
    FindingProperty *props;    /* extra facts (package, version, fixed in...) */
    size_t n_props;
} Finding;

typedef struct FindingList {
    Finding *items;
    size_t n;
    size_t cap;
} FindingList;

void finding_list_init(FindingList *list);
void finding_list_free(FindingList *list);
/* Appends a finding with copies of path and message; returns it so the
 * caller can set the rest. */
Finding *finding_list_add(FindingList *list, const RuleInfo *rule, const char *path, uint32_t line,
                          uint32_t col, const char *message);
void finding_set_snippet(Finding *f, const char *text, size_t len);
void finding_add_property(Finding *f, const char *key, const char *value);
const char *finding_property(const Finding *f, const char *key);
/* Moves every finding of src to the end of dst; src ends empty. */
void finding_list_take(FindingList *dst, FindingList *src);
void finding_list_sort(FindingList *list);
/* Keeps the findings for which keep() is true, in order; frees the rest. */
void finding_list_retain(FindingList *list, bool (*keep)(const Finding *f, void *ctx), void *ctx);



/* Gives every finding without one a fingerprint that survives lines moving:
 * a hash of (rule, path, the flagged line's code with white space folded,
 * or the message when there is no code) plus the occurrence index among
 * findings sharing that hash. Call after sorting. */
void finding_list_fingerprint(FindingList *list);
#endif
