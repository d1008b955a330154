"""An independent reading of OSV advisories for PyPI, with Debian's
python3-packaging for versions: the oracle that krait's dependency audit is
checked against (tests/deps/oracle.test) and timed against (bench/deps.sh).

OSV semantics (https://ossf.github.io/osv-schema/): a version is affected
when it equals an entry of `versions`, or when walking a range's events in
version order leaves it inside: introduced opens ("0" = from the start),
fixed closes at the version, last_affected closes after it, limit caps the
range. Values that are not PEP 440 versions cannot be ordered and are
skipped. Withdrawn advisories are ignored."""
import json
import re
import zipfile

from packaging.version import InvalidVersion, Version


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def parse(text):
    try:
        return Version(text)
    except InvalidVersion:
        return None


class Entry:
    def __init__(self, affected):
        self.listed = [v for v in (parse(s) for s in affected.get("versions", [])) if v is not None]
        self.ranges = []
        for r in affected.get("ranges", []):
            if r.get("type") != "ECOSYSTEM":
                continue
            events = []
            for e in r.get("events", []):
                for kind, value in e.items():
                    if kind == "introduced" and value == "0":
                        events.append((0, None, kind))
                        continue
                    v = parse(value)
                    if v is not None:
                        events.append((1, v, kind))
            events.sort(key=lambda t: (t[0], t[1] if t[1] is not None else Version("0")))
            self.ranges.append(events)
        self.raw_versions = affected.get("versions", [])
        self.raw_events = [e for r in affected.get("ranges", []) for e in r.get("events", [])]

    def affects(self, v):
        if any(v == x for x in self.listed):
            return True
        for events in self.ranges:
            inside = False
            for _, ev, kind in events:
                if kind == "introduced":
                    if ev is None or v >= ev:
                        inside = True
                elif kind == "fixed":
                    if v >= ev:
                        inside = False
                elif kind == "last_affected":
                    if v > ev:
                        inside = False
                elif kind == "limit":
                    if v >= ev:
                        inside = False
                        break
            if inside:
                return True
        return False


def load(zip_path):
    """{normalised package: [(advisory id, [Entry...])]}, withdrawn left out."""
    db = {}
    with zipfile.ZipFile(zip_path) as z:
        for name in z.namelist():
            if not name.endswith(".json"):
                continue
            rec = json.loads(z.read(name))
            if rec.get("withdrawn"):
                continue
            per_pkg = {}
            for aff in rec.get("affected", []):
                pkg = aff.get("package", {})
                if pkg.get("ecosystem") != "PyPI":
                    continue
                per_pkg.setdefault(normalize(pkg["name"]), []).append(Entry(aff))
            for pkg, entries in per_pkg.items():
                db.setdefault(pkg, []).append((rec["id"], entries))
    return db


def affected_ids(db, package, version):
    v = parse(version)
    if v is None:
        return set()
    return {aid for aid, entries in db.get(normalize(package), []) if any(e.affects(v) for e in entries)}
