#!/bin/sh
# make demo: krait on the example project (a small, deliberately insecure
# Flask app with outdated dependencies, a committed secret and an
# end-of-life Python target).
#  1. the advisory database: built from ../shared/osv/PyPI-all.zip when it
#     is there (offline), else downloaded with `krait db update`;
#  2. `krait scan` of examples/: every family that exists today;
#  3. `krait deps --fix --dry-run`: what upgrading the pins would change.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
krait=$(cd "$(dirname "${1:-build/krait}")" && pwd)/$(basename "${1:-build/krait}")
export KRAIT_DB="${KRAIT_DB:-$root/build/demo/osv-pypi.sqlite3}"
mkdir -p "$(dirname "$KRAIT_DB")"
zip="$root/../shared/osv/PyPI-all.zip"
echo "== the advisory database ($KRAIT_DB)"
if [ -f "$zip" ]; then
    "$krait" db import "$zip"
else
    "$krait" db update
fi
cd "$root/examples"
echo
echo "== krait scan   (in examples/)"
status=0
"$krait" scan || status=$?
[ "$status" -le 1 ] || exit "$status"   # 1 means findings: that is the point
echo
echo "== krait deps --fix --dry-run   (in examples/)"
status=0
"$krait" deps -r requirements.txt --fix --dry-run >/dev/null || status=$?
[ "$status" -le 1 ] || exit "$status"
"$krait" deps -r requirements.txt --fix --dry-run 2>&1 | sed -n '/^---/,$p'
