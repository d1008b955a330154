/* suppress.h - suppression comments: `# nosec`, `# noqa`, `# krait: ignore`
 * with or without rule ids, as Bandit and Ruff users write them. A comment
 * suppresses the findings on its own line and, when it sits on the first line
 * of a statement that spans several lines, the findings anywhere in that
 * statement (the innermost statement holding the finding's line). Comments
 * are parsed once per file after the rules ran; everything lives in the
 * file's arena. The accepted spellings are listed in docs/suppressions.md. */
#ifndef KRAIT_SUPPRESS_H
#define KRAIT_SUPPRESS_H

#include "base/arena.h"
#include "base/error.h"
#include "python/parser.h"
#include "report/finding.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum SuppressStyle {
    SUPPRESS_NOSEC = 1,        /* Bandit: # nosec, # nosec B602,B607, # nosec: B602 */
    SUPPRESS_NOQA = 2,         /* Ruff/flake8: # noqa, # noqa: S602 */
    SUPPRESS_KRAIT = 4,        /* # krait: ignore, # krait: ignore[B602] */
} SuppressStyle;

/* One rule named in a suppression comment. */
typedef struct SuppressId {
    const char *text;          /* as written ("S602", "subprocess_popen_...") */
    const RuleInfo *rule;      /* what it names, or NULL when nothing */
    bool used;
} SuppressId;

/* The suppressions of one comment (several directives in one comment, as
 * in `# noqa: E501  # nosec B602`, are merged). */
typedef struct Suppression {
    uint32_t line;             /* 1-based line of the comment */
    uint32_t col;              /* 1-based column of '#' */
    unsigned styles;           /* SuppressStyle bits */
    bool all;                  /* a blanket suppression: every rule */
    bool used;                 /* the blanket part suppressed something */
    SuppressId *ids;
    size_t n_ids;
} Suppression;

/* Parses one comment (text starts at '#'). Returns 1 and fills *out when it
 * holds a suppression, 0 when it does not, and -1 (err filled, with the
 * column within the comment in err->col) for a malformed `# krait:`
 * directive, which must not be skipped silently. */
int suppress_parse_comment(Arena *arena, const char *text, size_t len, Suppression *out, KraitError *err);

/* Whether one id of a suppression names rule: the rule's id, an alias (S602
 * for B602) or its name, with '_' and '-' alike (Bandit's test names). */
bool suppress_id_names(const char *id, const RuleInfo *rule);

typedef struct SuppressResult {
    unsigned suppressed;       /* findings removed */
    unsigned malformed;        /* malformed directives passed to warn */
} SuppressResult;

typedef void (*SuppressWarnFn)(const KraitError *warning, void *ctx);

/* Removes from findings (the findings of one parsed file, all at path)
 * those a comment suppresses. With report_unused, appends a KR001
 * finding for every suppression, or rule id in one, that suppressed
 * nothing. Malformed directives go to warn (may be NULL). */
void suppress_apply(Arena *arena, const ParseResult *pr, const char *path, FindingList *findings,
                    bool report_unused, SuppressWarnFn warn, void *ctx, SuppressResult *res);

#endif
