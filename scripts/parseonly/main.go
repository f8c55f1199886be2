// Command parseonly is the floor a goldmark-based linter is measured
// against: it reads every Markdown file under its arguments and parses each
// with postlint's goldmark configuration, on -j workers, and does nothing else.
// scripts/bench.sh times it beside postlint.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/yuin/goldmark/text"

	"github.com/postlint/postlint/internal/markdown"
)

func main() {
	jobs := flag.Int("j", runtime.GOMAXPROCS(0), "parallel workers")
	flag.Parse()
	var files []string
	for _, root := range flag.Args() {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".markdown")) {
				files = append(files, p)
			}
			return nil
		})
	}
	ch := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	nodes := 0
	for w := 0; w < *jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range ch {
				src, err := os.ReadFile(p)
				if err != nil {
					continue
				}
				doc := markdown.Parser().Parser().Parse(text.NewReader(src))
				mu.Lock()
				nodes += doc.ChildCount()
				mu.Unlock()
			}
		}()
	}
	for _, f := range files {
		ch <- f
	}
	close(ch)
	wg.Wait()
	fmt.Printf("%d files, %d top-level nodes\n", len(files), nodes)
}
