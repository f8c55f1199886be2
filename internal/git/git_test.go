package git_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/git"
)

// Repo is a scratch repository for tests.
type Repo struct {
	t   *testing.T
	Dir string
}

// NewRepo makes an empty repository with a committer identity, on branch main.
func NewRepo(t *testing.T) *Repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	r := &Repo{t: t, Dir: t.TempDir()}
	r.Git("init", "-q", "-b", "main")
	r.Git("config", "user.name", "Test")
	r.Git("config", "user.email", "test@example.org")
	r.Git("config", "commit.gpgsign", "false")
	return r
}

// Git runs git in the repository and returns its output.
func (r *Repo) Git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.Dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// Write writes a file (creating directories).
func (r *Repo) Write(name, text string) {
	r.t.Helper()
	p := filepath.Join(r.Dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func lines(n int, prefix string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(prefix)
		b.WriteString(strings.Repeat("x", i))
		b.WriteString("\n")
	}
	return b.String()
}

func TestChanges(t *testing.T) {
	r := NewRepo(t)
	r.Write("legacy.md", lines(10, "legacy "))
	r.Write("moved.md", lines(12, "moved "))
	r.Write("gone.md", "bye\n")
	r.Write("docs/with space é.md", "one\ntwo\n")
	r.Write("same.md", "unchanged\n")
	r.Git("add", "-A")
	r.Git("commit", "-qm", "base")
	r.Git("checkout", "-qb", "feature")

	// Change lines 3 and 7-8 of legacy.md, append one.
	legacy := strings.Split(lines(10, "legacy "), "\n")
	legacy[2] = "changed three"
	legacy[6], legacy[7] = "changed seven", "changed eight"
	r.Write("legacy.md", strings.Join(legacy, "\n")+"appended\n")
	// Rename with an edit on line 5.
	r.Git("mv", "moved.md", "docs/renamed.md")
	moved := strings.Split(lines(12, "moved "), "\n")
	moved[4] = "edited after the rename"
	r.Write("docs/renamed.md", strings.Join(moved, "\n"))
	r.Git("rm", "-q", "gone.md")
	r.Write("added.md", "new\nfile\n")
	r.Write("docs/with space é.md", "one\n2\n")
	r.Git("add", "-A")
	r.Git("commit", "-qm", "feature")
	// Uncommitted and untracked changes count too.
	r.Write("untracked.md", "draft\n")
	r.Write(".gitignore", "ignored.md\n")
	r.Write("ignored.md", "not mine\n")

	// main moves on after the branch: its changes are not the branch's.
	r.Git("checkout", "-q", "main")
	r.Write("same.md", "changed on main\n")
	r.Git("commit", "-qam", "main moves")
	r.Git("checkout", "-q", "feature")

	repo, err := git.Open(filepath.Join(r.Dir, "docs"))
	if err != nil {
		t.Fatal(err)
	}
	real, _ := filepath.EvalSymlinks(r.Dir)
	if repo.Root != real {
		t.Errorf("root %s, want %s", repo.Root, real)
	}
	base, err := repo.MergeBase("main")
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.TrimSpace(r.Git("rev-parse", "main~1")); base != want {
		t.Errorf("merge base %s, want %s", base, want)
	}
	files, err := repo.Changes(base)
	if err != nil {
		t.Fatal(err)
	}
	want := []git.File{
		{Path: ".gitignore", New: true},
		{Path: "added.md", New: true, Added: []git.Range{{1, 2}}},
		{Path: "docs/renamed.md", OldPath: "moved.md", Added: []git.Range{{5, 5}}},
		{Path: "docs/with space é.md", Added: []git.Range{{2, 2}}},
		{Path: "legacy.md", Added: []git.Range{{3, 3}, {7, 8}, {11, 11}}},
		{Path: "untracked.md", New: true},
	}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("changes:\n%+v\nwant\n%+v", files, want)
	}
	for _, f := range files {
		if f.Path == "legacy.md" {
			for n, in := range map[int]bool{1: false, 3: true, 4: false, 7: true, 8: true, 9: false, 11: true, 12: false} {
				if f.HasLine(n) != in {
					t.Errorf("legacy.md line %d: HasLine = %v", n, !in)
				}
			}
		}
	}
}

func TestMergeBaseErrors(t *testing.T) {
	r := NewRepo(t)
	r.Write("a.md", "a\n")
	r.Git("add", "-A")
	r.Git("commit", "-qm", "a")
	repo, err := git.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := repo.MergeBase("origin/nope"); err == nil || !strings.Contains(err.Error(), `unknown git revision "origin/nope"`) || !strings.Contains(err.Error(), "git fetch origin nope") {
		t.Errorf("unknown ref: %v", err)
	}
	if _, err := repo.MergeBase("--output=x"); err == nil {
		t.Error("an option was taken for a revision")
	}
	if _, err := git.Open(t.TempDir()); err == nil || !strings.Contains(err.Error(), "not inside a git working tree") {
		t.Errorf("outside a repository: %v", err)
	}
}

func TestParseDiff(t *testing.T) {
	diff := "diff --git \"a/tab\\there.md\" \"b/tab\\there.md\"\n" +
		"index 1..2 100644\n" +
		"--- \"a/tab\\there.md\"\n" +
		"+++ \"b/tab\\there.md\"\n" +
		"@@ -1 +1 @@\n-a\n+b\n" +
		"@@ -5,0 +6,3 @@\n+x\n+y\n+z\n" +
		"@@ -9,2 +11,0 @@\n-gone\n-gone\n" +
		"diff --git a/x y.md b/x y.md\n" +
		"--- a/x y.md\t\n" +
		"+++ b/x y.md\t\n" +
		"@@ -2 +2,2 @@\n-a\n+b\n+c\n" +
		"diff --git a/old.md b/new.md\n" +
		"similarity index 100%\n" +
		"rename from old.md\n" +
		"rename to new.md\n"
	files, err := git.ParseDiff([]byte(diff))
	if err != nil {
		t.Fatal(err)
	}
	want := []git.File{
		{Path: "tab\there.md", Added: []git.Range{{1, 1}, {6, 8}}},
		{Path: "x y.md", Added: []git.Range{{2, 3}}},
		{Path: "new.md", OldPath: "old.md"},
	}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("got\n%+v\nwant\n%+v", files, want)
	}
	if _, err := git.ParseDiff([]byte("diff --git a/a b/a\n@@ bad @@\n")); err == nil {
		t.Error("a bad hunk header was accepted")
	}
}
