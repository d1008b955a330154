/* secrets.c - the scanning engine: the detector table, the prefilter, the
 * token-shape checks, and the two entry points (spans from the Python
 * front end, whole text files). The generic assignment detector is in
 * generic.c, the value filters and redaction in value.c.
 *
 * How a scan runs: one pass over the bytes. A 256-entry table maps each
 * byte to the prefix rules starting with it ("AKIA", "ghp_", "eyJ",
 * "-----BEGIN", "://"...); most bytes have none, and a rule is only tried
 * at a word boundary, so ordinary text costs a table lookup per byte. A
 * rule's shape is either a counted run of one alphabet (done by hand), a
 * small C function (JWT, SendGrid, PEM body, URL credentials), or, where a
 * pattern is genuinely clearer, an anchored PCRE2 expression compiled and
 * JIT-compiled once per scanner. '=', ':' and ',' trigger the generic
 * detector, which looks back for a secret-like name and forward for the
 * value.
 * Candidates are collected in the workspace, generic ones overlapping a
 * specific token are dropped, and the rest are reported in offset order
 * with line/column and a redacted value. */
#include "secrets/secrets.h"
#include "base/die.h"
#include "secrets/scan.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- The detector table ---- */

static const SecretDetectorInfo detector_table[SECRET_DETECTOR_COUNT] = {
#define SECRET_DETECTOR(ENUM, id, name, sev, conf, desc, example, fix) \
    [SECRET_DET_##ENUM] = {id, name, SECRET_LEVEL_##sev, SECRET_LEVEL_##conf, 798, desc, example, fix},
#include "secrets/detectors.def"
#undef SECRET_DETECTOR
};

const SecretDetectorInfo *secrets_detector_info(SecretDetectorId id)
{
    return (unsigned)id < SECRET_DETECTOR_COUNT ? &detector_table[id] : NULL;
}

const char *secrets_level_name(SecretLevel level)
{
    switch (level) {
    case SECRET_LEVEL_LOW: return "low";
    case SECRET_LEVEL_MEDIUM: return "medium";
    case SECRET_LEVEL_HIGH: return "high";
    }
    return "?";
}

/* Findings decided by context rather than by a token's own shape; a
 * specific token found in the same bytes wins over them. */
static bool detector_is_contextual(SecretDetectorId det)
{
    return det == SECRET_DET_GENERIC_SECRET || det == SECRET_DET_AWS_SECRET_KEY ||
           det == SECRET_DET_URL_CREDENTIALS;
}

/* ---- Regular expressions (compiled once per scanner, anchored at the
 * prefilter's candidate offset) ---- */

typedef enum RegexId { RE_SLACK, RE_SLACK_WEBHOOK, RE_OPENAI, RE_PEM_HEADER, RE_COUNT } RegexId;

static const struct {
    const char *name;
    const char *pattern;
} regex_table[RE_COUNT] = {
    [RE_SLACK] = {"slack-token",
                  "(?:xox[abposre]-[0-9]{8,14}-[A-Za-z0-9-]{8,250}"
                  "|xapp-[0-9]-[A-Z0-9]{8,15}-[0-9]{8,15}-[a-z0-9]{32,80})(?![A-Za-z0-9-])"},
    [RE_SLACK_WEBHOOK] = {"slack-webhook",
                          "hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56}"
                          "(?![A-Za-z0-9+/])"},
    [RE_OPENAI] = {"openai-key",
                   "sk-(?:(?:proj|svcacct|admin)-)?"
                   "(?:[A-Za-z0-9_-]{20,80}T3BlbkFJ[A-Za-z0-9_-]{20,80}|(?<=proj-)[A-Za-z0-9_-]{80,200})"
                   "(?![A-Za-z0-9_-])"},
    [RE_PEM_HEADER] = {"pem-header", "-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----"},
};

/* ---- Prefix rules ---- */

typedef enum ShapeKind { SHAPE_RUN, SHAPE_REGEX, SHAPE_FN } ShapeKind;

typedef enum CharClass { CC_UPPER_DIGIT, CC_ALNUM, CC_WORD, CC_WORD_DASH, CC_HEX_LOWER, CC_LETTERS } CharClass;

typedef struct PrefixRule PrefixRule;
/* Tries the rule at text[at] (where its prefix is); records findings and
 * returns the offset scanning resumes at, or 0 for no match. */
typedef size_t (*ShapeFn)(Scan *s, const PrefixRule *rule, size_t at);

struct PrefixRule {
    const char *prefix;
    SecretDetectorId det;
    bool boundary;              /* the byte before must not be a word character */
    ShapeKind kind;
    CharClass cc;               /* SHAPE_RUN: the alphabet after the prefix... */
    unsigned short min, max;    /* ...and how many of it */
    RegexId re;                 /* SHAPE_REGEX */
    ShapeFn fn;                 /* SHAPE_FN */
};

static size_t sendgrid_at(Scan *s, const PrefixRule *rule, size_t at);
static size_t jwt_at(Scan *s, const PrefixRule *rule, size_t at);
static size_t pem_at(Scan *s, const PrefixRule *rule, size_t at);
static size_t url_at(Scan *s, const PrefixRule *rule, size_t at);

#define RUN(p, d, cls, lo, hi) {p, SECRET_DET_##d, true, SHAPE_RUN, cls, lo, hi, RE_COUNT, NULL}
#define REGEX(p, d, b, r) {p, SECRET_DET_##d, b, SHAPE_REGEX, CC_ALNUM, 0, 0, r, NULL}
#define FN(p, d, b, f) {p, SECRET_DET_##d, b, SHAPE_FN, CC_ALNUM, 0, 0, RE_COUNT, f}

static const PrefixRule prefix_rules[] = {
    RUN("AKIA", AWS_ACCESS_KEY_ID, CC_UPPER_DIGIT, 16, 16),
    RUN("ASIA", AWS_ACCESS_KEY_ID, CC_UPPER_DIGIT, 16, 16),
    RUN("ABIA", AWS_ACCESS_KEY_ID, CC_UPPER_DIGIT, 16, 16),
    RUN("ACCA", AWS_ACCESS_KEY_ID, CC_UPPER_DIGIT, 16, 16),
    RUN("A3T", AWS_ACCESS_KEY_ID, CC_UPPER_DIGIT, 17, 17),
    RUN("AIza", GOOGLE_API_KEY, CC_WORD_DASH, 35, 35),
    RUN("ghp_", GITHUB_TOKEN, CC_ALNUM, 36, 36),
    RUN("gho_", GITHUB_TOKEN, CC_ALNUM, 36, 36),
    RUN("ghu_", GITHUB_TOKEN, CC_ALNUM, 36, 36),
    RUN("ghs_", GITHUB_TOKEN, CC_ALNUM, 36, 36),
    RUN("ghr_", GITHUB_TOKEN, CC_ALNUM, 36, 36),
    RUN("github_pat_", GITHUB_FINE_GRAINED_PAT, CC_WORD, 82, 82),
    RUN("glpat-", GITLAB_TOKEN, CC_WORD_DASH, 20, 300),
    RUN("gldt-", GITLAB_TOKEN, CC_WORD_DASH, 20, 300),
    RUN("glrt-", GITLAB_TOKEN, CC_WORD_DASH, 20, 300),
    RUN("glft-", GITLAB_TOKEN, CC_WORD_DASH, 20, 300),
    RUN("glsoat-", GITLAB_TOKEN, CC_WORD_DASH, 20, 300),
    RUN("glptt-", GITLAB_TOKEN, CC_WORD_DASH, 20, 300),
    REGEX("xox", SLACK_TOKEN, true, RE_SLACK),
    REGEX("xapp-", SLACK_TOKEN, true, RE_SLACK),
    REGEX("hooks.slack.com/", SLACK_WEBHOOK, false, RE_SLACK_WEBHOOK),
    RUN("sk_live_", STRIPE_KEY, CC_ALNUM, 20, 247),
    RUN("rk_live_", STRIPE_KEY, CC_ALNUM, 20, 247),
    RUN("SK", TWILIO_KEY, CC_HEX_LOWER, 32, 32),
    RUN("AC", TWILIO_KEY, CC_HEX_LOWER, 32, 32),
    FN("SG.", SENDGRID_KEY, true, sendgrid_at),
    RUN("pypi-AgEIcHlwaS5vcmc", PYPI_TOKEN, CC_WORD_DASH, 50, 1000),
    RUN("pypi-AgENdGVzdC5weXBpLm9yZw", PYPI_TOKEN, CC_WORD_DASH, 50, 1000),
    RUN("npm_", NPM_TOKEN, CC_ALNUM, 36, 36),
    RUN("hf_", HUGGINGFACE_TOKEN, CC_LETTERS, 34, 34),
    REGEX("sk-", OPENAI_KEY, true, RE_OPENAI),
    FN("eyJ", JWT, true, jwt_at),
    FN("-----BEGIN", PRIVATE_KEY, false, pem_at),
    FN("://", URL_CREDENTIALS, false, url_at),
};

enum { PREFIX_RULE_COUNT = sizeof prefix_rules / sizeof prefix_rules[0] };
_Static_assert(PREFIX_RULE_COUNT < 256, "rule indexes are bytes");

struct SecretScanner {
    pcre2_code *re[RE_COUNT];
    /* Rules grouped by the first byte of their prefix: order[first[c] ..
     * first[c] + count[c]) are the rules to try where byte c occurs. */
    unsigned char first[256];
    unsigned char count[256];
    unsigned char order[PREFIX_RULE_COUNT];
};

/* ---- Scanner and workspace ---- */

int secrets_scanner_new(SecretScanner **out, KraitError *err)
{
    *out = NULL;
    SecretScanner *sc = calloc(1, sizeof *sc);
    if (!sc) die_out_of_memory();
    for (int r = 0; r < RE_COUNT; r++) {
        int code;
        PCRE2_SIZE where;
        sc->re[r] = pcre2_compile((PCRE2_SPTR)regex_table[r].pattern, PCRE2_ZERO_TERMINATED, PCRE2_ANCHORED,
                                  &code, &where, NULL);
        if (!sc->re[r]) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(code, msg, sizeof msg);
            secrets_scanner_free(sc);
            return error_set(err, NULL, 0, 0, "secrets: pattern %s does not compile at offset %zu: %s",
                             regex_table[r].name, (size_t)where, (const char *)msg);
        }
        /* Without JIT (unsupported CPU) PCRE2 interprets; same results. */
        (void)pcre2_jit_compile(sc->re[r], PCRE2_JIT_COMPLETE);
    }
    size_t k = 0;
    for (int c = 0; c < 256; c++) {
        sc->first[c] = (unsigned char)k;
        for (size_t i = 0; i < PREFIX_RULE_COUNT; i++)
            if ((unsigned char)prefix_rules[i].prefix[0] == c) sc->order[k++] = (unsigned char)i;
        sc->count[c] = (unsigned char)(k - sc->first[c]);
    }
    *out = sc;
    return 0;
}

void secrets_scanner_free(SecretScanner *scanner)
{
    if (!scanner) return;
    for (int r = 0; r < RE_COUNT; r++) pcre2_code_free(scanner->re[r]);
    free(scanner);
}

SecretWorkspace *secrets_workspace_new(void)
{
    SecretWorkspace *ws = calloc(1, sizeof *ws);
    if (!ws) die_out_of_memory();
    ws->match = pcre2_match_data_create(4, NULL);
    if (!ws->match) die_out_of_memory();
    return ws;
}

void secrets_workspace_free(SecretWorkspace *ws)
{
    if (!ws) return;
    pcre2_match_data_free(ws->match);
    free(ws->items);
    free(ws);
}

void scan_push(Scan *s, SecretDetectorId det, size_t start, size_t len)
{
    SecretWorkspace *ws = s->ws;
    if (ws->n == ws->cap) {
        size_t cap = ws->cap ? ws->cap * 2 : 16;
        RawFinding *p = realloc(ws->items, cap * sizeof *p);
        if (!p) die_out_of_memory();
        ws->items = p;
        ws->cap = cap;
    }
    ws->items[ws->n++] = (RawFinding){start, len, det, detector_table[det].confidence};
}

/* ---- Alphabets of token payloads ---- */

static bool in_class(CharClass cc, int c)
{
    switch (cc) {
    case CC_UPPER_DIGIT: return (c >= 'A' && c <= 'Z') || is_digit(c);
    case CC_ALNUM: return is_alnum(c);
    case CC_WORD: return is_word(c);
    case CC_WORD_DASH: return is_word(c) || c == '-';
    case CC_HEX_LOWER: return is_digit(c) || (c >= 'a' && c <= 'f');
    case CC_LETTERS: return is_alpha(c);
    }
    return false;
}

static size_t run_length(const char *t, size_t len, size_t at, CharClass cc, size_t max)
{
    size_t n = 0;
    while (at + n < len && n <= max && in_class(cc, (unsigned char)t[at + n])) n++;
    return n;
}

/* The random part of a token must look random: this rejects the
 * documentation's ghp_XXXXXXXX... and T00000000/B00000000/XXXX... The bar
 * is 2 bits per character, well below what random payloads reach (16
 * random characters of [A-Z0-9] average 3.6; under 2 is astronomically
 * rare), because the shape already did most of the work. */
enum { TOKEN_MIN_ENTROPY = 2 };

static bool payload_is_random(const char *p, size_t len)
{
    return secrets_shannon_entropy(p, len) >= TOKEN_MIN_ENTROPY;
}

/* ---- Shapes ---- */

static uint32_t crc32_ieee(const char *p, size_t len)
{
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < len; i++) {
        crc ^= (unsigned char)p[i];
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

/* A classic GitHub token is prefix + 30 random characters + the CRC32 of
 * those 30, in base62 (0-9A-Za-z), padded to 6 with '0'. Checked against
 * the published description and a token seen in the wild; a mismatch
 * lowers the confidence instead of dropping the finding, in case the
 * scheme differs for some token type. */
bool secrets_github_checksum_ok(const char *token, size_t len)
{
    static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    if (len != 40) return false;
    uint32_t crc = crc32_ieee(token + 4, 30);
    char want[6];
    for (int i = 5; i >= 0; i--) {
        want[i] = digits[crc % 62];
        crc /= 62;
    }
    return memcmp(token + 34, want, 6) == 0;
}

static size_t run_at(Scan *s, const PrefixRule *rule, size_t at)
{
    size_t plen = strlen(rule->prefix);
    size_t n = run_length(s->text, s->len, at + plen, rule->cc, rule->max);
    if (n < rule->min || n > rule->max) return 0;
    size_t end = at + plen + n;
    if (end < s->len && is_word((unsigned char)s->text[end])) return 0;
    if (!payload_is_random(s->text + at + plen, n)) return 0;
    /* AWS's documentation keys end in EXAMPLE (AKIAIOSFODNN7EXAMPLE). */
    if (rule->det == SECRET_DET_AWS_ACCESS_KEY_ID && memcmp(s->text + end - 7, "EXAMPLE", 7) == 0) return 0;
    scan_push(s, rule->det, at, end - at);
    if (rule->det == SECRET_DET_GITHUB_TOKEN && !secrets_github_checksum_ok(s->text + at, end - at))
        s->ws->items[s->ws->n - 1].confidence = SECRET_LEVEL_LOW;
    return end;
}

static size_t regex_at(Scan *s, const PrefixRule *rule, size_t at)
{
    pcre2_code *re = s->scanner->re[rule->re];
    int rc = pcre2_match(re, (PCRE2_SPTR)s->text, s->len, at, 0, s->ws->match, NULL);
    if (rc <= 0) return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->ws->match);
    size_t start = ov[0], end = ov[1];
    size_t random = start + strlen(rule->prefix);
    if (rule->det == SECRET_DET_SLACK_WEBHOOK) {
        /* the last path segment is the secret; T.../B... are ids */
        while (end > random && s->text[end - 1] != '/') end--;
        random = end, end = ov[1];
    }
    if (end <= random || !payload_is_random(s->text + random, end - random)) return 0;
    scan_push(s, rule->det, start, end - start);
    return end;
}

/* SG. + 22 + "." + 43, all URL-safe base64. */
static size_t sendgrid_at(Scan *s, const PrefixRule *rule, size_t at)
{
    size_t p = at + 3;
    size_t a = run_length(s->text, s->len, p, CC_WORD_DASH, 22);
    if (a != 22 || p + a >= s->len || s->text[p + a] != '.') return 0;
    size_t q = p + a + 1;
    size_t b = run_length(s->text, s->len, q, CC_WORD_DASH, 43);
    if (b != 43) return 0;
    size_t end = q + b;
    if (end < s->len && (is_word((unsigned char)s->text[end]) || s->text[end] == '-')) return 0;
    if (!payload_is_random(s->text + p, end - p)) return 0;
    scan_push(s, rule->det, at, end - at);
    return end;
}

static int base64url_value(int c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (is_digit(c)) return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

/* Decodes unpadded base64url; returns the byte count or -1. */
static long base64url_decode(const char *in, size_t len, unsigned char *out, size_t out_size)
{
    if (len % 4 == 1) return -1;
    size_t n = 0;
    unsigned acc = 0;
    int bits = 0;
    for (size_t i = 0; i < len; i++) {
        int v = base64url_value((unsigned char)in[i]);
        if (v < 0) return -1;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (n >= out_size) return -1;
            out[n++] = (unsigned char)(acc >> bits);
            acc &= (1u << bits) - 1;
        }
    }
    return (long)n;
}

static bool jwt_header_has_alg(const char *part, size_t len)
{
    unsigned char buf[1024];
    long n = base64url_decode(part, len, buf, sizeof buf);
    if (n <= 0) return false;
    json_error_t jerr;
    json_t *root = json_loadb((const char *)buf, (size_t)n, 0, &jerr);
    bool ok = root && json_is_object(root) && json_is_string(json_object_get(root, "alg"));
    json_decref(root);
    return ok;
}

/* header.payload.signature, each base64url; the header must decode to a
 * JSON object with a string "alg". A fourth part means JWE or something
 * else: not reported. */
static size_t jwt_at(Scan *s, const PrefixRule *rule, size_t at)
{
    const char *t = s->text;
    size_t h = run_length(t, s->len, at, CC_WORD_DASH, 1400);
    if (h < 12 || h > 1360 || at + h >= s->len || t[at + h] != '.') return 0;
    size_t p0 = at + h + 1;
    size_t p = run_length(t, s->len, p0, CC_WORD_DASH, 1 << 16);
    if (p < 4 || p0 + p >= s->len || t[p0 + p] != '.') return 0;
    size_t g0 = p0 + p + 1;
    size_t g = run_length(t, s->len, g0, CC_WORD_DASH, 1 << 12);
    size_t end = g0 + g;
    if (end < s->len && (t[end] == '.' || is_word((unsigned char)t[end]))) return 0;
    if (p % 4 == 1 || g % 4 == 1) return 0;   /* not a base64url length */
    if (!jwt_header_has_alg(t + at, h)) return 0;
    scan_push(s, rule->det, at, end - at);
    return end;
}

static bool is_base64_char(int c) { return is_alnum(c) || c == '+' || c == '/' || c == '='; }

enum { PEM_BODY_MIN = 64, PEM_LINE_MIN = 16, PEM_SEARCH_MAX = 64 * 1024 };

/* What may separate the base64 lines of a key body as it sits in source:
 * newlines, indentation, quotes and \n escapes of a string literal, a
 * trailing comma or '+' of concatenation. */
static size_t pem_separator(const char *t, size_t len, size_t i)
{
    int c = (unsigned char)t[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '"' || c == '\'' || c == ',') return 1;
    if (c == '\\' && i + 1 < len && (t[i + 1] == 'n' || t[i + 1] == 'r')) return 2;
    return 0;
}

/* Legacy encrypted PEM carries RFC 1421 headers before the body. */
static size_t pem_header_line(const char *t, size_t len, size_t i)
{
    static const char *const names[] = {"Proc-Type:", "DEK-Info:", "Comment:"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        size_t n = strlen(names[k]);
        if (len - i >= n && memcmp(t + i, names[k], n) == 0) {
            size_t e = i + n;
            while (e < len && t[e] != '\n' && !(t[e] == '\\' && e + 1 < len && t[e + 1] == 'n')) e++;
            return e - i;
        }
    }
    return 0;
}

/* The header, then a body of base64 lines (at least 64 characters in all,
 * each line but the last at least 16) up to -----END or to the first thing
 * that is not part of a key: the documentation's "-----BEGIN PRIVATE
 * KEY-----..." and "<your key here>" have no body and are not reported. */
static size_t pem_at(Scan *s, const PrefixRule *rule, size_t at)
{
    const char *t = s->text;
    pcre2_code *re = s->scanner->re[RE_PEM_HEADER];
    if (pcre2_match(re, (PCRE2_SPTR)t, s->len, at, 0, s->ws->match, NULL) <= 0) return 0;
    size_t i = pcre2_get_ovector_pointer(s->ws->match)[1];
    size_t limit = s->len - i < PEM_SEARCH_MAX ? s->len : i + PEM_SEARCH_MAX;
    size_t body = 0, end = i;
    bool short_line = false;
    while (i < limit) {
        size_t sep = pem_separator(t, limit, i);
        if (sep) {
            i += sep;
            continue;
        }
        if (limit - i >= 8 && memcmp(t + i, "-----END", 8) == 0) {
            const char *close = memmem(t + i + 8, limit - i - 8 < 64 ? limit - i - 8 : 64, "-----", 5);
            end = close ? (size_t)(close - t) + 5 : i + 8;
            break;
        }
        size_t header = pem_header_line(t, limit, i);
        if (header) {
            i += header;
            continue;
        }
        size_t run = 0;
        while (i + run < limit && is_base64_char((unsigned char)t[i + run])) run++;
        if (run == 0 || short_line) break;   /* not key material, or text after a short line */
        short_line = run < PEM_LINE_MIN;
        body += run;
        i += run;
        end = i;
    }
    if (body < PEM_BODY_MIN) return 0;
    scan_push(s, rule->det, at, end - at);
    return end;
}

static bool is_scheme_char(int c) { return is_alnum(c) || c == '+' || c == '.' || c == '-'; }

/* scheme://user:password@host - the password is the finding. Scanning
 * resumes right after "://" so a known token used as the password is still
 * found (and then wins over this finding). */
static size_t url_at(Scan *s, const PrefixRule *rule, size_t at)
{
    const char *t = s->text;
    size_t b = at;
    while (b > 0 && is_scheme_char((unsigned char)t[b - 1])) b--;
    while (b < at && !is_alpha((unsigned char)t[b])) b++;
    if (b == at) return 0;
    size_t u = at + 3, p = u;
    while (p < s->len && p - u < 512) {
        unsigned char c = (unsigned char)t[p];
        if (c == '@' || c <= ' ' || strchr("/?#\"'<>\\`", c)) break;
        p++;
    }
    if (p >= s->len || t[p] != '@') return 0;
    const char *colon = memchr(t + u, ':', p - u);
    if (!colon) return 0;
    size_t pw = (size_t)(colon - t) + 1;
    if (pw >= p || p + 1 >= s->len) return 0;
    int h = (unsigned char)t[p + 1];
    if (!(is_alnum(h) || h == '[' || h == '_' || h == '-')) return 0;
    if (secrets_is_placeholder(t + pw, p - pw)) return 0;
    scan_push(s, rule->det, pw, p - pw);
    return at + 3;
}

/* ---- The pass ---- */

static void scan_run(Scan *s)
{
    const SecretScanner *sc = s->scanner;
    const char *t = s->text;
    for (size_t i = 0; i < s->len; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == '=' || c == ':') generic_scan_assignment(s, i);
        else if (c == ',') generic_scan_lookup_default(s, i);
        unsigned n = sc->count[c];
        if (!n) continue;
        bool boundary = i == 0 || !is_word((unsigned char)t[i - 1]);
        for (unsigned r = 0; r < n; r++) {
            const PrefixRule *rule = &prefix_rules[sc->order[sc->first[c] + r]];
            if (rule->boundary && !boundary) continue;
            size_t plen = strlen(rule->prefix);
            if (s->len - i < plen || memcmp(t + i, rule->prefix, plen) != 0) continue;
            size_t resume = 0;
            switch (rule->kind) {
            case SHAPE_RUN: resume = run_at(s, rule, i); break;
            case SHAPE_REGEX: resume = regex_at(s, rule, i); break;
            case SHAPE_FN: resume = rule->fn(s, rule, i); break;
            }
            if (resume) {
                i = resume - 1;
                break;
            }
        }
    }
}

static int compare_raw(const void *a, const void *b)
{
    const RawFinding *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    /* at one offset, the specific detector first */
    bool cx = detector_is_contextual(x->det), cy = detector_is_contextual(y->det);
    if (cx != cy) return cx ? 1 : -1;
    return (int)x->det - (int)y->det;
}

/* Sorts by offset and drops a contextual finding that overlaps a specific
 * one or an earlier contextual one (the same value seen twice). */
static void scan_resolve(SecretWorkspace *ws)
{
    if (ws->n == 0) return;   /* qsort's pointer must not be NULL */
    qsort(ws->items, ws->n, sizeof *ws->items, compare_raw);
    size_t kept = 0, reach = 0;   /* reach: the furthest end of a kept finding */
    for (size_t i = 0; i < ws->n; i++) {
        RawFinding f = ws->items[i];
        bool drop = false;
        if (detector_is_contextual(f.det)) {
            drop = kept > 0 && reach > f.start;
            for (size_t j = i + 1; j < ws->n && ws->items[j].start < f.start + f.len && !drop; j++)
                drop = !detector_is_contextual(ws->items[j].det);
        }
        if (drop) continue;
        ws->items[kept++] = f;
        if (f.start + f.len > reach) reach = f.start + f.len;
    }
    ws->n = kept;
}

/* Moves line and line_start past the newlines in text[from..to). */
static void count_lines(const char *text, size_t from, size_t to, int *line, size_t *line_start)
{
    const char *nl;
    while (from < to && (nl = memchr(text + from, '\n', to - from)) != NULL) {
        (*line)++;
        from = *line_start = (size_t)(nl - text) + 1;
    }
}

/* Reports the resolved findings; text[0] is at line/col (col applies to
 * the span's first line only). */
static int scan_emit(const Scan *s, int line, int col, SecretCallback cb, void *user)
{
    size_t pos = 0, line_start = 0;
    const int first_line = line;
    for (size_t i = 0; i < s->ws->n; i++) {
        const RawFinding *f = &s->ws->items[i];
        count_lines(s->text, pos, f->start, &line, &line_start);
        pos = f->start;
        SecretFinding out = {f->det, f->confidence, line, 0, line, 0, f->start, f->len, ""};
        out.col = (int)(f->start - line_start) + (line == first_line ? col : 1);
        size_t end_start = line_start;
        count_lines(s->text, f->start, f->start + f->len, &out.end_line, &end_start);
        out.end_col = (int)(f->start + f->len - end_start) + (out.end_line == first_line ? col : 1);
        secrets_redact(s->text + f->start, f->len, out.redacted, sizeof out.redacted);
        if (cb) cb(user, &out);
    }
    return (int)s->ws->n;
}

int secrets_scan_span(const SecretScanner *scanner, SecretWorkspace *ws, const char *text, size_t len,
                      int line, int col, const SecretContext *ctx, SecretCallback cb, void *user)
{
    Scan s = {scanner, ws, text, len, GENERIC_ANY, 0, 0};
    ws->n = 0;
    if (ctx && ctx->kind == SECRET_SPAN_STRING && ctx->name) {
        SecretNameClass cls = secrets_classify_name(ctx->name, ctx->name_len);
        if (cls != SECRET_NAME_NONE) generic_report(&s, cls, 0, len);
    }
    scan_run(&s);
    scan_resolve(ws);
    return scan_emit(&s, line, col, cb, user);
}

SecretFileStatus secrets_scan_text_as(const SecretScanner *scanner, SecretWorkspace *ws, SecretFileKind kind,
                                      const char *data, size_t len, SecretCallback cb, void *user, int *count)
{
    if (count) *count = 0;
    if (kind == SECRET_FILE_LOCK) return SECRET_FILE_SKIPPED_LOCK;
    if (secrets_text_is_binary(data, len)) return SECRET_FILE_SKIPPED_BINARY;
    GenericMode mode = kind == SECRET_FILE_PYTHON ? GENERIC_QUOTED_ONLY
                       : kind == SECRET_FILE_YAML ? GENERIC_YAML
                                                  : GENERIC_ANY;
    Scan s = {scanner, ws, data, len, mode, 0, 0};
    ws->n = 0;
    scan_run(&s);
    if (kind == SECRET_FILE_DOCKERFILE) generic_scan_dockerfile_env(&s);
    scan_resolve(ws);
    int n = scan_emit(&s, 1, 1, cb, user);
    if (count) *count = n;
    return SECRET_FILE_SCANNED;
}

SecretFileStatus secrets_scan_text_file(const SecretScanner *scanner, SecretWorkspace *ws, const char *path,
                                        const char *data, size_t len, SecretCallback cb, void *user,
                                        int *count)
{
    if (count) *count = 0;
    SecretFileKind kind = path ? secrets_file_kind(path) : SECRET_FILE_OTHER;
    if (kind == SECRET_FILE_OTHER) return SECRET_FILE_SKIPPED_KIND;
    return secrets_scan_text_as(scanner, ws, kind, data, len, cb, user, count);
}
