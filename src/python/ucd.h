/* ucd.h - the slices of the Unicode Character Database that the Python
 * front end needs, from generated tables (Python 3.13's unicodedata,
 * Unicode 15.1): character names for "\N{...}", str.isprintable() for
 * repr(), and NFKC for identifiers. No state; all lookups are read-only. */
#ifndef KRAIT_UCD_H
#define KRAIT_UCD_H

#include "base/arena.h"
#include "python/ast.h"

#include <stddef.h>
#include <stdint.h>

/* The code point of a character name or alias as "\N{name}" accepts it in
 * CPython 3.13 (case-insensitive, except the algorithmic "CJK UNIFIED
 * IDEOGRAPH-XXXX" and "HANGUL SYLLABLE X" which must be upper case).
 * Returns 0, or -1 for an unknown name. */
int ucd_lookup_name(const char *name, size_t len, uint32_t *cp);

/* str.isprintable() of one code point. */
int ucd_is_printable(uint32_t cp);

/* NFKC of UTF-8 text into the arena (see scripts/gen-unicode-nfkc.py for
 * which decompositions the table holds: those of identifier characters).
 * Returns -1 on invalid UTF-8. */
int ucd_nfkc(Arena *arena, const char *s, size_t len, AstStr *out);

#endif
