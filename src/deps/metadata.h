/* metadata.h - the RFC 822-style core metadata of a Python distribution
 * (*.dist-info/METADATA, *.egg-info/PKG-INFO): "Name: value" headers,
 * indented continuation lines, repeated fields (Classifier, Requires-Dist,
 * License-File...), and the description body after the first blank line.
 * Everything parsed lives in the caller's arena; values are unfolded
 * (continuation lines joined with '\n', their indentation and the "|" that
 * older tools put after it removed). */
#ifndef KRAIT_METADATA_H
#define KRAIT_METADATA_H

#include "base/arena.h"
#include "base/error.h"
#include "deps/license.h"

#include <stddef.h>

typedef struct MetadataField {
    const char *name;    /* as written */
    const char *value;   /* unfolded, surrounding blanks trimmed */
    int line;            /* 1-based line of the header */
} MetadataField;

typedef struct DistMetadata {
    MetadataField *fields;   /* in file order */
    size_t count;
    const char *body;        /* the text after the blank line, or NULL */
    int body_line;           /* its first line; 0 without a body */
} DistMetadata;

/* path is used in error messages only (may be NULL). Fails on a line that
 * is neither a header, a continuation nor blank, on a continuation before
 * any header, and on NUL bytes, naming line and column. */
int metadata_parse(Arena *arena, const char *path, const char *text, size_t len, DistMetadata *out,
                   KraitError *err);
/* The first value of a field (names compare case-insensitively), or NULL. */
const char *metadata_get(const DistMetadata *meta, const char *name);
/* Every value of a field in file order, in an arena array; *count set. */
const char **metadata_get_all(Arena *arena, const DistMetadata *meta, const char *name, size_t *count);
/* The three fields licence resolution reads. */
void metadata_license_fields(Arena *arena, const DistMetadata *meta, LicenseMetadata *out);

#endif
