/* rule.c - names of severities and confidences. */
#include "rules/rule.h"

#include <strings.h>

static const char *const severity_names[] = {"UNDEFINED", "LOW", "MEDIUM", "HIGH", "CRITICAL"};
static const char *const confidence_names[] = {"UNDEFINED", "LOW", "MEDIUM", "HIGH"};

const char *severity_name(Severity sev)
{
    return (unsigned)sev <= SEV_CRITICAL ? severity_names[sev] : "UNDEFINED";
}

const char *confidence_name(Confidence conf)
{
    return (unsigned)conf <= CONF_HIGH ? confidence_names[conf] : "UNDEFINED";
}

int severity_parse(const char *text)
{
    for (int i = SEV_LOW; i <= SEV_CRITICAL; i++)
        if (strcasecmp(text, severity_names[i]) == 0) return i;
    return -1;
}

int confidence_parse(const char *text)
{
    for (int i = CONF_LOW; i <= CONF_HIGH; i++)
        if (strcasecmp(text, confidence_names[i]) == 0) return i;
    return -1;
}
