package postlint_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCustomBinary builds examples/customlint — a module of its own that
// registers a rule and calls postlint.Main — runs its tests, and runs the
// binary: the plugin path works end to end.
func TestCustomBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	dir := filepath.Join("examples", "customlint")
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "customlint")
	run := func(name string, args ...string) (string, int) {
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly")
		out, err := cmd.CombinedOutput()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return string(out), code
	}
	if out, code := run(gobin, "build", "-o", bin, "."); code != 0 {
		t.Fatalf("go build in %s: %s(when postlint's dependencies change, run go mod tidy in %s)", dir, out, dir)
	}
	if out, code := run(gobin, "test", "./..."); code != 0 {
		t.Fatalf("go test in %s: %s", dir, out)
	}

	post := filepath.Join(tmp, "post.md")
	if err := os.WriteFile(post, []byte("Fixed in PROJ-123.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, code := run(bin, "--select", "ticket-link", post)
	if code != 0 || !strings.Contains(out, "warning ticket-link: ticket PROJ-123 is not linked") {
		t.Errorf("customlint: exit %d:\n%s", code, out)
	}
	out, _ = run(bin, "rules")
	if !strings.Contains(out, "ticket-link") || !strings.Contains(out, "misspelling") {
		t.Errorf("customlint rules lists its rule and the built-in ones:\n%s", out)
	}
	if out, code := run(bin, "--fix", "--select", "ticket-link", post); code != 0 {
		t.Fatalf("customlint --fix: exit %d\n%s", code, out)
	}
	fixed, _ := os.ReadFile(post)
	if want := "Fixed in [PROJ-123](https://tracker.example.com/browse/PROJ-123).\n"; string(fixed) != want {
		t.Errorf("fixed: %q, want %q", fixed, want)
	}
}
