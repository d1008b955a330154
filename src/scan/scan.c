/* scan.c - see scan.h. The walk collects paths first (it is cheap and
 * sequential); Python files are then spread over workers, each with its own
 * arena and finding list, merged in file order afterwards. */
#include "scan/scan.h"
#include "base/arena.h"
#include "base/die.h"
#include "base/file.h"
#include "base/workqueue.h"
#include "deps/manifest.h"
#include "project/pytarget.h"
#include "python/parser.h"
#include "rules/check.h"
#include "rules/registry.h"
#include "scan/scan_secrets.h"
#include "scan/suppress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SCAN_MAX_FILE = 64 << 20 };

typedef struct PathList {
    char **items;
    uint64_t *sizes;            /* bytes, from the walk: big files are scanned first */
    size_t n, cap;
} PathList;

typedef struct Collected {
    unsigned files;             /* distinct files something applied to */
    PathList python;
    PathList manifests;
    PathList targets;           /* files that declare the Python a project targets */
    PathList texts;             /* text files read for secrets */
    PathList venvs;             /* virtual environments: their installed distributions */
} Collected;

typedef struct Worker {
    Arena arena;
    SecretWorkspace *secrets;   /* NULL when the secrets pass is off */
    FindingList findings;
    unsigned parse_errors;
    unsigned unreadable;
    unsigned suppressed;
} Worker;

typedef struct Shared {
    const PathList *files;
    const size_t *order;        /* the i-th item of work is file order[i] */
    const SecretScanner *secrets;
    FindingList *per_file;      /* one list per file, merged in order */
    ScanWarnFn warn;
    void *ctx;
    bool report_unused_suppressions;
    const RulesOptions *rules;
} Shared;

static void path_list_add(PathList *l, const char *path, uint64_t size)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->items = realloc(l->items, l->cap * sizeof *l->items);
        l->sizes = realloc(l->sizes, l->cap * sizeof *l->sizes);
        if (!l->items || !l->sizes) die_out_of_memory();
    }
    l->items[l->n] = strdup(path);
    if (!l->items[l->n]) die_out_of_memory();
    l->sizes[l->n] = size;
    l->n++;
}

static void path_list_free(PathList *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->items[i]);
    free(l->items);
    free(l->sizes);
    memset(l, 0, sizeof *l);
}

static int collect(const char *path, WalkFileKind kind, uint64_t size, void *ctx)
{
    Collected *c = ctx;
    if (kind == WALK_VENV) {
        path_list_add(&c->venvs, path, size);
        return 0;
    }
    bool used = false;
    if (kind == WALK_PYTHON) {
        path_list_add(&c->python, path, size);
        used = true;
    } else if (manifest_kind(path) != MANIFEST_NONE) {
        path_list_add(&c->manifests, path, size);
        used = true;
    }
    if (kind != WALK_PYTHON && scan_secrets_wants(path)) {
        path_list_add(&c->texts, path, size);
        used = true;
    }
    /* pyproject.toml and setup.py are also where the Python version is declared */
    if (pytarget_file_kind(path) != PYFILE_UNKNOWN) {
        path_list_add(&c->targets, path, size);
        used = true;
    }
    c->files += used;
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

static void scan_python_file(size_t item, void *worker_ctx, void *shared_ctx)
{
    Worker *w = worker_ctx;
    Shared *sh = shared_ctx;
    size_t index = sh->order[item];
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
    if (parser_parse_module_in_place(&w->arena, path, fd.data, fd.len, &pr, &err) < 0) {
        w->parse_errors++;
        char msg[ERROR_MESSAGE_MAX + 32];
        snprintf(msg, sizeof msg, "syntax error: %s", err.message);
        Finding *f = finding_list_add(out, registry_find("E999"), path, (uint32_t)(err.line > 0 ? err.line : 1),
                                      (uint32_t)(err.col > 0 ? err.col : 1), msg);
        snippet_of(f, fd.data, fd.len, f->line);
        if (sh->secrets) scan_secrets_unparsed_python(sh->secrets, w->secrets, path, fd.data, fd.len, out);
    } else {
        rules_check_module_with(&pr, path, &w->arena, sh->rules, out);   /* the code rules */
        if (sh->secrets) scan_secrets_python(sh->secrets, w->secrets, &pr, path, &w->arena, out);
        /* after every family, so # nosec also covers secrets in literals */
        SuppressResult sr;
        suppress_apply(&w->arena, &pr, path, out, sh->report_unused_suppressions, sh->warn, sh->ctx, &sr);
        w->suppressed += sr.suppressed;
    }
    file_data_free(&fd);
    arena_reset(&w->arena);
}

static void scan_text_file(size_t item, void *worker_ctx, void *shared_ctx)
{
    Worker *w = worker_ctx;
    Shared *sh = shared_ctx;
    size_t index = sh->order[item];
    const char *path = sh->files->items[index];
    FileData fd;
    KraitError err;
    if (file_read_all(path, SCAN_MAX_FILE, &fd, &err) < 0) {
        w->unreadable++;
        if (sh->warn) sh->warn(&err, sh->ctx);
        return;
    }
    scan_secrets_text(sh->secrets, w->secrets, path, fd.data, fd.len, &sh->per_file[index]);
    file_data_free(&fd);
}

static int compare_by_size(const void *a, const void *b, void *ctx)
{
    const uint64_t *sizes = ctx;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    if (sizes[i] != sizes[j]) return sizes[i] > sizes[j] ? -1 : 1;
    return i < j ? -1 : i > j;
}

/* Runs fn over files on the workers; per-file findings are appended to out
 * in file order. The biggest files go first, so that no worker is left
 * with a big one at the end while the others idle. */
static void run_files(const ScanOptions *opt, const PathList *files, WorkFn fn, void **ctxs, unsigned threads,
                      const SecretScanner *secrets, FindingList *out, ScanWarnFn warn, void *ctx)
{
    size_t n = files->n ? files->n : 1;
    FindingList *per_file = calloc(n, sizeof *per_file);
    size_t *order = malloc(n * sizeof *order);
    if (!per_file || !order) die_out_of_memory();
    for (size_t i = 0; i < files->n; i++) order[i] = i;
    if (files->n) qsort_r(order, files->n, sizeof *order, compare_by_size, files->sizes);
    Shared sh = {files, order, secrets, per_file, warn, ctx, opt->report_unused_suppressions, opt->rules};
    workqueue_run(files->n, threads, fn, ctxs, &sh);
    for (size_t i = 0; i < files->n; i++) finding_list_take(out, &per_file[i]);
    free(order);
    free(per_file);
}

static int audit_manifests(const ScanOptions *opt, const PathList *manifests, const PathList *venvs,
                           FindingList *out, ScanStats *stats, ScanWarnFn warn, void *ctx, KraitError *err)
{
    Arena arena;
    arena_init(&arena);
    DepList deps = {0};
    for (size_t i = 0; i < venvs->n; i++) {
        KraitError e;
        if (manifest_read_installed(&arena, venvs->items[i], &deps, warn, ctx, &e) < 0 && warn) warn(&e, ctx);
    }
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

/* PY001-PY003: one declaration of the targeted Python. */
static void check_target(const char *path, const PyTargetDecl *decl, PyDate today, FindingList *out, ScanWarnFn warn,
                         void *ctx)
{
    PythonTarget target;
    KraitError e;
    if (pytarget_lowest(decl, &target, &e) < 0) {
        KraitError w;
        error_set(&w, path, decl->line, decl->col, "cannot read the Python version '%s': %s", decl->text, e.message);
        if (warn) warn(&w, ctx);
        return;
    }
    if (!target.found) return;
    PythonEolStatus st;
    PythonEolKind kind = python_eol_status(target.major, target.minor, today, &st);
    if (kind != PYEOL_PAST && kind != PYEOL_SOON) return;
    char date[11];
    python_date_format(st.eol, date);
    const char *id = kind == PYEOL_SOON ? "PY002" : decl->kind == PYTARGET_CONSTRAINT ? "PY003" : "PY001";
    char msg[512];
    const char *yaml = decl->yaml_float ? " (unquoted in YAML, so it is read as a number: quote it)" : "";
    if (kind == PYEOL_SOON)
        snprintf(msg, sizeof msg, "%s '%s' targets CPython %d.%d, which reaches its end of life on %s%s",
                 decl->what, decl->text, target.major, target.minor, date, yaml);
    else if (decl->kind == PYTARGET_CONSTRAINT)
        snprintf(msg, sizeof msg, "%s '%s' still admits CPython %d.%d, past its end of life since %s", decl->what,
                 decl->text, target.major, target.minor, date);
    else
        snprintf(msg, sizeof msg, "%s '%s' targets CPython %d.%d, past its end of life since %s%s", decl->what,
                 decl->text, target.major, target.minor, date, yaml);
    finding_list_add(out, registry_find(id), path, (uint32_t)decl->line, (uint32_t)decl->col, msg);
}

static void check_python_targets(const ScanOptions *opt, const PathList *files, FindingList *out, ScanWarnFn warn,
                                 void *ctx)
{
    PyDate today = python_date_today();
    KraitError e;
    if (opt->audit.today) (void)python_date_parse(opt->audit.today, &today, &e);
    Arena arena;
    arena_init(&arena);
    for (size_t i = 0; i < files->n; i++) {
        const char *path = files->items[i];
        FileData fd;
        if (file_read_all(path, SCAN_MAX_FILE, &fd, &e) < 0) {
            if (warn) warn(&e, ctx);
            continue;
        }
        PyTargetList list = {0};
        if (pytarget_read(&arena, pytarget_file_kind(path), path, fd.data, fd.len, &list, &e) < 0) {
            if (warn) warn(&e, ctx);
        } else {
            for (size_t k = 0; k < list.count; k++) check_target(path, &list.items[k], today, out, warn, ctx);
        }
        file_data_free(&fd);
        arena_reset(&arena);
    }
    arena_free(&arena);
}

int scan_run(const ScanOptions *opt, FindingList *out, ScanStats *stats, ScanWarnFn warn, void *ctx,
             KraitError *err)
{
    memset(stats, 0, sizeof *stats);
    Collected c;
    memset(&c, 0, sizeof c);
    WalkOptions wo = opt->walk;
    wo.want_other_files = true;
    wo.want_venvs = opt->audit_deps;
    int rc = walk_run(opt->roots, opt->n_roots, &wo, collect, warn, &c, err);
    if (rc < 0) goto done;
    stats->python_files = (unsigned)c.python.n;
    stats->files = c.files;

    unsigned threads = opt->threads ? opt->threads : workqueue_default_threads();
    SecretScanner *secrets = NULL;
    if (opt->secrets && secrets_scanner_new(&secrets, err) < 0) {
        rc = -1;
        goto done;
    }
    Worker *workers = calloc(threads, sizeof *workers);
    void **ctxs = calloc(threads, sizeof *ctxs);
    if (!workers || !ctxs) die_out_of_memory();
    for (unsigned i = 0; i < threads; i++) {
        arena_init(&workers[i].arena);
        workers[i].secrets = secrets ? secrets_workspace_new() : NULL;
        ctxs[i] = &workers[i];
    }
    run_files(opt, &c.python, scan_python_file, ctxs, threads, secrets, out, warn, ctx);
    if (secrets) {
        run_files(opt, &c.texts, scan_text_file, ctxs, threads, secrets, out, warn, ctx);
        stats->text_files = (unsigned)c.texts.n;
    }
    for (unsigned i = 0; i < threads; i++) {
        stats->parse_errors += workers[i].parse_errors;
        stats->unreadable += workers[i].unreadable;
        stats->suppressed += workers[i].suppressed;
        arena_free(&workers[i].arena);
        if (workers[i].secrets) secrets_workspace_free(workers[i].secrets);
    }
    free(ctxs);
    free(workers);
    secrets_scanner_free(secrets);

    check_python_targets(opt, &c.targets, out, warn, ctx);
    if (opt->audit_deps) rc = audit_manifests(opt, &c.manifests, &c.venvs, out, stats, warn, ctx, err);
done:
    path_list_free(&c.targets);
    path_list_free(&c.texts);
    path_list_free(&c.venvs);
    path_list_free(&c.python);
    path_list_free(&c.manifests);
    return rc;
}
