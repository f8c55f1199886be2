#!/usr/bin/env bash
# Times postlint against its peers with hyperfine and prints tables of
# medians and ratios (docs/performance.md quotes them):
#   1. the corpus: goldmark parse only (the floor), postlint (default rules,
#      --preset markdownlint, --fix), rumdl, misspell, markdownlint-cli2,
#      with each command's peak RSS;
#   2. one large file made by concatenating the corpus: 1, 2, 4, 8, 16 and
#      20 MB prefixes, postlint against a goldmark parse of the same file;
#   3. start-up: postlint --version and linting one small post.
# Peers that are not installed are skipped (../shared/bench/install-peers.sh
# installs them); the corpus is ../shared/corpus (or $CORPUS) and the script
# skips cleanly without it.
#   RUNS=5 scripts/bench.sh                 everything
#   SECTIONS="corpus" scripts/bench.sh      some sections: corpus large startup
#   SKIP_MARKDOWNLINT=1                     leave out markdownlint-cli2 (about 90 s a run)
#   RUMDL_LARGE=1                           also time rumdl on the large file (minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/corpus}
PEERS=${PEERS:-$HOME/.cache/postlint-peers}
RUNS=${RUNS:-5}
SECTIONS=${SECTIONS:-corpus large startup}
if [ ! -d "$CORPUS" ]; then echo "bench: $CORPUS not found; skipped"; exit 0; fi
if ! command -v hyperfine >/dev/null; then echo "bench: hyperfine not installed (apt-get install hyperfine); skipped"; exit 0; fi
CORPUS=$(cd "$CORPUS" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/postlint" ./cmd/postlint
go build -o "$work/parseonly" ./scripts/parseonly
go build -o "$work/writefloor" ./scripts/writefloor
pl="$work/postlint"
rumdl=$(find "$PEERS/node/node_modules/@rumdl" -maxdepth 2 -type f -name rumdl 2>/dev/null | head -n 1 || true)
mdl="$PEERS/node/node_modules/.bin/markdownlint-cli2"

echo "# $(date -u +%Y-%m-%d) on $(nproc) cores, $(uname -m); $(go version | cut -d' ' -f3); $("$pl" --version)"
[ -n "$rumdl" ] && echo "# rumdl $("$rumdl" --version 2>/dev/null | awk '{print $NF}')"
[ -x "$mdl" ] && echo "# markdownlint-cli2 $("$mdl" --help 2>/dev/null | head -n 1 | awk '{print $2}')"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# table JSON BASE prints the medians of a hyperfine export with their ratio
# to the command named BASE, and the peak RSS measured for each (rss file).
table() {
  python3 - "$1" "$2" "$work/rss" <<'PY'
import json, sys, os
r = json.load(open(sys.argv[1]))["results"]
base = {x["command"]: x["median"] for x in r}.get(sys.argv[2])
rss = {}
if os.path.exists(sys.argv[3]):
    for line in open(sys.argv[3]):
        name, kb = line.rstrip("\n").rsplit("\t", 1)
        if kb.isdigit():
            rss[name] = int(kb) // 1024
print(f"| {'command':46} | {'median s':>9} | {'min s':>7} | {'max s':>7} | {'ratio':>7} | {'peak RSS MB':>11} |")
print(f"|{'-'*48}|{'-'*11}|{'-'*9}|{'-'*9}|{'-'*9}|{'-'*13}|")
for x in r:
    ratio = x["median"] / base if base else float("nan")
    print(f"| {x['command']:46} | {x['median']:9.2f} | {x['min']:7.2f} | {x['max']:7.2f} | {ratio:6.2f}x | {rss.get(x['command'], ''):>11} |")
PY
}

# rss NAME CMD... records the median peak RSS (KB) of three runs of CMD.
rss() {
  local name=$1
  shift
  local vals=()
  for _ in 1 2 3; do
    /usr/bin/time -f '%M' -o "$work/rss.one" "$@" >/dev/null 2>&1 || true
    vals+=("$(tail -n 1 "$work/rss.one")")
  done
  printf '%s\t%s\n' "$name" "$(printf '%s\n' "${vals[@]}" | sort -n | sed -n 2p)" >>"$work/rss"
}

if [[ " $SECTIONS " == *" corpus "* ]]; then
  names=() cmds=()
  add() { names+=("$1"); cmds+=("$2"); }
  add "goldmark parse only, 2 workers" "$work/parseonly -j 2 $CORPUS"
  add "goldmark parse only, 1 worker" "$work/parseonly -j 1 $CORPUS"
  add "postlint (default rules)" "$pl $CORPUS"
  add "postlint --preset markdownlint" "$pl --preset markdownlint $CORPUS"
  # --fix on a fresh copy each run (the copy is made in --prepare, not timed).
  add "postlint --fix" "$pl --fix $work/fixcopy"
  add "postlint --fix --preset markdownlint" "$pl --fix --preset markdownlint $work/fixcopy"
  # The floor of that run's writing: the same files rewritten the same way
  # (temporary file, fsync, rename) by a program that does nothing else.
  rm -rf "$work/fixcopy" && cp -r "$CORPUS" "$work/fixcopy" && chmod -R u+w "$work/fixcopy"
  "$pl" --fix --preset markdownlint "$work/fixcopy" >/dev/null 2>&1 || true
  (cd "$work/fixcopy" && find . -type f | sort | while read -r f; do cmp -s "$f" "$CORPUS/$f" || echo "$work/fixcopy/${f#./}"; done) >"$work/fixed.list"
  add "write floor: $(wc -l <"$work/fixed.list") files fixed above" "$work/writefloor -j $(nproc) <$work/fixed.list"
  # The same fix run on a copy in memory (tmpfs), where writing costs
  # next to nothing: what postlint's own fix work costs.
  shm=""
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    shm=$(mktemp -d /dev/shm/postlint-bench.XXXXXX)
    trap 'rm -rf "$work" "$shm"' EXIT
    add "postlint --fix --preset markdownlint, tmpfs" "$pl --fix --preset markdownlint $shm/fixcopy"
  fi
  [ -n "$rumdl" ] && add "rumdl check --no-cache" "$rumdl check --no-cache $CORPUS"
  [ -x "$PEERS/bin/misspell" ] && add "misspell" "$PEERS/bin/misspell $CORPUS"
  [ -x "$mdl" ] && [ "${SKIP_MARKDOWNLINT:-}" = "" ] && add "markdownlint-cli2" "$mdl '$CORPUS/**/*.md'"
  args=()
  for i in "${!cmds[@]}"; do
    if [[ "${names[$i]}" == *tmpfs ]]; then
      args+=(--prepare "rm -rf $shm/fixcopy && cp -r $CORPUS $shm/fixcopy && chmod -R u+w $shm/fixcopy")
    elif [[ "${names[$i]}" == "postlint --fix"* || "${names[$i]}" == "write floor"* ]]; then
      # sync: the copy's own writeback is not part of the timed run.
      args+=(--prepare "rm -rf $work/fixcopy && cp -r $CORPUS $work/fixcopy && chmod -R u+w $work/fixcopy && sync")
    else
      args+=(--prepare true)
    fi
    args+=(-n "${names[$i]}" "${cmds[$i]}")
  done
  echo "# corpus: $(find "$CORPUS" -name '*.md' -o -name '*.markdown' | wc -l) files, $(du -sm "$CORPUS" | cut -f1) MB; $RUNS runs each" >&2
  hyperfine --runs "$RUNS" --warmup 1 -i --export-json "$work/corpus.json" --style basic "${args[@]}" >"$work/hyperfine.log" 2>&1
  # Peak memory, outside the timed runs (markdownlint-cli2 left out: its
  # shell glob takes a second layer of quoting).
  for i in "${!cmds[@]}"; do
    case "${names[$i]}" in
    markdownlint-cli2 | "postlint --fix"* | "write floor"*) ;;
    *) eval "rss \"\${names[$i]}\" ${cmds[$i]}" ;;
    esac
  done
  echo
  echo "## Corpus ($(find "$CORPUS" -name '*.md' -o -name '*.markdown' | wc -l) files), medians of $RUNS runs; ratio to postlint (default rules)"
  echo
  table "$work/corpus.json" "postlint (default rules)"
fi

if [[ " $SECTIONS " == *" large "* ]]; then
  # The corpus files that are valid UTF-8 (rumdl refuses a file that is not),
  # in path order.
  python3 - "$CORPUS" "$work/all.md" <<'PY'
import os, sys
paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(sys.argv[1]) for f in fs if f.endswith(".md"))
with open(sys.argv[2], "wb") as out:
    for p in paths:
        b = open(p, "rb").read()
        try:
            b.decode("utf-8")
        except UnicodeDecodeError:
            continue
        out.write(b)
PY
  sizes=(1 2 4 8 16 20)
  largs=()
  for mb in "${sizes[@]}"; do
    # A prefix cut at a line end, so that it stays valid UTF-8.
    head -c $((mb * 1024 * 1024)) "$work/all.md" | python3 -c 'import sys; b = sys.stdin.buffer.read(); sys.stdout.buffer.write(b[:b.rfind(b"\n") + 1])' >"$work/large-$mb.md"
    largs+=(-n "parse $mb MB" "$work/parseonly -j 1 $work/large-$mb.md")
    largs+=(-n "postlint $mb MB" "$pl $work/large-$mb.md")
  done
  largs+=(-n "postlint --preset markdownlint 20 MB" "$pl --preset markdownlint $work/large-20.md")
  if [ -n "$rumdl" ] && [ "${RUMDL_LARGE:-}" != "" ]; then
    largs+=(-n "rumdl 20 MB" "$rumdl check --no-cache $work/large-20.md")
  fi
  hyperfine --runs "${LARGE_RUNS:-3}" -i --export-json "$work/large.json" --style basic "${largs[@]}" >"$work/hyperfine-large.log" 2>&1
  rss "postlint 20 MB" "$pl" "$work/large-20.md"
  if [ -n "$rumdl" ] && [ "${RUMDL_LARGE:-}" != "" ]; then
    rss "rumdl 20 MB" "$rumdl" check --no-cache "$work/large-20.md"
  fi
  echo
  echo "## One large file (the corpus concatenated), medians of ${LARGE_RUNS:-3} runs"
  echo
  python3 - "$work/large.json" "$work/rss" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
print("| size | goldmark parse s | postlint s | postlint / parse | postlint s per MB |")
print("|---|---|---|---|---|")
for mb in (1, 2, 4, 8, 16, 20):
    p, l = r.get(f"parse {mb} MB"), r.get(f"postlint {mb} MB")
    if p and l:
        print(f"| {mb} MB | {p:.2f} | {l:.2f} | {l/p:.2f}x | {l/mb:.3f} |")
if "postlint --preset markdownlint 20 MB" in r:
    print(f"\npostlint --preset markdownlint on 20 MB: {r['postlint --preset markdownlint 20 MB']:.2f} s")
if "rumdl 20 MB" in r:
    print(f"\nrumdl on 20 MB: {r['rumdl 20 MB']:.1f} s")
for line in open(sys.argv[2]):
    name, kb = line.rstrip("\n").rsplit("\t", 1)
    if name.endswith(" 20 MB") and kb.isdigit():
        print(f"\n{name.split()[0]} peak RSS on 20 MB: {int(kb)//1024} MB")
PY
fi

if [[ " $SECTIONS " == *" startup "* ]]; then
  printf -- '---\ntitle: A small post\n---\n\n# A small post\n\nIt has a [link](https://example.com) and some *text*.\n' >"$work/small.md"
  hyperfine --runs 50 --warmup 5 -N --export-json "$work/startup.json" --style basic \
    -n "postlint --version" "$pl --version" \
    -n "postlint small.md" "$pl $work/small.md" >"$work/hyperfine-startup.log" 2>&1
  echo
  echo "## Start-up, medians of 50 runs"
  echo
  python3 - "$work/startup.json" <<'PY'
import json, sys
for x in json.load(open(sys.argv[1]))["results"]:
    print(f"- {x['command']}: {x['median']*1000:.1f} ms (min {x['min']*1000:.1f} ms)")
PY
fi
echo
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
