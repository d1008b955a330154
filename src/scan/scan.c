/* scan.c - see scan.h. The walk collects paths first (it is cheap and
 * sequential); Python files are then spread over workers, each with its own
 * arena and finding list, merged in file order afterwards. */
#include "scan/scan.h"
#include "base/arena.h"
#include "base/die.h"
#include "base/file.h"
#include "base/workqueue.h"
#include "deps/manifest.h"
#include "python/parser.h"
#include "rules/check.h"
#include "rules/registry.h"
#include "scan/suppress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SCAN_MAX_FILE = 64 << 20 };

typedef struct PathList {
    char **items;
    size_t n, cap;
} PathList;

typedef struct Collected {
    PathList python;
    PathList manifests;
} Collected;

typedef struct Worker {
    Arena arena;
    FindingList findings;
    unsigned parse_errors;
    unsigned unreadable;
    unsigned suppressed;
} Worker;

typedef struct Shared {
    const PathList *files;
    FindingList *per_file;      /* one list per file, merged in order */
    ScanWarnFn warn;
    void *ctx;
    bool report_unused_suppressions;
    const RulesOptions *rules;
} Shared;

static void path_list_add(PathList *l, const char *path)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->items = realloc(l->items, l->cap * sizeof *l->items);
        if (!l->items) die_out_of_memory();
    }
    l->items[l->n] = strdup(path);
    if (!l->items[l->n]) die_out_of_memory();
    l->n++;
}

static void path_list_free(PathList *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static int collect(const char *path, WalkFileKind kind, void *ctx)
{
    Collected *c = ctx;
    if (kind == WALK_PYTHON) path_list_add(&c->python, path);
    else if (manifest_kind(path) != MANIFEST_NONE) path_list_add(&c->manifests, path);
    return 0;
}

/* The text of line `line` (1-based) of src, for a finding's snippet. */
static void snippet_of(Finding *f, const char *src, size_t len, unsigned line)
{
    const char *p = src, *end = src + len;
    for (unsigned l = 1; p < end && l < line; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return;
        p = nl + 1;
    }
    if (p >= end) return;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (n && p[n - 1] == '\r') n--;
    finding_set_snippet(f, p, n);
}

static void scan_python_file(size_t index, void *worker_ctx, void *shared_ctx)
{
    Worker *w = worker_ctx;
    Shared *sh = shared_ctx;
    const char *path = sh->files->items[index];
    FindingList *out = &sh->per_file[index];
    FileData fd;
    KraitError err;
    if (file_read_all(path, SCAN_MAX_FILE, &fd, &err) < 0) {
        w->unreadable++;
        if (sh->warn) sh->warn(&err, sh->ctx);
        return;
    }
    ParseResult pr;
    if (parser_parse_module(&w->arena, path, fd.data, fd.len, &pr, &err) < 0) {
        w->parse_errors++;
        char msg[ERROR_MESSAGE_MAX + 32];
        snprintf(msg, sizeof msg, "syntax error: %s", err.message);
        Finding *f = finding_list_add(out, registry_find("E999"), path, (uint32_t)(err.line > 0 ? err.line : 1),
                                      (uint32_t)(err.col > 0 ? err.col : 1), msg);
        snippet_of(f, fd.data, fd.len, f->line);
    } else {
        rules_check_module_with(&pr, path, &w->arena, sh->rules, out);   /* the code rules */
        SuppressResult sr;
        suppress_apply(&w->arena, &pr, path, out, sh->report_unused_suppressions, sh->warn, sh->ctx, &sr);
        w->suppressed += sr.suppressed;
    }
    file_data_free(&fd);
    arena_reset(&w->arena);
}

static int audit_manifests(const ScanOptions *opt, const PathList *manifests, FindingList *out, ScanStats *stats,
                           ScanWarnFn warn, void *ctx, KraitError *err)
{
    Arena arena;
    arena_init(&arena);
    DepList deps = {0};
    for (size_t i = 0; i < manifests->n; i++) {
        KraitError e;
        const char *path = manifests->items[i];
        if (manifest_read(&arena, path, manifest_kind(path), &deps, &e) < 0) {
            if (warn) warn(&e, ctx);   /* one broken manifest does not stop the scan */
            continue;
        }
        stats->manifests++;
    }
    stats->dependencies = (unsigned)deps.n;
    int rc = 0;
    if (deps.n) {
        char db_path[ERROR_PATH_MAX];
        VulnDb *db = NULL;
        KraitError e;
        if (opt->db_path) snprintf(db_path, sizeof db_path, "%s", opt->db_path);
        if ((!opt->db_path && vulndb_default_path(db_path, sizeof db_path, 0, &e) < 0) ||
            vulndb_open_readonly(db_path, &db, &e) < 0) {
            /* the code scan stands on its own: say why deps were not audited */
            KraitError w;
            error_set(&w, NULL, 0, 0, "dependencies not audited: %s", e.message);
            if (warn) warn(&w, ctx);
        } else {
            AuditStats as;
            rc = audit_run(db, &deps, &opt->audit, &arena, out, &as, warn, ctx, err);
            vulndb_close(db);
        }
    }
    arena_free(&arena);
    return rc;
}

int scan_run(const ScanOptions *opt, FindingList *out, ScanStats *stats, ScanWarnFn warn, void *ctx,
             KraitError *err)
{
    memset(stats, 0, sizeof *stats);
    Collected c;
    memset(&c, 0, sizeof c);
    WalkOptions wo = opt->walk;
    wo.want_other_files = true;
    int rc = walk_run(opt->roots, opt->n_roots, &wo, collect, warn, &c, err);
    if (rc < 0) goto done;
    stats->python_files = (unsigned)c.python.n;

    unsigned threads = opt->threads ? opt->threads : workqueue_default_threads();
    Worker *workers = calloc(threads, sizeof *workers);
    void **ctxs = calloc(threads, sizeof *ctxs);
    FindingList *per_file = calloc(c.python.n ? c.python.n : 1, sizeof *per_file);
    if (!workers || !ctxs || !per_file) die_out_of_memory();
    for (unsigned i = 0; i < threads; i++) {
        arena_init(&workers[i].arena);
        ctxs[i] = &workers[i];
    }
    Shared sh = {&c.python, per_file, warn, ctx, opt->report_unused_suppressions, opt->rules};
    workqueue_run(c.python.n, threads, scan_python_file, ctxs, &sh);
    for (size_t i = 0; i < c.python.n; i++) finding_list_take(out, &per_file[i]);
    for (unsigned i = 0; i < threads; i++) {
        stats->parse_errors += workers[i].parse_errors;
        stats->unreadable += workers[i].unreadable;
        stats->suppressed += workers[i].suppressed;
        arena_free(&workers[i].arena);
    }
    free(per_file);
    free(ctxs);
    free(workers);

    if (opt->audit_deps) rc = audit_manifests(opt, &c.manifests, out, stats, warn, ctx, err);
done:
    path_list_free(&c.python);
    path_list_free(&c.manifests);
    return rc;
}
