/* cmd_deps.c - `krait deps`: audit the dependencies a project declares or
 * installs against the offline advisory database, and optionally rewrite
 * vulnerable pins in requirements files (--fix, atomic; --dry-run shows the
 * diff). Usage is in usage() below and README.md. */
#include "cli/commands.h"
#include "cli/cli_args.h"
#include "base/file.h"
#include "base/strbuf.h"
#include "config/config.h"
#include "deps/audit.h"
#include "deps/license.h"
#include "deps/manifest.h"
#include "deps/vulndb.h"
#include "discover/walk.h"
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_INPUTS 256

typedef struct DepsArgs {
    const char *requirements[MAX_INPUTS];
    size_t n_requirements;
    const char *venvs[MAX_INPUTS];
    size_t n_venvs;
    const char *paths[MAX_INPUTS];
    size_t n_paths;
    const char *db_path;
    const char *config_path;
    const char *output;
    const char *python_version;
    int format;
    int fail_on;
    bool fix;
    bool dry_run;
    bool no_gitignore;
    bool licenses;
} DepsArgs;

static void usage(FILE *out)
{
    fputs("usage: krait deps [PATH...] [-r FILE]... [--path VENV]... [options]\n"
          "\n"
          "Audits dependencies against the offline OSV advisory database.\n"
          "PATH: a manifest (requirements*.txt, pyproject.toml, poetry.lock, uv.lock,\n"
          "pdm.lock, pylock.toml, Pipfile.lock) or a folder searched for them (default .).\n"
          "\n"
          "  -r, --requirement FILE   a requirements file (includes followed)\n"
          "  --path VENV              an installed environment or site-packages folder\n"
          "  --db FILE                the advisory database (default: $KRAIT_DB or the cache)\n"
          "  --config FILE            pyproject.toml with [tool.krait.deps] (default ./pyproject.toml)\n"
          "  --format FMT             text, json, sarif or github (default text)\n"
          "  --output FILE            write the report to FILE\n"
          "  --fail-on SEVERITY       exit 1 only for findings at or above it (default low)\n"
          "  --python-version X.Y     target Python for environment markers (default 3.12)\n"
          "  --fix                    rewrite vulnerable pins in requirements files\n"
          "  --dry-run                with --fix: print the changes, write nothing\n"
          "  --no-gitignore           when searching folders, do not honour .gitignore\n"
          "  --licenses               print each installed distribution's licence and category\n",
          out);
}



static int add_input(const char **list, size_t *n, const char *value)
{
    if (*n >= MAX_INPUTS) {
        fprintf(stderr, "krait deps: at most %d inputs of one kind\n", MAX_INPUTS);
        return -1;
    }
    list[(*n)++] = value;
    return 0;
}

static int parse_args(int argc, char **argv, DepsArgs *a)
{
    memset(a, 0, sizeof *a);
    a->format = REPORT_TEXT;
    a->fail_on = SEV_LOW;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *v;
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            usage(stdout);
            return 1;
        } else if (strcmp(arg, "-r") == 0 || cli_opt_is(arg, "--requirement")) {
            if (cli_take_value("deps", argc, argv, &i, &v) < 0 || add_input(a->requirements, &a->n_requirements, v) < 0) return -1;
        } else if (cli_opt_is(arg, "--path")) {
            if (cli_take_value("deps", argc, argv, &i, &v) < 0 || add_input(a->venvs, &a->n_venvs, v) < 0) return -1;
        } else if (cli_opt_is(arg, "--db")) {
            if (cli_take_value("deps", argc, argv, &i, &a->db_path) < 0) return -1;
        } else if (cli_opt_is(arg, "--config")) {
            if (cli_take_value("deps", argc, argv, &i, &a->config_path) < 0) return -1;
        } else if (cli_opt_is(arg, "--output") || strcmp(arg, "-o") == 0) {
            if (cli_take_value("deps", argc, argv, &i, &a->output) < 0) return -1;
        } else if (cli_opt_is(arg, "--python-version")) {
            if (cli_take_value("deps", argc, argv, &i, &a->python_version) < 0) return -1;
        } else if (cli_opt_is(arg, "--format") || strcmp(arg, "-f") == 0) {
            if (cli_take_value("deps", argc, argv, &i, &v) < 0) return -1;
            a->format = report_format_parse(v);
            if (a->format < 0) {
                fprintf(stderr, "krait deps: unknown format '%s' (text, json, sarif, github)\n", v);
                return -1;
            }
        } else if (cli_opt_is(arg, "--fail-on")) {
            if (cli_take_value("deps", argc, argv, &i, &v) < 0) return -1;
            a->fail_on = severity_parse(v);
            if (a->fail_on < 0) {
                fprintf(stderr, "krait deps: unknown severity '%s' (low, medium, high, critical)\n", v);
                return -1;
            }
        } else if (strcmp(arg, "--fix") == 0) {
            a->fix = true;
        } else if (strcmp(arg, "--dry-run") == 0) {
            a->dry_run = true;
        } else if (strcmp(arg, "--no-gitignore") == 0) {
            a->no_gitignore = true;
        } else if (strcmp(arg, "--licenses") == 0) {
            a->licenses = true;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            fprintf(stderr, "krait deps: unknown option '%s' (see krait deps --help)\n", arg);
            return -1;
        } else if (add_input(a->paths, &a->n_paths, arg) < 0) {
            return -1;
        }
    }
    if (a->dry_run && !a->fix) {
        fprintf(stderr, "krait deps: --dry-run goes with --fix\n");
        return -1;
    }
    return 0;
}


typedef struct Collect {
    Arena *arena;
    DepList *deps;
    KraitError *err;
    int failed;
} Collect;

static int collect_manifest(const char *path, WalkFileKind kind, uint64_t size, void *ctx)
{
    (void)kind;
    (void)size;
    Collect *c = ctx;
    ManifestKind mk = manifest_kind(path);
    if (mk == MANIFEST_NONE) return 0;
    KraitError e;
    if (manifest_read(c->arena, arena_strndup(c->arena, path, strlen(path)), mk, c->deps, &e) < 0) {
        /* one broken manifest does not stop the others */
        fputs("krait: error: ", stderr);
        error_print(stderr, &e);
        c->failed = 1;
    }
    return 0;
}

static int collect(const DepsArgs *a, Arena *arena, DepList *deps)
{
    KraitError err;
    int failed = 0;
    for (size_t i = 0; i < a->n_requirements; i++)
        if (manifest_read(arena, a->requirements[i], MANIFEST_REQUIREMENTS, deps, &err) < 0) {
            fputs("krait: error: ", stderr);
            error_print(stderr, &err);
            failed = 1;
        }
    for (size_t i = 0; i < a->n_venvs; i++)
        if (manifest_read_installed(arena, a->venvs[i], deps, cli_print_warning, NULL, &err) < 0) {
            fputs("krait: error: ", stderr);
            error_print(stderr, &err);
            failed = 1;
        }
    const char *dot = ".";
    const char *const *roots = a->paths;
    size_t n_roots = a->n_paths;
    if (n_roots == 0 && a->n_requirements == 0 && a->n_venvs == 0) {
        roots = &dot;
        n_roots = 1;
    }
    for (size_t i = 0; i < n_roots; i++) {
        struct stat st;
        if (stat(roots[i], &st) == 0 && !S_ISDIR(st.st_mode)) {
            ManifestKind mk = manifest_kind(roots[i]);
            if (mk == MANIFEST_NONE) mk = MANIFEST_REQUIREMENTS;   /* a named file is taken as requirements */
            if (manifest_read(arena, roots[i], mk, deps, &err) < 0) {
                fputs("krait: error: ", stderr);
                error_print(stderr, &err);
                failed = 1;
            }
            continue;
        }
        Collect c = {arena, deps, &err, 0};
        WalkOptions wo = {.use_gitignore = !a->no_gitignore, .want_other_files = true};
        if (walk_run(&roots[i], 1, &wo, collect_manifest, cli_print_warning, &c, &err) < 0) {
            fputs("krait: error: ", stderr);
            error_print(stderr, &err);
            failed = 1;
        }
        failed |= c.failed;
    }
    return failed ? -1 : 0;
}


/* ---- --fix ----------------------------------------------------------------- */

typedef struct Pin {
    const char *path;
    unsigned line;
    const char *package;
    const char *version;
    const char *target;        /* the highest fix over this pin's findings */
    bool unfixable;            /* some finding has no fixed version */
    bool hashed;
} Pin;

static int apply_fix_to_file(const char *path, Pin *pins, size_t n, bool dry_run)
{
    FileData fd;
    KraitError err;
    if (file_read_all(path, 64 << 20, &fd, &err) < 0) {
        error_print(stderr, &err);
        return -1;
    }
    StrBuf out, diff;
    strbuf_init(&out);
    strbuf_init(&diff);
    const char *p = fd.data, *end = fd.data + fd.len;
    unsigned line = 0;
    int changed = 0;
    while (p < end) {
        line++;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
        const Pin *pin = NULL;
        for (size_t i = 0; i < n; i++)
            if (pins[i].line == line && pins[i].target && strcmp(pins[i].path, path) == 0) pin = &pins[i];
        const char *at = NULL;
        if (pin) {
            /* the version after "==" on this line, exactly as the finding saw it */
            for (const char *q = p; q + 2 < p + len && !at; q++) {
                if (q[0] != '=' || q[1] != '=') continue;
                const char *v = q + 2;
                while (*v == ' ') v++;
                size_t vlen = strlen(pin->version);
                if ((size_t)(p + len - v) >= vlen && strncmp(v, pin->version, vlen) == 0) at = v;
            }
        }
        if (!at) {
            strbuf_append(&out, p, len);
        } else {
            size_t vlen = strlen(pin->version);
            strbuf_append(&out, p, (size_t)(at - p));
            strbuf_puts(&out, pin->target);
            strbuf_append(&out, at + vlen, (size_t)(p + len - at - vlen));
            size_t body = len - (nl ? 1 : 0);
            strbuf_printf(&diff, "@@ line %u @@\n-%.*s\n+%.*s%s%.*s\n", line, (int)body, p, (int)(at - p), p,
                          pin->target, (int)(p + body - at - vlen), at + vlen);
            changed++;
        }
        p += len;
    }
    int rc = 0;
    if (changed) {
        if (dry_run) {
            printf("--- %s\n+++ %s (fixed)\n%s", path, path, diff.data);
        } else if (file_write_atomic(path, out.data ? out.data : "", out.len, &err) < 0) {
            error_print(stderr, &err);
            rc = -1;
        } else {
            fprintf(stderr, "krait: fixed %d pin%s in %s\n", changed, changed == 1 ? "" : "s", path);
        }
    }
    strbuf_free(&out);
    strbuf_free(&diff);
    file_data_free(&fd);
    return rc;
}

static int run_fix(const FindingList *findings, bool dry_run)
{
    size_t n = 0;
    Pin *pins = calloc(findings->n ? findings->n : 1, sizeof *pins);
    if (!pins) return -1;
    for (size_t i = 0; i < findings->n; i++) {
        const Finding *f = &findings->items[i];
        const char *src = finding_property(f, "source");
        const char *version = finding_property(f, "version");
        if (strcmp(f->rule->id, "DEP001") != 0 || !src || strcmp(src, "requirements") != 0 || !version) continue;
        const char *fix = finding_property(f, "fix");
        Pin *pin = NULL;
        for (size_t k = 0; k < n; k++)
            if (pins[k].line == f->line && strcmp(pins[k].path, f->path) == 0) pin = &pins[k];
        if (!pin) {
            pin = &pins[n++];
            *pin = (Pin){f->path, f->line, finding_property(f, "package"), version, NULL, false, false};
            pin->hashed = finding_property(f, "hashed") != NULL;
        }
        if (!fix || !*fix) {
            pin->unfixable = true;
            continue;
        }
        Pep440Version a, b;
        if (!pin->target || (pep440_parse(fix, strlen(fix), &a, NULL) == 0 &&
                             pep440_parse(pin->target, strlen(pin->target), &b, NULL) == 0 &&
                             pep440_compare(&a, &b) > 0))
            pin->target = fix;
    }
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        Pin *pin = &pins[i];
        if (pin->unfixable)
            fprintf(stderr, "krait: note: %s:%u: %s %s has a vulnerability with no fixed version%s\n", pin->path,
                    pin->line, pin->package, pin->version, pin->target ? "; upgrading for the others" : "");
        if (pin->target && pin->hashed)
            fprintf(stderr, "krait: note: %s:%u: the --hash values of %s must be regenerated for %s\n", pin->path,
                    pin->line, pin->package, pin->target);
        bool first = true;   /* one rewrite per file, on its first pin */
        for (size_t k = 0; k < i; k++)
            if (strcmp(pins[k].path, pin->path) == 0) first = false;
        if (first && apply_fix_to_file(pin->path, pins, n, dry_run) < 0) rc = -1;
    }
    free(pins);
    return rc;
}

static int write_report(const DepsArgs *a, FindingList *findings, size_t n_deps)
{
    finding_list_sort(findings);
    finding_list_fingerprint(findings);
    StrBuf out;
    strbuf_init(&out);
    ReportOptions ro = {(ReportFormat)a->format, false, "0.1.0", (unsigned)n_deps, "dependencies"};
    report_write(&out, findings, &ro);
    int rc = 0;
    if (a->output) {
        KraitError err;
        if (file_write_atomic(a->output, out.data ? out.data : "", out.len, &err) < 0) {
            error_print(stderr, &err);
            rc = -1;
        }
    } else {
        fwrite(out.data ? out.data : "", 1, out.len, stdout);
    }
    strbuf_free(&out);
    return rc;
}

/* --licenses: package, version, licence, category (and the policy's
 * verdict when there is one) of every installed distribution. Exit 1 when
 * the policy denies one. */
static int print_licenses(const DepList *deps, const KraitConfig *config, Arena *arena)
{
    int status = EXIT_CLEAN;
    size_t shown = 0;
    printf("%-32s %-16s %-40s %s\n", "package", "version", "licence", config->has_license_policy ? "category / verdict" : "category");
    for (size_t i = 0; i < deps->n; i++) {
        const Dep *d = &deps->items[i];
        if (d->source != DEP_FROM_INSTALLED || !d->name) continue;
        LicenseMetadata meta = {d->license_expression, d->classifiers, d->n_classifiers, d->license};
        LicenseResolution res;
        license_resolve(arena, &meta, &res);
        const char *category = license_category_name(res.expr ? license_expr_category(res.expr) : LICENSE_CAT_UNKNOWN);
        printf("%-32s %-16s %-40s %s", d->name, d->version, res.expression ? res.expression : "(unknown)", category);
        if (config->has_license_policy) {
            LicenseDecision dec;
            LicenseVerdict v = license_policy_evaluate(&config->licenses, d->name, res.expr, &dec);
            printf(" / %s", license_verdict_name(v));
            if (v == LICENSE_DENIED) status = EXIT_FINDINGS;
        }
        putchar('\n');
        shown++;
    }
    if (shown == 0) fprintf(stderr, "krait: no installed distributions given (use --path VENV)\n");
    return status;
}

int cmd_deps(int argc, char **argv)
{
    DepsArgs a;
    int prc = parse_args(argc, argv, &a);
    if (prc != 0) {
        if (prc < 0) usage(stderr);
        return prc < 0 ? EXIT_ERROR : EXIT_CLEAN;
    }
    Arena arena;
    arena_init(&arena);
    KraitError err;
    int status = EXIT_CLEAN;
    VulnDb *db = NULL;
    FindingList findings;
    finding_list_init(&findings);

    KraitConfig config;
    if (a.config_path && access(a.config_path, F_OK) != 0) {   /* named: it must exist */
        fprintf(stderr, "%s: no such configuration file\n", a.config_path);
        status = EXIT_ERROR;
        goto done;
    }
    if (config_load(&arena, a.config_path ? a.config_path : "pyproject.toml", &config, &err) < 0) {
        error_print(stderr, &err);
        status = EXIT_ERROR;
        goto done;
    }
    DepList deps = {0};
    bool input_failed = collect(&a, &arena, &deps) < 0;
    if (a.licenses) {
        status = input_failed ? EXIT_ERROR : print_licenses(&deps, &config, &arena);
        goto done;
    }

    char db_path[ERROR_PATH_MAX];
    if (a.db_path) snprintf(db_path, sizeof db_path, "%s", a.db_path);
    else if (vulndb_default_path(db_path, sizeof db_path, 0, &err) < 0) {
        error_print(stderr, &err);
        status = EXIT_ERROR;
        goto done;
    }
    if (vulndb_open_readonly(db_path, &db, &err) < 0) {
        error_print(stderr, &err);
        status = EXIT_ERROR;
        goto done;
    }
    char date[16];
    cli_today(date, sizeof date);
    AuditOptions ao = {config.deps_ignores, config.n_deps_ignores, date, {{0}, NULL, 0},
                       config.has_license_policy ? &config.licenses : NULL};
    pep508_env_default(&ao.env);
    char full[32];
    if (a.python_version) {
        snprintf(full, sizeof full, "%s.0", a.python_version);
        pep508_env_set(&ao.env, "python_version", a.python_version);
        pep508_env_set(&ao.env, "python_full_version", full);
    }
    AuditStats stats;
    if (audit_run(db, &deps, &ao, &arena, &findings, &stats, cli_print_warning, NULL, &err) < 0) {
        error_print(stderr, &err);
        status = EXIT_ERROR;
        goto done;
    }
    if (write_report(&a, &findings, deps.n) < 0) status = EXIT_ERROR;
    if (a.fix && run_fix(&findings, a.dry_run) < 0) status = EXIT_ERROR;
    if (status == EXIT_CLEAN) {
        for (size_t i = 0; i < findings.n; i++)
            if (findings.items[i].severity >= a.fail_on) status = EXIT_FINDINGS;
        if (input_failed) status = EXIT_ERROR;
    }
done:
    if (db) vulndb_close(db);
    finding_list_free(&findings);
    arena_free(&arena);
    return status;
}
