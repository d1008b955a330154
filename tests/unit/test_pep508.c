/* test_pep508.c - PEP 508 requirements and environment markers: parsing,
 * errors with columns, marker evaluation against the default and custom
 * environments, extras. */
#include "unit.h"

#include "deps/pep508.h"

typedef struct Parsed {
    Arena arena;
    Pep508Requirement req;
    KraitError err;
    int rc;
} Parsed;

static void parse_req(Parsed *p, const char *text)
{
    arena_init(&p->arena);
    error_clear(&p->err);
    p->rc = pep508_parse(text, strlen(text), &p->arena, &p->req, &p->err);
}

/* Evaluates a marker in env; -1 on a parse or evaluation error. */
static int eval_marker(const char *text, const Pep508Env *env)
{
    Arena arena;
    arena_init(&arena);
    Pep508Marker *m;
    KraitError err;
    bool r = false;
    int rc = pep508_marker_parse(text, strlen(text), &arena, &m, &err);
    if (rc == 0) rc = pep508_marker_evaluate(m, env, &r, &err);
    arena_free(&arena);
    return rc < 0 ? -1 : r;
}

static void test_name_extras_specifiers(UnitContext *t)
{
    Parsed p;
    parse_req(&p, "  Requests_Oauth[Socks, security] >= 2.8.1, == 2.8.* ");
    CHECK_INT(t, p.rc, 0);
    CHECK_STR(t, p.req.name, "Requests_Oauth");
    CHECK_STR(t, p.req.normalized, "requests-oauth");
    CHECK_INT(t, p.req.n_extras, 2);
    if (p.req.n_extras == 2) {
        CHECK_STR(t, p.req.extras[0], "Socks");
        CHECK_STR(t, p.req.extras[1], "security");
    }
    CHECK_INT(t, p.req.specifiers.n, 2);
    CHECK(t, p.req.url == NULL && p.req.marker == NULL);
    CHECK(t, pep440_specset_contains(&p.req.specifiers, "2.8.5", 5, PEP440_PRE_AUTO, false));
    CHECK(t, !pep440_specset_contains(&p.req.specifiers, "2.9", 3, PEP440_PRE_AUTO, false));
    arena_free(&p.arena);

    parse_req(&p, "name (>=1.0, <2)");
    CHECK_INT(t, p.rc, 0);
    CHECK_INT(t, p.req.specifiers.n, 2);
    arena_free(&p.arena);

    parse_req(&p, "name");
    CHECK_INT(t, p.rc, 0);
    CHECK_INT(t, p.req.specifiers.n, 0);
    CHECK_INT(t, p.req.n_extras, 0);
    arena_free(&p.arena);

    parse_req(&p, "name[]>=1,");
    CHECK_INT(t, p.rc, 0);
    CHECK_INT(t, p.req.specifiers.n, 1);
    arena_free(&p.arena);

    parse_req(&p, "name===1.0-custom");
    CHECK_INT(t, p.rc, 0);
    CHECK(t, p.req.specifiers.n == 1 && p.req.specifiers.specs[0].op == PEP440_OP_ARBITRARY);
    arena_free(&p.arena);
}

static void test_url_requirements(UnitContext *t)
{
    Parsed p;
    parse_req(&p, "pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee ; python_version >= '3'");
    CHECK_INT(t, p.rc, 0);
    CHECK_STR(t, p.req.url, "https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee");
    CHECK(t, p.req.marker != NULL);
    CHECK_INT(t, p.req.specifiers.n, 0);
    arena_free(&p.arena);

    parse_req(&p, "name[fred]@file:///local/path");
    CHECK_INT(t, p.rc, 0);
    CHECK_STR(t, p.req.url, "file:///local/path");
    arena_free(&p.arena);

    /* Without a space the ';' belongs to the URL, as in packaging. */
    parse_req(&p, "name @ git+https://x.org/r.git;python_version<'3'");
    CHECK_INT(t, p.rc, 0);
    CHECK_STR(t, p.req.url, "git+https://x.org/r.git;python_version<'3'");
    CHECK(t, p.req.marker == NULL);
    arena_free(&p.arena);
}

static void test_errors_with_column(UnitContext *t)
{
    static const struct { const char *text; int col; const char *why; } cases[] = {
        {"", 1, "expected a package name"},
        {">=1.0", 1, "expected a package name"},
        {"name-", 5, "expected a version specifier"},
        {"name[a,]", 8, "expected an extra name"},
        {"name[a", 7, "to close '[' at column 5"},
        {"name >= 1.0 and", 13, "unexpected text after the version specifier"},
        {"name>=1.0,,<2", 11, "expected a version specifier"},
        {"name (>=1.0", 12, "expected ')' to close '(' at column 6"},
        {"name @ ", 8, "expected a URL"},
        {"name @ foo", 8, "with a scheme"},
        {"name @ https://x/y extra", 20, "after the URL"},
        {"name; python_version", 21, "expected a marker operator"},
        {"name; python_versio < '3'", 7, "unknown marker variable 'python_versio'"},
        {"name; os_name == 'nt", 18, "unterminated string"},
        {"name; (os_name == 'nt'", 23, "expected ')' to close '(' at column 7"},
        {"name; os_name == 'nt' xor", 23, "expected 'and', 'or'"},
        {"name; os_name not 'nt'", 19, "expected 'in' after 'not'"},
        {"name>=1.0+local", 7, "local version label"},
        {"name==1.0.*.1", 12, "unexpected text"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Parsed p;
        parse_req(&p, cases[i].text);
        if (p.rc != -1 || p.err.col != cases[i].col || !strstr(p.err.message, cases[i].why)) {
            char msg[400];
            snprintf(msg, sizeof msg, "'%.60s': rc %d col %d: %.200s", cases[i].text, p.rc, p.err.col, p.err.message);
            unit_fail(t, __FILE__, __LINE__, msg);
        }
        arena_free(&p.arena);
    }
}

static void test_nesting_limit(UnitContext *t)
{
    char text[400] = "name; ";
    for (int k = 0; k < PEP508_MARKER_DEPTH_MAX + 1; k++) strcat(text, "(");
    strcat(text, "os_name == 'nt'");
    for (int k = 0; k < PEP508_MARKER_DEPTH_MAX + 1; k++) strcat(text, ")");
    Parsed p;
    parse_req(&p, text);
    CHECK_INT(t, p.rc, -1);
    CHECK(t, strstr(p.err.message, "nested too deeply") != NULL);
    arena_free(&p.arena);
    /* One level fewer is fine. */
    char ok[400] = "";
    for (int k = 0; k < PEP508_MARKER_DEPTH_MAX; k++) strcat(ok, "(");
    strcat(ok, "os_name == 'posix'");
    for (int k = 0; k < PEP508_MARKER_DEPTH_MAX; k++) strcat(ok, ")");
    Pep508Env env;
    pep508_env_default(&env);
    CHECK_INT(t, eval_marker(ok, &env), 1);
}

static void test_marker_default_env(UnitContext *t)
{
    static const struct { const char *marker; int want; } cases[] = {
        {"python_version >= '3.8'", 1}, {"python_version < '3.8'", 0},
        {"python_version > '3.9'", 1},            /* PEP 440, not string order ("3.12" < "3.9") */
        {"python_full_version == '3.12.*'", 1}, {"python_version ~= '3.10'", 1},
        {"'3.13' > python_version", 1},           /* variable on the right */
        {"sys_platform == 'linux'", 1}, {"sys_platform == 'win32'", 0},
        {"platform_system != 'Windows' and platform_machine == 'x86_64'", 1},
        {"os_name == 'nt' or implementation_name == 'cpython'", 1},
        {"os_name == 'nt' or os_name == 'java' and python_version > '2'", 0},
        {"(os_name == 'nt' or os_name == 'posix') and python_version > '2'", 1},
        {"'linux' in sys_platform", 1}, {"'lin' in sys_platform", 1}, {"'win' not in sys_platform", 1},
        {"platform_python_implementation=='CPython'and python_version>'3'", 1},
        {"os.name == 'posix' and sys.platform == 'linux'", 1},
        {"implementation_version >= '3.12.0rc1'", 1},   /* pre-releases take part */
        {"platform_release >= '5'", 0},                /* "" by default: string comparison */
        {"os_name > 'nt'", 1},                         /* "posix" > "nt" as strings */
        {"extra == 'test'", 0}, {"extra != 'test'", 1},
        {"\"a\" == \"a\"", 1}, {"os_name === 'POSIX'", 1},
        {"os_name ~= 'nt'", -1},                        /* undefined: not versions */
    };
    Pep508Env env;
    pep508_env_default(&env);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int got = eval_marker(cases[i].marker, &env);
        if (got != cases[i].want) {
            char msg[300];
            snprintf(msg, sizeof msg, "'%s': got %d, want %d", cases[i].marker, got, cases[i].want);
            unit_fail(t, __FILE__, __LINE__, msg);
        }
    }
}

static void test_marker_custom_env_and_extras(UnitContext *t)
{
    Pep508Env env;
    pep508_env_default(&env);
    CHECK_INT(t, pep508_env_set(&env, "python_version", "2.7"), 0);
    CHECK_INT(t, pep508_env_set(&env, "sys_platform", "win32"), 0);
    CHECK_INT(t, pep508_env_set(&env, "bogus", "x"), -1);
    CHECK_INT(t, pep508_env_set(&env, "extra", "x"), -1);
    CHECK_INT(t, eval_marker("python_version < '3' and sys_platform == 'win32'", &env), 1);
    const char *extras[] = {"Test_Suite", "docs"};
    env.extras = extras;
    env.n_extras = 2;
    CHECK_INT(t, eval_marker("extra == 'test-suite'", &env), 1);   /* PEP 685 normalisation */
    CHECK_INT(t, eval_marker("extra == 'docs' and python_version < '3'", &env), 1);
    CHECK_INT(t, eval_marker("extra == 'gui'", &env), 0);
    CHECK_INT(t, eval_marker("extra == 'docs' and extra == 'test-suite'", &env), 0);  /* one extra at a time */

    Parsed p;
    parse_req(&p, "pytest ; extra == 'test_suite'");
    bool applies = false;
    KraitError err;
    CHECK_INT(t, pep508_requirement_applies(&p.req, &env, &applies, &err), 0);
    CHECK(t, applies);
    env.n_extras = 0;
    CHECK_INT(t, pep508_requirement_applies(&p.req, &env, &applies, &err), 0);
    CHECK(t, !applies);
    arena_free(&p.arena);
}

static void test_marker_format(UnitContext *t)
{
    static const struct { const char *in, *out; } cases[] = {
        {"python_version>'3' and (os_name=='nt' or extra=='x')",
         "python_version > \"3\" and (os_name == \"nt\" or extra == \"x\")"},
        {"(a_b)", ""},
        {"'a' not  in os.name", "\"a\" not in os_name"},
        {"os_name == '\"'", "os_name == '\"'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Arena arena;
        arena_init(&arena);
        Pep508Marker *m;
        KraitError err;
        int rc = pep508_marker_parse(cases[i].in, strlen(cases[i].in), &arena, &m, &err);
        if (!cases[i].out[0]) {
            CHECK_INT(t, rc, -1);
        } else {
            char buf[200];
            CHECK_INT(t, rc, 0);
            if (rc == 0) {
                pep508_marker_format(m, buf, sizeof buf);
                CHECK_STR(t, buf, cases[i].out);
            }
        }
        arena_free(&arena);
    }
}

static void test_variable_names(UnitContext *t)
{
    for (int v = 0; v < PEP508_VAR_COUNT; v++) {
        const char *name = pep508_var_name((Pep508Var)v);
        CHECK_INT(t, pep508_var_lookup(name, strlen(name)), v);
    }
    CHECK_INT(t, pep508_var_lookup("sys.platform", 12), PEP508_VAR_SYS_PLATFORM);
    CHECK_INT(t, pep508_var_lookup("python_implementation", 21), PEP508_VAR_PLATFORM_PYTHON_IMPLEMENTATION);
    CHECK_INT(t, pep508_var_lookup("python_versions", 15), -1);
    CHECK_INT(t, pep508_var_lookup("python_version", 6), -1);   /* a prefix is not a name */
    Pep508Env env;
    pep508_env_default(&env);
    CHECK_STR(t, env.value[PEP508_VAR_PYTHON_VERSION], "3.12");
    CHECK_STR(t, env.value[PEP508_VAR_PLATFORM_MACHINE], "x86_64");
    CHECK_STR(t, env.value[PEP508_VAR_SYS_PLATFORM], "linux");
    CHECK_INT(t, env.n_extras, 0);
}

static void test_evaluation_error_column(UnitContext *t)
{
    Parsed p;
    parse_req(&p, "x; python_version > '3' and os_name ~= 'nt'");
    CHECK_INT(t, p.rc, 0);
    Pep508Env env;
    pep508_env_default(&env);
    bool r;
    KraitError err;
    error_clear(&err);
    CHECK_INT(t, pep508_requirement_applies(&p.req, &env, &r, &err), -1);
    CHECK_INT(t, err.col, 29);
    CHECK(t, strstr(err.message, "'~=' needs PEP 440 versions") != NULL);
    arena_free(&p.arena);
}

static unsigned long long xorshift(unsigned long long *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

/* Random strings built from requirement fragments: every outcome is
 * either a parse with a marker that evaluates (or reports an undefined
 * comparison), or an error whose column lies inside the text (or just past
 * it). Nothing may crash; this also runs under ASan/UBSan. */
static void test_random_robustness(UnitContext *t)
{
    static const char *const pieces[] = {
        "name", "a", "[", "]", "(", ")", ",", ";", "@", " ", "\t", ">=", "==", "~=", "===", "!=", "<", ">",
        "1.0", "2.*", "+x", "'", "\"", "python_version", "extra", "os_name", "and", "or", "not", "in",
        "'3.8'", "\"nt\"", "https://x.org/p", "file:///p", "-", "_", ".", "x", "\x80",
    };
    unsigned long long state = 0x2545f4914f6cdd1dull;
    Pep508Env env;
    pep508_env_default(&env);
    int parsed = 0, with_marker = 0;
    static const char *const vars[] = {"python_version", "os_name", "extra", "'3.9'", "\"posix\""};
    static const char *const ops[] = {" == ", " < ", ">=", " in ", " not in ", "~=", "==="};
    for (int n = 0; n < 20000; n++) {
        char text[512] = "";
        if (n % 2 == 0) {
            /* Structured: a marker of 1-3 comparisons, then maybe one random piece. */
            strcat(text, "name>=1.0; ");
            size_t terms = 1 + xorshift(&state) % 3;
            for (size_t k = 0; k < terms; k++) {
                if (k) strcat(text, xorshift(&state) % 2 ? " and " : " or ");
                strcat(text, vars[xorshift(&state) % 5]);
                strcat(text, ops[xorshift(&state) % 7]);
                strcat(text, vars[xorshift(&state) % 5]);
            }
            if (xorshift(&state) % 2) strcat(text, pieces[xorshift(&state) % (sizeof pieces / sizeof pieces[0])]);
        } else {
            size_t count = 1 + xorshift(&state) % 9;
            for (size_t k = 0; k < count; k++)
                strcat(text, pieces[xorshift(&state) % (sizeof pieces / sizeof pieces[0])]);
        }
        Parsed p;
        parse_req(&p, text);
        if (p.rc < 0) {
            if (p.err.col < 1 || p.err.col > (int)strlen(text) + 1) {
                char msg[300];
                snprintf(msg, sizeof msg, "'%.100s': column %d out of range", text, p.err.col);
                unit_fail(t, __FILE__, __LINE__, msg);
            }
        } else {
            parsed++;
            bool r;
            KraitError err;
            if (p.req.marker) {
                with_marker++;
                if (pep508_marker_evaluate(p.req.marker, &env, &r, &err) < 0 && !strstr(err.message, "'~='"))
                    unit_fail(t, __FILE__, __LINE__, "evaluation failed for another reason than '~='");
            }
        }
        arena_free(&p.arena);
    }
    CHECK(t, parsed > 500 && with_marker > 20);   /* the generator must reach the success paths */
}

/* ---- --compare (tests/diff/pep508-oracle.test) -----------------------------
 * One query per line: "R<TAB>requirement" prints
 *   ok<TAB>name<TAB>normalized<TAB>extras,..<TAB>clause,..<TAB>url-or-empty<TAB>marker
 * where marker is 1/0 (evaluated in the default environment), "none" or
 * "error"; or "invalid<TAB>column". */
static void answer_query(const char *text, Arena *arena)
{
    Pep508Requirement req;
    KraitError err;
    if (pep508_parse(text, strlen(text), arena, &req, &err) < 0) {
        printf("invalid\t%d\n", err.col);
        return;
    }
    printf("ok\t%s\t%s\t", req.name, req.normalized);
    for (size_t k = 0; k < req.n_extras; k++) printf("%s%s", k ? "," : "", req.extras[k]);
    putchar('\t');
    for (size_t k = 0; k < req.specifiers.n; k++) {
        char buf[300];
        pep440_spec_format(&req.specifiers.specs[k], buf, sizeof buf);
        printf("%s%s", k ? "," : "", buf);
    }
    printf("\t%s\t", req.url ? req.url : "");
    Pep508Env env;
    pep508_env_default(&env);
    bool r;
    if (!req.marker) puts("none");
    else if (pep508_marker_evaluate(req.marker, &env, &r, &err) < 0) puts("error");
    else printf("%d\n", r);
}

static int run_compare(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "test_pep508: cannot open %s\n", path);
        return 2;
    }
    Arena arena;
    arena_init(&arena);
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "R\t", 2) == 0) answer_query(line + 2, &arena);
        else puts("bad-query");
        arena_reset(&arena);
    }
    arena_free(&arena);
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--compare")) return run_compare(argv[2]);
    static const UnitTest tests[] = {
        {"name_extras_specifiers", test_name_extras_specifiers},
        {"url_requirements", test_url_requirements},
        {"errors_with_column", test_errors_with_column},
        {"nesting_limit", test_nesting_limit},
        {"marker_default_env", test_marker_default_env},
        {"marker_custom_env_and_extras", test_marker_custom_env_and_extras},
        {"marker_format", test_marker_format},
        {"variable_names", test_variable_names},
        {"evaluation_error_column", test_evaluation_error_column},
        {"random_robustness", test_random_robustness},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
