/* json_writer.h - a streaming JSON writer into a StrBuf: no tree in memory.
 * Commas and indentation are tracked per nesting level; strings are escaped
 * as RFC 8259 requires and invalid UTF-8 becomes U+FFFD, so the output is
 * always valid JSON whatever bytes a scanned file holds. */
#ifndef KRAIT_JSON_WRITER_H
#define KRAIT_JSON_WRITER_H

#include "base/strbuf.h"

#include <stdbool.h>
#include <stddef.h>

enum { JSONW_MAX_DEPTH = 64 };

typedef struct JsonWriter {
    StrBuf *out;
    int depth;
    bool pretty;
    bool first[JSONW_MAX_DEPTH];   /* nothing written yet at this level */
    bool after_key;
} JsonWriter;

void jsonw_init(JsonWriter *w, StrBuf *out, bool pretty);
void jsonw_object_begin(JsonWriter *w);
void jsonw_object_end(JsonWriter *w);
void jsonw_array_begin(JsonWriter *w);
void jsonw_array_end(JsonWriter *w);
void jsonw_key(JsonWriter *w, const char *key);
void jsonw_string(JsonWriter *w, const char *s);
void jsonw_string_n(JsonWriter *w, const char *s, size_t len);
void jsonw_int(JsonWriter *w, long long v);
void jsonw_bool(JsonWriter *w, bool v);
void jsonw_null(JsonWriter *w);
/* Shorthands for "key": value inside an object. */
void jsonw_kv_string(JsonWriter *w, const char *key, const char *s);
void jsonw_kv_int(JsonWriter *w, const char *key, long long v);
/* Appends s escaped for a JSON string body (no quotes) to out. */
void jsonw_escape_into(StrBuf *out, const char *s, size_t len);

#endif
