/* cmd_parse.c - `krait parse`: parses Python files and prints their AST the
 * way CPython's ast.dump() does, or only checks that they parse.
 *
 *   krait parse [--dump] [--attributes] [--quiet] [--batch] [--files-from LIST] FILE...
 *
 * FILE may be "-" for standard input. --batch precedes each file's output
 * with a line "### FILE" and prints a syntax error as "ERROR LINE:COL:
 * MESSAGE" in the same stream, so one process can serve a differential test
 * over a whole corpus; --files-from reads the paths, one a line, from LIST.
 * Exit status: 0 all parsed, 2 a syntax or I/O error in any file. */
#include "base/arena.h"
#include "base/error.h"
#include "base/file.h"
#include "base/strbuf.h"
#include "cli/commands.h"
#include "python/ast_dump.h"
#include "python/parser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ParseOptions {
    int dump;
    int attributes;
    int quiet;
    int batch;
} ParseOptions;

/* Parses one file; returns 0 or -1 after printing why. */
static int parse_one(const ParseOptions *opt, const char *path, Arena *arena, StrBuf *out)
{
    KraitError err;
    error_clear(&err);
    FileData fd;
    if (opt->batch) printf("### %s\n", path);
    if (file_read_all(path, FILE_MAX_SIZE_DEFAULT, &fd, &err) < 0) {
        error_print(stderr, &err);
        if (opt->batch) printf("ERROR 0:0: %s\n", err.message);
        return -1;
    }
    ParseResult res;
    int rc = parser_parse_module_in_place(arena, path, fd.data, fd.len, &res, &err);
    if (rc < 0) {
        fprintf(stderr, "%s:%d:%d: syntax error: %s\n", path, err.line, err.col, err.message);
        if (opt->batch) printf("ERROR %d:%d: %s\n", err.line, err.col, err.message);
    } else if (opt->dump && !opt->quiet) {
        strbuf_clear(out);
        ast_dump(out, res.module, opt->attributes);
        strbuf_putc(out, '\n');
        fwrite(out->data, 1, out->len, stdout);
    }
    file_data_free(&fd);
    arena_reset(arena);
    return rc;
}

static int parse_list(const ParseOptions *opt, const char *list, Arena *arena, StrBuf *out, int *failures)
{
    FILE *f = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
    if (!f) {
        fprintf(stderr, "krait parse: cannot open %s\n", list);
        return -1;
    }
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        line[n] = '\0';
        if (n == 0) continue;
        if (parse_one(opt, line, arena, out) < 0) (*failures)++;
    }
    if (f != stdin) fclose(f);
    return 0;
}

static void parse_usage(FILE *out)
{
    fputs("usage: krait parse [--dump] [--attributes] [--quiet] [--batch] [--files-from LIST] FILE...\n", out);
}

int cmd_parse(int argc, char **argv)
{
    ParseOptions opt = {0, 0, 0, 0};
    const char *list = NULL;
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--dump") == 0) opt.dump = 1;
        else if (strcmp(a, "--attributes") == 0) opt.attributes = 1;
        else if (strcmp(a, "--quiet") == 0) opt.quiet = 1;
        else if (strcmp(a, "--batch") == 0) opt.batch = 1;
        else if (strcmp(a, "--files-from") == 0 && i + 1 < argc) list = argv[++i];
        else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            parse_usage(stdout);
            return EXIT_CLEAN;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "krait parse: unknown option '%s'\n", a);
            parse_usage(stderr);
            return EXIT_ERROR;
        } else {
            nfiles++;
        }
    }
    if (nfiles == 0 && !list) {
        parse_usage(stderr);
        return EXIT_ERROR;
    }
    if (opt.attributes || opt.batch) opt.dump = 1;   /* a batch section always has a body */
    Arena arena;
    arena_init(&arena);
    StrBuf out;
    strbuf_init(&out);
    int failures = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--files-from") == 0) {
            i++;
            continue;
        }
        if (a[0] == '-' && a[1] != '\0') continue;
        if (parse_one(&opt, a, &arena, &out) < 0) failures++;
    }
    if (list && parse_list(&opt, list, &arena, &out, &failures) < 0) failures++;
    strbuf_free(&out);
    arena_free(&arena);
    fflush(stdout);
    return failures ? EXIT_ERROR : EXIT_CLEAN;
}
