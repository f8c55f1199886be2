#!/usr/bin/env bash
# Runs the prose rules, the precise spelling rule and the house rule pack
# (testdata/packs/house) over ../shared/corpus (or $CORPUS): counts per rule
# and a random sample of findings to read (SAMPLE=N, default 20 per rule;
# SEED for another sample). Skips cleanly when the corpus is absent.
# Usage: scripts/prose-check.sh [RULE...]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${CORPUS:-}" ]; then
  CORPUS=../shared/corpus
  [ -d "$CORPUS" ] || CORPUS=../../shared/corpus # from a worktree under wt/
fi
if [ ! -d "$CORPUS" ]; then
  echo "prose-check: $CORPUS not found; skipped"
  exit 0
fi
CORPUS=$(cd "$CORPUS" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/postlint" ./cmd/postlint
printf 'packs: [%s]\nrules:\n  sentence-spacing: warning\n  typography: warning\n' "$PWD/testdata/packs/house" >"$work/.postlint.yml"
(cd "$work" && ./postlint --format json "$CORPUS" >lint.json 2>lint.err) || true
python3 - "$work/lint.json" "${SAMPLE:-20}" "${SEED:-1}" "$@" <<'PY'
import json, sys, random, collections
d = json.load(open(sys.argv[1]))
n, seed, only = int(sys.argv[2]), int(sys.argv[3]), set(sys.argv[4:])
prose = {"repeated-word", "indefinite-article", "product-names", "empty-front-matter-value", "no-todo",
         "sentence-spacing", "typography", "spelling"}
fs = [f for f in d["findings"] if (f["rule"] in prose or f["rule"].startswith("house/")) and (not only or f["rule"] in only)]
by = collections.defaultdict(list)
for f in fs:
    by[f["rule"]].append(f)
print(f'{d["summary"]["files"]} files')
for rule in sorted(by, key=lambda r: -len(by[r])):
    print(f"  {rule:28} {len(by[rule])}")
random.seed(seed)
for rule in sorted(by):
    print(f"\n== {rule}: a sample")
    for f in random.sample(by[rule], min(n, len(by[rule]))):
        line = open(f["path"], encoding="utf-8", errors="replace").read().split("\n")[f["line"] - 1]
        c = f["column"]
        print(f'{f["path"]}:{f["line"]}:{c}: {f["message"]}\n    | {line[max(0, c - 60):c + 60].strip()}')
PY
