#!/bin/sh
# bench/secrets.sh KRAIT - times `krait secrets` beside Bandit's hard-coded
# password checks (B105, B106, B107: the nearest peer installed on Debian)
# on Debian's Django tree, and prints the ratio peer/krait. The two do not
# find the same things (Bandit only looks at password-like names in Python,
# krait at tokens and names in every text file); the point is the cost of
# one pass over the same files. Ratios, not absolute times, are the result.
set -eu
krait=${1:-build/krait}
corpus=/usr/lib/python3/dist-packages/django
if [ ! -d "$corpus" ] || ! command -v bandit >/dev/null 2>&1; then
    echo "secrets: skipped (needs python3-django and bandit)"
    exit 0
fi
now() { date +%s.%N; }
t0=$(now)
"$krait" secrets "$corpus" >/dev/null || true
t1=$(now)
bandit -q -r "$corpus" -t B105,B106,B107 -f txt >/dev/null 2>&1 || true
t2=$(now)
awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN {
    k = b - a; p = c - b
    printf "secrets: krait %.2fs, bandit B105-B107 %.2fs, ratio %.1fx\n", k, p, (k > 0 ? p / k : 0)
}'
