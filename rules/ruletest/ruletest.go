// Package ruletest runs a rule over testdata files and checks its findings and
// fixes, as golang.org/x/tools/go/analysis/analysistest does for analyzers.
//
// Each Markdown file in the directory states what the rule must report with
// HTML comments on the flagged line:
//
//	Read [more](link). <!-- want "placeholder" -->
//
// Several regexps may follow one want. Where a comment would disturb the rule
// (front matter, code blocks, headings), a side file NAME.md.want holds lines
// of the form `LINE "regexp"...`. Every finding must match an expectation on
// its line and every expectation must be matched: unexpected and missing
// findings both fail. When NAME.md.golden exists, fixing NAME.md must produce
// it byte for byte, and fixing the golden file again must change nothing. Run
// the tests with -update to write the golden files.
package ruletest

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/config"
	"github.com/postlint/postlint/internal/lint"
	"github.com/postlint/postlint/internal/source"
	"github.com/postlint/postlint/rules"
)

var update = flag.Bool("update", false, "write golden files")

// Run checks rule r against every *.md file in dir with its default options.
func Run(t *testing.T, dir string, r *rules.Rule) {
	t.Helper()
	RunWithOptions(t, dir, r, "")
}

// RunWithOptions is Run with rule options given as YAML ("locale: en-GB").
func RunWithOptions(t *testing.T, dir string, r *rules.Rule, options string) {
	t.Helper()
	linter := newLinter(t, r, options)
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata files in %s", dir)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			checkFile(t, linter, r, f)
		})
	}
}

// RunConfig checks the rules of the config file dir/.postlint.yml — those of
// its packs and definitions, and those its rules: and overrides: settings
// name — against every *.md file in dir, with the config's severities,
// options and overrides: every finding of those rules must be expected.
// Other rules do not run. Fixes apply unsafe fixes too when dir has a file
// named unsafe-fixes.
func RunConfig(t *testing.T, dir string) {
	t.Helper()
	cfg, err := config.Load(filepath.Join(dir, ".postlint.yml"))
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	all, err := lint.New(cfg, lint.Selection{})
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	wanted := make(map[*rules.Rule]bool)
	for _, p := range all.PackRules() {
		wanted[p.Rule] = true
	}
	settings := cfg.Rules
	for _, o := range cfg.Overrides {
		settings = append(settings, o.Rules...)
	}
	for _, s := range settings {
		if r := all.Lookup(s.Name); r != nil {
			wanted[r] = true
		}
	}
	var ignore []string
	for _, r := range all.Rules() {
		if !wanted[r] {
			ignore = append(ignore, r.Name)
		}
	}
	_, statErr := os.Stat(filepath.Join(dir, "unsafe-fixes"))
	linter, err := lint.New(cfg, lint.Selection{Ignore: ignore, UnsafeFixes: statErr == nil})
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata files in %s", dir)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			checkFile(t, linter, nil, f)
		})
	}
}

func newLinter(t *testing.T, r *rules.Rule, options string) *lint.Linter {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "rules:\n  %s:\n    severity: error\n", r.Name)
	for _, line := range strings.Split(strings.TrimSpace(options), "\n") {
		if line != "" {
			fmt.Fprintf(&b, "    %s\n", line)
		}
	}
	cfg, err := config.Parse("ruletest.yml", []byte(b.String()))
	if err != nil {
		t.Fatalf("options: %v", err)
	}
	l, err := lint.New(cfg, lint.Selection{Select: []string{r.Name}})
	if err != nil {
		t.Fatalf("options: %v", err)
	}
	return l
}

type expectation struct {
	line    int
	re      *regexp.Regexp
	matched bool
}

var (
	wantComment = regexp.MustCompile(`<!--\s*want((?:\s+"(?:[^"\\]|\\.)*")+)\s*-->`)
	quoted      = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
)

func checkFile(t *testing.T, linter *lint.Linter, r *rules.Rule, path string) {
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	exps := expectations(t, path, src)
	res := linter.Lint(path, src)
	for _, e := range res.Errors {
		t.Errorf("%s: %v", path, e)
	}
	lines := source.NewLines(src)
	for _, f := range res.Findings {
		line, col := lines.Position(f.Start)
		ok := false
		for _, e := range exps {
			if e.line == line && !e.matched && e.re.MatchString(f.Message) {
				e.matched, ok = true, true
				break
			}
		}
		if !ok {
			t.Errorf("%s:%d:%d: unexpected finding: %s: %s", path, line, col, f.Rule.Name, f.Message)
		}
	}
	for _, e := range exps {
		if !e.matched {
			t.Errorf("%s:%d: no finding matched %q", path, e.line, e.re)
		}
	}
	checkGolden(t, linter, r, path, src, res)
}

func expectations(t *testing.T, path string, src []byte) []*expectation {
	var exps []*expectation
	add := func(line int, list string) {
		for _, q := range quoted.FindAllString(list, -1) {
			s, err := strconv.Unquote(q)
			if err != nil {
				t.Fatalf("%s:%d: bad want %s: %v", path, line, q, err)
			}
			re, err := regexp.Compile(s)
			if err != nil {
				t.Fatalf("%s:%d: bad regexp %s: %v", path, line, q, err)
			}
			exps = append(exps, &expectation{line: line, re: re})
		}
	}
	for i, line := range bytes.Split(src, []byte("\n")) {
		for _, m := range wantComment.FindAllSubmatch(line, -1) {
			add(i+1, string(m[1]))
		}
	}
	if side, err := os.ReadFile(path + ".want"); err == nil {
		for i, line := range strings.Split(string(side), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			num, rest, _ := strings.Cut(line, " ")
			n, err := strconv.Atoi(num)
			if err != nil {
				t.Fatalf("%s.want:%d: want `LINE \"regexp\"...`", path, i+1)
			}
			add(n, rest)
		}
	}
	return exps
}

func checkGolden(t *testing.T, linter *lint.Linter, r *rules.Rule, path string, src []byte, res *lint.Result) {
	golden := path + ".golden"
	fr := linter.Fix(path, src)
	for _, e := range fr.Final.Errors {
		t.Errorf("%s: fixing: %v", path, e)
	}
	want, err := os.ReadFile(golden)
	if *update {
		if bytes.Equal(fr.Fixed, src) {
			_ = os.Remove(golden)
			return
		}
		if err := os.WriteFile(golden, fr.Fixed, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err != nil {
		if !bytes.Equal(fr.Fixed, src) {
			t.Errorf("%s: the rule fixes this file but %s does not exist (run with -update)", path, filepath.Base(golden))
		}
		return
	}
	if r != nil && !r.Fixable {
		t.Errorf("%s: rule %s is not fixable but a golden file exists", path, r.Name)
	}
	if !bytes.Equal(fr.Fixed, want) {
		t.Errorf("%s: fixed text differs from %s:\n%s", path, filepath.Base(golden), firstDiff(want, fr.Fixed))
	}
	again := linter.Fix(golden, want)
	if !bytes.Equal(again.Fixed, want) {
		t.Errorf("%s: fixing the golden file changes it again (not idempotent):\n%s", golden, firstDiff(want, again.Fixed))
	}
	if fr.Cycle {
		t.Errorf("%s: fixes cycled", path)
	}
	_ = res
}

// firstDiff describes the first differing line of two texts.
func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n want %q\n  got %q", i+1, w, g)
		}
	}
	return "(texts differ only in length)"
}

// Findings lints src with only rule r and returns "line:col: message" strings,
// sorted: a helper for table tests.
func Findings(t *testing.T, r *rules.Rule, options, src string) []string {
	t.Helper()
	linter := newLinter(t, r, options)
	res := linter.Lint("test.md", []byte(src))
	for _, e := range res.Errors {
		t.Errorf("%v", e)
	}
	var out []string
	for _, f := range res.Findings {
		line, col := res.Lines.Position(f.Start)
		out = append(out, fmt.Sprintf("%d:%d: %s", line, col, f.Message))
	}
	sort.Strings(out)
	return out
}
