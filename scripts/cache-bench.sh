#!/usr/bin/env bash
# Measures --cache on the real corpus (../shared/corpus, or $CORPUS): a cold
# run (empty cache) against a warm one (same cache, nothing changed), best of
# $RUNS each, and checks that both print the same. Fails when the speedup is
# below $MIN_SPEEDUP (default 10; 0 only reports). Skips cleanly when the
# corpus is absent. Usage: scripts/cache-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/corpus}
RUNS=${RUNS:-3}
MIN_SPEEDUP=${MIN_SPEEDUP:-10}
if [ ! -d "$CORPUS" ]; then
  echo "cache-bench: $CORPUS not found; skipped"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/postlint" ./cmd/postlint

timed() { # timed OUT ARGS...: prints the wall time in seconds
  local out=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$work/postlint" "$@" "$CORPUS" > "$out" 2>&1 || true
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
best() { printf '%s\n' "$@" | sort -g | head -1; }

nocache=() cold=() warm=()
for _ in $(seq 1 "$RUNS"); do
  nocache+=("$(timed "$work/nocache.txt")")
  rm -rf "$work/cache"
  cold+=("$(timed "$work/cold.txt" --cache="$work/cache")")
  warm+=("$(timed "$work/warm.txt" --cache="$work/cache")")
done
cmp -s "$work/cold.txt" "$work/nocache.txt" || { echo "cache-bench: FAIL: a cold cached run prints otherwise"; exit 1; }
cmp -s "$work/warm.txt" "$work/nocache.txt" || { echo "cache-bench: FAIL: a warm run prints otherwise"; diff "$work/nocache.txt" "$work/warm.txt" | head; exit 1; }
n=$(best "${nocache[@]}") c=$(best "${cold[@]}") w=$(best "${warm[@]}")
files=$(tail -1 "$work/warm.txt")
speedup=$(echo "$c / $w" | bc -l)
printf 'cache-bench: %s\n' "$files"
printf 'cache-bench: best of %d: no cache %.2fs, cold %.2fs, warm %.2fs: warm is %.1fx faster than cold (%.1fx than no cache); cache %s\n' \
  "$RUNS" "$n" "$c" "$w" "$speedup" "$(echo "$n / $w" | bc -l)" "$(du -sh "$work/cache" | cut -f1)"
if [ "$(echo "$speedup < $MIN_SPEEDUP" | bc -l)" = 1 ]; then
  echo "cache-bench: FAIL: speedup below $MIN_SPEEDUP"
  exit 1
fi
