#!/usr/bin/env bash
# Runs the offline link rules (broken-anchor, broken-local-link) over the
# Jekyll and Hugo corpora in ../shared/corpus (or $CORPUS) with the site
# layout and slug algorithm of each site, and prints the counts per rule and
# a sample of findings. The corpora hold only the Markdown files of their
# sites (no _config.yml, hugo.toml, images or static files), so the layout is
# configured here. Skips cleanly when the corpus is absent.
# Usage: scripts/links-corpus.sh [sample-size]
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/corpus}
SAMPLE=${1:-10}
if [ ! -d "$CORPUS/jekyll" ] || [ ! -d "$CORPUS/vitess" ]; then
  echo "links-corpus: $CORPUS/jekyll or $CORPUS/vitess not found; skipped"
  exit 0
fi
CORPUS=$(cd "$CORPUS" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/postlint" ./cmd/postlint

# jekyllrb.com: the Jekyll site is docs/; kramdown with GFM input.
cat >"$work/jekyll.yml" <<YML
rules:
  broken-anchor: {site: jekyll, root: $CORPUS/jekyll/docs, slug: jekyll}
  broken-local-link: {site: jekyll, root: $CORPUS/jekyll/docs}
YML
# vitess.io: Hugo, contentDir content/en, goldmark's default "github" ids.
cat >"$work/vitess.yml" <<YML
rules:
  broken-anchor: {site: hugo, root: $CORPUS/vitess/content/en, slug: hugo}
  broken-local-link: {site: hugo, root: $CORPUS/vitess/content/en}
YML

for site in jekyll vitess; do
  echo "== $site"
  (cd "$CORPUS/$site" && "$work/postlint" --config "$work/$site.yml" --select broken-anchor,broken-local-link --format json . \
    >"$work/$site.json" 2>"$work/$site.err") || true
  python3 - "$work/$site.json" "$SAMPLE" <<'PY'
import collections, json, random, sys
d = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
c = collections.Counter(f["rule"] for f in d["findings"])
print(f'{d["summary"]["files"]} files: ' + ", ".join(f"{r} {k}" for r, k in sorted(c.items())) if c else f'{d["summary"]["files"]} files: no findings')
random.seed(1)
for rule in sorted(c):
    fs = [f for f in d["findings"] if f["rule"] == rule]
    for f in random.sample(fs, min(n, len(fs))):
        print(f'  {f["path"]}:{f["line"]}:{f["column"]}: {rule}: {f["message"]}')
PY
done
