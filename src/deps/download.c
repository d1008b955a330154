/* download.c - see download.h. The truncation check does not trust libcurl
 * alone: after the transfer the byte count is compared with the
 * Content-Length the server announced. */
#include "deps/download.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

typedef struct Sink {
    FILE *file;
    unsigned long long received;
    unsigned long long max_size;
    int too_big;
    int write_failed;
} Sink;

static size_t sink_write(char *data, size_t size, size_t nmemb, void *userdata)
{
    Sink *sink = userdata;
    size_t len = size * nmemb;
    if (sink->received + len > sink->max_size) {
        sink->too_big = 1;
        return 0;   /* makes libcurl stop with CURLE_WRITE_ERROR */
    }
    if (fwrite(data, 1, len, sink->file) != len) {
        sink->write_failed = errno ? errno : EIO;
        return 0;
    }
    sink->received += len;
    return len;
}

static void configure(CURL *curl, const char *url, const DownloadOptions *opts, Sink *sink, char *errbuf)
{
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, sink_write);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, sink);
    curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "krait-vulndb");
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, opts->connect_timeout > 0 ? opts->connect_timeout : 30L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1024L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, opts->stall_timeout > 0 ? opts->stall_timeout : 60L);
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)sink->max_size);
}

static int explain(CURL *curl, CURLcode rc, const Sink *sink, const char *url, const char *errbuf, KraitError *err)
{
    if (sink->too_big) return error_set(err, url, 0, 0, "download is larger than the limit of %llu bytes", sink->max_size);
    if (sink->write_failed) return error_set(err, url, 0, 0, "cannot write the download: %s", strerror(sink->write_failed));
    if (rc == CURLE_HTTP_RETURNED_ERROR) {
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        return error_set(err, url, 0, 0, "download failed: HTTP status %ld", status);
    }
    if (rc == CURLE_PARTIAL_FILE)
        return error_set(err, url, 0, 0, "download truncated after %llu bytes: %s", sink->received,
                         errbuf[0] ? errbuf : curl_easy_strerror(rc));
    return error_set(err, url, 0, 0, "download failed: %s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
}

static int check_length(CURL *curl, const Sink *sink, const char *url, KraitError *err)
{
    curl_off_t announced = -1;
    if (curl_easy_getinfo(curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced) != CURLE_OK || announced < 0) return 0;
    if ((unsigned long long)announced != sink->received)
        return error_set(err, url, 0, 0, "download truncated: received %llu bytes of the %lld announced", sink->received,
                         (long long)announced);
    return 0;
}

int download_to_file(const char *url, const char *out_path, const DownloadOptions *opts, unsigned long long *received,
                     KraitError *err)
{
    *received = 0;
    Sink sink = {.max_size = opts->max_size ? opts->max_size : (1ULL << 30)};
    sink.file = fopen(out_path, "wb");
    if (!sink.file) return error_set(err, out_path, 0, 0, "cannot create: %s", strerror(errno));
    CURL *curl = curl_easy_init();
    if (!curl) {
        fclose(sink.file);
        return error_set(err, url, 0, 0, "cannot initialise libcurl");
    }
    char errbuf[CURL_ERROR_SIZE] = "";
    configure(curl, url, opts, &sink, errbuf);
    CURLcode rc = curl_easy_perform(curl);
    int status = rc == CURLE_OK ? check_length(curl, &sink, url, err) : explain(curl, rc, &sink, url, errbuf, err);
    curl_easy_cleanup(curl);
    if (fclose(sink.file) != 0 && status == 0)
        status = error_set(err, out_path, 0, 0, "cannot write the download: %s", strerror(errno));
    *received = sink.received;
    return status;
}
