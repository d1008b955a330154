/* value.c - judging candidate values and names: Shannon entropy, the
 * false-positive filters of the generic detector, the keyword test on
 * assigned names, and redaction. Pure functions over byte spans; no state. */
#include "secrets/secrets.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

enum { VALUE_MIN_LEN = 8, VALUE_MAX_LEN = 512, NAME_MAX_SEGMENTS = 16 };

double secrets_shannon_entropy(const char *s, size_t len)
{
    if (len == 0) return 0.0;
    size_t counts[256] = {0};
    for (size_t i = 0; i < len; i++) counts[(unsigned char)s[i]]++;
    double bits = 0.0;
    for (int c = 0; c < 256; c++) {
        if (!counts[c]) continue;
        double p = (double)counts[c] / (double)len;
        bits -= p * log2(p);
    }
    return bits;
}

double secrets_entropy_threshold(size_t len)
{
    if (len < 2) return 3.0;
    double margin = log2((double)len) - 0.8;
    return margin < 3.0 ? margin : 3.0;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }
static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(int c) { return c >= 'a' && c <= 'z'; }
static bool is_alpha(int c) { return is_upper(c) || is_lower(c); }
static bool is_hex(int c) { return is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'f'); }
static bool is_ident(int c) { return is_alpha(c) || is_digit(c) || c == '_'; }

/* Case-insensitive search of a lower-case needle. */
static bool contains_ci(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++) {
        size_t k = 0;
        while (k < n && lower((unsigned char)s[i + k]) == needle[k]) k++;
        if (k == n) return true;
    }
    return false;
}

static bool starts_with_ci(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    if (len < n) return false;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)s[i]) != prefix[i]) return false;
    return true;
}

static bool is_placeholder(const char *v, size_t len)
{
    static const char *const words[] = {
        "xxx", "***", "example", "dummy", "changeme", "change_me", "change-me", "sample",
        "fake", "test", "placeholder", "redacted", "_here", "-here", "file:",
        /* A value that names what it is ("subject_token_0", "P4ssword",
         * "run.googleapis.com/secrets") is a label, not a random secret. */
        "password", "passwd", "secret", "token", "credential", "auth", "username",
    };
    if (len >= 2 && v[0] == '<' && v[len - 1] == '>') return true;
    if (starts_with_ci(v, len, "your")) return true;   /* your_api_key, YOUR-TOKEN */
    if (len >= 3 && memcmp(v, "...", 3) == 0) return true;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (contains_ci(v, len, words[i])) return true;
    return false;
}

/* {name} anywhere: a str.format or Jinja-like hole. */
static bool has_brace_hole(const char *v, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (v[i] != '{') continue;
        size_t j = i + 1;
        while (j < len && (is_ident((unsigned char)v[j]) || v[j] == '.' || v[j] == ' ')) j++;
        if (j < len && v[j] == '}' && j > i + 1) return true;
    }
    return false;
}

static bool is_template(const char *v, size_t len)
{
    if (contains_ci(v, len, "${") || contains_ci(v, len, "{{") || contains_ci(v, len, "%(")) return true;
    if (len >= 2 && v[0] == '$' && (is_ident((unsigned char)v[1]) || v[1] == '(')) {
        /* $VAR, $(cmd), $1; also bcrypt's "$2b$12$...", a hash, not a secret. */
        return true;
    }
    if (len >= 3 && v[0] == '%' && v[len - 1] == '%') return true;   /* %VAR% */
    if (contains_ci(v, len, "<%")) return true;                        /* ERB-style */
    return has_brace_hole(v, len);
}

/* local@domain.tld, nothing else */
static bool is_email(const char *v, size_t len)
{
    const char *at = memchr(v, '@', len);
    if (!at || at == v) return false;
    const char *dot = memchr(at, '.', len - (size_t)(at - v));
    if (!dot || dot == at + 1 || dot == v + len - 1) return false;
    for (size_t i = 0; i < len; i++) {
        int c = (unsigned char)v[i];
        if (!is_ident(c) && !strchr(".-+@", c)) return false;
    }
    return memchr(at + 1, '@', len - (size_t)(at - v) - 1) == NULL;
}

static bool is_uuid(const char *v, size_t len)
{
    static const int groups[] = {8, 4, 4, 4, 12};
    if (len != 36) return false;
    size_t i = 0;
    for (int g = 0; g < 5; g++) {
        for (int k = 0; k < groups[g]; k++, i++)
            if (!is_hex((unsigned char)v[i])) return false;
        if (g < 4 && v[i++] != '-') return false;
    }
    return true;
}

static bool is_digest(const char *v, size_t len)
{
    static const char *const algos[] = {"sha1:", "sha224:", "sha256:", "sha384:", "sha512:", "md5:",
                                        "sha256=", "sha512=", "blake2b:"};
    for (size_t i = 0; i < sizeof algos / sizeof algos[0]; i++)
        if (starts_with_ci(v, len, algos[i])) return true;
    return false;
}

static bool ends_with_extension(const char *v, size_t len)
{
    static const char *const exts[] = {".pem", ".key", ".crt", ".cer", ".txt", ".json", ".yaml", ".yml",
                                       ".ini", ".cfg", ".conf", ".env", ".p12", ".pfx", ".jks", ".der",
                                       ".pub", ".gpg", ".asc", ".toml", ".py"};
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t n = strlen(exts[i]);
        if (len > n && memcmp(v + len - n, exts[i], n) == 0) return true;
    }
    return false;
}

static bool is_path_char(int c) { return is_ident(c) || c == '.' || c == '/' || c == '-' || c == '~' || c == '\\'; }

/* A segment like "JKuw7UHZkFuRy" (eight or more letters of both cases, no
 * separator) is base64, not a directory name: "/JKuw7UHZkFuRy/..." is a
 * key that happens to start with '/'. */
static bool has_random_segment(const char *v, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        bool up = false, low = false, sep = false;
        for (; i < len && v[i] != '/' && v[i] != '\\'; i++) {
            int c = (unsigned char)v[i];
            up |= is_upper(c);
            low |= is_lower(c);
            sep |= c == '.' || c == '_' || c == '-';
        }
        if (i - start >= 8 && up && low && !sep) return true;
        i++;
    }
    return false;
}

static bool is_path(const char *v, size_t len)
{
    if (ends_with_extension(v, len) && memchr(v, '/', len)) return true;
    for (size_t i = 0; i < len; i++)
        if (!is_path_char((unsigned char)v[i]) && !(i == 1 && v[i] == ':')) return false;
    bool rooted = v[0] == '/' || v[0] == '~' || starts_with_ci(v, len, "./") || starts_with_ci(v, len, "../") ||
                  (len >= 3 && is_alpha((unsigned char)v[0]) && v[1] == ':' && (v[2] == '\\' || v[2] == '/'));
    return rooted && !has_random_segment(v, len);
}

/* An identifier in one case with separators and a word among its parts:
 * storage_v1_client, prod-db-2, APP_V2_NAME. */
static bool is_identifier_like(const char *v, size_t len)
{
    bool up = false, low = false, sep = false, word = false;
    size_t letters = 0;   /* letters-only run in the current part */
    bool part_clean = true;
    for (size_t i = 0; i <= len; i++) {
        int c = i < len ? (unsigned char)v[i] : '_';
        if (c == '_' || c == '-' || c == '.') {
            if (i < len) sep = true;
            if (part_clean && letters >= 3) word = true;
            letters = 0;
            part_clean = true;
        } else if (is_upper(c) || is_lower(c)) {
            up |= is_upper(c);
            low |= is_lower(c);
            letters++;
        } else if (is_digit(c)) {
            part_clean = false;
        } else {
            return false;
        }
    }
    return sep && word && !(up && low);
}

/* Letters (of any case) and separators only, digits and separators only,
 * or a one-case identifier such as storage_v1_client: names, dotted names,
 * words, numbers. A credential mixes letters with digits or symbols. */
static bool is_words(const char *v, size_t len)
{
    bool letter = false, digit = false;
    for (size_t i = 0; i < len; i++) {
        int c = (unsigned char)v[i];
        if (is_alpha(c)) letter = true;
        else if (is_digit(c)) digit = true;
        else if (c != '_' && c != '-' && c != '.') return false;
    }
    return !(letter && digit) || is_identifier_like(v, len);
}

/* Regular expressions and format strings assigned to *_TOKEN / *_PATTERN
 * names in parsers and lexers. */
static bool is_pattern(const char *v, size_t len)
{
    static const char *const marks[] = {"(?", "\\w", "\\d", "\\s", "\\b", "[^", "]*", "]+", "]{", "a-z", "A-Z", "0-9",
                                        "%s", "%d", "%r", "%i", "%x", "%0", ".*", ".+"};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (memmem(v, len, marks[i], strlen(marks[i]))) return true;
    /* [0-9@#.,E+], list[V1ObjectReference], Jobs[-1].JobId */
    const char *open = memchr(v, '[', len);
    return open && memchr(open, ']', len - (size_t)(open - v));
}

static bool is_sequential(const char *v, size_t len)
{
    static const char *const runs[] = {
        "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz",
        "0123456789abcdefghijklmnopqrstuvwxyz0123456789",
        "qwertyuiopasdfghjklzxcvbnm1234567890qwertyuiop",
        "1234567890qwertyuiopasdfghjklzxcvbnm",
    };
    for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++) {
        const char *run = runs[r];
        size_t n = strlen(run);
        for (size_t start = 0; start + len <= n; start++) {
            size_t k = 0;
            while (k < len && lower((unsigned char)v[k]) == run[start + k]) k++;
            if (k == len) return true;
        }
    }
    return false;
}

static int base64_value(int c)
{
    if (is_upper(c)) return c - 'A';
    if (is_lower(c)) return c - 'a' + 26;
    if (is_digit(c)) return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

/* Decodes base64 (either alphabet, padded or not) when the result is
 * printable ASCII: "dXNlcm5hbWU6cGFzc3dvcmQ=" is "username:password".
 * Returns the decoded length, or 0 when it is not such a value. */
static size_t decode_printable_base64(const char *v, size_t len, char *out, size_t out_size)
{
    while (len > 0 && v[len - 1] == '=') len--;
    if (len < 4 || len % 4 == 1 || len / 4 * 3 + 2 >= out_size) return 0;
    size_t n = 0;
    unsigned acc = 0;
    int bits = 0;
    for (size_t i = 0; i < len; i++) {
        int x = base64_value((unsigned char)v[i]);
        if (x < 0) return 0;
        acc = (acc << 6) | (unsigned)x;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            char c = (char)(acc >> bits);
            acc &= (1u << bits) - 1;
            if (c < 0x20 || c > 0x7e) return 0;
            out[n++] = c;
        }
    }
    return n;
}

static SecretValueVerdict check_plain_value(const char *value, size_t len);

SecretValueVerdict secrets_check_value(const char *value, size_t len)
{
    SecretValueVerdict verdict = check_plain_value(value, len);
    if (verdict != SECRET_VALUE_OK) return verdict;
    char decoded[VALUE_MAX_LEN];
    size_t n = decode_printable_base64(value, len, decoded, sizeof decoded);
    if (n == 0) return SECRET_VALUE_OK;
    /* A base64-wrapped placeholder or word is still one. Random bytes
     * (a real key) almost never decode to printable text. */
    verdict = check_plain_value(decoded, n);
    switch (verdict) {
    case SECRET_VALUE_TOO_SHORT:     /* "Zm9vOmJhcg==" is "foo:bar" */
    case SECRET_VALUE_PLACEHOLDER:
    case SECRET_VALUE_TEMPLATE:
    case SECRET_VALUE_WORDS:
    case SECRET_VALUE_SEQUENTIAL:
    case SECRET_VALUE_LOW_ENTROPY:
        return verdict;
    default:
        return SECRET_VALUE_OK;
    }
}

static SecretValueVerdict check_plain_value(const char *value, size_t len)
{
    if (len < VALUE_MIN_LEN) return SECRET_VALUE_TOO_SHORT;
    if (len > VALUE_MAX_LEN) return SECRET_VALUE_TOO_LONG;
    for (size_t i = 0; i < len; i++)
        if (value[i] == ' ' || value[i] == '\t' || value[i] == '\n' || value[i] == '\r')
            return SECRET_VALUE_WHITESPACE;
    if (is_template(value, len)) return SECRET_VALUE_TEMPLATE;
    if (memmem(value, len, "://", 3) || is_email(value, len)) return SECRET_VALUE_URL;
    if (is_path(value, len)) return SECRET_VALUE_PATH;
    if (is_placeholder(value, len)) return SECRET_VALUE_PLACEHOLDER;
    if (is_uuid(value, len)) return SECRET_VALUE_UUID;
    if (is_digest(value, len)) return SECRET_VALUE_DIGEST;
    if (is_pattern(value, len)) return SECRET_VALUE_PATTERN;
    if (is_words(value, len)) return SECRET_VALUE_WORDS;
    if (is_sequential(value, len)) return SECRET_VALUE_SEQUENTIAL;
    if (secrets_shannon_entropy(value, len) < secrets_entropy_threshold(len)) return SECRET_VALUE_LOW_ENTROPY;
    return SECRET_VALUE_OK;
}

const char *secrets_value_verdict_name(SecretValueVerdict verdict)
{
    static const char *const names[] = {
        "ok", "too short", "too long", "whitespace", "placeholder", "template", "uuid",
        "digest", "path", "url", "pattern", "words", "sequential", "low entropy",
    };
    _Static_assert(sizeof names / sizeof names[0] == SECRET_VALUE_LOW_ENTROPY + 1, "one name per verdict");
    return (unsigned)verdict <= SECRET_VALUE_LOW_ENTROPY ? names[verdict] : "?";
}

int secrets_is_placeholder(const char *value, size_t len)
{
    static const char *const words[] = {"password", "passwd", "pass", "pwd", "pw", "secret", "token",
                                        "user", "username"};
    if (len == 0) return 1;
    if (is_template(value, len) || is_placeholder(value, len)) return 1;
    size_t stars = 0;
    while (stars < len && value[stars] == '*') stars++;
    if (stars == len) return 1;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == len && starts_with_ci(value, len, words[i])) return 1;
    return 0;
}

/* ---- Names ---- */

typedef struct NameSegment {
    char text[32];
} NameSegment;

/* Splits "dbPassword", "SECRET_KEY", "x-api-key", "self.apiKey",
 * "APIKey" into lower-case segments. Returns the count; segments longer than
 * 31 bytes are truncated (they match no keyword anyway). */
static int name_split(const char *name, size_t len, NameSegment *segs, int max)
{
    int n = 0;
    size_t i = 0;
    while (i < len && n < max) {
        while (i < len && !is_alpha((unsigned char)name[i]) && !is_digit((unsigned char)name[i])) i++;
        if (i >= len) break;
        size_t start = i;
        i++;
        while (i < len) {
            int c = (unsigned char)name[i], prev = (unsigned char)name[i - 1];
            if (!is_alpha(c) && !is_digit(c)) break;
            if (is_upper(c) && is_lower(prev)) break;                         /* dbPassword */
            if (is_upper(prev) && is_upper(c) && i + 1 < len && is_lower((unsigned char)name[i + 1]) &&
                i - start >= 1)
                break;                                                         /* APIKey */
            i++;
        }
        size_t k = 0;
        for (size_t j = start; j < i && k < sizeof segs[n].text - 1; j++) segs[n].text[k++] = (char)lower((unsigned char)name[j]);
        segs[n].text[k] = '\0';
        n++;
    }
    return n;
}

static bool in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0) return true;
    return false;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a > b && memcmp(s + a - b, suffix, b) == 0;
}

static bool segment_is_keyword(const NameSegment *segs, int i, int n)
{
    static const char *const exact[] = {
        "password", "passwd", "pwd", "pass", "passphrase", "passcode", "secret", "secrets", "token",
        "tokens", "apikey", "auth", "authorization", "authtoken", "authkey", "credential", "credentials", "creds",
        "accesskey", "secretkey", "privatekey", "clientsecret",
    };
    /* A glued prefix is fine for the unmistakable ones: DBPASSWORD, mysecret. */
    static const char *const glued[] = {"password", "passwd", "secret", "token", "apikey"};
    const char *s = segs[i].text;
    if (in_list(s, exact, sizeof exact / sizeof exact[0])) return true;
    for (size_t k = 0; k < sizeof glued / sizeof glued[0]; k++)
        if (ends_with(s, glued[k])) return true;
    if (i + 1 < n && strcmp(segs[i + 1].text, "key") == 0) {
        static const char *const before_key[] = {"api",    "access",   "private", "priv",    "auth",
                                                 "signing", "encryption", "account", "client", "service",
                                                 "db",     "database", "master",  "storage", "shared"};
        if (in_list(s, before_key, sizeof before_key / sizeof before_key[0])) return true;
    }
    return false;
}

/* A last segment that says the value describes the secret instead of being
 * it: token_url, password_field, SECRET_KEY_FILE, auth_type. */
static bool segment_is_qualifier(const char *s)
{
    static const char *const words[] = {
        "url", "uri", "urls", "endpoint", "host", "path", "file", "filename", "dir", "name", "names",
        "type", "id", "ids", "length", "len", "size", "min", "max", "field", "fields", "prompt", "label",
        "header", "headers", "env", "var", "variable", "format", "fmt", "regex", "pattern", "policy",
        "expiry", "expires", "expire", "expiration", "ttl", "timeout", "lifetime", "count", "mode",
        "enabled", "enable", "required", "class", "template", "help", "message", "msg", "param",
        "parameter", "location", "provider", "backend", "method", "algorithm", "alg", "scheme",
        "version", "prefix", "suffix", "placeholder", "hint", "validator", "validators", "reset",
        "hash", "hashed", "digest", "store", "manager", "dialog", "input", "user", "username", "users",
        "model", "module", "handler", "view", "hdr", "realm", "ref", "refs", "callback",
        "encryption", "encoding", "annotation", "namespace", "creator", "source", "projection",
        "account", "email", "mail",
    };
    return in_list(s, words, sizeof words / sizeof words[0]);
}

SecretNameClass secrets_classify_name(const char *name, size_t len)
{
    if (!name || len == 0 || len > 128) return SECRET_NAME_NONE;
    NameSegment segs[NAME_MAX_SEGMENTS];
    int n = name_split(name, len, segs, NAME_MAX_SEGMENTS);
    bool keyword = false, aws = false, secret = false, access = false;
    for (int i = 0; i < n; i++) {
        if (segment_is_keyword(segs, i, n)) keyword = true;
        if (strncmp(segs[i].text, "aws", 3) == 0) aws = true;
        if (strstr(segs[i].text, "secret")) secret = true;
        if (strcmp(segs[i].text, "access") == 0) access = true;
    }
    if (!keyword || segment_is_qualifier(segs[n - 1].text)) return SECRET_NAME_NONE;
    if (secret && (aws || access)) return SECRET_NAME_AWS_SECRET;
    return SECRET_NAME_SECRET;
}

/* ---- Redaction ---- */

void secrets_redact(const char *value, size_t len, char *out, size_t out_size)
{
    size_t points = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)value[i] & 0xC0) != 0x80) points++;
    /* Four characters of a 40-character token are its public prefix; of an
     * 8-character password they would be half of it, so short values show
     * a quarter at most. */
    size_t show = points >= 16 ? 4 : points / 4;
    size_t shown = 0;
    while (shown < show && shown < len) {
        unsigned char c = (unsigned char)value[shown];
        if (c < 0x21 || c > 0x7e) break;   /* no control bytes, no half characters */
        shown++;
    }
    if (out_size == 0) return;
    snprintf(out, out_size, "%.*s\xE2\x80\xA6(%zu chars)", (int)shown, value, points);
}
