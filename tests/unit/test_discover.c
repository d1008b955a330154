/* test_discover.c - glob patterns and the file walk over a tree built in /tmp. */
#include "unit.h"

#include "discover/glob.h"
#include "discover/walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static bool gm(const char *pat, const char *path) { return glob_match(pat, strlen(pat), path, strlen(path)); }

static void test_glob_basics(UnitContext *t)
{
    CHECK(t, gm("*.py", "a.py"));
    CHECK(t, !gm("*.py", "d/a.py"));          /* star stops at '/' */
    CHECK(t, gm("**/a.py", "x/y/a.py"));
    CHECK(t, gm("**/a.py", "a.py"));
    CHECK(t, gm("a/**", "a/b/c"));
    CHECK(t, !gm("a/**", "b/a/c"));
    CHECK(t, gm("a/**/z", "a/z"));
    CHECK(t, gm("a/**/z", "a/b/c/z"));
    CHECK(t, gm("[a-c]x", "bx"));
    CHECK(t, !gm("[!a]x", "ax"));
    CHECK(t, gm("[!a]x", "bx"));
    CHECK(t, !gm("a?c", "a/c"));
    CHECK(t, gm("a?c", "abc"));
    CHECK(t, gm("\\*x", "*x"));
    CHECK(t, !gm("\\*x", "ax"));
    CHECK(t, gm("*", ""));
    CHECK(t, !gm("a", "ab"));
    CHECK(t, gm("test_*_x.py", "test_a_b_x.py"));
    CHECK(t, gm("[abc", "[abc"));             /* unclosed class is literal */
}

typedef struct Seen {
    char list[4096];
    int warnings;
    uint64_t size_of_a;       /* what the walk said root/a.py weighs */
} Seen;

static int record(const char *path, WalkFileKind kind, uint64_t size, void *ctx)
{
    Seen *s = ctx;
    size_t n = strlen(path);
    if (n >= 9 && strcmp(path + n - 9, "root/a.py") == 0) s->size_of_a = size;
    const char *rel = strstr(path, "/root/");
    rel = rel ? rel + 6 : path;
    strcat(s->list, kind == WALK_PYTHON ? "py:" : "other:");
    strcat(s->list, rel);
    strcat(s->list, " ");
    return 0;
}

static void count_warning(const KraitError *w, void *ctx)
{
    (void)w;
    ((Seen *)ctx)->warnings++;
}

static void put(const char *base, const char *rel, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", base, rel);
    FILE *f = fopen(path, "w");
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

static void make_tree(char *base)
{
    char dir[512];
    const char *dirs[] = {"root", "root/sub", "root/build", "root/.git", "root/venv1", "root/__pycache__",
                          "root/empty"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        snprintf(dir, sizeof dir, "%s/%s", base, dirs[i]);
        mkdir(dir, 0755);
    }
    put(base, "root/a.py", "x = 1\n");
    put(base, "root/b.txt", "text\n");
    put(base, "root/script", "#!/usr/bin/env python3\nprint(1)\n");
    put(base, "root/notpy", "#!/bin/sh\necho\n");
    put(base, "root/.gitignore", "# comment\nignored.py\nbuild/\n*.log\n");
    put(base, "root/ignored.py", "");
    put(base, "root/x.log", "");
    put(base, "root/build/x.py", "");
    put(base, "root/sub/c.py", "");
    put(base, "root/sub/d.py", "");
    put(base, "root/sub/.gitignore", "d.py\n!ignored.py\n");
    put(base, "root/sub/ignored.py", "");
    put(base, "root/.git/x.py", "");
    put(base, "root/venv1/pyvenv.cfg", "home = /usr\n");
    put(base, "root/venv1/e.py", "");
    put(base, "root/__pycache__/f.py", "");
    snprintf(dir, sizeof dir, "%s/root/sub/loop", base);
    if (symlink("..", dir) != 0) return;
}

static void test_walk_tree(UnitContext *t)
{
    char base[] = "/tmp/krait-walk-XXXXXX";
    CHECK(t, mkdtemp(base) != NULL);
    make_tree(base);
    char root[600];
    snprintf(root, sizeof root, "%s/root", base);
    const char *roots[] = {root};
    Seen seen = {"", 0, 0};
    WalkOptions opt = {.use_gitignore = true, .want_other_files = false};
    KraitError err;
    CHECK_INT(t, walk_run(roots, 1, &opt, record, count_warning, &seen, &err), 0);
    /* sorted, gitignore honoured per level with re-inclusion, skipped
     * folders and the virtual environment left out, the loop reported */
    CHECK_STR(t, seen.list, "py:a.py py:script py:sub/c.py py:sub/ignored.py ");
    CHECK_INT(t, seen.warnings, 1);
    CHECK_INT(t, (int)seen.size_of_a, 6);     /* "x = 1\n": sizes come with the files */

    Seen all = {"", 0, 0};
    opt.use_gitignore = false;
    opt.want_other_files = true;
    CHECK_INT(t, walk_run(roots, 1, &opt, record, count_warning, &all, &err), 0);
    CHECK(t, strstr(all.list, "py:ignored.py") != NULL);
    CHECK(t, strstr(all.list, "py:build/x.py") != NULL);
    CHECK(t, strstr(all.list, "other:notpy") != NULL);
    CHECK(t, strstr(all.list, "other:b.txt") != NULL);
    CHECK(t, strstr(all.list, "e.py") == NULL);
    CHECK(t, strstr(all.list, ".git/") == NULL);

    Seen ex = {"", 0, 0};
    const char *excludes[] = {"sub/", "script"};
    WalkOptions exopt = {.use_gitignore = true, .excludes = excludes, .n_excludes = 2};
    CHECK_INT(t, walk_run(roots, 1, &exopt, record, NULL, &ex, &err), 0);
    CHECK_STR(t, ex.list, "py:a.py ");

    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    CHECK_INT(t, system(cmd), 0);
}

static void test_walk_missing_root(UnitContext *t)
{
    const char *roots[] = {"/nonexistent/krait"};
    WalkOptions opt = {0};
    Seen seen = {"", 0, 0};
    KraitError err;
    CHECK_INT(t, walk_run(roots, 1, &opt, record, NULL, &seen, &err), -1);
    CHECK(t, strstr(err.message, "cannot scan") != NULL);
    CHECK_STR(t, err.path, "/nonexistent/krait");
}

int main(int argc, char **argv)
{
    static const UnitTest tests[] = {
        {"glob_basics", test_glob_basics},
        {"walk_tree", test_walk_tree},
        {"walk_missing_root", test_walk_missing_root},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
