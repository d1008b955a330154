/* osv.h - reading OSV advisories (https://ossf.github.io/osv-schema/) for the
 * PyPI ecosystem, from a zip export (one <ID>.json per advisory, as osv.dev
 * publishes PyPI/all.zip) or from a folder of .json files.
 *
 * Only what krait needs survives parsing: the id, aliases, a one-line
 * summary, the timestamps (kept as the original RFC 3339 text), severities,
 * the advisory URL and, for every `affected` entry of ecosystem "PyPI", the
 * package name (raw and PEP 503-normalised), the ECOSYSTEM range events in
 * file order and the explicit version list. Versions stay strings: the
 * matcher (PEP 440) parses and sorts them. Unknown keys are ignored; other
 * range types (GIT, SEMVER) say nothing about PyPI versions and are dropped.
 *
 * A record that breaks the schema in a field krait uses is skipped and
 * reported through the warning callback with the entry's name and why; the
 * read goes on. A damaged archive, an entry over the limits or an unreadable
 * folder stops the read with an error.
 *
 * Every string and array of a parsed record lives in the caller's arena. */
#ifndef KRAIT_OSV_H
#define KRAIT_OSV_H

#include "base/arena.h"
#include "base/error.h"

#include <stddef.h>

typedef enum OsvEventKind {
    OSV_EVENT_INTRODUCED,
    OSV_EVENT_FIXED,
    OSV_EVENT_LAST_AFFECTED,
    OSV_EVENT_LIMIT,
} OsvEventKind;

typedef struct OsvEvent {
    OsvEventKind kind;
    const char *version;       /* "0" in an introduced event means "from the start" */
} OsvEvent;

/* One ECOSYSTEM range: its events in the order the file lists them. */
typedef struct OsvRange {
    OsvEvent *events;
    size_t n_events;
} OsvRange;

typedef struct OsvSeverity {
    const char *type;          /* "CVSS_V3", "CVSS_V4", "Ubuntu"... */
    const char *score;         /* a CVSS vector for the CVSS types */
} OsvSeverity;

/* One affected package. A version is affected when it is in `versions` or
 * inside any range. */
typedef struct OsvAffected {
    const char *name;          /* as the advisory spells it ("jw.util") */
    const char *normalized;    /* PEP 503 ("jw-util") */
    OsvRange *ranges;
    size_t n_ranges;
    const char **versions;
    size_t n_versions;
} OsvAffected;

typedef struct OsvRecord {
    const char *id;
    const char *summary;       /* summary, else the first non-empty line of details; NULL if neither */
    const char *modified;
    const char *published;     /* NULL when absent */
    const char *withdrawn;     /* NULL unless the advisory was withdrawn */
    const char *db_severity;   /* database_specific.severity ("HIGH"...), NULL when absent */
    const char *url;           /* first ADVISORY reference, else first WEB one; NULL if none */
    int malicious;             /* a MAL- record (OpenSSF malicious-packages) */
    const char **aliases;
    size_t n_aliases;
    OsvSeverity *severities;
    size_t n_severities;
    OsvAffected *affected;     /* PyPI entries only */
    size_t n_affected;
} OsvRecord;

/* Guards against hostile or broken archives. Zero fields take the defaults. */
typedef struct OsvLimits {
    size_t max_entries;        /* entries in the archive or folder */
    size_t max_entry_size;     /* bytes of one uncompressed .json */
    unsigned long long max_total_size;   /* bytes of all entries together */
} OsvLimits;

enum {
    OSV_DEFAULT_MAX_ENTRIES = 1000000,
    OSV_DEFAULT_MAX_ENTRY_SIZE = 16 << 20,
};
#define OSV_DEFAULT_MAX_TOTAL_SIZE (4ULL << 30)

typedef struct OsvStats {
    size_t entries;            /* .json entries read */
    size_t records;            /* handed to the record callback */
    size_t skipped;            /* malformed: one warning each */
    size_t not_pypi;           /* valid, but no PyPI affected entry */
    size_t ignored;            /* not .json, or not a regular file: one warning each */
} OsvStats;

/* Called for every record with a PyPI affected entry; `entry` names where
 * it came from; the record and its strings live until the next call.
 * Return 0 to go on, -1 (err filled) to stop the read. */
typedef int (*OsvRecordFn)(void *ctx, const char *entry, const OsvRecord *rec, KraitError *err);
/* Told about every skipped entry: `entry` names it ("archive.zip!member" or
 * "folder/file"), with ":line:col" appended for a JSON syntax error. */
typedef void (*OsvWarnFn)(void *ctx, const char *entry, const char *why);

typedef struct OsvReadOptions {
    OsvLimits limits;
    OsvRecordFn on_record;
    OsvWarnFn on_warning;      /* may be NULL: the count in OsvStats remains */
    void *ctx;                 /* handed to both callbacks */
} OsvReadOptions;

/* Reads every advisory of a zip file or a folder at path. Fails on I/O
 * errors, a corrupt or truncated archive, an entry beyond the limits, or
 * when on_record fails; stats count what was seen up to that point. */
int osv_read(const char *path, const OsvReadOptions *opts, OsvStats *stats, KraitError *err);

/* Parses one OSV JSON document. Returns 0 with *out filled, 1 when it is
 * valid but has no PyPI affected entry, or -1 with err saying why it is
 * malformed (err->path = entry, err->line/col = JSON position for syntax
 * errors). */
int osv_parse_record(const char *json, size_t len, const char *entry, Arena *arena, OsvRecord *out,
                     KraitError *err);

const char *osv_event_kind_name(OsvEventKind kind);
/* The inverse of osv_event_kind_name; -1 for an unknown key. */
int osv_event_kind_from_name(const char *name);

#endif
