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
#include "discover/walk.h"
#include "secrets/secrets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* Files met while walking a folder: only the kinds the secrets pass reads. */
static int walk_file(const char *path, WalkFileKind kind, uint64_t size, void *user)
{
    (void)kind;
    (void)size;
    scan_file(user, path, 0);
    return 0;
}

static void walk_problem(const KraitError *warning, void *user)
{
    report_error(user, warning);
}

static void walk(SecretsRun *run, const char *dir)
{
    /* the same discovery as krait scan: .gitignore, caches and virtual
     * environments skipped, sorted, symbolic-link loops detected */
    WalkOptions wo = {.use_gitignore = true, .want_other_files = true};
    KraitError err;
    if (walk_run(&dir, 1, &wo, walk_file, walk_problem, run, &err) < 0) report_error(run, &err);
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
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) walk(&run, argv[i]);
        else scan_file(&run, argv[i], 1);
    }
    secrets_workspace_free(run.ws);
    secrets_scanner_free(scanner);
    fflush(stdout);
    if (run.errors) return EXIT_ERROR;
    return run.findings ? EXIT_FINDINGS : EXIT_CLEAN;
}
