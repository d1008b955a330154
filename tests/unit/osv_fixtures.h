/* osv_fixtures.h - OSV records written for krait's tests (not taken from
 * any database), and helpers that lay them out as a folder or a zip in a
 * fresh temporary folder. Shared by test_osv.c and test_vulndb.c. */
#ifndef KRAIT_OSV_FIXTURES_H
#define KRAIT_OSV_FIXTURES_H

#include <archive.h>
#include <archive_entry.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Every field krait keeps, plus what it must ignore: unknown keys, an npm
 * entry, a GIT range, and two entries for one package under different
 * spellings. Events of the first range are out of version order on purpose. */
static const char FIXTURE_FULL[] =
    "{\n"
    "  \"schema_version\": \"1.6.0\",\n"
    "  \"id\": \"PYSEC-2099-1\",\n"
    "  \"summary\": \"Remote code execution in jw.util\\nsecond line\",\n"
    "  \"details\": \"Long text that is not the summary.\",\n"
    "  \"aliases\": [\"CVE-2099-0001\", \"GHSA-aaaa-bbbb-cccc\"],\n"
    "  \"modified\": \"2099-01-02T03:04:05Z\",\n"
    "  \"published\": \"2099-01-01T00:00:00Z\",\n"
    "  \"severity\": [{\"type\": \"CVSS_V3\", \"score\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"},\n"
    "               {\"type\": \"CVSS_V4\", \"score\": \"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\"}],\n"
    "  \"database_specific\": {\"severity\": \"HIGH\", \"cwe_ids\": [\"CWE-94\"]},\n"
    "  \"credits\": [{\"name\": \"someone\"}],\n"
    "  \"references\": [{\"type\": \"WEB\", \"url\": \"https://example.org/web\"},\n"
    "                 {\"type\": \"ADVISORY\", \"url\": \"https://example.org/advisory\"}],\n"
    "  \"affected\": [\n"
    "    {\"package\": {\"ecosystem\": \"PyPI\", \"name\": \"jw.util\", \"purl\": \"pkg:pypi/jw.util\"},\n"
    "     \"ranges\": [\n"
    "       {\"type\": \"GIT\", \"repo\": \"https://example.org/repo\", \"events\": [{\"introduced\": \"abc123\"}]},\n"
    "       {\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"2.0\"}, {\"fixed\": \"2.1\"},\n"
    "                                          {\"introduced\": \"0\"}, {\"fixed\": \"1.5\"}]},\n"
    "       {\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"3.0\"}, {\"last_affected\": \"3.2\"}]}\n"
    "     ],\n"
    "     \"versions\": [\"1.0\", \"1.4\", \"2.0\"],\n"
    "     \"database_specific\": {\"source\": \"somewhere\"}},\n"
    "    {\"package\": {\"ecosystem\": \"npm\", \"name\": \"jw-util\"},\n"
    "     \"ranges\": [{\"type\": \"SEMVER\", \"events\": [{\"introduced\": \"0\"}]}]},\n"
    "    {\"package\": {\"ecosystem\": \"PyPI\", \"name\": \"JW_Util\"},\n"
    "     \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"4.0\"}, {\"limit\": \"5.0\"}]}],\n"
    "     \"versions\": [\"4.0\"]}\n"
    "  ]\n"
    "}\n";

/* Withdrawn, no summary: the summary comes from the first line of details
 * with text on it. */
static const char FIXTURE_WITHDRAWN[] =
    "{\"id\": \"PYSEC-2099-2\", \"modified\": \"2099-02-01T00:00:00Z\", \"withdrawn\": \"2099-02-02T00:00:00Z\",\n"
    " \"details\": \"\\n  \\n  This CVE was rejected.  \\nMore text.\",\n"
    " \"aliases\": [\"CVE-2099-0002\"],\n"
    " \"affected\": [{\"package\": {\"ecosystem\": \"PyPI\", \"name\": \"loguru\"}}]}\n";

static const char FIXTURE_MALICIOUS[] =
    "{\"id\": \"MAL-2099-7\", \"modified\": \"2099-03-01T00:00:00Z\", \"published\": \"2099-03-01T00:00:00Z\",\n"
    " \"summary\": \"Malicious code in reqeusts (PyPI)\",\n"
    " \"database_specific\": {\"malicious-packages-origins\": [{\"source\": \"test\"}]},\n"
    " \"affected\": [{\"package\": {\"ecosystem\": \"PyPI\", \"name\": \"reqeusts\"},\n"
    "                \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"0\"}]}],\n"
    "                \"versions\": [\"1.0.0\"]}]}\n";

static const char FIXTURE_NPM_ONLY[] =
    "{\"id\": \"GHSA-zzzz-zzzz-zzzz\", \"modified\": \"2099-04-01T00:00:00Z\",\n"
    " \"affected\": [{\"package\": {\"ecosystem\": \"npm\", \"name\": \"left-pad\"}}]}\n";

/* A second advisory for jw.util, so a lookup returns more than one. */
static const char FIXTURE_SECOND[] =
    "{\"id\": \"PYSEC-2099-3\", \"modified\": \"2099-05-01T00:00:00Z\", \"summary\": \"Another bug\",\n"
    " \"affected\": [{\"package\": {\"ecosystem\": \"PyPI\", \"name\": \"jw-util\"},\n"
    "                \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"0\"}, {\"fixed\": \"9\"}]}]},\n"
    "               {\"package\": {\"ecosystem\": \"PyPI\", \"name\": \"other\"}, \"versions\": [\"0.1\"]}]}\n";

static const char FIXTURE_BAD_JSON[] = "{\"id\": \"PYSEC-2099-9\",\n \"modified\": \n";

typedef struct FixtureFile {
    const char *name;
    const char *text;
} FixtureFile;

/* A fresh folder under /tmp; the caller removes it with fixture_rmtree. */
static inline char *fixture_tmpdir(void)
{
    char *dir = strdup("/tmp/krait-test-XXXXXX");
    if (!dir || !mkdtemp(dir)) {
        perror("mkdtemp");
        exit(2);
    }
    return dir;
}

static inline void fixture_path(char *out, size_t size, const char *dir, const char *name)
{
    if ((size_t)snprintf(out, size, "%s/%s", dir, name) >= size) {
        fprintf(stderr, "fixture path too long: %s/%s\n", dir, name);
        exit(2);
    }
}

static inline int fixture_write(const char *dir, const char *name, const char *data, size_t len)
{
    char path[1024];
    fixture_path(path, sizeof path, dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    size_t n = fwrite(data, 1, len, f);
    return fclose(f) == 0 && n == len ? 0 : -1;
}

static inline int fixture_folder(const char *dir, const FixtureFile *files, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fixture_write(dir, files[i].name, files[i].text, strlen(files[i].text)) < 0) return -1;
    return 0;
}

/* Writes a deflate-compressed zip with libarchive, as OSV's exports are. */
static inline int fixture_zip(const char *zip_path, const FixtureFile *files, size_t n)
{
    struct archive *a = archive_write_new();
    archive_write_set_format_zip(a);
    if (archive_write_open_filename(a, zip_path) != ARCHIVE_OK) return -1;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct archive_entry *e = archive_entry_new();
        size_t len = strlen(files[i].text);
        archive_entry_set_pathname(e, files[i].name);
        archive_entry_set_size(e, (la_int64_t)len);
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        if (archive_write_header(a, e) != ARCHIVE_OK || archive_write_data(a, files[i].text, len) != (la_ssize_t)len)
            rc = -1;
        archive_entry_free(e);
    }
    if (archive_write_close(a) != ARCHIVE_OK) rc = -1;
    archive_write_free(a);
    return rc;
}

static inline int fixture_remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static inline void fixture_rmtree(char *dir)
{
    if (nftw(dir, fixture_remove_one, 16, FTW_DEPTH | FTW_PHYS) != 0) perror(dir);
    free(dir);
}

#endif
