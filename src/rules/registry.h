/* registry.h - THE table of rules: every rule krait can report, whichever
 * family it belongs to, with its id, aliases (Bandit B-id, Ruff S-code),
 * severity, confidence, CWE and explanation. `krait rules` prints it;
 * --select/--ignore and suppressions match against ids and aliases. */
#ifndef KRAIT_REGISTRY_H
#define KRAIT_REGISTRY_H

#include "rules/rule.h"

#include <stdbool.h>
#include <stddef.h>

/* The rule with this id or alias (case-insensitive), or NULL. */
const RuleInfo *registry_find(const char *id);
/* Every rule, in table order. */
const RuleInfo *registry_all(size_t *n);
/* Whether rule's id or one of its aliases starts with prefix ("B6", "S",
 * "DEP"); "ALL" matches everything. */
bool registry_rule_matches(const RuleInfo *rule, const char *prefix);

#endif
