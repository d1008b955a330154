/* pyrepr.c - repr() of str, bytes, int, float and imaginary constants.
 * Floats: CPython prints the shortest digit string that reads back to the
 * same double (David Gay's dtoa, mode 0). Here the candidates are the
 * correctly rounded n-digit strings from printf for n = 1..17, the first one
 * that round-trips through strtod wins; when the nearest n-digit string
 * misses only because the rounding interval is lopsided (at powers of two),
 * its neighbours are tried too, as dtoa would find them. */
#include "python/pyrepr.h"

#include "python/ucd.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char hex_digits[] = "0123456789abcdef";

static void put_hex(StrBuf *out, char kind, uint32_t v, int width)
{
    char buf[12];
    buf[0] = '\\';
    buf[1] = kind;
    for (int i = 0; i < width; i++) buf[2 + i] = hex_digits[(v >> (4 * (width - 1 - i))) & 0xF];
    strbuf_append(out, buf, (size_t)width + 2);
}

static char choose_quote(const char *s, size_t len)
{
    if (len == 0) return '\'';            /* s may be NULL for an empty value */
    return memchr(s, '\'', len) && !memchr(s, '"', len) ? '"' : '\'';
}

/* Decodes one UTF-8 (or WTF-8) sequence; a stray byte decodes as itself so
 * malformed input still prints something visible. */
static uint32_t next_cp(const unsigned char *s, size_t len, size_t *i)
{
    unsigned char c = s[*i];
    int n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    if (*i + (size_t)n > len) n = 1;
    uint32_t v = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (int k = 1; k < n; k++) v = v << 6 | (s[*i + (size_t)k] & 0x3Fu);
    *i += (size_t)n;
    return v;
}

void pyrepr_str(StrBuf *out, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    char q = choose_quote(s, len);
    strbuf_reserve(out, len + 2);
    strbuf_putc(out, q);
    size_t i = 0;
    while (i < len) {
        size_t run = i;                   /* plain ASCII goes out in one append */
        while (run < len && u[run] >= 0x20 && u[run] < 0x7F && u[run] != '\\' && u[run] != (unsigned char)q)
            run++;
        if (run > i) {
            strbuf_append(out, s + i, run - i);
            i = run;
            continue;
        }
        size_t start = i;
        uint32_t cp = next_cp(u, len, &i);
        if (cp == (uint32_t)q || cp == '\\') {
            strbuf_putc(out, '\\');
            strbuf_putc(out, (char)cp);
        } else if (cp == '\t') {
            strbuf_append(out, "\\t", 2);
        } else if (cp == '\n') {
            strbuf_append(out, "\\n", 2);
        } else if (cp == '\r') {
            strbuf_append(out, "\\r", 2);
        } else if (cp < 0x20 || cp == 0x7F) {
            put_hex(out, 'x', cp, 2);
        } else if (cp < 0x7F || ucd_is_printable(cp)) {
            strbuf_append(out, s + start, i - start);
        } else if (cp <= 0xFF) {
            put_hex(out, 'x', cp, 2);
        } else if (cp <= 0xFFFF) {
            put_hex(out, 'u', cp, 4);
        } else {
            put_hex(out, 'U', cp, 8);
        }
    }
    strbuf_putc(out, q);
}

void pyrepr_bytes(StrBuf *out, const char *s, size_t len)
{
    char q = choose_quote(s, len);
    strbuf_reserve(out, len + 3);
    strbuf_putc(out, 'b');
    strbuf_putc(out, q);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == (unsigned char)q || c == '\\') {
            strbuf_putc(out, '\\');
            strbuf_putc(out, (char)c);
        } else if (c == '\t') {
            strbuf_append(out, "\\t", 2);
        } else if (c == '\n') {
            strbuf_append(out, "\\n", 2);
        } else if (c == '\r') {
            strbuf_append(out, "\\r", 2);
        } else if (c < 0x20 || c >= 0x7F) {
            put_hex(out, 'x', c, 2);
        } else {
            strbuf_putc(out, (char)c);
        }
    }
    strbuf_putc(out, q);
}

/* Adds one unit in the last place to a digit string; returns 1 when it
 * carried out of the first digit (the string became 10...0). */
static int digits_increment(char *d, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        if (d[i] != '9') {
            d[i]++;
            return 0;
        }
        d[i] = '0';
    }
    d[0] = '1';
    return 1;
}

static int digits_decrement(char *d, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        if (d[i] != '0') {
            d[i]--;
            return d[0] == '0';          /* leading zero: not an n-digit number */
        }
        d[i] = '9';
    }
    return 1;
}

static int digits_round_trip(const char *d, int n, int exp10, double v)
{
    char buf[48];
    memcpy(buf, d, (size_t)n);
    int len = n;
    buf[len++] = 'e';
    if (exp10 < 0) buf[len++] = '-';
    unsigned u = exp10 < 0 ? 0u - (unsigned)exp10 : (unsigned)exp10;
    char tmp[8];
    int k = 0;
    do tmp[k++] = (char)('0' + u % 10); while (u /= 10);
    while (k) buf[len++] = tmp[--k];
    buf[len] = '\0';
    return strtod(buf, NULL) == v;
}

/* Only at an exact power of two is the rounding interval lopsided (the
 * gap below is half the gap above), so only there can a neighbour of the
 * correctly rounded string read back when it does not. */
static int float_is_power_of_two(double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    return (bits & ((UINT64_C(1) << 52) - 1)) == 0;
}

/* The n-digit candidate for v > 0: the correctly rounded one, or a
 * neighbour when only that reads back. Returns 1 and fills d and the
 * exponent e of its first digit when one round-trips. */
static int float_try_digits(double v, int n, char *d, int *e)
{
    char buf[40];
    snprintf(buf, sizeof buf, "%.*e", n - 1, v);
    int k = 0;
    for (const char *p = buf; *p && *p != 'e'; p++)
        if (*p != '.') d[k++] = *p;
    *e = atoi(strchr(buf, 'e') + 1);
    int scale = *e - n + 1;
    if (digits_round_trip(d, n, scale, v)) return 1;
    if (n == 1 || !float_is_power_of_two(v)) return 0;
    char alt[20];
    memcpy(alt, d, (size_t)n);
    if (!digits_increment(alt, n) && digits_round_trip(alt, n, scale, v)) {
        memcpy(d, alt, (size_t)n);
        return 1;
    }
    memcpy(alt, d, (size_t)n);
    if (!digits_decrement(alt, n) && digits_round_trip(alt, n, scale, v)) {
        memcpy(d, alt, (size_t)n);
        return 1;
    }
    return 0;
}

/* Shortest digits (no trailing zeros) and decimal exponent of v > 0:
 * v ~= 0.d1d2... * 10^decpt. Whether some n-digit string reads back is
 * monotonic in n: short literals (0.5, 1e-3) are found by counting up,
 * the rest by a binary search over 5..17. */
static int float_shortest(double v, char *digits, int *decpt)
{
    enum { FLOAT_SHORT_DIGITS = 4 };
    char d[20];
    int e, lo = 1, hi = 17;
    while (lo <= FLOAT_SHORT_DIGITS && !float_try_digits(v, lo, d, &e)) lo++;
    if (lo <= FLOAT_SHORT_DIGITS) hi = lo;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (float_try_digits(v, mid, d, &e)) hi = mid;
        else lo = mid + 1;
    }
    int n = lo;
    float_try_digits(v, n, d, &e);        /* 17 digits always round-trip */
    while (n > 1 && d[n - 1] == '0') n--;
    memcpy(digits, d, (size_t)n);
    digits[n] = '\0';
    *decpt = e + 1;
    return n;
}

/* Python's 'r' formatting; add_dot0 is what float has and complex lacks. */
static void format_repr(StrBuf *out, double v, int add_dot0)
{
    if (isnan(v)) {
        strbuf_puts(out, "nan");
        return;
    }
    if (signbit(v)) strbuf_putc(out, '-');
    v = fabs(v);
    if (isinf(v)) {
        strbuf_puts(out, "inf");
        return;
    }
    if (v == 0) {
        strbuf_puts(out, add_dot0 ? "0.0" : "0");
        return;
    }
    char d[20];
    int decpt = 0;
    int n = float_shortest(v, d, &decpt);
    if (decpt <= -4 || decpt > 16) {
        strbuf_putc(out, d[0]);
        if (n > 1) {
            strbuf_putc(out, '.');
            strbuf_append(out, d + 1, (size_t)n - 1);
        }
        int e = decpt - 1;
        strbuf_printf(out, "e%c%02d", e < 0 ? '-' : '+', abs(e));
        return;
    }
    if (decpt <= 0) {
        strbuf_append(out, "0.", 2);
        for (int i = decpt; i < 0; i++) strbuf_putc(out, '0');
        strbuf_append(out, d, (size_t)n);
    } else if (decpt >= n) {
        strbuf_append(out, d, (size_t)n);
        for (int i = n; i < decpt; i++) strbuf_putc(out, '0');
        if (add_dot0) strbuf_append(out, ".0", 2);
    } else {
        strbuf_append(out, d, (size_t)decpt);
        strbuf_putc(out, '.');
        strbuf_append(out, d + decpt, (size_t)(n - decpt));
    }
}

void pyrepr_float(StrBuf *out, double v)
{
    format_repr(out, v, 1);
}

void pyrepr_imag(StrBuf *out, double imag)
{
    format_repr(out, imag, 0);
    strbuf_putc(out, 'j');
}

void pyrepr_const(StrBuf *out, const AstConst *c)
{
    switch ((AstConstKind)c->kind) {
    case CONST_NONE: strbuf_puts(out, "None"); return;
    case CONST_TRUE: strbuf_puts(out, "True"); return;
    case CONST_FALSE: strbuf_puts(out, "False"); return;
    case CONST_ELLIPSIS: strbuf_puts(out, "Ellipsis"); return;
    case CONST_INT: strbuf_append(out, c->text.s, c->text.len); return;
    case CONST_FLOAT: pyrepr_float(out, c->number); return;
    case CONST_COMPLEX: pyrepr_imag(out, c->number); return;
    case CONST_STR: pyrepr_str(out, c->text.s, c->text.len); return;
    case CONST_BYTES: pyrepr_bytes(out, c->text.s, c->text.len); return;
    }
}
