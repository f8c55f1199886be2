// Package cli is postlint's command line: flags become options, files are
// linted in parallel, results are reported in a stable order, and the exit
// status says what happened. The CLI is a function of its arguments and
// streams; main is a shim.
package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	udiff "github.com/aymanbagabas/go-udiff"
	"github.com/urfave/cli/v2"

	"github.com/postlint/postlint/internal/config"
	"github.com/postlint/postlint/internal/discover"
	"github.com/postlint/postlint/internal/fsutil"
	"github.com/postlint/postlint/internal/lint"
	"github.com/postlint/postlint/internal/report"
	"github.com/postlint/postlint/internal/ruledoc"
	"github.com/postlint/postlint/internal/textenc"
	"github.com/postlint/postlint/rules"
)

// Exit statuses.
const (
	ExitClean    = 0 // no error-severity findings remain
	ExitFindings = 1 // error-severity findings remain
	ExitTrouble  = 2 // usage, config or I/O error
)

// Version is set at build time with -ldflags "-X .../internal/cli.Version=v1.2.3";
// otherwise the module version from the build info is used.
var Version = ""

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// Env gives the CLI what it needs from its process.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// StdoutTerminal says whether stdout is a terminal (source context and
	// colour are shown only then).
	StdoutTerminal bool
	// StderrTerminal says whether stderr is a terminal (progress is shown
	// only then).
	StderrTerminal bool
}

// Main runs postlint with args (without the program name) and returns the
// exit status.
func Main(args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	status := ExitClean
	app := newApp(env, &status)
	if err := app.RunContext(context.Background(), append([]string{"postlint"}, args...)); err != nil {
		fmt.Fprintf(env.Stderr, "postlint: %v\n", err)
		return ExitTrouble
	}
	return status
}

// extraCommands and extraFlags let other files of this package add
// subcommands (publish) and flags without editing the app's definition. Each
// entry is a function of the environment and the exit-status cell.
var (
	extraCommands []func(env Env, status *int) *cli.Command
	extraFlags    []cli.Flag
	// beforeLint hooks run once the files to lint are known (none when
	// reading standard input, which a hook may read and replace in env)
	// and before any is linted; an error stops the run with exit status 2.
	beforeLint []func(c *cli.Context, env *Env, files []string) error
)

func newApp(env Env, status *int) *cli.App {
	cli.VersionPrinter = func(c *cli.Context) {
		fmt.Fprintf(c.App.Writer, "postlint %s (%s)\n", version(), runtime.Version())
	}
	app := &cli.App{
		Name:      "postlint",
		Usage:     "lint, fix and publish Markdown posts",
		UsageText: "postlint [options] [PATH...]\npostlint --fix [--diff] PATH...\ncat post.md | postlint --fix --stdin-filename post.md -\npostlint rules | version",
		Description: "Lints Markdown files and directories (recursing for *.md and *.markdown, honouring .gitignore).\n" +
			"Exit status: 0 clean, 1 error findings remain, 2 usage, config or I/O error.",
		Version:         version(),
		Writer:          env.Stdout,
		ErrWriter:       env.Stderr,
		HideHelpCommand: true,
		ExitErrHandler:  func(*cli.Context, error) {},
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "fix", Usage: "apply safe fixes and write the files"},
			&cli.BoolFlag{Name: "diff", Usage: "with --fix: print the fixes as a unified diff and write nothing"},
			&cli.StringFlag{Name: "format", Value: "text", Usage: "output format: " + strings.Join(report.Formats(), ", ")},
			&cli.StringSliceFlag{Name: "select", Usage: "run only these rules (comma-separated names or aliases)"},
			&cli.StringSliceFlag{Name: "ignore", Usage: "never run these rules (comma-separated names or aliases)"},
			&cli.StringFlag{Name: "config", Usage: "config file (default: .postlint.yml or .postlint.yaml in the working directory or a parent; else a markdownlint config)"},
			&cli.StringFlag{Name: "preset", Usage: "the rule set the config applies over: " + strings.Join(lint.Presets, ", ") + " (default: the config's preset, else default)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "report errors only, no warnings and no summary"},
			&cli.BoolFlag{Name: "no-color", Usage: "never colour the output (NO_COLOR is honoured too)"},
			&cli.StringFlag{Name: "stdin-filename", Usage: "the path of the text read from standard input (\"-\"), for messages and config matching"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.GOMAXPROCS(0), Usage: "files linted in parallel"},
			&cli.BoolFlag{Name: "unsafe-fixes", Usage: "with --fix: also apply fixes that may change meaning (spelling corrections, changes of case)"},
		},
		Commands: []*cli.Command{
			{
				Name:  "rules",
				Usage: "list every rule: name, aliases, fixable, default severity, summary (then the rules of the config's packs, with their files)",
				Action: func(c *cli.Context) error {
					linter, err := configLinter(c)
					if err != nil {
						*status = ExitTrouble
						return err
					}
					return listRules(env.Stdout, linter)
				},
			},
			{
				Name:      "explain",
				Usage:     "print a rule's documentation",
				ArgsUsage: "RULE",
				Action: func(c *cli.Context) error {
					if c.NArg() != 1 {
						*status = ExitTrouble
						return errors.New("explain needs one rule name or alias (see postlint rules)")
					}
					linter, err := configLinter(c)
					if err != nil {
						*status = ExitTrouble
						return err
					}
					r := linter.Lookup(c.Args().First())
					if r == nil {
						*status = ExitTrouble
						return fmt.Errorf("unknown rule %q%s; run 'postlint rules' for the list", c.Args().First(), config.DidYouMean(c.Args().First(), linter.Names()))
					}
					_, err = io.WriteString(env.Stdout, ruledoc.Markdown(r))
					return err
				},
			},
			{
				Name:  "version",
				Usage: "print the version",
				Action: func(c *cli.Context) error {
					cli.VersionPrinter(c)
					return nil
				},
			},
		},
		OnUsageError: func(c *cli.Context, err error, isSubcommand bool) error {
			return fmt.Errorf("%w (see postlint --help)", err)
		},
		Action: func(c *cli.Context) error {
			s, err := run(c, env)
			*status = s
			return err
		},
	}
	app.Flags = append(app.Flags, extraFlags...)
	for _, mk := range extraCommands {
		app.Commands = append(app.Commands, mk(env, status))
	}
	return app
}

// configLinter is the linter of the config (--config or found), for the
// subcommands that list and explain rules: pack rules are per config.
func configLinter(c *cli.Context) (*lint.Linter, error) {
	cfg, err := loadConfig(c.String("config"))
	if err != nil {
		return nil, err
	}
	return lint.New(cfg, lint.Selection{})
}

func listRules(w io.Writer, linter *lint.Linter) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tALIASES\tFIXABLE\tSEVERITY\tSUMMARY")
	for _, r := range rules.All() {
		aliases := strings.Join(r.Aliases, ",")
		if aliases == "" {
			aliases = "-"
		}
		fixable := "no"
		if r.Fixable {
			fixable = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Name, aliases, fixable, r.Severity, r.Doc.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return listPackRules(w, linter)
}

func run(c *cli.Context, env Env) (int, error) {
	format := chooseFormat(c, env)
	fixMode := c.Bool("fix")
	diffMode := c.Bool("diff")
	if diffMode && !fixMode {
		return ExitTrouble, errors.New("--diff needs --fix (postlint --fix --diff PATH...)")
	}
	cfg, err := loadConfig(c.String("config"))
	if err != nil {
		return ExitTrouble, err
	}
	linter, err := lint.New(cfg, lint.Selection{Preset: c.String("preset"), Select: c.StringSlice("select"), Ignore: c.StringSlice("ignore"), UnsafeFixes: c.Bool("unsafe-fixes")})
	if err != nil {
		return ExitTrouble, err
	}
	linter.Prepare()
	if cfg.Markdownlint != nil && !c.Bool("quiet") {
		fmt.Fprintln(env.Stderr, markdownlintNotice(cfg, linter))
	}
	paths := c.Args().Slice()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	stdinMode := false
	for _, p := range paths {
		if p == "-" {
			stdinMode = true
		}
	}
	if stdinMode && len(paths) > 1 {
		return ExitTrouble, errors.New(`"-" (standard input) cannot be combined with other paths`)
	}
	pm, err := newPRMode(c, cfg, stdinMode)
	if err != nil {
		return ExitTrouble, err
	}

	color := env.StdoutTerminal && !c.Bool("no-color") && env.Getenv("NO_COLOR") == ""
	out := env.Stdout
	if stdinMode && fixMode {
		out = env.Stderr // stdout carries the fixed text or the diff
	}
	opts := report.Options{
		Out:     out,
		Summary: env.Stderr,
		Version: version(),
		Context: env.StdoutTerminal && out == env.Stdout,
		Color:   color,
		Quiet:   c.Bool("quiet"),
		Getenv:  env.Getenv,
	}
	rep, err := report.New(format, opts)
	if err == nil {
		rep, err = withOutputs(c, rep, opts)
	}
	if err != nil {
		return ExitTrouble, err
	}
	var timing *lint.Timing
	if env.Getenv("POSTLINT_TIMING") != "" {
		timing = lint.NewTiming()
		linter = linter.WithTiming(timing)
	}
	r := &runner{linter: linter, env: env, fix: fixMode, diff: diffMode, rep: rep, pr: pm, timing: timing}
	r.sum.FixMode = fixMode && !diffMode

	if stdinMode {
		if err := r.before(c, nil); err != nil {
			return ExitTrouble, err
		}
		r.stdin(c.String("stdin-filename"))
	} else {
		files, errs := discover.Files(paths)
		for _, e := range errs {
			r.trouble("%v", e)
		}
		var kept []string
		for _, f := range files {
			if !linter.Ignored(f) {
				kept = append(kept, f)
			}
		}
		if kept, err = pm.selectFiles(r, kept); err != nil {
			return ExitTrouble, err
		}
		if err := r.before(c, kept); err != nil {
			return ExitTrouble, err
		}
		r.files(kept, max(1, c.Int("jobs")))
		pm.finish(r)
	}
	if err := rep.Close(r.sum); err != nil {
		r.trouble("writing the report: %v", err)
	}
	if timing != nil {
		timing.Write(env.Stderr)
	}
	switch {
	case r.troubled:
		return ExitTrouble, nil
	case r.sum.Errors > 0:
		return ExitFindings, nil
	}
	return ExitClean, nil
}

func loadConfig(path string) (*config.Config, error) {
	if path == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		path, err = config.Find(wd)
		if err != nil {
			return nil, err
		}
		if path == "" {
			// No postlint config: a markdownlint one, if the project has it.
			path, err = config.FindMarkdownlint(wd)
			if err != nil {
				return nil, err
			}
			if path != "" {
				if rel, err := filepath.Rel(wd, path); err == nil {
					path = rel
				}
			}
		}
		if path == "" {
			return &config.Config{}, nil
		}
	}
	return config.Load(path)
}

// markdownlintNotice says which markdownlint config is used and what of it
// postlint ignores; it is printed once, on stderr.
func markdownlintNotice(cfg *config.Config, linter *lint.Linter) string {
	m := cfg.Markdownlint
	if m.Unreadable {
		return fmt.Sprintf("postlint: found markdownlint config %s but cannot read JavaScript configs; using postlint's defaults (write a .postlint.yml or a .markdownlint.jsonc)", m.Path)
	}
	msg := "postlint: using markdownlint config " + strings.Join(m.Files, ", ")
	ignored := append(append([]string(nil), m.Ignored...), linter.IgnoredSettings()...)
	if len(ignored) > 0 {
		msg += "; ignored: " + strings.Join(ignored, ", ")
	}
	return msg
}

type runner struct {
	linter   *lint.Linter
	env      Env
	fix      bool
	diff     bool
	rep      report.Reporter
	sum      report.Summary
	troubled bool
	mu       sync.Mutex   // guards stderr writes from trouble
	pr       *prMode      // file selection, --new-only, --cache
	timing   *lint.Timing // POSTLINT_TIMING: time per stage and rule
}

func (r *runner) before(c *cli.Context, files []string) error {
	for _, h := range beforeLint {
		if err := h(c, &r.env, files); err != nil {
			return err
		}
	}
	return nil
}

func (r *runner) trouble(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.troubled = true
	fmt.Fprintf(r.env.Stderr, "postlint: "+format+"\n", args...)
}

// outcome is the work done on one file, handed from a worker to the ordered
// reporter.
type outcome struct {
	path     string
	err      error
	file     *report.File
	diff     string
	fixed    []byte
	problems []string // per-file notes for stderr (invalid UTF-8, rule errors)
	trouble  bool
}

func (r *runner) files(files []string, jobs int) {
	if len(files) > 1 && r.linter.Enabled("spelling") {
		t0 := time.Now()
		r.linter = r.linter.WithRunWords(runWords(files, jobs))
		if r.timing != nil {
			r.timing.AddStage("spelling vocabulary pre-pass, wall", time.Since(t0))
		}
	}
	lint.ForEach(len(files), jobs, func(i int) outcome {
		path := files[i]
		if o, ok := r.fromCache(path); ok {
			return o
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return outcome{path: path, err: fmt.Errorf("%s: cannot read: %w", path, unwrap(err))}
		}
		o := r.processFile(path, src)
		if r.fix && !r.diff && o.fixed != nil && !o.trouble {
			if err := fsutil.WriteFileAtomic(path, o.fixed, 0o644); err != nil {
				o.err = err
				// Nothing was written: report the findings of the original.
				res := r.linter.Lint(path, src)
				o.file = r.fileReport(path, res, 0)
			}
		}
		return o
	}, r.emit)
}

func (r *runner) stdin(name string) {
	if name == "" {
		name = "<stdin>"
	}
	src, err := io.ReadAll(r.env.Stdin)
	if err != nil {
		r.trouble("reading standard input: %v", err)
		return
	}
	o := r.process(name, src)
	r.emit(0, o)
	if r.fix && !r.diff {
		out := src
		if o.fixed != nil {
			out = o.fixed
		}
		if _, err := r.env.Stdout.Write(out); err != nil {
			r.trouble("writing the fixed text: %v", err)
		}
	}
}

// process lints (or fixes) one text; it runs on a worker.
func (r *runner) process(path string, src []byte) outcome {
	o := outcome{path: path}
	if isBinary(src) {
		o.err = fmt.Errorf("%s: binary file, not Markdown text; skipped", path)
		return o
	}
	var res *lint.Result
	applied := 0
	if r.fix {
		fr := r.linter.Fix(path, src)
		res = fr.Final
		for _, n := range fr.Applied {
			applied += n
		}
		if !bytes.Equal(fr.Fixed, src) {
			o.fixed = fr.Fixed
			if r.diff {
				o.diff = udiff.Unified("a/"+path, "b/"+path, string(src), string(fr.Fixed))
			}
		}
		if r.diff {
			// Nothing is written: what counts is the file as it is.
			res = r.linter.Lint(path, src)
		}
	} else {
		res = r.linter.Lint(path, src)
	}
	o.file = r.fileReport(path, res, applied)
	for _, e := range res.Errors {
		o.problems = append(o.problems, fmt.Sprintf("%s: internal error: %v", path, e))
	}
	// Text that is still not UTF-8 (not fixed, or not fixable) is bad
	// input, whatever the rules say.
	if u, ok := textenc.DetectUTF16(res.Doc.Source); ok {
		o.problems = append(o.problems, fmt.Sprintf("%s: UTF-16 (%s) text, not UTF-8; run postlint --fix to convert it", path, u.Order))
		o.trouble = true
	} else if !res.Doc.ValidUTF8 {
		line, col, b := firstInvalid(res)
		o.problems = append(o.problems, fmt.Sprintf("%s:%d:%d: not valid UTF-8 (byte 0x%02X); run postlint --fix to decode it as Windows-1252, or save the file as UTF-8", path, line, col, b))
		o.trouble = true
	}
	return o
}

func (r *runner) fileReport(path string, res *lint.Result, applied int) *report.File {
	return &report.File{Path: path, Source: res.Doc.Source, Lines: res.Lines, Findings: res.Findings, Fixed: applied}
}

// emit reports one outcome; it runs in file order.
func (r *runner) emit(_ int, o outcome) {
	if o.err != nil {
		r.trouble("%v", o.err)
	}
	for _, p := range o.problems {
		r.trouble("%s", p)
	}
	if o.file == nil {
		return
	}
	r.sum.Files++
	if r.diff {
		if o.diff != "" {
			if _, err := io.WriteString(r.env.Stdout, o.diff); err != nil {
				r.trouble("writing the diff: %v", err)
			}
		}
		r.count(o.file)
		return
	}
	r.sum.Fixed += o.file.Fixed
	r.count(o.file)
	if err := r.rep.File(o.file); err != nil {
		r.trouble("writing the report: %v", err)
	}
}

func (r *runner) count(f *report.File) {
	for _, fd := range f.Findings {
		switch fd.Severity {
		case rules.Error:
			r.sum.Errors++
		case rules.Warning:
			r.sum.Warnings++
		}
		if fd.Fix != nil {
			r.sum.Fixable++
		}
	}
}

func firstInvalid(res *lint.Result) (line, col int, b byte) {
	src := res.Doc.Source
	for i := 0; i < len(src); {
		r, size := decodeRune(src[i:])
		if r < 0 {
			line, col = res.Lines.Position(i)
			return line, col, src[i]
		}
		i += size
	}
	return 1, 1, 0
}

// isBinary reports whether src looks like a binary file: a NUL byte in its
// first 8000 bytes, as git decides, unless it is UTF-16 text.
func isBinary(src []byte) bool {
	if bytes.IndexByte(src[:min(len(src), 8000)], 0) < 0 {
		return false
	}
	_, utf16 := textenc.DetectUTF16(src)
	return !utf16
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
