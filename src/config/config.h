/* config.h - krait's settings from pyproject.toml's [tool.krait] tables.
 * This is the part the dependency audit reads today: [tool.krait.deps]
 *   ignore = [
 *     {id = "PYSEC-2023-1", reason = "not reachable", expires = 2026-12-31},
 *     "GHSA-xxxx-xxxx-xxxx",
 *   ]
 * A missing file is an empty configuration; a malformed one is an error
 * with file, line and column. Everything lives in the caller's arena. */
#ifndef KRAIT_CONFIG_H
#define KRAIT_CONFIG_H

#include "base/arena.h"
#include "base/error.h"

#include <stddef.h>

typedef struct ConfigIgnore {
    const char *id;            /* advisory id or alias */
    const char *reason;        /* NULL when not given */
    const char *expires;       /* "YYYY-MM-DD", or NULL: never */
    const char *path;          /* the file it is written in */
    unsigned line;
} ConfigIgnore;

typedef struct KraitConfig {
    const char *path;          /* the file read, or NULL when there was none */
    ConfigIgnore *deps_ignores;
    size_t n_deps_ignores;
} KraitConfig;

/* Reads path (a pyproject.toml). A file that does not exist gives an empty
 * configuration and 0. */
int config_load(Arena *arena, const char *path, KraitConfig *out, KraitError *err);

#endif
