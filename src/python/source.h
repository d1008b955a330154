/* source.h - turning a Python source file's bytes into the UTF-8 text the
 * lexer reads, the way CPython's tokenizer does before it cuts tokens:
 * a UTF-8 BOM is dropped, a PEP 263 coding declaration on line 1 or 2 is
 * honoured (other encodings are converted with iconv), the text must then
 * be valid UTF-8 without NUL bytes, "\r\n" and lone "\r" become "\n", and a
 * missing final newline is added (CPython adds one too).
 *
 * The decoded text is a fresh copy in the arena, NUL-terminated, and the
 * input is not referenced afterwards; except with borrow set, when the
 * caller promises src[len] == '\0' is readable and src outlives the text:
 * then input that needs no change (UTF-8, no BOM, no '\r', final newline)
 * is used in place. */
#ifndef KRAIT_SOURCE_H
#define KRAIT_SOURCE_H

#include "base/arena.h"
#include "base/error.h"

#include <stddef.h>

typedef struct SourceText {
    const char *text;        /* UTF-8; ends with '\n' unless empty; NUL after */
    size_t len;
    const char *encoding;    /* as tokenize names it: "utf-8", "utf-8-sig", "iso-8859-1", ... */
    int added_newline;       /* the final '\n' was not in the file */
    int coding_line;         /* line of the PEP 263 declaration, 0 if none */
} SourceText;

/* Errors (with CPython's wording): "unknown encoding: NAME" and
 * "encoding problem: NAME with BOM" (line 0, as CPython reports them),
 * undecodable bytes (the line and column of the first bad byte), and
 * "source code cannot contain null bytes" (the NUL's line and column). */
int source_decode(Arena *arena, const char *path, const char *src, size_t len, int borrow, SourceText *out,
                  KraitError *err);

#endif
