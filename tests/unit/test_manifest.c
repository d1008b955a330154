/* test_manifest.c - every manifest format, positions, and malformed input.
 * Fixtures are written to a temporary folder by the test itself. */
#include "unit.h"

#include "deps/manifest.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[64];

static const char *put(const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    char dir[512];
    snprintf(dir, sizeof dir, "%s", path);
    for (char *p = dir + strlen(tmpdir) + 1; *p; p++)
        if (*p == '/') { *p = '\0'; mkdir(dir, 0755); *p = '/'; }
    FILE *f = fopen(path, "w");
    if (f) { fputs(text, f); fclose(f); }
    return path;
}

static const Dep *find(const DepList *l, const char *field_value)
{
    for (size_t i = 0; i < l->n; i++) {
        const Dep *d = &l->items[i];
        if ((d->name && strcmp(d->name, field_value) == 0) || (d->spec && strcmp(d->spec, field_value) == 0))
            return d;
    }
    return NULL;
}

static void test_kinds(UnitContext *t)
{
    CHECK_INT(t, manifest_kind("a/pyproject.toml"), MANIFEST_PYPROJECT);
    CHECK_INT(t, manifest_kind("requirements-dev.txt"), MANIFEST_REQUIREMENTS);
    CHECK_INT(t, manifest_kind("x/requirements/base.txt"), MANIFEST_NONE);
    CHECK_INT(t, manifest_kind("requirements.in"), MANIFEST_REQUIREMENTS);
    CHECK_INT(t, manifest_kind("uv.lock"), MANIFEST_UV_LOCK);
    CHECK_INT(t, manifest_kind("pylock.dev.toml"), MANIFEST_PYLOCK);
    CHECK_INT(t, manifest_kind("Pipfile.lock"), MANIFEST_PIPFILE_LOCK);
    CHECK_INT(t, manifest_kind("setup.py"), MANIFEST_NONE);
}

static void test_poetry_constraints(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    KraitError err;
    CHECK_STR(t, manifest_poetry_to_pep440(&a, "^1.2.3", &err), ">=1.2.3,<2.0.0");
    CHECK_STR(t, manifest_poetry_to_pep440(&a, "^0.2.3", &err), ">=0.2.3,<0.3.0");
    CHECK_STR(t, manifest_poetry_to_pep440(&a, "^0.0.3", &err), ">=0.0.3,<0.0.4");
    CHECK_STR(t, manifest_poetry_to_pep440(&a, "^2", &err), ">=2,<3.0.0");
    CHECK_STR(t, manifest_poetry_to_pep440(&a, "~1.2.3", &err), ">=1.2.3,<1.3.0");
    CHECK_STR(t, manifest_poetry_to_pep440(&a, "~1", &err), ">=1,<2.0.0");
    CHECK_STR(t, manifest_poetry_to_pep440(&a, "*", &err), "");
    CHECK_STR(t, manifest_poetry_to_pep440(&a, "1.4.0", &err), "==1.4.0");
    CHECK_STR(t, manifest_poetry_to_pep440(&a, ">=1,<2", &err), ">=1,<2");
    CHECK_STR(t, manifest_poetry_to_pep440(&a, "~=1.4", &err), "~=1.4");
    CHECK(t, manifest_poetry_to_pep440(&a, "^1 || ^2", &err) == NULL);
    CHECK(t, strstr(err.message, "'or' constraints") != NULL);
    CHECK(t, manifest_poetry_to_pep440(&a, "^abc", &err) == NULL);
    arena_free(&a);
}

static void test_pyproject(UnitContext *t)
{
    const char *path = put("pyproject.toml",
        "[project]\n"
        "name = \"demo\"\n"
        "dependencies = [\n"
        "  \"django>=3.2\",\n"
        "  \"requests==2.19.0 ; python_version >= '3.8'\",\n"
        "]\n"
        "[project.optional-dependencies]\n"
        "yaml = [\"pyyaml==5.3\"]\n"
        "[dependency-groups]\n"
        "test = [\"pytest\", {include-group = \"lint\"}]\n"
        "lint = [\"ruff\"]\n"
        "[tool.poetry.dependencies]\n"
        "python = \"^3.9\"\n"
        "flask = \"^1.0\"\n"
        "jinja2 = {version = \"2.10\", optional = true}\n"
        "mylib = {git = \"https://example.invalid/mylib.git\"}\n"
        "[tool.poetry.group.dev.dependencies]\n"
        "black = \"*\"\n");
    Arena a;
    arena_init(&a);
    DepList l = {0};
    KraitError err;
    CHECK_INT(t, manifest_read(&a, path, MANIFEST_PYPROJECT, &l, &err), 0);
    CHECK_INT(t, l.n, 9);
    const Dep *d = find(&l, "django>=3.2");
    CHECK(t, d && d->line == 4 && d->col == 3);
    d = find(&l, "pyyaml==5.3");
    CHECK(t, d && d->group && strcmp(d->group, "yaml") == 0);
    CHECK(t, find(&l, "pytest") && find(&l, "ruff"));
    d = find(&l, "flask");
    CHECK(t, d && d->source == DEP_FROM_POETRY && d->line == 14);
    CHECK_STR(t, d ? d->spec : "", "flask >=1.0,<2.0.0");
    d = find(&l, "jinja2");
    CHECK_STR(t, d ? d->spec : "", "jinja2 ==2.10");
    d = find(&l, "mylib");
    CHECK(t, d && d->url && !d->spec);
    d = find(&l, "black");
    CHECK_STR(t, d ? d->spec : "", "black");
    CHECK(t, find(&l, "python") == NULL);

    DepList bad = {0};
    path = put("bad/pyproject.toml", "[project]\ndependencies = [\"a\",\n");
    CHECK_INT(t, manifest_read(&a, path, MANIFEST_PYPROJECT, &bad, &err), -1);
    CHECK(t, strstr(err.path, "bad/pyproject.toml") != NULL);
    CHECK(t, err.line >= 2);
    path = put("bad2/pyproject.toml", "[tool.poetry.dependencies]\nx = \"^1 || ^2\"\n");
    CHECK_INT(t, manifest_read(&a, path, MANIFEST_PYPROJECT, &bad, &err), -1);
    CHECK_INT(t, err.line, 2);
    arena_free(&a);
}

static void test_lock_files(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    KraitError err;
    DepList l = {0};
    const char *path = put("poetry.lock",
        "[[package]]\nname = \"django\"\nversion = \"3.2.0\"\n\n[[package]]\nname = \"idna\"\nversion = \"2.5\"\n");
    CHECK_INT(t, manifest_read(&a, path, MANIFEST_POETRY_LOCK, &l, &err), 0);
    CHECK_INT(t, l.n, 2);
    CHECK(t, l.n == 2 && strcmp(l.items[1].version, "2.5") == 0 && l.items[1].line == 6);

    DepList u = {0};
    path = put("uv.lock",
        "version = 1\n"
        "[[package]]\nname = \"demo\"\nversion = \"0.1.0\"\nsource = { editable = \".\" }\n"
        "[[package]]\nname = \"urllib3\"\nversion = \"1.24.1\"\nsource = { registry = \"https://pypi.org/simple\" }\n");
    CHECK_INT(t, manifest_read(&a, path, MANIFEST_UV_LOCK, &u, &err), 0);
    CHECK_INT(t, u.n, 2);
    CHECK(t, u.n == 2 && u.items[0].url != NULL && u.items[1].url == NULL);

    DepList p = {0};
    path = put("pylock.toml",
        "lock-version = \"1.0\"\n"
        "[[packages]]\nname = \"jinja2\"\nversion = \"2.10\"\n"
        "[[packages]]\nname = \"local\"\ndirectory = { path = \"./local\" }\n");
    CHECK_INT(t, manifest_read(&a, path, MANIFEST_PYLOCK, &p, &err), 0);
    CHECK_INT(t, p.n, 2);
    CHECK(t, p.n == 2 && p.items[1].url != NULL);

    DepList j = {0};
    path = put("Pipfile.lock",
        "{\n  \"_meta\": {},\n  \"default\": {\n    \"flask\": {\n      \"version\": \"==0.12\"\n    },\n"
        "    \"anything\": {\n      \"version\": \"*\"\n    }\n  },\n  \"develop\": {}\n}\n");
    CHECK_INT(t, manifest_read(&a, path, MANIFEST_PIPFILE_LOCK, &j, &err), 0);
    CHECK_INT(t, j.n, 2);
    const Dep *d = find(&j, "flask");
    CHECK(t, d && d->version && strcmp(d->version, "0.12") == 0 && d->line == 4 && d->col == 5);
    d = find(&j, "anything");
    CHECK(t, d && !d->version && d->spec);

    DepList bad = {0};
    path = put("x/poetry.lock", "[[package]]\nname = \"a\"\n");
    CHECK_INT(t, manifest_read(&a, path, MANIFEST_POETRY_LOCK, &bad, &err), -1);
    CHECK(t, strstr(err.message, "has no version") != NULL && err.line == 2);
    path = put("y/Pipfile.lock", "{\"default\": {\n  \"a\": ,\n}}");
    CHECK_INT(t, manifest_read(&a, path, MANIFEST_PIPFILE_LOCK, &bad, &err), -1);
    CHECK_INT(t, err.line, 2);
    arena_free(&a);
}

static void test_installed(UnitContext *t)
{
    put("venv/pyvenv.cfg", "home = /usr/bin\n");
    put("venv/lib/python3.11/site-packages/Django-3.2.dist-info/METADATA",
        "Metadata-Version: 2.1\nName: Django\nVersion: 3.2\nLicense: BSD-3-Clause\n"
        "Classifier: License :: OSI Approved :: BSD License\nClassifier: Framework :: Django\n\nBody: not a header\n");
    put("venv/lib/python3.11/site-packages/old.egg-info/PKG-INFO", "Name: old\nVersion: 0.1\n");
    put("venv/lib/python3.11/site-packages/broken-1.0.dist-info/METADATA", "Name: broken\n");
    char path[512];
    snprintf(path, sizeof path, "%s/venv", tmpdir);
    Arena a;
    arena_init(&a);
    DepList l = {0};
    KraitError err;
    CHECK_INT(t, manifest_read_installed(&a, path, &l, NULL, NULL, &err), 0);
    CHECK_INT(t, l.n, 2);
    const Dep *d = find(&l, "Django");
    CHECK(t, d && strcmp(d->version, "3.2") == 0 && d->n_classifiers == 2);
    CHECK(t, d && d->license && strcmp(d->license, "BSD-3-Clause") == 0);
    CHECK(t, find(&l, "old") != NULL);
    CHECK(t, find(&l, "Body") == NULL);
    CHECK_INT(t, manifest_read_installed(&a, "/nonexistent/venv", &l, NULL, NULL, &err), -1);
    arena_free(&a);
}

int main(int argc, char **argv)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/krait-manifest-XXXXXX");
    if (!mkdtemp(tmpdir)) return 2;
    static const UnitTest tests[] = {
        {"kinds", test_kinds},
        {"poetry_constraints", test_poetry_constraints},
        {"pyproject", test_pyproject},
        {"lock_files", test_lock_files},
        {"installed", test_installed},
        {NULL, NULL},
    };
    int rc = unit_main(tests, argc, argv);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) rc = 1;
    return rc;
}
