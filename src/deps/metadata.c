/* metadata.c - core metadata reader; see metadata.h. One pass over the
 * lines: a header starts a field, an indented line continues it, the first
 * blank line ends the headers and the rest is the body. */
#include "deps/metadata.h"

#include "base/strbuf.h"

#include <string.h>
#include <strings.h>

typedef struct MetaParser {
    Arena *arena;
    const char *path;
    DistMetadata *out;
    size_t cap;
    StrBuf value;       /* the field being collected */
    int field_open;
    KraitError *err;
} MetaParser;

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Stores the open field's collected value, trimmed. */
static void close_field(MetaParser *p)
{
    if (!p->field_open) return;
    const char *v = p->value.data ? p->value.data : "";
    size_t len = p->value.len;
    while (len > 0 && (is_blank(v[0]) || v[0] == '\n')) {
        v++;
        len--;
    }
    while (len > 0 && (is_blank(v[len - 1]) || v[len - 1] == '\n')) len--;
    p->out->fields[p->out->count - 1].value = arena_strndup(p->arena, v, len);
    p->field_open = 0;
}

static void open_field(MetaParser *p, const char *name, size_t name_len, int line)
{
    close_field(p);
    if (p->out->count == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 32;
        p->out->fields = arena_realloc(p->arena, p->out->fields, p->cap * sizeof(MetadataField),
                                       cap * sizeof(MetadataField));
        p->cap = cap;
    }
    MetadataField *f = &p->out->fields[p->out->count++];
    f->name = arena_strndup(p->arena, name, name_len);
    f->value = "";
    f->line = line;
    strbuf_clear(&p->value);
    p->field_open = 1;
}

/* Header := name ":" value, where name is printable ASCII without blanks or ':' */
static int parse_header(MetaParser *p, const char *s, size_t len, int line)
{
    size_t i = 0;
    while (i < len && s[i] != ':') {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' || c >= 127)
            return error_set(p->err, p->path, line, (int)i + 1, "expected 'Name: value', found %s in a field name",
                             c == ' ' || c == '\t' ? "a blank" : "a character that is not printable ASCII");
        i++;
    }
    if (i == len) return error_set(p->err, p->path, line, (int)len + 1, "expected ':' after the field name");
    if (i == 0) return error_set(p->err, p->path, line, 1, "empty field name");
    open_field(p, s, i, line);
    strbuf_append(&p->value, s + i + 1, len - i - 1);
    return 0;
}

/* Continuation := blank+ ["|"] text, joined to the open field with '\n'. */
static void add_continuation(MetaParser *p, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && is_blank(s[i])) i++;
    if (i < len && s[i] == '|') i++;
    strbuf_putc(&p->value, '\n');
    strbuf_append(&p->value, s + i, len - i);
}

int metadata_parse(Arena *arena, const char *path, const char *text, size_t len, DistMetadata *out, KraitError *err)
{
    memset(out, 0, sizeof *out);
    MetaParser p = {arena, path, out, 0, {NULL, 0, 0}, 0, err};
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        int line = 1, col = 1;
        for (const char *c = text; c < nul; c++, col++)
            if (*c == '\n') {
                line++;
                col = 0;
            }
        return error_set(err, path, line, col, "NUL byte in metadata");
    }
    size_t pos = 0;
    int line = 0, rc = 0;
    while (pos < len) {
        const char *s = text + pos;
        const char *nl = memchr(s, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - s) : len - pos;
        size_t next = pos + n + (nl ? 1 : 0);
        line++;
        if (n > 0 && s[n - 1] == '\r') n--;
        if (n == 0) {   /* the blank line: the body follows */
            close_field(&p);
            if (next < len) {
                out->body = arena_strndup(arena, text + next, len - next);
                out->body_line = line + 1;
            }
            break;
        }
        if (is_blank(s[0])) {
            size_t k = 0;
            while (k < n && is_blank(s[k])) k++;
            if (!p.field_open && k < n) {
                rc = error_set(err, path, line, 1, "continuation line before any field");
                break;
            }
            if (k == n && !p.field_open) {   /* whitespace-only line: as blank */
                pos = next;
                continue;
            }
            add_continuation(&p, s, n);
        } else if (parse_header(&p, s, n, line) < 0) {
            rc = -1;
            break;
        }
        pos = next;
    }
    if (rc == 0) close_field(&p);
    strbuf_free(&p.value);
    return rc;
}

const char *metadata_get(const DistMetadata *meta, const char *name)
{
    for (size_t i = 0; i < meta->count; i++)
        if (strcasecmp(meta->fields[i].name, name) == 0) return meta->fields[i].value;
    return NULL;
}

const char **metadata_get_all(Arena *arena, const DistMetadata *meta, const char *name, size_t *count)
{
    size_t n = 0;
    for (size_t i = 0; i < meta->count; i++)
        if (strcasecmp(meta->fields[i].name, name) == 0) n++;
    const char **values = ARENA_ARRAY(arena, const char *, n ? n : 1);
    n = 0;
    for (size_t i = 0; i < meta->count; i++)
        if (strcasecmp(meta->fields[i].name, name) == 0) values[n++] = meta->fields[i].value;
    *count = n;
    return values;
}

void metadata_license_fields(Arena *arena, const DistMetadata *meta, LicenseMetadata *out)
{
    out->license_expression = metadata_get(meta, "License-Expression");
    out->license = metadata_get(meta, "License");
    out->classifiers = metadata_get_all(arena, meta, "Classifier", &out->classifier_count);
}
