"""tokenize_diff.py - the differential behind tokenize.test.

For each corpus (and a set of generated snippets): tokenize every .py file with CPython's tokenize module (in
this process; files it rejects do not count), run `krait tokens --exact` on
all of them in a few batch invocations, and compare the two streams line by
line after the normalisations documented in docs/tokenize-differences.md.
Prints one PASS/FAIL line per corpus. Environment: KRAIT (the binary).
"""
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import time
import tokenize
import warnings
from token import EXACT_TOKEN_TYPES, OP, tok_name

NEWLINE_KINDS = (tokenize.NEWLINE, tokenize.NL)

CORPORA = [
    ("stdlib-3.13", "/root/.pyenv/versions/{v}/lib/python3.13"),
    ("debian-python3.11", "/usr/lib/python3.11"),
    ("django", "/usr/lib/python3/dist-packages/django"),
    ("flask", "/usr/lib/python3/dist-packages/flask"),
]
BATCH = 400


def corpus_files(root):
    out = []
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x not in ("site-packages", "dist-packages", "__pycache__"))
        for f in sorted(files):
            p = os.path.join(d, f)
            if f.endswith(".py") and os.path.isfile(p):
                out.append(p)
    return out


def normalise(s):
    # Normalisation 1: tokenize keeps "\r\n" (and a lone "\r") inside token
    # text; krait, like CPython's compiler, lexes translated newlines.
    return s.replace("\r\n", "\n").replace("\r", "\n")


def oracle_lines(path):
    """tokenize's lines for path (as `-m tokenize -e` prints them), or None
    when tokenize rejects the file. Written for speed: this is the slow part."""
    try:
        with open(path, "rb") as f:
            toks = list(tokenize.tokenize(f.readline))
    except (SyntaxError, tokenize.TokenError, UnicodeDecodeError, ValueError, LookupError):
        return None
    names, exact, op, nl = tok_name, EXACT_TOKEN_TYPES, OP, NEWLINE_KINDS
    lines = []
    append = lines.append
    for typ, s, (a, b), (c, d), _ in toks:
        if typ == op:
            typ = exact.get(s, op)
        if "\r" in s:
            # Normalisation 2: tokenize counts the "\r" of a "\r\n" line end
            # in the end column of NEWLINE and NL; krait's token is the "\n".
            if typ in nl and s == "\r\n":
                d -= 1
            s = normalise(s)
        append(f"{f'{a},{b}-{c},{d}:':<20}{names[typ]:<15}{s!r:<15}")
    return lines


def krait_streams(krait, files):
    streams = {}
    for i in range(0, len(files), BATCH):
        chunk = files[i:i + BATCH]
        r = subprocess.run([krait, "tokens", "--exact", *chunk], capture_output=True)
        text = r.stdout.decode("utf-8", "surrogateescape")
        if len(chunk) == 1:
            text = "# FILE %s\n" % chunk[0] + text
        for part in text.split("# FILE ")[1:]:
            name, _, body = part.partition("\n")
            streams[name] = body.splitlines()
        if r.returncode not in (0, 2):
            streams.setdefault("<crash>", []).append("krait exited %d on batch %d" % (r.returncode, i))
    return streams


def first_difference(want, got):
    for i in range(max(len(want), len(got))):
        w = want[i] if i < len(want) else "<end>"
        g = got[i] if i < len(got) else "<end>"
        if w != g:
            return "token %d: tokenize %.150r, krait %.150r" % (i, w.rstrip(), g.rstrip())
    return None


# The krait streams of the corpus being checked: set before the worker
# pool forks, so the workers read them without any pickling.
STREAMS = {}


def check_file(path):
    """(path, 'rejected'|'same'|difference) for one file."""
    want = oracle_lines(path)
    if want is None:
        return path, "rejected"
    got = STREAMS.get(path)
    if got is None:
        return path, "no output from krait"
    return path, first_difference(want, got) or "same"


# Small generated sources (fixed seed) that stress f-strings, prefixes,
# continuation lines and newline styles beyond what real code contains.
FRAGMENTS = [
    "f'", 'f"', "f'''", 'f"""', "rf'", "'", '"', "'''", '"""', "{", "}", "{{", "}}", "!r", "!s", ":",
    "=", ":>10", "x", "y", "1", "0x1f", " ", "\n", "\\", "\\n", "\\N{BULLET}", "(", ")", "[", "]",
    "#c", "+", ".", "\t", "if", "b'", "u'", "\u00e9", "1.5e3", "lambda", ",", "!=", ":=", "\r\n", "\f",
    "    ", "if x:\n", "$",
]
GENERATED = 3000


def generated_files(folder):
    rng = random.Random("krait-tokenize")
    files = []
    for i in range(GENERATED):
        src = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 12)))
        if rng.random() < 0.5:
            src += "\n"
        p = os.path.join(folder, "g%04d.py" % i)
        with open(p, "w", encoding="utf-8", newline="") as f:
            f.write(src)
        files.append(p)
    return files


def run_corpus(krait, name, files):
    global STREAMS
    start = time.time()
    if os.environ.get("KRAIT_SANITIZE"):
        # Under ASan/UBSan krait is several times slower: check every
        # fourth file so the suite stays within its time budget.
        files = files[::4]
        name += " (every 4th file, sanitizer build)"
    STREAMS = krait_streams(krait, files)
    with multiprocessing.get_context("fork").Pool(2) as pool:
        results = sorted(pool.imap_unordered(check_file, files, chunksize=8))
    rejected = sum(1 for _, r in results if r == "rejected")
    compared = len(results) - rejected
    diffs = ["%s: %s" % (f, r) for f, r in results if r not in ("rejected", "same")]
    if "<crash>" in STREAMS:
        diffs.extend(STREAMS["<crash>"])
    secs = time.time() - start
    if diffs:
        print("FAIL %s: %d of %d files differ; first: %s" % (name, len(diffs), compared, " | ".join(diffs[:3])))
        for d in diffs[:20]:
            print("  " + d, file=sys.stderr)
    else:
        print("PASS %s: %d files identical (%d rejected by tokenize, %.1fs)" % (name, compared, rejected, secs))
    sys.stdout.flush()


def main():
    warnings.simplefilter("ignore")   # tokenize's SyntaxWarnings for odd escapes
    krait = os.environ.get("KRAIT")
    if not krait or not os.access(krait, os.X_OK):
        print("FAIL tokenize-setup: KRAIT is not set to an executable krait binary")
        return 1
    v = "%d.%d.%d" % sys.version_info[:3]
    only = sys.argv[1:]
    for name, root in CORPORA:
        if only and name not in only:
            continue
        root = root.format(v=v)
        if not os.path.isdir(root):
            print("FAIL %s: corpus folder %s is missing" % (name, root))
            continue
        run_corpus(krait, name, corpus_files(root))
    if not only or "generated" in only:
        with tempfile.TemporaryDirectory() as tmp:
            run_corpus(krait, "generated", generated_files(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
