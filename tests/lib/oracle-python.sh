#!/bin/sh
# Prints the path of the newest CPython >= 3.12 on this machine (the oracle
# for the parser and tokenizer tests); exits 1 with a message if none.
# Looks at pyenv's versions, then python3.X on PATH, then python3.
for cand in $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.* 2>/dev/null | sort -V -r); do
    if [ -x "$cand/bin/python3" ]; then set -- "$@" "$cand/bin/python3"; fi
done
for v in 3.14 3.13 3.12; do
    p=$(command -v "python$v" 2>/dev/null) && set -- "$@" "$p"
done
p=$(command -v python3 2>/dev/null) && set -- "$@" "$p"
for py in "$@"; do
    if "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
        echo "$py"
        exit 0
    fi
done
echo "oracle-python: no CPython >= 3.12 found (looked in pyenv and on PATH)" >&2
exit 1
