#!/bin/sh
# Prints the path of a CPython 3.13 (the oracle whose unicodedata, repr and
# ast.dump the front end reproduces exactly); exits 1 with a message if none.
for py in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.13*/bin/python3 "$(command -v python3.13 2>/dev/null)" \
          "$(command -v python3 2>/dev/null)"; do
    [ -n "$py" ] && [ -x "$py" ] || continue
    if "$py" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 13) else 1)' 2>/dev/null; then
        echo "$py"
        exit 0
    fi
done
echo "no CPython 3.13 found (looked in pyenv, python3.13 and python3 on PATH)" >&2
exit 1
