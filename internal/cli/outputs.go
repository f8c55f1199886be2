package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/postlint/postlint/internal/report"
)

// Output formats: --format chooses the one on standard output (github by
// default inside GitHub Actions); --output FORMAT=FILE adds more, written in
// the same run (the GitHub Action writes annotations, SARIF and JSON at once).

func init() {
	extraFlags = append(extraFlags, &repeatedFlag{
		Name:        "output",
		Placeholder: "FORMAT=FILE",
		Usage:       "also write the report in FORMAT to FILE (repeatable), e.g. --output sarif=postlint.sarif",
	})
}

// chooseFormat returns the format for standard output: --format when given,
// github when running in GitHub Actions, text otherwise.
func chooseFormat(c *cli.Context, env Env) string {
	if !c.IsSet("format") && env.Getenv("GITHUB_ACTIONS") == "true" {
		return "github"
	}
	return c.String("format")
}

// withOutputs adds the --output reporters to rep. Each writes to its own
// file with the options of the main one, without colour, context or the
// text summary.
func withOutputs(c *cli.Context, rep report.Reporter, o report.Options) (report.Reporter, error) {
	var specs []string
	if v, ok := c.Generic("output").(*repeatedValue); ok {
		specs = *v
	}
	if len(specs) == 0 {
		return rep, nil
	}
	var files []*os.File
	closeAll := func() error {
		var errs []error
		for _, f := range files {
			errs = append(errs, f.Close())
		}
		return errors.Join(errs...)
	}
	reps := []report.Reporter{rep}
	for _, spec := range specs {
		format, path, ok := strings.Cut(spec, "=")
		if !ok || format == "" || path == "" {
			_ = closeAll()
			return nil, fmt.Errorf("--output %q: want FORMAT=FILE, e.g. --output sarif=postlint.sarif (formats: %s)", spec, strings.Join(report.Formats(), ", "))
		}
		if _, err := report.New(format, report.Options{Out: io.Discard}); err != nil {
			_ = closeAll()
			return nil, fmt.Errorf("--output %s: %w", spec, unflag(err))
		}
		f, err := os.Create(path)
		if err != nil {
			_ = closeAll()
			return nil, fmt.Errorf("--output %s: %w", spec, err)
		}
		files = append(files, f)
		oo := o
		oo.Out, oo.Summary, oo.Color, oo.Context = f, nil, false, false
		if format == "github" {
			oo.Getenv = func(string) string { return "" } // one job summary is enough: the main report's
		}
		r, err := report.New(format, oo)
		if err != nil {
			_ = closeAll()
			return nil, err
		}
		reps = append(reps, r)
	}
	return report.Tee(closeAll, reps...), nil
}

// unflag drops the "--format" prefix of report.New's error.
func unflag(err error) error {
	msg := err.Error()
	if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "--format") {
		return errors.New(msg[i+2:])
	}
	return err
}

// repeatedFlag is a repeatable string flag whose values are kept whole (a
// file name may hold commas, which cli.StringSliceFlag would split on).
type repeatedFlag struct {
	Name, Placeholder, Usage string
}

func (f *repeatedFlag) Apply(set *flag.FlagSet) error {
	set.Var(&repeatedValue{}, f.Name, f.Usage) // a fresh value per run
	return nil
}

func (f *repeatedFlag) Names() []string { return []string{f.Name} }
func (f *repeatedFlag) IsSet() bool     { return false }
func (f *repeatedFlag) IsVisible() bool { return true }
func (f *repeatedFlag) String() string {
	return fmt.Sprintf("--%s %s\t%s", f.Name, f.Placeholder, f.Usage)
}

type repeatedValue []string

func (v *repeatedValue) Set(s string) error { *v = append(*v, s); return nil }
func (v *repeatedValue) String() string {
	if v == nil {
		return ""
	}
	return strings.Join(*v, " ")
}
