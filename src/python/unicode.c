/* unicode.c - see unicode.h. The class tables are sorted, disjoint ranges,
 * searched by bisection; ASCII is answered without a table. */
#include "python/unicode.h"

typedef struct UnicodeRange {
    uint32_t lo;
    uint32_t hi;
} UnicodeRange;

#include "python/unicode_xid.inc"

static int in_ranges(const UnicodeRange *r, size_t n, uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < r[mid].lo) hi = mid;
        else if (cp > r[mid].hi) lo = mid + 1;
        else return 1;
    }
    return 0;
}

#define IN_TABLE(table, cp) in_ranges((table), sizeof(table) / sizeof((table)[0]), (cp))

int unicode_is_id_start(uint32_t cp) { return IN_TABLE(unicode_xid_start, cp); }
int unicode_is_id_continue(uint32_t cp) { return IN_TABLE(unicode_xid_continue, cp); }
int unicode_is_printable(uint32_t cp) { return IN_TABLE(unicode_printable, cp); }

int unicode_utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp)
{
    if (avail == 0) return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) n = 2, v = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, v = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, v = c & 0x07, min = 0x10000;
    else return 0;
    if (avail < (size_t)n) return 0;
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return n;
}

size_t unicode_count_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}
