/* toml.c - TOML 1.0.0 by recursive descent over the bytes of the document,
 * in one pass (after one UTF-8 validation pass), building the tree as it goes.
 *
 * Which tables may still receive keys follows the specification as tomllib
 * reads it, tracked per table with three flags:
 *   EXPLICIT  defined by a [header] or an element of [[header]]: a second
 *             [header] for it, or a dotted key reaching into it, is an error;
 *   DOTTED    created by a dotted key: only dotted keys of the same section
 *             (the same [header], or the same inline table) may extend it,
 *             and no [header] may define it (sub-tables are fine);
 *   INLINE    an inline table, closed once written; static arrays (not made
 *             by [[...]]) are closed the same way.
 * A table with none of these was created on the way to a deeper [a.b.c]
 * header and may be defined once later by its own header; dotted keys that
 * pass through it first make it DOTTED instead.
 *
 * Lines and columns are found from byte offsets with a cursor that only moves
 * forward in the normal case, so the whole parse stays linear. */
#include "config/toml.h"

#include "base/die.h"
#include "base/file.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

enum {
    TOML_F_EXPLICIT = 1u << 0,
    TOML_F_DOTTED = 1u << 1,
    TOML_F_INLINE = 1u << 2,
    TOML_F_AOT = 1u << 3,      /* an array made by [[header]] */
    TOML_MAX_DEPTH = 512,      /* nesting of arrays and inline tables */
    TOML_INDEX_MIN = 8,        /* tables this big get a hash index */
};

typedef struct KeyPart {
    const char *text;   /* in the arena, NUL-terminated */
    size_t len;
    size_t off;         /* where it starts in the source */
    int line, col;      /* of off, found while the cursor passed it */
} KeyPart;

typedef struct Parser {
    const char *src;
    size_t len;
    size_t pos;
    const char *path;
    Arena *arena;
    KraitError *err;
    StrBuf scratch;          /* decoded string under construction */
    KeyPart *keys;           /* parts of the dotted key being read */
    size_t nkeys, keys_cap;
    unsigned section;        /* stamp of the current [header] or inline table */
    unsigned next_section;
    int depth;
    locale_t c_locale;       /* for strtod_l; made on the first float */
    uint64_t seed;           /* of the hash indexes of big tables */
    size_t loc_off;          /* line/column cursor: offset, its line, line start */
    int loc_line;
    size_t loc_line_start;
} Parser;

/* ---- positions and errors ---- */

static void parser_locate(Parser *p, size_t off, int *line, int *col)
{
    if (off > p->len) off = p->len;
    if (off < p->loc_off && off >= p->loc_line_start) {
        *line = p->loc_line;   /* back on the same line: no rescan */
        *col = (int)(off - p->loc_line_start) + 1;
        return;
    }
    if (off < p->loc_off) {
        p->loc_off = 0;
        p->loc_line = 1;
        p->loc_line_start = 0;
    }
    size_t i = p->loc_off;
    while (i < off) {
        const char *nl = memchr(p->src + i, '\n', off - i);
        if (!nl) break;
        p->loc_line++;
        i = (size_t)(nl - p->src) + 1;
        p->loc_line_start = i;
    }
    p->loc_off = off;
    *line = p->loc_line;
    *col = (int)(off - p->loc_line_start) + 1;
}

__attribute__((format(printf, 3, 4)))
static int parser_error(Parser *p, size_t off, const char *fmt, ...)
{
    char msg[ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int line, col;
    parser_locate(p, off, &line, &col);
    return error_set(p->err, p->path, line, col, "%s", msg);
}

static void value_locate(Parser *p, TomlValue *v, size_t off)
{
    parser_locate(p, off, &v->line, &v->col);
}

/* Names the character at off for a message: 'x', or U+XXXX when invisible. */
static const char *describe_char(const Parser *p, size_t off, char *buf, size_t size)
{
    if (off >= p->len) return "end of file";
    unsigned char c = (unsigned char)p->src[off];
    if (c == '\n') return "end of line";
    if (c == '\r' && off + 1 < p->len && p->src[off + 1] == '\n') return "end of line";
    if (c < 0x20 || c == 0x7f) {
        snprintf(buf, size, "control character U+%04X", c);
    } else if (c >= 0x80) {
        /* The text is valid UTF-8 by now; show the character and its code point. */
        const unsigned char *u = (const unsigned char *)p->src + off;
        size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
        unsigned long cp = c & (0x7f >> n);
        for (size_t i = 1; i < n && off + i < p->len; i++) cp = (cp << 6) | (u[i] & 0x3f);
        snprintf(buf, size, "'%.*s' (U+%04lX)", (int)n, (const char *)u, cp);
    } else {
        snprintf(buf, size, "'%c'", c);
    }
    return buf;
}

static int error_unexpected(Parser *p, size_t off, const char *wanted)
{
    char buf[48];
    return parser_error(p, off, "%s, found %s", wanted, describe_char(p, off, buf, sizeof buf));
}

/* A key as shown between quotes in a message: control characters escaped,
 * long keys cut. Returned by value so a call can sit in an argument list. */
typedef struct KeyText {
    char s[96];
} KeyText;

static KeyText key_text(const char *text, size_t len)
{
    KeyText kt;
    size_t n = 0;
    for (size_t i = 0; i < len && n + 8 < sizeof kt.s; i++) {
        unsigned char c = (unsigned char)text[i];
        if (n > 60 && (c & 0xc0) != 0x80) {
            memcpy(kt.s + n, "...", 3);
            n += 3;
            break;
        }
        if (c < 0x20 || c == 0x7f) n += (size_t)snprintf(kt.s + n, sizeof kt.s - n, "\\u%04X", c);
        else kt.s[n++] = (char)c;
    }
    kt.s[n] = '\0';
    return kt;
}

static KeyText key_quote(const KeyPart *k)
{
    return key_text(k->text, k->len);
}

/* ---- UTF-8 ---- */

/* Length of the valid UTF-8 sequence at s[0, n), or 0 when invalid
 * (overlong forms, surrogates and code points past U+10FFFF are invalid). */
static size_t utf8_sequence_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80) return 1;
    size_t len;
    unsigned char lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) len = 2;
    else if (c == 0xe0) { len = 3; lo = 0xa0; }
    else if (c == 0xed) { len = 3; hi = 0x9f; }
    else if (c >= 0xe1 && c <= 0xef) len = 3;
    else if (c == 0xf0) { len = 4; lo = 0x90; }
    else if (c >= 0xf1 && c <= 0xf3) len = 4;
    else if (c == 0xf4) { len = 4; hi = 0x8f; }
    else return 0;
    if (n < len) return 0;
    if (s[1] < lo || s[1] > hi) return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xbf) return 0;
    return len;
}

static int parser_check_utf8(Parser *p)
{
    const unsigned char *s = (const unsigned char *)p->src;
    for (size_t i = p->pos; i < p->len;) {
        if (s[i] < 0x80) { i++; continue; }
        size_t n = utf8_sequence_len(s + i, p->len - i);
        if (n == 0) return parser_error(p, i, "invalid UTF-8 byte 0x%02X", s[i]);
        i += n;
    }
    return 0;
}

static void utf8_append(StrBuf *sb, unsigned long cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) { b[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { b[0] = (char)(0xc0 | (cp >> 6)); b[1] = (char)(0x80 | (cp & 0x3f)); n = 2; }
    else if (cp < 0x10000) {
        b[0] = (char)(0xe0 | (cp >> 12)); b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        b[2] = (char)(0x80 | (cp & 0x3f)); n = 3;
    } else {
        b[0] = (char)(0xf0 | (cp >> 18)); b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3f)); b[3] = (char)(0x80 | (cp & 0x3f)); n = 4;
    }
    strbuf_append(sb, b, n);
}

/* ---- characters ---- */

static int peek_at(const Parser *p, size_t off)
{
    return off < p->len ? (unsigned char)p->src[off] : -1;
}

static int peek(const Parser *p) { return peek_at(p, p->pos); }

static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_hex(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
static bool is_oct(int c) { return c >= '0' && c <= '7'; }
static bool is_bin(int c) { return c == '0' || c == '1'; }

static bool is_bare_key_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_' || c == '-';
}

/* U+0000..U+0008, U+000A..U+001F and U+007F: never allowed raw in strings or
 * comments (newlines are handled by the callers that allow them). */
static bool is_control(int c) { return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7f; }

static void skip_ws(Parser *p)
{
    while (p->pos < p->len && (p->src[p->pos] == ' ' || p->src[p->pos] == '\t')) p->pos++;
}

/* Length of the newline at off (1 for LF, 2 for CRLF), else 0. */
static size_t newline_len(const Parser *p, size_t off)
{
    int c = peek_at(p, off);
    if (c == '\n') return 1;
    if (c == '\r' && peek_at(p, off + 1) == '\n') return 2;
    return 0;
}

/* comment = "#" *non-eol; stops before the newline. */
static int skip_comment(Parser *p)
{
    if (peek(p) != '#') return 0;
    p->pos++;
    while (p->pos < p->len) {
        int c = peek(p);
        if (c == '\n' || newline_len(p, p->pos) == 2) return 0;
        if (is_control(c)) {
            char buf[48];
            return parser_error(p, p->pos, "%s in a comment", describe_char(p, p->pos, buf, sizeof buf));
        }
        p->pos++;
    }
    return 0;
}

/* Whitespace, comments and newlines, as allowed between array elements. */
static int skip_ws_comments_newlines(Parser *p)
{
    for (;;) {
        skip_ws(p);
        if (skip_comment(p) < 0) return -1;
        size_t nl = newline_len(p, p->pos);
        if (nl == 0) return 0;
        p->pos += nl;
    }
}

/* After a key/value pair or a header: ws [comment] (newline | end of file). */
static int expect_line_end(Parser *p, const char *after)
{
    skip_ws(p);
    if (skip_comment(p) < 0) return -1;
    if (p->pos >= p->len) return 0;
    size_t nl = newline_len(p, p->pos);
    if (nl) {
        p->pos += nl;
        return 0;
    }
    char wanted[80];
    snprintf(wanted, sizeof wanted, "expected a newline after %s", after);
    return error_unexpected(p, p->pos, wanted);
}

/* ---- tables and arrays ---- */

static TomlValue *value_new(Parser *p, TomlKind kind, size_t off)
{
    TomlValue *v = ARENA_NEW(p->arena, TomlValue);
    v->kind = kind;
    value_locate(p, v, off);
    return v;
}

/* A table that comes into being at a key already read (positions stored
 * with the key, so the line cursor need not move back). */
static TomlValue *table_new_at_key(Parser *p, const KeyPart *k, unsigned flags)
{
    TomlValue *v = ARENA_NEW(p->arena, TomlValue);
    v->kind = TOML_TABLE;
    v->line = k->line;
    v->col = k->col;
    v->flags = flags;
    v->section = p->section;
    return v;
}

/* FNV-1a from a random starting point, then a final mix so the low bits
 * (the slot) depend on every byte: keys chosen to collide for one seed do
 * not collide for another, so a hostile file cannot make lookups quadratic. */
static uint64_t key_hash(const char *key, size_t len, uint64_t seed)
{
    uint64_t h = seed ^ 14695981039346656037ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)key[i];
        h *= 1099511628211ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

static bool entry_is(const TomlEntry *e, const char *key, size_t len)
{
    return e->key_len == len && memcmp(e->key, key, len) == 0;
}

/* Open addressing over entry positions (+1, 0 is empty); the seed is random
 * per parse, so no file can force collisions. */
struct TomlIndex {
    uint64_t seed;
    size_t cap;             /* a power of two, at least twice the entries */
    uint32_t slots[];
};

static void index_put(TomlIndex *ix, const TomlEntry *e, size_t pos)
{
    size_t mask = ix->cap - 1;
    size_t slot = key_hash(e->key, e->key_len, ix->seed) & mask;
    while (ix->slots[slot]) slot = (slot + 1) & mask;
    ix->slots[slot] = (uint32_t)pos + 1;
}

static void table_reindex(Arena *arena, TomlTable *t, size_t cap, uint64_t seed)
{
    TomlIndex *ix = arena_alloc_zero(arena, sizeof *ix + cap * sizeof ix->slots[0]);
    ix->seed = seed;
    ix->cap = cap;
    for (size_t i = 0; i < t->len; i++) index_put(ix, &t->entries[i], i);
    t->index = ix;
}

static TomlEntry *table_lookup(const TomlTable *t, const char *key, size_t len)
{
    const TomlIndex *ix = t->index;
    if (!ix) {
        for (size_t i = 0; i < t->len; i++)
            if (entry_is(&t->entries[i], key, len)) return &t->entries[i];
        return NULL;
    }
    size_t mask = ix->cap - 1;
    for (size_t slot = key_hash(key, len, ix->seed) & mask; ix->slots[slot]; slot = (slot + 1) & mask) {
        TomlEntry *e = &t->entries[ix->slots[slot] - 1];
        if (entry_is(e, key, len)) return e;
    }
    return NULL;
}

/* The caller has checked that key is absent. */
static void table_insert(Parser *p, TomlValue *table, const KeyPart *key, TomlValue *value)
{
    TomlTable *t = &table->as.table;
    if (t->len == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 4;
        t->entries = arena_realloc(p->arena, t->entries, t->cap * sizeof *t->entries, cap * sizeof *t->entries);
        t->cap = cap;
    }
    if (t->len >= UINT32_MAX - 1) die_out_of_memory();
    TomlEntry *e = &t->entries[t->len++];
    e->key = key->text;
    e->key_len = key->len;
    e->line = key->line;
    e->col = key->col;
    e->value = value;
    if (t->index && t->len * 2 > t->index->cap) table_reindex(p->arena, t, t->index->cap * 2, t->index->seed);
    else if (t->index) index_put(t->index, e, t->len - 1);
    else if (t->len >= TOML_INDEX_MIN) table_reindex(p->arena, t, TOML_INDEX_MIN * 4, p->seed);
}

static void array_push(Parser *p, TomlValue *array, TomlValue *item)
{
    TomlArray *a = &array->as.array;
    if (a->len == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 4;
        a->items = arena_realloc(p->arena, a->items, a->cap * sizeof *a->items, cap * sizeof *a->items);
        a->cap = cap;
    }
    a->items[a->len++] = item;
}

/* ---- keys ---- */

static int parse_basic_string(Parser *p, bool multiline, const char **text, size_t *len);
static int parse_literal_string(Parser *p, bool multiline, const char **text, size_t *len);

static void keys_push(Parser *p, const char *text, size_t len, size_t off)
{
    if (p->nkeys == p->keys_cap) {
        size_t cap = p->keys_cap ? p->keys_cap * 2 : 8;
        KeyPart *k = realloc(p->keys, cap * sizeof *k);
        if (!k) die_out_of_memory();
        p->keys = k;
        p->keys_cap = cap;
    }
    KeyPart *k = &p->keys[p->nkeys++];
    *k = (KeyPart){text, len, off, 0, 0};
    parser_locate(p, off, &k->line, &k->col);
}

/* simple-key = quoted-key / unquoted-key */
static int parse_simple_key(Parser *p)
{
    size_t start = p->pos;
    int c = peek(p);
    const char *text;
    size_t len;
    if (c == '"') {
        if (peek_at(p, start + 1) == '"' && peek_at(p, start + 2) == '"')
            return parser_error(p, start, "a multi-line string cannot be a key");
        if (parse_basic_string(p, false, &text, &len) < 0) return -1;
    } else if (c == '\'') {
        if (peek_at(p, start + 1) == '\'' && peek_at(p, start + 2) == '\'')
            return parser_error(p, start, "a multi-line string cannot be a key");
        if (parse_literal_string(p, false, &text, &len) < 0) return -1;
    } else {
        while (is_bare_key_char(peek(p))) p->pos++;
        if (p->pos == start) return error_unexpected(p, start, "expected a key");
        len = p->pos - start;
        text = arena_strndup(p->arena, p->src + start, len);
    }
    keys_push(p, text, len, start);
    return 0;
}

/* key = simple-key *( ws "." ws simple-key ), into p->keys. */
static int parse_key(Parser *p)
{
    p->nkeys = 0;
    for (;;) {
        if (parse_simple_key(p) < 0) return -1;
        skip_ws(p);
        if (peek(p) != '.') return 0;
        p->pos++;
        skip_ws(p);
    }
}

static const char *kind_article(TomlKind kind)
{
    switch (kind) {
    case TOML_TABLE: return "a table";
    case TOML_ARRAY: return "an array";
    case TOML_STRING: return "a string";
    case TOML_INTEGER: return "an integer";
    case TOML_FLOAT: return "a float";
    case TOML_BOOL: return "a boolean";
    default: return "a date-time";
    }
}

/* Walks the dotted prefix p->keys[0, nkeys - 1) of a key/value pair from
 * table, creating DOTTED tables, and returns the table that receives the
 * last part (NULL on error). */
static TomlValue *resolve_dotted(Parser *p, TomlValue *table)
{
    for (size_t i = 0; i + 1 < p->nkeys; i++) {
        const KeyPart *k = &p->keys[i];
        TomlEntry *e = table_lookup(&table->as.table, k->text, k->len);
        if (!e) {
            TomlValue *t = table_new_at_key(p, k, TOML_F_DOTTED);
            table_insert(p, table, k, t);
            table = t;
            continue;
        }
        TomlValue *v = e->value;
        if (v->kind != TOML_TABLE) {
            parser_error(p, k->off, "cannot add keys to '%s': it is %s defined at line %d", key_quote(k).s,
                         kind_article(v->kind), v->line);
            return NULL;
        }
        if (v->flags & TOML_F_INLINE) {
            parser_error(p, k->off, "cannot add keys to inline table '%s' (line %d)", key_quote(k).s, v->line);
            return NULL;
        }
        /* A DOTTED table of an earlier section can only be reached through
         * an EXPLICIT one, which fails first; the section test keeps the
         * rule true on its own should that ever change. */
        if ((v->flags & TOML_F_EXPLICIT) || ((v->flags & TOML_F_DOTTED) && v->section != p->section)) {
            parser_error(p, k->off, "cannot add keys to table '%s' defined at line %d with a dotted key",
                         key_quote(k).s, v->line);
            return NULL;
        }
        if (!(v->flags & TOML_F_DOTTED)) {
            /* An implicit table that dotted keys pass through counts as
             * defined by them from now on (as in tomllib): no [header] for
             * it later, and no dotted keys from another section. */
            v->flags |= TOML_F_DOTTED;
            v->section = p->section;
        }
        table = v;
    }
    return table;
}

/* Walks the prefix of a [header] or [[header]]: any table but an inline one
 * can be crossed, and an array of tables is crossed at its last element. */
static TomlValue *resolve_header(Parser *p, TomlValue *table)
{
    for (size_t i = 0; i + 1 < p->nkeys; i++) {
        const KeyPart *k = &p->keys[i];
        TomlEntry *e = table_lookup(&table->as.table, k->text, k->len);
        if (!e) {
            TomlValue *t = table_new_at_key(p, k, 0);
            table_insert(p, table, k, t);
            table = t;
            continue;
        }
        TomlValue *v = e->value;
        if (v->kind == TOML_ARRAY && (v->flags & TOML_F_AOT)) {
            table = v->as.array.items[v->as.array.len - 1];
            continue;
        }
        if (v->kind == TOML_ARRAY) {
            parser_error(p, k->off, "cannot add a table to '%s': it is a static array (line %d)", key_quote(k).s,
                         v->line);
            return NULL;
        }
        if (v->kind != TOML_TABLE) {
            parser_error(p, k->off, "cannot add a table to '%s': it is %s defined at line %d", key_quote(k).s,
                         kind_article(v->kind), v->line);
            return NULL;
        }
        if (v->flags & TOML_F_INLINE) {
            parser_error(p, k->off, "cannot add a table to inline table '%s' (line %d)", key_quote(k).s, v->line);
            return NULL;
        }
        table = v;
    }
    return table;
}

/* ---- strings ---- */

/* escape = "\" ( '"' / "\" / "b" / "f" / "n" / "r" / "t" / uXXXX / UXXXXXXXX ) */
static int parse_escape(Parser *p)
{
    size_t start = p->pos;   /* at the backslash */
    int c = peek_at(p, start + 1);
    const char *simple = NULL;
    switch (c) {
    case '"': simple = "\""; break;
    case '\\': simple = "\\"; break;
    case 'b': simple = "\b"; break;
    case 'f': simple = "\f"; break;
    case 'n': simple = "\n"; break;
    case 'r': simple = "\r"; break;
    case 't': simple = "\t"; break;
    case 'u': case 'U': break;
    default: {
        char buf[48];
        return parser_error(p, start, "invalid escape sequence: backslash followed by %s",
                            describe_char(p, start + 1, buf, sizeof buf));
    }
    }
    if (simple) {
        strbuf_putc(&p->scratch, simple[0]);
        p->pos += 2;
        return 0;
    }
    int digits = c == 'u' ? 4 : 8;
    unsigned long cp = 0;
    for (int i = 0; i < digits; i++) {
        int h = peek_at(p, start + 2 + (size_t)i);
        if (!is_hex(h))
            return parser_error(p, start, "\\%c needs %d hexadecimal digits", c, digits);
        cp = cp * 16 + (unsigned long)(is_digit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
    }
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return parser_error(p, start, "escape \\%c%.*s is not a Unicode scalar value", c, digits,
                            p->src + start + 2);
    utf8_append(&p->scratch, cp);
    p->pos = start + 2 + (size_t)digits;
    return 0;
}

/* A backslash at the end of a line in a multi-line basic string swallows the
 * newline and all whitespace and newlines after it. */
static bool try_line_ending_backslash(Parser *p)
{
    size_t i = p->pos + 1;
    while (peek_at(p, i) == ' ' || peek_at(p, i) == '\t') i++;
    if (!newline_len(p, i)) return false;
    for (;;) {
        int c = peek_at(p, i);
        size_t nl = newline_len(p, i);
        if (c == ' ' || c == '\t') i++;
        else if (nl) i += nl;
        else break;
    }
    p->pos = i;
    return true;
}

/* Counts the delimiter run at the end of a multi-line string: up to two quotes
 * right before the closing three belong to the string. Returns 1 when the
 * string ended, 0 when the quotes are content, -1 on error. */
static int multiline_close(Parser *p, char quote)
{
    size_t n = 0;
    while (peek_at(p, p->pos + n) == quote) n++;
    if (n < 3) {
        strbuf_append(&p->scratch, p->src + p->pos, n);
        p->pos += n;
        return 0;
    }
    if (n > 5) return parser_error(p, p->pos + 5, "too many quotes at the end of a multi-line string");
    strbuf_append(&p->scratch, p->src + p->pos, n - 3);
    p->pos += n;
    return 1;
}

static int string_char_error(Parser *p, size_t start)
{
    char buf[48];
    if (p->pos >= p->len) return parser_error(p, start, "unterminated string");
    if (newline_len(p, p->pos) || peek(p) == '\r')
        return parser_error(p, p->pos, "unterminated string: a newline in a single-line string");
    return parser_error(p, p->pos, "%s in a string", describe_char(p, p->pos, buf, sizeof buf));
}

static void string_finish(Parser *p, const char **text, size_t *len)
{
    *len = p->scratch.len;
    *text = arena_strndup(p->arena, p->scratch.data ? p->scratch.data : "", p->scratch.len);
}

/* basic-string = '"' *basic-char '"'; ml-basic-string = '"""' [newline] body '"""'
 * literal-string = "'" *literal-char "'"; ml-literal-string = "'''" [newline] body "'''"
 * One loop for the four: quote is '"' (escapes apply) or '\'' (none). */
static int parse_quoted_string(Parser *p, char quote, bool multiline, const char **text, size_t *len)
{
    bool escapes = quote == '"';
    size_t start = p->pos;
    strbuf_clear(&p->scratch);
    p->pos += multiline ? 3 : 1;
    if (multiline) p->pos += newline_len(p, p->pos);
    for (;;) {
        int c = peek(p);
        if (c == quote) {
            if (!multiline) {
                p->pos++;
                break;
            }
            int r = multiline_close(p, quote);
            if (r < 0) return -1;
            if (r) break;
            continue;
        }
        if (escapes && c == '\\') {
            if (multiline && try_line_ending_backslash(p)) continue;
            if (parse_escape(p) < 0) return -1;
            continue;
        }
        size_t nl = multiline ? newline_len(p, p->pos) : 0;
        if (nl) {
            strbuf_putc(&p->scratch, '\n');
            p->pos += nl;
            continue;
        }
        if (c < 0 || is_control(c)) {
            if (c < 0 && multiline) return parser_error(p, start, "unterminated multi-line string");
            return string_char_error(p, start);
        }
        size_t run = p->pos + 1;
        while (run < p->len) {
            int d = (unsigned char)p->src[run];
            if (d == quote || (escapes && d == '\\') || is_control(d)) break;
            run++;
        }
        strbuf_append(&p->scratch, p->src + p->pos, run - p->pos);
        p->pos = run;
    }
    string_finish(p, text, len);
    return 0;
}

static int parse_basic_string(Parser *p, bool multiline, const char **text, size_t *len)
{
    return parse_quoted_string(p, '"', multiline, text, len);
}

static int parse_literal_string(Parser *p, bool multiline, const char **text, size_t *len)
{
    return parse_quoted_string(p, '\'', multiline, text, len);
}

static int parse_string_value(Parser *p, TomlValue **out)
{
    size_t start = p->pos;
    char q = p->src[start];
    bool multiline = peek_at(p, start + 1) == q && peek_at(p, start + 2) == q;
    TomlValue *v = value_new(p, TOML_STRING, start);
    int r = q == '"' ? parse_basic_string(p, multiline, &v->as.string.data, &v->as.string.len)
                     : parse_literal_string(p, multiline, &v->as.string.data, &v->as.string.len);
    if (r < 0) return -1;
    *out = v;
    return 0;
}

/* ---- date and time ---- */

/* Reads exactly n digits at p->pos into *out. */
static bool read_digits(Parser *p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        int c = peek_at(p, p->pos + (size_t)i);
        if (!is_digit(c)) return false;
        v = v * 10 + (c - '0');
    }
    p->pos += (size_t)n;
    *out = v;
    return true;
}

static bool expect_char(Parser *p, char c)
{
    if (peek(p) != c) return false;
    p->pos++;
    return true;
}

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* full-date = YYYY "-" MM "-" DD */
static int parse_date(Parser *p, TomlDatetime *dt)
{
    size_t start = p->pos;
    if (!read_digits(p, 4, &dt->year) || !expect_char(p, '-') || !read_digits(p, 2, &dt->month) ||
        !expect_char(p, '-') || !read_digits(p, 2, &dt->day))
        return error_unexpected(p, p->pos, "malformed date (want YYYY-MM-DD)");
    if (dt->month < 1 || dt->month > 12)
        return parser_error(p, start + 5, "month %02d is out of range (01-12)", dt->month);
    if (dt->day < 1 || dt->day > days_in_month(dt->year, dt->month))
        return parser_error(p, start + 8, "day %02d is out of range for %04d-%02d", dt->day, dt->year, dt->month);
    return 0;
}

/* partial-time = HH ":" MM ":" SS [ "." 1*DIGIT ] */
static int parse_time(Parser *p, TomlDatetime *dt)
{
    size_t start = p->pos;
    if (!read_digits(p, 2, &dt->hour) || !expect_char(p, ':') || !read_digits(p, 2, &dt->minute))
        return error_unexpected(p, p->pos, "malformed time (want HH:MM:SS)");
    if (!expect_char(p, ':') || !read_digits(p, 2, &dt->second))
        return error_unexpected(p, p->pos, "malformed time: seconds are required in TOML 1.0 (HH:MM:SS)");
    if (dt->hour > 23) return parser_error(p, start, "hour %02d is out of range (00-23)", dt->hour);
    if (dt->minute > 59) return parser_error(p, start + 3, "minute %02d is out of range (00-59)", dt->minute);
    if (dt->second > 59) return parser_error(p, start + 6, "second %02d is out of range (00-59)", dt->second);
    if (peek(p) != '.') return 0;
    p->pos++;
    if (!is_digit(peek(p))) return error_unexpected(p, p->pos, "expected digits after the decimal point of a time");
    while (is_digit(peek(p))) {
        if (dt->frac_digits < 9) {
            dt->nanosecond = dt->nanosecond * 10 + (peek(p) - '0');
            dt->frac_digits++;
        }
        p->pos++;
    }
    for (int i = dt->frac_digits; i < 9; i++) dt->nanosecond *= 10;
    return 0;
}

/* time-offset = "Z" / ( "+" / "-" ) HH ":" MM */
static int parse_offset(Parser *p, TomlDatetime *dt)
{
    int c = peek(p);
    if (c == 'Z' || c == 'z') {
        p->pos++;
        return 0;
    }
    size_t start = p->pos;
    p->pos++;
    int hours, minutes;
    if (!read_digits(p, 2, &hours) || !expect_char(p, ':') || !read_digits(p, 2, &minutes))
        return error_unexpected(p, p->pos, "malformed time offset (want +HH:MM, -HH:MM or Z)");
    if (hours > 23 || minutes > 59)
        return parser_error(p, start, "time offset %.6s is out of range", p->src + start);
    dt->offset_minutes = (c == '-' ? -1 : 1) * (hours * 60 + minutes);
    return 0;
}

static int parse_datetime_value(Parser *p, TomlValue **out)
{
    size_t start = p->pos;
    TomlValue *v = value_new(p, TOML_TIME_LOCAL, start);
    TomlDatetime *dt = &v->as.datetime;
    if (peek_at(p, start + 2) == ':') {
        if (parse_time(p, dt) < 0) return -1;
        *out = v;
        return 0;
    }
    if (parse_date(p, dt) < 0) return -1;
    v->kind = TOML_DATE_LOCAL;
    int c = peek(p);
    bool time_follows = c == 'T' || c == 't' ||
                        (c == ' ' && is_digit(peek_at(p, p->pos + 1)) && is_digit(peek_at(p, p->pos + 2)) &&
                         peek_at(p, p->pos + 3) == ':');
    if (time_follows) {
        p->pos++;
        if (parse_time(p, dt) < 0) return -1;
        v->kind = TOML_DATETIME_LOCAL;
        c = peek(p);
        if (c == 'Z' || c == 'z' || c == '+' || c == '-') {
            if (parse_offset(p, dt) < 0) return -1;
            v->kind = TOML_DATETIME;
        }
    }
    *out = v;
    return 0;
}

/* ---- numbers ---- */

/* digits with single underscores between them: DIGIT *( ["_"] DIGIT ).
 * Returns the index after the run; the run may be empty only if it was
 * empty to begin with, which callers check. */
static size_t scan_digits(const char *s, size_t i, size_t n, bool (*ok)(int))
{
    if (i >= n || !ok((unsigned char)s[i])) return i;
    i++;
    for (;;) {
        if (i < n && ok((unsigned char)s[i])) i++;
        else if (i + 1 < n && s[i] == '_' && ok((unsigned char)s[i + 1])) i += 2;
        else return i;
    }
}

static bool is_number_char(int c)
{
    return is_bare_key_char(c) || c == '+' || c == '.';
}

static int number_error(Parser *p, size_t start, size_t len, const char *why)
{
    return parser_error(p, start, "invalid number '%.*s': %s", (int)(len > 60 ? 60 : len), p->src + start, why);
}

static int parse_float_text(Parser *p, const char *s, size_t n, double *out)
{
    strbuf_clear(&p->scratch);
    for (size_t i = 0; i < n; i++)
        if (s[i] != '_') strbuf_putc(&p->scratch, s[i]);
    if (!p->c_locale) {
        p->c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
        if (!p->c_locale) die_out_of_memory();
    }
    /* Overflow gives +-inf, as in tomllib (Python's float()). */
    *out = strtod_l(p->scratch.data, NULL, p->c_locale);
    return 0;
}

/* Converts digits (with underscores) in base to an int64, negated when neg;
 * -1 when out of range. */
static int digits_to_int(const char *s, size_t n, int base, bool neg, int64_t *out)
{
    uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (c == '_') continue;
        uint64_t d = (uint64_t)(is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
        if (v > (limit - d) / (uint64_t)base) return -1;
        v = v * (uint64_t)base + d;
    }
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return 0;
}

/* hex-int / oct-int / bin-int: "0x", "0o" or "0b", no sign, underscores
 * between digits. s[0, n) is the whole token. */
static int parse_radix_int(Parser *p, size_t start, const char *s, size_t n, TomlValue *v)
{
    bool (*ok)(int) = s[1] == 'x' ? is_hex : s[1] == 'o' ? is_oct : is_bin;
    int base = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
    size_t j = scan_digits(s, 2, n, ok);
    if (j == 2 || j != n) return number_error(p, start, n, "bad digit or underscore");
    if (digits_to_int(s + 2, n - 2, base, false, &v->as.integer) < 0)
        return number_error(p, start, n, "out of the 64-bit range");
    return 0;
}

/* dec-int [ frac ] [ exp ], after an optional sign at s[0, i). */
static int parse_decimal(Parser *p, size_t start, const char *s, size_t n, size_t i, TomlValue *v)
{
    size_t j = scan_digits(s, i, n, is_digit);
    if (j == i) return number_error(p, start, n, "expected a digit");
    if (s[i] == '0' && j - i > 1) return number_error(p, start, n, "leading zeros are not allowed");
    size_t int_end = j;
    bool is_float = false;
    if (j < n && s[j] == '.') {
        size_t k = scan_digits(s, j + 1, n, is_digit);
        if (k == j + 1) return number_error(p, start, n, "expected a digit after the decimal point");
        j = k;
        is_float = true;
    }
    if (j < n && (s[j] == 'e' || s[j] == 'E')) {
        size_t k = j + 1;
        if (k < n && (s[k] == '+' || s[k] == '-')) k++;
        size_t m = scan_digits(s, k, n, is_digit);
        if (m == k) return number_error(p, start, n, "expected a digit in the exponent");
        j = m;
        is_float = true;
    }
    if (j != n) return number_error(p, start, n, "unexpected character or misplaced underscore");
    if (is_float) {
        v->kind = TOML_FLOAT;
        return parse_float_text(p, s, n, &v->as.number);
    }
    if (digits_to_int(s + i, int_end - i, 10, s[0] == '-', &v->as.integer) < 0)
        return number_error(p, start, n, "out of the 64-bit range");
    return 0;
}

/* integer = dec-int / hex-int / oct-int / bin-int;
 * float = float-int-part ( exp / frac [ exp ] ) / special-float.
 * The token is every character that could belong to a number; what is left
 * over after the grammar is an error, so "1x" and "1__0" are refused. */
static int parse_number_value(Parser *p, TomlValue **out)
{
    size_t start = p->pos;
    size_t end = start;
    while (end < p->len && is_number_char((unsigned char)p->src[end])) end++;
    const char *s = p->src + start;
    size_t n = end - start;
    TomlValue *v = value_new(p, TOML_INTEGER, start);
    p->pos = end;
    *out = v;
    size_t i = s[0] == '+' || s[0] == '-' ? 1 : 0;   /* after the sign */
    if (n - i == 3 && (memcmp(s + i, "inf", 3) == 0 || memcmp(s + i, "nan", 3) == 0)) {
        bool neg = s[0] == '-';
        v->kind = TOML_FLOAT;
        v->as.number = s[i] == 'i' ? (neg ? -INFINITY : INFINITY) : (neg ? -NAN : NAN);
        return 0;
    }
    if (i == 0 && n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b'))
        return parse_radix_int(p, start, s, n, v);
    return parse_decimal(p, start, s, n, i, v);
}

/* ---- values ---- */

static int parse_value(Parser *p, TomlValue **out);

static int parse_keyword(Parser *p, const char *word, TomlValue **out)
{
    size_t n = strlen(word);
    size_t start = p->pos;
    if (p->len - start < n || memcmp(p->src + start, word, n) != 0 ||
        is_bare_key_char(peek_at(p, start + n)))
        return error_unexpected(p, start, "expected a value");
    TomlValue *v = value_new(p, TOML_BOOL, start);
    v->as.boolean = word[0] == 't';
    p->pos += n;
    *out = v;
    return 0;
}

/* array = "[" ws-comment-newline [ values ] ws-comment-newline "]" */
static int parse_array(Parser *p, TomlValue **out)
{
    size_t start = p->pos;
    TomlValue *a = value_new(p, TOML_ARRAY, start);
    p->pos++;
    for (;;) {
        if (skip_ws_comments_newlines(p) < 0) return -1;
        if (peek(p) == ']') break;
        TomlValue *item;
        if (parse_value(p, &item) < 0) return -1;
        array_push(p, a, item);
        if (skip_ws_comments_newlines(p) < 0) return -1;
        if (peek(p) == ',') {
            p->pos++;
            continue;
        }
        if (peek(p) == ']') break;
        if (p->pos >= p->len) return parser_error(p, start, "unterminated array (no closing ']')");
        return error_unexpected(p, p->pos, "expected ',' or ']' in an array");
    }
    p->pos++;
    *out = a;
    return 0;
}

/* Places the value of a key/value pair whose key is in p->keys into table,
 * parsing the value. */
static int parse_keyval(Parser *p, TomlValue *table)
{
    if (parse_key(p) < 0) return -1;
    if (peek(p) != '=') return error_unexpected(p, p->pos, "expected '=' after the key");
    p->pos++;
    skip_ws(p);
    TomlValue *parent = resolve_dotted(p, table);
    if (!parent) return -1;
    KeyPart last = p->keys[p->nkeys - 1];
    TomlEntry *e = table_lookup(&parent->as.table, last.text, last.len);
    if (e) return parser_error(p, last.off, "duplicate key '%s' (first defined at line %d)", key_quote(&last).s,
                               e->line);
    TomlValue *v;
    if (parse_value(p, &v) < 0) return -1;
    table_insert(p, parent, &last, v);
    return 0;
}

/* inline-table = "{" ws [ keyval *( ws "," ws keyval ) ] ws "}" */
static int parse_inline_table(Parser *p, TomlValue **out)
{
    size_t start = p->pos;
    TomlValue *t = value_new(p, TOML_TABLE, start);
    t->flags = TOML_F_INLINE;
    unsigned outer = p->section;
    p->section = ++p->next_section;
    t->section = p->section;
    p->pos++;
    skip_ws(p);
    if (peek(p) != '}') {
        for (;;) {
            skip_ws(p);
            if (newline_len(p, p->pos) || peek(p) == '#')
                return parser_error(p, p->pos, "an inline table must be on one line (TOML 1.0)");
            if (parse_keyval(p, t) < 0) return -1;
            skip_ws(p);
            if (peek(p) == '}') break;
            if (peek(p) == ',') {
                p->pos++;
                skip_ws(p);
                if (peek(p) == '}') return parser_error(p, p->pos, "trailing comma in an inline table");
                continue;
            }
            if (newline_len(p, p->pos) || peek(p) == '#')
                return parser_error(p, p->pos, "an inline table must be on one line (TOML 1.0)");
            if (p->pos >= p->len) return parser_error(p, start, "unterminated inline table (no closing '}')");
            return error_unexpected(p, p->pos, "expected ',' or '}' in an inline table");
        }
    }
    p->pos++;
    p->section = outer;
    *out = t;
    return 0;
}

/* A value is a date-time when it opens with "DDDD-" (a date) or "DD:" (a
 * time); numbers never contain '-' or ':' at those places. */
static bool starts_datetime(const Parser *p)
{
    size_t i = p->pos;
    if (!is_digit(peek_at(p, i)) || !is_digit(peek_at(p, i + 1))) return false;
    if (peek_at(p, i + 2) == ':') return true;
    return is_digit(peek_at(p, i + 2)) && is_digit(peek_at(p, i + 3)) && peek_at(p, i + 4) == '-';
}

static int parse_value(Parser *p, TomlValue **out)
{
    if (++p->depth > TOML_MAX_DEPTH)
        return parser_error(p, p->pos, "arrays and inline tables nested deeper than %d", TOML_MAX_DEPTH);
    int r;
    int c = peek(p);
    if (c == '"' || c == '\'') r = parse_string_value(p, out);
    else if (c == '[') r = parse_array(p, out);
    else if (c == '{') r = parse_inline_table(p, out);
    else if (c == 't') r = parse_keyword(p, "true", out);
    else if (c == 'f') r = parse_keyword(p, "false", out);
    else if (starts_datetime(p)) r = parse_datetime_value(p, out);
    else if (is_digit(c) || c == '+' || c == '-' || c == 'i' || c == 'n') r = parse_number_value(p, out);
    else r = error_unexpected(p, p->pos, "expected a value");
    p->depth--;
    return r;
}

/* ---- headers and the document ---- */

/* [[a.b]]: appends a new table to the array of tables b (made here if new). */
static TomlValue *header_append(Parser *p, TomlValue *parent, const KeyPart *last, size_t start)
{
    TomlEntry *e = table_lookup(&parent->as.table, last->text, last->len);
    TomlValue *array;
    if (!e) {
        array = value_new(p, TOML_ARRAY, start);
        array->flags = TOML_F_AOT;
        table_insert(p, parent, last, array);
    } else if (e->value->kind == TOML_ARRAY && (e->value->flags & TOML_F_AOT)) {
        array = e->value;
    } else {
        parser_error(p, last->off, "cannot append to '%s': it is %s defined at line %d", key_quote(last).s,
                     e->value->kind == TOML_ARRAY ? "a static array" : kind_article(e->value->kind), e->line);
        return NULL;
    }
    TomlValue *t = value_new(p, TOML_TABLE, start);
    array_push(p, array, t);
    return t;
}

/* [a.b]: defines table b, which may exist only as an implicit table. */
static TomlValue *header_define(Parser *p, TomlValue *parent, const KeyPart *last, int line, int col)
{
    TomlEntry *e = table_lookup(&parent->as.table, last->text, last->len);
    if (!e) {
        TomlValue *t = ARENA_NEW(p->arena, TomlValue);
        t->kind = TOML_TABLE;
        t->line = line;
        t->col = col;
        table_insert(p, parent, last, t);
        return t;
    }
    TomlValue *t = e->value;
    if (t->kind != TOML_TABLE) {
        const char *what = t->flags & TOML_F_AOT ? "an array of tables" : kind_article(t->kind);
        parser_error(p, last->off, "cannot define table '%s': it is already %s (line %d)", key_quote(last).s, what,
                     t->line);
        return NULL;
    }
    if (t->flags & (TOML_F_EXPLICIT | TOML_F_DOTTED | TOML_F_INLINE)) {
        const char *what = t->flags & TOML_F_EXPLICIT ? "a [header]"
                           : t->flags & TOML_F_DOTTED ? "dotted keys"
                                                      : "an inline table";
        parser_error(p, last->off, "table '%s' is defined twice (first by %s at line %d)", key_quote(last).s, what,
                     t->line);
        return NULL;
    }
    /* From now on the table is where its header is, not where it was implied. */
    t->line = line;
    t->col = col;
    e->line = last->line;
    e->col = last->col;
    return t;
}

/* std-table = "[" ws key ws "]"; array-table = "[[" ws key ws "]]" */
static int parse_header(Parser *p, TomlValue *root, TomlValue **current)
{
    size_t start = p->pos;
    bool aot = peek_at(p, start + 1) == '[';
    int line, col;
    parser_locate(p, start, &line, &col);
    p->pos += aot ? 2 : 1;
    skip_ws(p);
    if (parse_key(p) < 0) return -1;
    if (peek(p) != ']' || (aot && peek_at(p, p->pos + 1) != ']'))
        return error_unexpected(p, p->pos, aot ? "expected ']]' to close the array-of-tables header"
                                               : "expected ']' to close the table header");
    p->pos += aot ? 2 : 1;
    TomlValue *parent = resolve_header(p, root);
    if (!parent) return -1;
    const KeyPart *last = &p->keys[p->nkeys - 1];
    TomlValue *t = aot ? header_append(p, parent, last, start) : header_define(p, parent, last, line, col);
    if (!t) return -1;
    t->flags |= TOML_F_EXPLICIT;
    t->section = ++p->next_section;
    p->section = t->section;
    *current = t;
    return expect_line_end(p, "the table header");
}

static int parse_document(Parser *p, TomlValue *root)
{
    TomlValue *current = root;
    for (;;) {
        if (skip_ws_comments_newlines(p) < 0) return -1;
        if (p->pos >= p->len) return 0;
        size_t before = p->pos;
        if (peek(p) == '[') {
            if (parse_header(p, root, &current) < 0) return -1;
        } else {
            if (parse_keyval(p, current) < 0) return -1;
            if (expect_line_end(p, "the value") < 0) return -1;
        }
        if (p->pos == before) return error_unexpected(p, p->pos, "unexpected input");
    }
}

int toml_parse(const char *src, size_t len, const char *path, Arena *arena, TomlValue **root, KraitError *err)
{
    Parser p = {.src = src, .len = len, .path = path, .arena = arena, .err = err, .loc_line = 1};
    strbuf_init(&p.scratch);
    *root = NULL;
    TomlValue *top = ARENA_NEW(arena, TomlValue);
    top->kind = TOML_TABLE;
    top->flags = TOML_F_EXPLICIT;
    top->line = 1;
    top->col = 1;
    if (len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0) {
        /* Skip the byte order mark; columns of the first line count from
         * after it, as an editor shows them. */
        p.pos = p.loc_off = p.loc_line_start = 3;
    }
    if (getrandom(&p.seed, sizeof p.seed, GRND_NONBLOCK) != (ssize_t)sizeof p.seed)
        p.seed = (uint64_t)(uintptr_t)&p ^ ((uint64_t)(uintptr_t)arena << 17);   /* ASLR still varies it */
    int r = parser_check_utf8(&p);
    if (r == 0) r = parse_document(&p, top);
    strbuf_free(&p.scratch);
    free(p.keys);
    if (p.c_locale) freelocale(p.c_locale);
    if (r < 0) return -1;
    *root = top;
    return 0;
}

int toml_parse_file(const char *path, Arena *arena, TomlValue **root, KraitError *err)
{
    FileData fd;
    *root = NULL;
    if (file_read_all(path, FILE_MAX_SIZE_DEFAULT, &fd, err) < 0) return -1;
    int r = toml_parse(fd.data, fd.len, path, arena, root, err);
    file_data_free(&fd);
    return r;
}

/* ---- lookups ---- */

const TomlEntry *toml_table_find(const TomlValue *table, const char *key, size_t key_len)
{
    if (!table || table->kind != TOML_TABLE) return NULL;
    return table_lookup(&table->as.table, key, key_len);
}

const TomlValue *toml_table_get(const TomlValue *table, const char *key)
{
    const TomlEntry *e = toml_table_find(table, key, strlen(key));
    return e ? e->value : NULL;
}

/* One part of a lookup path: bare run or "quoted" / 'quoted' (no escapes:
 * paths are written by programmers, not users). */
static const char *path_part(const char *s, const char **part, size_t *len)
{
    while (*s == ' ' || *s == '\t') s++;
    if (*s == '"' || *s == '\'') {
        const char *close = strchr(s + 1, *s);
        if (!close) return NULL;
        *part = s + 1;
        *len = (size_t)(close - s - 1);
        s = close + 1;
    } else {
        const char *b = s;
        while (is_bare_key_char((unsigned char)*s)) s++;
        if (s == b) return NULL;
        *part = b;
        *len = (size_t)(s - b);
    }
    while (*s == ' ' || *s == '\t') s++;
    return s;
}

const TomlValue *toml_get_path(const TomlValue *root, const char *path)
{
    const TomlValue *v = root;
    const char *s = path;
    for (;;) {
        const char *part;
        size_t len;
        s = path_part(s, &part, &len);
        if (!s) return NULL;
        const TomlEntry *e = toml_table_find(v, part, len);
        if (!e) return NULL;
        v = e->value;
        if (*s == '\0') return v;
        if (*s != '.') return NULL;
        s++;
    }
}

size_t toml_table_len(const TomlValue *table)
{
    return table && table->kind == TOML_TABLE ? table->as.table.len : 0;
}

const TomlEntry *toml_table_at(const TomlValue *table, size_t i)
{
    return i < toml_table_len(table) ? &table->as.table.entries[i] : NULL;
}

size_t toml_array_len(const TomlValue *array)
{
    return array && array->kind == TOML_ARRAY ? array->as.array.len : 0;
}

const TomlValue *toml_array_at(const TomlValue *array, size_t i)
{
    return i < toml_array_len(array) ? array->as.array.items[i] : NULL;
}

bool toml_get_string(const TomlValue *v, const char **out, size_t *len)
{
    if (!v || v->kind != TOML_STRING) return false;
    *out = v->as.string.data;
    if (len) *len = v->as.string.len;
    return true;
}

const char *toml_as_string(const TomlValue *v)
{
    return v && v->kind == TOML_STRING ? v->as.string.data : NULL;
}

bool toml_get_int(const TomlValue *v, int64_t *out)
{
    if (!v || v->kind != TOML_INTEGER) return false;
    *out = v->as.integer;
    return true;
}

bool toml_get_float(const TomlValue *v, double *out)
{
    if (!v || v->kind != TOML_FLOAT) return false;
    *out = v->as.number;
    return true;
}

bool toml_get_bool(const TomlValue *v, bool *out)
{
    if (!v || v->kind != TOML_BOOL) return false;
    *out = v->as.boolean;
    return true;
}

bool toml_get_datetime(const TomlValue *v, TomlDatetime *out)
{
    if (!v || v->kind < TOML_DATETIME || v->kind > TOML_TIME_LOCAL) return false;
    *out = v->as.datetime;
    return true;
}

const char *toml_kind_name(TomlKind kind)
{
    switch (kind) {
    case TOML_TABLE: return "table";
    case TOML_ARRAY: return "array";
    case TOML_STRING: return "string";
    case TOML_INTEGER: return "integer";
    case TOML_FLOAT: return "float";
    case TOML_BOOL: return "bool";
    case TOML_DATETIME: return "datetime";
    case TOML_DATETIME_LOCAL: return "datetime-local";
    case TOML_DATE_LOCAL: return "date-local";
    case TOML_TIME_LOCAL: return "time-local";
    }
    return "?";
}

/* ---- tagged JSON ---- */

static void json_string(StrBuf *out, const char *s, size_t len)
{
    strbuf_putc(out, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            strbuf_putc(out, '\\');
            strbuf_putc(out, (char)c);
        } else if (c < 0x20 || c == 0x7f) {
            strbuf_printf(out, "\\u%04x", c);
        } else {
            strbuf_putc(out, (char)c);
        }
    }
    strbuf_putc(out, '"');
}

static void json_datetime(StrBuf *out, TomlKind kind, const TomlDatetime *dt)
{
    char buf[64];
    size_t n = 0;
    if (kind != TOML_TIME_LOCAL) n += (size_t)snprintf(buf + n, sizeof buf - n, "%04d-%02d-%02d", dt->year, dt->month, dt->day);
    if (kind == TOML_DATETIME || kind == TOML_DATETIME_LOCAL) buf[n++] = 'T';
    if (kind != TOML_DATE_LOCAL) {
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%02d:%02d:%02d", dt->hour, dt->minute, dt->second);
        if (dt->frac_digits) {
            char frac[16];
            snprintf(frac, sizeof frac, "%09d", dt->nanosecond);
            n += (size_t)snprintf(buf + n, sizeof buf - n, ".%.*s", dt->frac_digits, frac);
        }
    }
    if (kind == TOML_DATETIME) {
        int m = dt->offset_minutes;
        if (m == 0) n += (size_t)snprintf(buf + n, sizeof buf - n, "Z");
        else n += (size_t)snprintf(buf + n, sizeof buf - n, "%c%02d:%02d", m < 0 ? '-' : '+', abs(m) / 60, abs(m) % 60);
    }
    json_string(out, buf, n);
}

static void json_scalar(StrBuf *out, const TomlValue *v)
{
    strbuf_printf(out, "{\"type\": \"%s\", \"value\": ", toml_kind_name(v->kind));
    char buf[64];
    switch (v->kind) {
    case TOML_STRING: json_string(out, v->as.string.data, v->as.string.len); break;
    case TOML_INTEGER: strbuf_printf(out, "\"%lld\"", (long long)v->as.integer); break;
    case TOML_BOOL: strbuf_puts(out, v->as.boolean ? "\"true\"" : "\"false\""); break;
    case TOML_FLOAT:
        if (isnan(v->as.number)) strbuf_puts(out, "\"nan\"");
        else if (isinf(v->as.number)) strbuf_puts(out, v->as.number < 0 ? "\"-inf\"" : "\"inf\"");
        else {
            snprintf(buf, sizeof buf, "%.17g", v->as.number);
            strbuf_printf(out, "\"%s\"", buf);
        }
        break;
    default: json_datetime(out, v->kind, &v->as.datetime); break;
    }
    strbuf_putc(out, '}');
}

void toml_write_tagged_json(const TomlValue *v, StrBuf *out)
{
    if (v->kind == TOML_TABLE) {
        strbuf_putc(out, '{');
        for (size_t i = 0; i < v->as.table.len; i++) {
            const TomlEntry *e = &v->as.table.entries[i];
            if (i) strbuf_puts(out, ", ");
            json_string(out, e->key, e->key_len);
            strbuf_puts(out, ": ");
            toml_write_tagged_json(e->value, out);
        }
        strbuf_putc(out, '}');
    } else if (v->kind == TOML_ARRAY) {
        strbuf_putc(out, '[');
        for (size_t i = 0; i < v->as.array.len; i++) {
            if (i) strbuf_puts(out, ", ");
            toml_write_tagged_json(v->as.array.items[i], out);
        }
        strbuf_putc(out, ']');
    } else {
        json_scalar(out, v);
    }
}
