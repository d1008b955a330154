/* config.c - see config.h. [tool.krait] is validated strictly (a typo in a
 * key would otherwise silently change nothing); Bandit's settings are read
 * for migration, with the keys krait has no use for passed back as warnings
 * instead of errors, since they are valid Bandit. */
#include "config/config.h"
#include "base/file.h"
#include "base/strbuf.h"
#include "discover/glob.h"
#include "rules/registry.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const KRAIT_KEYS[] = {
    "select", "ignore", "exclude", "extend-exclude", "per-file-ignores", "severity-threshold",
    "confidence-threshold", "fail-on", "rules", "deps", "licenses",
};
static const char *const DEPS_KEYS[] = {"ignore"};

enum { CONFIG_NAME_MAX = 64 };

/* ---- did-you-mean ---------------------------------------------------------- */

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la >= CONFIG_NAME_MAX || lb >= CONFIG_NAME_MAX) return (size_t)-1;
    size_t row[CONFIG_NAME_MAX + 1];
    for (size_t j = 0; j <= lb; j++) row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t sub = diag + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
            size_t best = up + 1 < row[j - 1] + 1 ? up + 1 : row[j - 1] + 1;
            row[j] = sub < best ? sub : best;
            diag = up;
        }
    }
    return row[lb];
}

const char *config_did_you_mean(const char *word, const char *const *candidates, size_t n)
{
    size_t limit = strlen(word) / 3 > 2 ? strlen(word) / 3 : 2, best = (size_t)-1;
    const char *found = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(word, candidates[i]);
        if (d <= limit && d < best) {
            best = d;
            found = candidates[i];
        }
    }
    return found;
}

static void hint_for(char *out, size_t size, const char *word, const char *const *candidates, size_t n)
{
    const char *near = config_did_you_mean(word, candidates, n);
    if (near) snprintf(out, size, " (did you mean '%s'?)", near);
    else out[0] = '\0';
}

/* Every rule id and alias, for hints about rule ids. */
static const char **rule_names(Arena *arena, size_t *count)
{
    size_t n;
    const RuleInfo *all = registry_all(&n);
    size_t cap = 2 * n + 8, k = 0;
    const char **names = ARENA_ARRAY(arena, const char *, cap);
    for (size_t i = 0; i < n; i++) {
        if (k == cap) break;
        names[k++] = all[i].id;
        for (const char *p = all[i].aliases; *p && k < cap;) {
            size_t len = strcspn(p, ",");
            names[k++] = arena_strndup(arena, p, len);
            p += len + (p[len] == ',');
        }
    }
    *count = k;
    return names;
}

/* ---- values ---------------------------------------------------------------- */

static int unknown_key(Arena *arena, const char *path, const TomlEntry *e, const char *table,
                       const char *const *keys, size_t n, KraitError *err)
{
    (void)arena;
    char hint[96];
    hint_for(hint, sizeof hint, e->key, keys, n);
    return error_set(err, path, e->line, e->col, "unknown key '%s' in [%s]%s", e->key, table, hint);
}

static bool known_key(const char *key, const char *const *keys, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(key, keys[i]) == 0) return true;
    return false;
}

/* A string or an array of strings (a single string is a list of one). */
static int read_strings(Arena *arena, const char *path, const TomlEntry *e, const char *what, ConfigStrings *out,
                        KraitError *err)
{
    const TomlValue *v = e->value;
    out->set = true;
    if (v->kind == TOML_STRING) {
        out->items = ARENA_ARRAY(arena, const char *, 1);
        out->items[0] = toml_as_string(v);
        out->n = 1;
        return 0;
    }
    if (v->kind != TOML_ARRAY)
        return error_set(err, path, v->line, v->col, "%s must be an array of strings, not a %s", what,
                         toml_kind_name(v->kind));
    size_t n = toml_array_len(v);
    out->items = ARENA_ARRAY(arena, const char *, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        const TomlValue *item = toml_array_at(v, i);
        if (item->kind != TOML_STRING)
            return error_set(err, path, item->line, item->col, "%s must be an array of strings (item %zu is a %s)",
                             what, i + 1, toml_kind_name(item->kind));
        out->items[i] = toml_as_string(item);
    }
    out->n = n;
    return 0;
}

static bool any_rule_matches(const char *id)
{
    size_t n;
    const RuleInfo *all = registry_all(&n);
    for (size_t i = 0; i < n; i++)
        if (registry_rule_matches(&all[i], id)) return true;
    return false;
}

static int check_rule_id(Arena *arena, const char *path, int line, int col, const char *id, KraitError *err)
{
    if (*id && any_rule_matches(id)) return 0;
    size_t n;
    const char **names = rule_names(arena, &n);
    char hint[96];
    hint_for(hint, sizeof hint, id, names, n);
    return error_set(err, path, line, col, "no rule matches '%s'%s (see krait rules)", id, hint);
}

/* Reads a list of rule ids and checks each names at least one rule. */
static int read_rule_ids(Arena *arena, const char *path, const TomlEntry *e, const char *what, ConfigStrings *out,
                         KraitError *err)
{
    if (read_strings(arena, path, e, what, out, err) < 0) return -1;
    for (size_t i = 0; i < out->n; i++) {
        const TomlValue *item = e->value->kind == TOML_ARRAY ? toml_array_at(e->value, i) : e->value;
        if (check_rule_id(arena, path, item->line, item->col, out->items[i], err) < 0) return -1;
    }
    return 0;
}

static int read_level(const char *path, const TomlEntry *e, int (*parse)(const char *), const char *choices,
                      int *out, KraitError *err)
{
    const char *s = toml_as_string(e->value);
    int level = s ? parse(s) : -1;
    if (level <= 0)
        return error_set(err, path, e->value->line, e->value->col, "%s must be one of %s", e->key, choices);
    *out = level;
    return 0;
}

/* ---- [tool.krait.deps] ----------------------------------------------------- */

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

static int read_deps(Arena *arena, const char *path, const TomlValue *deps, KraitConfig *out, KraitError *err)
{
    if (deps->kind != TOML_TABLE)
        return error_set(err, path, deps->line, deps->col, "[tool.krait] deps must be a table");
    for (size_t i = 0; i < toml_table_len(deps); i++) {
        const TomlEntry *e = toml_table_at(deps, i);
        if (!known_key(e->key, DEPS_KEYS, 1))
            return unknown_key(arena, path, e, "tool.krait.deps", DEPS_KEYS, 1, err);
    }
    const TomlEntry *ignore = toml_table_find(deps, "ignore", 6);
    if (!ignore) return 0;
    if (ignore->value->kind != TOML_ARRAY)
        return error_set(err, path, ignore->line, ignore->col, "[tool.krait.deps] ignore must be an array");
    size_t n = toml_array_len(ignore->value);
    out->deps_ignores = ARENA_ARRAY(arena, ConfigIgnore, n ? n : 1);
    for (size_t i = 0; i < n; i++)
        if (read_ignore(arena, path, toml_array_at(ignore->value, i), &out->deps_ignores[i], err) < 0) return -1;
    out->n_deps_ignores = n;
    return 0;
}

/* ---- [tool.krait.per-file-ignores] and [tool.krait.rules] ----------------- */

static int read_per_file_ignores(Arena *arena, const char *path, const TomlValue *t, KraitConfig *out,
                                 KraitError *err)
{
    if (t->kind != TOML_TABLE)
        return error_set(err, path, t->line, t->col, "per-file-ignores must be a table of pattern = [rule ids]");
    size_t n = toml_table_len(t);
    out->per_file_ignores = ARENA_ARRAY(arena, ConfigPerFileIgnore, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        const TomlEntry *e = toml_table_at(t, i);
        ConfigPerFileIgnore *p = &out->per_file_ignores[i];
        p->pattern = e->key;
        if (!*e->key) return error_set(err, path, e->line, e->col, "per-file-ignores: empty pattern");
        if (read_rule_ids(arena, path, e, "a per-file-ignores entry", &p->ids, err) < 0) return -1;
    }
    out->n_per_file_ignores = n;
    return 0;
}

static int read_rule_option(Arena *arena, const char *path, const RuleInfo *rule, const TomlEntry *e,
                            ConfigRuleOption *o, KraitError *err)
{
    memset(o, 0, sizeof *o);
    o->rule = rule;
    o->key = e->key;
    o->value = e->value;
    switch (e->value->kind) {
    case TOML_STRING:
    case TOML_ARRAY: {
        ConfigStrings s = {0};
        if (read_strings(arena, path, e, "a rule option", &s, err) < 0) return -1;
        o->strings = s.items;
        o->n_strings = s.n;
        return 0;
    }
    case TOML_INTEGER:
    case TOML_FLOAT:
    case TOML_BOOL:
        return 0;
    default:
        return error_set(err, path, e->value->line, e->value->col,
                         "rule options are strings, numbers, booleans or arrays of strings, not a %s",
                         toml_kind_name(e->value->kind));
    }
}

static int read_rules(Arena *arena, const char *path, const TomlValue *t, KraitConfig *out, KraitError *err)
{
    if (t->kind != TOML_TABLE)
        return error_set(err, path, t->line, t->col, "[tool.krait] rules must be a table of [tool.krait.rules.ID]");
    size_t total = 0;
    for (size_t i = 0; i < toml_table_len(t); i++) {
        const TomlEntry *e = toml_table_at(t, i);
        if (!registry_find(e->key)) {
            size_t n;
            const char **names = rule_names(arena, &n);
            char hint[96];
            hint_for(hint, sizeof hint, e->key, names, n);
            return error_set(err, path, e->line, e->col, "[tool.krait.rules] names no rule '%s'%s", e->key, hint);
        }
        if (e->value->kind != TOML_TABLE)
            return error_set(err, path, e->value->line, e->value->col, "[tool.krait.rules] %s must be a table",
                             e->key);
        total += toml_table_len(e->value);
    }
    out->rule_options = ARENA_ARRAY(arena, ConfigRuleOption, total ? total : 1);
    for (size_t i = 0; i < toml_table_len(t); i++) {
        const TomlEntry *r = toml_table_at(t, i);
        const RuleInfo *rule = registry_find(r->key);
        for (size_t k = 0; k < toml_table_len(r->value); k++)
            if (read_rule_option(arena, path, rule, toml_table_at(r->value, k),
                                 &out->rule_options[out->n_rule_options++], err) < 0)
                return -1;
    }
    return 0;
}

/* ---- [tool.krait] ---------------------------------------------------------- */

static int read_krait_entry(Arena *arena, const char *path, const TomlEntry *e, KraitConfig *out, KraitError *err)
{
    const char *k = e->key;
    if (strcmp(k, "select") == 0) return read_rule_ids(arena, path, e, "select", &out->select, err);
    if (strcmp(k, "ignore") == 0) return read_rule_ids(arena, path, e, "ignore", &out->ignore, err);
    if (strcmp(k, "exclude") == 0) return read_strings(arena, path, e, "exclude", &out->exclude, err);
    if (strcmp(k, "extend-exclude") == 0)
        return read_strings(arena, path, e, "extend-exclude", &out->extend_exclude, err);
    if (strcmp(k, "per-file-ignores") == 0) return read_per_file_ignores(arena, path, e->value, out, err);
    if (strcmp(k, "severity-threshold") == 0)
        return read_level(path, e, severity_parse, "low, medium, high, critical", &out->severity_threshold, err);
    if (strcmp(k, "confidence-threshold") == 0)
        return read_level(path, e, confidence_parse, "low, medium, high", &out->confidence_threshold, err);
    if (strcmp(k, "fail-on") == 0)
        return read_level(path, e, severity_parse, "low, medium, high, critical", &out->fail_on, err);
    if (strcmp(k, "rules") == 0) return read_rules(arena, path, e->value, out, err);
    if (strcmp(k, "deps") == 0) return read_deps(arena, path, e->value, out, err);
    if (strcmp(k, "licenses") == 0) {
        if (e->value->kind != TOML_TABLE)
            return error_set(err, path, e->line, e->col, "[tool.krait] licenses must be a table");
        return read_license_policy(arena, path, e->value, out, err);
    }
    return unknown_key(arena, path, e, "tool.krait", KRAIT_KEYS, sizeof KRAIT_KEYS / sizeof KRAIT_KEYS[0], err);
}

static int read_krait(Arena *arena, const char *path, const TomlValue *t, KraitConfig *out, KraitError *err)
{
    if (t->kind != TOML_TABLE) return error_set(err, path, t->line, t->col, "tool.krait must be a table");
    out->source = CONFIG_SOURCE_KRAIT;
    for (size_t i = 0; i < toml_table_len(t); i++)
        if (read_krait_entry(arena, path, toml_table_at(t, i), out, err) < 0) return -1;
    return 0;
}

/* ---- Bandit's settings ----------------------------------------------------- */

static void add_warning(KraitConfig *out, const char *path, int line, int col, const char *key)
{
    if (out->n_warnings == CONFIG_MAX_WARNINGS) return;
    error_set(&out->warnings[out->n_warnings++], path, line, col,
              "Bandit setting '%s' has no krait equivalent and is not used", key);
}

/* Bandit's exclude_dirs are paths ("./tests", "/build/"); as gitignore
 * patterns without the leading "./" or "/" they match the same folders. */
static const char *bandit_exclude(Arena *arena, const char *dir)
{
    while (strncmp(dir, "./", 2) == 0) dir += 2;
    while (*dir == '/') dir++;
    return arena_strndup(arena, dir, strlen(dir));
}

static int read_bandit_toml(Arena *arena, const char *path, const TomlValue *t, KraitConfig *out, KraitError *err)
{
    if (t->kind != TOML_TABLE) return error_set(err, path, t->line, t->col, "tool.bandit must be a table");
    out->source = CONFIG_SOURCE_BANDIT_TOML;
    for (size_t i = 0; i < toml_table_len(t); i++) {
        const TomlEntry *e = toml_table_at(t, i);
        int rc = 0;
        if (strcmp(e->key, "skips") == 0) {
            rc = read_rule_ids(arena, path, e, "[tool.bandit] skips", &out->ignore, err);
        } else if (strcmp(e->key, "tests") == 0) {
            rc = read_rule_ids(arena, path, e, "[tool.bandit] tests", &out->select, err);
        } else if (strcmp(e->key, "exclude_dirs") == 0) {
            rc = read_strings(arena, path, e, "[tool.bandit] exclude_dirs", &out->exclude, err);
            for (size_t k = 0; rc == 0 && k < out->exclude.n; k++)
                out->exclude.items[k] = bandit_exclude(arena, out->exclude.items[k]);
        } else {
            add_warning(out, path, e->line, e->col, e->key);
        }
        if (rc < 0) return -1;
    }
    return 0;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = '\0';
    return s;
}

/* "B101, B601" or "['B101', 'B601']" into a list. */
static int ini_list(Arena *arena, const char *path, int line, int col, char *value, bool ids, bool dirs,
                    ConfigStrings *out, KraitError *err)
{
    size_t cap = 1;
    for (const char *p = value; *p; p++) cap += *p == ',';
    out->items = ARENA_ARRAY(arena, const char *, cap);
    out->n = 0;
    out->set = true;
    char *save = NULL;
    for (char *item = strtok_r(value, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        item += strspn(item, " \t[]'\"");
        size_t n = strlen(item);
        while (n && strchr(" \t[]'\"", item[n - 1])) n--;
        if (!n) continue;
        const char *s = arena_strndup(arena, item, n);
        if (ids && check_rule_id(arena, path, line, col, s, err) < 0) return -1;
        out->items[out->n++] = dirs ? bandit_exclude(arena, s) : s;
    }
    return 0;
}

static int ini_entry(Arena *arena, const char *path, int line, char *text, KraitConfig *out, KraitError *err)
{
    char *sep = text + strcspn(text, "=:");
    if (!*sep) return error_set(err, path, line, 1, "expected 'key = value' or a [section]");
    *sep = '\0';
    char *key = trim(text), *value = trim(sep + 1);
    int col = (int)(value - text) + 1;
    if (strcmp(key, "skips") == 0) return ini_list(arena, path, line, col, value, true, false, &out->ignore, err);
    if (strcmp(key, "tests") == 0) return ini_list(arena, path, line, col, value, true, false, &out->select, err);
    if (strcmp(key, "exclude") == 0 || strcmp(key, "exclude_dirs") == 0)
        return ini_list(arena, path, line, col, value, false, true, &out->exclude, err);
    add_warning(out, path, line, 1, key);
    return 0;
}

int config_load_bandit_ini(Arena *arena, const char *path, KraitConfig *out, KraitError *err)
{
    FileData fd;
    if (file_read_all(path, 1 << 20, &fd, err) < 0) return -1;
    out->source = CONFIG_SOURCE_BANDIT_INI;
    out->path = arena_strndup(arena, path, strlen(path));
    bool in_bandit = false;
    int line = 0, rc = 0;
    for (char *p = fd.data, *next; p && *p && rc == 0; p = next) {
        next = strchr(p, '\n');
        if (next) *next++ = '\0';
        line++;
        char *s = trim(p);
        if (!*s || *s == '#' || *s == ';') continue;
        if (*s == '[') {
            char *close = strchr(s, ']');
            if (!close) rc = error_set(err, path, line, 1, "a section header needs its ']'");
            else in_bandit = strncmp(s, "[bandit]", 8) == 0;
            continue;
        }
        if (in_bandit) rc = ini_entry(arena, path, line, s, out, err);
    }
    file_data_free(&fd);
    return rc;
}

/* Bandit's YAML (`bandit -c bandit.yaml`), the subset its documentation
 * shows: top-level `key: [a, b]`, `key: a` or `key:` followed by `- a`
 * lines. Other top-level keys (plugin settings, nested mappings below them)
 * are warnings; anything else is an error, since guessing at YAML would
 * silently drop settings. */
typedef struct YamlKey {
    char *key;
    int line, col;
    StrBuf items;              /* block list items joined by ',' */
    bool known, has_block;
} YamlKey;

static bool yaml_known(const char *key)
{
    return strcmp(key, "skips") == 0 || strcmp(key, "tests") == 0 || strcmp(key, "exclude_dirs") == 0;
}

static int yaml_apply(Arena *arena, const char *path, int line, int col, const char *key, char *value,
                      KraitConfig *out, KraitError *err)
{
    if (strcmp(key, "skips") == 0) return ini_list(arena, path, line, col, value, true, false, &out->ignore, err);
    if (strcmp(key, "tests") == 0) return ini_list(arena, path, line, col, value, true, false, &out->select, err);
    return ini_list(arena, path, line, col, value, false, true, &out->exclude, err);
}

static int yaml_flush(Arena *arena, const char *path, YamlKey *k, KraitConfig *out, KraitError *err)
{
    int rc = 0;
    char empty[1] = "";
    if (k->key && k->known && k->has_block)
        rc = yaml_apply(arena, path, k->line, k->col, k->key, k->items.data ? k->items.data : empty, out, err);
    strbuf_clear(&k->items);
    k->key = NULL;
    k->has_block = false;
    return rc;
}

static char *strip_yaml_comment(char *s)
{
    char quote = 0;
    for (char *p = s; *p; p++) {
        if (quote) {
            if (*p == quote) quote = 0;
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
        } else if (*p == '#' && (p == s || p[-1] == ' ' || p[-1] == '\t')) {
            *p = '\0';
            break;
        }
    }
    return s;
}

static int yaml_line(Arena *arena, const char *path, int line, char *raw, YamlKey *cur, KraitConfig *out,
                     KraitError *err)
{
    char *s = trim(strip_yaml_comment(raw));
    if (!*s || strcmp(s, "---") == 0) return 0;
    if (raw[0] == ' ' || raw[0] == '\t' || raw[0] == '-') {
        if (!cur->key) return error_set(err, path, line, (int)(s - raw) + 1, "an indented line outside any key");
        if (!cur->known) return 0;   /* inside a setting krait does not use */
        if (*s != '-')
            return error_set(err, path, line, (int)(s - raw) + 1, "'%s' takes a list of '- item' lines", cur->key);
        if (cur->items.len) strbuf_putc(&cur->items, ',');
        strbuf_puts(&cur->items, trim(s + 1));
        cur->has_block = true;
        return 0;
    }
    if (yaml_flush(arena, path, cur, out, err) < 0) return -1;
    char *colon = strchr(s, ':');
    if (!colon) return error_set(err, path, line, 1, "expected 'key: value'");
    *colon = '\0';
    char *value = trim(colon + 1);
    cur->key = arena_strndup(arena, s, strlen(s));
    cur->line = line;
    cur->col = (int)(value - raw) + 1;
    cur->known = yaml_known(cur->key);
    if (!cur->known) {
        add_warning(out, path, line, 1, cur->key);
        return 0;
    }
    if (!*value) return 0;   /* a block list follows */
    cur->has_block = false;
    return yaml_apply(arena, path, line, cur->col, cur->key, value, out, err);
}

int config_load_bandit_yaml(Arena *arena, const char *path, KraitConfig *out, KraitError *err)
{
    FileData fd;
    if (file_read_all(path, 1 << 20, &fd, err) < 0) return -1;
    out->source = CONFIG_SOURCE_BANDIT_YAML;
    out->path = arena_strndup(arena, path, strlen(path));
    YamlKey cur = {0};
    strbuf_init(&cur.items);
    int line = 0, rc = 0;
    for (char *p = fd.data, *next; p && *p && rc == 0; p = next) {
        next = strchr(p, '\n');
        if (next) *next++ = '\0';
        line++;
        rc = yaml_line(arena, path, line, p, &cur, out, err);
    }
    if (rc == 0) rc = yaml_flush(arena, path, &cur, out, err);
    strbuf_free(&cur.items);
    file_data_free(&fd);
    return rc;
}

/* ---- loading and finding the file ----------------------------------------- */

static const char *dir_of(Arena *arena, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return "";
    return arena_strndup(arena, path, slash == path ? 1 : (size_t)(slash - path));
}

static const char *absolute_dir(Arena *arena, const char *dir)
{
    char *abs = realpath(*dir ? dir : ".", NULL);
    if (!abs) return NULL;
    const char *copy = arena_strndup(arena, abs, strlen(abs));
    free(abs);
    return copy;
}

static void set_root(Arena *arena, KraitConfig *out, const char *dir)
{
    out->root = dir;
    out->root_abs = absolute_dir(arena, dir);
}

int config_load(Arena *arena, const char *path, KraitConfig *out, KraitError *err)
{
    memset(out, 0, sizeof *out);
    out->root = "";
    if (access(path, F_OK) != 0) return 0;
    TomlValue *root;
    if (toml_parse_file(path, arena, &root, err) < 0) return -1;
    out->path = arena_strndup(arena, path, strlen(path));
    set_root(arena, out, dir_of(arena, path));
    const TomlValue *tool = toml_table_get(root, "tool");
    const TomlEntry *krait = tool ? toml_table_find(tool, "krait", 5) : NULL;
    if (krait) return read_krait(arena, out->path, krait->value, out, err);
    const TomlEntry *bandit = tool ? toml_table_find(tool, "bandit", 6) : NULL;
    if (bandit) return read_bandit_toml(arena, out->path, bandit->value, out, err);
    return 0;
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool looks_like_ini(const char *path)
{
    size_t n = strlen(path);
    if (n >= 7 && strcmp(path + n - 7, ".bandit") == 0) return true;
    FILE *f = fopen(path, "r");
    if (!f) return false;
    char head[16] = {0};
    size_t got = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    return got >= 8 && strncmp(head, "[bandit]", 8) == 0;
}

static int load_bandit_beside(Arena *arena, const char *dir, KraitConfig *out, KraitError *err)
{
    char path[ERROR_PATH_MAX];
    snprintf(path, sizeof path, "%s%s.bandit", dir, *dir ? "/" : "");
    if (!is_file(path)) return 0;
    if (config_load_bandit_ini(arena, path, out, err) < 0) return -1;
    return 1;
}

int config_discover(Arena *arena, const char *explicit_path, const char *const *roots, size_t n_roots,
                    KraitConfig *out, KraitError *err)
{
    memset(out, 0, sizeof *out);
    out->root = "";
    if (explicit_path) {
        if (!is_file(explicit_path)) return error_set(err, explicit_path, 0, 0, "no such configuration file");
        size_t n = strlen(explicit_path);
        bool yaml = (n > 5 && strcmp(explicit_path + n - 5, ".yaml") == 0) ||
                    (n > 4 && strcmp(explicit_path + n - 4, ".yml") == 0);
        if (!yaml && !looks_like_ini(explicit_path)) return config_load(arena, explicit_path, out, err);
        set_root(arena, out, dir_of(arena, explicit_path));
        if (yaml) return config_load_bandit_yaml(arena, explicit_path, out, err);
        return config_load_bandit_ini(arena, explicit_path, out, err);
    }
    const char *dirs[2] = {"", NULL};
    size_t n_dirs = 1;
    struct stat st;
    if (n_roots && strcmp(roots[0], ".") != 0 && strcmp(roots[0], "-") != 0 && stat(roots[0], &st) == 0 &&
        S_ISDIR(st.st_mode))
        dirs[n_dirs++] = roots[0];
    int first = -1;
    for (size_t i = 0; i < n_dirs; i++) {
        char path[ERROR_PATH_MAX];
        snprintf(path, sizeof path, "%s%spyproject.toml", dirs[i], *dirs[i] ? "/" : "");
        if (!is_file(path)) continue;
        if (config_load(arena, path, out, err) < 0) return -1;
        if (out->source != CONFIG_SOURCE_NONE) return 0;
        if (first < 0) first = (int)i;
    }
    /* No [tool.krait] or [tool.bandit]: keep the first pyproject.toml for
     * its [tool.krait.deps] (there is none, but its path is reported) and
     * look for a .bandit file. */
    KraitConfig base = {0};
    base.root = "";
    if (first >= 0) {
        char path[ERROR_PATH_MAX];
        snprintf(path, sizeof path, "%s%spyproject.toml", dirs[first], *dirs[first] ? "/" : "");
        if (config_load(arena, path, &base, err) < 0) return -1;
    }
    for (size_t i = 0; i < n_dirs; i++) {
        int rc = load_bandit_beside(arena, dirs[i], out, err);
        if (rc < 0) return -1;
        if (rc > 0) {
            set_root(arena, out, dirs[i]);
            return 0;
        }
    }
    *out = base;
    return 0;
}

/* ---- queries --------------------------------------------------------------- */

const ConfigRuleOption *config_rule_option(const KraitConfig *cfg, const char *rule_id, const char *key)
{
    const RuleInfo *rule = registry_find(rule_id);
    if (!rule) return NULL;
    for (size_t i = 0; i < cfg->n_rule_options; i++)
        if (cfg->rule_options[i].rule == rule && strcmp(cfg->rule_options[i].key, key) == 0)
            return &cfg->rule_options[i];
    return NULL;
}

int config_rule_option_strings(const KraitConfig *cfg, const char *rule_id, const char *key,
                               const char *const **list, size_t *n)
{
    const ConfigRuleOption *o = config_rule_option(cfg, rule_id, key);
    if (!o) return 0;
    if (!o->strings && !(o->value->kind == TOML_ARRAY && o->n_strings == 0)) return -1;
    *list = o->strings;
    *n = o->n_strings;
    return 1;
}

/* Gitignore semantics: a pattern without a '/' (a trailing one aside)
 * matches a file or folder name at any depth; with one it is anchored at
 * the root. A match on a folder covers everything below it. */
static bool pattern_matches(const char *pat, const char *rel)
{
    size_t plen = strlen(pat);
    bool dir_only = plen > 1 && pat[plen - 1] == '/';
    if (dir_only) plen--;
    bool anchored = memchr(pat, '/', plen) != NULL;
    if (*pat == '/') {
        pat++;
        plen--;
    }
    size_t len = strlen(rel);
    for (size_t start = 0; start <= len;) {
        for (size_t end = start; end <= len; end++) {
            if (end != len && rel[end] != '/') continue;
            bool is_dir = end != len;
            if ((is_dir || !dir_only) && glob_match(pat, plen, rel + start, end - start)) return true;
            if (!anchored) break;   /* one name at a time */
        }
        if (anchored) break;
        const char *slash = strchr(rel + start, '/');
        if (!slash) break;
        start = (size_t)(slash - rel) + 1;
    }
    return false;
}

bool config_file_ignores(const KraitConfig *cfg, const char *path, const RuleInfo *rule)
{
    if (!cfg->n_per_file_ignores) return false;
    const char *rel = path;
    const char *root = *path == '/' ? cfg->root_abs : cfg->root;
    size_t rlen = root ? strlen(root) : 0;
    while (strncmp(rel, "./", 2) == 0) rel += 2;
    if (rlen && strncmp(rel, root, rlen) == 0 && rel[rlen] == '/') rel += rlen + 1;
    while (strncmp(rel, "./", 2) == 0) rel += 2;
    for (size_t i = 0; i < cfg->n_per_file_ignores; i++) {
        const ConfigPerFileIgnore *p = &cfg->per_file_ignores[i];
        if (!pattern_matches(p->pattern, rel)) continue;
        for (size_t k = 0; k < p->ids.n; k++)
            if (registry_rule_matches(rule, p->ids.items[k])) return true;
    }
    return false;
}
