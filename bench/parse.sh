#!/bin/sh
# bench/parse.sh KRAIT - parsing speed: krait vs CPython's ast.parse on the
# CPython 3.13 standard library (tests included), each in one process over
# the whole corpus. Prints MB/s of both, the ratio, and krait's peak memory
# beside the size of the largest file. Timings on a shared machine are
# noisy; the ratio is the result.
set -eu
krait=${1:-build/krait}
root=$(cd "$(dirname "$0")/.." && pwd)
py=$("$root/tests/lib/oracle-python.sh")
corpus=${PARSE_BENCH_CORPUS:-$(dirname "$("$py" -c 'import ast; print(ast.__file__)')")}
list=$(mktemp)
timing=$(mktemp)
trap 'rm -f "$list" "$timing"' EXIT
find "$corpus" -name '*.py' -not -path '*/site-packages/*' | sort > "$list"
bytes=$(cat $(cat "$list") | wc -c)
largest=$(xargs ls -l < "$list" | awk '$5 > m { m = $5; f = $9 } END { print m " " f }')
nfiles=$(wc -l < "$list")

# krait: wall time of the whole run, reading files included
/usr/bin/time -o "$timing" -f '%e %U %M' "$krait" parse --quiet --files-from "$list" >/dev/null 2>&1 || true
set -- $(tail -n 1 "$timing")
ksec=$1 kcpu=$2 kmem=$3

# CPython: ast.parse only, files read beforehand
psec=$("$py" - "$list" <<'PY'
import ast, sys, time
paths = [l.rstrip("\n") for l in open(sys.argv[1])]
sources = [open(p, "rb").read() for p in paths]
t, c = time.perf_counter(), time.process_time()
for s in sources:
    try:
        ast.parse(s)
    except (SyntaxError, ValueError):
        pass
print("%.3f %.3f" % (time.perf_counter() - t, time.process_time() - c))
PY
)
pcpu=${psec#* }
psec=${psec% *}
awk -v b="$bytes" -v k="$ksec" -v kc="$kcpu" -v p="$psec" -v pc="$pcpu" -v m="$kmem" -v l="$largest" -v n="$nfiles" -v c="$corpus" 'BEGIN {
    mb = b / 1048576
    if (k <= 0) k = 0.001
    if (kc <= 0) kc = 0.001
    split(l, lf, " ")
    printf "parse %s: %d files, %.1f MB\n", c, n, mb
    printf "  krait      %6.2f s wall %7.1f MB/s   %6.2f s CPU %7.1f MB/s (reading files included)\n", k, mb / k, kc, mb / kc
    printf "  ast.parse  %6.2f s wall %7.1f MB/s   %6.2f s CPU %7.1f MB/s\n", p, mb / p, pc, mb / pc
    printf "  ratio (ast.parse time / krait time): %.1fx wall, %.1fx CPU\n", p / k, pc / kc
    printf "  krait peak memory %.1f MB; largest file %.1f MB (%s): %.1fx\n", m / 1024, lf[1] / 1048576, lf[2], (m * 1024) / lf[1]
}'
