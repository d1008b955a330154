#!/bin/sh
# Regenerates tests/golden/parse/*.expected from CPython (the oracle found by
# tests/lib/oracle-python.sh, 3.13): ast.dump(ast.parse(source),
# include_attributes=True) of each NAME.py. Review the diff before committing.
set -eu
cd "$(dirname "$0")/.."
py=$(tests/lib/oracle-python.sh)
for src in tests/golden/parse/*.py; do
    "$py" -c 'import ast, sys
print(ast.dump(ast.parse(open(sys.argv[1], "rb").read()), include_attributes=True))' "$src" \
        > "${src%.py}.expected"
done
echo "regenerated $(ls tests/golden/parse/*.expected | wc -l) files with $py"
