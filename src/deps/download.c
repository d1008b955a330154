/* download.c - see download.h. The truncation check does not trust libcurl
 * alone: after the transfer the byte count is compared with the
 * Content-Length the server announced. */
#include "deps/download.h"

#include <curl/curl.h>
#include <dlfcn.h>
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

/* libcurl is loaded when a download starts, not linked: with its TLS,
 * Kerberos and LDAP dependencies it would add several megabytes to the
 * resident size of every krait run, and only `krait db update` uses it. */
typedef struct CurlApi {
    void *handle;
    CURL *(*init)(void);
    CURLcode (*setopt)(CURL *, CURLoption, ...);
    CURLcode (*perform)(CURL *);
    CURLcode (*getinfo)(CURL *, CURLINFO, ...);
    void (*cleanup)(CURL *);
    const char *(*strerror)(CURLcode);
} CurlApi;

static int curl_api_load(CurlApi *api, KraitError *err)
{
    static const char *const names[] = {"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so", NULL};
    memset(api, 0, sizeof *api);
    for (const char *const *n = names; *n && !api->handle; n++) api->handle = dlopen(*n, RTLD_NOW | RTLD_LOCAL);
    if (!api->handle)
        return error_set(err, NULL, 0, 0, "cannot load libcurl (%s); install libcurl4 (scripts/install-deps.sh)",
                         dlerror());
    /* POSIX dlsym returns object pointers; converting through memcpy keeps
     * the function-pointer conversion well defined */
    struct { void **slot; const char *name; } syms[] = {
        {(void **)&api->init, "curl_easy_init"},       {(void **)&api->setopt, "curl_easy_setopt"},
        {(void **)&api->perform, "curl_easy_perform"}, {(void **)&api->getinfo, "curl_easy_getinfo"},
        {(void **)&api->cleanup, "curl_easy_cleanup"}, {(void **)&api->strerror, "curl_easy_strerror"},
    };
    for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++) {
        void *sym = dlsym(api->handle, syms[i].name);
        if (!sym) {
            dlclose(api->handle);
            return error_set(err, NULL, 0, 0, "libcurl lacks %s", syms[i].name);
        }
        memcpy(syms[i].slot, &sym, sizeof sym);
    }
    return 0;
}

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

static void configure(const CurlApi *api, CURL *curl, const char *url, const DownloadOptions *opts, Sink *sink, char *errbuf)
{
    api->setopt(curl, CURLOPT_URL, url);
    api->setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    api->setopt(curl, CURLOPT_WRITEFUNCTION, sink_write);
    api->setopt(curl, CURLOPT_WRITEDATA, sink);
    api->setopt(curl, CURLOPT_FAILONERROR, 1L);
    api->setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    api->setopt(curl, CURLOPT_MAXREDIRS, 10L);
    api->setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    api->setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    api->setopt(curl, CURLOPT_NOSIGNAL, 1L);
    api->setopt(curl, CURLOPT_USERAGENT, "krait-vulndb");
    api->setopt(curl, CURLOPT_CONNECTTIMEOUT, opts->connect_timeout > 0 ? opts->connect_timeout : 30L);
    api->setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1024L);
    api->setopt(curl, CURLOPT_LOW_SPEED_TIME, opts->stall_timeout > 0 ? opts->stall_timeout : 60L);
    api->setopt(curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)sink->max_size);
}

static int explain(const CurlApi *api, CURL *curl, CURLcode rc, const Sink *sink, const char *url, const char *errbuf, KraitError *err)
{
    if (sink->too_big) return error_set(err, url, 0, 0, "download is larger than the limit of %llu bytes", sink->max_size);
    if (sink->write_failed) return error_set(err, url, 0, 0, "cannot write the download: %s", strerror(sink->write_failed));
    if (rc == CURLE_HTTP_RETURNED_ERROR) {
        long status = 0;
        api->getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        return error_set(err, url, 0, 0, "download failed: HTTP status %ld", status);
    }
    if (rc == CURLE_PARTIAL_FILE)
        return error_set(err, url, 0, 0, "download truncated after %llu bytes: %s", sink->received,
                         errbuf[0] ? errbuf : api->strerror(rc));
    return error_set(err, url, 0, 0, "download failed: %s", errbuf[0] ? errbuf : api->strerror(rc));
}

static int check_length(const CurlApi *api, CURL *curl, const Sink *sink, const char *url, KraitError *err)
{
    curl_off_t announced = -1;
    if (api->getinfo(curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced) != CURLE_OK || announced < 0) return 0;
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
    CurlApi api;
    if (curl_api_load(&api, err) < 0) return -1;
    sink.file = fopen(out_path, "wb");
    if (!sink.file) {
        dlclose(api.handle);
        return error_set(err, out_path, 0, 0, "cannot create: %s", strerror(errno));
    }
    CURL *curl = api.init();
    if (!curl) {
        fclose(sink.file);
        dlclose(api.handle);
        return error_set(err, url, 0, 0, "cannot initialise libcurl");
    }
    char errbuf[CURL_ERROR_SIZE] = "";
    configure(&api, curl, url, opts, &sink, errbuf);
    CURLcode rc = api.perform(curl);
    int status = rc == CURLE_OK ? check_length(&api, curl, &sink, url, err)
                                : explain(&api, curl, rc, &sink, url, errbuf, err);
    api.cleanup(curl);
    dlclose(api.handle);
    if (fclose(sink.file) != 0 && status == 0)
        status = error_set(err, out_path, 0, 0, "cannot write the download: %s", strerror(errno));
    *received = sink.received;
    return status;
}
