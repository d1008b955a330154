#!/bin/sh
# bench/secrets.sh KRAIT - what the secrets pass (and the other project
# checks) add to a code scan: the Debian python3.11 standard library plus
# Debian's site-packages, scanned code-only and then with everything, each
# best of three, one thread. Prints both times and the ratio (target: 1.3x).
set -eu
krait=${1:-build/krait}
set -- /usr/lib/python3.11 /usr/lib/python3/dist-packages
for d in "$@"; do [ -d "$d" ] || { echo "bench/secrets: $d is absent, skipped"; exit 0; }; done
best() {
    b=""
    for _ in 1 2 3; do
        s=$(date +%s.%N)
        "$krait" scan "$@" -j1 >/dev/null 2>&1 || true
        e=$(date +%s.%N)
        t=$(echo "$e - $s" | bc)
        if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
    done
    echo "$b"
}
code=$(best /usr/lib/python3.11 /usr/lib/python3/dist-packages --no-deps --no-secrets)
full=$(best /usr/lib/python3.11 /usr/lib/python3/dist-packages --no-deps)
printf 'bench/secrets: stdlib 3.11 + Debian site-packages, one thread, best of 3\n'
printf '  code only        %6.2f s\n  code + secrets   %6.2f s   ratio %.2fx (target <= 1.30x)\n' "$code" "$full" \
    "$(echo "$full / $code" | bc -l)"
