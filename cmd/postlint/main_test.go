package main

import (
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/postlint/postlint/internal/cli"
)

var updateScripts = flag.Bool("update-scripts", false, "update testscript cmp files")

// TestMain lets the test binary act as the postlint command inside scripts,
// so the scripts exercise the real CLI: flags, exit statuses and streams.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"postlint": func() {
			os.Exit(cli.Main(os.Args[1:], cli.Env{
				Stdin:  os.Stdin,
				Stdout: os.Stdout,
				Stderr: os.Stderr,
				Getenv: os.Getenv,
				// Scripts may force the terminal form of the output.
				StdoutTerminal: os.Getenv("POSTLINT_TEST_TERMINAL") == "1",
			}))
		},
	})
}

// TestScripts runs testdata/script/*.txtar: the command-line contract.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "../../testdata/script",
		UpdateScripts:       *updateScripts,
		RequireExplicitExec: true,
	})
}
