package ruledoc

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/postlint/postlint/rules"
)

var update = flag.Bool("update", false, "rewrite docs/rules")

//go:generate go test -run TestDocsUpToDate -update

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
