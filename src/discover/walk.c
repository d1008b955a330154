/* walk.c - see walk.h. The walk is recursive with an explicit depth limit
 * (MAX_DEPTH folders): deeper trees are reported, not followed. Ancestors'
 * (device, inode) pairs are kept on a stack so a symbolic link back into an
 * ancestor is detected as a loop. Each folder's .gitignore is one level of
 * rules; a path is decided by the deepest level with a matching rule, and
 * within a level by the last matching rule, as git does. */
#include "discover/walk.h"
#include "discover/glob.h"
#include "base/die.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { MAX_DEPTH = 256 };

typedef struct IgnoreRule {
    char *pattern;
    size_t len;
    bool negate;
    bool dir_only;
    bool anchored;      /* matched against the path, not just the name */
} IgnoreRule;

typedef struct IgnoreLevel {
    size_t base_len;    /* length of the folder's path relative to the root */
    IgnoreRule *rules;
    size_t n;
} IgnoreLevel;

typedef struct Walker {
    const WalkOptions *opt;
    WalkFn fn;
    WalkWarnFn warn;
    void *ctx;
    IgnoreLevel levels[MAX_DEPTH + 2];
    size_t n_levels;
    dev_t devs[MAX_DEPTH + 1];
    ino_t inos[MAX_DEPTH + 1];
    size_t depth;
} Walker;

/* Folders no scan wants: version control, caches, tool state. */
static const char *const skipped_dirs[] = {
    ".git", ".hg", ".svn", ".bzr", "CVS", "__pycache__", ".mypy_cache", ".pytest_cache",
    ".ruff_cache", ".tox", ".nox", ".eggs", ".venv", "venv", "node_modules", "__pypackages__",
    ".direnv", ".ipynb_checkpoints", NULL,
};

static bool is_skipped_dir(const char *name)
{
    for (const char *const *d = skipped_dirs; *d; d++)
        if (strcmp(*d, name) == 0) return true;
    return false;
}

static void warn_at(Walker *w, const char *path, const char *fmt, const char *detail)
{
    if (!w->warn) return;
    KraitError e;
    error_set(&e, path, 0, 0, fmt, detail);
    w->warn(&e, w->ctx);
}

static void rule_add(IgnoreLevel *lvl, const char *line, size_t len, size_t *cap)
{
    while (len && (line[len - 1] == ' ' || line[len - 1] == '\t' || line[len - 1] == '\r')) {
        if (len >= 2 && line[len - 2] == '\\') break;   /* escaped trailing space */
        len--;
    }
    if (!len || line[0] == '#') return;
    IgnoreRule r = {0};
    if (line[0] == '!') { r.negate = true; line++; len--; }
    else if (line[0] == '\\' && len > 1 && (line[1] == '#' || line[1] == '!')) { line++; len--; }
    if (len && line[len - 1] == '/') { r.dir_only = true; len--; }
    if (len && line[0] == '/') { r.anchored = true; line++; len--; }
    if (!len) return;
    if (memchr(line, '/', len)) r.anchored = true;
    r.pattern = malloc(len + 1);
    if (!r.pattern) die_out_of_memory();
    memcpy(r.pattern, line, len);
    r.pattern[len] = '\0';
    r.len = len;
    if (lvl->n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        lvl->rules = realloc(lvl->rules, *cap * sizeof *lvl->rules);
        if (!lvl->rules) die_out_of_memory();
    }
    lvl->rules[lvl->n++] = r;
}

static void level_parse(IgnoreLevel *lvl, const char *text, size_t len)
{
    size_t cap = 0;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || text[i] == '\n') {
            rule_add(lvl, text + start, i - start, &cap);
            start = i + 1;
        }
    }
}

static void level_free(IgnoreLevel *lvl)
{
    for (size_t i = 0; i < lvl->n; i++) free(lvl->rules[i].pattern);
    free(lvl->rules);
    memset(lvl, 0, sizeof *lvl);
}

/* Reads dir/.gitignore into a new level; false when there is none. */
static bool level_load(IgnoreLevel *lvl, const char *dir, size_t base_len)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/.gitignore", dir) >= (int)sizeof path) return false;
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + n > cap) {
            cap = (len + n) * 2;
            buf = realloc(buf, cap);
            if (!buf) die_out_of_memory();
        }
        memcpy(buf + len, chunk, n);
        len += n;
    }
    fclose(f);
    memset(lvl, 0, sizeof *lvl);
    lvl->base_len = base_len;
    level_parse(lvl, buf ? buf : "", len);
    free(buf);
    return true;
}

/* -1 not decided by this level, 0 included (negated rule), 1 ignored. */
static int level_decide(const IgnoreLevel *lvl, const char *rel, size_t rel_len, bool is_dir)
{
    const char *name = strrchr(rel, '/');
    name = name ? name + 1 : rel;
    size_t name_len = rel_len - (size_t)(name - rel);
    for (size_t i = lvl->n; i-- > 0;) {
        const IgnoreRule *r = &lvl->rules[i];
        if (r->dir_only && !is_dir) continue;
        bool hit = r->anchored ? glob_match(r->pattern, r->len, rel, rel_len)
                               : glob_match(r->pattern, r->len, name, name_len);
        if (hit) return r->negate ? 0 : 1;
    }
    return -1;
}

static bool is_ignored(const Walker *w, const char *rel, bool is_dir)
{
    size_t rel_len = strlen(rel);
    for (size_t i = w->n_levels; i-- > 0;) {
        const IgnoreLevel *lvl = &w->levels[i];
        if (lvl->base_len > rel_len) continue;
        const char *sub = rel + lvl->base_len;
        if (lvl->base_len) sub++;   /* skip the '/' after the folder's path */
        int d = level_decide(lvl, sub, strlen(sub), is_dir);
        if (d >= 0) return d == 1;
    }
    return false;
}

bool walk_has_python_shebang(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char line[256];
    size_t n = fread(line, 1, sizeof line - 1, f);
    fclose(f);
    line[n] = '\0';
    if (n < 2 || line[0] != '#' || line[1] != '!') return false;
    char *nl = memchr(line, '\n', n);
    if (nl) *nl = '\0';
    return strstr(line, "python") != NULL;
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static WalkFileKind classify(const char *name, const char *full)
{
    if (has_suffix(name, ".py") || has_suffix(name, ".pyi")) return WALK_PYTHON;
    if (!strchr(name, '.') && walk_has_python_shebang(full)) return WALK_PYTHON;
    return WALK_OTHER;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_dir(Walker *w, const char *dir, const char *rel);

static bool on_ancestor_stack(const Walker *w, const struct stat *st)
{
    for (size_t i = 0; i < w->depth; i++)
        if (w->devs[i] == st->st_dev && w->inos[i] == st->st_ino) return true;
    return false;
}

static int visit_entry(Walker *w, const char *dir, const char *rel, const char *name)
{
    char full[4096], sub[4096];
    /* below the root "." paths read "a/b.py", as users type them */
    bool dot = strcmp(dir, ".") == 0;
    if (snprintf(full, sizeof full, "%s%s%s", dot ? "" : dir, dot ? "" : "/", name) >= (int)sizeof full ||
        snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", name) >= (int)sizeof sub) {
        warn_at(w, dir, "path too long, skipped: %s", name);
        return 0;
    }
    struct stat st;
    if (stat(full, &st) != 0) {
        warn_at(w, full, "cannot read (%s), skipped", strerror(errno));
        return 0;
    }
    if (S_ISDIR(st.st_mode)) {
        char cfg[4200];
        snprintf(cfg, sizeof cfg, "%s/pyvenv.cfg", full);
        bool venv = access(cfg, F_OK) == 0;
        if (is_skipped_dir(name) && !(venv && w->opt->want_venvs)) return 0;
        if (w->opt->use_gitignore || w->opt->n_excludes)
            if (is_ignored(w, sub, true)) return 0;
        if (venv)   /* a virtual environment: its code is not the project's */
            return w->opt->want_venvs ? w->fn(full, WALK_VENV, 0, w->ctx) : 0;
        if (on_ancestor_stack(w, &st)) {
            warn_at(w, full, "%s", "symbolic link loop, not followed");
            return 0;
        }
        if (w->depth >= MAX_DEPTH) {
            warn_at(w, full, "folders nested deeper than %s, not followed", "256");
            return 0;
        }
        w->devs[w->depth] = st.st_dev;
        w->inos[w->depth] = st.st_ino;
        w->depth++;
        int rc = walk_dir(w, full, sub);
        w->depth--;
        return rc;
    }
    if (!S_ISREG(st.st_mode)) return 0;
    if (w->opt->use_gitignore || w->opt->n_excludes)
        if (is_ignored(w, sub, false)) return 0;
    WalkFileKind kind = classify(name, full);
    if (kind == WALK_OTHER && !w->opt->want_other_files) return 0;
    return w->fn(full, kind, (uint64_t)st.st_size, w->ctx);
}

static int walk_dir(Walker *w, const char *dir, const char *rel)
{
    DIR *d = opendir(dir);
    if (!d) {
        warn_at(w, dir, "cannot open folder (%s), skipped", strerror(errno));
        return 0;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            names = realloc(names, cap * sizeof *names);
            if (!names) die_out_of_memory();
        }
        names[n] = strdup(e->d_name);
        if (!names[n]) die_out_of_memory();
        n++;
    }
    closedir(d);
    if (n > 1) qsort(names, n, sizeof *names, compare_names);   /* names is NULL when empty */
    bool pushed = false;
    if (w->opt->use_gitignore && level_load(&w->levels[w->n_levels], dir, strlen(rel))) {
        w->n_levels++;
        pushed = true;
    }
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (rc == 0) rc = visit_entry(w, dir, rel, names[i]);
        free(names[i]);
    }
    free(names);
    if (pushed) level_free(&w->levels[--w->n_levels]);
    return rc;
}

static int walk_root(Walker *w, const char *root, KraitError *err)
{
    if (strcmp(root, "-") == 0) return w->fn(root, WALK_PYTHON, 0, w->ctx);
    struct stat st;
    if (stat(root, &st) != 0) return error_set(err, root, 0, 0, "cannot scan: %s", strerror(errno));
    if (!S_ISDIR(st.st_mode)) {
        const char *name = strrchr(root, '/');
        return w->fn(root, classify(name ? name + 1 : root, root), (uint64_t)st.st_size, w->ctx);
    }
    char dir[4096];
    size_t len = strlen(root);
    if (len >= sizeof dir) return error_set(err, root, 0, 0, "path too long");
    memcpy(dir, root, len + 1);
    while (len > 1 && dir[len - 1] == '/') dir[--len] = '\0';
    w->devs[0] = st.st_dev;
    w->inos[0] = st.st_ino;
    w->depth = 1;
    return walk_dir(w, dir, "");
}

int walk_run(const char *const *roots, size_t n_roots, const WalkOptions *opt,
             WalkFn fn, WalkWarnFn warn, void *ctx, KraitError *err)
{
    Walker *w = calloc(1, sizeof *w);
    if (!w) die_out_of_memory();
    w->opt = opt;
    w->fn = fn;
    w->warn = warn;
    w->ctx = ctx;
    /* User excludes form the outermost level, so .gitignore files below
     * can still re-include with '!' as git would. */
    if (opt->n_excludes) {
        size_t cap = 0;
        for (size_t i = 0; i < opt->n_excludes; i++)
            rule_add(&w->levels[0], opt->excludes[i], strlen(opt->excludes[i]), &cap);
        w->n_levels = 1;
    }
    int rc = 0;
    for (size_t i = 0; i < n_roots && rc == 0; i++) rc = walk_root(w, roots[i], err);
    for (size_t i = 0; i < w->n_levels; i++) level_free(&w->levels[i]);
    free(w);
    return rc;
}
