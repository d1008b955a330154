/* test_pkgname.c - PEP 503 normalisation. */
#include "unit.h"

#include "deps/pkgname.h"

static void test_normalize_examples(UnitContext *t)
{
    static const char *cases[][2] = {
        {"Django", "django"}, {"jw.util", "jw-util"}, {"zope.interface", "zope-interface"},
        {"Foo__Bar--._baz", "foo-bar-baz"}, {"a", "a"}, {"A-", "a-"},
    };
    char out[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int n = pkgname_normalize(cases[i][0], strlen(cases[i][0]), out, sizeof out);
        CHECK(t, n == (int)strlen(cases[i][1]));
        CHECK_STR(t, out, cases[i][1]);
    }
}

static void test_normalize_too_small(UnitContext *t)
{
    char out[4];
    CHECK_INT(t, pkgname_normalize("requests", 8, out, sizeof out), -1);
    CHECK_INT(t, pkgname_normalize("abc", 3, out, sizeof out), 3);
}

int main(int argc, char **argv)
{
    static const UnitTest tests[] = {
        {"normalize_examples", test_normalize_examples},
        {"normalize_too_small", test_normalize_too_small},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
