/* manifest.h - every way a project declares or installs dependencies,
 * reduced to one list of Dep entries that the audit checks: requirements
 * files, pyproject.toml (PEP 621 dependencies and optional-dependencies,
 * PEP 735 dependency groups, Poetry's tables), lock files (poetry.lock,
 * uv.lock, pdm.lock, pylock.toml, Pipfile.lock) and installed environments
 * (*.dist-info/METADATA, *.egg-info/PKG-INFO). Each entry remembers the file,
 * line and column it came from. Nothing here runs code or touches the
 * network. All memory comes from the caller's arena. */
#ifndef KRAIT_MANIFEST_H
#define KRAIT_MANIFEST_H

#include "base/arena.h"
#include "base/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum DepSource {
    DEP_FROM_REQUIREMENTS,
    DEP_FROM_PYPROJECT,      /* PEP 621 / PEP 735 */
    DEP_FROM_POETRY,         /* [tool.poetry.*dependencies] */
    DEP_FROM_LOCK,
    DEP_FROM_INSTALLED,
} DepSource;

typedef struct Dep {
    DepSource source;
    const char *name;        /* as written; NULL when only spec is known */
    const char *spec;        /* PEP 508 requirement text, or NULL */
    const char *version;     /* the exact version (lock, installed), or NULL */
    const char *url;         /* URL, VCS or path source: not auditable */
    const char *group;       /* optional-dependencies / group name, or NULL */
    const char *path;
    uint32_t line;
    uint32_t col;
    const char **hashes;     /* requirements files: --hash values */
    size_t n_hashes;
    /* installed distributions: licence metadata for the licence checks */
    const char *license;
    const char *license_expression;
    const char **classifiers;
    size_t n_classifiers;
} Dep;

typedef struct DepList {
    Dep *items;
    size_t n;
    size_t cap;
} DepList;

typedef enum ManifestKind {
    MANIFEST_NONE,
    MANIFEST_REQUIREMENTS,   /* requirements*.txt, constraints*.txt, *.in */
    MANIFEST_PYPROJECT,
    MANIFEST_POETRY_LOCK,
    MANIFEST_UV_LOCK,
    MANIFEST_PDM_LOCK,
    MANIFEST_PYLOCK,         /* pylock.toml, pylock.*.toml (PEP 751) */
    MANIFEST_PIPFILE_LOCK,
} ManifestKind;

void deplist_add(DepList *list, Arena *arena, const Dep *dep);

/* What kind of manifest a file name is (by its base name). */
ManifestKind manifest_kind(const char *path);

/* Reads one manifest of the given kind, appending its entries. */
int manifest_read(Arena *arena, const char *path, ManifestKind kind, DepList *out, KraitError *err);

/* Converts a Poetry constraint ("^1.2", "~1.2.3", "*", "1.2.3", ">=1,<2")
 * into a PEP 440 specifier set; NULL (err filled) when it cannot be. */
const char *manifest_poetry_to_pep440(Arena *arena, const char *constraint, KraitError *err);

/* Every distribution installed in a virtual environment or site-packages
 * folder. Unreadable metadata is reported through warn and skipped. */
typedef void (*ManifestWarnFn)(const KraitError *warning, void *ctx);
int manifest_read_installed(Arena *arena, const char *path, DepList *out, ManifestWarnFn warn, void *ctx,
                            KraitError *err);

/* Parses core metadata (RFC 822 style headers of METADATA/PKG-INFO) into
 * dep's name, version and licence fields. */
int manifest_parse_metadata(Arena *arena, const char *text, size_t len, Dep *dep);

#endif
