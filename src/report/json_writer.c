/* json_writer.c - see json_writer.h. */
#include "report/json_writer.h"

#include <stdint.h>
#include <string.h>

void jsonw_init(JsonWriter *w, StrBuf *out, bool pretty)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->pretty = pretty;
    w->first[0] = true;
}

static void newline_indent(JsonWriter *w)
{
    if (!w->pretty) return;
    strbuf_putc(w->out, '\n');
    for (int i = 0; i < w->depth; i++) strbuf_append(w->out, "  ", 2);
}

/* Separator before a value or key at the current level. */
static void before_item(JsonWriter *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (!w->first[w->depth]) strbuf_putc(w->out, ',');
    w->first[w->depth] = false;
    if (w->depth > 0) newline_indent(w);
}

static void open_level(JsonWriter *w, char c)
{
    before_item(w);
    strbuf_putc(w->out, c);
    if (w->depth + 1 < JSONW_MAX_DEPTH) w->depth++;
    w->first[w->depth] = true;
}

static void close_level(JsonWriter *w, char c)
{
    bool empty = w->first[w->depth];
    if (w->depth > 0) w->depth--;
    if (!empty) newline_indent(w);
    strbuf_putc(w->out, c);
}

void jsonw_object_begin(JsonWriter *w) { open_level(w, '{'); }
void jsonw_object_end(JsonWriter *w) { close_level(w, '}'); }
void jsonw_array_begin(JsonWriter *w) { open_level(w, '['); }
void jsonw_array_end(JsonWriter *w) { close_level(w, ']'); }

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when invalid. */
static size_t utf8_valid_len(const unsigned char *s, size_t len)
{
    unsigned char c = s[0];
    size_t n;
    uint32_t cp;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; }
    else return 0;
    if (len < n) return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
    return n;
}

void jsonw_escape_into(StrBuf *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            size_t start = i;
            while (i < len && p[i] >= 0x20 && p[i] != '"' && p[i] != '\\' && p[i] < 0x80) i++;
            strbuf_append(out, s + start, i - start);
            continue;
        }
        if (c >= 0x80) {
            size_t n = utf8_valid_len(p + i, len - i);
            if (n) strbuf_append(out, s + i, n);
            else strbuf_append(out, "\\ufffd", 6);
            i += n ? n : 1;
            continue;
        }
        switch (c) {
        case '"': strbuf_append(out, "\\\"", 2); break;
        case '\\': strbuf_append(out, "\\\\", 2); break;
        case '\n': strbuf_append(out, "\\n", 2); break;
        case '\r': strbuf_append(out, "\\r", 2); break;
        case '\t': strbuf_append(out, "\\t", 2); break;
        default: strbuf_printf(out, "\\u%04x", c); break;
        }
        i++;
    }
}

void jsonw_key(JsonWriter *w, const char *key)
{
    before_item(w);
    strbuf_putc(w->out, '"');
    jsonw_escape_into(w->out, key, strlen(key));
    strbuf_append(w->out, w->pretty ? "\": " : "\":", w->pretty ? 3 : 2);
    w->after_key = true;
}

void jsonw_string_n(JsonWriter *w, const char *s, size_t len)
{
    before_item(w);
    strbuf_putc(w->out, '"');
    jsonw_escape_into(w->out, s, len);
    strbuf_putc(w->out, '"');
}

void jsonw_string(JsonWriter *w, const char *s) { jsonw_string_n(w, s, strlen(s)); }

void jsonw_int(JsonWriter *w, long long v)
{
    before_item(w);
    strbuf_printf(w->out, "%lld", v);
}

void jsonw_bool(JsonWriter *w, bool v)
{
    before_item(w);
    strbuf_puts(w->out, v ? "true" : "false");
}

void jsonw_null(JsonWriter *w)
{
    before_item(w);
    strbuf_puts(w->out, "null");
}

void jsonw_kv_string(JsonWriter *w, const char *key, const char *s)
{
    jsonw_key(w, key);
    if (s) jsonw_string(w, s);
    else jsonw_null(w);
}

void jsonw_kv_int(JsonWriter *w, const char *key, long long v)
{
    jsonw_key(w, key);
    jsonw_int(w, v);
}
