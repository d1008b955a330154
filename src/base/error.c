/* error.c - see error.h. */
#include "base/error.h"

#include <stdarg.h>
#include <string.h>

void error_clear(KraitError *err) { memset(err, 0, sizeof *err); }

int error_set(KraitError *err, const char *path, int line, int col, const char *fmt, ...)
{
    if (!err) return -1;
    snprintf(err->path, sizeof err->path, "%s", path ? path : "");
    err->line = line;
    err->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return -1;
}

void error_print(FILE *out, const KraitError *err)
{
    if (err->path[0]) {
        fputs(err->path, out);
        if (err->line > 0) fprintf(out, ":%d", err->line);
        if (err->line > 0 && err->col > 0) fprintf(out, ":%d", err->col);
        fputs(": ", out);
    }
    fprintf(out, "%s\n", err->message);
}
