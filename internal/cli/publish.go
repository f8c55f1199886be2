package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/postlint/postlint/internal/lint"
	"github.com/postlint/postlint/internal/publish"
)

func init() {
	extraCommands = append(extraCommands, publishCommand)
}

var publishFlags = []cli.Flag{
	&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "the output directory (created if missing); its tree mirrors the input's"},
	&cli.BoolFlag{Name: "html", Usage: "also render each post to NAME.html (goldmark: GFM, footnotes, heading ids) and its front matter to NAME.json"},
	&cli.BoolFlag{Name: "check", Usage: "write nothing; exit 1 if publishing would change or refuse any file (like gofmt -l)"},
	&cli.StringFlag{Name: "config", Usage: "config file (default: .postlint.yml or .postlint.yaml in the working directory or a parent)"},
	&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.GOMAXPROCS(0), Usage: "files processed in parallel"},
	&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no summary"},
}

func publishCommand(env Env, status *int) *cli.Command {
	return &cli.Command{
		Name:      "publish",
		Usage:     "fix posts in memory and write clean copies that pass the gate",
		ArgsUsage: "PATH... --out DIR [--html] | --check PATH...",
		Description: "Lints each post, applies every safe fix in memory, and writes the result to --out when it passes\n" +
			"the gate: no error finding left, valid UTF-8, no byte order mark, NFC, LF line endings, one final\n" +
			"newline. Inputs are never modified. --out gets manifest.json: every input and output with their\n" +
			"sha256 and the fixes applied per rule.\n" +
			"Exit status: 0 all published (--check: nothing would change), 1 some file refused (--check: would\n" +
			"change), 2 usage error or bad input (nothing is written).",
		Flags: publishFlags,
		// Flags may follow the paths (postlint publish drafts/ --out site):
		// they are parsed here, not by urfave/cli.
		SkipFlagParsing: true,
		Action: func(c *cli.Context) error {
			s, err := runPublish(c, env)
			*status = s
			return err
		},
	}
}

// publishArgs are the parsed arguments of postlint publish.
type publishArgs struct {
	paths                []string
	out, config          string
	html, check, quiet   bool
	jobs                 int
	help                 bool
	outSet, explicitJobs bool
}

// parsePublishArgs parses flags anywhere among the paths; "--" ends flags.
func parsePublishArgs(args []string) (*publishArgs, error) {
	fs := flag.NewFlagSet("publish", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	for _, f := range publishFlags {
		if err := f.Apply(fs); err != nil {
			return nil, err
		}
	}
	help := fs.Bool("help", false, "")
	fs.BoolVar(help, "h", false, "")
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, fmt.Errorf("publish: %w (see postlint publish --help)", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			paths = append(paths, rest...)
			break
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
	a := &publishArgs{paths: paths, help: *help}
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "out", "o":
			a.out, a.outSet = f.Value.String(), true
		case "config":
			a.config = f.Value.String()
		case "html":
			a.html = f.Value.String() == "true"
		case "check":
			a.check = f.Value.String() == "true"
		case "quiet", "q":
			a.quiet = f.Value.String() == "true"
		case "jobs", "j":
			a.explicitJobs = true
			_, _ = fmt.Sscan(f.Value.String(), &a.jobs)
		}
	})
	if !a.explicitJobs {
		a.jobs = runtime.GOMAXPROCS(0)
	}
	return a, nil
}

func runPublish(c *cli.Context, env Env) (int, error) {
	a, err := parsePublishArgs(c.Args().Slice())
	if err != nil {
		return ExitTrouble, err
	}
	if a.help {
		return ExitClean, cli.ShowCommandHelp(c.Lineage()[1], "publish")
	}
	switch {
	case a.check && a.outSet:
		return ExitTrouble, errors.New("publish: --check writes nothing; it takes no --out")
	case !a.check && !a.outSet:
		return ExitTrouble, errors.New("publish needs --out DIR, the directory to publish into (or --check to only check)")
	case a.check && a.html:
		return ExitTrouble, errors.New("publish: --html needs --out")
	case len(a.paths) == 0:
		return ExitTrouble, errors.New("publish needs the posts to publish: files or directories")
	case a.outSet && a.out == "":
		return ExitTrouble, errors.New("publish: --out is empty")
	}
	for _, p := range a.paths {
		if p == "-" {
			return ExitTrouble, errors.New(`publish reads files, not standard input ("-")`)
		}
	}
	cfgPath := a.config
	if cfgPath == "" {
		cfgPath = c.String("config") // given before the subcommand
	}
	cfg, err := loadConfig(cfgPath)
	if err != nil {
		return ExitTrouble, err
	}
	if cfg, err = publish.GateConfig(cfg); err != nil {
		return ExitTrouble, err
	}
	linter, err := lint.New(cfg, lint.Selection{})
	if err != nil {
		return ExitTrouble, err
	}
	res, err := publish.Run(publish.Options{
		Inputs:  a.paths,
		Out:     a.out,
		HTML:    a.html,
		Check:   a.check,
		Linter:  linter,
		Jobs:    max(1, a.jobs),
		Version: version(),
	})
	if err != nil {
		var ie *publish.InputError
		if errors.As(err, &ie) {
			for _, p := range ie.Problems {
				fmt.Fprintf(env.Stderr, "postlint: %s\n", p)
			}
			if a.check {
				fmt.Fprintln(env.Stderr, "postlint: nothing was checked")
			} else {
				fmt.Fprintln(env.Stderr, "postlint: nothing was published")
			}
			return ExitTrouble, nil
		}
		return ExitTrouble, err
	}
	return reportPublish(env, a, res), nil
}

// reportPublish prints, per file, why it was refused (or, with --check, what
// would change), and a summary; it returns the exit status.
func reportPublish(env Env, a *publishArgs, res *publish.Result) int {
	var changed, refused, fixes, warnings int
	for _, f := range res.Files {
		for _, n := range f.Notes {
			fmt.Fprintf(env.Stderr, "postlint: %s: %s\n", f.Input, n)
		}
		warnings += f.Warnings
		n := 0
		for _, k := range f.Fixes {
			n += k
		}
		if !f.Passed() {
			refused++
			for _, r := range f.Reasons {
				fmt.Fprintf(env.Stdout, "%s:%s\n", f.Input, r)
			}
			if a.check {
				continue
			}
			fmt.Fprintf(env.Stdout, "%s: not published\n", f.Input)
			continue
		}
		if f.Changed {
			changed++
			fixes += n
			if a.check {
				fmt.Fprintf(env.Stdout, "%s: would change (%s)\n", f.Input, publishFixes(f.Fixes))
			}
		}
	}
	total := len(res.Files)
	if !a.quiet {
		var b strings.Builder
		if a.check {
			switch {
			case changed == 0 && refused == 0:
				fmt.Fprintf(&b, "all %d %s ready to publish", total, publishPlural(total, "file is", "files are"))
			default:
				fmt.Fprintf(&b, "%d of %d %s would change", changed, total, publishPlural(total, "file", "files"))
				if refused > 0 {
					fmt.Fprintf(&b, ", %d would be refused", refused)
				}
			}
		} else {
			fmt.Fprintf(&b, "published %d of %d %s to %s (%d changed by %d %s)", total-refused, total, publishPlural(total, "file", "files"), res.Out, changed, fixes, publishPlural(fixes, "fix", "fixes"))
			if refused > 0 {
				fmt.Fprintf(&b, "; %d refused", refused)
			}
		}
		if warnings > 0 {
			fmt.Fprintf(&b, "; %d %s left (postlint PATH lists them)", warnings, publishPlural(warnings, "warning", "warnings"))
		}
		fmt.Fprintln(env.Stderr, b.String())
	}
	switch {
	case refused > 0:
		return ExitFindings
	case a.check && changed > 0:
		return ExitFindings
	}
	return ExitClean
}

func publishFixes(fixes map[string]int) string {
	if len(fixes) == 0 {
		return "no fixes"
	}
	names := make([]string, 0, len(fixes))
	for r := range fixes {
		names = append(names, r)
	}
	sort.Strings(names)
	var parts []string
	for _, r := range names {
		parts = append(parts, fmt.Sprintf("%s %d", r, fixes[r]))
	}
	return strings.Join(parts, ", ")
}

func publishPlural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
