/* cmd_secrets.c - `krait secrets PATH...`: the secrets pass on its own, for
 * testing and early users. A file named on the command line is scanned
 * whatever its kind (a .py file as plain text until the lexer path is
 * wired); a directory is walked in sorted order and only the kinds
 * secrets_file_kind picks are read. Prints one line per finding,
 * "path:line:col: SECnnn name: redacted", and never a whole secret. */
#include "base/die.h"
#include "base/error.h"
#include "base/file.h"
#include "cli/commands.h"
#include "secrets/secrets.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { WALK_MAX_DEPTH = 64 };

typedef struct SecretsRun {
    const SecretScanner *scanner;
    SecretWorkspace *ws;
    const char *path;      /* the file being reported */
    int findings;
    int errors;
} SecretsRun;

static void print_finding(void *user, const SecretFinding *f)
{
    SecretsRun *run = user;
    const SecretDetectorInfo *info = secrets_detector_info(f->detector);
    printf("%s:%d:%d: %s %s: %s\n", run->path, f->line, f->col, info->id, info->name, f->redacted);
}

static void report_error(SecretsRun *run, const KraitError *err)
{
    fputs("krait: ", stderr);
    error_print(stderr, err);
    run->errors++;
}

static void scan_file(SecretsRun *run, const char *path, int explicit)
{
    SecretFileKind kind = secrets_file_kind(path);
    if (!explicit && (kind == SECRET_FILE_OTHER || kind == SECRET_FILE_LOCK)) return;
    FileData fd;
    KraitError err;
    if (file_read_all(path, FILE_MAX_SIZE_DEFAULT, &fd, &err) < 0) {
        report_error(run, &err);
        return;
    }
    run->path = path;
    int n = 0;
    SecretFileStatus st = secrets_scan_text_as(run->scanner, run->ws, kind, fd.data, fd.len, print_finding, run, &n);
    file_data_free(&fd);
    run->findings += n;
    if (st != SECRET_FILE_SCANNED && explicit)
        fprintf(stderr, "krait: %s: skipped: %s\n", path, secrets_file_status_reason(st));
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int skip_directory(const char *name)
{
    static const char *const names[] = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv",
                                        ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache",
                                        "site-packages"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0) return 1;
    return 0;
}

static void walk(SecretsRun *run, const char *dir, int depth);

static void walk_entry(SecretsRun *run, const char *dir, const char *name, int depth)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);
    if (!path) die_out_of_memory();
    snprintf(path, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
    struct stat st;
    if (lstat(path, &st) < 0) {
        KraitError err;
        error_set(&err, path, 0, 0, "cannot stat");
        report_error(run, &err);
    } else if (S_ISDIR(st.st_mode)) {
        if (!skip_directory(name)) walk(run, path, depth + 1);
    } else if (S_ISREG(st.st_mode)) {
        scan_file(run, path, 0);
    }   /* symbolic links and special files are not followed in a walk */
    free(path);
}

static void walk(SecretsRun *run, const char *dir, int depth)
{
    KraitError err;
    if (depth > WALK_MAX_DEPTH) {
        error_set(&err, dir, 0, 0, "directories nested deeper than %d levels", WALK_MAX_DEPTH);
        report_error(run, &err);
        return;
    }
    DIR *d = opendir(dir);
    if (!d) {
        error_set(&err, dir, 0, 0, "cannot open directory");
        report_error(run, &err);
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **p = realloc(names, cap * sizeof *p);
            if (!p) die_out_of_memory();
            names = p;
        }
        names[n] = strdup(e->d_name);
        if (!names[n]) die_out_of_memory();
        n++;
    }
    closedir(d);
    if (n > 0) qsort(names, n, sizeof *names, compare_names);   /* names is NULL when empty */
    for (size_t i = 0; i < n; i++) {
        walk_entry(run, dir, names[i], depth);
        free(names[i]);
    }
    free(names);
}

static void usage(FILE *out)
{
    fputs("usage: krait secrets PATH...\n"
          "  scans files (any kind) and directories (config, env, Docker, shell and\n"
          "  Python files) for hard-coded secrets; prints path:line:col: ID name: redacted\n",
          out);
}

int cmd_secrets(int argc, char **argv)
{
    int first = 1;
    if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        usage(stdout);
        return EXIT_CLEAN;
    }
    if (argc > 1 && strcmp(argv[1], "--") == 0) first = 2;
    if (first >= argc) {
        usage(stderr);
        return EXIT_ERROR;
    }
    SecretScanner *scanner;
    KraitError err;
    if (secrets_scanner_new(&scanner, &err) < 0) {
        fputs("krait: ", stderr);
        error_print(stderr, &err);
        return EXIT_ERROR;
    }
    SecretsRun run = {scanner, secrets_workspace_new(), NULL, 0, 0};
    for (int i = first; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) walk(&run, argv[i], 0);
        else scan_file(&run, argv[i], 1);
    }
    secrets_workspace_free(run.ws);
    secrets_scanner_free(scanner);
    fflush(stdout);
    if (run.errors) return EXIT_ERROR;
    return run.findings ? EXIT_FINDINGS : EXIT_CLEAN;
}
