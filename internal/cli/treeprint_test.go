package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestTreePrintGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	writeFiles(t, dir, map[string]string{"a.md": "# A\n", "b.md": "# B\n", "img/x.png": "png", ".gitignore": "out/\n"})
	git("init", "-q")
	git("add", "-A")
	git("commit", "-qm", "base")
	files := []string{filepath.Join(dir, "a.md")}
	fingerprint := func() []byte {
		t.Helper()
		p, err := treePrint(dir, filepath.Join(dir, ".postlint-cache"), files)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	base := fingerprint()
	if !bytes.Equal(fingerprint(), base) {
		t.Fatal("the print of an unchanged tree changed")
	}
	steps := []struct {
		name   string
		do     func()
		change bool
	}{
		{"an ignored file appears", func() { writeFiles(t, dir, map[string]string{"out/site.html": "x"}) }, false},
		{"the cache directory fills", func() {
			writeFiles(t, dir, map[string]string{".postlint-cache/.gitignore": "*\n", ".postlint-cache/v1/x": "y"})
		}, false},
		{"a heading changes on disk", func() { writeFiles(t, dir, map[string]string{"b.md": "# Other\n"}) }, true},
		{"an untracked page appears", func() { writeFiles(t, dir, map[string]string{"c.md": "# C\n"}) }, true},
		{"a tracked image goes", func() { _ = os.Remove(filepath.Join(dir, "img", "x.png")) }, true},
	}
	prev := base
	for _, s := range steps {
		s.do()
		now := fingerprint()
		if changed := !bytes.Equal(now, prev); changed != s.change {
			t.Errorf("%s: print changed = %v, want %v", s.name, changed, s.change)
		}
		prev = now
	}
}
