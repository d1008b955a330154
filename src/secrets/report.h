/* report.h - turning a SecretFinding into a report Finding (the list every
 * scan stage appends to). The message carries the redacted value only, and
 * no source snippet is attached: the flagged line holds the secret, and a
 * report must never print it. */
#ifndef KRAIT_SECRETS_REPORT_H
#define KRAIT_SECRETS_REPORT_H

#include "report/finding.h"
#include "secrets/secrets.h"

/* Appends the finding for path to list: rule from the registry (SECnnn),
 * position and end position, message "<name>: <redacted>", the finding's
 * own confidence (a GitHub token failing its checksum is low), and the
 * property "redacted". Returns the new Finding. */
Finding *secrets_report_add(FindingList *list, const char *path, const SecretFinding *finding);

#endif
