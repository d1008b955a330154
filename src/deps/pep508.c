/* pep508.c - PEP 508 requirement and marker parsing, marker evaluation.
 * A recursive-descent parser, one function per grammar rule with the rule
 * above it (PEP 508's grammar; wsp is space or tab). Everything it builds
 * lives in the caller's arena. See pep508.h. */
#include "deps/pep508.h"

#include "deps/pkgname.h"

#include <stdio.h>
#include <string.h>

typedef struct Parser {
    const char *s;
    size_t len;
    size_t i;
    Arena *arena;
    KraitError *err;
    int depth;          /* open parentheses in the marker */
} Parser;

static int peek(const Parser *p, size_t off) { return p->i + off < p->len ? (unsigned char)p->s[p->i + off] : -1; }
static bool is_digit(int ch) { return ch >= '0' && ch <= '9'; }
static bool is_alpha(int ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }
static bool is_alnum(int ch) { return is_digit(ch) || is_alpha(ch); }
static bool is_word(int ch) { return is_alnum(ch) || ch == '_' || ch == '.'; }
static bool is_wsp(int ch) { return ch == ' ' || ch == '\t'; }

static void skip_wsp(Parser *p)
{
    while (is_wsp(peek(p, 0))) p->i++;
}

static int col_at(size_t i) { return (int)i + 1; }

static int parser_error_at(Parser *p, size_t i, const char *what)
{
    int col = col_at(i);
    int ch = i < p->len ? (unsigned char)p->s[i] : -1;
    if (ch < 0) return error_set(p->err, NULL, 1, col, "column %d: %s, found the end of the text", col, what);
    if (ch < 0x20 || ch >= 0x7f)
        return error_set(p->err, NULL, 1, col, "column %d: %s, found byte 0x%02x", col, what, (unsigned)ch);
    return error_set(p->err, NULL, 1, col, "column %d: %s, found '%c'", col, what, ch);
}

static int parser_error(Parser *p, const char *what) { return parser_error_at(p, p->i, what); }

/* A keyword is a whole word: "and" in "android" is not one. */
static bool take_keyword(Parser *p, const char *word)
{
    size_t n = strlen(word);
    if (p->i + n > p->len || memcmp(p->s + p->i, word, n) != 0) return false;
    if (p->i + n < p->len && is_word((unsigned char)p->s[p->i + n])) return false;
    p->i += n;
    return true;
}

/* identifier = letterOrDigit (('-' | '_' | '.')* letterOrDigit)* */
static bool take_identifier(Parser *p)
{
    if (!is_alnum(peek(p, 0))) return false;
    p->i++;
    for (;;) {
        size_t j = p->i;
        while (j < p->len && (p->s[j] == '-' || p->s[j] == '_' || p->s[j] == '.')) j++;
        if (j >= p->len || !is_alnum((unsigned char)p->s[j])) return true;
        p->i = j + 1;
    }
}

/* ---- variables and environments ------------------------------------------ */

static const char *const var_names[PEP508_VAR_COUNT] = {
#define PEP508_NAME(id, name, value) name,
    PEP508_VARIABLES(PEP508_NAME)
#undef PEP508_NAME
    "extra",
};

void pep508_env_default(Pep508Env *env)
{
    static const char *const defaults[PEP508_VAR_EXTRA] = {
#define PEP508_DEFAULT(id, name, value) value,
        PEP508_VARIABLES(PEP508_DEFAULT)
#undef PEP508_DEFAULT
    };
    memcpy(env->value, defaults, sizeof defaults);
    env->extras = NULL;
    env->n_extras = 0;
}

const char *pep508_var_name(Pep508Var var) { return var_names[var]; }

int pep508_var_lookup(const char *name, size_t len)
{
    static const struct { const char *name; Pep508Var var; } legacy[] = {
        {"os.name", PEP508_VAR_OS_NAME}, {"sys.platform", PEP508_VAR_SYS_PLATFORM},
        {"platform.version", PEP508_VAR_PLATFORM_VERSION}, {"platform.machine", PEP508_VAR_PLATFORM_MACHINE},
        {"platform.python_implementation", PEP508_VAR_PLATFORM_PYTHON_IMPLEMENTATION},
        {"python_implementation", PEP508_VAR_PLATFORM_PYTHON_IMPLEMENTATION},
    };
    for (int v = 0; v < PEP508_VAR_COUNT; v++)
        if (strlen(var_names[v]) == len && memcmp(var_names[v], name, len) == 0) return v;
    for (size_t k = 0; k < sizeof legacy / sizeof legacy[0]; k++)
        if (strlen(legacy[k].name) == len && memcmp(legacy[k].name, name, len) == 0) return (int)legacy[k].var;
    return -1;
}

int pep508_env_set(Pep508Env *env, const char *name, const char *value)
{
    int var = pep508_var_lookup(name, strlen(name));
    if (var < 0 || var == PEP508_VAR_EXTRA) return -1;
    env->value[var] = value;
    return 0;
}

/* ---- markers ------------------------------------------------------------- */

static Pep508Marker *marker_or(Parser *p);

static Pep508Marker *new_node(Parser *p, Pep508MarkerKind kind, size_t start)
{
    Pep508Marker *m = ARENA_NEW(p->arena, Pep508Marker);
    m->kind = kind;
    m->col = col_at(start);
    return m;
}

/* marker_var = wsp* (env_var | python_str) */
static int marker_var(Parser *p, Pep508Operand *out)
{
    skip_wsp(p);
    size_t start = p->i;
    int quote = peek(p, 0);
    if (quote == '\'' || quote == '"') {
        p->i++;
        while (peek(p, 0) >= 0 && peek(p, 0) != quote) p->i++;
        if (peek(p, 0) != quote) {
            int col = col_at(start);
            return error_set(p->err, NULL, 1, col, "column %d: unterminated string, no closing %c", col, quote);
        }
        out->is_var = false;
        out->str = arena_strndup(p->arena, p->s + start + 1, p->i - start - 1);
        p->i++;
        return 0;
    }
    while (is_word(peek(p, 0))) p->i++;
    if (p->i == start) return parser_error(p, "expected a marker variable or a quoted string");
    int var = pep508_var_lookup(p->s + start, p->i - start);
    if (var < 0) {
        int col = col_at(start);
        return error_set(p->err, NULL, 1, col, "column %d: unknown marker variable '%.*s'", col,
                         (int)(p->i - start), p->s + start);
    }
    out->is_var = true;
    out->var = (Pep508Var)var;
    return 0;
}

/* marker_op = version_cmp | wsp* 'in' | wsp* 'not' wsp+ 'in' */
static int marker_op(Parser *p, Pep508MarkerOp *op)
{
    static const struct { const char *text; Pep508MarkerOp op; } ops[] = {
        {"===", PEP508_MOP_ARBITRARY}, {"==", PEP508_MOP_EQ}, {"!=", PEP508_MOP_NE}, {"<=", PEP508_MOP_LE},
        {">=", PEP508_MOP_GE}, {"~=", PEP508_MOP_COMPATIBLE}, {"<", PEP508_MOP_LT}, {">", PEP508_MOP_GT},
    };
    skip_wsp(p);
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        size_t n = strlen(ops[k].text);
        if (p->i + n <= p->len && memcmp(p->s + p->i, ops[k].text, n) == 0) {
            p->i += n;
            *op = ops[k].op;
            return 0;
        }
    }
    if (take_keyword(p, "in")) {
        *op = PEP508_MOP_IN;
        return 0;
    }
    size_t save = p->i;
    if (take_keyword(p, "not") && is_wsp(peek(p, 0))) {
        skip_wsp(p);
        if (take_keyword(p, "in")) {
            *op = PEP508_MOP_NOT_IN;
            return 0;
        }
        return parser_error(p, "expected 'in' after 'not'");
    }
    p->i = save;
    return parser_error(p, "expected a marker operator (<, <=, ==, !=, >=, >, ~=, ===, in, not in)");
}

/* marker_expr = marker_var marker_op marker_var | wsp* '(' marker wsp* ')' */
static Pep508Marker *marker_expr(Parser *p)
{
    skip_wsp(p);
    size_t start = p->i;
    if (peek(p, 0) == '(') {
        if (p->depth >= PEP508_MARKER_DEPTH_MAX) {
            parser_error(p, "markers nested too deeply (krait's limit is 64 parentheses)");
            return NULL;
        }
        p->i++;
        p->depth++;
        Pep508Marker *inner = marker_or(p);
        p->depth--;
        if (!inner) return NULL;
        skip_wsp(p);
        if (peek(p, 0) != ')') {
            char what[80];
            snprintf(what, sizeof what, "expected ')' to close '(' at column %d", col_at(start));
            parser_error(p, what);
            return NULL;
        }
        p->i++;
        return inner;
    }
    Pep508Marker *m = new_node(p, PEP508_MARKER_COMPARE, start);
    if (marker_var(p, &m->lhs) < 0 || marker_op(p, &m->op) < 0 || marker_var(p, &m->rhs) < 0) return NULL;
    return m;
}

/* marker_and = marker_expr (wsp* 'and' marker_expr)*
 * marker_or  = marker_and (wsp* 'or' marker_and)* */
static Pep508Marker *marker_chain(Parser *p, bool is_or)
{
    size_t start = p->i;
    Pep508Marker *left = is_or ? marker_chain(p, false) : marker_expr(p);
    while (left) {
        size_t save = p->i;
        skip_wsp(p);
        if (!take_keyword(p, is_or ? "or" : "and")) {
            p->i = save;
            break;
        }
        Pep508Marker *right = is_or ? marker_chain(p, false) : marker_expr(p);
        if (!right) return NULL;
        Pep508Marker *node = new_node(p, is_or ? PEP508_MARKER_OR : PEP508_MARKER_AND, start);
        node->left = left;
        node->right = right;
        left = node;
    }
    return left;
}

static Pep508Marker *marker_or(Parser *p) { return marker_chain(p, true); }

int pep508_marker_parse(const char *text, size_t len, Arena *arena, Pep508Marker **out, KraitError *err)
{
    Parser p = {text, len, 0, arena, err, 0};
    *out = marker_or(&p);
    if (!*out) return -1;
    skip_wsp(&p);
    if (p.i != p.len) return parser_error(&p, "expected 'and', 'or' or the end of the marker");
    return 0;
}

/* ---- requirements -------------------------------------------------------- */

/* extras = '[' wsp* extras_list? wsp* ']'
 * extras_list = identifier (wsp* ',' wsp* identifier)* */
static int parse_extras(Parser *p, Pep508Requirement *req)
{
    size_t open = p->i++;
    size_t cap = 1;
    for (size_t k = p->i; k < p->len && p->s[k] != ']'; k++) cap += p->s[k] == ',';
    req->extras = ARENA_ARRAY(p->arena, const char *, cap);
    skip_wsp(p);
    while (peek(p, 0) != ']') {
        if (req->n_extras) {
            if (peek(p, 0) != ',') {
                char what[80];
                snprintf(what, sizeof what, "expected ',' or ']' to close '[' at column %d", col_at(open));
                return parser_error(p, what);
            }
            p->i++;
            skip_wsp(p);
        }
        size_t start = p->i;
        if (!take_identifier(p)) return parser_error(p, "expected an extra name");
        req->extras[req->n_extras++] = arena_strndup(p->arena, p->s + start, p->i - start);
        skip_wsp(p);
    }
    p->i++;
    return 0;
}

/* urlspec = '@' wsp* URI_reference; the URI runs to the next space and
 * must start with a scheme ("https:", "git+ssh:", "file:"). */
static int parse_url(Parser *p, Pep508Requirement *req)
{
    p->i++;
    skip_wsp(p);
    size_t start = p->i;
    while (peek(p, 0) >= 0 && !is_wsp(peek(p, 0))) p->i++;
    if (p->i == start) return parser_error(p, "expected a URL after '@'");
    size_t k = start;
    if (is_alpha((unsigned char)p->s[k]))
        while (k < p->i && (is_alnum((unsigned char)p->s[k]) || p->s[k] == '+' || p->s[k] == '-' || p->s[k] == '.')) k++;
    if (k == start || k >= p->i || p->s[k] != ':')
        return parser_error_at(p, start, "expected a URL with a scheme (such as https://)");
    req->url = arena_strndup(p->arena, p->s + start, p->i - start);
    return 0;
}

/* versionspec = '(' version_many ')' | version_many */
static int parse_versionspec(Parser *p, Pep508Requirement *req)
{
    size_t open = p->i;
    bool paren = peek(p, 0) == '(';
    if (paren) p->i++;
    size_t start = p->i;
    while (peek(p, 0) >= 0 && peek(p, 0) != ';' && !(paren && peek(p, 0) == ')')) p->i++;
    if (paren && peek(p, 0) != ')') {
        char what[80];
        snprintf(what, sizeof what, "expected ')' to close '(' at column %d", col_at(open));
        return parser_error(p, what);
    }
    if (pep440_specset_parse_at(p->s + start, p->i - start, start, false, p->arena, &req->specifiers, p->err) < 0)
        return -1;
    if (paren) p->i++;
    return 0;
}

/* specification = wsp* (url_req | name_req) wsp*
 * name_req = name wsp* extras? wsp* versionspec? wsp* quoted_marker?
 * url_req  = name wsp* extras? wsp* urlspec wsp+ quoted_marker? */
int pep508_parse(const char *text, size_t len, Arena *arena, Pep508Requirement *out, KraitError *err)
{
    Parser p = {text, len, 0, arena, err, 0};
    memset(out, 0, sizeof *out);
    out->specifiers.specs = NULL;
    skip_wsp(&p);
    size_t start = p.i;
    if (!take_identifier(&p)) return parser_error(&p, "expected a package name");
    out->name = arena_strndup(arena, text + start, p.i - start);
    char *norm = arena_alloc(arena, p.i - start + 1);
    pkgname_normalize(text + start, p.i - start, norm, p.i - start + 1);
    out->normalized = norm;
    skip_wsp(&p);
    if (peek(&p, 0) == '[' && parse_extras(&p, out) < 0) return -1;
    skip_wsp(&p);
    int ch = peek(&p, 0);
    if (ch == '@') {
        /* The URL runs to the next space, so "url;marker" is all URL (as
         * in packaging) and a marker always follows a space. */
        if (parse_url(&p, out) < 0) return -1;
    } else if (ch == '(' || ch == '<' || ch == '>' || ch == '=' || ch == '!' || ch == '~') {
        if (parse_versionspec(&p, out) < 0) return -1;
    }
    skip_wsp(&p);
    if (peek(&p, 0) == ';') {
        p.i++;
        out->marker = marker_or(&p);
        if (!out->marker) return -1;
        skip_wsp(&p);
        if (p.i != p.len) return parser_error(&p, "expected 'and', 'or' or the end of the marker");
    }
    if (p.i != p.len) {
        if (out->url) return parser_error(&p, "expected ';' or the end after the URL");
        return parser_error(&p, "expected a version specifier, '@ url', '; marker' or the end");
    }
    return 0;
}

/* ---- evaluation ---------------------------------------------------------- */

static Pep440Op version_op(Pep508MarkerOp op)
{
    switch (op) {
    case PEP508_MOP_LT: return PEP440_OP_LT;
    case PEP508_MOP_LE: return PEP440_OP_LE;
    case PEP508_MOP_NE: return PEP440_OP_NE;
    case PEP508_MOP_GE: return PEP440_OP_GE;
    case PEP508_MOP_GT: return PEP440_OP_GT;
    case PEP508_MOP_COMPATIBLE: return PEP440_OP_COMPATIBLE;
    case PEP508_MOP_ARBITRARY: return PEP440_OP_ARBITRARY;
    default: return PEP440_OP_EQ;
    }
}

/* PEP 440 when "<op><rhs>" is a specifier and lhs a version: 1/0;
 * -1 when the comparison is not a version comparison. */
static int compare_versions(Pep508MarkerOp op, const char *lhs, const char *rhs)
{
    char spec_text[256];
    int n = snprintf(spec_text, sizeof spec_text, "%s%s", pep440_op_string(version_op(op)), rhs);
    if (n < 0 || (size_t)n >= sizeof spec_text) return -1;
    Pep440Version v;
    KraitError ignored;
    if (pep440_parse(lhs, strlen(lhs), &v, &ignored) < 0) return -1;
    Pep440Spec spec;   /* borrows spec_text: no allocation per comparison */
    if (pep440_spec_parse(spec_text, (size_t)n, NULL, &spec, &ignored) < 0) return -1;
    return pep440_spec_matches(&spec, &v, lhs, strlen(lhs));
}

static bool equal_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        int x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z') x += 'a' - 'A';
        if (y >= 'A' && y <= 'Z') y += 'a' - 'A';
        if (x != y) return false;
    }
    return *a == *b;
}

static int compare_values(const Pep508Marker *m, const char *lhs, const char *rhs, bool *out, KraitError *err)
{
    switch (m->op) {
    case PEP508_MOP_IN: *out = strstr(rhs, lhs) != NULL; return 0;
    case PEP508_MOP_NOT_IN: *out = strstr(rhs, lhs) == NULL; return 0;
    case PEP508_MOP_ARBITRARY: *out = equal_nocase(lhs, rhs); return 0;
    default: break;
    }
    int r = compare_versions(m->op, lhs, rhs);
    if (r >= 0) {
        *out = r;
        return 0;
    }
    int c = strcmp(lhs, rhs);
    switch (m->op) {
    case PEP508_MOP_LT: *out = c < 0; return 0;
    case PEP508_MOP_LE: *out = c <= 0; return 0;
    case PEP508_MOP_EQ: *out = c == 0; return 0;
    case PEP508_MOP_NE: *out = c != 0; return 0;
    case PEP508_MOP_GE: *out = c >= 0; return 0;
    case PEP508_MOP_GT: *out = c > 0; return 0;
    default:
        return error_set(err, NULL, 1, m->col, "column %d: '~=' needs PEP 440 versions on both sides, not '%.80s' and '%.80s'",
                         m->col, lhs, rhs);
    }
}

static const char *operand_value(const Pep508Operand *o, const Pep508Env *env, const char *extra)
{
    if (!o->is_var) return o->str;
    if (o->var == PEP508_VAR_EXTRA) return extra;
    return env->value[o->var] ? env->value[o->var] : "";
}

static int evaluate(const Pep508Marker *m, const Pep508Env *env, const char *extra, bool *out, KraitError *err)
{
    if (m->kind != PEP508_MARKER_COMPARE) {
        bool l, r;
        /* Both sides always: an undefined comparison is an error wherever it is. */
        if (evaluate(m->left, env, extra, &l, err) < 0 || evaluate(m->right, env, extra, &r, err) < 0) return -1;
        *out = m->kind == PEP508_MARKER_AND ? (l && r) : (l || r);
        return 0;
    }
    const char *lhs = operand_value(&m->lhs, env, extra);
    const char *rhs = operand_value(&m->rhs, env, extra);
    bool is_extra = (m->lhs.is_var && m->lhs.var == PEP508_VAR_EXTRA) || (m->rhs.is_var && m->rhs.var == PEP508_VAR_EXTRA);
    char nl[256], nr[256];
    /* PEP 685: extras compare in their normalised form. */
    if (is_extra && pkgname_normalize(lhs, strlen(lhs), nl, sizeof nl) >= 0 &&
        pkgname_normalize(rhs, strlen(rhs), nr, sizeof nr) >= 0) {
        lhs = nl;
        rhs = nr;
    }
    return compare_values(m, lhs, rhs, out, err);
}

int pep508_marker_evaluate(const Pep508Marker *marker, const Pep508Env *env, bool *out, KraitError *err)
{
    *out = false;
    if (env->n_extras == 0) return evaluate(marker, env, "", out, err);
    for (size_t k = 0; k < env->n_extras; k++) {
        bool r;
        if (evaluate(marker, env, env->extras[k], &r, err) < 0) return -1;
        if (r) {
            *out = true;
            return 0;
        }
    }
    return 0;
}

int pep508_requirement_applies(const Pep508Requirement *req, const Pep508Env *env, bool *out, KraitError *err)
{
    if (!req->marker) {
        *out = true;
        return 0;
    }
    return pep508_marker_evaluate(req->marker, env, out, err);
}

/* ---- formatting ---------------------------------------------------------- */

typedef struct Out {
    char *buf;
    size_t size;
    size_t len;
} Out;

static void out_puts(Out *o, const char *s)
{
    for (; *s; s++, o->len++)
        if (o->len + 1 < o->size) o->buf[o->len] = *s;
}

static void format_operand(const Pep508Operand *operand, Out *o)
{
    if (operand->is_var) {
        out_puts(o, var_names[operand->var]);
        return;
    }
    const char *quote = strchr(operand->str, '"') ? "'" : "\"";
    out_puts(o, quote);
    out_puts(o, operand->str);
    out_puts(o, quote);
}

static void format_marker(const Pep508Marker *m, Out *o)
{
    static const char *const ops[] = {"<", "<=", "==", "!=", ">=", ">", "~=", "===", "in", "not in"};
    if (m->kind == PEP508_MARKER_COMPARE) {
        format_operand(&m->lhs, o);
        out_puts(o, " ");
        out_puts(o, ops[m->op]);
        out_puts(o, " ");
        format_operand(&m->rhs, o);
        return;
    }
    const Pep508Marker *side[2] = {m->left, m->right};
    for (int k = 0; k < 2; k++) {
        /* "or" binds looser than "and": only an or under an and needs parentheses. */
        bool paren = m->kind == PEP508_MARKER_AND && side[k]->kind == PEP508_MARKER_OR;
        if (k) out_puts(o, m->kind == PEP508_MARKER_AND ? " and " : " or ");
        if (paren) out_puts(o, "(");
        format_marker(side[k], o);
        if (paren) out_puts(o, ")");
    }
}

int pep508_marker_format(const Pep508Marker *marker, char *out, size_t size)
{
    Out o = {out, size, 0};
    format_marker(marker, &o);
    if (size) out[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
}
