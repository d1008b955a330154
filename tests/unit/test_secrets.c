/* test_secrets.c - the SEC detectors. Positive samples are GENERATED here
 * (prefix + random characters of the right alphabet and length) so no
 * key-shaped literal is committed; the generator is seeded (KRAIT_SEED
 * overrides the default) and every failure names the seed. Each detector
 * is checked in Python, configuration and span contexts, with its
 * look-alikes that must stay silent, and every finding's redaction is
 * checked against the secret it hides. */
#include "unit.h"

#include "report/finding.h"
#include "rules/registry.h"
#include "secrets/report.h"
#include "secrets/secrets.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

static SecretScanner *scanner;
static SecretWorkspace *workspace;
static uint64_t seed = 0x5EC2E75ULL;

/* ---- Random samples ---- */

typedef struct Rng {
    uint64_t s;
} Rng;

static uint64_t rng_next(Rng *r)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return r->s;
}

/* A generator per test: splitmix64 of the seed and a salt, never the
 * all-zero state xorshift cannot leave. */
static Rng rng_make(uint64_t salt)
{
    uint64_t z = seed + salt * 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return (Rng){z ? z : 1};
}

static const char ALNUM[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
static const char UPPER_DIGIT[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
static const char URLSAFE[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
static const char LETTERS[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
static const char HEX[] = "0123456789abcdef";
static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char DIGITS[] = "0123456789";
static const char PASSWORDISH[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789#%!@^*+=";
/* what a URL's userinfo may hold unencoded (RFC 3986 unreserved and some sub-delims) */
static const char URL_PASSWORDISH[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-._~!*+=";

/* Appends n characters of alphabet to out (NUL-terminated). */
static void put_random(Rng *r, char *out, const char *alphabet, size_t n)
{
    size_t len = strlen(out), k = strlen(alphabet);
    for (size_t i = 0; i < n; i++) out[len + i] = alphabet[rng_next(r) % k];
    out[len + n] = '\0';
}

static void put(char *out, const char *s) { strcat(out, s); }

static void put_base64url(char *out, const char *bytes)
{
    size_t len = strlen(out), n = strlen(bytes), k = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned char)bytes[i] << 16;
        if (i + 1 < n) v |= (unsigned char)bytes[i + 1] << 8;
        if (i + 2 < n) v |= (unsigned char)bytes[i + 2];
        size_t chars = n - i >= 3 ? 4 : n - i + 1;
        for (size_t c = 0; c < chars; c++) out[len + k++] = URLSAFE[(v >> (18 - 6 * c)) & 63];
    }
    out[len + k] = '\0';
}

/* A generated sample: the text to embed and where the secret is in it. */
typedef struct Sample {
    char text[1024];
    size_t off;
    size_t len;   /* 0: the whole text from off */
} Sample;

typedef void (*GenFn)(Rng *r, Sample *s);

static void gen_aws_id(Rng *r, Sample *s)
{
    static const char *const prefixes[] = {"AKIA", "ASIA", "ABIA", "ACCA"};
    put(s->text, prefixes[rng_next(r) % 4]);
    put_random(r, s->text, UPPER_DIGIT, 16);
}

static void gen_google(Rng *r, Sample *s) { put(s->text, "AIza"), put_random(r, s->text, URLSAFE, 35); }

static void gen_github(Rng *r, Sample *s)
{
    char prefix[] = "gh?_";
    prefix[2] = "pousr"[rng_next(r) % 5];
    put(s->text, prefix);
    put_random(r, s->text, ALNUM, 36);
}

static void gen_github_fine(Rng *r, Sample *s)
{
    put(s->text, "github_pat_");
    put_random(r, s->text, ALNUM, 22);
    put(s->text, "_");
    put_random(r, s->text, ALNUM, 59);
}

static void gen_gitlab(Rng *r, Sample *s)
{
    static const char *const prefixes[] = {"glpat-", "gldt-", "glrt-"};
    put(s->text, prefixes[rng_next(r) % 3]);
    put_random(r, s->text, ALNUM, 1);
    put_random(r, s->text, URLSAFE, 18);
    put_random(r, s->text, ALNUM, 1);
}

static void gen_slack(Rng *r, Sample *s)
{
    char prefix[] = "xox?-";
    prefix[3] = "bpaors"[rng_next(r) % 6];
    put(s->text, prefix);
    put_random(r, s->text, DIGITS, 10 + rng_next(r) % 4);
    put(s->text, "-");
    put_random(r, s->text, DIGITS, 10 + rng_next(r) % 4);
    put(s->text, "-");
    put_random(r, s->text, ALNUM, 24);
}

static void gen_slack_webhook(Rng *r, Sample *s)
{
    put(s->text, "https://hooks.slack.com/services/T");
    put_random(r, s->text, UPPER_DIGIT, 8);
    put(s->text, "/B");
    put_random(r, s->text, UPPER_DIGIT, 8);
    put(s->text, "/");
    put_random(r, s->text, ALNUM, 24);
    s->off = 8;   /* the finding starts at the host */
}

static void gen_stripe(Rng *r, Sample *s)
{
    put(s->text, rng_next(r) % 2 ? "sk_live_" : "rk_live_");
    put_random(r, s->text, ALNUM, 24 + rng_next(r) % 76);
}

static void gen_twilio(Rng *r, Sample *s) { put(s->text, "SK"), put_random(r, s->text, HEX, 32); }

static void gen_sendgrid(Rng *r, Sample *s)
{
    put(s->text, "SG.");
    put_random(r, s->text, URLSAFE, 22);
    put(s->text, ".");
    put_random(r, s->text, ALNUM, 43);
}

static void gen_pypi(Rng *r, Sample *s)
{
    put(s->text, rng_next(r) % 2 ? "pypi-AgEIcHlwaS5vcmc" : "pypi-AgENdGVzdC5weXBpLm9yZw");
    put_random(r, s->text, URLSAFE, 70 + rng_next(r) % 100);
    put_random(r, s->text, ALNUM, 1);
}

static void gen_npm(Rng *r, Sample *s) { put(s->text, "npm_"), put_random(r, s->text, ALNUM, 36); }
static void gen_hf(Rng *r, Sample *s) { put(s->text, "hf_"), put_random(r, s->text, LETTERS, 34); }

static void gen_openai(Rng *r, Sample *s)
{
    uint64_t form = rng_next(r) % 3;
    if (form == 2) {   /* project key without the marker */
        put(s->text, "sk-proj-");
        put_random(r, s->text, URLSAFE, 80 + rng_next(r) % 100);
        put_random(r, s->text, ALNUM, 1);
        return;
    }
    if (form == 1) {
        put(s->text, "sk-");
        put_random(r, s->text, ALNUM, 20);
        put(s->text, "T3BlbkFJ");
        put_random(r, s->text, ALNUM, 20);
    } else {
        put(s->text, "sk-proj-");
        put_random(r, s->text, URLSAFE, 74);
        put(s->text, "T3BlbkFJ");
        put_random(r, s->text, URLSAFE, 73);
        put_random(r, s->text, ALNUM, 1);
    }
}

static void gen_jwt(Rng *r, Sample *s)
{
    char payload[96] = "{\"sub\":\"";
    put_random(r, payload, DIGITS, 10);
    put(payload, "\",\"name\":\"");
    put_random(r, payload, LETTERS, 8);
    put(payload, "\"}");
    put_base64url(s->text, rng_next(r) % 2 ? "{\"alg\":\"HS256\",\"typ\":\"JWT\"}" : "{\"typ\":\"JWT\",\"alg\":\"RS256\"}");
    put(s->text, ".");
    put_base64url(s->text, payload);
    put(s->text, ".");
    put_random(r, s->text, URLSAFE, 42);
    put_random(r, s->text, ALNUM, 1);
}

static void gen_pem(Rng *r, Sample *s)
{
    static const char *const kinds[] = {"RSA ", "EC ", "", "OPENSSH ", "ENCRYPTED "};
    const char *kind = kinds[rng_next(r) % 5];
    put(s->text, "-----BEGIN "), put(s->text, kind), put(s->text, "PRIVATE KEY-----\n");
    for (int line = 0; line < 4; line++) put_random(r, s->text, B64, 64), put(s->text, "\n");
    put(s->text, "-----END "), put(s->text, kind), put(s->text, "PRIVATE KEY-----");
}

static void gen_url(Rng *r, Sample *s)
{
    static const char *const schemes[] = {"postgres", "mysql+pymysql", "redis", "amqp", "https"};
    put(s->text, schemes[rng_next(r) % 5]);
    put(s->text, "://app_user:");
    s->off = strlen(s->text);
    put_random(r, s->text, ALNUM, 6);
    put_random(r, s->text, URL_PASSWORDISH, 8);
    s->len = strlen(s->text) - s->off;
    put(s->text, "@db.internal:5432/app");
}

static void gen_password(Rng *r, Sample *s)
{
    do {
        s->text[0] = '\0';
        put_random(r, s->text, ALNUM, 1);   /* "x==..." would read as a comparison */
        put_random(r, s->text, PASSWORDISH, 9 + rng_next(r) % 20);
    } while (secrets_check_value(s->text, strlen(s->text)) != SECRET_VALUE_OK);   /* e.g. "test" by chance */
}

typedef struct DetectorCase {
    SecretDetectorId det;
    GenFn gen;
} DetectorCase;

static const DetectorCase detector_cases[] = {
    {SECRET_DET_AWS_ACCESS_KEY_ID, gen_aws_id},
    {SECRET_DET_GOOGLE_API_KEY, gen_google},
    {SECRET_DET_GITHUB_TOKEN, gen_github},
    {SECRET_DET_GITHUB_FINE_GRAINED_PAT, gen_github_fine},
    {SECRET_DET_GITLAB_TOKEN, gen_gitlab},
    {SECRET_DET_SLACK_TOKEN, gen_slack},
    {SECRET_DET_SLACK_WEBHOOK, gen_slack_webhook},
    {SECRET_DET_STRIPE_KEY, gen_stripe},
    {SECRET_DET_TWILIO_KEY, gen_twilio},
    {SECRET_DET_SENDGRID_KEY, gen_sendgrid},
    {SECRET_DET_PYPI_TOKEN, gen_pypi},
    {SECRET_DET_NPM_TOKEN, gen_npm},
    {SECRET_DET_HUGGINGFACE_TOKEN, gen_hf},
    {SECRET_DET_OPENAI_KEY, gen_openai},
    {SECRET_DET_JWT, gen_jwt},
    {SECRET_DET_PRIVATE_KEY, gen_pem},
    {SECRET_DET_URL_CREDENTIALS, gen_url},
};

/* ---- Scanning helpers ---- */

enum { FOUND_MAX = 64 };

typedef struct Found {
    int n;
    SecretFinding f[FOUND_MAX];
} Found;

static void collect(void *user, const SecretFinding *f)
{
    Found *found = user;
    if (found->n < FOUND_MAX) found->f[found->n] = *f;
    found->n++;
}

static Found scan_kind(SecretFileKind kind, const char *text)
{
    Found found = {0};
    SecretFileStatus st = secrets_scan_text_as(scanner, workspace, kind, text, strlen(text), collect, &found, NULL);
    if (st != SECRET_FILE_SCANNED) found.n = -1;
    return found;
}

static Found scan_py(const char *text) { return scan_kind(SECRET_FILE_PYTHON, text); }
static Found scan_cfg(const char *text) { return scan_kind(SECRET_FILE_ENV, text); }

/* The redaction rule restated: 4 characters from 16 on, else a quarter. */
static void expected_redaction(const char *v, size_t len, char *out, size_t size)
{
    size_t show = len >= 16 ? 4 : len / 4;
    snprintf(out, size, "%.*s\xE2\x80\xA6(%zu chars)", (int)show, v, len);
}

static void fail_with_seed(UnitContext *t, int line, const char *what, const char *sample)
{
    char msg[400];
    snprintf(msg, sizeof msg, "%s (seed %llu, sample %.200s)", what, (unsigned long long)seed, sample);
    unit_fail(t, __FILE__, line, msg);
}

/* Exactly one finding, of det, at line/col, covering value[0..len), with
 * the right redaction and no trace of the value beyond it. */
static void expect_one(UnitContext *t, int src_line, Found found, SecretDetectorId det, int line, int col,
                       const char *value, size_t len)
{
    if (found.n != 1) {
        char what[64];
        snprintf(what, sizeof what, "%d findings instead of 1 (first: %s)", found.n,
                 found.n > 0 ? secrets_detector_info(found.f[0].detector)->id : "none");
        fail_with_seed(t, src_line, what, value);
        return;
    }
    const SecretFinding *f = &found.f[0];
    char want[SECRET_REDACTED_MAX];
    expected_redaction(value, len, want, sizeof want);
    int end_line = line, end_col = col + (int)len;
    for (size_t i = 0; i < len; i++)
        if (value[i] == '\n') end_line++, end_col = (int)(len - i);
    if (f->detector != det) fail_with_seed(t, src_line, secrets_detector_info(f->detector)->id, value);
    else if (f->line != line || f->col != col) fail_with_seed(t, src_line, "wrong line or column", value);
    else if (f->end_line != end_line || f->end_col != end_col) fail_with_seed(t, src_line, "wrong end", value);
    else if (f->len != len) fail_with_seed(t, src_line, "wrong length", value);
    else if (strcmp(f->redacted, want) != 0) fail_with_seed(t, src_line, "wrong redaction", value);
    else if (len > 4 && strstr(f->redacted, value + 4 < value + len ? value + 4 : value) != NULL)
        fail_with_seed(t, src_line, "redaction leaks the value", value);
}

/* ---- Positive samples, every detector, three contexts ---- */

static void test_detectors_fire_in_every_context(UnitContext *t)
{
    Rng r = rng_make(0);
    for (size_t d = 0; d < sizeof detector_cases / sizeof detector_cases[0]; d++) {
        for (int round = 0; round < 40 && !t->failed; round++) {
            Sample s = {"", 0, 0};
            detector_cases[d].gen(&r, &s);
            size_t len = s.len ? s.len : strlen(s.text) - s.off;
            const char *secret = s.text + s.off;
            SecretDetectorId det = detector_cases[d].det;
            char buf[1400];

            /* Python, quoted, no telling name; triple quotes for the PEM */
            const char *q = det == SECRET_DET_PRIVATE_KEY ? "\"\"\"" : "\"";
            snprintf(buf, sizeof buf, "import os\nvalue = %s%s%s\n", q, s.text, q);
            expect_one(t, __LINE__, scan_py(buf), det, 2, 9 + (int)strlen(q) + (int)s.off, secret, len);

            /* configuration, bare */
            snprintf(buf, sizeof buf, "# settings\nendpoint: %s\n", s.text);
            expect_one(t, __LINE__, scan_cfg(buf), det, 2, 11 + (int)s.off, secret, len);

            /* a span handed over by the front end at line 7, column 3 */
            Found found = {0};
            secrets_scan_span(scanner, workspace, s.text, strlen(s.text), 7, 3, NULL, collect, &found);
            expect_one(t, __LINE__, found, det, 7, 3 + (int)s.off, secret, len);
        }
    }
}

/* ---- Look-alikes: each must stay silent ---- */

static void expect_none(UnitContext *t, int src_line, SecretFileKind kind, const char *text)
{
    Found found = scan_kind(kind, text);
    if (found.n != 0) {
        char what[64];
        snprintf(what, sizeof what, "%d unexpected findings (first: %s)", found.n,
                 found.n > 0 ? secrets_detector_info(found.f[0].detector)->id : "status");
        fail_with_seed(t, src_line, what, text);
    }
}

static void test_lookalikes_stay_silent(UnitContext *t)
{
    Rng r = rng_make(0xA5A5);
    char buf[1024], body[512];
    struct {
        const char *prefix, *alphabet;
        size_t n;
    } wrong[] = {
        {"AKIA", UPPER_DIGIT, 15},  {"AKIA", UPPER_DIGIT, 17},  {"AKIB", UPPER_DIGIT, 16},
        {"AIza", URLSAFE, 34},      {"AIzb", URLSAFE, 35},      {"ghp_", ALNUM, 35},
        {"ghp_", ALNUM, 37},        {"ghx_", ALNUM, 36},        {"github_pat_", ALNUM, 81},
        {"glpat-", ALNUM, 19},      {"glpax-", ALNUM, 24},      {"xoxq-1234567890-", ALNUM, 24},
        {"xoxb-123-", ALNUM, 24},   {"sk_test_", ALNUM, 24},    {"sk_live_", ALNUM, 12},
        {"SK", HEX, 31},            {"SK", UPPER_DIGIT, 32},    {"SK", HEX, 33},
        {"pypi-AgEIcHlwaS5vcmc", URLSAFE, 20},                  {"pypi-", URLSAFE, 90},
        {"npm_", ALNUM, 35},        {"npm_", ALNUM, 37},        {"hf_", LETTERS, 33},
        {"hf_", ALNUM, 40},         {"sk-", ALNUM, 48},         {"sk-proj-", ALNUM, 30},
        {"eyJ", URLSAFE, 40},       {"SG.", URLSAFE, 65},
    };
    for (size_t i = 0; i < sizeof wrong / sizeof wrong[0] && !t->failed; i++) {
        for (int round = 0; round < 10; round++) {
            body[0] = '\0';
            put(body, wrong[i].prefix);
            put_random(&r, body, wrong[i].alphabet, wrong[i].n);
            snprintf(buf, sizeof buf, "value = \"%s\"\n", body);
            expect_none(t, __LINE__, SECRET_FILE_PYTHON, buf);
            snprintf(buf, sizeof buf, "x: %s\n", body);
            expect_none(t, __LINE__, SECRET_FILE_YAML, buf);
        }
    }
    /* glued to a word, the prefix is not a prefix */
    body[0] = '\0';
    put(body, "xghp_");
    put_random(&r, body, ALNUM, 36);
    expect_none(t, __LINE__, SECRET_FILE_ENV, body);
    body[0] = '\0';
    put(body, "MASK");
    put_random(&r, body, HEX, 32);
    expect_none(t, __LINE__, SECRET_FILE_ENV, body);
    static const char *const fixed[] = {
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n",                         /* AWS's documentation key */
        "token: ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\n",                  /* no randomness */
        "url: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n",
        "key: -----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n",
        "key: -----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0t"
        "RgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoL"
        "\n-----END PUBLIC KEY-----\n",
        "db: postgres://user:${DB_PASSWORD}@db/app\n",
        "db: postgres://user:<password>@db/app\n",
        "db: postgres://user:password@localhost/app\n",
        "db: postgres://app_user:@localhost/app\n",
        "db: https://app_user@example.org/x\n",
        "url: http://example.org:8080/path?x=1\n",
        /* a JWT-shaped string whose header has no "alg" ({"typ":"JWT"}) */
        "t: eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl\n",
        /* four parts: not a JWS */
        "t: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2ln.bmF0dXJl\n",
    };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) expect_none(t, __LINE__, SECRET_FILE_YAML, fixed[i]);
}

/* A JWT literal here is safe: its header is {"alg":"HS256"} and the rest is
 * not a credential for anything. It pins the decoder against a known vector. */
static void test_jwt_known_vector(UnitContext *t)
{
    const char *jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl";
    char buf[200];
    snprintf(buf, sizeof buf, "auth: %s\n", jwt);
    Found f = scan_kind(SECRET_FILE_YAML, buf);
    expect_one(t, __LINE__, f, SECRET_DET_JWT, 1, 7, jwt, strlen(jwt));
    /* unsigned JWTs (alg none, empty signature) are still tokens */
    snprintf(buf, sizeof buf, "auth: eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMjM0NTY3ODkwIn0.\n");
    f = scan_kind(SECRET_FILE_YAML, buf);
    CHECK_INT(t, f.n, 1);
}

/* ---- The generic detector ---- */

static void test_generic_python_forms(UnitContext *t)
{
    Rng r = rng_make(0x77);
    static const char *const forms[] = {
        "password = \"%s\"\n",
        "DB_PASSWORD: str = \"%s\"\n",
        "def connect(password: Optional[str] | None = \"%s\"):\n    pass\n",
        "def connect(passwd: str = '%s'):\n    pass\n",
        "client = Client(api_key=\"%s\")\n",
        "CONFIG = {\"clientSecret\": \"%s\"}\n",
        "config[\"auth_token\"] = \"%s\"\n",
        "self.secret_key = r\"%s\"\n",
        "if (token := \"%s\"):\n    pass\n",
        "HEADERS = {\"Authorization\": \"Bearer %s\"}\n",
        "session.headers[\"Authorization\"] = \"token %s\"\n",
        "SECRET_KEY = os.environ.get(\"DJANGO_SECRET_KEY\", \"%s\")\n",
        "db = connect(os.getenv('DB_PASSWORD' , '%s'))\n",
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0] && !t->failed; i++) {
        for (int round = 0; round < 10; round++) {
            Sample s = {"", 0, 0};
            gen_password(&r, &s);
            char buf[512];
            snprintf(buf, sizeof buf, forms[i], s.text);
            const char *at = strstr(buf, s.text);
            expect_one(t, __LINE__, scan_py(buf), SECRET_DET_GENERIC_SECRET, 1, (int)(at - buf) + 1, s.text,
                       strlen(s.text));
        }
    }
}

static void test_generic_config_forms(UnitContext *t)
{
    Rng r = rng_make(0x99);
    static const struct {
        SecretFileKind kind;
        const char *form;
    } forms[] = {
        {SECRET_FILE_ENV, "DB_PASSWORD=%s\n"},
        {SECRET_FILE_ENV, "export API_KEY=\"%s\"\n"},
        {SECRET_FILE_INI, "[db]\nhost = db\npassword = %s\n"},
        {SECRET_FILE_YAML, "db:\n  password: %s  # prod\n"},
        {SECRET_FILE_YAML, "db:\n  secret: '%s'\n"},
        {SECRET_FILE_TOML, "[tool.x]\ntoken = \"%s\"\n"},
        {SECRET_FILE_JSON, "{\n  \"apiKey\": \"%s\",\n  \"x\": 1\n}\n"},
        {SECRET_FILE_DOCKERFILE, "FROM python:3.12\nENV APP_SECRET=%s\n"},
        {SECRET_FILE_SHELL, "#!/bin/sh\ncurl --password=%s https://x\n"},
        {SECRET_FILE_INI, "conn = Server=db;Password=%s;Database=x\n"},
        {SECRET_FILE_ENV, "AZURE=DefaultEndpointsProtocol=https;AccountName=x;AccountKey=%s;EndpointSuffix=y\n"},
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0] && !t->failed; i++) {
        for (int round = 0; round < 10; round++) {
            Sample s = {"", 0, 0};
            do gen_password(&r, &s);   /* keep bare values in one piece; no YAML indicator first */
            while (strpbrk(s.text, "#;,&") != NULL ||
                   (forms[i].kind == SECRET_FILE_YAML && strchr("!*", s.text[0])));
            char buf[512];
            snprintf(buf, sizeof buf, forms[i].form, s.text);
            const char *at = strstr(buf, s.text);
            int line = 1, col = 1;
            for (const char *p = buf; p < at; p++) {
                if (*p == '\n') line++, col = 1;
                else col++;
            }
            expect_one(t, __LINE__, scan_kind(forms[i].kind, buf), SECRET_DET_GENERIC_SECRET, line, col, s.text,
                       strlen(s.text));
        }
    }
}

static void test_generic_rejections(UnitContext *t)
{
    static const char *const quiet_py[] = {
        "password = get_password()\n",
        "password = os.environ[\"PASSWORD\"]\n",
        "if password == \"Xk9#mQ2vLp7\":\n    pass\n",
        "if password != \"Xk9#mQ2vLp7\":\n    pass\n",
        "token_url = \"https://example.org/oauth/token\"\n",
        "password_field = \"Xk9#mQ2vLp7\"\n",
        "SECRET_KEY_FILE = \"/run/secrets/django_key\"\n",
        "author = \"Xk9#mQ2vLp7\"\n",
        "tokenizer = \"Xk9#mQ2vLp7\"\n",
        "password = \"\"\n",
        "password = \"short1!\"\n",
        "password = \"<your password>\"\n",
        "password = \"your_password_here\"\n",
        "api_key = \"xxxxxxxxxxxxxxxx\"\n",
        "api_key = \"********\"\n",
        "api_key = \"example-key-123\"\n",
        "password = \"changeme123\"\n",
        "password = \"dummy_pw_1234\"\n",
        "password = \"Test1234!abc\"\n",
        "password = \"sample-Pw-99\"\n",
        "secret = \"fake-s3cr3t-value\"\n",
        "password = \"${DB_PASSWORD}\"\n",
        "password = \"$DB_PASSWORD\"\n",
        "password = \"%(db_password)s\"\n",
        "password = \"{db_password}\"\n",
        "password = \"{{ db_password }}\"\n",
        "password = \"%DB_PASSWORD%\"\n",
        "token = \"123e4567-e89b-12d3-a456-426614174000\"\n",
        "secret = \"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"\n",
        "password = \"./secrets/db_password.txt\"\n",
        "password = \"C:\\\\secrets\\\\pw.txt\"\n",
        "token = \"https://example.org/token\"\n",
        "password = \"Please enter your password\"\n",
        "password = \"password_reset_required\"\n",
        "TOKEN = \"ACCESS_TOKEN_NAME\"\n",
        "pin_password = \"12345678901\"\n",
        "password = \"abcdefgh\"\n",
        "password = \"qwertyuiop\"\n",
        "password = \"aAaAaAaAaAaA\"\n",
        "password = f\"{prefix}-{suffix}\"\n",
        "HEADERS = {\"Authorization\": \"Bearer {token}\"}\n",
        "SECRET_KEY = os.environ.get(\"DJANGO_SECRET_KEY\", None)\n",
        "SECRET_KEY = os.environ.get(\"DJANGO_SECRET_KEY\", DEFAULT_KEY9)\n",
        "HOST = os.environ.get(\"DB_HOST\", \"db9.internal.x\")\n",
        "x = lookup(\"DB_PASSWORD\", \"Xk9#mQ2vLp7\")\n",
        "\"\"\"\n    Authorization: MAC id=\"h480djs93hd8\",\n\"\"\"\n",
        "TEST_BASIC_TOKEN = \"Basic Zm9vOmJhcg==\"\n",
        "HEADERS = {\"Authorization\": \"Bearer \" + token}\n",
        /* base64 of "username:password" */
        "HEADERS = {\"Authorization\": \"Basic dXNlcm5hbWU6cGFzc3dvcmQ=\"}\n",
        "def sign(private_key: \"_RSAPrivateKey9\", data: bytes): ...\n",
        "OIDS = {Oid.CHALLENGE_PASSWORD: \"challenge9Password\"}\n",
        "AUTH_USER_MODEL = \"auth9.User\"\n",
        "NUMBER_TOKEN = r'[0-9@#.,E+]'\n",
    };
    for (size_t i = 0; i < sizeof quiet_py / sizeof quiet_py[0]; i++)
        expect_none(t, __LINE__, SECRET_FILE_PYTHON, quiet_py[i]);
    static const char *const quiet_cfg[] = {
        "password:\n  - a\n",
        "password: |\n  Xk9#mQ2vLp7\n",
        "password: *default_pw\n",
        "PASSWORD=\n",
        "token = null\n",
        "secret_name = prod-db-credentials-2\n",
        "auth_type = Bearer\n",
        "password = Enter your password here\n",
        "api_key: ${{ secrets.API_KEY }}\n",
        "passwd = fallback_getpass9(prompt, stream)\n",
        "token = line9[start:pos]\n",
    };
    for (size_t i = 0; i < sizeof quiet_cfg / sizeof quiet_cfg[0]; i++)
        expect_none(t, __LINE__, SECRET_FILE_YAML, quiet_cfg[i]);
}

static void test_dockerfile_env_space_form(UnitContext *t)
{
    Found f = scan_kind(SECRET_FILE_DOCKERFILE, "FROM python:3.12\nENV DB_PASSWORD Xk9#mQ2vLp7\nENV PATH /usr/bin\n");
    expect_one(t, __LINE__, f, SECRET_DET_GENERIC_SECRET, 2, 17, "Xk9#mQ2vLp7", 11);
    f = scan_kind(SECRET_FILE_DOCKERFILE, "  env API_TOKEN \"Xk9#mQ2vLp7\"\r\n");
    expect_one(t, __LINE__, f, SECRET_DET_GENERIC_SECRET, 1, 18, "Xk9#mQ2vLp7", 11);
    expect_none(t, __LINE__, SECRET_FILE_DOCKERFILE, "ENV DB_PASSWORD ${DB_PASSWORD}\n");
    expect_none(t, __LINE__, SECRET_FILE_DOCKERFILE, "ENV DB_PASSWORD Please set me 9\n");
    expect_none(t, __LINE__, SECRET_FILE_DOCKERFILE, "ENVIRONMENT DB_PASSWORD Xk9#mQ2vLp7\n");
    /* only Dockerfiles have this form */
    expect_none(t, __LINE__, SECRET_FILE_ENV, "ENV DB_PASSWORD Xk9#mQ2vLp7\n");
}

static void test_generic_python_needs_quotes(UnitContext *t)
{
    /* bare values are references in Python, values in configuration */
    expect_none(t, __LINE__, SECRET_FILE_PYTHON, "password = Xk9mQ2vLp7w\n");
    Found f = scan_cfg("password = Xk9mQ2vLp7w\n");
    expect_one(t, __LINE__, f, SECRET_DET_GENERIC_SECRET, 1, 12, "Xk9mQ2vLp7w", 11);
}

static void test_yaml_indicators(UnitContext *t)
{
    Found f = scan_cfg("PASSWORD=!Xk9mQ2vLp7\n");
    expect_one(t, __LINE__, f, SECRET_DET_GENERIC_SECRET, 1, 10, "!Xk9mQ2vLp7", 11);
    expect_none(t, __LINE__, SECRET_FILE_YAML, "password: !Xk9mQ2vLp7\n");   /* a tag */
    expect_none(t, __LINE__, SECRET_FILE_YAML, "password: &Xk9mQ2vLp7 x\n");  /* an anchor */
}

static void test_specific_wins_over_generic(UnitContext *t)
{
    Rng r = rng_make(0x1234);
    Sample s = {"", 0, 0};
    gen_github(&r, &s);
    char buf[1200];
    snprintf(buf, sizeof buf, "password = \"%s\"\n", s.text);
    expect_one(t, __LINE__, scan_py(buf), SECRET_DET_GITHUB_TOKEN, 1, 13, s.text, 40);
    snprintf(buf, sizeof buf, "remote: https://x-access-token:%s@github.com/o/r.git\n", s.text);
    expect_one(t, __LINE__, scan_cfg(buf), SECRET_DET_GITHUB_TOKEN, 1, 32, s.text, 40);
    Found found = {0};
    SecretContext ctx = {SECRET_SPAN_STRING, "token", 5};
    secrets_scan_span(scanner, workspace, s.text, 40, 3, 9, &ctx, collect, &found);
    expect_one(t, __LINE__, found, SECRET_DET_GITHUB_TOKEN, 3, 9, s.text, 40);
}

static void test_aws_secret_key(UnitContext *t)
{
    Rng r = rng_make(0xAB);
    for (int round = 0; round < 20 && !t->failed; round++) {
        char key[48] = "";
        put_random(&r, key, B64, 40);
        char buf[256];
        snprintf(buf, sizeof buf, "aws_secret_access_key = %s\n", key);
        expect_one(t, __LINE__, scan_kind(SECRET_FILE_INI, buf), SECRET_DET_AWS_SECRET_KEY, 1, 25, key, 40);
        snprintf(buf, sizeof buf, "AWS_SECRET_KEY = \"%s\"\n", key);
        expect_one(t, __LINE__, scan_py(buf), SECRET_DET_AWS_SECRET_KEY, 1, 19, key, 40);
        /* a 40-character value under another secret name is generic */
        snprintf(buf, sizeof buf, "client_secret = \"%s\"\n", key);
        expect_one(t, __LINE__, scan_py(buf), SECRET_DET_GENERIC_SECRET, 1, 18, key, 40);
    }
    expect_none(t, __LINE__, SECRET_FILE_INI, "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
}

/* CRC32 (IEEE, reflected) by table, written independently of the module's
 * bitwise one and pinned to the standard check value. */
static uint32_t test_crc32(const char *p, size_t len)
{
    uint32_t table[256];
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < len; i++) crc = table[(crc ^ (unsigned char)p[i]) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

/* A checksum-valid classic token, built at run time (never committed). */
static void gen_github_valid(Rng *r, char out[41])
{
    static const char b62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    out[0] = '\0';
    put(out, "ghp_");
    put_random(r, out, ALNUM, 30);
    uint32_t crc = test_crc32(out + 4, 30);
    for (int i = 39; i >= 34; i--, crc /= 62) out[i] = b62[crc % 62];
    out[40] = '\0';
}

static void test_github_checksum(UnitContext *t)
{
    CHECK(t, test_crc32("123456789", 9) == 0xCBF43926u);
    Rng r = rng_make(0xC4C);
    for (int round = 0; round < 50 && !t->failed; round++) {
        char tok[41];
        gen_github_valid(&r, tok);
        CHECK(t, secrets_github_checksum_ok(tok, 40));
        char buf[64];
        snprintf(buf, sizeof buf, "t = '%s'\n", tok);
        Found f = scan_py(buf);
        CHECK_INT(t, f.n, 1);
        CHECK_INT(t, f.f[0].confidence, SECRET_LEVEL_HIGH);
        /* one character off: still reported (the shape is right), with low confidence */
        tok[10] = tok[10] == 'a' ? 'b' : 'a';
        CHECK(t, !secrets_github_checksum_ok(tok, 40));
        snprintf(buf, sizeof buf, "t = '%s'\n", tok);
        f = scan_py(buf);
        CHECK_INT(t, f.n, 1);
        CHECK_INT(t, f.f[0].confidence, SECRET_LEVEL_LOW);
    }
    CHECK(t, !secrets_github_checksum_ok("ghp_", 4));
    /* other detectors carry their table confidence */
    Sample s = {"", 0, 0};
    gen_npm(&r, &s);
    Found f = scan_cfg(s.text);
    CHECK_INT(t, f.n, 1);
    CHECK_INT(t, f.f[0].confidence, secrets_detector_info(SECRET_DET_NPM_TOKEN)->confidence);
}

/* ---- The report adapter ---- */

static void collect_report(void *user, const SecretFinding *f) { secrets_report_add(user, "app/settings.py", f); }

static void test_report_findings(UnitContext *t)
{
    Rng r = rng_make(0x4E9);
    char tok[41];
    gen_github_valid(&r, tok);
    Sample pem = {"", 0, 0};
    gen_pem(&r, &pem);
    char buf[1200];
    snprintf(buf, sizeof buf, "T = '%s'\nK = \"\"\"%s\"\"\"\n", tok, pem.text);
    tok[5] = tok[5] == 'a' ? 'b' : 'a';   /* the same shape, a failing checksum */
    strcat(buf, "U = '");
    strcat(buf, tok);
    strcat(buf, "'\n");
    FindingList list;
    finding_list_init(&list);
    secrets_scan_text_as(scanner, workspace, SECRET_FILE_PYTHON, buf, strlen(buf), collect_report, &list, NULL);
    CHECK_INT(t, list.n, 3);
    if (list.n == 3) {
        const Finding *gh = &list.items[0], *key = &list.items[1], *bad = &list.items[2];
        CHECK_STR(t, gh->rule->id, "SEC004");
        CHECK_STR(t, gh->path, "app/settings.py");
        CHECK_INT(t, gh->line, 1);
        CHECK_INT(t, gh->col, 6);
        CHECK_INT(t, gh->end_line, 1);
        CHECK_INT(t, gh->end_col, 46);
        CHECK_INT(t, gh->confidence, CONF_HIGH);
        CHECK_STR(t, gh->message, "github-token: ghp_\xE2\x80\xA6(40 chars)");
        CHECK_STR(t, finding_property(gh, "redacted"), "ghp_\xE2\x80\xA6(40 chars)");
        CHECK(t, gh->snippet == NULL);
        CHECK_STR(t, key->rule->id, "SEC017");
        CHECK_INT(t, key->line, 2);
        CHECK_INT(t, key->end_line, 7);
        CHECK_INT(t, key->end_col, (int)strlen(strrchr(pem.text, '\n') + 1) + 1);
        CHECK_INT(t, bad->confidence, CONF_LOW);
        for (size_t i = 0; i < list.n; i++) CHECK(t, strstr(list.items[i].message, tok + 4) == NULL);
    }
    finding_list_free(&list);
}

/* ---- Spans ---- */

static void test_span_positions_and_context(UnitContext *t)
{
    Rng r = rng_make(0x55);
    Sample s = {"", 0, 0};
    gen_npm(&r, &s);
    char text[1100];
    snprintf(text, sizeof text, "first line\n  then %s here", s.text);
    Found found = {0};
    secrets_scan_span(scanner, workspace, text, strlen(text), 10, 5, NULL, collect, &found);
    expect_one(t, __LINE__, found, SECRET_DET_NPM_TOKEN, 11, 8, s.text, 40);

    Sample pw = {"", 0, 0};
    gen_password(&r, &pw);
    SecretContext named = {SECRET_SPAN_STRING, "db_password", 11};
    found = (Found){0};
    secrets_scan_span(scanner, workspace, pw.text, strlen(pw.text), 4, 17, &named, collect, &found);
    expect_one(t, __LINE__, found, SECRET_DET_GENERIC_SECRET, 4, 17, pw.text, strlen(pw.text));

    SecretContext unnamed = {SECRET_SPAN_STRING, "greeting", 8};
    found = (Found){0};
    secrets_scan_span(scanner, workspace, pw.text, strlen(pw.text), 4, 17, &unnamed, collect, &found);
    CHECK_INT(t, found.n, 0);

    /* a comment's "name" is ignored: comments have no assignment target */
    SecretContext comment = {SECRET_SPAN_COMMENT, "password", 8};
    found = (Found){0};
    secrets_scan_span(scanner, workspace, pw.text, strlen(pw.text), 4, 17, &comment, collect, &found);
    CHECK_INT(t, found.n, 0);

    /* ...but an assignment written inside a comment is found */
    char line[1100];
    snprintf(line, sizeof line, "# password=%s", pw.text);
    found = (Found){0};
    secrets_scan_span(scanner, workspace, line, strlen(line), 2, 1, &comment, collect, &found);
    expect_one(t, __LINE__, found, SECRET_DET_GENERIC_SECRET, 2, 12, pw.text, strlen(pw.text));

    SecretContext aws = {SECRET_SPAN_STRING, "AWS_SECRET_ACCESS_KEY", 21};
    char key[48] = "";
    put_random(&r, key, B64, 40);
    found = (Found){0};
    secrets_scan_span(scanner, workspace, key, 40, 1, 1, &aws, collect, &found);
    expect_one(t, __LINE__, found, SECRET_DET_AWS_SECRET_KEY, 1, 1, key, 40);
}

static void test_empty_inputs(UnitContext *t)
{
    Found found = {0};
    CHECK_INT(t, secrets_scan_span(scanner, workspace, NULL, 0, 1, 1, NULL, collect, &found), 0);
    CHECK_INT(t, secrets_scan_span(scanner, workspace, "", 0, 1, 1, NULL, collect, &found), 0);
    int n = -1;
    CHECK_INT(t, secrets_scan_text_as(scanner, workspace, SECRET_FILE_ENV, NULL, 0, collect, &found, &n),
              SECRET_FILE_SCANNED);
    CHECK_INT(t, n, 0);
    CHECK_INT(t, found.n, 0);
}

static void test_findings_in_offset_order(UnitContext *t)
{
    Rng r = rng_make(0x66);
    Sample a = {"", 0, 0}, b = {"", 0, 0}, c = {"", 0, 0};
    gen_hf(&r, &a);
    gen_stripe(&r, &b);
    gen_google(&r, &c);
    char buf[3200];
    snprintf(buf, sizeof buf, "a = \"%s\"; b = \"%s\"\n\nc = \"%s\"\n", a.text, b.text, c.text);
    Found f = scan_py(buf);
    CHECK_INT(t, f.n, 3);
    if (f.n != 3) return;
    CHECK_INT(t, f.f[0].detector, SECRET_DET_HUGGINGFACE_TOKEN);
    CHECK_INT(t, f.f[1].detector, SECRET_DET_STRIPE_KEY);
    CHECK_INT(t, f.f[2].detector, SECRET_DET_GOOGLE_API_KEY);
    CHECK_INT(t, f.f[1].line, 1);
    CHECK_INT(t, f.f[1].col, (int)(strstr(buf, b.text) - buf) + 1);
    CHECK_INT(t, f.f[2].line, 3);
    CHECK_INT(t, f.f[2].col, 6);
    CHECK(t, f.f[0].offset < f.f[1].offset && f.f[1].offset < f.f[2].offset);
}

/* ---- Building blocks ---- */

static void test_entropy(UnitContext *t)
{
    CHECK(t, secrets_shannon_entropy("", 0) == 0.0);
    CHECK(t, secrets_shannon_entropy("aaaaaaaa", 8) == 0.0);
    CHECK(t, secrets_shannon_entropy("abababab", 8) == 1.0);
    CHECK(t, secrets_shannon_entropy("abcd", 4) == 2.0);
    CHECK(t, secrets_shannon_entropy("0123456789abcdef", 16) == 4.0);
    char all[256];
    for (int i = 0; i < 256; i++) all[i] = (char)i;
    CHECK(t, secrets_shannon_entropy(all, 256) == 8.0);
    double e = secrets_shannon_entropy("aab", 3);   /* -(2/3 log2 2/3 + 1/3 log2 1/3) = 0.918... */
    CHECK(t, e > 0.9182 && e < 0.9184);
    CHECK(t, secrets_entropy_threshold(8) > 2.19 && secrets_entropy_threshold(8) < 2.21);
    CHECK(t, secrets_entropy_threshold(14) == 3.0);
    CHECK(t, secrets_entropy_threshold(40) == 3.0);
}

static void test_redaction(UnitContext *t)
{
    char out[SECRET_REDACTED_MAX];
    secrets_redact("ghp_abcdefghijklmnopqrstuvwxyz0123456789", 40, out, sizeof out);
    CHECK_STR(t, out, "ghp_\xE2\x80\xA6(40 chars)");
    secrets_redact("0123456789abcdef", 16, out, sizeof out);
    CHECK_STR(t, out, "0123\xE2\x80\xA6(16 chars)");
    secrets_redact("0123456789abcde", 15, out, sizeof out);
    CHECK_STR(t, out, "012\xE2\x80\xA6(15 chars)");
    secrets_redact("hunter22", 8, out, sizeof out);
    CHECK_STR(t, out, "hu\xE2\x80\xA6(8 chars)");
    secrets_redact("abc", 3, out, sizeof out);
    CHECK_STR(t, out, "\xE2\x80\xA6(3 chars)");
    secrets_redact("", 0, out, sizeof out);
    CHECK_STR(t, out, "\xE2\x80\xA6(0 chars)");
    /* control bytes and multi-byte characters are never shown */
    secrets_redact("\x1b[31mabcdefghijklmnop", 20, out, sizeof out);
    CHECK_STR(t, out, "\xE2\x80\xA6(20 chars)");
    secrets_redact("p\xC3\xA4ssw\xC3\xB6rdXYZ123456789", 23, out, sizeof out);
    CHECK_STR(t, out, "p\xE2\x80\xA6(21 chars)");
    /* a tiny buffer truncates, never overflows */
    char tiny[6];
    secrets_redact("ghp_abcdefghijklmnopqrstuvwxyz0123456789", 40, tiny, sizeof tiny);
    CHECK_INT(t, strlen(tiny), 5);
}

static void test_value_verdicts(UnitContext *t)
{
    static const struct {
        const char *v;
        SecretValueVerdict want;
    } cases[] = {
        {"Xk9#mQ2vLp7", SECRET_VALUE_OK},
        {"Sup3rS3cr3t!", SECRET_VALUE_OK},
        {"p4ssw0rd", SECRET_VALUE_OK},
        {"x7", SECRET_VALUE_TOO_SHORT},
        {"a b c d e f", SECRET_VALUE_WHITESPACE},
        {"<db-password>", SECRET_VALUE_PLACEHOLDER},
        {"xxxxxxxxxxx", SECRET_VALUE_PLACEHOLDER},
        {"***********", SECRET_VALUE_PLACEHOLDER},
        {"your_api_key_here", SECRET_VALUE_PLACEHOLDER},
        {"YOUR-TOKEN-123", SECRET_VALUE_PLACEHOLDER},
        {"put-key-here-1", SECRET_VALUE_PLACEHOLDER},
        {"example123!", SECRET_VALUE_PLACEHOLDER},
        {"Dummy-Pass-1", SECRET_VALUE_PLACEHOLDER},
        {"CHANGEME-9", SECRET_VALUE_PLACEHOLDER},
        {"testing-4321", SECRET_VALUE_PLACEHOLDER},
        {"my_sample_9x", SECRET_VALUE_PLACEHOLDER},
        {"fake_token_77", SECRET_VALUE_PLACEHOLDER},
        {"${SECRET_KEY}", SECRET_VALUE_TEMPLATE},
        {"$SECRET_KEY1", SECRET_VALUE_TEMPLATE},
        {"%(password)s", SECRET_VALUE_TEMPLATE},
        {"{password}abc", SECRET_VALUE_TEMPLATE},
        {"{{ vault.pw }}", SECRET_VALUE_WHITESPACE},
        {"{{vault.pw}}", SECRET_VALUE_TEMPLATE},
        {"%PASSWORD_1%", SECRET_VALUE_TEMPLATE},
        {"123e4567-e89b-12d3-a456-426614174000", SECRET_VALUE_UUID},
        {"sha256:9f86d081884c7d659a2feaa0c55ad015", SECRET_VALUE_DIGEST},
        {"/etc/app/db_password", SECRET_VALUE_PATH},
        {"~/keys/id_rsa", SECRET_VALUE_PATH},
        {"keys/prod/signing.pem", SECRET_VALUE_PATH},
        {"https://example.org/token", SECRET_VALUE_URL},
        {"correcthorsebatterystaple", SECRET_VALUE_WORDS},
        {"challengeWord", SECRET_VALUE_WORDS},
        {"Proxy-Connection", SECRET_VALUE_WORDS},
        {"subject_token_0", SECRET_VALUE_PLACEHOLDER},
        {"P4ssword-2024", SECRET_VALUE_OK},
        {"Password01", SECRET_VALUE_PLACEHOLDER},
        {"run.googleapis.com/secrets", SECRET_VALUE_PLACEHOLDER},
        {"oauth2client:x#ns", SECRET_VALUE_PLACEHOLDER},
        {"list[V1ObjectReference]", SECRET_VALUE_PATTERN},
        {"Jobs[-1].JobId", SECRET_VALUE_PATTERN},
        /* base64 of "username:password", of 32 digits, of "aaaaaaaaaaaa" */
        {"dXNlcm5hbWU6cGFzc3dvcmQ=", SECRET_VALUE_PLACEHOLDER},
        {"MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI=", SECRET_VALUE_WORDS},
        {"YWFhYWFhYWFhYWFh", SECRET_VALUE_WORDS},
        /* base64 of bytes that are not text stays a candidate */
        {"q83vEjRWeJq8", SECRET_VALUE_OK},
        {"users.Member", SECRET_VALUE_WORDS},
        {"django.contrib.admin.Site", SECRET_VALUE_WORDS},
        {"[0-9@#.,E+]", SECRET_VALUE_PATTERN},
        {"[A-Z]\\w*[x1]", SECRET_VALUE_PATTERN},
        {"(?:(?:\\^[x]?)?[^\"])+", SECRET_VALUE_PATTERN},
        {"key-%s-%d", SECRET_VALUE_PATTERN},
        {"ACCESS_KEY_NAME", SECRET_VALUE_WORDS},
        {"storage_v1_client", SECRET_VALUE_WORDS},
        {"APP_V2_CLIENT", SECRET_VALUE_WORDS},
        {"x9_q7_z1_k8", SECRET_VALUE_OK},
        {"storage_V1_client", SECRET_VALUE_OK},
        {"bar@google.com", SECRET_VALUE_URL},
        {"x9.y-z+tag@mail.example.org", SECRET_VALUE_URL},
        {"p@ss#w0rd-Xy", SECRET_VALUE_OK},
        {"dXNlcm5hbWU6", SECRET_VALUE_PLACEHOLDER},
        {"dXNlcjo=", SECRET_VALUE_TOO_SHORT},   /* "user:" */
        {"Metrics-.+", SECRET_VALUE_PATTERN},
        {"2718281828459", SECRET_VALUE_WORDS},
        {"abcdefghijkl", SECRET_VALUE_WORDS},
        {"aBcDeFgHiJkL", SECRET_VALUE_WORDS},
        {"uvwxyz012345", SECRET_VALUE_SEQUENTIAL},
        {"1234567890qwe", SECRET_VALUE_SEQUENTIAL},
        {"1234567890", SECRET_VALUE_WORDS},
        {"Qwertyuiop", SECRET_VALUE_WORDS},
        {"aAaAaAaAaAaA", SECRET_VALUE_WORDS},
        {"a1a1a1a1a1a1", SECRET_VALUE_LOW_ENTROPY},
        {"#1#1#1#1#1#1", SECRET_VALUE_LOW_ENTROPY},
        {"Ab1Ab1Ab1Ab1Ab1Ab1", SECRET_VALUE_LOW_ENTROPY},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        SecretValueVerdict got = secrets_check_value(cases[i].v, strlen(cases[i].v));
        if (got != cases[i].want) {
            char msg[200];
            snprintf(msg, sizeof msg, "%s: got %s, want %s", cases[i].v, secrets_value_verdict_name(got),
                     secrets_value_verdict_name(cases[i].want));
            unit_fail(t, __FILE__, __LINE__, msg);
        }
    }
    char long_value[600];
    memset(long_value, 'a', sizeof long_value);
    CHECK_INT(t, secrets_check_value(long_value, sizeof long_value), SECRET_VALUE_TOO_LONG);
}

static void test_placeholder_filter_for_urls(UnitContext *t)
{
    static const char *const yes[] = {"password", "PASS", "pwd", "****", "<pw>", "${PW}", "$PW", "{pw}",
                                      "%(pw)s", "xxx", "changeme", "your-pw", ""};
    static const char *const no[] = {"hunter2", "s3cr3t!", "Zr8kq2LmNx"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) CHECK(t, secrets_is_placeholder(yes[i], strlen(yes[i])));
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) CHECK(t, !secrets_is_placeholder(no[i], strlen(no[i])));
}

static void test_name_classes(UnitContext *t)
{
    static const struct {
        const char *name;
        SecretNameClass want;
    } cases[] = {
        {"password", SECRET_NAME_SECRET},         {"DB_PASSWORD", SECRET_NAME_SECRET},
        {"dbPassword", SECRET_NAME_SECRET},       {"DBPASSWORD", SECRET_NAME_SECRET},
        {"passwd", SECRET_NAME_SECRET},           {"pwd", SECRET_NAME_SECRET},
        {"db_pass", SECRET_NAME_SECRET},          {"secret", SECRET_NAME_SECRET},
        {"clientSecret", SECRET_NAME_SECRET},     {"SECRET_KEY", SECRET_NAME_SECRET},
        {"token", SECRET_NAME_SECRET},            {"githubToken", SECRET_NAME_SECRET},
        {"api_key", SECRET_NAME_SECRET},          {"apiKey", SECRET_NAME_SECRET},
        {"APIKey", SECRET_NAME_SECRET},           {"x-api-key", SECRET_NAME_SECRET},
        {"apikey", SECRET_NAME_SECRET},           {"access_key", SECRET_NAME_SECRET},
        {"auth", SECRET_NAME_SECRET},             {"AUTH_TOKEN", SECRET_NAME_SECRET},
        {"Authorization", SECRET_NAME_SECRET},    {"authorization_url", SECRET_NAME_NONE},
        {"self.password", SECRET_NAME_SECRET},    {"--password", SECRET_NAME_SECRET},
        {"credentials", SECRET_NAME_SECRET},      {"private_key", SECRET_NAME_SECRET},
        {"aws_secret_access_key", SECRET_NAME_AWS_SECRET},
        {"AWS_SECRET_KEY", SECRET_NAME_AWS_SECRET},
        {"secretAccessKey", SECRET_NAME_AWS_SECRET},
        {"author", SECRET_NAME_NONE},             {"authority", SECRET_NAME_NONE},
        {"tokenizer", SECRET_NAME_NONE},          {"secretary", SECRET_NAME_NONE},
        {"passenger", SECRET_NAME_NONE},          {"compass", SECRET_NAME_NONE},
        {"bypass", SECRET_NAME_NONE},             {"key", SECRET_NAME_NONE},
        {"public_key", SECRET_NAME_NONE},         {"token_url", SECRET_NAME_NONE},
        {"password_field", SECRET_NAME_NONE},     {"SECRET_KEY_FILE", SECRET_NAME_NONE},
        {"secret_name", SECRET_NAME_NONE},        {"auth_type", SECRET_NAME_NONE},
        {"passwordHash", SECRET_NAME_NONE},       {"token_id", SECRET_NAME_NONE},
        {"", SECRET_NAME_NONE},                   {"aws_access_key_id", SECRET_NAME_NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        SecretNameClass got = secrets_classify_name(cases[i].name, strlen(cases[i].name));
        if (got != cases[i].want) {
            char msg[200];
            snprintf(msg, sizeof msg, "%s: got %d, want %d", cases[i].name, (int)got, (int)cases[i].want);
            unit_fail(t, __FILE__, __LINE__, msg);
        }
    }
}

/* ---- Files ---- */

static void test_file_kinds(UnitContext *t)
{
    static const struct {
        const char *path;
        SecretFileKind want;
    } cases[] = {
        {"app/settings.py", SECRET_FILE_PYTHON},  {"stubs/x.pyi", SECRET_FILE_PYTHON},
        {".env", SECRET_FILE_ENV},                {"deploy/.env.production", SECRET_FILE_ENV},
        {"prod.env", SECRET_FILE_ENV},            {"setup.cfg", SECRET_FILE_INI},
        {"tox.ini", SECRET_FILE_INI},             {"nginx.conf", SECRET_FILE_INI},
        {"home/.pypirc", SECRET_FILE_INI},        {".npmrc", SECRET_FILE_INI},
        {"pyproject.toml", SECRET_FILE_TOML},     {"ci/deploy.YAML", SECRET_FILE_YAML},
        {".github/workflows/ci.yml", SECRET_FILE_YAML},
        {"config.json", SECRET_FILE_JSON},        {"Dockerfile", SECRET_FILE_DOCKERFILE},
        {"docker/Dockerfile.dev", SECRET_FILE_DOCKERFILE},
        {"Containerfile", SECRET_FILE_DOCKERFILE},
        {"build.dockerfile", SECRET_FILE_DOCKERFILE},
        {"scripts/deploy.sh", SECRET_FILE_SHELL}, {"x.bash", SECRET_FILE_SHELL},
        {"poetry.lock", SECRET_FILE_LOCK},        {"sub/Pipfile.lock", SECRET_FILE_LOCK},
        {"package-lock.json", SECRET_FILE_LOCK},  {"uv.lock", SECRET_FILE_LOCK},
        {"pdm.lock", SECRET_FILE_LOCK},           {"yarn.lock", SECRET_FILE_LOCK},
        {"pnpm-lock.yaml", SECRET_FILE_LOCK},     {"pylock.toml", SECRET_FILE_LOCK},
        {"pylock.dev.toml", SECRET_FILE_LOCK},    {"README.md", SECRET_FILE_OTHER},
        {"logo.png", SECRET_FILE_OTHER},          {"requirements.txt", SECRET_FILE_OTHER},
        {"Makefile", SECRET_FILE_OTHER},          {"environment", SECRET_FILE_OTHER},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        SecretFileKind got = secrets_file_kind(cases[i].path);
        if (got != cases[i].want) {
            char msg[200];
            snprintf(msg, sizeof msg, "%s: got %s, want %s", cases[i].path, secrets_file_kind_name(got),
                     secrets_file_kind_name(cases[i].want));
            unit_fail(t, __FILE__, __LINE__, msg);
        }
    }
}

static void test_file_skips(UnitContext *t)
{
    Rng r = rng_make(0x3);
    Sample s = {"", 0, 0};
    gen_github(&r, &s);
    char buf[1100];
    snprintf(buf, sizeof buf, "token = \"%s\"\n", s.text);
    size_t len = strlen(buf);
    Found found = {0};
    int n = -1;
    CHECK_INT(t, secrets_scan_text_file(scanner, workspace, "poetry.lock", buf, len, collect, &found, &n),
              SECRET_FILE_SKIPPED_LOCK);
    CHECK_INT(t, secrets_scan_text_file(scanner, workspace, "notes.txt", buf, len, collect, &found, &n),
              SECRET_FILE_SKIPPED_KIND);
    CHECK_INT(t, secrets_scan_text_file(scanner, workspace, NULL, buf, len, collect, &found, &n),
              SECRET_FILE_SKIPPED_KIND);
    CHECK_INT(t, found.n, 0);
    CHECK_INT(t, n, 0);
    CHECK_INT(t, secrets_scan_text_file(scanner, workspace, "a/b/app.py", buf, len, collect, &found, &n),
              SECRET_FILE_SCANNED);
    CHECK_INT(t, found.n, 1);
    CHECK_INT(t, n, 1);
    /* the explicit path: any kind but LOCK, never binary */
    found.n = 0;
    CHECK_INT(t, secrets_scan_text_as(scanner, workspace, SECRET_FILE_OTHER, buf, len, collect, &found, NULL),
              SECRET_FILE_SCANNED);
    CHECK_INT(t, found.n, 1);
    CHECK_INT(t, secrets_scan_text_as(scanner, workspace, SECRET_FILE_LOCK, buf, len, collect, &found, NULL),
              SECRET_FILE_SKIPPED_LOCK);
    buf[3] = '\0';
    found.n = 0;
    CHECK_INT(t, secrets_scan_text_file(scanner, workspace, "x.env", buf, len, collect, &found, NULL),
              SECRET_FILE_SKIPPED_BINARY);
    CHECK_INT(t, found.n, 0);
    CHECK(t, strstr(secrets_file_status_reason(SECRET_FILE_SKIPPED_LOCK), "lock") != NULL);
    CHECK(t, strstr(secrets_file_status_reason(SECRET_FILE_SKIPPED_BINARY), "binary") != NULL);
}

static void test_binary_heuristic(UnitContext *t)
{
    CHECK(t, !secrets_text_is_binary("", 0));
    CHECK(t, !secrets_text_is_binary(NULL, 0));
    CHECK(t, !secrets_text_is_binary("plain ascii\n", 12));
    CHECK(t, !secrets_text_is_binary("caf\xC3\xA9 na\xC3\xAFve \xE2\x82\xAC\n", 17));
    CHECK(t, secrets_text_is_binary("ab\0cd", 5));
    /* one Latin-1 byte in 200 is under 1%: still text */
    char latin[200];
    memset(latin, 'a', sizeof latin);
    latin[50] = (char)0xE9;
    CHECK(t, !secrets_text_is_binary(latin, sizeof latin));
    for (int i = 0; i < 10; i++) latin[i * 13] = (char)0xFF;
    CHECK(t, secrets_text_is_binary(latin, sizeof latin));
    /* overlong encodings and surrogates are invalid */
    char bad[100];
    memset(bad, 'a', sizeof bad);
    memcpy(bad, "\xC0\xAF\xED\xA0\x80", 5);
    CHECK(t, secrets_text_is_binary(bad, sizeof bad));
}

static void test_detector_table(UnitContext *t)
{
    for (int i = 0; i < SECRET_DETECTOR_COUNT; i++) {
        const SecretDetectorInfo *info = secrets_detector_info((SecretDetectorId)i);
        char want[16];
        snprintf(want, sizeof want, "SEC%03d", i + 1);
        CHECK_STR(t, info->id, want);
        CHECK_INT(t, info->cwe, 798);
        CHECK(t, info->name && info->name[0] && info->description && info->description[0]);
        CHECK(t, info->fix && info->fix[0] && info->example && info->example[0]);
        /* the same row in the rule registry */
        const RuleInfo *rule = registry_find(info->id);
        CHECK(t, rule != NULL);
        if (!rule) continue;
        CHECK_STR(t, rule->name, info->name);
        CHECK_INT(t, rule->cwe, 798);
        CHECK_INT(t, rule->severity, info->severity == SECRET_LEVEL_HIGH ? SEV_HIGH
                                     : info->severity == SECRET_LEVEL_MEDIUM ? SEV_MEDIUM : SEV_LOW);
        CHECK_INT(t, rule->confidence, info->confidence == SECRET_LEVEL_HIGH ? CONF_HIGH
                                       : info->confidence == SECRET_LEVEL_MEDIUM ? CONF_MEDIUM : CONF_LOW);
        CHECK(t, registry_rule_matches(rule, "SEC"));
    }
    CHECK(t, secrets_detector_info(SECRET_DETECTOR_COUNT) == NULL);
    CHECK_STR(t, secrets_level_name(SECRET_LEVEL_HIGH), "high");
}

/* One scanner shared by threads, one workspace each: every thread must see
 * exactly what a lone scan sees. */
typedef struct ThreadJob {
    const char *text;
    const Found *want;
    int mismatches;
} ThreadJob;

static bool same_findings(const Found *a, const Found *b)
{
    if (a->n != b->n) return false;
    for (int i = 0; i < a->n && i < FOUND_MAX; i++) {
        const SecretFinding *x = &a->f[i], *y = &b->f[i];
        if (x->detector != y->detector || x->line != y->line || x->col != y->col || x->offset != y->offset ||
            x->len != y->len || strcmp(x->redacted, y->redacted) != 0)
            return false;
    }
    return true;
}

static void *thread_scan(void *arg)
{
    ThreadJob *job = arg;
    SecretWorkspace *ws = secrets_workspace_new();
    for (int round = 0; round < 50; round++) {
        Found got = {0};
        secrets_scan_span(scanner, ws, job->text, strlen(job->text), 1, 1, NULL, collect, &got);
        if (!same_findings(&got, job->want)) job->mismatches++;
    }
    secrets_workspace_free(ws);
    return NULL;
}

static void test_threads_share_a_scanner(UnitContext *t)
{
    Rng r = rng_make(0x7777);
    static char text[16384];
    text[0] = '\0';
    for (size_t d = 0; d < sizeof detector_cases / sizeof detector_cases[0]; d++) {
        Sample s = {"", 0, 0};
        detector_cases[d].gen(&r, &s);
        strcat(text, "x = \"");
        strcat(text, s.text);
        strcat(text, "\"\npassword = ");
        gen_password(&r, &s);
        strcat(text, s.text);
        strcat(text, "\n");
    }
    Found want = {0};
    secrets_scan_span(scanner, workspace, text, strlen(text), 1, 1, NULL, collect, &want);
    CHECK_INT(t, want.n, 2 * (int)(sizeof detector_cases / sizeof detector_cases[0]));
    enum { THREADS = 4 };
    pthread_t tid[THREADS];
    ThreadJob jobs[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (ThreadJob){text, &want, 0};
        CHECK(t, pthread_create(&tid[i], NULL, thread_scan, &jobs[i]) == 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(tid[i], NULL);
        CHECK_INT(t, jobs[i].mismatches, 0);
    }
}

/* Inputs built to make a careless scanner quadratic: every piece starts a
 * candidate whose value runs to the end of a one-megabyte line. */
static void test_pathological_inputs_stay_linear(UnitContext *t)
{
    static const char *const pieces[] = {"password=\"", "password=", "password: ", "x://u:", "eyJhbGciOiJub25lIn0.",
                                         "-----BEGIN PRIVATE KEY-----", "token: str ", "AKIA", "ENV TOKEN "};
    enum { SIZE = 1 << 20 };
    char *buf = malloc(SIZE + 1);
    if (!buf) return;
    clock_t start = clock();
    for (size_t p = 0; p < sizeof pieces / sizeof pieces[0]; p++) {
        size_t n = strlen(pieces[p]), len = 0;
        while (len + n <= SIZE) memcpy(buf + len, pieces[p], n), len += n;
        buf[len] = '\0';
        Found found = {0};
        secrets_scan_span(scanner, workspace, buf, len, 1, 1, NULL, collect, &found);
        static const SecretFileKind kinds[] = {SECRET_FILE_PYTHON, SECRET_FILE_ENV, SECRET_FILE_YAML,
                                               SECRET_FILE_DOCKERFILE};
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
            secrets_scan_text_as(scanner, workspace, kinds[k], buf, len, collect, &found, NULL);
    }
    double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
    free(buf);
    /* linear: a second or two here, several under ASan; quadratic: hours */
    CHECK(t, seconds < 20.0);
}

/* Random fragments that excite every prefix rule: no crash (run under
 * ASan), findings inside the text, positions consistent with offsets. */
static void test_random_fragments(UnitContext *t)
{
    static const char *const bits[] = {
        "ghp_", "AKIA", "AIza", "github_pat_", "glpat-", "xoxb-", "hooks.slack.com/services/", "sk_live_",
        "SK", "SG.", "pypi-AgEIcHlwaS5vcmc", "npm_", "hf_", "sk-proj-", "T3BlbkFJ", "eyJ", ".", "-----BEGIN ",
        "PRIVATE KEY-----", "-----END", "://", "@", ":", "=", "\"", "'", "\n", " ", "password", "token",
        "${", "\\", "\xC3", "\xA9", "0123456789", "abcdefABCDEF", "AAAAAAAAAAAAAAAA", "-", "_",
    };
    Rng r = rng_make(0xF00D);
    char buf[4096];
    for (int round = 0; round < 400 && !t->failed; round++) {
        size_t len = 0;
        while (len < sizeof buf - 64) {
            const char *b = bits[rng_next(&r) % (sizeof bits / sizeof bits[0])];
            size_t n = strlen(b);
            memcpy(buf + len, b, n);
            len += n;
            if (rng_next(&r) % 3 == 0) {
                buf[len] = '\0';
                size_t k = rng_next(&r) % 40;
                put_random(&r, buf + len, URLSAFE, k);
                len += k;
            }
        }
        Found found = {0};
        int n = secrets_scan_span(scanner, workspace, buf, len, 1, 1, NULL, collect, &found);
        CHECK_INT(t, n, found.n);
        for (int i = 0; i < found.n && i < FOUND_MAX; i++) {
            const SecretFinding *f = &found.f[i];
            CHECK(t, f->offset + f->len <= len && f->len > 0);
            int line = 1;
            size_t line_start = 0;
            for (size_t k = 0; k < f->offset; k++)
                if (buf[k] == '\n') line++, line_start = k + 1;
            CHECK_INT(t, f->line, line);
            CHECK_INT(t, f->col, (int)(f->offset - line_start) + 1);
            CHECK(t, i == 0 || found.f[i - 1].offset <= f->offset);
        }
    }
}

int main(int argc, char **argv)
{
    const char *env = getenv("KRAIT_SEED");
    if (env && *env) seed = strtoull(env, NULL, 0);
    KraitError err;
    if (secrets_scanner_new(&scanner, &err) < 0) {
        printf("FAIL scanner_new: %s\n", err.message);
        return 1;
    }
    workspace = secrets_workspace_new();
    static const UnitTest tests[] = {
        {"detectors_fire_in_every_context", test_detectors_fire_in_every_context},
        {"lookalikes_stay_silent", test_lookalikes_stay_silent},
        {"jwt_known_vector", test_jwt_known_vector},
        {"generic_python_forms", test_generic_python_forms},
        {"generic_config_forms", test_generic_config_forms},
        {"generic_rejections", test_generic_rejections},
        {"generic_python_needs_quotes", test_generic_python_needs_quotes},
        {"dockerfile_env_space_form", test_dockerfile_env_space_form},
        {"yaml_indicators", test_yaml_indicators},
        {"specific_wins_over_generic", test_specific_wins_over_generic},
        {"aws_secret_key", test_aws_secret_key},
        {"github_checksum", test_github_checksum},
        {"report_findings", test_report_findings},
        {"span_positions_and_context", test_span_positions_and_context},
        {"empty_inputs", test_empty_inputs},
        {"findings_in_offset_order", test_findings_in_offset_order},
        {"entropy", test_entropy},
        {"redaction", test_redaction},
        {"value_verdicts", test_value_verdicts},
        {"placeholder_filter_for_urls", test_placeholder_filter_for_urls},
        {"name_classes", test_name_classes},
        {"file_kinds", test_file_kinds},
        {"file_skips", test_file_skips},
        {"binary_heuristic", test_binary_heuristic},
        {"detector_table", test_detector_table},
        {"threads_share_a_scanner", test_threads_share_a_scanner},
        {"pathological_inputs_stay_linear", test_pathological_inputs_stay_linear},
        {"random_fragments", test_random_fragments},
        {NULL, NULL},
    };
    int rc = unit_main(tests, argc, argv);
    secrets_workspace_free(workspace);
    secrets_scanner_free(scanner);
    return rc;
}
