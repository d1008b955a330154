/* toml.h - a TOML 1.0.0 parser (the version Python's tomllib reads) that
 * builds a value tree in an arena, for pyproject.toml and the lock files
 * (poetry.lock, uv.lock, pdm.lock, pylock.toml).
 *
 * Every value and every key carries the line and column where it was written,
 * so a finding about a dependency can point at its line. Tables keep their
 * keys in file order. The tree, its strings and its lookup indexes all live in
 * the caller's arena; nothing needs freeing apart from the arena itself.
 * Lines and columns are 1-based; columns count bytes (as Python's ast
 * col_offset does), so a tab or a multi-byte character is one column per byte.
 * The full contract is in docs/toml.md. */
#ifndef KRAIT_TOML_H
#define KRAIT_TOML_H

#include "base/arena.h"
#include "base/error.h"
#include "base/strbuf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum TomlKind {
    TOML_TABLE,
    TOML_ARRAY,
    TOML_STRING,
    TOML_INTEGER,
    TOML_FLOAT,
    TOML_BOOL,
    TOML_DATETIME,         /* offset date-time: 1979-05-27T07:32:00Z */
    TOML_DATETIME_LOCAL,   /* 1979-05-27T07:32:00 */
    TOML_DATE_LOCAL,       /* 1979-05-27 */
    TOML_TIME_LOCAL,       /* 07:32:00 */
} TomlKind;

/* The fields a kind does not have are 0. Fractions beyond nanoseconds are
 * truncated, as the specification allows. */
typedef struct TomlDatetime {
    int year, month, day;
    int hour, minute, second;
    int nanosecond;
    int frac_digits;        /* digits of fraction written (at most 9 kept) */
    int offset_minutes;     /* TOML_DATETIME only: minutes east of UTC */
} TomlDatetime;

typedef struct TomlValue TomlValue;

typedef struct TomlEntry {
    const char *key;        /* NUL-terminated; may hold NUL itself, so see key_len */
    size_t key_len;
    int line, col;          /* where the key (its last dotted part) was written */
    TomlValue *value;
} TomlEntry;

typedef struct TomlTable {
    TomlEntry *entries;     /* in file order */
    size_t len, cap;
    uint32_t *index;        /* hash of entry positions, for big tables only */
    size_t index_cap;
} TomlTable;

typedef struct TomlArray {
    TomlValue **items;
    size_t len, cap;
} TomlArray;

struct TomlValue {
    TomlKind kind;
    int line, col;          /* first character of the value; for a table made by
                               a [header] the header, for an implicit table the
                               first key that created it */
    unsigned flags;         /* parser bookkeeping; not for callers */
    unsigned section;       /* parser bookkeeping; not for callers */
    union {
        TomlTable table;
        TomlArray array;
        struct { const char *data; size_t len; } string;   /* NUL-terminated */
        int64_t integer;
        double number;
        bool boolean;
        TomlDatetime datetime;
    } as;
};

/* Parses src[0, len) (UTF-8, an optional BOM) into a tree allocated in arena
 * and stores its root table in *root. On error returns -1 with err holding
 * path:line:col and the reason; path is used only in messages. */
int toml_parse(const char *src, size_t len, const char *path, Arena *arena,
               TomlValue **root, KraitError *err);
/* Reads the file and parses it (the text is not kept: keys and strings are
 * copied into the arena). */
int toml_parse_file(const char *path, Arena *arena, TomlValue **root, KraitError *err);

/* Lookups return NULL when the key is absent or the value is of another kind. */
const TomlValue *toml_table_get(const TomlValue *table, const char *key);
const TomlEntry *toml_table_find(const TomlValue *table, const char *key, size_t key_len);
/* "tool.krait.select", '"quoted.part".x' and spaces around dots as in TOML
 * keys; NULL when any part is missing, not a table or the path is malformed. */
const TomlValue *toml_get_path(const TomlValue *root, const char *path);
size_t toml_table_len(const TomlValue *table);                 /* 0 unless a table */
const TomlEntry *toml_table_at(const TomlValue *table, size_t i);
size_t toml_array_len(const TomlValue *array);                 /* 0 unless an array */
const TomlValue *toml_array_at(const TomlValue *array, size_t i);

/* Typed getters: false (and *out untouched) when v is NULL or of another kind. */
bool toml_get_string(const TomlValue *v, const char **out, size_t *len);
bool toml_get_int(const TomlValue *v, int64_t *out);
bool toml_get_float(const TomlValue *v, double *out);
bool toml_get_bool(const TomlValue *v, bool *out);
bool toml_get_datetime(const TomlValue *v, TomlDatetime *out);  /* any of the four */
/* The string's text, or NULL when v is not a string. */
const char *toml_as_string(const TomlValue *v);

const char *toml_kind_name(TomlKind kind);   /* "table", "integer", "datetime-local"... */

/* Appends v in the tagged JSON of toml-test: tables as objects, arrays as
 * arrays, every other value as {"type": ..., "value": "..."}. */
void toml_write_tagged_json(const TomlValue *v, StrBuf *out);

#endif
