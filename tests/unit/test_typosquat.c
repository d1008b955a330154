/* test_typosquat.c - typosquatting detection: one true positive per kind of
 * change against real popular names, preference for the most popular
 * candidate, near misses, the short-name rule, popular names never flagged,
 * invalid names, the work a lookup does (the comparison counter), and
 * agreement with a brute-force scan of the whole list on mutated names. */
#include "unit.h"

#include "rules/registry.h"

#include "deps/pkgname.h"
#include "deps/typosquat.h"

#include <stdlib.h>

static TyposquatIndex *shared_index(void)
{
    static TyposquatIndex *ix;   /* built once for the whole test binary; freed at exit */
    if (!ix) ix = typosquat_index_new();
    return ix;
}

static int check(const char *name, TyposquatResult *r)
{
    KraitError err;
    return typosquat_check(shared_index(), name, strlen(name), r, &err);
}

static void test_each_kind(UnitContext *t)
{
    static const struct { const char *query, *imitated; TyposquatKind kind; } cases[] = {
        {"requestss", "requests", TYPO_INSERTION},
        {"reqests", "requests", TYPO_DELETION},
        {"requesfs", "requests", TYPO_SUBSTITUTION},
        {"reqeusts", "requests", TYPO_TRANSPOSITION},
        {"nunpy", "numpy", TYPO_SUBSTITUTION},
        {"tensorfow", "tensorflow", TYPO_DELETION},
        {"flask-loginn", "flask-login", TYPO_INSERTION},
        {"urllib4", "urllib3", TYPO_SUBSTITUTION},
        {"pythondateutil", "python-dateutil", TYPO_SEPARATOR},
        {"googlecloudstorage", "google-cloud-storage", TYPO_SEPARATOR},
        {"google-cloudstorage", "google-cloud-storage", TYPO_SEPARATOR},
        {"num-py", "numpy", TYPO_SEPARATOR},
        {"djang0", "django", TYPO_HOMOGLYPH},
        {"f1ask", "flask", TYPO_HOMOGLYPH},
        {"fiask", "flask", TYPO_HOMOGLYPH},
        {"rnatplotlib", "matplotlib", TYPO_HOMOGLYPH},
        {"vverkzeug", "werkzeug", TYPO_HOMOGLYPH},
        {"b0t0core", "botocore", TYPO_HOMOGLYPH},
        {"Reqeusts", "requests", TYPO_TRANSPOSITION},   /* case does not matter */
        {"Python.Date_Util", "python-dateutil", TYPO_SEPARATOR},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        TyposquatResult r;
        int rc = check(cases[i].query, &r);
        if (rc != 0 || !r.suspicious || r.popular || !r.imitated || strcmp(r.imitated, cases[i].imitated) != 0 ||
            r.kind != cases[i].kind) {
            char msg[200];
            snprintf(msg, sizeof msg, "%s: rc %d suspicious %d imitated %s kind %s", cases[i].query, rc, r.suspicious,
                     r.imitated ? r.imitated : "-", typosquat_kind_name(r.kind));
            unit_fail(t, __FILE__, __LINE__, msg);
        }
    }
}

static void test_prefers_most_popular(UnitContext *t)
{
    /* "attrz" is a substitution of attrs (rank 27) and an insertion into
     * attr (rank ~6760); "botos" likewise of boto3 (rank 1) and boto. */
    TyposquatResult r;
    CHECK_INT(t, check("attrz", &r), 0);
    CHECK(t, r.suspicious);
    CHECK_STR(t, r.imitated, "attrs");
    CHECK_INT(t, r.imitated_rank, 27);
    CHECK_INT(t, check("botos", &r), 0);
    CHECK_STR(t, r.imitated, "boto3");
    CHECK_INT(t, r.imitated_rank, 1);
    CHECK_INT(t, r.kind, TYPO_SUBSTITUTION);
}

static void test_near_misses(UnitContext *t)
{
    static const char *names[] = {
        "reqeustss",          /* two edits */
        "rqeusts",            /* transposition plus deletion */
        "krait-scanner",
        "numpy-financial-extra-x",
        "djangooo",           /* two insertions */
        "a-b-c-d",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        TyposquatResult r;
        CHECK_INT(t, check(names[i], &r), 0);
        if (r.suspicious) {
            char msg[160];
            snprintf(msg, sizeof msg, "%s flagged as imitating %s (%s)", names[i], r.imitated,
                     typosquat_kind_name(r.kind));
            unit_fail(t, __FILE__, __LINE__, msg);
        }
        CHECK(t, r.checked);
        CHECK(t, r.imitated == NULL);
    }
}

static void test_short_names(UnitContext *t)
{
    TyposquatResult r;
    /* three letters: not checked at all */
    CHECK_INT(t, check("nmp", &r), 0);
    CHECK(t, !r.checked);
    CHECK(t, !r.suspicious);
    CHECK_INT(t, check("sx", &r), 0);
    CHECK(t, !r.suspicious);
    /* four letters next to the three-letter "six": six is never the imitated one */
    CHECK_INT(t, check("sixx", &r), 0);
    CHECK(t, r.checked);
    CHECK(t, !r.suspicious || strcmp(r.imitated, "six") != 0);
    CHECK_INT(t, check("pipp", &r), 0);
    CHECK(t, !r.suspicious || strcmp(r.imitated, "pip") != 0);
    /* one edit from a four- or five-letter name: only the top 1,000 count */
    CHECK_INT(t, check("mytz", &r), 0);
    CHECK(t, r.suspicious && strcmp(r.imitated, "pytz") == 0);   /* rank 62 */
    CHECK_INT(t, check("antz", &r), 0);
    CHECK(t, !r.suspicious);                                       /* anta: rank 11085 */
    CHECK_INT(t, check("byte", &r), 0);
    CHECK(t, !r.suspicious);                                       /* pyte: rank 2870 */
    /* popular short names are still recognised as popular */
    CHECK_INT(t, check("six", &r), 0);
    CHECK(t, r.popular);
}

static void test_popular_never_flagged(UnitContext *t)
{
    TyposquatIndex *ix = shared_index();
    size_t n = typosquat_index_size(ix);
    CHECK(t, n > 14000);
    size_t flagged = 0, not_popular = 0;
    for (size_t i = 0; i < n; i++) {
        int rank;
        const char *name = typosquat_index_name(ix, i, &rank);
        char upper[TYPOSQUAT_NAME_MAX];
        size_t len = strlen(name);
        /* the same project spelled with other case and separators */
        for (size_t k = 0; k <= len && k < sizeof upper; k++) {
            char c = name[k];
            upper[k] = c == '-' ? '_' : c == '_' ? '.' : (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
        }
        TyposquatResult r;
        KraitError err;
        for (int spelling = 0; spelling < 2; spelling++) {
            const char *q = spelling ? upper : name;
            if (typosquat_check(ix, q, len, &r, &err) != 0 || !r.popular || r.rank != rank) not_popular++;
            if (r.suspicious) flagged++;
        }
    }
    CHECK_INT(t, flagged, 0);
    CHECK_INT(t, not_popular, 0);
    CHECK(t, typosquat_index_name(ix, n, NULL) == NULL);
}

static void test_invalid_names(UnitContext *t)
{
    static const struct { const char *name; int col; } cases[] = {
        {"", 0}, {"-requests", 1}, {"requests_", 9}, {"req uests", 4}, {"requests[security]", 9}, {"caf\xc3\xa9", 4},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        TyposquatResult r;
        KraitError err;
        CHECK_INT(t, typosquat_check(shared_index(), cases[i].name, strlen(cases[i].name), &r, &err), -1);
        CHECK_INT(t, err.col, cases[i].col);
        CHECK(t, strstr(err.message, "package name") != NULL);
    }
    /* a name too long to be near any popular one is fine, not an error */
    char longname[300];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    TyposquatResult r;
    CHECK_INT(t, check(longname, &r), 0);
    CHECK(t, !r.suspicious);
}

static void test_lookups_do_not_scan(UnitContext *t)
{
    TyposquatResult r;
    CHECK_INT(t, check("reqeustss", &r), 0);
    CHECK(t, r.comparisons <= 16);
    CHECK_INT(t, check("krait-scanner", &r), 0);
    CHECK(t, r.comparisons <= 16);
    CHECK_INT(t, check("reqests", &r), 0);
    CHECK(t, r.comparisons >= 1 && r.comparisons <= 16);
    /* Every popular name with a letter appended: the busiest neighbourhoods
     * of the index. A linear scan would compare ~15,000 names each time. */
    TyposquatIndex *ix = shared_index();
    size_t n = typosquat_index_size(ix);
    unsigned long total = 0, worst = 0;
    for (size_t i = 0; i < n; i++) {
        char q[TYPOSQUAT_NAME_MAX + 2];
        snprintf(q, sizeof q, "%sz", typosquat_index_name(ix, i, NULL));
        KraitError err;
        if (typosquat_check(ix, q, strlen(q), &r, &err) != 0) continue;
        total += r.comparisons;
        if (r.comparisons > worst) worst = r.comparisons;
    }
    CHECK(t, worst < 200);
    CHECK(t, total < n * 8);
}

/* ---- brute force: every popular name, every pair, the definitions ---- */

/* Optimal string alignment distance (edits plus adjacent swaps), capped. */
static int osa_distance(const char *a, size_t la, const char *b, size_t lb)
{
    int d[TYPOSQUAT_NAME_MAX + 1][TYPOSQUAT_NAME_MAX + 1];
    for (size_t i = 0; i <= la; i++) d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++) d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] != b[j - 1];
            int best = d[i - 1][j - 1] + cost;
            if (d[i - 1][j] + 1 < best) best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

/* The documented folding: separators out, then rn->m, vv->w, 0->o, 1/i->l. */
static void fold(const char *s, char *out)
{
    char tmp[TYPOSQUAT_NAME_MAX + 2];
    size_t n = 0;
    for (; *s; s++)
        if (*s != '-') tmp[n++] = *s;
    tmp[n] = '\0';
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (tmp[i] == 'r' && tmp[i + 1] == 'n') { out[k++] = 'm'; i++; }
        else if (tmp[i] == 'v' && tmp[i + 1] == 'v') { out[k++] = 'w'; i++; }
        else if (tmp[i] == '0') out[k++] = 'o';
        else if (tmp[i] == '1' || tmp[i] == 'i') out[k++] = 'l';
        else out[k++] = tmp[i];
    }
    out[k] = '\0';
}

typedef struct Popular {
    char norm[TYPOSQUAT_NAME_MAX];
    char folded[TYPOSQUAT_NAME_MAX];
    size_t len;
    const char *name;
    int rank;
} Popular;

/* The most popular name the query imitates, by scanning them all with the
 * documented rules. */
static const char *brute_force(const Popular *pop, size_t n, const char *query)
{
    char q[TYPOSQUAT_NAME_MAX], qf[TYPOSQUAT_NAME_MAX];
    int lq = pkgname_normalize(query, strlen(query), q, sizeof q);
    if (lq < TYPOSQUAT_MIN_LEN) return NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(pop[i].norm, q) == 0) return NULL;
    fold(q, qf);
    for (size_t i = 0; i < n; i++) {
        if (pop[i].len < TYPOSQUAT_MIN_LEN) continue;
        if (strcmp(pop[i].folded, qf) == 0) return pop[i].name;
        size_t diff = pop[i].len > (size_t)lq ? pop[i].len - (size_t)lq : (size_t)lq - pop[i].len;
        if (diff > 1) continue;
        if (pop[i].len <= TYPOSQUAT_SHORT_LEN && pop[i].rank > TYPOSQUAT_SHORT_RANK_MAX) continue;
        /* one edit in a name of four or more characters leaves the first or the last one alone */
        if (q[0] != pop[i].norm[0] && q[lq - 1] != pop[i].norm[pop[i].len - 1]) continue;
        if (osa_distance(q, (size_t)lq, pop[i].norm, pop[i].len) <= 1) return pop[i].name;
    }
    return NULL;
}

static void test_agrees_with_brute_force(UnitContext *t)
{
    TyposquatIndex *ix = shared_index();
    size_t n = typosquat_index_size(ix);
    Popular *pop = calloc(n, sizeof *pop);
    if (!pop) {
        unit_fail(t, __FILE__, __LINE__, "out of memory");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        pop[i].name = typosquat_index_name(ix, i, &pop[i].rank);
        pop[i].len = (size_t)pkgname_normalize(pop[i].name, strlen(pop[i].name), pop[i].norm, sizeof pop[i].norm);
        fold(pop[i].norm, pop[i].folded);
    }
    size_t queries = 0, suspicious = 0, mismatches = 0;
    char first_mismatch[200] = "";
    for (size_t i = 0; i < n; i += 97) {
        const char *base = pop[i].norm;
        size_t len = pop[i].len;
        if (len < 3 || len > 60) continue;
        char m[8][TYPOSQUAT_NAME_MAX];
        int k = 0;
        snprintf(m[k++], sizeof m[0], "%.*s%s", (int)(len / 2), base, base + len / 2 + 1);      /* deletion */
        snprintf(m[k++], sizeof m[0], "%.1sq%s", base, base + 1);                              /* insertion */
        snprintf(m[k++], sizeof m[0], "%.2sx%s", base, base + 3);                              /* substitution */
        snprintf(m[k++], sizeof m[0], "%c%c%c%s", base[0], base[2], base[1], base + 3);        /* transposition */
        snprintf(m[k++], sizeof m[0], "%s", base);
        for (char *p = m[k - 1]; *p; p++) *p = *p == 'o' ? '0' : *p == 'l' ? '1' : *p;         /* homoglyphs */
        snprintf(m[k++], sizeof m[0], "%s", base);
        for (char *p = m[k - 1]; *p; p++) *p = *p == '-' ? 'x' : *p;                           /* unrelated-ish */
        snprintf(m[k++], sizeof m[0], "%sxy", base);                                           /* two edits */
        for (int j = 0; j < k; j++) {
            const char *want = brute_force(pop, n, m[j]);
            TyposquatResult r;
            KraitError err;
            if (typosquat_check(ix, m[j], strlen(m[j]), &r, &err) != 0) continue;
            queries++;
            const char *got = r.suspicious ? r.imitated : NULL;
            if (got) suspicious++;
            if ((got == NULL) != (want == NULL) || (got && strcmp(got, want) != 0)) {
                if (!mismatches++)
                    snprintf(first_mismatch, sizeof first_mismatch, "%s: index says %s, scan says %s", m[j],
                             got ? got : "-", want ? want : "-");
            }
        }
    }
    free(pop);
    CHECK(t, queries > 800);
    CHECK(t, suspicious > queries / 3);   /* the mutations mostly are typosquats */
    if (mismatches) unit_fail(t, __FILE__, __LINE__, first_mismatch);
}

static void test_rules(UnitContext *t)
{
    const RuleInfo *r = registry_find("DEP101");
    CHECK_STR(t, r ? r->name : "", "typosquatted-package");
    CHECK_STR(t, typosquat_kind_name(TYPO_HOMOGLYPH), "homoglyph");
}

int main(int argc, char **argv)
{
    static const UnitTest tests[] = {
        {"each_kind", test_each_kind},
        {"prefers_most_popular", test_prefers_most_popular},
        {"near_misses", test_near_misses},
        {"short_names", test_short_names},
        {"popular_never_flagged", test_popular_never_flagged},
        {"invalid_names", test_invalid_names},
        {"lookups_do_not_scan", test_lookups_do_not_scan},
        {"agrees_with_brute_force", test_agrees_with_brute_force},
        {"rules", test_rules},
        {NULL, NULL},
    };
    int rc = unit_main(tests, argc, argv);
    typosquat_index_free(shared_index());
    return rc;
}
