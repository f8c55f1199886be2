#!/usr/bin/env bash
# Checks on the real corpus (../shared/corpus, or $CORPUS) that --shard I/N
# splits the files into disjoint shards whose union is the unsharded run:
# the same files (checkstyle lists every file linted) and the same findings.
# Skips cleanly when the corpus is absent. Usage: scripts/shard-check.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/corpus}
N=${1:-4}
if [ ! -d "$CORPUS" ]; then
  echo "shard-check: $CORPUS not found; skipped"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/postlint" ./cmd/postlint

lint() { # lint OUT ARGS...: exit status 0 or 1 (findings) is fine
  local out=$1 st=0; shift
  "$work/postlint" --format checkstyle "$@" "$CORPUS" > "$out" 2> /dev/null || st=$?
  if [ "$st" -gt 1 ] && [ ! -s "$out" ]; then echo "shard-check: postlint failed ($st)"; exit 1; fi
}
lint "$work/full.xml"
for i in $(seq 1 "$N"); do lint "$work/shard$i.xml" --shard "$i/$N"; done

python3 - "$work" "$N" <<'PY'
import sys, xml.etree.ElementTree as ET
work, n = sys.argv[1], int(sys.argv[2])
def read(path):
    files = {}
    for f in ET.parse(path).getroot().iter("file"):
        files[f.get("name")] = sorted((e.get("line"), e.get("column"), e.get("source"), e.get("message")) for e in f.iter("error"))
    return files
full = read(f"{work}/full.xml")
union, sizes = {}, []
for i in range(1, n + 1):
    shard = read(f"{work}/shard{i}.xml")
    sizes.append(len(shard))
    for name, errs in shard.items():
        if name in union:
            sys.exit(f"shard-check: FAIL: {name} is in two shards")
        union[name] = errs
findings = sum(len(e) for e in full.values())
print(f"shard-check: {len(full)} files, {findings} findings; shards of {sizes} files")
if union.keys() != full.keys():
    sys.exit(f"shard-check: FAIL: the shards cover {len(union)} files, the full run {len(full)}")
if union != full:
    bad = [k for k in full if full[k] != union[k]]
    sys.exit(f"shard-check: FAIL: findings differ in {len(bad)} files, e.g. {bad[:3]}")
print(f"shard-check: 1 passed, 0 failed (the union of {n} shards equals the full run)")
PY
