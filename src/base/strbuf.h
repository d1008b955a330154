/* strbuf.h - a growable, always NUL-terminated byte buffer on the heap, for
 * output that outlives any arena (reports, dumps). Owned by its user:
 * strbuf_free releases it. */
#ifndef KRAIT_STRBUF_H
#define KRAIT_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct StrBuf {
    char *data;   /* NULL until the first append */
    size_t len;
    size_t cap;
} StrBuf;

void strbuf_init(StrBuf *sb);
void strbuf_free(StrBuf *sb);
void strbuf_clear(StrBuf *sb);             /* keeps the memory */
void strbuf_reserve(StrBuf *sb, size_t extra);
void strbuf_append(StrBuf *sb, const char *s, size_t len);
void strbuf_puts(StrBuf *sb, const char *s);
void strbuf_putc(StrBuf *sb, char c);
void strbuf_printf(StrBuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vprintf(StrBuf *sb, const char *fmt, va_list ap);
/* Hands the buffer to the caller (free() it) and leaves sb empty. */
char *strbuf_detach(StrBuf *sb);

#endif
