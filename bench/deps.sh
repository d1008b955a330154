#!/bin/sh
# bench/deps.sh KRAIT - the dependency audit beside a Python oracle
# (tests/deps/osv_oracle.py with Debian's python3-packaging) on the shared
# OSV export: time to import the whole zip, and to audit a 1,000-line
# requirements file. Prints both times and the ratio (oracle / krait).
set -eu
krait=$(cd "$(dirname "${1:-build/krait}")" && pwd)/$(basename "${1:-build/krait}")
root=$(cd "$(dirname "$0")/.." && pwd)
zip="${KRAIT_SHARED:-$root/../shared}/osv/PyPI-all.zip"
[ -f "$zip" ] || { echo "bench/deps: $zip is absent, skipped"; exit 0; }
exec /usr/bin/python3 - "$krait" "$zip" "$root" <<'PY'
import os, random, subprocess, sys, tempfile, time
krait, zip_path, root = sys.argv[1:4]
sys.path.insert(0, os.path.join(root, "tests", "deps"))
import osv_oracle

with tempfile.TemporaryDirectory() as tmp:
    env = dict(os.environ, KRAIT_DB=os.path.join(tmp, "db.sqlite3"))
    t0 = time.perf_counter()
    subprocess.run([krait, "db", "import", zip_path], env=env, check=True, capture_output=True)
    k_import = time.perf_counter() - t0
    t0 = time.perf_counter()
    db = osv_oracle.load(zip_path)
    o_import = time.perf_counter() - t0

    rng = random.Random(1000)
    pairs = []
    pkgs = sorted(db)
    while len(pairs) < 1000:
        pkg = rng.choice(pkgs)
        versions = [v for _, es in db[pkg] for e in es for v in e.raw_versions if osv_oracle.parse(v)]
        if versions:
            pairs.append((pkg, rng.choice(versions)))
    req = os.path.join(tmp, "requirements.txt")
    with open(req, "w") as f:
        f.writelines("%s==%s\n" % p for p in pairs)
    t0 = time.perf_counter()
    subprocess.run([krait, "deps", "-r", req, "--format", "json"], env=env, capture_output=True)
    k_audit = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = sum(len(osv_oracle.affected_ids(db, p, v)) for p, v in pairs)
    o_audit = time.perf_counter() - t0

print("bench/deps: OSV export %s (%.1f MB)" % (os.path.basename(zip_path), os.path.getsize(zip_path) / 1e6))
print("  import whole zip      krait %7.3f s   python oracle %7.3f s   ratio %5.1fx" % (k_import, o_import, o_import / k_import))
print("  audit 1,000 pins      krait %7.3f s   python oracle %7.3f s   ratio %5.1fx  (%d advisories hit)"
      % (k_audit, o_import + o_audit, (o_import + o_audit) / k_audit, found))
print("  (a run as a user starts it: krait opens its database, the oracle must read the export first;")
print("   the oracle's matching alone, data already in memory, took %.3f s)" % o_audit)
PY
