/* unicode.h - the few Unicode facts the lexer needs: UTF-8 decoding of one
 * code point, Python's identifier classes (XID_Start plus '_', XID_Continue)
 * and str.isprintable(), from tables generated out of CPython 3.13's
 * unicodedata (scripts/gen-xid.py). */
#ifndef KRAIT_UNICODE_H
#define KRAIT_UNICODE_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at s (at most avail bytes). Returns its length in
 * bytes (1-4) and stores it in *cp; returns 0 for an invalid or truncated
 * sequence (overlong forms and surrogates are invalid, as in Python). */
int unicode_utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp);

int unicode_is_id_start(uint32_t cp);      /* str.isidentifier() of one character */
int unicode_is_id_continue(uint32_t cp);   /* may follow the first character */
int unicode_is_printable(uint32_t cp);     /* str.isprintable() */

/* Number of code points in s[0..len) of valid UTF-8 (continuation bytes are
 * not counted): CPython's character columns from byte columns. */
size_t unicode_count_chars(const char *s, size_t len);

#endif
