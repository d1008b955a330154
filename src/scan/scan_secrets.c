/* scan_secrets.c - see scan_secrets.h. One AST walk finds every str
 * Constant with the name it is bound to (assignment target, keyword, dict
 * key, the variable name of os.getenv/environ.get); its position is the first
 * character of the value, found by skipping the literal's prefix and quotes
 * in the source. */
#include "scan/scan_secrets.h"
#include "python/visit.h"
#include "rules/registry.h"

#include <string.h>

typedef struct Pass {
    const SecretScanner *scanner;
    SecretWorkspace *ws;
    const ParseResult *pr;
    const char *path;
    FindingList *out;
    Arena *arena;
    const AstNode *literal;    /* the string being scanned, NULL for comments and text */
    uint32_t *line_starts;     /* byte offset of each line, built on the first finding */
    uint32_t n_lines;
} Pass;

static int value_column_delta(Pass *p, const AstNode *n);

static void on_secret(void *user, const SecretFinding *sf)
{
    Pass *p = user;
    const SecretDetectorInfo *info = secrets_detector_info(sf->detector);
    const RuleInfo *rule = registry_find(info->id);
    if (!rule) return;
    char msg[512];
    snprintf(msg, sizeof msg, "%s: %s", info->description, sf->redacted);
    /* literals are scanned with the literal's own column; the value starts
     * after its prefix and quotes (worked out only now: findings are rare) */
    int col = sf->col + (p->literal && sf->line == (int)p->literal->lineno ? value_column_delta(p, p->literal) : 0);
    Finding *f = finding_list_add(p->out, rule, p->path, (uint32_t)sf->line, (uint32_t)col, msg);
    f->end_line = (uint32_t)sf->end_line;
    f->end_col = (uint32_t)sf->end_col;
    f->confidence = (uint8_t)(sf->confidence + 1);   /* SecretLevel LOW.. maps onto CONF_LOW.. */
    finding_add_property(f, "redacted", sf->redacted);
}

static AstStr str_value(const AstNode *n)
{
    AstStr none = {NULL, 0};
    if (!n || n->kind != AST_Constant) return none;
    const AstConstant *c = AST_AS(Constant, n);
    return c->value.kind == CONST_STR ? c->value.text : none;
}

/* The name a string literal is bound to, or {NULL, 0}. */
static AstStr bound_name(const AstNode *node, const AstNode *parent)
{
    AstStr none = {NULL, 0};
    if (!parent) return none;
    const AstNode *target = NULL;
    switch (parent->kind) {
    case AST_Assign: {
        const AstAssign *a = AST_AS(Assign, parent);
        if (a->value == node && a->targets.len) target = a->targets.items[0];
        break;
    }
    case AST_AnnAssign: {
        const AstAnnAssign *a = AST_AS(AnnAssign, parent);
        if (a->value == node) target = a->target;
        break;
    }
    case AST_keyword:
        return AST_AS(keyword, parent)->arg;
    case AST_Dict: {
        const AstDict *d = AST_AS(Dict, parent);
        for (uint32_t i = 0; i < d->values.len; i++)
            if (d->values.items[i] == node) return str_value(d->keys.items[i]);
        return none;
    }
    case AST_Call: {
        /* os.getenv("PASSWORD", "default") and os.environ.get(...) */
        const AstCall *c = AST_AS(Call, parent);
        if (c->args.len == 2 && c->args.items[1] == node && c->func->kind == AST_Attribute) {
            AstStr attr = AST_AS(Attribute, c->func)->attr;
            if ((attr.len == 6 && memcmp(attr.s, "getenv", 6) == 0) || (attr.len == 3 && memcmp(attr.s, "get", 3) == 0))
                return str_value(c->args.items[0]);
        }
        return none;
    }
    default:
        return none;
    }
    if (!target) return none;
    if (target->kind == AST_Name) return AST_AS(Name, target)->id;
    if (target->kind == AST_Attribute) return AST_AS(Attribute, target)->attr;
    if (target->kind == AST_Subscript) return str_value(AST_AS(Subscript, target)->slice);
    return none;
}

static void build_line_starts(Pass *p)
{
    const char *src = p->pr->source, *end = src + p->pr->source_len;
    uint32_t cap = 64;
    p->line_starts = ARENA_ARRAY(p->arena, uint32_t, cap);
    p->line_starts[p->n_lines++] = 0;
    for (const char *q = src; q < end && (q = memchr(q, '\n', (size_t)(end - q))); q++) {
        if (p->n_lines == cap) {
            p->line_starts = arena_realloc(p->arena, p->line_starts, cap * sizeof *p->line_starts,
                                           cap * 2 * sizeof *p->line_starts);
            cap *= 2;
        }
        p->line_starts[p->n_lines++] = (uint32_t)(q + 1 - src);
    }
}

/* How far the value's first character is from the literal's: its prefix
 * letters and opening quotes. */
static int value_column_delta(Pass *p, const AstNode *n)
{
    if (!p->line_starts) build_line_starts(p);
    if (n->lineno == 0 || n->lineno > p->n_lines) return 0;
    size_t at = p->line_starts[n->lineno - 1] + n->col_offset;
    const char *s = p->pr->source;
    size_t i = at, len = p->pr->source_len;
    while (i < len && s[i] && strchr("rRbBuUfF", s[i])) i++;
    if (i >= len || (s[i] != '"' && s[i] != '\'')) return 0;
    char q = s[i];
    i += (i + 2 < len && s[i + 1] == q && s[i + 2] == q) ? 3 : 1;
    return (int)(i - at);
}

static int enter(const AstNode *node, const AstNode *parent, void *ctx)
{
    Pass *p = ctx;
    AstStr value = str_value(node);
    if (!value.s || value.len < 8) return VISIT_CONTINUE;   /* no detector matches anything shorter */
    AstStr name = bound_name(node, parent);
    SecretContext sc = {SECRET_SPAN_STRING, name.s, name.len};
    p->literal = node;
    secrets_scan_span(p->scanner, p->ws, value.s, value.len, (int)node->lineno, (int)node->col_offset + 1, &sc,
                      on_secret, p);
    p->literal = NULL;
    return VISIT_CONTINUE;
}

void scan_secrets_python(const SecretScanner *scanner, SecretWorkspace *ws, const ParseResult *pr, const char *path,
                         Arena *arena, FindingList *out)
{
    Pass p = {scanner, ws, pr, path, out, arena, NULL, NULL, 0};
    ast_visit(pr->module, enter, NULL, &p);
    for (uint32_t i = 0; i < pr->ncomments; i++) {
        const LexerComment *c = &pr->comments[i];
        SecretContext sc = {SECRET_SPAN_COMMENT, NULL, 0};
        secrets_scan_span(scanner, ws, pr->source + c->start, c->end - c->start, (int)c->lineno, (int)c->col + 1, &sc,
                          on_secret, &p);
    }
}

bool scan_secrets_wants(const char *path)
{
    SecretFileKind kind = secrets_file_kind(path);
    /* Python files go through the parser: literals and comments only */
    return kind != SECRET_FILE_OTHER && kind != SECRET_FILE_LOCK && kind != SECRET_FILE_PYTHON;
}

void scan_secrets_text(const SecretScanner *scanner, SecretWorkspace *ws, const char *path, const char *data,
                       size_t len, FindingList *out)
{
    Pass p = {scanner, ws, NULL, path, out, NULL, NULL, NULL, 0};
    int n = 0;
    (void)secrets_scan_text_file(scanner, ws, path, data, len, on_secret, &p, &n);
}

void scan_secrets_unparsed_python(const SecretScanner *scanner, SecretWorkspace *ws, const char *path,
                                  const char *data, size_t len, FindingList *out)
{
    Pass p = {scanner, ws, NULL, path, out, NULL, NULL, NULL, 0};
    int n = 0;
    (void)secrets_scan_text_as(scanner, ws, SECRET_FILE_PYTHON, data, len, on_secret, &p, &n);
}
