/* cmd_scan.c - `krait scan`: everything that applies below the given paths.
 * Argument parsing, the configuration file merged under the flags (a flag
 * given replaces the file's setting), rule selection, thresholds, baselines
 * and output; the work is in src/scan/scan.c. Usage is in usage() below,
 * README.md and docs/configuration.md. */
#include "cli/commands.h"
#include "cli/cli_args.h"
#include "base/file.h"
#include "base/strbuf.h"
#include "config/config.h"
#include "report/report.h"
#include "rules/registry.h"
#include "scan/baseline.h"
#include "scan/scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { MAX_LIST = 256 };

typedef struct StrList {
    const char *items[MAX_LIST];
    size_t n;
} StrList;

typedef struct ScanArgs {
    Arena strings;              /* copies of split option values */
    StrList paths, select, ignore, excludes, extend_excludes;
    bool has_select, has_ignore, has_excludes;
    const char *output, *db_path, *config_path, *python_version;
    const char *baseline, *write_baseline;
    int format, severity, confidence, fail_on;   /* 0: not given */
    unsigned threads;
    bool no_gitignore, no_deps, no_secrets, report_unused;
} ScanArgs;

/* What decides which findings are reported: the flags over the file. */
typedef struct Selection {
    const char *const *select;
    size_t n_select;
    const char *const *ignore;
    size_t n_ignore;
    int severity, confidence, fail_on;
    bool report_unused;
    const KraitConfig *config;
} Selection;

static void usage(FILE *out)
{
    fputs("usage: krait scan [PATH...] [options]\n"
          "\n"
          "Scans everything that applies below each PATH (default .): Python files\n"
          "(.py, .pyi, python shebangs) and dependency manifests; '-' reads Python\n"
          "from standard input.\n"
          "\n"
          "  --select IDS               only these rules (ids, aliases or prefixes: E9,DEP)\n"
          "  --ignore IDS               not these rules\n"
          "  --config FILE              settings from FILE (pyproject.toml or .bandit)\n"
          "                             instead of ./pyproject.toml or the root's\n"
          "  --report-unused-suppressions  report comments that suppress nothing (KR001)\n"
          "  --baseline FILE            report only findings not in FILE\n"
          "  --write-baseline FILE      write the findings' fingerprints to FILE\n"
          "  --severity-threshold LVL   report findings at or above LVL (low)\n"
          "  --confidence-threshold LVL report findings at or above LVL (low)\n"
          "  --fail-on LVL              exit 1 only for reported findings at or above LVL (low)\n"
          "  --format FMT               text, json, sarif or github (text)\n"
          "  -o, --output FILE          write the report to FILE\n"
          "  -j N                       worker threads (default: every core)\n"
          "  --exclude PATTERNS         gitignore-style patterns, comma-separated\n"
          "  --extend-exclude PATTERNS  more patterns, added to the configuration's\n"
          "  --no-gitignore             do not honour .gitignore files\n"
          "  --db FILE                  the advisory database for manifests found\n"
          "  --no-deps                  do not audit dependency manifests\n"
          "  --no-secrets               do not look for hard-coded secrets\n"
          "  --python-version X.Y       target Python for environment markers (3.12)\n",
          out);
}



/* Appends the comma-separated items of value (split in a copy). */
static int add_items(Arena *arena, StrList *l, const char *value, bool split)
{
    char *copy = arena_strndup(arena, value, strlen(value));
    for (char *tok = split ? strtok(copy, ",") : copy; tok; tok = split ? strtok(NULL, ",") : NULL) {
        while (*tok == ' ') tok++;
        if (!*tok) continue;
        if (l->n >= MAX_LIST) {
            fprintf(stderr, "krait scan: at most %d items in one list\n", MAX_LIST);
            return -1;
        }
        l->items[l->n++] = tok;
    }
    return 0;
}

static int parse_level(const char *v, int (*parse)(const char *), int *out, const char *what)
{
    *out = parse(v);
    if (*out < 0) {
        fprintf(stderr, "krait scan: unknown %s '%s'\n", what, v);
        return -1;
    }
    return 0;
}

static int parse_args(int argc, char **argv, ScanArgs *a)
{
    memset(a, 0, sizeof *a);
    arena_init(&a->strings);
    a->format = REPORT_TEXT;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *v;
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            usage(stdout);
            return 1;
        } else if (cli_opt_is(arg, "--select")) {
            if (cli_take_value("scan", argc, argv, &i, &v) < 0 || add_items(&a->strings, &a->select, v, true) < 0) return -1;
            a->has_select = true;
        } else if (cli_opt_is(arg, "--ignore")) {
            if (cli_take_value("scan", argc, argv, &i, &v) < 0 || add_items(&a->strings, &a->ignore, v, true) < 0) return -1;
            a->has_ignore = true;
        } else if (cli_opt_is(arg, "--exclude")) {
            if (cli_take_value("scan", argc, argv, &i, &v) < 0 || add_items(&a->strings, &a->excludes, v, true) < 0) return -1;
            a->has_excludes = true;
        } else if (cli_opt_is(arg, "--extend-exclude")) {
            if (cli_take_value("scan", argc, argv, &i, &v) < 0 || add_items(&a->strings, &a->extend_excludes, v, true) < 0)
                return -1;
        } else if (cli_opt_is(arg, "--config")) {
            if (cli_take_value("scan", argc, argv, &i, &a->config_path) < 0) return -1;
        } else if (cli_opt_is(arg, "--baseline")) {
            if (cli_take_value("scan", argc, argv, &i, &a->baseline) < 0) return -1;
        } else if (cli_opt_is(arg, "--write-baseline")) {
            if (cli_take_value("scan", argc, argv, &i, &a->write_baseline) < 0) return -1;
        } else if (strcmp(arg, "--report-unused-suppressions") == 0) {
            a->report_unused = true;
        } else if (cli_opt_is(arg, "--severity-threshold")) {
            if (cli_take_value("scan", argc, argv, &i, &v) < 0 || parse_level(v, severity_parse, &a->severity, "severity") < 0)
                return -1;
        } else if (cli_opt_is(arg, "--confidence-threshold")) {
            if (cli_take_value("scan", argc, argv, &i, &v) < 0 ||
                parse_level(v, confidence_parse, &a->confidence, "confidence") < 0)
                return -1;
        } else if (cli_opt_is(arg, "--fail-on")) {
            if (cli_take_value("scan", argc, argv, &i, &v) < 0 || parse_level(v, severity_parse, &a->fail_on, "severity") < 0)
                return -1;
        } else if (cli_opt_is(arg, "--format") || strcmp(arg, "-f") == 0) {
            if (cli_take_value("scan", argc, argv, &i, &v) < 0) return -1;
            if ((a->format = report_format_parse(v)) < 0) {
                fprintf(stderr, "krait scan: unknown format '%s' (text, json, sarif, github)\n", v);
                return -1;
            }
        } else if (cli_opt_is(arg, "--output") || strcmp(arg, "-o") == 0) {
            if (cli_take_value("scan", argc, argv, &i, &a->output) < 0) return -1;
        } else if (strncmp(arg, "-j", 2) == 0) {
            v = arg[2] ? arg + 2 : NULL;
            if (!v && cli_take_value("scan", argc, argv, &i, &v) < 0) return -1;
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || n < 1 || n > 1024) {
                fprintf(stderr, "krait scan: -j takes a number of threads from 1 to 1024\n");
                return -1;
            }
            a->threads = (unsigned)n;
        } else if (cli_opt_is(arg, "--db")) {
            if (cli_take_value("scan", argc, argv, &i, &a->db_path) < 0) return -1;
        } else if (cli_opt_is(arg, "--python-version")) {
            if (cli_take_value("scan", argc, argv, &i, &a->python_version) < 0) return -1;
        } else if (strcmp(arg, "--no-gitignore") == 0) {
            a->no_gitignore = true;
        } else if (strcmp(arg, "--no-deps") == 0) {
            a->no_deps = true;
        } else if (strcmp(arg, "--no-secrets") == 0) {
            a->no_secrets = true;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            fprintf(stderr, "krait scan: unknown option '%s' (see krait scan --help)\n", arg);
            return -1;
        } else if (add_items(&a->strings, &a->paths, arg, false) < 0) {
            return -1;
        }
    }
    for (size_t i = 0; i < a->select.n + a->ignore.n; i++) {
        const char *id = i < a->select.n ? a->select.items[i] : a->ignore.items[i - a->select.n];
        size_t n;
        const RuleInfo *all = registry_all(&n);
        bool known = false;
        for (size_t k = 0; k < n && !known; k++) known = registry_rule_matches(&all[k], id);
        if (!known) {
            const char *ids[1024];
            size_t k = 0;
            for (size_t r = 0; r < n && k < 1024; r++) ids[k++] = all[r].id;
            const char *near = config_did_you_mean(id, ids, k);
            fprintf(stderr, "krait scan: no rule matches '%s'%s%s%s (see krait rules)\n", id,
                    near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
            return -1;
        }
    }
    return 0;
}

static bool selected_by(const RuleInfo *rule, const char *const *ids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (registry_rule_matches(rule, ids[i])) return true;
    return false;
}

/* KR001 findings exist only when asked for, so select and the thresholds
 * do not drop them; ignore and per-file-ignores still do. */
static bool keep_finding(const Finding *f, void *ctx)
{
    const Selection *s = ctx;
    bool asked = s->report_unused && strcmp(f->rule->id, "KR001") == 0;
    if (!asked && (f->severity < s->severity || f->confidence < s->confidence)) return false;
    if (!asked && s->n_select && !selected_by(f->rule, s->select, s->n_select)) return false;
    if (selected_by(f->rule, s->ignore, s->n_ignore)) return false;
    return !config_file_ignores(s->config, f->path, f->rule);
}

static bool not_in_baseline(const Finding *f, void *ctx)
{
    return !baseline_contains(ctx, f);
}

/* The flags over the file: a flag given replaces the file's setting. */
static void select_from(const ScanArgs *a, const KraitConfig *c, Selection *s)
{
    s->config = c;
    s->report_unused = a->report_unused;
    s->select = a->has_select ? a->select.items : c->select.items;
    s->n_select = a->has_select ? a->select.n : c->select.n;
    s->ignore = a->has_ignore ? a->ignore.items : c->ignore.items;
    s->n_ignore = a->has_ignore ? a->ignore.n : c->ignore.n;
    s->severity = a->severity ? a->severity : c->severity_threshold ? c->severity_threshold : SEV_LOW;
    s->confidence = a->confidence ? a->confidence : c->confidence_threshold ? c->confidence_threshold : CONF_LOW;
    s->fail_on = a->fail_on ? a->fail_on : c->fail_on ? c->fail_on : SEV_LOW;
}

/* --exclude (or the file's exclude), then both extend-excludes. */
static const char **excludes_from(Arena *arena, const ScanArgs *a, const KraitConfig *c, size_t *n)
{
    const char *const *base = a->has_excludes ? a->excludes.items : c->exclude.items;
    size_t n_base = a->has_excludes ? a->excludes.n : c->exclude.n;
    size_t total = n_base + c->extend_exclude.n + a->extend_excludes.n;
    const char **all = ARENA_ARRAY(arena, const char *, total ? total : 1);
    *n = 0;
    for (size_t i = 0; i < n_base; i++) all[(*n)++] = base[i];
    for (size_t i = 0; i < c->extend_exclude.n; i++) all[(*n)++] = c->extend_exclude.items[i];
    for (size_t i = 0; i < a->extend_excludes.n; i++) all[(*n)++] = a->extend_excludes.items[i];
    return all;
}



static int write_report(const ScanArgs *a, const FindingList *findings, const ScanStats *stats, KraitError *err)
{
    StrBuf out;
    strbuf_init(&out);
    ReportOptions ro = {(ReportFormat)a->format, a->format == REPORT_TEXT && !a->output && isatty(1), "0.1.0",
                        stats->files, "files"};
    report_write(&out, findings, &ro);
    int rc = 0;
    if (a->output)
        rc = file_write_atomic(a->output, out.data ? out.data : "", out.len, err);
    else
        fwrite(out.data ? out.data : "", 1, out.len, stdout);
    strbuf_free(&out);
    return rc;
}

/* --write-baseline records every reported finding, before --baseline
 * drops the known ones, so rewriting a baseline is idempotent. */
static int apply_baselines(const ScanArgs *a, FindingList *findings, KraitError *err)
{
    if (a->write_baseline) {
        if (baseline_write(a->write_baseline, findings, err) < 0) return -1;
        fprintf(stderr, "krait: wrote %zu finding%s to the baseline %s\n", findings->n, findings->n == 1 ? "" : "s",
                a->write_baseline);
    }
    if (!a->baseline) return 0;
    Baseline b;
    if (baseline_load(a->baseline, &b, err) < 0) return -1;
    finding_list_retain(findings, not_in_baseline, &b);
    baseline_free(&b);
    return 0;
}

/* The options rules understand, by rule and key ([tool.krait.rules.ID]). */
typedef enum OptionKind { OPTION_BOOL, OPTION_STRINGS } OptionKind;

typedef struct KnownOption {
    const char *rule;
    const char *key;
    OptionKind kind;
} KnownOption;

static const KnownOption KNOWN_OPTIONS[] = {
    {"B105", "password-words", OPTION_STRINGS},
    {"B108", "tmp-dirs", OPTION_STRINGS},
    {"B110", "check-typed-exception", OPTION_BOOL},
    {"B704", "markup-names", OPTION_STRINGS},
    {"B704", "allowed-markup-calls", OPTION_STRINGS},
};
enum { N_KNOWN_OPTIONS = sizeof KNOWN_OPTIONS / sizeof KNOWN_OPTIONS[0] };

/* Every option written must be one a rule reads, with the right type. */
static int check_rule_options(const KraitConfig *c, KraitError *err)
{
    for (size_t i = 0; i < c->n_rule_options; i++) {
        const ConfigRuleOption *o = &c->rule_options[i];
        const char *keys[N_KNOWN_OPTIONS];
        size_t n = 0;
        const KnownOption *known = NULL;
        for (size_t k = 0; k < N_KNOWN_OPTIONS; k++) {
            if (registry_find(KNOWN_OPTIONS[k].rule) != o->rule) continue;
            keys[n++] = KNOWN_OPTIONS[k].key;
            if (strcmp(KNOWN_OPTIONS[k].key, o->key) == 0) known = &KNOWN_OPTIONS[k];
        }
        int line = o->value->line, col = o->value->col;
        if (!known) {
            const char *near = config_did_you_mean(o->key, keys, n);
            return error_set(err, c->path, line, col, "%s has no option '%s'%s%s%s (see docs/configuration.md)",
                             o->rule->id, o->key, near ? " (did you mean '" : "", near ? near : "",
                             near ? "'?)" : "");
        }
        if (known->kind == OPTION_BOOL && o->value->kind != TOML_BOOL)
            return error_set(err, c->path, line, col, "%s %s must be true or false", o->rule->id, o->key);
        if (known->kind == OPTION_STRINGS && !o->strings && o->value->kind != TOML_ARRAY)
            return error_set(err, c->path, line, col, "%s %s must be an array of strings", o->rule->id, o->key);
    }
    return 0;
}

static void strings_option(const KraitConfig *c, const char *rule, const char *key, const char *const **list,
                           size_t *n)
{
    if (config_rule_option_strings(c, rule, key, list, n) != 1) {
        *list = NULL;
        *n = 0;
    }
}

static void rules_options_from(const KraitConfig *c, RulesOptions *ro)
{
    memset(ro, 0, sizeof *ro);
    const ConfigRuleOption *typed = config_rule_option(c, "B110", "check-typed-exception");
    if (typed) toml_get_bool(typed->value, &ro->check_typed_exception);
    strings_option(c, "B108", "tmp-dirs", &ro->tmp_dirs, &ro->n_tmp_dirs);
    strings_option(c, "B704", "markup-names", &ro->markup_names, &ro->n_markup_names);
    strings_option(c, "B704", "allowed-markup-calls", &ro->allowed_markup_calls, &ro->n_allowed_markup_calls);
    strings_option(c, "B105", "password-words", &ro->password_words, &ro->n_password_words);
}

static int load_config(Arena *arena, const ScanArgs *a, KraitConfig *config, KraitError *err)
{
    if (config_discover(arena, a->config_path, a->paths.items, a->paths.n, config, err) < 0 ||
        check_rule_options(config, err) < 0)
        return -1;
    for (size_t i = 0; i < config->n_warnings; i++) cli_print_warning(&config->warnings[i], NULL);
    return 0;
}

int cmd_scan(int argc, char **argv)
{
    ScanArgs a;
    int prc = parse_args(argc, argv, &a);
    if (prc != 0) {
        if (prc < 0) usage(stderr);
        arena_free(&a.strings);
        return prc < 0 ? EXIT_ERROR : EXIT_CLEAN;
    }
    if (a.paths.n == 0) a.paths.items[a.paths.n++] = ".";
    Arena arena;
    arena_init(&arena);
    KraitError err;
    KraitConfig config;
    int status = EXIT_CLEAN;
    FindingList findings;
    finding_list_init(&findings);
    if (load_config(&arena, &a, &config, &err) < 0) {
        error_print(stderr, &err);
        status = EXIT_ERROR;
        goto done;
    }
    Selection sel;
    select_from(&a, &config, &sel);
    RulesOptions rules_options;
    rules_options_from(&config, &rules_options);
    size_t n_excludes;
    const char **excludes = excludes_from(&arena, &a, &config, &n_excludes);
    char date[16];
    cli_today(date, sizeof date);
    ScanOptions so = {
        .roots = a.paths.items, .n_roots = a.paths.n,
        .walk = {.use_gitignore = !a.no_gitignore, .excludes = excludes, .n_excludes = n_excludes},
        .threads = a.threads, .audit_deps = !a.no_deps, .secrets = !a.no_secrets, .db_path = a.db_path,
        .audit = {config.deps_ignores, config.n_deps_ignores, date, {{0}, NULL, 0},
                  config.has_license_policy ? &config.licenses : NULL},
        .report_unused_suppressions = a.report_unused, .config = &config, .rules = &rules_options,
    };
    pep508_env_default(&so.audit.env);
    char full[32];
    if (a.python_version) {
        snprintf(full, sizeof full, "%s.0", a.python_version);
        pep508_env_set(&so.audit.env, "python_version", a.python_version);
        pep508_env_set(&so.audit.env, "python_full_version", full);
    }
    ScanStats stats;
    if (scan_run(&so, &findings, &stats, cli_print_warning, NULL, &err) < 0) {
        error_print(stderr, &err);
        status = EXIT_ERROR;
        goto done;
    }
    finding_list_retain(&findings, keep_finding, &sel);
    finding_list_sort(&findings);
    finding_list_fingerprint(&findings);
    if (apply_baselines(&a, &findings, &err) < 0 || write_report(&a, &findings, &stats, &err) < 0) {
        error_print(stderr, &err);
        status = EXIT_ERROR;
        goto done;
    }
    if (!a.write_baseline)
        for (size_t i = 0; i < findings.n; i++)
            if (findings.items[i].severity >= sel.fail_on) status = EXIT_FINDINGS;
done:
    finding_list_free(&findings);
    arena_free(&arena);
    arena_free(&a.strings);
    return status;
}
