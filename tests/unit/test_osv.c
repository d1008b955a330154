/* test_osv.c - OSV record parsing and reading folders and zips: every kept
 * field, what is ignored, malformed records (skipped with a warning), and
 * damaged archives (an error, never a crash). */
#include "unit.h"
#include "osv_fixtures.h"

#include "deps/osv.h"

#include <fcntl.h>

static int parse(const char *json, Arena *arena, OsvRecord *rec, KraitError *err)
{
    error_clear(err);
    return osv_parse_record(json, strlen(json), "fixture.json", arena, rec, err);
}

static void test_parse_full_record(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    OsvRecord r;
    KraitError err;
    CHECK_INT(t, parse(FIXTURE_FULL, &arena, &r, &err), 0);
    CHECK_STR(t, r.id, "PYSEC-2099-1");
    CHECK_STR(t, r.summary, "Remote code execution in jw.util");
    CHECK_STR(t, r.modified, "2099-01-02T03:04:05Z");
    CHECK_STR(t, r.published, "2099-01-01T00:00:00Z");
    CHECK(t, r.withdrawn == NULL);
    CHECK_STR(t, r.db_severity, "HIGH");
    CHECK_STR(t, r.url, "https://example.org/advisory");
    CHECK_INT(t, r.malicious, 0);
    CHECK_INT(t, r.n_aliases, 2);
    if (r.n_aliases == 2) {
        CHECK_STR(t, r.aliases[0], "CVE-2099-0001");
        CHECK_STR(t, r.aliases[1], "GHSA-aaaa-bbbb-cccc");
    }
    CHECK_INT(t, r.n_severities, 2);
    if (r.n_severities == 2) {
        CHECK_STR(t, r.severities[0].type, "CVSS_V3");
        CHECK_STR(t, r.severities[0].score, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        CHECK_STR(t, r.severities[1].type, "CVSS_V4");
    }
    /* the npm entry is dropped; both PyPI spellings stay, normalised alike */
    CHECK_INT(t, r.n_affected, 2);
    if (r.n_affected != 2) goto done;
    const OsvAffected *a = &r.affected[0];
    CHECK_STR(t, a->name, "jw.util");
    CHECK_STR(t, a->normalized, "jw-util");
    CHECK_INT(t, a->n_ranges, 2);   /* the GIT range is dropped */
    if (a->n_ranges == 2) {
        CHECK_INT(t, a->ranges[0].n_events, 4);
        static const struct { OsvEventKind kind; const char *version; } want[] = {
            {OSV_EVENT_INTRODUCED, "2.0"}, {OSV_EVENT_FIXED, "2.1"}, {OSV_EVENT_INTRODUCED, "0"}, {OSV_EVENT_FIXED, "1.5"}};
        for (size_t i = 0; i < 4 && i < a->ranges[0].n_events; i++) {
            CHECK_INT(t, a->ranges[0].events[i].kind, want[i].kind);
            CHECK_STR(t, a->ranges[0].events[i].version, want[i].version);
        }
        CHECK_INT(t, a->ranges[1].n_events, 2);
        CHECK_INT(t, a->ranges[1].events[1].kind, OSV_EVENT_LAST_AFFECTED);
        CHECK_STR(t, a->ranges[1].events[1].version, "3.2");
    }
    CHECK_INT(t, a->n_versions, 3);
    if (a->n_versions == 3) CHECK_STR(t, a->versions[2], "2.0");
    const OsvAffected *b = &r.affected[1];
    CHECK_STR(t, b->name, "JW_Util");
    CHECK_STR(t, b->normalized, "jw-util");
    CHECK_INT(t, b->n_ranges, 1);
    if (b->n_ranges == 1) {
        CHECK_INT(t, b->ranges[0].events[1].kind, OSV_EVENT_LIMIT);
        CHECK_STR(t, b->ranges[0].events[1].version, "5.0");
    }
done:
    arena_free(&arena);
}

static void test_parse_withdrawn(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    OsvRecord r;
    KraitError err;
    CHECK_INT(t, parse(FIXTURE_WITHDRAWN, &arena, &r, &err), 0);
    CHECK_STR(t, r.withdrawn, "2099-02-02T00:00:00Z");
    CHECK_STR(t, r.summary, "This CVE was rejected.");
    CHECK(t, r.published == NULL);
    CHECK(t, r.url == NULL);
    CHECK_INT(t, r.n_affected, 1);
    if (r.n_affected == 1) {
        CHECK_INT(t, r.affected[0].n_ranges, 0);
        CHECK_INT(t, r.affected[0].n_versions, 0);
    }
    arena_free(&arena);
}

static void test_parse_malicious(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    OsvRecord r;
    KraitError err;
    CHECK_INT(t, parse(FIXTURE_MALICIOUS, &arena, &r, &err), 0);
    CHECK_INT(t, r.malicious, 1);
    CHECK_STR(t, r.id, "MAL-2099-7");
    CHECK(t, r.db_severity == NULL);   /* database_specific without a severity string */
    CHECK_INT(t, r.n_affected, 1);
    if (r.n_affected == 1) CHECK_STR(t, r.affected[0].normalized, "reqeusts");
    arena_free(&arena);
}

static void test_parse_not_pypi(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    OsvRecord r;
    KraitError err;
    CHECK_INT(t, parse(FIXTURE_NPM_ONLY, &arena, &r, &err), 1);
    CHECK_INT(t, parse("{\"id\": \"X-1\", \"modified\": \"2099-01-01T00:00:00Z\"}", &arena, &r, &err), 1);
    arena_free(&arena);
}

static void test_parse_bad_json(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    OsvRecord r;
    KraitError err;
    CHECK_INT(t, parse(FIXTURE_BAD_JSON, &arena, &r, &err), -1);
    CHECK_STR(t, err.path, "fixture.json");
    CHECK(t, err.line >= 2);
    CHECK(t, strstr(err.message, "invalid JSON") != NULL);
    arena_free(&arena);
}

/* Each breaks the schema in a field krait uses; the message must say which. */
static void test_parse_schema_errors(UnitContext *t)
{
    static const char *const cases[][2] = {
        {"[1, 2]", "not a JSON object"},
        {"{\"modified\": \"x\"}", "no \"id\""},
        {"{\"id\": 7, \"modified\": \"x\"}", "no \"id\""},
        {"{\"id\": \"A-1\"}", "no \"modified\""},
        {"{\"id\": \"A-1\", \"modified\": \"x\", \"aliases\": \"CVE-1\"}", "\"aliases\" is not an array"},
        {"{\"id\": \"A-1\", \"modified\": \"x\", \"aliases\": [1]}", "item of \"aliases\""},
        {"{\"id\": \"A-1\", \"modified\": \"x\", \"summary\": 5}", "\"summary\" is not a string"},
        {"{\"id\": \"A-1\", \"modified\": \"x\", \"affected\": {}}", "\"affected\" is not an array"},
        {"{\"id\": \"A-1\", \"modified\": \"x\", \"affected\": [{\"package\": {\"ecosystem\": \"npm\"}},"
         " {\"package\": {\"name\": \"a\"}}]}", "affected[1]: \"package.ecosystem\" is not a string"},
        {"{\"id\": \"A-1\", \"modified\": \"x\", \"affected\": [{\"package\": {\"ecosystem\": \"PyPI\"}}]}", "no \"name\""},
        {"{\"id\": \"A-1\", \"modified\": \"x\", \"affected\": [{\"package\": {\"ecosystem\": \"PyPI\", \"name\": \"a\"},"
         " \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"0\", \"fixed\": \"1\"}]}]}]}",
         "more than one"},
        {"{\"id\": \"A-1\", \"modified\": \"x\", \"affected\": [{\"package\": {\"ecosystem\": \"PyPI\", \"name\": \"a\"},"
         " \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"fixed\": 1}]}]}]}",
         "\"fixed\" is not a string"},
        {"{\"id\": \"A-1\", \"modified\": \"x\", \"affected\": [{\"package\": {\"ecosystem\": \"PyPI\", \"name\": \"a\"},"
         " \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"0\"}, {\"whatever\": \"1\"}]}]}]}",
         "affected[0].ranges[0].events[1]: a range event has none of"},
        {"{\"id\": \"A-1\", \"modified\": \"x\", \"affected\": [{\"package\": {\"ecosystem\": \"PyPI\", \"name\": \"a\"},"
         " \"ranges\": [{\"type\": \"GIT\", \"events\": []}, {\"type\": \"ECOSYSTEM\"}]}]}",
         "affected[0].ranges[1]: a range has no \"events\""},
        {"{\"id\": \"A-1\", \"modified\": \"x\", \"affected\": [{\"package\": {\"ecosystem\": \"PyPI\", \"name\": \"a\"},"
         " \"versions\": [\"1\", null]}]}",
         "item of \"versions\""},
        {"{\"id\": \"A-1\", \"modified\": \"x\", \"severity\": [{\"type\": \"CVSS_V3\"}]}", "\"severity\" item"},
        {"{\"id\": \"A-1\", \"modified\": \"x\", \"references\": [{\"url\": \"u\"}]}", "\"references\" item"},
    };
    Arena arena;
    arena_init(&arena);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        OsvRecord r;
        KraitError err;
        int rc = parse(cases[i][0], &arena, &r, &err);
        if (rc != -1 || !strstr(err.message, cases[i][1])) {
            char msg[300];
            snprintf(msg, sizeof msg, "case %zu: rc %d, message \"%.150s\", want \"%s\"", i, rc, err.message, cases[i][1]);
            unit_fail(t, __FILE__, __LINE__, msg);
        }
    }
    arena_free(&arena);
}

/* Every cut of a record is invalid JSON with a position; every one-byte
 * change parses or fails cleanly (run under ASan by make sanitize). */
static void test_parse_mutations(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    size_t len = strlen(FIXTURE_FULL);
    char *buf = malloc(len + 1);
    for (size_t cut = 0; cut < len - 2 && buf; cut++) {   /* the last 2 bytes are "}\n" */
        OsvRecord r;
        KraitError err;
        error_clear(&err);
        int rc = osv_parse_record(FIXTURE_FULL, cut, "cut.json", &arena, &r, &err);
        if (rc != -1 || err.line < 1 || !strstr(err.message, "invalid JSON")) {
            char msg[200];
            snprintf(msg, sizeof msg, "cut at %zu: rc %d, line %d, \"%.100s\"", cut, rc, err.line, err.message);
            unit_fail(t, __FILE__, __LINE__, msg);
            break;
        }
        arena_reset(&arena);
    }
    static const char replacements[] = "\"{}[],:0\\\x01\xff";
    size_t outcomes[3] = {0, 0, 0};
    for (size_t i = 0; i < len && buf; i++) {
        for (const char *c = replacements; *c; c++) {
            memcpy(buf, FIXTURE_FULL, len + 1);
            buf[i] = *c;
            OsvRecord r;
            KraitError err;
            error_clear(&err);
            int rc = osv_parse_record(buf, len, "mutant.json", &arena, &r, &err);
            CHECK(t, rc >= -1 && rc <= 1);
            CHECK(t, rc != -1 || err.message[0] != '\0');
            outcomes[rc + 1]++;
            arena_reset(&arena);
        }
    }
    CHECK(t, outcomes[0] > 0 && outcomes[1] > 0);   /* both failures and survivors were seen */
    free(buf);
    arena_free(&arena);
}

/* Deep nesting and empty input are errors, not stack overflows. */
static void test_parse_deep_and_empty(UnitContext *t)
{
    enum { DEPTH = 100000 };
    char *deep = malloc(2 * DEPTH + 1);
    if (!deep) return;
    memset(deep, '[', DEPTH);
    memset(deep + DEPTH, ']', DEPTH);
    deep[2 * DEPTH] = '\0';
    Arena arena;
    arena_init(&arena);
    OsvRecord r;
    KraitError err;
    CHECK_INT(t, parse(deep, &arena, &r, &err), -1);
    CHECK(t, strstr(err.message, "depth") != NULL);
    CHECK_INT(t, parse("", &arena, &r, &err), -1);
    CHECK(t, strstr(err.message, "invalid JSON") != NULL);
    free(deep);
    arena_free(&arena);
}

static void test_event_kind_names(UnitContext *t)
{
    for (int k = OSV_EVENT_INTRODUCED; k <= OSV_EVENT_LIMIT; k++)
        CHECK_INT(t, osv_event_kind_from_name(osv_event_kind_name((OsvEventKind)k)), k);
    CHECK_INT(t, osv_event_kind_from_name("fixed"), OSV_EVENT_FIXED);
    CHECK_INT(t, osv_event_kind_from_name("Fixed"), -1);
}

/* ---- reading ------------------------------------------------------------- */

typedef struct Seen {
    char ids[16][64];
    size_t n_ids;
    char warnings[16][300];
    size_t n_warnings;
} Seen;

static int on_record(void *ctx, const char *entry, const OsvRecord *rec, KraitError *err)
{
    (void)entry;
    (void)err;
    Seen *s = ctx;
    if (s->n_ids < 16) snprintf(s->ids[s->n_ids++], sizeof s->ids[0], "%s", rec->id);
    return 0;
}

static void on_warning(void *ctx, const char *entry, const char *why)
{
    Seen *s = ctx;
    if (s->n_warnings < 16) snprintf(s->warnings[s->n_warnings++], sizeof s->warnings[0], "%s: %s", entry, why);
}

static const FixtureFile good_files[] = {
    {"PYSEC-2099-1.json", FIXTURE_FULL},
    {"PYSEC-2099-2.json", FIXTURE_WITHDRAWN},
    {"MAL-2099-7.json", FIXTURE_MALICIOUS},
    {"GHSA-zzzz-zzzz-zzzz.json", FIXTURE_NPM_ONLY},
    {"PYSEC-2099-9.json", FIXTURE_BAD_JSON},
    {"README.txt", "not an advisory"},
};

static int read_path(const char *path, const OsvLimits *limits, Seen *seen, OsvStats *stats, KraitError *err)
{
    memset(seen, 0, sizeof *seen);
    OsvReadOptions opts = {.on_record = on_record, .on_warning = on_warning, .ctx = seen};
    if (limits) opts.limits = *limits;
    error_clear(err);
    return osv_read(path, &opts, stats, err);
}

static void check_good_read(UnitContext *t, const Seen *seen, const OsvStats *stats)
{
    CHECK_INT(t, stats->entries, 5);
    CHECK_INT(t, stats->records, 3);
    CHECK_INT(t, stats->not_pypi, 1);
    CHECK_INT(t, stats->skipped, 1);
    CHECK_INT(t, stats->ignored, 1);
    CHECK_INT(t, seen->n_ids, 3);
    CHECK_INT(t, seen->n_warnings, 2);
    int bad_named = 0, txt_named = 0;
    for (size_t i = 0; i < seen->n_warnings; i++) {
        bad_named += strstr(seen->warnings[i], "PYSEC-2099-9.json:3: invalid JSON") != NULL;
        txt_named += strstr(seen->warnings[i], "README.txt") != NULL;
    }
    CHECK_INT(t, bad_named, 1);
    CHECK_INT(t, txt_named, 1);
}

static void test_read_folder(UnitContext *t)
{
    char *dir = fixture_tmpdir();
    CHECK_INT(t, fixture_folder(dir, good_files, sizeof good_files / sizeof good_files[0]), 0);
    Seen seen;
    OsvStats stats;
    KraitError err;
    CHECK_INT(t, read_path(dir, NULL, &seen, &stats, &err), 0);
    check_good_read(t, &seen, &stats);
    /* folders are read in name order */
    if (seen.n_ids == 3) {
        CHECK_STR(t, seen.ids[0], "MAL-2099-7");
        CHECK_STR(t, seen.ids[2], "PYSEC-2099-2");
    }
    fixture_rmtree(dir);
}

static void test_read_zip(UnitContext *t)
{
    char *dir = fixture_tmpdir();
    char zip[1024];
    fixture_path(zip, sizeof zip, dir, "all.zip");
    CHECK_INT(t, fixture_zip(zip, good_files, sizeof good_files / sizeof good_files[0]), 0);
    Seen seen;
    OsvStats stats;
    KraitError err;
    CHECK_INT(t, read_path(zip, NULL, &seen, &stats, &err), 0);
    check_good_read(t, &seen, &stats);
    /* a warning names the archive and the member */
    int named = 0;
    for (size_t i = 0; i < seen.n_warnings; i++) named += strstr(seen.warnings[i], "all.zip!PYSEC-2099-9.json") != NULL;
    CHECK_INT(t, named, 1);
    fixture_rmtree(dir);
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* Cut at many points: each read must fail with a message, not crash. */
static void test_read_zip_truncated(UnitContext *t)
{
    char *dir = fixture_tmpdir();
    char zip[1024], cut[1024];
    fixture_path(zip, sizeof zip, dir, "all.zip");
    fixture_path(cut, sizeof cut, dir, "cut.zip");
    CHECK_INT(t, fixture_zip(zip, good_files, 3), 0);
    long size = file_size(zip);
    FILE *f = fopen(zip, "rb");
    char *buf = malloc((size_t)size);
    CHECK(t, f && buf && fread(buf, 1, (size_t)size, f) == (size_t)size);
    if (f) fclose(f);
    for (long len = 0; len < size - 22 && buf; len += 37) {   /* 22: the end-of-directory record */
        CHECK_INT(t, fixture_write(dir, "cut.zip", buf, (size_t)len), 0);
        Seen seen;
        OsvStats stats;
        KraitError err;
        int rc = read_path(cut, NULL, &seen, &stats, &err);
        int named = strcmp(err.path, cut) == 0 || strstr(err.path, "cut.zip!") != NULL;
        if (rc != -1 || err.message[0] == '\0' || !named) {
            char msg[300];
            snprintf(msg, sizeof msg, "cut at %ld of %ld: rc %d, \"%.60s: %.150s\"", len, size, rc, err.path, err.message);
            unit_fail(t, __FILE__, __LINE__, msg);
            break;
        }
    }
    free(buf);
    fixture_rmtree(dir);
}

static void test_read_corrupt_zip(UnitContext *t)
{
    char *dir = fixture_tmpdir();
    char zip[1024];
    fixture_path(zip, sizeof zip, dir, "bad.zip");
    static const char junk[] = "PK\003\004 this is not really a zip archive at all";
    CHECK_INT(t, fixture_write(dir, "bad.zip", junk, sizeof junk - 1), 0);
    Seen seen;
    OsvStats stats;
    KraitError err;
    CHECK_INT(t, read_path(zip, NULL, &seen, &stats, &err), -1);
    CHECK(t, strstr(err.path, "bad.zip") != NULL);
    CHECK(t, err.message[0] != '\0');
    CHECK_INT(t, fixture_write(dir, "bad.zip", "hello", 5), 0);
    CHECK_INT(t, read_path(zip, NULL, &seen, &stats, &err), -1);
    CHECK(t, strstr(err.message, "archive") != NULL);
    fixture_rmtree(dir);
}

static void test_read_limits(UnitContext *t)
{
    char *dir = fixture_tmpdir();
    char zip[1024];
    fixture_path(zip, sizeof zip, dir, "all.zip");
    CHECK_INT(t, fixture_zip(zip, good_files, 4), 0);
    Seen seen;
    OsvStats stats;
    KraitError err;
    OsvLimits small_entries = {.max_entry_size = 200};
    CHECK_INT(t, read_path(zip, &small_entries, &seen, &stats, &err), -1);
    CHECK(t, strstr(err.message, "larger than the limit") != NULL);
    OsvLimits few_entries = {.max_entries = 2};
    CHECK_INT(t, read_path(zip, &few_entries, &seen, &stats, &err), -1);
    CHECK(t, strstr(err.message, "more than 2 entries") != NULL);
    OsvLimits small_total = {.max_total_size = 1000};
    CHECK_INT(t, read_path(zip, &small_total, &seen, &stats, &err), -1);
    CHECK(t, strstr(err.message, "beyond the limit") != NULL);
    /* the same limit on a folder */
    CHECK_INT(t, fixture_folder(dir, good_files, 4), 0);
    unlink(zip);
    CHECK_INT(t, read_path(dir, &small_entries, &seen, &stats, &err), -1);
    CHECK(t, strstr(err.message, "larger than the limit") != NULL);
    fixture_rmtree(dir);
}

static void test_read_missing(UnitContext *t)
{
    Seen seen;
    OsvStats stats;
    KraitError err;
    CHECK_INT(t, read_path("/nonexistent/krait/all.zip", NULL, &seen, &stats, &err), -1);
    CHECK_STR(t, err.path, "/nonexistent/krait/all.zip");
    CHECK(t, strstr(err.message, "No such file") != NULL);
}

/* A failing record callback stops the read with its error. */
static int refuse(void *ctx, const char *entry, const OsvRecord *rec, KraitError *err)
{
    (void)ctx;
    (void)rec;
    return error_set(err, entry, 0, 0, "refused");
}

static void test_read_callback_error(UnitContext *t)
{
    char *dir = fixture_tmpdir();
    CHECK_INT(t, fixture_folder(dir, good_files, 2), 0);
    OsvReadOptions opts = {.on_record = refuse};
    OsvStats stats;
    KraitError err;
    error_clear(&err);
    CHECK_INT(t, osv_read(dir, &opts, &stats, &err), -1);
    CHECK_STR(t, err.message, "refused");
    CHECK_INT(t, stats.records, 1);
    fixture_rmtree(dir);
}

int main(int argc, char **argv)
{
    static const UnitTest tests[] = {
        {"parse_full_record", test_parse_full_record},
        {"parse_withdrawn", test_parse_withdrawn},
        {"parse_malicious", test_parse_malicious},
        {"parse_not_pypi", test_parse_not_pypi},
        {"parse_bad_json", test_parse_bad_json},
        {"parse_schema_errors", test_parse_schema_errors},
        {"parse_mutations", test_parse_mutations},
        {"parse_deep_and_empty", test_parse_deep_and_empty},
        {"event_kind_names", test_event_kind_names},
        {"read_folder", test_read_folder},
        {"read_zip", test_read_zip},
        {"read_zip_truncated", test_read_zip_truncated},
        {"read_corrupt_zip", test_read_corrupt_zip},
        {"read_limits", test_read_limits},
        {"read_missing", test_read_missing},
        {"read_callback_error", test_read_callback_error},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
