#!/bin/sh
# make demo: what krait can show today on the example project.
#  1. the advisory database: built from ../shared/osv/PyPI-all.zip when it
#     is there (offline), else downloaded with `krait db update`;
#  2. the dependency audit of examples/requirements.txt;
#  3. the AST of examples/app.py, once the parser exists.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
krait=$(cd "$(dirname "${1:-build/krait}")" && pwd)/$(basename "${1:-build/krait}")
cd "$root"
export KRAIT_DB="${KRAIT_DB:-$root/build/demo/osv-pypi.sqlite3}"
mkdir -p "$(dirname "$KRAIT_DB")"
zip="$root/../shared/osv/PyPI-all.zip"
echo "== the advisory database ($KRAIT_DB)"
if [ -f "$zip" ]; then
    "$krait" db import "$zip"
else
    "$krait" db update
fi
echo
echo "== krait deps -r examples/requirements.txt"
status=0
"$krait" deps -r examples/requirements.txt || status=$?
[ "$status" -le 1 ] || exit "$status"   # 1 means findings: that is the point
if "$krait" help | grep -q '^  parse '; then
    echo
    echo "== krait parse --dump examples/app.py"
    "$krait" parse --dump examples/app.py
fi
