/* pytarget.h - where a project declares the Python it targets, read at the
 * text level (no TOML, INI or YAML parser needed for these few keys):
 *   pyproject.toml   [project] requires-python, [tool.poetry.dependencies] python,
 *                    tool pins: [tool.ruff]/[tool.black] target-version,
 *                    [tool.mypy] python_version, [tool.pyright] pythonVersion
 *   Pipfile          [requires] python_version, python_full_version
 *   setup.cfg        [options] python_requires
 *   setup.py         python_requires="..." (a string literal)
 *   .python-version  one version per line
 *   runtime.txt      python-X.Y.Z
 *   Dockerfile       FROM python:TAG (ARG defaults substituted)
 *   tox.ini          [tox] envlist (brace groups expanded), basepython
 *   setup.py, setup.cfg, pyproject.toml: "Programming Language :: Python :: X.Y"
 *   GitHub Actions   python-version: scalar, flow list or block list
 *   .tool-versions   python X.Y.Z ...
 *   environment.yml  - python=3.10 (conda match specs)
 *   .gitlab-ci.yml   image: python:TAG
 * Each declaration keeps its text, line and column so findings point at
 * it; python_eol.h interprets the text. Declarations live in the arena. */
#ifndef KRAIT_PYTARGET_H
#define KRAIT_PYTARGET_H

#include "base/arena.h"
#include "base/error.h"
#include "project/python_eol.h"

#include <stddef.h>

typedef enum PyTargetFile {
    PYFILE_UNKNOWN,
    PYFILE_PYPROJECT,
    PYFILE_SETUP_CFG,
    PYFILE_SETUP_PY,
    PYFILE_PYTHON_VERSION,
    PYFILE_RUNTIME_TXT,
    PYFILE_DOCKERFILE,
    PYFILE_TOX_INI,
    PYFILE_GITHUB_WORKFLOW,
    PYFILE_PIPFILE,
    PYFILE_TOOL_VERSIONS,
    PYFILE_CONDA_ENV,
    PYFILE_GITLAB_CI,
} PyTargetFile;

typedef enum PyTargetKind {
    PYTARGET_CONSTRAINT,   /* a specifier such as ">=3.8" or "^3.10" */
    PYTARGET_VERSION,      /* one version such as "3.12", "3.11-slim", "py310" */
} PyTargetKind;

typedef struct PyTargetDecl {
    PyTargetKind kind;
    const char *what;      /* the key or construct that declared it: "requires-python", "image", "envlist"... */
    const char *text;      /* as written (after ARG substitution or brace expansion) */
    int line, col;         /* 1-based position of the value */
    /* GitHub Actions: an unquoted value such as 3.10 that YAML reads as the
     * number 3.1; text keeps what was written. */
    int yaml_float;
} PyTargetDecl;

typedef struct PyTargetList {
    PyTargetDecl *items;
    size_t count, cap;
} PyTargetList;

/* The kind of file by its path (base name, and .github/workflows/ for
 * workflows); PYFILE_UNKNOWN for any other. */
PyTargetFile pytarget_file_kind(const char *path);

/* Appends the declarations found in text to out. path names the file in
 * errors. Fails only on text the reader cannot follow (an unterminated
 * string or brace group), naming line and column. */
int pytarget_read(Arena *arena, PyTargetFile kind, const char *path, const char *text, size_t len,
                  PyTargetList *out, KraitError *err);

/* Interprets one declaration as the lowest CPython line it admits. */
int pytarget_lowest(const PyTargetDecl *decl, PythonTarget *out, KraitError *err);

#endif
