/* test_vulndb.c - the advisory database: import from folders and zips,
 * lookups by un-normalised names with every field round-tripped, the
 * read-only handle refusing writes, failed imports leaving the old database,
 * and where the database lives. */
#include "unit.h"
#include "osv_fixtures.h"

#include "deps/vulndb.h"

#include <dirent.h>
#include <sqlite3.h>
#include <sys/time.h>
#include <time.h>

static const FixtureFile db_files[] = {
    {"PYSEC-2099-1.json", FIXTURE_FULL},
    {"PYSEC-2099-2.json", FIXTURE_WITHDRAWN},
    {"MAL-2099-7.json", FIXTURE_MALICIOUS},
    {"GHSA-zzzz-zzzz-zzzz.json", FIXTURE_NPM_ONLY},
    {"PYSEC-2099-3.json", FIXTURE_SECOND},
    {"PYSEC-2099-9.json", FIXTURE_BAD_JSON},
};
enum { N_DB_FILES = sizeof db_files / sizeof db_files[0] };

typedef struct Env {
    char *dir;
    char src[1024];   /* folder of fixtures */
    char db[1024];
    size_t warnings;
} Env;

static void fail_with(UnitContext *t, int line, const KraitError *err)
{
    char msg[400];
    snprintf(msg, sizeof msg, "%.100s: %.250s", err->path, err->message);
    unit_fail(t, __FILE__, line, msg);
}

static void count_warning(void *ctx, const char *entry, const char *why)
{
    (void)entry;
    (void)why;
    ((Env *)ctx)->warnings++;
}

static int env_import(Env *env, const char *source, VulnDbImportResult *res, KraitError *err)
{
    VulnDbImportOptions opts = {.on_warning = count_warning, .ctx = env};
    error_clear(err);
    return vulndb_import(source, env->db, &opts, res, err);
}

/* A folder of fixtures and an imported database in a fresh temporary folder. */
static int env_setup(UnitContext *t, Env *env, const FixtureFile *files, size_t n)
{
    memset(env, 0, sizeof *env);
    env->dir = fixture_tmpdir();
    fixture_path(env->src, sizeof env->src, env->dir, "src");
    fixture_path(env->db, sizeof env->db, env->dir, "osv.sqlite3");
    if (mkdir(env->src, 0755) != 0 || fixture_folder(env->src, files, n) != 0) return -1;
    VulnDbImportResult res;
    KraitError err;
    int rc = env_import(env, env->src, &res, &err);
    if (rc < 0) fail_with(t, __LINE__, &err);
    return rc;
}

static VulnDb *env_open(UnitContext *t, Env *env)
{
    VulnDb *db = NULL;
    KraitError err;
    error_clear(&err);
    if (vulndb_open_readonly(env->db, &db, &err) < 0) fail_with(t, __LINE__, &err);
    return db;
}

static void test_import_counts(UnitContext *t)
{
    Env env;
    memset(&env, 0, sizeof env);
    env.dir = fixture_tmpdir();
    fixture_path(env.src, sizeof env.src, env.dir, "src");
    fixture_path(env.db, sizeof env.db, env.dir, "osv.sqlite3");
    CHECK_INT(t, mkdir(env.src, 0755), 0);
    CHECK_INT(t, fixture_folder(env.src, db_files, N_DB_FILES), 0);
    VulnDbImportResult res;
    KraitError err;
    CHECK_INT(t, env_import(&env, env.src, &res, &err), 0);
    CHECK_INT(t, res.read.entries, 6);
    CHECK_INT(t, res.read.skipped, 1);
    CHECK_INT(t, res.read.not_pypi, 1);
    CHECK_INT(t, env.warnings, 1);
    CHECK_INT(t, res.counts.advisories, 4);
    CHECK_INT(t, res.counts.withdrawn, 1);
    CHECK_INT(t, res.counts.malicious, 1);
    CHECK_INT(t, res.counts.packages, 4);    /* jw-util, loguru, reqeusts, other */
    CHECK_INT(t, res.counts.affected, 5);    /* the two jw.util spellings of PYSEC-2099-1 merge */
    CHECK_INT(t, res.counts.aliases, 3);
    CHECK_INT(t, res.counts.ranges, 5);
    CHECK_INT(t, res.counts.events, 11);
    CHECK_INT(t, res.counts.versions, 6);
    VulnDb *db = env_open(t, &env);
    if (db) {
        VulnDbInfo info;
        CHECK_INT(t, vulndb_info(db, &info, &err), 0);
        CHECK_INT(t, info.schema_version, VULNDB_SCHEMA_VERSION);
        CHECK_STR(t, info.path, env.db);
        CHECK_STR(t, info.source, env.src);
        CHECK_INT(t, strlen(info.imported_at), 20);
        CHECK_INT(t, info.skipped, 1);
        CHECK(t, memcmp(&info.counts, &res.counts, sizeof info.counts) == 0);
        vulndb_close(db);
    }
    fixture_rmtree(env.dir);
}

/* Every field of FIXTURE_FULL comes back, with both affected entries for the
 * package merged into one, ranges and events in file order. */
static void check_full(UnitContext *t, const OsvRecord *r)
{
    CHECK_STR(t, r->summary, "Remote code execution in jw.util");
    CHECK_STR(t, r->modified, "2099-01-02T03:04:05Z");
    CHECK_STR(t, r->published, "2099-01-01T00:00:00Z");
    CHECK(t, r->withdrawn == NULL);
    CHECK_STR(t, r->db_severity, "HIGH");
    CHECK_STR(t, r->url, "https://example.org/advisory");
    CHECK_INT(t, r->malicious, 0);
    CHECK_INT(t, r->n_aliases, 2);
    if (r->n_aliases == 2) CHECK_STR(t, r->aliases[1], "GHSA-aaaa-bbbb-cccc");
    CHECK_INT(t, r->n_severities, 2);
    if (r->n_severities == 2) {
        CHECK_STR(t, r->severities[0].type, "CVSS_V3");
        CHECK_STR(t, r->severities[1].score, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
    }
    CHECK_INT(t, r->n_affected, 1);
    const OsvAffected *a = r->affected;
    CHECK_STR(t, a->name, "jw.util");
    CHECK_STR(t, a->normalized, "jw-util");
    CHECK_INT(t, a->n_ranges, 3);
    if (a->n_ranges != 3) return;
    static const char *const want[3][4] = {
        {"introduced 2.0", "fixed 2.1", "introduced 0", "fixed 1.5"},
        {"introduced 3.0", "last_affected 3.2"},
        {"introduced 4.0", "limit 5.0"},
    };
    static const size_t want_n[3] = {4, 2, 2};
    for (size_t i = 0; i < 3; i++) {
        CHECK_INT(t, a->ranges[i].n_events, want_n[i]);
        for (size_t e = 0; e < want_n[i] && e < a->ranges[i].n_events; e++) {
            char got[64];
            snprintf(got, sizeof got, "%s %s", osv_event_kind_name(a->ranges[i].events[e].kind),
                     a->ranges[i].events[e].version);
            CHECK_STR(t, got, want[i][e]);
        }
    }
    CHECK_INT(t, a->n_versions, 4);
    if (a->n_versions == 4) {
        CHECK_STR(t, a->versions[0], "1.0");
        CHECK_STR(t, a->versions[3], "4.0");
    }
}

static void test_lookup_unnormalised(UnitContext *t)
{
    Env env;
    if (env_setup(t, &env, db_files, N_DB_FILES) < 0) goto done;
    VulnDb *db = env_open(t, &env);
    if (!db) goto done;
    static const char *const spellings[] = {"jw.util", "JW_Util", "jw-util", "Jw..Util"};
    for (size_t s = 0; s < 4; s++) {
        Arena arena;
        arena_init(&arena);
        OsvRecord *recs;
        size_t n;
        KraitError err;
        CHECK_INT(t, vulndb_lookup(db, spellings[s], &arena, &recs, &n, &err), 0);
        CHECK_INT(t, n, 2);
        if (n == 2) {
            CHECK_STR(t, recs[0].id, "PYSEC-2099-1");   /* id order */
            check_full(t, &recs[0]);
            CHECK_STR(t, recs[1].id, "PYSEC-2099-3");
            CHECK_INT(t, recs[1].n_affected, 1);
            CHECK_INT(t, recs[1].affected[0].n_versions, 0);
            CHECK_INT(t, recs[1].n_aliases, 0);
        }
        arena_free(&arena);
    }
    vulndb_close(db);
done:
    fixture_rmtree(env.dir);
}

static void test_lookup_flags(UnitContext *t)
{
    Env env;
    if (env_setup(t, &env, db_files, N_DB_FILES) < 0) goto done;
    VulnDb *db = env_open(t, &env);
    if (!db) goto done;
    Arena arena;
    arena_init(&arena);
    OsvRecord *recs;
    size_t n;
    KraitError err;
    CHECK_INT(t, vulndb_lookup(db, "Loguru", &arena, &recs, &n, &err), 0);
    CHECK_INT(t, n, 1);
    if (n == 1) {
        CHECK_STR(t, recs[0].withdrawn, "2099-02-02T00:00:00Z");
        CHECK_STR(t, recs[0].summary, "This CVE was rejected.");
        CHECK_INT(t, recs[0].affected[0].n_ranges, 0);
    }
    CHECK_INT(t, vulndb_lookup(db, "reqeusts", &arena, &recs, &n, &err), 0);
    CHECK_INT(t, n, 1);
    if (n == 1) {
        CHECK_INT(t, recs[0].malicious, 1);
        CHECK_STR(t, recs[0].id, "MAL-2099-7");
        CHECK(t, recs[0].withdrawn == NULL);
    }
    CHECK_INT(t, vulndb_lookup(db, "left-pad", &arena, &recs, &n, &err), 0);   /* npm only */
    CHECK_INT(t, n, 0);
    CHECK_INT(t, vulndb_lookup(db, "requests", &arena, &recs, &n, &err), 0);
    CHECK_INT(t, n, 0);
    arena_free(&arena);
    vulndb_close(db);
done:
    fixture_rmtree(env.dir);
}

static void test_get_by_id_or_alias(UnitContext *t)
{
    Env env;
    if (env_setup(t, &env, db_files, N_DB_FILES) < 0) goto done;
    VulnDb *db = env_open(t, &env);
    if (!db) goto done;
    Arena arena;
    arena_init(&arena);
    OsvRecord r;
    KraitError err;
    CHECK_INT(t, vulndb_get(db, "GHSA-aaaa-bbbb-cccc", &arena, &r, &err), 0);
    CHECK_STR(t, r.id, "PYSEC-2099-1");
    CHECK_INT(t, vulndb_get(db, "PYSEC-2099-3", &arena, &r, &err), 0);
    CHECK_INT(t, r.n_affected, 2);
    if (r.n_affected == 2) {
        CHECK_STR(t, r.affected[0].normalized, "jw-util");
        CHECK_STR(t, r.affected[1].name, "other");
        CHECK_INT(t, r.affected[1].n_versions, 1);
    }
    CHECK_INT(t, vulndb_get(db, "CVE-1999-0000", &arena, &r, &err), 1);
    arena_free(&arena);
    vulndb_close(db);
done:
    fixture_rmtree(env.dir);
}

static void test_readonly_refuses_writes(UnitContext *t)
{
    Env env;
    if (env_setup(t, &env, db_files, N_DB_FILES) < 0) goto done;
    VulnDb *db = env_open(t, &env);
    if (!db) goto done;
    sqlite3 *h = vulndb_sqlite(db);
    CHECK_INT(t, sqlite3_db_readonly(h, "main"), 1);
    char *msg = NULL;
    int rc = sqlite3_exec(h, "DELETE FROM advisory", NULL, NULL, &msg);
    CHECK_INT(t, rc, SQLITE_READONLY);
    sqlite3_free(msg);
    Arena arena;
    arena_init(&arena);
    OsvRecord *recs;
    size_t n;
    KraitError err;
    CHECK_INT(t, vulndb_lookup(db, "jw.util", &arena, &recs, &n, &err), 0);
    CHECK_INT(t, n, 2);
    arena_free(&arena);
    vulndb_close(db);
done:
    fixture_rmtree(env.dir);
}

/* Only the database itself may remain beside the target: no temporaries. */
static int count_siblings(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *de;
    while (d && (de = readdir(d)) != NULL) n += strstr(de->d_name, "osv.sqlite3") != NULL;
    if (d) closedir(d);
    return n;
}

static void check_old_database(UnitContext *t, Env *env)
{
    CHECK_INT(t, count_siblings(env->dir), 1);
    VulnDb *db = env_open(t, env);
    if (!db) return;
    VulnDbInfo info;
    KraitError err;
    CHECK_INT(t, vulndb_info(db, &info, &err), 0);
    CHECK_INT(t, info.counts.advisories, 4);
    vulndb_close(db);
}

static void test_failed_import_keeps_old(UnitContext *t)
{
    Env env;
    if (env_setup(t, &env, db_files, N_DB_FILES) < 0) goto done;
    VulnDbImportResult res;
    KraitError err;
    char path[1024];
    /* a zip cut short */
    fixture_path(path, sizeof path, env.dir, "cut.zip");
    CHECK_INT(t, fixture_zip(path, db_files, 3), 0);
    CHECK_INT(t, truncate(path, 300), 0);
    CHECK_INT(t, env_import(&env, path, &res, &err), -1);
    CHECK(t, strstr(err.message, "truncated") != NULL);
    check_old_database(t, &env);
    /* a file that is no zip at all */
    CHECK_INT(t, fixture_write(env.dir, "junk.zip", "junk", 4), 0);
    fixture_path(path, sizeof path, env.dir, "junk.zip");
    CHECK_INT(t, env_import(&env, path, &res, &err), -1);
    check_old_database(t, &env);
    /* a valid zip with nothing for PyPI */
    fixture_path(path, sizeof path, env.dir, "npm.zip");
    CHECK_INT(t, fixture_zip(path, &db_files[3], 1), 0);
    CHECK_INT(t, env_import(&env, path, &res, &err), -1);
    CHECK(t, strstr(err.message, "no PyPI advisories") != NULL);
    check_old_database(t, &env);
    /* a missing source */
    CHECK_INT(t, env_import(&env, "/nonexistent/all.zip", &res, &err), -1);
    CHECK_STR(t, err.path, "/nonexistent/all.zip");
    check_old_database(t, &env);
done:
    fixture_rmtree(env.dir);
}

/* A second import replaces the first one wholesale, from a zip this time;
 * a reader holding the old file keeps reading it. */
static void test_reimport_replaces(UnitContext *t)
{
    Env env;
    if (env_setup(t, &env, db_files, N_DB_FILES) < 0) goto done;
    VulnDb *old = env_open(t, &env);
    char zip[1024];
    fixture_path(zip, sizeof zip, env.dir, "all.zip");
    static const FixtureFile two[] = {{"MAL-2099-7.json", FIXTURE_MALICIOUS}, {"MAL-2099-7-copy.json", FIXTURE_MALICIOUS}};
    CHECK_INT(t, fixture_zip(zip, two, 2), 0);
    VulnDbImportResult res;
    KraitError err;
    CHECK_INT(t, env_import(&env, zip, &res, &err), 0);
    CHECK_INT(t, res.counts.advisories, 1);
    CHECK_INT(t, res.duplicates, 1);
    VulnDb *db = env_open(t, &env);
    Arena arena;
    arena_init(&arena);
    OsvRecord *recs;
    size_t n;
    if (db) {
        CHECK_INT(t, vulndb_lookup(db, "jw.util", &arena, &recs, &n, &err), 0);
        CHECK_INT(t, n, 0);
        vulndb_close(db);
    }
    if (old) {
        CHECK_INT(t, vulndb_lookup(old, "jw.util", &arena, &recs, &n, &err), 0);
        CHECK_INT(t, n, 2);
        vulndb_close(old);
    }
    arena_free(&arena);
    CHECK_INT(t, count_siblings(env.dir), 1);
done:
    fixture_rmtree(env.dir);
}

static int exists(const char *dir, const char *name)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return access(path, F_OK) == 0;
}

/* Temporaries a killed import left behind go once they are an hour old;
 * fresh ones (maybe another import's) and other files stay. */
static void test_stale_temporaries(UnitContext *t)
{
    Env env;
    if (env_setup(t, &env, db_files, N_DB_FILES) < 0) goto done;
    static const struct { const char *name; int old; int survives; } files[] = {
        {"osv.sqlite3.import-abc123", 1, 0}, {"osv.sqlite3.download-XyZ789", 1, 0},
        {"osv.sqlite3.import-fresh1", 0, 1}, {"osv.sqlite3.import-toolong", 1, 1},
        {"other.sqlite3.import-abc123", 1, 1}, {"osv.sqlite3.backup", 1, 1},
    };
    enum { N = sizeof files / sizeof files[0] };
    for (size_t i = 0; i < N; i++) {
        CHECK_INT(t, fixture_write(env.dir, files[i].name, "x", 1), 0);
        char path[1100];
        snprintf(path, sizeof path, "%s/%s", env.dir, files[i].name);
        struct timeval tv[2] = {{time(NULL) - 7200, 0}, {time(NULL) - 7200, 0}};
        if (files[i].old) CHECK_INT(t, utimes(path, tv), 0);
    }
    VulnDbImportResult res;
    KraitError err;
    CHECK_INT(t, env_import(&env, env.src, &res, &err), 0);
    for (size_t i = 0; i < N; i++) {
        if (exists(env.dir, files[i].name) == files[i].survives) continue;
        char msg[200];
        snprintf(msg, sizeof msg, "%s: want %s", files[i].name, files[i].survives ? "kept" : "removed");
        unit_fail(t, __FILE__, __LINE__, msg);
    }
done:
    fixture_rmtree(env.dir);
}

static void test_open_errors(UnitContext *t)
{
    char *dir = fixture_tmpdir();
    char path[1024];
    VulnDb *db;
    KraitError err;
    fixture_path(path, sizeof path, dir, "missing.sqlite3");
    error_clear(&err);
    CHECK_INT(t, vulndb_open_readonly(path, &db, &err), -1);
    CHECK(t, db == NULL);
    CHECK_STR(t, err.path, path);
    CHECK(t, strstr(err.message, "krait db update") != NULL);
    CHECK(t, strstr(err.message, "krait db import") != NULL);
    /* a text file is not a database */
    CHECK_INT(t, fixture_write(dir, "text.sqlite3", "hello, this is not SQLite at all\n", 33), 0);
    fixture_path(path, sizeof path, dir, "text.sqlite3");
    CHECK_INT(t, vulndb_open_readonly(path, &db, &err), -1);
    CHECK(t, strstr(err.message, "not a krait advisory database") != NULL);
    /* a database of another schema version */
    fixture_path(path, sizeof path, dir, "v99.sqlite3");
    sqlite3 *h;
    CHECK_INT(t, sqlite3_open(path, &h), SQLITE_OK);
    CHECK_INT(t, sqlite3_exec(h, "CREATE TABLE meta (key TEXT PRIMARY KEY, value);"
                                 "INSERT INTO meta VALUES ('schema_version', 99);", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    CHECK_INT(t, vulndb_open_readonly(path, &db, &err), -1);
    CHECK(t, strstr(err.message, "schema version 99") != NULL);
    /* a folder */
    CHECK_INT(t, vulndb_open_readonly(dir, &db, &err), -1);
    CHECK(t, strstr(err.message, "folder") != NULL);
    fixture_rmtree(dir);
}

static void test_default_path(UnitContext *t)
{
    char *dir = fixture_tmpdir();
    char *saved[3];
    static const char *const names[3] = {"KRAIT_DB", "XDG_CACHE_HOME", "HOME"};
    for (int i = 0; i < 3; i++) saved[i] = getenv(names[i]) ? strdup(getenv(names[i])) : NULL;
    char out[1024], want[2048];
    KraitError err;
    setenv("KRAIT_DB", "/somewhere/db.sqlite3", 1);
    CHECK_INT(t, vulndb_default_path(out, sizeof out, 0, &err), 0);
    CHECK_STR(t, out, "/somewhere/db.sqlite3");
    unsetenv("KRAIT_DB");
    char xdg[1024];
    fixture_path(xdg, sizeof xdg, dir, "not/yet/there");   /* made on the way */
    setenv("XDG_CACHE_HOME", xdg, 1);
    CHECK_INT(t, vulndb_default_path(out, sizeof out, 1, &err), 0);
    snprintf(want, sizeof want, "%s/krait/osv-pypi.sqlite3", xdg);
    CHECK_STR(t, out, want);
    snprintf(want, sizeof want, "%s/krait", xdg);
    struct stat st;
    CHECK(t, stat(want, &st) == 0 && S_ISDIR(st.st_mode));
    setenv("XDG_CACHE_HOME", "relative/cache", 1);   /* invalid per the XDG spec: ignored */
    setenv("HOME", dir, 1);
    CHECK_INT(t, vulndb_default_path(out, sizeof out, 1, &err), 0);
    snprintf(want, sizeof want, "%s/.cache/krait/osv-pypi.sqlite3", dir);
    CHECK_STR(t, out, want);
    snprintf(want, sizeof want, "%s/.cache/krait", dir);
    CHECK(t, stat(want, &st) == 0 && S_ISDIR(st.st_mode));
    unsetenv("XDG_CACHE_HOME");
    unsetenv("HOME");
    CHECK_INT(t, vulndb_default_path(out, sizeof out, 0, &err), -1);
    CHECK(t, strstr(err.message, "KRAIT_DB") != NULL);
    for (int i = 0; i < 3; i++) {
        if (saved[i]) setenv(names[i], saved[i], 1);
        else unsetenv(names[i]);
        free(saved[i]);
    }
    fixture_rmtree(dir);
}

static void test_update_bad_url(UnitContext *t)
{
    Env env;
    if (env_setup(t, &env, db_files, N_DB_FILES) < 0) goto done;
    VulnDbImportResult res;
    KraitError err;
    error_clear(&err);
    /* a scheme libcurl may speak but krait refuses: never read local files */
    char url[1100];
    snprintf(url, sizeof url, "file://%s/src/PYSEC-2099-1.json", env.dir);
    CHECK_INT(t, vulndb_update(url, env.db, NULL, &res, &err), -1);
    CHECK(t, err.message[0] != '\0');
    check_old_database(t, &env);
done:
    fixture_rmtree(env.dir);
}

int main(int argc, char **argv)
{
    static const UnitTest tests[] = {
        {"import_counts", test_import_counts},
        {"lookup_unnormalised", test_lookup_unnormalised},
        {"lookup_flags", test_lookup_flags},
        {"get_by_id_or_alias", test_get_by_id_or_alias},
        {"readonly_refuses_writes", test_readonly_refuses_writes},
        {"failed_import_keeps_old", test_failed_import_keeps_old},
        {"reimport_replaces", test_reimport_replaces},
        {"stale_temporaries", test_stale_temporaries},
        {"open_errors", test_open_errors},
        {"default_path", test_default_path},
        {"update_bad_url", test_update_bad_url},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
