package ruledoc

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/postlint/postlint/rules"
)

var update = flag.Bool("update", false, "rewrite docs/rules and the README's rule table")

//go:generate go test -run TestDocsUpToDate|TestReadmeUpToDate -update

// TestDocsUpToDate fails when a page in docs/rules differs from what the
// rule's metadata generates; `go generate ./internal/ruledoc` rewrites them.
func TestDocsUpToDate(t *testing.T) {
	dir := filepath.Join("..", "..", "docs", "rules")
	want := map[string]bool{}
	for _, r := range rules.All() {
		name := r.Name + ".md"
		want[name] = true
		page := Markdown(r)
		p := filepath.Join(dir, name)
		if *update {
			if err := os.WriteFile(p, []byte(page), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("%s is missing: run go generate ./internal/ruledoc", p)
			continue
		}
		if string(got) != page {
			t.Errorf("%s is stale: run go generate ./internal/ruledoc", p)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !want[e.Name()] {
			t.Errorf("docs/rules/%s documents no rule", e.Name())
		}
	}
}

// TestReadmeUpToDate fails when the rule table in README.md (between the
// rules:start and rules:end markers) differs from what the registry
// generates; `go generate ./internal/ruledoc` rewrites it.
func TestReadmeUpToDate(t *testing.T) {
	p := filepath.Join("..", "..", "README.md")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := ReplaceReadmeTable(string(data), ReadmeTable())
	if !ok {
		t.Fatalf("README.md has no %s ... %s markers", ReadmeStart, ReadmeEnd)
	}
	if got == string(data) {
		return
	}
	if *update {
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Error("README.md's rule table is stale: run go generate ./internal/ruledoc")
}
