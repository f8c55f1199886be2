#!/usr/bin/env bash
# Agreement with markdownlint: runs markdownlint-cli2 (its defaults) and
# `postlint --preset markdownlint` over the same Markdown files, compares the
# findings as (file, line, rule) sets per rule and prints a table: rule,
# markdownlint findings, postlint findings, in both, recall (share of
# markdownlint's found by postlint) and precision (share of postlint's found
# by markdownlint). Rules below 98% either way are marked with *.
#
# Usage: scripts/compare-markdownlint.sh [options] [DIR]
#   DIR            Markdown to compare (default: $CORPUS, else ../shared/corpus,
#                  else ../../shared/corpus for a worktree)
#   -r, --rules L  only these rules (comma-separated MD ids or names)
#   -e, --examples N
#                  print up to N disagreements per rule and side, with
#                  markdownlint's message (default 0; with -r: 10)
#   --fresh        run markdownlint again (its output is cached by corpus
#                  content and version under ~/.cache/postlint-compare)
#   --tsv FILE     also write the table as tab-separated values
#   --doc          also write the table into docs/markdownlint-differences.md
#                  (between its agreement markers)
#
# Skips (exit 0) when markdownlint-cli2 or the corpus is absent;
# ../shared/bench/install-peers.sh installs markdownlint-cli2.
set -euo pipefail
cd "$(dirname "$0")/.."

rules="" examples="" fresh=0 tsv="" dir="" doc=""
while [ $# -gt 0 ]; do
  case "$1" in
    -r|--rules) rules=$2; shift 2 ;;
    -e|--examples) examples=$2; shift 2 ;;
    --fresh) fresh=1; shift ;;
    --tsv) tsv=$2; shift 2 ;;
    --doc) doc=$PWD/docs/markdownlint-differences.md; shift ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "compare-markdownlint: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) dir=$1; shift ;;
  esac
done
if [ -z "$dir" ]; then
  dir=${CORPUS:-../shared/corpus}
  # A worktree under wt/ sits one level deeper than the main checkout.
  [ -d "$dir" ] || [ -n "${CORPUS:-}" ] || [ ! -d ../../shared/corpus ] || dir=../../shared/corpus
fi
MDL=${MARKDOWNLINT_CLI2:-$HOME/.cache/postlint-peers/node/node_modules/.bin/markdownlint-cli2}
if [ ! -d "$dir" ]; then
  echo "compare-markdownlint: $dir not found; skipped"
  exit 0
fi
if [ ! -x "$MDL" ]; then
  echo "compare-markdownlint: markdownlint-cli2 not found at $MDL; skipped (../shared/bench/install-peers.sh installs it)"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/postlint" ./cmd/postlint

python3 - "$work" "$dir" "$MDL" "$rules" "$examples" "$fresh" "$tsv" "$doc" <<'PY'
import collections, hashlib, json, os, re, subprocess, sys

work, corpus, mdl, only, examples, fresh, tsv, doc = sys.argv[1:9]
corpus = os.path.abspath(corpus)
postlint = os.path.join(work, "postlint")
examples = int(examples) if examples else (10 if only else 0)

# The same files for both tools, relative to the corpus.
files = []
for root, dirs, names in os.walk(corpus):
    dirs[:] = sorted(d for d in dirs if d != "node_modules")
    for n in sorted(names):
        if n.endswith((".md", ".markdown")):
            files.append(os.path.relpath(os.path.join(root, n), corpus))
files.sort()
if not files:
    print(f"compare-markdownlint: no Markdown files under {corpus}; skipped")
    sys.exit(0)

def chunks(seq, n=1000):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]

# Empty configs, so that neither tool picks one up from the corpus or above.
empty_mdl = os.path.join(work, ".markdownlint-cli2.jsonc")
with open(empty_mdl, "w") as f:
    f.write('{"config": {"default": true}, "noBanner": true, "noProgress": true}\n')
empty_pl = os.path.join(work, ".postlint.yml")
open(empty_pl, "w").close()

# markdownlint-cli2, cached by its version and the corpus content.
version = subprocess.run([mdl, "--help"], capture_output=True, text=True).stdout.splitlines()[0]
h = hashlib.sha256(version.encode())
for rel in files:
    h.update(rel.encode() + b"\0")
    with open(os.path.join(corpus, rel), "rb") as f:
        h.update(hashlib.sha1(f.read()).digest())
cache_dir = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "postlint-compare")
cache = os.path.join(cache_dir, h.hexdigest()[:24] + ".txt")
if fresh != "1" and os.path.exists(cache):
    with open(cache) as f:
        mdl_out = f.read()
    print(f"markdownlint: cached output of {version} ({cache})", file=sys.stderr)
else:
    print(f"markdownlint: running {version} on {len(files)} files ...", file=sys.stderr)
    out = []
    for part in chunks(files):
        p = subprocess.run([mdl, "--config", empty_mdl, "--"] + part, cwd=corpus, capture_output=True, text=True)
        if p.returncode not in (0, 1):
            sys.exit(f"markdownlint-cli2 failed (exit {p.returncode}):\n{p.stderr[-2000:]}")
        out.append(p.stdout + p.stderr)
    mdl_out = "".join(out)
    os.makedirs(cache_dir, exist_ok=True)
    with open(cache + ".tmp", "w") as f:
        f.write(mdl_out)
    os.replace(cache + ".tmp", cache)

line_re = re.compile(r"^(.+?):(\d+)(?::\d+)? (?:error|warning) (MD\d{3})/(\S+) (.*)$")
mdl_sets = collections.defaultdict(set)
mdl_msgs = {}
mdl_names = {}
for line in mdl_out.splitlines():
    m = line_re.match(line)
    if not m:
        continue
    path, ln, rule, names, msg = m.group(1), int(m.group(2)), m.group(3), m.group(4), m.group(5)
    mdl_sets[rule].add((path, ln))
    mdl_msgs.setdefault((rule, path, ln), msg)
    mdl_names[rule] = names.split("/")[0]

# postlint: its rule names and their markdownlint ids.
listing = subprocess.run([postlint, "rules"], capture_output=True, text=True, check=True).stdout
name_to_id = {}
for row in listing.splitlines()[1:]:
    cols = re.split(r"\s{2,}", row.strip())
    if len(cols) >= 2:
        for alias in cols[1].split(","):
            if re.fullmatch(r"MD\d{3}", alias):
                name_to_id[cols[0]] = alias
id_to_name = {v: k for k, v in name_to_id.items()}

print(f"postlint: running --preset markdownlint on {len(files)} files ...", file=sys.stderr)
pl_sets = collections.defaultdict(set)
pl_msgs = {}
troubles = []
for part in chunks(files):
    p = subprocess.run([postlint, "--config", empty_pl, "--preset", "markdownlint", "--format", "json", "--quiet", "--"] + part,
                       cwd=corpus, capture_output=True, text=True)
    if p.returncode not in (0, 1, 2) or not p.stdout.strip():
        sys.exit(f"postlint failed (exit {p.returncode}):\n{p.stderr[-2000:]}")
    troubles += [l for l in p.stderr.splitlines() if l.strip()]
    for f in json.loads(p.stdout)["findings"]:
        rule = name_to_id.get(f["rule"])
        if rule is None:
            continue
        pl_sets[rule].add((f["path"], f["line"]))
        pl_msgs.setdefault((rule, f["path"], f["line"]), f["message"])
if troubles:
    print(f"postlint: {len(troubles)} problems on stderr, e.g.: {troubles[0]}", file=sys.stderr)
# Files postlint refuses (binary, such as UTF-16) are compared by neither.
skipped = {m.group(1) for m in (re.match(r"postlint: (.+): binary file", l) for l in troubles) if m}
for sets in (mdl_sets, pl_sets):
    for rule in sets:
        sets[rule] = {k for k in sets[rule] if k[0] not in skipped}

# Every markdownlint rule, from markdownlint itself when it can say.
lister = os.path.join(work, "rules.mjs")
with open(lister, "w") as f:
    rules_mjs = os.path.join(os.path.dirname(os.path.realpath(mdl)), "..", "markdownlint", "lib", "rules.mjs")
    f.write(f"import rules from {json.dumps(rules_mjs)};\nfor (const r of rules) console.log(r.names[0], r.names[1]);\n")
p = subprocess.run(["node", lister], capture_output=True, text=True)
if p.returncode == 0:
    for row in p.stdout.splitlines():
        rid, name = row.split()
        mdl_names.setdefault(rid, name)

all_ids = sorted(set(mdl_sets) | set(id_to_name) | set(mdl_names))
if only:
    want = set()
    for w in only.split(","):
        w = w.strip()
        want.add(w.upper() if re.fullmatch(r"(?i)md\d{3}", w) else name_to_id.get(w, next((k for k, v in mdl_names.items() if v == w), w)))
    all_ids = [r for r in all_ids if r in want]

def pct(a, b):
    return "-" if b == 0 else f"{100 * a / b:.1f}"

rows = []
tm = tp = tb = 0
for rule in all_ids:
    a, b = mdl_sets.get(rule, set()), pl_sets.get(rule, set())
    both = len(a & b)
    name = id_to_name.get(rule) or mdl_names.get(rule, "")
    implemented = rule in id_to_name
    recall, precision = pct(both, len(a)), pct(both, len(b))
    low = implemented and ((a and both < 0.98 * len(a)) or (b and both < 0.98 * len(b)))
    rows.append((rule, name, len(a), len(b) if implemented else "-", both, recall if implemented else "-", precision if implemented else "-", "*" if low else ("missing" if not implemented else "")))
    tm += len(a); tp += len(b); tb += both

hdr = ("rule", "name", "markdownlint", "postlint", "both", "recall %", "precision %", "")
widths = [max(len(str(r[i])) for r in rows + [hdr]) for i in range(len(hdr))]
def show(r):
    print("  ".join(str(c).ljust(widths[i]) if i < 2 or i == 7 else str(c).rjust(widths[i]) for i, c in enumerate(r)).rstrip())
print(f"{len(files) - len(skipped)} files in {corpus}" + (f" ({len(skipped)} binary files that postlint skips left out)" if skipped else ""))
show(hdr)
for r in rows:
    show(r)
show(("total", "", tm, tp, tb, pct(tb, tm), pct(tb, tp), ""))
if tsv:
    with open(tsv, "w") as f:
        f.write("\t".join(hdr[:7]) + "\n")
        for r in rows:
            f.write("\t".join(str(c) for c in r[:7]) + "\n")

if doc:
    start, end = "<!-- agreement:start -->", "<!-- agreement:end -->"
    text = open(doc).read()
    i, j = text.find(start), text.find(end)
    if i < 0 or j < i:
        sys.exit(f"{doc}: no {start} ... {end} markers")
    def cell(v):
        return "—" if v == "-" else str(v)
    lines = [
        "",
        "Measured with `scripts/compare-markdownlint.sh --doc`:",
        f"{version} with its defaults against `postlint --preset markdownlint`,",
        f"on the {len(files) - len(skipped)} Markdown files of `{os.path.basename(corpus)}` (Jekyll docs and posts, Hugo",
        "content, PowerShell docs, the Rust book), findings compared as (file, line, rule) sets.",
        "Recall is the share of markdownlint's findings that postlint reports, precision the share",
        "of postlint's that markdownlint reports; every finding in the gaps is of a kind this page",
        "lists.",
        "",
        "| rule | markdownlint | postlint | both | recall % | precision % |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r[0]} {r[1]} | {r[2]} | {cell(r[3])} | {r[4]} | {cell(r[5])} | {cell(r[6])} |")
    lines.append(f"| total | {tm} | {tp} | {tb} | {pct(tb, tm)} | {pct(tb, tp)} |")
    lines.append("")
    with open(doc, "w") as f:
        f.write(text[:i + len(start)] + "\n".join(lines) + "\n" + text[j:])
    print(f"wrote the table into {doc}", file=sys.stderr)

if examples:
    for rule in all_ids:
        a, b = mdl_sets.get(rule, set()), pl_sets.get(rule, set())
        only_m, only_p = sorted(a - b), sorted(b - a)
        if not only_m and not only_p:
            continue
        print(f"\n== {rule} {id_to_name.get(rule) or mdl_names.get(rule, '')}: {len(only_m)} only markdownlint, {len(only_p)} only postlint")
        for path, ln in only_m[:examples]:
            print(f"  markdownlint only: {path}:{ln}: {mdl_msgs.get((rule, path, ln), '')}")
        for path, ln in only_p[:examples]:
            print(f"  postlint only:     {path}:{ln}: {pl_msgs.get((rule, path, ln), '')}")
PY
