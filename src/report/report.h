/* report.h - writing a sorted FindingList in one of the output formats:
 * text (for people), json (krait's own stable schema, docs/output.md),
 * sarif (SARIF 2.1.0 for GitHub code scanning), github (workflow
 * annotations). Writers append to a StrBuf; the caller decides where it
 * goes (standard output or --output FILE). */
#ifndef KRAIT_REPORT_H
#define KRAIT_REPORT_H

#include "base/strbuf.h"
#include "report/finding.h"

#include <stdbool.h>

typedef enum ReportFormat { REPORT_TEXT, REPORT_JSON, REPORT_SARIF, REPORT_GITHUB } ReportFormat;

typedef struct ReportOptions {
    ReportFormat format;
    bool color;                /* text only: ANSI colours */
    const char *tool_version;
    unsigned files_scanned;    /* for the summaries */
    const char *scanned_what;  /* "files" (default when NULL), "dependencies"... */
} ReportOptions;

/* "text", "json", "sarif", "github"; -1 when unknown. */
int report_format_parse(const char *name);
void report_write(StrBuf *out, const FindingList *list, const ReportOptions *opt);

#endif
