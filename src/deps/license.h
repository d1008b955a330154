/* license.h - licences of Python distributions: the SPDX id table
 * (generated, src/deps/spdx_ids.inc), an SPDX expression parser, a policy
 * category per licence, the resolution of a distribution's licence from its
 * metadata (License-Expression, then licence classifiers, then the free-text
 * License field) and a policy evaluator (allow/deny lists by id or category,
 * per-package exceptions). Parsed expressions live in the caller's arena.
 * See docs/licenses.md for the category table and its reasons. */
#ifndef KRAIT_LICENSE_H
#define KRAIT_LICENSE_H

#include "base/arena.h"
#include "base/error.h"
#include "base/strbuf.h"

#include <stddef.h>

/* ---- SPDX ids ---- */

typedef struct SpdxId {
    const char *id;    /* canonical spelling */
    int deprecated;    /* deprecated by SPDX (e.g. "GPL-2.0" for GPL-2.0-only) */
} SpdxId;

/* Case-insensitive lookups; NULL when the id is not in the list. */
const SpdxId *spdx_license_find(const char *id, size_t len);
const SpdxId *spdx_exception_find(const char *id, size_t len);
size_t spdx_license_count(void);
size_t spdx_exception_count(void);

/* ---- categories ---- */

/* Ordered from least to most restrictive; LICENSE_CAT_UNKNOWN stands apart. */
typedef enum LicenseCategory {
    LICENSE_CAT_UNKNOWN,
    LICENSE_CAT_PUBLIC_DOMAIN,
    LICENSE_CAT_PERMISSIVE,
    LICENSE_CAT_WEAK_COPYLEFT,
    LICENSE_CAT_STRONG_COPYLEFT,
    LICENSE_CAT_NETWORK_COPYLEFT,
    LICENSE_CAT_PROPRIETARY,   /* proprietary, source-available, non-commercial */
} LicenseCategory;

const char *license_category_name(LicenseCategory cat);   /* "weak-copyleft"... */
/* Parses a category name as license_category_name spells it (also with
 * '_' or ' ' for '-', any case); -1 when it is none. */
int license_category_parse(const char *name, LicenseCategory *out);
/* The category of one licence id (canonical or not; LicenseRef-... too). */
LicenseCategory license_category_of_id(const char *id);

/* ---- expressions ---- */

typedef enum LicenseNodeKind { LICENSE_NODE_ID, LICENSE_NODE_REF, LICENSE_NODE_AND, LICENSE_NODE_OR } LicenseNodeKind;

typedef struct LicenseNode {
    LicenseNodeKind kind;
    /* ID and REF leaves */
    const char *id;          /* canonical SPDX id, or "LicenseRef-..." as written */
    int or_later;            /* "+" suffix */
    int deprecated;          /* the id is deprecated by SPDX */
    const char *exception;   /* canonical exception id after WITH, or NULL */
    /* AND and OR */
    struct LicenseNode *left, *right;
} LicenseNode;

enum { LICENSE_EXPR_DEPTH_MAX = 64 };

/* Parses an SPDX licence expression (SPDX 2.3 annex D: ids, "+", WITH,
 * AND, OR, parentheses, LicenseRef-/DocumentRef-; operators in any case as
 * PEP 639 tools accept). Unknown ids and exceptions are errors. */
int license_expr_parse(Arena *arena, const char *text, size_t len, LicenseNode **out, KraitError *err);
/* The canonical form: canonical ids, upper-case operators, parentheses only
 * where needed. Appends to sb. */
void license_expr_format(const LicenseNode *node, StrBuf *sb);
/* AND takes the most restrictive part, OR the least; a GPL-family licence
 * WITH a linking exception counts as weak copyleft. */
LicenseCategory license_expr_category(const LicenseNode *node);
int license_expr_has_deprecated(const LicenseNode *node);

/* ---- metadata resolution ---- */

typedef struct LicenseMetadata {
    const char *license_expression;       /* License-Expression (PEP 639), or NULL */
    const char *const *classifiers;       /* every Classifier value; non-licence ones are ignored */
    size_t classifier_count;
    const char *license;                  /* free-text License field, or NULL */
} LicenseMetadata;

typedef enum LicenseSource {
    LICENSE_SOURCE_NONE,
    LICENSE_SOURCE_EXPRESSION,
    LICENSE_SOURCE_CLASSIFIERS,
    LICENSE_SOURCE_TEXT,
} LicenseSource;

typedef struct LicenseResolution {
    LicenseSource source;
    LicenseNode *expr;            /* NULL when nothing was recognised */
    const char *expression;       /* canonical text of expr, in the arena; NULL with expr */
    int ambiguous;                /* the source does not pin the licence down (e.g. "BSD License") */
    int expression_invalid;       /* License-Expression present but unparsable; see expression_error */
    KraitError expression_error;
    char note[256];               /* why ambiguous or unknown, or how a classifier was refined; else empty */
} LicenseResolution;

/* Resolves in PEP 639's order: a valid License-Expression wins; else the
 * licence classifiers (several are joined with OR, as dual licensing);
 * else the free-text License field where recognisable. Never fails: an
 * invalid License-Expression is recorded and the next source is tried. */
void license_resolve(Arena *arena, const LicenseMetadata *meta, LicenseResolution *out);

/* The SPDX expression for one classifier ("License :: OSI Approved :: MIT
 * License" -> "MIT"); NULL when it is no licence classifier or names no
 * specific licence ("License :: OSI Approved"). *ambiguous is set when the
 * classifier names a family without its version. */
const char *license_from_classifier(const char *classifier, int *ambiguous);
/* The SPDX expression for a free-text License value: a valid expression as
 * is, else common spellings ("Apache 2.0", "GPLv3+", "new BSD"...), else the
 * first lines of well-known licence texts. NULL when unrecognised. */
const char *license_from_text(Arena *arena, const char *text, int *ambiguous);

/* ---- policy ---- */

typedef struct LicensePackageException {
    const char *package;   /* project name; compared after PEP 503 normalisation */
    const char *reason;
} LicensePackageException;

typedef struct LicensePolicy {
    /* Entries are licence ids ("GPL-3.0-only", "LicenseRef-Proprietary") or
     * category names ("strong-copyleft"). An id entry beats a category
     * entry; at the same level deny beats allow. */
    const char *const *allow;
    size_t allow_count;
    const char *const *deny;
    size_t deny_count;
    const LicensePackageException *exceptions;
    size_t exception_count;
} LicensePolicy;

typedef enum LicenseVerdict { LICENSE_ALLOWED, LICENSE_DENIED, LICENSE_UNKNOWN } LicenseVerdict;

typedef struct LicenseDecision {
    LicenseVerdict verdict;
    char reason[256];
} LicenseDecision;

/* A known licence that a policy without an allow list does not deny is
 * allowed. expr may be NULL (no licence found): the verdict is then unknown, unless
 * the category "unknown" is on the deny (or allow) list. Under
 * OR one allowed alternative suffices (the reason names it); under AND every
 * part must be allowed. */
LicenseVerdict license_policy_evaluate(const LicensePolicy *policy, const char *package, const LicenseNode *expr,
                                       LicenseDecision *out);
const char *license_verdict_name(LicenseVerdict verdict);


#endif
