/* requirements.h - pip requirements files (requirements.txt, constraints):
 * the line-level format, not PEP 508 itself. Joins backslash continuations,
 * strips comments, expands ${VAR} from the environment, follows -r/-c
 * includes relative to the including file (cycles are an error), collects
 * per-requirement --hash options and recognises the global options pip
 * accepts. Each entry keeps the file and first line it came from, so
 * findings point at the requirement. Everything lives in the given arena. */
#ifndef KRAIT_REQUIREMENTS_H
#define KRAIT_REQUIREMENTS_H

#include "base/arena.h"
#include "base/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum ReqEntryKind {
    REQ_ENTRY_REQUIREMENT,   /* a PEP 508 string: text is it */
    REQ_ENTRY_URL,           /* a bare URL, VCS link or local path: not auditable */
} ReqEntryKind;

typedef struct ReqEntry {
    ReqEntryKind kind;
    const char *path;        /* the file it is written in */
    uint32_t line;           /* its first physical line (1-based) */
    uint32_t col;            /* 1-based column where the requirement starts */
    const char *text;        /* requirement without options and comment */
    const char **hashes;     /* "sha256:..." values of --hash options */
    size_t n_hashes;
    bool constraint;         /* from a file included with -c */
    bool editable;           /* -e / --editable */
} ReqEntry;

typedef struct ReqFile {
    ReqEntry *entries;
    size_t n;
    size_t cap;
    const char **files;      /* every file read, the top one first */
    size_t n_files;
    bool require_hashes;     /* --require-hashes seen */
} ReqFile;

/* Looks up an environment variable for ${VAR}; NULL when unset. */
typedef const char *(*ReqEnvFn)(const char *name, void *ctx);

/* Reads path and everything it includes into out (zeroed by the caller).
 * env may be NULL (then getenv is used). Errors name the file and line. */
int requirements_read(Arena *arena, const char *path, ReqEnvFn env, void *env_ctx, ReqFile *out,
                      KraitError *err);

/* Parses text as if it were the file at path (includes are resolved
 * relative to path's folder). */
int requirements_parse_text(Arena *arena, const char *path, const char *text, size_t len,
                            ReqEnvFn env, void *env_ctx, ReqFile *out, KraitError *err);

#endif
