/* test_requirements.c - the pip requirements-file reader. */
#include "unit.h"

#include "deps/requirements.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *fake_env(const char *name, void *ctx)
{
    (void)ctx;
    return strcmp(name, "VER") == 0 ? "1.2" : NULL;
}

static int parse(Arena *a, const char *text, ReqFile *out, KraitError *err)
{
    memset(out, 0, sizeof *out);
    return requirements_parse_text(a, "/tmp/requirements.txt", text, strlen(text), fake_env, NULL, out, err);
}

static void test_lines_comments_continuations(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    ReqFile rf;
    KraitError err;
    const char *text =
        "requests==2.0\n"
        "# a comment\n"
        "\n"
        "flask>=1.0  # trailing comment\r\n"
        "django==3.2 \\\n"
        "    --hash=sha256:aaa \\\n"
        "    --hash sha256:bbb\n"
        "pkg==${VER}\n"
        "foo >= 1.0 ; python_version < \"3.8\"\n";
    CHECK_INT(t, parse(&a, text, &rf, &err), 0);
    CHECK_INT(t, rf.n, 5);
    if (rf.n == 5) {
        CHECK_STR(t, rf.entries[0].text, "requests==2.0");
        CHECK_INT(t, rf.entries[0].line, 1);
        CHECK_STR(t, rf.entries[1].text, "flask>=1.0");
        CHECK_INT(t, rf.entries[1].line, 4);
        CHECK_STR(t, rf.entries[2].text, "django==3.2");
        CHECK_INT(t, rf.entries[2].line, 5);
        CHECK_INT(t, rf.entries[2].n_hashes, 2);
        CHECK_STR(t, rf.entries[2].hashes[1], "sha256:bbb");
        CHECK_STR(t, rf.entries[3].text, "pkg==1.2");
        CHECK_STR(t, rf.entries[4].text, "foo >= 1.0 ; python_version < \"3.8\"");
        CHECK_INT(t, rf.entries[4].kind, REQ_ENTRY_REQUIREMENT);
    }
    arena_free(&a);
}

static void test_options_and_urls(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    ReqFile rf;
    KraitError err;
    const char *text =
        "-i https://example.invalid/simple\n"
        "--extra-index-url=https://example.invalid/extra\n"
        "--pre\n"
        "--require-hashes\n"
        "git+https://example.invalid/x/y.git#egg=y\n"
        "./local/pkg\n"
        "https://example.invalid/y-1.0-py3-none-any.whl\n"
        "name @ https://example.invalid/name.zip\n"
        "-e git+https://example.invalid/z.git#egg=z\n"
        "  -e ./src\n";
    CHECK_INT(t, parse(&a, text, &rf, &err), 0);
    CHECK(t, rf.require_hashes);
    CHECK_INT(t, rf.n, 6);
    if (rf.n == 6) {
        CHECK_INT(t, rf.entries[0].kind, REQ_ENTRY_URL);
        CHECK_STR(t, rf.entries[0].text, "git+https://example.invalid/x/y.git#egg=y");
        CHECK_INT(t, rf.entries[1].kind, REQ_ENTRY_URL);
        CHECK_INT(t, rf.entries[2].kind, REQ_ENTRY_URL);
        CHECK_INT(t, rf.entries[3].kind, REQ_ENTRY_REQUIREMENT);   /* PEP 508 direct reference */
        CHECK(t, rf.entries[4].editable);
        CHECK_INT(t, rf.entries[4].kind, REQ_ENTRY_URL);
        CHECK_INT(t, rf.entries[5].col, 6);
    }
    arena_free(&a);
}

static void test_errors_have_positions(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    ReqFile rf;
    KraitError err;
    CHECK_INT(t, parse(&a, "ok==1\n--frobnicate\n", &rf, &err), -1);
    CHECK_INT(t, err.line, 2);
    CHECK_INT(t, err.col, 1);
    CHECK(t, strstr(err.message, "unknown option '--frobnicate'") != NULL);
    CHECK_INT(t, parse(&a, "x==1 junk --hash=sha256:1 extra\n", &rf, &err), -1);
    CHECK(t, strstr(err.message, "after a requirement") != NULL);
    CHECK_INT(t, parse(&a, "-r\n", &rf, &err), -1);
    CHECK(t, strstr(err.message, "needs a value") != NULL);
    CHECK_INT(t, parse(&a, "-r https://example.invalid/r.txt\n", &rf, &err), -1);
    CHECK(t, strstr(err.message, "remote") != NULL);
    arena_free(&a);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

static void test_includes_and_cycles(UnitContext *t)
{
    char dir[] = "/tmp/krait-req-XXXXXX";
    CHECK(t, mkdtemp(dir) != NULL);
    char sub[600];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    mkdir(sub, 0755);
    write_file(dir, "a.txt", "-r sub/b.txt\nx==1\n");
    write_file(dir, "sub/b.txt", "-c c.txt\ny==2\n");
    write_file(dir, "sub/c.txt", "z==3\n");
    write_file(dir, "loop1.txt", "-r loop2.txt\n");
    write_file(dir, "loop2.txt", "ok==1\n--requirement=loop1.txt\n");
    write_file(dir, "missing.txt", "a==1\n\n-r nothere.txt\n");

    Arena a;
    arena_init(&a);
    ReqFile rf = {0};
    KraitError err;
    char path[700];
    snprintf(path, sizeof path, "%s/a.txt", dir);
    CHECK_INT(t, requirements_read(&a, path, NULL, NULL, &rf, &err), 0);
    CHECK_INT(t, rf.n, 3);
    CHECK_INT(t, rf.n_files, 3);
    if (rf.n == 3) {
        CHECK_STR(t, rf.entries[0].text, "z==3");
        CHECK(t, rf.entries[0].constraint);
        CHECK(t, strstr(rf.entries[0].path, "sub/c.txt") != NULL);
        CHECK_STR(t, rf.entries[1].text, "y==2");
        CHECK(t, !rf.entries[1].constraint);
        CHECK_INT(t, rf.entries[1].line, 2);
        CHECK_STR(t, rf.entries[2].text, "x==1");
    }

    ReqFile loop = {0};
    snprintf(path, sizeof path, "%s/loop1.txt", dir);
    CHECK_INT(t, requirements_read(&a, path, NULL, NULL, &loop, &err), -1);
    CHECK(t, strstr(err.message, "include cycle") != NULL);

    ReqFile miss = {0};
    snprintf(path, sizeof path, "%s/missing.txt", dir);
    CHECK_INT(t, requirements_read(&a, path, NULL, NULL, &miss, &err), -1);
    CHECK_INT(t, err.line, 3);
    CHECK(t, strstr(err.path, "missing.txt") != NULL);
    CHECK(t, strstr(err.message, "nothere.txt") != NULL);
    arena_free(&a);

    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK_INT(t, system(cmd), 0);
}

int main(int argc, char **argv)
{
    static const UnitTest tests[] = {
        {"lines_comments_continuations", test_lines_comments_continuations},
        {"options_and_urls", test_options_and_urls},
        {"errors_have_positions", test_errors_have_positions},
        {"includes_and_cycles", test_includes_and_cycles},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
