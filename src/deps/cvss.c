/* cvss.c - CVSS v3.1 base score (specification section 7), which is also
 * how 3.0 vectors are scored by current tools. */
#include "deps/cvss.h"

#include <math.h>
#include <string.h>

typedef struct Metric {
    const char *key;
    double value;      /* -1 until the vector sets it */
    char letter;
} Metric;

/* CVSS 3.1 Roundup: the smallest one-decimal number >= x, computed on
 * integers to avoid floating-point surprises. */
static double roundup(double x)
{
    long long i = llround(x * 100000.0);
    if (i % 10000 == 0) return (double)i / 100000.0;
    return (floor((double)i / 10000.0) + 1.0) / 10.0;
}

static double weight(const char *key, char v, char scope)
{
    if (strcmp(key, "AV") == 0) return v == 'N' ? 0.85 : v == 'A' ? 0.62 : v == 'L' ? 0.55 : v == 'P' ? 0.2 : -1;
    if (strcmp(key, "AC") == 0) return v == 'L' ? 0.77 : v == 'H' ? 0.44 : -1;
    if (strcmp(key, "PR") == 0) {
        if (v == 'N') return 0.85;
        if (v == 'L') return scope == 'C' ? 0.68 : 0.62;
        if (v == 'H') return scope == 'C' ? 0.5 : 0.27;
        return -1;
    }
    if (strcmp(key, "UI") == 0) return v == 'N' ? 0.85 : v == 'R' ? 0.62 : -1;
    return v == 'H' ? 0.56 : v == 'L' ? 0.22 : v == 'N' ? 0.0 : -1;   /* C, I, A */
}

double cvss3_base_score(const char *vector)
{
    if (!vector || (strncmp(vector, "CVSS:3.1/", 9) != 0 && strncmp(vector, "CVSS:3.0/", 9) != 0)) return -1;
    Metric m[] = {{"AV", -1, 0}, {"AC", -1, 0}, {"PR", -1, 0}, {"UI", -1, 0},
                  {"S", -1, 0},  {"C", -1, 0},  {"I", -1, 0},  {"A", -1, 0}};
    enum { N_METRICS = sizeof m / sizeof m[0] };
    /* first pass: letters; weights need the scope, so they come after */
    for (const char *p = vector + 9; *p;) {
        const char *colon = strchr(p, ':');
        const char *slash = strchr(p, '/');
        if (!colon || (slash && slash < colon) || !colon[1]) return -1;
        size_t klen = (size_t)(colon - p);
        for (int i = 0; i < N_METRICS; i++)
            if (strlen(m[i].key) == klen && strncmp(m[i].key, p, klen) == 0) m[i].letter = colon[1];
        p = slash ? slash + 1 : p + strlen(p);
    }
    char scope = m[4].letter;
    if (scope != 'U' && scope != 'C') return -1;
    for (int i = 0; i < N_METRICS; i++) {
        if (i == 4) continue;
        if (!m[i].letter) return -1;
        m[i].value = weight(m[i].key, m[i].letter, scope);
        if (m[i].value < 0) return -1;
    }
    double iss = 1.0 - (1.0 - m[5].value) * (1.0 - m[6].value) * (1.0 - m[7].value);
    double impact = scope == 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15);
    double exploitability = 8.22 * m[0].value * m[1].value * m[2].value * m[3].value;
    if (impact <= 0) return 0.0;
    double sum = scope == 'U' ? impact + exploitability : 1.08 * (impact + exploitability);
    return roundup(sum < 10.0 ? sum : 10.0);
}

Severity cvss_severity(double score)
{
    if (score <= 0) return SEV_UNDEFINED;
    if (score < 4.0) return SEV_LOW;
    if (score < 7.0) return SEV_MEDIUM;
    if (score < 9.0) return SEV_HIGH;
    return SEV_CRITICAL;
}
