// Package postlint runs the postlint command line, so that a program of
// your own can be postlint with more rules.
//
// postlint has no runtime plugin loading: a custom postlint is a Go program
// that registers its rules with
// [github.com/postlint/postlint/rules.Register] in an init function and
// calls [Main]. Everything else — configuration, directives, severities,
// --fix, output formats, postlint rules and explain — works for its rules as
// for the built-in ones. See examples/customlint for a complete module.
//
//	package main
//
//	import (
//		"os"
//
//		"github.com/postlint/postlint"
//		"github.com/postlint/postlint/rules"
//	)
//
//	func init() {
//		if err := rules.Register(TicketLink); err != nil {
//			panic(err)
//		}
//	}
//
//	func main() { os.Exit(postlint.Main()) }
package postlint

import (
	"os"

	"golang.org/x/term"

	"github.com/postlint/postlint/internal/cli"
)

// Main runs postlint with the process's arguments and standard streams and
// returns the exit status: 0 clean, 1 error findings remain, 2 usage,
// config or I/O error.
func Main() int {
	return cli.Main(os.Args[1:], cli.Env{
		Stdin:          os.Stdin,
		Stdout:         os.Stdout,
		Stderr:         os.Stderr,
		Getenv:         os.Getenv,
		StdoutTerminal: term.IsTerminal(int(os.Stdout.Fd())),
		StderrTerminal: term.IsTerminal(int(os.Stderr.Fd())),
	})
}
