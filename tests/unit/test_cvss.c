/* test_cvss.c - CVSS v3 base scores of vectors with published scores. */
#include "unit.h"

#include "deps/cvss.h"

#include <math.h>

static void test_known_scores(UnitContext *t)
{
    static const struct { const char *vector; double score; } cases[] = {
        {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8},
        {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1},
        {"CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 5.5},
        {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0},
        {"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", 5.9},
        {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5},
        {"CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6},
        {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double got = cvss3_base_score(cases[i].vector);
        if (fabs(got - cases[i].score) > 1e-9) {
            char msg[200];
            snprintf(msg, sizeof msg, "%s: got %.1f want %.1f", cases[i].vector, got, cases[i].score);
            unit_fail(t, __FILE__, __LINE__, msg);
        }
    }
}

static void test_bad_vectors_and_bands(UnitContext *t)
{
    CHECK(t, cvss3_base_score("CVSS:2.0/AV:N") < 0);
    CHECK(t, cvss3_base_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H") < 0);   /* A missing */
    CHECK(t, cvss3_base_score("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") < 0);
    CHECK(t, cvss3_base_score(NULL) < 0);
    CHECK_INT(t, cvss_severity(9.8), SEV_CRITICAL);
    CHECK_INT(t, cvss_severity(7.0), SEV_HIGH);
    CHECK_INT(t, cvss_severity(6.9), SEV_MEDIUM);
    CHECK_INT(t, cvss_severity(0.1), SEV_LOW);
    CHECK_INT(t, cvss_severity(0.0), SEV_UNDEFINED);
}

int main(int argc, char **argv)
{
    static const UnitTest tests[] = {
        {"known_scores", test_known_scores},
        {"bad_vectors_and_bands", test_bad_vectors_and_bands},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
