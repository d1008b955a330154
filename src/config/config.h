/* config.h - krait's settings: [tool.krait] in pyproject.toml, or, for
 * projects moving from Bandit, [tool.bandit] in pyproject.toml or a .bandit
 * INI file when no [tool.krait] table exists. docs/configuration.md lists
 * every key. In short:
 *   [tool.krait]
 *   select = ["B", "DEP"]            ignore = ["B101"]
 *   exclude = ["build/"]             extend-exclude = ["legacy/"]
 *   per-file-ignores = {"tests/" = ["B101", "B105"]}
 *   severity-threshold = "medium"    confidence-threshold = "low"
 *   fail-on = "high"
 *   [tool.krait.rules.B108]          options of one rule, read by the rule
 *   tmp-dirs = ["/tmp", "/run/shm"]  through config_rule_option_strings
 *   [tool.krait.deps]
 *   ignore = [{id = "PYSEC-2023-1", reason = "not reachable", expires = 2026-12-31}]
 *   [tool.krait.licenses]           licence policy of installed distributions
 *   deny = ["strong-copyleft"]       allow = [...], exceptions = {pkg = "why"}
 * A missing file is an empty configuration; a malformed one, an unknown key
 * (with a did-you-mean) or an unknown rule id is an error with file, line
 * and column. Everything lives in the caller's arena. */
#ifndef KRAIT_CONFIG_H
#define KRAIT_CONFIG_H

#include "base/arena.h"
#include "base/error.h"
#include "deps/license.h"
#include "config/toml.h"
#include "rules/rule.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct ConfigIgnore {
    const char *id;            /* advisory id or alias */
    const char *reason;        /* NULL when not given */
    const char *expires;       /* "YYYY-MM-DD", or NULL: never */
    const char *path;          /* the file it is written in */
    unsigned line;
} ConfigIgnore;

/* A list of strings and whether the file set it at all (an empty list that
 * was written still overrides). */
typedef struct ConfigStrings {
    const char **items;
    size_t n;
    bool set;
} ConfigStrings;

typedef struct ConfigPerFileIgnore {
    const char *pattern;       /* gitignore-style, relative to KraitConfig.root */
    ConfigStrings ids;         /* rule ids, aliases or prefixes; "ALL" */
} ConfigPerFileIgnore;

typedef struct ConfigRuleOption {
    const RuleInfo *rule;
    const char *key;
    const TomlValue *value;    /* as written, with its line and column */
    const char **strings;      /* a string or an array of strings, else NULL */
    size_t n_strings;
} ConfigRuleOption;

typedef enum ConfigSource {
    CONFIG_SOURCE_NONE,        /* no settings found: the defaults */
    CONFIG_SOURCE_KRAIT,       /* [tool.krait] in pyproject.toml */
    CONFIG_SOURCE_BANDIT_TOML, /* [tool.bandit] in pyproject.toml */
    CONFIG_SOURCE_BANDIT_INI,  /* a .bandit file */
    CONFIG_SOURCE_BANDIT_YAML, /* Bandit's YAML, named with --config */
} ConfigSource;

enum { CONFIG_MAX_WARNINGS = 16 };

typedef struct KraitConfig {
    const char *path;          /* the file read, or NULL when there was none */
    const char *root;          /* its folder ("" for the current one) */
    const char *root_abs;      /* the same, absolute (for absolute scan paths), or NULL */
    ConfigSource source;
    ConfigIgnore *deps_ignores;
    size_t n_deps_ignores;
    ConfigStrings select, ignore, exclude, extend_exclude;
    ConfigPerFileIgnore *per_file_ignores;
    size_t n_per_file_ignores;
    int severity_threshold;    /* Severity; 0 when not set */
    int confidence_threshold;  /* Confidence; 0 when not set */
    int fail_on;               /* Severity; 0 when not set */
    ConfigRuleOption *rule_options;
    size_t n_rule_options;
    /* Settings krait understood but does not use (Bandit's other keys). */
    KraitError warnings[CONFIG_MAX_WARNINGS];
    size_t n_warnings;
    /* [tool.krait.licenses]: allow = [...], deny = [...] (SPDX ids or
     * categories), exceptions = {package = "reason"} */
    bool has_license_policy;
    LicensePolicy licenses;
} KraitConfig;

/* Reads path (a pyproject.toml): [tool.krait], else [tool.bandit]. A file
 * that does not exist gives an empty configuration and 0. */
int config_load(Arena *arena, const char *path, KraitConfig *out, KraitError *err);

/* Reads a .bandit INI file ([bandit] skips, tests, exclude_dirs/exclude). */
int config_load_bandit_ini(Arena *arena, const char *path, KraitConfig *out, KraitError *err);

/* Reads Bandit's YAML configuration (skips, tests, exclude_dirs; the
 * subset of YAML Bandit's documentation uses: flow or block lists). */
int config_load_bandit_yaml(Arena *arena, const char *path, KraitConfig *out, KraitError *err);

/* Finds and reads the configuration for a scan: explicit (--config) when
 * not NULL (it must exist; a name ending in .bandit or a file starting with
 * [bandit] is read as INI, one ending in .yaml or .yml as Bandit's YAML);
 * else pyproject.toml in the current folder, then
 * in the first root when that is a folder: the first one holding
 * [tool.krait] or [tool.bandit] wins, else the first that exists (for its
 * [tool.krait.deps]); without [tool.krait], a .bandit file beside it or in
 * the current folder. */
int config_discover(Arena *arena, const char *explicit_path, const char *const *roots, size_t n_roots,
                    KraitConfig *out, KraitError *err);

/* The option `key` of [tool.krait.rules.<rule>] (rule is any id or alias
 * of the rule), or NULL when not set. */
const ConfigRuleOption *config_rule_option(const KraitConfig *cfg, const char *rule_id, const char *key);
/* The same as a list of strings (a single string is a list of one).
 * Returns 1 and sets *list, *n when set, 0 when not set, -1 when set to
 * something else (config_rule_option gives its position for the message). */
int config_rule_option_strings(const KraitConfig *cfg, const char *rule_id, const char *key,
                               const char *const **list, size_t *n);

/* Whether the per-file-ignores of cfg drop rule for the file at path (as
 * the scan names it; made relative to cfg->root first). */
bool config_file_ignores(const KraitConfig *cfg, const char *path, const RuleInfo *rule);

/* The candidate closest to word by edit distance (at most 2, or a third of
 * its length), or NULL: for did-you-mean hints. */
const char *config_did_you_mean(const char *word, const char *const *candidates, size_t n);

#endif
