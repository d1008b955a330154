/* baseline.c - see baseline.h. Written with the streaming JSON writer (so
 * the output is byte-for-byte stable: findings in report order, keys in a
 * fixed order) and read back with jansson. */
#include "scan/baseline.h"
#include "base/die.h"
#include "base/file.h"
#include "base/strbuf.h"
#include "report/json_writer.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

int baseline_write(const char *path, const FindingList *findings, KraitError *err)
{
    StrBuf out;
    strbuf_init(&out);
    JsonWriter w;
    jsonw_init(&w, &out, true);
    jsonw_object_begin(&w);
    jsonw_kv_int(&w, "krait_baseline", BASELINE_VERSION);
    jsonw_key(&w, "findings");
    jsonw_array_begin(&w);
    for (size_t i = 0; i < findings->n; i++) {
        const Finding *f = &findings->items[i];
        if (!f->fingerprint) continue;
        jsonw_object_begin(&w);
        jsonw_kv_string(&w, "rule", f->rule->id);
        jsonw_kv_string(&w, "path", f->path);
        jsonw_kv_string(&w, "fingerprint", f->fingerprint);
        jsonw_kv_string(&w, "message", f->message);
        jsonw_object_end(&w);
    }
    jsonw_array_end(&w);
    jsonw_object_end(&w);
    strbuf_putc(&out, '\n');
    int rc = file_write_atomic(path, out.data, out.len, err);
    strbuf_free(&out);
    return rc;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_entries(const char *path, json_t *findings, Baseline *out, KraitError *err)
{
    size_t n = json_array_size(findings);
    out->fingerprints = calloc(n ? n : 1, sizeof *out->fingerprints);
    if (!out->fingerprints) die_out_of_memory();
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(findings, i);
        const char *fp = json_string_value(json_object_get(e, "fingerprint"));
        if (!json_is_object(e) || !fp || !*fp)
            return error_set(err, path, 0, 0, "findings[%zu] of the baseline has no \"fingerprint\" string", i);
        out->fingerprints[out->n] = strdup(fp);
        if (!out->fingerprints[out->n]) die_out_of_memory();
        out->n++;
    }
    qsort(out->fingerprints, out->n, sizeof *out->fingerprints, compare_strings);
    return 0;
}

int baseline_load(const char *path, Baseline *out, KraitError *err)
{
    memset(out, 0, sizeof *out);
    FileData fd;
    if (file_read_all(path, FILE_MAX_SIZE_DEFAULT, &fd, err) < 0) return -1;
    json_error_t je;
    json_t *root = json_loadb(fd.data, fd.len, 0, &je);
    file_data_free(&fd);
    if (!root) return error_set(err, path, je.line, je.column, "not a baseline (invalid JSON: %s)", je.text);
    int rc = 0;
    json_t *version = json_object_get(root, "krait_baseline");
    json_t *findings = json_object_get(root, "findings");
    if (!json_is_integer(version) || !json_is_array(findings))
        rc = error_set(err, path, 0, 0, "not a krait baseline (write one with krait scan --write-baseline FILE)");
    else if (json_integer_value(version) != BASELINE_VERSION)
        rc = error_set(err, path, 0, 0, "baseline format %lld is not supported (this krait reads %d)",
                       (long long)json_integer_value(version), BASELINE_VERSION);
    else
        rc = load_entries(path, findings, out, err);
    json_decref(root);
    if (rc < 0) baseline_free(out);
    return rc;
}

void baseline_free(Baseline *b)
{
    for (size_t i = 0; i < b->n; i++) free(b->fingerprints[i]);
    free(b->fingerprints);
    memset(b, 0, sizeof *b);
}

bool baseline_contains(const Baseline *b, const Finding *f)
{
    if (!f->fingerprint || !b->n) return false;
    const char *key = f->fingerprint;
    return bsearch(&key, b->fingerprints, b->n, sizeof *b->fingerprints, compare_strings) != NULL;
}
