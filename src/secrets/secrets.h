/* secrets.h - hard-coded secret detection (the SEC rules).
 *
 * Two callers: the Python front end hands over string literals and comments
 * with their positions (secrets_scan_span), and the file walker hands over
 * whole text files a project commits (secrets_scan_text_file). Both report
 * findings through a callback, in offset order, with the position and a
 * REDACTED value only: nothing leaves this module that contains a whole
 * secret. The detector table lives in detectors.def.
 *
 * Ownership and threads: a SecretScanner is built once (the regular
 * expressions are compiled and JIT-compiled there) and is read-only after
 * secrets_scanner_new returns, so worker threads share one. Each thread owns
 * a SecretWorkspace (PCRE2 match data, the finding buffer) and passes it to
 * every scan call; a workspace is never used by two threads at once. */
#ifndef KRAIT_SECRETS_H
#define KRAIT_SECRETS_H

#include "base/error.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum SecretLevel { SECRET_LEVEL_LOW, SECRET_LEVEL_MEDIUM, SECRET_LEVEL_HIGH } SecretLevel;

typedef enum SecretDetectorId {
#define SECRET_DETECTOR(ENUM, id, name, sev, conf, desc, example, fix) SECRET_DET_##ENUM,
#include "secrets/detectors.def"
#undef SECRET_DETECTOR
    SECRET_DETECTOR_COUNT
} SecretDetectorId;

/* One row of the detector table, shaped like a row of the rule registry. */
typedef struct SecretDetectorInfo {
    const char *id;            /* "SEC004" */
    const char *name;          /* "github-token" */
    SecretLevel severity;
    SecretLevel confidence;
    int cwe;                   /* 798 for every row */
    const char *description;   /* what it matches */
    const char *example;       /* the shape in context, with <placeholders> */
    const char *fix;           /* what to do about it */
} SecretDetectorInfo;

/* NULL when id is out of range. */
const SecretDetectorInfo *secrets_detector_info(SecretDetectorId id);
const char *secrets_level_name(SecretLevel level);   /* "low", "medium", "high" */

/* "ghp_…(40 chars)" fits easily; 4 shown bytes + ellipsis + count. */
enum { SECRET_REDACTED_MAX = 48 };

typedef struct SecretFinding {
    SecretDetectorId detector;
    SecretLevel confidence;    /* the detector's, or LOW for a GitHub token whose checksum fails */
    int line;                  /* 1-based */
    int col;                   /* 1-based, in bytes, of the secret's first byte */
    int end_line;              /* where the secret ends (a PEM block spans lines): */
    int end_col;               /* the column just after its last byte */
    size_t offset;             /* byte range of the secret in the scanned text, so a */
    size_t len;                /* caller can hash it for a baseline; never printed */
    char redacted[SECRET_REDACTED_MAX];
} SecretFinding;

/* Called once per finding, in increasing offset order. */
typedef void (*SecretCallback)(void *user, const SecretFinding *finding);

typedef struct SecretScanner SecretScanner;
typedef struct SecretWorkspace SecretWorkspace;

/* Compiles the detectors' regular expressions. Fails only if PCRE2 rejects
 * a pattern (a bug, reported with the pattern's name). */
int secrets_scanner_new(SecretScanner **out, KraitError *err);
void secrets_scanner_free(SecretScanner *scanner);

SecretWorkspace *secrets_workspace_new(void);
void secrets_workspace_free(SecretWorkspace *ws);

/* What the front end knows about a span. */
typedef enum SecretSpanKind { SECRET_SPAN_STRING, SECRET_SPAN_COMMENT } SecretSpanKind;

typedef struct SecretContext {
    SecretSpanKind kind;
    /* The name the string is bound to: the target of `password = "..."`,
     * the keyword of `connect(password="...")`, the key of
     * `{"password": "..."}`, the looked-up name of
     * `os.getenv("PASSWORD", "...")`; NULL when there is none. With a
     * name, the whole span is the candidate value for the generic detector
     * (SEC019/SEC002). */
    const char *name;
    size_t name_len;
} SecretContext;

/* Scans one span: a string literal's text (preferably its body as written
 * in the source, so columns are exact) or a comment. line/col are the
 * 1-based position of text[0]; a newline inside the span moves to the next
 * line, column 1. ctx may be NULL (a string with no known name). Returns the
 * number of findings reported. */
int secrets_scan_span(const SecretScanner *scanner, SecretWorkspace *ws, const char *text, size_t len,
                      int line, int col, const SecretContext *ctx, SecretCallback cb, void *user);

/* Which files the secrets pass reads, decided from the path alone. */
typedef enum SecretFileKind {
    SECRET_FILE_OTHER,        /* not scanned when walking a tree */
    SECRET_FILE_LOCK,         /* lock files: hashes, never secrets; skipped */
    SECRET_FILE_PYTHON,       /* *.py, *.pyi, *.pyw: quoted values only */
    SECRET_FILE_ENV,          /* .env, .env.*, *.env */
    SECRET_FILE_INI,          /* *.ini, *.cfg, *.conf, .pypirc, .npmrc */
    SECRET_FILE_TOML,
    SECRET_FILE_YAML,
    SECRET_FILE_JSON,
    SECRET_FILE_DOCKERFILE,   /* Dockerfile, Dockerfile.*, *.dockerfile, Containerfile */
    SECRET_FILE_SHELL         /* *.sh, *.bash, *.zsh */
} SecretFileKind;

SecretFileKind secrets_file_kind(const char *path);   /* NULL: OTHER */
const char *secrets_file_kind_name(SecretFileKind kind);

typedef enum SecretFileStatus {
    SECRET_FILE_SCANNED,
    SECRET_FILE_SKIPPED_KIND,     /* secrets_file_kind says OTHER */
    SECRET_FILE_SKIPPED_LOCK,
    SECRET_FILE_SKIPPED_BINARY    /* NUL byte or not UTF-8 text */
} SecretFileStatus;

/* A sentence for the user: "lock file (hashes, not secrets)". */
const char *secrets_file_status_reason(SecretFileStatus status);

/* The binary heuristic: a NUL byte in the first 64 KiB, or more than 1% of
 * its bytes in invalid UTF-8 sequences (a few Latin-1 bytes still scan). */
int secrets_text_is_binary(const char *data, size_t len);

/* Scans a whole file of the kind secrets_file_kind(path) gives; lines and
 * columns are 1-based from the file's start. Returns the status; nothing is
 * reported unless it is SECRET_FILE_SCANNED. *count (may be NULL) receives
 * the number of findings. */
SecretFileStatus secrets_scan_text_file(const SecretScanner *scanner, SecretWorkspace *ws, const char *path,
                                        const char *data, size_t len, SecretCallback cb, void *user,
                                        int *count);

/* The same with the kind forced (e.g. a file named on the command line that
 * the walker would not pick); OTHER is scanned like a configuration file.
 * Still refuses binary data and LOCK. */
SecretFileStatus secrets_scan_text_as(const SecretScanner *scanner, SecretWorkspace *ws, SecretFileKind kind,
                                      const char *data, size_t len, SecretCallback cb, void *user, int *count);

/* ---- Building blocks, public so they are tested and reused. ---- */

/* Shannon entropy of the bytes of s, in bits per byte (0..8). */
double secrets_shannon_entropy(const char *s, size_t len);

/* The minimum entropy a value of len bytes needs: min(3.0, log2(len) - 0.8)
 * (short strings cannot reach 3 bits; see docs/secrets.md). */
double secrets_entropy_threshold(size_t len);

/* Writes "abcd…(N chars)" into out: at most the first 4 characters (fewer
 * for short values, see docs/secrets.md), never a control or non-ASCII
 * byte, and the length in code points. out_size >= SECRET_REDACTED_MAX. */
void secrets_redact(const char *value, size_t len, char *out, size_t out_size);

/* Whether a 40-character classic GitHub token's last 6 characters are the
 * base62 CRC32 of its 30 random ones (see docs/secrets.md, SEC004). */
bool secrets_github_checksum_ok(const char *token, size_t len);

/* Why the generic detector keeps or drops a candidate value. */
typedef enum SecretValueVerdict {
    SECRET_VALUE_OK,
    SECRET_VALUE_TOO_SHORT,     /* under 8 bytes */
    SECRET_VALUE_TOO_LONG,      /* over 512 bytes: a blob, not a credential */
    SECRET_VALUE_WHITESPACE,    /* prose, not a token */
    SECRET_VALUE_PLACEHOLDER,   /* <...>, xxx, ***, your_..., example, dummy, changeme, test, sample, fake... */
    SECRET_VALUE_TEMPLATE,      /* ${VAR}, $VAR, %(var)s, {var}, {{ var }}, %VAR% */
    SECRET_VALUE_UUID,
    SECRET_VALUE_DIGEST,        /* sha256:..., md5:... */
    SECRET_VALUE_PATH,
    SECRET_VALUE_URL,           /* a URL without credentials (SEC018 handles those with), an e-mail address */
    SECRET_VALUE_PATTERN,       /* a regular expression or printf format: (?, \\w, [^, %s... */
    SECRET_VALUE_WORDS,         /* letters and separators only, or digits and separators only */
    SECRET_VALUE_SEQUENTIAL,    /* abcdefgh, 12345678, qwertyui */
    SECRET_VALUE_LOW_ENTROPY
} SecretValueVerdict;

SecretValueVerdict secrets_check_value(const char *value, size_t len);
const char *secrets_value_verdict_name(SecretValueVerdict verdict);

/* Placeholders and templates in any position (<pass>, ${DB_PASSWORD},
 * xxx, your_token, changeme...) and the bare words "password", "pass",
 * "secret", "token", "user"...: the filter applied to passwords in URLs. */
int secrets_is_placeholder(const char *value, size_t len);

/* Whether an assigned name announces a secret. */
typedef enum SecretNameClass {
    SECRET_NAME_NONE,        /* no keyword, or a keyword qualified away (token_url, password_field) */
    SECRET_NAME_SECRET,      /* password, api_key, clientSecret, DB_PASS... */
    SECRET_NAME_AWS_SECRET   /* aws_secret_access_key, AWS_SECRET_KEY... */
} SecretNameClass;

SecretNameClass secrets_classify_name(const char *name, size_t len);

#endif
