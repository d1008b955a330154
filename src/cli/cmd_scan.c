/* cmd_scan.c - `krait scan`: everything that applies below the given paths.
 * Argument parsing, rule selection and thresholds, output; the work is in
 * src/scan/scan.c. Usage is in usage() below and README.md. */
#include "cli/commands.h"
#include "base/file.h"
#include "base/strbuf.h"
#include "config/config.h"
#include "report/report.h"
#include "rules/registry.h"
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
    StrList paths, select, ignore, excludes;
    const char *output, *db_path, *config_path, *python_version;
    int format, severity, confidence, fail_on;
    unsigned threads;
    bool no_gitignore, no_deps, no_secrets;
} ScanArgs;

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
          "  --severity-threshold LVL   report findings at or above LVL (low)\n"
          "  --confidence-threshold LVL report findings at or above LVL (low)\n"
          "  --fail-on LVL              exit 1 only for reported findings at or above LVL (low)\n"
          "  --format FMT               text, json, sarif or github (text)\n"
          "  -o, --output FILE          write the report to FILE\n"
          "  -j N                       worker threads (default: every core)\n"
          "  --exclude PATTERNS         gitignore-style patterns, comma-separated\n"
          "  --no-gitignore             do not honour .gitignore files\n"
          "  --db FILE                  the advisory database for manifests found\n"
          "  --no-deps                  do not audit dependency manifests\n"
          "  --no-secrets               do not look for hard-coded secrets\n"
          "  --python-version X.Y       target Python for environment markers (3.12)\n",
          out);
}

static bool opt_is(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

static int take_value(int argc, char **argv, int *i, const char **out)
{
    const char *eq = strchr(argv[*i], '=');
    if (strncmp(argv[*i], "--", 2) == 0 && eq) {
        *out = eq + 1;
        return 0;
    }
    if (*i + 1 >= argc) {
        fprintf(stderr, "krait scan: %s needs a value\n", argv[*i]);
        return -1;
    }
    *out = argv[++*i];
    return 0;
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
    a->severity = a->confidence = a->fail_on = 1;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *v;
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            usage(stdout);
            return 1;
        } else if (opt_is(arg, "--select")) {
            if (take_value(argc, argv, &i, &v) < 0 || add_items(&a->strings, &a->select, v, true) < 0) return -1;
        } else if (opt_is(arg, "--ignore")) {
            if (take_value(argc, argv, &i, &v) < 0 || add_items(&a->strings, &a->ignore, v, true) < 0) return -1;
        } else if (opt_is(arg, "--exclude")) {
            if (take_value(argc, argv, &i, &v) < 0 || add_items(&a->strings, &a->excludes, v, true) < 0) return -1;
        } else if (opt_is(arg, "--severity-threshold")) {
            if (take_value(argc, argv, &i, &v) < 0 || parse_level(v, severity_parse, &a->severity, "severity") < 0)
                return -1;
        } else if (opt_is(arg, "--confidence-threshold")) {
            if (take_value(argc, argv, &i, &v) < 0 ||
                parse_level(v, confidence_parse, &a->confidence, "confidence") < 0)
                return -1;
        } else if (opt_is(arg, "--fail-on")) {
            if (take_value(argc, argv, &i, &v) < 0 || parse_level(v, severity_parse, &a->fail_on, "severity") < 0)
                return -1;
        } else if (opt_is(arg, "--format") || strcmp(arg, "-f") == 0) {
            if (take_value(argc, argv, &i, &v) < 0) return -1;
            if ((a->format = report_format_parse(v)) < 0) {
                fprintf(stderr, "krait scan: unknown format '%s' (text, json, sarif, github)\n", v);
                return -1;
            }
        } else if (opt_is(arg, "--output") || strcmp(arg, "-o") == 0) {
            if (take_value(argc, argv, &i, &a->output) < 0) return -1;
        } else if (strncmp(arg, "-j", 2) == 0) {
            v = arg[2] ? arg + 2 : NULL;
            if (!v && take_value(argc, argv, &i, &v) < 0) return -1;
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || n < 1 || n > 1024) {
                fprintf(stderr, "krait scan: -j takes a number of threads from 1 to 1024\n");
                return -1;
            }
            a->threads = (unsigned)n;
        } else if (opt_is(arg, "--db")) {
            if (take_value(argc, argv, &i, &a->db_path) < 0) return -1;
        } else if (opt_is(arg, "--python-version")) {
            if (take_value(argc, argv, &i, &a->python_version) < 0) return -1;
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
            fprintf(stderr, "krait scan: no rule matches '%s' (see krait rules)\n", id);
            return -1;
        }
    }
    return 0;
}

static bool keep_finding(const Finding *f, void *ctx)
{
    const ScanArgs *a = ctx;
    if (f->severity < a->severity || f->confidence < a->confidence) return false;
    if (a->select.n) {
        bool selected = false;
        for (size_t i = 0; i < a->select.n && !selected; i++) selected = registry_rule_matches(f->rule, a->select.items[i]);
        if (!selected) return false;
    }
    for (size_t i = 0; i < a->ignore.n; i++)
        if (registry_rule_matches(f->rule, a->ignore.items[i])) return false;
    return true;
}

static void print_warning(const KraitError *w, void *ctx)
{
    (void)ctx;
    fputs("krait: warning: ", stderr);
    error_print(stderr, w);
}

static void today(char *out, size_t size)
{
    const char *fixed = getenv("KRAIT_TODAY");   /* tests pin the date */
    if (fixed && strlen(fixed) == 10) {
        snprintf(out, size, "%s", fixed);
        return;
    }
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, size, "%Y-%m-%d", &tm);
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
    if (config_load(&arena, a.config_path ? a.config_path : "pyproject.toml", &config, &err) < 0) {
        error_print(stderr, &err);
        status = EXIT_ERROR;
        goto done;
    }
    char date[16];
    today(date, sizeof date);
    ScanOptions so = {
        .roots = a.paths.items, .n_roots = a.paths.n,
        .walk = {.use_gitignore = !a.no_gitignore, .excludes = a.excludes.items, .n_excludes = a.excludes.n},
        .threads = a.threads, .audit_deps = !a.no_deps, .secrets = !a.no_secrets, .db_path = a.db_path,
        .audit = {config.deps_ignores, config.n_deps_ignores, date, {{0}, NULL, 0},
                  config.has_license_policy ? &config.licenses : NULL},
    };
    pep508_env_default(&so.audit.env);
    char full[32];
    if (a.python_version) {
        snprintf(full, sizeof full, "%s.0", a.python_version);
        pep508_env_set(&so.audit.env, "python_version", a.python_version);
        pep508_env_set(&so.audit.env, "python_full_version", full);
    }
    ScanStats stats;
    if (scan_run(&so, &findings, &stats, print_warning, NULL, &err) < 0) {
        error_print(stderr, &err);
        status = EXIT_ERROR;
        goto done;
    }
    finding_list_retain(&findings, keep_finding, &a);
    finding_list_sort(&findings);
    finding_list_fingerprint(&findings);
    StrBuf out;
    strbuf_init(&out);
    ReportOptions ro = {(ReportFormat)a.format, a.format == REPORT_TEXT && !a.output && isatty(1), "0.1.0",
                        stats.files, "files"};
    report_write(&out, &findings, &ro);
    if (a.output) {
        if (file_write_atomic(a.output, out.data ? out.data : "", out.len, &err) < 0) {
            error_print(stderr, &err);
            status = EXIT_ERROR;
        }
    } else {
        fwrite(out.data ? out.data : "", 1, out.len, stdout);
    }
    strbuf_free(&out);
    if (status == EXIT_CLEAN)
        for (size_t i = 0; i < findings.n; i++)
            if (findings.items[i].severity >= a.fail_on) status = EXIT_FINDINGS;
done:
    finding_list_free(&findings);
    arena_free(&arena);
    arena_free(&a.strings);
    return status;
}
