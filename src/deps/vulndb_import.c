/* vulndb_import.c - the writing half of vulndb.h: building a database from
 * an OSV export, and `db update` (download, then import).
 *
 * The new database is built in a temporary file beside the target (same
 * folder, so rename(2) is atomic), in one transaction with journaling and
 * syncing off (a crash leaves a stray temporary, never a half-written
 * target), then synced, and renamed over the target. Indexes are created
 * after the rows are in, which is faster than maintaining them per row. */
#include "deps/vulndb.h"
#include "base/die.h"
#include "deps/download.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Pragmas for a private file nobody reads until the rename, then the tables
 * (docs/vulndb.md explains each column), then the one transaction. */
static const char schema_sql[] =
    "PRAGMA journal_mode = OFF;"
    "PRAGMA synchronous = OFF;"
    "PRAGMA locking_mode = EXCLUSIVE;"
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
    "CREATE TABLE advisory ("
    "  aid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, summary TEXT, modified TEXT NOT NULL,"
    "  published TEXT, withdrawn TEXT, db_severity TEXT, url TEXT, malicious INTEGER NOT NULL);"
    "CREATE TABLE alias (aid INTEGER NOT NULL, seq INTEGER NOT NULL, alias TEXT NOT NULL,"
    "  PRIMARY KEY (aid, seq)) WITHOUT ROWID;"
    "CREATE TABLE severity (aid INTEGER NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, score TEXT NOT NULL,"
    "  PRIMARY KEY (aid, seq)) WITHOUT ROWID;"
    "CREATE TABLE affected (fid INTEGER PRIMARY KEY, aid INTEGER NOT NULL, name TEXT NOT NULL,"
    "  normalized TEXT NOT NULL);"
    "CREATE TABLE range_event (fid INTEGER NOT NULL, range_no INTEGER NOT NULL, seq INTEGER NOT NULL,"
    "  kind TEXT NOT NULL, version TEXT NOT NULL, PRIMARY KEY (fid, range_no, seq)) WITHOUT ROWID;"
    "CREATE TABLE affected_version (fid INTEGER NOT NULL, seq INTEGER NOT NULL, version TEXT NOT NULL,"
    "  PRIMARY KEY (fid, seq)) WITHOUT ROWID;"
    "BEGIN;";

static const char index_sql[] =
    "CREATE UNIQUE INDEX affected_by_name ON affected (normalized, aid);"
    "CREATE INDEX affected_by_advisory ON affected (aid);"
    "CREATE INDEX alias_by_name ON alias (alias);";

enum { ST_ADVISORY, ST_ALIAS, ST_SEVERITY, ST_AFFECTED, ST_EVENT, ST_VERSION, ST_META, ST_COUNT };

static const char *const insert_sql[ST_COUNT] = {
    [ST_ADVISORY] = "INSERT OR IGNORE INTO advisory (id, summary, modified, published, withdrawn, db_severity, url,"
                    " malicious) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    [ST_ALIAS] = "INSERT INTO alias (aid, seq, alias) VALUES (?, ?, ?)",
    [ST_SEVERITY] = "INSERT INTO severity (aid, seq, type, score) VALUES (?, ?, ?, ?)",
    [ST_AFFECTED] = "INSERT INTO affected (aid, name, normalized) VALUES (?, ?, ?)",
    [ST_EVENT] = "INSERT INTO range_event (fid, range_no, seq, kind, version) VALUES (?, ?, ?, ?, ?)",
    [ST_VERSION] = "INSERT INTO affected_version (fid, seq, version) VALUES (?, ?, ?)",
    [ST_META] = "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
};

typedef struct Importer {
    sqlite3 *db;
    const char *db_path;
    sqlite3_stmt *st[ST_COUNT];
    const VulnDbImportOptions *opts;
    VulnDbImportResult *result;
} Importer;

static int sql_error(sqlite3 *db, const char *path, const char *doing, KraitError *err)
{
    return error_set(err, path, 0, 0, "database error while %s: %s", doing, sqlite3_errmsg(db));
}

/* Runs a constant script statement by statement, each one prepared. */
static int exec_script(sqlite3 *db, const char *sql, const char *path, KraitError *err)
{
    while (*sql) {
        sqlite3_stmt *st = NULL;
        const char *tail = NULL;
        if (sqlite3_prepare_v2(db, sql, -1, &st, &tail) != SQLITE_OK) return sql_error(db, path, "creating tables", err);
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {}
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) return sql_error(db, path, "creating tables", err);
        sql = tail;
        while (*sql == ' ' || *sql == '\n') sql++;
    }
    return 0;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s) sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, i);
}

static int step_done(Importer *im, sqlite3_stmt *st, KraitError *err)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) return sql_error(im->db, im->db_path, "importing", err);
    return 0;
}

static int insert_strings(Importer *im, int which, long long owner, long long first_seq, const char **items, size_t n,
                          KraitError *err)
{
    sqlite3_stmt *st = im->st[which];
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_int64(st, 1, owner);
        sqlite3_bind_int64(st, 2, first_seq + (long long)i);
        bind_text(st, 3, items[i]);
        if (step_done(im, st, err) < 0) return -1;
    }
    return 0;
}

static int insert_advisory(Importer *im, const OsvRecord *rec, long long *aid, KraitError *err)
{
    sqlite3_stmt *st = im->st[ST_ADVISORY];
    bind_text(st, 1, rec->id);
    bind_text(st, 2, rec->summary);
    bind_text(st, 3, rec->modified);
    bind_text(st, 4, rec->published);
    bind_text(st, 5, rec->withdrawn);
    bind_text(st, 6, rec->db_severity);
    bind_text(st, 7, rec->url);
    sqlite3_bind_int(st, 8, rec->malicious);
    if (step_done(im, st, err) < 0) return -1;
    if (sqlite3_changes(im->db) == 0) return 1;   /* OR IGNORE hit the UNIQUE id */
    *aid = sqlite3_last_insert_rowid(im->db);
    for (size_t i = 0; i < rec->n_severities; i++) {
        st = im->st[ST_SEVERITY];
        sqlite3_bind_int64(st, 1, *aid);
        sqlite3_bind_int64(st, 2, (long long)i);
        bind_text(st, 3, rec->severities[i].type);
        bind_text(st, 4, rec->severities[i].score);
        if (step_done(im, st, err) < 0) return -1;
    }
    return insert_strings(im, ST_ALIAS, *aid, 0, rec->aliases, rec->n_aliases, err);
}

static int insert_ranges(Importer *im, long long fid, long long first_range, const OsvAffected *aff, KraitError *err)
{
    sqlite3_stmt *st = im->st[ST_EVENT];
    for (size_t r = 0; r < aff->n_ranges; r++) {
        for (size_t e = 0; e < aff->ranges[r].n_events; e++) {
            sqlite3_bind_int64(st, 1, fid);
            sqlite3_bind_int64(st, 2, first_range + (long long)r);
            sqlite3_bind_int64(st, 3, (long long)e);
            bind_text(st, 4, osv_event_kind_name(aff->ranges[r].events[e].kind));
            bind_text(st, 5, aff->ranges[r].events[e].version);
            if (step_done(im, st, err) < 0) return -1;
        }
        im->result->counts.events += (long long)aff->ranges[r].n_events;
    }
    im->result->counts.ranges += (long long)aff->n_ranges;
    return 0;
}

/* Where an affected entry goes: a new row, or the row of an earlier entry
 * of the same record for the same package (OSV allows several, e.g. one per
 * branch), continuing its range and version numbering. */
typedef struct Slot {
    long long fid;
    long long next_range;
    long long next_version;
} Slot;

static int insert_affected(Importer *im, long long aid, const OsvRecord *rec, size_t i, Slot *slots, KraitError *err)
{
    const OsvAffected *aff = &rec->affected[i];
    size_t j = 0;
    while (j < i && strcmp(rec->affected[j].normalized, aff->normalized) != 0) j++;
    if (j == i) {
        sqlite3_stmt *st = im->st[ST_AFFECTED];
        sqlite3_bind_int64(st, 1, aid);
        bind_text(st, 2, aff->name);
        bind_text(st, 3, aff->normalized);
        if (step_done(im, st, err) < 0) return -1;
        slots[i] = (Slot){sqlite3_last_insert_rowid(im->db), 0, 0};
        im->result->counts.affected++;
    }
    Slot *slot = &slots[j];
    if (insert_ranges(im, slot->fid, slot->next_range, aff, err) < 0) return -1;
    if (insert_strings(im, ST_VERSION, slot->fid, slot->next_version, aff->versions, aff->n_versions, err) < 0) return -1;
    slot->next_range += (long long)aff->n_ranges;
    slot->next_version += (long long)aff->n_versions;
    im->result->counts.versions += (long long)aff->n_versions;
    return 0;
}

static int import_record(void *ctx, const char *entry, const OsvRecord *rec, KraitError *err)
{
    Importer *im = ctx;
    long long aid = 0;
    int rc = insert_advisory(im, rec, &aid, err);
    if (rc < 0) return -1;
    if (rc == 1) {
        char why[ERROR_MESSAGE_MAX];
        snprintf(why, sizeof why, "duplicate advisory id %s; the first one read is kept", rec->id);
        im->result->duplicates++;
        if (im->opts->on_warning) im->opts->on_warning(im->opts->ctx, entry, why);
        return 0;
    }
    VulnDbCounts *c = &im->result->counts;
    c->advisories++;
    c->withdrawn += rec->withdrawn != NULL;
    c->malicious += rec->malicious;
    c->aliases += (long long)rec->n_aliases;
    Slot *slots = malloc(rec->n_affected * sizeof *slots);
    if (!slots) die_out_of_memory();
    for (size_t i = 0; i < rec->n_affected && rc == 0; i++) rc = insert_affected(im, aid, rec, i, slots, err);
    free(slots);
    return rc;
}

static int put_meta(Importer *im, const char *key, const char *text, long long number, KraitError *err)
{
    sqlite3_stmt *st = im->st[ST_META];
    bind_text(st, 1, key);
    if (text) bind_text(st, 2, text);
    else sqlite3_bind_int64(st, 2, number);
    return step_done(im, st, err);
}

static int count_packages(Importer *im, KraitError *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(im->db, "SELECT count(DISTINCT normalized) FROM affected", -1, &st, NULL) != SQLITE_OK)
        return sql_error(im->db, im->db_path, "counting", err);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) im->result->counts.packages = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : sql_error(im->db, im->db_path, "counting", err);
}

static int write_meta(Importer *im, const char *source, KraitError *err)
{
    char now[64];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    const VulnDbCounts *c = &im->result->counts;
    const struct { const char *key; long long value; } numbers[] = {
        {"schema_version", VULNDB_SCHEMA_VERSION}, {"skipped", (long long)im->result->read.skipped},
        {"advisories", c->advisories}, {"packages", c->packages}, {"affected", c->affected},
        {"withdrawn", c->withdrawn}, {"malicious", c->malicious}, {"aliases", c->aliases},
        {"ranges", c->ranges}, {"events", c->events}, {"versions", c->versions},
    };
    if (put_meta(im, "source", source, 0, err) < 0 || put_meta(im, "imported_at", now, 0, err) < 0) return -1;
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
        if (put_meta(im, numbers[i].key, NULL, numbers[i].value, err) < 0) return -1;
    return 0;
}

static int prepare_inserts(Importer *im, KraitError *err)
{
    for (int i = 0; i < ST_COUNT; i++)
        if (sqlite3_prepare_v2(im->db, insert_sql[i], -1, &im->st[i], NULL) != SQLITE_OK)
            return sql_error(im->db, im->db_path, "preparing statements", err);
    return 0;
}

static void forward_warning(void *ctx, const char *entry, const char *why)
{
    const Importer *im = ctx;
    if (im->opts->on_warning) im->opts->on_warning(im->opts->ctx, entry, why);
}

/* Reads the source into the open temporary database and commits. */
static int fill_database(Importer *im, const char *source_path, KraitError *err)
{
    if (exec_script(im->db, schema_sql, im->db_path, err) < 0 || prepare_inserts(im, err) < 0) return -1;
    OsvReadOptions ro = {
        .limits = im->opts->limits, .on_record = import_record, .on_warning = forward_warning, .ctx = im,
    };
    if (osv_read(source_path, &ro, &im->result->read, err) < 0) return -1;
    if (im->result->counts.advisories == 0)
        return error_set(err, source_path, 0, 0, "no PyPI advisories found (%zu entries read, %zu malformed)",
                         im->result->read.entries, im->result->read.skipped);
    if (exec_script(im->db, index_sql, im->db_path, err) < 0 || count_packages(im, err) < 0) return -1;
    char *absolute = im->opts->source ? NULL : realpath(source_path, NULL);
    const char *source = im->opts->source ? im->opts->source : absolute ? absolute : source_path;
    int rc = write_meta(im, source, err);
    free(absolute);
    if (rc < 0) return -1;
    return exec_script(im->db, "COMMIT;", im->db_path, err);
}

static int sync_path(const char *path, int flags, KraitError *err)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0) return error_set(err, path, 0, 0, "cannot open to sync: %s", strerror(errno));
    int rc = fsync(fd);
    int e = errno;
    close(fd);
    /* Some file systems refuse fsync on a folder (EINVAL); the rename has
     * happened by then, so that is no reason to report failure. */
    if (rc != 0 && !(flags & O_DIRECTORY)) return error_set(err, path, 0, 0, "cannot sync: %s", strerror(e));
    return 0;
}

static char *concat(const char *path, const char *suffix)
{
    size_t len = strlen(path) + strlen(suffix) + 1;
    char *tmp = malloc(len);
    if (!tmp) die_out_of_memory();
    snprintf(tmp, len, "%s%s", path, suffix);
    return tmp;
}

enum { STALE_AFTER_SECONDS = 3600 };

/* Whether name is "<base>.import-XXXXXX" or "<base>.download-XXXXXX". */
static int is_temporary_of(const char *name, const char *base)
{
    size_t n = strlen(base);
    if (strncmp(name, base, n) != 0) return 0;
    const char *rest = name + n;
    const char *tail = NULL;
    if (strncmp(rest, ".import-", 8) == 0) tail = rest + 8;
    else if (strncmp(rest, ".download-", 10) == 0) tail = rest + 10;
    return tail && strlen(tail) == 6;
}

/* A killed import or update leaves its temporary behind. One untouched for
 * an hour is dead (a live download writes, or times out within minutes), so
 * the next import removes it rather than letting them pile up. */
static void remove_stale_temporaries(const char *db_path)
{
    char *copy_dir = concat(db_path, ""), *copy_base = concat(db_path, "");
    const char *dir = dirname(copy_dir), *base = basename(copy_base);
    DIR *d = opendir(dir);
    struct dirent *de;
    time_t now = time(NULL);
    while (d && (de = readdir(d)) != NULL) {
        if (!is_temporary_of(de->d_name, base)) continue;
        char path[ERROR_PATH_MAX];
        struct stat st;
        if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, de->d_name) >= sizeof path) continue;
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime > STALE_AFTER_SECONDS) unlink(path);
    }
    if (d) closedir(d);
    free(copy_dir);
    free(copy_base);
}

static int make_temp(const char *target, const char *suffix, char **out, KraitError *err)
{
    remove_stale_temporaries(target);
    char *tmp = concat(target, suffix);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return error_set(err, target, 0, 0, "cannot create a temporary file beside it: %s", strerror(e));
    }
    (void)fchmod(fd, 0644);
    close(fd);
    *out = tmp;
    return 0;
}

static int finish_file(const char *tmp, const char *db_path, KraitError *err)
{
    if (sync_path(tmp, O_RDONLY, err) < 0) return -1;
    if (rename(tmp, db_path) != 0) return error_set(err, db_path, 0, 0, "cannot replace: %s", strerror(errno));
    char *dir = concat(db_path, "");
    int rc = sync_path(dirname(dir), O_RDONLY | O_DIRECTORY, err);
    free(dir);
    return rc;
}

int vulndb_import(const char *source_path, const char *db_path, const VulnDbImportOptions *opts,
                  VulnDbImportResult *result, KraitError *err)
{
    static const VulnDbImportOptions no_options;
    memset(result, 0, sizeof *result);
    Importer im = {.db_path = db_path, .opts = opts ? opts : &no_options, .result = result};
    struct stat st;
    if (stat(source_path, &st) != 0) return error_set(err, source_path, 0, 0, "cannot open: %s", strerror(errno));
    char *tmp;
    if (make_temp(db_path, ".import-XXXXXX", &tmp, err) < 0) return -1;
    int rc = 0;
    if (sqlite3_open_v2(tmp, &im.db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        rc = sql_error(im.db, tmp, "creating the database", err);
    else
        rc = fill_database(&im, source_path, err);
    for (int i = 0; i < ST_COUNT; i++) sqlite3_finalize(im.st[i]);
    if (sqlite3_close(im.db) != SQLITE_OK && rc == 0) rc = sql_error(im.db, tmp, "closing", err);
    if (rc == 0) rc = finish_file(tmp, db_path, err);
    if (rc < 0) unlink(tmp);
    free(tmp);
    return rc;
}

/* Warnings and errors about the download should name the URL, not the
 * temporary file it landed in. */
typedef struct Renamer {
    const char *tmp;
    const char *url;
    const VulnDbImportOptions *outer;
} Renamer;

static void rename_entry(const Renamer *rn, const char *entry, char *out, size_t size)
{
    size_t n = strlen(rn->tmp);
    if (strncmp(entry, rn->tmp, n) == 0) snprintf(out, size, "%s%s", rn->url, entry + n);
    else snprintf(out, size, "%s", entry);
}

static void renamed_warning(void *ctx, const char *entry, const char *why)
{
    const Renamer *rn = ctx;
    char name[ERROR_PATH_MAX];
    rename_entry(rn, entry, name, sizeof name);
    rn->outer->on_warning(rn->outer->ctx, name, why);
}

int vulndb_update(const char *url, const char *db_path, const VulnDbImportOptions *opts, VulnDbImportResult *result,
                  KraitError *err)
{
    memset(result, 0, sizeof *result);
    char *tmp;
    if (make_temp(db_path, ".download-XXXXXX", &tmp, err) < 0) return -1;
    DownloadOptions dl = {.connect_timeout = opts ? opts->timeout : 0, .stall_timeout = opts ? opts->timeout : 0};
    unsigned long long received;
    int rc = download_to_file(url, tmp, &dl, &received, err);
    if (rc == 0) {
        static const VulnDbImportOptions no_options;
        Renamer rn = {tmp, url, opts ? opts : &no_options};
        VulnDbImportOptions io = *rn.outer;
        if (!io.source) io.source = url;
        if (io.on_warning) {
            io.on_warning = renamed_warning;
            io.ctx = &rn;
        }
        rc = vulndb_import(tmp, db_path, &io, result, err);
        if (rc < 0) {
            char path[ERROR_PATH_MAX];
            rename_entry(&rn, err->path, path, sizeof path);
            snprintf(err->path, sizeof err->path, "%s", path);
        }
    }
    unlink(tmp);
    free(tmp);
    return rc;
}
