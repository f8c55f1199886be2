package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/postlint/postlint/rules"
)

// linted counts the documents the counting rule has seen: how many files a
// run really linted.
var linted atomic.Int64

func init() {
	// A rule that reports "FIXME" (fixable: it becomes "DONE") and counts
	// its runs.
	if err := rules.Register(&rules.Rule{
		Name:     "test-counting",
		Doc:      rules.Doc{Title: "Counts runs (tests only)"},
		Severity: rules.Error,
		Fixable:  true,
		Run: func(p *rules.Pass) error {
			linted.Add(1)
			for i := 0; ; {
				j := bytes.Index(p.Source[i:], []byte("FIXME"))
				if j < 0 {
					return nil
				}
				s := i + j
				p.Report(rules.Diagnostic{Start: s, End: s + 5, Message: "a FIXME is left",
					Fix: &rules.Fix{Message: "mark done", Edits: []rules.Edit{{Start: s, End: s + 5, NewText: "DONE"}}}})
				i = s + 5
			}
		},
	}); err != nil {
		panic(err)
	}
}

type runResult struct {
	status         int
	stdout, stderr string
	linted         int64
}

func runCached(t *testing.T, args ...string) runResult {
	t.Helper()
	var out, errb bytes.Buffer
	before := linted.Load()
	st := Main(args, Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }})
	return runResult{st, out.String(), errb.String(), linted.Load() - before}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCache runs the CLI twice and more on the same files and checks what
// the second run re-lints, that its output is the same, and what changes
// the key. (Not parallel: the counter is shared.)
func TestCache(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{
		"a.md":          "# A\n\nA FIXME here.\n",
		"b.md":          "# B\n\nClean.\n",
		"docs/c.md":     "# C\n\nFIXME and FIXME.\n",
		".postlint.yml": "rules:\n  misspelling: off\n",
	})
	cache := "--cache=" + filepath.Join(dir, "cache")
	args := []string{cache, "--select", "test-counting", "a.md", "b.md", "docs"}

	cold := runCached(t, args...)
	if cold.status != ExitFindings || cold.linted != 3 {
		t.Fatalf("cold run: status %d, linted %d files; want 1, 3\n%s%s", cold.status, cold.linted, cold.stdout, cold.stderr)
	}
	warm := runCached(t, args...)
	if warm.linted != 0 {
		t.Errorf("warm run linted %d files, want 0", warm.linted)
	}
	if warm.status != cold.status || warm.stdout != cold.stdout || warm.stderr != cold.stderr {
		t.Errorf("warm run differs:\n%d %s%s\nwant\n%d %s%s", warm.status, warm.stdout, warm.stderr, cold.status, cold.stdout, cold.stderr)
	}
	for _, format := range []string{"json", "sarif"} {
		a := runCached(t, append([]string{"--format", format}, args...)...)
		b := runCached(t, append([]string{"--format", format}, args[1:]...)...) // without the cache
		if a.stdout != b.stdout || a.linted != 0 {
			t.Errorf("--format %s: cached output differs (linted %d):\n%s\nwant\n%s", format, a.linted, a.stdout, b.stdout)
		}
	}

	// An edited file is re-linted, alone.
	writeFiles(t, dir, map[string]string{"b.md": "# B\n\nNow a FIXME.\n"})
	if r := runCached(t, args...); r.linted != 1 || !strings.Contains(r.stdout, "b.md:3:7") {
		t.Errorf("after editing b.md: linted %d, output\n%s", r.linted, r.stdout)
	}
	// The same path given otherwise is another key (rules see the path).
	if r := runCached(t, cache, "--select", "test-counting", "./a.md"); r.linted != 1 {
		t.Errorf("./a.md: linted %d, want 1", r.linted)
	}
	// Flags that change results change the key.
	if r := runCached(t, cache, "--select", "test-counting,mojibake", "a.md"); r.linted != 1 {
		t.Errorf("another --select: linted %d, want 1", r.linted)
	}
	// So does the config file.
	writeFiles(t, dir, map[string]string{".postlint.yml": "rules:\n  misspelling: warning\n"})
	if r := runCached(t, args...); r.linted != 3 {
		t.Errorf("after editing the config: linted %d, want 3", r.linted)
	}
	if r := runCached(t, args...); r.linted != 0 {
		t.Errorf("again: linted %d, want 0", r.linted)
	}

	// --fix: a cached file with something to fix is fixed, not skipped; the
	// fixed text is then cached too.
	r := runCached(t, append([]string{"--fix"}, args...)...)
	if r.status != ExitClean || r.linted == 0 {
		t.Fatalf("--fix: status %d, linted %d\n%s%s", r.status, r.linted, r.stdout, r.stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "docs", "c.md")); string(b) != "# C\n\nDONE and DONE.\n" {
		t.Errorf("--fix with a warm cache left c.md as %q", b)
	}
	if r := runCached(t, args...); r.linted != 0 || r.status != ExitClean {
		t.Errorf("after --fix: linted %d, status %d; the fixed texts should be cached", r.linted, r.status)
	}
}

// TestCacheDamage damages every segment: the run is correct (re-lints) and
// repairs the cache.
func TestCacheDamage(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{"a.md": "A FIXME.\n", "b.md": "Fine.\n"})
	cacheDir := filepath.Join(dir, "cache")
	args := []string{"--cache=" + cacheDir, "--select", "test-counting", "a.md", "b.md"}
	want := runCached(t, args...)
	segs, _ := filepath.Glob(filepath.Join(cacheDir, "v1", "*", "*.seg"))
	if len(segs) == 0 {
		t.Fatal("no segment written")
	}
	for _, s := range segs {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		b[len(b)-2] ^= 0xff
		if err := os.WriteFile(s, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := runCached(t, args...)
	if got.stdout != want.stdout || got.status != want.status || got.linted == 0 {
		t.Errorf("with a damaged cache: linted %d\n%s\nwant\n%s", got.linted, got.stdout, want.stdout)
	}
	if r := runCached(t, args...); r.linted != 0 || r.stdout != want.stdout {
		t.Errorf("the cache was not repaired: linted %d", r.linted)
	}
	// A cache that cannot be created is an error naming it.
	if err := os.WriteFile(filepath.Join(dir, "file"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runCached(t, "--cache="+filepath.Join(dir, "file"), "a.md"); r.status != ExitTrouble || !strings.Contains(r.stderr, "--cache=") {
		t.Errorf("cache in a file: status %d, %s", r.status, r.stderr)
	}
}

// TestHelperProcess is postlint when run by TestCacheConcurrentRuns.
func TestHelperProcess(t *testing.T) {
	if os.Getenv("POSTLINT_HELPER_PROCESS") != "1" {
		t.Skip("a helper for other tests")
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(Main(args, Env{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}))
}

// TestCacheConcurrentRuns runs postlint several times at once on one cache,
// as parallel CI jobs do (separate processes): every run reports the same,
// and the cache is whole afterwards.
func TestCacheConcurrentRuns(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	files := map[string]string{}
	var names []string
	for i := 0; i < 40; i++ {
		name := fmt.Sprintf("p%02d.md", i)
		files[name] = strings.Repeat("text FIXME\n", i%4)
		names = append(names, name)
	}
	writeFiles(t, dir, files)
	args := append([]string{"--cache=" + filepath.Join(dir, "cache"), "--select", "test-counting"}, names...)
	want := runCached(t, args[1:]...) // no cache
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			// Each run lints its own part first, so the runs write different
			// segments at the same time, and then all of it.
			for _, part := range [][]string{names[i*5 : i*5+10], names} {
				cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestHelperProcess$", "--"}, append(args[:3:3], part...)...)...)
				cmd.Env = append(os.Environ(), "POSTLINT_HELPER_PROCESS=1")
				var out, errb bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &errb
				_ = cmd.Run()
				if len(part) == len(names) && (cmd.ProcessState.ExitCode() != want.status || out.String() != want.stdout || errb.String() != want.stderr) {
					t.Errorf("run %d: %d\n%s%s", i, cmd.ProcessState.ExitCode(), out.String(), errb.String())
				}
			}
		}(i)
	}
	wg.Wait()
	if r := runCached(t, args...); r.linted != 0 || r.stdout != want.stdout {
		t.Errorf("after the concurrent runs: linted %d", r.linted)
	}
}

// TestCacheByStat: files unchanged since well before a run are answered
// from their size and modification time in the next (without being read);
// an edit, even one that keeps the size, is seen.
func TestCacheByStat(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{"a.md": "Clean text.\n", "b.md": "A FIXME.\n"})
	old := time.Now().Add(-time.Hour)
	for _, f := range []string{"a.md", "b.md"} {
		if err := os.Chtimes(f, old, old); err != nil {
			t.Fatal(err)
		}
	}
	args := []string{"--cache=" + filepath.Join(dir, "cache"), "--select", "test-counting", "a.md", "b.md"}
	first := runCached(t, args...)
	if first.linted != 2 {
		t.Fatalf("first run linted %d", first.linted)
	}
	// a.md is answered by its metadata, b.md (with findings) by its content.
	// To see that a.md is not read, change it behind the cache's back: same
	// size, same time (what git's index would not notice either).
	writeFiles(t, dir, map[string]string{"a.md": "FIXME text.\n"})
	if err := os.Chtimes("a.md", old, old); err != nil {
		t.Fatal(err)
	}
	r := runCached(t, args...)
	if r.linted != 0 || r.stdout != first.stdout {
		t.Errorf("second run linted %d; a.md was read although its metadata is known:\n%s", r.linted, r.stdout)
	}
	// The same size, a new time: re-linted.
	writeFiles(t, dir, map[string]string{"a.md": "FIXME text.\n"})
	if r := runCached(t, args...); r.linted != 1 || !strings.Contains(r.stdout, "a.md:1:1") {
		t.Errorf("after an edit: linted %d\n%s", r.linted, r.stdout)
	}
}

// runProc runs postlint in a process of its own (the link index is
// process-wide: in-process runs would share what it read).
func runProc(t *testing.T, args ...string) runResult {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestHelperProcess$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "POSTLINT_HELPER_PROCESS=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	_ = cmd.Run()
	return runResult{status: cmd.ProcessState.ExitCode(), stdout: out.String(), stderr: errb.String()}
}

// TestCacheCrossFile: the link rules read other files, so a change to
// another file is seen (a removed heading breaks a link to it, a new file
// mends one).
func TestCacheCrossFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{
		"a.md": "# A\n\nSee [the intro](b.md#intro) and [c](c.md).\n",
		"b.md": "# Intro\n\nText.\n",
	})
	args := []string{"--cache=" + filepath.Join(dir, "cache"), "--select", "broken-anchor,broken-local-link", "a.md"}
	first := runProc(t, args...)
	if first.status != ExitFindings || strings.Count(first.stdout, "\n") != 1 || !strings.Contains(first.stdout, "broken-local-link") {
		t.Fatalf("cold: status %d\n%s%s", first.status, first.stdout, first.stderr)
	}
	if r := runProc(t, args...); r.stdout != first.stdout {
		t.Fatalf("warm:\n%s", r.stdout)
	}
	writeFiles(t, dir, map[string]string{"b.md": "# Preface\n\nText.\n", "c.md": "# C\n"})
	r := runProc(t, args...)
	if r.status != ExitFindings || strings.Count(r.stdout, "\n") != 1 || !strings.Contains(r.stdout, "broken-anchor") {
		t.Errorf("after b.md lost its heading and c.md appeared: status %d\n%s%s", r.status, r.stdout, r.stderr)
	}
}
