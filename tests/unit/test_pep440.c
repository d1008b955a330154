/* test_pep440.c - PEP 440 versions and specifiers.
 *
 * Without arguments: the unit tests below. Two harness modes serve the
 * differential suites:
 *   test_pep440 --vectors VECTORS.json READING.txt
 *       checks every record of ../shared/pep440/vectors.json (one PASS/FAIL
 *       line per record kind); READING.txt lists the flagged records whose
 *       expectation differs under krait's reading of PEP 440.
 *   test_pep440 --compare FILE
 *       answers queries for tests/diff/packaging-oracle.test, one per line:
 *       "N<TAB>v" -> canonical form or "invalid";
 *       "O<TAB>a<TAB>b" -> -1/0/1;
 *       "C<TAB>set<TAB>v<TAB>pre" -> 1/0 (pre: auto|allow|exclude) or "invalid". */
#include "unit.h"

#include "deps/pep440.h"

#include <jansson.h>
#include <stdlib.h>

static int parse(const char *s, Pep440Version *v)
{
    KraitError err;
    return pep440_parse(s, strlen(s), v, &err);
}

static const char *canon(const char *s, char *buf, size_t size)
{
    Pep440Version v;
    if (parse(s, &v) < 0) return "(invalid)";
    pep440_format(&v, buf, size);
    return buf;
}

static int cmp(const char *a, const char *b)
{
    Pep440Version va, vb;
    if (parse(a, &va) < 0 || parse(b, &vb) < 0) return 99;
    return pep440_compare(&va, &vb);
}

/* contains() on a freshly parsed set; -1 when the set does not parse. */
static int set_contains(const char *set_text, const char *cand, Pep440Pre call, bool installed)
{
    Arena arena;
    arena_init(&arena);
    Pep440SpecSet set;
    KraitError err;
    int r = -1;
    if (pep440_specset_parse(set_text, strlen(set_text), &arena, &set, &err) == 0)
        r = pep440_specset_contains(&set, cand, strlen(cand), call, installed);
    arena_free(&arena);
    return r;
}

static void test_normalize(UnitContext *t)
{
    static const char *cases[][2] = {
        {"1.0", "1.0"}, {"v1.0", "1.0"}, {"V1.0", "1.0"}, {"  1.0\n", "1.0"},
        {"1.0ALPHA1", "1.0a1"}, {"1.0-beta.2", "1.0b2"}, {"1.0c1", "1.0rc1"},
        {"1.0pre3", "1.0rc3"}, {"1.0preview_4", "1.0rc4"}, {"1.0a", "1.0a0"},
        {"1.0-1", "1.0.post1"}, {"1.0rev2", "1.0.post2"}, {"1.0-r", "1.0.post0"},
        {"1.0.post", "1.0.post0"}, {"1.0dev", "1.0.dev0"}, {"1.0_DEV-3", "1.0.dev3"},
        {"1!01.02.003", "1!1.2.3"}, {"0!1.0", "1.0"}, {"1.0+Ubuntu-1_2", "1.0+ubuntu.1.2"},
        {"1.0+007", "1.0+7"}, {"1.0a1.post2.dev3+x", "1.0a1.post2.dev3+x"},
        {"1.0a.", "1.0a0"},
    };
    char buf[PEP440_VERSION_STR_MAX];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_STR(t, canon(cases[i][0], buf, sizeof buf), cases[i][1]);
}

static void test_invalid_with_column(UnitContext *t)
{
    static const struct { const char *text; int col; const char *why; } cases[] = {
        {"", 1, "expected a digit"}, {"1..0", 2, "unexpected text"}, {"1.0+", 5, "letter or digit"},
        {"1.0 a1", 5, "unexpected text"}, {"1.0+a..b", 7, "letter or digit"},
        {"1.0\xc4\xb0", 4, "byte 0xc4"}, {"abc", 1, "expected a digit"},
        {"1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19.20.21.22.23.24.25", 0, "too many release components"},
        {"1.99999999999999999999", 3, "number too large"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Pep440Version v;
        KraitError err;
        error_clear(&err);
        CHECK_INT(t, pep440_parse(cases[i].text, strlen(cases[i].text), &v, &err), -1);
        if (cases[i].col) CHECK_INT(t, err.col, cases[i].col);
        CHECK(t, strstr(err.message, cases[i].why) != NULL);
    }
}

static void test_limits_at_the_edge(UnitContext *t)
{
    char text[256] = "1";
    for (int k = 1; k < PEP440_RELEASE_MAX; k++) strcat(text, ".0");
    Pep440Version v;
    CHECK_INT(t, parse(text, &v), 0);
    CHECK_INT(t, v.n_release, PEP440_RELEASE_MAX);
    CHECK_INT(t, parse("18446744073709551615", &v), 0);
    CHECK_INT(t, parse("18446744073709551616", &v), -1);
    char local[200] = "1+";
    for (int k = 0; k < PEP440_LOCAL_MAX; k++) strcat(local, "x");
    CHECK_INT(t, parse(local, &v), 0);
    strcat(local, "x");
    CHECK_INT(t, parse(local, &v), -1);
}

static void test_order(UnitContext *t)
{
    static const char *chain[] = {
        "1.0.dev0", "1.0.dev1", "1.0a1.dev1", "1.0a1", "1.0a1.post1.dev1", "1.0a1.post1",
        "1.0b1", "1.0rc1", "1.0", "1.0+abc", "1.0+abc.5", "1.0+1", "1.0+2", "1.0+10",
        "1.0.post0.dev1", "1.0.post0", "1.0.post1", "1.0.1", "1.1.dev1", "2", "1!0.1",
    };
    size_t n = sizeof chain / sizeof chain[0];
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            int want = i < j ? -1 : i > j;
            if (cmp(chain[i], chain[j]) != want) {
                char msg[200];
                snprintf(msg, sizeof msg, "compare(%s, %s) != %d", chain[i], chain[j], want);
                unit_fail(t, __FILE__, __LINE__, msg);
            }
        }
    CHECK_INT(t, cmp("1.0", "1.0.0.0"), 0);
    CHECK_INT(t, cmp("1.0rc1", "1.0c1"), 0);
    CHECK_INT(t, cmp("1.0+01", "1.0+1"), 0);
}

static void test_properties(UnitContext *t)
{
    Pep440Version v;
    char buf[PEP440_VERSION_STR_MAX];
    CHECK_INT(t, parse("2!1.2.3rc4.post5.dev6+Local", &v), 0);
    CHECK(t, pep440_is_prerelease(&v) && pep440_is_postrelease(&v) && pep440_is_devrelease(&v));
    pep440_format_public(&v, buf, sizeof buf);
    CHECK_STR(t, buf, "2!1.2.3rc4.post5.dev6");
    pep440_format_base(&v, buf, sizeof buf);
    CHECK_STR(t, buf, "2!1.2.3");
    CHECK_INT(t, parse("1.0.post1", &v), 0);
    CHECK(t, !pep440_is_prerelease(&v));
    /* snprintf-like truncation. */
    CHECK_INT(t, parse("1.2.3", &v), 0);
    CHECK_INT(t, pep440_format(&v, buf, 3), 5);
    CHECK_STR(t, buf, "1.");
}

static void test_specifiers(UnitContext *t)
{
    static const struct { const char *set, *cand; int want; } cases[] = {
        {"==1.2.*", "1.2.9", 1}, {"==1.2.*", "1.3", 0}, {"==1.0.*", "1", 1}, {"!=1.2.*", "1.2.0", 0},
        {"==1.0", "1.0+local", 1}, {"==1.0+local", "1.0", 0}, {"==1.0+local", "1.0+LOCAL", 1},
        {"~=1.4.5", "1.4.9", 1}, {"~=1.4.5", "1.5", 0}, {"~=1.4", "1.9", 1}, {"~=1.4", "2.0", 0},
        {"<=1.0", "1.0+local", 1}, {"<1.0", "1.0+local", 0}, {">1.0", "1.0+local", 0},
        {">1.7", "1.7.1", 1}, {">1.7", "1.7.0.post1", 0}, {">1.7", "1.7.1.post1", 1},
        {">1.7a1", "1.7a1.post1", 0}, {">1.7a1", "1.7", 1}, {"<1.7", "1.6.9", 1}, {"<1.7.post1", "1.7", 1}, {">1.7.post2", "1.7.post3", 1},
        {">1.7.post2", "1.7.post2+x", 0}, {">1.0.dev1", "1.0.post0", 1},
        {"<1.0.post1", "1.0.post0", 1}, {">=1.0,!=1.5,<2", "1.5", 0}, {">=1.0,!=1.5,<2", "1.6", 1},
        {"===1.0", "1.0", 1}, {"===1.0", "1.0.0", 0}, {"===FooBar", "foobar", 1},
        {">=1.0", "not a version", 0}, {"", "3.0", 1}, {"== 1.0 , < 2", "1.0", 1},
        {">=2!1", "1!9", 0}, {"<2!1", "1!9", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int got = set_contains(cases[i].set, cases[i].cand, PEP440_PRE_AUTO, false);
        if (got != cases[i].want) {
            char msg[200];
            snprintf(msg, sizeof msg, "'%s' contains '%s': got %d", cases[i].set, cases[i].cand, got);
            unit_fail(t, __FILE__, __LINE__, msg);
        }
    }
}

/* The reading documented in pep440.h: excluded by default, allowed when
 * asked, when a clause names a pre-release, or when installed. */
static void test_prerelease_policy(UnitContext *t)
{
    CHECK_INT(t, set_contains(">=1.0", "2.0a1", PEP440_PRE_AUTO, false), 0);
    CHECK_INT(t, set_contains(">=1.0", "2.0a1", PEP440_PRE_ALLOW, false), 1);
    CHECK_INT(t, set_contains(">=1.0", "2.0a1", PEP440_PRE_AUTO, true), 1);
    CHECK_INT(t, set_contains(">=1.0", "2.0a1", PEP440_PRE_EXCLUDE, true), 1);
    CHECK_INT(t, set_contains(">=1.0b1", "2.0a1", PEP440_PRE_AUTO, false), 1);
    CHECK_INT(t, set_contains(">=1.0b1", "2.0a1", PEP440_PRE_EXCLUDE, false), 0);
    CHECK_INT(t, set_contains("!=1.0b1", "2.0a1", PEP440_PRE_AUTO, false), 0);
    CHECK_INT(t, set_contains("<1.0", "1.0rc1", PEP440_PRE_ALLOW, false), 0);
    CHECK_INT(t, set_contains("<1.0rc2", "1.0rc1", PEP440_PRE_AUTO, false), 1);
    CHECK_INT(t, set_contains("", "1.0.dev1", PEP440_PRE_AUTO, false), 0);
}

static void test_filter(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    Pep440SpecSet set;
    KraitError err;
    CHECK_INT(t, pep440_specset_parse(">=1.2.3", 7, &arena, &set, &err), 0);
    const char *mixed[] = {"1.2", "1.5a1", "1.3", "junk"};
    size_t keep[4];
    CHECK_INT(t, pep440_specset_filter(&set, mixed, 4, PEP440_PRE_AUTO, keep), 1);
    CHECK_INT(t, keep[0], 2);
    const char *only_pre[] = {"1.2", "1.5a1", "1.6b2"};
    CHECK_INT(t, pep440_specset_filter(&set, only_pre, 3, PEP440_PRE_AUTO, keep), 2);
    CHECK(t, keep[0] == 1 && keep[1] == 2);
    CHECK_INT(t, pep440_specset_filter(&set, only_pre, 3, PEP440_PRE_EXCLUDE, keep), 0);
    CHECK_INT(t, pep440_specset_filter(&set, mixed, 4, PEP440_PRE_ALLOW, keep), 2);
    arena_free(&arena);
}

static void test_spec_errors(UnitContext *t)
{
    static const struct { const char *text; int col; const char *why; } cases[] = {
        {"2.0", 1, "expected a version operator"}, {">=1.0+abc", 3, "local version label"},
        {"~=1", 3, "two release components"}, {">=1.0.*", 6, "unexpected text"},
        {">=1.0, <<2", 9, "expected a digit"}, {"==1.0.*+5", 8, "unexpected text"},
        {"== 1.0a1.*", 9, "unexpected text"},
    };
    Arena arena;
    arena_init(&arena);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Pep440SpecSet set;
        KraitError err;
        error_clear(&err);
        CHECK_INT(t, pep440_specset_parse(cases[i].text, strlen(cases[i].text), &arena, &set, &err), -1);
        CHECK_INT(t, err.col, cases[i].col);
        CHECK(t, strstr(err.message, cases[i].why) != NULL);
    }
    arena_free(&arena);
}

static void test_spec_format_and_equal(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    Pep440SpecSet set;
    KraitError err;
    char buf[128];
    const char *text = " >= 1.0 ,, != 1.5.* ,===X ";
    CHECK_INT(t, pep440_specset_parse(text, strlen(text), &arena, &set, &err), 0);
    CHECK_INT(t, set.n, 3);
    pep440_specset_format(&set, buf, sizeof buf);
    CHECK_STR(t, buf, ">=1.0,!=1.5.*,===X");
    Pep440Spec a, b;
    CHECK_INT(t, pep440_spec_parse("==2.8.0", 7, &arena, &a, &err), 0);
    CHECK_INT(t, pep440_spec_parse("==2.8", 5, &arena, &b, &err), 0);
    CHECK(t, pep440_spec_equal(&a, &b));
    /* Without an arena the text is borrowed: nothing allocated, length-bounded. */
    const char *line = " <= 3.0 ; rest";
    CHECK_INT(t, pep440_spec_parse(line, 8, NULL, &a, &err), 0);
    CHECK(t, a.text == line + 4 && a.text_len == 3);
    pep440_spec_format(&a, buf, sizeof buf);
    CHECK_STR(t, buf, "<=3.0");
    CHECK_INT(t, pep440_spec_parse("~=2.8.0", 7, &arena, &a, &err), 0);
    CHECK_INT(t, pep440_spec_parse("~=2.8", 5, &arena, &b, &err), 0);
    CHECK(t, !pep440_spec_equal(&a, &b));
    arena_free(&arena);
}

/* Deterministic xorshift: the same strings on every run. */
static unsigned long long rng_next(unsigned long long *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

/* Random strings over the characters versions are made of: whatever
 * parses must print a canonical form that parses to an equal version and
 * prints the same again; compare must be antisymmetric; nothing may crash
 * (this test also runs under ASan/UBSan). */
static void test_random_roundtrip(UnitContext *t)
{
    static const char alphabet[] = "0123456789....!+-_abcdefghilnoprstvwxyzABCPRV*  ";
    unsigned long long state = 0x9e3779b97f4a7c15ull;
    Pep440Version prev;
    bool have_prev = false;
    int parsed = 0;
    for (int n = 0; n < 20000; n++) {
        char text[40];
        size_t len = 1 + rng_next(&state) % 12;
        for (size_t k = 0; k < len; k++) text[k] = alphabet[rng_next(&state) % (sizeof alphabet - 1)];
        text[len] = '\0';
        if (n % 3 == 0) text[0] = (char)('0' + rng_next(&state) % 10);   /* more valid ones */
        Pep440Version v, again;
        KraitError err;
        if (pep440_parse(text, len, &v, &err) < 0) {
            if (err.col < 1 || err.col > (int)len + 1) unit_fail(t, __FILE__, __LINE__, "error column out of range");
            continue;
        }
        parsed++;
        char canon1[PEP440_VERSION_STR_MAX], canon2[PEP440_VERSION_STR_MAX];
        pep440_format(&v, canon1, sizeof canon1);
        if (parse(canon1, &again) < 0 || pep440_compare(&v, &again) != 0) {
            unit_fail(t, __FILE__, __LINE__, "canonical form does not parse back to an equal version");
            continue;
        }
        pep440_format(&again, canon2, sizeof canon2);
        CHECK_STR(t, canon2, canon1);
        if (have_prev && pep440_compare(&v, &prev) != -pep440_compare(&prev, &v))
            unit_fail(t, __FILE__, __LINE__, "compare is not antisymmetric");
        prev = v;
        have_prev = true;
    }
    CHECK(t, parsed > 1000);   /* the generator must exercise the valid path */
}

static void test_longest_canonical_form(UnitContext *t)
{
    char text[1024] = "18446744073709551615!";
    for (int k = 0; k < PEP440_RELEASE_MAX; k++) strcat(text, k ? ".18446744073709551615" : "18446744073709551615");
    strcat(text, "rc18446744073709551615.post18446744073709551615.dev18446744073709551615+");
    for (int k = 0; k < PEP440_LOCAL_MAX; k++) strcat(text, "x");
    Pep440Version v;
    CHECK_INT(t, parse(text, &v), 0);
    char out[PEP440_VERSION_STR_MAX];
    int n = pep440_format(&v, out, sizeof out);
    CHECK_INT(t, n, (int)strlen(text));
    CHECK(t, n < PEP440_VERSION_STR_MAX);   /* the buffer size is a true bound */
    CHECK_STR(t, out, text);
}

/* ---- --vectors ----------------------------------------------------------- */

enum { KIND_MAX = 16, FAIL_SHOWN = 8 };

typedef struct KindTally {
    const char *kind;
    int total, failed, deviations;
    char why[1024];         /* the first FAIL_SHOWN failures in detail */
    char more[8192];        /* the ids of the others */
} KindTally;

typedef struct Vectors {
    KindTally kinds[KIND_MAX];
    size_t n_kinds;
    long *dev_ids;          /* ids listed in READING.txt */
    int *dev_expected;      /* their expectation under krait's reading */
    bool *dev_seen;
    size_t n_dev;
} Vectors;

static KindTally *tally_for(Vectors *vs, const char *kind)
{
    for (size_t k = 0; k < vs->n_kinds; k++)
        if (strcmp(vs->kinds[k].kind, kind) == 0) return &vs->kinds[k];
    if (vs->n_kinds == KIND_MAX) return &vs->kinds[KIND_MAX - 1];
    KindTally *k = &vs->kinds[vs->n_kinds++];
    memset(k, 0, sizeof *k);
    k->kind = kind;
    return k;
}

static void tally_fail(KindTally *k, long id, const char *what)
{
    if (k->failed++ >= FAIL_SHOWN) {
        size_t len = strlen(k->more);
        snprintf(k->more + len, sizeof k->more - len, " #%ld", id);
        return;
    }
    size_t len = strlen(k->why);
    snprintf(k->why + len, sizeof k->why - len, "%s#%ld %s", len ? "; " : "", id, what);
    /* One line per kind: control characters from the records become '?'. */
    for (char *p = k->why + len; *p; p++)
        if ((unsigned char)*p < 0x20) *p = '?';
}

static const char *jstr(json_t *rec, const char *key)
{
    const char *s = json_string_value(json_object_get(rec, key));
    return s ? s : "";
}

/* null -> AUTO, true -> ALLOW, false -> EXCLUDE */
static Pep440Pre jpre(json_t *rec, const char *key)
{
    json_t *v = json_object_get(rec, key);
    if (!v || json_is_null(v)) return PEP440_PRE_AUTO;
    return json_is_true(v) ? PEP440_PRE_ALLOW : PEP440_PRE_EXCLUDE;
}

/* Parses a record's specifier as its api says: "Specifier" is exactly one
 * clause, "SpecifierSet" comma-separated clauses. */
static int parse_api(json_t *rec, Arena *arena, Pep440SpecSet *set)
{
    const char *text = jstr(rec, "specifier");
    KraitError err;
    if (strcmp(jstr(rec, "api"), "Specifier") == 0) {
        set->specs = ARENA_NEW(arena, Pep440Spec);
        set->n = 1;
        set->prereleases = PEP440_PRE_AUTO;
        if (pep440_spec_parse(text, strlen(text), arena, set->specs, &err) < 0) return -1;
    } else if (pep440_specset_parse(text, strlen(text), arena, set, &err) < 0) {
        return -1;
    }
    set->prereleases = jpre(rec, "spec_prereleases");
    return 0;
}

/* Krait's expected boolean: the record's, or READING.txt's for listed ids. */
static bool expected_bool(Vectors *vs, KindTally *k, json_t *rec, long id, bool recorded)
{
    for (size_t d = 0; d < vs->n_dev; d++) {
        if (vs->dev_ids[d] != id) continue;
        vs->dev_seen[d] = true;
        k->deviations++;
        return vs->dev_expected[d];
    }
    (void)rec;
    return recorded;
}

static void check_version_property(KindTally *k, json_t *rec, long id)
{
    Pep440Version v;
    const char *prop = jstr(rec, "property");
    json_t *want = json_object_get(rec, "expected");
    if (parse(jstr(rec, "version"), &v) < 0) return tally_fail(k, id, "does not parse");
    char buf[PEP440_VERSION_STR_MAX];
    json_t *got = NULL;
    static const char *const letters[] = {"", "a", "b", "rc"};
    if (strcmp(prop, "public") == 0) {
        pep440_format_public(&v, buf, sizeof buf);
        got = json_string(buf);
    } else if (strcmp(prop, "base_version") == 0) {
        pep440_format_base(&v, buf, sizeof buf);
        got = json_string(buf);
    } else if (strcmp(prop, "epoch") == 0) {
        got = json_integer((json_int_t)v.epoch);
    } else if (strcmp(prop, "release") == 0) {
        got = json_array();
        for (size_t r = 0; r < v.n_release; r++) json_array_append_new(got, json_integer((json_int_t)v.release[r]));
    } else if (strcmp(prop, "local") == 0) {
        got = v.local_len ? json_string(v.local) : json_null();
    } else if (strcmp(prop, "pre") == 0) {
        got = v.pre_kind ? json_pack("[sI]", letters[v.pre_kind], (json_int_t)v.pre) : json_null();
    } else if (strcmp(prop, "dev") == 0) {
        got = v.has_dev ? json_integer((json_int_t)v.dev) : json_null();
    } else if (strcmp(prop, "post") == 0) {
        got = v.has_post ? json_integer((json_int_t)v.post) : json_null();
    } else if (strcmp(prop, "is_prerelease") == 0) {
        got = json_boolean(pep440_is_prerelease(&v));
    } else if (strcmp(prop, "is_postrelease") == 0) {
        got = json_boolean(pep440_is_postrelease(&v));
    } else if (strcmp(prop, "is_devrelease") == 0) {
        got = json_boolean(pep440_is_devrelease(&v));
    }
    if (!got) return tally_fail(k, id, "unknown property");
    if (!json_equal(got, want)) {
        char *g = json_dumps(got, JSON_ENCODE_ANY), *w = json_dumps(want, JSON_ENCODE_ANY);
        char msg[300];
        snprintf(msg, sizeof msg, "%s of %s: got %s, want %s", prop, jstr(rec, "version"), g, w);
        tally_fail(k, id, msg);
        free(g);
        free(w);
    }
    json_decref(got);
}

static bool version_op(const char *op, int c)
{
    if (!strcmp(op, "==")) return c == 0;
    if (!strcmp(op, "!=")) return c != 0;
    if (!strcmp(op, "<")) return c < 0;
    if (!strcmp(op, "<=")) return c <= 0;
    if (!strcmp(op, ">")) return c > 0;
    return c >= 0;
}

static void check_contains(Vectors *vs, KindTally *k, json_t *rec, long id)
{
    Arena arena;
    arena_init(&arena);
    Pep440SpecSet set;
    const char *cand = jstr(rec, "version");
    bool want = expected_bool(vs, k, rec, id, json_is_true(json_object_get(rec, "expected")));
    if (parse_api(rec, &arena, &set) < 0) {
        tally_fail(k, id, "specifier does not parse");
    } else {
        bool got = pep440_specset_contains(&set, cand, strlen(cand), jpre(rec, "call_prereleases"),
                                           json_is_true(json_object_get(rec, "installed")));
        if (got != want) {
            char msg[300];
            snprintf(msg, sizeof msg, "%s '%s' contains '%s': got %d", jstr(rec, "api"), jstr(rec, "specifier"),
                     cand, got);
            tally_fail(k, id, msg);
        }
    }
    arena_free(&arena);
}

static void check_filter(KindTally *k, json_t *rec, long id)
{
    Arena arena;
    arena_init(&arena);
    Pep440SpecSet set;
    json_t *input = json_object_get(rec, "input"), *want = json_object_get(rec, "expected");
    size_t n = json_array_size(input);
    const char **cands = ARENA_ARRAY(&arena, const char *, n + 1);
    size_t *keep = ARENA_ARRAY(&arena, size_t, n + 1);
    for (size_t i = 0; i < n; i++) cands[i] = json_string_value(json_array_get(input, i));
    if (parse_api(rec, &arena, &set) < 0) {
        tally_fail(k, id, "specifier does not parse");
    } else {
        size_t kept = pep440_specset_filter(&set, cands, n, jpre(rec, "call_prereleases"), keep);
        json_t *got = json_array();
        for (size_t i = 0; i < kept; i++) json_array_append_new(got, json_string(cands[keep[i]]));
        if (!json_equal(got, want)) {
            char *g = json_dumps(got, 0);
            char msg[300];
            snprintf(msg, sizeof msg, "'%s' filter: got %s", jstr(rec, "specifier"), g);
            tally_fail(k, id, msg);
            free(g);
        }
        json_decref(got);
    }
    arena_free(&arena);
}

static void check_spec_record(KindTally *k, json_t *rec, long id, const char *kind)
{
    Arena arena;
    arena_init(&arena);
    KraitError err;
    const char *text = jstr(rec, "specifier");
    Pep440Spec spec;
    bool ok = pep440_spec_parse(text, strlen(text), &arena, &spec, &err) == 0;
    char buf[256];
    if (!strcmp(kind, "specifier_valid") && !ok) {
        snprintf(buf, sizeof buf, "'%.100s' rejected: %.120s", text, err.message);
        tally_fail(k, id, buf);
    } else if (!strcmp(kind, "specifier_invalid") && ok) {
        snprintf(buf, sizeof buf, "'%s' accepted", text);
        tally_fail(k, id, buf);
    } else if (!strcmp(kind, "specifier_parts")) {
        json_t *op = json_object_get(rec, "operator"), *ver = json_object_get(rec, "version");
        if (!ok || (op && strcmp(pep440_op_string(spec.op), json_string_value(op))) ||
            (ver && strcmp(spec.text, json_string_value(ver))))
            tally_fail(k, id, text);
    } else if (!strcmp(kind, "specifier_prereleases_flag")) {
        if (!ok || pep440_spec_implies_prereleases(&spec) != json_is_true(json_object_get(rec, "expected")))
            tally_fail(k, id, text);
    } else if (!strcmp(kind, "specifier_normalize")) {
        Pep440SpecSet set;
        if (parse_api(rec, &arena, &set) < 0) {
            tally_fail(k, id, "does not parse");
        } else {
            if (!strcmp(jstr(rec, "api"), "Specifier")) pep440_spec_format(set.specs, buf, sizeof buf);
            else pep440_specset_format(&set, buf, sizeof buf);
            if (strcmp(buf, jstr(rec, "normalized"))) tally_fail(k, id, buf);
        }
    } else if (!strcmp(kind, "specifier_equal")) {
        Pep440Spec a, b;
        const char *l = jstr(rec, "left"), *r = jstr(rec, "right");
        bool eq = pep440_spec_parse(l, strlen(l), &arena, &a, &err) == 0 &&
                  pep440_spec_parse(r, strlen(r), &arena, &b, &err) == 0 && pep440_spec_equal(&a, &b);
        if (eq != json_is_true(json_object_get(rec, "expected"))) tally_fail(k, id, l);
    }
    arena_free(&arena);
}

static void check_version_record(KindTally *k, json_t *rec, long id, const char *kind)
{
    Pep440Version v;
    char buf[PEP440_VERSION_STR_MAX], msg[300];
    const char *text = jstr(rec, "version");
    if (!strcmp(kind, "version_invalid")) {
        if (parse(text, &v) == 0) tally_fail(k, id, "accepted");
    } else if (!strcmp(kind, "version_normalize")) {
        const char *got = canon(text, buf, sizeof buf);
        if (strcmp(got, jstr(rec, "normalized"))) {
            snprintf(msg, sizeof msg, "'%.120s' -> '%.120s'", text, got);
            tally_fail(k, id, msg);
        }
    } else if (!strcmp(kind, "version_compare")) {
        int c = cmp(jstr(rec, "left"), jstr(rec, "right"));
        if (c == 99 || version_op(jstr(rec, "op"), c) != json_is_true(json_object_get(rec, "expected")))
            tally_fail(k, id, jstr(rec, "left"));
    } else if (!strcmp(kind, "version_property")) {
        check_version_property(k, rec, id);
    }
}

/* version_order: every pair of ranks orders as the ranks do. */
static void check_order(KindTally *k, json_t *records)
{
    size_t n = 0, cap = json_array_size(records);
    const char **vers = calloc(cap, sizeof *vers);
    long *ranks = calloc(cap, sizeof *ranks);
    for (size_t i = 0; i < cap; i++) {
        json_t *rec = json_array_get(records, i);
        if (strcmp(jstr(rec, "kind"), "version_order")) continue;
        vers[n] = jstr(rec, "version");
        ranks[n++] = (long)json_integer_value(json_object_get(rec, "rank"));
    }
    for (size_t i = 0; i < n; i++) {
        k->total++;
        for (size_t j = 0; j < n; j++) {
            int want = ranks[i] < ranks[j] ? -1 : ranks[i] > ranks[j];
            if (cmp(vers[i], vers[j]) != want) {
                char msg[200];
                snprintf(msg, sizeof msg, "compare(%s, %s) != %d", vers[i], vers[j], want);
                tally_fail(k, ranks[i], msg);
                break;
            }
        }
    }
    free(vers);
    free(ranks);
}

static int load_reading(Vectors *vs, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char line[512];
    size_t cap = 0;
    while (fgets(line, sizeof line, f)) {
        long id;
        char word[16];
        if (line[0] == '#' || sscanf(line, "%ld %15s", &id, word) != 2) continue;
        if (vs->n_dev == cap) {
            cap = cap ? cap * 2 : 64;
            vs->dev_ids = realloc(vs->dev_ids, cap * sizeof *vs->dev_ids);
            vs->dev_expected = realloc(vs->dev_expected, cap * sizeof *vs->dev_expected);
            vs->dev_seen = realloc(vs->dev_seen, cap * sizeof *vs->dev_seen);
            if (!vs->dev_ids || !vs->dev_expected || !vs->dev_seen) abort();
        }
        vs->dev_ids[vs->n_dev] = id;
        vs->dev_expected[vs->n_dev] = strcmp(word, "true") == 0;
        vs->dev_seen[vs->n_dev++] = false;
    }
    fclose(f);
    return 0;
}

/* READING.txt may only list flagged contains records, each once, with the
 * opposite of the recorded expectation. */
static void check_reading_list(Vectors *vs, json_t *records)
{
    char why[600] = "";
    int bad = 0;
    for (size_t d = 0; d < vs->n_dev; d++) {
        json_t *hit = NULL;
        for (size_t i = 0; i < json_array_size(records) && !hit; i++) {
            json_t *rec = json_array_get(records, i);
            if (json_integer_value(json_object_get(rec, "id")) == vs->dev_ids[d]) hit = rec;
        }
        const char *problem = NULL;
        if (!hit) problem = "no such record";
        else if (!json_object_get(hit, "fails_on_packaging")) problem = "record is not flagged fails_on_packaging";
        else if (strcmp(jstr(hit, "kind"), "specifier_contains")) problem = "not a specifier_contains record";
        else if (json_is_true(json_object_get(hit, "expected")) == vs->dev_expected[d]) problem = "same as recorded";
        else if (!vs->dev_seen[d]) problem = "listed twice";
        if (problem && bad++ < 5) {
            size_t len = strlen(why);
            snprintf(why + len, sizeof why - len, "%s#%ld %s", len ? "; " : "", vs->dev_ids[d], problem);
        }
    }
    if (bad) printf("FAIL reading_list: %d bad entries: %s\n", bad, why);
    else printf("PASS reading_list (%zu records read differently, all flagged)\n", vs->n_dev);
}

static int run_vectors(const char *path, const char *reading)
{
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    if (!root) {
        printf("FAIL vectors_load: %s:%d: %s\n", path, jerr.line, jerr.text);
        return 1;
    }
    Vectors *vs = calloc(1, sizeof *vs);   /* large (the tallies' text): not on the stack */
    if (!vs) abort();
    if (load_reading(vs, reading) < 0) {
        printf("FAIL vectors_load: cannot read %s\n", reading);
        free(vs);
        json_decref(root);
        return 1;
    }
    json_t *records = json_object_get(root, "records");
    size_t seen = 0;
    for (size_t i = 0; i < json_array_size(records); i++) {
        json_t *rec = json_array_get(records, i);
        const char *kind = jstr(rec, "kind");
        long id = (long)json_integer_value(json_object_get(rec, "id"));
        KindTally *k = tally_for(vs, kind);
        seen++;
        if (!strcmp(kind, "version_order")) continue;
        k->total++;
        if (!strncmp(kind, "version_", 8)) check_version_record(k, rec, id, kind);
        else if (!strcmp(kind, "specifier_contains")) check_contains(vs, k, rec, id);
        else if (!strcmp(kind, "specifier_filter")) check_filter(k, rec, id);
        else if (!strncmp(kind, "specifier_", 10)) check_spec_record(k, rec, id, kind);
        else tally_fail(k, id, "unknown record kind");
    }
    check_order(tally_for(vs, "version_order"), records);
    int failures = 0;
    size_t want = (size_t)json_integer_value(json_object_get(root, "record_count"));
    if (seen != want) {
        printf("FAIL record_count: read %zu records, file says %zu\n", seen, want);
        failures++;
    }
    for (size_t k = 0; k < vs->n_kinds; k++) {
        KindTally *kt = &vs->kinds[k];
        if (kt->failed) {
            printf("FAIL %s: %d of %d records disagree: %s%s%s\n", kt->kind, kt->failed, kt->total, kt->why,
                   kt->more[0] ? "; also" : "", kt->more);
            failures++;
        } else if (kt->deviations) {
            printf("PASS %s (%d records, %d checked against krait's reading)\n", kt->kind, kt->total, kt->deviations);
        } else {
            printf("PASS %s (%d records)\n", kt->kind, kt->total);
        }
    }
    check_reading_list(vs, records);
    free(vs->dev_ids);
    free(vs->dev_expected);
    free(vs->dev_seen);
    free(vs);
    json_decref(root);
    return failures ? 1 : 0;
}

/* ---- --compare ----------------------------------------------------------- */

static Pep440Pre pre_word(const char *w)
{
    if (!strcmp(w, "allow")) return PEP440_PRE_ALLOW;
    if (!strcmp(w, "exclude")) return PEP440_PRE_EXCLUDE;
    return PEP440_PRE_AUTO;
}

static void answer_query(char *line, Arena *arena)
{
    char *field[4] = {line, NULL, NULL, NULL};
    for (int f = 1; f < 4; f++) {
        char *tab = field[f - 1] ? strchr(field[f - 1], '\t') : NULL;
        if (!tab) break;
        *tab = '\0';
        field[f] = tab + 1;
    }
    char buf[PEP440_VERSION_STR_MAX];
    if (!strcmp(field[0], "N") && field[1]) {
        puts(canon(field[1], buf, sizeof buf)[0] == '(' ? "invalid" : buf);
    } else if (!strcmp(field[0], "O") && field[2]) {
        int c = cmp(field[1], field[2]);
        printf("%d\n", c == 99 ? 99 : c);
    } else if (!strcmp(field[0], "C") && field[3]) {
        Pep440SpecSet set;
        KraitError err;
        if (pep440_specset_parse(field[1], strlen(field[1]), arena, &set, &err) < 0) puts("invalid");
        else printf("%d\n", pep440_specset_contains(&set, field[2], strlen(field[2]), pre_word(field[3]), false));
    } else {
        puts("bad-query");
    }
}

static int run_compare(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "test_pep440: cannot open %s\n", path);
        return 2;
    }
    Arena arena;
    arena_init(&arena);
    char line[2048];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        answer_query(line, &arena);
        arena_reset(&arena);
    }
    arena_free(&arena);
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "--vectors")) return run_vectors(argv[2], argv[3]);
    if (argc == 3 && !strcmp(argv[1], "--compare")) return run_compare(argv[2]);
    static const UnitTest tests[] = {
        {"normalize", test_normalize},
        {"invalid_with_column", test_invalid_with_column},
        {"limits_at_the_edge", test_limits_at_the_edge},
        {"order", test_order},
        {"properties", test_properties},
        {"specifiers", test_specifiers},
        {"prerelease_policy", test_prerelease_policy},
        {"filter", test_filter},
        {"spec_errors", test_spec_errors},
        {"spec_format_and_equal", test_spec_format_and_equal},
        {"random_roundtrip", test_random_roundtrip},
        {"longest_canonical_form", test_longest_canonical_form},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
