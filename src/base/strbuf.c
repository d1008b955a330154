/* strbuf.c - see strbuf.h. */
#include "base/strbuf.h"
#include "base/die.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void strbuf_init(StrBuf *sb) { memset(sb, 0, sizeof *sb); }

void strbuf_free(StrBuf *sb)
{
    free(sb->data);
    memset(sb, 0, sizeof *sb);
}

void strbuf_clear(StrBuf *sb)
{
    sb->len = 0;
    if (sb->data) sb->data[0] = '\0';
}

void strbuf_reserve(StrBuf *sb, size_t extra)
{
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap) return;
    size_t cap = sb->cap ? sb->cap : 256;
    while (cap < need) cap *= 2;
    char *p = realloc(sb->data, cap);
    if (!p) die_out_of_memory();
    sb->data = p;
    sb->cap = cap;
}

void strbuf_append(StrBuf *sb, const char *s, size_t len)
{
    strbuf_reserve(sb, len);
    if (len) memcpy(sb->data + sb->len, s, len);
    sb->len += len;
    sb->data[sb->len] = '\0';
}

void strbuf_puts(StrBuf *sb, const char *s) { strbuf_append(sb, s, strlen(s)); }

void strbuf_putc(StrBuf *sb, char c)
{
    strbuf_reserve(sb, 1);
    sb->data[sb->len++] = c;
    sb->data[sb->len] = '\0';
}

void strbuf_vprintf(StrBuf *sb, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n <= 0) return;
    strbuf_reserve(sb, (size_t)n);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void strbuf_printf(StrBuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(sb, fmt, ap);
    va_end(ap);
}

char *strbuf_detach(StrBuf *sb)
{
    char *p = sb->data;
    if (!p) {
        p = malloc(1);
        if (!p) die_out_of_memory();
        p[0] = '\0';
    }
    memset(sb, 0, sizeof *sb);
    return p;
}
