#!/usr/bin/env bash
# Publishes the real corpus (../shared/corpus, or $CORPUS) into a fresh
# directory and checks the promises of postlint publish on it:
#   1. publish --out OUT, then publish --check OUT exits 0;
#   2. the HTML of every output equals the HTML of its input, except where a
#      fix applied (scripts/htmldiff: counts of files changed, and by which rules);
#   3. publishing OUT again changes no post.
# Refused posts (findings at error severity) are listed, not a failure.
# Skips cleanly when the corpus is absent. Usage: scripts/publish-corpus.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/corpus}
if [ ! -d "$CORPUS" ]; then
  echo "publish-corpus: $CORPUS not found; skipped"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/postlint" ./cmd/postlint
go build -o "$work/htmldiff" ./scripts/htmldiff

echo "== postlint publish $CORPUS --out OUT"
status=0
"$work/postlint" publish "$CORPUS" --out "$work/out" >"$work/publish.out" 2>"$work/publish.err" || status=$?
cat "$work/publish.err"
if [ "$status" -gt 1 ]; then
  echo "FAIL: exit $status"; exit 1
fi
if grep -q 'fix refused' "$work/publish.err"; then
  echo "FAIL: the render-safety proof refused fixes (rule bugs), see above"; exit 1
fi
grep ': not published$' "$work/publish.out" | sed 's/: not published$//; s/^/  refused: /' || true

echo "== postlint publish --check OUT"
"$work/postlint" publish --check "$work/out" || { echo "FAIL: --check on the output is not clean"; exit 1; }

echo "== HTML of inputs and outputs"
"$work/htmldiff" "$work/out"

echo "== publishing OUT again"
"$work/postlint" publish -q "$work/out" --out "$work/again"
if diff -r -x manifest.json "$work/out" "$work/again" >/dev/null; then
  echo "ok: publishing the output again changes nothing"
else
  echo "FAIL: publishing the output again changed:"; diff -rq -x manifest.json "$work/out" "$work/again" | head; exit 1
fi
