/* requirements.c - see requirements.h. Follows pip's reading order: physical
 * lines are joined at trailing backslashes, comments (a '#' at the start or
 * after white space) removed, ${VAR} expanded, then each logical line is
 * either an option line (starts with '-') or requirement text followed by
 * per-requirement options. Includes recurse with the chain of open files on
 * a stack, which is how a cycle is recognised. */
#include "deps/requirements.h"
#include "base/die.h"
#include "base/file.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

enum { REQ_MAX_DEPTH = 32, REQ_MAX_FILE = 16 << 20 };

typedef struct ReqReader {
    Arena *arena;
    ReqEnvFn env;
    void *env_ctx;
    ReqFile *out;
    KraitError *err;
    const char *chain[REQ_MAX_DEPTH];   /* real paths of the files being read */
    int depth;
} ReqReader;

typedef struct Logical {
    const char *path;
    uint32_t line;
    const char *text;       /* arena copy, comment removed, env expanded */
    size_t len;
} Logical;

static const char *default_env(const char *name, void *ctx)
{
    (void)ctx;
    return getenv(name);
}

static void push_entry(ReqFile *out, Arena *arena, const ReqEntry *e)
{
    if (out->n == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 16;
        out->entries = arena_realloc(arena, out->entries, out->cap * sizeof *out->entries, cap * sizeof *out->entries);
        out->cap = cap;
    }
    out->entries[out->n++] = *e;
}

static void push_file(ReqFile *out, Arena *arena, const char *path)
{
    const char **files = ARENA_ARRAY(arena, const char *, out->n_files + 1);
    if (out->n_files) memcpy(files, out->files, out->n_files * sizeof *files);
    files[out->n_files++] = arena_strndup(arena, path, strlen(path));
    out->files = files;
}

/* Removes a comment: '#' at the start or after white space, as pip does. */
static size_t strip_comment(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) {
            len = i;
            break;
        }
    while (len && isspace((unsigned char)s[len - 1])) len--;
    return len;
}

/* Expands ${NAME} (NAME of A-Z, 0-9, _) from the environment; anything else
 * is left as written. An unset variable expands to nothing, like pip. */
static char *expand_env(ReqReader *r, const char *s, size_t len, size_t *out_len)
{
    size_t cap = len + 1, n = 0;
    char *buf = arena_alloc(r->arena, cap);
    for (size_t i = 0; i < len;) {
        const char *value = NULL;
        size_t skip = 0;
        if (s[i] == '$' && i + 1 < len && s[i + 1] == '{') {
            size_t j = i + 2;
            while (j < len && (isupper((unsigned char)s[j]) || isdigit((unsigned char)s[j]) || s[j] == '_')) j++;
            if (j < len && s[j] == '}' && j > i + 2) {
                char name[256];
                size_t nlen = j - i - 2;
                if (nlen < sizeof name) {
                    memcpy(name, s + i + 2, nlen);
                    name[nlen] = '\0';
                    value = r->env(name, r->env_ctx);
                    if (!value) value = "";
                    skip = j + 1 - i;
                }
            }
        }
        if (skip) {
            size_t vlen = strlen(value);
            if (n + vlen + (len - i) + 1 > cap) {
                size_t ncap = (n + vlen + (len - i) + 1) * 2;
                buf = arena_realloc(r->arena, buf, cap, ncap);
                cap = ncap;
            }
            memcpy(buf + n, value, vlen);
            n += vlen;
            i += skip;
        } else {
            if (n + 2 > cap) {
                buf = arena_realloc(r->arena, buf, cap, cap * 2);
                cap *= 2;
            }
            buf[n++] = s[i++];
        }
    }
    buf[n] = '\0';
    *out_len = n;
    return buf;
}

static bool is_option(const char *tok, size_t len, const char *shrt, const char *lng, const char **value,
                      size_t *value_len, bool *needs_next)
{
    *value = NULL;
    *value_len = 0;
    *needs_next = false;
    size_t llen = strlen(lng);
    if (len >= llen && memcmp(tok, lng, llen) == 0) {
        if (len == llen) { *needs_next = true; return true; }
        if (tok[llen] == '=') { *value = tok + llen + 1; *value_len = len - llen - 1; return true; }
        return false;
    }
    if (shrt && len >= 2 && memcmp(tok, shrt, 2) == 0) {
        if (len == 2) { *needs_next = true; return true; }
        *value = tok + 2;
        *value_len = len - 2;
        return true;
    }
    return false;
}

static bool looks_like_url_or_path(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '+' || s[i] == '.' || s[i] == '-')) i++;
    if (i > 0 && i + 2 < len && s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/') return true;
    if (len >= 5 && memcmp(s, "file:", 5) == 0) return true;
    if (s[0] == '.' || s[0] == '/' || s[0] == '~') return true;
    static const char *const archives[] = {".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz", NULL};
    for (const char *const *a = archives; *a; a++) {
        size_t alen = strlen(*a);
        if (len >= alen && memcmp(s + len - alen, *a, alen) == 0 && !memchr(s, ' ', len)) return true;
    }
    return false;
}

static int read_file(ReqReader *r, const char *path, bool constraint);

static int include_file(ReqReader *r, const Logical *lg, const char *target, size_t target_len, bool constraint)
{
    if (looks_like_url_or_path(target, target_len) && memmem(target, target_len, "://", 3))
        return error_set(r->err, lg->path, (int)lg->line, 1,
                         "include of a remote file '%.*s' is not supported (krait never downloads requirements)",
                         (int)target_len, target);
    char resolved[PATH_MAX];
    const char *slash = strrchr(lg->path, '/');
    if (target[0] == '/' || !slash) {
        if (target_len >= sizeof resolved) return error_set(r->err, lg->path, (int)lg->line, 1, "path too long");
        memcpy(resolved, target, target_len);
        resolved[target_len] = '\0';
    } else {
        int n = snprintf(resolved, sizeof resolved, "%.*s/%.*s", (int)(slash - lg->path), lg->path,
                         (int)target_len, target);
        if (n < 0 || (size_t)n >= sizeof resolved) return error_set(r->err, lg->path, (int)lg->line, 1, "path too long");
    }
    char *copy = arena_strndup(r->arena, resolved, strlen(resolved));
    int rc = read_file(r, copy, constraint);
    if (rc < 0 && r->err->line == 0 && strstr(r->err->message, "cannot open")) {
        char why[ERROR_MESSAGE_MAX];
        snprintf(why, sizeof why, "%s", r->err->message);
        return error_set(r->err, lg->path, (int)lg->line, 1, "included file %s: %s", copy, why);
    }
    return rc;
}

/* Splits the logical line into white-space separated tokens in place. */
static size_t tokenize(char *s, size_t len, char **toks, size_t *tlens, size_t max)
{
    size_t n = 0, i = 0;
    while (i < len && n < max) {
        while (i < len && isspace((unsigned char)s[i])) i++;
        if (i >= len) break;
        size_t start = i;
        while (i < len && !isspace((unsigned char)s[i])) i++;
        toks[n] = s + start;
        tlens[n] = i - start;
        n++;
    }
    return n;
}

typedef struct OptionSpec {
    const char *shrt;
    const char *lng;
    bool takes_value;
} OptionSpec;

/* Global options pip accepts in requirements files that krait ignores. */
static const OptionSpec ignored_options[] = {
    {"-i", "--index-url", true}, {NULL, "--extra-index-url", true}, {NULL, "--no-index", false},
    {"-f", "--find-links", true}, {NULL, "--trusted-host", true}, {NULL, "--pre", false},
    {NULL, "--prefer-binary", false}, {NULL, "--only-binary", true}, {NULL, "--no-binary", true},
    {NULL, "--use-feature", true}, {NULL, "--config-settings", true}, {NULL, "--global-option", true},
    {NULL, "--install-option", true}, {NULL, NULL, false},
};

static int handle_logical(ReqReader *r, const Logical *lg, bool constraint)
{
    char *text = arena_strndup(r->arena, lg->text, lg->len);
    char *toks[512];
    size_t tlens[512];
    size_t n = tokenize(text, lg->len, toks, tlens, 512);
    if (n == 0) return 0;
    size_t col = (size_t)(toks[0] - text) + 1;
    ReqEntry e = {.path = lg->path, .line = lg->line, .col = (uint32_t)col, .constraint = constraint};
    size_t i = 0;
    /* Requirement text: every token before the first one starting with '-'. */
    size_t req_end = 0;
    while (req_end < n && toks[req_end][0] != '-') req_end++;
    if (req_end > 0) {
        size_t len = (size_t)(toks[req_end - 1] + tlens[req_end - 1] - toks[0]);
        e.text = arena_strndup(r->arena, toks[0], len);
        e.kind = looks_like_url_or_path(e.text, len) ? REQ_ENTRY_URL : REQ_ENTRY_REQUIREMENT;
        i = req_end;
    }
    const char **hashes = NULL;
    size_t n_hashes = 0;
    for (; i < n; i++) {
        const char *val;
        size_t vlen;
        bool next;
        const char *tok = toks[i];
        size_t tlen = tlens[i];
#define TAKE_VALUE(name) \
        do { \
            if (next) { \
                if (i + 1 >= n) \
                    return error_set(r->err, lg->path, (int)lg->line, (int)(tok - text) + 1, \
                                     "option %s needs a value", name); \
                val = toks[++i]; \
                vlen = tlens[i]; \
            } \
        } while (0)
        if (is_option(tok, tlen, NULL, "--hash", &val, &vlen, &next)) {
            TAKE_VALUE("--hash");
            const char **grown = ARENA_ARRAY(r->arena, const char *, n_hashes + 1);
            if (n_hashes) memcpy(grown, hashes, n_hashes * sizeof *grown);
            grown[n_hashes++] = arena_strndup(r->arena, val, vlen);
            hashes = grown;
            continue;
        }
        if (e.text) {
            /* after a requirement only per-requirement options may follow */
            if (is_option(tok, tlen, NULL, "--config-settings", &val, &vlen, &next) ||
                is_option(tok, tlen, NULL, "--global-option", &val, &vlen, &next) ||
                is_option(tok, tlen, NULL, "--install-option", &val, &vlen, &next)) {
                TAKE_VALUE("option");
                continue;
            }
            return error_set(r->err, lg->path, (int)lg->line, (int)(tok - text) + 1,
                             "unexpected '%.*s' after a requirement", (int)tlen, tok);
        }
        bool is_r = is_option(tok, tlen, "-r", "--requirement", &val, &vlen, &next);
        bool is_c = !is_r && is_option(tok, tlen, "-c", "--constraint", &val, &vlen, &next);
        if (is_r || is_c) {
            TAKE_VALUE("-r/-c");
            if (i + 1 < n)
                return error_set(r->err, lg->path, (int)lg->line, (int)(toks[i + 1] - text) + 1,
                                 "unexpected '%.*s' after an include", (int)tlens[i + 1], toks[i + 1]);
            /* constraints stay constraints through any further -r */
            return include_file(r, lg, val, vlen, is_c || constraint);
        }
        if (is_option(tok, tlen, "-e", "--editable", &val, &vlen, &next)) {
            TAKE_VALUE("-e");
            e.editable = true;
            e.col = (uint32_t)(val - text) + 1;
            size_t len = (size_t)(toks[n - 1] + tlens[n - 1] - val);
            e.text = arena_strndup(r->arena, val, len);
            e.kind = looks_like_url_or_path(e.text, len) ? REQ_ENTRY_URL : REQ_ENTRY_REQUIREMENT;
            break;
        }
        if (tlen == 16 && memcmp(tok, "--require-hashes", 16) == 0) {
            r->out->require_hashes = true;
            continue;
        }
        const OptionSpec *o = ignored_options;
        for (; o->lng; o++)
            if (is_option(tok, tlen, o->shrt, o->lng, &val, &vlen, &next)) break;
        if (!o->lng)
            return error_set(r->err, lg->path, (int)lg->line, (int)(tok - text) + 1,
                             "unknown option '%.*s'", (int)tlen, tok);
        if (o->takes_value) TAKE_VALUE(o->lng);
#undef TAKE_VALUE
    }
    if (!e.text) return 0;
    e.hashes = hashes;
    e.n_hashes = n_hashes;
    push_entry(r->out, r->arena, &e);
    return 0;
}

static int parse_text(ReqReader *r, const char *path, const char *text, size_t len, bool constraint)
{
    size_t pos = 0;
    uint32_t lineno = 0;
    char *joined = NULL;
    size_t joined_len = 0, joined_cap = 0;
    uint32_t first_line = 0;
    while (pos < len) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t llen = nl ? (size_t)(nl - line) : len - pos;
        pos += llen + (nl ? 1 : 0);
        lineno++;
        if (llen && line[llen - 1] == '\r') llen--;
        if (memchr(line, '\0', llen))
            return error_set(r->err, path, (int)lineno, 1, "NUL byte in a requirements file");
        bool continues = llen && line[llen - 1] == '\\' && !(llen && line[0] == '#');
        if (!joined_len) first_line = lineno;
        size_t piece = continues ? llen - 1 : llen;
        if (joined_len + piece + 1 > joined_cap) {
            size_t cap = (joined_len + piece + 1) * 2;
            joined = arena_realloc(r->arena, joined, joined_cap, cap);
            joined_cap = cap;
        }
        memcpy(joined + joined_len, line, piece);
        joined_len += piece;
        joined[joined_len] = '\0';
        if (continues && pos < len) continue;
        size_t clen = strip_comment(joined, joined_len);
        Logical lg = {.path = path, .line = first_line};
        size_t xlen;
        lg.text = expand_env(r, joined, clen, &xlen);
        lg.len = xlen;
        joined_len = 0;
        joined = NULL;
        joined_cap = 0;
        if (handle_logical(r, &lg, constraint) < 0) return -1;
    }
    return 0;
}

static int read_file(ReqReader *r, const char *path, bool constraint)
{
    char real[PATH_MAX];
    if (!realpath(path, real)) return error_set(r->err, path, 0, 0, "cannot open: %s", strerror(errno));
    for (int i = 0; i < r->depth; i++)
        if (strcmp(r->chain[i], real) == 0)
            return error_set(r->err, path, 0, 0, "include cycle: %s is already being read", path);
    if (r->depth >= REQ_MAX_DEPTH)
        return error_set(r->err, path, 0, 0, "includes nested deeper than %d files", REQ_MAX_DEPTH);
    FileData fd;
    if (file_read_all(path, REQ_MAX_FILE, &fd, r->err) < 0) return -1;
    r->chain[r->depth++] = arena_strndup(r->arena, real, strlen(real));
    push_file(r->out, r->arena, path);
    size_t skip = (fd.len >= 3 && memcmp(fd.data, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
    int rc = parse_text(r, arena_strndup(r->arena, path, strlen(path)), fd.data + skip, fd.len - skip, constraint);
    file_data_free(&fd);
    r->depth--;
    return rc;
}

int requirements_read(Arena *arena, const char *path, ReqEnvFn env, void *env_ctx, ReqFile *out,
                      KraitError *err)
{
    ReqReader r = {arena, env ? env : default_env, env_ctx, out, err, {0}, 0};
    return read_file(&r, path, false);
}

int requirements_parse_text(Arena *arena, const char *path, const char *text, size_t len,
                            ReqEnvFn env, void *env_ctx, ReqFile *out, KraitError *err)
{
    ReqReader r = {arena, env ? env : default_env, env_ctx, out, err, {0}, 0};
    push_file(out, arena, path);
    return parse_text(&r, arena_strndup(arena, path, strlen(path)), text, len, false);
}
