// Command postlint lints, fixes and publishes Markdown posts.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"

	"golang.org/x/term"

	"github.com/postlint/postlint/internal/cli"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// A lint run allocates many short-lived ASTs over a small live
		// heap, so the collector ran often for little: letting the heap
		// grow to four times the live heap instead of two cuts a corpus
		// run's CPU by about a tenth, for a peak that stays below rumdl's
		// (see docs/performance.md). GOGC still overrides it.
		debug.SetGCPercent(300)
	}
	stop := profile()
	status := cli.Main(os.Args[1:], cli.Env{
		Stdin:          os.Stdin,
		Stdout:         os.Stdout,
		Stderr:         os.Stderr,
		Getenv:         os.Getenv,
		StdoutTerminal: isTerminal(os.Stdout),
		StderrTerminal: isTerminal(os.Stderr),
	})
	stop()
	os.Exit(status)
}

// profile starts the profiles that POSTLINT_CPUPROFILE and
// POSTLINT_MEMPROFILE name (files written for go tool pprof; see
// docs/performance.md) and returns the function that finishes them.
func profile() func() {
	var done []func()
	if path := os.Getenv("POSTLINT_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "postlint: POSTLINT_CPUPROFILE: %v\n", err)
		} else {
			done = append(done, func() {
				pprof.StopCPUProfile()
				if err := f.Close(); err != nil {
					fmt.Fprintf(os.Stderr, "postlint: POSTLINT_CPUPROFILE: %v\n", err)
				}
			})
		}
	}
	if path := os.Getenv("POSTLINT_MEMPROFILE"); path != "" {
		done = append(done, func() {
			f, err := os.Create(path)
			if err == nil {
				runtime.GC()
				err = pprof.Lookup("allocs").WriteTo(f, 0)
				if cerr := f.Close(); err == nil {
					err = cerr
				}
			}
			if err != nil {
				fmt.Fprintf(os.Stderr, "postlint: POSTLINT_MEMPROFILE: %v\n", err)
			}
		})
	}
	return func() {
		for _, d := range done {
			d()
		}
	}
}

// isTerminal reports whether f is a terminal. A character device is not
// enough: /dev/null is one, and output sent there (hyperfine, cron, some
// CI runners) must not get colours and source context.
func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd()))
}
