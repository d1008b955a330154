/* check.c - the code rules engine (see check.h). One walk over the module
 * with the semantic model following the scopes; each node kind has its
 * checks. Calls are resolved to a qualified name once and looked up in a
 * per-file hash table built from call_rows[] (a few hundred rows: cheaper to
 * build per file than any parse), so a call costs one hash lookup however
 * many rows there are. The generic checks that Bandit defines on the last
 * name of a call (`*.extra`, `*.exec_command`...) use the qualified name
 * when there is one and the spelling otherwise. */
#include "rules/check.h"
#include "secrets/secrets.h"

#include "python/visit.h"
#include "rules/registry.h"
#include "semantic/semantic.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { QN_MAX = 512, MSG_MAX = 512 };

/* What to do when a call's qualified callee matches a row. */
typedef enum CallHandler {
    CH_BLACKLIST,      /* report the row's rule, always */
    CH_SUBPROCESS,     /* B602/B603/B607/B609 */
    CH_SHELL,          /* B605/B607/B609 */
    CH_NOSHELL,        /* B606/B607 */
    CH_HASHLIB,        /* B324: md4/md5/sha/sha1 */
    CH_HASHLIB_NEW,    /* B324: hashlib.new(name) */
    CH_CRYPT,          /* B324: crypt.crypt / crypt.mksalt */
    CH_REQUESTS,       /* B113 + B501 (requests verbs) */
    CH_HTTPX,          /* B113 (None only) + B501 */
    CH_WRAP_SOCKET,    /* B502 high + B504 */
    CH_SSL_CONTEXT,    /* B502 high on method= */
    CH_KEY_DSA, CH_KEY_RSA, CH_KEY_EC, CH_KEY_PYCRYPTO,   /* B505 */
    CH_YAML_LOAD,      /* B506 */
    CH_SNMP_COMMUNITY, /* B508 */
    CH_SNMP_USM,       /* B509 */
    CH_LOG_LISTEN,     /* B612 */
    CH_TORCH_LOAD,     /* B614 */
    CH_MARKUP,         /* B704 */
    CH_DYN_IMPORT,     /* B4xx through __import__ / importlib */
    CH_URLOPEN,        /* B310 */
} CallHandler;

typedef struct CallRow {
    const char *callee;
    uint8_t handler;       /* CallHandler */
    const char *rule;      /* CH_BLACKLIST: the rule reported */
    const char *what;      /* CH_BLACKLIST: the message */
} CallRow;

#define BL(callee, rule, what) {callee, CH_BLACKLIST, rule, what}
#define H(callee, handler) {callee, handler, NULL, NULL}

static const char MSG_PICKLE[] =
    "Pickle and modules that wrap it can be unsafe when used to deserialize untrusted data, possible security issue.";
static const char MSG_MARSHAL[] = "Deserialization with the marshal module is possibly dangerous.";
static const char MSG_MD5[] = "Use of insecure MD2, MD4, MD5, or SHA1 hash function.";
static const char MSG_CIPHER[] =
    "Use of insecure cipher %s. Replace with a known secure cipher such as AES.";
static const char MSG_ECB[] = "Use of insecure cipher mode %s.";
static const char MSG_MKTEMP[] = "Use of insecure and deprecated function (mktemp).";
static const char MSG_EVAL[] = "Use of possibly insecure function - consider using safer ast.literal_eval.";
static const char MSG_MARKSAFE[] = "Use of mark_safe() may expose cross-site scripting vulnerabilities and should be reviewed.";
static const char MSG_RANDOM[] = "Standard pseudo-random generators are not suitable for security/cryptographic purposes.";
static const char MSG_TELNET[] =
    "Telnet-related functions are being called. Telnet is considered insecure. Use SSH or some other encrypted protocol.";
static const char MSG_FTP[] =
    "FTP-related functions are being called. FTP is considered insecure. Use SSH/SFTP/SCP or some other encrypted protocol.";
static const char MSG_XML[] =
    "Using %s to parse untrusted XML data is known to be vulnerable to XML attacks. Replace %s with its defusedxml "
    "equivalent function or make sure defusedxml.defuse_stdlib() is called.";
static const char MSG_UNVERIFIED[] =
    "By default, Python will create a secure, verified ssl context for use in such classes as HTTPSConnection. "
    "However, it still allows using an insecure context via the _create_unverified_context that reverts to the "
    "previous behavior that does not validate certificates or perform hostname checks.";
static const char MSG_EXEC[] = "Use of exec detected.";

static const CallRow call_rows[] = {
    BL("exec", "B102", MSG_EXEC),
    BL("builtins.exec", "B102", MSG_EXEC),
    /* B301 */
    BL("pickle.loads", "B301", MSG_PICKLE), BL("pickle.load", "B301", MSG_PICKLE),
    BL("pickle.Unpickler", "B301", MSG_PICKLE), BL("cPickle.loads", "B301", MSG_PICKLE),
    BL("cPickle.load", "B301", MSG_PICKLE), BL("cPickle.Unpickler", "B301", MSG_PICKLE),
    BL("_pickle.loads", "B301", MSG_PICKLE), BL("_pickle.load", "B301", MSG_PICKLE),
    BL("_pickle.Unpickler", "B301", MSG_PICKLE),
    BL("dill.loads", "B301", MSG_PICKLE), BL("dill.load", "B301", MSG_PICKLE),
    BL("dill.Unpickler", "B301", MSG_PICKLE), BL("shelve.open", "B301", MSG_PICKLE),
    BL("shelve.DbfilenameShelf", "B301", MSG_PICKLE), BL("jsonpickle.decode", "B301", MSG_PICKLE),
    BL("jsonpickle.unpickler.decode", "B301", MSG_PICKLE), BL("jsonpickle.unpickler.Unpickler", "B301", MSG_PICKLE),
    BL("pandas.read_pickle", "B301", MSG_PICKLE),
    /* B302 */
    BL("marshal.load", "B302", MSG_MARSHAL), BL("marshal.loads", "B302", MSG_MARSHAL),
    /* B303 */
    BL("Crypto.Hash.MD2.new", "B303", MSG_MD5), BL("Crypto.Hash.MD4.new", "B303", MSG_MD5),
    BL("Crypto.Hash.MD5.new", "B303", MSG_MD5), BL("Crypto.Hash.SHA.new", "B303", MSG_MD5),
    BL("Cryptodome.Hash.MD2.new", "B303", MSG_MD5), BL("Cryptodome.Hash.MD4.new", "B303", MSG_MD5),
    BL("Cryptodome.Hash.MD5.new", "B303", MSG_MD5), BL("Cryptodome.Hash.SHA.new", "B303", MSG_MD5),
    BL("cryptography.hazmat.primitives.hashes.MD5", "B303", MSG_MD5),
    BL("cryptography.hazmat.primitives.hashes.SHA1", "B303", MSG_MD5),
    /* B304 */
    BL("Crypto.Cipher.ARC2.new", "B304", MSG_CIPHER), BL("Crypto.Cipher.ARC4.new", "B304", MSG_CIPHER),
    BL("Crypto.Cipher.Blowfish.new", "B304", MSG_CIPHER), BL("Crypto.Cipher.DES.new", "B304", MSG_CIPHER),
    BL("Crypto.Cipher.XOR.new", "B304", MSG_CIPHER),
    BL("Cryptodome.Cipher.ARC2.new", "B304", MSG_CIPHER), BL("Cryptodome.Cipher.ARC4.new", "B304", MSG_CIPHER),
    BL("Cryptodome.Cipher.Blowfish.new", "B304", MSG_CIPHER), BL("Cryptodome.Cipher.DES.new", "B304", MSG_CIPHER),
    BL("Cryptodome.Cipher.XOR.new", "B304", MSG_CIPHER),
    BL("cryptography.hazmat.primitives.ciphers.algorithms.ARC4", "B304", MSG_CIPHER),
    BL("cryptography.hazmat.primitives.ciphers.algorithms.Blowfish", "B304", MSG_CIPHER),
    BL("cryptography.hazmat.primitives.ciphers.algorithms.CAST5", "B304", MSG_CIPHER),
    BL("cryptography.hazmat.primitives.ciphers.algorithms.IDEA", "B304", MSG_CIPHER),
    BL("cryptography.hazmat.primitives.ciphers.algorithms.SEED", "B304", MSG_CIPHER),
    BL("cryptography.hazmat.primitives.ciphers.algorithms.TripleDES", "B304", MSG_CIPHER),
    /* B305 - B308 */
    BL("cryptography.hazmat.primitives.ciphers.modes.ECB", "B305", MSG_ECB),
    BL("tempfile.mktemp", "B306", MSG_MKTEMP),
    BL("eval", "B307", MSG_EVAL), BL("builtins.eval", "B307", MSG_EVAL),
    BL("django.utils.safestring.mark_safe", "B308", MSG_MARKSAFE),
    /* B310 */
    H("urllib.request.urlopen", CH_URLOPEN), H("urllib.request.urlretrieve", CH_URLOPEN),
    H("urllib.request.URLopener", CH_URLOPEN), H("urllib.request.FancyURLopener", CH_URLOPEN),
    H("six.moves.urllib.request.urlopen", CH_URLOPEN), H("six.moves.urllib.request.urlretrieve", CH_URLOPEN),
    H("six.moves.urllib.request.URLopener", CH_URLOPEN), H("six.moves.urllib.request.FancyURLopener", CH_URLOPEN),
    /* B311: every generator function of random, not only Bandit's eleven */
    BL("random.Random", "B311", MSG_RANDOM), BL("random.random", "B311", MSG_RANDOM),
    BL("random.randrange", "B311", MSG_RANDOM), BL("random.randint", "B311", MSG_RANDOM),
    BL("random.choice", "B311", MSG_RANDOM), BL("random.choices", "B311", MSG_RANDOM),
    BL("random.uniform", "B311", MSG_RANDOM), BL("random.triangular", "B311", MSG_RANDOM),
    BL("random.randbytes", "B311", MSG_RANDOM), BL("random.sample", "B311", MSG_RANDOM),
    BL("random.getrandbits", "B311", MSG_RANDOM), BL("random.shuffle", "B311", MSG_RANDOM),
    BL("random.betavariate", "B311", MSG_RANDOM), BL("random.binomialvariate", "B311", MSG_RANDOM),
    BL("random.expovariate", "B311", MSG_RANDOM), BL("random.gammavariate", "B311", MSG_RANDOM),
    BL("random.gauss", "B311", MSG_RANDOM), BL("random.lognormvariate", "B311", MSG_RANDOM),
    BL("random.normalvariate", "B311", MSG_RANDOM), BL("random.paretovariate", "B311", MSG_RANDOM),
    BL("random.vonmisesvariate", "B311", MSG_RANDOM), BL("random.weibullvariate", "B311", MSG_RANDOM),
    /* B312, B321, B323 */
    BL("telnetlib.Telnet", "B312", MSG_TELNET),
    BL("ftplib.FTP", "B321", MSG_FTP),
    BL("ssl._create_unverified_context", "B323", MSG_UNVERIFIED),
    /* B313 - B319 */
    BL("xml.etree.cElementTree.parse", "B313", MSG_XML), BL("xml.etree.cElementTree.iterparse", "B313", MSG_XML),
    BL("xml.etree.cElementTree.fromstring", "B313", MSG_XML), BL("xml.etree.cElementTree.XMLParser", "B313", MSG_XML),
    BL("xml.etree.ElementTree.parse", "B314", MSG_XML), BL("xml.etree.ElementTree.iterparse", "B314", MSG_XML),
    BL("xml.etree.ElementTree.fromstring", "B314", MSG_XML), BL("xml.etree.ElementTree.XMLParser", "B314", MSG_XML),
    BL("xml.sax.expatreader.create_parser", "B315", MSG_XML),
    BL("xml.dom.expatbuilder.parse", "B316", MSG_XML), BL("xml.dom.expatbuilder.parseString", "B316", MSG_XML),
    BL("xml.sax.parse", "B317", MSG_XML), BL("xml.sax.parseString", "B317", MSG_XML),
    BL("xml.sax.make_parser", "B317", MSG_XML),
    BL("xml.dom.minidom.parse", "B318", MSG_XML), BL("xml.dom.minidom.parseString", "B318", MSG_XML),
    BL("xml.dom.pulldom.parse", "B319", MSG_XML), BL("xml.dom.pulldom.parseString", "B319", MSG_XML),
    /* B324 */
    H("hashlib.md4", CH_HASHLIB), H("hashlib.md5", CH_HASHLIB), H("hashlib.sha", CH_HASHLIB),
    H("hashlib.sha1", CH_HASHLIB), H("hashlib.new", CH_HASHLIB_NEW),
    H("crypt.crypt", CH_CRYPT), H("crypt.mksalt", CH_CRYPT),
    /* B6xx process starts */
    H("subprocess.Popen", CH_SUBPROCESS), H("subprocess.call", CH_SUBPROCESS),
    H("subprocess.check_call", CH_SUBPROCESS), H("subprocess.check_output", CH_SUBPROCESS),
    H("subprocess.run", CH_SUBPROCESS),
    H("os.system", CH_SHELL), H("os.popen", CH_SHELL), H("os.popen2", CH_SHELL), H("os.popen3", CH_SHELL),
    H("os.popen4", CH_SHELL), H("popen2.popen2", CH_SHELL), H("popen2.popen3", CH_SHELL),
    H("popen2.popen4", CH_SHELL), H("popen2.Popen3", CH_SHELL), H("popen2.Popen4", CH_SHELL),
    H("commands.getoutput", CH_SHELL), H("commands.getstatusoutput", CH_SHELL),
    H("subprocess.getoutput", CH_SHELL), H("subprocess.getstatusoutput", CH_SHELL),
    H("os.execl", CH_NOSHELL), H("os.execle", CH_NOSHELL), H("os.execlp", CH_NOSHELL), H("os.execlpe", CH_NOSHELL),
    H("os.execv", CH_NOSHELL), H("os.execve", CH_NOSHELL), H("os.execvp", CH_NOSHELL), H("os.execvpe", CH_NOSHELL),
    H("os.spawnl", CH_NOSHELL), H("os.spawnle", CH_NOSHELL), H("os.spawnlp", CH_NOSHELL),
    H("os.spawnlpe", CH_NOSHELL), H("os.spawnv", CH_NOSHELL), H("os.spawnve", CH_NOSHELL),
    H("os.spawnvp", CH_NOSHELL), H("os.spawnvpe", CH_NOSHELL), H("os.startfile", CH_NOSHELL),
    /* B113, B501 */
    H("requests.get", CH_REQUESTS), H("requests.options", CH_REQUESTS), H("requests.head", CH_REQUESTS),
    H("requests.post", CH_REQUESTS), H("requests.put", CH_REQUESTS), H("requests.patch", CH_REQUESTS),
    H("requests.delete", CH_REQUESTS),
    H("httpx.get", CH_HTTPX), H("httpx.options", CH_HTTPX), H("httpx.head", CH_HTTPX), H("httpx.post", CH_HTTPX),
    H("httpx.put", CH_HTTPX), H("httpx.patch", CH_HTTPX), H("httpx.delete", CH_HTTPX),
    H("httpx.request", CH_HTTPX), H("httpx.stream", CH_HTTPX), H("httpx.Client", CH_HTTPX),
    H("httpx.AsyncClient", CH_HTTPX),
    /* B502, B504 */
    H("ssl.wrap_socket", CH_WRAP_SOCKET),
    H("OpenSSL.SSL.Context", CH_SSL_CONTEXT), H("pyOpenSSL.SSL.Context", CH_SSL_CONTEXT),
    /* B505 */
    H("cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key", CH_KEY_DSA),
    H("cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key", CH_KEY_RSA),
    H("cryptography.hazmat.primitives.asymmetric.ec.generate_private_key", CH_KEY_EC),
    H("Crypto.PublicKey.DSA.generate", CH_KEY_PYCRYPTO), H("Crypto.PublicKey.RSA.generate", CH_KEY_PYCRYPTO),
    H("Cryptodome.PublicKey.DSA.generate", CH_KEY_PYCRYPTO), H("Cryptodome.PublicKey.RSA.generate", CH_KEY_PYCRYPTO),
    /* B506, B508, B509, B612, B614, B704 */
    H("yaml.load", CH_YAML_LOAD),
    H("pysnmp.hlapi.CommunityData", CH_SNMP_COMMUNITY), H("pysnmp.hlapi.UsmUserData", CH_SNMP_USM),
    H("logging.config.listen", CH_LOG_LISTEN),
    H("torch.load", CH_TORCH_LOAD), H("torch.serialization.load", CH_TORCH_LOAD),
    H("markupsafe.Markup", CH_MARKUP), H("flask.Markup", CH_MARKUP),
    /* B4xx through dynamic imports */
    H("__import__", CH_DYN_IMPORT), H("importlib.import_module", CH_DYN_IMPORT),
    H("importlib.__import__", CH_DYN_IMPORT),
};

/* ---- B4xx: blacklisted imports ------------------------------------------- */

typedef struct ImportRow {
    const char *module;
    const char *rule;
} ImportRow;

static const ImportRow import_rows[] = {
    {"telnetlib", "B401"}, {"ftplib", "B402"},
    {"pickle", "B403"}, {"cPickle", "B403"}, {"dill", "B403"}, {"shelve", "B403"},
    {"subprocess", "B404"},
    {"xml.etree.cElementTree", "B405"}, {"xml.etree.ElementTree", "B405"},
    {"xml.sax", "B406"}, {"xml.dom.expatbuilder", "B407"}, {"xml.dom.minidom", "B408"},
    {"xml.dom.pulldom", "B409"}, {"xmlrpc", "B411"},
    {"wsgiref.handlers.CGIHandler", "B412"}, {"twisted.web.twcgi.CGIScript", "B412"},
    {"twisted.web.twcgi.CGIDirectory", "B412"},
    {"Crypto.Cipher", "B413"}, {"Crypto.Hash", "B413"}, {"Crypto.IO", "B413"}, {"Crypto.Protocol", "B413"},
    {"Crypto.PublicKey", "B413"}, {"Crypto.Random", "B413"}, {"Crypto.Signature", "B413"},
    {"Crypto.Util", "B413"},
    {"pyghmi", "B415"},
};

/* ---- the per-file state -------------------------------------------------- */

typedef struct CallSlot {
    const char *key;
    uint32_t len;
    uint16_t row;
} CallSlot;

typedef struct Checker {
    const ParseResult *pr;
    const char *path;
    Arena *arena;
    FindingList *out;
    SemanticModel *sem;
    CallSlot *slots;
    size_t mask;
    const RulesOptions *opt;  /* never NULL */
    size_t *line_starts;      /* NULL until the first finding */
    uint32_t nlines;
    unsigned nested;          /* depth of function/class/lambda bodies */
    bool is_settings;         /* looks like a Django settings module */
} Checker;

static uint64_t hash_str(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h ^ (h >> 32);
}

static void calls_build(Checker *c)
{
    size_t n = sizeof call_rows / sizeof call_rows[0];
    size_t cap = 64;
    while (cap < n * 3) cap *= 2;
    c->slots = arena_alloc_zero(c->arena, cap * sizeof *c->slots);
    c->mask = cap - 1;
    for (size_t r = 0; r < n; r++) {
        size_t len = strlen(call_rows[r].callee);
        size_t i = hash_str(call_rows[r].callee, len) & c->mask;
        while (c->slots[i].key) i = (i + 1) & c->mask;
        c->slots[i] = (CallSlot){call_rows[r].callee, (uint32_t)len, (uint16_t)r};
    }
}

static const CallRow *calls_find(const Checker *c, const char *qn, size_t len)
{
    for (size_t i = hash_str(qn, len) & c->mask; c->slots[i].key; i = (i + 1) & c->mask)
        if (c->slots[i].len == len && memcmp(c->slots[i].key, qn, len) == 0) return &call_rows[c->slots[i].row];
    return NULL;
}

/* ---- reporting ----------------------------------------------------------- */

/* The offsets where lines start, built on the first finding of a file so
 * that a file with many findings does not rescan its text for each. */
static void line_table_build(Checker *c)
{
    const char *src = c->pr->source, *end = src + c->pr->source_len;
    uint32_t n = 1;
    for (const char *p = src; (p = memchr(p, '\n', (size_t)(end - p))); p++) n++;
    c->line_starts = arena_alloc(c->arena, n * sizeof *c->line_starts);
    c->nlines = 0;
    c->line_starts[c->nlines++] = 0;
    for (const char *p = src; (p = memchr(p, '\n', (size_t)(end - p))); p++)
        c->line_starts[c->nlines++] = (size_t)(p + 1 - src);
}

static void set_snippet(Checker *c, Finding *f, uint32_t line)
{
    if (!c->line_starts) line_table_build(c);
    if (line < 1 || line > c->nlines) return;
    const char *src = c->pr->source, *end = src + c->pr->source_len;
    const char *p = src + c->line_starts[line - 1];
    if (p >= end) return;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (n && p[n - 1] == '\r') n--;
    finding_set_snippet(f, p, n);
}

/* Reports rule at node; sev/conf 0 keep the rule's defaults. */
static void report(Checker *c, const char *rule_id, const AstNode *at, uint8_t sev, uint8_t conf, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void report(Checker *c, const char *rule_id, const AstNode *at, uint8_t sev, uint8_t conf, const char *fmt, ...)
{
    const RuleInfo *rule = registry_find(rule_id);
    if (!rule) return;
    char msg[MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    Finding *f = finding_list_add(c->out, rule, c->path, at->lineno ? at->lineno : 1, at->col_offset + 1, msg);
    if (sev) f->severity = sev;
    if (conf) f->confidence = conf;
    f->end_line = at->end_lineno;
    f->end_col = at->end_col_offset + 1;
    /* the code line of a hard-coded password would show the password */
    bool reveals = strcmp(rule_id, "B105") == 0 || strcmp(rule_id, "B106") == 0 || strcmp(rule_id, "B107") == 0;
    if (!reveals) set_snippet(c, f, f->line);
}

/* ---- small AST helpers --------------------------------------------------- */

static bool str_eq(AstStr s, const char *lit)
{
    size_t n = strlen(lit);
    return s.s && s.len == n && memcmp(s.s, lit, n) == 0;
}

static const Astkeyword *kw_find(const AstCall *call, const char *name)
{
    for (uint32_t i = 0; i < call->keywords.len; i++) {
        const Astkeyword *kw = (const Astkeyword *)call->keywords.items[i];
        if (str_eq(kw->arg, name)) return kw;
    }
    return NULL;
}

static const AstNode *arg_at(const AstCall *call, uint32_t i)
{
    return i < call->args.len ? call->args.items[i] : NULL;
}

/* Positional i, or the keyword name. */
static const AstNode *arg_or_kw(const AstCall *call, uint32_t i, const char *name)
{
    const Astkeyword *kw = kw_find(call, name);
    if (kw) return kw->value;
    return arg_at(call, i);
}

static bool is_str_literal(const AstNode *e)
{
    return e && e->kind == AST_Constant && AST_AS(Constant, e)->value.kind == CONST_STR;
}

static bool is_const(const AstNode *e, uint8_t kind)
{
    return e && e->kind == AST_Constant && AST_AS(Constant, e)->value.kind == kind;
}

/* The last component of a dotted name. */
static const char *last_name(const char *qn)
{
    const char *dot = strrchr(qn, '.');
    return dot ? dot + 1 : qn;
}

/* A short, printable preview of a string constant for a message: at most
 * 80 bytes cut on a UTF-8 boundary, control characters shown as '?'. */
/* A hard-coded password as findings may show it: redacted like every
 * secret krait reports (first characters and the length), never whole. */
static const char *preview(const AstConst *k, char *out, size_t n)
{
    secrets_redact(k->text.s, k->text.len, out, n);
    return out;
}

/* The last name of an expression: Name id or Attribute attr. */
static bool expr_last_name(const AstNode *e, AstStr *out)
{
    if (!e) return false;
    if (e->kind == AST_Name) { *out = AST_AS(Name, e)->id; return true; }
    if (e->kind == AST_Attribute) { *out = AST_AS(Attribute, e)->attr; return true; }
    return false;
}

/* Whether a dotted name has component comp. */
static bool has_component(const char *qn, const char *comp)
{
    size_t n = strlen(comp);
    for (const char *p = qn; (p = strstr(p, comp)); p++) {
        bool start = p == qn || p[-1] == '.';
        bool end = p[n] == '\0' || p[n] == '.';
        if (start && end) return true;
    }
    return false;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* Bandit's truthiness of shell=: a known constant's truth, a non-empty
 * display, and any other expression counts as true. */
static bool is_truthy(Checker *c, const AstNode *e)
{
    ConstValue v;
    if (semantic_const_eval(c->sem, e, &v)) return v.truth;
    if (e->kind == AST_List || e->kind == AST_Tuple || e->kind == AST_Set)
        return AST_AS(List, e)->elts.len > 0;
    if (e->kind == AST_Dict) return AST_AS(Dict, e)->keys.len > 0;
    return true;
}

static bool const_str(Checker *c, const AstNode *e, ConstValue *v)
{
    return e && semantic_const_eval(c->sem, e, v) && v->kind == CV_STR;
}

static bool const_false(Checker *c, const AstNode *e)
{
    ConstValue v;
    return e && semantic_const_eval(c->sem, e, &v) && v.kind == CV_BOOL && !v.truth;
}

static bool const_true(Checker *c, const AstNode *e)
{
    ConstValue v;
    return e && semantic_const_eval(c->sem, e, &v) && v.kind == CV_BOOL && v.truth;
}

/* ---- B6xx ------------------------------------------------------------------ */

/* The command text of arg 0: a string, or a list of strings joined with
 * spaces (B607 looks at the first element, B609 at the whole). */
static bool command_text(Checker *c, const AstNode *arg, ConstValue *first, char *joined, size_t n)
{
    joined[0] = '\0';
    if (!arg) return false;
    if (arg->kind == AST_List || arg->kind == AST_Tuple) {
        const AstSeq *elts = &AST_AS(List, arg)->elts;
        if (!elts->len || !const_str(c, elts->items[0], first)) return false;
        size_t len = 0;
        for (uint32_t i = 0; i < elts->len; i++) {
            ConstValue v;
            if (!const_str(c, elts->items[i], &v)) continue;
            if (len + v.len + 2 > n) break;
            if (len) joined[len++] = ' ';
            memcpy(joined + len, v.text, v.len);
            len += v.len;
            joined[len] = '\0';
        }
        return true;
    }
    if (!const_str(c, arg, first)) return false;
    snprintf(joined, n, "%s", first->text);
    return true;
}

static void check_partial_path(Checker *c, const AstCall *call)
{
    ConstValue first;
    char joined[8];
    if (!command_text(c, arg_at(call, 0), &first, joined, sizeof joined)) return;
    const char *s = first.text;
    if (!first.len) return;
    bool absolute = s[0] == '/' || s[0] == '\\' || s[0] == '.' ||
                    (first.len >= 2 && isalpha((unsigned char)s[0]) && s[1] == ':');
    if (!absolute) report(c, "B607", &call->base, 0, 0, "Starting a process with a partial executable path");
}

static void check_wildcard(Checker *c, const AstCall *call)
{
    ConstValue first;
    char joined[4096];
    if (!command_text(c, arg_at(call, 0), &first, joined, sizeof joined)) return;
    if (!strchr(joined, '*')) return;
    if (strstr(joined, "chown") || strstr(joined, "chmod") || strstr(joined, "tar") || strstr(joined, "rsync"))
        report(c, "B609", &call->base, 0, 0, "Possible wildcard injection in call: %s", "command with '*'");
}

static void check_subprocess(Checker *c, const AstCall *call, const char *qn)
{
    const Astkeyword *shell = kw_find(call, "shell");
    if (shell && is_truthy(c, shell->value)) {
        if (call->args.len) {
            ConstValue v;
            bool literal = const_str(c, arg_at(call, 0), &v);
            report(c, "B602", &shell->base, literal ? SEV_LOW : SEV_HIGH, 0,
                   literal ? "subprocess call with shell=True seems safe, but may be changed in the future, "
                             "consider rewriting without shell"
                           : "subprocess call with shell=True identified, security issue.");
        }
        check_wildcard(c, call);
    } else {
        report(c, "B603", &call->base, 0, 0, "subprocess call - check for execution of untrusted input (%s).", qn);
    }
    check_partial_path(c, call);
}

static void check_shell(Checker *c, const AstCall *call)
{
    if (call->args.len) {
        ConstValue v;
        bool literal = const_str(c, arg_at(call, 0), &v);
        report(c, "B605", &call->base, literal ? SEV_LOW : SEV_HIGH, 0,
               literal ? "Starting a process with a shell: Seems safe, but may be changed in the future, consider "
                         "rewriting without shell"
                       : "Starting a process with a shell, possible injection detected, security issue.");
    }
    check_wildcard(c, call);
    check_partial_path(c, call);
}

/* ---- B3xx / B324 / B5xx handlers ----------------------------------------- */

static bool used_for_security_off(Checker *c, const AstCall *call)
{
    const Astkeyword *kw = kw_find(call, "usedforsecurity");
    return kw && const_false(c, kw->value);
}

static bool weak_hash_name(const char *s, size_t len)
{
    static const char *const weak[] = {"md4", "md5", "sha", "sha1"};
    for (size_t i = 0; i < sizeof weak / sizeof weak[0]; i++)
        if (strlen(weak[i]) == len && strncasecmp(weak[i], s, len) == 0) return true;
    return false;
}

static void check_hashlib(Checker *c, const AstCall *call, const char *qn, bool is_new)
{
    if (used_for_security_off(c, call)) return;
    if (!is_new) {
        report(c, "B324", &call->base, SEV_HIGH, 0,
               "Use of weak %s hash for security. Consider usedforsecurity=False", last_name(qn));
        return;
    }
    ConstValue v;
    if (!const_str(c, arg_or_kw(call, 0, "name"), &v) || !weak_hash_name(v.text, v.len)) return;
    report(c, "B324", &call->base, SEV_HIGH, 0, "Use of weak %s hash for security. Consider usedforsecurity=False",
           v.text);
}

static void check_crypt(Checker *c, const AstCall *call, const char *qn)
{
    bool mksalt = strcmp(last_name(qn), "mksalt") == 0;
    const AstNode *method = mksalt ? arg_or_kw(call, 0, "method") : arg_or_kw(call, 1, "salt");
    AstStr name;
    if (!expr_last_name(method, &name)) return;
    if (str_eq(name, "METHOD_CRYPT") || str_eq(name, "METHOD_MD5") || str_eq(name, "METHOD_BLOWFISH"))
        report(c, "B324", &call->base, SEV_MEDIUM, 0, "Use of insecure crypt.%.*s hash function.", (int)name.len,
               name.s);
}

static void check_requests(Checker *c, const AstCall *call, const char *qn, bool httpx)
{
    const Astkeyword *timeout = kw_find(call, "timeout");
    if (!httpx && (!timeout || timeout->value->kind == AST_Call))
        report(c, "B113", &call->base, 0, 0, "Call to %s without timeout", qn);
    else if (timeout) {
        ConstValue v;
        if (semantic_const_eval(c->sem, timeout->value, &v) && v.kind == CV_NONE)
            report(c, "B113", &timeout->base, 0, 0, "Call to %s with timeout set to None", qn);
    }
    const Astkeyword *verify = kw_find(call, "verify");
    if (verify && const_false(c, verify->value))
        report(c, "B501", &verify->base, 0, 0, "Call to %s with verify=False disabling SSL certificate checks, "
               "security issue.", qn);
}

static bool bad_protocol(const AstNode *e)
{
    static const char *const bad[] = {"PROTOCOL_SSLv2", "SSLv2_METHOD", "SSLv23_METHOD", "PROTOCOL_SSLv3",
                                      "PROTOCOL_TLSv1", "SSLv3_METHOD", "TLSv1_METHOD", "PROTOCOL_TLSv1_1",
                                      "TLSv1_1_METHOD"};
    AstStr name;
    if (!expr_last_name(e, &name)) return false;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (str_eq(name, bad[i])) return true;
    return false;
}

static int key_size_of(Checker *c, const AstNode *e, int dflt)
{
    ConstValue v;
    if (!e) return dflt;
    if (semantic_const_eval(c->sem, e, &v) && v.kind == CV_INT && v.int_exact) return (int)v.int_value;
    return -1;
}

static int curve_size(const AstNode *e)
{
    static const struct { const char *name; int bits; } curves[] = {
        {"SECP192R1", 192}, {"SECT163K1", 163}, {"SECT163R2", 163}, {"SECP224R1", 224}, {"SECT233K1", 233},
        {"SECT233R1", 233}, {"SECP256R1", 256}, {"SECP256K1", 256}, {"SECT283K1", 283}, {"SECT283R1", 283},
        {"SECP384R1", 384}, {"SECT409K1", 409}, {"SECT409R1", 409}, {"SECP521R1", 521}, {"SECT571K1", 571},
        {"SECT571R1", 571}, {"BrainpoolP256R1", 256}, {"BrainpoolP384R1", 384}, {"BrainpoolP512R1", 512},
    };
    if (!e) return 224;
    if (e->kind != AST_Attribute) return -1;   /* Bandit: only ec.NAME, not ec.NAME() */
    AstStr name = AST_AS(Attribute, e)->attr;
    for (size_t i = 0; i < sizeof curves / sizeof curves[0]; i++)
        if (str_eq(name, curves[i].name)) return curves[i].bits;
    return -1;
}

static void check_key(Checker *c, const AstCall *call, const char *qn, CallHandler h)
{
    const char *algo = h == CH_KEY_EC ? "EC" : h == CH_KEY_RSA ? "RSA" : h == CH_KEY_DSA ? "DSA"
                     : strstr(qn, ".RSA.") ? "RSA" : "DSA";
    int size, high = 1024, medium = 2048;
    if (h == CH_KEY_EC) {
        size = curve_size(arg_or_kw(call, 0, "curve"));
        high = 160;
        medium = 224;
    } else if (h == CH_KEY_RSA) {
        size = key_size_of(c, arg_or_kw(call, 1, "key_size"), 2048);
    } else if (h == CH_KEY_DSA) {
        size = key_size_of(c, arg_or_kw(call, 0, "key_size"), 2048);
    } else {
        size = key_size_of(c, arg_or_kw(call, 0, "bits"), 2048);
    }
    if (size < 0) return;
    if (size < high)
        report(c, "B505", &call->base, SEV_HIGH, 0, "%s key sizes below %d bits are considered breakable.", algo, high);
    else if (size < medium)
        report(c, "B505", &call->base, SEV_MEDIUM, 0, "%s key sizes below %d bits are considered breakable.", algo,
               medium);
}

static void check_yaml(Checker *c, const AstCall *call)
{
    AstStr name;
    const AstNode *loader = arg_or_kw(call, 1, "Loader");
    if (expr_last_name(loader, &name) && (str_eq(name, "SafeLoader") || str_eq(name, "CSafeLoader"))) return;
    report(c, "B506", &call->base, 0, 0,
           "Use of unsafe yaml load. Allows instantiation of arbitrary objects. Consider yaml.safe_load().");
}

static void check_dyn_import(Checker *c, const AstCall *call)
{
    ConstValue v;
    if (!const_str(c, arg_at(call, 0), &v)) return;
    for (size_t i = 0; i < sizeof import_rows / sizeof import_rows[0]; i++)
        if (strcmp(import_rows[i].module, v.text) == 0) {
            report(c, import_rows[i].rule, &call->base, 0, 0,
                   "Consider possible security implications associated with the %s module.", v.text);
            return;
        }
}

static void check_urlopen(Checker *c, const AstCall *call)
{
    /* Ruff's refinement: a constant http(s) URL cannot open file:// */
    ConstValue v;
    if (const_str(c, arg_or_kw(call, 0, "url"), &v) &&
        (strncasecmp(v.text, "http://", 7) == 0 || strncasecmp(v.text, "https://", 8) == 0))
        return;
    report(c, "B310", &call->base, 0, 0,
           "Audit url open for permitted schemes. Allowing use of file:/ or custom schemes is often unexpected.");
}

static bool in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[0] == list[i][0] && strcmp(s, list[i]) == 0) return true;
    return false;
}

/* B704: an argument that is a call the configuration declares safe. */
static bool allowed_markup_arg(Checker *c, const AstNode *arg)
{
    char qn[QN_MAX];
    if (arg->kind != AST_Call || !c->opt->n_allowed_markup_calls) return false;
    if (semantic_qualified_name(c->sem, AST_AS(Call, arg)->func, qn, sizeof qn) < 0) return false;
    return in_list(qn, c->opt->allowed_markup_calls, c->opt->n_allowed_markup_calls);
}

static void check_row(Checker *c, const AstCall *call, const CallRow *row, const char *qn)
{
    switch ((CallHandler)row->handler) {
    case CH_BLACKLIST: {
        const char *ln = last_name(qn);
        report(c, row->rule, &call->base, 0, 0, row->what, ln, ln);
        break;
    }
    case CH_SUBPROCESS: check_subprocess(c, call, qn); break;
    case CH_SHELL: check_shell(c, call); break;
    case CH_NOSHELL:
        report(c, "B606", &call->base, 0, 0, "Starting a process without a shell.");
        check_partial_path(c, call);
        break;
    case CH_HASHLIB: check_hashlib(c, call, qn, false); break;
    case CH_HASHLIB_NEW: check_hashlib(c, call, qn, true); break;
    case CH_CRYPT: check_crypt(c, call, qn); break;
    case CH_REQUESTS: check_requests(c, call, qn, false); break;
    case CH_HTTPX: check_requests(c, call, qn, true); break;
    case CH_WRAP_SOCKET: {
        const Astkeyword *v = kw_find(call, "ssl_version");
        if (!v)
            report(c, "B504", &call->base, 0, 0, "ssl.wrap_socket call with no SSL/TLS protocol version specified, "
                   "the default SSLv23 could be insecure, possible security issue.");
        else if (bad_protocol(v->value))
            report(c, "B502", &v->base, SEV_HIGH, CONF_HIGH, "ssl.wrap_socket call with insecure SSL/TLS protocol "
                   "version identified, security issue.");
        break;
    }
    case CH_SSL_CONTEXT: {
        const Astkeyword *m = kw_find(call, "method");
        if (m && bad_protocol(m->value))
            report(c, "B502", &m->base, SEV_HIGH, CONF_HIGH, "SSL.Context call with insecure SSL/TLS protocol "
                   "version identified, security issue.");
        break;
    }
    case CH_KEY_DSA: case CH_KEY_RSA: case CH_KEY_EC: case CH_KEY_PYCRYPTO:
        check_key(c, call, qn, (CallHandler)row->handler);
        break;
    case CH_YAML_LOAD: check_yaml(c, call); break;
    case CH_SNMP_COMMUNITY: {
        ConstValue v;
        const Astkeyword *mp = kw_find(call, "mpModel");
        if (mp && semantic_const_eval(c->sem, mp->value, &v) && v.kind == CV_INT && v.int_exact &&
            (v.int_value == 0 || v.int_value == 1))
            report(c, "B508", &call->base, 0, 0, "The use of SNMPv1 and SNMPv2 is insecure. You should use SNMPv3 "
                   "if able.");
        break;
    }
    case CH_SNMP_USM:
        if (call->args.len < 3)
            report(c, "B509", &call->base, 0, 0, "You should not use SNMPv3 without encryption. noAuthNoPriv & "
                   "authNoPriv is insecure");
        break;
    case CH_LOG_LISTEN:
        if (!kw_find(call, "verify"))
            report(c, "B612", &call->base, 0, 0, "Use of insecure logging.config.listen detected.");
        break;
    case CH_TORCH_LOAD: {
        const Astkeyword *wo = kw_find(call, "weights_only");
        if (!wo || !const_true(c, wo->value))
            report(c, "B614", &call->base, 0, 0, "Use of unsafe PyTorch load");
        break;
    }
    case CH_MARKUP: {
        ConstValue v;
        const AstNode *a0 = arg_at(call, 0);
        if (a0 && !semantic_const_eval(c->sem, a0, &v) && !allowed_markup_arg(c, a0))
            report(c, "B704", &call->base, 0, 0, "Potential XSS with ``%s`` detected. Do not use ``%s`` on "
                   "untrusted data.", qn, last_name(qn));
        break;
    }
    case CH_DYN_IMPORT: check_dyn_import(c, call); break;
    case CH_URLOPEN: check_urlopen(c, call); break;
    }
}

/* ---- checks on any call, by last name or import ---------------------------- */

static void check_chmod(Checker *c, const AstCall *call, const char *name)
{
    if (!strstr(last_name(name), "chmod") || call->args.len != 2) return;
    ConstValue v;
    if (!semantic_const_eval(c->sem, call->args.items[1], &v) || v.kind != CV_INT || !v.int_exact) return;
    int64_t mode = v.int_value;
    if (mode & 0002)
        report(c, "B103", &call->base, SEV_HIGH, 0, "Chmod setting a permissive mask %#llo on file.", (long long)mode);
    else if (mode & (0020 | 0010 | 0001))
        report(c, "B103", &call->base, SEV_MEDIUM, 0, "Chmod setting a permissive mask %#llo on file.",
               (long long)mode);
}

/* Bandit's password words plus the configured extra words (each matched as
 * a whole name or a part between underscores, case-insensitively). */
static bool password_name(const Checker *c, const char *s, size_t len)
{
    if (rules_is_password_name(s, len)) return true;
    if (!c->opt->n_password_words) return false;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != '_') continue;
        for (size_t k = 0; k < c->opt->n_password_words; k++) {
            const char *w = c->opt->password_words[k];
            if (strlen(w) == i - start && i > start && strncasecmp(s + start, w, i - start) == 0) return true;
        }
        start = i + 1;
    }
    return false;
}

static void check_keyword_passwords(Checker *c, const AstCall *call)
{
    for (uint32_t i = 0; i < call->keywords.len; i++) {
        const Astkeyword *kw = (const Astkeyword *)call->keywords.items[i];
        if (!kw->arg.s || !is_str_literal(kw->value)) continue;
        if (password_name(c, kw->arg.s, kw->arg.len)) {
            const AstConst *k = &AST_AS(Constant, kw->value)->value;
            char pv[96];
            report(c, "B106", kw->value, 0, 0, "Possible hardcoded password: '%s'", preview(k, pv, sizeof pv));
        }
    }
}

static void check_other_protocols(Checker *c, const AstCall *call, const CallRow *row)
{
    if (row && (row->handler == CH_WRAP_SOCKET || row->handler == CH_SSL_CONTEXT)) return;
    const Astkeyword *kw = kw_find(call, "ssl_version");
    if (!kw) kw = kw_find(call, "method");
    if (kw && bad_protocol(kw->value))
        report(c, "B502", &kw->base, SEV_MEDIUM, CONF_MEDIUM,
               "Function call with insecure SSL/TLS protocol identified, possible security issue.");
}

static void check_extra(Checker *c, const AstCall *call)
{
    static const char *const pos_names[] = {"select", "where", "params", "tables"};
    const AstNode *val[4] = {0};
    for (uint32_t i = 0; i < 4 && i < call->args.len; i++) val[i] = call->args.items[i];
    for (uint32_t i = 0; i < 4; i++) {
        const Astkeyword *kw = kw_find(call, pos_names[i]);
        if (kw) val[i] = kw->value;
    }
    bool insecure = false;
    for (int k = 1; k <= 3 && !insecure; k += 2) {   /* where, tables */
        const AstNode *v = val[k];
        if (!v) continue;
        if (v->kind != AST_List) { insecure = true; continue; }
        for (uint32_t i = 0; i < AST_AS(List, v)->elts.len; i++)
            if (!is_str_literal(AST_AS(List, v)->elts.items[i])) insecure = true;
    }
    if (!insecure && val[0]) {
        const AstNode *v = val[0];
        if (v->kind != AST_Dict) insecure = true;
        else
            for (uint32_t i = 0; i < AST_AS(Dict, v)->values.len; i++)
                if (!is_str_literal(AST_AS(Dict, v)->values.items[i])) insecure = true;
    }
    if (insecure) report(c, "B610", &call->base, 0, 0, "Use of extra potential SQL attack vector.");
}

static bool hex_revision(const ConstValue *v)
{
    if (v->len < 7) return false;
    for (size_t i = 0; i < v->len; i++)
        if (!isxdigit((unsigned char)v->text[i])) return false;
    return true;
}

static void check_huggingface(Checker *c, const AstCall *call, const char *name)
{
    const char *ln = last_name(name);
    bool hit = (strcmp(ln, "from_pretrained") == 0 && strstr(name, "transformers") &&
                semantic_imports_like(c->sem, "transformers")) ||
               (strcmp(ln, "load_dataset") == 0 && semantic_imports_like(c->sem, "datasets")) ||
               ((strcmp(ln, "hf_hub_download") == 0 || strcmp(ln, "snapshot_download") == 0) &&
                semantic_imports_like(c->sem, "huggingface_hub"));
    if (!hit) return;
    const Astkeyword *rev = kw_find(call, "revision");
    if (!rev) rev = kw_find(call, "commit_id");
    ConstValue v;
    if (rev) {
        if (!semantic_const_eval(c->sem, rev->value, &v)) return;   /* decided at run time: trusted */
        if (v.kind == CV_STR && hex_revision(&v)) return;
    }
    if (const_str(c, arg_at(call, 0), &v) &&
        (strncmp(v.text, "./", 2) == 0 || strncmp(v.text, "/", 1) == 0 || strncmp(v.text, "../", 3) == 0))
        return;
    report(c, "B615", &call->base, 0, 0, "Unsafe Hugging Face Hub download without revision pinning in %s()", ln);
}

static void check_jinja(Checker *c, const AstCall *call)
{
    const Astkeyword *ae = kw_find(call, "autoescape");
    if (!ae || const_false(c, ae->value)) {
        report(c, "B701", &call->base, SEV_HIGH, CONF_HIGH,
               ae ? "Using jinja2 templates with autoescape=False is dangerous and can lead to XSS. Use "
                    "autoescape=True or use the select_autoescape function to mitigate XSS vulnerabilities."
                  : "By default, jinja2 sets autoescape to False. Consider using autoescape=True or use the "
                    "select_autoescape function to mitigate XSS vulnerabilities.");
        return;
    }
    if (const_true(c, ae->value)) return;
    if (ae->value->kind == AST_Call) {
        AstStr fn;
        if (expr_last_name(AST_AS(Call, ae->value)->func, &fn) && str_eq(fn, "select_autoescape")) return;
    }
    report(c, "B701", &call->base, SEV_HIGH, CONF_MEDIUM,
           "Using jinja2 templates with autoescape=False is dangerous and can lead to XSS. Ensure autoescape=True or "
           "use the select_autoescape function to mitigate XSS vulnerabilities.");
}

static bool is_host_key_policy(const AstNode *e)
{
    if (e && e->kind == AST_Call) e = AST_AS(Call, e)->func;
    AstStr name;
    return expr_last_name(e, &name) && (str_eq(name, "AutoAddPolicy") || str_eq(name, "WarningPolicy"));
}

static void check_by_name(Checker *c, const AstCall *call, const char *name, const CallRow *row)
{
    const char *ln = last_name(name);
    check_chmod(c, call, name);
    check_keyword_passwords(c, call);
    check_other_protocols(c, call, row);
    const Astkeyword *shell = kw_find(call, "shell");
    if (shell && (!row || (row->handler != CH_SUBPROCESS)) && is_truthy(c, shell->value))
        report(c, "B604", &shell->base, 0, 0,
               "Function call with shell=True parameter identified, possible security issue.");
    if (strcmp(ln, "run") == 0 && semantic_imports_like(c->sem, "flask")) {
        const Astkeyword *dbg = kw_find(call, "debug");
        if (dbg && is_const(dbg->value, CONST_TRUE))
            report(c, "B201", &dbg->base, 0, 0, "A Flask app appears to be run with debug=True, which exposes the "
                   "Werkzeug debugger and allows the execution of arbitrary code.");
    }
    if (strstr(ln, "extractall") && semantic_imports_exact(c->sem, "tarfile")) {
        const Astkeyword *flt = kw_find(call, "filter");
        ConstValue v;
        bool safe = flt && const_str(c, flt->value, &v) && (strcmp(v.text, "data") == 0 || strcmp(v.text, "tar") == 0);
        const Astkeyword *members = kw_find(call, "members");
        if (safe) {
        } else if (!members) {
            report(c, "B202", &call->base, SEV_HIGH, CONF_HIGH, "tarfile.extractall used without any validation. "
                   "Please check and discard dangerous members.");
        } else if (members->value->kind == AST_Call) {
            report(c, "B202", &call->base, SEV_LOW, CONF_LOW, "Usage of tarfile.extractall(members=function(tarfile)). "
                   "Make sure your function properly discards dangerous members (%s).", "members");
        } else {
            report(c, "B202", &call->base, SEV_MEDIUM, CONF_MEDIUM, "Found tarfile.extractall(members=?) but "
                   "couldn't identify the type of members. Check if the members were properly validated (%s).",
                   "members");
        }
    }
    if (strcmp(ln, "set_missing_host_key_policy") == 0 && semantic_imports_like(c->sem, "paramiko") &&
        is_host_key_policy(arg_or_kw(call, 0, "policy")))
        report(c, "B507", &call->base, 0, 0, "Paramiko call with policy set to automatically trust the unknown "
               "host key.");
    if (strcmp(ln, "exec_command") == 0 && semantic_imports_like(c->sem, "paramiko"))
        report(c, "B601", &call->base, 0, 0, "Possible shell injection via Paramiko call, check inputs are "
               "properly sanitized.");
    if (strcmp(ln, "extra") == 0) check_extra(c, call);
    if (strcmp(ln, "RawSQL") == 0 && semantic_imports_like(c->sem, "django.db.models")) {
        ConstValue v;
        if (!const_str(c, arg_or_kw(call, 0, "sql"), &v))
            report(c, "B611", &call->base, 0, 0, "Use of RawSQL potential SQL attack vector.");
    }
    check_huggingface(c, call, name);
    if (has_component(name, "jinja2") && ends_with(ln, "Environment")) check_jinja(c, call);
    if (has_component(name, "mako") && ends_with(ln, "Template"))
        report(c, "B702", &call->base, 0, 0, "Mako templates allow HTML/JS rendering by default and are inherently "
               "open to XSS attacks. Ensure variables in all templates are properly sanitized via the 'n', 'h' or "
               "'x' flags (depending on context).");
    if ((strcmp(ln, "mark_safe") == 0 || strcmp(ln, "SafeText") == 0 || strcmp(ln, "SafeUnicode") == 0 ||
         strcmp(ln, "SafeString") == 0 || strcmp(ln, "SafeBytes") == 0) &&
        semantic_imports_like(c->sem, "django.utils.safestring")) {
        ConstValue v;
        const AstNode *a0 = arg_at(call, 0);
        if (a0 && !semantic_const_eval(c->sem, a0, &v))
            report(c, "B703", &call->base, 0, 0, "Potential XSS on mark_safe function.");
    }
}

static void check_krait_call(Checker *c, const AstCall *call, const char *qn);

static void check_call(Checker *c, const AstCall *call, const AstNode *parent)
{
    (void)parent;
    char qn[QN_MAX];
    int len = semantic_qualified_name(c->sem, call->func, qn, sizeof qn);
    const CallRow *row = NULL;
    if (len > 0) {
        static const CallRow markup_row = {"", CH_MARKUP, NULL, NULL};
        row = calls_find(c, qn, (size_t)len);
        if (!row && c->opt->n_markup_names && in_list(qn, c->opt->markup_names, c->opt->n_markup_names))
            row = &markup_row;
        if (row) check_row(c, call, row, qn);
    } else if (semantic_spelling(call->func, qn, sizeof qn) < 0) {
        qn[0] = '\0';
    }
    check_by_name(c, call, qn, row);
    check_krait_call(c, call, qn);
}

/* ---- imports ------------------------------------------------------------- */

static const ImportRow *import_match(const char *s, size_t len)
{
    for (size_t i = 0; i < sizeof import_rows / sizeof import_rows[0]; i++) {
        if (!len || s[0] != import_rows[i].module[0]) continue;
        size_t n = strlen(import_rows[i].module);
        if (len >= n && memcmp(s, import_rows[i].module, n) == 0) return &import_rows[i];
    }
    return NULL;
}

static void check_import(Checker *c, const AstNode *node)
{
    char full[QN_MAX];
    const AstSeq *names = node->kind == AST_Import ? &AST_AS(Import, node)->names : &AST_AS(ImportFrom, node)->names;
    const AstImportFrom *from = node->kind == AST_ImportFrom ? AST_AS(ImportFrom, node) : NULL;
    if (from && from->level > 0) return;
    for (uint32_t i = 0; i < names->len; i++) {
        const Astalias *al = (const Astalias *)names->items[i];
        int n = from ? snprintf(full, sizeof full, "%.*s.%.*s", (int)from->module.len, from->module.s,
                                (int)al->name.len, al->name.s)
                     : snprintf(full, sizeof full, "%.*s", (int)al->name.len, al->name.s);
        if (n < 0 || (size_t)n >= sizeof full) continue;
        const ImportRow *row = import_match(full, (size_t)n);
        if (!row && from) row = import_match(from->module.s, from->module.len);
        if (row) {
            report(c, row->rule, node, 0, 0, "Consider possible security implications associated with the %s module.",
                   row->module);
            return;   /* one finding per statement, as Bandit */
        }
    }
}

/* ---- functions, asserts, handlers ---------------------------------------- */

static void check_function(Checker *c, const AstNode *node)
{
    const Astarguments *a = (const Astarguments *)AST_AS(FunctionDef, node)->args;
    uint32_t npos = a->posonlyargs.len + a->args.len;
    uint32_t ndef = a->defaults.len;
    bool pw_done = false;
    for (uint32_t d = 0; d < ndef; d++) {
        uint32_t p = npos - ndef + d;
        const AstNode *argn = p < a->posonlyargs.len ? a->posonlyargs.items[p] : a->args.items[p - a->posonlyargs.len];
        const AstNode *dv = a->defaults.items[d];
        AstStr name = AST_AS(arg, argn)->arg;
        if (!pw_done && is_str_literal(dv) && password_name(c, name.s, name.len)) {
            const AstConst *k = &AST_AS(Constant, dv)->value;
            char pv[96];
            report(c, "B107", node, 0, 0, "Possible hardcoded password: '%s'", preview(k, pv, sizeof pv));
            pw_done = true;
        }
        if (dv->kind == AST_Attribute && bad_protocol(dv))
            report(c, "B503", node, 0, 0, "Function definition identified with insecure SSL/TLS protocol version "
                   "by default, possible security issue.");
    }
}

static bool broad_handler(const AstExceptHandler *h)
{
    if (!h->type) return true;
    AstStr name;
    return expr_last_name(h->type, &name) && str_eq(name, "Exception");
}

static void check_handler(Checker *c, const AstNode *node)
{
    const AstExceptHandler *h = (const AstExceptHandler *)node;
    if (h->body.len != 1 || (!broad_handler(h) && !c->opt->check_typed_exception)) return;
    if (h->body.items[0]->kind == AST_Pass)
        report(c, "B110", node, 0, 0, "Try, Except, Pass detected.");
    else if (h->body.items[0]->kind == AST_Continue)
        report(c, "B112", node, 0, 0, "Try, Except, Continue detected.");
}

/* ---- strings ------------------------------------------------------------- */

static void report_password_string(Checker *c, const AstNode *str)
{
    const AstConst *k = &AST_AS(Constant, str)->value;
    char pv[96];
    report(c, "B105", str, 0, 0, "Possible hardcoded password: '%s'", preview(k, pv, sizeof pv));
}

static bool target_is_password(const Checker *c, const AstNode *t)
{
    AstStr name;
    if (t->kind == AST_Subscript) {
        const AstNode *key = AST_AS(Subscript, t)->slice;
        if (!is_str_literal(key)) return false;
        name = AST_AS(Constant, key)->value.text;
        return password_name(c, name.s, name.len);
    }
    return expr_last_name(t, &name) && password_name(c, name.s, name.len);
}

static void check_assign_password(Checker *c, const AstNode *node)
{
    const AstNode *value = node->kind == AST_Assign ? AST_AS(Assign, node)->value : AST_AS(AnnAssign, node)->value;
    if (!is_str_literal(value)) return;
    if (node->kind == AST_AnnAssign) {
        if (target_is_password(c, AST_AS(AnnAssign, node)->target)) report_password_string(c, value);
        return;
    }
    const AstSeq *targets = &AST_AS(Assign, node)->targets;
    for (uint32_t i = 0; i < targets->len; i++)
        if (target_is_password(c, targets->items[i])) {
            report_password_string(c, value);
            return;
        }
}

static void check_dict_password(Checker *c, const AstDict *d)
{
    for (uint32_t i = 0; i < d->keys.len; i++) {
        const AstNode *k = d->keys.items[i];
        if (!is_str_literal(k) || !is_str_literal(d->values.items[i])) continue;
        AstStr name = AST_AS(Constant, k)->value.text;
        if (password_name(c, name.s, name.len)) report_password_string(c, d->values.items[i]);
    }
}

static void check_compare_password(Checker *c, const AstCompare *cmp)
{
    AstStr name;
    if (!cmp->comparators.len || !is_str_literal(cmp->comparators.items[0])) return;
    if (cmp->left->kind != AST_Name && cmp->left->kind != AST_Attribute) return;
    if (expr_last_name(cmp->left, &name) && password_name(c, name.s, name.len))
        report_password_string(c, cmp->comparators.items[0]);
}

static void check_string(Checker *c, const AstNode *node, const AstNode *parent)
{
    const AstConst *k = &AST_AS(Constant, node)->value;
    if (k->kind != CONST_STR || (parent && parent->kind == AST_Expr)) return;
    if (k->text.len == 7 && memcmp(k->text.s, "0.0.0.0", 7) == 0)
        report(c, "B104", node, 0, 0, "Possible binding to all interfaces.");
    static const char *const default_tmp[] = {"/tmp", "/var/tmp", "/dev/shm"};
    const char *const *tmp = c->opt->tmp_dirs ? c->opt->tmp_dirs : default_tmp;
    size_t ntmp = c->opt->tmp_dirs ? c->opt->n_tmp_dirs : 3;
    for (size_t i = 0; i < ntmp; i++) {
        size_t n = strlen(tmp[i]);
        if (k->text.len >= n && memcmp(k->text.s, tmp[i], n) == 0) {
            report(c, "B108", node, 0, 0, "Probable insecure usage of temp file/directory.");
            break;
        }
    }
}

/* ---- B608: SQL assembled from strings -------------------------------------- */

typedef struct SqlText {
    char buf[4096];
    size_t len;
} SqlText;

static void sql_put(SqlText *t, const char *s, size_t len)
{
    if (t->len + len >= sizeof t->buf) len = sizeof t->buf - 1 - t->len;
    memcpy(t->buf + t->len, s, len);
    t->len += len;
    t->buf[t->len] = '\0';
}

/* The literal parts of a +/% chain, in order (Bandit's _evaluate_ast). */
static void sql_collect(const AstNode *e, SqlText *t, int depth)
{
    if (depth > 200) return;
    if (e->kind == AST_BinOp && (AST_AS(BinOp, e)->op == AST_ADD || AST_AS(BinOp, e)->op == AST_MOD)) {
        sql_collect(AST_AS(BinOp, e)->left, t, depth + 1);
        sql_collect(AST_AS(BinOp, e)->right, t, depth + 1);
    } else if (is_str_literal(e)) {
        sql_put(t, AST_AS(Constant, e)->value.text.s, AST_AS(Constant, e)->value.text.len);
    }
}

static bool is_execute_call(const AstNode *parent, const AstNode *arg)
{
    if (!parent || parent->kind != AST_Call) return false;
    const AstCall *call = (const AstCall *)parent;
    AstStr name;
    if (!call->args.len || call->args.items[0] != arg || !expr_last_name(call->func, &name)) return false;
    return str_eq(name, "execute") || str_eq(name, "executemany");
}

static void check_sql(Checker *c, const AstNode *node, const AstNode *parent)
{
    SqlText t;   /* no initialiser: zeroing 4 KiB per expression costs more than the check */
    t.len = 0;
    t.buf[0] = '\0';
    bool via_replace = false;
    if (node->kind == AST_BinOp) {
        uint8_t op = AST_AS(BinOp, node)->op;
        if (op != AST_ADD && op != AST_MOD) return;
        if (parent && parent->kind == AST_BinOp &&
            (AST_AS(BinOp, parent)->op == AST_ADD || AST_AS(BinOp, parent)->op == AST_MOD))
            return;   /* the top of the chain reports */
        sql_collect(node, &t, 0);
    } else if (node->kind == AST_JoinedStr) {
        const AstJoinedStr *js = (const AstJoinedStr *)node;
        if (parent && parent->kind == AST_FormattedValue) return;
        bool dynamic = false;
        for (uint32_t i = 0; i < js->values.len; i++) {
            const AstNode *part = js->values.items[i];
            if (is_str_literal(part)) sql_put(&t, AST_AS(Constant, part)->value.text.s, AST_AS(Constant, part)->value.text.len);
            else dynamic = true;
        }
        if (!dynamic) return;
    } else {
        const AstCall *call = (const AstCall *)node;
        if (call->func->kind != AST_Attribute) return;
        const AstAttribute *at = (const AstAttribute *)call->func;
        if (!is_str_literal(at->value)) return;
        via_replace = str_eq(at->attr, "replace");
        if (!via_replace && !str_eq(at->attr, "format")) return;
        sql_put(&t, AST_AS(Constant, at->value)->value.text.s, AST_AS(Constant, at->value)->value.text.len);
    }
    if (!rules_looks_like_sql(t.buf, t.len)) return;
    bool exec = !via_replace && is_execute_call(parent, node);
    report(c, "B608", node, 0, exec ? CONF_MEDIUM : CONF_LOW,
           "Possible SQL injection vector through string-based query construction.");
}

/* ---- B613 ------------------------------------------------------------------ */

static void check_trojansource(Checker *c)
{
    const unsigned char *s = (const unsigned char *)c->pr->source;
    size_t n = c->pr->source_len;
    /* every bidi control is E2 80 xx or E2 81 xx: look for the lead byte only */
    for (const unsigned char *p = s; (p = memchr(p, 0xE2, n - (size_t)(p - s))) && p + 2 < s + n; p++) {
        bool bidi = (p[1] == 0x80 && ((p[2] >= 0xAA && p[2] <= 0xAE) || p[2] == 0x8F)) ||
                    (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9);
        if (!bidi) continue;
        uint32_t line = 1;
        const unsigned char *line_start = s;
        for (const unsigned char *q = s; (q = memchr(q, '\n', (size_t)(p - q))); q++) {
            line++;
            line_start = q + 1;
        }
        uint32_t col = (uint32_t)(p - line_start);
        AstNode at = {.lineno = line, .col_offset = col, .end_lineno = line, .end_col_offset = col + 3};
        report(c, "B613", &at, 0, 0, "A Python source file contains bidirectional control characters (U+%04X).",
               ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
        return;
    }
}

/* ---- krait's own rules (KR1xx) ------------------------------------------- */

/* Name parts that say a value is about a secret, not the secret itself
 * (token_count, password_hash...): fewer false positives than Bandit's
 * word list alone for the KR rules. */
static bool is_secret_name(const char *s, size_t len)
{
    static const char *const meta[] = {"count", "len", "length", "type", "id", "name", "url", "file", "path",
                                       "field", "expiry", "expires", "prefix", "hash", "hashed", "policy",
                                       "required", "reset", "min", "max", "label", "prompt", "valid", "changed"};
    if (!rules_is_password_name(s, len)) return false;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != '_') continue;
        for (size_t k = 0; k < sizeof meta / sizeof meta[0]; k++)
            if (strlen(meta[k]) == i - start && strncasecmp(s + start, meta[k], i - start) == 0) return false;
        start = i + 1;
    }
    return true;
}

/* Whether e is, or is built from, a value named like a secret: a Name or
 * Attribute, possibly inside .encode(), str(), f-strings, +, % and format. */
static const AstNode *secret_operand(const AstNode *e, int depth)
{
    AstStr name;
    if (!e || depth > 16) return NULL;
    switch (e->kind) {
    case AST_Name: case AST_Attribute:
        return expr_last_name(e, &name) && is_secret_name(name.s, name.len) ? e : NULL;
    case AST_Call: {
        const AstCall *call = (const AstCall *)e;
        const AstNode *hit = NULL;
        if (call->func->kind == AST_Attribute) hit = secret_operand(AST_AS(Attribute, call->func)->value, depth + 1);
        for (uint32_t i = 0; !hit && i < call->args.len; i++) hit = secret_operand(call->args.items[i], depth + 1);
        return hit;
    }
    case AST_JoinedStr:
        for (uint32_t i = 0; i < AST_AS(JoinedStr, e)->values.len; i++) {
            const AstNode *part = AST_AS(JoinedStr, e)->values.items[i];
            if (part->kind == AST_FormattedValue) {
                const AstNode *hit = secret_operand(AST_AS(FormattedValue, part)->value, depth + 1);
                if (hit) return hit;
            }
        }
        return NULL;
    case AST_BinOp: {
        const AstNode *hit = secret_operand(AST_AS(BinOp, e)->left, depth + 1);
        return hit ? hit : secret_operand(AST_AS(BinOp, e)->right, depth + 1);
    }
    case AST_Tuple:
        for (uint32_t i = 0; i < AST_AS(Tuple, e)->elts.len; i++) {
            const AstNode *hit = secret_operand(AST_AS(Tuple, e)->elts.items[i], depth + 1);
            if (hit) return hit;
        }
        return NULL;
    default: return NULL;
    }
}

static bool name_in(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[0] == list[i][0] && strcmp(s, list[i]) == 0) return true;
    return false;
}

static void check_fast_password_hash(Checker *c, const AstCall *call, const char *qn, const char *ln)
{
    static const char *const fast[] = {"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_224",
                                       "sha3_256", "sha3_384", "sha3_512", "blake2b", "blake2s", "new", "update"};
    if (strncmp(qn, "hashlib.", 8) != 0 || !name_in(ln, fast, sizeof fast / sizeof fast[0])) return;
    bool is_new = strcmp(qn, "hashlib.new") == 0;
    const AstNode *data = is_new ? arg_or_kw(call, 1, "data") : strcmp(ln, "update") == 0 ? arg_at(call, 0)
                                                                                         : arg_or_kw(call, 0, "string");
    const AstNode *hit = secret_operand(data, 0);
    if (!hit) return;
    AstStr name = {"", 0};
    expr_last_name(hit, &name);
    report(c, "KR101", &call->base, 0, 0, "Password-like value '%.*s' hashed with a fast hash (%s); use a slow, "
           "salted key derivation function (argon2, bcrypt, scrypt, hashlib.pbkdf2_hmac)", (int)name.len, name.s, qn);
}

static bool is_verb(const char *ln)
{
    static const char *const verbs[] = {"get", "options", "head", "post", "put", "patch", "delete", "request"};
    return name_in(ln, verbs, sizeof verbs / sizeof verbs[0]);
}

static void check_session_verify(Checker *c, const AstCall *call, const char *qn, const char *ln)
{
    bool session = strncmp(qn, "requests.Session().", 19) == 0 || strncmp(qn, "requests.session().", 19) == 0 ||
                   strncmp(qn, "requests.sessions.Session().", 28) == 0;
    if (!(session && is_verb(ln)) && strcmp(qn, "requests.request") != 0) return;
    const Astkeyword *verify = kw_find(call, "verify");
    if (verify && const_false(c, verify->value))
        report(c, "KR107", &verify->base, 0, 0, "Call to %s with verify=False disables TLS certificate checks", qn);
}

static bool bool_kw_true(Checker *c, const AstCall *call, const char *name)
{
    const Astkeyword *kw = kw_find(call, name);
    return kw && !const_false(c, kw->value) && !is_const(kw->value, CONST_NONE);
}

static void check_set_cookie(Checker *c, const AstCall *call, const char *ln)
{
    /* a web framework's set_cookie(key, value, ...); CookieJar.set_cookie(cookie)
     * takes a finished cookie object and is not a response header */
    if (strcmp(ln, "set_cookie") != 0 || call->func->kind != AST_Attribute) return;
    if (call->args.len < 2 && !kw_find(call, "value") && !kw_find(call, "key")) return;
    for (uint32_t i = 0; i < call->keywords.len; i++)   /* **kwargs may carry the flags */
        if (!((const Astkeyword *)call->keywords.items[i])->arg.s) return;
    if (!bool_kw_true(c, call, "secure"))
        report(c, "KR102", &call->base, 0, 0, "Cookie set without secure=True: it is also sent over plain HTTP");
    if (!bool_kw_true(c, call, "httponly"))
        report(c, "KR103", &call->base, 0, 0, "Cookie set without httponly=True: scripts in the page can read it");
}

static bool is_none_alg(Checker *c, const AstNode *e)
{
    ConstValue v;
    return e && const_str(c, e, &v) && strcasecmp(v.text, "none") == 0;
}

static void check_jwt(Checker *c, const AstCall *call, const char *qn)
{
    static const char *const decoders[] = {"jwt.decode", "jwt.api_jwt.decode", "jose.jwt.decode",
                                           "jwt.api_jws.decode", "jwt.decode_complete"};
    if (strcmp(qn, "jwt.encode") == 0 || strcmp(qn, "jose.jwt.encode") == 0) {
        if (is_none_alg(c, arg_or_kw(call, 2, "algorithm")))
            report(c, "KR106", &call->base, 0, 0, "JWT signed with the 'none' algorithm: anyone can forge it");
        return;
    }
    if (!name_in(qn, decoders, sizeof decoders / sizeof decoders[0])) return;
    const Astkeyword *verify = kw_find(call, "verify");
    if (verify && const_false(c, verify->value)) {
        report(c, "KR106", &call->base, 0, 0, "JWT decoded with verify=False: the signature is not checked");
        return;
    }
    const Astkeyword *opts = kw_find(call, "options");
    if (opts && opts->value->kind == AST_Dict) {
        const AstDict *d = (const AstDict *)opts->value;
        for (uint32_t i = 0; i < d->keys.len; i++) {
            ConstValue k;
            if (d->keys.items[i] && const_str(c, d->keys.items[i], &k) && strcmp(k.text, "verify_signature") == 0 &&
                const_false(c, d->values.items[i])) {
                report(c, "KR106", &call->base, 0, 0, "JWT decoded with verify_signature disabled: the signature is "
                       "not checked");
                return;
            }
        }
    }
    const Astkeyword *algs = kw_find(call, "algorithms");
    if (algs && (algs->value->kind == AST_List || algs->value->kind == AST_Tuple)) {
        const AstSeq *elts = &AST_AS(List, algs->value)->elts;
        for (uint32_t i = 0; i < elts->len; i++)
            if (is_none_alg(c, elts->items[i])) {
                report(c, "KR106", &call->base, 0, 0, "JWT decoding accepts the 'none' algorithm: unsigned tokens "
                       "pass");
                return;
            }
    }
}

static bool is_logging_call(const char *qn, const char *ln)
{
    static const char *const levels[] = {"debug", "info", "warning", "warn", "error", "critical", "exception",
                                         "log", "fatal"};
    if (!name_in(ln, levels, sizeof levels / sizeof levels[0])) return false;
    if (strncmp(qn, "logging.", 8) == 0) return true;
    /* an unresolved receiver named like a logger: self.logger.info, log.info, LOG.info */
    const char *dot = strrchr(qn, '.');
    if (!dot || dot == qn) return false;
    const char *prev = dot - 1;
    while (prev > qn && prev[-1] != '.') prev--;
    size_t n = (size_t)(dot - prev);
    for (size_t i = 0; i + 3 <= n; i++)
        if (strncasecmp(prev + i, "log", 3) == 0) return true;
    return false;
}

static void check_logged_secret(Checker *c, const AstCall *call, const char *qn, const char *ln)
{
    if (!is_logging_call(qn, ln)) return;
    for (uint32_t i = 0; i < call->args.len; i++) {
        const AstNode *hit = secret_operand(call->args.items[i], 0);
        if (!hit) continue;
        AstStr name = {"", 0};
        expr_last_name(hit, &name);
        report(c, "KR108", hit, 0, 0, "Secret-looking value '%.*s' written to a log", (int)name.len, name.s);
        return;
    }
}

/* Whether a non-constant part of a query is quoted by the code itself
 * (connection.ops.quote_name(t), quote_ident(x)): identifiers, not values. */
static bool quoted_part(Checker *c, const AstNode *e)
{
    ConstValue v;
    if (semantic_const_eval(c->sem, e, &v)) return true;
    AstStr name;
    if (e->kind != AST_Call || !expr_last_name(AST_AS(Call, e)->func, &name)) return false;
    for (uint32_t i = 0; i + 5 <= name.len; i++)
        if (strncasecmp(name.s + i, "quote", 5) == 0) return true;
    return false;
}

static bool all_parts_quoted(Checker *c, const AstNode *e, int depth)
{
    if (depth > 64) return false;
    if (e->kind == AST_BinOp && AST_AS(BinOp, e)->op == AST_ADD)
        return all_parts_quoted(c, AST_AS(BinOp, e)->left, depth + 1) &&
               all_parts_quoted(c, AST_AS(BinOp, e)->right, depth + 1);
    if (e->kind == AST_BinOp && AST_AS(BinOp, e)->op == AST_MOD)
        return all_parts_quoted(c, AST_AS(BinOp, e)->left, depth + 1) &&
               all_parts_quoted(c, AST_AS(BinOp, e)->right, depth + 1);
    if (e->kind == AST_Tuple) {
        for (uint32_t i = 0; i < AST_AS(Tuple, e)->elts.len; i++)
            if (!all_parts_quoted(c, AST_AS(Tuple, e)->elts.items[i], depth + 1)) return false;
        return true;
    }
    if (e->kind == AST_JoinedStr) {
        for (uint32_t i = 0; i < AST_AS(JoinedStr, e)->values.len; i++) {
            const AstNode *part = AST_AS(JoinedStr, e)->values.items[i];
            if (part->kind == AST_FormattedValue && !quoted_part(c, AST_AS(FormattedValue, part)->value)) return false;
        }
        return true;
    }
    if (e->kind == AST_Call && AST_AS(Call, e)->func->kind == AST_Attribute &&
        str_eq(AST_AS(Attribute, AST_AS(Call, e)->func)->attr, "format")) {
        const AstCall *call = (const AstCall *)e;
        for (uint32_t i = 0; i < call->args.len; i++)
            if (!quoted_part(c, call->args.items[i])) return false;
        for (uint32_t i = 0; i < call->keywords.len; i++)
            if (!quoted_part(c, ((const Astkeyword *)call->keywords.items[i])->value)) return false;
        return true;
    }
    return quoted_part(c, e);
}

/* Whether e builds a string from non-constant parts with +, %, .format or
 * an f-string, and its literal parts look like SQL. */
static bool dynamic_sql(Checker *c, const AstNode *e)
{
    ConstValue v;
    if (!e || semantic_const_eval(c->sem, e, &v)) return false;
    SqlText t;   /* no initialiser: zeroing 4 KiB per expression costs more than the check */
    t.len = 0;
    t.buf[0] = '\0';
    if (e->kind == AST_BinOp && (AST_AS(BinOp, e)->op == AST_ADD || AST_AS(BinOp, e)->op == AST_MOD)) {
        sql_collect(e, &t, 0);
    } else if (e->kind == AST_JoinedStr) {
        const AstJoinedStr *js = (const AstJoinedStr *)e;
        for (uint32_t i = 0; i < js->values.len; i++)
            if (is_str_literal(js->values.items[i]))
                sql_put(&t, AST_AS(Constant, js->values.items[i])->value.text.s,
                        AST_AS(Constant, js->values.items[i])->value.text.len);
    } else if (e->kind == AST_Call && AST_AS(Call, e)->func->kind == AST_Attribute) {
        const AstAttribute *at = (const AstAttribute *)AST_AS(Call, e)->func;
        if (!str_eq(at->attr, "format") || !is_str_literal(at->value)) return false;
        sql_put(&t, AST_AS(Constant, at->value)->value.text.s, AST_AS(Constant, at->value)->value.text.len);
    } else {
        return false;
    }
    return rules_looks_like_sql(t.buf, t.len) && !all_parts_quoted(c, e, 0);
}

static void check_sql_sink(Checker *c, const AstCall *call, const char *qn, const char *ln)
{
    static const char *const sinks[] = {"execute", "executemany", "executescript", "raw", "text"};
    if (!name_in(ln, sinks, sizeof sinks / sizeof sinks[0])) return;
    if (strcmp(ln, "text") == 0 && !has_component(qn, "sqlalchemy")) return;
    const AstNode *q = arg_or_kw(call, 0, strcmp(ln, "raw") == 0 ? "raw_query" : "sql");
    if (!q) return;
    const AstNode *built = q;
    if (q->kind == AST_Name) {
        built = semantic_binding_value(c->sem, q);
        if (!built) return;
    }
    if (dynamic_sql(c, built))
        report(c, "KR109", q, 0, 0, "SQL built from non-constant values passed to %s(): use query parameters", ln);
}

static void check_krait_call(Checker *c, const AstCall *call, const char *qn)
{
    if (!*qn) return;
    const char *ln = last_name(qn);
    check_fast_password_hash(c, call, qn, ln);
    check_session_verify(c, call, qn, ln);
    check_set_cookie(c, call, ln);
    if (has_component(qn, "jwt")) check_jwt(c, call, qn);
    check_logged_secret(c, call, qn, ln);
    check_sql_sink(c, call, qn, ln);
    if (strcmp(ln, "update") == 0 && call->func->kind == AST_Attribute) {
        /* app.config.update(SESSION_COOKIE_SECURE=False) */
        for (uint32_t i = 0; i < call->keywords.len; i++) {
            const Astkeyword *kw = (const Astkeyword *)call->keywords.items[i];
            if (!const_false(c, kw->value)) continue;
            if (str_eq(kw->arg, "SESSION_COOKIE_SECURE"))
                report(c, "KR102", &kw->base, 0, 0, "SESSION_COOKIE_SECURE is False: the session cookie is also "
                       "sent over plain HTTP");
            else if (str_eq(kw->arg, "SESSION_COOKIE_HTTPONLY"))
                report(c, "KR103", &kw->base, 0, 0, "SESSION_COOKIE_HTTPONLY is False: scripts can read the "
                       "session cookie");
        }
    }
}

/* Settings assignments: Django module constants and Flask app.config[...]. */
static void check_settings_assign(Checker *c, const AstNode *node)
{
    if (node->kind != AST_Assign) return;
    const AstAssign *as = (const AstAssign *)node;
    for (uint32_t i = 0; i < as->targets.len; i++) {
        const AstNode *t = as->targets.items[i];
        AstStr name = {0};
        if (t->kind == AST_Name && !c->nested) {
            name = AST_AS(Name, t)->id;
        } else if (t->kind == AST_Subscript && is_str_literal(AST_AS(Subscript, t)->slice)) {
            name = AST_AS(Constant, AST_AS(Subscript, t)->slice)->value.text;
        } else {
            continue;
        }
        bool off = const_false(c, as->value);
        if (off && (str_eq(name, "SESSION_COOKIE_SECURE") || str_eq(name, "CSRF_COOKIE_SECURE")))
            report(c, "KR102", node, 0, 0, "%.*s is False: the cookie is also sent over plain HTTP", (int)name.len,
                   name.s);
        else if (off && str_eq(name, "SESSION_COOKIE_HTTPONLY"))
            report(c, "KR103", node, 0, 0, "SESSION_COOKIE_HTTPONLY is False: scripts can read the session cookie");
        if (t->kind != AST_Name || !c->is_settings) continue;
        if (str_eq(name, "DEBUG") && const_true(c, as->value))
            report(c, "KR104", node, 0, 0, "DEBUG = True in Django settings");
        if (str_eq(name, "ALLOWED_HOSTS") && (as->value->kind == AST_List || as->value->kind == AST_Tuple)) {
            const AstSeq *elts = &AST_AS(List, as->value)->elts;
            for (uint32_t k = 0; k < elts->len; k++) {
                ConstValue v;
                if (const_str(c, elts->items[k], &v) && strcmp(v.text, "*") == 0) {
                    report(c, "KR105", node, 0, 0, "ALLOWED_HOSTS accepts any host ('*')");
                    break;
                }
            }
        }
    }
}

static bool looks_like_settings(const ParseResult *pr, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strstr(base, "settings")) return true;
    const AstModule *m = (const AstModule *)pr->module;
    for (uint32_t i = 0; i < m->body.len; i++) {
        const AstNode *st = m->body.items[i];
        if (st->kind != AST_Assign) continue;
        const AstAssign *as = (const AstAssign *)st;
        for (uint32_t k = 0; k < as->targets.len; k++)
            if (as->targets.items[k]->kind == AST_Name &&
                (str_eq(AST_AS(Name, as->targets.items[k])->id, "INSTALLED_APPS") ||
                 str_eq(AST_AS(Name, as->targets.items[k])->id, "ROOT_URLCONF")))
                return true;
    }
    return false;
}

/* ---- the walk ------------------------------------------------------------ */

/* The rules look at a node with the semantic model complete (an import at
 * the bottom of a file counts for a call at the top), but need no walk of
 * their own: the model's build notes the nodes they check, with the scope
 * each is in, and they are checked from that list afterwards. */
typedef struct NodeToCheck {
    const AstNode *node;
    const AstNode *parent;
    SemanticScope *scope;
    unsigned depth;           /* function, lambda and class bodies around it */
} NodeToCheck;

typedef struct CheckList {
    Arena *arena;
    NodeToCheck *items;
    size_t n, cap;
} CheckList;

static bool kind_is_checked(unsigned kind)
{
    switch (kind) {
    case AST_Call: case AST_Import: case AST_ImportFrom: case AST_FunctionDef: case AST_AsyncFunctionDef:
    case AST_Assert: case AST_ExceptHandler: case AST_Constant: case AST_Assign: case AST_AnnAssign:
    case AST_Dict: case AST_Compare: case AST_BinOp: case AST_JoinedStr:
        return true;
    default:
        return false;
    }
}

static void note_node(const AstNode *node, const AstNode *parent, SemanticScope *scope, unsigned depth, void *ctx)
{
    if (!kind_is_checked(node->kind)) return;
    CheckList *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        l->items = arena_realloc(l->arena, l->items, l->cap * sizeof *l->items, cap * sizeof *l->items);
        l->cap = cap;
    }
    l->items[l->n++] = (NodeToCheck){node, parent, scope, depth};
}

static void check_node(Checker *c, const AstNode *node, const AstNode *parent)
{
    switch (node->kind) {
    case AST_Call:
        check_call(c, (const AstCall *)node, parent);
        check_sql(c, node, parent);
        break;
    case AST_Import: case AST_ImportFrom: check_import(c, node); break;
    case AST_FunctionDef: case AST_AsyncFunctionDef: check_function(c, node); break;
    case AST_Assert: report(c, "B101", node, 0, 0, "Use of assert detected. The enclosed code will be removed when "
                            "compiling to optimised byte code."); break;
    case AST_ExceptHandler: check_handler(c, node); break;
    case AST_Constant: check_string(c, node, parent); break;
    case AST_Assign: case AST_AnnAssign:
        check_assign_password(c, node);
        check_settings_assign(c, node);
        break;
    case AST_Dict: check_dict_password(c, (const AstDict *)node); break;
    case AST_Compare: check_compare_password(c, (const AstCompare *)node); break;
    case AST_BinOp: case AST_JoinedStr: check_sql(c, node, parent); break;
    default: break;
    }
}

/* The dotted module name of path from the __init__.py files around it
 * ("pkg/sub/mod.py" → "pkg.sub.mod"); NULL when the file is not in a
 * package. */
static const char *module_name_of(Arena *arena, const char *path, bool *is_package)
{
    *is_package = false;
    size_t len = strlen(path);
    char dir[2048], name[1024], init[2100];
    if (len < 4 || len >= sizeof dir || strcmp(path + len - 3, ".py") != 0) return NULL;
    memcpy(dir, path, len - 3);
    dir[len - 3] = '\0';
    char *slash = strrchr(dir, '/');
    if (!slash) return NULL;
    *slash = '\0';
    const char *base = slash + 1;
    *is_package = strcmp(base, "__init__") == 0;
    size_t nlen = 0;
    name[0] = '\0';
    if (!*is_package) {
        nlen = strlen(base);
        memcpy(name, base, nlen + 1);
    }
    for (int guard = 0; guard < 64; guard++) {
        snprintf(init, sizeof init, "%s/__init__.py", *dir ? dir : ".");
        if (access(init, F_OK) != 0) break;
        char *up = strrchr(dir, '/');
        const char *comp = up ? up + 1 : dir;
        size_t clen = strlen(comp);
        if (!clen || strcmp(comp, ".") == 0 || strcmp(comp, "..") == 0 || clen + nlen + 2 > sizeof name) break;
        /* prepend "comp." */
        memmove(name + clen + (nlen ? 1 : 0), name, nlen + 1);
        memcpy(name, comp, clen);
        if (nlen) name[clen] = '.';
        nlen += clen + (nlen ? 1 : 0);
        if (!up) break;
        *up = '\0';
    }
    if (!nlen || (!*is_package && !strchr(name, '.'))) return NULL;
    return arena_strndup(arena, name, nlen);
}

int rules_check_module(const ParseResult *pr, const char *path, Arena *arena, FindingList *out)
{
    return rules_check_module_with(pr, path, arena, NULL, out);
}

int rules_check_module_with(const ParseResult *pr, const char *path, Arena *arena, const RulesOptions *opt,
                            FindingList *out)
{
    if (!pr->module) return 0;
    bool is_package;
    const char *module_name = module_name_of(arena, path, &is_package);
    static const RulesOptions defaults = {0};
    Checker c = {pr, path, arena, out, NULL, NULL, 0, opt ? opt : &defaults, NULL, 0, 0, false};
    c.is_settings = looks_like_settings(pr, path);
    CheckList todo = {arena, NULL, 0, 0};
    c.sem = semantic_build_observed(arena, pr->module, module_name, is_package, note_node, &todo);
    calls_build(&c);
    for (size_t i = 0; i < todo.n; i++) {
        semantic_set_scope(c.sem, todo.items[i].scope);
        c.nested = todo.items[i].depth;
        check_node(&c, todo.items[i].node, todo.items[i].parent);
    }
    check_trojansource(&c);
    return 0;
}

/* ---- exported helpers ---------------------------------------------------- */

static bool password_word(const char *s, size_t len)
{
    char w[32];
    if (len == 0 || len >= sizeof w) return false;
    for (size_t i = 0; i < len; i++) w[i] = (char)tolower((unsigned char)s[i]);
    w[len] = '\0';
    if (!strcmp(w, "pass") || !strcmp(w, "passphrase") || !strcmp(w, "pwd") || !strcmp(w, "token") ||
        !strcmp(w, "secret") || !strcmp(w, "secrete"))
        return true;
    /* pas+wo?r?d */
    if (strncmp(w, "pa", 2) != 0) return false;
    size_t i = 2;
    if (w[i] != 's') return false;
    while (w[i] == 's') i++;
    if (w[i++] != 'w') return false;
    if (w[i] == 'o') i++;
    if (w[i] == 'r') i++;
    return w[i] == 'd' && w[i + 1] == '\0';
}

bool rules_is_password_name(const char *name, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && name[i] != '_') continue;
        if (password_word(name + start, i - start)) return true;
        start = i + 1;
    }
    return false;
}

/* Index of the first case-insensitive occurrence of word (lower case) at
 * or after from that is followed by white space, or -1. Every string
 * literal that is concatenated or formatted comes here, so the first
 * letter is compared before the call. */
static long find_word_ws(const char *t, size_t len, size_t from, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = from; i + n < len; i++)
        if ((t[i] | 0x20) == word[0] && strncasecmp(t + i, word, n) == 0 && isspace((unsigned char)t[i + n]))
            return (long)i;
    return -1;
}

bool rules_looks_like_sql(const char *t, size_t len)
{
    long p = find_word_ws(t, len, 0, "select");
    if (p >= 0 && find_word_ws(t, len, (size_t)p + 7, "from") >= 0) return true;
    for (long d = find_word_ws(t, len, 0, "delete"); d >= 0; d = find_word_ws(t, len, (size_t)d + 1, "delete")) {
        size_t i = (size_t)d + 6;
        while (i < len && isspace((unsigned char)t[i])) i++;
        if (find_word_ws(t, len, i, "from") == (long)i) return true;
    }
    for (long d = find_word_ws(t, len, 0, "insert"); d >= 0; d = find_word_ws(t, len, (size_t)d + 1, "insert")) {
        size_t i = (size_t)d + 6;
        while (i < len && isspace((unsigned char)t[i])) i++;
        if (find_word_ws(t, len, i, "into") != (long)i) continue;
        for (size_t v = i + 5; v + 6 < len + 0; v++)
            if (strncasecmp(t + v, "values", 6) == 0 && (isspace((unsigned char)t[v + 6]) || t[v + 6] == '('))
                return true;
    }
    p = find_word_ws(t, len, 0, "update");
    if (p >= 0 && find_word_ws(t, len, (size_t)p + 7, "set") >= 0) return true;
    return false;
}
