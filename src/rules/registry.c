/* registry.c - the one table of rules (see registry.h). Families add rows
 * here; their checking code lives in their own modules and refers to rows by
 * id through registry_find, so ids are written once. */
#include "rules/registry.h"

#include <string.h>
#include <strings.h>

static const RuleInfo rules[] = {
    /* ---- the scanner itself ---------------------------------------------- */
    {"E999", "", "syntax-error", SEV_MEDIUM, CONF_HIGH, 0,
     "A Python file could not be parsed, so it was not checked",
     "What: the file is not valid Python 3.13 (krait parses as CPython 3.13 does),\n"
     "or it is not valid UTF-8 / its declared encoding, or it nests deeper than\n"
     "the parser allows. The message gives CPython's reason and position.\n"
     "Why: nothing in a file that does not parse is checked, so a syntax error\n"
     "can hide real problems (Bandit skips such files silently; krait says so).\n"
     "Fix: correct the syntax, or exclude the file if it is not Python 3 (for\n"
     "example a template or Python 2 code) with --exclude or [tool.krait] exclude."},
    {"KR001", "RUF100", "unused-suppression", SEV_LOW, CONF_HIGH, 1164,
     "A suppression comment suppresses nothing",
     "What: a `# nosec`, `# noqa: S...` or `# krait: ignore[...]` comment (or one\n"
     "rule id in it) matched no finding on its line or statement. Reported only\n"
     "with `krait scan --report-unused-suppressions`.\n"
     "Why: a stale suppression silently hides the next real problem written on\n"
     "that line; a misspelt id suppresses nothing while looking as if it did.\n"
     "Example: `subprocess.run(cmd)  # nosec B602` after shell=True was removed.\n"
     "Fix: delete the comment or the id that no longer applies, or correct the\n"
     "id (`krait rules` lists them)."},

    /* ---- code rules ported from Bandit (check.c) ----------------------- */
#include "rules/registry_bandit.inc"

    /* ---- krait's own code rules (check.c) --------------------------------- */
#include "rules/registry_krait.inc"

    /* ---- dependencies ---------------------------------------------------- */
    {"DEP001", "", "vulnerable-dependency", SEV_HIGH, CONF_HIGH, 1395,
     "A dependency has a known vulnerability",
     "What: the project installs a package version that an OSV advisory (PyPA's\n"
     "advisory database, GitHub, OSV) lists as vulnerable.\n"
     "Why: known vulnerabilities come with public exploits; a vulnerable dependency\n"
     "exposes everything that imports it.\n"
     "Example: requests==2.19.0 in requirements.txt (PYSEC-2018-28).\n"
     "Fix: upgrade to the fixed version krait names (`krait deps --fix` rewrites\n"
     "pins in requirements files), or record a reasoned, expiring ignore in\n"
     "[tool.krait.deps] ignore when the vulnerable code is unreachable.\n"
     "The severity is the advisory's when it has one (CVSS or the database's\n"
     "rating), HIGH otherwise."},
    {"DEP002", "", "unpinned-requirement", SEV_LOW, CONF_HIGH, 1357,
     "A requirement is not pinned to one version",
     "What: a requirement allows a range of versions (requests>=2.0) instead of\n"
     "one (requests==2.32.3) or comes without a lock file.\n"
     "Why: what gets installed changes over time without any change to the\n"
     "project; builds are not reproducible and a compromised or vulnerable\n"
     "release can slip in. krait audits every version the range allows and\n"
     "reports the advisories that may apply.\n"
     "Fix: pin exact versions in requirements files or commit a lock file\n"
     "(pip-compile, uv lock, poetry lock), ideally with hashes."},
    {"DEP003", "", "unauditable-requirement", SEV_LOW, CONF_HIGH, 1357,
     "A requirement comes from a URL, VCS or local path and cannot be audited",
     "What: the requirement names a direct URL, a git repository or a local\n"
     "path instead of a released version.\n"
     "Why: no advisory database can say whether such code is vulnerable, and\n"
     "its content can change under the same reference.\n"
     "Fix: depend on a released version from the package index, or pin the\n"
     "VCS reference to a commit hash and review it."},
    {"DEP004", "", "malicious-package", SEV_CRITICAL, CONF_HIGH, 506,
     "A dependency is a known malicious package",
     "What: the package is listed in the OpenSSF malicious-packages data (OSV\n"
     "MAL- advisories): it was published to steal credentials, run code at\n"
     "install time or similar.\n"
     "Why: installing it is already the compromise.\n"
     "Fix: remove it, rotate every secret the machine that installed it could\n"
     "reach, and check for persistence."},
    {"DEP101", "", "typosquatted-package", SEV_HIGH, CONF_MEDIUM, 1357,
     "A requirement's name imitates a popular PyPI project's name",
     "What: the name is not among the most downloaded PyPI projects but is one small\n"
     "change away from one of them: a letter added, dropped, swapped or replaced,\n"
     "a separator changed, or a look-alike character (0/o, 1/l, rn/m).\n"
     "Why: attackers publish such names hoping for a typing mistake; the package\n"
     "runs its code at install time.\n"
     "Example: reqeusts==2.31.0 (imitates requests).\n"
     "Fix: check the name; depend on the project you meant, and remove and\n"
     "investigate the impostor if it was installed."},
    {"DEP201", "", "license-denied", SEV_HIGH, CONF_HIGH, 0,
     "A dependency's licence is denied by the licence policy",
     "What: the licence of an installed distribution is on the deny list (or in a\n"
     "denied category) of [tool.krait.licenses].\n"
     "Why: shipping code under a licence the project cannot accept is a legal risk.\n"
     "Fix: replace the dependency, obtain another licence, or add a per-package\n"
     "exception to the policy after review."},
    {"DEP202", "", "license-unknown", SEV_MEDIUM, CONF_MEDIUM, 0,
     "A dependency's licence could not be determined or is not covered by the policy",
     "What: neither License-Expression, the licence classifiers nor the License\n"
     "field name a licence krait recognises, or the policy says nothing about it.\n"
     "Why: an unknown licence cannot be checked against the policy.\n"
     "Fix: find the licence in the project's source and record an exception."},
    {"DEP203", "", "license-expression-invalid", SEV_LOW, CONF_HIGH, 0,
     "A distribution's License-Expression is not a valid SPDX expression",
     "What: the PEP 639 License-Expression field does not parse as SPDX.\n"
     "Why: tools cannot evaluate it; the licence is effectively unknown.\n"
     "Fix: report it upstream; meanwhile review the licence by hand."},
    {"DEP204", "", "license-id-deprecated", SEV_LOW, CONF_HIGH, 0,
     "A licence expression uses an SPDX id that SPDX deprecated",
     "What: the expression names a deprecated id (GPL-2.0 instead of GPL-2.0-only).\n"
     "Why: deprecated ids are ambiguous about the exact terms.\n"
     "Fix: ask upstream to use the current id."},
    {"DEP205", "", "license-ambiguous", SEV_LOW, CONF_MEDIUM, 0,
     "A distribution's licence metadata names a family but not which licence",
     "What: the metadata says \"BSD\" or \"GPL\" without the version or variant.\n"
     "Why: the obligations differ between variants.\n"
     "Fix: check the licence text shipped with the project."},

    /* ---- the Python version a project targets ---------------------------- */
    {"PY001", "", "python-end-of-life", SEV_HIGH, CONF_HIGH, 1104,
     "The project targets a CPython release line past its end of life",
     "What: requires-python, .python-version, a Dockerfile, tox or CI configuration\n"
     "names a CPython line that no longer receives security fixes (2.7 and\n"
     "3.0-3.10 as of November 2026).\n"
     "Why: vulnerabilities found in the interpreter and standard library are no\n"
     "longer fixed for it.\n"
     "Fix: move to a supported CPython release and update the declaration."},
    {"PY002", "", "python-end-of-life-soon", SEV_MEDIUM, CONF_HIGH, 1104,
     "The project targets a CPython release line that reaches end of life within six months",
     "What: the targeted line's end-of-life date is less than six months away.\n"
     "Why: after that date security fixes stop.\n"
     "Fix: plan the upgrade to a newer CPython release now."},
    {"PY003", "", "python-constraint-admits-eol", SEV_LOW, CONF_HIGH, 1104,
     "The interpreter constraint still admits a CPython line past its end of life",
     "What: a constraint such as requires-python = \">=3.8\" still allows end-of-life\n"
     "interpreters.\n"
     "Why: users may run the project on an interpreter without security fixes.\n"
     "Fix: raise the lower bound to a supported release."},

    /* ---- secrets: one row per line of src/secrets/detectors.def ---------- */
#define SECRET_DETECTOR(ENUM, id, name, sev, conf, desc, example, fix)                           \
    {id, "", name, SEV_##sev, CONF_##conf, 798, "Hard-coded secret: " desc,                      \
     "What: " desc ".\n"                                                                          \
     "Why: anyone who can read the repository, a fork, a package built from it\n"                 \
     "or its history can use the credential; deleting the line does not remove it\n"             \
     "from history. Findings show only the first characters and the length.\n"                  \
     "Example: " example "\n"                                                                     \
     "Fix: " fix ". Details: docs/secrets.md."},
#include "secrets/detectors.def"
#undef SECRET_DETECTOR
};

const RuleInfo *registry_all(size_t *n)
{
    *n = sizeof rules / sizeof rules[0];
    return rules;
}

/* Whether the comma-separated list has an entry equal to id (or starting
 * with it when prefix is true). */
static bool alias_match(const char *aliases, const char *id, bool prefix)
{
    size_t len = strlen(id);
    for (const char *p = aliases; *p;) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (prefix ? (n >= len && strncasecmp(p, id, len) == 0) : (n == len && strncasecmp(p, id, n) == 0))
            return true;
        p += n + (end ? 1 : 0);
    }
    return false;
}

const RuleInfo *registry_find(const char *id)
{
    size_t n;
    const RuleInfo *all = registry_all(&n);
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(all[i].id, id) == 0 || alias_match(all[i].aliases, id, false)) return &all[i];
    return NULL;
}

bool registry_rule_matches(const RuleInfo *rule, const char *prefix)
{
    if (strcasecmp(prefix, "ALL") == 0) return true;
    size_t len = strlen(prefix);
    return strncasecmp(rule->id, prefix, len) == 0 || alias_match(rule->aliases, prefix, true);
}
