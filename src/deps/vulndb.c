/* vulndb.c - the reading half of vulndb.h: where the database lives,
 * opening it read-only, lookups and the summary in the meta table. (The
 * writing half is vulndb_import.c.)
 *
 * A lookup is one prepared query: one row per (advisory, package), with the
 * advisory's aliases and severities and the package's range events and
 * versions folded into JSON arrays by SQLite's json_group_array, which
 * jansson unpacks into the caller's arena. Each event carries its range
 * number and position, and is sorted by them here, so the file order of
 * events survives whatever order the aggregate sees its rows in. */
#include "deps/vulndb.h"
#include "base/die.h"
#include "deps/pkgname.h"

#include <errno.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct VulnDb {
    sqlite3 *db;
    char path[ERROR_PATH_MAX];
    sqlite3_stmt *by_name;     /* ?1 = normalised name */
    sqlite3_stmt *by_advisory; /* ?1 = aid */
    sqlite3_stmt *find_id;     /* ?1 = id or alias */
};

#define SELECT_RECORD \
    "SELECT a.aid, a.id, a.summary, a.modified, a.published, a.withdrawn, a.db_severity, a.url, a.malicious," \
    " f.name, f.normalized," \
    " (SELECT json_group_array(alias) FROM (SELECT alias FROM alias WHERE aid = a.aid ORDER BY seq))," \
    " (SELECT json_group_array(json_array(type, score)) FROM" \
    "   (SELECT type, score FROM severity WHERE aid = a.aid ORDER BY seq))," \
    " (SELECT json_group_array(json_array(range_no, seq, kind, version)) FROM" \
    "   (SELECT range_no, seq, kind, version FROM range_event WHERE fid = f.fid ORDER BY range_no, seq))," \
    " (SELECT json_group_array(version) FROM (SELECT version FROM affected_version WHERE fid = f.fid ORDER BY seq))" \
    " FROM affected f JOIN advisory a ON a.aid = f.aid "

enum { COL_AID, COL_ID, COL_SUMMARY, COL_MODIFIED, COL_PUBLISHED, COL_WITHDRAWN, COL_DB_SEVERITY, COL_URL,
       COL_MALICIOUS, COL_NAME, COL_NORMALIZED, COL_ALIASES, COL_SEVERITIES, COL_EVENTS, COL_VERSIONS };

static int db_error(const VulnDb *db, const char *doing, KraitError *err)
{
    return error_set(err, db->path, 0, 0, "database error while %s: %s", doing, sqlite3_errmsg(db->db));
}

/* ---- location ------------------------------------------------------------ */

/* mkdir -p: every missing folder on the way, private as XDG asks for
 * cache folders (0700). */
static int make_dirs(const char *path, KraitError *err)
{
    char buf[ERROR_PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1;; p++) {
        if (*p != '/' && *p != '\0') continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return error_set(err, buf, 0, 0, "cannot create folder: %s", strerror(errno));
        *p = saved;
        if (saved == '\0') break;
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) return error_set(err, path, 0, 0, "is not a folder");
    return 0;
}

int vulndb_default_path(char *out, size_t out_size, int create_dir, KraitError *err)
{
    const char *env = getenv("KRAIT_DB");
    if (env && *env) {
        if ((size_t)snprintf(out, out_size, "%s", env) >= out_size)
            return error_set(err, NULL, 0, 0, "KRAIT_DB is longer than %zu bytes", out_size - 1);
        return 0;
    }
    const char *cache = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char dir[ERROR_PATH_MAX];
    int n;
    /* The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored. */
    if (cache && cache[0] == '/') n = snprintf(dir, sizeof dir, "%s/krait", cache);
    else if (home && *home) n = snprintf(dir, sizeof dir, "%s/.cache/krait", home);
    else return error_set(err, NULL, 0, 0, "cannot place the advisory database: set KRAIT_DB, XDG_CACHE_HOME or HOME");
    if (n < 0 || (size_t)n >= sizeof dir || (size_t)snprintf(out, out_size, "%s/%s", dir, VULNDB_FILE_NAME) >= out_size)
        return error_set(err, NULL, 0, 0, "the advisory database path is too long");
    return create_dir ? make_dirs(dir, err) : 0;
}

/* ---- opening ------------------------------------------------------------- */

static int read_schema_version(VulnDb *db, int *version, KraitError *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->db, "SELECT value FROM meta WHERE key = 'schema_version'", -1, &st, NULL) != SQLITE_OK)
        return error_set(err, db->path, 0, 0, "not a krait advisory database (%s); rebuild it with `krait db update`",
                         sqlite3_errmsg(db->db));
    int rc = sqlite3_step(st);
    *version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_error(db, "reading the schema version", err);
    return 0;
}

static int prepare_queries(VulnDb *db, KraitError *err)
{
    const struct { sqlite3_stmt **st; const char *sql; } queries[] = {
        {&db->by_name, SELECT_RECORD "WHERE f.normalized = ?1 ORDER BY a.id"},
        {&db->by_advisory, SELECT_RECORD "WHERE f.aid = ?1 ORDER BY f.fid"},
        {&db->find_id, "SELECT aid FROM advisory WHERE id = ?1 UNION ALL SELECT aid FROM alias WHERE alias = ?1"},
    };
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++)
        if (sqlite3_prepare_v2(db->db, queries[i].sql, -1, queries[i].st, NULL) != SQLITE_OK)
            return db_error(db, "preparing queries", err);
    return 0;
}

int vulndb_open_readonly(const char *path, VulnDb **out, KraitError *err)
{
    *out = NULL;
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT)
            return error_set(err, path, 0, 0, "no advisory database here; download one with `krait db update`, "
                             "or build one from an OSV export with `krait db import PyPI-all.zip`");
        return error_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) return error_set(err, path, 0, 0, "is a folder, not an advisory database");
    VulnDb *db = calloc(1, sizeof *db);
    if (!db) die_out_of_memory();
    snprintf(db->path, sizeof db->path, "%s", path);
    int version = 0;
    if (sqlite3_open_v2(path, &db->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        error_set(err, path, 0, 0, "cannot open the advisory database: %s", sqlite3_errmsg(db->db));
        goto fail;
    }
    if (read_schema_version(db, &version, err) < 0) goto fail;
    if (version != VULNDB_SCHEMA_VERSION) {
        error_set(err, path, 0, 0, "advisory database has schema version %d, this krait reads version %d; "
                  "rebuild it with `krait db update`", version, VULNDB_SCHEMA_VERSION);
        goto fail;
    }
    if (prepare_queries(db, err) < 0) goto fail;
    *out = db;
    return 0;
fail:
    vulndb_close(db);
    return -1;
}

void vulndb_close(VulnDb *db)
{
    if (!db) return;
    sqlite3_finalize(db->by_name);
    sqlite3_finalize(db->by_advisory);
    sqlite3_finalize(db->find_id);
    sqlite3_close(db->db);
    free(db);
}

struct sqlite3 *vulndb_sqlite(VulnDb *db) { return db->db; }

/* ---- rows into records --------------------------------------------------- */

static const char *column_str(sqlite3_stmt *st, int col, Arena *arena)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    if (!s) return NULL;
    return arena_strndup(arena, (const char *)s, (size_t)sqlite3_column_bytes(st, col));
}

static json_t *column_json(VulnDb *db, sqlite3_stmt *st, int col, KraitError *err)
{
    const char *text = (const char *)sqlite3_column_text(st, col);
    json_error_t jerr;
    json_t *arr = text ? json_loads(text, 0, &jerr) : NULL;
    if (!json_is_array(arr)) {
        json_decref(arr);
        error_set(err, db->path, 0, 0, "damaged advisory database: column %d is not a JSON array", col);
        return NULL;
    }
    return arr;
}

static const char *json_str(const json_t *v, Arena *arena)
{
    if (!json_is_string(v)) return "";
    return arena_strndup(arena, json_string_value(v), json_string_length(v));
}

static const char **strings_from_json(const json_t *arr, Arena *arena, size_t *n)
{
    *n = json_array_size(arr);
    const char **items = ARENA_ARRAY(arena, const char *, *n ? *n : 1);
    for (size_t i = 0; i < *n; i++) items[i] = json_str(json_array_get(arr, i), arena);
    return items;
}

typedef struct EventRow {
    long long range_no, seq;
    OsvEvent event;
} EventRow;

static int compare_event_rows(const void *a, const void *b)
{
    const EventRow *x = a, *y = b;
    if (x->range_no != y->range_no) return x->range_no < y->range_no ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* [[range_no, seq, kind, version], ...] into ranges of events. */
static int ranges_from_json(VulnDb *db, const json_t *arr, Arena *arena, OsvAffected *aff, KraitError *err)
{
    size_t n = json_array_size(arr);
    EventRow *rows = ARENA_ARRAY(arena, EventRow, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        const json_t *e = json_array_get(arr, i);
        const char *kind_name = json_string_value(json_array_get(e, 2));
        int kind = kind_name ? osv_event_kind_from_name(kind_name) : -1;
        if (kind < 0) return error_set(err, db->path, 0, 0, "damaged advisory database: unknown range event kind");
        rows[i] = (EventRow){json_integer_value(json_array_get(e, 0)), json_integer_value(json_array_get(e, 1)),
                             {(OsvEventKind)kind, json_str(json_array_get(e, 3), arena)}};
    }
    qsort(rows, n, sizeof *rows, compare_event_rows);
    aff->n_ranges = 0;
    for (size_t i = 0; i < n; i++) aff->n_ranges += i == 0 || rows[i].range_no != rows[i - 1].range_no;
    aff->ranges = ARENA_ARRAY(arena, OsvRange, aff->n_ranges ? aff->n_ranges : 1);
    OsvEvent *events = ARENA_ARRAY(arena, OsvEvent, n ? n : 1);
    OsvRange *r = aff->ranges - 1;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || rows[i].range_no != rows[i - 1].range_no) *++r = (OsvRange){&events[i], 0};
        events[i] = rows[i].event;
        r->n_events++;
    }
    return 0;
}

static int severities_from_json(const json_t *arr, Arena *arena, OsvRecord *rec)
{
    rec->n_severities = json_array_size(arr);
    rec->severities = ARENA_ARRAY(arena, OsvSeverity, rec->n_severities ? rec->n_severities : 1);
    for (size_t i = 0; i < rec->n_severities; i++) {
        const json_t *s = json_array_get(arr, i);
        rec->severities[i] = (OsvSeverity){json_str(json_array_get(s, 0), arena), json_str(json_array_get(s, 1), arena)};
    }
    return 0;
}

static void header_from_row(sqlite3_stmt *st, Arena *arena, OsvRecord *rec)
{
    memset(rec, 0, sizeof *rec);
    rec->id = column_str(st, COL_ID, arena);
    rec->summary = column_str(st, COL_SUMMARY, arena);
    rec->modified = column_str(st, COL_MODIFIED, arena);
    rec->published = column_str(st, COL_PUBLISHED, arena);
    rec->withdrawn = column_str(st, COL_WITHDRAWN, arena);
    rec->db_severity = column_str(st, COL_DB_SEVERITY, arena);
    rec->url = column_str(st, COL_URL, arena);
    rec->malicious = sqlite3_column_int(st, COL_MALICIOUS);
}

static int affected_from_row(VulnDb *db, sqlite3_stmt *st, Arena *arena, OsvAffected *aff, KraitError *err)
{
    memset(aff, 0, sizeof *aff);
    aff->name = column_str(st, COL_NAME, arena);
    aff->normalized = column_str(st, COL_NORMALIZED, arena);
    json_t *events = column_json(db, st, COL_EVENTS, err);
    if (!events) return -1;
    int rc = ranges_from_json(db, events, arena, aff, err);
    json_decref(events);
    json_t *versions = rc == 0 ? column_json(db, st, COL_VERSIONS, err) : NULL;
    if (!versions) return -1;
    aff->versions = strings_from_json(versions, arena, &aff->n_versions);
    json_decref(versions);
    return 0;
}

/* The advisory-level arrays (aliases, severities) of the current row. */
static int lists_from_row(VulnDb *db, sqlite3_stmt *st, Arena *arena, OsvRecord *rec, KraitError *err)
{
    json_t *aliases = column_json(db, st, COL_ALIASES, err);
    if (!aliases) return -1;
    rec->aliases = strings_from_json(aliases, arena, &rec->n_aliases);
    json_decref(aliases);
    json_t *sev = column_json(db, st, COL_SEVERITIES, err);
    if (!sev) return -1;
    severities_from_json(sev, arena, rec);
    json_decref(sev);
    return 0;
}

/* ---- queries ------------------------------------------------------------- */

static void grow(Arena *arena, void **items, size_t size, size_t n, size_t *cap)
{
    if (n < *cap) return;
    size_t want = *cap ? *cap * 2 : 8;
    *items = arena_realloc(arena, *items, size * *cap, size * want);
    *cap = want;
}

static int lookup_rows(VulnDb *db, sqlite3_stmt *st, Arena *arena, OsvRecord **out, size_t *n_out, KraitError *err)
{
    OsvRecord *recs = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        grow(arena, (void **)&recs, sizeof *recs, n, &cap);
        OsvRecord *rec = &recs[n++];
        header_from_row(st, arena, rec);
        rec->affected = ARENA_NEW(arena, OsvAffected);
        rec->n_affected = 1;
        if (lists_from_row(db, st, arena, rec, err) < 0 || affected_from_row(db, st, arena, rec->affected, err) < 0)
            return -1;
    }
    if (rc != SQLITE_DONE) return db_error(db, "looking up", err);
    *out = recs;
    *n_out = n;
    return 0;
}

int vulndb_lookup(VulnDb *db, const char *name, Arena *arena, OsvRecord **out, size_t *n_out, KraitError *err)
{
    *out = NULL;
    *n_out = 0;
    size_t len = strlen(name);
    char *norm = arena_alloc(arena, len + 1);
    if (pkgname_normalize(name, len, norm, len + 1) < 0)
        return error_set(err, db->path, 0, 0, "cannot normalise package name \"%s\"", name);
    sqlite3_stmt *st = db->by_name;
    sqlite3_bind_text(st, 1, norm, -1, SQLITE_STATIC);
    int rc = lookup_rows(db, st, arena, out, n_out, err);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc;
}

static int find_advisory(VulnDb *db, const char *id, long long *aid, KraitError *err)
{
    sqlite3_stmt *st = db->find_id;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *aid = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc == SQLITE_ROW) return 0;
    if (rc == SQLITE_DONE) return 1;
    return db_error(db, "finding an advisory", err);
}

static int get_rows(VulnDb *db, sqlite3_stmt *st, Arena *arena, OsvRecord *out, KraitError *err)
{
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n_affected == 0) {
            header_from_row(st, arena, out);
            if (lists_from_row(db, st, arena, out, err) < 0) return -1;
        }
        grow(arena, (void **)&out->affected, sizeof *out->affected, out->n_affected, &cap);
        if (affected_from_row(db, st, arena, &out->affected[out->n_affected++], err) < 0) return -1;
    }
    return rc == SQLITE_DONE ? 0 : db_error(db, "reading an advisory", err);
}

int vulndb_get(VulnDb *db, const char *id, Arena *arena, OsvRecord *out, KraitError *err)
{
    memset(out, 0, sizeof *out);
    long long aid = 0;
    int found = find_advisory(db, id, &aid, err);
    if (found != 0) return found;
    sqlite3_stmt *st = db->by_advisory;
    sqlite3_bind_int64(st, 1, aid);
    int rc = get_rows(db, st, arena, out, err);
    sqlite3_reset(st);
    return rc;
}

/* ---- meta ---------------------------------------------------------------- */

static void info_take(VulnDbInfo *info, const char *key, sqlite3_stmt *st)
{
    const char *text = (const char *)sqlite3_column_text(st, 1);
    long long v = sqlite3_column_int64(st, 1);
    const struct { const char *key; long long *field; } numbers[] = {
        {"skipped", &info->skipped}, {"advisories", &info->counts.advisories},
        {"packages", &info->counts.packages}, {"affected", &info->counts.affected},
        {"withdrawn", &info->counts.withdrawn}, {"malicious", &info->counts.malicious},
        {"aliases", &info->counts.aliases}, {"ranges", &info->counts.ranges},
        {"events", &info->counts.events}, {"versions", &info->counts.versions},
    };
    if (strcmp(key, "schema_version") == 0) info->schema_version = (int)v;
    else if (strcmp(key, "source") == 0) snprintf(info->source, sizeof info->source, "%s", text ? text : "");
    else if (strcmp(key, "imported_at") == 0) snprintf(info->imported_at, sizeof info->imported_at, "%s", text ? text : "");
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
        if (strcmp(key, numbers[i].key) == 0) *numbers[i].field = v;
}

int vulndb_info(VulnDb *db, VulnDbInfo *out, KraitError *err)
{
    memset(out, 0, sizeof *out);
    snprintf(out->path, sizeof out->path, "%s", db->path);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->db, "SELECT key, value FROM meta", -1, &st, NULL) != SQLITE_OK)
        return db_error(db, "reading meta", err);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(st, 0);
        if (key) info_take(out, key, st);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(db, "reading meta", err);
}
