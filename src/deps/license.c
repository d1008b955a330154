/* license.c - SPDX ids, expressions, categories, metadata resolution and
 * licence policy; see license.h and docs/licenses.md. All tables here are
 * static const; parsed expressions live in the caller's arena. */
#include "deps/license.h"

#include "deps/pkgname.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "deps/spdx_ids.inc"


/* ---- SPDX ids ------------------------------------------------------- */

/* Case-insensitive comparison of s[0..len) with the NUL-terminated id. */
static int id_compare(const char *s, size_t len, const char *id)
{
    int c = strncasecmp(s, id, len);
    if (c != 0) return c;
    return id[len] == '\0' ? 0 : -1;
}

static const SpdxId *spdx_search(const SpdxId *table, size_t count, const char *id, size_t len)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = id_compare(id, len, table[mid].id);
        if (c == 0) return &table[mid];
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return NULL;
}

const SpdxId *spdx_license_find(const char *id, size_t len)
{
    return spdx_search(spdx_licenses, sizeof spdx_licenses / sizeof spdx_licenses[0], id, len);
}

const SpdxId *spdx_exception_find(const char *id, size_t len)
{
    return spdx_search(spdx_exceptions, sizeof spdx_exceptions / sizeof spdx_exceptions[0], id, len);
}

size_t spdx_license_count(void)
{
    return sizeof spdx_licenses / sizeof spdx_licenses[0];
}

size_t spdx_exception_count(void)
{
    return sizeof spdx_exceptions / sizeof spdx_exceptions[0];
}

/* ---- categories ----------------------------------------------------- */

static const char *const category_names[] = {
    [LICENSE_CAT_UNKNOWN] = "unknown",
    [LICENSE_CAT_PUBLIC_DOMAIN] = "public-domain",
    [LICENSE_CAT_PERMISSIVE] = "permissive",
    [LICENSE_CAT_WEAK_COPYLEFT] = "weak-copyleft",
    [LICENSE_CAT_STRONG_COPYLEFT] = "strong-copyleft",
    [LICENSE_CAT_NETWORK_COPYLEFT] = "network-copyleft",
    [LICENSE_CAT_PROPRIETARY] = "proprietary",
};
_Static_assert(sizeof category_names / sizeof category_names[0] == LICENSE_CAT_PROPRIETARY + 1,
               "one name per category");

const char *license_category_name(LicenseCategory cat)
{
    return (unsigned)cat <= LICENSE_CAT_PROPRIETARY ? category_names[cat] : "?";
}

int license_category_parse(const char *name, LicenseCategory *out)
{
    for (size_t i = 0; i < sizeof category_names / sizeof category_names[0]; i++) {
        const char *want = category_names[i];
        size_t k = 0;
        for (; name[k] && want[k]; k++) {
            char c = (char)tolower((unsigned char)name[k]);
            if (c == '_' || c == ' ') c = '-';
            if (c != want[k]) break;
        }
        if (name[k] == '\0' && want[k] == '\0') {
            *out = (LicenseCategory)i;
            return 0;
        }
    }
    return -1;
}

/* The policy category of licence ids. A pattern ending in '*' matches every
 * id with that prefix; the first matching row wins, so exceptions to a
 * family come before it. The reasons are in docs/licenses.md. */
static const struct { const char *pattern; LicenseCategory cat; } category_rows[] = {
    /* public domain dedications */
    {"CC0-1.0", LICENSE_CAT_PUBLIC_DOMAIN}, {"Unlicense", LICENSE_CAT_PUBLIC_DOMAIN},
    {"PDDL-1.0", LICENSE_CAT_PUBLIC_DOMAIN}, {"SAX-PD", LICENSE_CAT_PUBLIC_DOMAIN},
    {"LicenseRef-Public-Domain", LICENSE_CAT_PUBLIC_DOMAIN},
    /* restricted: proprietary, source-available, non-commercial, no derivatives */
    {"LicenseRef-Proprietary", LICENSE_CAT_PROPRIETARY}, {"SSPL-1.0", LICENSE_CAT_PROPRIETARY},
    {"BUSL-1.1", LICENSE_CAT_PROPRIETARY}, {"Elastic-2.0", LICENSE_CAT_PROPRIETARY},
    {"JSON", LICENSE_CAT_PROPRIETARY}, {"CC-BY-NC*", LICENSE_CAT_PROPRIETARY},
    {"CC-BY-ND*", LICENSE_CAT_PROPRIETARY}, {"PolyForm-*", LICENSE_CAT_PROPRIETARY},
    {"Aladdin", LICENSE_CAT_PROPRIETARY}, {"BSD-Protection", LICENSE_CAT_PROPRIETARY},
    /* network copyleft: obligations triggered by offering the software over a network */
    {"AGPL-*", LICENSE_CAT_NETWORK_COPYLEFT}, {"OSL-*", LICENSE_CAT_NETWORK_COPYLEFT},
    {"RPL-*", LICENSE_CAT_NETWORK_COPYLEFT}, {"CPAL-1.0", LICENSE_CAT_NETWORK_COPYLEFT},
    /* GPL with a linking exception (deprecated combined ids) */
    {"GPL-2.0-with-*", LICENSE_CAT_WEAK_COPYLEFT}, {"GPL-3.0-with-*", LICENSE_CAT_WEAK_COPYLEFT},
    {"eCos-2.0", LICENSE_CAT_WEAK_COPYLEFT}, {"wxWindows", LICENSE_CAT_WEAK_COPYLEFT},
    /* weak (file- or library-level) copyleft */
    {"LGPL*", LICENSE_CAT_WEAK_COPYLEFT}, {"MPL-*", LICENSE_CAT_WEAK_COPYLEFT},
    {"EPL-*", LICENSE_CAT_WEAK_COPYLEFT}, {"CDDL-*", LICENSE_CAT_WEAK_COPYLEFT},
    {"CPL-1.0", LICENSE_CAT_WEAK_COPYLEFT}, {"IPL-1.0", LICENSE_CAT_WEAK_COPYLEFT},
    {"APSL-*", LICENSE_CAT_WEAK_COPYLEFT}, {"CECILL-B", LICENSE_CAT_PERMISSIVE},
    {"CECILL-C", LICENSE_CAT_WEAK_COPYLEFT}, {"OFL-*", LICENSE_CAT_WEAK_COPYLEFT},
    {"MS-RL", LICENSE_CAT_WEAK_COPYLEFT}, {"ErlPL-1.1", LICENSE_CAT_WEAK_COPYLEFT},
    {"SPL-1.0", LICENSE_CAT_WEAK_COPYLEFT}, {"NPL-*", LICENSE_CAT_WEAK_COPYLEFT},
    {"Motosoto", LICENSE_CAT_WEAK_COPYLEFT}, {"Nokia", LICENSE_CAT_WEAK_COPYLEFT},
    {"SISSL*", LICENSE_CAT_WEAK_COPYLEFT}, {"QPL-1.0", LICENSE_CAT_WEAK_COPYLEFT},
    {"RSCPL", LICENSE_CAT_WEAK_COPYLEFT}, {"Artistic-1.0*", LICENSE_CAT_WEAK_COPYLEFT},
    {"Artistic-2.0", LICENSE_CAT_WEAK_COPYLEFT}, {"MulanPSL-*", LICENSE_CAT_PERMISSIVE},
    /* strong copyleft */
    {"GPL-*", LICENSE_CAT_STRONG_COPYLEFT}, {"EUPL-*", LICENSE_CAT_STRONG_COPYLEFT},
    {"CECILL-*", LICENSE_CAT_STRONG_COPYLEFT}, {"Sleepycat", LICENSE_CAT_STRONG_COPYLEFT},
    {"CC-BY-SA*", LICENSE_CAT_STRONG_COPYLEFT}, {"GFDL-*", LICENSE_CAT_STRONG_COPYLEFT},
    {"NGPL", LICENSE_CAT_STRONG_COPYLEFT},
    /* permissive */
    {"MIT*", LICENSE_CAT_PERMISSIVE}, {"X11*", LICENSE_CAT_PERMISSIVE}, {"BSD-*", LICENSE_CAT_PERMISSIVE},
    {"0BSD", LICENSE_CAT_PERMISSIVE}, {"ISC", LICENSE_CAT_PERMISSIVE}, {"Apache-*", LICENSE_CAT_PERMISSIVE},
    {"PSF-2.0", LICENSE_CAT_PERMISSIVE}, {"Python-2.0*", LICENSE_CAT_PERMISSIVE},
    {"CNRI-Python*", LICENSE_CAT_PERMISSIVE}, {"Zlib", LICENSE_CAT_PERMISSIVE},
    {"zlib-acknowledgement", LICENSE_CAT_PERMISSIVE}, {"HPND*", LICENSE_CAT_PERMISSIVE},
    {"BSL-1.0", LICENSE_CAT_PERMISSIVE}, {"ZPL-*", LICENSE_CAT_PERMISSIVE}, {"NCSA", LICENSE_CAT_PERMISSIVE},
    {"PostgreSQL", LICENSE_CAT_PERMISSIVE}, {"UPL-1.0", LICENSE_CAT_PERMISSIVE},
    {"WTFPL", LICENSE_CAT_PERMISSIVE}, {"AFL-*", LICENSE_CAT_PERMISSIVE}, {"AAL", LICENSE_CAT_PERMISSIVE},
    {"BlueOak-1.0.0", LICENSE_CAT_PERMISSIVE}, {"ECL-*", LICENSE_CAT_PERMISSIVE},
    {"EFL-*", LICENSE_CAT_PERMISSIVE}, {"Intel", LICENSE_CAT_PERMISSIVE}, {"MirOS", LICENSE_CAT_PERMISSIVE},
    {"NTP", LICENSE_CAT_PERMISSIVE}, {"OpenSSL", LICENSE_CAT_PERMISSIVE}, {"W3C*", LICENSE_CAT_PERMISSIVE},
    {"Xnet", LICENSE_CAT_PERMISSIVE}, {"Unicode-*", LICENSE_CAT_PERMISSIVE}, {"curl", LICENSE_CAT_PERMISSIVE},
    {"Libpng", LICENSE_CAT_PERMISSIVE}, {"libpng-2.0", LICENSE_CAT_PERMISSIVE},
    {"FSFAP", LICENSE_CAT_PERMISSIVE}, {"FSFUL*", LICENSE_CAT_PERMISSIVE}, {"ICU", LICENSE_CAT_PERMISSIVE},
    {"CC-BY-1.0", LICENSE_CAT_PERMISSIVE}, {"CC-BY-2.0", LICENSE_CAT_PERMISSIVE},
    {"CC-BY-2.5", LICENSE_CAT_PERMISSIVE}, {"CC-BY-3.0*", LICENSE_CAT_PERMISSIVE},
    {"CC-BY-4.0", LICENSE_CAT_PERMISSIVE}, {"OLDAP-*", LICENSE_CAT_PERMISSIVE},
    {"PHP-3.0*", LICENSE_CAT_PERMISSIVE}, {"Zend-2.0", LICENSE_CAT_PERMISSIVE},
    {"Beerware", LICENSE_CAT_PERMISSIVE}, {"JasPer-2.0", LICENSE_CAT_PERMISSIVE},
    {"NAIST-2003", LICENSE_CAT_PERMISSIVE}, {"Xerox", LICENSE_CAT_PERMISSIVE},
};

static int pattern_matches(const char *pattern, const char *id)
{
    size_t n = strlen(pattern);
    if (n > 0 && pattern[n - 1] == '*') return strncasecmp(pattern, id, n - 1) == 0;
    return strcasecmp(pattern, id) == 0;
}

LicenseCategory license_category_of_id(const char *id)
{
    for (size_t i = 0; i < sizeof category_rows / sizeof category_rows[0]; i++)
        if (pattern_matches(category_rows[i].pattern, id)) return category_rows[i].cat;
    return LICENSE_CAT_UNKNOWN;
}

/* ---- expression parser ---------------------------------------------- */

typedef enum LexKind { LEX_END, LEX_WORD, LEX_LPAREN, LEX_RPAREN, LEX_AND, LEX_OR, LEX_WITH } LexKind;

typedef struct ExprParser {
    Arena *arena;
    const char *text;
    size_t len;
    size_t pos;
    LexKind kind;      /* the current token */
    size_t start;      /* its offset */
    size_t tok_len;
    int depth;
    KraitError *err;
} ExprParser;

static int is_word_char(char c)
{
    return isalnum((unsigned char)c) || c == '-' || c == '.' || c == '+' || c == ':';
}

static int expr_error(ExprParser *p, size_t at, const char *fmt, const char *arg)
{
    char why[200];
    snprintf(why, sizeof why, fmt, arg);
    return error_set(p->err, NULL, 0, (int)at + 1, "licence expression '%.*s': %s", (int)p->len, p->text, why);
}

static int lex_next(ExprParser *p)
{
    while (p->pos < p->len && (p->text[p->pos] == ' ' || p->text[p->pos] == '\t')) p->pos++;
    p->start = p->pos;
    p->tok_len = 0;
    if (p->pos >= p->len) {
        p->kind = LEX_END;
        return 0;
    }
    char c = p->text[p->pos];
    if (c == '(' || c == ')') {
        p->pos++;
        p->tok_len = 1;
        p->kind = c == '(' ? LEX_LPAREN : LEX_RPAREN;
        return 0;
    }
    if (!is_word_char(c)) {
        char shown[8];
        if (isprint((unsigned char)c)) snprintf(shown, sizeof shown, "'%c'", c);
        else snprintf(shown, sizeof shown, "0x%02x", (unsigned char)c);
        return expr_error(p, p->pos, "unexpected character %s", shown);
    }
    while (p->pos < p->len && is_word_char(p->text[p->pos])) p->pos++;
    p->tok_len = p->pos - p->start;
    const char *w = p->text + p->start;
    if (p->tok_len == 3 && strncasecmp(w, "AND", 3) == 0) p->kind = LEX_AND;
    else if (p->tok_len == 2 && strncasecmp(w, "OR", 2) == 0) p->kind = LEX_OR;
    else if (p->tok_len == 4 && strncasecmp(w, "WITH", 4) == 0) p->kind = LEX_WITH;
    else p->kind = LEX_WORD;
    return 0;
}

static const char *token_text(ExprParser *p)
{
    return arena_strndup(p->arena, p->text + p->start, p->tok_len);
}

/* LicenseRef-idstring or DocumentRef-idstring:LicenseRef-idstring */
static int parse_license_ref(ExprParser *p, const char *w, size_t n, LicenseNode *node)
{
    static const char lref[] = "LicenseRef-", dref[] = "DocumentRef-";
    const char *colon = memchr(w, ':', n);
    size_t ref_at = 0;
    if (colon) {
        if (strncasecmp(w, dref, sizeof dref - 1) != 0 || (size_t)(colon - w) == sizeof dref - 1)
            return expr_error(p, p->start, "'%s' is not DocumentRef-...:LicenseRef-...", token_text(p));
        ref_at = (size_t)(colon - w) + 1;
    }
    if (n - ref_at <= sizeof lref - 1 || strncasecmp(w + ref_at, lref, sizeof lref - 1) != 0)
        return expr_error(p, p->start, "'%s' is not a LicenseRef-... id", token_text(p));
    for (size_t i = 0; i < n; i++)
        if (w[i] == '+' || (w[i] == ':' && i + 1 != ref_at))
            return expr_error(p, p->start + i, "unexpected character in '%s'", token_text(p));
    /* The prefix is canonicalised; the user's part is kept as written. */
    char *id = arena_strndup(p->arena, w, n);
    memcpy(id + ref_at, lref, sizeof lref - 1);
    if (colon) memcpy(id, dref, sizeof dref - 1);
    node->kind = LICENSE_NODE_REF;
    node->id = id;
    return 0;
}

/* simple := license-id ["+"] | LicenseRef   (then WITH exception) */
static int parse_simple(ExprParser *p, LicenseNode **out)
{
    if (p->kind != LEX_WORD) {
        if (p->kind == LEX_END) return expr_error(p, p->start, "expected a licence id at the end%s", "");
        return expr_error(p, p->start, "expected a licence id, found '%s'", token_text(p));
    }
    LicenseNode *node = ARENA_NEW(p->arena, LicenseNode);
    const char *w = p->text + p->start;
    size_t n = p->tok_len;
    if (memchr(w, ':', n) || (n >= 11 && strncasecmp(w, "LicenseRef-", 11) == 0) ||
        (n >= 12 && strncasecmp(w, "DocumentRef-", 12) == 0)) {
        if (parse_license_ref(p, w, n, node) < 0) return -1;
    } else {
        int plus = w[n - 1] == '+';
        if (memchr(w, '+', n - plus)) return expr_error(p, p->start, "'+' only ends an id, in '%s'", token_text(p));
        const SpdxId *id = n > (size_t)plus ? spdx_license_find(w, n - plus) : NULL;
        if (!id) return expr_error(p, p->start, "unknown SPDX licence id '%s'", token_text(p));
        node->kind = LICENSE_NODE_ID;
        node->id = id->id;
        node->or_later = plus;
        node->deprecated = id->deprecated;
    }
    if (lex_next(p) < 0) return -1;
    if (p->kind == LEX_WITH) {
        if (lex_next(p) < 0) return -1;
        if (p->kind != LEX_WORD) return expr_error(p, p->start, "expected an exception id after WITH%s", "");
        const SpdxId *exc = spdx_exception_find(p->text + p->start, p->tok_len);
        if (!exc) return expr_error(p, p->start, "unknown SPDX exception id '%s'", token_text(p));
        node->exception = exc->id;
        if (lex_next(p) < 0) return -1;
    }
    *out = node;
    return 0;
}

static int parse_or(ExprParser *p, LicenseNode **out);

/* primary := "(" or-expression ")" | simple */
static int parse_primary(ExprParser *p, LicenseNode **out)
{
    if (p->kind != LEX_LPAREN) return parse_simple(p, out);
    size_t open_at = p->start;
    if (++p->depth > LICENSE_EXPR_DEPTH_MAX)
        return expr_error(p, p->start, "parentheses nested deeper than %s", "64");
    if (lex_next(p) < 0 || parse_or(p, out) < 0) return -1;
    if (p->kind != LEX_RPAREN) {
        char at[32];
        snprintf(at, sizeof at, "%zu", open_at + 1);
        return expr_error(p, p->start, "expected ')' to close '(' at column %s", at);
    }
    p->depth--;
    return lex_next(p);
}

static LicenseNode *binary_node(Arena *arena, LicenseNodeKind kind, LicenseNode *left, LicenseNode *right)
{
    LicenseNode *node = ARENA_NEW(arena, LicenseNode);
    node->kind = kind;
    node->left = left;
    node->right = right;
    return node;
}

/* and-expression := primary ("AND" primary)* */
static int parse_and(ExprParser *p, LicenseNode **out)
{
    if (parse_primary(p, out) < 0) return -1;
    while (p->kind == LEX_AND) {
        LicenseNode *right;
        if (lex_next(p) < 0 || parse_primary(p, &right) < 0) return -1;
        *out = binary_node(p->arena, LICENSE_NODE_AND, *out, right);
    }
    return 0;
}

/* or-expression := and-expression ("OR" and-expression)* */
static int parse_or(ExprParser *p, LicenseNode **out)
{
    if (parse_and(p, out) < 0) return -1;
    while (p->kind == LEX_OR) {
        LicenseNode *right;
        if (lex_next(p) < 0 || parse_and(p, &right) < 0) return -1;
        *out = binary_node(p->arena, LICENSE_NODE_OR, *out, right);
    }
    return 0;
}

int license_expr_parse(Arena *arena, const char *text, size_t len, LicenseNode **out, KraitError *err)
{
    ExprParser p = {arena, text, len, 0, LEX_END, 0, 0, 0, err};
    *out = NULL;
    if (lex_next(&p) < 0) return -1;
    if (p.kind == LEX_END) return expr_error(&p, 0, "empty expression%s", "");
    LicenseNode *node;
    if (parse_or(&p, &node) < 0) return -1;
    if (p.kind != LEX_END) {
        if (p.kind == LEX_RPAREN) return expr_error(&p, p.start, "')' without a matching '('%s", "");
        return expr_error(&p, p.start, "expected AND, OR or the end, found '%s'", token_text(&p));
    }
    *out = node;
    return 0;
}

static void format_child(const LicenseNode *child, LicenseNodeKind parent, StrBuf *sb)
{
    int parens = parent == LICENSE_NODE_AND && child->kind == LICENSE_NODE_OR;
    if (parens) strbuf_putc(sb, '(');
    license_expr_format(child, sb);
    if (parens) strbuf_putc(sb, ')');
}

void license_expr_format(const LicenseNode *node, StrBuf *sb)
{
    if (node->kind == LICENSE_NODE_AND || node->kind == LICENSE_NODE_OR) {
        format_child(node->left, node->kind, sb);
        strbuf_puts(sb, node->kind == LICENSE_NODE_AND ? " AND " : " OR ");
        format_child(node->right, node->kind, sb);
        return;
    }
    strbuf_puts(sb, node->id);
    if (node->or_later) strbuf_putc(sb, '+');
    if (node->exception) strbuf_printf(sb, " WITH %s", node->exception);
}

static LicenseCategory leaf_category(const LicenseNode *leaf)
{
    LicenseCategory cat = license_category_of_id(leaf->id);
    /* Every SPDX exception grants extra permission (linking, generated
     * output); on a strong copyleft licence that leaves library-level
     * obligations, i.e. weak copyleft. */
    if (leaf->exception && cat == LICENSE_CAT_STRONG_COPYLEFT) cat = LICENSE_CAT_WEAK_COPYLEFT;
    return cat;
}

LicenseCategory license_expr_category(const LicenseNode *node)
{
    if (node->kind != LICENSE_NODE_AND && node->kind != LICENSE_NODE_OR) return leaf_category(node);
    LicenseCategory a = license_expr_category(node->left), b = license_expr_category(node->right);
    if (node->kind == LICENSE_NODE_OR) {
        if (a == LICENSE_CAT_UNKNOWN) return b;
        if (b == LICENSE_CAT_UNKNOWN) return a;
        return a < b ? a : b;
    }
    if (a == LICENSE_CAT_PROPRIETARY || b == LICENSE_CAT_PROPRIETARY) return LICENSE_CAT_PROPRIETARY;
    if (a == LICENSE_CAT_UNKNOWN || b == LICENSE_CAT_UNKNOWN) return LICENSE_CAT_UNKNOWN;
    return a > b ? a : b;
}

int license_expr_has_deprecated(const LicenseNode *node)
{
    if (node->kind == LICENSE_NODE_AND || node->kind == LICENSE_NODE_OR)
        return license_expr_has_deprecated(node->left) || license_expr_has_deprecated(node->right);
    return node->deprecated;
}

/* ---- classifiers ---------------------------------------------------- */

/* Every licence classifier of the trove list (as of 2023-04, plus later
 * additions) after "License :: ". NULL: names no specific licence. */
static const struct { const char *classifier; const char *spdx; int ambiguous; } classifier_rows[] = {
    {"OSI Approved", NULL, 0},
    {"OSI Approved :: Academic Free License (AFL)", "AFL-3.0", 1},
    {"OSI Approved :: Apache Software License", "Apache-2.0", 1},
    {"OSI Approved :: Apple Public Source License", "APSL-2.0", 1},
    {"OSI Approved :: Artistic License", "Artistic-2.0", 1},
    {"OSI Approved :: Attribution Assurance License", "AAL", 0},
    {"OSI Approved :: BSD License", "BSD-3-Clause", 1},
    {"OSI Approved :: Blue Oak Model License (BlueOak-1.0.0)", "BlueOak-1.0.0", 0},
    {"OSI Approved :: Boost Software License 1.0 (BSL-1.0)", "BSL-1.0", 0},
    {"OSI Approved :: CEA CNRS Inria Logiciel Libre License, version 2.1 (CeCILL-2.1)", "CECILL-2.1", 0},
    {"OSI Approved :: CMU License (MIT-CMU)", "MIT-CMU", 0},
    {"OSI Approved :: Common Development and Distribution License 1.0 (CDDL-1.0)", "CDDL-1.0", 0},
    {"OSI Approved :: Common Public License", "CPL-1.0", 0},
    {"OSI Approved :: Eclipse Public License 1.0 (EPL-1.0)", "EPL-1.0", 0},
    {"OSI Approved :: Eclipse Public License 2.0 (EPL-2.0)", "EPL-2.0", 0},
    {"OSI Approved :: Educational Community License, Version 2.0 (ECL-2.0)", "ECL-2.0", 0},
    {"OSI Approved :: Eiffel Forum License", "EFL-2.0", 1},
    {"OSI Approved :: European Union Public Licence 1.0 (EUPL 1.0)", "EUPL-1.0", 0},
    {"OSI Approved :: European Union Public Licence 1.1 (EUPL 1.1)", "EUPL-1.1", 0},
    {"OSI Approved :: European Union Public Licence 1.2 (EUPL 1.2)", "EUPL-1.2", 0},
    {"OSI Approved :: GNU Affero General Public License v3", "AGPL-3.0-only", 0},
    {"OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)", "AGPL-3.0-or-later", 0},
    {"OSI Approved :: GNU Free Documentation License (FDL)", "GFDL-1.3-or-later", 1},
    {"OSI Approved :: GNU General Public License (GPL)", "GPL-1.0-or-later", 1},
    {"OSI Approved :: GNU General Public License v2 (GPLv2)", "GPL-2.0-only", 0},
    {"OSI Approved :: GNU General Public License v2 or later (GPLv2+)", "GPL-2.0-or-later", 0},
    {"OSI Approved :: GNU General Public License v3 (GPLv3)", "GPL-3.0-only", 0},
    {"OSI Approved :: GNU General Public License v3 or later (GPLv3+)", "GPL-3.0-or-later", 0},
    {"OSI Approved :: GNU Lesser General Public License v2 (LGPLv2)", "LGPL-2.0-only", 1},
    {"OSI Approved :: GNU Lesser General Public License v2 or later (LGPLv2+)", "LGPL-2.0-or-later", 0},
    {"OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)", "LGPL-3.0-only", 0},
    {"OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)", "LGPL-3.0-or-later", 0},
    {"OSI Approved :: GNU Library or Lesser General Public License (LGPL)", "LGPL-2.0-or-later", 1},
    {"OSI Approved :: Historical Permission Notice and Disclaimer (HPND)", "HPND", 0},
    {"OSI Approved :: IBM Public License", "IPL-1.0", 0},
    {"OSI Approved :: ISC License (ISCL)", "ISC", 0},
    {"OSI Approved :: Intel Open Source License", "Intel", 0},
    {"OSI Approved :: Jabber Open Source License", NULL, 0},
    {"OSI Approved :: MIT License", "MIT", 0},
    {"OSI Approved :: MIT No Attribution License (MIT-0)", "MIT-0", 0},
    {"OSI Approved :: MITRE Collaborative Virtual Workspace License (CVW)", NULL, 0},
    {"OSI Approved :: MirOS License (MirOS)", "MirOS", 0},
    {"OSI Approved :: Motosoto License", "Motosoto", 0},
    {"OSI Approved :: Mozilla Public License 1.0 (MPL)", "MPL-1.0", 0},
    {"OSI Approved :: Mozilla Public License 1.1 (MPL 1.1)", "MPL-1.1", 0},
    {"OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)", "MPL-2.0", 0},
    {"OSI Approved :: Mulan Permissive Software License v2 (MulanPSL-2.0)", "MulanPSL-2.0", 0},
    {"OSI Approved :: Nethack General Public License", "NGPL", 0},
    {"OSI Approved :: Nokia Open Source License", "Nokia", 0},
    {"OSI Approved :: Open Group Test Suite License", "OGTSL", 0},
    {"OSI Approved :: Open Software License 3.0 (OSL-3.0)", "OSL-3.0", 0},
    {"OSI Approved :: PostgreSQL License", "PostgreSQL", 0},
    {"OSI Approved :: Python License (CNRI Python License)", "CNRI-Python", 0},
    {"OSI Approved :: Python Software Foundation License", "PSF-2.0", 0},
    {"OSI Approved :: Qt Public License (QPL)", "QPL-1.0", 0},
    {"OSI Approved :: Ricoh Source Code Public License", "RSCPL", 0},
    {"OSI Approved :: SIL Open Font License 1.1 (OFL-1.1)", "OFL-1.1", 0},
    {"OSI Approved :: Sleepycat License", "Sleepycat", 0},
    {"OSI Approved :: Sun Industry Standards Source License (SISSL)", "SISSL", 0},
    {"OSI Approved :: Sun Public License", "SPL-1.0", 0},
    {"OSI Approved :: The Unlicense (Unlicense)", "Unlicense", 0},
    {"OSI Approved :: Universal Permissive License (UPL)", "UPL-1.0", 0},
    {"OSI Approved :: University of Illinois/NCSA Open Source License", "NCSA", 0},
    {"OSI Approved :: Vovida Software License 1.0", "VSL-1.0", 0},
    {"OSI Approved :: W3C License", "W3C", 0},
    {"OSI Approved :: X.Net License", "Xnet", 0},
    {"OSI Approved :: Zero-Clause BSD (0BSD)", "0BSD", 0},
    {"OSI Approved :: Zope Public License", "ZPL-2.1", 1},
    {"OSI Approved :: zlib/libpng License", "Zlib", 0},
    {"Aladdin Free Public License (AFPL)", "Aladdin", 0},
    {"CC0 1.0 Universal (CC0 1.0) Public Domain Dedication", "CC0-1.0", 0},
    {"CeCILL-B Free Software License Agreement (CECILL-B)", "CECILL-B", 0},
    {"CeCILL-C Free Software License Agreement (CECILL-C)", "CECILL-C", 0},
    {"DFSG approved", NULL, 0},
    {"Eiffel Forum License (EFL)", "EFL-2.0", 1},
    {"Free For Educational Use", "LicenseRef-Proprietary", 1},
    {"Free For Home Use", "LicenseRef-Proprietary", 1},
    {"Free To Use But Restricted", "LicenseRef-Proprietary", 1},
    {"Free for non-commercial use", "LicenseRef-Proprietary", 1},
    {"Freely Distributable", NULL, 0},
    {"Freeware", NULL, 0},
    {"GUST Font License 1.0", NULL, 0},
    {"GUST Font License 2006-09-30", NULL, 0},
    {"Netscape Public License (NPL)", "NPL-1.1", 1},
    {"Nokia Open Source License (NOKOS)", "Nokia", 0},
    {"Other/Proprietary License", "LicenseRef-Proprietary", 0},
    {"Public Domain", "LicenseRef-Public-Domain", 0},
    {"Repoze Public License", NULL, 0},
    {"Dual License", NULL, 0},
};

static const char *skip_blanks(const char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    return s;
}

/* Compares classifier text ignoring runs of blanks around "::" and at the end. */
static int classifier_equal(const char *a, const char *b)
{
    for (;;) {
        a = skip_blanks(a);
        b = skip_blanks(b);
        if (*a == '\0' || *b == '\0') return *a == *b;
        while (*a && *a != ' ' && *a != '\t' && *a == *b) {
            a++;
            b++;
        }
        if ((*a != ' ' && *a != '\t' && *a != '\0') || (*b != ' ' && *b != '\t' && *b != '\0')) return 0;
    }
}

const char *license_from_classifier(const char *classifier, int *ambiguous)
{
    *ambiguous = 0;
    const char *s = skip_blanks(classifier);
    if (strncmp(s, "License", 7) != 0) return NULL;
    s = skip_blanks(s + 7);
    if (strncmp(s, "::", 2) != 0) return NULL;
    s += 2;
    for (size_t i = 0; i < sizeof classifier_rows / sizeof classifier_rows[0]; i++) {
        if (!classifier_equal(s, classifier_rows[i].classifier)) continue;
        *ambiguous = classifier_rows[i].ambiguous;
        return classifier_rows[i].spdx;
    }
    return NULL;
}

/* ---- free text ------------------------------------------------------ */

enum { TEXT_PREFIX_MAX = 600 };

/* Lower case, blanks and line breaks collapsed to one space, quotes and
 * trailing punctuation dropped; at most the first TEXT_PREFIX_MAX bytes. */
static size_t normalize_text(const char *text, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = text; *p && n + 1 < size; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"' || c == '\'' || c == '`') continue;
        if (isspace(c)) {
            if (n > 0 && out[n - 1] != ' ') out[n++] = ' ';
            continue;
        }
        out[n++] = (char)tolower(c);
    }
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '.' || out[n - 1] == ',' || out[n - 1] == ';')) n--;
    out[n] = '\0';
    return n;
}

/* Short spellings seen in the License field, normalised as above. */
static const struct { const char *text; const char *spdx; int ambiguous; } spelling_rows[] = {
    {"mit", "MIT", 0}, {"mit license", "MIT", 0}, {"mit licence", "MIT", 0}, {"the mit license", "MIT", 0},
    {"the mit license (mit)", "MIT", 0}, {"mit/x11", "MIT", 0}, {"expat", "MIT", 0}, {"expat license", "MIT", 0},
    {"bsd", "BSD-3-Clause", 1}, {"bsd license", "BSD-3-Clause", 1}, {"bsd licence", "BSD-3-Clause", 1},
    {"bsd-like", "BSD-3-Clause", 1}, {"new bsd", "BSD-3-Clause", 0}, {"new bsd license", "BSD-3-Clause", 0},
    {"modified bsd", "BSD-3-Clause", 0}, {"modified bsd license", "BSD-3-Clause", 0},
    {"revised bsd", "BSD-3-Clause", 0}, {"3-clause bsd", "BSD-3-Clause", 0},
    {"3-clause bsd license", "BSD-3-Clause", 0}, {"bsd 3-clause", "BSD-3-Clause", 0},
    {"bsd 3-clause license", "BSD-3-Clause", 0}, {"bsd-3", "BSD-3-Clause", 0}, {"bsd3", "BSD-3-Clause", 0},
    {"bsd-3-clause license", "BSD-3-Clause", 0}, {"simplified bsd", "BSD-2-Clause", 0},
    {"2-clause bsd", "BSD-2-Clause", 0}, {"bsd 2-clause", "BSD-2-Clause", 0},
    {"bsd 2-clause license", "BSD-2-Clause", 0}, {"bsd-2", "BSD-2-Clause", 0}, {"freebsd", "BSD-2-Clause", 0},
    {"apache", "Apache-2.0", 1}, {"apache license", "Apache-2.0", 1}, {"apache software license", "Apache-2.0", 1},
    {"apache 2", "Apache-2.0", 0}, {"apache 2.0", "Apache-2.0", 0}, {"apache-2", "Apache-2.0", 0},
    {"apache2", "Apache-2.0", 0}, {"apache v2", "Apache-2.0", 0}, {"apache license 2.0", "Apache-2.0", 0},
    {"apache license v2", "Apache-2.0", 0}, {"apache license v2.0", "Apache-2.0", 0},
    {"apache license, version 2.0", "Apache-2.0", 0}, {"apache license version 2.0", "Apache-2.0", 0},
    {"apache software license 2.0", "Apache-2.0", 0}, {"apache software license, version 2.0", "Apache-2.0", 0},
    {"asl 2.0", "Apache-2.0", 0}, {"apache-2.0 license", "Apache-2.0", 0},
    {"gpl", "GPL-1.0-or-later", 1}, {"gnu gpl", "GPL-1.0-or-later", 1},
    {"gplv2", "GPL-2.0-only", 0}, {"gpl v2", "GPL-2.0-only", 0}, {"gpl-2", "GPL-2.0-only", 0},
    {"gpl2", "GPL-2.0-only", 0}, {"gnu gplv2", "GPL-2.0-only", 0}, {"gplv2+", "GPL-2.0-or-later", 0},
    {"gpl-2+", "GPL-2.0-or-later", 0}, {"gpl v2+", "GPL-2.0-or-later", 0}, {"gplv3", "GPL-3.0-only", 0},
    {"gpl v3", "GPL-3.0-only", 0}, {"gpl-3", "GPL-3.0-only", 0}, {"gpl3", "GPL-3.0-only", 0},
    {"gnu gplv3", "GPL-3.0-only", 0}, {"gnu gpl v3", "GPL-3.0-only", 0},
    {"gnu general public license v3", "GPL-3.0-only", 0}, {"gnu general public license v2", "GPL-2.0-only", 0},
    {"gplv3+", "GPL-3.0-or-later", 0}, {"gpl-3+", "GPL-3.0-or-later", 0}, {"gpl v3+", "GPL-3.0-or-later", 0},
    {"gplv3 or later", "GPL-3.0-or-later", 0}, {"lgpl", "LGPL-2.0-or-later", 1},
    {"gnu lgpl", "LGPL-2.0-or-later", 1}, {"lgplv2", "LGPL-2.0-only", 1}, {"lgplv2+", "LGPL-2.0-or-later", 0},
    {"lgplv2.1", "LGPL-2.1-only", 0}, {"lgpl v2.1", "LGPL-2.1-only", 0}, {"lgpl 2.1", "LGPL-2.1-only", 0},
    {"lgpl-2.1", "LGPL-2.1-only", 0}, {"lgplv2.1+", "LGPL-2.1-or-later", 0}, {"lgpl-2.1+", "LGPL-2.1-or-later", 0},
    {"lgplv3", "LGPL-3.0-only", 0}, {"lgpl v3", "LGPL-3.0-only", 0}, {"lgpl-3", "LGPL-3.0-only", 0},
    {"lgpl-3.0", "LGPL-3.0-only", 0}, {"lgplv3+", "LGPL-3.0-or-later", 0}, {"lgpl-3+", "LGPL-3.0-or-later", 0},
    {"agpl", "AGPL-3.0-or-later", 1}, {"agplv3", "AGPL-3.0-only", 0}, {"agpl v3", "AGPL-3.0-only", 0},
    {"agpl-3", "AGPL-3.0-only", 0}, {"agpl-3.0", "AGPL-3.0-only", 0}, {"agplv3+", "AGPL-3.0-or-later", 0},
    {"psf", "PSF-2.0", 0}, {"psfl", "PSF-2.0", 0}, {"psf license", "PSF-2.0", 0}, {"psf-2.0", "PSF-2.0", 0},
    {"python software foundation license", "PSF-2.0", 0}, {"python software foundation", "PSF-2.0", 0},
    {"mpl", "MPL-2.0", 1}, {"mpl 2.0", "MPL-2.0", 0}, {"mpl-2", "MPL-2.0", 0}, {"mpl2", "MPL-2.0", 0},
    {"mpl v2", "MPL-2.0", 0}, {"mozilla public license 2.0", "MPL-2.0", 0},
    {"mozilla public license, version 2.0", "MPL-2.0", 0}, {"mpl 1.1", "MPL-1.1", 0},
    {"isc", "ISC", 0}, {"isc license", "ISC", 0}, {"iscl", "ISC", 0}, {"zlib", "Zlib", 0},
    {"zlib/libpng", "Zlib", 0}, {"zpl", "ZPL-2.1", 1}, {"zpl 2.1", "ZPL-2.1", 0}, {"zope public license", "ZPL-2.1", 1},
    {"unlicense", "Unlicense", 0}, {"the unlicense", "Unlicense", 0}, {"cc0", "CC0-1.0", 0},
    {"cc0 1.0", "CC0-1.0", 0}, {"cc0 1.0 universal", "CC0-1.0", 0}, {"public domain", "LicenseRef-Public-Domain", 0},
    {"wtfpl", "WTFPL", 0}, {"boost", "BSL-1.0", 0}, {"boost software license", "BSL-1.0", 0},
    {"eclipse public license 2.0", "EPL-2.0", 0}, {"epl-2", "EPL-2.0", 0}, {"hpnd", "HPND", 0},
    {"proprietary", "LicenseRef-Proprietary", 0}, {"commercial", "LicenseRef-Proprietary", 0},
    {"all rights reserved", "LicenseRef-Proprietary", 0}, {"other/proprietary license", "LicenseRef-Proprietary", 0},
    {"proprietary license", "LicenseRef-Proprietary", 0},
};

/* Phrases from the opening lines of licence texts: the first row whose
 * phrase (and version phrase, when given) occurs wins, so the more specific
 * GNU licences come before the GPL that their texts mention. */
static const struct { const char *phrase; const char *version; const char *spdx; int ambiguous; } fingerprint_rows[] = {
    {"gnu lesser general public license", "version 3", "LGPL-3.0-only", 0},
    {"gnu lesser general public license", "version 2.1", "LGPL-2.1-only", 0},
    {"gnu library general public license", "version 2", "LGPL-2.0-only", 0},
    {"gnu affero general public license", "version 3", "AGPL-3.0-only", 0},
    {"gnu general public license", "version 3", "GPL-3.0-only", 0},
    {"gnu general public license", "version 2", "GPL-2.0-only", 0},
    {"apache license", "version 2.0", "Apache-2.0", 0},
    {"mozilla public license", "2.0", "MPL-2.0", 0},
    {"python software foundation license", NULL, "PSF-2.0", 0},
    {"bsd 3-clause license", NULL, "BSD-3-Clause", 0},
    {"bsd 2-clause license", NULL, "BSD-2-Clause", 0},
    {"released into the public domain", "unencumbered", "Unlicense", 0},
    {"mit license", NULL, "MIT", 0},
    {"permission is hereby granted, free of charge", NULL, "MIT", 0},
    {"permission to use, copy, modify, and/or distribute this software for any purpose", NULL, "ISC", 0},
    {"permission to use, copy, modify, and distribute this software for any purpose", NULL, "ISC", 1},
    {"isc license", NULL, "ISC", 0},
    {"redistribution and use in source and binary forms", NULL, "BSD-3-Clause", 1},
};

static const char *const unknown_texts[] = {
    "", "unknown", "none", "n/a", "na", "other", "see license", "see license file", "see license.txt",
    "license", "license.txt", "custom", "dual license", "osi approved", "free", "freeware",
};

const char *license_from_text(Arena *arena, const char *text, int *ambiguous)
{
    *ambiguous = 0;
    char norm[TEXT_PREFIX_MAX + 1];
    normalize_text(text, norm, sizeof norm);
    for (size_t i = 0; i < sizeof unknown_texts / sizeof unknown_texts[0]; i++)
        if (strcmp(norm, unknown_texts[i]) == 0) return NULL;
    for (size_t i = 0; i < sizeof spelling_rows / sizeof spelling_rows[0]; i++) {
        if (strcmp(norm, spelling_rows[i].text) != 0) continue;
        *ambiguous = spelling_rows[i].ambiguous;
        return spelling_rows[i].spdx;
    }
    /* A one-line value that already is an SPDX expression ("BSD-3-Clause",
     * "MIT OR Apache-2.0"). */
    if (!strchr(text, '\n') && strlen(text) < 200) {
        LicenseNode *node;
        KraitError err;
        const char *t = skip_blanks(text);
        size_t len = strlen(t);
        while (len > 0 && isspace((unsigned char)t[len - 1])) len--;
        if (license_expr_parse(arena, t, len, &node, &err) == 0) {
            StrBuf sb;
            strbuf_init(&sb);
            license_expr_format(node, &sb);
            char *canonical = arena_strndup(arena, sb.data, sb.len);
            strbuf_free(&sb);
            return canonical;
        }
    }
    for (size_t i = 0; i < sizeof fingerprint_rows / sizeof fingerprint_rows[0]; i++) {
        if (!strstr(norm, fingerprint_rows[i].phrase)) continue;
        if (fingerprint_rows[i].version && !strstr(norm, fingerprint_rows[i].version)) continue;
        *ambiguous = fingerprint_rows[i].ambiguous;
        return fingerprint_rows[i].spdx;
    }
    return NULL;
}

/* ---- resolution ----------------------------------------------------- */

static int set_expression(Arena *arena, const char *spdx, LicenseResolution *out)
{
    LicenseNode *node;
    KraitError err;
    if (license_expr_parse(arena, spdx, strlen(spdx), &node, &err) < 0) return -1;
    StrBuf sb;
    strbuf_init(&sb);
    license_expr_format(node, &sb);
    out->expr = node;
    out->expression = arena_strndup(arena, sb.data, sb.len);
    strbuf_free(&sb);
    return 0;
}

/* "License :: OSI Approved :: BSD License" with "License: BSD-2-Clause":
 * the classifier names the family, the text the member. The text is taken
 * when it names one licence, unambiguously, of the same category. */
static void refine_from_text(Arena *arena, const LicenseMetadata *meta, LicenseResolution *out)
{
    if (!meta->license || out->expr->kind != LICENSE_NODE_ID) return;
    int amb;
    const char *spdx = license_from_text(arena, meta->license, &amb);
    LicenseNode *node;
    KraitError err;
    if (!spdx || amb || license_expr_parse(arena, spdx, strlen(spdx), &node, &err) < 0) return;
    if (node->kind != LICENSE_NODE_ID || leaf_category(node) != leaf_category(out->expr)) return;
    if (set_expression(arena, spdx, out) < 0) return;
    out->ambiguous = 0;
    snprintf(out->note, sizeof out->note, "the classifier names the family, the License field the version");
}

static int resolve_classifiers(Arena *arena, const LicenseMetadata *meta, LicenseResolution *out)
{
    StrBuf sb;
    strbuf_init(&sb);
    int seen = 0, mapped = 0, ambiguous = 0;
    const char *used[16];   /* ids already joined: the table's strings, so pointers compare */
    size_t n_used = 0;
    for (size_t i = 0; i < meta->classifier_count; i++) {
        int amb;
        const char *c = meta->classifiers[i];
        const char *spdx = license_from_classifier(c, &amb);
        if (strncmp(skip_blanks(c), "License", 7) == 0) seen++;
        if (!spdx) continue;
        int repeated = 0;
        for (size_t k = 0; k < n_used; k++)
            if (used[k] == spdx) repeated = 1;
        if (repeated) continue;
        if (n_used < sizeof used / sizeof used[0]) used[n_used++] = spdx;
        /* Several licence classifiers mean a choice (dual licensing). */
        if (mapped++) strbuf_puts(&sb, " OR ");
        strbuf_puts(&sb, spdx);
        ambiguous |= amb;
    }
    int rc = 0;
    if (mapped && set_expression(arena, sb.data, out) == 0) {
        out->source = LICENSE_SOURCE_CLASSIFIERS;
        out->ambiguous = ambiguous;
        if (ambiguous) snprintf(out->note, sizeof out->note, "a licence classifier does not name the version");
        if (ambiguous && mapped == 1) refine_from_text(arena, meta, out);
        rc = 1;
    } else if (seen) {
        snprintf(out->note, sizeof out->note, "no licence classifier names a specific licence");
    }
    strbuf_free(&sb);
    return rc;
}

void license_resolve(Arena *arena, const LicenseMetadata *meta, LicenseResolution *out)
{
    memset(out, 0, sizeof *out);
    const char *expr = meta->license_expression;
    if (expr && *skip_blanks(expr)) {
        LicenseNode *node;
        if (license_expr_parse(arena, expr, strlen(expr), &node, &out->expression_error) == 0) {
            StrBuf sb;
            strbuf_init(&sb);
            license_expr_format(node, &sb);
            out->source = LICENSE_SOURCE_EXPRESSION;
            out->expr = node;
            out->expression = arena_strndup(arena, sb.data, sb.len);
            strbuf_free(&sb);
            return;
        }
        out->expression_invalid = 1;
    }
    if (resolve_classifiers(arena, meta, out)) return;
    if (meta->license && *skip_blanks(meta->license)) {
        int amb;
        const char *spdx = license_from_text(arena, meta->license, &amb);
        if (spdx && set_expression(arena, spdx, out) == 0) {
            out->source = LICENSE_SOURCE_TEXT;
            out->ambiguous = amb;
            out->note[0] = '\0';
            if (amb) snprintf(out->note, sizeof out->note, "the License field names a licence family, not a version");
            return;
        }
        snprintf(out->note, sizeof out->note, "the License field is not a recognised licence");
        return;
    }
    if (!out->note[0]) snprintf(out->note, sizeof out->note, "no licence metadata");
}

/* ---- policy --------------------------------------------------------- */

const char *license_verdict_name(LicenseVerdict verdict)
{
    switch (verdict) {
    case LICENSE_ALLOWED: return "allowed";
    case LICENSE_DENIED: return "denied";
    case LICENSE_UNKNOWN: return "unknown";
    }
    return "?";
}

/* Does a list entry name this leaf? "GPL-2.0-only", "GPL-2.0-only WITH
 * Classpath-exception-2.0" and "GPL-2.0+" all compare with the leaf's
 * canonical spelling; "GPL-2.0-or-later" also names "GPL-2.0+". */
static int entry_names_leaf(const char *entry, const LicenseNode *leaf)
{
    char full[160];
    snprintf(full, sizeof full, "%s%s%s%s", leaf->id, leaf->or_later ? "+" : "", leaf->exception ? " WITH " : "",
             leaf->exception ? leaf->exception : "");
    if (strcasecmp(entry, full) == 0) return 1;
    snprintf(full, sizeof full, "%s%s", leaf->id, leaf->or_later ? "+" : "");
    if (strcasecmp(entry, full) == 0) return 1;
    if (leaf->or_later) {
        /* "GPL-2.0+" is the deprecated spelling of "GPL-2.0-or-later" */
        size_t n = strlen(leaf->id);
        if (n > 5 && strcasecmp(leaf->id + n - 5, "-only") == 0) n -= 5;
        snprintf(full, sizeof full, "%.*s-or-later", (int)n, leaf->id);
        if (strcasecmp(entry, full) == 0) return 1;
    }
    return strcasecmp(entry, leaf->id) == 0;
}

static int list_has_id(const char *const *list, size_t count, const LicenseNode *leaf)
{
    for (size_t i = 0; i < count; i++)
        if (entry_names_leaf(list[i], leaf)) return 1;
    return 0;
}

static int list_has_category(const char *const *list, size_t count, LicenseCategory cat)
{
    for (size_t i = 0; i < count; i++) {
        LicenseCategory c;
        if (license_category_parse(list[i], &c) == 0 && c == cat) return 1;
    }
    return 0;
}

static LicenseVerdict leaf_verdict(const LicensePolicy *pol, const LicenseNode *leaf, char *why, size_t size)
{
    StrBuf sb;
    strbuf_init(&sb);
    license_expr_format(leaf, &sb);
    LicenseCategory cat = leaf_category(leaf);
    LicenseVerdict v;
    if (list_has_id(pol->deny, pol->deny_count, leaf)) {
        v = LICENSE_DENIED;
        snprintf(why, size, "%s is on the deny list", sb.data);
    } else if (list_has_id(pol->allow, pol->allow_count, leaf)) {
        v = LICENSE_ALLOWED;
        snprintf(why, size, "%s is on the allow list", sb.data);
    } else if (list_has_category(pol->deny, pol->deny_count, cat)) {
        v = LICENSE_DENIED;
        snprintf(why, size, "%s is %s, a denied category", sb.data, license_category_name(cat));
    } else if (list_has_category(pol->allow, pol->allow_count, cat)) {
        v = LICENSE_ALLOWED;
        snprintf(why, size, "%s is %s, an allowed category", sb.data, license_category_name(cat));
    } else {
        v = LICENSE_UNKNOWN;
        snprintf(why, size, "%s (%s) is neither allowed nor denied by the policy", sb.data,
                 license_category_name(cat));
    }
    strbuf_free(&sb);
    return v;
}

static LicenseVerdict expr_verdict(const LicensePolicy *pol, const LicenseNode *node, char *why, size_t size)
{
    if (node->kind != LICENSE_NODE_AND && node->kind != LICENSE_NODE_OR) return leaf_verdict(pol, node, why, size);
    char left_why[256], right_why[256];
    LicenseVerdict a = expr_verdict(pol, node->left, left_why, sizeof left_why);
    LicenseVerdict b = expr_verdict(pol, node->right, right_why, sizeof right_why);
    /* OR: the best alternative decides; AND: the worst part decides. */
    LicenseVerdict first = node->kind == LICENSE_NODE_OR ? LICENSE_ALLOWED : LICENSE_DENIED;
    LicenseVerdict pick;
    const char *reason;
    if (a == first || b == first) {
        pick = first;
        reason = a == first ? left_why : right_why;
    } else if (a == LICENSE_UNKNOWN || b == LICENSE_UNKNOWN) {
        pick = LICENSE_UNKNOWN;
        reason = a == LICENSE_UNKNOWN ? left_why : right_why;
    } else {
        pick = a;   /* both the same remaining verdict */
        reason = left_why;
    }
    snprintf(why, size, "%s", reason);
    return pick;
}

LicenseVerdict license_policy_evaluate(const LicensePolicy *pol, const char *package, const LicenseNode *expr,
                                       LicenseDecision *out)
{
    memset(out, 0, sizeof *out);
    char want[256], have[256];
    int want_len = package ? pkgname_normalize(package, strlen(package), want, sizeof want) : -1;
    for (size_t i = 0; want_len >= 0 && i < pol->exception_count; i++) {
        const char *name = pol->exceptions[i].package;
        if (pkgname_normalize(name, strlen(name), have, sizeof have) < 0 || strcmp(have, want) != 0) continue;
        out->verdict = LICENSE_ALLOWED;
        snprintf(out->reason, sizeof out->reason, "%s is excepted by the policy%s%s", package,
                 pol->exceptions[i].reason ? ": " : "", pol->exceptions[i].reason ? pol->exceptions[i].reason : "");
        return out->verdict;
    }
    if (!expr) {
        /* "unknown" on a list decides for missing licences too (liccheck's paranoid level) */
        out->verdict = list_has_category(pol->deny, pol->deny_count, LICENSE_CAT_UNKNOWN)    ? LICENSE_DENIED
                       : list_has_category(pol->allow, pol->allow_count, LICENSE_CAT_UNKNOWN) ? LICENSE_ALLOWED
                                                                                              : LICENSE_UNKNOWN;
        snprintf(out->reason, sizeof out->reason, "no licence could be determined%s",
                 out->verdict == LICENSE_DENIED    ? "; unknown licences are denied"
                 : out->verdict == LICENSE_ALLOWED ? "; unknown licences are allowed"
                                                   : "");
        return out->verdict;
    }
    out->verdict = expr_verdict(pol, expr, out->reason, sizeof out->reason);
    /* a deny-only policy allows every known licence it does not deny */
    if (out->verdict == LICENSE_UNKNOWN && pol->allow_count == 0) {
        out->verdict = LICENSE_ALLOWED;
        snprintf(out->reason, sizeof out->reason, "not denied by the policy (it has no allow list)");
    }
    return out->verdict;
}
