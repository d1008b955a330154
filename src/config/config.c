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

int config_load(Arena *arena, const char *path, KraitConfig *out, KraitError *err)
{
    memset(out, 0, sizeof *out);
    if (access(path, F_OK) != 0) return 0;
    TomlValue *root;
    if (toml_parse_file(path, arena, &root, err) < 0) return -1;
    out->path = arena_strndup(arena, path, strlen(path));
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
