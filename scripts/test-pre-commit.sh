#!/usr/bin/env bash
# The pre-commit hooks of .pre-commit-hooks.yaml, end to end with the real
# pre-commit (Debian package pre-commit), on a temporary git repository:
#   1. pre-commit try-repo: the postlint hook fails on a damaged post;
#   2. the postlint-fix hook repairs it (and fails, as pre-commit does when a
#      hook changes files); then the postlint hook passes;
#   3. a clean post passes;
#   4. installed as the git hook (pre-commit install): committing a damaged
#      post is refused, committing the fixed one succeeds.
# The hooks are `language: golang`: pre-commit builds postlint with
# `go install ./...`. After `go mod download` the test runs with GOPROXY=off,
# which proves the install needs no network once the module cache is filled.
# The uncommitted state of this checkout is what is tested (as try-repo does).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

if ! command -v pre-commit >/dev/null; then
  echo "test-pre-commit: pre-commit is not installed (Debian: apt-get install pre-commit); skipped"
  exit 0
fi
echo "test-pre-commit: $(pre-commit --version), $(go version)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PRE_COMMIT_HOME="$tmp/pre-commit-home"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=postlint-test GIT_AUTHOR_EMAIL=test@example.org
export GIT_COMMITTER_NAME=postlint-test GIT_COMMITTER_EMAIL=test@example.org
GOMODCACHE=$(go env GOMODCACHE)
export GOMODCACHE
(cd "$root" && go mod download)
export GOPROXY=off
unset GOBIN

fail() { echo "test-pre-commit: FAIL: $*"; exit 1; }

# A snapshot of this checkout, uncommitted changes and untracked files
# included, as the hook repository.
hooks="$tmp/hooks"
git clone -q "$root" "$hooks"
if ! git -C "$root" diff --quiet HEAD; then
  git -C "$root" diff --binary HEAD | git -C "$hooks" apply --whitespace=nowarn
fi
git -C "$root" ls-files -z --others --exclude-standard | while IFS= read -r -d '' f; do
  mkdir -p "$hooks/$(dirname "$f")"
  cp -p "$root/$f" "$hooks/$f"
done
git -C "$hooks" add -A
git -C "$hooks" commit -q --allow-empty -m "snapshot for test-pre-commit"
rev=$(git -C "$hooks" rev-parse HEAD)

# The project that uses the hooks.
work="$tmp/blog"
mkdir -p "$work/_posts"
cd "$work"
git init -q -b main
damaged='# Notes

We went to the cafÃ© and wrote teh first draft.
'
fixed='# Notes

We went to the café and wrote the first draft.
'
printf '%s' "$damaged" > _posts/damaged.md
printf '# Clean\n\nNothing wrong here.\n' > _posts/clean.md
printf 'not markdown: teh cafÃ©\n' > notes.txt
git add -A # staged, as files are when pre-commit runs

run() { # run NAME EXPECTED-STATUS COMMAND...: run, show the output, check the status
  local name=$1 want=$2; shift 2
  set +e
  "$@" > "$tmp/out" 2>&1
  local st=$?
  set -e
  sed 's/^/    /' "$tmp/out"
  if [ "$want" = 0 ] && [ "$st" != 0 ]; then fail "$name: exit status $st, want 0"; fi
  if [ "$want" != 0 ] && [ "$st" = 0 ]; then fail "$name: passed, want a failure"; fi
  echo "test-pre-commit: ok: $name"
  passed=$((passed + 1))
}
passed=0

run "try-repo postlint fails on a damaged post" 1 \
  pre-commit try-repo "$hooks" postlint --ref "$rev" --files _posts/damaged.md notes.txt
grep -q 'mojibake "Ã©" should read "é"' "$tmp/out" || fail "the mojibake finding is not in the hook's output"
grep -q '"teh" is a misspelling of "the"' "$tmp/out" || fail "the misspelling finding is not in the hook's output"
grep -q 'notes.txt' "$tmp/out" && fail "a file that is not Markdown was passed to the hook"

run "try-repo postlint-fix repairs it" 1 \
  pre-commit try-repo "$hooks" postlint-fix --ref "$rev" --files _posts/damaged.md
grep -q 'files were modified by this hook' "$tmp/out" || fail "pre-commit did not see the fix change the file"
[ "$(cat _posts/damaged.md)" = "$(printf '%s' "$fixed")" ] || fail "the fixed post is: $(cat _posts/damaged.md)"

run "try-repo postlint passes on the repaired post" 0 \
  pre-commit try-repo "$hooks" postlint --ref "$rev" --files _posts/damaged.md
run "try-repo postlint passes on a clean post" 0 \
  pre-commit try-repo "$hooks" postlint --ref "$rev" --files _posts/clean.md

# As the installed git hook.
git reset -q
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: postlint
YAML
git add .pre-commit-config.yaml _posts/clean.md
git commit -q --no-verify -m "config and a clean post"
pre-commit install > /dev/null
printf '%s' "$damaged" > _posts/damaged.md
git add _posts/damaged.md
run "git commit of a damaged post is refused" 1 git commit -q -m "damaged post"
grep -q 'mojibake "Ã©" should read "é"' "$tmp/out" || fail "the commit was not refused by postlint"
git rev-parse -q --verify HEAD~1 > /dev/null && fail "the damaged post was committed"
printf '%s' "$fixed" > _posts/damaged.md
git add _posts/damaged.md
run "git commit of the fixed post succeeds" 0 git commit -q -m "fixed post"
[ "$(git log --format=%s -1)" = "fixed post" ] || fail "the fixed post was not committed"

echo "test-pre-commit: $passed passed, 0 failed"
