/* files.c - which committed files the secrets pass reads (decided from the
 * path alone) and the binary-content heuristic. Lock files are recognised
 * by name: they are full of hashes and resolved URLs, never secrets. */
#include "secrets/secrets.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

enum { BINARY_PROBE_BYTES = 64 * 1024 };

static const char *path_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static bool has_suffix_ci(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

static bool is_lock_name(const char *base)
{
    static const char *const names[] = {
        "poetry.lock", "Pipfile.lock", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
        "pnpm-lock.yaml", "uv.lock", "pdm.lock", "Cargo.lock", "Gemfile.lock", "composer.lock",
        "go.sum", "conda-lock.yml", "pylock.toml", "bun.lock",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(base, names[i]) == 0) return true;
    /* pylock.NAME.toml (PEP 751) and any other *.lock */
    if (strncmp(base, "pylock.", 7) == 0 && has_suffix_ci(base, ".toml")) return true;
    return has_suffix_ci(base, ".lock");
}

SecretFileKind secrets_file_kind(const char *path)
{
    if (!path) return SECRET_FILE_OTHER;
    const char *base = path_basename(path);
    if (is_lock_name(base)) return SECRET_FILE_LOCK;
    if (has_suffix_ci(base, ".py") || has_suffix_ci(base, ".pyi") || has_suffix_ci(base, ".pyw"))
        return SECRET_FILE_PYTHON;
    if (strcmp(base, ".env") == 0 || strncmp(base, ".env.", 5) == 0 || has_suffix_ci(base, ".env"))
        return SECRET_FILE_ENV;
    if (has_suffix_ci(base, ".ini") || has_suffix_ci(base, ".cfg") || has_suffix_ci(base, ".conf") ||
        strcmp(base, ".pypirc") == 0 || strcmp(base, ".npmrc") == 0)
        return SECRET_FILE_INI;
    if (has_suffix_ci(base, ".toml")) return SECRET_FILE_TOML;
    if (has_suffix_ci(base, ".yaml") || has_suffix_ci(base, ".yml")) return SECRET_FILE_YAML;
    if (has_suffix_ci(base, ".json")) return SECRET_FILE_JSON;
    if (strcmp(base, "Dockerfile") == 0 || strncmp(base, "Dockerfile.", 11) == 0 ||
        strcmp(base, "Containerfile") == 0 || has_suffix_ci(base, ".dockerfile"))
        return SECRET_FILE_DOCKERFILE;
    if (has_suffix_ci(base, ".sh") || has_suffix_ci(base, ".bash") || has_suffix_ci(base, ".zsh"))
        return SECRET_FILE_SHELL;
    return SECRET_FILE_OTHER;
}

const char *secrets_file_kind_name(SecretFileKind kind)
{
    static const char *const names[] = {"other", "lock", "python", "env", "ini",
                                        "toml", "yaml", "json", "dockerfile", "shell"};
    _Static_assert(sizeof names / sizeof names[0] == SECRET_FILE_SHELL + 1, "one name per kind");
    return (unsigned)kind <= SECRET_FILE_SHELL ? names[kind] : "?";
}

const char *secrets_file_status_reason(SecretFileStatus status)
{
    switch (status) {
    case SECRET_FILE_SCANNED: return "scanned";
    case SECRET_FILE_SKIPPED_KIND: return "not a file kind scanned for secrets";
    case SECRET_FILE_SKIPPED_LOCK: return "lock file (hashes, not secrets)";
    case SECRET_FILE_SKIPPED_BINARY: return "binary file (NUL byte or not UTF-8 text)";
    }
    return "?";
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid or cut
 * off by the end of the probe. */
static size_t utf8_sequence(const unsigned char *s, size_t avail)
{
    unsigned char c = s[0];
    size_t need;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) need = 2;
    else if (c >= 0xE0 && c <= 0xEF) need = 3;
    else if (c >= 0xF0 && c <= 0xF4) need = 4;
    else return 0;
    if (avail < need) return 0;
    for (size_t i = 1; i < need; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && s[1] < 0xA0) return 0;   /* overlong */
    if (c == 0xED && s[1] > 0x9F) return 0;   /* surrogates */
    if (c == 0xF0 && s[1] < 0x90) return 0;   /* overlong */
    if (c == 0xF4 && s[1] > 0x8F) return 0;   /* above U+10FFFF */
    return need;
}

int secrets_text_is_binary(const char *data, size_t len)
{
    size_t n = len < BINARY_PROBE_BYTES ? len : BINARY_PROBE_BYTES;
    const unsigned char *s = (const unsigned char *)data;
    if (n == 0) return 0;
    if (memchr(s, 0, n)) return 1;
    size_t bad = 0;
    for (size_t i = 0; i < n;) {
        size_t k = utf8_sequence(s + i, n - i);
        if (k == 0) {
            /* a sequence cut by the probe's end is not evidence */
            if (n < len && n - i < 4) break;
            bad++;
            k = 1;
        }
        i += k;
    }
    return bad * 100 > n;
}
