/* vulndb.h - krait's offline advisory database: OSV PyPI advisories in one
 * SQLite file (schema in docs/vulndb.md).
 *
 * An import never edits a database in place: it builds a new file beside
 * the target inside one transaction and renames it over the old one, so a
 * reader sees the old database or the new one, and a failed or interrupted
 * import leaves the old one untouched.
 *
 * Lookups are keyed by PEP 503-normalised name and answer with one SQL query
 * per package: every advisory for it, with ranges, versions, aliases,
 * severities and the withdrawn flag, as the OsvRecord type of osv.h (with
 * exactly one affected entry). Range evaluation is the matcher's job.
 *
 * A VulnDb is owned by whoever opened it and released with vulndb_close.
 * It holds prepared statements, so one thread uses it at a time: workers
 * that look up in parallel open one each (an open costs about 2 ms). */
#ifndef KRAIT_VULNDB_H
#define KRAIT_VULNDB_H

#include "base/arena.h"
#include "base/error.h"
#include "deps/osv.h"

#include <stddef.h>

/* Bumped whenever the tables change; a database of another version must be
 * re-imported. */
enum { VULNDB_SCHEMA_VERSION = 1 };

#define VULNDB_DEFAULT_URL "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip"
#define VULNDB_FILE_NAME "osv-pypi.sqlite3"

typedef struct VulnDb VulnDb;

typedef struct VulnDbImportOptions {
    const char *source;        /* recorded in meta (a URL for `db update`); NULL: the import path */
    OsvLimits limits;          /* zero fields take osv.h's defaults */
    OsvWarnFn on_warning;      /* each skipped entry, may be NULL */
    void *ctx;
    long timeout;              /* vulndb_update only: seconds to connect, and of a stalled
                                * transfer (under 1 KiB/s) before giving up; 0: 30 and 60 */
} VulnDbImportOptions;

/* What an import stored, plus what osv_read saw. */
typedef struct VulnDbCounts {
    long long advisories;      /* rows in advisory */
    long long packages;        /* distinct normalised names */
    long long affected;        /* (advisory, package) pairs */
    long long withdrawn;
    long long malicious;
    long long aliases;
    long long ranges;
    long long events;
    long long versions;
} VulnDbCounts;

typedef struct VulnDbImportResult {
    OsvStats read;             /* entries read, skipped (malformed), ignored... */
    VulnDbCounts counts;
    long long duplicates;      /* records whose id was already imported: skipped with a warning */
} VulnDbImportResult;

typedef struct VulnDbInfo {
    char path[ERROR_PATH_MAX];
    int schema_version;
    char source[1024];
    char imported_at[64];      /* UTC, RFC 3339 */
    long long skipped;         /* malformed entries at import time */
    VulnDbCounts counts;
} VulnDbInfo;

/* Where the database lives: $KRAIT_DB, else $XDG_CACHE_HOME/krait/<file>,
 * else $HOME/.cache/krait/<file>. With create_dir the folder is made
 * (mode 0700 for the krait folder) when missing. */
int vulndb_default_path(char *out, size_t out_size, int create_dir, KraitError *err);

/* Builds a new database at db_path from a zip export or a folder of .json
 * files, replacing the old one atomically. Fails without touching db_path
 * when the source is unreadable or corrupt, or holds no PyPI advisory. */
int vulndb_import(const char *source_path, const char *db_path, const VulnDbImportOptions *opts,
                  VulnDbImportResult *result, KraitError *err);

/* Opens read-only (SQLITE_OPEN_READONLY). A missing file gets a message
 * saying how to make one; a file of another schema version is refused. */
int vulndb_open_readonly(const char *path, VulnDb **out, KraitError *err);
void vulndb_close(VulnDb *db);

/* Every advisory affecting the package `name` (normalised here, so
 * "jw.util" and "JW_Util" find "jw-util"), in id order. Each record has
 * exactly one affected entry that merges all of the advisory's entries for
 * this package; strings and arrays live in arena. *n_out is 0 when the
 * package has none. */
int vulndb_lookup(VulnDb *db, const char *name, Arena *arena, OsvRecord **out, size_t *n_out, KraitError *err);

/* The advisory whose id or alias is `id` ("PYSEC-2021-1", "CVE-2021-1234");
 * returns 1 when none matches. The record lists every PyPI package. */
int vulndb_get(VulnDb *db, const char *id, Arena *arena, OsvRecord *out, KraitError *err);

int vulndb_info(VulnDb *db, VulnDbInfo *out, KraitError *err);

/* The SQLite handle (opened read-only), for tests and ad-hoc queries; it
 * stays owned by db. */
struct sqlite3 *vulndb_sqlite(VulnDb *db);

/* Downloads url to a temporary file beside db_path and imports it; any
 * failure (HTTP error, truncation, timeout, corrupt zip) leaves db_path as
 * it was. opts->source defaults to url. */
int vulndb_update(const char *url, const char *db_path, const VulnDbImportOptions *opts, VulnDbImportResult *result,
                  KraitError *err);

#endif
