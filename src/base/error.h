/* error.h - the error record every fallible function fills.
 * Convention: functions return 0 on success and a negative status on failure
 * after filling the record with error_set, so a call site is one line:
 *     if (x < 0) return error_set(err, path, line, col, "why %s", what);
 * Nothing below main.c prints; main.c prints with error_print. */
#ifndef KRAIT_ERROR_H
#define KRAIT_ERROR_H

#include <stdio.h>

enum { ERROR_MESSAGE_MAX = 512, ERROR_PATH_MAX = 1024 };

typedef struct KraitError {
    char path[ERROR_PATH_MAX];   /* empty when no file is involved */
    int line;                    /* 1-based; 0 when unknown */
    int col;                     /* 1-based; 0 when unknown */
    char message[ERROR_MESSAGE_MAX];
} KraitError;

void error_clear(KraitError *err);
/* Fills err and returns -1. path may be NULL. */
int error_set(KraitError *err, const char *path, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* "path:line:col: message" (parts that are unknown are left out). */
void error_print(FILE *out, const KraitError *err);

#endif
