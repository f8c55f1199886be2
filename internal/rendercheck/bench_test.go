package rendercheck_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/postlint/postlint/internal/config"
	"github.com/postlint/postlint/internal/document"
	"github.com/postlint/postlint/internal/fix"
	"github.com/postlint/postlint/internal/lint"
	"github.com/postlint/postlint/internal/rendercheck"
	"github.com/postlint/postlint/rules"
)

// pair is one proof to make: a document, its text after one fix pass, and
// the pass's edits.
type pair struct {
	orig, fixed *rules.Document
	edits       []fix.Edit
	size        int
}

// benchPairs takes the project's test posts (or, with
// POSTLINT_BENCH_CORPUS=DIR, every Markdown file under DIR) and builds the
// first fix pass of each with every rule on; a post without fixes gets a
// final newline, so that every pair is a full comparison.
func benchPairs(b *testing.B) []pair {
	b.Helper()
	var files []string
	if dir := os.Getenv("POSTLINT_BENCH_CORPUS"); dir != "" {
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (filepath.Ext(p) == ".md" || filepath.Ext(p) == ".markdown") {
				files = append(files, p)
			}
			return nil
		})
	} else {
		for _, glob := range []string{"../../testdata/posts/*.md", "../../rules/testdata/*/*.md"} {
			m, _ := filepath.Glob(glob)
			files = append(files, m...)
		}
	}
	var names []string
	for _, r := range rules.All() {
		names = append(names, r.Name)
	}
	l, err := lint.New(&config.Config{}, lint.Selection{Select: names})
	if err != nil {
		b.Fatal(err)
	}
	var pairs []pair
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		res := l.Lint(f, src)
		var fixes [][]fix.Edit
		for _, fd := range res.Findings {
			if fd.Fix != nil {
				var es []fix.Edit
				for _, e := range fd.Fix.Edits {
					es = append(es, fix.Edit{Start: e.Start, End: e.End, New: e.NewText})
				}
				fixes = append(fixes, es)
			}
		}
		edits, _ := fix.Merge(fixes)
		if len(edits) == 0 {
			edits = []fix.Edit{{Start: len(src), End: len(src), New: "\n"}}
		}
		out := fix.Apply(src, edits)
		pairs = append(pairs, pair{orig: res.Doc, fixed: document.Load(f, out), edits: edits, size: len(src)})
	}
	if len(pairs) == 0 {
		b.Skip("no posts")
	}
	return pairs
}

// BenchmarkCheck is the cost of the proof for one fix pass; compare it with
// BenchmarkLoad, the cost of loading (parsing) the same texts, which every
// pass of the fix loop pays anyway.
func BenchmarkCheck(b *testing.B) {
	pairs := benchPairs(b)
	var n int64
	for _, p := range pairs {
		n += int64(p.size)
	}
	b.SetBytes(n)
	for b.Loop() {
		for _, p := range pairs {
			if err := rendercheck.Check(p.orig, p.fixed, p.edits); err != nil {
				_ = err // a refusal costs the same walk
			}
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	pairs := benchPairs(b)
	var n int64
	for _, p := range pairs {
		n += int64(p.size)
	}
	b.SetBytes(n)
	for b.Loop() {
		for _, p := range pairs {
			document.Load(p.orig.Path, p.orig.Source)
		}
	}
}
