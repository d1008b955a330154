/* cvss.h - the CVSS v3.x base score of a vector string, so that advisories
 * that carry only a vector (as OSV records do) get a severity. */
#ifndef KRAIT_CVSS_H
#define KRAIT_CVSS_H

#include "rules/rule.h"

/* Base score 0.0-10.0 of "CVSS:3.1/AV:N/AC:L/..." (3.0 and 3.1); -1 when the
 * vector is not a complete v3 base vector. */
double cvss3_base_score(const char *vector);
/* The qualitative rating: LOW < 4.0 <= MEDIUM < 7.0 <= HIGH < 9.0 <= CRITICAL
 * (a score of 0 is SEV_UNDEFINED). */
Severity cvss_severity(double score);

#endif
