/* walk.h - finding the files a scan reads. Walks each root recursively in a
 * deterministic order (entries sorted by name), skips version-control and
 * cache folders and virtual environments (any folder holding pyvenv.cfg),
 * honours .gitignore files and user exclude patterns, follows symbolic links
 * but never around a loop. Paths named explicitly are always visited.
 * A root of "-" stands for standard input and is passed through. */
#ifndef KRAIT_WALK_H
#define KRAIT_WALK_H

#include "base/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum WalkFileKind {
    WALK_PYTHON,      /* .py, .pyi, or no extension with a python shebang */
    WALK_OTHER,       /* any other regular file (when want_other_files) */
    WALK_VENV,        /* a virtual environment's folder (when want_venvs); not entered */
} WalkFileKind;

typedef struct WalkOptions {
    bool use_gitignore;
    bool want_other_files;
    bool want_venvs;
    const char *const *excludes;   /* gitignore-style patterns */
    size_t n_excludes;
} WalkOptions;

/* Called once per file with its size in bytes (0 for standard input and
 * virtual environments); a non-zero return stops the walk and is
 * returned. */
typedef int (*WalkFn)(const char *path, WalkFileKind kind, uint64_t size, void *ctx);

/* Problems with single entries (unreadable folder, broken link) are passed
 * to warn (may be NULL) and the walk goes on; a root that does not exist is
 * an error. */
typedef void (*WalkWarnFn)(const KraitError *warning, void *ctx);

int walk_run(const char *const *roots, size_t n_roots, const WalkOptions *opt,
             WalkFn fn, WalkWarnFn warn, void *ctx, KraitError *err);

/* Whether the file at path (not a .py/.pyi) starts with a python shebang. */
bool walk_has_python_shebang(const char *path);

#endif
