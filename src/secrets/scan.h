/* scan.h - internal to src/secrets/: the state of one scan, shared by the
 * engine (secrets.c) and the generic detector (generic.c). Nothing outside
 * src/secrets/ includes it. */
#ifndef KRAIT_SECRETS_SCAN_H
#define KRAIT_SECRETS_SCAN_H

#include "secrets/secrets.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdbool.h>
#include <stddef.h>

/* How the generic detector reads a value: Python needs quotes (a bare
 * name is a reference); YAML bare values cannot start with an indicator. */
typedef enum GenericMode { GENERIC_QUOTED_ONLY, GENERIC_YAML, GENERIC_ANY } GenericMode;

typedef struct RawFinding {
    size_t start;
    size_t len;
    SecretDetectorId det;
    SecretLevel confidence;
} RawFinding;

struct SecretWorkspace {
    pcre2_match_data *match;
    RawFinding *items;
    size_t n;
    size_t cap;
};

typedef struct Scan {
    const SecretScanner *scanner;
    SecretWorkspace *ws;
    const char *text;
    size_t len;
    GenericMode mode;
    /* text[clear_from .. clear_to) holds no bare-value terminator: the
     * last bare value scan saw so, and the next one starting inside
     * resumes at clear_to instead of rescanning (`password=password=...`
     * stays linear). */
    size_t clear_from, clear_to;
} Scan;

void scan_push(Scan *s, SecretDetectorId det, size_t start, size_t len);

/* generic.c: t[op] is '=' or ':' */
void generic_scan_assignment(Scan *s, size_t op);
/* generic.c: t[comma] is ',' */
void generic_scan_lookup_default(Scan *s, size_t comma);
/* generic.c: Dockerfile's `ENV NAME value` lines */
void generic_scan_dockerfile_env(Scan *s);
/* generic.c: judges text[start..start+vlen) as the value of a name of class cls */
void generic_report(Scan *s, SecretNameClass cls, size_t start, size_t vlen);

static inline bool is_digit(int c) { return c >= '0' && c <= '9'; }
static inline bool is_alpha(int c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
static inline bool is_alnum(int c) { return is_alpha(c) || is_digit(c); }
static inline bool is_word(int c) { return is_alnum(c) || c == '_'; }

static inline bool is_name_char(int c) { return is_word(c) || c == '.' || c == '-'; }
static inline bool is_space(int c) { return c == ' ' || c == '\t'; }

#endif
