#!/bin/sh
# Regenerates tests/golden/parse-errors/cases.expected: for each case of
# cases.txt ("=== NAME" then the source), CPython's verdict on ast.parse:
# "NAME LINE:COL: MESSAGE", or "NAME ACCEPT". Review before committing.
set -eu
cd "$(dirname "$0")/.."
py=$(tests/lib/oracle-python.sh)
"$py" - tests/golden/parse-errors/cases.txt > tests/golden/parse-errors/cases.expected <<'PY'
import ast, sys
cases, name = {}, None
for line in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    if line.startswith("=== "):
        name = line[4:].strip()
        cases[name] = []
    elif name is not None:
        cases[name].append(line)
for name, lines in cases.items():
    src = "\n".join(lines).rstrip("\n") + "\n"
    try:
        ast.parse(src)
        print(name, "ACCEPT")
    except SyntaxError as e:
        print(name, "%d:%d: %s" % (e.lineno, e.offset, e.msg))
PY
echo "regenerated tests/golden/parse-errors/cases.expected with $py"
