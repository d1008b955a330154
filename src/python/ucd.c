/* ucd.c - lookups in the generated Unicode tables (see ucd.h). Name lookup
 * encodes the query into the table's word codes and binary-searches the
 * encoded names, so it costs about a microsecond and decompresses nothing:
 * a file full of "\N{...}" must not be slow to scan. */
#include "python/ucd.h"

#include "base/die.h"

#include <stdlib.h>
#include <string.h>

#include "python/unicode_names.inc"
#include "python/unicode_nfkc.inc"
#include "python/unicode_printable.inc"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

enum {
    HANGUL_S = 0xAC00, HANGUL_L = 0x1100, HANGUL_V = 0x1161, HANGUL_T = 0x11A7,
    HANGUL_LCOUNT = 19, HANGUL_VCOUNT = 21, HANGUL_TCOUNT = 28,
    HANGUL_NCOUNT = HANGUL_VCOUNT * HANGUL_TCOUNT, HANGUL_SCOUNT = HANGUL_LCOUNT * HANGUL_NCOUNT,
    NAME_MAX_WORDS = 64
};

/* The Jamo short names of Unicode's Hangul syllable naming (facts from the
 * standard, chapter 3.12). */
static const char *const hangul_l[HANGUL_LCOUNT] = {
    "G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"};
static const char *const hangul_v[HANGUL_VCOUNT] = {
    "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI",
    "YU", "EU", "YI", "I"};
static const char *const hangul_t[HANGUL_TCOUNT] = {
    "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B",
    "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"};

/* The longest Jamo short name at s (CPython matches greedily, too). */
static int hangul_match(const char *const *table, int count, const char *s, size_t len, size_t *used)
{
    int best = -1;
    size_t best_len = 0;
    for (int i = 0; i < count; i++) {
        size_t n = strlen(table[i]);
        if (n <= len && memcmp(s, table[i], n) == 0 && (best < 0 || n > best_len)) {
            best = i;
            best_len = n;
        }
    }
    *used = best_len;
    return best;
}

static int lookup_hangul(const char *s, size_t len, uint32_t *cp)
{
    size_t u;
    int l = hangul_match(hangul_l, HANGUL_LCOUNT, s, len, &u);
    s += u, len -= u;
    int v = hangul_match(hangul_v, HANGUL_VCOUNT, s, len, &u);
    s += u, len -= u;
    int t = hangul_match(hangul_t, HANGUL_TCOUNT, s, len, &u);
    if (l < 0 || v < 0 || t < 0 || u != len) return -1;
    *cp = (uint32_t)(HANGUL_S + (l * HANGUL_VCOUNT + v) * HANGUL_TCOUNT + t);
    return 0;
}

static int lookup_cjk(const char *s, size_t len, uint32_t *cp)
{
    if (len != 4 && len != 5) return -1;
    uint32_t v = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') v = v * 16 + (uint32_t)(c - '0');
        else if (c >= 'A' && c <= 'F') v = v * 16 + (uint32_t)(c - 'A' + 10);
        else return -1;
    }
    for (size_t i = 0; i < COUNT_OF(ucd_cjk_ranges); i += 2) {
        if (v >= ucd_cjk_ranges[i] && v <= ucd_cjk_ranges[i + 1]) {
            *cp = v;
            return 0;
        }
    }
    return -1;
}

static int has_prefix(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

/* Entry i of a table of NUL-terminated words in alphabetical order, given
 * the offset of the first entry of its block. */
static const char *word_at_block(size_t block)
{
    return ucd_name_words + ucd_name_word_blocks[block];
}

/* Compares a NUL-terminated table word with the query word w/len. */
static int word_cmp(const char *cand, const char *w, size_t len)
{
    int c = strncmp(cand, w, len);
    if (c) return c;
    return cand[len] == '\0' ? 0 : 1;
}

/* The code of an upper-case word: a binary search over the blocks, then a
 * scan of one block. -1 when no name uses the word. */
static int word_code(const char *w, size_t len)
{
    size_t lo = 0, hi = COUNT_OF(ucd_name_word_blocks);
    while (hi - lo > 1) {                 /* the last block whose first word <= w */
        size_t mid = (lo + hi) / 2;
        if (word_cmp(word_at_block(mid), w, len) <= 0) lo = mid;
        else hi = mid;
    }
    const char *cand = word_at_block(lo);
    for (size_t i = lo * UCD_NAME_BLOCK; i < UCD_NAME_WORDS && i < (lo + 1) * UCD_NAME_BLOCK; i++) {
        int c = word_cmp(cand, w, len);
        if (c == 0) return ucd_name_word_codes[i];
        if (c > 0) return -1;
        cand += strlen(cand) + 1;
    }
    return -1;
}

/* The query as the table encodes names; -1 when some word is unknown. */
static int encode_name(const char *name, size_t len, unsigned char *enc, size_t *enc_len)
{
    char word[128];
    size_t n = 0, w = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && name[i] != ' ') {
            char c = name[i];
            if (c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
            if (w >= sizeof word) return -1;
            word[w++] = c;
            continue;
        }
        if (w == 0) return -1;            /* leading, trailing or doubled space */
        int code = word_code(word, w);
        if (code < 0 || n + 2 > 255) return -1;
        if (code < 0x80) {
            enc[n++] = (unsigned char)code;
        } else {
            code -= 0x80;
            enc[n++] = (unsigned char)(0x80 | (code >> 8));
            enc[n++] = (unsigned char)(code & 0xFF);
        }
        w = 0;
    }
    *enc_len = n;
    return 0;
}

/* Records compare as byte strings, a prefix first (Python's bytes order). */
static int record_cmp(const unsigned char *rec, const unsigned char *enc, size_t enc_len)
{
    size_t n = rec[0], m = n < enc_len ? n : enc_len;
    int c = memcmp(rec + 1, enc, m);
    if (c) return c;
    return n < enc_len ? -1 : n > enc_len ? 1 : 0;
}

static int find_record(const unsigned char *enc, size_t enc_len, uint32_t *cp)
{
    size_t lo = 0, hi = COUNT_OF(ucd_name_record_blocks);
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (record_cmp(ucd_name_records + ucd_name_record_blocks[mid], enc, enc_len) <= 0) lo = mid;
        else hi = mid;
    }
    const unsigned char *p = ucd_name_records + ucd_name_record_blocks[lo];
    const unsigned char *end = ucd_name_records + sizeof ucd_name_records;
    for (int i = 0; i < UCD_NAME_BLOCK && p < end; i++) {
        int c = record_cmp(p, enc, enc_len);
        const unsigned char *v = p + 1 + p[0];
        if (c == 0) {
            *cp = (uint32_t)v[0] << 16 | (uint32_t)v[1] << 8 | v[2];
            return 0;
        }
        if (c > 0) return -1;
        p = v + 3;
    }
    return -1;
}

int ucd_lookup_name(const char *name, size_t len, uint32_t *cp)
{
    static const char cjk[] = "CJK UNIFIED IDEOGRAPH-", hangul[] = "HANGUL SYLLABLE ";
    if (has_prefix(name, len, hangul))
        return lookup_hangul(name + sizeof hangul - 1, len - (sizeof hangul - 1), cp);
    if (has_prefix(name, len, cjk))
        return lookup_cjk(name + sizeof cjk - 1, len - (sizeof cjk - 1), cp);
    unsigned char enc[256];
    size_t enc_len;
    if (encode_name(name, len, enc, &enc_len) < 0) return -1;
    return find_record(enc, enc_len, cp);
}

int ucd_is_printable(uint32_t cp)
{
    size_t lo = 0, hi = COUNT_OF(ucd_printable_ranges);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < ucd_printable_ranges[mid][0]) hi = mid;
        else if (cp > ucd_printable_ranges[mid][1]) lo = mid + 1;
        else return 1;
    }
    return 0;
}

/* ---- NFKC ---- */

static long find_u32(const uint32_t *a, size_t n, uint32_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a[mid] < key) lo = mid + 1;
        else if (a[mid] > key) hi = mid;
        else return (long)mid;
    }
    return -1;
}

static int ccc_of(uint32_t cp)
{
    size_t lo = 0, hi = COUNT_OF(ucd_ccc);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        uint32_t k = ucd_ccc[mid] >> 8;
        if (k < cp) lo = mid + 1;
        else if (k > cp) hi = mid;
        else return (int)(ucd_ccc[mid] & 0xFF);
    }
    return 0;
}

/* The canonical composite of a and b, or 0. */
static uint32_t compose_pair(uint32_t a, uint32_t b)
{
    if (a >= HANGUL_L && a < HANGUL_L + HANGUL_LCOUNT && b >= HANGUL_V && b < HANGUL_V + HANGUL_VCOUNT)
        return HANGUL_S + ((a - HANGUL_L) * HANGUL_VCOUNT + (b - HANGUL_V)) * HANGUL_TCOUNT;
    if (a >= HANGUL_S && a < HANGUL_S + HANGUL_SCOUNT && (a - HANGUL_S) % HANGUL_TCOUNT == 0 &&
        b > HANGUL_T && b < HANGUL_T + HANGUL_TCOUNT)
        return a + (b - HANGUL_T);
    size_t lo = 0, hi = COUNT_OF(ucd_compositions) / 3;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const uint32_t *t = ucd_compositions + mid * 3;
        if (t[0] < a || (t[0] == a && t[1] < b)) lo = mid + 1;
        else if (t[0] > a || (t[0] == a && t[1] > b)) hi = mid;
        else return t[2];
    }
    return 0;
}

/* Decodes one UTF-8 sequence; -1 when malformed. */
static int utf8_next(const unsigned char *s, size_t len, size_t *i, uint32_t *cp)
{
    unsigned char c = s[*i];
    int n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0 || *i + (size_t)n > len) return -1;
    uint32_t v = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (int k = 1; k < n; k++) {
        if ((s[*i + (size_t)k] & 0xC0) != 0x80) return -1;
        v = v << 6 | (s[*i + (size_t)k] & 0x3Fu);
    }
    *i += (size_t)n;
    *cp = v;
    return 0;
}

static size_t decompose_one(uint32_t cp, uint32_t *out)
{
    if (cp >= HANGUL_S && cp < HANGUL_S + HANGUL_SCOUNT) {
        uint32_t s = cp - HANGUL_S, t = s % HANGUL_TCOUNT;
        out[0] = HANGUL_L + s / HANGUL_NCOUNT;
        out[1] = HANGUL_V + (s % HANGUL_NCOUNT) / HANGUL_TCOUNT;
        if (!t) return 2;
        out[2] = HANGUL_T + t;
        return 3;
    }
    long k = cp < 0x80 ? -1 : find_u32(ucd_decomp_keys, COUNT_OF(ucd_decomp_keys), cp);
    if (k < 0) {
        out[0] = cp;
        return 1;
    }
    uint32_t idx = ucd_decomp_index[k], n = idx & 31;
    memcpy(out, ucd_decomp_pool + (idx >> 5), n * sizeof *out);
    return n;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorts one run of non-starters by class, stably: short runs (all real
 * text) by insertion, long ones (a hostile pile of combining marks) by
 * qsort on keys of class, position and code point. */
static void reorder_run(uint32_t *cps, size_t n)
{
    enum { REORDER_INSERTION_MAX = 16 };
    if (n <= REORDER_INSERTION_MAX) {
        for (size_t i = 1; i < n; i++) {
            uint32_t c = cps[i];
            int k = ccc_of(c);
            size_t j = i;
            for (; j > 0 && ccc_of(cps[j - 1]) > k; j--) cps[j] = cps[j - 1];
            cps[j] = c;
        }
        return;
    }
    uint64_t *keys = malloc(n * sizeof *keys);
    if (!keys) die_out_of_memory();
    for (size_t i = 0; i < n; i++) keys[i] = (uint64_t)ccc_of(cps[i]) << 56 | (uint64_t)i << 21 | cps[i];
    qsort(keys, n, sizeof *keys, compare_u64);
    for (size_t i = 0; i < n; i++) cps[i] = (uint32_t)(keys[i] & 0x1FFFFF);
    free(keys);
}

/* Canonical ordering: each maximal run of non-starters sorted by class. */
static void reorder(uint32_t *cps, size_t n)
{
    for (size_t i = 0; i < n;) {
        if (ccc_of(cps[i]) == 0) {
            i++;
            continue;
        }
        size_t end = i + 1;
        while (end < n && ccc_of(cps[end]) != 0) end++;
        reorder_run(cps + i, end - i);
        i = end;
    }
}

/* Canonical composition: a character joins the last starter unless a
 * character of the same or higher class (or any starter) sits between. */
static size_t compose(uint32_t *cps, size_t n)
{
    if (n == 0) return 0;
    size_t starter = 0, out = 1;
    int last_ccc = ccc_of(cps[0]) ? 256 : 0;   /* no starter yet: nothing composes */
    for (size_t i = 1; i < n; i++) {
        uint32_t c = cps[i];
        int k = ccc_of(c);
        uint32_t comp = last_ccc < k || last_ccc == 0 ? compose_pair(cps[starter], c) : 0;
        if (comp) {
            cps[starter] = comp;
            continue;
        }
        if (k == 0) starter = out;
        last_ccc = k;
        cps[out++] = c;
    }
    return out;
}

static size_t utf8_put_cp(unsigned char *o, uint32_t cp)
{
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) { o[0] = (unsigned char)(0xC0 | cp >> 6); o[1] = (unsigned char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | cp >> 12);
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | cp >> 18);
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

int ucd_nfkc(Arena *arena, const char *s, size_t len, AstStr *out)
{
    /* No decomposition is longer than 18 code points (U+FDFA): identifiers
     * of ordinary length decompose on the stack; longer ones are measured
     * first so the buffer is exact. */
    enum { NFKC_STACK_BYTES = 64, NFKC_MAX_EXPANSION = 18 };
    uint32_t small[NFKC_STACK_BYTES * NFKC_MAX_EXPANSION];
    uint32_t *cps = small;
    if (len > NFKC_STACK_BYTES) {
        size_t need = 0;
        for (size_t i = 0; i < len;) {
            uint32_t cp;
            if (utf8_next((const unsigned char *)s, len, &i, &cp) < 0) return -1;
            need += decompose_one(cp, small);
        }
        cps = malloc((need + 1) * sizeof *cps);
        if (!cps) die_out_of_memory();
    }
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        if (utf8_next((const unsigned char *)s, len, &i, &cp) < 0) {
            if (cps != small) free(cps);
            return -1;
        }
        n += decompose_one(cp, cps + n);
    }
    reorder(cps, n);
    n = compose(cps, n);
    unsigned char *o = arena_alloc(arena, n * 4 + 1);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) m += utf8_put_cp(o + m, cps[i]);
    o[m] = '\0';
    if (cps != small) free(cps);
    out->s = (const char *)o;
    out->len = (uint32_t)m;
    return 0;
}
