/* suppress.c - see suppress.h. A comment may hold several directives, each
 * starting right after a '#': `# noqa: E501  # nosec B602` is both. Bandit
 * lets free text follow `nosec` (`# nosec - reviewed`, `# nosec(alice)`), so
 * only words shaped like ids or test names count as ids there; a `nosec`
 * followed by prose alone stays a blanket suppression, as in Bandit. */
#include "scan/suppress.h"
#include "python/visit.h"
#include "rules/registry.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

enum { SUPPRESS_MAX_IDS = 64 };

typedef struct IdBuf {
    const char *text[SUPPRESS_MAX_IDS];
    size_t len[SUPPRESS_MAX_IDS];
    size_t n;
} IdBuf;

static bool is_word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-';
}

static bool starts_word(const char *p, const char *end, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(end - p) < n || strncasecmp(p, word, n) != 0) return false;
    return p + n == end || !is_word_char(p[n]);
}

static const char *skip_spaces(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    return p;
}

/* An id like B602, S602, DEP001, E999: letters then digits. */
static bool looks_like_code(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && isalpha((unsigned char)s[i])) i++;
    if (i == 0 || i == n) return false;
    while (i < n && isdigit((unsigned char)s[i])) i++;
    return i == n;
}

/* A Bandit test name like subprocess_popen_with_shell_equals_true. */
static bool looks_like_test_name(const char *s, size_t n)
{
    if (!memchr(s, '_', n)) return false;
    for (size_t i = 0; i < n; i++)
        if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) && s[i] != '_') return false;
    return true;
}

static void id_add(IdBuf *ids, const char *s, size_t n)
{
    if (ids->n == SUPPRESS_MAX_IDS) return;   /* more ids than any real comment names */
    ids->text[ids->n] = s;
    ids->len[ids->n++] = n;
}

/* After `nosec`: an optional ':', then ids separated by commas or spaces,
 * up to the next '#'. Words that are neither ids nor test names are prose. */
static const char *parse_nosec(const char *p, const char *end, IdBuf *ids, bool *all)
{
    if (p < end && *p == ':') p++;
    size_t before = ids->n;
    while (p < end && *p != '#') {
        while (p < end && (*p == ',' || *p == ' ' || *p == '\t')) p++;
        const char *w = p;
        while (p < end && *p != ',' && *p != ' ' && *p != '\t' && *p != '#') p++;
        size_t n = (size_t)(p - w);
        if (n && (looks_like_code(w, n) || looks_like_test_name(w, n))) id_add(ids, w, n);
    }
    if (ids->n == before) *all = true;
    return p;
}

/* After `noqa`: an optional ':' and codes separated by commas or spaces;
 * the first word that is not a code ends the list (Ruff's rule). */
static const char *parse_noqa(const char *p, const char *end, IdBuf *ids, bool *all)
{
    if (p < end && *p == ':') p++;
    size_t before = ids->n;
    for (;;) {
        const char *q = p;
        while (q < end && (*q == ',' || *q == ' ' || *q == '\t')) q++;
        const char *w = q;
        while (q < end && isalnum((unsigned char)*q)) q++;
        if (q == w || !looks_like_code(w, (size_t)(q - w))) break;
        id_add(ids, w, (size_t)(q - w));
        p = q;
    }
    if (ids->n == before) *all = true;
    return p;
}

/* After `krait`: `: ignore` or `: ignore[ID, ...]`; anything else is an
 * error, since a mistyped directive would otherwise suppress nothing
 * without a word. */
static int parse_krait(const char *start, const char *p, const char *end, IdBuf *ids, bool *all, const char **next,
                       KraitError *err)
{
    p = skip_spaces(p, end);
    if (p == end || *p != ':') {
        *next = p;
        return 0;   /* prose that mentions krait */
    }
    p = skip_spaces(p + 1, end);
    if (!starts_word(p, end, "ignore"))
        return error_set(err, NULL, 1, (int)(p - start) + 1,
                         "unknown krait directive (write '# krait: ignore' or '# krait: ignore[ID,...]')");
    p += 6;
    if (p == end || *p != '[') {
        *all = true;
        *next = p;
        return 0;
    }
    const char *open = p++;
    size_t before = ids->n;
    while (p < end && *p != ']') {
        while (p < end && (*p == ',' || *p == ' ' || *p == '\t')) p++;
        const char *w = p;
        while (p < end && is_word_char(*p)) p++;
        if (p == w && p < end && *p != ']')
            return error_set(err, NULL, 1, (int)(p - start) + 1, "unexpected '%c' in the rule list of krait: ignore",
                             *p);
        if (p > w) id_add(ids, w, (size_t)(p - w));
    }
    if (p == end) return error_set(err, NULL, 1, (int)(open - start) + 1, "'[' of krait: ignore is never closed");
    if (ids->n == before)
        return error_set(err, NULL, 1, (int)(open - start) + 1, "krait: ignore[] names no rule (leave out the brackets to ignore every rule)");
    *next = p + 1;
    return 0;
}

static void fold_name(char *out, size_t size, const char *s)
{
    size_t i = 0;
    for (; s[i] && i + 1 < size; i++) out[i] = s[i] == '_' ? '-' : (char)tolower((unsigned char)s[i]);
    out[i] = '\0';
}

bool suppress_id_names(const char *id, const RuleInfo *rule)
{
    if (registry_find(id) == rule) return true;
    char a[128], b[128];
    fold_name(a, sizeof a, id);
    fold_name(b, sizeof b, rule->name);
    return strcmp(a, b) == 0;
}

static const RuleInfo *resolve_id(const char *id)
{
    const RuleInfo *r = registry_find(id);
    if (r) return r;
    size_t n;
    const RuleInfo *all = registry_all(&n);
    for (size_t i = 0; i < n; i++)
        if (suppress_id_names(id, &all[i])) return &all[i];
    return NULL;
}

int suppress_parse_comment(Arena *arena, const char *text, size_t len, Suppression *out, KraitError *err)
{
    memset(out, 0, sizeof *out);
    const char *end = text + len;
    IdBuf ids = {.n = 0};
    for (const char *p = memchr(text, '#', len); p; p = p < end ? memchr(p, '#', (size_t)(end - p)) : NULL) {
        const char *q = skip_spaces(p + 1, end);
        p = q;
        if (starts_word(q, end, "nosec") || (q + 6 <= end && strncasecmp(q, "nosec(", 6) == 0)) {
            out->styles |= SUPPRESS_NOSEC;
            p = parse_nosec(q + 5, end, &ids, &out->all);
        } else if (starts_word(q, end, "noqa")) {
            out->styles |= SUPPRESS_NOQA;
            p = parse_noqa(q + 4, end, &ids, &out->all);
        } else if (starts_word(q, end, "krait")) {
            bool all = false;
            if (parse_krait(text, q + 5, end, &ids, &all, &p, err) < 0) return -1;
            if (all || ids.n) out->styles |= SUPPRESS_KRAIT;
            out->all |= all;
        }
    }
    if (!out->styles) return 0;
    out->ids = ids.n ? ARENA_ARRAY(arena, SuppressId, ids.n) : NULL;
    for (size_t i = 0; i < ids.n; i++) {
        bool dup = false;
        char *s = arena_strndup(arena, ids.text[i], ids.len[i]);
        for (size_t k = 0; k < out->n_ids && !dup; k++) dup = strcasecmp(out->ids[k].text, s) == 0;
        if (dup) continue;
        out->ids[out->n_ids++] = (SuppressId){s, resolve_id(s), false};
    }
    return 1;
}

/* ---- applying them to a file's findings ---------------------------------- */

typedef struct FileSuppressions {
    Suppression **by_line;     /* [line]: the comment's suppression, or NULL */
    uint32_t *first_line;      /* [line]: first line of the innermost statement, or 0 */
    uint32_t n_lines;          /* both arrays hold n_lines + 1 entries */
} FileSuppressions;

static int map_statement(const AstNode *node, const AstNode *parent, void *ctx)
{
    (void)parent;
    FileSuppressions *fs = ctx;
    if (ast_kind_info[node->kind].category != AST_CAT_stmt) return VISIT_CONTINUE;
    /* Pre-order: an inner statement overwrites the lines of the outer one,
     * so a `def` line's comment does not cover the whole body. */
    for (uint32_t l = node->lineno; l <= node->end_lineno && l <= fs->n_lines; l++) fs->first_line[l] = node->lineno;
    return VISIT_CONTINUE;
}

/* Marks the suppression that covers f used; false when none does. */
static bool suppress_one(Suppression *s, const Finding *f)
{
    if (!s) return false;
    for (size_t i = 0; i < s->n_ids; i++)
        if (s->ids[i].rule == f->rule) {
            s->ids[i].used = true;
            return true;
        }
    if (!s->all) return false;
    s->used = true;
    return true;
}

static bool keep_unsuppressed(const Finding *f, void *ctx)
{
    FileSuppressions *fs = ctx;
    if (f->line == 0 || f->line > fs->n_lines) return true;
    if (suppress_one(fs->by_line[f->line], f)) return false;
    uint32_t first = fs->first_line[f->line];
    return !(first && first != f->line && suppress_one(fs->by_line[first], f));
}

static void line_text(const ParseResult *pr, uint32_t line, const char **text, size_t *len)
{
    const char *p = pr->source, *end = pr->source + pr->source_len;
    for (uint32_t l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *text = p;
    *len = (size_t)((nl ? nl : end) - p);
    if (*len && p[*len - 1] == '\r') (*len)--;
}

static void report_unused_one(const ParseResult *pr, const char *path, FindingList *findings, const Suppression *s,
                              const char *msg)
{
    const RuleInfo *kr = registry_find("KR001");
    Finding *f = finding_list_add(findings, kr, path, s->line, s->col, msg);
    const char *text;
    size_t len;
    line_text(pr, s->line, &text, &len);
    finding_set_snippet(f, text, len);
}

static void report_unused(const ParseResult *pr, const char *path, FindingList *findings, const Suppression *s)
{
    char msg[256];
    /* `# noqa: KR001` (or Ruff's RUF100) keeps a comment on purpose */
    const RuleInfo *kr = registry_find("KR001");
    for (size_t i = 0; i < s->n_ids; i++)
        if (s->ids[i].rule == kr) return;
    /* A bare `# noqa` is shared with flake8 and Ruff: that it suppresses no
     * krait finding says nothing about whether it is needed. */
    bool blanket_is_krait = s->styles != SUPPRESS_NOQA;
    if (s->all && !s->used && blanket_is_krait) {
        report_unused_one(pr, path, findings, s, "this suppression comment suppresses nothing");
    }
    for (size_t i = 0; i < s->n_ids; i++) {
        const SuppressId *id = &s->ids[i];
        if (id->used) continue;
        if (!id->rule) {
            if (s->styles == SUPPRESS_NOQA) continue;   /* another linter's code (E501) */
            snprintf(msg, sizeof msg, "'%.60s' in this suppression comment is not a krait rule (see krait rules)",
                     id->text);
        } else {
            snprintf(msg, sizeof msg, "'%.60s' in this suppression comment suppresses nothing (no %s finding here)",
                     id->text, id->rule->id);
        }
        report_unused_one(pr, path, findings, s, msg);
    }
}

static uint32_t count_lines(const ParseResult *pr)
{
    uint32_t n = 1;
    for (const char *p = pr->source, *end = p + pr->source_len; (p = memchr(p, '\n', (size_t)(end - p))); p++) n++;
    return n;
}

void suppress_apply(Arena *arena, const ParseResult *pr, const char *path, FindingList *findings, bool report_unused_on,
                    SuppressWarnFn warn, void *ctx, SuppressResult *res)
{
    memset(res, 0, sizeof *res);
    if (pr->ncomments == 0) return;
    Suppression *list = ARENA_ARRAY(arena, Suppression, pr->ncomments);
    size_t n = 0;
    for (uint32_t i = 0; i < pr->ncomments; i++) {
        const LexerComment *c = &pr->comments[i];
        KraitError err;
        int rc = suppress_parse_comment(arena, pr->source + c->start, c->end - c->start, &list[n], &err);
        if (rc < 0) {
            res->malformed++;
            KraitError w;
            error_set(&w, path, (int)c->lineno, (int)c->col + err.col, "%s", err.message);
            if (warn) warn(&w, ctx);
            continue;
        }
        if (rc == 0) continue;
        list[n].line = c->lineno;
        list[n].col = c->col + 1;
        n++;
    }
    if (n == 0) return;   /* most files: comments, but no suppression */
    FileSuppressions fs;
    fs.n_lines = count_lines(pr);
    fs.by_line = arena_alloc_zero(arena, (fs.n_lines + 1) * sizeof *fs.by_line);
    for (size_t i = 0; i < n; i++)
        if (list[i].line <= fs.n_lines) fs.by_line[list[i].line] = &list[i];
    fs.first_line = arena_alloc_zero(arena, (fs.n_lines + 1) * sizeof *fs.first_line);
    ast_visit(pr->module, map_statement, NULL, &fs);
    size_t before = findings->n;
    finding_list_retain(findings, keep_unsuppressed, &fs);
    res->suppressed = (unsigned)(before - findings->n);
    if (!report_unused_on) return;
    for (size_t i = 0; i < n; i++) report_unused(pr, path, findings, &list[i]);
}
