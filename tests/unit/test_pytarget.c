/* test_pytarget.c - the text-level readers of Python declarations: one test
 * per file kind with the forms real projects use, near misses that must not
 * be read, positions, and the errors a reader can raise. */
#include "unit.h"

#include "project/pytarget.h"

#include <stdlib.h>

/* Reads text as kind and renders the declarations as
 * "kind:text@line:col[!float]" joined by spaces, or "error@line:col". */
static void read_as(PyTargetFile kind, const char *text, char *out, size_t size)
{
    Arena arena;
    arena_init(&arena);
    PyTargetList list = {NULL, 0, 0};
    KraitError err;
    size_t n = 0;
    out[0] = '\0';
    if (pytarget_read(&arena, kind, "f", text, strlen(text), &list, &err) < 0) {
        snprintf(out, size, "error@%d:%d", err.line, err.col);
    } else {
        for (size_t i = 0; i < list.count && n < size; i++) {
            const PyTargetDecl *d = &list.items[i];
            n += (size_t)snprintf(out + n, size - n, "%s%c:%s@%d:%d%s", i ? " " : "",
                                  d->kind == PYTARGET_CONSTRAINT ? 'c' : 'v', d->text, d->line, d->col,
                                  d->yaml_float ? "!float" : "");
        }
    }
    arena_free(&arena);
}

#define EXPECT_READ(t, kind, text, want) \
    do { \
        char read_[1024]; \
        read_as((kind), (text), read_, sizeof read_); \
        CHECK_STR((t), read_, (want)); \
    } while (0)

static void test_file_kinds(UnitContext *t)
{
    CHECK_INT(t, pytarget_file_kind("a/pyproject.toml"), PYFILE_PYPROJECT);
    CHECK_INT(t, pytarget_file_kind("setup.cfg"), PYFILE_SETUP_CFG);
    CHECK_INT(t, pytarget_file_kind("x/setup.py"), PYFILE_SETUP_PY);
    CHECK_INT(t, pytarget_file_kind(".python-version"), PYFILE_PYTHON_VERSION);
    CHECK_INT(t, pytarget_file_kind("runtime.txt"), PYFILE_RUNTIME_TXT);
    CHECK_INT(t, pytarget_file_kind("docker/Dockerfile"), PYFILE_DOCKERFILE);
    CHECK_INT(t, pytarget_file_kind("Dockerfile.dev"), PYFILE_DOCKERFILE);
    CHECK_INT(t, pytarget_file_kind("api.Dockerfile"), PYFILE_DOCKERFILE);
    CHECK_INT(t, pytarget_file_kind("Containerfile"), PYFILE_DOCKERFILE);
    CHECK_INT(t, pytarget_file_kind("tox.ini"), PYFILE_TOX_INI);
    CHECK_INT(t, pytarget_file_kind("repo/.github/workflows/ci.yml"), PYFILE_GITHUB_WORKFLOW);
    CHECK_INT(t, pytarget_file_kind(".github/workflows/test.yaml"), PYFILE_GITHUB_WORKFLOW);
    CHECK_INT(t, pytarget_file_kind("ci.yml"), PYFILE_UNKNOWN);
    CHECK_INT(t, pytarget_file_kind("Pipfile"), PYFILE_PIPFILE);
    CHECK_INT(t, pytarget_file_kind(".tool-versions"), PYFILE_TOOL_VERSIONS);
    CHECK_INT(t, pytarget_file_kind("env/environment.yml"), PYFILE_CONDA_ENV);
    CHECK_INT(t, pytarget_file_kind(".gitlab-ci.yml"), PYFILE_GITLAB_CI);
    CHECK_INT(t, pytarget_file_kind("setup.py.bak"), PYFILE_UNKNOWN);
}

static void test_pyproject(UnitContext *t)
{
    EXPECT_READ(t, PYFILE_PYPROJECT,
                "[build-system]\nrequires = [\"setuptools\"]\n\n[project]\nname = \"x\"\n"
                "requires-python = \">=3.8\"  # comment\n[tool.ruff]\nrequires-python = \">=9\"\n",
                "c:>=3.8@6:20");
    EXPECT_READ(t, PYFILE_PYPROJECT, "[tool.poetry.dependencies]\npython = '^3.9'\nrequests = \"^2\"\n",
                "c:^3.9@2:11");
    EXPECT_READ(t, PYFILE_PYPROJECT, "[ project ]\n  requires-python='~=3.10'\n", "c:~=3.10@2:20");
    /* near misses: another table, another key, a non-string value */
    EXPECT_READ(t, PYFILE_PYPROJECT, "[tool.hatch]\nrequires-python = \">=3.6\"\n", "");
    EXPECT_READ(t, PYFILE_PYPROJECT, "[project]\nrequires-python-x = \">=3.6\"\n", "");
    EXPECT_READ(t, PYFILE_PYPROJECT, "[project]\nrequires-python = 3\n", "");
    EXPECT_READ(t, PYFILE_PYPROJECT, "[project]\nrequires-python = \">=3.6\n", "error@2:19");
}

static void test_tool_pins(UnitContext *t)
{
    EXPECT_READ(t, PYFILE_PYPROJECT,
                "[tool.ruff]\ntarget-version = \"py39\"\n[tool.black]\ntarget-version = ['py38', \"py39\"]\n"
                "[tool.mypy]\npython_version = \"3.7\"\n[tool.pyright]\npythonVersion = \"3.10\"\n",
                "v:py39@2:19 v:py38@4:20 v:py39@4:28 v:3.7@6:19 v:3.10@8:18");
    /* a multi-line array with comments and a trailing comma */
    EXPECT_READ(t, PYFILE_PYPROJECT, "[tool.black]\ntarget-version = [\n  \"py36\",  # old\n  \"py37\",\n]\nx = 1\n",
                "v:py36@3:4 v:py37@4:4");
    EXPECT_READ(t, PYFILE_PYPROJECT, "[tool.black]\ntarget-version = [\n  \"py36\",\n", "error@2:18");
    EXPECT_READ(t, PYFILE_PYPROJECT, "[tool.black]\ntarget-version = [1, 2]\n", "");
    /* Pipfile */
    EXPECT_READ(t, PYFILE_PIPFILE, "[packages]\nrequests = \"*\"\n\n[requires]\npython_version = \"3.8\"\n",
                "v:3.8@5:19");
    EXPECT_READ(t, PYFILE_PIPFILE, "[requires]\npython_full_version = \"3.9.7\"\n", "v:3.9.7@2:24");
    /* what declared each value */
    Arena arena;
    arena_init(&arena);
    PyTargetList list = {NULL, 0, 0};
    KraitError err;
    const char text[] = "[project]\nrequires-python = \">=3.9\"\n[tool.ruff]\ntarget-version = \"py39\"\n";
    CHECK_INT(t, pytarget_read(&arena, PYFILE_PYPROJECT, "p", text, sizeof text - 1, &list, &err), 0);
    CHECK_INT(t, list.count, 2);
    CHECK_STR(t, list.items[0].what, "requires-python");
    CHECK_STR(t, list.items[1].what, "target-version");
    arena_free(&arena);
}

static void test_other_files(UnitContext *t)
{
    EXPECT_READ(t, PYFILE_TOOL_VERSIONS, "nodejs 20.1.0\npython 3.12.1 3.8.18  # two\npythonx 3.1\n",
                "v:3.12.1@2:8 v:3.8.18@2:15");
    EXPECT_READ(t, PYFILE_CONDA_ENV,
                "name: x\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.10\n  - python-dateutil=2.8\n"
                "  - numpy\n",
                "v:3.10@5:12");
    EXPECT_READ(t, PYFILE_CONDA_ENV, "dependencies:\n  - python>=3.9,<3.12\n  - \"conda-forge::python 3.8.*\"\n",
                "c:>=3.9,<3.12@2:11 v:3.8.*@3:26");
    EXPECT_READ(t, PYFILE_CONDA_ENV, "dependencies:\n  - python==3.7.1\n", "c:==3.7.1@2:11");
    EXPECT_READ(t, PYFILE_GITLAB_CI,
                "image: python:3.11\ntest:\n  image:\n    name: \"python:3.8-slim\"\n"
                "lint:\n  image: node:18\nother:\n  image: python:$PY\n",
                "v:3.11@1:15 v:3.8-slim@4:19");
}

static void test_classifiers(UnitContext *t)
{
    EXPECT_READ(t, PYFILE_SETUP_PY,
                "setup(classifiers=[\n    'Programming Language :: Python :: 3',\n"
                "    'Programming Language :: Python :: 3 :: Only',\n"
                "    'Programming Language :: Python :: 3.6',\n"
                "    \"Programming Language :: Python :: 3.10\",\n"
                "    'Programming Language :: Python :: Implementation :: CPython',\n],\n"
                "    python_requires='>=3.6')\n",
                "v:3.6@4:40 v:3.10@5:40 c:>=3.6@8:22");
    EXPECT_READ(t, PYFILE_SETUP_CFG, "[metadata]\nclassifiers =\n    Programming Language :: Python :: 2.7\n",
                "v:2.7@3:39");
    EXPECT_READ(t, PYFILE_PYPROJECT,
                "[project]\nclassifiers = [\"Programming Language :: Python :: 3.8\", "
                "\"Programming Language :: Python :: 3.9\"]\n",
                "v:3.8@2:51 v:3.9@2:92");
    EXPECT_READ(t, PYFILE_SETUP_PY, "'Programming Language :: Python :: 3.6x'\n", "");
}

static void test_setup_cfg(UnitContext *t)
{
    EXPECT_READ(t, PYFILE_SETUP_CFG, "[metadata]\nname = x\n[options]\npackages = find:\npython_requires = >=3.7, <4\n",
                "c:>=3.7, <4@5:19");
    EXPECT_READ(t, PYFILE_SETUP_CFG, "[options]\npython-requires: >=3.9\n", "c:>=3.9@2:18");
    EXPECT_READ(t, PYFILE_SETUP_CFG, "[metadata]\npython_requires = >=2.7\n", "");
}

static void test_setup_py(UnitContext *t)
{
    EXPECT_READ(t, PYFILE_SETUP_PY,
                "from setuptools import setup\nsetup(\n    name='x',\n    python_requires=\">=3.6\",\n)\n",
                "c:>=3.6@4:22");
    EXPECT_READ(t, PYFILE_SETUP_PY, "kw = {\"python_requires\": '>=3.5'}\n", "c:>=3.5@1:27");
    EXPECT_READ(t, PYFILE_SETUP_PY, "setup(python_requires = r'>=3.10')\n", "c:>=3.10@1:27");
    /* a comment, a variable, another identifier, a comparison */
    EXPECT_READ(t, PYFILE_SETUP_PY, "# python_requires='>=2.7'\n", "");
    EXPECT_READ(t, PYFILE_SETUP_PY, "setup(python_requires=PY_REQ)\n", "");
    EXPECT_READ(t, PYFILE_SETUP_PY, "my_python_requires = '>=2.7'\n", "");
    EXPECT_READ(t, PYFILE_SETUP_PY, "if python_requires == '>=2.7': pass\n", "");
    EXPECT_READ(t, PYFILE_SETUP_PY, "setup(python_requires='>=3.6\n", "error@1:23");
}

static void test_version_files(UnitContext *t)
{
    EXPECT_READ(t, PYFILE_PYTHON_VERSION, "3.12.4\n", "v:3.12.4@1:1");
    EXPECT_READ(t, PYFILE_PYTHON_VERSION, "# pyenv\n3.11\n  pypy3.10-7.3.17  \nsystem\n\n",
                "v:3.11@2:1 v:pypy3.10-7.3.17@3:3");
    EXPECT_READ(t, PYFILE_RUNTIME_TXT, "\npython-3.11.6\npython-3.12.0\n", "v:python-3.11.6@2:1");
    EXPECT_READ(t, PYFILE_RUNTIME_TXT, "", "");
}

static void test_dockerfile(UnitContext *t)
{
    EXPECT_READ(t, PYFILE_DOCKERFILE, "FROM python:3.12-slim AS build\nRUN pip install x\nFROM python:3.11-alpine3.19\n",
                "v:3.12-slim@1:13 v:3.11-alpine3.19@3:13");
    EXPECT_READ(t, PYFILE_DOCKERFILE, "from --platform=linux/amd64 docker.io/library/python:3.10@sha256:abc as b\n",
                "v:3.10@1:54");
    EXPECT_READ(t, PYFILE_DOCKERFILE, "ARG PYTHON_VERSION=3.9\nFROM python:${PYTHON_VERSION}-bookworm\n",
                "v:3.9-bookworm@2:6");
    EXPECT_READ(t, PYFILE_DOCKERFILE, "ARG PY=\"3.8\"\nFROM python:$PY\n", "v:3.8@2:6");
    EXPECT_READ(t, PYFILE_DOCKERFILE, "FROM python:${PY:-3.7}-slim\n", "v:3.7-slim@1:6");
    /* no minor version, not the python image, no tag */
    EXPECT_READ(t, PYFILE_DOCKERFILE, "FROM python:latest\nFROM python:3-slim\nFROM python\n", "");
    EXPECT_READ(t, PYFILE_DOCKERFILE, "FROM mypython:3.6\nFROM cimg/node:3.6\nFROMAGE python:3.6\n", "");
    EXPECT_READ(t, PYFILE_DOCKERFILE, "FROM ghcr.io/acme/python:3.6\n", "v:3.6@1:26");
}

static void test_tox(UnitContext *t)
{
    EXPECT_READ(t, PYFILE_TOX_INI, "[tox]\nenvlist = py38, py39,py310, lint\n",
                "v:py38@2:11 v:py39@2:17 v:py310@2:22");
    EXPECT_READ(t, PYFILE_TOX_INI, "[tox]\nenvlist =\n    py{37,38}-django{32,40}\n    pypy3\n\n[testenv]\n",
                "v:py37@3:5 v:py38@3:5");
    EXPECT_READ(t, PYFILE_TOX_INI, "[testenv:old]\nbasepython = python3.6\n[tox]\nenvlist = py3.11-x\n",
                "v:python3.6@2:14 v:py3.11@4:11");
    EXPECT_READ(t, PYFILE_TOX_INI, "[testenv]\nenvlist = py36\n", "");
    EXPECT_READ(t, PYFILE_TOX_INI, "[tox]\nenvlist = py{38,39\n", "error@2:13");
    EXPECT_READ(t, PYFILE_TOX_INI, "[tox]\nenvlist = py38}\n", "error@2:15");
    EXPECT_READ(t, PYFILE_TOX_INI, "[tox]\nenvlist = py{3{8,9}}\n", "error@2:15");
}

static void test_github_workflow(UnitContext *t)
{
    EXPECT_READ(t, PYFILE_GITHUB_WORKFLOW,
                "jobs:\n  test:\n    strategy:\n      matrix:\n        python-version: [\"3.9\", '3.10', 3.11, 3.10]\n"
                "    steps:\n      - uses: actions/setup-python@v5\n        with:\n"
                "          python-version: ${{ matrix.python-version }}\n",
                "v:3.9@5:27 v:3.10@5:34 v:3.11@5:41 v:3.10@5:47!float");
    EXPECT_READ(t, PYFILE_GITHUB_WORKFLOW,
                "        python-version:\n          - \"3.8\"\n          # old\n          - 3.10  # float\n"
                "        os: [ubuntu-latest]\n        other:\n          - 3.6\n",
                "v:3.8@2:14 v:3.10@4:13!float");
    EXPECT_READ(t, PYFILE_GITHUB_WORKFLOW,
                "      - uses: actions/setup-python@v5\n        with:\n          python-version: '3.x'\n"
                "      - python-version: pypy-3.9\n      - python-version: \">=3.9 <3.12\"\n",
                "v:pypy-3.9@4:25 c:>=3.9 <3.12@5:26");
    EXPECT_READ(t, PYFILE_GITHUB_WORKFLOW, "python-version: [3.9, 3.10\n", "error@1:17");
    EXPECT_READ(t, PYFILE_GITHUB_WORKFLOW, "python-version: \"3.9\n", "error@1:17");
    EXPECT_READ(t, PYFILE_GITHUB_WORKFLOW, "python-versions: 3.6\n", "");
}

static void test_lowest(UnitContext *t)
{
    PythonTarget target;
    KraitError err;
    PyTargetDecl constraint = {PYTARGET_CONSTRAINT, "requires-python", ">=3.7, <4", 1, 1, 0};
    CHECK_INT(t, pytarget_lowest(&constraint, &target, &err), 0);
    CHECK(t, target.found && target.major == 3 && target.minor == 7);
    PyTargetDecl docker = {PYTARGET_VERSION, "image", "3.9-slim-bookworm", 1, 1, 0};
    CHECK_INT(t, pytarget_lowest(&docker, &target, &err), 0);
    CHECK(t, target.line == python_eol_find(3, 9));
    PyTargetDecl tox = {PYTARGET_VERSION, "envlist", "py310", 1, 1, 0};
    CHECK_INT(t, pytarget_lowest(&tox, &target, &err), 0);
    CHECK_INT(t, target.minor, 10);
    PyTargetDecl bad = {PYTARGET_VERSION, "image", "latest", 1, 1, 0};
    CHECK_INT(t, pytarget_lowest(&bad, &target, &err), -1);
    Arena arena;
    arena_init(&arena);
    PyTargetList list = {NULL, 0, 0};
    CHECK_INT(t, pytarget_read(&arena, PYFILE_UNKNOWN, "x.txt", "", 0, &list, &err), -1);
    arena_free(&arena);
}

int main(int argc, char **argv)
{
    static const UnitTest tests[] = {
        {"file_kinds", test_file_kinds},
        {"pyproject", test_pyproject},
        {"tool_pins", test_tool_pins},
        {"other_files", test_other_files},
        {"classifiers", test_classifiers},
        {"setup_cfg", test_setup_cfg},
        {"setup_py", test_setup_py},
        {"version_files", test_version_files},
        {"dockerfile", test_dockerfile},
        {"tox", test_tox},
        {"github_workflow", test_github_workflow},
        {"lowest", test_lowest},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
