package document

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/postlint/postlint/rules"
)

// BenchmarkProseChunks measures building the prose chunks (the masked text
// the prose rules read) of the project's test posts, the part of Load after
// parsing; internal/lint's BenchmarkStage* measure the other stages.
func BenchmarkProseChunks(b *testing.B) {
	var docs []*rules.Document
	var size int64
	for _, glob := range []string{"../../testdata/posts/*.md", "../../rules/testdata/*/*.md"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			docs = append(docs, Load(f, src))
			size += int64(len(src))
		}
	}
	if len(docs) == 0 {
		b.Skip("no posts")
	}
	b.SetBytes(size)
	for b.Loop() {
		for _, d := range docs {
			proseChunks(d)
		}
	}
}
