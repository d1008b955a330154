/* file.h - reading whole files. The contents are malloc'd, NUL-terminated
 * (the lexer relies on the sentinel) and owned by the caller. "-" reads
 * standard input. */
#ifndef KRAIT_FILE_H
#define KRAIT_FILE_H

#include "base/error.h"

#include <stddef.h>

enum { FILE_MAX_SIZE_DEFAULT = 256 << 20 };

typedef struct FileData {
    char *data;
    size_t len;
} FileData;

/* Fails (with err filled) when the file cannot be read or exceeds max_size. */
int file_read_all(const char *path, size_t max_size, FileData *out, KraitError *err);
void file_data_free(FileData *fd);
/* Writes data to path atomically: a temporary beside it, fsync, rename. */
int file_write_atomic(const char *path, const char *data, size_t len, KraitError *err);

#endif
