/* config.c - see config.h. */
#include "config/config.h"
#include "config/toml.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int read_ignore(Arena *arena, const char *path, const TomlValue *item, ConfigIgnore *ig, KraitError *err)
{
    memset(ig, 0, sizeof *ig);
    ig->path = path;
    ig->line = (unsigned)item->line;
    if (item->kind == TOML_STRING) {
        ig->id = toml_as_string(item);
        return 0;
    }
    if (item->kind != TOML_TABLE)
        return error_set(err, path, item->line, item->col,
                         "[tool.krait.deps] ignore entries are strings or tables with id, reason, expires");
    ig->id = toml_as_string(toml_table_get(item, "id"));
    if (!ig->id) return error_set(err, path, item->line, item->col, "ignore entry without an id");
    ig->reason = toml_as_string(toml_table_get(item, "reason"));
    const TomlEntry *exp = toml_table_find(item, "expires", 7);
    if (!exp) return 0;
    TomlDatetime dt;
    const char *text = toml_as_string(exp->value);
    char buf[16];
    if (exp->value->kind == TOML_DATE_LOCAL && toml_get_datetime(exp->value, &dt)) {
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", dt.year, dt.month, dt.day);
        text = buf;
    }
    int y, m, d;
    char tail;
    if (!text || strlen(text) != 10 || sscanf(text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 ||
        d < 1 || d > 31)
        return error_set(err, path, exp->line, exp->col, "expires must be a date like 2026-12-31");
    ig->expires = arena_strndup(arena, text, 10);
    return 0;
}

static int string_array(Arena *arena, const char *path, const TomlEntry *e, const char *const **out, size_t *n,
                        KraitError *err)
{
    if (!e) return 0;
    if (e->value->kind != TOML_ARRAY)
        return error_set(err, path, e->line, e->col, "%s must be an array of strings", e->key);
    size_t len = toml_array_len(e->value);
    const char **items = ARENA_ARRAY(arena, const char *, len ? len : 1);
    for (size_t i = 0; i < len; i++) {
        const TomlValue *v = toml_array_at(e->value, i);
        items[i] = toml_as_string(v);
        if (!items[i]) return error_set(err, path, v->line, v->col, "%s must hold strings", e->key);
        LicenseCategory cat;
        if (!spdx_license_find(items[i], strlen(items[i])) && license_category_parse(items[i], &cat) < 0 &&
            strncmp(items[i], "LicenseRef-", 11) != 0)
            return error_set(err, path, v->line, v->col,
                             "'%s' is neither an SPDX licence id nor a licence category", items[i]);
    }
    *out = items;
    *n = len;
    return 0;
}

static int read_license_policy(Arena *arena, const char *path, const TomlValue *t, KraitConfig *out, KraitError *err)
{
    for (size_t i = 0; i < toml_table_len(t); i++) {
        const TomlEntry *e = toml_table_at(t, i);
        if (strcmp(e->key, "allow") != 0 && strcmp(e->key, "deny") != 0 && strcmp(e->key, "exceptions") != 0)
            return error_set(err, path, e->line, e->col,
                             "unknown key '%s' in [tool.krait.licenses] (allow, deny, exceptions)", e->key);
    }
    LicensePolicy *p = &out->licenses;
    if (string_array(arena, path, toml_table_find(t, "allow", 5), &p->allow, &p->allow_count, err) < 0) return -1;
    if (string_array(arena, path, toml_table_find(t, "deny", 4), &p->deny, &p->deny_count, err) < 0) return -1;
    const TomlEntry *ex = toml_table_find(t, "exceptions", 10);
    if (ex) {
        if (ex->value->kind != TOML_TABLE)
            return error_set(err, path, ex->line, ex->col, "exceptions must be a table: package = \"reason\"");
        size_t n = toml_table_len(ex->value);
        LicensePackageException *items = ARENA_ARRAY(arena, LicensePackageException, n ? n : 1);
        for (size_t i = 0; i < n; i++) {
            const TomlEntry *pe = toml_table_at(ex->value, i);
            items[i].package = pe->key;
            items[i].reason = toml_as_string(pe->value);
            if (!items[i].reason)
                return error_set(err, path, pe->line, pe->col, "the exception for %s needs a reason string", pe->key);
        }
        p->exceptions = items;
        p->exception_count = n;
    }
    out->has_license_policy = true;
    return 0;
}

int config_load(Arena *arena, const char *path, KraitConfig *out, KraitError *err)
{
    memset(out, 0, sizeof *out);
    if (access(path, F_OK) != 0) return 0;
    TomlValue *root;
    if (toml_parse_file(path, arena, &root, err) < 0) return -1;
    out->path = arena_strndup(arena, path, strlen(path));
    const TomlValue *licenses = toml_get_path(root, "tool.krait.licenses");
    if (licenses && read_license_policy(arena, out->path, licenses, out, err) < 0) return -1;
    const TomlValue *deps = toml_get_path(root, "tool.krait.deps");
    const TomlEntry *ignore = deps ? toml_table_find(deps, "ignore", 6) : NULL;
    if (!ignore) return 0;
    if (ignore->value->kind != TOML_ARRAY)
        return error_set(err, path, ignore->line, ignore->col, "[tool.krait.deps] ignore must be an array");
    size_t n = toml_array_len(ignore->value);
    out->deps_ignores = ARENA_ARRAY(arena, ConfigIgnore, n ? n : 1);
    for (size_t i = 0; i < n; i++)
        if (read_ignore(arena, out->path, toml_array_at(ignore->value, i), &out->deps_ignores[i], err) < 0) return -1;
    out->n_deps_ignores = n;
    return 0;
}
