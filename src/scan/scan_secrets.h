/* scan_secrets.h - the secrets family inside `krait scan`: string literals
 * (with the name they are bound to, for the generic password/token
 * detector) and comments of parsed Python files, and the text files a
 * project commits (.env, *.ini, *.cfg, *.toml, *.yaml, *.json, Dockerfile,
 * *.sh). Findings carry the redacted value only. */
#ifndef KRAIT_SCAN_SECRETS_H
#define KRAIT_SCAN_SECRETS_H

#include "python/parser.h"
#include "report/finding.h"
#include "secrets/secrets.h"

#include <stdbool.h>

/* Scans one parsed Python file's literals and comments. */
void scan_secrets_python(const SecretScanner *scanner, SecretWorkspace *ws, const ParseResult *pr, const char *path,
                         Arena *arena, FindingList *out);

/* Whether path is a text file the secrets pass reads (by name). */
bool scan_secrets_wants(const char *path);

/* Scans one text file; files that turn out binary are skipped. */
void scan_secrets_text(const SecretScanner *scanner, SecretWorkspace *ws, const char *path, const char *data,
                       size_t len, FindingList *out);

/* A Python file that did not parse: its quoted values, read as text. */
void scan_secrets_unparsed_python(const SecretScanner *scanner, SecretWorkspace *ws, const char *path,
                                  const char *data, size_t len, FindingList *out);

#endif
