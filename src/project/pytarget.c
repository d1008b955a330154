/* pytarget.c - text-level readers of the places projects declare their
 * Python; see pytarget.h. Each reader walks the lines once, tracks the one
 * piece of structure it needs (the current INI/TOML section, the Dockerfile
 * ARG defaults, the YAML indentation of a block list) and records values
 * with their position. */
#include "project/pytarget.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* ---- lines and small helpers ---------------------------------------- */

typedef struct Line {
    const char *s;   /* not NUL-terminated */
    size_t len;      /* without the line break (and a '\r' before it) */
    int number;      /* 1-based */
} Line;

typedef struct LineIter {
    const char *text;
    size_t len, pos;
    int number;
} LineIter;

static int line_next(LineIter *it, Line *out)
{
    if (it->pos >= it->len) return 0;
    const char *s = it->text + it->pos;
    const char *nl = memchr(s, '\n', it->len - it->pos);
    size_t n = nl ? (size_t)(nl - s) : it->len - it->pos;
    it->pos += n + (nl ? 1 : 0);
    if (n > 0 && s[n - 1] == '\r') n--;
    out->s = s;
    out->len = n;
    out->number = ++it->number;
    return 1;
}

static size_t skip_blanks(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    return i;
}

static size_t trim_end(const char *s, size_t end)
{
    while (end > 0 && isspace((unsigned char)s[end - 1])) end--;
    return end;
}

static int key_equals(const char *s, size_t len, const char *key)
{
    return strlen(key) == len && strncasecmp(s, key, len) == 0;
}

static void list_push(Arena *arena, PyTargetList *out, PyTargetKind kind, const char *what, const char *text,
                      size_t len, int line, int col, int yaml_float)
{
    if (out->count == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 8;
        out->items = arena_realloc(arena, out->items, out->cap * sizeof *out->items, cap * sizeof *out->items);
        out->cap = cap;
    }
    PyTargetDecl *d = &out->items[out->count++];
    d->kind = kind;
    d->what = what;
    d->text = arena_strndup(arena, text, len);
    d->line = line;
    d->col = col;
    d->yaml_float = yaml_float;
}

/* "[name]" -> name trimmed; returns 0 when the line is no section header. */
static int section_header(const Line *l, const char **name, size_t *name_len)
{
    size_t i = skip_blanks(l->s, l->len, 0);
    if (i >= l->len || l->s[i] != '[') return 0;
    while (i < l->len && l->s[i] == '[') i++;
    size_t end = i;
    while (end < l->len && l->s[end] != ']') end++;
    i = skip_blanks(l->s, end, i);
    *name = l->s + i;
    *name_len = trim_end(l->s, end) - i;
    return 1;
}

/* key <sep> value on one line; sep is '=' (and ':' when colon_too). */
static int key_value(const Line *l, int colon_too, const char **key, size_t *key_len, size_t *value_at)
{
    size_t i = skip_blanks(l->s, l->len, 0);
    size_t start = i;
    while (i < l->len && (isalnum((unsigned char)l->s[i]) || l->s[i] == '_' || l->s[i] == '-' || l->s[i] == '.'))
        i++;
    if (i == start) return 0;
    *key = l->s + start;
    *key_len = i - start;
    i = skip_blanks(l->s, l->len, i);
    if (i >= l->len || !(l->s[i] == '=' || (colon_too && l->s[i] == ':'))) return 0;
    *value_at = skip_blanks(l->s, l->len, i + 1);
    return 1;
}

/* A quoted string starting at l->s[at] ('"' or '\''): its content span.
 * Returns 0 when there is no quote there, -1 when it is unterminated. */
static int quoted_string(const Line *l, size_t at, size_t *start, size_t *len)
{
    if (at >= l->len || (l->s[at] != '"' && l->s[at] != '\'')) return 0;
    char q = l->s[at];
    for (size_t i = at + 1; i < l->len; i++) {
        if (l->s[i] == '\\' && q == '"') {
            i++;
            continue;
        }
        if (l->s[i] == q) {
            *start = at + 1;
            *len = i - at - 1;
            return 1;
        }
    }
    return -1;
}

static int unterminated(KraitError *err, const char *path, const Line *l, size_t at)
{
    return error_set(err, path, l->number, (int)at + 1, "unterminated string");
}

/* ---- trove classifiers ---------------------------------------------- */

/* "Programming Language :: Python :: 3.6" anywhere on the line (setup.py
 * and setup.cfg lists, pyproject classifiers arrays): the project claims
 * to support that line. "3 :: Only" and bare "3" name no minor version. */
static void scan_classifiers(Arena *arena, const Line *l, PyTargetList *out)
{
    static const char prefix[] = "Programming Language :: Python :: ";
    size_t n = sizeof prefix - 1;
    for (const char *p = l->s; (size_t)(l->s + l->len - p) > n;) {
        const char *hit = memmem(p, (size_t)(l->s + l->len - p), prefix, n);
        if (!hit) return;
        const char *v = hit + n;
        const char *end = v;
        while (end < l->s + l->len && (isdigit((unsigned char)*end) || *end == '.')) end++;
        int major, minor;
        KraitError ignored;
        int at_boundary = end == l->s + l->len || !isalnum((unsigned char)*end);
        if (end > v && at_boundary && python_version_parse_line(v, (size_t)(end - v), &major, &minor, &ignored) == 0)
            list_push(arena, out, PYTARGET_VERSION, "classifier", v, (size_t)(end - v), l->number,
                      (int)(v - l->s) + 1, 0);
        p = end;
    }
}

/* ---- pyproject.toml and Pipfile ------------------------------------ */

/* The keys read: section, key, the kind of their values. Tool pins are
 * secondary hints (the version a linter or type checker assumes). */
static const struct { const char *section, *key; PyTargetKind kind; } toml_keys[] = {
    {"project", "requires-python", PYTARGET_CONSTRAINT},
    {"tool.poetry.dependencies", "python", PYTARGET_CONSTRAINT},
    {"tool.ruff", "target-version", PYTARGET_VERSION},
    {"tool.black", "target-version", PYTARGET_VERSION},
    {"tool.mypy", "python_version", PYTARGET_VERSION},
    {"tool.pyright", "pythonVersion", PYTARGET_VERSION},
    {"requires", "python_version", PYTARGET_VERSION},        /* Pipfile */
    {"requires", "python_full_version", PYTARGET_VERSION},   /* Pipfile */
};

/* Strings of a TOML array from l->s[at] ('[') on, possibly over several
 * lines; comments and trailing commas allowed. */
static int toml_array(Arena *arena, const char *path, LineIter *it, Line l, size_t at, PyTargetKind kind,
                      const char *what, PyTargetList *out, KraitError *err)
{
    int open_line = l.number;
    size_t i = at + 1;
    for (;;) {
        while (i < l.len && (isspace((unsigned char)l.s[i]) || l.s[i] == ',')) i++;
        if (i < l.len && l.s[i] == ']') return 0;
        if (i >= l.len || l.s[i] == '#') {
            if (!line_next(it, &l))
                return error_set(err, path, open_line, (int)at + 1, "array not closed before the end of the file");
            i = 0;
            continue;
        }
        size_t start, len;
        int q = quoted_string(&l, i, &start, &len);
        if (q < 0) return unterminated(err, path, &l, i);
        if (q == 0) return 0;   /* not an array of strings: not ours to judge */
        list_push(arena, out, kind, what, l.s + start, len, l.number, (int)start + 1, 0);
        i = start + len + 1;
    }
}

static int read_toml(Arena *arena, const char *path, LineIter *it, PyTargetList *out, KraitError *err)
{
    Line l;
    const char *section = "";
    size_t section_len = 0;
    while (line_next(it, &l)) {
        scan_classifiers(arena, &l, out);
        const char *key;
        size_t key_len, at, start, len;
        if (section_header(&l, &section, &section_len)) continue;
        if (!key_value(&l, 0, &key, &key_len, &at)) continue;
        for (size_t k = 0; k < sizeof toml_keys / sizeof toml_keys[0]; k++) {
            if (!key_equals(section, section_len, toml_keys[k].section) || strlen(toml_keys[k].key) != key_len ||
                memcmp(key, toml_keys[k].key, key_len) != 0)
                continue;
            if (at < l.len && l.s[at] == '[') {
                if (toml_array(arena, path, it, l, at, toml_keys[k].kind, toml_keys[k].key, out, err) < 0) return -1;
                break;
            }
            int q = quoted_string(&l, at, &start, &len);
            if (q < 0) return unterminated(err, path, &l, at);
            if (q > 0)
                list_push(arena, out, toml_keys[k].kind, toml_keys[k].key, l.s + start, len, l.number,
                          (int)start + 1, 0);
            break;
        }
    }
    return 0;
}

/* ---- setup.cfg ------------------------------------------------------ */

static int read_setup_cfg(Arena *arena, LineIter *it, PyTargetList *out)
{
    Line l;
    int in_options = 0;
    while (line_next(it, &l)) {
        scan_classifiers(arena, &l, out);
        const char *name, *key;
        size_t name_len, key_len, at;
        if (section_header(&l, &name, &name_len)) {
            in_options = key_equals(name, name_len, "options");
            continue;
        }
        if (!in_options || !key_value(&l, 1, &key, &key_len, &at)) continue;
        if (!key_equals(key, key_len, "python_requires") && !key_equals(key, key_len, "python-requires")) continue;
        size_t end = trim_end(l.s, l.len);
        if (end > at)
            list_push(arena, out, PYTARGET_CONSTRAINT, "python_requires", l.s + at, end - at, l.number, (int)at + 1,
                      0);
    }
    return 0;
}

/* ---- setup.py ------------------------------------------------------- */

/* python_requires=">=3.8" as a keyword argument, or "python_requires":
 * ">=3.8" in a dict; a value that is not a string literal is not followed. */
static int read_setup_py(Arena *arena, const char *path, LineIter *it, PyTargetList *out, KraitError *err)
{
    static const char key[] = "python_requires";
    Line l;
    while (line_next(it, &l)) {
        scan_classifiers(arena, &l, out);
        for (size_t i = 0; i + sizeof key - 1 <= l.len; i++) {
            if (l.s[i] == '#') break;   /* the rest is a comment (a '#' inside a string is rare here) */
            if (memcmp(l.s + i, key, sizeof key - 1) != 0) continue;
            if (i > 0 && (isalnum((unsigned char)l.s[i - 1]) || l.s[i - 1] == '_')) continue;
            size_t j = i + sizeof key - 1;
            if (j < l.len && (isalnum((unsigned char)l.s[j]) || l.s[j] == '_')) continue;
            if (j < l.len && (l.s[j] == '"' || l.s[j] == '\'')) j++;   /* closing quote of a dict key */
            j = skip_blanks(l.s, l.len, j);
            if (j >= l.len || (l.s[j] != '=' && l.s[j] != ':')) continue;
            if (j + 1 < l.len && l.s[j + 1] == '=') continue;   /* a comparison, not an argument */
            j = skip_blanks(l.s, l.len, j + 1);
            if (j < l.len && (l.s[j] == 'r' || l.s[j] == 'u' || l.s[j] == 'R' || l.s[j] == 'U')) j++;
            size_t start, len;
            int q = quoted_string(&l, j, &start, &len);
            if (q < 0) return unterminated(err, path, &l, j);
            if (q > 0)
                list_push(arena, out, PYTARGET_CONSTRAINT, "python_requires", l.s + start, len, l.number,
                          (int)start + 1, 0);
            i = j;
        }
    }
    return 0;
}

/* ---- .python-version and runtime.txt -------------------------------- */

static void read_version_lines(Arena *arena, LineIter *it, PyTargetList *out, const char *what, int first_only)
{
    Line l;
    while (line_next(it, &l)) {
        size_t start = skip_blanks(l.s, l.len, 0);
        size_t end = trim_end(l.s, l.len);
        if (start >= end || l.s[start] == '#') continue;
        if (key_equals(l.s + start, end - start, "system")) continue;
        list_push(arena, out, PYTARGET_VERSION, what, l.s + start, end - start, l.number, (int)start + 1, 0);
        if (first_only) return;
    }
}

/* ---- Dockerfile ----------------------------------------------------- */

enum { DOCKER_ARGS_MAX = 64, DOCKER_LINE_MAX = 1024 };

typedef struct DockerArgs {
    const char *name[DOCKER_ARGS_MAX];
    size_t name_len[DOCKER_ARGS_MAX];
    const char *value[DOCKER_ARGS_MAX];
    size_t value_len[DOCKER_ARGS_MAX];
    int count;
} DockerArgs;

static void docker_arg(DockerArgs *args, const char *s, size_t len)
{
    const char *eq = memchr(s, '=', len);
    if (!eq || args->count == DOCKER_ARGS_MAX) return;
    size_t vlen = len - (size_t)(eq - s) - 1;
    const char *v = eq + 1;
    if (vlen >= 2 && (v[0] == '"' || v[0] == '\'') && v[vlen - 1] == v[0]) {
        v++;
        vlen -= 2;
    }
    args->name[args->count] = s;
    args->name_len[args->count] = (size_t)(eq - s);
    args->value[args->count] = v;
    args->value_len[args->count] = vlen;
    args->count++;
}

/* Copies s with $NAME, ${NAME} and ${NAME:-default} replaced by ARG
 * defaults (an unknown name becomes empty, or its default). */
static size_t docker_expand(const DockerArgs *args, const char *s, size_t len, char *out, size_t size)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < size;) {
        if (s[i] != '$') {
            out[n++] = s[i++];
            continue;
        }
        size_t j = i + 1, name_at, name_len, def_at = 0, def_len = 0;
        int braced = j < len && s[j] == '{';
        if (braced) j++;
        name_at = j;
        while (j < len && (isalnum((unsigned char)s[j]) || s[j] == '_')) j++;
        name_len = j - name_at;
        if (braced) {
            if (j + 1 < len && s[j] == ':' && s[j + 1] == '-') {
                def_at = j + 2;
                while (j < len && s[j] != '}') j++;
                def_len = j - def_at;
            }
            if (j < len && s[j] == '}') j++;
        }
        const char *v = s + def_at;
        size_t vlen = def_len;
        for (int a = args->count - 1; a >= 0; a--)
            if (args->name_len[a] == name_len && memcmp(args->name[a], s + name_at, name_len) == 0) {
                if (args->value_len[a] > 0) {
                    v = args->value[a];
                    vlen = args->value_len[a];
                }
                break;
            }
        for (size_t k = 0; k < vlen && n + 1 < size; k++) out[n++] = v[k];
        i = j;
    }
    out[n] = '\0';
    return n;
}

/* The tag of an image reference whose last path component is "python". */
static int python_image_tag(const char *image, size_t len, size_t *tag_at, size_t *tag_len)
{
    const char *at = memchr(image, '@', len);
    if (at) len = (size_t)(at - image);
    size_t slash = 0;
    for (size_t i = 0; i < len; i++)
        if (image[i] == '/') slash = i + 1;
    const char *colon = memchr(image + slash, ':', len - slash);
    size_t name_end = colon ? (size_t)(colon - image) : len;
    if (!key_equals(image + slash, name_end - slash, "python") || !colon) return 0;
    *tag_at = name_end + 1;
    *tag_len = len - *tag_at;
    return *tag_len > 0;
}

static void docker_from(Arena *arena, const DockerArgs *args, const Line *l, size_t i, PyTargetList *out)
{
    for (;;) {   /* skip --platform=... and other flags */
        i = skip_blanks(l->s, l->len, i);
        if (i + 1 >= l->len || l->s[i] != '-' || l->s[i + 1] != '-') break;
        while (i < l->len && !isspace((unsigned char)l->s[i])) i++;
    }
    size_t start = i;
    while (i < l->len && !isspace((unsigned char)l->s[i])) i++;
    char image[DOCKER_LINE_MAX];
    size_t n = docker_expand(args, l->s + start, i - start, image, sizeof image);
    size_t tag_at, tag_len;
    if (!python_image_tag(image, n, &tag_at, &tag_len)) return;
    int major, minor;
    KraitError ignored;
    /* "latest", "slim", "3-alpine": no minor version, nothing to judge */
    if (python_version_parse_line(image + tag_at, tag_len, &major, &minor, &ignored) < 0) return;
    int substituted = n != i - start || memcmp(image, l->s + start, n) != 0;
    int col = (int)(substituted ? start : start + tag_at) + 1;
    list_push(arena, out, PYTARGET_VERSION, "image", image + tag_at, tag_len, l->number, col, 0);
}

static void read_dockerfile(Arena *arena, LineIter *it, PyTargetList *out)
{
    DockerArgs args;
    args.count = 0;
    Line l;
    while (line_next(it, &l)) {
        size_t i = skip_blanks(l.s, l.len, 0);
        size_t word = i;
        while (i < l.len && isalpha((unsigned char)l.s[i])) i++;
        if (key_equals(l.s + word, i - word, "ARG")) {
            i = skip_blanks(l.s, l.len, i);
            docker_arg(&args, l.s + i, trim_end(l.s, l.len) - i);
        } else if (key_equals(l.s + word, i - word, "FROM") && i < l.len && isspace((unsigned char)l.s[i])) {
            docker_from(arena, &args, &l, i, out);
        }
    }
}

/* ---- tox.ini -------------------------------------------------------- */

enum { TOX_ENV_MAX = 256, TOX_GROUPS_MAX = 8 };

/* A factor naming an interpreter: py38, py310, pypy3, pypy39, py3.11. */
static int tox_python_factor(const char *s, size_t len)
{
    size_t i = len >= 4 && strncasecmp(s, "pypy", 4) == 0 ? 4 : len >= 2 && strncasecmp(s, "py", 2) == 0 ? 2 : 0;
    if (i == 0 || i == len) return 0;
    for (; i < len; i++)
        if (!isdigit((unsigned char)s[i]) && s[i] != '.') return 0;
    return 1;
}

static void tox_env_factors(Arena *arena, const char *env, size_t len, int line, int col, PyTargetList *out)
{
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && env[i] != '-') continue;
        int major, minor;
        KraitError ignored;   /* "pypy3", "py3": no minor version, nothing to judge */
        if (tox_python_factor(env + start, i - start) &&
            python_version_parse_line(env + start, i - start, &major, &minor, &ignored) == 0) {
            int dup = 0;   /* py38-a and py38-b declare py38 once */
            for (size_t k = 0; k < out->count; k++)
                if (out->items[k].line == line && strlen(out->items[k].text) == i - start &&
                    memcmp(out->items[k].text, env + start, i - start) == 0)
                    dup = 1;
            if (!dup) list_push(arena, out, PYTARGET_VERSION, "envlist", env + start, i - start, line, col, 0);
        }
        start = i + 1;
    }
}

/* Expands "py{38,39}-django{3,4}" into every combination. */
static int tox_expand(Arena *arena, const char *path, const char *env, size_t len, int line, int col,
                      PyTargetList *out, KraitError *err)
{
    const char *open = memchr(env, '{', len);
    if (!open) {
        const char *close = memchr(env, '}', len);
        if (close) return error_set(err, path, line, col + (int)(close - env), "'}' without '{' in tox env name");
        tox_env_factors(arena, env, len, line, col, out);
        return 0;
    }
    size_t o = (size_t)(open - env);
    const char *close = memchr(open, '}', len - o);
    if (!close) return error_set(err, path, line, col + (int)o, "unclosed '{' in tox env name");
    size_t c = (size_t)(close - env);
    size_t alt = o + 1;
    for (size_t i = o + 1; i <= c; i++) {
        if (i < c && env[i] != ',') continue;
        const char *nested = memchr(env + alt, '{', i - alt);
        if (nested) return error_set(err, path, line, col + (int)(nested - env), "nested '{' in tox env name");
        char buf[TOX_ENV_MAX];
        size_t a_start = skip_blanks(env, i, alt), a_end = trim_end(env, i);
        size_t n = (size_t)snprintf(buf, sizeof buf, "%.*s%.*s%.*s", (int)o, env, (int)(a_end - a_start),
                                    env + a_start, (int)(len - c - 1), env + c + 1);
        if (n >= sizeof buf) return error_set(err, path, line, col, "tox env name too long");
        if (tox_expand(arena, path, buf, n, line, col, out, err) < 0) return -1;
        alt = i + 1;
    }
    return 0;
}

/* Splits an envlist value at commas (outside braces) and blanks. */
static int tox_envlist(Arena *arena, const char *path, const Line *l, size_t at, PyTargetList *out, KraitError *err)
{
    size_t i = at, end = trim_end(l->s, l->len);
    while (i < end) {
        while (i < end && (l->s[i] == ',' || isspace((unsigned char)l->s[i]))) i++;
        if (i >= end || l->s[i] == '#') break;
        size_t start = i;
        int depth = 0;
        while (i < end && (depth > 0 || (l->s[i] != ',' && !isspace((unsigned char)l->s[i])))) {
            if (l->s[i] == '{') depth++;
            if (l->s[i] == '}') depth--;
            i++;
        }
        if (tox_expand(arena, path, l->s + start, i - start, l->number, (int)start + 1, out, err) < 0) return -1;
    }
    return 0;
}

static int read_tox_ini(Arena *arena, const char *path, LineIter *it, PyTargetList *out, KraitError *err)
{
    Line l;
    int in_tox = 0, in_testenv = 0, in_envlist = 0;
    while (line_next(it, &l)) {
        const char *name, *key;
        size_t name_len, key_len, at;
        if (section_header(&l, &name, &name_len)) {
            in_tox = key_equals(name, name_len, "tox");
            in_testenv = name_len >= 7 && strncasecmp(name, "testenv", 7) == 0;
            in_envlist = 0;
            continue;
        }
        if (in_envlist && l.len > 0 && isspace((unsigned char)l.s[0])) {   /* continuation of envlist */
            if (tox_envlist(arena, path, &l, 0, out, err) < 0) return -1;
            continue;
        }
        in_envlist = 0;
        if (!key_value(&l, 1, &key, &key_len, &at)) continue;
        if (in_tox && key_equals(key, key_len, "envlist")) {
            in_envlist = 1;
            if (tox_envlist(arena, path, &l, at, out, err) < 0) return -1;
        } else if (in_testenv && key_equals(key, key_len, "basepython")) {
            size_t end = trim_end(l.s, l.len);
            if (end > at)
                list_push(arena, out, PYTARGET_VERSION, "basepython", l.s + at, end - at, l.number, (int)at + 1, 0);
        }
    }
    return 0;
}

/* ---- GitHub Actions workflows ---------------------------------------- */

/* An unquoted YAML scalar like 3.10 is the float 3.1: digits '.' digits
 * ending in 0. */
static int yaml_float_loses_digits(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && isdigit((unsigned char)s[i])) i++;
    if (i == 0 || i >= len || s[i] != '.') return 0;
    size_t frac = ++i;
    while (i < len && isdigit((unsigned char)s[i])) i++;
    return i == len && i > frac && s[len - 1] == '0';
}

/* One list item or scalar value at l->s[at..end). */
static int workflow_item(Arena *arena, const char *path, const Line *l, size_t at, size_t end, PyTargetList *out,
                         KraitError *err)
{
    at = skip_blanks(l->s, end, at);
    end = trim_end(l->s, end);
    if (at >= end) return 0;
    size_t start = at, len = end - at;
    int quoted = quoted_string(l, at, &start, &len);
    if (quoted < 0) return unterminated(err, path, l, at);
    const char *v = l->s + start;
    if (len == 0 || memmem(v, len, "${{", 3) || memchr(v, 'x', len) || memchr(v, '*', len)) return 0;
    PyTargetKind kind = strchr("<>=~^!", v[0]) ? PYTARGET_CONSTRAINT : PYTARGET_VERSION;
    list_push(arena, out, kind, "python-version", v, len, l->number, (int)start + 1,
              !quoted && yaml_float_loses_digits(v, len));
    return 0;
}

static size_t strip_yaml_comment(const Line *l, size_t from)
{
    char quote = 0;
    for (size_t i = from; i < l->len; i++) {
        char c = l->s[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '#' && (i == 0 || isspace((unsigned char)l->s[i - 1]))) {
            return i;
        }
    }
    return l->len;
}

static int workflow_flow_list(Arena *arena, const char *path, const Line *l, size_t at, size_t end,
                              PyTargetList *out, KraitError *err)
{
    size_t i = at + 1;   /* past '[' */
    const char *close = memchr(l->s + i, ']', end - i);
    if (!close) return error_set(err, path, l->number, (int)at + 1, "flow list not closed on its line");
    size_t stop = (size_t)(close - l->s);
    while (i <= stop) {
        size_t item = i;
        char quote = 0;
        while (i < stop && (quote || l->s[i] != ',')) {
            if (quote && l->s[i] == quote) quote = 0;
            else if (!quote && (l->s[i] == '"' || l->s[i] == '\'')) quote = l->s[i];
            i++;
        }
        if (workflow_item(arena, path, l, item, i, out, err) < 0) return -1;
        i++;
    }
    return 0;
}

static int read_github_workflow(Arena *arena, const char *path, LineIter *it, PyTargetList *out, KraitError *err)
{
    static const char key[] = "python-version:";
    Line l;
    size_t block_indent = 0;
    int in_block = 0;
    while (line_next(it, &l)) {
        size_t i = skip_blanks(l.s, l.len, 0);
        size_t end = strip_yaml_comment(&l, i);
        if (in_block) {
            if (i < end && l.s[i] == '-' && i >= block_indent) {
                if (workflow_item(arena, path, &l, i + 1, end, out, err) < 0) return -1;
                continue;
            }
            if (trim_end(l.s, end) > i) in_block = 0;   /* blank and comment lines keep the block open */
        }
        if (i < l.len && l.s[i] == '-') i = skip_blanks(l.s, l.len, i + 1);   /* "- python-version: x" */
        if (l.len - i < sizeof key - 1 || memcmp(l.s + i, key, sizeof key - 1) != 0) continue;
        size_t at = skip_blanks(l.s, end, i + sizeof key - 1);
        if (trim_end(l.s, end) <= at) {   /* a block list follows */
            in_block = 1;
            block_indent = i;
            continue;
        }
        int rc = l.s[at] == '[' ? workflow_flow_list(arena, path, &l, at, end, out, err)
                                : workflow_item(arena, path, &l, at, end, out, err);
        if (rc < 0) return -1;
    }
    return 0;
}

/* ---- .tool-versions, conda environment files, GitLab CI ------------ */

/* asdf/mise: "python 3.12.1 3.11.0" (every version listed is installed) */
static void read_tool_versions(Arena *arena, LineIter *it, PyTargetList *out)
{
    Line l;
    while (line_next(it, &l)) {
        size_t i = skip_blanks(l.s, l.len, 0), end = l.len;
        const char *hash = memchr(l.s, '#', l.len);
        if (hash) end = (size_t)(hash - l.s);
        if (end - i < 7 || strncmp(l.s + i, "python", 6) != 0 || !isspace((unsigned char)l.s[i + 6])) continue;
        for (i += 6; i < end;) {
            i = skip_blanks(l.s, end, i);
            size_t start = i;
            while (i < end && !isspace((unsigned char)l.s[i])) i++;
            if (i > start && !key_equals(l.s + start, i - start, "system"))
                list_push(arena, out, PYTARGET_VERSION, ".tool-versions", l.s + start, i - start, l.number,
                          (int)start + 1, 0);
        }
    }
}

/* A conda match spec for python in a dependency list: "- python=3.10",
 * "- python>=3.9,<3.12", "- python 3.9", "- conda-forge::python=3.11".
 * A single '=' is conda's prefix match (3.10 means 3.10.*). */
static void read_conda_env(Arena *arena, LineIter *it, PyTargetList *out)
{
    Line l;
    while (line_next(it, &l)) {
        size_t i = skip_blanks(l.s, l.len, 0);
        if (i >= l.len || l.s[i] != '-') continue;
        i = skip_blanks(l.s, l.len, i + 1);
        size_t end = strip_yaml_comment(&l, i);
        end = trim_end(l.s, end);
        if (i < end && (l.s[i] == '"' || l.s[i] == '\'') && l.s[end - 1] == l.s[i]) {
            i++;
            end--;
        }
        const char *colons = memmem(l.s + i, end - i, "::", 2);
        if (colons) i = (size_t)(colons - l.s) + 2;
        if (end - i < 7 || strncmp(l.s + i, "python", 6) != 0) continue;
        size_t at = i + 6;
        char c = l.s[at];
        if (c == '=' && at + 1 < end && l.s[at + 1] != '=') {
            at = skip_blanks(l.s, end, at + 1);
            list_push(arena, out, PYTARGET_VERSION, "conda", l.s + at, end - at, l.number, (int)at + 1, 0);
        } else if (strchr("<>=!~", c)) {
            list_push(arena, out, PYTARGET_CONSTRAINT, "conda", l.s + at, end - at, l.number, (int)at + 1, 0);
        } else if (c == ' ' || c == '\t') {
            at = skip_blanks(l.s, end, at);
            PyTargetKind kind = at < end && strchr("<>=!~", l.s[at]) ? PYTARGET_CONSTRAINT : PYTARGET_VERSION;
            if (at < end) list_push(arena, out, kind, "conda", l.s + at, end - at, l.number, (int)at + 1, 0);
        }
    }
}

/* GitLab CI: "image: python:3.11" or "image:" with "name: python:3.11". */
static void read_gitlab_ci(Arena *arena, LineIter *it, PyTargetList *out)
{
    Line l;
    while (line_next(it, &l)) {
        size_t i = skip_blanks(l.s, l.len, 0);
        if (i < l.len && l.s[i] == '-') i = skip_blanks(l.s, l.len, i + 1);
        size_t key_len = l.len - i >= 6 && memcmp(l.s + i, "image:", 6) == 0 ? 6
                         : l.len - i >= 5 && memcmp(l.s + i, "name:", 5) == 0 ? 5 : 0;
        if (key_len == 0) continue;
        size_t at = skip_blanks(l.s, l.len, i + key_len);
        size_t end = trim_end(l.s, strip_yaml_comment(&l, at));
        if (at < end && (l.s[at] == '"' || l.s[at] == '\'') && l.s[end - 1] == l.s[at]) {
            at++;
            end--;
        }
        size_t tag_at, tag_len;
        if (at >= end || memchr(l.s + at, '$', end - at)) continue;   /* variables are not resolved */
        if (!python_image_tag(l.s + at, end - at, &tag_at, &tag_len)) continue;
        int major, minor;
        KraitError ignored;
        if (python_version_parse_line(l.s + at + tag_at, tag_len, &major, &minor, &ignored) < 0) continue;
        list_push(arena, out, PYTARGET_VERSION, "image", l.s + at + tag_at, tag_len, l.number, (int)(at + tag_at) + 1,
                  0);
    }
}

/* ---- dispatch ------------------------------------------------------- */

PyTargetFile pytarget_file_kind(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strcmp(base, "pyproject.toml") == 0) return PYFILE_PYPROJECT;
    if (strcmp(base, "setup.cfg") == 0) return PYFILE_SETUP_CFG;
    if (strcmp(base, "setup.py") == 0) return PYFILE_SETUP_PY;
    if (strcmp(base, ".python-version") == 0) return PYFILE_PYTHON_VERSION;
    if (strcmp(base, "runtime.txt") == 0) return PYFILE_RUNTIME_TXT;
    if (strcmp(base, "tox.ini") == 0) return PYFILE_TOX_INI;
    if (strcmp(base, "Pipfile") == 0) return PYFILE_PIPFILE;
    if (strcmp(base, ".tool-versions") == 0) return PYFILE_TOOL_VERSIONS;
    if (strcmp(base, "environment.yml") == 0 || strcmp(base, "environment.yaml") == 0) return PYFILE_CONDA_ENV;
    if (strcmp(base, ".gitlab-ci.yml") == 0) return PYFILE_GITLAB_CI;
    size_t n = strlen(base);
    if (strcmp(base, "Dockerfile") == 0 || strcmp(base, "Containerfile") == 0 ||
        strncmp(base, "Dockerfile.", 11) == 0 || (n > 11 && strcmp(base + n - 11, ".Dockerfile") == 0))
        return PYFILE_DOCKERFILE;
    int yaml = (n > 4 && strcmp(base + n - 4, ".yml") == 0) || (n > 5 && strcmp(base + n - 5, ".yaml") == 0);
    if (yaml && strstr(path, ".github/workflows/")) return PYFILE_GITHUB_WORKFLOW;
    return PYFILE_UNKNOWN;
}

int pytarget_read(Arena *arena, PyTargetFile kind, const char *path, const char *text, size_t len,
                  PyTargetList *out, KraitError *err)
{
    LineIter it = {text, len, 0, 0};
    switch (kind) {
    case PYFILE_PYPROJECT:
    case PYFILE_PIPFILE: return read_toml(arena, path, &it, out, err);
    case PYFILE_SETUP_CFG: return read_setup_cfg(arena, &it, out);
    case PYFILE_SETUP_PY: return read_setup_py(arena, path, &it, out, err);
    case PYFILE_PYTHON_VERSION: read_version_lines(arena, &it, out, ".python-version", 0); return 0;
    case PYFILE_RUNTIME_TXT: read_version_lines(arena, &it, out, "runtime.txt", 1); return 0;
    case PYFILE_DOCKERFILE: read_dockerfile(arena, &it, out); return 0;
    case PYFILE_TOX_INI: return read_tox_ini(arena, path, &it, out, err);
    case PYFILE_GITHUB_WORKFLOW: return read_github_workflow(arena, path, &it, out, err);
    case PYFILE_TOOL_VERSIONS: read_tool_versions(arena, &it, out); return 0;
    case PYFILE_CONDA_ENV: read_conda_env(arena, &it, out); return 0;
    case PYFILE_GITLAB_CI: read_gitlab_ci(arena, &it, out); return 0;
    case PYFILE_UNKNOWN: break;
    }
    return error_set(err, path, 0, 0, "not a file that declares a Python version");
}

int pytarget_lowest(const PyTargetDecl *decl, PythonTarget *out, KraitError *err)
{
    if (decl->kind == PYTARGET_CONSTRAINT) return python_constraint_lowest(decl->text, strlen(decl->text), out, err);
    memset(out, 0, sizeof *out);
    int major, minor;
    if (python_version_parse_line(decl->text, strlen(decl->text), &major, &minor, err) < 0) return -1;
    out->found = 1;
    out->major = major;
    out->minor = minor;
    out->line = python_eol_find(major, minor);
    return 0;
}
