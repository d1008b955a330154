/* generic.c - the generic detector (SEC019, and SEC002 by name): finds
 * `name = value` in its many spellings - Python assignments, keyword
 * arguments, dict entries, annotated targets, lookups with a default,
 * configuration lines, Dockerfile ENV - and hands the value to the filters
 * of value.c. Called by the engine at each '=', ':' and ','. */
#include "secrets/scan.h"

#include <string.h>
#include <strings.h>

/* The name left of the operator at op: `password`, `"password"`,
 * `config["password"]`, `self.db.password`, `--password`, `export TOKEN`.
 * Returns false when there is none. */
static bool assigned_name(const char *t, size_t op, size_t *start, size_t *end, bool *quoted)
{
    size_t j = op;
    while (j > 0 && is_space((unsigned char)t[j - 1])) j--;
    if (j > 0 && t[j - 1] == ']') j--;
    int quote = 0;
    if (j > 0 && (t[j - 1] == '"' || t[j - 1] == '\'')) quote = t[--j];
    size_t e = j;
    while (j > 0 && e - j < 128 && is_name_char((unsigned char)t[j - 1])) j--;
    if (j == e || (j > 0 && is_name_char((unsigned char)t[j - 1]))) return false;
    if (quote && (j == 0 || t[j - 1] != quote)) return false;
    *start = j;
    *end = e;
    *quoted = quote != 0;
    return true;
}

/* Values and annotations are looked for this far at most, so text such as
 * `password="password="...` on one long line stays linear. Longer values
 * are refused anyway (secrets_check_value: over 512 bytes). */
enum { VALUE_SCAN_MAX = 1024 };

/* Python: `name: type = "value"`; returns the offset after the '=' or 0.
 * Two names separated only by spaces ("MAC id=" in a docstring) are prose,
 * not a type. */
static size_t skip_annotation(const char *t, size_t len, size_t k)
{
    size_t stop = len - k > VALUE_SCAN_MAX ? k + VALUE_SCAN_MAX : len;
    int prev = 0;        /* the last byte that was not a space */
    bool gap = false;    /* a space since prev */
    for (; k < stop; k++) {
        int c = (unsigned char)t[k];
        if (c == ' ') {
            gap = true;
            continue;
        }
        if (!is_name_char(c) && !(c && strchr("[],|", c))) break;
        if (gap && is_name_char(c) && is_name_char(prev)) return 0;
        prev = c;
        gap = false;
    }
    if (k < len && t[k] == '=' && (k + 1 >= len || t[k + 1] != '=')) return k + 1;
    return 0;
}

/* The value right of the operator: a quoted string on the same line, or
 * (outside Python) a bare word up to a space or separator. */
static bool assigned_value(Scan *s, size_t k, size_t *start, size_t *vlen)
{
    const char *t = s->text;
    size_t len = s->len;
    if (s->mode == GENERIC_QUOTED_ONLY) {
        size_t n = 0;   /* string prefix: r, b, u, f and pairs */
        while (n < 2 && k + n < len && t[k + n] && strchr("rRbBuUfF", t[k + n])) n++;
        if (k + n < len && (t[k + n] == '"' || t[k + n] == '\'')) k += n;
    }
    if (k >= len) return false;
    size_t stop = len - k > VALUE_SCAN_MAX ? k + VALUE_SCAN_MAX : len;
    int q = (unsigned char)t[k];
    if (q == '"' || q == '\'') {
        size_t i = k + 1;
        while (i < stop && t[i] != q && t[i] != '\n') i += (t[i] == '\\' && i + 1 < stop) ? 2 : 1;
        if (i >= stop || t[i] != q) return false;
        *start = k + 1;
        *vlen = i - k - 1;
        return true;
    }
    if (s->mode == GENERIC_QUOTED_ONLY) return false;
    /* a structure, not a scalar; in YAML also a block scalar, anchor,
     * alias or tag */
    if (q == '{' || q == '[' || (s->mode == GENERIC_YAML && q && strchr("|>&*!", q))) return false;
    size_t i = k;
    if (s->clear_from <= k && k < s->clear_to) i = s->clear_to;
    while (i < stop && (unsigned char)t[i] > ' ' && !strchr(";,&\"'`()[]{}<", t[i])) {
        if (t[i] == '\\' && i + 1 < len && strchr("nrt\"'", t[i + 1])) break;   /* an escape: inside a JSON string */
        i++;
    }
    s->clear_from = k;
    s->clear_to = i;
    if (i >= stop && stop < len) return false;                    /* longer than any value we keep */
    if (i < len && (t[i] == '(' || t[i] == '[')) return false;   /* a call or subscript: a reference, not a value */
    *start = k;
    *vlen = i - k;
    return i > k;
}

static bool is_aws_secret_shape(const char *v, size_t len)
{
    if (len != 40) return false;
    for (size_t i = 0; i < len; i++)
        if (!is_alnum((unsigned char)v[i]) && v[i] != '/' && v[i] != '+') return false;
    return true;
}

/* "Bearer <token>", "Basic <base64>", "Token <token>": the credential is
 * what follows the HTTP authentication scheme. */
static size_t auth_scheme_length(const char *v, size_t len)
{
    static const char *const schemes[] = {"bearer ", "basic ", "token "};
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
        size_t n = strlen(schemes[i]);
        if (len > n && strncasecmp(v, schemes[i], n) == 0) return n;
    }
    return 0;
}

void generic_report(Scan *s, SecretNameClass cls, size_t start, size_t vlen)
{
    size_t scheme = auth_scheme_length(s->text + start, vlen);
    start += scheme;
    vlen -= scheme;
    const char *v = s->text + start;
    if (cls == SECRET_NAME_AWS_SECRET && is_aws_secret_shape(v, vlen)) {
        /* The name and the shape agree; base64 may start with '/' or read
         * like a path, so only placeholders and non-random values are out. */
        if (secrets_is_placeholder(v, vlen) || secrets_shannon_entropy(v, vlen) < secrets_entropy_threshold(vlen))
            return;
        scan_push(s, SECRET_DET_AWS_SECRET_KEY, start, vlen);
        return;
    }
    if (secrets_check_value(v, vlen) != SECRET_VALUE_OK) return;
    scan_push(s, SECRET_DET_GENERIC_SECRET, start, vlen);
}

/* t[op] is '=' or ':'. Accepts =, :, :=, =>; refuses ==, !=, <=, >=,
 * augmented assignments, ::, and the ':' of "://" or "C:/". */
void generic_scan_assignment(Scan *s, size_t op)
{
    const char *t = s->text;
    size_t len = s->len;
    size_t k = op + 1;
    char next = op + 1 < len ? t[op + 1] : '\0';
    char prev = op > 0 ? t[op - 1] : '\0';
    if (t[op] == '=') {
        if (next == '=' || (prev && strchr("=!<>+-*/%&|^@:~", prev))) return;
        if (next == '>') k++;
    } else {
        if (next == ':' || prev == ':' || next == '/' || next == '\\') return;
        if (next == '=') k++;
    }
    size_t ns, ne;
    bool quoted;
    if (!assigned_name(t, op, &ns, &ne, &quoted)) return;
    SecretNameClass cls = secrets_classify_name(t + ns, ne - ns);
    if (cls == SECRET_NAME_NONE) return;
    while (k < len && is_space((unsigned char)t[k])) k++;
    if (s->mode == GENERIC_QUOTED_ONLY && t[op] == ':' && next != '=' && !quoted) {
        /* In Python an unquoted name before ':' is an annotation (or a
         * lambda, a slice, a constant dict key); only `name: T = "..."`
         * assigns. private_key: "_RSAPrivateKey" is a forward reference. */
        size_t after = k < len && is_word((unsigned char)t[k]) ? skip_annotation(t, len, k) : 0;
        if (!after) return;
        k = after;
        while (k < len && is_space((unsigned char)t[k])) k++;
    }
    size_t vs, vlen;
    if (!assigned_value(s, k, &vs, &vlen)) return;
    generic_report(s, cls, vs, vlen);
}

static bool callee_is_lookup(const char *name, size_t len)
{
    static const char *const names[] = {"get", "getenv", "setdefault"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == len && memcmp(name, names[i], len) == 0) return true;
    return false;
}

/* t[comma] is ','. `os.getenv("DB_PASSWORD", "...")`, `os.environ.get(...)`,
 * `config.setdefault(...)`: the default of a lookup by a secret name is a
 * hard-coded secret that ships whenever the variable is unset. */
void generic_scan_lookup_default(Scan *s, size_t comma)
{
    const char *t = s->text;
    size_t j = comma;
    while (j > 0 && is_space((unsigned char)t[j - 1])) j--;
    if (j == 0 || (t[j - 1] != '"' && t[j - 1] != '\'')) return;
    char q = t[--j];
    size_t ne = j;
    while (j > 0 && ne - j < 128 && is_name_char((unsigned char)t[j - 1])) j--;
    size_t ns = j;
    if (ns == ne || j == 0 || t[j - 1] != q) return;
    j--;
    while (j > 0 && is_space((unsigned char)t[j - 1])) j--;
    if (j == 0 || t[j - 1] != '(') return;
    size_t ce = --j;
    while (j > 0 && is_word((unsigned char)t[j - 1])) j--;
    if (!callee_is_lookup(t + j, ce - j)) return;
    SecretNameClass cls = secrets_classify_name(t + ns, ne - ns);
    if (cls == SECRET_NAME_NONE) return;
    size_t k = comma + 1;
    while (k < s->len && is_space((unsigned char)t[k])) k++;
    if (k >= s->len || (t[k] != '"' && t[k] != '\'')) return;   /* a literal default only */
    size_t vs, vlen;
    if (assigned_value(s, k, &vs, &vlen)) generic_report(s, cls, vs, vlen);
}

/* Dockerfile's legacy `ENV NAME value` (no '='): the rest of the line is
 * the value. The '=' forms are the generic detector's. */
void generic_scan_dockerfile_env(Scan *s)
{
    const char *t = s->text;
    size_t len = s->len;
    for (size_t i = 0; i < len;) {
        size_t eol = i;
        while (eol < len && t[eol] != '\n') eol++;
        size_t k = i;
        while (k < eol && is_space((unsigned char)t[k])) k++;
        if (eol - k > 4 && strncasecmp(t + k, "ENV", 3) == 0 && is_space((unsigned char)t[k + 3])) {
            k += 4;
            while (k < eol && is_space((unsigned char)t[k])) k++;
            size_t ns = k;
            while (k < eol && is_name_char((unsigned char)t[k])) k++;
            size_t ne = k;
            SecretNameClass cls = secrets_classify_name(t + ns, ne - ns);
            if (ne > ns && k < eol && is_space((unsigned char)t[k]) && cls != SECRET_NAME_NONE) {
                while (k < eol && is_space((unsigned char)t[k])) k++;
                size_t e = eol;
                while (e > k && ((unsigned char)t[e - 1] <= ' ' || t[e - 1] == '\\')) e--;
                if (e - k >= 2 && (t[k] == '"' || t[k] == '\'') && t[e - 1] == t[k]) k++, e--;
                if (e > k) generic_report(s, cls, k, e - k);
            }
        }
        i = eol + 1;
    }
}
