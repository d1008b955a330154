/* typosquat.h - is a requirement's name a near copy of a popular PyPI
 * project's name? A name is suspicious when, after PEP 503 normalisation, it
 * is not itself among the ~15,000 most downloaded projects
 * (src/deps/top_packages.inc, generated) but is one edit away from one of
 * them (insertion, deletion, substitution, adjacent transposition) or equal
 * to one once separators are dropped and look-alike characters folded
 * (0/o, 1/l/i, rn/m, vv/w). The name imitated is the most popular match.
 *
 * The index is built once per process by typosquat_index_new (symmetric
 * deletion: every single-deletion variant of every popular name, hashed and
 * sorted), so a query costs a few binary searches and the verification of
 * the handful of names they return, never a scan of the list. The index is
 * immutable after construction and may be shared between threads; its owner
 * frees it with typosquat_index_free. See docs/typosquatting.md. */
#ifndef KRAIT_TYPOSQUAT_H
#define KRAIT_TYPOSQUAT_H

#include "base/error.h"

#include <stddef.h>

/* Names shorter than this (normalised) are never checked and never reported
 * as imitated: among three-letter names almost every string is one edit
 * from a popular one, so a match says nothing. */
enum { TYPOSQUAT_MIN_LEN = 4, TYPOSQUAT_NAME_MAX = 128 };
/* A popular name of at most TYPOSQUAT_SHORT_LEN characters is reported as
 * imitated by a one-edit change only when its rank is at most
 * TYPOSQUAT_SHORT_RANK_MAX: most four- and five-letter strings are one edit
 * from some name in the long tail of the list ("antz" and "anta"), while
 * typosquatters aim at the names people type most. Separator and look-alike
 * changes are reported at any rank. */
enum { TYPOSQUAT_SHORT_LEN = 5, TYPOSQUAT_SHORT_RANK_MAX = 1000 };

typedef enum TyposquatKind {
    TYPO_NONE,
    TYPO_INSERTION,       /* one character added: "requestss" */
    TYPO_DELETION,        /* one character left out: "reqests" */
    TYPO_SUBSTITUTION,    /* one character replaced: "requeste" */
    TYPO_TRANSPOSITION,   /* two adjacent characters swapped: "reqeusts" */
    TYPO_SEPARATOR,       /* separators added, dropped or moved: "pythondateutil" */
    TYPO_HOMOGLYPH,       /* look-alike characters: "djang0", "f1ask", "rnatplotlib" */
} TyposquatKind;

typedef struct TyposquatResult {
    int suspicious;                     /* 1: imitates a popular name */
    int popular;                        /* 1: the name is itself popular (never suspicious) */
    int checked;                        /* 0: too short (or too long) to judge */
    TyposquatKind kind;
    const char *imitated;               /* the popular name as published; NULL when not suspicious */
    int imitated_rank;                  /* its download rank, 1 = most downloaded */
    int rank;                           /* the name's own rank when popular */
    char normalized[TYPOSQUAT_NAME_MAX];
    /* Debug counter: popular names the query was compared with. It shows
     * the index at work (a handful, not the whole list). */
    unsigned comparisons;
} TyposquatResult;

typedef struct TyposquatIndex TyposquatIndex;

/* Builds the index of the embedded popular names. Never fails except for
 * memory, which dies. */
TyposquatIndex *typosquat_index_new(void);
void typosquat_index_free(TyposquatIndex *index);
/* The number of popular names indexed, and the i-th of them (0 = most
 * downloaded) as published, with its rank; NULL past the end. */
size_t typosquat_index_size(const TyposquatIndex *index);
const char *typosquat_index_name(const TyposquatIndex *index, size_t i, int *rank);

/* Checks name[0..len). Fails (returns -1) only on a name that is not a
 * valid project name (PEP 508: ASCII letters, digits, '.', '_', '-',
 * starting and ending with a letter or digit), naming the column. */
int typosquat_check(const TyposquatIndex *index, const char *name, size_t len, TyposquatResult *out,
                    KraitError *err);

const char *typosquat_kind_name(TyposquatKind kind);   /* "insertion", "homoglyph"... */


#endif
