/* check.h - the code rules (Bandit's checks and krait's own KR rules) run
 * over one parsed module: one AST walk, rules dispatched per node kind, the
 * dangerous-call rules looked up by qualified callee in a hash table built
 * from a table of rows (check.c). Findings go to out, with the rule's
 * default severity and confidence unless the check sets others. */
#ifndef KRAIT_CHECK_H
#define KRAIT_CHECK_H

#include "base/arena.h"
#include "python/parser.h"
#include "report/finding.h"

/* Runs every code rule over pr->module (a NULL module is a no-op). Per-file
 * data (the semantic model, the callee table) is allocated in arena.
 * Selection and suppression happen later, on the findings. Returns 0. */
int rules_check_module(const ParseResult *pr, const char *path, Arena *arena, FindingList *out);

/* Whether a name looks like it holds a password or secret (Bandit's word
 * list: pas+wo?r?d, pass, passphrase, pwd, token, secret, secrete, as the
 * whole name or a part between underscores, case-insensitive). */
bool rules_is_password_name(const char *name, size_t len);

/* Whether text matches one of Bandit's SQL statement shapes (select..from,
 * delete from, insert into..values, update..set), case-insensitively. */
bool rules_looks_like_sql(const char *text, size_t len);

#endif
