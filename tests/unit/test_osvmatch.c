/* test_osvmatch.c - OSV range semantics on hand-made advisories. */
#include "unit.h"

#include "deps/osvmatch.h"

static Pep440Version V(const char *s)
{
    Pep440Version v;
    if (pep440_parse(s, strlen(s), &v, NULL) != 0) memset(&v, 0, sizeof v);
    return v;
}

static bool affects(const OsvAffected *aff, const char *version, Arena *a, const char **fix)
{
    Pep440Version v = V(version);
    OsvVerdict verdict;
    osvmatch_version(aff, &v, a, &verdict);
    if (fix) *fix = verdict.fixed_in;
    return verdict.affected;
}

static void test_ranges_out_of_order_and_multiple(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    /* events listed out of order; two introduced; last_affected */
    OsvEvent ev1[] = {{OSV_EVENT_FIXED, "1.5"}, {OSV_EVENT_INTRODUCED, "0"}, {OSV_EVENT_FIXED, "2.2.1"},
                      {OSV_EVENT_INTRODUCED, "2.0"}};
    OsvEvent ev2[] = {{OSV_EVENT_INTRODUCED, "3.0"}, {OSV_EVENT_LAST_AFFECTED, "3.1"}};
    OsvRange ranges[] = {{ev1, 4}, {ev2, 2}};
    OsvAffected aff = {"pkg", "pkg", ranges, 2, NULL, 0};
    const char *fix;
    CHECK(t, affects(&aff, "0.0.0b0", &a, &fix));     /* "0" is below every version */
    CHECK(t, affects(&aff, "1.4.9", &a, &fix));
    CHECK_STR(t, fix, "1.5");
    CHECK(t, !affects(&aff, "1.5", &a, NULL));
    CHECK(t, !affects(&aff, "1.9", &a, NULL));
    CHECK(t, affects(&aff, "2.0", &a, &fix));
    CHECK_STR(t, fix, "2.2.1");
    CHECK(t, affects(&aff, "2.2.1rc1", &a, NULL));
    CHECK(t, !affects(&aff, "2.2.1", &a, NULL));
    CHECK(t, affects(&aff, "3.1", &a, &fix));
    CHECK(t, fix == NULL);                             /* no fix above 3.1 */
    CHECK(t, !affects(&aff, "3.1.post1", &a, NULL));
    arena_free(&a);
}

static void test_listed_versions_and_invalid_values(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    OsvEvent ev[] = {{OSV_EVENT_INTRODUCED, "4.0"}, {OSV_EVENT_FIXED, "4.2"}, {OSV_EVENT_FIXED, "2019-09-12"}};
    OsvRange ranges[] = {{ev, 3}};
    const char *listed[] = {"3.2a1", "not a version", "4.0", "4.1"};
    OsvAffected aff = {"pkg", "pkg", ranges, 1, listed, 4};
    CHECK(t, affects(&aff, "3.2a1", &a, NULL));       /* listed, outside every range */
    CHECK(t, affects(&aff, "4.1.5", &a, NULL));
    CHECK(t, !affects(&aff, "3.2", &a, NULL));
    OsvVerdict v;
    Pep440Version x = V("4.1");
    osvmatch_version(&aff, &x, &a, &v);
    CHECK_INT(t, v.n_fixed, 1);                        /* the invalid date is skipped */
    CHECK_STR(t, v.fixed_in, "4.2");
    arena_free(&a);
}

static void test_limit_and_specset(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    OsvEvent ev[] = {{OSV_EVENT_INTRODUCED, "1.0"}, {OSV_EVENT_LIMIT, "1.3"}};
    OsvRange ranges[] = {{ev, 2}};
    const char *listed[] = {"1.0", "1.1", "1.2"};
    OsvAffected aff = {"pkg", "pkg", ranges, 1, listed, 3};
    CHECK(t, affects(&aff, "1.2.9", &a, NULL));
    CHECK(t, !affects(&aff, "1.3", &a, NULL));

    OsvEvent ev2[] = {{OSV_EVENT_INTRODUCED, "0"}, {OSV_EVENT_FIXED, "2.0"}};
    OsvRange r2[] = {{ev2, 2}};
    const char *l2[] = {"1.0", "1.5", "1.9"};
    OsvAffected aff2 = {"pkg", "pkg", r2, 1, l2, 3};
    Pep440SpecSet set;
    KraitError err;
    OsvVerdict v;
    CHECK_INT(t, pep440_specset_parse(">=1.5", 5, &a, &set, &err), 0);
    osvmatch_specset(&aff2, &set, &a, &v);
    CHECK(t, v.affected);
    CHECK_STR(t, v.fixed_in, "2.0");
    CHECK_INT(t, pep440_specset_parse(">=2.0", 5, &a, &set, &err), 0);
    osvmatch_specset(&aff2, &set, &a, &v);
    CHECK(t, !v.affected);
    arena_free(&a);
}

int main(int argc, char **argv)
{
    static const UnitTest tests[] = {
        {"ranges_out_of_order_and_multiple", test_ranges_out_of_order_and_multiple},
        {"listed_versions_and_invalid_values", test_listed_versions_and_invalid_values},
        {"limit_and_specset", test_limit_and_specset},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
