#!/bin/sh
# make demo: what krait can show today. Later issues replace the AST dump
# with a full scan of the example project.
set -eu
krait=${1:-build/krait}
cd "$(dirname "$0")/.."
echo "== krait parse --dump examples/app.py"
"$krait" parse --dump examples/app.py
