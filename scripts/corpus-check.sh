#!/usr/bin/env bash
# Runs postlint over the real corpora in ../shared/corpus (or $CORPUS): counts
# findings per rule, then checks on a copy that --fix twice equals --fix once.
# Skips cleanly when the corpus is absent. Usage: scripts/corpus-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/corpus}
if [ ! -d "$CORPUS" ]; then
  echo "corpus-check: $CORPUS not found; skipped"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/postlint" ./cmd/postlint

echo "== findings per rule on $CORPUS"
status=0
"$work/postlint" --format json "$CORPUS" >"$work/lint.json" 2>"$work/lint.err" || status=$?
if [ "$status" -gt 1 ]; then
  echo "(exit $status; stderr:)"; sed 's/^/  /' "$work/lint.err"
fi
python3 - "$work/lint.json" <<'PY'
import json, sys, collections
d = json.load(open(sys.argv[1]))
c = collections.Counter(f["rule"] for f in d["findings"])
print(f'{d["summary"]["files"]} files, {len(d["findings"])} findings')
for rule, n in c.most_common():
    print(f"  {rule:20} {n}")
PY

echo "== --fix twice equals --fix once"
cp -r "$CORPUS" "$work/once"
chmod -R u+w "$work/once"
"$work/postlint" --fix --quiet "$work/once" >/dev/null 2>&1 || true
cp -r "$work/once" "$work/twice"
"$work/postlint" --fix --quiet "$work/twice" >/dev/null 2>&1 || true
if diff -r "$work/once" "$work/twice" >/dev/null; then
  changed=$( (diff -rq "$CORPUS" "$work/once" || true) | wc -l)
  echo "ok: the second --fix changed nothing ($changed files changed by the first)"
else
  echo "FAIL: the second --fix changed files:"; diff -rq "$work/once" "$work/twice" | head
  exit 1
fi
