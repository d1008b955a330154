/* cmd_db.c - `krait db update|import|info|lookup`: the offline advisory database.
 * The database path comes from --db, else vulndb_default_path ($KRAIT_DB,
 * XDG cache, ~/.cache). Malformed advisories are warnings on stderr (the
 * first few in full, then a count); the import still succeeds. */
#include "cli/commands.h"
#include "deps/vulndb.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { WARNINGS_SHOWN = 20 };

typedef struct DbArgs {
    const char *action;
    const char *operand;       /* PATH for import, the first NAME for lookup */
    char **names;              /* every NAME for lookup */
    int n_names;
    const char *url;           /* --url for update */
    const char *db_path;       /* --db */
    long timeout;              /* --timeout for update; 0: the defaults */
} DbArgs;

typedef struct WarnState {
    size_t count;
} WarnState;

static void usage(FILE *out)
{
    fputs("usage: krait db update [--url URL] [--timeout SECONDS]  download the OSV PyPI export and import it\n"
          "       krait db import PATH       import an OSV zip export or a folder of .json files\n"
          "       krait db info              show where the database is, its source, date and counts\n"
          "       krait db lookup NAME...    print each package's advisories as JSON lines\n"
          "Every action takes --db PATH; without it the database is $KRAIT_DB, else\n"
          "$XDG_CACHE_HOME/krait/" VULNDB_FILE_NAME ", else ~/.cache/krait/" VULNDB_FILE_NAME ".\n"
          "The update URL is --url, else $KRAIT_DB_URL, else " VULNDB_DEFAULT_URL ".\n"
          "--timeout bounds connecting and a stalled transfer (defaults 30 and 60 seconds).\n",
          out);
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
    fputs("krait db: ", stderr);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n", stderr);
    usage(stderr);
    return EXIT_ERROR;
}

static int parse_seconds(const char *text, long *out)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (end == text || *end || v < 1 || v > 3600) return -1;
    *out = v;
    return 0;
}

static int parse_args(int argc, char **argv, DbArgs *args)
{
    memset(args, 0, sizeof *args);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--url") == 0 || strcmp(a, "--db") == 0 || strcmp(a, "--timeout") == 0) {
            if (i + 1 >= argc) return usage_error("%s needs a value", a);
            const char *value = argv[++i];
            if (a[2] == 'u') args->url = value;
            else if (a[2] == 'd') args->db_path = value;
            else if (parse_seconds(value, &args->timeout) < 0)
                return usage_error("--timeout needs whole seconds from 1 to 3600, not '%s'", value);
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option '%s'", a);
        } else if (!args->action) {
            args->action = a;
        } else if (!args->operand || strcmp(args->action, "lookup") == 0) {
            if (!args->operand) args->operand = a;
            argv[1 + args->n_names++] = argv[i];   /* names move to the front; options were consumed */
        } else {
            return usage_error("unexpected argument '%s'", a);
        }
    }
    args->names = argv + 1;
    return 0;
}

static void print_warning(void *ctx, const char *entry, const char *why)
{
    WarnState *w = ctx;
    if (w->count++ < WARNINGS_SHOWN) fprintf(stderr, "krait: warning: %s: skipped: %s\n", entry, why);
}

static int fail(const KraitError *err)
{
    fputs("krait: ", stderr);
    error_print(stderr, err);
    return EXIT_ERROR;
}

/* A failed import or update never touches the database; say so. */
static int fail_unchanged(const KraitError *err, const char *db_path)
{
    fail(err);
    if (access(db_path, F_OK) == 0) fprintf(stderr, "krait: the advisory database at %s was left as it was\n", db_path);
    return EXIT_ERROR;
}

static int resolve_db(const DbArgs *args, char *path, size_t size, int create_dir, KraitError *err)
{
    if (!args->db_path) return vulndb_default_path(path, size, create_dir, err);
    if ((size_t)snprintf(path, size, "%s", args->db_path) >= size) return error_set(err, NULL, 0, 0, "--db path too long");
    return 0;
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void report_import(const VulnDbImportResult *r, const char *db_path, const WarnState *w, double secs)
{
    if (w->count > WARNINGS_SHOWN)
        fprintf(stderr, "krait: warning: %zu more skipped entries not shown\n", w->count - WARNINGS_SHOWN);
    printf("imported %lld advisories for %lld packages into %s in %.2fs\n", r->counts.advisories, r->counts.packages,
           db_path, secs);
    printf("read %zu entries: %zu without a PyPI package, %zu malformed (skipped), %lld duplicate ids (skipped), "
           "%zu not .json (ignored)\n",
           r->read.entries, r->read.not_pypi, r->read.skipped, r->duplicates, r->read.ignored);
}

static int run_import(const DbArgs *args, const char *db_path, KraitError *err)
{
    if (!args->operand) return usage_error("import needs the path of an OSV zip or folder");
    WarnState w = {0};
    VulnDbImportOptions opts = {.on_warning = print_warning, .ctx = &w};
    VulnDbImportResult result;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    if (vulndb_import(args->operand, db_path, &opts, &result, err) < 0) return fail_unchanged(err, db_path);
    report_import(&result, db_path, &w, seconds_since(&start));
    return EXIT_CLEAN;
}

static int run_update(const DbArgs *args, const char *db_path, KraitError *err)
{
    if (args->operand) return usage_error("unexpected argument '%s' (use --url URL)", args->operand);
    const char *url = args->url;
    if (!url) url = getenv("KRAIT_DB_URL");
    if (!url || !*url) url = VULNDB_DEFAULT_URL;
    WarnState w = {0};
    VulnDbImportOptions opts = {.on_warning = print_warning, .ctx = &w, .timeout = args->timeout};
    VulnDbImportResult result;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    fprintf(stderr, "krait: downloading %s\n", url);
    if (vulndb_update(url, db_path, &opts, &result, err) < 0) return fail_unchanged(err, db_path);
    report_import(&result, db_path, &w, seconds_since(&start));
    return EXIT_CLEAN;
}

static int run_info(const DbArgs *args, const char *db_path, KraitError *err)
{
    if (args->operand) return usage_error("unexpected argument '%s'", args->operand);
    VulnDb *db;
    VulnDbInfo info;
    if (vulndb_open_readonly(db_path, &db, err) < 0) return fail(err);
    int rc = vulndb_info(db, &info, err);
    vulndb_close(db);
    if (rc < 0) return fail(err);
    printf("path: %s\nsource: %s\nimported: %s\nschema: %d\n", info.path, info.source, info.imported_at,
           info.schema_version);
    printf("advisories: %lld\nwithdrawn: %lld\nmalicious: %lld\npackages: %lld\naffected: %lld\n",
           info.counts.advisories, info.counts.withdrawn, info.counts.malicious, info.counts.packages,
           info.counts.affected);
    printf("aliases: %lld\nranges: %lld\nevents: %lld\nversions: %lld\nskipped: %lld\n", info.counts.aliases,
           info.counts.ranges, info.counts.events, info.counts.versions, info.skipped);
    return EXIT_CLEAN;
}

static json_t *record_json(const OsvRecord *r)
{
    json_t *aliases = json_array(), *severities = json_array(), *ranges = json_array(), *versions = json_array();
    for (size_t i = 0; i < r->n_aliases; i++) json_array_append_new(aliases, json_string(r->aliases[i]));
    for (size_t i = 0; i < r->n_severities; i++)
        json_array_append_new(severities, json_pack("{s:s, s:s}", "type", r->severities[i].type, "score",
                                                    r->severities[i].score));
    const OsvAffected *a = r->affected;
    for (size_t i = 0; i < a->n_ranges; i++) {
        json_t *events = json_array();
        for (size_t e = 0; e < a->ranges[i].n_events; e++)
            json_array_append_new(events, json_pack("{s:s}", osv_event_kind_name(a->ranges[i].events[e].kind),
                                                    a->ranges[i].events[e].version));
        json_array_append_new(ranges, events);
    }
    for (size_t i = 0; i < a->n_versions; i++) json_array_append_new(versions, json_string(a->versions[i]));
    json_error_t jerr;
    json_t *j = json_pack_ex(&jerr, 0, "{s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:b, s:o, s:o, s:o, s:o}", "id", r->id,
                     "package", a->name, "modified", r->modified, "published", r->published, "withdrawn",
                     r->withdrawn, "summary", r->summary, "severity", r->db_severity, "url", r->url, "malicious",
                     r->malicious, "aliases", aliases, "severities", severities, "ranges", ranges, "versions",
                     versions);
    return j;   /* NULL only if a string is not UTF-8, which jansson refused at import */
}

static int print_lookup(VulnDb *db, const char *name, Arena *arena, KraitError *err)
{
    OsvRecord *recs;
    size_t n;
    if (vulndb_lookup(db, name, arena, &recs, &n, err) < 0) return -1;
    for (size_t i = 0; i < n; i++) {
        json_t *j = record_json(&recs[i]);
        json_object_set_new(j, "query", json_string(name));
        char *line = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
        if (!line) return error_set(err, NULL, 0, 0, "cannot format advisory %s as JSON", recs[i].id);
        puts(line);
        free(line);
        json_decref(j);
    }
    return 0;
}

static int run_lookup(const DbArgs *args, const char *db_path, KraitError *err)
{
    if (args->n_names == 0) return usage_error("lookup needs at least one package name");
    VulnDb *db;
    if (vulndb_open_readonly(db_path, &db, err) < 0) return fail(err);
    Arena arena;
    arena_init(&arena);
    int rc = 0;
    for (int i = 0; i < args->n_names && rc == 0; i++) {
        rc = print_lookup(db, args->names[i], &arena, err);
        arena_reset(&arena);
    }
    arena_free(&arena);
    vulndb_close(db);
    return rc < 0 ? fail(err) : EXIT_CLEAN;
}

int cmd_db(int argc, char **argv)
{
    DbArgs args;
    if (parse_args(argc, argv, &args) != 0) return EXIT_ERROR;
    if (!args.action) return usage_error("missing action (update, import, info or lookup)");
    if (strcmp(args.action, "help") == 0) {
        usage(stdout);
        return EXIT_CLEAN;
    }
    int writes = strcmp(args.action, "update") == 0 || strcmp(args.action, "import") == 0;
    if ((args.url || args.timeout) && strcmp(args.action, "update") != 0)
        return usage_error("--url and --timeout belong to update, not %s", args.action);
    if (!writes && strcmp(args.action, "info") != 0 && strcmp(args.action, "lookup") != 0)
        return usage_error("unknown action '%s'", args.action);
    KraitError err;
    error_clear(&err);
    char db_path[ERROR_PATH_MAX];
    if (resolve_db(&args, db_path, sizeof db_path, writes, &err) < 0) return fail(&err);
    if (strcmp(args.action, "update") == 0) return run_update(&args, db_path, &err);
    if (strcmp(args.action, "import") == 0) return run_import(&args, db_path, &err);
    if (strcmp(args.action, "lookup") == 0) return run_lookup(&args, db_path, &err);
    return run_info(&args, db_path, &err);
}
