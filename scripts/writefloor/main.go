// Command writefloor is the floor of postlint --fix's writing: it rewrites
// each file named on its standard input (one path per line) with its own
// content, the way postlint writes a fixed file (internal/fsutil: a
// temporary file beside it, fsync, rename over the original), on -j
// workers, and does nothing else. scripts/bench.sh times it on the files a
// fix run rewrites, beside the fix run itself.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/postlint/postlint/internal/fsutil"
)

func main() {
	jobs := flag.Int("j", runtime.GOMAXPROCS(0), "parallel workers")
	flag.Parse()
	var files []string
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		if p := sc.Text(); p != "" {
			files = append(files, p)
		}
	}
	ch := make(chan string)
	var wg sync.WaitGroup
	var failed atomic.Int32
	for w := 0; w < *jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range ch {
				src, err := os.ReadFile(p)
				if err == nil {
					err = fsutil.WriteFileAtomic(p, src, 0o644)
				}
				if err != nil {
					fmt.Fprintln(os.Stderr, err)
					failed.Add(1)
				}
			}
		}()
	}
	for _, f := range files {
		ch <- f
	}
	close(ch)
	wg.Wait()
	fmt.Printf("%d files rewritten, %d failed\n", len(files)-int(failed.Load()), failed.Load())
	if failed.Load() > 0 {
		os.Exit(1)
	}
}
