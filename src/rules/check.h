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

#include <stdbool.h>
#include <stddef.h>

/* Options of individual rules, as Bandit's plugin sections and Ruff's
 * flake8-bandit settings have them. Lists are borrowed for the call. */
typedef struct RulesOptions {
    bool check_typed_exception;          /* B110/B112 also on `except ValueError:` */
    const char *const *tmp_dirs;         /* B108 prefixes; NULL: /tmp, /var/tmp, /dev/shm */
    size_t n_tmp_dirs;
    const char *const *markup_names;     /* B704: more qualified names like markupsafe.Markup */
    size_t n_markup_names;
    const char *const *allowed_markup_calls;   /* B704: qualified calls whose result is safe */
    size_t n_allowed_markup_calls;
    const char *const *password_words;   /* B105-B107: words added to Bandit's list */
    size_t n_password_words;
} RulesOptions;

/* Runs every code rule over pr->module (a NULL module is a no-op). Per-file
 * data (the semantic model, the callee table) is allocated in arena.
 * Selection and suppression happen later, on the findings. Returns 0. */
int rules_check_module(const ParseResult *pr, const char *path, Arena *arena, FindingList *out);
/* The same with options (NULL: the defaults). */
int rules_check_module_with(const ParseResult *pr, const char *path, Arena *arena, const RulesOptions *opt,
                            FindingList *out);

/* Whether a name looks like it holds a password or secret (Bandit's word
 * list: pas+wo?r?d, pass, passphrase, pwd, token, secret, secrete, as the
 * whole name or a part between underscores, case-insensitive). */
bool rules_is_password_name(const char *name, size_t len);

/* Whether text matches one of Bandit's SQL statement shapes (select..from,
 * delete from, insert into..values, update..set), case-insensitively. */
bool rules_looks_like_sql(const char *text, size_t len);

#endif
