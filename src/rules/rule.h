/* rule.h - what every rule is, whichever family it belongs to (code checks,
 * taint, dependencies, secrets, Python versions). The registry (one table)
 * holds a RuleInfo per rule; findings point at their rule's RuleInfo, so
 * reports can print help text, CWE and severity without copying them. */
#ifndef KRAIT_RULE_H
#define KRAIT_RULE_H

#include <stdint.h>

typedef enum Severity { SEV_UNDEFINED = 0, SEV_LOW, SEV_MEDIUM, SEV_HIGH, SEV_CRITICAL } Severity;
typedef enum Confidence { CONF_UNDEFINED = 0, CONF_LOW, CONF_MEDIUM, CONF_HIGH } Confidence;

typedef struct RuleInfo {
    const char *id;            /* "B602", "DEP001", "SEC003" */
    const char *aliases;       /* comma-separated other ids ("S602"), or "" */
    const char *name;          /* "subprocess-popen-with-shell-equals-true" */
    uint8_t severity;          /* Severity */
    uint8_t confidence;        /* Confidence */
    uint16_t cwe;              /* 0 when none applies */
    const char *summary;       /* one line: what is wrong */
    const char *help;          /* What / Why / Example / Fix, plain text */
} RuleInfo;

const char *severity_name(Severity sev);       /* "LOW", ..., "CRITICAL" */
const char *confidence_name(Confidence conf);
/* Parses "low", "MEDIUM", ... (case-insensitive); -1 when unknown. */
int severity_parse(const char *text);
int confidence_parse(const char *text);

#endif
