/* glob.h - gitignore-style pattern matching, shared by .gitignore handling
 * and the exclude/per-file-ignores options. Supports `*` (not across '/'),
 * `?`, `[...]` classes with ranges and `!`/`^` negation, `**` (any number of
 * directories) and backslash escapes. */
#ifndef KRAIT_GLOB_H
#define KRAIT_GLOB_H

#include <stdbool.h>
#include <stddef.h>

/* Matches the whole of path[0..path_len) against pat[0..pat_len). */
bool glob_match(const char *pat, size_t pat_len, const char *path, size_t path_len);

#endif
