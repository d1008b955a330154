/* manifest.c - see manifest.h. One reader per format; TOML formats go
 * through config/toml.h, Pipfile.lock through jansson. */
#include "deps/manifest.h"
#include "base/file.h"
#include "config/toml.h"
#include "deps/requirements.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void deplist_add(DepList *list, Arena *arena, const Dep *dep)
{
    if (list->n == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 32;
        list->items = arena_realloc(arena, list->items, list->cap * sizeof *list->items, cap * sizeof *list->items);
        list->cap = cap;
    }
    list->items[list->n++] = *dep;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static bool starts_with(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

ManifestKind manifest_kind(const char *path)
{
    const char *name = base_name(path);
    if (strcmp(name, "pyproject.toml") == 0) return MANIFEST_PYPROJECT;
    if (strcmp(name, "poetry.lock") == 0) return MANIFEST_POETRY_LOCK;
    if (strcmp(name, "uv.lock") == 0) return MANIFEST_UV_LOCK;
    if (strcmp(name, "pdm.lock") == 0) return MANIFEST_PDM_LOCK;
    if (strcmp(name, "Pipfile.lock") == 0) return MANIFEST_PIPFILE_LOCK;
    if (strcmp(name, "pylock.toml") == 0 || (starts_with(name, "pylock.") && ends_with(name, ".toml")))
        return MANIFEST_PYLOCK;
    if ((starts_with(name, "requirements") || starts_with(name, "constraints")) &&
        (ends_with(name, ".txt") || ends_with(name, ".in")))
        return MANIFEST_REQUIREMENTS;
    return MANIFEST_NONE;
}

static const char *copy(Arena *arena, const char *s) { return s ? arena_strndup(arena, s, strlen(s)) : NULL; }

/* ---- requirements files ------------------------------------------------ */

static int read_requirements(Arena *arena, const char *path, DepList *out, KraitError *err)
{
    ReqFile rf = {0};
    if (requirements_read(arena, path, NULL, NULL, &rf, err) < 0) return -1;
    for (size_t i = 0; i < rf.n; i++) {
        const ReqEntry *e = &rf.entries[i];
        if (e->constraint) continue;   /* constraints pin, they do not install */
        Dep d = {.source = DEP_FROM_REQUIREMENTS, .path = e->path, .line = e->line, .col = e->col,
                 .hashes = e->hashes, .n_hashes = e->n_hashes};
        if (e->kind == REQ_ENTRY_URL) d.url = e->text;
        else d.spec = e->text;
        deplist_add(out, arena, &d);
    }
    return 0;
}

/* ---- pyproject.toml ------------------------------------------------------ */

static void add_spec_array(Arena *arena, const char *path, const TomlValue *arr, const char *group, DepSource src,
                           DepList *out)
{
    for (size_t i = 0; i < toml_array_len(arr); i++) {
        const TomlValue *item = toml_array_at(arr, i);
        const char *text = toml_as_string(item);
        if (!text) continue;   /* {include-group = ...} tables are followed by the group itself */
        Dep d = {.source = src, .spec = text, .group = group, .path = path, .line = (uint32_t)item->line,
                 .col = (uint32_t)item->col};
        deplist_add(out, arena, &d);
    }
}

static int add_poetry_table(Arena *arena, const char *path, const TomlValue *table, const char *group, DepList *out,
                            KraitError *err)
{
    for (size_t i = 0; i < toml_table_len(table); i++) {
        const TomlEntry *e = toml_table_at(table, i);
        if (strcmp(e->key, "python") == 0) continue;
        Dep d = {.source = DEP_FROM_POETRY, .name = e->key, .group = group, .path = path,
                 .line = (uint32_t)e->line, .col = (uint32_t)e->col};
        const char *constraint = toml_as_string(e->value);
        if (!constraint && e->value->kind == TOML_TABLE) {
            const TomlValue *t = e->value;
            static const char *const url_keys[] = {"git", "path", "url", NULL};
            for (const char *const *k = url_keys; *k && !d.url; k++) d.url = toml_as_string(toml_table_get(t, *k));
            constraint = toml_as_string(toml_table_get(t, "version"));
        }
        if (!constraint && e->value->kind == TOML_ARRAY) constraint = "*";   /* multiple-constraint form */
        if (!d.url) {
            const char *pep = manifest_poetry_to_pep440(arena, constraint ? constraint : "*", err);
            if (!pep) {
                err->line = e->line;
                err->col = e->col;
                snprintf(err->path, sizeof err->path, "%s", path);
                return -1;
            }
            char *spec = arena_alloc(arena, strlen(e->key) + strlen(pep) + 2);
            sprintf(spec, "%s%s%s", e->key, *pep ? " " : "", pep);
            d.spec = spec;
        }
        deplist_add(out, arena, &d);
    }
    return 0;
}

static int read_pyproject(Arena *arena, const char *path, DepList *out, KraitError *err)
{
    TomlValue *root;
    if (toml_parse_file(path, arena, &root, err) < 0) return -1;
    add_spec_array(arena, path, toml_get_path(root, "project.dependencies"), NULL, DEP_FROM_PYPROJECT, out);
    const TomlValue *opt = toml_get_path(root, "project.optional-dependencies");
    for (size_t i = 0; i < toml_table_len(opt); i++) {
        const TomlEntry *e = toml_table_at(opt, i);
        add_spec_array(arena, path, e->value, e->key, DEP_FROM_PYPROJECT, out);
    }
    const TomlValue *groups = toml_table_get(root, "dependency-groups");
    for (size_t i = 0; i < toml_table_len(groups); i++) {
        const TomlEntry *e = toml_table_at(groups, i);
        add_spec_array(arena, path, e->value, e->key, DEP_FROM_PYPROJECT, out);
    }
    const TomlValue *poetry = toml_get_path(root, "tool.poetry");
    if (add_poetry_table(arena, path, toml_table_get(poetry, "dependencies"), NULL, out, err) < 0) return -1;
    if (add_poetry_table(arena, path, toml_table_get(poetry, "dev-dependencies"), "dev", out, err) < 0) return -1;
    const TomlValue *pgroups = toml_table_get(poetry, "group");
    for (size_t i = 0; i < toml_table_len(pgroups); i++) {
        const TomlEntry *e = toml_table_at(pgroups, i);
        if (add_poetry_table(arena, path, toml_table_get(e->value, "dependencies"), e->key, out, err) < 0) return -1;
    }
    return 0;
}

/* Poetry constraints: ^ keeps the left-most non-zero component, ~ the
 * minor (or major when only a major is given), a bare version is ==, * is
 * anything, and comma lists of PEP 440-like clauses pass through. */
static const char *caret_or_tilde(Arena *arena, const char *v, bool caret, KraitError *err)
{
    unsigned long parts[3] = {0, 0, 0};
    int n = 0;
    const char *p = v;
    while (n < 3 && isdigit((unsigned char)*p)) {
        parts[n++] = strtoul(p, (char **)&p, 10);
        if (*p != '.') break;
        p++;
    }
    if (n == 0) {
        error_set(err, NULL, 0, 0, "cannot read the Poetry constraint '%s%s'", caret ? "^" : "~", v);
        return NULL;
    }
    unsigned long upper[3] = {0, 0, 0};
    int keep;
    if (caret) {
        keep = 0;
        while (keep < n - 1 && parts[keep] == 0) keep++;
    } else {
        keep = n >= 2 ? 1 : 0;
    }
    for (int i = 0; i < keep; i++) upper[i] = parts[i];
    upper[keep] = parts[keep] + 1;
    char buf[256];
    snprintf(buf, sizeof buf, ">=%s,<%lu.%lu.%lu", v, upper[0], upper[1], upper[2]);
    return arena_strndup(arena, buf, strlen(buf));
}

const char *manifest_poetry_to_pep440(Arena *arena, const char *constraint, KraitError *err)
{
    while (isspace((unsigned char)*constraint)) constraint++;
    size_t len = strlen(constraint);
    while (len && isspace((unsigned char)constraint[len - 1])) len--;
    char *c = arena_strndup(arena, constraint, len);
    if (len == 0 || strcmp(c, "*") == 0) return "";
    if (strstr(c, "||")) {
        error_set(err, NULL, 0, 0, "Poetry 'or' constraints ('%s') cannot be expressed in PEP 440", c);
        return NULL;
    }
    if (c[0] == '^') return caret_or_tilde(arena, c + 1 + (c[1] == ' '), true, err);
    if (c[0] == '~' && c[1] != '=') return caret_or_tilde(arena, c + 1 + (c[1] == ' '), false, err);
    if (isdigit((unsigned char)c[0])) {
        char *out = arena_alloc(arena, len + 3);
        sprintf(out, "==%s", c);
        return out;
    }
    return c;   /* already PEP 440 operators (">=1,<2", "==1.2.*", "!=1.3") */
}

/* ---- lock files ------------------------------------------------------------ */

static int read_toml_lock(Arena *arena, const char *path, const char *array_key, DepList *out, KraitError *err)
{
    TomlValue *root;
    if (toml_parse_file(path, arena, &root, err) < 0) return -1;
    const TomlValue *packages = toml_table_get(root, array_key);
    for (size_t i = 0; i < toml_array_len(packages); i++) {
        const TomlValue *pkg = toml_array_at(packages, i);
        const char *name = toml_as_string(toml_table_get(pkg, "name"));
        if (!name) return error_set(err, path, pkg->line, pkg->col, "[[%s]] entry without a name", array_key);
        const TomlEntry *name_entry = toml_table_find(pkg, "name", 4);
        Dep d = {.source = DEP_FROM_LOCK, .name = name, .version = toml_as_string(toml_table_get(pkg, "version")),
                 .path = path, .line = (uint32_t)name_entry->line, .col = (uint32_t)name_entry->col};
        const TomlValue *source = toml_table_get(pkg, "source");
        if (source) {
            /* uv: {registry = ...} is an index; git/path/url/editable are not */
            static const char *const local_keys[] = {"git", "path", "url", "editable", "directory", "virtual", NULL};
            for (const char *const *k = local_keys; *k && !d.url; k++) d.url = toml_as_string(toml_table_get(source, *k));
            if (!d.url && toml_as_string(toml_table_get(source, "type")) &&
                strcmp(toml_as_string(toml_table_get(source, "type")), "legacy") != 0)
                d.url = toml_as_string(toml_table_get(source, "url"));
        }
        /* pylock.toml (PEP 751) */
        static const char *const pylock_keys[] = {"vcs", "directory", "archive", NULL};
        for (const char *const *k = pylock_keys; *k && !d.url; k++)
            if (toml_table_get(pkg, *k)) d.url = *k;
        if (!d.url && !d.version)
            return error_set(err, path, name_entry->line, name_entry->col, "package '%s' has no version", name);
        deplist_add(out, arena, &d);
    }
    return 0;
}

/* Line of the first `"key": {` in text, to point findings at Pipfile.lock
 * entries (jansson does not keep positions of values). */
static uint32_t json_key_line(const char *text, const char *key, uint32_t *col)
{
    size_t klen = strlen(key);
    uint32_t line = 1;
    const char *line_start = text;
    for (const char *p = text; *p; p++) {
        if (*p == '\n') {
            line++;
            line_start = p + 1;
            continue;
        }
        if (*p == '"' && strncmp(p + 1, key, klen) == 0 && p[klen + 1] == '"') {
            const char *q = p + klen + 2;
            while (*q == ' ' || *q == '\t') q++;
            if (*q == ':') {
                *col = (uint32_t)(p - line_start) + 1;
                return line;
            }
        }
    }
    *col = 1;
    return 0;
}

static int read_pipfile_lock(Arena *arena, const char *path, DepList *out, KraitError *err)
{
    FileData fd;
    if (file_read_all(path, 64 << 20, &fd, err) < 0) return -1;
    json_error_t jerr;
    json_t *root = json_loadb(fd.data, fd.len, 0, &jerr);
    if (!root || !json_is_object(root)) {
        error_set(err, path, root ? 1 : jerr.line, root ? 1 : jerr.column, "not a Pipfile.lock: %s",
                  root ? "the top level is not an object" : jerr.text);
        json_decref(root);
        file_data_free(&fd);
        return -1;
    }
    static const char *const sections[] = {"default", "develop", NULL};
    for (const char *const *s = sections; *s; s++) {
        json_t *section = json_object_get(root, *s);
        const char *name;
        json_t *pkg;
        json_object_foreach(section, name, pkg) {
            Dep d = {.source = DEP_FROM_LOCK, .name = copy(arena, name), .group = *s, .path = path};
            d.line = json_key_line(fd.data, name, &d.col);
            const char *v = json_string_value(json_object_get(pkg, "version"));
            if (v && strncmp(v, "==", 2) == 0) d.version = copy(arena, v + 2);
            static const char *const url_keys[] = {"git", "path", "file", NULL};
            for (const char *const *k = url_keys; *k && !d.url; k++)
                d.url = copy(arena, json_string_value(json_object_get(pkg, *k)));
            if (!d.version && !d.url) d.spec = copy(arena, name);   /* "*": unpinned */
            deplist_add(out, arena, &d);
        }
    }
    json_decref(root);
    file_data_free(&fd);
    return 0;
}

int manifest_read(Arena *arena, const char *path, ManifestKind kind, DepList *out, KraitError *err)
{
    switch (kind) {
    case MANIFEST_REQUIREMENTS: return read_requirements(arena, path, out, err);
    case MANIFEST_PYPROJECT: return read_pyproject(arena, path, out, err);
    case MANIFEST_POETRY_LOCK:
    case MANIFEST_PDM_LOCK:
    case MANIFEST_UV_LOCK: return read_toml_lock(arena, path, "package", out, err);
    case MANIFEST_PYLOCK: return read_toml_lock(arena, path, "packages", out, err);
    case MANIFEST_PIPFILE_LOCK: return read_pipfile_lock(arena, path, out, err);
    case MANIFEST_NONE: break;
    }
    return error_set(err, path, 0, 0, "not a dependency manifest krait knows");
}

/* ---- installed distributions --------------------------------------------- */

static const char *header_value(Arena *arena, const char *start, const char *end)
{
    while (start < end && (*start == ' ' || *start == '\t')) start++;
    while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r')) end--;
    return arena_strndup(arena, start, (size_t)(end - start));
}

int manifest_parse_metadata(Arena *arena, const char *text, size_t len, Dep *dep)
{
    const char *p = text, *end = text + len;
    const char **classifiers = NULL;
    size_t n_classifiers = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl ? nl : end;
        if (line_end == p || (line_end == p + 1 && *p == '\r')) break;   /* headers end at a blank line */
        const char *colon = memchr(p, ':', (size_t)(line_end - p));
        if (colon && *p != ' ' && *p != '\t') {
            size_t klen = (size_t)(colon - p);
            const char *value = header_value(arena, colon + 1, line_end);
#define KEY_IS(k) (klen == strlen(k) && strncasecmp(p, k, klen) == 0)
            if (KEY_IS("Name")) dep->name = value;
            else if (KEY_IS("Version")) dep->version = value;
            else if (KEY_IS("License")) dep->license = value;
            else if (KEY_IS("License-Expression")) dep->license_expression = value;
            else if (KEY_IS("Classifier")) {
                const char **grown = ARENA_ARRAY(arena, const char *, n_classifiers + 1);
                if (n_classifiers) memcpy(grown, classifiers, n_classifiers * sizeof *grown);
                grown[n_classifiers++] = value;
                classifiers = grown;
            }
#undef KEY_IS
        }
        p = nl ? nl + 1 : end;
    }
    dep->classifiers = classifiers;
    dep->n_classifiers = n_classifiers;
    return dep->name && dep->version ? 0 : -1;
}

static void warn_about(ManifestWarnFn warn, void *ctx, const char *path, const char *why)
{
    if (!warn) return;
    KraitError w;
    error_set(&w, path, 0, 0, "%s", why);
    warn(&w, ctx);
}

static void read_one_distribution(Arena *arena, const char *dir, const char *entry, DepList *out,
                                  ManifestWarnFn warn, void *ctx)
{
    char path[4096];
    bool dist_info = ends_with(entry, ".dist-info");
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, entry);
    if (!dist_info && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        snprintf(path, sizeof path, "%s/%s/PKG-INFO", dir, entry);
    else if (dist_info)
        snprintf(path, sizeof path, "%s/%s/METADATA", dir, entry);
    FileData fd;
    KraitError e;
    if (file_read_all(path, 16 << 20, &fd, &e) < 0) {
        warn_about(warn, ctx, path, e.message);
        return;
    }
    Dep d = {.source = DEP_FROM_INSTALLED, .path = copy(arena, path), .line = 0, .col = 0};
    if (manifest_parse_metadata(arena, fd.data, fd.len, &d) < 0) warn_about(warn, ctx, path, "no Name or Version header");
    else deplist_add(out, arena, &d);
    file_data_free(&fd);
}

static int compare_strings(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int read_site_packages(Arena *arena, const char *dir, DepList *out, ManifestWarnFn warn, void *ctx,
                              KraitError *err)
{
    DIR *d = opendir(dir);
    if (!d) return error_set(err, dir, 0, 0, "cannot open: %s", strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!ends_with(e->d_name, ".dist-info") && !ends_with(e->d_name, ".egg-info")) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = realloc(names, cap * sizeof *names);
            if (!names) { closedir(d); return error_set(err, dir, 0, 0, "out of memory"); }
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n > 1) qsort(names, n, sizeof *names, compare_strings);
    for (size_t i = 0; i < n; i++) {
        if (names[i]) read_one_distribution(arena, dir, names[i], out, warn, ctx);
        free(names[i]);
    }
    free(names);
    return 0;
}

static bool has_distributions(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return false;
    struct dirent *e;
    bool found = false;
    while (!found && (e = readdir(d)) != NULL)
        found = ends_with(e->d_name, ".dist-info") || ends_with(e->d_name, ".egg-info");
    closedir(d);
    return found;
}

int manifest_read_installed(Arena *arena, const char *path, DepList *out, ManifestWarnFn warn, void *ctx,
                            KraitError *err)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return error_set(err, path, 0, 0, "not a folder (expected a virtual environment or site-packages)");
    if (has_distributions(path) || ends_with(path, "-packages") || ends_with(path, "-packages/"))
        return read_site_packages(arena, path, out, warn, ctx, err);
    /* a virtual environment: lib/pythonX.Y/site-packages (and lib64) */
    static const char *const libs[] = {"lib", "lib64", NULL};
    size_t before = out->n;
    bool any = false;
    for (const char *const *lib = libs; *lib; lib++) {
        char libdir[4096];
        snprintf(libdir, sizeof libdir, "%s/%s", path, *lib);
        DIR *d = opendir(libdir);
        if (!d) continue;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (!starts_with(e->d_name, "python")) continue;
            char site[4200];
            if (snprintf(site, sizeof site, "%s/%s/site-packages", libdir, e->d_name) >= (int)sizeof site) continue;
            if (stat(site, &st) != 0 || !S_ISDIR(st.st_mode)) continue;
            any = true;
            char resolved[4096];
            if (strcmp(*lib, "lib64") == 0 && realpath(site, resolved)) {
                char other[4200];
                if (snprintf(other, sizeof other, "%s/lib/%s/site-packages", path, e->d_name) >= (int)sizeof other)
                    continue;
                char other_resolved[4096];
                if (realpath(other, other_resolved) && strcmp(resolved, other_resolved) == 0) continue;
            }
            if (read_site_packages(arena, copy(arena, site), out, warn, ctx, err) < 0) {
                closedir(d);
                return -1;
            }
        }
        closedir(d);
    }
    if (!any) return error_set(err, path, 0, 0, "no site-packages folder found (expected lib/pythonX.Y/site-packages)");
    (void)before;
    return 0;
}
