"""lexer_errors_diff.py - differential of lexical errors against compile().

Generates small sources from fragments that provoke lexical errors (fixed
seeds, so every run checks the same files), compiles each with CPython and
lexes each with `test_lexer --lex` (the parser's mode, no trivia). Rules:

  - CPython accepts the source: krait's lexer must too.
  - CPython reports one of the tokenizer's own errors: krait must report an
    error; when krait's is of the immediate kind (the kind CPython raises as
    soon as its tokenizer meets it) line, column and message must be equal.
  - CPython reports a parser error ("invalid syntax", "unexpected indent",
    ...): which error wins is the parser's business; not compared here.

One PASS/FAIL line per seed family. Then the same harness lexes every file
of the tokenize corpora (standard library, Debian's 3.11 library, Django,
Flask): each file CPython compiles must lex. Environment: KRAIT_BUILD.
"""
import os
import random
import subprocess
import sys
import tempfile
import warnings

# Messages CPython's tokenizer produces (the parser's are not listed).
TOKENIZER_MESSAGES = (
    "unterminated string literal", "unterminated triple-quoted string literal",
    "unterminated f-string literal", "unterminated triple-quoted f-string literal",
    "invalid decimal literal", "invalid hexadecimal literal", "invalid octal literal",
    "invalid binary literal", "invalid imaginary literal", "invalid digit",
    "leading zeros in decimal integer literals", "invalid character", "invalid non-printable character",
    "unmatched '", "closing parenthesis", "f-string: single '}' is not allowed",
    "f-string: expecting '}'", "f-string: unmatched", "too many nested parentheses",
    "f-string: expressions nested too deeply", "too many nested f-strings",
)

FAMILIES = {
    "strings-and-numbers": [
        "'", '"', "'''", '"""', "b'", "rb'", "u'", "\\", "\\n", "x", "1", "0x", "0b2", "0o8", "09", "1_",
        "1e", "1e+", "1.5", "1j", "0_7", "1a", " ", "\n", "+", ",", "(", ")", "#c", "é", "€", "\x01",
        "\xa0", "if", "else", "1if", "0xfor",
    ],
    "fstrings": [
        "f'", 'f"', "f'''", "rf'", "'", '"', "{", "}", "{{", "}}", "!r", "!s", ":", "=", ":>10", "x",
        "1", " ", "\n", "\\", "\\N{BULLET}", "(", ")", "[", "]", "#c", "+", "lambda", ",", "!=", ":=",
    ],
    "brackets-and-lines": [
        "(", ")", "[", "]", "{", "}", "x", "1", " ", "\n", "\\", "\\\n", "\t", "#c", ",", ":", "if x:\n",
        "    ", "  ", "'", "f'", "$", "?",
    ],
}
SOURCES_PER_FAMILY = 1500
TOKENIZER_ERROR_CLASSES = (SyntaxError,)


def generate(family, frags):
    rng = random.Random(family)
    out = []
    for _ in range(SOURCES_PER_FAMILY):
        src = "".join(rng.choice(frags) for _ in range(rng.randint(1, 10)))
        out.append(src.lstrip(" \t\f"))   # a leading indent is a parser error
    return out


def cpython(src):
    if isinstance(src, str):
        src = src.encode("utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(src, "t.py", "exec")
            return None
        except SyntaxError as e:
            return (e.lineno, e.offset, e.msg)
        except ValueError as e:
            return (None, None, str(e))


CORPORA = [
    "/root/.pyenv/versions/{v}/lib/python3.13",
    "/usr/lib/python3.11",
    "/usr/lib/python3/dist-packages/django",
    "/usr/lib/python3/dist-packages/flask",
]


def corpus_files():
    """The corpus files, and the corpus folders that are missing."""
    v = "%d.%d.%d" % sys.version_info[:3]
    out, missing = [], []
    for root in CORPORA:
        if not os.path.isdir(root.format(v=v)):
            missing.append(root.format(v=v))
        for d, dirs, files in os.walk(root.format(v=v)):
            dirs[:] = sorted(x for x in dirs if x not in ("site-packages", "dist-packages", "__pycache__"))
            out.extend(os.path.join(d, f) for f in sorted(files) if f.endswith(".py"))
    return [f for f in out if os.path.isfile(f)], missing


def check_corpora(harness):
    """Every corpus file CPython compiles must lex; for the others the
    lexer's error, when it is one of the tokenizer's, must be CPython's."""
    files, missing = corpus_files()
    if missing:
        print("FAIL lexer-corpora: corpus folders missing: %s" % ", ".join(missing))
        return
    results = {}
    for i in range(0, len(files), 500):
        r = subprocess.run([harness, "--lex", *files[i:i + 500]], capture_output=True, text=True,
                           errors="surrogateescape")
        results.update(line.split("\t", 1) for line in r.stdout.splitlines() if "\t" in line)
    problems, rejected = [], 0
    for f in files:
        got = results.get(f)
        if got is None:
            problems.append("%s: no result from the harness" % f)
            continue
        if got == "OK":
            continue
        rejected += 1
        with open(f, "rb") as fh:
            want = cpython(fh.read())
        if want is None:
            problems.append("%s: CPython compiles it, krait: %s" % (f, got))
        elif got.startswith("ERROR ") and want[2].startswith(TOKENIZER_MESSAGES):
            _, line, col, kind, msg = got.split(" ", 4)
            if kind == "immediate" and (int(line), msg) != (want[0], want[2]):
                problems.append("%s: CPython %s, krait (%s, %s, %r)" % (f, want, line, col, msg))
    # The parsing mode must cut the same tokens as tokenize mode (which
    # tokenize.test compares with CPython), minus COMMENT and NL.
    accepted = [f for f in files if results.get(f) == "OK"]
    for i in range(0, len(accepted), 500):
        r = subprocess.run([harness, "--modes", *accepted[i:i + 500]], capture_output=True, text=True,
                           errors="surrogateescape")
        for line in r.stdout.splitlines():
            name, _, verdict = line.partition("\t")
            if verdict != "SAME":
                problems.append("%s: parsing and tokenize modes differ: %s" % (name, verdict))
    if problems:
        print("FAIL lexer-corpora: %d problems in %d files; first: %s" % (len(problems), len(files), " | ".join(problems[:3])))
    else:
        print("PASS lexer-corpora: %d files, %d rejected by both CPython and krait, modes agree"
              % (len(files), rejected))


def main():
    build = os.environ.get("KRAIT_BUILD", "build")
    harness = os.path.join(build, "tests", "unit", "test_lexer")
    if not os.access(harness, os.X_OK):
        print("FAIL lexer-errors-setup: %s is not built" % harness)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        for family, frags in FAMILIES.items():
            sources = generate(family, frags)
            paths = []
            for i, src in enumerate(sources):
                p = os.path.join(tmp, "%s-%d.py" % (family, i))
                with open(p, "w", encoding="utf-8", newline="") as f:
                    f.write(src)
                paths.append(p)
            r = subprocess.run([harness, "--lex", *paths], capture_output=True, text=True)
            results = dict(line.split("\t", 1) for line in r.stdout.splitlines() if "\t" in line)
            problems, compared = [], 0
            for p, src in zip(paths, sources):
                want = cpython(src)
                got = results.get(p)
                if got is None:
                    problems.append("%r: no result from the harness" % src)
                    continue
                tok_error = want is not None and want[2].startswith(TOKENIZER_MESSAGES)
                if want is None:
                    if got != "OK":
                        problems.append("%r: CPython accepts it, krait: %s" % (src, got))
                    continue
                if got == "OK":
                    if tok_error:
                        problems.append("%r: CPython %s, krait accepts it" % (src, want))
                    continue
                _, line, col, kind, msg = got.split(" ", 4)
                if not tok_error or kind != "immediate":
                    continue
                compared += 1
                if (int(line), int(col), msg) != tuple(want):
                    problems.append("%r: CPython %s, krait (%s, %s, %r)" % (src, want, line, col, msg))
            if r.returncode != 0:
                problems.append("harness exited with status %d" % r.returncode)
            if problems:
                print("FAIL lexer-errors-%s: %d problems in %d sources; first: %s"
                      % (family, len(problems), len(sources), " | ".join(problems[:3])))
                for prob in problems[:15]:
                    print("  " + prob, file=sys.stderr)
            else:
                print("PASS lexer-errors-%s: %d sources, %d tokenizer errors identical"
                      % (family, len(sources), compared))
            sys.stdout.flush()
    check_corpora(harness)
    return 0


if __name__ == "__main__":
    sys.exit(main())
