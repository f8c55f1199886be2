package lint

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/postlint/postlint/rules"
)

// TestParallelRulesMatchSerial lints a file large enough for its rules to
// run concurrently, with every rule on, and checks that the findings are
// those of running the rules one after another (go test -race checks that
// the rules share the document safely).
func TestParallelRulesMatchSerial(t *testing.T) {
	files, _ := filepath.Glob("../../rules/testdata/*/*.md")
	if len(files) == 0 {
		t.Skip("no rule testdata")
	}
	// The threshold is lowered so that the test stays quick under -race.
	defer func(n int) { parallelRulesSize = n }(parallelRulesSize)
	parallelRulesSize = 64 << 10
	var big bytes.Buffer
	for big.Len() < parallelRulesSize {
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			big.Write(src)
			big.WriteString("\n\n")
		}
	}
	var all []string
	for _, r := range rules.All() {
		all = append(all, r.Name)
	}
	l, err := New(nil, Selection{Preset: PresetMarkdownlint, Select: all, Ignore: []string{"test-upper", "test-wrap", "test-flip"}})
	if err != nil {
		t.Fatal(err)
	}
	src := big.Bytes()
	parallel := l.Lint("big.md", src)

	parallelRulesSize = len(src) + 1
	serial := l.Lint("big.md", src)

	if len(parallel.Findings) == 0 {
		t.Fatal("no findings: the test lints nothing")
	}
	if len(parallel.Findings) != len(serial.Findings) {
		t.Fatalf("parallel: %d findings, serial: %d", len(parallel.Findings), len(serial.Findings))
	}
	for i := range serial.Findings {
		p, s := parallel.Findings[i], serial.Findings[i]
		if p.Rule != s.Rule || !reflect.DeepEqual(p.Diagnostic, s.Diagnostic) {
			t.Fatalf("finding %d: parallel %s %+v, serial %s %+v", i, p.Rule.Name, p.Diagnostic, s.Rule.Name, s.Diagnostic)
		}
	}
	if len(parallel.Errors) != len(serial.Errors) {
		t.Errorf("parallel: %d errors, serial: %d", len(parallel.Errors), len(serial.Errors))
	}
}
