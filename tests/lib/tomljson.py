"""tomljson.py - helpers shared by the TOML differential suites
(tests/diff/toml-test.test and tests/diff/tomllib.test).

Values are compared in toml-test's tagged JSON ({"type": ..., "value": "..."}
for every scalar), normalised so that two spellings of one value compare
equal: integers and floats by value (nan equal to nan, -0.0 apart from 0.0),
date-times by their fields with the fraction cut to a given number of digits
and trailing zeros dropped, and a zero offset written as Z."""
import datetime
import json
import math
import re
import subprocess

SCALARS = {"string", "integer", "float", "bool", "datetime", "datetime-local", "date-local", "time-local"}

_DT = re.compile(r"^(?:(\d{4}-\d{2}-\d{2}))?(?:[Tt ]?(\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?)?"
                 r"([Zz]|[+-]\d{2}:\d{2})?$")


def norm_datetime(text, digits):
    m = _DT.match(text)
    if not m:
        return ("bad-datetime", text)
    date, time, frac, offset = m.groups()
    frac = (frac or "")[:digits].rstrip("0")
    if offset in ("Z", "z", "+00:00", "-00:00"):
        offset = "Z"
    return (date, time, frac, offset)


def norm_float(text):
    v = float(text)
    return "nan" if math.isnan(v) else repr(v)


def normalise(v, digits=9):
    """A hashable, comparable form of a tagged-JSON value."""
    if isinstance(v, dict):
        if set(v) == {"type", "value"} and isinstance(v["value"], str) and v["type"] in SCALARS:
            t, s = v["type"], v["value"]
            if t == "integer":
                return (t, int(s))
            if t == "float":
                return (t, norm_float(s))
            if t in ("datetime", "datetime-local", "date-local", "time-local"):
                return (t, norm_datetime(s, digits))
            return (t, s)
        return {k: normalise(x, digits) for k, x in v.items()}
    if isinstance(v, list):
        return [normalise(x, digits) for x in v]
    return ("untagged", repr(v))


def _frac(micro):
    return ".%06d" % micro if micro else ""


def _offset(dt):
    off = dt.utcoffset()
    mins = int(off.total_seconds()) // 60
    if mins == 0:
        return "Z"
    sign = "-" if mins < 0 else "+"
    mins = abs(mins)
    return "%s%02d:%02d" % (sign, mins // 60, mins % 60)


def tag_python(v):
    """tomllib's decoded value in tagged JSON."""
    if isinstance(v, dict):
        return {k: tag_python(x) for k, x in v.items()}
    if isinstance(v, list):
        return [tag_python(x) for x in v]
    if isinstance(v, bool):
        return {"type": "bool", "value": "true" if v else "false"}
    if isinstance(v, int):
        return {"type": "integer", "value": str(v)}
    if isinstance(v, float):
        return {"type": "float", "value": repr(v)}
    if isinstance(v, str):
        return {"type": "string", "value": v}
    if isinstance(v, datetime.datetime):
        text = "%04d-%02d-%02dT%02d:%02d:%02d%s" % (v.year, v.month, v.day, v.hour, v.minute, v.second,
                                                   _frac(v.microsecond))
        if v.tzinfo is None:
            return {"type": "datetime-local", "value": text}
        return {"type": "datetime", "value": text + _offset(v)}
    if isinstance(v, datetime.date):
        return {"type": "date-local", "value": "%04d-%02d-%02d" % (v.year, v.month, v.day)}
    if isinstance(v, datetime.time):
        return {"type": "time-local", "value": "%02d:%02d:%02d%s" % (v.hour, v.minute, v.second, _frac(v.microsecond))}
    raise TypeError("unexpected %r" % type(v))


def _crashed(stderr):
    return "Sanitizer" in stderr or "runtime error:" in stderr


def decode_all(harness, paths):
    """Decodes every path in one harness process: {path: (json, error)}.
    If that process dies, falls back to one process per file so that the
    crash is charged to the file that caused it."""
    r = subprocess.run([harness, "--decode-batch"], input="".join(p + "\n" for p in paths).encode(),
                       capture_output=True, timeout=600)
    lines = r.stdout.decode("utf-8").split("\n")
    stderr = r.stderr.decode("utf-8", "replace")
    if r.returncode != 0 or _crashed(stderr) or len(lines) != len(paths) + 1:
        return {p: decode(harness, p) for p in paths}
    return dict(zip(paths, _parse_lines(lines, len(paths))))


def _parse_lines(lines, n):
    out = []
    for line in lines[:n]:
        status, _, rest = line.partition("\t")
        if status == "ok":
            try:
                out.append((json.loads(rest), None))
            except ValueError as e:
                out.append((None, "CRASH: harness printed bad JSON: %s" % e))
        else:
            out.append((None, rest or "rejected without a message"))
    return out


def decode_docs(harness, docs):
    """Decodes documents (bytes) without files: a list of (json, error).
    If the harness dies, each document is retried alone so that the crash
    is charged to the one that caused it."""
    def run(batch):
        data = b"".join(b"%d\n" % len(d) + d for d in batch)
        r = subprocess.run([harness, "--decode-docs"], input=data, capture_output=True, timeout=600)
        lines = r.stdout.decode("utf-8").split("\n")
        ok = r.returncode == 0 and not _crashed(r.stderr.decode("utf-8", "replace")) and len(lines) == len(batch) + 1
        return ok, lines, r
    ok, lines, _ = run(docs)
    if ok:
        return _parse_lines(lines, len(docs))
    results = []
    for d in docs:
        ok, lines, r = run([d])
        if ok:
            results += _parse_lines(lines, 1)
        else:
            results.append((None, "CRASH: exit status %d: %s" % (r.returncode, r.stderr.decode("utf-8", "replace")[-300:])))
    return results


def decode(harness, path):
    """Runs the krait harness on path: (json value, None) or (None, error)."""
    try:
        r = subprocess.run([harness, "--decode", path], capture_output=True, timeout=30)
    except subprocess.TimeoutExpired:
        return None, "timed out"
    stderr = r.stderr.decode("utf-8", "replace")
    if r.returncode == 1 and not _crashed(stderr):
        return None, stderr.strip() or "rejected without a message"
    if r.returncode != 0:
        return None, "CRASH: exit status %d: %s" % (r.returncode, r.stderr.decode("utf-8", "replace")[-300:])
    try:
        return json.loads(r.stdout.decode("utf-8")), None
    except ValueError as e:
        return None, "CRASH: harness printed bad JSON: %s" % e


def first_difference(a, b, where=""):
    """A short description of where two normalised values differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(a) + [k for k in b if k not in a]:
            if k not in a:
                return "%s.%s missing in krait's output" % (where, k)
            if k not in b:
                return "%s.%s unexpected in krait's output" % (where, k)
            d = first_difference(a[k], b[k], "%s.%s" % (where, k))
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return "%s: array length %d, want %d" % (where or ".", len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, "%s[%d]" % (where, i))
            if d:
                return d
        return None
    if a != b:
        return "%s: got %r, want %r" % (where or ".", a, b)
    return None
