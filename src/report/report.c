/* report.c - see report.h. One function per format; each walks the list
 * once. The SARIF writer lists each rule that has a result once, in the
 * order of first use, and points results at it by index. */
#include "report/report.h"
#include "report/json_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const format_names[] = {"text", "json", "sarif", "github"};

int report_format_parse(const char *name)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(name, format_names[i]) == 0) return i;
    return -1;
}

static const char *severity_colour(uint8_t sev)
{
    switch (sev) {
    case SEV_CRITICAL: return "\033[1;35m";
    case SEV_HIGH: return "\033[1;31m";
    case SEV_MEDIUM: return "\033[33m";
    default: return "\033[36m";
    }
}

static void write_text(StrBuf *out, const FindingList *list, const ReportOptions *opt)
{
    unsigned counts[SEV_CRITICAL + 1] = {0};
    for (size_t i = 0; i < list->n; i++) {
        const Finding *f = &list->items[i];
        counts[f->severity <= SEV_CRITICAL ? f->severity : 0]++;
        const char *on = opt->color ? severity_colour(f->severity) : "";
        const char *off = opt->color ? "\033[0m" : "";
        const char *bold = opt->color ? "\033[1m" : "";
        strbuf_printf(out, "%s%s:%u:%u:%s %s%s%s [%s/%s] %s\n", bold, f->path, f->line, f->col, off, on,
                      f->rule->id, off, severity_name(f->severity), confidence_name(f->confidence), f->message);
        if (f->snippet && f->line > 0) {
            int width = snprintf(NULL, 0, "%u", f->line);
            strbuf_printf(out, "  %u | %s\n", f->line, f->snippet);
            strbuf_printf(out, "  %*s | ", width, "");
            /* caret under the column: keep tabs so it lines up */
            size_t len = strlen(f->snippet);
            for (uint32_t c = 1; c < f->col && c - 1 < len; c++)
                strbuf_putc(out, f->snippet[c - 1] == '\t' ? '\t' : ' ');
            strbuf_printf(out, "%s^%s\n", on, off);
        }
    }
    const char *what = opt->scanned_what ? opt->scanned_what : "files";
    if (list->n == 0) {
        strbuf_printf(out, "No findings (%u %s scanned).\n", opt->files_scanned, what);
        return;
    }
    strbuf_printf(out, "\nFound %zu finding%s in %u %s scanned: %u critical, %u high, %u medium, %u low.\n",
                  list->n, list->n == 1 ? "" : "s", opt->files_scanned, what, counts[SEV_CRITICAL], counts[SEV_HIGH],
                  counts[SEV_MEDIUM], counts[SEV_LOW]);
}

static void write_json(StrBuf *out, const FindingList *list, const ReportOptions *opt)
{
    JsonWriter w;
    jsonw_init(&w, out, true);
    jsonw_object_begin(&w);
    jsonw_kv_string(&w, "tool", "krait");
    jsonw_kv_string(&w, "version", opt->tool_version);
    jsonw_kv_int(&w, "schema_version", 1);
    jsonw_key(&w, "findings");
    jsonw_array_begin(&w);
    unsigned counts[SEV_CRITICAL + 1] = {0};
    for (size_t i = 0; i < list->n; i++) {
        const Finding *f = &list->items[i];
        counts[f->severity <= SEV_CRITICAL ? f->severity : 0]++;
        jsonw_object_begin(&w);
        jsonw_kv_string(&w, "rule_id", f->rule->id);
        jsonw_kv_string(&w, "rule_name", f->rule->name);
        jsonw_kv_string(&w, "severity", severity_name(f->severity));
        jsonw_kv_string(&w, "confidence", confidence_name(f->confidence));
        jsonw_key(&w, "cwe");
        if (f->rule->cwe) jsonw_int(&w, f->rule->cwe);
        else jsonw_null(&w);
        jsonw_kv_string(&w, "path", f->path);
        jsonw_kv_int(&w, "line", f->line);
        jsonw_kv_int(&w, "column", f->col);
        jsonw_kv_int(&w, "end_line", f->end_line);
        jsonw_kv_int(&w, "end_column", f->end_col);
        jsonw_kv_string(&w, "message", f->message);
        jsonw_kv_string(&w, "code", f->snippet);
        jsonw_kv_string(&w, "fingerprint", f->fingerprint);
        jsonw_key(&w, "properties");
        jsonw_object_begin(&w);
        for (size_t p = 0; p < f->n_props; p++) jsonw_kv_string(&w, f->props[p].key, f->props[p].value);
        jsonw_object_end(&w);
        jsonw_object_end(&w);
    }
    jsonw_array_end(&w);
    jsonw_key(&w, "summary");
    jsonw_object_begin(&w);
    jsonw_kv_int(&w, "files_scanned", opt->files_scanned);
    jsonw_kv_int(&w, "findings", (long long)list->n);
    for (int s = SEV_CRITICAL; s >= SEV_LOW; s--) {
        char key[32];
        snprintf(key, sizeof key, "%s", severity_name((Severity)s));
        for (char *k = key; *k; k++) *k = (char)(*k - 'A' + 'a');
        jsonw_kv_int(&w, key, counts[s]);
    }
    jsonw_object_end(&w);
    jsonw_object_end(&w);
    strbuf_putc(out, '\n');
}

static const char *sarif_level(uint8_t sev)
{
    return sev >= SEV_HIGH ? "error" : sev == SEV_MEDIUM ? "warning" : "note";
}

/* GitHub sorts code-scanning alerts by this CVSS-like number. */
static const char *sarif_security_severity(uint8_t sev)
{
    switch (sev) {
    case SEV_CRITICAL: return "9.5";
    case SEV_HIGH: return "8.0";
    case SEV_MEDIUM: return "5.5";
    default: return "3.0";
    }
}

static const char *sarif_precision(uint8_t conf)
{
    return conf == CONF_HIGH ? "high" : conf == CONF_MEDIUM ? "medium" : "low";
}

static void sarif_rule(JsonWriter *w, const RuleInfo *r)
{
    jsonw_object_begin(w);
    jsonw_kv_string(w, "id", r->id);
    jsonw_kv_string(w, "name", r->name);
    jsonw_key(w, "shortDescription");
    jsonw_object_begin(w);
    jsonw_kv_string(w, "text", r->summary);
    jsonw_object_end(w);
    jsonw_key(w, "fullDescription");
    jsonw_object_begin(w);
    jsonw_kv_string(w, "text", r->help && *r->help ? r->help : r->summary);
    jsonw_object_end(w);
    jsonw_key(w, "help");
    jsonw_object_begin(w);
    jsonw_kv_string(w, "text", r->help && *r->help ? r->help : r->summary);
    jsonw_object_end(w);
    jsonw_key(w, "defaultConfiguration");
    jsonw_object_begin(w);
    jsonw_kv_string(w, "level", sarif_level(r->severity));
    jsonw_object_end(w);
    jsonw_key(w, "properties");
    jsonw_object_begin(w);
    jsonw_key(w, "tags");
    jsonw_array_begin(w);
    jsonw_string(w, "security");
    if (r->cwe) {
        char tag[48];
        snprintf(tag, sizeof tag, "external/cwe/cwe-%u", r->cwe);
        jsonw_string(w, tag);
    }
    jsonw_array_end(w);
    jsonw_kv_string(w, "security-severity", sarif_security_severity(r->severity));
    jsonw_kv_string(w, "precision", sarif_precision(r->confidence));
    jsonw_object_end(w);
    jsonw_object_end(w);
}

static void sarif_result(JsonWriter *w, const Finding *f, size_t rule_index)
{
    jsonw_object_begin(w);
    jsonw_kv_string(w, "ruleId", f->rule->id);
    jsonw_kv_int(w, "ruleIndex", (long long)rule_index);
    jsonw_kv_string(w, "level", sarif_level(f->severity));
    jsonw_key(w, "message");
    jsonw_object_begin(w);
    jsonw_kv_string(w, "text", f->message);
    jsonw_object_end(w);
    jsonw_key(w, "locations");
    jsonw_array_begin(w);
    jsonw_object_begin(w);
    jsonw_key(w, "physicalLocation");
    jsonw_object_begin(w);
    jsonw_key(w, "artifactLocation");
    jsonw_object_begin(w);
    jsonw_kv_string(w, "uri", f->path[0] == '.' && f->path[1] == '/' ? f->path + 2 : f->path);
    jsonw_kv_string(w, "uriBaseId", "%SRCROOT%");
    jsonw_object_end(w);
    if (f->line > 0) {
        jsonw_key(w, "region");
        jsonw_object_begin(w);
        jsonw_kv_int(w, "startLine", f->line);
        jsonw_kv_int(w, "startColumn", f->col ? f->col : 1);
        if (f->end_line >= f->line) jsonw_kv_int(w, "endLine", f->end_line);
        if (f->end_line > f->line || f->end_col > f->col) jsonw_kv_int(w, "endColumn", f->end_col);
        if (f->snippet) {
            jsonw_key(w, "snippet");
            jsonw_object_begin(w);
            jsonw_kv_string(w, "text", f->snippet);
            jsonw_object_end(w);
        }
        jsonw_object_end(w);
    }
    jsonw_object_end(w);
    jsonw_object_end(w);
    jsonw_array_end(w);
    if (f->fingerprint) {
        jsonw_key(w, "partialFingerprints");
        jsonw_object_begin(w);
        jsonw_kv_string(w, "krait/v1", f->fingerprint);
        jsonw_object_end(w);
    }
    if (f->n_props) {
        jsonw_key(w, "properties");
        jsonw_object_begin(w);
        for (size_t p = 0; p < f->n_props; p++) jsonw_kv_string(w, f->props[p].key, f->props[p].value);
        jsonw_object_end(w);
    }
    jsonw_object_end(w);
}

static void write_sarif(StrBuf *out, const FindingList *list, const ReportOptions *opt)
{
    /* the distinct rules, in order of first use */
    const RuleInfo **rules = calloc(list->n ? list->n : 1, sizeof *rules);
    size_t *index = calloc(list->n ? list->n : 1, sizeof *index);
    size_t n_rules = 0;
    for (size_t i = 0; rules && index && i < list->n; i++) {
        size_t r = 0;
        while (r < n_rules && rules[r] != list->items[i].rule) r++;
        if (r == n_rules) rules[n_rules++] = list->items[i].rule;
        index[i] = r;
    }
    JsonWriter w;
    jsonw_init(&w, out, true);
    jsonw_object_begin(&w);
    jsonw_kv_string(&w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    jsonw_kv_string(&w, "version", "2.1.0");
    jsonw_key(&w, "runs");
    jsonw_array_begin(&w);
    jsonw_object_begin(&w);
    jsonw_key(&w, "tool");
    jsonw_object_begin(&w);
    jsonw_key(&w, "driver");
    jsonw_object_begin(&w);
    jsonw_kv_string(&w, "name", "krait");
    jsonw_kv_string(&w, "version", opt->tool_version);
    jsonw_key(&w, "rules");
    jsonw_array_begin(&w);
    for (size_t r = 0; r < n_rules; r++) sarif_rule(&w, rules[r]);
    jsonw_array_end(&w);
    jsonw_object_end(&w);
    jsonw_object_end(&w);
    jsonw_key(&w, "results");
    jsonw_array_begin(&w);
    for (size_t i = 0; i < list->n; i++) sarif_result(&w, &list->items[i], index[i]);
    jsonw_array_end(&w);
    jsonw_object_end(&w);
    jsonw_array_end(&w);
    jsonw_object_end(&w);
    strbuf_putc(out, '\n');
    free(rules);
    free(index);
}

/* Workflow-command escaping: data escapes %, CR, LF; properties also : and , */
static void github_escape(StrBuf *out, const char *s, bool property)
{
    for (; *s; s++) {
        switch (*s) {
        case '%': strbuf_puts(out, "%25"); break;
        case '\r': strbuf_puts(out, "%0D"); break;
        case '\n': strbuf_puts(out, "%0A"); break;
        case ':': if (property) { strbuf_puts(out, "%3A"); break; } strbuf_putc(out, *s); break;
        case ',': if (property) { strbuf_puts(out, "%2C"); break; } strbuf_putc(out, *s); break;
        default: strbuf_putc(out, *s);
        }
    }
}

static void write_github(StrBuf *out, const FindingList *list)
{
    for (size_t i = 0; i < list->n; i++) {
        const Finding *f = &list->items[i];
        const char *level = f->severity >= SEV_HIGH ? "error" : f->severity == SEV_MEDIUM ? "warning" : "notice";
        strbuf_printf(out, "::%s file=", level);
        github_escape(out, f->path, true);
        if (f->line) strbuf_printf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u", f->line, f->col, f->end_line, f->end_col);
        strbuf_puts(out, ",title=");
        char title[256];
        snprintf(title, sizeof title, "%s %s", f->rule->id, f->rule->name);
        github_escape(out, title, true);
        strbuf_puts(out, "::");
        char msg[1024];
        snprintf(msg, sizeof msg, "%s [%s/%s]", f->message, severity_name(f->severity), confidence_name(f->confidence));
        github_escape(out, msg, false);
        strbuf_putc(out, '\n');
    }
}

void report_write(StrBuf *out, const FindingList *list, const ReportOptions *opt)
{
    switch (opt->format) {
    case REPORT_TEXT: write_text(out, list, opt); break;
    case REPORT_JSON: write_json(out, list, opt); break;
    case REPORT_SARIF: write_sarif(out, list, opt); break;
    case REPORT_GITHUB: write_github(out, list); break;
    }
}
