#!/bin/sh
# tests/run.sh BUILD - runs every test suite and ends with "N passed, N failed".
#
# A suite is either a unit-test binary (BUILD/tests/unit/test_*) or an
# executable file tests/<layer>/*.test. Each prints one line per case:
#   PASS name | FAIL name: why | SKIP name: why
# A suite that exits non-zero without printing a FAIL line counts as one
# failure (a crash must never pass silently). Suites get in the environment:
#   KRAIT         the binary under test (absolute path)
#   KRAIT_ROOT    the repository root
#   KRAIT_BUILD   the build folder (absolute)
#   KRAIT_SHARED  ../shared beside the repository, or empty when absent
# Usage: tests/run.sh BUILD [PATTERN]  (PATTERN filters suite file names)
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-build}" && pwd)
pattern=${2:-}
export KRAIT="$build/krait" KRAIT_ROOT="$root" KRAIT_BUILD="$build"
if [ -n "${KRAIT_SHARED:-}" ] && [ -d "$KRAIT_SHARED" ]; then :   # set by the caller (e.g. a worktree elsewhere)
elif [ -d "$root/../shared" ]; then KRAIT_SHARED=$(cd "$root/../shared" && pwd)
else KRAIT_SHARED=""; fi
export KRAIT_SHARED

passed=0 failed=0 skipped=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run_suite() {
    name=$1; shift
    start=$(date +%s)
    "$@" >"$log" 2>&1
    rc=$?
    p=$(grep -c '^PASS ' "$log")
    f=$(grep -c '^FAIL ' "$log")
    s=$(grep -c '^SKIP ' "$log")
    grep -E '^(FAIL|SKIP) ' "$log" | sed "s|^|  [$name] |"
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "  [$name] FAIL suite exited with status $rc; last output:"
        tail -n 15 "$log" | sed 's|^|    |'
        f=1
    fi
    end=$(date +%s)
    printf '%-40s %5d passed %4d failed %4d skipped  (%ds)\n' "$name" "$p" "$f" "$s" $((end - start))
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}

for bin in "$build"/tests/unit/test_*; do
    case "$bin" in *.d) continue ;; esac
    [ -x "$bin" ] || continue
    name="unit/$(basename "$bin")"
    case "$name" in *"$pattern"*) ;; *) continue ;; esac
    run_suite "$name" "$bin"
done

for suite in "$root"/tests/*/*.test; do
    [ -x "$suite" ] || continue
    name="${suite#"$root"/tests/}"
    case "$name" in *"$pattern"*) ;; *) continue ;; esac
    run_suite "$name" "$suite"
done

if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
