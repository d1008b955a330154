/* commands.h - the subcommands main.c dispatches to. Each takes the
 * arguments after its own name (argv[0] is the subcommand name) and returns
 * the process exit status: 0 clean, 1 findings, 2 usage or operational error.
 * Each command prints its own output and errors; nothing below it does. */
#ifndef KRAIT_COMMANDS_H
#define KRAIT_COMMANDS_H

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_ERROR = 2 };

typedef int (*CommandFn)(int argc, char **argv);

typedef struct Command {
    const char *name;
    CommandFn run;
    const char *summary;   /* one line for `krait help` */
} Command;

int cmd_tokens(int argc, char **argv);   /* cmd_tokens.c: token dump like python -m tokenize */

/* The table lives in main.c; one row per subcommand. */
extern const Command command_table[];

/* krait db update|import|info: the offline advisory database (cmd_db.c). */
int cmd_db(int argc, char **argv);
/* krait scan: everything that applies below the paths (cmd_scan.c). */
int cmd_scan(int argc, char **argv);
/* krait deps: audit dependencies against the advisory database (cmd_deps.c). */
int cmd_deps(int argc, char **argv);
/* krait parse: parse Python files, --dump like ast.dump (cmd_parse.c). */
int cmd_parse(int argc, char **argv);
/* krait secrets PATH...: hard-coded secrets in files and folders (cmd_secrets.c). */
int cmd_secrets(int argc, char **argv);
/* krait rules: list the rules, explain one, or print docs/rules-all.md (cmd_rules.c). */
int cmd_rules(int argc, char **argv);

#endif
