/* pep440.c - PEP 440 version parsing, canonical form, ordering and
 * specifier matching. See pep440.h for the API and docs/pep440.md for the
 * readings we chose where PEP 440 and packaging releases differ.
 *
 * The parser is a hand-written cursor over the text that mirrors the
 * regular expression in PEP 440's appendix (case-insensitive, ASCII only:
 * look-alike letters such as U+0130 are rejected). Each optional part is
 * tried at the cursor and, if it does not match, the cursor is restored, so
 * the result is the same as the greedy regular expression. */
#include "deps/pep440.h"

#include <stdio.h>
#include <string.h>

typedef struct Cursor {
    const char *s;
    size_t len;
    size_t i;
    size_t col0;     /* column offset of s[0] within the caller's text */
} Cursor;

static int at(const Cursor *c, size_t off) { return c->i + off < c->len ? (unsigned char)c->s[c->i + off] : -1; }
static bool is_digit(int ch) { return ch >= '0' && ch <= '9'; }
static int lower(int ch) { return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch; }
static bool is_alnum(int ch) { return is_digit(ch) || (lower(ch) >= 'a' && lower(ch) <= 'z'); }
static bool is_sep(int ch) { return ch == '-' || ch == '_' || ch == '.'; }

/* Byte length of the whitespace character at the cursor, 0 if none.
 * "Whitespace" is Python's str.isspace() (packaging strips with \s on
 * str), so U+00A0, U+2029, U+3000... count, decoded from UTF-8. */
static size_t space_len(const Cursor *c)
{
    int b0 = at(c, 0);
    if (b0 == ' ' || (b0 >= 0x09 && b0 <= 0x0d) || (b0 >= 0x1c && b0 <= 0x1f)) return 1;
    int b1 = at(c, 1), b2 = at(c, 2);
    if (b0 == 0xc2 && (b1 == 0x85 || b1 == 0xa0)) return 2;
    if (b0 == 0xe1 && b1 == 0x9a && b2 == 0x80) return 3;                      /* U+1680 */
    if (b0 == 0xe2 && b1 == 0x80 && ((b2 >= 0x80 && b2 <= 0x8a) || b2 == 0xa8 || b2 == 0xa9 || b2 == 0xaf))
        return 3;                                                               /* U+2000-200A, 2028, 2029, 202F */
    if (b0 == 0xe2 && b1 == 0x81 && b2 == 0x9f) return 3;                      /* U+205F */
    if (b0 == 0xe3 && b1 == 0x80 && b2 == 0x80) return 3;                      /* U+3000 */
    return 0;
}

static void skip_space(Cursor *c)
{
    size_t n;
    while ((n = space_len(c)) > 0) c->i += n;
}

/* Case-insensitive match of word at the cursor; consumes it on success. */
static bool take_word(Cursor *c, const char *word)
{
    size_t n = strlen(word);
    if (c->i + n > c->len) return false;
    for (size_t k = 0; k < n; k++)
        if (lower((unsigned char)c->s[c->i + k]) != word[k]) return false;
    c->i += n;
    return true;
}

static bool take_sep(Cursor *c)
{
    if (!is_sep(at(c, 0))) return false;
    c->i++;
    return true;
}

static int cursor_error(const Cursor *c, KraitError *err, const char *what)
{
    int col = (int)(c->col0 + c->i + 1);
    int ch = at(c, 0);
    if (ch < 0)
        return error_set(err, NULL, 1, col, "column %d: %s, found the end of the text", col, what);
    if (ch < 0x20 || ch >= 0x7f)
        return error_set(err, NULL, 1, col, "column %d: %s, found byte 0x%02x", col, what, (unsigned)ch);
    return error_set(err, NULL, 1, col, "column %d: %s, found '%c'", col, what, ch);
}

/* number = [0-9]+ ; values above 2^64-1 are refused (a named limit). */
static int take_number(Cursor *c, uint64_t *out, KraitError *err)
{
    if (!is_digit(at(c, 0))) return cursor_error(c, err, "expected a digit");
    uint64_t v = 0;
    size_t start = c->i;
    while (is_digit(at(c, 0))) {
        unsigned d = (unsigned)(at(c, 0) - '0');
        if (v > (UINT64_MAX - d) / 10) {
            c->i = start;
            return cursor_error(c, err, "number too large (krait's limit is 2^64-1)");
        }
        v = v * 10 + d;
        c->i++;
    }
    *out = v;
    return 0;
}

/* Optional number after an optional separator: "[-_.]?[0-9]*"; absent = 0. */
static int take_implicit_number(Cursor *c, uint64_t *out, KraitError *err)
{
    take_sep(c);   /* kept even without digits: the regex matches "1.0a." too */
    if (!is_digit(at(c, 0))) {
        *out = 0;
        return 0;
    }
    return take_number(c, out, err);
}

/* pre = [-_.]? (alpha|a|beta|b|preview|pre|c|rc) [-_.]? [0-9]* */
static int parse_pre(Cursor *c, Pep440Version *v, KraitError *err)
{
    static const struct { const char *word; Pep440PreKind kind; } labels[] = {
        {"alpha", PEP440_PREKIND_A}, {"a", PEP440_PREKIND_A}, {"beta", PEP440_PREKIND_B},
        {"b", PEP440_PREKIND_B}, {"preview", PEP440_PREKIND_RC}, {"pre", PEP440_PREKIND_RC},
        {"c", PEP440_PREKIND_RC}, {"rc", PEP440_PREKIND_RC},
    };
    size_t save = c->i;
    take_sep(c);
    for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
        if (!take_word(c, labels[k].word)) continue;
        v->pre_kind = (uint8_t)labels[k].kind;
        return take_implicit_number(c, &v->pre, err);
    }
    c->i = save;
    return 0;
}

/* post = "-" [0-9]+ | [-_.]? (post|rev|r) [-_.]? [0-9]* */
static int parse_post(Cursor *c, Pep440Version *v, KraitError *err)
{
    size_t save = c->i;
    if (at(c, 0) == '-' && is_digit(at(c, 1))) {
        c->i++;
        v->has_post = true;
        return take_number(c, &v->post, err);
    }
    take_sep(c);
    if (take_word(c, "post") || take_word(c, "rev") || take_word(c, "r")) {
        v->has_post = true;
        return take_implicit_number(c, &v->post, err);
    }
    c->i = save;
    return 0;
}

/* dev = [-_.]? dev [-_.]? [0-9]* */
static int parse_dev(Cursor *c, Pep440Version *v, KraitError *err)
{
    size_t save = c->i;
    take_sep(c);
    if (take_word(c, "dev")) {
        v->has_dev = true;
        return take_implicit_number(c, &v->dev, err);
    }
    c->i = save;
    return 0;
}

/* Appends one local segment, normalised: lowercase, numeric segments
 * without leading zeros (packaging stores them as integers). */
static int append_local_segment(Cursor *c, Pep440Version *v, size_t start, size_t end, KraitError *err)
{
    bool numeric = true;
    for (size_t k = start; k < end; k++) numeric = numeric && is_digit((unsigned char)c->s[k]);
    if (numeric) {
        while (end - start > 1 && c->s[start] == '0') start++;
    }
    size_t need = (v->local_len ? 1 : 0) + (end - start);
    if (v->local_len + need > PEP440_LOCAL_MAX) {
        c->i = start;
        return cursor_error(c, err, "local version label too long (krait's limit is 96 bytes)");
    }
    if (v->local_len) v->local[v->local_len++] = '.';
    for (size_t k = start; k < end; k++) v->local[v->local_len++] = (char)lower((unsigned char)c->s[k]);
    v->local[v->local_len] = '\0';
    return 0;
}

/* local = "+" [a-z0-9]+ ([-_.] [a-z0-9]+)* */
static int parse_local(Cursor *c, Pep440Version *v, KraitError *err)
{
    if (at(c, 0) != '+') return 0;
    c->i++;
    for (;;) {
        if (!is_alnum(at(c, 0))) return cursor_error(c, err, "expected a letter or digit in the local version label");
        size_t start = c->i;
        while (is_alnum(at(c, 0))) c->i++;
        if (append_local_segment(c, v, start, c->i, err) < 0) return -1;
        if (!is_sep(at(c, 0))) return 0;
        c->i++;
    }
}

enum { PARSE_WILDCARD = 1 };   /* flags for parse_version_at */

/* version = v? (N!)? N(.N)* [.*] pre? post? dev? local?
 * Stops at the first character that cannot continue the version; the caller
 * decides whether what follows is acceptable. *wildcard reports ".*". */
static int parse_version_at(Cursor *c, Pep440Version *v, unsigned flags, bool *wildcard, KraitError *err)
{
    memset(v, 0, sizeof *v);
    if (wildcard) *wildcard = false;
    if (lower(at(c, 0)) == 'v') c->i++;
    uint64_t n;
    if (take_number(c, &n, err) < 0) return -1;
    if (at(c, 0) == '!') {
        v->epoch = n;
        c->i++;
        if (take_number(c, &n, err) < 0) return -1;
    }
    v->release[v->n_release++] = n;
    while (at(c, 0) == '.' && is_digit(at(c, 1))) {
        if (v->n_release == PEP440_RELEASE_MAX)
            return cursor_error(c, err, "too many release components (krait's limit is 24)");
        c->i++;
        if (take_number(c, &v->release[v->n_release], err) < 0) return -1;
        v->n_release++;
    }
    if ((flags & PARSE_WILDCARD) && at(c, 0) == '.' && at(c, 1) == '*') {
        c->i += 2;
        *wildcard = true;
        return 0;
    }
    if (parse_pre(c, v, err) < 0 || parse_post(c, v, err) < 0 || parse_dev(c, v, err) < 0) return -1;
    return parse_local(c, v, err);
}

int pep440_parse(const char *text, size_t len, Pep440Version *out, KraitError *err)
{
    Cursor c = {text, len, 0, 0};
    skip_space(&c);
    if (parse_version_at(&c, out, 0, NULL, err) < 0) return -1;
    skip_space(&c);
    if (c.i != c.len) return cursor_error(&c, err, "unexpected text after the version");
    return 0;
}

bool pep440_is_valid(const char *text)
{
    Pep440Version v;
    KraitError err;
    return pep440_parse(text, strlen(text), &v, &err) == 0;
}

/* ---- canonical form ------------------------------------------------------ */

typedef struct Out {
    char *buf;
    size_t size;
    size_t len;     /* length the full output would have */
} Out;

static void out_puts(Out *o, const char *s)
{
    for (; *s; s++, o->len++)
        if (o->len + 1 < o->size) o->buf[o->len] = *s;
}

static void out_putn(Out *o, const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++, o->len++)
        if (o->len + 1 < o->size) o->buf[o->len] = s[k];
}

static void out_u64(Out *o, uint64_t n)
{
    char tmp[24];
    snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)n);
    out_puts(o, tmp);
}

static int out_finish(Out *o)
{
    if (o->size) o->buf[o->len < o->size ? o->len : o->size - 1] = '\0';
    return (int)o->len;
}

static void format_base(const Pep440Version *v, Out *o)
{
    if (v->epoch) {
        out_u64(o, v->epoch);
        out_puts(o, "!");
    }
    for (size_t k = 0; k < v->n_release; k++) {
        if (k) out_puts(o, ".");
        out_u64(o, v->release[k]);
    }
}

static void format_public(const Pep440Version *v, Out *o)
{
    static const char *const pre_names[] = {"", "a", "b", "rc"};
    format_base(v, o);
    if (v->pre_kind != PEP440_PREKIND_NONE) {
        out_puts(o, pre_names[v->pre_kind]);
        out_u64(o, v->pre);
    }
    if (v->has_post) {
        out_puts(o, ".post");
        out_u64(o, v->post);
    }
    if (v->has_dev) {
        out_puts(o, ".dev");
        out_u64(o, v->dev);
    }
}

int pep440_format(const Pep440Version *v, char *out, size_t size)
{
    Out o = {out, size, 0};
    format_public(v, &o);
    if (v->local_len) {
        out_puts(&o, "+");
        out_puts(&o, v->local);
    }
    return out_finish(&o);
}

int pep440_format_public(const Pep440Version *v, char *out, size_t size)
{
    Out o = {out, size, 0};
    format_public(v, &o);
    return out_finish(&o);
}

int pep440_format_base(const Pep440Version *v, char *out, size_t size)
{
    Out o = {out, size, 0};
    format_base(v, &o);
    return out_finish(&o);
}

/* ---- ordering ------------------------------------------------------------ */

static int cmp_u64(uint64_t a, uint64_t b) { return a < b ? -1 : a > b; }

/* Release segments compare as if trailing zeros were absent (1.0 == 1.0.0). */
static int compare_release(const Pep440Version *a, const Pep440Version *b)
{
    size_t n = a->n_release > b->n_release ? a->n_release : b->n_release;
    for (size_t k = 0; k < n; k++) {
        uint64_t x = k < a->n_release ? a->release[k] : 0;
        uint64_t y = k < b->n_release ? b->release[k] : 0;
        if (x != y) return x < y ? -1 : 1;
    }
    return 0;
}

/* The pre-release slot sorts: a dev release of a final (1.0.dev0) before
 * every pre-release, then a < b < rc by number, then no pre at all. */
static int pre_rank(const Pep440Version *v)
{
    if (v->pre_kind != PEP440_PREKIND_NONE) return 1;
    if (!v->has_post && v->has_dev) return 0;
    return 2;
}

static int compare_pre(const Pep440Version *a, const Pep440Version *b)
{
    int ra = pre_rank(a), rb = pre_rank(b);
    if (ra != rb) return ra < rb ? -1 : 1;
    if (ra != 1) return 0;
    if (a->pre_kind != b->pre_kind) return a->pre_kind < b->pre_kind ? -1 : 1;
    return cmp_u64(a->pre, b->pre);
}

/* One segment of a local label: digits compare as numbers (leading zeros
 * are already stripped, so length then bytes), and any number sorts after
 * any word. */
static int compare_local_segment(const char *a, size_t na, const char *b, size_t nb)
{
    bool da = true, db = true;
    for (size_t k = 0; k < na; k++) da = da && is_digit((unsigned char)a[k]);
    for (size_t k = 0; k < nb; k++) db = db && is_digit((unsigned char)b[k]);
    if (da != db) return da ? 1 : -1;
    if (da && na != nb) return na < nb ? -1 : 1;
    size_t n = na < nb ? na : nb;
    int r = memcmp(a, b, n);
    if (r) return r < 0 ? -1 : 1;
    return na < nb ? -1 : na > nb;
}

/* No label sorts before any label; labels compare segment by segment and
 * a label that is a prefix of another sorts first. */
static int compare_local(const Pep440Version *a, const Pep440Version *b)
{
    if (!a->local_len || !b->local_len) return (a->local_len > 0) - (b->local_len > 0);
    size_t i = 0, j = 0;
    while (i < a->local_len && j < b->local_len) {
        size_t ei = i, ej = j;
        while (ei < a->local_len && a->local[ei] != '.') ei++;
        while (ej < b->local_len && b->local[ej] != '.') ej++;
        int r = compare_local_segment(a->local + i, ei - i, b->local + j, ej - j);
        if (r) return r;
        i = ei + 1;
        j = ej + 1;
    }
    return (i < a->local_len) - (j < b->local_len);
}

int pep440_compare_public(const Pep440Version *a, const Pep440Version *b)
{
    int r = cmp_u64(a->epoch, b->epoch);
    if (!r) r = compare_release(a, b);
    if (!r) r = compare_pre(a, b);
    if (!r) r = (int)a->has_post - (int)b->has_post;           /* no post sorts first */
    if (!r && a->has_post) r = cmp_u64(a->post, b->post);
    if (!r) r = (int)b->has_dev - (int)a->has_dev;             /* no dev sorts last */
    if (!r && a->has_dev) r = cmp_u64(a->dev, b->dev);
    return r;
}

int pep440_compare(const Pep440Version *a, const Pep440Version *b)
{
    int r = pep440_compare_public(a, b);
    return r ? r : compare_local(a, b);
}

bool pep440_is_prerelease(const Pep440Version *v) { return v->pre_kind != PEP440_PREKIND_NONE || v->has_dev; }
bool pep440_is_postrelease(const Pep440Version *v) { return v->has_post; }
bool pep440_is_devrelease(const Pep440Version *v) { return v->has_dev; }

/* ---- specifiers ---------------------------------------------------------- */

const char *pep440_op_string(Pep440Op op)
{
    static const char *const names[] = {"~=", "==", "!=", "<=", ">=", "<", ">", "==="};
    return names[op];
}

/* Longest operator first so "===" is not read as "==" and "<=" not as "<". */
static bool take_operator(Cursor *c, Pep440Op *op)
{
    static const struct { const char *text; Pep440Op op; } ops[] = {
        {"===", PEP440_OP_ARBITRARY}, {"~=", PEP440_OP_COMPATIBLE}, {"==", PEP440_OP_EQ},
        {"!=", PEP440_OP_NE}, {"<=", PEP440_OP_LE}, {">=", PEP440_OP_GE},
        {"<", PEP440_OP_LT}, {">", PEP440_OP_GT},
    };
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        if (take_word(c, ops[k].text)) {
            *op = ops[k].op;
            return true;
        }
    }
    return false;
}

/* Precomputes the exclusive upper bound "<V" and "~=V" need, so matching
 * is a couple of comparisons. */
static int spec_prepare_bound(Pep440Spec *spec, Cursor *c, KraitError *err)
{
    Pep440Version *b = &spec->bound;
    if (spec->op == PEP440_OP_LT && !pep440_is_prerelease(&spec->version)) {
        *b = spec->version;
        b->has_dev = true;
        b->dev = 0;
        return 0;
    }
    if (spec->op != PEP440_OP_COMPATIBLE) return 0;
    memset(b, 0, sizeof *b);
    b->epoch = spec->version.epoch;
    b->n_release = (uint8_t)(spec->version.n_release - 1);
    memcpy(b->release, spec->version.release, sizeof b->release[0] * b->n_release);
    if (b->release[b->n_release - 1] == UINT64_MAX)
        return cursor_error(c, err, "release number too large for '~='");
    b->release[b->n_release - 1]++;
    b->has_dev = true;
    return 0;
}

/* specifier = ws* op ws* version ws*, with per-operator restrictions:
 * "===" takes any text without spaces, ';' or ')'; only == and != take
 * ".*" or a local label; "~=" needs two release components. */
static int spec_parse_at(Cursor *c, Arena *arena, Pep440Spec *out, KraitError *err)
{
    memset(out, 0, sizeof *out);
    skip_space(c);
    if (!take_operator(c, &out->op))
        return cursor_error(c, err, "expected a version operator (~=, ==, !=, <=, >=, <, >, ===)");
    skip_space(c);
    size_t start = c->i;
    if (out->op == PEP440_OP_ARBITRARY) {
        while (at(c, 0) >= 0 && !space_len(c) && at(c, 0) != ';' && at(c, 0) != ')') c->i++;
        Cursor probe = {c->s + start, c->i - start, 0, 0};
        KraitError ignored;
        out->version_valid = parse_version_at(&probe, &out->version, 0, NULL, &ignored) == 0 &&
                             probe.i == probe.len;
    } else {
        bool eq_like = out->op == PEP440_OP_EQ || out->op == PEP440_OP_NE;
        if (parse_version_at(c, &out->version, eq_like ? PARSE_WILDCARD : 0, &out->wildcard, err) < 0) return -1;
        out->version_valid = true;
        out->has_local = out->version.local_len > 0;
        if (out->has_local && !eq_like) {
            c->i = start;
            return cursor_error(c, err, "a local version label is only allowed with == and !=");
        }
        if (out->op == PEP440_OP_COMPATIBLE && out->version.n_release < 2) {
            c->i = start;
            return cursor_error(c, err, "'~=' needs a version with at least two release components");
        }
        if (spec_prepare_bound(out, c, err) < 0) return -1;
    }
    out->text = arena ? arena_strndup(arena, c->s + start, c->i - start) : c->s + start;
    out->text_len = c->i - start;
    skip_space(c);
    return 0;
}

int pep440_spec_parse(const char *text, size_t len, Arena *arena, Pep440Spec *out, KraitError *err)
{
    Cursor c = {text, len, 0, 0};
    if (spec_parse_at(&c, arena, out, err) < 0) return -1;
    if (c.i != c.len) return cursor_error(&c, err, "unexpected text after the version specifier");
    return 0;
}

int pep440_specset_parse(const char *text, size_t len, Arena *arena, Pep440SpecSet *out, KraitError *err)
{
    return pep440_specset_parse_at(text, len, 0, true, arena, out, err);
}

int pep440_specset_parse_at(const char *text, size_t len, size_t col0, bool allow_empty, Arena *arena,
                            Pep440SpecSet *out, KraitError *err)
{
    size_t n = 1;
    for (size_t k = 0; k < len; k++) n += text[k] == ',';
    out->specs = ARENA_ARRAY(arena, Pep440Spec, n);
    out->n = 0;
    out->prereleases = PEP440_PRE_AUTO;
    size_t start = 0;
    while (start <= len) {
        size_t end = start;
        while (end < len && text[end] != ',') end++;
        /* packaging's SpecifierSet skips empty pieces ("a,,b", trailing ","). */
        Cursor c = {text + start, end - start, 0, col0 + start};
        skip_space(&c);
        bool empty = c.i == c.len;
        /* Strict mode still takes one trailing comma ("a>=1,"), as packaging's
         * requirement parser does; "a>=1,,<2" and ",a>=1" are errors. */
        bool trailing = end == len && out->n > 0;
        if (empty && !allow_empty && out->n + (end < len) > 0 && !trailing)
            return cursor_error(&c, err, "expected a version specifier");
        if (!empty) {
            c.i = 0;
            if (spec_parse_at(&c, arena, &out->specs[out->n], err) < 0) return -1;
            if (c.i != c.len) return cursor_error(&c, err, "unexpected text after the version specifier");
            out->n++;
        }
        start = end + 1;
    }
    return 0;
}

int pep440_spec_format(const Pep440Spec *spec, char *out, size_t size)
{
    Out o = {out, size, 0};
    out_puts(&o, pep440_op_string(spec->op));
    out_putn(&o, spec->text, spec->text_len);
    return out_finish(&o);
}

int pep440_specset_format(const Pep440SpecSet *set, char *out, size_t size)
{
    Out o = {out, size, 0};
    for (size_t k = 0; k < set->n; k++) {
        if (k) out_puts(&o, ",");
        out_puts(&o, pep440_op_string(set->specs[k].op));
        out_putn(&o, set->specs[k].text, set->specs[k].text_len);
    }
    return out_finish(&o);
}

/* Canonical text of a clause's version: trailing zeros of the release
 * dropped, except for ~= where they carry meaning (~=1.4.0 != ~=1.4). */
static void spec_canonical(const Pep440Spec *spec, char *out, size_t size)
{
    Pep440Version v = spec->version;
    if (spec->op != PEP440_OP_COMPATIBLE)
        while (v.n_release > 1 && v.release[v.n_release - 1] == 0) v.n_release--;
    pep440_format(&v, out, size);
}

static bool text_equal_nocase(const char *a, size_t na, const char *b, size_t nb)
{
    if (na != nb) return false;
    for (size_t k = 0; k < na; k++)
        if (lower((unsigned char)a[k]) != lower((unsigned char)b[k])) return false;
    return true;
}

bool pep440_spec_equal(const Pep440Spec *a, const Pep440Spec *b)
{
    if (a->op != b->op || a->wildcard != b->wildcard) return false;
    if (a->op == PEP440_OP_ARBITRARY || a->wildcard)
        return a->text_len == b->text_len && memcmp(a->text, b->text, a->text_len) == 0;
    char ca[PEP440_VERSION_STR_MAX], cb[PEP440_VERSION_STR_MAX];
    spec_canonical(a, ca, sizeof ca);
    spec_canonical(b, cb, sizeof cb);
    return strcmp(ca, cb) == 0;
}

bool pep440_spec_implies_prereleases(const Pep440Spec *spec)
{
    if (spec->op == PEP440_OP_NE || spec->wildcard || !spec->version_valid) return false;
    return pep440_is_prerelease(&spec->version);
}

/* "==V.*": same epoch and V's release is a prefix of the candidate's
 * release padded with zeros (so 1 matches ==1.0.*). */
static bool prefix_matches(const Pep440Version *prefix, const Pep440Version *v)
{
    if (v->epoch != prefix->epoch) return false;
    for (size_t k = 0; k < prefix->n_release; k++) {
        uint64_t x = k < v->n_release ? v->release[k] : 0;
        if (x != prefix->release[k]) return false;
    }
    return true;
}

static bool same_release_and_pre(const Pep440Version *a, const Pep440Version *b)
{
    return a->epoch == b->epoch && compare_release(a, b) == 0 && a->pre_kind == b->pre_kind &&
           (a->pre_kind == PEP440_PREKIND_NONE || a->pre == b->pre);
}

/* ">V" (PEP 440, exclusive ordered comparison): above V, but never a local
 * version of V, and never a post-release of V unless V is one itself.
 * When V has a dev or post part, the only versions between V and the next
 * possible release are V's local versions, hence the public comparison. */
static bool greater_than(const Pep440Version *spec, const Pep440Version *v)
{
    if (spec->has_dev || spec->has_post) return pep440_compare_public(v, spec) > 0;
    return pep440_compare(v, spec) > 0 && !same_release_and_pre(v, spec);
}

static bool arbitrary_matches(const Pep440Spec *spec, const Pep440Version *v, const char *raw, size_t raw_len)
{
    if (raw) return text_equal_nocase(spec->text, spec->text_len, raw, raw_len);
    char canon[PEP440_VERSION_STR_MAX];
    int n = pep440_format(v, canon, sizeof canon);
    return text_equal_nocase(spec->text, spec->text_len, canon, (size_t)n);
}

bool pep440_spec_matches(const Pep440Spec *spec, const Pep440Version *v, const char *raw, size_t raw_len)
{
    const Pep440Version *sv = &spec->version;
    switch (spec->op) {
    case PEP440_OP_ARBITRARY:
        return arbitrary_matches(spec, v, raw, raw_len);
    case PEP440_OP_EQ:
    case PEP440_OP_NE: {
        bool eq;
        if (spec->wildcard) eq = prefix_matches(sv, v);
        /* A candidate's local label is ignored unless the clause has one. */
        else if (spec->has_local) eq = pep440_compare(v, sv) == 0;
        else eq = pep440_compare_public(v, sv) == 0;
        return spec->op == PEP440_OP_EQ ? eq : !eq;
    }
    case PEP440_OP_COMPATIBLE:
        return pep440_compare(v, sv) >= 0 && pep440_compare(v, &spec->bound) < 0;
    case PEP440_OP_GE:
        return pep440_compare(v, sv) >= 0;
    case PEP440_OP_LE:
        return pep440_compare_public(v, sv) <= 0;
    case PEP440_OP_LT:
        /* "<V" must not match pre-releases of V unless V is one: for a
         * final (or post) V the bound is V.dev0, the first of them. */
        return pep440_compare(v, pep440_is_prerelease(sv) ? sv : &spec->bound) < 0;
    case PEP440_OP_GT:
        return greater_than(sv, v);
    }
    return false;
}

/* The pre-release decision shared by contains and filter: returns ALLOW or
 * EXCLUDE when it is settled, AUTO when PEP 440's "only pre-releases are
 * available" rule still applies. */
static Pep440Pre resolve_prereleases(const Pep440SpecSet *set, Pep440Pre call)
{
    if (call != PEP440_PRE_AUTO) return call;
    if (set->prereleases != PEP440_PRE_AUTO) return set->prereleases;
    for (size_t k = 0; k < set->n; k++)
        if (pep440_spec_implies_prereleases(&set->specs[k])) return PEP440_PRE_ALLOW;
    return PEP440_PRE_AUTO;
}

/* Every clause, no pre-release policy; v is NULL for a non-PEP 440 text. */
static bool all_clauses_match(const Pep440SpecSet *set, const Pep440Version *v, const char *raw, size_t raw_len)
{
    for (size_t k = 0; k < set->n; k++) {
        const Pep440Spec *spec = &set->specs[k];
        if (!v) {
            if (spec->op != PEP440_OP_ARBITRARY || !text_equal_nocase(spec->text, spec->text_len, raw, raw_len))
                return false;
        } else if (!pep440_spec_matches(spec, v, raw, raw_len)) {
            return false;
        }
    }
    return true;
}

static bool contains(const Pep440SpecSet *set, const Pep440Version *v, const char *raw, size_t raw_len,
                     Pep440Pre call, bool installed)
{
    if (v && pep440_is_prerelease(v) && !installed &&
        resolve_prereleases(set, call) != PEP440_PRE_ALLOW)
        return false;
    return all_clauses_match(set, v, raw, raw_len);
}

bool pep440_specset_contains(const Pep440SpecSet *set, const char *candidate, size_t len, Pep440Pre call,
                             bool installed)
{
    Pep440Version v;
    KraitError ignored;
    bool valid = pep440_parse(candidate, len, &v, &ignored) == 0;
    return contains(set, valid ? &v : NULL, candidate, len, call, installed);
}

bool pep440_specset_contains_version(const Pep440SpecSet *set, const Pep440Version *v, Pep440Pre call,
                                     bool installed)
{
    return contains(set, v, NULL, 0, call, installed);
}

/* 0 = no match, 1 = final or post release, 2 = pre-release, 3 = text that
 * is not PEP 440 (matched by ===): kept, but it is not a final release. */
static int filter_classify(const Pep440SpecSet *set, const char *cand, Pep440Pre mode)
{
    Pep440Version v;
    KraitError ignored;
    size_t len = strlen(cand);
    bool valid = pep440_parse(cand, len, &v, &ignored) == 0;
    bool pre = valid && pep440_is_prerelease(&v);
    if (pre && mode == PEP440_PRE_EXCLUDE) return 0;
    if (!all_clauses_match(set, valid ? &v : NULL, cand, len)) return 0;
    if (!valid) return 3;
    return pre ? 2 : 1;
}

size_t pep440_specset_filter(const Pep440SpecSet *set, const char *const *candidates, size_t n, Pep440Pre call,
                             size_t *keep)
{
    Pep440Pre mode = resolve_prereleases(set, call);
    size_t kept = 0;
    bool any_final = false;
    for (size_t i = 0; i < n; i++) {
        int cls = filter_classify(set, candidates[i], mode);
        if (!cls) continue;
        any_final = any_final || cls == 1;
        keep[kept++] = i;
    }
    if (mode != PEP440_PRE_AUTO || !any_final) return kept;
    /* PEP 440: pre-releases only when nothing else satisfies the set. */
    size_t out = 0;
    for (size_t k = 0; k < kept; k++) {
        if (filter_classify(set, candidates[keep[k]], mode) != 2) keep[out++] = keep[k];
    }
    return out;
}
