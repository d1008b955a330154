#!/bin/sh
# bench/pep440.sh KRAIT - PEP 440 throughput: krait's C code (through the
# test_pep440 --compare harness beside the binary) against Debian's
# packaging on the same 200,000 queries (parse + compare of two versions,
# and specifier-set contains), and prints the ratio (packaging time /
# krait time). Absolute times are noise on a shared machine.
set -eu
build=$(dirname "$1")
harness="$build/tests/unit/test_pep440"
[ -x "$harness" ] || { echo "bench/pep440: $harness not built (make units)" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
/usr/bin/python3 - "$dir/queries.txt" <<'PY'
import random, sys
rng = random.Random(1)
def v():
    s = ".".join(str(rng.randint(0, 20)) for _ in range(rng.randint(1, 4)))
    if rng.random() < 0.2: s += rng.choice(["a", "b", "rc"]) + str(rng.randint(0, 5))
    if rng.random() < 0.1: s += f".post{rng.randint(0, 3)}"
    if rng.random() < 0.1: s += f".dev{rng.randint(0, 3)}"
    return s
with open(sys.argv[1], "w") as f:
    for _ in range(100000):
        f.write(f"O\t{v()}\t{v()}\n")
    for _ in range(100000):
        f.write(f"C\t>={v()},<{v()},!={v()}\t{v()}\tauto\n")
PY
start=$(date +%s.%N)
"$harness" --compare "$dir/queries.txt" >"$dir/krait.out"
mid=$(date +%s.%N)
/usr/bin/python3 - "$dir/queries.txt" >"$dir/packaging.out" <<'PY'
import sys
from packaging.specifiers import SpecifierSet
from packaging.version import Version
for line in open(sys.argv[1]):
    f = line.rstrip("\n").split("\t")
    if f[0] == "O":
        a, b = Version(f[1]), Version(f[2])
        print((a > b) - (a < b))
    else:
        print(int(SpecifierSet(f[1]).contains(f[2])))
PY
end=$(date +%s.%N)
python3 -c "
k = $mid - $start; p = $end - $mid
print(f'pep440: krait {k:.2f}s, packaging {p:.2f}s, ratio {p / k:.1f}x (200,000 queries)')"
