/* ruleinfo.h - the description of one finding kind (rule) as the data
 * modules publish it until the central rule registry exists: a stable id,
 * a short name, a default severity and one line of explanation. Tables of
 * RuleInfo are static const and never change at run time. */
#ifndef KRAIT_RULEINFO_H
#define KRAIT_RULEINFO_H

typedef enum RuleSeverity { RULE_SEV_INFO, RULE_SEV_LOW, RULE_SEV_MEDIUM, RULE_SEV_HIGH } RuleSeverity;

typedef struct RuleInfo {
    const char *id;        /* e.g. "DEP101"; never reused for another meaning */
    const char *name;      /* kebab-case, e.g. "typosquatted-package" */
    RuleSeverity severity;
    const char *summary;   /* one sentence */
} RuleInfo;

#endif
