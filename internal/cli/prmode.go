package cli

import (
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/postlint/postlint/internal/config"
	"github.com/postlint/postlint/internal/git"
	"github.com/postlint/postlint/internal/report"
)

// Pull-request mode: which files a run lints (--changed-since, --shard),
// which findings it reports (--new-only), and the result cache (--cache).

func init() {
	extraFlags = append(extraFlags,
		&cli.StringFlag{Name: "changed-since", Usage: "lint only the Markdown files changed since the merge base of HEAD with this git `REF` (committed, staged, unstaged or untracked)"},
		&cli.BoolFlag{Name: "new-only", Usage: "with --changed-since: report only findings on lines added or changed since then"},
		&cli.StringFlag{Name: "shard", Usage: "lint only shard `I/N` (1 ≤ I ≤ N) of the files, split by path hash: N runs with the same arguments cover every file once"},
		&optionalFlag{Name: "cache", Default: ".postlint-cache", Usage: "reuse results of unchanged files: --cache keeps them in .postlint-cache, --cache=DIR in DIR"},
	)
}

// prMode narrows a run to part of the files and of the findings.
type prMode struct {
	newOnly       bool
	shard, shards int                  // 1-based shard of shards; 0 shards: no sharding
	changed       map[string]*git.File // --changed-since: by absolute path (symlinks resolved)
	cache         *resultCache         // nil without --cache
	openCache     func(r *runner, files []string) (*resultCache, error)
}

func newPRMode(c *cli.Context, cfg *config.Config, stdin bool) (*prMode, error) {
	p := &prMode{newOnly: c.Bool("new-only")}
	ref := c.String("changed-since")
	if p.newOnly && ref == "" {
		return nil, errors.New("--new-only needs --changed-since REF: it reports the findings on lines changed since REF")
	}
	if p.newOnly && c.Bool("fix") {
		return nil, errors.New("--new-only cannot be combined with --fix (fixes apply to whole files); use --fix --changed-since REF to fix the files changed since REF")
	}
	if s := c.String("shard"); s != "" {
		var err error
		if p.shard, p.shards, err = parseShard(s); err != nil {
			return nil, err
		}
	}
	if stdin && (ref != "" || p.shards > 0) {
		return nil, errors.New(`--changed-since and --shard select files; they cannot be combined with "-" (standard input)`)
	}
	if ref != "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		repo, err := git.Open(wd)
		if err != nil {
			return nil, fmt.Errorf("--changed-since: %w", err)
		}
		base, err := repo.MergeBase(ref)
		if err != nil {
			return nil, fmt.Errorf("--changed-since: %w", err)
		}
		files, err := repo.Changes(base)
		if err != nil {
			return nil, fmt.Errorf("--changed-since: %w", err)
		}
		p.changed = make(map[string]*git.File, len(files))
		for i := range files {
			p.changed[filepath.Join(repo.Root, filepath.FromSlash(files[i].Path))] = &files[i]
		}
	}
	if c.IsSet("cache") && !stdin && (c.Bool("check-urls") || c.Bool("check-fragments")) {
		// Link verdicts change with the world, not with the files.
		fmt.Fprintln(c.App.ErrWriter, "postlint: note: with --check-urls, --cache keeps link verdicts only (in DIR/urls), not file results (verdicts change over time)")
	} else if c.IsSet("cache") && !stdin {
		dir := c.Generic("cache").(*optionalValue).String()
		p.openCache = func(r *runner, files []string) (*resultCache, error) {
			return openResultCache(dir, cfg, c, r, files)
		}
	}
	return p, nil
}

func parseShard(s string) (i, n int, err error) {
	is, ns, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(is))
	n, err2 := strconv.Atoi(strings.TrimSpace(ns))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return 0, 0, fmt.Errorf("--shard %q: want I/N with 1 ≤ I ≤ N, e.g. --shard 2/4", s)
	}
	return i, n, nil
}

// shardOf returns the 0-based shard of a path: a hash of its cleaned,
// slash-separated form, the same on every machine.
func shardOf(path string, n int) int {
	h := fnv.New64a()
	h.Write([]byte(filepath.ToSlash(filepath.Clean(path))))
	return int(h.Sum64() % uint64(n))
}

// realPath returns the absolute path of a file with symlinks resolved, to
// compare it with git's paths.
func realPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	return abs
}

// selectFiles keeps the files changed since the base (with --changed-since)
// and of this shard (with --shard), in order, and opens the cache for them.
func (p *prMode) selectFiles(r *runner, files []string) ([]string, error) {
	files = p.narrow(files)
	if p.openCache != nil {
		rc, err := p.openCache(r, files)
		if err != nil {
			return nil, err
		}
		p.cache = rc
	}
	return files, nil
}

func (p *prMode) narrow(files []string) []string {
	if p.changed == nil && p.shards == 0 {
		return files
	}
	kept := files[:0:0]
	for _, f := range files {
		if p.changed != nil && p.changed[realPath(f)] == nil {
			continue
		}
		if p.shards > 0 && shardOf(f, p.shards) != p.shard-1 {
			continue
		}
		kept = append(kept, f)
	}
	return kept
}

// filter drops, with --new-only, the findings on none of the lines changed
// since the base. A finding counts when any line it spans was added or
// changed.
func (p *prMode) filter(f *report.File) {
	if !p.newOnly || f == nil {
		return
	}
	change := p.changed[realPath(f.Path)]
	if change == nil {
		f.Findings = nil
		return
	}
	if change.New {
		return
	}
	kept := f.Findings[:0]
	for _, fd := range f.Findings {
		first := f.Lines.Line(fd.Start)
		last := first
		if fd.End > fd.Start {
			last = f.Lines.Line(fd.End - 1)
		}
		for n := first; n <= last; n++ {
			if change.HasLine(n) {
				kept = append(kept, fd)
				break
			}
		}
	}
	f.Findings = kept
}

// finish ends a run: the cache writes what it learnt.
func (p *prMode) finish(r *runner) {
	if p.cache != nil {
		p.cache.flush(r)
	}
}

// fromCache answers for a file without reading it, when the cache can.
func (r *runner) fromCache(path string) (outcome, bool) {
	if r.pr == nil || r.pr.cache == nil {
		return outcome{}, false
	}
	return r.pr.cache.byStat(path)
}

// processFile is process with the cache and the --new-only filter.
func (r *runner) processFile(path string, src []byte) outcome {
	var o outcome
	if r.pr != nil && r.pr.cache != nil {
		o = r.pr.cache.process(r, path, src)
	} else {
		o = r.process(path, src)
	}
	if r.pr != nil {
		r.pr.filter(o.file)
	}
	return o
}

// optionalFlag is a string flag whose value may be left out: --cache means
// --cache=DEFAULT. (A value must follow "=": a separate word is a path.)
type optionalFlag struct {
	Name, Default, Usage string
}

func (f *optionalFlag) Apply(set *flag.FlagSet) error {
	set.Var(&optionalValue{def: f.Default}, f.Name, f.Usage)
	return nil
}

func (f *optionalFlag) Names() []string { return []string{f.Name} }
func (f *optionalFlag) IsSet() bool     { return false }
func (f *optionalFlag) IsVisible() bool { return true }
func (f *optionalFlag) String() string {
	return fmt.Sprintf("--%s[=DIR]\t%s", f.Name, f.Usage)
}

// optionalValue is a fresh value per run, so runs never share state.
type optionalValue struct {
	def, val string
	set      bool
}

func (v *optionalValue) IsBoolFlag() bool { return true }
func (v *optionalValue) Set(s string) error {
	v.set = true
	if s == "true" {
		s = v.def
	}
	if s == "" || s == "false" {
		return errors.New("want --cache or --cache=DIR")
	}
	v.val = s
	return nil
}

func (v *optionalValue) String() string {
	if v == nil {
		return ""
	}
	if v.set {
		return v.val
	}
	return v.def
}
