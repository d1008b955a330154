/* literal.c - string, bytes and number tokens to constant values, following
 * CPython 3.13's compiler (Parser/string_parser.c and the unicode-escape
 * codec). The decoded value never grows past the token text, so one arena
 * block of the token's length holds it and decoding is a single pass.
 *
 * Error positions imitate CPython: the unicode-escape codec does not see the
 * source text but a copy in which every non-ASCII character became a 10-byte
 * "\UXXXXXXXX" escape and a backslash before one became "\u005c", so a
 * position counts ASCII bytes as 1, non-ASCII characters as 10 and such a
 * backslash as 6. */
#include "python/literal.h"

#include "base/die.h"
#include "python/ucd.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* CPython refuses decimal literals longer than this (sys.int_info). */
enum { LITERAL_INT_MAX_STR_DIGITS = 4300 };
/* A deliberate limit of krait: hex, octal and binary literals become
 * decimal digits (AstConst holds no other form) by a quadratic conversion,
 * so a huge one could stall a scan. 131072 bits is ~39 500 decimal digits,
 * nine times what CPython itself agrees to print, and converts in
 * milliseconds. */
enum { LITERAL_INT_MAX_BITS = 131072 };

typedef struct Decoder {
    const unsigned char *s;    /* the body being decoded */
    size_t len;
    size_t i;                  /* read index into s */
    size_t pos;                /* CPython's codec position of s[i] */
    char *out;
    size_t n;                  /* bytes written to out */
    int is_bytes;
    int raw;
    int fstring;               /* collapse "{{" and "}}" */
    char *errmsg;
    size_t errmsg_size;
} Decoder;

static int literal_fail(char *errmsg, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int literal_fail(char *errmsg, size_t size, const char *fmt, ...)
{
    if (errmsg && size) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(errmsg, size, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int decoder_unicode_error(Decoder *d, size_t start, size_t end, const char *why)
{
    return literal_fail(d->errmsg, d->errmsg_size,
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: %s",
                        start, end - 1, why);
}

/* Writes cp as UTF-8; surrogates take the 3-byte form (WTF-8). */
static size_t utf8_put(char *out, uint32_t cp)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

static int hex_value(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Copies one plain (unescaped) character at d->i: newlines are normalised,
 * doubled braces collapse in f-strings, non-ASCII is checked for bytes. */
static int decoder_copy_char(Decoder *d)
{
    unsigned char c = d->s[d->i];
    if (c == '\r') {
        d->out[d->n++] = '\n';
        d->i += (d->i + 1 < d->len && d->s[d->i + 1] == '\n') ? 2 : 1;
        d->pos += 1;
        return 0;
    }
    if (c < 0x80) {
        d->out[d->n++] = (char)c;
        d->i++;
        d->pos++;
        if (d->fstring && (c == '{' || c == '}') && d->i < d->len && d->s[d->i] == c) {
            d->i++;
            d->pos = 0;   /* CPython's next FSTRING_MIDDLE token, and its positions, start here */
        }
        return 0;
    }
    do {
        d->out[d->n++] = (char)d->s[d->i++];
    } while (d->i < d->len && (d->s[d->i] & 0xC0) == 0x80);
    d->pos += 10;
    return 0;
}

/* \x, \u, \U: `count` hex digits after the letter at d->i. */
static int decoder_hex_escape(Decoder *d, size_t start, int count, const char *why)
{
    uint32_t cp = 0;
    d->i++;
    d->pos++;
    for (int k = 0; k < count; k++) {
        int v = d->i < d->len ? hex_value(d->s[d->i]) : -1;
        if (v < 0) {
            if (d->is_bytes)
                return literal_fail(d->errmsg, d->errmsg_size, "(value error) invalid \\x escape at position %zu", start);
            return decoder_unicode_error(d, start, d->pos, why);
        }
        cp = cp << 4 | (uint32_t)v;
        d->i++;
        d->pos++;
    }
    if (d->is_bytes) {
        d->out[d->n++] = (char)cp;
        return 0;
    }
    if (cp > 0x10FFFF)
        return decoder_unicode_error(d, start, d->pos, "illegal Unicode character");
    d->n += utf8_put(d->out + d->n, cp);
    return 0;
}

static int decoder_octal_escape(Decoder *d)
{
    uint32_t v = 0;
    for (int k = 0; k < 3 && d->i < d->len && d->s[d->i] >= '0' && d->s[d->i] <= '7'; k++) {
        v = v * 8 + (uint32_t)(d->s[d->i] - '0');
        d->i++;
        d->pos++;
    }
    /* Values above 0o377 are a SyntaxWarning in str and wrap in bytes. */
    if (d->is_bytes)
        d->out[d->n++] = (char)(v & 0xFF);
    else
        d->n += utf8_put(d->out + d->n, v);
    return 0;
}

static int decoder_name_escape(Decoder *d, size_t start)
{
    static const char malformed[] = "malformed \\N character escape";
    d->i++;
    d->pos++;
    if (d->i >= d->len || d->s[d->i] != '{')
        return decoder_unicode_error(d, start, d->pos, malformed);
    d->i++;
    d->pos++;
    size_t name = d->i;
    while (d->i < d->len && d->s[d->i] != '}') {
        unsigned char c = d->s[d->i];
        int crlf = c == '\r' && d->i + 1 < d->len && d->s[d->i + 1] == '\n';   /* CPython saw "\n" */
        if (c == '\\' && d->i + 1 < d->len && d->s[d->i + 1] >= 0x80) d->pos += 6;
        else if (c < 0x80 && !crlf) d->pos += 1;
        else if ((c & 0xC0) == 0xC0) d->pos += 10;
        d->i++;
    }
    if (d->i >= d->len || d->i == name)
        return decoder_unicode_error(d, start, d->pos, malformed);
    size_t namelen = d->i - name;
    d->i++;
    d->pos++;
    uint32_t cp;
    if (ucd_lookup_name((const char *)d->s + name, namelen, &cp) < 0)
        return decoder_unicode_error(d, start, d->pos, "unknown Unicode character name");
    d->n += utf8_put(d->out + d->n, cp);
    return 0;
}

static int decoder_escape(Decoder *d)
{
    size_t start = d->pos;
    d->i++;                               /* the backslash */
    d->pos++;
    if (d->i >= d->len) {                 /* only an f-string part can end so */
        d->out[d->n++] = '\\';
        return 0;
    }
    unsigned char c = d->s[d->i];
    static const char simple_from[] = "\\'\"abfnrtv";
    static const char simple_to[] = "\\'\"\a\b\f\n\r\t\v";
    const char *hit = c ? strchr(simple_from, c) : NULL;
    if (hit) {
        d->out[d->n++] = simple_to[hit - simple_from];
        d->i++;
        d->pos++;
        return 0;
    }
    if (c == '\n' || c == '\r') {         /* backslash-newline: a continuation */
        d->i += (c == '\r' && d->i + 1 < d->len && d->s[d->i + 1] == '\n') ? 2 : 1;
        d->pos++;
        return 0;
    }
    if (c >= '0' && c <= '7') return decoder_octal_escape(d);
    if (c == 'x') return decoder_hex_escape(d, start, 2, "truncated \\xXX escape");
    if (!d->is_bytes) {
        if (c == 'u') return decoder_hex_escape(d, start, 4, "truncated \\uXXXX escape");
        if (c == 'U') return decoder_hex_escape(d, start, 8, "truncated \\UXXXXXXXX escape");
        if (c == 'N') return decoder_name_escape(d, start);
    }
    /* An unknown escape keeps its backslash (a SyntaxWarning in CPython). */
    d->out[d->n++] = '\\';
    if (c >= 0x80) d->pos += 5;          /* the codec saw "\u005c" */
    return 0;
}

static int decoder_run(Decoder *d)
{
    while (d->i < d->len) {
        int rc = (!d->raw && d->s[d->i] == '\\') ? decoder_escape(d) : decoder_copy_char(d);
        if (rc < 0) return rc;
    }
    return 0;
}

static int decode_body(Arena *arena, const char *body, size_t len, int is_bytes, int raw, int fstring,
                       AstConst *out, char *errmsg, size_t errmsg_size)
{
    /* CPython checks the whole bytes literal before decoding any escape. */
    for (size_t i = 0; is_bytes && i < len; i++)
        if ((unsigned char)body[i] >= 0x80)
            return literal_fail(errmsg, errmsg_size, "bytes can only contain ASCII literal characters");
    Decoder d = {(const unsigned char *)body, len, 0, 0, NULL, 0, is_bytes, raw, fstring,
                 errmsg, errmsg_size};
    d.out = arena_alloc(arena, len + 1);
    /* Most literals hold nothing to decode: one copy, no per-byte work. */
    int plain = !memchr(body, '\r', len) && (raw || !memchr(body, '\\', len)) &&
                (!fstring || (!memchr(body, '{', len) && !memchr(body, '}', len)));
    if (plain) {
        memcpy(d.out, body, len);
        d.n = len;
    } else if (decoder_run(&d) < 0) {
        return -1;
    }
    d.out[d.n] = '\0';
    memset(out, 0, sizeof *out);
    out->kind = is_bytes ? CONST_BYTES : CONST_STR;
    out->text.s = d.out;
    out->text.len = (uint32_t)d.n;
    return 0;
}

int literal_decode_string(Arena *arena, const char *text, size_t len, AstConst *out, int *is_u,
                          char *errmsg, size_t errmsg_size)
{
    int is_bytes = 0, raw = 0, u = 0;
    size_t p = 0;
    for (; p < len && text[p] != '\'' && text[p] != '"'; p++) {
        switch (text[p]) {
        case 'b': case 'B': is_bytes = 1; break;
        case 'r': case 'R': raw = 1; break;
        case 'u': case 'U': u = 1; break;
        default:
            return literal_fail(errmsg, errmsg_size, "invalid string prefix '%.*s'", (int)(p + 1), text);
        }
    }
    if (p == len)
        return literal_fail(errmsg, errmsg_size, "string literal without quotes");
    char q = text[p];
    size_t qlen = (len - p >= 6 && text[p + 1] == q && text[p + 2] == q) ? 3 : 1;
    if (len - p < 2 * qlen || text[len - 1] != q || (qlen == 3 && (text[len - 2] != q || text[len - 3] != q)))
        return literal_fail(errmsg, errmsg_size, "unterminated string literal");
    if (is_u) *is_u = u;
    return decode_body(arena, text + p + qlen, len - p - 2 * qlen, is_bytes, raw, 0, out, errmsg, errmsg_size);
}

int literal_decode_fstring_middle(Arena *arena, const char *text, size_t len, int raw, AstConst *out,
                                  char *errmsg, size_t errmsg_size)
{
    return decode_body(arena, text, len, 0, raw, 1, out, errmsg, errmsg_size);
}

/* ---- numbers ---- */

/* Up to 64 bits: no bignum needed. */
static char *small_to_decimal(Arena *arena, const char *digits, size_t n, unsigned base, uint32_t *outlen)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) v = v * base + (uint64_t)hex_value(digits[i]);
    char buf[24];
    int i = sizeof buf;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    *outlen = (uint32_t)(sizeof buf - (size_t)i);
    return arena_strndup(arena, buf + i, *outlen);
}

/* Digits in base 2^k (k = 1, 3 or 4) to decimal, in limbs of 10^9 stored
 * least significant first. Input digits are taken up to 28 bits at a time
 * (a limb times 2^28 plus a carry fits in 64 bits), so the quadratic cost
 * stays small up to LITERAL_INT_MAX_BITS. */
static char *bignum_to_decimal(Arena *arena, const char *digits, size_t n, unsigned bits_per_digit,
                               uint32_t *outlen)
{
    unsigned base = 1u << bits_per_digit, per_chunk = 28 / bits_per_digit;
    if (n * bits_per_digit <= 64) return small_to_decimal(arena, digits, n, base, outlen);
    size_t cap = n * bits_per_digit / 29 + 2;   /* 10^9 > 2^29 */
    uint32_t *limbs = malloc(cap * sizeof *limbs);
    if (!limbs) die_out_of_memory();
    size_t used = 0;
    for (size_t i = 0; i < n;) {
        uint64_t carry = 0, mult = 1;
        for (unsigned k = 0; k < per_chunk && i < n; k++, i++) {
            carry = carry * base + (uint64_t)hex_value(digits[i]);
            mult *= base;
        }
        for (size_t k = 0; k < used; k++) {
            uint64_t v = (uint64_t)limbs[k] * mult + carry;
            limbs[k] = (uint32_t)(v % 1000000000u);
            carry = v / 1000000000u;
        }
        while (carry) {
            limbs[used++] = (uint32_t)(carry % 1000000000u);
            carry /= 1000000000u;
        }
    }
    char *s = arena_alloc(arena, used * 9 + 2);
    size_t len = 0;
    if (used == 0) {
        s[len++] = '0';
    } else {
        len = (size_t)sprintf(s, "%u", limbs[used - 1]);
        for (size_t k = used - 1; k-- > 0;) len += (size_t)sprintf(s + len, "%09u", limbs[k]);
    }
    s[len] = '\0';
    free(limbs);
    *outlen = (uint32_t)len;
    return s;
}

static int number_fail_kind(char *errmsg, size_t size, char kind)
{
    const char *what = kind == 'x' ? "hexadecimal" : kind == 'o' ? "octal" : kind == 'b' ? "binary" : "decimal";
    return literal_fail(errmsg, size, "invalid %s literal", what);
}

static int digit_ok(char c, char kind)
{
    switch (kind) {
    case 'x': return hex_value(c) >= 0;
    case 'o': return c >= '0' && c <= '7';
    case 'b': return c == '0' || c == '1';
    default: return c >= '0' && c <= '9';
    }
}

/* Removes underscores, checking each sits between two digits. */
static int strip_underscores(const char *text, size_t len, char kind, char *buf, size_t *outlen,
                             char *errmsg, size_t size)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] != '_') {
            buf[n++] = text[i];
            continue;
        }
        int prev_ok = i > 0 && (digit_ok(text[i - 1], kind) || (kind != 'd' && i == 2));
        if (!prev_ok || i + 1 >= len || !digit_ok(text[i + 1], kind))
            return number_fail_kind(errmsg, size, kind);
    }
    buf[n] = '\0';
    *outlen = n;
    return 0;
}

static int parse_prefixed_int(Arena *arena, const char *buf, size_t n, AstConst *out, char *errmsg, size_t size)
{
    char kind = (char)(buf[1] | 0x20);
    unsigned bits = kind == 'x' ? 4 : kind == 'o' ? 3 : 1;
    if (n == 2) return number_fail_kind(errmsg, size, kind);
    for (size_t i = 2; i < n; i++)
        if (!digit_ok(buf[i], kind)) return number_fail_kind(errmsg, size, kind);
    size_t z = 2;
    while (z < n - 1 && buf[z] == '0') z++;
    if ((n - z) * bits > LITERAL_INT_MAX_BITS)
        return literal_fail(errmsg, size, "integer literal too large: more than %d bits (krait's limit; "
                            "CPython could not print it in decimal either)", LITERAL_INT_MAX_BITS);
    out->kind = CONST_INT;
    out->text.s = bignum_to_decimal(arena, buf + z, n - z, bits, &out->text.len);
    return 0;
}

static int parse_decimal_int(Arena *arena, const char *buf, size_t n, AstConst *out, char *errmsg, size_t size)
{
    size_t z = 0;
    while (z < n && buf[z] == '0') z++;
    if (z > 0 && z < n)
        return literal_fail(errmsg, size, "leading zeros in decimal integer literals are not permitted; "
                                          "use an 0o prefix for octal integers");
    if (z == n) z = n - 1;                /* all zeros: the value is "0" */
    if (n - z > LITERAL_INT_MAX_STR_DIGITS)
        return literal_fail(errmsg, size, "Exceeds the limit (%d digits) for integer string conversion: "
                            "value has %zu digits; use sys.set_int_max_str_digits() to increase the limit - "
                            "Consider hexadecimal for huge integer literals to avoid decimal conversion limits.",
                            LITERAL_INT_MAX_STR_DIGITS, n - z);
    out->kind = CONST_INT;
    out->text.s = arena_strndup(arena, buf + z, n - z);
    out->text.len = (uint32_t)(n - z);
    return 0;
}

/* Digits, at most one '.', an optional exponent: what strtod may see. */
static int float_syntax_ok(const char *buf, size_t n)
{
    size_t i = 0, digits = 0;
    while (i < n && buf[i] >= '0' && buf[i] <= '9') i++, digits++;
    if (i < n && buf[i] == '.') {
        i++;
        while (i < n && buf[i] >= '0' && buf[i] <= '9') i++, digits++;
    }
    if (digits == 0) return 0;
    if (i < n && (buf[i] == 'e' || buf[i] == 'E')) {
        i++;
        if (i < n && (buf[i] == '+' || buf[i] == '-')) i++;
        size_t e = i;
        while (i < n && buf[i] >= '0' && buf[i] <= '9') i++;
        if (i == e) return 0;
    }
    return i == n;
}

int literal_parse_number(Arena *arena, const char *text, size_t len, AstConst *out,
                         char *errmsg, size_t errmsg_size)
{
    memset(out, 0, sizeof *out);
    if (len == 0) return literal_fail(errmsg, errmsg_size, "invalid decimal literal");
    char kind = 'd';
    if (len >= 2 && text[0] == '0' && strchr("xXoObB", text[1])) kind = (char)(text[1] | 0x20);
    char small[64];
    char *buf = len < sizeof small ? small : malloc(len + 1);
    if (!buf) die_out_of_memory();
    size_t n = 0;
    int rc = strip_underscores(text, len, kind, buf, &n, errmsg, errmsg_size);
    if (rc == 0 && kind != 'd') {
        rc = parse_prefixed_int(arena, buf, n, out, errmsg, errmsg_size);
    } else if (rc == 0) {
        int imag = buf[n - 1] == 'j' || buf[n - 1] == 'J';
        size_t m = n - (size_t)imag;
        int is_float = imag || memchr(buf, '.', m) || memchr(buf, 'e', m) || memchr(buf, 'E', m);
        if (!is_float) {
            rc = float_syntax_ok(buf, m) ? parse_decimal_int(arena, buf, m, out, errmsg, errmsg_size)
                                         : number_fail_kind(errmsg, errmsg_size, 'd');
        } else if (!float_syntax_ok(buf, m)) {
            rc = number_fail_kind(errmsg, errmsg_size, 'd');
        } else {
            buf[m] = '\0';
            out->kind = imag ? CONST_COMPLEX : CONST_FLOAT;
            out->number = strtod(buf, NULL);   /* overflow gives inf, as in CPython */
        }
    }
    if (buf != small) free(buf);
    return rc;
}

/* ---- identifiers ---- */

int literal_normalize_identifier(Arena *arena, const char *s, size_t len, AstStr *out)
{
    size_t i = 0;
    while (i < len && (unsigned char)s[i] < 0x80) i++;
    if (i == len) {
        out->s = s;
        out->len = (uint32_t)len;
        return 0;
    }
    return ucd_nfkc(arena, s, len, out);
}
