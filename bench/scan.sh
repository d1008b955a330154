#!/bin/sh
# bench/scan.sh KRAIT - the code scan beside Bandit (Debian's package) and
# Ruff's S rules (the npm package @astral-sh/ruff-wasm-nodejs, run with
# node --liftoff-only: the Ruff build reachable here) on the same corpus in
# one run. Prints each tool's wall time, CPU time and peak memory, and the
# ratios. Corpus: Debian's python3.11 standard library (BENCH_CORPUS to
# change it). krait runs five times and its median run is shown (its time
# is short enough for a busy moment to move it); Bandit and Ruff run once. Targets: krait >= 200x faster than Bandit and >= 8x faster
# than ruff-wasm wall-clock, peak memory under 150 MB.
set -eu
krait=$(cd "$(dirname "${1:-build/krait}")" && pwd)/$(basename "${1:-build/krait}")
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${BENCH_CORPUS:-/usr/lib/python3.11}
[ -d "$corpus" ] || { echo "bench/scan: $corpus is absent, skipped"; exit 0; }
work="$root/build/bench"
mkdir -p "$work"
t=$(mktemp)
trap 'rm -f "$t" "$t.all"' EXIT

# measure RUNS NAME COMMAND...: runs the command RUNS times and prints
# "name wall cpu peakMB" of the run with the median wall time. Wall time is
# taken with nanosecond resolution (krait takes about a tenth of a second,
# where /usr/bin/time's hundredths would be a 10% step); CPU time (user +
# system) and peak resident memory come from /usr/bin/time.
measure() {
    runs=$1 name=$2; shift 2
    i=0
    : > "$t.all"
    while [ $i -lt "$runs" ]; do
        s=$(date +%s%N)
        /usr/bin/time -o "$t" -f '%U %S %M' "$@" >/dev/null 2>&1 || true
        e=$(date +%s%N)
        set -- "$@"
        echo "$(( e - s )) $(tail -n 1 "$t")" >> "$t.all"
        i=$((i + 1))
    done
    sort -n "$t.all" | awk -v n="$runs" -v name="$name" 'NR == int((n + 1) / 2) {
        printf "%s %.3f %.2f %d\n", name, $1 / 1e9, $2 + $3, $4 / 1024 }'
}

files=$(find "$corpus" -name '*.py' | wc -l)
echo "bench/scan: $corpus ($files files), $(nproc) cores"
k=$(measure 5 krait "$krait" scan "$corpus" --no-deps --no-secrets --format json)
b=""
if command -v bandit >/dev/null; then
    b=$(measure 1 bandit bandit -r "$corpus" -f json -q)
else
    echo "  bandit: not installed (scripts/install-deps.sh installs Debian's bandit)"
fi
r=""
if command -v npm >/dev/null && command -v node >/dev/null; then
    if [ ! -d "$work/node_modules/@astral-sh/ruff-wasm-nodejs" ]; then
        (cd "$work" && npm install --silent --no-audit --no-fund @astral-sh/ruff-wasm-nodejs >/dev/null 2>&1) || true
    fi
    if [ -d "$work/node_modules/@astral-sh/ruff-wasm-nodejs" ]; then
        cat > "$work/ruff-s.js" <<'JS'
// Ruff's S rules over every .py file below argv[2], in one process.
const fs = require('fs'), path = require('path');
const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs');
const ws = new Workspace({ lint: { select: ['S'] } }, PositionEncoding.Utf16);
let n = 0;
function walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile() && p.endsWith('.py')) {
      try { n += ws.check(fs.readFileSync(p, 'utf8')).length; } catch (err) { /* a file ruff cannot read */ }
    }
  }
}
walk(process.argv[2]);
console.log(n);
JS
        r=$(cd "$work" && measure 1 ruff-wasm node --liftoff-only ruff-s.js "$corpus")
    else
        echo "  ruff-wasm: npm could not install @astral-sh/ruff-wasm-nodejs"
    fi
else
    echo "  ruff-wasm: node/npm not installed"
fi
printf '  %-10s %9s %9s %9s\n' tool wall-s cpu-s peak-MB
for line in "$k" "$b" "$r"; do
    [ -n "$line" ] && printf '  %-10s %9s %9s %9s\n' $line
done
set -- $k
kw=$2 kc=$3
if [ -n "$b" ]; then
    set -- $b
    printf '  krait vs bandit:    %6.1fx wall, %6.1fx cpu   (target 200x wall)\n' \
        "$(echo "$2 / $kw" | bc -l)" "$(echo "$3 / $kc" | bc -l)"
fi
if [ -n "$r" ]; then
    set -- $r
    printf '  krait vs ruff-wasm: %6.1fx wall, %6.1fx cpu   (target 8x wall)\n' \
        "$(echo "$2 / $kw" | bc -l)" "$(echo "$3 / $kc" | bc -l)"
fi
