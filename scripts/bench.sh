#!/usr/bin/env bash
# Times postlint against its peers on the real corpus with hyperfine and prints
# a table of medians and ratios. Peers that are not installed are skipped
# (../shared/bench/install-peers.sh installs them); the corpus is
# ../shared/corpus (or $CORPUS) and the script skips cleanly without it.
#   RUNS=5 scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/corpus}
PEERS=${PEERS:-$HOME/.cache/postlint-peers}
RUNS=${RUNS:-5}
if [ ! -d "$CORPUS" ]; then echo "bench: $CORPUS not found; skipped"; exit 0; fi
if ! command -v hyperfine >/dev/null; then echo "bench: hyperfine not installed (apt-get install hyperfine); skipped"; exit 0; fi
CORPUS=$(cd "$CORPUS" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/postlint" ./cmd/postlint
go build -o "$work/parseonly" ./scripts/parseonly

cmds=()
names=()
add() { names+=("$1"); cmds+=("$2"); }
add "goldmark parse only, 2 workers" "$work/parseonly -j 2 $CORPUS"
add "goldmark parse only, 1 worker" "$work/parseonly -j 1 $CORPUS"
add "postlint (default rules)" "$work/postlint --quiet $CORPUS"
if "$work/postlint" --help 2>/dev/null | grep -q -- '--preset'; then
  add "postlint --preset markdownlint" "$work/postlint --quiet --preset markdownlint $CORPUS"
fi
# --fix on a fresh copy each run (the copy is made in --prepare, not timed).
add "postlint --fix" "$work/postlint --quiet --fix $work/fixcopy"
rumdl=$(find "$PEERS/node/node_modules/@rumdl" -maxdepth 2 -type f -name rumdl 2>/dev/null | head -n 1 || true)
[ -n "$rumdl" ] && add "rumdl check --no-cache" "$rumdl check --no-cache $CORPUS"
[ -x "$PEERS/bin/misspell" ] && add "misspell" "$PEERS/bin/misspell $CORPUS"
mdl="$PEERS/node/node_modules/.bin/markdownlint-cli2"
[ -x "$mdl" ] && [ "${SKIP_MARKDOWNLINT:-}" = "" ] && add "markdownlint-cli2" "$mdl '$CORPUS/**/*.md'"

args=()
for i in "${!cmds[@]}"; do
  if [[ "${names[$i]}" == "postlint --fix" ]]; then
    args+=(--prepare "rm -rf $work/fixcopy && cp -r $CORPUS $work/fixcopy && chmod -R u+w $work/fixcopy")
  else
    args+=(--prepare true)
  fi
  args+=(-n "${names[$i]}" "${cmds[$i]}")
done
echo "bench: $RUNS runs of ${#cmds[@]} commands on $CORPUS ($(nproc) cores)" >&2
hyperfine --runs "$RUNS" --warmup 1 -i --export-json "$work/bench.json" --style basic "${args[@]}" >"$work/hyperfine.log" 2>&1

python3 - "$work/bench.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
base = {x["command"]: x["median"] for x in r}
pl = base.get("postlint (default rules)")
print(f"{'tool':40} {'median s':>9} {'ratio to postlint':>18}")
for x in r:
    ratio = x["median"] / pl if pl else float("nan")
    print(f"{x['command']:40} {x['median']:9.2f} {ratio:17.2f}x")
PY
