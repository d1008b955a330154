/* download.h - fetching one URL into a file with libcurl, for `krait db
 * update`. Only http and https are allowed (redirects included). HTTP
 * errors, a body shorter or longer than its Content-Length, a stalled or
 * too slow transfer and a body over the size limit are all failures; the
 * caller owns the output file and removes it on failure. */
#ifndef KRAIT_DOWNLOAD_H
#define KRAIT_DOWNLOAD_H

#include "base/error.h"

typedef struct DownloadOptions {
    long connect_timeout;            /* seconds; 0: 30 */
    long stall_timeout;              /* seconds below 1 KiB/s before giving up; 0: 60 */
    unsigned long long max_size;     /* bytes; 0: 1 GiB */
} DownloadOptions;

/* Writes the body of url to the file at out_path (created or truncated).
 * *received gets the number of bytes written. */
int download_to_file(const char *url, const char *out_path, const DownloadOptions *opts,
                     unsigned long long *received, KraitError *err);

#endif
