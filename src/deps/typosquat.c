/* typosquat.c - near-miss detection against the popular PyPI names; see
 * typosquat.h. Three sorted tables of (hash, name id) pairs make the index:
 *   exact      the normalised popular names
 *   deletions  every popular name with one character deleted
 *   skeletons  the popular names with separators dropped and look-alikes folded
 * Two names are one edit apart exactly when one equals the other, one is a
 * deletion variant of the other, or they share a deletion variant (the
 * symmetric-delete observation), so a query looks up itself and its own
 * deletion variants and verifies the few names that come back. */
#include "deps/typosquat.h"

#include "base/die.h"
#include "deps/pkgname.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct TopPackage {
    int rank;
    uint32_t name_offset;     /* into top_package_text */
} TopPackage;

#include "deps/top_packages.inc"

static const char *top_package_name(size_t i) { return top_package_text + top_packages[i].name_offset; }

/* A query's lookups return at most this many distinct ids; real queries see
 * a few dozen, so the bound only guards against a pathological hash. */
enum { CANDIDATES_MAX = 1024 };

typedef struct IndexEntry {
    uint32_t hash;
    uint32_t id;
} IndexEntry;

typedef struct EntryTable {
    IndexEntry *entries;
    size_t count, cap;
} EntryTable;

struct TyposquatIndex {
    char *text;          /* every normalised name, NUL-terminated, back to back */
    uint32_t *offset;    /* id -> start in text */
    uint8_t *length;     /* id -> length */
    EntryTable exact, deletions, skeletons;
};

const char *typosquat_kind_name(TyposquatKind kind)
{
    switch (kind) {
    case TYPO_NONE: return "none";
    case TYPO_INSERTION: return "insertion";
    case TYPO_DELETION: return "deletion";
    case TYPO_SUBSTITUTION: return "substitution";
    case TYPO_TRANSPOSITION: return "transposition";
    case TYPO_SEPARATOR: return "separator";
    case TYPO_HOMOGLYPH: return "homoglyph";
    }
    return "?";
}

/* ---- hashing and skeletons ------------------------------------------ */

/* FNV-1a over s[0..len) without the byte at skip (skip >= len: none). */
static uint32_t hash_skipping(const char *s, size_t len, size_t skip)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        if (i == skip) continue;
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static uint32_t hash_of(const char *s, size_t len)
{
    return hash_skipping(s, len, len);
}

/* Drops separators and folds characters that read alike in most fonts:
 * 0->o, 1->l, i->l, rn->m, vv->w. out must hold TYPOSQUAT_NAME_MAX bytes. */
static size_t skeleton_of(const char *s, size_t len, char *out)
{
    char sepless[TYPOSQUAT_NAME_MAX];
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < sizeof sepless; i++)   /* room for out's NUL */
        if (s[i] != '-') sepless[n++] = s[i];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = sepless[i];
        if (c == 'r' && i + 1 < n && sepless[i + 1] == 'n') {
            c = 'm';
            i++;
        } else if (c == 'v' && i + 1 < n && sepless[i + 1] == 'v') {
            c = 'w';
            i++;
        } else if (c == '0') {
            c = 'o';
        } else if (c == '1' || c == 'i') {
            c = 'l';
        }
        out[k++] = c;
    }
    out[k] = '\0';
    return k;
}

/* ---- building ------------------------------------------------------- */

static void table_push(EntryTable *t, uint32_t hash, uint32_t id)
{
    if (t->count == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 1024;
        t->entries = realloc(t->entries, t->cap * sizeof *t->entries);
        if (!t->entries) die_out_of_memory();
    }
    t->entries[t->count++] = (IndexEntry){hash, id};
}

static int entry_compare(const void *a, const void *b)
{
    const IndexEntry *x = a, *y = b;
    if (x->hash != y->hash) return x->hash < y->hash ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

static void table_finish(EntryTable *t)
{
    qsort(t->entries, t->count, sizeof *t->entries, entry_compare);
    size_t n = 0;
    for (size_t i = 0; i < t->count; i++)
        if (n == 0 || entry_compare(&t->entries[n - 1], &t->entries[i]) != 0) t->entries[n++] = t->entries[i];
    t->count = n;
}

static void index_add_name(TyposquatIndex *ix, uint32_t id, const char *name, size_t len)
{
    table_push(&ix->exact, hash_of(name, len), id);
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && name[i] == name[i - 1]) continue;   /* same variant as deleting i - 1 */
        table_push(&ix->deletions, hash_skipping(name, len, i), id);
    }
    char skeleton[TYPOSQUAT_NAME_MAX];
    size_t n = skeleton_of(name, len, skeleton);
    table_push(&ix->skeletons, hash_of(skeleton, n), id);
}

TyposquatIndex *typosquat_index_new(void)
{
    TyposquatIndex *ix = calloc(1, sizeof *ix);
    size_t text_size = 0;
    for (size_t i = 0; i < TOP_PACKAGES_COUNT; i++) text_size += strlen(top_package_name(i)) + 1;
    if (ix) {
        ix->text = malloc(text_size);
        ix->offset = malloc(TOP_PACKAGES_COUNT * sizeof *ix->offset);
        ix->length = malloc(TOP_PACKAGES_COUNT * sizeof *ix->length);
    }
    if (!ix || !ix->text || !ix->offset || !ix->length) die_out_of_memory();
    size_t at = 0;
    for (uint32_t id = 0; id < TOP_PACKAGES_COUNT; id++) {
        const char *name = top_package_name(id);
        /* Normalising never lengthens a name, and the generator checked the
         * names, so this cannot fail. */
        int n = pkgname_normalize(name, strlen(name), ix->text + at, text_size - at);
        if (n < 0 || n >= TYPOSQUAT_NAME_MAX) {
            ix->offset[id] = 0;
            ix->length[id] = 0;   /* in no table, so never a candidate */
            continue;
        }
        ix->offset[id] = (uint32_t)at;
        ix->length[id] = (uint8_t)n;
        index_add_name(ix, id, ix->text + at, (size_t)n);
        at += (size_t)n + 1;
    }
    table_finish(&ix->exact);
    table_finish(&ix->deletions);
    table_finish(&ix->skeletons);
    return ix;
}

void typosquat_index_free(TyposquatIndex *ix)
{
    if (!ix) return;
    free(ix->text);
    free(ix->offset);
    free(ix->length);
    free(ix->exact.entries);
    free(ix->deletions.entries);
    free(ix->skeletons.entries);
    free(ix);
}

size_t typosquat_index_size(const TyposquatIndex *ix)
{
    return ix->exact.count;
}

const char *typosquat_index_name(const TyposquatIndex *ix, size_t i, int *rank)
{
    (void)ix;   /* the names are static; the index is asked so callers need no other handle */
    if (i >= TOP_PACKAGES_COUNT) return NULL;
    if (rank) *rank = top_packages[i].rank;
    return top_package_name(i);
}

/* ---- querying ------------------------------------------------------- */

typedef struct Candidates {
    uint32_t ids[CANDIDATES_MAX];
    size_t count;
} Candidates;

static void table_lookup(const EntryTable *t, uint32_t hash, Candidates *out)
{
    size_t lo = 0, hi = t->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->entries[mid].hash < hash) lo = mid + 1;
        else hi = mid;
    }
    for (size_t i = lo; i < t->count && t->entries[i].hash == hash && out->count < CANDIDATES_MAX; i++)
        out->ids[out->count++] = t->entries[i].id;
}

static int id_compare(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int same_without_separators(const char *a, size_t la, const char *b, size_t lb)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < la && a[i] == '-') i++;
        while (j < lb && b[j] == '-') j++;
        if (i == la || j == lb) return i == la && j == lb;
        if (a[i++] != b[j++]) return 0;
    }
}

/* Is long_[0..n+1) short_[0..n) with one character inserted? */
static int is_one_insertion(const char *long_, const char *short_, size_t n)
{
    size_t i = 0;
    while (i < n && long_[i] == short_[i]) i++;
    return memcmp(long_ + i + 1, short_ + i, n - i) == 0;
}

/* The kind of change that turns the popular name c into the query q. */
static TyposquatKind classify(const char *q, size_t lq, const char *c, size_t lc)
{
    if (same_without_separators(q, lq, c, lc)) return TYPO_SEPARATOR;
    char sq[TYPOSQUAT_NAME_MAX], sc[TYPOSQUAT_NAME_MAX];
    size_t nq = skeleton_of(q, lq, sq), nc = skeleton_of(c, lc, sc);
    if (nq == nc && memcmp(sq, sc, nq) == 0) return TYPO_HOMOGLYPH;
    if (lq == lc + 1) return is_one_insertion(q, c, lc) ? TYPO_INSERTION : TYPO_NONE;
    if (lq + 1 == lc) return is_one_insertion(c, q, lq) ? TYPO_DELETION : TYPO_NONE;
    if (lq != lc) return TYPO_NONE;
    size_t first = lq, diffs = 0;
    for (size_t i = 0; i < lq; i++) {
        if (q[i] == c[i]) continue;
        if (diffs++ == 0) first = i;
    }
    if (diffs == 1) return TYPO_SUBSTITUTION;
    if (diffs == 2 && first + 1 < lq && q[first] == c[first + 1] && q[first + 1] == c[first])
        return TYPO_TRANSPOSITION;
    return TYPO_NONE;
}

static int validate_name(const char *name, size_t len, KraitError *err)
{
    if (len == 0) return error_set(err, NULL, 0, 0, "empty package name");
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum) continue;
        if ((c == '-' || c == '_' || c == '.') && i > 0 && i + 1 < len) continue;
        if (c == '-' || c == '_' || c == '.')
            return error_set(err, NULL, 0, (int)i + 1, "package name '%.*s' must start and end with a letter or digit",
                             (int)len, name);
        return error_set(err, NULL, 0, (int)i + 1, "package name '%.*s' contains the character 0x%02x", (int)len,
                         name, c);
    }
    return 0;
}

static const char *index_name(const TyposquatIndex *ix, uint32_t id, size_t *len)
{
    *len = ix->length[id];
    return ix->text + ix->offset[id];
}

/* The popular id equal to q, or -1. */
static long find_exact(const TyposquatIndex *ix, const char *q, size_t lq, Candidates *scratch)
{
    scratch->count = 0;
    table_lookup(&ix->exact, hash_of(q, lq), scratch);
    for (size_t i = 0; i < scratch->count; i++) {
        size_t lc;
        const char *c = index_name(ix, scratch->ids[i], &lc);
        if (lc == lq && memcmp(c, q, lq) == 0) return scratch->ids[i];
    }
    return -1;
}

static void collect_candidates(const TyposquatIndex *ix, const char *q, size_t lq, Candidates *out)
{
    out->count = 0;
    table_lookup(&ix->deletions, hash_of(q, lq), out);           /* q lacks a character */
    for (size_t i = 0; i < lq; i++) {
        if (i > 0 && q[i] == q[i - 1]) continue;
        uint32_t h = hash_skipping(q, lq, i);
        table_lookup(&ix->exact, h, out);                         /* q has an extra character */
        table_lookup(&ix->deletions, h, out);                     /* substitution, transposition */
    }
    char skeleton[TYPOSQUAT_NAME_MAX];
    size_t n = skeleton_of(q, lq, skeleton);
    table_lookup(&ix->skeletons, hash_of(skeleton, n), out);
    qsort(out->ids, out->count, sizeof out->ids[0], id_compare);
    size_t k = 0;
    for (size_t i = 0; i < out->count; i++)
        if (k == 0 || out->ids[k - 1] != out->ids[i]) out->ids[k++] = out->ids[i];
    out->count = k;
}

int typosquat_check(const TyposquatIndex *ix, const char *name, size_t len, TyposquatResult *out, KraitError *err)
{
    memset(out, 0, sizeof *out);
    if (validate_name(name, len, err) < 0) return -1;
    int n = pkgname_normalize(name, len, out->normalized, sizeof out->normalized);
    if (n < 0) return 0;   /* longer than any popular name plus one edit: nothing to imitate */
    size_t lq = (size_t)n;
    Candidates cand_store;   /* 4 KiB: fine on the stack, and no allocation per query */
    Candidates *cand = &cand_store;
    long self = find_exact(ix, out->normalized, lq, cand);
    if (self >= 0) {
        out->popular = 1;
        out->checked = 1;
        out->rank = top_packages[self].rank;
    } else if (lq >= TYPOSQUAT_MIN_LEN) {
        out->checked = 1;
        collect_candidates(ix, out->normalized, lq, cand);
        /* ids follow download rank, so the first match is the most popular */
        for (size_t i = 0; i < cand->count && !out->suspicious; i++) {
            size_t lc;
            const char *c = index_name(ix, cand->ids[i], &lc);
            if (lc < TYPOSQUAT_MIN_LEN) continue;
            out->comparisons++;
            TyposquatKind kind = classify(out->normalized, lq, c, lc);
            if (kind == TYPO_NONE) continue;
            if (kind != TYPO_SEPARATOR && kind != TYPO_HOMOGLYPH && lc <= TYPOSQUAT_SHORT_LEN &&
                top_packages[cand->ids[i]].rank > TYPOSQUAT_SHORT_RANK_MAX)
                continue;
            out->suspicious = 1;
            out->kind = kind;
            out->imitated = top_package_name(cand->ids[i]);
            out->imitated_rank = top_packages[cand->ids[i]].rank;
        }
    }
    return 0;
}
