/* main.c - argument dispatch only: finds the subcommand in the table and
 * hands it the rest of the command line. */
#include "cli/commands.h"

#include <stdio.h>
#include <string.h>

#define KRAIT_VERSION "0.1.0"

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

const Command command_table[] = {
    {"help", cmd_help, "show this list"},
    {"version", cmd_version, "print the version"},
    {"scan", cmd_scan, "scan a project: Python files and dependency manifests"},
    {"deps", cmd_deps, "audit dependencies: requirements, pyproject, lock files, environments"},
    {"db", cmd_db, "the offline advisory database: update, import PATH, info"},
    {"parse", cmd_parse, "parse Python files; --dump prints the AST like ast.dump"},
    {"tokens", cmd_tokens, "print a Python file's tokens like python3 -m tokenize"},
    {"secrets", cmd_secrets, "scan files for hard-coded secrets"},
    {"rules", cmd_rules, "list the rules; krait rules ID explains one (--markdown: docs/rules-all.md)"},
    {NULL, NULL, NULL},
};

static int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("krait %s\n", KRAIT_VERSION);
    return EXIT_CLEAN;
}

static void print_usage(FILE *out)
{
    fputs("usage: krait COMMAND [ARGS...]\n\ncommands:\n", out);
    for (const Command *c = command_table; c->name; c++) fprintf(out, "  %-10s %s\n", c->name, c->summary);
}

static int cmd_help(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    print_usage(stdout);
    return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return EXIT_ERROR;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) name = "help";
    if (strcmp(name, "--version") == 0) name = "version";
    for (const Command *c = command_table; c->name; c++)
        if (strcmp(c->name, name) == 0) return c->run(argc - 1, argv + 1);
    fprintf(stderr, "krait: unknown command '%s' (see 'krait help')\n", argv[1]);
    return EXIT_ERROR;
}
