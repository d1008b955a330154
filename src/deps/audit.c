/* audit.c - see audit.h. Per dependency: resolve it to a name plus either
 * an exact version or a specifier set, look the name up once, evaluate every
 * advisory, merge advisories that alias each other into one vulnerability,
 * and emit findings. */
#include "deps/audit.h"
#include "base/die.h"
#include "base/file.h"
#include "base/strbuf.h"
#include "deps/cvss.h"
#include "deps/osvmatch.h"
#include "deps/pkgname.h"
#include "rules/registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A package's advisories with their versions parsed, kept for the whole
 * audit: a project names the same package in many files, a benchmark in
 * thousands of lines, and parsing is the expensive part. */
typedef struct PackageAdvisories {
    const char *key;           /* PEP 503 name */
    OsvRecord *recs;
    size_t n;
    const OsvMatcher **matchers;
    size_t *group;             /* advisories that alias each other share a root */
} PackageAdvisories;

typedef struct PackageCache {
    Arena arena;
    PackageAdvisories **slots;  /* open addressing, power-of-two size */
    size_t cap;
    size_t count;
} PackageCache;

typedef struct Auditor {
    VulnDb *db;
    const AuditOptions *opt;
    Arena *arena;
    FindingList *out;
    AuditStats *stats;
    AuditWarnFn warn;
    void *ctx;
    PackageCache cache;
    /* the last manifest read, for code snippets */
    char *cached_path;
    FileData cached;
    size_t *line_starts;       /* offsets of each line of the cached file */
    size_t n_lines;
} Auditor;

typedef struct Resolved {
    const char *name;
    bool pinned;
    Pep440Version version;
    const char *version_text;  /* canonical, for messages */
    Pep440SpecSet set;
    const char *spec_text;     /* specifier as written, for messages */
} Resolved;

static void warn_at(Auditor *a, const Dep *d, const char *fmt, const char *detail)
{
    if (!a->warn) return;
    KraitError w;
    error_set(&w, d->path, (int)d->line, (int)d->col, fmt, detail);
    a->warn(&w, a->ctx);
}

static const char *source_name(DepSource s)
{
    static const char *const names[] = {"requirements", "pyproject", "poetry", "lock", "installed"};
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "unknown";
}

/* The text of line `line` of path, trimmed of its newline. The last file
 * read is kept with a table of line starts: findings come file by file. */
static void attach_snippet(Auditor *a, Finding *f, const char *path, unsigned line)
{
    if (line == 0) return;
    if (!a->cached_path || strcmp(a->cached_path, path) != 0) {
        free(a->cached_path);
        free(a->line_starts);
        a->line_starts = NULL;
        a->n_lines = 0;
        file_data_free(&a->cached);
        a->cached_path = strdup(path);
        KraitError ignore;
        if (file_read_all(path, 64 << 20, &a->cached, &ignore) < 0) return;
        size_t cap = 64;
        a->line_starts = malloc(cap * sizeof *a->line_starts);
        if (!a->line_starts) die_out_of_memory();
        a->line_starts[a->n_lines++] = 0;
        for (const char *p = a->cached.data; (p = memchr(p, '\n', a->cached.len - (size_t)(p - a->cached.data)));) {
            p++;
            if (a->n_lines == cap) {
                cap *= 2;
                a->line_starts = realloc(a->line_starts, cap * sizeof *a->line_starts);
                if (!a->line_starts) die_out_of_memory();
            }
            a->line_starts[a->n_lines++] = (size_t)(p - a->cached.data);
        }
    }
    if (line > a->n_lines) return;
    const char *p = a->cached.data + a->line_starts[line - 1], *end = a->cached.data + a->cached.len;
    if (p >= end) return;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (len && p[len - 1] == '\r') len--;
    finding_set_snippet(f, p, len);
}

static Finding *emit(Auditor *a, const char *rule_id, const Dep *d, const char *message)
{
    const RuleInfo *rule = registry_find(rule_id);
    Finding *f = finding_list_add(a->out, rule, d->path, d->line, d->col ? d->col : (d->line ? 1 : 0), message);
    attach_snippet(a, f, d->path, d->line);
    finding_add_property(f, "source", source_name(d->source));
    if (d->n_hashes) finding_add_property(f, "hashed", "yes");
    return f;
}

/* 1: resolved, 0: nothing to audit (reported or not applicable). */
static int resolve(Auditor *a, const Dep *d, Resolved *r)
{
    memset(r, 0, sizeof *r);
    char msg[1024];
    if (d->url) {
        snprintf(msg, sizeof msg, "%s comes from %s and cannot be audited against advisories",
                 d->name ? d->name : "this requirement", d->url);
        emit(a, "DEP003", d, msg);
        return 0;
    }
    if (d->version) {
        r->name = d->name;
        if (pep440_parse(d->version, strlen(d->version), &r->version, NULL) < 0) {
            warn_at(a, d, "version '%s' is not PEP 440; not audited", d->version);
            return 0;
        }
        r->pinned = true;
        r->version_text = d->version;
        return 1;
    }
    Pep508Requirement req;
    KraitError perr;
    if (pep508_parse(d->spec, strlen(d->spec), a->arena, &req, &perr) < 0) {
        warn_at(a, d, "cannot parse requirement: %s", perr.message);
        return 0;
    }
    r->name = req.name;
    if (req.url) {
        snprintf(msg, sizeof msg, "%s comes from %s and cannot be audited against advisories", req.name, req.url);
        emit(a, "DEP003", d, msg);
        return 0;
    }
    bool applies = true;
    if (pep508_requirement_applies(&req, &a->opt->env, &applies, &perr) < 0) {
        warn_at(a, d, "cannot evaluate marker: %s", perr.message);
        return 0;
    }
    if (!applies) return 0;   /* not installed in the target environment */
    const Pep440SpecSet *set = &req.specifiers;
    if (set->n == 1 && !set->specs[0].wildcard && set->specs[0].version_valid &&
        (set->specs[0].op == PEP440_OP_EQ || set->specs[0].op == PEP440_OP_ARBITRARY)) {
        r->pinned = true;
        r->version = set->specs[0].version;
        r->version_text = set->specs[0].text;
        return 1;
    }
    r->set = *set;
    char spec[512];
    pep440_specset_format(set, spec, sizeof spec);
    r->spec_text = arena_strndup(a->arena, spec, strlen(spec));
    snprintf(msg, sizeof msg, "%s is not pinned (%s); krait audits every version it allows", req.name,
             *spec ? spec : "any version");
    emit(a, "DEP002", d, msg);
    return 1;
}

static bool same_id(const char *x, const char *y) { return strcasecmp(x, y) == 0; }

static bool record_has_id(const OsvRecord *r, const char *id)
{
    if (same_id(r->id, id)) return true;
    for (size_t i = 0; i < r->n_aliases; i++)
        if (same_id(r->aliases[i], id)) return true;
    return false;
}

static bool records_alias(const OsvRecord *x, const OsvRecord *y)
{
    if (record_has_id(y, x->id)) return true;
    for (size_t i = 0; i < x->n_aliases; i++)
        if (record_has_id(y, x->aliases[i])) return true;
    return false;
}

static size_t find_root(size_t *parent, size_t i)
{
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
}

/* PYSEC first (the PyPA database), then GHSA, then the rest. */
static int id_rank(const char *id)
{
    if (strncmp(id, "PYSEC-", 6) == 0) return 0;
    if (strncmp(id, "GHSA-", 5) == 0) return 1;
    return 2;
}

static bool id_before(const char *x, const char *y)
{
    int rx = id_rank(x), ry = id_rank(y);
    return rx != ry ? rx < ry : strcmp(x, y) < 0;
}

static Severity record_severity(const OsvRecord *r)
{
    Severity best = SEV_UNDEFINED;
    for (size_t i = 0; i < r->n_severities; i++) {
        if (!r->severities[i].type || strncmp(r->severities[i].type, "CVSS_V3", 7) != 0) continue;
        Severity s = cvss_severity(cvss3_base_score(r->severities[i].score));
        if (s > best) best = s;
    }
    if (r->db_severity) {
        int s = severity_parse(r->db_severity);
        if (strcasecmp(r->db_severity, "MODERATE") == 0) s = SEV_MEDIUM;
        if (s > (int)best) best = (Severity)s;
    }
    return best;
}

typedef struct Group {
    const OsvRecord *primary;
    const char *ids[64];       /* every id and alias, unique */
    size_t n_ids;
    const char *fix;
    Pep440Version fix_version;
    bool has_fix;
    StrBuf fixed;              /* every fixed version, comma-separated */
    Severity severity;
    bool malicious;
} Group;

static void group_add_id(Group *g, const char *id)
{
    for (size_t i = 0; i < g->n_ids; i++)
        if (same_id(g->ids[i], id)) return;
    if (g->n_ids < sizeof g->ids / sizeof g->ids[0]) g->ids[g->n_ids++] = id;
}

static void group_add(Group *g, const OsvRecord *r, const OsvVerdict *v)
{
    if (!g->primary || id_before(r->id, g->primary->id)) g->primary = r;
    group_add_id(g, r->id);
    for (size_t i = 0; i < r->n_aliases; i++) group_add_id(g, r->aliases[i]);
    Severity s = record_severity(r);
    if (s > g->severity) g->severity = s;
    if (r->malicious) g->malicious = true;
    if (v->fixed_in) {
        Pep440Version fv;
        if (pep440_parse(v->fixed_in, strlen(v->fixed_in), &fv, NULL) == 0 &&
            (!g->has_fix || pep440_compare(&fv, &g->fix_version) > 0)) {
            g->fix_version = fv;
            g->fix = v->fixed_in;
            g->has_fix = true;
        }
    }
    for (size_t i = 0; i < v->n_fixed; i++) {
        if (g->fixed.len && strstr(g->fixed.data, v->fixed[i])) continue;
        if (g->fixed.len) strbuf_puts(&g->fixed, ", ");
        strbuf_puts(&g->fixed, v->fixed[i]);
    }
}

/* 1 when a live ignore covers the group; an expired one is reported. */
static int ignored(Auditor *a, const Dep *d, const Group *g)
{
    for (size_t i = 0; i < a->opt->n_ignores; i++) {
        const ConfigIgnore *ig = &a->opt->ignores[i];
        bool hit = false;
        for (size_t k = 0; k < g->n_ids && !hit; k++) hit = same_id(g->ids[k], ig->id);
        if (!hit) continue;
        if (ig->expires && a->opt->today && strcmp(ig->expires, a->opt->today) < 0) {
            char why[512];
            snprintf(why, sizeof why, "%s (ignored in %s:%u) expired on %s; it is reported again", ig->id,
                     ig->path ? ig->path : "config", ig->line, ig->expires);
            warn_at(a, d, "ignore of %s", why);
            continue;
        }
        return 1;
    }
    return 0;
}

/* The first sentence, or as much as fits: messages stay one readable line;
 * the whole text stays in the "summary" property. */
static void shorten(const char *text, char *out, size_t size)
{
    size_t n = 0;
    bool cut = false;
    for (const char *p = text; *p && *p != '\n' && *p != '\r'; p++) {
        if (n + 4 >= size) {
            cut = true;
            break;
        }
        out[n++] = *p;
        if (*p == '.' && (p[1] == ' ' || p[1] == '\0') && n > 20) break;
    }
    if (cut) {
        while (n > 0 && out[n - 1] != ' ') n--;   /* end on a whole word */
        while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == ',')) n--;
        memcpy(out + n, "...", 3);
        n += 3;
    } else if (n && out[n - 1] == '.') {
        n--;
    }
    out[n] = '\0';
}

static void report_group(Auditor *a, const Dep *d, const Resolved *r, Group *g)
{
    const char *pkg = r->name;
    char msg[2048], ids[1024] = "";
    for (size_t i = 0; i < g->n_ids; i++) {
        if (same_id(g->ids[i], g->primary->id)) continue;
        size_t len = strlen(ids);
        snprintf(ids + len, sizeof ids - len, "%s%s", len ? ", " : "", g->ids[i]);
    }
    if (g->malicious) {
        snprintf(msg, sizeof msg, "%s is a known malicious package (%s%s%s)%s%s", pkg, g->primary->id,
                 *ids ? ", " : "", ids, g->primary->summary ? ": " : "",
                 g->primary->summary ? g->primary->summary : "");
        Finding *f = emit(a, "DEP004", d, msg);
        finding_add_property(f, "package", pkg);
        finding_add_property(f, "id", g->primary->id);
        return;
    }
    if (ignored(a, d, g)) {
        a->stats->ignored++;
        return;
    }
    char summary[200];
    shorten(g->primary->summary ? g->primary->summary : "no summary", summary, sizeof summary);
    char fix[256];
    if (g->fix) snprintf(fix, sizeof fix, "fixed in %s", g->fix);
    else snprintf(fix, sizeof fix, "no fixed version is known");
    if (r->pinned)
        snprintf(msg, sizeof msg, "%s %s is affected by %s%s%s%s: %s (%s)", pkg, r->version_text, g->primary->id,
                 *ids ? " (" : "", ids, *ids ? ")" : "", summary, fix);
    else
        snprintf(msg, sizeof msg, "%s %s may install a version affected by %s%s%s%s: %s (%s)", pkg,
                 *r->spec_text ? r->spec_text : "(any version)", g->primary->id, *ids ? " (" : "", ids,
                 *ids ? ")" : "", summary, fix);
    Finding *f = emit(a, "DEP001", d, msg);
    if (g->severity) f->severity = (uint8_t)g->severity;
    if (!r->pinned) f->confidence = CONF_MEDIUM;
    finding_add_property(f, "package", pkg);
    finding_add_property(f, "version", r->pinned ? r->version_text : r->spec_text);
    finding_add_property(f, "id", g->primary->id);
    finding_add_property(f, "aliases", ids);
    if (g->primary->summary) finding_add_property(f, "summary", g->primary->summary);
    finding_add_property(f, "fixed_versions", g->fixed.data ? g->fixed.data : "");
    finding_add_property(f, "fix", g->fix ? g->fix : "");
    if (g->primary->url) finding_add_property(f, "url", g->primary->url);
    a->stats->vulnerabilities++;
}

static uint64_t hash_name(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return h;
}

static void cache_grow(PackageCache *c)
{
    size_t cap = c->cap ? c->cap * 2 : 256;
    PackageAdvisories **slots = calloc(cap, sizeof *slots);
    if (!slots) die_out_of_memory();
    for (size_t i = 0; i < c->cap; i++) {
        if (!c->slots[i]) continue;
        size_t j = hash_name(c->slots[i]->key) & (cap - 1);
        while (slots[j]) j = (j + 1) & (cap - 1);
        slots[j] = c->slots[i];
    }
    free(c->slots);
    c->slots = slots;
    c->cap = cap;
}

/* The advisories of a package, looked up and parsed on first use. */
static const PackageAdvisories *cache_get(Auditor *a, const char *name, KraitError *err)
{
    char key[512];
    if (pkgname_normalize(name, strlen(name), key, sizeof key) < 0) {
        error_set(err, NULL, 0, 0, "package name too long: %.80s...", name);
        return NULL;
    }
    PackageCache *c = &a->cache;
    if (c->count * 2 >= c->cap) cache_grow(c);
    size_t j = hash_name(key) & (c->cap - 1);
    for (; c->slots[j]; j = (j + 1) & (c->cap - 1))
        if (strcmp(c->slots[j]->key, key) == 0) return c->slots[j];
    PackageAdvisories *pa = ARENA_NEW(&c->arena, PackageAdvisories);
    pa->key = arena_strndup(&c->arena, key, strlen(key));
    if (vulndb_lookup(a->db, key, &c->arena, &pa->recs, &pa->n, err) < 0) return NULL;
    pa->matchers = ARENA_ARRAY(&c->arena, const OsvMatcher *, pa->n ? pa->n : 1);
    for (size_t i = 0; i < pa->n; i++)
        pa->matchers[i] = pa->recs[i].n_affected ? osvmatch_prepare(&pa->recs[i].affected[0], &c->arena) : NULL;
    pa->group = ARENA_ARRAY(&c->arena, size_t, pa->n ? pa->n : 1);
    for (size_t i = 0; i < pa->n; i++) pa->group[i] = i;
    for (size_t i = 0; i < pa->n; i++)
        for (size_t k = i + 1; k < pa->n; k++)
            if (records_alias(&pa->recs[i], &pa->recs[k])) pa->group[find_root(pa->group, k)] = find_root(pa->group, i);
    for (size_t i = 0; i < pa->n; i++) pa->group[i] = find_root(pa->group, i);
    c->slots[j] = pa;
    c->count++;
    return pa;
}

static int audit_one(Auditor *a, const Dep *d, KraitError *err)
{
    Resolved r;
    if (resolve(a, d, &r) == 0) return 0;
    const PackageAdvisories *pa = cache_get(a, r.name, err);
    if (!pa) return -1;
    OsvRecord *recs = pa->recs;
    size_t n = pa->n;
    if (n == 0) return 0;
    OsvVerdict *verdicts = ARENA_ARRAY(a->arena, OsvVerdict, n);
    const size_t *parent = pa->group;
    for (size_t i = 0; i < n; i++) {
        verdicts[i].affected = false;
        if (recs[i].withdrawn || recs[i].n_affected == 0) continue;
        if (recs[i].malicious) {
            /* a malicious package is bad in every version */
            memset(&verdicts[i], 0, sizeof verdicts[i]);
            verdicts[i].affected = true;
            continue;
        }
        if (r.pinned) osvmatch_prepared_version(pa->matchers[i], &r.version, a->arena, &verdicts[i]);
        else osvmatch_prepared_specset(pa->matchers[i], &r.set, a->arena, &verdicts[i]);
    }
    for (size_t root = 0; root < n; root++) {
        if (parent[root] != root) continue;
        Group g;
        memset(&g, 0, sizeof g);
        strbuf_init(&g.fixed);
        for (size_t i = 0; i < n; i++)
            if (parent[i] == root && verdicts[i].affected) group_add(&g, &recs[i], &verdicts[i]);
        if (g.primary) report_group(a, d, &r, &g);
        strbuf_free(&g.fixed);
    }
    return 0;
}

int audit_run(VulnDb *db, const DepList *deps, const AuditOptions *opt, Arena *arena, FindingList *out,
              AuditStats *stats, AuditWarnFn warn, void *ctx, KraitError *err)
{
    (void)arena;
    /* Everything one dependency needs (its parsed requirement, the
     * advisories, parsed versions) lives in a scratch arena reset after
     * it: findings copy what they keep, so memory stays flat however many
     * dependencies there are. */
    Arena scratch;
    arena_init(&scratch);
    Auditor a = {db, opt, &scratch, out, stats, warn, ctx, {{0}, NULL, 0, 0}, NULL, {NULL, 0}, NULL, 0};
    arena_init(&a.cache.arena);
    memset(stats, 0, sizeof *stats);
    int rc = 0;
    for (size_t i = 0; i < deps->n && rc == 0; i++) {
        stats->dependencies++;
        rc = audit_one(&a, &deps->items[i], err);
        arena_reset(&scratch);
    }
    arena_free(&scratch);
    arena_free(&a.cache.arena);
    free(a.cache.slots);
    free(a.cached_path);
    free(a.line_starts);
    file_data_free(&a.cached);
    return rc;
}
