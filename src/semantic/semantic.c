/* semantic.c - the bindings of one module and the queries over them (see
 * semantic.h). The build pass records, per scope and name, every binding in
 * source order (a hash table keyed by scope and name, chained bindings); a
 * query picks the last binding at or before the position of the use, or the
 * last one overall when none precedes it (a module name used inside a
 * function that runs later). Bindings to None are skipped when resolving a
 * qualified name: `try: import x` / `except ImportError: x = None` leaves
 * `x.f()` meaning the import, since calling through None cannot happen. */
#include "semantic/semantic.h"

#include "base/die.h"
#include "python/visit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Depth bounds the work of a query (names bound to names bound to...);
 * SEM_MAX_STR bounds evaluated strings, so `b = a + a` chains cannot grow
 * exponentially. */
enum { SEM_MAX_DEPTH = 12, SEM_MAX_DECLS = 64, SEM_MAX_STR = 1 << 16 };

typedef enum BindKind { BIND_IMPORT, BIND_ASSIGN, BIND_PARAM, BIND_OTHER } BindKind;

typedef struct Scope Scope;

typedef struct Binding {
    uint8_t kind;             /* BindKind */
    uint32_t line, col;       /* where the binding happens */
    const char *qual;         /* IMPORT: the dotted name it stands for */
    const AstNode *value;     /* ASSIGN: the assigned expression */
    Scope *scope;
} Binding;

struct Scope {
    Scope *parent;
    const AstNode *node;      /* Module, FunctionDef, Lambda or ClassDef */
    bool is_class;
    AstStr decls[SEM_MAX_DECLS];   /* names declared global or nonlocal */
    uint8_t decl_global[SEM_MAX_DECLS];
    uint32_t ndecls;
};

typedef struct NameSlot {
    const Scope *scope;
    const char *name;
    uint32_t len;
    Binding **items;          /* in order of position (see bind) */
    uint32_t n, cap;
} NameSlot;

typedef struct ScopeSlot {
    const AstNode *node;
    Scope *scope;
} ScopeSlot;

struct SemanticModel {
    Arena *arena;
    Scope *module;
    Scope *current;
    NameSlot *names;
    size_t names_cap, names_n;
    ScopeSlot *scopes;
    size_t scopes_cap, scopes_n;
    const char **imports;
    size_t imports_n, imports_cap;
    const char *package;      /* for relative imports; NULL when unknown */
    /* build pass only */
    Scope **stack;
    size_t depth, stack_cap;
    SemanticObserveFn observe;
    void *observe_ctx;
};

/* ---- hash tables --------------------------------------------------------- */

static uint64_t hash_name(const Scope *scope, const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)(uintptr_t)scope;
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h ^ (h >> 29);
}

static uint64_t hash_ptr(const void *p)
{
    uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 31);
}

static NameSlot *names_find(const SemanticModel *m, const Scope *scope, const char *s, size_t len)
{
    if (!m->names_cap) return NULL;
    size_t mask = m->names_cap - 1;
    for (size_t i = hash_name(scope, s, len) & mask;; i = (i + 1) & mask) {
        NameSlot *slot = &m->names[i];
        if (!slot->name) return slot;
        if (slot->scope == scope && slot->len == len && memcmp(slot->name, s, len) == 0) return slot;
    }
}

static void names_grow(SemanticModel *m)
{
    NameSlot *old = m->names;
    size_t old_cap = m->names_cap;
    m->names_cap = old_cap ? old_cap * 2 : 64;
    m->names = arena_alloc_zero(m->arena, m->names_cap * sizeof *m->names);
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].name) *names_find(m, old[i].scope, old[i].name, old[i].len) = old[i];
}

static Scope *scopes_find(const SemanticModel *m, const AstNode *node)
{
    if (!m->scopes_cap) return NULL;
    size_t mask = m->scopes_cap - 1;
    for (size_t i = hash_ptr(node) & mask;; i = (i + 1) & mask) {
        if (!m->scopes[i].node) return NULL;
        if (m->scopes[i].node == node) return m->scopes[i].scope;
    }
}

static void scopes_put(SemanticModel *m, const AstNode *node, Scope *scope)
{
    if ((m->scopes_n + 1) * 2 > m->scopes_cap) {
        ScopeSlot *old = m->scopes;
        size_t old_cap = m->scopes_cap;
        m->scopes_cap = old_cap ? old_cap * 2 : 16;
        m->scopes = arena_alloc_zero(m->arena, m->scopes_cap * sizeof *m->scopes);
        m->scopes_n = 0;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].node) scopes_put(m, old[i].node, old[i].scope);
    }
    size_t mask = m->scopes_cap - 1;
    size_t i = hash_ptr(node) & mask;
    while (m->scopes[i].node) i = (i + 1) & mask;
    m->scopes[i].node = node;
    m->scopes[i].scope = scope;
    m->scopes_n++;
}

/* ---- the build pass ------------------------------------------------------ */

static int decl_index(const Scope *s, const char *name, size_t len)
{
    for (uint32_t i = 0; i < s->ndecls; i++)
        if (s->decls[i].len == len && memcmp(s->decls[i].s, name, len) == 0) return (int)i;
    return -1;
}

static bool before(const Binding *b, uint32_t line, uint32_t col)
{
    return b->line < line || (b->line == line && b->col <= col);
}

static void bind(SemanticModel *m, Scope *scope, const char *name, size_t len, BindKind kind,
                 const AstNode *at, const char *qual, const AstNode *value)
{
    int d = decl_index(scope, name, len);
    if (d >= 0) {
        if (!scope->decl_global[d]) return;   /* nonlocal: the enclosing binding is unknown here */
        scope = m->module;
    }
    if ((m->names_n + 1) * 2 > m->names_cap) names_grow(m);
    NameSlot *slot = names_find(m, scope, name, len);
    if (!slot->name) {
        slot->scope = scope;
        slot->name = name;
        slot->len = (uint32_t)len;
        m->names_n++;
    }
    Binding *b = ARENA_NEW(m->arena, Binding);
    b->kind = (uint8_t)kind;
    b->line = at->end_lineno;     /* a binding takes effect after its statement */
    b->col = at->end_col_offset;
    b->qual = qual;
    b->value = value;
    b->scope = scope;
    /* Positions are kept non-decreasing so a lookup can binary-search them:
     * a binding recorded before an earlier-ending one of the same name (an
     * except handler's name rebound in its body) takes the later position. */
    if (slot->n) {
        const Binding *last = slot->items[slot->n - 1];
        if (before(b, last->line, last->col) && !(b->line == last->line && b->col == last->col)) {
            b->line = last->line;
            b->col = last->col;
        }
    }
    if (slot->n == slot->cap) {
        uint32_t cap = slot->cap ? slot->cap * 2 : 4;
        slot->items = arena_realloc(m->arena, slot->items, slot->cap * sizeof *slot->items, cap * sizeof *slot->items);
        slot->cap = cap;
    }
    slot->items[slot->n++] = b;
}

static void add_import(SemanticModel *m, const char *dotted)
{
    if (m->imports_n == m->imports_cap) {
        size_t cap = m->imports_cap ? m->imports_cap * 2 : 16;
        m->imports = arena_realloc(m->arena, m->imports, m->imports_cap * sizeof *m->imports, cap * sizeof *m->imports);
        m->imports_cap = cap;
    }
    m->imports[m->imports_n++] = dotted;
}

static char *join_dotted(Arena *a, const char *left, size_t llen, const char *right, size_t rlen)
{
    char *s = arena_alloc(a, llen + rlen + 2);
    memcpy(s, left, llen);
    size_t n = llen;
    if (llen && rlen && left[llen - 1] != '.') s[n++] = '.';
    memcpy(s + n, right, rlen);
    s[n + rlen] = '\0';
    return s;
}

static void build_import(SemanticModel *m, const AstImport *imp)
{
    for (uint32_t i = 0; i < imp->names.len; i++) {
        const Astalias *al = (const Astalias *)imp->names.items[i];
        const char *full = arena_strndup(m->arena, al->name.s, al->name.len);
        add_import(m, full);
        if (al->asname.s) {
            bind(m, m->current, al->asname.s, al->asname.len, BIND_IMPORT, &imp->base, full, NULL);
            continue;
        }
        /* `import a.b.c` binds a, whose qualified name is a */
        const char *dot = memchr(al->name.s, '.', al->name.len);
        size_t first = dot ? (size_t)(dot - al->name.s) : al->name.len;
        bind(m, m->current, al->name.s, first, BIND_IMPORT, &imp->base, arena_strndup(m->arena, al->name.s, first),
             NULL);
    }
}

/* The module a `from` import names: absolute, or resolved against the
 * file's package, or kept relative ("..x") when the package is unknown or
 * the import climbs above it. */
static const char *from_base(SemanticModel *m, const AstImportFrom *imp)
{
    const char *mod = imp->module.s ? imp->module.s : "";
    size_t mlen = imp->module.s ? imp->module.len : 0;
    if (imp->level <= 0) return arena_strndup(m->arena, mod, mlen);
    if (m->package) {
        size_t plen = strlen(m->package);
        int ok = 1;
        for (int up = 1; up < imp->level; up++) {
            const char *dot = plen ? memrchr(m->package, '.', plen) : NULL;
            if (!dot) { ok = 0; break; }
            plen = (size_t)(dot - m->package);
        }
        if (ok && plen) return join_dotted(m->arena, m->package, plen, mod, mlen);
    }
    size_t level = (size_t)imp->level;
    char *s = arena_alloc(m->arena, level + mlen + 1);
    memset(s, '.', level);
    memcpy(s + level, mod, mlen);
    s[level + mlen] = '\0';
    return s;
}

static void build_import_from(SemanticModel *m, const AstImportFrom *imp)
{
    const char *base = from_base(m, imp);
    size_t blen = strlen(base);
    add_import(m, base);
    for (uint32_t i = 0; i < imp->names.len; i++) {
        const Astalias *al = (const Astalias *)imp->names.items[i];
        if (al->name.len == 1 && al->name.s[0] == '*') continue;
        const char *full = join_dotted(m->arena, base, blen, al->name.s, al->name.len);
        add_import(m, full);
        const AstStr *as = al->asname.s ? &al->asname : &al->name;
        bind(m, m->current, as->s, as->len, BIND_IMPORT, &imp->base, full, NULL);
    }
}

static void push_scope(SemanticModel *m, const AstNode *node, bool is_class)
{
    Scope *s = ARENA_NEW(m->arena, Scope);
    s->parent = m->current;
    s->node = node;
    s->is_class = is_class;
    scopes_put(m, node, s);
    if (m->depth == m->stack_cap) {
        size_t cap = m->stack_cap ? m->stack_cap * 2 : 32;
        m->stack = arena_realloc(m->arena, m->stack, m->stack_cap * sizeof *m->stack, cap * sizeof *m->stack);
        m->stack_cap = cap;
    }
    m->stack[m->depth++] = m->current;
    m->current = s;
}

static void declare(Scope *s, const AstStrSeq *names, bool global)
{
    for (uint32_t i = 0; i < names->len && s->ndecls < SEM_MAX_DECLS; i++) {
        s->decls[s->ndecls] = names->items[i];
        s->decl_global[s->ndecls++] = global;
    }
}

/* Whether a stored Name is the direct target of an assignment that build
 * records with its value (so the generic store rule must not add it). */
static bool is_valued_target(const AstNode *name, const AstNode *parent)
{
    if (!parent) return false;
    if (parent->kind == AST_Assign) {
        const AstAssign *as = (const AstAssign *)parent;
        for (uint32_t i = 0; i < as->targets.len; i++)
            if (as->targets.items[i] == name) return true;
    }
    if (parent->kind == AST_withitem) return AST_AS(withitem, parent)->optional_vars == name;
    if (parent->kind == AST_AnnAssign) {
        const AstAnnAssign *an = (const AstAnnAssign *)parent;
        return an->target == name && an->value;
    }
    return false;
}

static void build_assign(SemanticModel *m, const AstNode *node)
{
    if (node->kind == AST_Assign) {
        const AstAssign *as = (const AstAssign *)node;
        for (uint32_t i = 0; i < as->targets.len; i++) {
            const AstNode *t = as->targets.items[i];
            if (t->kind == AST_Name)
                bind(m, m->current, AST_AS(Name, t)->id.s, AST_AS(Name, t)->id.len, BIND_ASSIGN, node, NULL,
                     as->value);
        }
        return;
    }
    const AstAnnAssign *an = (const AstAnnAssign *)node;
    if (an->value && an->target->kind == AST_Name)
        bind(m, m->current, AST_AS(Name, an->target)->id.s, AST_AS(Name, an->target)->id.len, BIND_ASSIGN, node,
             NULL, an->value);
}

static int build_enter(const AstNode *node, const AstNode *parent, void *ctx)
{
    SemanticModel *m = ctx;
    if (m->observe) m->observe(node, parent, m->current, (unsigned)m->depth, m->observe_ctx);
    switch (node->kind) {
    case AST_FunctionDef:
    case AST_AsyncFunctionDef: {
        const AstFunctionDef *fd = (const AstFunctionDef *)node;
        bind(m, m->current, fd->name.s, fd->name.len, BIND_OTHER, node, NULL, NULL);
        push_scope(m, node, false);
        break;
    }
    case AST_ClassDef: {
        const AstClassDef *cd = (const AstClassDef *)node;
        bind(m, m->current, cd->name.s, cd->name.len, BIND_OTHER, node, NULL, NULL);
        push_scope(m, node, true);
        break;
    }
    case AST_Lambda: push_scope(m, node, false); break;
    case AST_arg:
        bind(m, m->current, AST_AS(arg, node)->arg.s, AST_AS(arg, node)->arg.len, BIND_PARAM, node, NULL, NULL);
        break;
    case AST_Import: build_import(m, (const AstImport *)node); break;
    case AST_ImportFrom: build_import_from(m, (const AstImportFrom *)node); break;
    case AST_Assign:
    case AST_AnnAssign: build_assign(m, node); break;
    case AST_withitem: {
        /* `with requests.Session() as s`: s is what the expression made (the
         * usual __enter__ returns self) */
        const Astwithitem *wi = (const Astwithitem *)node;
        if (wi->optional_vars && wi->optional_vars->kind == AST_Name)
            bind(m, m->current, AST_AS(Name, wi->optional_vars)->id.s, AST_AS(Name, wi->optional_vars)->id.len,
                 BIND_ASSIGN, wi->optional_vars, NULL, wi->context_expr);
        break;
    }
    case AST_Global: declare(m->current, &AST_AS(Global, node)->names, true); break;
    case AST_Nonlocal: declare(m->current, &AST_AS(Nonlocal, node)->names, false); break;
    case AST_Name:
        if (AST_AS(Name, node)->ctx != AST_LOAD && !is_valued_target(node, parent))
            bind(m, m->current, AST_AS(Name, node)->id.s, AST_AS(Name, node)->id.len, BIND_OTHER, node, NULL, NULL);
        break;
    case AST_ExceptHandler:
        if (AST_AS(ExceptHandler, node)->name.s)
            bind(m, m->current, AST_AS(ExceptHandler, node)->name.s, AST_AS(ExceptHandler, node)->name.len,
                 BIND_OTHER, node, NULL, NULL);
        break;
    case AST_MatchAs:
        if (AST_AS(MatchAs, node)->name.s)
            bind(m, m->current, AST_AS(MatchAs, node)->name.s, AST_AS(MatchAs, node)->name.len, BIND_OTHER, node,
                 NULL, NULL);
        break;
    case AST_MatchStar:
        if (AST_AS(MatchStar, node)->name.s)
            bind(m, m->current, AST_AS(MatchStar, node)->name.s, AST_AS(MatchStar, node)->name.len, BIND_OTHER,
                 node, NULL, NULL);
        break;
    default: break;
    }
    return VISIT_CONTINUE;
}

static int build_leave(const AstNode *node, const AstNode *parent, void *ctx)
{
    (void)parent;
    SemanticModel *m = ctx;
    if (node->kind == AST_FunctionDef || node->kind == AST_AsyncFunctionDef || node->kind == AST_ClassDef ||
        node->kind == AST_Lambda)
        m->current = m->stack[--m->depth];
    return VISIT_CONTINUE;
}

static const char *package_of(Arena *a, const char *module_name, bool is_package)
{
    if (!module_name || !*module_name) return NULL;
    if (is_package) return module_name;
    const char *dot = strrchr(module_name, '.');
    return dot ? arena_strndup(a, module_name, (size_t)(dot - module_name)) : NULL;
}

SemanticModel *semantic_build(Arena *arena, const AstNode *module, const char *module_name, bool is_package)
{
    return semantic_build_observed(arena, module, module_name, is_package, NULL, NULL);
}

SemanticModel *semantic_build_observed(Arena *arena, const AstNode *module, const char *module_name, bool is_package,
                                       SemanticObserveFn observe, void *ctx)
{
    SemanticModel *m = ARENA_NEW(arena, SemanticModel);
    m->observe = observe;
    m->observe_ctx = ctx;
    m->arena = arena;
    m->package = package_of(arena, module_name, is_package);
    m->module = ARENA_NEW(arena, Scope);
    m->module->node = module;
    m->current = m->module;
    names_grow(m);
    if (module) scopes_put(m, module, m->module);
    ast_visit(module, build_enter, build_leave, m);
    m->current = m->module;
    m->stack = NULL;
    m->depth = m->stack_cap = 0;
    m->observe = NULL;
    return m;
}

void semantic_set_scope(SemanticModel *model, SemanticScope *scope)
{
    model->current = scope;
}

void semantic_enter(SemanticModel *model, const AstNode *node)
{
    if (node->kind != AST_FunctionDef && node->kind != AST_AsyncFunctionDef && node->kind != AST_ClassDef &&
        node->kind != AST_Lambda)
        return;
    Scope *s = scopes_find(model, node);
    if (s) model->current = s;
}

void semantic_leave(SemanticModel *model, const AstNode *node)
{
    if (node->kind != AST_FunctionDef && node->kind != AST_AsyncFunctionDef && node->kind != AST_ClassDef &&
        node->kind != AST_Lambda)
        return;
    Scope *s = scopes_find(model, node);
    if (s && model->current == s && s->parent) model->current = s->parent;
}

/* ---- queries ------------------------------------------------------------- */


static bool is_none_assign(const Binding *b)
{
    return b->kind == BIND_ASSIGN && b->value->kind == AST_Constant &&
           AST_AS(Constant, b->value)->value.kind == CONST_NONE;
}

/* The binding a use of name at (line, col) in scope sees, or NULL. */
static const Binding *lookup(const SemanticModel *m, const Scope *scope, const char *name, size_t len,
                             uint32_t line, uint32_t col, bool skip_none)
{
    int d = decl_index(scope, name, len);
    if (d >= 0 && scope->decl_global[d]) scope = m->module;
    for (const Scope *s = scope; s; s = s->parent) {
        if (s != scope && s->is_class) continue;   /* class bodies are not enclosing scopes */
        NameSlot *slot = names_find(m, s, name, len);
        if (!slot || !slot->name) continue;
        /* hi = the number of bindings at or before the use */
        uint32_t lo = 0, hi = slot->n;
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2;
            if (before(slot->items[mid], line, col)) lo = mid + 1;
            else hi = mid;
        }
        for (uint32_t i = hi; i-- > 0;)
            if (!skip_none || !is_none_assign(slot->items[i])) return slot->items[i];
        for (uint32_t i = slot->n; i-- > hi;)   /* none precedes the use: the last one */
            if (!skip_none || !is_none_assign(slot->items[i])) return slot->items[i];
    }
    return NULL;
}

typedef struct NameBuf {
    char *out;
    size_t n, len;
    bool overflow;
} NameBuf;

static void nb_put(NameBuf *nb, const char *s, size_t len)
{
    if (nb->len + len + 1 > nb->n) { nb->overflow = true; return; }
    memcpy(nb->out + nb->len, s, len);
    nb->len += len;
    nb->out[nb->len] = '\0';
}

static bool qualify(const SemanticModel *m, const Scope *scope, uint32_t line, uint32_t col, const AstNode *e,
                    NameBuf *nb, int depth)
{
    if (depth > SEM_MAX_DEPTH) return false;
    switch (e->kind) {
    case AST_Name: {
        const AstName *nm = (const AstName *)e;
        const Binding *b = lookup(m, scope, nm->id.s, nm->id.len, line, col, true);
        if (!b) { nb_put(nb, nm->id.s, nm->id.len); return true; }
        if (b->kind == BIND_IMPORT) { nb_put(nb, b->qual, strlen(b->qual)); return true; }
        if (b->kind != BIND_ASSIGN) return false;
        uint16_t k = b->value->kind;
        if (k != AST_Name && k != AST_Attribute && k != AST_Call) return false;
        return qualify(m, b->scope, b->value->lineno, b->value->col_offset, b->value, nb, depth + 1);
    }
    case AST_Attribute: {
        const AstAttribute *at = (const AstAttribute *)e;
        if (!qualify(m, scope, line, col, at->value, nb, depth + 1)) return false;
        nb_put(nb, ".", 1);
        nb_put(nb, at->attr.s, at->attr.len);
        return true;
    }
    case AST_Call:
        if (!qualify(m, scope, line, col, AST_AS(Call, e)->func, nb, depth + 1)) return false;
        nb_put(nb, "()", 2);
        return true;
    default: return false;
    }
}

int semantic_qualified_name(const SemanticModel *model, const AstNode *expr, char *out, size_t n)
{
    if (!n) return -1;
    NameBuf nb = {out, n, 0, false};
    out[0] = '\0';
    if (!qualify(model, model->current, expr->lineno, expr->col_offset, expr, &nb, 0) || nb.overflow) {
        out[0] = '\0';
        return -1;
    }
    return (int)nb.len;
}

static void spell(const AstNode *e, NameBuf *nb, int depth)
{
    if (depth > 64) return;
    if (e->kind == AST_Name) {
        nb_put(nb, AST_AS(Name, e)->id.s, AST_AS(Name, e)->id.len);
    } else if (e->kind == AST_Attribute) {
        spell(AST_AS(Attribute, e)->value, nb, depth + 1);
        nb_put(nb, ".", 1);
        nb_put(nb, AST_AS(Attribute, e)->attr.s, AST_AS(Attribute, e)->attr.len);
    } else if (e->kind == AST_Call) {
        spell(AST_AS(Call, e)->func, nb, depth + 1);
        nb_put(nb, "()", 2);
    }
}

int semantic_spelling(const AstNode *expr, char *out, size_t n)
{
    if (!n) return -1;
    NameBuf nb = {out, n, 0, false};
    out[0] = '\0';
    spell(expr, &nb, 0);
    if (nb.overflow) { out[0] = '\0'; return -1; }
    return (int)nb.len;
}

bool semantic_is_parameter(const SemanticModel *model, const AstNode *name_expr)
{
    if (name_expr->kind != AST_Name) return false;
    const AstName *nm = (const AstName *)name_expr;
    const Binding *b = lookup(model, model->current, nm->id.s, nm->id.len, name_expr->lineno,
                              name_expr->col_offset, false);
    return b && b->kind == BIND_PARAM;
}

const AstNode *semantic_binding_value(const SemanticModel *model, const AstNode *expr)
{
    if (expr->kind != AST_Name) return NULL;
    const AstName *nm = (const AstName *)expr;
    const Binding *b = lookup(model, model->current, nm->id.s, nm->id.len, expr->lineno, expr->col_offset, false);
    return b && b->kind == BIND_ASSIGN ? b->value : NULL;
}

bool semantic_imports_exact(const SemanticModel *model, const char *module)
{
    for (size_t i = 0; i < model->imports_n; i++)
        if (strcmp(model->imports[i], module) == 0) return true;
    return false;
}

bool semantic_imports_like(const SemanticModel *model, const char *module)
{
    for (size_t i = 0; i < model->imports_n; i++)
        if (strstr(model->imports[i], module)) return true;
    return false;
}

/* ---- constant evaluation ------------------------------------------------- */

typedef struct ArenaStr {
    Arena *arena;
    char *s;
    size_t len, cap;
    bool overflow;            /* grew past SEM_MAX_STR: the value is unknown */
} ArenaStr;

static void as_put(ArenaStr *a, const char *s, size_t len)
{
    if (a->overflow || a->len + len > SEM_MAX_STR) {
        a->overflow = true;
        return;
    }
    if (a->len + len + 1 > a->cap) {
        size_t cap = (a->cap ? a->cap * 2 : 64);
        while (cap < a->len + len + 1) cap *= 2;
        a->s = arena_realloc(a->arena, a->s, a->cap, cap);
        a->cap = cap;
    }
    memcpy(a->s + a->len, s, len);
    a->len += len;
    a->s[a->len] = '\0';
}

static void cv_str(ConstValue *out, ConstKind kind, const char *s, size_t len)
{
    memset(out, 0, sizeof *out);
    out->kind = kind;
    out->text = s;
    out->len = len;
    out->truth = len > 0;
}

static void cv_int(ConstValue *out, int64_t v)
{
    memset(out, 0, sizeof *out);
    out->kind = CV_INT;
    out->int_exact = true;
    out->int_value = v;
    out->truth = v != 0;
}

static bool from_constant(Arena *a, const AstConst *c, ConstValue *out)
{
    memset(out, 0, sizeof *out);
    switch (c->kind) {
    case CONST_NONE: out->kind = CV_NONE; return true;
    case CONST_TRUE: case CONST_FALSE:
        out->kind = CV_BOOL;
        out->truth = c->kind == CONST_TRUE;
        out->int_value = out->truth;
        return true;
    case CONST_INT:
        out->kind = CV_INT;
        out->truth = !(c->text.len == 1 && c->text.s[0] == '0');
        if (c->text.len <= 18) {
            out->int_exact = true;
            out->int_value = strtoll(arena_strndup(a, c->text.s, c->text.len), NULL, 10);
        }
        return true;
    case CONST_FLOAT:
        out->kind = CV_FLOAT;
        out->float_value = c->number;
        out->truth = c->number != 0;
        return true;
    case CONST_STR: case CONST_BYTES:
        cv_str(out, c->kind == CONST_STR ? CV_STR : CV_BYTES, arena_strndup(a, c->text.s, c->text.len), c->text.len);
        return true;
    default: return false;
    }
}

/* str(v) for the kinds whose text is certain. */
static bool str_of(const ConstValue *v, ArenaStr *a)
{
    char buf[32];
    switch (v->kind) {
    case CV_STR: as_put(a, v->text, v->len); return true;
    case CV_NONE: as_put(a, "None", 4); return true;
    case CV_BOOL: as_put(a, v->truth ? "True" : "False", v->truth ? 4 : 5); return true;
    case CV_INT:
        if (!v->int_exact) return false;
        snprintf(buf, sizeof buf, "%lld", (long long)v->int_value);
        as_put(a, buf, strlen(buf));
        return true;
    default: return false;
    }
}

typedef struct EvalCtx {
    const SemanticModel *m;
    const Scope *scope;
    uint32_t line, col;
} EvalCtx;

static bool eval(EvalCtx *c, const AstNode *e, ConstValue *out, int depth);

static bool eval_name(EvalCtx *c, const AstName *nm, ConstValue *out, int depth)
{
    const Binding *b = lookup(c->m, c->scope, nm->id.s, nm->id.len, c->line, c->col, false);
    if (!b || b->kind != BIND_ASSIGN) return false;
    EvalCtx inner = {c->m, b->scope, b->value->lineno, b->value->col_offset};
    return eval(&inner, b->value, out, depth + 1);
}

/* "%s" % x and "%s %d" % (a, b): conversions s, d, i, r (r only of plain
 * strings) and %%, no flags or widths. */
static bool eval_percent(EvalCtx *c, const ConstValue *fmt, const AstNode *right, ConstValue *out, int depth)
{
    const AstNode *const *items = &right;
    uint32_t nitems = 1;
    if (right->kind == AST_Tuple) {
        items = (const AstNode *const *)AST_AS(Tuple, right)->elts.items;
        nitems = AST_AS(Tuple, right)->elts.len;
    }
    ArenaStr a = {c->m->arena, NULL, 0, 0, false};
    as_put(&a, "", 0);
    uint32_t used = 0;
    for (size_t i = 0; i < fmt->len; i++) {
        if (fmt->text[i] != '%') { as_put(&a, fmt->text + i, 1); continue; }
        if (++i >= fmt->len) return false;
        char conv = fmt->text[i];
        if (conv == '%') { as_put(&a, "%", 1); continue; }
        if (used >= nitems) return false;
        ConstValue v;
        if (!eval(c, items[used++], &v, depth + 1)) return false;
        if (conv == 'r') {
            if (v.kind != CV_STR || memchr(v.text, '\'', v.len) || memchr(v.text, '\\', v.len)) return false;
            as_put(&a, "'", 1);
            as_put(&a, v.text, v.len);
            as_put(&a, "'", 1);
        } else if (conv == 's' || ((conv == 'd' || conv == 'i') && (v.kind == CV_INT || v.kind == CV_BOOL))) {
            if (conv != 's' && v.kind == CV_BOOL) v.kind = CV_INT;
            if (!str_of(&v, &a)) return false;
        } else {
            return false;
        }
    }
    if (used != nitems) return false;
    if (a.overflow) return false;
    cv_str(out, CV_STR, a.s, a.len);
    return true;
}

/* "...{}...{0}...{name}".format(...) without conversions or format specs. */
static bool eval_format(EvalCtx *c, const ConstValue *fmt, const AstCall *call, ConstValue *out, int depth)
{
    ArenaStr a = {c->m->arena, NULL, 0, 0, false};
    as_put(&a, "", 0);
    uint32_t next = 0;
    for (size_t i = 0; i < fmt->len; i++) {
        char ch = fmt->text[i];
        if ((ch == '{' || ch == '}') && i + 1 < fmt->len && fmt->text[i + 1] == ch) {
            as_put(&a, &ch, 1);
            i++;
            continue;
        }
        if (ch == '}') return false;
        if (ch != '{') { as_put(&a, &ch, 1); continue; }
        const char *close = memchr(fmt->text + i, '}', fmt->len - i);
        if (!close) return false;
        const char *field = fmt->text + i + 1;
        size_t flen = (size_t)(close - field);
        const AstNode *arg = NULL;
        if (flen == 0) {
            if (next >= call->args.len) return false;
            arg = call->args.items[next++];
        } else if (field[0] >= '0' && field[0] <= '9') {
            size_t idx = 0;
            for (size_t k = 0; k < flen; k++) {
                if (field[k] < '0' || field[k] > '9') return false;
                idx = idx * 10 + (size_t)(field[k] - '0');
            }
            if (idx >= call->args.len) return false;
            arg = call->args.items[idx];
        } else {
            for (uint32_t k = 0; k < call->keywords.len && !arg; k++) {
                const Astkeyword *kw = (const Astkeyword *)call->keywords.items[k];
                if (kw->arg.s && kw->arg.len == flen && memcmp(kw->arg.s, field, flen) == 0) arg = kw->value;
            }
            if (!arg) return false;
        }
        if (arg->kind == AST_Starred) return false;
        ConstValue v;
        if (!eval(c, arg, &v, depth + 1) || !str_of(&v, &a)) return false;
        i = (size_t)(close - fmt->text);
    }
    if (a.overflow) return false;
    cv_str(out, CV_STR, a.s, a.len);
    return true;
}

static bool eval_joined(EvalCtx *c, const AstJoinedStr *js, ConstValue *out, int depth)
{
    ArenaStr a = {c->m->arena, NULL, 0, 0, false};
    as_put(&a, "", 0);
    for (uint32_t i = 0; i < js->values.len; i++) {
        const AstNode *part = js->values.items[i];
        ConstValue v;
        if (part->kind == AST_FormattedValue) {
            const AstFormattedValue *fv = (const AstFormattedValue *)part;
            if (fv->format_spec || (fv->conversion != -1 && fv->conversion != 's')) return false;
            part = fv->value;
        }
        if (!eval(c, part, &v, depth + 1) || !str_of(&v, &a)) return false;
    }
    if (a.overflow) return false;
    cv_str(out, CV_STR, a.s, a.len);
    return true;
}

static bool eval_binop(EvalCtx *c, const AstBinOp *bo, ConstValue *out, int depth)
{
    ConstValue l, r;
    if (!eval(c, bo->left, &l, depth + 1)) return false;
    if (bo->op == AST_MOD && l.kind == CV_STR) return eval_percent(c, &l, bo->right, out, depth);
    if (!eval(c, bo->right, &r, depth + 1)) return false;
    if (bo->op != AST_ADD) return false;
    if ((l.kind == CV_STR || l.kind == CV_BYTES) && r.kind == l.kind) {
        ArenaStr a = {c->m->arena, NULL, 0, 0, false};
        as_put(&a, l.text, l.len);
        as_put(&a, r.text, r.len);
        if (a.overflow) return false;
        cv_str(out, l.kind, a.s, a.len);
        return true;
    }
    if (l.kind == CV_INT && r.kind == CV_INT && l.int_exact && r.int_exact) {
        int64_t sum;
        if (__builtin_add_overflow(l.int_value, r.int_value, &sum)) return false;
        cv_int(out, sum);
        return true;
    }
    return false;
}

static bool eval(EvalCtx *c, const AstNode *e, ConstValue *out, int depth)
{
    if (depth > SEM_MAX_DEPTH) return false;
    switch (e->kind) {
    case AST_Constant: return from_constant(c->m->arena, &AST_AS(Constant, e)->value, out);
    case AST_Name: return eval_name(c, (const AstName *)e, out, depth);
    case AST_BinOp: return eval_binop(c, (const AstBinOp *)e, out, depth);
    case AST_JoinedStr: return eval_joined(c, (const AstJoinedStr *)e, out, depth);
    case AST_UnaryOp: {
        const AstUnaryOp *u = (const AstUnaryOp *)e;
        ConstValue v;
        if (!eval(c, u->operand, &v, depth + 1)) return false;
        if (u->op == AST_NOT) {
            memset(out, 0, sizeof *out);
            out->kind = CV_BOOL;
            out->truth = !v.truth;
            out->int_value = out->truth;
            return true;
        }
        if (u->op == AST_USUB && v.kind == CV_INT && v.int_exact && v.int_value != INT64_MIN) {
            cv_int(out, -v.int_value);
            return true;
        }
        if (u->op == AST_UADD && v.kind == CV_INT) { *out = v; return true; }
        return false;
    }
    case AST_Call: {
        const AstCall *call = (const AstCall *)e;
        if (call->func->kind != AST_Attribute) return false;
        const AstAttribute *at = (const AstAttribute *)call->func;
        if (at->attr.len != 6 || memcmp(at->attr.s, "format", 6) != 0) return false;
        ConstValue fmt;
        if (!eval(c, at->value, &fmt, depth + 1) || fmt.kind != CV_STR) return false;
        return eval_format(c, &fmt, call, out, depth);
    }
    default: return false;
    }
}

bool semantic_const_eval(const SemanticModel *model, const AstNode *expr, ConstValue *out)
{
    EvalCtx c = {model, model->current, expr->lineno, expr->col_offset};
    memset(out, 0, sizeof *out);
    if (eval(&c, expr, out, 0)) return true;
    memset(out, 0, sizeof *out);
    return false;
}
