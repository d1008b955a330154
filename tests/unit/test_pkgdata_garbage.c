/* test_pkgdata_garbage.c - the parsers of the package-data modules on
 * random input drawn from each grammar's own alphabet: every call returns 0
 * or -1, never crashes (the sanitizer build checks memory), and every error
 * carries a message and a column inside the input (or just past it). The
 * generator is seeded, so a failure reproduces. */
#include "unit.h"

#include "deps/license.h"
#include "deps/metadata.h"
#include "deps/typosquat.h"
#include "project/python_eol.h"
#include "project/pytarget.h"

#include <stdint.h>
#include <stdlib.h>

enum { ROUNDS = 20000, INPUT_MAX = 64 };

static uint64_t next_random(uint64_t *state)
{
    /* xorshift64* */
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return *state * 2685821657736338717ull;
}

/* Fills buf with up to INPUT_MAX characters from alphabet (or any byte one
 * time in eight) and returns the length. */
static size_t random_input(uint64_t *state, const char *alphabet, char *buf)
{
    size_t len = next_random(state) % INPUT_MAX;
    size_t n = strlen(alphabet);
    for (size_t i = 0; i < len; i++) {
        uint64_t r = next_random(state);
        buf[i] = (r & 7) == 0 ? (char)(1 + (r >> 8) % 255) : alphabet[(r >> 8) % n];
    }
    buf[len] = '\0';
    return len;
}

static int error_ok(const KraitError *err, size_t len)
{
    return err->message[0] != '\0' && err->col >= 0 && (size_t)err->col <= len + 1;
}

static void test_license_expressions(UnitContext *t)
{
    static const char *const words[] = {"MIT", "Apache-2.0", "AND", "OR", "WITH", "with", "(", ")", "+",
                                        "GPL-2.0", "Classpath-exception-2.0", "LicenseRef-x", " ", ":", "DocumentRef-"};
    uint64_t state = 0x9e3779b97f4a7c15ull;
    Arena arena;
    arena_init(&arena);
    unsigned parsed = 0, bad = 0;
    for (int round = 0; round < ROUNDS; round++) {
        char buf[INPUT_MAX * 32] = "";
        size_t len = 0, count = next_random(&state) % 10;
        for (size_t i = 0; i < count; i++) {
            const char *w = words[next_random(&state) % (sizeof words / sizeof words[0])];
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", w, next_random(&state) & 1 ? " " : "");
        }
        LicenseNode *node;
        KraitError err;
        error_clear(&err);
        if (license_expr_parse(&arena, buf, len, &node, &err) == 0) {
            parsed++;
            StrBuf sb;
            strbuf_init(&sb);
            license_expr_format(node, &sb);
            /* the canonical form parses again to itself */
            LicenseNode *again;
            StrBuf sb2;
            strbuf_init(&sb2);
            if (license_expr_parse(&arena, sb.data, sb.len, &again, &err) != 0) bad++;
            else {
                license_expr_format(again, &sb2);
                if (strcmp(sb.data, sb2.data) != 0) bad++;
            }
            strbuf_free(&sb);
            strbuf_free(&sb2);
        } else if (!error_ok(&err, len)) {
            bad++;
        }
        arena_reset(&arena);
    }
    arena_free(&arena);
    CHECK_INT(t, bad, 0);
    CHECK(t, parsed > 50);   /* the generator does reach valid expressions */
}

static void test_constraints_and_versions(UnitContext *t)
{
    uint64_t state = 12345;
    unsigned bad = 0, parsed = 0;
    for (int round = 0; round < ROUNDS; round++) {
        char buf[INPUT_MAX + 1];
        size_t len = random_input(&state, "0123456789.,*<>=!~^| \t3.abrcx", buf);
        PythonTarget target;
        KraitError err;
        error_clear(&err);
        if (python_constraint_lowest(buf, len, &target, &err) == 0) parsed++;
        else if (!error_ok(&err, len)) bad++;
        int major, minor;
        error_clear(&err);
        if (python_version_parse_line(buf, len, &major, &minor, &err) < 0 && !error_ok(&err, len)) bad++;
    }
    CHECK_INT(t, bad, 0);
    CHECK(t, parsed > 20);
}

static void test_metadata_and_declarations(UnitContext *t)
{
    static const PyTargetFile kinds[] = {
        PYFILE_PYPROJECT, PYFILE_SETUP_CFG, PYFILE_SETUP_PY, PYFILE_PYTHON_VERSION,
        PYFILE_RUNTIME_TXT, PYFILE_DOCKERFILE, PYFILE_TOX_INI, PYFILE_GITHUB_WORKFLOW,
        PYFILE_PIPFILE, PYFILE_TOOL_VERSIONS, PYFILE_CONDA_ENV, PYFILE_GITLAB_CI,
    };
    uint64_t state = 777;
    Arena arena;
    arena_init(&arena);
    unsigned bad = 0;
    for (int round = 0; round < ROUNDS; round++) {
        char buf[INPUT_MAX + 1];
        size_t len = random_input(&state, "ab: \t\n\r|#[]=\"'{},-$py3.1FROMARGpython_requiresenvlistimage:tool.black", buf);
        DistMetadata m;
        KraitError err;
        error_clear(&err);
        if (metadata_parse(&arena, "M", buf, len, &m, &err) < 0 && (err.message[0] == '\0' || err.line < 1)) bad++;
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
            PyTargetList list = {NULL, 0, 0};
            error_clear(&err);
            if (pytarget_read(&arena, kinds[k], "f", buf, len, &list, &err) < 0 &&
                (err.message[0] == '\0' || err.line < 1))
                bad++;
            for (size_t i = 0; i < list.count; i++)
                if (list.items[i].line < 1 || list.items[i].col < 1) bad++;
        }
        arena_reset(&arena);
    }
    arena_free(&arena);
    CHECK_INT(t, bad, 0);
}

static void test_typosquat_names(UnitContext *t)
{
    TyposquatIndex *ix = typosquat_index_new();
    uint64_t state = 4242;
    unsigned bad = 0;
    for (int round = 0; round < ROUNDS; round++) {
        char buf[INPUT_MAX + 1];
        size_t len = random_input(&state, "abcdefghijklmnopqrstuvwxyz0123456789-_.", buf);
        TyposquatResult r;
        KraitError err;
        error_clear(&err);
        int rc = typosquat_check(ix, buf, len, &r, &err);
        if (rc < 0 && !error_ok(&err, len)) bad++;
        if (rc == 0 && r.suspicious && (!r.imitated || r.popular)) bad++;
    }
    typosquat_index_free(ix);
    CHECK_INT(t, bad, 0);
}

int main(int argc, char **argv)
{
    static const UnitTest tests[] = {
        {"license_expressions", test_license_expressions},
        {"constraints_and_versions", test_constraints_and_versions},
        {"metadata_and_declarations", test_metadata_and_declarations},
        {"typosquat_names", test_typosquat_names},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
