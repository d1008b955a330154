/* test_semantic.c - the semantic layer: qualified names through imports,
 * aliases, relative imports and scopes; constant evaluation; and the
 * password and SQL helpers of the rules engine. Each test parses a small
 * module and queries the model at the first call (or expression) found on
 * a given line, entering the scopes on the way as the rules walk does. */
#include "unit.h"

#include "python/parser.h"
#include "python/visit.h"
#include "rules/check.h"
#include "semantic/semantic.h"

typedef struct Probe {
    SemanticModel *sem;
    uint32_t line;
    uint16_t kind;
    const AstNode *found;
} Probe;

static int probe_enter(const AstNode *node, const AstNode *parent, void *ctx)
{
    (void)parent;
    Probe *p = ctx;
    if (node->kind == p->kind && node->lineno == p->line) {
        p->found = node;
        return VISIT_STOP;
    }
    semantic_enter(p->sem, node);
    return VISIT_CONTINUE;
}

static int probe_leave(const AstNode *node, const AstNode *parent, void *ctx)
{
    (void)parent;
    semantic_leave(((Probe *)ctx)->sem, node);
    return VISIT_CONTINUE;
}

/* Parses src, builds the model and leaves its current scope at the first
 * node of kind on line; returns that node (NULL on failure). */
static const AstNode *setup(Arena *a, const char *src, const char *module, bool is_pkg, uint32_t line,
                            uint16_t kind, SemanticModel **sem)
{
    ParseResult pr;
    KraitError err;
    if (parser_parse_module(a, "t.py", src, strlen(src), &pr, &err) < 0) return NULL;
    *sem = semantic_build(a, pr.module, module, is_pkg);
    Probe p = {*sem, line, kind, NULL};
    ast_visit(pr.module, probe_enter, probe_leave, &p);
    return p.found;
}

/* The qualified callee of the first call on line, or "?" when it has none. */
static const char *callee(Arena *a, const char *src, const char *module, uint32_t line, char *buf, size_t n)
{
    SemanticModel *sem;
    const AstNode *call = setup(a, src, module, false, line, AST_Call, &sem);
    if (!call) return "(no call)";
    if (semantic_qualified_name(sem, AST_AS(Call, call)->func, buf, n) < 0) return "?";
    return buf;
}

static void test_imports(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    char b[256];
    CHECK_STR(t, callee(&a, "import a.b as c\nc.f()\n", NULL, 2, b, sizeof b), "a.b.f");
    CHECK_STR(t, callee(&a, "from m import n as x\nx()\n", NULL, 2, b, sizeof b), "m.n");
    CHECK_STR(t, callee(&a, "import x\nx.y.z()\n", NULL, 2, b, sizeof b), "x.y.z");
    CHECK_STR(t, callee(&a, "import os.path\nos.path.join()\n", NULL, 2, b, sizeof b), "os.path.join");
    CHECK_STR(t, callee(&a, "eval('1')\n", NULL, 1, b, sizeof b), "eval");
    CHECK_STR(t, callee(&a, "import requests\ns = requests.Session()\ns.get(u)\n", NULL, 3, b, sizeof b),
              "requests.Session().get");
    CHECK_STR(t, callee(&a, "import subprocess\np = subprocess.Popen\np('ls')\n", NULL, 3, b, sizeof b),
              "subprocess.Popen");
    CHECK_STR(t, callee(&a, "import requests\nwith requests.Session() as s:\n    s.get(u)\n", NULL, 3, b, sizeof b),
              "requests.Session().get");
    arena_free(&a);
}

static void test_relative_imports(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    char b[256];
    CHECK_STR(t, callee(&a, "from . import x\nx.f()\n", "pkg.sub.mod", 2, b, sizeof b), "pkg.sub.x.f");
    CHECK_STR(t, callee(&a, "from ..util import h\nh()\n", "pkg.sub.mod", 2, b, sizeof b), "pkg.util.h");
    CHECK_STR(t, callee(&a, "from . import x\nx.f()\n", NULL, 2, b, sizeof b), ".x.f");
    CHECK_STR(t, callee(&a, "from ... import x\nx()\n", "pkg.mod", 2, b, sizeof b), "...x");
    SemanticModel *sem;
    const AstNode *call = setup(&a, "from .b import c\nc()\n", "pkg", true, 2, AST_Call, &sem);
    CHECK(t, call != NULL);
    if (call) CHECK_INT(t, semantic_qualified_name(sem, AST_AS(Call, call)->func, b, sizeof b), 7);
    CHECK_STR(t, b, "pkg.b.c");
    arena_free(&a);
}

static void test_scopes(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    char b[256];
    /* a parameter shadows the module import inside the function only */
    const char *src = "import random\ndef f(random):\n    random.choice(x)\nrandom.choice(y)\n";
    CHECK_STR(t, callee(&a, src, NULL, 3, b, sizeof b), "?");
    CHECK_STR(t, callee(&a, src, NULL, 4, b, sizeof b), "random.choice");
    /* a local rebinding to an object shadows the import (Bandit does not see it) */
    CHECK_STR(t, callee(&a, "import random\ndef g():\n    random = Gen()\n    random.choice(x)\n", NULL, 4, b,
                        sizeof b),
              "Gen().choice");
    /* a module rebinding after the import counts from where it happens */
    src = "import pickle\npickle.loads(a)\npickle = Safe\npickle.loads(b)\n";
    CHECK_STR(t, callee(&a, src, NULL, 2, b, sizeof b), "pickle.loads");
    CHECK_STR(t, callee(&a, src, NULL, 4, b, sizeof b), "Safe.loads");
    /* class bodies are not enclosing scopes of their methods */
    src = "import os\nclass C:\n    os = 1\n    def m(self):\n        os.system(x)\n";
    CHECK_STR(t, callee(&a, src, NULL, 5, b, sizeof b), "os.system");
    /* a module function sees imports made after its definition */
    CHECK_STR(t, callee(&a, "def f():\n    yaml.load(x)\nimport yaml\n", NULL, 2, b, sizeof b), "yaml.load");
    /* `except ImportError: x = None` leaves the import visible */
    src = "try:\n    from hashlib import md5\nexcept ImportError:\n    md5 = None\nmd5(b)\n";
    CHECK_STR(t, callee(&a, src, NULL, 5, b, sizeof b), "hashlib.md5");
    /* global declarations bind in the module */
    src = "def setup():\n    global sp\n    import subprocess as sp\ndef run():\n    sp.call(x)\n";
    CHECK_STR(t, callee(&a, src, NULL, 5, b, sizeof b), "subprocess.call");
    arena_free(&a);
}

/* Evaluates the value of the assignment on line. */
static bool eval_line(Arena *a, const char *src, uint32_t line, ConstValue *v)
{
    SemanticModel *sem;
    const AstNode *as = setup(a, src, NULL, false, line, AST_Assign, &sem);
    return as && semantic_const_eval(sem, AST_AS(Assign, as)->value, v);
}

static void test_const_eval(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    ConstValue v;
    CHECK(t, eval_line(&a, "cmd = 'ls'\nx = cmd + ' -l'\n", 2, &v) && v.kind == CV_STR);
    CHECK_STR(t, v.text, "ls -l");
    CHECK(t, eval_line(&a, "n = 3\nx = 'a%sb%d%%' % ('z', n)\n", 2, &v) && v.kind == CV_STR);
    CHECK_STR(t, v.text, "azb3%");
    CHECK(t, eval_line(&a, "h = 'x'\nx = '{}-{0}-{k}'.format(h, k=1)\n", 2, &v));
    CHECK_STR(t, v.text, "x-x-1");
    CHECK(t, eval_line(&a, "u = 'root'\nx = f'user={u}!'\n", 2, &v));
    CHECK_STR(t, v.text, "user=root!");
    CHECK(t, eval_line(&a, "shell = True\nx = shell\n", 2, &v) && v.kind == CV_BOOL && v.truth);
    CHECK(t, eval_line(&a, "x = not 0\n", 1, &v) && v.kind == CV_BOOL && v.truth);
    CHECK(t, eval_line(&a, "x = 0o777\n", 1, &v) && v.kind == CV_INT && v.int_value == 511);
    CHECK(t, eval_line(&a, "x = -5 + 2\n", 1, &v) && v.int_value == -3);
    CHECK(t, eval_line(&a, "x = None\n", 1, &v) && v.kind == CV_NONE && !v.truth);
    /* unknowns stay unknown */
    CHECK(t, !eval_line(&a, "x = y + 'a'\n", 1, &v));
    CHECK(t, !eval_line(&a, "x = f'{y:>10}'\n", 1, &v));
    CHECK(t, !eval_line(&a, "x = '%5s' % 'a'\n", 1, &v));
    CHECK(t, !eval_line(&a, "x = '%s %s' % ('a',)\n", 1, &v));
    CHECK(t, !eval_line(&a, "def f(c):\n    x = c\n", 2, &v));
    /* a function-local assignment shadows the module constant */
    CHECK(t, !eval_line(&a, "c = 'ls'\ndef f():\n    c = g()\n    x = c\n", 4, &v));
    CHECK(t, eval_line(&a, "c = 'ls'\ndef f():\n    x = c\n", 3, &v) && v.kind == CV_STR);
    /* doubling chains stop at the size bound instead of growing 2^n */
    CHECK(t, !eval_line(&a, "a = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'\n"
                            "b = a + a\nc = b + b\nd = c + c\ne = d + d\nf = e + e\ng = f + f\nh = g + g\n"
                            "i = h + h\nj = i + i\nk = j + j\nx = k + k\n", 12, &v));
    CHECK(t, eval_line(&a, "a = 'xy'\nb = a + a\nx = b + b\n", 3, &v) && v.len == 8);
    /* self-reference does not loop */
    CHECK(t, !eval_line(&a, "x = x + 'a'\n", 1, &v));
    arena_free(&a);
}

static void test_parameters_and_imports(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    SemanticModel *sem;
    const AstNode *call = setup(&a, "import flask_cors\ndef f(p, q=1):\n    g(p, r)\n", NULL, false, 3, AST_Call, &sem);
    CHECK(t, call != NULL);
    if (call) {
        CHECK(t, semantic_is_parameter(sem, AST_AS(Call, call)->args.items[0]));
        CHECK(t, !semantic_is_parameter(sem, AST_AS(Call, call)->args.items[1]));
    }
    CHECK(t, semantic_imports_like(sem, "flask"));
    CHECK(t, !semantic_imports_exact(sem, "flask"));
    CHECK(t, semantic_imports_exact(sem, "flask_cors"));
    arena_free(&a);
}

static void test_password_names(UnitContext *t)
{
    static const char *const yes[] = {"password", "PASSWORD", "db_password", "passwd", "pwd", "api_token",
                                      "secret_key", "my_pass", "passphrase", "passsword", "pasword", "secrete"};
    static const char *const no[] = {"passenger", "tokenizer", "compass", "secretary", "bypass", "pw", "", "_"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (!rules_is_password_name(yes[i], strlen(yes[i]))) unit_fail(t, __FILE__, __LINE__, yes[i]);
    }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        if (rules_is_password_name(no[i], strlen(no[i]))) unit_fail(t, __FILE__, __LINE__, no[i]);
    }
}

static void test_sql_shapes(UnitContext *t)
{
#define SQL(s) rules_looks_like_sql((s), strlen(s))
    CHECK(t, SQL("SELECT a FROM t"));
    CHECK(t, SQL("select a,\n b\nfrom t where"));
    CHECK(t, SQL("delete   from t"));
    CHECK(t, SQL("INSERT INTO t (a) VALUES(1)"));
    CHECK(t, SQL("insert into t values (1)"));
    CHECK(t, SQL("UPDATE t SET a=1"));
    CHECK(t, !SQL("SELECT"));
    CHECK(t, !SQL("selected from list"));
    CHECK(t, !SQL("delete it from here"));
    CHECK(t, !SQL("insert into t"));
    CHECK(t, !SQL("update the settings"));
    CHECK(t, !SQL("select a from"));   /* from needs white space after it */
#undef SQL
}

int main(int argc, char **argv)
{
    static const UnitTest tests[] = {
        {"imports", test_imports},
        {"relative_imports", test_relative_imports},
        {"scopes", test_scopes},
        {"const_eval", test_const_eval},
        {"parameters_and_imports", test_parameters_and_imports},
        {"password_names", test_password_names},
        {"sql_shapes", test_sql_shapes},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
