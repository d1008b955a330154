/* osv.c - see osv.h. JSON comes in through jansson; what survives is copied
 * into the caller's arena so the jansson tree can go at once. Archives are
 * streamed with libarchive: one entry in memory at a time, read under the
 * size limits before parsing. */
#include "deps/osv.h"
#include "base/die.h"
#include "base/file.h"
#include "deps/pkgname.h"

#include <archive.h>
#include <archive_entry.h>
#include <dlfcn.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const event_names[] = {
    [OSV_EVENT_INTRODUCED] = "introduced",
    [OSV_EVENT_FIXED] = "fixed",
    [OSV_EVENT_LAST_AFFECTED] = "last_affected",
    [OSV_EVENT_LIMIT] = "limit",
};
_Static_assert(sizeof event_names / sizeof event_names[0] == OSV_EVENT_LIMIT + 1, "one name per event kind");

const char *osv_event_kind_name(OsvEventKind kind)
{
    if ((unsigned)kind > OSV_EVENT_LIMIT) return "?";
    return event_names[kind];
}

int osv_event_kind_from_name(const char *name)
{
    for (int i = 0; i <= OSV_EVENT_LIMIT; i++)
        if (strcmp(event_names[i], name) == 0) return i;
    return -1;
}

/* ---- one record ---------------------------------------------------------- */

/* Where in the record the parser is, so a message can point there. */
typedef enum ParseDepth { AT_TOP, AT_AFFECTED, AT_RANGE, AT_EVENT } ParseDepth;

typedef struct RecordParser {
    Arena *arena;
    const char *entry;
    KraitError *err;
    ParseDepth depth;
    size_t affected_i, range_i, event_i;
} RecordParser;

static int malformed(RecordParser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int malformed(RecordParser *p, const char *fmt, ...)
{
    char where[96] = "", msg[ERROR_MESSAGE_MAX - 100];
    if (p->depth >= AT_AFFECTED) snprintf(where, sizeof where, "affected[%zu]", p->affected_i);
    if (p->depth >= AT_RANGE) snprintf(where + strlen(where), sizeof where - strlen(where), ".ranges[%zu]", p->range_i);
    if (p->depth >= AT_EVENT) snprintf(where + strlen(where), sizeof where - strlen(where), ".events[%zu]", p->event_i);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return error_set(p->err, p->entry, 0, 0, "%s%s%s", where, where[0] ? ": " : "", msg);
}

static const char *copy_str(RecordParser *p, const json_t *s)
{
    return arena_strndup(p->arena, json_string_value(s), json_string_length(s));
}

/* An optional string member: absent or null leaves *out NULL; another type
 * is an error naming the key. */
static int get_string(RecordParser *p, const json_t *obj, const char *key, const char **out)
{
    const json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v)) return 0;
    if (!json_is_string(v)) return malformed(p, "\"%s\" is not a string", key);
    *out = copy_str(p, v);
    return 0;
}

/* An optional array member; absent or null gives NULL. */
static int get_array(RecordParser *p, const json_t *obj, const char *key, const json_t **out)
{
    const json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v)) return 0;
    if (!json_is_array(v)) return malformed(p, "\"%s\" is not an array", key);
    *out = v;
    return 0;
}

static int parse_string_array(RecordParser *p, const json_t *obj, const char *key, const char ***out, size_t *n_out)
{
    const json_t *arr;
    *out = NULL;
    *n_out = 0;
    if (get_array(p, obj, key, &arr) < 0) return -1;
    if (!arr) return 0;
    size_t n = json_array_size(arr);
    const char **items = ARENA_ARRAY(p->arena, const char *, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        const json_t *s = json_array_get(arr, i);
        if (!json_is_string(s)) return malformed(p, "an item of \"%s\" is not a string", key);
        items[i] = copy_str(p, s);
    }
    *out = items;
    *n_out = n;
    return 0;
}

/* The first line of details with text on it, for records without a summary. */
static const char *first_line(Arena *arena, const char *text)
{
    while (*text) {
        while (*text == ' ' || *text == '\t' || *text == '\r' || *text == '\n') text++;
        size_t len = strcspn(text, "\r\n");
        while (len && (text[len - 1] == ' ' || text[len - 1] == '\t')) len--;
        if (len) return arena_strndup(arena, text, len);
        text += strcspn(text, "\r\n");
    }
    return NULL;
}

static int parse_event(RecordParser *p, const json_t *ev, OsvEvent *out)
{
    if (!json_is_object(ev)) return malformed(p, "a range event is not an object");
    int found = 0;
    for (int k = 0; k <= OSV_EVENT_LIMIT; k++) {
        const json_t *v = json_object_get(ev, event_names[k]);
        if (!v) continue;
        if (found++) return malformed(p, "a range event has more than one of introduced/fixed/last_affected/limit");
        if (!json_is_string(v)) return malformed(p, "range event \"%s\" is not a string", event_names[k]);
        if (json_string_length(v) == 0) return malformed(p, "range event \"%s\" is empty", event_names[k]);
        out->kind = (OsvEventKind)k;
        out->version = copy_str(p, v);
    }
    if (!found) return malformed(p, "a range event has none of introduced/fixed/last_affected/limit");
    return 0;
}

/* Keeps the ECOSYSTEM ranges; the others are checked for shape only. */
static int parse_ranges(RecordParser *p, const json_t *aff, OsvAffected *out)
{
    const json_t *ranges;
    if (get_array(p, aff, "ranges", &ranges) < 0) return -1;
    if (!ranges) return 0;
    size_t n = json_array_size(ranges);
    out->ranges = ARENA_ARRAY(p->arena, OsvRange, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        const json_t *r = json_array_get(ranges, i);
        p->depth = AT_RANGE;
        p->range_i = i;
        if (!json_is_object(r)) return malformed(p, "a range is not an object");
        const json_t *type = json_object_get(r, "type");
        if (!json_is_string(type)) return malformed(p, "a range has no \"type\" string");
        const json_t *events = json_object_get(r, "events");
        if (!json_is_array(events)) return malformed(p, "a range has no \"events\" array");
        if (strcmp(json_string_value(type), "ECOSYSTEM") != 0) continue;
        OsvRange *range = &out->ranges[out->n_ranges++];
        range->n_events = json_array_size(events);
        range->events = ARENA_ARRAY(p->arena, OsvEvent, range->n_events ? range->n_events : 1);
        for (size_t e = 0; e < range->n_events; e++) {
            p->depth = AT_EVENT;
            p->event_i = e;
            if (parse_event(p, json_array_get(events, e), &range->events[e]) < 0) return -1;
        }
    }
    p->depth = AT_AFFECTED;
    return 0;
}

/* Returns 1 when the entry is for another ecosystem. */
static int parse_affected(RecordParser *p, const json_t *aff, OsvAffected *out)
{
    if (!json_is_object(aff)) return malformed(p, "not an object");
    const json_t *pkg = json_object_get(aff, "package");
    if (!pkg) return 1;   /* the schema allows affected entries without a package (e.g. GIT-only) */
    if (!json_is_object(pkg)) return malformed(p, "\"package\" is not an object");
    const json_t *eco = json_object_get(pkg, "ecosystem");
    if (!json_is_string(eco)) return malformed(p, "\"package.ecosystem\" is not a string");
    if (strcmp(json_string_value(eco), "PyPI") != 0) return 1;
    const json_t *name = json_object_get(pkg, "name");
    if (!json_is_string(name) || json_string_length(name) == 0)
        return malformed(p, "a PyPI package has no \"name\" string");
    memset(out, 0, sizeof *out);
    out->name = copy_str(p, name);
    size_t len = json_string_length(name);
    char *norm = arena_alloc(p->arena, len + 1);
    if (pkgname_normalize(out->name, len, norm, len + 1) < 0)
        return malformed(p, "cannot normalise package name \"%s\"", out->name);
    out->normalized = norm;
    if (parse_ranges(p, aff, out) < 0) return -1;
    return parse_string_array(p, aff, "versions", &out->versions, &out->n_versions);
}

static int parse_severities(RecordParser *p, const json_t *doc, OsvRecord *rec)
{
    const json_t *arr;
    if (get_array(p, doc, "severity", &arr) < 0) return -1;
    if (!arr) return 0;
    rec->n_severities = json_array_size(arr);
    rec->severities = ARENA_ARRAY(p->arena, OsvSeverity, rec->n_severities ? rec->n_severities : 1);
    for (size_t i = 0; i < rec->n_severities; i++) {
        const json_t *s = json_array_get(arr, i);
        const json_t *type = json_object_get(s, "type"), *score = json_object_get(s, "score");
        if (!json_is_string(type) || !json_is_string(score))
            return malformed(p, "a \"severity\" item lacks \"type\" or \"score\" strings");
        rec->severities[i].type = copy_str(p, type);
        rec->severities[i].score = copy_str(p, score);
    }
    return 0;
}

static int parse_references(RecordParser *p, const json_t *doc, OsvRecord *rec)
{
    const json_t *arr;
    if (get_array(p, doc, "references", &arr) < 0) return -1;
    if (!arr) return 0;
    const json_t *web = NULL;
    for (size_t i = 0; i < json_array_size(arr); i++) {
        const json_t *r = json_array_get(arr, i);
        const json_t *type = json_object_get(r, "type"), *url = json_object_get(r, "url");
        if (!json_is_string(type) || !json_is_string(url))
            return malformed(p, "a \"references\" item lacks \"type\" or \"url\" strings");
        if (!rec->url && strcmp(json_string_value(type), "ADVISORY") == 0) rec->url = copy_str(p, url);
        if (!web && strcmp(json_string_value(type), "WEB") == 0) web = url;
    }
    if (!rec->url && web) rec->url = copy_str(p, web);
    return 0;
}

static int parse_header(RecordParser *p, const json_t *doc, OsvRecord *rec)
{
    const json_t *id = json_object_get(doc, "id");
    if (!json_is_string(id) || json_string_length(id) == 0) return malformed(p, "no \"id\" string");
    rec->id = copy_str(p, id);
    rec->malicious = strncmp(rec->id, "MAL-", 4) == 0;
    if (get_string(p, doc, "modified", &rec->modified) < 0) return -1;
    if (!rec->modified) return malformed(p, "no \"modified\" timestamp");
    const char *details;
    if (get_string(p, doc, "published", &rec->published) < 0 || get_string(p, doc, "withdrawn", &rec->withdrawn) < 0 ||
        get_string(p, doc, "summary", &rec->summary) < 0 || get_string(p, doc, "details", &details) < 0)
        return -1;
    if (rec->summary) rec->summary = first_line(p->arena, rec->summary);
    if (!rec->summary && details) rec->summary = first_line(p->arena, details);
    const json_t *dbs = json_object_get(doc, "database_specific");
    const json_t *sev = json_is_object(dbs) ? json_object_get(dbs, "severity") : NULL;
    if (json_is_string(sev)) rec->db_severity = copy_str(p, sev);
    return parse_string_array(p, doc, "aliases", &rec->aliases, &rec->n_aliases);
}

static int parse_document(RecordParser *p, const json_t *doc, OsvRecord *rec)
{
    if (!json_is_object(doc)) return malformed(p, "the document is not a JSON object");
    if (parse_header(p, doc, rec) < 0 || parse_severities(p, doc, rec) < 0 || parse_references(p, doc, rec) < 0)
        return -1;
    const json_t *affected;
    if (get_array(p, doc, "affected", &affected) < 0) return -1;
    size_t n = affected ? json_array_size(affected) : 0;
    rec->affected = ARENA_ARRAY(p->arena, OsvAffected, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        p->depth = AT_AFFECTED;
        p->affected_i = i;
        int rc = parse_affected(p, json_array_get(affected, i), &rec->affected[rec->n_affected]);
        if (rc < 0) return -1;
        if (rc == 0) rec->n_affected++;
    }
    return rec->n_affected ? 0 : 1;
}

int osv_parse_record(const char *json, size_t len, const char *entry, Arena *arena, OsvRecord *out, KraitError *err)
{
    memset(out, 0, sizeof *out);
    json_error_t jerr;
    json_t *doc = json_loadb(json, len, 0, &jerr);
    if (!doc) return error_set(err, entry, jerr.line, jerr.column, "invalid JSON: %s", jerr.text);
    RecordParser p = {.arena = arena, .entry = entry, .err = err};
    int rc = parse_document(&p, doc, out);
    json_decref(doc);
    return rc;
}

/* ---- archives and folders ------------------------------------------------ */

/* libarchive is loaded when a zip is read, not linked: its dependencies
 * (libxml2, ICU, libstdc++...) would add megabytes to the resident size of
 * every krait run, and only `krait db import/update` reads archives. */
typedef struct ArchiveApi {
    void *handle;
    struct archive *(*read_new)(void);
    int (*support_format_zip)(struct archive *);
    int (*open_filename)(struct archive *, const char *, size_t);
    int (*next_header)(struct archive *, struct archive_entry **);
    la_ssize_t (*read_data)(struct archive *, void *, size_t);
    int (*read_free)(struct archive *);
    const char *(*error_string)(struct archive *);
    const char *(*entry_pathname)(struct archive_entry *);
    __LA_MODE_T (*entry_filetype)(struct archive_entry *);
    int (*entry_size_is_set)(struct archive_entry *);
    la_int64_t (*entry_size)(struct archive_entry *);
} ArchiveApi;

static int archive_api_load(ArchiveApi *api, KraitError *err)
{
    static const char *const names[] = {"libarchive.so.13", "libarchive.so", NULL};
    memset(api, 0, sizeof *api);
    for (const char *const *n = names; *n && !api->handle; n++) api->handle = dlopen(*n, RTLD_NOW | RTLD_LOCAL);
    if (!api->handle)
        return error_set(err, NULL, 0, 0, "cannot load libarchive (%s); install libarchive13 (scripts/install-deps.sh)",
                         dlerror());
    struct { void *slot; const char *name; } syms[] = {
        {&api->read_new, "archive_read_new"},
        {&api->support_format_zip, "archive_read_support_format_zip"},
        {&api->open_filename, "archive_read_open_filename"},
        {&api->next_header, "archive_read_next_header"},
        {&api->read_data, "archive_read_data"},
        {&api->read_free, "archive_read_free"},
        {&api->error_string, "archive_error_string"},
        {&api->entry_pathname, "archive_entry_pathname"},
        {&api->entry_filetype, "archive_entry_filetype"},
        {&api->entry_size_is_set, "archive_entry_size_is_set"},
        {&api->entry_size, "archive_entry_size"},
    };
    for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++) {
        void *sym = dlsym(api->handle, syms[i].name);
        if (!sym) {
            dlclose(api->handle);
            return error_set(err, NULL, 0, 0, "libarchive lacks %s", syms[i].name);
        }
        memcpy(syms[i].slot, &sym, sizeof sym);   /* object to function pointer, as POSIX allows */
    }
    return 0;
}

typedef struct Reader {
    const ArchiveApi *la;      /* set while a zip is read */
    const OsvReadOptions *opts;
    OsvLimits limits;
    OsvStats *stats;
    unsigned long long total;
    Arena arena;
} Reader;

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void warn(Reader *r, const char *entry, const char *why)
{
    if (r->opts->on_warning) r->opts->on_warning(r->opts->ctx, entry, why);
}

/* Parses one entry's bytes and hands a PyPI record on. Malformed records
 * are warnings, not errors. */
static int reader_take(Reader *r, const char *entry, const char *data, size_t len, KraitError *err)
{
    r->stats->entries++;
    arena_reset(&r->arena);
    OsvRecord rec;
    KraitError why;
    error_clear(&why);
    int rc = osv_parse_record(data, len, entry, &r->arena, &rec, &why);
    if (rc < 0) {
        /* a JSON syntax error has a place: name it as entry:line:col */
        char where[ERROR_PATH_MAX + 32];
        if (why.line > 0 && why.col > 0) snprintf(where, sizeof where, "%s:%d:%d", entry, why.line, why.col);
        else if (why.line > 0) snprintf(where, sizeof where, "%s:%d", entry, why.line);
        else snprintf(where, sizeof where, "%s", entry);
        r->stats->skipped++;
        warn(r, where, why.message);
        return 0;
    }
    if (rc == 1) {
        r->stats->not_pypi++;
        return 0;
    }
    r->stats->records++;
    return r->opts->on_record ? r->opts->on_record(r->opts->ctx, entry, &rec, err) : 0;
}

static int reader_count_entry(Reader *r, const char *where, KraitError *err)
{
    if (r->stats->entries + r->stats->ignored >= r->limits.max_entries)
        return error_set(err, where, 0, 0, "more than %zu entries; refusing to read further", r->limits.max_entries);
    return 0;
}

/* Reads the current archive entry into buf, enforcing the size limits even
 * when the header's size is missing or lies. */
static int zip_read_entry(Reader *r, struct archive *ar, const char *entry, char **buf, size_t *cap, size_t *len,
                          KraitError *err)
{
    *len = 0;
    for (;;) {
        if (*len + 65536 + 1 > *cap) {
            size_t want = *cap ? *cap * 2 : 1 << 20;
            char *p = realloc(*buf, want);
            if (!p) die_out_of_memory();
            *buf = p;
            *cap = want;
        }
        la_ssize_t n = r->la->read_data(ar, *buf + *len, 65536);
        if (n < 0) return error_set(err, entry, 0, 0, "corrupt archive entry: %s", r->la->error_string(ar));
        if (n == 0) break;
        *len += (size_t)n;
        r->total += (unsigned long long)n;
        if (*len > r->limits.max_entry_size)
            return error_set(err, entry, 0, 0, "entry is larger than the limit of %zu bytes", r->limits.max_entry_size);
        if (r->total > r->limits.max_total_size)
            return error_set(err, entry, 0, 0, "archive expands beyond the limit of %llu bytes", r->limits.max_total_size);
    }
    (*buf)[*len] = '\0';
    return 0;
}

static int zip_each_entry(Reader *r, struct archive *ar, const char *path, KraitError *err)
{
    char *buf = NULL;
    size_t cap = 0, len = 0;
    char entry[ERROR_PATH_MAX];
    int rc = 0;
    for (;;) {
        struct archive_entry *ae;
        int st = r->la->next_header(ar, &ae);
        if (st == ARCHIVE_EOF) break;
        if (st != ARCHIVE_OK && st != ARCHIVE_WARN) {
            rc = error_set(err, path, 0, 0, "corrupt or truncated archive: %s", r->la->error_string(ar));
            break;
        }
        const char *name = r->la->entry_pathname(ae);
        snprintf(entry, sizeof entry, "%s!%s", path, name ? name : "?");
        if (r->la->entry_filetype(ae) == AE_IFDIR) continue;
        if ((rc = reader_count_entry(r, path, err)) < 0) break;
        if (!name || !ends_with(name, ".json")) {
            r->stats->ignored++;
            warn(r, entry, "not a .json file; ignored");
            continue;
        }
        if (r->la->entry_size_is_set(ae) && r->la->entry_size(ae) > (la_int64_t)r->limits.max_entry_size) {
            rc = error_set(err, entry, 0, 0, "entry is larger than the limit of %zu bytes", r->limits.max_entry_size);
            break;
        }
        if ((rc = zip_read_entry(r, ar, entry, &buf, &cap, &len, err)) < 0) break;
        if ((rc = reader_take(r, entry, buf, len, err)) < 0) break;
    }
    free(buf);
    return rc;
}

/* A zip ends with its end-of-central-directory record (22 bytes, then a
 * comment of up to 64 KiB). libarchive's streaming reader stops at the first
 * central-directory header and so would accept a file cut anywhere after
 * the last entry; checking the tail first catches every truncation. */
static int zip_check_tail(const char *path, KraitError *err)
{
    enum { EOCD_SIZE = 22, TAIL_MAX = EOCD_SIZE + 65535 };
    FILE *f = fopen(path, "rb");
    if (!f) return error_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
    unsigned char *tail = malloc(TAIL_MAX);
    if (!tail) die_out_of_memory();
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    long len = size < TAIL_MAX ? size : TAIL_MAX;
    int found = 0;
    if (size >= EOCD_SIZE && fseek(f, size - len, SEEK_SET) == 0 && fread(tail, 1, (size_t)len, f) == (size_t)len) {
        for (long i = len - EOCD_SIZE; i >= 0 && !found; i--) {
            const unsigned char *p = tail + i;
            long comment = p[20] | (long)p[21] << 8;
            found = p[0] == 'P' && p[1] == 'K' && p[2] == 5 && p[3] == 6 && i + EOCD_SIZE + comment == len;
        }
    }
    free(tail);
    fclose(f);
    if (size < 0) return error_set(err, path, 0, 0, "cannot read: %s", strerror(errno));
    if (!found)
        return error_set(err, path, 0, 0, "truncated or not a zip archive: no end-of-central-directory record");
    return 0;
}

static int read_zip(Reader *r, const char *path, KraitError *err)
{
    if (zip_check_tail(path, err) < 0) return -1;
    ArchiveApi la;
    if (archive_api_load(&la, err) < 0) return -1;
    r->la = &la;
    struct archive *ar = la.read_new();
    if (!ar) die_out_of_memory();
    la.support_format_zip(ar);
    int rc;
    if (la.open_filename(ar, path, 1 << 16) != ARCHIVE_OK)
        rc = error_set(err, path, 0, 0, "cannot read as a zip archive: %s", la.error_string(ar));
    else
        rc = zip_each_entry(r, ar, path, err);
    la.read_free(ar);
    r->la = NULL;
    dlclose(la.handle);
    return rc;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .json names of a folder, sorted so imports are reproducible. */
static int list_folder(Reader *r, const char *path, char ***names, size_t *n, KraitError *err)
{
    DIR *dir = opendir(path);
    if (!dir) return error_set(err, path, 0, 0, "cannot open folder: %s", strerror(errno));
    size_t cap = 0;
    *names = NULL;
    *n = 0;
    struct dirent *de;
    int rc = 0;
    while ((de = readdir(dir)) != NULL) {
        if (de->d_name[0] == '.') continue;
        if ((rc = reader_count_entry(r, path, err)) < 0) break;
        char entry[ERROR_PATH_MAX];
        snprintf(entry, sizeof entry, "%s/%s", path, de->d_name);
        struct stat st;
        const char *why = !ends_with(de->d_name, ".json")         ? "not a .json file; ignored"
                          : stat(entry, &st) != 0 || !S_ISREG(st.st_mode) ? "not a regular file; ignored"
                                                                         : NULL;
        if (why) {
            r->stats->ignored++;
            warn(r, entry, why);
            continue;
        }
        if (*n == cap) {
            cap = cap ? cap * 2 : 256;
            char **p = realloc(*names, cap * sizeof **names);
            if (!p) die_out_of_memory();
            *names = p;
        }
        if (!((*names)[(*n)++] = strdup(de->d_name))) die_out_of_memory();
    }
    closedir(dir);
    if (*n) qsort(*names, *n, sizeof **names, compare_names);
    return rc;
}

static int read_folder(Reader *r, const char *path, KraitError *err)
{
    char **names = NULL;
    size_t n = 0;
    int rc = list_folder(r, path, &names, &n, err);
    for (size_t i = 0; i < n && rc == 0; i++) {
        char entry[ERROR_PATH_MAX];
        snprintf(entry, sizeof entry, "%s/%s", path, names[i]);
        FileData fd;
        if (file_read_all(entry, r->limits.max_entry_size, &fd, err) < 0) {
            rc = -1;
            break;
        }
        r->total += fd.len;
        if (r->total > r->limits.max_total_size)
            rc = error_set(err, path, 0, 0, "folder holds more than the limit of %llu bytes", r->limits.max_total_size);
        else
            rc = reader_take(r, entry, fd.data, fd.len, err);
        file_data_free(&fd);
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    return rc;
}

int osv_read(const char *path, const OsvReadOptions *opts, OsvStats *stats, KraitError *err)
{
    memset(stats, 0, sizeof *stats);
    Reader r = {.opts = opts, .limits = opts->limits, .stats = stats};
    if (!r.limits.max_entries) r.limits.max_entries = OSV_DEFAULT_MAX_ENTRIES;
    if (!r.limits.max_entry_size) r.limits.max_entry_size = OSV_DEFAULT_MAX_ENTRY_SIZE;
    if (!r.limits.max_total_size) r.limits.max_total_size = OSV_DEFAULT_MAX_TOTAL_SIZE;
    struct stat st;
    if (stat(path, &st) != 0) return error_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
    arena_init(&r.arena);
    int rc = S_ISDIR(st.st_mode) ? read_folder(&r, path, err) : read_zip(&r, path, err);
    arena_free(&r.arena);
    return rc;
}
