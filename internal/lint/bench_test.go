package lint

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/postlint/postlint/internal/document"
	"github.com/postlint/postlint/internal/frontmatter"
	"github.com/postlint/postlint/internal/liquid"
	"github.com/postlint/postlint/internal/markdown"
	"github.com/postlint/postlint/rules"
)

// benchPosts returns the project's own test posts (testdata/posts and the
// rule testdata), concatenated per file, for the per-stage benchmarks.
func benchPosts(b *testing.B) [][]byte {
	b.Helper()
	var posts [][]byte
	for _, glob := range []string{"../../testdata/posts/*.md", "../../rules/testdata/*/*.md"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			posts = append(posts, src)
		}
	}
	if len(posts) == 0 {
		b.Skip("no posts")
	}
	return posts
}

func size(posts [][]byte) int64 {
	var n int64
	for _, p := range posts {
		n += int64(len(p))
	}
	return n
}

func BenchmarkStageFrontMatter(b *testing.B) {
	posts := benchPosts(b)
	b.SetBytes(size(posts))
	for b.Loop() {
		for _, p := range posts {
			frontmatter.Parse(p)
		}
	}
}

func BenchmarkStageTemplates(b *testing.B) {
	posts := benchPosts(b)
	b.SetBytes(size(posts))
	for b.Loop() {
		for _, p := range posts {
			liquid.Scan(p, 0)
		}
	}
}

func BenchmarkStageParse(b *testing.B) {
	posts := benchPosts(b)
	b.SetBytes(size(posts))
	for b.Loop() {
		for _, p := range posts {
			markdown.Parse(p, 0)
		}
	}
}

// BenchmarkStageLoad is the whole document model: front matter, templates,
// parse and prose chunks.
func BenchmarkStageLoad(b *testing.B) {
	posts := benchPosts(b)
	b.SetBytes(size(posts))
	for b.Loop() {
		for _, p := range posts {
			document.Load("p.md", p)
		}
	}
}

// BenchmarkRule runs each rule alone over loaded documents.
func BenchmarkRule(b *testing.B) {
	posts := benchPosts(b)
	docs := make([]*rules.Document, len(posts))
	for i, p := range posts {
		docs[i] = document.Load("p.md", p)
	}
	l, err := New(nil, Selection{})
	if err != nil {
		b.Fatal(err)
	}
	for _, a := range l.base {
		if a.Rule.Name[:5] == "test-" {
			continue
		}
		b.Run(a.Rule.Name, func(b *testing.B) {
			b.SetBytes(size(posts))
			for b.Loop() {
				for _, d := range docs {
					pass := &rules.Pass{Document: d, Rule: a.Rule, Options: a.Options, Report: func(rules.Diagnostic) {}}
					_ = a.Rule.Run(pass)
				}
			}
		})
	}
}

func BenchmarkLint(b *testing.B) {
	posts := benchPosts(b)
	l, err := New(nil, Selection{Ignore: []string{"test-upper", "test-wrap"}})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size(posts))
	for b.Loop() {
		for _, p := range posts {
			l.Lint("p.md", p)
		}
	}
}

func BenchmarkFix(b *testing.B) {
	posts := benchPosts(b)
	l, err := New(nil, Selection{Ignore: []string{"test-upper", "test-wrap"}})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size(posts))
	for b.Loop() {
		for _, p := range posts {
			l.Fix("p.md", p)
		}
	}
}
