/* test_config.c - the configuration API the rules and the scan call:
 * options of one rule (by id or alias, strings or other kinds), the
 * per-file-ignores matcher with gitignore semantics, did-you-mean, and
 * relative paths when the file lives in a sub-folder. */
#include "unit.h"

#include "config/config.h"
#include "rules/registry.h"

#include <stdlib.h>
#include <unistd.h>

static int load_text(Arena *a, const char *text, KraitConfig *cfg, KraitError *err, char *path, size_t size)
{
    snprintf(path, size, "/tmp/krait-test-config-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) return -1;
    size_t n = strlen(text);
    int ok = write(fd, text, n) == (ssize_t)n;
    close(fd);
    int rc = ok ? config_load(a, path, cfg, err) : -1;
    unlink(path);
    return rc;
}

static void test_rule_options(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    KraitConfig cfg;
    KraitError err;
    char path[64];
    const char *text = "[tool.krait.rules.E999]\nwords = ['pass', 'secret']\nlimit = 3\n"
                       "[tool.krait.rules.RUF100]\ndirs = '/tmp'\nnone = []\n";
    CHECK_INT(t, load_text(&a, text, &cfg, &err, path, sizeof path), 0);
    const char *const *list = NULL;
    size_t n = 0;
    CHECK_INT(t, config_rule_option_strings(&cfg, "E999", "words", &list, &n), 1);
    CHECK(t, n == 2 && list && strcmp(list[0], "pass") == 0 && strcmp(list[1], "secret") == 0);
    CHECK_INT(t, config_rule_option_strings(&cfg, "e999", "limit", &list, &n), -1);
    const ConfigRuleOption *o = config_rule_option(&cfg, "E999", "limit");
    CHECK(t, o && o->value->kind == TOML_INTEGER && o->value->line == 3);
    CHECK_INT(t, config_rule_option_strings(&cfg, "E999", "nothing", &list, &n), 0);
    CHECK_INT(t, config_rule_option_strings(&cfg, "DEP001", "words", &list, &n), 0);
    /* written under the alias, read by the id: a string is a list of one */
    CHECK_INT(t, config_rule_option_strings(&cfg, "KR001", "dirs", &list, &n), 1);
    CHECK(t, n == 1 && strcmp(list[0], "/tmp") == 0);
    CHECK_INT(t, config_rule_option_strings(&cfg, "KR001", "none", &list, &n), 1);
    CHECK_INT(t, n, 0);
    CHECK(t, cfg.source == CONFIG_SOURCE_KRAIT);
    arena_free(&a);
}

static void test_per_file_ignores(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    KraitConfig cfg;
    KraitError err;
    char path[64];
    const char *text = "[tool.krait.per-file-ignores]\n'tests/' = ['E999']\n'conftest.py' = ['E9']\n"
                       "'/scripts/*.py' = ['DEP']\n'docs/**/gen_*.py' = ['ALL']\n";
    CHECK_INT(t, load_text(&a, text, &cfg, &err, path, sizeof path), 0);
    const RuleInfo *e999 = registry_find("E999"), *dep1 = registry_find("DEP001");
    CHECK(t, config_file_ignores(&cfg, "tests/a.py", e999));
    CHECK(t, config_file_ignores(&cfg, "./pkg/tests/deep/a.py", e999));   /* no inner '/': any depth */
    CHECK(t, !config_file_ignores(&cfg, "tests.py", e999));               /* 'tests/' is a folder */
    CHECK(t, !config_file_ignores(&cfg, "tests/a.py", dep1));
    CHECK(t, config_file_ignores(&cfg, "a/b/conftest.py", e999));
    CHECK(t, config_file_ignores(&cfg, "scripts/run.py", dep1));
    CHECK(t, !config_file_ignores(&cfg, "src/scripts/run.py", dep1));     /* anchored */
    CHECK(t, !config_file_ignores(&cfg, "scripts/sub/run.py", dep1));     /* '*' stops at '/' */
    CHECK(t, config_file_ignores(&cfg, "docs/a/b/gen_x.py", dep1));
    CHECK(t, config_file_ignores(&cfg, "docs/gen_x.py", e999));
    CHECK(t, !config_file_ignores(&cfg, "src/a.py", e999));
    /* a file in a sub-folder: paths the scan reports through it are made relative */
    cfg.root = "proj";
    CHECK(t, config_file_ignores(&cfg, "proj/scripts/run.py", dep1));
    CHECK(t, config_file_ignores(&cfg, "./proj/scripts/run.py", dep1));
    cfg.root_abs = "/abs/proj";
    CHECK(t, config_file_ignores(&cfg, "/abs/proj/scripts/run.py", dep1));
    CHECK(t, !config_file_ignores(&cfg, "/abs/other/scripts/run.py", dep1));
    arena_free(&a);
}

static void test_did_you_mean(UnitContext *t)
{
    const char *keys[] = {"select", "ignore", "extend-exclude", "per-file-ignores"};
    CHECK_STR(t, config_did_you_mean("selct", keys, 4), "select");
    CHECK_STR(t, config_did_you_mean("extend_exclude", keys, 4), "extend-exclude");
    CHECK_STR(t, config_did_you_mean("per_file_ignore", keys, 4), "per-file-ignores");
    CHECK(t, config_did_you_mean("colour", keys, 4) == NULL);
}

static void test_missing_file_is_empty(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    KraitConfig cfg;
    KraitError err;
    CHECK_INT(t, config_load(&a, "/nonexistent/krait/pyproject.toml", &cfg, &err), 0);
    CHECK(t, cfg.path == NULL && cfg.source == CONFIG_SOURCE_NONE && cfg.select.n == 0 && !cfg.select.set);
    arena_free(&a);
}

int main(int argc, char **argv)
{
    static const UnitTest tests[] = {
        {"config_rule_options", test_rule_options},
        {"config_per_file_ignores", test_per_file_ignores},
        {"config_did_you_mean", test_did_you_mean},
        {"config_missing_file_is_empty", test_missing_file_is_empty},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
