/* report.c - see report.h. */
#include "secrets/report.h"
#include "rules/registry.h"

#include <stdio.h>

static uint8_t confidence_of(SecretLevel level)
{
    switch (level) {
    case SECRET_LEVEL_LOW: return CONF_LOW;
    case SECRET_LEVEL_MEDIUM: return CONF_MEDIUM;
    case SECRET_LEVEL_HIGH: return CONF_HIGH;
    }
    return CONF_UNDEFINED;
}

Finding *secrets_report_add(FindingList *list, const char *path, const SecretFinding *finding)
{
    const SecretDetectorInfo *info = secrets_detector_info(finding->detector);
    /* Every detector has a registry row (detectors.def is expanded there;
     * test_secrets checks it), so the lookup cannot fail. */
    const RuleInfo *rule = registry_find(info->id);
    char message[160];
    snprintf(message, sizeof message, "%s: %s", info->name, finding->redacted);
    Finding *f = finding_list_add(list, rule, path, (uint32_t)finding->line, (uint32_t)finding->col, message);
    f->end_line = (uint32_t)finding->end_line;
    f->end_col = (uint32_t)finding->end_col;
    f->confidence = confidence_of(finding->confidence);
    finding_add_property(f, "redacted", finding->redacted);
    return f;
}
