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
        text = v.strftime("%Y-%m-%dT%H:%M:%S") + _frac(v.microsecond)
        if v.tzinfo is None:
            return {"type": "datetime-local", "value": text}
        return {"type": "datetime", "value": text + _offset(v)}
    if isinstance(v, datetime.date):
        return {"type": "date-local", "value": v.strftime("%Y-%m-%d")}
    if isinstance(v, datetime.time):
        return {"type": "time-local", "value": v.strftime("%H:%M:%S") + _frac(v.microsecond)}
    raise TypeError("unexpected %r" % type(v))


def decode(harness, path):
    """Runs the krait harness on path: (json value, None) or (None, error)."""
    try:
        r = subprocess.run([harness, "--decode", path], capture_output=True, timeout=30)
    except subprocess.TimeoutExpired:
        return None, "timed out"
    if r.returncode == 1:
        return None, r.stderr.decode("utf-8", "replace").strip() or "rejected without a message"
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
