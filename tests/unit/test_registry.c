/* test_registry.c - the rule table: lookups, prefixes and the invariants
 * every row must hold. */
#include "unit.h"

#include "rules/registry.h"

static void test_every_row_complete_and_unique(UnitContext *t)
{
    size_t n;
    const RuleInfo *all = registry_all(&n);
    CHECK(t, n > 0);
    for (size_t i = 0; i < n; i++) {
        const RuleInfo *r = &all[i];
        CHECK(t, r->id && *r->id);
        CHECK(t, r->name && *r->name);
        CHECK(t, r->summary && *r->summary);
        CHECK(t, r->help && strstr(r->help, "Fix:") != NULL);
        CHECK(t, r->severity >= SEV_LOW && r->severity <= SEV_CRITICAL);
        CHECK(t, r->confidence >= CONF_LOW && r->confidence <= CONF_HIGH);
        /* every security rule names its weakness; E-rules are the tool's own */
        CHECK(t, r->cwe > 0 || r->id[0] == 'E');
        CHECK(t, registry_find(r->id) == r);
        for (size_t j = 0; j < i; j++) CHECK(t, strcmp(all[j].id, r->id) != 0);
    }
}

static void test_find_and_prefix(UnitContext *t)
{
    const RuleInfo *r = registry_find("dep001");
    CHECK(t, r != NULL);
    CHECK_STR(t, r ? r->name : "", "vulnerable-dependency");
    CHECK(t, registry_find("NOPE999") == NULL);
    CHECK(t, r && registry_rule_matches(r, "DEP"));
    CHECK(t, r && registry_rule_matches(r, "ALL"));
    CHECK(t, r && !registry_rule_matches(r, "B6"));
}

int main(int argc, char **argv)
{
    static const UnitTest tests[] = {
        {"every_row_complete_and_unique", test_every_row_complete_and_unique},
        {"find_and_prefix", test_find_and_prefix},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
